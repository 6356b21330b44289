//! Sensitivity: perturb the criteria's points (and optionally the rating
//! thresholds) within stated bounds, rescore, and see how stable each unit's
//! rating and place are. Deterministic for a seed, whatever the threads.

use rayon::prelude::*;
use rust_decimal::Decimal;

use super::ScoreOverflow;
use super::compact::rank_dataset;
use super::explain::next_rating_in_store;
use crate::collate::VietnameseOrder;
use crate::model::{
    CompactEvaluation, CompactUnit, CriteriaSet, Dataset, Keep, PassMark, RatingIdx, Rule,
};

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
    /// Not considered (in every run: exclusions do not depend on points);
    /// its rank and rating mean nothing.
    pub excluded: bool,
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

/// The most perturbed rescorings one run may ask for: enough for stable
/// shares to a tenth of a percent, and a bound on the time asked for.
pub const MAX_RUNS: u32 = 100_000;

/// The set with every criterion's points (and its steps and levels with
/// them) and every rating threshold scaled by a random factor. A pass mark
/// of all the points follows them ([`PassMark::AllPoints`]); one set in
/// points stays, unless the points fall below it, where it becomes all of them.
fn perturb(set: &CriteriaSet, rng: &mut Rng, v: Variation) -> CriteriaSet {
    let mut out = set.clone();
    for c in &mut out.criteria {
        let f = rng.factor(v.points);
        c.points *= f;
        if let PassMark::Points(pass) = c.pass
            && pass > c.points
        {
            c.pass = PassMark::AllPoints;
        }
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

fn is_top_in_store(u: &CompactUnit) -> bool {
    u.cluster_rank().or((u.rank > 0).then_some(u.rank)) == Some(1)
}

/// First in its cluster (or overall, without clusters) with the rules as
/// they are: a unit not considered has no place overall.
fn is_top_in_baseline(u: &CompactUnit) -> bool {
    u.cluster_rank().or((!u.is_excluded()).then_some(u.rank)) == Some(1)
}

/// Unit `u` with the rules as they are, the standing the runs are
/// measured against; what the runs did to it is added to it afterwards.
fn baseline(set: &CriteriaSet, eval: &CompactEvaluation, u: &CompactUnit) -> UnitSensitivity {
    let store = &eval.store;
    let excluded = u.is_excluded();
    UnitSensitivity {
        id: store.id(u).to_string(),
        name: store.name(u).to_string(),
        cluster: store.cluster(u).map(str::to_string),
        rating: set.rating(set.stored_rating(u.rating)).id.clone(),
        rank: u.rank,
        kept: Decimal::ONE,
        rank_p5: u.rank,
        rank_p95: u.rank,
        top: is_top_in_baseline(u),
        top_changed: Decimal::ZERO,
        flagged: false,
        next: next_rating_in_store(set, eval, u),
        excluded,
    }
}

/// What the runs did to one unit, counted as they finish: memory holds
/// the counts of the few ranks its percentiles read ([`Tails`]), never a
/// row per run nor a count per rank reached.
#[derive(Debug, Clone, Default)]
struct Tally {
    kept: u64,
    top_changed: u64,
    /// The smallest ranks, enough of them for the P5; the largest, for
    /// the P95.
    low: Ranks,
    high: Ranks,
}

/// How many runs each percentile reads from its end: the nearest-rank P5
/// is the `low`-th smallest rank, the P95 the `high`-th largest. A tally
/// keeps those and drops the ranks between, which no percentile reads.
#[derive(Debug, Clone, Copy)]
struct Tails {
    low: u64,
    high: u64,
}

impl Tails {
    fn of(runs: u64) -> Tails {
        // Nearest rank: the smallest rank with `p`% of the runs at or below it.
        let wanted = |p: u64| (p * runs).div_ceil(100).max(1);
        Tails {
            low: wanted(5),
            high: (runs + 1).saturating_sub(wanted(95)),
        }
    }
}

impl Tally {
    fn add_rank(&mut self, rank: u32, tails: Tails) {
        self.low.add_low(rank, 1, tails.low);
        self.high.add_high(rank, 1, tails.high);
    }

    fn add(&mut self, other: &Tally, tails: Tails) {
        self.kept += other.kept;
        self.top_changed += other.top_changed;
        self.low.merge(&other.low);
        self.low.trim_high(tails.low);
        self.high.merge(&other.high);
        self.high.trim_low(tails.high);
    }

    /// The nearest-rank P5 and P95 over the runs; `None` with no runs.
    fn percentiles(&self, tails: Tails) -> (Option<u32>, Option<u32>) {
        (
            nth(self.low.0.iter(), tails.low),
            nth(self.high.0.iter().rev(), tails.high),
        )
    }
}

/// The rank the `n`-th run reaches, the runs counted in the order given.
fn nth<'a>(mut ranks: impl Iterator<Item = &'a (u32, u32)>, n: u64) -> Option<u32> {
    let mut seen = 0;
    ranks.find_map(|&(rank, count)| {
        seen += u64::from(count);
        (seen >= n).then_some(rank)
    })
}

/// Ranks reached over the runs, each once with how many runs reached it,
/// in rank order. A run count fits a `u32` ([`MAX_RUNS`]).
#[derive(Debug, Clone, Default, PartialEq)]
struct Ranks(Vec<(u32, u32)>);

impl Ranks {
    fn total(&self) -> u64 {
        self.0.iter().map(|&(_, c)| u64::from(c)).sum()
    }

    fn add(&mut self, rank: u32, count: u32) {
        match self.0.binary_search_by_key(&rank, |&(r, _)| r) {
            Ok(i) => self.0[i].1 = self.0[i].1.saturating_add(count),
            Err(i) => {
                // Grown by a few, not doubled: these lists are many and
                // short, and their spare room would be most of them.
                if self.0.len() == self.0.capacity() {
                    self.0.reserve_exact((self.0.len() / 4).max(2));
                }
                self.0.insert(i, (rank, count));
            }
        }
    }

    /// Adds `rank` to the smallest ranks that hold `keep` runs: a rank
    /// above them once they do is one the `keep`-th smallest never is.
    fn add_low(&mut self, rank: u32, count: u32, keep: u64) {
        if self.0.last().is_some_and(|&(r, _)| rank > r) && self.total() >= keep {
            return;
        }
        self.add(rank, count);
        self.trim_high(keep);
    }

    /// Adds `rank` to the largest ranks that hold `keep` runs.
    fn add_high(&mut self, rank: u32, count: u32, keep: u64) {
        if self.0.first().is_some_and(|&(r, _)| rank < r) && self.total() >= keep {
            return;
        }
        self.add(rank, count);
        self.trim_low(keep);
    }

    /// Drops the largest ranks the smallest `keep` runs do not reach.
    fn trim_high(&mut self, keep: u64) {
        let mut total = self.total();
        while let Some(&(_, c)) = self.0.last()
            && total - u64::from(c) >= keep
        {
            self.0.pop();
            total -= u64::from(c);
        }
    }

    /// Drops the smallest ranks the largest `keep` runs do not reach.
    fn trim_low(&mut self, keep: u64) {
        let (mut total, mut drop) = (self.total(), 0);
        for &(_, c) in &self.0 {
            if total - u64::from(c) < keep {
                break;
            }
            total -= u64::from(c);
            drop += 1;
        }
        self.0.drain(..drop);
    }

    fn merge(&mut self, other: &Ranks) {
        if other.0.is_empty() {
            return;
        }
        let mut merged = Vec::with_capacity(self.0.len() + other.0.len());
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(&&x), Some(&&y)) if x.0 == y.0 => {
                    a.next();
                    b.next();
                    (x.0, x.1.saturating_add(y.1))
                }
                (Some(&&x), Some(&&y)) if x.0 < y.0 => {
                    a.next();
                    x
                }
                (_, Some(&&y)) => {
                    b.next();
                    y
                }
                (Some(&&x), None) => {
                    a.next();
                    x
                }
                (None, None) => break,
            };
            merged.push(next);
        }
        merged.shrink_to_fit();
        self.0 = merged;
    }
}

/// Runs `runs` perturbed scorings on the run's threads, each ranked in the
/// one result store keeping points only; `progress` is called once per
/// finished run (from any thread). Memory holds a tally per unit for each
/// share of the runs a thread takes, never a result per run; a tally
/// keeps the ranks at either end that the percentiles read (about a
/// tenth of the runs at most, fewer when runs reach the same ranks).
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
) -> Result<Sensitivity, ScoreOverflow> {
    // Ranked in the one result store as every run is, keeping points only.
    let eval = rank_dataset(set, data, Keep::Points, order)?;
    let runs = runs.min(MAX_RUNS);
    let tails = Tails::of(u64::from(runs));
    // By input position: the baseline's rating and first place.
    let mut before = vec![(RatingIdx::BEST, false); data.units.len()];
    for u in &eval.units {
        before[u.input_index()] = (set.stored_rating(u.rating), is_top_in_baseline(u));
    }
    // Each run draws from its own seed, and tallies are sums: the result
    // does not depend on how runs are shared between threads.
    // A perturbed run whose scores no decimal holds refuses the whole
    // analysis, as the baseline would: no run is dropped in silence.
    let run = |mut tallies: (u64, Vec<Tally>), r: u32| {
        let mut rng = Rng(seed ^ u64::from(r).wrapping_mul(0xD1B5_4A32_D192_ED03));
        let perturbed = perturb(set, &mut rng, variation);
        for u in &rank_dataset(&perturbed, data, Keep::Points, order)?.units {
            let (rating, top) = before[u.input_index()];
            let tally = &mut tallies.1[u.input_index()];
            tally.kept += u64::from(u.rating == rating.stored());
            tally.top_changed += u64::from(is_top_in_store(u) != top);
            tally.add_rank(u.rank, tails);
        }
        tallies.0 += 1;
        progress();
        Ok::<_, ScoreOverflow>(tallies)
    };
    let empty = || (0u64, vec![Tally::default(); before.len()]);
    let threads = rayon::current_num_threads().max(1);
    let (done, tallies) = (0..runs)
        .into_par_iter()
        // About one share of the runs per thread: as many tallies.
        .with_min_len((runs as usize).div_ceil(threads).max(1))
        .try_fold(empty, run)
        .try_reduce(empty, |mut total, (done, tallies)| {
            total.0 += done;
            total
                .1
                .iter_mut()
                .zip(&tallies)
                .for_each(|(t, o)| t.add(o, tails));
            Ok(total)
        })?;
    let share = |count: u64| {
        if done == 0 {
            Decimal::ZERO
        } else {
            Decimal::from(count) / Decimal::from(done)
        }
    };
    let units = eval
        .units
        .iter()
        .map(|u| {
            let tally = &tallies[u.input_index()];
            let (kept, top_changed) = (share(tally.kept), share(tally.top_changed));
            let (p5, p95) = tally.percentiles(tails);
            UnitSensitivity {
                kept,
                rank_p5: p5.unwrap_or(u.rank),
                rank_p95: p95.unwrap_or(u.rank),
                top_changed,
                flagged: Decimal::ONE - kept > flag_share || top_changed > flag_share,
                ..baseline(set, &eval, u)
            }
        })
        .collect();
    Ok(Sensitivity {
        runs: u32::try_from(done).unwrap_or(runs),
        seed,
        variation,
        flag_share,
        units,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::engine::explain::explain;

    /// Each unit's standing with the rules as they are, in rank order, as
    /// every unit's full result gives it: the baseline before it was
    /// ranked in the one result store.
    fn baseline_in_full(set: &CriteriaSet, data: &Dataset) -> Vec<UnitSensitivity> {
        let order = VietnameseOrder::new();
        let full = evaluate(set, data, &order).expect("scores");
        full.units
            .iter()
            .map(|u| UnitSensitivity {
                id: u.id.clone(),
                name: u.name.clone(),
                cluster: u.cluster.clone(),
                rating: set.rating(u.rating).id.clone(),
                rank: u.rank,
                kept: Decimal::ONE,
                rank_p5: u.rank,
                rank_p95: u.rank,
                top: u.cluster_rank.or(u.ranked()) == Some(1),
                top_changed: Decimal::ZERO,
                flagged: false,
                next: explain(set, u).next_rating(set),
                excluded: u.is_excluded(),
            })
            .collect()
    }

    /// The baseline from the store is the one every unit's full result
    /// gave, field by field and in order: on every shipped example, and on
    /// examples with clusters, quotas that bite, downgrades, units not
    /// considered and shared first places.
    #[test]
    fn the_baseline_from_the_store_is_the_one_in_full() {
        let order = VietnameseOrder::new();
        let mut cases = shipped_examples();
        for example in ["thi-dua-2023.csv", "thi-dua-binh-xet.csv"] {
            let (set, csv) = crate::load::shipped::repeated_example("thi-dua-cuoi-nam", example, 6);
            let data =
                crate::load::data::read_data(&set, "t.csv", csv.as_bytes(), &Default::default())
                    .expect("valid data");
            cases.push((set, data));
        }
        let (mut excluded, mut top, mut by_quota, mut by_downgrade) = (0, 0, 0, 0);
        for (set, data) in &cases {
            let eval = rank_dataset(set, data, Keep::Points, &order).expect("scores");
            let from_store: Vec<UnitSensitivity> =
                eval.units.iter().map(|u| baseline(set, &eval, u)).collect();
            let in_full = baseline_in_full(set, data);
            assert_eq!(from_store, in_full, "{}", set.id);
            for u in &from_store {
                excluded += usize::from(u.excluded);
                top += usize::from(u.top && u.cluster.is_some());
                by_quota += usize::from(u.next.as_ref().is_some_and(|n| n.by_quota));
                by_downgrade += usize::from(u.next.as_ref().is_some_and(|n| n.by_downgrade));
            }
        }
        assert!(
            excluded > 0 && top > 1 && by_quota > 0 && by_downgrade > 0,
            "{excluded} {top} {by_quota} {by_downgrade}"
        );
    }

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

    #[test]
    fn percentiles_are_nearest_ranks_over_the_tally() {
        let tails = Tails::of(100);
        assert_eq!((tails.low, tails.high), (5, 6));
        let mut tally = Tally::default();
        // Ranks 1 (90 runs), 2 (6 runs) and 7 (4 runs).
        for (rank, count) in [(7, 4), (1, 90), (2, 6)] {
            (0..count).for_each(|_| tally.add_rank(rank, tails));
        }
        assert_eq!(tally.percentiles(tails), (Some(1), Some(2)));
        // Only the ends the percentiles read are kept.
        assert_eq!(tally.low.0, [(1, 90)]);
        assert_eq!(tally.high.0, [(2, 6), (7, 4)]);
        assert_eq!(Tally::default().percentiles(Tails::of(0)), (None, None));
        let mut other = Tally::default();
        other.add_rank(3, tails);
        other.kept = 3;
        tally.add(&other, tails);
        assert_eq!(tally.high.0, [(2, 6), (3, 1), (7, 4)]);
        assert_eq!(tally.kept, 3);
    }

    /// The kept ends give the percentiles a list of every run's rank
    /// gives, sorted: ranks added one at a time and tallies merged across
    /// shares of the runs, in any order; and no more ranks are kept than
    /// the percentiles read.
    #[test]
    fn counted_ranks_give_the_percentiles_of_every_run() {
        let mut rng = Rng(11);
        for case in 0..400u64 {
            let runs = 1 + rng.next() % 250;
            let spread = 1 + rng.next() % 60;
            let tails = Tails::of(runs);
            let ranks: Vec<u32> = (0..runs)
                .map(|_| u32::try_from(1 + rng.next() % spread).expect("small"))
                .collect();
            let split = usize::try_from(rng.next() % runs).expect("small");
            let (mut one, mut other) = (Tally::default(), Tally::default());
            ranks[..split].iter().for_each(|&r| one.add_rank(r, tails));
            ranks[split..]
                .iter()
                .for_each(|&r| other.add_rank(r, tails));
            one.add(&other, tails);
            let mut sorted = ranks.clone();
            sorted.sort_unstable();
            let at = |p: u64| usize::try_from((p * runs).div_ceil(100).max(1) - 1).expect("small");
            assert_eq!(
                one.percentiles(tails),
                (Some(sorted[at(5)]), Some(sorted[at(95)])),
                "case {case}: {runs} runs"
            );
            for kept in [&one.low, &one.high] {
                assert!(kept.0.windows(2).all(|w| w[0].0 < w[1].0), "case {case}");
            }
            assert!(one.low.0.len() as u64 <= tails.low, "case {case}");
            assert!(one.high.0.len() as u64 <= tails.high, "case {case}");
        }
    }

    /// Every shipped set on its shipped example.
    fn shipped_examples() -> Vec<(CriteriaSet, Dataset)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        [
            ("an-toan-antt", "examples/an-toan-2023.csv"),
            ("cong-an-phuong-kieu-mau", "examples/cua-lo-2023.csv"),
            ("thi-dua-cuoi-nam", "examples/thi-dua-2023.csv"),
        ]
        .into_iter()
        .map(|(id, data)| {
            let (source, text) = crate::load::shipped::find(id).unwrap();
            let set = crate::load::parse_criteria(source, text).unwrap();
            let bytes = std::fs::read(root.join(data)).unwrap();
            let options = crate::load::data::ReadOptions::default();
            let data = crate::load::data::read_data(&set, data, &bytes[..], &options).unwrap();
            (set, data)
        })
        .collect()
    }

    /// A criterion that earns all its points meets a pass mark of all its
    /// points, however the points are scaled: the mark scales with them and
    /// is compared as earned points are, rounded to the set's places.
    #[test]
    fn full_points_stay_met_when_points_are_scaled() {
        let order = VietnameseOrder::new();
        let share = Decimal::new(1, 1);
        for (set, data) in shipped_examples() {
            let baseline = evaluate(&set, &data, &order).expect("shipped examples score");
            for seed in 0..20 {
                let scaled = perturb(
                    &set,
                    &mut Rng(seed),
                    Variation {
                        points: share,
                        thresholds: Decimal::ZERO,
                    },
                );
                let mut eval = evaluate(&scaled, &data, &order).expect("shipped examples score");
                eval.units.sort_by_key(|u| u.input_index);
                for before in &baseline.units {
                    let after = &eval.units[before.input_index];
                    for (i, c) in set.criteria.iter().enumerate() {
                        let full = before.criteria[i].points == c.points;
                        if c.pass == PassMark::AllPoints && full {
                            assert!(
                                after.criteria[i].met,
                                "{} {} {}: {} of {}",
                                set.id,
                                before.id,
                                c.id,
                                after.criteria[i].points,
                                scaled.criteria[i].points
                            );
                        }
                    }
                }
            }
        }
    }

    /// Rated on criteria met alone, each met at all of its points: varying
    /// the points changes no rating (a pass mark of its own, such as 0.8 ×
    /// the points, stays put while the points move, and can).
    fn rated_on_met_alone(set: &CriteriaSet) -> bool {
        set.ratings.iter().all(|r| r.min_score.is_none())
            && set.criteria.iter().all(|c| c.pass == PassMark::AllPoints)
    }

    /// On every shipped set: nothing varied, nothing changes; and a set
    /// rated on criteria met and gates alone (`an-toan-antt`) keeps every
    /// rating when only points vary.
    #[test]
    fn sensitivity_on_every_shipped_set() {
        let order = VietnameseOrder::new();
        for (set, data) in shipped_examples() {
            let still = sensitivity(
                &set,
                &data,
                &order,
                20,
                3,
                Variation::default(),
                Decimal::ZERO,
                &|| {},
            )
            .expect("shipped examples score");
            assert_eq!(still.runs, 20);
            for u in &still.units {
                assert_eq!(u.kept, Decimal::ONE, "{} {}", set.id, u.id);
                assert_eq!((u.rank_p5, u.rank_p95), (u.rank, u.rank), "{}", u.id);
                assert_eq!(u.top_changed, Decimal::ZERO, "{} {}", set.id, u.id);
                assert!(!u.flagged, "{} {}", set.id, u.id);
            }
            let points_only = Variation {
                points: Decimal::new(1, 1),
                thresholds: Decimal::ZERO,
            };
            let varied = sensitivity(
                &set,
                &data,
                &order,
                50,
                7,
                points_only,
                Decimal::ZERO,
                &|| {},
            )
            .expect("shipped examples score");
            assert_eq!(varied.units.len(), data.units.len());
            let on_met_alone = rated_on_met_alone(&set);
            if on_met_alone {
                for u in &varied.units {
                    assert_eq!(u.kept, Decimal::ONE, "{} {}", set.id, u.id);
                }
            }
        }
        let rated_on_met_alone = shipped_examples()
            .iter()
            .filter(|(set, _)| rated_on_met_alone(set))
            .count();
        assert!(
            rated_on_met_alone >= 1,
            "an-toan-antt is rated on met alone"
        );
    }
}
