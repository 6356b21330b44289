//! Telling a report this tool wrote from any other file, by its content,
//! so that `-o` replaces a report but never someone's data. Each format is
//! recognised by what its renderer alone writes.

use std::io::{Read, Seek, SeekFrom};

use super::Format;

/// How much of each end of an existing file is read to recognise it: the
/// stamp is at the end, a marker or header at the start, with room to
/// spare.
pub(super) const WITHIN: u64 = 64 << 10;

/// See [`Format::wrote`].
pub(super) fn wrote<R: Read + Seek>(format: Format, existing: &mut R) -> bool {
    match format {
        Format::Xlsx => return xlsx(existing),
        Format::Docx => return docx(existing),
        _ => {}
    }
    let Ok(ends) = Ends::read(existing) else {
        return false;
    };
    // A character cut at either end is no part of any marker.
    let (head, tail) = (
        String::from_utf8_lossy(&ends.head),
        String::from_utf8_lossy(&ends.tail),
    );
    match format {
        Format::Table => table(&head),
        Format::Csv => csv(&head),
        Format::Json => json(&head, &tail),
        Format::Md => markdown(&tail),
        Format::Html => html(&head),
        Format::Xlsx | Format::Docx => false,
    }
}

/// The first and last [`WITHIN`] bytes of a file (the same bytes when it
/// is short).
struct Ends {
    head: Vec<u8>,
    tail: Vec<u8>,
}

impl Ends {
    fn read<R: Read + Seek>(file: &mut R) -> std::io::Result<Ends> {
        let len = file.seek(SeekFrom::End(0))?;
        let mut read_from = |start: u64| -> std::io::Result<Vec<u8>> {
            file.seek(SeekFrom::Start(start))?;
            let mut bytes = Vec::new();
            file.by_ref().take(WITHIN).read_to_end(&mut bytes)?;
            Ok(bytes)
        };
        let head = read_from(0)?;
        let tail = if len > WITHIN {
            read_from(len - WITHIN)?
        } else {
            head.clone()
        };
        Ok(Ends { head, tail })
    }
}

/// The terminal table's first box: a top border, header lines, then the
/// double rule under the header that this renderer's style draws.
fn table(head: &str) -> bool {
    let mut lines = head.lines().skip_while(|l| !l.starts_with('┌'));
    if lines.next().is_none() {
        return false;
    }
    lines
        .find(|l| !l.starts_with('│'))
        .is_some_and(|l| l.starts_with('╞'))
}

/// The first columns of each CSV document's header, in either language,
/// and one column only that document has (see `content` and `csv`).
const CSV_HEADERS: [(&[&str], &str); 7] = [
    // A ranking, whatever the language.
    (&["rank", "cluster_rank", "id", "name"], "score"),
    // A comparison of periods or rule versions.
    (&["Mã", "Đơn vị"], "Δ điểm"),
    (&["Id", "Unit"], "Δ score"),
    // One unit compared criterion by criterion.
    (&["Mã", "Tiêu chí"], "Δ"),
    (&["Id", "Criterion"], "Δ"),
    // Sensitivity.
    (&["Hạng", "Mã", "Đơn vị"], "Giữ xếp loại"),
    (&["Rank", "Id", "Unit"], "Rating kept"),
];

/// CSV reports carry no stamp: their header line is one the CSV renderer
/// writes, split on `,` or, as `--csv-style excel-vi` writes it, on `;`.
fn csv(head: &str) -> bool {
    let head = head.strip_prefix('\u{feff}').unwrap_or(head);
    let line = head.split('\n').next().unwrap_or_default();
    [b',', b';'].into_iter().any(|delimiter| {
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .from_reader(line.as_bytes());
        let Some(Ok(header)) = reader.records().next() else {
            return false;
        };
        let header: Vec<&str> = header.iter().collect();
        CSV_HEADERS
            .iter()
            .any(|(first, only)| header.starts_with(first) && header.contains(only))
    })
}

/// `schema_version` first and the stamp, naming this tool, last.
fn json(head: &str, tail: &str) -> bool {
    let starts = head
        .trim_start()
        .strip_prefix('{')
        .is_some_and(|rest| rest.trim_start().starts_with("\"schema_version\":"));
    let tail = tail.trim_end();
    starts && tail.ends_with('}') && tail.contains("\"tool\": \"wardscore ")
}

/// Ends with the stamp: a rule, then `- label: `value`` lines, one of them
/// naming this tool.
fn markdown(tail: &str) -> bool {
    let Some((_, stamp)) = tail.rsplit_once("\n---\n") else {
        return false;
    };
    let mut lines = stamp.lines().filter(|l| !l.is_empty()).peekable();
    lines.peek().is_some()
        && lines
            .clone()
            .all(|l| l.starts_with("- ") && l.ends_with('`'))
        && lines.any(|l| l.contains(": `wardscore "))
}

/// The page's generator, in its head.
fn html(head: &str) -> bool {
    head.contains("<meta name=\"generator\" content=\"wardscore ")
}

/// A workbook whose properties name this tool as its author and last
/// editor (see `xlsx`), modified when it was created: one saved again in
/// Excel or LibreOffice names the person who did, and a program that keeps
/// the names (openpyxl, pandas) still moves the modification time; any of
/// them may hold someone's changes. Its directory must be as small as a
/// report's, so reading it stays bounded.
fn xlsx<R: Read + Seek>(existing: &mut R) -> bool {
    let Some(text) = zip_part(existing, "docProps/core.xml") else {
        return false;
    };
    let by_us = |tag: &str| text.contains(&format!("<{tag}>{}</{tag}>", super::xlsx::AUTHOR));
    let created = element_text(&text, "dcterms:created");
    by_us("dc:creator")
        && by_us("cp:lastModifiedBy")
        && created.is_some()
        && created == element_text(&text, "dcterms:modified")
}

/// The text inside the first `<tag …>…</tag>` of `xml`.
fn element_text<'x>(xml: &'x str, tag: &str) -> Option<&'x str> {
    let (_, rest) = xml.split_once(&format!("<{tag}"))?;
    let (_, rest) = rest.split_once('>')?;
    Some(rest.split_once(&format!("</{tag}>"))?.0)
}

/// A Word report carries the custom property its renderer alone writes.
/// Word and LibreOffice keep it when someone saves the document again,
/// maybe with their changes, but both update its modification time: so it
/// must still be the generation time the property holds.
fn docx<R: Read + Seek>(existing: &mut R) -> bool {
    let Some(custom) = zip_part(existing, "docProps/custom.xml") else {
        return false;
    };
    let Some(core) = zip_part(existing, "docProps/core.xml") else {
        return false;
    };
    let property = |name: &str| -> Option<&str> {
        let after = custom.split_once(&format!("name=\"{name}\""))?.1;
        let value = after.split_once("<vt:lpwstr>")?.1;
        Some(value.split_once("</vt:lpwstr>")?.0)
    };
    let Some(generated) = property(super::docx::MARKER)
        .and_then(|stamp| stamp.split(super::docx::STAMP_SEPARATOR).nth(1))
    else {
        return false;
    };
    !generated.is_empty() && element_text(&core, "dcterms:modified") == Some(generated)
}

/// The text of one part of a zip package, if the file is a small, sound
/// one.
fn zip_part<R: Read + Seek>(existing: &mut R, part: &str) -> Option<String> {
    /// A report has a few parts per sheet.
    const MAX_PARTS: u16 = 4096;
    let ends = Ends::read(existing).ok()?;
    // The end of the zip directory: its number of entries and size.
    let tail = &ends.tail;
    let at = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let field = |from: usize, len: usize| tail.get(at + from..at + from + len);
    let (parts, size) = (field(10, 2)?, field(12, 4)?);
    let parts = u16::from_le_bytes([parts[0], parts[1]]);
    let size = u32::from_le_bytes([size[0], size[1], size[2], size[3]]);
    if parts > MAX_PARTS || u64::from(size) > WITHIN * 16 {
        return None;
    }
    // The zip reader is a third party's: should it ever panic on a damaged
    // file, the file is simply not recognised.
    let core = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut zip = zip::ZipArchive::new(existing).ok()?;
        let core = zip.by_name(part).ok()?;
        let mut text = String::new();
        core.take(WITHIN).read_to_string(&mut text).ok()?;
        Some(text)
    }));
    core.ok().flatten()
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    fn wrote(format: Format, bytes: &[u8]) -> bool {
        format.wrote(&mut Cursor::new(bytes))
    }

    #[test]
    fn a_csv_report_by_its_header_and_data_by_theirs() {
        assert!(wrote(
            Format::Csv,
            "\u{feff}rank,cluster_rank,id,name,cluster,score\n1,,S1,A,,7\n".as_bytes()
        ));
        assert!(wrote(
            Format::Csv,
            "Hạng,Mã,Đơn vị,Xếp loại,Giữ xếp loại,Hạng (P5–P95)\n".as_bytes()
        ));
        // As `--csv-style excel-vi` writes it: `;` between fields.
        assert!(wrote(
            Format::Csv,
            "\u{feff}rank;cluster_rank;id;name;cluster;score\n1;;S1;A;;7,5\n".as_bytes()
        ));
        // A data file, a filled template, a note.
        assert!(!wrote(Format::Csv, b"ma,ten,a,b\nS1,Alpha,50,yes\n"));
        assert!(!wrote(Format::Csv, b"ma;ten;a;b\nS1;Alpha;50;yes\n"));
        assert!(!wrote(Format::Csv, "\u{feff}ma,ten,cum\n".as_bytes()));
        assert!(!wrote(Format::Csv, "Mã,Đơn vị,Điểm\n".as_bytes()));
        assert!(!wrote(Format::Csv, b""));
    }

    #[test]
    fn json_needs_the_schema_first_and_the_stamp_last() {
        let stamp = "\"stamp\": {\n    \"tool\": \"wardscore 0.1.0\"\n  }\n}";
        let report = format!("{{\n  \"schema_version\": 1,\n  {stamp}");
        assert!(wrote(Format::Json, report.as_bytes()));
        // A long report: the stamp is found at its end.
        let padding = " ".repeat(3 * usize::try_from(WITHIN).unwrap());
        let long = format!("{{\n  \"schema_version\": 1,\n  \"x\": \"{padding}\",\n  {stamp}");
        assert!(wrote(Format::Json, long.as_bytes()));
        assert!(!wrote(
            Format::Json,
            b"{\"schema_version\": 1, \"note\": \"mine\"}"
        ));
        assert!(!wrote(Format::Json, format!("[{stamp}]").as_bytes()));
    }

    #[test]
    fn markdown_and_html_by_their_stamp() {
        let md = "# Title\n\ntext\n\n---\n\n- Công cụ: `wardscore 0.1.0`\n- Bộ tiêu chí: `x`\n";
        assert!(wrote(Format::Md, md.as_bytes()));
        assert!(!wrote(Format::Md, b"# Notes\n\n---\n\n- mine\n"));
        assert!(!wrote(Format::Md, b"# Notes\n\nwardscore is used here\n"));
        let html = "<!DOCTYPE html>\n<head>\n<meta name=\"generator\" content=\"wardscore 0.1.0\">";
        assert!(wrote(Format::Html, html.as_bytes()));
        assert!(!wrote(
            Format::Html,
            b"<!DOCTYPE html><meta name=\"generator\" content=\"Word\">"
        ));
    }

    #[test]
    fn a_terminal_table_by_its_boxes() {
        let table = "Title\n┌───┬───┐\n│ a ┆ b │\n╞═══╪═══╡\n│ 1 ┆ 2 │\n└───┴───┘\n";
        assert!(wrote(Format::Table, table.as_bytes()));
        assert!(!wrote(Format::Table, "Ghi chú họp giao ban\n".as_bytes()));
        assert!(!wrote(Format::Table, "┌ not a table\nmine\n".as_bytes()));
    }

    fn workbook(author: Option<&str>) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        if let Some(author) = author {
            book.set_properties(&rust_xlsxwriter::DocProperties::new().set_author(author));
        }
        book.add_worksheet().write(0, 0, "ma").expect("a cell");
        book.save_to_buffer().expect("a workbook")
    }

    #[test]
    fn a_workbook_by_its_author() {
        assert!(wrote(
            Format::Xlsx,
            &workbook(Some(super::super::xlsx::AUTHOR))
        ));
        // Someone else's, one without properties (a template), and no zip.
        assert!(!wrote(Format::Xlsx, &workbook(Some("Nguyễn Văn A"))));
        assert!(!wrote(Format::Xlsx, &workbook(None)));
        assert!(!wrote(Format::Xlsx, b"PK\x05\x06 not a zip"));
        // A directory claiming more parts than a report has is not read.
        let mut huge = workbook(Some(super::super::xlsx::AUTHOR));
        let at = huge.len() - 22;
        huge[at + 10..at + 12].copy_from_slice(&u16::MAX.to_le_bytes());
        assert!(!wrote(Format::Xlsx, &huge));
    }

    /// A zip package whose core properties are `core`.
    fn package(core: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("docProps/core.xml", options)
            .expect("a part");
        zip.write_all(core.as_bytes()).expect("written");
        zip.finish().expect("a package").into_inner()
    }

    /// openpyxl and pandas keep the author and the last editor of a
    /// workbook they save again, but not its modification time.
    #[test]
    fn a_workbook_modified_after_it_was_made_is_not_ours() {
        let core = |modified: &str| {
            let by = super::super::xlsx::AUTHOR;
            package(&format!(
                "<cp:coreProperties><dc:creator>{by}</dc:creator><cp:lastModifiedBy>{by}</cp:lastModifiedBy>\
                 <dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-12-07T19:16:06Z</dcterms:created>\
                 <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{modified}</dcterms:modified></cp:coreProperties>"
            ))
        };
        assert!(wrote(Format::Xlsx, &core("2026-12-07T19:16:06Z")));
        assert!(!wrote(Format::Xlsx, &core("2026-12-07T19:16:10Z")));
        assert_eq!(element_text("<a x=\"1\">v</a>", "a"), Some("v"));
        assert_eq!(element_text("<a>v", "a"), None);
    }

    #[test]
    fn a_word_document_without_the_stamp_is_not_ours() {
        use crate::model::Profile;
        let set = crate::load::shipped::find("thi-dua-cuoi-nam")
            .and_then(|(_, source)| crate::load::parse_criteria("set.toml", source).ok())
            .expect("a shipped set");
        let stamp = crate::report::Stamp::for_tests();
        let cx = crate::report::Context {
            set: &set,
            lang: crate::i18n::Lang::Vi,
            stamp: &stamp,
            profile: &Profile::default(),
            options: crate::report::Options::default(),
        };
        let criteria = crate::report::Document::Criteria;
        // Only the ranking and the sheet are documents; any docx-rs package
        // without the stamp is someone else's.
        assert!(crate::report::render_to_vec(Format::Docx, &cx, &criteria).is_err());
        let foreign = {
            let mut out = std::io::Cursor::new(Vec::new());
            docx_rs::Docx::new()
                .custom_property("author", "Nguyễn Văn A")
                .build()
                .pack(&mut out)
                .expect("a document");
            out.into_inner()
        };
        assert!(!wrote(Format::Docx, &foreign));
        assert!(!wrote(
            Format::Docx,
            &workbook(Some(super::super::xlsx::AUTHOR))
        ));
    }

    proptest::proptest! {
        /// Whatever the existing file holds, it is judged, never a crash:
        /// noise, and noise ending like a zip (a damaged workbook).
        #[test]
        fn any_bytes_are_judged_without_a_crash(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2048),
            zip_end in proptest::bool::ANY,
        ) {
            let mut bytes = bytes;
            if zip_end {
                // An end-of-directory record whose fields are the noise's first bytes.
                let fields: Vec<u8> = (0..18).map(|i| bytes.get(i).copied().unwrap_or(0)).collect();
                bytes.extend_from_slice(b"PK\x05\x06");
                bytes.extend(fields);
            }
            for format in [Format::Table, Format::Csv, Format::Json, Format::Md, Format::Html, Format::Xlsx, Format::Docx] {
                let _ = wrote(format, &bytes);
            }
        }
    }
}
