//! Ratings: the first rating whose conditions hold, lowered by downgrades,
//! then quotas applied best rating first, in rank order.

use rust_decimal::Decimal;

use crate::model::{
    CompactStore, CompactUnit, CriteriaSet, CriterionIdx, CriterionPoints, QuotaScope, Rating,
    RatingIdx, UnitResult,
};

/// Why a unit does not meet a rating's own conditions (quotas aside).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shortfall {
    Score { min: Decimal, short_by: Decimal },
    Gates { failed: Vec<usize> },
    MinMet { min: u32, met: u32 },
    AllMet { unmet: Vec<CriterionIdx> },
    Required { unmet: Vec<CriterionIdx> },
}

/// Every condition of `rating` that `unit` fails; empty when it qualifies.
pub fn shortfalls(rating: &Rating, unit: &UnitResult) -> Vec<Shortfall> {
    let mut out = Vec::new();
    if let Some(min) = rating.min_score
        && unit.score < min
    {
        out.push(Shortfall::Score {
            min,
            short_by: crate::exact::short_of(min, unit.score),
        });
    }
    if rating.all_gates {
        let failed: Vec<usize> = unit.gates_failed().collect();
        if !failed.is_empty() {
            out.push(Shortfall::Gates { failed });
        }
    }
    if let Some(min) = rating.min_met
        && unit.met < min
    {
        out.push(Shortfall::MinMet { min, met: unit.met });
    }
    let unmet = |c: CriterionIdx| unit.criterion(c).points().unmet();
    if rating.all_met {
        let list: Vec<CriterionIdx> = unit.criterion_indices().filter(|&c| unmet(c)).collect();
        if !list.is_empty() {
            out.push(Shortfall::AllMet { unmet: list });
        }
    }
    let required: Vec<CriterionIdx> = rating
        .required
        .iter()
        .copied()
        .filter(|&c| unmet(c))
        .collect();
    if !required.is_empty() {
        out.push(Shortfall::Required { unmet: required });
    }
    out
}

/// Whether every condition holds; the same test as an empty
/// [`shortfalls`], without building the list (this runs for every unit).
/// `criteria` are the unit's criterion points: the scorer of a ranking
/// keeps no full result per criterion.
pub fn qualifies(rating: &Rating, unit: &UnitResult, criteria: &[CriterionPoints]) -> bool {
    let unmet = |c: CriterionIdx| {
        criteria
            .get(c.position())
            .is_some_and(CriterionPoints::unmet)
    };
    rating.min_score.is_none_or(|min| unit.score >= min)
        && (!rating.all_gates || unit.gates.iter().all(|g| g.passed))
        && rating.min_met.is_none_or(|min| unit.met >= min)
        && (!rating.all_met || !criteria.iter().any(CriterionPoints::unmet))
        && !rating.required.iter().any(|&c| unmet(c))
}

/// Fills the rating before and after quotas. `units` must be in rank order
/// with ranks assigned.
pub fn rate(set: &CriteriaSet, units: &mut [CompactUnit], store: &CompactStore) {
    let last = set.ratings.len().saturating_sub(1);
    // At most 64 ratings (checked at load): an index fits a byte.
    #[allow(clippy::expect_used, reason = "an invariant, not data")]
    let index =
        |r: usize| u8::try_from(r).expect("invariant: a set has at most MAX_RATINGS ratings");
    // Conditions, then downgrades; quotas count what the downgrades left.
    for u in units.iter_mut() {
        let earned = u.first_qualifying(0, last);
        let r = index(super::downgrade::lowered(set, u, earned));
        u.rating_before_downgrade = index(earned);
        u.rating_before_quota = r;
        u.rating = r;
    }
    for (r, rating) in set.ratings.iter().enumerate() {
        let Some(quota) = rating.quota else { continue };
        let counted_up_to = quota.of.map_or(last, RatingIdx::position);
        // One pass in rank order finds each scope's population and its
        // candidates with their tie keys, so the settling below reads no
        // unit again (the units of a cluster lie far apart).
        let clusters = match quota.scope {
            QuotaScope::All => 0,
            QuotaScope::Cluster => store.clusters(),
        };
        let mut scopes = vec![QuotaScopeTally::default(); clusters + 1];
        for (i, u) in units.iter().enumerate() {
            let (slot, tie_key) = match quota.scope {
                QuotaScope::All => (0, u.rank),
                // By cluster number; the last slot for units without one.
                QuotaScope::Cluster => (store.cluster_slot(u), u.cluster_rank().unwrap_or(u.rank)),
            };
            let scope = &mut scopes[slot];
            if usize::from(u.rating_before_quota) <= counted_up_to {
                scope.population += 1;
            }
            if usize::from(u.rating) == r {
                scope.candidates.push((i, tie_key));
            }
        }
        let mut demoted = Vec::new();
        for scope in scopes {
            let limit = (quota.share * Decimal::from(scope.population)).floor();
            let candidates = &scope.candidates;
            let mut granted = Decimal::ZERO;
            let mut start = 0;
            // Candidates in rank order, in groups of full ties.
            while let Some(&(_, key)) = candidates.get(start) {
                let end = candidates[start..]
                    .iter()
                    .position(|&(_, k)| k != key)
                    .map_or(candidates.len(), |p| start + p);
                let size = Decimal::from(end - start);
                // Tied units are treated alike: all fit, or none get it; and
                // once a group does not fit, nobody below it does.
                if granted + size <= limit {
                    granted += size;
                    start = end;
                } else {
                    demoted.extend(candidates[start..].iter().map(|&(i, _)| i));
                    break;
                }
            }
        }
        for i in demoted {
            let lower = units[i].first_qualifying(r + 1, last);
            units[i].rating = index(lower);
        }
    }
}

/// A quota's scope: how many units it counts, and the units in line for
/// the rating, in rank order, each with the rank its ties share.
#[derive(Debug, Clone, Default)]
struct QuotaScopeTally {
    population: usize,
    candidates: Vec<(usize, u32)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collate::VietnameseOrder;
    use proptest::prelude::*;

    /// Every unit of the shipped examples, scored once for all cases.
    static SHIPPED: std::sync::LazyLock<Vec<(CriteriaSet, Vec<UnitResult>)>> =
        std::sync::LazyLock::new(shipped_units);

    fn shipped_units() -> Vec<(CriteriaSet, Vec<UnitResult>)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        [
            ("an-toan-antt", "examples/an-toan-2023.csv"),
            ("cong-an-phuong-kieu-mau", "examples/cua-lo-2023.csv"),
            ("thi-dua-cuoi-nam", "examples/thi-dua-2023.csv"),
        ]
        .into_iter()
        .map(|(id, data)| {
            let (source, text) = crate::load::shipped::find(id).expect("shipped");
            let set = crate::load::parse_criteria(source, text).expect("valid");
            let bytes = std::fs::read(root.join(data)).expect("example");
            let options = crate::load::data::ReadOptions::default();
            let data =
                crate::load::data::read_data(&set, data, &bytes[..], &options).expect("valid data");
            let eval =
                super::super::evaluate(&set, &data, &VietnameseOrder::new()).expect("scores");
            (set, eval.units)
        })
        .collect()
    }

    proptest! {
        /// The two forms of a rating's conditions agree on every unit, for
        /// ratings made of any mix of conditions around the units' own
        /// figures (score and criteria met at, just below and above).
        #[test]
        fn shortfalls_and_qualifies_agree(
            score_offset in -2i64..=2,
            all_gates in any::<bool>(),
            met_offset in proptest::option::of(-1i64..=1),
            all_met in any::<bool>(),
            required_mask in any::<u64>(),
            use_score in any::<bool>(),
        ) {
            for (set, units) in SHIPPED.iter() {
                for unit in units {
                    let rating = Rating {
                        id: "R".into(),
                        title: "R".into(),
                        short: None,
                        min_score: use_score.then(|| unit.score + Decimal::new(score_offset, 2)),
                        all_gates,
                        min_met: met_offset.map(|o| u32::try_from(i64::from(unit.met) + o).unwrap_or(0)),
                        all_met,
                        required: set
                            .criterion_indices()
                            .take(64)
                            .filter(|c| required_mask & (1 << c.position()) != 0)
                            .collect(),
                        quota: None,
                    };
                    let short = shortfalls(&rating, unit);
                    prop_assert_eq!(qualifies(&rating, unit, &unit.criterion_points()), short.is_empty(), "{} {:?}", unit.id, short);
                }
            }
        }
    }
}
