//! `range = [lo, hi]` on a criterion, gate or adjustment: the plausible
//! values of the data column it reads (see `model::constraints`).

use toml::de::{DeTable, DeValue};

use super::Expected;
use super::{Cx, decimal_of};
use crate::model::ValueRange;

impl Cx<'_> {
    /// The table's `range`: two numbers (their order is the checker's).
    pub(super) fn range(&mut self, table: &DeTable<'_>) -> Option<ValueRange> {
        let node = Self::field(table, "range")?;
        let pair = match node.get_ref() {
            DeValue::Array(items) if items.len() == 2 => {
                match (
                    decimal_of(items[0].get_ref()),
                    decimal_of(items[1].get_ref()),
                ) {
                    (Some(low), Some(high)) => Some((low, high)),
                    _ => None,
                }
            }
            _ => None,
        };
        let Some((low, high)) = pair else {
            self.wrong_type(node, "range", Expected::Range);
            return None;
        };
        Some(ValueRange { low, high })
    }
}
