//! JSON additions for review stages (`--stage`), within schema_version 1:
//! per criterion `"stage"` and, where a later stage changed a value it
//! reads, `"stages": [{"stage", "value"}]`; per unit `"stage_changes"`.

use serde::Serialize;

use super::words::num;
use crate::model::{CriteriaSet, Criterion, Staging, Value};

#[derive(Serialize)]
pub(super) struct StageValue<'a> {
    stage: &'a str,
    /// As the criterion's own `value` is written: a number exactly,
    /// yes/no as `yes`/`no`, anything else as the stage wrote it.
    value: String,
    /// Only for a criterion that reads several columns (a derived ratio).
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct ChangeJson<'a> {
    stage: &'a str,
    column: &'a str,
    from: &'a str,
    to: &'a str,
    /// The criteria, gates, bonuses and deductions that read the column.
    read_by: &'a [String],
    /// `null` when the data before this stage could not be scored.
    points_moved: Option<String>,
    score_before: Option<String>,
    score_after: String,
}

/// A criterion's `"stage"` and `"stages"` for the unit at `unit` (its
/// position in the data).
pub(super) fn criterion<'a>(
    set: &'a CriteriaSet,
    staging: Option<&'a Staging>,
    unit: usize,
    c: &Criterion,
) -> (Option<&'a str>, Vec<StageValue<'a>>) {
    let Some((staging, cells)) = staging.and_then(|s| Some((s, &s.units.get(unit)?.cells))) else {
        return (None, Vec::new());
    };
    let read: Vec<usize> = (0..set.inputs.len())
        .filter(|&i| set.inputs[i].is_column() && set.reads(c.indicator, i))
        .collect();
    let stage = read
        .iter()
        .filter_map(|&i| cells.get(i).map(|cell| cell.stage))
        .max()
        .unwrap_or(0);
    let several = read.len() > 1;
    let mut stages = Vec::new();
    for &i in &read {
        let changed = staging.changes_of(unit).any(|change| change.input == i);
        if let (true, Some(cell)) = (changed, cells.get(i)) {
            stages.extend(cell.entries.iter().map(|e| StageValue {
                stage: staging.label(e.stage),
                value: match e.value {
                    Some(v @ (Value::Number(_) | Value::Fraction { .. })) => {
                        v.as_decimal().map_or_else(|| e.text.clone(), num)
                    }
                    Some(Value::YesNo(yes)) => if yes { "yes" } else { "no" }.to_string(),
                    _ => e.text.clone(),
                },
                column: several.then_some(set.inputs[i].column.as_str()),
            }));
        }
    }
    (Some(staging.label(stage)), stages)
}

/// Every cell a later stage changed for the unit at `unit`.
pub(super) fn changes<'a>(
    set: &'a CriteriaSet,
    staging: Option<&'a Staging>,
    unit: usize,
) -> Vec<ChangeJson<'a>> {
    let Some(staging) = staging else {
        return Vec::new();
    };
    staging
        .changes_of(unit)
        .map(|c| ChangeJson {
            stage: staging.label(c.stage),
            column: set.inputs.get(c.input).map_or("", |i| i.column.as_str()),
            from: &c.from,
            to: &c.to,
            read_by: &c.readers,
            points_moved: c.moved.map(num),
            score_before: c.score_before.map(num),
            score_after: num(c.score_after),
        })
        .collect()
}
