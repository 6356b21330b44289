//! Comparing results: several periods (or self-assessed vs appraised) on one
//! criteria set, or one data file under several versions of the rules.
//! Each version is ranked in the one result store and read once as it is
//! added ([`Collector`]); what the comparison keeps of it is a few figures
//! per unit, and criteria points only in the versions a unit's movers read
//! (its first and its last), so that memory holds one store at a time,
//! never a version's full results nor a row per unit, and barely grows
//! with the number of versions. Each unit is worked out again as a report
//! reads it.

use std::collections::HashMap;
use std::marker::PhantomData;

use rust_decimal::Decimal;

use super::ScoreOverflow;
use super::compact::Detail;
use super::explain::{next_rating_in_store, next_rating_kept};
use crate::exact;
use crate::model::{CompactEvaluation, CriteriaSet, Figure, Rule, Status, UnitResult, Value};

#[path = "compare_store.rs"]
mod store;

/// One column of a comparison: a label, the rules, and the units ranked
/// under them in the one result store. A store that keeps values
/// ([`crate::model::Keep::Values`]) is needed for a unit's criteria side by
/// side (`detail_unit`): they are re-scored from its values.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    pub label: &'a str,
    pub set: &'a CriteriaSet,
    pub eval: &'a CompactEvaluation,
}

/// A unit's figures in one version.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub score: Decimal,
    pub rank: u32,
    pub cluster_rank: Option<u32>,
    pub rating: String,
    pub rating_index: usize,
    pub met: u32,
    pub applicable: u32,
    /// The rating just above, and the score points it still needs.
    pub next: Option<super::explain::NextRating>,
    /// Not considered in this version: `rank` and `rating` mean nothing.
    pub excluded: bool,
}

/// A criterion whose points moved between the first and last version.
#[derive(Debug, Clone, PartialEq)]
pub struct Mover {
    pub criterion: String,
    pub title: String,
    pub before: Option<Decimal>,
    pub after: Option<Decimal>,
    pub change: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnitComparison {
    pub id: String,
    pub name: String,
    pub cluster: Option<String>,
    /// One entry per version; `None` where the unit is absent.
    pub figures: Vec<Option<Figures>>,
    /// Last minus first version the unit is in (when in two or more).
    pub score_change: Option<Decimal>,
    /// Places gained from first to last (positive = moved up).
    pub rank_change: Option<i64>,
    /// Ratings gained (positive = better), when the versions share ratings.
    pub rating_change: Option<i64>,
    /// Up to three criteria with the largest change in points.
    pub movers: Vec<Mover>,
}

/// One criterion of one unit in one version (for the unit view).
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionCell {
    pub value: Value,
    pub rule: Rule,
    pub unit: Option<String>,
    pub points: Decimal,
    pub max: Decimal,
    pub status: Status,
}

/// A criterion across versions, side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionRow {
    pub id: String,
    pub title: String,
    pub cells: Vec<Option<CriterionCell>>,
    /// Points gained from the unit's first version to its last, as
    /// [`Mover::change`] counts them (a criterion absent from one end
    /// counts 0 there; 0 for a unit in one version only); `None` when the
    /// criterion is in neither end.
    pub change: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// Units present in every version.
    pub in_all: usize,
    /// Units missing from at least one version.
    pub in_some: usize,
    pub rating_up: usize,
    pub rating_down: usize,
    pub rating_same: usize,
    /// Largest score gains and drops (id, name, change), at most five each.
    pub gains: Vec<(String, String, Decimal)>,
    pub drops: Vec<(String, String, Decimal)>,
}

#[derive(Debug, Clone)]
pub struct Comparison<'a> {
    pub labels: Vec<String>,
    /// Whether rating movements mean anything (same rating ids throughout).
    pub ratings_comparable: bool,
    /// In the last version's rank order; units absent from it follow.
    pub units: Compared<'a>,
    pub summary: Summary,
    /// With `--unit`: that unit's criteria side by side.
    pub detail: Option<(String, Vec<CriterionRow>)>,
    /// With `--lineage`: each new unit beside the old units it came from.
    pub lineage: Vec<super::lineage::MergedUnit>,
}

/// Every unit of a comparison, worked out as it is read from what the
/// comparison keeps of each version ([`Collector`]): a few figures per
/// unit and version, and criteria points only where the movers read them.
#[derive(Debug, Clone)]
pub struct Compared<'a> {
    sets: Vec<CriteriaSet>,
    ratings_comparable: bool,
    kept: store::Kept,
    /// The sets' lifetime, for the renderers' sake: what is kept is owned.
    _sets: PhantomData<&'a CriteriaSet>,
}

impl<'a> Compared<'a> {
    pub fn len(&self) -> usize {
        self.kept.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kept.units.len() == 0
    }

    /// Whether any unit is in a cluster.
    pub fn clustered(&self) -> bool {
        self.kept.units.clustered()
    }

    /// The units in order (the last version's ranking, then units only in
    /// earlier ones), each worked out as it is read: a unit comes with the
    /// latest version it is in.
    pub fn iter(&self) -> impl Iterator<Item = Result<UnitComparison, ScoreOverflow>> + '_ {
        let mut reader = Reader::new(self);
        let units = &self.kept.units;
        self.kept
            .columns
            .iter()
            .enumerate()
            .rev()
            .flat_map(move |(v, column)| {
                column.units().filter(move |&(i, g)| {
                    units.last(g) as usize == v && column.position(g) == Some(i)
                })
            })
            .map(move |(_, g)| Ok(reader.unit(g)))
    }

    /// Unit `id`, if any version has it.
    pub fn find(&self, id: &str) -> Result<Option<UnitComparison>, ScoreOverflow> {
        Ok(self.kept.units.find(id).map(|g| Reader::new(self).unit(g)))
    }

    /// Whether a version before the last has unit `id`.
    pub fn in_earlier(&self, id: &str) -> bool {
        self.kept
            .units
            .find(id)
            .is_some_and(|g| (self.kept.units.first(g) as usize) + 1 < self.sets.len())
    }

    /// Whether the last version has unit `id`.
    pub fn in_last(&self, id: &str) -> bool {
        self.kept
            .units
            .find(id)
            .is_some_and(|g| (self.kept.units.last(g) as usize) + 1 == self.sets.len())
    }

    /// Whether the comparison keeps unit `id`'s criteria points in
    /// version `v` (its first and its last only).
    #[cfg(test)]
    fn keeps_points(&self, v: usize, id: &str) -> bool {
        let mut read = Vec::new();
        if let Some((column, g)) = self.kept.columns.get(v).zip(self.kept.units.find(id))
            && let Some(i) = column.position(g)
        {
            column.points(i, &mut read);
        }
        !read.is_empty()
    }

    /// Unit `g`'s figures in version `v`, where it is in it.
    fn figures(&self, v: usize, g: u32) -> Option<Figures> {
        let (set, column) = (self.sets.get(v)?, self.kept.columns.get(v)?);
        let s = column.standing(column.position(g)?)?;
        let rating = set.stored_rating(s.rating);
        Some(Figures {
            score: s.score,
            rank: s.rank,
            cluster_rank: s.cluster_rank,
            rating: set.rating(rating).id.clone(),
            rating_index: rating.position(),
            met: s.met,
            applicable: s.applicable,
            next: next_rating_kept(
                set,
                (!s.excluded).then_some(rating),
                s.unfloored,
                s.by_quota,
                s.by_downgrade,
            ),
            excluded: s.excluded,
        })
    }

    /// The units of the last version in its ranking order: id, name and
    /// figures there.
    pub(super) fn last_units(&self) -> impl Iterator<Item = (&str, &str, Option<Figures>)> + '_ {
        let last = self.sets.len().saturating_sub(1);
        let units = &self.kept.units;
        self.kept
            .columns
            .get(last)
            .into_iter()
            .flat_map(|c| c.units())
            .map(move |(_, g)| (units.id(g), units.name(g), self.figures(last, g)))
    }

    /// Unit `id`'s name as the versions before the last name it (the
    /// latest that has it; empty when none), and its figures in each.
    pub(super) fn earlier(&self, id: &str) -> (String, Vec<Option<Figures>>) {
        let earlier = self.sets.len().saturating_sub(1);
        let Some(g) = self.kept.units.find(id) else {
            return (String::new(), vec![None; earlier]);
        };
        let figures: Vec<Option<Figures>> = (0..earlier).map(|v| self.figures(v, g)).collect();
        let name = if figures.iter().any(Option::is_some) {
            let last = store::index(earlier);
            self.kept.units.name_before(g, last).to_string()
        } else {
            String::new()
        };
        (name, figures)
    }
}

/// Works out units of a comparison one at a time.
struct Reader<'c, 'a> {
    compared: &'c Compared<'a>,
    /// Which criteria two versions' movers weigh, worked out once per pair.
    pairs: HashMap<(usize, usize), MoverCriteria<'c>>,
    /// The criteria points of the unit's first and last versions.
    points: (Vec<Option<Figure>>, Vec<Option<Figure>>),
}

impl<'c, 'a> Reader<'c, 'a> {
    fn new(compared: &'c Compared<'a>) -> Self {
        Reader {
            compared,
            pairs: HashMap::new(),
            points: (Vec::new(), Vec::new()),
        }
    }

    /// Unit `g` across every version.
    fn unit(&mut self, g: u32) -> UnitComparison {
        let c = self.compared;
        let (units, columns) = (&c.kept.units, &c.kept.columns);
        let figures: Vec<Option<Figures>> = (0..columns.len()).map(|v| c.figures(v, g)).collect();
        let present: Vec<usize> = (0..figures.len())
            .filter(|&i| figures[i].is_some())
            .collect();
        let standing = |v: usize| {
            let column = columns.get(v)?;
            column.standing(column.position(g)?)
        };
        let ends = match (present.first(), present.last()) {
            (Some(&a), Some(&b)) if a != b => standing(a).zip(standing(b)).map(|s| (a, b, s)),
            _ => None,
        };
        let (score_change, rank_change, rating_change, movers) = match ends {
            Some((a, b, (fa, fb))) => {
                // A unit not considered in either has no place to move from or to.
                let rank = |s: &store::Standing| (!s.excluded).then_some(s.rank);
                let rating = |s: &store::Standing| (!s.excluded).then_some(s.rating);
                let criteria = self
                    .pairs
                    .entry((a, b))
                    .or_insert_with(|| mover_criteria(&c.sets[a], &c.sets[b]));
                let (pa, pb) = &mut self.points;
                for (v, out) in [(a, &mut *pa), (b, &mut *pb)] {
                    let column = &columns[v];
                    match column.position(g) {
                        Some(i) => column.points(i, out),
                        None => out.clear(),
                    }
                }
                (
                    Some(exact::change(fa.score, fb.score)),
                    rank(&fa)
                        .zip(rank(&fb))
                        .map(|(x, y)| i64::from(x) - i64::from(y)),
                    if c.ratings_comparable {
                        rating(&fa)
                            .zip(rating(&fb))
                            .map(|(x, y)| i64::from(x) - i64::from(y))
                    } else {
                        None
                    },
                    movers(criteria, pa, pb),
                )
            }
            None => (None, None, None, Vec::new()),
        };
        UnitComparison {
            id: units.id(g).to_string(),
            name: units.name(g).to_string(),
            cluster: units.cluster(g).map(str::to_string),
            figures,
            score_change,
            rank_change,
            rating_change,
            movers,
        }
    }
}

/// The criteria whose points move between two versions, as the movers
/// list them: the later version's, then those only the earlier one has;
/// each with its place in either set.
type MoverCriteria<'a> = Vec<(&'a str, &'a str, Option<usize>, Option<usize>)>;

fn mover_criteria<'a>(set_a: &'a CriteriaSet, set_b: &'a CriteriaSet) -> MoverCriteria<'a> {
    let place = |set: &CriteriaSet, id: &str| set.criteria.iter().position(|c| c.id == id);
    let mut ids: MoverCriteria<'a> = set_b
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                c.id.as_str(),
                c.title.as_str(),
                place(set_a, &c.id),
                Some(i),
            )
        })
        .collect();
    for (i, c) in set_a.criteria.iter().enumerate() {
        if place(set_b, &c.id).is_none() {
            ids.push((&c.id, &c.title, Some(i), None));
        }
    }
    ids
}

/// A comparison made a version at a time: each version's store is read
/// once as it is added and can be dropped after, so that memory holds
/// one store and what the comparison keeps of the others, not every
/// version's store.
#[derive(Debug, Default)]
pub struct Collector {
    labels: Vec<String>,
    sets: Vec<CriteriaSet>,
    kept: store::Kept,
    /// The unit whose criteria are shown side by side, and its full
    /// result in each version added (`None` where absent).
    detail: Option<(String, Vec<Option<UnitResult>>)>,
    read: crate::model::Figures,
}

impl Collector {
    pub fn new() -> Self {
        Collector::default()
    }

    /// Shows unit `id`'s criteria side by side: it is kept in full from
    /// every version added after (before any, for every version),
    /// re-scored from the values their stores keep
    /// ([`crate::model::Keep::Values`]).
    pub fn detail(&mut self, id: &str) {
        self.detail = Some((id.to_string(), vec![None; self.sets.len()]));
    }

    /// Adds the next version: its units ranked in `eval` under `set`.
    pub fn add(
        &mut self,
        label: &str,
        set: &CriteriaSet,
        eval: &CompactEvaluation,
    ) -> Result<(), ScoreOverflow> {
        let mut detail = Detail::new(set, eval);
        if let Some((id, units)) = &mut self.detail {
            let found = eval.units.iter().find(|u| eval.store.id(u) == id.as_str());
            // A store of points has no values: the unit would come back
            // scored on missing values.
            debug_assert!(
                found.is_none() || eval.keeps_values(),
                "a unit's criteria side by side need a store that keeps values"
            );
            units.push(match found {
                Some(u) => Some(detail.unit(eval, u)?.clone()),
                None => None,
            });
        }
        self.labels.push(label.to_string());
        self.sets.push(set.clone());
        self.kept.columns.push(store::Column::new(
            set,
            eval.store.scale(),
            eval.units.len(),
        ));
        for u in &eval.units {
            let store = &eval.store;
            let g = self.kept.meet(store.id(u), store.name(u), store.cluster(u));
            detail.figures(eval, u, &mut self.read)?;
            let next = next_rating_in_store(set, eval, u);
            if let Some(column) = self.kept.columns.last_mut() {
                column.push(
                    g,
                    u,
                    next.as_ref(),
                    super::explain::unfloored_in_store(set, eval, u),
                    self.read.applicable,
                    &self.read.criteria,
                );
            }
        }
        self.kept.added();
        Ok(())
    }

    /// The comparison of the versions added.
    pub fn finish<'a>(mut self) -> Result<Comparison<'a>, ScoreOverflow> {
        self.kept.finish();
        let ratings_comparable = self.sets.windows(2).all(|w| {
            let ids = |s: &CriteriaSet| s.ratings.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
            ids(&w[0]) == ids(&w[1])
        });
        let detail = match self.detail {
            Some((id, units)) if self.kept.units.find(&id).is_some() => {
                let rows = detail(&self.sets, &units);
                Some((id, rows))
            }
            _ => None,
        };
        let units = Compared {
            sets: self.sets,
            ratings_comparable,
            kept: self.kept,
            _sets: PhantomData,
        };
        // Read once for the summary; the renderers read the units again.
        let mut summary = Summariser::new(units.sets.len());
        for u in units.iter() {
            summary.add(&u?);
        }
        Ok(Comparison {
            labels: self.labels,
            ratings_comparable,
            units,
            summary: summary.finish(),
            detail,
            lineage: Vec::new(),
        })
    }
}

/// Compares the versions unit by unit (matched on id). `detail_unit` (an
/// id) adds that unit's criteria side by side, re-scored from the values
/// its stores keep.
pub fn compare<'a>(
    versions: &[Version<'a>],
    detail_unit: Option<&str>,
) -> Result<Comparison<'a>, ScoreOverflow> {
    let mut collector = Collector::new();
    if let Some(id) = detail_unit {
        collector.detail(id);
    }
    for v in versions {
        collector.add(v.label, v.set, v.eval)?;
    }
    collector.finish()
}

/// Up to three criteria whose points moved most between the unit's first
/// version (`a`) and its last (`b`), from the figures each column read last.
fn movers(criteria: &MoverCriteria<'_>, a: &[Option<Figure>], b: &[Option<Figure>]) -> Vec<Mover> {
    // Criterion `i`'s points (0 where N/A, as the scorer counts it).
    let points = |read: &[Option<Figure>], i: usize| {
        read.get(i)
            .map(|p| p.map_or(Decimal::ZERO, Figure::to_decimal))
    };
    let mut list: Vec<Mover> = criteria
        .iter()
        .filter_map(|&(id, title, in_a, in_b)| {
            let before = in_a.and_then(|i| points(a, i));
            let after = in_b.and_then(|i| points(b, i));
            let change = criterion_change(before, after).unwrap_or_default();
            (!change.is_zero()).then(|| Mover {
                criterion: id.to_string(),
                title: title.to_string(),
                before,
                after,
                change,
            })
        })
        .collect();
    list.sort_by(|x, y| {
        y.change
            .abs()
            .cmp(&x.change.abs())
            .then_with(|| x.criterion.cmp(&y.criterion))
    });
    list.truncate(3);
    list
}

/// The summary of a comparison, counted unit by unit.
pub(crate) struct Summariser {
    versions: usize,
    summary: Summary,
    changes: Vec<(String, String, Decimal)>,
}

impl Summariser {
    pub(crate) fn new(versions: usize) -> Self {
        Summariser {
            versions,
            summary: Summary::default(),
            changes: Vec::new(),
        }
    }

    pub(crate) fn add(&mut self, u: &UnitComparison) {
        let s = &mut self.summary;
        if u.figures.iter().filter(|f| f.is_some()).count() == self.versions {
            s.in_all += 1;
        } else {
            s.in_some += 1;
        }
        match u.rating_change {
            Some(c) if c > 0 => s.rating_up += 1,
            Some(c) if c < 0 => s.rating_down += 1,
            Some(_) => s.rating_same += 1,
            None => {}
        }
        if let Some(c) = u.score_change {
            self.changes.push((u.id.clone(), u.name.clone(), c));
        }
    }

    pub(crate) fn finish(self) -> Summary {
        let (mut s, mut changes) = (self.summary, self.changes);
        changes.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        s.gains = changes
            .iter()
            .filter(|c| c.2 > Decimal::ZERO)
            .take(5)
            .cloned()
            .collect();
        s.drops = changes
            .iter()
            .rev()
            .filter(|c| c.2 < Decimal::ZERO)
            .take(5)
            .cloned()
            .collect();
        s
    }
}

/// How a criterion's points changed between two versions of a unit: the
/// one rule for the movers and the detail. A criterion absent from one
/// version (a rule version that added or dropped it) counts 0 there;
/// `None` when it is in neither.
fn criterion_change(before: Option<Decimal>, after: Option<Decimal>) -> Option<Decimal> {
    if before.is_none() && after.is_none() {
        return None;
    }
    Some(exact::change(
        before.unwrap_or_default(),
        after.unwrap_or_default(),
    ))
}

/// Unit `id`'s criteria side by side, each version's re-scored from the
/// values its store keeps.
fn detail(sets: &[CriteriaSet], results: &[Option<UnitResult>]) -> Vec<CriterionRow> {
    let mut ids: Vec<(&str, &str)> = Vec::new();
    for set in sets {
        for c in &set.criteria {
            if !ids.iter().any(|(id, _)| *id == c.id) {
                ids.push((&c.id, &c.title));
            }
        }
    }
    // The first and last versions the unit is in, as for its movers.
    let present: Vec<usize> = (0..results.len())
        .filter(|&i| results[i].is_some())
        .collect();
    let ends = present.first().zip(present.last());
    ids.into_iter()
        .map(|(id, title)| {
            let cells = sets
                .iter()
                .zip(results)
                .map(|(set, u)| {
                    let u = u.as_ref()?;
                    let i = set.criteria.iter().position(|c| c.id == id)?;
                    let (c, r) = (&set.criteria[i], u.criteria.get(i)?);
                    Some(CriterionCell {
                        value: r.value,
                        rule: c.rule.clone(),
                        unit: c.unit.clone(),
                        points: r.points,
                        max: r.max,
                        status: r.status,
                    })
                })
                .collect::<Vec<Option<CriterionCell>>>();
            let points = |i: usize| cells[i].as_ref().map(|c| c.points);
            let change = ends.and_then(|(&a, &b)| criterion_change(points(a), points(b)));
            CriterionRow {
                id: id.to_string(),
                title: title.to_string(),
                cells,
                change,
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "compare_tests.rs"]
mod tests;
