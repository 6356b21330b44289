//! Writing reports to their destination: atomically, by a temporary file
//! renamed into place, stored on disk as they are written, and removed if
//! the run is interrupted.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, mpsc};

use anyhow::Context as _;

use crate::app::messages::FileMessage;
use crate::i18n::Said;

/// Writes `bytes` to `path` as [`PendingFile`] does.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomically_with(path, |out| Ok(out.write_all(bytes)?))
}

/// Opens `path` as [`PendingFile::create`] does and writes it with `write`.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    PendingFile::create(path)?.write_with(write)
}

/// A file about to be written, opened before the work that fills it so
/// that an unwritable folder is known before a long run, not after.
///
/// A regular file is written beside the target and renamed over it, so a
/// failed or interrupted run never leaves a half-written report nor touches
/// an existing one. A target that is not a regular file (`/dev/null`, a
/// named pipe) is written to as it is: renaming over it would replace the
/// device with a file. A symbolic link stays a link: the file it points to
/// is replaced.
pub struct PendingFile {
    /// The target as the user named it, for messages.
    shown: String,
    how: Pending,
}

enum Pending {
    InPlace(File),
    Replacing { temp: TempBeside, target: PathBuf },
}

impl PendingFile {
    /// The target as the user named it.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    pub fn create(path: &Path) -> anyhow::Result<PendingFile> {
        let shown = path.display().to_string();
        let cannot = || {
            Said::new(FileMessage::CannotWrite {
                file: shown.clone(),
            })
        };
        let how = match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(Said::new(FileMessage::WriteToFolder { file: shown }).into());
            }
            Ok(m) if !m.is_file() => Pending::InPlace(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .with_context(cannot)?,
            ),
            existing => {
                let target = match std::fs::symlink_metadata(path) {
                    Ok(m) if m.file_type().is_symlink() => {
                        link_target(path).with_context(cannot)?
                    }
                    _ => path.to_path_buf(),
                };
                let dir = match target.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let temp = TempBeside::create(&dir, existing.ok().as_ref()).with_context(cannot)?;
                Pending::Replacing { temp, target }
            }
        };
        Ok(PendingFile { shown, how })
    }

    /// Writes the content with `write`, stores it on disk and, for a
    /// regular file, puts it in place of the target.
    pub fn write_with(
        self,
        write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let shown = self.shown;
        let cannot = || {
            Said::new(FileMessage::CannotWrite {
                file: shown.clone(),
            })
        };
        match self.how {
            Pending::InPlace(mut file) => write(&mut file).with_context(cannot),
            Pending::Replacing { mut temp, target } => {
                let file = temp.file.as_file_mut();
                write_flushing_ahead(file, write)
                    .and_then(|()| Ok(file.sync_all()?))
                    .with_context(cannot)?;
                temp.persist(&target).with_context(|| {
                    Said::new(FileMessage::CannotReplace {
                        file: shown.clone(),
                    })
                })
            }
        }
    }
}

/// Where writing through the symbolic link `path` lands: the file it
/// points to, or, for a link to a file not made yet, that file's path (as
/// a shell's `>` writes it), followed link by link; the link stays a link.
/// A loop of links is an error, as the system reports it.
fn link_target(path: &Path) -> io::Result<PathBuf> {
    match path.canonicalize() {
        Ok(target) => Ok(target),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // As many links as the system follows before it says "loop".
            const MOST_LINKS: usize = 40;
            let mut at = path.to_path_buf();
            for _ in 0..MOST_LINKS {
                match std::fs::symlink_metadata(&at) {
                    Ok(m) if m.file_type().is_symlink() => {
                        let next = std::fs::read_link(&at)?;
                        at = match at.parent() {
                            Some(dir) if next.is_relative() => dir.join(next),
                            _ => next,
                        };
                    }
                    _ => return Ok(at),
                }
            }
            Err(e)
        }
        Err(e) => Err(e),
    }
}

/// The temporary files being written, removed by [`interrupt`] when the
/// run is stopped. Held while a file is created and listed, and while one
/// is renamed into place, so that a stop never falls in between.
static BEING_WRITTEN: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn being_written() -> MutexGuard<'static, Vec<PathBuf>> {
    BEING_WRITTEN.lock().unwrap_or_else(|e| e.into_inner())
}

/// A temporary file beside a target, listed in [`BEING_WRITTEN`] while it
/// exists.
struct TempBeside {
    // Fields drop in this order: the file is removed, then unlisted.
    file: tempfile::NamedTempFile,
    listed: Listed,
}

/// Unlists a temporary file when dropped.
struct Listed(PathBuf);

impl Drop for Listed {
    fn drop(&mut self) {
        being_written().retain(|p| *p != self.0);
    }
}

impl TempBeside {
    /// Its name starts with a dot and says whose it is, should anything
    /// ever leave it behind.
    const PREFIX: &str = ".wardscore-";

    /// A new file is created for everyone to read as the umask allows,
    /// like any other the user makes; one that replaces `existing` keeps
    /// its mode.
    fn create(dir: &Path, existing: Option<&std::fs::Metadata>) -> io::Result<TempBeside> {
        #[cfg(unix)]
        interrupt::watch();
        let mut builder = tempfile::Builder::new();
        builder.prefix(Self::PREFIX).suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temp = {
            // Created and listed at once: a stop cannot fall in between.
            let mut listed = being_written();
            let file = builder.tempfile_in(dir).map_err(without_temporary_name)?;
            listed.push(file.path().to_path_buf());
            TempBeside {
                listed: Listed(file.path().to_path_buf()),
                file,
            }
        };
        #[cfg(unix)]
        if let Some(existing) = existing {
            use std::os::unix::fs::PermissionsExt;
            let mode = existing.permissions().mode() & 0o777;
            temp.file
                .as_file()
                .set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        #[cfg(not(unix))]
        let _ = existing;
        Ok(temp)
    }

    /// Renames the file over `target`; on failure it is removed.
    fn persist(self, target: &Path) -> io::Result<()> {
        let TempBeside { file, listed } = self;
        let mut replaced = held_if_large(target);
        let renaming = being_written();
        // On failure the file comes back in the error, and goes with it.
        let result = match file.persist(target) {
            Ok(_) => Ok(()),
            // Some file systems (a Windows share) refuse to rename over a
            // file held open: let it go, and try once more.
            Err(e) if replaced.take().is_some() => {
                e.file.persist(target).map(drop).map_err(|e| e.error)
            }
            Err(e) => Err(e.error),
        };
        drop(renaming);
        drop(listed);
        if let Some(replaced) = replaced {
            // Its blocks are freed as its last handle closes: here, while
            // this thread goes on. (Should no thread start, it closes here.)
            let _ = std::thread::Builder::new().spawn(move || drop(replaced));
        }
        result
    }
}

/// A report at least this large that is replaced is let go of on another
/// thread (see [`held_if_large`]).
const FREED_APART: u64 = if cfg!(test) { 1 << 10 } else { 16 << 20 };

/// The report about to be replaced, held open when it is large: renaming
/// over its last name then leaves it to its last handle to free its
/// blocks, which for one of hundreds of megabytes takes the file system
/// tens of milliseconds (benches/README.md). Opened without waiting, as
/// something that is no longer a file may now stand there.
#[cfg(unix)]
fn held_if_large(target: &Path) -> Option<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Nothing else is opened: not a pipe or device, nor a small file.
    let meta = std::fs::metadata(target).ok()?;
    if !meta.is_file() || meta.len() < FREED_APART {
        return None;
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(target)
        .ok()?;
    let meta = file.metadata().ok()?;
    (meta.is_file() && meta.len() >= FREED_APART).then_some(file)
}

#[cfg(not(unix))]
fn held_if_large(_: &Path) -> Option<std::fs::File> {
    None
}

/// tempfile names the temporary file in its errors ("… at path
/// \"/dir/.wardscore-x1y2.tmp\""); the user knows only the target, which the
/// caller names, so only the reason is kept.
fn without_temporary_name(e: io::Error) -> io::Error {
    let text = e.to_string();
    let Some(at) = text.find(" at path ") else {
        return e;
    };
    let own = &text[..at];
    // The operating system's own error when that is what was wrapped, so
    // that it can be told in the user's language.
    let code = own
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once("(os error "))
        .and_then(|(_, n)| n.parse::<i32>().ok());
    match code.map(io::Error::from_raw_os_error) {
        Some(os) if os.to_string() == own => os,
        _ => io::Error::new(e.kind(), own.to_string()),
    }
}

/// Stopping the run (Ctrl-C, `kill`) removes the temporary files being
/// written, then exits as a shell reports a process stopped by that signal
/// (128 + its number: 130 for SIGINT, 143 for SIGTERM). SIGHUP is left
/// alone: under `nohup` it is ignored, and a handler would undo that.
#[cfg(unix)]
mod interrupt {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use std::sync::Once;

    /// Starts watching, once, before the first temporary file exists.
    pub(super) fn watch() {
        static WATCHING: Once = Once::new();
        WATCHING.call_once(|| {
            // Without the watch a stop leaves the file behind, as before;
            // that is no reason to refuse writing the report.
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
                return;
            };
            let _ = std::thread::Builder::new()
                .name("interrupt".into())
                .spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        // Kept locked until the exit: no file is put in
                        // place or created after this.
                        let listed = super::being_written();
                        for path in listed.iter() {
                            let _ = std::fs::remove_file(path);
                        }
                        std::process::exit(128 + signal);
                    }
                });
        });
    }
}

/// Which file a path or a stream is, whatever it is called: two paths
/// (a link, `./a` and `a`) or standard input can be the same file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileId(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

impl FileId {
    /// The file `path` names (following links), if it exists.
    pub fn of_path(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = std::fs::metadata(path).ok()?;
            Some(FileId((m.dev(), m.ino())))
        }
        #[cfg(not(unix))]
        {
            path.canonicalize().ok().map(FileId)
        }
    }

    /// The file behind standard input, when it is one (`< file`).
    pub fn of_stdin() -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            use std::os::unix::fs::MetadataExt;
            let fd = io::stdin().as_fd().try_clone_to_owned().ok()?;
            let m = File::from(fd).metadata().ok()?;
            Some(FileId((m.dev(), m.ino())))
        }
        #[cfg(not(unix))]
        {
            None
        }
    }
}

/// Every this many bytes written, the disk is asked to store them.
const FLUSH_EVERY: usize = 32 << 20;

/// Runs `write` on `file` while a helper thread has the disk store what
/// is written so far, every [`FLUSH_EVERY`] bytes: the final `sync_all`,
/// which a report must pass before it replaces the old one, then waits
/// only for the last stretch instead of the whole file (benches/README.md
/// has the measurement). The helper mostly waits on the disk. Its errors
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
        write_atomically_with(path, |out| Ok(out.write_all(text.as_bytes())?))
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
    fn a_link_to_a_file_not_made_yet_makes_it_and_stays_a_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("bao-cao")).expect("folder");
        let link = dir.path().join("latest.csv");
        // Relative to the link's folder, through a second link.
        std::os::unix::fs::symlink("bao-cao/ket-qua.csv", dir.path().join("mid.csv"))
            .expect("link");
        std::os::unix::fs::symlink("mid.csv", &link).expect("link");
        write(&link, "new").expect("written");
        for l in [&link, &dir.path().join("mid.csv")] {
            let kind = std::fs::symlink_metadata(l).expect("link").file_type();
            assert!(kind.is_symlink(), "{} stays a link", l.display());
        }
        let made = dir.path().join("bao-cao").join("ket-qua.csv");
        assert_eq!(std::fs::read_to_string(made).expect("read"), "new");
    }

    #[test]
    fn a_loop_of_links_is_an_error_and_stays_as_it_is() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("self.csv");
        std::os::unix::fs::symlink("self.csv", &link).expect("link");
        assert!(write(&link, "new").is_err());
        let kind = std::fs::symlink_metadata(&link).expect("link").file_type();
        assert!(kind.is_symlink());
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    }

    #[test]
    fn no_message_names_the_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let leaks = |e: anyhow::Error| {
            // The folder's own name may look like a temporary file's.
            let text = format!("{e:#}").replace(&dir.path().display().to_string(), "DIR");
            assert!(text.contains("out.csv"), "{text}");
            text.contains(TempBeside::PREFIX) || text.contains(".tmp")
        };
        // It cannot be created: the folder does not exist. The operating
        // system's error is kept as such (to be told in Vietnamese too).
        let nowhere = dir.path().join("khong-co").join("out.csv");
        let no_folder = write(&nowhere, "new").expect_err("no folder");
        let os = no_folder
            .chain()
            .find_map(|c| c.downcast_ref::<io::Error>());
        assert_eq!(os.and_then(io::Error::raw_os_error), Some(2));
        assert!(!leaks(no_folder));
        // It cannot be put in place: a folder took the report's name meanwhile.
        let target = dir.path().join("out.csv");
        let pending = PendingFile::create(&target).expect("created");
        std::fs::create_dir(&target).expect("a folder");
        std::fs::write(target.join("mine.txt"), "kept").expect("write");
        let failed = pending.write_with(|out| Ok(out.write_all(b"new")?));
        assert!(!leaks(failed.expect_err("a folder is in the way")));
        // Nothing is left beside it, and the folder is untouched.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["out.csv"]);
        assert_eq!(
            std::fs::read_to_string(target.join("mine.txt")).expect("read"),
            "kept"
        );
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
    fn a_large_report_replaced_is_held_until_renamed_over_and_a_small_one_is_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("out.csv");
        let old = "old row\n".repeat(1000);
        std::fs::write(&file, &old).expect("write");
        let held = held_if_large(&file).expect("a large report is held");
        write(&file, "new").expect("written");
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "new");
        // The handle still reads the report it was opened on.
        let mut was = String::new();
        std::io::Read::read_to_string(&mut &held, &mut was).expect("read the held one");
        assert_eq!(was, old);
        assert!(held_if_large(&file).is_none(), "a small report is not held");
        assert!(held_if_large(&dir.path().join("none.csv")).is_none());
    }

    #[test]
    fn a_named_pipe_where_a_report_was_is_not_waited_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("out.csv");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // No mkfifo here: nothing to check.
        }
        // Opened for reading without a writer, a pipe would block for ever.
        assert!(held_if_large(&fifo).is_none());
    }

    #[test]
    fn a_large_report_is_written_whole_while_stored_ahead() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("out.csv");
        // Several flushes' worth, written in odd-sized pieces.
        let piece: Vec<u8> = (0..100_003u32).map(|i| b'a' + (i % 26) as u8).collect();
        let pieces = FLUSH_EVERY / piece.len() * 3 + 1;
        write_atomically_with(&file, |out| {
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
