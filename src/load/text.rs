//! Cell text parsing for CSV/XLSX data: normalisation, exact numbers, yes/no and N/A tokens.

use icu_normalizer::ComposingNormalizerBorrowed;
use rust_decimal::Decimal;

/// Characters trimmed from both ends of a cell. `char::is_whitespace` covers
/// NBSP and the other Unicode `White_Space` characters; the BOM and the
/// zero-width space/word joiner are not `White_Space` but routinely leak in from
/// spreadsheet exports and web copy-paste, and are invisible to users.
fn is_trimmable(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{2060}')
}

/// NFC-normalise and trim whitespace (including NBSP, U+FEFF and other Unicode whitespace).
pub fn normalize(s: &str) -> String {
    // NFC first: trimming afterwards cannot un-normalise the string, and no
    // whitespace character composes with a following mark.
    let nfc = ComposingNormalizerBorrowed::new_nfc().normalize(s);
    nfc.trim_matches(is_trimmable).to_owned()
}

/// A key that ignores case and every diacritic (tone marks, ă â ê ô ơ ư,
/// đ → d), for matching names typed without Vietnamese input.
pub fn unaccented_key(s: &str) -> String {
    let lower = label_key(s);
    icu_normalizer::DecomposingNormalizerBorrowed::new_nfd()
        .normalize(&lower)
        .chars()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// [`normalize`] without allocating when there is nothing to change (the
/// common case: ASCII cells such as numbers and ids).
pub fn normalize_cow(s: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if s.is_ascii() {
        // The ASCII characters `is_trimmable` accepts, compared as bytes.
        let space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ');
        let bytes = s.as_bytes();
        let start = bytes.iter().position(|b| !space(b)).unwrap_or(bytes.len());
        let end = bytes
            .iter()
            .rposition(|b| !space(b))
            .map_or(start, |e| e + 1);
        return Cow::Borrowed(s.get(start..end).unwrap_or_default());
    }
    if is_plain_nfc(s) {
        return Cow::Borrowed(trim(s));
    }
    // Otherwise the normaliser still borrows when nothing changes.
    match ComposingNormalizerBorrowed::new_nfc().normalize(s) {
        Cow::Borrowed(nfc) => Cow::Borrowed(trim(nfc)),
        Cow::Owned(nfc) => Cow::Owned(trim(&nfc).to_owned()),
    }
}

/// `s.trim_matches(is_trimmable)`, answered from the two end characters
/// when neither is trimmed (nearly always): the general trim costs about
/// a hundred instructions even then.
fn trim(s: &str) -> &str {
    let kept = |c: Option<char>| c.is_none_or(|c| !is_trimmable(c));
    if kept(s.chars().next()) && kept(s.chars().next_back()) {
        return s;
    }
    s.trim_matches(is_trimmable)
}

/// Whether [`normalize`] would leave nothing: every character is one that
/// trimming removes (NFC neither deletes characters nor turns others into
/// these), without normalising.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_trimmable)
}

/// A quick, sufficient test for NFC that covers Vietnamese text written
/// precomposed (as Unikey and every office keyboard writes it): characters
/// below U+0300 (Latin-1, Latin Extended-A/B, IPA) and Latin Extended
/// Additional (U+1E00–U+1EFF: ạ ả ấ … ỹ) are all starters that never
/// compose with a neighbour nor decompose under NFC, so any string of them
/// is already NFC. Combining marks (U+0300…) fall outside and take the
/// full normaliser.
fn is_plain_nfc(s: &str) -> bool {
    s.chars()
        .all(|c| c < '\u{0300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

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
    let scale = frac.len() as u32;
    Decimal::try_from_i128_with_scale(if negative { -mantissa } else { mantissa }, scale).ok()
}

/// Comparison key for fixed tokens: like `label_key`, but internal runs of
/// whitespace collapse to one space, so "Không  Đạt" (double space or NBSP,
/// common in hand-typed sheets) still matches "không đạt".
fn token_key(s: &str) -> String {
    label_key(s)
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Accepted yes/no tokens, for error messages.
pub const YES_NO_TOKENS: &[&str] = &[
    "có",
    "không",
    "đạt",
    "không đạt",
    "yes",
    "no",
    "true",
    "false",
    "x",
    "1",
    "0",
];

const YES_TOKENS: &[&str] = &["có", "đạt", "yes", "true", "x", "1"];
const NO_TOKENS: &[&str] = &["không", "không đạt", "no", "false", "0"];

/// Read a yes/no cell: case-insensitive, NFD/NFC-insensitive. `None` for anything else.
pub fn parse_yes_no(s: &str) -> Option<bool> {
    // The tokens as usually typed (already NFC and trimmed) need no keys.
    if YES_TOKENS.contains(&s) {
        return Some(true);
    }
    if NO_TOKENS.contains(&s) {
        return Some(false);
    }
    let key = token_key(s);
    if YES_TOKENS.contains(&key.as_str()) {
        Some(true)
    } else if NO_TOKENS.contains(&key.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// Accepted "not applicable" tokens, for error messages.
pub const NOT_APPLICABLE_TOKENS: &[&str] = &["N/A", "NA", "KAD", "không áp dụng"];

/// Whether a cell says "not applicable" (case-insensitive, NFD/NFC-insensitive).
pub fn is_not_applicable(s: &str) -> bool {
    // The quick tests below are read off the token list, so they stay
    // right when a token is added. Most cells are numbers: a first letter
    // no token starts with (in either case) settles it.
    let Some(first) = s.trim_start().chars().next() else {
        return false;
    };
    let starts_a_token = NOT_APPLICABLE_TOKENS.iter().any(|t| {
        t.chars()
            .next()
            .is_some_and(|c| c.eq_ignore_ascii_case(&first))
    });
    if !starts_a_token {
        return false;
    }
    if s.is_ascii() {
        // The key of ASCII text is the trimmed text in lower case, and only
        // an ASCII token can have it.
        let trimmed = s.trim();
        return NOT_APPLICABLE_TOKENS
            .iter()
            .any(|t| t.is_ascii() && trimmed.eq_ignore_ascii_case(t));
    }
    // The other tokens are written NFC with single spaces, their shortest
    // form: a shorter cell ("không", "Khá") is none of them.
    let shortest = NOT_APPLICABLE_TOKENS
        .iter()
        .filter(|t| !t.is_ascii())
        .map(|t| t.len())
        .min();
    if shortest.is_none_or(|n| s.len() < n) {
        return false;
    }
    let key = token_key(s);
    NOT_APPLICABLE_TOKENS.iter().any(|t| label_key(t) == key)
}

/// Case-insensitive, NFC-normalised comparison key for labels such as "Xuất sắc".
pub fn label_key(s: &str) -> String {
    // Re-compose after lowercasing: lowercase mappings are not guaranteed to
    // preserve NFC in general, and keys must be canonical to compare.
    let lower = normalize(s).to_lowercase();
    ComposingNormalizerBorrowed::new_nfc()
        .normalize(&lower)
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use icu_normalizer::DecomposingNormalizerBorrowed;
    use proptest::prelude::*;
    use std::str::FromStr;

    /// The quick test's claim, checked against the normaliser for every
    /// character it passes, alone and after each of a few neighbours.
    #[test]
    fn plain_nfc_characters_are_nfc_in_any_order() {
        let nfc = ComposingNormalizerBorrowed::new_nfc();
        let passed: Vec<char> = ('\0'..='\u{1EFF}')
            .filter(|&c| is_plain_nfc(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(passed.len(), 0x300 + 0x100);
        let neighbours = ['a', 'A', 'o', 'ơ', 'ư', 'Ư', 'ê', 'ạ', 'ỹ', 'ß', 'ǖ', ' '];
        for &c in &passed {
            for &n in &neighbours {
                for pair in [format!("{n}{c}"), format!("{c}{n}"), format!("{c}{c}")] {
                    assert!(nfc.is_normalized(&pair), "{:?} is not NFC", pair);
                }
            }
        }
        // A combining mark is not passed: "a" + U+0301 composes to "á".
        assert!(!is_plain_nfc("a\u{301}"));
        assert_eq!(normalize_cow("  a\u{301} "), "á");
        assert!(matches!(
            normalize_cow(" Phường Nghi Hải "),
            std::borrow::Cow::Borrowed("Phường Nghi Hải")
        ));
    }

    proptest! {
        /// The ASCII trim is `str::trim_matches(is_trimmable)`.
        #[test]
        fn ascii_trim_agrees(s in "[ \t\n\x0B\x0C\r\x1C-\x1Fa0.]{0,10}") {
            let trimmed = normalize_cow(&s);
            prop_assert_eq!(trimmed.as_ref(), s.trim_matches(is_trimmable));
        }

        /// So is the trim of other text.
        #[test]
        fn trim_agrees(s in "[ a\\x{A0}\\x{3000}\\x{FEFF}\\x{200B}ơạ]{0,8}") {
            prop_assert_eq!(trim(&s), s.trim_matches(is_trimmable));
        }

        /// A cell is blank exactly when normalising it leaves nothing:
        /// whitespace of every kind, the invisible characters trimmed, and
        /// EN/EM QUAD, whose NFC forms are spaces too.
        #[test]
        fn blank_means_nothing_left_after_normalising(
            s in "[ \\t\\r\\x{A0}\\x{2000}\\x{2001}\\x{3000}\\x{FEFF}\\x{200B}\\x{2060}\\x{301}a.]{0,8}"
        ) {
            prop_assert_eq!(is_blank(&s), normalize(&s).is_empty());
        }

        #[test]
        fn plain_nfc_strings_are_nfc(s in "[\\x{0}-\\x{2FF}\\x{1E00}-\\x{1EFF}]{0,12}") {
            prop_assert!(is_plain_nfc(&s));
            prop_assert!(ComposingNormalizerBorrowed::new_nfc().is_normalized(&s));
        }
    }

    fn nfd(s: &str) -> String {
        DecomposingNormalizerBorrowed::new_nfd()
            .normalize(s)
            .into_owned()
    }

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

    // ---------- normalize ----------

    #[test]
    fn normalize_trims_all_kinds_of_whitespace() {
        assert_eq!(normalize("  abc  "), "abc");
        assert_eq!(normalize("\u{00A0}abc\u{00A0}"), "abc");
        assert_eq!(normalize("\u{FEFF}abc"), "abc");
        assert_eq!(normalize("\t\r\nabc\n"), "abc");
        assert_eq!(
            normalize("\u{2003}\u{3000}abc\u{202F}\u{200B}\u{2060}"),
            "abc"
        );
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \u{00A0}\u{FEFF} "), "");
    }

    #[test]
    fn normalize_keeps_inner_whitespace() {
        assert_eq!(normalize(" Xuất  sắc "), "Xuất  sắc");
        assert_eq!(normalize("a\u{00A0}b"), "a\u{00A0}b");
    }

    #[test]
    fn normalize_composes_nfd() {
        let decomposed = "Nghi Ho\u{0300}a"; // o + combining grave
        assert_ne!(decomposed, "Nghi Hòa");
        assert_eq!(normalize(decomposed), "Nghi Hòa");
        // Stacked Vietnamese marks: e + circumflex + acute -> ế.
        assert_eq!(normalize("e\u{0302}\u{0301}"), "ế");
        // Mark order with different combining classes is canonicalised too:
        // dot below (220) + circumflex (230) in either order -> ộ.
        assert_eq!(normalize("o\u{0302}\u{0323}"), "ộ");
        assert_eq!(normalize("o\u{0323}\u{0302}"), "ộ");
        assert_eq!(normalize(&nfd("Thu Thủy")), "Thu Thủy");
    }

    #[test]
    fn normalize_does_not_apply_compatibility_mappings() {
        // NFC, not NFKC: full-width digits and ligatures stay as they are.
        assert_eq!(normalize("１"), "１");
        assert_eq!(normalize("ﬁ"), "ﬁ");
    }

    // ---------- parse_number: plain ----------

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
    fn yes_no_tokens() {
        for s in [
            "có", "đạt", "yes", "true", "x", "1", "CÓ", "Đạt", "ĐẠT", "YES", "True", "X",
        ] {
            assert_eq!(parse_yes_no(s), Some(true), "{s:?}");
        }
        for s in [
            "không",
            "không đạt",
            "no",
            "false",
            "0",
            "KHÔNG",
            "Không Đạt",
            "NO",
        ] {
            assert_eq!(parse_yes_no(s), Some(false), "{s:?}");
        }
        for s in [
            "",
            "y",
            "n",
            "2",
            "1.0",
            "co",
            "dat",
            "khong",
            "có có",
            "không áp dụng",
            "N/A",
        ] {
            assert_eq!(parse_yes_no(s), None, "{s:?}");
        }
    }

    #[test]
    fn yes_no_handles_nfd_whitespace_and_case() {
        assert_eq!(parse_yes_no(&nfd("có")), Some(true));
        assert_eq!(parse_yes_no(&nfd("Không Đạt")), Some(false));
        assert_eq!(parse_yes_no(&nfd("ĐẠT")), Some(true));
        assert_eq!(parse_yes_no(" \u{00A0}Có\u{FEFF} "), Some(true));
        assert_eq!(parse_yes_no("Không  Đạt"), Some(false));
        assert_eq!(parse_yes_no("không\u{00A0}đạt"), Some(false));
    }

    #[test]
    fn yes_no_token_list_matches_parser() {
        for t in YES_NO_TOKENS {
            assert!(parse_yes_no(t).is_some(), "{t}");
        }
        assert_eq!(YES_NO_TOKENS.len(), YES_TOKENS.len() + NO_TOKENS.len());
    }

    #[test]
    fn not_applicable_tokens() {
        for s in [
            "N/A",
            "n/a",
            "NA",
            "na",
            "Na",
            "KAD",
            "kad",
            "không áp dụng",
            "Không Áp Dụng",
            " KHÔNG ÁP DỤNG ",
        ] {
            assert!(is_not_applicable(s), "{s:?}");
        }
        assert!(is_not_applicable(&nfd("Không áp dụng")));
        assert!(is_not_applicable("không  áp\u{00A0}dụng"));
        for s in ["", "N / A", "N.A.", "không", "0", "-", "nan"] {
            assert!(!is_not_applicable(s), "{s:?}");
        }
        for t in NOT_APPLICABLE_TOKENS {
            assert!(is_not_applicable(t), "{t}");
            assert_eq!(parse_yes_no(t), None, "{t}");
            // The binder reads plain numbers before it looks for N/A.
            for style in [DecimalStyle::Point, DecimalStyle::Comma] {
                assert_eq!(parse_plain_number(t, style), None, "{t}");
            }
        }
    }

    proptest! {
        /// The fast paths say what the full key comparison says.
        #[test]
        fn not_applicable_fast_paths_agree(
            s in "[nNkKaAdDgGhHpP/ \t\u{A0}ôÔáÁụỤ\u{301}\u{302}\u{323}oOuU]{0,20}"
        ) {
            let full = s.trim_start().starts_with(['n', 'N', 'k', 'K'])
                && NOT_APPLICABLE_TOKENS.iter().any(|t| label_key(t) == token_key(&s));
            prop_assert_eq!(is_not_applicable(&s), full);
        }
    }

    #[test]
    fn label_keys() {
        assert_eq!(label_key(" Xuất sắc "), "xuất sắc");
        assert_eq!(label_key("XUẤT SẮC"), "xuất sắc");
        assert_eq!(label_key(&nfd("Xuất Sắc")), "xuất sắc");
        // std lowercases Vietnamese Đ correctly.
        assert_eq!("Đ".to_lowercase(), "đ");
        assert_eq!(label_key("ĐẠT"), "đạt");
        assert_eq!(label_key("Ư Ơ Ă Â Ê Ô"), "ư ơ ă â ê ô");
        // Inner spacing is significant for labels (only tokens collapse it).
        assert_ne!(label_key("Xuất  sắc"), label_key("Xuất sắc"));
    }

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

        #[test]
        fn prop_label_key_canonical(s in "[a-zA-Z ăâđêôơưĂÂĐÊÔƠƯáàảãạÁÀẢÃẠếỆ\u{0300}\u{0301}\u{0303}\u{0309}\u{0323}]{0,12}") {
            let k = label_key(&s);
            prop_assert_eq!(&label_key(&k), &k);
            prop_assert_eq!(&label_key(&nfd(&s)), &k);
            prop_assert_eq!(&label_key(&s.to_uppercase()), &label_key(&s.to_lowercase()));
        }

        #[test]
        fn prop_normalize_idempotent(s in "\\PC{0,20}") {
            let n = normalize(&s);
            prop_assert_eq!(&normalize(&n), &n);
            prop_assert_eq!(&normalize(&nfd(&s)), &n);
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
