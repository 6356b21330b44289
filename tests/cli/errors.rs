//! Exit codes, rejected inputs, and output that cannot be written.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::harness::*;

// ---------------------------------------------------------------- exit 1

#[test]
fn a_missing_data_file_is_exit_1() {
    let err = run(&["score", KIEU_MAU, "examples/khong-co.csv"]).fails(1);
    assert!(err.contains("examples/khong-co.csv"), "{err}");
}

#[test]
fn an_unknown_criteria_set_is_exit_2_and_lists_the_shipped_ones() {
    let err = run(&["score", "khong-co-bo-nay", CUA_LO]).fails(2);
    for id in [
        "cong-an-phuong-kieu-mau",
        "an-toan-antt",
        "thi-dua-cuoi-nam",
    ] {
        assert!(err.contains(id), "{err}");
    }
}

#[test]
fn an_unwritable_output_path_is_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("khong-co-thu-muc").join("out.json");
    let err = run(&["score", SMALL, SMALL_CSV, "-o", target.to_str().unwrap()]).fails(1);
    assert!(err.contains("out.json"), "{err}");
    // The user named the report; the temporary file beside it is ours.
    let err = err.replace(dir.path().to_str().unwrap(), "DIR");
    assert!(
        !err.contains(".tmp") && !err.contains(".wardscore-"),
        "{err}"
    );
    assert!(!target.exists());
    // A directory in place of the file: refused, and left alone.
    let err = run(&[
        "score",
        SMALL,
        SMALL_CSV,
        "-o",
        dir.path().to_str().unwrap(),
    ])
    .fails(1);
    assert!(!err.is_empty());
    assert!(dir.path().is_dir());
}

#[test]
fn the_input_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.csv");
    std::fs::copy(root().join(SMALL_CSV), &data).unwrap();
    let before = std::fs::read(&data).unwrap();
    let d = data.to_str().unwrap();
    // A refusal to do what the command line asks: exit 2, even with --force.
    run(&["score", SMALL, d, "-f", "csv", "-o", d]).fails(2);
    run(&["score", SMALL, d, "-f", "csv", "-o", d, "--force"]).fails(2);
    assert_eq!(std::fs::read(&data).unwrap(), before);
}

// ---------------------------------------------------------------- exit 2

#[test]
fn usage_errors_are_exit_2() {
    for args in [
        &["bogus"][..],
        &["score"],
        &["score", SMALL],
        &["score", SMALL, SMALL_CSV, "-f", "pdf"],
        &["score", SMALL, SMALL_CSV, "--lang", "fr"],
        &["explain", SMALL, SMALL_CSV],
        &["check", SMALL, SMALL_CSV, "--delimiter", "x"],
        &[],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, "", "{args:?}");
    }
}

#[test]
fn help_and_version_are_exit_0() {
    assert!(run(&["--help"]).ok().contains("Exit codes"));
    assert!(run(&["--version"]).ok().starts_with("wardscore "));
}

// ---------------------------------------------------------------- exit 3

/// The contract's "done when": three mistakes → three messages with line:col.
#[test]
fn a_criteria_file_with_three_mistakes_gives_three_located_messages() {
    let file = "tests/fixtures/three-mistakes.toml";
    let err = run(&["check", file, "--lang", "en"]).fails(3);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "three problems and a summary:\n{err}");
    // Lines and columns counted in the fixture.
    assert_eq!(
        lines[0],
        "tests/fixtures/three-mistakes.toml:16:8: \"3\": \"pass\" must be between 0 and the criterion's points (2)"
    );
    assert_eq!(
        lines[1],
        "tests/fixtures/three-mistakes.toml:20:6: duplicate criterion/gate/adjustment id \"K1\""
    );
    assert_eq!(
        lines[2],
        "tests/fixtures/three-mistakes.toml:30:1: unknown key \"qouta\" in [[ratings]]. Did you mean \"quota\"?"
    );
    assert!(lines[3].starts_with("3 problem(s); nothing was scored."));
    // Without --lang the set's own title decides, though the set never
    // loaded: its problems are told in the language its results would be.
    let err = run(&["score", file, SMALL_CSV]).fails(3);
    assert!(
        err.contains(":30:1: unknown key \"qouta\" in [[ratings]]."),
        "{err}"
    );
    assert!(err.ends_with("3 problem(s); nothing was scored. Fix them and run again.\n"));
    let err = run(&["score", file, SMALL_CSV, "--lang", "vi"]).fails(3);
    assert!(
        err.contains(":30:1: khóa \"qouta\" không dùng được trong [[ratings]]."),
        "{err}"
    );
    assert!(err.ends_with("3 lỗi; chưa chấm điểm. Sửa các lỗi trên rồi chạy lại.\n"));
}

/// The contract's "done when": a bad value, an unallowed N/A and a duplicate id.
#[test]
fn a_data_file_with_three_problems_lists_all_three() {
    let data = edited_csv(
        THI_DUA,
        &[
            // line 3: a value that is not a number
            ("V02", "kham_pha_pct", "8x8"),
            // line 6: N/A where the criterion (C4) does not allow it
            ("V05", "hai_long_pct", "N/A"),
            // line 9: the id of line 2 again
            ("V08", "ma", "V01"),
        ],
    );
    let run = run_with(
        &["score", THI_DUA_SET, "-", "--lang", "en"],
        Some(data.as_bytes()),
    );
    let err = run.fails(3);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(
        lines[0].starts_with("<stdin>:3, column \"kham_pha_pct\": \"8x8\": is not a number"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("<stdin>:6, column \"hai_long_pct\": \"N/A\": \"not applicable\" is not accepted here: C4 does not allow N/A"),
        "{err}"
    );
    assert_eq!(
        lines[2],
        "<stdin>:9, column \"ma\": \"V01\": duplicate unit id (already on line 2)"
    );
    assert!(lines[3].starts_with("3 problem(s); nothing was scored."));
}

/// A blank line above a bad cell must not shift the line the message names
/// (the csv crate counts a record from before the blank lines it skips).
#[test]
fn a_bad_cell_below_a_blank_line_names_its_own_line() {
    for (ending, name) in [("\n", "LF"), ("\r\n", "CRLF")] {
        let data = [
            "ma,ten,a,b",
            "S1,Alpha,50,yes",
            "",
            "S2,Beta,x,yes",
            "",
            "",
            "S3,Gamma,y,no",
        ]
        .join(ending);
        let err = run_with(
            &["check", SMALL, "-", "--lang", "en"],
            Some(data.as_bytes()),
        )
        .fails(3);
        let located: Vec<&str> = err.lines().filter(|l| l.starts_with("<stdin>:")).collect();
        assert_eq!(located.len(), 2, "{name}: {err}");
        assert!(
            located[0].starts_with("<stdin>:4, column \"a\": \"x\""),
            "{name}: {err}"
        );
        assert!(
            located[1].starts_with("<stdin>:7, column \"a\": \"y\""),
            "{name}: {err}"
        );
    }
}

#[test]
fn rejected_data_never_yields_a_partial_report_in_any_format() {
    let data = "ma,ten,a,b\nS1,Alpha,50,yes\nS2,Beta,x,yes\n";
    for format in ["table", "json", "csv"] {
        run_with(&["score", SMALL, "-", "-f", format], Some(data.as_bytes())).fails(3);
    }
    run_with(&["explain", SMALL, "-", "S1"], Some(data.as_bytes())).fails(3);
}

#[test]
fn invalid_utf8_data_names_the_encoding_flag() {
    let data = b"ma,ten,a,b\nS1,H\xe0 N\xf4i,50,yes\n";
    let err = run_with(&["score", SMALL, "-"], Some(data)).fails(3);
    assert!(err.contains("--encoding windows-1258"), "{err}");
    assert!(err.starts_with("<stdin>:2: "), "{err}");
}

#[test]
fn a_criteria_syntax_error_is_exit_3_with_a_location() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.toml");
    std::fs::write(&file, "format = 1\n[set]\nid = \"x\"\ntitle = \"open\n").unwrap();
    let err = run(&["check", file.to_str().unwrap(), "--lang", "en"]).fails(3);
    let first = err.lines().next().unwrap();
    let location = format!("{}:4:", file.display());
    assert!(first.starts_with(&location), "{first}");
    assert!(first.contains("TOML syntax error"), "{first}");
}

/// A bonus of 1 per item on 79228162514264337593543950335 items (the
/// largest decimal) plus 1 point: a score no decimal holds. Every command
/// that scores refuses it (exit 3) in both languages, never ranking a
/// saturated number; one point less is the largest score there is.
#[test]
fn a_score_no_decimal_holds_is_rejected_not_ranked() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("huge.toml");
    std::fs::write(
        &set,
        "format = 1\n[set]\nid = \"huge\"\ntitle = \"Huge\"\n[columns]\nid = \"ma\"\nname = \"ten\"\n\
         [[criteria]]\nid = \"K1\"\ntitle = \"k\"\nindicator = \"a\"\npoints = 1\nrule = \"yes\"\n\
         [[adjustments]]\nid = \"T1\"\ntitle = \"t\"\nindicator = \"b\"\nkind = \"bonus\"\nper = 1\n\
         [[ratings]]\nid = \"R\"\ntitle = \"r\"\n",
    )
    .unwrap();
    let set = set.to_str().unwrap();
    let max = "79228162514264337593543950335";
    let over = format!("ma,ten,a,b\nU1,One,có,{max}\nU2,Two,có,1\n");
    for format in ["table", "csv", "json"] {
        for (lang, words) in [
            ("vi", "đơn vị \"U1\": tổng điểm quá lớn"),
            ("en", "unit \"U1\": the score is too large"),
        ] {
            let args = ["score", set, "-", "-f", format, "--lang", lang];
            let err = run_with(&args, Some(over.as_bytes())).fails(3);
            assert!(err.contains(words), "{format} {lang}: {err}");
        }
    }
    let explain = ["explain", set, "-", "U2", "--lang", "en"];
    let err = run_with(&explain, Some(over.as_bytes())).fails(3);
    assert!(err.contains("the score is too large"), "{err}");
    let at_edge = format!("ma,ten,a,b\nU1,One,không,{max}\n");
    let out = run_with(&["score", set, "-", "-f", "json"], Some(at_edge.as_bytes()));
    assert!(out.ok().contains(max), "{}", out.stdout);
}

/// A format a document does not have is said in the run's language: a
/// request the tool cannot do (exit 2), refused before any work is done
/// and before any file is made, naming the formats that do write it.
#[test]
fn a_format_a_document_lacks_is_refused_in_both_languages() {
    let args = ["explain", KIEU_MAU, CUA_LO, "NTHUY", "-f", "csv", "--lang"];
    let vi = run(&[&args[..], &["vi"]].concat()).fails(2);
    assert!(
        vi.contains("lỗi: định dạng csv không dùng được cho `explain`; hãy dùng table, json, md, html, xlsx, docx"),
        "{vi}"
    );
    let en = run(&[&args[..], &["en"]].concat()).fails(2);
    assert!(
        en.contains("error: the csv format is not available for `explain`"),
        "{en}"
    );
    let dir = tempfile::tempdir().unwrap();
    for (args, file) in [
        (vec!["explain", KIEU_MAU, CUA_LO, "NTHUY"], "phieu.csv"),
        (vec!["criteria", KIEU_MAU], "tieu-chi.csv"),
        (
            vec!["compare", KIEU_MAU, CUA_LO, "examples/cua-lo-2024.csv"],
            "so-sanh.docx",
        ),
        (
            vec!["sensitivity", KIEU_MAU, CUA_LO, "--runs", "5"],
            "on-dinh.docx",
        ),
    ] {
        let path = dir.path().join(file);
        let err =
            run(&[&args[..], &["-o", path.to_str().unwrap(), "--lang", "en"]].concat()).fails(2);
        assert!(
            err.contains("format is not available for"),
            "{args:?}: {err}"
        );
        assert!(!path.exists(), "{file}");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

// ---------------------------------------------------------------- pipes

/// A closed stdout (`| head`) is not an error: exit 0, no panic.
#[test]
fn a_closed_stdout_pipe_is_not_an_error() {
    // Enough units that the report cannot fit in a pipe buffer (64 KiB), so
    // the write fails whether or not the read end is already closed.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("many.csv");
    let mut text = String::from("ma,ten,a,b\n");
    for i in 0..3000 {
        text.push_str(&format!("U{i:04},Đơn vị số {i},{},yes\n", i % 101));
    }
    std::fs::write(&data, text).unwrap();
    for format in ["table", "csv", "json"] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("wardscore"))
            .current_dir(root())
            .args(["score", SMALL, data.to_str().unwrap(), "-f", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the read end without reading anything.
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{format}: {stderr}");
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert_eq!(stderr, "", "{format}");
    }
}

/// Standard output that cannot be written (a full disk) fails with exit 1,
/// told in the run's language whichever way the command writes it.
#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_stdout_is_told_in_the_runs_language() {
    for args in [vec!["schema"], vec!["criteria", KIEU_MAU]] {
        for (lang, said) in [
            (
                "vi",
                "lỗi: không ghi được ra đầu ra chuẩn: ổ đĩa đã đầy (lỗi hệ điều hành 28)\n",
            ),
            (
                "en",
                "error: cannot write to standard output: No space left on device (os error 28)\n",
            ),
        ] {
            let full = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .expect("/dev/full on Linux");
            let out = Command::new(assert_cmd::cargo::cargo_bin!("wardscore"))
                .current_dir(root())
                .env_remove("WARDSCORE_LANG")
                .args(&args)
                .args(["--lang", lang])
                .stdout(full)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?} {lang}: {stderr}");
            assert_eq!(stderr, said, "{args:?} {lang}");
        }
    }
}

/// A report profile that opens but cannot be read (a folder) is named in
/// the run's language.
#[test]
fn an_unreadable_profile_is_told_in_the_runs_language() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().display().to_string();
    let score = |lang| {
        run(&[
            "score",
            THI_DUA_SET,
            THI_DUA,
            "--profile",
            &folder,
            "--lang",
            lang,
        ])
        .fails(1)
    };
    let vi = score("vi");
    assert!(
        vi.starts_with(&format!("lỗi: không đọc được {folder}: ")),
        "{vi}"
    );
    let en = score("en");
    assert!(
        en.starts_with(&format!("error: cannot read {folder}: ")),
        "{en}"
    );
}

/// §2: "every error in the file is listed". A row with the wrong number of
/// fields stops the run before any cell is checked, so the other problems
/// only appear after that row is fixed.
#[test]
fn a_wrong_field_count_does_not_hide_the_other_problems() {
    // Line 2: "abc" is not a number; line 3: 5 fields for 4 columns;
    // line 4: the id S1 again, and "maybe" is not a yes/no value.
    let data = "ma,ten,a,b\nS1,Alpha,abc,yes\nS2,Beta,1,yes,extra\nS1,Gamma,2,maybe\n";
    let err = run_with(&["score", SMALL, "-"], Some(data.as_bytes())).fails(3);
    let located: Vec<&str> = err.lines().filter(|l| l.starts_with("<stdin>:")).collect();
    assert_eq!(located.len(), 4, "{err}");
    assert!(err.contains("<stdin>:2, column \"a\": \"abc\""), "{err}");
    assert!(err.contains("<stdin>:3: the row has 5 fields"), "{err}");
    assert!(
        err.contains("<stdin>:4, column \"ma\": \"S1\": duplicate unit id"),
        "{err}"
    );
    assert!(err.contains("<stdin>:4, column \"b\": \"maybe\""), "{err}");
}

/// An empty template (header only) is a mistake to point out, not an empty
/// ranking to print.
#[test]
fn a_file_with_no_units_is_rejected() {
    let err = run_with(
        &["score", SMALL, "-", "--lang", "en"],
        Some(b"ma,ten,a,b\n"),
    )
    .fails(3);
    assert!(err.contains("has no units"), "{err}");
}

/// Reports are for colleagues: not private to the one who made them.
#[cfg(unix)]
#[test]
fn written_files_are_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("ket-qua.csv");
    run(&["score", SMALL, SMALL_CSV, "-o", report.to_str().unwrap()]).ok();
    let mode = std::fs::metadata(&report).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}
