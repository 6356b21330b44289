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
    CriteriaSet, Evaluation, IndicatorRef, Level, MissingPolicy, Rule, Status, ValueKind,
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
        let st = Styles::new(cx.set.precision, cx.options.sanitize);
        let mut names = SheetNames::default();
        let mut sheets = Vec::new();
        let lang = cx.lang;
        match doc {
            Document::CompactRanking(_) => return doc.require_detail("xlsx"),
            Document::Ranking(eval) => {
                let name = names.claim(lang.pick("Xếp hạng", "Ranking"), "Sheet");
                sheets.push(ranking_sheet(&st, cx, eval, name, None)?);
                for (cluster, sub) in clusters(eval) {
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
                sheets.push(blocks_sheet(&st, name, &content::blocks(cx, doc))?);
            }
            Document::Sensitivity(_) => {
                let name = names.claim(lang.pick("Độ nhạy", "Sensitivity"), "Sheet");
                sheets.push(blocks_sheet(&st, name, &content::blocks(cx, doc))?);
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

struct Styles {
    sanitize: bool,
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
    fn new(precision: u32, sanitize: bool) -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        let text = cell.clone().set_text_wrap();
        let text_right = text.clone().set_align(FormatAlign::Right);
        let number = cell.clone().set_num_format(number_format(precision));
        let int = cell.clone().set_num_format("0");
        Styles {
            sanitize,
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new().set_italic(),
            heading: Format::new().set_bold(),
            paragraph: Format::new(),
            header: Format::new()
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
            label: Format::new().set_bold().set_align(FormatAlign::Top),
            text_column: Format::new().set_num_format("@"),
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
        Cell::Text(s) => {
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

/// A4, landscape, one page wide, the header row on every page.
fn print_setup(ws: &mut Worksheet, header: Option<RowNum>) -> Result<(), RenderError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    if let Some(h) = header {
        ws.set_repeat_rows(h, h)?;
    }
    Ok(())
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

/// Each cluster with only its units (in rank order), clusters in the order
/// the data file first lists them.
fn clusters(eval: &Evaluation) -> Vec<(&str, Evaluation)> {
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
    first
        .into_iter()
        .map(|(_, c)| {
            let units = eval
                .units
                .iter()
                .filter(|u| u.cluster.as_deref() == Some(c))
                .cloned()
                .collect();
            (
                c,
                Evaluation {
                    full_max: eval.full_max,
                    units,
                },
            )
        })
        .collect()
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
        self.header.get_or_insert(self.row);
        self.row += 1;
        for row in &grid.rows {
            for (c, cell) in row.cells.iter().enumerate() {
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
        print_setup(&mut self.ws, self.header)?;
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
    for block in content::ranking(cx, eval) {
        match (&block, cluster) {
            (Block::Title(t), Some(c)) => sheet.line(Line::Title, &format!("{t} — {c}")),
            (Block::Table(grid), _) => {
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
                Cell::Int(i64::from(u.rank)),
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
    print_setup(&mut ws, None)?;
    Ok(ws)
}

// ---------------------------------------------------------------- template

/// Data rows that get drop-downs and checks: 2..=1000 in Excel's numbering.
const FIRST_DATA_ROW: RowNum = 1;
const LAST_DATA_ROW: RowNum = 999;

/// Excel keeps 15 significant digits; a larger value could not be typed exactly.
const LARGEST_TYPED: i64 = 1_000_000_000_000_000;

/// What the readers of one input column expect of it.
#[derive(Default)]
struct Usage<'s> {
    /// "A1 title", "G1 title", "TH1 title", "used to compute …".
    what: Vec<String>,
    units: Vec<&'s str>,
    non_negative: bool,
    at_most: Option<Decimal>,
    levels: Vec<&'s [Level]>,
}

fn usages(set: &CriteriaSet, lang: Lang) -> Vec<Usage<'_>> {
    let mut out: Vec<Usage> = set.inputs.iter().map(|_| Usage::default()).collect();
    let scored = set
        .criteria
        .iter()
        .map(|c| {
            (
                &c.id,
                &c.title,
                c.indicator,
                &c.rule,
                c.unit.as_deref(),
                Some(c.points),
            )
        })
        .chain(set.gates.iter().map(|g| {
            (
                &g.id,
                &g.title,
                g.indicator,
                &g.rule,
                g.unit.as_deref(),
                None,
            )
        }));
    for (id, title, indicator, rule, unit, points) in scored {
        let IndicatorRef::Input(i) = indicator else {
            continue;
        };
        let Some(u) = out.get_mut(i) else { continue };
        u.what.push(format!("{id} {title}"));
        if let Some(unit) = unit
            && !u.units.contains(&unit)
        {
            u.units.push(unit);
        }
        // The same checks the loader makes (load::data), so the sheet
        // refuses what scoring would refuse.
        match rule {
            Rule::Deduct { .. } => u.non_negative = true,
            Rule::Direct => {
                u.non_negative = true;
                if let Some(p) = points {
                    u.at_most = Some(u.at_most.map_or(p, |m| m.min(p)));
                }
            }
            Rule::Levels(levels) => u.levels.push(levels),
            _ => {}
        }
    }
    for a in &set.adjustments {
        if let IndicatorRef::Input(i) = a.indicator
            && let Some(u) = out.get_mut(i)
        {
            u.what.push(format!("{} {}", a.id, a.title));
            u.non_negative = true;
        }
    }
    for (d, derived) in set.derived.iter().enumerate() {
        let readers: Vec<&str> = set
            .criteria
            .iter()
            .map(|c| (&c.id, c.indicator))
            .chain(set.gates.iter().map(|g| (&g.id, g.indicator)))
            .filter(|(_, ind)| *ind == IndicatorRef::Derived(d))
            .map(|(id, _)| id.as_str())
            .collect();
        let title = derived
            .title
            .as_deref()
            .map(|t| format!(" ({t})"))
            .unwrap_or_default();
        let readers = if readers.is_empty() {
            String::new()
        } else {
            format!(" → {}", readers.join(", "))
        };
        let line = format!(
            "{} {}{title}{readers}",
            lang.pick("dùng để tính", "used to compute"),
            derived.id
        );
        for operand in [derived.a, derived.b] {
            if let IndicatorRef::Input(i) = operand
                && let Some(u) = out.get_mut(i)
                && !u.what.contains(&line)
            {
                u.what.push(line.clone());
            }
        }
    }
    out
}

/// Labels every levels rule reading the column accepts, as the first writes them.
fn common_labels(levels: &[&[Level]]) -> Vec<String> {
    let Some((first, rest)) = levels.split_first() else {
        return Vec::new();
    };
    first
        .iter()
        .filter(|l| {
            rest.iter()
                .all(|other| other.iter().any(|o| o.key == l.key))
        })
        .map(|l| l.label.clone())
        .collect()
}

/// One column of the template and its line in the guide.
struct Guide {
    column: String,
    what: String,
    unit: String,
    allowed: String,
    na: String,
    blank: String,
    accepts_na: bool,
    check: Check,
}

enum Check {
    None,
    List(Vec<String>),
    Number {
        non_negative: bool,
        at_most: Option<Decimal>,
        na: bool,
    },
}

fn guides(set: &CriteriaSet, lang: Lang) -> Vec<Guide> {
    let no = lang.pick("không", "no").to_string();
    let identity = |column: &str, what: &str| Guide {
        column: column.to_string(),
        what: what.to_string(),
        unit: String::new(),
        allowed: lang.pick("chữ hoặc số", "text or digits").to_string(),
        na: no.clone(),
        blank: no.clone(),
        accepts_na: false,
        check: Check::None,
    };
    let mut out = vec![
        identity(
            &set.columns.id,
            lang.pick(
                "Mã đơn vị; mỗi dòng một mã khác nhau",
                "Unit id; different on every row",
            ),
        ),
        identity(&set.columns.name, lang.pick("Tên đơn vị", "Unit name")),
    ];
    if let Some(c) = &set.columns.cluster {
        out.push(identity(
            c,
            lang.pick(
                "Cụm (khối) thi đua; hạng cụm được tính trong từng cụm",
                "Emulation cluster; cluster ranks are computed within each",
            ),
        ));
    }
    let na_tokens = NOT_APPLICABLE_TOKENS;
    for (input, usage) in set.inputs.iter().zip(usages(set, lang)) {
        let na_words = if input.accepts_na {
            format!("{}: {}", lang.pick("được", "yes"), na_tokens.join(", "))
        } else {
            no.clone()
        };
        let with_na = |mut list: Vec<String>| {
            if input.accepts_na {
                list.push("N/A".to_string());
            }
            list
        };
        let (allowed, check) = match input.kind {
            ValueKind::YesNo => {
                let (yes, no) = (words::yes_no(lang, true), words::yes_no(lang, false));
                let others: Vec<&str> = YES_NO_TOKENS
                    .iter()
                    .copied()
                    .filter(|t| *t != yes && *t != no)
                    .collect();
                (
                    format!(
                        "{yes} / {no} ({}: {})",
                        lang.pick("cũng nhận", "also accepted"),
                        others.join(", ")
                    ),
                    Check::List(with_na(vec![yes.to_string(), no.to_string()])),
                )
            }
            ValueKind::Label => {
                let labels = common_labels(&usage.levels);
                (labels.join(" / "), Check::List(with_na(labels)))
            }
            ValueKind::Number => {
                let mut allowed = match (usage.non_negative, usage.at_most) {
                    (true, Some(max)) => match lang {
                        Lang::Vi => format!("một số từ 0 đến {}", words::num_in(Lang::Vi, max)),
                        Lang::En => format!("a number from 0 to {}", num(max)),
                    },
                    (true, None) => lang.pick("một số ≥ 0", "a number ≥ 0").to_string(),
                    (false, _) => lang.pick("một số", "a number").to_string(),
                };
                if usage.units.contains(&"%") {
                    // A typed "85.5%" becomes 0.855 in a percent-formatted cell;
                    // the reader undoes that for .xlsx, a plain 85.5 is safest.
                    allowed.push_str(lang.pick(
                        "; phần trăm: gõ 85,5 (không cần dấu %)",
                        "; a percentage: type 85.5 (no % sign needed)",
                    ));
                }
                (
                    allowed,
                    Check::Number {
                        non_negative: usage.non_negative,
                        at_most: usage.at_most,
                        na: input.accepts_na,
                    },
                )
            }
        };
        let blank = if input.blank_means_zero {
            lang.pick("được (tính là 0)", "yes (counts as 0)")
        } else if set.missing == MissingPolicy::Zero {
            lang.pick(
                "được (tiêu chí được 0 điểm và bị đánh dấu thiếu)",
                "yes (the criterion earns 0 and is flagged missing)",
            )
        } else {
            lang.pick("không", "no")
        };
        out.push(Guide {
            column: input.column.clone(),
            what: usage.what.join("; "),
            unit: usage.units.join(", "),
            allowed,
            na: na_words,
            blank: blank.to_string(),
            accepts_na: input.accepts_na,
            check,
        });
    }
    out
}

/// Lists too long for Excel's inline limit (255 characters), or holding a
/// comma (the inline separator), go on a hidden sheet instead.
struct Lists {
    ws: Worksheet,
    name: String,
    used: ColNum,
}

impl Lists {
    fn range(&mut self, items: &[String], st: &Styles) -> Result<Formula, RenderError> {
        let col = self.used;
        for (r, item) in items.iter().enumerate() {
            write_text(&mut self.ws, st, row_num(r)?, col, item, &st.paragraph)?;
        }
        self.used += 1;
        let last = row_num(items.len().saturating_sub(1))?;
        Ok(Formula::new(format!(
            "={}!{}:{}",
            quote_sheet_name(&self.name),
            row_col_to_cell_absolute(0, col),
            row_col_to_cell_absolute(last, col)
        )))
    }
}

fn truncate_message(s: &str) -> String {
    truncate_utf16(s, 255)
}

fn validation(
    guide: &Guide,
    col: ColNum,
    lang: Lang,
    lists: &mut Lists,
    st: &Styles,
) -> Result<Option<DataValidation>, RenderError> {
    let dv = match &guide.check {
        Check::None => return Ok(None),
        Check::List(items) if items.is_empty() => return Ok(None),
        Check::List(items) => {
            let inline: usize = items.iter().map(|i| i.encode_utf16().count() + 1).sum();
            if inline > 255 || items.iter().any(|i| i.contains(',')) {
                DataValidation::new().allow_list_formula(lists.range(items, st)?)
            } else {
                DataValidation::new().allow_list_strings(items)?
            }
        }
        Check::Number {
            non_negative,
            at_most,
            na: false,
        } => {
            let rule = match (non_negative, at_most) {
                (true, Some(max)) => DataValidationRule::Between(0.0, excel_number(*max)?),
                (true, None) => DataValidationRule::GreaterThanOrEqualTo(0.0),
                (false, _) => {
                    let limit = excel_number(Decimal::from(LARGEST_TYPED))?;
                    DataValidationRule::Between(-limit, limit)
                }
            };
            DataValidation::new().allow_decimal_number(rule)
        }
        Check::Number {
            non_negative,
            at_most,
            na: true,
        } => {
            // A number check that also lets the N/A words through; bounds
            // are written as exact decimal text.
            let cell = row_col_to_cell(FIRST_DATA_ROW, col);
            let mut number = vec![format!("ISNUMBER({cell})")];
            if *non_negative {
                number.push(format!("{cell}>=0"));
            }
            if let Some(max) = at_most {
                number.push(format!("{cell}<={}", num(*max)));
            }
            let mut any = vec![if number.len() == 1 {
                number.join(",")
            } else {
                format!("AND({})", number.join(","))
            }];
            any.extend(
                NOT_APPLICABLE_TOKENS
                    .iter()
                    .map(|t| format!("{cell}=\"{}\"", t.replace('"', "\"\""))),
            );
            DataValidation::new().allow_custom(Formula::new(format!("=OR({})", any.join(","))))
        }
    };
    let mut hint = guide.allowed.clone();
    if guide.accepts_na {
        hint.push_str(&format!(
            "; {}: {}",
            lang.pick("hoặc không áp dụng", "or not applicable"),
            NOT_APPLICABLE_TOKENS.join(", ")
        ));
    }
    let dv = dv
        .set_input_title(truncate_utf16(&guide.column, 32))?
        .set_input_message(truncate_message(&hint))?
        .set_error_title(truncate_utf16(
            lang.pick("Giá trị không hợp lệ", "Value not allowed"),
            32,
        ))?
        .set_error_message(truncate_message(&format!("{}: {hint}", guide.column)))?;
    Ok(Some(dv))
}

/// An empty data-entry workbook for a criteria set: the data sheet (first,
/// so `score` reads it as is) with drop-downs and number checks, and a
/// guide sheet explaining every column.
pub fn template_xlsx(set: &CriteriaSet, lang: Lang) -> Result<Vec<u8>, RenderError> {
    let st = Styles::new(set.precision, true);
    let guides = guides(set, lang);
    let mut names = SheetNames::default();

    let mut data = Worksheet::new();
    data.set_name(names.claim(lang.pick("Nhập liệu", "Data entry"), "Data"))?;
    let lists_name = names.claim(lang.pick("Danh mục", "Lists"), "Lists");
    let mut lists = Lists {
        ws: Worksheet::new(),
        name: lists_name.clone(),
        used: 0,
    };
    lists.ws.set_name(lists_name)?;
    let identity = 2 + usize::from(set.columns.cluster.is_some());
    for (c, guide) in guides.iter().enumerate() {
        let col = col_num(c)?;
        write_text(&mut data, &st, 0, col, &guide.column, &st.header)?;
        if c < identity {
            data.set_column_format(col, &st.text_column)?;
        }
        if let Some(dv) = validation(guide, col, lang, &mut lists, &st)? {
            data.add_data_validation(FIRST_DATA_ROW, col, LAST_DATA_ROW, col, &dv)?;
        }
    }
    data.autofit();
    // Autofit leaves the text-formatted identity columns alone; names are long.
    for (c, pixels) in [90, 200, 105].into_iter().take(identity).enumerate() {
        data.set_column_width_pixels(col_num(c)?, pixels)?;
    }
    data.set_freeze_panes(1, 0)?;
    print_setup(&mut data, Some(0))?;

    let mut guide_ws = Worksheet::new();
    guide_ws.set_name(names.claim(lang.pick("Hướng dẫn", "Columns"), "Guide"))?;
    let header = [
        lang.pick("Cột", "Column"),
        lang.pick("Nội dung", "What it is"),
        lang.pick("Đơn vị tính", "Unit"),
        lang.pick("Giá trị hợp lệ", "Allowed values"),
        lang.pick("N/A (không áp dụng)", "N/A allowed"),
        lang.pick("Để trống", "Blank allowed"),
    ];
    for (c, h) in header.iter().enumerate() {
        write_text(&mut guide_ws, &st, 0, col_num(c)?, h, &st.header)?;
    }
    for (r, g) in guides.iter().enumerate() {
        let row = row_num(r + 1)?;
        let cells = [&g.column, &g.what, &g.unit, &g.allowed, &g.na, &g.blank];
        for (c, text) in cells.iter().enumerate() {
            write_text(&mut guide_ws, &st, row, col_num(c)?, text, &st.text)?;
        }
    }
    guide_ws.set_autofit_max_width(400);
    guide_ws.autofit();
    guide_ws.set_freeze_panes(1, 1)?;
    print_setup(&mut guide_ws, Some(0))?;

    let mut book = Workbook::new();
    book.push_worksheet(data);
    book.push_worksheet(guide_ws);
    if lists.used > 0 {
        lists.ws.set_hidden(true);
        book.push_worksheet(lists.ws);
    }
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Range, Reader, Sheets, open_workbook_auto_from_rs};

    use super::*;
    use crate::collate::VietnameseOrder;
    use crate::load::{data::bind, parse_criteria, shipped, table::read_csv};
    use crate::model::UnitResult;
    use crate::report::{Format as OutFormat, Options, Stamp, render_to_vec};

    const THI_DUA: (&str, &str, &str) = (
        "thi-dua-cuoi-nam",
        "thi-dua-2023.csv",
        include_str!("../../examples/thi-dua-2023.csv"),
    );
    const AN_TOAN: (&str, &str, &str) = (
        "an-toan-antt",
        "an-toan-2023.csv",
        include_str!("../../examples/an-toan-2023.csv"),
    );
    const CUA_LO: (&str, &str, &str) = (
        "cong-an-phuong-kieu-mau",
        "cua-lo-2023.csv",
        include_str!("../../examples/cua-lo-2023.csv"),
    );

    fn set_of(id: &str) -> CriteriaSet {
        let (file, text) = shipped::find(id).unwrap();
        parse_criteria(file, text).unwrap()
    }

    fn fixture((id, name, csv): (&str, &str, &str)) -> (CriteriaSet, Evaluation) {
        let set = set_of(id);
        let table = read_csv(name, csv, None).unwrap();
        let data = bind(&set, &table, Default::default()).unwrap();
        let eval = crate::engine::evaluate(&set, &data, &VietnameseOrder::new());
        (set, eval)
    }

    fn render(set: &CriteriaSet, lang: Lang, sanitize: bool, doc: &Document<'_>) -> Vec<u8> {
        let stamp = Stamp::for_tests();
        let cx = Context {
            profile: &crate::model::Profile::default(),
            set,
            lang,
            stamp: &stamp,
            options: Options {
                sanitize,
                ..Options::default()
            },
        };
        render_to_vec(OutFormat::Xlsx, &cx, doc).unwrap()
    }

    type Book = Sheets<Cursor<Vec<u8>>>;

    fn open(bytes: Vec<u8>) -> Book {
        open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap()
    }

    fn sheet(book: &mut Book, name: &str) -> Range<Data> {
        book.worksheet_range(name).unwrap()
    }

    fn at(range: &Range<Data>, row: u32, col: u32) -> Data {
        range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
    }

    fn s(text: &str) -> Data {
        Data::String(text.to_string())
    }

    /// What Excel holds for an exact decimal.
    fn n(d: Decimal) -> Data {
        Data::Float(d.to_string().parse().unwrap())
    }

    fn int(i: u32) -> Data {
        Data::Float(f64::from(i))
    }

    fn row_texts(range: &Range<Data>, row: u32) -> Vec<String> {
        let width = range.end().map_or(0, |(_, c)| c + 1);
        let mut out: Vec<String> = (0..width)
            .map(|c| match at(range, row, c) {
                Data::String(s) => s,
                Data::Empty => String::new(),
                other => other.to_string(),
            })
            .collect();
        while out.last().is_some_and(String::is_empty) {
            out.pop();
        }
        out
    }

    /// The row whose first cell is `first`.
    fn find_row(range: &Range<Data>, first: &str) -> u32 {
        let last = range.end().map_or(0, |(r, _)| r);
        (0..=last)
            .find(|&r| at(range, r, 0) == s(first))
            .unwrap_or_else(|| panic!("no row starts with {first}"))
    }

    fn no_formulas(book: &mut Book) {
        for name in book.sheet_names() {
            let formulas = book.worksheet_formula(&name).unwrap();
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "formula in sheet {name}"
            );
        }
    }

    #[test]
    fn ranking_workbook_has_the_annex_layout() {
        let (set, eval) = fixture(THI_DUA);
        let bytes = render(&set, Lang::Vi, true, &Document::Ranking(&eval));
        let mut book = open(bytes);
        assert_eq!(
            book.sheet_names(),
            [
                "Xếp hạng",
                "Cụm 1",
                "Cụm 2",
                "Cụm 3",
                "Chi tiết",
                "Tiêu chí",
                "Thông tin lập"
            ]
        );
        let r = sheet(&mut book, "Xếp hạng");
        assert_eq!(at(&r, 0, 0), s(&set.title));
        assert!(matches!(at(&r, 1, 0), Data::String(t) if t.contains("NĐ 98/2023/NĐ-CP")));
        assert_eq!(
            row_texts(&r, 2),
            [
                "STT",
                "Đơn vị",
                "Mã",
                "Cụm",
                "A",
                "B",
                "C",
                "D",
                "Điểm",
                "Đạt",
                "Ghi chú",
                "Xếp loại",
                "Hạng",
                "Hạng cụm"
            ]
        );
        for (i, u) in eval.units.iter().enumerate() {
            let row = 3 + i as u32;
            assert_eq!(at(&r, row, 0), int(i as u32 + 1));
            assert_eq!(at(&r, row, 1), s(&u.name));
            assert_eq!(at(&r, row, 2), s(&u.id));
            assert_eq!(at(&r, row, 3), s(u.cluster.as_deref().unwrap()));
            for (g, value) in u.groups.iter().enumerate() {
                assert_eq!(at(&r, row, 4 + g as u32), n(*value));
            }
            assert_eq!(at(&r, row, 8), n(u.score));
            assert_eq!(at(&r, row, 9), s(&format!("{}/{}", u.met, u.applicable)));
            assert_eq!(at(&r, row, 11), s(words::rating_shown(&set, u.rating)));
            assert_eq!(at(&r, row, 12), int(u.rank));
            assert_eq!(at(&r, row, 13), int(u.cluster_rank.unwrap()));
        }
        // Vietnamese intact, the quota note in its own column, the group
        // legend below.
        assert!(eval.units.iter().any(|u| u.name == "Đội Cung"));
        assert!(r.used_cells().any(|(_, _, d)| {
            *d == s("↓ Hoàn thành xuất sắc nhiệm vụ: hạn mức")
        }));
        let legend = 3 + eval.units.len() as u32 + 1;
        assert!(
            matches!(at(&r, legend, 0), Data::String(t) if t.contains("A = Xây dựng lực lượng"))
        );

        // Scores carry the set's precision; the header is bold.
        let styles = book.worksheet_style("Xếp hạng").unwrap();
        let score = styles.get((3, 8)).unwrap();
        assert_eq!(score.number_format.as_ref().unwrap().format_code, "0.00");
        assert!(styles.get((2, 0)).unwrap().font.as_ref().unwrap().is_bold());
        no_formulas(&mut book);
    }

    #[test]
    fn one_sheet_per_cluster_in_rank_order() {
        let (set, eval) = fixture(THI_DUA);
        let mut book = open(render(&set, Lang::Vi, true, &Document::Ranking(&eval)));
        let mut seen = 0;
        for cluster in ["Cụm 1", "Cụm 2", "Cụm 3"] {
            let r = sheet(&mut book, cluster);
            assert!(
                matches!(at(&r, 0, 0), Data::String(t) if t.ends_with(&format!("— {cluster}")))
            );
            let units: Vec<&UnitResult> = eval
                .units
                .iter()
                .filter(|u| u.cluster.as_deref() == Some(cluster))
                .collect();
            assert!(!units.is_empty());
            for (i, u) in units.iter().enumerate() {
                let row = 3 + i as u32;
                assert_eq!(at(&r, row, 0), int(i as u32 + 1));
                assert_eq!(at(&r, row, 1), s(&u.name));
                assert_eq!(at(&r, row, 3), s(cluster));
                assert_eq!(at(&r, row, 8), n(u.score));
                assert_eq!(at(&r, row, 12), int(u.rank));
                assert_eq!(at(&r, row, 13), int(u.cluster_rank.unwrap()));
            }
            // Nothing but the legends after this cluster's units.
            assert_eq!(at(&r, 3 + units.len() as u32, 0), Data::Empty);
            seen += units.len();
        }
        assert_eq!(seen, eval.units.len());
    }

    #[test]
    fn detail_sheet_has_every_criterion_and_na_as_text() {
        let (set, eval) = fixture(THI_DUA);
        let mut book = open(render(&set, Lang::Vi, true, &Document::Ranking(&eval)));
        let r = sheet(&mut book, "Chi tiết");
        let header = row_texts(&r, 1);
        let mut expected = vec!["Hạng", "Mã", "Đơn vị", "Cụm"];
        expected.extend(set.criteria.iter().map(|c| c.id.as_str()));
        expected.extend(["Điểm cơ sở", "Điểm thưởng", "Điểm trừ", "Điểm"]);
        assert_eq!(header, expected);
        let mut na_seen = false;
        for (i, u) in eval.units.iter().enumerate() {
            let row = 2 + i as u32;
            assert_eq!(at(&r, row, 0), int(u.rank));
            assert_eq!(at(&r, row, 1), s(&u.id));
            for (c, result) in u.criteria.iter().enumerate() {
                let got = at(&r, row, 4 + c as u32);
                if result.status == Status::NotApplicable {
                    assert_eq!(got, s("N/A"));
                    na_seen = true;
                } else {
                    assert_eq!(got, n(result.points));
                }
            }
            assert_eq!(at(&r, row, 4 + set.criteria.len() as u32 + 3), n(u.score));
        }
        assert!(na_seen, "the example has N/A for B3");
    }

    #[test]
    fn criteria_and_stamp_sheets() {
        let (set, eval) = fixture(THI_DUA);
        let mut book = open(render(&set, Lang::Vi, true, &Document::Ranking(&eval)));
        let r = sheet(&mut book, "Tiêu chí");
        let header = find_row(&r, "Mã");
        assert_eq!(
            row_texts(&r, header),
            ["Mã", "Tiêu chí", "Chỉ số", "Quy tắc", "Điểm", "Đạt khi ≥"]
        );
        let a1 = find_row(&r, "A1");
        assert_eq!(at(&r, a1, 2), s("chien_si_tien_tien_pct"));
        assert_eq!(at(&r, a1, 4), n(Decimal::from(8)));

        let r = sheet(&mut book, "Thông tin lập");
        let stamp = Stamp::for_tests();
        let cx = Context {
            profile: &crate::model::Profile::default(),
            set: &set,
            lang: Lang::Vi,
            stamp: &stamp,
            options: Options::default(),
        };
        for (i, (label, value)) in content::stamp_lines(&cx).iter().enumerate() {
            assert_eq!(at(&r, i as u32, 0), s(label));
            assert_eq!(at(&r, i as u32, 1), s(value));
        }
    }

    #[test]
    fn formula_like_text_comes_back_as_the_same_text() {
        let (set, mut eval) = fixture(THI_DUA);
        let nasty = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd", "@SUM(1)", "-2+3"];
        for (u, name) in eval.units.iter_mut().zip(nasty) {
            u.name = name.to_string();
            u.id = format!("={name}");
        }
        for sanitize in [true, false] {
            let bytes = render(&set, Lang::Vi, sanitize, &Document::Ranking(&eval));
            let mut book = open(bytes);
            let r = sheet(&mut book, "Xếp hạng");
            for (i, name) in nasty.iter().enumerate() {
                assert_eq!(at(&r, 3 + i as u32, 1), s(name));
                assert_eq!(at(&r, 3 + i as u32, 2), s(&format!("={name}")));
            }
            let d = sheet(&mut book, "Chi tiết");
            assert_eq!(at(&d, 2, 2), s(nasty[0]));
            no_formulas(&mut book);
        }
    }

    #[test]
    fn english_labels_without_clusters() {
        let (set, eval) = fixture(AN_TOAN);
        let mut book = open(render(&set, Lang::En, true, &Document::Ranking(&eval)));
        assert_eq!(
            book.sheet_names(),
            ["Ranking", "Details", "Criteria", "Stamp"]
        );
        let r = sheet(&mut book, "Ranking");
        let header = find_row(&r, "No.");
        let mut expected = vec!["No.", "Unit", "Id"];
        expected.extend(set.groups.iter().map(|g| g.id.as_str()));
        expected.extend(["Score", "Met", "Note", "Rating", "Rank"]);
        assert_eq!(row_texts(&r, header), expected);
        let first = &eval.units[0];
        assert_eq!(at(&r, header + 1, 1), s(&first.name));
        assert_eq!(at(&r, header + 1, 2), s(&first.id));
        let score_col = 3 + set.groups.len() as u32;
        assert_eq!(at(&r, header + 1, score_col), n(first.score));
    }

    #[test]
    fn explain_and_criteria_documents() {
        let (set, eval) = fixture(CUA_LO);
        let u = eval.units.iter().find(|u| u.id == "NTHUY").unwrap();
        let e = crate::engine::explain::explain(&set, u);
        let mut book = open(render(&set, Lang::Vi, true, &Document::Explain(u, &e)));
        assert_eq!(book.sheet_names(), ["Giải trình", "Thông tin lập"]);
        let r = sheet(&mut book, "Giải trình");
        assert!(matches!(at(&r, 0, 0), Data::String(t) if t.starts_with("Nghi Thủy (NTHUY)")));
        let header = find_row(&r, "Mã");
        assert_eq!(at(&r, header, 1), s("Tiêu chí"));
        assert!(r.used_cells().any(|(_, _, d)| *d == s("không áp dụng")));

        let mut book = open(render(&set, Lang::Vi, true, &Document::Criteria));
        assert_eq!(book.sheet_names(), ["Tiêu chí", "Thông tin lập"]);
        let r = sheet(&mut book, "Tiêu chí");
        assert_eq!(at(&r, 0, 0), s(&set.title));
        find_row(&r, set.criteria[0].id.as_str());
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut names = SheetNames::default();
        assert_eq!(names.claim("Cụm 1", "x"), "Cụm 1");
        assert_eq!(names.claim("cụm 1", "x"), "cụm 1 (2)");
        assert_eq!(names.claim("a[b]:c*d?e/f\\g", "x"), "a-b--c-d-e-f-g");
        assert_eq!(names.claim("'quoted'", "x"), "quoted");
        assert_eq!(names.claim("  ", "Cụm"), "Cụm");
        assert_eq!(names.claim("History", "x"), "History (2)");
        let long = "Cụm thi đua số một của các phường phía Bắc thành phố";
        let first = names.claim(long, "x");
        let second = names.claim(long, "x");
        assert!(first.encode_utf16().count() <= 31);
        assert!(second.encode_utf16().count() <= 31 && second.ends_with(" (2)"));
        assert_ne!(first, second);
        assert_eq!(cluster_label(Lang::Vi, "2"), "Cụm 2");
        assert_eq!(cluster_label(Lang::En, "Cụm 2"), "Cụm 2");
    }

    #[test]
    fn numbers_at_the_boundary() {
        assert_eq!(number_format(0), "0");
        assert_eq!(number_format(2), "0.00");
        let d: Decimal = "91.25".parse().unwrap();
        assert_eq!(excel_number(d).unwrap(), 91.25);
        let d: Decimal = "85.1".parse().unwrap();
        assert_eq!(excel_number(d).unwrap().to_string(), "85.1");
    }

    fn template_header(bytes: Vec<u8>) -> (Vec<String>, Vec<String>, usize) {
        let mut book = open(bytes);
        let names = book.sheet_names();
        let data = sheet(&mut book, &names[0]);
        let guide = sheet(&mut book, &names[1]);
        (names, row_texts(&data, 0), guide.height())
    }

    fn expected_columns(set: &CriteriaSet) -> Vec<String> {
        let mut columns = vec![set.columns.id.clone(), set.columns.name.clone()];
        columns.extend(set.columns.cluster.clone());
        columns.extend(set.inputs.iter().map(|i| i.column.clone()));
        columns
    }

    #[test]
    fn template_has_the_data_columns_and_a_guide_row_for_each() {
        for (id, lang, names) in [
            ("thi-dua-cuoi-nam", Lang::Vi, ["Nhập liệu", "Hướng dẫn"]),
            (
                "cong-an-phuong-kieu-mau",
                Lang::En,
                ["Data entry", "Columns"],
            ),
        ] {
            let set = set_of(id);
            let bytes = template_xlsx(&set, lang).unwrap();
            let mut book = open(bytes.clone());
            assert_eq!(book.sheet_names(), names);
            let (_, header, guide_rows) = template_header(bytes);
            assert_eq!(header, expected_columns(&set));
            assert_eq!(guide_rows, 1 + header.len());
            let guide = sheet(&mut book, names[1]);
            for (r, column) in header.iter().enumerate() {
                assert_eq!(at(&guide, r as u32 + 1, 0), s(column));
            }
        }
        // B3 accepts N/A; D1's levels are listed.
        let set = set_of("thi-dua-cuoi-nam");
        let mut book = open(template_xlsx(&set, Lang::Vi).unwrap());
        let guide = sheet(&mut book, "Hướng dẫn");
        let b3 = find_row(&guide, "kham_pha_nghiem_trong_pct");
        assert!(matches!(at(&guide, b3, 4), Data::String(t) if t.contains("KAD")));
        let d1 = find_row(&guide, "phan_loai_phong_trao");
        assert_eq!(at(&guide, d1, 3), s("Xuất sắc / Khá / Trung bình / Yếu"));
        let bonus = find_row(&guide, "bang_khen");
        assert_eq!(at(&guide, bonus, 5), s("được (tính là 0)"));
    }

    /// A user fills the template (numbers typed as numbers, text as text)
    /// and scores it: same results as the CSV.
    #[test]
    fn filled_template_scores_without_edits() {
        for example in [THI_DUA, CUA_LO, AN_TOAN] {
            let (set, expected) = fixture(example);
            let (_, header, _) = template_header(template_xlsx(&set, Lang::Vi).unwrap());
            let csv = read_csv(example.1, example.2, None).unwrap();

            let mut book = Workbook::new();
            let ws = book.add_worksheet();
            for (c, name) in header.iter().enumerate() {
                ws.write_string(0, c as u16, name).unwrap();
                let from = csv.header.iter().position(|h| h == name).unwrap();
                for (r, row) in csv.rows.iter().enumerate() {
                    let cell = &row.cells[from];
                    let (r, c) = (r as u32 + 1, c as u16);
                    match cell.parse::<f64>() {
                        Ok(x) if c >= 2 => ws.write_number(r, c, x).unwrap(),
                        _ => ws.write_string(r, c, cell).unwrap(),
                    };
                }
            }
            let filled = book.save_to_buffer().unwrap();

            let table = crate::load::workbook::read_workbook("filled.xlsx", filled, None).unwrap();
            let data = bind(&set, &table, Default::default()).unwrap();
            assert!(data.unused_columns.is_empty());
            let got = crate::engine::evaluate(&set, &data, &VietnameseOrder::new());
            let key = |e: &Evaluation| -> Vec<(String, Decimal, u32, usize)> {
                e.units
                    .iter()
                    .map(|u| (u.id.clone(), u.score, u.rank, u.rating))
                    .collect()
            };
            assert_eq!(key(&got), key(&expected), "{}", example.0);
        }
    }

    #[test]
    fn long_or_comma_lists_go_to_a_hidden_sheet() {
        let mut set = set_of("thi-dua-cuoi-nam");
        let levels = set
            .criteria
            .iter_mut()
            .find_map(|c| match &mut c.rule {
                Rule::Levels(l) => Some(l),
                _ => None,
            })
            .unwrap();
        levels[0].label = "Giỏi, không vi phạm".into();
        levels[0].key = crate::load::text::label_key("Giỏi, không vi phạm");
        let mut book = open(template_xlsx(&set, Lang::Vi).unwrap());
        assert_eq!(book.sheet_names(), ["Nhập liệu", "Hướng dẫn", "Danh mục"]);
        let lists = sheet(&mut book, "Danh mục");
        assert_eq!(at(&lists, 0, 0), s("Giỏi, không vi phạm"));
    }
}
