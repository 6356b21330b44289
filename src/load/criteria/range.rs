//! `range = [lo, hi]` on a criterion, gate or adjustment: the plausible
//! values of the data column it reads (see `model::constraints`).

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Cx, Named, decimal_of};
use crate::i18n::Text;
use crate::model::{Rule, ValueRange};

/// A declared range and where it is written.
pub(super) type Declared = Option<(ValueRange, Range<usize>)>;

impl Cx<'_> {
    /// The table's `range`, checked: two numbers, the first below the second.
    pub(super) fn range(&mut self, table: &DeTable<'_>) -> Declared {
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
            self.wrong_type(
                node,
                "range",
                Text::new(
                    "hai số [thấp nhất, cao nhất], ví dụ range = [0, 100]",
                    "two numbers [lowest, highest], e.g. range = [0, 100]",
                ),
            );
            return None;
        };
        if low >= high {
            self.report(
                node.span(),
                Text::new(
                    "\"range\": số đầu (giá trị thấp nhất) phải nhỏ hơn số sau (giá trị cao nhất)",
                    "\"range\": the first number (the lowest value) must be below the second (the highest)",
                ),
            );
            return None;
        }
        Some((ValueRange { low, high }, node.span()))
    }

    /// A range bounds numbers typed into a data column: not a yes/no or a
    /// level, nor a value the tool computes.
    pub(super) fn range_fits(
        &mut self,
        declared: &Declared,
        rule: Option<&Rule>,
        derived: bool,
        indicator: &Named,
    ) -> Option<ValueRange> {
        let (range, span) = declared.as_ref()?;
        if matches!(rule, Some(Rule::Yes | Rule::Levels(_))) {
            self.report(
                span.clone(),
                Text::new(
                    "\"range\" chỉ dùng cho cột số; quy tắc \"yes\" và \"levels\" đã tự kiểm tra giá trị",
                    "\"range\" applies to number columns; rules \"yes\" and \"levels\" check their values already",
                ),
            );
            return None;
        }
        if derived {
            let n = &indicator.name;
            self.report(
                span.clone(),
                crate::text!(
                    vi: "\"range\" giới hạn một cột dữ liệu nhập vào, còn \"{n}\" là chỉ số dẫn xuất (được tính ra); hãy đặt \"range\" ở tiêu chí đọc trực tiếp các cột dùng để tính nó",
                    en: "\"range\" bounds a data column typed in, and \"{n}\" is a derived indicator (computed); put \"range\" on criteria reading the columns it is computed from"
                ),
            );
            return None;
        }
        Some(*range)
    }
}
