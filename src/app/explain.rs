//! `wardscore explain`: one unit's score, criterion by criterion.

use super::*;

#[allow(clippy::too_many_arguments)]
pub(super) fn run(
    criteria: &str,
    data: &Path,
    unit: &str,
    input: &DataOptions,
    output: &OutputOptions,
    profile: &ProfileOptions,
    what_if: &WhatIf,
    env: &mut Env,
) -> Result<(), Failure> {
    let (linked, profile, to) = prepare_report(
        "explain", criteria, data, input, output, profile, what_if, env,
    )?;
    let (loaded, data_file, sources) = results::load_data_with(linked, data, input, env)?;
    let set = &loaded.set;
    // Every unit is ranked in the one store; only the unit asked for is
    // scored again in full.
    let order = VietnameseOrder::new();
    let eval = engine::compact::rank_dataset(set, &data_file.dataset, Keep::Points, &order)
        .map_err(score_refused(data))?;
    let units: Vec<(&str, &str)> = eval
        .units
        .iter()
        .map(|u| (eval.store.id(u), eval.store.name(u)))
        .collect();
    let at = find_unit(&units, unit, Some(data))?;
    let standing = &eval.units[at];
    let record = &data_file.dataset.units[standing.input_index()];
    // Against the references the units were ranked with.
    let mut scorer = engine::score::Scorer::new(set).with_references(eval.references.clone());
    scorer
        .score(standing.input_index(), record.view())
        .map_err(score_refused(data))?;
    let found = scorer.set_standing(standing);
    let mut explanation = engine::explain::explain(set, found);
    explanation.from_results = results::figures(&sources, &found.id);
    if let Some(staging) = &data_file.staging {
        explanation.stages =
            engine::stages::unit_by_stage(set, &data_file.dataset, staging, standing.input_index());
    }
    let mut stamp = stamp(&loaded, Some((data, Some(&data_file.sha256))));
    results::stamp_results(&mut stamp, &sources);
    stages::stamp_stages(&mut stamp, &loaded.set, &data_file);
    let cx = context(&loaded.set, env, &stamp, &profile, output);
    to.emit(&cx, &Document::Explain(found, &explanation))
}

/// A unit by what a person typed, among units given as (id, name) in rank
/// order (see [`crate::model::Evaluation::lookup`]): its position.
pub(super) fn lookup_unit(units: &[(&str, &str)], key: &str) -> Lookup<usize> {
    crate::model::lookup(units, key, normalize, label_key, unaccented_key)
}

/// The position of the unit `key` names among `units` (id, name), or why
/// there is none: no match (with the closest id or name), or several
/// (listed, so the person can pick an id). `data` names the file in the
/// message.
pub(super) fn find_unit(
    units: &[(&str, &str)],
    key: &str,
    data: Option<&Path>,
) -> Result<usize, Failure> {
    // The message is escaped for the terminal where it is printed (main).
    match lookup_unit(units, key) {
        Lookup::Found(unit) => Ok(unit),
        Lookup::Ambiguous(found) => {
            let listed: Vec<String> = found
                .iter()
                .filter_map(|&i| units.get(i))
                .map(|(id, name)| format!("{id} ({name})"))
                .collect();
            Err(Failure::runtime(ArgMessage::UnitAmbiguous {
                key: key.to_string(),
                listed,
            }))
        }
        Lookup::NotFound => {
            let candidates = units.iter().flat_map(|&(id, name)| [id, name]);
            Err(Failure::runtime(ArgMessage::UnitNotFound {
                key: key.to_string(),
                file: data.map(display_path),
                closest: suggest(key, candidates).map(str::to_string),
            }))
        }
    }
}
