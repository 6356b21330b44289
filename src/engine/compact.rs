//! Scoring straight into compact results, one unit at a time as the loader
//! hands them on, for rankings whose report needs points but not values.

use super::rank::Contender;
use super::rating::qualifies;
use super::relative;
use super::score::{ScoreOverflow, Scorer};
use crate::collate::VietnameseOrder;
use crate::model::{
    CompactEvaluation, CompactStore, CompactUnit, CriteriaSet, RankKey, UnitView, Value,
};

/// Scores units as they arrive and keeps only what a ranking needs.
pub struct CompactScoring<'s> {
    set: &'s CriteriaSet,
    scorer: Scorer<'s>,
    eval: CompactEvaluation,
    /// A relative set's units, kept as they are read until all are in:
    /// every scope's reference values come before any unit's points.
    held: Option<Batch>,
    /// The first unit (in the order scored) whose score overflowed.
    overflow: Option<ScoreOverflow>,
}

impl<'s> CompactScoring<'s> {
    pub fn new(set: &'s CriteriaSet) -> Self {
        CompactScoring {
            set,
            scorer: Scorer::new(set),
            eval: CompactEvaluation::new(set.full_max(), &set.ranking, set.precision),
            held: set.is_relative().then(Batch::default),
            overflow: None,
        }
    }

    /// Scores one unit; a unit whose score no decimal holds is kept back
    /// for [`CompactScoring::finish`] to refuse the ranking with.
    pub fn push(&mut self, input_index: usize, unit: UnitView<'_>) {
        match &mut self.held {
            Some(held) => held.push(input_index, unit),
            None => self.score_now(input_index, unit),
        }
    }

    fn score_now(&mut self, input_index: usize, unit: UnitView<'_>) {
        if let Err(overflow) = self.scorer.score(input_index, unit) {
            self.overflow.get_or_insert(overflow);
            return;
        }
        let (result, scaled) = self.scorer.last();
        let mask = self
            .set
            .ratings
            .iter()
            .enumerate()
            .filter(|(_, r)| qualifies(r, result))
            .fold(0u64, |mask, (i, _)| {
                mask | 1u64.checked_shl(i as u32).unwrap_or(0)
            });
        // Scored at the set's precision, the store's scale.
        self.eval.push(result, scaled, &self.set.ranking, mask);
    }

    /// Makes room for `units` units whose ids and names take `text` bytes in
    /// all (see [`CompactEvaluation::reserve`]).
    pub fn reserve(&mut self, units: usize, text: usize) {
        let set = self.set;
        let figures = set.groups.len() + 4 + set.criteria.len() + 1 + set.gates.len();
        self.eval.reserve(units, text, figures);
    }

    /// Takes in the units `other` scored (of the same set), which come
    /// `index_offset` places later in the file: two parts of one file,
    /// scored on two threads, become one before ranking.
    pub fn append(&mut self, other: CompactScoring<'_>, index_offset: usize) {
        if let (Some(mine), Some(theirs)) = (&mut self.held, &other.held) {
            mine.append(theirs, index_offset);
        }
        self.eval.append(other.eval, index_offset);
        if let Some(mut overflow) = other.overflow {
            overflow.input_index += index_offset;
            self.overflow.get_or_insert(overflow);
        }
    }

    /// Scores the units a relative set held, against the reference values
    /// of every unit read (the same [`relative::references`] as the full
    /// engine's).
    fn score_held(&mut self) {
        let Some(held) = self.held.take() else {
            return;
        };
        let set = self.set;
        let inputs = set.inputs.len();
        let references = relative::references(set, held.views(inputs), &relative::considered(set));
        self.scorer = Scorer::new(set).with_references(references);
        held.for_each(inputs, |i, u| self.score_now(i, u));
    }

    /// Ranks and rates every unit pushed, as [`super::evaluate`] does.
    pub fn finish(mut self, order: &VietnameseOrder) -> Result<CompactEvaluation, ScoreOverflow> {
        self.score_held();
        if let Some(overflow) = self.overflow.take() {
            return Err(overflow);
        }
        let eval = &mut self.eval;
        super::standing::settle(self.set, &mut eval.units, &eval.store, order);
        Ok(self.eval)
    }
}

/// Units on their way from the loader to the scoring thread: texts and
/// values back to back, so a batch is a handful of allocations, reused.
#[derive(Default)]
struct Batch {
    /// Per unit: file index, where its texts end, whether it has a cluster.
    units: Vec<(usize, [usize; 3], bool)>,
    text: String,
    values: Vec<Value>,
}

impl Batch {
    const UNITS: usize = 512;

    fn push(&mut self, index: usize, u: UnitView<'_>) {
        self.text.push_str(u.id);
        let id_end = self.text.len();
        self.text.push_str(u.name);
        let name_end = self.text.len();
        self.text.push_str(u.cluster.unwrap_or_default());
        self.units.push((
            index,
            [id_end, name_end, self.text.len()],
            u.cluster.is_some(),
        ));
        self.values.extend_from_slice(u.values);
    }

    /// Takes in `other`'s units, whose file places come `index_offset` later.
    fn append(&mut self, other: &Batch, index_offset: usize) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.values.extend_from_slice(&other.values);
        self.units
            .extend(other.units.iter().map(|&(index, ends, clustered)| {
                (index + index_offset, ends.map(|end| end + base), clustered)
            }));
    }

    /// Every unit held, with its place in the file.
    fn views(&self, inputs: usize) -> Vec<(usize, UnitView<'_>)> {
        let mut views = Vec::with_capacity(self.units.len());
        self.for_each(inputs, |i, u| views.push((i, u)));
        views
    }

    fn clear(&mut self) {
        self.units.clear();
        self.text.clear();
        self.values.clear();
    }

    fn for_each<'a>(&'a self, inputs: usize, mut f: impl FnMut(usize, UnitView<'a>)) {
        let mut start = 0;
        for (n, &(index, [id_end, name_end, end], clustered)) in self.units.iter().enumerate() {
            let text = |a: usize, b: usize| self.text.get(a..b).unwrap_or_default();
            let values = self
                .values
                .get(n * inputs..(n + 1) * inputs)
                .unwrap_or_default();
            f(
                index,
                UnitView {
                    id: text(start, id_end),
                    name: text(id_end, name_end),
                    cluster: clustered.then(|| text(name_end, end)),
                    values,
                },
            );
            start = end;
        }
    }
}

/// Scores the units `feed` hands to its sink, on a second thread while
/// `feed` (the loader) keeps reading: on two cores, reading and scoring
/// overlap. Returns what `feed` returned and the units scored, to be ranked
/// with [`CompactScoring::finish`]; when `feed` fails, its error, and the
/// units scored so far are dropped.
pub fn score_alongside<'s, T, E>(
    set: &'s CriteriaSet,
    feed: impl FnOnce(&mut dyn FnMut(usize, UnitView<'_>)) -> Result<T, E>,
) -> Result<(T, CompactScoring<'s>), E> {
    use std::sync::mpsc;
    let inputs = set.inputs.len();
    let (full, to_score) = mpsc::sync_channel::<Batch>(4);
    let (spare, to_fill) = mpsc::channel::<Batch>();
    std::thread::scope(|scope| {
        let scorer = scope.spawn(move || {
            let mut scoring = CompactScoring::new(set);
            for mut batch in to_score {
                batch.for_each(inputs, |i, u| scoring.push(i, u));
                batch.clear();
                // The loader may have finished; then the batch is just dropped.
                let _ = spare.send(batch);
            }
            scoring
        });
        // A send fails only when the scoring thread has stopped, that is
        // panicked: `join` below reports it.
        let mut batch = Batch::default();
        let fed = feed(&mut |i, u| {
            batch.push(i, u);
            if batch.units.len() >= Batch::UNITS {
                let next = to_fill.try_recv().unwrap_or_default();
                let _ = full.send(std::mem::replace(&mut batch, next));
            }
        });
        if !batch.units.is_empty() {
            let _ = full.send(batch);
        }
        drop(full);
        let scoring = match scorer.join() {
            Ok(scoring) => scoring,
            // A panic in scoring is a bug: let it surface as one.
            Err(panic) => std::panic::resume_unwind(panic),
        };
        fed.map(|t| (t, scoring))
    })
}

impl Contender for CompactUnit {
    type Store = CompactStore;
    fn score(&self) -> rust_decimal::Decimal {
        self.score
    }
    fn met(&self) -> u32 {
        self.met
    }
    fn gates_failed(&self) -> usize {
        self.gates_failed as usize
    }
    fn key_points(
        &self,
        store: &CompactStore,
        position: usize,
        _: RankKey,
    ) -> rust_decimal::Decimal {
        store.key(self, position)
    }
    fn name<'a>(&'a self, store: &'a CompactStore) -> &'a str {
        store.name(self)
    }
    fn id<'a>(&'a self, store: &'a CompactStore) -> &'a str {
        store.id(self)
    }
    fn cluster<'a>(&'a self, store: &'a CompactStore) -> Option<&'a str> {
        store.cluster(self)
    }
    fn input_index(&self) -> usize {
        CompactUnit::input_index(self)
    }
    fn first_qualifying(&self, set: &CriteriaSet, from: usize) -> usize {
        CompactUnit::first_qualifying(self, from, set.ratings.len().saturating_sub(1))
    }
    fn rank(&self) -> u32 {
        self.rank
    }
    fn cluster_rank(&self) -> Option<u32> {
        CompactUnit::cluster_rank(self)
    }
    fn rating(&self) -> usize {
        usize::from(self.rating)
    }
    fn rating_before_quota(&self) -> usize {
        usize::from(self.rating_before_quota)
    }
    fn set_rank(&mut self, rank: u32) {
        self.rank = rank;
    }
    fn set_cluster_rank(&mut self, rank: u32) {
        CompactUnit::set_cluster_rank(self, rank);
    }
    fn set_rating(&mut self, rating: usize) {
        self.rating = u8::try_from(rating).unwrap_or(u8::MAX);
    }
    fn set_rating_before_quota(&mut self, rating: usize) {
        self.rating_before_quota = u8::try_from(rating).unwrap_or(u8::MAX);
    }
    fn downgrades(&self) -> u64 {
        self.downgrades
    }
    fn excluded(&self) -> u64 {
        self.excluded
    }
    fn set_rating_before_downgrade(&mut self, rating: usize) {
        self.rating_before_downgrade = u8::try_from(rating).unwrap_or(u8::MAX);
    }
    fn set_tied_first(&mut self, tied: bool) {
        self.tied_first = tied;
    }
    fn leave_unranked(&mut self, last: usize) {
        let last = u8::try_from(last).unwrap_or(u8::MAX);
        self.rank = 0;
        CompactUnit::set_cluster_rank(self, 0);
        self.tied_first = false;
        self.rating = last;
        self.rating_before_quota = last;
        self.rating_before_downgrade = last;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::data::{ReadOptions, read_data, read_data_each};
    use crate::load::shipped;
    use crate::model::{Dataset, Figures};

    fn full(set: &CriteriaSet, data: &Dataset) -> crate::model::Evaluation {
        super::super::evaluate(set, data, &VietnameseOrder::new()).expect("scores")
    }

    /// Compact and full evaluation agree on every unit, field by field.
    fn assert_same(set: &CriteriaSet, csv: &str) {
        let data =
            read_data(set, "t.csv", csv.as_bytes(), &ReadOptions::default()).expect("valid data");
        let expected = full(set, &data);
        let (_, scoring) = score_alongside(set, |sink| {
            read_data_each(set, "t.csv", csv.as_bytes(), &ReadOptions::default(), sink)
        })
        .expect("valid data");
        let compact = scoring.finish(&VietnameseOrder::new()).expect("scores");
        assert_eq!(compact.units.len(), expected.units.len());
        let (mut mine, mut theirs) = (Figures::default(), Figures::default());
        for (c, e) in compact.units.iter().zip(&expected.units) {
            assert_eq!(compact.store.id(c), e.id);
            assert_eq!(compact.store.name(c), e.name);
            assert_eq!(compact.store.cluster(c), e.cluster.as_deref());
            assert_eq!(
                (c.rank, c.cluster_rank()),
                (e.rank, e.cluster_rank),
                "{}",
                e.id
            );
            assert_eq!(c.score, e.score);
            assert_eq!(c.met, e.met);
            assert_eq!(usize::from(c.rating), e.rating, "{}", e.id);
            assert_eq!(usize::from(c.rating_before_quota), e.rating_before_quota);
            assert_eq!(
                usize::from(c.rating_before_downgrade),
                e.rating_before_downgrade
            );
            assert_eq!(
                (c.downgrades, c.excluded, c.tied_first),
                (e.downgrades, e.excluded, e.tied_first),
                "{}",
                e.id
            );
            assert_eq!(c.input_index(), e.input_index);
            compact.figures(c, set.groups.len(), set.criteria.len(), &mut mine);
            theirs.fill_from(e);
            assert_eq!(mine, theirs, "{}", e.id);
        }
    }

    #[test]
    fn compact_scoring_agrees_with_the_full_engine() {
        // 7 × 80 = 560 units: more than one batch.
        assert_same_for("cong-an-phuong-kieu-mau", "cua-lo-2023.csv", 80);
        assert_same_for("an-toan-antt", "an-toan-2023.csv", 3);
        // Clusters, quotas per cluster, adjustments.
        assert_same_for("thi-dua-cuoi-nam", "thi-dua-2023.csv", 40);
    }

    /// A downgrade, a unit not considered and a shared first place: the
    /// compact path sets apart, lowers and marks the same units.
    #[test]
    fn compact_scoring_agrees_on_downgrades_exclusions_and_shared_first_places() {
        for copies in [1, 60] {
            let (set, csv) =
                shipped::repeated_example("thi-dua-cuoi-nam", "thi-dua-binh-xet.csv", copies);
            let data = read_data(&set, "t.csv", csv.as_bytes(), &ReadOptions::default())
                .expect("valid data");
            let eval = full(&set, &data);
            // The example has each case, so agreeing is not agreeing on nothing.
            assert!(eval.units.iter().any(|u| u.tied_first));
            assert!(eval.units.iter().any(|u| u.downgrade_lowered()));
            let last = eval.units.last().expect("units");
            assert!(last.is_excluded() && last.ranked().is_none());
            assert_same(&set, &csv);
        }
    }

    /// A set scored against its scopes: targets from a column (some
    /// blank), relative over all units, in clusters, with N/A.
    const RELATIVE: &str = r#"format = 1
[set]
id = "t"
title = "Test"
precision = 2
[columns]
id = "ma"
name = "ten"
cluster = "cum"
[[indicators]]
id = "kp_pct"
ratio = ["kp", "xr"]
[[criteria]]
id = "K"
title = "K"
indicator = "kp_pct"
points = 10
rule = "target"
target = "ct"
[[criteria]]
id = "R"
title = "R"
indicator = "vd"
points = 3
rule = "relative"
direction = "lower"
scope = "all"
allow_na = true
[[ratings]]
id = "A"
title = "A"
min_score = 9
quota = 0.3
[[ratings]]
id = "B"
title = "B"
"#;

    /// 600 units (more than one batch) in 7 clusters.
    fn relative_rows() -> String {
        let mut csv = String::from("ma,ten,cum,kp,xr,ct,vd\n");
        for i in 0..600u32 {
            let target = if i % 5 == 0 {
                String::new()
            } else {
                format!("{}", 60 + i % 30)
            };
            let vd = if i % 11 == 0 {
                "N/A".to_string()
            } else {
                format!("{}", (i * 7) % 23)
            };
            csv.push_str(&format!(
                "u{i},Đơn vị {i},Cụm {},{},{},{target},{vd}\n",
                i % 7,
                (i * 13) % 41,
                41 + i % 9,
            ));
        }
        csv
    }

    #[test]
    fn compact_scoring_agrees_with_the_full_engine_on_a_relative_set() {
        let set = crate::load::parse_criteria("t.toml", RELATIVE).expect("a valid set");
        assert!(set.is_relative());
        assert_same(&set, &relative_rows());
    }

    /// Two parts of one file, scored apart and joined (as `score` does with
    /// a large CSV), are scored against the scopes of the whole file.
    #[test]
    fn two_parts_of_a_relative_set_share_their_references() {
        let set = crate::load::parse_criteria("t.toml", RELATIVE).expect("a valid set");
        let csv = relative_rows();
        let data =
            read_data(&set, "t.csv", csv.as_bytes(), &ReadOptions::default()).expect("valid data");
        let expected = full(&set, &data);
        let (first, second) = data.units.split_at(250);
        let (mut a, mut b) = (CompactScoring::new(&set), CompactScoring::new(&set));
        first
            .iter()
            .enumerate()
            .for_each(|(i, u)| a.push(i, u.view()));
        second
            .iter()
            .enumerate()
            .for_each(|(i, u)| b.push(i, u.view()));
        a.append(b, first.len());
        let joined = a
            .finish(&VietnameseOrder::new())
            .expect("representable scores");
        let mine: Vec<_> = joined
            .units
            .iter()
            .map(|u| (joined.store.id(u).to_string(), u.score, u.rank))
            .collect();
        let theirs: Vec<_> = expected
            .units
            .iter()
            .map(|u| (u.id.clone(), u.score, u.rank))
            .collect();
        assert_eq!(mine, theirs);
    }

    fn assert_same_for(set_id: &str, example: &str, copies: usize) {
        let (set, csv) = shipped::repeated_example(set_id, example, copies);
        assert_same(&set, &csv);
    }

    /// Blank cells (scored as missing, 0 points, not met) and N/A are kept
    /// compactly as the full engine has them.
    #[test]
    fn missing_and_not_applicable_points_agree_too() {
        let (file, source) = shipped::find("thi-dua-cuoi-nam").expect("a shipped set");
        let source = source.replace("missing = \"error\"", "missing = \"zero\"");
        let set = crate::load::parse_criteria(file, &source).expect("a valid set");
        let (_, csv) = shipped::repeated_example("thi-dua-cuoi-nam", "thi-dua-2023.csv", 3);
        // Every third row loses its cells after the first five.
        let blanked: String = csv
            .lines()
            .enumerate()
            .map(|(i, line)| {
                if i == 0 || i % 3 != 1 {
                    return format!("{line}\n");
                }
                let cells: Vec<&str> = line.split(',').collect();
                let kept = cells.len().min(5);
                format!(
                    "{}{}\n",
                    cells[..kept].join(","),
                    ",".repeat(cells.len() - kept)
                )
            })
            .collect();
        let data = read_data(&set, "t.csv", blanked.as_bytes(), &ReadOptions::default())
            .expect("valid data");
        let missing = |status| {
            let eval = full(&set, &data);
            eval.units
                .iter()
                .flat_map(|u| &u.criteria)
                .any(|c| c.status == status)
        };
        assert!(missing(crate::model::Status::Missing));
        assert!(missing(crate::model::Status::NotApplicable));
        assert_same(&set, &blanked);
    }

    #[test]
    fn rows_that_wait_for_the_decimal_style_are_scored_too() {
        let (set, csv) = shipped::repeated_example("cong-an-phuong-kieu-mau", "cua-lo-2023.csv", 2);
        // "96" → "1.000" would be ambiguous; put the first unambiguous
        // number late so earlier rows wait.
        let waiting = csv.replacen(",96,", ",96.000,", 1);
        assert_same(&set, &waiting);
    }

    #[test]
    fn a_failed_read_returns_its_error_and_no_units() {
        let (set, _) = shipped::repeated_example("cong-an-phuong-kieu-mau", "cua-lo-2023.csv", 1);
        let outcome: Result<((), CompactScoring), &str> = score_alongside(&set, |sink| {
            sink(
                0,
                UnitView {
                    id: "a",
                    name: "A",
                    cluster: None,
                    values: &[],
                },
            );
            Err("bad file")
        });
        assert_eq!(outcome.err(), Some("bad file"));
    }
}
