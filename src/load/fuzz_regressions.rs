//! Regression tests for crashes found by fuzzing and its review (see
//! fuzz/README.md). Each test runs the library on the exact input that
//! crashed it, through the same calls as the fuzz target.

use crate::collate::VietnameseOrder;
use crate::engine::evaluate;
use crate::engine::explain::explain;
use crate::load::data::{ReadOptions, read_data};
use crate::load::parse_criteria;

/// Loads `toml` and `csv`, scores, and explains every unit.
fn score_and_explain(toml: &str, csv: &[u8]) {
    let set = parse_criteria("fuzz.toml", toml).expect("the criteria file loads");
    let data = read_data(&set, "fuzz.csv", csv, &ReadOptions::default()).expect("the data loads");
    let evaluation = evaluate(&set, &data, &VietnameseOrder::new()).expect("representable");
    for unit in &evaluation.units {
        let _ = explain(&set, unit);
    }
}

/// A bonus with no cap on a huge count gives a score of `Decimal::MAX`;
/// the unit fails the rating above its own (here `all_met`), whose
/// `min_score` is negative. `explain` computed `min - score` unchecked:
/// "Subtraction overflowed" (src/engine/explain.rs, `points_needed`).
/// Also reached by `wardscore explain`, `compare` and `sensitivity`.
#[test]
fn explain_negative_min_score_and_huge_bonus() {
    let toml = r#"format = 1
[set]
id = "x"
title = "x"
[columns]
id = "ma"
name = "ten"
[[criteria]]
id = "K1"
title = "k"
indicator = "a"
points = 1
rule = "yes"
[[adjustments]]
id = "T1"
title = "t"
indicator = "b"
kind = "bonus"
per = 1
[[ratings]]
id = "TOP"
title = "top"
min_score = -1
all_met = true
[[ratings]]
id = "REST"
title = "rest"
"#;
    let csv = b"ma,ten,a,b\nU1,One,kh\xc3\xb4ng,79228162514264337593543950335\n";
    score_and_explain(toml, csv);
}
