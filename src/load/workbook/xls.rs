//! XLS (BIFF): the Workbook stream read once before the reader opens it.
//! The reader builds every sheet as a dense grid over its used area and
//! reserves room for the area a sheet's DIMENSIONS record declares, so the
//! scan bounds both; it also learns each number cell's format code
//! (through its XF record), which the reader does not give, so that the
//! cell reads as it shows (see `load::shown`).

use std::io::{Cursor, Read};

use super::super::messages::workbook::Damage;
use super::super::problem::Problem;
use super::super::table::HiddenLines;
use super::limits::{self, MAX_CELLS, MAX_GRID_CELLS};
use super::shown;

/// What the reader does not give of each sheet, in the workbook's sheet
/// order.
#[derive(Debug, Default)]
pub(super) struct XlsScan {
    /// The number format code of each XF record, by index; `None` for
    /// General.
    codes: Vec<Option<String>>,
    /// Each sheet's cells whose format is read: numbers with a code, and
    /// text a code hides (`;;;`); 0-based (row, column) and XF index, in
    /// order. Twelve bytes a cell, and only such cells are kept.
    formatted: Vec<Vec<(u32, u32, u16)>>,
    /// Each sheet's hidden rows and columns.
    pub hidden: Vec<HiddenLines>,
}

impl XlsScan {
    /// The format code of the cell at `row`, `col` of sheet `index`, when
    /// it is read through it (see [`XlsScan::formatted`]); `None` else.
    pub(super) fn format(&self, index: usize, row: u32, col: u32) -> Option<&str> {
        let cells = self.formatted.get(index)?;
        let at = cells
            .binary_search_by_key(&(row, col), |&(r, c, _)| (r, c))
            .ok()?;
        self.codes.get(usize::from(cells[at].2))?.as_deref()
    }
}

/// One BIFF record.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

fn records(stream: &[u8]) -> impl Iterator<Item = Record<'_>> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let header = rest.get(..4)?;
        let typ = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some(Record { typ, data })
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    data.get(at..at + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    data.get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Reads the Workbook stream of the compound file in `bytes`, and the
/// stream's name ("Book" in an Excel 5/95 file).
fn workbook_stream(file: &str, bytes: &[u8]) -> Result<(Vec<u8>, &'static str), Vec<Problem>> {
    let damaged = |what: Damage| vec![limits::damaged(file, Some(what))];
    let mut compound =
        cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| damaged(Damage::OleContainer))?;
    let name = ["Workbook", "Book"]
        .into_iter()
        .find(|n| compound.is_stream(n))
        .ok_or_else(|| damaged(Damage::NoWorkbookStream))?;
    let declared = compound.entry(name).map_or(0, |e| e.len());
    // A stream cannot be longer than the file that holds it.
    if declared > bytes.len() as u64 {
        return Err(damaged(Damage::StreamLongerThanFile));
    }
    let mut stream = Vec::new();
    compound
        .open_stream(name)
        .and_then(|mut s| s.read_to_end(&mut stream))
        .map_err(|_| damaged(Damage::WorkbookStream))?;
    Ok((stream, name))
}

/// Scans the sheets; `Err` when one is over a limit or damaged in a way
/// the reader would not survive.
pub(super) fn scan(file: &str, bytes: &[u8]) -> Result<XlsScan, Vec<Problem>> {
    let (stream, stream_name) = workbook_stream(file, bytes)?;
    let mut formats: Vec<(u16, String)> = Vec::new();
    let mut xf_formats: Vec<u16> = Vec::new();
    let mut sheets: Vec<(usize, String)> = Vec::new();
    // Excel 97 and later write BIFF8; a BIFF5 file (Excel 5 and 95) writes
    // a format code with a one-byte length and one byte a character.
    let mut biff5 = stream_name == "Book";
    for r in records(&stream) {
        match r.typ {
            0x0809 if formats.is_empty() && xf_formats.is_empty() => {
                biff5 |= u16_at(r.data, 0) == Some(0x0500);
            }
            0x041E => {
                let body = r.data.get(2..).unwrap_or_default();
                let code = if biff5 {
                    short_code(body)
                } else {
                    format_code(body)
                };
                if let (Some(ifmt), Some(code)) = (u16_at(r.data, 0), code) {
                    formats.push((ifmt, code));
                }
            }
            0x00E0 => xf_formats.push(u16_at(r.data, 2).unwrap_or(0)),
            0x0085 => {
                let pos = u32_at(r.data, 0).unwrap_or(u32::MAX) as usize;
                sheets.push((pos, short_name(r.data.get(6..).unwrap_or_default())));
            }
            0x000A => break,
            _ => {}
        }
    }
    let code_of = |ifmt: u16| {
        formats
            .iter()
            .rev()
            .find(|(i, _)| *i == ifmt)
            .map(|(_, c)| c.as_str())
            .unwrap_or_else(|| builtin_format(ifmt))
    };
    // An empty code is General.
    let codes: Vec<Option<String>> = (xf_formats.iter())
        .map(|&ifmt| {
            let code = code_of(ifmt);
            let general = code.is_empty() || code.eq_ignore_ascii_case("General");
            (!general).then(|| code.to_string())
        })
        .collect();
    // Which XFs' cells are read through their code: numbers, but not
    // dates and times, which the reader reads itself; and text the code
    // hides.
    let read: Vec<ReadThrough> = (codes.iter())
        .map(|code| ReadThrough {
            number: code
                .as_deref()
                .is_some_and(|c| shown::date_time_parts(c, 1.0).is_none()),
            text: code.as_deref().is_some_and(shown::hides_text),
        })
        .collect();
    let mut total_cells: u64 = 0;
    let mut scan = XlsScan {
        codes,
        ..XlsScan::default()
    };
    for (pos, name) in &sheets {
        let sheet = stream.get(*pos..).unwrap_or_default();
        let found = scan_sheet(file, name, sheet, &read)?;
        total_cells = total_cells.saturating_add(found.grid.max(found.records));
        if total_cells > MAX_GRID_CELLS {
            return Err(vec![limits::grid_too_large(
                file,
                name,
                total_cells,
                &found.area,
            )]);
        }
        scan.formatted.push(found.formatted);
        scan.hidden.push(found.hidden);
    }
    Ok(scan)
}

/// Whether an XF's cells are read through its format code.
#[derive(Debug, Clone, Copy)]
struct ReadThrough {
    number: bool,
    text: bool,
}

struct SheetScan {
    /// Cells of the dense grid over the used area.
    grid: u64,
    /// Cell records (the reader keeps each before building the grid).
    records: u64,
    area: String,
    formatted: Vec<(u32, u32, u16)>,
    hidden: HiddenLines,
}

fn scan_sheet(
    file: &str,
    name: &str,
    sheet: &[u8],
    read: &[ReadThrough],
) -> Result<SheetScan, Vec<Problem>> {
    let mut extent: Option<(u32, u32, u32, u32)> = None;
    let mut records_kept: u64 = 0;
    let mut formatted = Vec::new();
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut hidden = HiddenLines::default();
    let mut add = |row: u16, col: u16, xf: Option<u16>, numeric: bool| {
        let (row, col) = (u32::from(row), u32::from(col));
        extent = Some(match extent {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
        records_kept += 1;
        let through_code = |x: u16| {
            read.get(usize::from(x))
                .is_some_and(|r| if numeric { r.number } else { r.text })
        };
        if let Some(xf) = xf.filter(|&x| through_code(x))
            && formatted.len() as u64 <= MAX_CELLS
        {
            formatted.push((row, col, xf));
        }
    };
    for r in records(sheet) {
        if depth > 0 {
            match r.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let (row, col, xf) = (u16_at(r.data, 0), u16_at(r.data, 2), u16_at(r.data, 4));
        match r.typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 => check_dimensions(file, name, r.data)?,
            // Number, RK, formula: numbers that a format shows.
            0x0203 | 0x027E | 0x0006 => {
                if let (Some(row), Some(col)) = (row, col) {
                    add(row, col, xf, true);
                }
            }
            // Label, RString, BoolErr, LabelSst: shown as written, unless
            // their format hides text.
            0x0204 | 0x00D6 | 0x0205 | 0x00FD => {
                if let (Some(row), Some(col)) = (row, col) {
                    add(row, col, xf, false);
                }
            }
            // MulRk: row, first column, (XF, RK) pairs, last column.
            0x00BD => {
                if let (Some(row), Some(first)) = (row, col) {
                    let pairs = r
                        .data
                        .get(4..r.data.len().saturating_sub(2))
                        .unwrap_or_default();
                    for (i, pair) in pairs.chunks_exact(6).enumerate() {
                        let col = first.saturating_add(u16::try_from(i).unwrap_or(u16::MAX));
                        add(row, col, u16_at(pair, 0), true);
                    }
                }
            }
            // Row: its options' fDyZero bit hides it.
            0x0208 => {
                if let Some(row) = row
                    && u16_at(r.data, 12).is_some_and(|options| options & 0x0020 != 0)
                {
                    hidden.add_rows(row.into(), 1);
                }
            }
            // ColInfo: first and last column, and fHidden in its options.
            0x007D => {
                if let (Some(first), Some(last)) = (row, col)
                    && last >= first
                    && u16_at(r.data, 8).is_some_and(|options| options & 0x0001 != 0)
                {
                    hidden.add_columns(first.into(), u64::from(last - first) + 1);
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    let (grid, area) = match extent {
        None => (0, String::new()),
        Some((r0, r1, c0, c1)) => (
            (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1),
            format!(
                "{}:{}",
                limits::cell_reference(r0.into(), c0.into()),
                limits::cell_reference(r1.into(), c1.into())
            ),
        ),
    };
    // Cells come row by row, but not always in order: sorted once, looked
    // up by halves. A cell written twice keeps its last record.
    formatted.sort_by_key(|&(row, col, _)| (row, col));
    formatted.dedup_by(|later, kept| {
        let same = (later.0, later.1) == (kept.0, kept.1);
        if same {
            *kept = *later;
        }
        same
    });
    Ok(SheetScan {
        grid,
        records: records_kept,
        area,
        formatted,
        hidden,
    })
}

/// The reader reserves rows x columns of the DIMENSIONS record, and takes
/// its end from last - 1: refuse an area it cannot hold or compute.
fn check_dimensions(file: &str, sheet: &str, data: &[u8]) -> Result<(), Vec<Problem>> {
    let (first_row, end_row, mut first_col, end_col) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0).unwrap_or(0)),
            u32::from(u16_at(data, 2).unwrap_or(0)),
            u32::from(u16_at(data, 4).unwrap_or(0)),
            u32::from(u16_at(data, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            u32_at(data, 0).unwrap_or(0),
            u32_at(data, 4).unwrap_or(0),
            u32::from(u16_at(data, 8).unwrap_or(0)),
            u32::from(u16_at(data, 10).unwrap_or(0)),
        ),
        // The reader rejects the record itself.
        _ => return Ok(()),
    };
    if first_col > 0xFF || end_col < first_col {
        first_col = 0;
    }
    if end_row == 0 || end_col == 0 {
        return Ok(());
    }
    let (last_row, last_col) = (end_row - 1, end_col - 1);
    if last_row < first_row || last_col < first_col {
        return Err(vec![limits::damaged(file, Some(Damage::DimensionsRecord))]);
    }
    let area = (u64::from(last_row - first_row) + 1) * (u64::from(last_col - first_col) + 1);
    if area > MAX_GRID_CELLS {
        let range = format!(
            "{}:{}",
            limits::cell_reference(first_row.into(), first_col.into()),
            limits::cell_reference(last_row.into(), last_col.into())
        );
        return Err(vec![limits::grid_too_large(file, sheet, area, &range)]);
    }
    Ok(())
}

/// A FORMAT record's code (BIFF8 `XLUnicodeString`: length, flags, then
/// one or two bytes a character).
fn format_code(data: &[u8]) -> Option<String> {
    let len = usize::from(u16_at(data, 0)?);
    let wide = data.get(2)? & 1 == 1;
    let chars = data.get(3..)?;
    Some(if wide {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(len)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(len).map(|&b| char::from(b)).collect()
    })
}

/// A BIFF5 FORMAT record's code: a one-byte length, then one byte a
/// character (the workbook's code page: codes are ASCII in practice).
fn short_code(data: &[u8]) -> Option<String> {
    let (&len, chars) = data.split_first()?;
    Some(
        chars
            .iter()
            .take(usize::from(len))
            .map(|&b| char::from(b))
            .collect(),
    )
}

/// A BoundSheet8 name (`ShortXLUnicodeString`), for messages only.
fn short_name(data: &[u8]) -> String {
    let Some((&len, rest)) = data.split_first() else {
        return String::new();
    };
    let mut shortened = rest.to_vec();
    shortened.truncate(1 + usize::from(len) * 2);
    let mut with_u16_len = vec![len, 0];
    with_u16_len.extend_from_slice(&shortened);
    format_code(&with_u16_len).unwrap_or_default()
}

/// The built-in number formats a file names by number only ([MS-XLS]
/// 2.4.126): those of numbers; the reader reads dates and times itself,
/// and currencies come with their code.
fn builtin_format(ifmt: u16) -> &'static str {
    match ifmt {
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        48 => "##0.0E+0",
        49 => "@",
        _ => "General",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend_from_slice(&u16::try_from(data.len()).unwrap().to_le_bytes());
        r.extend_from_slice(data);
        r
    }

    /// A compound file whose stream `name` holds a workbook's globals: a
    /// BOF of `version`, one FORMAT record (`format`) and one XF using it.
    fn globals(name: &str, version: u16, format: &[u8]) -> Vec<u8> {
        let mut stream = record(0x0809, &[version.to_le_bytes(), [5, 0]].concat());
        stream.extend(record(
            0x041E,
            &[&164u16.to_le_bytes()[..], format].concat(),
        ));
        let mut xf = vec![0u8; 16];
        xf[2..4].copy_from_slice(&164u16.to_le_bytes());
        stream.extend(record(0x00E0, &xf));
        stream.extend(record(0x000A, &[]));
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        file.create_stream(name)
            .unwrap()
            .write_all(&stream)
            .unwrap();
        file.into_inner().into_inner()
    }

    /// A BIFF8 code has a two-byte length and a flags byte; a BIFF5 one
    /// (Excel 5 and 95, stream "Book") a one-byte length and no flags: each
    /// is read in its own layout, not the other's.
    #[test]
    fn format_codes_are_read_in_the_files_own_biff_version() {
        let biff8 = globals("Workbook", 0x0600, &[3, 0, 0, b'0', b'.', b'0']);
        assert_eq!(scan("t.xls", &biff8).unwrap().codes, [Some("0.0".into())]);
        let biff5 = globals("Book", 0x0500, &[5, b'0', b'.', b'0', b'0', b'%']);
        assert_eq!(scan("t.xls", &biff5).unwrap().codes, [Some("0.00%".into())]);
    }
}
