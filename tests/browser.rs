//! The HTML report in a real browser: headless Chromium prints it to PDF,
//! poppler reads the PDF back. Ignored by a plain `cargo test`, with the
//! reason, since it needs tools a development machine may lack; `.ci/run`
//! installs them and runs it with `--ignored`, where missing tools fail it.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

#[path = "support/tools.rs"]
mod tools;
use tools::{on_path, run, unit_names};

const SET: &str = "thi-dua-cuoi-nam";
const DATA: &str = "examples/thi-dua-2023.csv";
/// 2024-01-02T03:04:05Z, so the printed stamp is known.
const EPOCH: &str = "1704164645";
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(60);
/// Printing a national set's some 360 pages takes a minute or more on a
/// busy machine of two cores.
const NATIONAL_TIMEOUT: Duration = Duration::from_secs(300);

/// Pages expected for the example's 30 units. The print stylesheet puts the
/// ranking table and each cluster's (three) on 2–4 pages, each chart on its
/// own page, and each unit's details on a page of their own (30), the stamp
/// after the last unit (on its page or the next). The upper bound leaves
/// room for a few units to spill over with other fonts; a layout where
/// units no longer fit a page (about 65 pages) or charts split from their
/// headings fails.
const PAGES: std::ops::RangeInclusive<u32> = 34..=41;

/// The tools, or why the test cannot run.
fn tools() -> Result<(PathBuf, PathBuf, PathBuf), String> {
    let chromium = on_path("chromium")
        .or_else(|| on_path("chromium-browser"))
        .ok_or("chromium (or chromium-browser) is not on PATH")?;
    let pdftotext = on_path("pdftotext").ok_or("pdftotext (poppler-utils) is not on PATH")?;
    let pdfinfo = on_path("pdfinfo").ok_or("pdfinfo (poppler-utils) is not on PATH")?;
    Ok((chromium, pdftotext, pdfinfo))
}

/// Prints `html` to `pdf`, killing Chromium if it takes over `limit`.
fn print_to_pdf(chromium: &Path, html: &Path, pdf: &Path, dir: &Path, limit: Duration) {
    let log = dir.join("chromium.log");
    let child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(File::create(&log).expect("log file"))
        .spawn()
        .expect("start chromium");
    let status = tools::wait_bounded(child, "chromium", limit, &log);
    assert!(
        status.success() && pdf.is_file(),
        "chromium failed ({status}):\n{}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
}

fn pdfinfo_field<'a>(info: &'a str, field: &str) -> &'a str {
    info.lines()
        .find_map(|l| l.strip_prefix(field))
        .map(str::trim)
        .unwrap_or_else(|| panic!("no {field} in pdfinfo output:\n{info}"))
}

#[test]
#[ignore = "needs chromium and poppler-utils: cargo test --test browser -- --ignored (.ci/run installs and runs it)"]
fn html_report_prints_to_landscape_a4_with_every_unit() {
    let (chromium, pdftotext, pdfinfo) =
        tools().unwrap_or_else(|why| panic!("the browser test cannot run: {why}"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let html = dir.path().join("report.html");
    let pdf = dir.path().join("report.pdf");

    run(Command::new(env!("CARGO_BIN_EXE_wardscore"))
        .current_dir(root)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("WARDSCORE_LANG")
        .args(["score", SET, DATA, "-f", "html", "-o"])
        .arg(&html));
    print_to_pdf(&chromium, &html, &pdf, dir.path(), CHROMIUM_TIMEOUT);

    let text = run(Command::new(&pdftotext).arg("-layout").arg(&pdf).arg("-"));
    let names = unit_names(root, DATA);
    assert_eq!(names.len(), 30);
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| !text.contains(n.as_str()))
        .collect();
    assert!(missing.is_empty(), "not in the PDF text: {missing:?}");
    assert!(
        text.contains("2024-01-02T03:04:05Z"),
        "the stamp is not printed"
    );

    let info = run(Command::new(&pdfinfo).arg(&pdf));
    let pages: u32 = pdfinfo_field(&info, "Pages:").parse().expect("page count");
    assert!(PAGES.contains(&pages), "{pages} pages, expected {PAGES:?}");
    // "841.92 x 594.96 pts (A4)": A4 landscape is 842 × 595 points; whole
    // points are precise enough.
    let size: Vec<u32> = pdfinfo_field(&info, "Page size:")
        .split_whitespace()
        .filter_map(|w| w.split('.').next()?.parse().ok())
        .collect();
    assert!(
        matches!(size[..], [840..=843, 593..=597]),
        "pages are not A4 landscape: {info}"
    );
}

/// The year-end example's rows repeated to `units` units, each copy's ids
/// and names made unique.
fn national_set(root: &Path, units: usize) -> String {
    let text = std::fs::read_to_string(root.join(DATA)).expect("the example");
    let mut lines = text.lines();
    let mut csv = format!("{}\n", lines.next().expect("a header"));
    let rows: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    for (n, row) in rows.iter().cycle().take(units).enumerate() {
        let copy = n / rows.len();
        let (id, rest) = row.split_once(',').expect("an id");
        let (name, rest) = rest.split_once(',').expect("a name");
        csv.push_str(&format!("{id}-{copy},{name} {copy},{rest}\n"));
    }
    csv
}

/// A national set (10,000 units): the page stays small enough to open,
/// and Chromium opens and prints it, every cluster's table included.
#[test]
#[ignore = "needs chromium and poppler-utils: cargo test --test browser -- --ignored (.ci/run installs and runs it)"]
fn a_national_html_report_opens_and_prints() {
    let (chromium, pdftotext, pdfinfo) =
        tools().unwrap_or_else(|why| panic!("the browser test cannot run: {why}"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("national.csv");
    std::fs::write(&data, national_set(root, 10_000)).expect("write the data");
    let html = dir.path().join("national.html");
    let pdf = dir.path().join("national.pdf");
    run(Command::new(env!("CARGO_BIN_EXE_wardscore"))
        .current_dir(root)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("WARDSCORE_LANG")
        .args(["score", SET])
        .arg(&data)
        .args(["-f", "html", "-o"])
        .arg(&html));
    let size = std::fs::metadata(&html).expect("the report").len();
    assert!(size < 20 << 20, "{size} bytes: too large to open");
    print_to_pdf(&chromium, &html, &pdf, dir.path(), NATIONAL_TIMEOUT);

    let text = run(Command::new(&pdftotext).arg("-layout").arg(&pdf).arg("-"));
    // The first and the last unit of the file, whatever their places.
    for name in ["Bến Thủy 0", "Bến Thủy 333"] {
        assert!(text.contains(name), "{name} is not in the PDF text");
    }
    assert!(text.contains("wardscore explain"), "no pointer to explain");
    assert!(
        text.contains("2024-01-02T03:04:05Z"),
        "the stamp is not printed"
    );
    let info = run(Command::new(&pdfinfo).arg(&pdf));
    let pages: u32 = pdfinfo_field(&info, "Pages:").parse().expect("page count");
    // Some 10,000 table rows, a few dozen a page.
    assert!((100..=1_000).contains(&pages), "{pages} pages");
}
