//! `--set` refusals: the changed set goes through the criteria file's own
//! checker, and each refusal names the argument that made it.

use crate::harness::*;

const SET: &str = "thi-dua-cuoi-nam";
const DATA: &str = "examples/thi-dua-2024.csv";

#[test]
fn every_refusal_names_its_argument_and_nothing_is_scored() {
    let err = run(&[
        "score",
        SET,
        DATA,
        "--lang",
        "en",
        // A2 is a levels rule whose best label gives 6 points.
        "--set",
        "A2.points=1",
        "--set",
        "HTXS.quota=2",
        "--set",
        "KHT.min_score=3",
        "--set",
        "TH1.cap=-1",
    ])
    .fails(3);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("--set")).collect();
    assert_eq!(
        lines,
        [
            "--set: \"A2.points=1\": the label \"Giỏi\" gives 6 points, more than the criterion's 1",
            "--set: \"A2.points=1\": the label \"Khá\" gives 4 points, more than the criterion's 1",
            "--set: \"A2.points=1\": the label \"Trung bình\" gives 2 points, more than the criterion's 1",
            "--set: \"HTXS.quota=2\": \"quota\" is a share from 0 to 1 (e.g. 0.2 for 20%)",
            "--set: \"KHT.min_score=3\": the last rating (\"KHT\") is the fallback for every unit and must have no conditions",
            "--set: \"TH1.cap=-1\": \"cap\" must not be negative",
        ]
    );
}

#[test]
fn a_change_may_pass_through_a_refused_value_on_its_way() {
    // A1 is linear from 50 to 100: zero = 100 alone would meet full.
    let args = ["score", SET, DATA, "-f", "csv", "--set", "A1.zero=100"];
    run(&args).fails(3);
    let mut both = args.to_vec();
    both.extend(["--set", "A1.full=200"]);
    assert!(run(&both).ok().lines().count() > 1, "a ranking");
}

/// `compare --set` labels its two versions in the run's language where a
/// person reads them, and the same in every language in JSON, which
/// programs read; labels the user gives are kept as given.
#[test]
fn what_if_labels_in_json_do_not_follow_the_language() {
    let compare = |format: &str, lang: &str, extra: &[&str]| {
        let mut args = vec!["compare", SET, DATA, "--set", "HTXS.min_score=85"];
        args.extend(["-f", format, "--lang", lang]);
        args.extend(extra);
        run(&args)
    };
    let labels = |lang: &str, extra: &[&str]| {
        let out = compare("json", lang, extra);
        let json: serde_json::Value = serde_json::from_str(out.ok()).unwrap();
        json["labels"].clone()
    };
    let expected = serde_json::json!(["original", "what-if"]);
    assert_eq!(labels("vi", &[]), expected);
    assert_eq!(labels("en", &[]), expected);
    assert_eq!(
        labels("vi", &["--labels", "Cũ,Mới"]),
        serde_json::json!(["Cũ", "Mới"])
    );
    let table = compare("md", "vi", &[]);
    assert!(table.ok().contains("thử"), "a person reads Vietnamese");
}
