//! What reports say of review stages (`content::stages`).

use std::borrow::Cow;

use crate::i18n::{Lang, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StagesMessage<'a> {
    /// The `count` stages, `listed` earliest first.
    Stages {
        count: usize,
        listed: &'a str,
    },
    /// A change whose points cannot be worked out.
    CannotBeScored,
    /// Title of the list of cells later stages changed, also an annex.
    ChangesTitle,
    NoLaterChange,
    ValuesByStageHeading,
    /// Every value of the unit came from the `first` stage.
    AllFromFirst {
        first: &'a str,
    },
    /// The values not listed came from the `first` stage.
    OthersFromFirst {
        first: &'a str,
    },
    /// Title of one unit's list of changed cells.
    UnitChangesTitle,
    NoLaterChangeOfUnit,
}

impl Message for StagesMessage<'_> {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use Lang::{En, Vi};
        use StagesMessage as M;
        match (self, lang) {
            (M::Stages { count, listed }, Vi) => Cow::Owned(format!(
                "Số liệu qua {count} giai đoạn: {listed}. Mỗi ô lấy giá trị của giai đoạn muộn nhất có ghi."
            )),
            (M::Stages { count, listed }, En) => Cow::Owned(format!(
                "Data from {count} stages: {listed}. Each cell takes the value of the latest stage that filled it."
            )),
            (M::CannotBeScored, Vi) => Cow::Borrowed("không tính được"),
            (M::CannotBeScored, En) => Cow::Borrowed("cannot be scored"),
            (M::ChangesTitle, Vi) => {
                Cow::Borrowed("Các ô giai đoạn sau đã sửa (đơn vị giải trình)")
            }
            (M::ChangesTitle, En) => {
                Cow::Borrowed("Cells a later stage changed (for each unit's explanation)")
            }
            (M::NoLaterChange, Vi) => Cow::Borrowed("Các giai đoạn sau không sửa ô nào."),
            (M::NoLaterChange, En) => Cow::Borrowed("No later stage changed any cell."),
            (M::ValuesByStageHeading, Vi) => Cow::Borrowed("Số liệu theo giai đoạn"),
            (M::ValuesByStageHeading, En) => Cow::Borrowed("Values by stage"),
            (M::AllFromFirst { first }, Vi) => Cow::Owned(format!(
                "Mọi số liệu của đơn vị lấy từ giai đoạn \"{first}\"."
            )),
            (M::AllFromFirst { first }, En) => Cow::Owned(format!(
                "Every value of the unit is from the stage \"{first}\"."
            )),
            (M::OthersFromFirst { first }, Vi) => Cow::Owned(format!(
                "Các số liệu khác của đơn vị lấy từ giai đoạn \"{first}\"."
            )),
            (M::OthersFromFirst { first }, En) => Cow::Owned(format!(
                "The unit's other values are from the stage \"{first}\"."
            )),
            (M::UnitChangesTitle, Vi) => {
                Cow::Borrowed("Các ô giai đoạn sau đã sửa (cần giải trình)")
            }
            (M::UnitChangesTitle, En) => {
                Cow::Borrowed("Cells a later stage changed (to be explained)")
            }
            (M::NoLaterChangeOfUnit, Vi) => {
                Cow::Borrowed("Các giai đoạn sau không sửa ô nào của đơn vị.")
            }
            (M::NoLaterChangeOfUnit, En) => {
                Cow::Borrowed("No later stage changed any of the unit's cells.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_messages_read_in_both_languages() {
        let stages = StagesMessage::Stages {
            count: 2,
            listed: "1. Tự chấm (a.csv); 2. Thẩm định (b.csv)",
        };
        assert_eq!(
            stages.words(Lang::Vi),
            "Số liệu qua 2 giai đoạn: 1. Tự chấm (a.csv); 2. Thẩm định (b.csv). Mỗi ô lấy giá trị của giai đoạn muộn nhất có ghi."
        );
        assert_eq!(
            stages.words(Lang::En),
            "Data from 2 stages: 1. Tự chấm (a.csv); 2. Thẩm định (b.csv). Each cell takes the value of the latest stage that filled it."
        );
        let first = StagesMessage::AllFromFirst {
            first: "Tự chấm"
        };
        assert_eq!(
            first.words(Lang::Vi),
            "Mọi số liệu của đơn vị lấy từ giai đoạn \"Tự chấm\"."
        );
        assert_eq!(
            first.words(Lang::En),
            "Every value of the unit is from the stage \"Tự chấm\"."
        );
    }
}
