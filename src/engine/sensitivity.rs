//! Sensitivity: perturb the criteria's points (and optionally the rating
//! thresholds) within stated bounds, rescore, and see how stable each unit's
//! rating and place are. Deterministic for a seed, whatever the threads.

use rayon::prelude::*;
use rust_decimal::Decimal;

use super::ScoreOverflow;
use super::compact::rank_dataset;
use super::explain::next_rating_in_store;
use super::nearest_rank::{Count, Found, Room, Window};
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

/// What every unit's percentile counts hold together at most, whatever
/// the number of runs: room enough that 3,000 runs of 10,000 units on two
/// threads need one pass (a percentile among 150 runs' ranks).
const COUNTS_BYTES: usize = 128 << 20;

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

/// What the runs did to one unit, counted as they finish: how often it
/// kept its rating and changed first place, and the ranks its percentiles
/// may be (see [`nearest_rank`]), never a row per run.
#[derive(Debug, Clone, Default)]
struct Tally {
    kept: u64,
    top_changed: u64,
    /// Ranks around the P5, and around the P95 counted from the last
    /// place (see [`Percentiles::high_side`]).
    low: Count,
    high: Count,
}

/// Which runs each percentile reads: the nearest-rank P5 is the
/// `low`-th smallest rank, the P95 the `high`-th largest.
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

/// Where one unit's P5 and P95 are sought, pass after pass; `None` once
/// found (in `found`).
#[derive(Debug, Clone, Copy)]
struct Percentiles {
    low: Option<Window>,
    high: Option<Window>,
    found: (Option<u32>, Option<u32>),
}

impl Percentiles {
    /// Ranks run from 0 (a unit not considered) to `units`; each
    /// percentile's ranks are counted in `room`.
    fn sought(tails: Tails, units: u32, room: Room) -> Percentiles {
        Percentiles {
            low: Some(Window::new(tails.low, 0, units, room)),
            high: Some(Window::new(tails.high, 0, units, room)),
            found: (None, None),
        }
    }

    /// The P95 is the `high`-th smallest of ranks counted from the last
    /// place, where few runs are counted while the ranks are few.
    fn high_side(rank: u32, units: u32) -> u32 {
        units.saturating_sub(rank)
    }

    fn add(&self, tally: &mut Tally, rank: u32, units: u32) {
        if let Some(w) = &self.low
            && w.holds(rank)
        {
            tally.low.add(rank, w);
        }
        let from_last = Percentiles::high_side(rank, units);
        if let Some(w) = &self.high
            && w.holds(from_last)
        {
            tally.high.add(from_last, w);
        }
    }

    fn merge(&self, tally: &mut Tally, other: &Tally) {
        if let Some(w) = &self.low {
            tally.low.merge(&other.low, w);
        }
        if let Some(w) = &self.high {
            tally.high.merge(&other.high, w);
        }
    }

    /// Takes in what a pass found; `true` while a percentile is still sought.
    fn settle(&mut self, tally: &Tally, units: u32) -> bool {
        let settle_one =
            |window: &mut Option<Window>, count: &Count| match window.map(|w| count.found(&w)) {
                Some(Found::Within(narrower)) => {
                    *window = Some(narrower);
                    None
                }
                Some(Found::Exactly(rank)) => {
                    *window = None;
                    Some(rank)
                }
                Some(Found::Nothing) | None => {
                    *window = None;
                    None
                }
            };
        if let Some(rank) = settle_one(&mut self.low, &tally.low) {
            self.found.0 = Some(rank);
        }
        if let Some(from_last) = settle_one(&mut self.high, &tally.high) {
            self.found.1 = Some(Percentiles::high_side(from_last, units));
        }
        self.low.is_some() || self.high.is_some()
    }
}

/// Takes in what a pass found of every unit's percentiles; `true` while
/// some are still sought.
fn settle(sought: &mut [Percentiles], tallies: &[Tally], units: u32) -> bool {
    sought
        .iter_mut()
        .zip(tallies)
        .fold(false, |open, (p, t)| p.settle(t, units) || open)
}

/// How a sensitivity analysis is getting on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// A run finished.
    Run,
    /// Another pass over the runs begins, to find some units' percentiles
    /// where their ranks were too many to count one by one.
    Pass { runs: u32 },
}

/// Runs `runs` perturbed scorings on the run's threads, each ranked in the
/// one result store keeping points only; `progress` hears of each finished
/// run (from any thread). Memory holds a tally per unit for each share of
/// the runs a thread takes, never a result per run, and the tallies'
/// counts share a fixed room ([`COUNTS_BYTES`]) whatever the number of
/// runs: when a unit's ranks around a percentile are too many to count one
/// by one, they are counted in buckets, and another pass over the same
/// runs (drawn again from the seed) counts the one bucket the percentile
/// lies in.
#[allow(clippy::too_many_arguments)]
pub fn sensitivity(
    set: &CriteriaSet,
    data: &Dataset,
    order: &VietnameseOrder,
    runs: u32,
    seed: u64,
    variation: Variation,
    flag_share: Decimal,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Sensitivity, ScoreOverflow> {
    let runs = Runs {
        runs,
        seed,
        variation,
        counts_bytes: COUNTS_BYTES,
    };
    sensitivity_in(set, data, order, runs, flag_share, progress)
}

/// The runs of an analysis, and the room their percentiles are counted in.
#[derive(Debug, Clone, Copy)]
struct Runs {
    runs: u32,
    seed: u64,
    variation: Variation,
    counts_bytes: usize,
}

/// [`sensitivity`], the percentiles counted in `counts_bytes`.
fn sensitivity_in(
    set: &CriteriaSet,
    data: &Dataset,
    order: &VietnameseOrder,
    Runs {
        runs,
        seed,
        variation,
        counts_bytes,
    }: Runs,
    flag_share: Decimal,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Sensitivity, ScoreOverflow> {
    // Ranked in the one result store as every run is, keeping points only.
    let eval = rank_dataset(set, data, Keep::Points, order)?;
    let runs = runs.min(MAX_RUNS);
    let units = u32::try_from(data.units.len()).unwrap_or(u32::MAX);
    // By input position: the baseline's rating and first place.
    let mut before = vec![(RatingIdx::BEST, false); data.units.len()];
    for u in &eval.units {
        before[u.input_index()] = (set.stored_rating(u.rating), is_top_in_baseline(u));
    }
    // Two percentiles a unit, in a tally per share of the runs and in the
    // tallies they are merged into: about two per thread.
    let threads = rayon::current_num_threads().max(1);
    let room = Room::share(counts_bytes, before.len() * 2 * 2 * threads);
    let tails = Tails::of(u64::from(runs));
    let mut sought = vec![Percentiles::sought(tails, units, room); before.len()];
    // Each run draws from its own seed, and tallies are sums: the result
    // does not depend on how runs are shared between threads, and a pass
    // over the runs sees the ranks the first one saw.
    // A perturbed run whose scores no decimal holds refuses the whole
    // analysis, as the baseline would: no run is dropped in silence.
    let pass = |sought: &[Percentiles], first: bool| {
        let run = |mut tallies: (u64, Vec<Tally>), r: u32| {
            let mut rng = Rng(seed ^ u64::from(r).wrapping_mul(0xD1B5_4A32_D192_ED03));
            let perturbed = perturb(set, &mut rng, variation);
            for u in &rank_dataset(&perturbed, data, Keep::Points, order)?.units {
                let at = u.input_index();
                let tally = &mut tallies.1[at];
                if first {
                    let (rating, top) = before[at];
                    tally.kept += u64::from(u.rating == rating.stored());
                    tally.top_changed += u64::from(is_top_in_store(u) != top);
                }
                sought[at].add(tally, u.rank, units);
            }
            tallies.0 += 1;
            progress(Progress::Run);
            Ok::<_, ScoreOverflow>(tallies)
        };
        let empty = || (0u64, vec![Tally::default(); sought.len()]);
        (0..runs)
            .into_par_iter()
            // About one share of the runs per thread: as many tallies.
            .with_min_len((runs as usize).div_ceil(threads).max(1))
            .try_fold(empty, run)
            .try_reduce(empty, |mut total, (done, tallies)| {
                total.0 += done;
                for ((t, o), p) in total.1.iter_mut().zip(&tallies).zip(sought) {
                    t.kept += o.kept;
                    t.top_changed += o.top_changed;
                    p.merge(t, o);
                }
                Ok(total)
            })
    };
    let (done, tallies) = pass(&sought, true)?;
    let mut open = settle(&mut sought, &tallies, units);
    // What only the first pass counts; its ranks are settled.
    let shares: Vec<(u64, u64)> = tallies.iter().map(|t| (t.kept, t.top_changed)).collect();
    drop(tallies);
    while open {
        progress(Progress::Pass { runs });
        let (_, tallies) = pass(&sought, false)?;
        open = settle(&mut sought, &tallies, units);
    }
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
            let (kept, top_changed) = shares[u.input_index()];
            let (kept, top_changed) = (share(kept), share(top_changed));
            let (p5, p95) = sought[u.input_index()].found;
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

    /// A unit's P5 and P95 over runs that gave it `ranks`, the runs
    /// shared out over `shares` tallies, pass after pass; with the passes.
    fn percentiles_of(
        ranks: &[u32],
        units: u32,
        shares: usize,
    ) -> ((Option<u32>, Option<u32>), usize) {
        let room = Room::share(4096, 8);
        let mut sought = Percentiles::sought(Tails::of(ranks.len() as u64), units, room);
        for passes in 1.. {
            let mut tallies = vec![Tally::default(); shares];
            for (i, &rank) in ranks.iter().enumerate() {
                sought.add(&mut tallies[i % shares], rank, units);
            }
            let (first, rest) = tallies.split_first_mut().expect("a share");
            rest.iter().for_each(|other| sought.merge(first, other));
            if !sought.settle(first, units) {
                return (sought.found, passes);
            }
        }
        unreachable!()
    }

    #[test]
    fn percentiles_are_nearest_ranks_over_the_runs() {
        let tails = Tails::of(100);
        assert_eq!((tails.low, tails.high), (5, 6));
        // Ranks 1 (90 runs), 2 (6 runs) and 7 (4 runs).
        let ranks: Vec<u32> = [(7, 4), (1, 90), (2, 6)]
            .iter()
            .flat_map(|&(rank, count)| std::iter::repeat_n(rank, count))
            .collect();
        assert_eq!(percentiles_of(&ranks, 10, 1), ((Some(1), Some(2)), 1));
        assert_eq!(percentiles_of(&ranks, 10, 3), ((Some(1), Some(2)), 1));
        // A unit not considered has rank 0 in every run.
        assert_eq!(percentiles_of(&[0; 20], 10, 2), ((Some(0), Some(0)), 1));
        assert_eq!(percentiles_of(&[], 10, 1), ((None, None), 1));
    }

    /// The percentiles a list of every run's rank gives, sorted: ranks
    /// shared out over tallies in any way; in one pass while the ranks
    /// around them are few, in more when they are many (a unit whose rank
    /// moves over thousands of places in thousands of runs).
    #[test]
    fn counted_ranks_give_the_percentiles_of_every_run() {
        let mut rng = Rng(11);
        let mut more_passes = 0;
        for case in 0..300u64 {
            let runs = 1 + rng.next() % if case % 10 == 0 { 4000 } else { 250 };
            let spread = 1 + rng.next() % if case % 10 == 0 { 9000 } else { 60 };
            let units = u32::try_from(spread).expect("small") + 5;
            let ranks: Vec<u32> = (0..runs)
                .map(|_| u32::try_from(1 + rng.next() % spread).expect("small"))
                .collect();
            let shares = 1 + usize::try_from(rng.next() % 3).expect("small");
            let (found, passes) = percentiles_of(&ranks, units, shares);
            let mut sorted = ranks.clone();
            sorted.sort_unstable();
            let at = |p: u64| usize::try_from((p * runs).div_ceil(100).max(1) - 1).expect("small");
            assert_eq!(
                found,
                (Some(sorted[at(5)]), Some(sorted[at(95)])),
                "case {case}: {runs} runs"
            );
            assert!(passes <= 3, "case {case}: {passes} passes");
            more_passes += usize::from(passes > 1);
        }
        assert!(more_passes > 0, "some cases need a second pass");
    }

    /// The analysis gives the percentiles of every run's rank, found by
    /// ranking each run again here and sorting, also where the ranks are
    /// too many for the room they are counted in, which takes more passes.
    #[test]
    fn percentiles_are_those_of_every_run_ranked_again() {
        let order = VietnameseOrder::new();
        // Two criteria whose points vary apart: a unit's place moves over
        // many others, so many ranks are near its percentiles.
        let linear = |id: &str, indicator: &str| {
            format!(
                "[[criteria]]\nid = \"{id}\"\ntitle = \"{id}\"\nindicator = \"{indicator}\"\npoints = 50\nrule = \"linear\"\nzero = 0\nfull = 100\n\n"
            )
        };
        let toml = format!(
            "format = 1\n[set]\nid = \"t\"\ntitle = \"T\"\n[columns]\nid = \"ma\"\nname = \"ten\"\n\n{}{}[[ratings]]\nid = \"ALL\"\ntitle = \"all\"\n",
            linear("A", "x"),
            linear("B", "y")
        );
        let set = crate::load::parse_criteria("t.toml", &toml).expect("valid set");
        let mut rng = Rng(3);
        let mut csv = String::from("ma,ten,x,y\n");
        for i in 0..300 {
            let (x, y) = (rng.next() % 10_000, rng.next() % 10_000);
            csv.push_str(&format!(
                "U{i},Phường {i},{}.{:02},{}.{:02}\n",
                x / 100,
                x % 100,
                y / 100,
                y % 100
            ));
        }
        let data = crate::load::data::read_data(&set, "t.csv", csv.as_bytes(), &Default::default())
            .expect("valid data");
        let variation = Variation {
            points: Decimal::new(5, 1),
            thresholds: Decimal::ZERO,
        };
        let (runs, seed) = (2000, 5);
        let passes = std::sync::atomic::AtomicU32::new(0);
        // Room for a few dozen ranks a count: a percentile among more
        // takes another pass.
        let tight = Runs {
            runs,
            seed,
            variation,
            counts_bytes: 256 << 10,
        };
        let result = sensitivity_in(&set, &data, &order, tight, Decimal::ZERO, &|p| {
            if matches!(p, Progress::Pass { .. }) {
                passes.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        })
        .expect("scores");
        assert!(passes.into_inner() > 0, "some unit needs another pass");
        // Every run's rank of every unit, by input position.
        let mut every: Vec<Vec<u32>> = vec![Vec::new(); data.units.len()];
        for r in 0..runs {
            let mut rng = Rng(seed ^ u64::from(r).wrapping_mul(0xD1B5_4A32_D192_ED03));
            let perturbed = perturb(&set, &mut rng, variation);
            for u in &rank_dataset(&perturbed, &data, Keep::Points, &order)
                .expect("scores")
                .units
            {
                every[u.input_index()].push(u.rank);
            }
        }
        let eval = rank_dataset(&set, &data, Keep::Points, &order).expect("scores");
        let at = |p: u64| usize::try_from((p * u64::from(runs)).div_ceil(100) - 1).expect("small");
        for (u, found) in eval.units.iter().zip(&result.units) {
            let mut ranks = every[u.input_index()].clone();
            ranks.sort_unstable();
            assert_eq!(
                (found.rank_p5, found.rank_p95),
                (ranks[at(5)], ranks[at(95)]),
                "{}",
                found.id
            );
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
                &|_| {},
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
                &|_| {},
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
