//! ODS: content.xml read once before the reader opens it, to know how
//! many cells the reader would build (it builds every sheet, and repeats
//! each non-empty row and cell as often as `number-*-repeated` says) and
//! which cells are percentages. LibreOffice writes huge repeats of EMPTY
//! trailing rows and cells; those cost the reader nothing and still open.

use std::collections::HashSet;
use std::io::{BufReader, Read};

use quick_xml::Reader as XmlReader;
use quick_xml::events::{BytesStart, Event};

use super::super::problem::Problem;
use super::super::table::{HiddenLines, MergedCells};
use super::container::MarkupGuard;
use super::limits::{self, MAX_CELL_BYTES, MAX_COLUMNS, MAX_GRID_CELLS, MAX_ROWS};

/// A block of cells: `rows` rows from `row`, `cols` columns from `col`.
#[derive(Debug, Clone, Copy)]
struct Block {
    row: u64,
    rows: u64,
    col: u64,
    cols: u64,
}

/// What the pre-scan learnt: the percentage cells of each sheet, in the
/// order of the workbook's sheets.
#[derive(Debug, Default)]
pub(super) struct OdsScan {
    percent: Vec<Vec<Block>>,
    hidden: Vec<HiddenLines>,
    merged: Vec<Vec<MergedCells>>,
}

impl OdsScan {
    /// The merged ranges of the `index`th sheet (the reader gives none).
    pub(super) fn merged(&self, index: usize) -> Vec<MergedCells> {
        self.merged.get(index).cloned().unwrap_or_default()
    }

    /// The hidden (collapsed or filtered out) rows and columns of the
    /// `index`th sheet.
    pub(super) fn hidden(&self, index: usize) -> HiddenLines {
        self.hidden.get(index).cloned().unwrap_or_default()
    }

    /// The (row, column) of every percentage cell of the `index`th sheet;
    /// bounded by [`MAX_GRID_CELLS`] since the scan accepted the sheet.
    pub(super) fn percent_cells(&self, index: usize) -> HashSet<(u32, u32)> {
        let mut cells = HashSet::new();
        for b in self.percent.get(index).into_iter().flatten() {
            for r in b.row..b.row + b.rows {
                for c in b.col..b.col + b.cols {
                    if let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) {
                        cells.insert((r, c));
                    }
                }
            }
        }
        cells
    }
}

/// The sheet being scanned.
#[derive(Default)]
struct Table {
    name: String,
    /// The reader keeps a sheet only when it has a name.
    named: bool,
    /// The first row of the current row element.
    row: u64,
    /// Its repeat count.
    row_repeats: u64,
    /// The next column in the current row.
    col: u64,
    /// Columns the current row has content in: first, and end (exclusive).
    row_content: Option<(u64, u64)>,
    /// The used area so far: first row, end row, first column, end column.
    area: Option<(u64, u64, u64, u64)>,
    /// Cells the reader stores before it builds the grid (each row element
    /// once, up to its last non-empty cell).
    stored: u64,
    percent: Vec<Block>,
    /// The next column a `table-column` element describes.
    next_column: u64,
    hidden: HiddenLines,
    merged: Vec<MergedCells>,
}

/// The cell being read: its text so far (bytes).
struct CellText {
    row: u64,
    col: u64,
    bytes: u64,
}

/// Reads content.xml; `Err` lists what is over a limit.
pub(super) fn scan(file: &str, content: impl Read) -> Result<OdsScan, Vec<Problem>> {
    let mut guard = MarkupGuard::new(content, &[]);
    let outcome = scan_guarded(file, &mut guard);
    if let Some(at) = guard.run_over_at {
        return Err(vec![limits::markup_run_too_long(file, "content.xml", at)]);
    }
    outcome
}

fn scan_guarded(file: &str, content: &mut impl Read) -> Result<OdsScan, Vec<Problem>> {
    let mut xml = XmlReader::from_reader(BufReader::new(content));
    xml.config_mut().expand_empty_elements = true;
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut scan = OdsScan::default();
    let mut table: Option<Table> = None;
    let mut cell: Option<CellText> = None;
    // The reader keeps every sheet at once, so the grids add up.
    let mut total_cells: u64 = 0;
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(event) => event,
            // Malformed XML: the reader says so in its own words.
            Err(_) => break,
        };
        match event {
            Event::Start(e) => match e.name().as_ref() {
                "table:table" => {
                    let name = attr(&e, "table:name");
                    table = Some(Table {
                        named: name.is_some(),
                        name: name.unwrap_or_default(),
                        ..Table::default()
                    });
                }
                "table:table-row" => {
                    if let Some(t) = table.as_mut() {
                        t.row_repeats = number(&e, "table:number-rows-repeated");
                        t.col = 0;
                        t.row_content = None;
                        if is_hidden(&e) {
                            t.hidden.add_rows(t.row, t.row_repeats);
                        }
                    }
                }
                "table:table-column" => {
                    if let Some(t) = table.as_mut() {
                        let repeats = number(&e, "table:number-columns-repeated");
                        if is_hidden(&e) {
                            t.hidden.add_columns(t.next_column, repeats);
                        }
                        t.next_column = t.next_column.saturating_add(repeats);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some(t) = table.as_mut() {
                        let CellAttributes {
                            repeats,
                            content,
                            percentage,
                            string_bytes,
                            spanned,
                        } = cell_attributes(&e);
                        let (row, col) = (t.row, t.col);
                        // A row repeated is the same row again, its merged
                        // cells too: a range for each repeat, up to a bound.
                        if merged_range(row, col, spanned).is_some() {
                            let room = MAX_MERGED_RANGES.saturating_sub(t.merged.len() as u64);
                            let repeats = t.row_repeats.min(room);
                            t.merged.extend((0..repeats).map_while(|again| {
                                merged_range(row.checked_add(again)?, col, spanned)
                            }));
                        }
                        if content {
                            let end = col.saturating_add(repeats);
                            if row >= MAX_ROWS || end > MAX_COLUMNS {
                                let col = if end > MAX_COLUMNS {
                                    col.max(MAX_COLUMNS)
                                } else {
                                    col
                                };
                                return Err(vec![limits::cell_out_of_sheet(
                                    file, &t.name, row, col,
                                )]);
                            }
                            let first = t.row_content.map_or(col, |(f, _)| f);
                            t.row_content = Some((first, end));
                            if percentage {
                                t.percent.push(Block {
                                    row,
                                    rows: t.row_repeats,
                                    col,
                                    cols: repeats,
                                });
                            }
                            cell = Some(CellText {
                                row,
                                col,
                                bytes: string_bytes,
                            });
                            check_cell_text(file, &t.name, cell.as_ref())?;
                        } else {
                            cell = None;
                        }
                        t.col = col.saturating_add(repeats);
                    }
                }
                "text:s" => {
                    if let Some(c) = cell.as_mut() {
                        c.bytes = c.bytes.saturating_add(number(&e, "text:c"));
                        let name = table.as_ref().map_or("", |t| t.name.as_str());
                        check_cell_text(file, name, Some(c))?;
                    }
                }
                _ => {}
            },
            Event::Text(text) => {
                if let Some(c) = cell.as_mut() {
                    c.bytes = c.bytes.saturating_add(text.len() as u64);
                    let name = table.as_ref().map_or("", |t| t.name.as_str());
                    check_cell_text(file, name, Some(c))?;
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => cell = None,
                "table:table-row" => {
                    if let Some(t) = table.as_mut() {
                        end_row(t);
                        let area_cells = t
                            .area
                            .map_or(0, |(r0, r1, c0, c1)| (r1 - r0).saturating_mul(c1 - c0));
                        if total_cells.saturating_add(area_cells.max(t.stored)) > MAX_GRID_CELLS {
                            let (r0, r1, c0, c1) = t.area.unwrap_or((0, 1, 0, 1));
                            let area = format!(
                                "{}:{}",
                                limits::cell_reference(r0, c0),
                                limits::cell_reference(r1 - 1, c1 - 1)
                            );
                            let cells = total_cells.saturating_add(area_cells.max(t.stored));
                            return Err(vec![limits::grid_too_large(file, &t.name, cells, &area)]);
                        }
                    }
                }
                "table:table" => {
                    if let Some(t) = table.take() {
                        let area_cells = t
                            .area
                            .map_or(0, |(r0, r1, c0, c1)| (r1 - r0).saturating_mul(c1 - c0));
                        total_cells = total_cells.saturating_add(area_cells.max(t.stored));
                        if t.named {
                            scan.percent.push(t.percent);
                            scan.hidden.push(t.hidden);
                            scan.merged.push(t.merged);
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(scan)
}

/// Closes a row element: its content widens the used area.
fn end_row(t: &mut Table) {
    if let Some((first, end)) = t.row_content {
        t.stored = t.stored.saturating_add(end);
        let last_row_end = t.row.saturating_add(t.row_repeats);
        t.area = Some(match t.area {
            None => (t.row, last_row_end, first, end),
            Some((r0, _, c0, c1)) => (r0, last_row_end, c0.min(first), c1.max(end)),
        });
    }
    t.row = t.row.saturating_add(t.row_repeats);
}

fn check_cell_text(file: &str, sheet: &str, cell: Option<&CellText>) -> Result<(), Vec<Problem>> {
    match cell {
        Some(c) if c.bytes > MAX_CELL_BYTES as u64 => {
            let reference = limits::cell_reference(c.row, c.col);
            Err(vec![limits::cell_too_long(
                file, sheet, &reference, c.bytes,
            )])
        }
        _ => Ok(()),
    }
}

/// What the pre-scan needs of a cell's attributes, read in one pass.
struct CellAttributes {
    repeats: u64,
    /// The reader keeps it: a value, a string or a formula.
    content: bool,
    percentage: bool,
    /// Bytes of an `office:string-value`.
    string_bytes: u64,
    /// Rows and columns a merged cell spans (1, 1 when it is not merged).
    spanned: (u64, u64),
}

fn cell_attributes(e: &BytesStart<'_>) -> CellAttributes {
    let mut cell = CellAttributes {
        repeats: 1,
        content: false,
        percentage: false,
        string_bytes: 0,
        spanned: (1, 1),
    };
    for a in e.attributes().flatten() {
        match a.key.as_ref() {
            "table:number-columns-repeated" => cell.repeats = count(&a.value),
            "table:number-rows-spanned" => cell.spanned.0 = count(&a.value),
            "table:number-columns-spanned" => cell.spanned.1 = count(&a.value),
            "office:string-value" => {
                cell.content = true;
                cell.string_bytes = a.value.len() as u64;
            }
            "office:value"
            | "office:date-value"
            | "office:time-value"
            | "office:boolean-value"
            | "table:formula" => cell.content = true,
            "office:value-type" => match a.value.as_ref() {
                "string" => cell.content = true,
                "percentage" => cell.percentage = true,
                _ => {}
            },
            _ => {}
        }
    }
    cell
}

/// A repeat count (1 when unreadable: the reader rejects it itself).
fn count(value: &str) -> u64 {
    value.trim().parse::<u64>().unwrap_or(1)
}

/// The range a cell at (`row`, `col`) spans, when it spans more than
/// itself and fits the sheet.
/// Merged ranges kept per sheet: a repeat of a row with merged cells to the
/// sheet's end (a formatted, empty block) is not kept a million times.
/// Past them, covered cells read as blank and are named so.
pub(super) const MAX_MERGED_RANGES: u64 = 100_000;

fn merged_range(row: u64, col: u64, (rows, cols): (u64, u64)) -> Option<MergedCells> {
    if rows <= 1 && cols <= 1 {
        return None;
    }
    let last = |first: u64, n: u64| u32::try_from(first.saturating_add(n.max(1) - 1)).ok();
    Some(MergedCells {
        first: (u32::try_from(row).ok()?, u32::try_from(col).ok()?),
        last: (last(row, rows)?, last(col, cols)?),
    })
}

/// A row or column a person does not see: collapsed (hidden) or filtered.
fn is_hidden(e: &BytesStart<'_>) -> bool {
    attr(e, "table:visibility").is_some_and(|v| v == "collapse" || v == "filter")
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.into_owned())
}

/// A repeat count (1 when absent; an unreadable one is left for the
/// reader, which rejects it).
fn number(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name).map_or(1, |v| count(&v))
}
