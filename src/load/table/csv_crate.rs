//! The CSV stream as it was read before [`super::Records`]: a `LineLimit`
//! under a `BufReader` under the csv crate's reader, every record parsed by
//! csv_core. Kept for tests only, as the reference the reader is compared
//! with, event for event (`table::tests`).

use std::io::{BufRead, BufReader, Read};

use encoding_rs::Encoding;

use super::{
    Bounds, CsvInfo, D, Problem, RecordSink, StreamError, TooLong, cell_too_long, count_lines,
    decoded, detect_delimiter, is_blank, normalize, not_utf8, recycle, row_width, too_long_problem,
};

/// Where the record being parsed starts: its byte in the decoded stream
/// and its line. The parsing loop sets it before each record; the
/// [`LineLimit`] under the parser reads it.
type RecordStart = std::rc::Rc<std::cell::Cell<(u64, usize)>>;

/// How far the [`LineLimit`] has read: bytes handed on, whether the input
/// has ended, and whether its last byte was a line break.
#[derive(Debug, Clone, Copy, Default)]
struct ReadSoFar {
    passed: u64,
    ended: bool,
}

type SharedReadSoFar = std::rc::Rc<std::cell::Cell<ReadSoFar>>;

/// Fails the stream when a line grows beyond `bounds.line`, or a record
/// beyond `bounds.record`, before the CSV parser would buffer it whole.
struct LineLimit<R> {
    inner: R,
    bounds: Bounds,
    since_newline: usize,
    lines: usize,
    passed: u64,
    record_start: RecordStart,
    read_so_far: SharedReadSoFar,
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let chunk = &buf[..n];
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
        });
        let too_long = if self.since_newline > self.bounds.line {
            Some(TooLong::Line(self.lines + 1))
        } else {
            let (start, line) = self.record_start.get();
            (self.passed.saturating_sub(start) > self.bounds.record as u64)
                .then_some(TooLong::Record(line))
        };
        match too_long {
            Some(e) => Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
            None => Ok(n),
        }
    }
}

/// The line a record starts on, counted back from the line after it.
fn first_line(record: &csv::ByteRecord, after: &csv::Position, so_far: ReadSoFar) -> usize {
    let inside = count_lines(record.as_slice()) as u64;
    let at_end = so_far.ended && after.byte() >= so_far.passed;
    // Only the end of the input ends a record without a line break of its
    // own (it was `!at_end || so_far.ends_in_newline`, which put a quote
    // left open to the end of an input ending in a line break a line early).
    let terminated = !at_end;
    let line = after.line().saturating_sub(inside + u64::from(terminated));
    usize::try_from(line.max(1)).unwrap_or(usize::MAX)
}

/// `stream_csv` as it was, within `bounds`, but for the delimiter: found
/// in the whole header line as [`super::Records`] finds it (it was found in
/// the first block the decoder gave, which could be three bytes).
pub(super) fn stream_csv(
    file: &str,
    input: &[u8],
    encoding: Option<&'static Encoding>,
    delimiter: Option<u8>,
    sink: &mut dyn RecordSink,
    bounds: Bounds,
) -> Result<CsvInfo, StreamError> {
    let delimiter = match delimiter {
        Some(d) => Some(d),
        None => {
            let (mut whole, _) = decoded(input, encoding).map_err(StreamError::Io)?;
            let mut text = Vec::new();
            whole.read_to_end(&mut text).map_err(StreamError::Io)?;
            // Records drops a byte-order mark opening the text before it
            // looks for the header line, as csv_core does.
            Some(detect_delimiter(
                text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&text),
            ))
        }
    };
    let (decoded, encoding_name) = decoded(input, encoding).map_err(StreamError::Io)?;
    let record_start = RecordStart::new(std::cell::Cell::new((0, 1)));
    let read_so_far = SharedReadSoFar::default();
    let limited = LineLimit {
        inner: decoded,
        bounds,
        since_newline: 0,
        lines: 0,
        passed: 0,
        record_start: record_start.clone(),
        read_so_far: read_so_far.clone(),
    };
    let mut buffered = BufReader::with_capacity(bounds.read, limited);
    let start = match buffered.fill_buf() {
        Ok(start) => start,
        Err(e) => return Err(StreamError::Io(e)),
    };
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(start));
    // The csv crate reads through a buffer of its own (8 KiB), smaller than
    // the one above, as with 64 KiB reads: one as large would bypass that
    // one, and the limit would see reads of the csv crate's size. From
    // reads of 5 bytes on, csv_core's first input is at least 4 bytes when
    // the first block is, and a byte-order mark is dropped as it is then.
    let mut reader = csv::ReaderBuilder::new()
        .buffer_capacity((8 << 10).min(bounds.read - 1))
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(buffered);
    let mut record = csv::ByteRecord::new();
    let mut spare: Vec<&'static str> = Vec::new();
    let mut width: Option<usize> = None;
    let mut header: Vec<String> = Vec::new();
    loop {
        let position = reader.position();
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
        let long = (record.as_slice().len() > bounds.cell)
            .then(|| record.iter().position(|f| f.len() > bounds.cell))
            .flatten();
        if let Some(at) = long {
            sink.problem(cell_too_long(file, line, at, &header));
            continue;
        }
        let mut cells: Vec<&str> = recycle(std::mem::take(&mut spare));
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
                if cells.len() > bounds.columns {
                    let n = cells.len();
                    sink.problem(Problem::new(file, D::TooManyColumns { n }).at_line(line));
                    return Err(StreamError::Stopped);
                }
                width = Some(cells.len());
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
        delimiter,
    })
}
