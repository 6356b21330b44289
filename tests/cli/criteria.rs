//! `wardscore criteria`: the set itself.

use crate::harness::*;

const SETS: [(&str, &[&str], &str); 3] = [
    (
        "thi-dua-cuoi-nam",
        &[
            "A1", "A2", "A3", "B1", "B2", "B3", "B4", "B5", "B6", "B7", "C1", "C2", "C3", "C4",
            "D1", "D2", "D3",
        ],
        "100",
    ),
    (
        "cong-an-phuong-kieu-mau",
        &[
            "A1", "A2", "A3", "A4", "A5", "A6", "B1", "B2", "B3", "B4", "B5", "B6a", "B6b", "B7",
            "B8", "C1", "C2", "C3", "C4", "C5", "D1", "D2", "D3", "D4", "D5", "D6", "D7",
        ],
        "100",
    ),
    (
        "an-toan-antt",
        &[
            "TC1", "TC2", "TC3", "TC4a", "TC4b", "TC4c", "TC4d", "TC5", "TC6", "TC7", "TC8",
        ],
        "11",
    ),
];

#[test]
fn criteria_of_every_shipped_set() {
    for (id, criteria, full) in SETS {
        let run = run(&["criteria", id]);
        let out = run.ok();
        assert!(
            out.contains(&format!("Mã bộ: {id} · Tổng điểm: {full}\n")),
            "{out}"
        );
        let rows = table_rows(out);
        let listed: Vec<&str> = rows
            .iter()
            .skip(1)
            .filter(|r| !r[2].is_empty()) // group rows have no indicator
            .map(|r| r[0].as_str())
            .collect();
        assert_eq!(listed, criteria, "{id}");
        assert!(out.contains("Xếp loại (xét từ trên xuống)"));
    }
}

#[test]
fn criteria_in_english_and_details() {
    let run = run(&["criteria", "thi-dua-cuoi-nam", "--lang", "en"]);
    let out = run.ok();
    assert!(out.contains("Set id: thi-dua-cuoi-nam · Full points: 100"));
    assert!(out.contains("Ratings (best first)"));
    assert!(out.contains("Hoàn thành xuất sắc nhiệm vụ: score ≥ 90; every gate passed; at most 20% of units rated \"Hoàn thành tốt nhiệm vụ\" or better"), "{out}");
    assert!(out.contains("Bonus cap: 20"));
    assert!(out.contains("Deduction cap: 10"));
    // B3 may be N/A; group B totals 40 (10 + 10 + 5 + 5 + 5 + 5).
    let rows = table_rows(out);
    let b3 = rows.iter().find(|r| r[0] == "B3").unwrap();
    assert_eq!(b3[2], "kham_pha_nghiem_trong_pct (N/A allowed)");
    let b = rows.iter().find(|r| r[0] == "B").unwrap();
    assert_eq!(b[4], "40");
}

#[test]
fn criteria_json_lists_everything() {
    let run = run(&["criteria", "cong-an-phuong-kieu-mau", "-f", "json"]);
    let doc: serde_json::Value = serde_json::from_str(run.ok()).unwrap();
    assert_eq!(doc["criteria"].as_array().unwrap().len(), 27);
    assert_eq!(doc["gates"].as_array().unwrap().len(), 6);
    assert_eq!(doc["criteria"][0]["pass"], "3.2");
}
