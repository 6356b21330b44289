//! How the result store writes a unit's figures and input values as
//! bytes, and reads them back: tags, two-byte figure codes and varints,
//! exact for every decimal.

use rust_decimal::Decimal;

use super::{Figure, Figures};
use crate::model::Value;

/// One unit's figures as [`CompactEvaluation::push`] (or
/// [`Figures::encode`]) wrote them, in the order a ranking row shows them,
/// so that a writer formats each straight from its bytes: one
/// [`EncodedFigures::next_figure`] per group, then for earned, base, bonus
/// and deductions; then [`EncodedFigures::gates`]; then one `next_figure`
/// per criterion (`None` for N/A); then [`EncodedFigures::missing`]. Past
/// the end, figures read as N/A, and gates and missing criteria as none.
#[derive(Debug, Clone, Default)]
pub struct EncodedFigures<'a> {
    bytes: &'a [u8],
    scale: u32,
}

impl<'a> EncodedFigures<'a> {
    pub fn new(bytes: &'a [u8], scale: u32) -> Self {
        EncodedFigures { bytes, scale }
    }

    /// Whether every byte has been read.
    #[cfg(test)]
    pub(super) fn is_exhausted(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The scale of the figures read: see [`Figure::Scaled`].
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// The next figure; `None` for N/A.
    #[inline(always)]
    pub fn next_figure(&mut self) -> Option<Figure> {
        take_figure(&mut self.bytes, self.scale)
    }

    /// The failed gates' indexes (into `CriteriaSet::gates`), read whole
    /// when the iterator is.
    pub fn gates(&mut self) -> impl Iterator<Item = usize> + use<'_, 'a> {
        self.indexes()
    }

    /// The indexes (into `CriteriaSet::criteria`) of the criteria whose
    /// blank value counted 0 (`missing = "zero"`), read after every
    /// criterion's figure.
    pub fn missing(&mut self) -> impl Iterator<Item = usize> + use<'_, 'a> {
        self.indexes()
    }

    /// A list [`put_indexes`] wrote, read whole when the iterator is.
    fn indexes(&mut self) -> impl Iterator<Item = usize> + use<'_, 'a> {
        let count = take_varint(&mut self.bytes);
        #[expect(
            clippy::cast_possible_truncation,
            reason = "the store wrote each as a usize index"
        )]
        (0..count).map(|_| take_varint(&mut self.bytes) as usize)
    }
}

impl Figures {
    /// Reads `groups` groups' and `criteria` criteria's figures from
    /// `figures` (all but `applicable`, which the unit keeps).
    pub fn read(&mut self, mut figures: EncodedFigures<'_>, groups: usize, criteria: usize) {
        self.groups.clear();
        self.groups
            .extend((0..groups).map(|_| figures.next_figure().unwrap_or_default()));
        self.earned = figures.next_figure().unwrap_or_default();
        self.base = figures.next_figure().unwrap_or_default();
        self.bonus = figures.next_figure().unwrap_or_default();
        self.deductions = figures.next_figure().unwrap_or_default();
        self.failed_gates.clear();
        self.failed_gates.extend(figures.gates());
        self.criteria.clear();
        self.criteria
            .extend((0..criteria).map(|_| figures.next_figure()));
        self.missing.clear();
        self.missing.extend(figures.missing());
    }

    /// Appends these figures in the store's layout (see [`EncodedFigures`]),
    /// at the store's `scale`: what a writer reads from a store that keeps
    /// values, once a unit's figures are re-scored.
    pub fn encode(&self, out: &mut Vec<u8>, scale: u32) {
        for &f in
            self.groups
                .iter()
                .chain([&self.earned, &self.base, &self.bonus, &self.deductions])
        {
            put_figure(out, Some(f), scale);
        }
        put_indexes(
            out,
            self.failed_gates.len(),
            self.failed_gates.iter().copied(),
        );
        for &c in &self.criteria {
            put_figure(out, c, scale);
        }
        put_indexes(out, self.missing.len(), self.missing.iter().copied());
    }
}

/// Appends an input value: a tag byte, then what the value holds. A number
/// keeps its scale (it is shown as written): a small whole number (a count)
/// is its tag alone; one whose mantissa fits 61 bits takes a tag that says
/// its scale, then the mantissa in a few bytes; anything else is kept whole.
pub fn put_value(out: &mut Vec<u8>, v: &Value) {
    let number = |out: &mut Vec<u8>, d: &Decimal| {
        let m = i64::try_from(d.mantissa()).ok();
        let small = m
            .filter(|_| d.scale() == 0)
            .and_then(|m| u8::try_from(m).ok())
            .filter(|&n| n < SMALL_COUNT);
        match (small, m.filter(|m| m.unsigned_abs() < 1 << 61)) {
            (Some(count), _) => out.push(VALUE_SMALL + count),
            (None, Some(m)) => {
                // A decimal's scale is at most 28: the tag stays below VALUE_SMALL.
                #[expect(
                    clippy::cast_possible_truncation,
                    reason = "a decimal's scale is at most 28"
                )]
                let scale = d.scale() as u8;
                out.push(VALUE_SHORT + scale);
                put_varint(out, ((m << 1) ^ (m >> 63)).cast_unsigned());
            }
            (None, None) => {
                out.push(VALUE_WHOLE);
                out.extend_from_slice(&d.serialize());
            }
        }
    };
    match v {
        Value::NotApplicable => out.push(VALUE_NA),
        Value::Missing => out.push(VALUE_MISSING),
        Value::YesNo(b) => out.push(if *b { VALUE_YES } else { VALUE_NO }),
        Value::Label(id) => {
            out.push(VALUE_LABEL);
            put_varint(out, u64::from(*id));
        }
        Value::Number(d) => number(out, d),
        Value::Fraction { num, den } => {
            out.push(VALUE_FRACTION);
            out.extend_from_slice(&num.serialize());
            out.extend_from_slice(&den.serialize());
        }
    }
}

pub(super) const VALUE_NA: u8 = 0;
pub(super) const VALUE_MISSING: u8 = 1;
pub(super) const VALUE_NO: u8 = 2;
pub(super) const VALUE_YES: u8 = 3;
pub(super) const VALUE_LABEL: u8 = 4;
pub(super) const VALUE_WHOLE: u8 = 6;
pub(super) const VALUE_FRACTION: u8 = 7;
/// `VALUE_SHORT + scale`: a number with its mantissa after it.
pub(super) const VALUE_SHORT: u8 = 8;
/// `VALUE_SMALL + n`: the whole number `n`, below [`SMALL_COUNT`].
pub(super) const VALUE_SMALL: u8 = VALUE_SHORT + 29;
pub(super) const SMALL_COUNT: u8 = u8::MAX - VALUE_SMALL + 1;

/// Reads what [`put_value`] wrote; `Missing` when the bytes run out.
pub fn take_value(bytes: &mut &[u8]) -> Value {
    let decimal = |bytes: &mut &[u8]| {
        let (raw, rest) = bytes.split_first_chunk::<16>()?;
        *bytes = rest;
        Some(Decimal::deserialize(*raw))
    };
    let Some((&tag, rest)) = bytes.split_first() else {
        return Value::Missing;
    };
    *bytes = rest;
    match tag {
        VALUE_NA => Value::NotApplicable,
        VALUE_NO => Value::YesNo(false),
        VALUE_YES => Value::YesNo(true),
        VALUE_LABEL => Value::Label(u32::try_from(take_varint(bytes)).unwrap_or(u32::MAX)),
        VALUE_SMALL.. => Value::Number(Decimal::from(tag - VALUE_SMALL)),
        VALUE_SHORT.. => {
            let zigzag = take_varint(bytes);
            let m = (zigzag >> 1).cast_signed() ^ -(zigzag & 1).cast_signed();
            Decimal::try_new(m, u32::from(tag - VALUE_SHORT)).map_or(Value::Missing, Value::Number)
        }
        VALUE_WHOLE => decimal(bytes).map_or(Value::Missing, Value::Number),
        VALUE_FRACTION => match (decimal(bytes), decimal(bytes)) {
            (Some(num), Some(den)) => Value::Fraction { num, den },
            _ => Value::Missing,
        },
        _ => Value::Missing,
    }
}

/// A figure's code: a little-endian `u16`. Nearly every figure, a whole
/// number `m` of `10^-scale` from 0 to [`SHORT_MAX`], is `FIGURE_SHORT + m`
/// alone (points up to 655.32 at two places): two bytes that a reader
/// turns into `m` with a subtraction, not a varint's loop of bytes.
pub(super) const FIGURE_NA: u16 = 0;
/// Followed by the decimal's 16-byte form.
pub(super) const FIGURE_WHOLE: u16 = 1;
/// Followed by a varint of the zigzagged whole number: one below zero or
/// above [`SHORT_MAX`].
pub(super) const FIGURE_LONG: u16 = 2;
pub(super) const FIGURE_SHORT: u16 = 3;
pub(super) const SHORT_MAX: u16 = u16::MAX - FIGURE_SHORT;

/// Appends `d` (or N/A for `None`) to `out`. A decimal with at most `scale`
/// places whose scaled value fits 62 bits (all points in practice) takes
/// two bytes (a few more below zero or past [`SHORT_MAX`]); anything else
/// is kept whole (see [`FIGURE_SHORT`]).
// Inlined: every unit's groups and totals take it.
#[inline(always)]
pub fn put_decimal(out: &mut Vec<u8>, d: Option<Decimal>, scale: u32) {
    match d {
        Some(d) => put_known(out, crate::exact::at_scale(d, scale), d),
        None => put_na(out),
    }
}

/// An N/A figure.
#[inline(always)]
pub(super) fn put_na(out: &mut Vec<u8>) {
    out.extend_from_slice(&FIGURE_NA.to_le_bytes());
}

/// [`put_decimal`] of `d`, given `m`: `d` as a whole number of
/// `10^-scale` at the store's scale, `None` when it is not one. The one
/// place that decides between the short forms and the whole decimal.
// Inlined: a unit's figures call it about fifty times, on the hot path of
// every scored unit.
#[inline(always)]
#[allow(
    clippy::cast_sign_loss,
    reason = "zigzag encoding: the bits are kept, the sign moves to the lowest bit"
)]
pub(super) fn put_known(out: &mut Vec<u8>, m: Option<i64>, d: Decimal) {
    let short = m
        .and_then(|m| u16::try_from(m).ok())
        .filter(|&m| m <= SHORT_MAX);
    match (short, m) {
        (Some(short), _) => out.extend_from_slice(&(short + FIGURE_SHORT).to_le_bytes()),
        // Within 62 bits, shifting left for the zigzag loses nothing.
        (None, Some(m)) if m.unsigned_abs() < 1 << 62 => {
            out.extend_from_slice(&FIGURE_LONG.to_le_bytes());
            put_varint(out, ((m << 1) ^ (m >> 63)) as u64);
        }
        _ => {
            out.extend_from_slice(&FIGURE_WHOLE.to_le_bytes());
            out.extend_from_slice(&d.serialize());
        }
    }
}

/// Appends `f` (or N/A for `None`) so that [`take_figure`] at `scale`
/// reads back a figure of the same value at the same scale: short when it
/// is a whole number of `10^-scale`, the decimal's 16 bytes otherwise.
pub fn put_figure(out: &mut Vec<u8>, f: Option<Figure>, scale: u32) {
    match f.map(Figure::to_decimal) {
        None => put_na(out),
        Some(d) => {
            let m = i64::try_from(d.mantissa())
                .ok()
                .filter(|_| d.scale() == scale);
            put_known(out, m, d);
        }
    }
}

/// Reads what [`put_decimal`] wrote, as the integer it is stored as when it
/// is one; `None` is N/A (or nothing left).
// Inlined, so the figure is not read back from the stack in other pieces
// than it was written in (a stalled load).
#[inline(always)]
#[allow(
    clippy::cast_possible_wrap,
    reason = "zigzag decoding: the bits are kept, the sign comes back from the lowest bit"
)]
pub fn take_figure(bytes: &mut &[u8], scale: u32) -> Option<Figure> {
    let (&code, rest) = bytes.split_first_chunk::<2>()?;
    *bytes = rest;
    let code = u16::from_le_bytes(code);
    // The short form first: nearly every figure takes it.
    if code >= FIGURE_SHORT {
        let mantissa = i64::from(code - FIGURE_SHORT);
        return Some(Figure::Scaled { mantissa, scale });
    }
    match code {
        FIGURE_LONG => {
            let zigzag = take_varint(bytes);
            let mantissa = ((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64);
            Some(Figure::Scaled { mantissa, scale })
        }
        FIGURE_WHOLE => {
            let (raw, rest) = bytes.split_first_chunk::<16>()?;
            *bytes = rest;
            Some(Figure::Decimal(Decimal::deserialize(*raw)))
        }
        _ => None,
    }
}

/// Appends a list of `count` indexes (failed gates, blanks counted 0) as
/// [`EncodedFigures`] reads it: how many, then each. The callers count
/// while they score (a second pass over the criteria would cost every
/// unit); tests check the count against the list.
pub(super) fn put_indexes(out: &mut Vec<u8>, count: usize, indexes: impl Iterator<Item = usize>) {
    put_varint(out, count as u64);
    let mut written = 0usize;
    for i in indexes {
        put_varint(out, i as u64);
        written += 1;
    }
    debug_assert_eq!(written, count, "an index list's count is its length");
}

/// Appends `v` as a LEB128 varint: 7 bits a byte, the lowest first, the
/// high bit set on every byte but the last.
// One byte or two (counts, gates, most input values) are written at once
// rather than a byte at a time; longer ones take the loop.
#[inline(always)]
#[expect(
    clippy::cast_possible_truncation,
    reason = "each byte keeps the low 7 bits on purpose"
)]
pub(super) fn put_varint(out: &mut Vec<u8>, v: u64) {
    if v < 0x80 {
        out.push(v as u8);
    } else if v < 0x4000 {
        out.extend_from_slice(&[(v as u8) | 0x80, (v >> 7) as u8]);
    } else {
        put_long_varint(out, v);
    }
}

/// [`put_varint`] of three bytes or more.
#[expect(
    clippy::cast_possible_truncation,
    reason = "each byte keeps the low 7 bits on purpose"
)]
pub(super) fn put_long_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[inline]
pub(super) fn take_varint(bytes: &mut &[u8]) -> u64 {
    // One byte or two: counts, gates and most input values.
    match **bytes {
        [b, ref rest @ ..] if b < 0x80 => {
            *bytes = rest;
            return u64::from(b);
        }
        [low, high, ref rest @ ..] if high < 0x80 => {
            *bytes = rest;
            return u64::from(low & 0x7f) | u64::from(high) << 7;
        }
        _ => {}
    }
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let Some((&b, rest)) = bytes.split_first() else {
            return v;
        };
        *bytes = rest;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            break;
        }
    }
    v
}
