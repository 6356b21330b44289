//! What a workbook may hold, checked before anything the size of the sheet
//! is allocated, and the problems that name a limit, the value and where.

use super::super::problem::Problem;
use super::super::table;
use crate::text;

/// The workbook file itself, read whole into memory (its readers need to
/// seek): four times the largest real one (100,000 units by 50 columns).
pub const MAX_FILE_BYTES: u64 = 128 << 20;
/// Excel's own sheet size: no real workbook has a cell beyond it.
pub const MAX_ROWS: u64 = 1_048_576;
/// As for CSV (also Excel's last column, XFD).
pub const MAX_COLUMNS: u64 = table::MAX_COLUMNS as u64;
/// Cells one workbook may make the reader hold: 100,000 units by 50
/// columns, with room to spare. Counts the grid a reader builds (rows by
/// columns of a sheet's used area) and the non-empty cells it reads.
pub const MAX_CELLS: u64 = 6_000_000;
/// The grid of an XLS or ODS workbook's sheets: their readers lay every
/// sheet out in full, empty cells too, and hand out a copy, so a cell costs
/// them twice; this keeps the tool's memory under 300 MB. An XLS sheet
/// holds at most 65,536 rows, so 50 columns of them fit; a larger table
/// fits as .xlsx or CSV, whose readers keep only the cells with a value.
pub const MAX_GRID_CELLS: u64 = 4_000_000;
/// Text in one cell, as for CSV.
pub const MAX_CELL_BYTES: usize = table::MAX_CELL_BYTES;
/// One part of a zip container (a sheet's XML), once inflated: room for
/// the largest sheet [`MAX_CELLS`] allows.
pub const MAX_PART_BYTES: u64 = 512 << 20;
/// All parts of a zip container together, once inflated.
pub const MAX_INFLATED_BYTES: u64 = 1 << 30;
/// Text or markup between two XML tags: a cell's text may take six times
/// its size once escaped (`&quot;`), so a run longer than this is no cell.
/// It bounds the XML reader's buffer.
pub const MAX_MARKUP_RUN: u64 = 8 << 20;
/// Cell formats (Excel allows 64,000); each costs the reader a style.
pub const MAX_CELL_FORMATS: u64 = 65_536;
/// Shared strings of an XLSB workbook (binary, so not counted one by one):
/// at 8 bytes or more a string, this holds [`MAX_CELLS`] of them.
pub const MAX_XLSB_STRINGS_BYTES: u64 = 48 << 20;

/// The A1 reference of a 0-based cell (`XFD1048576`); past the sheet's
/// edge still a reference, so a message can name it.
pub fn cell_reference(row: u64, col: u64) -> String {
    let mut letters = Vec::new();
    let mut n = col.saturating_add(1);
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    let mut reference: String = letters.iter().rev().collect();
    reference.push_str(&row.saturating_add(1).to_string());
    reference
}

/// A cell beyond the last row or column a sheet can have.
pub fn cell_out_of_sheet(file: &str, sheet: &str, row: u64, col: u64) -> Problem {
    let reference = cell_reference(row, col);
    let (max_rows, max_cols) = (MAX_ROWS, MAX_COLUMNS);
    Problem::new(
        file,
        text!(
            vi: "trang \"{sheet}\" có ô {reference} nằm ngoài giới hạn của trang tính ({max_rows} dòng, {max_cols} cột); tệp bị từ chối",
            en: "the sheet \"{sheet}\" has a cell at {reference}, beyond the limit of a sheet ({max_rows} rows, {max_cols} columns); the file is rejected"
        ),
    )
    .with_value(reference.clone())
}

/// A cell reference beyond the sheet's edge in a part of the container
/// that holds a sheet (found before the sheets have names).
pub fn reference_out_of_sheet(file: &str, part: &str, row: u64, col: u64) -> Problem {
    let reference = cell_reference(row, col);
    let (max_rows, max_cols) = (MAX_ROWS, MAX_COLUMNS);
    Problem::new(
        file,
        text!(
            vi: "tệp bảng tính ghi ô {reference} (trong phần \"{part}\"), nằm ngoài giới hạn của trang tính ({max_rows} dòng, {max_cols} cột); tệp bị từ chối",
            en: "the workbook refers to a cell at {reference} (in its part \"{part}\"), beyond the limit of a sheet ({max_rows} rows, {max_cols} columns); the file is rejected"
        ),
    )
    .with_value(reference.clone())
}

/// More cells than [`MAX_CELLS`]; `area` says which (e.g. `A1:XFD20000`).
pub fn too_many_cells(file: &str, sheet: &str, cells: u64, area: &str) -> Problem {
    let max = MAX_CELLS;
    Problem::new(
        file,
        text!(
            vi: "trang \"{sheet}\" cần đọc {cells} ô (vùng {area}), vượt quá giới hạn {max} ô; tệp bị từ chối",
            en: "the sheet \"{sheet}\" needs {cells} cells read (area {area}), more than the limit of {max} cells; the file is rejected"
        ),
    )
}

/// More grid cells than [`MAX_GRID_CELLS`] in an XLS or ODS workbook.
pub fn grid_too_large(file: &str, sheet: &str, cells: u64, area: &str) -> Problem {
    let max = MAX_GRID_CELLS;
    Problem::new(
        file,
        text!(
            vi: "trang \"{sheet}\" trải trên {cells} ô (vùng {area}, kể cả ô trống), vượt quá giới hạn {max} ô của tệp .xls và .ods; tệp bị từ chối (một bảng lớn hơn hãy lưu thành .xlsx hoặc CSV)",
            en: "the sheet \"{sheet}\" spans {cells} cells (area {area}, empty ones included), more than the limit of {max} cells for .xls and .ods files; the file is rejected (save a larger table as .xlsx or CSV)"
        ),
    )
}

/// A cell whose text is longer than [`MAX_CELL_BYTES`].
pub fn cell_too_long(file: &str, sheet: &str, reference: &str, bytes: u64) -> Problem {
    let max = MAX_CELL_BYTES >> 20;
    Problem::new(
        file,
        text!(
            vi: "ô {reference} của trang \"{sheet}\" chứa {bytes} byte văn bản, vượt quá giới hạn {max} MB cho một ô; tệp bị từ chối",
            en: "the cell {reference} of the sheet \"{sheet}\" holds {bytes} bytes of text, more than the limit of {max} MB for one cell; the file is rejected"
        ),
    )
}

/// A workbook file larger than [`MAX_FILE_BYTES`].
pub fn file_too_large(file: &str) -> Problem {
    let max_mb = MAX_FILE_BYTES >> 20;
    Problem::new(
        file,
        text!(
            vi: "tệp bảng tính lớn hơn giới hạn {max_mb} MB; tệp bị từ chối",
            en: "the workbook file is larger than the limit of {max_mb} MB; the file is rejected"
        ),
    )
}

/// A part of the container that inflates beyond a limit.
pub fn part_too_large(file: &str, part: &str, bytes: u64, max: u64) -> Problem {
    let (mb, max_mb) = (bytes.div_ceil(1 << 20), max >> 20);
    Problem::new(
        file,
        text!(
            vi: "phần \"{part}\" của tệp bảng tính khi giải nén lớn khoảng {mb} MB, vượt quá giới hạn {max_mb} MB; tệp bị từ chối",
            en: "the part \"{part}\" of the workbook inflates to about {mb} MB, more than the limit of {max_mb} MB; the file is rejected"
        ),
    )
}

/// The whole container inflates beyond [`MAX_INFLATED_BYTES`].
pub fn container_too_large(file: &str, bytes: u64) -> Problem {
    let (mb, max_mb) = (bytes.div_ceil(1 << 20), MAX_INFLATED_BYTES >> 20);
    Problem::new(
        file,
        text!(
            vi: "tệp bảng tính khi giải nén lớn khoảng {mb} MB, vượt quá giới hạn {max_mb} MB; tệp bị từ chối",
            en: "the workbook inflates to about {mb} MB, more than the limit of {max_mb} MB; the file is rejected"
        ),
    )
}

/// A run of text or markup in an XML part longer than [`MAX_MARKUP_RUN`].
pub fn markup_run_too_long(file: &str, part: &str, offset: u64) -> Problem {
    let (max_mb, cell_mb) = (MAX_MARKUP_RUN >> 20, MAX_CELL_BYTES >> 20);
    Problem::new(
        file,
        text!(
            vi: "phần \"{part}\" của tệp bảng tính có một đoạn văn bản dài hơn {max_mb} MB (từ byte {offset}), trong khi một ô chứa tối đa {cell_mb} MB; tệp bị từ chối",
            en: "the part \"{part}\" of the workbook has a run of text longer than {max_mb} MB (from byte {offset}), while one cell holds at most {cell_mb} MB; the file is rejected"
        ),
    )
}

/// More of something countable than a limit allows (`what` in both
/// languages, e.g. shared strings); counting stops at `count`.
pub fn too_many(file: &str, part: &str, count: u64, max: u64, what: (&str, &str)) -> Problem {
    let (vi_what, en_what) = what;
    Problem::new(
        file,
        text!(
            vi: "phần \"{part}\" của tệp bảng tính có từ {count} {vi_what} trở lên, vượt quá giới hạn {max}; tệp bị từ chối",
            en: "the part \"{part}\" of the workbook has {count} or more {en_what}, more than the limit of {max}; the file is rejected"
        ),
    )
}

/// The reader met something it cannot make sense of (or panicked on);
/// `detail`, in Vietnamese and English, says what when it is known.
pub fn damaged(file: &str, detail: Option<(&str, &str)>) -> Problem {
    let (vi_detail, en_detail) = match detail {
        Some((vi, en)) => (format!(" ({vi})"), format!(" ({en})")),
        None => (String::new(), String::new()),
    };
    Problem::new(
        file,
        text!(
            vi: "tệp bảng tính bị hỏng, không đọc được{vi_detail}; hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi thử lại",
            en: "the workbook is damaged and cannot be read{en_detail}; open it in Excel or LibreOffice, save it again and retry"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_the_cell() {
        assert_eq!(cell_reference(0, 0), "A1");
        assert_eq!(cell_reference(1_048_575, 16_383), "XFD1048576");
        assert_eq!(cell_reference(99_999_999_998, 0), "A99999999999");
        assert!(cell_reference(u64::MAX, u64::MAX).ends_with("18446744073709551615"));
    }
}
