//! The engine: pure functions from a criteria set and unit data to results.
//! No I/O, no formatting.

pub mod compact;
pub mod compare;
pub mod derive;
pub mod downgrade;
pub mod explain;
pub mod lineage;
mod nearest_rank;
pub mod prepared;
pub mod rank;
pub mod rating;
pub mod relative;
pub mod rules;
pub mod score;
pub mod sensitivity;
pub mod stages;
pub mod standing;
#[cfg(test)]
mod tests;

use crate::collate::VietnameseOrder;
use crate::model::{CriteriaSet, Dataset, Evaluation, Keep};
pub use crate::model::{OverflowedPart, ScoreOverflow};

/// Scores, ranks and rates every unit in the one result store, then gives
/// every unit in full; units come back in rank order. A unit whose score
/// no decimal holds refuses the whole ranking. Relative criteria are
/// scored against every scope's reference values, worked out from the
/// whole dataset first and kept with the store for the re-scoring.
pub fn evaluate(
    set: &CriteriaSet,
    data: &Dataset,
    order: &VietnameseOrder,
) -> Result<Evaluation, ScoreOverflow> {
    compact::full(set, &compact::rank_dataset(set, data, Keep::Values, order)?)
}
