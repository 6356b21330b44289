//! Data read in review stages (tự chấm → thẩm định → phúc tra): which
//! stage each value came from, what the earlier stages had, and what a
//! later stage changed. Plain data: the loader fills it, the engine adds
//! the points that moved, renderers show it.

use rust_decimal::Decimal;

use super::{Dataset, Value};

/// One stage as given on the command line (`--stage "Thẩm định=b.xlsx"`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StageSource {
    /// `Thẩm định`.
    pub stage: String,
    pub data_file: String,
    pub data_sha256: String,
}

/// One value a stage wrote into a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageEntry {
    /// Index into `Staging::stages`.
    pub stage: usize,
    /// As written (trimmed).
    pub text: String,
    /// As read, when the data as this stage left it could be bound.
    pub value: Option<Value>,
}

/// Where one cell's value came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CellStages {
    /// The latest stage whose cell was not blank (0 when none was, as for
    /// a value read from another set's result).
    pub stage: usize,
    /// Every stage whose cell was not blank, earliest first.
    pub entries: Vec<StageEntry>,
}

/// One unit's cells, indexed like `CriteriaSet::inputs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitStages {
    pub id: String,
    pub cells: Vec<CellStages>,
}

/// A cell a later stage changed, and the points that moved with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageChange {
    /// Index into `Staging::units` (the unit's position in the first stage).
    pub unit: usize,
    /// The stage that changed it (never the first).
    pub stage: usize,
    /// Index into `CriteriaSet::inputs`.
    pub input: usize,
    /// As written in the stage before and in this one.
    pub from: String,
    pub to: String,
    /// The same, as read (`None` where that data could not be bound).
    pub from_value: Option<Value>,
    pub to_value: Option<Value>,
    /// The criteria, bonuses and deductions that read the column, by id.
    pub readers: Vec<String>,
    /// Change in the points of the criteria, bonuses and deductions that
    /// read this column, between the data as the stage before left it and
    /// as this stage left it; `None` when the earlier data could not be
    /// scored (it held a value a later stage corrected).
    pub moved: Option<Decimal>,
    /// The unit's score as the stage before left it (`None`: as above) and
    /// as this stage left it.
    pub score_before: Option<Decimal>,
    pub score_after: Decimal,
}

/// Everything known about the stages of a run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Staging {
    /// Earliest first.
    pub stages: Vec<StageSource>,
    /// Indexed like the merged dataset's units.
    pub units: Vec<UnitStages>,
    /// The data as it stood after each stage but the last (the last is the
    /// merged dataset itself); `None` when that data could not be bound.
    pub as_of: Vec<Option<Dataset>>,
    /// Filled by the engine (`engine::stages::changes`), in unit order,
    /// then stage, then column.
    pub changes: Vec<StageChange>,
}

impl Staging {
    pub fn label(&self, stage: usize) -> &str {
        self.stages.get(stage).map_or("", |s| s.stage.as_str())
    }

    /// The changes of the unit at `unit` (its position in the data).
    pub fn changes_of(&self, unit: usize) -> impl Iterator<Item = &StageChange> {
        self.changes.iter().filter(move |c| c.unit == unit)
    }
}
