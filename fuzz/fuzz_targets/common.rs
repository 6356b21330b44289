//! Shared by the targets: the fixed report context and a render helper.

#![allow(dead_code)]

use wardscore::engine::explain::explain;
use wardscore::i18n::Lang;
use wardscore::collate::VietnameseOrder;
use wardscore::model::{CriteriaSet, Dataset, Keep};
use wardscore::report::{Context, Document, Format, Options, Stamp, render_to_vec};

pub fn stamp(set: &CriteriaSet) -> Stamp {
    Stamp {
        tool: "wardscore fuzz".to_string(),
        set_id: set.id.clone(),
        criteria_file: "criteria.toml".to_string(),
        criteria_sources: vec![wardscore::report::SetSource {
            name: "criteria.toml".to_string(),
            built_in: false,
        }],
        criteria_sha256: "0".repeat(64),
        data_file: Some("data.csv".to_string()),
        data_sha256: Some("0".repeat(64)),
        overrides: Vec::new(),
        generated_at: "2024-01-01T00:00:00Z".to_string(),
        results: Vec::new(),
        stages: Vec::new(),
        staging: None,
    }
}

/// Renders the ranking, and the explanation of the first and last unit, as
/// JSON; the output must be valid UTF-8 (it is checked to parse as such).
pub fn render(set: &CriteriaSet, dataset: &Dataset, order: &VietnameseOrder, lang: Lang) {
    // A score no decimal holds is refused, not rendered.
    let Ok(store) = wardscore::engine::compact::rank_dataset(set, dataset, Keep::Values, order)
    else {
        return;
    };
    let evaluation =
        wardscore::engine::compact::full(set, &store).expect("re-scoring what was scored");
    let stamp = stamp(set);
    let cx = Context {
        set,
        lang,
        stamp: &stamp,
        profile: &wardscore::model::Profile::default(),
        options: Options::default(),
    };
    let out = render_to_vec(Format::Json, &cx, &Document::Ranking(&store))
        .expect("rendering JSON into memory cannot fail");
    assert!(
        std::str::from_utf8(&out).is_ok(),
        "JSON output is not UTF-8"
    );
    for unit in evaluation
        .units
        .first()
        .into_iter()
        .chain(evaluation.units.last())
    {
        let why = explain(set, unit);
        render_to_vec(Format::Json, &cx, &Document::Explain(unit, &why))
            .expect("rendering JSON into memory cannot fail");
    }
}
