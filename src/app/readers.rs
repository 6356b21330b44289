//! Readers the data passes through on its way in: a progress bar, a hash.

use std::io::{self, Read};

use sha2::{Digest, Sha256};

/// Advances a progress bar as bytes are read; clears it at the end.
pub(super) struct ProgressRead<R> {
    pub(super) inner: R,
    pub(super) bar: indicatif::ProgressBar,
}

impl<R: Read> Read for ProgressRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.inc(n as u64);
        if n == 0 {
            self.bar.finish_and_clear();
        }
        Ok(n)
    }
}

/// Passes bytes through while hashing them, so the data file is read once.
pub(super) struct Hashing<R> {
    pub(super) inner: R,
    pub(super) hasher: Sha256,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}
