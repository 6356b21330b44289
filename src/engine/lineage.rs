//! Merged units in a comparison: each new unit of the last period beside
//! the old units it came from, with their figures in the earlier periods.
//! Scores are shown side by side, never added or averaged: a new unit's
//! score is not the sum or mean of its predecessors'.

use std::collections::HashMap;

use super::ScoreOverflow;
use super::compare::{Figures, Version, columns};
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

/// The new units the links name, in the last version's rank order.
pub fn merged_units(
    versions: &[Version<'_>],
    links: &[LineageLink],
) -> Result<Vec<MergedUnit>, ScoreOverflow> {
    let mut columns = columns(versions);
    let Some((last, earlier)) = columns.split_last_mut() else {
        return Ok(Vec::new());
    };
    let Some(version) = versions.last() else {
        return Ok(Vec::new());
    };
    // Each new unit's links, in the order the file lists them.
    let mut from_links: HashMap<&str, Vec<&LineageLink>> = HashMap::new();
    for l in links {
        from_links.entry(l.new_id.as_str()).or_default().push(l);
    }
    let mut merged = Vec::new();
    for u in &version.eval.units {
        let id = version.eval.store.id(u);
        let Some(links) = from_links.get(id) else {
            continue;
        };
        let mut from = Vec::with_capacity(links.len());
        for l in links {
            let found: Vec<_> = earlier.iter().map(|c| c.find(&l.old_id)).collect();
            let name = earlier
                .iter()
                .zip(&found)
                .rev()
                .find_map(|(c, o)| o.map(|o| c.name(o).to_string()))
                .unwrap_or_default();
            let figures = earlier
                .iter_mut()
                .zip(&found)
                .map(|(c, o)| o.map(|o| c.figures(o)).transpose())
                .collect::<Result<_, _>>()?;
            from.push(Predecessor {
                id: l.old_id.clone(),
                name,
                figures,
            });
        }
        merged.push(MergedUnit {
            id: id.to_string(),
            name: version.eval.store.name(u).to_string(),
            now: last.figures(u)?,
            from,
        });
    }
    Ok(merged)
}
