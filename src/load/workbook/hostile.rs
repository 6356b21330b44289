//! Hostile and odd workbooks: each is rejected with the limit it is over,
//! or read as it shows; none crashes or takes the machine's memory.

use std::io::Write;

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::limits::{MAX_CELLS, MAX_MARKUP_RUN, MAX_PART_BYTES};
use super::ods::MAX_MERGED_RANGES;
use super::read_workbook;
use crate::i18n::Lang;
use crate::load::problem::{Problem, problems_text};

/// Writes a part's content.
type WritePart<'a> = &'a mut dyn FnMut(&mut dyn Write);
/// A part's name and its writer.
type Part<'a, 'b> = (&'a str, WritePart<'b>);

/// Writes a zip of `(name, parts of its content)`, streaming each part so
/// a big one is never whole in memory.
fn zip_of(parts: &mut [Part<'_, '_>]) -> Vec<u8> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().large_file(false);
    for (name, write) in parts.iter_mut() {
        zip.start_file(*name, options).unwrap();
        write(&mut zip);
    }
    zip.finish().unwrap().into_inner()
}

fn text(s: &'static str) -> impl FnMut(&mut dyn Write) {
    move |w: &mut dyn Write| w.write_all(s.as_bytes()).unwrap()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_END: &str = "</sheetData></worksheet>";

/// An XLSX whose one sheet's `<sheetData>` is written by `rows`, with
/// `extra` parts (e.g. shared strings).
fn xlsx(rows: &mut dyn FnMut(&mut dyn Write), extra: &mut [Part<'_, '_>]) -> Vec<u8> {
    let mut sheet = |w: &mut dyn Write| {
        w.write_all(SHEET_START.as_bytes()).unwrap();
        rows(w);
        w.write_all(SHEET_END.as_bytes()).unwrap();
    };
    let (mut types, mut rels, mut book, mut book_rels) = (
        text(CONTENT_TYPES),
        text(RELS),
        text(WORKBOOK),
        text(WORKBOOK_RELS),
    );
    let mut parts: Vec<Part<'_, '_>> = vec![
        ("[Content_Types].xml", &mut types),
        ("_rels/.rels", &mut rels),
        ("xl/workbook.xml", &mut book),
        ("xl/_rels/workbook.xml.rels", &mut book_rels),
        ("xl/worksheets/sheet1.xml", &mut sheet),
    ];
    for (name, write) in extra.iter_mut() {
        parts.push((name, &mut **write));
    }
    zip_of(&mut parts)
}

fn header_and(row: &'static str) -> impl FnMut(&mut dyn Write) {
    move |w: &mut dyn Write| {
        let header = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>ma</t></is></c><c r="B1" t="inlineStr"><is><t>ten</t></is></c></row>"#;
        w.write_all(header.as_bytes()).unwrap();
        w.write_all(row.as_bytes()).unwrap();
    }
}

fn rejected(bytes: Vec<u8>) -> String {
    let problems: Vec<Problem> = read_workbook("t.xlsx", &bytes, None).unwrap_err();
    let vi = problems_text(&problems, Lang::Vi);
    let en = problems_text(&problems, Lang::En);
    assert!(
        en.contains("t.xlsx") && vi.contains("t.xlsx"),
        "names the file: {en}"
    );
    format!("{vi}\n{en}")
}

#[test]
fn a_far_cell_is_read_without_building_a_grid() {
    // The reader's grid over A1:XFD1048576 would take 549 GB.
    let mut rows = header_and(r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#);
    let table = read_workbook("t.xlsx", &xlsx(&mut rows, &mut []), None).unwrap();
    assert_eq!(table.header, ["ma", "ten"]);
    assert_eq!(
        table.rows.len(),
        1,
        "the row holds a cell, right of the table"
    );
    assert_eq!(table.rows[0].line, 1_048_576);
    assert_eq!(table.rows[0].cells, ["", ""]);
    let mut rows = header_and(r#"<row r="20000"><c r="XFD20000"><v>1</v></c></row>"#);
    assert!(read_workbook("t.xlsx", &xlsx(&mut rows, &mut []), None).is_ok());
}

#[test]
fn a_reference_beyond_the_sheet_is_rejected_naming_it() {
    let mut rows = header_and(r#"<row r="2"><c r="A99999999999"><v>1</v></c></row>"#);
    let message = rejected(xlsx(&mut rows, &mut []));
    assert!(message.contains("A99999999999"), "{message}");
    assert!(message.contains("1048576 rows"), "{message}");
    assert!(message.contains("1048576 dòng"), "{message}");
}

#[test]
fn more_cells_than_the_limit_are_rejected_before_reading() {
    let mut rows = |w: &mut dyn Write| {
        let chunk = "<c><v>1</v></c>".repeat(1000);
        w.write_all(b"<row>").unwrap();
        for _ in 0..=MAX_CELLS / 1000 {
            w.write_all(chunk.as_bytes()).unwrap();
        }
        w.write_all(b"</row>").unwrap();
    };
    let message = rejected(xlsx(&mut rows, &mut []));
    assert!(message.contains("xl/worksheets/sheet1.xml"), "{message}");
    assert!(
        message.contains(&format!("limit of {MAX_CELLS}")),
        "{message}"
    );
}

#[test]
fn more_shared_strings_than_the_limit_are_rejected() {
    let mut strings = |w: &mut dyn Write| {
        w.write_all(br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#)
            .unwrap();
        let chunk = "<si><t/></si>".repeat(1000);
        for _ in 0..=MAX_CELLS / 1000 {
            w.write_all(chunk.as_bytes()).unwrap();
        }
        w.write_all(b"</sst>").unwrap();
    };
    let mut rows = header_and("");
    let message = rejected(xlsx(
        &mut rows,
        &mut [("xl/sharedStrings.xml", &mut strings)],
    ));
    assert!(message.contains("shared strings"), "{message}");
    assert!(message.contains("chuỗi văn bản dùng chung"), "{message}");
}

#[test]
fn a_long_run_of_whitespace_is_rejected() {
    let mut rows = |w: &mut dyn Write| {
        let spaces = vec![b' '; 1 << 20];
        w.write_all(b"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>")
            .unwrap();
        for _ in 0..=(MAX_MARKUP_RUN >> 20) {
            w.write_all(&spaces).unwrap();
        }
        w.write_all(b"</t></is></c></row>").unwrap();
    };
    let message = rejected(xlsx(&mut rows, &mut []));
    assert!(message.contains("8 MB"), "{message}");
}

#[test]
fn a_cell_over_one_megabyte_is_rejected_naming_it() {
    let mut rows = |w: &mut dyn Write| {
        w.write_all(b"<row r=\"1\"><c r=\"C1\" t=\"inlineStr\"><is><t>")
            .unwrap();
        w.write_all(&vec![b'x'; (1 << 20) + 1]).unwrap();
        w.write_all(b"</t></is></c></row>").unwrap();
    };
    let message = rejected(xlsx(&mut rows, &mut []));
    assert!(message.contains("C1"), "{message}");
    assert!(message.contains("1 MB"), "{message}");
}

/// Sets the inflated size a zip declares for `part`, in its local header
/// and its central directory entry.
fn declare_size(zip: &mut [u8], part: &str, size: u32) {
    let name = part.as_bytes();
    let mut patched = 0;
    for at in 0..zip.len().saturating_sub(46) {
        let (size_at, name_at) = match &zip[at..at + 4] {
            b"PK\x03\x04" => (at + 22, at + 30),
            b"PK\x01\x02" => (at + 24, at + 46),
            _ => continue,
        };
        if zip.get(name_at..name_at + name.len()) == Some(name) {
            zip[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "local header and central directory");
}

#[test]
fn a_part_declared_over_the_limit_is_rejected_before_inflating() {
    let mut rows = header_and("");
    let mut bytes = xlsx(&mut rows, &mut []);
    declare_size(
        &mut bytes,
        "xl/worksheets/sheet1.xml",
        u32::try_from(MAX_PART_BYTES).unwrap() + 1,
    );
    let message = rejected(bytes);
    assert!(message.contains("xl/worksheets/sheet1.xml"), "{message}");
    assert!(message.contains("512 MB"), "{message}");
}

#[test]
fn a_part_inflating_past_its_declared_size_is_not_read() {
    // The zip reader stops at the declared size, so the declaration binds:
    // this guards that assumption of the limits (it held before them too).
    let mut rows = header_and(r#"<row r="2"><c r="A2" t="inlineStr"><is><t>X</t></is></c></row>"#);
    let mut bytes = xlsx(&mut rows, &mut []);
    declare_size(&mut bytes, "xl/worksheets/sheet1.xml", 100);
    assert!(read_workbook("t.xlsx", &bytes, None).is_err());
}

const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// An ODS with one sheet whose rows are `rows` (as LibreOffice writes them).
fn ods(rows: &'static str) -> Vec<u8> {
    let mut content = move |w: &mut dyn Write| {
        write!(
            w,
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Số liệu">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
        .unwrap()
    };
    let (mut mime, mut manifest) = (
        text("application/vnd.oasis.opendocument.spreadsheet"),
        text(ODS_MANIFEST),
    );
    zip_of(&mut [
        ("mimetype", &mut mime),
        ("META-INF/manifest.xml", &mut manifest),
        ("content.xml", &mut content),
    ])
}

#[test]
fn ods_repeats_of_non_empty_cells_are_rejected_before_the_grid() {
    // A few hundred bytes asking for a full sheet of copies of one number.
    let bytes = ods(concat!(
        r#"<table:table-row table:number-rows-repeated="1048576">"#,
        r#"<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/>"#,
        "</table:table-row>"
    ));
    assert!(bytes.len() < 2000);
    let problems = read_workbook("t.ods", &bytes, None).unwrap_err();
    let en = problems_text(&problems, Lang::En);
    assert!(en.contains("A1:XFD1048576"), "{en}");
    assert!(en.contains("Số liệu"), "{en}");
}

#[test]
fn ods_empty_trailing_repeats_still_open_and_percentages_read_as_shown() {
    let bytes = ods(concat!(
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>ma</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>ty_le</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>A</text:p></table:table-cell><table:table-cell office:value-type="percentage" office:value="0.955"><text:p>95.5%</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16382"/></table:table-row>"#,
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>B</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="0.955"><text:p>0.955</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="1048572"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
    ));
    let table = read_workbook("t.ods", &bytes, None).unwrap();
    assert_eq!(table.header, ["ma", "ty_le"]);
    let rates: Vec<&str> = table.rows.iter().map(|r| r.cells[1].as_str()).collect();
    assert_eq!(rates, ["95.5", "95.5", "0.955"], "a plain number stays");
}

/// A row with a merged cell, repeated: each repeat has the merge, named
/// as one would be in the row written out; repeats to the sheet's end are
/// kept up to a bound.
#[test]
fn ods_merges_in_repeated_rows_are_each_read() {
    let bytes = ods(concat!(
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>ma</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>b</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="string"><text:p>X</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2" office:value-type="float" office:value="5"><text:p>5</text:p></table:table-cell><table:covered-table-cell/></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="1048572"><table:table-cell table:number-columns-spanned="2"/><table:covered-table-cell/></table:table-row>"#,
    ));
    let table = read_workbook("t.ods", &bytes, None).unwrap();
    let ranges: Vec<_> = table
        .merged
        .iter()
        .take(4)
        .map(|m| (m.first, m.last))
        .collect();
    assert_eq!(
        ranges,
        [
            ((1, 1), (1, 2)),
            ((2, 1), (2, 2)),
            ((3, 1), (3, 2)),
            ((4, 0), (4, 1))
        ]
    );
    assert_eq!(table.merged.len() as u64, MAX_MERGED_RANGES);
}

#[test]
fn ods_text_spaces_over_the_cell_limit_are_rejected() {
    let bytes = ods(
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>ma<text:s text:c="1000000000"/></text:p></table:table-cell></table:table-row>"#,
    );
    let problems = read_workbook("t.ods", &bytes, None).unwrap_err();
    let en = problems_text(&problems, Lang::En);
    assert!(en.contains("A1") && en.contains("1 MB"), "{en}");
}

fn percent_xls() -> Vec<u8> {
    super::fixture_bytes("percent.xls")
}

#[test]
fn xls_percentages_read_as_shown() {
    let table = read_workbook("t.xls", &percent_xls(), None).unwrap();
    assert_eq!(table.header, ["ma", "ten", "ty_le", "diem"]);
    let rates: Vec<&str> = table.rows.iter().map(|r| r.cells[2].as_str()).collect();
    assert_eq!(rates, ["95.5", "96", "0.5"], "0.0%, 0% and a plain number");
    assert_eq!(table.rows[0].cells[1], "Nghi Hải");
    assert_eq!(table.rows[2].cells[3], "70.25");
}

#[test]
fn percentages_saved_by_libreoffice_read_as_shown() {
    for name in ["percent-libreoffice.ods", "percent-libreoffice.xls"] {
        let table = super::fixture_table(name);
        assert_eq!(table.header, ["ma", "ten", "ty_le", "diem"], "{name}");
        let rates: Vec<&str> = table.rows.iter().map(|r| r.cells[2].as_str()).collect();
        assert_eq!(rates, ["95.5", "96", "0.5"], "{name}");
        assert_eq!(table.rows[1].cells[1], "Nghi Hoà", "{name}");
    }
}

/// An .xls number reads as its format shows it, as an .xlsx one does:
/// written by xlwt (custom and built-in codes) and saved again by
/// LibreOffice Calc.
#[test]
fn xls_numbers_read_as_their_formats_show_them() {
    use crate::load::table::Unseen;
    for name in ["formats.xls", "formats-libreoffice.xls"] {
        let table = super::fixture_table(name);
        let cells: Vec<Vec<&str>> = (table.rows.iter())
            .map(|r| r.cells.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            cells,
            [
                ["00004", "Nghi Hải", "96", "89"],
                ["NHOA", "Nghi Hoà", "90.00", "85.13"],
                ["NTHU", "Nghi Thu", "0.5", "-5"],
                ["NTAN", "Nghi Tân", "88", "0"],
                ["NTHUY", "Nghi Thủy", "70", "Chưa đạt"],
                ["NLOC", "Nghi Lộc", "-12", "có"],
                ["NXUAN", "Nghi Xuân", "1", "không"],
            ],
            "{name}"
        );
        // 0-based rows and columns: D4 shows -5 without its minus, C5
        // shows nothing of its 88, D7 and D8 nothing of their text (D8
        // through a date format's text section).
        let mut unseen = table.hidden.values.clone();
        unseen.sort_by_key(|&(row, col, _)| (row, col));
        assert_eq!(
            unseen,
            [
                (3, 3, Unseen::Minus),
                (4, 2, Unseen::Value),
                (6, 3, Unseen::Value),
                (7, 3, Unseen::Value)
            ],
            "{name}"
        );
    }
}

#[test]
fn xls_truncated_or_mutated_never_panics() {
    let good = percent_xls();
    let mut outcomes = (0, 0);
    let mut check = |bytes: Vec<u8>| match read_workbook("t.xls", &bytes, None) {
        Ok(_) => outcomes.0 += 1,
        Err(problems) => {
            assert!(!problems.is_empty());
            outcomes.1 += 1;
        }
    };
    for end in (0..good.len()).step_by(7) {
        check(good[..end].to_vec());
    }
    // Byte mutations, spread over the file by a fixed sequence.
    let mut state: u32 = 0x2545_f491;
    for _ in 0..1500 {
        let mut bytes = good.clone();
        for _ in 0..4 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let at = state as usize % bytes.len();
            bytes[at] = (state >> 24) as u8;
        }
        check(bytes);
    }
    assert!(outcomes.1 > 0, "some are damaged beyond reading");
}

#[test]
fn xls_dimensions_past_the_limit_are_rejected() {
    // DIMENSIONS (0x0200, 14 bytes): first row, last row + 1 (32-bit),
    // first column, last column + 1.
    let mut bytes = percent_xls();
    let at = bytes
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .unwrap();
    bytes[at + 8..at + 12].copy_from_slice(&u32::MAX.to_le_bytes());
    let problems = read_workbook("t.xls", &bytes, None).unwrap_err();
    let en = problems_text(&problems, Lang::En);
    assert!(en.contains("more than the limit"), "{en}");
}

#[test]
fn ods_rows_repeated_past_the_sheet_are_rejected_naming_the_limit() {
    // Content after two million empty rows lies beyond the last row.
    let bytes = ods(concat!(
        r#"<table:table-row table:number-rows-repeated="2000000"><table:table-cell/></table:table-row>"#,
        r#"<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
    ));
    let en = problems_text(&read_workbook("t.ods", &bytes, None).unwrap_err(), Lang::En);
    assert!(
        en.contains("A2000001") && en.contains("1048576 rows"),
        "{en}"
    );
    // A content row repeated as often as a 64-bit count allows.
    let bytes = ods(concat!(
        r#"<table:table-row table:number-rows-repeated="18446744073709551615">"#,
        r#"<table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
    ));
    let en = problems_text(&read_workbook("t.ods", &bytes, None).unwrap_err(), Lang::En);
    assert!(en.contains("more than the limit of 4000000 cells"), "{en}");
}

#[test]
fn a_workbook_file_over_the_size_limit_is_rejected_unread() {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.resize(
        usize::try_from(super::limits::MAX_FILE_BYTES).unwrap() + 1,
        0,
    );
    let en = problems_text(
        &read_workbook("t.xlsx", &bytes, None).unwrap_err(),
        Lang::En,
    );
    assert!(en.contains("larger than the limit of 128 MB"), "{en}");
}

#[test]
fn a_sheet_part_named_freely_is_checked_like_any_sheet() {
    // The relationships may put a sheet anywhere, under any name.
    let rels = WORKBOOK_RELS.replace("worksheets/sheet1.xml", "data/s1");
    let sheet =
        format!(r#"{SHEET_START}<row r="2"><c r="A99999999999"><v>1</v></c></row>{SHEET_END}"#);
    let (mut types, mut top, mut book) = (text(CONTENT_TYPES), text(RELS), text(WORKBOOK));
    let mut book_rels = |w: &mut dyn Write| w.write_all(rels.as_bytes()).unwrap();
    let mut sheet_part = |w: &mut dyn Write| w.write_all(sheet.as_bytes()).unwrap();
    let bytes = zip_of(&mut [
        ("[Content_Types].xml", &mut types),
        ("_rels/.rels", &mut top),
        ("xl/workbook.xml", &mut book),
        ("xl/_rels/workbook.xml.rels", &mut book_rels),
        ("xl/data/s1", &mut sheet_part),
    ]);
    let message = rejected(bytes);
    assert!(message.contains("A99999999999"), "{message}");
}
