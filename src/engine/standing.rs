//! A unit's standing among the others, once every unit is scored: units
//! not considered ("chưa xét") set apart, ranks, shared first places, and
//! ratings with their downgrades and quotas. Every ranking settles its
//! units here, in the one result store.

use super::rank;
use super::rating;
use crate::collate::VietnameseOrder;
use crate::model::{CompactStore, CompactUnit, CriteriaSet};

/// Ranks and rates `units`. Units not considered come last, in the order
/// the ranking keys give them, with no rank and no rating; they take no
/// part in ranks, shared first places or quota populations.
pub fn settle(
    set: &CriteriaSet,
    units: &mut [CompactUnit],
    store: &CompactStore,
    order: &VietnameseOrder,
) {
    let clustered = set.columns.cluster.is_some();
    let considered = set_apart(units);
    let (ranked, apart) = units.split_at_mut(considered);
    rank::rank(ranked, store, &set.ranking, order, clustered);
    mark_tied_first(ranked, store, clustered);
    rating::rate(set, ranked, store);
    if !apart.is_empty() {
        rank::rank(apart, store, &set.ranking, order, clustered);
        let last = set.fallback_rating().stored();
        for u in apart {
            leave_unranked(u, last);
        }
    }
}

/// Moves the units not considered after the others, each side keeping its
/// order; returns how many are considered.
fn set_apart(units: &mut [CompactUnit]) -> usize {
    if units.iter().any(CompactUnit::is_excluded) {
        units.sort_by_key(CompactUnit::is_excluded);
    }
    units.iter().take_while(|u| !u.is_excluded()).count()
}

/// No rank and no rating for a unit not considered; `last` fills the
/// rating fields, which nothing reads for such a unit.
fn leave_unranked(u: &mut CompactUnit, last: u8) {
    u.rank = 0;
    u.set_cluster_rank(0);
    u.tied_first = false;
    u.rating = last;
    u.rating_before_quota = last;
    u.rating_before_downgrade = last;
}

/// Marks the units that share rank 1 of their cluster (or of all units,
/// without clusters). Nothing breaks such a tie but the ranking keys: the
/// cluster's vote settles it.
fn mark_tied_first(units: &mut [CompactUnit], store: &CompactStore, clustered: bool) {
    // Units at rank 1 are counted per scope: their cluster's slot, or
    // all in the last slot.
    let all = store.clusters();
    let scope = |u: &CompactUnit| {
        if clustered {
            store.cluster_slot(u)
        } else {
            all
        }
    };
    let first = |u: &CompactUnit| {
        if clustered {
            u.cluster_rank() == Some(1)
        } else {
            u.rank == 1
        }
    };
    // One pass over every unit; then only the first ones are visited again.
    let mut firsts = vec![0usize; all + 1];
    let mut at_first = Vec::new();
    for (i, u) in units.iter_mut().enumerate() {
        u.tied_first = false;
        if first(u) {
            firsts[scope(u)] += 1;
            at_first.push(i);
        }
    }
    for i in at_first {
        if let Some(u) = units.get_mut(i) {
            u.tied_first = firsts[scope(u)] > 1;
        }
    }
}

#[cfg(test)]
mod tests;
