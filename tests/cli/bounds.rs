//! Issue 15's bounds, as a user meets them: the terminal table streams a
//! ranking of any size, and the Word report lists at most a documented
//! number of units, each unit's points per criterion up to fewer.

use crate::harness::*;

/// The small set's data with `units` units, written into `dir`.
fn units_csv(dir: &std::path::Path, units: usize) -> String {
    let mut csv = String::from("ma,ten,a,b\n");
    for i in 0..units {
        let plan = if i % 3 == 0 { "no" } else { "yes" };
        csv.push_str(&format!("U{i:05},Phường số {i},{},{plan}\n", i % 101));
    }
    let path = dir.join(format!("u{units}.csv"));
    std::fs::write(&path, csv).expect("the data is written");
    path.to_str().expect("UTF-8 path").to_string()
}

/// A ranking over several of the table's blocks keeps every unit, once, in
/// rank order, under one header, fitted to the terminal as a small one is.
#[test]
fn a_large_ranking_reaches_the_terminal_whole_a_block_at_a_time() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let data = units_csv(dir.path(), 1_000);
    for columns in ["80", "120"] {
        let out = wardscore()
            .args(["score", SMALL, &data])
            .env("COLUMNS", columns)
            .output()
            .expect("runs");
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        // A row's first line has its rank (a shared first place's note
        // wraps onto more lines).
        let rows: Vec<Vec<String>> = table_rows(&text)
            .into_iter()
            .filter(|r| !r[0].is_empty())
            .collect();
        // The header, then every unit.
        assert_eq!(rows.len(), 1 + 1_000, "at {columns} columns");
        let ranks: Vec<u32> = rows[1..]
            .iter()
            .map(|r| r[0].parse().expect("a rank"))
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
        let mut ids: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 1_000);
        // One top border and one bottom border: one table.
        assert_eq!(text.lines().filter(|l| l.starts_with('┌')).count(), 1);
        assert_eq!(text.lines().filter(|l| l.starts_with('└')).count(), 1);
        let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(widest <= columns.parse().expect("a number"), "{widest}");
    }
}

fn docx_part(path: &std::path::Path, name: &str) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).expect("the document was written");
    let mut zip = zip::ZipArchive::new(file).expect("a zip package");
    let mut text = String::new();
    zip.by_name(name)
        .expect("the part exists")
        .read_to_string(&mut text)
        .expect("UTF-8 XML");
    text
}

/// Up to 500 units (the HTML page's unit details), Annex II gives each
/// unit's points per criterion; past it, a note says where they are.
#[test]
fn the_word_report_gives_points_per_criterion_up_to_500_units() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (units, lang, with_points) in [(500, "vi", true), (501, "vi", false), (501, "en", false)] {
        let data = units_csv(dir.path(), units);
        let path = dir.path().join(format!("bc-{units}-{lang}.docx"));
        let out = run(&["score", SMALL, &data, "--lang", lang, "-q", "-o"]
            .into_iter()
            .chain([path.to_str().expect("UTF-8 path")])
            .collect::<Vec<_>>());
        assert_eq!(out.ok(), "");
        let xml = docx_part(&path, "word/document.xml");
        // Annex II's tables head a column per criterion: "K1 (6)".
        assert_eq!(xml.contains(">K1 (6)<"), with_points, "{units} {lang}");
        // Annex I lists every unit whatever the size.
        assert!(
            xml.contains(&format!(">Phường số {}<", units - 1)),
            "{units}"
        );
        let note = match lang {
            "vi" => "chỉ in trong văn bản khi báo cáo có không quá 500 đơn vị",
            _ => "printed when a report has at most 500 units",
        };
        assert_eq!(xml.contains(note), !with_points, "{units} {lang}");
        if !with_points {
            // The set as it was given (a file here, not its id): the
            // commands run as they are printed.
            for command in [
                format!("wardscore score {SMALL} {data} -o ket-qua.xlsx"),
                format!("wardscore explain {SMALL} {data}"),
            ] {
                let command = match lang {
                    "vi" => command,
                    _ => command.replace("ket-qua.xlsx", "results.xlsx"),
                };
                assert!(xml.contains(&command), "{command} not in:\n{xml}");
            }
        }
    }
}

/// Past 10,000 units there is no Word report: the run says so in its
/// language, points to the workbook and CSV, exits 2 (a request the tool
/// cannot do) and leaves no file.
#[test]
fn a_word_report_past_10000_units_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let data = units_csv(dir.path(), 10_001);
    let path = dir.path().join("bao-cao.docx");
    let target = path.to_str().expect("UTF-8 path");
    let err = run(&["score", SMALL, &data, "--lang", "vi", "-o", target]).fails(2);
    assert!(err.contains("10.001 đơn vị"), "{err}");
    assert!(err.contains("tối đa 10.000 đơn vị"), "{err}");
    assert!(err.contains("-f xlsx") && err.contains("-f csv"), "{err}");
    assert!(!path.exists(), "no document, not even an empty one");
    let err = run(&[
        "score", SMALL, &data, "--lang", "en", "-f", "docx", "-o", target,
    ])
    .fails(2);
    assert!(err.contains("no Word report for 10,001 units"), "{err}");
    assert!(err.contains("at most 10,000 units"), "{err}");
    assert!(!path.exists());
    // Piped, too: nothing reaches standard output.
    run(&["score", SMALL, &data, "-f", "docx"]).fails(2);
    // The same data in a format that streams is fine.
    let csv = dir.path().join("ket-qua.csv");
    let out = run(&[
        "score",
        SMALL,
        &data,
        "-q",
        "-o",
        csv.to_str().expect("UTF-8"),
    ]);
    assert_eq!(out.ok(), "");
}
