//! Ratings: the first rating whose conditions hold, then quotas applied best
//! rating first, in rank order.

use rust_decimal::Decimal;

use crate::model::{CriteriaSet, QuotaScope, Rating, Status, UnitResult};

/// Why a unit does not meet a rating's own conditions (quotas aside).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shortfall {
    Score { min: Decimal, short_by: Decimal },
    Gates { failed: Vec<usize> },
    MinMet { min: u32, met: u32 },
    AllMet { unmet: Vec<usize> },
    Required { unmet: Vec<usize> },
}

/// Every condition of `rating` that `unit` fails; empty when it qualifies.
pub fn shortfalls(rating: &Rating, unit: &UnitResult) -> Vec<Shortfall> {
    let mut out = Vec::new();
    if let Some(min) = rating.min_score
        && unit.score < min
    {
        out.push(Shortfall::Score {
            min,
            short_by: min.saturating_sub(unit.score),
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
    let unmet = |c: usize| {
        let r = &unit.criteria[c];
        !r.met && r.status != Status::NotApplicable
    };
    if rating.all_met {
        let list: Vec<usize> = (0..unit.criteria.len()).filter(|&c| unmet(c)).collect();
        if !list.is_empty() {
            out.push(Shortfall::AllMet { unmet: list });
        }
    }
    let required: Vec<usize> = rating
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
fn qualifies(rating: &Rating, unit: &UnitResult) -> bool {
    let unmet = |c: usize| {
        let r = &unit.criteria[c];
        !r.met && r.status != Status::NotApplicable
    };
    rating.min_score.is_none_or(|min| unit.score >= min)
        && (!rating.all_gates || unit.gates.iter().all(|g| g.passed))
        && rating.min_met.is_none_or(|min| unit.met >= min)
        && (!rating.all_met || !(0..unit.criteria.len()).any(unmet))
        && !rating.required.iter().any(|&c| unmet(c))
}

/// The first rating from `from` on whose conditions the unit meets.
fn first_qualifying(set: &CriteriaSet, unit: &UnitResult, from: usize) -> usize {
    (from..set.ratings.len())
        .find(|&r| qualifies(&set.ratings[r], unit))
        .unwrap_or(set.ratings.len().saturating_sub(1))
}

/// Fills `rating_before_quota` and `rating`. `units` must be in rank order
/// with ranks assigned.
pub fn rate(set: &CriteriaSet, units: &mut [UnitResult]) {
    for u in units.iter_mut() {
        u.rating_before_quota = first_qualifying(set, u, 0);
        u.rating = u.rating_before_quota;
    }
    for (r, rating) in set.ratings.iter().enumerate() {
        let Some(quota) = rating.quota else { continue };
        let scopes: Vec<Option<String>> = match quota.scope {
            QuotaScope::All => vec![None],
            QuotaScope::Cluster => {
                let mut c: Vec<Option<String>> = units.iter().map(|u| u.cluster.clone()).collect();
                c.sort();
                c.dedup();
                c.into_iter().map(|c| Some(c.unwrap_or_default())).collect()
            }
        };
        for scope in scopes {
            let in_scope = |u: &UnitResult| match &scope {
                None => true,
                Some(c) => u.cluster.as_deref().unwrap_or_default() == c,
            };
            let counted_up_to = quota.of.unwrap_or(set.ratings.len() - 1);
            let n = units
                .iter()
                .filter(|u| in_scope(u) && u.rating_before_quota <= counted_up_to)
                .count();
            let limit = (quota.share * Decimal::from(n)).floor();
            // Candidates in rank order, in groups of full ties.
            let candidates: Vec<usize> = (0..units.len())
                .filter(|&i| in_scope(&units[i]) && units[i].rating == r)
                .collect();
            let tie_keys: Vec<u32> = candidates
                .iter()
                .map(|&i| match quota.scope {
                    QuotaScope::All => units[i].rank,
                    QuotaScope::Cluster => units[i].cluster_rank.unwrap_or(units[i].rank),
                })
                .collect();
            let mut granted = Decimal::ZERO;
            let mut open = true;
            let mut start = 0;
            while start < candidates.len() {
                let key = tie_keys[start];
                let end = tie_keys[start..]
                    .iter()
                    .position(|&k| k != key)
                    .map_or(candidates.len(), |p| start + p);
                let size = Decimal::from(end - start);
                // Tied units are treated alike: all fit, or none get it.
                if open && granted + size <= limit {
                    granted += size;
                } else {
                    open = false;
                    for &i in &candidates[start..end] {
                        units[i].rating = first_qualifying(set, &units[i], r + 1);
                    }
                }
                start = end;
            }
        }
    }
}
