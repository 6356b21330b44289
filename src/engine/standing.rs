//! A unit's standing among the others, once every unit is scored: units
//! not considered ("chưa xét") set apart, ranks, shared first places, and
//! ratings with their downgrades and quotas. Both the full and the compact
//! evaluation settle their units here.

use super::rank::{self, Contender};
use super::rating;
use crate::collate::VietnameseOrder;
use crate::model::CriteriaSet;

/// Ranks and rates `units`. Units not considered come last, in the order
/// the ranking keys give them, with no rank and no rating; they take no
/// part in ranks, shared first places or quota populations.
pub fn settle<T: Contender + Send + Sync>(
    set: &CriteriaSet,
    units: &mut [T],
    store: &T::Store,
    order: &VietnameseOrder,
) where
    T::Store: Sync,
{
    let clustered = set.columns.cluster.is_some();
    let considered = set_apart(units);
    let (ranked, apart) = units.split_at_mut(considered);
    rank::rank(ranked, store, &set.ranking, order, clustered);
    mark_tied_first(ranked, store, clustered);
    rating::rate(set, ranked, store);
    if !apart.is_empty() {
        rank::rank(apart, store, &set.ranking, order, clustered);
        let last = set.ratings.len().saturating_sub(1);
        for u in apart {
            u.leave_unranked(last);
        }
    }
}

/// Moves the units not considered after the others, each side keeping its
/// order; returns how many are considered.
fn set_apart<T: Contender>(units: &mut [T]) -> usize {
    if units.iter().any(|u| u.excluded() != 0) {
        units.sort_by_key(|u| u.excluded() != 0);
    }
    units.iter().take_while(|u| u.excluded() == 0).count()
}

/// Marks the units that share rank 1 of their cluster (or of all units,
/// without clusters). Nothing breaks such a tie but the ranking keys: the
/// cluster's vote settles it.
fn mark_tied_first<T: Contender>(units: &mut [T], store: &T::Store, clustered: bool) {
    let first = |u: &T| {
        if clustered {
            u.cluster_rank() == Some(1)
        } else {
            u.rank() == 1
        }
    };
    let mut firsts: hashbrown::HashMap<Option<&str>, usize> = hashbrown::HashMap::default();
    for u in units.iter().filter(|u| first(u)) {
        let scope = if clustered { u.cluster(store) } else { None };
        *firsts.entry(scope).or_default() += 1;
    }
    let shared: Vec<bool> = units
        .iter()
        .map(|u| {
            let scope = if clustered { u.cluster(store) } else { None };
            first(u) && firsts.get(&scope).is_some_and(|&n| n > 1)
        })
        .collect();
    drop(firsts);
    for (u, tied) in units.iter_mut().zip(shared) {
        u.set_tied_first(tied);
    }
}

#[cfg(test)]
mod tests;
