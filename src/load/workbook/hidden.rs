//! The rows and columns an XLSX sheet hides, which the reader does not
//! tell. [`MarkupGuard`](super::container::MarkupGuard) reads each
//! `<row hidden>` and `<col hidden>` while it checks the parts, with the
//! attribute readers here; the sheet's part is then found as Excel finds
//! it: its name in `xl/workbook.xml`, its relationship in
//! `xl/_rels/workbook.xml.rels`.

use std::collections::HashMap;
use std::io::{BufReader, Cursor};

use quick_xml::Reader as XmlReader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::super::table::HiddenLines;
use super::container::written_attribute;

/// The hidden rows and columns of the sheet `name`, out of those the scan
/// found by part, and whether it holds formulas; none hidden when its part
/// cannot be found.
pub(super) fn xlsx_hidden(
    bytes: &[u8],
    name: &str,
    by_part: &HashMap<String, HiddenLines>,
) -> HiddenLines {
    if by_part.is_empty() {
        return HiddenLines::default();
    }
    match sheet_part(bytes, name) {
        Some(part) => by_part.get(&part_key(&part)).cloned().unwrap_or_default(),
        // Not found as the reader found it: it may hold formulas, which
        // are then read again rather than taken for blanks.
        None => {
            let mut unknown = HiddenLines::default();
            unknown.holds_formulas = true;
            unknown
        }
    }
}

/// A part's name as the reader finds it: letters in any case, `\` or
/// `/` between folders.
pub(super) fn part_key(name: &str) -> String {
    name.replace('\\', "/").to_ascii_lowercase()
}

/// The zip path of sheet `name`'s part.
fn sheet_part(bytes: &[u8], name: &str) -> Option<String> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).ok()?;
    // The entry named `key` as the reader would find it.
    let entry_name = |zip: &ZipArchive<Cursor<&[u8]>>, key: &str| {
        zip.file_names()
            .flatten()
            .find(|n| part_key(n) == key)
            .map(|n| n.into_owned())
    };
    let workbook = entry_name(&zip, "xl/workbook.xml")?;
    let rels = entry_name(&zip, "xl/_rels/workbook.xml.rels")?;
    let mut relationship = None;
    for_each_start(BufReader::new(zip.by_name(&workbook).ok()?), |e| {
        if relationship.is_none()
            && e.local_name().as_ref() == "sheet"
            && attribute(e, "name").as_deref() == Some(name)
        {
            relationship = attribute(e, "id");
        }
    });
    let relationship = relationship?;
    let mut target = None;
    for_each_start(BufReader::new(zip.by_name(&rels).ok()?), |e| {
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

/// A tag marked `hidden="1"` (or `"true"`).
pub(super) fn is_hidden(attributes: &[u8]) -> bool {
    matches!(
        written_attribute(attributes, b"hidden").map(<[u8]>::trim_ascii),
        Some(b"1" | b"true")
    )
}

/// A whole number attribute (`r`, `min`, `max`).
pub(super) fn number(attributes: &[u8], name: &[u8]) -> Option<u64> {
    std::str::from_utf8(written_attribute(attributes, name)?.trim_ascii())
        .ok()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::super::container::MarkupGuard;
    use super::*;

    fn hidden_in(part: &[u8]) -> HiddenLines {
        let mut guard = MarkupGuard::new(part, &[]).checking_references();
        std::io::copy(&mut guard, &mut std::io::sink()).unwrap();
        guard.hidden
    }

    #[test]
    fn rows_and_columns_marked_hidden_are_found_and_joined() {
        let part = br#"<worksheet><cols><col min="1" max="2" width="9"/><col min="3" max="4" hidden="1"/><col hidden='true' max="7" min="7"/></cols>
<sheetData><row r="1"><c r="A1"/></row><row r="3" hidden="1"/><row spans="1:4" r="4" hidden="1"><c r="A4"/></row><row hidden="1"/><row/><row r="9" hidden="0"/><row r="10" hidden="1"/><row></row><row x14ac:hidden="1" r="12"/></sheetData></worksheet>"#;
        let hidden = hidden_in(part);
        assert_eq!(hidden.rows, [(2, 4), (9, 9)], "rows 3–5 (5 has no r), 10");
        assert_eq!(hidden.columns, [(2, 3), (6, 6)]);
    }

    #[test]
    fn a_part_with_nothing_hidden_hides_nothing() {
        let part = br#"<worksheet><sheetData><row r="1" spans="1:1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>"#;
        assert!(hidden_in(part).is_empty());
    }

    #[test]
    fn attributes_are_read_by_their_whole_name() {
        let tag = br#" spans="1:3" r = '7' ht="15" hidden="1""#;
        assert_eq!(number(tag, b"r"), Some(7));
        assert_eq!(number(tag, b"s"), None);
        assert!(is_hidden(tag));
        assert!(!is_hidden(br#" r="7" customHidden="1""#));
        assert_eq!(number(br#" r="x""#, b"r"), None);
    }
}
