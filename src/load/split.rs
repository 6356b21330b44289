//! Cutting a large CSV file in two at a line break, so that two threads can
//! each read, bind and score one part of it.
//!
//! A cut is only planned where it is certain to fall between two records:
//! before the cut the file holds no quote at all (a quoted cell may hold a
//! line break, and only a full parse could tell where its record ends). The
//! second part is read as a file of its own: the header line, then as many
//! empty lines as lie between the header and the cut (the CSV reader skips
//! them), then the rest, so every line number it reports is the file's own.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

use super::table::{count_lines, detect_delimiter};
use super::workbook::is_workbook;

/// Files smaller than this are best read in one part: the second thread
/// would cost more to start and join than it saves.
pub const MIN_BYTES: u64 = 8 << 20;

/// Where a file is cut, and what its second part needs to read like a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// Length of the first part, which ends with a line break.
    pub at: u64,
    /// The file up to the end of the header line, as it is (with its
    /// byte-order mark, if any, the empty lines above the header, and the
    /// header's line break).
    pub header: Vec<u8>,
    /// Line breaks after the header line's, up to the cut.
    pub lines_between: u64,
}

/// Where the cut falls, in percent of the file: the middle; or a little
/// before it when the first part's thread also hashes the whole file, so
/// that the parts end together (benches/README.md, "Where the wall time
/// goes now").
pub const fn first_part_percent(hashing: bool) -> u64 {
    if hashing { 48 } else { 50 }
}

/// Plans a cut at the first line break from `percent` of the `len` bytes
/// of `file` on (see [`first_part_percent`]), or `None` when it is not
/// worth it (under `min_bytes`) or not certain to fall between records: a
/// workbook, UTF-16, or a quote before the cut. `delimiter` is the one the
/// user gave, if any. Leaves `file` where it was read to.
pub fn plan(
    file: &mut File,
    len: u64,
    min_bytes: u64,
    delimiter: Option<u8>,
    percent: u64,
) -> io::Result<Option<Cut>> {
    if len < min_bytes.max(1) {
        return Ok(None);
    }
    let middle = len / 100 * percent;
    let mut chunk = vec![0u8; 1 << 20];
    let (mut offset, mut header, mut lines_between) = (0u64, None::<Vec<u8>>, 0u64);
    file.seek(SeekFrom::Start(0))?;
    loop {
        let n = read_full(file, &mut chunk)?;
        let bytes = &chunk[..n];
        if offset == 0
            && (is_workbook(bytes)
                || bytes.starts_with(&[0xFF, 0xFE])
                || bytes.starts_with(&[0xFE, 0xFF]))
        {
            return Ok(None);
        }
        if n == 0 {
            return Ok(None);
        }
        let mut rest = bytes;
        if header.is_none() {
            let Some(end) = header_end(rest, delimiter) else {
                // A header line beyond the first chunk: not a table worth cutting.
                return Ok(None);
            };
            header = Some(rest[..=end].to_vec());
            rest = &rest[end + 1..];
        }
        let end = offset + n as u64;
        if end > middle {
            if bytes.contains(&b'"') {
                return Ok(None);
            }
            // The first line break at or after the middle ends the first part.
            let from = usize::try_from(middle.saturating_sub(offset)).unwrap_or(0);
            let from = from.max(n - rest.len());
            let Some(at) = bytes[from..].iter().position(|&b| b == b'\n') else {
                return Ok(None);
            };
            let at = from + at;
            // Its own line break included: the second part starts on the next line.
            lines_between += count_lines(&bytes[n - rest.len()..=at]) as u64;
            let at = offset + at as u64 + 1;
            return Ok(header.filter(|_| at < len).map(|header| Cut {
                at,
                header,
                lines_between,
            }));
        }
        // The header line included, which only the first chunk holds.
        let (header_line, rest) = bytes.split_at(n - rest.len());
        let lines = lines_unless_quoted(rest);
        match lines {
            Some(lines) if !header_line.contains(&b'"') => lines_between += lines as u64,
            _ => return Ok(None),
        }
        offset = end;
    }
}

/// How many `\n` bytes `bytes` holds, or `None` when it holds a quote:
/// one pass, tallied as [`count_lines`] tallies.
fn lines_unless_quoted(bytes: &[u8]) -> Option<usize> {
    let mut quotes = 0u8;
    let lines = bytes
        .chunks(255)
        .map(|block| {
            let (n, q) = block.iter().fold((0u8, 0u8), |(n, q), &b| {
                (
                    n.wrapping_add(u8::from(b == b'\n')),
                    q | u8::from(b == b'"'),
                )
            });
            quotes |= q;
            usize::from(n)
        })
        .sum();
    (quotes == 0).then_some(lines)
}

/// Where the line break ending the header line lies in `start`, the file's
/// first chunk, or `None` when the chunk does not hold it. The header line
/// is the first that is not ASCII spaces, tabs and delimiters, nor a first
/// line `sep=;`: lines of those before it (offices leave them) are ones
/// the reader skips, and go
/// into the second part with the header, so that its lines keep their
/// numbers. Other lines the reader skips (a no-break space alone, say) are
/// taken for the header: the second part then has none, and the file is
/// read in one part, rightly if more slowly.
fn header_end(start: &[u8], delimiter: Option<u8>) -> Option<usize> {
    let body = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(body));
    let empty = |b: u8| matches!(b, b' ' | b'\r' | b'\t') || b == delimiter;
    let mut from = 0;
    loop {
        let end = from + memchr::memchr(b'\n', &body[from..])?;
        // A first line `sep=;` is one the reader drops, as it drops empty ones.
        let named = from == 0 && super::table::separator_line(&body[..end]).is_some();
        if !named && !body[from..end].iter().all(|&b| empty(b)) {
            return Some(start.len() - body.len() + end);
        }
        from = end + 1;
    }
}

/// The second part of a file: its header, empty lines, then the rest.
pub type SecondPart<R = File> = io::Chain<io::Chain<io::Cursor<Vec<u8>>, io::Take<io::Repeat>>, R>;

/// `file` opened again at the cut, for its second part.
pub fn at_cut(mut file: File, cut: &Cut) -> io::Result<File> {
    file.seek(SeekFrom::Start(cut.at))?;
    Ok(file)
}

/// The second part of a file cut at `cut`, reading as a file of its own:
/// the header and as many empty lines as the first part has, then `rest`,
/// the file from the cut on (see [`at_cut`]).
pub fn second_part<R: Read>(rest: R, cut: &Cut) -> SecondPart<R> {
    io::Cursor::new(cut.header.clone())
        .chain(io::repeat(b'\n').take(cut.lines_between))
        .chain(rest)
}

/// Reads until `buf` is full or the file ends.
fn read_full(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file_of(bytes: &[u8]) -> (tempfile::NamedTempFile, File, u64) {
        let mut f = tempfile::NamedTempFile::new().expect("temp file");
        f.write_all(bytes).expect("write");
        let file = File::open(f.path()).expect("open");
        (f, file, bytes.len() as u64)
    }

    fn table(rows: usize, first: &str) -> Vec<u8> {
        let mut text = format!("{first}ma,ten,x\n");
        for i in 0..rows {
            text.push_str(&format!("P{i:07},Phường số {i},{}.5\n", i % 100));
        }
        text.into_bytes()
    }

    /// The cut of a reading that hashes nothing.
    const HALF: u64 = first_part_percent(false);

    proptest::proptest! {
        #[test]
        fn lines_unless_quoted_counts_as_count_lines_does(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![b'\n', b'"', b'a', b',', b'\r']), 0..2000),
        ) {
            let expected = (!bytes.contains(&b'"')).then(|| count_lines(&bytes));
            proptest::prop_assert_eq!(lines_unless_quoted(&bytes), expected);
        }
    }

    #[test]
    fn cuts_after_a_line_break_near_the_middle() {
        let bytes = table(400_000, "\u{feff}");
        let (_keep, mut file, len) = file_of(&bytes);
        let percent = first_part_percent(false);
        assert!(
            first_part_percent(true) < percent,
            "hashing on the first part's thread"
        );
        let cut = plan(&mut file, len, MIN_BYTES, None, percent)
            .expect("read")
            .expect("a cut");
        let at = usize::try_from(cut.at).unwrap();
        assert_eq!(bytes[at - 1], b'\n');
        let middle = bytes.len() / 100 * usize::try_from(percent).unwrap();
        assert!(at >= middle && at - middle < 64);
        assert!(cut.header.starts_with("\u{feff}ma,ten,x\n".as_bytes()));
        // The second part reads as the header, empty lines, then the rest:
        // its lines are numbered as in the file.
        let mut second = Vec::new();
        second_part(at_cut(file, &cut).expect("seek"), &cut)
            .read_to_end(&mut second)
            .expect("read");
        let lines_before = bytes[..at].iter().filter(|&&b| b == b'\n').count();
        let expected: Vec<u8> = [
            cut.header.as_slice(),
            &vec![b'\n'; lines_before - 1],
            &bytes[at..],
        ]
        .concat();
        // (Not assert_eq: a failure would print megabytes.)
        assert!(second == expected, "the second part reads as its own file");
    }

    #[test]
    fn a_sep_line_goes_with_the_header_into_the_second_part() {
        let above = "sep=;\r\n\n";
        let mut text = format!("{above}ma;ten;x\n");
        for i in 0..400_000 {
            text.push_str(&format!("P{i:07};Phường số {i};{},5\n", i % 100));
        }
        let (_keep, mut file, len) = file_of(text.as_bytes());
        let cut = plan(&mut file, len, MIN_BYTES, None, HALF)
            .expect("read")
            .expect("a cut");
        assert_eq!(cut.header, format!("{above}ma;ten;x\n").into_bytes());
    }

    #[test]
    fn empty_lines_above_the_header_go_with_it_into_the_second_part() {
        let above = "\u{feff}\r\n\n  \n;;;\n";
        let mut text = format!("{above}ma;ten;x\n");
        for i in 0..400_000 {
            text.push_str(&format!("P{i:07};Phường số {i};{},5\n", i % 100));
        }
        let bytes = text.into_bytes();
        let (_keep, mut file, len) = file_of(&bytes);
        let cut = plan(&mut file, len, MIN_BYTES, None, HALF)
            .expect("read")
            .expect("a cut");
        assert_eq!(cut.header, format!("{above}ma;ten;x\n").into_bytes());
        let at = usize::try_from(cut.at).unwrap();
        let lines_before = bytes[..at].iter().filter(|&&b| b == b'\n').count();
        assert_eq!(cut.lines_between, u64::try_from(lines_before).unwrap() - 5);
        // A row of commas is a header to a reader told that `;` delimits.
        let mut given = bytes.clone();
        given[above.len() - 4..above.len() - 1].copy_from_slice(b",,,");
        let (_keep, mut file, len) = file_of(&given);
        let cut = plan(&mut file, len, MIN_BYTES, Some(b';'), HALF)
            .expect("read")
            .expect("a cut");
        assert_eq!(cut.header, given[..above.len()].to_vec());
        // No header in the first chunk: no cut.
        let mut blank = vec![b'\n'; 2 << 20];
        blank.extend_from_slice(&bytes);
        let (_keep, mut file, len) = file_of(&blank);
        assert_eq!(
            plan(&mut file, len, MIN_BYTES, None, HALF).expect("read"),
            None
        );
    }

    #[test]
    fn does_not_cut_where_a_record_could_span_lines() {
        // A quote before the middle: a quoted cell may hold a line break.
        // In the header, in the first chunk's rows, further on, or in the
        // chunk that holds the middle.
        let rows = table(400_000, "");
        let middle = rows.len() / 2;
        for quote in [1, 12, 5000, rows.len() / 3, middle - 3] {
            let mut bytes = rows.clone();
            bytes[quote] = b'"';
            let (_keep, mut file, len) = file_of(&bytes);
            assert_eq!(
                plan(&mut file, len, MIN_BYTES, None, HALF).expect("read"),
                None,
                "a quote at {quote}"
            );
        }
    }

    #[test]
    fn small_files_workbooks_and_utf16_are_read_whole() {
        let (_a, mut small, len) = file_of(&table(10, ""));
        assert_eq!(
            plan(&mut small, len, MIN_BYTES, None, HALF).expect("read"),
            None
        );
        for start in [&b"PK\x03\x04"[..], &[0xFF, 0xFE][..]] {
            let mut bytes = table(400_000, "");
            bytes[..start.len()].copy_from_slice(start);
            let (_keep, mut file, len) = file_of(&bytes);
            assert_eq!(
                plan(&mut file, len, MIN_BYTES, None, HALF).expect("read"),
                None
            );
        }
    }
}
