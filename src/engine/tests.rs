//! Engine tests across modules (quotas, ties, rescaling, caps).
//!
//! Each test writes a small criteria set and data file inline, loads both
//! through the real loaders, evaluates, and checks the `Evaluation` against
//! values computed by hand in the comments.

use rust_decimal::Decimal;

use super::evaluate;
use super::explain::explain;
use super::rating::Shortfall;
use super::rules::Target;
use crate::collate::VietnameseOrder;
use crate::i18n::Lang;
use crate::load::data::{DecimalChoice, bind};
use crate::load::parse_criteria;
use crate::load::table::read_csv;
use crate::load::text::DecimalStyle;
use crate::model::*;

mod ranking;

fn d(s: &str) -> Decimal {
    s.parse().expect("test literal")
}

/// `format`, `[set]` (with `extra` set keys) and `[columns]` (with `cols` extra lines).
fn head(extra: &str, cols: &str) -> String {
    format!(
        "format = 1\n[set]\nid = \"t\"\ntitle = \"Test\"\n{extra}\n[columns]\nid = \"ma\"\nname = \"ten\"\n{cols}\n"
    )
}

fn load(toml: &str, csv: &str) -> (CriteriaSet, Dataset) {
    let set = parse_criteria("t.toml", toml).unwrap_or_else(|e| {
        panic!(
            "criteria rejected:\n{}",
            crate::load::problem::problems_text(&e.problems, Lang::En)
        )
    });
    let table = read_csv("t.csv", csv, None).unwrap_or_else(|e| {
        panic!(
            "csv rejected:\n{}",
            crate::load::problem::problems_text(&e, Lang::En)
        )
    });
    let data =
        bind(&set, &table, DecimalChoice::Explicit(DecimalStyle::Point)).unwrap_or_else(|e| {
            panic!(
                "data rejected:\n{}",
                crate::load::problem::problems_text(&e.problems, Lang::En)
            )
        });
    (set, data)
}

fn run(toml: &str, csv: &str) -> (CriteriaSet, Evaluation) {
    let (set, data) = load(toml, csv);
    let eval = evaluate(&set, &data, &VietnameseOrder::new()).expect("scores");
    (set, eval)
}

fn unit<'a>(e: &'a Evaluation, id: &str) -> &'a UnitResult {
    e.units
        .iter()
        .find(|u| u.id == id)
        .unwrap_or_else(|| panic!("no unit {id}"))
}

fn rating<'a>(set: &'a CriteriaSet, u: &UnitResult) -> &'a str {
    &set.rating(u.rating).id
}

fn before<'a>(set: &'a CriteriaSet, u: &UnitResult) -> &'a str {
    &set.rating(u.rating_before_quota).id
}

/// (id, rank, rating) in listed order.
fn table<'a>(set: &'a CriteriaSet, e: &'a Evaluation) -> Vec<(&'a str, u32, &'a str)> {
    e.units
        .iter()
        .map(|u| (u.id.as_str(), u.rank, rating(set, u)))
        .collect()
}

/// One `direct` criterion worth 100 points read from column `d`: the data's
/// value is the score. Ratings and ranking are appended by the caller.
fn scored_by_value(extra_set: &str, cols: &str, rest: &str) -> String {
    format!(
        "{}
[[criteria]]
id = \"K\"
title = \"k\"
indicator = \"d\"
points = 100
rule = \"direct\"
{rest}",
        head(extra_set, cols)
    )
}

/// A CSV `ma,ten,d` with one row per (id, name, value).
fn rows(list: &[(&str, &str, &str)]) -> String {
    let mut s = String::from("ma,ten,d\n");
    for (id, name, v) in list {
        s.push_str(&format!("{id},{name},{v}\n"));
    }
    s
}

// ---------------------------------------------------------------- rounding

#[test]
fn each_criterion_is_rounded_half_away_from_zero_before_summing() {
    let toml = format!(
        "{}
[[criteria]]
id = \"K1\"
title = \"linear\"
indicator = \"x\"
points = 2
rule = \"linear\"
zero = 0
full = 200

[[criteria]]
id = \"K2\"
title = \"direct\"
indicator = \"y\"
points = 2
rule = \"direct\"

[[ratings]]
id = \"ALL\"
title = \"all\"
",
        head("", "")
    );
    // U1: K1 = 2 × 100.5 ÷ 200 = 1.005 → 1.01; K2 = 1.005 → 1.01.
    //     earned = 2.02 (summing first would give 2.01).
    // U2: K1 = 2 × 0.5 ÷ 200 = 0.005 → 0.01; K2 = 0.125 → 0.13 (half-even
    //     would give 0.00 and 0.12). earned = 0.14.
    let (_, e) = run(&toml, "ma,ten,x,y\nU1,Một,100.5,1.005\nU2,Hai,0.5,0.125\n");
    let u1 = unit(&e, "U1");
    assert_eq!(u1.criteria[0].points, d("1.01"));
    assert_eq!(u1.criteria[1].points, d("1.01"));
    assert_eq!(u1.earned, d("2.02"));
    assert_eq!(u1.score, d("2.02"));
    let u2 = unit(&e, "U2");
    assert_eq!(u2.criteria[0].points, d("0.01"));
    assert_eq!(u2.criteria[1].points, d("0.13"));
    assert_eq!(u2.score, d("0.14"));
}

#[test]
fn precision_sets_the_decimal_places() {
    // precision = 1: 0.25 → 0.3 (half away; half-even gives 0.2), 0.34 → 0.3.
    let toml = scored_by_value(
        "precision = 1",
        "",
        "[[ratings]]\nid = \"A\"\ntitle = \"a\"\n",
    );
    let (_, e) = run(
        &toml,
        &rows(&[("U1", "Một", "0.25"), ("U2", "Hai", "0.34")]),
    );
    assert_eq!(unit(&e, "U1").score, d("0.3"));
    assert_eq!(unit(&e, "U2").score, d("0.3"));
    // precision = 0: 2.5 → 3.
    let toml = scored_by_value(
        "precision = 0",
        "",
        "[[ratings]]\nid = \"A\"\ntitle = \"a\"\n",
    );
    let (_, e) = run(&toml, &rows(&[("U1", "Một", "2.5")]));
    assert_eq!(unit(&e, "U1").score, d("3"));
}

// ---------------------------------------------------------------- N/A

const NA_SET: &str = "
[[criteria]]
id = \"A\"
title = \"yes\"
indicator = \"a\"
points = 4
rule = \"yes\"

[[criteria]]
id = \"B\"
title = \"may be N/A\"
indicator = \"b\"
points = 3
rule = \"at_least\"
min = 90
allow_na = true

[[criteria]]
id = \"C\"
title = \"linear\"
indicator = \"c\"
points = 3
rule = \"linear\"
zero = 0
full = 100

[[ratings]]
id = \"ALL\"
title = \"all\"
";

#[test]
fn not_applicable_rescales_to_the_full_maximum() {
    let toml = format!("{}{NA_SET}", head("", ""));
    let (_, e) = run(&toml, "ma,ten,a,b,c\nU1,Một,có,N/A,50\nU2,Hai,có,95,50\n");
    // U1: A 4, B N/A, C 3 × 0.5 = 1.5 → earned 5.5 of applicable 7 (full 10):
    //     base = 5.5 × 10 ÷ 7 = 7.857142… → 7.86.
    let u1 = unit(&e, "U1");
    assert_eq!(u1.criteria[1].status, Status::NotApplicable);
    assert_eq!(u1.criteria[1].points, Decimal::ZERO);
    assert!(!u1.criteria[1].met);
    assert_eq!(u1.earned, d("5.5"));
    assert_eq!(u1.applicable_max, d("7"));
    assert_eq!(u1.full_max, d("10"));
    assert_eq!(u1.base, d("7.86"));
    assert_eq!(u1.score, d("7.86"));
    assert!(u1.is_rescaled());
    // met: A (4 ≥ 4); C is 1.5 < 3. Applicable: A, C.
    assert_eq!((u1.met, u1.applicable), (1, 2));
    // U2: nothing N/A: base = earned = 4 + 3 + 1.5 = 8.5, no rescaling.
    let u2 = unit(&e, "U2");
    assert_eq!(u2.base, d("8.5"));
    assert!(!u2.is_rescaled());
    assert_eq!((u2.met, u2.applicable), (2, 3));
}

#[test]
fn the_rescaled_base_is_rounded_half_away_from_zero() {
    let toml = format!(
        "{}
[[criteria]]
id = \"K\"
title = \"direct\"
indicator = \"k\"
points = 8
rule = \"direct\"

[[criteria]]
id = \"N\"
title = \"n/a\"
indicator = \"n\"
points = 2
rule = \"yes\"
allow_na = true

[[ratings]]
id = \"ALL\"
title = \"all\"
",
        head("", "")
    );
    // earned 0.02 of 8 → 0.02 × 10 ÷ 8 = 0.025 → 0.03 (half-even: 0.02).
    let (_, e) = run(&toml, "ma,ten,k,n\nU1,Một,0.02,N/A\n");
    assert_eq!(unit(&e, "U1").base, d("0.03"));
}

#[test]
fn everything_not_applicable_gives_a_base_of_zero() {
    let toml = format!(
        "{}
[[criteria]]
id = \"A\"
title = \"a\"
indicator = \"a\"
points = 4
rule = \"yes\"
allow_na = true

[[criteria]]
id = \"B\"
title = \"b\"
indicator = \"b\"
points = 6
rule = \"at_least\"
min = 1
allow_na = true

[[adjustments]]
id = \"T\"
title = \"bonus\"
indicator = \"t\"
kind = \"bonus\"
per = 2

[[ratings]]
id = \"ALL\"
title = \"all\"
",
        head("", "")
    );
    let (_, e) = run(&toml, "ma,ten,a,b,t\nU1,Một,N/A,KAD,1\n");
    let u = unit(&e, "U1");
    assert_eq!(u.applicable_max, Decimal::ZERO);
    assert_eq!(u.earned, Decimal::ZERO);
    assert_eq!(u.base, Decimal::ZERO);
    // The bonus still counts: 2 × 1.
    assert_eq!(u.score, d("2"));
    assert_eq!((u.met, u.applicable), (0, 0));
}

#[test]
fn derived_zero_denominator_follows_when_zero() {
    let toml = format!(
        "{}
[[indicators]]
id = \"ty_le\"
ratio = [\"kp\", \"xr\"]
when_zero = \"not_applicable\"

[[indicators]]
id = \"bien_dong\"
change = [\"nay\", \"truoc\"]
when_zero = 0

[[criteria]]
id = \"R\"
title = \"ratio\"
indicator = \"ty_le\"
points = 5
rule = \"at_least\"
min = 75
allow_na = true

[[criteria]]
id = \"C\"
title = \"change\"
indicator = \"bien_dong\"
points = 5
rule = \"at_most\"
max = -10

[[ratings]]
id = \"ALL\"
title = \"all\"
",
        head("", "")
    );
    // U1: 3 ÷ 4 = 75% ≥ 75 → 5; change (9 − 10) ÷ 10 = −10% ≤ −10 → 5.
    // U2: 0 ÷ 0 → N/A; 5 vs 0 last year → when_zero = 0, not ≤ −10 → 0.
    //     base = 0 × 10 ÷ 5 = 0.
    let (_, e) = run(
        &toml,
        "ma,ten,kp,xr,nay,truoc\nU1,Một,3,4,9,10\nU2,Hai,0,0,5,0\n",
    );
    let u1 = unit(&e, "U1");
    assert_eq!(u1.criteria[0].value.as_decimal(), Some(d("75")));
    assert_eq!(u1.criteria[1].value.as_decimal(), Some(d("-10")));
    assert_eq!(u1.score, d("10"));
    let u2 = unit(&e, "U2");
    assert_eq!(u2.criteria[0].status, Status::NotApplicable);
    assert_eq!(u2.criteria[1].value, Value::Number(d("0")));
    assert_eq!(u2.score, Decimal::ZERO);
    assert_eq!(u2.applicable_max, d("5"));
}

// ---------------------------------------------------------------- missing

#[test]
fn missing_zero_scores_zero_and_flags_the_criterion() {
    let toml = format!(
        "{}
[[criteria]]
id = \"A\"
title = \"a\"
indicator = \"a\"
points = 2
rule = \"yes\"

[[criteria]]
id = \"B\"
title = \"b\"
indicator = \"b\"
points = 3
rule = \"at_least\"
min = 50

[[ratings]]
id = \"ALL\"
title = \"all\"
",
        head("missing = \"zero\"", "")
    );
    let (_, e) = run(&toml, "ma,ten,a,b\nU1,Một,,60\n");
    let u = unit(&e, "U1");
    let a = &u.criteria[0];
    assert_eq!(a.status, Status::Missing);
    assert_eq!(a.value, Value::Missing);
    assert_eq!(a.points, Decimal::ZERO);
    assert!(!a.met);
    // Missing is not N/A: it stays in the applicable maximum, no rescaling.
    // earned = 0 + 3 = 3 of 5.
    assert_eq!(u.applicable_max, d("5"));
    assert_eq!(u.base, d("3"));
    assert_eq!((u.met, u.applicable), (1, 2));
}

// ---------------------------------------------------------------- adjustments

#[test]
fn adjustments_per_value_caps_and_floor() {
    let toml = scored_by_value(
        "bonus_cap = 5\ndeduction_cap = 4",
        "",
        "
[[adjustments]]
id = \"T1\"
title = \"bằng khen\"
indicator = \"bk\"
kind = \"bonus\"
per = 2

[[adjustments]]
id = \"T2\"
title = \"chiến công\"
indicator = \"cc\"
kind = \"bonus\"
cap = 3

[[adjustments]]
id = \"R1\"
title = \"vi phạm\"
indicator = \"vp\"
kind = \"deduction\"
per = 1.5

[[adjustments]]
id = \"R2\"
title = \"báo cáo trễ\"
indicator = \"bc\"
kind = \"deduction\"
cap = 2

[[ratings]]
id = \"ALL\"
title = \"all\"
",
    )
    .replace("points = 100", "points = 10");
    let csv = "ma,ten,d,bk,cc,vp,bc
U1,Một,10,1,5,0,0
U2,Hai,10,2,4,0,0
U3,Ba,2,0,0,2,5
U4,Bốn,8,,0,1,0
U5,Năm,9,1,1,1,1
";
    let (_, e) = run(&toml, csv);
    // U1: T1 2 × 1 = 2, T2 min(5, 3) = 3 → bonus 5 (= cap); score 10 + 5 = 15 > full_max 10.
    let u1 = unit(&e, "U1");
    assert_eq!(u1.adjustments[0].amount, d("2"));
    assert_eq!(u1.adjustments[1].uncapped, d("5"));
    assert_eq!(u1.adjustments[1].amount, d("3"));
    assert_eq!(u1.bonus_total, d("5"));
    assert_eq!(u1.bonus, d("5"));
    assert_eq!(u1.score, d("15"));
    assert!(u1.score > e.full_max);
    // U2: T1 4, T2 min(4, 3) = 3 → 7, set-wide cap 5 → score 15.
    let u2 = unit(&e, "U2");
    assert_eq!(u2.bonus_total, d("7"));
    assert_eq!(u2.bonus, d("5"));
    assert_eq!(u2.score, d("15"));
    // U3: R1 1.5 × 2 = 3, R2 min(5, 2) = 2 → 5, cap 4 → 2 − 4 < 0 → floored at 0.
    let u3 = unit(&e, "U3");
    assert_eq!(u3.adjustments[3].amount, d("2"));
    assert_eq!(u3.deductions_total, d("5"));
    assert_eq!(u3.deductions, d("4"));
    assert_eq!(u3.score, Decimal::ZERO);
    // U4: a blank bonus counts 0; R1 1.5 → 8 − 1.5 = 6.5.
    let u4 = unit(&e, "U4");
    assert_eq!(u4.adjustments[0].value, Value::Missing);
    assert_eq!(u4.bonus, Decimal::ZERO);
    assert_eq!(u4.score, d("6.5"));
    // U5: 9 + (2 + 1) − (1.5 + 1) = 9.5.
    assert_eq!(unit(&e, "U5").score, d("9.5"));
}

// ---------------------------------------------------------------- gates

#[test]
fn gates_pass_or_fail_and_a_failed_gate_blocks_an_all_gates_rating() {
    let toml = scored_by_value(
        "",
        "",
        "
[[gates]]
id = \"G1\"
title = \"no discipline\"
indicator = \"kl\"
rule = \"at_most\"
max = 0

[[gates]]
id = \"G2\"
title = \"registered\"
indicator = \"dk\"
rule = \"yes\"

[[gates]]
id = \"G3\"
title = \"movement not weak\"
indicator = \"pt\"
rule = \"levels\"
levels = { \"Tốt\" = 1, \"Khá\" = 1, \"Yếu\" = 0 }

[[ratings]]
id = \"TOP\"
title = \"top\"
min_score = 90
all_gates = true

[[ratings]]
id = \"MID\"
title = \"mid\"
min_score = 90

[[ratings]]
id = \"LOW\"
title = \"low\"
",
    );
    let csv = "ma,ten,d,kl,dk,pt
U1,Một,95,0,có,Khá
U2,Hai,95,1,có,Tốt
U3,Ba,95,0,không,Yếu
U4,Bốn,80,0,có,Tốt
";
    let (set, e) = run(&toml, csv);
    let u1 = unit(&e, "U1");
    assert!(u1.gates.iter().all(|g| g.passed));
    assert_eq!(rating(&set, u1), "TOP");
    let u2 = unit(&e, "U2");
    assert_eq!(u2.gates_failed().collect::<Vec<_>>(), [0]);
    assert_eq!(rating(&set, u2), "MID");
    let u3 = unit(&e, "U3");
    assert_eq!(u3.gates_failed().collect::<Vec<_>>(), [1, 2]);
    assert_eq!(u3.gates_failed_count(), 2);
    assert_eq!(rating(&set, u3), "MID");
    // Gates earn nothing: the score is the criterion's alone.
    assert_eq!(u3.score, d("95"));
    assert_eq!(rating(&set, unit(&e, "U4")), "LOW");
}

// ---------------------------------------------------------------- ratings

#[test]
fn min_score_boundary_is_inclusive() {
    let toml = scored_by_value(
        "",
        "",
        "
[[ratings]]
id = \"HI\"
title = \"hi\"
min_score = 90

[[ratings]]
id = \"LO\"
title = \"lo\"
",
    );
    let (set, e) = run(
        &toml,
        &rows(&[
            ("U1", "Một", "89.99"),
            ("U2", "Hai", "90"),
            ("U3", "Ba", "90.00"),
        ]),
    );
    assert_eq!(rating(&set, unit(&e, "U1")), "LO");
    assert_eq!(rating(&set, unit(&e, "U2")), "HI");
    assert_eq!(rating(&set, unit(&e, "U3")), "HI");
}

const THREE_YES: &str = "
[[criteria]]
id = \"K1\"
title = \"k1\"
indicator = \"a\"
rule = \"yes\"

[[criteria]]
id = \"K2\"
title = \"k2\"
indicator = \"b\"
rule = \"yes\"
allow_na = true

[[criteria]]
id = \"K3\"
title = \"k3\"
indicator = \"c\"
rule = \"yes\"
";

#[test]
fn min_met_all_met_required_and_fallback() {
    let toml = format!(
        "{}{THREE_YES}
[[ratings]]
id = \"ALLMET\"
title = \"every applicable criterion met\"
all_met = true

[[ratings]]
id = \"REQ\"
title = \"K2 required, one met\"
min_met = 1
required = [\"K2\"]

[[ratings]]
id = \"TWO\"
title = \"two met\"
min_met = 2

[[ratings]]
id = \"NONE\"
title = \"fallback\"
",
        head("", "")
    );
    let csv = "ma,ten,a,b,c
U1,Một,có,có,có
U2,Hai,có,N/A,có
U3,Ba,có,không,có
U4,Bốn,không,N/A,có
U5,Năm,không,có,không
U6,Sáu,không,không,có
";
    let (set, e) = run(&toml, csv);
    let got: Vec<(&str, &str)> = ["U1", "U2", "U3", "U4", "U5", "U6"]
        .iter()
        .map(|id| (*id, rating(&set, unit(&e, id))))
        .collect();
    assert_eq!(
        got,
        [
            // all three met
            ("U1", "ALLMET"),
            // K2 N/A: the two applicable ones are met
            ("U2", "ALLMET"),
            // K2 not met blocks ALLMET and REQ; two met → TWO
            ("U3", "TWO"),
            // K1 unmet; K2 N/A does not block REQ; one met ≥ 1
            ("U4", "REQ"),
            // K2 met, one met: REQ
            ("U5", "REQ"),
            // one met, K2 unmet: nothing but the fallback
            ("U6", "NONE"),
        ]
    );
}
