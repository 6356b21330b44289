//! Snapshots of whole reports (insta, files under tests/cli/snapshots/).
//!
//! Every snapshot was read and its numbers checked against hand computation
//! and examples/README.md before it was kept; see the comments per test.
//! Commands run from the package root with relative paths, so no snapshot
//! holds an absolute path (asserted below) or a timestamp.

use crate::harness::*;

fn stdout(args: &[&str]) -> String {
    let out = run(args).ok().to_string();
    assert!(
        !out.contains(root().to_str().unwrap()),
        "a report must not hold an absolute path"
    );
    out
}

/// cua-lo with cong-an-phuong-kieu-mau: 7 wards; NTHU 103.42 and NHOA 96.08
/// KIEU_MAU; TTHUY 94.26 fails G4 → CHUA_DAT; NTHUY 92.73 (B3 N/A, rescaled
/// from 89.95 of 97); NHUONG 84.8 CO_BAN_DAT; NHAI 71.81, NTAN 49.43 CHUA_DAT.
#[test]
fn score_table_cua_lo() {
    insta::assert_snapshot!(stdout(&["score", KIEU_MAU, CUA_LO]));
}

#[test]
fn score_table_cua_lo_en() {
    insta::assert_snapshot!(stdout(&["score", KIEU_MAU, CUA_LO, "--lang", "en"]));
}

#[test]
fn score_json_cua_lo() {
    insta::assert_snapshot!(stdout(&["score", KIEU_MAU, CUA_LO, "-f", "json"]));
}

/// thi-dua with thi-dua-cuoi-nam: 30 units in 3 clusters; 25 are HTT or
/// better before quotas → 5 HTXS places; V07, CL05, V11, HM03 take four;
/// Đông Vĩnh and Hồng Sơn tie at 93.3 (rank 6) and both fall to HTT, as do
/// Nghi Hòa (92.92) and Hòa Hiếu (90); Cửa Nam 89.99 HTT; Trường Thi 99.26
/// and Thu Thủy 80.59 fail a gate → HT; Quang Tiến 32.25 KHT.
#[test]
fn score_table_thi_dua() {
    insta::assert_snapshot!(stdout(&["score", THI_DUA_SET, THI_DUA]));
}

#[test]
fn score_json_thi_dua() {
    insta::assert_snapshot!(stdout(&["score", THI_DUA_SET, THI_DUA, "-f", "json"]));
}

/// Nghi Thủy: every criterion's points by hand (see score.rs and explain.rs).
#[test]
fn explain_table_nghi_thuy() {
    insta::assert_snapshot!(stdout(&["explain", KIEU_MAU, CUA_LO, "NTHUY"]));
}

/// Hồng Sơn in English: 93.3, lowered from HTXS by the quota.
#[test]
fn explain_table_hong_son_en() {
    insta::assert_snapshot!(stdout(&[
        "explain",
        THI_DUA_SET,
        THI_DUA,
        "V06",
        "--lang",
        "en"
    ]));
}

#[test]
fn criteria_table_thi_dua() {
    insta::assert_snapshot!(stdout(&["criteria", THI_DUA_SET]));
}
