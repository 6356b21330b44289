//! What the engine produces. Plain data: renderers format it, nothing here
//! computes.

use rust_decimal::Decimal;

use super::Value;

/// Whether a criterion (or gate) was scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Scored,
    NotApplicable,
    /// Blank under `missing = "zero"`: earns 0 and is flagged.
    Missing,
}

impl Status {
    /// The contract's JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scored => "scored",
            Status::NotApplicable => "not_applicable",
            Status::Missing => "missing",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CriterionResult {
    pub value: Value,
    /// Rounded to the set's precision.
    pub points: Decimal,
    pub max: Decimal,
    pub met: bool,
    pub status: Status,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GateResult {
    pub value: Value,
    pub passed: bool,
    pub status: Status,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdjustmentResult {
    pub value: Value,
    /// After this adjustment's own cap.
    pub amount: Decimal,
    /// Before any cap: `per × value`.
    pub uncapped: Decimal,
}

/// Everything computed for one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitResult {
    /// Position of the unit in the data file (0-based).
    pub input_index: usize,
    pub id: String,
    pub name: String,
    pub cluster: Option<String>,
    /// Indexed like `CriteriaSet::criteria`.
    pub criteria: Vec<CriterionResult>,
    /// Sum of rounded points per group, indexed like `CriteriaSet::groups`.
    pub groups: Vec<Decimal>,
    pub gates: Vec<GateResult>,
    pub adjustments: Vec<AdjustmentResult>,
    pub earned: Decimal,
    pub applicable_max: Decimal,
    pub full_max: Decimal,
    /// `earned`, rescaled to `full_max` when something is N/A.
    pub base: Decimal,
    /// Bonus before the set-wide cap.
    pub bonus_total: Decimal,
    pub bonus: Decimal,
    /// Deductions before the set-wide cap.
    pub deductions_total: Decimal,
    pub deductions: Decimal,
    pub score: Decimal,
    pub met: u32,
    pub applicable: u32,
    /// Index into `CriteriaSet::ratings`.
    pub rating: usize,
    pub rating_before_quota: usize,
    pub rank: u32,
    pub cluster_rank: Option<u32>,
}

impl UnitResult {
    pub fn gates_failed(&self) -> impl Iterator<Item = usize> + '_ {
        self.gates
            .iter()
            .enumerate()
            .filter(|(_, g)| !g.passed)
            .map(|(i, _)| i)
    }

    pub fn gates_failed_count(&self) -> usize {
        self.gates.iter().filter(|g| !g.passed).count()
    }

    pub fn quota_lowered(&self) -> bool {
        self.rating != self.rating_before_quota
    }

    pub fn is_rescaled(&self) -> bool {
        self.applicable_max != self.full_max
    }
}

/// All units, scored, rated and listed in rank order.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub full_max: Decimal,
    pub units: Vec<UnitResult>,
}

impl Evaluation {
    /// Find a unit by id, or by name (case-insensitive, NFC) when no id matches.
    ///
    /// `loose` is a second, looser key (e.g. without tone marks, for names
    /// typed without Vietnamese input): it is used only when it matches
    /// exactly one unit.
    pub fn find(
        &self,
        key: &str,
        normalise: impl Fn(&str) -> String,
        loose: impl Fn(&str) -> String,
    ) -> Option<&UnitResult> {
        let wanted = normalise(key);
        let exact = self
            .units
            .iter()
            .find(|u| normalise(&u.id) == wanted)
            .or_else(|| self.units.iter().find(|u| normalise(&u.name) == wanted));
        exact.or_else(|| {
            let wanted = loose(key);
            let mut matches = self.units.iter().filter(|u| loose(&u.name) == wanted);
            match (matches.next(), matches.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        })
    }
}
