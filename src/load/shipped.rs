//! Criteria sets shipped in `criteria/` and built into the binary, so
//! `wardscore score thi-dua-cuoi-nam data.csv` works from anywhere.

/// (id, file name, TOML text) of every shipped set.
pub const SHIPPED: &[(&str, &str, &str)] = &[
    (
        "cong-an-phuong-kieu-mau",
        "criteria/cong-an-phuong-kieu-mau.toml",
        include_str!("../../criteria/cong-an-phuong-kieu-mau.toml"),
    ),
    (
        "an-toan-antt",
        "criteria/an-toan-antt.toml",
        include_str!("../../criteria/an-toan-antt.toml"),
    ),
    (
        "thi-dua-cuoi-nam",
        "criteria/thi-dua-cuoi-nam.toml",
        include_str!("../../criteria/thi-dua-cuoi-nam.toml"),
    ),
    (
        "thi-dua-cuoi-nam-kieu-mau",
        "criteria/thi-dua-cuoi-nam-kieu-mau.toml",
        include_str!("../../criteria/thi-dua-cuoi-nam-kieu-mau.toml"),
    ),
];

/// The shipped set with this id, as (file name, text).
pub fn find(id: &str) -> Option<(&'static str, &'static str)> {
    SHIPPED
        .iter()
        .find(|(sid, _, _)| *sid == id)
        .map(|(_, file, text)| (*file, *text))
}

/// For tests: a shipped set, parsed, and `copies` copies of the units of
/// one of `examples/` (ids and names made unique), as CSV text.
#[cfg(test)]
pub(crate) fn repeated_example(
    set_id: &str,
    example: &str,
    copies: usize,
) -> (crate::model::CriteriaSet, String) {
    let (file, source) = find(set_id).expect("a shipped set");
    let set = super::parse_criteria(file, source).expect("a valid set");
    let text =
        std::fs::read_to_string(format!("{}/examples/{example}", env!("CARGO_MANIFEST_DIR")))
            .expect("the example");
    let mut lines = text.lines();
    let mut csv = format!("{}\n", lines.next().expect("a header"));
    let rows: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    for copy in 0..copies {
        for row in &rows {
            let (id, rest) = row.split_once(',').expect("an id");
            let (name, rest) = rest.split_once(',').expect("a name");
            csv.push_str(&format!("{id}-{copy},{name} {copy},{rest}\n"));
        }
    }
    (set, csv)
}

pub fn ids() -> impl Iterator<Item = &'static str> {
    SHIPPED.iter().map(|(id, _, _)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_criteria;

    #[test]
    fn every_shipped_set_loads_and_has_its_id() {
        for (id, file, text) in SHIPPED {
            let set = parse_criteria(file, text).unwrap_or_else(|e| {
                let msgs: Vec<String> = e
                    .problems
                    .iter()
                    .map(|p| p.display(crate::i18n::Lang::En).to_string())
                    .collect();
                panic!("{file} does not load:\n{}", msgs.join("\n"))
            });
            assert_eq!(&set.id, id);
        }
    }

    fn shipped(id: &str) -> crate::model::CriteriaSet {
        let (file, text) = find(id).expect("shipped");
        parse_criteria(file, text).expect("loads")
    }

    /// The year-end set that counts the model-ward result is the plain one
    /// plus group E, with the same rating bands as shares of 110 points.
    #[test]
    fn the_model_ward_year_end_set_is_the_year_end_set_plus_e1() {
        use crate::model::{IndicatorRef, InputOrigin, ResultField};
        use rust_decimal::Decimal;
        let plain = shipped("thi-dua-cuoi-nam");
        let with = shipped("thi-dua-cuoi-nam-kieu-mau");
        let name =
            |set: &crate::model::CriteriaSet, i: IndicatorRef| set.indicator_name(i).to_string();
        let (e1, rest) = with.criteria.split_last().expect("criteria");
        assert_eq!(rest.len(), plain.criteria.len());
        for (a, b) in rest.iter().zip(&plain.criteria) {
            assert_eq!(
                (&a.id, &a.title, a.points, a.pass, a.allow_na, &a.rule),
                (&b.id, &b.title, b.points, b.pass, b.allow_na, &b.rule)
            );
            assert_eq!(name(&with, a.indicator), name(&plain, b.indicator));
        }
        assert_eq!(with.gates.len(), plain.gates.len());
        for (a, b) in with.gates.iter().zip(&plain.gates) {
            assert_eq!((&a.id, &a.title, &a.rule), (&b.id, &b.title, &b.rule));
            assert_eq!(name(&with, a.indicator), name(&plain, b.indicator));
        }
        assert_eq!(with.adjustments.len(), plain.adjustments.len());
        for (a, b) in with.adjustments.iter().zip(&plain.adjustments) {
            assert_eq!((&a.id, a.kind, a.per, a.cap), (&b.id, b.kind, b.per, b.cap));
            assert_eq!(name(&with, a.indicator), name(&plain, b.indicator));
        }
        let conditions = |set: &crate::model::CriteriaSet| {
            let downgrades = set.downgrades.iter().map(|d| {
                (
                    d.id.clone(),
                    d.title.clone(),
                    d.steps,
                    name(set, d.indicator),
                )
            });
            let exclusions = set
                .exclusions
                .iter()
                .map(|x| (x.id.clone(), x.title.clone(), 0, name(set, x.indicator)));
            downgrades.chain(exclusions).collect::<Vec<_>>()
        };
        assert_eq!(conditions(&with), conditions(&plain));
        assert_eq!(with.bonus_cap, plain.bonus_cap);
        assert_eq!(with.ranking, plain.ranking);
        assert_eq!(with.columns, plain.columns);
        assert_eq!(
            (e1.id.as_str(), e1.points, e1.allow_na),
            ("E1", Decimal::TEN, true)
        );
        let IndicatorRef::Input(i) = e1.indicator else {
            panic!("E1 reads an input")
        };
        assert_eq!(
            with.inputs[i].origin,
            InputOrigin::Result {
                source: 0,
                field: ResultField::Rating
            }
        );
        assert_eq!(with.results[0].criteria, "cong-an-phuong-kieu-mau");
        assert_eq!(with.full_max(), plain.full_max() + Decimal::TEN);
        for (a, b) in with.ratings.iter().zip(&plain.ratings) {
            let scaled = b.min_score.map(|m| m * with.full_max() / plain.full_max());
            assert_eq!((&a.id, a.min_score, a.quota), (&b.id, scaled, b.quota));
        }
        // Every data column of the plain set, in the same order: its data
        // files serve both.
        let columns = |set: &crate::model::CriteriaSet| -> Vec<String> {
            set.inputs
                .iter()
                .filter(|i| i.is_column())
                .map(|i| i.column.clone())
                .collect()
        };
        assert_eq!(columns(&with), columns(&plain));
    }
}
