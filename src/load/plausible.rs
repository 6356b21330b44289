//! Plausibility beyond a single cell: a percentage column whose every value
//! is a fraction (0.95 for 95%) was almost surely typed on the wrong scale.

use rust_decimal::Decimal;

use super::messages::DataMessage as D;
use super::messages::data::Span;
use crate::model::{BoundReason, InputConstraints, Value, ValueBound};

/// What one percentage column has shown so far.
#[derive(Debug, Default, Clone)]
struct Seen {
    above_one: bool,
    /// Values strictly between 0 and 1, the first [`KEPT_FRACTIONS`] in
    /// line order (a value settled after its row takes its row's place):
    /// (line, column, value).
    fractions: Vec<(usize, usize, Decimal)>,
}

/// Fractions kept per column for warnings; past this the column has been
/// typed on the wrong scale throughout, and the error says so.
const KEPT_FRACTIONS: usize = 100;

/// Watches the columns on the default 0–100 percentage scale.
#[derive(Debug, Default)]
pub(super) struct FractionWatch {
    /// (input index, what it has shown), for percentage columns only.
    columns: Vec<(usize, Seen)>,
}

impl FractionWatch {
    pub(super) fn new(constraints: &[InputConstraints<'_>]) -> Self {
        let columns = constraints
            .iter()
            .enumerate()
            .filter(|(_, c)| c.percent_scale)
            .map(|(i, _)| (i, Seen::default()))
            .collect();
        FractionWatch { columns }
    }

    /// One row's values; `column_of(input)` is where the input sits.
    pub(super) fn row(&mut self, line: usize, values: &[Value], column_of: &[Option<usize>]) {
        for (input, seen) in &mut self.columns {
            if let (Some(Value::Number(v)), Some(Some(col))) =
                (values.get(*input), column_of.get(*input))
            {
                see(seen, line, *col, *v);
            }
        }
    }

    /// A value settled after its row (an ambiguous number).
    pub(super) fn one(&mut self, input: usize, line: usize, col: usize, value: &Value) {
        if let Value::Number(v) = value
            && let Some((_, seen)) = self.columns.iter_mut().find(|(i, _)| *i == input)
        {
            see(seen, line, col, *v);
        }
    }

    /// Each column that looks like fractions: (line, column, value) of its
    /// first fraction, and the message.
    pub(super) fn findings(&self) -> Vec<(usize, usize, Decimal, D)> {
        self.columns
            .iter()
            .filter(|(_, seen)| !seen.above_one)
            .filter_map(|(_, seen)| seen.fractions.first().copied())
            .map(|(line, col, value)| (line, col, value, looks_like_fractions()))
            .collect()
    }

    /// Takes in what a later part of the same file showed (its lines all
    /// come after this part's), as if one reading had seen both.
    pub(super) fn join(&mut self, later: FractionWatch) {
        for ((_, seen), (_, later)) in self.columns.iter_mut().zip(later.columns) {
            seen.above_one |= later.above_one;
            let room = KEPT_FRACTIONS.saturating_sub(seen.fractions.len());
            seen.fractions
                .extend(later.fractions.into_iter().take(room));
        }
    }

    /// Single fractions among whole percentages (0.95 beside 98, 99):
    /// allowed, since a rate can be that low, but warned about.
    pub(super) fn stray_fractions(&self) -> Vec<(usize, usize, Decimal, D)> {
        self.columns
            .iter()
            .filter(|(_, seen)| seen.above_one)
            .flat_map(|(_, seen)| seen.fractions.iter().copied())
            .map(|(line, col, value)| (line, col, value, stray_fraction(value)))
            .collect()
    }
}

fn see(seen: &mut Seen, line: usize, col: usize, value: Decimal) {
    use crate::exact::cmp;
    use std::cmp::Ordering::{Greater, Less};
    // `exact::cmp`, not `Decimal`'s own: every cell of a percentage column
    // comes here.
    if cmp(value, Decimal::ONE) == Greater {
        seen.above_one = true;
    } else if cmp(value, Decimal::ZERO) == Greater && cmp(value, Decimal::ONE) == Less {
        let fractions = &mut seen.fractions;
        if fractions.last().is_none_or(|&(last, ..)| last < line) {
            if fractions.len() < KEPT_FRACTIONS {
                fractions.push((line, col, value));
            }
        } else {
            let at = fractions.partition_point(|&(l, ..)| l < line);
            fractions.insert(at, (line, col, value));
            fractions.truncate(KEPT_FRACTIONS);
        }
    }
}

fn looks_like_fractions() -> D {
    D::LooksLikeFractions
}

fn stray_fraction(value: Decimal) -> D {
    let percent = value * Decimal::ONE_HUNDRED;
    let percent = percent.normalize();
    D::StrayFraction { percent }
}

/// Why a number is refused by a bound of its column, with the allowed range.
pub(super) fn out_of_range(users: &str, c: &InputConstraints<'_>, bound: ValueBound) -> D {
    let span = Span {
        low: c.low.map(|lo| lo.value),
        high: c.high.map(|hi| hi.value),
    };
    match bound.reason {
        BoundReason::NotNegative => D::NegativeCountOrPoints {
            users: users.to_string(),
        },
        BoundReason::Points => {
            let max = bound.value;
            D::OverMaxPoints {
                max,
                users: users.to_string(),
            }
        }
        BoundReason::Count => D::NegativeCount {
            users: users.to_string(),
        },
        BoundReason::Percent => D::OutsidePercent {
            span,
            users: users.to_string(),
        },
        BoundReason::Declared => D::OutsideDeclared {
            span,
            users: users.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Message};
    use crate::model::{BoundReason, ValueBound};

    fn percent() -> InputConstraints<'static> {
        let bound = |v: i64| {
            Some(ValueBound {
                value: Decimal::from(v),
                reason: BoundReason::Percent,
            })
        };
        InputConstraints {
            readers: vec!["C1"],
            low: bound(0),
            high: bound(100),
            percent_scale: true,
            whole: false,
            levels: Vec::new(),
        }
    }

    fn watch(values: &[&str]) -> usize {
        let mut w = FractionWatch::new(&[percent()]);
        for (line, v) in values.iter().enumerate() {
            let value = Value::Number(v.parse().unwrap());
            w.row(line + 2, &[value], &[Some(3)]);
        }
        w.findings().len()
    }

    #[test]
    fn fractions_are_flagged_only_when_no_value_is_above_one() {
        assert_eq!(watch(&["0.95", "0.9", "1"]), 1);
        assert_eq!(watch(&["0.95", "95"]), 0);
        let mut w = FractionWatch::new(&[percent()]);
        for (line, v) in ["98", "0.95"].iter().enumerate() {
            w.row(line + 2, &[Value::Number(v.parse().unwrap())], &[Some(3)]);
        }
        let stray = w.stray_fractions();
        assert_eq!(stray.len(), 1);
        assert!(
            stray[0].3.words(Lang::En).contains("type 95"),
            "{}",
            stray[0].3.words(Lang::En)
        );
        // Whole 0s and 1s are plausible small percentages, not fractions.
        assert_eq!(watch(&["0", "1", "1"]), 0);
    }

    fn fraction(w: &mut FractionWatch, line: usize) {
        w.one(0, line, 3, &Value::Number(Decimal::new(5, 1)));
    }

    fn lines(w: &FractionWatch) -> Vec<usize> {
        w.columns[0].1.fractions.iter().map(|f| f.0).collect()
    }

    #[test]
    fn the_first_fractions_in_line_order_are_kept() {
        let mut w = FractionWatch::new(&[percent()]);
        for line in 10..10 + KEPT_FRACTIONS {
            fraction(&mut w, line);
        }
        // Past the limit, a later line is not kept; a value settled late
        // for an earlier row takes its row's place.
        fraction(&mut w, 500);
        fraction(&mut w, 4);
        let kept = lines(&w);
        assert_eq!(kept.len(), KEPT_FRACTIONS);
        assert_eq!(kept[..2], [4, 10]);
        assert_eq!(kept.last(), Some(&(8 + KEPT_FRACTIONS)));
    }

    #[test]
    fn joined_parts_keep_what_one_reading_keeps() {
        let (mut one, mut a, mut b) = (
            FractionWatch::new(&[percent()]),
            FractionWatch::new(&[percent()]),
            FractionWatch::new(&[percent()]),
        );
        for line in 2..2 + 2 * KEPT_FRACTIONS {
            let part = if line < 40 { &mut a } else { &mut b };
            fraction(part, line);
            fraction(&mut one, line);
        }
        b.row(900, &[Value::Number(Decimal::from(98))], &[Some(3)]);
        one.row(900, &[Value::Number(Decimal::from(98))], &[Some(3)]);
        a.join(b);
        assert_eq!(lines(&a), lines(&one));
        assert_eq!(a.stray_fractions().len(), KEPT_FRACTIONS);
        assert!(a.findings().is_empty());
    }
}
