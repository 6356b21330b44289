//! The zip container of XLSX, XLSB and ODS, checked before a reader opens
//! it: the inflated size each part declares (the zip reader fails a part
//! that inflates beyond its declared size, so the declaration binds), and a
//! pass over each XML part that bounds runs of text and counts what the
//! reader would keep one by one (cells, shared strings, formats).

use std::collections::HashMap;
use std::io::{self, Read, Seek};

use zip::ZipArchive;

use super::super::messages::workbook::Countable;
use super::super::problem::Problem;
use super::super::table::HiddenLines;
use super::hidden;
use super::limits::{self, MAX_CELL_FORMATS, MAX_CELLS, MAX_INFLATED_BYTES, MAX_PART_BYTES};

/// Which spreadsheet a zip holds, by the parts it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ZipKind {
    Xlsx,
    Xlsb,
    Ods,
}

/// Checks the declared sizes; returns the kind (`None`: not a workbook we
/// know) and leaves the parts unread.
pub(super) fn check_declared_sizes<R: Read + Seek>(
    file: &str,
    zip: &ZipArchive<R>,
) -> Result<Option<ZipKind>, Vec<Problem>> {
    let mut total: u64 = 0;
    let mut problems = Vec::new();
    let mut kind = None;
    for name in zip.file_names().flatten() {
        match name.as_ref() {
            "xl/workbook.xml" => kind = Some(ZipKind::Xlsx),
            "xl/workbook.bin" => kind = Some(ZipKind::Xlsb),
            "content.xml" if kind.is_none() => kind = Some(ZipKind::Ods),
            _ => {}
        }
    }
    for index in 0..zip.len() {
        let Ok(entry) = zip.by_index_data(index) else {
            continue;
        };
        let size = entry.size();
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let max = part_limit(kind, &name);
        if size > max {
            problems.push(limits::part_too_large(file, &name, size, max));
        }
        total = total.saturating_add(size);
    }
    if total > MAX_INFLATED_BYTES {
        problems.push(limits::container_too_large(file, total));
    }
    if problems.is_empty() {
        Ok(kind)
    } else {
        Err(problems)
    }
}

fn part_limit(kind: Option<ZipKind>, name: &str) -> u64 {
    if kind == Some(ZipKind::Xlsb) && name.ends_with("sharedStrings.bin") {
        limits::MAX_XLSB_STRINGS_BYTES
    } else {
        MAX_PART_BYTES
    }
}

/// What one XML part may hold, counted by element name.
struct Counted {
    /// Local names (after any `prefix:`) counted together.
    names: &'static [&'static [u8]],
    max: u64,
    what: Countable,
}

/// What a part may hold. Any part but the two the reader reads by a fixed
/// name may be a sheet (a workbook's relationships name its sheets' parts
/// freely), so each is counted as one.
fn counted_in(part: &str) -> Counted {
    if part.ends_with("sharedStrings.xml") {
        Counted {
            names: &[b"si"],
            max: MAX_CELLS,
            what: Countable::SharedStrings,
        }
    } else if part.ends_with("styles.xml") {
        Counted {
            names: &[b"xf", b"numFmt", b"font", b"fill", b"border", b"dxf"],
            max: 4 * MAX_CELL_FORMATS,
            what: Countable::FormatEntries,
        }
    } else {
        Counted {
            names: &[b"c"],
            max: MAX_CELLS,
            what: Countable::Cells,
        }
    }
}

/// Parts no reader reads as XML: pictures, printer settings, macros.
fn is_binary_part(part: &str) -> bool {
    const BINARY: [&str; 11] = [
        ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".wdp", ".bin",
    ];
    let lower = part.to_ascii_lowercase();
    BINARY.iter().any(|ext| lower.ends_with(ext))
}

/// Reads every part of an XLSX or ODS but pictures and binaries through
/// [`MarkupGuard`], counting what [`counted_in`] names; ODS's content.xml
/// is read by its own pre-scan. Returns the rows and columns each sheet
/// part hides, by part name, for the parts that hide any.
pub(super) fn scan_xml_parts<R: Read + Seek>(
    file: &str,
    zip: &mut ZipArchive<R>,
) -> Result<HashMap<String, HiddenLines>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut hidden = HashMap::new();
    for index in 0..zip.len() {
        let Ok(entry) = zip.by_index(index) else {
            // Left for the reader, which says what is wrong with the zip.
            continue;
        };
        let Ok(part) = entry.name().map(|n| n.into_owned()) else {
            continue;
        };
        if is_binary_part(&part) || part == "content.xml" {
            continue;
        }
        let counted = counted_in(&part);
        let mut guard = MarkupGuard::new(entry, counted.names).counting_at_most(counted.max);
        if counted.names == [b"c"] {
            guard = guard.checking_references();
        }
        match io::copy(&mut guard, &mut io::sink()) {
            Ok(_) => {}
            Err(_) if guard.run_over_at.is_some() => {
                let at = guard.run_over_at.unwrap_or(0);
                problems.push(limits::markup_run_too_long(file, &part, at));
                continue;
            }
            Err(_) if guard.counted > guard.max_count => {}
            // A damaged part: the reader reports it.
            Err(_) => continue,
        }
        if let Some((row, col)) = guard.out_of_sheet {
            problems.push(limits::reference_out_of_sheet(file, &part, row, col));
        }
        if guard.counted > counted.max {
            let (count, max, what) = (guard.counted, counted.max, counted.what);
            problems.push(limits::too_many(file, &part, count, max, what));
        }
        if !guard.hidden.is_empty() || guard.hidden.holds_formulas {
            hidden.insert(hidden::part_key(&part), std::mem::take(&mut guard.hidden));
        }
    }
    if problems.is_empty() {
        Ok(hidden)
    } else {
        Err(problems)
    }
}

/// Passes bytes through, failing once a run between two of `<` `>` grows
/// past [`limits::MAX_MARKUP_RUN`] (so an XML reader on top never buffers
/// more), and counting start tags whose local name is in `names`.
pub(super) struct MarkupGuard<R> {
    inner: R,
    offset: u64,
    run: u64,
    pub run_over_at: Option<u64>,
    /// Where a tag's name is read: after `<`, until it ends.
    name: NameState,
    names: &'static [&'static [u8]],
    pub counted: u64,
    /// The read fails once `counted` passes this.
    max_count: u64,
    /// Read the cell references of cells, rows and the sheet's dimension.
    check_references: bool,
    /// The first reference beyond the sheet's edge: 0-based row, column.
    pub out_of_sheet: Option<(u64, u64)>,
    /// The rows and columns a worksheet hides (read with the references).
    pub hidden: HiddenLines,
    /// The last `<row>`'s 1-based number: a row without `r` follows it.
    last_row: u64,
}

enum NameState {
    Outside,
    Reading {
        len: usize,
        buf: [u8; 16],
    },
    /// The attributes of a tag whose references are checked, or whose
    /// hidden mark is read.
    Attributes(Vec<u8>, Tag),
}

/// A worksheet tag whose attributes are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    Row,
    Col,
    /// A cell or the sheet's dimension: a reference only.
    Other,
}

/// Tags whose `r` or `ref` attribute holds a cell reference the reader
/// parses into 32-bit numbers (which a reference like A99999999999
/// overflows).
const REFERENCE_TAGS: [&[u8]; 3] = [b"c", b"row", b"dimension"];
/// The attributes of a tag read for references and hidden marks, at most:
/// a real `<row>` or `<col>` holds a few hundred bytes; a longer one is
/// read to here, in bounded memory.
const MAX_ATTRIBUTES: usize = 4096;

/// The first reference in `r="…"` or `ref="…"` beyond the sheet's edge.
fn reference_beyond_sheet(attributes: &[u8]) -> Option<(u64, u64)> {
    [&b"r"[..], b"ref"]
        .into_iter()
        .filter_map(|name| written_attribute(attributes, name))
        .flat_map(|value| value.split(|&b| b == b':'))
        .find_map(|reference| {
            let (mut col, mut row) = (0u64, 0u64);
            for &b in reference {
                match b {
                    b'A'..=b'Z' | b'a'..=b'z' => {
                        let letter = u64::from(b.to_ascii_uppercase() - b'A') + 1;
                        col = col.saturating_mul(26).saturating_add(letter);
                    }
                    b'0'..=b'9' => row = row.saturating_mul(10).saturating_add(u64::from(b - b'0')),
                    _ => {}
                }
            }
            (row > limits::MAX_ROWS || col > limits::MAX_COLUMNS)
                .then(|| (row.saturating_sub(1), col.saturating_sub(1)))
        })
}

/// The value of the attribute `name` in a tag's attributes as written
/// (`r="5" hidden="1"`): well-formed XML quotes every value.
pub(super) fn written_attribute<'a>(attributes: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut rest = attributes;
    loop {
        let at = rest.windows(name.len()).position(|w| w == name)?;
        let before = at.checked_sub(1).map(|i| rest[i]);
        let after = &rest[at + name.len()..];
        let value = after
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .filter(|&i| after[i] == b'=')
            .and_then(|i| {
                let quoted = after[i + 1..].trim_ascii_start();
                let quote = *quoted.first().filter(|q| matches!(q, b'"' | b'\''))?;
                let end = quoted[1..].iter().position(|&b| b == quote)?;
                Some(&quoted[1..1 + end])
            });
        // Whole names only: `r` is not the end of `spans` nor of `x:r`.
        if before.is_none_or(|b| b.is_ascii_whitespace())
            && let Some(value) = value
        {
            return Some(value);
        }
        rest = &rest[at + name.len()..];
    }
}

impl<R: Read> MarkupGuard<R> {
    pub(super) fn new(inner: R, names: &'static [&'static [u8]]) -> Self {
        MarkupGuard {
            inner,
            offset: 0,
            run: 0,
            run_over_at: None,
            name: NameState::Outside,
            names,
            counted: 0,
            max_count: u64::MAX,
            check_references: false,
            out_of_sheet: None,
            hidden: HiddenLines::default(),
            last_row: 0,
        }
    }

    /// Stops reading once more than `max` tags are counted.
    pub(super) fn counting_at_most(mut self, max: u64) -> Self {
        self.max_count = max;
        self
    }

    /// Also checks the cell references of a worksheet.
    pub(super) fn checking_references(mut self) -> Self {
        self.check_references = true;
        self
    }

    /// The tag's name has ended (at `end`): count it, and read on into its
    /// attributes when they hold a reference.
    fn end_name(&mut self, len: usize, buf: [u8; 16], end: u8) -> NameState {
        let name = &buf[..len.min(buf.len())];
        let local = name
            .iter()
            .rposition(|&b| b == b':')
            .map_or(name, |i| &name[i + 1..]);
        if len > buf.len() {
            return NameState::Outside;
        }
        if self.names.contains(&local) {
            self.counted += 1;
        }
        if !self.check_references {
            return NameState::Outside;
        }
        if local == b"f" {
            self.hidden.holds_formulas = true;
        }
        let tag = match local {
            b"row" => Tag::Row,
            b"col" => Tag::Col,
            _ if REFERENCE_TAGS.contains(&local) => Tag::Other,
            _ => return NameState::Outside,
        };
        // Rows are read even past a reference beyond the sheet, to number
        // the rows that follow.
        let wanted = tag != Tag::Other || self.out_of_sheet.is_none();
        match end {
            b'>' | b'/' if tag == Tag::Row => {
                // `<row>` with no attributes: the next row, shown.
                self.last_row = self.last_row.saturating_add(1);
                NameState::Outside
            }
            b'>' => NameState::Outside,
            _ if wanted => NameState::Attributes(Vec::new(), tag),
            _ => NameState::Outside,
        }
    }

    /// A tag's attributes have ended.
    fn end_attributes(&mut self, attributes: &[u8], tag: Tag) {
        if tag != Tag::Col && self.out_of_sheet.is_none() {
            self.out_of_sheet = reference_beyond_sheet(attributes);
        }
        match tag {
            Tag::Row => {
                let row =
                    hidden::number(attributes, b"r").unwrap_or(self.last_row.saturating_add(1));
                self.last_row = row;
                if row > 0 && hidden::is_hidden(attributes) {
                    self.hidden.add_rows(row - 1, 1);
                }
            }
            Tag::Col => {
                let (min, max) = (
                    hidden::number(attributes, b"min"),
                    hidden::number(attributes, b"max"),
                );
                if let (Some(min), Some(max)) = (min, max)
                    && min > 0
                    && max >= min
                    && hidden::is_hidden(attributes)
                {
                    self.hidden.add_columns(min - 1, max - min + 1);
                }
            }
            Tag::Other => {}
        }
    }
}

impl<R: Read> Read for MarkupGuard<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out)?;
        for &b in &out[..n] {
            match &mut self.name {
                NameState::Outside => {}
                NameState::Reading { len, buf } => {
                    let (len, buf) = (*len, *buf);
                    if matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>') {
                        self.name = self.end_name(len, buf, b);
                    } else {
                        let mut buf = buf;
                        if let Some(slot) = buf.get_mut(len) {
                            *slot = b;
                        }
                        self.name = NameState::Reading {
                            len: len.saturating_add(1),
                            buf,
                        };
                    }
                }
                NameState::Attributes(attributes, tag) => {
                    if b == b'>' {
                        let (attributes, tag) = (std::mem::take(attributes), *tag);
                        self.end_attributes(&attributes, tag);
                        self.name = NameState::Outside;
                    } else if attributes.len() < MAX_ATTRIBUTES {
                        attributes.push(b);
                    }
                }
            }
            if self.counted > self.max_count {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "too many"));
            }
            if b == b'<' || b == b'>' {
                self.run = 0;
                if b == b'<' {
                    self.name = NameState::Reading {
                        len: 0,
                        buf: [0; 16],
                    };
                }
            } else {
                self.run += 1;
                if self.run > limits::MAX_MARKUP_RUN {
                    let at = (self.offset + 1).saturating_sub(self.run);
                    self.run_over_at = Some(at);
                    return Err(io::Error::new(io::ErrorKind::InvalidData, "run too long"));
                }
            }
            self.offset += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard_over(bytes: &[u8], names: &'static [&'static [u8]]) -> (io::Result<u64>, u64) {
        let mut guard = MarkupGuard::new(bytes, names);
        let copied = io::copy(&mut guard, &mut io::sink());
        (copied, guard.counted)
    }

    #[test]
    fn counts_start_tags_by_local_name() {
        let xml =
            b"<sheetData><row r=\"1\"><c r=\"A1\"/><x:c>1</x:c><col/><c>2</c></row></sheetData>";
        let (copied, counted) = guard_over(xml, &[b"c"]);
        assert!(copied.is_ok());
        assert_eq!(counted, 3, "<c>, <x:c> and <c/>; not </c> nor <col>");
    }

    #[test]
    fn finds_references_beyond_the_sheet() {
        let check = |xml: &[u8]| {
            let mut guard = MarkupGuard::new(xml, &[]).checking_references();
            io::copy(&mut guard, &mut io::sink()).map(|_| guard.out_of_sheet)
        };
        let far = br#"<dimension ref="A1:XFD1048576"/><row r="1048576"><c r="XFD1048576" s="1"><v>1</v></c></row>"#;
        assert_eq!(check(far).ok(), Some(None), "the last cell is on the sheet");
        let beyond = br#"<row r="2"><c r="A99999999999"><v>1</v></c></row>"#;
        assert_eq!(check(beyond).ok(), Some(Some((99_999_999_998, 0))));
        let wide = br#"<dimension ref="A1:XFE1"/>"#;
        assert_eq!(check(wide).ok(), Some(Some((0, 16_384))));
        // Read as the hidden marks are: spaces around `=`, single quotes.
        let spaced = br#"<row r = '2'><c r = 'A99999999999'><v>1</v></c></row>"#;
        assert_eq!(check(spaced).ok(), Some(Some((99_999_999_998, 0))));
        // Whole names only: `spans` ends in `s`, not `r`; `x:r` is another name.
        let other = br#"<row r="2" x:r="A99999999999" spans="1:99999999999"><v>1</v></row>"#;
        assert_eq!(check(other).ok(), Some(None));
    }

    #[test]
    fn a_run_of_text_past_the_limit_fails_the_read() {
        let mut xml = b"<t>".to_vec();
        xml.resize(
            xml.len() + usize::try_from(limits::MAX_MARKUP_RUN).unwrap() + 1,
            b' ',
        );
        let mut guard = MarkupGuard::new(&xml[..], &[]);
        assert!(io::copy(&mut guard, &mut io::sink()).is_err());
        assert_eq!(guard.run_over_at, Some(3));
        let mut fine = b"<t>".to_vec();
        fine.resize(
            fine.len() + usize::try_from(limits::MAX_MARKUP_RUN).unwrap(),
            b' ',
        );
        fine.extend_from_slice(b"</t>");
        assert!(guard_over(&fine, &[]).0.is_ok());
    }
}
