//! A column's bounds made ready for plain numbers as read: whole numbers
//! of `10^-SCALE`, so a cell is checked with two integer comparisons
//! instead of building a decimal and comparing it (once 5% of the
//! instructions of a large run).

use rust_decimal::Decimal;

use super::super::text::PlainNumber;
use crate::exact::POWERS_OF_TEN;
use crate::model::InputConstraints;

/// Every plain number has at most 18 places, and at most 19 digits: at
/// this scale it is below 10^37, well within an `i128`.
const SCALE: u32 = 18;

/// [`InputConstraints::broken_bound`]'s answer for plain numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PlainBounds {
    low: Option<i128>,
    high: Option<i128>,
}

/// `value` as a whole number of `10^-SCALE`, when it is one that fits.
fn fixed(value: Decimal) -> Option<i128> {
    let shift = SCALE.checked_sub(value.scale())?;
    value
        .mantissa()
        .checked_mul(*POWERS_OF_TEN.get(shift as usize)?)
}

impl PlainBounds {
    /// `None` when a bound has more places than [`SCALE`] or is too large:
    /// such a column keeps the decimal comparison.
    pub(super) fn new(constraints: &InputConstraints<'_>) -> Option<Self> {
        let bound = |b: Option<crate::model::ValueBound>| match b {
            Some(b) => fixed(b.value).map(Some),
            None => Some(None),
        };
        Some(PlainBounds {
            low: bound(constraints.low)?,
            high: bound(constraints.high)?,
        })
    }

    /// `number` breaks neither bound.
    #[inline]
    pub(super) fn hold(self, number: PlainNumber) -> bool {
        // places ≤ 18 and magnitude < 10^19 (see `scan_plain_number`); a
        // number that would not fit is refused here, and the full path
        // decides.
        let Some(shift) = SCALE.checked_sub(number.places) else {
            return false;
        };
        let Some(magnitude) = POWERS_OF_TEN
            .get(shift as usize)
            .and_then(|&p| i128::from(number.magnitude).checked_mul(p))
        else {
            return false;
        };
        let v = if number.negative {
            -magnitude
        } else {
            magnitude
        };
        self.low.is_none_or(|low| v >= low) && self.high.is_none_or(|high| v <= high)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BoundReason, ValueBound};
    use proptest::prelude::*;

    fn constraints(low: Option<Decimal>, high: Option<Decimal>) -> InputConstraints<'static> {
        let bound = |value| ValueBound {
            value,
            reason: BoundReason::Declared,
        };
        InputConstraints {
            readers: vec![],
            low: low.map(bound),
            high: high.map(bound),
            percent_scale: false,
            levels: vec![],
        }
    }

    fn number(magnitude: u64, places: u32, negative: bool) -> PlainNumber {
        PlainNumber {
            magnitude,
            places,
            negative: negative && magnitude != 0,
        }
    }

    fn bound_strategy() -> impl Strategy<Value = Option<Decimal>> {
        proptest::option::of(prop_oneof![
            // Few distinct numbers, so that values often sit exactly on one.
            4 => (-20i64..20, 0u32..2).prop_map(|(m, s)| Decimal::new(m, s)),
            2 => (-1_200i64..1_200, 0u32..3).prop_map(|(m, s)| Decimal::new(m, s)),
            1 => (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
            1 => (any::<i128>(), 0u32..=28).prop_map(|(m, s)| {
                Decimal::try_from_i128_with_scale(m % 10i128.pow(28), s).expect("below 2^96")
            }),
        ])
    }

    fn number_strategy() -> impl Strategy<Value = PlainNumber> {
        prop_oneof![
            // Drawn as bounds are, so that they often meet.
            4 => (0u64..20, 0u32..2, any::<bool>()).prop_map(|(m, p, n)| number(m, p, n)),
            2 => (0u64..1_200, 0u32..3, any::<bool>()).prop_map(|(m, p, n)| number(m, p, n)),
            1 => (0u64..10u64.pow(19), 0u32..=18, any::<bool>())
                .prop_map(|(m, p, n)| number(m, p, n)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        /// Wherever the prepared bounds exist, they refuse exactly what
        /// the decimal comparison refuses.
        #[test]
        fn hold_as_the_decimal_check_does(
            low in bound_strategy(),
            high in bound_strategy(),
            n in number_strategy(),
        ) {
            let c = constraints(low, high);
            if let Some(bounds) = PlainBounds::new(&c) {
                prop_assert_eq!(bounds.hold(n), c.broken_bound(n.to_decimal()).is_none());
            }
        }
    }

    #[test]
    fn common_bounds_are_prepared() {
        let c = constraints(Some(Decimal::ZERO), Some(Decimal::new(100, 0)));
        let b = PlainBounds::new(&c).expect("0 to 100 fits");
        assert!(b.hold(number(100, 0, false)));
        assert!(b.hold(number(0, 0, true)));
        assert!(!b.hold(number(10001, 2, false)));
        assert!(!b.hold(number(1, 3, true)));
        assert!(b.hold(number(99_999_999_999, 9, false)));
        // More places than the prepared scale: the decimal check's turn.
        let fine = constraints(Some(Decimal::new(1, 20)), None);
        assert_eq!(PlainBounds::new(&fine), None);
    }
}
