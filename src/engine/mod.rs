//! The engine: pure functions from a criteria set and unit data to results.
//! No I/O, no formatting.

pub mod compact;
pub mod compare;
pub mod derive;
pub mod explain;
pub mod lineage;
pub mod prepared;
pub mod rank;
pub mod rating;
pub mod rules;
pub mod score;
pub mod sensitivity;
pub mod stages;
#[cfg(test)]
mod tests;

use crate::collate::VietnameseOrder;
use crate::model::{CriteriaSet, Dataset, Evaluation};

/// Scores, ranks and rates every unit; units come back in rank order.
pub fn evaluate(set: &CriteriaSet, data: &Dataset, order: &VietnameseOrder) -> Evaluation {
    let mut scorer = score::Scorer::new(set);
    let mut units: Vec<_> = data
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| scorer.score(i, u.view()).clone())
        .collect();
    rank::rank(
        &mut units,
        &(),
        &set.ranking,
        order,
        set.columns.cluster.is_some(),
    );
    rating::rate(set, &mut units, &());
    Evaluation {
        full_max: set.full_max(),
        units,
    }
}
