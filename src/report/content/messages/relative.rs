//! What `explain` says of the figures a unit's relative criteria
//! (`target`, `relative`) were scored against (`content::relative`).

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::i18n::{Lang, Message};
use crate::model::{Direction, RelativeScope};
use crate::report::words::num_in;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelativeMessage<'a> {
    Heading,
    /// The best value a relative rule looks for ("the highest value").
    Best {
        direction: Direction,
    },
    /// The units a relative rule compares with ("in the cluster").
    Among {
        scope: RelativeScope,
    },
    /// A unit given a target: the target and the leader's result.
    AgainstTarget {
        target: &'a str,
        scope: RelativeScope,
        best: &'a str,
        compared: u32,
    },
    /// A unit given no target, compared with the others given none.
    WithoutTarget {
        direction: Direction,
        scope: RelativeScope,
        best: &'a str,
        compared: u32,
    },
    /// A unit compared with the best of its scope.
    AgainstBest {
        direction: Direction,
        scope: RelativeScope,
        best: &'a str,
        compared: u32,
    },
    Earned {
        points: Decimal,
        max: Decimal,
    },
    NotApplicableNotCompared,
    MissingNotCompared {
        max: Decimal,
    },
    /// One criterion's line: the unit's `result`, what it was
    /// `compared_with` and the points it `earned`.
    Criterion {
        id: &'a str,
        title: &'a str,
        result: &'a str,
        compared_with: &'a str,
        earned: &'a str,
    },
}

impl Message for RelativeMessage<'_> {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use Lang::{En, Vi};
        use RelativeMessage as M;
        let best_of = |direction: Direction| M::Best { direction }.words(lang);
        let among = |scope: RelativeScope| M::Among { scope }.words(lang);
        match (self, lang) {
            (M::Heading, Vi) => Cow::Borrowed("Điểm tính so với các đơn vị khác"),
            (M::Heading, En) => Cow::Borrowed("Points relative to the other units"),
            (M::Best { direction }, Vi) => Cow::Borrowed(match direction {
                Direction::Higher => "giá trị cao nhất",
                Direction::Lower => "giá trị thấp nhất",
            }),
            (M::Best { direction }, En) => Cow::Borrowed(match direction {
                Direction::Higher => "the highest value",
                Direction::Lower => "the lowest value",
            }),
            (M::Among { scope }, Vi) => Cow::Borrowed(match scope {
                RelativeScope::Cluster => "trong cụm",
                RelativeScope::All => "của tất cả đơn vị",
            }),
            (M::Among { scope }, En) => Cow::Borrowed(match scope {
                RelativeScope::Cluster => "in the cluster",
                RelativeScope::All => "of all units",
            }),
            (
                M::AgainstTarget {
                    target: t,
                    scope,
                    best,
                    compared,
                },
                Vi,
            ) => Cow::Owned(format!(
                "chỉ tiêu {t}; đơn vị dẫn đầu {} đạt {best} (so sánh {compared} đơn vị có chỉ tiêu)",
                among(*scope)
            )),
            (
                M::AgainstTarget {
                    target: t,
                    scope,
                    best,
                    compared,
                },
                En,
            ) => Cow::Owned(format!(
                "target {t}; the leader {} has {best} ({compared} units with a target compared)",
                among(*scope)
            )),
            (
                M::WithoutTarget {
                    direction,
                    scope,
                    best,
                    compared,
                },
                Vi,
            ) => Cow::Owned(format!(
                "không được giao chỉ tiêu: so với {} {} của các đơn vị không có chỉ tiêu, {best} ({compared} đơn vị)",
                best_of(*direction),
                among(*scope)
            )),
            (
                M::WithoutTarget {
                    direction,
                    scope,
                    best,
                    compared,
                },
                En,
            ) => Cow::Owned(format!(
                "no target set: compared with {} {} among units without a target, {best} ({compared} units)",
                best_of(*direction),
                among(*scope)
            )),
            (
                M::AgainstBest {
                    direction,
                    scope,
                    best,
                    compared,
                },
                Vi,
            ) => Cow::Owned(format!(
                "{} {}: {best} ({compared} đơn vị)",
                best_of(*direction),
                among(*scope)
            )),
            (
                M::AgainstBest {
                    direction,
                    scope,
                    best,
                    compared,
                },
                En,
            ) => Cow::Owned(format!(
                "{} {}: {best} ({compared} units)",
                best_of(*direction),
                among(*scope)
            )),
            (M::Earned { points, max }, Vi) => Cow::Owned(format!(
                "{}/{} điểm",
                num_in(lang, *points),
                num_in(lang, *max)
            )),
            (M::Earned { points, max }, En) => Cow::Owned(format!(
                "{}/{} points",
                num_in(lang, *points),
                num_in(lang, *max)
            )),
            (M::NotApplicableNotCompared, Vi) => {
                Cow::Borrowed("không áp dụng, không tham gia so sánh")
            }
            (M::NotApplicableNotCompared, En) => Cow::Borrowed("not applicable, not compared"),
            (M::MissingNotCompared { max }, Vi) => Cow::Owned(format!(
                "0/{} điểm, không tham gia so sánh",
                num_in(lang, *max)
            )),
            (M::MissingNotCompared { max }, En) => {
                Cow::Owned(format!("0/{} points, not compared", num_in(lang, *max)))
            }
            (
                M::Criterion {
                    id,
                    title,
                    result,
                    compared_with,
                    earned,
                },
                Vi,
            ) => Cow::Owned(format!(
                "{id} — {title}: kết quả {result}; {compared_with} → {earned}."
            )),
            (
                M::Criterion {
                    id,
                    title,
                    result,
                    compared_with,
                    earned,
                },
                En,
            ) => Cow::Owned(format!(
                "{id} — {title}: result {result}; {compared_with} → {earned}."
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_messages_read_in_both_languages() {
        let best = RelativeMessage::AgainstBest {
            direction: Direction::Lower,
            scope: RelativeScope::Cluster,
            best: "3",
            compared: 4,
        };
        assert_eq!(
            best.words(Lang::Vi),
            "giá trị thấp nhất trong cụm: 3 (4 đơn vị)"
        );
        assert_eq!(
            best.words(Lang::En),
            "the lowest value in the cluster: 3 (4 units)"
        );
        let missing = RelativeMessage::MissingNotCompared {
            max: Decimal::new(15, 1),
        };
        assert_eq!(
            missing.words(Lang::Vi),
            "0/1,5 điểm, không tham gia so sánh"
        );
        assert_eq!(missing.words(Lang::En), "0/1.5 points, not compared");
    }
}
