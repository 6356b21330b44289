//! What the ranking says around its table (`content::ranking`): the
//! legends below it and the what-if warning above it.

use std::borrow::Cow;

use crate::i18n::{Lang, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankingMessage<'a> {
    /// The groups' ids and titles: "A = Kinh tế; B = Xã hội".
    GroupsLegend { groups: &'a str },
    /// The ratings' short titles and titles.
    RatingsLegend { ratings: &'a str },
    /// How many units a rating quota lowered.
    QuotaLowered { units: usize },
    /// The run changed the criteria set (`--set`): these changes.
    WhatIf { changes: &'a str },
}

impl Message for RankingMessage<'_> {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use Lang::{En, Vi};
        use RankingMessage as M;
        Cow::Owned(match (self, lang) {
            (M::GroupsLegend { groups }, Vi) => format!("Nhóm: {groups}"),
            (M::GroupsLegend { groups }, En) => format!("Groups: {groups}"),
            (M::RatingsLegend { ratings }, Vi) => format!("Xếp loại: {ratings}"),
            (M::RatingsLegend { ratings }, En) => format!("Ratings: {ratings}"),
            (M::QuotaLowered { units }, Vi) => format!(
                "↓ {units} đơn vị bị hạ xếp loại vì vượt hạn mức; các đơn vị đồng hạng ở ranh giới được đối xử như nhau."
            ),
            (M::QuotaLowered { units }, En) => format!(
                "↓ {units} unit(s) lowered by a rating quota; units tied at the quota's edge are treated alike."
            ),
            (M::WhatIf { changes }, Vi) => {
                format!("⚠ KẾT QUẢ THỬ NGHIỆM, đã thay đổi bộ tiêu chí: {changes}")
            }
            (M::WhatIf { changes }, En) => {
                format!("⚠ WHAT-IF RESULT, the criteria set was changed: {changes}")
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranking_messages_read_in_both_languages() {
        let lowered = RankingMessage::QuotaLowered { units: 2 };
        assert_eq!(
            lowered.words(Lang::Vi),
            "↓ 2 đơn vị bị hạ xếp loại vì vượt hạn mức; các đơn vị đồng hạng ở ranh giới được đối xử như nhau."
        );
        assert_eq!(
            lowered.words(Lang::En),
            "↓ 2 unit(s) lowered by a rating quota; units tied at the quota's edge are treated alike."
        );
        let groups = RankingMessage::GroupsLegend {
            groups: "A = Kinh tế",
        };
        assert_eq!(groups.words(Lang::Vi), "Nhóm: A = Kinh tế");
        assert_eq!(groups.words(Lang::En), "Groups: A = Kinh tế");
    }
}
