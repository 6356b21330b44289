//! The criteria file's messages: its shape (keys, types) and the names
//! that must resolve. The constraints between a set's figures are
//! [`super::check`]'s.
//!
//! One `match (self, lang)` per enum, no catch-all arm: the compiler
//! refuses a message that lacks either language.

use std::borrow::Cow;

use super::Hint;
use crate::i18n::{Lang, Message};
use crate::load::criteria::{FORMAT, MAX_CONDITIONS, MAX_CRITERIA, MAX_LEVELS, MAX_RATINGS, RULES};
use crate::model::ValueKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CriteriaMessage {
    // src/load/criteria.rs
    TomlSyntax {
        msg: String,
    },
    UnknownKey {
        key: String,
        place: Section,
        hint: Hint,
    },
    MissingKey {
        key: String,
        place: Section,
    },
    MustBe {
        key: String,
        expected: Expected,
    },
    Empty {
        key: String,
    },
    NoFormatLine,
    UnsupportedFormat,
    // src/load/criteria/sections.rs
    SetIdChars,
    MissingPolicyValue,
    RatioAndChange,
    NoRatioOrChange,
    TooManyCriteria {
        n: usize,
    },
    UnknownRule {
        other: String,
        hint: Hint,
    },
    FieldNotForRule {
        field: String,
        rule_name: String,
    },
    RuleNeedsKey {
        rule_name: String,
        key: String,
    },
    DirectionValue,
    ScopeValue,
    NoTargetValue,
    TargetRuleNeedsTarget,
    StepsRuleNeedsSteps,
    StepBound,
    LevelsRuleNeedsLevels,
    TooManyLevels {
        n: usize,
    },
    DuplicateLabel {
        label_text: String,
    },
    KindValue {
        hint: Hint,
    },
    NoRatings,
    TooManyRatings {
        n: usize,
    },
    QuotaScopeValue,
    // src/load/criteria/resolve.rs
    DuplicateId {
        what: ItemKind,
        name: String,
    },
    NoSuchId {
        what: ItemKind,
        n: String,
        hint: Hint,
    },
    RefersToItself {
        n: String,
    },
    Cycle {
        n: String,
        m: String,
    },
    DerivedNotYesNo {
        n: String,
    },
    UnitColumnNotIndicator {
        n: String,
    },
    ColumnUsedTwoWays {
        n: String,
        a: KindOfValue,
        b: KindOfValue,
    },
    OnlyWithQuota {
        key: String,
    },
    UnknownRankingKey {
        k: String,
        hint: Hint,
    },
    // src/load/criteria/results.rs
    PrefixChars,
    DuplicatePrefix {
        p: String,
    },
    PrefixIsUnitColumn {
        p: String,
        column: String,
    },
    IndicatorIsPrefix {
        n: String,
        p: String,
    },
    BarePrefix {
        n: String,
        fields: String,
    },
    NoSuchResultField {
        prefix: String,
        field: String,
        fields: String,
        hint: Hint,
    },
    RatingNotNumber {
        n: String,
    },
    NumberNotYesNo {
        n: String,
    },
    // src/load/criteria/conditions.rs
    TooManyConditions {
        key: String,
        n: usize,
    },
}

impl Message for CriteriaMessage {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            // src/load/criteria.rs
            (Self::TomlSyntax { msg }, Lang::Vi) => Cow::Owned(format!("lỗi cú pháp TOML: {msg}")),
            (Self::TomlSyntax { msg }, Lang::En) => Cow::Owned(format!("TOML syntax error: {msg}")),
            (Self::UnknownKey { key, place, hint }, Lang::Vi) => Cow::Owned(format!(
                "khóa \"{key}\" không dùng được trong {pv}.{hv}",
                pv = place.words(Lang::Vi),
                hv = hint.words(Lang::Vi)
            )),
            (Self::UnknownKey { key, place, hint }, Lang::En) => Cow::Owned(format!(
                "unknown key \"{key}\" in {pe}.{he}",
                pe = place.words(Lang::En),
                he = hint.words(Lang::En)
            )),
            (Self::MissingKey { key, place }, Lang::Vi) => Cow::Owned(format!(
                "thiếu khóa bắt buộc \"{key}\" trong {pv}",
                pv = place.words(Lang::Vi)
            )),
            (Self::MissingKey { key, place }, Lang::En) => Cow::Owned(format!(
                "{pe} is missing the required key \"{key}\"",
                pe = place.words(Lang::En)
            )),
            (Self::MustBe { key, expected }, Lang::Vi) => Cow::Owned(format!(
                "\"{key}\" phải là {ev}",
                ev = expected.words(Lang::Vi)
            )),
            (Self::MustBe { key, expected }, Lang::En) => Cow::Owned(format!(
                "\"{key}\" must be {ee}",
                ee = expected.words(Lang::En)
            )),
            (Self::Empty { key }, Lang::Vi) => Cow::Owned(format!("\"{key}\" không được để trống")),
            (Self::Empty { key }, Lang::En) => Cow::Owned(format!("\"{key}\" must not be empty")),
            (Self::NoFormatLine, Lang::Vi) => Cow::Borrowed("thiếu dòng \"format = 1\" ở đầu tệp"),
            (Self::NoFormatLine, Lang::En) => {
                Cow::Borrowed("missing \"format = 1\" at the top of the file")
            }
            (Self::UnsupportedFormat, Lang::Vi) => Cow::Owned(format!(
                "phiên bản định dạng không hỗ trợ; wardscore này đọc format = {FORMAT}"
            )),
            (Self::UnsupportedFormat, Lang::En) => Cow::Owned(format!(
                "unsupported format version; this wardscore reads format = {FORMAT}"
            )),
            // src/load/criteria/sections.rs
            (Self::SetIdChars, Lang::Vi) => Cow::Borrowed(
                "mã bộ tiêu chí chỉ gồm chữ thường không dấu, số và dấu gạch ngang (a-z, 0-9, -)",
            ),
            (Self::SetIdChars, Lang::En) => Cow::Borrowed(
                "the set id may only hold lowercase letters, digits and hyphens (a-z, 0-9, -)",
            ),
            (Self::MissingPolicyValue, Lang::Vi) => {
                Cow::Borrowed("\"missing\" phải là \"error\" hoặc \"zero\"")
            }
            (Self::MissingPolicyValue, Lang::En) => {
                Cow::Borrowed("\"missing\" must be \"error\" or \"zero\"")
            }
            (Self::RatioAndChange, Lang::Vi) => {
                Cow::Borrowed("một chỉ số dẫn xuất chỉ có một trong \"ratio\" hoặc \"change\"")
            }
            (Self::RatioAndChange, Lang::En) => {
                Cow::Borrowed("a derived indicator takes either \"ratio\" or \"change\", not both")
            }
            (Self::NoRatioOrChange, Lang::Vi) => Cow::Borrowed(
                "chỉ số dẫn xuất cần \"ratio = [\\\"a\\\", \\\"b\\\"]\" hoặc \"change = [\\\"a\\\", \\\"b\\\"]\"",
            ),
            (Self::NoRatioOrChange, Lang::En) => Cow::Borrowed(
                "a derived indicator needs \"ratio = [\\\"a\\\", \\\"b\\\"]\" or \"change = [\\\"a\\\", \\\"b\\\"]\"",
            ),
            (Self::TooManyCriteria { n }, Lang::Vi) => {
                Cow::Owned(format!("quá nhiều tiêu chí ({n}); tối đa {MAX_CRITERIA}"))
            }
            (Self::TooManyCriteria { n }, Lang::En) => Cow::Owned(format!(
                "too many criteria ({n}); the limit is {MAX_CRITERIA}"
            )),
            (Self::UnknownRule { other, hint }, Lang::Vi) => Cow::Owned(format!(
                "quy tắc \"{other}\" không có; dùng một trong: {all}.{hv}",
                all = RULES.join(", "),
                hv = hint.words(Lang::Vi)
            )),
            (Self::UnknownRule { other, hint }, Lang::En) => Cow::Owned(format!(
                "unknown rule \"{other}\"; use one of: {all}.{he}",
                all = RULES.join(", "),
                he = hint.words(Lang::En)
            )),
            (Self::FieldNotForRule { field, rule_name }, Lang::Vi) => Cow::Owned(format!(
                "\"{field}\" không dùng cho quy tắc \"{rule_name}\""
            )),
            (Self::FieldNotForRule { field, rule_name }, Lang::En) => Cow::Owned(format!(
                "\"{field}\" does not apply to rule \"{rule_name}\""
            )),
            (Self::RuleNeedsKey { rule_name, key }, Lang::Vi) => {
                Cow::Owned(format!("quy tắc \"{rule_name}\" cần khóa \"{key}\""))
            }
            (Self::RuleNeedsKey { rule_name, key }, Lang::En) => {
                Cow::Owned(format!("rule \"{rule_name}\" needs the key \"{key}\""))
            }
            (Self::DirectionValue, Lang::Vi) => Cow::Borrowed(
                "\"direction\" phải là \"higher\" (càng cao càng tốt) hoặc \"lower\" (càng thấp càng tốt)",
            ),
            (Self::DirectionValue, Lang::En) => Cow::Borrowed(
                "\"direction\" must be \"higher\" (higher is better) or \"lower\" (lower is better)",
            ),
            (Self::ScopeValue, Lang::Vi) => Cow::Borrowed(
                "\"scope\" phải là \"cluster\" (so trong cụm) hoặc \"all\" (so với mọi đơn vị)",
            ),
            (Self::ScopeValue, Lang::En) => Cow::Borrowed(
                "\"scope\" must be \"cluster\" (within the cluster) or \"all\" (all units)",
            ),
            (Self::NoTargetValue, Lang::Vi) => Cow::Borrowed(
                "\"no_target\" phải là \"relative\" (đơn vị không được giao chỉ tiêu được so với nhau) hoặc \"error\" (báo lỗi)",
            ),
            (Self::NoTargetValue, Lang::En) => Cow::Borrowed(
                "\"no_target\" must be \"relative\" (units without a target are compared with each other) or \"error\"",
            ),
            (Self::TargetRuleNeedsTarget, Lang::Vi) => Cow::Borrowed(
                "quy tắc \"target\" cần khóa \"target\": tên cột chỉ tiêu giao cho từng đơn vị, hoặc một số",
            ),
            (Self::TargetRuleNeedsTarget, Lang::En) => Cow::Borrowed(
                "rule \"target\" needs the key \"target\": the column of each unit's target, or a number",
            ),
            (Self::StepsRuleNeedsSteps, Lang::Vi) => Cow::Borrowed(
                "quy tắc \"steps\" cần \"steps = [{ at_least = 90, points = 3 }, …]\"",
            ),
            (Self::StepsRuleNeedsSteps, Lang::En) => {
                Cow::Borrowed("rule \"steps\" needs \"steps = [{ at_least = 90, points = 3 }, …]\"")
            }
            (Self::StepBound, Lang::Vi) => {
                Cow::Borrowed("mỗi bậc cần đúng một trong \"at_least\" hoặc \"at_most\"")
            }
            (Self::StepBound, Lang::En) => {
                Cow::Borrowed("each step needs exactly one of \"at_least\" or \"at_most\"")
            }
            (Self::LevelsRuleNeedsLevels, Lang::Vi) => Cow::Borrowed(
                "quy tắc \"levels\" cần \"levels = { \\\"Xuất sắc\\\" = 4, \\\"Khá\\\" = 2 }\"",
            ),
            (Self::LevelsRuleNeedsLevels, Lang::En) => Cow::Borrowed(
                "rule \"levels\" needs \"levels = { \\\"Xuất sắc\\\" = 4, \\\"Khá\\\" = 2 }\"",
            ),
            (Self::TooManyLevels { n }, Lang::Vi) => Cow::Owned(format!(
                "quy tắc \"levels\" có quá nhiều nhãn ({n}); tối đa {MAX_LEVELS}"
            )),
            (Self::TooManyLevels { n }, Lang::En) => Cow::Owned(format!(
                "the \"levels\" rule lists too many labels ({n}); the limit is {MAX_LEVELS}"
            )),
            (Self::DuplicateLabel { label_text }, Lang::Vi) => {
                Cow::Owned(format!("nhãn \"{label_text}\" bị lặp"))
            }
            (Self::DuplicateLabel { label_text }, Lang::En) => {
                Cow::Owned(format!("the label \"{label_text}\" is listed twice"))
            }
            (Self::KindValue { hint }, Lang::Vi) => Cow::Owned(format!(
                "\"kind\" phải là \"bonus\" (điểm thưởng) hoặc \"deduction\" (điểm trừ).{hv}",
                hv = hint.words(Lang::Vi)
            )),
            (Self::KindValue { hint }, Lang::En) => Cow::Owned(format!(
                "\"kind\" must be \"bonus\" or \"deduction\".{he}",
                he = hint.words(Lang::En)
            )),
            (Self::NoRatings, Lang::Vi) => Cow::Borrowed(
                "cần ít nhất một [[ratings]] (xếp loại); loại cuối cùng không có điều kiện",
            ),
            (Self::NoRatings, Lang::En) => Cow::Borrowed(
                "at least one [[ratings]] entry is needed; the last one has no conditions",
            ),
            (Self::TooManyRatings { n }, Lang::Vi) => Cow::Owned(format!(
                "quá nhiều mức xếp loại ({n}); tối đa {MAX_RATINGS}: hãy gộp hoặc bỏ bớt các mục [[ratings]]"
            )),
            (Self::TooManyRatings { n }, Lang::En) => Cow::Owned(format!(
                "too many ratings ({n}); the limit is {MAX_RATINGS}: merge or remove some [[ratings]] entries"
            )),
            (Self::QuotaScopeValue, Lang::Vi) => {
                Cow::Borrowed("\"quota_scope\" phải là \"all\" hoặc \"cluster\"")
            }
            (Self::QuotaScopeValue, Lang::En) => {
                Cow::Borrowed("\"quota_scope\" must be \"all\" or \"cluster\"")
            }
            // src/load/criteria/resolve.rs
            (Self::DuplicateId { what, name }, Lang::Vi) => Cow::Owned(format!(
                "mã {wv} \"{name}\" bị trùng",
                wv = what.words(Lang::Vi)
            )),
            (Self::DuplicateId { what, name }, Lang::En) => Cow::Owned(format!(
                "duplicate {we} id \"{name}\"",
                we = what.words(Lang::En)
            )),
            (Self::NoSuchId { what, n, hint }, Lang::Vi) => Cow::Owned(format!(
                "không có {wv} nào có mã \"{n}\".{hv}",
                wv = what.words(Lang::Vi),
                hv = hint.words(Lang::Vi)
            )),
            (Self::NoSuchId { what, n, hint }, Lang::En) => Cow::Owned(format!(
                "no {we} has the id \"{n}\".{he}",
                we = what.words(Lang::En),
                he = hint.words(Lang::En)
            )),
            (Self::RefersToItself { n }, Lang::Vi) => Cow::Owned(format!(
                "chỉ số dẫn xuất \"{n}\" tự tham chiếu đến chính nó"
            )),
            (Self::RefersToItself { n }, Lang::En) => {
                Cow::Owned(format!("the derived indicator \"{n}\" refers to itself"))
            }
            (Self::Cycle { n, m }, Lang::Vi) => Cow::Owned(format!(
                "chỉ số \"{n}\" và \"{m}\" tham chiếu vòng tròn lẫn nhau"
            )),
            (Self::Cycle { n, m }, Lang::En) => Cow::Owned(format!(
                "the indicators \"{n}\" and \"{m}\" refer to each other in a cycle"
            )),
            (Self::DerivedNotYesNo { n }, Lang::Vi) => Cow::Owned(format!(
                "\"{n}\" là chỉ số dẫn xuất (một số), không dùng được với quy tắc có/không hay mức xếp loại"
            )),
            (Self::DerivedNotYesNo { n }, Lang::En) => Cow::Owned(format!(
                "\"{n}\" is a derived indicator (a number); it cannot feed a yes/no or levels rule"
            )),
            (Self::UnitColumnNotIndicator { n }, Lang::Vi) => Cow::Owned(format!(
                "\"{n}\" là cột mã/tên/cụm của đơn vị, không phải chỉ số"
            )),
            (Self::UnitColumnNotIndicator { n }, Lang::En) => Cow::Owned(format!(
                "\"{n}\" is the unit's id/name/cluster column, not an indicator"
            )),
            (Self::ColumnUsedTwoWays { n, a, b }, Lang::Vi) => Cow::Owned(format!(
                "cột \"{n}\" đã được dùng như {av}, ở đây lại dùng như {bv}",
                av = a.words(Lang::Vi),
                bv = b.words(Lang::Vi)
            )),
            (Self::ColumnUsedTwoWays { n, a, b }, Lang::En) => Cow::Owned(format!(
                "the column \"{n}\" is used as {ae} elsewhere and as {be} here",
                ae = a.words(Lang::En),
                be = b.words(Lang::En)
            )),
            (Self::OnlyWithQuota { key }, Lang::Vi) => {
                Cow::Owned(format!("\"{key}\" chỉ có nghĩa khi có \"quota\""))
            }
            (Self::OnlyWithQuota { key }, Lang::En) => Cow::Owned(format!(
                "\"{key}\" only has a meaning together with \"quota\""
            )),
            (Self::UnknownRankingKey { k, hint }, Lang::Vi) => Cow::Owned(format!(
                "khóa xếp hạng \"{k}\" không có; dùng score, met, gates, group:MÃ hoặc criterion:MÃ.{hv}",
                hv = hint.words(Lang::Vi)
            )),
            (Self::UnknownRankingKey { k, hint }, Lang::En) => Cow::Owned(format!(
                "unknown ranking key \"{k}\"; use score, met, gates, group:ID or criterion:ID.{he}",
                he = hint.words(Lang::En)
            )),
            // src/load/criteria/results.rs
            (Self::PrefixChars, Lang::Vi) => Cow::Borrowed(
                "tiền tố kết quả chỉ gồm chữ cái không dấu, số, \"_\" và \"-\" (ví dụ \"km\")",
            ),
            (Self::PrefixChars, Lang::En) => Cow::Borrowed(
                "a results prefix may only hold letters (a-z, A-Z), digits, \"_\" and \"-\" (e.g. \"km\")",
            ),
            (Self::DuplicatePrefix { p }, Lang::Vi) => {
                Cow::Owned(format!("tiền tố kết quả \"{p}\" bị trùng"))
            }
            (Self::DuplicatePrefix { p }, Lang::En) => {
                Cow::Owned(format!("duplicate results prefix \"{p}\""))
            }
            (Self::PrefixIsUnitColumn { p, column }, Lang::Vi) => Cow::Owned(format!(
                "tiền tố kết quả \"{p}\" trùng với cột \"{column}\" của đơn vị; hãy chọn tiền tố khác"
            )),
            (Self::PrefixIsUnitColumn { p, column }, Lang::En) => Cow::Owned(format!(
                "the results prefix \"{p}\" clashes with the unit's column \"{column}\"; choose another prefix"
            )),
            (Self::IndicatorIsPrefix { n, p }, Lang::Vi) => Cow::Owned(format!(
                "mã chỉ số \"{n}\" trùng với tiền tố kết quả \"{p}\"; hãy đổi tên chỉ số"
            )),
            (Self::IndicatorIsPrefix { n, p }, Lang::En) => Cow::Owned(format!(
                "the indicator id \"{n}\" clashes with the results prefix \"{p}\"; rename the indicator"
            )),
            (Self::BarePrefix { n, fields }, Lang::Vi) => Cow::Owned(format!(
                "\"{n}\" là tiền tố kết quả của bộ khác, không phải chỉ số; hãy ghi \"{n}.score\" hoặc một trong: {fields}"
            )),
            (Self::BarePrefix { n, fields }, Lang::En) => Cow::Owned(format!(
                "\"{n}\" is the prefix of another set's results, not an indicator; write \"{n}.score\" or another of: {fields}"
            )),
            (
                Self::NoSuchResultField {
                    prefix,
                    field,
                    fields,
                    hint,
                },
                Lang::Vi,
            ) => Cow::Owned(format!(
                "kết quả \"{prefix}\" không có chỉ số \"{field}\"; các chỉ số có: {fields}.{hv}",
                hv = hint.words(Lang::Vi)
            )),
            (
                Self::NoSuchResultField {
                    prefix,
                    field,
                    fields,
                    hint,
                },
                Lang::En,
            ) => Cow::Owned(format!(
                "the results \"{prefix}\" provide no \"{field}\"; they provide: {fields}.{he}",
                he = hint.words(Lang::En)
            )),
            (Self::RatingNotNumber { n }, Lang::Vi) => Cow::Owned(format!(
                "\"{n}\" là xếp loại của bộ khác (một nhãn): chỉ dùng được với quy tắc \"levels\" (theo mã xếp loại) hoặc \"yes\""
            )),
            (Self::RatingNotNumber { n }, Lang::En) => Cow::Owned(format!(
                "\"{n}\" is another set's rating (a label): it can only feed a \"levels\" rule (keyed by rating id) or a \"yes\" rule"
            )),
            (Self::NumberNotYesNo { n }, Lang::Vi) => Cow::Owned(format!(
                "\"{n}\" là một số: không dùng được với quy tắc có/không hay mức xếp loại; hãy dùng at_least, linear, steps…"
            )),
            (Self::NumberNotYesNo { n }, Lang::En) => Cow::Owned(format!(
                "\"{n}\" is a number: it cannot feed a yes/no or levels rule; use at_least, linear, steps…"
            )),
            // src/load/criteria/conditions.rs
            (Self::TooManyConditions { key, n }, Lang::Vi) => Cow::Owned(format!(
                "quá nhiều mục [[{key}]] ({n}); tối đa {MAX_CONDITIONS}"
            )),
            (Self::TooManyConditions { key, n }, Lang::En) => Cow::Owned(format!(
                "too many [[{key}]] entries ({n}); the limit is {MAX_CONDITIONS}"
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    // src/load/criteria.rs
    QuotedString,
    Number,
    TrueOrFalse,
    WholeNumberUpTo { max: u64 },
    ListOfTables { key: String },
    Table { key: String },
    ListOfStrings,
    // src/load/criteria/sections.rs
    NotApplicableOrNumber,
    TwoIndicatorNames,
    TargetColumnOrNumber,
    ListOfSteps,
    TableOfLabels,
    TableWithALabel,
    Points,
    // src/load/criteria/range.rs
    Range,
}

impl Message for Expected {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            // src/load/criteria.rs
            (Self::QuotedString, Lang::Vi) => Cow::Borrowed("một chuỗi trong ngoặc kép"),
            (Self::QuotedString, Lang::En) => Cow::Borrowed("a quoted string"),
            (Self::Number, Lang::Vi) => Cow::Borrowed("một số (giá trị tuyệt đối không quá 10^15)"),
            (Self::Number, Lang::En) => Cow::Borrowed("a number (at most 10^15 in size)"),
            (Self::TrueOrFalse, Lang::Vi) => Cow::Borrowed("true hoặc false"),
            (Self::TrueOrFalse, Lang::En) => Cow::Borrowed("true or false"),
            (Self::WholeNumberUpTo { max }, Lang::Vi) => {
                Cow::Owned(format!("một số nguyên từ 0 đến {max}"))
            }
            (Self::WholeNumberUpTo { max }, Lang::En) => {
                Cow::Owned(format!("a whole number from 0 to {max}"))
            }
            (Self::ListOfTables { key }, Lang::Vi) => {
                Cow::Owned(format!("một danh sách [[{key}]]"))
            }
            (Self::ListOfTables { key }, Lang::En) => {
                Cow::Owned(format!("a list of [[{key}]] tables"))
            }
            (Self::Table { key }, Lang::Vi) => Cow::Owned(format!("một bảng [{key}]")),
            (Self::Table { key }, Lang::En) => Cow::Owned(format!("a [{key}] table")),
            (Self::ListOfStrings, Lang::Vi) => Cow::Borrowed("một danh sách chuỗi"),
            (Self::ListOfStrings, Lang::En) => Cow::Borrowed("a list of strings"),
            // src/load/criteria/sections.rs
            (Self::NotApplicableOrNumber, Lang::Vi) => {
                Cow::Borrowed("\"not_applicable\" hoặc một số")
            }
            (Self::NotApplicableOrNumber, Lang::En) => {
                Cow::Borrowed("\"not_applicable\" or a number")
            }
            (Self::TwoIndicatorNames, Lang::Vi) => {
                Cow::Borrowed("đúng hai tên chỉ số: [\"a\", \"b\"]")
            }
            (Self::TwoIndicatorNames, Lang::En) => {
                Cow::Borrowed("exactly two indicator names: [\"a\", \"b\"]")
            }
            (Self::TargetColumnOrNumber, Lang::Vi) => {
                Cow::Borrowed("tên cột chỉ tiêu trong ngoặc kép, hoặc một số")
            }
            (Self::TargetColumnOrNumber, Lang::En) => {
                Cow::Borrowed("a quoted column name, or a number")
            }
            (Self::ListOfSteps, Lang::Vi) => Cow::Borrowed(
                "một danh sách bậc { at_least = …, points = … } hoặc { at_most = …, points = … }",
            ),
            (Self::ListOfSteps, Lang::En) => Cow::Borrowed(
                "a list of steps { at_least = …, points = … } or { at_most = …, points = … }",
            ),
            (Self::TableOfLabels, Lang::Vi) => Cow::Borrowed("một bảng { \"nhãn\" = điểm }"),
            (Self::TableOfLabels, Lang::En) => Cow::Borrowed("a table of { \"label\" = points }"),
            (Self::TableWithALabel, Lang::Vi) => Cow::Borrowed("một bảng có ít nhất một nhãn"),
            (Self::TableWithALabel, Lang::En) => Cow::Borrowed("a table with at least one label"),
            (Self::Points, Lang::Vi) => Cow::Borrowed("một số điểm"),
            (Self::Points, Lang::En) => Cow::Borrowed("a number of points"),
            // src/load/criteria/range.rs
            (Self::Range, Lang::Vi) => {
                Cow::Borrowed("hai số [thấp nhất, cao nhất], ví dụ range = [0, 100]")
            }
            (Self::Range, Lang::En) => {
                Cow::Borrowed("two numbers [lowest, highest], e.g. range = [0, 100]")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Section {
    // src/load/criteria.rs
    TheFile,
    /// A table of the file by its header, e.g. `[set]`, the same in both
    /// languages.
    Table(String),
}

impl Message for Section {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            // src/load/criteria.rs
            (Self::TheFile, Lang::Vi) => Cow::Borrowed("tệp tiêu chí"),
            (Self::TheFile, Lang::En) => Cow::Borrowed("the criteria file"),
            (Self::Table(name), Lang::Vi | Lang::En) => Cow::Owned(name.clone()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    // src/load/criteria/resolve.rs
    Group,
    Indicator,
    Scored,
    Rating,
    Criterion,
    // src/load/criteria/conditions.rs
    Condition,
}

impl Message for ItemKind {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            // src/load/criteria/resolve.rs
            (Self::Group, Lang::Vi) => Cow::Borrowed("nhóm"),
            (Self::Group, Lang::En) => Cow::Borrowed("group"),
            (Self::Indicator, Lang::Vi) => Cow::Borrowed("chỉ số"),
            (Self::Indicator, Lang::En) => Cow::Borrowed("indicator"),
            (Self::Scored, Lang::Vi) => {
                Cow::Borrowed("tiêu chí/tiêu chí loại trừ/khoản điểm thưởng, trừ")
            }
            (Self::Scored, Lang::En) => Cow::Borrowed("criterion/gate/adjustment"),
            (Self::Rating, Lang::Vi) => Cow::Borrowed("xếp loại"),
            (Self::Rating, Lang::En) => Cow::Borrowed("rating"),
            (Self::Criterion, Lang::Vi) => Cow::Borrowed("tiêu chí"),
            (Self::Criterion, Lang::En) => Cow::Borrowed("criterion"),
            // src/load/criteria/conditions.rs
            (Self::Condition, Lang::Vi) => Cow::Borrowed("hạ bậc/chưa xét"),
            (Self::Condition, Lang::En) => Cow::Borrowed("downgrade/exclusion"),
        }
    }
}

/// The kind of value a column holds, as a message names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindOfValue(pub ValueKind);

impl Message for KindOfValue {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self.0, lang) {
            (ValueKind::Number, Lang::Vi) => Cow::Borrowed("một số"),
            (ValueKind::Number, Lang::En) => Cow::Borrowed("a number"),
            (ValueKind::YesNo, Lang::Vi) => Cow::Borrowed("có/không"),
            (ValueKind::YesNo, Lang::En) => Cow::Borrowed("yes/no"),
            (ValueKind::Label, Lang::Vi) => Cow::Borrowed("nhãn mức"),
            (ValueKind::Label, Lang::En) => Cow::Borrowed("a level label"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::both;

    #[test]
    fn criteria_messages_read_in_both_languages() {
        let unknown = CriteriaMessage::UnknownKey {
            key: "pricision".into(),
            place: Section::Table("[set]".into()),
            hint: Hint(Some("precision".into())),
        };
        assert_eq!(
            both(&unknown),
            (
                "khóa \"pricision\" không dùng được trong [set]. Có phải ý bạn là \"precision\"?"
                    .into(),
                "unknown key \"pricision\" in [set]. Did you mean \"precision\"?".into()
            )
        );
        let missing = CriteriaMessage::MissingKey {
            key: "set".into(),
            place: Section::TheFile,
        };
        assert_eq!(
            both(&missing),
            (
                "thiếu khóa bắt buộc \"set\" trong tệp tiêu chí".into(),
                "the criteria file is missing the required key \"set\"".into()
            )
        );
        let wrong = CriteriaMessage::MustBe {
            key: "allow_na".into(),
            expected: Expected::TrueOrFalse,
        };
        assert_eq!(
            both(&wrong),
            (
                "\"allow_na\" phải là true hoặc false".into(),
                "\"allow_na\" must be true or false".into()
            )
        );
        let twice = CriteriaMessage::ColumnUsedTwoWays {
            n: "a".into(),
            a: KindOfValue(ValueKind::Number),
            b: KindOfValue(ValueKind::YesNo),
        };
        assert_eq!(
            both(&twice),
            (
                "cột \"a\" đã được dùng như một số, ở đây lại dùng như có/không".into(),
                "the column \"a\" is used as a number elsewhere and as yes/no here".into()
            )
        );
        let duplicate = CriteriaMessage::DuplicateId {
            what: ItemKind::Scored,
            name: "K1".into(),
        };
        assert_eq!(
            both(&duplicate),
            (
                "mã tiêu chí/tiêu chí loại trừ/khoản điểm thưởng, trừ \"K1\" bị trùng".into(),
                "duplicate criterion/gate/adjustment id \"K1\"".into()
            )
        );
    }
}
