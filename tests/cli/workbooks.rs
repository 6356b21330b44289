//! Hostile and damaged workbooks on the command line: rejected with exit 3
//! and a message in the user's language, never a crash or a panic.

use std::io::Write;

use crate::harness::*;

fn percent_xls() -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/workbooks/percent.xls")).unwrap()
}

#[test]
fn a_truncated_xls_is_exit_3_never_a_crash() {
    let good = percent_xls();
    // Cut inside the sheet's records, where the reader once panicked
    // ("slice index starts at 4096 but ends at ...").
    for end in [4000, 4096, 4200, 4500, 5000, 5300, 5500] {
        let err = run_with(&["score", SMALL, "-", "--lang", "en"], Some(&good[..end])).fails(3);
        assert!(err.contains("workbook"), "cut at {end}: {err}");
    }
    let err = run_with(&["score", SMALL, "-", "--lang", "vi"], Some(&good[..4096])).fails(3);
    assert!(err.contains("tệp bảng tính"), "{err}");
}

/// An ODS of a few hundred bytes whose one row asks for a full sheet of
/// copies of a number (the reader's grid would take gigabytes).
fn repeated_ods() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", options).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", options).unwrap();
    zip.write_all(br#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", options).unwrap();
    zip.write_all(br#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet><table:table table:name="Sheet1"><table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_ods_repeating_cells_over_the_limit_is_exit_3_naming_it() {
    let err = run_with(
        &["score", SMALL, "-", "--lang", "en"],
        Some(&repeated_ods()),
    )
    .fails(3);
    assert!(err.contains("A1:XFD1048576"), "{err}");
    assert!(err.contains("limit of 4000000 cells"), "{err}");
    let err = run_with(
        &["score", SMALL, "-", "--lang", "vi"],
        Some(&repeated_ods()),
    )
    .fails(3);
    assert!(err.contains("giới hạn 4000000 ô"), "{err}");
}

#[test]
fn an_xls_the_reader_panics_on_is_damaged_and_the_panic_stays_silent() {
    // Four bytes changed (offset, new value): the reader panics inside on
    // each of these; the user sees a damaged workbook, not a crash.
    let mutations: [&[(usize, u8)]; 3] = [
        &[(569, 87), (1537, 199), (2092, 174), (2531, 123)],
        &[(1537, 113), (3177, 132), (3530, 228), (5460, 144)],
        &[(1537, 116), (2433, 181), (4501, 47), (4542, 60)],
    ];
    for changes in mutations {
        let mut bytes = percent_xls();
        for &(at, value) in changes {
            bytes[at] = value;
        }
        let err = run_with(&["score", SMALL, "-", "--lang", "en"], Some(&bytes)).fails(3);
        assert!(
            err.contains("the workbook is damaged"),
            "{changes:?}: {err}"
        );
        assert!(!err.contains("index") && !err.contains("slice"), "{err}");
        let err = run_with(&["score", SMALL, "-", "--lang", "vi"], Some(&bytes)).fails(3);
        assert!(err.contains("tệp bảng tính bị hỏng"), "{err}");
    }
}
