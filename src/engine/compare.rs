//! Comparing results: several periods (or self-assessed vs appraised) on one
//! criteria set, or one data file under several versions of the rules.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::explain::explain;
use crate::exact;
use crate::model::{CriteriaSet, Evaluation, Rule, Status, UnitResult, Value};

/// One column of a comparison: a label, the rules and their results.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    pub label: &'a str,
    pub set: &'a CriteriaSet,
    pub eval: &'a Evaluation,
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

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub labels: Vec<String>,
    /// Whether rating movements mean anything (same rating ids throughout).
    pub ratings_comparable: bool,
    /// In the last version's rank order; units absent from it follow.
    pub units: Vec<UnitComparison>,
    pub summary: Summary,
    /// With `--unit`: that unit's criteria side by side.
    pub detail: Option<(String, Vec<CriterionRow>)>,
    /// With `--lineage`: each new unit beside the old units it came from.
    pub lineage: Vec<super::lineage::MergedUnit>,
}

pub(crate) fn figures(set: &CriteriaSet, u: &UnitResult) -> Figures {
    let e = explain(set, u);
    Figures {
        score: u.score,
        rank: u.rank,
        cluster_rank: u.cluster_rank,
        rating: set.rating(u.rating).id.clone(),
        rating_index: u.rating.position(),
        met: u.met,
        applicable: u.applicable,
        next: e.next_rating(set),
        excluded: u.is_excluded(),
    }
}

/// Compares the versions unit by unit (matched on id). `detail_unit` (an
/// id) adds that unit's criteria side by side.
pub fn compare(versions: &[Version<'_>], detail_unit: Option<&str>) -> Comparison {
    let labels = versions.iter().map(|v| v.label.to_string()).collect();
    let ratings_comparable = versions.windows(2).all(|w| {
        let ids = |s: &CriteriaSet| s.ratings.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        ids(w[0].set) == ids(w[1].set)
    });
    let lookups: Vec<HashMap<&str, &UnitResult>> = versions
        .iter()
        .map(|v| v.eval.units.iter().map(|u| (u.id.as_str(), u)).collect())
        .collect();
    // Order: the last version's ranking, then units only in earlier ones.
    let mut order: Vec<&UnitResult> = Vec::new();
    let mut seen: HashMap<&str, ()> = HashMap::new();
    for v in versions.iter().rev() {
        for u in &v.eval.units {
            if seen.insert(u.id.as_str(), ()).is_none() {
                order.push(u);
            }
        }
    }
    let units: Vec<UnitComparison> = order
        .iter()
        .map(|first_seen| {
            let id = first_seen.id.as_str();
            let per: Vec<Option<&UnitResult>> =
                lookups.iter().map(|l| l.get(id).copied()).collect();
            let figures: Vec<Option<Figures>> = versions
                .iter()
                .zip(&per)
                .map(|(v, u)| u.map(|u| figures(v.set, u)))
                .collect();
            let present: Vec<usize> = (0..versions.len()).filter(|&i| per[i].is_some()).collect();
            let ends = match (present.first(), present.last()) {
                (Some(&a), Some(&b)) if a != b => Some((a, b)),
                _ => None,
            };
            let (score_change, rank_change, rating_change, movers) = match ends {
                Some((a, b)) => {
                    let (ua, ub) = (per[a].map(|u| u.score), per[b].map(|u| u.score));
                    // A unit not considered in either has no place to move from or to.
                    let rank = |u: Option<&UnitResult>| u.and_then(UnitResult::ranked);
                    let rating = |u: Option<&UnitResult>| u.and_then(UnitResult::rated);
                    let (ra, rb) = (rank(per[a]), rank(per[b]));
                    let (ia, ib) = (rating(per[a]), rating(per[b]));
                    (
                        ua.zip(ub).map(|(x, y)| exact::change(x, y)),
                        ra.zip(rb).map(|(x, y)| i64::from(x) - i64::from(y)),
                        if ratings_comparable {
                            ia.zip(ib)
                                .map(|(x, y)| i64::from(x.stored()) - i64::from(y.stored()))
                        } else {
                            None
                        },
                        movers(versions[a].set, per[a], versions[b].set, per[b]),
                    )
                }
                None => (None, None, None, Vec::new()),
            };
            UnitComparison {
                id: first_seen.id.clone(),
                name: first_seen.name.clone(),
                cluster: first_seen.cluster.clone(),
                figures,
                score_change,
                rank_change,
                rating_change,
                movers,
            }
        })
        .collect();
    let summary = summarise(&units, versions.len());
    let detail = detail_unit.and_then(|id| detail(versions, &units, id));
    Comparison {
        labels,
        ratings_comparable,
        units,
        summary,
        detail,
        lineage: Vec::new(),
    }
}

fn movers(
    set_a: &CriteriaSet,
    a: Option<&UnitResult>,
    set_b: &CriteriaSet,
    b: Option<&UnitResult>,
) -> Vec<Mover> {
    let (Some(a), Some(b)) = (a, b) else {
        return Vec::new();
    };
    let points = |set: &CriteriaSet, u: &UnitResult, id: &str| {
        set.criteria
            .iter()
            .position(|c| c.id == id)
            .map(|i| u.criteria[i].points)
    };
    let mut ids: Vec<(&str, &str)> = set_b
        .criteria
        .iter()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    for c in &set_a.criteria {
        if !ids.iter().any(|(id, _)| *id == c.id) {
            ids.push((&c.id, &c.title));
        }
    }
    let mut list: Vec<Mover> = ids
        .into_iter()
        .filter_map(|(id, title)| {
            let (before, after) = (points(set_a, a, id), points(set_b, b, id));
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

fn summarise(units: &[UnitComparison], versions: usize) -> Summary {
    let mut s = Summary::default();
    for u in units {
        if u.figures.iter().filter(|f| f.is_some()).count() == versions {
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
    }
    let mut changes: Vec<(String, String, Decimal)> = units
        .iter()
        .filter_map(|u| u.score_change.map(|c| (u.id.clone(), u.name.clone(), c)))
        .collect();
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

fn detail(
    versions: &[Version<'_>],
    units: &[UnitComparison],
    id: &str,
) -> Option<(String, Vec<CriterionRow>)> {
    let unit = units.iter().find(|u| u.id == id)?;
    // The first and last versions the unit is in, as for its movers.
    let present: Vec<usize> = (0..versions.len())
        .filter(|&i| versions[i].eval.units.iter().any(|u| u.id == unit.id))
        .collect();
    let ends = present.first().zip(present.last());
    let mut ids: Vec<(String, String)> = Vec::new();
    for v in versions {
        for c in &v.set.criteria {
            if !ids.iter().any(|(id, _)| *id == c.id) {
                ids.push((c.id.clone(), c.title.clone()));
            }
        }
    }
    let rows = ids
        .into_iter()
        .map(|(id, title)| {
            let cells = versions
                .iter()
                .map(|v| {
                    let u = v.eval.units.iter().find(|u| u.id == unit.id)?;
                    let i = v.set.criteria.iter().position(|c| c.id == id)?;
                    let (c, r) = (&v.set.criteria[i], &u.criteria[i]);
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
                id,
                title,
                cells,
                change,
            }
        })
        .collect();
    Some((unit.id.clone(), rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collate::VietnameseOrder;

    fn set(with_k2: bool) -> CriteriaSet {
        let k2 = if with_k2 {
            "[[criteria]]\nid = \"K2\"\ntitle = \"k2\"\nindicator = \"b\"\npoints = 5\nrule = \"direct\"\n"
        } else {
            ""
        };
        let toml = format!(
            "format = 1\n[set]\nid = \"x\"\ntitle = \"x\"\n[columns]\nid = \"ma\"\nname = \"ten\"\n\
             [[criteria]]\nid = \"K1\"\ntitle = \"k1\"\nindicator = \"a\"\npoints = 5\nrule = \"direct\"\n\
             {k2}[[ratings]]\nid = \"R\"\ntitle = \"r\"\n"
        );
        crate::load::parse_criteria("x.toml", &toml).expect("the set loads")
    }

    fn evaluated(set: &CriteriaSet, csv: &str) -> Evaluation {
        let options = crate::load::data::ReadOptions::default();
        let data = crate::load::data::read_data(set, "x.csv", csv.as_bytes(), &options)
            .expect("the data loads");
        super::super::evaluate(set, &data, &VietnameseOrder::new()).expect("scores")
    }

    /// A criterion the first version does not have (a rule version that
    /// added it) counts 0 there, in the movers and in the detail alike:
    /// 0 → 1 → 3 is a change of 3, not 2 (from its first appearance).
    #[test]
    fn a_criterion_missing_from_the_first_version_changes_the_same_everywhere() {
        let (old, new) = (set(false), set(true));
        let evals = [
            evaluated(&old, "ma,ten,a\nU1,One,2\n"),
            evaluated(&new, "ma,ten,a,b\nU1,One,2,1\n"),
            evaluated(&new, "ma,ten,a,b\nU1,One,3,3\n"),
        ];
        let versions = [
            Version {
                label: "v1",
                set: &old,
                eval: &evals[0],
            },
            Version {
                label: "v2",
                set: &new,
                eval: &evals[1],
            },
            Version {
                label: "v3",
                set: &new,
                eval: &evals[2],
            },
        ];
        let c = compare(&versions, Some("U1"));
        let unit = &c.units[0];
        let moved = |id: &str| {
            unit.movers
                .iter()
                .find(|m| m.criterion == id)
                .map(|m| m.change)
        };
        let (_, rows) = c.detail.as_ref().expect("the unit's detail");
        let row = |id: &str| rows.iter().find(|r| r.id == id).and_then(|r| r.change);
        assert_eq!(moved("K2"), Some(Decimal::from(3)));
        assert_eq!(row("K2"), Some(Decimal::from(3)));
        assert_eq!(moved("K1"), Some(Decimal::ONE));
        assert_eq!(row("K1"), Some(Decimal::ONE));
        // The score moved by their sum.
        assert_eq!(unit.score_change, Some(Decimal::from(4)));
    }

    /// A unit in one version only has nothing to compare: no movers, and
    /// its detail shows no change.
    #[test]
    fn a_unit_in_one_version_has_no_change() {
        let new = set(true);
        let evals = [
            evaluated(&new, "ma,ten,a,b\nU1,One,2,1\n"),
            evaluated(&new, "ma,ten,a,b\nU2,Two,3,3\n"),
        ];
        let versions = [
            Version {
                label: "v1",
                set: &new,
                eval: &evals[0],
            },
            Version {
                label: "v2",
                set: &new,
                eval: &evals[1],
            },
        ];
        let c = compare(&versions, Some("U1"));
        let unit = c.units.iter().find(|u| u.id == "U1").expect("U1");
        assert!(unit.movers.is_empty());
        assert_eq!(unit.score_change, None);
        let (_, rows) = c.detail.as_ref().expect("the unit's detail");
        assert!(
            rows.iter().all(|r| r.change == Some(Decimal::ZERO)),
            "{rows:?}"
        );
    }
}
