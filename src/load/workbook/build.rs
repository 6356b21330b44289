//! A sheet's non-empty cells, in whatever order a reader gives them, into
//! a [`RawTable`]: the first non-empty row is the header, rows with nothing
//! in them are skipped, and nothing right of the header is kept. Only
//! non-empty cells are held until the end, and the table is laid out only
//! once its size is known to be within [`limits`].

use std::collections::BTreeMap;

use calamine::Data;

use super::super::guidance::{HEADER_SEARCH_LINES, Splitting};
use super::super::problem::Problem;
use super::super::table::{HiddenLines, MergedCells, NumberBehind, RawRow, RawTable, Unseen};
use super::limits::{self, MAX_CELL_BYTES, MAX_CELLS, MAX_COLUMNS, MAX_ROWS};
use super::{cell_text, number_value, percent_of, shown};

/// One non-empty cell: its column, text, and whether it was a number.
type Kept = (u32, String, bool);

pub(super) struct SparseTable<'a> {
    file: &'a str,
    sheet: &'a str,
    rows: BTreeMap<u32, Vec<Kept>>,
    cells: u64,
    first_col: u32,
    merged: Vec<MergedCells>,
    hidden: HiddenLines,
    /// The number formats of the sheet's cells, each code read once.
    formats: shown::NumberFormats,
    /// See [`RawTable::numbers_behind`]: 0-based row and column.
    numbers_behind: Vec<NumberBehind>,
}

impl<'a> SparseTable<'a> {
    pub(super) fn new(file: &'a str, sheet: &'a str) -> Self {
        SparseTable {
            file,
            sheet,
            rows: BTreeMap::new(),
            cells: 0,
            first_col: u32::MAX,
            merged: Vec::new(),
            hidden: HiddenLines::default(),
            formats: shown::NumberFormats::default(),
            numbers_behind: Vec::new(),
        }
    }

    /// Keeps the sheet's merged ranges, `(first, last)` cells as 0-based
    /// (row, column), for binding to check against the set's columns.
    pub(super) fn merged(&mut self, ranges: impl IntoIterator<Item = ((u32, u32), (u32, u32))>) {
        self.merged = ranges
            .into_iter()
            .map(|(first, last)| MergedCells { first, last })
            .collect();
    }

    /// Keeps the sheet's hidden rows and columns, for binding to check.
    pub(super) fn hidden(&mut self, hidden: HiddenLines) {
        // Cells hidden by their format were noted as they were added.
        let values = std::mem::take(&mut self.hidden.values);
        self.hidden = hidden.settled();
        self.hidden.values = values;
    }

    /// Keeps the cell at (`row`, `col`), 0-based, unless it is empty, as
    /// it shows through `format` (its number format code, if known).
    pub(super) fn add(
        &mut self,
        row: u32,
        col: u32,
        cell: &Data,
        format: Option<&str>,
    ) -> Result<(), Vec<Problem>> {
        if u64::from(row) >= MAX_ROWS || u64::from(col) >= MAX_COLUMNS {
            return Err(vec![limits::cell_out_of_sheet(
                self.file,
                self.sheet,
                row.into(),
                col.into(),
            )]);
        }
        if let Data::String(s) = cell
            && s.len() > MAX_CELL_BYTES
        {
            let reference = limits::cell_reference(row.into(), col.into());
            return Err(vec![limits::cell_too_long(
                self.file,
                self.sheet,
                &reference,
                s.len() as u64,
            )]);
        }
        let (text, typed, unseen, number) = as_shown(cell, format, &mut self.formats);
        if text.is_empty() {
            return Ok(());
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            let area = format!("A1:{}", limits::cell_reference(row.into(), col.into()));
            return Err(vec![limits::too_many_cells(
                self.file, self.sheet, self.cells, &area,
            )]);
        }
        if let Some(unseen) = unseen {
            self.hidden.add_value(row, col, unseen);
        }
        if let Some(number) = number {
            self.numbers_behind.push(NumberBehind {
                at: (row, col),
                shown: text.clone(),
                number,
            });
        }
        self.first_col = self.first_col.min(col);
        self.rows.entry(row).or_default().push((col, text, typed));
        Ok(())
    }

    /// The table, header first; `Err` when the sheet is empty or the table
    /// would be larger than [`MAX_CELLS`].
    pub(super) fn finish(self) -> Result<RawTable, Vec<Problem>> {
        let label = format!("{} [{}]", self.file, self.sheet);
        let first_col = self.first_col;
        let last_row = self.rows.keys().next_back().copied().unwrap_or(0);
        let mut rows = self.rows.into_iter().map(|(row, mut cells)| {
            // By column; a later cell at the same place wins, as in a grid.
            cells.sort_by_key(|(col, _, _)| *col);
            cells.reverse();
            cells.dedup_by_key(|(col, _, _)| *col);
            cells.reverse();
            (row, cells)
        });
        let Some((header_row, header_cells)) = rows.next() else {
            return Err(vec![Problem::new(
                &label,
                crate::load::messages::WorkbookMessage::EmptySheet,
            )]);
        };
        // Trailing empty header cells are formatting, not columns.
        let width = header_cells
            .last()
            .map_or(0, |(col, _, _)| (col - first_col) as usize + 1);
        let (header, _) = dense(header_cells, first_col, width);
        let grid = (rows.len() as u64).saturating_mul(width as u64);
        if grid > MAX_CELLS {
            let last_col = u64::from(first_col) + width as u64 - 1;
            let area = format!(
                "{}:{}",
                limits::cell_reference(header_row.into(), first_col.into()),
                limits::cell_reference(last_row.into(), last_col)
            );
            return Err(vec![limits::too_many_cells(
                self.file, self.sheet, grid, &area,
            )]);
        }
        let mut wide_rows = Vec::new();
        let rows = rows
            .map(|(row, cells)| {
                // A row near the top wider than the header may be the real
                // header below a title (see `load::guidance`): kept whole.
                let near = row as usize <= header_row as usize + HEADER_SEARCH_LINES;
                if let Some((last, _, _)) = cells.last().filter(|_| near)
                    && (last - first_col) as usize >= width
                {
                    let full = (last - first_col) as usize + 1;
                    wide_rows.push((row as usize + 1, dense(cells.clone(), first_col, full).0));
                }
                let (cells, typed_numbers) = dense(cells, first_col, width);
                RawRow {
                    line: row as usize + 1,
                    cells,
                    typed_numbers,
                }
            })
            .collect();
        Ok(RawTable {
            file: label,
            header,
            header_line: header_row as usize + 1,
            first_column: Some(first_col as usize),
            rows,
            problems: Vec::new(),
            wide_rows,
            merged: self.merged,
            hidden: self.hidden,
            splitting: Splitting::Sheet,
            formulas: Vec::new(),
            numbers_behind: self.numbers_behind,
        })
    }
}

/// A cell's text as it shows through its number `format`, whether it is a
/// number, and what of its value the format keeps from sight: a number to
/// the places shown, or the text shown in its place; a zero shown blank
/// (`0;-0;;@`) is 0; text a format's text section hides (`;;;`) is kept,
/// and said hidden; a number shown without its minus, or as `######`
/// (no section of the format takes it), keeps its value, and is said to.
fn as_shown(
    cell: &Data,
    format: Option<&str>,
    formats: &mut shown::NumberFormats,
) -> (String, bool, Option<Unseen>, Option<String>) {
    let text_hidden =
        matches!(cell, Data::String(_) | Data::Bool(_)) && format.is_some_and(shown::hides_text);
    // Only numbers and dates show through a number format.
    let format = match cell {
        Data::Float(_) | Data::Int(_) | Data::DateTime(_) => format,
        _ => None,
    };
    let (text, typed) = cell_text(cell, format);
    // General (most cells) shows a number as it is.
    let general = |code: &str| code.is_empty() || code.eq_ignore_ascii_case("General");
    let Some(code) = format.filter(|code| typed && !general(code)) else {
        return (text, typed, text_hidden.then_some(Unseen::Value), None);
    };
    let value = number_value(cell);
    // The code is read once for all it says of the cell.
    let shows = formats.of(code, value);
    let text = if shows.percent {
        percent_of(&text)
    } else {
        text
    };
    if let Some(padded) = shown::zero_padded(code, value) {
        return (padded, true, None, None);
    }
    if shows.no_section {
        return (text, true, Some(Unseen::NoSection), None);
    }
    match shows.apply(&text, value) {
        // Shown without its minus, and not as 0: the cell keeps the value
        // it holds, for the problem to name.
        Ok(number) if shows.minus_unseen && !is_zero(&number) => {
            (text, true, Some(Unseen::Minus), None)
        }
        // Text around the number (`"P"000` shows 5 as P005): the cell is
        // the text shown, and keeps the number for the columns it scores.
        Ok(number) => match shows.decorated(&number) {
            Some(shown_text) => (shown_text, true, None, Some(number)),
            None => (number, true, None, None),
        },
        Err(shown_text) if shown_text.trim().is_empty() => {
            (text, true, (value != 0.0).then_some(Unseen::Value), None)
        }
        Err(shown_text) => (shown_text, false, None, None),
    }
}

/// Whether a number's text is a zero (`0`, `-0.00`).
fn is_zero(number: &str) -> bool {
    number.bytes().all(|b| matches!(b, b'0' | b'-' | b'.'))
}

/// A row's cells from `first_col`, `width` of them; cells right of that are
/// outside the table.
fn dense(cells: Vec<Kept>, first_col: u32, width: usize) -> (Vec<String>, Vec<bool>) {
    let mut texts = vec![String::new(); width];
    let mut typed = vec![false; width];
    for (col, text, is_number) in cells {
        let at = (col - first_col) as usize;
        if at < width {
            texts[at] = text;
            typed[at] = is_number;
        }
    }
    (texts, typed)
}
