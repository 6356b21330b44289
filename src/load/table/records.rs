//! The records of a CSV stream, read in blocks: lines without a quote
//! split here, records from a line with a quote parsed by csv_core.

use std::io::Read;

use super::{Bounds, TooLong, count_lines, detect_delimiter, ends_search, separator_line};

/// A line number past usize (never met) saturates rather than wraps.
fn line_number(line: u64) -> usize {
    usize::try_from(line).unwrap_or(usize::MAX)
}

/// The fields of one record.
pub(super) enum Fields<'a> {
    /// A line without a quote: its fields lie between `delimiter`s.
    Split { line: &'a [u8], delimiter: u8 },
    /// Fields as csv_core copied them out, back to back, and their ends.
    Parsed(&'a [u8], &'a [usize]),
}

impl<'a> Fields<'a> {
    /// Whether a field is longer than `max` bytes.
    /// The first field longer than `max` bytes, by its place in the record.
    pub(super) fn first_longer_than(&self, max: usize) -> Option<usize> {
        // A record's fields are no longer than the record.
        match *self {
            Fields::Split { line, delimiter } => {
                if line.len() <= max {
                    return None;
                }
                line.split(|&b| b == delimiter).position(|f| f.len() > max)
            }
            Fields::Parsed(bytes, ends) => {
                if bytes.len() <= max {
                    return None;
                }
                let mut start = 0;
                ends.iter().position(|&end| {
                    let long = end - start > max;
                    start = end;
                    long
                })
            }
        }
    }

    /// Pushes the fields onto `cells` as text; `false` when one is not
    /// UTF-8. UTF-8 is checked once for the whole record (with SIMD: every
    /// byte of the file passes here).
    pub(super) fn cells(&self, cells: &mut Vec<&'a str>) -> bool {
        match *self {
            Fields::Split { line, delimiter } => {
                // The delimiter is ASCII (`Records::split`): the line is
                // UTF-8 exactly when each field is.
                let Ok(whole) = simdutf8::basic::from_utf8(line) else {
                    return false;
                };
                split(whole, delimiter, cells);
                true
            }
            Fields::Parsed(bytes, ends) => {
                let Ok(whole) = simdutf8::basic::from_utf8(bytes) else {
                    return false;
                };
                // A character cut by a delimiter can be valid joined up
                // though neither half is.
                let mut start = 0;
                for &end in ends {
                    let Some(cell) = whole.get(start..end) else {
                        return false;
                    };
                    cells.push(cell);
                    start = end;
                }
                true
            }
        }
    }
}

/// Pushes the fields of `line` onto `cells`: the text between each ASCII
/// `delimiter`. Eight bytes at a time: a field is a few bytes long, too
/// short for a search (`str::split`) to pay for itself at each one.
fn split<'a>(line: &'a str, delimiter: u8, cells: &mut Vec<&'a str>) {
    const LOW: u64 = u64::from_ne_bytes([0x7f; 8]);
    let bytes = line.as_bytes();
    let (words, tail) = bytes.as_chunks::<8>();
    let pattern = u64::from_ne_bytes([delimiter; 8]);
    let mut start = 0;
    // An ASCII delimiter splits text at a character's edge: `get` always
    // finds a cell.
    let mut cut = |at: usize| {
        cells.push(line.get(start..at).unwrap_or_default());
        start = at + 1;
    };
    for (i, word) in words.iter().enumerate() {
        // The high bit of each byte equal to the delimiter (no carries
        // between bytes: each sum stays below 0x100).
        let x = u64::from_le_bytes(*word) ^ pattern;
        let mut hits = !(((x & LOW) + LOW) | x | LOW);
        while hits != 0 {
            cut(i * 8 + (hits.trailing_zeros() / 8) as usize);
            hits &= hits - 1;
        }
    }
    let tail_at = bytes.len() - tail.len();
    for (i, &b) in tail.iter().enumerate() {
        if b == delimiter {
            cut(tail_at + i);
        }
    }
    cut(bytes.len());
}

/// The records of a CSV stream, read in blocks into a buffer of its own.
/// A line without a quote, nearly every line of a real file, is split on
/// the delimiter where it lies; from a line with a quote, the record goes
/// through csv_core (a quoted cell may hold delimiters and line breaks).
/// Either way the fields, lines and limits are those the csv crate gave
/// reading through a `BufReader` of `bounds.read` bytes, which the tests
/// compare with (`csv_crate`): blocks are read at the same points.
pub(super) struct Records<R> {
    inner: R,
    bounds: Bounds,
    pub(super) delimiter: u8,
    /// Lines without a quote are split here: the delimiter is ASCII and
    /// neither a quote nor a line break.
    split: bool,
    core: csv_core::Reader,
    buf: Vec<u8>,
    /// `buf[pos..end]` is read and not consumed yet.
    pos: usize,
    end: usize,
    /// `buf[pos..scanned]` holds neither a line break nor a quote.
    scanned: usize,
    /// The stream's byte at `pos`, and its line (1 + line breaks before).
    consumed: u64,
    line: u64,
    /// Where the csv crate had the current record start: after the
    /// previous record, before the empty lines it skips. The record limit
    /// counts from there.
    record_start: (u64, usize),
    /// Bytes read, bytes read since their last line break, and line breaks
    /// read: the limits are checked on each block as it comes.
    passed: u64,
    since_newline: usize,
    lines: usize,
    /// The last read found the end of the input.
    ended: bool,
    /// No record read yet: a UTF-8 byte-order mark opening the text is
    /// dropped, as csv_core drops one opening its first input. (The decoder
    /// drops the file's own; this is a second.)
    first: bool,
    /// The delimiter is to be found in the header line, once it is read.
    pending: bool,
    /// Lines of text read while `pending` that told no delimiter.
    untold: usize,
    /// The delimiter a first line `sep=;` chose (none when one was given).
    named_by_line: Option<u8>,
    /// Where csv_core copies a record's fields, and their ends.
    fields: Vec<u8>,
    ends: Vec<usize>,
}

impl<R: Read> Records<R> {
    /// Reads the first block; the delimiter is `delimiter`, or the one
    /// the header line shows (found by the first [`Records::next`]).
    pub(super) fn open(inner: R, bounds: Bounds, delimiter: Option<u8>) -> std::io::Result<Self> {
        let mut records = Records {
            inner,
            bounds,
            delimiter: b',',
            split: false,
            core: csv_core::Reader::new(),
            buf: Vec::new(),
            pos: 0,
            end: 0,
            scanned: 0,
            consumed: 0,
            line: 1,
            record_start: (0, 1),
            passed: 0,
            since_newline: 0,
            lines: 0,
            ended: false,
            first: true,
            pending: delimiter.is_none(),
            untold: 0,
            named_by_line: None,
            fields: vec![0; 1 << 10],
            ends: vec![0; 64],
        };
        records.fill()?;
        if let Some(delimiter) = delimiter {
            records.take_delimiter(delimiter);
        }
        Ok(records)
    }

    /// Reads on to the end of the next line (within the first record, so
    /// the limits count as they would), and takes the delimiter it shows
    /// if it tells one (see [`detect_delimiter`]). Empty lines are skipped
    /// here as [`Records::next`] skips them; another line that tells none
    /// (spaces, a title) is a record of one cell whatever the delimiter,
    /// read meanwhile with `,`, and the search goes on at the next call.
    /// The first block alone may be a few bytes: the decoder hands on the
    /// bytes it looked at for a byte-order mark on their own.
    fn find_delimiter(&mut self) -> std::io::Result<()> {
        loop {
            // Bytes from `pos` known to hold no line break: a long line is
            // searched once, not again after each block.
            let mut searched = 0;
            while !self.ended
                && memchr::memchr(b'\n', &self.buf[self.pos + searched..self.end]).is_none()
            {
                searched = self.end - self.pos;
                self.fill()?;
            }
            let rest = &self.buf[self.pos..self.end];
            let line = memchr::memchr(b'\n', rest).map(|n| &rest[..n]);
            match line {
                Some([]) => {
                    self.pos += 1;
                    self.scanned = self.pos;
                    self.consumed += 1;
                    self.line += 1;
                }
                Some(line) if !ends_search(line, &mut self.untold) => {
                    // Once: building csv_core again for every such line
                    // made a file where none tells several times slower.
                    if !(self.split && self.delimiter == b',') {
                        self.take_delimiter(b',');
                        self.pending = true;
                    }
                    return Ok(());
                }
                // The header line; the line of text past those a title may
                // take (it tells none: `,`, for good); or the last line.
                line => {
                    self.take_delimiter(detect_delimiter(line.unwrap_or(rest)));
                    return Ok(());
                }
            }
        }
    }

    /// Drops a first line `sep=;` (Excel's way of naming a CSV file's
    /// delimiter: [`separator_line`]) and takes its delimiter, unless one
    /// was given. It is no title and no record.
    fn take_separator_line(&mut self) -> std::io::Result<()> {
        const SEP: &[u8] = b"sep=";
        // At most `sep=X\r\n`: no more is read than the line needs.
        while self.end - self.pos < SEP.len() + 3
            && !self.ended
            && memchr::memchr(b'\n', &self.buf[self.pos..self.end]).is_none()
        {
            self.fill()?;
        }
        let rest = &self.buf[self.pos..self.end];
        let line = memchr::memchr(b'\n', rest).map_or(rest, |n| &rest[..n]);
        if let Some(delimiter) = separator_line(line) {
            let ends = usize::from(line.len() < rest.len());
            self.skip(line.len());
            if ends == 1 {
                self.pos += 1;
                self.scanned = self.pos;
                self.consumed += 1;
                self.line += 1;
            }
            // The first record starts below it: limits count from there.
            self.record_start = (self.consumed, line_number(self.line));
            if self.pending {
                self.take_delimiter(delimiter);
                self.named_by_line = Some(delimiter);
            }
        }
        Ok(())
    }

    /// The delimiter a first line `sep=;` chose; `None` when there was no
    /// such line, or a delimiter was given.
    pub(super) fn named_by_line(&self) -> Option<u8> {
        self.named_by_line
    }

    fn take_delimiter(&mut self, delimiter: u8) {
        self.pending = false;
        // Only '\n' ends a record: the '\r' of CRLF stays in the last field,
        // trimmed with it, and line numbers stay right on CRLF files.
        self.core = csv_core::ReaderBuilder::new()
            .delimiter(delimiter)
            .terminator(csv_core::Terminator::Any(b'\n'))
            .build();
        // Once csv_core has been called it no longer drops a byte-order
        // mark: `next` drops the first block's, and a line with a quote
        // further on is parsed as it is. Nothing is read: there is no room
        // for output.
        let _ = self.core.read_record(b"\n", &mut [], &mut []);
        self.delimiter = delimiter;
        self.split = delimiter.is_ascii() && delimiter != b'"' && delimiter != b'\n';
    }

    /// Reads a block after the bytes not consumed yet (part of a line),
    /// then fails if a line has grown beyond `bounds.line`, or the current
    /// record beyond `bounds.record`, before it is buffered whole. Bytes
    /// read ahead count too: a record may be stopped short of the limit by
    /// up to a block.
    fn fill(&mut self) -> std::io::Result<usize> {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            // (csv_core consumes past `scanned`.)
            self.scanned = self.scanned.max(self.pos) - self.pos;
            self.pos = 0;
        }
        let want = self.end + self.bounds.read;
        if self.buf.len() < want {
            self.buf.resize(want, 0);
        }
        let n = self
            .inner
            .read(&mut self.buf[self.end..want])?
            .min(self.bounds.read);
        let block = &self.buf[self.end..self.end + n];
        match memchr::memrchr(b'\n', block) {
            Some(last) => {
                self.lines += count_lines(block);
                self.since_newline = n - last - 1;
            }
            None => self.since_newline += n,
        }
        self.end += n;
        self.passed += n as u64;
        self.ended = n == 0;
        let too_long = if self.since_newline > self.bounds.line {
            Some(TooLong::Line(self.lines + 1))
        } else {
            let (start, line) = self.record_start;
            (self.passed.saturating_sub(start) > self.bounds.record as u64)
                .then_some(TooLong::Record(line))
        };
        match too_long {
            Some(e) => Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
            None => Ok(n),
        }
    }

    /// Consumes `n` bytes holding no line break.
    fn skip(&mut self, n: usize) {
        self.pos += n;
        self.scanned = self.scanned.max(self.pos);
        self.consumed += n as u64;
    }

    /// Before the first record: a byte-order mark opening the text is
    /// dropped, and a first line `sep=;` taken. Done once, by the first
    /// [`Records::next`] or before it, so that what the line named is
    /// known before any record is borrowed.
    pub(super) fn start(&mut self) -> std::io::Result<()> {
        if std::mem::take(&mut self.first) {
            // The mark is seen whole however few bytes the first reads
            // gave. (csv_core ended the stream when its first input was the
            // mark alone, data after it or not.) Only the start of a mark is
            // read on: the end of the input found here would count a short
            // first record as cut off by it.
            const MARK: &[u8] = b"\xEF\xBB\xBF";
            while self.end - self.pos < MARK.len()
                && !self.ended
                && MARK.starts_with(&self.buf[self.pos..self.end])
            {
                self.fill()?;
            }
            if self.buf[self.pos..self.end].starts_with(MARK) {
                self.skip(3);
            }
            self.take_separator_line()?;
        }
        Ok(())
    }

    /// The next record and the line it starts on; `None` at the end.
    pub(super) fn next(&mut self) -> std::io::Result<Option<(usize, Fields<'_>)>> {
        self.start()?;
        if self.pending {
            self.find_delimiter()?;
        }
        if !self.split {
            return self.parse();
        }
        loop {
            let rest = &self.buf[self.scanned..self.end];
            match memchr::memchr2(b'\n', b'"', rest).map(|i| self.scanned + i) {
                Some(at) if self.buf[at] == b'\n' => {
                    let start = self.pos;
                    self.pos = at + 1;
                    self.scanned = self.pos;
                    self.consumed += (self.pos - start) as u64;
                    self.line += 1;
                    // An empty line is no record.
                    if at > start {
                        self.record_start = (self.consumed, line_number(self.line));
                        let line = line_number(self.line - 1);
                        let delimiter = self.delimiter;
                        return Ok(Some((
                            line,
                            Fields::Split {
                                line: &self.buf[start..at],
                                delimiter,
                            },
                        )));
                    }
                }
                Some(_) => return self.parse(),
                None => {
                    self.scanned = self.end;
                    if self.fill()? == 0 {
                        if self.pos == self.end {
                            return Ok(None);
                        }
                        // The last line, without a line break.
                        let start = self.pos;
                        self.skip(self.end - start);
                        self.record_start = (self.consumed, line_number(self.line));
                        let line = line_number(self.line);
                        let delimiter = self.delimiter;
                        let line_bytes = &self.buf[start..self.end];
                        return Ok(Some((
                            line,
                            Fields::Split {
                                line: line_bytes,
                                delimiter,
                            },
                        )));
                    }
                }
            }
        }
    }

    /// The record from `pos` on, parsed by csv_core to its end.
    fn parse(&mut self) -> std::io::Result<Option<(usize, Fields<'_>)>> {
        use csv_core::ReadRecordResult as Parsed;
        let (mut nout, mut nend) = (0, 0);
        loop {
            if self.pos == self.end {
                // Empty after this only at the end of the input.
                self.fill()?;
            }
            let input = &self.buf[self.pos..self.end];
            let (result, nin, out, ends) =
                self.core
                    .read_record(input, &mut self.fields[nout..], &mut self.ends[nend..]);
            let at_end = input.is_empty();
            self.line += count_lines(&input[..nin]) as u64;
            self.pos += nin;
            self.consumed += nin as u64;
            nout += out;
            nend += ends;
            match result {
                Parsed::Record => break,
                Parsed::End => return Ok(None),
                // csv_core ends or yields a record at the end of the input.
                Parsed::InputEmpty if at_end => return Ok(None),
                Parsed::InputEmpty => {}
                Parsed::OutputFull => self.fields.resize(self.fields.len() * 2, 0),
                Parsed::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
            }
        }
        self.scanned = self.pos;
        // The line is counted back from the line after the record, as it
        // was from the csv crate's position: every line break inside the
        // cells is counted once. A record that the end of the input ended
        // has no line break of its own, even when the input ends in one: a
        // quote left open took it into the cell.
        let inside = count_lines(&self.fields[..nout]) as u64;
        let terminated = !(self.ended && self.consumed >= self.passed);
        let line = self.line.saturating_sub(inside + u64::from(terminated));
        self.record_start = (self.consumed, line_number(self.line));
        let fields = Fields::Parsed(&self.fields[..nout], &self.ends[..nend]);
        Ok(Some((line_number(line.max(1)), fields)))
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    proptest::proptest! {
        /// Eight bytes at a time, cells are cut where `str::split` cuts
        /// them; bytes that differ from a delimiter in the high bit only
        /// (ì ends in 0xAC, ệ holds 0xBB, ɉ ends in 0x89) are not one.
        #[test]
        fn splits_where_str_split_does(
            text in "[,;\t a7ìệɉĐ\u{a0}]{0,40}",
            delimiter in proptest::sample::select(vec![b',', b';', b'\t']),
        ) {
            let mut cells = Vec::new();
            split(&text, delimiter, &mut cells);
            let want: Vec<&str> = text.split(char::from(delimiter)).collect();
            proptest::prop_assert_eq!(cells, want);
        }
    }
}
