//! The rows and columns an XLSX sheet hides, which the reader does not
//! tell: a second, light pass over the sheet's part for `<row hidden>` and
//! `<col hidden>`. The part is found as Excel finds it: the sheet's name
//! in `xl/workbook.xml`, its relationship in `xl/_rels/workbook.xml.rels`.
//! Every part was bounded by the scan before any reader opened the file.

use std::io::{BufReader, Cursor, Read};

use quick_xml::Reader as XmlReader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::super::table::HiddenLines;

/// The hidden rows and columns of the sheet `name`; none when its part
/// cannot be found or read (the reader, which read it first, would have
/// said what is wrong with it).
pub(super) fn xlsx_hidden(bytes: &[u8], name: &str) -> HiddenLines {
    sheet_part(bytes, name)
        .and_then(|part| {
            let mut zip = ZipArchive::new(Cursor::new(bytes)).ok()?;
            let entry = zip.by_name(&part).ok()?;
            Some(hidden_in(BufReader::new(entry)))
        })
        .unwrap_or_default()
}

/// The zip path of sheet `name`'s part.
fn sheet_part(bytes: &[u8], name: &str) -> Option<String> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut relationship = None;
    for_each_start(BufReader::new(zip.by_name("xl/workbook.xml").ok()?), |e| {
        if relationship.is_none()
            && e.local_name().as_ref() == "sheet"
            && attribute(e, "name").as_deref() == Some(name)
        {
            relationship = attribute(e, "id");
        }
    });
    let relationship = relationship?;
    let mut target = None;
    let rels = zip.by_name("xl/_rels/workbook.xml.rels").ok()?;
    for_each_start(BufReader::new(rels), |e| {
        if target.is_none()
            && e.local_name().as_ref() == "Relationship"
            && attribute(e, "Id").as_deref() == Some(relationship.as_str())
        {
            target = attribute(e, "Target");
        }
    });
    let target = target?;
    // A target is relative to xl/, or absolute from the package's root.
    Some(match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    })
}

/// Calls `each` with every start or empty element of an XML part.
fn for_each_start(part: impl std::io::BufRead, mut each: impl FnMut(&BytesStart<'_>)) {
    let mut xml = XmlReader::from_reader(part);
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => each(&e),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

/// An attribute's value by its local name (`r:id` answers to `id`).
fn attribute(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

fn is_true(value: Option<String>) -> bool {
    matches!(value.as_deref().map(str::trim), Some("1" | "true"))
}

fn number(value: Option<String>) -> Option<u64> {
    value?.trim().parse().ok()
}

/// The hidden rows and columns of a worksheet part.
fn hidden_in(part: impl Read) -> HiddenLines {
    let mut hidden = HiddenLines::default();
    // 1-based, as the part numbers rows; a row without `r` follows the last.
    let mut last_row: u64 = 0;
    for_each_start(BufReader::new(part), |e| match e.local_name().as_ref() {
        "row" => {
            let row = number(attribute(e, "r")).unwrap_or(last_row + 1);
            last_row = row;
            if row > 0 && is_true(attribute(e, "hidden")) {
                hidden.add_rows(row - 1, 1);
            }
        }
        "col" if is_true(attribute(e, "hidden")) => {
            if let (Some(min), Some(max)) =
                (number(attribute(e, "min")), number(attribute(e, "max")))
                && min > 0
                && max >= min
            {
                hidden.add_columns(min - 1, max - min + 1);
            }
        }
        _ => {}
    });
    hidden
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_columns_marked_hidden_are_found_and_joined() {
        let part = br#"<worksheet><cols><col min="1" max="2" width="9"/><col min="3" max="4" hidden="1"/><col min="7" max="7" hidden="true"/></cols>
<sheetData><row r="1"><c r="A1"/></row><row r="3" hidden="1"/><row r="4" hidden="1" spans="1:4"/><row hidden="1"/><row/><row r="9" hidden="0"/><row r="10" hidden="1"/></sheetData></worksheet>"#;
        let hidden = hidden_in(&part[..]);
        assert_eq!(hidden.rows, [(2, 4), (9, 9)], "rows 3–5 (5 has no r), 10");
        assert_eq!(hidden.columns, [(2, 3), (6, 6)]);
        assert!(hidden.row(4) && !hidden.row(5) && !hidden.row(8));
        assert!(hidden.column(3) && !hidden.column(4));
    }

    #[test]
    fn a_part_with_nothing_hidden_hides_nothing() {
        let part = br#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>"#;
        assert!(hidden_in(&part[..]).is_empty());
    }
}
