//! Exact decimal arithmetic for the hot paths: the same results as
//! `rust_decimal` (value and scale), on native 128-bit integers whenever the
//! numbers fit, which is always for points, scores and typed data.
//!
//! Points follow one policy, in the functions under "Points" below: the
//! integer fast path first, then `rust_decimal`'s checked operation, and
//! when neither can represent the result, [`Unrepresentable`]. A caller
//! turns that into an error for the unit; it never stands in a ranking as
//! a saturated or unscaled number.

use std::cmp::Ordering;

use rust_decimal::{Decimal, RoundingStrategy};

/// 10⁰ … 10³⁸, every power of ten an `i128` holds.
pub const POWERS_OF_TEN: [i128; 39] = {
    let mut table = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// 10⁰ … 10¹⁸, every power of ten an `i64` holds.
pub const POWERS_OF_TEN_I64: [i64; 19] = {
    let mut table = [1i64; 19];
    let mut i = 1;
    while i < 19 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// `d` as a whole number of `10^-scale` (2.5 at scale 2 is 250), when that
/// is exact and fits an `i64`.
#[inline]
pub fn at_scale(d: Decimal, scale: u32) -> Option<i64> {
    let up = scale.checked_sub(d.scale())?;
    let m = i64::try_from(d.mantissa()).ok()?;
    m.checked_mul(*POWERS_OF_TEN_I64.get(up as usize)?)
}

/// `a × b`, or `None` when it leaves an `i128`. Operands within 64 bits
/// (nearly all) multiply in one widening instruction that cannot overflow;
/// `i128::checked_mul` in general is a library call.
#[inline]
pub fn mul(a: i128, b: i128) -> Option<i128> {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(a), Ok(b)) => Some(i128::from(a) * i128::from(b)),
        _ => a.checked_mul(b),
    }
}

/// `m × 10^by`, or `None` when it leaves an `i128`.
#[inline]
pub fn scale_up(m: i128, by: u32) -> Option<i128> {
    match by {
        0 => Some(m),
        _ => mul(m, *POWERS_OF_TEN.get(by as usize)?),
    }
}

/// Adds decimals in an `i128` at the largest scale seen: the same value and
/// scale as chaining `+` on `Decimal` (which rescales to the larger scale),
/// several times faster. When a term or the total leaves that range,
/// [`Sum::total`] is `None` and the caller adds the slow way.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sum {
    mantissa: i128,
    scale: u32,
    overflow: bool,
}

impl Sum {
    pub fn add(&mut self, d: Decimal) {
        self.add_scaled(d.mantissa(), d.scale());
    }

    /// Adds everything `other` added: the same total as adding its terms
    /// here one by one.
    pub fn merge(&mut self, other: Sum) {
        if other.overflow {
            self.overflow = true;
        }
        self.add_scaled(other.mantissa, other.scale);
    }

    /// Adds `m × 10^-s`.
    pub fn add_scaled(&mut self, mut m: i128, s: u32) {
        if s > self.scale {
            match scale_up(self.mantissa, s - self.scale) {
                Some(rescaled) => (self.mantissa, self.scale) = (rescaled, s),
                None => self.overflow = true,
            }
        } else if s < self.scale {
            match scale_up(m, self.scale - s) {
                Some(rescaled) => m = rescaled,
                None => self.overflow = true,
            }
        }
        match self.mantissa.checked_add(m) {
            Some(total) => self.mantissa = total,
            None => self.overflow = true,
        }
    }

    pub fn total(self) -> Option<Decimal> {
        if self.overflow {
            return None;
        }
        Decimal::try_from_i128_with_scale(self.mantissa, self.scale).ok()
    }
}

/// `terms` added as chained `+` would (the same value and scale), or
/// `None` where [`Sum`] leaves its range and the caller adds the slow way.
pub fn sum(terms: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    let mut sum = Sum::default();
    terms.into_iter().for_each(|t| sum.add(t));
    sum.total()
}

/// `a.cmp(&b)`: both brought to the larger scale in an `i128` (exact), or
/// `Decimal`'s own comparison when that does not fit. Inlined, with the
/// common case (mantissas within 64 bits, scales at most 18 apart) first:
/// rules, gates and ranking compare far more often than they compute.
#[inline]
pub fn cmp(a: Decimal, b: Decimal) -> Ordering {
    let (sa, sb) = (a.scale(), b.scale());
    if let (Ok(ma), Ok(mb)) = (i64::try_from(a.mantissa()), i64::try_from(b.mantissa())) {
        // An i64 times at most 10¹⁸ fits an i128.
        let (ma, mb) = (i128::from(ma), i128::from(mb));
        match sa.cmp(&sb) {
            Ordering::Equal => return ma.cmp(&mb),
            Ordering::Less if sb - sa <= 18 => {
                return (ma * POWERS_OF_TEN[(sb - sa) as usize]).cmp(&mb);
            }
            Ordering::Greater if sa - sb <= 18 => {
                return ma.cmp(&(mb * POWERS_OF_TEN[(sa - sb) as usize]));
            }
            _ => {}
        }
    }
    cmp_wide(a, b)
}

#[cold]
fn cmp_wide(a: Decimal, b: Decimal) -> Ordering {
    let (sa, sb) = (a.scale(), b.scale());
    let (ma, mb) = (a.mantissa(), b.mantissa());
    let pair = match sa.cmp(&sb) {
        Ordering::Equal => Some((ma, mb)),
        Ordering::Less => scale_up(ma, sb - sa).map(|ma| (ma, mb)),
        Ordering::Greater => scale_up(mb, sa - sb).map(|mb| (ma, mb)),
    };
    match pair {
        Some((ma, mb)) => ma.cmp(&mb),
        None => a.cmp(&b),
    }
}

/// `a.max(b)` (`b` when they are equal, as `Ord::max`) with [`cmp`].
pub fn max(a: Decimal, b: Decimal) -> Decimal {
    if cmp(a, b).is_gt() { a } else { b }
}

/// `a.min(b)` (`a` when they are equal, as `Ord::min`) with [`cmp`].
pub fn min(a: Decimal, b: Decimal) -> Decimal {
    if cmp(a, b).is_gt() { b } else { a }
}

/// `a.checked_mul(b)` when the exact product fits a decimal as it is (96
/// bits, at most 28 places): the same value, scale and sign, on integers.
/// `None` otherwise; the caller then multiplies the slow way.
pub fn product(a: Decimal, b: Decimal) -> Option<Decimal> {
    let scale = a.scale() + b.scale();
    let m = mul(a.mantissa(), b.mantissa())?;
    if scale > 28 || m.unsigned_abs() >= 1 << 96 {
        return None;
    }
    if m == 0 {
        // rust_decimal's product with a zero is plain 0.
        return Some(Decimal::ZERO);
    }
    Some(Decimal::from_i128_with_scale(m, scale))
}

/// `value.clamp(low, high)` with [`cmp`] (`low ≤ high`).
pub fn clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal {
    if cmp(value, low).is_lt() {
        low
    } else if cmp(value, high).is_gt() {
        high
    } else {
        value
    }
}

/// Half away from zero, to `places` decimal places: the same value, scale
/// and sign as `round_dp_with_strategy(places, MidpointAwayFromZero)`.
/// Mantissas within 64 bits (every point and score) are rounded on
/// integers; the rest by `rust_decimal`.
pub fn round_half_away(value: Decimal, places: u32) -> Decimal {
    let scale = value.scale();
    if scale <= places {
        return value;
    }
    let factor = POWERS_OF_TEN.get((scale - places) as usize).copied();
    match (u64::try_from(value.mantissa().unsigned_abs()), factor) {
        (Ok(m), Some(factor)) if let Ok(factor) = u64::try_from(factor) => {
            let (q, r) = (m / factor, m % factor);
            let q = if r >= factor - r { q + 1 } else { q };
            let mut rounded = Decimal::from_i128_with_scale(i128::from(q), places);
            // A result of zero has no sign, as in rust_decimal.
            rounded.set_sign_negative(value.is_sign_negative() && q != 0);
            rounded
        }
        _ => value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero),
    }
}

/// `max × (v − zero) ÷ (full − zero)` rounded half away from zero to
/// `places`: a linear rule's share, as [`product_quotient_rounded`] works
/// it out (`None` where it does not answer).
pub fn linear_rounded(
    v: Decimal,
    zero: Decimal,
    full: Decimal,
    max: Decimal,
    places: u32,
) -> Option<Decimal> {
    let scale = v.scale().max(zero.scale()).max(full.scale());
    let at = |d: Decimal| scale_up(d.mantissa(), scale - d.scale());
    let (v, zero, full) = (at(v)?, at(zero)?, at(full)?);
    let progress = v.checked_sub(zero)?;
    let span = full.checked_sub(zero)?;
    product_quotient_rounded(
        (max.mantissa(), max.scale()),
        (progress, scale),
        (span, scale),
        places,
    )
}

/// `a × b ÷ c` rounded half away from zero to `places`, each operand a
/// mantissa and scale, as one exact integer division; `None` outside the
/// range where that provably equals rounding `rust_decimal`'s
/// `a.checked_mul(b)?.checked_div(c)?` (then the caller divides the slow
/// way).
///
/// Why the ranges: the quotient is `N ÷ D` with `D < 10^15` in lowest
/// powers of ten; `rust_decimal` keeps it to at least `28 − k` places (`k`
/// integer digits), and rounding that again to `places` can differ from
/// rounding the exact quotient only when it lies within `10^−(28−k)` of a
/// midpoint without being one, which is closer than `1 ÷ (2 × 10^places ×
/// D)`: impossible while `k + places ≤ 9`. The product `a × b` is formed
/// exactly when its operands and it fit 96 bits at scale ≤ 28.
// Inlined: returned through the stack, the decimal is read back in one
// piece after being written in four, which stalls the load.
#[inline(always)]
pub fn product_quotient_rounded(
    a: (i128, u32),
    b: (i128, u32),
    c: (i128, u32),
    places: u32,
) -> Option<Decimal> {
    // A result of zero has no sign, as in rust_decimal: `Decimal::try_new`'s.
    product_quotient_scaled(a, b, c, places).and_then(|q| Decimal::try_new(q, places).ok())
}

/// [`quotient_rounded`] answers only for a divisor below this (its
/// magnitude) ...
const QUOTIENT_DIVISOR_LIMIT: u128 = 1_000_000_000_000_000;

/// ... and a result below this (its magnitude), past which the general
/// path decides.
const QUOTIENT_LIMIT: u128 = 1_000_000_000;

/// [`product_quotient_rounded`] as the whole number of `10^-places` it
/// is, for callers that keep points as integers at that scale.
#[inline]
pub fn product_quotient_scaled(
    (a, a_scale): (i128, u32),
    (b, b_scale): (i128, u32),
    (c, c_scale): (i128, u32),
    places: u32,
) -> Option<i64> {
    let product = mul(a, b)?;
    let product_scale = a_scale + b_scale;
    let fits = |n: i128| n.unsigned_abs() < 1 << 96;
    if !(fits(a) && fits(b) && fits(c) && fits(product)) || product_scale > 28 {
        return None;
    }
    // (product ÷ 10^ps) ÷ (c ÷ 10^cs) × 10^places, with the powers of ten
    // put where they keep both sides smallest.
    let (numerator, denominator) = if c_scale + places >= product_scale {
        (scale_up(product, c_scale + places - product_scale)?, c)
    } else {
        (product, scale_up(c, product_scale - c_scale - places)?)
    };
    quotient_rounded(numerator, denominator)
}

/// `numerator ÷ denominator` rounded half away from zero, as a whole
/// number: the last step of [`product_quotient_scaled`], for callers that
/// placed the powers of ten themselves. `None` for a divisor or a result
/// past the limits within which that equals rounding `rust_decimal`'s
/// quotient.
#[inline]
pub fn quotient_rounded(numerator: i128, denominator: i128) -> Option<i64> {
    if denominator == 0 || denominator.unsigned_abs() >= QUOTIENT_DIVISOR_LIMIT {
        return None;
    }
    let negative = (numerator < 0) != (denominator < 0);
    let (n, d) = (numerator.unsigned_abs(), denominator.unsigned_abs());
    // 64-bit division when it fits: 128-bit division is a library call.
    let (q, r) = match (u64::try_from(n), u64::try_from(d)) {
        (Ok(n), Ok(d)) => (u128::from(n / d), u128::from(n % d)),
        _ => (n / d, n % d),
    };
    let q = if r >= d - r { q + 1 } else { q };
    if q >= QUOTIENT_LIMIT {
        return None;
    }
    let q = i64::try_from(q).ok()?;
    Some(if negative { -q } else { q })
}

// Points -------------------------------------------------------------------

/// A points figure that no decimal can hold (beyond 28 significant digits
/// or about 7.9 × 10²⁸).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unrepresentable;

/// `a + b`: the integer fast path, else `rust_decimal`'s checked sum.
#[inline]
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Unrepresentable> {
    sum([a, b])
        .or_else(|| a.checked_add(b))
        .ok_or(Unrepresentable)
}

/// `a − b`, as [`add`].
#[inline]
pub fn subtract(a: Decimal, b: Decimal) -> Result<Decimal, Unrepresentable> {
    sum([a, -b])
        .or_else(|| a.checked_sub(b))
        .ok_or(Unrepresentable)
}

/// `a × b`: [`product`], else `rust_decimal`'s checked product.
#[inline]
pub fn times(a: Decimal, b: Decimal) -> Result<Decimal, Unrepresentable> {
    product(a, b)
        .or_else(|| a.checked_mul(b))
        .ok_or(Unrepresentable)
}

/// The total of terms added into `fast`: its own total where it has one,
/// else the same terms (`terms`) added one by one with [`add`].
pub fn total<I: IntoIterator<Item = Decimal>>(
    fast: Sum,
    terms: impl FnOnce() -> I,
) -> Result<Decimal, Unrepresentable> {
    match fast.total() {
        Some(total) => Ok(total),
        None => terms().into_iter().try_fold(Decimal::ZERO, add),
    }
}

/// `earned × full ÷ applicable` rounded half away from zero to `places`:
/// the N/A rescale. One integer division where
/// [`product_quotient_rounded`] answers, else `rust_decimal`'s checked
/// product and quotient, rounded.
pub fn rescale(
    earned: Decimal,
    full: Decimal,
    applicable: Decimal,
    places: u32,
) -> Result<Decimal, Unrepresentable> {
    let parts = |d: Decimal| (d.mantissa(), d.scale());
    if let Some(fast) =
        product_quotient_rounded(parts(earned), parts(full), parts(applicable), places)
    {
        return Ok(fast);
    }
    earned
        .checked_mul(full)
        .and_then(|x| x.checked_div(applicable))
        .map(|rescaled| round_half_away(rescaled, places))
        .ok_or(Unrepresentable)
}

/// How far `value` falls short of `min` (0 when it reaches it). Exact for
/// a `value` of 0 or more, as every score is: the difference then lies
/// between 0 and `min`.
pub fn short_of(min: Decimal, value: Decimal) -> Decimal {
    if cmp(value, min).is_ge() {
        Decimal::ZERO
    } else {
        subtract(min, value).unwrap_or(min)
    }
}

/// `after − before` for two figures of 0 or more (scores, points): the
/// difference then lies within the larger of them either way, which a
/// decimal holds, so it is always exact (the 0 for an error is never
/// reached).
pub fn change(before: Decimal, after: Decimal) -> Decimal {
    subtract(after, before).unwrap_or(Decimal::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decimal(lo: u64, hi: u32, scale: u32, negative: bool) -> Decimal {
        let mut d = Decimal::from_i128_with_scale((i128::from(hi) << 64) | i128::from(lo), scale);
        d.set_sign_negative(negative);
        d
    }

    proptest! {
        #[test]
        fn compares_as_decimal_does(
            a in (any::<u64>(), 0u32..4, 0u32..=28, any::<bool>()),
            b in (any::<u64>(), 0u32..4, 0u32..=28, any::<bool>()),
            small in (0i64..100_000, 0u32..6, 0i64..100_000, 0u32..6),
            within_64_bits in (any::<i64>(), 0u32..=28, any::<i64>(), 0u32..=28),
        ) {
            let (x, y) = (decimal(a.0, a.1, a.2, a.3), decimal(b.0, b.1, b.2, b.3));
            prop_assert_eq!(cmp(x, y), x.cmp(&y));
            prop_assert_eq!(cmp(x, x), std::cmp::Ordering::Equal);
            // Points-sized numbers, where the fast path runs.
            let (p, q) = (Decimal::new(small.0, small.1), Decimal::new(small.2, small.3));
            prop_assert_eq!(cmp(p, q), p.cmp(&q));
            prop_assert_eq!(clamp(p, Decimal::ZERO, q.abs()), p.clamp(Decimal::ZERO, q.abs()));
            // Any sign, and scales near and far apart.
            let (m, s, n, t) = within_64_bits;
            let (p, q) = (Decimal::new(m, s), Decimal::new(n, t));
            prop_assert_eq!(cmp(p, q), p.cmp(&q));
        }
    }

    #[test]
    fn whole_numbers_at_a_scale() {
        let d = |s: &str| s.parse::<Decimal>().expect("literal");
        assert_eq!(at_scale(d("2.5"), 2), Some(250));
        assert_eq!(at_scale(d("-0.5"), 1), Some(-5));
        // More places than the scale, or past 64 bits: not a whole number there.
        assert_eq!(at_scale(d("2.555"), 2), None);
        assert_eq!(at_scale(Decimal::from(i64::MAX), 1), None);
        assert_eq!(at_scale(d("1"), 19), None);
    }

    #[test]
    fn zero_has_no_sign_and_extremes_fall_back() {
        let d = |s: &str| s.parse::<Decimal>().expect("literal");
        assert_eq!(cmp(d("-0.00"), d("0")), Ordering::Equal);
        assert_eq!(
            cmp(Decimal::MAX, d("0.0000000000000000000000000001")),
            Ordering::Greater
        );
        assert_eq!(cmp(Decimal::MIN, Decimal::MAX), Ordering::Less);
        assert_eq!(cmp(d("2.50"), d("2.5")), Ordering::Equal);
    }

    proptest! {
        /// Same value and same scale (so the same text) as chaining `+`.
        #[test]
        fn sums_like_decimal_addition(
            terms in prop::collection::vec((-10_000_000i64..10_000_000, 0u32..=6), 0..50)
        ) {
            let terms: Vec<Decimal> = terms.into_iter().map(|(m, s)| Decimal::new(m, s)).collect();
            let mut sum = Sum::default();
            terms.iter().for_each(|&t| sum.add(t));
            let expected = terms.iter().fold(Decimal::ZERO, |a, &b| a + b);
            let total = sum.total().expect("in range");
            prop_assert_eq!(total.to_string(), expected.to_string());
            // Summed in two parts and merged: the same total.
            let (mut front, mut back) = (Sum::default(), Sum::default());
            let half = terms.len() / 2;
            terms[..half].iter().for_each(|&t| front.add(t));
            terms[half..].iter().for_each(|&t| back.add(t));
            front.merge(back);
            prop_assert_eq!(front.total().map(|t| t.to_string()), Some(expected.to_string()));
        }
    }

    #[test]
    fn sums_beyond_i128_fall_back() {
        let mut sum = Sum::default();
        sum.add(Decimal::MAX);
        sum.add(Decimal::new(1, 28));
        // Decimal::MAX at scale 28 does not fit: the caller adds the slow way.
        assert_eq!(sum.total(), None);
        // Merged, an overflow is kept.
        let mut other = Sum::default();
        other.merge(sum);
        assert_eq!(other.total(), None);
    }

    proptest! {
        /// Value, scale and sign as `rust_decimal` rounds.
        #[test]
        fn rounds_as_rust_decimal_does(
            m in any::<i64>(), hi in 0u32..3, scale in 0u32..=28, places in 0u32..=10,
        ) {
            let mut d = Decimal::from_i128_with_scale((i128::from(hi) << 64) | i128::from(m.unsigned_abs()), scale);
            d.set_sign_negative(m < 0);
            let ours = round_half_away(d, places);
            let theirs = d.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
            prop_assert_eq!(ours, theirs);
            prop_assert_eq!(ours.scale(), theirs.scale());
            prop_assert_eq!(ours.is_sign_negative(), theirs.is_sign_negative());
        }

        /// The one-division share equals rounding `rust_decimal`'s quotient,
        /// wherever it answers, on thresholds and values of every size.
        #[test]
        fn linear_share_is_the_rounded_quotient(
            share in (1i64..1_000_000_000, 1u32..=9),
            zero in (-1_000_000_000_000i64..1_000_000_000_000, 0u32..=6),
            full in (-1_000_000_000_000i64..1_000_000_000_000, 0u32..=6),
            max in (1i64..10_000_000, 0u32..=4),
            places in 0u32..=4,
        ) {
            let (zero, full, max) = (Decimal::new(zero.0, zero.1), Decimal::new(full.0, full.1), Decimal::new(max.0, max.1));
            // A value strictly between zero and full.
            let share = Decimal::new(share.0 % 10i64.pow(share.1), share.1);
            prop_assume!(zero != full && !share.is_zero());
            let v = zero + (full - zero) * share;
            let slow = max.checked_mul(v - zero).and_then(|p| p.checked_div(full - zero));
            if let (Some(fast), Some(slow)) = (linear_rounded(v, zero, full, max, places), slow) {
                let slow = slow.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
                prop_assert_eq!(fast, slow);
            }
        }
    }

    proptest! {
        /// On percentages and points as criteria sets write them, the
        /// one-division share always answers (and agrees).
        #[test]
        fn linear_share_answers_on_everyday_numbers(
            tenths in 1i64..1000,
            zero in 0i64..100,
            width in 1i64..100,
            max in (1i64..1000, 0u32..=2),
            places in 0u32..=3,
        ) {
            let (zero, full, max) = (Decimal::from(zero), Decimal::from(zero + width), Decimal::new(max.0, max.1));
            // 85.5 between 80 and 100, say: a tenth-of-a-percent grid.
            let v = zero + (full - zero) * Decimal::new(tenths, 3);
            let fast = linear_rounded(v, zero, full, max, places);
            let slow = (max * (v - zero) / (full - zero)).round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
            prop_assert_eq!(fast, Some(slow));
        }
    }

    proptest! {
        /// `a × b ÷ c` as the N/A rescaling uses it: earned × full ÷ applicable.
        #[test]
        fn product_quotient_is_the_rounded_quotient(
            a in (0i64..100_000_000, 0u32..=6),
            b in (1i64..100_000_000, 0u32..=6),
            c in (1i64..100_000_000, 0u32..=6),
            places in 0u32..=4,
        ) {
            let (x, y, z) = (Decimal::new(a.0, a.1), Decimal::new(b.0, b.1), Decimal::new(c.0, c.1));
            let parts = |d: Decimal| (d.mantissa(), d.scale());
            let fast = product_quotient_rounded(parts(x), parts(y), parts(z), places);
            let slow = x.checked_mul(y).and_then(|p| p.checked_div(z))
                .map(|q| q.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero));
            if let Some(fast) = fast {
                prop_assert_eq!(Some(fast), slow);
            }
            // Points-sized figures always take the integer path.
            if a.0 < 1_000_000 && b.0 < 100_000 && c.0 < 100_000 && a.1 <= 2 && b.1 <= 2 && c.1 <= 2 && x * y / z < Decimal::from(10_000) {
                prop_assert!(fast.is_some());
            }
        }
    }

    #[test]
    fn linear_share_rounds_midpoints_away_from_zero() {
        let d = |s: &str| s.parse::<Decimal>().expect("literal");
        // 3 × 17.5 / 20 = 2.625 → 2.63; 4 × 1 / 3 = 1.333… → 1.33.
        assert_eq!(
            linear_rounded(d("97.5"), d("80"), d("100"), d("3"), 2),
            Some(d("2.63"))
        );
        assert_eq!(
            linear_rounded(d("1"), d("0"), d("3"), d("4"), 2),
            Some(d("1.33"))
        );
        // Lower is better: 7 × (−5 − 0) / (−10 − 0) = 3.5.
        assert_eq!(
            linear_rounded(d("-5"), d("0"), d("-10"), d("7"), 2),
            Some(d("3.50"))
        );
        // A span of 10^15 or more is left to rust_decimal.
        assert_eq!(
            linear_rounded(d("1"), d("0"), d("1000000000000000"), d("1"), 2),
            None
        );
    }

    proptest! {
        /// Value, scale and sign as rust_decimal's own operations give them.
        #[test]
        fn products_and_extremes_as_rust_decimal(
            a in (-100_000_000i64..100_000_000, 0u32..=14),
            b in (-100_000_000i64..100_000_000, 0u32..=14),
            big in any::<bool>(),
        ) {
            let x = Decimal::new(a.0, a.1);
            let y = if big { Decimal::MAX / Decimal::new(b.0.max(1), 0) } else { Decimal::new(b.0, b.1) };
            if let Some(p) = product(x, y) {
                let q = x.checked_mul(y).expect("in range");
                prop_assert_eq!(p, q);
                prop_assert_eq!(p.scale(), q.scale());
                prop_assert_eq!(p.is_sign_negative(), q.is_sign_negative());
            }
            prop_assert_eq!(max(x, y).to_string(), x.max(y).to_string());
            prop_assert_eq!(min(x, y).to_string(), x.min(y).to_string());
        }
    }

    #[test]
    fn zero_products_keep_rust_decimals_sign() {
        let d = |s: &str| s.parse::<Decimal>().expect("literal");
        for (a, b) in [
            ("-1.5", "0"),
            ("0", "-2"),
            ("-0", "3"),
            ("0.00", "0.5"),
            ("-0.0", "-1"),
        ] {
            let (x, y) = (d(a), d(b));
            let (p, q) = (product(x, y).expect("small"), x * y);
            assert_eq!(
                (p, p.scale(), p.is_sign_negative()),
                (q, q.scale(), q.is_sign_negative()),
                "{a} × {b}"
            );
        }
    }

    #[test]
    fn points_beyond_a_decimal_are_unrepresentable() {
        let d = |s: &str| s.parse::<Decimal>().expect("literal");
        let tiny = d("0.0000000000000000000000000001");
        // The largest decimal still adds and subtracts; one more does not.
        assert_eq!(add(Decimal::MAX, Decimal::ZERO), Ok(Decimal::MAX));
        assert_eq!(
            add(Decimal::MAX - Decimal::ONE, Decimal::ONE),
            Ok(Decimal::MAX)
        );
        assert_eq!(add(Decimal::MAX, Decimal::ONE), Err(Unrepresentable));
        assert_eq!(subtract(Decimal::MIN, Decimal::ONE), Err(Unrepresentable));
        assert_eq!(
            subtract(Decimal::MIN + Decimal::ONE, Decimal::ONE),
            Ok(Decimal::MIN)
        );
        // Beyond the fast path's scale but within a decimal: rust_decimal's sum.
        assert_eq!(
            add(Decimal::MAX, tiny),
            Decimal::MAX.checked_add(tiny).ok_or(Unrepresentable)
        );
        assert_eq!(add(d("2.5"), d("0.25")), Ok(d("2.75")));
        // Products: at and past the edge.
        assert_eq!(times(Decimal::MAX, Decimal::ONE), Ok(Decimal::MAX));
        assert_eq!(times(Decimal::MAX, d("2")), Err(Unrepresentable));
        assert_eq!(
            times(d("39614081257132168796771975167"), d("2")),
            Ok(Decimal::MAX - Decimal::ONE)
        );
        assert_eq!(times(d("1.5"), d("4")), Ok(d("6.0")));
    }

    #[test]
    fn totals_fall_back_term_by_term_and_then_refuse() {
        let fits = [Decimal::MAX, Decimal::new(1, 28), -Decimal::MAX];
        let mut fast = Sum::default();
        fits.iter().for_each(|&t| fast.add(t));
        assert_eq!(fast.total(), None);
        // Added one by one, rust_decimal rounds the tiny term away.
        assert_eq!(total(fast, || fits), Ok(Decimal::ZERO));
        let over = [Decimal::MAX, Decimal::ONE];
        let mut fast = Sum::default();
        over.iter().for_each(|&t| fast.add(t));
        assert_eq!(total(fast, || over), Err(Unrepresentable));
        let mut fast = Sum::default();
        [Decimal::ONE, Decimal::TWO]
            .iter()
            .for_each(|&t| fast.add(t));
        assert_eq!(total(fast, || [Decimal::ZERO]), Ok(Decimal::from(3)));
    }

    #[test]
    fn rescaling_refuses_rather_than_skips() {
        let d = |s: &str| s.parse::<Decimal>().expect("literal");
        // 45 of 90 applicable points, out of 100: 50.
        assert_eq!(rescale(d("45"), d("100"), d("90"), 2), Ok(d("50.00")));
        // Past the fast path: rust_decimal's quotient, rounded.
        assert_eq!(
            rescale(d("1"), d("1000000000000000000"), d("3"), 2),
            Ok(d("333333333333333333.33"))
        );
        assert_eq!(
            rescale(Decimal::MAX, d("3"), d("2"), 2),
            Err(Unrepresentable)
        );
    }

    #[test]
    fn changes_between_the_extremes_are_exact() {
        let d = |s: &str| s.parse::<Decimal>().expect("literal");
        assert_eq!(change(Decimal::ZERO, Decimal::MAX), Decimal::MAX);
        assert_eq!(change(Decimal::MAX, Decimal::ZERO), -Decimal::MAX);
        assert_eq!(change(Decimal::MAX, Decimal::MAX), Decimal::ZERO);
        assert_eq!(change(d("85.25"), d("90")), d("4.75"));
    }

    #[test]
    fn shortfalls_are_exact_and_never_negative() {
        let d = |s: &str| s.parse::<Decimal>().expect("literal");
        assert_eq!(short_of(d("90"), d("85.5")), d("4.5"));
        assert_eq!(short_of(d("90"), d("90.00")), Decimal::ZERO);
        assert_eq!(short_of(d("90"), d("95")), Decimal::ZERO);
        assert_eq!(short_of(Decimal::MAX, Decimal::ZERO), Decimal::MAX);
        assert_eq!(short_of(d("-1"), Decimal::MAX), Decimal::ZERO);
    }
}
