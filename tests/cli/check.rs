//! `wardscore check`: the set alone, and with a data file.

use crate::harness::*;

#[test]
fn check_every_shipped_set_alone() {
    // Counted in the TOML files: criteria, gates, adjustments, ratings, points.
    for (id, summary) in [
        (
            "thi-dua-cuoi-nam",
            "17 criteria, 2 gates, 8 adjustments, 1 downgrade(s), 2 exclusion(s), 4 ratings; 100 points in all",
        ),
        (
            "cong-an-phuong-kieu-mau",
            "27 criteria, 6 gates, 5 adjustments, 3 ratings; 100 points in all",
        ),
        (
            "an-toan-antt",
            "11 criteria, 7 gates, 0 adjustments, 2 ratings; 11 points in all",
        ),
    ] {
        let run = run(&["check", id, "--lang", "en"]);
        let out = run.ok();
        assert!(
            out.starts_with(&format!("✓ criteria/{id}.toml (built in): set \"{id}\"")),
            "{out}"
        );
        assert!(out.contains(summary), "{out}");
        // Only the year-end set scores units against their cluster.
        let relative = id == "thi-dua-cuoi-nam";
        assert_eq!(out.lines().count(), 1 + usize::from(relative), "{out}");
        assert_eq!(
            out.contains(
                "Relative set: a unit's points depend on the other units of its scope in B1 (target, within each cluster), B2 (target, within each cluster)"
            ),
            relative,
            "{out}"
        );
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
        "17 tiêu chí, 2 tiêu chí loại trừ, 8 khoản điểm thưởng/trừ, 1 điều kiện hạ bậc, 2 điều kiện chưa xét, 4 xếp loại; tổng 100 điểm"
    ));
}

#[test]
fn check_with_data_counts_units() {
    let run = run(&["check", THI_DUA_SET, THI_DUA]);
    let out = run.ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "no unused columns line: {out}");
    assert!(lines[1].starts_with("  Chấm tương đối: điểm của một đơn vị phụ thuộc số liệu của các đơn vị khác cùng phạm vi ở B1 (chỉ tiêu, trong từng cụm)"));
    assert_eq!(
        lines[2],
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

/// A criteria path that is a link leading nowhere is the file the user
/// named: it is read, and the reason it cannot be is told, not that no
/// shipped set has that name.
#[cfg(unix)]
#[test]
fn a_criteria_link_that_leads_nowhere_is_named_as_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let looped = dir.path().join("vong.toml");
    std::os::unix::fs::symlink(&looped, &looped).unwrap();
    let dangling = dir.path().join("mat.toml");
    std::os::unix::fs::symlink(dir.path().join("khong-co.toml"), &dangling).unwrap();
    let looped = looped.to_str().unwrap();
    let err = run(&["check", looped, "--lang", "vi"]).fails(1);
    assert!(err.contains("liên kết vòng"), "{err}");
    assert!(!err.contains("bộ tiêu chí có sẵn"), "{err}");
    let err = run(&["check", looped, "--lang", "en"]).fails(1);
    assert!(err.contains("cannot read"), "{err}");
    let err = run(&["check", dangling.to_str().unwrap(), "--lang", "en"]).fails(1);
    assert!(err.contains("cannot read"), "{err}");
    assert!(!err.contains("shipped set"), "{err}");
}
