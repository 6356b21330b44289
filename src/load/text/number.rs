//! Numbers in cell text: the decimal style of a file, exact decimals
//! (grouping, signs, percent) and the fast paths for plain numbers.

use rust_decimal::Decimal;

use super::{is_trimmable, normalize};

/// Which character a file uses as its decimal separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalStyle {
    /// `85.5`
    Point,
    /// `85,5`
    Comma,
}

impl DecimalStyle {
    fn decimal_char(self) -> char {
        match self {
            DecimalStyle::Point => '.',
            DecimalStyle::Comma => ',',
        }
    }

    fn group_char(self) -> char {
        match self {
            DecimalStyle::Point => ',',
            DecimalStyle::Comma => '.',
        }
    }
}

/// What one cell says about the file's decimal separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeparatorEvidence {
    /// Integer, or not a number at all.
    None,
    /// Only readable with `.` as decimal separator, e.g. `85.5`, `0.25`, `1.2345`, `1,234.5`.
    Point,
    /// Only readable with `,` as decimal separator, e.g. `85,5`, `1.234,5`, `1.234.567`.
    Comma,
    /// Readable either way, e.g. `1.234`, `12,345`, `123.456`: one separator
    /// followed by exactly 3 digits, with 1-3 digits (no leading zero) before it.
    Ambiguous,
}

/// Classify a cell by trying both styles with grouping allowed. Deriving the
/// evidence from the same grammar as `parse_number` guarantees that `Point`
/// (resp. `Comma`) evidence always parses in that style, apart from values too
/// large for `Decimal`.
pub fn separator_evidence(s: &str) -> SeparatorEvidence {
    plain_evidence(s).unwrap_or_else(|| full_separator_evidence(s))
}

/// [`separator_evidence`] for plain ASCII numbers without normalising:
/// `None` when the cell needs the full rules.
fn plain_evidence(s: &str) -> Option<SeparatorEvidence> {
    let body = s.strip_prefix('-').unwrap_or(s);
    if !body.is_ascii() {
        return None;
    }
    let mut separators = body
        .bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'.' | b','));
    let (at, sep) = match (separators.next(), separators.next()) {
        // No separator: an integer or not a number.
        (None, _) => return Some(SeparatorEvidence::None),
        (Some(only), None) => only,
        // More than one: the full rules.
        (Some(_), Some(_)) => return None,
    };
    let (int, frac) = (&body[..at], &body[at + 1..]);
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) {
        return None;
    }
    // One separator then exactly three digits could be a thousands group,
    // unless the first group is impossible as one (longer than 3, or 0…).
    let could_group = frac.len() == 3 && int.len() <= 3 && !int.starts_with('0');
    Some(match (could_group, sep) {
        (true, _) => SeparatorEvidence::Ambiguous,
        (false, b'.') => SeparatorEvidence::Point,
        (false, _) => SeparatorEvidence::Comma,
    })
}

fn full_separator_evidence(s: &str) -> SeparatorEvidence {
    let n = normalize(s);
    if !n.contains(['.', ',']) {
        return SeparatorEvidence::None;
    }
    let point = split_number(&n, DecimalStyle::Point, true).is_ok();
    let comma = split_number(&n, DecimalStyle::Comma, true).is_ok();
    match (point, comma) {
        (true, true) => SeparatorEvidence::Ambiguous,
        (true, false) => SeparatorEvidence::Point,
        (false, true) => SeparatorEvidence::Comma,
        (false, false) => SeparatorEvidence::None,
    }
}

/// Why a cell could not be read as a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// Not a plain decimal number: empty, letters, exponent, NaN, infinity, hex, ...
    #[error("not a number")]
    NotANumber,
    /// The separator of the other decimal style was found while grouping is not allowed.
    #[error("unexpected separator '{found}'")]
    WrongSeparator {
        /// The offending separator character.
        found: char,
    },
    /// The value cannot be represented exactly by a 96-bit decimal with scale <= 28.
    #[error("too many digits to represent exactly")]
    TooManyDigits,
    /// Thousands separators are not in groups of 3 digits.
    #[error("thousands separators not in groups of 3 digits")]
    BadGrouping,
}

/// Space-like characters accepted as thousands separators (grouping only).
/// Deliberately narrow: a tab or newline inside a cell is a data error, not grouping.
fn is_space_group(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// A syntactically valid number, split into its ASCII digit strings.
#[derive(Debug, PartialEq, Eq)]
struct NumberParts {
    negative: bool,
    int_digits: String,
    frac_digits: String,
}

/// Check the grammar and strip sign, percent and grouping, without building a value.
/// `s` must already be normalised.
fn split_number(
    s: &str,
    style: DecimalStyle,
    allow_grouping: bool,
) -> Result<NumberParts, NumberError> {
    // The percent sign is cosmetic: "85.5%" means the score 85.5.
    let s = match s.strip_suffix('%') {
        Some(rest) => rest.trim_end_matches(is_trimmable),
        None => s,
    };
    // U+2212 is what spreadsheets and typeset documents use for minus.
    let (negative, body) = if let Some(rest) = s.strip_prefix(['-', '\u{2212}']) {
        (true, rest)
    } else if let Some(rest) = s.strip_prefix('+') {
        (false, rest)
    } else {
        (false, s)
    };
    // Both ends must be digits: rejects "", "-", ".5", "5.", "- 5", "1,234,".
    let starts = body.chars().next().is_some_and(|c| c.is_ascii_digit());
    let ends = body.chars().next_back().is_some_and(|c| c.is_ascii_digit());
    if !starts || !ends {
        return Err(NumberError::NotANumber);
    }
    // Anything else (letters, 'e', '∞', non-ASCII digits, '%' twice) is not a number.
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_space_group(c))
    {
        return Err(NumberError::NotANumber);
    }

    let dec = style.decimal_char();
    let group = style.group_char();
    if !allow_grouping {
        if body.contains(is_space_group) {
            return Err(NumberError::NotANumber);
        }
        if body.contains(group) {
            return Err(NumberError::WrongSeparator { found: group });
        }
    }

    let mut halves = body.splitn(3, dec);
    let int_part = halves.next().unwrap_or_default();
    let frac_part = halves.next().unwrap_or_default();
    if halves.next().is_some() {
        // Two decimal separators ("1.2.3" in point style).
        return Err(NumberError::NotANumber);
    }
    // Both ends of body are digits, so a present decimal separator has digits on
    // its right; its left side is checked as the integer part below.
    if frac_part.contains(|c: char| !c.is_ascii_digit()) {
        // Group separators are only meaningful in the integer part.
        return Err(NumberError::BadGrouping);
    }
    if int_part.is_empty() {
        return Err(NumberError::NotANumber);
    }
    let int_digits = ungroup(int_part)?;
    Ok(NumberParts {
        negative,
        int_digits,
        frac_digits: frac_part.to_owned(),
    })
}

/// Remove thousands separators from an integer part, checking the groups.
/// Only called with characters from {digits, '.', ',', spaces}, and the
/// decimal separator already removed, so any non-digit is a group separator.
fn ungroup(int_part: &str) -> Result<String, NumberError> {
    let Some(sep) = int_part.chars().find(|c| !c.is_ascii_digit()) else {
        return Ok(int_part.to_owned());
    };
    // One kind of separator per number: "1.234 567" is more likely two numbers
    // glued together than a grouped one. All space-likes count as one kind.
    let same_kind = |c: char| c == sep || (is_space_group(sep) && is_space_group(c));
    let mut groups = int_part.split(|c: char| !c.is_ascii_digit());
    if int_part
        .chars()
        .any(|c| !c.is_ascii_digit() && !same_kind(c))
    {
        return Err(NumberError::BadGrouping);
    }
    let first = groups.next().unwrap_or_default();
    // A leading zero ("0.250") never starts a grouped number, so it is not grouping.
    if first.is_empty() || first.len() > 3 || first.starts_with('0') {
        return Err(NumberError::BadGrouping);
    }
    let mut digits = first.to_owned();
    for g in groups {
        if g.len() != 3 {
            return Err(NumberError::BadGrouping);
        }
        digits.push_str(g);
    }
    Ok(digits)
}

/// Largest mantissa of a `Decimal` (96 bits).
const MAX_MANTISSA: u128 = (1 << 96) - 1;
/// Largest scale of a `Decimal`.
const MAX_SCALE: usize = 28;

/// Build the exact decimal `int.frac`; `None` if it does not fit.
fn exact_decimal(negative: bool, int_digits: &str, frac_digits: &str) -> Option<Decimal> {
    if frac_digits.len() > MAX_SCALE {
        return None;
    }
    let mut mantissa: u128 = 0;
    for b in int_digits.bytes().chain(frac_digits.bytes()) {
        // Bail out as soon as we exceed 96 bits, so u128 can never overflow.
        mantissa = mantissa * 10 + u128::from(b - b'0');
        if mantissa > MAX_MANTISSA {
            return None;
        }
    }
    let signed = i128::try_from(mantissa).ok()?;
    // No negative zero: "-0" and "0" must behave (and print) the same.
    let signed = if negative { -signed } else { signed };
    let scale = u32::try_from(frac_digits.len()).ok()?;
    Decimal::try_from_i128_with_scale(signed, scale).ok()
}

/// Parse a number cell exactly (never through floats).
///
/// Accepts surrounding whitespace, an optional leading sign (`+`, `-`, `−`),
/// ASCII digits, at most one decimal separator per `style` (with digits on both
/// sides), and an optional trailing `%` (optionally preceded by spaces) which is
/// stripped. With `allow_grouping`, the other separator, or spaces/NBSP, may
/// separate thousands in correct groups of 3 in the integer part. The scale of
/// the input is kept (`"85.50"` has scale 2) unless trailing fractional zeros
/// have to be dropped to fit.
pub fn parse_number(
    s: &str,
    style: DecimalStyle,
    allow_grouping: bool,
) -> Result<Decimal, NumberError> {
    // Fast path for the common cell: plain ASCII digits with at most one
    // decimal separator of the file's style. Same result as the full parse.
    if let Some(d) = parse_plain_number(s, style) {
        return Ok(d);
    }
    let n = normalize(s);
    let parts = split_number(&n, style, allow_grouping)?;
    // Leading zeros carry no value; without stripping, "000…01" would overflow.
    let int_digits = parts.int_digits.trim_start_matches('0');
    exact_decimal(parts.negative, int_digits, &parts.frac_digits)
        .or_else(|| {
            // Trailing fractional zeros carry no value either; drop them only when
            // needed so that the written scale is otherwise preserved.
            let frac = parts.frac_digits.trim_end_matches('0');
            exact_decimal(parts.negative, int_digits, frac)
        })
        .ok_or(NumberError::TooManyDigits)
}

/// `-?digits[sep digits]` in ASCII, read directly; `None` for anything else
/// (which then takes the full path). What it reads, [`parse_number`] reads
/// the same. Each part has at most 18 digits.
pub fn parse_plain_number(s: &str, style: DecimalStyle) -> Option<Decimal> {
    let body = s.strip_prefix('-').unwrap_or(s).as_bytes();
    if body.len() > PlainNumber::MAX_BYTES {
        let sep = style.decimal_char() as u8;
        return parse_long_plain_number(s.len() != body.len(), body, sep);
    }
    scan_plain_number(s, style).map(PlainNumber::to_decimal)
}

/// A plain number's digits as read, before it becomes a decimal: callers
/// that check a value (sign, maximum) can check these first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlainNumber {
    pub magnitude: u64,
    pub places: u32,
    /// Never set on zero: "-0" is plain 0, as in the full path.
    pub negative: bool,
}

impl PlainNumber {
    /// 19 bytes hold at most 19 digits, which fit a `u64`.
    const MAX_BYTES: usize = 19;

    #[expect(
        clippy::cast_possible_truncation,
        reason = "splits the magnitude into its low and high 32 bits on purpose"
    )]
    pub fn to_decimal(self) -> Decimal {
        // At most 19 digits: the magnitude fits the low 64 of 96 bits.
        let (lo, mid) = (self.magnitude as u32, (self.magnitude >> 32) as u32);
        Decimal::from_parts(lo, mid, 0, self.negative, self.places)
    }

    /// Without trailing fractional zeros (85.50 is 85.5): the same value
    /// and scale as `Decimal::normalize`.
    pub fn normalized(mut self) -> Self {
        while self.places > 0 && self.magnitude.is_multiple_of(10) {
            self.magnitude /= 10;
            self.places -= 1;
        }
        self
    }
}

/// [`parse_plain_number`] for texts of at most 19 bytes after the sign,
/// in one pass over the bytes (nearly every cell): `None` for anything
/// else.
#[inline]
pub fn scan_plain_number(s: &str, style: DecimalStyle) -> Option<PlainNumber> {
    let (negative, body) = match s.as_bytes().split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, s.as_bytes()),
    };
    if body.len() > PlainNumber::MAX_BYTES {
        return None;
    }
    let sep = style.decimal_char() as u8;
    let (mut magnitude, mut int_len, mut frac_len, mut seen_sep) = (0u64, 0u32, 0u32, false);
    for &b in body {
        let digit = b.wrapping_sub(b'0');
        if digit < 10 {
            magnitude = magnitude * 10 + u64::from(digit);
            if seen_sep {
                frac_len += 1;
            } else {
                int_len += 1;
            }
        } else if b == sep && !seen_sep {
            seen_sep = true;
        } else {
            return None;
        }
    }
    if int_len == 0 || int_len > 18 || frac_len > 18 || (seen_sep && frac_len == 0) {
        return None;
    }
    Some(PlainNumber {
        magnitude,
        places: frac_len,
        negative: negative && magnitude != 0,
    })
}

/// [`parse_plain_number`] for bodies of more than 19 bytes.
fn parse_long_plain_number(negative: bool, body: &[u8], sep: u8) -> Option<Decimal> {
    let (int, frac) = match body.iter().position(|&b| b == sep) {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (body, &[][..]),
    };
    let digits = |t: &[u8]| !t.is_empty() && t.len() <= 18 && t.iter().all(u8::is_ascii_digit);
    if !digits(int) || (body.len() != int.len() && !digits(frac)) {
        return None;
    }
    // At most 18 + 18 digits: the mantissa fits an i128 without overflow.
    let mantissa = int
        .iter()
        .chain(frac)
        .fold(0i128, |m, b| m * 10 + i128::from(b - b'0'));
    #[expect(
        clippy::cast_possible_truncation,
        reason = "frac holds at most 18 digits, checked above"
    )]
    let scale = frac.len() as u32;
    Decimal::try_from_i128_with_scale(if negative { -mantissa } else { mantissa }, scale).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::text::normalize;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    fn pt(s: &str) -> Result<Decimal, NumberError> {
        parse_number(s, DecimalStyle::Point, false)
    }
    fn cm(s: &str) -> Result<Decimal, NumberError> {
        parse_number(s, DecimalStyle::Comma, false)
    }
    fn ptg(s: &str) -> Result<Decimal, NumberError> {
        parse_number(s, DecimalStyle::Point, true)
    }
    fn cmg(s: &str) -> Result<Decimal, NumberError> {
        parse_number(s, DecimalStyle::Comma, true)
    }

    #[test]
    fn integers_and_decimals() {
        assert_eq!(pt("0"), Ok(dec("0")));
        assert_eq!(pt("85"), Ok(dec("85")));
        assert_eq!(pt("85.5"), Ok(dec("85.5")));
        assert_eq!(cm("85,5"), Ok(dec("85.5")));
        assert_eq!(pt("0.25"), Ok(dec("0.25")));
        assert_eq!(pt("1.2345"), Ok(dec("1.2345")));
        assert_eq!(cm("1,2345"), Ok(dec("1.2345")));
        assert_eq!(pt("007"), Ok(dec("7")));
        assert_eq!(pt("00.50"), Ok(dec("0.50")));
    }

    #[test]
    fn scale_is_preserved() {
        assert_eq!(pt("85.50").map(|d| d.scale()), Ok(2));
        assert_eq!(pt("85").map(|d| d.scale()), Ok(0));
        assert_eq!(pt("0.000").map(|d| d.scale()), Ok(3));
    }

    #[test]
    fn signs() {
        assert_eq!(pt("-1.5"), Ok(dec("-1.5")));
        assert_eq!(pt("+1.5"), Ok(dec("1.5")));
        assert_eq!(cm("\u{2212}1,5"), Ok(dec("-1.5")));
        assert_eq!(pt("--1"), Err(NumberError::NotANumber));
        assert_eq!(pt("+-1"), Err(NumberError::NotANumber));
        assert_eq!(pt("- 1"), Err(NumberError::NotANumber));
        assert_eq!(ptg("- 1"), Err(NumberError::NotANumber));
        assert_eq!(pt("1-"), Err(NumberError::NotANumber));
        assert_eq!(pt("-"), Err(NumberError::NotANumber));
        assert_eq!(pt("+"), Err(NumberError::NotANumber));
    }

    #[test]
    fn negative_zero_is_plain_zero() {
        for s in ["-0", "-0.00", "\u{2212}0"] {
            let d = pt(s).expect("zero parses");
            assert!(d.is_zero());
            assert!(d.is_sign_positive(), "{s}");
            assert!(!d.to_string().starts_with('-'), "{s}");
        }
    }

    #[test]
    fn surrounding_whitespace_and_percent() {
        assert_eq!(pt("  85.5 "), Ok(dec("85.5")));
        assert_eq!(pt("\u{FEFF}85.5\u{00A0}"), Ok(dec("85.5")));
        assert_eq!(pt("85.5%"), Ok(dec("85.5")));
        assert_eq!(pt("85.5 %"), Ok(dec("85.5")));
        assert_eq!(pt("85.5\u{00A0}%"), Ok(dec("85.5")));
        assert_eq!(pt(" 85.5  % "), Ok(dec("85.5")));
        assert_eq!(cm("-3,5%"), Ok(dec("-3.5")));
        assert_eq!(pt("100%"), Ok(dec("100")));
    }

    #[test]
    fn percent_misuse() {
        for s in ["%", " % ", "%85", "85%%", "85 % %", "-%", "85%5"] {
            assert_eq!(pt(s), Err(NumberError::NotANumber), "{s:?}");
        }
    }

    #[test]
    fn not_a_number() {
        for s in [
            "", "   ", "abc", "1e5", "1E5", "1.5e3", "NaN", "nan", "inf", "-inf", "Infinity", "∞",
            "0x1F", "1_000", "½", "١٢", "１２", "12a", "a12", "1/2", "(5)", "5-3",
        ] {
            assert_eq!(pt(s), Err(NumberError::NotANumber), "{s:?}");
            assert_eq!(cmg(s), Err(NumberError::NotANumber), "{s:?}");
        }
    }

    #[test]
    fn separator_needs_digits_on_both_sides() {
        for s in [".5", "5.", ".", "-.5", "+.5", "5.%"] {
            assert_eq!(pt(s), Err(NumberError::NotANumber), "{s:?}");
            assert_eq!(ptg(s), Err(NumberError::NotANumber), "{s:?}");
        }
        for s in [",5", "5,", ","] {
            assert_eq!(cm(s), Err(NumberError::NotANumber), "{s:?}");
        }
    }

    #[test]
    fn two_decimal_separators() {
        assert_eq!(pt("1.2.3"), Err(NumberError::NotANumber));
        assert_eq!(cm("1,2,3"), Err(NumberError::NotANumber));
        assert_eq!(ptg("1.234.567"), Err(NumberError::NotANumber));
        assert_eq!(cmg("1,234,567"), Err(NumberError::NotANumber));
    }

    #[test]
    fn wrong_separator_without_grouping() {
        assert_eq!(pt("85,5"), Err(NumberError::WrongSeparator { found: ',' }));
        assert_eq!(pt("1,234"), Err(NumberError::WrongSeparator { found: ',' }));
        assert_eq!(
            pt("1,234.5"),
            Err(NumberError::WrongSeparator { found: ',' })
        );
        assert_eq!(cm("85.5"), Err(NumberError::WrongSeparator { found: '.' }));
        assert_eq!(
            cm("1.234,5"),
            Err(NumberError::WrongSeparator { found: '.' })
        );
        // The check is on the raw text, so it also fires inside a percent.
        assert_eq!(cm("85.5%"), Err(NumberError::WrongSeparator { found: '.' }));
    }

    #[test]
    fn spaces_inside_without_grouping_are_rejected() {
        assert_eq!(pt("1 234"), Err(NumberError::NotANumber));
        assert_eq!(cm("1\u{00A0}234,5"), Err(NumberError::NotANumber));
    }

    // ---------- parse_number: grouping ----------

    #[test]
    fn grouping_accepted() {
        assert_eq!(cmg("1.234,5"), Ok(dec("1234.5")));
        assert_eq!(ptg("1,234.5"), Ok(dec("1234.5")));
        assert_eq!(cmg("1.234.567"), Ok(dec("1234567")));
        assert_eq!(ptg("1,234,567.89"), Ok(dec("1234567.89")));
        assert_eq!(ptg("12,345"), Ok(dec("12345")));
        assert_eq!(ptg("123,456"), Ok(dec("123456")));
        assert_eq!(cmg("-1.000"), Ok(dec("-1000")));
        assert_eq!(cmg("1.000%"), Ok(dec("1000")));
        // Grouping is optional even when allowed.
        assert_eq!(ptg("1234.5"), Ok(dec("1234.5")));
        assert_eq!(cmg("85,5"), Ok(dec("85.5")));
    }

    #[test]
    fn grouping_with_spaces() {
        assert_eq!(ptg("1 234.5"), Ok(dec("1234.5")));
        assert_eq!(cmg("1\u{00A0}234\u{00A0}567,25"), Ok(dec("1234567.25")));
        assert_eq!(cmg("1\u{202F}234"), Ok(dec("1234")));
        // Different space-likes count as one kind.
        assert_eq!(ptg("1 234\u{00A0}567"), Ok(dec("1234567")));
        // Tabs are not grouping.
        assert_eq!(ptg("1\t234"), Err(NumberError::NotANumber));
    }

    #[test]
    fn grouping_rejected() {
        assert_eq!(cmg("12.34,5"), Err(NumberError::BadGrouping));
        assert_eq!(cmg("1.23,5"), Err(NumberError::BadGrouping));
        assert_eq!(cmg("1.2345"), Err(NumberError::BadGrouping));
        assert_eq!(cmg("1234.567"), Err(NumberError::BadGrouping));
        assert_eq!(ptg("1,23"), Err(NumberError::BadGrouping));
        assert_eq!(ptg("1,2345"), Err(NumberError::BadGrouping));
        assert_eq!(ptg("1,,234"), Err(NumberError::BadGrouping));
        assert_eq!(ptg("1  234"), Err(NumberError::BadGrouping));
        assert_eq!(ptg("1 234,567"), Err(NumberError::BadGrouping)); // mixed kinds
        assert_eq!(cmg("1.234 567"), Err(NumberError::BadGrouping));
        // A leading zero never starts a grouped number.
        assert_eq!(cmg("0.250"), Err(NumberError::BadGrouping));
        assert_eq!(ptg("01,234"), Err(NumberError::BadGrouping));
        // Group separators after the decimal separator.
        assert_eq!(ptg("1.234,5"), Err(NumberError::BadGrouping));
        assert_eq!(cmg("1,5.3"), Err(NumberError::BadGrouping));
        assert_eq!(ptg("1.5 3"), Err(NumberError::BadGrouping));
        // Leading / trailing separators are malformed, not bad grouping.
        assert_eq!(ptg(",234"), Err(NumberError::NotANumber));
        assert_eq!(ptg("1,234,"), Err(NumberError::NotANumber));
    }

    // ---------- parse_number: range ----------

    #[test]
    fn digit_limits() {
        let max = "79228162514264337593543950335";
        assert_eq!(pt(max), Ok(Decimal::MAX));
        assert_eq!(pt(&format!("-{max}")), Ok(Decimal::MIN));
        assert_eq!(
            pt("79228162514264337593543950336"),
            Err(NumberError::TooManyDigits)
        );
        assert_eq!(
            pt("100000000000000000000000000000"),
            Err(NumberError::TooManyDigits)
        );
        assert_eq!(pt(&"9".repeat(60)), Err(NumberError::TooManyDigits));
        // 28 fractional digits is the maximum scale.
        let tiny = format!("0.{}1", "0".repeat(27));
        assert_eq!(pt(&tiny).map(|d| d.scale()), Ok(28));
        let too_tiny = format!("0.{}1", "0".repeat(28));
        assert_eq!(pt(&too_tiny), Err(NumberError::TooManyDigits));
        // 28 significant digits, all fractional.
        assert_eq!(
            pt("0.1234567890123456789012345678"),
            Ok(dec("0.1234567890123456789012345678"))
        );
        // 29 significant digits still fit when the mantissa is below 2^96...
        assert_eq!(
            pt("1.2345678901234567890123456789"),
            Ok(dec("1.2345678901234567890123456789"))
        );
        // ...and do not when it is above.
        assert_eq!(
            pt("9.2345678901234567890123456789"),
            Err(NumberError::TooManyDigits)
        );
    }

    #[test]
    fn plain_numbers_at_the_lengths_where_reading_changes() {
        let plain = |s: &str| parse_plain_number(s, DecimalStyle::Point);
        let d = |s: &str| s.parse::<Decimal>().ok();
        // 18 digits in a part are read; 19 or more are left to the full path.
        assert_eq!(plain("123456789012345678"), d("123456789012345678"));
        assert_eq!(plain("1234567890123456789"), None);
        // 20 digits: past what a u64 holds, without overflowing on the way.
        assert_eq!(plain("99999999999999999999"), None);
        assert_eq!(plain("-99999999999999999999"), None);
        assert_eq!(plain("1.234567890123456789"), d("1.234567890123456789"));
        assert_eq!(plain("1.2345678901234567890"), None);
        assert_eq!(plain("12345678.1234567890"), d("12345678.1234567890"));
    }

    #[test]
    fn zeros_that_carry_no_value_do_not_count() {
        let leading = format!("{}1.5", "0".repeat(50));
        assert_eq!(pt(&leading), Ok(dec("1.5")));
        let trailing = format!("1.5{}", "0".repeat(50));
        assert_eq!(pt(&trailing), Ok(dec("1.5")));
        let max_point_zero = "79228162514264337593543950335.0";
        assert_eq!(pt(max_point_zero), Ok(Decimal::MAX));
    }

    // ---------- separator_evidence ----------

    #[test]
    fn evidence() {
        use SeparatorEvidence as E;
        let cases = [
            ("85", E::None),
            ("", E::None),
            ("abc", E::None),
            ("1e5", E::None),
            ("1 234", E::None),
            ("1.2.3", E::None),
            ("1.234,567.8", E::None),
            (".5", E::None),
            ("85.5", E::Point),
            ("0.25", E::Point),
            ("1.2345", E::Point),
            ("1234.567", E::Point),
            ("0.250", E::Point),
            ("1,234.5", E::Point),
            ("1 234.567", E::Point),
            ("1,234,567.5", E::Point),
            ("-85.5%", E::Point),
            ("85,5", E::Comma),
            ("0,250", E::Comma),
            ("1.234,5", E::Comma),
            ("1.234.567", E::Comma),
            ("1.234", E::Ambiguous),
            ("12,345", E::Ambiguous),
            ("123.456", E::Ambiguous),
            ("-1.000", E::Ambiguous),
            (" 100,000 % ", E::Ambiguous),
            ("1.23", E::Point),
            ("1,23", E::Comma),
            ("1.2345", E::Point),
        ];
        for (s, want) in cases {
            assert_eq!(separator_evidence(s), want, "{s:?}");
        }
    }

    #[test]
    fn evidence_ignores_magnitude() {
        let huge = format!("{}.5", "9".repeat(40));
        assert_eq!(separator_evidence(&huge), SeparatorEvidence::Point);
    }

    // ---------- yes/no, N/A, labels ----------

    #[test]
    fn error_messages() {
        assert_eq!(
            NumberError::WrongSeparator { found: ',' }.to_string(),
            "unexpected separator ','"
        );
        assert_eq!(NumberError::NotANumber.to_string(), "not a number");
    }

    // ---------- properties ----------

    /// Render `int.frac` with thousands grouping in the given style.
    fn render(negative: bool, int: u64, frac: &str, style: DecimalStyle, grouped: bool) -> String {
        let digits = int.to_string();
        let mut out = String::new();
        if negative {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if grouped && i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(style.group_char());
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(style.decimal_char());
            out.push_str(frac);
        }
        out
    }
    proptest! {
        #[test]
        fn prop_round_trip_both_styles(
            negative in any::<bool>(),
            int in any::<u64>(),
            frac in "[0-9]{0,8}",
            grouped in any::<bool>(),
        ) {
            let mut expected = format!("{}{int}", if negative { "-" } else { "" });
            if !frac.is_empty() {
                expected.push('.');
                expected.push_str(&frac);
            }
            let want = dec(&expected);
            for style in [DecimalStyle::Point, DecimalStyle::Comma] {
                let text = render(negative, int, &frac, style, grouped);
                prop_assert_eq!(parse_number(&text, style, true), Ok(want));
                prop_assert_eq!(parse_number(&format!(" {text} %"), style, true), Ok(want));
                if !grouped || int < 1000 {
                    prop_assert_eq!(parse_number(&text, style, false), Ok(want));
                }
            }
        }

        #[test]
        fn prop_evidence_agrees_with_parser(s in "[-+]?[0-9., ]{0,12}%?") {
            let p = parse_number(&s, DecimalStyle::Point, true).is_ok();
            let c = parse_number(&s, DecimalStyle::Comma, true).is_ok();
            let want = match (s.contains(['.', ',']), p, c) {
                (false, _, _) | (true, false, false) => SeparatorEvidence::None,
                (true, true, true) => SeparatorEvidence::Ambiguous,
                (true, true, false) => SeparatorEvidence::Point,
                (true, false, true) => SeparatorEvidence::Comma,
            };
            prop_assert_eq!(separator_evidence(&s), want);
        }

        #[test]
        fn prop_parser_never_panics(s in "\\PC{0,20}", grouping in any::<bool>()) {
            let _ = parse_number(&s, DecimalStyle::Point, grouping);
            let _ = parse_number(&s, DecimalStyle::Comma, grouping);
            let _ = separator_evidence(&s);
        }

    }

    proptest! {
        #[test]
        fn fast_paths_agree_with_the_full_rules(
            s in prop_oneof![
                "-?[0-9]{1,6}([.,][0-9]{1,5})?",
                // Near and past the lengths where the reading changes.
                "-?[0-9]{15,21}([.,][0-9]{0,20})?",
                "[-0-9.,a ]{0,24}",
            ]
        ) {
            prop_assert_eq!(separator_evidence(&s), full_separator_evidence(&s));
            for style in [DecimalStyle::Point, DecimalStyle::Comma] {
                let full = {
                    let n = normalize(&s);
                    split_number(&n, style, false).ok().map(|p| {
                        let int = p.int_digits.trim_start_matches('0').to_string();
                        exact_decimal(p.negative, &int, &p.frac_digits)
                    })
                };
                let fast = parse_plain_number(&s, style);
                if let Some(fast) = fast {
                    prop_assert_eq!(Some(Some(fast)), full, "{} {:?}", &s, style);
                    // The same decimal, not only the same value: scale and sign too.
                    let full = full.flatten().map(|d| d.serialize());
                    prop_assert_eq!(Some(fast.serialize()), full);
                }
                if let Some(digits) = scan_plain_number(&s, style) {
                    let fast = fast.map(|d| (d.serialize(), d.normalize().serialize()));
                    let scanned = (
                        digits.to_decimal().serialize(),
                        digits.normalized().to_decimal().serialize(),
                    );
                    prop_assert_eq!(Some(scanned), fast, "{} {:?}", &s, style);
                }
            }
        }
    }
}
