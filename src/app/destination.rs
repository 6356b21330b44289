//! Where a command's result goes, decided before its inputs are read: a
//! file name that promises a format this tool does not write, a file that
//! is not a report this tool wrote, and any input of the run are refused
//! (exit 2) before any work is done, and the file is opened then, so an
//! unwritable folder is known at once too.

use super::*;
use std::io::IsTerminal;

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
    fn refuse(&self, path: &Path, lang: Lang) -> Result<(), Failure> {
        let Some(target) = FileId::of_path(path) else {
            return Ok(());
        };
        let Some((_, stdin)) = self.0.iter().find(|(id, _)| *id == target) else {
            return Ok(());
        };
        let shown = path.display();
        Err(Failure::Usage(anyhow!(
            "{}",
            match (lang, stdin) {
                (Lang::Vi, false) => format!(
                    "không ghi đè lên {shown}, kể cả khi có --force, vì đây là tệp đầu vào của lệnh này; hãy ghi kết quả ra tệp khác"
                ),
                (Lang::Vi, true) => format!(
                    "không ghi đè lên {shown}, kể cả khi có --force, vì đây chính là tệp đang được đọc qua đầu vào chuẩn (-); hãy ghi kết quả ra tệp khác"
                ),
                (Lang::En, false) => format!(
                    "not replacing {shown}, even with --force: it is an input of this command; write the result to another file"
                ),
                (Lang::En, true) => format!(
                    "not replacing {shown}, even with --force: it is the file being read from standard input (-); write the result to another file"
                ),
            }
        )))
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
    /// Decides from `-o`, `-f` and `--force`. An existing regular file is
    /// replaced only when it is a report this tool wrote in that format
    /// (so rerunning a command refreshes its report), or with `--force`;
    /// an input of the run never is. A target that is not a regular file
    /// (`/dev/null`, a pipe) is written to whatever its name.
    pub(super) fn prepare(
        options: &OutputOptions,
        inputs: &Inputs,
        env: &Env,
    ) -> Result<Destination, Failure> {
        let (lang, quiet) = (env.lang(), env.ui.quiet);
        let Some(path) = options.output.as_deref().filter(|p| *p != Path::new("-")) else {
            let format = options.format.unwrap_or(Format::Table);
            if format.is_binary() && io::stdout().is_terminal() {
                return Err(Failure::Usage(anyhow!(match format {
                    Format::Docx => lang.pick(
                        "không thể in văn bản Word ra màn hình; hãy ghi ra tệp bằng -o bao-cao.docx",
                        "a Word document cannot be shown on the terminal; write it to a file with -o bao-cao.docx"
                    ),
                    _ => lang.pick(
                        "không thể in tệp Excel ra màn hình; hãy ghi ra tệp bằng -o ket-qua.xlsx",
                        "an Excel workbook cannot be shown on the terminal; write it to a file with -o ket-qua.xlsx"
                    ),
                })));
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
            _ => format_named(path, options.format, lang)?,
        };
        if existing.as_ref().is_some_and(|m| m.is_file()) {
            inputs.refuse(path, lang)?;
            let ours = || std::fs::File::open(path).is_ok_and(|mut f| format.wrote(&mut f));
            if !options.force && !ours() {
                let shown = path.display();
                return Err(Failure::Usage(anyhow!(
                    "{}",
                    lang.pick(
                        &format!(
                            "không ghi đè lên {shown} vì tệp này không phải báo cáo do wardscore lập và có thể chứa số liệu của người dùng; hãy chọn tên tệp khác, hoặc thêm --force nếu chắc chắn muốn ghi đè"
                        ),
                        &format!(
                            "not replacing {shown}: it is not a report wardscore wrote, and may hold someone's data; choose another file name, or add --force if you are sure it can be replaced"
                        )
                    )
                )));
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
                    e.context(
                        cx.lang
                            .pick(
                                "không ghi được ra đầu ra chuẩn",
                                "cannot write to standard output",
                            )
                            .to_string(),
                    )
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
                        for_terminal(&wrote(cx.lang, &shown, doc.units()))
                    );
                }
                Ok(())
            }
        }
    }
}

/// A renderer's failure as the run reports it: an I/O error stays one (a
/// closed pipe is not a failure), the rest in the run's language.
fn render_failure(e: RenderError, lang: Lang) -> anyhow::Error {
    match e {
        RenderError::Io(io) => anyhow::Error::new(io),
        // The input's fault: kept whole for the command to reject it (exit 3).
        RenderError::Score(overflow) => anyhow::Error::new(overflow),
        // A request the format cannot take: kept whole for the command to
        // refuse it as such (exit 2).
        RenderError::TooLarge(refused) => anyhow::Error::new(refused),
        other => anyhow!(other.message().get(lang).to_string()),
    }
}

/// "✓ wrote ket-qua.xlsx (7 units)", after a report is in its file.
fn wrote(lang: Lang, shown: &str, units: usize) -> String {
    match (lang, units) {
        (Lang::Vi, 0) => format!("✓ đã ghi {shown}"),
        (Lang::Vi, n) => format!("✓ đã ghi {shown} ({n} đơn vị)"),
        (Lang::En, 0) => format!("✓ wrote {shown}"),
        (Lang::En, 1) => format!("✓ wrote {shown} (1 unit)"),
        (Lang::En, n) => format!("✓ wrote {shown} ({n} units)"),
    }
}

/// A file users fill or edit (a data-entry template, a criteria set):
/// an existing one may hold their work, so it is replaced only with
/// `--force`, and an input of the run never is.
pub(super) fn prepare_new_file(
    path: &Path,
    force: bool,
    inputs: &Inputs,
    lang: Lang,
    holds: &str,
) -> Result<PendingFile, Failure> {
    if std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        inputs.refuse(path, lang)?;
        if !force {
            let shown = path.display();
            return Err(Failure::Usage(anyhow!(
                "{}",
                lang.pick(
                    &format!(
                        "đã có tệp {shown} và tệp này có thể {holds} nên không ghi đè; hãy chọn tên khác, hoặc thêm --force nếu chắc chắn muốn thay tệp này"
                    ),
                    &format!(
                        "{shown} already exists and may {holds}, so it is not replaced; choose another name, or add --force if you are sure it can be replaced"
                    )
                )
            )));
        }
    }
    PendingFile::create(path).map_err(Failure::Runtime)
}

/// The format `-o`'s name calls for, with `-f` when given: a name that
/// promises a format this tool does not write, has no known extension
/// without `-f`, or contradicts `-f`, is refused with what to do instead.
fn format_named(path: &Path, asked: Option<Format>, lang: Lang) -> Result<Format, Failure> {
    let shown = path.display();
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    let usage = |vi: String, en: String| Failure::Usage(anyhow!("{}", lang.pick(&vi, &en)));
    let ours = lang.pick(
        ".csv, .json, .md, .html, .xlsx hoặc .txt",
        ".csv, .json, .md, .html, .xlsx or .txt",
    );
    match (Format::from_extension(path), asked) {
        (Some(named), Some(asked)) if named != asked => {
            let (f, named, want) = (asked.name(), named.name(), asked.extension());
            let ext = ext.unwrap_or_default();
            Err(usage(
                format!(
                    "-f {f} mâu thuẫn với đuôi tệp .{ext} của {shown} (đuôi này ứng với định dạng {named}); hãy bỏ -f, hoặc đặt tên tệp có đuôi .{want}"
                ),
                format!(
                    "-f {f} contradicts the extension .{ext} of {shown} (which means {named}); drop -f, or name the file .{want}"
                ),
            ))
        }
        (Some(named), _) => Ok(named),
        (None, asked) => match (ext.as_deref(), asked) {
            (Some("pdf"), _) => Err(usage(
                format!(
                    "wardscore không xuất được tệp PDF ({shown}); hãy ghi ra .docx rồi mở bằng Word hoặc LibreOffice và lưu thành PDF, hoặc ghi ra .html rồi in ra PDF từ trình duyệt"
                ),
                format!(
                    "wardscore cannot write PDF ({shown}); write .docx and save it as PDF from Word or LibreOffice, or write .html and print it to PDF from a browser"
                ),
            )),
            (Some(e @ ("xls" | "xlsm" | "xlsb" | "ods")), _) => Err(usage(
                format!(
                    "wardscore ghi sổ Excel dạng .xlsx, không ghi được .{e} ({shown}); hãy đổi đuôi tệp thành .xlsx (Excel và LibreOffice đều mở được)"
                ),
                format!(
                    "wardscore writes workbooks as .xlsx, not .{e} ({shown}); name the file .xlsx (Excel and LibreOffice open it)"
                ),
            )),
            (Some(e @ ("doc" | "odt" | "rtf")), _) => Err(usage(
                format!(
                    "wardscore không xuất được văn bản .{e} ({shown}); hãy ghi ra .docx (Word và LibreOffice đều mở được) hoặc .html"
                ),
                format!(
                    "wardscore cannot write .{e} documents ({shown}); write .docx (Word and LibreOffice open it) or .html"
                ),
            )),
            // Any other name is the user's to choose once the format is.
            (_, Some(asked)) => Ok(asked),
            (None, None) => Err(usage(
                format!(
                    "tên tệp {shown} không có đuôi nên chưa xác định được định dạng cần ghi; hãy đặt tên có đuôi {ours}, hoặc chọn định dạng bằng -f"
                ),
                format!(
                    "{shown} has no extension to tell the format; name it {ours}, or choose the format with -f"
                ),
            )),
            (Some(e), None) => Err(usage(
                format!(
                    "đuôi .{e} ({shown}) không ứng với định dạng nào wardscore ghi được; hãy đặt tên có đuôi {ours}, hoặc chọn định dạng bằng -f"
                ),
                format!(
                    "the extension .{e} ({shown}) names no format wardscore writes; name it {ours}, or choose the format with -f"
                ),
            )),
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
