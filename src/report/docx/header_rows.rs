//! A table's header row repeated at the top of every page the table runs
//! over (`w:tblHeader`, Word's "Repeat as header row"), which docx-rs 0.4
//! cannot write. A header row is built with a height that no other row of
//! these documents has; in the built XML that height becomes the mark.

use docx_rs::{HeightRule, TableRow};

/// The mark: "at least one twip" high, which is no height at all should a
/// mark ever be left as it is.
const MARK_TWIPS: f32 = 1.0;
/// The mark as docx-rs writes it in the row's properties.
const MARK_XML: &[u8] = br#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;
/// What it becomes: the row repeats on every page.
const HEADER_XML: &[u8] = b"<w:tblHeader />";

/// `row`, marked as its table's header row.
pub(super) fn header_row(row: TableRow) -> TableRow {
    row.row_height(MARK_TWIPS).height_rule(HeightRule::AtLeast)
}

/// The document's XML with every marked row made a repeating header row.
pub(super) fn repeat_header_rows(document: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(document.len());
    let mut rest = document;
    while let Some(at) = memchr::memmem::find(rest, MARK_XML) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(HEADER_XML);
        rest = &rest[at + MARK_XML.len()..];
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::{Docx, Paragraph, Run, Table, TableCell};

    fn cell(text: &str) -> TableCell {
        TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(text)))
    }

    /// The document part of a table with a marked header row and two
    /// rows that are not.
    fn document() -> Vec<u8> {
        let table = Table::new(vec![
            header_row(TableRow::new(vec![cell("STT"), cell("Đơn vị")])).cant_split(),
            TableRow::new(vec![cell("1"), cell("Nghi Hải")]).cant_split(),
            TableRow::new(vec![cell("2"), cell("Nghi Hòa")]),
        ]);
        Docx::new().add_table(table).build().document
    }

    #[test]
    fn docx_rs_writes_the_mark_as_expected() {
        let xml = document();
        assert_eq!(memchr::memmem::find_iter(&xml, MARK_XML).count(), 1);
    }

    #[test]
    fn only_the_marked_row_repeats() {
        let xml = String::from_utf8(repeat_header_rows(&document())).expect("UTF-8");
        assert_eq!(xml.matches("<w:tblHeader />").count(), 1);
        assert!(!xml.contains("w:trHeight"), "{xml}");
        // In the first row's properties, beside what it had.
        let first_row = &xml[xml.find("<w:tr>").expect("a row")..xml.find("</w:tr>").expect("")];
        assert!(
            first_row.contains("<w:cantSplit /><w:tblHeader />"),
            "{first_row}"
        );
        assert!(first_row.contains("STT"));
    }

    #[test]
    fn a_document_without_marks_is_left_as_it_is() {
        let xml = b"<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>";
        assert_eq!(repeat_header_rows(xml), xml);
    }
}
