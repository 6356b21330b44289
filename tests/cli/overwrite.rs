//! A user's data is never destroyed: what `-o`, `template` and `init` may
//! replace, names that promise a format wardscore does not write, and what
//! a stopped run leaves behind.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::harness::*;

const THI_DUA_2024: &str = "examples/thi-dua-2024.csv";

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

// ------------------------------------------------ what may be replaced

#[test]
fn template_never_replaces_a_filled_data_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    // The shipped example, filled: a template at its name is refused.
    let data = dir.path().join("nhap-lieu.csv");
    std::fs::copy(root().join(CUA_LO), &data).unwrap();
    let before = std::fs::read(&data).unwrap();
    let err = run(&["template", KIEU_MAU, "-o", s(&data)]).fails(2);
    assert!(
        err.contains("--force") && err.contains("nhap-lieu.csv"),
        "{err}"
    );
    assert_eq!(std::fs::read(&data).unwrap(), before);
    // A workbook made from a template is data too, filled or not.
    let book = dir.path().join("nhap-lieu.xlsx");
    run(&["template", THI_DUA_SET, "-o", s(&book)]).ok();
    let filled = std::fs::read(&book).unwrap();
    run(&["template", THI_DUA_SET, "-o", s(&book), "--lang", "en"]).fails(2);
    assert_eq!(std::fs::read(&book).unwrap(), filled);
    // --force says the user means it.
    run(&["template", THI_DUA_SET, "-o", s(&data), "--force"]).ok();
    let header = std::fs::read_to_string(&data).unwrap();
    assert!(header.lines().count() == 1, "{header}");
    assert_eq!(names(dir.path()), ["nhap-lieu.csv", "nhap-lieu.xlsx"]);
}

#[test]
fn o_never_replaces_a_file_wardscore_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("mau.xlsx");
    run(&["template", SMALL, "-o", s(&template)]).ok();
    let mine: [(&str, Vec<u8>); 6] = [
        (
            "ket-qua.csv",
            std::fs::read(root().join(SMALL_CSV)).unwrap(),
        ),
        ("ket-qua.xlsx", std::fs::read(&template).unwrap()),
        (
            "ket-qua.json",
            br#"{"schema_version": 1, "note": "mine"}"#.to_vec(),
        ),
        (
            "ket-qua.md",
            b"# Ghi ch\xc3\xba\n\n---\n\n- mine\n".to_vec(),
        ),
        (
            "ket-qua.html",
            b"<!DOCTYPE html><meta name=\"generator\" content=\"Word\">".to_vec(),
        ),
        ("ket-qua.txt", "Ghi chú họp giao ban\n".as_bytes().to_vec()),
    ];
    for (name, content) in &mine {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let err = run(&["score", SMALL, SMALL_CSV, "-o", s(&path)]).fails(2);
        assert!(
            err.contains("--force") && err.contains(name),
            "{name}: {err}"
        );
        assert_eq!(&std::fs::read(&path).unwrap(), content, "{name}");
        // With --force it is replaced by the report.
        run(&["score", SMALL, SMALL_CSV, "-o", s(&path), "--force"]).ok();
        assert_ne!(&std::fs::read(&path).unwrap(), content, "{name}");
    }
    let err = run(&[
        "score",
        SMALL,
        SMALL_CSV,
        "-o",
        s(&template),
        "--lang",
        "en",
    ])
    .fails(2);
    assert!(err.contains("not a report wardscore wrote"), "{err}");
}

#[test]
fn rerunning_a_command_refreshes_its_report() {
    let commands: [&[&str]; 9] = [
        &["score", SMALL, SMALL_CSV],
        &["score", THI_DUA_SET, THI_DUA, "--lang", "en"],
        &["explain", THI_DUA_SET, THI_DUA, "V04"],
        &["criteria", THI_DUA_SET],
        &["compare", THI_DUA_SET, THI_DUA, THI_DUA_2024],
        &[
            "compare",
            THI_DUA_SET,
            THI_DUA,
            THI_DUA_2024,
            "--lang",
            "en",
        ],
        &[
            "compare",
            THI_DUA_SET,
            THI_DUA,
            THI_DUA_2024,
            "--unit",
            "V04",
        ],
        &["sensitivity", THI_DUA_SET, THI_DUA, "--runs", "3"],
        &[
            "sensitivity",
            THI_DUA_SET,
            THI_DUA,
            "--runs",
            "3",
            "--lang",
            "en",
        ],
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut refreshed = 0;
    for (i, command) in commands.iter().enumerate() {
        for ext in ["csv", "txt", "md", "json", "html", "xlsx"] {
            let path = dir.path().join(format!("bao-cao-{i}.{ext}"));
            let mut args = command.to_vec();
            args.extend(["-o", s(&path)]);
            // Some documents have no CSV form: nothing is written then.
            if run(&args).code != 0 {
                assert!(!path.exists(), "{args:?}");
                continue;
            }
            let first = std::fs::read(&path).unwrap();
            run(&args).ok();
            // Written again, the same (a workbook holds its creation time).
            let again = std::fs::read(&path).unwrap();
            assert!(ext == "xlsx" || again == first, "{args:?}");
            refreshed += 1;
        }
    }
    // Every document in every format it has (explain and criteria have no
    // CSV form).
    assert_eq!(refreshed, 9 * 6 - 2);
    // A report of another document, in the same format, is a report too.
    let from = dir.path().join("bao-cao-0.csv");
    run(&[
        "sensitivity",
        SMALL,
        SMALL_CSV,
        "--runs",
        "2",
        "-o",
        s(&from),
    ])
    .ok();
}

#[cfg(unix)]
#[test]
fn an_input_is_never_replaced_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("so-lieu.csv");
    // Named .csv so that `template` may be asked to write over it.
    let criteria = dir.path().join("bo-tieu-chi.csv");
    std::fs::copy(root().join(SMALL_CSV), &data).unwrap();
    std::fs::copy(root().join(SMALL), &criteria).unwrap();
    let link = dir.path().join("lien-ket.csv");
    std::os::unix::fs::symlink(&data, &link).unwrap();
    let (d, c) = (s(&data), s(&criteria));
    let refused: [&[&str]; 5] = [
        &["score", c, d, "-f", "csv", "-o", d, "--force"],
        &["score", c, d, "-f", "csv", "-o", s(&link), "--force"],
        &["criteria", c, "-f", "csv", "-o", c, "--force"],
        &["template", c, "-o", c, "--force"],
        &["compare", c, SMALL_CSV, d, "-f", "csv", "-o", d, "--force"],
    ];
    let (data_before, criteria_before) = (
        std::fs::read(&data).unwrap(),
        std::fs::read(&criteria).unwrap(),
    );
    for args in refused {
        let err = run(args).fails(2);
        assert!(
            err.contains("input") || err.contains("đầu vào"),
            "{args:?}: {err}"
        );
    }
    // The file behind standard input: `score SET - -o in.csv < in.csv`.
    let out = process()
        .args(["score", c, "-", "-o", d, "--force"])
        .stdin(std::fs::File::open(&data).unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("(-)"), "{err}");
    assert_eq!(std::fs::read(&data).unwrap(), data_before);
    assert_eq!(std::fs::read(&criteria).unwrap(), criteria_before);
}

// ------------------------------------------------ names and formats

#[test]
fn names_that_promise_another_format_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str], &[&str]); 6] = [
        ("ket-qua.pdf", &[], &[".html", "PDF"]),
        ("ket-qua.PDF", &["-f", "html"], &[".html", "PDF"]),
        ("ket-qua.xls", &[], &[".xlsx"]),
        ("ket-qua", &[], &[".csv", "-f"]),
        ("ket-qua.dat", &[], &[".dat", "-f"]),
        ("ket-qua.xlsx", &["-f", "html"], &["-f html", ".xlsx"]),
    ];
    for (name, extra, says) in cases {
        let path = dir.path().join(name);
        let mut args = vec!["score", SMALL, SMALL_CSV, "-o", s(&path)];
        args.extend(extra);
        let err = run(&args).fails(2);
        for said in says {
            assert!(err.contains(said), "{name}: {err}");
        }
        assert!(!path.exists(), "{name}");
    }
    // English too.
    let pdf = dir.path().join("report.pdf");
    let err = run(&["score", KIEU_MAU, CUA_LO, "-o", s(&pdf), "--lang", "en"]).fails(2);
    assert!(err.contains("write .docx and save it as PDF"), "{err}");
    assert!(err.contains("print it to PDF"), "{err}");
    // Standard output and a target that is no file keep working.
    let json = run(&["score", SMALL, SMALL_CSV, "-f", "json"])
        .ok()
        .to_string();
    assert_eq!(
        run(&["score", SMALL, SMALL_CSV, "-f", "json", "-o", "-"]).ok(),
        json
    );
    assert_eq!(
        run(&["score", SMALL, SMALL_CSV, "-o", "/dev/null"]).ok(),
        ""
    );
    // A name without an extension takes the format -f names.
    let named = dir.path().join("ket-qua");
    run(&["score", SMALL, SMALL_CSV, "-f", "json", "-o", s(&named)]).ok();
    assert_eq!(std::fs::read_to_string(&named).unwrap(), json);
    assert_eq!(names(dir.path()), ["ket-qua"]);
}

// ------------------------------------------------ stopped runs, modes

/// The binary as a plain process, set up as [`wardscore`] sets it up.
fn process() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_wardscore"));
    cmd.current_dir(root())
        .env_remove("WARDSCORE_LANG")
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH);
    cmd
}

/// Waits for `done`, at most `limit`.
fn wait_for(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    done()
}

#[cfg(unix)]
#[test]
fn a_stopped_run_leaves_no_partial_file_and_the_old_report_intact() {
    for (signal, code) in [("TERM", 143), ("INT", 130)] {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("ket-qua.csv");
        run(&["score", SMALL, SMALL_CSV, "-o", s(&report)]).ok();
        let before = std::fs::read(&report).unwrap();
        // Data from a named pipe nobody writes to: the run opens its
        // output, then waits for its data until it is stopped.
        let pipe = dir.path().join("so-lieu.csv");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        assert!(made.unwrap().success(), "mkfifo");
        let mut child = process()
            .args(["score", SMALL, s(&pipe), "-o", s(&report)])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = wait_for(Duration::from_secs(20), || names(dir.path()).len() == 3);
        if !started {
            let _ = child.kill();
            panic!(
                "no temporary file beside the report: {:?}",
                names(dir.path())
            );
        }
        let sent = std::process::Command::new("kill")
            .args(["-s", signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let mut status = None;
        wait_for(Duration::from_secs(20), || {
            status = child.try_wait().unwrap();
            status.is_some()
        });
        let Some(status) = status else {
            let _ = child.kill();
            panic!("SIG{signal} did not stop the run");
        };
        assert_eq!(
            names(dir.path()),
            ["ket-qua.csv", "so-lieu.csv"],
            "SIG{signal}"
        );
        assert_eq!(status.code(), Some(code), "SIG{signal}");
        assert_eq!(std::fs::read(&report).unwrap(), before, "SIG{signal}");
    }
}

/// `args` run under `umask`.
#[cfg(unix)]
fn with_umask(umask: &str, args: &[&str]) {
    let status = std::process::Command::new("sh")
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_wardscore"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{args:?}");
}

#[cfg(unix)]
#[test]
fn new_files_follow_the_umask_and_replaced_ones_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &PathBuf| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("ket-qua.csv");
    with_umask("027", &["score", SMALL, SMALL_CSV, "-o", s(&report)]);
    assert_eq!(mode(&report), 0o640);
    let template = dir.path().join("mau.csv");
    with_umask("077", &["template", SMALL, "-o", s(&template)]);
    assert_eq!(mode(&template), 0o600);
    // A report someone made private stays private when refreshed.
    std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o600)).unwrap();
    with_umask("022", &["score", SMALL, SMALL_CSV, "-o", s(&report)]);
    assert_eq!(mode(&report), 0o600);
}
