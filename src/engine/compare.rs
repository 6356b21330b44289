//! Comparing results: several periods (or self-assessed vs appraised) on one
//! criteria set, or one data file under several versions of the rules.
//! Each version is ranked in the one result store; the comparison reads
//! every store a unit at a time, and works each unit out again as a report
//! reads it, so memory holds the stores and the summary, never a version's
//! full results nor a row per unit.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::ScoreOverflow;
use super::compact::Detail;
use super::explain::next_rating_in_store;
use crate::exact;
use crate::model::{
    CompactEvaluation, CompactUnit, CriteriaSet, Figure, Rule, Status, UnitResult, Value,
};

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

/// Every unit of a comparison, worked out from the versions' stores one
/// at a time as it is read, so that memory holds the stores, never a row
/// per unit.
#[derive(Debug, Clone)]
pub struct Compared<'a> {
    versions: Vec<Version<'a>>,
    ratings_comparable: bool,
    /// Each unit in the version it is met first, in the comparison's order.
    order: Vec<(usize, &'a CompactUnit)>,
}

impl<'a> Compared<'a> {
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Whether any unit is in a cluster.
    pub fn clustered(&self) -> bool {
        self.order
            .iter()
            .any(|&(v, u)| self.versions[v].eval.store.cluster(u).is_some())
    }

    /// The units in order, each worked out as it is read.
    pub fn iter(&self) -> impl Iterator<Item = Result<UnitComparison, ScoreOverflow>> + '_ {
        let mut reader = Reader::new(&self.versions, self.ratings_comparable);
        self.order.iter().map(move |&(v, u)| reader.unit(v, u))
    }

    /// Unit `id`, if any version has it.
    pub fn find(&self, id: &str) -> Result<Option<UnitComparison>, ScoreOverflow> {
        let Some(&(v, u)) = self
            .order
            .iter()
            .find(|&&(v, u)| self.versions[v].eval.store.id(u) == id)
        else {
            return Ok(None);
        };
        Reader::new(&self.versions, self.ratings_comparable)
            .unit(v, u)
            .map(Some)
    }
}

/// Works out units of a comparison one at a time, reading every version's
/// column.
struct Reader<'v, 'a> {
    versions: &'v [Version<'a>],
    ratings_comparable: bool,
    columns: Vec<Column<'a>>,
    /// Which criteria two versions' movers weigh, worked out once per pair.
    pairs: HashMap<(usize, usize), MoverCriteria<'a>>,
}

impl<'v, 'a> Reader<'v, 'a> {
    fn new(versions: &'v [Version<'a>], ratings_comparable: bool) -> Self {
        Reader {
            versions,
            ratings_comparable,
            columns: columns(versions),
            pairs: HashMap::new(),
        }
    }

    /// `first_seen`, met first in version `v`, across every version.
    fn unit(
        &mut self,
        v: usize,
        first_seen: &CompactUnit,
    ) -> Result<UnitComparison, ScoreOverflow> {
        let versions = self.versions;
        let store = &versions[v].eval.store;
        let id = store.id(first_seen);
        let columns = &mut self.columns;
        let per: Vec<Option<&CompactUnit>> = columns.iter().map(|c| c.find(id)).collect();
        let figures: Vec<Option<Figures>> = columns
            .iter_mut()
            .zip(&per)
            .map(|(column, u)| u.map(|u| column.figures(u)).transpose())
            .collect::<Result<_, _>>()?;
        let present: Vec<usize> = (0..versions.len()).filter(|&i| per[i].is_some()).collect();
        let ends = match (present.first(), present.last()) {
            (Some(&a), Some(&b)) if a != b => Some((a, b)),
            _ => None,
        };
        let (score_change, rank_change, rating_change, movers) = match ends {
            Some((a, b)) => {
                let (ua, ub) = (per[a].map(|u| u.score), per[b].map(|u| u.score));
                // A unit not considered in either has no place to move from or to.
                let rank = |u: Option<&CompactUnit>| u.filter(|u| !u.is_excluded()).map(|u| u.rank);
                let rating =
                    |u: Option<&CompactUnit>| u.filter(|u| !u.is_excluded()).map(|u| u.rating);
                let (ra, rb) = (rank(per[a]), rank(per[b]));
                let (ia, ib) = (rating(per[a]), rating(per[b]));
                let criteria = self
                    .pairs
                    .entry((a, b))
                    .or_insert_with(|| mover_criteria(versions[a].set, versions[b].set));
                (
                    ua.zip(ub).map(|(x, y)| exact::change(x, y)),
                    ra.zip(rb).map(|(x, y)| i64::from(x) - i64::from(y)),
                    if self.ratings_comparable {
                        ia.zip(ib).map(|(x, y)| i64::from(x) - i64::from(y))
                    } else {
                        None
                    },
                    movers(criteria, &columns[a], &columns[b]),
                )
            }
            None => (None, None, None, Vec::new()),
        };
        Ok(UnitComparison {
            id: id.to_string(),
            name: store.name(first_seen).to_string(),
            cluster: store.cluster(first_seen).map(str::to_string),
            figures,
            score_change,
            rank_change,
            rating_change,
            movers,
        })
    }
}

/// One version's units as a comparison reads them: found by id, their
/// figures decoded (or re-scored, from a store that keeps values) one unit
/// at a time into buffers used again for the next.
pub(crate) struct Column<'a> {
    version: Version<'a>,
    by_id: HashMap<&'a str, &'a CompactUnit>,
    detail: Detail<'a>,
    /// The figures of the unit read last.
    read: crate::model::Figures,
}

impl<'a> Column<'a> {
    pub(crate) fn new(version: Version<'a>) -> Self {
        let eval = version.eval;
        Column {
            version,
            by_id: eval.units.iter().map(|u| (eval.store.id(u), u)).collect(),
            detail: Detail::new(version.set, eval),
            read: crate::model::Figures::default(),
        }
    }

    pub(crate) fn find(&self, id: &str) -> Option<&'a CompactUnit> {
        self.by_id.get(id).copied()
    }

    pub(crate) fn name(&self, u: &CompactUnit) -> &'a str {
        self.version.eval.store.name(u)
    }

    /// Unit `u`'s figures; its criteria's points stay readable
    /// ([`Column::points`]) until the next unit is read.
    pub(crate) fn figures(&mut self, u: &CompactUnit) -> Result<Figures, ScoreOverflow> {
        let set = self.version.set;
        self.detail.figures(self.version.eval, u, &mut self.read)?;
        let rating = set.stored_rating(u.rating);
        Ok(Figures {
            score: u.score,
            rank: u.rank,
            cluster_rank: u.cluster_rank(),
            rating: set.rating(rating).id.clone(),
            rating_index: rating.position(),
            met: u.met,
            applicable: self.read.applicable,
            next: next_rating_in_store(set, u),
            excluded: u.is_excluded(),
        })
    }

    /// Criterion `i`'s points in the unit read last (0 where N/A, as the
    /// scorer counts it).
    fn points(&self, i: usize) -> Option<Decimal> {
        self.read
            .criteria
            .get(i)
            .map(|p| p.map_or(Decimal::ZERO, Figure::to_decimal))
    }

    /// Unit `u` in full, re-scored from the values its store keeps.
    fn unit(&mut self, u: &CompactUnit) -> Result<&UnitResult, ScoreOverflow> {
        // A store of points has no values: the unit would come back
        // scored on missing values.
        debug_assert!(
            self.version.eval.keeps_values(),
            "a unit's criteria side by side need a store that keeps values"
        );
        self.detail.unit(self.version.eval, u)
    }
}

/// A column per version.
pub(crate) fn columns<'a>(versions: &[Version<'a>]) -> Vec<Column<'a>> {
    versions.iter().map(|&v| Column::new(v)).collect()
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

/// Compares the versions unit by unit (matched on id). `detail_unit` (an
/// id) adds that unit's criteria side by side, re-scored from the values
/// its stores keep.
pub fn compare<'a>(
    versions: &[Version<'a>],
    detail_unit: Option<&str>,
) -> Result<Comparison<'a>, ScoreOverflow> {
    let labels = versions.iter().map(|v| v.label.to_string()).collect();
    let ratings_comparable = versions.windows(2).all(|w| {
        let ids = |s: &CriteriaSet| s.ratings.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        ids(w[0].set) == ids(w[1].set)
    });
    // Order: the last version's ranking, then units only in earlier ones.
    let mut seen: HashSet<&str> = HashSet::new();
    let mut order = Vec::new();
    for (i, v) in versions.iter().enumerate().rev() {
        for u in &v.eval.units {
            if seen.insert(v.eval.store.id(u)) {
                order.push((i, u));
            }
        }
    }
    let units = Compared {
        versions: versions.to_vec(),
        ratings_comparable,
        order,
    };
    // Read once for the summary; the renderers read the units again.
    let mut summary = Summariser::new(versions.len());
    for u in units.iter() {
        summary.add(&u?);
    }
    let detail = match detail_unit {
        Some(id) if seen.contains(id) => {
            Some((id.to_string(), detail(&mut columns(versions), id)?))
        }
        _ => None,
    };
    Ok(Comparison {
        labels,
        ratings_comparable,
        units,
        summary: summary.finish(),
        detail,
        lineage: Vec::new(),
    })
}

/// Up to three criteria whose points moved most between the unit's first
/// version (`a`) and its last (`b`), from the figures each column read last.
fn movers(criteria: &MoverCriteria<'_>, a: &Column<'_>, b: &Column<'_>) -> Vec<Mover> {
    let mut list: Vec<Mover> = criteria
        .iter()
        .filter_map(|&(id, title, in_a, in_b)| {
            let before = in_a.and_then(|i| a.points(i));
            let after = in_b.and_then(|i| b.points(i));
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
fn detail(columns: &mut [Column<'_>], id: &str) -> Result<Vec<CriterionRow>, ScoreOverflow> {
    let mut ids: Vec<(&str, &str)> = Vec::new();
    for column in columns.iter() {
        for c in &column.version.set.criteria {
            if !ids.iter().any(|(id, _)| *id == c.id) {
                ids.push((&c.id, &c.title));
            }
        }
    }
    // The unit in full in each version it is in.
    let results: Vec<Option<UnitResult>> = columns
        .iter_mut()
        .map(|column| match column.find(id) {
            Some(u) => column.unit(u).map(|r| Some(r.clone())),
            None => Ok(None),
        })
        .collect::<Result<_, _>>()?;
    // The first and last versions the unit is in, as for its movers.
    let present: Vec<usize> = (0..results.len())
        .filter(|&i| results[i].is_some())
        .collect();
    let ends = present.first().zip(present.last());
    let rows = ids
        .into_iter()
        .map(|(id, title)| {
            let cells = columns
                .iter()
                .zip(&results)
                .map(|(column, u)| {
                    let u = u.as_ref()?;
                    let set = column.version.set;
                    let i = set.criteria.iter().position(|c| c.id == id)?;
                    let (c, r) = (&set.criteria[i], &u.criteria[i]);
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
        .collect();
    Ok(rows)
}

#[cfg(test)]
#[path = "compare_tests.rs"]
mod tests;
