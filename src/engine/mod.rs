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
use crate::model::{CriteriaSet, Dataset, Evaluation};
pub use score::{OverflowedPart, ScoreOverflow};

/// Scores, ranks and rates every unit; units come back in rank order. A
/// unit whose score no decimal holds refuses the whole ranking.
pub fn evaluate(
    set: &CriteriaSet,
    data: &Dataset,
    order: &VietnameseOrder,
) -> Result<Evaluation, ScoreOverflow> {
    let mut scorer = score::Scorer::new(set);
    let mut units: Vec<_> = data
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| scorer.score(i, u.view()).cloned())
        .collect::<Result<_, _>>()?;
    rank::rank(
        &mut units,
        &(),
        &set.ranking,
        order,
        set.columns.cluster.is_some(),
    );
    rating::rate(set, &mut units, &());
    Ok(Evaluation {
        full_max: set.full_max(),
        units,
    })
}
