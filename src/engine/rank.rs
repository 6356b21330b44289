//! Ranking: compare units on the set's keys, share ranks on full ties
//! (1, 1, 3), and list equal ranks in Vietnamese alphabetical order.

use std::cmp::Ordering;
use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::collate::VietnameseOrder;
use crate::model::{CriteriaSet, RankKey, UnitResult};

/// What ranking and rating read and write on a unit, whether it is kept in
/// full ([`UnitResult`]) or compactly ([`crate::model::CompactUnit`]).
/// `Store` is where a compact unit keeps its texts and tie-break points.
pub trait Contender {
    type Store: ?Sized;
    fn score(&self) -> Decimal;
    fn met(&self) -> u32;
    fn gates_failed(&self) -> usize;
    /// The points a `group:` or `criterion:` ranking key reads; `position`
    /// is the key's place in the set's ranking list.
    fn key_points(&self, store: &Self::Store, position: usize, key: RankKey) -> Decimal;
    fn name<'a>(&'a self, store: &'a Self::Store) -> &'a str;
    fn id<'a>(&'a self, store: &'a Self::Store) -> &'a str;
    fn cluster<'a>(&'a self, store: &'a Self::Store) -> Option<&'a str>;
    /// Position in the data file: the last tie-break, so order is total.
    fn input_index(&self) -> usize;
    /// The first rating from `from` on whose own conditions (quotas aside)
    /// the unit meets; the last rating when none.
    fn first_qualifying(&self, set: &CriteriaSet, from: usize) -> usize;
    fn rank(&self) -> u32;
    fn cluster_rank(&self) -> Option<u32>;
    fn rating(&self) -> usize;
    fn rating_before_quota(&self) -> usize;
    fn set_rank(&mut self, rank: u32);
    fn set_cluster_rank(&mut self, rank: u32);
    fn set_rating(&mut self, rating: usize);
    fn set_rating_before_quota(&mut self, rating: usize);
}

impl Contender for UnitResult {
    type Store = ();
    fn score(&self) -> Decimal {
        self.score
    }
    fn met(&self) -> u32 {
        self.met
    }
    fn gates_failed(&self) -> usize {
        self.gates_failed_count()
    }
    fn key_points(&self, _: &(), _: usize, key: RankKey) -> Decimal {
        match key {
            RankKey::Group(g) => self.groups[g],
            RankKey::Criterion(c) => self.criteria[c].points,
            RankKey::Score | RankKey::Met | RankKey::Gates => Decimal::ZERO,
        }
    }
    fn name<'a>(&'a self, _: &'a ()) -> &'a str {
        &self.name
    }
    fn id<'a>(&'a self, _: &'a ()) -> &'a str {
        &self.id
    }
    fn cluster<'a>(&'a self, _: &'a ()) -> Option<&'a str> {
        self.cluster.as_deref()
    }
    fn input_index(&self) -> usize {
        self.input_index
    }
    fn first_qualifying(&self, set: &CriteriaSet, from: usize) -> usize {
        (from..set.ratings.len())
            .find(|&r| super::rating::qualifies(&set.ratings[r], self))
            .unwrap_or(set.ratings.len().saturating_sub(1))
    }
    fn rank(&self) -> u32 {
        self.rank
    }
    fn cluster_rank(&self) -> Option<u32> {
        self.cluster_rank
    }
    fn rating(&self) -> usize {
        self.rating
    }
    fn rating_before_quota(&self) -> usize {
        self.rating_before_quota
    }
    fn set_rank(&mut self, rank: u32) {
        self.rank = rank;
    }
    fn set_cluster_rank(&mut self, rank: u32) {
        self.cluster_rank = Some(rank);
    }
    fn set_rating(&mut self, rating: usize) {
        self.rating = rating;
    }
    fn set_rating_before_quota(&mut self, rating: usize) {
        self.rating_before_quota = rating;
    }
}

/// Higher-first comparison on the ranking keys only (Less = ranks better).
pub fn compare_keys<T: Contender>(keys: &[RankKey], store: &T::Store, a: &T, b: &T) -> Ordering {
    keys.iter()
        .enumerate()
        .map(|(position, &key)| match key {
            RankKey::Score => b.score().cmp(&a.score()),
            RankKey::Met => b.met().cmp(&a.met()),
            RankKey::Gates => a.gates_failed().cmp(&b.gates_failed()),
            RankKey::Group(_) | RankKey::Criterion(_) => b
                .key_points(store, position, key)
                .cmp(&a.key_points(store, position, key)),
        })
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// Sorts units into rank order and fills the rank and, when the set has
/// clusters, the cluster rank.
pub fn rank<T: Contender>(
    units: &mut [T],
    store: &T::Store,
    keys: &[RankKey],
    order: &VietnameseOrder,
    clustered: bool,
) {
    // The order is total (the file position breaks the last tie), so an
    // unstable sort gives the same result as a stable one, without its
    // buffer of half the units.
    units.sort_unstable_by(|a, b| {
        compare_keys(keys, store, a, b)
            .then_with(|| order.compare(a.name(store), b.name(store)))
            .then_with(|| a.id(store).cmp(b.id(store)))
            .then_with(|| a.input_index().cmp(&b.input_index()))
    });
    // Competition ranking: a unit tied with the one before shares its rank.
    for i in 0..units.len() {
        let position = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let r = match i.checked_sub(1) {
            Some(p) if compare_keys(keys, store, &units[p], &units[i]).is_eq() => units[p].rank(),
            _ => position,
        };
        units[i].set_rank(r);
    }
    if clustered {
        // One pass in rank order, remembering per cluster how many units it
        // has so far, the last one's rank and its position.
        let mut state: HashMap<Option<&str>, (u32, u32, usize)> = HashMap::new();
        let mut ranks = Vec::with_capacity(units.len());
        for (i, u) in units.iter().enumerate() {
            let entry = state.entry(u.cluster(store)).or_insert((0, 0, i));
            let (count, last_rank, last) = *entry;
            let r = if count > 0 && compare_keys(keys, store, &units[last], u).is_eq() {
                last_rank
            } else {
                count + 1
            };
            *entry = (count + 1, r, i);
            ranks.push(r);
        }
        for (u, r) in units.iter_mut().zip(ranks) {
            u.set_cluster_rank(r);
        }
    }
}
