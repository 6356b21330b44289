//! `wardscore schema` and every JSON output of the shipped examples checked
//! against it (docs/json-schema.md).

use serde_json::Value;

use crate::harness::*;

const KM: &str = "km=examples/cua-lo-2023.csv";

/// The schema printed by the command, compiled (draft 2020-12).
fn compiled_schema() -> (boon::Schemas, boon::SchemaIndex) {
    let printed: Value = serde_json::from_str(run(&["schema"]).ok()).expect("the schema is JSON");
    assert_eq!(
        printed["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler
        .add_resource("wardscore-v1.json", printed)
        .expect("the schema is added");
    let index = compiler
        .compile("wardscore-v1.json", &mut schemas)
        .expect("the schema compiles");
    (schemas, index)
}

/// Every shipped example's JSON: rankings, explanations (one unit with N/A,
/// one that read another set's result), criteria sets, comparisons with and
/// without a unit's detail, and a sensitivity analysis.
fn every_json_output() -> Vec<(String, Vec<String>)> {
    let mut commands: Vec<Vec<&str>> = vec![
        vec!["score", KIEU_MAU, CUA_LO],
        vec!["score", THI_DUA_SET, THI_DUA],
        // A unit not considered: no rank, no rating (null).
        vec!["score", THI_DUA_SET, "examples/thi-dua-binh-xet.csv"],
        vec![
            "explain",
            THI_DUA_SET,
            "examples/thi-dua-binh-xet.csv",
            "CL05",
        ],
        vec![
            "compare",
            THI_DUA_SET,
            "examples/thi-dua-binh-xet.csv",
            "examples/thi-dua-binh-xet.csv",
        ],
        vec![
            "sensitivity",
            THI_DUA_SET,
            "examples/thi-dua-binh-xet.csv",
            "--runs",
            "5",
        ],
        vec!["score", "an-toan-antt", "examples/an-toan-2023.csv"],
        vec![
            "score",
            "thi-dua-cuoi-nam-kieu-mau",
            "examples/cua-lo-thi-dua-2023.csv",
            "--result",
            KM,
        ],
        vec!["explain", KIEU_MAU, CUA_LO, "NTHUY"],
        vec![
            "explain",
            "thi-dua-cuoi-nam-kieu-mau",
            "examples/cua-lo-thi-dua-2023.csv",
            "NTHUY",
            "--result",
            KM,
        ],
        vec!["compare", KIEU_MAU, CUA_LO, "examples/cua-lo-2024.csv"],
        vec![
            "compare",
            KIEU_MAU,
            CUA_LO,
            "examples/cua-lo-2024.csv",
            "--unit",
            "NTHUY",
        ],
        vec!["compare", THI_DUA_SET, THI_DUA, "examples/thi-dua-2024.csv"],
        vec!["sensitivity", THI_DUA_SET, THI_DUA, "--runs", "20"],
        vec!["sensitivity", KIEU_MAU, CUA_LO, "--runs", "20"],
    ];
    for set in [
        "an-toan-antt",
        KIEU_MAU,
        THI_DUA_SET,
        "thi-dua-cuoi-nam-kieu-mau",
    ] {
        commands.push(vec!["criteria", set]);
    }
    commands
        .into_iter()
        .map(|mut args| {
            args.extend(["-f", "json"]);
            let out = run(&args).ok().to_string();
            (out, args.into_iter().map(str::to_string).collect())
        })
        .collect()
}

#[test]
fn every_json_output_of_the_shipped_examples_follows_the_schema() {
    let (schemas, index) = compiled_schema();
    let outputs = every_json_output();
    assert_eq!(outputs.len(), 19);
    for (out, args) in &outputs {
        let document: Value = serde_json::from_str(out).expect("JSON output");
        if let Err(e) = schemas.validate(&document, index) {
            panic!("{}: {e:#}", args.join(" "));
        }
    }
}

/// The schema is not vacuous: a decimal written as a number, a missing key,
/// a wrong status or another schema_version is refused; a key added
/// (allowed within schema_version 1) is not.
#[test]
fn the_schema_refuses_what_the_contract_does_not_allow() {
    let (schemas, index) = compiled_schema();
    let ranking: Value =
        serde_json::from_str(run(&["score", KIEU_MAU, CUA_LO, "-f", "json"]).ok()).unwrap();
    assert!(schemas.validate(&ranking, index).is_ok());
    let edited = |edit: &dyn Fn(&mut Value)| {
        let mut copy = ranking.clone();
        edit(&mut copy);
        schemas.validate(&copy, index).is_ok()
    };
    assert!(!edited(
        &|d| d["units"][0]["score"] = serde_json::json!(91.25)
    ));
    assert!(!edited(
        &|d| d["units"][0]["score"] = serde_json::json!("9,5")
    ));
    assert!(!edited(&|d| d["schema_version"] = serde_json::json!(2)));
    assert!(!edited(&|d| {
        d["units"][0].as_object_mut().unwrap().remove("rating");
    }));
    assert!(!edited(
        &|d| d["units"][0]["criteria"][0]["status"] = "skipped".into()
    ));
    assert!(!edited(&|d| d["units"][0]["rank"] = serde_json::json!(0)));
    assert!(edited(
        &|d| d["units"][0]["downgrades"] = serde_json::json!([])
    ));
    assert!(edited(&|d| d["stage"] = "appraised".into()));
}
