//! A spreadsheet cell as the person sees it in Excel or LibreOffice: which
//! section of a number format applies and whether it is a percentage, the
//! fifteen significant digits Excel shows of a double, and dates and times
//! in the Vietnamese way (dd/mm/yyyy, hh:mm). Pure: no I/O, no calamine
//! reader state.

#![allow(
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "digit counts and serial days are checked positive and small before they are cast; doubles are what the spreadsheet stored"
)]

use calamine::{ExcelDateTime, ExcelDateTimeType};
use std::collections::HashMap;

/// Excel shows at most this many significant digits of a number; a
/// threshold compares what the person sees, not the double's binary tail.
pub const SHOWN_DIGITS: usize = 15;

/// What a person sees where a date or time falls outside the calendar
/// Excel can show (before its epoch, after 31/12/9999).
pub const OUT_OF_CALENDAR: &str = "########";

/// The number a double shows: rounded to [`SHOWN_DIGITS`] significant
/// digits, half away from zero as Excel rounds, then in its shortest plain
/// decimal form (no exponent). `None` for NaN and infinities.
pub fn shown_number(value: f64) -> Option<String> {
    if !value.is_finite() {
        return None;
    }
    if value == 0.0 {
        // Negative zero shows as 0.
        return Some("0".to_string());
    }
    let magnitude = value.abs();
    // The shortest form that reads back to the double is what Excel shows
    // when it fits in fifteen digits: the double then lies far closer to it
    // than to any rounding boundary. Most typed values end here.
    let (shortest, exponent) = shortest_digits(magnitude);
    if shortest.len() <= SHOWN_DIGITS {
        return Some(plain_decimal(value < 0.0, &shortest, exponent));
    }
    let (mut digits, mut exponent) = scientific_digits(magnitude, SHOWN_DIGITS);
    if is_tie_rounded_to_even_below(magnitude, &digits) {
        exponent += round_up(&mut digits);
    }
    Some(plain_decimal(value < 0.0, &digits, exponent))
}

/// The shortest digits that read back to `magnitude`, and the exponent.
fn shortest_digits(magnitude: f64) -> (Vec<u8>, i32) {
    split_scientific(&format!("{magnitude:e}"))
}

/// `magnitude` as `precision` significant digits and a decimal exponent
/// (d.ddd × 10^exponent), correctly rounded from its exact binary value.
fn scientific_digits(magnitude: f64, precision: usize) -> (Vec<u8>, i32) {
    split_scientific(&format!("{:.*e}", precision - 1, magnitude))
}

/// `d.ddde±x` → its digits and exponent.
fn split_scientific(text: &str) -> (Vec<u8>, i32) {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    (digits, exponent.parse().unwrap_or(0))
}

/// Rust's formatter breaks an exact tie towards the even digit; Excel
/// rounds it up. A tie is rare (the double must hold exactly one more
/// digit, a 5), so the exact expansion is only looked at then.
fn is_tie_rounded_to_even_below(magnitude: f64, rounded: &[u8]) -> bool {
    let (longer, _) = scientific_digits(magnitude, SHOWN_DIGITS + 1);
    if longer.get(SHOWN_DIGITS) != Some(&b'5') || longer[..SHOWN_DIGITS] != *rounded {
        return false;
    }
    // A double's exact decimal expansion has at most 767 significant digits.
    let (exact, _) = scientific_digits(magnitude, 800);
    exact[SHOWN_DIGITS + 1..].iter().all(|&d| d == b'0')
}

/// Adds one unit in the last place; the exponent grows by the returned
/// amount when 99…9 becomes 100…0.
fn round_up(digits: &mut [u8]) -> i32 {
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return 0;
        }
    }
    if let Some(first) = digits.first_mut() {
        *first = b'1';
    }
    1
}

/// d.ddd × 10^exponent written out in full, without trailing zeros after
/// the point.
fn plain_decimal(negative: bool, digits: &[u8], exponent: i32) -> String {
    let significant = digits
        .iter()
        .rposition(|&d| d != b'0')
        .map_or(&digits[..0], |last| &digits[..=last]);
    let digits = String::from_utf8_lossy(significant);
    let mut out = String::with_capacity(digits.len() + 24);
    if negative {
        out.push('-');
    }
    // Digits before the decimal point.
    let whole = i64::from(exponent) + 1;
    #[allow(clippy::expect_used, reason = "an invariant, not data")]
    let width = usize::try_from(whole.unsigned_abs())
        .expect("invariant: one more than an i32 exponent, in magnitude, fits usize");
    if whole <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', width));
        out.push_str(&digits);
    } else if width >= digits.len() {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', width - digits.len()));
    } else {
        let (int, frac) = digits.split_at(width);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// One piece of a number format code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    /// A character that formats (`0`, `#`, `%`, `y`, `h`, …).
    Code(char),
    /// The inside of `[…]`: a colour, a condition, a locale, `h` for
    /// elapsed hours.
    Bracket(&'a str),
    /// What shows as itself: "quoted text", or the character after `\`
    /// or `!`.
    Literal(&'a str),
}

/// The format tokens of `code`. What only shows as itself ("quoted
/// text", a character after `\` or `!`) is a `Literal`; the character
/// after `_` (a space as wide as it) or `*` (fill) is left out. Section
/// separators (`;`) come through as `Code(';')`.
fn tokens(code: &str) -> impl Iterator<Item = Token<'_>> {
    let mut rest = code;
    std::iter::from_fn(move || {
        loop {
            let mut chars = rest.chars();
            let c = chars.next()?;
            match c {
                '"' => {
                    let after = chars.as_str();
                    let end = after.find('"').unwrap_or(after.len());
                    rest = after.get(end + 1..).unwrap_or("");
                    return Some(Token::Literal(&after[..end]));
                }
                '\\' | '!' => {
                    let after = chars.as_str();
                    let width = chars.next().map_or(0, char::len_utf8);
                    rest = chars.as_str();
                    return Some(Token::Literal(&after[..width]));
                }
                '_' | '*' => {
                    chars.next();
                    rest = chars.as_str();
                }
                '[' => {
                    let after = chars.as_str();
                    let end = after.find(']').unwrap_or(after.len());
                    rest = after.get(end + 1..).unwrap_or("");
                    return Some(Token::Bracket(&after[..end]));
                }
                _ => {
                    rest = chars.as_str();
                    return Some(Token::Code(c));
                }
            }
        }
    })
}

/// Excel refuses a format code longer than this; a longer one comes from no
/// spreadsheet program, and reading it for every cell would let one hostile
/// style cost time in proportion to its length times the cells.
pub const MAX_FORMAT_CODE_CHARS: usize = 255;

/// The sections of a format code (positive;negative;zero;text), split at
/// the `;` that are tokens, not text. A code over the length Excel allows
/// has none: it shows nothing but the number.
fn sections(code: &str) -> Vec<Vec<Token<'_>>> {
    let mut all = vec![Vec::new()];
    if code.len() > MAX_FORMAT_CODE_CHARS * 4 || code.chars().count() > MAX_FORMAT_CODE_CHARS {
        return all;
    }
    for token in tokens(code) {
        match (token, all.last_mut()) {
            (Token::Code(';'), _) => all.push(Vec::new()),
            (token, Some(section)) => section.push(token),
            (_, None) => {}
        }
    }
    all
}

/// A section's condition, such as `[>=100]`: its operator and bound.
type Condition = (&'static str, f64);

/// A section's condition, such as `[>=100]`.
fn condition(section: &[Token<'_>]) -> Option<Condition> {
    section.iter().find_map(|t| match t {
        Token::Bracket(inside) => ["<=", ">=", "<>", "<", ">", "="]
            .into_iter()
            .find_map(|op| Some((op, inside.strip_prefix(op)?.trim().parse().ok()?))),
        Token::Code(_) | Token::Literal(_) => None,
    })
}

fn holds(condition: (&str, f64), value: f64) -> bool {
    let (op, bound) = condition;
    match op {
        "<=" => value <= bound,
        ">=" => value >= bound,
        "<>" => value != bound,
        "<" => value < bound,
        ">" => value > bound,
        _ => value == bound,
    }
}

/// The section of a format that shows `value`: up to four sections,
/// positive;negative;zero;text, or the sections' own conditions.
fn section_for<'a>(code: &'a str, value: f64) -> Vec<Token<'a>> {
    chosen_section(code, value).0
}

/// [`section_for`], and whether it shows a number below zero with no
/// sign at all: Excel adds a minus of its own only in some sections (see
/// [`adds_a_minus`]), and the section itself may write none (a minus or
/// parentheses).
fn chosen_section<'a>(code: &'a str, value: f64) -> (Vec<Token<'a>>, bool) {
    let mut all = sections(code);
    // A text section (with @) never shows a number.
    let numeric = match all.get(3) {
        Some(_) => 3,
        None if all.len() > 1 && all.last().is_some_and(|s| is_text_section(s)) => all.len() - 1,
        None => all.len(),
    };
    let first_condition = all.first().and_then(|s| condition(s));
    let second_condition = all.get(1).and_then(|s| condition(s));
    // With conditions, an unconditioned first section is `[>0]`.
    let index = match (first_condition, second_condition) {
        (None, None) if value < 0.0 && numeric >= 2 => 1,
        (None, None) if value == 0.0 && numeric >= 3 => 2,
        (None, None) => 0,
        (first, _) if holds(first.unwrap_or((">", 0.0)), value) => 0,
        (_, Some(second)) if holds(second, value) => 1,
        (_, Some(_)) => 2,
        (_, None) => 1,
    };
    let minus_added = adds_a_minus((first_condition, second_condition), all.len(), index);
    let section = if index < numeric && index < all.len() {
        all.swap_remove(index)
    } else if second_condition.is_some() {
        // Two conditions, neither holding, and no section for the rest:
        // Excel fills the cell with `#`.
        vec![Token::Literal(NO_SECTION_SHOWN)]
    } else {
        // One condition not holding, and no section for the rest: the
        // number shows as General does.
        vec![Token::Code('G')]
    };
    let sign_lost = value < 0.0 && !minus_added && !shows_a_sign(&section);
    (section, sign_lost)
}

/// What Excel shows for a number no section of its format takes.
const NO_SECTION_SHOWN: &str = "######";

/// Whether Excel writes a minus before a number below zero shown by
/// section `index` of a code with `sections` sections: without conditions,
/// only when the code has one number section (the negative section of a
/// longer code writes its own sign, or none). With conditions (an
/// unconditioned first section counts as `[>0]`), every section but one
/// whose own condition is below zero (`[<0]`, `[<=-1]`, `[=-5]`), and a
/// second section without a condition after a one- or two-section code's
/// first only when that is `[=…]` or `[>…]`/`[>=…]` of 0 or more. These
/// are Excel's rules as the numfmt library has them from Excel itself.
fn adds_a_minus(
    conditions: (Option<Condition>, Option<Condition>),
    sections: usize,
    index: usize,
) -> bool {
    let no_minus_below = |(op, bound): (&str, f64)| {
        (bound < 0.0 && matches!(op, "<" | "<=" | "=")) || (bound == 0.0 && op == "<")
    };
    match conditions {
        (None, None) => index == 0,
        (first, second) => {
            let first = first.unwrap_or((">", 0.0));
            match (index, second) {
                (0, _) => !no_minus_below(first),
                (1, Some(second)) => !no_minus_below(second),
                (1, None) if sections < 3 => {
                    let (op, bound) = first;
                    op == "=" || (bound >= 0.0 && matches!(op, ">" | ">="))
                }
                _ => true,
            }
        }
    }
}

/// Whether a section shows a number's sign itself: a minus (not an
/// exponent's, `0.0E-0`) or parentheses, as code or as quoted text.
/// Words do not count (`0;0" giảm"`): what they say cannot be known, and
/// a cell wrongly named is safer than a sign wrongly read.
fn shows_a_sign(section: &[Token<'_>]) -> bool {
    let mut after_exponent = false;
    section.iter().any(|t| {
        let sign = match *t {
            Token::Code('-' | '+') if after_exponent => false,
            Token::Code(c) => matches!(c, '-' | '(' | '\u{2212}'),
            Token::Literal(text) => text.contains(['-', '(', '\u{2212}']),
            Token::Bracket(_) => false,
        };
        after_exponent = matches!(t, Token::Code('E' | 'e'));
        sign
    })
}

/// Whether `code` shows a text cell as nothing: a fourth (text) section
/// with neither `@` nor text of its own (`;;;`).
pub fn hides_text(code: &str) -> bool {
    // Four sections need three `;` (text with a format such as `@` has
    // none, and is passed by here without reading its code).
    if code.bytes().filter(|&b| b == b';').count() < 3 {
        return false;
    }
    sections(code).get(3).is_some_and(|section| {
        !section.iter().any(|t| match *t {
            Token::Code(c) => c == '@' || (c != ' ' && SHOWN_AS_ITSELF.contains(c)),
            Token::Literal(text) => !text.trim().is_empty(),
            Token::Bracket(_) => false,
        })
    })
}

fn is_text_section(section: &[Token<'_>]) -> bool {
    section.contains(&Token::Code('@'))
}

/// How the section of a number format that shows a value shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum NumberShown {
    /// With at least `min` and at most `max` decimal places (`0.0#`: 1
    /// and 2), rounded half away from zero as Excel rounds.
    Places { min: u32, max: u32 },
    /// Not at all: the section holds only text (`"Đạt"`), or nothing
    /// (`;;;`, which hides the cell's value).
    Text(String),
    /// As stored: General, and what this reader does not lay out
    /// (scientific, fractions, thousands scaling, dates).
    AsStored,
}

/// Text that is a dash, with a currency sign or spaces around it or not
/// (`-`, `$-`, `- ₫`): how the accounting formats show a zero.
fn is_a_dash(text: &str) -> bool {
    let mut marks = text
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '–' | '—'));
    matches!(marks.next(), Some('-' | '–' | '—')) && marks.next().is_none()
}

/// Characters a number format shows as themselves without quotes.
const SHOWN_AS_ITSELF: &str = "$-+/():^&'~{}<>= ";

/// How a number format shows one number: as a percentage or not, and to
/// which places (or what text in its place), from one reading of the
/// code's section that shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFormat {
    pub percent: bool,
    /// The number is below zero and shows without its minus
    /// (`0.00;[Red]0.00`, one of Excel's own "Number" formats, shows -5 as
    /// a red 5): a person reads it as negative from the colour alone, or
    /// as positive, and the reader cannot tell which.
    pub minus_unseen: bool,
    /// No section of the format takes the number: the cell shows `######`
    /// in its place.
    pub no_section: bool,
    shown: NumberShown,
    /// Text the format writes around the number (`"P"000` shows 5 as
    /// `P005`), for a number not below zero.
    decoration: Option<Decoration>,
}

/// Text around a number's digits, and the whole digits it is padded to:
/// `"CA-"0000` is `CA-`, 4 digits, nothing after.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decoration {
    before: String,
    after: String,
    /// Whole digits shown at least (the `0`s before the point).
    whole_digits: usize,
}

impl Decoration {
    /// The section's decoration, where it is text, then digit placeholders
    /// (with a point and places or not), then text, and some text shows;
    /// `None` for any other section (thousands separators, a percentage,
    /// a sign, scientific, fractions, dates: read as they were).
    fn of(section: &[Token<'_>]) -> Option<Decoration> {
        let (mut before, mut after) = (String::new(), String::new());
        let (mut whole_digits, mut part) = (0, 0);
        // Shown as themselves, bar a sign and a fraction's bar.
        let itself = |c: char| SHOWN_AS_ITSELF.contains(c) && !"-+()/".contains(c);
        for t in section {
            match (*t, part) {
                // A currency (`[$₫-42A]`) shows: not laid out here.
                (Token::Bracket(b), _) if b.starts_with('$') => return None,
                (Token::Bracket(_), _) => {}
                (Token::Code('0'), 0 | 1) => {
                    whole_digits += 1;
                    part = 1;
                }
                // `#` pads from the first `0` on (`0##`): not laid out.
                (Token::Code('#'), 0 | 1) if whole_digits == 0 => part = 1,
                (Token::Code('.'), 1) => part = 2,
                // Places all shown (`0.00`); `0.##` shows `5.`.
                (Token::Code('0'), 2) => {}
                (Token::Literal(text), 0) => before.push_str(text),
                (Token::Literal(text), 1..) => {
                    after.push_str(text);
                    part = 3;
                }
                (Token::Code(c), 0) if itself(c) => before.push(c),
                (Token::Code(c), 1..) if itself(c) => {
                    after.push(c);
                    part = 3;
                }
                _ => return None,
            }
        }
        let shows_text = !(before.trim().is_empty() && after.trim().is_empty());
        (part > 0 && shows_text).then_some(Decoration {
            before,
            after,
            whole_digits,
        })
    }

    /// `number` (as the format's places show it, not below zero) with the
    /// text around it.
    fn around(&self, number: &str) -> String {
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        let mut text = self.before.clone();
        // `#` shows no digit for a whole part of 0 (`#.00` shows .50).
        if whole != "0" || self.whole_digits > 0 {
            text.extend(std::iter::repeat_n(
                '0',
                self.whole_digits.saturating_sub(whole.len()),
            ));
            text.push_str(whole);
        }
        if !fraction.is_empty() {
            text.push('.');
            text.push_str(fraction);
        }
        text.push_str(&self.after);
        text
    }
}

/// The [`NumberFormat`] of `code` for `value`.
pub fn number_format(code: &str, value: f64) -> NumberFormat {
    let (section, sign_lost) = chosen_section(code, value);
    // A `%` shows the number times a hundred, but not through a text
    // section (`@%` shows a number as it is) nor beside a thousands
    // scaling (`#,##0,%`), which this reader reads as stored whole.
    let percent = section.contains(&Token::Code('%'))
        && !is_text_section(&section)
        && !thousands_scaled(&section);
    NumberFormat {
        percent,
        minus_unseen: sign_lost,
        no_section: matches!(section.as_slice(), [Token::Literal(NO_SECTION_SHOWN)]),
        shown: number_shown(&section),
        // NaN shows through the first section, as a positive number does.
        // Space (`_)`) and fill (`*-`) are left out of the tokens: such a
        // code is not laid out.
        decoration: ((value.is_nan() || value >= 0.0) && !percent && !code.contains(['_', '*']))
            .then(|| Decoration::of(&section))
            .flatten(),
    }
}

/// Whether a section scales its number by thousands: a `,` after the
/// last digit placeholder (`0,` shows 1234567 as 1235).
fn thousands_scaled(section: &[Token<'_>]) -> bool {
    let placeholder = |t: &Token<'_>| matches!(t, Token::Code('0' | '#' | '?'));
    section
        .iter()
        .rposition(placeholder)
        .is_some_and(|last| section[last + 1..].contains(&Token::Code(',')))
}

/// [`number_format`] for the cells of a sheet, which share a few codes:
/// each code read once for the numbers above, below and at zero, unless
/// its sections choose by conditions of their own (`[>=90]`), which are
/// read for each value.
#[derive(Debug, Default)]
pub struct NumberFormats {
    by_code: HashMap<String, Option<[NumberFormat; 3]>>,
}

/// Codes remembered at most: a workbook has a few dozen; past this, a
/// code is read for each cell.
const MAX_CODES_KEPT: usize = 1024;

impl NumberFormats {
    /// How `code` shows `value`, as [`number_format`] says.
    pub fn of(&mut self, code: &str, value: f64) -> NumberFormat {
        // NaN shows through the first section, as a positive number does.
        let class = if value < 0.0 {
            1
        } else if value == 0.0 {
            2
        } else {
            0
        };
        match self.by_code.get(code) {
            Some(Some(formats)) => return formats[class].clone(),
            Some(None) => return number_format(code, value),
            None if self.by_code.len() >= MAX_CODES_KEPT => return number_format(code, value),
            None => {}
        }
        let conditional = sections(code).iter().any(|s| condition(s).is_some());
        let formats = (!conditional)
            .then(|| [1.0, -1.0, 0.0].map(|representative| number_format(code, representative)));
        self.by_code.insert(code.to_string(), formats);
        number_format(code, value)
    }
}

fn number_shown(section: &[Token<'_>]) -> NumberShown {
    if date_parts_in(section).is_some() {
        return NumberShown::AsStored;
    }
    let placeholder = |t: &Token<'_>| matches!(t, Token::Code('0' | '#' | '?'));
    let code_of = |c: char| section.contains(&Token::Code(c));
    let general = code_of('G') || code_of('g');
    if general || code_of('E') || code_of('e') || code_of('/') || code_of('@') {
        return NumberShown::AsStored;
    }
    if !section.iter().any(placeholder) {
        // What shows: quoted text, and the characters that show as
        // themselves unquoted (`0;-0;-` shows a zero as "-").
        let mut text = String::new();
        for t in section {
            match *t {
                Token::Literal(literal) => text.push_str(literal),
                Token::Code(c) if SHOWN_AS_ITSELF.contains(c) => text.push(c),
                _ => {}
            }
        }
        return NumberShown::Text(text);
    }
    // `0,` shows thousands: not laid out here.
    if thousands_scaled(section) {
        return NumberShown::AsStored;
    }
    let (mut min, mut max) = (0, 0);
    if let Some(point) = section.iter().position(|t| *t == Token::Code('.')) {
        for t in section[point + 1..].iter().take_while(|t| placeholder(t)) {
            max += 1;
            if *t == Token::Code('0') {
                min = max;
            }
        }
    }
    NumberShown::Places { min, max }
}

/// A number cell's text (`shown`, its [`shown_number`], a percentage
/// already times a hundred) as its format `code` shows it: rounded to the
/// places the format shows; `Err` with the text the format shows instead
/// of the number (none for `;;;`).
pub fn number_as_shown(shown: &str, code: &str, value: f64) -> Result<String, String> {
    number_format(code, value).apply(shown, value)
}

impl NumberFormat {
    /// `number` (what [`NumberFormat::apply`] made of the cell) with the
    /// text the format writes around it, as the cell shows it; `None` when
    /// it writes none.
    pub fn decorated(&self, number: &str) -> Option<String> {
        self.decoration.as_ref().map(|d| d.around(number))
    }

    /// A number cell's text (`shown`, its [`shown_number`], a percentage
    /// already times a hundred) as this format shows `value`; `Err` with
    /// the text shown in the number's place (none for `;;;`).
    pub fn apply(&self, shown: &str, value: f64) -> Result<String, String> {
        match &self.shown {
            NumberShown::AsStored => Ok(shown.to_string()),
            // A zero shown as a dash (the accounting formats, Excel's
            // "Comma [0]"): the person reads no cases, 0.
            NumberShown::Text(text) if value == 0.0 && is_a_dash(text) => Ok("0".to_string()),
            NumberShown::Text(text) => Err(text.clone()),
            &NumberShown::Places { min, max } => {
                Ok(to_places_as_written(shown, min, max)
                    .unwrap_or_else(|| to_places(shown, min, max)))
            }
        }
    }
}

/// A number's text (shortest form, as [`shown_number`] writes it) to at
/// least `min` and at most `max` places, rounded half away from zero.
fn to_places(shown: &str, min: u32, max: u32) -> String {
    let Ok(number) = shown.parse::<rust_decimal::Decimal>() else {
        return shown.to_string();
    };
    let mut rounded = number
        .round_dp_with_strategy(max, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    if rounded.scale() < min {
        rounded.rescale(min);
    }
    rounded.to_string()
}

/// [`to_places`] without taking the number apart, for a text that needs
/// no rounding (most cells: a format shows as many places as were typed,
/// or more): as written, or with zeros added. `None` for any other text.
fn to_places_as_written(shown: &str, min: u32, max: u32) -> Option<String> {
    let digits = shown.strip_prefix('-').unwrap_or(shown);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    // Shortest form, and no minus zero (which the decimal path drops).
    let zero = whole.bytes().chain(fraction.bytes()).all(|b| b == b'0');
    let trailing_zero = fraction.ends_with('0');
    let leading_zero = whole.len() > 1 && whole.starts_with('0');
    let minus_zero = zero && digits.len() < shown.len();
    let shortest = !(trailing_zero || leading_zero || minus_zero);
    if whole.is_empty() || !plain(whole) || !plain(fraction) || !shortest {
        return None;
    }
    let places = u32::try_from(fraction.len()).ok()?;
    // Past a decimal's 28 digits the decimal path keeps the text as it is.
    if places > max || whole.len() + fraction.len() > 28 {
        return None;
    }
    let mut text = shown.to_string();
    if places < min {
        if places == 0 {
            text.push('.');
        }
        text.extend(std::iter::repeat_n(
            '0',
            usize::try_from(min - places).ok()?,
        ));
    }
    Some(text)
}

/// A whole number shown through a format of zeros only (`00000`, which
/// offices give ward codes: 4 shows as `00004`): padded to the format's
/// width, as the cell shows it. `None` for any other format or value; a
/// whole number that is padded reads as the same number, so a number
/// column reads the same value either way.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a whole number from 0 to below 10^15, checked first"
)]
pub fn zero_padded(code: &str, value: f64) -> Option<String> {
    let width = code.len();
    let zeros = (2..=SHOWN_DIGITS).contains(&width) && code.bytes().all(|b| b == b'0');
    let whole = value.fract() == 0.0 && (0.0..1e15).contains(&value);
    (zeros && whole).then(|| format!("{:0width$}", value as u64))
}

/// Which parts of a date and time a format shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateTimeParts {
    pub date: bool,
    pub time: bool,
    pub seconds: bool,
}

/// The parts of a date/time a format code shows, for the section that
/// shows `value`; `None` when it shows none (not a date format).
pub fn date_time_parts(code: &str, value: f64) -> Option<DateTimeParts> {
    date_parts_in(&section_for(code, value))
}

/// The parts of a date/time a format's section shows.
fn date_parts_in(section: &[Token<'_>]) -> Option<DateTimeParts> {
    let mut letters = Vec::new();
    let mut parts = DateTimeParts::default();
    let mut previous = ' ';
    for token in section {
        match *token {
            Token::Bracket(inside) => {
                // Elapsed time: [h], [mm], [ss].
                let inside = inside.to_ascii_lowercase();
                if !inside.is_empty() && inside.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    parts.time = true;
                    parts.seconds |= inside.starts_with('s');
                    // Minutes after elapsed time are minutes, not a month.
                    letters.push('h');
                }
            }
            Token::Code(c) => {
                let c = c.to_ascii_lowercase();
                // An exponent (E+, E-) is not a year.
                if c == '+' || c == '-' {
                    if previous == 'e' && letters.last() == Some(&'e') {
                        letters.pop();
                    }
                } else if c.is_ascii_alphabetic() && c != previous {
                    letters.push(c);
                }
                previous = c;
            }
            Token::Literal(_) => {}
        }
    }
    let text: String = letters.iter().collect();
    // Words that are not date parts.
    let text = ["general", "am/pm", "a/p", "ampm", "ap"]
        .iter()
        .fold(text, |t, word| t.replace(word, ""));
    let letters: Vec<char> = text.chars().collect();
    for (i, &c) in letters.iter().enumerate() {
        match c {
            'y' | 'e' | 'd' | 'b' | 'g' => parts.date = true,
            'h' => parts.time = true,
            's' => {
                parts.time = true;
                parts.seconds = true;
            }
            // m after an hour or before seconds is minutes, else a month.
            'm' => {
                let after_hour = i > 0 && letters[i - 1] == 'h';
                let before_seconds = letters.get(i + 1) == Some(&'s');
                if after_hour || before_seconds {
                    parts.time = true;
                } else {
                    parts.date = true;
                }
            }
            _ => {}
        }
    }
    (parts.date || parts.time).then_some(parts)
}

/// The parts a serial date-time shows when its format is unknown (`.xls`):
/// a date when it has whole days, a time when it has a time of day.
pub fn parts_of_value(serial: f64) -> DateTimeParts {
    let seconds = rounded_seconds(serial);
    let (days, of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    DateTimeParts {
        date: days != 0,
        time: of_day != 0 || days == 0,
        seconds: of_day % 60 != 0,
    }
}

/// Excel shows a time to the nearest second unless the format asks for
/// fractions.
#[expect(
    clippy::cast_possible_truncation,
    reason = "a float-to-integer `as` saturates (NaN gives 0): meant far outside the calendar"
)]
fn rounded_seconds(serial: f64) -> i64 {
    // Saturates far outside the calendar, which is then not shown anyway.
    (serial * 86_400.0).round() as i64
}

/// Excel's last day (31/12/9999) as a serial number.
fn last_serial_day(is_1904: bool) -> i64 {
    if is_1904 { 2_957_003 } else { 2_958_465 }
}

/// A serial date-time (days since the workbook's epoch) as shown, in the
/// Vietnamese convention: dd/mm/yyyy, hh:mm or hh:mm:ss, or both.
pub fn serial_date_time_text(serial: f64, is_1904: bool, parts: DateTimeParts) -> String {
    if !serial.is_finite() {
        return OUT_OF_CALENDAR.to_string();
    }
    let seconds = rounded_seconds(serial);
    let (days, of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    if days < 0 || days > last_serial_day(is_1904) {
        return OUT_OF_CALENDAR.to_string();
    }
    let date = if days == 0 && !is_1904 {
        // Excel's day zero, which it shows as such.
        "00/01/1900".to_string()
    } else {
        let serial_day = ExcelDateTime::new(days as f64, ExcelDateTimeType::DateTime, is_1904);
        let (year, month, day, ..) = serial_day.to_ymd_hms_milli();
        format!("{day:02}/{month:02}/{year:04}")
    };
    let of_day = of_day.unsigned_abs();
    let time = clock_text(
        of_day / 3600,
        (of_day / 60) % 60,
        of_day % 60,
        parts.seconds,
    );
    join_date_time(parts, &date, &time)
}

fn clock_text(hours: u64, minutes: u64, seconds: u64, with_seconds: bool) -> String {
    if with_seconds {
        format!("{hours:02}:{minutes:02}:{seconds:02}")
    } else {
        format!("{hours:02}:{minutes:02}")
    }
}

fn join_date_time(parts: DateTimeParts, date: &str, time: &str) -> String {
    match (parts.date, parts.time) {
        (true, true) => format!("{date} {time}"),
        (true, false) => date.to_string(),
        _ => time.to_string(),
    }
}

/// A calamine date-time cell as shown; `format` is its number format code
/// when the reader gives it (`.xlsx`), else the value says which parts it
/// holds.
pub fn excel_date_time_text(cell: &ExcelDateTime, format: Option<&str>) -> String {
    let serial = cell.as_f64();
    let parts = format
        .and_then(|code| date_time_parts(code, serial))
        .unwrap_or_else(|| parts_of_value(serial));
    if cell.is_duration() {
        return serial_duration_text(serial, parts);
    }
    // calamine keeps the epoch to itself; an equal cell built with the 1904
    // epoch tells it.
    let is_1904 = *cell == ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, true);
    serial_date_time_text(serial, is_1904, parts)
}

/// An elapsed time (`[h]:mm:ss`, a duration) as shown: hours past 24 are
/// kept, as Excel shows them.
pub fn serial_duration_text(serial: f64, parts: DateTimeParts) -> String {
    // Excel shows no time past its last day.
    if !serial.is_finite() || serial.abs() > (last_serial_day(false) + 1) as f64 {
        return OUT_OF_CALENDAR.to_string();
    }
    let seconds = rounded_seconds(serial);
    let sign = if seconds < 0 { "-" } else { "" };
    let seconds = seconds.unsigned_abs();
    let with_seconds = parts.seconds || !seconds.is_multiple_of(60);
    let clock = clock_text(
        seconds / 3600,
        (seconds / 60) % 60,
        seconds % 60,
        with_seconds,
    );
    format!("{sign}{clock}")
}

/// An ODS date (`2026-12-06` or `2026-12-06T12:30:00`) as shown; text
/// that is not such a date is kept as it is.
pub fn iso_date_time_text(iso: &str) -> String {
    let (date, time) = iso.split_once('T').unwrap_or((iso, ""));
    let mut fields = date.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (fields.next(), fields.next(), fields.next()) else {
        return iso.to_string();
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if ![year, month, day].into_iter().all(all_digits) {
        return iso.to_string();
    }
    let date = format!("{day:0>2}/{month:0>2}/{year:0>4}");
    let clock: Vec<&str> = time.split(':').collect();
    match clock.as_slice() {
        [""] => date,
        [hours, minutes, seconds] => {
            let (Ok(hours), Ok(minutes), Ok(seconds)) = (
                hours.parse::<u64>(),
                minutes.parse::<u64>(),
                seconds.parse::<f64>(),
            ) else {
                return iso.to_string();
            };
            if hours > 23 || minutes > 59 || !(0.0..60.0).contains(&seconds) {
                return iso.to_string();
            }
            // Fractions of a second round to the nearest second, as shown,
            // but never into the next day.
            #[expect(
                clippy::cast_possible_truncation,
                reason = "seconds is within 0..60, checked above"
            )]
            let total = (hours * 3600 + minutes * 60 + seconds.round() as u64).min(86_399);
            if total == 0 {
                return date;
            }
            let time = clock_text(
                total / 3600 % 24,
                total / 60 % 60,
                total % 60,
                !total.is_multiple_of(60),
            );
            format!("{date} {time}")
        }
        _ => iso.to_string(),
    }
}

/// An ODS time (an ISO 8601 duration such as `PT12H30M00S`) as shown;
/// text that is not such a duration is kept as it is.
pub fn iso_duration_text(iso: &str) -> String {
    let (negative, body) = match iso.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, iso),
    };
    let Some(body) = body.strip_prefix('P') else {
        return iso.to_string();
    };
    let (days, time) = body.split_once('T').unwrap_or((body, ""));
    let mut total = 0.0f64;
    if !days.is_empty() {
        match days.strip_suffix('D').and_then(|d| d.parse::<f64>().ok()) {
            Some(d) => total += d * 86_400.0,
            None => return iso.to_string(),
        }
    }
    let mut number = String::new();
    for c in time.chars() {
        let unit = match c {
            'H' => 3600.0,
            'M' => 60.0,
            'S' => 1.0,
            _ => {
                number.push(c);
                continue;
            }
        };
        match number.parse::<f64>() {
            Ok(n) => total += n * unit,
            Err(_) => return iso.to_string(),
        }
        number.clear();
    }
    if !number.is_empty() {
        return iso.to_string();
    }
    let serial = if negative { -total } else { total } / 86_400.0;
    let parts = parts_of_value(serial);
    serial_duration_text(
        serial,
        DateTimeParts {
            date: false,
            ..parts
        },
    )
}

/// Is `text` a date or time in the shapes this module writes (dd/mm/yyyy,
/// hh:mm, hh:mm:ss, both, or the calendar's overflow)? An error message
/// then says why a number column refuses what looks like data.
pub fn looks_like_date_or_time(text: &str) -> bool {
    fn digits(s: &str, min: usize, max: usize) -> bool {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    }
    fn is_date(s: &str) -> bool {
        let fields: Vec<&str> = s.split('/').collect();
        matches!(fields.as_slice(), [d, m, y] if digits(d, 1, 2) && digits(m, 1, 2) && digits(y, 4, 4))
    }
    fn is_time(s: &str) -> bool {
        let fields: Vec<&str> = s.strip_prefix('-').unwrap_or(s).split(':').collect();
        match fields.as_slice() {
            [h, m] => digits(h, 1, 9) && digits(m, 2, 2),
            [h, m, sec] => digits(h, 1, 9) && digits(m, 2, 2) && digits(sec, 2, 2),
            _ => false,
        }
    }
    match text.split_once(' ') {
        Some((date, time)) => is_date(date) && is_time(time),
        None => text == OUT_OF_CALENDAR || is_date(text) || is_time(text),
    }
}

#[cfg(test)]
mod tests;
