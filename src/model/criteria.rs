//! A criteria set after loading and validation. Every cross-reference is an
//! index, so the engine never looks anything up by name.

use rust_decimal::Decimal;

/// A whole criteria set (one TOML file).
#[derive(Debug, Clone, PartialEq)]
pub struct CriteriaSet {
    pub id: String,
    pub title: String,
    pub issuer: Option<String>,
    pub basis: Option<String>,
    pub period: Option<String>,
    /// Decimal places kept for each criterion's points and for the rescaled base.
    pub precision: u32,
    pub missing: MissingPolicy,
    pub bonus_cap: Option<Decimal>,
    pub deduction_cap: Option<Decimal>,
    pub columns: Columns,
    /// Other sets whose results this one reads (`[[results]]`).
    pub results: Vec<ResultSource>,
    /// Raw data columns the set reads, in first-use order; an input may
    /// also be another set's result (see [`Input::origin`]).
    pub inputs: Vec<Input>,
    /// Derived indicators, in an order where every one comes after its inputs.
    pub derived: Vec<Derived>,
    pub groups: Vec<Group>,
    pub criteria: Vec<Criterion>,
    pub gates: Vec<Gate>,
    pub adjustments: Vec<Adjustment>,
    /// Conditions that lower a rating (`[[downgrades]]`, "hạ bậc").
    pub downgrades: Vec<Downgrade>,
    /// Conditions under which a unit is not considered (`[[exclusions]]`,
    /// "chưa xét"): scored, but neither rated nor ranked.
    pub exclusions: Vec<Exclusion>,
    /// Best first; the last one has no conditions.
    pub ratings: Vec<Rating>,
    pub ranking: Vec<RankKey>,
}

impl CriteriaSet {
    /// Whether the set is judged by its pass count ("đạt X/N"): its
    /// ranking puts criteria met first (after failed gates, which
    /// disqualify). Reports then lead with the count and show the points
    /// as an internal aid.
    pub fn headline_is_pass_count(&self) -> bool {
        self.ranking.iter().find(|k| **k != RankKey::Gates) == Some(&RankKey::Met)
    }

    /// Sum of every criterion's maximum points.
    pub fn full_max(&self) -> Decimal {
        self.criteria.iter().map(|c| c.points).sum()
    }

    /// The id a reader knows an indicator by (a column name or a derived id).
    pub fn indicator_name(&self, indicator: IndicatorRef) -> &str {
        match indicator {
            IndicatorRef::Input(i) => &self.inputs[i].column,
            IndicatorRef::Derived(i) => &self.derived[i].id,
        }
    }

    pub fn indicator_title(&self, indicator: IndicatorRef) -> Option<&str> {
        match indicator {
            IndicatorRef::Input(_) => None,
            IndicatorRef::Derived(i) => self.derived[i].title.as_deref(),
        }
    }

    /// Sum of the points of the criteria in group `g`.
    pub fn group_max(&self, g: usize) -> Decimal {
        self.criteria
            .iter()
            .filter(|c| c.group == Some(g))
            .map(|c| c.points)
            .sum()
    }

    pub fn group_of(&self, criterion: &Criterion) -> Option<&Group> {
        criterion.group.map(|g| &self.groups[g])
    }

    /// A criterion of this set by its index.
    pub fn criterion(&self, idx: CriterionIdx) -> &Criterion {
        #[allow(clippy::expect_used, reason = "an invariant, not data")]
        self.criteria
            .get(idx.0)
            .expect("invariant: a criterion index comes from this set, whose criteria never shrink")
    }

    /// Every criterion's index, in the set's order.
    pub fn criterion_indices(&self) -> impl Iterator<Item = CriterionIdx> + use<> {
        (0..self.criteria.len()).map(CriterionIdx)
    }

    /// A rating of this set by its index.
    pub fn rating(&self, idx: RatingIdx) -> &Rating {
        #[allow(clippy::expect_used, reason = "an invariant, not data")]
        self.ratings
            .get(usize::from(idx.0))
            .expect("invariant: a rating index comes from this set, whose ratings never shrink")
    }

    /// Every rating's index, best first.
    pub fn rating_indices(&self) -> impl Iterator<Item = RatingIdx> + use<> {
        // A set has at most MAX_RATINGS (64) ratings: each index fits.
        (0..self.ratings.len()).filter_map(|i| u8::try_from(i).ok().map(RatingIdx))
    }

    /// The rating with this id.
    pub fn rating_by_id(&self, id: &str) -> Option<RatingIdx> {
        self.rating_indices().find(|&r| self.rating(r).id == id)
    }

    /// Whether `indicator` reads the data column `input`, directly or
    /// through a derived indicator.
    pub fn reads(&self, indicator: IndicatorRef, input: usize) -> bool {
        match indicator {
            IndicatorRef::Input(i) => i == input,
            IndicatorRef::Derived(d) => self
                .derived
                .get(d)
                .is_some_and(|d| self.reads(d.a, input) || self.reads(d.b, input)),
        }
    }

    /// The last rating: every unit's fallback.
    pub fn fallback_rating(&self) -> RatingIdx {
        #[allow(clippy::expect_used, reason = "an invariant, not data")]
        self.rating_indices()
            .last()
            .expect("invariant: a set has at least one rating (the resolver refuses none)")
    }

    /// The rating a compact store kept for a unit, by its stored number.
    pub fn stored_rating(&self, stored: u8) -> RatingIdx {
        assert!(
            usize::from(stored) < self.ratings.len(),
            "invariant: a stored rating was made from this set's ratings"
        );
        RatingIdx(stored)
    }

    /// Does any criterion score a unit against the other units of a scope
    /// (`target`, `relative`)? Then a unit's score no longer depends on its
    /// own row only.
    pub fn is_relative(&self) -> bool {
        self.criteria.iter().any(|c| c.rule.relative().is_some())
    }
}

/// What a blank cell means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MissingPolicy {
    /// A blank cell is an error.
    #[default]
    Error,
    /// A blank cell earns 0 points and is flagged in the output.
    Zero,
}

/// The data columns that identify a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub id: String,
    pub name: String,
    pub cluster: Option<String>,
}

/// A raw data column and the kind of value its users expect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub column: String,
    pub kind: ValueKind,
    /// May a cell hold N/A? Only when every user of the column accepts it.
    pub accepts_na: bool,
    /// A blank cell counts as 0 whatever the missing policy: true when only
    /// adjustments (bonus and deduction points) read the column.
    pub blank_means_zero: bool,
    /// What a blank cell means when only `target` rules read the column.
    pub blank_target: BlankTarget,
    pub origin: InputOrigin,
}

/// A blank cell of a column that `target` rules read as each unit's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlankTarget {
    /// Not a target column (or not only one): the set's missing policy.
    #[default]
    NotTarget,
    /// The unit was given no target: it is scored relative to the units of
    /// its scope without one.
    NoTarget,
    /// `no_target = "error"`: every unit must have a target.
    Required,
}

impl Input {
    /// Read from the data file's own column (not from another set's result).
    pub fn is_column(&self) -> bool {
        self.origin == InputOrigin::Column
    }
}

/// Where an input's values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputOrigin {
    /// A column of the data file.
    Column,
    /// A figure of another set's result for the same unit: `source`
    /// indexes `CriteriaSet::results`.
    Result { source: usize, field: ResultField },
}

/// Another set whose results this set reads, under a prefix
/// (`[[results]] id = "km"` gives `km.score`, `km.rating`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultSource {
    pub prefix: String,
    /// A shipped set id, or a path relative to this set's file, as written.
    pub criteria: String,
    /// Where `criteria` is written in the file (1-based), for later problems.
    pub line: usize,
    pub column: usize,
}

/// A figure of another set's result that a set may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResultField {
    Score,
    Met,
    Applicable,
    Rank,
    GatesFailed,
    /// The rating's id: a label for `levels`, or yes/no for `yes` (yes when
    /// the unit reached any rating above the set's last, fallback one).
    Rating,
}

impl ResultField {
    pub const ALL: [ResultField; 6] = [
        ResultField::Score,
        ResultField::Met,
        ResultField::Applicable,
        ResultField::Rank,
        ResultField::GatesFailed,
        ResultField::Rating,
    ];

    /// The name after the prefix: `km.gates_failed`.
    pub fn name(self) -> &'static str {
        match self {
            ResultField::Score => "score",
            ResultField::Met => "met",
            ResultField::Applicable => "applicable",
            ResultField::Rank => "rank",
            ResultField::GatesFailed => "gates_failed",
            ResultField::Rating => "rating",
        }
    }

    pub fn from_name(name: &str) -> Option<ResultField> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    Number,
    YesNo,
    Label,
}

/// Where an indicator's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndicatorRef {
    Input(usize),
    Derived(usize),
}

/// An indicator computed per unit from two others.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    pub id: String,
    pub title: Option<String>,
    pub formula: Formula,
    pub a: IndicatorRef,
    pub b: IndicatorRef,
    pub when_zero: WhenZero,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formula {
    /// 100 × a ÷ b
    Ratio,
    /// 100 × (a − b) ÷ b
    Change,
}

/// What a derived indicator is when its denominator is zero.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WhenZero {
    NotApplicable,
    Value(Decimal),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: String,
    pub title: String,
}

/// A criterion of a set, by its position. Made only by the set's resolver
/// or from the set ([`CriteriaSet::criterion_indices`]); a unit's results
/// run parallel to its set's criteria, so it reads both
/// ([`CriteriaSet::criterion`], `UnitResult::criterion`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CriterionIdx(usize);

impl CriterionIdx {
    /// Resolving a set: the criterion at `position` of the criteria read.
    pub(crate) fn resolved(position: usize) -> CriterionIdx {
        CriterionIdx(position)
    }

    /// Its position among the set's criteria.
    pub fn position(self) -> usize {
        self.0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    pub group: Option<usize>,
    pub indicator: IndicatorRef,
    pub unit: Option<String>,
    pub points: Decimal,
    /// Points needed to count as met.
    pub pass: PassMark,
    pub allow_na: bool,
    pub rule: Rule,
    /// The plausible values of the data column it reads (`range = [lo, hi]`).
    pub range: Option<ValueRange>,
    /// The data column it reads holds whole numbers (`whole = true`).
    pub whole: bool,
}

/// What a criterion must earn to count as met.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PassMark {
    /// All of its points (no `pass` in the file); for a `target` rule, the
    /// points earned exactly at target (the unit reached its target). It
    /// follows the points when they change: a what-if `--set ID.points=…`,
    /// a sensitivity run.
    AllPoints,
    /// A number of points set by the file or by `--set ID.pass=…`.
    Points(Decimal),
}

impl Criterion {
    /// The pass mark in points, as the criteria document shows it.
    pub fn pass_points(&self) -> Decimal {
        match self.pass {
            PassMark::AllPoints => self.default_pass(),
            PassMark::Points(points) => points,
        }
    }

    /// The pass mark without `pass` in the file: all the points, or for a
    /// `target` rule the share earned exactly at target.
    pub fn default_pass(&self) -> Decimal {
        match &self.rule {
            // Points of at most 10^15 times a share of at most 1 (both
            // checked) cannot overflow.
            #[allow(clippy::expect_used, reason = "an invariant, not data")]
            Rule::Target(t) => self
                .points
                .checked_mul(t.at_target)
                .expect("invariant: a criterion's points times at_target fit a decimal"),
            _ => self.points,
        }
    }
}

/// A disqualifier: earns nothing, passes when its rule would earn full points.
#[derive(Debug, Clone, PartialEq)]
pub struct Gate {
    pub id: String,
    pub title: String,
    pub indicator: IndicatorRef,
    pub unit: Option<String>,
    pub allow_na: bool,
    pub rule: Rule,
    pub range: Option<ValueRange>,
    pub whole: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Adjustment {
    pub id: String,
    pub title: String,
    pub indicator: IndicatorRef,
    pub kind: AdjustmentKind,
    /// Points per unit of the value.
    pub per: Decimal,
    pub cap: Option<Decimal>,
    pub range: Option<ValueRange>,
    pub whole: bool,
}

/// A yes/no condition that lowers a unit's rating by `steps` ratings
/// (never below the last) when it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Downgrade {
    pub id: String,
    pub title: String,
    pub indicator: IndicatorRef,
    pub steps: u32,
}

/// A yes/no condition under which a unit gets no rating and no rank.
#[derive(Debug, Clone, PartialEq)]
pub struct Exclusion {
    pub id: String,
    pub title: String,
    pub indicator: IndicatorRef,
}

/// Plausible values of a data column, both ends included, as a criteria
/// set declares them (`range = [0, 100]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueRange {
    pub low: Decimal,
    pub high: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdjustmentKind {
    Bonus,
    Deduction,
}

/// How a value earns points. Point amounts live on the criterion; the rule
/// only says what share of them (or which step) a value earns.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    Yes,
    AtLeast(Decimal),
    AtMost(Decimal),
    Linear {
        zero: Decimal,
        full: Decimal,
    },
    Steps(Vec<Step>),
    Levels(Vec<Level>),
    Deduct {
        per: Decimal,
    },
    Direct,
    /// A share of the points by the unit's result against its target, up to
    /// the scope's leader (`rule = "target"`).
    Target(TargetRule),
    /// A share of the points by the unit's result against the best of its
    /// scope (`rule = "relative"`).
    Relative(Relative),
}

/// Which way a relative criterion's values are better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Higher,
    Lower,
}

impl Direction {
    pub fn keyword(self) -> &'static str {
        match self {
            Direction::Higher => "higher",
            Direction::Lower => "lower",
        }
    }
}

/// The units a relative criterion compares a unit with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelativeScope {
    /// The unit's own cluster.
    Cluster,
    /// Every unit of the data file.
    All,
}

impl RelativeScope {
    pub fn keyword(self) -> &'static str {
        match self {
            RelativeScope::Cluster => "cluster",
            RelativeScope::All => "all",
        }
    }
}

/// What every relative rule has: a direction and a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relative {
    pub direction: Direction,
    pub scope: RelativeScope,
}

/// Where a `target` rule reads each unit's target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TargetOf {
    /// A column (or derived indicator) with one target per unit.
    Indicator(IndicatorRef),
    /// The same target for every unit.
    Number(Decimal),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetRule {
    pub target: TargetOf,
    pub relative: Relative,
    /// Share of the points earned exactly at target, in `0..=1`.
    pub at_target: Decimal,
    /// `no_target = "error"`: a blank target is an error in the data (the
    /// loader's business); otherwise the unit is scored `relative`.
    pub blank_is_error: bool,
}

impl Rule {
    /// The kind of value this rule reads.
    pub fn value_kind(&self) -> ValueKind {
        match self {
            Rule::Yes => ValueKind::YesNo,
            Rule::Levels(_) => ValueKind::Label,
            _ => ValueKind::Number,
        }
    }

    /// The keyword used in criteria files.
    pub fn keyword(&self) -> &'static str {
        match self {
            Rule::Yes => "yes",
            Rule::AtLeast(_) => "at_least",
            Rule::AtMost(_) => "at_most",
            Rule::Linear { .. } => "linear",
            Rule::Steps(_) => "steps",
            Rule::Levels(_) => "levels",
            Rule::Deduct { .. } => "deduct",
            Rule::Direct => "direct",
            Rule::Target(_) => "target",
            Rule::Relative(_) => "relative",
        }
    }

    /// The direction and scope of a rule that compares units.
    pub fn relative(&self) -> Option<Relative> {
        match self {
            Rule::Target(t) => Some(t.relative),
            Rule::Relative(r) => Some(*r),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub bound: Bound,
    pub points: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    AtLeast(Decimal),
    AtMost(Decimal),
}

impl Bound {
    /// The value the bound is set at.
    pub fn threshold(self) -> Decimal {
        match self {
            Bound::AtLeast(x) | Bound::AtMost(x) => x,
        }
    }

    pub fn holds(self, value: Decimal) -> bool {
        match self {
            Bound::AtLeast(min) => crate::exact::cmp(value, min).is_ge(),
            Bound::AtMost(max) => crate::exact::cmp(value, max).is_le(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    /// The label as written in the criteria file.
    pub label: String,
    /// Normalised, case-folded form used to match data cells.
    pub key: String,
    /// The same for every level of the set with this key: what a data
    /// cell holding the label is read as (`Value::Label`).
    pub id: u32,
    pub points: Decimal,
}

/// A rating of a set, by its position (best first). Made only from a set
/// (its resolver, [`CriteriaSet::rating_indices`],
/// [`CriteriaSet::fallback_rating`], [`CriteriaSet::stored_rating`]) or from
/// another index of the same set, so [`CriteriaSet::rating`] never falls
/// outside the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RatingIdx(u8);

impl RatingIdx {
    /// The best rating: every set has at least one.
    pub const BEST: RatingIdx = RatingIdx(0);

    /// Resolving a set: the rating at `position` of the ratings being built
    /// (at most MAX_RATINGS, so it fits).
    pub(crate) fn resolved(position: usize) -> Option<RatingIdx> {
        u8::try_from(position).ok().map(RatingIdx)
    }

    /// Its position among the set's ratings, best first.
    pub fn position(self) -> usize {
        usize::from(self.0)
    }

    /// As a compact store keeps it.
    pub fn stored(self) -> u8 {
        self.0
    }

    /// The ratings better than this one, best first.
    pub fn better(self) -> impl Iterator<Item = RatingIdx> {
        (0..self.0).map(RatingIdx)
    }

    /// The rating just above this one, if any.
    pub fn one_up(self) -> Option<RatingIdx> {
        self.0.checked_sub(1).map(RatingIdx)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    pub id: String,
    pub title: String,
    /// A short title people know the rating by ("HTXS"), shown instead of
    /// the title in tight places; the id is never shown to people.
    pub short: Option<String>,
    pub min_score: Option<Decimal>,
    pub all_gates: bool,
    pub min_met: Option<u32>,
    pub all_met: bool,
    /// Criteria that must be met.
    pub required: Vec<CriterionIdx>,
    pub quota: Option<Quota>,
}

impl Rating {
    /// What a person reads: the short title if the set gives one, else the
    /// title.
    pub fn shown(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.title)
    }

    /// The fallback rating has no conditions at all.
    pub fn is_unconditional(&self) -> bool {
        self.min_score.is_none()
            && !self.all_gates
            && self.min_met.is_none()
            && !self.all_met
            && self.required.is_empty()
            && self.quota.is_none()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quota {
    /// Share of N, in 0..=1.
    pub share: Decimal,
    /// N counts units whose rating before quotas is this one or better;
    /// `None` counts every unit.
    pub of: Option<RatingIdx>,
    pub scope: QuotaScope,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaScope {
    All,
    Cluster,
}

/// One key of the ranking order; every key compares higher-first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankKey {
    Score,
    Met,
    /// Fewer failed gates first.
    Gates,
    Group(usize),
    Criterion(CriterionIdx),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> CriteriaSet {
        let (file, text) = crate::load::shipped::find("thi-dua-cuoi-nam").expect("shipped");
        crate::load::parse_criteria(file, text).expect("valid")
    }

    #[test]
    fn rating_indices_come_from_the_set_and_stay_inside_it() {
        let set = shipped();
        let all: Vec<RatingIdx> = set.rating_indices().collect();
        assert_eq!(all.len(), set.ratings.len());
        assert_eq!(all[0], RatingIdx::BEST);
        assert_eq!(set.fallback_rating(), all[all.len() - 1]);
        assert_eq!(
            set.rating(set.fallback_rating()).id,
            set.ratings[all.len() - 1].id
        );
        assert_eq!(set.rating_by_id(&set.ratings[1].id), Some(all[1]));
        assert_eq!(set.rating_by_id("no such rating"), None);
        assert_eq!(all[1].one_up(), Some(RatingIdx::BEST));
        assert_eq!(RatingIdx::BEST.one_up(), None);
        assert_eq!(all[2].better().collect::<Vec<_>>(), all[..2]);
        assert_eq!(set.stored_rating(all[2].stored()), all[2]);
    }

    #[test]
    fn criterion_indices_read_the_set_and_a_units_results_alike() {
        let set = shipped();
        let all: Vec<CriterionIdx> = set.criterion_indices().collect();
        assert_eq!(all.len(), set.criteria.len());
        assert_eq!(set.criterion(all[3]).id, set.criteria[3].id);
        assert!(
            all.windows(2)
                .all(|w| w[0].position() + 1 == w[1].position())
        );
    }

    #[test]
    #[should_panic(expected = "invariant: a stored rating was made from this set's ratings")]
    fn a_stored_rating_outside_the_set_stops_the_run() {
        let set = shipped();
        let outside = u8::try_from(set.ratings.len()).expect("few ratings");
        set.stored_rating(outside);
    }
}
