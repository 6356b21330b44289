//! `--csv-style excel-vi`: the CSV the other writers produce, rewritten as
//! Excel in a Vietnamese locale opens it directly: fields separated by `;`
//! and decimals written with a comma (`91,25`). Rewritten as a stream, so a
//! national ranking is never held twice in memory.

use std::io::{self, Write};

const BOM: &[u8] = "\u{feff}".as_bytes();

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: doubled, or the field's end.
    QuoteInQuoted,
}

/// Rewrites standard CSV (`,`, decimal point, as the csv crate quotes it)
/// into the Vietnamese Excel style as it passes through.
pub(super) struct ExcelVi<'w> {
    out: &'w mut dyn Write,
    state: State,
    field: Vec<u8>,
    quoted: bool,
    first_in_record: bool,
    started: bool,
    line: Vec<u8>,
}

impl<'w> ExcelVi<'w> {
    pub(super) fn new(out: &'w mut dyn Write) -> Self {
        ExcelVi {
            out,
            state: State::FieldStart,
            field: Vec::new(),
            quoted: false,
            first_in_record: true,
            started: false,
            line: Vec::new(),
        }
    }

    /// Ends a last record written without a line break, and flushes.
    pub(super) fn finish(mut self) -> io::Result<()> {
        if self.state != State::FieldStart || !self.first_in_record {
            self.end_field();
        }
        self.out.write_all(&self.line)?;
        self.line.clear();
        self.out.flush()
    }

    fn end_field(&mut self) {
        if !self.first_in_record {
            self.line.push(b';');
        }
        self.first_in_record = false;
        let field = &self.field;
        let needs_quotes = field
            .iter()
            .any(|b| matches!(b, b';' | b'"' | b'\n' | b'\r'))
            // Quoted as text before: stays text (a name such as "1,5").
            || (self.quoted && field.contains(&b','));
        if needs_quotes {
            self.line.push(b'"');
            for &b in field {
                if b == b'"' {
                    self.line.push(b'"');
                }
                self.line.push(b);
            }
            self.line.push(b'"');
        } else if !self.quoted && is_decimal(field) {
            self.line
                .extend(field.iter().map(|&b| if b == b'.' { b',' } else { b }));
        } else {
            self.line.extend_from_slice(field);
        }
        self.field.clear();
        self.quoted = false;
        self.state = State::FieldStart;
    }

    fn end_record(&mut self) -> io::Result<()> {
        self.end_field();
        self.line.push(b'\n');
        self.first_in_record = true;
        // Written a line at a time: large rankings stream through.
        if self.line.len() >= 1 << 16 {
            self.out.write_all(&self.line)?;
            self.line.clear();
        }
        Ok(())
    }
}

/// `-12.5`, `91.25`: a number with a decimal point, nothing else.
fn is_decimal(field: &[u8]) -> bool {
    let digits = field.strip_prefix(b"-").unwrap_or(field);
    let Some(point) = digits.iter().position(|&b| b == b'.') else {
        return false;
    };
    let (whole, fraction) = (&digits[..point], &digits[point + 1..]);
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.iter().all(u8::is_ascii_digit)
        && fraction.iter().all(u8::is_ascii_digit)
}

impl Write for ExcelVi<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = buf;
        if !self.started {
            self.started = true;
            if let Some(rest) = bytes.strip_prefix(BOM) {
                self.line.extend_from_slice(BOM);
                bytes = rest;
            }
        }
        for &b in bytes {
            match (self.state, b) {
                (State::FieldStart, b'"') => {
                    self.quoted = true;
                    self.state = State::Quoted;
                }
                (State::FieldStart | State::Unquoted | State::QuoteInQuoted, b',') => {
                    self.end_field();
                }
                (State::FieldStart | State::Unquoted | State::QuoteInQuoted, b'\n') => {
                    self.end_record()?;
                }
                (State::FieldStart | State::Unquoted, _) => {
                    self.field.push(b);
                    self.state = State::Unquoted;
                }
                (State::Quoted, b'"') => self.state = State::QuoteInQuoted,
                (State::Quoted, _) => self.field.push(b),
                (State::QuoteInQuoted, b'"') => {
                    self.field.push(b'"');
                    self.state = State::Quoted;
                }
                (State::QuoteInQuoted, _) => {
                    self.field.push(b);
                    self.state = State::Unquoted;
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(csv: &str) -> String {
        let mut out = Vec::new();
        let mut vi = ExcelVi::new(&mut out);
        // In pieces, as a writer hands them over.
        for piece in csv.as_bytes().chunks(3) {
            vi.write_all(piece).unwrap();
        }
        vi.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn decimals_take_a_comma_and_fields_a_semicolon() {
        assert_eq!(
            rewrite("\u{feff}rank,name,score\n1,Nghi Hải,91.25\n2,\"Hòa, Hiếu\",-0.5\n"),
            "\u{feff}rank;name;score\n1;Nghi Hải;91,25\n2;\"Hòa, Hiếu\";-0,5\n"
        );
    }

    #[test]
    fn text_keeps_its_points_and_is_quoted_where_it_must_be() {
        assert_eq!(
            rewrite("a,b,c,d\nv1.2,\"say \"\"hi\"\"\",x;y,N/A\n"),
            "a;b;c;d\nv1.2;\"say \"\"hi\"\"\";\"x;y\";N/A\n"
        );
        // Quoted once as text, "1,5" stays text, not the number 1,5.
        assert_eq!(rewrite("n\n\"1,5\"\n"), "n\n\"1,5\"\n");
        assert_eq!(rewrite("a,b"), "a;b");
    }
}
