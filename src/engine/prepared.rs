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
mod tests;
