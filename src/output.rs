//! Writing reports to their destination: atomically, by a temporary file
//! renamed into place, and stored on disk as they are written.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use anyhow::{Context as _, anyhow};

/// Writes beside the target and renames, so a failed run never leaves a
/// half-written report nor touches an existing one. A target that is not a
/// regular file (`/dev/null`, a named pipe) is written to as it is:
/// renaming over it would replace the device with a file. A symbolic link
/// stays a link: the file it points to is replaced.
pub fn write_atomically(path: &Path, bytes: &[u8], inputs: &[&Path]) -> anyhow::Result<()> {
    write_atomically_with(path, inputs, |out| Ok(out.write_all(bytes)?))
}

/// [`write_atomically`] with the content written by `write`.
pub fn write_atomically_with(
    path: &Path,
    inputs: &[&Path],
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let shown = path.display();
    if let Ok(target) = path.canonicalize()
        && inputs
            .iter()
            .any(|i| i.canonicalize().is_ok_and(|i| i == target))
    {
        return Err(anyhow!(
            "refusing to overwrite the input file {shown} / không ghi đè lên tệp đầu vào {shown}"
        ));
    }
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("cannot write / không ghi được {shown}"))?;
        return write(&mut out).with_context(|| format!("cannot write / không ghi được {shown}"));
    }
    let resolved;
    let path = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            resolved = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
            resolved.as_path()
        }
        _ => path,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(&dir)
        .with_context(|| format!("cannot write / không ghi được {shown}"))?;
    // A temporary file is private (0600); a report is for colleagues too.
    // Keep the mode of the file being replaced, else the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        let _ = std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(mode));
    }
    write_flushing_ahead(temp.as_file_mut(), write)
        .and_then(|()| Ok(temp.as_file().sync_all()?))
        .with_context(|| format!("cannot write / không ghi được {shown}"))?;
    temp.persist(path).map_err(|e| e.error).with_context(|| {
        format!("cannot write / không ghi được {shown} (if it is open in Excel, close it and retry / nếu tệp đang mở trong Excel, hãy đóng lại rồi thử lại)")
    })?;
    Ok(())
}

/// Every this many bytes written, the disk is asked to store them.
const FLUSH_EVERY: usize = 32 << 20;

/// Runs `write` on `file` while a helper thread has the disk store what
/// is written so far, every [`FLUSH_EVERY`] bytes: the final `sync_all`,
/// which a report must pass before it replaces the old one, then waits
/// only for the last stretch instead of the whole file (86 ms for a
/// 230 MB ranking here). The helper mostly waits on the disk. Its errors
/// are returned, as the final sync may no longer see them.
fn write_flushing_ahead(
    file: &mut File,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let Ok(flushed) = file.try_clone() else {
        // No second handle: the final sync does it all.
        return write(file);
    };
    std::thread::scope(|scope| {
        let (ask, asked) = mpsc::channel::<()>();
        let helper = scope.spawn(move || -> io::Result<()> {
            while asked.recv().is_ok() {
                // Requests made while storing are served by the next pass.
                while asked.try_recv().is_ok() {}
                flushed.sync_data()?;
            }
            Ok(())
        });
        let mut ahead = FlushingAhead {
            file,
            since: 0,
            ask,
        };
        let written = write(&mut ahead);
        drop(ahead);
        let stored = match helper.join() {
            Ok(stored) => stored,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        written.and_then(|()| Ok(stored?))
    })
}

/// A file that asks for what is written to be stored every
/// [`FLUSH_EVERY`] bytes.
struct FlushingAhead<'f> {
    file: &'f mut File,
    since: usize,
    ask: mpsc::Sender<()>,
}

impl Write for FlushingAhead<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.since += n;
        if self.since >= FLUSH_EVERY {
            self.since = 0;
            // A helper that has stopped leaves the work to the final sync.
            let _ = self.ask.send(());
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(all(test, unix))]
mod output_tests {
    use super::*;

    fn write(path: &Path, text: &str) -> anyhow::Result<()> {
        write_atomically_with(path, &[], |out| Ok(out.write_all(text.as_bytes())?))
    }

    #[test]
    fn a_named_pipe_is_written_to_not_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("out.csv");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // No mkfifo here: nothing to check.
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the pipe"))
        };
        write(&fifo, "rank,id\n").expect("written");
        // Checked before joining: a replaced pipe would leave the reader
        // waiting for ever.
        use std::os::unix::fs::FileTypeExt;
        let kind = std::fs::symlink_metadata(&fifo)
            .expect("still there")
            .file_type();
        assert!(kind.is_fifo(), "the pipe is still a pipe");
        assert_eq!(reader.join().expect("reader"), "rank,id\n");
    }

    #[test]
    fn a_symbolic_link_stays_a_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (file, link) = (dir.path().join("real.csv"), dir.path().join("link.csv"));
        std::fs::write(&file, "old").expect("write");
        std::os::unix::fs::symlink(&file, &link).expect("link");
        write(&link, "new").expect("written");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "new");
    }

    #[test]
    fn a_regular_file_is_replaced_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("out.csv");
        std::fs::write(&file, "a much longer old report").expect("write");
        write(&file, "new").expect("written");
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "new");
    }

    #[test]
    fn a_large_report_is_written_whole_while_stored_ahead() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("out.csv");
        // Several flushes' worth, written in odd-sized pieces.
        let piece: Vec<u8> = (0..100_003u32).map(|i| b'a' + (i % 26) as u8).collect();
        let pieces = FLUSH_EVERY / piece.len() * 3 + 1;
        write_atomically_with(&file, &[], |out| {
            for _ in 0..pieces {
                out.write_all(&piece)?;
            }
            Ok(())
        })
        .expect("written");
        let back = std::fs::read(&file).expect("read");
        assert_eq!(back.len(), piece.len() * pieces);
        assert!(back.chunks(piece.len()).all(|c| c == piece));
    }
}
