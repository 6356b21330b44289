//! `wardscore check`: the set alone, and with a data file.

use crate::harness::*;

#[test]
fn check_every_shipped_set_alone() {
    // Counted in the TOML files: criteria, gates, adjustments, ratings, points.
    for (id, summary) in [
        (
            "thi-dua-cuoi-nam",
            "16 criteria, 2 gates, 6 adjustments, 4 ratings; 100 points in all",
        ),
        (
            "cong-an-phuong-kieu-mau",
            "27 criteria, 6 gates, 5 adjustments, 3 ratings; 100 points in all",
        ),
        (
            "an-toan-antt",
            "7 criteria, 0 gates, 0 adjustments, 2 ratings; 7 points in all",
        ),
    ] {
        let run = run(&["check", id, "--lang", "en"]);
        let out = run.ok();
        assert!(
            out.starts_with(&format!("✓ criteria/{id}.toml (built in): set \"{id}\"")),
            "{out}"
        );
        assert!(out.contains(summary), "{out}");
        assert_eq!(out.lines().count(), 1);
    }
}

#[test]
fn check_by_path_names_the_file() {
    let run = run(&["check", "criteria/thi-dua-cuoi-nam.toml"]);
    let out = run.ok();
    assert!(
        out.starts_with("✓ criteria/thi-dua-cuoi-nam.toml: bộ \"thi-dua-cuoi-nam\""),
        "{out}"
    );
    assert!(out.contains(
        "16 tiêu chí, 2 tiêu chí loại trừ, 6 khoản điểm thưởng/trừ, 4 xếp loại; tổng 100 điểm"
    ));
}

#[test]
fn check_with_data_counts_units() {
    let run = run(&["check", THI_DUA_SET, THI_DUA]);
    let out = run.ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "no unused columns line: {out}");
    assert_eq!(
        lines[1],
        "✓ examples/thi-dua-2023.csv: 30 đơn vị, số liệu hợp lệ"
    );
    let run = crate::harness::run(&["check", KIEU_MAU, CUA_LO, "--lang", "en"]);
    assert!(
        run.ok()
            .contains("✓ examples/cua-lo-2023.csv: 7 units, all values valid")
    );
}

#[test]
fn check_lists_unused_columns() {
    // small.csv has a "ghi_chu" column no criterion reads.
    let run = run(&["check", SMALL, SMALL_CSV]);
    let out = run.ok();
    assert!(
        out.contains("✓ tests/fixtures/small.csv: 3 units, all values valid"),
        "{out}"
    );
    assert!(out.ends_with("Unused columns: ghi_chu\n"), "{out}");
    // Several, in header order, and in Vietnamese.
    let data = "nam,ma,ten,a,b,ghi_chu\n2023,S1,Alpha,50,yes,x\n";
    let run = run_with(
        &["check", SMALL, "-", "--lang", "vi"],
        Some(data.as_bytes()),
    );
    assert!(
        run.ok().ends_with("Cột không dùng đến: nam, ghi_chu\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("✓ <stdin>: 1 đơn vị"));
}

#[test]
fn check_rejects_bad_data_with_exit_3() {
    let data = "ma,ten,a,b\nS1,Alpha,abc,yes\n";
    let run = run_with(&["check", SMALL, "-"], Some(data.as_bytes()));
    let err = run.fails(3);
    assert!(
        err.contains("<stdin>:2, column \"a\": \"abc\": is not a number"),
        "{err}"
    );
}
