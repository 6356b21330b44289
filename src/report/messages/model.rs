//! Sentences about the model and its results: how a rule scores, what a
//! rating asks, why a unit falls short of it, what lowered its rating.
//! `report::words` puts them together; the numbers are written here, with
//! a decimal comma in Vietnamese ([`num_in`]).

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::i18n::{Lang, Message};
use crate::model::{Direction, Relative, RelativeScope};
use crate::report::words::num_in;

/// A phrase about the criteria set or a unit's standing, with its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelWords<'a> {
    /// A `deduct` rule: `points`, less `per` for each occurrence.
    DeductRule { points: Decimal, per: Decimal },
    /// A `direct` rule: the value is the points, up to `points`.
    DirectRule { points: Decimal },
    /// A `relative` rule: `points` scaled by the value against the best.
    RelativeRule { points: Decimal, relative: Relative },
    /// The best value a relative rule compares with.
    BestInScope(Relative),
    /// A `target` rule: `target` earns `at_target`, the leader `points`.
    TargetRule {
        target: &'a str,
        at_target: Decimal,
        points: Decimal,
        scope: RelativeScope,
        /// Units whose target cell is blank are scored as `relative` among
        /// those of their scope without one (`no_target = "relative"`).
        blank_is_relative: bool,
    },
    /// A rating's condition: at least `min` criteria met.
    AtLeastMet { min: u32 },
    /// A rating's condition: the criteria `ids` met.
    RequiredMet { ids: &'a str },
    /// Whom a quota counts: the units rated `rating` or better.
    RatedOrBetter { rating: &'a str },
    /// A quota: at most `percent`% of `of`, `scope` (", per cluster" or "").
    AtMostShare {
        percent: Decimal,
        of: &'a str,
        scope: &'a str,
    },
    /// A rating's shortfall: the score below `min`.
    ScoreShort { min: Decimal, short_by: Decimal },
    /// A rating's shortfall: the gates `ids` failed.
    GatesFailed { ids: &'a str },
    /// A rating's shortfall: `met` criteria met of `min` needed.
    TooFewMet { min: u32, met: u32 },
    /// A rating's shortfall: the criteria `ids` not met.
    NotMet { ids: &'a str },
    /// A rating's shortfall: required criteria `ids` not met.
    RequiredNotMet { ids: &'a str },
    /// Downgrades `ids` lowered the rating from `from`.
    DowngradedFrom { ids: &'a str, from: &'a str },
    /// Downgrades `ids` hold, but there is no lower rating.
    DowngradeAtLowest { ids: &'a str },
}

impl Message for ModelWords<'_> {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use ModelWords as W;
        let n = |d: &Decimal| num_in(lang, *d);
        Cow::Owned(match (self, lang) {
            (W::DeductRule { points, per }, Lang::Vi) => {
                format!("{}, trừ {} mỗi lần, thấp nhất 0", n(points), n(per))
            }
            (W::DeductRule { points, per }, Lang::En) => {
                format!("{}, minus {} each, not below 0", n(points), n(per))
            }
            (W::DirectRule { points }, Lang::Vi) => format!("điểm = giá trị (0–{})", n(points)),
            (W::DirectRule { points }, Lang::En) => {
                format!("points = the value (0–{})", n(points))
            }
            (W::RelativeRule { points, relative }, Lang::Vi) => {
                let (p, best) = (n(points), W::BestInScope(*relative).words(lang));
                match relative.direction {
                    Direction::Higher => format!("{p} × giá trị ÷ {best}"),
                    Direction::Lower => format!("{p} × {best} ÷ giá trị"),
                }
            }
            (W::RelativeRule { points, relative }, Lang::En) => {
                let (p, best) = (n(points), W::BestInScope(*relative).words(lang));
                match relative.direction {
                    Direction::Higher => format!("{p} × value ÷ {best}"),
                    Direction::Lower => format!("{p} × {best} ÷ value"),
                }
            }
            (W::BestInScope(r), Lang::Vi) => {
                let best = match r.direction {
                    Direction::Higher => "giá trị cao nhất",
                    Direction::Lower => "giá trị thấp nhất",
                };
                match r.scope {
                    RelativeScope::Cluster => format!("{best} trong cụm"),
                    RelativeScope::All => format!("{best} của tất cả đơn vị"),
                }
            }
            (W::BestInScope(r), Lang::En) => {
                let best = match r.direction {
                    Direction::Higher => "the highest",
                    Direction::Lower => "the lowest",
                };
                match r.scope {
                    RelativeScope::Cluster => format!("{best} in the cluster"),
                    RelativeScope::All => format!("{best} of all units"),
                }
            }
            (
                W::TargetRule {
                    target,
                    at_target,
                    points,
                    scope,
                    blank_is_relative,
                },
                Lang::Vi,
            ) => {
                let (leader, among) = match scope {
                    RelativeScope::Cluster => ("dẫn đầu cụm", "đơn vị cùng cụm"),
                    RelativeScope::All => ("dẫn đầu tất cả đơn vị", "các đơn vị"),
                };
                let blank = if *blank_is_relative {
                    format!(
                        "; đơn vị không được giao chỉ tiêu: theo tỷ lệ so với đơn vị tốt nhất trong số {among} cũng không có chỉ tiêu"
                    )
                } else {
                    String::new()
                };
                format!(
                    "{target} → {}; {leader} → {}; ở giữa và chưa đạt chỉ tiêu: theo tỷ lệ{blank}",
                    n(at_target),
                    n(points)
                )
            }
            (
                W::TargetRule {
                    target,
                    at_target,
                    points,
                    scope,
                    blank_is_relative,
                },
                Lang::En,
            ) => {
                let (leader, among) = match scope {
                    RelativeScope::Cluster => ("the cluster's leader", "its cluster's units"),
                    RelativeScope::All => ("the leader of all units", "the units"),
                };
                let blank = if *blank_is_relative {
                    format!(
                        "; a unit given no target: in proportion to the best of {among} without one"
                    )
                } else {
                    String::new()
                };
                format!(
                    "{target} → {}; {leader} → {}; between them and short of target: in proportion{blank}",
                    n(at_target),
                    n(points)
                )
            }
            (W::AtLeastMet { min }, Lang::Vi) => format!("đạt ít nhất {min} tiêu chí"),
            (W::AtLeastMet { min }, Lang::En) => format!("at least {min} criteria met"),
            (W::RequiredMet { ids }, Lang::Vi) => format!("đạt {ids}"),
            (W::RequiredMet { ids }, Lang::En) => format!("{ids} met"),
            (W::RatedOrBetter { rating }, Lang::Vi) => {
                format!("số đơn vị đạt \"{rating}\" trở lên")
            }
            (W::RatedOrBetter { rating }, Lang::En) => {
                format!("units rated \"{rating}\" or better")
            }
            (W::AtMostShare { percent, of, scope }, Lang::Vi) => {
                format!("tối đa {}% {of}{scope}", n(percent))
            }
            (W::AtMostShare { percent, of, scope }, Lang::En) => {
                format!("at most {}% of {of}{scope}", n(percent))
            }
            (W::ScoreShort { min, short_by }, Lang::Vi) => {
                format!("điểm chưa đủ {} (thiếu {})", n(min), n(short_by))
            }
            (W::ScoreShort { min, short_by }, Lang::En) => {
                format!("score below {} (short by {})", n(min), n(short_by))
            }
            (W::GatesFailed { ids }, Lang::Vi) => format!("không đạt tiêu chí loại trừ {ids}"),
            (W::GatesFailed { ids }, Lang::En) => format!("failed gate(s) {ids}"),
            (W::TooFewMet { min, met }, Lang::Vi) => format!("mới đạt {met} tiêu chí, cần {min}"),
            (W::TooFewMet { min, met }, Lang::En) => format!("{met} criteria met, {min} needed"),
            (W::NotMet { ids }, Lang::Vi) => format!("chưa đạt {ids}"),
            (W::NotMet { ids }, Lang::En) => format!("not met: {ids}"),
            (W::RequiredNotMet { ids }, Lang::Vi) => {
                format!("tiêu chí bắt buộc chưa đạt: {ids}")
            }
            (W::RequiredNotMet { ids }, Lang::En) => {
                format!("required criteria not met: {ids}")
            }
            (W::DowngradedFrom { ids, from }, Lang::Vi) => format!("↓ {ids}: hạ bậc từ {from}"),
            (W::DowngradedFrom { ids, from }, Lang::En) => {
                format!("↓ {ids}: downgraded from {from}")
            }
            (W::DowngradeAtLowest { ids }, Lang::Vi) => {
                format!("{ids}: hạ bậc, đã ở mức thấp nhất")
            }
            (W::DowngradeAtLowest { ids }, Lang::En) => {
                format!("{ids}: downgrade, already the lowest rating")
            }
        })
    }
}
