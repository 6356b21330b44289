//! A comparison as JSON, written unit by unit straight from the
//! comparison: no document is built in memory first, so the output can be
//! far larger than what the run holds. The keys and their order are those
//! of schema_version 1.

use std::io::Write;

use rust_decimal::Decimal;
use serde::Serialize;
use serde::ser::SerializeMap;

use super::json::{SCHEMA_VERSION, SetInfo, set_info};
use super::words::{self, num};
use crate::engine::compare::{Comparison, CriterionRow, Figures, UnitComparison};
use crate::engine::explain::NextRating;
use crate::engine::lineage::MergedUnit;
use crate::model::CriteriaSet;

/// Writes `c` as one pretty-printed JSON document (no final line break).
pub(super) fn write_comparison(
    set: &CriteriaSet,
    c: &Comparison<'_>,
    stamp: &super::Stamp,
    out: &mut dyn Write,
) -> serde_json::Result<()> {
    let doc = ComparisonJson {
        schema_version: SCHEMA_VERSION,
        set: set_info(set),
        labels: &c.labels,
        ratings_comparable: c.ratings_comparable,
        summary: SummaryJson {
            in_all: c.summary.in_all,
            in_some: c.summary.in_some,
            rating_up: c.summary.rating_up,
            rating_down: c.summary.rating_down,
            rating_same: c.summary.rating_same,
            biggest_gains: Each(&c.summary.gains, change_json),
            biggest_drops: Each(&c.summary.drops, change_json),
        },
        units: Units(&c.units),
        detail: c.detail.as_ref().map(|(id, rows)| DetailJson {
            id,
            criteria: Each(rows, criterion_json),
        }),
        stamp,
        // Only with --lineage, so every other comparison is unchanged.
        lineage: (!c.lineage.is_empty()).then_some(Each(&c.lineage, merged_json)),
    };
    doc.serialize(&mut serde_json::Serializer::pretty(out))
}

/// A list written item by item, each turned into its JSON shape only as
/// it is written.
pub(super) struct Each<'a, T, J>(pub(super) &'a [T], pub(super) fn(&'a T) -> J);

impl<'a, T, J: Serialize> Serialize for Each<'a, T, J> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(self.1))
    }
}

/// The units, each worked out from the stores as it is written.
struct Units<'c, 'a>(&'c crate::engine::compare::Compared<'a>);

impl Serialize for Units<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for u in self.0.iter() {
            // The comparison read every unit once already: an overflow
            // here would have refused it then.
            let u = u.map_err(S::Error::custom)?;
            seq.serialize_element(&unit_json(&u))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct ComparisonJson<'a> {
    schema_version: u32,
    set: SetInfo<'a>,
    labels: &'a [String],
    ratings_comparable: bool,
    summary: SummaryJson<'a>,
    units: Units<'a, 'a>,
    detail: Option<DetailJson<'a>>,
    stamp: &'a super::Stamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    lineage: Option<Each<'a, MergedUnit, MergedJson<'a>>>,
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    in_all: usize,
    in_some: usize,
    rating_up: usize,
    rating_down: usize,
    rating_same: usize,
    biggest_gains: Each<'a, (String, String, Decimal), ChangeJson<'a>>,
    biggest_drops: Each<'a, (String, String, Decimal), ChangeJson<'a>>,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    id: &'a str,
    name: &'a str,
    change: String,
}

fn change_json((id, name, change): &(String, String, Decimal)) -> ChangeJson<'_> {
    ChangeJson {
        id,
        name,
        change: num(*change),
    }
}

#[derive(Serialize)]
struct UnitJson<'a> {
    id: &'a str,
    name: &'a str,
    cluster: Option<&'a str>,
    versions: Each<'a, Option<Figures>, Option<FiguresJson<'a>>>,
    score_change: Option<String>,
    rank_change: Option<i64>,
    rating_change: Option<i64>,
    criteria_moved: Each<'a, crate::engine::compare::Mover, MoverJson<'a>>,
}

fn unit_json(u: &UnitComparison) -> UnitJson<'_> {
    UnitJson {
        id: &u.id,
        name: &u.name,
        cluster: u.cluster.as_deref(),
        versions: Each(&u.figures, |f| f.as_ref().map(figures_json)),
        score_change: u.score_change.map(num),
        rank_change: u.rank_change,
        rating_change: u.rating_change,
        criteria_moved: Each(&u.movers, |m| MoverJson {
            id: &m.criterion,
            before: m.before.map(num),
            after: m.after.map(num),
            change: num(m.change),
        }),
    }
}

#[derive(Serialize)]
struct MoverJson<'a> {
    id: &'a str,
    before: Option<String>,
    after: Option<String>,
    change: String,
}

/// A unit's figures in one version; a unit not considered has no rank
/// and no rating.
#[derive(Serialize)]
struct FiguresJson<'a> {
    score: String,
    rank: Option<u32>,
    cluster_rank: Option<u32>,
    rating: Option<&'a str>,
    met: u32,
    applicable: u32,
    next_rating: Option<NextJson<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    excluded: bool,
}

fn figures_json(f: &Figures) -> FiguresJson<'_> {
    let standing = !f.excluded;
    FiguresJson {
        score: num(f.score),
        rank: standing.then_some(f.rank),
        cluster_rank: f.cluster_rank.filter(|_| standing),
        rating: standing.then_some(f.rating.as_str()),
        met: f.met,
        applicable: f.applicable,
        next_rating: f.next.as_ref().map(NextJson),
        excluded: f.excluded,
    }
}

/// The rating just above; `by_downgrade` only when it holds, so every
/// other output is unchanged.
pub(super) struct NextJson<'a>(pub(super) &'a NextRating);

impl Serialize for NextJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("rating", &n.rating)?;
        map.serialize_entry("points_needed", &num(n.points_needed))?;
        map.serialize_entry("by_quota", &n.by_quota)?;
        if n.by_downgrade {
            map.serialize_entry("by_downgrade", &true)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct DetailJson<'a> {
    id: &'a str,
    criteria: Each<'a, CriterionRow, CriterionJson<'a>>,
}

#[derive(Serialize)]
struct CriterionJson<'a> {
    id: &'a str,
    title: &'a str,
    versions: Each<'a, Option<crate::engine::compare::CriterionCell>, Option<CellJson>>,
}

fn criterion_json(r: &CriterionRow) -> CriterionJson<'_> {
    CriterionJson {
        id: &r.id,
        title: &r.title,
        versions: Each(&r.cells, |cell| {
            cell.as_ref().map(|cell| CellJson {
                value: words::raw_value(&cell.rule, &cell.value),
                points: num(cell.points),
                max: num(cell.max),
                status: cell.status.as_str(),
            })
        }),
    }
}

#[derive(Serialize)]
struct CellJson {
    value: Option<String>,
    points: String,
    max: String,
    status: &'static str,
}

#[derive(Serialize)]
struct MergedJson<'a> {
    id: &'a str,
    name: &'a str,
    now: FiguresJson<'a>,
    from: Each<'a, crate::engine::lineage::Predecessor, PredecessorJson<'a>>,
}

fn merged_json(m: &MergedUnit) -> MergedJson<'_> {
    MergedJson {
        id: &m.id,
        name: &m.name,
        now: figures_json(&m.now),
        from: Each(&m.from, |o| PredecessorJson {
            id: &o.id,
            name: &o.name,
            versions: Each(&o.figures, |f| f.as_ref().map(figures_json)),
        }),
    }
}

#[derive(Serialize)]
struct PredecessorJson<'a> {
    id: &'a str,
    name: &'a str,
    versions: Each<'a, Option<Figures>, Option<FiguresJson<'a>>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document as it was built whole before it was streamed: the
    /// oracle the streamed one must match byte for byte.
    fn comparison_json(
        set: &CriteriaSet,
        c: &crate::engine::compare::Comparison<'_>,
        stamp: &super::super::Stamp,
    ) -> serde_json::Value {
        let units: Vec<UnitComparison> = c.units.iter().collect::<Result<_, _>>().expect("scores");
        let figures = |f: &crate::engine::compare::Figures| {
            // A unit not considered has no rank and no rating.
            let standing = |v: serde_json::Value| {
                if f.excluded {
                    serde_json::Value::Null
                } else {
                    v
                }
            };
            let mut out = serde_json::json!({
                "score": num(f.score), "rank": standing(f.rank.into()),
                "cluster_rank": standing(f.cluster_rank.into()),
                "rating": standing(f.rating.clone().into()), "met": f.met, "applicable": f.applicable,
                "next_rating": super::super::json::next_json(&f.next),
            });
            if f.excluded {
                out["excluded"] = true.into();
            }
            out
        };
        let detail = c.detail.as_ref().map(|(id, rows)| {
            serde_json::json!({
                "id": id,
                "criteria": rows.iter().map(|r| serde_json::json!({
                    "id": r.id,
                    "title": r.title,
                    "versions": r.cells.iter().map(|cell| cell.as_ref().map(|cell| serde_json::json!({
                        "value": words::raw_value(&cell.rule, &cell.value),
                        "points": num(cell.points), "max": num(cell.max), "status": cell.status.as_str(),
                    }))).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        });
        let s = &c.summary;
        let movers = |list: &[(String, String, rust_decimal::Decimal)]| {
            list.iter()
                .map(|(id, name, d)| serde_json::json!({ "id": id, "name": name, "change": num(*d) }))
                .collect::<Vec<_>>()
        };
        let mut out = serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "set": set_info(set),
            "labels": c.labels,
            "ratings_comparable": c.ratings_comparable,
            "summary": {
                "in_all": s.in_all, "in_some": s.in_some,
                "rating_up": s.rating_up, "rating_down": s.rating_down, "rating_same": s.rating_same,
                "biggest_gains": movers(&s.gains), "biggest_drops": movers(&s.drops),
            },
            "units": units.iter().map(|u| serde_json::json!({
                "id": u.id, "name": u.name, "cluster": u.cluster,
                "versions": u.figures.iter().map(|f| f.as_ref().map(figures)).collect::<Vec<_>>(),
                "score_change": u.score_change.map(num),
                "rank_change": u.rank_change,
                "rating_change": u.rating_change,
                "criteria_moved": u.movers.iter().map(|m| serde_json::json!({
                    "id": m.criterion, "before": m.before.map(num), "after": m.after.map(num), "change": num(m.change),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "detail": detail,
            "stamp": stamp,
        });
        // Only with --lineage, so every other comparison is unchanged.
        if !c.lineage.is_empty() {
            out["lineage"] = c.lineage.iter().map(|m| serde_json::json!({
                "id": m.id, "name": m.name, "now": figures(&m.now),
                "from": m.from.iter().map(|o| serde_json::json!({
                    "id": o.id, "name": o.name,
                    "versions": o.figures.iter().map(|f| f.as_ref().map(figures)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>().into();
        }
        out
    }

    /// Byte for byte the document serde_json printed whole.
    #[test]
    fn the_streamed_comparison_is_the_document_built_whole() {
        let stamp = super::super::Stamp::for_tests();
        for sample in super::super::compare_samples::samples() {
            let (set, c) = (&sample.set, sample.comparison());
            let expected = serde_json::to_string_pretty(&comparison_json(set, &c, &stamp))
                .expect("serialized");
            let mut streamed = Vec::new();
            write_comparison(set, &c, &stamp, &mut streamed).expect("written");
            assert_eq!(
                String::from_utf8(streamed).expect("UTF-8"),
                expected,
                "{} units, detail {:?}",
                c.units.len(),
                c.detail.as_ref().map(|d| &d.0)
            );
        }
    }
}
