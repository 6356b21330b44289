//! Downgrades ("hạ bậc", TT 27/2020/TT-BCA Điều 6): a yes/no condition
//! that lowers the rating a unit earned by its conditions, before quotas
//! are applied. Which conditions hold is read from the unit's own row.

use crate::model::{CompactUnit, CriteriaSet, Dataset, IndicatorRef, Value, bits};

/// Bit `i` set when the `i`-th yes/no indicator reads "yes" in `values`.
/// Conditions read data columns (or another set's result), never derived
/// indicators, which are numbers.
fn holding(values: &[Value], indicators: impl Iterator<Item = IndicatorRef>) -> u64 {
    indicators.enumerate().fold(0, |mask, (i, indicator)| {
        let yes = match indicator {
            IndicatorRef::Input(k) => matches!(values.get(k), Some(Value::YesNo(true))),
            IndicatorRef::Derived(_) => false,
        };
        if yes {
            mask | u32::try_from(i)
                .ok()
                .and_then(|i| 1u64.checked_shl(i))
                .unwrap_or(0)
        } else {
            mask
        }
    })
}

/// Which of the set's downgrades hold for a unit with these input values.
pub fn downgrades_holding(set: &CriteriaSet, values: &[Value]) -> u64 {
    holding(values, set.downgrades.iter().map(|d| d.indicator))
}

/// Which of the set's exclusions hold for a unit with these input values.
/// Known before anything is scored, so that whatever compares units with
/// each other can leave these units out.
pub fn exclusions_holding(set: &CriteriaSet, values: &[Value]) -> u64 {
    holding(values, set.exclusions.iter().map(|x| x.indicator))
}

/// The positions in the data of the units not considered.
pub fn excluded_units(set: &CriteriaSet, data: &Dataset) -> Vec<usize> {
    if set.exclusions.is_empty() {
        return Vec::new();
    }
    data.units
        .iter()
        .enumerate()
        .filter(|(_, u)| exclusions_holding(set, u.view().values) != 0)
        .map(|(i, _)| i)
        .collect()
}

/// Ratings dropped by the downgrades in `mask`: their steps add up.
pub fn steps(set: &CriteriaSet, mask: u64) -> usize {
    bits(mask)
        .filter_map(|d| set.downgrades.get(d))
        .map(|d| d.steps as usize)
        .sum()
}

/// The rating after downgrades of a unit whose conditions earn `earned`:
/// `steps` ratings lower, never below the last, and then the first from
/// there whose own conditions the unit meets (ratings are not granted by
/// a downgrade).
pub fn lowered(set: &CriteriaSet, unit: &CompactUnit, earned: usize) -> usize {
    let dropped = steps(set, unit.downgrades);
    if dropped == 0 {
        return earned;
    }
    let last = set.ratings.len().saturating_sub(1);
    let to = earned.saturating_add(dropped).min(last);
    unit.first_qualifying(to, last)
}
