//! `wardscore explain`: one unit, by id or by name.

use crate::harness::*;

#[test]
fn explain_by_id_shows_the_rescaling() {
    let run = run(&["explain", KIEU_MAU, CUA_LO, "NTHUY"]);
    let out = run.ok();
    assert!(out.starts_with("Nghi Thủy (NTHUY) — "), "{out}");
    // Hand-computed: 23 of 26 applicable met; earned 89.95 of 97 → 92.73.
    // The pass count leads; the points are an internal aid.
    assert!(out.contains("Đạt: 23/26 · Điểm (tham khảo): 92,73 · Xếp loại: Cơ bản đạt · Hạng: 3"));
    assert!(out.contains("89,95 × 100 ÷ 97 = 92,73"), "{out}");
    // Not KIEU_MAU because A2 (2 < 2.4), B2 (5.5 < 5.6), D7 (2.22 < 2.4) are unmet.
    assert!(
        out.contains("Chưa đạt \"Kiểu mẫu\": chưa đạt A2, B2, D7"),
        "{out}"
    );
    // The biggest possible gain is B2: 7 − 5.5 = 1.5, at ≥ 90%.
    let rows = table_rows(out);
    let gains_header = rows
        .iter()
        .position(|r| r[0] == "Mã" && r.len() == 4)
        .unwrap();
    assert_eq!(rows[gains_header + 1][0], "B2");
    assert_eq!(rows[gains_header + 1][2], "1,5");
    assert_eq!(rows[gains_header + 1][3], "≥ 90%");
}

#[test]
fn explain_by_name_is_case_insensitive_and_normalised() {
    let by_id = run(&["explain", KIEU_MAU, CUA_LO, "NTHUY"]);
    for name in ["Nghi Thủy", "nghi thủy", "NGHI THỦY", "Nghi Thu\u{0309}y"] {
        let by_name = run(&["explain", KIEU_MAU, CUA_LO, name]);
        assert_eq!(by_name.ok(), by_id.ok(), "{name}");
    }
    // Ids match case-insensitively too.
    assert_eq!(
        run(&["explain", KIEU_MAU, CUA_LO, "nthuy"]).ok(),
        by_id.ok()
    );
}

#[test]
fn explain_a_unit_lowered_by_the_quota() {
    let run = run(&["explain", THI_DUA_SET, THI_DUA, "Hồng Sơn", "--lang", "en"]);
    let out = run.ok();
    assert!(
        out.contains(
            "Score: 92.49 · Met: 12/17 · Rating: Hoàn thành tốt nhiệm vụ (↓ Hoàn thành xuất sắc nhiệm vụ: quota) · Rank: 7, in cluster 4"
        ),
        "{out}"
    );
    // The figures its target criteria were scored against: B2 at 89%
    // against 75%, with Cụm 1's leader at 94%: 5 + 5 × 14 ÷ 19 = 8.68.
    assert!(out.contains("Points relative to the other units"), "{out}");
    assert!(
        out.contains(
            "result 89%; target 75%; the leader in the cluster has 94% (14 units with a target compared) → 8.68/10 points."
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "Not \"Hoàn thành xuất sắc nhiệm vụ\": qualifies, but the rating's quota was full"
        ),
        "{out}"
    );
    // Already above 90: no points needed for HTXS.
    assert!(
        out.contains("To reach \"Hoàn thành xuất sắc nhiệm vụ\"\n"),
        "{out}"
    );
}

#[test]
fn explain_json_has_the_explanation() {
    let run = run(&["explain", THI_DUA_SET, THI_DUA, "TH04", "-f", "json"]);
    let doc: serde_json::Value = serde_json::from_str(run.ok()).unwrap();
    assert_eq!(doc["unit"]["id"], "TH04");
    assert_eq!(doc["unit"]["score"], "34.76");
    // Deductions before the cap: TR1 4 × 1 + TR2 3 × 2 + TR3 min(8 × 0.5, 3) = 13.
    assert_eq!(doc["deductions_total"], "13");
    assert_eq!(doc["next_rating"], "HT");
    // HT needs 50: 50 − 34.76 = 15.24.
    assert_eq!(doc["points_needed"], "15.24");
    let above: Vec<&str> = doc["above"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["rating"].as_str().unwrap())
        .collect();
    assert_eq!(above, ["HTXS", "HTT", "HT"]);
    assert!(
        doc["above"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["by_quota"] == false)
    );
}

#[test]
fn explain_an_unknown_unit_is_exit_1() {
    let run = run(&["explain", KIEU_MAU, CUA_LO, "Nghi Huongg"]);
    let err = run.fails(1);
    assert!(err.contains("\"Nghi Huongg\""), "{err}");
    // The set is Vietnamese, so the message is too.
    assert!(err.contains("có phải \"Nghi Hương\"?"), "{err}");
    let err = run_with(
        &["explain", KIEU_MAU, CUA_LO, "Nghi Huongg", "--lang", "en"],
        None,
    )
    .fails(1);
    assert!(err.contains("did you mean \"Nghi Hương\"?"), "{err}");
}

/// Names typed without Vietnamese input (no tone marks) still find the one
/// unit they can only mean.
#[test]
fn explain_finds_a_name_typed_without_tone_marks() {
    let out = run(&["explain", KIEU_MAU, CUA_LO, "nghi thuy"])
        .ok()
        .to_string();
    assert!(out.starts_with("Nghi Thủy (NTHUY)"), "{out}");
    let out = run(&["explain", KIEU_MAU, CUA_LO, "Nghi Huong"])
        .ok()
        .to_string();
    assert!(out.starts_with("Nghi Hương (NHUONG)"), "{out}");
}

/// Writes `csv` for the small fixture set and returns its directory and path.
fn small_data(csv: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("units.csv");
    std::fs::write(&path, csv).unwrap();
    let shown = path.to_str().unwrap().to_string();
    (dir, shown)
}

/// An id typed exactly finds that unit, even when another id differs only
/// in case; a case-insensitive match is used only when nothing matches exactly.
#[test]
fn explain_prefers_the_exact_id_over_a_case_insensitive_one() {
    let (_dir, data) =
        small_data("ma,ten,a,b,ghi_chu\nabc,Alpha,50,yes,\nABC,Beta,100,no,\nS3,Gamma,10,yes,\n");
    let small = "tests/fixtures/small.toml";
    let out = run(&["explain", small, &data, "ABC", "--lang", "en"])
        .ok()
        .to_string();
    assert!(out.starts_with("Beta (ABC)"), "{out}");
    let out = run(&["explain", small, &data, "abc", "--lang", "en"])
        .ok()
        .to_string();
    assert!(out.starts_with("Alpha (abc)"), "{out}");
    // Neither matches exactly, and both match ignoring case: ask, never pick.
    let err = run(&["explain", small, &data, "Abc", "--lang", "en"]).fails(1);
    assert!(
        err.contains("\"Abc\" matches 2 units: abc (Alpha), ABC (Beta); give the id"),
        "{err}"
    );
    // A unique case-insensitive match still finds its unit.
    let out = run(&["explain", small, &data, "s3", "--lang", "en"])
        .ok()
        .to_string();
    assert!(out.starts_with("Gamma (S3)"), "{out}");
}

/// Three names that read the same without tone marks: the name typed
/// without them lists all three instead of resolving silently to one.
#[test]
fn explain_lists_the_units_an_unaccented_name_could_mean() {
    let (_dir, data) = small_data(
        "ma,ten,a,b,ghi_chu\nH1,Nghi Hà,50,yes,\nH2,Nghi Hạ,100,no,\nH3,Nghi Há,10,yes,\n",
    );
    let small = "tests/fixtures/small.toml";
    let err = run(&["explain", small, &data, "nghi ha", "--lang", "vi"]).fails(1);
    assert!(
        err.contains("\"nghi ha\" ứng với 3 đơn vị: H1 (Nghi Hà), H2 (Nghi Hạ), H3 (Nghi Há)"),
        "{err}"
    );
    // The name written in full is exact, and finds its one unit.
    let out = run(&["explain", small, &data, "Nghi Hạ"]).ok().to_string();
    assert!(out.starts_with("Nghi Hạ (H2)"), "{out}");
}

/// `compare --unit` looks units up the same way.
#[test]
fn compare_unit_lookup_refuses_an_ambiguous_name() {
    let (_dir, data) = small_data(
        "ma,ten,a,b,ghi_chu\nH1,Nghi Hà,50,yes,\nH2,Nghi Hạ,100,no,\nH3,Nghi Há,10,yes,\n",
    );
    let small = "tests/fixtures/small.toml";
    let err = run(&[
        "compare", small, &data, &data, "--unit", "nghi ha", "--lang", "en",
    ])
    .fails(1);
    assert!(err.contains("\"nghi ha\" matches 3 units"), "{err}");
}

/// Points can earn a rating with a quota and still not win a place in it:
/// `explain` says so beside the points it needs, in both languages.
#[test]
fn the_points_needed_for_a_rating_with_a_quota_come_with_its_caveat() {
    let vi = run(&["explain", THI_DUA_SET, THI_DUA, "V12", "--lang", "vi"]);
    let vi = vi.ok();
    assert!(
        vi.contains("Để đạt \"Hoàn thành xuất sắc nhiệm vụ\": cần thêm"),
        "{vi}"
    );
    assert!(vi.contains("có hạn mức (tỷ lệ tối đa)"), "{vi}");
    let en = run(&["explain", THI_DUA_SET, THI_DUA, "V12", "--lang", "en"]);
    assert!(
        en.ok()
            .contains("has a quota: with the points and criteria it needs"),
        "{}",
        en.ok()
    );
    // A rating without a quota has no such caveat.
    let kieu_mau = run(&["explain", KIEU_MAU, CUA_LO, "NTHUY", "--lang", "en"]);
    assert!(!kieu_mau.ok().contains("has a quota"), "{}", kieu_mau.ok());
}
