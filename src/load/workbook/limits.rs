//! What a workbook may hold, checked before anything the size of the sheet
//! is allocated, and the problems that name a limit, the value and where.

use super::super::problem::Problem;
use super::super::table;
use crate::load::messages::WorkbookMessage as W;
use crate::load::messages::workbook::{Countable, Damage};

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

/// The 0-based (row, column) of an A1 reference; `None` for anything else.
pub fn parse_cell_reference(reference: &str) -> Option<(u32, u32)> {
    let digits = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = reference.split_at(digits);
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let col = letters.bytes().try_fold(0u32, |n, b| {
        n.checked_mul(26)?.checked_add(u32::from(b - b'A') + 1)
    })?;
    let row: u32 = number.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// A cell beyond the last row or column a sheet can have.
pub fn cell_out_of_sheet(file: &str, sheet: &str, row: u64, col: u64) -> Problem {
    let reference = cell_reference(row, col);
    Problem::new(
        file,
        W::CellOutOfSheet {
            sheet: sheet.to_string(),
            reference: reference.clone(),
        },
    )
    .with_value(reference.clone())
}

/// A cell reference beyond the sheet's edge in a part of the container
/// that holds a sheet (found before the sheets have names).
pub fn reference_out_of_sheet(file: &str, part: &str, row: u64, col: u64) -> Problem {
    let reference = cell_reference(row, col);
    Problem::new(
        file,
        W::PartCellOutOfSheet {
            reference: reference.clone(),
            part: part.to_string(),
        },
    )
    .with_value(reference.clone())
}

/// More cells than [`MAX_CELLS`]; `area` says which (e.g. `A1:XFD20000`).
pub fn too_many_cells(file: &str, sheet: &str, cells: u64, area: &str) -> Problem {
    Problem::new(
        file,
        W::TooManyCells {
            sheet: sheet.to_string(),
            cells,
            area: area.to_string(),
        },
    )
}

/// More grid cells than [`MAX_GRID_CELLS`] in an XLS or ODS workbook.
pub fn grid_too_large(file: &str, sheet: &str, cells: u64, area: &str) -> Problem {
    Problem::new(
        file,
        W::TooManyGridCells {
            sheet: sheet.to_string(),
            cells,
            area: area.to_string(),
        },
    )
}

/// A cell whose text is longer than [`MAX_CELL_BYTES`].
pub fn cell_too_long(file: &str, sheet: &str, reference: &str, bytes: u64) -> Problem {
    Problem::new(
        file,
        W::CellTooLong {
            reference: reference.to_string(),
            sheet: sheet.to_string(),
            bytes,
        },
    )
}

/// A workbook file larger than [`MAX_FILE_BYTES`].
pub fn file_too_large(file: &str) -> Problem {
    Problem::new(file, W::FileTooLarge)
}

/// A part of the container that inflates beyond a limit.
pub fn part_too_large(file: &str, part: &str, bytes: u64, max: u64) -> Problem {
    let (mb, max_mb) = (bytes.div_ceil(1 << 20), max >> 20);
    Problem::new(
        file,
        W::PartTooLarge {
            part: part.to_string(),
            mb,
            max_mb,
        },
    )
}

/// The whole container inflates beyond [`MAX_INFLATED_BYTES`].
pub fn container_too_large(file: &str, bytes: u64) -> Problem {
    let mb = bytes.div_ceil(1 << 20);
    Problem::new(file, W::ContainerTooLarge { mb })
}

/// A run of text or markup in an XML part longer than [`MAX_MARKUP_RUN`].
pub fn markup_run_too_long(file: &str, part: &str, offset: u64) -> Problem {
    Problem::new(
        file,
        W::MarkupRunTooLong {
            part: part.to_string(),
            offset,
        },
    )
}

/// More of something countable than a limit allows (`what` in both
/// languages, e.g. shared strings); counting stops at `count`.
pub fn too_many(file: &str, part: &str, count: u64, max: u64, what: Countable) -> Problem {
    Problem::new(
        file,
        W::TooMany {
            part: part.to_string(),
            count,
            max,
            what,
        },
    )
}

/// The reader met something it cannot make sense of (or panicked on);
/// `detail`, in Vietnamese and English, says what when it is known.
pub fn damaged(file: &str, detail: Option<Damage>) -> Problem {
    Problem::new(file, W::Damaged { detail })
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

    #[test]
    fn a_reference_reads_back_as_its_cell() {
        for (row, col) in [
            (0, 0),
            (2, 2),
            (1_048_575, 16_383),
            (9, 26),
            (4, 701),
            (4, 702),
        ] {
            let reference = cell_reference(row.into(), col.into());
            assert_eq!(
                parse_cell_reference(&reference),
                Some((row, col)),
                "{reference}"
            );
        }
        for wrong in [
            "",
            "A",
            "1",
            "A0",
            "a1",
            "1A",
            "A1B",
            "Ô1",
            "AAAAAAAAAAAAAAAA1",
        ] {
            assert_eq!(parse_cell_reference(wrong), None, "{wrong}");
        }
    }
}
