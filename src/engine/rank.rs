//! Ranking: compare units on the set's keys, share ranks on full ties
//! (1, 1, 3), and list equal ranks in Vietnamese alphabetical order.

use std::cmp::Ordering;

use rayon::prelude::*;
use rust_decimal::Decimal;

use crate::collate::VietnameseOrder;
use crate::exact;
use crate::model::{CompactStore, CompactUnit, RankKey};

/// The points a unit's `position`-th ranking key reads.
fn key_points(store: &CompactStore, u: &CompactUnit, position: usize, key: RankKey) -> Decimal {
    match key {
        RankKey::Score => u.score,
        RankKey::Group(_) | RankKey::Criterion(_) => store.key(u, position),
        RankKey::Met | RankKey::Gates => Decimal::ZERO,
    }
}

/// Higher-first comparison on the ranking keys only (Less = ranks better).
pub fn compare_keys(
    keys: &[RankKey],
    store: &CompactStore,
    a: &CompactUnit,
    b: &CompactUnit,
) -> Ordering {
    keys.iter()
        .enumerate()
        .map(|(position, &key)| match key {
            RankKey::Score => exact::cmp(b.score, a.score),
            RankKey::Met => b.met.cmp(&a.met),
            RankKey::Gates => a.gates_failed.cmp(&b.gates_failed),
            RankKey::Group(_) | RankKey::Criterion(_) => exact::cmp(
                key_points(store, b, position, key),
                key_points(store, a, position, key),
            ),
        })
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// Below this many units one thread sorts and makes the keys: handing
/// work to other threads costs more than it saves.
const SORT_IN_PARALLEL: usize = 50_000;

/// Sorts by `compare`, a total order (so an unstable sort gives the one
/// order there is), on the threads of the run's pool when there are many.
fn sort<T: Send>(units: &mut [T], compare: impl Fn(&T, &T) -> Ordering + Sync) {
    if units.len() < SORT_IN_PARALLEL {
        units.sort_unstable_by(&compare);
    } else {
        units.par_sort_unstable_by(&compare);
    }
}

/// Rearranges `units` so that position `k` holds what was at `from[k]`,
/// following each cycle of the permutation (`from` is used up). Each
/// cycle's first unit is set aside and every other one is copied once into
/// the place just emptied, which is in the cache: one miss per unit (the
/// unit read), where swapping also missed on the place written. `from`
/// must be a permutation (the caller's sorted positions are): anything
/// else ends, but with units lost and others twice.
#[expect(
    clippy::cast_possible_truncation,
    reason = "positions are below from.len(), which the caller keeps within u32"
)]
fn permute<T: Clone>(units: &mut [T], from: &mut [u32]) {
    for start in 0..from.len() {
        if from[start] as usize == start {
            continue;
        }
        let first = units[start].clone();
        let mut at = start;
        loop {
            let next = from[at] as usize;
            from[at] = at as u32;
            // `next == at` only if `from` is not a permutation: stop there.
            if next == start || next == at {
                units[at] = first;
                break;
            }
            units[at] = units[next].clone();
            at = next;
        }
    }
}

/// Sorts units into rank order and fills the rank and, when the set has
/// clusters, the cluster rank.
pub fn rank(
    units: &mut [CompactUnit],
    store: &CompactStore,
    keys: &[RankKey],
    order: &VietnameseOrder,
    clustered: bool,
) {
    match integer_keys(units, store, keys, Packing::WhereTheyFit) {
        Some(IntegerKeys::Packed(integers)) => {
            rank_by_integer_keys(units, store, integers, order, clustered);
        }
        Some(IntegerKeys::Wide(integers)) => {
            rank_by_integer_keys(units, store, integers, order, clustered);
        }
        None => rank_by_keys(units, store, keys, order, clustered),
    }
}

/// The tie-breaks after the ranking keys: name in Vietnamese order, id,
/// then the file position, so that the order is total.
fn tie_break(
    store: &CompactStore,
    order: &VietnameseOrder,
    a: &CompactUnit,
    b: &CompactUnit,
) -> Ordering {
    order
        .compare(store.name(a), store.name(b))
        .then_with(|| store.id(a).cmp(store.id(b)))
        .then_with(|| a.input_index().cmp(&b.input_index()))
}

/// Ranking keys compared as decimals, one unit against another.
fn rank_by_keys(
    units: &mut [CompactUnit],
    store: &CompactStore,
    keys: &[RankKey],
    order: &VietnameseOrder,
    clustered: bool,
) {
    // The order is total (the file position breaks the last tie), so an
    // unstable sort gives the same result as a stable one, without its
    // buffer of half the units.
    sort(units, |a, b| {
        compare_keys(keys, store, a, b).then_with(|| tie_break(store, order, a, b))
    });
    let tied = |units: &[CompactUnit], p: usize, i: usize| {
        compare_keys(keys, store, &units[p], &units[i]).is_eq()
    };
    assign_ranks(units, store, clustered, tied);
}

/// At most this many ranking keys are turned into integers.
const INTEGER_KEYS: usize = 4;

/// A unit's ranking keys as integers that sort ascending in rank order
/// (higher points first become smaller numbers), and its position.
type IntegerKey = ([i64; INTEGER_KEYS], u32);

/// Every unit's ranking keys as integers, with its position: each key
/// shifted to start at 0 and packed, first key highest, into one `u64`
/// when their ranges fit 64 bits together (a fraction of the memory and
/// one comparison), or else one `i64` per key.
#[derive(Debug)]
enum IntegerKeys {
    Packed(Vec<(u64, u32)>),
    Wide(Vec<IntegerKey>),
}

/// Whether [`integer_keys`] may pack the keys (tests ask for wide ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Packing {
    WhereTheyFit,
    #[cfg(test)]
    Never,
}

/// Every unit's [`IntegerKeys`], all points at the largest scale among
/// them: `None` when a value does not fit 64 bits there, or the set ranks
/// on more keys (the caller then compares decimals).
#[expect(
    clippy::cast_possible_truncation,
    reason = "a unit's position is below units.len(), checked first to fit u32"
)]
fn integer_keys(
    units: &[CompactUnit],
    store: &CompactStore,
    keys: &[RankKey],
    packing: Packing,
) -> Option<IntegerKeys> {
    if keys.len() > INTEGER_KEYS || u32::try_from(units.len()).is_err() {
        return None;
    }
    let points = |u: &CompactUnit, position: usize, key: RankKey| match key {
        RankKey::Score | RankKey::Group(_) | RankKey::Criterion(_) => {
            Some(key_points(store, u, position, key))
        }
        RankKey::Met | RankKey::Gates => None,
    };
    let scale = fold_units(
        units,
        || 0,
        |scale, _, u| {
            keys.iter()
                .enumerate()
                .filter_map(|(position, &key)| points(u, position, key))
                .fold(scale, |scale, d| scale.max(d.scale()))
        },
        u32::max,
    );
    let integers = |u: &CompactUnit| -> Option<[i64; INTEGER_KEYS]> {
        let mut key = [0i64; INTEGER_KEYS];
        for (position, (&k, slot)) in keys.iter().zip(&mut key).enumerate() {
            *slot = match k {
                RankKey::Met => -i64::from(u.met),
                RankKey::Gates => i64::from(u.gates_failed),
                _ => exact::at_scale(points(u, position, k)?, scale)?.checked_neg()?,
            };
        }
        Some(key)
    };
    // Each key's smallest value and largest, or `None` when a unit's keys
    // leave 64 bits.
    let (low, high) = fold_units(
        units,
        || Some(([i64::MAX; INTEGER_KEYS], [i64::MIN; INTEGER_KEYS])),
        |range, _, u| {
            let (mut low, mut high) = range?;
            for ((l, h), k) in low.iter_mut().zip(&mut high).zip(integers(u)?) {
                *l = (*l).min(k);
                *h = (*h).max(k);
            }
            Some((low, high))
        },
        |a, b| {
            let ((mut low, mut high), (other_low, other_high)) = (a?, b?);
            for (l, o) in low.iter_mut().zip(other_low) {
                *l = (*l).min(o);
            }
            for (h, o) in high.iter_mut().zip(other_high) {
                *h = (*h).max(o);
            }
            Some((low, high))
        },
    )?;
    // Every unit's keys were made above: none is missing below.
    let integers = |u: &CompactUnit| integers(u).unwrap_or([0; INTEGER_KEYS]);
    let bits: Vec<u32> = low
        .iter()
        .zip(high)
        .take(keys.len())
        .map(|(&l, h)| {
            if h >= l {
                u64::BITS - h.abs_diff(l).leading_zeros()
            } else {
                0
            }
        })
        .collect();
    let packs = packing == Packing::WhereTheyFit && bits.iter().sum::<u32>() <= u64::BITS;
    if packs {
        let packed = map_units(units, |i, u| {
            let packed =
                integers(u)
                    .iter()
                    .zip(&low)
                    .zip(&bits)
                    .fold(0u64, |packed, ((&k, &l), &b)| {
                        // Within the key's range, so it fits its `b` bits; a key of
                        // 64 bits is the only one, so nothing is shifted out.
                        packed.checked_shl(b).unwrap_or(0) | k.abs_diff(l)
                    });
            (packed, i as u32)
        });
        return Some(IntegerKeys::Packed(packed));
    }
    Some(IntegerKeys::Wide(map_units(units, |i, u| {
        (integers(u), i as u32)
    })))
}

/// Folds every unit (with its position) into one `A`: on the run's pool
/// when there are many, the pieces' results joined by `reduce`.
fn fold_units<A: Send>(
    units: &[CompactUnit],
    identity: impl Fn() -> A + Sync + Send,
    fold: impl Fn(A, usize, &CompactUnit) -> A + Sync + Send,
    reduce: impl Fn(A, A) -> A + Sync + Send,
) -> A {
    if units.len() < SORT_IN_PARALLEL {
        return units
            .iter()
            .enumerate()
            .fold(identity(), |a, (i, u)| fold(a, i, u));
    }
    units
        .par_iter()
        .enumerate()
        .fold(&identity, |a, (i, u)| fold(a, i, u))
        .reduce(&identity, reduce)
}

/// `f` of every unit (with its position), in order: on the run's pool
/// when there are many.
fn map_units<T: Send>(
    units: &[CompactUnit],
    f: impl Fn(usize, &CompactUnit) -> T + Sync + Send,
) -> Vec<T> {
    if units.len() < SORT_IN_PARALLEL {
        return units.iter().enumerate().map(|(i, u)| f(i, u)).collect();
    }
    let mut out = Vec::with_capacity(units.len());
    units
        .par_iter()
        .enumerate()
        .map(|(i, u)| f(i, u))
        .collect_into_vec(&mut out);
    out
}

/// Ranking keys compared as integers, made once per unit: a sort of a
/// million units compares them some twenty million times.
fn rank_by_integer_keys<K: Ord + Send + Sync>(
    units: &mut [CompactUnit],
    store: &CompactStore,
    mut integers: Vec<(K, u32)>,
    order: &VietnameseOrder,
    clustered: bool,
) {
    {
        let units = &*units;
        sort(&mut integers, |a, b| {
            a.0.cmp(&b.0)
                .then_with(|| tie_break(store, order, &units[a.1 as usize], &units[b.1 as usize]))
        });
    }
    let mut from: Vec<u32> = integers.iter().map(|(_, i)| *i).collect();
    permute(units, &mut from);
    drop(from);
    let tied = |_: &[CompactUnit], p: usize, i: usize| integers[p].0 == integers[i].0;
    assign_ranks(units, store, clustered, tied);
}

/// Fills ranks and cluster ranks of units in rank order; `tied(units, p,
/// i)` says whether units `p` and `i` are equal on every ranking key.
fn assign_ranks(
    units: &mut [CompactUnit],
    store: &CompactStore,
    clustered: bool,
    tied: impl Fn(&[CompactUnit], usize, usize) -> bool,
) {
    // One pass in rank order. Competition ranking: a unit tied with the
    // one before shares its rank. Per cluster slot: how many units it has
    // so far, the last one's rank and its position.
    let mut state: Vec<(u32, u32, usize)> = if clustered {
        vec![(0, 0, 0); store.clusters() + 1]
    } else {
        Vec::new()
    };
    for i in 0..units.len() {
        let position = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let r = match i.checked_sub(1) {
            Some(p) if tied(units, p, i) => units[p].rank,
            _ => position,
        };
        units[i].rank = r;
        let slot = store.cluster_slot(&units[i]);
        if let Some(&(count, last_rank, last)) = state.get(slot) {
            let r = if count > 0 && tied(units, last, i) {
                last_rank
            } else {
                count + 1
            };
            state[slot] = (count + 1, r, i);
            units[i].set_cluster_rank(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CompactEvaluation, GateResult, Keep, RatingIdx, Status, UnitResult, Value};
    use proptest::prelude::*;

    /// The units in the one store, ranking on `keys`.
    fn stored(units: &[UnitResult], keys: &[RankKey]) -> CompactEvaluation {
        let mut eval = CompactEvaluation::new(
            Decimal::ONE_HUNDRED,
            keys,
            2,
            Keep::Points,
            crate::engine::compact::RESCORER,
        );
        for u in units {
            eval.push(u, &u.criterion_points(), &[], keys, 0);
        }
        eval
    }

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
            rating: RatingIdx::BEST,
            rating_before_quota: RatingIdx::BEST,
            rating_before_downgrade: RatingIdx::BEST,
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
            let eval = stored(&units, &keys);
            let packed = integer_keys(&eval.units, &eval.store, &keys, Packing::WhereTheyFit);
            prop_assert!(matches!(packed, Some(IntegerKeys::Packed(_))));
            let wide = integer_keys(&eval.units, &eval.store, &keys, Packing::Never);
            let Some(IntegerKeys::Wide(wide)) = wide else {
                return Err(TestCaseError::fail("wide keys"));
            };
            let (mut by_packed, mut by_wide) = (eval.units.clone(), eval.units.clone());
            let mut by_decimals = eval.units.clone();
            rank(&mut by_packed, &eval.store, &keys, &order, clustered);
            rank_by_integer_keys(&mut by_wide, &eval.store, wide, &order, clustered);
            rank_by_keys(&mut by_decimals, &eval.store, &keys, &order, clustered);
            prop_assert_eq!(&by_packed, &by_decimals);
            prop_assert_eq!(by_wide, by_decimals);
        }
    }

    #[test]
    fn decimals_beyond_integer_keys_are_compared_as_decimals() {
        let keys = [RankKey::Score];
        // 3 at 19 places is 3 × 10^19: more than 64 bits.
        let eval = stored(
            &[
                unit(0, Decimal::new(1, 19), 0, 0, Decimal::ZERO, "A", None),
                unit(1, Decimal::new(3, 0), 0, 0, Decimal::ZERO, "B", None),
            ],
            &keys,
        );
        assert!(integer_keys(&eval.units, &eval.store, &keys, Packing::WhereTheyFit).is_none());
        let huge = Decimal::new(i64::MAX, 0) * Decimal::TEN;
        let units = stored(&[unit(0, huge, 0, 0, Decimal::ZERO, "A", None)], &keys).units;
        assert!(integer_keys(&units, &eval.store, &keys, Packing::WhereTheyFit).is_none());
        let five = [
            RankKey::Score,
            RankKey::Met,
            RankKey::Gates,
            RankKey::Group(0),
            RankKey::Score,
        ];
        assert!(integer_keys(&units, &eval.store, &five, Packing::WhereTheyFit).is_none());
        // Either way the order is the same.
        let (a, b) = (Decimal::new(1, 19), Decimal::new(2, 19));
        let mut eval = stored(
            &[
                unit(0, a, 0, 0, Decimal::ZERO, "A", None),
                unit(1, b, 0, 0, Decimal::ZERO, "B", None),
            ],
            &keys,
        );
        rank(
            &mut eval.units,
            &eval.store,
            &keys,
            &VietnameseOrder::new(),
            false,
        );
        let units = &eval.units;
        assert_eq!(units.iter().map(|u| u.rank).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(units[0].score, b);
    }

    /// Keys whose ranges need more than 64 bits together stay one integer
    /// each, and rank as decimals do.
    #[test]
    fn keys_too_wide_to_pack_stay_wide() {
        let keys = [RankKey::Score, RankKey::Group(0)];
        let wide = Decimal::new(1 << 40, 0);
        let units: Vec<UnitResult> = [
            (Decimal::ZERO, wide),
            (wide, Decimal::ZERO),
            (wide, wide),
            (Decimal::ZERO, Decimal::ZERO),
        ]
        .iter()
        .enumerate()
        .map(|(i, &(score, group))| unit(i, score, 0, 0, group, "A", None))
        .collect();
        let eval = stored(&units, &keys);
        let integers = integer_keys(&eval.units, &eval.store, &keys, Packing::WhereTheyFit);
        assert!(
            matches!(integers, Some(IntegerKeys::Wide(_))),
            "{integers:?}"
        );
        let order = VietnameseOrder::new();
        let (mut by_integers, mut by_decimals) = (eval.units.clone(), eval.units.clone());
        rank(&mut by_integers, &eval.store, &keys, &order, false);
        rank_by_keys(&mut by_decimals, &eval.store, &keys, &order, false);
        let inputs: Vec<usize> = by_integers.iter().map(CompactUnit::input_index).collect();
        assert_eq!(inputs, vec![2, 1, 0, 3]);
        assert_eq!(by_integers, by_decimals);
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
    fn many_units_are_folded_and_mapped_in_order_on_the_pool() {
        let eval = stored(
            &[unit(0, Decimal::ONE, 0, 0, Decimal::ZERO, "A", None)],
            &[RankKey::Score],
        );
        let n = SORT_IN_PARALLEL * 2 + 17;
        let units = vec![eval.units[0].clone(); n];
        let positions = map_units(&units, |i, _| i);
        assert_eq!(positions, (0..n).collect::<Vec<_>>());
        let sum = fold_units(&units, || 0usize, |sum, i, _| sum + i, |a, b| a + b);
        assert_eq!(sum, n * (n - 1) / 2);
        let largest = fold_units(&units, || None, |m, i, _| m.max(Some(i)), Option::max);
        assert_eq!(largest, Some(n - 1));
    }

    /// Above the threshold the keys are made on the pool: they rank as
    /// comparing decimals does, and one too wide for 64 bits still sends
    /// the ranking to the decimals.
    #[test]
    fn integer_keys_made_on_the_pool_rank_as_decimals_do() {
        let keys = [RankKey::Score, RankKey::Met, RankKey::Group(0)];
        let n = SORT_IN_PARALLEL + 1234;
        let units: Vec<UnitResult> = (0..n)
            .map(|i| {
                let small = |k: usize| u32::try_from(i % k).unwrap();
                let score = Decimal::new(i64::from(small(1000) * 7919 % 1000), small(3));
                let group = Decimal::new(i64::from(small(17)), 1);
                // `unit` numbers ids for a hundred units at most.
                let mut u = unit(i % 100, score, small(5), 0, group, "A", None);
                u.input_index = i;
                u.id = format!("U{i:06}");
                u
            })
            .collect();
        let order = VietnameseOrder::new();
        let eval = stored(&units, &keys);
        let packed = integer_keys(&eval.units, &eval.store, &keys, Packing::WhereTheyFit);
        assert!(matches!(packed, Some(IntegerKeys::Packed(_))));
        let (mut by_integers, mut by_decimals) = (eval.units.clone(), eval.units.clone());
        rank(&mut by_integers, &eval.store, &keys, &order, false);
        rank_by_keys(&mut by_decimals, &eval.store, &keys, &order, false);
        assert!(by_integers == by_decimals);
        let mut wide = units;
        wide[n / 2].score = Decimal::MAX;
        let eval = stored(&wide, &keys);
        assert!(integer_keys(&eval.units, &eval.store, &keys, Packing::WhereTheyFit).is_none());
    }

    #[test]
    fn parallel_sort_gives_the_one_thread_order() {
        // Above the threshold, with many equal keys (ties broken by position).
        let n = SORT_IN_PARALLEL * 2 + 17;
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
            let mut from: Vec<u32> = (0..u32::try_from(len).unwrap()).collect();
            // Fisher–Yates with a tiny generator.
            let mut s = seed | 1;
            for i in (1..len).rev() {
                s ^= s << 13; s ^= s >> 7; s ^= s << 17;
                from.swap(i, usize::try_from(s % (i as u64 + 1)).unwrap());
            }
            let original: Vec<usize> = (100..100 + len).collect();
            let mut units = original.clone();
            let expected: Vec<usize> = from.iter().map(|&k| original[k as usize]).collect();
            permute(&mut units, &mut from.clone());
            prop_assert_eq!(&units, &expected);
        }
    }
}
