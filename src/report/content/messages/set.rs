//! What the criteria document (`content::criteria`) and every document's
//! title block say about the criteria set.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::i18n::{Lang, Message};
use crate::report::words::num_in;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetMessage<'a> {
    /// The report's number under the title ("Số: 12/BC-UBND").
    Number {
        number: &'a str,
    },
    /// The set's id and full points, under the criteria document's title.
    IdAndFullPoints {
        id: &'a str,
        full_points: Decimal,
    },
    /// Heading of the results the set reads from other sets.
    ResultsFromOtherSets,
    /// The fields a `[[results]]` prefix gives, and how to give its data.
    ResultFields {
        prefix: &'a str,
        set: &'a str,
    },
    DerivedIndicatorsHeading,
    /// What a derived indicator is when its divisor is zero.
    NotApplicable,
    GatesHeading,
    AdjustmentsHeading,
    /// An adjustment's cap ("trần 5").
    Cap {
        cap: Decimal,
    },
    BonusCap {
        cap: Decimal,
    },
    DeductionCap {
        cap: Decimal,
    },
    RatingsHeading,
    /// After a criterion's indicator: the column holding its target.
    TargetColumn {
        column: &'a str,
    },
    /// After a criterion's indicator: N/A is accepted.
    NotApplicableAllowed,
}

impl Message for SetMessage<'_> {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use Lang::{En, Vi};
        use SetMessage as M;
        match (self, lang) {
            (M::Number { number }, Vi) => Cow::Owned(format!("Số: {number}")),
            (M::Number { number }, En) => Cow::Owned(format!("No. {number}")),
            (M::IdAndFullPoints { id, full_points }, Vi) => Cow::Owned(format!(
                "Mã bộ: {id} · Tổng điểm: {}",
                num_in(lang, *full_points)
            )),
            (M::IdAndFullPoints { id, full_points }, En) => Cow::Owned(format!(
                "Set id: {id} · Full points: {}",
                num_in(lang, *full_points)
            )),
            (M::ResultsFromOtherSets, Vi) => Cow::Borrowed("Kết quả lấy từ bộ tiêu chí khác"),
            (M::ResultsFromOtherSets, En) => Cow::Borrowed("Results read from other sets"),
            (M::ResultFields { prefix: p, set: c }, Vi) => Cow::Owned(format!(
                "{p}.score, {p}.met, {p}.applicable, {p}.rank, {p}.gates_failed, {p}.rating: kết quả chấm bộ \"{c}\" cho cùng đơn vị; cho số liệu của bộ đó bằng --result {p}=TỆP_SỐ_LIỆU"
            )),
            (M::ResultFields { prefix: p, set: c }, En) => Cow::Owned(format!(
                "{p}.score, {p}.met, {p}.applicable, {p}.rank, {p}.gates_failed, {p}.rating: the same unit's result in the set \"{c}\"; give that set's data with --result {p}=DATA"
            )),
            (M::DerivedIndicatorsHeading, Vi) => Cow::Borrowed("Chỉ số dẫn xuất"),
            (M::DerivedIndicatorsHeading, En) => Cow::Borrowed("Derived indicators"),
            (M::NotApplicable, Vi) => Cow::Borrowed("không áp dụng"),
            (M::NotApplicable, En) => Cow::Borrowed("not applicable"),
            (M::GatesHeading, Vi) => {
                Cow::Borrowed("Tiêu chí loại trừ (không đạt thì bị chặn xếp loại)")
            }
            (M::GatesHeading, En) => Cow::Borrowed("Gates (failing one can block ratings)"),
            (M::AdjustmentsHeading, Vi) => Cow::Borrowed("Điểm thưởng và điểm trừ"),
            (M::AdjustmentsHeading, En) => Cow::Borrowed("Bonus and deduction points"),
            (M::Cap { cap }, Vi) => Cow::Owned(format!("trần {}", num_in(lang, *cap))),
            (M::Cap { cap }, En) => Cow::Owned(format!("cap {}", num_in(lang, *cap))),
            (M::BonusCap { cap }, Vi) => {
                Cow::Owned(format!("Trần điểm thưởng: {}", num_in(lang, *cap)))
            }
            (M::BonusCap { cap }, En) => Cow::Owned(format!("Bonus cap: {}", num_in(lang, *cap))),
            (M::DeductionCap { cap }, Vi) => {
                Cow::Owned(format!("Trần điểm trừ: {}", num_in(lang, *cap)))
            }
            (M::DeductionCap { cap }, En) => {
                Cow::Owned(format!("Deduction cap: {}", num_in(lang, *cap)))
            }
            (M::RatingsHeading, Vi) => Cow::Borrowed("Xếp loại (xét từ trên xuống)"),
            (M::RatingsHeading, En) => Cow::Borrowed("Ratings (best first)"),
            (M::TargetColumn { column }, Vi) => Cow::Owned(format!("(chỉ tiêu: {column})")),
            (M::TargetColumn { column }, En) => Cow::Owned(format!("(target: {column})")),
            (M::NotApplicableAllowed, Vi) => Cow::Borrowed("(cho phép N/A)"),
            (M::NotApplicableAllowed, En) => Cow::Borrowed("(N/A allowed)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_messages_read_in_both_languages_with_a_decimal_comma_in_vietnamese() {
        let figures = SetMessage::IdAndFullPoints {
            id: "TD",
            full_points: Decimal::new(1005, 1),
        };
        assert_eq!(figures.words(Lang::Vi), "Mã bộ: TD · Tổng điểm: 100,5");
        assert_eq!(figures.words(Lang::En), "Set id: TD · Full points: 100.5");
        let cap = SetMessage::DeductionCap {
            cap: Decimal::new(25, 1),
        };
        assert_eq!(cap.words(Lang::Vi), "Trần điểm trừ: 2,5");
        assert_eq!(cap.words(Lang::En), "Deduction cap: 2.5");
        let number = SetMessage::Number { number: "12/BC" };
        assert_eq!(number.words(Lang::Vi), "Số: 12/BC");
        assert_eq!(number.words(Lang::En), "No. 12/BC");
    }
}
