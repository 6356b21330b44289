//! One unit's score: criteria points, N/A rescaling, adjustments and caps,
//! gates. Ratings and ranks need every unit and live elsewhere.

use rust_decimal::{Decimal, RoundingStrategy};

use super::derive::{derive, lookup};
use super::rules::{Outcome, earn, gate_full};
use crate::model::*;

/// Half away from zero, at the set's precision: the only rounding there is.
pub fn round(value: Decimal, precision: u32) -> Decimal {
    value.round_dp_with_strategy(precision, RoundingStrategy::MidpointAwayFromZero)
}

/// Scores one unit. `rating`, `rank` and `cluster_rank` are left for the
/// caller, which sees all units.
pub fn score_unit(set: &CriteriaSet, unit: &UnitRecord, input_index: usize) -> UnitResult {
    let derived = derive(set, unit);
    let value_of = |indicator| lookup(unit, &derived, indicator).clone();

    let criteria: Vec<CriterionResult> = set
        .criteria
        .iter()
        .map(|c| {
            let value = value_of(c.indicator);
            let (points, status) = match earn(&c.rule, c.points, &value) {
                Outcome::Points(p) => (round(p, set.precision), Status::Scored),
                Outcome::NotApplicable => (Decimal::ZERO, Status::NotApplicable),
                Outcome::Missing => (Decimal::ZERO, Status::Missing),
            };
            CriterionResult {
                value,
                points,
                max: c.points,
                met: status == Status::Scored && points >= c.pass,
                status,
            }
        })
        .collect();

    let mut groups = vec![Decimal::ZERO; set.groups.len()];
    for (c, r) in set.criteria.iter().zip(&criteria) {
        if let Some(g) = c.group {
            groups[g] += r.points;
        }
    }

    let gates = set
        .gates
        .iter()
        .map(|g| {
            let value = value_of(g.indicator);
            let full = gate_full(&g.rule);
            let (passed, status) = match earn(&g.rule, full, &value) {
                Outcome::Points(p) => (p >= full, Status::Scored),
                // An N/A gate does not apply, so it cannot disqualify.
                Outcome::NotApplicable => (true, Status::NotApplicable),
                Outcome::Missing => (false, Status::Missing),
            };
            GateResult {
                value,
                passed,
                status,
            }
        })
        .collect();

    let adjustments: Vec<AdjustmentResult> = set
        .adjustments
        .iter()
        .map(|a| {
            let value = value_of(a.indicator);
            let count = value
                .as_decimal()
                .map_or(Decimal::ZERO, |v| v.max(Decimal::ZERO));
            let uncapped = a.per.checked_mul(count).unwrap_or(Decimal::MAX);
            let amount = a.cap.map_or(uncapped, |cap| uncapped.min(cap));
            AdjustmentResult {
                value,
                amount,
                uncapped,
            }
        })
        .collect();

    let total = |kind| -> Decimal {
        set.adjustments
            .iter()
            .zip(&adjustments)
            .filter(|(a, _)| a.kind == kind)
            .fold(Decimal::ZERO, |sum, (_, r)| sum.saturating_add(r.amount))
    };
    let bonus_total = total(AdjustmentKind::Bonus);
    let deductions_total = total(AdjustmentKind::Deduction);
    let bonus = set
        .bonus_cap
        .map_or(bonus_total, |cap| bonus_total.min(cap));
    let deductions = set
        .deduction_cap
        .map_or(deductions_total, |cap| deductions_total.min(cap));

    let full_max = set.full_max();
    let applicable_max: Decimal = set
        .criteria
        .iter()
        .zip(&criteria)
        .filter(|(_, r)| r.status != Status::NotApplicable)
        .map(|(c, _)| c.points)
        .sum();
    let earned: Decimal = criteria.iter().map(|r| r.points).sum();
    let base = if applicable_max == full_max {
        earned
    } else if applicable_max.is_zero() {
        // Nothing applies: there is nothing to rescale from.
        Decimal::ZERO
    } else {
        let rescaled = earned
            .checked_mul(full_max)
            .and_then(|x| x.checked_div(applicable_max))
            .unwrap_or(earned);
        round(rescaled, set.precision)
    };
    let score = base
        .saturating_add(bonus)
        .saturating_sub(deductions)
        .max(Decimal::ZERO);

    let met = criteria.iter().filter(|r| r.met).count() as u32;
    let applicable = criteria
        .iter()
        .filter(|r| r.status != Status::NotApplicable)
        .count() as u32;

    UnitResult {
        input_index,
        id: unit.id.clone(),
        name: unit.name.clone(),
        cluster: unit.cluster.clone(),
        criteria,
        groups,
        gates,
        adjustments,
        earned,
        applicable_max,
        full_max,
        base,
        bonus_total,
        bonus,
        deductions_total,
        deductions,
        score,
        met,
        applicable,
        rating: 0,
        rating_before_quota: 0,
        rank: 0,
        cluster_rank: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("test literal")
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round(d("2.345"), 2), d("2.35"));
        assert_eq!(round(d("2.355"), 2), d("2.36"));
        assert_eq!(round(d("2.344999"), 2), d("2.34"));
        assert_eq!(round(d("-2.345"), 2), d("-2.35"));
        assert_eq!(round(d("0.5"), 0), d("1"));
        assert_eq!(round(d("1.5"), 0), d("2"));
        assert_eq!(round(d("2.5"), 0), d("3"));
    }
}
