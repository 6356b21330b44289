//! The reader's tests: against the csv crate as it was (`csv_crate`),
//! across block edges, short reads and limits.

use super::*;

#[test]
fn detects_the_header_delimiter() {
    assert_eq!(detect_delimiter(b"ma;ten;a\n1;2;3"), b';');
    assert_eq!(detect_delimiter(b"ma\tten\n"), b'\t');
    assert_eq!(detect_delimiter(b"ma,ten\n"), b',');
    assert_eq!(detect_delimiter(b"\"a;b\",c\n"), b',');
    assert_eq!(detect_delimiter(b"single\n"), b',');
}

#[test]
fn the_delimiter_is_that_of_the_first_line_that_tells_one() {
    assert_eq!(detect_delimiter(b"\n\nma;ten;a\n1;2;3"), b';');
    assert_eq!(detect_delimiter(b"\r\n  \r\n \nma\tten\r\n"), b'\t');
    // A title above the header tells none.
    assert_eq!(
        detect_delimiter("BẢNG TỔNG HỢP\r\nma;ten\r\n".as_bytes()),
        b';'
    );
    // A row of empty cells shows its delimiter.
    assert_eq!(detect_delimiter(b"\n;;;\nma,ten\n"), b';');
    // A quote tells: what it holds does not count.
    assert_eq!(detect_delimiter(b"\"a;b\"\nma;ten\n"), b',');
    assert_eq!(detect_delimiter(b"\n\n  \nma\n"), b',');
    assert_eq!(detect_delimiter(b""), b',');
    // Tabs and spaces alone are a blank line.
    assert_eq!(detect_delimiter(b"\n\t \t\r\nma,ten\r\n"), b',');
    assert!(!tells_delimiter(b" \r") && !tells_delimiter(b""));
    assert!(!tells_delimiter(b"\xef\xbb\xbf") && !tells_delimiter(b" \t\r"));
    assert!(tells_delimiter(b"a\tb") && tells_delimiter(b";") && tells_delimiter(b"\""));
    // A `|` row ends the search: `,`, and a later `;` does not count.
    assert_eq!(detect_delimiter(b"ma|ten\nA|x;y\n"), b',');
    // Past the lines a title may take, the search gives up.
    let rows = "x\n".repeat(UNTOLD_LINES);
    assert_eq!(detect_delimiter(format!("{rows}ma;ten\n").as_bytes()), b';');
    assert_eq!(
        detect_delimiter(format!("{rows}\n \nx\nma;ten\n").as_bytes()),
        b','
    );
}

#[test]
fn a_first_line_sep_names_the_delimiter() {
    for (line, named) in [
        (&b"sep=;"[..], Some(b';')),
        (b"sep=,\r", Some(b',')),
        (b"SEP=\t", Some(b'\t')),
        (b"sep=|", Some(b'|')),
        (b"sep=", None),
        (b"sep= ", None),
        (b"sep=;;", None),
        (b"sep=\"", None),
        (b"separator;x", None),
    ] {
        assert_eq!(
            separator_line(line),
            named,
            "{:?}",
            String::from_utf8_lossy(line)
        );
    }
    assert_eq!(detect_delimiter(b"sep=;\r\nma,ten\r\n"), b';');
    assert_eq!(detect_delimiter(b"sep=|\nma|ten\n"), b'|');
    // Only the first line names it: below, it is a line like any other.
    assert_eq!(detect_delimiter(b"\nsep=|\nma;ten\n"), b',');
}

/// Excel's `sep=;` line is dropped, not read as a title or a record:
/// the header and the rows keep the file's line numbers.
#[test]
fn the_reader_drops_a_sep_line_and_takes_its_delimiter() {
    let events = |bytes: &[u8], delimiter| {
        let mut t = Trace::default();
        let outcome = stream_csv("f", bytes, None, delimiter, &mut t);
        (t.0, outcome.map(|info| info.delimiter).ok())
    };
    let read = |bytes: &[u8]| events(bytes, None);
    let expected = vec![
        r#"header 2 ["ma", "ten"]"#.to_string(),
        r#"row 3 ["A", "x,y"]"#.to_string(),
    ];
    assert_eq!(
        read(b"sep=;\r\nma;ten\nA;x,y\n"),
        (expected.clone(), Some(b';'))
    );
    assert_eq!(
        read(b"\xef\xbb\xbfsep=;\nma;ten\nA;x,y\n"),
        (expected.clone(), Some(b';'))
    );
    // The line alone leaves an empty file; given a delimiter, it is
    // dropped all the same.
    let (alone, _) = read(b"sep=;\r\n");
    assert!(alone[0].contains("EmptyFile"), "{alone:?}");
    let (given, _) = events(b"sep=,\nma;ten\nA;x,y\n", Some(b';'));
    assert_eq!(given, expected);
    // A header record past the limit is named on its own line, below.
    let long = format!("sep=,\n\"{}\nx\",b\n", "a".repeat(40));
    let bounds = Bounds {
        read: 8,
        line: 1000,
        record: 30,
        ..Bounds::FILE
    };
    let mut t = Trace::default();
    let outcome = stream_csv_within("f", long.as_bytes(), None, None, &mut t, bounds);
    let said = format!("{:?} {outcome:?}", t.0);
    assert!(
        said.contains("line: Some(2)") && said.contains("RecordTooLong"),
        "{said}"
    );
    // Anything else on the first line is read as it is.
    let (title, _) = read(b"sep=;x\nma;ten\n");
    assert_eq!(
        title.first().map(String::as_str),
        Some(r#"header 1 ["sep=", "x"]"#)
    );
}

/// A quote left open runs to the end of the input and takes its last
/// line break into the cell: the record is still on the line it starts
/// on (it was put a line early when the input ended in a line break).
#[test]
fn a_quote_left_open_to_the_end_keeps_its_line() {
    for csv in [
        &b"ma,ten,x\nA,\"B\n"[..],
        b"ma,ten,x\nA,\"B",
        b"ma,ten,x\n\nA,\"B\nC\n",
    ] {
        let mut t = Trace::default();
        let _ = stream_csv("f", csv, None, None, &mut t);
        let misshapen: Vec<&String> = t.0.iter().filter(|e| e.starts_with("misshapen")).collect();
        let want = if csv.starts_with(b"ma,ten,x\n\n") {
            3
        } else {
            2
        };
        assert_eq!(misshapen.len(), 1, "{:?}", t.0);
        assert!(
            misshapen[0].starts_with(&format!("misshapen {want} ")),
            "{:?}",
            t.0
        );
    }
}

/// The decoder hands on the three bytes it looked at for a byte-order
/// mark on their own: the delimiter is found in the whole header line,
/// not in them (`ma_` has none).
#[test]
fn the_delimiter_is_found_in_the_whole_header_line() {
    for csv in [
        &b"ma_don_vi;ten;diem\n01;Nghi H\xE1\xBA\xA3i;9,5\n"[..],
        b"ma_don_vi;ten;diem\r\n01;Nghi Thu;9,5\r\n",
        b"ma_don_vi\tten\tdiem\n01\tNghi Thu\t9,5\n",
    ] {
        let c = collect(csv, None);
        let (_, header) = c.header.expect("a header");
        assert_eq!(header.len(), 3, "{header:?}");
        assert_eq!(c.rows.len(), 1);
        assert_eq!(c.rows[0].cells.len(), 3);
    }
    let mut c = Collect::default();
    let info = stream_csv("f", &b"ma_don_vi;ten\n1;2\n"[..], None, None, &mut c).expect("read");
    assert_eq!(info.delimiter, b';');
}

proptest::proptest! {
    /// Block tallies count every line break, blocks full of them too.
    #[test]
    fn counts_every_line_break(
        bytes in proptest::collection::vec(proptest::sample::select(vec![b'\n', b'a', b'\r']), 0..1200),
        run in 0usize..600,
    ) {
        let mut bytes = bytes;
        bytes.extend(std::iter::repeat_n(b'\n', run));
        let naive = bytes.iter().filter(|&&b| b == b'\n').count();
        proptest::prop_assert_eq!(count_lines(&bytes), naive);
    }
}

fn collect(bytes: &[u8], encoding: Option<&'static Encoding>) -> Collect {
    let mut c = Collect::default();
    let _ = stream_csv("f", bytes, encoding, None, &mut c);
    c
}

/// Every event a stream gave its sink, as it came, cells as they were
/// handed on (not normalised).
#[derive(Default)]
struct Trace(Vec<String>);

impl RecordSink for Trace {
    fn header(&mut self, line: usize, cells: Vec<String>) {
        self.0.push(format!("header {line} {cells:?}"));
    }
    fn row(&mut self, line: usize, cells: &[&str]) {
        self.0.push(format!("row {line} {cells:?}"));
    }
    fn problem(&mut self, problem: Problem) {
        self.0.push(format!("problem {problem:?}"));
    }
    fn misshapen_row(&mut self, line: usize, cells: &[&str]) {
        self.0.push(format!("misshapen {line} {cells:?}"));
    }
}

/// The events of `bytes` read by [`Records`], or by the csv crate as
/// before it (`csv_crate`), with how the stream ended.
fn trace(
    bytes: &[u8],
    encoding: Option<&'static Encoding>,
    delimiter: Option<u8>,
    bounds: Bounds,
    csv_crate: bool,
) -> Vec<String> {
    let mut t = Trace::default();
    let outcome = if csv_crate {
        csv_crate::stream_csv("f", bytes, encoding, delimiter, &mut t, bounds)
    } else {
        stream_csv_within("f", bytes, encoding, delimiter, &mut t, bounds)
    };
    t.0.push(format!("{outcome:?}"));
    t.0
}

/// Pieces of CSV, heavy in what the reader splits on or hands to
/// csv_core: delimiters, quotes, line breaks, Vietnamese letters, NBSP,
/// bytes that are not UTF-8 (and "é" in two halves), byte-order marks.
const PIECES: &[&[u8]] = &[
    b",",
    b",",
    b";",
    b"\t",
    b"|",
    b"\"",
    b"\"",
    b"\"\"",
    b"\r",
    b"\n",
    b"\n",
    b"\r\n",
    b"\n\n",
    b" ",
    b"a",
    b"b7",
    b"x,y\n",
    "Đ".as_bytes(),
    "ệ".as_bytes(),
    "\u{a0}".as_bytes(),
    b"\xc3",
    b"\xa9",
    b"\xff",
    b"\xef\xbb\xbf",
];

/// Small bounds reach every limit, and short reads every block edge;
/// sometimes a bound is out of reach.
fn bounds() -> impl proptest::strategy::Strategy<Value = Bounds> {
    use proptest::prelude::*;
    let or_far = |small: std::ops::RangeInclusive<usize>| prop_oneof![3 => small, 1 => Just(usize::MAX >> 1)];
    (
        // The csv crate's parser is handed at least 4 bytes at first,
        // as it is with 64 KiB reads, from 5 on (`csv_crate`).
        prop_oneof![4 => 5usize..=24, 1 => Just(1 << 16)],
        or_far(1..=40),
        or_far(1..=60),
        or_far(0..=12),
        or_far(1..=6),
    )
        .prop_map(|(read, line, record, cell, columns)| Bounds {
            read,
            line,
            record,
            cell,
            columns,
        })
}

/// `bytes` as a file in encoding number `n`: Windows-1258 (named),
/// UTF-16 with its mark, or as they are; the reader sees UTF-8 either
/// way, decoded as it is read.
fn encoded(bytes: Vec<u8>, n: u8) -> (Vec<u8>, Option<&'static Encoding>) {
    match n {
        0 => (bytes, Encoding::for_label(b"windows-1258")),
        1 => {
            let text = String::from_utf8_lossy(&bytes);
            let utf16 = [0xff, 0xfe]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes));
            (utf16.collect(), None)
        }
        _ => (bytes, None),
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
    /// Splitting lines without a quote here, and parsing the others with
    /// csv_core, tells the sink what the csv crate did: the same cells,
    /// lines, problems and stops, at every block edge and limit.
    #[test]
    fn the_reader_tells_the_sink_what_the_csv_crate_did(
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..80),
        bom in proptest::bool::weighted(0.1),
        encoding in 0u8..6,
        delimiter in proptest::sample::select(vec![
            None, None, None, Some(b','), Some(b';'), Some(b'\t'), Some(b'|'), Some(b'"'), Some(0xa9),
        ]),
        bounds in bounds(),
    ) {
        // (UTF-16 has a mark of its own: one more would be a second.)
        let bom = bom && encoding != 1;
        let mut bytes = if bom { b"\xef\xbb\xbf".to_vec() } else { Vec::new() };
        bytes.extend(pieces.concat());
        let (bytes, encoding) = encoded(bytes, encoding);
        // A second byte-order mark the decoder handed on alone ended the
        // csv crate's stream, however much followed; the reader reads
        // on (`short_reads_give_the_records_of_whole_blocks` covers it).
        let mut text = Vec::new();
        let _ = decoded(&bytes[..], encoding).and_then(|(mut d, _)| d.read_to_end(&mut text));
        // Every text that opens with a second mark is left out (a few
        // hundred in 60,000 cases), as the crate's reading depended on
        // whether the decoder handed that mark on alone.
        if text.starts_with(b"\xEF\xBB\xBF") {
            return Ok(());
        }
        // A line of white space above the header is read before the
        // delimiter is known, as one cell; the csv crate, knowing it,
        // split a line of tabs. They differ on such a line longer than
        // the cell limit (a megabyte in a file), and only there.
        let mut untold = 0;
        let mut above = text.split(|&b| b == b'\n').take_while(|l| !ends_search(l, &mut untold));
        if delimiter.is_none()
            && detect_delimiter(&text) == b'\t'
            && above.any(|l| l.contains(&b'\t') && l.len() > bounds.cell)
        {
            return Ok(());
        }
        proptest::prop_assert_eq!(
            trace(&bytes, encoding, delimiter, bounds, false),
            trace(&bytes, encoding, delimiter, bounds, true)
        );
    }
}

/// A reader that hands on a few bytes at a time, as a pipe from a slow
/// writer does.
struct ShortReads<'a> {
    bytes: &'a [u8],
    sizes: Vec<usize>,
    next: usize,
}

impl std::io::Read for ShortReads<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let size = self.sizes[self.next % self.sizes.len()];
        self.next += 1;
        let n = size.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// Standard input from a pipe comes in reads of any size: the
    /// records, lines and problems are those of whole blocks. (Line and
    /// record limits are out of reach: those are checked block by block,
    /// to within a block.)
    #[test]
    fn short_reads_give_the_records_of_whole_blocks(
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..80),
        sizes in proptest::collection::vec(1usize..9, 1..6),
        encoding in 0u8..4,
        delimiter in proptest::sample::select(vec![None, None, Some(b';'), Some(b'|')]),
        cell in 0usize..12,
        columns in 1usize..6,
    ) {
        let (bytes, encoding) = encoded(pieces.concat(), encoding);
        let bounds = Bounds { cell, columns, ..Bounds::FILE };
        let whole = trace(&bytes, encoding, delimiter, bounds, false);
        let mut t = Trace::default();
        let short = ShortReads { bytes: &bytes, sizes, next: 0 };
        let outcome = stream_csv_within("f", short, encoding, delimiter, &mut t, bounds);
        t.0.push(format!("{outcome:?}"));
        proptest::prop_assert_eq!(t.0, whole);
    }
}

/// The delimiter, once the search ends, holds for the whole file: a
/// `;` in a later row of a `|` file, or past the lines a title may
/// take, is a cell's text. The csv crate agrees, given it.
#[test]
fn the_delimiter_does_not_change_after_the_search() {
    let untold = "x\n".repeat(UNTOLD_LINES + 1);
    for text in [
        "ma|ten\nA|x\nB|y;z\n".to_string(),
        format!("{untold}ma;ten\nA;B\n"),
    ] {
        let new = trace(text.as_bytes(), None, None, Bounds::FILE, false);
        assert_eq!(new, trace(text.as_bytes(), None, None, Bounds::FILE, true));
        assert!(new.iter().all(|e| !e.starts_with("misshapen")), "{new:?}");
        assert!(
            new.last().is_some_and(|e| e.contains("delimiter: 44")),
            "{new:?}"
        );
    }
}

#[test]
fn a_pipe_giving_one_byte_at_a_time_names_the_byte_order_mark() {
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain("ma;tên\nA;Bình\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let double_mark = "\u{feff}\u{feff}ma,ten\nA,B\n".as_bytes().to_vec();
    for (bytes, name) in [(utf16, "UTF-16LE (BOM)"), (double_mark, "UTF-8 (BOM)")] {
        let mut t = Trace::default();
        let pipe = ShortReads {
            bytes: &bytes,
            sizes: vec![1],
            next: 0,
        };
        let info = stream_csv("f", pipe, None, None, &mut t).expect("read");
        assert_eq!(info.encoding, name);
        assert_eq!(t.0.len(), 2, "{:?}", t.0);
        assert!(t.0[0].starts_with("header 1 [\"ma\""), "{:?}", t.0);
        let whole = trace(&bytes, None, None, Bounds::FILE, false);
        assert_eq!(t.0, whole[..2]);
    }
}

/// The CSV files of tests/fixtures/forms: real encodings, line ends and
/// quoting.
fn form_fixtures() -> Vec<Vec<u8>> {
    let dir = format!("{}/tests/fixtures/forms", env!("CARGO_MANIFEST_DIR"));
    let inputs: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .map(|p| std::fs::read(p).expect("fixture"))
        .collect();
    assert!(inputs.len() >= 8);
    inputs
}

#[test]
fn the_reader_tells_the_sink_what_the_csv_crate_did_with_real_files() {
    let mut inputs = form_fixtures();
    let mut long = String::from("ma,ten,x\n");
    for i in 0..20_000 {
        long.push_str(&format!("U{i},\"T\u{1EA1}i\n{i}\",{}\r\n", i % 7));
        long.push_str(&format!("V{i},T\u{1EA1}i {i},{}\n\n", i % 7));
    }
    inputs.push(long.into_bytes());
    for bytes in &inputs {
        for read in [1 << 16, 4096, 7] {
            let bounds = Bounds {
                read,
                ..Bounds::FILE
            };
            let new = trace(bytes, None, None, bounds, false);
            assert_eq!(new, trace(bytes, None, None, bounds, true));
        }
    }
}

#[test]
fn lines_and_records_near_the_real_limits_stop_where_the_csv_crate_stopped() {
    let block = Bounds::FILE.read;
    for len in [
        MAX_LINE_BYTES - block - 1,
        MAX_LINE_BYTES - 3,
        MAX_LINE_BYTES,
        MAX_LINE_BYTES + 1,
        MAX_LINE_BYTES + block,
    ] {
        let line = format!("ma,ten\nA,{}\nB,c\n", "y".repeat(len - 2));
        let quoted = format!("ma,ten\nA,\"{}\"\nB,c\n", "y\n".repeat(len / 2 - 2));
        for text in [line, quoted] {
            let new = trace(text.as_bytes(), None, None, Bounds::FILE, false);
            let before = trace(text.as_bytes(), None, None, Bounds::FILE, true);
            assert_eq!(new, before, "{len}");
        }
    }
}

/// What a stream told its sink, with how it ended.
fn events(bytes: &[u8], alongside: bool) -> (String, String) {
    let mut c = Collect::default();
    let outcome = if alongside {
        stream_csv_alongside("f", bytes, None, None, &mut c)
    } else {
        stream_csv("f", bytes, None, None, &mut c)
    };
    (
        format!("{:?} {:?} {:?}", c.header, c.rows, c.problems),
        format!("{outcome:?}"),
    )
}

#[test]
fn parsing_alongside_tells_the_sink_the_same_things_in_the_same_order() {
    let mut inputs = form_fixtures();
    // Problems between rows, a stop in the middle, more rows than a batch.
    inputs.push(b"ma,ten\nA,B,C\nD,E\nF\n".to_vec());
    inputs.push(b"ma,ten\nA,B\nC,H\xe1i\nD,E\n".to_vec());
    inputs.push(b"".to_vec());
    let mut long = String::from("ma,ten,x\n");
    for i in 0..(RecordBatch::ROWS * 3 + 7) {
        long.push_str(&format!("U{i},T\u{1EA1}i {i},{}\n", i % 7));
        if i % 1000 == 999 {
            long.push_str("bad,row\n");
        }
    }
    inputs.push(long.into_bytes());
    for bytes in &inputs {
        assert_eq!(events(bytes, true), events(bytes, false));
    }
}

#[test]
fn decodes_boms_and_rejects_invalid_utf8() {
    let c = collect(b"\xEF\xBB\xBFma\nx\n", None);
    assert_eq!(c.header.unwrap().1, vec!["ma"]);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("ten\nHải\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    let c = collect(&utf16, None);
    assert_eq!(c.rows[0].cells, vec!["Hải"]);
    let c = collect(b"ten\nH\xe1i\n", None);
    assert_eq!(c.problems[0].line, Some(2));
    assert!(
        c.problems[0]
            .message
            .en()
            .contains("--encoding windows-1258")
    );
    // "é" cut in two by the delimiter: valid joined up, not in the file.
    let c = collect(b"a,b\nx,y\n\xc3,\xa9\n", None);
    assert_eq!(c.rows.len(), 1);
    assert_eq!(c.problems[0].line, Some(3), "{:?}", c.problems);
}

#[test]
fn decodes_windows_1258_when_asked() {
    // "Hà" in Windows-1258: H, a, combining grave (0xCC).
    let c = collect(b"ten\nHa\xcc\n", Encoding::for_label(b"windows-1258"));
    assert_eq!(c.rows[0].cells, vec!["Hà"]);
}

#[test]
fn reads_rows_with_lines_and_skips_blank_lines() {
    let t = read_csv("f", "ma,ten\r\nA, Nghi Hải \r\n\r\nB,\"Thu\nThủy\"\n", None).unwrap();
    assert_eq!(t.header, vec!["ma", "ten"]);
    assert_eq!(t.header_line, 1);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0].line, 2);
    assert_eq!(t.rows[0].cells[1], "Nghi Hải");
    assert_eq!(t.rows[1].line, 4);
    assert_eq!(t.rows[1].cells[1], "Thu\nThủy");
}

#[test]
fn lines_after_blank_lines_are_counted_from_the_file() {
    // The csv crate skips an empty line before it records where the
    // next record starts; each row must still carry its own line.
    let lf = read_csv("f", "ma,x\nA,1\n\nB,abc\n\n\nC,2", None).unwrap();
    let lines: Vec<usize> = lf.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![2, 4, 7]);
    let crlf = read_csv("f", "ma,x\r\nA,1\r\n\r\nB,abc\r\n", None).unwrap();
    let lines: Vec<usize> = crlf.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![2, 4]);
    // A quoted line break inside the row below a blank line.
    let quoted = read_csv("f", "ma,x\n\nA,\"a\nb\"\nB,2\n", None).unwrap();
    let lines: Vec<usize> = quoted.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![3, 5]);
    // A header below blank lines, and a misshapen row below one.
    let late = read_csv("f", "\n\nma,x\nA,1\n\nB,2,3\n", None).unwrap();
    assert_eq!(late.header_line, 3);
    let problems: Vec<_> = late.problems.iter().map(|p| p.line).collect();
    assert_eq!(problems, vec![Some(6)]);
}

#[test]
fn wrong_field_count_names_the_line_and_keeps_the_rest() {
    let table = read_csv("f", "ma,ten\nA,B,C\nD,E\nF\n", None).unwrap();
    let lines: Vec<_> = table.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![Some(2), Some(4)]);
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.rows[0].line, 3);
}

#[test]
fn an_empty_file_has_no_header() {
    let err = read_csv("f", "\n\n", None).unwrap_err();
    assert!(err[0].message.en().contains("no header row"));
}

#[test]
fn a_quoted_field_full_of_line_breaks_stops_at_the_record_limit() {
    // Short lines, so only the record's length can stop it; the quote
    // opened on line 4 never closes.
    let lines = MAX_RECORD_BYTES / 4 + 10;
    let endless = format!("ma,ten\nA,ok\nA2,ok\nB,\"{}", "xyz\n".repeat(lines));
    let err = read_csv("f", &endless, None).unwrap_err();
    assert_eq!(err.len(), 1, "{err:?}");
    assert_eq!(err[0].line, Some(4), "{:?}", err[0]);
    assert!(err[0].message.en().contains("never closes"), "{:?}", err[0]);
    assert!(err[0].message.vi().contains("không đóng lại"));
    // Closed, a long record just under the limit is read.
    let under = MAX_RECORD_BYTES / 4 - (1 << 16);
    let long = format!("ma,ten\nB,\"{}\"\nC,d\n", "xyz\n".repeat(under));
    let t = read_csv("f", &long, None).unwrap();
    assert_eq!(t.rows.len(), 1, "the long cell is over the cell limit");
    assert_eq!(t.rows[0].line, 2 + under + 1);
    assert_eq!(t.problems.len(), 1);
    assert!(t.problems[0].message.en().contains("longer than"));
}

#[test]
fn absurd_cells_and_headers_are_refused() {
    let huge = format!("ma,ten\nA,{}\n", "x".repeat(MAX_CELL_BYTES + 1));
    let t = read_csv("f", &huge, None).unwrap();
    assert!(t.rows.is_empty());
    assert!(t.problems[0].message.en().contains("longer than"));
    // Named by its column, as every problem with a cell is.
    assert_eq!(
        t.problems[0].column,
        Some(crate::load::problem::Column::Name("ten".into()))
    );
    let quoted = format!("ma,ten\n\"{}\",A\n", "x".repeat(MAX_CELL_BYTES + 1));
    let t = read_csv("f", &quoted, None).unwrap();
    assert_eq!(
        t.problems[0].column,
        Some(crate::load::problem::Column::Name("ma".into()))
    );
    let wide = format!("{}\n", vec!["c"; MAX_COLUMNS + 1].join(","));
    let err = read_csv("f", &wide, None).unwrap_err();
    assert!(err[0].message.en().contains("more than the limit"));
    let endless = format!("ma,ten\nA,{}", "y".repeat(MAX_LINE_BYTES + 10));
    let err = read_csv("f", &endless, None).unwrap_err();
    assert_eq!(err[0].line, Some(2));
    assert!(
        err[0].message.en().contains("without a line break"),
        "{:?}",
        err[0]
    );
}
