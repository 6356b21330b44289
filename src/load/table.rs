//! Bytes → a raw table of trimmed, NFC-normalised text cells with their line
//! numbers. CSV today; other sources (XLSX) produce the same [`RawTable`].

use encoding_rs::Encoding;

use super::problem::Problem;
use super::text::normalize;
use crate::text;

/// A table as read, before any cell is interpreted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    pub file: String,
    pub header: Vec<String>,
    pub rows: Vec<RawRow>,
    /// Rows that could not be read (wrong number of fields); they are left
    /// out of `rows`, and binding reports them with every other problem.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// 1-based line (or spreadsheet row) where the record starts.
    pub line: usize,
    pub cells: Vec<String>,
    /// Which cells a spreadsheet stored as numbers (their text is then the
    /// number's exact decimal form, with a `.`); empty for CSV.
    pub typed_numbers: Vec<bool>,
}

impl RawRow {
    pub fn is_typed_number(&self, col: usize) -> bool {
        self.typed_numbers.get(col).copied().unwrap_or(false)
    }
}

/// Bytes to text: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8,
/// unless the user named a legacy encoding.
pub fn decode(
    file: &str,
    bytes: &[u8],
    encoding: Option<&'static Encoding>,
) -> Result<String, Box<Problem>> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            let name = enc.name();
            return Err(Box::new(Problem::new(
                file,
                text!(
                    vi: "tệp có BOM {name} nhưng chứa byte không hợp lệ với mã này",
                    en: "the file starts with a {name} byte-order mark but holds bytes invalid in it"
                ),
            )));
        }
        return Ok(text.into_owned());
    }
    if let Some(enc) = encoding {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            let name = enc.name();
            return Err(Box::new(Problem::new(
                file,
                text!(
                    vi: "tệp chứa byte không hợp lệ trong bảng mã {name}",
                    en: "the file holds bytes that are invalid in {name}"
                ),
            )));
        }
        return Ok(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Err(Box::new(Problem::new(
                file,
                text!(
                    vi: "tệp không phải UTF-8. Hãy lưu lại bằng \"CSV UTF-8\" trong Excel, hoặc nếu tệp từ máy cũ dùng bảng mã Windows-1258, chạy lại với --encoding windows-1258",
                    en: "the file is not UTF-8. Save it as \"CSV UTF-8\" in Excel or, if it comes from an old machine using Windows-1258, run again with --encoding windows-1258"
                ),
            )
            .at_line(line)))
        }
    }
}

/// The delimiter among `,` `;` and tab that occurs most in the header line
/// (outside quotes); `,` when none does.
pub fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == b {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| *d)
}

/// Parses CSV text. Blank lines are skipped; a record with the wrong number
/// of fields is a problem naming its line, kept in the table's `problems`.
pub fn read_csv(file: &str, text: &str, delimiter: Option<u8>) -> Result<RawTable, Vec<Problem>> {
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(text));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // csv's own line count is off on CRLF files; count from byte offsets.
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    // A record may "start" on the line end that closed the previous one.
    let line_at = |byte: u64| {
        let start = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
        let skipped = text.as_bytes()[start..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        newlines.partition_point(|&n| n < start + skipped) + 1
    };
    let mut problems = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                problems.push(
                    Problem::new(file, text!(vi: "không đọc được dòng CSV: {e}", en: "cannot read the CSV record: {e}"))
                        .at_line(line),
                );
                continue;
            }
        };
        let line = record.position().map_or(0, |p| line_at(p.byte()));
        let cells: Vec<String> = record.iter().map(normalize).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        match &header {
            None => header = Some(cells),
            Some(h) if h.len() != cells.len() => {
                let (want, got) = (h.len(), cells.len());
                problems.push(
                    Problem::new(
                        file,
                        text!(
                            vi: "dòng có {got} ô nhưng tiêu đề có {want} cột (thừa hoặc thiếu dấu phân cách?)",
                            en: "the row has {got} fields but the header has {want} columns (a stray or missing delimiter?)"
                        ),
                    )
                    .at_line(line),
                );
            }
            Some(_) => rows.push(RawRow {
                line,
                cells,
                typed_numbers: Vec::new(),
            }),
        }
    }
    let Some(header) = header else {
        problems.push(Problem::new(
            file,
            text!(vi: "tệp trống: không có dòng tiêu đề", en: "the file is empty: there is no header row"),
        ));
        return Err(problems);
    };
    Ok(RawTable {
        file: file.to_string(),
        header,
        rows,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_header_delimiter() {
        assert_eq!(detect_delimiter("ma;ten;a\n1;2;3"), b';');
        assert_eq!(detect_delimiter("ma\tten\n"), b'\t');
        assert_eq!(detect_delimiter("ma,ten\n"), b',');
        assert_eq!(detect_delimiter("\"a;b\",c\n"), b',');
        assert_eq!(detect_delimiter("single\n"), b',');
    }

    #[test]
    fn decodes_boms_and_rejects_invalid_utf8() {
        assert_eq!(decode("f", b"\xEF\xBB\xBFma", None).unwrap(), "ma");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hải".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode("f", &utf16, None).unwrap(), "Hải");
        let err = decode("f", b"ma\nH\xe1i", None).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.en.contains("--encoding windows-1258"));
    }

    #[test]
    fn decodes_windows_1258_when_asked() {
        let enc = Encoding::for_label(b"windows-1258");
        // "Hà" in Windows-1258: H, a, combining grave (0xCC).
        let text = decode("f", b"Ha\xcc", enc).unwrap();
        assert_eq!(normalize(&text), "Hà");
    }

    #[test]
    fn reads_rows_with_lines_and_skips_blank_lines() {
        let t = read_csv("f", "ma,ten\r\nA, Nghi Hải \r\n\r\nB,\"Thu\nThủy\"\n", None).unwrap();
        assert_eq!(t.header, vec!["ma", "ten"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].line, 2);
        assert_eq!(t.rows[0].cells[1], "Nghi Hải");
        assert_eq!(t.rows[1].line, 4);
    }

    #[test]
    fn wrong_field_count_names_the_line_and_keeps_the_rest() {
        let table = read_csv("f", "ma,ten\nA,B,C\nD,E\nF\n", None).unwrap();
        let lines: Vec<_> = table.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![Some(2), Some(4)]);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].line, 3);
    }
}
