//! What each later review stage changed, and the points that moved: each
//! unit scored on the data as the stage before left it and as this stage
//! left it (the loader binds both; see `load::stages`).

use rust_decimal::Decimal;

use super::score::Scorer;
use crate::model::*;

/// The points a unit's result owes to column `input`: its criteria's
/// points, plus the bonuses and minus the deductions that read it.
fn points_from(set: &CriteriaSet, u: &UnitResult, input: usize) -> Decimal {
    let criteria: Decimal = set
        .criteria
        .iter()
        .zip(&u.criteria)
        .filter(|(c, _)| set.reads(c.indicator, input))
        .map(|(_, r)| r.points)
        .sum();
    let adjustments: Decimal = set
        .adjustments
        .iter()
        .zip(&u.adjustments)
        .filter(|(a, _)| set.reads(a.indicator, input))
        .map(|(a, r)| match a.kind {
            AdjustmentKind::Bonus => r.amount,
            AdjustmentKind::Deduction => -r.amount,
        })
        .sum();
    criteria + adjustments
}

/// The ids of the criteria, bonuses and deductions that read `input`.
fn readers(set: &CriteriaSet, input: usize) -> Vec<String> {
    let criteria = set
        .criteria
        .iter()
        .filter(|c| set.reads(c.indicator, input))
        .map(|c| c.id.clone());
    let gates = set
        .gates
        .iter()
        .filter(|g| set.reads(g.indicator, input))
        .map(|g| g.id.clone());
    let adjustments = set
        .adjustments
        .iter()
        .filter(|a| set.reads(a.indicator, input))
        .map(|a| a.id.clone());
    criteria.chain(gates).chain(adjustments).collect()
}

/// The data as stage `k` left it (the last stage's is the merged data).
fn stages_data<'d>(merged: &'d Dataset, staging: &'d Staging, k: usize) -> Option<&'d Dataset> {
    if k + 1 == staging.stages.len() {
        Some(merged)
    } else {
        staging.as_of.get(k).and_then(Option::as_ref)
    }
}

/// Units scored on the data as each stage left it.
struct ByStage<'a> {
    merged: &'a Dataset,
    staging: &'a Staging,
    scorers: Vec<Option<Scorer<'a>>>,
}

impl<'a> ByStage<'a> {
    /// Each stage's data scored as a whole: a relative criterion compares
    /// a unit with its scope as that stage left it.
    fn new(set: &'a CriteriaSet, merged: &'a Dataset, staging: &'a Staging) -> Self {
        let scorers = (0..staging.stages.len())
            .map(|k| {
                stages_data(merged, staging, k).map(|data| {
                    let references = super::relative::references(
                        set,
                        data.units.iter().map(|u| u.view()).enumerate(),
                        &super::relative::considered(set),
                    );
                    Scorer::new(set).with_references(references)
                })
            })
            .collect();
        ByStage {
            merged,
            staging,
            scorers,
        }
    }

    /// Unit `u` (its place in the data) as stage `k` left it; `None` when
    /// that data could not be bound, or the unit's score cannot be
    /// represented (it counts as one that cannot be scored).
    fn score(&mut self, k: usize, u: usize) -> Option<UnitResult> {
        let unit = stages_data(self.merged, self.staging, k)?.units.get(u)?;
        let scorer = self.scorers.get_mut(k)?.as_mut()?;
        scorer.score(u, unit.view()).ok().cloned()
    }
}

/// A unit's points as one review stage left its data: what a scoring
/// sheet shows in that stage's column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagePoints {
    /// The stage's label ("Tự chấm").
    pub stage: String,
    /// `None` where that stage's data could not be scored (it held a value
    /// a later stage corrected).
    pub scored: Option<StageFigures>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageFigures {
    /// Each criterion's points; `None` where it does not apply.
    pub criteria: Vec<Option<Decimal>>,
    pub groups: Vec<Decimal>,
    pub score: Decimal,
}

impl StageFigures {
    fn of(u: &UnitResult) -> Self {
        StageFigures {
            criteria: u
                .criteria
                .iter()
                .map(|c| (c.status != Status::NotApplicable).then_some(c.points))
                .collect(),
            groups: u.groups.clone(),
            score: u.score,
        }
    }
}

/// Unit `u` (its place in the data) as each stage left it, earliest first.
pub fn unit_by_stage(
    set: &CriteriaSet,
    merged: &Dataset,
    staging: &Staging,
    u: usize,
) -> Vec<StagePoints> {
    let mut stages = ByStage::new(set, merged, staging);
    (0..staging.stages.len())
        .map(|k| StagePoints {
            stage: staging.label(k).to_string(),
            scored: stages.score(k, u).as_ref().map(StageFigures::of),
        })
        .collect()
}

/// Every cell a later stage changed, unit by unit (in data order), stage
/// by stage, column by column. A cell first filled by a later stage is not
/// a change: the earlier stages said nothing to change.
pub fn changes(set: &CriteriaSet, merged: &Dataset, staging: &Staging) -> Vec<StageChange> {
    let last = staging.stages.len().saturating_sub(1);
    let mut stages = ByStage::new(set, merged, staging);
    let as_of = |k: usize| stages_data(merged, staging, k);
    let mut score = |k: usize, u: usize| stages.score(k, u);
    let mut out = Vec::new();
    for (u, unit) in staging.units.iter().enumerate() {
        for stage in 1..=last {
            #[allow(clippy::type_complexity)]
            let changed: Vec<(
                usize,
                &StageEntry,
                &StageEntry,
                Option<Value>,
                Option<Value>,
            )> = unit
                .cells
                .iter()
                .enumerate()
                .filter_map(|(input, cell)| {
                    let now = cell.entries.iter().find(|e| e.stage == stage)?;
                    let before = cell.entries.iter().rev().find(|e| e.stage < stage)?;
                    let value = |k: usize| {
                        as_of(k)
                            .and_then(|d| d.units.get(u))
                            .and_then(|r| r.values.get(input))
                    };
                    let differs = match (value(stage - 1), value(stage)) {
                        (Some(a), Some(b)) => a != b,
                        _ => before.text != now.text,
                    };
                    differs.then(|| {
                        (
                            input,
                            before,
                            now,
                            value(stage - 1).copied(),
                            value(stage).copied(),
                        )
                    })
                })
                .collect();
            if changed.is_empty() {
                continue;
            }
            let before = score(stage - 1, u);
            let Some(after) = score(stage, u) else {
                continue;
            };
            for (input, from, to, from_value, to_value) in changed {
                out.push(StageChange {
                    unit: u,
                    stage,
                    input,
                    from: from.text.clone(),
                    to: to.text.clone(),
                    from_value,
                    to_value,
                    readers: readers(set, input),
                    moved: before
                        .as_ref()
                        .map(|b| points_from(set, &after, input) - points_from(set, b, input)),
                    score_before: before.as_ref().map(|b| b.score),
                    score_after: after.score,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::data::DecimalChoice;
    use crate::load::parse_criteria;
    use crate::load::stages::{StageTable, merge, stage_file_name};
    use crate::load::table::read_csv;

    const SET: &str = r#"format = 1

[set]
id = "t"
title = "Test"

[columns]
id = "ma"
name = "ten"

[[indicators]]
id = "ty_le"
title = "ratio"
ratio = ["dat", "tong"]
when_zero = 0

[[criteria]]
id = "K1"
title = "x"
indicator = "x"
rule = "linear"
zero = 0
full = 10
points = 10

[[criteria]]
id = "K2"
title = "ratio"
indicator = "ty_le"
rule = "at_least"
min = 70
points = 5

[[adjustments]]
id = "T1"
title = "t"
indicator = "vi_pham"
kind = "deduction"
per = 2

[[ratings]]
id = "ALL"
title = "Everyone"
"#;

    fn run(stages: &[(&str, &str)]) -> (CriteriaSet, Vec<StageChange>) {
        let set = parse_criteria("c.toml", SET).expect("valid set");
        let tables: Vec<StageTable> = stages
            .iter()
            .enumerate()
            .map(|(i, (label, csv))| {
                let file = format!("{i}.csv");
                StageTable {
                    label: (*label).into(),
                    table: read_csv(&stage_file_name(&file, label), csv, None).expect("csv"),
                    data_file: file,
                    sha256: String::new(),
                }
            })
            .collect();
        let merged = merge(&set, &tables, DecimalChoice::Detect).expect("merged");
        let changes = changes(&set, &merged.dataset, &merged.staging);
        (set, changes)
    }

    fn d(s: &str) -> Decimal {
        s.parse().expect("literal")
    }

    const FIRST: &str = "ma,ten,x,dat,tong,vi_pham\nA,Alpha,4,7,10,0\nB,Beta,6,6,10,1\n";

    #[test]
    fn a_changed_value_moves_the_points_of_the_criteria_that_read_it() {
        let (_, changes) = run(&[("Tự chấm", FIRST), ("Thẩm định", "ma,x\nA,2\n")]);
        assert_eq!(changes.len(), 1, "{changes:?}");
        let c = &changes[0];
        assert_eq!(
            (c.unit, c.stage, c.from.as_str(), c.to.as_str()),
            (0, 1, "4", "2")
        );
        assert_eq!(c.moved, Some(d("-2")));
        assert_eq!(c.score_before, Some(d("9")));
        assert_eq!(c.score_after, d("7"));
    }

    #[test]
    fn a_unit_is_scored_as_each_stage_left_its_data() {
        let set = parse_criteria("c.toml", SET).expect("valid set");
        let tables: Vec<StageTable> = [
            ("Tự chấm", FIRST),
            ("Thẩm định", "ma,x,dat\nA,2,\n"),
            ("Phúc tra", "ma,dat\nA,6\n"),
        ]
        .iter()
        .enumerate()
        .map(|(i, (label, csv))| StageTable {
            label: (*label).into(),
            table: read_csv(&format!("{i}.csv"), csv, None).expect("csv"),
            data_file: format!("{i}.csv"),
            sha256: String::new(),
        })
        .collect();
        let merged = merge(&set, &tables, DecimalChoice::Detect).expect("merged");
        let stages = unit_by_stage(&set, &merged.dataset, &merged.staging, 0);
        let labels: Vec<&str> = stages.iter().map(|s| s.stage.as_str()).collect();
        assert_eq!(labels, ["Tự chấm", "Thẩm định", "Phúc tra"]);
        let points: Vec<Vec<Option<Decimal>>> = stages
            .iter()
            .map(|s| s.scored.as_ref().expect("scored").criteria.clone())
            .collect();
        // x: 4 → 2 at the second stage; the ratio 7/10 → 6/10 at the third.
        assert_eq!(points[0], [Some(d("4")), Some(d("5"))]);
        assert_eq!(points[1], [Some(d("2")), Some(d("5"))]);
        assert_eq!(points[2], [Some(d("2")), Some(d("0"))]);
        let scores: Vec<Decimal> = stages
            .iter()
            .map(|s| s.scored.as_ref().expect("scored").score)
            .collect();
        assert_eq!(scores, [d("9"), d("7"), d("2")]);
    }

    #[test]
    fn a_column_of_a_derived_ratio_moves_the_ratio_criterion() {
        // 7/10 = 70% meets the threshold; 6/10 does not.
        let (_, changes) = run(&[("Tự chấm", FIRST), ("Thẩm định", "ma,dat\nA,6\n")]);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].moved, Some(d("-5")));
    }

    #[test]
    fn a_deduction_column_moves_points_down_when_it_grows() {
        let (_, changes) = run(&[("Tự chấm", FIRST), ("Thẩm định", "ma,vi_pham\nB,3\n")]);
        assert_eq!(changes.len(), 1);
        assert_eq!((changes[0].unit, changes[0].moved), (1, Some(d("-4"))));
    }

    #[test]
    fn the_same_value_written_again_is_not_a_change() {
        // 4 and 4.0 are the same number.
        let (_, changes) = run(&[("Tự chấm", FIRST), ("Thẩm định", "ma,x,dat\nA,4.0,7\n")]);
        assert!(changes.is_empty(), "{changes:?}");
    }

    #[test]
    fn each_stage_is_measured_against_the_one_before() {
        let (_, changes) = run(&[
            ("Tự chấm", FIRST),
            ("Thẩm định", "ma,x\nA,2\n"),
            ("Phúc tra", "ma,x\nA,3\n"),
        ]);
        let seen: Vec<_> = changes
            .iter()
            .map(|c| (c.stage, c.from.as_str(), c.to.as_str(), c.moved))
            .collect();
        assert_eq!(
            seen,
            [(1, "4", "2", Some(d("-2"))), (2, "2", "3", Some(d("1")))]
        );
    }

    #[test]
    fn an_earlier_value_that_cannot_be_scored_leaves_the_points_unknown() {
        let (_, changes) = run(&[
            ("Tự chấm", "ma,ten,x,dat,tong,vi_pham\nA,Alpha,abc,7,10,0\n"),
            ("Thẩm định", "ma,x\nA,5\n"),
        ]);
        assert_eq!(changes.len(), 1);
        assert_eq!((changes[0].moved, changes[0].score_before), (None, None));
        assert_eq!(changes[0].score_after, d("10"));
    }

    #[test]
    fn reads_follows_derived_indicators_to_their_columns() {
        let set = parse_criteria("c.toml", SET).expect("valid set");
        let column = |name: &str| {
            set.inputs
                .iter()
                .position(|i| i.column == name)
                .expect("input")
        };
        let ratio = set.criteria[1].indicator;
        assert!(set.reads(ratio, column("dat")));
        assert!(set.reads(ratio, column("tong")));
        assert!(!set.reads(ratio, column("x")));
    }
}
