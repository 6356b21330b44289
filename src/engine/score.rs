//! One unit's score: criteria points, N/A rescaling, adjustments and caps,
//! gates. Ratings and ranks need every unit and live elsewhere.

use rust_decimal::{Decimal, RoundingStrategy};

use super::derive::{derive_into, lookup};
use super::rules::{Outcome, earn, gate_full};
use crate::model::*;

/// Half away from zero, at the set's precision: the only rounding there is.
pub fn round(value: Decimal, precision: u32) -> Decimal {
    if value.scale() <= precision {
        // Nothing below the precision: the value as it is (and as fast).
        return value;
    }
    value.round_dp_with_strategy(precision, RoundingStrategy::MidpointAwayFromZero)
}

/// Adds decimals in an `i128` at the largest scale seen: the same value and
/// scale as chaining `+` on `Decimal` (which rescales to the larger scale),
/// several times faster. When a term or the total leaves that range,
/// [`Sum::total`] is `None` and the caller adds the slow way.
/// 10⁰ … 10³⁸, every power of ten an `i128` holds.
const POWERS_OF_TEN: [i128; 39] = {
    let mut table = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    mantissa: i128,
    scale: u32,
    overflow: bool,
}

impl Sum {
    fn add(&mut self, d: Decimal) {
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

    fn total(self) -> Option<Decimal> {
        if self.overflow {
            return None;
        }
        Decimal::try_from_i128_with_scale(self.mantissa, self.scale).ok()
    }
}

/// Scores units one after another into one reusable result, so scoring a
/// million units does not allocate a million times.
pub struct Scorer<'s> {
    set: &'s CriteriaSet,
    full_max: Decimal,
    derived: Vec<Value>,
    group_sums: Vec<Sum>,
    result: UnitResult,
}

impl<'s> Scorer<'s> {
    pub fn new(set: &'s CriteriaSet) -> Self {
        let full_max = set.full_max();
        Scorer {
            set,
            full_max,
            derived: Vec::with_capacity(set.derived.len()),
            group_sums: vec![Sum::default(); set.groups.len()],
            result: UnitResult {
                input_index: 0,
                id: String::new(),
                name: String::new(),
                cluster: None,
                criteria: Vec::with_capacity(set.criteria.len()),
                groups: vec![Decimal::ZERO; set.groups.len()],
                gates: Vec::with_capacity(set.gates.len()),
                adjustments: Vec::with_capacity(set.adjustments.len()),
                earned: Decimal::ZERO,
                applicable_max: Decimal::ZERO,
                full_max,
                base: Decimal::ZERO,
                bonus_total: Decimal::ZERO,
                bonus: Decimal::ZERO,
                deductions_total: Decimal::ZERO,
                deductions: Decimal::ZERO,
                score: Decimal::ZERO,
                met: 0,
                applicable: 0,
                rating: 0,
                rating_before_quota: 0,
                rank: 0,
                cluster_rank: None,
            },
        }
    }

    /// Scores one unit. `rating`, `rank` and `cluster_rank` are left for the
    /// caller, which sees all units.
    pub fn score(&mut self, input_index: usize, unit: UnitView<'_>) -> &UnitResult {
        let set = self.set;
        derive_into(set, unit.values, &mut self.derived);
        let derived = &self.derived;
        let value_of = |indicator| lookup(unit.values, derived, indicator);
        let r = &mut self.result;
        r.input_index = input_index;
        r.id.clear();
        r.id.push_str(unit.id);
        r.name.clear();
        r.name.push_str(unit.name);
        match (&mut r.cluster, unit.cluster) {
            (Some(mine), Some(theirs)) => {
                mine.clear();
                mine.push_str(theirs);
            }
            (mine, theirs) => *mine = theirs.map(str::to_string),
        }

        r.criteria.truncate(set.criteria.len());
        for (i, c) in set.criteria.iter().enumerate() {
            let value = value_of(c.indicator);
            let (points, status) = match earn(&c.rule, c.points, value) {
                Outcome::Points(p) => (round(p, set.precision), Status::Scored),
                Outcome::NotApplicable => (Decimal::ZERO, Status::NotApplicable),
                Outcome::Missing => (Decimal::ZERO, Status::Missing),
            };
            let met = status == Status::Scored && points >= c.pass;
            match r.criteria.get_mut(i) {
                Some(slot) => {
                    slot.value = *value;
                    slot.points = points;
                    slot.max = c.points;
                    slot.met = met;
                    slot.status = status;
                }
                None => r.criteria.push(CriterionResult {
                    value: *value,
                    points,
                    max: c.points,
                    met,
                    status,
                }),
            }
        }

        let sums = &mut self.group_sums;
        sums.iter_mut().for_each(|g| *g = Sum::default());
        for (c, result) in set.criteria.iter().zip(&r.criteria) {
            if let Some(g) = c.group {
                sums[g].add(result.points);
            }
        }
        for (g, (sum, total)) in sums.iter().zip(r.groups.iter_mut()).enumerate() {
            *total = sum.total().unwrap_or_else(|| {
                set.criteria
                    .iter()
                    .zip(&r.criteria)
                    .filter(|(c, _)| c.group == Some(g))
                    .fold(Decimal::ZERO, |total, (_, result)| total + result.points)
            });
        }

        r.gates.truncate(set.gates.len());
        for (i, g) in set.gates.iter().enumerate() {
            let value = value_of(g.indicator);
            let full = gate_full(&g.rule);
            let (passed, status) = match earn(&g.rule, full, value) {
                Outcome::Points(p) => (p >= full, Status::Scored),
                // An N/A gate does not apply, so it cannot disqualify.
                Outcome::NotApplicable => (true, Status::NotApplicable),
                Outcome::Missing => (false, Status::Missing),
            };
            match r.gates.get_mut(i) {
                Some(slot) => {
                    slot.value = *value;
                    slot.passed = passed;
                    slot.status = status;
                }
                None => r.gates.push(GateResult {
                    value: *value,
                    passed,
                    status,
                }),
            }
        }

        r.adjustments.truncate(set.adjustments.len());
        let (mut bonus_total, mut deductions_total) = (Decimal::ZERO, Decimal::ZERO);
        for (i, a) in set.adjustments.iter().enumerate() {
            let value = value_of(a.indicator);
            let count = value
                .as_decimal()
                .map_or(Decimal::ZERO, |v| v.max(Decimal::ZERO));
            let uncapped = a.per.checked_mul(count).unwrap_or(Decimal::MAX);
            let amount = a.cap.map_or(uncapped, |cap| uncapped.min(cap));
            match a.kind {
                AdjustmentKind::Bonus => bonus_total = bonus_total.saturating_add(amount),
                AdjustmentKind::Deduction => {
                    deductions_total = deductions_total.saturating_add(amount)
                }
            }
            match r.adjustments.get_mut(i) {
                Some(slot) => {
                    slot.value = *value;
                    slot.amount = amount;
                    slot.uncapped = uncapped;
                }
                None => r.adjustments.push(AdjustmentResult {
                    value: *value,
                    amount,
                    uncapped,
                }),
            }
        }
        r.bonus_total = bonus_total;
        r.deductions_total = deductions_total;
        r.bonus = set
            .bonus_cap
            .map_or(bonus_total, |cap| bonus_total.min(cap));
        r.deductions = set
            .deduction_cap
            .map_or(deductions_total, |cap| deductions_total.min(cap));

        let full_max = self.full_max;
        let (mut earned, mut applicable_max) = (Sum::default(), Sum::default());
        let (mut met, mut applicable) = (0u32, 0u32);
        for (c, result) in set.criteria.iter().zip(&r.criteria) {
            earned.add(result.points);
            met += u32::from(result.met);
            if result.status != Status::NotApplicable {
                applicable_max.add(c.points);
                applicable += 1;
            }
        }
        let earned = earned.total().unwrap_or_else(|| {
            r.criteria
                .iter()
                .fold(Decimal::ZERO, |total, result| total + result.points)
        });
        let applicable_max = applicable_max.total().unwrap_or_else(|| {
            set.criteria
                .iter()
                .zip(&r.criteria)
                .filter(|(_, result)| result.status != Status::NotApplicable)
                .fold(Decimal::ZERO, |total, (c, _)| total + c.points)
        });
        r.base = if applicable_max == full_max {
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
        r.earned = earned;
        r.applicable_max = applicable_max;
        r.full_max = full_max;
        r.score = r
            .base
            .saturating_add(r.bonus)
            .saturating_sub(r.deductions)
            .max(Decimal::ZERO);
        r.met = met;
        r.applicable = applicable;
        r.rating = 0;
        r.rating_before_quota = 0;
        r.rank = 0;
        r.cluster_rank = None;
        &self.result
    }
}

/// Scores one unit on its own (see [`Scorer`] for many).
pub fn score_unit(set: &CriteriaSet, unit: &UnitRecord, input_index: usize) -> UnitResult {
    Scorer::new(set).score(input_index, unit.view()).clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("test literal")
    }

    proptest::proptest! {
        /// Same value and same scale (so the same text) as chaining `+`.
        #[test]
        fn sums_like_decimal_addition(
            terms in proptest::collection::vec((-10_000_000i64..10_000_000, 0u32..=6), 0..50)
        ) {
            let terms: Vec<Decimal> = terms.into_iter().map(|(m, s)| Decimal::new(m, s)).collect();
            let mut sum = Sum::default();
            terms.iter().for_each(|&t| sum.add(t));
            let expected = terms.iter().fold(Decimal::ZERO, |a, &b| a + b);
            let total = sum.total().expect("in range");
            proptest::prop_assert_eq!(total.to_string(), expected.to_string());
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
