//! A criterion's rule made ready for scoring many units: its bounds as
//! integers at one scale, and every outcome it can reach worked out once
//! (clamped, rounded, and whether it meets the pass mark). A unit's value
//! then costs a few integer comparisons instead of decimal arithmetic.
//!
//! Only what is provably the same as [`super::rules::earn_rounded`] is
//! answered here. Anything else (N/A, a missing value, a fraction, a value
//! with more places than the prepared scale, a deduction) is `None`, and
//! the caller takes the general path.

use rust_decimal::Decimal;

use super::rules::fraction_linear_share;
use crate::exact;
use crate::model::{Bound, Criterion, PassMark, Rule, Value};

/// Values are compared at no fewer places than this, so that data with a
/// few decimals (85.5, 2.75) meets integer bounds on the prepared path.
const MIN_SCALE: u32 = 6;

/// Points a criterion earns, and whether they meet its pass mark.
///
/// Every field is a whole word, so the struct has no padding: copied out
/// of a prepared outcome list and read back field by field, a `bool` and
/// an `Option` beside the decimal made the compiler copy the padding in
/// overlapping pieces that the reads then stalled on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub points: Decimal,
    /// `points` as a whole number of `10^-places` (the set's precision),
    /// or [`NOT_SCALED`] when it is not one that fits an `i64`: worked out
    /// with each fixed outcome, so that compact results store it without
    /// taking the decimal apart again.
    scaled: i64,
    /// 1 when met, 0 when not.
    met: u64,
}

/// [`Scored::scaled`]'s "no whole number": `i64::MIN` is never one, as
/// compact results keep only numbers under 2^61 in absolute value.
const NOT_SCALED: i64 = i64::MIN;

impl Scored {
    /// `points` (already rounded to `places`) against the pass mark.
    #[inline]
    pub fn new(points: Decimal, pass: Decimal, places: u32) -> Self {
        Scored::from_parts(
            points,
            exact::cmp(points, pass).is_ge(),
            exact::at_scale(points, places),
        )
    }

    /// No points, not met, the points known as 0.
    pub const NOTHING: Scored = Scored {
        points: Decimal::ZERO,
        scaled: 0,
        met: 0,
    };

    #[inline]
    pub fn from_parts(points: Decimal, met: bool, scaled: Option<i64>) -> Self {
        Scored {
            points,
            scaled: scaled.filter(|&m| m != NOT_SCALED).unwrap_or(NOT_SCALED),
            met: u64::from(met),
        }
    }

    #[inline]
    pub fn met(&self) -> bool {
        self.met != 0
    }

    #[inline]
    pub fn scaled(&self) -> Option<i64> {
        (self.scaled != NOT_SCALED).then_some(self.scaled)
    }
}

#[derive(Debug, Clone)]
pub struct Prepared {
    /// The scale bounds and values are compared at.
    scale: u32,
    test: Test,
    /// For outcomes worked out per unit: the criterion's points, pass
    /// mark and the set's precision.
    max: Decimal,
    pass: Decimal,
    /// `pass` as a whole number of `10^-places`, when it is one.
    pass_scaled: Option<i64>,
    places: u32,
}

#[derive(Debug, Clone)]
enum Test {
    Yes {
        no: Scored,
        yes: Scored,
    },
    /// The first bound that holds gives its outcome; none, `otherwise`.
    /// (`at_least` and `at_most` are one step.)
    Steps {
        bounds: Vec<FixedBound>,
        /// The bounds as written, for [`exact_against`].
        thresholds: Vec<Decimal>,
        outcomes: Vec<Scored>,
        otherwise: Scored,
    },
    Levels {
        ids: Vec<u32>,
        outcomes: Vec<Scored>,
        otherwise: Scored,
    },
    Linear {
        zero: i64,
        full: i64,
        ascending: bool,
        at_zero: Scored,
        at_full: Scored,
        /// The share between the ends in one multiplication and one
        /// division, where the rule's figures allow ([`LinearShare`]).
        share: Option<LinearShare>,
        /// `zero` and `full` as written, for a fraction's share.
        ends: (Decimal, Decimal),
    },
    /// `max − per × v` within `0..=max`, for a whole-number count `v`:
    /// the points lost are `per`'s mantissa times `v` at `per`'s scale.
    Deduct {
        /// `per`'s mantissa and scale.
        per: i64,
        per_scale: u32,
        /// `max`'s mantissa and scale.
        max: i64,
        max_scale: u32,
        /// Nothing lost (`v` or `per` is 0): `max` as it is written.
        untouched: Scored,
        at_zero: Scored,
        at_full: Scored,
    },
    /// The value itself, within `0..=max`.
    Direct {
        max: i64,
        below: Scored,
        above: Scored,
    },
    General,
}

/// A linear rule's share of its points for a value strictly between its
/// ends, as a whole number of `10^-places`: `(v − zero) × factor ÷
/// divisor`, rounded half away from zero. Where
/// [`exact::product_quotient_scaled`] puts its powers of ten, for the
/// criterion's points, the value's scale and the set's precision, is the
/// same for every unit, so it is worked out once here.
#[derive(Debug, Clone, Copy)]
struct LinearShare {
    /// The points' mantissa, times the power of ten that goes above.
    factor: i64,
    /// `full − zero`, times the power of ten that goes below.
    divisor: i64,
}

impl LinearShare {
    /// `max × (v − zero) ÷ (full − zero)` with `v`, `zero` and `full` at
    /// `scale`, as [`exact::product_quotient_scaled`] works it out, or
    /// `None` where the scales leave a decimal's 28 places or the figures
    /// a 64-bit integer.
    fn new(max: Decimal, span: i128, scale: u32, places: u32) -> Option<Self> {
        let (a, a_scale) = (max.mantissa(), max.scale());
        if a_scale + scale > 28 {
            return None;
        }
        // product_quotient_scaled's product has scale a_scale + scale and
        // its divisor `scale`: only `places` against `a_scale` decides
        // which side takes the power of ten.
        let (factor, divisor) = if places >= a_scale {
            (exact::scale_up(a, places - a_scale)?, span)
        } else {
            (a, exact::scale_up(span, a_scale - places)?)
        };
        Some(LinearShare {
            factor: i64::try_from(factor).ok()?,
            divisor: i64::try_from(divisor).ok()?,
        })
    }

    /// The share for `progress = v − zero`: the whole number of
    /// `10^-places` that `product_quotient_scaled` gives, or `None` where
    /// this short form cannot tell (the caller then asks it).
    #[inline]
    fn scaled(self, progress: i64) -> Option<i64> {
        // Within 96 bits, as product_quotient_scaled takes its product
        // (this one, with its power of ten, is never smaller).
        // Two 64-bit factors: the product fits an i128.
        let product = i128::from(progress) * i128::from(self.factor);
        if product.unsigned_abs() >= 1 << 96 {
            return None;
        }
        exact::quotient_rounded(product, i128::from(self.divisor))
    }
}

#[derive(Debug, Clone, Copy)]
enum FixedBound {
    AtLeast(i64),
    AtMost(i64),
}

/// The outcome of the first level or step that matched, `otherwise` when
/// none did.
fn first_outcome(matched: Option<usize>, outcomes: &[Scored], otherwise: Scored) -> Scored {
    matched
        .and_then(|i| outcomes.get(i).copied())
        .unwrap_or(otherwise)
}

impl FixedBound {
    fn holds(self, v: i64) -> bool {
        match self {
            FixedBound::AtLeast(min) => v >= min,
            FixedBound::AtMost(max) => v <= max,
        }
    }

    /// Whether the fraction `n ÷ d` (`d > 0`, `n` already at the bound's
    /// scale) meets the bound, cross-multiplied as the general path
    /// compares it; `None` when a product leaves an `i128`.
    fn holds_fraction(self, n: i128, d: i128) -> Option<bool> {
        Some(match self {
            FixedBound::AtLeast(min) => n >= exact::mul(i128::from(min), d)?,
            FixedBound::AtMost(max) => n <= exact::mul(i128::from(max), d)?,
        })
    }
}

/// Whether the general path compares a fraction over `den` with each of
/// `bounds` exactly: it multiplies the bound by `den` as a decimal, which
/// rounds a product past a decimal's 96 bits or 28 places. Where it would
/// round, the general path's answer is the one to give.
fn exact_against(bounds: &[Decimal], den: Decimal) -> bool {
    bounds.iter().all(|&b| exact::product(b, den).is_some())
}

/// A fraction's terms as integers at one scale, so that their quotient is
/// its value; `None` when either leaves an `i64` or the denominator is not
/// positive.
fn fraction_terms(num: Decimal, den: Decimal) -> Option<(i128, i128)> {
    let scale = num.scale().max(den.scale());
    let (n, d) = (exact::at_scale(num, scale)?, exact::at_scale(den, scale)?);
    (d > 0).then_some((i128::from(n), i128::from(d)))
}

/// What a criterion's points, as earned (rounded to `places`), must reach
/// to count as met. "All the points" is the rule's full outcome rounded the
/// same way: points that a sensitivity run scales to 3.0349 are met by the
/// 3.03 they earn in full.
pub fn pass_mark(c: &Criterion, places: u32) -> Decimal {
    match c.pass {
        PassMark::AllPoints => exact::round_half_away(c.default_pass(), places),
        PassMark::Points(points) => points,
    }
}

impl Prepared {
    pub fn new(c: &Criterion, places: u32) -> Self {
        Prepared::for_rule(&c.rule, c.points, pass_mark(c, places), places)
    }

    /// A gate's rule, which passes when it earns `full` ([`gate_full`]),
    /// unrounded: prepared only where every outcome is a fixed one (yes,
    /// a bound, steps, levels), at enough places that rounding leaves each
    /// as it is. `None` for the rest, which the general path scores.
    ///
    /// [`gate_full`]: super::rules::gate_full
    pub fn for_gate(rule: &Rule, full: Decimal) -> Option<Self> {
        let outcomes: Vec<Decimal> = match rule {
            Rule::Steps(steps) => steps.iter().map(|s| s.points).collect(),
            Rule::Levels(levels) => levels.iter().map(|l| l.points).collect(),
            _ => Vec::new(),
        };
        let places = outcomes
            .iter()
            .map(Decimal::scale)
            .fold(full.scale(), u32::max);
        let prepared = Prepared::for_rule(rule, full, full, places);
        matches!(
            prepared.test,
            Test::Yes { .. } | Test::Steps { .. } | Test::Levels { .. }
        )
        .then_some(prepared)
    }

    fn for_rule(rule: &Rule, max: Decimal, pass: Decimal, places: u32) -> Self {
        // What `earn_rounded` makes of points a rule hands out, as a result.
        let scored =
            |points: Decimal| Scored::new(exact::round_half_away(points, places), pass, places);
        // Steps and levels clamp what they hand out; the all-or-nothing rules
        // give `max` or 0 as they are.
        let clamped = |points: Decimal| scored(exact::clamp(points, Decimal::ZERO, max));
        let bound_scale =
            |bounds: &[Decimal]| bounds.iter().map(|b| b.scale()).fold(MIN_SCALE, u32::max);
        // The first bound that holds gives its outcome: steps, and the
        // all-or-nothing rules as one step.
        let steps = |bounds: &[Bound], outcomes: Vec<Scored>, otherwise: Scored| {
            let thresholds: Vec<Decimal> = bounds.iter().map(|b| b.threshold()).collect();
            let scale = bound_scale(&thresholds);
            let fixed: Option<Vec<FixedBound>> = bounds
                .iter()
                .map(|b| match *b {
                    Bound::AtLeast(x) => exact::at_scale(x, scale).map(FixedBound::AtLeast),
                    Bound::AtMost(x) => exact::at_scale(x, scale).map(FixedBound::AtMost),
                })
                .collect();
            let test = fixed.map_or(Test::General, |bounds| Test::Steps {
                bounds,
                thresholds,
                outcomes,
                otherwise,
            });
            (scale, test)
        };
        let (scale, test) = match rule {
            Rule::Yes => (
                0,
                Test::Yes {
                    no: scored(Decimal::ZERO),
                    yes: scored(max),
                },
            ),
            Rule::AtLeast(x) => steps(
                &[Bound::AtLeast(*x)],
                vec![scored(max)],
                scored(Decimal::ZERO),
            ),
            Rule::AtMost(x) => steps(
                &[Bound::AtMost(*x)],
                vec![scored(max)],
                scored(Decimal::ZERO),
            ),
            Rule::Steps(list) => steps(
                &list.iter().map(|s| s.bound).collect::<Vec<_>>(),
                list.iter().map(|s| clamped(s.points)).collect(),
                clamped(Decimal::ZERO),
            ),
            Rule::Levels(levels) => (
                0,
                Test::Levels {
                    ids: levels.iter().map(|l| l.id).collect(),
                    outcomes: levels.iter().map(|l| clamped(l.points)).collect(),
                    otherwise: clamped(Decimal::ZERO),
                },
            ),
            Rule::Linear { zero, full } => {
                let scale = bound_scale(&[*zero, *full]);
                let test = match (exact::at_scale(*zero, scale), exact::at_scale(*full, scale)) {
                    (Some(z), Some(f)) => Test::Linear {
                        zero: z,
                        full: f,
                        ascending: exact::cmp(*full, *zero).is_gt(),
                        at_zero: scored(Decimal::ZERO),
                        at_full: scored(max),
                        share: LinearShare::new(max, i128::from(f) - i128::from(z), scale, places),
                        ends: (*zero, *full),
                    },
                    _ => Test::General,
                };
                (scale, test)
            }
            Rule::Direct => {
                let scale = bound_scale(&[max]);
                let test = match exact::at_scale(max, scale) {
                    Some(m) if m >= 0 => Test::Direct {
                        max: m,
                        below: scored(Decimal::ZERO),
                        above: scored(max),
                    },
                    _ => Test::General,
                };
                (scale, test)
            }
            Rule::Deduct { per } => {
                let parts = |d: Decimal| Some((i64::try_from(d.mantissa()).ok()?, d.scale()));
                let test = match (parts(*per), parts(max)) {
                    // From a zero, a decimal subtraction keeps the other
                    // side's scale: the general path's.
                    (Some((per, per_scale)), Some((max_m, max_scale))) if max_m != 0 => {
                        Test::Deduct {
                            per,
                            per_scale,
                            max: max_m,
                            max_scale,
                            untouched: clamped(max),
                            at_zero: scored(Decimal::ZERO),
                            at_full: scored(max),
                        }
                    }
                    _ => Test::General,
                };
                (0, test)
            }
            // Scored against their scope by `super::relative`.
            Rule::Target(_) | Rule::Relative(_) => (0, Test::General),
        };
        Prepared {
            scale,
            test,
            max,
            pass,
            pass_scaled: exact::at_scale(pass, places),
            places,
        }
    }

    /// The criterion's points for `value`, when the prepared form answers;
    /// `None` sends the caller to the general path,
    /// [`super::rules::earn_rounded`].
    // Inlined into both callers, criteria and gates: called once a cell.
    #[inline(always)]
    pub fn score(&self, value: &Value) -> Option<Scored> {
        match (&self.test, value) {
            (Test::Yes { no, yes }, Value::YesNo(v)) => Some(if *v { *yes } else { *no }),
            (
                Test::Levels {
                    ids,
                    outcomes,
                    otherwise,
                },
                Value::Label(id),
            ) => Some(first_outcome(
                ids.iter().position(|l| l == id),
                outcomes,
                *otherwise,
            )),
            (
                Test::Steps {
                    bounds,
                    outcomes,
                    otherwise,
                    ..
                },
                Value::Number(v),
            ) => {
                let v = exact::at_scale(*v, self.scale)?;
                Some(first_outcome(
                    bounds.iter().position(|b| b.holds(v)),
                    outcomes,
                    *otherwise,
                ))
            }
            (
                Test::Steps {
                    bounds,
                    thresholds,
                    outcomes,
                    otherwise,
                },
                Value::Fraction { num, den },
            ) => {
                if !exact_against(thresholds, *den) {
                    return None;
                }
                // A derived ratio: compared exactly, as `num ≥ bound × den`.
                let (n, d) = fraction_terms(*num, *den)?;
                let n = exact::scale_up(n, self.scale)?;
                let mut matched = None;
                for (i, bound) in bounds.iter().enumerate() {
                    if bound.holds_fraction(n, d)? {
                        matched = Some(i);
                        break;
                    }
                }
                Some(first_outcome(matched, outcomes, *otherwise))
            }
            (
                Test::Linear {
                    zero,
                    full,
                    ascending,
                    at_zero,
                    at_full,
                    share,
                    ..
                },
                Value::Number(v),
            ) => {
                let v = exact::at_scale(*v, self.scale)?;
                let (reached_full, below_zero) = if *ascending {
                    (v >= *full, v <= *zero)
                } else {
                    (v <= *full, v >= *zero)
                };
                if reached_full {
                    return Some(*at_full);
                }
                if below_zero {
                    return Some(*at_zero);
                }
                let short = share.and_then(|share| share.scaled(v.checked_sub(*zero)?));
                if let Some(scaled) = short {
                    return self.scored_at_places(scaled);
                }
                let progress = i128::from(v) - i128::from(*zero);
                let span = i128::from(*full) - i128::from(*zero);
                let scaled = exact::product_quotient_scaled(
                    (self.max.mantissa(), self.max.scale()),
                    (progress, self.scale),
                    (span, self.scale),
                    self.places,
                )?;
                self.scored_at_places(scaled)
            }
            (
                Test::Linear {
                    zero,
                    full,
                    ascending,
                    at_zero,
                    at_full,
                    ends,
                    ..
                },
                Value::Fraction { num, den },
            ) => {
                // A derived ratio: its ends compared exactly, as
                // `num ≥ bound × den`, then the share as the general path
                // works it out.
                if !exact_against(&[ends.0, ends.1], *den) {
                    return None;
                }
                let (n, d) = fraction_terms(*num, *den)?;
                let n = exact::scale_up(n, self.scale)?;
                let (to_full, to_zero) = if *ascending {
                    (FixedBound::AtLeast(*full), FixedBound::AtMost(*zero))
                } else {
                    (FixedBound::AtMost(*full), FixedBound::AtLeast(*zero))
                };
                if to_full.holds_fraction(n, d)? {
                    return Some(*at_full);
                }
                if to_zero.holds_fraction(n, d)? {
                    return Some(*at_zero);
                }
                let (zero, full) = *ends;
                let points = fraction_linear_share(*num, *den, zero, full, self.max, self.places)?;
                Some(self.with_pass(points))
            }
            (
                Test::Deduct {
                    per,
                    per_scale,
                    max,
                    max_scale,
                    untouched,
                    at_zero,
                    at_full,
                },
                Value::Number(v),
            ) => {
                // A count with places, or one beyond any real count, is
                // the general path's.
                let count = exact::at_scale(*v, 0).filter(|c| c.unsigned_abs() < 1 << 32)?;
                if count == 0 || *per == 0 {
                    // A product with a zero is plain 0: `max` is kept as written.
                    return Some(*untouched);
                }
                // `max − per × count` at the larger of the two scales, as a
                // decimal subtraction aligns them.
                let scale = (*max_scale).max(*per_scale);
                let full = exact::scale_up(i128::from(*max), scale - max_scale)?;
                let lost =
                    exact::scale_up(i128::from(*per) * i128::from(count), scale - per_scale)?;
                // Where a decimal could not align them, it would round.
                if full.unsigned_abs() >= 1 << 96 || lost.unsigned_abs() >= 1 << 96 {
                    return None;
                }
                let left = full - lost;
                if left < 0 {
                    return Some(*at_zero);
                }
                if left > full {
                    return Some(*at_full);
                }
                let points = Decimal::try_from_i128_with_scale(left, scale).ok()?;
                Some(self.with_pass(exact::round_half_away(points, self.places)))
            }
            (Test::Direct { max, below, above }, Value::Number(v)) => {
                let fixed = exact::at_scale(*v, self.scale)?;
                Some(if fixed < 0 {
                    *below
                } else if fixed > *max {
                    *above
                } else {
                    self.with_pass(exact::round_half_away(*v, self.places))
                })
            }
            _ => None,
        }
    }

    /// The criterion's [`pass_mark`] at the set's precision, for the
    /// general path too: fixed per set, not worked out per unit.
    #[inline]
    pub fn pass(&self) -> Decimal {
        self.pass
    }

    // Inlined, so the outcome is not read back from the stack in other
    // pieces than it was written in (a stalled load).
    #[inline(always)]
    fn with_pass(&self, points: Decimal) -> Scored {
        Scored::new(points, self.pass, self.places)
    }

    /// The outcome of points that are `scaled` whole `10^-places`: the same
    /// as [`Prepared::with_pass`] of their decimal, compared as integers
    /// where the pass mark is one at that scale.
    #[inline(always)]
    fn scored_at_places(&self, scaled: i64) -> Option<Scored> {
        let points = Decimal::try_new(scaled, self.places).ok()?;
        let met = match self.pass_scaled {
            Some(pass) => scaled >= pass,
            None => exact::cmp(points, self.pass).is_ge(),
        };
        Some(Scored::from_parts(points, met, Some(scaled)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rules::{Outcome, earn, earn_rounded, gate_full};
    use crate::model::{IndicatorRef, Level, Step};
    use proptest::prelude::*;

    fn criterion(rule: Rule, points: Decimal, pass: PassMark) -> Criterion {
        Criterion {
            id: "C".into(),
            title: "C".into(),
            group: None,
            indicator: IndicatorRef::Input(0),
            unit: None,
            points,
            pass,
            allow_na: true,
            rule,
            range: None,
            whole: false,
        }
    }

    /// The general path's answer, as the scorer reads it.
    fn general(c: &Criterion, value: &Value, places: u32) -> Option<Scored> {
        match earn_rounded(&c.rule, c.points, value, places) {
            Outcome::Points(points) => Some(Scored::new(points, pass_mark(c, places), places)),
            _ => None,
        }
    }

    fn dec(m: i64, s: u32) -> Decimal {
        Decimal::new(m, s)
    }

    fn bound(at_least: bool, x: Decimal) -> Bound {
        if at_least {
            Bound::AtLeast(x)
        } else {
            Bound::AtMost(x)
        }
    }

    fn rule_strategy() -> impl Strategy<Value = Rule> {
        // Few distinct numbers, so that values and bounds often meet.
        let number = prop_oneof![
            3 => (-12i64..12, 0u32..2).prop_map(|(m, s)| dec(m, s)),
            1 => (-2_000i64..2_000, 0u32..4).prop_map(|(m, s)| dec(m, s)),
        ];
        prop_oneof![
            Just(Rule::Yes),
            number.clone().prop_map(Rule::AtLeast),
            number.clone().prop_map(Rule::AtMost),
            (number.clone(), number.clone()).prop_map(|(zero, full)| Rule::Linear { zero, full }),
            prop::collection::vec((any::<bool>(), number.clone(), number.clone()), 1..4).prop_map(
                |steps| Rule::Steps(
                    steps
                        .into_iter()
                        .map(|(at_least, x, points)| Step {
                            bound: bound(at_least, x),
                            points,
                        })
                        .collect()
                )
            ),
            prop::collection::vec((0u32..4, number.clone()), 1..4).prop_map(|levels| {
                Rule::Levels(
                    levels
                        .into_iter()
                        .map(|(id, points)| Level {
                            label: id.to_string(),
                            key: id.to_string(),
                            id,
                            points,
                        })
                        .collect(),
                )
            }),
            Just(Rule::Direct),
            number.prop_map(|per| Rule::Deduct { per }),
        ]
    }

    fn value_strategy() -> impl Strategy<Value = Value> {
        prop_oneof![
            // Drawn as bounds are, so that values often sit exactly on one.
            8 => (-12i64..12, 0u32..2).prop_map(|(m, s)| Value::Number(dec(m, s))),
            2 => (-2_000i64..2_000, 0u32..4).prop_map(|(m, s)| Value::Number(dec(m, s))),
            // Data-sized numbers, some with more places than the prepared scale.
            1 => (-3_000_000i64..3_000_000, 0u32..9).prop_map(|(m, s)| Value::Number(dec(m, s))),
            1 => (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Value::Number(dec(m, s))),
            1 => any::<bool>().prop_map(Value::YesNo),
            1 => (0u32..5).prop_map(Value::Label),
            1 => Just(Value::NotApplicable),
            1 => Just(Value::Missing),
            1 => ((1i64..1000, 0u32..3), (1i64..1000, 0u32..3)).prop_map(|(n, d)| Value::Fraction {
                num: dec(n.0, n.1),
                den: dec(d.0, d.1),
            }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        /// Wherever the prepared form answers, it says what the general
        /// path says: the same points (value and scale) and the same `met`.
        #[test]
        fn answers_as_the_general_path_does(
            rule in rule_strategy(),
            points in (0i64..50, 0u32..3),
            pass in proptest::option::of((0i64..50, 0u32..3)),
            places in 0u32..4,
            value in value_strategy(),
        ) {
            let pass = pass.map_or(PassMark::AllPoints, |(m, s)| PassMark::Points(dec(m, s)));
            let c = criterion(rule, dec(points.0, points.1), pass);
            let prepared = Prepared::new(&c, places);
            if let Some(fast) = prepared.score(&value) {
                let slow = general(&c, &value, places);
                prop_assert_eq!(Some(fast), slow);
                let slow = slow.map_or(Decimal::ZERO, |s| s.points);
                prop_assert_eq!(fast.points.scale(), slow.scale());
                // A zero's sign shows when it is written ("-0").
                prop_assert_eq!(fast.points.is_sign_negative(), slow.is_sign_negative());
            }
        }

        /// A gate prepared where it can be passes exactly where the
        /// general path's points reach the gate's full points.
        #[test]
        fn gates_pass_as_the_general_path_says(
            rule in rule_strategy(),
            value in value_strategy(),
        ) {
            let full = gate_full(&rule);
            let fast = Prepared::for_gate(&rule, full).and_then(|p| p.score(&value));
            if let Some(fast) = fast {
                match earn(&rule, full, &value) {
                    Outcome::Points(p) => prop_assert_eq!(fast.met(), exact::cmp(p, full).is_ge()),
                    other => prop_assert!(false, "prepared answered, the general path said {other:?}"),
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        /// A linear share worked out from figures prepared once is the
        /// one `product_quotient_scaled` gives, wherever it answers.
        #[test]
        fn linear_shares_are_the_products_quotients(
            max in (-2_000_000i64..2_000_000, 0u32..6),
            span in prop_oneof![-1_000i64..1_000, any::<i64>()],
            progress in prop_oneof![-1_000i64..1_000, -10_000_000_000i64..10_000_000_000, any::<i64>()],
            scale in 0u32..24,
            places in 0u32..5,
        ) {
            let max = dec(max.0, max.1);
            let Some(share) = LinearShare::new(max, i128::from(span), scale, places) else {
                return Ok(());
            };
            if let Some(short) = share.scaled(progress) {
                let long = exact::product_quotient_scaled(
                    (max.mantissa(), max.scale()),
                    (i128::from(progress), scale),
                    (i128::from(span), scale),
                    places,
                );
                prop_assert_eq!(Some(short), long);
            }
        }
    }

    #[test]
    fn a_linear_share_rounds_half_away_from_zero() {
        // 3 points from 60 to 95, at six places: 80 earns 3 × 20 ÷ 35.
        let share = |max| LinearShare::new(max, 35_000_000, 6, 2).expect("prepared");
        assert_eq!(share(dec(3, 0)).scaled(20_000_000), Some(171));
        // 1.5 × 7 ÷ 35 = 0.3 exactly; 0.5 × 1 ÷ 35 = 0.0142…
        assert_eq!(share(dec(15, 1)).scaled(7_000_000), Some(30));
        assert_eq!(share(dec(5, 1)).scaled(1_000_000), Some(1));
        // Falling rules: the span is negative, the share is not.
        let falling = LinearShare::new(dec(2, 0), -40, 0, 2).expect("prepared");
        assert_eq!(falling.scaled(-10), Some(50));
        // A midpoint: 1 × 1 ÷ 8 = 0.125 → 0.13.
        let eighth = LinearShare::new(dec(1, 0), 8, 0, 2).expect("prepared");
        assert_eq!(eighth.scaled(1), Some(13));
        assert_eq!(eighth.scaled(-1), Some(-13));
    }

    #[test]
    fn deductions_and_ratios_on_a_linear_rule_take_the_prepared_path() {
        // 3 points, 0.5 lost per late report, at two places.
        let deduct = criterion(
            Rule::Deduct { per: dec(5, 1) },
            dec(3, 0),
            PassMark::AllPoints,
        );
        let prepared = Prepared::new(&deduct, 2);
        let count = |n| prepared.score(&Value::Number(dec(n, 0)));
        for (n, points, scale) in [(0, dec(3, 0), 0), (1, dec(25, 1), 1), (7, Decimal::ZERO, 0)] {
            let scored = count(n).expect("a whole count is prepared");
            assert_eq!(
                (scored.points, scored.points.scale()),
                (points, scale),
                "{n}"
            );
            assert_eq!(Some(scored), general(&deduct, &Value::Number(dec(n, 0)), 2));
        }
        assert!(count(0).is_some_and(|s| s.met()));
        // A count with places is the general path's.
        assert_eq!(prepared.score(&Value::Number(dec(15, 1))), None);

        // 4 points from 50% to 90% of crimes solved: 20 of 27 is 74.07…%.
        let linear = criterion(
            Rule::Linear {
                zero: dec(50, 0),
                full: dec(90, 0),
            },
            dec(4, 0),
            PassMark::AllPoints,
        );
        let prepared = Prepared::new(&linear, 2);
        let ratio = |num: i64, den: i64| Value::Fraction {
            num: dec(num * 100, 0),
            den: dec(den, 0),
        };
        for (num, den) in [(20, 27), (9, 10), (1, 3), (26, 29)] {
            let value = ratio(num, den);
            let scored = prepared.score(&value).expect("a ratio is prepared");
            assert_eq!(Some(scored), general(&linear, &value, 2), "{num}/{den}");
        }
        assert_eq!(
            prepared.score(&ratio(20, 27)).map(|s| s.points),
            Some(dec(241, 2))
        );
    }

    /// Where the general path's decimal product of a bound and a ratio's
    /// denominator rounds, the prepared path leaves the ratio to it, so
    /// both give one answer (found by review: they disagreed on `0 / 10⁻²⁰`
    /// against a full mark of 10⁻¹¹, and on the scale near a full mark of
    /// nineteen digits).
    #[test]
    fn a_ratio_whose_product_with_a_bound_rounds_is_the_general_paths() {
        let cases = [
            ((dec(0, 0), dec(1, 11)), dec(1, 0), (dec(0, 0), dec(1, 20))),
            (
                (
                    dec(7_922_743_109_454_321_588, 12),
                    dec(7_922_743_109_454_391_837, 12),
                ),
                dec(3, 0),
                (dec(7_922_816_251_426_504_009, 2), dec(10_000_092_319, 0)),
            ),
        ];
        for ((zero, full), points, (num, den)) in cases {
            let value = Value::Fraction { num, den };
            for places in 0..4 {
                for rule in [
                    Rule::Linear { zero, full },
                    Rule::Steps(vec![Step {
                        bound: Bound::AtLeast(full),
                        points,
                    }]),
                ] {
                    let c = criterion(rule, points, PassMark::AllPoints);
                    let fast = Prepared::new(&c, places).score(&value);
                    if let Some(fast) = fast {
                        let slow = general(&c, &value, places).expect("points");
                        assert_eq!(
                            (fast, fast.points.scale()),
                            (slow, slow.points.scale()),
                            "{places}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn gates_are_prepared_only_where_every_outcome_is_fixed() {
        let steps = Rule::Steps(vec![Step {
            bound: Bound::AtLeast(dec(70, 0)),
            points: dec(15, 1),
        }]);
        let linear = Rule::Linear {
            zero: dec(60, 0),
            full: dec(95, 0),
        };
        for (rule, prepared) in [
            (Rule::Yes, true),
            (Rule::AtMost(dec(0, 0)), true),
            (steps, true),
            (linear, false),
            (Rule::Direct, false),
        ] {
            let full = gate_full(&rule);
            assert_eq!(
                Prepared::for_gate(&rule, full).is_some(),
                prepared,
                "{rule:?}"
            );
        }
        // A ratio of 69.5% fails a 70% gate; 70% passes it.
        let gate = Rule::AtLeast(dec(70, 0));
        let prepared = Prepared::for_gate(&gate, Decimal::ONE).expect("a bound is prepared");
        let ratio = |num, den| Value::Fraction {
            num: dec(num, 0),
            den: dec(den, 0),
        };
        assert_eq!(prepared.score(&ratio(139, 2)).map(|s| s.met()), Some(false));
        assert_eq!(prepared.score(&ratio(700, 10)).map(|s| s.met()), Some(true));
    }

    #[test]
    fn common_values_take_the_prepared_path() {
        let c = criterion(
            Rule::Linear {
                zero: dec(70, 0),
                full: dec(90, 0),
            },
            dec(3, 0),
            PassMark::Points(dec(2, 0)),
        );
        let prepared = Prepared::new(&c, 2);
        let scored = prepared.score(&Value::Number(dec(855, 1)));
        assert_eq!(
            scored,
            Some(Scored {
                points: dec(233, 2),
                scaled: 233,
                met: 1,
            })
        );
        // On the bound itself: full points, as written (3, not 3.00).
        let on_full = prepared.score(&Value::Number(dec(90, 0)));
        assert_eq!(
            on_full.map(|s| (s.points, s.points.scale())),
            Some((dec(3, 0), 0))
        );
        assert_eq!(on_full, general(&c, &Value::Number(dec(90, 0)), 2));
        // More places than the prepared scale: the general path's turn.
        assert_eq!(prepared.score(&Value::Number(dec(85_123_456_789, 9))), None);
        assert_eq!(prepared.score(&Value::NotApplicable), None);
        let steps = criterion(
            Rule::Steps(vec![
                Step {
                    bound: Bound::AtLeast(dec(90, 0)),
                    points: dec(4, 0),
                },
                Step {
                    bound: Bound::AtLeast(dec(80, 0)),
                    points: dec(25, 1),
                },
            ]),
            dec(4, 0),
            PassMark::AllPoints,
        );
        let prepared = Prepared::new(&steps, 2);
        let at = |m, s| prepared.score(&Value::Number(dec(m, s)));
        assert_eq!(
            at(80, 0).map(|s| (s.points, s.met())),
            Some((dec(25, 1), false))
        );
        assert_eq!(
            at(9001, 2).map(|s| (s.points, s.met())),
            Some((dec(4, 0), true))
        );
        assert_eq!(at(7999, 2).map(|s| s.points), Some(Decimal::ZERO));
    }
}
