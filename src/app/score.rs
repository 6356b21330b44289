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
    let started = std::time::Instant::now();
    let ranked = pipeline::rank(linked, data, input, to.format().keeps(), l)?;
    let scored = started.elapsed();
    let mut stamp = stamp(&ranked.loaded, Some((data, &ranked.data_sha256)));
    results::stamp_results(&mut stamp, &ranked.sources);
    if let Some(staged) = &ranked.staged {
        stages::stamp_stages(&mut stamp, &ranked.loaded.set, staged);
    }
    let cx = context(&ranked.loaded.set, *lang, &stamp, &profile, output);
    to.emit(&cx, &Document::Ranking(&ranked.eval))?;
    verbose(format_args!(
        "{} units read, scored and ranked in {:.2} s; report written in {:.2} s",
        ranked.eval.units.len(),
        scored.as_secs_f64(),
        (started.elapsed() - scored).as_secs_f64()
    ));
    Ok(())
}
