//! `[[results]]`: names checked in the criteria file, the link to the other
//! set, and filling the inputs from its evaluation.

use rust_decimal::Decimal;

use super::*;
use crate::collate::VietnameseOrder;
use crate::engine;
use crate::load::data::{ReadOptions, read_data};
use crate::load::parse_criteria;

/// The set read: two criteria, one gate, three ratings.
const OTHER: &str = r#"format = 1
[set]
id = "other"
title = "Other"
[columns]
id = "ma"
name = "ten"
[[criteria]]
id = "K1"
title = "k1"
indicator = "a"
rule = "at_least"
min = 5
points = 60
[[criteria]]
id = "K2"
title = "k2"
indicator = "b"
rule = "at_least"
min = 5
points = 40
allow_na = true
[[gates]]
id = "G"
title = "g"
indicator = "g"
rule = "at_most"
max = 0
[[ratings]]
id = "TOP"
title = "Top"
min_score = 90
all_gates = true
[[ratings]]
id = "MID"
title = "Mid"
min_score = 50
[[ratings]]
id = "LOW"
title = "Low"
"#;

/// Its data: U1 meets both (100, TOP), U2 only K1 with K2 N/A (60 rescaled
/// to 100, a failed gate: MID), U3 nothing (0, LOW).
const OTHER_DATA: &str = "ma,ten,a,b,g\nU3,Ba,1,1,0\nU1,Một,9,9,0\nU2,Hai,9,N/A,1\n";

fn head(body: &str) -> String {
    format!(
        "format = 1\n[set]\nid = \"main\"\ntitle = \"Main\"\n[columns]\nid = \"ma\"\nname = \"ten\"\n\
         [[results]]\nid = \"o\"\ncriteria = \"other\"\n{body}\n[[ratings]]\nid = \"ALL\"\ntitle = \"All\"\n"
    )
}

fn criterion(id: &str, indicator: &str, rule: &str) -> String {
    format!("[[criteria]]\nid = \"{id}\"\ntitle = \"{id}\"\nindicator = \"{indicator}\"\n{rule}\n")
}

fn accepted(src: &str) -> CriteriaSet {
    match parse_criteria("main.toml", src) {
        Ok(set) => set,
        Err(e) => panic!("rejected: {:?}", e.problems),
    }
}

fn rejected(src: &str) -> Vec<Problem> {
    match parse_criteria("main.toml", src) {
        Ok(_) => panic!("accepted:\n{src}"),
        Err(e) => e.problems,
    }
}

fn read(set: &CriteriaSet, file: &str, text: &str) -> Dataset {
    match read_data(set, file, text.as_bytes(), &ReadOptions::default()) {
        Ok(d) => d,
        Err(e) => panic!("{file} rejected: {e:?}"),
    }
}

fn other() -> (CriteriaSet, Evaluation) {
    let set = accepted(OTHER);
    let data = read(&set, "other.csv", OTHER_DATA);
    let eval = engine::evaluate(&set, &data, &VietnameseOrder::new()).expect("scores");
    (set, eval)
}

/// `main` (read from `data`) filled from the other set and scored.
fn score(main: &CriteriaSet, data: &str) -> Result<Evaluation, Rejected> {
    let (other_set, other_eval) = other();
    let mut dataset = read(main, "main.csv", data);
    let sources = [SourceResult {
        set: &other_set,
        eval: &other_eval,
        data: "other.csv",
    }];
    fill_results(main, &mut dataset, "main.csv", &sources)?;
    Ok(engine::evaluate(main, &dataset, &VietnameseOrder::new()).expect("scores"))
}

fn points_of(eval: &Evaluation, unit: &str) -> Vec<Decimal> {
    let found = eval.units.iter().find(|u| u.id == unit);
    found
        .map(|u| u.criteria.iter().map(|c| c.points).collect())
        .unwrap_or_default()
}

#[test]
fn each_provided_indicator_reads_the_other_sets_figure_for_the_same_unit() {
    // Every figure through a rule that passes on its exact value, so each
    // criterion earns its point only when the figure is what the other set
    // computed for that very unit.
    let body = [
        criterion("S", "o.score", "rule = \"at_least\"\nmin = 100"),
        criterion("M", "o.met", "rule = \"at_least\"\nmin = 2"),
        criterion("A", "o.applicable", "rule = \"at_most\"\nmax = 1"),
        criterion("R", "o.rank", "rule = \"at_most\"\nmax = 1"),
        criterion("F", "o.gates_failed", "rule = \"at_least\"\nmin = 1"),
        criterion(
            "L",
            "o.rating",
            "rule = \"levels\"\nlevels = { \"TOP\" = 1, \"MID\" = 0.5, \"LOW\" = 0 }",
        ),
        criterion("Y", "o.rating", "rule = \"yes\""),
    ]
    .concat();
    let main = accepted(&head(&body));
    // Units in another order than the other file: matched by id.
    let eval = score(&main, "ma,ten\nU2,Hai\nU1,Một\nU3,Ba\n").expect("scored");
    let (one, zero, half) = (Decimal::ONE, Decimal::ZERO, Decimal::new(5, 1));
    // U1: 100 points, 2 met of 2, rank 1, no gate failed, TOP (yes).
    assert_eq!(
        points_of(&eval, "U1"),
        [one, one, zero, one, zero, one, one]
    );
    // U2: K2 N/A, so 1 applicable and 60 rescaled to 100, 1 met, rank 1
    // (tied on score with U1), its gate failed, MID (still above the fallback: yes).
    assert_eq!(
        points_of(&eval, "U2"),
        [one, zero, one, one, one, half, one]
    );
    // U3: 0 points, nothing met, rank 3, LOW: the fallback (no).
    assert_eq!(
        points_of(&eval, "U3"),
        [zero, zero, zero, zero, zero, zero, zero]
    );
}

#[test]
fn result_indicators_are_not_columns_of_the_data_file() {
    let main = accepted(&head(&criterion(
        "M",
        "o.met",
        "rule = \"at_least\"\nmin = 1",
    )));
    assert_eq!(
        main.inputs[0].origin,
        InputOrigin::Result {
            source: 0,
            field: ResultField::Met
        }
    );
    assert_eq!(main.results[0].prefix, "o");
    assert_eq!(main.results[0].criteria, "other");
    // No "o.met" column, and none asked for; one given anyway is unused.
    let data = read(&main, "main.csv", "ma,ten\nU1,Một\n");
    assert_eq!(data.units.len(), 1);
    let data = read(&main, "main.csv", "ma,ten,o.met\nU1,Một,7\n");
    assert_eq!(data.unused_columns, ["o.met"]);
}

#[test]
fn a_rating_feeds_a_levels_and_a_yes_rule_at_once() {
    let body = [
        criterion(
            "L",
            "o.rating",
            "rule = \"levels\"\nlevels = { \"TOP\" = 1, \"MID\" = 0, \"LOW\" = 0 }",
        ),
        criterion("Y", "o.rating", "rule = \"yes\""),
    ]
    .concat();
    let main = accepted(&head(&body));
    let kinds: Vec<ValueKind> = main.inputs.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [ValueKind::Label, ValueKind::YesNo]);
}

#[test]
fn a_unit_missing_from_the_other_result_is_an_error_naming_every_one() {
    let main = accepted(&head(&criterion(
        "M",
        "o.met",
        "rule = \"at_least\"\nmin = 1",
    )));
    let rejected = score(&main, "ma,ten\nU1,Một\nX9,Chín\nU7,Bảy\n").expect_err("rejected");
    let messages: Vec<String> = rejected
        .problems
        .iter()
        .map(|p| format!("{}: {} / {}", p.file, p.message.vi(), p.message.en()))
        .collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(messages[0].starts_with("main.csv: "), "{}", messages[0]);
    assert!(messages[0].contains("\"X9\" (Chín)") && messages[0].contains("other.csv"));
    assert!(messages[0].contains("không có trong kết quả \"o\""));
    assert!(messages[1].contains("\"U7\" (Bảy)"));
    assert!(
        messages[1].contains("Did you mean") || messages[1].contains("is that the same unit"),
        "a close id is suggested: {}",
        messages[1]
    );
}

#[test]
fn a_missing_unit_is_not_applicable_when_every_reader_allows_it() {
    let body = [
        criterion(
            "M",
            "o.met",
            "rule = \"at_least\"\nmin = 1\nallow_na = true\npoints = 3",
        ),
        criterion("K", "k", "rule = \"yes\""),
    ]
    .concat();
    let main = accepted(&head(&body));
    let eval = score(&main, "ma,ten,k\nU1,Một,có\nX9,Chín,có\n").expect("scored");
    let x9 = eval.units.iter().find(|u| u.id == "X9").expect("X9");
    assert_eq!(x9.criteria[0].status, Status::NotApplicable);
    assert_eq!(x9.applicable, 1);
    // One reader that does not allow N/A makes the same unit an error.
    let strict = [
        body,
        criterion("S", "o.score", "rule = \"at_least\"\nmin = 1"),
    ]
    .concat();
    let main = accepted(&head(&strict));
    let rejected = score(&main, "ma,ten,k\nU1,Một,có\nX9,Chín,có\n").expect_err("rejected");
    assert_eq!(rejected.problems.len(), 1);
}

#[test]
fn a_levels_rule_on_a_rating_must_list_exactly_the_other_sets_ratings() {
    let main = accepted(&head(&criterion(
        "L",
        "o.rating",
        "rule = \"levels\"\nlevels = { \"TOP\" = 1, \"MIDDLE\" = 0 }",
    )));
    let (other_set, _) = other();
    let problems = check_link(&main, "main.toml", 0, &other_set);
    let shown: Vec<String> = problems
        .iter()
        .map(|p| format!("{}:{:?} {}", p.file, p.line, p.message.en()))
        .collect();
    // [[results]] criteria = … is on line 10: both problems point there.
    assert_eq!(shown.len(), 3, "{shown:#?}");
    assert!(shown.iter().all(|s| s.starts_with("main.toml:Some(10)")));
    assert!(
        shown[0].contains("no level for the rating \"MID\""),
        "{}",
        shown[0]
    );
    assert!(
        shown[1].contains("no level for the rating \"LOW\""),
        "{}",
        shown[1]
    );
    assert!(shown[2].contains("the level \"MIDDLE\""), "{}", shown[2]);
    assert!(
        problems[2]
            .message
            .vi()
            .contains("không có xếp loại nào có mã đó")
    );
    let right = accepted(&head(&criterion(
        "L",
        "o.rating",
        "rule = \"levels\"\nlevels = { \"top\" = 1, \"MID\" = 0, \"LOW\" = 0 }",
    )));
    assert!(check_link(&right, "main.toml", 0, &other_set).is_empty());
}

/// (line, English message) of each problem.
fn located(problems: &[Problem]) -> Vec<(usize, String)> {
    problems
        .iter()
        .map(|p| {
            assert!(!p.message.vi().is_empty() && p.message.vi() != p.message.en());
            (p.line.unwrap_or(0), p.message.en())
        })
        .collect()
}

#[test]
fn unknown_fields_bare_prefixes_and_misfit_rules_are_located_problems() {
    let body = [
        criterion("A", "o.scor", "rule = \"at_least\"\nmin = 1"),
        criterion("B", "o", "rule = \"at_least\"\nmin = 1"),
        criterion("C", "o.rating", "rule = \"at_least\"\nmin = 1"),
        criterion("D", "o.met", "rule = \"yes\""),
    ]
    .concat();
    let problems = located(&rejected(&head(&body)));
    assert_eq!(problems.len(), 4, "{problems:#?}");
    // The first criterion's indicator is on line 14, each one 6 lines on.
    assert_eq!(problems[0].0, 14);
    assert!(problems[0].1.contains("provide no \"scor\""));
    assert!(problems[0].1.contains("Did you mean \"score\"?"));
    assert_eq!(problems[1].0, 20);
    assert!(
        problems[1]
            .1
            .contains("\"o\" is the prefix of another set's results")
    );
    assert_eq!(problems[2].0, 26);
    assert!(problems[2].1.contains("another set's rating (a label)"));
    assert_eq!(problems[3].0, 32);
    assert!(problems[3].1.contains("\"o.met\" is a number"));
}

#[test]
fn duplicate_and_clashing_prefixes_are_located_problems() {
    let src = "format = 1\n[set]\nid = \"main\"\ntitle = \"Main\"\n[columns]\nid = \"ma\"\nname = \"ten\"\ncluster = \"o\"\n\
        [[results]]\nid = \"o\"\ncriteria = \"other\"\n\
        [[results]]\nid = \"o\"\ncriteria = \"other\"\n\
        [[results]]\nid = \"o.x\"\ncriteria = \"other\"\n\
        [[indicators]]\nid = \"o.ratio\"\nratio = [\"a\", \"b\"]\n\
        [[criteria]]\nid = \"K\"\ntitle = \"k\"\nindicator = \"o.ratio\"\nrule = \"at_least\"\nmin = 1\n\
        [[ratings]]\nid = \"ALL\"\ntitle = \"All\"\n";
    let problems = located(&rejected(src));
    let lines: Vec<usize> = problems.iter().map(|p| p.0).collect();
    let shown = format!("{problems:#?}");
    assert!(
        problems
            .iter()
            .any(|p| p.0 == 10 && p.1.contains("clashes with the unit's column \"o\"")),
        "{shown}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.0 == 13 && p.1.contains("duplicate results prefix \"o\"")),
        "{shown}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.0 == 16 && p.1.contains("may only hold letters")),
        "{shown}"
    );
    assert!(
        problems.iter().any(|p| p.0 == 19
            && p.1
                .contains("the indicator id \"o.ratio\" clashes with the results prefix \"o\"")),
        "{shown}"
    );
    assert!(lines.iter().all(|&l| l > 0), "{shown}");
}

#[test]
fn a_results_table_needs_both_keys_and_no_others() {
    let src = "format = 1\n[set]\nid = \"main\"\ntitle = \"Main\"\n[columns]\nid = \"ma\"\nname = \"ten\"\n\
        [[results]]\nid = \"o\"\nset = \"other\"\n\
        [[ratings]]\nid = \"ALL\"\ntitle = \"All\"\n";
    let problems = located(&rejected(src));
    assert!(
        problems.iter().any(|p| p.1.contains("unknown key \"set\"")),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(|p| p.1.contains("\"criteria\"")),
        "{problems:#?}"
    );
}

/// A unit the other set does not consider ("chưa xét") keeps its score
/// there, but has no rank and no rating to read: N/A where every reader
/// allows it, else a problem naming the unit and the indicator.
#[test]
fn a_unit_not_considered_in_the_other_set_has_no_rank_or_rating_to_read() {
    let other_set = accepted(&OTHER.replace(
        "[[ratings]]\nid = \"TOP\"",
        "[[exclusions]]\nid = \"X\"\ntitle = \"x\"\nindicator = \"x\"\n[[ratings]]\nid = \"TOP\"",
    ));
    let other_data = read(
        &other_set,
        "other.csv",
        "ma,ten,a,b,g,x\nU1,Một,9,9,0,có\nU2,Hai,1,1,0,không\n",
    );
    let other_eval = engine::evaluate(&other_set, &other_data, &VietnameseOrder::new())
        .expect("representable scores");
    let sources = [SourceResult {
        set: &other_set,
        eval: &other_eval,
        data: "other.csv",
    }];
    let fill = |body: &str| {
        let main = accepted(&head(body));
        let mut dataset = read(&main, "main.csv", "ma,ten\nU1,Một\nU2,Hai\n");
        fill_results(&main, &mut dataset, "main.csv", &sources).map(|()| (main, dataset))
    };
    let allowing = [
        criterion("S", "o.score", "rule = \"at_least\"\nmin = 100"),
        criterion(
            "R",
            "o.rank",
            "rule = \"at_most\"\nmax = 1\nallow_na = true",
        ),
    ]
    .concat();
    let (main, dataset) = fill(&allowing).expect("filled");
    let eval =
        engine::evaluate(&main, &dataset, &VietnameseOrder::new()).expect("representable scores");
    let u1 = eval.units.iter().find(|u| u.id == "U1").expect("U1");
    // The score is read; the rank is N/A, not 0 (which would pass "at most 1").
    assert_eq!(u1.criteria[0].points, Decimal::ONE);
    assert_eq!(u1.criteria[1].status, Status::NotApplicable);
    let u2 = eval.units.iter().find(|u| u.id == "U2").expect("U2");
    assert_eq!(
        u2.criteria[1].points,
        Decimal::ONE,
        "U2 is first of the units considered"
    );
    let strict = criterion("R", "o.rank", "rule = \"at_most\"\nmax = 1");
    let problems = fill(&strict).expect_err("no N/A allowed").problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.en().contains("\"U1\""), "{problems:?}");
    assert!(
        problems[0].message.en().contains("\"o.rank\""),
        "{problems:?}"
    );
}
