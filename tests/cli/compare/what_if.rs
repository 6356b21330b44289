//! The what-if `--set` of `score`, `explain` and `compare`.

use super::*;

// ----------------------------------------------- what-if: score --set

/// Runs `score -f json` with and without the overrides; returns both, by id.
fn what_if(
    set: &str,
    data: &str,
    overrides: &[&str],
) -> (HashMap<String, Value>, HashMap<String, Value>, Value) {
    let mut args = vec!["score", set, data, "-f", "json"];
    for o in overrides {
        args.extend(["--set", o]);
    }
    let doc = json(&args);
    let after = by_id(doc["units"].as_array().unwrap());
    (by_id(&scored(set, data, &[])), after, doc)
}

fn criterion<'a>(u: &'a Value, id: &str) -> &'a Value {
    u["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()
}

#[test]
fn set_criterion_fields() {
    // points: A1 (linear 50 → 100%) from 8 to 10. CL05 at 90%: 6.4 → 8.
    let (before, after, doc) = what_if(THI_DUA_SET, THI_DUA, &["A1.points=10"]);
    assert_eq!(doc["set"]["full_max"], "102");
    assert_eq!(criterion(&after["CL05"], "A1")["max"], "10");
    assert_eq!(criterion(&before["CL05"], "A1")["points"], "6.4");
    assert_eq!(criterion(&after["CL05"], "A1")["points"], "8");
    assert_eq!(after["CL05"]["score"], "100.62", "99.02 + 1.6");

    // pass: NTHUY's D7 (2.22 of 3) misses its 2.4 pass mark; at 2 it is met.
    let (before, after, _) = what_if(KIEU_MAU, CUA_LO, &["D7.pass=2"]);
    assert_eq!(criterion(&before["NTHUY"], "D7")["met"], false);
    assert_eq!(criterion(&after["NTHUY"], "D7")["met"], true);
    assert_eq!(
        (
            before["NTHUY"]["met"].clone(),
            after["NTHUY"]["met"].clone()
        ),
        (23.into(), 24.into())
    );
    assert_eq!(after["NTHUY"]["score"], before["NTHUY"]["score"]);

    // min: C3 needs 99.5% instead of 98%; units at 99% lose its 4 points.
    let (before, after, _) = what_if(THI_DUA_SET, THI_DUA, &["C3.min=99.5"]);
    for (id, u) in &after {
        let value = dec(&criterion(u, "C3")["value"]);
        let expected = if value >= Decimal::new(995, 1) {
            "4"
        } else {
            "0"
        };
        assert_eq!(criterion(u, "C3")["points"], expected, "{id}");
    }
    assert_eq!(before["V04"]["score"], "92.49");
    assert_eq!(after["V04"]["score"], "88.49");

    // max: TC6 (at_most 0 members disciplined) allows one; NHAI has exactly one.
    let (before, after, _) = what_if("an-toan-antt", "examples/an-toan-2023.csv", &["TC6.max=1"]);
    assert_eq!(criterion(&before["NHAI"], "TC6")["points"], "0");
    assert_eq!(criterion(&after["NHAI"], "TC6")["points"], "1");
    assert_eq!(
        (
            before["NHAI"]["rating"].clone(),
            after["NHAI"]["rating"].clone()
        ),
        ("CHUA_DAT".into(), "DAT".into())
    );

    // full: A1 full at 90% instead of 100%: CL05 (90%) earns all 8 points.
    let (_, after, _) = what_if(THI_DUA_SET, THI_DUA, &["A1.full=90"]);
    assert_eq!(criterion(&after["CL05"], "A1")["points"], "8");
    // V13 at 70%: 8 × 20/40 = 4 (was 8 × 20/50 = 3.2).
    assert_eq!(criterion(&after["V13"], "A1")["points"], "4");

    // zero: A1 from nothing at 80%: CL05 8 × 10/20 = 4, V13 (70%) 0, which
    // takes V13 from 71.3 to 68.1, under HTT's 70.
    let (before, after, _) = what_if(THI_DUA_SET, THI_DUA, &["A1.zero=80"]);
    assert_eq!(criterion(&after["CL05"], "A1")["points"], "4");
    assert_eq!(criterion(&after["V13"], "A1")["points"], "0");
    assert_eq!(before["V13"]["rating"], "HTT");
    assert_eq!(after["V13"]["rating"], "HT");
}

#[test]
fn set_gate_fields() {
    // min: G3b wants 95% of residential areas safe instead of 70%.
    // NHUONG 13/14 = 92.9%, NHAI 11/12, NTAN 7/10 fail it; TTHUY 10/11 =
    // 90.9% fails it besides G4. A failed gate ranks first: the units that
    // pass every gate (NTHU, NHOA, NTHUY) lead, then one failed gate by
    // criteria met (NHUONG 19, NHAI 12, NTAN 7), then TTHUY's two: 7th.
    let (before, after, _) = what_if(KIEU_MAU, CUA_LO, &["G3b.min=95"]);
    assert_eq!(after["NHUONG"]["gates_failed"], serde_json::json!(["G3b"]));
    assert_eq!(after["NHUONG"]["rating"], "CHUA_DAT");
    assert_eq!(
        after["TTHUY"]["gates_failed"],
        serde_json::json!(["G3b", "G4"])
    );
    let ranks = |m: &HashMap<String, Value>| -> Vec<(String, u64)> {
        let mut r: Vec<_> = m
            .iter()
            .map(|(id, u)| (id.clone(), u["rank"].as_u64().unwrap()))
            .collect();
        r.sort_by_key(|(id, rank)| (*rank, id.clone()));
        r
    };
    let order: Vec<String> = ranks(&after).into_iter().map(|(id, _)| id).collect();
    assert_eq!(
        order,
        ["NTHU", "NHOA", "NTHUY", "NHUONG", "NHAI", "NTAN", "TTHUY"]
    );
    assert_eq!(before["TTHUY"]["rank"], 7);
    assert_eq!(after["NHOA"]["gates_failed"], serde_json::json!([]));

    // max: G1 tolerates one officer at cảnh cáo: V14 (98.46, one) passes it
    // and, with 26 units HTT or better, the 5 HTXS places go to V07, V14,
    // CL05, V11 and HM03.
    let (before, after, _) = what_if(THI_DUA_SET, THI_DUA, &["G1.max=1"]);
    assert_eq!(before["V14"]["gates_failed"], serde_json::json!(["G1"]));
    assert_eq!(after["V14"]["gates_failed"], serde_json::json!([]));
    assert_eq!(before["V14"]["rating"], "HT");
    assert_eq!(after["V14"]["rating"], "HTXS");

    // full / zero of a linear gate (passes at full marks only). S1 a = 50,
    // S2 a = 100, S3 a = 10; GOOD needs 5 points and every gate.
    let (before, after, _) = what_if(LINEAR_GATE, SMALL_CSV, &["GL.full=50"]);
    assert_eq!(before["S1"]["gates_failed"], serde_json::json!(["GL"]));
    assert_eq!(before["S1"]["rating"], "REST");
    assert_eq!(after["S1"]["gates_failed"], serde_json::json!([]));
    assert_eq!(after["S1"]["rating"], "GOOD");
    assert_eq!(after["S3"]["gates_failed"], serde_json::json!(["GL"]));
    // zero above full turns the rule round: at most 100 passes, so all do.
    let (_, after, _) = what_if(LINEAR_GATE, SMALL_CSV, &["GL.zero=150"]);
    for id in ["S1", "S2", "S3"] {
        assert_eq!(after[id]["gates_failed"], serde_json::json!([]), "{id}");
    }
    assert_eq!(after["S1"]["rating"], "GOOD");
}

#[test]
fn set_rating_fields() {
    // min_score: HTXS from 95 in 2024. V07 (93.46) and V06 (92.73) lose it;
    // CL05 (99.83) and V04 (95.19) keep it.
    let (before, after, _) = what_if(THI_DUA_SET, THI_DUA_2024, &["HTXS.min_score=95"]);
    for id in ["V07", "V06"] {
        assert_eq!(before[id]["rating"], "HTXS", "{id}");
        assert_eq!(after[id]["rating"], "HTT", "{id}");
    }
    assert_eq!(after["CL05"]["rating"], "HTXS");
    assert_eq!(after["V04"]["rating"], "HTXS");
    for (id, u) in &after {
        if u["rating"] == "HTXS" {
            assert!(dec(&u["score"]) >= Decimal::from(95), "{id}");
        }
    }

    // min_met: CO_BAN_DAT needs 24 criteria met instead of 22: NTHUY (23)
    // drops to CHUA_DAT; at 19, NHUONG (19) rises to it.
    let (before, after, _) = what_if(KIEU_MAU, CUA_LO, &["CO_BAN_DAT.min_met=24"]);
    assert_eq!(before["NTHUY"]["rating"], "CO_BAN_DAT");
    assert_eq!(after["NTHUY"]["rating"], "CHUA_DAT");
    let (before, after, _) = what_if(KIEU_MAU, CUA_LO, &["CO_BAN_DAT.min_met=19"]);
    assert_eq!(before["NHUONG"]["rating"], "CHUA_DAT");
    assert_eq!(after["NHUONG"]["rating"], "CO_BAN_DAT");

    // quota: 40% of 25 = 10 places ≥ the 9 eligible units, so the quota no
    // longer lowers anyone: V04, V06, V02 and TH01 become HTXS.
    let (before, after, _) = what_if(THI_DUA_SET, THI_DUA, &["HTXS.quota=40%"]);
    for id in ["V04", "V06", "V02", "TH01"] {
        assert_eq!(before[id]["quota_lowered"], true, "{id}");
        assert_eq!(after[id]["rating"], "HTXS", "{id}");
    }
    assert!(after.values().all(|u| u["quota_lowered"] == false));
    // quota 0: nobody is HTXS.
    let (_, after, _) = what_if(THI_DUA_SET, THI_DUA, &["HTXS.quota=0"]);
    assert!(after.values().all(|u| u["rating"] != "HTXS"));
}

#[test]
fn set_adjustments_and_caps() {
    // per: a Giấy khen is worth 2: V05 (two of them) gets 4 bonus, not 2.
    let (before, after, _) = what_if(THI_DUA_SET, THI_DUA, &["TH2.per=2"]);
    assert_eq!(
        (
            before["V05"]["bonus"].clone(),
            after["V05"]["bonus"].clone()
        ),
        ("2".into(), "4".into())
    );
    assert_eq!(after["V05"]["score"], "86.62", "84.62 + 2");

    // cap: Bằng khen bonus at most 2: V07 (two Bằng khen, two Giấy khen)
    // gets 2 + 2 = 4 instead of 2 × 2 + 2 = 6 (under the set-wide cap of 20).
    let (before, after, _) = what_if(THI_DUA_SET, THI_DUA, &["TH1.cap=2"]);
    assert_eq!(
        (
            before["V07"]["bonus"].clone(),
            after["V07"]["bonus"].clone()
        ),
        ("6".into(), "4".into())
    );

    // bonus_cap=0 removes every bonus, and only that.
    let (before, after, _) = what_if(THI_DUA_SET, THI_DUA, &["bonus_cap=0"]);
    assert!(before.values().any(|u| dec(&u["bonus"]) > Decimal::ZERO));
    for (id, u) in &after {
        assert_eq!(u["bonus"], "0", "{id}");
        let b = &before[id];
        assert_eq!(
            dec(&u["score"]),
            dec(&b["score"]) - dec(&b["bonus"]),
            "{id}"
        );
    }

    // deduction_cap=2: TH04 (10 points of deductions, at the cap of 10) loses 2.
    let (before, after, _) = what_if(THI_DUA_SET, THI_DUA, &["deduction_cap=2"]);
    assert_eq!(before["TH04"]["deductions"], "10");
    assert_eq!(after["TH04"]["deductions"], "2");
    assert_eq!(after["TH04"]["score"], "42.76", "34.76 + 8");
    for (id, u) in &after {
        assert!(dec(&u["deductions"]) <= Decimal::from(2), "{id}");
    }
}

#[test]
fn the_stamp_lists_the_overrides() {
    let overrides = ["HTXS.min_score=95", "bonus_cap=0"];
    let (_, _, doc) = what_if(THI_DUA_SET, THI_DUA, &overrides);
    assert_eq!(doc["stamp"]["overrides"], serde_json::json!(overrides));
    // Without --set, none.
    let plain = json(&["score", THI_DUA_SET, THI_DUA, "-f", "json"]);
    assert!(
        plain["stamp"]["overrides"]
            .as_array()
            .is_none_or(|a| a.is_empty())
    );
    let md = run(&[
        "score",
        THI_DUA_SET,
        THI_DUA,
        "--set",
        "bonus_cap=0",
        "-f",
        "md",
    ]);
    assert!(md.ok().contains("bonus_cap=0"));
}

#[test]
fn an_unknown_key_suggests_the_right_one() {
    for (key, hint) in [
        ("HTSX.min_score=95", "\"HTXS\""),
        ("A1.pionts=3", "\"points\""),
        ("bonus_cpa=1", "\"bonus_cap\""),
    ] {
        for command in ["score", "compare"] {
            let err = run(&[command, THI_DUA_SET, THI_DUA, "--set", key, "--lang", "en"]).fails(3);
            assert!(
                err.contains(&format!("Did you mean {hint}?")),
                "{command} {key}: {err}"
            );
        }
    }
    // A bad value, a field the rule lacks, the fallback rating: rejected too.
    for key in [
        "A1.points=abc",
        "C3.zero=1",
        "KHT.min_score=10",
        "A1.zero=100",
    ] {
        run(&["score", THI_DUA_SET, THI_DUA, "--set", key]).fails(3);
    }
}

// ---------------------------------------------- what-if: explain --set

#[test]
fn explain_shows_the_changed_rule() {
    let plain = run(&["explain", THI_DUA_SET, THI_DUA, "V04"]);
    let changed = run(&[
        "explain",
        THI_DUA_SET,
        THI_DUA,
        "V04",
        "--set",
        "C3.min=99.5",
    ]);
    let row = |out: &str| {
        table_rows(out)
            .into_iter()
            .find(|r| r[0] == "C3")
            .expect("a C3 row")
    };
    let (before, after) = (row(plain.ok()), row(changed.ok()));
    assert!(before.iter().any(|c| c.starts_with("≥ 98%")), "{before:?}");
    assert!(after.iter().any(|c| c.starts_with("≥ 99,5%")), "{after:?}");
    assert!(changed.stdout.contains("Điểm: 88,49"), "92.49 − 4");

    // A rating threshold: HM03 (97.48) is 0.52 short of HTXS from 98.
    let doc = json(&[
        "explain",
        THI_DUA_SET,
        THI_DUA,
        "HM03",
        "--set",
        "HTXS.min_score=98",
        "-f",
        "json",
    ]);
    assert_eq!(doc["unit"]["rating"], "HTT");
    assert_eq!(doc["next_rating"], "HTXS");
    assert_eq!(doc["points_needed"], "0.52");
    let reasons = doc["above"][0]["reasons"].to_string();
    assert!(reasons.contains("98"), "{reasons}");
    assert_eq!(
        doc["stamp"]["overrides"],
        serde_json::json!(["HTXS.min_score=98"])
    );
}

// ---------------------------------------------- what-if: compare --set

#[test]
fn compare_with_set_puts_original_and_what_if_side_by_side() {
    let set = "HTXS.min_score=95";
    let doc = json(&[
        "compare",
        THI_DUA_SET,
        THI_DUA_2024,
        "--set",
        set,
        "-f",
        "json",
    ]);
    // JSON's labels are the same in every language (the set is Vietnamese).
    assert_eq!(doc["labels"], serde_json::json!(["original", "what-if"]));
    let original = by_id(&scored(THI_DUA_SET, THI_DUA_2024, &[]));
    let changed = by_id(&scored(THI_DUA_SET, THI_DUA_2024, &["--set", set]));
    let order = rating_order(THI_DUA_SET);
    for u in compare_units(&doc) {
        let id = text(&u["id"]);
        same_figures(&u["versions"][0], &original[id]);
        same_figures(&u["versions"][1], &changed[id]);
        assert_eq!(u["score_change"], "0", "{id}");
        let expected = if id == "V07" || id == "V06" { -1 } else { 0 };
        assert_eq!(u["rating_change"], expected, "{id}");
        assert_eq!(
            int(&u["rating_change"]),
            rating_index(&order, &original[id]["rating"])
                - rating_index(&order, &changed[id]["rating"])
        );
    }
    assert_eq!(doc["summary"]["rating_down"], 2);
    assert_eq!(doc["stamp"]["overrides"], serde_json::json!([set]));

    // A score effect: without bonuses every score drops by exactly its bonus.
    let doc = json(&[
        "compare",
        THI_DUA_SET,
        THI_DUA,
        "--set",
        "bonus_cap=0",
        "-f",
        "json",
    ]);
    let original = by_id(&scored(THI_DUA_SET, THI_DUA, &[]));
    for u in compare_units(&doc) {
        let id = text(&u["id"]);
        let bonus = dec(&original[id]["bonus"]);
        assert_eq!(dec(&u["score_change"]), -bonus, "{id}");
        if bonus.is_zero() {
            assert_eq!(u["criteria_moved"], serde_json::json!([]), "{id}");
        }
    }

    // In English the columns are "original" and "what-if"; --labels renames them.
    let doc = json(&[
        "compare",
        THI_DUA_SET,
        THI_DUA,
        "--set",
        set,
        "--lang",
        "en",
        "-f",
        "json",
    ]);
    assert_eq!(doc["labels"], serde_json::json!(["original", "what-if"]));
    let doc = json(&[
        "compare",
        THI_DUA_SET,
        THI_DUA,
        "--set",
        set,
        "--labels",
        "2023,HTXS 95",
        "-f",
        "json",
    ]);
    assert_eq!(doc["labels"], serde_json::json!(["2023", "HTXS 95"]));
    let run = run(&["compare", THI_DUA_SET, THI_DUA_2024, "--set", set]);
    let header = &table_rows(run.ok())[0];
    assert!(header.iter().any(|c| c == "Xếp loại gốc"), "{header:?}");
    assert!(header.iter().any(|c| c == "Xếp loại thử"), "{header:?}");
}
