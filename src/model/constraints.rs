//! What the cells of each data column must hold, worked out once from a
//! criteria set: the loader refuses what breaks it, and the data-entry
//! template's validation allows exactly the same.

use rust_decimal::Decimal;

use super::{CriteriaSet, IndicatorRef, Level, Rule, TargetOf, TargetRule, ValueRange};

/// Why a bound applies, so a refused value can be explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundReason {
    /// Points or a count by the rules themselves (`deduct`, `direct`,
    /// bonus and deduction points): never negative, whatever the set says.
    NotNegative,
    /// A `direct` rule: the value is the points, at most the criterion's.
    Points,
    /// The set declares `range = [lo, hi]` for the column.
    Declared,
    /// A percentage (`unit = "%"`) with no declared range: 0 to 100.
    Percent,
    /// A count of things (see [`CriteriaSet::input_constraints`]): ≥ 0.
    Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueBound {
    pub value: Decimal,
    pub reason: BoundReason,
}

/// The constraints on one input column, from every reader of it.
#[derive(Debug, Clone, PartialEq)]
pub struct InputConstraints<'s> {
    /// Ids of the criteria, gates, adjustments and derived indicators reading it.
    pub readers: Vec<&'s str>,
    /// The value must be ≥ this.
    pub low: Option<ValueBound>,
    /// The value must be ≤ this.
    pub high: Option<ValueBound>,
    /// Read as a percentage on the default 0–100 scale: a column holding
    /// only fractions (0.95 for 95%) is refused as mistyped.
    pub percent_scale: bool,
    /// A reader declares the column's numbers whole (`whole = true`):
    /// counts of cases, of people, of models.
    pub whole: bool,
    /// Every levels rule reading the column; a label must be in all of them.
    pub levels: Vec<&'s [Level]>,
}

impl InputConstraints<'_> {
    /// Does `value` break a bound? Which one, the lower first.
    pub fn broken_bound(&self, value: Decimal) -> Option<ValueBound> {
        if let Some(low) = self.low
            && crate::exact::cmp(value, low.value).is_lt()
        {
            return Some(low);
        }
        if let Some(high) = self.high
            && crate::exact::cmp(value, high.value).is_gt()
        {
            return Some(high);
        }
        None
    }
}

/// The tighter of two lower (`keep_larger`) or upper bounds; on a tie the
/// first, so a rule's own bound explains a refusal before a default does.
fn tighter(a: Option<ValueBound>, b: Option<ValueBound>, keep_larger: bool) -> Option<ValueBound> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let b_tighter = if keep_larger {
                b.value > a.value
            } else {
                b.value < a.value
            };
            Some(if b_tighter { b } else { a })
        }
        (a, b) => a.or(b),
    }
}

/// What the readers of one column say, before the bounds are combined.
#[derive(Default)]
struct Gathered<'s> {
    readers: Vec<&'s str>,
    rule_low: Option<ValueBound>,
    rule_high: Option<ValueBound>,
    declared: Option<ValueRange>,
    percent: bool,
    count: bool,
    whole: bool,
    levels: Vec<&'s [Level]>,
}

impl Gathered<'_> {
    fn declare(&mut self, range: Option<ValueRange>) {
        let Some(r) = range else { return };
        // Several readers' ranges must all hold: keep their intersection.
        self.declared = Some(match self.declared {
            Some(d) => ValueRange {
                low: d.low.max(r.low),
                high: d.high.min(r.high),
            },
            None => r,
        });
    }
}

const NOT_NEGATIVE: ValueBound = ValueBound {
    value: Decimal::ZERO,
    reason: BoundReason::NotNegative,
};

impl CriteriaSet {
    /// The constraints on each input column, in `inputs` order.
    ///
    /// A declared `range` replaces the defaults below; the rules' own
    /// bounds (no negative counts or points, a `direct` rule's maximum)
    /// always hold. Defaults: a column read with `unit = "%"` is 0–100; a
    /// count is ≥ 0. A column is a count when it feeds a `ratio` or
    /// `change` indicator, when a criterion or gate reading it gives a
    /// `unit` other than `%` (cases, models, points), or when an `at_most`
    /// rule allows none of it (`max = 0`).
    pub fn input_constraints(&self) -> Vec<InputConstraints<'_>> {
        let mut gathered: Vec<Gathered> = self.inputs.iter().map(|_| Gathered::default()).collect();
        let scored = self
            .criteria
            .iter()
            .map(|c| {
                (
                    c.id.as_str(),
                    c.indicator,
                    &c.rule,
                    c.unit.as_deref(),
                    (c.range, c.whole),
                    Some(c.points),
                )
            })
            .chain(self.gates.iter().map(|g| {
                (
                    g.id.as_str(),
                    g.indicator,
                    &g.rule,
                    g.unit.as_deref(),
                    (g.range, g.whole),
                    None,
                )
            }));
        for (id, indicator, rule, unit, (range, whole), points) in scored {
            let IndicatorRef::Input(i) = indicator else {
                continue;
            };
            let Some(g) = gathered.get_mut(i) else {
                continue;
            };
            g.readers.push(id);
            g.declare(range);
            g.whole |= whole;
            match unit.map(str::trim) {
                Some("%") => g.percent = true,
                Some(_) => g.count = true,
                None => {}
            }
            match rule {
                Rule::Deduct { .. } => g.rule_low = Some(NOT_NEGATIVE),
                Rule::Direct => {
                    g.rule_low = Some(NOT_NEGATIVE);
                    let max = points.map(|p| ValueBound {
                        value: p,
                        reason: BoundReason::Points,
                    });
                    g.rule_high = tighter(g.rule_high, max, false);
                }
                Rule::AtMost(max) if max.is_zero() => g.count = true,
                Rule::Levels(levels) => g.levels.push(levels),
                _ => {}
            }
        }
        // A column of targets is read by its criterion, in the criterion's unit.
        for c in &self.criteria {
            if let Rule::Target(TargetRule {
                target: TargetOf::Indicator(IndicatorRef::Input(i)),
                ..
            }) = c.rule
                && let Some(g) = gathered.get_mut(i)
            {
                g.readers.push(&c.id);
                match c.unit.as_deref().map(str::trim) {
                    Some("%") => g.percent = true,
                    Some(_) => g.count = true,
                    None => {}
                }
            }
        }
        for a in &self.adjustments {
            if let IndicatorRef::Input(i) = a.indicator
                && let Some(g) = gathered.get_mut(i)
            {
                g.readers.push(&a.id);
                g.declare(a.range);
                g.whole |= a.whole;
                g.rule_low = Some(NOT_NEGATIVE);
            }
        }
        let conditions = self
            .downgrades
            .iter()
            .map(|d| (d.id.as_str(), d.indicator))
            .chain(self.exclusions.iter().map(|x| (x.id.as_str(), x.indicator)));
        for (id, indicator) in conditions {
            if let IndicatorRef::Input(i) = indicator
                && let Some(g) = gathered.get_mut(i)
            {
                g.readers.push(id);
            }
        }
        for d in &self.derived {
            for operand in [d.a, d.b] {
                if let IndicatorRef::Input(i) = operand
                    && let Some(g) = gathered.get_mut(i)
                {
                    g.readers.push(&d.id);
                    g.count = true;
                }
            }
        }
        gathered
            .into_iter()
            .map(|g| {
                let bound = |value, reason| Some(ValueBound { value, reason });
                let (low, high) = match g.declared {
                    Some(r) => (
                        bound(r.low, BoundReason::Declared),
                        bound(r.high, BoundReason::Declared),
                    ),
                    None if g.percent => (
                        bound(Decimal::ZERO, BoundReason::Percent),
                        bound(Decimal::ONE_HUNDRED, BoundReason::Percent),
                    ),
                    None if g.count => (bound(Decimal::ZERO, BoundReason::Count), None),
                    None => (None, None),
                };
                InputConstraints {
                    readers: g.readers,
                    low: tighter(g.rule_low, low, true),
                    high: tighter(g.rule_high, high, false),
                    percent_scale: g.percent && g.declared.is_none(),
                    whole: g.whole,
                    levels: g.levels,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::load::parse_criteria;
    use rust_decimal::Decimal;

    use super::BoundReason;

    const SET: &str = r#"
format = 1
[set]
id = "t"
title = "T"
[columns]
id = "ma"
name = "ten"
[[indicators]]
id = "rate"
ratio = ["solved", "cases"]
[[criteria]]
id = "P"
title = "P"
indicator = "pct"
unit = "%"
rule = "at_least"
min = 90
[[criteria]]
id = "W"
title = "W"
indicator = "wide"
unit = "%"
range = [0, 200]
rule = "at_least"
min = 90
[[criteria]]
id = "W2"
title = "W2"
indicator = "wide"
range = [10, 300]
whole = true
rule = "at_least"
min = 90
[[criteria]]
id = "R"
title = "R"
indicator = "rate"
rule = "at_least"
min = 90
[[criteria]]
id = "F"
title = "F"
indicator = "free"
rule = "at_least"
min = 90
[[adjustments]]
id = "T"
title = "T"
indicator = "awards"
kind = "bonus"
whole = true
[[ratings]]
id = "ALL"
title = "All"
"#;

    #[test]
    fn defaults_declared_ranges_and_counts_combine_as_documented() {
        let set = parse_criteria("t.toml", SET).unwrap();
        let constraints = set.input_constraints();
        let of = |column: &str| {
            let i = set.inputs.iter().position(|i| i.column == column).unwrap();
            constraints[i].clone()
        };
        let bounds = |c: &super::InputConstraints<'_>| {
            (
                c.low.map(|b| (b.value, b.reason)),
                c.high.map(|b| (b.value, b.reason)),
            )
        };
        let pct = of("pct");
        assert_eq!(
            bounds(&pct),
            (
                Some((Decimal::ZERO, BoundReason::Percent)),
                Some((Decimal::ONE_HUNDRED, BoundReason::Percent))
            )
        );
        assert!(pct.percent_scale);
        // Two declared ranges: their intersection, and no fraction check.
        let wide = of("wide");
        assert_eq!(
            bounds(&wide),
            (
                Some((Decimal::TEN, BoundReason::Declared)),
                Some((Decimal::from(200), BoundReason::Declared))
            )
        );
        assert!(!wide.percent_scale);
        // Operands of a ratio are counts.
        for column in ["solved", "cases"] {
            assert_eq!(
                bounds(&of(column)),
                (Some((Decimal::ZERO, BoundReason::Count)), None)
            );
        }
        assert_eq!(bounds(&of("free")), (None, None));
        // One reader declaring whole numbers makes the column whole.
        assert!(wide.whole && of("awards").whole);
        assert!(!pct.whole && !of("free").whole && !of("solved").whole);
    }
}
