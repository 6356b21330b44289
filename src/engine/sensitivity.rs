//! Sensitivity: perturb the criteria's points (and optionally the rating
//! thresholds) within stated bounds, rescore, and see how stable each unit's
//! rating and place are. Deterministic for a seed, whatever the threads.

use rust_decimal::Decimal;

use super::evaluate;
use super::explain::explain;
use crate::collate::VietnameseOrder;
use crate::model::{CriteriaSet, Dataset, Evaluation, Rule};

/// How far to perturb, as shares (0.1 = ±10%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Variation {
    pub points: Decimal,
    pub thresholds: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnitSensitivity {
    pub id: String,
    pub name: String,
    pub cluster: Option<String>,
    pub rating: String,
    pub rank: u32,
    /// Share of runs (0..=1) that kept the baseline rating.
    pub kept: Decimal,
    /// 5th and 95th percentile of the rank over the runs.
    pub rank_p5: u32,
    pub rank_p95: u32,
    /// First in its cluster (or overall, without clusters) in the baseline.
    pub top: bool,
    /// Share of runs in which that first place changed (won or lost).
    pub top_changed: Decimal,
    pub flagged: bool,
    /// The rating just above the baseline one, and the points it needs.
    pub next: Option<super::explain::NextRating>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    pub runs: u32,
    pub seed: u64,
    pub variation: Variation,
    /// A unit is flagged when its rating or first place changes in more
    /// than this share of runs.
    pub flag_share: Decimal,
    /// In baseline rank order.
    pub units: Vec<UnitSensitivity>,
}

/// splitmix64: tiny, well-mixed, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A factor in [1 − share, 1 + share], in steps of a millionth.
    fn factor(&mut self, share: Decimal) -> Decimal {
        if share.is_zero() {
            return Decimal::ONE;
        }
        let u = Decimal::from(self.next() % 2_000_001) / Decimal::from(1_000_000u32);
        Decimal::ONE + share * (u - Decimal::ONE)
    }
}

/// The set with every criterion's points (and its steps, levels and pass
/// mark with them) and every rating threshold scaled by a random factor.
fn perturb(set: &CriteriaSet, rng: &mut Rng, v: Variation) -> CriteriaSet {
    let mut out = set.clone();
    for c in &mut out.criteria {
        let f = rng.factor(v.points);
        c.points *= f;
        c.pass *= f;
        match &mut c.rule {
            Rule::Steps(steps) => steps.iter_mut().for_each(|s| s.points *= f),
            Rule::Levels(levels) => levels.iter_mut().for_each(|l| l.points *= f),
            _ => {}
        }
    }
    for r in &mut out.ratings {
        let f = rng.factor(v.thresholds);
        if let Some(min) = &mut r.min_score {
            *min *= f;
        }
    }
    out
}

/// Per run, per unit (by input position): rating index, rank, first place.
type RunOutcome = Vec<(usize, u32, bool)>;

fn is_top(eval_unit: &crate::model::UnitResult) -> bool {
    eval_unit.cluster_rank.unwrap_or(eval_unit.rank) == 1
}

fn outcome(eval: &Evaluation, units: usize) -> RunOutcome {
    let mut out = vec![(0, 0, false); units];
    for u in &eval.units {
        out[u.input_index] = (u.rating, u.rank, is_top(u));
    }
    out
}

/// Runs `runs` perturbed scorings on the machine's cores; `progress` is
/// called once per finished run (from any thread).
#[allow(clippy::too_many_arguments)]
pub fn sensitivity(
    set: &CriteriaSet,
    data: &Dataset,
    order: &VietnameseOrder,
    runs: u32,
    seed: u64,
    variation: Variation,
    flag_share: Decimal,
    progress: &(dyn Fn() + Sync),
) -> Sensitivity {
    let baseline = evaluate(set, data, order);
    let n = data.units.len();
    let workers = std::thread::available_parallelism()
        .map_or(1, |p| p.get())
        .min(runs.max(1) as usize);
    // Each run draws from its own seed, so the result does not depend on
    // how runs are shared between threads.
    let run = |r: u32| {
        let mut rng = Rng(seed ^ u64::from(r).wrapping_mul(0xD1B5_4A32_D192_ED03));
        let perturbed = perturb(set, &mut rng, variation);
        let result = outcome(&evaluate(&perturbed, data, order), n);
        progress();
        result
    };
    let mut results: Vec<(u32, RunOutcome)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let run = &run;
                scope.spawn(move || {
                    (0..runs)
                        .filter(|r| *r as usize % workers == w)
                        .map(|r| (r, run(r)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            // A worker cannot panic short of a bug; its runs are then lost,
            // which the run count in the report makes visible.
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|(r, _)| *r);
    let done = results.len() as u32;
    let share = |count: usize| {
        if done == 0 {
            Decimal::ZERO
        } else {
            Decimal::from(count as u64) / Decimal::from(done)
        }
    };
    let units = baseline
        .units
        .iter()
        .map(|u| {
            let i = u.input_index;
            let kept = results.iter().filter(|(_, o)| o[i].0 == u.rating).count();
            let mut ranks: Vec<u32> = results.iter().map(|(_, o)| o[i].1).collect();
            ranks.sort_unstable();
            let percentile = |p: usize| -> u32 {
                if ranks.is_empty() {
                    return u.rank;
                }
                // Nearest rank: the smallest value with p% of runs at or below it.
                let k = (p * ranks.len()).div_ceil(100).max(1);
                ranks[k - 1]
            };
            let top = is_top(u);
            let top_changed = results.iter().filter(|(_, o)| o[i].2 != top).count();
            let (kept, top_changed) = (share(kept), share(top_changed));
            let e = explain(set, u);
            UnitSensitivity {
                id: u.id.clone(),
                name: u.name.clone(),
                cluster: u.cluster.clone(),
                rating: set.ratings[u.rating].id.clone(),
                rank: u.rank,
                kept,
                rank_p5: percentile(5),
                rank_p95: percentile(95),
                top,
                top_changed,
                flagged: Decimal::ONE - kept > flag_share || top_changed > flag_share,
                next: e.next_rating(set),
            }
        })
        .collect();
    Sensitivity {
        runs: done,
        seed,
        variation,
        flag_share,
        units,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_stay_within_bounds_and_repeat_for_a_seed() {
        let share: Decimal = "0.1".parse().unwrap();
        let (lo, hi) = (Decimal::ONE - share, Decimal::ONE + share);
        let mut a = Rng(42);
        let mut b = Rng(42);
        for _ in 0..10_000 {
            let f = a.factor(share);
            assert!(f >= lo && f <= hi, "{f}");
            assert_eq!(f, b.factor(share));
        }
        assert_eq!(Rng(1).factor(Decimal::ZERO), Decimal::ONE);
    }
}
