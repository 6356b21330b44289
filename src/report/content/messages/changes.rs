//! What comparisons and sensitivity runs say (`content::changes`).

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::i18n::{Lang, Message};
use crate::report::words::num_in;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangesMessage<'a> {
    /// The unit already has the best rating.
    TopRating,
    /// The next `rating` is held back by a downgrade.
    NextDowngraded {
        rating: &'a str,
    },
    /// The next `rating` is held back by its quota only.
    NextQuotaOnly {
        rating: &'a str,
    },
    /// The next `rating` needs conditions other than points.
    NextOtherConditions {
        rating: &'a str,
    },
    /// The next `rating` needs `points` more.
    NextNeedsPoints {
        rating: &'a str,
        points: Decimal,
    },
    /// A comparison's title: its columns' labels, joined by arrows.
    ComparisonTitle {
        labels: &'a str,
    },
    /// How many units are in every compared column, and in some only.
    UnitsInColumns {
        in_all: usize,
        in_some: usize,
    },
    RatingsMoved {
        up: usize,
        down: usize,
        unchanged: usize,
    },
    /// The units that gained most, with their changes.
    BiggestGains {
        units: &'a str,
    },
    /// The units that lost most, with their changes.
    BiggestDrops {
        units: &'a str,
    },
    /// A unit absent from one compared column.
    Absent,
    SensitivityTitle {
        set: &'a str,
    },
    /// How the rules were perturbed; the shares are already percentages.
    SensitivitySetup {
        runs: u32,
        seed: u64,
        points: &'a str,
        thresholds: &'a str,
        flag_share: &'a str,
    },
    /// How many units' outcome half a point can decide.
    FragileUnits {
        units: usize,
    },
    /// The flag of a unit whose outcome is easily changed.
    Fragile,
}

impl Message for ChangesMessage<'_> {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use ChangesMessage as M;
        use Lang::{En, Vi};
        match (self, lang) {
            (M::TopRating, Vi) => Cow::Borrowed("(cao nhất)"),
            (M::TopRating, En) => Cow::Borrowed("(top rating)"),
            (M::NextDowngraded { rating }, Vi) => Cow::Owned(format!("{rating}: bị hạ bậc")),
            (M::NextDowngraded { rating }, En) => Cow::Owned(format!("{rating}: downgraded")),
            (M::NextQuotaOnly { rating }, Vi) => Cow::Owned(format!("{rating}: chỉ vướng hạn mức")),
            (M::NextQuotaOnly { rating }, En) => Cow::Owned(format!("{rating}: quota only")),
            (M::NextOtherConditions { rating }, Vi) => {
                Cow::Owned(format!("{rating}: điều kiện khác"))
            }
            (M::NextOtherConditions { rating }, En) => {
                Cow::Owned(format!("{rating}: other conditions"))
            }
            (M::NextNeedsPoints { rating, points }, Vi) => {
                Cow::Owned(format!("{rating}: +{}", num_in(lang, *points)))
            }
            (M::NextNeedsPoints { rating, points }, En) => {
                Cow::Owned(format!("{rating}: +{}", num_in(lang, *points)))
            }
            (M::ComparisonTitle { labels }, Vi) => Cow::Owned(format!("So sánh: {labels}")),
            (M::ComparisonTitle { labels }, En) => Cow::Owned(format!("Comparison: {labels}")),
            (M::UnitsInColumns { in_all, in_some }, Vi) => Cow::Owned(format!(
                "{in_all} đơn vị có trong mọi cột; {in_some} chỉ có trong một số cột."
            )),
            (M::UnitsInColumns { in_all, in_some }, En) => Cow::Owned(format!(
                "{in_all} unit(s) in every column; {in_some} in some only."
            )),
            (
                M::RatingsMoved {
                    up,
                    down,
                    unchanged,
                },
                Vi,
            ) => Cow::Owned(format!(
                "Xếp loại: {up} đơn vị lên, {down} xuống, {unchanged} giữ nguyên."
            )),
            (
                M::RatingsMoved {
                    up,
                    down,
                    unchanged,
                },
                En,
            ) => Cow::Owned(format!(
                "Ratings: {up} up, {down} down, {unchanged} unchanged."
            )),
            (M::BiggestGains { units }, Vi) => Cow::Owned(format!("Tăng điểm nhiều nhất: {units}")),
            (M::BiggestGains { units }, En) => Cow::Owned(format!("Biggest gains: {units}")),
            (M::BiggestDrops { units }, Vi) => Cow::Owned(format!("Giảm điểm nhiều nhất: {units}")),
            (M::BiggestDrops { units }, En) => Cow::Owned(format!("Biggest drops: {units}")),
            (M::Absent, Vi) => Cow::Borrowed("(không có)"),
            (M::Absent, En) => Cow::Borrowed("(absent)"),
            (M::SensitivityTitle { set }, Vi) => Cow::Owned(format!("Độ nhạy: {set}")),
            (M::SensitivityTitle { set }, En) => Cow::Owned(format!("Sensitivity: {set}")),
            (
                M::SensitivitySetup {
                    runs,
                    seed,
                    points,
                    thresholds,
                    flag_share,
                },
                Vi,
            ) => Cow::Owned(format!(
                "{runs} lần chấm lại, số khởi tạo ngẫu nhiên {seed}; điểm các tiêu chí ±{points}, ngưỡng xếp loại ±{thresholds}; cảnh báo khi thay đổi ở hơn {flag_share} số lần"
            )),
            (
                M::SensitivitySetup {
                    runs,
                    seed,
                    points,
                    thresholds,
                    flag_share,
                },
                En,
            ) => Cow::Owned(format!(
                "{runs} rescorings, seed {seed}; criteria points ±{points}, rating thresholds ±{thresholds}; flagged when it changes in more than {flag_share} of runs"
            )),
            (M::FragileUnits { units }, Vi) => Cow::Owned(format!(
                "{units} đơn vị có xếp loại hoặc vị trí dẫn đầu cụm dễ thay đổi (⚠): một nửa điểm có thể quyết định kết quả của họ."
            )),
            (M::FragileUnits { units }, En) => Cow::Owned(format!(
                "{units} unit(s) have a rating or first place that is easily changed (⚠): half a point can decide it."
            )),
            (M::Fragile, Vi) => Cow::Borrowed("⚠ dễ đổi"),
            (M::Fragile, En) => Cow::Borrowed("⚠ fragile"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_messages_read_in_both_languages() {
        let next = ChangesMessage::NextNeedsPoints {
            rating: "HTXS",
            points: Decimal::new(12, 1),
        };
        assert_eq!(next.words(Lang::Vi), "HTXS: +1,2");
        assert_eq!(next.words(Lang::En), "HTXS: +1.2");
        let moved = ChangesMessage::RatingsMoved {
            up: 1,
            down: 2,
            unchanged: 3,
        };
        assert_eq!(
            moved.words(Lang::Vi),
            "Xếp loại: 1 đơn vị lên, 2 xuống, 3 giữ nguyên."
        );
        assert_eq!(moved.words(Lang::En), "Ratings: 1 up, 2 down, 3 unchanged.");
        assert_eq!(ChangesMessage::Fragile.words(Lang::Vi), "⚠ dễ đổi");
        assert_eq!(ChangesMessage::Fragile.words(Lang::En), "⚠ fragile");
    }
}
