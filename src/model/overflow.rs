//! A unit whose score no decimal can hold: found by the engine as it
//! scores, and the input's fault (exit 3) wherever it surfaces, re-scoring
//! for a report included. Its words are the engine's
//! (`ScoreOverflow::message`).

/// A unit whose score no decimal can hold: the run is refused rather than
/// ranking a saturated or unscaled number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreOverflow {
    /// The unit's id, as in its data.
    pub unit: String,
    /// Its place in the data (0-based).
    pub input_index: usize,
    pub part: OverflowedPart,
}

/// Which figure of a unit's score could not be represented.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverflowedPart {
    /// An adjustment's points per item times its count (its id).
    Adjustment(String),
    Bonuses,
    Deductions,
    /// The sum of criterion points, or of a group's (its id).
    Criteria(Option<String>),
    /// Earned points rescaled for criteria that do not apply.
    Rescaled,
    /// Base, bonuses and deductions together.
    Score,
}
