//! One set's result as a criterion of another: `[[results]]` and
//! `--result PREFIX=DATA`, on the shipped Cửa Lò example.

use sha2::{Digest, Sha256};

use crate::harness::*;

const YEAR_END: &str = "thi-dua-cuoi-nam-kieu-mau";
const YEAR_END_DATA: &str = "examples/cua-lo-thi-dua-2023.csv";
const KM: &str = "km=examples/cua-lo-2023.csv";
const READS: &str = "tests/fixtures/reads-kieu-mau.toml";

/// (rank, id, E points, score, rating) of each row of a year-end table.
fn ranking(out: &str) -> Vec<(String, String, String, String, String)> {
    table_rows(out)
        .into_iter()
        .skip(1)
        .map(|r| {
            (
                r[0].clone(),
                r[2].clone(),
                r[9].clone(),
                r[10].clone(),
                r[13].clone(),
            )
        })
        .collect()
}

fn row<'a>(
    rows: &'a [(String, String, String, String, String)],
    id: &str,
) -> &'a (String, String, String, String, String) {
    rows.iter()
        .find(|r| r.1 == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn the_year_end_ranking_follows_the_model_ward_result() {
    let first = run(&["score", YEAR_END, YEAR_END_DATA, "--result", KM]);
    let before = ranking(first.ok());
    // Nghi Hòa is KIEU_MAU in the model-ward set: E1 gives 10 of 10.
    assert_eq!(
        row(&before, "NHOA"),
        &(
            "2".into(),
            "NHOA".into(),
            "10".into(),
            "107,55".into(),
            "Hoàn thành tốt nhiệm vụ".into()
        )
    );
    assert_eq!(row(&before, "NTHUY").0, "3");
    // One officer disciplined at cảnh cáo fails the model-ward gate G4:
    // Nghi Hòa drops to CHUA_DAT there, loses E1's 10 points here, and
    // falls behind Nghi Thủy. The model-ward data comes on standard input.
    let edited = edited_csv(CUA_LO, &[("NHOA", "can_bo_ky_luat_canh_cao", "1")]);
    let after = run_with(
        &["score", YEAR_END, YEAR_END_DATA, "--result", "km=-"],
        Some(edited.as_bytes()),
    );
    let after = ranking(after.ok());
    assert_eq!(
        row(&after, "NHOA"),
        &(
            "3".into(),
            "NHOA".into(),
            "0".into(),
            "97,55".into(),
            "Hoàn thành tốt nhiệm vụ".into()
        )
    );
    assert_eq!(row(&after, "NTHUY").0, "2");
    // The set without the criterion does not see the model-ward data at all.
    let plain = run(&["score", THI_DUA_SET, YEAR_END_DATA]);
    assert!(plain.ok().contains("97,55"), "{}", plain.stdout);
}

/// (id, score, rating, rank) of every unit in a JSON ranking.
fn json_units(out: &str) -> Vec<(String, String, String, u64)> {
    let v: serde_json::Value = serde_json::from_str(out).expect("JSON");
    v["units"]
        .as_array()
        .expect("units")
        .iter()
        .map(|u| {
            (
                u["id"].as_str().unwrap_or_default().to_string(),
                u["score"].as_str().unwrap_or_default().to_string(),
                u["rating"].as_str().unwrap_or_default().to_string(),
                u["rank"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn the_csv_ranking_agrees_with_the_json_one() {
    let args = ["score", YEAR_END, YEAR_END_DATA, "--result", KM];
    let json = json_units(run(&[&args[..], &["-f", "json"]].concat()).ok());
    let csv = run(&[&args[..], &["-f", "csv"]].concat());
    let mut reader = csv::Reader::from_reader(csv.ok().trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().expect("a header").clone();
    let at = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (id, score, rating, rank) = (at("id"), at("score"), at("rating"), at("rank"));
    let from_csv: Vec<(String, String, String, u64)> = reader
        .records()
        .map(|r| {
            let r = r.expect("a record");
            (
                r[id].to_string(),
                r[score].to_string(),
                r[rating].to_string(),
                r[rank].parse().expect("a rank"),
            )
        })
        .collect();
    assert_eq!(from_csv, json);
    assert_eq!(json[0], ("NTHU".into(), "111.8".into(), "HTT".into(), 1));
    // E1's column is there, with Nghi Thủy's CO_BAN_DAT worth 6.
    let e1 = at("criterion:E1");
    let nthuy = csv
        .stdout
        .lines()
        .find(|l| l.contains("NTHUY"))
        .expect("NTHUY");
    assert_eq!(nthuy.split(',').nth(e1), Some("6"), "{nthuy}");
}

fn sha256_of(path: &str) -> String {
    let bytes = std::fs::read(root().join(path)).expect("readable");
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn the_stamp_lists_both_sets_and_both_data_files() {
    let out = run(&[
        "score",
        YEAR_END,
        YEAR_END_DATA,
        "--result",
        KM,
        "-f",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(out.ok()).expect("JSON");
    let stamp = &v["stamp"];
    assert_eq!(stamp["set_id"], YEAR_END);
    assert_eq!(stamp["data_sha256"], sha256_of(YEAR_END_DATA).as_str());
    let km = &stamp["results"][0];
    assert_eq!(km["prefix"], "km");
    assert_eq!(km["set_id"], KIEU_MAU);
    assert_eq!(
        km["criteria_file"],
        "criteria/cong-an-phuong-kieu-mau.toml (built in)"
    );
    assert_eq!(
        km["criteria_sha256"],
        sha256_of("criteria/cong-an-phuong-kieu-mau.toml").as_str()
    );
    assert_eq!(km["data_file"], "examples/cua-lo-2023.csv");
    assert_eq!(km["data_sha256"], sha256_of(CUA_LO).as_str());
    assert_eq!(v["schema_version"], 1);
    // Without results the stamp has no such key.
    let plain = run(&["score", KIEU_MAU, CUA_LO, "-f", "json"]);
    let v: serde_json::Value = serde_json::from_str(plain.ok()).expect("JSON");
    assert!(v["stamp"].get("results").is_none());
    // The Markdown stamp lists them too.
    let md = run(&["score", YEAR_END, YEAR_END_DATA, "--result", KM, "-f", "md"]);
    let md = md.ok();
    assert!(md.contains("- Bộ tiêu chí \"km\": `cong-an-phuong-kieu-mau (criteria/cong-an-phuong-kieu-mau.toml (có sẵn))`"), "{md}");
    assert!(
        md.contains(&format!(
            "- SHA-256 số liệu \"km\": `{}`",
            sha256_of(CUA_LO)
        )),
        "{md}"
    );
}

#[test]
fn explain_shows_the_other_sets_figure_and_the_command_that_explains_it() {
    let shown = run(&["explain", YEAR_END, YEAR_END_DATA, "NTHUY", "--result", KM]);
    let out = shown.ok();
    assert!(out.contains("Kết quả lấy từ bộ tiêu chí khác"), "{out}");
    assert!(
        out.contains("số liệu examples/cua-lo-2023.csv: 92,73 điểm, xếp loại Cơ bản đạt, tiếp tục hoàn thiện các tiêu chí chưa đạt, hạng 3/7, đạt 23/26 tiêu chí"),
        "{out}"
    );
    let command = "wardscore explain cong-an-phuong-kieu-mau examples/cua-lo-2023.csv NTHUY";
    assert!(
        out.contains(&format!("Xem giải thích chi tiết ở bộ đó: {command}")),
        "{out}"
    );
    // The command works as printed, and shows the same figure.
    let args: Vec<&str> = command.split(' ').skip(1).collect();
    let there = run(&args);
    assert!(
        there.ok().contains("Điểm (tham khảo): 92,73"),
        "{}",
        there.stdout
    );
    // JSON carries it only when other sets were read.
    let json = run(&[
        "explain",
        YEAR_END,
        YEAR_END_DATA,
        "NTHUY",
        "--result",
        KM,
        "-f",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(json.ok()).expect("JSON");
    assert_eq!(v["results"][0]["unit"]["rating"], "CO_BAN_DAT");
    assert_eq!(v["results"][0]["command"], command);
    let plain = run(&["explain", KIEU_MAU, CUA_LO, "NTHUY", "-f", "json"]);
    let v: serde_json::Value = serde_json::from_str(plain.ok()).expect("JSON");
    assert!(v.get("results").is_none());
}

#[test]
fn a_ward_missing_from_the_model_ward_data_is_not_applicable_where_allowed() {
    // E1 allows N/A: Nghi Thu, left out of the model-ward data, has its
    // 97.8 base points of the other 100 rescaled to 110.
    let text = std::fs::read_to_string(root().join(CUA_LO)).expect("readable");
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("NTHU,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let shown = run_with(
        &[
            "explain",
            YEAR_END,
            YEAR_END_DATA,
            "NTHU",
            "--result",
            "km=-",
        ],
        Some(without.as_bytes()),
    );
    let out = shown.ok();
    assert!(out.contains("97,8 × 110 ÷ 100 = 107,58"), "{out}");
    assert!(out.contains("đơn vị không có trong số liệu đó"), "{out}");
}

#[test]
fn a_ward_missing_where_no_n_a_is_allowed_is_an_error_naming_every_one() {
    let text = std::fs::read_to_string(root().join(CUA_LO)).expect("readable");
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("NTHU,") && !l.starts_with("NTAN,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let km = dir.path().join("km.csv");
    std::fs::write(&km, without).expect("written");
    let data = dir.path().join("data.csv");
    std::fs::write(
        &data,
        "ma,ten,co_ke_hoach\nNTHU,Nghi Thu,có\nNTAN,Nghi Tân,có\nNHOA,Nghi Hòa,có\n",
    )
    .expect("written");
    let km_arg = format!("km={}", km.display());
    let data = data.display().to_string();
    let err = run(&["score", READS, &data, "--result", &km_arg]).fails(3);
    assert!(
        err.contains("the unit \"NTHU\" (Nghi Thu) is not in the results \"km\""),
        "{err}"
    );
    assert!(err.contains("the unit \"NTAN\" (Nghi Tân)"), "{err}");
    assert!(err.contains("2 problem(s); nothing was scored"), "{err}");
    // With every unit there it scores: Nghi Hòa meets 27 of 27.
    let full = run(&["score", READS, &data, "--result", KM, "-f", "json"]);
    let units = json_units(full.ok());
    assert_eq!(units[0].0, "NHOA");
}

#[test]
fn the_other_data_may_be_a_workbook() {
    let csv = run(&[
        "score",
        YEAR_END,
        YEAR_END_DATA,
        "--result",
        KM,
        "-f",
        "json",
    ]);
    for book in ["libreoffice.xlsx", "libreoffice.ods"] {
        let arg = format!("km=tests/fixtures/forms/{book}");
        let scored = run(&[
            "score",
            YEAR_END,
            YEAR_END_DATA,
            "--result",
            &arg,
            "-f",
            "json",
        ]);
        assert_eq!(json_units(scored.ok()), json_units(csv.ok()), "{book}");
    }
}

#[test]
fn a_missing_or_unknown_result_is_a_usage_error_saying_what_to_give() {
    let err = run(&["score", YEAR_END, YEAR_END_DATA]).fails(2);
    assert!(err.contains("--result km=TỆP_SỐ_LIỆU"), "{err}");
    assert!(err.contains("cong-an-phuong-kieu-mau"), "{err}");
    // On one line, with no escaped line break in it.
    assert!(!err.contains("\\n"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    let err = run(&[
        "score",
        YEAR_END,
        YEAR_END_DATA,
        "--result",
        KM,
        "--result",
        "kx=a.csv",
    ])
    .fails(2);
    assert!(
        err.contains("--result \"kx\"") && err.contains("km"),
        "{err}"
    );
    let err = run(&[
        "score",
        THI_DUA_SET,
        YEAR_END_DATA,
        "--result",
        KM,
        "--lang",
        "en",
    ])
    .fails(2);
    assert!(err.contains("reads no other set's results"), "{err}");
    let err = run(&["score", YEAR_END, YEAR_END_DATA, "--result", "km"]).fails(2);
    assert!(err.contains("TIỀN_TỐ=TỆP_SỐ_LIỆU"), "{err}");
    // Standard input only once.
    let err = run_with(&["score", YEAR_END, "-", "--result", "km=-"], Some(b"")).fails(2);
    assert!(
        err.contains("chỉ đọc được đầu vào chuẩn (-) một lần"),
        "{err}"
    );
    assert!(!err.contains("standard input (-)"), "{err}");
    // Every command that takes DATA asks for it.
    for args in [
        &["explain", YEAR_END, YEAR_END_DATA, "NTHU"][..],
        &["check", YEAR_END, YEAR_END_DATA],
        &["sensitivity", YEAR_END, YEAR_END_DATA, "--runs", "5"],
        &["compare", YEAR_END, YEAR_END_DATA, YEAR_END_DATA],
    ] {
        let err = run(args).fails(2);
        assert!(err.contains("--result km="), "{args:?}: {err}");
    }
}

#[test]
fn check_validates_both_sets_and_says_which_indicators_come_from_results() {
    let out = run(&["check", YEAR_END, "--lang", "en"]);
    let out = out.ok();
    assert!(out.contains("set \"thi-dua-cuoi-nam-kieu-mau\""), "{out}");
    assert!(out.contains("set \"cong-an-phuong-kieu-mau\""), "{out}");
    assert!(
        out.contains("reads the results of \"cong-an-phuong-kieu-mau\" as \"km\" (give --result km=DATA): km.rating (E1)"),
        "{out}"
    );
    let with_data = run(&[
        "check",
        YEAR_END,
        YEAR_END_DATA,
        "--result",
        KM,
        "--lang",
        "en",
    ]);
    let out = with_data.ok();
    assert!(
        out.contains("✓ km = examples/cua-lo-2023.csv: 7 units, all values valid"),
        "{out}"
    );
    assert!(
        out.contains("✓ examples/cua-lo-thi-dua-2023.csv: 7 units, all values valid"),
        "{out}"
    );
    // A bad cell in the other data is that file's problem, located there.
    let edited = edited_csv(CUA_LO, &[("NHOA", "quan_so_pct", "abc")]);
    let err = run_with(
        &["check", YEAR_END, YEAR_END_DATA, "--result", "km=-"],
        Some(edited.as_bytes()),
    )
    .fails(3);
    assert!(err.contains("<stdin>:3"), "{err}");
    let doc = run(&["criteria", YEAR_END, "--lang", "en"]);
    assert!(
        doc.ok().contains("km.rating: the same unit's result in the set \"cong-an-phuong-kieu-mau\"; give that set's data with --result km=DATA"),
        "{}",
        doc.stdout
    );
    let err = run(&["check", YEAR_END, "--result", KM]).fails(2);
    assert!(
        err.contains("--result chỉ dùng khi có tệp số liệu"),
        "{err}"
    );
}

#[test]
fn compare_and_sensitivity_read_the_results_too() {
    // The year-end set with and without the model-ward criterion, side by side.
    let out = run(&[
        "compare",
        "--criteria",
        THI_DUA_SET,
        "--criteria",
        YEAR_END,
        YEAR_END_DATA,
        "--result",
        KM,
        "-f",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(out.ok()).expect("JSON");
    let nthuy = v["units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["id"] == "NTHUY")
        .expect("NTHUY");
    assert_eq!(nthuy["versions"][0]["rank"], 4);
    assert_eq!(nthuy["versions"][1]["rank"], 3);
    assert_eq!(v["stamp"]["results"][0]["prefix"], "km");
    let out = run(&[
        "sensitivity",
        YEAR_END,
        YEAR_END_DATA,
        "--result",
        KM,
        "--runs",
        "20",
        "--seed",
        "1",
        "-f",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(out.ok()).expect("JSON");
    assert_eq!(v["stamp"]["results"][0]["set_id"], KIEU_MAU);
}

#[test]
fn the_template_has_no_column_for_another_sets_result() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let with = dir.path().join("with.csv");
    let without = dir.path().join("without.csv");
    let with_s = with.display().to_string();
    let without_s = without.display().to_string();
    run(&["template", YEAR_END, "-o", &with_s]).ok();
    run(&["template", THI_DUA_SET, "-o", &without_s]).ok();
    let header = |p: &std::path::Path| std::fs::read_to_string(p).expect("written");
    assert_eq!(header(&with), header(&without));
    assert!(!header(&with).contains("km."));
}

#[test]
fn a_set_read_in_turn_gets_its_own_data_and_is_explained_with_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let middle = dir.path().join("middle.csv");
    std::fs::write(
        &middle,
        "ma,ten,co_ke_hoach\nNTHU,Nghi Thu,có\nNTAN,Nghi Tân,không\n",
    )
    .expect("written");
    let data = dir.path().join("data.csv");
    std::fs::write(&data, "ma,ten\nNTHU,Nghi Thu\nNTAN,Nghi Tân\n").expect("written");
    let (middle, data) = (middle.display().to_string(), data.display().to_string());
    let r = format!("r={middle}");
    let set = "tests/fixtures/reads-in-turn.toml";
    let err = run(&["score", set, &data, "--result", &r]).fails(2);
    assert!(err.contains("--result r.km=DATA"), "{err}");
    let args = [
        "explain",
        set,
        &data,
        "NTHU",
        "--result",
        &r,
        "--result",
        "r.km=examples/cua-lo-2023.csv",
    ];
    let out = run(&[&args[..], &["-f", "json"]].concat());
    let v: serde_json::Value = serde_json::from_str(out.ok()).expect("JSON");
    // Nghi Thu meets 27 of 27 model-ward criteria (5 points) and has a plan
    // (5 points): 10 in the middle set, taken directly here.
    assert_eq!(v["unit"]["score"], "10");
    assert_eq!(v["results"][0]["unit"]["score"], "10");
    let command = format!(
        "wardscore explain tests/fixtures/reads-kieu-mau.toml {middle} NTHU --result km=examples/cua-lo-2023.csv"
    );
    assert_eq!(v["results"][0]["command"], command.as_str());
    let prefixes: Vec<&str> = v["stamp"]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["prefix"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(prefixes, ["r", "r.km"]);
    // The printed command runs as it is.
    let words: Vec<&str> = command.split(' ').skip(1).collect();
    let there = run(&words);
    assert!(there.ok().contains("Score: 10"), "{}", there.stdout);
}

/// The other set's data is an input of the run too: no output, not even
/// with --force, may replace it.
#[test]
fn the_other_sets_data_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let km = dir.path().join("kieu-mau.csv");
    std::fs::copy("examples/cua-lo-2023.csv", &km).unwrap();
    let before = std::fs::read(&km).unwrap();
    let result = format!("km={}", km.display());
    let target = km.to_str().unwrap();
    let err = run(&[
        "score",
        YEAR_END,
        YEAR_END_DATA,
        "--result",
        &result,
        "-o",
        target,
        "--force",
        "--lang",
        "en",
    ])
    .fails(2);
    assert!(err.contains("it is an input of this command"), "{err}");
    assert_eq!(std::fs::read(&km).unwrap(), before);
}

/// Several data files (or a folder) are not read for a set that reads
/// another set's results, nor with `--result`: refused (exit 2) before
/// anything is read or written, the `--result` file untouched even with
/// `--force`, where they used to be scored without those results.
#[test]
fn several_data_files_are_refused_for_a_set_that_reads_results() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(root().join("examples/cua-lo-thi-dua-2023.csv")).unwrap();
    let lines: Vec<&str> = example.lines().collect();
    let part = |name: &str, rows: &[&str]| {
        let path = dir.path().join(name);
        std::fs::write(&path, [&[lines[0]][..], rows].concat().join("\n")).unwrap();
        path.to_str().unwrap().to_string()
    };
    let (a, b) = (part("a.csv", &lines[1..4]), part("b.csv", &lines[4..]));
    let km = dir.path().join("km.csv");
    std::fs::copy(root().join("examples/cua-lo-2023.csv"), &km).unwrap();
    let km = km.to_str().unwrap();
    let result = format!("km={km}");
    for args in [
        vec![
            "score",
            "thi-dua-cuoi-nam-kieu-mau",
            &a,
            &b,
            "--result",
            &result,
            "-f",
            "csv",
        ],
        vec!["score", "thi-dua-cuoi-nam-kieu-mau", &a, &b, "-f", "csv"],
        vec![
            "score",
            "thi-dua-cuoi-nam-kieu-mau",
            &a,
            &b,
            "--result",
            &result,
            "-o",
            km,
            "--force",
        ],
        vec!["check", "thi-dua-cuoi-nam-kieu-mau", &a, &b],
    ] {
        let err = run(&[&args[..], &["--lang", "en"]].concat()).fails(2);
        assert!(
            err.contains("combine them first (wardscore collect"),
            "{args:?}: {err}"
        );
    }
    let kept = std::fs::read(km).unwrap();
    assert_eq!(
        kept,
        std::fs::read(root().join("examples/cua-lo-2023.csv")).unwrap()
    );
    // A set that reads no other set's results still takes several files.
    run(&["score", "thi-dua-cuoi-nam", &a, &b, "-f", "csv"]).ok();
}
