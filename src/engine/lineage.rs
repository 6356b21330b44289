//! Merged units in a comparison: each new unit of the last period beside
//! the old units it came from, with their figures in the earlier periods.
//! Scores are shown side by side, never added or averaged: a new unit's
//! score is not the sum or mean of its predecessors'.

use std::collections::HashMap;

use super::compare::{Figures, Version, figures};
use crate::model::{LineageLink, UnitResult};

/// An old unit and its figures in each earlier version.
#[derive(Debug, Clone, PartialEq)]
pub struct Predecessor {
    pub id: String,
    pub name: String,
    /// One per version but the last; `None` where the unit is absent.
    pub figures: Vec<Option<Figures>>,
}

/// A new unit, its figures in the last version, and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedUnit {
    pub id: String,
    pub name: String,
    pub now: Figures,
    /// In the order the lineage file lists them.
    pub from: Vec<Predecessor>,
}

/// The new units the links name, in the last version's rank order.
pub fn merged_units(versions: &[Version<'_>], links: &[LineageLink]) -> Vec<MergedUnit> {
    let Some((last, earlier)) = versions.split_last() else {
        return Vec::new();
    };
    let lookups: Vec<HashMap<&str, &UnitResult>> = earlier
        .iter()
        .map(|v| v.eval.units.iter().map(|u| (u.id.as_str(), u)).collect())
        .collect();
    last.eval
        .units
        .iter()
        .filter_map(|u| {
            let from: Vec<Predecessor> = links
                .iter()
                .filter(|l| l.new_id == u.id)
                .map(|l| {
                    let found: Vec<Option<&UnitResult>> = lookups
                        .iter()
                        .map(|lookup| lookup.get(l.old_id.as_str()).copied())
                        .collect();
                    let name = found
                        .iter()
                        .rev()
                        .flatten()
                        .next()
                        .map_or_else(String::new, |o| o.name.clone());
                    Predecessor {
                        id: l.old_id.clone(),
                        name,
                        figures: earlier
                            .iter()
                            .zip(&found)
                            .map(|(v, o)| o.map(|o| figures(v.set, o)))
                            .collect(),
                    }
                })
                .collect();
            (!from.is_empty()).then(|| MergedUnit {
                id: u.id.clone(),
                name: u.name.clone(),
                now: figures(last.set, u),
                from,
            })
        })
        .collect()
}
