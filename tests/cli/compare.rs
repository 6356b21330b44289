//! `wardscore compare` (periods, self-assessed vs appraised, versions of the
//! rules) and the what-if `--set` of `score`, `explain` and `compare`.
//!
//! Every expectation comes from the per-period `score -f json` runs (or from
//! the arithmetic of the criteria files, worked out in the comments), never
//! from the comparison's own output.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::harness::*;

mod what_if;

const CUA_LO_2024: &str = "examples/cua-lo-2024.csv";
/// Cửa Lò 2024 with four wards changed (see the comment of `three_periods…`).
const CUA_LO_2025: &str = "tests/fixtures/cua-lo-2025.csv";
const THI_DUA_2024: &str = "examples/thi-dua-2024.csv";
const REVISED: &str = "tests/fixtures/thi-dua-revised.toml";
const LINEAR_GATE: &str = "tests/fixtures/linear-gate.toml";

// ------------------------------------------------------------- helpers

fn json(args: &[&str]) -> Value {
    let run = run(args);
    serde_json::from_str(run.ok()).expect("valid JSON")
}

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("a decimal string, not {v}"))
        .parse()
        .unwrap_or_else(|_| panic!("a decimal, not {v}"))
}

/// `after − before`, written the way every decimal of the JSON is.
fn change(before: &Value, after: &Value) -> String {
    (dec(after) - dec(before)).normalize().to_string()
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("a string, not {v}"))
}

fn int(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("an integer, not {v}"))
}

/// The units of one `score -f json` run, in rank order.
fn scored(set: &str, data: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["score", set, data, "-f", "json"];
    args.extend(extra);
    json(&args)["units"].as_array().unwrap().clone()
}

fn by_id(units: &[Value]) -> HashMap<String, Value> {
    units
        .iter()
        .map(|u| (text(&u["id"]).to_string(), u.clone()))
        .collect()
}

/// The set's ratings, best first.
fn rating_order(set: &str) -> Vec<String> {
    json(&["criteria", set, "-f", "json"])["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| text(&r["id"]).to_string())
        .collect()
}

fn rating_index(order: &[String], id: &Value) -> i64 {
    order
        .iter()
        .position(|r| r == text(id))
        .expect("a known rating") as i64
}

fn compare_units(doc: &Value) -> &Vec<Value> {
    doc["units"].as_array().expect("units")
}

fn unit<'a>(doc: &'a Value, id: &str) -> &'a Value {
    compare_units(doc)
        .iter()
        .find(|u| u["id"] == id)
        .unwrap_or_else(|| panic!("no unit {id}"))
}

/// A version's figures agree with that unit in its own `score` run.
#[track_caller]
fn same_figures(version: &Value, scored: &Value) {
    for key in [
        "score",
        "rank",
        "cluster_rank",
        "rating",
        "met",
        "applicable",
    ] {
        assert_eq!(version[key], scored[key], "{key} of {}", scored["id"]);
    }
}

/// The criteria that moved most from `a` to `b` (two scored units): every
/// listed one has change = after − before, at most three are listed, and
/// none left out moved more than one listed.
#[track_caller]
fn check_movers(moved: &Value, a: &Value, b: &Value) {
    let moved = moved.as_array().expect("criteria_moved");
    let points = |u: &Value| -> HashMap<String, Decimal> {
        u["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (text(&c["id"]).to_string(), dec(&c["points"])))
            .collect()
    };
    let (before, after) = (points(a), points(b));
    let changes: Vec<(String, Decimal)> = before
        .iter()
        .map(|(id, p)| (id.clone(), after[id] - *p))
        .filter(|(_, d)| !d.is_zero())
        .collect();
    let who = &b["id"];
    assert_eq!(moved.len(), changes.len().min(3), "{who}: {moved:?}");
    let mut smallest_listed = None;
    for m in moved {
        let id = text(&m["id"]);
        assert_eq!(dec(&m["before"]), before[id], "{who} {id}");
        assert_eq!(dec(&m["after"]), after[id], "{who} {id}");
        assert_eq!(text(&m["change"]), change(&m["before"], &m["after"]));
        let size = dec(&m["change"]).abs();
        assert!(
            smallest_listed.is_none_or(|s| size <= s),
            "{who}: not sorted"
        );
        smallest_listed = Some(size);
    }
    let listed: Vec<&str> = moved.iter().map(|m| text(&m["id"])).collect();
    for (id, d) in &changes {
        if !listed.contains(&id.as_str()) {
            assert!(
                smallest_listed.is_some_and(|s| d.abs() <= s),
                "{who}: {id} moved {d} but is not listed in {listed:?}"
            );
        }
    }
}

/// The changes of every unit present in `first` and `last` (indices into
/// `data`), checked against the per-period `score` runs.
fn check_changes(set: &str, data: &[&str], doc: &Value) {
    let order = rating_order(set);
    let periods: Vec<HashMap<String, Value>> =
        data.iter().map(|d| by_id(&scored(set, d, &[]))).collect();
    let (mut up, mut down, mut same) = (0, 0, 0);
    for u in compare_units(doc) {
        let id = text(&u["id"]);
        let versions = u["versions"].as_array().unwrap();
        assert_eq!(versions.len(), data.len(), "{id}");
        for (v, period) in versions.iter().zip(&periods) {
            match period.get(id) {
                Some(s) => same_figures(v, s),
                None => assert!(v.is_null(), "{id} is absent from a period"),
            }
        }
        let present: Vec<&Value> = periods.iter().filter_map(|p| p.get(id)).collect();
        let [a, .., b] = present[..] else {
            continue;
        };
        assert_eq!(
            text(&u["score_change"]),
            change(&a["score"], &b["score"]),
            "{id}"
        );
        assert_eq!(
            int(&u["rank_change"]),
            int(&a["rank"]) - int(&b["rank"]),
            "{id}"
        );
        // Ratings are listed best first, so a smaller index is better.
        let gained = rating_index(&order, &a["rating"]) - rating_index(&order, &b["rating"]);
        assert_eq!(int(&u["rating_change"]), gained, "{id}");
        match gained.signum() {
            1 => up += 1,
            -1 => down += 1,
            _ => same += 1,
        }
        check_movers(&u["criteria_moved"], a, b);
    }
    let s = &doc["summary"];
    assert_eq!(
        (s["rating_up"].clone(), s["rating_down"].clone()),
        (Value::from(up), Value::from(down))
    );
    assert_eq!(s["rating_same"], same);
}

/// Units are listed in the last period's rank order.
#[track_caller]
fn check_order(doc: &Value, set: &str, last: &str) {
    let expected: Vec<String> = scored(set, last, &[])
        .iter()
        .map(|u| text(&u["id"]).to_string())
        .collect();
    let listed: Vec<&str> = compare_units(doc).iter().map(|u| text(&u["id"])).collect();
    assert_eq!(listed[..expected.len()], expected);
}

// -------------------------------------------------------- two periods

#[test]
fn two_periods_change_exactly_as_the_two_scorings() {
    let doc = json(&["compare", KIEU_MAU, CUA_LO, CUA_LO_2024, "-f", "json"]);
    assert_eq!(
        doc["labels"],
        serde_json::json!(["cua-lo-2023", "cua-lo-2024"])
    );
    assert_eq!(doc["ratings_comparable"], true);
    assert_eq!(compare_units(&doc).len(), 7);
    check_order(&doc, KIEU_MAU, CUA_LO_2024);
    check_changes(KIEU_MAU, &[CUA_LO, CUA_LO_2024], &doc);
    let s = &doc["summary"];
    assert_eq!(
        (s["in_all"].clone(), s["in_some"].clone()),
        (7.into(), 0.into())
    );

    // By hand from the data (the set ranks and rates by criteria met):
    // NTAN 49.43 → 76.28 points (+26.85) and 7 → 17 criteria met; 6th both
    // years (TTHUY, failing G4, was last in 2023), still under the 22
    // criteria of CO_BAN_DAT: CHUA_DAT.
    let ntan = unit(&doc, "NTAN");
    assert_eq!(ntan["score_change"], "26.85");
    assert_eq!(ntan["rank_change"], 0);
    assert_eq!(ntan["rating_change"], 0);
    // CO_BAN_DAT asks for criteria met, not points: no points needed.
    assert_eq!(
        ntan["versions"][1]["next_rating"],
        serde_json::json!({"rating": "CO_BAN_DAT", "points_needed": "0", "by_quota": false})
    );
    // NHOA solves 5 of 6 crimes in 2024 (83.33% → B2 4.67 < pass 5.6): one
    // criterion short of KIEU_MAU, so down one rating.
    assert_eq!(unit(&doc, "NHOA")["rating_change"], -1);
    // TTHUY had an officer at cảnh cáo in 2023 (gate G4), none in 2024.
    assert_eq!(unit(&doc, "TTHUY")["rating_change"], 1);
    assert_eq!(
        (s["rating_up"].clone(), s["rating_down"].clone()),
        (1.into(), 1.into())
    );

    // Biggest gains first, biggest drops first, at most five each.
    let gains = s["biggest_gains"].as_array().unwrap();
    let drops = s["biggest_drops"].as_array().unwrap();
    assert_eq!(gains[0]["id"], "NTAN");
    assert_eq!(gains[0]["change"], "26.85");
    assert!(gains.len() <= 5 && drops.len() <= 5);
    assert!(
        gains
            .windows(2)
            .all(|w| dec(&w[0]["change"]) >= dec(&w[1]["change"]))
    );
    assert!(
        drops
            .windows(2)
            .all(|w| dec(&w[0]["change"]) <= dec(&w[1]["change"]))
    );
    assert!(gains.iter().all(|g| dec(&g["change"]) > Decimal::ZERO));
    assert!(drops.iter().all(|g| dec(&g["change"]) < Decimal::ZERO));
    for g in gains.iter().chain(drops) {
        assert_eq!(g["change"], unit(&doc, text(&g["id"]))["score_change"]);
    }
}

#[test]
fn the_two_period_table_shows_both_columns_and_the_changes() {
    let run = run(&["compare", KIEU_MAU, CUA_LO, CUA_LO_2024]);
    let out = run.ok();
    assert!(
        out.starts_with("So sánh: cua-lo-2023 → cua-lo-2024"),
        "{out}"
    );
    assert!(out.contains("7 đơn vị có trong mọi cột"), "{out}");
    assert!(
        out.contains("Xếp loại: 1 đơn vị lên, 1 xuống, 5 giữ nguyên."),
        "{out}"
    );
    let rows = table_rows(out);
    let header = &rows[0];
    for h in [
        "Điểm cua-lo-2023",
        "Hạng cua-lo-2023",
        "Xếp loại cua-lo-2023",
        "Điểm cua-lo-2024",
        "Xếp loại cua-lo-2024",
        "Δ điểm",
        "Δ hạng",
    ] {
        assert!(header.iter().any(|c| c == h), "{h} in {header:?}");
    }
    let col = |h: &str| header.iter().position(|c| c == h).unwrap();
    let row = |id: &str| rows.iter().find(|r| r[0] == id).unwrap();
    assert_eq!(row("NTAN")[col("Điểm cua-lo-2023")], "49,43");
    assert_eq!(row("NTAN")[col("Điểm cua-lo-2024")], "76,28");
    assert_eq!(row("NTAN")[col("Δ điểm")], "26,85");
    assert_eq!(row("NTAN")[col("Δ hạng")], "0");
    assert_eq!(row("NHOA")[col("Δ xếp loại")], "↓ 1");
    assert_eq!(row("TTHUY")[col("Δ xếp loại")], "↑ 1");
    assert_eq!(row("NTHU")[col("Δ xếp loại")], "=");
    // Units in the last period's order.
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        ids,
        ["NTHU", "NHOA", "TTHUY", "NTHUY", "NHUONG", "NTAN", "NHAI"]
    );
}

// ------------------------------------------------------ three periods

/// The 2025 fixture is 2024 with: NHAI satisfaction 88.5 → 95% (C5 2.27 → 4)
/// and no late report (deduction 1 → 0); NHOA 6 of 6 crimes solved (B2 4.67
/// → 7, all 27 criteria met again); NTAN VNeID 84 → 90% (C2 4.25 → 5) and
/// 12 of 14 crimes solved (B2 1.75 → 5.5); NTHU no bonuses (3 → 0).
#[test]
fn three_periods_give_three_columns_and_changes_from_first_to_last() {
    let data = [CUA_LO, CUA_LO_2024, CUA_LO_2025];
    let doc = json(&["compare", KIEU_MAU, data[0], data[1], data[2], "-f", "json"]);
    assert_eq!(
        doc["labels"],
        serde_json::json!(["cua-lo-2023", "cua-lo-2024", "cua-lo-2025"])
    );
    for u in compare_units(&doc) {
        assert_eq!(u["versions"].as_array().unwrap().len(), 3);
    }
    check_order(&doc, KIEU_MAU, CUA_LO_2025);
    check_changes(KIEU_MAU, &data, &doc);

    // NTAN: 76.28 + 0.75 + 3.75 = 80.78 points in 2025, yet 17 criteria
    // met, under the 22 of CO_BAN_DAT: the points are an internal aid, the
    // rating stays CHUA_DAT.
    let ntan = unit(&doc, "NTAN");
    assert_eq!(ntan["versions"][2]["score"], "80.78");
    assert_eq!(ntan["versions"][2]["met"], 17);
    assert_eq!(ntan["score_change"], "31.35");
    assert_eq!(ntan["rating_change"], 0);
    // NHOA dipped to CO_BAN_DAT in 2024 and is back: no change first to last
    // (94.62 + 2.33 = 96.95 against 96.08).
    let nhoa = unit(&doc, "NHOA");
    assert_eq!(nhoa["versions"][1]["rating"], "CO_BAN_DAT");
    assert_eq!(nhoa["rating_change"], 0);
    assert_eq!(nhoa["score_change"], "0.87");
    // NHAI: 66.83 + 1.73 + 1 = 69.56, against 71.81 in 2023.
    assert_eq!(unit(&doc, "NHAI")["score_change"], "-2.25");

    let out = run(&["compare", KIEU_MAU, data[0], data[1], data[2]]);
    let out = out.ok();
    assert!(out.starts_with("So sánh: cua-lo-2023 → cua-lo-2024 → cua-lo-2025"));
    let header = &table_rows(out)[0];
    for label in ["cua-lo-2023", "cua-lo-2024", "cua-lo-2025"] {
        assert!(header.contains(&format!("Điểm {label}")), "{header:?}");
    }
}

// ------------------------------------------- units in some files only

#[test]
fn units_in_only_one_period_are_listed_without_changes() {
    let doc = json(&["compare", THI_DUA_SET, THI_DUA, THI_DUA_2024, "-f", "json"]);
    check_changes(THI_DUA_SET, &[THI_DUA, THI_DUA_2024], &doc);
    check_order(&doc, THI_DUA_SET, THI_DUA_2024);
    let units = compare_units(&doc);
    assert_eq!(units.len(), 31);
    let s = &doc["summary"];
    assert_eq!(
        (s["in_all"].clone(), s["in_some"].clone()),
        (29.into(), 2.into())
    );
    let counted = ["rating_up", "rating_down", "rating_same"]
        .iter()
        .map(|k| s[*k].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(
        counted, 29,
        "only units in both periods have a rating change"
    );

    // TH04 Quang Tiến: 2023 only; TH05 Nghi Phong: 2024 only.
    let th04 = unit(&doc, "TH04");
    assert!(th04["versions"][0].is_object());
    assert!(th04["versions"][1].is_null());
    let th05 = unit(&doc, "TH05");
    assert!(th05["versions"][0].is_null());
    assert_eq!(th05["versions"][1]["rating"], "HT");
    for u in [th04, th05] {
        for key in ["score_change", "rank_change", "rating_change"] {
            assert!(u[key].is_null(), "{key} of {}", u["id"]);
        }
        assert_eq!(u["criteria_moved"], serde_json::json!([]));
    }
    // A unit gone from the last period comes after all of its units.
    assert_eq!(units.last().unwrap()["id"], "TH04");
    for g in s["biggest_gains"]
        .as_array()
        .unwrap()
        .iter()
        .chain(s["biggest_drops"].as_array().unwrap())
    {
        assert!(g["id"] != "TH04" && g["id"] != "TH05");
    }

    // The table marks the missing period with a dash.
    let run = run(&["compare", THI_DUA_SET, THI_DUA, THI_DUA_2024]);
    let out = run.ok();
    assert!(out.contains("29 đơn vị có trong mọi cột; 2 chỉ có trong một số cột."));
    let rows = table_rows(out);
    let header = &rows[0];
    let col = |h: &str| header.iter().position(|c| c == h).unwrap();
    let th04 = rows.iter().find(|r| r[0] == "TH04").unwrap();
    assert_eq!(th04[col("Điểm thi-dua-2023")], "34,76");
    assert_eq!(th04[col("Điểm thi-dua-2024")], "—");
    assert_eq!(th04[col("Δ điểm")], "—");
    let th05 = rows.iter().find(|r| r[0] == "TH05").unwrap();
    assert_eq!(th05[col("Điểm thi-dua-2023")], "—");
}

// ------------------------------------------------------------ --labels

#[test]
fn labels_name_the_columns() {
    let labels = "Tự chấm,Thẩm định";
    let doc = json(&[
        "compare",
        KIEU_MAU,
        CUA_LO,
        CUA_LO_2024,
        "--labels",
        labels,
        "-f",
        "json",
    ]);
    assert_eq!(doc["labels"], serde_json::json!(["Tự chấm", "Thẩm định"]));
    let run = run(&["compare", KIEU_MAU, CUA_LO, CUA_LO_2024, "--labels", labels]);
    let out = run.ok();
    assert!(out.starts_with("So sánh: Tự chấm → Thẩm định"), "{out}");
    let header = &table_rows(out)[0];
    for h in [
        "Điểm Tự chấm",
        "Hạng Tự chấm",
        "Điểm Thẩm định",
        "Xếp loại Thẩm định",
    ] {
        assert!(header.iter().any(|c| c == h), "{h} in {header:?}");
    }
    assert!(!out.contains("cua-lo-2023"), "the file names are replaced");
}

#[test]
fn a_wrong_number_of_labels_is_a_usage_error() {
    for labels in ["Một", "Một,Hai,Ba"] {
        let err = run(&[
            "compare",
            KIEU_MAU,
            CUA_LO,
            CUA_LO_2024,
            "--labels",
            labels,
            "-f",
            "json",
        ])
        .fails(2);
        assert!(err.contains("--labels"), "{err}");
    }
    // Three files need three labels.
    run(&[
        "compare",
        KIEU_MAU,
        CUA_LO,
        CUA_LO_2024,
        CUA_LO_2025,
        "--labels",
        "a,b",
    ])
    .fails(2);
    run(&[
        "compare",
        KIEU_MAU,
        CUA_LO,
        CUA_LO_2024,
        CUA_LO_2025,
        "--labels",
        "a,b,c",
    ])
    .ok();
}

#[test]
fn compare_needs_enough_columns() {
    // One data file and no --set; one --criteria; --criteria with two files;
    // standard input twice.
    for args in [
        &["compare", KIEU_MAU, CUA_LO][..],
        &["compare", "--criteria", THI_DUA_SET, THI_DUA],
        &[
            "compare",
            "--criteria",
            THI_DUA_SET,
            "--criteria",
            REVISED,
            THI_DUA,
            THI_DUA_2024,
        ],
        &["compare", KIEU_MAU, "-", "-"],
    ] {
        run_with(args, Some(b"")).fails(2);
    }
}

// ------------------------------------------------ two criteria versions

/// The revision moves HTXS from 90 to 88 points and its quota from 20% to
/// 30% of the units rated HTT or better (25 of 30 in 2023). Before: 20% of
/// 25 = 5 places, V04 and V06 tie for the 5th and both lose it, so 4 HTXS.
/// After: 7 places (7.5 rounded down) among the 9 units at 88+ with every
/// gate (V14 fails G1): V07, CL05, V11, HM03, V04, V06, CL02; TH01 (90) and
/// V02 (89.99) stay HTT by the quota.
#[test]
fn two_versions_of_the_rules_change_ratings_not_scores() {
    let doc = json(&[
        "compare",
        "--criteria",
        THI_DUA_SET,
        "--criteria",
        REVISED,
        THI_DUA,
        "-f",
        "json",
    ]);
    assert_eq!(
        doc["labels"],
        serde_json::json!(["thi-dua-cuoi-nam", "thi-dua-revised"])
    );
    assert_eq!(doc["ratings_comparable"], true);
    let old = by_id(&scored(THI_DUA_SET, THI_DUA, &[]));
    let new = by_id(&scored(REVISED, THI_DUA, &[]));
    let order = rating_order(THI_DUA_SET);
    assert_eq!(order, rating_order(REVISED));
    let mut raised = Vec::new();
    for u in compare_units(&doc) {
        let id = text(&u["id"]);
        same_figures(&u["versions"][0], &old[id]);
        same_figures(&u["versions"][1], &new[id]);
        assert_eq!(u["score_change"], "0", "{id}");
        assert_eq!(u["rank_change"], 0, "{id}");
        assert_eq!(u["criteria_moved"], serde_json::json!([]), "{id}");
        let gained =
            rating_index(&order, &old[id]["rating"]) - rating_index(&order, &new[id]["rating"]);
        assert_eq!(int(&u["rating_change"]), gained, "{id}");
        if gained != 0 {
            // Only HTXS moved, and only for units the new rule lets in.
            assert_eq!(gained, 1, "{id}");
            assert_eq!(new[id]["rating"], "HTXS");
            assert!(dec(&new[id]["score"]) >= Decimal::from(88));
            assert_eq!(new[id]["gates_failed"], serde_json::json!([]));
            raised.push(id);
        }
    }
    raised.sort_unstable();
    assert_eq!(raised, ["V04", "V06"]);
    assert_eq!(unit(&doc, "TH01")["versions"][1]["rating"], "HTT");
    assert_eq!(unit(&doc, "V02")["versions"][1]["rating"], "HTT");
    let s = &doc["summary"];
    assert_eq!(
        (
            s["rating_up"].clone(),
            s["rating_down"].clone(),
            s["rating_same"].clone()
        ),
        (2.into(), 0.into(), 28.into())
    );
    // The stamp names both criteria files.
    let criteria_file = text(&doc["stamp"]["criteria_file"]);
    assert!(
        criteria_file.contains("thi-dua-cuoi-nam.toml"),
        "{criteria_file}"
    );
    assert!(criteria_file.contains(REVISED), "{criteria_file}");

    // A version whose rules do not fit the data rejects the run.
    run(&[
        "compare",
        "--criteria",
        THI_DUA_SET,
        "--criteria",
        KIEU_MAU,
        THI_DUA,
    ])
    .fails(3);
}

// --------------------------------------------------------------- --unit

#[test]
fn one_unit_side_by_side_by_id_or_name() {
    let base = ["compare", THI_DUA_SET, THI_DUA, THI_DUA_2024, "-f", "json"];
    let with_unit = |key: &str| {
        let mut args = base.to_vec();
        args.extend(["--unit", key]);
        json(&args)
    };
    let doc = with_unit("CL05");
    let detail = &doc["detail"];
    assert_eq!(detail["id"], "CL05");
    let periods = [
        by_id(&scored(THI_DUA_SET, THI_DUA, &[])),
        by_id(&scored(THI_DUA_SET, THI_DUA_2024, &[])),
    ];
    let rows = detail["criteria"].as_array().unwrap();
    assert_eq!(rows.len(), 17, "every criterion of the set");
    for row in rows {
        let id = text(&row["id"]);
        assert!(!text(&row["title"]).is_empty());
        for (cell, period) in row["versions"].as_array().unwrap().iter().zip(&periods) {
            let scored = period["CL05"]["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["id"] == id)
                .unwrap();
            for key in ["value", "points", "max", "status"] {
                assert_eq!(cell[key], scored[key], "{id}.{key}");
            }
        }
    }
    // By name, in any case; the rest of the document is the same.
    for key in ["Nghi Thu", "nghi thu", "NGHI THU", "cl05"] {
        assert_eq!(with_unit(key), doc, "{key}");
    }
    // Without --unit there is no detail.
    assert!(json(&base)["detail"].is_null());

    // A unit of one period only: its other column is empty.
    let doc = with_unit("Quang Tiến");
    assert_eq!(doc["detail"]["id"], "TH04");
    for row in doc["detail"]["criteria"].as_array().unwrap() {
        assert!(row["versions"][0].is_object());
        assert!(row["versions"][1].is_null());
    }

    // A unit of the later period only: the key names no unit of the
    // first, so the second decides; the first's column is empty.
    let doc = with_unit("nghi phong");
    assert_eq!(doc["detail"]["id"], "TH05");
    for row in doc["detail"]["criteria"].as_array().unwrap() {
        assert!(row["versions"][0].is_null());
        assert!(row["versions"][1].is_object());
    }
    assert_eq!(doc["units"], json(&base)["units"]);
    assert_eq!(with_unit("TH05"), doc);

    // The table: the unit's figures, then its criteria side by side.
    let run = run(&[
        "compare",
        THI_DUA_SET,
        THI_DUA,
        THI_DUA_2024,
        "--unit",
        "nghi thu",
    ]);
    let out = run.ok();
    assert!(out.contains("Nghi Thu (CL05)"), "{out}");
    let rows = table_rows(out);
    let header = rows
        .iter()
        .find(|r| r.iter().any(|c| c == "Giá trị thi-dua-2023"))
        .expect("the criteria table");
    for h in [
        "Điểm thi-dua-2023",
        "Giá trị thi-dua-2024",
        "Điểm thi-dua-2024",
        "Δ",
    ] {
        assert!(header.iter().any(|c| c == h), "{h} in {header:?}");
    }
    // A1: 90% → 93% of officers: 8 × 40/50 = 6.4 → 8 × 43/50 = 6.88.
    let a1 = rows.iter().find(|r| r[0] == "A1").unwrap();
    // Vietnamese output: decimal commas.
    assert_eq!(a1[2..], ["90%", "6,4", "93%", "6,88", "0,48"]);
}

#[test]
fn an_unknown_unit_is_exit_1() {
    let err = run(&[
        "compare",
        THI_DUA_SET,
        THI_DUA,
        THI_DUA_2024,
        "--unit",
        "Không Có",
        "-f",
        "json",
    ])
    .fails(1);
    assert!(err.contains("Không Có"), "{err}");
}

// ------------------------------------------------------------- formats

fn xlsx_strings(bytes: Vec<u8>) -> Vec<String> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let mut seen = Vec::new();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).unwrap();
        for (_, _, cell) in range.used_cells() {
            if let Data::String(s) = cell {
                seen.push(s.clone());
            }
        }
    }
    seen
}

#[test]
fn compare_writes_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let variants: [&[&str]; 2] = [&[], &["--unit", "NTAN"]];
    for extra in variants {
        let mut base = vec!["compare", KIEU_MAU, CUA_LO, CUA_LO_2024];
        base.extend(extra);
        let with = |more: &[&str]| {
            let mut args = base.clone();
            args.extend(more);
            run(&args)
        };
        let table = with(&[]);
        assert!(table.ok().contains("NTAN"), "{extra:?}");
        let doc: Value = serde_json::from_str(with(&["-f", "json"]).ok()).unwrap();
        assert_eq!(doc["schema_version"], 1);

        let csv = with(&["-f", "csv"]);
        let csv = csv.ok();
        assert!(csv.starts_with('\u{feff}'), "{extra:?}");
        assert!(csv.contains("cua-lo-2024"), "{csv}");
        let records: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
            .records()
            .map(Result::unwrap)
            .collect();
        assert!(!records.is_empty());

        let md = with(&["-f", "md"]);
        assert!(md.ok().starts_with("# So sánh: cua-lo-2023 → cua-lo-2024"));
        assert!(md.stdout.contains("| ---"));

        let html = with(&["-f", "html"]);
        assert!(html.ok().starts_with("<!DOCTYPE html>"));
        assert!(html.stdout.contains("So sánh: cua-lo-2023 → cua-lo-2024"));
        assert!(html.stdout.trim_end().ends_with("</html>"));

        let path = dir.path().join("so-sanh.xlsx");
        with(&["-o", path.to_str().unwrap()]).ok();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"));
        let strings = xlsx_strings(bytes);
        assert!(strings.iter().any(|s| s.contains("Nghi Tân")), "{extra:?}");
    }
}
