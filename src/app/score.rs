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
    let (linked, profile, to) = prepare_report(
        "score", criteria, data, input, output, profile, what_if, env,
    )?;
    let started = std::time::Instant::now();
    let ranked = pipeline::rank(linked, data, input, to.format().needs(), env)?;
    let scored = started.elapsed();
    let mut stamp = stamp(&ranked.loaded, Some((data, ranked.data_sha256.as_deref())));
    results::stamp_results(&mut stamp, &ranked.sources);
    if let Some(staged) = &ranked.staged {
        stages::stamp_stages(&mut stamp, &ranked.loaded.set, staged);
    }
    let cx = context(&ranked.loaded.set, env, &stamp, &profile, output);
    to.emit(&cx, &Document::Ranking(&ranked.eval))
        .map_err(|failure| too_large_refused(overflow_rejects(failure, data)))?;
    env.verbose(Detail::Ranked {
        units: ranked.eval.units.len(),
        scored,
        written: started.elapsed() - scored,
    });
    Ok(())
}

/// A unit re-scored for the report whose score no decimal holds rejects
/// the input (exit 3), as it does when found while ranking.
fn overflow_rejects(failure: Failure, data: &Path) -> Failure {
    match failure {
        Failure::Runtime(e) => match e.downcast::<engine::ScoreOverflow>() {
            Ok(overflow) => score_refused(data)(overflow),
            Err(e) => Failure::Runtime(e),
        },
        other => other,
    }
}

/// A ranking past what its format holds (a Word report of more units than
/// it lists) is a request the tool cannot do: exit 2, with the refusal
/// alone, in the run's language.
fn too_large_refused(failure: Failure) -> Failure {
    match failure {
        Failure::Runtime(e) => match e.downcast::<crate::report::TooLarge>() {
            Ok(refused) => Failure::Usage(anyhow::Error::new(crate::i18n::Said::new(refused.0))),
            Err(e) => Failure::Runtime(e),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Written to a file, a report's failure comes with the file's context:
    /// an overflow under it still rejects the input, other failures stay.
    #[test]
    fn an_overflow_while_rendering_rejects_the_input() {
        let overflow = engine::ScoreOverflow {
            unit: "P01".into(),
            input_index: 0,
            part: engine::OverflowedPart::Score,
        };
        let rendered = anyhow::Error::new(overflow.clone()).context("cannot write bc.json");
        let data = Path::new("thi-dua.csv");
        match overflow_rejects(Failure::Runtime(rendered), data) {
            Failure::Rejected(rejected) => {
                assert_eq!(rejected.total(), 1);
                assert_eq!(rejected.problems[0].message, overflow);
            }
            other => panic!("not rejected: {other:?}"),
        }
        let io = anyhow::Error::new(io::Error::other("disk full"));
        assert!(matches!(
            overflow_rejects(Failure::Runtime(io), data),
            Failure::Runtime(_)
        ));
    }
}
