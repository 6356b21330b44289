//! Every output format: inference from `-o`, snapshots of the text formats,
//! hostile unit names, atomic writes and the data-entry template.

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use serde_json::Value;

use crate::harness::*;

fn stdout(args: &[&str]) -> String {
    run(args).ok().to_string()
}

// ------------------------------------------------------------ snapshots

#[test]
fn score_markdown_cua_lo() {
    insta::assert_snapshot!(stdout(&["score", KIEU_MAU, CUA_LO, "-f", "md"]));
}

#[test]
fn explain_markdown_dong_vinh_en() {
    // Đông Vĩnh (V04): 93.3, tied with Hồng Sơn at rank 6, lowered to HTT by
    // the HTXS quota; the explanation must say so.
    let out = stdout(&[
        "explain",
        THI_DUA_SET,
        THI_DUA,
        "V04",
        "-f",
        "md",
        "--lang",
        "en",
    ]);
    assert!(
        out.contains(
            "Not \"Hoàn thành xuất sắc nhiệm vụ\": qualifies, but the rating's quota was full"
        ),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn criteria_markdown_an_toan() {
    insta::assert_snapshot!(stdout(&["criteria", "an-toan-antt", "-f", "md"]));
}

#[test]
fn score_csv_thi_dua() {
    let out = stdout(&["score", THI_DUA_SET, THI_DUA, "-f", "csv", "--no-bom"]);
    // Đông Vĩnh and Hồng Sơn share rank 7 and are listed in Vietnamese order.
    let rows: Vec<&str> = out.lines().collect();
    assert!(
        rows[7].starts_with("7,4,V04,Đông Vĩnh,Cụm 1,"),
        "{}",
        rows[7]
    );
    assert!(
        rows[8].starts_with("7,4,V06,Hồng Sơn,Cụm 1,"),
        "{}",
        rows[8]
    );
    insta::assert_snapshot!(out);
}

#[test]
fn explain_html_nghi_thuy() {
    let out = stdout(&["explain", KIEU_MAU, CUA_LO, "NTHUY", "-f", "html"]);
    assert!(out.starts_with("<!DOCTYPE html>"), "{}", &out[..40]);
    insta::assert_snapshot!(out);
}

#[test]
fn csv_starts_with_a_bom_unless_told_not_to() {
    let with = stdout(&["score", SMALL, SMALL_CSV, "-f", "csv"]);
    assert!(with.starts_with('\u{feff}'));
    let without = stdout(&["score", SMALL, SMALL_CSV, "-f", "csv", "--no-bom"]);
    assert!(without.starts_with("rank,"));
    assert_eq!(with.trim_start_matches('\u{feff}'), without);
}

#[test]
fn every_format_carries_the_stamp() {
    for format in ["md", "html", "json"] {
        let out = stdout(&["score", SMALL, SMALL_CSV, "-f", format]);
        assert!(out.contains("2025-11-26T00:00:00Z"), "{format}");
        assert!(out.contains("small"), "{format}");
        // SHA-256 of tests/fixtures/small.csv, as `sha256sum` gives it.
        let data = std::fs::read(root().join(SMALL_CSV)).unwrap();
        assert!(out.contains(&sha256(&data)), "{format}");
    }
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// ------------------------------------------------- -o and the format

#[test]
fn the_output_extension_picks_the_format() {
    let dir = tempfile::tempdir().unwrap();
    for (ext, starts) in [
        ("csv", "\u{feff}rank,".as_bytes()),
        ("json", b"{"),
        ("md", b"# Small test set"),
        ("html", b"<!DOCTYPE html>"),
        ("xlsx", b"PK\x03\x04"),
    ] {
        let path = dir.path().join(format!("ket-qua.{ext}"));
        run(&["score", SMALL, SMALL_CSV, "-o", path.to_str().unwrap()]).ok();
        let written = std::fs::read(&path).unwrap();
        assert!(written.starts_with(starts), "{ext}");
    }
}

#[test]
fn a_failed_run_leaves_an_existing_report_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("ket-qua.json");
    let target = report.to_str().unwrap();
    run(&["score", SMALL, SMALL_CSV, "-o", target]).ok();
    let before = std::fs::read(&report).unwrap();
    let bad = "ma,ten,a,b\nS1,Alpha,abc,yes\n";
    run_with(&["score", SMALL, "-", "-o", target], Some(bad.as_bytes())).fails(3);
    assert_eq!(std::fs::read(&report).unwrap(), before);
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
}

// ------------------------------------------------------- hostile names

const HOSTILE: [&str; 4] = [
    "=HYPERLINK(\"http://evil.example\",\"bấm\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "<script>alert(1)</script>",
];

fn hostile_csv() -> String {
    let mut csv = String::from("ma,ten,a,b\n");
    for (i, name) in HOSTILE.iter().enumerate() {
        let quoted = name.replace('"', "\"\"");
        csv.push_str(&format!("-{i},\"{quoted}\",{},yes\n", 10 * (i + 1)));
    }
    csv
}

fn hostile(format: &str, extra: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.csv");
    std::fs::write(&data, hostile_csv()).unwrap();
    let out = dir.path().join(format!("out.{format}"));
    let mut args = vec![
        "score",
        SMALL,
        data.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    run(&args).ok();
    std::fs::read(out).unwrap()
}

#[test]
fn hostile_names_are_neutralised_in_csv() {
    let bytes = hostile("csv", &[]);
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let mut names = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        // The id "-0" is text, so it is guarded too; numbers are not.
        assert!(record[2].starts_with("'-"), "{:?}", &record);
        names.push(record[3].to_string());
        assert!(record[4].parse::<rust_decimal::Decimal>().is_ok() || record[4].is_empty());
    }
    for name in HOSTILE {
        let expected = if name.starts_with('<') {
            name.to_string()
        } else {
            format!("'{name}")
        };
        assert!(names.contains(&expected), "{name} in {names:?}");
    }
}

#[test]
fn raw_csv_keeps_the_text_unchanged() {
    let bytes = hostile("csv", &["--raw", "--no-bom"]);
    let text = String::from_utf8(bytes).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let names: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[3].to_string())
        .collect();
    for name in HOSTILE {
        assert!(names.iter().any(|n| n == name), "{name}");
    }
}

#[test]
fn hostile_names_stay_text_in_xlsx() {
    let bytes = hostile("xlsx", &[]);
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let sheets = book.sheet_names();
    let mut seen = Vec::new();
    for sheet in &sheets {
        let formulas = book.worksheet_formula(sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} has a formula"
        );
        let range = book.worksheet_range(sheet).unwrap();
        for (_, _, cell) in range.used_cells() {
            if let Data::String(s) = cell {
                seen.push(s.clone());
            }
        }
    }
    for name in HOSTILE {
        assert!(seen.iter().any(|s| s == name), "{name} not kept as text");
    }
}

#[test]
fn hostile_names_are_escaped_in_html() {
    let html = String::from_utf8(hostile("html", &[])).unwrap();
    assert!(!html.contains("<script"), "a tag got through");
    // minijinja also escapes "/" (as &#x2f;).
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;"),
        "the name is missing"
    );
    assert!(!html.contains("href=\"http"), "a link got through");
}

#[test]
fn json_and_markdown_never_alter_the_text() {
    let json: Value = serde_json::from_slice(&hostile("json", &[])).unwrap();
    let names: Vec<&str> = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    for name in HOSTILE {
        assert!(names.contains(&name), "{name}");
    }
    let md = String::from_utf8(hostile("md", &[])).unwrap();
    for name in HOSTILE {
        // Only pipes are escaped in a Markdown table.
        assert!(md.contains(&name.replace('|', "\\|")), "{name}");
    }
}

// ------------------------------------------------------------ template

/// The command a template's message gives to check it runs as printed:
/// the set as it was given, a file here, not its id.
#[test]
fn the_check_command_a_template_suggests_runs() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("nhập liệu.csv");
    let out = run(&[
        "template",
        SMALL,
        "-o",
        template.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    let said = out.ok();
    let command = said
        .split("then check it with: ")
        .nth(1)
        .expect("a command")
        .trim();
    let quoted = format!("'{}'", template.display());
    assert_eq!(
        command,
        format!("wardscore check {SMALL} {quoted}"),
        "{said}"
    );
    // Run as a shell runs it (the file's name has a space).
    let shell = std::process::Command::new("sh")
        .arg("-c")
        .arg(
            command.replacen(
                "wardscore",
                &assert_cmd::cargo::cargo_bin!("wardscore")
                    .display()
                    .to_string(),
                1,
            ),
        )
        .current_dir(root())
        .output()
        .unwrap();
    // An empty template has no units: exit 3, not a usage error (2).
    assert_eq!(shell.status.code(), Some(3), "{shell:?}");
}

#[test]
fn a_filled_csv_template_scores_like_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("nhap-lieu.csv");
    run(&["template", KIEU_MAU, "-o", template.to_str().unwrap()]).ok();
    let text = std::fs::read_to_string(&template).unwrap();
    let header: Vec<String> = text
        .trim_start_matches('\u{feff}')
        .trim_end()
        .split(',')
        .map(String::from)
        .collect();
    assert_eq!(&header[..2], ["ma", "ten"]);
    // Fill it from the example, column by column, in the template's order.
    let mut source = csv::Reader::from_path(root().join(CUA_LO)).unwrap();
    let source_header = source.headers().unwrap().clone();
    let mut filled = csv::Writer::from_writer(Vec::new());
    filled.write_record(&header).unwrap();
    for record in source.records() {
        let record = record.unwrap();
        let row: Vec<&str> = header
            .iter()
            .map(|h| {
                let i = source_header.iter().position(|s| s == h).unwrap();
                &record[i]
            })
            .collect();
        filled.write_record(&row).unwrap();
    }
    let filled_path = dir.path().join("filled.csv");
    std::fs::write(&filled_path, filled.into_inner().unwrap()).unwrap();
    let units = |data: &str| {
        let v: Value =
            serde_json::from_str(&stdout(&["score", KIEU_MAU, data, "-f", "json"])).unwrap();
        v["units"].clone()
    };
    assert_eq!(units(filled_path.to_str().unwrap()), units(CUA_LO));
}

#[test]
fn a_template_needs_a_known_extension() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("nhap-lieu.txt");
    let err = run(&["template", KIEU_MAU, "-o", target.to_str().unwrap()]).fails(2);
    assert!(err.contains(".xlsx"), "{err}");
    assert!(!target.exists());
}

#[test]
fn the_xlsx_template_has_the_data_columns_and_a_guide() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("nhap-lieu.xlsx");
    run(&["template", THI_DUA_SET, "-o", template.to_str().unwrap()]).ok();
    let mut book =
        open_workbook_auto_from_rs(Cursor::new(std::fs::read(&template).unwrap())).unwrap();
    let sheets = book.sheet_names();
    assert!(sheets.len() >= 2, "{sheets:?}");
    let range = book.worksheet_range(&sheets[0]).unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&header[..3], ["ma", "ten", "cum"]);
    // Derived indicators are not columns; their inputs are.
    assert!(header.contains(&"toi_pham_ttxh_nam_truoc".to_string()));
    assert!(!header.iter().any(|h| h == "bien_dong_toi_pham"));
}

#[test]
fn xlsx_data_scores_like_csv() {
    // The ranking workbook is not a data file, so build one: the example
    // CSV's cells written as a sheet (numbers as numbers).
    let mut source = csv::Reader::from_path(root().join(THI_DUA)).unwrap();
    let header = source.headers().unwrap().clone();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (r, record) in source.records().enumerate() {
        for (c, cell) in record.unwrap().iter().enumerate() {
            let (row, col) = (r as u32 + 1, c as u16);
            match cell.parse::<f64>() {
                Ok(n) if c > 2 => sheet.write_number(row, col, n).unwrap(),
                _ => sheet.write_string(row, col, cell).unwrap(),
            };
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thi-dua.xlsx");
    book.save(&path).unwrap();
    let units = |data: &str| {
        let v: Value =
            serde_json::from_str(&stdout(&["score", THI_DUA_SET, data, "-f", "json"])).unwrap();
        v["units"].clone()
    };
    assert_eq!(units(path.to_str().unwrap()), units(THI_DUA));
}

/// A fall in `compare`'s number cells reads as the reports' text writes
/// one ("B2 −4,32") where people read it, and stays a plain number where
/// programs do.
#[test]
fn a_negative_change_takes_a_minus_sign_only_where_people_read_it() {
    let compare = |extra: &[&str]| {
        let mut args = vec!["compare", KIEU_MAU, CUA_LO, "examples/cua-lo-2024.csv"];
        args.extend_from_slice(extra);
        stdout(&args)
    };
    let row = |out: &str, start: &str| {
        out.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no {start} row in:\n{out}"))
            .to_string()
    };
    let unit = ["--unit", "NHAI", "-f"];
    let vi = compare(&[&unit[..], &["md", "--lang", "vi"]].concat());
    assert!(row(&vi, "| B2 |").ends_with("| 0 | −4,32 |"), "{vi}");
    let en = compare(&[&unit[..], &["md", "--lang", "en"]].concat());
    assert!(row(&en, "| B2 |").ends_with("| 0 | −4.32 |"), "{en}");
    let table = compare(&[&unit[..], &["table", "--lang", "en"]].concat());
    assert!(row(&table, "│ B2 ").ends_with(" −4.32 │"), "{table}");
    // The summary's Δ score and Δ rank: Nghi Hải lost 4.98 points and two places.
    let summary = compare(&["-f", "md", "--lang", "vi"]);
    assert!(
        row(&summary, "| NHAI |").contains("| −4,98 | −2 |"),
        "{summary}"
    );
    // Programs read plain numbers.
    let csv = compare(&[&unit[..], &["csv", "--lang", "vi"]].concat());
    assert!(row(&csv, "B2,").ends_with(",0,-4.32"), "{csv}");
    let json: Value = serde_json::from_str(&compare(&["-f", "json"])).unwrap();
    assert!(json.to_string().contains("-4.98"), "{json}");
}

/// A ranking past the size whose workbook is written row by row (constant
/// memory): every unit in the ranking, in its cluster's sheet and in the
/// detail, and nothing on stderr from the writer (it reports a write to a
/// row already written there, and drops the cell).
#[test]
fn a_large_xlsx_ranking_has_every_unit_on_every_sheet() {
    // The year-end example's 30 units 40 times: 1,200 units in 3 clusters.
    let text = std::fs::read_to_string(root().join(THI_DUA)).unwrap();
    let mut lines = text.lines();
    let mut csv = format!("{}\n", lines.next().unwrap());
    let rows: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    for copy in 0..40 {
        for row in &rows {
            let (id, rest) = row.split_once(',').unwrap();
            let (name, rest) = rest.split_once(',').unwrap();
            csv.push_str(&format!("{id}-{copy},{name} {copy},{rest}\n"));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ca-nuoc.csv");
    std::fs::write(&data, csv).unwrap();
    let target = dir.path().join("ca-nuoc.xlsx");
    let done = run(&[
        "score",
        THI_DUA_SET,
        data.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    done.ok();
    assert_eq!(done.stderr.lines().count(), 1, "{}", done.stderr);
    assert!(done.stderr.contains("1200 units"), "{}", done.stderr);

    let mut book =
        open_workbook_auto_from_rs(Cursor::new(std::fs::read(&target).unwrap())).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Ranking", "Cụm 1", "Cụm 2", "Cụm 3", "Details", "Criteria", "Stamp"
        ]
    );
    // Rows under the header (row 3 on the annex sheets, row 2 on the
    // detail) whose first cell is a number: the units listed.
    let mut units = |sheet: &str, header: usize| -> Vec<Vec<Data>> {
        let range = book.worksheet_range(sheet).unwrap();
        range
            .rows()
            .skip(header)
            .take_while(|r| matches!(r.first(), Some(Data::Float(_))))
            .map(<[Data]>::to_vec)
            .collect()
    };
    let ranking = units("Ranking", 3);
    assert_eq!(ranking.len(), 1_200);
    for (i, row) in ranking.iter().enumerate() {
        assert_eq!(row[0], Data::Float(i as f64 + 1.0), "STT");
    }
    let ids: std::collections::HashSet<String> = ranking.iter().map(|r| r[2].to_string()).collect();
    assert_eq!(ids.len(), 1_200, "every unit once");
    let in_clusters: usize = ["Cụm 1", "Cụm 2", "Cụm 3"]
        .iter()
        .map(|c| {
            let rows = units(c, 3);
            assert!(rows.iter().all(|r| r[3] == Data::String(c.to_string())));
            rows.len()
        })
        .sum();
    assert_eq!(in_clusters, 1_200);
    // Rank order: the detail lists the units as the ranking does.
    let detail = units("Details", 2);
    assert_eq!(detail.len(), 1_200);
    for (d, r) in detail.iter().zip(&ranking) {
        assert_eq!(d[1], r[2], "id");
    }
}

/// A workbook to a named pipe reaches its reader whole: asking whether the
/// device named is a terminal must not open the pipe (which would wait for
/// the reader, then end its stream before the report).
#[cfg(unix)]
#[test]
fn a_workbook_to_a_named_pipe_reaches_its_reader_whole() {
    let (Ok(mkfifo), Ok(timeout)) = (which("mkfifo"), which("timeout")) else {
        eprintln!("skipped: mkfifo or timeout is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("ket-qua.pipe");
    assert!(
        std::process::Command::new(mkfifo)
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let bin = assert_cmd::cargo::cargo_bin!("wardscore");
    let out = std::process::Command::new(timeout)
        .arg("30")
        .arg(bin)
        .args(["score", SMALL, SMALL_CSV, "-f", "xlsx", "-o"])
        .arg(&fifo)
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = reader.join().unwrap();
    assert!(
        bytes.starts_with(b"PK") && bytes.len() > 1000,
        "{} bytes",
        bytes.len()
    );
}

/// An Excel workbook never goes to a terminal. `script` gives the binary a
/// pseudo-terminal as stdout (util-linux; skipped where it is missing).
#[test]
fn xlsx_refuses_a_terminal() {
    let Ok(script) = which("script") else {
        eprintln!("skipped: `script` is not installed");
        return;
    };
    let bin = assert_cmd::cargo::cargo_bin!("wardscore");
    let command = format!("{} score {SMALL} {SMALL_CSV} -f xlsx", bin.display());
    let out = std::process::Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("-o ket-qua.xlsx"), "{text}");
    assert!(!text.contains("PK"), "workbook bytes reached the terminal");
    // Nor when the terminal is named as the file to write.
    for (format, device, told) in [
        ("xlsx", "/dev/stdout", "-o ket-qua.xlsx"),
        ("docx", "/dev/tty", "-o bao-cao.docx"),
    ] {
        let command = format!(
            "{} score {SMALL} {SMALL_CSV} -f {format} -o {device} --lang vi",
            bin.display()
        );
        let out = std::process::Command::new(which("script").unwrap())
            .args(["-qec", &command, "/dev/null"])
            .current_dir(root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{device}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(told), "{text}");
        assert!(!text.contains("PK"), "{format} bytes reached {device}");
    }
}

fn which(name: &str) -> Result<std::path::PathBuf, ()> {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .ok_or(())
}

/// The small set with `missing = "zero"`, and `rows` units whose column a
/// is blank on every third row and b on every fifth.
fn blanks_counted_zero(rows: usize) -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let small = std::fs::read_to_string(root().join(SMALL)).unwrap();
    let set = dir.path().join("zero.toml");
    std::fs::write(
        &set,
        small.replace("precision = 2", "precision = 2\nmissing = \"zero\""),
    )
    .unwrap();
    let mut csv = String::from("ma,ten,a,b\n");
    for i in 0..rows {
        let a = if i % 3 == 0 {
            String::new()
        } else {
            (i % 101).to_string()
        };
        let b = if i % 5 == 0 { "" } else { "yes" };
        csv.push_str(&format!("S{i},Unit {i},{a},{b}\n"));
    }
    let data = dir.path().join("data.csv");
    std::fs::write(&data, csv).unwrap();
    let (set, data) = (set.to_str().unwrap().into(), data.to_str().unwrap().into());
    (dir, set, data)
}

/// Each unit's id and its `missing` field, sorted by id.
fn missing_column(csv: &str) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().next_back(),
        Some("missing")
    );
    let mut rows: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[2].to_string(), r.iter().next_back().unwrap().to_string())
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn blanks_counted_zero_are_flagged_in_every_format() {
    let (_dir, set, data) = blanks_counted_zero(6);
    // S0: both blank; S3: a; S5: b.
    let csv = run(&["score", &set, &data, "-f", "csv", "--no-bom"]);
    let flagged: Vec<(String, String)> = missing_column(csv.ok())
        .into_iter()
        .filter(|(_, m)| !m.is_empty())
        .collect();
    let pair = |id: &str, m: &str| (id.to_string(), m.to_string());
    assert_eq!(
        flagged,
        [pair("S0", "K1, K2"), pair("S3", "K1"), pair("S5", "K2")]
    );
    for format in ["table", "md", "html"] {
        let out = run(&["score", &set, &data, "-f", format, "--lang", "en"]);
        assert_eq!(
            out.ok().matches("blank, counted 0: K1, K2").count(),
            1,
            "{format}"
        );
        let out = run(&["score", &set, &data, "-f", format, "--lang", "vi"]);
        assert!(out.ok().contains("ô trống tính 0 điểm: K2"), "{format}");
    }
    // A set where a blank is an error keeps its columns as they were.
    let csv = run(&["score", SMALL, SMALL_CSV, "-f", "csv", "--no-bom"]);
    assert!(!csv.ok().lines().next().unwrap().contains("missing"));
}

#[test]
fn the_csv_flags_the_blanks_the_json_calls_missing_however_the_run_is_split() {
    let (_dir, set, data) = blanks_counted_zero(30_000);
    let json = run(&["score", &set, &data, "-f", "json"]);
    let json: serde_json::Value = serde_json::from_str(json.ok()).unwrap();
    let mut expected: Vec<(String, String)> = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let missing: Vec<&str> = u["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["status"] == "missing")
                .map(|c| c["id"].as_str().unwrap())
                .collect();
            (u["id"].as_str().unwrap().to_string(), missing.join(", "))
        })
        .collect();
    expected.sort();
    assert!(expected.iter().any(|(_, m)| m == "K1, K2"));
    for threads in ["1", "2"] {
        let csv = run(&["score", &set, &data, "-f", "csv", "--no-bom", "-j", threads]);
        assert_eq!(missing_column(csv.ok()), expected, "-j {threads}");
    }
}
