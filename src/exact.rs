//! Exact decimal arithmetic for the hot paths: the same results as
//! `rust_decimal` (value and scale), on native 128-bit integers whenever the
//! numbers fit, which is always for points, scores and typed data.

use std::cmp::Ordering;

use rust_decimal::Decimal;

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

#[derive(Debug, Clone, Copy, Default)]
pub struct Sum {
    mantissa: i128,
    scale: u32,
    overflow: bool,
}

impl Sum {
    pub fn add(&mut self, d: Decimal) {
        let (mut m, s) = (d.mantissa(), d.scale());
        let up = |m: i128, by: u32| {
            POWERS_OF_TEN
                .get(by as usize)
                .and_then(|&f| m.checked_mul(f))
        };
        if s > self.scale {
            match up(self.mantissa, s - self.scale) {
                Some(rescaled) => (self.mantissa, self.scale) = (rescaled, s),
                None => self.overflow = true,
            }
        } else if s < self.scale {
            match up(m, self.scale - s) {
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

/// `a.cmp(&b)`: both brought to the larger scale in an `i128` (exact), or
/// `Decimal`'s own comparison when that does not fit.
pub fn cmp(a: Decimal, b: Decimal) -> Ordering {
    let (sa, sb) = (a.scale(), b.scale());
    let (ma, mb) = (a.mantissa(), b.mantissa());
    let scaled = |m: i128, by: u32| {
        POWERS_OF_TEN
            .get(by as usize)
            .and_then(|&f| m.checked_mul(f))
    };
    let pair = match sa.cmp(&sb) {
        Ordering::Equal => Some((ma, mb)),
        Ordering::Less => scaled(ma, sb - sa).map(|ma| (ma, mb)),
        Ordering::Greater => scaled(mb, sa - sb).map(|mb| (ma, mb)),
    };
    match pair {
        Some((ma, mb)) => ma.cmp(&mb),
        None => a.cmp(&b),
    }
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
        ) {
            let (x, y) = (decimal(a.0, a.1, a.2, a.3), decimal(b.0, b.1, b.2, b.3));
            prop_assert_eq!(cmp(x, y), x.cmp(&y));
            prop_assert_eq!(cmp(x, x), std::cmp::Ordering::Equal);
            // Points-sized numbers, where the fast path runs.
            let (p, q) = (Decimal::new(small.0, small.1), Decimal::new(small.2, small.3));
            prop_assert_eq!(cmp(p, q), p.cmp(&q));
            prop_assert_eq!(clamp(p, Decimal::ZERO, q.abs()), p.clamp(Decimal::ZERO, q.abs()));
        }
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
        }
    }

    #[test]
    fn sums_beyond_i128_fall_back() {
        let mut sum = Sum::default();
        sum.add(Decimal::MAX);
        sum.add(Decimal::new(1, 28));
        // Decimal::MAX at scale 28 does not fit: the caller adds the slow way.
        assert_eq!(sum.total(), None);
    }
}
