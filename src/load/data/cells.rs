//! One cell of a data file as the value its column's rules expect, or
//! the words that say why it is not.

use super::*;

pub(super) fn parse_cell(
    set: &CriteriaSet,
    input: &Input,
    rules: &ColumnRules<'_>,
    cell: &str,
    not_applicable: bool,
    style: DecimalStyle,
    allow_grouping: bool,
) -> Result<Value, D> {
    let users = &rules.users_text;
    if cell.is_empty() {
        match input.blank_target {
            // A unit given no target is scored against the others without one.
            BlankTarget::NoTarget => return Ok(Value::Missing),
            BlankTarget::Required => {
                return Err(D::BlankTarget {
                    users: users.clone(),
                });
            }
            BlankTarget::NotTarget => {}
        }
        if input.blank_means_zero || set.missing == MissingPolicy::Zero {
            return Ok(Value::Missing);
        }
        return Err(D::BlankCell {
            users: users.clone(),
        });
    }
    if not_applicable {
        if input.accepts_na {
            return Ok(Value::NotApplicable);
        }
        return Err(D::NotApplicableRefused {
            users: users.clone(),
        });
    }
    match input.kind {
        ValueKind::YesNo => parse_yes_no(cell).map(Value::YesNo).ok_or(D::NotYesNo),
        ValueKind::Label => {
            // A label written exactly as in the criteria file needs no key.
            let first = rules
                .constraints
                .levels
                .first()
                .copied()
                .unwrap_or_default();
            let found = match first.iter().find(|l| l.label == cell) {
                Some(exact) => Some(exact),
                None => {
                    let key = label_key(cell);
                    first.iter().find(|l| l.key == key)
                }
            };
            // Equal keys share an id: the label must be in every list.
            let missing_from = rules
                .constraints
                .levels
                .iter()
                .find(|levels| found.is_none_or(|f| !levels.iter().any(|l| l.id == f.id)));
            match (found, missing_from) {
                (Some(level), None) => Ok(Value::Label(level.id)),
                (_, None) => Err(D::NotALevel),
                (_, Some(levels)) => {
                    let allowed = levels
                        .iter()
                        .map(|l| l.label.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    let hint = did_you_mean(cell, levels.iter().map(|l| l.label.as_str()));
                    Err(D::NotAListedLevel { allowed, hint })
                }
            }
        }
        ValueKind::Number => {
            let value = parse_number(cell, style, allow_grouping).map_err(|e| {
                let message = match allow_grouping {
                    false => grouped_without_style(cell, style),
                    true => None,
                };
                message.unwrap_or_else(|| with_date_hint(number_error(e, style), cell))
            })?;
            checked_number(rules, value)
        }
    }
}

/// A number refused where no style was given that reads with thousands
/// separators in one style ("1.234.567", "1.234,5", "1 234"): said as
/// such, rather than as a separator that does not fit the file's style.
/// The style `in_effect` (the file's) is tried first: spaces read in both,
/// and the option to give is the one that keeps the file's decimals.
fn grouped_without_style(cell: &str, in_effect: DecimalStyle) -> Option<D> {
    let styles = match in_effect {
        DecimalStyle::Point => [DecimalStyle::Point, DecimalStyle::Comma],
        DecimalStyle::Comma => [DecimalStyle::Comma, DecimalStyle::Point],
    };
    let spaced = cell.contains([' ', '\u{a0}', '\u{202f}']);
    styles.into_iter().find_map(|style| {
        // Only where the separators are what makes it a number.
        if parse_number(cell, style, false).is_ok() {
            return None;
        }
        let value = parse_number(cell, style, true).ok()?;
        let plain = match style {
            DecimalStyle::Point => value.to_string(),
            DecimalStyle::Comma => value.to_string().replace('.', ","),
        };
        Some(D::GroupedWithoutStyle {
            style,
            plain,
            spaced,
        })
    })
}

/// A parsed number held to its column's rules (sign, a `direct` rule's
/// maximum), without trailing fractional zeros.
pub(super) fn checked_number(rules: &ColumnRules<'_>, value: Decimal) -> Result<Value, D> {
    if rules.bounded
        && let Some(bound) = rules.constraints.broken_bound(value)
    {
        return Err(out_of_range(&rules.users_text, &rules.constraints, bound));
    }
    if rules.constraints.whole && !value.fract().is_zero() {
        let users = rules.users_text.clone();
        return Err(D::NotWhole { users });
    }
    // Most numbers have nothing to strip: skip the 96-bit division loop.
    let normal = value.scale() == 0 || i64::try_from(value.mantissa()).is_ok_and(|m| m % 10 != 0);
    Ok(Value::Number(if normal {
        value
    } else {
        value.normalize()
    }))
}

/// A number column refusing a date or time says why it holds one: most
/// often a number typed into a cell formatted as a date (45 shows as
/// 14/02/1900).
pub(super) fn with_date_hint(message: D, cell: &str) -> D {
    if looks_like_date_or_time(cell) {
        return D::ShowsADate(Box::new(message));
    }
    message
}

pub(super) fn number_error(e: NumberError, style: DecimalStyle) -> D {
    match e {
        NumberError::NotANumber => D::NotANumber { style },
        NumberError::WrongSeparator { found } => D::WrongSeparator { found, style },
        NumberError::TooManyDigits => D::TooManyDigits,
        // Only with --decimal: the other style may be what the file uses.
        NumberError::BadGrouping => D::BadGrouping { style },
    }
}

/// The values of the few distinct texts a column reads that are not
/// numbers (yes/no, a level, N/A), by the text as written. Reading such a
/// text is a pure function of it and its column's rules (no decimal style
/// is learnt from it), and a column holds only a handful: each is worked
/// out once instead of on every row.
#[derive(Debug, Default)]
pub(super) struct CellMemo {
    seen: Vec<(Box<str>, Value)>,
}

impl CellMemo {
    /// Distinct texts kept per column: a yes/no or level column has fewer;
    /// a column of free text passes them by after these.
    const MAX: usize = 8;

    #[inline]
    pub(super) fn get(&self, written: &str) -> Option<Value> {
        self.seen
            .iter()
            .find(|(text, _)| **text == *written)
            .map(|&(_, value)| value)
    }

    /// Keeps `value` as what `written` reads as, when it is a value no
    /// later cell could read differently: any value of a yes/no or label
    /// column, and N/A in a number column. A number (or a blank) may
    /// depend on the decimal style the file has shown so far.
    pub(super) fn remember(&mut self, kind: ValueKind, written: &str, value: Value) {
        let pure = kind != ValueKind::Number || value == Value::NotApplicable;
        if pure && self.seen.len() < Self::MAX {
            self.seen.push((written.into(), value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_that_need_thousands_separators_are_named_as_such() {
        let said = |cell: &str| match grouped_without_style(cell, DecimalStyle::Point) {
            Some(D::GroupedWithoutStyle { style, plain, .. }) => Some((style, plain)),
            _ => None,
        };
        assert_eq!(
            said("1.234.567"),
            Some((DecimalStyle::Comma, "1234567".into()))
        );
        assert_eq!(
            said("1.234,5"),
            Some((DecimalStyle::Comma, "1234,5".into()))
        );
        assert_eq!(
            said("1,234.5"),
            Some((DecimalStyle::Point, "1234.5".into()))
        );
        // Spaces read in either style: the file's own is the one to give.
        let spaced = |cell: &str, in_effect| match grouped_without_style(cell, in_effect) {
            Some(D::GroupedWithoutStyle { style, spaced, .. }) => Some((style, spaced)),
            _ => None,
        };
        assert_eq!(
            spaced("1 234", DecimalStyle::Point),
            Some((DecimalStyle::Point, true))
        );
        assert_eq!(
            spaced("1\u{a0}234,5", DecimalStyle::Comma),
            Some((DecimalStyle::Comma, true))
        );
        assert_eq!(
            spaced("1.234,5", DecimalStyle::Point),
            Some((DecimalStyle::Comma, false))
        );
        // A decimal mark alone, or groups that are not of three: not this.
        for cell in ["1,5", "85.5", "1.23", "12,34,5", "1.2.3", "abc"] {
            assert_eq!(said(cell), None, "{cell}");
        }
    }
}
