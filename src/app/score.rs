//! `wardscore score`: score, rate and rank every unit.

use super::*;

pub(super) fn run(
    criteria: &str,
    data: &Path,
    input: &DataOptions,
    output: &OutputOptions,
    profile: &ProfileOptions,
    what_if: &WhatIf,
    lang: &mut Option<Lang>,
) -> Result<(), Failure> {
    let (linked, profile, to) =
        prepare_report(criteria, data, input, output, profile, what_if, lang)?;
    let l = lang.unwrap_or_default();
    // Values read from other sets' results are matched by unit id
    // once every unit is read: such a set is scored in full.
    if to.format() == Format::Csv
        && linked.sources.is_empty()
        && input.result.is_empty()
        && input.stage.is_empty()
    {
        return score_to_csv(&linked.loaded, data, input, output, to, *lang, &profile);
    }
    let (loaded, data_file, eval, sources) = score(linked, data, input, l)?;
    let mut stamp = stamp(&loaded, Some((data, &data_file.sha256)));
    results::stamp_results(&mut stamp, &sources);
    stages::stamp_stages(&mut stamp, &loaded.set, &data_file);
    let cx = context(&loaded.set, *lang, &stamp, &profile, output);
    to.emit(&cx, &Document::Ranking(&eval))
}

/// `score` to a CSV ranking, which needs points, not values: each unit is
/// scored as it is read, on the second core, and kept compactly, so a
/// national file fits in memory.
pub(super) fn score_to_csv(
    loaded: &LoadedSet,
    data: &Path,
    input: &DataOptions,
    output: &OutputOptions,
    to: Destination,
    lang: Option<Lang>,
    profile: &Profile,
) -> Result<(), Failure> {
    let set = &loaded.set;
    let started = std::time::Instant::now();
    let (data_file, scoring) = match score_in_two_parts(set, data, input, split::MIN_BYTES)? {
        Some(parts) => parts,
        // Scoring keeps the second core busy: parse on this thread.
        None => score_alongside(set, |sink| {
            load_data_each(set, data, input, false, lang.unwrap_or_default(), sink)
        })?,
    };
    let ranking = std::time::Instant::now();
    let eval = scoring
        .finish(&VietnameseOrder::new())
        .map_err(score_refused(data))?;
    let ranking = ranking.elapsed();
    let scored = started.elapsed();
    let stamp = stamp(loaded, Some((data, &data_file.sha256)));
    let cx = context(set, lang, &stamp, profile, output);
    to.emit(&cx, &Document::CompactRanking(&eval))?;
    verbose(format_args!(
        "{} units read, scored and ranked in {:.2} s (ranking and rating {:.2} s); report written in {:.2} s",
        eval.units.len(),
        scored.as_secs_f64(),
        ranking.as_secs_f64(),
        (started.elapsed() - scored).as_secs_f64()
    ));
    Ok(())
}
