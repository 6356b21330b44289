//! The relative rules at and around every boundary: the formulas one by
//! one, then whole sets through the real loaders and the engine.

use rust_decimal::Decimal;

use super::*;
use crate::collate::VietnameseOrder;
use crate::engine::evaluate;
use crate::i18n::Lang;
use crate::load::data::{ReadOptions, read_data};
use crate::load::parse_criteria;
use crate::model::{BlankTarget, CriteriaSet, Evaluation, Status};

fn d(s: &str) -> Decimal {
    s.parse().expect("test literal")
}

fn x(s: &str) -> Exact {
    Exact::whole(d(s))
}

const HIGHER_CLUSTER: Relative = Relative {
    direction: Direction::Higher,
    scope: RelativeScope::Cluster,
};
const LOWER_CLUSTER: Relative = Relative {
    direction: Direction::Lower,
    scope: RelativeScope::Cluster,
};

/// `target` points: P = 10, s = 0.5, to 4 places.
fn target(relative: Relative, a: &str, t: &str, leader: &str) -> Decimal {
    points(
        relative,
        Some(d("0.5")),
        d("10"),
        x(a),
        Some(x(t)),
        Some(x(leader)),
        4,
    )
}

/// `relative` points: P = 10, to 4 places.
fn relative(direction: Direction, a: &str, best: &str) -> Decimal {
    let relative = Relative {
        direction,
        scope: RelativeScope::All,
    };
    points(relative, None, d("10"), x(a), None, Some(x(best)), 4)
}

#[test]
fn target_higher_at_just_below_and_just_above_the_target() {
    // T = 80, the leader at 100.
    assert_eq!(target(HIGHER_CLUSTER, "80", "80", "100"), d("5"));
    // 10 × 0.5 × 79.99 ÷ 80 = 4.999375 → 4.9994
    assert_eq!(target(HIGHER_CLUSTER, "79.99", "80", "100"), d("4.9994"));
    // 5 + 5 × 0.01 ÷ 20 = 5.0025
    assert_eq!(target(HIGHER_CLUSTER, "80.01", "80", "100"), d("5.0025"));
    // Halfway between target and leader: 7.5.
    assert_eq!(target(HIGHER_CLUSTER, "90", "80", "100"), d("7.5"));
    assert_eq!(target(HIGHER_CLUSTER, "0", "80", "100"), d("0"));
}

#[test]
fn the_leader_and_those_tied_with_it_earn_all_the_points() {
    assert_eq!(target(HIGHER_CLUSTER, "100", "80", "100"), d("10"));
    assert_eq!(target(LOWER_CLUSTER, "2", "10", "2"), d("10"));
    assert_eq!(relative(Direction::Higher, "96", "96"), d("10"));
    assert_eq!(relative(Direction::Lower, "3", "3"), d("10"));
}

#[test]
fn target_lower_mirrors_the_table() {
    // T = 10 cases, the lowest in the scope 5.
    assert_eq!(target(LOWER_CLUSTER, "10", "10", "5"), d("5"));
    // 10 × 0.5 × 10 ÷ 12 = 4.1666… → 4.1667
    assert_eq!(target(LOWER_CLUSTER, "12", "10", "5"), d("4.1667"));
    // 5 + 5 × (10 − 8) ÷ (10 − 5) = 7
    assert_eq!(target(LOWER_CLUSTER, "8", "10", "5"), d("7"));
    assert_eq!(target(LOWER_CLUSTER, "9.99", "10", "5"), d("5.01"));
    assert_eq!(target(LOWER_CLUSTER, "10.01", "10", "5"), d("4.995"));
}

#[test]
fn a_target_of_zero() {
    // Higher: 0 at 0 is at target; above it, up to the leader.
    assert_eq!(target(HIGHER_CLUSTER, "0", "0", "4"), d("5"));
    assert_eq!(target(HIGHER_CLUSTER, "2", "0", "4"), d("7.5"));
    // Nothing below a target of 0 earns a share.
    assert_eq!(target(HIGHER_CLUSTER, "-1", "0", "4"), d("0"));
    // Lower (e.g. no serious case allowed): 0 is at target, any case is
    // short of it and earns nothing.
    assert_eq!(target(LOWER_CLUSTER, "0", "0", "0"), d("5"));
    assert_eq!(target(LOWER_CLUSTER, "1", "0", "0"), d("0"));
}

#[test]
fn a_negative_target_for_a_fall_in_crime() {
    // Crime must fall by at least 5% (T = −5); the best fell by 15%.
    assert_eq!(target(LOWER_CLUSTER, "-5", "-5", "-15"), d("5"));
    assert_eq!(target(LOWER_CLUSTER, "-10", "-5", "-15"), d("7.5"));
    assert_eq!(target(LOWER_CLUSTER, "-15", "-5", "-15"), d("10"));
    // Short of a target at or below 0 there is no proportional share.
    assert_eq!(target(LOWER_CLUSTER, "-4.9", "-5", "-15"), d("0"));
    assert_eq!(target(LOWER_CLUSTER, "3", "-5", "-15"), d("0"));
}

#[test]
fn at_target_shares_of_one_and_zero() {
    let with = |s: &str, a: &str| {
        points(
            HIGHER_CLUSTER,
            Some(d(s)),
            d("10"),
            x(a),
            Some(x("100")),
            Some(x("100")),
            2,
        )
    };
    // Reaching a 100% target is all there is: at_target = 1 gives it all.
    assert_eq!(with("1", "100"), d("10"));
    assert_eq!(with("1", "90"), d("9"));
    assert_eq!(with("0", "100"), d("0"));
}

#[test]
fn relative_zero_cases_are_as_the_contract_writes_them() {
    // Higher: a best of 0 gives everyone 0.
    assert_eq!(relative(Direction::Higher, "0", "0"), d("0"));
    assert_eq!(relative(Direction::Higher, "48", "96"), d("5"));
    // Lower: 0 earns all (nobody can do better); A > 0 with a best of 0
    // earns nothing; otherwise P × min ÷ A.
    assert_eq!(relative(Direction::Lower, "0", "0"), d("10"));
    assert_eq!(relative(Direction::Lower, "2", "0"), d("0"));
    assert_eq!(relative(Direction::Lower, "4", "1"), d("2.5"));
}

#[test]
fn points_are_one_exact_fraction_rounded_half_away_from_zero() {
    // 10 × 0.5 × 1 ÷ 8 = 0.625 exactly: 0.63, not 0.62.
    let p = points(
        HIGHER_CLUSTER,
        Some(d("0.5")),
        d("10"),
        x("1"),
        Some(x("8")),
        Some(x("9")),
        2,
    );
    assert_eq!(p, d("0.63"));
    // A derived ratio 100 × 46 ÷ 48 (95.8333…) against a best of 100:
    // 3 × 95.8333… ÷ 100 = 2.875 exactly, 2.88.
    let ratio = Exact {
        num: d("4600"),
        den: d("48"),
    };
    let relative = Relative {
        direction: Direction::Higher,
        scope: RelativeScope::All,
    };
    let p = points(relative, None, d("3"), ratio, None, Some(x("100")), 2);
    assert_eq!(p, d("2.88"));
}

#[test]
fn extreme_values_stay_within_the_points_without_overflowing() {
    let huge = Exact {
        num: Decimal::MAX,
        den: d("3"),
    };
    let tiny = Exact {
        num: d("1"),
        den: Decimal::MAX,
    };
    for (a, t, best) in [
        (huge, x("5"), huge),
        (tiny, huge, huge),
        (x("-79228162514264337593543950335"), x("1"), huge),
        (huge, tiny, x("1")),
    ] {
        for relative in [HIGHER_CLUSTER, LOWER_CLUSTER] {
            for at_target in [Some(d("0.5")), None] {
                let p = points(relative, at_target, d("10"), a, Some(t), Some(best), 2);
                assert!(p >= Decimal::ZERO && p <= d("10"), "{p}");
            }
        }
    }
}

#[test]
fn an_exact_fraction_compares_and_adds_exactly() {
    let third = Exact {
        num: d("1"),
        den: d("3"),
    };
    assert!(third.cmp(x("0.3333333333")).is_gt());
    assert!(
        third
            .add(third)
            .and_then(|s| s.add(third))
            .map(|s| s.cmp(Exact::ONE))
            == Some(Ordering::Equal)
    );
    assert_eq!(third.rounded(2), d("0.33"));
}

// ------------------------------------------------------------------ whole sets

const SET: &str = r#"format = 1
[set]
id = "t"
title = "Test"
precision = 2

[columns]
id = "ma"
name = "ten"
cluster = "cum"

[[criteria]]
id = "K"
title = "Khám phá"
indicator = "kp"
unit = "%"
points = 10
rule = "target"
target = "kp_ct"

[[criteria]]
id = "R"
title = "Vận động"
indicator = "vd"
points = 4
rule = "relative"
scope = "all"
allow_na = true

[[criteria]]
id = "T"
title = "Tội phạm"
indicator = "tp"
points = 6
rule = "target"
target = 10
direction = "lower"

[[ratings]]
id = "A"
title = "A"
min_score = 15

[[ratings]]
id = "B"
title = "B"
"#;

fn eval_of(toml: &str, csv: &str) -> (CriteriaSet, Evaluation) {
    let set = parse_criteria("t.toml", toml).unwrap_or_else(|e| {
        panic!(
            "{}",
            crate::load::problem::problems_text(&e.problems, Lang::En)
        )
    });
    let data = read_data(&set, "t.csv", csv.as_bytes(), &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{}", rejected_text(e)));
    let eval = evaluate(&set, &data, &VietnameseOrder::new()).expect("representable scores");
    (set, eval)
}

fn rejected_text(e: crate::load::data::ReadError) -> String {
    match e {
        crate::load::data::ReadError::Rejected(r) => {
            crate::load::problem::problems_text(&r.problems, Lang::En)
        }
        other => other.to_string(),
    }
}

fn pts<'a>(e: &'a Evaluation, id: &str, criterion: usize) -> &'a crate::model::CriterionResult {
    let unit = e.units.iter().find(|u| u.id == id).expect("the unit");
    &unit.criteria[criterion]
}

const DATA: &str = "ma,ten,cum,kp,kp_ct,vd,tp
a,A,C1,80,80,50,10
b,B,C1,100,80,100,5
c,C,C1,70,,N/A,12
d,D,C1,35,,20,14
e,E,C2,60,75,0,10
";

#[test]
fn a_set_scores_each_unit_against_its_scope() {
    let (set, e) = eval_of(SET, DATA);
    assert!(set.is_relative());
    // K: a at its target (5), b the cluster's leader (10); c and d have no
    // target and are compared with each other: 10 × 35 ÷ 70 = 5 for d.
    assert_eq!(pts(&e, "a", 0).points, d("5"));
    // Reaching the target is meeting the criterion (no `pass` given).
    assert!(pts(&e, "a", 0).met);
    assert_eq!(pts(&e, "b", 0).points, d("10"));
    assert_eq!(pts(&e, "c", 0).points, d("10"));
    assert_eq!(pts(&e, "d", 0).points, d("5"));
    // e is alone in C2 and short of its target: 10 × 0.5 × 60 ÷ 75 = 4.
    assert_eq!(pts(&e, "e", 0).points, d("4"));
    assert!(!pts(&e, "e", 0).met);
    // A relative rule is met with all its points, by the best only.
    assert!(pts(&e, "b", 1).met && !pts(&e, "a", 1).met);
    // R, over all units: c is N/A and takes no part; the best is 100.
    assert_eq!(pts(&e, "a", 1).points, d("2"));
    assert_eq!(pts(&e, "c", 1).status, Status::NotApplicable);
    assert_eq!(pts(&e, "d", 1).points, d("0.8"));
    assert_eq!(pts(&e, "e", 1).points, d("0"));
    // T, lower with a target of 10: b is C1's lowest (full), a at target,
    // c above it: 6 × 0.5 × 10 ÷ 12 = 2.5.
    assert_eq!(pts(&e, "b", 2).points, d("6"));
    assert_eq!(pts(&e, "a", 2).points, d("3"));
    assert_eq!(pts(&e, "c", 2).points, d("2.5"));
    // The figures the points came from.
    let k = pts(&e, "a", 0).reference.expect("a reference");
    assert_eq!(k.target, Some(Value::Number(d("80"))));
    assert_eq!(k.best, Some(Value::Number(d("100"))));
    assert_eq!(k.compared, 2);
    let k = pts(&e, "d", 0).reference.expect("a reference");
    assert_eq!(
        (k.target, k.best, k.compared),
        (None, Some(Value::Number(d("70"))), 2)
    );
    let r = pts(&e, "c", 1).reference.expect("a reference");
    assert_eq!((r.best, r.compared), (Some(Value::Number(d("100"))), 4));
}

#[test]
fn a_scope_of_one_unit_leads_itself() {
    let csv = "ma,ten,cum,kp,kp_ct,vd,tp\na,A,C1,90,80,7,4\n";
    let (_, e) = eval_of(SET, csv);
    assert_eq!(pts(&e, "a", 0).points, d("10"));
    assert_eq!(pts(&e, "a", 1).points, d("4"));
    assert_eq!(pts(&e, "a", 2).points, d("6"));
}

#[test]
fn when_every_value_is_zero() {
    let csv = "ma,ten,cum,kp,kp_ct,vd,tp\na,A,C1,0,0,0,0\nb,B,C1,0,0,0,0\n";
    let (_, e) = eval_of(SET, csv);
    for id in ["a", "b"] {
        // At a target of 0: the share at target. Relative, best 0: nothing.
        assert_eq!(pts(&e, id, 0).points, d("5"));
        assert_eq!(pts(&e, id, 1).points, d("0"));
        // Lower, 0 cases against a target of 10, and both lead.
        assert_eq!(pts(&e, id, 2).points, d("6"));
    }
}

#[test]
fn a_blank_under_missing_zero_earns_nothing_and_is_outside_the_scope() {
    let toml = SET.replace("precision = 2", "precision = 2\nmissing = \"zero\"");
    let csv = "ma,ten,cum,kp,kp_ct,vd,tp\na,A,C1,90,80,,4\nb,B,C1,95,80,8,4\n";
    let (_, e) = eval_of(&toml, csv);
    assert_eq!(pts(&e, "a", 1).status, Status::Missing);
    assert_eq!(pts(&e, "a", 1).points, d("0"));
    let r = pts(&e, "b", 1).reference.expect("a reference");
    assert_eq!((r.compared, r.best), (1, Some(Value::Number(d("8")))));
    assert_eq!(pts(&e, "b", 1).points, d("4"));
}

#[test]
fn no_target_error_rejects_a_blank_target() {
    let toml = SET.replace(
        "target = \"kp_ct\"",
        "target = \"kp_ct\"\nno_target = \"error\"",
    );
    let set = parse_criteria("t.toml", &toml).expect("a valid set");
    let error = read_data(&set, "t.csv", DATA.as_bytes(), &ReadOptions::default())
        .expect_err("c and d have no target");
    let text = rejected_text(error);
    assert_eq!(text.matches("no_target").count(), 2, "{text}");
    assert!(text.contains("no_target = \"error\""), "{text}");
}

#[test]
fn the_loader_explains_what_is_wrong_with_a_relative_rule() {
    let rejected = |from: &str, to: &str| {
        let toml = SET.replacen(from, to, 1);
        let e = parse_criteria("t.toml", &toml).expect_err("rejected");
        crate::load::problem::problems_text(&e.problems, Lang::En)
    };
    assert!(
        rejected("target = \"kp_ct\"", "target = \"kp_ct\"\nat_target = 1.5").contains("at_target")
    );
    assert!(rejected("target = 10", "target = 10\ndirection = \"up\"").contains("direction"));
    assert!(rejected("scope = \"all\"", "scope = \"province\"").contains("scope"));
    assert!(rejected("target = \"kp_ct\"\n", "").contains("needs the key \"target\""));
    assert!(
        rejected("target = \"kp_ct\"", "target = \"kp_ct\"\nmin = 3").contains("does not apply")
    );
    let toml = SET
        .replace("cluster = \"cum\"\n", "")
        .replace("scope = \"all\"", "scope = \"cluster\"");
    let e = parse_criteria("t.toml", &toml).expect_err("no cluster column");
    assert!(crate::load::problem::problems_text(&e.problems, Lang::En).contains("cluster column"));
    assert!(rejected("target = 10", "target = true").contains("a quoted column name, or a number"));
    assert!(rejected("target = 10", "target = 10\nno_target = \"maybe\"").contains("no_target"));
    // A column of targets: blank means "no target", unless every unit must have one.
    let blank_of = |toml: &str| {
        parse_criteria("t.toml", toml)
            .expect("valid")
            .inputs
            .into_iter()
            .find(|i| i.column == "kp_ct")
            .map(|i| i.blank_target)
    };
    assert_eq!(blank_of(SET), Some(BlankTarget::NoTarget));
    let required = SET.replace(
        "target = \"kp_ct\"",
        "target = \"kp_ct\"\nno_target = \"error\"",
    );
    assert_eq!(blank_of(&required), Some(BlankTarget::Required));
    let gate = SET.replace(
        "[[ratings]]",
        "[[gates]]\nid = \"G\"\ntitle = \"G\"\nindicator = \"g\"\nrule = \"relative\"\n\n[[ratings]]",
    );
    let e = parse_criteria("t.toml", &gate).expect_err("rejected");
    assert!(
        crate::load::problem::problems_text(&e.problems, Lang::En)
            .contains("a gate cannot use rule \"relative\"")
    );
}

#[test]
fn without_a_cluster_column_the_scope_is_every_unit() {
    let toml = SET
        .replace("cluster = \"cum\"\n", "")
        .replace("scope = \"all\"\n", "");
    let csv = "ma,ten,kp,kp_ct,vd,tp\na,A,80,80,5,10\nb,B,100,80,10,5\nc,C,90,85,1,4\n";
    let (set, e) = eval_of(&toml, csv);
    assert!(set.criteria.iter().all(|c| {
        c.rule
            .relative()
            .is_none_or(|r| r.scope == RelativeScope::All)
    }));
    assert_eq!(pts(&e, "b", 0).points, d("10"));
    // 5 + 5 × (90 − 85) ÷ (100 − 85) = 6.67
    assert_eq!(pts(&e, "c", 0).points, d("6.67"));
}

#[test]
fn a_unit_left_out_of_the_scopes_is_scored_against_them() {
    let (set, _) = eval_of(SET, DATA);
    let data = read_data(&set, "t.csv", DATA.as_bytes(), &ReadOptions::default()).expect("data");
    let views = || data.units.iter().map(|u| u.view()).enumerate();
    // b (the leader of C1 on K and the best on R) is left out.
    let refs = references(&set, views(), &|i, _| i != 1);
    let a = data.units[0].view();
    let mut derived = Vec::new();
    derive_into(&set, a.values, &mut derived);
    let (outcome, reference) = refs
        .score(0, &set.criteria[0], &a, &derived, 2)
        .expect("relative");
    // a is now alone in C1 among units with a target, at its target.
    assert_eq!(outcome, Outcome::Points(d("5")));
    assert_eq!(
        (reference.best, reference.compared),
        (Some(Value::Number(d("80"))), 1)
    );
    // b itself, outside: beyond the leader, clamped to the criterion's points.
    let b = data.units[1].view();
    derive_into(&set, b.values, &mut derived);
    let (outcome, _) = refs
        .score(1, &set.criteria[1], &b, &derived, 2)
        .expect("relative");
    assert_eq!(outcome, Outcome::Points(d("4")));
    // Criteria scored on a unit's own row have no references.
    assert!(References::none(&set).applies(0));
    assert!(!References::none(&set).applies(7));
}

/// A unit not considered this year ("chưa xét") is scored against the
/// scopes but never sets a scope's best: here the excluded unit x has the
/// best result of all, yet b stays the leader and earns all the points.
#[test]
fn a_unit_not_considered_takes_no_part_in_the_scopes() {
    let set = SET.replace(
        "[[ratings]]\nid = \"A\"",
        "[[exclusions]]\nid = \"X1\"\ntitle = \"Chờ xét kỷ luật\"\nindicator = \"cho_xet\"\n\n[[ratings]]\nid = \"A\"",
    );
    let data = "ma,ten,cum,kp,kp_ct,vd,tp,cho_xet
a,A,C1,80,80,50,10,không
b,B,C1,90,80,100,5,không
x,X,C1,100,80,200,1,có
e,E,C2,60,75,0,10,không
";
    let (_, e) = eval_of(&set, data);
    // K in C1: b leads among the units considered (x's 100 is left out).
    assert_eq!(pts(&e, "b", 0).points, d("10"));
    let k = pts(&e, "b", 0).reference.expect("a reference");
    assert_eq!(k.best, Some(Value::Number(d("90"))));
    // R over all: the best considered is b's 100, so a earns 4 × 50 ÷ 100.
    assert_eq!(pts(&e, "a", 1).points, d("2"));
    // x itself is scored against the same scopes, at or beyond the leader.
    assert_eq!(pts(&e, "x", 0).points, d("10"));
    assert_eq!(pts(&e, "x", 1).points, d("4"));
}
