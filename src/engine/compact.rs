//! The one ranking pipeline: every unit is scored as the loader hands it
//! on, kept in the one result store ([`CompactEvaluation`]) with what the
//! report needs ([`Keep`]), then ranked and rated there. Renderers read the
//! store unit by unit; a unit's full detail is re-scored from its kept
//! values when a renderer reaches it ([`Detail`], which the store is given
//! as its [`RESCORER`], so renderers never call the engine).

use super::ScoreOverflow;
use super::rating::qualifies;
use super::relative;
use super::score::Scorer;
use crate::collate::VietnameseOrder;
use crate::model::{
    CompactEvaluation, CompactUnit, CriteriaSet, Dataset, Evaluation, Figures, Keep, Rescore,
    Rescorer, UnitResult, UnitView, Value,
};

/// Scores units as they arrive and keeps what the report needs.
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
    pub fn new(set: &'s CriteriaSet, keep: Keep) -> Self {
        let mut eval =
            CompactEvaluation::new(set.full_max(), &set.ranking, set.precision, keep, RESCORER);
        // A relative set's are worked out once every unit is read.
        eval.references = crate::model::References::none(set);
        CompactScoring {
            set,
            scorer: Scorer::new(set),
            eval,
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
        if let Err(overflow) = self.scorer.score_points(input_index, unit) {
            self.overflow.get_or_insert(overflow);
            return;
        }
        let (result, criteria) = self.scorer.last();
        let mask = self
            .set
            .ratings
            .iter()
            .enumerate()
            .filter(|(_, r)| qualifies(r, result, criteria))
            .fold(0u64, |mask, (i, _)| {
                mask | u32::try_from(i)
                    .ok()
                    .and_then(|i| 1u64.checked_shl(i))
                    .unwrap_or(0)
            });
        // Scored at the set's precision, the store's scale.
        self.eval
            .push(result, criteria, unit.values, &self.set.ranking, mask);
    }

    /// Makes room for `units` units whose ids and names take `text` bytes in
    /// all (see [`CompactEvaluation::reserve`]).
    pub fn reserve(&mut self, units: usize, text: usize) {
        let set = self.set;
        // A store keeps a unit's figures, or its values instead.
        let figures = if self.eval.keeps_values() {
            set.inputs.len()
        } else {
            // The counts of failed gates and of blanks counted 0, then the gates.
            set.groups.len() + 4 + set.criteria.len() + 2 + set.gates.len()
        };
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
        self.eval.references = references.clone();
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
    keep: Keep,
    feed: impl FnOnce(&mut dyn FnMut(usize, UnitView<'_>)) -> Result<T, E>,
) -> Result<(T, CompactScoring<'s>), E> {
    use std::sync::mpsc;
    let inputs = set.inputs.len();
    let (full, to_score) = mpsc::sync_channel::<Batch>(4);
    let (spare, to_fill) = mpsc::channel::<Batch>();
    std::thread::scope(|scope| {
        let scorer = scope.spawn(move || {
            let mut scoring = CompactScoring::new(set, keep);
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

/// Ranks and rates every unit of `data` in the one store, keeping `keep`:
/// the path a data set read whole (several files, linked sets) takes.
pub fn rank_dataset(
    set: &CriteriaSet,
    data: &Dataset,
    keep: Keep,
    order: &VietnameseOrder,
) -> Result<CompactEvaluation, ScoreOverflow> {
    let mut scoring = CompactScoring::new(set, keep);
    for (i, u) in data.units.iter().enumerate() {
        scoring.push(i, u.view());
    }
    scoring.finish(order)
}

/// Re-scores units of a store that keeps values, one at a time, into one
/// reusable full result: what a renderer that shows a unit's detail reads.
/// Scoring is a pure function of the values and the store's references,
/// so the result is the one the unit was ranked on.
pub struct Detail<'s> {
    set: &'s CriteriaSet,
    scorer: Scorer<'s>,
    values: Vec<Value>,
}

impl<'s> Detail<'s> {
    /// Re-scores units of `eval`, against the references its units were
    /// scored with.
    pub fn new(set: &'s CriteriaSet, eval: &CompactEvaluation) -> Self {
        Detail {
            set,
            scorer: Scorer::new(set).with_references(eval.references.clone()),
            values: Vec::with_capacity(set.inputs.len()),
        }
    }

    /// Unit `u` of `eval` in full, with its rank and ratings. A store that
    /// keeps no values gives the unit as scored on missing values: callers
    /// keep [`Keep::Values`] for every report that reads detail.
    pub fn unit(
        &mut self,
        eval: &CompactEvaluation,
        u: &CompactUnit,
    ) -> Result<&UnitResult, ScoreOverflow> {
        let set = self.set;
        eval.values(u, set.inputs.len(), &mut self.values);
        if self.values.len() < set.inputs.len() {
            self.values.resize(set.inputs.len(), Value::Missing);
        }
        let store = &eval.store;
        let view = UnitView {
            id: store.id(u),
            name: store.name(u),
            cluster: store.cluster(u),
            values: &self.values,
        };
        self.scorer.score(u.input_index(), view)?;
        Ok(self.scorer.set_standing(u))
    }

    /// Unit `u`'s figures as a ranking table shows them, whatever the store
    /// keeps: decoded from a store that keeps points, re-scored from one
    /// that keeps values.
    pub fn figures(
        &mut self,
        eval: &CompactEvaluation,
        u: &CompactUnit,
        out: &mut Figures,
    ) -> Result<(), ScoreOverflow> {
        if eval.keeps_values() {
            out.fill_from(self.unit(eval, u)?);
        } else {
            eval.figures(u, self.set.groups.len(), self.set.criteria.len(), out);
        }
        Ok(())
    }
}

impl Rescore for Detail<'_> {
    fn unit(
        &mut self,
        eval: &CompactEvaluation,
        u: &CompactUnit,
    ) -> Result<&UnitResult, ScoreOverflow> {
        Detail::unit(self, eval, u)
    }

    fn figures(
        &mut self,
        eval: &CompactEvaluation,
        u: &CompactUnit,
        out: &mut Figures,
    ) -> Result<(), ScoreOverflow> {
        Detail::figures(self, eval, u, out)
    }
}

/// How every store the engine makes re-scores its units for a reader.
pub const RESCORER: Rescorer = Rescorer(|set, eval| Box::new(Detail::new(set, eval)));

/// Every unit of a store that keeps values, in full, in rank order: for
/// what reads every unit at once (comparisons, explain's lookup, tests).
pub fn full(set: &CriteriaSet, eval: &CompactEvaluation) -> Result<Evaluation, ScoreOverflow> {
    eval.every_unit_in_full(set)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::data::{ReadOptions, read_data, read_data_each};
    use crate::load::shipped;

    fn full(set: &CriteriaSet, data: &Dataset) -> crate::model::Evaluation {
        super::super::evaluate(set, data, &VietnameseOrder::new()).expect("scores")
    }

    /// Compact and full evaluation agree on every unit, field by field.
    fn assert_same(set: &CriteriaSet, csv: &str) {
        let data =
            read_data(set, "t.csv", csv.as_bytes(), &ReadOptions::default()).expect("valid data");
        let expected = full(set, &data);
        let (_, scoring) = score_alongside(set, Keep::Points, |sink| {
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
            assert_eq!(c.rating, e.rating.stored(), "{}", e.id);
            assert_eq!(c.rating_before_quota, e.rating_before_quota.stored());
            assert_eq!(
                c.rating_before_downgrade,
                e.rating_before_downgrade.stored()
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

    /// A unit re-scored from the store's kept values is the unit as the
    /// scorer gives it straight from the data, scored against the set's
    /// references worked out from the data apart (units not considered
    /// outside every scope), with its standing added.
    #[test]
    fn detail_from_kept_values_is_the_unit_scored_from_its_data() {
        let relative = crate::load::parse_criteria("t.toml", RELATIVE).expect("a valid set");
        let cases = [
            shipped::repeated_example("cong-an-phuong-kieu-mau", "cua-lo-2023.csv", 3),
            shipped::repeated_example("thi-dua-cuoi-nam", "thi-dua-2023.csv", 3),
            shipped::repeated_example("an-toan-antt", "an-toan-2023.csv", 3),
            // Targets within clusters, a unit not considered, downgrades.
            shipped::repeated_example("thi-dua-cuoi-nam", "thi-dua-binh-xet.csv", 2),
            (relative, relative_rows()),
        ];
        for (set, csv) in cases {
            let set_id = set.id.clone();
            let data = read_data(&set, "t.csv", csv.as_bytes(), &ReadOptions::default())
                .expect("valid data");
            let eval =
                rank_dataset(&set, &data, Keep::Values, &VietnameseOrder::new()).expect("scores");
            let references = relative::references(
                &set,
                data.units.iter().map(|u| u.view()).enumerate(),
                &relative::considered(&set),
            );
            assert_eq!(eval.references, references, "{set_id}");
            let mut scorer = Scorer::new(&set).with_references(references);
            let mut detail = Detail::new(&set, &eval);
            let mut compared = 0;
            for u in &eval.units {
                let got = detail.unit(&eval, u).expect("scores").clone();
                let mut expected = scorer
                    .score(u.input_index(), data.units[u.input_index()].view())
                    .expect("scores")
                    .clone();
                expected.rank = u.rank;
                expected.cluster_rank = u.cluster_rank();
                expected.rating = set.stored_rating(u.rating);
                expected.rating_before_quota = set.stored_rating(u.rating_before_quota);
                expected.rating_before_downgrade = set.stored_rating(u.rating_before_downgrade);
                expected.tied_first = u.tied_first;
                compared += got
                    .criteria
                    .iter()
                    .filter(|c| c.reference.is_some())
                    .count();
                assert_eq!(got, expected, "{set_id} {}", got.id);
            }
            // A relative set is compared on its references, not around them.
            assert_eq!(set.is_relative(), compared > 0, "{set_id}");
            // Values are shown as written: their scale survives too.
            let shown = |e: &Evaluation| {
                e.units
                    .iter()
                    .flat_map(|u| u.criteria.iter().map(|c| format!("{:?}", c.value)))
                    .collect::<Vec<_>>()
            };
            let straight: Vec<UnitResult> = eval
                .units
                .iter()
                .map(|u| {
                    scorer
                        .score(u.input_index(), data.units[u.input_index()].view())
                        .expect("scores")
                        .clone()
                })
                .collect();
            let straight = Evaluation {
                full_max: eval.full_max,
                units: straight,
            };
            assert_eq!(
                shown(&super::full(&set, &eval).expect("scores")),
                shown(&straight)
            );
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
        let (mut a, mut b) = (
            CompactScoring::new(&set, Keep::Points),
            CompactScoring::new(&set, Keep::Points),
        );
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
        let outcome: Result<((), CompactScoring), &str> =
            score_alongside(&set, Keep::Points, |sink| {
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
