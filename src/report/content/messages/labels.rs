//! Column headings and short labels that several documents share.

use std::borrow::Cow;

use crate::i18n::{Lang, Message};

/// A table's column heading, or the label before a figure ("Hạng: 3").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// A unit's or criterion's id.
    Id,
    Unit,
    Cluster,
    Rank,
    /// The ranking's column of each unit's rank in its cluster.
    RankInCluster,
    /// Points as a unit's score ("Score" in English).
    Score,
    /// Points of a criterion ("Points" in English).
    Points,
    Met,
    Note,
    Rating,
    Criterion,
    Indicator,
    Rule,
    Value,
    Max,
    /// The points at which a criterion counts as met.
    MetAt,
    CanGain,
    ValueForFullPoints,
    ToTheNextRating,
    ScoreChange,
    RankChange,
    RatingChange,
    CriteriaThatMovedMost,
    RatingKept,
    /// The 5th to 95th percentile of a unit's rank.
    RankRange,
    FirstInCluster,
    First,
    FirstPlaceChanged,
    Flag,
    NewUnit,
    FromOldUnit,
    Stage,
    /// A column of the data file.
    DataColumn,
    /// The criteria that read a column (stages' list of changes).
    Criteria,
    From,
    To,
    PointsMoved,
    UnitsScore,
    ValueUsed,
    FromStage,
    EveryStagesValue,
}

impl Message for Label {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use Label as L;
        use Lang::{En, Vi};
        Cow::Borrowed(match (self, lang) {
            (L::Id, Vi) => "Mã",
            (L::Id, En) => "Id",
            (L::Unit, Vi) => "Đơn vị",
            (L::Unit, En) => "Unit",
            (L::Cluster, Vi) => "Cụm",
            (L::Cluster, En) => "Cluster",
            (L::Rank, Vi) => "Hạng",
            (L::Rank, En) => "Rank",
            (L::RankInCluster, Vi) => "Hạng cụm",
            (L::RankInCluster, En) => "In cluster",
            (L::Score, Vi) => "Điểm",
            (L::Score, En) => "Score",
            (L::Points, Vi) => "Điểm",
            (L::Points, En) => "Points",
            (L::Met, Vi) => "Đạt",
            (L::Met, En) => "Met",
            (L::Note, Vi) => "Ghi chú",
            (L::Note, En) => "Note",
            (L::Rating, Vi) => "Xếp loại",
            (L::Rating, En) => "Rating",
            (L::Criterion, Vi) => "Tiêu chí",
            (L::Criterion, En) => "Criterion",
            (L::Indicator, Vi) => "Chỉ số",
            (L::Indicator, En) => "Indicator",
            (L::Rule, Vi) => "Quy tắc",
            (L::Rule, En) => "Rule",
            (L::Value, Vi) => "Giá trị",
            (L::Value, En) => "Value",
            (L::Max, Vi) => "Tối đa",
            (L::Max, En) => "Max",
            (L::MetAt, Vi) => "Đạt khi ≥",
            (L::MetAt, En) => "Met at ≥",
            (L::CanGain, Vi) => "Có thể thêm",
            (L::CanGain, En) => "Can gain",
            (L::ValueForFullPoints, Vi) => "Giá trị để đạt tối đa",
            (L::ValueForFullPoints, En) => "Value for full points",
            (L::ToTheNextRating, Vi) => "Để lên loại trên",
            (L::ToTheNextRating, En) => "To the next rating",
            (L::ScoreChange, Vi) => "Δ điểm",
            (L::ScoreChange, En) => "Δ score",
            (L::RankChange, Vi) => "Δ hạng",
            (L::RankChange, En) => "Δ rank",
            (L::RatingChange, Vi) => "Δ xếp loại",
            (L::RatingChange, En) => "Δ rating",
            (L::CriteriaThatMovedMost, Vi) => "Tiêu chí đổi nhiều nhất",
            (L::CriteriaThatMovedMost, En) => "Criteria that moved most",
            (L::RatingKept, Vi) => "Giữ xếp loại",
            (L::RatingKept, En) => "Rating kept",
            (L::RankRange, Vi) => "Hạng (P5–P95)",
            (L::RankRange, En) => "Rank (P5–P95)",
            (L::FirstInCluster, Vi) => "Dẫn đầu cụm",
            (L::FirstInCluster, En) => "First in cluster",
            (L::First, Vi) => "Dẫn đầu",
            (L::First, En) => "First",
            (L::FirstPlaceChanged, Vi) => "Thay đổi đơn vị dẫn đầu",
            (L::FirstPlaceChanged, En) => "First place changed",
            (L::Flag, Vi) => "Cảnh báo",
            (L::Flag, En) => "Flag",
            (L::NewUnit, Vi) => "Đơn vị mới",
            (L::NewUnit, En) => "New unit",
            (L::FromOldUnit, Vi) => "Từ đơn vị cũ",
            (L::FromOldUnit, En) => "From old unit",
            (L::Stage, Vi) => "Giai đoạn",
            (L::Stage, En) => "Stage",
            (L::DataColumn, Vi) => "Cột số liệu",
            (L::DataColumn, En) => "Column",
            (L::Criteria, Vi) => "Tiêu chí",
            (L::Criteria, En) => "Criteria",
            (L::From, Vi) => "Từ",
            (L::From, En) => "From",
            (L::To, Vi) => "Thành",
            (L::To, En) => "To",
            (L::PointsMoved, Vi) => "Điểm thay đổi",
            (L::PointsMoved, En) => "Points moved",
            (L::UnitsScore, Vi) => "Điểm của đơn vị",
            (L::UnitsScore, En) => "Unit's score",
            (L::ValueUsed, Vi) => "Giá trị dùng",
            (L::ValueUsed, En) => "Value used",
            (L::FromStage, Vi) => "Từ giai đoạn",
            (L::FromStage, En) => "From stage",
            (L::EveryStagesValue, Vi) => "Các giai đoạn đã ghi",
            (L::EveryStagesValue, En) => "Every stage's value",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_in_both_languages() {
        let both = |l: Label| (l.words(Lang::Vi), l.words(Lang::En));
        assert_eq!(both(Label::Id), ("Mã".into(), "Id".into()));
        // One Vietnamese word, two English ones: a unit's score, a
        // criterion's points.
        assert_eq!(both(Label::Score), ("Điểm".into(), "Score".into()));
        assert_eq!(both(Label::Points), ("Điểm".into(), "Points".into()));
        assert_eq!(
            both(Label::RankRange),
            ("Hạng (P5–P95)".into(), "Rank (P5–P95)".into())
        );
    }
}
