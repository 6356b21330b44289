//! Merged units in a comparison: each new unit of the last period beside
//! the old units it came from, with their figures in the earlier periods.
//! Scores are shown side by side, never added or averaged: a new unit's
//! score is not the sum or mean of its predecessors'.

use std::collections::HashMap;

use super::ScoreOverflow;
use super::compare::{Compared, Figures};
use crate::model::LineageLink;

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

/// The new units the links name, in the last version's rank order, read
/// from what the comparison keeps of each version.
pub fn merged_units(
    compared: &Compared<'_>,
    links: &[LineageLink],
) -> Result<Vec<MergedUnit>, ScoreOverflow> {
    // Each new unit's links, in the order the file lists them.
    let mut from_links: HashMap<&str, Vec<&LineageLink>> = HashMap::new();
    for l in links {
        from_links.entry(l.new_id.as_str()).or_default().push(l);
    }
    let mut merged = Vec::new();
    for (id, name, now) in compared.last_units() {
        let (Some(links), Some(now)) = (from_links.get(id), now) else {
            continue;
        };
        let from = links
            .iter()
            .map(|l| {
                let (name, figures) = compared.earlier(&l.old_id);
                Predecessor {
                    id: l.old_id.clone(),
                    name,
                    figures,
                }
            })
            .collect();
        merged.push(MergedUnit {
            id: id.to_string(),
            name: name.to_string(),
            now,
            from,
        });
    }
    Ok(merged)
}
