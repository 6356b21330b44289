//! The one semantic checker of a criteria set: every constraint between the
//! figures of a set (points, pass marks, rules, ranges, ratings and their
//! quotas, relative scopes, downgrades, caps) is stated here once. The
//! criteria file's reader runs it on the set it built, what-if overrides
//! (`--set`) on the set they changed, so a value is refused in the same
//! words wherever it comes from. Each finding says which item and which key
//! it is about; the caller points at the file's line or the `--set` argument.
//!
//! What is checked while reading instead: the shape of the file (keys,
//! types, names that must resolve), which a built set cannot even hold.

use rust_decimal::Decimal;

use crate::load::messages::CheckMessage as M;
use crate::model::{
    Adjustment, CriteriaSet, Criterion, Gate, IndicatorRef, PassMark, QuotaScope, Rating,
    RelativeScope, Rule, ValueRange,
};

/// The part of a set a finding is about, by position in the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// `[set]`: the set-wide caps.
    Set,
    Criterion(usize),
    Gate(usize),
    Adjustment(usize),
    Rating(usize),
    Downgrade(usize),
}

/// Where a finding points: an item, the key written in it (None: the item
/// as a whole) and, for `steps` and `levels`, which step or label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub item: Item,
    pub key: Option<&'static str>,
    pub part: Option<usize>,
}

impl Place {
    fn key(item: Item, key: &'static str) -> Self {
        Place {
            item,
            key: Some(key),
            part: None,
        }
    }
}

/// One broken constraint.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub at: Place,
    pub message: M,
    /// Does it count or name other items of the set (`min_met` against the
    /// number of criteria, the name of a derived indicator)? Such a finding
    /// is only sound on a set that was built whole.
    pub reads_other_items: bool,
}

/// Every broken constraint of `set`, in the order of the set.
pub fn check(set: &CriteriaSet) -> Vec<Finding> {
    let mut out = Findings(Vec::new());
    let clustered = set.columns.cluster.is_some();
    for (key, cap) in [
        ("bonus_cap", set.bonus_cap),
        ("deduction_cap", set.deduction_cap),
    ] {
        if let Some(cap) = cap {
            out.push(Place::key(Item::Set, key), not_negative(key, cap));
        }
    }
    for (i, c) in set.criteria.iter().enumerate() {
        criterion(&mut out, Item::Criterion(i), c, set, clustered);
    }
    for (i, g) in set.gates.iter().enumerate() {
        gate(&mut out, Item::Gate(i), g, set);
    }
    for (i, a) in set.adjustments.iter().enumerate() {
        adjustment(&mut out, Item::Adjustment(i), a, set);
    }
    for (i, d) in set.downgrades.iter().enumerate() {
        if d.steps == 0 {
            out.push(
                Place::key(Item::Downgrade(i), "steps"),
                Err(M::DowngradeSteps),
            );
        }
    }
    for (i, r) in set.ratings.iter().enumerate() {
        rating(&mut out, i, r, set, clustered);
    }
    out.0
}

struct Findings(Vec<Finding>);

impl Findings {
    fn push(&mut self, at: Place, result: Result<(), M>) {
        if let Err(message) = result {
            self.0.push(Finding {
                at,
                message,
                reads_other_items: false,
            });
        }
    }

    fn push_reading_others(&mut self, at: Place, message: M) {
        self.0.push(Finding {
            at,
            message,
            reads_other_items: true,
        });
    }
}

/// What a criterion's points and pass mark must be, whatever its rule, by
/// key: also asked by the reader of a criterion it could not build (its
/// rule misspelt, say), so that these come in the same run.
pub fn points_and_pass(points: Decimal, pass: PassMark) -> Vec<(&'static str, M)> {
    let mut out = Vec::new();
    match positive("points", points) {
        Err(message) => out.push(("points", message)),
        // Marks measured against the points mean nothing when the points
        // are wrong themselves: one mistake, one message.
        Ok(()) => {
            if let PassMark::Points(pass) = pass
                && let Err(message) = pass_within(pass, points)
            {
                out.push(("pass", message));
            }
        }
    }
    out
}

fn criterion(out: &mut Findings, item: Item, c: &Criterion, set: &CriteriaSet, clustered: bool) {
    for (key, message) in points_and_pass(c.points, c.pass) {
        out.push(Place::key(item, key), Err(message));
    }
    let max = positive("points", c.points).is_ok().then_some(c.points);
    if matches!(c.rule, Rule::Direct) && matches!(c.indicator, IndicatorRef::Derived(_)) {
        out.push(Place::key(item, "indicator"), Err(M::DirectFromDerived));
    }
    rule(out, item, &c.rule, max);
    if let Some(relative) = c.rule.relative()
        && relative.scope == RelativeScope::Cluster
        && !clustered
    {
        out.push(Place::key(item, "scope"), Err(M::ClusterScopeNeedsColumn));
    }
    plausible(out, item, c.range, c.whole, Some(&c.rule), c.indicator, set);
}

fn gate(out: &mut Findings, item: Item, g: &Gate, set: &CriteriaSet) {
    let whole = Place {
        item,
        key: None,
        part: None,
    };
    if matches!(g.rule, Rule::Direct) {
        out.push(whole, Err(M::GateDirect));
    }
    if g.rule.relative().is_some() {
        let k = g.rule.keyword();
        out.push(whole, Err(M::GateRelative { k: k.to_string() }));
    }
    rule(out, item, &g.rule, None);
    plausible(out, item, g.range, g.whole, Some(&g.rule), g.indicator, set);
}

fn adjustment(out: &mut Findings, item: Item, a: &Adjustment, set: &CriteriaSet) {
    out.push(Place::key(item, "per"), positive("per", a.per));
    if let Some(cap) = a.cap {
        out.push(Place::key(item, "cap"), not_negative("cap", cap));
    }
    plausible(out, item, a.range, a.whole, None, a.indicator, set);
}

/// The earlier steps that take every value a step bounded by `bound`
/// would (the first step that holds gives the points), named by their
/// bounds; `None` when some value reaches it. One earlier bound of the same
/// kind at least as loose covers it (`≥ 70` before `≥ 90`), and so do an
/// `at_least` and an `at_most` that meet (`≥ 5` and `≤ 5`: every value).
fn shadowed(earlier: &[crate::model::Step], bound: crate::model::Bound) -> Option<Vec<String>> {
    use crate::model::Bound;
    let shown = |b: Bound| match b {
        Bound::AtLeast(x) => format!("≥ {}", x.normalize()),
        Bound::AtMost(x) => format!("≤ {}", x.normalize()),
    };
    let bounds = || earlier.iter().map(|s| s.bound);
    let same = bounds().find(|&b| match (b, bound) {
        (Bound::AtLeast(a), Bound::AtLeast(x)) => a <= x,
        (Bound::AtMost(a), Bound::AtMost(x)) => a >= x,
        _ => false,
    });
    if let Some(b) = same {
        return Some(vec![shown(b)]);
    }
    bounds()
        .filter_map(|b| match b {
            Bound::AtLeast(a) => Some(a),
            Bound::AtMost(_) => None,
        })
        .flat_map(|a| {
            bounds().filter_map(move |b| match b {
                Bound::AtMost(m) if a <= m => Some((a, m)),
                _ => None,
            })
        })
        .next()
        .map(|(a, m)| vec![shown(Bound::AtLeast(a)), shown(Bound::AtMost(m))])
}

/// A rule's own figures. `max` is the criterion's points (None for a gate,
/// or when the points are wrong).
fn rule(out: &mut Findings, item: Item, rule: &Rule, max: Option<Decimal>) {
    match rule {
        Rule::Linear { zero, full } => {
            out.push(Place::key(item, "full"), ends_differ(*zero, *full));
        }
        Rule::Deduct { per } => out.push(Place::key(item, "per"), positive("per", *per)),
        Rule::Steps(steps) => {
            for (part, step) in steps.iter().enumerate() {
                let p = step.points;
                let result = if p < Decimal::ZERO {
                    Err(M::StepNegative)
                } else if let Some(max) = max.filter(|max| p > *max) {
                    Err(M::StepOverMax { p, max })
                } else if let Some(by) = shadowed(&steps[..part], step.bound) {
                    Err(M::StepNeverApplies { by })
                } else {
                    Ok(())
                };
                out.push(part_of(item, "steps", part), result);
            }
        }
        Rule::Levels(levels) => {
            for (part, level) in levels.iter().enumerate() {
                let (p, label) = (level.points, &level.label);
                let result = if p < Decimal::ZERO {
                    Err(M::LabelNegative)
                } else if let Some(max) = max.filter(|max| p > *max) {
                    Err(M::LabelOverMax {
                        label: label.clone(),
                        p,
                        max,
                    })
                } else {
                    Ok(())
                };
                out.push(part_of(item, "levels", part), result);
            }
        }
        Rule::Target(t) if t.at_target < Decimal::ZERO || t.at_target > Decimal::ONE => {
            out.push(Place::key(item, "at_target"), Err(M::AtTargetShare));
        }
        _ => {}
    }
}

fn part_of(item: Item, key: &'static str, part: usize) -> Place {
    Place {
        item,
        key: Some(key),
        part: Some(part),
    }
}

/// A range bounds numbers typed into a data column, and `whole` says they
/// are whole: a range has two ends in order; neither is for a yes/no or a
/// level, nor for a value the tool computes.
fn plausible(
    out: &mut Findings,
    item: Item,
    range: Option<ValueRange>,
    whole: bool,
    rule: Option<&Rule>,
    indicator: IndicatorRef,
    set: &CriteriaSet,
) {
    let in_order = range.is_none_or(|r| r.low < r.high);
    if !in_order {
        out.push(Place::key(item, "range"), Err(M::RangeOrder));
    }
    // A range out of order says so alone.
    let range_read = range.is_some() && in_order;
    let declared = range_read
        .then_some("range")
        .into_iter()
        .chain(whole.then_some("whole"));
    for key in declared {
        let at = Place::key(item, key);
        if matches!(rule, Some(Rule::Yes | Rule::Levels(_))) {
            out.push(at, Err(M::NumbersOnly { key }));
        } else if let IndicatorRef::Derived(d) = indicator {
            // Looked up gently: on a set built in part the index may point
            // past what was built (and the finding is then not reported).
            let n = set.derived.get(d).map_or("", |d| d.id.as_str()).to_string();
            out.push_reading_others(at, M::TypedInOnly { key, n });
        }
    }
}

fn rating(out: &mut Findings, position: usize, r: &Rating, set: &CriteriaSet, clustered: bool) {
    let item = Item::Rating(position);
    let criteria_count = set.criteria.len();
    if let Some(m) = r.min_met
        && m as usize > criteria_count
    {
        out.push_reading_others(
            Place::key(item, "min_met"),
            M::MinMetOverCount { m, criteria_count },
        );
    }
    if let Some(quota) = &r.quota {
        out.push(Place::key(item, "quota"), quota_share(quota.share));
        if let Some(of) = quota.of.filter(|of| of.position() < position) {
            let n = &set.rating(of).id;
            out.push(
                Place::key(item, "quota_of"),
                Err(M::QuotaOfHigher { n: n.clone() }),
            );
        }
        if quota.scope == QuotaScope::Cluster && !clustered {
            out.push(
                Place::key(item, "quota_scope"),
                Err(M::ClusterQuotaNeedsColumn),
            );
        }
    }
    let is_last = position + 1 == set.ratings.len();
    if is_last && !r.is_unconditional() {
        let n = &r.id;
        out.push(
            Place {
                item,
                key: None,
                part: None,
            },
            Err(M::LastRatingConditions { n: n.clone() }),
        );
    }
}

/// `points`, `per`: more than 0.
fn positive(key: &str, value: Decimal) -> Result<(), M> {
    if value <= Decimal::ZERO {
        return Err(M::NotPositive {
            key: key.to_string(),
        });
    }
    Ok(())
}

/// Caps: 0 or more.
fn not_negative(key: &str, value: Decimal) -> Result<(), M> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(M::Negative {
            key: key.to_string(),
        });
    }
    Ok(())
}

/// A pass mark: from 0 to the criterion's points.
fn pass_within(pass: Decimal, points: Decimal) -> Result<(), M> {
    if pass < Decimal::ZERO || pass > points {
        return Err(M::PassOverPoints { points });
    }
    Ok(())
}

/// A linear rule's two ends.
fn ends_differ(zero: Decimal, full: Decimal) -> Result<(), M> {
    if zero == full {
        return Err(M::EndsEqual { zero });
    }
    Ok(())
}

/// A rating's quota: a share from 0 to 1.
fn quota_share(share: Decimal) -> Result<(), M> {
    if share < Decimal::ZERO || share > Decimal::ONE {
        return Err(M::QuotaShare);
    }
    Ok(())
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
