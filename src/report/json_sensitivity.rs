//! A sensitivity analysis as JSON, written unit by unit straight from the
//! analysis, with the keys and their order of schema_version 1.

use std::io::Write;

use serde::Serialize;

use super::json::{SCHEMA_VERSION, SetInfo, set_info};
use super::json_compare::{Each, NextJson};
use super::words::num;
use crate::engine::sensitivity::{Sensitivity, UnitSensitivity};
use crate::model::CriteriaSet;

/// Writes `s` as one pretty-printed JSON document (no final line break).
pub(super) fn write_sensitivity(
    set: &CriteriaSet,
    s: &Sensitivity,
    stamp: &super::Stamp,
    out: &mut dyn Write,
) -> serde_json::Result<()> {
    let doc = SensitivityJson {
        schema_version: SCHEMA_VERSION,
        set: set_info(set),
        runs: s.runs,
        seed: s.seed,
        vary: VaryJson {
            points: num(s.variation.points),
            thresholds: num(s.variation.thresholds),
        },
        flag_share: num(s.flag_share),
        units: Each(&s.units, unit_json),
        stamp,
    };
    doc.serialize(&mut serde_json::Serializer::pretty(out))
}

#[derive(Serialize)]
struct SensitivityJson<'a> {
    schema_version: u32,
    set: SetInfo<'a>,
    runs: u32,
    seed: u64,
    vary: VaryJson,
    flag_share: String,
    units: Each<'a, UnitSensitivity, UnitJson<'a>>,
    stamp: &'a super::Stamp,
}

#[derive(Serialize)]
struct VaryJson {
    points: String,
    thresholds: String,
}

/// A unit not considered has no rank and no rating in any run.
#[derive(Serialize)]
struct UnitJson<'a> {
    id: &'a str,
    name: &'a str,
    cluster: Option<&'a str>,
    rating: Option<&'a str>,
    rank: Option<u32>,
    rating_kept: String,
    rank_p5: Option<u32>,
    rank_p95: Option<u32>,
    first_place: bool,
    first_place_changed: String,
    flagged: bool,
    next_rating: Option<NextJson<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    excluded: bool,
}

fn unit_json(u: &UnitSensitivity) -> UnitJson<'_> {
    let standing = !u.excluded;
    UnitJson {
        id: &u.id,
        name: &u.name,
        cluster: u.cluster.as_deref(),
        rating: standing.then_some(u.rating.as_str()),
        rank: standing.then_some(u.rank),
        rating_kept: num(u.kept),
        rank_p5: standing.then_some(u.rank_p5),
        rank_p95: standing.then_some(u.rank_p95),
        first_place: u.top,
        first_place_changed: num(u.top_changed),
        flagged: u.flagged,
        next_rating: u.next.as_ref().map(NextJson),
        excluded: u.excluded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collate::VietnameseOrder;
    use crate::engine::sensitivity::{Variation, sensitivity};
    use rust_decimal::Decimal;

    /// The document as it was built whole before it was streamed: the
    /// oracle the streamed one must match byte for byte.
    fn sensitivity_json(
        set: &CriteriaSet,
        s: &crate::engine::sensitivity::Sensitivity,
        stamp: &super::super::Stamp,
    ) -> serde_json::Value {
        serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "set": set_info(set),
            "runs": s.runs,
            "seed": s.seed,
            "vary": { "points": num(s.variation.points), "thresholds": num(s.variation.thresholds) },
            "flag_share": num(s.flag_share),
            "units": s.units.iter().map(|u| {
                // A unit not considered has no rank and no rating in any run.
                let standing = |v: serde_json::Value| if u.excluded { serde_json::Value::Null } else { v };
                let mut unit = serde_json::json!({
                    "id": u.id, "name": u.name, "cluster": u.cluster,
                    "rating": standing(u.rating.clone().into()), "rank": standing(u.rank.into()),
                    "rating_kept": num(u.kept),
                    "rank_p5": standing(u.rank_p5.into()), "rank_p95": standing(u.rank_p95.into()),
                    "first_place": u.top, "first_place_changed": num(u.top_changed),
                    "flagged": u.flagged,
                    "next_rating": super::super::json::next_json(&u.next),
                });
                if u.excluded {
                    unit["excluded"] = true.into();
                }
                unit
            }).collect::<Vec<_>>(),
            "stamp": stamp,
        })
    }

    /// Byte for byte the document serde_json printed whole: with no unit,
    /// one and many; clusters, units not considered, downgrades and quotas
    /// in the next rating, flagged units.
    #[test]
    fn the_streamed_sensitivity_is_the_document_built_whole() {
        let stamp = super::super::Stamp::for_tests();
        let order = VietnameseOrder::new();
        let (set, csv) =
            crate::load::shipped::repeated_example("thi-dua-cuoi-nam", "thi-dua-binh-xet.csv", 6);
        let all = crate::load::data::read_data(&set, "t.csv", csv.as_bytes(), &Default::default())
            .expect("valid data");
        let mut seen = (0, 0, 0, 0);
        for units in [0, 1, 9, all.units.len()] {
            let mut data = all.clone();
            data.units.truncate(units);
            let variation = Variation {
                points: Decimal::new(2, 1),
                thresholds: Decimal::new(1, 1),
            };
            let s = sensitivity(
                &set,
                &data,
                &order,
                30,
                7,
                variation,
                Decimal::new(5, 2),
                &|_| {},
            )
            .expect("scores");
            let expected = serde_json::to_string_pretty(&sensitivity_json(&set, &s, &stamp))
                .expect("serialized");
            let mut streamed = Vec::new();
            write_sensitivity(&set, &s, &stamp, &mut streamed).expect("written");
            assert_eq!(
                String::from_utf8(streamed).expect("UTF-8"),
                expected,
                "{units} units"
            );
            for u in &s.units {
                seen.0 += usize::from(u.excluded);
                seen.1 += usize::from(u.flagged);
                seen.2 += usize::from(u.next.as_ref().is_some_and(|n| n.by_downgrade));
                seen.3 += usize::from(u.cluster.is_some());
            }
        }
        assert!(
            seen.0 > 0 && seen.1 > 0 && seen.2 > 0 && seen.3 > 0,
            "{seen:?}"
        );
    }
}
