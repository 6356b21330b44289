//! Loader tests: criteria checks and data binding.
//!
//! Every check of docs/criteria-format.md is exercised on a small inline file and
//! asserted with its line AND column (1-based, counted by hand from the
//! literal); every rule of §2 on a small inline CSV.

use rust_decimal::Decimal;

use super::data::{DecimalChoice, bind};
use super::data::{ReadError, ReadOptions, read_data};
use super::table::read_csv;
use super::text::DecimalStyle;
use super::*;
use crate::i18n::Lang;
use crate::model::*;

mod data;
mod size;

fn d(s: &str) -> Decimal {
    s.parse().expect("test literal")
}

/// The problems of a criteria file that must be rejected.
fn problems(src: &str) -> Vec<Problem> {
    match parse_criteria("c.toml", src) {
        Ok(_) => panic!("the file was accepted:\n{src}"),
        Err(e) => e.problems,
    }
}

/// The single problem of a file with exactly one mistake.
fn one(src: &str) -> Problem {
    let ps = problems(src);
    assert_eq!(ps.len(), 1, "expected one problem, got:\n{}", show(&ps));
    ps.into_iter().next().unwrap()
}

fn show(ps: &[Problem]) -> String {
    crate::load::problem::problems_text(ps, Lang::En)
}

/// (line, column) of a criteria-file problem; both must be present.
fn at(p: &Problem) -> (usize, usize) {
    let line = p.line.expect("a line");
    match p.column {
        Some(Column::Number(c)) => (line, c),
        ref other => panic!("expected a column number, got {other:?}"),
    }
}

fn accepted(src: &str) -> CriteriaSet {
    parse_criteria("c.toml", src).unwrap_or_else(|e| panic!("rejected:\n{}", show(&e.problems)))
}

/// A valid head: lines 1–8.
const HEAD: &str = "format = 1

[set]
id = \"t\"
title = \"Test\"

[columns]
id = \"ma\"
name = \"ten\"
";

/// A valid fallback rating to close a file.
const FALLBACK: &str = "
[[ratings]]
id = \"ALL\"
title = \"Everyone\"
";

fn file(body: &str) -> String {
    format!("{HEAD}{body}{FALLBACK}")
}

// ---------------------------------------------------------------- criteria file

#[test]
fn a_valid_minimal_file_loads_with_defaults() {
    let set = accepted(&file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
rule = \"yes\"
",
    ));
    assert_eq!(set.id, "t");
    assert_eq!(set.precision, 2);
    assert_eq!(set.missing, MissingPolicy::Error);
    assert_eq!(set.criteria[0].points, Decimal::ONE, "points default to 1");
    assert_eq!(
        set.criteria[0].pass,
        PassMark::AllPoints,
        "pass defaults to all the points"
    );
    assert_eq!(set.ranking, vec![RankKey::Score], "default ranking order");
    assert_eq!(set.ratings.len(), 1);
}

#[test]
fn unknown_key_in_set_with_did_you_mean() {
    // Line 6, column 1: the key itself.
    let p = one(
        "format = 1\n\n[set]\nid = \"t\"\ntitle = \"T\"\npricision = 3\n\n[columns]\nid = \"ma\"\nname = \"ten\"\n[[ratings]]\nid = \"A\"\ntitle = \"a\"\n",
    );
    assert_eq!(at(&p), (6, 1));
    assert!(
        p.message.en().contains("unknown key \"pricision\""),
        "{p:?}"
    );
    assert!(
        p.message.en().contains("Did you mean \"precision\"?"),
        "{p:?}"
    );
    assert!(p.message.vi().contains("Có phải ý bạn là \"precision\"?"));
}

#[test]
fn unknown_key_in_a_criterion_and_at_the_root() {
    // HEAD is lines 1-9, a blank line 10, [[criteria]] on 11 ...
    let src = file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
  pionts = 2
rule = \"yes\"

[rankng]
order = [\"score\"]
",
    );
    let ps = problems(&src);
    assert_eq!(ps.len(), 2, "{}", show(&ps));
    // Indented key: column 3.
    assert_eq!(at(&ps[0]), (15, 3));
    assert!(ps[0].message.en().contains("Did you mean \"points\"?"));
    assert_eq!(at(&ps[1]), (18, 2), "the table name inside [ ]");
    assert!(ps[1].message.en().contains("Did you mean \"ranking\"?"));
}

#[test]
fn unknown_key_far_from_every_known_one_has_no_suggestion() {
    let p = one(&file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
rule = \"yes\"
zzzzzz = 1
",
    ));
    assert_eq!(at(&p), (16, 1));
    assert!(p.message.en().contains("unknown key \"zzzzzz\""));
    assert!(!p.message.en().contains("Did you mean"));
}

#[test]
fn duplicate_ids_are_reported_at_the_second_one() {
    let src = file(
        "
[[groups]]
id = \"A\"
title = \"a\"

[[groups]]
id = \"A\"
title = \"again\"

[[criteria]]
id = \"K1\"
group = \"A\"
title = \"k\"
indicator = \"x\"
rule = \"yes\"

[[criteria]]
id = \"K1\"
group = \"A\"
title = \"k again\"
indicator = \"y\"
rule = \"yes\"

[[gates]]
id = \"K1\"
title = \"gate with a criterion's id\"
indicator = \"z\"
rule = \"yes\"
",
    );
    let ps = problems(&src);
    assert_eq!(ps.len(), 3, "{}", show(&ps));
    // Line 16 `id = "A"` (second group), value at column 6.
    assert_eq!(at(&ps[0]), (16, 6));
    assert!(ps[0].message.en().contains("duplicate group id \"A\""));
    assert_eq!(at(&ps[1]), (27, 6));
    assert!(
        ps[1]
            .message
            .en()
            .contains("duplicate criterion/gate/adjustment id \"K1\"")
    );
    assert_eq!(at(&ps[2]), (34, 6), "a gate shares the criteria's ids");
}

#[test]
fn duplicate_rating_ids() {
    let src = format!(
        "{HEAD}
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
rule = \"yes\"

[[ratings]]
id = \"R\"
title = \"r\"
min_score = 1

[[ratings]]
id = \"R\"
title = \"r again\"
"
    );
    let p = one(&src);
    assert_eq!(at(&p), (23, 6));
    assert!(p.message.en().contains("duplicate rating id \"R\""));
}

#[test]
fn unknown_group_reference() {
    let p = one(&file(
        "
[[groups]]
id = \"A\"
title = \"a\"

[[criteria]]
id = \"K1\"
group = \"B\"
title = \"k\"
indicator = \"x\"
rule = \"yes\"
",
    ));
    // `group = "B"`: the string starts at column 9.
    assert_eq!(at(&p), (17, 9));
    assert!(
        p.message.en().contains("no group has the id \"B\""),
        "{p:?}"
    );
    assert!(p.message.en().contains("Did you mean \"A\"?"));
}

#[test]
fn unknown_criterion_in_required_and_in_ranking() {
    let src = format!(
        "{HEAD}
[[groups]]
id = \"GA\"
title = \"g\"

[[criteria]]
id = \"K1\"
group = \"GA\"
title = \"k\"
indicator = \"x\"
rule = \"yes\"

[[ratings]]
id = \"TOP\"
title = \"top\"
required = [\"K1\", \"K2\"]

[[ratings]]
id = \"REST\"
title = \"rest\"

[ranking]
order = [\"score\", \"criterion:K9\", \"group:GB\", \"scor\"]
"
    );
    let ps = problems(&src);
    assert_eq!(ps.len(), 4, "{}", show(&ps));
    // required = ["K1", "K2"]: "K2" starts at column 19.
    assert_eq!(at(&ps[0]), (25, 19));
    assert!(
        ps[0]
            .message
            .en()
            .contains("no criterion has the id \"K2\"")
    );
    assert!(ps[0].message.en().contains("Did you mean \"K1\"?"));
    // order = ["score", "criterion:K9", "group:GB", "scor"]
    //          10       19               35          47
    assert_eq!(at(&ps[1]), (32, 19));
    assert!(
        ps[1]
            .message
            .en()
            .contains("no criterion has the id \"K9\"")
    );
    assert_eq!(at(&ps[2]), (32, 35));
    assert!(ps[2].message.en().contains("no group has the id \"GB\""));
    assert_eq!(at(&ps[3]), (32, 47));
    assert!(ps[3].message.en().contains("unknown ranking key \"scor\""));
    assert!(ps[3].message.en().contains("Did you mean \"score\"?"));
}

#[test]
fn unknown_rating_in_quota_of() {
    let src = format!(
        "{HEAD}
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
rule = \"yes\"

[[ratings]]
id = \"HTXS\"
title = \"top\"
min_score = 1
quota = 0.2
quota_of = \"HTTT\"

[[ratings]]
id = \"HTT\"
title = \"rest\"
"
    );
    let p = one(&src);
    assert_eq!(at(&p), (22, 12));
    assert!(
        p.message.en().contains("no rating has the id \"HTTT\""),
        "{p:?}"
    );
    assert!(p.message.en().contains("Did you mean \"HTT\"?"));
}

#[test]
fn quota_of_a_better_rating_is_rejected() {
    let src = format!(
        "{HEAD}
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
rule = \"yes\"

[[ratings]]
id = \"A\"
title = \"a\"
min_score = 1

[[ratings]]
id = \"B\"
title = \"b\"
min_score = 0.5
quota = 0.5
quota_of = \"A\"

[[ratings]]
id = \"C\"
title = \"c\"
"
    );
    let p = one(&src);
    assert_eq!(at(&p), (27, 12));
    assert!(
        p.message
            .en()
            .contains("must be this rating or a lower one")
    );
}

#[test]
fn every_rule_missing_its_fields_is_reported_at_its_table() {
    let src = file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"a\"
rule = \"at_least\"

[[criteria]]
id = \"K2\"
title = \"k\"
indicator = \"b\"
rule = \"at_most\"

[[criteria]]
id = \"K3\"
title = \"k\"
indicator = \"c\"
rule = \"linear\"
zero = 1

[[criteria]]
id = \"K4\"
title = \"k\"
indicator = \"d\"
rule = \"steps\"

[[criteria]]
id = \"K5\"
title = \"k\"
indicator = \"e\"
rule = \"levels\"

[[criteria]]
id = \"K6\"
title = \"k\"
indicator = \"f\"
rule = \"deduct\"

[[criteria]]
id = \"K7\"
title = \"k\"
indicator = \"g\"
",
    );
    let ps = problems(&src);
    let got: Vec<(usize, usize, bool)> = ps
        .iter()
        .map(|p| {
            let (l, c) = at(p);
            (l, c, p.message.en().contains("need"))
        })
        .collect();
    // Each [[criteria]] header, column 1: lines 11, 17, 23, 30, 36, 42, 48.
    assert_eq!(
        got,
        vec![
            (11, 1, true),
            (17, 1, true),
            (23, 1, true),
            (30, 1, true),
            (36, 1, true),
            (42, 1, true),
            (48, 1, false),
        ],
        "{}",
        show(&ps)
    );
    assert!(
        ps[0]
            .message
            .en()
            .contains("rule \"at_least\" needs the key \"min\"")
    );
    assert!(
        ps[1]
            .message
            .en()
            .contains("rule \"at_most\" needs the key \"max\"")
    );
    assert!(
        ps[2]
            .message
            .en()
            .contains("rule \"linear\" needs the key \"full\"")
    );
    assert!(ps[3].message.en().contains("rule \"steps\" needs"));
    assert!(ps[4].message.en().contains("rule \"levels\" needs"));
    assert!(
        ps[5]
            .message
            .en()
            .contains("rule \"deduct\" needs the key \"per\"")
    );
    assert!(
        ps[6]
            .message
            .en()
            .contains("missing the required key \"rule\"")
    );
}

#[test]
fn a_field_of_another_rule_is_reported() {
    let p = one(&file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
rule = \"at_least\"
min = 1
max = 3
",
    ));
    assert_eq!(at(&p), (17, 7));
    assert!(
        p.message
            .en()
            .contains("\"max\" does not apply to rule \"at_least\"")
    );
}

#[test]
fn unknown_rule_has_a_suggestion() {
    let p = one(&file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
rule = \"at_lest\"
min = 1
",
    ));
    assert_eq!(at(&p), (15, 8));
    assert!(p.message.en().contains("unknown rule \"at_lest\""));
    assert!(p.message.en().contains("Did you mean \"at_least\"?"));
}

/// A criterion that cannot be built (its rule misspelt, its column
/// unknown) still has its points and pass mark checked, in the same run.
#[test]
fn a_misspelt_rule_does_not_hide_the_criterions_points() {
    let ps = problems(&file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
rule = \"at_lest\"
min = 1
points = -3

[[criteria]]
id = \"K2\"
title = \"k\"
indicator = \"y\"
rule = \"at_least\"
min = 1
points = 2
pass = 5
",
    ));
    let said: Vec<(usize, usize, String)> = ps
        .iter()
        .map(|p| {
            let (line, column) = at(p);
            (line, column, p.message.en())
        })
        .collect();
    assert_eq!(said.len(), 3, "{}", show(&ps));
    assert!(said[0].2.contains("unknown rule \"at_lest\""), "{said:?}");
    assert_eq!((said[1].0, said[1].1), (17, 10));
    assert!(
        said[1].2.contains("\"points\" must be greater than 0"),
        "{said:?}"
    );
    assert_eq!(said[2].0, 26);
    assert!(said[2].2.contains("pass"), "{said:?}");
}

/// Written too incompletely to be read (no indicator, no title), a
/// criterion still has its points and pass mark checked in the same run.
#[test]
fn a_criterion_without_its_indicator_or_title_still_has_its_points_checked() {
    let ps = problems(&file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
rule = \"yes\"
points = -1

[[criteria]]
id = \"K2\"
indicator = \"y\"
rule = \"yes\"
points = 2
pass = 9
",
    ));
    let said: Vec<(usize, String)> = ps
        .iter()
        .map(|p| (p.line.unwrap_or(0), p.message.en()))
        .collect();
    assert_eq!(said.len(), 4, "{}", show(&ps));
    assert!(
        said.iter()
            .any(|(line, m)| *line == 15 && m.contains("\"points\" must be greater than 0")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|(line, m)| *line == 22 && m.contains("pass")),
        "{said:?}"
    );
}

#[test]
fn zero_equal_to_full_is_reported_at_full() {
    let p = one(&file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
rule = \"linear\"
zero = 80
full = 80.0
",
    ));
    assert_eq!(at(&p), (17, 8));
    assert!(
        p.message.en().contains("\"zero\" and \"full\" are equal"),
        "{p:?}"
    );
}

#[test]
fn steps_points_above_the_criterion_points() {
    let p = one(&file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
points = 3
rule = \"steps\"
steps = [{ at_least = 90, points = 3 }, { at_least = 70, points = 3.5 }]
",
    ));
    // `steps = [{ at_least = 90, points = 3 }, { at_least = 70, points = ` is 66 chars.
    assert_eq!(at(&p), (17, 67));
    assert!(
        p.message
            .en()
            .contains("this step gives 3.5 points, more than the criterion's 3")
    );
}

#[test]
fn equal_level_keys_share_one_id_across_the_set() {
    let set = accepted(&file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
points = 2
rule = \"levels\"
levels = { \"Tốt\" = 2, \"Khá\" = 1 }

[[criteria]]
id = \"K2\"
title = \"k\"
indicator = \"x\"
points = 3
rule = \"levels\"
levels = { \"KHÁ\" = 3, \"Yếu\" = 0 }
",
    ));
    let ids = |c: usize| -> Vec<(String, u32)> {
        match &set.criteria[c].rule {
            Rule::Levels(levels) => levels.iter().map(|l| (l.key.clone(), l.id)).collect(),
            other => panic!("levels expected, got {other:?}"),
        }
    };
    let (first, second) = (ids(0), ids(1));
    assert_eq!(
        first[1],
        ("khá".to_string(), second[0].1),
        "Khá and KHÁ: one id"
    );
    let mut all: Vec<u32> = vec![first[0].1, first[1].1, second[1].1];
    all.dedup();
    assert_eq!(all.len(), 3, "different keys, different ids");
}

#[test]
fn levels_points_above_the_criterion_points() {
    let p = one(&file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
points = 2
rule = \"levels\"
levels = { \"Tốt\" = 2, \"Khá\" = 5 }
",
    ));
    // `levels = { "Tốt" = 2, "Khá" = ` is 30 characters (33 bytes): columns
    // count characters, so "5" is at column 31.
    assert_eq!(at(&p), (17, 31));
    assert!(p.message.en().contains("the label \"Khá\" gives 5 points"));
}

#[test]
fn pass_above_points() {
    let p = one(&file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
points = 2
pass = 2.5
rule = \"yes\"
",
    ));
    assert_eq!(at(&p), (16, 8));
    assert!(
        p.message
            .en()
            .contains("\"pass\" must be between 0 and the criterion's points (2)")
    );
    // pass = points is fine.
    accepted(&file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
points = 2
pass = 2
rule = \"yes\"
",
    ));
}

#[test]
fn last_rating_with_conditions() {
    let src = format!(
        "{HEAD}
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
rule = \"yes\"

[[ratings]]
id = \"A\"
title = \"a\"
min_score = 1

[[ratings]]
id = \"B\"
title = \"b\"
min_met = 1
"
    );
    let p = one(&src);
    assert_eq!(at(&p), (22, 1), "the [[ratings]] header of the last one");
    assert!(p.message.en().contains("the last rating (\"B\")"));
}

#[test]
fn quota_outside_zero_to_one() {
    for (quota, ok) in [
        ("1.5", false),
        ("-0.1", false),
        ("0", true),
        ("1", true),
        ("0.2", true),
    ] {
        let src = format!(
            "{HEAD}
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
rule = \"yes\"

[[ratings]]
id = \"A\"
title = \"a\"
min_score = 1
quota = {quota}

[[ratings]]
id = \"B\"
title = \"b\"
"
        );
        if ok {
            let set = accepted(&src);
            assert_eq!(set.ratings[0].quota.map(|q| q.share), Some(d(quota)));
        } else {
            let p = one(&src);
            assert_eq!(at(&p), (21, 9), "{quota}");
            assert!(p.message.en().contains("\"quota\" is a share from 0 to 1"));
        }
    }
}

#[test]
fn derived_indicator_referring_to_itself() {
    let p = one(&file(
        "
[[indicators]]
id = \"ty_le\"
ratio = [\"a\", \"ty_le\"]

[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"ty_le\"
rule = \"at_least\"
min = 1
",
    ));
    // ratio = ["a", "ty_le"]: the second operand at column 15.
    assert_eq!(at(&p), (13, 15));
    assert!(
        p.message.en().contains("\"ty_le\" refers to itself"),
        "{p:?}"
    );
}

#[test]
fn derived_indicators_in_a_two_cycle() {
    let ps = problems(&file(
        "
[[indicators]]
id = \"p\"
ratio = [\"q\", \"a\"]

[[indicators]]
id = \"q\"
change = [\"p\", \"b\"]

[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"p\"
rule = \"at_least\"
min = 1
",
    ));
    assert_eq!(ps.len(), 1, "{}", show(&ps));
    // Found while visiting q's operand "p" (line 17, column 11).
    assert_eq!(at(&ps[0]), (17, 11));
    assert!(
        ps[0]
            .message
            .en()
            .contains("refer to each other in a cycle")
    );
}

#[test]
fn a_derived_chain_without_a_cycle_is_fine() {
    let set = accepted(&file(
        "
[[indicators]]
id = \"p\"
ratio = [\"q\", \"a\"]

[[indicators]]
id = \"q\"
change = [\"b\", \"c\"]

[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"p\"
rule = \"at_least\"
min = 1
",
    ));
    // Listed so that each comes after what it reads: q before p.
    let ids: Vec<&str> = set.derived.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["q", "p"]);
}

#[test]
fn three_mistakes_give_exactly_three_problems_in_line_order() {
    let src = file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
points = 2
pass = 3
rule = \"yes\"

[[criteria]]
id = \"K2\"
title = \"k\"
indicator = \"y\"
rule = \"linear\"
zero = 5
full = 5
tresh = 1
",
    );
    let ps = problems(&src);
    assert_eq!(ps.len(), 3, "{}", show(&ps));
    let where_: Vec<(usize, usize)> = ps.iter().map(at).collect();
    assert_eq!(where_, vec![(16, 8), (25, 8), (26, 1)]);
    // Every displayed line carries file:line:col.
    for p in &ps {
        let text = p.display(Lang::En).to_string();
        let (l, c) = at(p);
        assert!(text.starts_with(&format!("c.toml:{l}:{c}: ")), "{text}");
    }
}

#[test]
fn toml_syntax_error_has_line_and_column() {
    let src = "format = 1\n\n[set]\nid = \"t\"\ntitle = \"unterminated\n\n[columns]\n";
    let ps = problems(src);
    assert!(!ps.is_empty());
    let p = &ps[0];
    let (line, col) = at(p);
    assert_eq!(line, 5, "{}", show(&ps));
    assert!(col >= 9, "column points into the string, got {col}");
    assert!(p.message.en().starts_with("TOML syntax error"), "{p:?}");
}

#[test]
fn crlf_files_report_the_same_lines_and_columns() {
    let src = file(
        "
[[criteria]]
id = \"K1\"
title = \"k\"
indicator = \"x\"
  pionts = 2
rule = \"yes\"
",
    )
    .replace('\n', "\r\n");
    let p = one(&src);
    assert_eq!(at(&p), (15, 3));
}

#[test]
fn missing_required_sections_and_keys() {
    let ps = problems("format = 1\n[set]\nid = \"Bad Id\"\n");
    let text = show(&ps);
    assert!(
        text.contains("[set] is missing the required key \"title\""),
        "{text}"
    );
    assert!(
        text.contains("the set id may only hold lowercase"),
        "{text}"
    );
    assert!(
        text.contains("missing the required key \"columns\""),
        "{text}"
    );
    assert!(
        text.contains("at least one [[ratings]] entry is needed"),
        "{text}"
    );
    for p in &ps {
        at(p);
    }
}

#[test]
fn shipped_sets_all_load() {
    for id in shipped::ids() {
        let (file, text) = shipped::find(id).unwrap();
        let set = parse_criteria(file, text).unwrap_or_else(|e| panic!("{}", show(&e.problems)));
        assert_eq!(set.id, id);
    }
}
