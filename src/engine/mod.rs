//! The engine: pure functions from a criteria set and unit data to results.
//! No I/O, no formatting.

pub mod compact;
pub mod compare;
pub mod derive;
pub mod downgrade;
pub mod explain;
pub mod lineage;
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
use crate::model::{CriteriaSet, Dataset, Evaluation};
pub use score::{OverflowedPart, ScoreOverflow};

/// Scores, ranks and rates every unit; units come back in rank order. A
/// unit whose score no decimal holds refuses the whole ranking. Relative
/// criteria are scored against every scope's reference values, worked out
/// from the whole dataset first.
pub fn evaluate(
    set: &CriteriaSet,
    data: &Dataset,
    order: &VietnameseOrder,
) -> Result<Evaluation, ScoreOverflow> {
    let references = relative::references(
        set,
        data.units.iter().map(|u| u.view()).enumerate(),
        &relative::considered(set),
    );
    let mut scorer = score::Scorer::new(set).with_references(references);
    let mut units: Vec<_> = data
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| scorer.score(i, u.view()).cloned())
        .collect::<Result<_, _>>()?;
    standing::settle(set, &mut units, &(), order);
    Ok(Evaluation {
        full_max: set.full_max(),
        units,
    })
}
