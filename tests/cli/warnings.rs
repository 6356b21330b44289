//! Warnings: allowed but probably a mistake. Printed on stderr with exit 0;
//! `--strict` makes them errors (exit 3).

use crate::harness::*;

fn score(data: &str, extra: &[&str]) -> Run {
    let mut args = vec!["score", THI_DUA_SET, "-", "--lang", "en", "-f", "json"];
    args.extend_from_slice(extra);
    run_with(&args, Some(data.as_bytes()))
}

#[test]
fn near_duplicate_cluster_names_are_warned_about_and_strict_refuses_them() {
    // V02 and V03 are in "Cụm 1" like V01.
    let data = edited_csv(THI_DUA, &[("V02", "cum", "Cụm1"), ("V03", "cum", "cụm 1")]);
    let run = score(&data, &[]);
    run.ok();
    let err = &run.stderr;
    assert!(
        err.contains(
            "warning: <stdin>:3, column \"cum\": \"Cụm1\": this cluster name is nearly \"Cụm 1\""
        ),
        "{err}"
    );
    assert!(
        err.contains("<stdin>:4, column \"cum\": \"cụm 1\""),
        "{err}"
    );
    assert!(err.contains("2 warning(s); the command went on"), "{err}");
    let err = score(&data, &["--strict"]).fails(3);
    assert!(
        err.contains("\"Cụm1\": this cluster name is nearly"),
        "{err}"
    );
    assert!(err.contains("2 problem(s); nothing was scored"), "{err}");
}

#[test]
fn a_cluster_of_one_unit_is_warned_about() {
    let data = edited_csv(THI_DUA, &[("V05", "cum", "Cụm 9")]);
    let run = score(&data, &[]);
    run.ok();
    assert!(
        run.stderr
            .contains("\"Cụm 9\": this cluster has a single unit"),
        "{}",
        run.stderr
    );
}

#[test]
fn duplicate_names_and_extra_spaces_are_warned_about_and_spaces_made_one() {
    let data = edited_csv(
        THI_DUA,
        &[("V02", "ten", "Bến Thủy"), ("V03", "ten", "Hưng  Bình")],
    );
    let run = score(&data, &[]);
    let out = run.ok();
    let err = &run.stderr;
    assert!(
        err.contains("<stdin>:3, column \"ten\": \"Bến Thủy\": the same unit name as on line 2"),
        "{err}"
    );
    assert!(
        err.contains("<stdin>:4, column \"ten\": \"Hưng  Bình\": the name has extra spaces"),
        "{err}"
    );
    assert!(out.contains("\"name\": \"Hưng Bình\""), "{out}");
    assert!(!out.contains("Hưng  Bình"), "{out}");
}

/// `V04` and `v04` are two units only by letter case: warned about (and
/// refused under --strict), where the same spelling is an error.
#[test]
fn an_id_in_another_letter_case_is_warned_about() {
    let data = edited_csv(THI_DUA, &[("V02", "ma", "v01")]);
    let run = score(&data, &[]);
    run.ok();
    assert!(
        run.stderr.contains("<stdin>:3, column \"ma\": \"v01\": the unit id differs from the one on line 2 only in letter case"),
        "{}",
        run.stderr
    );
    let strict = score(&data, &["--strict"]).fails(3);
    assert!(strict.contains("only in letter case"), "{strict}");
    // The other spelling repeated is a repeat of its own first line.
    let data = edited_csv(THI_DUA, &[("V02", "ma", "v01"), ("V03", "ma", "v01")]);
    let err = score(&data, &[]).fails(3);
    assert!(
        err.contains("<stdin>:4, column \"ma\": \"v01\": duplicate unit id (already on line 3)"),
        "{err}"
    );
}

#[test]
fn a_sheet_given_for_a_csv_is_warned_about() {
    let run = run(&[
        "check",
        THI_DUA_SET,
        THI_DUA,
        "--sheet",
        "Data",
        "--lang",
        "vi",
    ]);
    run.ok();
    assert!(
        run.stderr.contains("cảnh báo: examples/thi-dua-2023.csv: --sheet \"Data\" không dùng được cho tệp này: tệp CSV không có trang tính"),
        "{}",
        run.stderr
    );
    // Under --strict the same words refuse it: they say nothing of going on.
    let strict = run_with(
        &[
            "check",
            THI_DUA_SET,
            THI_DUA,
            "--sheet",
            "Data",
            "--strict",
            "--lang",
            "en",
        ],
        None,
    )
    .fails(3);
    assert!(
        strict.contains("--sheet \"Data\" does not apply here"),
        "{strict}"
    );
}

#[test]
fn clean_examples_draw_no_warning() {
    for (set, data) in [
        (THI_DUA_SET, THI_DUA),
        (KIEU_MAU, CUA_LO),
        ("an-toan-antt", "examples/an-toan-2023.csv"),
    ] {
        let run = run(&["check", set, data, "--strict"]);
        run.ok();
        assert_eq!(run.stderr, "", "{data}");
    }
}

/// A CSV saved on an English Windows ("CSV (Comma delimited)", code page
/// 1252) holds "?" where Vietnamese letters were: the names are lost, and
/// the file is to be saved again, not scored on garbled names in silence.
#[test]
fn a_name_holding_a_question_mark_is_warned_about_as_letters_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ansi.csv");
    std::fs::write(
        &path,
        "ma,ten,a,b\nS1,Nghi H?i,50,yes\nS2,Nghi Thu,60,yes\n",
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let out = run(&["score", SMALL, path, "--lang", "en"]);
    out.ok();
    let err = &out.stderr;
    assert!(
        err.contains("ansi.csv:2, column \"ten\": \"Nghi H?i\": the name holds \"?\""),
        "{err}"
    );
    assert!(!err.contains(":3,"), "Nghi Thu is fine: {err}");
    let err = run(&["score", SMALL, path, "--strict", "--lang", "vi"]).fails(3);
    assert!(err.contains("tên có dấu \"?\""), "{err}");
}
