//! Merged units (sáp nhập, from 1/7/2025): which old unit went into which
//! new one, for comparing periods across the reorganisation.

/// An old unit and the new unit it went into (`--lineage`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineageLink {
    pub old_id: String,
    pub new_id: String,
}
