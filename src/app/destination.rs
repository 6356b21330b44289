//! Where a command's result goes, decided before its inputs are read: a
//! file name that promises a format this tool does not write, a file that
//! is not a report this tool wrote, and any input of the run are refused
//! (exit 2) before any work is done, and the file is opened then, so an
//! unwritable folder is known at once too.

use super::*;
use std::io::IsTerminal;

use super::messages::Holds;
use crate::output::{FileId, PendingFile};

/// The files a run reads, by identity, so that none is ever replaced
/// whatever name the output is given.
pub(super) struct Inputs(Vec<(FileId, bool)>);

impl Inputs {
    /// The files behind these paths; `-` is standard input. A name that is
    /// no file (a shipped set's id) reads nothing from disk.
    pub(super) fn of<'p>(paths: impl IntoIterator<Item = Option<&'p Path>>) -> Inputs {
        Inputs(
            paths
                .into_iter()
                .flatten()
                .filter_map(|p| {
                    let stdin = p == Path::new("-");
                    let id = if stdin {
                        FileId::of_stdin()
                    } else {
                        FileId::of_path(p)
                    };
                    id.map(|id| (id, stdin))
                })
                .collect(),
        )
    }

    /// Refuses `path` when it is one of the inputs, even with `--force`:
    /// replacing it would destroy what was just read.
    fn refuse(&self, path: &Path) -> Result<(), Failure> {
        let Some(target) = FileId::of_path(path) else {
            return Ok(());
        };
        let Some((_, stdin)) = self.0.iter().find(|(id, _)| *id == target) else {
            return Ok(());
        };
        Err(Failure::usage(FileMessage::NotReplacingInput {
            file: path.display().to_string(),
            stdin: *stdin,
        }))
    }
}

/// Where a report goes, and in which format.
pub(super) struct Destination {
    format: Format,
    to: To,
    /// `-q`: no word that the file was written.
    quiet: bool,
}

enum To {
    Stdout,
    File(PendingFile),
}

impl Destination {
    /// Where `document` (a [`Document::kind`]) goes, in which format,
    /// decided from `-o`, `-f` and `--force` before any work is done. An
    /// existing regular file is replaced only when it is a report this tool
    /// wrote in that format (so rerunning a command refreshes its report),
    /// or with `--force`; an input of the run never is. A target that is
    /// not a regular file (`/dev/null`, a pipe) is written to whatever its
    /// name, unless it is a terminal and the format is a workbook or a
    /// document. A format that cannot write `document` is refused.
    pub(super) fn prepare(
        document: &'static str,
        options: &OutputOptions,
        inputs: &Inputs,
        env: &Env,
    ) -> Result<Destination, Failure> {
        let quiet = env.ui.quiet;
        let writes = |format: Format| {
            if format.writes(document) {
                Ok(format)
            } else {
                Err(Failure::usage(RenderError::Unsupported {
                    format: format.name(),
                    document,
                }))
            }
        };
        // A workbook or a document is bytes no terminal shows.
        let to_terminal = |format: Format| match format {
            Format::Docx => Failure::usage(FileMessage::WordToTerminal),
            _ => Failure::usage(FileMessage::ExcelToTerminal),
        };
        let Some(path) = options.output.as_deref().filter(|p| *p != Path::new("-")) else {
            let format = writes(options.format.unwrap_or(Format::Table))?;
            if format.is_binary() && io::stdout().is_terminal() {
                return Err(to_terminal(format));
            }
            return Ok(Destination {
                format,
                to: To::Stdout,
                quiet,
            });
        };
        let existing = std::fs::metadata(path).ok();
        let format = match &existing {
            // A device or a pipe: its name says nothing of a format. A
            // folder is refused as the file is opened.
            Some(m) if !m.is_file() => options.format.unwrap_or(Format::Table),
            _ => format_named(path, options.format)?,
        };
        let regular = existing.as_ref().is_some_and(std::fs::Metadata::is_file);
        // An input of the run is named as such first, whatever the format.
        if regular {
            inputs.refuse(path)?;
        }
        let format = writes(format)?;
        if format.is_binary()
            && existing
                .as_ref()
                .is_some_and(|m| is_terminal_device(path, m))
        {
            return Err(to_terminal(format));
        }
        if regular {
            let ours = || std::fs::File::open(path).is_ok_and(|mut f| format.wrote(&mut f));
            if !options.force && !ours() {
                return Err(Failure::usage(FileMessage::NotReplacingForeign {
                    file: path.display().to_string(),
                }));
            }
        }
        let file = PendingFile::create(path).map_err(Failure::Runtime)?;
        Ok(Destination {
            format,
            to: To::File(file),
            quiet,
        })
    }

    pub(super) fn format(&self) -> Format {
        self.format
    }

    /// Renders, to standard output or into the file opened for it.
    pub(super) fn emit(self, cx: &Context<'_>, doc: &Document<'_>) -> Result<(), Failure> {
        let format = self.format;
        // Rendered straight to where it goes: a large CSV is never held whole.
        let render = |out: &mut dyn Write| -> anyhow::Result<()> {
            let mut out = io::BufWriter::with_capacity(1 << 16, out);
            format
                .renderer()
                .render(cx, doc, &mut out)
                .map_err(|e| render_failure(e, cx.lang))?;
            out.flush()?;
            Ok(())
        };
        let to_stdout = |out: &mut dyn Write| {
            // A format written for files, shown on a terminal: each line
            // as `for_terminal` shows text (the table escapes its own cells,
            // around the colours it draws).
            if format != Format::Table && io::stdout().is_terminal() {
                let mut lines = TerminalLines::new(out);
                render(&mut lines)?;
                Ok(lines.finish()?)
            } else {
                render(out)
            }
        };
        match self.to {
            To::Stdout => to_stdout(&mut io::stdout().lock()).map_err(|e| {
                // A broken pipe stays an io::Error in the chain (exit 0).
                let e = if e.downcast_ref::<io::Error>().is_some() {
                    e.context(Said::new(FileMessage::CannotWriteStdout))
                } else {
                    e
                };
                Failure::Runtime(e)
            }),
            To::File(file) => {
                let shown = file.shown().to_string();
                file.write_with(render).map_err(Failure::Runtime)?;
                if !self.quiet {
                    // A message, not data: on standard error, as `-q` silences.
                    let _ = writeln!(
                        io::stderr(),
                        "{}",
                        for_terminal(
                            &RunMessage::Wrote {
                                file: shown,
                                units: doc.units()
                            }
                            .words(cx.lang)
                        )
                    );
                }
                Ok(())
            }
        }
    }
}

/// A renderer's failure as the run reports it: an I/O error stays one (a
/// closed pipe is not a failure), the rest in the run's language.
pub(super) fn render_failure(e: RenderError, lang: Lang) -> anyhow::Error {
    match e {
        RenderError::Io(io) => anyhow::Error::new(io),
        // The input's fault: kept whole for the command to reject it (exit 3).
        RenderError::Score(overflow) => anyhow::Error::new(overflow),
        // A request the format cannot take: kept whole for the command to
        // refuse it as such (exit 2).
        RenderError::TooLarge(refused) => anyhow::Error::new(refused),
        other => anyhow!(crate::i18n::Message::words(&other, lang).into_owned()),
    }
}

/// Is the device `-o` names a terminal (`-o /dev/tty`, or `-o /dev/stdout`
/// on one)? Only a character device (`/dev/null` is one too) is opened to
/// ask: opening a named pipe would wait for its reader, and then end its
/// stream before the report.
fn is_terminal_device(path: &Path, m: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    let device = {
        use std::os::unix::fs::FileTypeExt;
        m.file_type().is_char_device()
    };
    #[cfg(not(unix))]
    let device = !m.is_file() && !m.is_dir();
    device
        && std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .is_ok_and(|f| f.is_terminal())
}

/// A file users fill or edit (a data-entry template, a criteria set):
/// an existing one may hold their work, so it is replaced only with
/// `--force`, and an input of the run never is.
pub(super) fn prepare_new_file(
    path: &Path,
    force: bool,
    inputs: &Inputs,
    holds: Holds,
) -> Result<PendingFile, Failure> {
    if std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        inputs.refuse(path)?;
        if !force {
            return Err(Failure::usage(FileMessage::NotReplacingUserFile {
                file: path.display().to_string(),
                holds,
            }));
        }
    }
    PendingFile::create(path).map_err(Failure::Runtime)
}

/// The format `-o`'s name calls for, with `-f` when given: a name that
/// promises a format this tool does not write, has no known extension
/// without `-f`, or contradicts `-f`, is refused with what to do instead.
fn format_named(path: &Path, asked: Option<Format>) -> Result<Format, Failure> {
    let file = path.display().to_string();
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    match (Format::from_extension(path), asked) {
        (Some(named), Some(asked)) if named != asked => {
            Err(Failure::usage(FileMessage::FormatContradicts {
                format: asked.name(),
                ext: ext.unwrap_or_default(),
                file,
                named: named.name(),
                want: asked.extension(),
            }))
        }
        (Some(named), _) => Ok(named),
        (None, asked) => match (ext, asked) {
            (Some(e), _) if e == "pdf" => Err(Failure::usage(FileMessage::NoPdf { file })),
            (Some(e), _) if ["xls", "xlsm", "xlsb", "ods"].contains(&e.as_str()) => {
                Err(Failure::usage(FileMessage::NoOldWorkbook { ext: e, file }))
            }
            (Some(e), _) if ["doc", "odt", "rtf"].contains(&e.as_str()) => {
                Err(Failure::usage(FileMessage::NoOldDocument { ext: e, file }))
            }
            // Any other name is the user's to choose once the format is.
            (_, Some(asked)) => Ok(asked),
            (None, None) => Err(Failure::usage(FileMessage::NoExtension { file })),
            (Some(ext), None) => Err(Failure::usage(FileMessage::UnknownExtension { ext, file })),
        },
    }
}

/// A writer that passes complete lines through [`for_terminal`], so text
/// from the files cannot move the cursor, retitle the window or turn the
/// line around. What is left after the last line break is written by
/// [`TerminalLines::finish`].
struct TerminalLines<W: Write> {
    inner: W,
    line: Vec<u8>,
}

impl<W: Write> TerminalLines<W> {
    fn new(inner: W) -> Self {
        TerminalLines {
            inner,
            line: Vec::new(),
        }
    }

    fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(line);
        // A CSV's byte order mark is for Excel; a terminal shows nothing
        // of it. A line ending CR LF keeps its CR.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let (text, cr) = match text.strip_suffix('\r') {
            Some(text) => (text, "\r"),
            None => (text, ""),
        };
        self.inner.write_all(for_terminal(text).as_bytes())?;
        self.inner.write_all(cr.as_bytes())
    }

    fn finish(mut self) -> io::Result<()> {
        let rest = std::mem::take(&mut self.line);
        self.write_line(&rest)?;
        self.inner.flush()
    }
}

impl<W: Write> Write for TerminalLines<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(end) = rest.iter().position(|b| *b == b'\n') {
            self.line.extend_from_slice(&rest[..end]);
            let line = std::mem::take(&mut self.line);
            self.write_line(&line)?;
            self.inner.write_all(b"\n")?;
            rest = &rest[end + 1..];
        }
        self.line.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_reach_the_terminal_escaped_and_whole() {
        let mut out = Vec::new();
        let mut lines = TerminalLines::new(&mut out);
        // Written in pieces that split a line and a character.
        let text = "\u{feff}| Nghi H\u{1b}]0;x\u{7}ải |\r\n| \u{202e}ab |\nend\u{1b}[2J";
        let bytes = text.as_bytes();
        for piece in bytes.chunks(5) {
            lines.write_all(piece).unwrap();
        }
        lines.finish().unwrap();
        let shown = String::from_utf8(out).unwrap();
        assert_eq!(
            shown,
            "| Nghi H\\u{1b}]0;x\\u{7}ải |\r\n| \\u{202e}ab |\nend\\u{1b}[2J"
        );
    }
}
