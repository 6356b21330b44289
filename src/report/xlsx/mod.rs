//! Excel workbooks (rust_xlsxwriter): the ranking laid out as an official
//! annex sheet, with cluster, detail, criteria and stamp sheets; one unit's
//! explanation; the criteria set; and the empty data-entry template.
//!
//! Numbers are written as Excel numbers, ids and names as text (never as
//! formulas). Text that a spreadsheet would read as a formula gets Excel's
//! quote prefix, so it stays text even after someone edits the cell.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Write;

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    ColNum, DataValidation, DataValidationRule, DocProperties, Format, FormatAlign, FormatBorder,
    Formula, Note, RowNum, Workbook, Worksheet, XlsxError, quote_sheet_name, row_col_to_cell,
    row_col_to_cell_absolute,
};

use super::content::{self, Align, Block, Cell, Grid, Row};
use super::sanitize::is_formula_like;
use super::words::{self, num};
use super::{Context, Document, RenderError, Renderer};
use crate::i18n::Lang;
use crate::load::text::NOT_APPLICABLE_TOKENS;
use crate::load::text::YES_NO_TOKENS;
use crate::model::{
    CriteriaSet, Evaluation, IndicatorRef, Level, MissingPolicy, Status, ValueKind,
};

pub struct XlsxRenderer;

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
        let st = Styles::new(cx.set.precision, cx.options.sanitize, cx.lang);
        let mut names = SheetNames::default();
        let mut sheets = Vec::new();
        let lang = cx.lang;
        match doc {
            Document::Ranking(eval) => {
                let eval = &super::in_full(cx.set, eval)?;
                let name = names.claim(lang.pick("Xếp hạng", "Ranking"), "Sheet");
                sheets.push(ranking_sheet(&st, cx, eval, name, None)?);
                for cluster in clusters(eval) {
                    // One cluster's units at a time: a copy of every unit
                    // at once would double the workbook's memory.
                    let sub = cluster_units(eval, cluster);
                    let label = cluster_label(lang, cluster);
                    let name = names.claim(&label, lang.pick("Cụm", "Cluster"));
                    sheets.push(ranking_sheet(&st, cx, &sub, name, Some(&label))?);
                }
                let name = names.claim(lang.pick("Chi tiết", "Details"), "Sheet");
                sheets.push(detail_sheet(&st, cx, eval, name)?);
                let name = names.claim(lang.pick("Tiêu chí", "Criteria"), "Sheet");
                sheets.push(blocks_sheet(&st, name, &content::criteria(cx))?);
            }
            Document::Explain(u, e) => {
                let name = names.claim(lang.pick("Giải trình", "Explanation"), "Sheet");
                sheets.push(blocks_sheet(&st, name, &content::explain(cx, u, e))?);
            }
            Document::Criteria => {
                let name = names.claim(lang.pick("Tiêu chí", "Criteria"), "Sheet");
                sheets.push(blocks_sheet(&st, name, &content::criteria(cx))?);
            }
            Document::Comparison(_) => {
                let name = names.claim(lang.pick("So sánh", "Comparison"), "Sheet");
                sheets.push(blocks_sheet(&st, name, &content::blocks(cx, doc)?)?);
            }
            Document::Sensitivity(_) => {
                let name = names.claim(lang.pick("Độ nhạy", "Sensitivity"), "Sheet");
                sheets.push(blocks_sheet(&st, name, &content::blocks(cx, doc)?)?);
            }
        }
        let name = names.claim(lang.pick("Thông tin lập", "Stamp"), "Sheet");
        sheets.push(stamp_sheet(&st, cx, name)?);

        let mut book = Workbook::new();
        book.set_properties(
            &DocProperties::new()
                .set_author(AUTHOR)
                .set_comment(&cx.stamp.tool),
        );
        for sheet in sheets {
            book.push_worksheet(sheet);
        }
        out.write_all(&book.save_to_buffer()?)?;
        Ok(())
    }
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
    let page = st.lang.pick("Trang &P/&N", "Page &P of &N");
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
        format!("{} {cluster}", lang.pick("Cụm", "Cluster"))
    }
}

/// The clusters, in the order the data file first lists them.
fn clusters(eval: &Evaluation) -> Vec<&str> {
    let mut first: Vec<(usize, &str)> = Vec::new();
    for u in &eval.units {
        let Some(c) = u.cluster.as_deref() else {
            continue;
        };
        match first.iter_mut().find(|(_, name)| *name == c) {
            Some(entry) => entry.0 = entry.0.min(u.input_index),
            None => first.push((u.input_index, c)),
        }
    }
    first.sort_by_key(|(index, _)| *index);
    first.into_iter().map(|(_, c)| c).collect()
}

/// Cluster `c`'s units only, in rank order.
fn cluster_units(eval: &Evaluation, c: &str) -> Evaluation {
    Evaluation {
        full_max: eval.full_max,
        units: eval
            .units
            .iter()
            .filter(|u| u.cluster.as_deref() == Some(c))
            .cloned()
            .collect(),
    }
}

// ---------------------------------------------------------------- sheet writer

/// Long text columns (criterion titles, rules) wrap beyond this width.
const MAX_COLUMN_PIXELS: u32 = 360;

#[derive(Clone, Copy)]
enum Line {
    Title,
    Subtitle,
    Heading,
    Paragraph,
}

/// Writes blocks top to bottom. Free text (titles, paragraphs) is held back
/// until the columns are autofitted, so a long sentence in column A spills
/// over the empty cells to its right instead of widening the column.
struct Sheet<'s> {
    ws: Worksheet,
    st: &'s Styles,
    row: RowNum,
    late: Vec<(RowNum, String, Line)>,
    /// The first table's header row: frozen and repeated on printed pages.
    header: Option<RowNum>,
    /// Leading columns kept in view when scrolling right (id, name).
    freeze_cols: ColNum,
    after_table: bool,
    /// Per column: the widest number as shown, if the column has numbers.
    number_widths: Vec<Option<usize>>,
    /// Per column: the longest word of the first table's header.
    header_words: Vec<usize>,
    /// The first table (header row, last row, last column): filterable.
    filter: Option<(RowNum, RowNum, ColNum)>,
}

impl<'s> Sheet<'s> {
    fn new(name: String, st: &'s Styles) -> Result<Sheet<'s>, RenderError> {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        Ok(Sheet {
            ws,
            st,
            row: 0,
            late: Vec::new(),
            header: None,
            freeze_cols: 0,
            after_table: false,
            number_widths: Vec::new(),
            header_words: Vec::new(),
            filter: None,
        })
    }

    fn line(&mut self, kind: Line, text: &str) {
        self.late.push((self.row, text.to_string(), kind));
        self.row += 1;
    }

    /// A blank row between a table and what follows, or before a heading.
    fn gap(&mut self) {
        if self.row > 0 {
            self.row += 1;
        }
    }

    fn paragraph(&mut self, text: &str) {
        if self.after_table {
            self.gap();
        }
        self.line(Line::Paragraph, text);
    }

    fn grid(&mut self, grid: &Grid, notes: &[Option<String>]) -> Result<(), RenderError> {
        let st = self.st;
        for (c, h) in grid.header.iter().enumerate() {
            let col = col_num(c)?;
            write_text(&mut self.ws, st, self.row, col, h, &st.header)?;
            if let Some(Some(note)) = notes.get(c) {
                let note = Note::new(note).add_author_prefix(false);
                self.ws.insert_note(self.row, col, &note)?;
            }
        }
        let first_table = self.header.is_none();
        let header_row = self.row;
        self.header.get_or_insert(self.row);
        if first_table {
            self.header_words = grid
                .header
                .iter()
                .map(|h| {
                    h.split_whitespace()
                        .map(|w| w.chars().count())
                        .max()
                        .unwrap_or(0)
                })
                .collect();
        }
        self.row += 1;
        for row in &grid.rows {
            for (c, cell) in row.cells.iter().enumerate() {
                if let Some(width) = shown_width(cell, st.precision) {
                    if self.number_widths.len() <= c {
                        self.number_widths.resize(c + 1, None);
                    }
                    let slot = &mut self.number_widths[c];
                    *slot = Some(slot.map_or(width, |w| w.max(width)));
                }
                let align = grid.align.get(c).copied().unwrap_or(Align::Left);
                write_cell(
                    &mut self.ws,
                    st,
                    self.row,
                    col_num(c)?,
                    cell,
                    align,
                    row.emphasis,
                )?;
            }
            self.row += 1;
        }
        if first_table && !grid.rows.is_empty() && !grid.header.is_empty() {
            let last_col = col_num(grid.header.len() - 1)?;
            self.filter = Some((header_row, self.row - 1, last_col));
        }
        self.after_table = true;
        Ok(())
    }

    fn block(&mut self, block: &Block) -> Result<(), RenderError> {
        match block {
            Block::Title(t) => self.line(Line::Title, t),
            Block::Subtitle(t) => self.line(Line::Subtitle, t),
            Block::Heading(t) => {
                self.gap();
                self.line(Line::Heading, t);
            }
            Block::Paragraph(t) => self.paragraph(t),
            Block::Check { passed, text } => {
                // Not applicable: neither passed nor failed.
                let mark = passed.map_or("–", words::met_mark);
                self.paragraph(&format!("{mark} {text}"));
            }
            Block::Table(grid) => {
                self.gap();
                self.grid(grid, &[])?;
                return Ok(());
            }
        }
        self.after_table = false;
        Ok(())
    }

    fn finish(mut self) -> Result<Worksheet, RenderError> {
        let st = self.st;
        self.ws.set_autofit_max_width(MAX_COLUMN_PIXELS);
        self.ws.autofit();
        for (row, text, kind) in &self.late {
            let format = match kind {
                Line::Title => &st.title,
                Line::Subtitle => &st.subtitle,
                Line::Heading => &st.heading,
                Line::Paragraph => &st.paragraph,
            };
            write_text(&mut self.ws, st, *row, 0, text, format)?;
        }
        if let Some(h) = self.header {
            self.ws.set_freeze_panes(h + 1, self.freeze_cols)?;
        }
        // Number columns: as wide as the widest number as shown, or the
        // longest word of the header (which wraps), set after autofit
        // (which measures the unformatted value).
        for (c, width) in self.number_widths.iter().enumerate() {
            if let Some(width) = width {
                let chars = (*width).max(self.header_words.get(c).copied().unwrap_or(0));
                self.ws.set_column_width(
                    col_num(c)?,
                    f64::from(u32::try_from(chars).unwrap_or(0)) + 2.0,
                )?;
            }
        }
        if let Some((first, last, columns)) = self.filter {
            self.ws.autofilter(first, 0, last, columns)?;
        }
        print_setup(&mut self.ws, st, self.header)?;
        Ok(self.ws)
    }
}

// ---------------------------------------------------------------- sheets

/// The annex ranking: title, subtitle, the table in the official column
/// order, then the legends.
fn ranking_sheet(
    st: &Styles,
    cx: &Context<'_>,
    eval: &Evaluation,
    name: String,
    cluster: Option<&str>,
) -> Result<Worksheet, RenderError> {
    let mut sheet = Sheet::new(name, st)?;
    sheet.freeze_cols = 2;
    // The first table is the ranking; a later one (what review stages
    // changed) is written as it is.
    let mut ranking_seen = false;
    for block in content::ranking(cx, eval) {
        match (&block, cluster) {
            (Block::Title(t), Some(c)) => sheet.line(Line::Title, &format!("{t} — {c}")),
            (Block::Table(grid), _) if !ranking_seen => {
                ranking_seen = true;
                // The annex has its header right under the title rows.
                let (grid, notes) = annex_grid(cx.set, cx.lang, grid);
                sheet.grid(&grid, &notes)?;
            }
            _ => sheet.block(&block)?,
        }
    }
    sheet.finish()
}

/// `content::ranking_grid`'s columns (rank, cluster rank, id, name, cluster,
/// groups, score, met, gates, rating) in the annex order: STT, name, id,
/// cluster, groups, score, met, gates, rating, rank, cluster rank. Group
/// columns carry the group's title as a note.
fn annex_grid(set: &CriteriaSet, lang: Lang, grid: &Grid) -> (Grid, Vec<Option<String>>) {
    let k = usize::from(set.columns.cluster.is_some());
    let first_group = 3 + 2 * k;
    let tail = first_group + set.groups.len();
    let mut order = vec![2 + k, 1 + k];
    if k == 1 {
        order.push(4);
    }
    order.extend(first_group..tail + 4);
    order.push(0);
    if k == 1 {
        order.push(1);
    }
    let pick = |cells: &[Cell]| -> Vec<Cell> {
        order
            .iter()
            .filter_map(|&i| cells.get(i).cloned())
            .collect()
    };
    let mut header = vec![lang.pick("STT", "No.").to_string()];
    header.extend(order.iter().filter_map(|&i| grid.header.get(i).cloned()));
    let mut align = vec![Align::Right];
    align.extend(order.iter().filter_map(|&i| grid.align.get(i).copied()));
    let rows = grid
        .rows
        .iter()
        .zip(1i64..)
        .map(|(row, n)| {
            let mut cells = vec![Cell::Int(n)];
            cells.extend(pick(&row.cells));
            Row {
                cells,
                emphasis: row.emphasis,
            }
        })
        .collect();
    let mut notes = vec![None; header.len()];
    for (g, group) in set.groups.iter().enumerate() {
        // STT, name, id and (when clustered) cluster come before the groups.
        if let Some(slot) = notes.get_mut(3 + k + g) {
            *slot = Some(group.title.clone());
        }
    }
    (
        Grid {
            header,
            align,
            rows,
            optional: Vec::new(),
            main: false,
        },
        notes,
    )
}

/// One row per unit, one column per criterion with its points.
fn detail_sheet(
    st: &Styles,
    cx: &Context<'_>,
    eval: &Evaluation,
    name: String,
) -> Result<Worksheet, RenderError> {
    let (set, lang) = (cx.set, cx.lang);
    let clustered = set.columns.cluster.is_some();
    let mut header: Vec<String> = vec![
        lang.pick("Hạng", "Rank").into(),
        lang.pick("Mã", "Id").into(),
        lang.pick("Đơn vị", "Unit").into(),
    ];
    if clustered {
        header.push(lang.pick("Cụm", "Cluster").into());
    }
    let mut notes = vec![None; header.len()];
    for c in &set.criteria {
        header.push(c.id.clone());
        notes.push(Some(format!(
            "{} ({} {})",
            c.title,
            lang.pick("tối đa", "max"),
            words::num_in(lang, c.points)
        )));
    }
    header.extend(
        [
            lang.pick("Điểm cơ sở", "Base"),
            lang.pick("Điểm thưởng", "Bonus"),
            lang.pick("Điểm trừ", "Deductions"),
            lang.pick("Điểm", "Score"),
        ]
        .map(String::from),
    );
    let mut align = vec![Align::Right, Align::Left, Align::Left];
    align.resize(header.len(), Align::Right);
    if clustered {
        align[3] = Align::Left;
    }
    let rows = eval
        .units
        .iter()
        .map(|u| {
            let mut cells = vec![
                content::rank_cell(u.ranked()),
                Cell::text(&u.id),
                Cell::text(&u.name),
            ];
            if clustered {
                cells.push(Cell::text(u.cluster.as_deref().unwrap_or_default()));
            }
            cells.extend(u.criteria.iter().map(|r| match r.status {
                Status::NotApplicable => Cell::text("N/A"),
                _ => Cell::Number(r.points),
            }));
            cells.extend([
                Cell::Number(u.base),
                Cell::Number(u.bonus),
                Cell::Number(u.deductions),
                Cell::Number(u.score),
            ]);
            Row {
                cells,
                emphasis: false,
            }
        })
        .collect();
    let mut sheet = Sheet::new(name, st)?;
    sheet.freeze_cols = 3;
    sheet.line(
        Line::Title,
        &format!(
            "{} — {}",
            lang.pick("Điểm từng tiêu chí", "Points per criterion"),
            set.title
        ),
    );
    sheet.grid(
        &Grid {
            header,
            align,
            rows,
            optional: Vec::new(),
            main: false,
        },
        &notes,
    )?;
    sheet.finish()
}

/// Any document as blocks: title lines, tables, paragraphs.
fn blocks_sheet(st: &Styles, name: String, blocks: &[Block]) -> Result<Worksheet, RenderError> {
    let mut sheet = Sheet::new(name, st)?;
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

mod template;
#[cfg(test)]
mod tests;

pub use template::template_xlsx;
