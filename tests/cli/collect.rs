//! `collect`: many wards' files into one checked data file.

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use crate::harness::*;

/// The example's header and rows (as lines).
fn example() -> (String, Vec<String>) {
    let text = std::fs::read_to_string(root().join(THI_DUA)).unwrap();
    let mut lines = text.lines().map(str::to_string);
    let header = lines.next().unwrap();
    (header, lines.collect())
}

fn csv_of(header: &str, rows: &[String]) -> String {
    format!("{header}\n{}\n", rows.join("\n"))
}

/// A workbook with one sheet per (name, rows), and a guide sheet to skip.
fn workbook(header: &str, sheets: &[(&str, &[String])]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, line) in std::iter::once(header)
            .chain(rows.iter().map(String::as_str))
            .enumerate()
        {
            for (c, cell) in line.split(',').enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell.parse::<f64>() {
                    Ok(x) if r > 0 && c >= 3 => ws.write_number(r, c, x).unwrap(),
                    _ => ws.write_string(r, c, cell).unwrap(),
                };
            }
        }
    }
    // As `template` writes its guide: one column of the table a row.
    let guide = book.add_worksheet();
    guide.set_name("Hướng dẫn").unwrap();
    guide.write_string(0, 0, "Cột").unwrap();
    guide.write_string(0, 1, "Nội dung").unwrap();
    for (r, column) in header.split(',').enumerate() {
        let r = r as u32 + 1;
        guide.write_string(r, 0, column).unwrap();
        guide.write_string(r, 1, "giải thích").unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// The header and rows as text cells, the header on sheet row `first`.
fn write_text_table(
    sheet: &mut rust_xlsxwriter::Worksheet,
    first: u32,
    header: &str,
    rows: &[String],
) {
    for (r, line) in std::iter::once(header)
        .chain(rows.iter().map(String::as_str))
        .enumerate()
    {
        for (c, cell) in line.split(',').enumerate() {
            sheet
                .write_string(first + r as u32, c as u16, cell)
                .unwrap();
        }
    }
}

fn scores(args: &[&str]) -> Vec<(String, String)> {
    let out = run(args);
    let doc: serde_json::Value = serde_json::from_str(out.ok()).unwrap();
    let mut v: Vec<(String, String)> = doc["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["id"].as_str().unwrap().into(),
                u["score"].as_str().unwrap().into(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn files_folders_patterns_and_sheets_make_one_dataset_that_scores_like_the_original() {
    let (header, rows) = example();
    let dir = tempfile::tempdir().unwrap();
    let wards = dir.path().join("phuong");
    std::fs::create_dir(&wards).unwrap();
    std::fs::write(wards.join("cum-1.csv"), csv_of(&header, &rows[..8])).unwrap();
    std::fs::write(wards.join("cum-2.csv"), csv_of(&header, &rows[8..15])).unwrap();
    std::fs::write(wards.join("ghi-chu.txt"), "not data").unwrap();
    let book = workbook(&header, &[("Cụm 3", &rows[15..22]), ("Cụm 4", &rows[22..])]);
    let book_path = dir.path().join("cum-3-4.xlsx");
    std::fs::write(&book_path, book).unwrap();
    let out = dir.path().join("tong-hop.xlsx");
    let pattern = format!("{}/cum-*.csv", wards.display());
    for inputs in [
        vec![wards.to_str().unwrap(), book_path.to_str().unwrap()],
        vec![pattern.as_str(), book_path.to_str().unwrap()],
    ] {
        let mut args = vec!["collect", THI_DUA_SET];
        args.extend(&inputs);
        args.extend(["-o", out.to_str().unwrap(), "--force", "--lang", "en"]);
        let run = run(&args);
        assert!(run.ok().contains("30 units from 3 files"), "{}", run.stdout);
        let combined = out.to_str().unwrap();
        assert_eq!(
            scores(&["score", THI_DUA_SET, combined, "-f", "json"]),
            scores(&["score", THI_DUA_SET, THI_DUA, "-f", "json"])
        );
    }
    // Where each unit came from: file, sheet, row.
    let bytes = std::fs::read(&out).unwrap();
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let header_row: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        &header_row[header_row.len() - 3..],
        ["nguon_tep", "nguon_trang", "nguon_dong"]
    );
    let last = sheet.rows().next_back().unwrap();
    let n = last.len();
    assert!(last[n - 3].to_string().ends_with("cum-3-4.xlsx"));
    assert_eq!(last[n - 2], Data::String("Cụm 4".into()));
    assert_eq!(last[n - 1], Data::Float((rows.len() - 22 + 1) as f64));
}

#[test]
fn every_conflict_is_reported_together_and_nothing_is_written() {
    let (header, rows) = example();
    let dir = tempfile::tempdir().unwrap();
    // A resent V01 with another value; Cửa Nam again under a new id; a
    // cluster typed "cụm 1".
    let resent = rows[0].replacen(",84,", ",85,", 1);
    let renamed = rows[1].replacen("V02,", "V99,", 1);
    let respelt = rows[2]
        .replacen(",Cụm 1,", ",cụm 1,", 1)
        .replacen("V03,", "V98,", 1)
        .replacen("Đội Cung", "Đội Cung Mới", 1);
    std::fs::write(dir.path().join("a.csv"), csv_of(&header, &rows)).unwrap();
    std::fs::write(
        dir.path().join("b.csv"),
        csv_of(&header, &[resent, renamed, respelt]),
    )
    .unwrap();
    let out = dir.path().join("tong-hop.csv");
    let args = |extra: &[&str]| {
        let mut a = vec![
            "collect".to_string(),
            THI_DUA_SET.to_string(),
            dir.path().join("a.csv").to_str().unwrap().to_string(),
            dir.path().join("b.csv").to_str().unwrap().to_string(),
            "-o".to_string(),
            out.to_str().unwrap().to_string(),
            "--lang".to_string(),
            "en".to_string(),
        ];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let a = args(&[]);
    let err = run(&a.iter().map(String::as_str).collect::<Vec<_>>()).fails(3);
    assert!(
        err.contains("b.csv:2, column \"ma\": the unit id \"V01\" is also at"),
        "{err}"
    );
    assert!(
        err.contains("a.csv:2 with other values (columns chien_si_tien_tien_pct)"),
        "{err}"
    );
    assert!(
        err.contains(
            "b.csv:3, column \"ten\": the unit name \"Cửa Nam\" is already used by the id \"V02\""
        ),
        "{err}"
    );
    assert!(
        err.contains("b.csv:4, column \"cum\": \"cụm 1\": this cluster name is nearly \"Cụm 1\""),
        "{err}"
    );
    assert!(err.contains("3 problem(s); nothing was written."), "{err}");
    assert!(!out.exists(), "nothing is written");
    // --keep settles the resent unit; the other two conflicts remain.
    let a = args(&["--keep", "last"]);
    let err = run(&a.iter().map(String::as_str).collect::<Vec<_>>()).fails(3);
    assert!(!err.contains("\"V01\""), "{err}");
    assert!(err.contains("2 problem(s)"), "{err}");
    assert!(!out.exists());
}

#[test]
fn resent_files_are_settled_by_keep_and_identical_repeats_merge() {
    let (header, rows) = example();
    let dir = tempfile::tempdir().unwrap();
    let resent = rows[0].replacen(",84,", ",85,", 1);
    std::fs::write(dir.path().join("a.csv"), csv_of(&header, &rows)).unwrap();
    // The same unit twice, identical, and V01 resent corrected.
    std::fs::write(
        dir.path().join("b.csv"),
        csv_of(&header, &[rows[5].clone(), resent]),
    )
    .unwrap();
    let out = dir.path().join("tong-hop.csv");
    let (a, b, o) = (
        dir.path().join("a.csv"),
        dir.path().join("b.csv"),
        out.to_str().unwrap().to_string(),
    );
    let run = run(&[
        "collect",
        THI_DUA_SET,
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        &o,
        "--keep",
        "last",
        "--lang",
        "en",
    ]);
    assert!(run.ok().contains("30 units from 2 files"), "{}", run.stdout);
    let text = std::fs::read_to_string(&out).unwrap();
    let v01 = text.lines().find(|l| l.starts_with("V01,")).unwrap();
    assert!(v01.contains(",85,") && v01.ends_with("b.csv,,3"), "{v01}");
}

#[test]
fn check_and_score_take_several_files_or_a_folder() {
    let (header, rows) = example();
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    std::fs::write(&a, csv_of(&header, &rows[..12])).unwrap();
    std::fs::write(&b, csv_of(&header, &rows[12..])).unwrap();
    let folder = dir.path().to_str().unwrap();
    let checked = run(&["check", THI_DUA_SET, folder, "--lang", "en"]);
    assert!(
        checked
            .ok()
            .contains("✓ 2 files: 30 units, all values valid, no conflicts"),
        "{}",
        checked.stdout
    );
    let expected = scores(&["score", THI_DUA_SET, THI_DUA, "-f", "json"]);
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    assert_eq!(
        scores(&["score", THI_DUA_SET, a, b, "-f", "json"]),
        expected
    );
    assert_eq!(
        scores(&["score", THI_DUA_SET, folder, "-f", "json"]),
        expected
    );
    // Conflicts between the files stop both, as in `collect`.
    std::fs::write(
        dir.path().join("c.csv"),
        csv_of(&header, &[rows[0].replacen(",84,", ",85,", 1)]),
    )
    .unwrap();
    let err = run(&["score", THI_DUA_SET, folder, "--lang", "en"]).fails(3);
    assert!(err.contains("the unit id \"V01\" is also at"), "{err}");
}

#[test]
fn a_combined_file_in_the_folder_read_is_not_read_again() {
    let (header, rows) = example();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.csv"), csv_of(&header, &rows)).unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = dir.path().join("tong-hop.csv");
    let out = out.to_str().unwrap();
    run(&["collect", THI_DUA_SET, folder, "-o", out]).ok();
    // Again: not its own input; replaced only with --force.
    let err = run(&["collect", THI_DUA_SET, folder, "-o", out, "--lang", "en"]).fails(2);
    assert!(err.contains("already exists"), "{err}");
    let again = run(&[
        "collect",
        THI_DUA_SET,
        folder,
        "-o",
        out,
        "--force",
        "--lang",
        "en",
    ]);
    assert!(
        again.ok().contains("30 units from 1 file;"),
        "{}",
        again.stdout
    );
}

/// A ward's own file is an input, never the combined file's place, even
/// with `--force`: named on the command line or found in a folder.
#[test]
fn a_wards_file_is_never_replaced_by_the_combined_file() {
    let (header, rows) = example();
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    std::fs::write(&a, csv_of(&header, &rows[..14])).unwrap();
    std::fs::write(&b, csv_of(&header, &rows[14..])).unwrap();
    let before = std::fs::read(&a).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let folder = dir.path().to_str().unwrap();
    for args in [
        vec!["collect", THI_DUA_SET, a, b, "-o", a, "--force"],
        vec!["collect", THI_DUA_SET, folder, "-o", a, "--force"],
    ] {
        let err = run(&[&args[..], &["--lang", "en"]].concat()).fails(2);
        assert!(err.contains("input"), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read(a).unwrap(), before);
}

/// Excel's lock file beside a workbook a clerk has open (`~$…`, hidden on
/// Windows) is nobody's data: a folder read passes it by.
#[test]
fn excel_lock_files_in_a_folder_are_passed_by() {
    let (header, rows) = example();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.csv"), csv_of(&header, &rows)).unwrap();
    std::fs::write(dir.path().join("~$cum3.xlsx"), b"\x0cNguyen Van A    ").unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = run(&["check", THI_DUA_SET, folder, "--lang", "en"]);
    assert!(out.ok().contains("30 units"), "{}", out.stdout);
}

/// A report `score` wrote into the folder it reads is its own output, not
/// input: the same command again refreshes it.
#[test]
fn scoring_a_folder_again_refreshes_its_report_there() {
    let (header, rows) = example();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.csv"), csv_of(&header, &rows)).unwrap();
    let folder = dir.path().to_str().unwrap();
    let report = dir.path().join("ket-qua.xlsx");
    let report = report.to_str().unwrap();
    for _ in 0..2 {
        let out = run(&["score", THI_DUA_SET, folder, "-o", report, "--lang", "en"]);
        out.ok();
        assert!(out.stderr.contains("(30 units)"), "{}", out.stderr);
    }
}

/// With `--keep last`, names are compared among the records kept: a
/// re-sent unit that took another's name is a conflict, and a name a
/// re-sent unit gave up is free for another.
#[test]
fn keep_last_compares_names_among_the_records_kept() {
    let (header, rows) = example();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, rows: &[String]| {
        let path = dir.path().join(name);
        std::fs::write(&path, csv_of(&header, rows)).unwrap();
        path.to_str().unwrap().to_string()
    };
    let first = write("1-cum1.csv", &rows[..14]);
    // rows[1] is V02 "Cửa Nam"; rows[0] is V01 "Bến Thủy".
    let took = write("2-gui-lai.csv", &[rows[1].replace("Cửa Nam", "Bến Thủy")]);
    let out = dir.path().join("a.csv");
    let err = run(&[
        "collect",
        THI_DUA_SET,
        &first,
        &took,
        "-o",
        out.to_str().unwrap(),
        "--keep",
        "last",
        "--lang",
        "en",
    ])
    .fails(3);
    assert!(
        err.contains("the unit name \"Bến Thủy\" is already used by the id \"V01\""),
        "{err}"
    );
    assert!(!out.exists());
    let renamed = write(
        "2-gui-lai.csv",
        &[rows[1].replace("Cửa Nam", "Cửa Nam (sửa)")],
    );
    let new = write("3-moi.csv", &[rows[1].replacen("V02", "V99", 1)]);
    let out = run(&[
        "collect",
        THI_DUA_SET,
        &first,
        &renamed,
        &new,
        "-o",
        out.to_str().unwrap(),
        "--keep",
        "last",
        "--lang",
        "en",
    ]);
    assert!(out.ok().contains("15 units from 3 files"), "{}", out.stdout);
}

/// A sheet whose id column is below a title is a table of units, not a
/// guide to pass by: its units are not left out in silence, the title is
/// named. An empty sheet (Excel's Sheet2) holds no units and is passed by.
#[test]
fn a_sheet_below_a_title_is_read_and_an_empty_sheet_passed_by() {
    let (header, rows) = example();
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Cụm 2").unwrap();
    sheet.write_string(0, 0, "BẢNG TỔNG HỢP CỤM 2").unwrap();
    write_text_table(sheet, 1, &header, &rows);
    let path = dir.path().join("cum-2.xlsx");
    book.save(&path).unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = dir.path().join("out").join("tong-hop.csv");
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let err = run(&[
        "collect",
        THI_DUA_SET,
        folder,
        "-o",
        out.to_str().unwrap(),
        "--lang",
        "en",
    ])
    .fails(3);
    assert!(
        err.contains("[Cụm 2]:2: the header (the column names) is on line 2"),
        "{err}"
    );
    // The same table under its header, beside two empty sheets.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    write_text_table(sheet, 0, &header, &rows);
    book.add_worksheet();
    book.add_worksheet();
    book.save(&path).unwrap();
    let done = run(&[
        "collect",
        THI_DUA_SET,
        folder,
        "-o",
        out.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert!(
        done.ok().contains("30 units from 1 file"),
        "{}",
        done.stdout
    );
}

/// A ward's file whose first line `sep=,` does not fit its header is
/// named with that line, as `score` names it: one file's fix, where a
/// `--delimiter` would apply to every file.
#[test]
fn a_wards_sep_line_that_its_header_does_not_follow_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.csv");
    std::fs::write(&a, "sep=,\nma;ten;a;b\nS1;Unit 1;50;yes\n").unwrap();
    let b = dir.path().join("b.csv");
    std::fs::write(&b, "ma,ten,a,b\nS2,Unit 2,60,yes\n").unwrap();
    let out = dir.path().join("out.csv");
    let err = run(&[
        "collect",
        SMALL,
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--lang",
        "en",
    ])
    .fails(3);
    assert!(
        err.contains("a.csv:2: the file's first line \"sep=,\" names \",\" as the delimiter"),
        "{err}"
    );
    assert!(err.contains("change that line to \"sep=;\""), "{err}");
    assert!(!out.exists());
}

/// Two years' files given to `score` are the same units with other
/// values: said once, pointing to `compare`, before each unit's conflict
/// (whose `--keep` would rank one year only).
#[test]
fn two_periods_files_scored_together_point_to_compare() {
    let both = [
        "score",
        KIEU_MAU,
        CUA_LO,
        "examples/cua-lo-2024.csv",
        "--lang",
    ];
    let en = run(&[&both[..], &["en"]].concat()).fails(3);
    let first = en.lines().next().unwrap_or_default();
    assert!(
        first.contains(
            "7 units of examples/cua-lo-2023.csv are in this file again with other values"
        ) && first
            .contains("wardscore compare SET examples/cua-lo-2023.csv examples/cua-lo-2024.csv"),
        "{en}"
    );
    let vi = run(&[&both[..], &["vi"]].concat()).fails(3);
    assert!(vi.contains("hãy so sánh bằng lệnh compare"), "{vi}");
    // A file resent with one unit changed is no second period.
    let (header, rows) = example();
    let dir = tempfile::tempdir().unwrap();
    let mut changed = rows.clone();
    changed[0] = changed[0].replacen(",", ",X", 2);
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    std::fs::write(&a, csv_of(&header, &rows)).unwrap();
    std::fs::write(&b, csv_of(&header, &changed)).unwrap();
    let err = run(&[
        "check",
        THI_DUA_SET,
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert!(!err.stderr.contains("two periods"), "{}", err.stderr);
}
