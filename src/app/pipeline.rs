//! How a ranking run executes, decided in one place: whether the data is
//! streamed into the one result store (read in one part or two, scored
//! alongside the reading) or read whole (when values come from other sets'
//! results, matched by unit id once every unit is read), and what the store
//! keeps for the report.

use super::*;
use crate::model::{CompactEvaluation, Keep};

/// A ranking, with what produced it.
pub(super) struct Ranked {
    pub(super) loaded: LoadedSet,
    pub(super) data_sha256: String,
    pub(super) eval: CompactEvaluation,
    pub(super) sources: Vec<ScoredSource>,
}

/// Reads `data`, scores every unit into the one store keeping `keep`, and
/// ranks and rates them.
pub(super) fn rank(
    linked: LinkedSet,
    data: &Path,
    input: &DataOptions,
    keep: Keep,
    lang: Lang,
) -> Result<Ranked, Failure> {
    let order = VietnameseOrder::new();
    // Values read from other sets' results are matched by unit id once
    // every unit is read: such data is read whole.
    if !linked.sources.is_empty() || !input.result.is_empty() {
        let (loaded, data_file, sources) = results::load_data_with(linked, data, input, lang)?;
        let eval = engine::compact::rank_dataset(&loaded.set, &data_file.dataset, keep, &order);
        return Ok(Ranked {
            loaded,
            data_sha256: data_file.sha256,
            eval,
            sources,
        });
    }
    let loaded = linked.loaded;
    let set = &loaded.set;
    let (data_file, scoring) = match score_in_two_parts(set, data, input, keep, split::MIN_BYTES)? {
        Some(parts) => parts,
        // Scoring keeps the second core busy: parse on this thread.
        None => score_alongside(set, keep, |sink| {
            load_data_each(set, data, input, false, sink)
        })?,
    };
    let eval = scoring.finish(&order);
    Ok(Ranked {
        data_sha256: data_file.sha256,
        loaded,
        eval,
        sources: Vec::new(),
    })
}
