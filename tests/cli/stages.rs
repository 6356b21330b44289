//! Review stages (`--stage LABEL=FILE`) and merged units (`compare
//! --lineage`), end to end on the examples. Expected figures come from
//! scoring plain files (the first stage alone, or the stages merged by
//! hand), never from the staged run's own output.

use rust_decimal::Decimal;
use serde_json::Value;

use crate::harness::*;

const SET: &str = "cong-an-phuong-kieu-mau";
const FIRST: &str = "Tự chấm=examples/stages/tu-cham.csv";
const SECOND: &str = "Thẩm định=examples/stages/tham-dinh.csv";
const THIRD: &str = "Phúc tra=examples/stages/phuc-tra.csv";

fn json(args: &[&str]) -> Value {
    serde_json::from_str(run(args).ok()).expect("valid JSON")
}

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("a decimal string, not {v}"))
        .parse()
        .unwrap_or_else(|_| panic!("a decimal, not {v}"))
}

fn unit<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["units"]
        .as_array()
        .and_then(|us| us.iter().find(|u| u["id"] == id))
        .unwrap_or_else(|| panic!("unit {id} in the report"))
}

fn staged_json() -> Value {
    json(&[
        "score", SET, "--stage", FIRST, "--stage", SECOND, "--stage", THIRD, "-f", "json",
    ])
}

/// The three example stages merged by hand: every cell a later stage
/// filled replaces the self-assessed one.
fn merged_by_hand(dir: &tempfile::TempDir) -> String {
    let text = std::fs::read_to_string(root().join("examples/stages/tu-cham.csv")).unwrap();
    let mut lines: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    let header = lines[0].clone();
    for stage in ["tham-dinh.csv", "phuc-tra.csv"] {
        let text = std::fs::read_to_string(root().join("examples/stages").join(stage)).unwrap();
        let mut rows = text.lines();
        let columns: Vec<&str> = rows.next().unwrap().split(',').collect();
        for row in rows {
            let cells: Vec<&str> = row.split(',').collect();
            let target = lines.iter_mut().find(|l| l[0] == cells[0]).unwrap();
            for (name, value) in columns.iter().zip(&cells).skip(1) {
                if !value.is_empty() {
                    let at = header.iter().position(|h| h == name).unwrap();
                    target[at] = (*value).to_string();
                }
            }
        }
    }
    let path = dir.path().join("merged.csv");
    let text: Vec<String> = lines.iter().map(|l| l.join(",")).collect();
    std::fs::write(&path, text.join("\n") + "\n").unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn staged_scores_are_the_scores_of_the_stages_merged_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let by_hand = json(&["score", SET, &merged_by_hand(&dir), "-f", "json"]);
    let staged = staged_json();
    let ids: Vec<&str> = by_hand["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 7);
    for id in ids {
        assert_eq!(
            unit(&staged, id)["score"],
            unit(&by_hand, id)["score"],
            "{id}"
        );
        assert_eq!(
            unit(&staged, id)["rank"],
            unit(&by_hand, id)["rank"],
            "{id}"
        );
    }
}

#[test]
fn each_change_is_listed_with_the_score_before_and_after_its_stage() {
    let staged = staged_json();
    let alone = json(&["score", SET, "examples/stages/tu-cham.csv", "-f", "json"]);
    // Nghi Hải: Thẩm định lowered kdc_an_toan from 11 to 10.
    let nhai = unit(&staged, "NHAI");
    let changes = nhai["stage_changes"].as_array().expect("a list of changes");
    assert_eq!(changes.len(), 1, "{changes:?}");
    let c = &changes[0];
    assert_eq!(c["stage"], "Thẩm định");
    assert_eq!(c["column"], "kdc_an_toan");
    assert_eq!(
        (c["from"].as_str(), c["to"].as_str()),
        (Some("11"), Some("10"))
    );
    // Before Thẩm định the data was the self-assessment.
    assert_eq!(c["score_before"], unit(&alone, "NHAI")["score"]);
    assert_eq!(
        c["score_after"], nhai["score"],
        "Phúc tra changed nothing of Nghi Hải"
    );
    assert_eq!(
        dec(&c["points_moved"]),
        dec(&c["score_after"]) - dec(&c["score_before"])
    );
    // A unit no later stage touched has no list.
    assert!(unit(&staged, "NTHU").get("stage_changes").is_none());
}

#[test]
fn json_gives_each_criterion_its_stage_and_the_values_of_every_stage_where_changed() {
    let staged = staged_json();
    let nhuong = unit(&staged, "NHUONG");
    let criterion = |id: &str| {
        nhuong["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    let c5 = criterion("C5");
    assert_eq!(c5["stage"], "Phúc tra");
    let stages: Vec<(&str, &str)> = c5["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["stage"].as_str().unwrap(), s["value"].as_str().unwrap()))
        .collect();
    assert_eq!(
        stages,
        [("Tự chấm", "93"), ("Thẩm định", "90"), ("Phúc tra", "92")]
    );
    let a1 = criterion("A1");
    assert_eq!(a1["stage"], "Tự chấm");
    assert!(a1.get("stages").is_none(), "unchanged: no list");
    let stamped: Vec<&str> = staged["stamp"]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stamped, ["Tự chấm", "Thẩm định", "Phúc tra"]);
}

#[test]
fn a_later_stage_of_blank_cells_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("blank.csv");
    std::fs::write(&blank, "ma,ten,hai_long_pct\nNHAI,,\nNTHU,,\n").unwrap();
    let stage = format!("Thẩm định={}", blank.display());
    let staged = json(&[
        "score", SET, "--stage", FIRST, "--stage", &stage, "-f", "json",
    ]);
    let alone = json(&["score", SET, "examples/stages/tu-cham.csv", "-f", "json"]);
    for (s, a) in staged["units"]
        .as_array()
        .unwrap()
        .iter()
        .zip(alone["units"].as_array().unwrap())
    {
        assert_eq!((&s["id"], &s["score"]), (&a["id"], &a["score"]));
        assert!(s.get("stage_changes").is_none());
    }
}

#[test]
fn the_table_lists_what_later_stages_changed() {
    let out = run(&[
        "score", SET, "--stage", FIRST, "--stage", SECOND, "--stage", THIRD, "--lang", "en",
    ]);
    let out = out.ok();
    assert!(out.contains("Cells a later stage changed"), "{out}");
    let rows = table_rows(out);
    let changed: Vec<_> = rows
        .iter()
        .filter(|r| r.len() == 8 && r[1] != "Stage")
        .map(|r| {
            (
                r[0].as_str(),
                r[1].as_str(),
                r[2].as_str(),
                r[4].as_str(),
                r[5].as_str(),
            )
        })
        .collect();
    assert!(
        changed.contains(&("Nghi Tân (NTAN)", "Phúc tra", "bao_cao_tre_sai", "2", "3")),
        "{changed:?}"
    );
    assert_eq!(changed.len(), 5, "{changed:?}");
}

#[test]
fn explain_shows_each_values_stage() {
    let out = run(&[
        "explain", SET, "NHUONG", "--stage", FIRST, "--stage", SECOND, "--stage", THIRD, "--lang",
        "en",
    ]);
    let out = out.ok();
    assert!(out.contains("Values by stage"), "{out}");
    let rows = table_rows(out);
    let hai_long = rows
        .iter()
        .find(|r| r[0] == "hai_long_pct")
        .expect("the changed column");
    assert_eq!(hai_long[2], "Phúc tra");
    assert_eq!(hai_long[3], "Tự chấm: 93; Thẩm định: 90; Phúc tra: 92");
    assert!(out.contains("The unit's other values are from the stage \"Tự chấm\""));
}

#[test]
fn check_accepts_stages_and_counts_what_each_changed() {
    let out = run(&[
        "check", SET, "--stage", FIRST, "--stage", SECOND, "--stage", THIRD, "--lang", "en",
    ]);
    let out = out.ok();
    assert!(
        out.contains("✓ 3 stages: 7 units, all values valid"),
        "{out}"
    );
    assert!(
        out.contains("2. Thẩm định: examples/stages/tham-dinh.csv — 3 cell(s) changed"),
        "{out}"
    );
    assert!(
        out.contains("3. Phúc tra: examples/stages/phuc-tra.csv — 2 cell(s) changed"),
        "{out}"
    );
}

#[test]
fn a_unit_only_in_a_later_stage_is_refused_naming_stage_file_and_row() {
    let dir = tempfile::tempdir().unwrap();
    let later = dir.path().join("tham-dinh.csv");
    std::fs::write(&later, "ma,hai_long_pct\nNHAI,90\nNLOC,95\n").unwrap();
    let stage = format!("Thẩm định={}", later.display());
    let err = run(&[
        "score", SET, "--stage", FIRST, "--stage", &stage, "--lang", "en",
    ])
    .fails(3);
    assert!(
        err.contains(&format!("{} (Thẩm định):3", later.display())),
        "{err}"
    );
    assert!(err.contains("\"NLOC\""), "{err}");
    assert!(err.contains("not in the first stage \"Tự chấm\""), "{err}");
}

#[test]
fn a_bad_value_in_a_later_stage_is_reported_at_its_own_row() {
    let dir = tempfile::tempdir().unwrap();
    let later = dir.path().join("phuc-tra.csv");
    std::fs::write(&later, "ma,hai_long_pct\nNHAI,\nNTHU,chín mươi\n").unwrap();
    let stage = format!("Phúc tra={}", later.display());
    let err = run(&[
        "score", SET, "--stage", FIRST, "--stage", &stage, "--lang", "en",
    ])
    .fails(3);
    assert!(
        err.contains(&format!(
            "{} (Phúc tra):3, column \"hai_long_pct\": \"chín mươi\"",
            later.display()
        )),
        "{err}"
    );
}

/// A column the self-assessment lacks and the appraisal brings in: a
/// unit the appraisal leaves blank, or does not list, is named in the
/// appraisal's file, the one to complete.
#[test]
fn a_column_only_a_later_stage_has_is_missing_where_that_stage_lacks_it() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    // The self-assessment without its column hai_long_pct.
    let first = std::fs::read_to_string(root().join("examples/stages/tu-cham.csv")).unwrap();
    let at = first
        .lines()
        .next()
        .unwrap()
        .split(',')
        .position(|c| c == "hai_long_pct")
        .unwrap();
    let without: String = first
        .lines()
        .map(|l| {
            let mut cells: Vec<&str> = l.split(',').collect();
            cells.remove(at);
            cells.join(",") + "\n"
        })
        .collect();
    let first = write("tc.csv", &without);
    let listed = "NHAI,90\nNHOA,\nNTHU,91\nNTAN,92\nNTHUY,93\nTTHUY,94\n";
    let later = write("td.csv", &format!("ma,hai_long_pct\n{listed}"));
    let (first, later_stage) = (format!("Tự chấm={first}"), format!("Thẩm định={later}"));
    let err = run(&[
        "score",
        SET,
        "--stage",
        &first,
        "--stage",
        &later_stage,
        "--lang",
        "en",
    ])
    .fails(3);
    assert!(
        err.contains(&format!("{later} (Thẩm định):3, column \"hai_long_pct\"")),
        "{err}"
    );
    assert!(err.contains("the cell is blank"), "{err}");
    assert!(
        err.contains("has no row for the unit NHUONG, so it has no value in that column"),
        "{err}"
    );
    assert!(!err.contains("tc.csv (Tự chấm)"), "{err}");
}

#[test]
fn data_and_stages_together_are_wrong_usage() {
    let err = run(&["score", SET, "examples/cua-lo-2023.csv", "--stage", FIRST]).fails(2);
    assert!(err.contains("--stage"), "{err}");
    let err = run(&["score", SET, "--stage", "Tự chấm", "--lang", "en"]).fails(2);
    assert!(err.contains("LABEL=FILE"), "{err}");
    let err = run(&[
        "score", SET, "--stage", FIRST, "--stage", FIRST, "--lang", "en",
    ])
    .fails(2);
    assert!(err.contains("twice"), "{err}");
    let err = run(&[
        "compare",
        SET,
        "examples/cua-lo-2023.csv",
        "examples/cua-lo-2024.csv",
        "--stage",
        FIRST,
    ])
    .fails(2);
    assert!(err.contains("--stage"), "{err}");
}

#[test]
fn sensitivity_runs_on_stages() {
    let out = run(&[
        "sensitivity",
        SET,
        "--stage",
        FIRST,
        "--stage",
        SECOND,
        "--runs",
        "20",
        "-f",
        "json",
    ]);
    let report: Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(report["stamp"]["stages"].as_array().map(Vec::len), Some(2));
}

// ------------------------------------------------------------- lineage

const LINEAGE: &str = "examples/sap-nhap.csv";

#[test]
fn each_new_unit_is_shown_beside_the_old_units_it_came_from() {
    let report = json(&[
        "compare",
        SET,
        "examples/cua-lo-2024.csv",
        "examples/cua-lo-2025.csv",
        "--lineage",
        LINEAGE,
        "-f",
        "json",
    ]);
    let before = json(&["score", SET, "examples/cua-lo-2024.csv", "-f", "json"]);
    let after = json(&["score", SET, "examples/cua-lo-2025.csv", "-f", "json"]);
    let lineage = report["lineage"].as_array().expect("a lineage list");
    let new_ids: Vec<&str> = lineage.iter().map(|m| m["id"].as_str().unwrap()).collect();
    // In the last period's rank order.
    let ranked: Vec<&str> = after["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(new_ids, ranked);
    let bac = &lineage[new_ids.iter().position(|id| *id == "CLBAC").unwrap()];
    assert_eq!(bac["now"]["score"], unit(&after, "CLBAC")["score"]);
    let from: Vec<&str> = bac["from"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(from, ["NTHU", "NHOA", "NHAI"], "the lineage file's order");
    for old in bac["from"].as_array().unwrap() {
        let id = old["id"].as_str().unwrap();
        assert_eq!(
            old["versions"][0]["score"],
            unit(&before, id)["score"],
            "{id}"
        );
        assert_eq!(
            old["versions"][0]["rating"],
            unit(&before, id)["rating"],
            "{id}"
        );
    }
}

#[test]
fn the_table_never_adds_or_averages_old_scores() {
    let out = run(&[
        "compare",
        SET,
        "examples/cua-lo-2024.csv",
        "examples/cua-lo-2025.csv",
        "--lineage",
        LINEAGE,
        "--labels",
        "2024,2025",
        "--lang",
        "en",
    ]);
    let out = out.ok();
    assert!(
        out.contains("Merged units and the units they came from"),
        "{out}"
    );
    let rows = table_rows(out);
    // Header: New unit, Score 2025, Rating 2025, From old unit, Score 2024, Rating 2024.
    let bac: Vec<&Vec<String>> = rows
        .iter()
        .skip_while(|r| r[0] != "Cửa Lò Bắc (CLBAC)")
        .take(4)
        .collect();
    assert_eq!(bac.len(), 4);
    assert_eq!(bac[1][0], "", "the new unit's figures are given once");
    assert_eq!(bac[1][3], "Nghi Hòa (NHOA)");
    // One row per old unit, each with its own score, then the next new
    // unit: no total or mean row.
    let old: Vec<&str> = bac[..3].iter().map(|r| r[3].as_str()).collect();
    assert_eq!(
        old,
        ["Nghi Thu (NTHU)", "Nghi Hòa (NHOA)", "Nghi Hải (NHAI)"]
    );
    assert!(bac[..3].iter().all(|r| !r[4].is_empty() && r[4] != "—"));
    assert!(!bac[3][0].is_empty(), "the next row is another new unit");
}

#[test]
fn a_bad_lineage_file_lists_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("sap-nhap.csv");
    std::fs::write(
        &bad,
        "old_id,new_id\nNTHU,CLBAC\nNTHU,CLNAM\nNLOC,CLBAC\nNHAI,CLTAY\n",
    )
    .unwrap();
    let bad = bad.to_string_lossy().into_owned();
    let err = run(&[
        "compare",
        SET,
        "examples/cua-lo-2024.csv",
        "examples/cua-lo-2025.csv",
        "--lineage",
        &bad,
        "--lang",
        "en",
    ])
    .fails(3);
    assert!(
        err.contains(&format!("{bad}:3, column \"old_id\": \"NTHU\"")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{bad}:4, column \"old_id\": \"NLOC\"")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{bad}:5, column \"new_id\": \"CLTAY\"")),
        "{err}"
    );
    assert!(err.contains("3 problem(s)"), "{err}");
    std::fs::write(dir.path().join("h.csv"), "cu,moi\nNTHU,CLBAC\n").unwrap();
    let header = dir.path().join("h.csv").to_string_lossy().into_owned();
    let err = run(&[
        "compare",
        SET,
        "examples/cua-lo-2024.csv",
        "examples/cua-lo-2025.csv",
        "--lineage",
        &header,
    ])
    .fails(3);
    assert!(err.contains("old_id"), "{err}");
}

#[test]
fn without_lineage_a_comparison_is_unchanged() {
    let report = json(&[
        "compare",
        SET,
        "examples/cua-lo-2024.csv",
        "examples/cua-lo-2025.csv",
        "-f",
        "json",
    ]);
    assert!(report.get("lineage").is_none());
    let out = run(&[
        "compare",
        SET,
        "examples/cua-lo-2024.csv",
        "examples/cua-lo-2025.csv",
    ]);
    assert!(!out.ok().contains("sáp nhập"));
}

#[test]
fn warnings_about_the_merged_data_are_given_and_strict_refuses_them() {
    let dir = tempfile::tempdir().unwrap();
    let later = dir.path().join("tham-dinh.csv");
    // A later stage renames a unit with a double space.
    std::fs::write(&later, "ma,ten\nNHAI,Nghi  Hải\n").unwrap();
    let stage = format!("Thẩm định={}", later.display());
    let warned = run(&[
        "score", SET, "--stage", FIRST, "--stage", &stage, "--lang", "en",
    ]);
    warned.ok();
    assert!(warned.stderr.contains("Nghi  Hải"), "{}", warned.stderr);
    let err = run(&[
        "score", SET, "--stage", FIRST, "--stage", &stage, "--strict", "--lang", "en",
    ])
    .fails(3);
    assert!(err.contains("Nghi  Hải"), "{err}");
}

#[test]
fn a_stage_file_is_never_replaced_by_the_report() {
    let err = run(&[
        "score",
        SET,
        "--stage",
        FIRST,
        "--stage",
        SECOND,
        "-o",
        "examples/stages/tham-dinh.csv",
        "--force",
        "--lang",
        "en",
    ])
    .fails(2);
    assert!(err.contains("tham-dinh.csv"), "{err}");
}

#[test]
fn stages_work_with_the_results_of_another_set() {
    // The year-end set reads the model-ward result; its own data is staged.
    let dir = tempfile::tempdir().unwrap();
    let later = dir.path().join("phuc-tra.csv");
    let text = std::fs::read_to_string(root().join("examples/cua-lo-thi-dua-2023.csv")).unwrap();
    let header = text.lines().next().unwrap().to_string();
    let first_row: Vec<&str> = text.lines().nth(1).unwrap().split(',').collect();
    // The re-check rewrites the first unit's row exactly: no change at all.
    std::fs::write(&later, format!("{header}\n{}\n", first_row.join(","))).unwrap();
    let stage_one = "Tự chấm=examples/cua-lo-thi-dua-2023.csv";
    let stage_two = format!("Phúc tra={}", later.display());
    let staged = json(&[
        "score",
        "thi-dua-cuoi-nam-kieu-mau",
        "--stage",
        stage_one,
        "--stage",
        &stage_two,
        "--result",
        "km=examples/cua-lo-2023.csv",
        "-f",
        "json",
    ]);
    let plain = json(&[
        "score",
        "thi-dua-cuoi-nam-kieu-mau",
        "examples/cua-lo-thi-dua-2023.csv",
        "--result",
        "km=examples/cua-lo-2023.csv",
        "-f",
        "json",
    ]);
    for (s, p) in staged["units"]
        .as_array()
        .unwrap()
        .iter()
        .zip(plain["units"].as_array().unwrap())
    {
        assert_eq!(
            (&s["id"], &s["score"], &s["rating"]),
            (&p["id"], &p["score"], &p["rating"])
        );
        assert!(s.get("stage_changes").is_none(), "{s}");
    }
}

#[test]
fn compare_puts_the_ranking_as_each_stage_left_it_side_by_side() {
    let report = json(&[
        "compare", SET, "--stage", FIRST, "--stage", SECOND, "--stage", THIRD, "-f", "json",
    ]);
    assert_eq!(
        report["labels"],
        serde_json::json!(["Tự chấm", "Thẩm định", "Phúc tra"])
    );
    let alone = json(&["score", SET, "examples/stages/tu-cham.csv", "-f", "json"]);
    let staged = staged_json();
    for u in report["units"].as_array().unwrap() {
        let id = u["id"].as_str().unwrap();
        assert_eq!(u["versions"][0]["score"], unit(&alone, id)["score"], "{id}");
        assert_eq!(
            u["versions"][2]["score"],
            unit(&staged, id)["score"],
            "{id}"
        );
        assert_eq!(u["versions"][2]["rank"], unit(&staged, id)["rank"], "{id}");
    }
    // Nghi Hải moved once, at Thẩm định.
    let nhai = report["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == "NHAI")
        .unwrap();
    assert_eq!(nhai["versions"][1]["score"], nhai["versions"][2]["score"]);
    assert_ne!(nhai["versions"][0]["score"], nhai["versions"][1]["score"]);
    // Labels may rename the stages, one per stage.
    let err = run(&[
        "compare", SET, "--stage", FIRST, "--stage", SECOND, "--labels", "a,b,c", "--lang", "en",
    ])
    .fails(2);
    assert!(err.contains("3 names but there are 2 stages"), "{err}");
}

/// A stage or a lineage list is read whole: a file past the limit (here a
/// sparse 300 MB one) is refused naming it, after reading the limit only.
#[test]
fn a_stage_or_lineage_file_past_the_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.csv");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(300 << 20)
        .unwrap();
    let huge = huge.to_str().unwrap();
    let stage = format!("Thẩm định={huge}");
    let err = run(&[
        "score", SET, "--stage", FIRST, "--stage", &stage, "--lang", "en",
    ])
    .fails(3);
    assert!(
        err.contains("larger than 256 MB, too large to be one review stage's data"),
        "{err}"
    );
    let err = run(&[
        "check", SET, "--stage", FIRST, "--stage", &stage, "--lang", "vi",
    ])
    .fails(3);
    assert!(
        err.contains("không thể là dữ liệu của một bước chấm"),
        "{err}"
    );
    let err = run(&[
        "compare",
        SET,
        "examples/cua-lo-2023.csv",
        "examples/cua-lo-2025.csv",
        "--lineage",
        huge,
        "--lang",
        "en",
    ])
    .fails(3);
    assert!(err.contains("too large to be a lineage list"), "{err}");
}

/// A later stage's column given twice, or close to one the set reads but
/// misspelt, would change nothing in silence: each is refused, naming it.
/// A notes column the set does not read is left alone.
#[test]
fn a_later_stages_repeated_or_misspelt_column_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let stage = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        format!("Thẩm định={}", path.to_str().unwrap())
    };
    for (text, said) in [
        (
            "ma,hai_long_pct,hai_long_pct\nNHUONG,,90\n",
            "the column name \"hai_long_pct\" appears twice",
        ),
        (
            "ma,hai_long_pc\nNHUONG,90\n",
            "the column \"hai_long_pc\" of the stage \"Thẩm định\" is not one the set reads, so its cells change nothing; did you mean \"hai_long_pct\"?",
        ),
    ] {
        let second = stage("td.csv", text);
        let err = run(&[
            "score", SET, "--stage", FIRST, "--stage", &second, "--lang", "en",
        ])
        .fails(3);
        assert!(err.contains(said), "{err}");
    }
    let notes = stage("td.csv", "ma,hai_long_pct,ghi_chu\nNHUONG,90,đã xác minh\n");
    run(&[
        "score", SET, "--stage", FIRST, "--stage", &notes, "-f", "csv",
    ])
    .ok();
}

/// Each stage's file is typed by its own office: the appraisal may write
/// decimal commas (Excel in Vietnamese) where the self-assessment writes
/// points, or the other way round. Each is read in its own style.
#[test]
fn each_stage_is_read_in_its_own_decimal_style() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let first = std::fs::read_to_string(root().join("examples/stages/tu-cham.csv")).unwrap();
    assert!(first.contains("98.5"), "the self-assessment writes points");
    let comma = write("td.csv", "ma;du_lieu_cu_tru_pct\nNHAI;98,5\n");
    let report = json(&[
        "score",
        SET,
        "--stage",
        FIRST,
        "--stage",
        &format!("Thẩm định={comma}"),
        "-f",
        "json",
    ]);
    let b7 = &unit(&report, "NHAI")["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "B7")
        .unwrap()
        .clone();
    assert_eq!(b7["value"], "98.5", "{b7}");
    assert_eq!(b7["stage"], "Thẩm định", "{b7}");
    // The other way round: a self-assessment in commas, an appraisal in points.
    let commas = write("tc.csv", &first.replace(',', ";").replace('.', ","));
    let point = write("td2.csv", "ma,du_lieu_cu_tru_pct\nNHAI,97.5\n");
    let report = json(&[
        "score",
        SET,
        "--stage",
        &format!("Tự chấm={commas}"),
        "--stage",
        &format!("Thẩm định={point}"),
        "-f",
        "json",
    ]);
    let values: Vec<String> = unit(&report, "NHAI")["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"] == "B7" || c["id"] == "B8")
        .map(|c| c["value"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        values,
        ["97.5", "98.5"],
        "B7 from the appraisal, B8 as self-assessed"
    );
}
