//! Ranking: compare units on the set's keys, share ranks on full ties
//! (1, 1, 3), and list equal ranks in Vietnamese alphabetical order.

use std::cmp::Ordering;

use crate::collate::VietnameseOrder;
use crate::model::{RankKey, UnitResult};

/// Higher-first comparison on the ranking keys only (Less = ranks better).
pub fn compare_keys(keys: &[RankKey], a: &UnitResult, b: &UnitResult) -> Ordering {
    keys.iter()
        .map(|key| match *key {
            RankKey::Score => b.score.cmp(&a.score),
            RankKey::Met => b.met.cmp(&a.met),
            RankKey::Gates => a.gates_failed_count().cmp(&b.gates_failed_count()),
            RankKey::Group(g) => b.groups[g].cmp(&a.groups[g]),
            RankKey::Criterion(c) => b.criteria[c].points.cmp(&a.criteria[c].points),
        })
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// Sorts units into rank order and fills `rank` and `cluster_rank`.
pub fn rank(units: &mut [UnitResult], keys: &[RankKey], order: &VietnameseOrder, clustered: bool) {
    units.sort_by(|a, b| {
        compare_keys(keys, a, b)
            .then_with(|| order.compare(&a.name, &b.name))
            .then_with(|| a.id.cmp(&b.id))
    });
    assign(units.iter_mut(), keys, |u, r| u.rank = r);
    if clustered {
        // One pass in rank order, remembering per cluster how many units it
        // has so far and its last unit, instead of one scan per cluster.
        let mut state: std::collections::HashMap<Option<&str>, (u32, u32, usize)> =
            std::collections::HashMap::new();
        let mut ranks = Vec::with_capacity(units.len());
        for (i, u) in units.iter().enumerate() {
            let entry = state.entry(u.cluster.as_deref()).or_insert((0, 0, i));
            let (count, last_rank, last) = *entry;
            let r = if count > 0 && compare_keys(keys, &units[last], u).is_eq() {
                last_rank
            } else {
                count + 1
            };
            *entry = (count + 1, r, i);
            ranks.push(r);
        }
        for (u, r) in units.iter_mut().zip(ranks) {
            u.cluster_rank = Some(r);
        }
    }
}

/// Competition ranking over units already in order.
fn assign<'a>(
    units: impl Iterator<Item = &'a mut UnitResult>,
    keys: &[RankKey],
    mut set: impl FnMut(&mut UnitResult, u32),
) {
    let mut previous: Option<(&UnitResult, u32)> = None;
    // Ranks are decided on a snapshot so a unit can compare with the one before.
    let units: Vec<&'a mut UnitResult> = units.collect();
    let mut ranks = Vec::with_capacity(units.len());
    for (position, u) in (1u32..).zip(&units) {
        let r = match previous {
            Some((p, r)) if compare_keys(keys, p, u).is_eq() => r,
            _ => position,
        };
        ranks.push(r);
        previous = Some((u, r));
    }
    for (u, r) in units.into_iter().zip(ranks) {
        set(u, r);
    }
}
