//! `wardscore score`: score, rate and rank every unit.

use super::*;

pub(super) fn run(
    criteria: &str,
    data: &Path,
    input: &DataOptions,
    output: &OutputOptions,
    profile: &ProfileOptions,
    what_if: &WhatIf,
    env: &mut Env,
) -> Result<(), Failure> {
    let (linked, profile, to) =
        prepare_report(criteria, data, input, output, profile, what_if, env)?;
    let started = std::time::Instant::now();
    let ranked = pipeline::rank(linked, data, input, to.format().keeps(), env)?;
    let scored = started.elapsed();
    let mut stamp = stamp(&ranked.loaded, Some((data, &ranked.data_sha256)));
    results::stamp_results(&mut stamp, &ranked.sources);
    if let Some(staged) = &ranked.staged {
        stages::stamp_stages(&mut stamp, &ranked.loaded.set, staged);
    }
    let cx = context(&ranked.loaded.set, env, &stamp, &profile, output);
    to.emit(&cx, &Document::Ranking(&ranked.eval))?;
    env.verbose(Detail::Ranked {
        units: ranked.eval.units.len(),
        scored,
        written: started.elapsed() - scored,
    });
    Ok(())
}
