//! How a run executes, decided in one place: how many threads it uses
//! (`-j`, default the machine's cores), whether the data is streamed into
//! the one result store (read in one part or two, scored alongside the
//! reading) or read whole (when values come from other sets' results,
//! matched by unit id once every unit is read), and what the store keeps
//! for the report. The loader and the engine know nothing of threads.

use super::*;
use crate::load::data::ReadPlan;
use crate::model::CompactEvaluation;
use crate::report::Needs;

/// Sets the threads of the run's pool (parallel sorts and formatting):
/// `threads`, or the machine's cores.
pub(super) fn use_threads(threads: Option<u16>) {
    let builder = rayon::ThreadPoolBuilder::new();
    let builder = match threads {
        Some(n) => builder.num_threads(usize::from(n)),
        None => builder,
    };
    // Only fails when a pool was built already (tests calling `main` twice):
    // the first one stays.
    let _ = builder.build_global();
}

/// The threads the run may use.
fn threads() -> usize {
    rayon::current_num_threads()
}

/// How a data file read whole, with nothing else running, is read: CSV
/// parsed on a thread of its own while another binds, when there are two.
pub(super) fn read_whole() -> ReadPlan {
    ReadPlan {
        parse_alongside: threads() >= 2,
        expected_rows: 0,
    }
}

/// How a data file is read while its units are scored as they come: on
/// this thread (scoring, or the other part, keeps another one busy).
const READ_AND_SCORE: ReadPlan = ReadPlan {
    parse_alongside: false,
    expected_rows: 0,
};

/// How a streamed data file is read and scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strategy {
    /// Read, bind and score one unit after another on this thread.
    OneThread,
    /// A large file as two parts, each read and scored on its own thread;
    /// a file that cannot be cut is read and bound on this thread and
    /// scored on another.
    TwoParts,
}

fn strategy(threads: usize) -> Strategy {
    match threads {
        0 | 1 => Strategy::OneThread,
        _ => Strategy::TwoParts,
    }
}

/// A ranking, with what produced it.
pub(super) struct Ranked {
    pub(super) loaded: LoadedSet,
    /// When the report shows it (see [`Needs`]); data read whole, which
    /// sets reading other sets' results and review stages are, always has it.
    pub(super) data_sha256: Option<String>,
    pub(super) eval: CompactEvaluation,
    pub(super) sources: Vec<ScoredSource>,
    /// The data merged from `--stage` files, for the stamp's stages.
    pub(super) staged: Option<DataFile>,
}

/// Reads `data`, scores every unit into the one store keeping what the
/// report `needs`, and ranks and rates them.
pub(super) fn rank(
    linked: LinkedSet,
    data: &Path,
    input: &DataOptions,
    needs: Needs,
    env: &Env,
) -> Result<Ranked, Failure> {
    let keep = needs.keep;
    let order = VietnameseOrder::new();
    // Values read from other sets' results are matched by unit id once
    // every unit is read, and review stages are merged cell by cell: such
    // data is read whole.
    if !linked.sources.is_empty() || !input.result.is_empty() || !input.stage.is_empty() {
        let (loaded, data_file, sources) = results::load_data_with(linked, data, input, env)?;
        let eval = engine::compact::rank_dataset(&loaded.set, &data_file.dataset, keep, &order)
            .map_err(score_refused(data))?;
        let data_sha256 = Some(data_file.sha256.clone());
        // The stamp lists the cells each later stage changed, which needs
        // the merged data.
        let staged = data_file.staging.is_some().then_some(data_file);
        return Ok(Ranked {
            loaded,
            data_sha256,
            eval,
            sources,
            staged,
        });
    }
    let loaded = linked.loaded;
    let set = &loaded.set;
    let how = strategy(threads());
    let parts = match how {
        Strategy::TwoParts => score_in_two_parts(
            set,
            data,
            input,
            needs,
            READ_AND_SCORE,
            split::MIN_BYTES,
            env,
        )?,
        Strategy::OneThread => None,
    };
    let (data_file, scoring) = match (parts, how) {
        (Some(parts), _) => parts,
        (None, Strategy::OneThread) => {
            let mut scoring = CompactScoring::new(set, keep);
            let read = load_data_each(
                set,
                data,
                input,
                READ_AND_SCORE,
                needs.data_hash,
                env,
                &mut |i, u| scoring.push(i, u),
            )?;
            (read, scoring)
        }
        // Scoring keeps the second core busy: parse on this thread.
        (None, Strategy::TwoParts) => score_alongside(set, keep, |sink| {
            load_data_each(set, data, input, READ_AND_SCORE, needs.data_hash, env, sink)
        })?,
    };
    let eval = scoring.finish(&order).map_err(score_refused(data))?;
    Ok(Ranked {
        data_sha256: data_file.sha256,
        loaded,
        eval,
        sources: Vec::new(),
        staged: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_thread_reads_scores_and_ranks_in_turn() {
        assert_eq!(strategy(1), Strategy::OneThread);
        assert_eq!(strategy(0), Strategy::OneThread);
        assert_eq!(strategy(2), Strategy::TwoParts);
        assert_eq!(strategy(16), Strategy::TwoParts);
    }
}
