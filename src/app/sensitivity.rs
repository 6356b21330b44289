//! `wardscore sensitivity`: how stable ratings and places are when points
//! and thresholds vary.

use super::*;
use crate::engine::sensitivity::Progress;

#[allow(clippy::too_many_arguments)]
pub(super) fn run(
    criteria: &str,
    data: &Path,
    runs: u32,
    seed: u64,
    vary: &[String],
    flag: &str,
    input: &DataOptions,
    output: &OutputOptions,
    what_if: &WhatIf,
    env: &mut Env,
) -> Result<(), Failure> {
    let linked = load_linked(criteria, what_if, env)?;
    let variation = parse_variation(vary)?;
    let flag_share = parse_share(flag).ok_or_else(|| {
        Failure::usage(ArgMessage::Flag {
            flag: flag.to_string(),
        })
    })?;
    let to = Destination::prepare(
        "sensitivity",
        output,
        &run_inputs(&linked, data, input, None),
        env,
    )?;
    let (loaded, data_file, sources) = results::load_data_with(linked, data, input, env)?;
    // A bar only for work that takes a while, only on a terminal.
    let work = u64::from(runs) * data_file.dataset.units.len() as u64;
    let bar = if env.ui.shows_progress() && work >= 200_000 {
        indicatif::ProgressBar::new(u64::from(runs))
    } else {
        indicatif::ProgressBar::hidden()
    };
    let result = engine::sensitivity::sensitivity(
        &loaded.set,
        &data_file.dataset,
        &VietnameseOrder::new(),
        runs,
        seed,
        variation,
        flag_share,
        &|step| match step {
            Progress::Run => bar.inc(1),
            // Another pass over the same runs: the bar grows by as many.
            Progress::Pass { runs } => bar.inc_length(u64::from(runs)),
        },
    );
    bar.finish_and_clear();
    let result = result.map_err(score_refused(data))?;
    let mut stamp = stamp(&loaded, Some((data, Some(&data_file.sha256))));
    results::stamp_results(&mut stamp, &sources);
    stages::stamp_stages(&mut stamp, &loaded.set, &data_file);
    let profile = set_profile(&loaded.set);
    let cx = context(&loaded.set, env, &stamp, &profile, output);
    to.emit(&cx, &Document::Sensitivity(&result))
}

/// A share: `10%` or `0.1`, within 0..=1.
pub(super) fn parse_share(text: &str) -> Option<rust_decimal::Decimal> {
    use rust_decimal::Decimal;
    let text = text.trim();
    let value = match text.strip_suffix('%') {
        Some(pct) => pct.trim().parse::<Decimal>().ok()? / Decimal::ONE_HUNDRED,
        None => text.parse::<Decimal>().ok()?,
    };
    (value >= Decimal::ZERO && value <= Decimal::ONE).then_some(value)
}

/// `--vary points=10%` and/or `--vary thresholds=5%`; points ±10% by default.
pub(super) fn parse_variation(vary: &[String]) -> Result<engine::sensitivity::Variation, Failure> {
    // Points vary ±10% unless told otherwise; thresholds only when asked.
    let mut v = engine::sensitivity::Variation {
        points: rust_decimal::Decimal::new(1, 1),
        thresholds: rust_decimal::Decimal::ZERO,
    };
    for item in vary {
        let parsed = item
            .split_once('=')
            .and_then(|(what, share)| Some((what.trim(), parse_share(share)?)));
        match parsed {
            Some(("points", share)) => v.points = share,
            Some(("thresholds", share)) => v.thresholds = share,
            _ => {
                return Err(Failure::usage(ArgMessage::Vary { item: item.clone() }));
            }
        }
    }
    Ok(v)
}
