//! `--csv-style excel-vi`: `;` between fields and decimal commas, for Excel
//! in a Vietnamese locale; the same values as the standard CSV.

use crate::harness::*;

fn records(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn excel_vi_csv_holds_the_standard_values_with_semicolons_and_decimal_commas() {
    for args in [
        vec!["score", THI_DUA_SET, THI_DUA, "-f", "csv"],
        vec![
            "compare",
            THI_DUA_SET,
            THI_DUA,
            "examples/thi-dua-2024.csv",
            "-f",
            "csv",
        ],
    ] {
        let standard = run(&args).ok().to_string();
        let mut vi_args = args.clone();
        vi_args.extend(["--csv-style", "excel-vi"]);
        let vi = run(&vi_args).ok().to_string();
        assert!(vi.starts_with('\u{feff}'));
        let (standard, vi) = (records(&standard, b','), records(&vi, b';'));
        assert_eq!(standard.len(), vi.len());
        for (s, v) in standard.iter().zip(&vi) {
            assert_eq!(s.len(), v.len(), "{v:?}");
            for (a, b) in s.iter().zip(v) {
                let number = a.contains('.')
                    && a.replace(['.', '-'], "")
                        .chars()
                        .all(|c| c.is_ascii_digit());
                if number {
                    assert_eq!(&a.replace('.', ","), b);
                } else {
                    assert_eq!(a, b);
                }
            }
        }
    }
    let vi = run(&[
        "score",
        THI_DUA_SET,
        THI_DUA,
        "-f",
        "csv",
        "--csv-style",
        "excel-vi",
    ]);
    assert!(
        vi.ok().contains("\n1;1;V07;Hưng Bình;Cụm 1;19,2;39,74;"),
        "{}",
        vi.stdout
    );
}
