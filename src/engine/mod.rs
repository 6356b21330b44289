//! The engine: pure functions from a criteria set and unit data to results.
//! No I/O, no formatting.

pub mod compact;
pub mod compare;
pub mod derive;
pub mod explain;
pub mod prepared;
pub mod rank;
pub mod rating;
pub mod rules;
pub mod score;
pub mod sensitivity;
#[cfg(test)]
mod tests;

use crate::collate::VietnameseOrder;
use crate::model::{CriteriaSet, Dataset, Evaluation, Keep};

/// Scores, ranks and rates every unit in the one result store, then gives
/// every unit in full; units come back in rank order.
pub fn evaluate(set: &CriteriaSet, data: &Dataset, order: &VietnameseOrder) -> Evaluation {
    compact::full(set, &compact::rank_dataset(set, data, Keep::Values, order))
}
