//! Criteria scored against the other units of a scope (`rule = "target"`,
//! `rule = "relative"`). A unit's points need the scope's best value, so the
//! pipeline works out every scope's reference values first, over the whole
//! dataset ([`references`]), and then scores each unit with them
//! ([`References::score`]).
//!
//! Every share is one exact fraction, clamped to `0..=points` and rounded
//! once to the set's precision, half away from zero.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::derive::{derive_into, lookup};
use super::rules::Outcome;
use crate::exact;
use crate::model::{
    CriteriaSet, Criterion, Direction, Exact, Pool, Pools, Reference, References, Relative,
    RelativeScope, Rule, Scopes, TargetOf, TargetRule, UnitView, Value,
};

/// Which units take part in the scopes: every unit, unless a caller leaves
/// some out (a unit not considered this year is scored against the scopes
/// but is never part of one). Called with the unit's place in the file.
pub type TakesPart<'a> = &'a dyn Fn(usize, &UnitView<'_>) -> bool;

/// [`TakesPart`] for "every unit takes part".
pub fn everyone(_: usize, _: &UnitView<'_>) -> bool {
    true
}

/// [`TakesPart`] for "every unit considered this year": a unit an exclusion
/// holds for ("chưa xét") is outside every scope.
pub fn considered(set: &CriteriaSet) -> impl Fn(usize, &UnitView<'_>) -> bool + '_ {
    move |_, unit| super::downgrade::exclusions_holding(set, unit.values) == 0
}

impl Pool {
    fn take(&mut self, value: Exact, direction: Direction) {
        self.count = self.count.saturating_add(1);
        let better = |best: Exact| match direction {
            Direction::Higher => value.cmp(best).is_gt(),
            Direction::Lower => value.cmp(best).is_lt(),
        };
        if self.best.is_none_or(better) {
            self.best = Some(value);
        }
    }
}

impl Scopes {
    fn pools(&self, scope: RelativeScope, cluster: Option<&str>) -> Option<&Pools> {
        match (scope, cluster) {
            (RelativeScope::Cluster, Some(c)) => self.clusters.get(c),
            _ => Some(&self.all),
        }
    }

    fn pools_mut(&mut self, scope: RelativeScope, cluster: Option<&str>) -> &mut Pools {
        match (scope, cluster) {
            (RelativeScope::Cluster, Some(c)) => {
                // Looked up first: one allocation per cluster, not per unit.
                if !self.clusters.contains_key(c) {
                    self.clusters.insert(c.to_string(), Pools::default());
                }
                match self.clusters.get_mut(c) {
                    Some(pools) => pools,
                    None => &mut self.all,
                }
            }
            _ => &mut self.all,
        }
    }
}

/// A unit's target for a `target` rule: `None` when its cell is blank (or
/// not a number), and the unit is scored `relative` instead.
fn target_of(rule: &TargetRule, values: &[Value], derived: &[Value]) -> Option<Exact> {
    match rule.target {
        TargetOf::Number(t) => Some(Exact::whole(t)),
        TargetOf::Indicator(indicator) => Exact::of(lookup(values, derived, indicator)),
    }
}

/// Every scope's reference values, from the units that take part: a
/// pure function of the dataset, worked out before any unit is scored.
/// A unit whose value is N/A or blank takes no part in its scope.
pub fn references<'u>(
    set: &CriteriaSet,
    units: impl IntoIterator<Item = (usize, UnitView<'u>)>,
    takes_part: TakesPart<'_>,
) -> References {
    let mut refs = References {
        criteria: set
            .criteria
            .iter()
            .map(|c| c.rule.relative().map(|_| Scopes::default()))
            .collect(),
    };
    if !set.is_relative() {
        return refs;
    }
    let mut derived = Vec::with_capacity(set.derived.len());
    for (index, unit) in units {
        if !takes_part(index, &unit) {
            continue;
        }
        derive_into(set, unit.values, &mut derived);
        for (c, scopes) in set.criteria.iter().zip(&mut refs.criteria) {
            let (Some(scopes), Some(relative)) = (scopes.as_mut(), c.rule.relative()) else {
                continue;
            };
            let Some(value) = Exact::of(lookup(unit.values, &derived, c.indicator)) else {
                continue;
            };
            let pools = scopes.pools_mut(relative.scope, unit.cluster);
            let pool = match &c.rule {
                Rule::Target(t) if target_of(t, unit.values, &derived).is_some() => {
                    &mut pools.targeted
                }
                _ => &mut pools.untargeted,
            };
            pool.take(value, relative.direction);
        }
    }
    refs
}

impl References {
    /// The references of a set with no unit in any scope.
    pub fn none(set: &CriteriaSet) -> Self {
        references(set, std::iter::empty(), &everyone)
    }

    /// Does criterion `index` score against a scope?
    #[inline]
    pub fn applies(&self, index: usize) -> bool {
        matches!(self.criteria.get(index), Some(Some(_)))
    }

    /// Criterion `index`'s points for one unit (clamped to `0..=points` and
    /// rounded to `places`), with the figures they came from. `None` when
    /// the criterion scores a unit on its own row.
    pub fn score(
        &self,
        index: usize,
        c: &Criterion,
        unit: &UnitView<'_>,
        derived: &[Value],
        places: u32,
    ) -> Option<(Outcome, Reference)> {
        let scopes = self.criteria.get(index)?.as_ref()?;
        let relative = c.rule.relative()?;
        let value = lookup(unit.values, derived, c.indicator);
        let target = match &c.rule {
            Rule::Target(t) => target_of(t, unit.values, derived),
            _ => None,
        };
        let pools = scopes
            .pools(relative.scope, unit.cluster)
            .copied()
            .unwrap_or_default();
        let pool = match target {
            Some(_) => pools.targeted,
            None => pools.untargeted,
        };
        let reference = Reference {
            target: target.map(Exact::value),
            best: pool.best.map(Exact::value),
            compared: pool.count,
        };
        let outcome = match (value, Exact::of(value)) {
            (Value::NotApplicable, _) => Outcome::NotApplicable,
            (_, None) => Outcome::Missing,
            (_, Some(a)) => {
                let at_target = match &c.rule {
                    Rule::Target(t) => Some(t.at_target),
                    _ => None,
                };
                Outcome::Points(points(
                    relative, at_target, c.points, a, target, pool.best, places,
                ))
            }
        };
        Some((outcome, reference))
    }
}

/// The points for result `a`: against `target` (with `at_target`, for a
/// `target` rule whose unit has one) or else against the scope's best.
/// Worked out exactly; where an exact product leaves a decimal's range,
/// again from the values to 28 digits (far beyond any difference that
/// matters); where even that overflows, 0.
fn points(
    relative: Relative,
    at_target: Option<Decimal>,
    max: Decimal,
    a: Exact,
    target: Option<Exact>,
    best: Option<Exact>,
    places: u32,
) -> Decimal {
    let share = |p: Exact, a: Exact, t: Option<Exact>, best: Option<Exact>| match (at_target, t) {
        (Some(s), Some(t)) => target_share(relative.direction, p, Exact::whole(s), a, t, best),
        _ => relative_share(relative.direction, p, a, best),
    };
    let p = Exact::whole(max);
    let exact = share(p, a, target, best);
    let approx = || {
        share(
            p,
            a.approx(),
            target.map(Exact::approx),
            best.map(Exact::approx),
        )
    };
    let Some(share) = exact.or_else(approx) else {
        return Decimal::ZERO;
    };
    let clamped = if share.cmp(Exact::ZERO).is_lt() {
        Exact::ZERO
    } else if share.cmp(p).is_gt() {
        p
    } else {
        share
    };
    clamped.rounded(places)
}

/// `relative`: higher, P × A ÷ best (0 for everyone when the best is 0 or
/// below); lower, P × best ÷ A (all the points at A ≤ 0, where nobody can
/// do better; 0 when the best is 0 or below and A is not). A unit outside
/// every scope (no best) is compared with itself.
fn relative_share(direction: Direction, p: Exact, a: Exact, best: Option<Exact>) -> Option<Exact> {
    let best = best.unwrap_or(a);
    match direction {
        Direction::Higher if !best.is_positive() => Some(Exact::ZERO),
        Direction::Higher => p.mul(a)?.div(best),
        Direction::Lower if !a.is_positive() => Some(p),
        Direction::Lower if !best.is_positive() => Some(Exact::ZERO),
        Direction::Lower => p.mul(best)?.div(a),
    }
}

/// `target` for a unit with target `t` and share `s` at target; `leader`
/// is the best result among the scope's units with a target. Below target
/// the share is in proportion (P × s × A ÷ T, which needs T > 0; with
/// T ≤ 0 nothing below target earns anything); beyond it, interpolated from
/// P × s at the target to P at the leader.
fn target_share(
    direction: Direction,
    p: Exact,
    s: Exact,
    a: Exact,
    t: Exact,
    leader: Option<Exact>,
) -> Option<Exact> {
    let at_target = p.mul(s)?;
    let (short, beyond) = match direction {
        Direction::Higher => (Ordering::Less, Ordering::Greater),
        Direction::Lower => (Ordering::Greater, Ordering::Less),
    };
    let order = a.cmp(t);
    if order == Ordering::Equal {
        return Some(at_target);
    }
    if order == short {
        if !t.is_positive() {
            return Some(Exact::ZERO);
        }
        return match direction {
            // P × s × A ÷ T
            Direction::Higher => at_target.mul(a)?.div(t),
            // P × s × T ÷ A (A > T > 0)
            Direction::Lower => at_target.mul(t)?.div(a),
        };
    }
    debug_assert_eq!(order, beyond);
    // The unit is at or beyond the leader (it is the leader, or it is
    // outside the scope): all the points.
    let leader = leader.unwrap_or(a);
    if leader.cmp(a) != beyond {
        return Some(p);
    }
    // P × s + P × (1 − s) × (A − T) ÷ (L − T), mirrored for lower.
    let (gained, span) = match direction {
        Direction::Higher => (a.sub(t)?, leader.sub(t)?),
        Direction::Lower => (t.sub(a)?, t.sub(leader)?),
    };
    let rest = p.mul(Exact::ONE.sub(s)?)?;
    at_target.add(rest.mul(gained)?.div(span)?)
}

impl Exact {
    const ZERO: Exact = Exact::whole(Decimal::ZERO);
    const ONE: Exact = Exact::whole(Decimal::ONE);

    const fn whole(d: Decimal) -> Exact {
        Exact {
            num: d,
            den: Decimal::ONE,
        }
    }

    fn of(v: &Value) -> Option<Exact> {
        match *v {
            Value::Number(n) => Some(Exact::whole(n)),
            Value::Fraction { num, den } if den.is_sign_positive() && !den.is_zero() => {
                Some(Exact { num, den })
            }
            _ => None,
        }
    }

    /// As a data value: a number when the quotient is whole.
    fn value(self) -> Value {
        if self.den == Decimal::ONE {
            Value::Number(self.num)
        } else {
            Value::Fraction {
                num: self.num,
                den: self.den,
            }
        }
    }

    /// The quotient to 28 digits, as a whole.
    fn approx(self) -> Exact {
        Exact::whole(
            self.num
                .checked_div(self.den)
                .unwrap_or(if self.num.is_sign_negative() {
                    Decimal::MIN
                } else {
                    Decimal::MAX
                }),
        )
    }

    fn is_positive(self) -> bool {
        !self.num.is_zero() && self.num.is_sign_positive()
    }

    fn mul(self, other: Exact) -> Option<Exact> {
        Some(Exact {
            num: exact::product(self.num, other.num)?,
            den: exact::product(self.den, other.den)?,
        })
    }

    fn div(self, other: Exact) -> Option<Exact> {
        if other.num.is_zero() {
            return None;
        }
        let num = exact::product(self.num, other.den)?;
        let den = exact::product(self.den, other.num)?;
        Some(if den.is_sign_negative() {
            Exact {
                num: -num,
                den: -den,
            }
        } else {
            Exact { num, den }
        })
    }

    fn add(self, other: Exact) -> Option<Exact> {
        if self.den == other.den {
            return Some(Exact {
                num: exact::sum([self.num, other.num])?,
                den: self.den,
            });
        }
        Some(Exact {
            num: exact::sum([
                exact::product(self.num, other.den)?,
                exact::product(other.num, self.den)?,
            ])?,
            den: exact::product(self.den, other.den)?,
        })
    }

    fn sub(self, other: Exact) -> Option<Exact> {
        self.add(Exact {
            num: -other.num,
            den: other.den,
        })
    }

    /// Compared exactly (cross-multiplied), or by 28-digit quotients where
    /// the products leave a decimal's range.
    fn cmp(self, other: Exact) -> Ordering {
        match (
            exact::product(self.num, other.den),
            exact::product(other.num, self.den),
        ) {
            (Some(a), Some(b)) => exact::cmp(a, b),
            _ => exact::cmp(self.approx().num, other.approx().num),
        }
    }

    /// Rounded once, half away from zero: one exact integer division where
    /// [`exact::product_quotient_rounded`] answers, else the 28-digit
    /// quotient rounded.
    fn rounded(self, places: u32) -> Decimal {
        if self.den == Decimal::ONE {
            return exact::round_half_away(self.num, places);
        }
        let parts = |d: Decimal| (d.mantissa(), d.scale());
        exact::product_quotient_rounded(parts(self.num), (1, 0), parts(self.den), places)
            .unwrap_or_else(|| exact::round_half_away(self.approx().num, places))
    }
}

#[cfg(test)]
#[path = "relative_tests.rs"]
mod tests;
