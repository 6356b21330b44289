//! `wardscore sensitivity`: perturbed rescorings, reproducible for a seed.
//!
//! Runs stay small (at most 200) so the suite stays fast.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::harness::*;

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

fn units(doc: &Value) -> &Vec<Value> {
    doc["units"].as_array().expect("units")
}

/// `sensitivity SET DATA --runs RUNS -f json` plus `extra`.
fn sensitivity(set: &str, data: &str, runs: &str, extra: &[&str]) -> Run {
    let mut args = vec!["sensitivity", set, data, "--runs", runs, "-f", "json"];
    args.extend(extra);
    run(&args)
}

const VARIED: [&str; 4] = ["--vary", "points=10%", "--vary", "thresholds=2%"];

/// What holds for any run: shares within 0..=1, P5 ≤ P95 within 1..=n,
/// flags as the flag share says, baseline as `score` says.
#[track_caller]
fn check_invariants(doc: &Value, set: &str, data: &str) {
    let scored = json(&["score", set, data, "-f", "json"]);
    let scored: HashMap<&str, &Value> = units(&scored)
        .iter()
        .map(|u| (u["id"].as_str().unwrap(), u))
        .collect();
    let n = scored.len() as u64;
    let flag = dec(&doc["flag_share"]);
    assert_eq!(units(doc).len(), scored.len());
    let mut last_rank = 0;
    for u in units(doc) {
        let id = u["id"].as_str().unwrap();
        let s = scored[id];
        assert_eq!(u["rating"], s["rating"], "{id}");
        assert_eq!(u["rank"], s["rank"], "{id}");
        let rank = u["rank"].as_u64().unwrap();
        assert!(rank >= last_rank, "units in baseline rank order");
        last_rank = rank;
        let kept = dec(&u["rating_kept"]);
        let changed = dec(&u["first_place_changed"]);
        for share in [kept, changed] {
            assert!(
                share >= Decimal::ZERO && share <= Decimal::ONE,
                "{id}: {share}"
            );
        }
        let (p5, p95) = (
            u["rank_p5"].as_u64().unwrap(),
            u["rank_p95"].as_u64().unwrap(),
        );
        assert!(1 <= p5 && p5 <= p95 && p95 <= n, "{id}: {p5}–{p95}");
        let flagged = Decimal::ONE - kept > flag || changed > flag;
        assert_eq!(u["flagged"], flagged, "{id}");
        // First place: first in its cluster (or overall without clusters).
        let first = s["cluster_rank"].as_u64().or(s["rank"].as_u64()) == Some(1);
        assert_eq!(u["first_place"], first, "{id}");
    }
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    for format in ["json", "table", "csv"] {
        let once = |seed: &str| {
            let mut args = vec!["sensitivity", THI_DUA_SET, THI_DUA, "--runs", "150"];
            args.extend(VARIED);
            args.extend(["--seed", seed, "-f", format]);
            run(&args).ok().to_string()
        };
        assert_eq!(once("7"), once("7"), "{format}");
    }
}

#[test]
fn different_seeds_usually_differ() {
    let outcomes: Vec<Value> = ["1", "2", "3", "4"]
        .iter()
        .map(|seed| {
            let mut extra = VARIED.to_vec();
            extra.extend(["--seed", seed]);
            let doc: Value =
                serde_json::from_str(sensitivity(THI_DUA_SET, THI_DUA, "100", &extra).ok())
                    .unwrap();
            assert_eq!(doc["seed"], seed.parse::<u64>().unwrap());
            doc["units"].clone()
        })
        .collect();
    assert!(
        outcomes.windows(2).any(|w| w[0] != w[1]),
        "four seeds, four identical results"
    );
}

#[test]
fn results_stay_within_their_bounds() {
    for (set, data, extra) in [
        (THI_DUA_SET, THI_DUA, &VARIED[..]),
        (
            KIEU_MAU,
            CUA_LO,
            &["--vary", "points=20%", "--vary", "thresholds=10%"][..],
        ),
        (
            THI_DUA_SET,
            "examples/thi-dua-2024.csv",
            &["--seed", "99"][..],
        ),
    ] {
        let doc: Value = serde_json::from_str(sensitivity(set, data, "200", extra).ok()).unwrap();
        assert_eq!(doc["runs"], 200);
        check_invariants(&doc, set, data);
    }
    // The variation is echoed; points ±10% is the default.
    let doc: Value = serde_json::from_str(sensitivity(KIEU_MAU, CUA_LO, "10", &[]).ok()).unwrap();
    assert_eq!(
        doc["vary"],
        serde_json::json!({"points": "0.1", "thresholds": "0"})
    );
    assert_eq!(doc["seed"], 1);
    assert_eq!(doc["flag_share"], "0.1");
    let doc: Value =
        serde_json::from_str(sensitivity(THI_DUA_SET, THI_DUA, "10", &VARIED).ok()).unwrap();
    assert_eq!(
        doc["vary"],
        serde_json::json!({"points": "0.1", "thresholds": "0.02"})
    );
}

/// Nothing varies: every run is the baseline.
#[test]
fn no_variation_keeps_every_rating_and_place() {
    for (set, data) in [(THI_DUA_SET, THI_DUA), (KIEU_MAU, CUA_LO)] {
        let doc: Value =
            serde_json::from_str(sensitivity(set, data, "50", &["--vary", "points=0%"]).ok())
                .unwrap();
        assert_eq!(
            doc["vary"],
            serde_json::json!({"points": "0", "thresholds": "0"})
        );
        check_invariants(&doc, set, data);
        for u in units(&doc) {
            let id = &u["id"];
            assert_eq!(u["rating_kept"], "1", "{id}");
            assert_eq!(u["first_place_changed"], "0", "{id}");
            assert_eq!(u["rank_p5"], u["rank"], "{id}");
            assert_eq!(u["rank_p95"], u["rank"], "{id}");
            assert_eq!(u["flagged"], false, "{id}");
        }
    }
}

#[test]
fn the_flag_share_decides_the_flags() {
    // Never more than 100% of runs: nothing flagged.
    let doc: Value = serde_json::from_str(
        sensitivity(
            THI_DUA_SET,
            THI_DUA,
            "100",
            &[&VARIED[..], &["--flag", "100%"]].concat(),
        )
        .ok(),
    )
    .unwrap();
    assert!(units(&doc).iter().all(|u| u["flagged"] == false));
    // 0: any change at all. TH03 sits at exactly 70 (HTT's threshold), so a
    // ±2% threshold moves it in some run.
    let doc: Value = serde_json::from_str(
        sensitivity(
            THI_DUA_SET,
            THI_DUA,
            "100",
            &[&VARIED[..], &["--flag", "0"]].concat(),
        )
        .ok(),
    )
    .unwrap();
    assert_eq!(doc["flag_share"], "0");
    check_invariants(&doc, THI_DUA_SET, THI_DUA);
    let th03 = units(&doc).iter().find(|u| u["id"] == "TH03").unwrap();
    assert!(dec(&th03["rating_kept"]) < Decimal::ONE);
    assert_eq!(th03["flagged"], true);
    // The table counts the flagged units.
    let flagged = units(&doc).iter().filter(|u| u["flagged"] == true).count();
    let mut args = vec!["sensitivity", THI_DUA_SET, THI_DUA, "--runs", "100"];
    args.extend(VARIED);
    args.extend(["--flag", "0"]);
    let table = run(&args);
    assert!(
        table
            .ok()
            .contains(&format!("{flagged} đơn vị có xếp loại")),
        "{}",
        table.stdout
    );
}

#[test]
fn bad_vary_and_flag_values_are_usage_errors() {
    for vary in [
        "points",
        "points=abc",
        "points=150%",
        "points=-5%",
        "weights=10%",
        "=10%",
    ] {
        let err = sensitivity(THI_DUA_SET, THI_DUA, "5", &["--vary", vary]).fails(2);
        assert!(err.contains("--vary"), "{vary}: {err}");
    }
    for flag in ["abc", "150%", "2", "ten"] {
        let err = sensitivity(THI_DUA_SET, THI_DUA, "5", &["--flag", flag]).fails(2);
        assert!(err.contains("--flag"), "{flag}: {err}");
    }
    for runs in ["-1", "many"] {
        sensitivity(THI_DUA_SET, THI_DUA, runs, &[]).fails(2);
    }
    run(&["sensitivity", THI_DUA_SET, THI_DUA, "--seed", "x"]).fails(2);
}

/// With no runs there is no evidence at all, so `--runs 0` is refused as a
/// usage error rather than reporting every unit fragile (0 of 0 kept).
#[test]
fn zero_runs_are_refused() {
    let run = sensitivity(THI_DUA_SET, THI_DUA, "0", &[]);
    let err = run.fails(2);
    assert!(err.contains("--runs"), "{err}");
}

#[test]
fn set_overrides_apply_to_the_baseline() {
    // G1 tolerating one officer at cảnh cáo makes V14 (99.26) HTXS.
    let doc: Value =
        serde_json::from_str(sensitivity(THI_DUA_SET, THI_DUA, "20", &["--set", "G1.max=1"]).ok())
            .unwrap();
    let v14 = units(&doc).iter().find(|u| u["id"] == "V14").unwrap();
    assert_eq!(v14["rating"], "HTXS");
    assert_eq!(doc["stamp"]["overrides"], serde_json::json!(["G1.max=1"]));
    sensitivity(THI_DUA_SET, THI_DUA, "20", &["--set", "G1.mx=1"]).fails(3);
}

#[test]
fn sensitivity_writes_every_format() {
    let base = [
        "sensitivity",
        KIEU_MAU,
        CUA_LO,
        "--runs",
        "30",
        "--seed",
        "3",
    ];
    let with = |more: &[&str]| {
        let mut args = base.to_vec();
        args.extend(more);
        run(&args)
    };
    let table = with(&[]);
    let rows = table_rows(table.ok());
    assert_eq!(rows.len(), 8, "a header and 7 wards");
    assert!(table.stdout.starts_with("Độ nhạy: "));
    assert!(
        table
            .stdout
            .contains("30 lần chấm lại, số khởi tạo ngẫu nhiên 3")
    );

    let doc: Value = serde_json::from_str(with(&["-f", "json"]).ok()).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["runs"], 30);

    let csv = with(&["-f", "csv"]);
    assert!(csv.ok().starts_with('\u{feff}'));
    let records: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.stdout.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(records.len(), 7);
    assert_eq!(&records[0][1], "NTHU");

    let md = with(&["-f", "md"]);
    assert!(md.ok().starts_with("# Độ nhạy: "));
    assert!(md.stdout.contains("| NTHU |"));

    let html = with(&["-f", "html"]);
    assert!(html.ok().starts_with("<!DOCTYPE html>"));
    assert!(html.stdout.contains("Nghi Thu"));
    assert!(html.stdout.trim_end().ends_with("</html>"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("do-nhay.xlsx");
    with(&["-o", path.to_str().unwrap()]).ok();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    assert!(book.sheet_names().iter().any(|s| s == "Độ nhạy"));
    let range = book.worksheet_range("Độ nhạy").unwrap();
    assert!(
        range
            .used_cells()
            .any(|(_, _, c)| matches!(c, Data::String(s) if s == "Nghi Thu"))
    );
}

/// Đông Vĩnh (V04) qualifies for HTXS but the quota is full: the advice says
/// so instead of asking for points.
#[test]
fn a_quota_blocked_unit_is_told_so() {
    let out = run(&[
        "sensitivity",
        THI_DUA_SET,
        THI_DUA,
        "--runs",
        "5",
        "-f",
        "json",
    ]);
    let doc: Value = serde_json::from_str(out.ok()).unwrap();
    let v04 = units(&doc).iter().find(|u| u["id"] == "V04").unwrap();
    assert_eq!(v04["next_rating"]["rating"], "HTXS");
    assert_eq!(v04["next_rating"]["by_quota"], true);
    let table = run(&[
        "sensitivity",
        THI_DUA_SET,
        THI_DUA,
        "--runs",
        "5",
        "--lang",
        "en",
    ]);
    // The table names the rating by its title; JSON keeps the id.
    assert!(
        table
            .ok()
            .contains("Hoàn thành xuất sắc nhiệm vụ: quota only")
    );
}

/// `--runs` is bounded: four billion runs is a usage error, not hours of
/// work and memory growing with runs × units.
#[test]
fn sensitivity_runs_are_bounded() {
    let err = run(&["sensitivity", THI_DUA_SET, THI_DUA, "--runs", "4000000000"]).fails(2);
    assert!(err.contains("a whole number from 1 to 100000"), "{err}");
    run(&[
        "sensitivity",
        THI_DUA_SET,
        THI_DUA,
        "--runs",
        "100000",
        "--help",
    ])
    .ok();
}

/// A set rated on criteria met alone keeps every rating when only the
/// points vary (the pass mark of all the points follows them).
#[test]
fn sensitivity_of_a_pass_fail_set_keeps_every_rating() {
    let out = run(&[
        "sensitivity",
        "an-toan-antt",
        "examples/an-toan-2023.csv",
        "--runs",
        "200",
        "-f",
        "json",
    ]);
    let doc: Value = serde_json::from_str(out.ok()).unwrap();
    let units = units(&doc);
    assert_eq!(units.len(), 7);
    for u in units {
        assert_eq!(u["rating_kept"], "1", "{u}");
    }
}
