//! One unit's score: criteria points, N/A rescaling, adjustments and caps,
//! gates. Ratings and ranks need every unit and live elsewhere.

use rust_decimal::Decimal;

use super::derive::{derive_into, lookup};
use super::prepared::{Prepared, Scored, pass_mark};
use super::rules::{Outcome, earn, earn_rounded, gate_full};
use crate::exact::{self, Sum};
use crate::model::*;

/// Half away from zero, at the set's precision: the only rounding there is.
pub fn round(value: Decimal, precision: u32) -> Decimal {
    crate::exact::round_half_away(value, precision)
}

/// No points, not met: a criterion that does not apply or has no value.
const NOTHING: Scored = Scored {
    points: Decimal::ZERO,
    met: false,
    scaled: Some(0),
};

/// Scores units one after another into one reusable result, so scoring a
/// million units does not allocate a million times.
pub struct Scorer<'s> {
    set: &'s CriteriaSet,
    full_max: Decimal,
    /// Each criterion's rule, ready for the common values.
    prepared: Vec<Prepared>,
    /// What each gate's rule must earn to pass ([`gate_full`]).
    gate_fulls: Vec<Decimal>,
    derived: Vec<Value>,
    group_sums: Vec<Sum>,
    result: UnitResult,
    /// The last unit's criterion points as whole numbers of
    /// `10^-precision`, where they are one (`None`, N/A included, where
    /// not): what a compact store keeps, without taking decimals apart.
    scaled: Vec<Option<i64>>,
}

impl<'s> Scorer<'s> {
    pub fn new(set: &'s CriteriaSet) -> Self {
        let full_max = set.full_max();
        Scorer {
            set,
            full_max,
            prepared: set
                .criteria
                .iter()
                .map(|c| Prepared::new(c, set.precision))
                .collect(),
            gate_fulls: set.gates.iter().map(|g| gate_full(&g.rule)).collect(),
            derived: Vec::with_capacity(set.derived.len()),
            scaled: Vec::with_capacity(set.criteria.len()),
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

        // Results are plain data: emptying keeps the capacity, and pushing
        // into it allocates nothing after the first unit.
        // One pass scores every criterion and adds up the totals.
        r.criteria.clear();
        self.scaled.clear();
        let sums = &mut self.group_sums;
        sums.iter_mut().for_each(|g| *g = Sum::default());
        let mut earned = Sum::default();
        let (mut met_count, mut applicable, mut any_na) = (0u32, 0u32, false);
        for (c, prepared) in set.criteria.iter().zip(&self.prepared) {
            let value = value_of(c.indicator);
            let (scored, status) = match prepared.score(value) {
                Some(scored) => (scored, Status::Scored),
                None => match earn_rounded(&c.rule, c.points, value, set.precision) {
                    Outcome::Points(p) => (
                        Scored::new(p, pass_mark(c, set.precision), set.precision),
                        Status::Scored,
                    ),
                    // Neither meets the pass mark, whatever it is.
                    Outcome::NotApplicable => (NOTHING, Status::NotApplicable),
                    Outcome::Missing => (NOTHING, Status::Missing),
                },
            };
            let Scored {
                points,
                met,
                scaled,
            } = scored;
            self.scaled.push(scaled);
            r.criteria.push(CriterionResult {
                value: *value,
                points,
                max: c.points,
                met,
                status,
            });
            // A criterion's points are added once: to its group's sum, which
            // joins the total below, or straight to the total.
            match c.group {
                Some(g) => sums[g].add(points),
                None => earned.add(points),
            }
            met_count += u32::from(met);
            if status == Status::NotApplicable {
                any_na = true;
            } else {
                applicable += 1;
            }
        }
        sums.iter().for_each(|&g| earned.merge(g));
        for (g, (sum, total)) in sums.iter().zip(r.groups.iter_mut()).enumerate() {
            *total = sum.total().unwrap_or_else(|| {
                set.criteria
                    .iter()
                    .zip(&r.criteria)
                    .filter(|(c, _)| c.group == Some(g))
                    .fold(Decimal::ZERO, |total, (_, result)| total + result.points)
            });
        }

        r.gates.clear();
        for (g, &full) in set.gates.iter().zip(&self.gate_fulls) {
            let value = value_of(g.indicator);
            let (passed, status) = match earn(&g.rule, full, value) {
                Outcome::Points(p) => (exact::cmp(p, full).is_ge(), Status::Scored),
                // An N/A gate does not apply, so it cannot disqualify.
                Outcome::NotApplicable => (true, Status::NotApplicable),
                Outcome::Missing => (false, Status::Missing),
            };
            r.gates.push(GateResult {
                value: *value,
                passed,
                status,
            });
        }

        r.adjustments.clear();
        let (mut bonus_total, mut deductions_total) = (Decimal::ZERO, Decimal::ZERO);
        // The same operations as rust_decimal's, on integers where they fit.
        let plus =
            |a: Decimal, b: Decimal| exact::sum([a, b]).unwrap_or_else(|| a.saturating_add(b));
        for a in &set.adjustments {
            let value = value_of(a.indicator);
            let count = value
                .as_decimal()
                .map_or(Decimal::ZERO, |v| exact::max(v, Decimal::ZERO));
            let uncapped = exact::product(a.per, count)
                .or_else(|| a.per.checked_mul(count))
                .unwrap_or(Decimal::MAX);
            let amount = a.cap.map_or(uncapped, |cap| exact::min(uncapped, cap));
            match a.kind {
                AdjustmentKind::Bonus => bonus_total = plus(bonus_total, amount),
                AdjustmentKind::Deduction => deductions_total = plus(deductions_total, amount),
            }
            r.adjustments.push(AdjustmentResult {
                value: *value,
                amount,
                uncapped,
            });
        }
        r.bonus_total = bonus_total;
        r.deductions_total = deductions_total;
        r.bonus = set
            .bonus_cap
            .map_or(bonus_total, |cap| exact::min(bonus_total, cap));
        r.deductions = set
            .deduction_cap
            .map_or(deductions_total, |cap| exact::min(deductions_total, cap));

        let full_max = self.full_max;
        let earned = earned.total().unwrap_or_else(|| {
            r.criteria
                .iter()
                .fold(Decimal::ZERO, |total, result| total + result.points)
        });
        // Without N/A every criterion applies: the same sum as the set's.
        let applicable_max = if any_na {
            let mut sum = Sum::default();
            let applies = |(_, result): &(&Criterion, &CriterionResult)| {
                result.status != Status::NotApplicable
            };
            let criteria = || set.criteria.iter().zip(&r.criteria).filter(applies);
            criteria().for_each(|(c, _)| sum.add(c.points));
            sum.total()
                .unwrap_or_else(|| criteria().fold(Decimal::ZERO, |total, (c, _)| total + c.points))
        } else {
            full_max
        };
        r.base = if exact::cmp(applicable_max, full_max).is_eq() {
            earned
        } else if applicable_max.is_zero() {
            // Nothing applies: there is nothing to rescale from.
            Decimal::ZERO
        } else {
            let parts = |d: Decimal| (d.mantissa(), d.scale());
            let (e, f, a) = (parts(earned), parts(full_max), parts(applicable_max));
            crate::exact::product_quotient_rounded(e, f, a, set.precision).unwrap_or_else(|| {
                let rescaled = earned
                    .checked_mul(full_max)
                    .and_then(|x| x.checked_div(applicable_max))
                    .unwrap_or(earned);
                round(rescaled, set.precision)
            })
        };
        r.earned = earned;
        r.applicable_max = applicable_max;
        r.full_max = full_max;
        let score = exact::sum([r.base, r.bonus, -r.deductions])
            .unwrap_or_else(|| r.base.saturating_add(r.bonus).saturating_sub(r.deductions));
        r.score = exact::max(score, Decimal::ZERO);
        r.met = met_count;
        r.applicable = applicable;
        r.rating = 0;
        r.rating_before_quota = 0;
        r.rank = 0;
        r.cluster_rank = None;
        &self.result
    }

    /// The last unit scored, given its standing among all units (which
    /// only a ranking of every unit knows).
    pub fn set_standing(
        &mut self,
        rank: u32,
        cluster_rank: Option<u32>,
        rating: usize,
        rating_before_quota: usize,
    ) -> &UnitResult {
        let r = &mut self.result;
        r.rank = rank;
        r.cluster_rank = cluster_rank;
        r.rating = rating;
        r.rating_before_quota = rating_before_quota;
        &self.result
    }

    /// The last unit scored, and its criterion points as whole numbers of
    /// `10^-precision` where they are one (see [`Scorer::score`]).
    pub fn last(&self) -> (&UnitResult, &[Option<i64>]) {
        (&self.result, &self.scaled)
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
