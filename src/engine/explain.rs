//! Why a unit got its rating, and what it would take to reach the next one.

use rust_decimal::Decimal;

use super::rating::{Shortfall, shortfalls};
use super::rules::{Target, full_points_target};
use crate::exact;
use crate::model::{
    CompactEvaluation, CompactUnit, CriteriaSet, CriterionIdx, RatingIdx, Status, UnitResult,
};

/// A rating better than the unit's, and what kept the unit from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocked {
    pub rating: RatingIdx,
    pub shortfalls: Vec<Shortfall>,
    /// The unit met every condition, but the rating's quota was full.
    pub by_quota: bool,
    /// The unit earned this rating or a better one by its conditions, and
    /// a downgrade ("hạ bậc") took it away.
    pub by_downgrade: bool,
}

/// What keeps a unit from the rating just above its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InTheWay {
    /// It meets every condition; the rating's quota is full.
    Quota,
    /// It earned the rating by its conditions; a downgrade took it away.
    Downgrade,
    /// Failed gates alone: gaining points does not help.
    GatesOnly,
    /// Points or criteria to meet (with or without gates): gains help.
    Conditions,
}

impl InTheWay {
    /// Whether gaining points (the criteria with points left) can help.
    pub fn points_help(self) -> bool {
        self == InTheWay::Conditions
    }
}

/// Points a criterion could still add, and the value that earns them all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gain {
    pub criterion: CriterionIdx,
    pub gain: Decimal,
    pub target: Target,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// Every better rating, best first.
    pub above: Vec<Blocked>,
    /// The rating just above the unit's, if any.
    pub next: Option<RatingIdx>,
    /// Score points still needed for the next rating's `min_score` (0 if none).
    pub points_needed: Decimal,
    /// What keeps the unit from the next rating (`None` at the top).
    pub in_the_way: Option<InTheWay>,
    /// Criteria with points left to gain, largest gain first.
    pub gains: Vec<Gain>,
    /// The unit's figures in the other sets this set reads (`[[results]]`);
    /// the caller, which scored those sets, fills them in.
    pub from_results: Vec<SourceFigure>,
    /// The unit's points as each review stage left its data (`--stage`),
    /// earliest first; the caller, which has the stages, fills them in.
    pub stages: Vec<super::stages::StagePoints>,
}

/// A unit's result in another set that this set reads, with the command
/// that explains it there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFigure {
    pub prefix: String,
    pub set_id: String,
    pub set_title: String,
    pub data_file: String,
    /// `None`: the unit is not in that set's data (its criteria are N/A).
    pub unit: Option<SourceUnit>,
    /// `wardscore explain SET DATA UNIT`, ready to paste.
    pub command: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceUnit {
    pub score: Decimal,
    pub rating_id: String,
    pub rating_title: String,
    pub rank: u32,
    pub units: usize,
    pub met: u32,
    pub applicable: u32,
    pub gates_failed: usize,
}

/// The rating just above a unit's and what stands in the way, in brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextRating {
    pub rating: String,
    /// Score points still needed for its `min_score` (0 if none).
    pub points_needed: Decimal,
    /// The unit meets every condition; only the quota keeps it out.
    pub by_quota: bool,
    /// The unit earned it by its conditions; a downgrade took it away.
    pub by_downgrade: bool,
}

impl Explanation {
    pub fn next_rating(&self, set: &CriteriaSet) -> Option<NextRating> {
        let next = self.next?;
        Some(NextRating {
            rating: set.rating(next).id.clone(),
            points_needed: self.points_needed,
            by_quota: self.in_the_way == Some(InTheWay::Quota),
            by_downgrade: self.in_the_way == Some(InTheWay::Downgrade),
        })
    }
}

/// [`Explanation::next_rating`] for a unit in the one result store, from
/// its standing alone: whether it meets a rating's conditions is what the
/// store keeps of each rating ([`CompactUnit::first_qualifying`]).
pub fn next_rating_in_store(
    set: &CriteriaSet,
    eval: &CompactEvaluation,
    unit: &CompactUnit,
) -> Option<NextRating> {
    // A unit not considered has no rating: nothing is above it.
    let rating = if unit.is_excluded() {
        RatingIdx::BEST
    } else {
        set.stored_rating(unit.rating)
    };
    let next = rating.one_up()?;
    let by_downgrade = downgraded_from(
        next,
        set.stored_rating(unit.rating_before_downgrade),
        set.stored_rating(unit.rating_before_quota),
    );
    // Past every rating when it meets none from `next` on.
    let meets = unit.first_qualifying(next.position(), set.ratings.len()) == next.position();
    Some(NextRating {
        rating: set.rating(next).id.clone(),
        points_needed: points_short(set, next, unfloored_in_store(set, eval, unit)),
        by_quota: meets && !by_downgrade,
        by_downgrade,
    })
}

/// A unit's score before it is held at 0: base + bonus − deductions, which
/// deductions can take below 0. Points still needed count from it: such a
/// unit needs those points back first.
pub fn unfloored(base: Decimal, bonus: Decimal, deductions: Decimal, score: Decimal) -> Decimal {
    exact::add(base, bonus)
        .and_then(|s| exact::subtract(s, deductions))
        .unwrap_or(score)
}

/// [`unfloored`] for a unit in the one result store, read from its figures
/// only where it can differ from the score: a score of 0.
pub fn unfloored_in_store(set: &CriteriaSet, eval: &CompactEvaluation, u: &CompactUnit) -> Decimal {
    if !u.score.is_zero() {
        return u.score;
    }
    let mut f = crate::model::Figures::default();
    eval.figures(u, set.groups.len(), set.criteria.len(), &mut f);
    unfloored(
        f.base.to_decimal(),
        f.bonus.to_decimal(),
        f.deductions.to_decimal(),
        u.score,
    )
}

/// [`next_rating_in_store`] again from what a comparison keeps of the
/// unit: its rating (`None` when not considered), its score, and what
/// [`NextRating::by_quota`] and [`NextRating::by_downgrade`] said.
pub(crate) fn next_rating_kept(
    set: &CriteriaSet,
    rated: Option<RatingIdx>,
    // Its score before it is held at 0 ([`unfloored`]).
    score: Decimal,
    by_quota: bool,
    by_downgrade: bool,
) -> Option<NextRating> {
    let next = rated.unwrap_or(RatingIdx::BEST).one_up()?;
    Some(NextRating {
        rating: set.rating(next).id.clone(),
        points_needed: points_short(set, next, score),
        by_quota,
        by_downgrade,
    })
}

/// Whether a downgrade, not the unit's conditions, keeps it from rating
/// `r`: its conditions earned `r` or better (`before_downgrade`), and the
/// downgrade left it below `r` (`before_quota`).
fn downgraded_from(r: RatingIdx, before_downgrade: RatingIdx, before_quota: RatingIdx) -> bool {
    r >= before_downgrade && r < before_quota
}

/// Score points still needed for rating `r`'s `min_score` (0 if none).
fn points_short(set: &CriteriaSet, r: RatingIdx, score: Decimal) -> Decimal {
    set.rating(r)
        .min_score
        .map_or(Decimal::ZERO, |min| exact::short_of(min, score))
}

pub fn explain(set: &CriteriaSet, unit: &UnitResult) -> Explanation {
    // A unit not considered has no rating: nothing is above it.
    let rating = unit.rated().unwrap_or(RatingIdx::BEST);
    let above: Vec<Blocked> = rating
        .better()
        .map(|r| {
            let shortfalls = shortfalls(set.rating(r), unit);
            let by_downgrade =
                downgraded_from(r, unit.rating_before_downgrade, unit.rating_before_quota);
            Blocked {
                rating: r,
                by_quota: shortfalls.is_empty() && !by_downgrade,
                by_downgrade,
                shortfalls,
            }
        })
        .collect();
    let next = rating.one_up();
    let unfloored = unfloored(unit.base, unit.bonus, unit.deductions, unit.score);
    let points_needed = next.map_or(Decimal::ZERO, |r| points_short(set, r, unfloored));
    let mut gains: Vec<Gain> = set
        .criterion_indices()
        .zip(&set.criteria)
        .zip(&unit.criteria)
        .filter(|(_, r)| r.status != Status::NotApplicable && r.points < r.max)
        .map(|((i, c), r)| Gain {
            criterion: i,
            gain: exact::change(r.points, r.max),
            target: full_points_target(&c.rule, c.points),
        })
        .collect();
    gains.sort_by(|a, b| b.gain.cmp(&a.gain).then(a.criterion.cmp(&b.criterion)));
    let in_the_way = next.map(|next| {
        let blocked = above.iter().find(|b| b.rating == next);
        match blocked {
            Some(b) if b.by_downgrade => InTheWay::Downgrade,
            Some(b) if b.by_quota => InTheWay::Quota,
            Some(b)
                if b.shortfalls
                    .iter()
                    .all(|s| matches!(s, Shortfall::Gates { .. })) =>
            {
                InTheWay::GatesOnly
            }
            _ => InTheWay::Conditions,
        }
    });
    Explanation {
        above,
        next,
        points_needed,
        in_the_way,
        gains,
        from_results: Vec::new(),
        stages: Vec::new(),
    }
}
