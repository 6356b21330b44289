//! Text tables: CSV read as a stream, decoded to UTF-8 on the way, each
//! record handed on as trimmed, NFC-normalised cells with its line number.
//! [`RawTable`] holds a whole table in memory, for spreadsheets and tests.
//! How records are cut from the bytes is in `records`; the reader it
//! replaced is kept in `csv_crate`, for the tests to compare with.

use std::io::{BufReader, Read};

use encoding_rs::Encoding;
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};

use super::guidance::Splitting;
use super::messages::DataMessage as D;
use super::problem::{Column, Problem};
use super::text::{is_blank, normalize};

#[cfg(test)]
mod csv_crate;
mod records;

use records::Records;

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

/// What one CSV stream may hold, and how much is read at a time. Tests
/// shrink them to reach every limit and block edge with small inputs.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    /// Bytes asked of the decoder at a time.
    read: usize,
    line: usize,
    record: usize,
    cell: usize,
    columns: usize,
}

impl Bounds {
    const FILE: Bounds = Bounds {
        read: 1 << 16,
        line: MAX_LINE_BYTES,
        record: MAX_RECORD_BYTES,
        cell: MAX_CELL_BYTES,
        columns: MAX_COLUMNS,
    };
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
    /// A sheet's merged cells (none in CSV): every cell of a range but
    /// the first reads as blank, where a person sees the first's value.
    pub merged: Vec<MergedCells>,
    /// A sheet's hidden rows and columns (none in CSV): a person does not
    /// see what they hold.
    pub hidden: HiddenLines,
    /// How the rows were split into cells, for a header read as one cell.
    pub splitting: Splitting,
    /// A workbook's cells that read as blank and hold a formula (none in
    /// CSV): see [`FormulaCell`].
    pub formulas: Vec<FormulaCell>,
    /// A workbook's number cells whose format writes text around the
    /// number (`"P"000` shows 5 as `P005`), in the order read; none in CSV.
    pub numbers_behind: Vec<NumberBehind>,
}

/// A number cell shown with text around it: the cell is the text shown,
/// which ids, names and clusters read; the criteria's number columns read
/// the number it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberBehind {
    /// 0-based row and column.
    pub at: (u32, u32),
    /// The text shown: the cell's, unless a later cell at the same place
    /// replaced it.
    pub shown: String,
    pub number: String,
}

/// A cell that reads as blank and holds a formula: programs that write
/// workbooks without calculating them (openpyxl, xlwt) store no result,
/// where a person opening the file sees one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulaCell {
    /// 0-based row and column.
    pub at: (u32, u32),
    pub formula: String,
    /// Its result is known never to have been calculated (`.xlsx`: none
    /// stored), so it is an error wherever the set reads it. An `.xls`
    /// formula stores an empty text alike when it was calculated to `""`
    /// and when it never was (as xlwt writes every one): it is named only
    /// where a blank is refused anyway.
    pub never_calculated: bool,
}

/// What of a cell's value its number format keeps from sight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unseen {
    /// All of it: the cell looks blank (`;;;`).
    Value,
    /// Its minus sign: a negative section that writes none (`0;0`,
    /// `0.00;[Red]0.00`).
    Minus,
    /// All of it, shown as `######`: no section of the format takes it
    /// (`[>=90]0;[<50]0` and 70).
    NoSection,
}

/// Rows and columns a sheet hides, hidden by hand or by a filter alike,
/// as 0-based inclusive spans kept in order and apart (touching spans are
/// one), so a row is looked up in a few steps however many there are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HiddenLines {
    pub rows: Vec<(u32, u32)>,
    pub columns: Vec<(u32, u32)>,
    /// Cells with a value that their format keeps from sight, in whole
    /// (`;;;`) or its minus: 0-based row and column, in the order added.
    /// A sheet's cells are bounded, so are these.
    pub values: Vec<(u32, u32, Unseen)>,
    /// The sheet holds a formula: only then is it read again for those
    /// never calculated (see [`RawTable::formulas`]).
    pub holds_formulas: bool,
    /// Spans were added out of order: [`HiddenLines::settled`] puts them
    /// in place, once, before any lookup.
    unsorted: bool,
}

impl HiddenLines {
    /// The hidden rows and columns alone, without the hidden values.
    pub fn lines_only(&self) -> HiddenLines {
        HiddenLines {
            rows: self.rows.clone(),
            columns: self.columns.clone(),
            values: Vec::new(),
            holds_formulas: false,
            unsorted: self.unsorted,
        }
    }

    /// The cell at `row`, `col` holds a value its format keeps from sight.
    pub fn add_value(&mut self, row: u32, col: u32, unseen: Unseen) {
        self.values.push((row, col, unseen));
    }

    /// The index of the span of hidden rows that holds `row`: two rows
    /// with the same span have only hidden rows between them.
    pub fn row_span(&self, row: u32) -> Option<usize> {
        debug_assert!(!self.unsorted, "settle the spans before looking up");
        span_of(&self.rows, row)
    }

    pub fn column(&self, col: u32) -> bool {
        debug_assert!(!self.unsorted, "settle the spans before looking up");
        span_of(&self.columns, col).is_some()
    }

    /// The spans in order and apart, those added out of order put in
    /// place: one sort however many came out of order.
    pub fn settled(mut self) -> Self {
        if self.unsorted {
            join_spans(&mut self.rows, |end| end.saturating_add(1));
            join_spans(&mut self.columns, |end| end.saturating_add(1));
            self.unsorted = false;
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.columns.is_empty()
    }

    /// Adds `count` rows from `first` (rows mostly arrive in order: then
    /// a span is added or the last one grows).
    pub fn add_rows(&mut self, first: u64, count: u64) {
        self.unsorted |= push_span(&mut self.rows, first, count);
    }

    pub fn add_columns(&mut self, first: u64, count: u64) {
        self.unsorted |= push_span(&mut self.columns, first, count);
    }
}

fn span_of(spans: &[(u32, u32)], at: u32) -> Option<usize> {
    let i = spans.partition_point(|&(_, last)| last < at);
    spans.get(i).filter(|&&(first, _)| first <= at).map(|_| i)
}

/// Adds a span after the others, joining the last when they touch;
/// `true` when it came out of order and was only pushed (see
/// [`HiddenLines::settled`]).
fn push_span(spans: &mut Vec<(u32, u32)>, first: u64, count: u64) -> bool {
    if count == 0 {
        return false;
    }
    // Beyond a sheet's last row or column nothing is read.
    let (Ok(first), Ok(last)) = (
        u32::try_from(first),
        u32::try_from(first.saturating_add(count - 1).min(u64::from(u32::MAX))),
    ) else {
        return false;
    };
    match spans.last_mut() {
        None => spans.push((first, last)),
        Some(&mut (_, end)) if first > end.saturating_add(1) => spans.push((first, last)),
        Some((start, end)) if first >= *start => *end = (*end).max(last),
        Some(_) => {
            spans.push((first, last));
            return true;
        }
    }
    false
}

/// Sorts inclusive spans and joins those that overlap or touch (`next`
/// gives the place after a span's end), so each place is in one span and
/// a lookup takes one binary search.
pub(crate) fn join_spans<T: Copy + Ord>(spans: &mut Vec<(T, T)>, next: impl Fn(T) -> T) {
    spans.sort_unstable();
    let mut joined: Vec<(T, T)> = Vec::with_capacity(spans.len());
    for &(first, last) in spans.iter() {
        match joined.last_mut() {
            Some((_, end)) if first <= next(*end) => *end = (*end).max(last),
            _ => joined.push((first, last)),
        }
    }
    *spans = joined;
}

/// A range of merged spreadsheet cells, its first and last cell as
/// 0-based (row, column) of the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MergedCells {
    pub first: (u32, u32),
    pub last: (u32, u32),
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
    /// Before the header: a first line `sep=;` chose the delimiter.
    fn delimiter_named_by_line(&mut self, _delimiter: u8) {}
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
    NamedByLine(u8),
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
                Event::NamedByLine(delimiter) => sink.delimiter_named_by_line(*delimiter),
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

    fn delimiter_named_by_line(&mut self, delimiter: u8) {
        self.batch.events.push(Event::NamedByLine(delimiter));
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

/// Whether the delimiter can be told from a line (without its line
/// break): it holds `,` `;` `|` or a quote, or a tab beside something
/// other than white space (`|` tells `,`: it is never detected, but it
/// marks a table's row, not a title). A line that tells none, blank (tabs and spaces) or a
/// title such as "BẢNG TỔNG HỢP", is one blank cell or one cell of text
/// whatever the delimiter.
pub fn tells_delimiter(line: &[u8]) -> bool {
    line.iter().any(|&b| matches!(b, b',' | b';' | b'"' | b'|'))
        || (line.contains(&b'\t') && !is_blank_line(line))
}

/// The delimiter a line `sep=;` names (without its line break; a `\r`
/// may end it): Excel writes and reads such a first line to say which
/// character separates a CSV file's cells. Any one character but a quote,
/// a line break or a space.
pub fn separator_line(line: &[u8]) -> Option<u8> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    match line {
        [b's' | b'S', b'e' | b'E', b'p' | b'P', b'=', d]
            if d.is_ascii() && !matches!(d, b'"' | b'\n' | b'\r' | b' ') =>
        {
            Some(*d)
        }
        _ => None,
    }
}

/// Tabs, spaces and line ends only (or nothing).
fn is_blank_line(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

/// Lines of text that tell no delimiter (a title, or the rows of a file
/// without one) passed over at most: past them the delimiter is `,`, and
/// a later row holding a `;` cannot change it mid-file. As many as the
/// lines searched for a header below a title.
const UNTOLD_LINES: usize = super::guidance::HEADER_SEARCH_LINES;

/// Whether the search for the delimiter stops at `line`: it tells one,
/// or it is the line of text past [`UNTOLD_LINES`] that tells none
/// (`untold` counts them as they go).
fn ends_search(line: &[u8], untold: &mut usize) -> bool {
    if tells_delimiter(line) {
        return true;
    }
    if !is_blank_line(line) {
        *untold += 1;
    }
    *untold > UNTOLD_LINES
}

/// The delimiter a first line `sep=;` names ([`separator_line`]); else
/// the delimiter among `,` `;` and tab that occurs most (outside quotes)
/// in the header line: the first line of `start` that tells one (see
/// [`tells_delimiter`]; offices leave empty lines or a title above the
/// header); `,` when none does.
pub fn detect_delimiter(start: &[u8]) -> u8 {
    let first = start.split(|&b| b == b'\n').next().unwrap_or_default();
    if let Some(named) = separator_line(first) {
        return named;
    }
    let mut untold = 0;
    let header = start
        .split(|&b| b == b'\n')
        .find(|line| ends_search(line, &mut untold))
        .unwrap_or_default();
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

/// What a CSV stream turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvInfo {
    /// The encoding read: from the byte-order mark, the user, or UTF-8.
    pub encoding: String,
    pub delimiter: u8,
}

/// A CSV input decoded to UTF-8 as it is read.
type Decoded<R> = DecodeReaderBytes<BufReader<Peeked<R>>, Vec<u8>>;

/// An input with its first bytes read ahead.
type Peeked<R> = std::io::Chain<std::io::Cursor<Vec<u8>>, R>;

/// Reads the first three bytes of `input` (fewer at its end), however few
/// each read gives: a pipe may hand on one byte at a time, and a
/// byte-order mark must be seen whole to be named.
fn peek_bom<R: Read>(mut input: R) -> std::io::Result<Peeked<R>> {
    let mut first = Vec::with_capacity(3);
    while first.len() < 3 {
        let mut byte = [0u8; 3];
        let want = 3 - first.len();
        match input.read(&mut byte[..want]) {
            Ok(0) => break,
            Ok(n) => first.extend_from_slice(&byte[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(std::io::Cursor::new(first).chain(input))
}

/// The input decoded to UTF-8 as it is read, and the encoding's name.
fn decoded<R: Read>(
    input: R,
    encoding: Option<&'static Encoding>,
) -> std::io::Result<(Decoded<R>, String)> {
    let input = peek_bom(input)?;
    let bom = Encoding::for_bom(input.get_ref().0.get_ref()).map(|(e, _)| e);
    let raw = BufReader::new(input);
    let name = match (bom, encoding) {
        (Some(e), _) => format!("{} (BOM)", e.name()),
        (None, Some(e)) => e.name().to_string(),
        (None, None) => "UTF-8".to_string(),
    };
    // Without a named encoding, bytes pass through untouched and are checked
    // as UTF-8 record by record, so a bad byte is reported with its line.
    let decoded = DecodeReaderBytesBuilder::new()
        .encoding(encoding)
        .utf8_passthru(true)
        .strip_bom(true)
        .bom_override(true)
        .build(raw);
    Ok((decoded, name))
}

/// Reads CSV from `input` to `sink`, record by record. A byte-order mark
/// decides the encoding (UTF-8, UTF-16 LE/BE); otherwise `encoding`, or
/// strict UTF-8. Blank lines are skipped; a record with the wrong number of
/// fields is reported and skipped.
pub fn stream_csv(
    file: &str,
    input: impl Read,
    encoding: Option<&'static Encoding>,
    delimiter: Option<u8>,
    sink: &mut dyn RecordSink,
) -> Result<CsvInfo, StreamError> {
    stream_csv_within(file, input, encoding, delimiter, sink, Bounds::FILE)
}

fn stream_csv_within(
    file: &str,
    input: impl Read,
    encoding: Option<&'static Encoding>,
    delimiter: Option<u8>,
    sink: &mut dyn RecordSink,
    bounds: Bounds,
) -> Result<CsvInfo, StreamError> {
    let (decoded, encoding_name) = decoded(input, encoding).map_err(StreamError::Io)?;
    let mut records = Records::open(decoded, bounds, delimiter).map_err(StreamError::Io)?;
    let stopped = |e: std::io::Error, sink: &mut dyn RecordSink| {
        if let Some(too_long) = e.get_ref().and_then(|e| e.downcast_ref::<TooLong>()) {
            sink.problem(too_long_problem(file, too_long));
            return StreamError::Stopped;
        }
        StreamError::Io(e)
    };
    if let Err(e) = records.start() {
        return Err(stopped(e, sink));
    }
    let named_by_line = records.named_by_line();
    // The cells of each row, in one buffer reused from row to row.
    let mut spare: Vec<&'static str> = Vec::new();
    let mut width: Option<usize> = None;
    // The header's names, to name a column in a problem.
    let mut header: Vec<String> = Vec::new();
    loop {
        let (line, fields) = match records.next() {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err(e) => return Err(stopped(e, sink)),
        };
        if let Some(at) = fields.first_longer_than(bounds.cell) {
            sink.problem(cell_too_long(file, line, at, &header));
            continue;
        }
        let mut cells: Vec<&str> = recycle(std::mem::take(&mut spare));
        if !fields.cells(&mut cells) {
            sink.problem(not_utf8(file, line));
            return Err(StreamError::Stopped);
        }
        if cells.iter().all(|c| is_blank(c)) {
            spare = recycle(cells);
            continue;
        }
        match width {
            None => {
                if cells.len() > bounds.columns {
                    let n = cells.len();
                    sink.problem(Problem::new(file, D::TooManyColumns { n }).at_line(line));
                    return Err(StreamError::Stopped);
                }
                width = Some(cells.len());
                if let Some(named) = named_by_line {
                    sink.delimiter_named_by_line(named);
                }
                header = cells.iter().map(|c| normalize(c)).collect();
                sink.header(line, header.clone());
            }
            Some(want) if want != cells.len() => {
                sink.misshapen_row(line, &cells);
                sink.problem(Problem::new(file, row_width(line, &cells, want)).at_line(line));
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
        delimiter: records.delimiter,
    })
}

/// A cell too long to be data, field `at` of the record on `line`: named
/// by its column once the `header` is read.
fn cell_too_long(file: &str, line: usize, at: usize, header: &[String]) -> Problem {
    let problem = Problem::new(file, D::CellTooLong).at_line(line);
    match header.get(at).filter(|name| !name.is_empty()) {
        Some(name) => problem.at_column(Column::Name(name.clone())),
        None => problem,
    }
}

/// What is wrong with the row on `line` whose `cells` do not fill the
/// header's `want` columns. Too few, with a quoted cell across lines: a
/// quote left open swallowed the delimiters after it, so the quotes are
/// what to check (such a quote takes in the last line break too).
fn row_width(line: usize, cells: &[&str], want: usize) -> D {
    let got = cells.len();
    let more_lines: usize = cells
        .iter()
        .map(|c| c.trim_end_matches(['\r', '\n']).matches('\n').count())
        .sum();
    if got < want && more_lines > 0 {
        let last = line.saturating_add(more_lines);
        D::RowWidthAcrossLines { got, want, last }
    } else {
        D::RowWidth { got, want }
    }
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
    named_by_line: Option<u8>,
}

impl RecordSink for Collect {
    fn header(&mut self, line: usize, cells: Vec<String>) {
        self.header = Some((line, cells));
    }
    fn delimiter_named_by_line(&mut self, delimiter: u8) {
        self.named_by_line = Some(delimiter);
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
            merged: Vec::new(),
            hidden: HiddenLines::default(),
            splitting: Splitting::of_csv(delimiter, collect.named_by_line),
            formulas: Vec::new(),
            numbers_behind: Vec::new(),
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
mod tests;
