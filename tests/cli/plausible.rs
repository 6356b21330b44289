//! Plausibility: values that parse but cannot be right (a percentage of
//! 120, fractions typed for percentages, negative counts, values outside a
//! declared `range`) are refused, and the template checks the same ranges.

use std::io::Read;

use crate::harness::*;

/// The example with every unit's `column` edited by `f`.
fn every_unit(column: &str, f: impl Fn(&str) -> String) -> String {
    let text = std::fs::read_to_string(root().join(THI_DUA)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let i = header.iter().position(|h| *h == column).unwrap();
    let mut out = format!("{}\n", header.join(","));
    for line in lines {
        let mut cells: Vec<String> = line.split(',').map(String::from).collect();
        cells[i] = f(&cells[i]);
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

fn score_en(set: &str, data: &str) -> Run {
    run_with(&["score", set, "-", "--lang", "en"], Some(data.as_bytes()))
}

#[test]
fn a_percentage_of_120_is_refused_naming_the_cell_and_the_range() {
    let data = edited_csv(THI_DUA, &[("V01", "cccd_pct", "120")]);
    let err = score_en(THI_DUA_SET, &data).fails(3);
    assert!(
        err.contains("<stdin>:2, column \"cccd_pct\": \"120\": is outside 0 to 100"),
        "{err}"
    );
    assert!(err.contains("(C1)"), "{err}");
    let vi = run_with(
        &["score", THI_DUA_SET, "-", "--lang", "vi"],
        Some(data.as_bytes()),
    )
    .fails(3);
    assert!(vi.contains("nằm ngoài khoảng từ 0 đến 100"), "{vi}");
}

#[test]
fn a_percentage_column_typed_as_fractions_is_refused() {
    // 99 → 0.99: every value of the column is ≤ 1.
    let data = every_unit("cccd_pct", |v| {
        let v: rust_decimal::Decimal = v.parse().unwrap();
        (v / rust_decimal::Decimal::ONE_HUNDRED).to_string()
    });
    let err = score_en(THI_DUA_SET, &data).fails(3);
    assert!(
        err.contains("<stdin>:2, column \"cccd_pct\": \"0.99\": every value in this percentage column is between 0 and 1: it looks like fractions (0.95 for 95%)"),
        "{err}"
    );
    assert_eq!(err.matches("looks like fractions").count(), 1, "{err}");
    // One unit at 0.95 among real percentages may be a low rate: allowed,
    // with a warning.
    let data = edited_csv(THI_DUA, &[("V01", "cccd_pct", "0.95")]);
    let run = score_en(THI_DUA_SET, &data);
    run.ok();
    assert!(
        run.stderr.contains("warning: <stdin>:2, column \"cccd_pct\": \"0.95\": a rate below 1% while other units write percentages above 1; if 95% is meant, type 95"),
        "{}",
        run.stderr
    );
}

#[test]
fn negative_counts_are_refused() {
    // Crimes this year (a `change` operand) and complex incidents (a gate
    // allowing none).
    let data = edited_csv(
        THI_DUA,
        &[
            ("V01", "toi_pham_ttxh", "-3"),
            ("V02", "vu_viec_phuc_tap", "-1"),
        ],
    );
    let err = score_en(THI_DUA_SET, &data).fails(3);
    assert!(
        err.contains("column \"toi_pham_ttxh\": \"-3\": must not be negative: it is a count"),
        "{err}"
    );
    assert!(
        err.contains("column \"vu_viec_phuc_tap\": \"-1\": must not be negative: it is a count"),
        "{err}"
    );
}

#[test]
fn a_declared_range_is_enforced_and_reported_with_its_bounds() {
    // B6: 3 traffic-accident criteria at most.
    let data = edited_csv(THI_DUA, &[("V03", "tngt_tieu_chi_giam", "4")]);
    let err = score_en(THI_DUA_SET, &data).fails(3);
    assert!(
        err.contains(
            "\"4\": is outside the plausible range 0 to 3 the criteria set declares for B6"
        ),
        "{err}"
    );
}

#[test]
fn a_declared_range_replaces_the_percentage_default() {
    let dir = tempfile::tempdir().unwrap();
    let set = std::fs::read_to_string(root().join(SMALL)).unwrap();
    let set = set.replace("unit = \"%\"\n", "unit = \"%\"\nrange = [0, 200]\n");
    let path = dir.path().join("wide.toml");
    std::fs::write(&path, set).unwrap();
    let path = path.to_str().unwrap();
    let data = "ma,ten,a,b\nS1,Alpha,150,yes\nS2,Beta,0.5,no\n";
    run_with(&["score", path, "-"], Some(data.as_bytes())).ok();
    // The same data under the default 0–100 is refused.
    run_with(&["score", SMALL, "-"], Some(data.as_bytes())).fails(3);
}

#[test]
fn a_misplaced_or_malformed_range_is_a_criteria_error() {
    let dir = tempfile::tempdir().unwrap();
    let set = std::fs::read_to_string(root().join(SMALL)).unwrap();
    let set = set
        .replace("unit = \"%\"\n", "unit = \"%\"\nrange = [100, 0]\n")
        .replace("rule = \"yes\"\n", "rule = \"yes\"\nrange = [0, 1]\n");
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, set).unwrap();
    let err = run(&["check", path.to_str().unwrap(), "--lang", "en"]).fails(3);
    assert!(
        err.contains("the first number (the lowest value) must be below the second"),
        "{err}"
    );
    assert!(err.contains("\"range\" applies to number columns"), "{err}");
    let derived = std::fs::read_to_string(root().join("criteria/thi-dua-cuoi-nam.toml"))
        .unwrap()
        .replace(
            "indicator = \"bien_dong_toi_pham\"\n",
            "indicator = \"bien_dong_toi_pham\"\nrange = [-100, 100]\n",
        );
    let path = dir.path().join("derived.toml");
    std::fs::write(&path, derived).unwrap();
    let err = run(&["check", path.to_str().unwrap(), "--lang", "en"]).fails(3);
    assert!(
        err.contains("\"bien_dong_toi_pham\" is a derived indicator"),
        "{err}"
    );
}

/// The `<dataValidation>` elements of the template's data sheet, as text.
fn template_validations(set: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nhap-lieu.xlsx");
    run(&["template", set, "-o", path.to_str().unwrap()]).ok();
    let file = std::fs::File::open(&path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The validation on the template column holding `column`, found through
/// the header row of the example's own order.
fn validation_of(xml: &str, letter: &str) -> String {
    xml.split("<dataValidation ")
        .skip(1)
        .find(|v| v.contains(&format!("sqref=\"{letter}2:")))
        .map(|v| {
            v.split("</dataValidation>")
                .next()
                .unwrap_or("")
                .to_string()
        })
        .unwrap_or_else(|| panic!("no validation on column {letter}"))
}

#[test]
fn the_template_checks_the_same_ranges_as_the_loader() {
    let xml = template_validations(THI_DUA_SET);
    // Column order of the template: ma, ten, cum, then inputs in first-use
    // order; read it back from the CSV template rather than assume it.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("t.csv");
    run(&["template", THI_DUA_SET, "-o", csv.to_str().unwrap()]).ok();
    let header = std::fs::read_to_string(&csv).unwrap();
    let header: Vec<String> = header
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .split([',', ';'])
        .map(str::to_string)
        .collect();
    let letter = |name: &str| {
        let i = header.iter().position(|h| h == name).unwrap();
        char::from(b'A' + i as u8).to_string()
    };
    let percent = validation_of(&xml, &letter("cccd_pct"));
    assert!(
        percent.contains("<formula1>0</formula1><formula2>100</formula2>"),
        "{percent}"
    );
    let count = validation_of(&xml, &letter("toi_pham_ttxh"));
    assert!(count.contains("operator=\"greaterThanOrEqual\""), "{count}");
    assert!(count.contains("<formula1>0</formula1>"), "{count}");
    let declared = validation_of(&xml, &letter("tngt_tieu_chi_giam"));
    assert!(
        declared.contains("<formula1>0</formula1><formula2>3</formula2>"),
        "{declared}"
    );
}

/// The example's set with `whole = true` on the gate counting complex
/// incidents, written to `dir`.
fn set_with_whole_counts(dir: &std::path::Path) -> String {
    let set = std::fs::read_to_string(root().join("criteria/thi-dua-cuoi-nam.toml"))
        .unwrap()
        .replace(
            "indicator = \"vu_viec_phuc_tap\"\n",
            "indicator = \"vu_viec_phuc_tap\"\nwhole = true\n",
        );
    let path = dir.join("whole.toml");
    std::fs::write(&path, set).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_fraction_in_a_column_declared_whole_is_refused_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let set = set_with_whole_counts(dir.path());
    let data = edited_csv(
        THI_DUA,
        &[
            ("V02", "vu_viec_phuc_tap", "1.5"),
            ("V03", "vu_viec_phuc_tap", "2.0"),
        ],
    );
    let err = score_en(&set, &data).fails(3);
    assert!(
        err.contains("<stdin>:3, column \"vu_viec_phuc_tap\": \"1.5\": must be a whole number: the criteria set declares this column a count (of cases, people…) for G2"),
        "{err}"
    );
    // 2.0 is two: a whole number written with its places.
    assert!(!err.contains("\"2.0\""), "{err}");
    let vi = run_with(&["score", &set, "-", "--lang", "vi"], Some(data.as_bytes())).fails(3);
    assert!(vi.contains("\"1.5\": phải là số nguyên"), "{vi}");
    // Without the declaration the same data loads.
    let data = edited_csv(THI_DUA, &[("V02", "vu_viec_phuc_tap", "1.5")]);
    score_en(THI_DUA_SET, &data).ok();
}

#[test]
fn whole_is_checked_in_the_template_and_refused_on_a_level() {
    let dir = tempfile::tempdir().unwrap();
    let set = set_with_whole_counts(dir.path());
    let xml = template_validations(&set);
    assert!(
        xml.contains("=INT(") && xml.contains("ISNUMBER("),
        "a whole-number check: {xml}"
    );
    let levels = std::fs::read_to_string(&set).unwrap().replacen(
        "rule = \"levels\"\n",
        "rule = \"levels\"\nwhole = true\n",
        1,
    );
    let path = dir.path().join("levels.toml");
    std::fs::write(&path, levels).unwrap();
    let err = run(&["check", path.to_str().unwrap(), "--lang", "en"]).fails(3);
    assert!(err.contains("\"whole\" applies to number columns"), "{err}");
}
