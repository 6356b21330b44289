//! Criteria scored against the other units (`target`, `relative`): the
//! example end to end, and what holds for any such set on random data.

use std::collections::BTreeMap;

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;
use wardscore::collate::VietnameseOrder;
use wardscore::engine::evaluate;
use wardscore::load::data::{ReadOptions, read_data};
use wardscore::load::parse_criteria;
use wardscore::model::{CriteriaSet, Evaluation, Status};

use crate::harness::*;

const SET: &str = "examples/chi-tieu-cum.toml";
const DATA: &str = "examples/chi-tieu-2024.csv";

fn json(args: &[&str]) -> Value {
    serde_json::from_str(run(args).ok()).expect("valid JSON")
}

fn by_id(doc: &Value) -> BTreeMap<String, Value> {
    doc["units"]
        .as_array()
        .expect("units")
        .iter()
        .map(|u| (u["id"].as_str().expect("an id").to_string(), u.clone()))
        .collect()
}

fn criterion<'a>(u: &'a Value, id: &str) -> &'a Value {
    u["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .find(|c| c["id"] == id)
        .expect("the criterion")
}

#[test]
fn check_says_the_set_is_relative_and_which_criteria() {
    let out = run(&["check", SET, DATA, "--lang", "en"]);
    let out = out.ok();
    assert!(
        out.contains("Relative set: a unit's points depend on the other units of its scope in K1 (target, within each cluster), K2 (target, within each cluster), K3 (relative to the best, across all units), K4 (relative to the best, across all units)"),
        "{out}"
    );
    assert!(out.contains("8 units, all values valid"), "{out}");
    let vi = run(&["check", SET]);
    assert!(
        vi.ok()
            .contains("Chấm tương đối: điểm của một đơn vị phụ thuộc")
    );
}

#[test]
fn the_example_scores_as_worked_out_by_hand() {
    let doc = json(&["score", SET, DATA, "-f", "json"]);
    let units = by_id(&doc);
    // K1 (10, target per unit, Cụm 1's leader at 90%, Cụm 2's at 95%):
    // P01 80 vs 75: 5 + 5 × 5 ÷ 15 = 6.67; P02 at target: 5; P03 and P05
    // have no target and are compared with each other: 10 and 10 × 60 ÷ 70
    // = 8.57; P04 and P07 lead: 10; P06 85 vs 75: 5 + 5 × 10 ÷ 20 = 7.5;
    // P08 72 vs 75: 10 × 0.5 × 72 ÷ 75 = 4.8.
    // K2 (6, lower, ceilings): P01 12 vs 15 with Cụm 1's lowest 9:
    // 3 + 3 × 3 ÷ 6 = 4.5; P03 18 vs 15: 3 × 15 ÷ 18 = 2.5; P06 20 vs 18: 2.7.
    // K3 (4, relative to 8 models): models ÷ 2. K4 (4, lower, best 0): 0
    // cases earn 4, any case 0; P08 is N/A (rescaled from 20 to 24).
    let expected = [
        ("P01", ["6.67", "4.5", "2", "4"], "17.17", "KHA"),
        ("P02", ["5", "3", "1", "0"], "9", "CHUA_DAT"),
        ("P03", ["10", "2.5", "1.5", "0"], "14", "KHA"),
        ("P04", ["10", "6", "3", "4"], "23", "TOT"),
        ("P05", ["8.57", "3", "0.5", "4"], "16.07", "KHA"),
        ("P06", ["7.5", "2.7", "2.5", "0"], "12.7", "KHA"),
        ("P07", ["10", "6", "4", "0"], "20", "TOT"),
        ("P08", ["4.8", "3", "0", "0"], "9.36", "CHUA_DAT"),
    ];
    for (id, points, score, rating) in expected {
        let u = &units[id];
        for (c, p) in ["K1", "K2", "K3", "K4"].iter().zip(points) {
            assert_eq!(criterion(u, c)["points"], p, "{id} {c}");
        }
        assert_eq!(u["score"], score, "{id}");
        assert_eq!(u["rating"], rating, "{id}");
    }
    // The figures each unit was scored against.
    let k1 = &criterion(&units["P05"], "K1")["reference"];
    assert_eq!(
        k1,
        &serde_json::json!({
            "rule": "target", "direction": "higher", "scope": "cluster",
            "target": null, "best": "70", "compared": 2
        })
    );
    let k2 = &criterion(&units["P01"], "K2")["reference"];
    assert_eq!(
        (&k2["target"], &k2["best"], &k2["compared"]),
        (&"15".into(), &"9".into(), &5.into())
    );
    let k4 = criterion(&units["P08"], "K4");
    assert_eq!(k4["status"], "not_applicable");
    assert_eq!(k4["reference"]["compared"], 7);
    // The criteria table names the column of targets.
    let table = run(&["criteria", SET, "--lang", "en"]);
    assert!(
        table
            .ok()
            .contains("kham_pha_pct (target: kham_pha_chi_tieu)"),
        "{}",
        table.stdout
    );
    // The criteria document gives each rule's fields.
    let doc = json(&["criteria", SET, "-f", "json"]);
    let k1 = &doc["criteria"][0];
    assert_eq!(
        k1["target"],
        serde_json::json!({ "column": "kham_pha_chi_tieu" })
    );
    assert_eq!(
        (&k1["at_target"], &k1["scope"], &k1["no_target"]),
        (&"0.5".into(), &"cluster".into(), &"relative".into())
    );
}

#[test]
fn explain_shows_the_target_leader_and_best_in_both_languages() {
    let vi = run(&["explain", SET, DATA, "Lê Mao"]);
    let out = vi.ok();
    assert!(out.contains("Điểm tính so với các đơn vị khác"), "{out}");
    assert!(
        out.contains("K1 — Tỷ lệ điều tra khám phá tội phạm về TTXH so với chỉ tiêu giao: kết quả 60%; không được giao chỉ tiêu: so với giá trị cao nhất trong cụm của các đơn vị không có chỉ tiêu, 70% (2 đơn vị) → 8,57/10 điểm."),
        "{out}"
    );
    assert!(
        out.contains("kết quả 10 vụ; chỉ tiêu 10 vụ; đơn vị dẫn đầu trong cụm đạt 9 vụ (so sánh 5 đơn vị có chỉ tiêu) → 3/6 điểm."),
        "{out}"
    );
    let en = run(&["explain", SET, DATA, "P08", "--lang", "en"]);
    let out = en.ok();
    assert!(
        out.contains("result 72%; target 75%; the leader in the cluster has 95% (3 units with a target compared) → 4.8/10 points."),
        "{out}"
    );
    assert!(
        out.contains("result not applicable; the lowest value of all units: 0 vụ (7 units) → not applicable, not compared."),
        "{out}"
    );
}

#[test]
fn a_blank_ceiling_is_an_error_when_every_unit_needs_one() {
    let edited = edited_csv(DATA, &[("P02", "pham_phap_chi_tieu", "")]);
    let err = run_with(
        &["score", SET, "-", "--lang", "en"],
        Some(edited.as_bytes()),
    )
    .fails(3);
    assert!(err.contains(":3"), "the line of P02: {err}");
    assert!(err.contains("pham_phap_chi_tieu"), "{err}");
    assert!(
        err.contains("enter the target set for K2"),
        "names the criterion: {err}"
    );
    assert!(err.contains("no_target = \"error\""), "{err}");
    // A target column is checked like the results it is compared with.
    let edited = edited_csv(DATA, &[("P02", "kham_pha_chi_tieu", "175")]);
    let err = run_with(
        &["score", SET, "-", "--lang", "en"],
        Some(edited.as_bytes()),
    )
    .fails(3);
    assert!(err.contains("outside 0 to 100"), "{err}");
}

#[test]
fn the_streamed_csv_ranking_agrees_with_the_json_one() {
    let doc = json(&["score", SET, DATA, "-f", "json"]);
    let csv = run(&["score", SET, DATA, "-f", "csv", "--no-bom"]);
    let mut reader = csv::Reader::from_reader(csv.ok().as_bytes());
    let header = reader.headers().expect("a header").clone();
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    for (record, unit) in reader
        .records()
        .zip(doc["units"].as_array().expect("units"))
    {
        let record = record.expect("a record");
        assert_eq!(&record[at("id")], unit["id"].as_str().expect("id"));
        assert_eq!(&record[at("score")], unit["score"].as_str().expect("score"));
        assert_eq!(&record[at("criterion:K1")], criterion(unit, "K1")["points"]);
    }
}

#[test]
fn compare_recomputes_the_best_for_each_version() {
    // P07 reports 4 models instead of 8: P04 (6) becomes the best of K3
    // and earns all 4 points (3 before); nobody's own data changed but P07's.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let second = dir.path().join("chi-tieu-sua.csv");
    std::fs::write(&second, edited_csv(DATA, &[("P07", "mo_hinh", "4")])).expect("written");
    let second = second.to_str().expect("a UTF-8 path");
    let doc = json(&["compare", SET, DATA, second, "-f", "json"]);
    let p04 = doc["units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["id"] == "P04")
        .expect("P04");
    assert_eq!(p04["score_change"], "1");
    // And sensitivity rescoring runs on such a set.
    let sens = json(&["sensitivity", SET, DATA, "--runs", "20", "-f", "json"]);
    assert_eq!(sens["units"].as_array().map(Vec::len), Some(8));
}

// ------------------------------------------------------------ properties

/// Targets from a column (some blank) within clusters, a number target
/// lower-is-better, and a relative rule over all units.
const PROP_SET: &str = r#"format = 1
[set]
id = "prop-relative"
title = "Relative property set"
precision = 2
missing = "zero"

[columns]
id = "ma"
name = "ten"
cluster = "cum"

[[criteria]]
id = "T"
title = "target from a column"
indicator = "a"
points = 10
rule = "target"
target = "t"

[[criteria]]
id = "L"
title = "lower, a number target"
indicator = "b"
points = 6
rule = "target"
target = 5
direction = "lower"
at_target = 0.4

[[criteria]]
id = "R"
title = "relative over all"
indicator = "c"
points = 4
rule = "relative"
scope = "all"

[[ratings]]
id = "TOP"
title = "top"
min_score = 12

[[ratings]]
id = "REST"
title = "rest"
"#;

/// (cluster, a, target or blank, b, c or blank)
type Row = (u8, u32, Option<u32>, u32, Option<u32>);

fn rows() -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(
        (
            0u8..2,
            0u32..12,
            proptest::option::weighted(0.8, 1u32..10),
            0u32..9,
            proptest::option::weighted(0.9, 0u32..6),
        ),
        1..9,
    )
}

fn prop_set() -> CriteriaSet {
    parse_criteria("p.toml", PROP_SET).expect("the property set loads")
}

/// Units in the order given, ids U0, U1, … by their place in `rows`.
fn eval_rows(set: &CriteriaSet, rows: &[(usize, Row)]) -> Evaluation {
    let mut csv = String::from("ma,ten,cum,a,t,b,c\n");
    for (id, (cluster, a, t, b, c)) in rows {
        let t = t.map(|t| t.to_string()).unwrap_or_default();
        let c = c.map(|c| c.to_string()).unwrap_or_default();
        csv.push_str(&format!(
            "U{id},Đơn vị {id},Cụm {cluster},{a},{t},{b},{c}\n"
        ));
    }
    let data = read_data(set, "p.csv", csv.as_bytes(), &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{e}\n{csv}"));
    evaluate(set, &data, &VietnameseOrder::new()).expect("representable scores")
}

fn numbered(rows: &[Row]) -> Vec<(usize, Row)> {
    rows.iter().copied().enumerate().collect()
}

/// Each unit's points per criterion, by id.
fn points(e: &Evaluation) -> BTreeMap<String, Vec<Decimal>> {
    e.units
        .iter()
        .map(|u| (u.id.clone(), u.criteria.iter().map(|c| c.points).collect()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn row_order_does_not_matter(
        (rows, shuffled) in rows().prop_flat_map(|rows| {
            let numbered = numbered(&rows);
            (Just(numbered.clone()), Just(numbered).prop_shuffle())
        })
    ) {
        let set = prop_set();
        prop_assert!(set.is_relative());
        let (a, b) = (eval_rows(&set, &rows), eval_rows(&set, &shuffled));
        prop_assert_eq!(points(&a), points(&b));
        let ranks = |e: &Evaluation| e.units.iter().map(|u| (u.id.clone(), (u.score, u.rank))).collect::<BTreeMap<_, _>>();
        prop_assert_eq!(ranks(&a), ranks(&b));
    }

    #[test]
    fn the_leader_earns_full_points_and_nobody_leaves_the_bounds(rows in rows()) {
        let set = prop_set();
        let e = eval_rows(&set, &numbered(&rows));
        for u in &e.units {
            for (c, r) in set.criteria.iter().zip(&u.criteria) {
                prop_assert!(r.points >= Decimal::ZERO && r.points <= c.points);
            }
        }
        // R: every unit holding the best value (above 0) earns all 4.
        let best = rows.iter().filter_map(|r| r.4).max().unwrap_or(0);
        for (id, row) in numbered(&rows) {
            let u = e.units.iter().find(|u| u.id == format!("U{id}")).expect("the unit");
            match row.4 {
                Some(c) if c == best && best > 0 => prop_assert_eq!(u.criteria[2].points, Decimal::from(4)),
                None => prop_assert_eq!(u.criteria[2].status, Status::Missing),
                _ => {}
            }
            // T: the highest result among the units of its cluster with a
            // target, beyond its own target, earns all 10.
            if let Some(t) = row.2 {
                let leader = rows
                    .iter()
                    .filter(|r| r.0 == row.0 && r.2.is_some())
                    .map(|r| r.1)
                    .max()
                    .unwrap_or(0);
                if row.1 == leader && row.1 > t {
                    prop_assert_eq!(u.criteria[0].points, Decimal::from(10));
                }
            }
        }
    }

    #[test]
    fn a_better_result_never_lowers_ones_own_points_nor_raises_anyone_elses(
        rows in rows(),
        pick in any::<prop::sample::Index>(),
        by in 1u32..5,
    ) {
        let set = prop_set();
        let before = points(&eval_rows(&set, &numbered(&rows)));
        let i = pick.index(rows.len());
        let mut better = rows.clone();
        // Higher a (T), lower b (L), higher c (R).
        better[i].1 += by;
        better[i].3 = better[i].3.saturating_sub(by);
        better[i].4 = better[i].4.map(|c| c + by);
        let after = points(&eval_rows(&set, &numbered(&better)));
        let me = format!("U{i}");
        for (id, was) in &before {
            let now = &after[id];
            for (c, (w, n)) in was.iter().zip(now).enumerate() {
                if *id == me {
                    prop_assert!(n >= w, "{id} criterion {c}: {w} → {n}");
                } else {
                    prop_assert!(n <= w, "{id} criterion {c}: {w} → {n}");
                }
            }
        }
    }
}
