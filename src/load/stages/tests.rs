//! The merge rule of review stages, at and around its edges.

use super::*;
use crate::load::parse_criteria;
use crate::load::table::read_csv;
use crate::model::Value;

const SET: &str = r#"format = 1

[set]
id = "t"
title = "Test"

[columns]
id = "ma"
name = "ten"

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
title = "y"
indicator = "y"
rule = "yes"
points = 5

[[ratings]]
id = "ALL"
title = "Everyone"
"#;

fn set() -> CriteriaSet {
    parse_criteria("c.toml", SET).expect("the test set is valid")
}

fn stage(label: &str, file: &str, csv: &str) -> StageTable {
    let shown = stage_file_name(file, label);
    StageTable {
        label: label.into(),
        data_file: file.into(),
        sha256: String::new(),
        table: read_csv(&shown, csv, None).expect("the test CSV is readable"),
    }
}

fn merged(stages: &[StageTable]) -> (Dataset, Staging) {
    merge(&set(), stages, DecimalChoice::Detect)
        .map(|m| (m.dataset, m.staging))
        .unwrap_or_else(|r| {
            panic!(
                "rejected:\n{}",
                crate::load::problem::problems_text(&r.problems, crate::i18n::Lang::En)
            )
        })
}

fn rejected(stages: &[StageTable]) -> Vec<Problem> {
    match merge(&set(), stages, DecimalChoice::Detect) {
        Ok(_) => panic!("the stages were accepted"),
        Err(r) => r.problems,
    }
}

fn number(n: i64) -> Value {
    Value::Number(n.into())
}

const FIRST: &str = "ma,ten,x,y\nA,Alpha,4,có\nB,Beta,6,không\n";

#[test]
fn a_blank_cell_in_a_later_stage_keeps_the_earlier_value() {
    let (data, staging) = merged(&[
        stage("Tự chấm", "a.csv", FIRST),
        stage("Thẩm định", "b.csv", "ma,ten,x,y\nA,,,\nB,,,\n"),
    ]);
    assert_eq!(data.units[0].values, [number(4), Value::YesNo(true)]);
    assert_eq!(data.units[1].values, [number(6), Value::YesNo(false)]);
    let x = &staging.units[0].cells[0];
    assert_eq!(x.stage, 0, "the value still comes from the first stage");
    assert_eq!(x.entries.len(), 1);
}

#[test]
fn a_later_stage_changes_only_the_cells_it_fills() {
    let (data, staging) = merged(&[
        stage("Tự chấm", "a.csv", FIRST),
        stage("Thẩm định", "b.csv", "ma,x\nB,3\n"),
        stage("Phúc tra", "c.csv", "ma,y\nB,có\n"),
    ]);
    assert_eq!(data.units[0].values, [number(4), Value::YesNo(true)]);
    assert_eq!(data.units[1].values, [number(3), Value::YesNo(true)]);
    let b = &staging.units[1];
    assert_eq!(b.cells[0].stage, 1);
    assert_eq!(b.cells[1].stage, 2);
    let texts: Vec<_> = b.cells[0]
        .entries
        .iter()
        .map(|e| (e.stage, e.text.as_str()))
        .collect();
    assert_eq!(texts, [(0, "6"), (1, "3")]);
    // Each as read from the data as its stage left it.
    let values: Vec<_> = b.cells[1].entries.iter().map(|e| e.value).collect();
    assert_eq!(
        values,
        [Some(Value::YesNo(false)), Some(Value::YesNo(true))]
    );
    // The data as each earlier stage left it, for the points that moved.
    let after_first = staging.as_of[0].as_ref().expect("bound");
    assert_eq!(
        after_first.units[1].values,
        [number(6), Value::YesNo(false)]
    );
    let after_second = staging.as_of[1].as_ref().expect("bound");
    assert_eq!(
        after_second.units[1].values,
        [number(3), Value::YesNo(false)]
    );
}

#[test]
fn the_latest_stage_wins_over_every_earlier_one() {
    let (data, staging) = merged(&[
        stage("Tự chấm", "a.csv", FIRST),
        stage("Thẩm định", "b.csv", "ma,x\nA,2\n"),
        stage("Phúc tra", "c.csv", "ma,x\nA,9\n"),
    ]);
    assert_eq!(data.units[0].values[0], number(9));
    assert_eq!(staging.units[0].cells[0].stage, 2);
}

#[test]
fn a_unit_only_in_a_later_stage_is_an_error_naming_stage_file_and_row() {
    let ps = rejected(&[
        stage("Tự chấm", "a.csv", FIRST),
        stage("Thẩm định", "b.csv", "ma,x\nA,5\nZ,7\n"),
    ]);
    assert_eq!(ps.len(), 1, "{ps:?}");
    let p = &ps[0];
    assert_eq!(p.file, "b.csv (Thẩm định)");
    assert_eq!(p.line, Some(3));
    assert_eq!(p.value.as_deref(), Some("Z"));
    assert!(
        p.message
            .en()
            .contains("not in the first stage \"Tự chấm\""),
        "{p:?}"
    );
    assert!(p.message.vi().contains("không có ở giai đoạn đầu"), "{p:?}");
}

#[test]
fn a_column_only_in_a_later_stage_is_read_from_it() {
    // The first stage lacks y; the second fills it for every unit.
    let (data, staging) = merged(&[
        stage("Tự chấm", "a.csv", "ma,ten,x\nA,Alpha,4\nB,Beta,6\n"),
        stage("Thẩm định", "b.csv", "ma,y\nA,không\nB,có\n"),
    ]);
    assert_eq!(data.units[0].values[1], Value::YesNo(false));
    assert_eq!(staging.units[0].cells[1].stage, 1);
    // A value first written by a later stage is not a change: the data
    // as the first stage left it has the same value.
    let after_first = staging.as_of[0].as_ref().expect("bound");
    assert_eq!(after_first.units[0].values[1], Value::YesNo(false));
}

#[test]
fn a_column_only_in_a_later_stage_left_blank_for_a_unit_is_missing_there() {
    let ps = rejected(&[
        stage("Tự chấm", "a.csv", "ma,ten,x\nA,Alpha,4\nB,Beta,6\n"),
        stage("Thẩm định", "b.csv", "ma,y\nA,không\n"),
    ]);
    assert_eq!(ps.len(), 1, "{ps:?}");
    // B has no y anywhere, and a.csv has no column y: the problem is in
    // the file that brings y in, which lacks B's row.
    let p = &ps[0];
    assert_eq!((p.file.as_str(), p.line), ("b.csv (Thẩm định)", None));
    assert_eq!(p.column, Some(Column::Name("y".into())));
    assert_eq!(p.value, None, "there is no cell to show");
    assert_eq!(
        p.message,
        ProblemMessage::from(R::NoStageRowForColumn {
            column: "y".into(),
            label: "Thẩm định".into(),
            unit: "B".into(),
        })
    );
    assert!(p.message.vi().contains("đơn vị B"), "{p:?}");
}

#[test]
fn a_later_stage_column_blank_on_the_units_row_is_reported_at_that_row() {
    let ps = rejected(&[
        stage("Tự chấm", "a.csv", "ma,ten,x\nA,Alpha,4\nB,Beta,6\n"),
        stage("Thẩm định", "b.csv", "ma,y\nB,\nA,không\n"),
        stage("Phúc tra", "c.csv", "ma,x,y\nA,5,có\n"),
    ]);
    assert_eq!(ps.len(), 1, "{ps:?}");
    // B's y is blank on its row of b.csv; c.csv does not list B.
    let p = &ps[0];
    assert_eq!((p.file.as_str(), p.line), ("b.csv (Thẩm định)", Some(2)));
    assert_eq!(p.column, Some(Column::Name("y".into())));
    assert!(p.message.en().contains("the cell is blank"), "{p:?}");
}

/// A first-stage row whose id is blank or repeated is one no later stage
/// can list: its blank is left at its own row, beside the binder's
/// problem with the id, never said to need a row it cannot have.
#[test]
fn a_row_with_a_blank_or_repeated_id_keeps_its_blank_at_its_row() {
    for (first, id_problem) in [
        ("ma,ten,x\nA,Alpha,4\nB,Beta,6\nA,Again,5\n", "duplicate"),
        ("ma,ten,x\nA,Alpha,4\nB,Beta,6\n,Blank,5\n", "blank"),
    ] {
        let ps = rejected(&[
            stage("Tự chấm", "a.csv", first),
            stage("Thẩm định", "b.csv", "ma,y\nA,không\nB,có\n"),
        ]);
        let shown: Vec<_> = ps
            .iter()
            .map(|p| (p.file.as_str(), p.line, p.message.en()))
            .collect();
        assert!(
            ps.iter()
                .all(|p| p.file == "a.csv (Tự chấm)" && p.line == Some(4)),
            "{shown:#?}"
        );
        assert!(
            shown.iter().any(|(_, _, m)| m.contains(id_problem)),
            "{shown:#?}"
        );
        assert!(
            !shown.iter().any(|(_, _, m)| m.contains("has no row")),
            "{shown:#?}"
        );
    }
}

#[test]
fn a_blank_in_a_column_the_first_stage_has_stays_at_its_row() {
    let ps = rejected(&[
        stage("Tự chấm", "a.csv", "ma,ten,x,y\nA,Alpha,4,\n"),
        stage("Thẩm định", "b.csv", "ma,y\nA,\n"),
    ]);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(
        (ps[0].file.as_str(), ps[0].line),
        ("a.csv (Tự chấm)", Some(2))
    );
}

#[test]
fn two_identical_stages_give_the_first_stage_data_and_no_change() {
    let (data, staging) = merged(&[
        stage("Tự chấm", "a.csv", FIRST),
        stage("Thẩm định", "b.csv", FIRST),
    ]);
    let (alone, _) = merged(&[stage("Tự chấm", "a.csv", FIRST)]);
    assert_eq!(data.units, alone.units);
    assert_eq!(
        staging.as_of[0].as_ref().map(|d| &d.units),
        Some(&alone.units)
    );
    assert_eq!(
        staging.units[0].cells[0].stage, 1,
        "the later stage confirmed it"
    );
}

#[test]
fn a_bad_value_in_a_later_stage_is_reported_at_its_own_file_row_and_column() {
    let ps = rejected(&[
        stage("Tự chấm", "a.csv", FIRST),
        stage("Thẩm định", "b.csv", "ma,ten,y,x\nB,,,abc\n"),
    ]);
    assert_eq!(ps.len(), 1, "{ps:?}");
    let p = &ps[0];
    assert_eq!(p.file, "b.csv (Thẩm định)");
    assert_eq!(p.line, Some(2));
    assert_eq!(p.column, Some(Column::Name("x".into())));
    assert_eq!(p.value.as_deref(), Some("abc"));
}

#[test]
fn an_earlier_bad_value_a_later_stage_corrected_is_not_an_error() {
    let (data, staging) = merged(&[
        stage("Tự chấm", "a.csv", "ma,ten,x,y\nA,Alpha,abc,có\n"),
        stage("Thẩm định", "b.csv", "ma,x\nA,5\n"),
    ]);
    assert_eq!(data.units[0].values[0], number(5));
    assert_eq!(
        staging.as_of[0], None,
        "the first stage alone cannot be scored"
    );
}

#[test]
fn every_problem_of_every_stage_is_listed_at_once() {
    let ps = rejected(&[
        stage("Tự chấm", "a.csv", FIRST),
        stage("Thẩm định", "b.csv", "ma,x\nA,5\nA,6\n,7\n"),
        stage("Phúc tra", "c.csv", "ten,x\nAlpha,5\n"),
    ]);
    let what: Vec<_> = ps.iter().map(|p| (p.file.as_str(), p.line)).collect();
    assert_eq!(
        what,
        [
            ("b.csv (Thẩm định)", Some(3)),
            ("b.csv (Thẩm định)", Some(4)),
            ("c.csv (Phúc tra)", Some(1)),
        ],
        "{ps:?}"
    );
}
