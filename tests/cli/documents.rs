//! Documents an office can file: the report profile (flags over
//! `--profile` over the set's keys) and the Word report.

use crate::harness::*;

const PROFILE: &str = "examples/bao-cao-cua-lo.toml";

fn write_temp(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("written");
    let path = path.to_str().expect("UTF-8 path").to_string();
    (dir, path)
}

#[test]
fn the_profile_names_the_issuer_and_a_flag_wins_over_it() {
    let from_file = run(&[
        "score",
        THI_DUA_SET,
        THI_DUA,
        "-f",
        "md",
        "--profile",
        PROFILE,
    ]);
    assert!(
        from_file.ok().contains("CÔNG AN THỊ XÃ CỬA LÒ"),
        "{}",
        from_file.stdout
    );
    assert!(
        from_file.stdout.contains("năm 2023"),
        "{}",
        from_file.stdout
    );
    let flagged = run(&[
        "score",
        THI_DUA_SET,
        THI_DUA,
        "-f",
        "md",
        "--profile",
        PROFILE,
        "--issuer",
        "CÔNG AN PHƯỜNG NGHI THU",
        "--period",
        "6 tháng đầu năm 2023",
    ]);
    let out = flagged.ok();
    assert!(out.contains("CÔNG AN PHƯỜNG NGHI THU"), "{out}");
    assert!(out.contains("6 tháng đầu năm 2023"), "{out}");
    assert!(!out.contains("CÔNG AN THỊ XÃ CỬA LÒ"), "{out}");
}

#[test]
fn the_sets_own_issuer_is_used_when_nothing_else_gives_one() {
    let (_dir, set) = write_temp(
        "set.toml",
        &std::fs::read_to_string(root().join(SMALL))
            .expect("fixture")
            .replacen(
                "[set]\n",
                "[set]\nissuer = \"ĐƠN VỊ TRONG BỘ TIÊU CHÍ\"\n",
                1,
            ),
    );
    let out = run(&["score", &set, SMALL_CSV, "-f", "md"]);
    assert!(
        out.ok().contains("ĐƠN VỊ TRONG BỘ TIÊU CHÍ"),
        "{}",
        out.stdout
    );
    let over = run(&["score", &set, SMALL_CSV, "-f", "md", "--profile", PROFILE]);
    assert!(
        !over.ok().contains("ĐƠN VỊ TRONG BỘ TIÊU CHÍ"),
        "{}",
        over.stdout
    );
}

#[test]
fn a_bad_profile_is_rejected_with_every_problem_located() {
    let (_dir, path) = write_temp(
        "bao-cao.toml",
        "isuer = \"CÔNG AN\"\ndate = \"30/02/2023\"\nrecipients = \"Lưu: VT\"\n",
    );
    let err = run(&[
        "score",
        KIEU_MAU,
        CUA_LO,
        "--profile",
        &path,
        "--lang",
        "en",
    ])
    .fails(3);
    assert!(
        err.contains(":1:1: unknown key \"isuer\" in a report profile. Did you mean \"issuer\"?"),
        "{err}"
    );
    assert!(
        err.contains(":2:8: \"30/02/2023\": \"date\" is not a real date"),
        "{err}"
    );
    assert!(err.contains(":3:14:"), "{err}");
    assert!(err.contains("3 problem(s)"), "{err}");
    let vi = run(&[
        "score",
        KIEU_MAU,
        CUA_LO,
        "--profile",
        &path,
        "--lang",
        "vi",
    ])
    .fails(3);
    assert!(vi.contains("Có phải ý bạn là \"issuer\"?"), "{vi}");
}

#[test]
fn a_missing_profile_or_a_bad_date_flag_fails_plainly() {
    let err = run(&[
        "score",
        KIEU_MAU,
        CUA_LO,
        "--profile",
        "no-such.toml",
        "--lang",
        "en",
    ])
    .fails(1);
    assert!(
        err.contains("cannot open the report profile no-such.toml"),
        "{err}"
    );
    let err = run(&[
        "score",
        KIEU_MAU,
        CUA_LO,
        "--date",
        "2023-13-01",
        "--lang",
        "en",
    ])
    .fails(2);
    assert!(
        err.contains("--date \"2023-13-01\" is not a real date"),
        "{err}"
    );
}
