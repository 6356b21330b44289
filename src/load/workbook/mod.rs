//! Spreadsheets (XLSX, XLS, XLSB, ODS) → the same [`RawTable`] as CSV: the
//! first sheet (or a named one), the first row as header.
//!
//! A workbook is checked against [`limits`] before a reader allocates
//! anything the size of a sheet (container.rs, ods.rs and xls.rs read the
//! file once for that), XLSX and XLSB cells are streamed rather than laid
//! out as a grid, and the readers run contained (contained.rs), so no file
//! ends in a crash.

mod build;
mod contained;
mod container;
mod hidden;
#[cfg(test)]
mod hostile;
pub mod limits;
mod ods;
mod xls;

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Ods, Reader, Sheet, SheetType, SheetVisible, Sheets, Xls, Xlsb, Xlsx};
use rust_decimal::Decimal;
use zip::ZipArchive;

use super::messages::WorkbookMessage as W;
use super::problem::{Problem, did_you_mean};
use super::shown;
use super::table::{FormulaCell, HiddenLines, RawTable};
use super::text::normalize;
use build::SparseTable;
use container::ZipKind;

/// Does this look like a spreadsheet rather than text? (ZIP for XLSX/ODS,
/// OLE for XLS.)
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// A cell's text as it shows, and whether it is a number. Numbers take the
/// fifteen significant digits Excel shows, so a cell showing 0.3 is 0.3,
/// not 0.30000000000000004. Dates and times are text (dd/mm/yyyy, hh:mm),
/// never their serial numbers; `format` (the cell's number format code,
/// when the reader gives it) says which parts they show.
fn cell_text(cell: &Data, format: Option<&str>) -> (String, bool) {
    match cell {
        Data::Empty => (String::new(), false),
        Data::String(s) => (normalize(s), false),
        Data::Int(i) => (i.to_string(), true),
        Data::Float(f) => match shown::shown_number(*f) {
            Some(text) => (text, true),
            None => ("NaN".to_string(), false),
        },
        // As Excel shows them; a yes/no column reads both.
        Data::Bool(b) => (if *b { "TRUE" } else { "FALSE" }.to_string(), false),
        Data::DateTime(d) => (shown::excel_date_time_text(d, format), false),
        Data::DateTimeIso(s) => (shown::iso_date_time_text(s), false),
        Data::DurationIso(s) => (shown::iso_duration_text(s), false),
        // As Excel shows it: #DIV/0!, #N/A, #VALUE!, …
        Data::Error(e) => (e.to_string(), false),
    }
}

/// A number cell's value, for choosing the format section that shows it.
/// The spreadsheet boundary: the reader stores numbers as doubles, and this
/// one only picks how the cell is shown; the value scored is the text a
/// person sees, read as an exact decimal (`load::shown`, `load::text`).
#[allow(
    clippy::cast_precision_loss,
    reason = "only the sign and zero choose a section, which a double keeps"
)]
fn number_value(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        _ => 0.0,
    }
}

/// The format of a cell that the ODS scan found shown as a percentage:
/// it gives no format code, only that fact, so the places it shows are
/// unknown and the number keeps its own.
const PERCENT_FORMAT: &str = "General%";

/// The sheet a person sees first: the first visible worksheet (not a
/// hidden or very hidden one, not a chart). `None` when every sheet is
/// hidden, which Excel itself never saves: the caller asks for --sheet
/// rather than read a sheet nobody sees.
fn first_visible_sheet(sheets: &[Sheet]) -> Option<&str> {
    sheets
        .iter()
        .find(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
        .map(|s| s.name.as_str())
}

/// `0.96` → `96`, exactly (the shortest decimal form times a hundred).
fn percent_of(text: &str) -> String {
    text.parse::<Decimal>()
        .ok()
        .and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED))
        .map_or_else(|| text.to_string(), |d| d.normalize().to_string())
}

/// A workbook's bytes from `input`: all of them, or one past
/// [`limits::MAX_FILE_BYTES`], enough for [`read_workbook`] to refuse it.
pub fn read_bounded(input: &mut impl std::io::Read) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    input
        .take(limits::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The names of a workbook's visible worksheets, in order (read with the
/// same limits and containment as [`read_workbook`]).
pub fn visible_sheets(file: &str, bytes: &[u8]) -> Result<Vec<String>, Vec<Problem>> {
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(vec![limits::file_too_large(file)]);
    }
    contained::contained(|| {
        let scanned = scan(file, bytes)?;
        let book = open(file, bytes, &scanned)?;
        Ok(book
            .sheets_metadata()
            .iter()
            .filter(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect())
    })
    .unwrap_or_else(|| Err(vec![limits::damaged(file, None)]))
}

pub fn read_workbook(
    file: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<RawTable, Vec<Problem>> {
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(vec![limits::file_too_large(file)]);
    }
    contained::contained(|| read_checked(file, bytes, sheet))
        .unwrap_or_else(|| Err(vec![limits::damaged(file, None)]))
}

/// Whether a formula at `at` (0-based row and column) in a sheet read as
/// `table` could be one whose result reads as blank there: below the
/// header, in the table's columns, at a blank cell of one of its rows or,
/// where `lacking` rows count, on a row it does not have (a row of nothing
/// but such formulas, which a unit's row may be: see
/// `load::data::sheet::formula_only_rows`).
fn formula_place(table: &RawTable, (row, col): (u32, u32), lacking: bool) -> bool {
    let line = row as usize + 1;
    let Some(c) = (col as usize).checked_sub(table.first_column.unwrap_or(0)) else {
        return false;
    };
    if line <= table.header_line || c >= table.header.len() {
        return false;
    }
    match table.rows.binary_search_by_key(&line, |r| r.line) {
        Ok(at) => table.rows[at].cells.get(c).is_none_or(String::is_empty),
        Err(_) => lacking,
    }
}

/// The most of a formula's text kept for a message: a formula shared down
/// a column is written out in every cell, and some are long.
const FORMULA_SHOWN: usize = 200;

/// `formula` as a message shows it: its first [`FORMULA_SHOWN`]
/// characters, with "…" where some is left out.
fn formula_shown(formula: &str) -> String {
    match formula.char_indices().nth(FORMULA_SHOWN) {
        Some((at, _)) => format!("{}…", &formula[..at]),
        None => formula.to_string(),
    }
}

/// The formula at each of `places` (sorted, each once) of an `.xlsx`
/// sheet, where one is: cells the first pass read with no value at all,
/// where a formula whose result was never stored may lie. Read in a second
/// pass over the sheet, only when there are such places. (A formula
/// calculated to `""` stores its empty result, and is no such place.)
/// `Err` with calamine's words when the pass fails: the search cannot say
/// it found every one.
fn xlsx_formulas(
    xlsx: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    places: &[(u32, u32)],
) -> Result<Vec<FormulaCell>, String> {
    let mut reader = xlsx
        .worksheet_cells_reader(name)
        .map_err(|e| e.to_string())?;
    let mut found = Vec::new();
    // Each place once, should the sheet write a cell twice.
    let mut seen = vec![false; places.len()];
    while let Some(cell) = reader.next_formula().map_err(|e| e.to_string())? {
        let at = cell.get_position();
        let formula = cell.get_value();
        if formula.is_empty() {
            continue;
        }
        let Ok(place) = places.binary_search(&at) else {
            continue;
        };
        if std::mem::replace(&mut seen[place], true) {
            continue;
        }
        found.push(FormulaCell {
            at,
            formula: formula_shown(formula),
            never_calculated: true,
        });
        if found.len() == places.len() {
            break;
        }
    }
    Ok(found)
}

/// What the checks before opening learnt.
enum Scanned {
    /// A zip workbook: for XLSX, the rows and columns each sheet part
    /// hides; for ODS, its own pre-scan.
    Zip(ZipKind, HashMap<String, HiddenLines>, Option<ods::OdsScan>),
    Xls(xls::XlsScan),
}

fn cannot_open(file: &str, e: impl std::fmt::Display) -> Vec<Problem> {
    vec![Problem::new(file, W::CannotOpen { e: e.to_string() })]
}

/// Checks the file against the limits before any reader opens it.
fn scan(file: &str, bytes: &[u8]) -> Result<Scanned, Vec<Problem>> {
    if !bytes.starts_with(b"PK") {
        return xls::scan(file, bytes).map(Scanned::Xls);
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| cannot_open(file, e))?;
    let kind = container::check_declared_sizes(file, &zip)?
        .ok_or_else(|| vec![Problem::new(file, W::NotAWorkbookZip)])?;
    let (hidden, ods) = match kind {
        ZipKind::Xlsx => (container::scan_xml_parts(file, &mut zip)?, None),
        ZipKind::Ods => {
            container::scan_xml_parts(file, &mut zip)?;
            let content = zip
                .by_name("content.xml")
                .map_err(|e| cannot_open(file, e))?;
            (HashMap::new(), Some(ods::scan(file, content)?))
        }
        ZipKind::Xlsb => (HashMap::new(), None),
    };
    Ok(Scanned::Zip(kind, hidden, ods))
}

fn open<'a>(
    file: &str,
    bytes: &'a [u8],
    scanned: &Scanned,
) -> Result<Sheets<Cursor<&'a [u8]>>, Vec<Problem>> {
    let cursor = Cursor::new(bytes);
    let opened = match scanned {
        Scanned::Zip(ZipKind::Xlsx, ..) => Xlsx::new(cursor)
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::from),
        Scanned::Zip(ZipKind::Xlsb, ..) => Xlsb::new(cursor)
            .map(Sheets::Xlsb)
            .map_err(calamine::Error::from),
        Scanned::Zip(ZipKind::Ods, ..) => Ods::new(cursor)
            .map(Sheets::Ods)
            .map_err(calamine::Error::from),
        Scanned::Xls(_) => Xls::new(cursor)
            .map(Sheets::Xls)
            .map_err(calamine::Error::from),
    };
    opened.map_err(|e| cannot_open(file, e))
}

/// The sheet to read: the one `--sheet` names, or the first a person sees.
fn sheet_to_read<RS: std::io::Read + std::io::Seek>(
    file: &str,
    book: &Sheets<RS>,
    sheet: Option<&str>,
) -> Result<String, Vec<Problem>> {
    let names = book.sheet_names();
    Ok(match sheet {
        Some(wanted) => match names.iter().find(|n| normalize(n) == normalize(wanted)) {
            Some(n) => n.clone(),
            None => {
                let list = names.join(", ");
                let hint = did_you_mean(wanted, names.iter().map(String::as_str));
                return Err(vec![Problem::new(
                    file,
                    W::NoSuchSheet {
                        wanted: wanted.to_string(),
                        list,
                        hint,
                    },
                )]);
            }
        },
        None => match first_visible_sheet(book.sheets_metadata()) {
            Some(n) => n.to_string(),
            None if names.is_empty() => {
                return Err(vec![Problem::new(file, W::NoSheets)]);
            }
            None => {
                let list = names.join(", ");
                return Err(vec![Problem::new(file, W::NoVisibleSheet { list })]);
            }
        },
    })
}

fn read_checked(file: &str, bytes: &[u8], sheet: Option<&str>) -> Result<RawTable, Vec<Problem>> {
    let scanned = scan(file, bytes)?;
    let mut book = open(file, bytes, &scanned)?;
    let names = book.sheet_names();
    let name = sheet_to_read(file, &book, sheet)?;
    let cannot_read = |e: &dyn std::fmt::Display| {
        vec![Problem::new(
            file,
            W::CannotReadSheet {
                name: name.clone(),
                e: e.to_string(),
            },
        )]
    };
    let mut table = SparseTable::new(file, &name);
    match &mut book {
        Sheets::Xlsx(xlsx) => {
            let mut cells = xlsx
                .worksheet_cells_reader(&name)
                .map_err(|e| cannot_read(&e))?;
            // Each cell shows through its style's number format: a
            // percentage shows 96% but stores 0.96, a date its serial.
            let formats: Vec<Option<String>> = cells
                .styles()
                .iter()
                .map(|style| style.number_format.as_ref().map(|f| f.format_code.clone()))
                .collect();
            // Cells with no value at all: where a formula whose result was
            // never stored may lie. (One calculated to `""` stores it.)
            let mut no_value = Vec::new();
            while let Some((cell, style)) = cells
                .next_cell_with_style_id()
                .map_err(|e| cannot_read(&e))?
            {
                let (row, col) = cell.get_position();
                let format = formats.get(style).and_then(Option::as_deref);
                let value: Data = cell.get_value().clone().into();
                if matches!(value, Data::Empty) {
                    no_value.push((row, col));
                }
                table.add(row, col, &value, format)?;
            }
            drop(cells);
            let merged = xlsx
                .merge_cells_by_sheet_name(&name)
                .map_err(|e| cannot_read(&e))?;
            table.merged(merged.iter().map(|d| (d.start, d.end)));
            if let Scanned::Zip(_, by_part, _) = &scanned {
                table.hidden(hidden::xlsx_hidden(bytes, &name, by_part));
            }
            let mut read = table.finish()?;
            if read.hidden.holds_formulas {
                no_value.retain(|&at| formula_place(&read, at, true));
                no_value.sort_unstable();
                no_value.dedup();
                if !no_value.is_empty() {
                    read.formulas =
                        xlsx_formulas(xlsx, &name, &no_value).map_err(|e| cannot_read(&e))?;
                }
            }
            Ok(read)
        }
        Sheets::Xlsb(xlsb) => {
            let mut cells = xlsb
                .worksheet_cells_reader(&name)
                .map_err(|e| cannot_read(&e))?;
            while let Some(cell) = cells.next_cell().map_err(|e| cannot_read(&e))? {
                let (row, col) = cell.get_position();
                table.add(row, col, &cell.get_value().clone().into(), None)?;
            }
            drop(cells);
            table.finish()
        }
        Sheets::Ods(_) | Sheets::Xls(_) => {
            // The scan bounded every sheet's grid, so building it is safe.
            let index = names.iter().position(|n| *n == name).unwrap_or(0);
            let (ods_percent, xls) = match &scanned {
                Scanned::Zip(_, _, Some(ods)) => (ods.percent_cells(index), None),
                Scanned::Xls(xls) => (Default::default(), Some(xls)),
                Scanned::Zip(_, _, None) => Default::default(),
            };
            // An .xls cell's own format code; of an .ods cell, only whether
            // it shows a percentage.
            let format = |row: u32, col: u32| match xls {
                Some(xls) => xls.format(index, row, col),
                None => (!ods_percent.is_empty() && ods_percent.contains(&(row, col)))
                    .then_some(PERCENT_FORMAT),
            };
            table.hidden(match &scanned {
                Scanned::Zip(_, _, Some(ods)) => ods.hidden(index),
                Scanned::Xls(xls) => xls.hidden.get(index).cloned().unwrap_or_default(),
                Scanned::Zip(_, _, None) => Default::default(),
            });
            let range = book.worksheet_range(&name).map_err(|e| cannot_read(&e))?;
            // The ODS reader gives no merged ranges: the scan read them.
            if let Scanned::Zip(_, _, Some(ods)) = &scanned {
                let merged = ods.merged(index);
                table.merged(merged.iter().map(|m| (m.first, m.last)));
            }
            // An .xls formula's result is stored with it; one stored as
            // empty (as xlwt writes every one) reads as blank.
            let mut formulas = None;
            if let Sheets::Xls(xls) = &mut book {
                let merged = xls
                    .merge_cells_by_sheet_name(&name)
                    .map_err(|e| cannot_read(&e))?;
                table.merged(merged.iter().map(|d| (d.start, d.end)));
                formulas = xls.worksheet_formula(&name).ok();
            }
            // The reader keeps every sheet besides this copy: let it go.
            drop(book);
            let (first_row, first_col) = range.start().unwrap_or((0, 0));
            for (offset, cells) in range.rows().enumerate() {
                let row = first_row.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX));
                for (c, cell) in cells.iter().enumerate() {
                    // Most of a grid is empty: skip it before the lookup.
                    if matches!(cell, Data::Empty) {
                        continue;
                    }
                    let col = first_col.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
                    table.add(row, col, cell, format(row, col))?;
                }
            }
            let mut read = table.finish()?;
            if let Some(formulas) = formulas.filter(|f| !f.is_empty()) {
                let (row0, col0) = formulas.start().unwrap_or((0, 0));
                let at = |r: usize, c: usize| {
                    let r = row0.checked_add(u32::try_from(r).ok()?)?;
                    Some((r, col0.checked_add(u32::try_from(c).ok()?)?))
                };
                read.formulas = (formulas.used_cells())
                    .filter(|(_, _, formula)| !formula.is_empty())
                    .filter_map(|(r, c, formula)| Some((at(r, c)?, formula)))
                    // Not on rows the table lacks: `.xls` stores a result
                    // calculated to "" as it stores none, so a template's
                    // rows filled down with formulas would read as units.
                    .filter(|&(at, _)| formula_place(&read, at, false))
                    .map(|(at, formula)| FormulaCell {
                        at,
                        formula: formula_shown(formula),
                        never_calculated: false,
                    })
                    .collect();
            }
            Ok(read)
        }
    }
}

/// A workbook of tests/fixtures/workbooks (its make.py says how each was
/// made), as bytes and as read.
#[cfg(test)]
fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/workbooks/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).expect("a fixture")
}

#[cfg(test)]
fn fixture_table(name: &str) -> RawTable {
    read_workbook(name, &fixture_bytes(name), None).expect("a table")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_never_calculated_are_found_on_rows_with_nothing_else() {
        let table = fixture_table("formula-row-openpyxl.xlsx");
        let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        // The row of formulas alone has no cell to show: binding reads it
        // (see `load::data::sheet::formula_only_rows`).
        assert_eq!(lines, [2, 4]);
        let mut at: Vec<(u32, u32)> = table.formulas.iter().map(|f| f.at).collect();
        at.sort_unstable();
        assert_eq!(
            at,
            [
                (2, 0),
                (2, 1),
                (2, 2),
                (2, 3),
                (3, 0),
                (3, 2),
                (4, 4),
                (5, 2)
            ]
        );
        assert!(table.formulas.iter().all(|f| f.never_calculated));
    }

    #[test]
    fn formulas_are_looked_for_below_the_header_within_its_columns() {
        let table = fixture_table("formula-row-openpyxl.xlsx");
        // A blank of a row, and any cell of a row the table lacks.
        assert!(formula_place(&table, (3, 3), true));
        assert!(formula_place(&table, (2, 0), true) && formula_place(&table, (7, 3), true));
        // Rows the table lacks only where they count (not for `.xls`).
        assert!(formula_place(&table, (3, 3), false));
        assert!(!formula_place(&table, (2, 0), false));
        // Not a cell that holds something, nor the header's row, nor right
        // of the table.
        assert!(!formula_place(&table, (1, 0), true));
        assert!(!formula_place(&table, (0, 0), true));
        assert!(!formula_place(&table, (7, 5), true));
    }

    #[test]
    fn errors_and_booleans_read_as_excel_shows_them() {
        use calamine::CellErrorType;
        let text = |cell: &Data| cell_text(cell, None).0;
        assert_eq!(text(&Data::Error(CellErrorType::Div0)), "#DIV/0!");
        assert_eq!(text(&Data::Error(CellErrorType::NA)), "#N/A");
        assert_eq!(text(&Data::Error(CellErrorType::Value)), "#VALUE!");
        assert_eq!(text(&Data::Bool(true)), "TRUE");
        assert_eq!(text(&Data::Bool(false)), "FALSE");
        // Still yes and no in a yes/no column.
        assert_eq!(crate::load::text::parse_yes_no("TRUE"), Some(true));
        assert_eq!(crate::load::text::parse_yes_no("FALSE"), Some(false));
    }

    #[test]
    fn floats_take_the_shortest_form_of_what_excel_shows() {
        let text = |cell: &Data| cell_text(cell, None);
        assert_eq!(text(&Data::Float(85.1)), ("85.1".to_string(), true));
        // Excel shows 15 significant digits: 0.3, not 0.30000000000000004.
        assert_eq!(text(&Data::Float(0.1 + 0.2)).0, "0.3");
        assert_eq!(text(&Data::Float(100.0)).0, "100");
        assert_eq!(text(&Data::Float(f64::NAN)), ("NaN".to_string(), false));
        assert_eq!(text(&Data::Int(7)), ("7".to_string(), true));
        assert_eq!(
            text(&Data::String(" Nghi Hải ".into())),
            ("Nghi Hải".to_string(), false)
        );
    }

    #[test]
    fn dates_from_any_reader_are_text() {
        let text = |cell: &Data| cell_text(cell, None);
        let serial = |v: f64| {
            Data::DateTime(calamine::ExcelDateTime::new(
                v,
                calamine::ExcelDateTimeType::DateTime,
                false,
            ))
        };
        // An .xls cell comes without its format: the value says what it holds.
        assert_eq!(text(&serial(45875.0)), ("06/08/2025".to_string(), false));
        assert_eq!(text(&serial(0.5)).0, "12:00");
        let in_1904 =
            calamine::ExcelDateTime::new(44413.0, calamine::ExcelDateTimeType::DateTime, true);
        assert_eq!(text(&Data::DateTime(in_1904)).0, "06/08/2025");
        let elapsed =
            calamine::ExcelDateTime::new(1.5, calamine::ExcelDateTimeType::TimeDelta, false);
        assert_eq!(text(&Data::DateTime(elapsed)).0, "36:00");
        assert_eq!(
            cell_text(&serial(45875.75), Some("dd/mm/yyyy")).0,
            "06/08/2025"
        );
        assert_eq!(
            text(&Data::DateTimeIso("2025-08-06".into())).0,
            "06/08/2025"
        );
        assert_eq!(text(&Data::DurationIso("PT12H30M0S".into())).0, "12:30");
    }

    #[test]
    fn every_sheet_hidden_asks_for_one_by_name() {
        let sheet = |name: &str, visible, typ| Sheet {
            name: name.to_string(),
            typ,
            visible,
        };
        let (work, chart) = (SheetType::WorkSheet, SheetType::ChartSheet);
        let sheets = [
            sheet("Biểu đồ", SheetVisible::Visible, chart),
            sheet("Ẩn", SheetVisible::Hidden, work),
            sheet("Số liệu", SheetVisible::Visible, work),
        ];
        assert_eq!(first_visible_sheet(&sheets), Some("Số liệu"));
        assert_eq!(first_visible_sheet(&sheets[..2]), None);
        // Excel keeps one sheet visible, a chart at least; rust_xlsxwriter
        // too. Here the only worksheet is hidden behind a visible chart.
        let mut book = rust_xlsxwriter::Workbook::new();
        let data = book.add_worksheet().set_name("Ẩn").unwrap();
        data.write_string(0, 0, "v").unwrap();
        data.write_number(1, 0, 1.0).unwrap();
        data.set_hidden(true);
        let mut chart = rust_xlsxwriter::Chart::new_column();
        chart.add_series().set_values("'Ẩn'!$A$2:$A$2");
        let charts = book.add_chartsheet().set_active(true);
        charts.insert_chart(0, 0, &chart).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let problems = read_workbook("t.xlsx", &bytes, None).unwrap_err();
        let message = problems[0].display(crate::i18n::Lang::En).to_string();
        assert!(message.contains("--sheet"), "{message}");
    }

    #[test]
    fn percentage_cells_read_as_they_show() {
        assert_eq!(percent_of("0.96"), "96");
        assert_eq!(percent_of("0.855"), "85.5");
        assert_eq!(percent_of("1"), "100");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let pct = rust_xlsxwriter::Format::new().set_num_format("0.0%");
        sheet.write_string(0, 0, "ma").unwrap();
        sheet.write_string(0, 1, "rate").unwrap();
        sheet.write_string(1, 0, "A").unwrap();
        sheet.write_number_with_format(1, 1, 0.855, &pct).unwrap();
        sheet.write_string(2, 0, "B").unwrap();
        sheet.write_number(2, 1, 0.855).unwrap();
        let table = read_workbook("t.xlsx", &book.save_to_buffer().unwrap(), None).unwrap();
        assert_eq!(table.rows[0].cells[1], "85.5", "shown as 85.5%");
        assert_eq!(table.rows[1].cells[1], "0.855", "a plain number stays");
    }

    /// A one-column sheet "v" under a header, each value written with its
    /// format code (or none), read back as a criterion's column reads it:
    /// the number behind text a format writes around it.
    fn read_back(cells: &[(f64, Option<&str>)]) -> Vec<String> {
        read_back_shown(cells)
            .into_iter()
            .map(|(shown, behind)| behind.unwrap_or(shown))
            .collect()
    }

    /// [`read_back`]'s cells as shown, with the number behind any text
    /// around them.
    fn read_back_shown(cells: &[(f64, Option<&str>)]) -> Vec<(String, Option<String>)> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "v").unwrap();
        for (i, &(value, code)) in cells.iter().enumerate() {
            let row = u32::try_from(i).unwrap() + 1;
            match code {
                Some(code) => {
                    let format = rust_xlsxwriter::Format::new().set_num_format(code);
                    sheet.write_number_with_format(row, 0, value, &format)
                }
                None => sheet.write_number(row, 0, value),
            }
            .unwrap();
        }
        let table = read_workbook("t.xlsx", &book.save_to_buffer().unwrap(), None).unwrap();
        let behind = |line: usize| {
            (table.numbers_behind.iter())
                .find(|n| n.at.0 as usize + 1 == line)
                .map(|n| n.number.clone())
        };
        (table.rows.iter())
            .map(|r| (r.cells[0].clone(), behind(r.line)))
            .collect()
    }

    #[test]
    fn a_literal_percent_sign_is_not_a_percentage() {
        let cells = read_back(&[
            (95.5, Some("0.0\"%\"")),
            (95.5, Some("0.0\\%")),
            (95.0, Some("0\" điểm (tối đa 100%)\"")),
            (0.955, Some("0.0%")),
            // Negative numbers show with the second section.
            (-95.5, Some("0.0%;-0.0\"%\"")),
            (0.955, Some("0.0%;-0.0\"%\"")),
        ]);
        assert_eq!(cells, ["95.5", "95.5", "95", "95.5", "-95.5", "95.5"]);
        // As shown, for an id or a name.
        let shown = read_back_shown(&[(95.5, Some("0.0\"%\"")), (-95.5, Some("0.0\"%\""))]);
        assert_eq!(shown[0], ("95.5%".to_string(), Some("95.5".to_string())));
        // Below zero the section writes the sign where it will: the number.
        assert_eq!(shown[1], ("-95.5".to_string(), None));
    }

    #[test]
    fn doubles_read_as_the_fifteen_digits_excel_shows() {
        // Just below 0.955: shows 95.5% in Excel, not 95.49999999999998.
        let below = f64::from_bits(0.955f64.to_bits() - 1);
        let cells = read_back(&[(0.1 + 0.2, None), (below, Some("0.0%")), (1e20, None)]);
        assert_eq!(cells, ["0.3", "95.5", "100000000000000000000"]);
    }

    #[test]
    fn dates_and_times_read_as_they_show() {
        let cells = read_back(&[
            (45875.0, Some("dd/mm/yyyy")),
            (45875.0, Some("mm-dd-yy")),
            (0.5, Some("hh:mm")),
            (0.5 + 30.0 / 86_400.0, Some("h:mm:ss")),
            (45875.75, Some("dd/mm/yyyy hh:mm")),
            (1.5, Some("[h]:mm")),
        ]);
        assert_eq!(
            cells,
            [
                "06/08/2025",
                "06/08/2025",
                "12:00",
                "12:00:30",
                "06/08/2025 18:00",
                "36:00"
            ]
        );
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 12, 6).unwrap();
        let format = rust_xlsxwriter::Format::new().set_num_format("d/m/yyyy");
        sheet.write_string(0, 0, "v").unwrap();
        sheet
            .write_datetime_with_format(1, 0, &date, &format)
            .unwrap();
        let table = read_workbook("t.xlsx", &book.save_to_buffer().unwrap(), None).unwrap();
        assert_eq!(table.rows[0].cells[0], "06/12/2025");
        assert!(
            !table.rows[0].typed_numbers[0],
            "a date is text, not a number"
        );
    }

    #[test]
    fn the_first_visible_sheet_is_read_by_default() {
        let mut book = rust_xlsxwriter::Workbook::new();
        for (name, hide) in [("An", 1), ("Rất ẩn", 2), ("Số liệu", 0), ("Sau", 0)] {
            let sheet = book.add_worksheet().set_name(name).unwrap();
            sheet.write_string(0, 0, name).unwrap();
            match hide {
                1 => sheet.set_hidden(true),
                2 => sheet.set_very_hidden(true),
                // rust_xlsxwriter shows the active sheet, the first by default.
                _ => sheet.set_active(name == "Số liệu"),
            };
        }
        let bytes = book.save_to_buffer().unwrap();
        let table = read_workbook("t.xlsx", &bytes.clone(), None).unwrap();
        assert_eq!(table.header, ["Số liệu"]);
        let table = read_workbook("t.xlsx", &bytes, Some("An")).unwrap();
        assert_eq!(table.header, ["An"], "--sheet still reads a hidden sheet");
    }

    #[test]
    fn hidden_rows_and_columns_are_read_from_xls_ods_and_xlsx() {
        // Row 3 (0-based 2) and 7 (6), and column C hidden: tests/fixtures/workbooks/make.py.
        for name in [
            "hidden.xls",
            "hidden-libreoffice.ods",
            "hidden-libreoffice.xlsx",
        ] {
            let table = fixture_table(name);
            assert_eq!(table.hidden.rows, [(2, 2), (6, 6)], "{name}");
            assert_eq!(table.hidden.columns, [(2, 2)], "{name}");
            assert_eq!(table.rows.len(), 3, "{name}: every row is still read");
        }
    }

    /// A workbook's parts renamed by `rename`, as other writers name them.
    fn renamed(bytes: &[u8], rename: impl Fn(&str) -> String) -> Vec<u8> {
        use std::io::{Read, Write};
        let mut zip = ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let name = rename(&entry.name().unwrap());
            let mut body = Vec::new();
            entry.read_to_end(&mut body).unwrap();
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(&body).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    /// The reader finds a part whatever the case of its name and however
    /// its folders are separated: so are the rows it hides.
    #[test]
    fn hidden_rows_are_found_in_parts_named_in_another_case() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for r in 0..4 {
            sheet.write_string(r, 0, format!("r{r}")).unwrap();
        }
        sheet.set_row_hidden(2).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let plain = read_workbook("t.xlsx", &bytes, None).unwrap();
        assert_eq!(plain.hidden.rows, [(2, 2)]);
        for rename in [
            |n: &str| n.replace("sheet1.xml", "Sheet1.xml"),
            |n: &str| n.replace("worksheets/", "worksheets\\"),
        ] {
            let other = renamed(&bytes, rename);
            let table = read_workbook("t.xlsx", &other, None).unwrap();
            assert_eq!(table.rows.len(), 3, "the reader found the sheet");
            assert_eq!(table.hidden.rows, [(2, 2)]);
        }
    }

    #[test]
    fn merged_ranges_are_read_from_ods_too() {
        // C3:C4 merged: tests/fixtures/workbooks/make.py.
        let table = fixture_table("merged-libreoffice.ods");
        let ranges: Vec<_> = table.merged.iter().map(|m| (m.first, m.last)).collect();
        assert_eq!(ranges, [((2, 2), (3, 2))]);
        assert_eq!(
            table.rows[2].cells[2], "",
            "the covered cell reads as blank"
        );
    }

    #[test]
    fn recognises_workbook_bytes() {
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(!is_workbook(b"ma,ten\n"));
    }
}
