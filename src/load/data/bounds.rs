//! A column's bounds made ready for plain numbers as read: for each
//! number of places a plain number can have, the bounds as whole numbers
//! of `10^-places`, so a cell is checked with two integer comparisons on
//! its digits instead of building a decimal and comparing it, in every
//! number cell of a large run.

use rust_decimal::Decimal;

use super::super::text::PlainNumber;
use crate::exact::POWERS_OF_TEN;
use crate::model::{InputConstraints, ValueBound};

/// A plain number has at most this many places (see `scan_plain_number`).
const MAX_PLACES: usize = 18;

/// [`InputConstraints::broken_bound`]'s answer for plain numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PlainBounds {
    /// Indexed by places: the least and the greatest signed magnitude
    /// within the bounds (`i128::MIN`, `i128::MAX` where there is none).
    low: [i128; MAX_PLACES + 1],
    high: [i128; MAX_PLACES + 1],
}

/// `value × 10^places` rounded up (`ceil`) or down, when it fits.
fn at_places(value: Decimal, places: u32, ceil: bool) -> Option<i128> {
    let m = value.mantissa();
    let s = value.scale();
    if places >= s {
        return m.checked_mul(*POWERS_OF_TEN.get((places - s) as usize)?);
    }
    let d = *POWERS_OF_TEN.get((s - places) as usize)?;
    let floor = m.div_euclid(d);
    Some(if ceil && m.rem_euclid(d) != 0 {
        floor + 1
    } else {
        floor
    })
}

impl PlainBounds {
    /// `None` when a bound does not fit: such a column keeps the decimal
    /// comparison.
    pub(super) fn new(constraints: &InputConstraints<'_>) -> Option<Self> {
        let (mut low, mut high) = ([i128::MIN; MAX_PLACES + 1], [i128::MAX; MAX_PLACES + 1]);
        for (places, (low, high)) in (0u32..).zip(low.iter_mut().zip(&mut high)) {
            if let Some(ValueBound { value, .. }) = constraints.low {
                *low = at_places(value, places, true)?;
            }
            if let Some(ValueBound { value, .. }) = constraints.high {
                *high = at_places(value, places, false)?;
            }
        }
        Some(PlainBounds { low, high })
    }

    /// `number` breaks neither bound.
    #[inline]
    pub(super) fn hold(&self, number: PlainNumber) -> bool {
        let places = number.places as usize;
        let (Some(&low), Some(&high)) = (self.low.get(places), self.high.get(places)) else {
            // More places than a plain number has: the full path decides.
            return false;
        };
        let magnitude = i128::from(number.magnitude);
        let v = if number.negative {
            -magnitude
        } else {
            magnitude
        };
        v >= low && v <= high
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
            whole: false,
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
        // More places than any plain number: rounded up, as a whole
        // number of its places can reach it.
        let fine = constraints(Some(Decimal::new(1, 20)), None);
        let b = PlainBounds::new(&fine).expect("a tiny bound fits");
        assert!(!b.hold(number(0, 0, false)));
        assert!(b.hold(number(1, 18, false)));
        // Beyond an i128 at 18 places: the decimal check's turn.
        let huge = constraints(None, Some(Decimal::MAX));
        assert_eq!(PlainBounds::new(&huge), None);
    }
}
