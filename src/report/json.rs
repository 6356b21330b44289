//! JSON as docs/json-schema.md describes it (and `wardscore schema`
//! prints): decimals as exact strings, units in rank order. Keys may be
//! added; renaming or removing one needs a new schema_version.

use std::io::Write;

use serde::Serialize;
use serde_json::Map;

use super::words::{self, num};
use super::{Context, Document, RenderError, Renderer};
use crate::engine::explain::Explanation;
use crate::model::{CompactEvaluation, CriteriaSet, Criterion, RatingIdx, UnitResult, bits};

pub(super) struct JsonRenderer;

pub(super) const SCHEMA_VERSION: u32 = 1;

/// The JSON Schema (draft 2020-12) of every document this renderer writes.
pub const JSON_SCHEMA: &str = include_str!("schema.json");

#[derive(Serialize)]
pub(super) struct SetInfo<'a> {
    id: &'a str,
    title: &'a str,
    full_max: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    issuer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<&'a str>,
}

#[derive(Serialize)]
struct CriterionJson<'a> {
    id: &'a str,
    value: Option<String>,
    points: String,
    max: String,
    met: bool,
    status: &'static str,
    /// With `--stage`: the stage the value came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stages: Vec<super::json_stages::StageValue<'a>>,
    /// A `target` or `relative` criterion's figures from its scope.
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<ReferenceJson>,
}

/// What a relative criterion compared the unit with: its own target
/// (`null` when it had none), the best result of the units it was compared
/// with (the leader, for units with a target) and how many there were.
#[derive(Serialize)]
pub(super) struct ReferenceJson {
    rule: &'static str,
    direction: &'static str,
    scope: &'static str,
    target: Option<String>,
    best: Option<String>,
    compared: u32,
}

pub(super) fn reference_json(c: &Criterion, r: &crate::model::Reference) -> Option<ReferenceJson> {
    let relative = c.rule.relative()?;
    let number = |v: &Option<crate::model::Value>| v.and_then(|v| v.as_decimal()).map(num);
    Some(ReferenceJson {
        rule: c.rule.keyword(),
        direction: relative.direction.keyword(),
        scope: relative.scope.keyword(),
        target: number(&r.target),
        best: number(&r.best),
        compared: r.compared,
    })
}

#[derive(Serialize)]
struct UnitJson<'a> {
    id: &'a str,
    name: &'a str,
    cluster: Option<&'a str>,
    score: String,
    earned: String,
    bonus: String,
    deductions: String,
    met: u32,
    applicable: u32,
    gates_failed: Vec<&'a str>,
    /// `null` for a unit not considered, as its ranks.
    rating: Option<&'a str>,
    rating_before_quota: Option<&'a str>,
    rank: Option<u32>,
    cluster_rank: Option<u32>,
    groups: Map<String, serde_json::Value>,
    criteria: Vec<CriterionJson<'a>>,
    // Additions beyond docs/json-schema.md's first example.
    base: String,
    applicable_max: String,
    quota_lowered: bool,
    /// Shares first place of its cluster (or of all units): for a vote.
    tied_first: bool,
    /// Only for a set with `[[downgrades]]`: the ids of those that hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    downgrades: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating_before_downgrade: Option<Option<&'a str>>,
    /// Only for a set with `[[exclusions]]`: the ids of those that hold
    /// (the unit is not considered when any does).
    #[serde(skip_serializing_if = "Option::is_none")]
    excluded: Option<Vec<&'a str>>,
    /// With `--stage`: every cell a later stage changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stage_changes: Vec<super::json_stages::ChangeJson<'a>>,
}

/// The ranking document around its units, which [`write_ranking`] writes
/// in their place.
#[derive(Serialize)]
struct RankingFrame<'a> {
    schema_version: u32,
    set: SetInfo<'a>,
    units: [(); 0],
    stamp: &'a super::Stamp,
}

/// Where the units go in the pretty-printed frame: the only top-level
/// `units` key (quotes inside strings are escaped, so no value can hold
/// this text).
const UNITS_SLOT: &str = "\n  \"units\": []";

/// The ranking, pretty-printed exactly as serde_json prints the whole
/// document, unit by unit: the frame through serde_json, each unit as the
/// store's view hands it over finished (see [`super::json_units`]). Memory
/// holds a few tasks of units, not the document.
fn write_ranking(
    set: &CriteriaSet,
    eval: &CompactEvaluation,
    stamp: &super::Stamp,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let frame = RankingFrame {
        schema_version: SCHEMA_VERSION,
        set: set_info(set),
        units: [],
        stamp,
    };
    let frame = serde_json::to_string_pretty(&frame).map_err(std::io::Error::from)?;
    let Some(at) = frame.find(UNITS_SLOT) else {
        return Err(std::io::Error::other("the JSON frame has no units").into());
    };
    let (before, after) = frame.split_at(at + UNITS_SLOT.len() - 1);
    out.write_all(before.as_bytes())?;
    super::json_units::write_units(set, eval, stamp.staging.as_deref(), out)?;
    if !eval.units.is_empty() {
        out.write_all(b"\n  ")?;
    }
    out.write_all(after.as_bytes())?;
    Ok(())
}

pub(super) fn set_info(set: &CriteriaSet) -> SetInfo<'_> {
    SetInfo {
        id: &set.id,
        title: &set.title,
        full_max: num(set.full_max()),
        issuer: set.issuer.as_deref(),
        basis: set.basis.as_deref(),
        period: set.period.as_deref(),
    }
}

fn unit_json<'a>(
    set: &'a CriteriaSet,
    u: &'a UnitResult,
    staging: Option<&'a crate::model::Staging>,
) -> UnitJson<'a> {
    // A unit not considered has no rating at all.
    let rating_id = |r: RatingIdx| u.rated().map(|_| set.rating(r).id.as_str());
    UnitJson {
        id: &u.id,
        name: &u.name,
        cluster: u.cluster.as_deref(),
        score: num(u.score),
        earned: num(u.earned),
        bonus: num(u.bonus),
        deductions: num(u.deductions),
        met: u.met,
        applicable: u.applicable,
        gates_failed: u.gates_failed().map(|g| set.gates[g].id.as_str()).collect(),
        rating: rating_id(u.rating),
        rating_before_quota: rating_id(u.rating_before_quota),
        rank: u.ranked(),
        cluster_rank: u.cluster_rank,
        groups: set
            .groups
            .iter()
            .zip(&u.groups)
            .map(|(g, p)| (g.id.clone(), serde_json::Value::String(num(*p))))
            .collect(),
        criteria: set
            .criteria
            .iter()
            .zip(&u.criteria)
            .map(|(c, r)| {
                let (stage, stages) = super::json_stages::criterion(set, staging, u.input_index, c);
                CriterionJson {
                    id: &c.id,
                    value: words::raw_value(&c.rule, &r.value),
                    points: num(r.points),
                    max: num(r.max),
                    met: r.met,
                    status: r.status.as_str(),
                    reference: r
                        .reference
                        .as_ref()
                        .and_then(|reference| reference_json(c, reference)),
                    stage,
                    stages,
                }
            })
            .collect(),
        base: num(u.base),
        applicable_max: num(u.applicable_max),
        quota_lowered: u.quota_lowered(),
        tied_first: u.tied_first,
        downgrades: (!set.downgrades.is_empty()).then(|| {
            bits(u.downgrades)
                .filter_map(|d| set.downgrades.get(d))
                .map(|d| d.id.as_str())
                .collect()
        }),
        rating_before_downgrade: (!set.downgrades.is_empty())
            .then(|| rating_id(u.rating_before_downgrade)),
        excluded: (!set.exclusions.is_empty()).then(|| {
            bits(u.excluded)
                .filter_map(|x| set.exclusions.get(x))
                .map(|x| x.id.as_str())
                .collect()
        }),
        stage_changes: super::json_stages::changes(set, staging, u.input_index),
    }
}

fn explain_json(
    set: &CriteriaSet,
    u: &UnitResult,
    e: &Explanation,
    stamp: &super::Stamp,
) -> serde_json::Value {
    let lang = crate::i18n::Lang::En;
    let mut out = serde_json::json!({
        "schema_version": SCHEMA_VERSION,
        "set": set_info(set),
        "unit": unit_json(set, u, stamp.staging.as_deref()),
        "bonus_total": num(u.bonus_total),
        "deductions_total": num(u.deductions_total),
        "adjustments": set.adjustments.iter().zip(&u.adjustments).map(|(a, r)| serde_json::json!({
            "id": a.id, "value": r.value.as_decimal().map(num),
            "amount": num(r.amount), "uncapped": num(r.uncapped),
        })).collect::<Vec<_>>(),
        "gates": set.gates.iter().zip(&u.gates).map(|(g, r)| serde_json::json!({
            "id": g.id, "value": words::raw_value(&g.rule, &r.value),
            "passed": r.passed, "status": r.status.as_str(),
        })).collect::<Vec<_>>(),
        "above": e.above.iter().map(|b| {
            let mut above = serde_json::json!({
                "rating": set.rating(b.rating).id,
                "by_quota": b.by_quota,
                "reasons": b.shortfalls.iter().map(|s| words::shortfall(lang, set, s)).collect::<Vec<_>>(),
            });
            if !set.downgrades.is_empty() {
                above["by_downgrade"] = b.by_downgrade.into();
            }
            above
        }).collect::<Vec<_>>(),
        "next_rating": e.next.map(|r| set.rating(r).id.as_str()),
        "points_needed": num(e.points_needed),
        "gains": e.gains.iter().map(|g| {
            let c = set.criterion(g.criterion);
            serde_json::json!({
                "id": c.id, "gain": num(g.gain),
                "for_full_points": words::target_words(lang, &g.target, c.unit.as_deref()),
            })
        }).collect::<Vec<_>>(),
        "stamp": stamp,
    });
    // Only when other sets were read, so every other explain is unchanged.
    if !e.from_results.is_empty() {
        out["results"] = e.from_results.iter().map(|f| serde_json::json!({
            "prefix": f.prefix, "set_id": f.set_id, "data_file": f.data_file,
            "unit": f.unit.as_ref().map(|s| serde_json::json!({
                "score": num(s.score), "rating": s.rating_id, "rank": s.rank, "units": s.units,
                "met": s.met, "applicable": s.applicable, "gates_failed": s.gates_failed,
            })),
            "command": f.command,
        })).collect::<Vec<_>>().into();
    }
    out
}

fn criteria_json(set: &CriteriaSet, stamp: &super::Stamp) -> serde_json::Value {
    let lang = crate::i18n::Lang::En;
    let mut out = serde_json::json!({
        "schema_version": SCHEMA_VERSION,
        "set": set_info(set),
        "groups": set.groups.iter().map(|g| serde_json::json!({"id": g.id, "title": g.title})).collect::<Vec<_>>(),
        "criteria": set.criteria.iter().map(|c| {
            let mut json = serde_json::json!({
                "id": c.id, "title": c.title,
                "group": set.group_of(c).map(|g| g.id.as_str()),
                "indicator": set.indicator_name(c.indicator),
                "rule": c.rule.keyword(),
                "rule_text": words::rule(lang, &c.rule, c.points, c.unit.as_deref()),
                "points": num(c.points), "pass": num(c.pass_points()), "allow_na": c.allow_na,
            });
            if let (Some(relative), Some(fields)) = (c.rule.relative(), json.as_object_mut()) {
                fields.insert("direction".into(), relative.direction.keyword().into());
                fields.insert("scope".into(), relative.scope.keyword().into());
                if let crate::model::Rule::Target(t) = &c.rule {
                    let target = match t.target {
                        crate::model::TargetOf::Number(n) => serde_json::json!({ "number": num(n) }),
                        crate::model::TargetOf::Indicator(i) => serde_json::json!({ "column": set.indicator_name(i) }),
                    };
                    fields.insert("target".into(), target);
                    fields.insert("at_target".into(), num(t.at_target).into());
                    fields.insert("no_target".into(), if t.blank_is_error { "error" } else { "relative" }.into());
                }
            }
            json
        }).collect::<Vec<_>>(),
        "gates": set.gates.iter().map(|g| serde_json::json!({
            "id": g.id, "title": g.title, "indicator": set.indicator_name(g.indicator),
            "passes_when": words::gate_rule(lang, g),
        })).collect::<Vec<_>>(),
        "adjustments": set.adjustments.iter().map(|a| serde_json::json!({
            "id": a.id, "title": a.title, "indicator": set.indicator_name(a.indicator),
            "kind": match a.kind { crate::model::AdjustmentKind::Bonus => "bonus", crate::model::AdjustmentKind::Deduction => "deduction" },
            "per": num(a.per), "cap": a.cap.map(num),
        })).collect::<Vec<_>>(),
        "bonus_cap": set.bonus_cap.map(num),
        "deduction_cap": set.deduction_cap.map(num),
        "ratings": set.ratings.iter().map(|r| serde_json::json!({
            "id": r.id, "title": r.title, "conditions": words::rating_conditions(lang, set, r),
        })).collect::<Vec<_>>(),
        "stamp": stamp,
    });
    // Only for sets that have them, so every other set's output is unchanged.
    if !set.downgrades.is_empty() {
        out["downgrades"] = set
            .downgrades
            .iter()
            .map(|d| {
                serde_json::json!({
                    "id": d.id, "title": d.title, "indicator": set.indicator_name(d.indicator),
                    "steps": d.steps,
                })
            })
            .collect::<Vec<_>>()
            .into();
    }
    if !set.exclusions.is_empty() {
        out["exclusions"] = set
            .exclusions
            .iter()
            .map(|x| {
                serde_json::json!({
                    "id": x.id, "title": x.title, "indicator": set.indicator_name(x.indicator),
                })
            })
            .collect::<Vec<_>>()
            .into();
    }
    out
}

/// The next rating as the documents built whole wrote it: what the
/// streamed comparison and sensitivity are tested against.
#[cfg(test)]
pub(super) fn next_json(next: &Option<crate::engine::explain::NextRating>) -> serde_json::Value {
    match next {
        Some(n) => serde_json::json!({
            "rating": n.rating,
            "points_needed": num(n.points_needed),
            "by_quota": n.by_quota,
        })
        .as_object()
        .cloned()
        .map(|mut next| {
            // Only when it holds, so every other output is unchanged.
            if n.by_downgrade {
                next.insert("by_downgrade".into(), true.into());
            }
            serde_json::Value::Object(next)
        })
        .unwrap_or_default(),
        None => serde_json::Value::Null,
    }
}

impl Renderer for JsonRenderer {
    fn render(
        &self,
        cx: &Context<'_>,
        doc: &Document<'_>,
        out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let set = cx.set;
        match doc {
            Document::Ranking(eval) => {
                write_ranking(set, eval, cx.stamp, out)?;
                Ok(())
            }
            Document::Explain(u, e) => {
                serde_json::to_writer_pretty(&mut *out, &explain_json(set, u, e, cx.stamp))
            }
            Document::Criteria => {
                serde_json::to_writer_pretty(&mut *out, &criteria_json(set, cx.stamp))
            }
            Document::Comparison(c) => super::json_compare::write_comparison(set, c, cx.stamp, out),
            Document::Sensitivity(s) => {
                super::json_sensitivity::write_sensitivity(set, s, cx.stamp, out)
            }
        }
        .map_err(std::io::Error::from)?;
        writeln!(out)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collate::VietnameseOrder;
    use crate::model::Keep;

    /// The whole document as serde_json prints it in one go: what the
    /// contract's snapshot tests were taken from.
    #[derive(Serialize)]
    struct Whole<'a> {
        schema_version: u32,
        set: SetInfo<'a>,
        units: Vec<UnitJson<'a>>,
        stamp: &'a super::super::Stamp,
    }

    fn both_ways(example: &str, units: usize) {
        let (set, csv) = crate::load::shipped::repeated_example("thi-dua-cuoi-nam", example, 25);
        let mut data =
            crate::load::data::read_data(&set, "t.csv", csv.as_bytes(), &Default::default())
                .expect("valid data");
        data.units.truncate(units);
        let order = VietnameseOrder::new();
        let eval = crate::engine::compact::rank_dataset(&set, &data, Keep::Values, &order)
            .expect("scores");
        let full = crate::engine::compact::full(&set, &eval).expect("scores");
        let stamp = super::super::Stamp::for_tests();
        let whole = Whole {
            schema_version: SCHEMA_VERSION,
            set: set_info(&set),
            units: full
                .units
                .iter()
                .map(|u| unit_json(&set, u, None))
                .collect(),
            stamp: &stamp,
        };
        let expected = serde_json::to_string_pretty(&whole).expect("serialized");
        let mut streamed = Vec::new();
        write_ranking(&set, &eval, &stamp, &mut streamed).expect("written");
        assert_eq!(
            String::from_utf8(streamed).expect("UTF-8"),
            expected,
            "{example}, {units} units"
        );
    }

    /// Unit by unit, on the pool, in tasks: byte for byte the document
    /// serde_json prints whole, with no unit, one, one task and several;
    /// targets (each criterion's reference), clusters, downgrades, units
    /// not considered and shared first places.
    #[test]
    fn the_streamed_ranking_is_the_document_printed_whole() {
        let per_task = super::super::json_units::UNITS_PER_TASK;
        for units in [0, 1, 2, per_task, per_task + 1, 750] {
            both_ways("thi-dua-2023.csv", units);
        }
        for units in [3, per_task + 7] {
            both_ways("thi-dua-binh-xet.csv", units);
        }
    }
}
