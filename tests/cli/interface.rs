//! Discovery: completions, the manual page, `init`, help with examples.

use crate::harness::*;

#[test]
fn completions_for_every_shell_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(&["completions", shell]).ok().to_string();
        for command in [
            "score",
            "explain",
            "compare",
            "sensitivity",
            "template",
            "init",
        ] {
            assert!(out.contains(command), "{shell}: {command}");
        }
    }
}

#[test]
fn the_manual_page_is_roff_with_every_command() {
    let out = run(&["man"]).ok().to_string();
    assert!(out.contains(".TH wardscore 1"), "{}", &out[..200]);
    for command in [
        "check",
        "score",
        "explain",
        "criteria",
        "compare",
        "sensitivity",
    ] {
        assert!(out.contains(command), "{command}");
    }
}

#[test]
fn every_command_help_has_a_worked_example() {
    for command in [
        "check",
        "score",
        "explain",
        "criteria",
        "template",
        "compare",
        "sensitivity",
        "init",
        "completions",
        "man",
    ] {
        let out = run(&[command, "--help"]).ok().to_string();
        assert!(out.contains("Example"), "{command} --help has no example");
        assert!(out.contains("wardscore "), "{command}");
    }
}

#[test]
fn init_writes_an_editable_copy_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("bo-tieu-chi.toml");
    let t = target.to_str().unwrap();
    run(&["init", "--from", "thi-dua-cuoi-nam", "-o", t]).ok();
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(
        text.starts_with('#'),
        "the copy keeps its explanatory comments"
    );
    let out = run(&["check", t]).ok().to_string();
    assert!(out.contains("✓"), "{out}");
    // Never overwrites: a second run is refused (exit 2, as every refusal
    // to replace a file) and leaves the file alone; --force replaces it.
    std::fs::write(&target, "mine").unwrap();
    let err = run(&["init", "--from", "thi-dua-cuoi-nam", "-o", t]).fails(2);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
    run(&["init", "--from", "thi-dua-cuoi-nam", "-o", t, "--force"]).ok();
    assert!(std::fs::read_to_string(&target).unwrap().starts_with('#'));
}

#[test]
fn init_from_an_unknown_set_suggests_the_closest() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("x.toml");
    let err = run(&[
        "init",
        "--from",
        "thi-dua-cuoi",
        "-o",
        target.to_str().unwrap(),
    ])
    .fails(2);
    assert!(err.contains("thi-dua-cuoi-nam"), "{err}");
    assert!(!target.exists());
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    // Tests run with stdout piped: auto means no colour.
    let plain = run(&["score", THI_DUA_SET, THI_DUA]).ok().to_string();
    assert!(!plain.contains('\u{1b}'), "no escapes in a pipe");
    let coloured = run(&["score", THI_DUA_SET, THI_DUA, "--color", "always"])
        .ok()
        .to_string();
    assert!(coloured.contains("\u{1b}["), "escapes with --color always");
    // The marks stay in the text either way.
    for out in [&plain, &coloured] {
        assert!(out.contains("✗ G1"));
        assert!(out.contains("↓ Hoàn thành xuất sắc nhiệm vụ"));
    }
}

#[test]
fn quiet_check_says_nothing_and_verbose_says_what_was_detected() {
    let quiet = run(&["-q", "check", KIEU_MAU, CUA_LO]);
    assert_eq!(quiet.ok(), "");
    let verbose = run(&[
        "-v", "--lang", "en", "score", KIEU_MAU, CUA_LO, "-f", "json",
    ]);
    verbose.ok();
    let err = &verbose.stderr;
    assert!(err.contains("encoding UTF-8"), "{err}");
    assert!(err.contains("delimiter \",\""), "{err}");
    assert!(err.contains("7 rows"), "{err}");
    assert!(err.contains("SHA-256"), "{err}");
    let semicolons = run(&[
        "-v",
        "--lang",
        "en",
        "check",
        KIEU_MAU,
        "tests/fixtures/forms/semicolon-decimal-comma.csv",
    ]);
    semicolons.ok();
    assert!(
        semicolons.stderr.contains("delimiter \";\""),
        "{}",
        semicolons.stderr
    );
    assert!(semicolons.stderr.contains("85,5"), "{}", semicolons.stderr);
    // A CSV ranking says how long each phase took.
    let timed = run(&["-v", "--lang", "en", "score", KIEU_MAU, CUA_LO, "-f", "csv"]);
    timed.ok();
    assert!(
        timed.stderr.contains("7 units read, scored and ranked in"),
        "{}",
        timed.stderr
    );
    assert!(
        timed.stderr.contains("report written in"),
        "{}",
        timed.stderr
    );
}

/// `-v` tells what was read in the run's language: in Vietnamese with its
/// own wording and a decimal comma in the timings, in English as before.
#[test]
fn verbose_details_are_told_in_the_runs_language() {
    let vi = run(&["-v", "--lang", "vi", "score", KIEU_MAU, CUA_LO, "-f", "csv"]);
    vi.ok();
    let lines: Vec<&str> = vi.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", vi.stderr);
    assert!(
        lines[0].starts_with(
            "criteria/cong-an-phuong-kieu-mau.toml (có sẵn): bộ tiêu chí \"cong-an-phuong-kieu-mau\", SHA-256 "
        ),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        "examples/cua-lo-2023.csv: tệp CSV; bảng mã UTF-8; dấu phân cách \",\"; số thập phân dùng dấu chấm (85.5), nhận ra ở dòng 2, cột \"tin_bao_dung_han_pct\"; 7 dòng, 41 cột"
    );
    let timing = lines[2];
    assert!(
        timing.starts_with("Đã đọc, chấm điểm và xếp hạng 7 đơn vị trong ")
            && timing.contains(" giây; ghi báo cáo trong ")
            && timing.ends_with(" giây"),
        "{timing}"
    );
    // The wording's comma and each duration's decimal comma; no point.
    assert_eq!(timing.matches(',').count(), 3, "{timing}");
    assert!(!timing.contains('.'), "{timing}");
    for english in [
        "built in",
        "set \"",
        "encoding",
        "delimiter",
        "decimals",
        "rows",
        " s;",
    ] {
        assert!(!vi.stderr.contains(english), "{english}: {}", vi.stderr);
    }
    let comma = run(&[
        "-v",
        "--lang",
        "vi",
        "check",
        KIEU_MAU,
        "tests/fixtures/forms/semicolon-decimal-comma.csv",
    ]);
    comma.ok();
    assert!(
        comma.stderr.contains(
            "; dấu phân cách \";\"; số thập phân dùng dấu phẩy (85,5), nhận ra ở dòng 2, cột \"tin_bao_dung_han_pct\"; 7 dòng, 42 cột"
        ),
        "{}",
        comma.stderr
    );

    let en = run(&["-v", "--lang", "en", "score", KIEU_MAU, CUA_LO, "-f", "csv"]);
    en.ok();
    let lines: Vec<&str> = en.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", en.stderr);
    assert!(
        lines[0].starts_with(
            "criteria/cong-an-phuong-kieu-mau.toml (built in): set \"cong-an-phuong-kieu-mau\", SHA-256 "
        ),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        "examples/cua-lo-2023.csv: CSV; encoding UTF-8; delimiter \",\"; decimals 85.5 (detected at line 2, column \"tin_bao_dung_han_pct\"); 7 rows, 41 columns"
    );
    assert!(
        lines[2].starts_with("7 units read, scored and ranked in ") && lines[2].ends_with(" s"),
        "{}",
        lines[2]
    );
    for vietnamese in ["có sẵn", "bộ tiêu chí", "bảng mã", "dòng", "giây"] {
        assert!(
            !en.stderr.contains(vietnamese),
            "{vietnamese}: {}",
            en.stderr
        );
    }
}

/// Without `--lang`, the details follow the criteria set's language, as
/// every other message does.
#[test]
fn verbose_details_follow_the_sets_language_when_none_is_asked() {
    let english_set = run(&["-v", "check", SMALL, SMALL_CSV]);
    english_set.ok();
    assert!(
        english_set.stderr.contains(": set \""),
        "{}",
        english_set.stderr
    );
    assert!(
        english_set.stderr.contains(" rows, "),
        "{}",
        english_set.stderr
    );
    let vietnamese_set = run(&["-v", "check", KIEU_MAU, CUA_LO]);
    vietnamese_set.ok();
    assert!(
        vietnamese_set.stderr.contains(": bộ tiêu chí \""),
        "{}",
        vietnamese_set.stderr
    );
    assert!(
        vietnamese_set.stderr.contains(" dòng, "),
        "{}",
        vietnamese_set.stderr
    );
}

/// Every user-facing sentence is a catalogue's message, written in both
/// languages in its arms (`(X::A, Lang::Vi) => "…"`, then `(X::A, Lang::En)
/// => "…"`). The compiler sees that a catalogue has both arms; this checks
/// that no pair leaves one language empty or merely copies the other.
#[test]
fn no_message_exists_in_one_language_only() {
    let mut checked = 0;
    let mut bad = Vec::new();
    for file in rust_files(&root().join("src")) {
        let source = std::fs::read_to_string(&file).unwrap();
        for marker in ["Lang::Vi) => "] {
            let mut rest = source.as_str();
            while let Some(at) = rest.find(marker) {
                rest = &rest[at + marker.len()..];
                let Some((vi, after)) = string_literal(rest) else {
                    continue;
                };
                // A catalogue's English arm follows its Vietnamese one.
                let after = match after.find("Lang::En) => ") {
                    Some(en) if marker == "Lang::Vi) => " => &after[en + "Lang::En) => ".len()..],
                    _ if marker == "Lang::Vi) => " => continue,
                    _ => after,
                };
                let after = after.trim_start().trim_start_matches(',').trim_start();
                let after = after.strip_prefix("en:").unwrap_or(after).trim_start();
                let Some((en, _)) = string_literal(after) else {
                    continue;
                };
                checked += 1;
                let has_words = |s: &str| s.chars().any(char::is_alphabetic);
                if vi.is_empty() != en.is_empty()
                    || (vi == en && has_words(&vi) && !vi.starts_with('('))
                {
                    bad.push(format!("{}: {vi:?} / {en:?}", file.display()));
                }
            }
        }
    }
    assert!(
        checked > 200,
        "only {checked} pairs found: the scan is broken"
    );
    assert!(bad.is_empty(), "one-language messages:\n{}", bad.join("\n"));
}

fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// A leading Rust string literal ("…" with escapes) and the text after it.
fn string_literal(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start();
    let s = [
        "&format!(",
        "Cow::Owned(format!(",
        "Owned(format!(",
        "format!(",
        "Cow::Borrowed(",
        "Borrowed(",
    ]
    .iter()
    .find_map(|p| s.strip_prefix(p))
    .unwrap_or(s)
    .trim_start();
    let body = s.strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => return Some((value, &body[i + 1..])),
            c => value.push(c),
        }
    }
    None
}

#[test]
fn init_confirms_what_it_wrote_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("bo-tieu-chi.toml");
    let t = target.to_str().unwrap();
    let out = run(&["init", "--from", "thi-dua-cuoi-nam", "-o", t])
        .ok()
        .to_string();
    assert!(out.starts_with(&format!("✓ {t}")), "{out}");
    std::fs::remove_file(&target).unwrap();
    assert_eq!(
        run(&["-q", "init", "--from", "thi-dua-cuoi-nam", "-o", t]).ok(),
        ""
    );
    assert!(target.exists());
}

#[test]
fn template_confirms_what_it_wrote_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("nhap-lieu.csv");
    let t = target.to_str().unwrap();
    let out = run(&["template", KIEU_MAU, "-o", t]).ok().to_string();
    assert!(out.starts_with(&format!("✓ {t}: tệp mẫu 41 cột")), "{out}");
    assert!(
        out.contains("wardscore check cong-an-phuong-kieu-mau"),
        "{out}"
    );
    std::fs::remove_file(&target).unwrap();
    assert_eq!(run(&["-q", "template", KIEU_MAU, "-o", t]).ok(), "");
    assert!(target.exists());
}

/// A set that is neither a file nor a shipped id is the same mistake in
/// every command, and gets the same exit code: wrong usage.
#[test]
fn an_unknown_set_is_exit_2_in_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.xlsx");
    let out = out.to_str().unwrap();
    let toml = dir.path().join("x.toml");
    let commands: [&[&str]; 6] = [
        &["check", "thi-dua-cuoi", THI_DUA],
        &["score", "thi-dua-cuoi", THI_DUA],
        &["explain", "thi-dua-cuoi", THI_DUA, "TH01"],
        &["criteria", "thi-dua-cuoi"],
        &["template", "thi-dua-cuoi", "-o", out],
        &[
            "init",
            "--from",
            "thi-dua-cuoi",
            "-o",
            toml.to_str().unwrap(),
        ],
    ];
    for args in commands {
        let err = run(args).fails(2);
        assert!(err.contains("thi-dua-cuoi-nam"), "{args:?}: {err}");
    }
}

/// Writing a report to a file says so on standard error, with the units it
/// holds; `-q` keeps it quiet and standard output stays empty either way.
#[test]
fn a_written_report_is_confirmed_on_standard_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ket-qua.xlsx");
    let target = path.to_str().unwrap();
    let written = run(&["score", KIEU_MAU, CUA_LO, "-o", target, "--lang", "en"]);
    assert_eq!(written.ok(), "");
    assert_eq!(written.stderr, format!("✓ wrote {target} (7 units)\n"));
    let vi = run(&["score", KIEU_MAU, CUA_LO, "-o", target]);
    assert_eq!(vi.ok(), "");
    assert_eq!(vi.stderr, format!("✓ đã ghi {target} (7 đơn vị)\n"));
    let quiet = run(&["-q", "score", KIEU_MAU, CUA_LO, "-o", target]);
    assert_eq!(quiet.ok(), "");
    assert_eq!(quiet.stderr, "");
}

const SHIPPED_IDS: [&str; 4] = [
    "cong-an-phuong-kieu-mau",
    "an-toan-antt",
    "thi-dua-cuoi-nam",
    "thi-dua-cuoi-nam-kieu-mau",
];

#[test]
fn help_names_the_shipped_sets_where_criteria_is_described() {
    for (command, lang) in [("score", "en"), ("check", "en"), ("explain", "vi")] {
        let out = run(&[command, "--help", "--lang", lang]).ok().to_string();
        let criteria = out
            .split_once(if lang == "vi" {
                "<BỘ_TIÊU_CHÍ>\n"
            } else {
                "<CRITERIA>\n"
            })
            .map(|(_, rest)| rest)
            .unwrap_or_else(|| panic!("{command}: no CRITERIA\n{out}"));
        let described: String = criteria
            .split("\n\n")
            .next()
            .unwrap()
            .split_whitespace()
            .collect();
        for id in SHIPPED_IDS {
            assert!(described.contains(id), "{command} {lang}: {id}\n{out}");
        }
    }
    let init = run(&["init", "--help"]).ok().to_string();
    assert!(init.contains("thi-dua-cuoi-nam-kieu-mau"), "{init}");
}

#[test]
fn completions_offer_the_shipped_sets_and_a_path_is_still_a_set() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["completions", shell]).ok().to_string();
        for id in SHIPPED_IDS {
            assert!(out.contains(id), "{shell}: {id}");
        }
    }
    // Offered is not required: a criteria file by its path still works.
    run(&["check", "criteria/thi-dua-cuoi-nam.toml"]).ok();
    run(&["check", SMALL]).ok();
}

#[test]
fn the_manual_page_refers_to_no_page_that_does_not_exist() {
    let out = run(&["man"]).ok().to_string();
    // Only its own title: there are no wardscore-COMMAND pages.
    let references: Vec<&str> = out.lines().filter(|l| l.contains("(1)")).collect();
    assert!(references.is_empty(), "{references:?}");
    assert!(!out.contains("wardscore\\-score"), "a per-command page");
    for command in ["CHECK", "SCORE", "EXPLAIN", "COLLECT", "INIT", "MAN"] {
        assert!(
            out.contains(&format!(".SH \"WARDSCORE {command}\"")),
            "{command}"
        );
    }
    assert!(out.contains(".SH \"EXIT STATUS\""));
    assert!(
        out.contains("thi\\-dua\\-cuoi\\-nam\\-kieu\\-mau"),
        "the set ids"
    );
}

#[test]
fn help_is_in_vietnamese_with_lang_vi_or_the_environment() {
    let flag = run(&["score", "--help", "--lang", "vi"]).ok().to_string();
    let mut cmd = wardscore();
    cmd.args(["score", "--help"]).env("WARDSCORE_LANG", "vi-VN");
    let env = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
    assert_eq!(flag, env);
    assert!(
        flag.contains("Cách dùng: wardscore score [TÙY_CHỌN] <BỘ_TIÊU_CHÍ> [SỐ_LIỆU]"),
        "{flag}"
    );
    assert!(
        flag.contains("Chấm điểm, xếp loại và xếp hạng mọi đơn vị."),
        "{flag}"
    );
    assert!(flag.contains("Ví dụ:\n  wardscore score"), "{flag}");
    for english in [
        "Usage:",
        "Options:",
        "Print help",
        "Criteria file",
        "[possible values",
    ] {
        assert!(!flag.contains(english), "{english}\n{flag}");
    }
    let top = run(&["--help", "--lang", "vi"]).ok().to_string();
    assert!(top.contains("Lệnh:\n  check"), "{top}");
    assert!(top.contains("Mã thoát:"), "{top}");
    // English stays the default for help.
    assert!(
        run(&["score", "--help"])
            .ok()
            .contains("Usage: wardscore score [OPTIONS]")
    );
}

#[test]
fn usage_errors_are_in_vietnamese_and_still_exit_2() {
    let cases: [(&[&str], &str); 4] = [
        (&["scor", "--lang", "vi"], "lỗi: không có lệnh 'scor'"),
        (
            &["score", "--lang", "vi", KIEU_MAU],
            "lỗi: thiếu tham số bắt buộc:\n  <SỐ_LIỆU>",
        ),
        (
            &[
                "score",
                KIEU_MAU,
                CUA_LO,
                "--lang=vi",
                "--color",
                "sometimes",
            ],
            "lỗi: giá trị 'sometimes' không hợp lệ cho '--color <MÀU>' (giá trị được phép: auto, always, never)",
        ),
        (
            &["score", KIEU_MAU, CUA_LO, "--lang", "vi", "--frob"],
            "lỗi: không có tùy chọn '--frob'",
        ),
    ];
    for (args, start) in cases {
        let err = run(args).fails(2);
        assert!(err.starts_with(start), "{args:?}: {err}");
        assert!(
            err.ends_with("Xem hướng dẫn: thêm --help vào lệnh.\n"),
            "{err}"
        );
        assert!(!err.contains("error:") && !err.contains("Usage:"), "{err}");
    }
    let mut cmd = wardscore();
    cmd.args(["check", KIEU_MAU, CUA_LO, "--delimiter", "x"])
        .env("WARDSCORE_LANG", "vi_VN");
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("lỗi: giá trị 'x' không hợp lệ cho '--delimiter <DẤU>': dùng một trong các dấu: , ; tab |"),
        "{err}"
    );
    // English when English is asked for, or nothing is.
    let err = run(&["scor"]).fails(2);
    assert!(
        err.starts_with("error: unrecognized subcommand 'scor'"),
        "{err}"
    );
}

#[test]
fn operating_system_errors_are_in_the_language_of_the_run() {
    let err = run(&["score", KIEU_MAU, "khong-co.csv"]).fails(1);
    assert!(
        err.contains("khong-co.csv: không tìm thấy tệp hoặc thư mục (lỗi hệ điều hành 2)"),
        "{err}"
    );
    assert!(!err.contains("No such file"), "{err}");
    let err = run(&["score", KIEU_MAU, "khong-co.csv", "--lang", "en"]).fails(1);
    assert!(
        err.contains("No such file or directory (os error 2)"),
        "{err}"
    );
    // Writing where there is no folder: the same words.
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("khong-co-thu-muc").join("ket-qua.csv");
    let err = run(&["score", KIEU_MAU, CUA_LO, "-o", nowhere.to_str().unwrap()]).fails(1);
    assert!(err.contains("không tìm thấy tệp hoặc thư mục"), "{err}");
}

#[test]
fn a_regional_language_tag_is_accepted_from_the_environment() {
    let mut cmd = wardscore();
    cmd.args(["check", KIEU_MAU, CUA_LO])
        .env("WARDSCORE_LANG", "en-US");
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout).unwrap().contains("units"));
}

#[test]
fn an_empty_language_in_the_environment_counts_as_none() {
    // `WARDSCORE_LANG=` (set, empty) is how a shell script clears it: the
    // run goes on in the set's language, as with no variable at all.
    for command in [&["check", KIEU_MAU, CUA_LO][..], &["score", "--help"][..]] {
        let mut cmd = wardscore();
        cmd.args(command).env("WARDSCORE_LANG", "");
        let out = cmd.output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{command:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut cmd = wardscore();
    cmd.args(["check", KIEU_MAU, CUA_LO])
        .env("WARDSCORE_LANG", " ");
    let out = cmd.output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("đơn vị"));
    // A value that names no language is still refused.
    let mut cmd = wardscore();
    cmd.args(["check", KIEU_MAU, CUA_LO])
        .env("WARDSCORE_LANG", "fr");
    assert_eq!(cmd.output().unwrap().status.code(), Some(2));
}

/// A number option given what is not one says so in the run's language,
/// with the range it takes (clap's own wording is English only).
#[test]
fn number_options_say_what_they_take_in_each_language() {
    for (args, vi, en) in [
        (
            vec!["-j", "0", "score", KIEU_MAU, CUA_LO],
            "cần một số nguyên từ 1 đến 65535",
            "expected a whole number from 1 to 65535",
        ),
        (
            vec!["sensitivity", KIEU_MAU, CUA_LO, "--seed", "x"],
            "cần một số nguyên không âm",
            "expected a whole number, 0 or more",
        ),
    ] {
        let err = run(&[&["--lang", "vi"][..], &args].concat()).fails(2);
        assert!(err.contains(vi), "{err}");
        assert!(
            !err.contains("invalid digit") && !err.contains("is not in"),
            "{err}"
        );
        let err = run(&[&["--lang", "en"][..], &args].concat()).fails(2);
        assert!(err.contains(en), "{err}");
    }
}
