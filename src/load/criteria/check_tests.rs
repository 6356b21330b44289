//! The checker at its boundaries, and its two callers agreeing: the same
//! mistake made in a criteria file and with `--set` is refused in the same
//! words.

use super::*;
use crate::i18n::{Lang, Message};
use crate::load::overrides::apply_overrides;
use crate::load::parse_criteria;

fn d(s: &str) -> Decimal {
    s.parse().expect("test literal")
}

/// A small valid set touching every kind of item an override can change.
const BASE: &str = r#"format = 1
[set]
id = "x"
title = "x"
[columns]
id = "ma"
name = "ten"
[[criteria]]
id = "A1"
title = "a"
indicator = "a"
points = 4
rule = "linear"
zero = 50
full = 100
[[criteria]]
id = "A2"
title = "b"
indicator = "b"
points = 3
rule = "steps"
steps = [{ at_least = 90, points = 3 }, { at_least = 50, points = 1 }]
[[criteria]]
id = "A3"
title = "c"
indicator = "c"
points = 2
rule = "levels"
levels = { "Tốt" = 2, "Khá" = 1 }
[[adjustments]]
id = "T1"
title = "t"
indicator = "t"
kind = "bonus"
per = 1
cap = 5
[[ratings]]
id = "R"
title = "r"
min_score = 1
min_met = 2
quota = 0.2
[[ratings]]
id = "S"
title = "s"
"#;

/// One constraint each: the file edited to break it (`from` → `to`), and
/// the `--set` argument breaking it in the valid set.
const CASES: &[(&str, &str, &str, &str)] = &[
    // (what, from, to, --set)
    ("points above 0", "points = 4", "points = 0", "A1.points=0"),
    (
        "pass within the points",
        "points = 4",
        "points = 4\npass = 5",
        "A1.pass=5",
    ),
    (
        "pass not negative",
        "points = 4",
        "points = 4\npass = -1",
        "A1.pass=-1",
    ),
    (
        "linear ends differ",
        "full = 100",
        "full = 50",
        "A1.full=50",
    ),
    (
        "linear ends differ (zero)",
        "zero = 50",
        "zero = 100",
        "A1.zero=100",
    ),
    (
        "a step within the points",
        "points = 3\nrule",
        "points = 2\nrule",
        "A2.points=2",
    ),
    (
        "a label within the points",
        "points = 2\nrule",
        "points = 1\nrule",
        "A3.points=1",
    ),
    ("adjustment per above 0", "per = 1", "per = 0", "T1.per=0"),
    (
        "adjustment cap not negative",
        "cap = 5",
        "cap = -0.5",
        "T1.cap=-0.5",
    ),
    (
        "bonus cap not negative",
        "title = \"x\"",
        "title = \"x\"\nbonus_cap = -1",
        "bonus_cap=-1",
    ),
    (
        "deduction cap not negative",
        "title = \"x\"",
        "title = \"x\"\ndeduction_cap = -2",
        "deduction_cap=-2",
    ),
    ("quota a share", "quota = 0.2", "quota = 1.5", "R.quota=1.5"),
    (
        "quota not negative",
        "quota = 0.2",
        "quota = -0.1",
        "R.quota=-0.1",
    ),
    (
        "min_met within the criteria",
        "min_met = 2",
        "min_met = 4",
        "R.min_met=4",
    ),
    (
        "the last rating has no conditions",
        "title = \"s\"",
        "title = \"s\"\nmin_score = 10",
        "S.min_score=10",
    ),
    (
        "the last rating has no quota",
        "title = \"s\"",
        "title = \"s\"\nquota = 0.5",
        "S.quota=0.5",
    ),
];

fn messages(rejected: &crate::load::Rejected) -> Vec<crate::load::problem::ProblemMessage> {
    rejected
        .problems
        .iter()
        .map(|p| p.message.clone())
        .collect()
}

#[test]
fn the_file_and_the_command_line_refuse_each_mistake_in_the_same_words() {
    let valid = parse_criteria("x.toml", BASE).expect("the base set is valid");
    for &(what, from, to, argument) in CASES {
        assert_eq!(BASE.matches(from).count(), 1, "{what}: edit one place");
        let file = BASE.replacen(from, to, 1);
        let in_file = parse_criteria("x.toml", &file).expect_err(what);
        let on_command_line = apply_overrides(&valid, &[argument.to_string()]).expect_err(what);
        assert_eq!(messages(&in_file), messages(&on_command_line), "{what}");
        assert_eq!(
            in_file.problems.len(),
            1,
            "{what}: one mistake, one message"
        );
        let problem = &on_command_line.problems[0];
        assert_eq!(problem.file, "--set", "{what}");
        assert_eq!(problem.value.as_deref(), Some(argument), "{what}");
    }
}

#[test]
fn the_file_points_at_the_line_of_the_key_found_wrong() {
    let file = BASE
        .replacen("full = 100", "full = 50", 1)
        .replacen("points = 3\nrule", "points = 2\nrule", 1)
        .replacen("quota = 0.2", "quota = 2", 1);
    let rejected = parse_criteria("x.toml", &file).expect_err("three mistakes");
    let line_of = |needle: &str| {
        file.lines()
            .position(|l| l.starts_with(needle))
            .map(|l| l + 1)
    };
    let lines: Vec<Option<usize>> = rejected.problems.iter().map(|p| p.line).collect();
    assert_eq!(
        lines,
        vec![
            line_of("full = 50"),
            line_of("steps = "),
            line_of("quota = 2")
        ]
    );
    assert_eq!(
        rejected.problems[1].value.as_deref(),
        Some("3"),
        "the step's points"
    );
}

#[test]
fn the_checker_runs_even_when_other_parts_of_the_file_are_wrong() {
    // An unknown ranking key does not hide a wrong figure.
    let file = BASE.replacen("per = 1", "per = 0", 1) + "[ranking]\norder = [\"scroe\"]\n";
    let rejected = parse_criteria("x.toml", &file).expect_err("two mistakes");
    let english: Vec<String> = rejected.problems.iter().map(|p| p.message.en()).collect();
    assert_eq!(english.len(), 2, "{english:?}");
    assert!(
        english[0].contains("\"per\" must be greater than 0"),
        "{english:?}"
    );
    assert!(english[1].contains("unknown ranking key"), "{english:?}");
}

#[test]
fn on_a_set_built_in_part_nothing_is_counted_against_the_missing_items() {
    // A1 reads the id column and is left out of the set built for the
    // checker; min_met = 3 still counts it, so only A1's mistake is told.
    let file = BASE
        .replacen("indicator = \"a\"", "indicator = \"ma\"", 1)
        .replacen("min_met = 2", "min_met = 3", 1);
    let rejected = parse_criteria("x.toml", &file).expect_err("A1 is wrong");
    let english: Vec<String> = rejected.problems.iter().map(|p| p.message.en()).collect();
    assert_eq!(
        english,
        ["\"ma\" is the unit's id/name/cluster column, not an indicator"]
    );
}

fn findings(set: &CriteriaSet) -> Vec<(Place, String)> {
    check(set)
        .into_iter()
        .map(|f| (f.at, f.message.words(Lang::En).into_owned()))
        .collect()
}

#[test]
fn a_valid_set_has_no_findings() {
    let set = parse_criteria("x.toml", BASE).expect("valid");
    assert_eq!(findings(&set), vec![]);
}

#[test]
fn each_figure_at_its_boundaries() {
    let valid = parse_criteria("x.toml", BASE).expect("valid");
    let refused = |change: &dyn Fn(&mut CriteriaSet)| {
        let mut set = valid.clone();
        change(&mut set);
        !check(&set).is_empty()
    };
    assert!(!refused(&|s| s.criteria[0].points = d("0.01")));
    assert!(refused(&|s| s.criteria[0].points = d("0")));
    assert!(refused(&|s| s.criteria[0].points = d("-1")));
    assert!(!refused(&|s| s.criteria[0].pass = PassMark::Points(d("0"))));
    assert!(!refused(&|s| s.criteria[0].pass = PassMark::Points(d("4"))));
    assert!(refused(
        &|s| s.criteria[0].pass = PassMark::Points(d("4.01"))
    ));
    assert!(refused(
        &|s| s.criteria[0].pass = PassMark::Points(d("-0.01"))
    ));
    assert!(refused(&|s| s.criteria[0].rule = Rule::Linear {
        zero: d("50"),
        full: d("50.0")
    }));
    assert!(
        !refused(&|s| s.criteria[1].points = d("3")),
        "a step at the points"
    );
    assert!(refused(&|s| s.criteria[1].points = d("2.99")));
    assert!(!refused(&|s| s.adjustments[0].cap = Some(d("0"))));
    assert!(
        !refused(&|s| s.adjustments[0].cap = Some(d("-0.00"))),
        "minus zero is zero"
    );
    assert!(refused(&|s| s.adjustments[0].cap = Some(d("-0.01"))));
    assert!(!refused(&|s| s.bonus_cap = Some(d("0"))));
    let quota = |share: &str| {
        let share = d(share);
        move |s: &mut CriteriaSet| {
            if let Some(q) = s.ratings[0].quota.as_mut() {
                q.share = share;
            }
        }
    };
    assert!(!refused(&quota("0")));
    assert!(!refused(&quota("1")));
    assert!(refused(&quota("1.01")));
    assert!(refused(&quota("-0.1")));
    assert!(
        !refused(&|s| s.ratings[0].min_met = Some(3)),
        "every criterion"
    );
    assert!(refused(&|s| s.ratings[0].min_met = Some(4)));
}

#[test]
fn each_finding_names_its_item_and_key() {
    let mut set = parse_criteria("x.toml", BASE).expect("valid");
    set.criteria[1].points = d("2");
    set.ratings[1].min_score = Some(d("1"));
    set.adjustments[0].per = d("-1");
    let places: Vec<Place> = check(&set).into_iter().map(|f| f.at).collect();
    assert_eq!(
        places,
        vec![
            Place {
                item: Item::Criterion(1),
                key: Some("steps"),
                part: Some(0)
            },
            Place {
                item: Item::Adjustment(0),
                key: Some("per"),
                part: None
            },
            Place {
                item: Item::Rating(1),
                key: None,
                part: None
            },
        ]
    );
}

#[test]
fn wrong_points_hide_no_other_figure_but_the_marks_measured_against_them() {
    let mut set = parse_criteria("x.toml", BASE).expect("valid");
    set.criteria[1].points = d("0");
    let english: Vec<String> = findings(&set).into_iter().map(|(_, m)| m).collect();
    assert_eq!(
        english,
        vec!["\"points\" must be greater than 0".to_string()]
    );
}

#[test]
fn messages_are_in_both_languages() {
    let message = positive("per", d("0")).expect_err("refused");
    assert_eq!(message.words(Lang::Vi), "\"per\" phải lớn hơn 0");
    assert_eq!(message.words(Lang::En), "\"per\" must be greater than 0");
}

/// The constraints `--set` cannot reach, each met in a file: what is
/// inserted before the first rating, or an edit, and the one message.
const FILE_ONLY: &[(&str, &str, &str)] = &[
    (
        "at_target a share",
        "[[criteria]]\nid = \"A4\"\ntitle = \"d\"\nindicator = \"d\"\nrule = \"target\"\ntarget = 100\nscope = \"all\"\nat_target = 1.5\n",
        "\"at_target\" is the share of the points earned exactly at target, from 0 to 1 (e.g. 0.5)",
    ),
    (
        "a relative scope by cluster needs clusters",
        "[[criteria]]\nid = \"A4\"\ntitle = \"d\"\nindicator = \"d\"\nrule = \"relative\"\nscope = \"cluster\"\n",
        "\"scope = \\\"cluster\\\"\" needs a cluster column ([columns] cluster = …)",
    ),
    (
        "a downgrade drops a rating at least",
        "[[downgrades]]\nid = \"H\"\ntitle = \"h\"\nindicator = \"h\"\nsteps = 0\n",
        "\"steps\" (ratings dropped) must be 1 or more",
    ),
    (
        "a gate earns no points",
        "[[gates]]\nid = \"G\"\ntitle = \"g\"\nindicator = \"g\"\nrule = \"direct\"\n",
        "a gate cannot use rule \"direct\" (gates earn no points)",
    ),
    (
        "a gate reads its own unit",
        "[[gates]]\nid = \"G\"\ntitle = \"g\"\nindicator = \"g\"\nrule = \"relative\"\nscope = \"all\"\n",
        "a gate cannot use rule \"relative\" (a gate reads the unit's own figures only)",
    ),
    (
        "a range in order",
        "[[criteria]]\nid = \"A4\"\ntitle = \"d\"\nindicator = \"d\"\nrule = \"at_least\"\nmin = 1\nrange = [100, 0]\n",
        "\"range\": the first number (the lowest value) must be below the second (the highest)",
    ),
    (
        "a range bounds numbers",
        "[[criteria]]\nid = \"A4\"\ntitle = \"d\"\nindicator = \"d\"\nrule = \"yes\"\nrange = [0, 1]\n",
        "\"range\" applies to number columns; rules \"yes\" and \"levels\" check their values already",
    ),
    (
        "a range bounds a column typed in",
        "[[indicators]]\nid = \"r\"\nratio = [\"a\", \"b\"]\n[[criteria]]\nid = \"A4\"\ntitle = \"d\"\nindicator = \"r\"\nrule = \"at_least\"\nmin = 1\nrange = [0, 100]\n",
        "\"range\" checks a data column typed in, and \"r\" is a derived indicator (computed); put \"range\" on criteria reading the columns it is computed from",
    ),
    (
        "whole numbers are numbers",
        "[[criteria]]\nid = \"A4\"\ntitle = \"d\"\nindicator = \"d\"\nrule = \"levels\"\nlevels = { \"Tốt\" = 1 }\nwhole = true\n",
        "\"whole\" applies to number columns; rules \"yes\" and \"levels\" check their values already",
    ),
    (
        "whole numbers are typed in",
        "[[indicators]]\nid = \"r\"\nratio = [\"a\", \"b\"]\n[[gates]]\nid = \"G\"\ntitle = \"g\"\nindicator = \"r\"\nrule = \"at_least\"\nmin = 1\nwhole = true\n",
        "\"whole\" checks a data column typed in, and \"r\" is a derived indicator (computed); put \"whole\" on criteria reading the columns it is computed from",
    ),
    (
        "direct points come from a column",
        "[[indicators]]\nid = \"r\"\nratio = [\"a\", \"b\"]\n[[criteria]]\nid = \"A4\"\ntitle = \"d\"\nindicator = \"r\"\nrule = \"direct\"\n",
        "rule \"direct\" takes the points from a data column, not from a derived indicator",
    ),
    (
        "a quota counts this rating or a lower one",
        "[[ratings]]\nid = \"Q\"\ntitle = \"q\"\nmin_score = 0\n[[ratings]]\nid = \"P\"\ntitle = \"p\"\nmin_score = 0\nquota = 0.5\nquota_of = \"Q\"\n",
        "\"quota_of\" must be this rating or a lower one, not \"Q\"",
    ),
    (
        "a quota by cluster needs clusters",
        "[[ratings]]\nid = \"Q\"\ntitle = \"q\"\nmin_score = 0\nquota = 0.5\nquota_scope = \"cluster\"\n",
        "\"quota_scope = \\\"cluster\\\"\" needs a cluster column ([columns] cluster = …)",
    ),
];

#[test]
fn every_constraint_only_a_file_can_break_has_its_one_message() {
    for &(what, inserted, expected) in FILE_ONLY {
        let file = BASE.replacen("[[ratings]]", &format!("{inserted}[[ratings]]"), 1);
        let rejected = parse_criteria("x.toml", &file).expect_err(what);
        let english: Vec<String> = rejected.problems.iter().map(|p| p.message.en()).collect();
        assert_eq!(english, [expected], "{what}");
        assert!(rejected.problems[0].line.is_some(), "{what}: a line");
    }
    // The points of a step or a label: 0 or more.
    for (from, to, expected) in [
        (
            "points = 1 }",
            "points = -1 }",
            "a step's points must not be negative",
        ),
        (
            "\"Khá\" = 1",
            "\"Khá\" = -1",
            "a label's points must not be negative",
        ),
    ] {
        let rejected = parse_criteria("x.toml", &BASE.replacen(from, to, 1)).expect_err(expected);
        let english: Vec<String> = rejected.problems.iter().map(|p| p.message.en()).collect();
        assert_eq!(english, [expected]);
    }
}

#[test]
fn a_step_no_value_can_reach_is_refused_naming_the_steps_before_it() {
    let english = |steps: &str| -> Vec<String> {
        let file = BASE.replacen(
            "steps = [{ at_least = 90, points = 3 }, { at_least = 50, points = 1 }]",
            steps,
            1,
        );
        match parse_criteria("x.toml", &file) {
            Ok(_) => Vec::new(),
            Err(rejected) => rejected.problems.iter().map(|p| p.message.en()).collect(),
        }
    };
    // The higher bound listed second: every value ≥ 90 is ≥ 70 first.
    let shadowed =
        english("steps = [{ at_least = 70, points = 1 }, { at_least = 90, points = 3 }]");
    assert_eq!(shadowed.len(), 1, "{shadowed:?}");
    assert!(
        shadowed[0].starts_with(
            "this step never applies: the earlier step ≥ 70 takes every value it would"
        ),
        "{shadowed:?}"
    );
    let falling = english("steps = [{ at_most = 5, points = 1 }, { at_most = 2, points = 3 }]");
    assert!(
        falling[0].contains("the earlier step ≤ 5 takes"),
        "{falling:?}"
    );
    // Two earlier bounds that meet take every value.
    let covered = english(
        "steps = [{ at_least = 5, points = 1 }, { at_most = 5, points = 2 }, { at_least = 0, points = 3 }]",
    );
    assert!(
        covered[0].contains("the earlier steps ≥ 5 and ≤ 5 take"),
        "{covered:?}"
    );
    // Listed from the highest down, or tied, or of both kinds apart: fine.
    for fine in [
        "steps = [{ at_least = 90, points = 3 }, { at_least = 70, points = 1 }]",
        "steps = [{ at_most = 2, points = 3 }, { at_most = 5, points = 1 }]",
        "steps = [{ at_least = 10, points = 3 }, { at_most = 2, points = 3 }, { at_least = 5, points = 1 }]",
    ] {
        assert_eq!(english(fine), Vec::<String>::new(), "{fine}");
    }
    // In Vietnamese too.
    let file = BASE.replacen(
        "steps = [{ at_least = 90, points = 3 }, { at_least = 50, points = 1 }]",
        "steps = [{ at_least = 70, points = 1 }, { at_least = 90, points = 3 }]",
        1,
    );
    let rejected = parse_criteria("x.toml", &file).expect_err("shadowed");
    assert!(
        rejected.problems[0]
            .message
            .vi()
            .contains("bậc này không bao giờ được áp dụng: bậc ≥ 70 ở trước")
    );
}
