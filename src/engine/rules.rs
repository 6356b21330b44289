//! One rule applied to one value: the points it earns, before rounding.

use rust_decimal::Decimal;

use crate::exact;
use crate::model::{Bound, Direction, Rule, Value};

/// What a rule made of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Points(Decimal),
    NotApplicable,
    Missing,
}

/// The points `rule` earns for `value` out of `max`, clamped to `0..=max`.
/// A value of the wrong kind (never produced by the loader) earns 0.
pub fn earn(rule: &Rule, max: Decimal, value: &Value) -> Outcome {
    let points = match (rule, value) {
        (_, Value::NotApplicable) => return Outcome::NotApplicable,
        (_, Value::Missing) => return Outcome::Missing,
        // Exactly 0 or `max`, or (linear) between them by construction:
        // nothing to clamp.
        (Rule::Yes, Value::YesNo(yes)) => return Outcome::Points(all_or_nothing(*yes, max)),
        (Rule::AtLeast(min), Value::Number(v)) => {
            return Outcome::Points(all_or_nothing(exact::cmp(*v, *min).is_ge(), max));
        }
        (Rule::AtMost(limit), Value::Number(v)) => {
            return Outcome::Points(all_or_nothing(exact::cmp(*v, *limit).is_le(), max));
        }
        (Rule::Linear { zero, full }, Value::Number(v)) => {
            return Outcome::Points(linear(*v, *zero, *full, max));
        }
        (Rule::Steps(steps), Value::Number(v)) => steps
            .iter()
            .find(|s| s.bound.holds(*v))
            .map_or(Decimal::ZERO, |s| s.points),
        (Rule::Levels(levels), Value::Label(id)) => levels
            .iter()
            .find(|l| l.id == *id)
            .map_or(Decimal::ZERO, |l| l.points),
        (Rule::Deduct { per }, Value::Number(v)) => per
            .checked_mul(*v)
            .and_then(|lost| max.checked_sub(lost))
            .unwrap_or_else(|| beyond_a_decimal(!same_sign(*per, *v), max)),
        (Rule::Direct, Value::Number(v)) => *v,
        (rule, Value::Fraction { num, den }) => fraction(rule, *num, *den, max),
        _ => Decimal::ZERO,
    };
    Outcome::Points(exact::clamp(points, Decimal::ZERO, max))
}

/// `num / den` compared with `x` exactly (cross-multiplied; `den > 0`).
fn cmp_fraction(num: Decimal, den: Decimal, x: Decimal) -> std::cmp::Ordering {
    match exact::product(x, den).or_else(|| x.checked_mul(den)) {
        Some(scaled) => exact::cmp(num, scaled),
        // Beyond 28 digits the quotient's own precision is far below any
        // difference that matters.
        None => num.checked_div(den).unwrap_or(Decimal::MAX).cmp(&x),
    }
}

/// A rule on an exact quotient: every comparison is exact, and the points
/// come from one division at the end, so an exact midpoint (2.875) stays
/// exact for the rounding that follows.
fn fraction(rule: &Rule, num: Decimal, den: Decimal, max: Decimal) -> Decimal {
    use std::cmp::Ordering::{Greater, Less};
    let holds = |b: Bound| match b {
        Bound::AtLeast(x) => cmp_fraction(num, den, x) != Less,
        Bound::AtMost(x) => cmp_fraction(num, den, x) != Greater,
    };
    match rule {
        Rule::AtLeast(min) => all_or_nothing(holds(Bound::AtLeast(*min)), max),
        Rule::AtMost(limit) => all_or_nothing(holds(Bound::AtMost(*limit)), max),
        Rule::Steps(steps) => steps
            .iter()
            .find(|s| holds(s.bound))
            .map_or(Decimal::ZERO, |s| s.points),
        Rule::Linear { zero, full } => {
            match fraction_position(num, den, *zero, *full) {
                Position::Full => return max,
                Position::Zero => return Decimal::ZERO,
                Position::Between => {}
            }
            // max × (num/den − zero) ÷ (full − zero)
            //   = max × (num − zero·den) ÷ (den × (full − zero))
            let exact = zero
                .checked_mul(den)
                .and_then(|z| num.checked_sub(z))
                .and_then(|progress| max.checked_mul(progress))
                .and_then(|top| {
                    full.checked_sub(*zero)
                        .and_then(|span| den.checked_mul(span))
                        .and_then(|bottom| top.checked_div(bottom))
                });
            exact.unwrap_or_else(|| {
                num.checked_div(den)
                    .map_or(Decimal::ZERO, |v| linear(v, *zero, *full, max))
            })
        }
        Rule::Deduct { per } => {
            // max − per × num/den = (max·den − per·num) ÷ den
            let exact = max
                .checked_mul(den)
                .and_then(|m| per.checked_mul(num).and_then(|p| m.checked_sub(p)))
                .and_then(|top| top.checked_div(den));
            exact.unwrap_or_else(|| beyond_a_decimal(!same_sign(*per, num), max))
        }
        Rule::Direct => num
            .checked_div(den)
            .unwrap_or_else(|| beyond_a_decimal(same_sign(num, den), max)),
        // Scored against their scope by `super::relative`, never here.
        Rule::Yes | Rule::Levels(_) | Rule::Target(_) | Rule::Relative(_) => Decimal::ZERO,
    }
}

/// Points from an intermediate figure no decimal holds: far beyond either
/// end of `0..=max`, it earns all points when it lies above and none when
/// below, exactly as clamping the true figure would.
fn beyond_a_decimal(above: bool, max: Decimal) -> Decimal {
    all_or_nothing(above, max)
}

fn same_sign(a: Decimal, b: Decimal) -> bool {
    a.is_sign_negative() == b.is_sign_negative()
}

fn all_or_nothing(earned: bool, max: Decimal) -> Decimal {
    if earned { max } else { Decimal::ZERO }
}

/// Where a value sits on a linear rule.
enum Position {
    Zero,
    Full,
    Between,
}

fn position(v: Decimal, zero: Decimal, full: Decimal) -> Position {
    place(exact::cmp(v, full), exact::cmp(v, zero), zero, full)
}

/// [`position`] for the exact quotient `num / den`.
fn fraction_position(num: Decimal, den: Decimal, zero: Decimal, full: Decimal) -> Position {
    place(
        cmp_fraction(num, den, full),
        cmp_fraction(num, den, zero),
        zero,
        full,
    )
}

/// Where a value sits, from how it compares with `full` and with `zero`.
fn place(
    to_full: std::cmp::Ordering,
    to_zero: std::cmp::Ordering,
    zero: Decimal,
    full: Decimal,
) -> Position {
    let ascending = exact::cmp(full, zero).is_gt();
    let reached_full = if ascending {
        to_full.is_ge()
    } else {
        to_full.is_le()
    };
    let below_zero = if ascending {
        to_zero.is_le()
    } else {
        to_zero.is_ge()
    };
    if reached_full {
        Position::Full
    } else if below_zero {
        Position::Zero
    } else {
        Position::Between
    }
}

/// `max × clamp((v − zero) ÷ (full − zero), 0, 1)`, multiplying before the
/// one division so the result is exact whenever it can be.
fn linear(v: Decimal, zero: Decimal, full: Decimal, max: Decimal) -> Decimal {
    match position(v, zero, full) {
        Position::Full => max,
        Position::Zero => Decimal::ZERO,
        Position::Between => between(v, zero, full, max),
    }
}

/// `v` strictly between `zero` and `full`, so `progress ÷ span` lies in
/// 0..1 and the share in `0..max`: only the product before the division
/// can leave a decimal, and then the quotient is taken first.
fn between(v: Decimal, zero: Decimal, full: Decimal, max: Decimal) -> Decimal {
    let (Ok(span), Ok(progress)) = (exact::subtract(full, zero), exact::subtract(v, zero)) else {
        // Thresholds are bounded by the loader and `v` lies between them.
        return Decimal::ZERO;
    };
    max.checked_mul(progress)
        .and_then(|p| p.checked_div(span))
        .or_else(|| progress.checked_div(span).and_then(|r| r.checked_mul(max)))
        .unwrap_or(Decimal::ZERO)
}

/// [`earn`], rounded half away from zero to `places`: a criterion's points.
/// A linear rule's share is then one exact integer division where
/// [`exact::linear_rounded`] shows it the same, the common case.
pub fn earn_rounded(rule: &Rule, max: Decimal, value: &Value, places: u32) -> Outcome {
    if let (Rule::Linear { zero, full }, Value::Number(v)) = (rule, value)
        && let Position::Between = position(*v, *zero, *full)
        && let Some(points) = exact::linear_rounded(*v, *zero, *full, max, places)
    {
        return Outcome::Points(points);
    }
    if let (Rule::Linear { zero, full }, Value::Fraction { num, den }) = (rule, value)
        && let Some(points) = fraction_linear_rounded(*num, *den, *zero, *full, max, places)
    {
        return Outcome::Points(points);
    }
    match earn(rule, max, value) {
        Outcome::Points(p) => Outcome::Points(exact::round_half_away(p, places)),
        other => other,
    }
}

/// A linear rule's share of a fraction strictly between `zero` and
/// `full`, rounded: `fraction`'s `max × (num − zero·den) ÷ (den × (full −
/// zero))` as one exact integer division ([`exact::product_quotient_rounded`],
/// which says when that equals rounding `rust_decimal`'s quotient). `None`
/// at or beyond either end, or where the integers do not answer.
fn fraction_linear_rounded(
    num: Decimal,
    den: Decimal,
    zero: Decimal,
    full: Decimal,
    max: Decimal,
    places: u32,
) -> Option<Decimal> {
    if !matches!(fraction_position(num, den, zero, full), Position::Between) {
        return None;
    }
    fraction_linear_share(num, den, zero, full, max, places)
}

/// [`fraction_linear_rounded`] for a fraction known to lie strictly
/// between the ends.
pub(super) fn fraction_linear_share(
    num: Decimal,
    den: Decimal,
    zero: Decimal,
    full: Decimal,
    max: Decimal,
    places: u32,
) -> Option<Decimal> {
    let progress = exact::sum([num, -exact::product(zero, den)?])?;
    let bottom = exact::product(den, exact::sum([full, -zero])?)?;
    let parts = |d: Decimal| (d.mantissa(), d.scale());
    exact::product_quotient_rounded(parts(max), parts(progress), parts(bottom), places)
}

/// The most a rule can earn when it has no points of its own (a gate):
/// the best step or level, otherwise 1.
pub fn gate_full(rule: &Rule) -> Decimal {
    match rule {
        Rule::Steps(steps) => steps.iter().map(|s| s.points).max().unwrap_or(Decimal::ONE),
        Rule::Levels(levels) => levels
            .iter()
            .map(|l| l.points)
            .max()
            .unwrap_or(Decimal::ONE),
        _ => Decimal::ONE,
    }
}

/// What value would earn a rule's full points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Yes,
    AtLeast(Decimal),
    AtMost(Decimal),
    /// A level label, as written in the criteria file.
    Label(String),
    Exactly(Decimal),
    /// The best result of the unit's scope (a relative rule's leader).
    Best(Direction),
}

pub fn full_points_target(rule: &Rule, max: Decimal) -> Target {
    match rule {
        Rule::Yes => Target::Yes,
        Rule::AtLeast(min) => Target::AtLeast(*min),
        Rule::AtMost(limit) => Target::AtMost(*limit),
        Rule::Linear { zero, full } if full < zero => Target::AtMost(*full),
        Rule::Linear { full, .. } => Target::AtLeast(*full),
        Rule::Steps(steps) => {
            let best = steps.iter().map(|s| s.points).max();
            // The first step with the most points, and the steps after it
            // that give as many with a looser bound of the same kind: the
            // first that holds decides, so from the loosest of them on, a
            // value earns the most (`≥ 10 → 1; ≥ 5 → 1` is `≥ 5`).
            let mut run = steps.iter().skip_while(|s| Some(s.points) != best);
            let first = run.next().map(|s| s.bound);
            let loosest = run
                .take_while(|s| Some(s.points) == best)
                .map(|s| s.bound)
                .fold(first, |at, next| match (at, next) {
                    (Some(Bound::AtLeast(a)), Bound::AtLeast(b)) if b < a => Some(next),
                    (Some(Bound::AtMost(a)), Bound::AtMost(b)) if b > a => Some(next),
                    _ => at,
                });
            match loosest {
                Some(Bound::AtMost(x)) => Target::AtMost(x),
                Some(Bound::AtLeast(x)) => Target::AtLeast(x),
                None => Target::Exactly(max),
            }
        }
        Rule::Levels(levels) => {
            let best = levels
                .iter()
                .max_by(|a, b| a.points.cmp(&b.points).then(std::cmp::Ordering::Greater));
            best.map_or(Target::Exactly(max), |l| Target::Label(l.label.clone()))
        }
        Rule::Deduct { .. } => Target::AtMost(Decimal::ZERO),
        Rule::Direct => Target::Exactly(max),
        Rule::Target(t) => Target::Best(t.relative.direction),
        Rule::Relative(r) => Target::Best(r.direction),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Level, Step};
    use rust_decimal_macros_free::dec;

    mod rust_decimal_macros_free {
        /// `dec("1.5")`: tests only, panics on a typo in a literal.
        pub(super) fn dec(s: &str) -> rust_decimal::Decimal {
            s.parse().expect("test literal")
        }
    }

    fn pts(rule: &Rule, max: &str, v: Value) -> Outcome {
        earn(rule, dec(max), &v)
    }
    fn num(s: &str) -> Value {
        Value::Number(dec(s))
    }
    fn p(s: &str) -> Outcome {
        Outcome::Points(dec(s))
    }

    #[test]
    fn figures_beyond_a_decimal_clamp_as_the_true_figure_would() {
        let max = "79228162514264337593543950335";
        let deduct = Rule::Deduct { per: dec("2") };
        // 2 × the largest decimal is lost: nothing left.
        assert_eq!(pts(&deduct, "10", num(max)), p("0"));
        // A negative count that large would add: all points, never 0.
        assert_eq!(pts(&deduct, "10", num(&format!("-{max}"))), p("10"));
        let lost_by_fraction = Value::Fraction {
            num: dec(max),
            den: dec("0.5"),
        };
        assert_eq!(pts(&deduct, "10", lost_by_fraction), p("0"));
        // A quotient past the largest decimal is above any maximum.
        let huge = Value::Fraction {
            num: dec(max),
            den: dec("0.1"),
        };
        assert_eq!(pts(&Rule::Direct, "10", huge), p("10"));
        let huge_negative = Value::Fraction {
            num: dec(&format!("-{max}")),
            den: dec("0.1"),
        };
        assert_eq!(pts(&Rule::Direct, "10", huge_negative), p("0"));
    }

    #[test]
    fn yes_rule_gives_all_or_nothing() {
        assert_eq!(pts(&Rule::Yes, "4", Value::YesNo(true)), p("4"));
        assert_eq!(pts(&Rule::Yes, "4", Value::YesNo(false)), p("0"));
    }

    #[test]
    fn at_least_is_inclusive_at_the_boundary() {
        let r = Rule::AtLeast(dec("95"));
        assert_eq!(pts(&r, "3", num("95")), p("3"));
        assert_eq!(pts(&r, "3", num("94.99")), p("0"));
        assert_eq!(pts(&r, "3", num("95.01")), p("3"));
    }

    #[test]
    fn at_most_is_inclusive_at_the_boundary() {
        let r = Rule::AtMost(dec("0"));
        assert_eq!(pts(&r, "1", num("0")), p("1"));
        assert_eq!(pts(&r, "1", num("0.001")), p("0"));
        assert_eq!(pts(&r, "1", num("-1")), p("1"));
    }

    #[test]
    fn linear_rises_between_zero_and_full_and_clamps_outside() {
        let r = Rule::Linear {
            zero: dec("80"),
            full: dec("100"),
        };
        assert_eq!(pts(&r, "4", num("80")), p("0"));
        assert_eq!(pts(&r, "4", num("79")), p("0"));
        assert_eq!(pts(&r, "4", num("90")), p("2"));
        assert_eq!(pts(&r, "4", num("95")), p("3"));
        assert_eq!(pts(&r, "4", num("100")), p("4"));
        assert_eq!(pts(&r, "4", num("120")), p("4"));
    }

    #[test]
    fn linear_with_full_below_zero_means_lower_is_better() {
        let r = Rule::Linear {
            zero: dec("0"),
            full: dec("-10"),
        };
        assert_eq!(pts(&r, "7", num("0")), p("0"));
        assert_eq!(pts(&r, "7", num("5")), p("0"));
        assert_eq!(pts(&r, "7", num("-5")), p("3.5"));
        assert_eq!(pts(&r, "7", num("-10")), p("7"));
        assert_eq!(pts(&r, "7", num("-30")), p("7"));
    }

    #[test]
    fn linear_thirds_are_exact_to_28_digits() {
        let r = Rule::Linear {
            zero: dec("0"),
            full: dec("3"),
        };
        let Outcome::Points(x) = pts(&r, "1", num("1")) else {
            panic!()
        };
        assert_eq!(x.round_dp(2), dec("0.33"));
        assert!(x > dec("0.3333333333") && x < dec("0.3333333334"));
    }

    #[test]
    fn steps_take_the_first_that_holds_in_listed_order() {
        let r = Rule::Steps(vec![
            Step {
                bound: Bound::AtLeast(dec("90")),
                points: dec("3"),
            },
            Step {
                bound: Bound::AtLeast(dec("70")),
                points: dec("2"),
            },
            Step {
                bound: Bound::AtLeast(dec("50")),
                points: dec("1"),
            },
        ]);
        assert_eq!(pts(&r, "3", num("90")), p("3"));
        assert_eq!(pts(&r, "3", num("89.99")), p("2"));
        assert_eq!(pts(&r, "3", num("70")), p("2"));
        assert_eq!(pts(&r, "3", num("50")), p("1"));
        assert_eq!(pts(&r, "3", num("49.99")), p("0"));
    }

    #[test]
    fn steps_with_at_most_reward_low_values() {
        let r = Rule::Steps(vec![
            Step {
                bound: Bound::AtMost(dec("0")),
                points: dec("4"),
            },
            Step {
                bound: Bound::AtMost(dec("2")),
                points: dec("2"),
            },
        ]);
        assert_eq!(pts(&r, "4", num("0")), p("4"));
        assert_eq!(pts(&r, "4", num("1")), p("2"));
        assert_eq!(pts(&r, "4", num("2")), p("2"));
        assert_eq!(pts(&r, "4", num("3")), p("0"));
    }

    #[test]
    fn levels_look_up_the_label() {
        let level = |l: &str, k: &str, id: u32, n: &str| Level {
            label: l.into(),
            key: k.into(),
            id,
            points: dec(n),
        };
        let r = Rule::Levels(vec![
            level("Xuất sắc", "xuất sắc", 0, "4"),
            level("Khá", "khá", 1, "2"),
            level("Trung bình", "trung bình", 2, "0"),
        ]);
        assert_eq!(pts(&r, "4", Value::Label(0)), p("4"));
        assert_eq!(pts(&r, "4", Value::Label(1)), p("2"));
        assert_eq!(pts(&r, "4", Value::Label(2)), p("0"));
        // An id no level of this rule has (another rule's label) earns 0.
        assert_eq!(pts(&r, "4", Value::Label(3)), p("0"));
    }

    #[test]
    fn deduct_takes_per_off_each_and_floors_at_zero() {
        let r = Rule::Deduct { per: dec("1.5") };
        assert_eq!(pts(&r, "3", num("0")), p("3"));
        assert_eq!(pts(&r, "3", num("1")), p("1.5"));
        assert_eq!(pts(&r, "3", num("2")), p("0"));
        assert_eq!(pts(&r, "3", num("5")), p("0"));
    }

    #[test]
    fn direct_is_the_value_itself_clamped() {
        assert_eq!(pts(&Rule::Direct, "3", num("2.25")), p("2.25"));
        assert_eq!(pts(&Rule::Direct, "3", num("3")), p("3"));
        assert_eq!(pts(&Rule::Direct, "3", num("0")), p("0"));
    }

    #[test]
    fn not_applicable_and_missing_pass_through() {
        assert_eq!(
            pts(&Rule::Yes, "1", Value::NotApplicable),
            Outcome::NotApplicable
        );
        assert_eq!(
            pts(&Rule::AtLeast(dec("1")), "1", Value::Missing),
            Outcome::Missing
        );
    }

    #[test]
    fn full_points_targets() {
        let lin_down = Rule::Linear {
            zero: dec("0"),
            full: dec("-10"),
        };
        assert_eq!(
            full_points_target(&lin_down, dec("7")),
            Target::AtMost(dec("-10"))
        );
        let lin_up = Rule::Linear {
            zero: dec("80"),
            full: dec("100"),
        };
        assert_eq!(
            full_points_target(&lin_up, dec("4")),
            Target::AtLeast(dec("100"))
        );
        assert_eq!(
            full_points_target(&Rule::Deduct { per: dec("1") }, dec("3")),
            Target::AtMost(dec("0"))
        );
        let steps = Rule::Steps(vec![
            Step {
                bound: Bound::AtLeast(dec("3")),
                points: dec("4"),
            },
            Step {
                bound: Bound::AtLeast(dec("2")),
                points: dec("2"),
            },
        ]);
        assert_eq!(
            full_points_target(&steps, dec("4")),
            Target::AtLeast(dec("3"))
        );
        // Steps that give the most points in turn: from the loosest of
        // them on, as the first that holds decides.
        let step = |bound, points: &str| Step {
            bound,
            points: dec(points),
        };
        let tied = Rule::Steps(vec![
            step(Bound::AtLeast(dec("10")), "1"),
            step(Bound::AtLeast(dec("5")), "1"),
            step(Bound::AtLeast(dec("0")), "0.5"),
        ]);
        assert_eq!(
            full_points_target(&tied, dec("1")),
            Target::AtLeast(dec("5"))
        );
        let falling = Rule::Steps(vec![
            step(Bound::AtMost(dec("0")), "3"),
            step(Bound::AtMost(dec("2")), "3"),
            step(Bound::AtMost(dec("5")), "1"),
        ]);
        assert_eq!(
            full_points_target(&falling, dec("3")),
            Target::AtMost(dec("2"))
        );
        // A tie after a step that gives fewer points is not joined.
        let apart = Rule::Steps(vec![
            step(Bound::AtLeast(dec("10")), "1"),
            step(Bound::AtLeast(dec("5")), "0.5"),
            step(Bound::AtLeast(dec("3")), "1"),
        ]);
        assert_eq!(
            full_points_target(&apart, dec("1")),
            Target::AtLeast(dec("10"))
        );
    }

    #[test]
    fn an_exact_quotient_rounds_at_its_exact_midpoint() {
        // 100 × 46 ÷ 48 = 95.8333…; 3 points × that ÷ 100 = 2.875 exactly,
        // which rounds half away from zero to 2.88 (to 28 digits it would
        // be 2.87499… and round down).
        let v = Value::Fraction {
            num: dec("4600"),
            den: dec("48"),
        };
        let r = Rule::Linear {
            zero: dec("0"),
            full: dec("100"),
        };
        let Outcome::Points(p) = earn(&r, dec("3"), &v) else {
            panic!()
        };
        assert_eq!(p, dec("2.875"));
        assert_eq!(crate::engine::score::round(p, 2), dec("2.88"));
        // Comparisons are exact too: 200/3 is below 66.67 and above 66.66.
        let third = Value::Fraction {
            num: dec("200"),
            den: dec("3"),
        };
        assert_eq!(earn(&Rule::AtLeast(dec("66.67")), dec("1"), &third), p0());
        assert_eq!(
            earn(&Rule::AtLeast(dec("66.66")), dec("1"), &third),
            Outcome::Points(dec("1"))
        );
        assert_eq!(
            earn(
                &Rule::Deduct { per: dec("3") },
                dec("5"),
                &Value::Fraction {
                    num: dec("1"),
                    den: dec("3")
                }
            ),
            Outcome::Points(dec("4"))
        );
    }

    fn p0() -> Outcome {
        Outcome::Points(Decimal::ZERO)
    }

    use proptest::prelude::*;

    proptest! {
        /// Rounded points are the unrounded points rounded, whichever way
        /// they are worked out, for fractions (derived ratios) above all;
        /// and a fraction compares with a bound as its exact quotient does.
        #[test]
        fn rounding_earned_points_is_one_rounding(
            num in (-3_000i64..30_000, 0u32..3),
            den in (1i64..2_000, 0u32..3),
            zero in (-50i64..150, 0u32..2),
            full in (-50i64..150, 0u32..2),
            max in (1i64..500, 0u32..2),
            places in 0u32..4,
            steps in prop::collection::vec((any::<bool>(), -50i64..150, 0i64..50), 1..4),
            on_a_bound in 0u8..3,
        ) {
            let d = |(m, s): (i64, u32)| Decimal::new(m, s);
            // Often exactly at `full` or `zero`, where the ends are decided.
            let num = match on_a_bound {
                1 => d(full) * d(den),
                2 => d(zero) * d(den),
                _ => d(num),
            };
            let value = Value::Fraction { num, den: d(den) };
            let rules = [
                Rule::Linear { zero: d(zero), full: d(full) },
                Rule::Steps(
                    steps
                        .iter()
                        .map(|&(at_least, x, points)| Step {
                            bound: if at_least {
                                Bound::AtLeast(Decimal::from(x))
                            } else {
                                Bound::AtMost(Decimal::from(x))
                            },
                            points: Decimal::from(points),
                        })
                        .collect(),
                ),
                Rule::AtLeast(d(zero)),
                Rule::AtMost(d(full)),
            ];
            for rule in &rules {
                let once = match earn(rule, d(max), &value) {
                    Outcome::Points(p) => Outcome::Points(exact::round_half_away(p, places)),
                    other => other,
                };
                // As text, so that the scale is compared too.
                let text = |o: Outcome| match o {
                    Outcome::Points(p) => p.to_string(),
                    other => format!("{other:?}"),
                };
                prop_assert_eq!(text(earn_rounded(rule, d(max), &value, places)), text(once));
            }
            // A fraction against a bound: cross-multiplied, as rust_decimal would.
            let (n, q, x) = (num, d(den), d(zero));
            if let Some(scaled) = x.checked_mul(q) {
                prop_assert_eq!(cmp_fraction(n, q, x), n.cmp(&scaled));
            }
        }
    }
}
