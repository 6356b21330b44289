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
    /// Bit `d` set: the set's downgrade `d` holds for the unit.
    fn downgrades(&self) -> u64;
    /// Bit `x` set: the set's exclusion `x` holds (the unit is not considered).
    fn excluded(&self) -> u64;
    fn set_rating_before_downgrade(&mut self, rating: usize);
    fn set_tied_first(&mut self, tied: bool);
    /// No rank and no rating for a unit not considered; `last` fills the
    /// rating fields, which nothing reads for such a unit.
    fn leave_unranked(&mut self, last: usize);
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
    fn downgrades(&self) -> u64 {
        self.downgrades
    }
    fn excluded(&self) -> u64 {
        self.excluded
    }
    fn set_rating_before_downgrade(&mut self, rating: usize) {
        self.rating_before_downgrade = rating;
    }
    fn set_tied_first(&mut self, tied: bool) {
        self.tied_first = tied;
    }
    fn leave_unranked(&mut self, last: usize) {
        self.rank = 0;
        self.cluster_rank = None;
        self.tied_first = false;
        self.rating = last;
        self.rating_before_quota = last;
        self.rating_before_downgrade = last;
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
    permute_touching(units, from, |_| ());
}

/// How many places ahead on a cycle [`permute_touching`] touches.
const TOUCH_AHEAD: usize = 8;

/// [`permute`], touching (with `touch`, which reads the unit) the unit
/// [`TOUCH_AHEAD`] places further on the cycle at every step: the swaps
/// of a million units otherwise wait for memory one after another.
fn permute_touching<T>(units: &mut [T], from: &mut [u32], touch: impl Fn(&T)) {
    for start in 0..from.len() {
        if from[start] as usize == start {
            continue;
        }
        let mut at = start;
        // Past the cycle's end `from` points where it was placed: harmless.
        let mut ahead = start;
        for _ in 0..TOUCH_AHEAD {
            ahead = from[ahead] as usize;
            touch(&units[ahead]);
        }
        loop {
            let next = from[at] as usize;
            from[at] = at as u32;
            if next == start || next == at {
                break;
            }
            units.swap(at, next);
            at = next;
            ahead = from[ahead] as usize;
            touch(&units[ahead]);
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
    match integer_keys(units, store, keys) {
        Some(integers) => rank_by_integer_keys(units, store, integers, order, clustered),
        None => rank_by_keys(units, store, keys, order, clustered),
    }
}

/// The tie-breaks after the ranking keys: name in Vietnamese order, id,
/// then the file position, so that the order is total.
fn tie_break<T: Contender>(store: &T::Store, order: &VietnameseOrder, a: &T, b: &T) -> Ordering {
    order
        .compare(a.name(store), b.name(store))
        .then_with(|| a.id(store).cmp(b.id(store)))
        .then_with(|| a.input_index().cmp(&b.input_index()))
}

/// Ranking keys compared as decimals, one unit against another.
fn rank_by_keys<T: Contender + Send + Sync>(
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
        compare_keys(keys, store, a, b).then_with(|| tie_break(store, order, a, b))
    });
    let tied =
        |units: &[T], p: usize, i: usize| compare_keys(keys, store, &units[p], &units[i]).is_eq();
    assign_ranks(units, store, clustered, tied);
}

/// At most this many ranking keys are turned into integers.
const INTEGER_KEYS: usize = 4;

/// A unit's ranking keys as integers that sort ascending in rank order
/// (higher points first become smaller numbers), and its position.
type IntegerKey = ([i64; INTEGER_KEYS], u32);

/// Every unit's [`IntegerKey`], all points at the largest scale among
/// them: `None` when a value does not fit 64 bits there, or the set ranks
/// on more keys (the caller then compares decimals).
fn integer_keys<T: Contender>(
    units: &[T],
    store: &T::Store,
    keys: &[RankKey],
) -> Option<Vec<IntegerKey>> {
    if keys.len() > INTEGER_KEYS || u32::try_from(units.len()).is_err() {
        return None;
    }
    let points = |u: &T, position: usize, key: RankKey| match key {
        RankKey::Score => Some(u.score()),
        RankKey::Group(_) | RankKey::Criterion(_) => Some(u.key_points(store, position, key)),
        RankKey::Met | RankKey::Gates => None,
    };
    let mut scale = 0;
    for u in units {
        for (position, &key) in keys.iter().enumerate() {
            if let Some(d) = points(u, position, key) {
                scale = scale.max(d.scale());
            }
        }
    }
    let mut out = Vec::with_capacity(units.len());
    for (i, u) in units.iter().enumerate() {
        let mut key = [0i64; INTEGER_KEYS];
        for (position, (&k, slot)) in keys.iter().zip(&mut key).enumerate() {
            *slot = match k {
                RankKey::Met => -i64::from(u.met()),
                RankKey::Gates => i64::try_from(u.gates_failed()).ok()?,
                _ => exact::at_scale(points(u, position, k)?, scale)?.checked_neg()?,
            };
        }
        out.push((key, i as u32));
    }
    Some(out)
}

/// Ranking keys compared as integers, made once per unit: a sort of a
/// million units compares them some twenty million times.
fn rank_by_integer_keys<T: Contender + Send + Sync>(
    units: &mut [T],
    store: &T::Store,
    mut integers: Vec<IntegerKey>,
    order: &VietnameseOrder,
    clustered: bool,
) where
    T::Store: Sync,
{
    {
        let units = &*units;
        sort(&mut integers, |a, b| {
            a.0.cmp(&b.0)
                .then_with(|| tie_break(store, order, &units[a.1 as usize], &units[b.1 as usize]))
        });
    }
    let mut from: Vec<u32> = integers.iter().map(|&(_, i)| i).collect();
    permute_touching(units, &mut from, |u| {
        std::hint::black_box((u.input_index(), u.rank()));
    });
    drop(from);
    let tied = |_: &[T], p: usize, i: usize| integers[p].0 == integers[i].0;
    assign_ranks(units, store, clustered, tied);
}

/// Fills ranks and cluster ranks of units in rank order; `tied(units, p,
/// i)` says whether units `p` and `i` are equal on every ranking key.
fn assign_ranks<T: Contender>(
    units: &mut [T],
    store: &T::Store,
    clustered: bool,
    tied: impl Fn(&[T], usize, usize) -> bool,
) {
    // Competition ranking: a unit tied with the one before shares its rank.
    for i in 0..units.len() {
        let position = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let r = match i.checked_sub(1) {
            Some(p) if tied(units, p, i) => units[p].rank(),
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
            let r = if count > 0 && tied(units, last, i) {
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
    use crate::model::{GateResult, Status, Value};
    use proptest::prelude::*;

    /// A scored unit with what ranking reads; `failed` gates failed.
    fn unit(
        i: usize,
        score: Decimal,
        met: u32,
        failed: usize,
        group: Decimal,
        name: &str,
        cluster: Option<&str>,
    ) -> UnitResult {
        let gate = GateResult {
            value: Value::Missing,
            passed: false,
            status: Status::Missing,
        };
        UnitResult {
            input_index: i,
            id: format!("U{:03}", 100 - i),
            name: name.to_string(),
            cluster: cluster.map(str::to_string),
            criteria: Vec::new(),
            groups: vec![group],
            gates: vec![gate; failed],
            adjustments: Vec::new(),
            earned: score,
            applicable_max: Decimal::ONE_HUNDRED,
            full_max: Decimal::ONE_HUNDRED,
            base: score,
            bonus_total: Decimal::ZERO,
            bonus: Decimal::ZERO,
            deductions_total: Decimal::ZERO,
            deductions: Decimal::ZERO,
            score,
            met,
            applicable: 0,
            rating: 0,
            rating_before_quota: 0,
            rating_before_downgrade: 0,
            downgrades: 0,
            excluded: 0,
            rank: 0,
            cluster_rank: None,
            tied_first: false,
        }
    }

    proptest! {
        /// Integer keys rank exactly as comparing decimals does: the same
        /// order, ranks and cluster ranks, ties and tie-breaks included.
        #[test]
        fn integer_keys_rank_as_decimals_do(
            units in prop::collection::vec(
                (0i64..30, 0u32..3, 0u32..4, 0usize..3, -5i64..5, 0u32..3, 0usize..4, 0usize..3),
                0..80,
            ),
            keys in prop::sample::select(vec![
                vec![RankKey::Score, RankKey::Met, RankKey::Gates, RankKey::Group(0)],
                vec![RankKey::Group(0), RankKey::Score],
                vec![RankKey::Gates, RankKey::Met],
                vec![],
            ]),
            clustered in any::<bool>(),
        ) {
            let names = ["An", "Ân", "Bình", "an"];
            let clusters = ["Cụm 1", "Cụm 2", "Cụm 3"];
            let units: Vec<UnitResult> = units
                .iter()
                .enumerate()
                .map(|(i, &(s, s_scale, met, failed, g, g_scale, name, cluster))| {
                    unit(
                        i,
                        Decimal::new(s, s_scale),
                        met,
                        failed,
                        Decimal::new(g, g_scale),
                        names[name],
                        clustered.then_some(clusters[cluster]),
                    )
                })
                .collect();
            let order = VietnameseOrder::new();
            prop_assert!(integer_keys(&units, &(), &keys).is_some());
            let (mut by_integers, mut by_decimals) = (units.clone(), units);
            rank(&mut by_integers, &(), &keys, &order, clustered);
            rank_by_keys(&mut by_decimals, &(), &keys, &order, clustered);
            prop_assert_eq!(by_integers, by_decimals);
        }
    }

    #[test]
    fn decimals_beyond_integer_keys_are_compared_as_decimals() {
        let keys = [RankKey::Score];
        // 3 at 19 places is 3 × 10^19: more than 64 bits.
        let units = vec![
            unit(0, Decimal::new(1, 19), 0, 0, Decimal::ZERO, "A", None),
            unit(1, Decimal::new(3, 0), 0, 0, Decimal::ZERO, "B", None),
        ];
        assert!(integer_keys(&units, &(), &keys).is_none());
        let huge = Decimal::new(i64::MAX, 0) * Decimal::TEN;
        let units = vec![unit(0, huge, 0, 0, Decimal::ZERO, "A", None)];
        assert!(integer_keys(&units, &(), &keys).is_none());
        let five = [
            RankKey::Score,
            RankKey::Met,
            RankKey::Gates,
            RankKey::Group(0),
            RankKey::Score,
        ];
        assert!(integer_keys(&units, &(), &five).is_none());
        // Either way the order is the same.
        let (a, b) = (Decimal::new(1, 19), Decimal::new(2, 19));
        let mut units = vec![
            unit(0, a, 0, 0, Decimal::ZERO, "A", None),
            unit(1, b, 0, 0, Decimal::ZERO, "B", None),
        ];
        rank(&mut units, &(), &keys, &VietnameseOrder::new(), false);
        assert_eq!(units.iter().map(|u| u.rank).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(units[0].score, b);
    }

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
            prop_assert_eq!(&units, &expected);
            // Touching ahead reads only units of the permutation, and
            // changes nothing.
            let mut units = original.clone();
            permute_touching(&mut units, &mut from.clone(), |&u| assert!((100..100 + len).contains(&u)));
            prop_assert_eq!(units, expected);
        }
    }
}
