//! Plausibility beyond a single cell: a percentage column whose every value
//! is a fraction (0.95 for 95%) was almost surely typed on the wrong scale.

use rust_decimal::Decimal;

use crate::i18n::Text;
use crate::model::{BoundReason, InputConstraints, Value, ValueBound};
use crate::text;

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
    pub(super) fn findings(&self) -> Vec<(usize, usize, Decimal, Text)> {
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
    pub(super) fn stray_fractions(&self) -> Vec<(usize, usize, Decimal, Text)> {
        self.columns
            .iter()
            .filter(|(_, seen)| seen.above_one)
            .flat_map(|(_, seen)| seen.fractions.iter().copied())
            .map(|(line, col, value)| (line, col, value, stray_fraction(value)))
            .collect()
    }
}

fn see(seen: &mut Seen, line: usize, col: usize, value: Decimal) {
    if value > Decimal::ONE {
        seen.above_one = true;
    } else if value > Decimal::ZERO && value < Decimal::ONE {
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

fn looks_like_fractions() -> Text {
    Text::new(
        "cột tỷ lệ phần trăm này có mọi giá trị từ 0 đến 1: có vẻ đã nhập dạng phân số (0,95 thay cho 95%); hãy nhập số phần trăm (95). Nếu các tỷ lệ thật sự nhỏ như vậy, hãy khai báo range cho cột này trong bộ tiêu chí",
        "every value in this percentage column is between 0 and 1: it looks like fractions (0.95 for 95%); type the percentage (95). If the rates really are this small, declare a range for the column in the criteria set",
    )
}

fn stray_fraction(value: Decimal) -> Text {
    let percent = value * Decimal::ONE_HUNDRED;
    let percent = percent.normalize();
    crate::text!(
        vi: "tỷ lệ dưới 1% trong khi các đơn vị khác ghi số phần trăm lớn hơn 1; nếu ý là {percent}% thì hãy nhập {percent}",
        en: "a rate below 1% while other units write percentages above 1; if {percent}% is meant, type {percent}"
    )
}

/// Why a number is refused by a bound of its column, with the allowed range.
pub(super) fn out_of_range(users: &str, c: &InputConstraints<'_>, bound: ValueBound) -> Text {
    let (span_vi, span_en) = match (c.low, c.high) {
        (Some(lo), Some(hi)) => {
            let (lo, hi) = (lo.value, hi.value);
            (format!("từ {lo} đến {hi}"), format!("{lo} to {hi}"))
        }
        (Some(lo), None) => (
            format!("từ {} trở lên", lo.value),
            format!("≥ {}", lo.value),
        ),
        (None, Some(hi)) => (format!("đến {}", hi.value), format!("≤ {}", hi.value)),
        (None, None) => (String::new(), String::new()),
    };
    match bound.reason {
        BoundReason::NotNegative => text!(
            vi: "không được âm (là số lượng hoặc số điểm cho {users})",
            en: "must not be negative (it is a count or points for {users})"
        ),
        BoundReason::Points => {
            let max = bound.value;
            text!(
                vi: "vượt số điểm tối đa {max} của {users}",
                en: "exceeds the maximum of {max} points of {users}"
            )
        }
        BoundReason::Count => text!(
            vi: "không được âm: đây là số lượng (số vụ, số trường hợp…) cho {users}",
            en: "must not be negative: it is a count (of cases, people…) for {users}"
        ),
        BoundReason::Percent => text!(
            vi: "nằm ngoài khoảng {span_vi} của một tỷ lệ phần trăm ({users}); nếu tỷ lệ này thật sự có thể vượt khoảng đó, bộ tiêu chí cần khai báo range",
            en: "is outside {span_en}, the range of a percentage ({users}); if this rate can really go beyond it, the criteria set must declare a range"
        ),
        BoundReason::Declared => text!(
            vi: "nằm ngoài khoảng hợp lý {span_vi} mà bộ tiêu chí khai báo cho {users} (range)",
            en: "is outside the plausible range {span_en} the criteria set declares for {users} (range)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert!(stray[0].3.en.contains("type 95"), "{}", stray[0].3.en);
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
