//! Excel workbooks (rust_xlsxwriter): the ranking laid out as an official
//! annex sheet, with cluster, detail, criteria and stamp sheets; one unit's
//! explanation; the criteria set; and the empty data-entry template.
//!
//! Numbers are written as Excel numbers, ids and names as text (never as
//! formulas). Text that a spreadsheet would read as a formula gets Excel's
//! quote prefix, so it stays text even after someone edits the cell.
//!
//! Every sheet is written top to bottom, each row whole before the next
//! (`sheet`); a ranking's sheets are filled as the result store is read,
//! one unit at a time (`ranking`). A document of more than
//! [`CONSTANT_MEMORY_ABOVE`] units keeps its rows on disk as they are
//! written, so its memory does not grow with the units.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    ColNum, DataValidation, DataValidationRule, DocProperties, Format, FormatAlign, FormatBorder,
    Formula, RowNum, Workbook, Worksheet, XlsxError, quote_sheet_name, row_col_to_cell,
    row_col_to_cell_absolute,
};

use super::content::{self, Align, Block, Cell};
use super::messages::{Label, TemplateMessage};
use super::sanitize::is_formula_like;
use super::words::{self, num};
use super::{Context, Document, RenderError, Renderer};
use crate::i18n::{Lang, Message};
use crate::load::text::NOT_APPLICABLE_TOKENS;
use crate::load::text::YES_NO_TOKENS;
use crate::model::{CriteriaSet, IndicatorRef, Level, MissingPolicy, ValueKind};

pub(super) struct XlsxRenderer;

/// The author and last editor a report names, by which `-o` knows it may
/// replace the file (see `recognise`). A template, which is filled with
/// data, does not name it.
pub(super) const AUTHOR: &str = "wardscore";

impl Renderer for XlsxRenderer {
    fn render(
        &self,
        cx: &Context<'_>,
        doc: &Document<'_>,
        out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        render_in(cx, doc, out, memory_for(doc.units()))
    }
}

/// Above this many units a document's sheets are written row by row
/// ([`Memory::Constant`]): a workbook held in memory grows with its cells,
/// and a ranking has each unit's columns several times over (ranking,
/// cluster, detail). A province's few hundred units stay in memory, where
/// shared strings keep the file smaller and no temporary file is needed
/// (benches/README.md has the measurements).
const CONSTANT_MEMORY_ABOVE: usize = 1_000;

fn memory_for(units: usize) -> Memory {
    if units > CONSTANT_MEMORY_ABOVE {
        Memory::Constant
    } else {
        Memory::Normal
    }
}

/// The workbook of `doc`, its long sheets kept as `memory` says.
fn render_in(
    cx: &Context<'_>,
    doc: &Document<'_>,
    out: &mut dyn Write,
    memory: Memory,
) -> Result<(), RenderError> {
    let st = Styles::new(cx.set.precision, cx.options.sanitize, cx.lang);
    let mut book = Workbook::new();
    let mut names = SheetNames::default();
    let mut sheets = Vec::new();
    let lang = cx.lang;
    match doc {
        Document::Ranking(eval) => {
            sheets.extend(ranking::sheets(
                &mut book, &st, cx, eval, &mut names, memory,
            )?);
            let name = names.claim(Label::CriteriaSheet.text(lang), "Sheet");
            let criteria = content::criteria(cx);
            sheets.push(blocks_sheet(
                &mut book,
                &st,
                name,
                &criteria,
                Memory::Normal,
            )?);
        }
        Document::Explain(u, e) => {
            let name = names.claim(Label::ExplanationSheet.text(lang), "Sheet");
            let blocks = content::explain(cx, u, e);
            sheets.push(blocks_sheet(&mut book, &st, name, &blocks, memory)?);
        }
        Document::Criteria => {
            let name = names.claim(Label::CriteriaSheet.text(lang), "Sheet");
            let blocks = content::criteria(cx);
            sheets.push(blocks_sheet(&mut book, &st, name, &blocks, memory)?);
        }
        Document::Comparison(_) => {
            let name = names.claim(Label::ComparisonSheet.text(lang), "Sheet");
            let blocks = content::blocks(cx, doc)?;
            sheets.push(blocks_sheet(&mut book, &st, name, &blocks, memory)?);
        }
        Document::Sensitivity(_) => {
            let name = names.claim(Label::SensitivitySheet.text(lang), "Sheet");
            let blocks = content::blocks(cx, doc)?;
            sheets.push(blocks_sheet(&mut book, &st, name, &blocks, memory)?);
        }
    }
    let name = names.claim(Label::StampSheet.text(lang), "Sheet");
    sheets.push(stamp_sheet(&st, cx, name)?);

    let properties = DocProperties::new()
        .set_author(AUTHOR)
        .set_comment(&cx.stamp.tool);
    // Created when the stamp says (SOURCE_DATE_EPOCH pins it), not when the
    // zip happens to be written: the same run gives the same workbook.
    book.set_properties(&match created_at(&cx.stamp.generated_at) {
        Some(when) => properties.set_creation_datetime(&when),
        None => properties,
    });
    for sheet in sheets {
        book.push_worksheet(sheet);
    }
    match memory {
        Memory::Normal => out.write_all(&book.save_to_buffer()?)?,
        Memory::Constant => {
            // The zip is put together in a temporary file too (beside the
            // sheets' own), not in memory, then copied out.
            let mut file = tempfile::tempfile()?;
            {
                let mut zip = BufWriter::new(&mut file);
                book.save_to_writer(&mut zip)?;
                zip.flush()?;
            }
            file.seek(SeekFrom::Start(0))?;
            io::copy(&mut file, out)?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- numbers

/// The spreadsheet boundary: Excel stores every number as an f64, so the
/// exact decimal becomes a double here and nowhere else. Parsing the
/// decimal's own string gives the double nearest to the exact value.
fn excel_number(d: Decimal) -> Result<f64, RenderError> {
    d.to_string().parse::<f64>().map_err(|e| {
        RenderError::Xlsx(XlsxError::ParameterError(format!(
            "cannot write {d} as an Excel number: {e}"
        )))
    })
}

/// `0`, `0.0`, `0.00`…: the set's precision, so 18.5 shows as 18.50 beside 91.25.
fn number_format(precision: u32) -> String {
    if precision == 0 {
        "0".to_string()
    } else {
        format!("0.{}", "0".repeat(precision as usize))
    }
}

fn col_num(i: usize) -> Result<ColNum, RenderError> {
    ColNum::try_from(i).map_err(|_| RenderError::Xlsx(XlsxError::RowColumnLimitError))
}

fn row_num(i: usize) -> Result<RowNum, RenderError> {
    RowNum::try_from(i).map_err(|_| RenderError::Xlsx(XlsxError::RowColumnLimitError))
}

// ---------------------------------------------------------------- styles

/// Times New Roman, as documents an office files are set (Nghị định 30).
const FONT: &str = "Times New Roman";
const FONT_SIZE: f64 = 12.0;

fn font() -> Format {
    Format::new().set_font_name(FONT).set_font_size(FONT_SIZE)
}

struct Styles {
    sanitize: bool,
    /// Decimal places every number cell shows.
    precision: u32,
    /// The language of the printed page's header and footer.
    lang: Lang,
    title: Format,
    subtitle: Format,
    heading: Format,
    paragraph: Format,
    header: Format,
    text: Format,
    text_right: Format,
    number: Format,
    int: Format,
    text_bold: Format,
    text_right_bold: Format,
    number_bold: Format,
    int_bold: Format,
    label: Format,
    /// Identity columns of the template: text, so an id like 007 keeps its zeros.
    text_column: Format,
}

impl Styles {
    fn new(precision: u32, sanitize: bool, lang: Lang) -> Styles {
        let cell = font()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        let text = cell.clone().set_text_wrap();
        let text_right = text.clone().set_align(FormatAlign::Right);
        let number = cell.clone().set_num_format(number_format(precision));
        let int = cell.clone().set_num_format("0");
        Styles {
            sanitize,
            precision,
            lang,
            title: font().set_bold().set_font_size(14),
            subtitle: font().set_italic(),
            heading: font().set_bold(),
            paragraph: font(),
            header: font()
                .set_bold()
                .set_text_wrap()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color("#D9E1F2"),
            text_bold: text.clone().set_bold(),
            text_right_bold: text_right.clone().set_bold(),
            number_bold: number.clone().set_bold(),
            int_bold: int.clone().set_bold(),
            text,
            text_right,
            number,
            int,
            label: font().set_bold().set_align(FormatAlign::Top),
            text_column: font().set_num_format("@"),
        }
    }

    /// The format for this text: with Excel's quote prefix when the text
    /// would otherwise be taken for a formula once someone edits the cell.
    fn guard<'f>(&self, text: &str, format: &'f Format) -> Cow<'f, Format> {
        if self.sanitize && is_formula_like(text) {
            Cow::Owned(format.clone().set_quote_prefix())
        } else {
            Cow::Borrowed(format)
        }
    }
}

/// Writes text as a string cell (never a formula), guarded; blank text
/// becomes a blank cell that keeps the format's borders.
fn write_text(
    ws: &mut Worksheet,
    st: &Styles,
    row: RowNum,
    col: ColNum,
    text: &str,
    format: &Format,
) -> Result<(), RenderError> {
    if text.is_empty() {
        ws.write_blank(row, col, format)?;
    } else {
        ws.write_string_with_format(row, col, text, &st.guard(text, format))?;
    }
    Ok(())
}

fn write_cell(
    ws: &mut Worksheet,
    st: &Styles,
    row: RowNum,
    col: ColNum,
    cell: &Cell,
    align: Align,
    bold: bool,
) -> Result<(), RenderError> {
    match cell {
        Cell::Text(s) | Cell::Marked(_, s) => {
            let format = match (align, bold) {
                (Align::Left, false) => &st.text,
                (Align::Left, true) => &st.text_bold,
                (Align::Right, false) => &st.text_right,
                (Align::Right, true) => &st.text_right_bold,
            };
            write_text(ws, st, row, col, s, format)?;
        }
        Cell::Number(d) => {
            let format = if bold { &st.number_bold } else { &st.number };
            ws.write_number_with_format(row, col, excel_number(*d)?, format)?;
        }
        Cell::Int(i) => {
            let format = if bold { &st.int_bold } else { &st.int };
            ws.write_number_with_format(row, col, excel_number(Decimal::from(*i))?, format)?;
        }
    }
    Ok(())
}

/// A4, landscape, one page wide, the header row on every page (print
/// titles); the page number centred at the top as Nghị định 30 places it,
/// the sheet's name and "page N of M" at the foot.
fn print_setup(ws: &mut Worksheet, st: &Styles, header: Option<RowNum>) -> Result<(), RenderError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    let font = format!("&\"{FONT},Regular\"");
    ws.set_header(format!("&C{font}&P"));
    let page = Label::PageOfPages.text(st.lang);
    ws.set_footer(format!("&L{font}&A&R{font}{page}"));
    if let Some(h) = header {
        ws.set_repeat_rows(h, h)?;
    }
    Ok(())
}

/// How a number cell shows at `precision` places (`6.00`), so its column
/// is wide enough and Excel never prints `#####`.
fn shown_width(cell: &Cell, precision: u32) -> Option<usize> {
    match cell {
        Cell::Number(d) => Some(format!("{:.*}", precision as usize, d).chars().count()),
        Cell::Int(i) => Some(i.to_string().chars().count()),
        Cell::Text(_) | Cell::Marked(..) => None,
    }
}

// ---------------------------------------------------------------- sheet names

/// Sheet names already used in one workbook.
#[derive(Default)]
struct SheetNames {
    taken: HashSet<String>,
}

impl SheetNames {
    /// A valid, unused sheet name close to `wanted`: at most 31 UTF-16 units,
    /// none of `[]:*?/\`, no apostrophe at either end, unique regardless of
    /// case (as Excel compares), and not Excel's reserved "History".
    fn claim(&mut self, wanted: &str, fallback: &str) -> String {
        let cleaned: String = wanted
            .chars()
            .map(|c| {
                if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                    '-'
                } else {
                    c
                }
            })
            .collect();
        let trim = |s: &str| {
            s.trim_matches(|c: char| c == '\'' || c.is_whitespace())
                .to_string()
        };
        let mut base = trim(&cleaned);
        if base.is_empty() {
            base = fallback.to_string();
        }
        let mut n = 1u32;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!(" ({n})")
            };
            let room = 31 - suffix.encode_utf16().count();
            let name = format!("{}{suffix}", trim(&truncate_utf16(&base, room)));
            let key = name.to_lowercase();
            if !name.is_empty() && key != "history" && !self.taken.contains(&key) {
                self.taken.insert(key);
                return name;
            }
            n += 1;
        }
    }
}

/// At most `max` UTF-16 units (Excel's measure), cut at a character boundary.
fn truncate_utf16(s: &str, max: usize) -> String {
    let mut used = 0;
    s.chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= max
        })
        .collect()
}

/// A cluster as people call it: "Cụm 1" stays, a bare "1" becomes "Cụm 1".
fn cluster_label(lang: Lang, cluster: &str) -> String {
    if cluster.chars().any(char::is_alphabetic) {
        cluster.to_string()
    } else {
        format!("{} {cluster}", Label::Cluster.text(lang))
    }
}

/// Any document as blocks: title lines, tables, paragraphs.
fn blocks_sheet(
    book: &mut Workbook,
    st: &Styles,
    name: String,
    blocks: &[Block],
    memory: Memory,
) -> Result<Worksheet, RenderError> {
    let mut sheet = Sheet::new(book, name, st, memory)?;
    for b in blocks {
        sheet.block(b)?;
    }
    sheet.finish()
}

/// What produced the workbook, as label/value rows.
fn stamp_sheet(st: &Styles, cx: &Context<'_>, name: String) -> Result<Worksheet, RenderError> {
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    for (r, (label, value)) in content::stamp_lines(cx).iter().enumerate() {
        let row = row_num(r)?;
        write_text(&mut ws, st, row, 0, label, &st.label)?;
        write_text(&mut ws, st, row, 1, value, &st.paragraph)?;
    }
    // Wide enough for a SHA-256 in full.
    ws.set_autofit_max_width(600);
    ws.autofit();
    print_setup(&mut ws, st, None)?;
    Ok(ws)
}

mod ranking;
mod sheet;
mod template;
/// The stamp's generation time (RFC 3339, UTC) as the workbook's creation
/// time; `None` (the writer's own clock) if it does not read as one.
fn created_at(generated_at: &str) -> Option<rust_xlsxwriter::ExcelDateTime> {
    let when = humantime::parse_rfc3339(generated_at).ok()?;
    let secs = when.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    rust_xlsxwriter::ExcelDateTime::from_timestamp(i64::try_from(secs).ok()?).ok()
}

#[cfg(test)]
mod tests;

use sheet::{Memory, Sheet};

pub use template::template_xlsx;
