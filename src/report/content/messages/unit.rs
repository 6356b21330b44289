//! What one unit's explanation says (`content::unit`): its score's
//! make-up, its gates, why its rating and what the next one needs, and its
//! results in other sets.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::i18n::{Lang, Message};
use crate::report::words::num_in;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitMessage<'a> {
    /// The base score rescaled for criteria not applicable (`not_applicable`
    /// lists their ids).
    RescaledBase {
        earned: Decimal,
        applicable: Decimal,
        full: Decimal,
        base: Decimal,
        not_applicable: &'a str,
    },
    Base {
        base: Decimal,
        full: Decimal,
    },
    /// The bonus points' total; their detail follows.
    Bonus {
        total: Decimal,
    },
    /// The deductions' total; their detail follows.
    Deductions {
        total: Decimal,
    },
    /// Adjustments of one kind over the set's cap, `capped` to it.
    SetWideCap {
        cap: Decimal,
        capped: Decimal,
    },
    /// The score as base + bonus − deductions.
    Total {
        base: Decimal,
        bonus: Decimal,
        deductions: Decimal,
        score: Decimal,
    },
    /// A gate of the unit: its value and what it needs.
    Gate {
        id: &'a str,
        title: &'a str,
        value: &'a str,
        needs: &'a str,
    },
    GatesHeading,
    QualifiesButDowngraded,
    QualifiesButQuotaFull,
    /// A better rating not reached, and `why`.
    NotReached {
        rating: &'a str,
        why: &'a str,
    },
    /// What reaching `rating` takes: `points` more (zero: no points).
    ToReach {
        rating: &'a str,
        points: Decimal,
    },
    OnlyTheDowngradeInTheWay,
    /// The next rating has a quota: what it needs may not be enough.
    QuotaMayHoldBack {
        rating: &'a str,
    },
    OnlyTheQuotaInTheWay,
    OnlyGatesInTheWay,
    /// The unit's rank in its cluster, after its overall rank.
    RankInCluster {
        rank: u32,
    },
    /// The unit's figures in another set.
    ResultFigures {
        score: Decimal,
        rating: &'a str,
        rank: u32,
        units: usize,
        met: u32,
        applicable: u32,
        gates_failed: usize,
    },
    /// The unit is missing from another set's data.
    NotInResultData,
    /// Another set the unit's set reads, and the unit's `figures` there.
    FromResult {
        prefix: &'a str,
        set: &'a str,
        title: &'a str,
        data: &'a str,
        figures: &'a str,
    },
    /// The command that explains the unit in that other set.
    SeeItExplainedThere {
        command: &'a str,
    },
}

impl Message for UnitMessage<'_> {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use Lang::{En, Vi};
        use UnitMessage as M;
        let n = |d: &Decimal| num_in(lang, *d);
        match (self, lang) {
            (
                M::RescaledBase {
                    earned,
                    applicable,
                    full,
                    base,
                    not_applicable: na,
                },
                Vi,
            ) => {
                let (e, a, f, b) = (n(earned), n(applicable), n(full), n(base));
                Cow::Owned(format!(
                    "Điểm cơ sở: {e} điểm trên {a} điểm áp dụng (không áp dụng: {na}) → quy đổi về thang {f}: {e} × {f} ÷ {a} = {b}"
                ))
            }
            (
                M::RescaledBase {
                    earned,
                    applicable,
                    full,
                    base,
                    not_applicable: na,
                },
                En,
            ) => {
                let (e, a, f, b) = (n(earned), n(applicable), n(full), n(base));
                Cow::Owned(format!(
                    "Base: {e} points of {a} applicable (not applicable: {na}) → rescaled to {f}: {e} × {f} ÷ {a} = {b}"
                ))
            }
            (M::Base { base, full }, Vi) => {
                Cow::Owned(format!("Điểm cơ sở: {} / {}", n(base), n(full)))
            }
            (M::Base { base, full }, En) => Cow::Owned(format!("Base: {} / {}", n(base), n(full))),
            (M::Bonus { total }, Vi) => Cow::Owned(format!("Điểm thưởng: {}", n(total))),
            (M::Bonus { total }, En) => Cow::Owned(format!("Bonus: {}", n(total))),
            (M::Deductions { total }, Vi) => Cow::Owned(format!("Điểm trừ: {}", n(total))),
            (M::Deductions { total }, En) => Cow::Owned(format!("Deductions: {}", n(total))),
            (M::SetWideCap { cap, capped }, Vi) => {
                Cow::Owned(format!("trần chung {}: {}", n(cap), n(capped)))
            }
            (M::SetWideCap { cap, capped }, En) => {
                Cow::Owned(format!("set-wide cap {}: {}", n(cap), n(capped)))
            }
            (
                M::Total {
                    base,
                    bonus,
                    deductions,
                    score,
                },
                lang,
            ) => {
                let sum = format!("{} + {} − {}", n(base), n(bonus), n(deductions));
                // A score is never below 0: where the sum is, both are said.
                let unfloored =
                    crate::engine::explain::unfloored(*base, *bonus, *deductions, *score);
                let below = (unfloored < rust_decimal::Decimal::ZERO).then_some(unfloored);
                Cow::Owned(match (below, lang) {
                    (None, Vi) => format!("Tổng điểm: {sum} = {}", n(score)),
                    (None, En) => format!("Score: {sum} = {}", n(score)),
                    (Some(s), Vi) => format!(
                        "Tổng điểm: {sum} = {}, lấy {} (tổng điểm không âm)",
                        n(&s),
                        n(score)
                    ),
                    (Some(s), En) => format!(
                        "Score: {sum} = {}, taken as {} (a score is never below 0)",
                        n(&s),
                        n(score)
                    ),
                })
            }
            (
                M::Gate {
                    id,
                    title,
                    value,
                    needs,
                },
                Vi,
            ) => Cow::Owned(format!("{id} {title} (giá trị: {value}; cần: {needs})")),
            (
                M::Gate {
                    id,
                    title,
                    value,
                    needs,
                },
                En,
            ) => Cow::Owned(format!("{id} {title} (value: {value}; needs: {needs})")),
            (M::GatesHeading, Vi) => Cow::Borrowed("Tiêu chí loại trừ"),
            (M::GatesHeading, En) => Cow::Borrowed("Gates"),
            (M::QualifiesButDowngraded, Vi) => Cow::Borrowed("đủ điều kiện nhưng bị hạ bậc"),
            (M::QualifiesButDowngraded, En) => {
                Cow::Borrowed("qualifies, but a downgrade lowered the rating")
            }
            (M::QualifiesButQuotaFull, Vi) => Cow::Borrowed(
                "đủ điều kiện nhưng vượt hạn mức của loại này; các đơn vị xếp trên đã dùng hết suất",
            ),
            (M::QualifiesButQuotaFull, En) => Cow::Borrowed(
                "qualifies, but the rating's quota was full; units ranked above took every place",
            ),
            (M::NotReached { rating, why }, Vi) => {
                Cow::Owned(format!("Chưa đạt \"{rating}\": {why}"))
            }
            (M::NotReached { rating, why }, En) => Cow::Owned(format!("Not \"{rating}\": {why}")),
            (M::ToReach { rating, points }, Vi) if points.is_zero() => {
                Cow::Owned(format!("Để đạt \"{rating}\""))
            }
            (M::ToReach { rating, points }, Vi) => {
                Cow::Owned(format!("Để đạt \"{rating}\": cần thêm {} điểm", n(points)))
            }
            (M::ToReach { rating, points }, En) if points.is_zero() => {
                Cow::Owned(format!("To reach \"{rating}\""))
            }
            (M::ToReach { rating, points }, En) => Cow::Owned(format!(
                "To reach \"{rating}\": {} more points needed",
                n(points)
            )),
            (M::QuotaMayHoldBack { rating }, Vi) => Cow::Owned(format!(
                "\"{rating}\" có hạn mức (tỷ lệ tối đa): đủ điểm và tiêu chí mà hạn mức đã hết thì đơn vị vẫn xếp loại thấp hơn."
            )),
            (M::QuotaMayHoldBack { rating }, En) => Cow::Owned(format!(
                "\"{rating}\" has a quota: with the points and criteria it needs, the unit still falls below it if the quota is full."
            )),
            (M::OnlyTheDowngradeInTheWay, Vi) => Cow::Borrowed(
                "Đơn vị đã đủ điều kiện về điểm và tiêu chí nhưng bị hạ bậc; có thêm điểm cũng không thay đổi được xếp loại.",
            ),
            (M::OnlyTheDowngradeInTheWay, En) => Cow::Borrowed(
                "The unit already qualifies; only the downgrade stands in the way, and more points do not change it.",
            ),
            (M::OnlyTheQuotaInTheWay, Vi) => Cow::Borrowed(
                "Đơn vị đã đủ điều kiện; chỉ hạn mức ngăn lại. Cần vượt lên trên các đơn vị đang giữ suất, hoặc hạn mức phải rộng hơn.",
            ),
            (M::OnlyTheQuotaInTheWay, En) => Cow::Borrowed(
                "The unit already qualifies; only the quota stands in the way. It must rank above a unit holding a place, or the quota must be larger.",
            ),
            (M::OnlyGatesInTheWay, Vi) => Cow::Borrowed(
                "Điểm không phải là trở ngại: chỉ cần đạt các tiêu chí loại trừ đã nêu ở trên.",
            ),
            (M::OnlyGatesInTheWay, En) => Cow::Borrowed(
                "Points are not the obstacle: only the failed gates named above stand in the way.",
            ),
            (M::RankInCluster { rank }, Vi) => Cow::Owned(format!("trong cụm {rank}")),
            (M::RankInCluster { rank }, En) => Cow::Owned(format!("in cluster {rank}")),
            (
                M::ResultFigures {
                    score,
                    rating: rt,
                    rank,
                    units: u,
                    met,
                    applicable,
                    gates_failed: gates,
                },
                Vi,
            ) => Cow::Owned(format!(
                "{} điểm, xếp loại {rt}, hạng {rank}/{u}, đạt {met}/{applicable} tiêu chí, {gates} tiêu chí loại trừ không đạt",
                n(score)
            )),
            (
                M::ResultFigures {
                    score,
                    rating: rt,
                    rank,
                    units: u,
                    met,
                    applicable,
                    gates_failed: gates,
                },
                En,
            ) => Cow::Owned(format!(
                "{} points, rated {rt}, rank {rank} of {u}, {met} of {applicable} criteria met, {gates} gate(s) failed",
                n(score)
            )),
            (M::NotInResultData, Vi) => Cow::Borrowed(
                "đơn vị không có trong số liệu đó; các tiêu chí dùng kết quả này được tính là không áp dụng (N/A)",
            ),
            (M::NotInResultData, En) => Cow::Borrowed(
                "the unit is not in that data; the criteria that read it are not applicable (N/A)",
            ),
            (
                M::FromResult {
                    prefix: p,
                    set: id,
                    title,
                    data,
                    figures,
                },
                Vi,
            ) => Cow::Owned(format!(
                "{p} — bộ \"{id}\" ({title}), số liệu {data}: {figures}."
            )),
            (
                M::FromResult {
                    prefix: p,
                    set: id,
                    title,
                    data,
                    figures,
                },
                En,
            ) => Cow::Owned(format!(
                "{p} — set \"{id}\" ({title}), data {data}: {figures}."
            )),
            (M::SeeItExplainedThere { command }, Vi) => {
                Cow::Owned(format!("Xem giải thích chi tiết ở bộ đó: {command}"))
            }
            (M::SeeItExplainedThere { command }, En) => {
                Cow::Owned(format!("See it explained there: {command}"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_messages_read_in_both_languages_with_a_decimal_comma_in_vietnamese() {
        let reach = UnitMessage::ToReach {
            rating: "HTXS",
            points: Decimal::new(25, 1),
        };
        assert_eq!(reach.words(Lang::Vi), "Để đạt \"HTXS\": cần thêm 2,5 điểm");
        assert_eq!(
            reach.words(Lang::En),
            "To reach \"HTXS\": 2.5 more points needed"
        );
        // No points needed: nothing about points.
        let reach = UnitMessage::ToReach {
            rating: "HTXS",
            points: Decimal::ZERO,
        };
        assert_eq!(reach.words(Lang::Vi), "Để đạt \"HTXS\"");
        assert_eq!(reach.words(Lang::En), "To reach \"HTXS\"");
        let total = UnitMessage::Total {
            base: Decimal::new(905, 1),
            bonus: Decimal::ONE,
            deductions: Decimal::new(5, 1),
            score: Decimal::ONE_HUNDRED,
        };
        assert_eq!(total.words(Lang::Vi), "Tổng điểm: 90,5 + 1 − 0,5 = 100");
        assert_eq!(total.words(Lang::En), "Score: 90.5 + 1 − 0.5 = 100");
        // Below 0, the sum and the score it is taken as.
        let floored = UnitMessage::Total {
            base: Decimal::ONE,
            bonus: Decimal::ZERO,
            deductions: Decimal::new(3, 0),
            score: Decimal::ZERO,
        };
        assert_eq!(
            floored.words(Lang::Vi),
            "Tổng điểm: 1 + 0 − 3 = -2, lấy 0 (tổng điểm không âm)"
        );
        assert_eq!(
            floored.words(Lang::En),
            "Score: 1 + 0 − 3 = -2, taken as 0 (a score is never below 0)"
        );
    }
}
