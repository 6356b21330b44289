//! Text from input files cannot attack the terminal it is shown on, nor
//! break the Markdown it is pasted into.

use std::path::Path;

use crate::harness::*;

/// Sequences a terminal acts on: retitle the window, clear the screen, turn
/// the text around (bidi override, isolate).
const ATTACKS: [&str; 4] = ["\u{1b}]0;owned\u{7}", "\u{1b}[2J", "\u{202e}", "\u{2066}"];

/// A set whose title and criterion titles, and a data file whose names
/// carry [`ATTACKS`]. (Ids, clusters and column names may not hold such
/// characters at all: see `error_messages_show_no_control_character_from_the_files`.)
fn hostile_files(dir: &Path) -> (String, String) {
    let set = std::fs::read_to_string(root().join("tests/fixtures/small.toml"))
        .unwrap()
        .replace(
            "title = \"Small test set\"",
            "title = \"Small \\u001b]0;owned\\u0007 set\"",
        )
        .replace("name = \"ten\"", "name = \"ten\"\ncluster = \"cum\"")
        .replace("\"Linear share\"", "\"Linear \\u001b[2J share \\u202e\"")
        .replace("\"Has a plan\"", "\"Has \\u2066 a plan\\u001b[31m\"");
    let data = "ma,ten,cum,a,b,ghi\n\
        S1,Alpha \u{1b}]0;owned\u{7} \u{1b}[2J,C,50,yes,x\n\
        S2,Beta \u{202e}ateb \u{2066}x,C2,100,no,\n";
    let (set_path, data_path) = (dir.join("set.toml"), dir.join("data.csv"));
    std::fs::write(&set_path, set).unwrap();
    std::fs::write(&data_path, data).unwrap();
    (
        set_path.display().to_string(),
        data_path.display().to_string(),
    )
}

#[track_caller]
fn assert_harmless(out: &str) {
    for attack in ATTACKS {
        assert!(
            !out.contains(attack),
            "{attack:?} reached the terminal:\n{out}"
        );
    }
    assert!(
        !out.chars().any(|c| c.is_control() && c != '\n'),
        "a control character reached the terminal:\n{out:?}"
    );
}

#[test]
fn score_explain_and_check_show_no_control_character_from_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let (set, data) = hostile_files(dir.path());
    let score = run(&["score", &set, &data, "--lang", "en"]);
    let out = score.ok();
    assert_harmless(out);
    // Shown, escaped, rather than dropped.
    assert!(out.contains("Alpha \\u{1b}]0;owned\\u{7}"), "{out}");
    assert!(out.contains("Beta \\u{202e}ateb \\u{2066}x"), "{out}");
    let explain = run(&["explain", &set, &data, "S2", "--lang", "en"]);
    let out = explain.ok();
    assert_harmless(out);
    assert!(out.contains("Linear \\u{1b}[2J share \\u{202e}"), "{out}");
    let check = run(&["check", &set, &data, "--lang", "en"]);
    let out = check.ok();
    assert_harmless(out);
    assert!(out.contains("Small \\u{1b}]0;owned\\u{7} set"), "{out}");
    assert!(out.contains("Unused columns: ghi"), "{out}");
    let criteria = run(&["criteria", &set, "--lang", "en"]);
    assert_harmless(criteria.ok());
}

#[test]
fn colours_the_tool_draws_still_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (set, data) = hostile_files(dir.path());
    let score = run(&["score", &set, &data, "--lang", "en", "--color", "always"]);
    let out = score.ok();
    // The tool's own colour codes are there; the files' are escaped.
    assert!(out.contains("\u{1b}["), "{out:?}");
    assert!(out.contains("\\u{1b}[2J"), "{out}");
    assert!(!out.contains("\u{1b}[2J"), "{out:?}");
    assert!(!out.contains("\u{1b}]0"), "{out:?}");
}

#[test]
fn error_messages_show_no_control_character_from_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let (set, _) = hostile_files(dir.path());
    let data = dir.path().join("bad.csv");
    // An unknown column named with an attack, a bad value beside it.
    std::fs::write(&data, "ma,ten,cum,a,b\nS1,A,C,\u{1b}[2Jx,yes\n").unwrap();
    let err = run(&["score", &set, data.to_str().unwrap(), "--lang", "en"]).fails(3);
    assert_harmless(&err);
    // A misspelt column: its name comes back in the rename hint.
    std::fs::write(&data, "ma,te\u{1b}n,cum,a,b\nS1,A,C,1,yes\n").unwrap();
    let err = run(&["score", &set, data.to_str().unwrap(), "--lang", "en"]).fails(3);
    assert_harmless(&err);
    assert!(
        err.contains("Rename the column \"te\\u{1b}n\" to \"ten\"."),
        "{err}"
    );
    // Ids, clusters and column names may not hold them at all.
    for (what, csv) in [
        ("id", "ma,ten,cum,a,b\nS1\u{1b}[2J,A,C,1,yes\n"),
        ("cluster", "ma,ten,cum,a,b\nS1,A,C\u{1b}]0;x\u{7}y,1,yes\n"),
        ("column", "ma,ten,cum,a,b,g\u{1b}[2Jhi\nS1,A,C,1,yes,\n"),
    ] {
        std::fs::write(&data, csv).unwrap();
        let err = run(&["score", &set, data.to_str().unwrap(), "--lang", "en"]).fails(3);
        assert_harmless(&err);
        assert!(err.contains("U+001B ESCAPE at position"), "{what}: {err}");
    }
}

/// Every way a Markdown reader may end a line.
const LINE_BREAKS: [char; 7] = [
    '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}',
];

#[test]
fn markdown_keeps_every_name_and_title_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let set = std::fs::read_to_string(root().join("tests/fixtures/small.toml"))
        .unwrap()
        .replace("\"Linear share\"", "\"Linear\\r# owned title\"");
    let mut data = String::from("ma,ten,a,b\n");
    for (i, line_break) in LINE_BREAKS.iter().enumerate() {
        data.push_str(&format!("S{i},\"Unit{line_break}# owned {i}\",50,yes\n"));
    }
    let (set_path, data_path) = (dir.path().join("set.toml"), dir.path().join("d.csv"));
    std::fs::write(&set_path, set).unwrap();
    std::fs::write(&data_path, data).unwrap();
    let (set_path, data_path) = (set_path.to_str().unwrap(), data_path.to_str().unwrap());
    for args in [
        vec!["score", set_path, data_path, "-f", "md"],
        vec!["explain", set_path, data_path, "S1", "-f", "md"],
        vec!["criteria", set_path, "-f", "md"],
    ] {
        let out = run(&args).ok().to_string();
        let breaks: Vec<char> = out.chars().filter(|c| LINE_BREAKS.contains(c)).collect();
        assert!(
            breaks.iter().all(|c| *c == '\n'),
            "{args:?}: {breaks:?} in\n{out}"
        );
        assert!(
            !out.lines().any(|l| l.starts_with("# owned")),
            "{args:?}: a name started a heading:\n{out}"
        );
        assert!(out.contains("owned"), "{out}");
    }
}

#[test]
fn the_csv_template_guards_formula_like_column_names() {
    let dir = tempfile::tempdir().unwrap();
    let set = std::fs::read_to_string(root().join("tests/fixtures/small.toml"))
        .unwrap()
        .replace("indicator = \"a\"", "indicator = \"=HYPERLINK(1)\"")
        .replace("name = \"ten\"", "name = \"@SUM(1)\"");
    let set_path = dir.path().join("set.toml");
    std::fs::write(&set_path, set).unwrap();
    let out = dir.path().join("t.csv");
    run(&[
        "template",
        set_path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
    .ok();
    let header = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        header.trim_start_matches('\u{feff}').trim_end(),
        "ma,'@SUM(1),'=HYPERLINK(1),b"
    );
    // Filled in, the template reads back: the guarded names are found.
    std::fs::write(&out, format!("{header}S1,Alpha,50,yes\n")).unwrap();
    let check = run(&["check", set_path.to_str().unwrap(), out.to_str().unwrap()]);
    assert!(check.ok().contains("1 units"), "{}", check.stdout);
}

#[test]
fn a_criteria_file_past_the_size_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    // A valid set padded with a comment to one byte past 16 MB.
    let set = std::fs::read_to_string(root().join("tests/fixtures/small.toml")).unwrap();
    let limit = 16 << 20;
    let padded = format!("{set}#{}\n", "x".repeat(limit - set.len() - 2));
    assert_eq!(padded.len(), limit);
    let path = dir.path().join("set.toml");
    std::fs::write(&path, &padded).unwrap();
    let path = path.to_str().unwrap();
    run(&["check", path]).ok();
    std::fs::write(path, format!("{padded}\n")).unwrap();
    let err = run(&["check", path, "--lang", "en"]).fails(3);
    assert!(err.contains("larger than 16 MB"), "{err}");
    let err = run(&["check", path, "--lang", "vi"]).fails(3);
    assert!(err.contains("lớn hơn 16 MB"), "{err}");
    // A huge (sparse) file: refused after reading the limit, not the file.
    let huge = dir.path().join("huge.toml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(64 << 20)
        .unwrap();
    let err = run(&["check", huge.to_str().unwrap(), "--lang", "en"]).fails(3);
    assert!(err.contains("larger than 16 MB"), "{err}");
}

// ------------------------------------------------ fitting the terminal

fn at_width(columns: &str, args: &[&str]) -> String {
    let out = wardscore()
        .args(args)
        .env("COLUMNS", columns)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Terminal cells: Vietnamese letters are one each (NFC).
fn cells(line: &str) -> usize {
    line.chars().count()
}

/// Each logical row of a table whose first column is never empty: its
/// cells, the lines of a wrapped cell joined with spaces.
fn logical_rows(out: &str) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in out.lines().filter(|l| l.starts_with('│')) {
        let parts: Vec<String> = line
            .trim_matches('│')
            .split('┆')
            .map(|c| c.trim().to_string())
            .collect();
        if parts[0].is_empty() {
            if let Some(last) = rows.last_mut() {
                for (cell, more) in last.iter_mut().zip(parts) {
                    if !more.is_empty() {
                        cell.push(' ');
                        cell.push_str(&more);
                    }
                }
            }
        } else {
            rows.push(parts);
        }
    }
    rows
}

#[test]
fn the_cua_lo_ranking_fits_80_columns_leaving_out_the_group_subtotals() {
    let out = at_width("80", &["score", KIEU_MAU, CUA_LO]);
    for line in out.lines() {
        assert!(cells(line) <= 80, "{} cells: {line}", cells(line));
    }
    let rows = logical_rows(&out);
    // Header and seven units; every name and score whole on its line.
    assert_eq!(rows.len(), 8, "{out}");
    assert_eq!(
        rows[0],
        [
            "Hạng",
            "Mã",
            "Đơn vị",
            "Đạt",
            "Điểm (tham khảo)",
            "Ghi chú",
            "Xếp loại"
        ]
    );
    assert_eq!(
        rows[1],
        ["1", "NTHU", "Nghi Thu", "27/27", "103,42", "", "Kiểu mẫu"]
    );
    assert_eq!(
        rows[5],
        ["5", "NHAI", "Nghi Hải", "12/27", "71,81", "", "Chưa đạt"]
    );
    assert!(
        out.contains("(Để vừa 80 cột, bảng không hiện các cột: A, B, C, D."),
        "{out}"
    );
    // The title and the legends wrap at spaces, not inside a word.
    assert!(out.starts_with("Đánh giá Công an phường điển hình, kiểu mẫu về ANTT và văn minh đô thị (dự thảo\nminh họa)\n"), "{out}");
}

#[test]
fn a_wide_terminal_shows_the_table_as_a_pipe_gets_it() {
    let piped = run(&["score", KIEU_MAU, CUA_LO]).ok().to_string();
    assert_eq!(at_width("200", &["score", KIEU_MAU, CUA_LO]), piped);
    // The whole ranking with its subtotals, no note.
    assert_eq!(table_rows(&piped)[0].len(), 11, "{piped}");
    assert!(!piped.contains("Để vừa"), "{piped}");
}

#[test]
fn wrapped_text_keeps_its_words_and_numbers_stay_whole_at_80() {
    let out = at_width("80", &["score", THI_DUA_SET, THI_DUA, "--lang", "en"]);
    for line in out.lines() {
        assert!(cells(line) <= 80, "{} cells: {line}", cells(line));
    }
    let piped = run(&["score", THI_DUA_SET, THI_DUA, "--lang", "en"])
        .ok()
        .to_string();
    let whole = table_rows(&piped);
    let header = &whole[0];
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let narrow = logical_rows(&out);
    let narrow_at = |name: &str| narrow[0].iter().position(|h| h == name).unwrap();
    assert_eq!(narrow.len(), whole.len());
    for (wide, thin) in whole.iter().zip(&narrow).skip(1) {
        for column in ["Unit", "Score", "Rating", "Note", "Cluster"] {
            assert_eq!(thin[narrow_at(column)], wide[at(column)], "{column}\n{out}");
        }
    }
    assert!(out.contains("leaves out: Id, A, B, C, D, Met."), "{out}");
}

#[test]
fn every_report_fits_80_columns() {
    let runs: [&[&str]; 7] = [
        &["check", KIEU_MAU, CUA_LO],
        &["explain", KIEU_MAU, CUA_LO, "NHUONG"],
        &["explain", THI_DUA_SET, THI_DUA, "V04"],
        &["criteria", THI_DUA_SET],
        &["compare", THI_DUA_SET, THI_DUA, "examples/thi-dua-2024.csv"],
        &[
            "compare",
            THI_DUA_SET,
            THI_DUA,
            "examples/thi-dua-2024.csv",
            "--unit",
            "V04",
        ],
        &["sensitivity", THI_DUA_SET, THI_DUA, "--runs", "20"],
    ];
    for args in runs {
        let out = at_width("80", args);
        for line in out.lines() {
            assert!(cells(line) <= 80, "{args:?}: {} cells: {line}", cells(line));
        }
    }
}

#[test]
fn a_report_written_to_a_file_keeps_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bang.txt");
    let out = wardscore()
        .args(["score", KIEU_MAU, CUA_LO, "-f", "table", "-o"])
        .arg(&file)
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let piped = run(&["score", KIEU_MAU, CUA_LO]).ok().to_string();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), piped);
}

/// A real terminal (a pseudo-terminal from `script`, util-linux): its own
/// width, or 80 when it tells none.
#[test]
fn a_terminal_of_unknown_width_gets_80_columns_and_a_known_one_its_own() {
    let Some(script) = std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join("script"))
        .find(|p| p.is_file())
    else {
        eprintln!("skipped: `script` is not installed");
        return;
    };
    let bin = assert_cmd::cargo::cargo_bin!("wardscore");
    let on_tty = |setup: &str| {
        let command = format!(
            "{setup}{} score {KIEU_MAU} {CUA_LO} --color never",
            bin.display()
        );
        let out = std::process::Command::new(&script)
            .args(["-qec", &command, "/dev/null"])
            .current_dir(root())
            .env_remove("COLUMNS")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8_lossy(&out.stdout).replace('\r', "")
    };
    let widest = |out: &str| out.lines().map(cells).max().unwrap_or(0);
    let unknown = on_tty("stty cols 0 rows 0 2>/dev/null; ");
    assert!(widest(&unknown) <= 80, "{unknown}");
    assert!(unknown.contains("Để vừa 80 cột"), "{unknown}");
    let wide = on_tty("stty cols 150 rows 40 2>/dev/null; ");
    assert!(!wide.contains("Để vừa"), "{wide}");
    assert!(widest(&wide) > 80 && widest(&wide) <= 150, "{wide}");
}

/// A criteria file saved in a Vietnamese legacy encoding is input to fix
/// (exit 3), named at its line, not a failure to read the file (exit 1).
#[test]
fn a_criteria_file_not_in_utf8_is_rejected_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bo.toml");
    // "Nghi Hải" in Windows-1258 on line 3: 0xE3 is "ả" there, not UTF-8.
    std::fs::write(&path, b"format = 1\n[set]\ntitle = \"Nghi H\xe3i\"\n").unwrap();
    let path = path.to_str().unwrap();
    let err = run(&["check", path, "--lang", "en"]).fails(3);
    assert!(err.contains(":3"), "{err}");
    assert!(err.contains("not UTF-8 (byte 0xE3)"), "{err}");
    let err = run(&["check", path, "--lang", "vi"]).fails(3);
    assert!(err.contains("không phải UTF-8"), "{err}");
}
