//! Derived indicators (ratio, change), computed per unit.

use rust_decimal::Decimal;

use crate::model::{CriteriaSet, Formula, IndicatorRef, Value, WhenZero};

/// The values of every derived indicator for one unit, in the set's order,
/// written into `out` (cleared first, so one buffer serves every unit).
pub fn derive_into(set: &CriteriaSet, values: &[Value], out: &mut Vec<Value>) {
    out.clear();
    for d in &set.derived {
        let a = lookup(values, out, d.a);
        let b = lookup(values, out, d.b);
        let value = match (a, b) {
            (Value::Missing, _) | (_, Value::Missing) => Value::Missing,
            // A derived input of a derived indicator is read to 28 digits;
            // N/A in an input (or a value of the wrong kind) leaves nothing
            // to compute.
            (a, b) => match (a.as_decimal(), b.as_decimal()) {
                (Some(a), Some(b)) => compute(d.formula, a, b, d.when_zero),
                _ => Value::NotApplicable,
            },
        };
        out.push(value);
    }
}

/// An indicator's value, given the unit's raw values and the derived ones so far.
pub fn lookup<'a>(values: &'a [Value], derived: &'a [Value], indicator: IndicatorRef) -> &'a Value {
    const MISSING: &Value = &Value::Missing;
    match indicator {
        IndicatorRef::Input(i) => values.get(i).unwrap_or(MISSING),
        IndicatorRef::Derived(i) => derived.get(i).unwrap_or(MISSING),
    }
}

fn compute(formula: Formula, a: Decimal, b: Decimal, when_zero: WhenZero) -> Value {
    if b.is_zero() {
        return match when_zero {
            WhenZero::NotApplicable => Value::NotApplicable,
            WhenZero::Value(v) => Value::Number(v),
        };
    }
    let numerator = match formula {
        Formula::Ratio => Some(a),
        Formula::Change => a.checked_sub(b),
    };
    // Multiply before dividing: 100 × 2 ÷ 3 keeps all 28 digits. A result
    // beyond what a decimal holds saturates rather than turning N/A, so an
    // absurd value still scores (as the extreme it is) on a hard criterion.
    let negative = (a.is_sign_negative() != b.is_sign_negative()) && !a.is_zero();
    let saturated = if negative { Decimal::MIN } else { Decimal::MAX };
    let scaled = numerator.and_then(|n| n.checked_mul(Decimal::ONE_HUNDRED));
    // Dividing by at least 1 in size cannot overflow: only a smaller
    // divisor needs the division tried (its result is not kept).
    let exact = |n: Decimal| {
        if b.abs() >= Decimal::ONE {
            Some(n)
        } else {
            n.checked_div(b)
        }
    };
    // Keep the quotient exact (2 ÷ 3 has no decimal form): rules read the
    // fraction itself, and only display rounds it.
    if let Some(n) = scaled
        && exact(n).is_some()
    {
        let (num, den) = if b.is_sign_negative() {
            (-n, -b)
        } else {
            (n, b)
        };
        return Value::Fraction { num, den };
    }
    let value = match (formula, scaled.and_then(|n| n.checked_div(b))) {
        (_, Some(v)) => v,
        (Formula::Ratio, None) => saturated,
        // a − b overflows only when a and b have opposite signs and are huge:
        // the change then has the sign of a − b, i.e. of a.
        (Formula::Change, None) => {
            let change_negative = match numerator {
                Some(n) => n.is_sign_negative() != b.is_sign_negative(),
                None => a.is_sign_negative(),
            };
            if change_negative {
                Decimal::MIN
            } else {
                Decimal::MAX
            }
        }
    };
    Value::Number(value.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("test literal")
    }

    #[test]
    fn ratio_is_a_percentage() {
        let ratio = |a, b| compute(Formula::Ratio, d(a), d(b), WhenZero::NotApplicable);
        // Kept as the exact fraction 100·a / b.
        assert_eq!(
            ratio("18", "25"),
            Value::Fraction {
                num: d("1800"),
                den: d("25")
            }
        );
        assert_eq!(ratio("18", "25").as_decimal(), Some(d("72")));
        assert_eq!(ratio("16", "25").as_decimal(), Some(d("64")));
        // A negative denominator moves its sign up.
        assert_eq!(
            ratio("1", "-4"),
            Value::Fraction {
                num: d("-100"),
                den: d("4")
            }
        );
    }

    #[test]
    fn change_is_a_signed_percentage() {
        let change =
            |a, b| compute(Formula::Change, d(a), d(b), WhenZero::NotApplicable).as_decimal();
        assert_eq!(change("45", "50"), Some(d("-10")));
        assert_eq!(change("55", "50"), Some(d("10")));
    }

    #[test]
    fn zero_denominator_follows_when_zero() {
        assert_eq!(
            compute(Formula::Ratio, d("0"), d("0"), WhenZero::NotApplicable),
            Value::NotApplicable
        );
        assert_eq!(
            compute(Formula::Change, d("3"), d("0"), WhenZero::Value(d("100"))),
            Value::Number(d("100"))
        );
    }

    #[test]
    fn thirds_keep_full_precision() {
        let Some(v) = compute(Formula::Ratio, d("2"), d("3"), WhenZero::NotApplicable).as_decimal()
        else {
            panic!("expected a number")
        };
        assert_eq!(v.round_dp(4), d("66.6667"));
    }

    #[test]
    fn overflow_saturates_instead_of_turning_not_applicable() {
        let huge: Decimal = "1000000000000000000000000000".parse().unwrap();
        let ratio = |a, b| compute(Formula::Ratio, a, b, WhenZero::NotApplicable);
        let change = |a, b| compute(Formula::Change, a, b, WhenZero::NotApplicable);
        assert_eq!(
            ratio(Decimal::MAX, d("0.0001")),
            Value::Number(Decimal::MAX)
        );
        assert_eq!(
            ratio(Decimal::MAX, d("-0.0001")),
            Value::Number(Decimal::MIN)
        );
        assert_eq!(change(huge, d("1")), Value::Number(Decimal::MAX));
        assert_eq!(change(Decimal::MIN, d("1")), Value::Number(Decimal::MIN));
    }
}
