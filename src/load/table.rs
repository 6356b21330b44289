//! Text tables: CSV read as a stream, decoded to UTF-8 on the way, each
//! record handed on as trimmed, NFC-normalised cells with its line number.
//! [`RawTable`] holds a whole table in memory, for spreadsheets and tests.

use std::io::{BufRead, BufReader, Read};

use encoding_rs::Encoding;
use encoding_rs_io::DecodeReaderBytesBuilder;

use super::messages::DataMessage as D;
use super::problem::Problem;
use super::text::{is_blank, normalize};

/// A longer cell is certainly not data (and could exhaust memory).
pub const MAX_CELL_BYTES: usize = 1 << 20;
/// Excel's own limit on columns.
pub const MAX_COLUMNS: usize = 16_384;
/// A longer line (without a line break) is not a table row; stopping there
/// keeps memory bounded whatever the file holds.
pub const MAX_LINE_BYTES: usize = 8 << 20;
/// A longer record is not a table row either: a quoted field holds line
/// breaks, so a quote never closed would otherwise gather the rest of the
/// file into one record, line by line under [`MAX_LINE_BYTES`].
pub const MAX_RECORD_BYTES: usize = 8 << 20;

/// Where the record being parsed starts: its byte in the decoded stream
/// and its line. The parsing loop sets it before each record; the
/// [`LineLimit`] under the parser reads it.
type RecordStart = std::rc::Rc<std::cell::Cell<(u64, usize)>>;

/// How far the [`LineLimit`] has read: bytes handed on, whether the input
/// has ended, and whether its last byte was a line break. The parsing loop
/// reads it to tell a last record without a line break from the others.
#[derive(Debug, Clone, Copy, Default)]
struct ReadSoFar {
    passed: u64,
    ended: bool,
    ends_in_newline: bool,
}

type SharedReadSoFar = std::rc::Rc<std::cell::Cell<ReadSoFar>>;

/// Fails the stream when a line grows beyond [`MAX_LINE_BYTES`], or a
/// record beyond [`MAX_RECORD_BYTES`], before the CSV parser would buffer
/// it whole.
struct LineLimit<R> {
    inner: R,
    since_newline: usize,
    lines: usize,
    /// Bytes handed on so far.
    passed: u64,
    record_start: RecordStart,
    read_so_far: SharedReadSoFar,
}

#[derive(Debug)]
enum TooLong {
    Line(usize),
    /// A record, by the line where it starts.
    Record(usize),
}

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TooLong::Line(line) => write!(f, "line {line} is too long"),
            TooLong::Record(line) => write!(f, "the record from line {line} is too long"),
        }
    }
}

impl std::error::Error for TooLong {}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let chunk = &buf[..n];
        // Whole-chunk scans (vectorised), not a branch per byte.
        match chunk.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.lines += count_lines(chunk);
                self.since_newline = n - last - 1;
            }
            None => self.since_newline += n,
        }
        self.passed += n as u64;
        self.read_so_far.set(ReadSoFar {
            passed: self.passed,
            ended: n == 0 && !buf.is_empty(),
            ends_in_newline: self.passed > 0 && self.since_newline == 0,
        });
        let too_long = if self.since_newline > MAX_LINE_BYTES {
            Some(TooLong::Line(self.lines + 1))
        } else {
            // Bytes read ahead into the buffers above count too: a record
            // may be stopped short of the limit by their size (tens of KB).
            let (start, line) = self.record_start.get();
            (self.passed.saturating_sub(start) > MAX_RECORD_BYTES as u64)
                .then_some(TooLong::Record(line))
        };
        match too_long {
            Some(e) => Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
            None => Ok(n),
        }
    }
}

/// How many `\n` bytes `bytes` holds. Tallied in blocks of 255 on `u8`
/// counters, which the compiler turns into wide byte compares: a
/// `filter().count()` on `usize` runs several times slower.
pub fn count_lines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|block| {
            let n = block
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n')));
            usize::from(n)
        })
        .sum()
}

/// The line a record starts on, counted back from the line after it: the
/// csv crate records where a record starts before it skips the empty
/// lines above it, so its own position is a line early below each one.
/// Every line break is counted once, whether it ends a line or sits inside
/// a quoted cell; only the last record may lack its line break.
fn first_line(record: &csv::ByteRecord, after: &csv::Position, so_far: ReadSoFar) -> usize {
    let inside = count_lines(record.as_slice()) as u64;
    let at_end = so_far.ended && after.byte() >= so_far.passed;
    let terminated = !at_end || so_far.ends_in_newline;
    let line = after.line().saturating_sub(inside + u64::from(terminated));
    usize::try_from(line.max(1)).unwrap_or(usize::MAX)
}

/// A table as read, before any cell is interpreted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    pub file: String,
    pub header: Vec<String>,
    /// Where the header was found (1-based line or sheet row).
    pub header_line: usize,
    /// For a spreadsheet, the 0-based column where the table starts (for
    /// A1 references); `None` for CSV.
    pub first_column: Option<usize>,
    pub rows: Vec<RawRow>,
    /// Rows that could not be read (wrong number of fields); they are left
    /// out of `rows`, and binding reports them with every other problem.
    pub problems: Vec<Problem>,
    /// Spreadsheet rows near the top that were wider than the header, in
    /// full: the real header below a title is one (see `load::guidance`).
    pub wide_rows: Vec<(usize, Vec<String>)>,
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

/// Where the records of a CSV stream go.
pub trait RecordSink {
    /// The header's cells, trimmed and NFC-normalised.
    fn header(&mut self, line: usize, cells: Vec<String>);
    /// A row's cells as the file has them (valid UTF-8, not yet trimmed
    /// or normalised): most cells are numbers, which need neither, so
    /// the sink normalises only the cells it reads as text.
    fn row(&mut self, line: usize, cells: &[&str]);
    fn problem(&mut self, problem: Problem);
    /// A row whose width differs from the header's, before its problem is
    /// reported: the real header below a title row is such a row.
    fn misshapen_row(&mut self, _line: usize, _cells: &[&str]) {}
}

/// Why a stream stopped before its end.
#[derive(Debug)]
pub enum StreamError {
    /// The bytes could not be read at all.
    Io(std::io::Error),
    /// The text cannot be read further (not UTF-8, no header); reported
    /// to the sink already.
    Stopped,
}

/// [`stream_csv`] with the reading and parsing on a second thread: records
/// travel to this thread in batches and reach `sink` in file order, so the
/// sink's work (binding, scoring) overlaps the parsing of what follows.
pub fn stream_csv_alongside(
    file: &str,
    input: impl Read + Send,
    encoding: Option<&'static Encoding>,
    delimiter: Option<u8>,
    sink: &mut dyn RecordSink,
) -> Result<CsvInfo, StreamError> {
    use std::sync::mpsc;
    let (full, filled) = mpsc::sync_channel::<RecordBatch>(4);
    let (spare, recycled) = mpsc::channel::<RecordBatch>();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut batching = Batching {
                batch: RecordBatch::default(),
                full,
                recycled,
                stopped: false,
            };
            let outcome = stream_csv(file, input, encoding, delimiter, &mut batching);
            batching.send();
            outcome
        });
        let mut cells: Vec<&'static str> = Vec::new();
        for batch in filled {
            cells = batch.replay(sink, cells);
            let _ = spare.send(batch);
        }
        match reader.join() {
            Ok(outcome) => outcome,
            // A panic while parsing is a bug: let it surface as one.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// One event of a CSV stream, in a batch.
enum Event {
    Header(usize, Vec<String>),
    /// A row's line and its cells' ends in `RecordBatch::ends`, from `first`.
    Row {
        line: usize,
        first: usize,
        count: usize,
    },
    /// A row of the wrong width, for [`RecordSink::misshapen_row`].
    Misshapen {
        line: usize,
        first: usize,
        count: usize,
    },
    Problem(Problem),
}

/// Records parsed on the reading thread: the cells' text back to back.
#[derive(Default)]
struct RecordBatch {
    events: Vec<Event>,
    text: String,
    ends: Vec<usize>,
}

impl RecordBatch {
    const ROWS: usize = 4096;

    fn clear(&mut self) {
        self.events.clear();
        self.text.clear();
        self.ends.clear();
    }

    /// Hands every event to `sink`, borrowing the cells; returns `cells`
    /// (the buffer of cell slices) empty for the next batch.
    fn replay<'b>(&self, sink: &mut dyn RecordSink, cells: Vec<&str>) -> Vec<&'b str> {
        let mut cells = recycle(cells);
        for event in &self.events {
            match event {
                Event::Header(line, header) => sink.header(*line, header.clone()),
                Event::Problem(p) => sink.problem(p.clone()),
                Event::Row { line, first, count } | Event::Misshapen { line, first, count } => {
                    cells.clear();
                    let mut start = if *first == 0 { 0 } else { self.ends[first - 1] };
                    for &end in &self.ends[*first..first + count] {
                        cells.push(self.text.get(start..end).unwrap_or_default());
                        start = end;
                    }
                    if matches!(event, Event::Row { .. }) {
                        sink.row(*line, &cells);
                    } else {
                        sink.misshapen_row(*line, &cells);
                    }
                }
            }
        }
        recycle(cells)
    }
}

/// The reading thread's sink: fills batches and sends them on.
struct Batching {
    batch: RecordBatch,
    full: std::sync::mpsc::SyncSender<RecordBatch>,
    recycled: std::sync::mpsc::Receiver<RecordBatch>,
    /// The receiving side has gone: nothing more is sent.
    stopped: bool,
}

impl Batching {
    fn send(&mut self) {
        if self.batch.events.is_empty() || self.stopped {
            return;
        }
        let mut next = self.recycled.try_recv().unwrap_or_default();
        next.clear();
        let batch = std::mem::replace(&mut self.batch, next);
        self.stopped = self.full.send(batch).is_err();
    }
}

impl RecordSink for Batching {
    fn header(&mut self, line: usize, cells: Vec<String>) {
        self.batch.events.push(Event::Header(line, cells));
    }

    fn row(&mut self, line: usize, cells: &[&str]) {
        let batch = &mut self.batch;
        let first = batch.ends.len();
        for cell in cells {
            batch.text.push_str(cell);
            batch.ends.push(batch.text.len());
        }
        batch.events.push(Event::Row {
            line,
            first,
            count: cells.len(),
        });
        if batch.events.len() >= RecordBatch::ROWS {
            self.send();
        }
    }

    fn problem(&mut self, problem: Problem) {
        self.batch.events.push(Event::Problem(problem));
    }

    fn misshapen_row(&mut self, line: usize, cells: &[&str]) {
        let batch = &mut self.batch;
        let first = batch.ends.len();
        for cell in cells {
            batch.text.push_str(cell);
            batch.ends.push(batch.text.len());
        }
        batch.events.push(Event::Misshapen {
            line,
            first,
            count: cells.len(),
        });
    }
}

/// The delimiter among `,` `;` and tab that occurs most in the header line
/// (outside quotes); `,` when none does.
pub fn detect_delimiter(start: &[u8]) -> u8 {
    let header = start.split(|&b| b == b'\n').next().unwrap_or_default();
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in header {
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

fn not_utf8(file: &str, line: usize) -> Problem {
    Problem::new(file, D::NotUtf8).at_line(line)
}

fn too_long_problem(file: &str, too_long: &TooLong) -> Problem {
    match *too_long {
        TooLong::Line(line) => Problem::new(file, D::LineTooLong).at_line(line),
        TooLong::Record(line) => Problem::new(file, D::RecordTooLong).at_line(line),
    }
}

/// Reads CSV from `input` to `sink`, record by record. A byte-order mark
/// decides the encoding (UTF-8, UTF-16 LE/BE); otherwise `encoding`, or
/// strict UTF-8. Blank lines are skipped; a record with the wrong number of
/// fields is reported and skipped.
/// What a CSV stream turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvInfo {
    /// The encoding read: from the byte-order mark, the user, or UTF-8.
    pub encoding: String,
    pub delimiter: u8,
}

pub fn stream_csv(
    file: &str,
    input: impl Read,
    encoding: Option<&'static Encoding>,
    delimiter: Option<u8>,
    sink: &mut dyn RecordSink,
) -> Result<CsvInfo, StreamError> {
    let mut raw = BufReader::new(input);
    let bom = match raw.fill_buf() {
        Ok(head) => Encoding::for_bom(head).map(|(e, _)| e),
        Err(e) => return Err(StreamError::Io(e)),
    };
    let encoding_name = match (bom, encoding) {
        (Some(e), _) => format!("{} (BOM)", e.name()),
        (None, Some(e)) => e.name().to_string(),
        (None, None) => "UTF-8".to_string(),
    };
    // Without a named encoding, bytes pass through untouched and are checked
    // as UTF-8 field by field, so a bad byte is reported with its line.
    let input = raw;
    let decoded = DecodeReaderBytesBuilder::new()
        .encoding(encoding)
        .utf8_passthru(true)
        .strip_bom(true)
        .bom_override(true)
        .build(input);
    let record_start = RecordStart::new(std::cell::Cell::new((0, 1)));
    let read_so_far = SharedReadSoFar::default();
    let limited = LineLimit {
        inner: decoded,
        since_newline: 0,
        lines: 0,
        passed: 0,
        record_start: record_start.clone(),
        read_so_far: read_so_far.clone(),
    };
    let mut buffered = BufReader::with_capacity(1 << 16, limited);
    let start = match buffered.fill_buf() {
        Ok(start) => start,
        Err(e) => return Err(StreamError::Io(e)),
    };
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(start));
    // Only '\n' ends a record: the '\r' of CRLF is trimmed with the field,
    // and line numbers stay right on CRLF files.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(buffered);
    let mut record = csv::ByteRecord::new();
    // The cells of each row, in one buffer reused from row to row.
    let mut spare: Vec<&'static str> = Vec::new();
    let mut width: Option<usize> = None;
    loop {
        let position = reader.position();
        // A line number past usize (never met) saturates rather than wraps.
        record_start.set((
            position.byte(),
            usize::try_from(position.line()).unwrap_or(usize::MAX),
        ));
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
                match e.into_kind() {
                    csv::ErrorKind::Io(io) => {
                        if let Some(too_long) =
                            io.get_ref().and_then(|e| e.downcast_ref::<TooLong>())
                        {
                            sink.problem(too_long_problem(file, too_long));
                            return Err(StreamError::Stopped);
                        }
                        return Err(StreamError::Io(io));
                    }
                    other => {
                        let e = format!("{other:?}");
                        sink.problem(Problem::new(file, D::BadRecord { e }).at_line(line));
                        continue;
                    }
                }
            }
        }
        let line = first_line(&record, reader.position(), read_so_far.get());
        // A record's cells are no longer than the record.
        if record.as_slice().len() > MAX_CELL_BYTES
            && record.iter().any(|f| f.len() > MAX_CELL_BYTES)
        {
            sink.problem(Problem::new(file, D::CellTooLong).at_line(line));
            continue;
        }
        let mut cells: Vec<&str> = recycle(std::mem::take(&mut spare));
        // UTF-8 is checked once for the whole record (with SIMD: every byte
        // of the file passes here), then each field's ends: the fields lie
        // back to back, and a character cut by a delimiter can be valid
        // joined up though neither half is.
        let Ok(whole) = simdutf8::basic::from_utf8(record.as_slice()) else {
            sink.problem(not_utf8(file, line));
            return Err(StreamError::Stopped);
        };
        let mut start = 0;
        for field in record.iter() {
            let end = start + field.len();
            let Some(cell) = whole.get(start..end) else {
                sink.problem(not_utf8(file, line));
                return Err(StreamError::Stopped);
            };
            cells.push(cell);
            start = end;
        }
        if cells.iter().all(|c| is_blank(c)) {
            continue;
        }
        match width {
            None => {
                if cells.len() > MAX_COLUMNS {
                    let n = cells.len();
                    sink.problem(Problem::new(file, D::TooManyColumns { n }).at_line(line));
                    return Err(StreamError::Stopped);
                }
                width = Some(cells.len());
                sink.header(line, cells.iter().map(|c| normalize(c)).collect());
            }
            Some(want) if want != cells.len() => {
                sink.misshapen_row(line, &cells);
                let got = cells.len();
                sink.problem(Problem::new(file, D::RowWidth { got, want }).at_line(line));
            }
            Some(_) => sink.row(line, &cells),
        }
        spare = recycle(cells);
    }
    if width.is_none() {
        sink.problem(Problem::new(file, D::EmptyFile));
        return Err(StreamError::Stopped);
    }
    Ok(CsvInfo {
        encoding: encoding_name,
        delimiter,
    })
}

/// An emptied vector of cells, ready to borrow from the next record: lets
/// one allocation serve every row of a file.
fn recycle<'b>(mut v: Vec<&str>) -> Vec<&'b str> {
    v.clear();
    // An empty vector maps in place: the allocation is kept, nothing runs.
    v.into_iter().map(|_| "").collect()
}

/// Collects a stream into a [`RawTable`].
#[derive(Default)]
struct Collect {
    header: Option<(usize, Vec<String>)>,
    rows: Vec<RawRow>,
    problems: Vec<Problem>,
}

impl RecordSink for Collect {
    fn header(&mut self, line: usize, cells: Vec<String>) {
        self.header = Some((line, cells));
    }
    fn row(&mut self, line: usize, cells: &[&str]) {
        self.rows.push(RawRow {
            line,
            cells: cells.iter().map(|c| normalize(c)).collect(),
            typed_numbers: Vec::new(),
        });
    }
    fn problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }
}

/// Parses CSV text into memory (tests and small tools). A record with the
/// wrong number of fields is kept in the table's `problems`.
pub fn read_csv(file: &str, text: &str, delimiter: Option<u8>) -> Result<RawTable, Vec<Problem>> {
    read_csv_bytes(file, text.as_bytes(), None, delimiter)
}

/// [`read_csv`] from a file's bytes, in any encoding the stream reads
/// (`collect` keeps every row's line for its provenance column).
pub fn read_csv_bytes(
    file: &str,
    bytes: &[u8],
    encoding: Option<&'static Encoding>,
    delimiter: Option<u8>,
) -> Result<RawTable, Vec<Problem>> {
    let mut collect = Collect::default();
    let outcome = stream_csv(file, bytes, encoding, delimiter, &mut collect);
    match (outcome, collect.header) {
        (Ok(_), Some((header_line, header))) => Ok(RawTable {
            file: file.to_string(),
            header,
            header_line,
            first_column: None,
            rows: collect.rows,
            problems: collect.problems,
            wide_rows: Vec::new(),
        }),
        (Err(StreamError::Io(e)), _) => {
            let vi = crate::i18n::os_error_vi(&e).unwrap_or_else(|| e.to_string());
            Err(vec![Problem::new(
                file,
                D::CannotRead {
                    error_vi: vi,
                    error: e.to_string(),
                },
            )])
        }
        _ => Err(collect.problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_header_delimiter() {
        assert_eq!(detect_delimiter(b"ma;ten;a\n1;2;3"), b';');
        assert_eq!(detect_delimiter(b"ma\tten\n"), b'\t');
        assert_eq!(detect_delimiter(b"ma,ten\n"), b',');
        assert_eq!(detect_delimiter(b"\"a;b\",c\n"), b',');
        assert_eq!(detect_delimiter(b"single\n"), b',');
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
        let dir = format!("{}/tests/fixtures/forms", env!("CARGO_MANIFEST_DIR"));
        let mut inputs: Vec<Vec<u8>> = std::fs::read_dir(&dir)
            .expect("fixtures")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .map(|p| std::fs::read(p).expect("fixture"))
            .collect();
        assert!(inputs.len() >= 8);
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
}
