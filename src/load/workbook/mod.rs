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
#[cfg(test)]
mod hostile;
pub mod limits;
mod ods;
mod xls;

use std::io::Cursor;

use calamine::{Data, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};
use rust_decimal::Decimal;
use zip::ZipArchive;

use super::problem::{Problem, did_you_mean};
use super::table::RawTable;
use super::text::normalize;
use crate::text;
use build::SparseTable;
use container::ZipKind;

/// Does this look like a spreadsheet rather than text? (ZIP for XLSX/ODS,
/// OLE for XLS.)
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// A cell's text. Numbers take their shortest exact decimal form, so a cell
/// showing 85.1 is 85.1, not 85.09999999999999.
fn cell_text(cell: &Data) -> (String, bool) {
    match cell {
        Data::Empty => (String::new(), false),
        Data::String(s) => (normalize(s), false),
        Data::Int(i) => (i.to_string(), true),
        // Excel stores doubles; Rust prints the shortest string that reads
        // back to the same double, which is what Excel shows.
        Data::Float(f) if f.is_finite() => (format!("{f}"), true),
        Data::Float(_) => ("NaN".to_string(), false),
        Data::Bool(b) => (if *b { "yes" } else { "no" }.to_string(), false),
        Data::DateTime(d) => (d.to_string(), false),
        Data::DateTimeIso(s) | Data::DurationIso(s) => (s.clone(), false),
        Data::Error(e) => (format!("#{e:?}"), false),
    }
}

/// Does a number format show its number as a percentage?
fn is_percent_format(format_code: &str) -> bool {
    format_code.contains('%')
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

pub fn read_workbook(
    file: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
) -> Result<RawTable, Vec<Problem>> {
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(vec![limits::file_too_large(file)]);
    }
    contained::contained(|| read_checked(file, &bytes, sheet))
        .unwrap_or_else(|| Err(vec![limits::damaged(file, None)]))
}

/// What the checks before opening learnt.
enum Scanned {
    Zip(ZipKind, Option<ods::OdsScan>),
    Xls(xls::XlsScan),
}

fn cannot_open(file: &str, e: impl std::fmt::Display) -> Vec<Problem> {
    vec![Problem::new(
        file,
        text!(
            vi: "không mở được tệp bảng tính: {e}",
            en: "cannot open the workbook: {e}"
        ),
    )]
}

/// Checks the file against the limits before any reader opens it.
fn scan(file: &str, bytes: &[u8]) -> Result<Scanned, Vec<Problem>> {
    if !bytes.starts_with(b"PK") {
        return xls::scan(file, bytes).map(Scanned::Xls);
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| cannot_open(file, e))?;
    let kind = container::check_declared_sizes(file, &zip)?.ok_or_else(|| {
        vec![Problem::new(
            file,
            text!(
                vi: "không mở được tệp bảng tính: tệp nén này không phải XLSX, XLSB hay ODS",
                en: "cannot open the workbook: this zip file is not an XLSX, XLSB or ODS workbook"
            ),
        )]
    })?;
    let ods = match kind {
        ZipKind::Xlsx => {
            container::scan_xml_parts(file, &mut zip)?;
            None
        }
        ZipKind::Ods => {
            container::scan_xml_parts(file, &mut zip)?;
            let content = zip
                .by_name("content.xml")
                .map_err(|e| cannot_open(file, e))?;
            Some(ods::scan(file, content)?)
        }
        ZipKind::Xlsb => None,
    };
    Ok(Scanned::Zip(kind, ods))
}

fn open<'a>(
    file: &str,
    bytes: &'a [u8],
    scanned: &Scanned,
) -> Result<Sheets<Cursor<&'a [u8]>>, Vec<Problem>> {
    let cursor = Cursor::new(bytes);
    let opened = match scanned {
        Scanned::Zip(ZipKind::Xlsx, _) => Xlsx::new(cursor)
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::from),
        Scanned::Zip(ZipKind::Xlsb, _) => Xlsb::new(cursor)
            .map(Sheets::Xlsb)
            .map_err(calamine::Error::from),
        Scanned::Zip(ZipKind::Ods, _) => Ods::new(cursor)
            .map(Sheets::Ods)
            .map_err(calamine::Error::from),
        Scanned::Xls(_) => Xls::new(cursor)
            .map(Sheets::Xls)
            .map_err(calamine::Error::from),
    };
    opened.map_err(|e| cannot_open(file, e))
}

fn read_checked(file: &str, bytes: &[u8], sheet: Option<&str>) -> Result<RawTable, Vec<Problem>> {
    let scanned = scan(file, bytes)?;
    let mut book = open(file, bytes, &scanned)?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => match names.iter().find(|n| normalize(n) == normalize(wanted)) {
            Some(n) => n.clone(),
            None => {
                let list = names.join(", ");
                let hint = did_you_mean(wanted, names.iter().map(String::as_str));
                let (hv, he) = (&hint.vi, &hint.en);
                return Err(vec![Problem::new(
                    file,
                    text!(
                        vi: "không có trang tính \"{wanted}\"; các trang: {list}.{hv}",
                        en: "there is no sheet \"{wanted}\"; the sheets are: {list}.{he}"
                    ),
                )]);
            }
        },
        None => match names.first() {
            Some(n) => n.clone(),
            None => {
                return Err(vec![Problem::new(
                    file,
                    text!(vi: "tệp bảng tính không có trang nào", en: "the workbook has no sheets"),
                )]);
            }
        },
    };
    let cannot_read = |e: &dyn std::fmt::Display| {
        vec![Problem::new(
            file,
            text!(
                vi: "không đọc được trang \"{name}\": {e}",
                en: "cannot read the sheet \"{name}\": {e}"
            ),
        )]
    };
    let mut table = SparseTable::new(file, &name);
    match &mut book {
        Sheets::Xlsx(xlsx) => {
            let mut cells = xlsx
                .worksheet_cells_reader(&name)
                .map_err(|e| cannot_read(&e))?;
            // A cell formatted as a percentage shows 96% but stores 0.96;
            // read it as it shows, so a rate is never silently a hundred
            // times too small.
            let percent_styles: Vec<bool> = cells
                .styles()
                .iter()
                .map(|style| {
                    style
                        .number_format
                        .as_ref()
                        .is_some_and(|f| is_percent_format(&f.format_code))
                })
                .collect();
            while let Some((cell, style)) = cells
                .next_cell_with_style_id()
                .map_err(|e| cannot_read(&e))?
            {
                let (row, col) = cell.get_position();
                let percent = percent_styles.get(style) == Some(&true);
                table.add(row, col, &cell.get_value().clone().into(), percent)?;
            }
        }
        Sheets::Xlsb(xlsb) => {
            let mut cells = xlsb
                .worksheet_cells_reader(&name)
                .map_err(|e| cannot_read(&e))?;
            while let Some(cell) = cells.next_cell().map_err(|e| cannot_read(&e))? {
                let (row, col) = cell.get_position();
                table.add(row, col, &cell.get_value().clone().into(), false)?;
            }
        }
        Sheets::Ods(_) | Sheets::Xls(_) => {
            // The scan bounded every sheet's grid, so building it is safe.
            let index = names.iter().position(|n| *n == name).unwrap_or(0);
            let percent = match &scanned {
                Scanned::Zip(_, Some(ods)) => ods.percent_cells(index),
                Scanned::Xls(xls) => xls.percent.get(index).cloned().unwrap_or_default(),
                Scanned::Zip(_, None) => Default::default(),
            };
            let range = book.worksheet_range(&name).map_err(|e| cannot_read(&e))?;
            // The reader keeps every sheet besides this copy: let it go.
            drop(book);
            let (first_row, first_col) = range.start().unwrap_or((0, 0));
            for (offset, cells) in range.rows().enumerate() {
                let row = first_row.saturating_add(offset as u32);
                for (c, cell) in cells.iter().enumerate() {
                    // Most of a grid is empty: skip it before the lookup.
                    if matches!(cell, Data::Empty) {
                        continue;
                    }
                    let col = first_col.saturating_add(c as u32);
                    let is_percent = !percent.is_empty() && percent.contains(&(row, col));
                    table.add(row, col, cell, is_percent)?;
                }
            }
        }
    }
    table.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_take_their_shortest_decimal_form() {
        assert_eq!(cell_text(&Data::Float(85.1)), ("85.1".to_string(), true));
        assert_eq!(cell_text(&Data::Float(0.1 + 0.2)).0, "0.30000000000000004");
        assert_eq!(cell_text(&Data::Float(100.0)).0, "100");
        assert_eq!(cell_text(&Data::Int(7)), ("7".to_string(), true));
        assert_eq!(
            cell_text(&Data::String(" Nghi Hải ".into())),
            ("Nghi Hải".to_string(), false)
        );
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
        let table = read_workbook("t.xlsx", book.save_to_buffer().unwrap(), None).unwrap();
        assert_eq!(table.rows[0].cells[1], "85.5", "shown as 85.5%");
        assert_eq!(table.rows[1].cells[1], "0.855", "a plain number stays");
    }

    #[test]
    fn recognises_workbook_bytes() {
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(!is_workbook(b"ma,ten\n"));
    }
}
