//! Spreadsheets (XLSX, XLS, XLSB, ODS) → the same [`RawTable`] as CSV: the
//! first sheet (or a named one), the first row as header.

use std::io::Cursor;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};
use rust_decimal::Decimal;

use super::problem::{Problem, did_you_mean};
use super::table::{RawRow, RawTable};
use super::text::normalize;
use crate::text;

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

/// `0.96` → `96`, exactly (the shortest decimal form times a hundred).
fn percent_of(text: &str) -> String {
    text.parse::<Decimal>()
        .ok()
        .and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED))
        .map_or_else(|| text.to_string(), |d| d.normalize().to_string())
}

pub fn read_workbook(
    file: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
) -> Result<RawTable, Vec<Problem>> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        vec![Problem::new(
            file,
            text!(
                vi: "không mở được tệp bảng tính: {e}",
                en: "cannot open the workbook: {e}"
            ),
        )]
    })?;
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
    let range = book.worksheet_range(&name).map_err(|e| {
        vec![Problem::new(
            file,
            text!(
                vi: "không đọc được trang \"{name}\": {e}",
                en: "cannot read the sheet \"{name}\": {e}"
            ),
        )]
    })?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    // A cell formatted as a percentage shows 96% but stores 0.96; read it as
    // it shows, so a rate is never silently a hundred times too small.
    let styles = match &mut book {
        Sheets::Xlsx(xlsx) => xlsx.worksheet_style(&name).ok(),
        _ => None,
    };
    let is_percent = |row: u32, col: u32| {
        styles
            .as_ref()
            .and_then(|s| s.get((row, col)))
            .and_then(|style| style.number_format.as_ref())
            .is_some_and(|f| f.format_code.contains('%'))
    };
    let label = format!("{file} [{name}]");
    let mut header: Option<(usize, Vec<String>)> = None;
    let mut rows = Vec::new();
    for (offset, row) in range.rows().enumerate() {
        let line = first_row as usize + offset + 1;
        let (cells, typed_numbers): (Vec<String>, Vec<bool>) = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let (text, typed) = cell_text(cell);
                let (r, col) = ((first_row as usize + offset) as u32, first_col + c as u32);
                if typed && is_percent(r, col) {
                    (percent_of(&text), true)
                } else {
                    (text, typed)
                }
            })
            .unzip();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        match &header {
            None => {
                // Trailing empty header cells are formatting, not columns.
                let width = cells
                    .iter()
                    .rposition(|c| !c.is_empty())
                    .map_or(0, |i| i + 1);
                header = Some((line, cells[..width].to_vec()));
            }
            Some((_, h)) => {
                let width = h.len();
                let mut cells = cells;
                let mut typed_numbers = typed_numbers;
                cells.resize(width.max(cells.len()), String::new());
                typed_numbers.resize(cells.len(), false);
                // Anything right of the header is outside the table.
                cells.truncate(width);
                typed_numbers.truncate(width);
                rows.push(RawRow {
                    line,
                    cells,
                    typed_numbers,
                });
            }
        }
    }
    let Some((header_line, header)) = header else {
        return Err(vec![Problem::new(
            &label,
            text!(vi: "trang tính trống: không có dòng tiêu đề", en: "the sheet is empty: there is no header row"),
        )]);
    };
    Ok(RawTable {
        file: label,
        header,
        header_line,
        first_column: Some(first_col as usize),
        rows,
        problems: Vec::new(),
    })
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
