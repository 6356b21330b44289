//! The checker's messages: every constraint between the figures of a
//! criteria set (points, pass marks, rules, ranges, ratings, quotas,
//! caps), said alike whether the set comes from a file or was changed by
//! `--set` overrides, and the overrides' own messages.
//!
//! One `match (self, lang)`, no catch-all arm: the compiler refuses a
//! message that lacks either language.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::Hint;
use crate::i18n::{Lang, Message};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckMessage {
    // src/load/criteria/check.rs
    DowngradeSteps,
    DirectFromDerived,
    ClusterScopeNeedsColumn,
    GateDirect,
    GateRelative {
        k: String,
    },
    StepNegative,
    StepOverMax {
        p: Decimal,
        max: Decimal,
    },
    /// No value reaches this step: the earlier steps (1-based) take every
    /// value it would, as the first step that holds gives the points.
    StepNeverApplies {
        by: Vec<String>,
    },
    LabelNegative,
    LabelOverMax {
        label: String,
        p: Decimal,
        max: Decimal,
    },
    AtTargetShare,
    RangeOrder,
    /// `range` or `whole` (`key`) on a yes/no or levels rule.
    NumbersOnly {
        key: &'static str,
    },
    /// `range` or `whole` (`key`) on a derived indicator `n`.
    TypedInOnly {
        key: &'static str,
        n: String,
    },
    MinMetOverCount {
        m: u32,
        criteria_count: usize,
    },
    QuotaOfHigher {
        n: String,
    },
    ClusterQuotaNeedsColumn,
    LastRatingConditions {
        n: String,
    },
    NotPositive {
        key: String,
    },
    Negative {
        key: String,
    },
    PassOverPoints {
        points: Decimal,
    },
    EndsEqual {
        zero: Decimal,
    },
    QuotaShare,
    // src/load/overrides.rs
    OverrideShape,
    OverrideNoSuchId {
        id: String,
        hint: Hint,
    },
    OverrideNotANumber,
    OverrideFieldHere {
        field: String,
        list: String,
        hint: Hint,
    },
    OverrideUnknownKey {
        field: String,
        hint: Hint,
    },
    OverrideRuleField {
        kind: String,
        field: String,
    },
    OverrideMinMet {
        criteria_count: usize,
    },
}

impl Message for CheckMessage {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            // src/load/criteria/check.rs
            (Self::DowngradeSteps, Lang::Vi) => {
                Cow::Borrowed("\"steps\" (số bậc bị hạ) phải từ 1 trở lên")
            }
            (Self::DowngradeSteps, Lang::En) => {
                Cow::Borrowed("\"steps\" (ratings dropped) must be 1 or more")
            }
            (Self::DirectFromDerived, Lang::Vi) => Cow::Borrowed(
                "quy tắc \"direct\" lấy điểm trực tiếp từ một cột dữ liệu, không từ chỉ số dẫn xuất",
            ),
            (Self::DirectFromDerived, Lang::En) => Cow::Borrowed(
                "rule \"direct\" takes the points from a data column, not from a derived indicator",
            ),
            (Self::ClusterScopeNeedsColumn, Lang::Vi) => Cow::Borrowed(
                "\"scope = \\\"cluster\\\"\" cần khai báo cột cụm ([columns] cluster = …)",
            ),
            (Self::ClusterScopeNeedsColumn, Lang::En) => Cow::Borrowed(
                "\"scope = \\\"cluster\\\"\" needs a cluster column ([columns] cluster = …)",
            ),
            (Self::GateDirect, Lang::Vi) => Cow::Borrowed(
                "tiêu chí loại trừ không dùng được quy tắc \"direct\" (tiêu chí loại trừ không cho điểm)",
            ),
            (Self::GateDirect, Lang::En) => {
                Cow::Borrowed("a gate cannot use rule \"direct\" (gates earn no points)")
            }
            (Self::GateRelative { k }, Lang::Vi) => Cow::Owned(format!(
                "tiêu chí loại trừ không dùng được quy tắc \"{k}\" (tiêu chí loại trừ chỉ xét số liệu của chính đơn vị)"
            )),
            (Self::GateRelative { k }, Lang::En) => Cow::Owned(format!(
                "a gate cannot use rule \"{k}\" (a gate reads the unit's own figures only)"
            )),
            (Self::StepNegative, Lang::Vi) => Cow::Borrowed("điểm của bậc không được âm"),
            (Self::StepNegative, Lang::En) => Cow::Borrowed("a step's points must not be negative"),
            (Self::StepOverMax { p, max }, Lang::Vi) => Cow::Owned(format!(
                "bậc cho {p} điểm, vượt số điểm tối đa của tiêu chí ({max})"
            )),
            (Self::StepOverMax { p, max }, Lang::En) => Cow::Owned(format!(
                "this step gives {p} points, more than the criterion's {max}"
            )),
            (Self::StepNeverApplies { by }, Lang::Vi) => Cow::Owned(format!(
                "bậc này không bao giờ được áp dụng: bậc {} ở trước đã nhận mọi giá trị của nó (bậc đầu tiên thỏa mãn cho điểm); hãy xếp các bậc từ mức cao nhất xuống",
                by.join(" và ")
            )),
            (Self::StepNeverApplies { by }, Lang::En) => {
                let (steps, take) = if by.len() == 1 {
                    ("step", "takes")
                } else {
                    ("steps", "take")
                };
                Cow::Owned(format!(
                    "this step never applies: the earlier {steps} {} {take} every value it would (the first step that holds gives the points); list the steps from the highest bound down",
                    by.join(" and ")
                ))
            }
            (Self::LabelNegative, Lang::Vi) => Cow::Borrowed("điểm của nhãn không được âm"),
            (Self::LabelNegative, Lang::En) => {
                Cow::Borrowed("a label's points must not be negative")
            }
            (Self::LabelOverMax { label, p, max }, Lang::Vi) => Cow::Owned(format!(
                "nhãn \"{label}\" cho {p} điểm, vượt số điểm tối đa của tiêu chí ({max})"
            )),
            (Self::LabelOverMax { label, p, max }, Lang::En) => Cow::Owned(format!(
                "the label \"{label}\" gives {p} points, more than the criterion's {max}"
            )),
            (Self::AtTargetShare, Lang::Vi) => Cow::Borrowed(
                "\"at_target\" là tỷ lệ số điểm khi vừa đạt chỉ tiêu, từ 0 đến 1 (ví dụ 0.5)",
            ),
            (Self::AtTargetShare, Lang::En) => Cow::Borrowed(
                "\"at_target\" is the share of the points earned exactly at target, from 0 to 1 (e.g. 0.5)",
            ),
            (Self::RangeOrder, Lang::Vi) => Cow::Borrowed(
                "\"range\": số đầu (giá trị thấp nhất) phải nhỏ hơn số sau (giá trị cao nhất)",
            ),
            (Self::RangeOrder, Lang::En) => Cow::Borrowed(
                "\"range\": the first number (the lowest value) must be below the second (the highest)",
            ),
            (Self::NumbersOnly { key }, Lang::Vi) => Cow::Owned(format!(
                "\"{key}\" chỉ dùng cho cột số; quy tắc \"yes\" và \"levels\" đã tự kiểm tra giá trị"
            )),
            (Self::NumbersOnly { key }, Lang::En) => Cow::Owned(format!(
                "\"{key}\" applies to number columns; rules \"yes\" and \"levels\" check their values already"
            )),
            (Self::TypedInOnly { key, n }, Lang::Vi) => Cow::Owned(format!(
                "\"{key}\" kiểm tra một cột dữ liệu nhập vào, còn \"{n}\" là chỉ số dẫn xuất (được tính ra); hãy đặt \"{key}\" ở tiêu chí đọc trực tiếp các cột dùng để tính nó"
            )),
            (Self::TypedInOnly { key, n }, Lang::En) => Cow::Owned(format!(
                "\"{key}\" checks a data column typed in, and \"{n}\" is a derived indicator (computed); put \"{key}\" on criteria reading the columns it is computed from"
            )),
            (Self::MinMetOverCount { m, criteria_count }, Lang::Vi) => Cow::Owned(format!(
                "\"min_met\" = {m} nhưng bộ chỉ có {criteria_count} tiêu chí"
            )),
            (Self::MinMetOverCount { m, criteria_count }, Lang::En) => Cow::Owned(format!(
                "\"min_met\" = {m} but the set has only {criteria_count} criteria"
            )),
            (Self::QuotaOfHigher { n }, Lang::Vi) => Cow::Owned(format!(
                "\"quota_of\" phải là chính xếp loại này hoặc một loại thấp hơn, không phải \"{n}\""
            )),
            (Self::QuotaOfHigher { n }, Lang::En) => Cow::Owned(format!(
                "\"quota_of\" must be this rating or a lower one, not \"{n}\""
            )),
            (Self::ClusterQuotaNeedsColumn, Lang::Vi) => Cow::Borrowed(
                "\"quota_scope = \\\"cluster\\\"\" cần khai báo cột cụm ([columns] cluster = …)",
            ),
            (Self::ClusterQuotaNeedsColumn, Lang::En) => Cow::Borrowed(
                "\"quota_scope = \\\"cluster\\\"\" needs a cluster column ([columns] cluster = …)",
            ),
            (Self::LastRatingConditions { n }, Lang::Vi) => Cow::Owned(format!(
                "xếp loại cuối cùng (\"{n}\") là loại còn lại cho mọi đơn vị nên không được có điều kiện"
            )),
            (Self::LastRatingConditions { n }, Lang::En) => Cow::Owned(format!(
                "the last rating (\"{n}\") is the fallback for every unit and must have no conditions"
            )),
            (Self::NotPositive { key }, Lang::Vi) => {
                Cow::Owned(format!("\"{key}\" phải lớn hơn 0"))
            }
            (Self::NotPositive { key }, Lang::En) => {
                Cow::Owned(format!("\"{key}\" must be greater than 0"))
            }
            (Self::Negative { key }, Lang::Vi) => Cow::Owned(format!("\"{key}\" không được âm")),
            (Self::Negative { key }, Lang::En) => {
                Cow::Owned(format!("\"{key}\" must not be negative"))
            }
            (Self::PassOverPoints { points }, Lang::Vi) => Cow::Owned(format!(
                "\"pass\" phải từ 0 đến số điểm của tiêu chí ({points})"
            )),
            (Self::PassOverPoints { points }, Lang::En) => Cow::Owned(format!(
                "\"pass\" must be between 0 and the criterion's points ({points})"
            )),
            (Self::EndsEqual { zero }, Lang::Vi) => Cow::Owned(format!(
                "\"zero\" và \"full\" bằng nhau ({zero}); hai mốc phải khác nhau"
            )),
            (Self::EndsEqual { zero }, Lang::En) => Cow::Owned(format!(
                "\"zero\" and \"full\" are equal ({zero}); they must differ"
            )),
            (Self::QuotaShare, Lang::Vi) => {
                Cow::Borrowed("\"quota\" là một tỷ lệ từ 0 đến 1 (ví dụ 0.2 cho 20%)")
            }
            (Self::QuotaShare, Lang::En) => {
                Cow::Borrowed("\"quota\" is a share from 0 to 1 (e.g. 0.2 for 20%)")
            }
            // src/load/overrides.rs
            (Self::OverrideShape, Lang::Vi) => {
                Cow::Borrowed("cần dạng KHÓA=GIÁ_TRỊ, ví dụ A1.points=5 hoặc HTXS.min_score=85")
            }
            (Self::OverrideShape, Lang::En) => {
                Cow::Borrowed("expected KEY=VALUE, e.g. A1.points=5 or HTXS.min_score=85")
            }
            (Self::OverrideNoSuchId { id, hint }, Lang::Vi) => Cow::Owned(format!(
                "không có tiêu chí, tiêu chí loại trừ, xếp loại hay khoản điểm thưởng/trừ nào có mã \"{id}\".{hv}",
                hv = hint.words(Lang::Vi)
            )),
            (Self::OverrideNoSuchId { id, hint }, Lang::En) => Cow::Owned(format!(
                "no criterion, gate, rating or adjustment has the id \"{id}\".{he}",
                he = hint.words(Lang::En)
            )),
            (Self::OverrideNotANumber, Lang::Vi) => {
                Cow::Borrowed("giá trị phải là một số, ví dụ 85 hoặc 0.2")
            }
            (Self::OverrideNotANumber, Lang::En) => {
                Cow::Borrowed("the value must be a number, e.g. 85 or 0.2")
            }
            (Self::OverrideFieldHere { field, list, hint }, Lang::Vi) => Cow::Owned(format!(
                "không đổi được \"{field}\" ở đây; dùng một trong: {list}.{hv}",
                hv = hint.words(Lang::Vi)
            )),
            (Self::OverrideFieldHere { field, list, hint }, Lang::En) => Cow::Owned(format!(
                "\"{field}\" cannot be set here; use one of: {list}.{he}",
                he = hint.words(Lang::En)
            )),
            (Self::OverrideUnknownKey { field, hint }, Lang::Vi) => Cow::Owned(format!(
                "khóa \"{field}\" không có; dùng MÃ.TRƯỜNG (ví dụ A1.points) hoặc bonus_cap, deduction_cap.{hv}",
                hv = hint.words(Lang::Vi)
            )),
            (Self::OverrideUnknownKey { field, hint }, Lang::En) => Cow::Owned(format!(
                "unknown key \"{field}\"; use ID.FIELD (e.g. A1.points) or bonus_cap, deduction_cap.{he}",
                he = hint.words(Lang::En)
            )),
            (Self::OverrideRuleField { kind, field }, Lang::Vi) => {
                Cow::Owned(format!("quy tắc \"{kind}\" không có \"{field}\""))
            }
            (Self::OverrideRuleField { kind, field }, Lang::En) => {
                Cow::Owned(format!("rule \"{kind}\" has no \"{field}\""))
            }
            (Self::OverrideMinMet { criteria_count }, Lang::Vi) => Cow::Owned(format!(
                "\"min_met\" phải là số nguyên từ 0 đến {criteria_count}"
            )),
            (Self::OverrideMinMet { criteria_count }, Lang::En) => Cow::Owned(format!(
                "\"min_met\" must be a whole number from 0 to {criteria_count}"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_messages_read_in_both_languages() {
        let over = CheckMessage::StepOverMax {
            p: Decimal::new(35, 1),
            max: Decimal::from(3),
        };
        assert_eq!(
            over.words(Lang::Vi),
            "bậc cho 3.5 điểm, vượt số điểm tối đa của tiêu chí (3)"
        );
        assert_eq!(
            over.words(Lang::En),
            "this step gives 3.5 points, more than the criterion's 3"
        );
        let unknown = CheckMessage::OverrideNoSuchId {
            id: "A9".into(),
            hint: Hint(Some("A1".into())),
        };
        assert_eq!(
            unknown.words(Lang::Vi),
            "không có tiêu chí, tiêu chí loại trừ, xếp loại hay khoản điểm thưởng/trừ nào có mã \"A9\". Có phải ý bạn là \"A1\"?"
        );
        assert_eq!(
            unknown.words(Lang::En),
            "no criterion, gate, rating or adjustment has the id \"A9\". Did you mean \"A1\"?"
        );
        assert_eq!(
            CheckMessage::MinMetOverCount {
                m: 5,
                criteria_count: 4
            }
            .words(Lang::En),
            "\"min_met\" = 5 but the set has only 4 criteria"
        );
    }
}
