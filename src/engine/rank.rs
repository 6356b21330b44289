//! Ranking: compare units on the set's keys, share ranks on full ties
//! (1, 1, 3), and list equal ranks in Vietnamese alphabetical order.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::collate::VietnameseOrder;
use crate::exact;
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
            RankKey::Score => exact::cmp(b.score(), a.score()),
            RankKey::Met => b.met().cmp(&a.met()),
            RankKey::Gates => a.gates_failed().cmp(&b.gates_failed()),
            RankKey::Group(_) | RankKey::Criterion(_) => exact::cmp(
                b.key_points(store, position, key),
                a.key_points(store, position, key),
            ),
        })
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// Below this many units one thread sorts; above, two sort a half each.
const SORT_ON_TWO_THREADS: usize = 50_000;

/// Sorts by `compare`, a total order: halves on two threads, then merged,
/// also on two threads (one takes the smallest from the front, the other
/// the largest from the back). The merge works on positions (4 bytes a
/// unit) and moves each unit once, so no second copy of the units is made.
fn sort<T: Send + Sync>(units: &mut [T], compare: impl Fn(&T, &T) -> Ordering + Sync) {
    let n = units.len();
    if n < SORT_ON_TWO_THREADS || u32::try_from(n).is_err() {
        units.sort_unstable_by(&compare);
        return;
    }
    let mid = n / 2;
    {
        let (left, right) = units.split_at_mut(mid);
        std::thread::scope(|scope| {
            scope.spawn(|| left.sort_unstable_by(&compare));
            right.sort_unstable_by(&compare);
        });
    }
    // `from[k]`: the position of the unit that belongs at `k`. Ties go to
    // the left half first; as the order is total, there are none between
    // halves, and both ends agree on where they meet.
    let units_ref = &*units;
    let front = n / 2;
    let (mut from, back) = std::thread::scope(|scope| {
        let back = scope.spawn(|| {
            let (mut i, mut j) = (mid, n);
            let mut back: Vec<u32> = Vec::with_capacity(n - front);
            while back.len() < n - front {
                // The largest remaining: from the right half unless the
                // left's is larger, or the right half is used up.
                let left_larger =
                    i > 0 && (j == mid || compare(&units_ref[i - 1], &units_ref[j - 1]).is_gt());
                if left_larger {
                    i -= 1;
                    back.push(i as u32);
                } else {
                    j -= 1;
                    back.push(j as u32);
                }
            }
            back
        });
        let mut from: Vec<u32> = Vec::with_capacity(n);
        let (mut i, mut j) = (0, mid);
        while from.len() < front {
            let right_smaller =
                j < n && (i == mid || compare(&units_ref[j], &units_ref[i]).is_lt());
            if right_smaller {
                from.push(j as u32);
                j += 1;
            } else {
                from.push(i as u32);
                i += 1;
            }
        }
        (from, back.join())
    });
    match back {
        Ok(back) => from.extend(back.into_iter().rev()),
        // A panic in `compare` is a bug: let it surface as one.
        Err(panic) => std::panic::resume_unwind(panic),
    }
    permute(units, &mut from);
}

/// Rearranges `units` so that position `k` holds what was at `from[k]`,
/// following each cycle of the permutation (`from` is used up).
fn permute<T>(units: &mut [T], from: &mut [u32]) {
    for start in 0..from.len() {
        let mut at = start;
        loop {
            let next = from[at] as usize;
            from[at] = at as u32;
            if next == start || next == at {
                break;
            }
            units.swap(at, next);
            at = next;
        }
    }
}

/// Sorts units into rank order and fills the rank and, when the set has
/// clusters, the cluster rank.
pub fn rank<T: Contender + Send + Sync>(
    units: &mut [T],
    store: &T::Store,
    keys: &[RankKey],
    order: &VietnameseOrder,
    clustered: bool,
) where
    T::Store: Sync,
{
    // The order is total (the file position breaks the last tie), so an
    // unstable sort gives the same result as a stable one, without its
    // buffer of half the units.
    sort(units, |a, b| {
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
        // foldhash (hashbrown's default): a million lookups of cluster names
        // chosen by the province, not by an attacker.
        let mut state: hashbrown::HashMap<Option<&str>, (u32, u32, usize)> =
            hashbrown::HashMap::default();
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
        drop(state);
        for (u, r) in units.iter_mut().zip(ranks) {
            u.set_cluster_rank(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn permute_follows_every_cycle() {
        let mut units = vec!['a', 'b', 'c', 'd', 'e'];
        // Position k receives what was at from[k]: a 3-cycle, a 1-cycle and a swap.
        let mut from = vec![2, 0, 1, 3, 4];
        permute(&mut units, &mut from);
        assert_eq!(units, vec!['c', 'a', 'b', 'd', 'e']);
        let mut units = vec![1, 2, 3, 4];
        permute(&mut units, &mut [3, 2, 1, 0]);
        assert_eq!(units, vec![4, 3, 2, 1]);
    }

    #[test]
    fn two_thread_sort_gives_the_one_thread_order() {
        // Above the threshold, with many equal keys (ties broken by position).
        let n = SORT_ON_TWO_THREADS * 2 + 17;
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut units: Vec<(u32, usize)> = (0..n)
            .map(|i| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                ((state % 1000) as u32, i)
            })
            .collect();
        let mut expected = units.clone();
        let compare = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        expected.sort_unstable_by(compare);
        sort(&mut units, compare);
        assert_eq!(units, expected);
    }

    proptest! {
        #[test]
        fn any_permutation_is_applied(len in 0usize..60, seed in any::<u64>()) {
            let mut from: Vec<u32> = (0..len as u32).collect();
            // Fisher–Yates with a tiny generator.
            let mut s = seed | 1;
            for i in (1..len).rev() {
                s ^= s << 13; s ^= s >> 7; s ^= s << 17;
                from.swap(i, (s % (i as u64 + 1)) as usize);
            }
            let original: Vec<usize> = (100..100 + len).collect();
            let mut units = original.clone();
            let expected: Vec<usize> = from.iter().map(|&k| original[k as usize]).collect();
            permute(&mut units, &mut from.clone());
            prop_assert_eq!(units, expected);
        }
    }
}
