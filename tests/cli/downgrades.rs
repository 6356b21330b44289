//! Downgrades, units not considered and shared first places, on
//! examples/thi-dua-binh-xet.csv in every format. The example: Đông Vĩnh
//! (V04) and Hồng Sơn (V06) have the same figures and a Ministry flag
//! (+10 → 103.94 each): they share first place of Cụm 1 and both get HTXS
//! (10 units are HTT or better → 2 places). Lê Mao (V11, 97.4) earns HTXS
//! but failed training (H1): HTT. Nghi Thu (CL05, 97.82, the best score of
//! Cụm 2) awaits a discipline decision (X1): scored, not ranked, listed
//! last; Nghi Hương (CL03, 79.63) leads Cụm 2 alone.

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use crate::harness::*;

const SET: &str = "thi-dua-cuoi-nam";
const DATA: &str = "examples/thi-dua-binh-xet.csv";
const TIED_VI: &str = "đồng hạng nhất — cần bình xét";
const TIED_EN: &str = "shared first place — to be settled by the cluster's vote";

fn score(extra: &[&str]) -> String {
    let mut args = vec!["score", SET, DATA];
    args.extend_from_slice(extra);
    run(&args).ok().to_string()
}

/// (rank, cluster rank, id, note, rating) of each row of the terminal table.
fn rows(out: &str) -> Vec<[String; 5]> {
    table_rows(out)
        .into_iter()
        .skip(1)
        .map(|r| {
            let n = r.len();
            [
                r[0].clone(),
                r[1].clone(),
                r[2].clone(),
                r[n - 2].clone(),
                r[n - 1].clone(),
            ]
        })
        .collect()
}

#[test]
fn the_table_marks_the_shared_first_place_the_downgrade_and_the_unit_not_considered() {
    let out = score(&[]);
    insta::assert_snapshot!(out);
    let rows = rows(&out);
    assert_eq!(rows.len(), 11);
    let tied: Vec<&str> = rows
        .iter()
        .filter(|r| r[3].contains(TIED_VI))
        .map(|r| r[2].as_str())
        .collect();
    assert_eq!(tied, ["V04", "V06"]);
    assert!(rows[..2].iter().all(|r| r[0] == "1" && r[1] == "1"));
    assert!(
        rows[..2]
            .iter()
            .all(|r| r[4] == "Hoàn thành xuất sắc nhiệm vụ")
    );
    let lowered = &rows[2];
    assert_eq!(lowered[2], "V11");
    assert_eq!(lowered[3], "↓ H1: hạ bậc từ Hoàn thành xuất sắc nhiệm vụ");
    assert_eq!(lowered[4], "Hoàn thành tốt nhiệm vụ");
    // Cụm 2's leader is alone: no mark.
    let leader = rows.iter().find(|r| r[2] == "CL03").expect("CL03");
    assert_eq!((leader[0].as_str(), leader[1].as_str()), ("5", "1"));
    assert!(leader[3].is_empty(), "{leader:?}");
    // Not considered: last, no rank, the reason beside it.
    let apart = rows.last().expect("rows");
    assert_eq!(
        apart,
        &["", "", "CL05", "chưa xét: X1", "Chưa xét"].map(String::from)
    );
    assert!(out.contains("1 đơn vị chưa xét (X1 Đang trong thời gian chờ xét kỷ luật"));
    assert!(!out.contains("X2 Đang"), "only the exclusions that hold");
    let en = score(&["--lang", "en"]);
    assert!(en.contains(TIED_EN), "{en}");
    assert!(en.contains("↓ H1: downgraded from Hoàn thành xuất sắc nhiệm vụ"));
    assert!(en.contains("not considered: X1"));
    assert!(en.contains("Not considered"));
}

#[test]
fn json_has_null_ranks_and_rating_for_the_unit_not_considered_and_the_contracts_keys() {
    let doc: serde_json::Value = serde_json::from_str(&score(&["-f", "json"])).expect("JSON");
    let units = doc["units"].as_array().expect("units");
    let unit = |id: &str| {
        units
            .iter()
            .find(|u| u["id"] == id)
            .unwrap_or_else(|| panic!("no {id}"))
    };
    let apart = unit("CL05");
    assert_eq!(units.last(), Some(apart));
    for key in ["rating", "rank", "cluster_rank", "rating_before_quota"] {
        assert!(apart[key].is_null(), "{key}: {apart}");
    }
    assert_eq!(apart["excluded"], serde_json::json!(["X1"]));
    assert_eq!(apart["score"], "99.02");
    assert_eq!(apart["tied_first"], false);
    let lowered = unit("V11");
    assert_eq!(lowered["downgrades"], serde_json::json!(["H1"]));
    assert_eq!(lowered["rating_before_downgrade"], "HTXS");
    assert_eq!(lowered["rating_before_quota"], "HTT");
    assert_eq!(lowered["rating"], "HTT");
    assert_eq!(lowered["excluded"], serde_json::json!([]));
    for id in ["V04", "V06"] {
        assert_eq!(unit(id)["tied_first"], true, "{id}");
        assert_eq!(unit(id)["rank"], 1, "{id}");
        assert_eq!(unit(id)["score"], "103.94", "{id}");
        assert_eq!(unit(id)["bonus"], "10", "{id}");
    }
    let marked = units.iter().filter(|u| u["tied_first"] == true).count();
    assert_eq!(marked, 2);
    // Without exclusions or downgrades in the set, their keys are absent.
    let plain: serde_json::Value =
        serde_json::from_str(run(&["score", KIEU_MAU, CUA_LO, "-f", "json"]).ok()).expect("JSON");
    let first = &plain["units"][0];
    assert!(first.get("excluded").is_none() && first.get("downgrades").is_none());
    assert!(first["tied_first"].is_boolean());
}

#[test]
fn csv_leaves_rank_and_rating_empty_for_the_unit_not_considered() {
    let out = score(&["-f", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let row = |id: &str| {
        records
            .iter()
            .find(|r| &r[col("id")] == id)
            .unwrap_or_else(|| panic!("no {id}"))
    };
    let apart = records.last().expect("rows");
    assert_eq!(&apart[col("id")], "CL05");
    for name in ["rank", "cluster_rank", "rating", "rating_before_quota"] {
        assert_eq!(&apart[col(name)], "", "{name}");
    }
    assert_eq!(&apart[col("excluded")], "X1");
    let lowered = row("V11");
    assert_eq!(
        [
            &lowered[col("rating_before_downgrade")],
            &lowered[col("rating_before_quota")],
            &lowered[col("rating")],
            &lowered[col("downgrades")],
        ],
        ["HTXS", "HTT", "HTT", "H1"]
    );
    for id in ["V04", "V06"] {
        assert_eq!(&row(id)[col("tied_first")], "true", "{id}");
    }
    assert_eq!(&row("CL03")[col("tied_first")], "false");
}

#[test]
fn markdown_and_html_say_the_same() {
    for format in ["md", "html"] {
        let out = score(&["-f", format]);
        assert!(out.contains(TIED_VI), "{format}");
        assert!(
            out.contains("↓ H1: hạ bậc từ Hoàn thành xuất sắc nhiệm vụ"),
            "{format}"
        );
        assert!(out.contains("Chưa xét (X1)"), "{format}");
        assert!(
            out.contains("liệt kê sau các đơn vị được xếp hạng"),
            "{format}"
        );
    }
    // The page's counts add up to its units: 11 = 2 + 8 + 0 + 0 + 1.
    let html = score(&["-f", "html"]);
    let summary = &html[html.find("<ul class=\"summary\">").expect("a summary")..];
    let summary = &summary[..summary.find("</ul>").expect("its end")];
    let counts: Vec<usize> = summary
        .split("<span class=\"count\">")
        .skip(1)
        .filter_map(|c| c.split('<').next()?.parse().ok())
        .collect();
    assert_eq!(counts, [11, 2, 8, 0, 0, 1], "{summary}");
    assert!(summary.contains("<b>Chưa xét</b>"), "{summary}");
    // The unit without a rank is headed by a dash, not a number.
    let md = score(&["-f", "md"]);
    assert!(md.contains("### — Nghi Thu (CL05)"), "{md}");
    assert!(md.contains("### 1. Đông Vĩnh (V04)"), "{md}");
}

fn written(format: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(format!("bao-cao.{format}"));
    run(&["score", SET, DATA, "-o", path.to_str().expect("UTF-8 path")]).ok();
    std::fs::read(&path).expect("the report was written")
}

#[test]
fn the_excel_annex_has_no_rank_for_the_unit_not_considered() {
    let mut book =
        open_workbook_auto_from_rs(std::io::Cursor::new(written("xlsx"))).expect("a workbook");
    let first = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&first).expect("a sheet");
    let text = |s: &str| {
        range
            .used_cells()
            .any(|(_, _, d)| matches!(d, Data::String(c) if c.contains(s)))
    };
    assert!(text(TIED_VI));
    assert!(text("↓ H1: hạ bậc từ Hoàn thành xuất sắc nhiệm vụ"));
    assert!(text("Chưa xét"));
    // Nghi Thu's row: nothing under "Hạng" and "Hạng cụm"; Lê Mao's has both.
    let row_of = |id: &str| {
        range
            .cells()
            .find(|(_, _, d)| matches!(d, Data::String(c) if c == id))
            .map(|(r, _, _)| r)
            .unwrap_or_else(|| panic!("{id}'s row"))
    };
    let rank_columns: Vec<usize> = range
        .cells()
        .filter(|(_, _, d)| matches!(d, Data::String(c) if c == "Hạng" || c == "Hạng cụm"))
        .map(|(_, c, _)| c)
        .collect();
    assert_eq!(rank_columns.len(), 2);
    let cell = |row: usize, c: usize| range.get((row, c)).cloned().unwrap_or(Data::Empty);
    for &c in &rank_columns {
        assert!(
            matches!(cell(row_of("CL05"), c), Data::Empty)
                || cell(row_of("CL05"), c) == Data::String(String::new()),
            "{:?}",
            cell(row_of("CL05"), c)
        );
        assert!(
            matches!(cell(row_of("V11"), c), Data::Int(_) | Data::Float(_)),
            "{:?}",
            cell(row_of("V11"), c)
        );
    }
}

#[test]
fn the_word_report_lists_downgraded_units_and_units_not_considered() {
    use std::io::Read;
    let docx = written("docx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip package");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("the body")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    assert!(
        xml.contains(
            "Cụm 1: Đông Vĩnh, Hồng Sơn cùng đạt 103,94 điểm, đồng hạng nhất — cần bình xét"
        ),
        "{xml}"
    );
    assert!(xml.contains("Chưa xét: 1/11 đơn vị."), "{xml}");
    assert!(xml.contains("Đơn vị bị hạ bậc xếp loại"));
    assert!(xml.contains("Lê Mao (99,23 điểm): đủ điều kiện"));
    assert!(xml.contains("Đơn vị chưa xét (không xếp loại, không xếp hạng)"));
    assert!(xml.contains("Nghi Thu (99,02 điểm): X1 Đang trong thời gian chờ xét kỷ luật"));
    assert!(xml.contains("Cụm 2: Nghi Hương dẫn đầu với 86,81 điểm"));
}

#[test]
fn explain_says_why_a_unit_is_not_considered_and_what_a_downgrade_took() {
    let apart = run(&["explain", SET, DATA, "CL05"]).ok().to_string();
    assert!(apart.contains("Xếp loại: Chưa xét"), "{apart}");
    assert!(apart.contains("Hạng: —"), "{apart}");
    assert!(
        apart.contains(
            "Đơn vị chưa xét (X1 Đang trong thời gian chờ xét kỷ luật (TT 12/2019/TT-BCA Điều 2))"
        ),
        "{apart}"
    );
    let lowered = run(&["explain", SET, DATA, "V11", "--lang", "en"])
        .ok()
        .to_string();
    assert!(
        lowered.contains("Downgraded (H1 Kết quả tập huấn, kiểm tra không đạt yêu cầu"),
        "{lowered}"
    );
    assert!(lowered.contains("its conditions earn \"Hoàn thành xuất sắc nhiệm vụ\", lowered to \"Hoàn thành tốt nhiệm vụ\""));
    assert!(
        lowered.contains("only the downgrade stands in the way"),
        "{lowered}"
    );
    let tied = run(&["explain", SET, DATA, "V06"]).ok().to_string();
    assert!(tied.contains("Đồng hạng nhất — cần bình xét."), "{tied}");
    let json: serde_json::Value =
        serde_json::from_str(run(&["explain", SET, DATA, "V11", "-f", "json"]).ok()).expect("JSON");
    assert_eq!(json["above"][0]["by_downgrade"], true);
    assert_eq!(json["above"][0]["by_quota"], false);
}

#[test]
fn compare_and_sensitivity_give_no_rank_or_rating_to_a_unit_not_considered() {
    let doc: serde_json::Value = serde_json::from_str(
        run(&[
            "compare",
            SET,
            "examples/thi-dua-2023.csv",
            DATA,
            "-f",
            "json",
        ])
        .ok(),
    )
    .expect("JSON");
    let units = doc["units"].as_array().expect("units");
    let unit = |id: &str| {
        units
            .iter()
            .find(|u| u["id"] == id)
            .unwrap_or_else(|| panic!("no {id}"))
    };
    let apart = unit("CL05");
    // Ranked and rated in 2023; not considered in the second file.
    assert_eq!(apart["versions"][0]["rank"], 2);
    assert_eq!(apart["versions"][1]["rank"], serde_json::Value::Null);
    assert_eq!(apart["versions"][1]["rating"], serde_json::Value::Null);
    assert_eq!(apart["versions"][1]["excluded"], true);
    assert!(apart["rank_change"].is_null() && apart["rating_change"].is_null());
    let lowered = unit("V11");
    assert_eq!(lowered["versions"][1]["next_rating"]["by_downgrade"], true);
    let table = run(&["compare", SET, "examples/thi-dua-2023.csv", DATA])
        .ok()
        .to_string();
    assert!(table.contains("bị hạ bậc"), "{table}");

    let doc: serde_json::Value =
        serde_json::from_str(run(&["sensitivity", SET, DATA, "--runs", "20", "-f", "json"]).ok())
            .expect("JSON");
    let units = doc["units"].as_array().expect("units");
    let apart = units.last().expect("units");
    assert_eq!(apart["id"], "CL05");
    assert_eq!(apart["excluded"], true);
    for key in ["rank", "rating", "rank_p5", "rank_p95"] {
        assert!(apart[key].is_null(), "{key}: {apart}");
    }
    assert_eq!(apart["first_place"], false);
}

#[test]
fn the_data_entry_template_has_a_column_for_each_condition_and_says_what_it_is() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let template = dir.path().join("nhap-lieu.xlsx");
    run(&[
        "template",
        SET,
        "-o",
        template.to_str().expect("UTF-8 path"),
    ])
    .ok();
    let bytes = std::fs::read(&template).expect("the template");
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("a workbook");
    let sheets = book.sheet_names();
    let header: Vec<String> = book
        .worksheet_range(&sheets[0])
        .expect("the data sheet")
        .rows()
        .next()
        .expect("a header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    for column in [
        "tap_huan_khong_dat",
        "cho_xet_ky_luat",
        "dang_thi_hanh_ky_luat",
    ] {
        assert!(header.iter().any(|h| h == column), "{column}: {header:?}");
    }
    let guide = book.worksheet_range(&sheets[1]).expect("the guide");
    let says = |s: &str| {
        guide
            .used_cells()
            .any(|(_, _, d)| matches!(d, Data::String(c) if c.contains(s)))
    };
    assert!(says("H1 Kết quả tập huấn, kiểm tra không đạt yêu cầu"));
    assert!(says("X2 Đang trong thời gian thi hành kỷ luật"));
}

#[test]
fn the_criteria_document_lists_the_downgrades_and_exclusions() {
    let doc: serde_json::Value =
        serde_json::from_str(run(&["criteria", SET, "-f", "json"]).ok()).expect("JSON");
    assert_eq!(
        doc["downgrades"],
        serde_json::json!([{
            "id": "H1",
            "title": "Kết quả tập huấn, kiểm tra không đạt yêu cầu (hạ 01 bậc danh hiệu thi đua, TT 27/2020/TT-BCA Điều 6)",
            "indicator": "tap_huan_khong_dat",
            "steps": 1,
        }])
    );
    let ids: Vec<&str> = doc["exclusions"]
        .as_array()
        .expect("exclusions")
        .iter()
        .filter_map(|x| x["id"].as_str())
        .collect();
    assert_eq!(ids, ["X1", "X2"]);
    // A set without them has neither key.
    let plain: serde_json::Value =
        serde_json::from_str(run(&["criteria", KIEU_MAU, "-f", "json"]).ok()).expect("JSON");
    assert!(plain.get("downgrades").is_none() && plain.get("exclusions").is_none());
    let en = run(&["criteria", SET, "--lang", "en"]).ok().to_string();
    assert!(en.contains("Downgrades (after each rating's conditions, before quotas)"));
    assert!(
        en.contains("tap_huan_khong_dat = yes → 1 rating(s) lower"),
        "{en}"
    );
    assert!(en.contains("X2 Đang trong thời gian thi hành kỷ luật (TT 12/2019/TT-BCA Điều 2): dang_thi_hanh_ky_luat = yes"));
}
