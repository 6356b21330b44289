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
    lang: &mut Option<Lang>,
) -> Result<(), Failure> {
    let (linked, profile, to) =
        prepare_report(criteria, data, input, output, profile, what_if, lang)?;
    let l = lang.unwrap_or_default();
    let (loaded, data_file, eval, sources) = score(linked, data, input, l)?;
    let found = find_unit(&eval, unit, Some(data), lang.unwrap_or_default())?;
    let mut explanation = engine::explain::explain(&loaded.set, found);
    explanation.from_results = results::figures(&sources, &found.id);
    let mut stamp = stamp(&loaded, Some((data, &data_file.sha256)));
    results::stamp_results(&mut stamp, &sources);
    stages::stamp_stages(&mut stamp, &loaded.set, &data_file);
    let cx = context(&loaded.set, *lang, &stamp, &profile, output);
    to.emit(&cx, &Document::Explain(found, &explanation))
}

/// A unit by what a person typed (see [`Evaluation::lookup`]).
pub(super) fn lookup_unit<'e>(eval: &'e Evaluation, key: &str) -> Lookup<'e> {
    eval.lookup(key, normalize, label_key, unaccented_key)
}

/// The unit `key` names in `eval`, or why there is none: no match (with the
/// closest id or name), or several (listed, so the person can pick an id).
/// `data` names the file in the message.
pub(super) fn find_unit<'e>(
    eval: &'e Evaluation,
    key: &str,
    data: Option<&Path>,
    lang: Lang,
) -> Result<&'e UnitResult, Failure> {
    // The message is escaped for the terminal where it is printed (main).
    match lookup_unit(eval, key) {
        Lookup::Found(unit) => Ok(unit),
        Lookup::Ambiguous(units) => {
            let listed: Vec<String> = units
                .iter()
                .map(|u| format!("{} ({})", u.id, u.name))
                .collect();
            let (count, listed) = (units.len(), listed.join(", "));
            Err(Failure::Runtime(anyhow!(
                "{}",
                lang.pick(
                    &format!(
                        "\"{key}\" ứng với {count} đơn vị: {listed}; hãy ghi mã của đơn vị cần xem"
                    ),
                    &format!(
                        "\"{key}\" matches {count} units: {listed}; give the id of the one you mean"
                    )
                )
            )))
        }
        Lookup::NotFound => {
            let candidates = eval
                .units
                .iter()
                .flat_map(|u| [u.id.as_str(), u.name.as_str()]);
            let hint = suggest(key, candidates)
                .map(|s| {
                    lang.pick(
                        &format!("; có phải \"{s}\"?"),
                        &format!("; did you mean \"{s}\"?"),
                    )
                    .to_string()
                })
                .unwrap_or_default();
            let place = data.map(display_path).map_or_else(String::new, |shown| {
                lang.pick(&format!(" trong {shown}"), &format!(" in {shown}"))
                    .to_string()
            });
            Err(Failure::Runtime(anyhow!(
                "{}{hint}",
                lang.pick(
                    &format!("không có đơn vị nào có mã hoặc tên \"{key}\"{place}"),
                    &format!("no unit with id or name \"{key}\"{place}")
                )
            )))
        }
    }
}
