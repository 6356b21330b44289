//! What the engine produces. Plain data: renderers format it, nothing here
//! computes.

use rust_decimal::Decimal;

use super::{CriterionIdx, RatingIdx, Value};

/// Whether a criterion (or gate) was scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Scored,
    NotApplicable,
    /// Blank under `missing = "zero"`: earns 0 and is flagged.
    Missing,
}

impl Status {
    /// The JSON spelling (docs/json-schema.md).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scored => "scored",
            Status::NotApplicable => "not_applicable",
            Status::Missing => "missing",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CriterionResult {
    pub value: Value,
    /// Rounded to the set's precision.
    pub points: Decimal,
    pub max: Decimal,
    pub met: bool,
    pub status: Status,
    /// For a `target` or `relative` criterion: the values of its scope the
    /// points came from.
    pub reference: Option<Reference>,
}

impl CriterionResult {
    /// What totals, ratings and the compact store read of it.
    pub fn points(&self) -> CriterionPoints {
        CriterionPoints {
            points: self.points,
            scaled: None,
            met: self.met,
            status: self.status,
        }
    }
}

/// A criterion's points for one unit, without the value and reference a
/// [`CriterionResult`] keeps for reports: what totals, ratings and the
/// compact store read, and all a ranking of many units needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CriterionPoints {
    /// Rounded to the set's precision.
    pub points: Decimal,
    /// `points` as a whole number of `10^-precision`, where the scorer
    /// knew it as one (`None` says nothing about the points).
    pub scaled: Option<i64>,
    pub met: bool,
    pub status: Status,
}

impl CriterionPoints {
    /// Counts against a rating's "all met" and "required": the criterion
    /// applies and its points fall short of the pass mark.
    pub fn unmet(&self) -> bool {
        !self.met && self.status != Status::NotApplicable
    }
}

/// The figures a relative criterion scored a unit against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reference {
    /// The unit's own target; `None` when it was given none (it is then
    /// scored relative to the units of its scope without a target).
    pub target: Option<Value>,
    /// The best result in the scope among the units compared with this one
    /// (the leader, for units with a target); `None` when none took part.
    pub best: Option<Value>,
    /// How many units of the scope were compared (this one included when it
    /// took part).
    pub compared: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GateResult {
    pub value: Value,
    pub passed: bool,
    pub status: Status,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdjustmentResult {
    pub value: Value,
    /// After this adjustment's own cap.
    pub amount: Decimal,
    /// Before any cap: `per × value`.
    pub uncapped: Decimal,
}

/// Everything computed for one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitResult {
    /// Position of the unit in the data file (0-based).
    pub input_index: usize,
    pub id: String,
    pub name: String,
    pub cluster: Option<String>,
    /// Indexed like `CriteriaSet::criteria`.
    pub criteria: Vec<CriterionResult>,
    /// Sum of rounded points per group, indexed like `CriteriaSet::groups`.
    pub groups: Vec<Decimal>,
    pub gates: Vec<GateResult>,
    pub adjustments: Vec<AdjustmentResult>,
    pub earned: Decimal,
    pub applicable_max: Decimal,
    pub full_max: Decimal,
    /// `earned`, rescaled to `full_max` when something is N/A.
    pub base: Decimal,
    /// Bonus before the set-wide cap.
    pub bonus_total: Decimal,
    pub bonus: Decimal,
    /// Deductions before the set-wide cap.
    pub deductions_total: Decimal,
    pub deductions: Decimal,
    pub score: Decimal,
    pub met: u32,
    pub applicable: u32,
    /// Index into `CriteriaSet::ratings`. Means nothing for an excluded
    /// unit, which has no rating (see [`UnitResult::is_excluded`]).
    pub rating: RatingIdx,
    /// After conditions and downgrades: what quotas work on.
    pub rating_before_quota: RatingIdx,
    /// After conditions alone.
    pub rating_before_downgrade: RatingIdx,
    /// Bit `d` set: downgrade `d` of the set holds for the unit.
    pub downgrades: u64,
    /// Bit `x` set: exclusion `x` of the set holds; the unit is then not
    /// considered (no rating, no rank).
    pub excluded: u64,
    /// 0 for an excluded unit, which has no rank.
    pub rank: u32,
    pub cluster_rank: Option<u32>,
    /// Shares first place with another unit of its cluster (or of all
    /// units, without clusters): a vote settles it, not the program.
    pub tied_first: bool,
}

/// The positions of the bits set in `mask`, lowest first. Visits only
/// the bits set: every unit's (usually empty) downgrade mask is read
/// while rating.
pub fn bits(mask: u64) -> impl Iterator<Item = usize> {
    let mut rest = mask;
    std::iter::from_fn(move || {
        let bit = rest.trailing_zeros();
        // Clears the lowest bit set; `rest` is 0 once all are visited.
        rest &= rest.wrapping_sub(1);
        (bit < 64).then_some(bit as usize)
    })
}

impl UnitResult {
    /// The unit's result for a criterion of the set it was scored with.
    pub fn criterion(&self, idx: CriterionIdx) -> &CriterionResult {
        #[allow(clippy::expect_used, reason = "an invariant, not data")]
        self.criteria
            .get(idx.position())
            .expect("invariant: a unit's results run parallel to its set's criteria")
    }

    /// The index of each criterion the unit was scored on: its set's
    /// criteria, in order.
    pub fn criterion_indices(&self) -> impl Iterator<Item = CriterionIdx> + use<> {
        (0..self.criteria.len()).map(CriterionIdx::resolved)
    }

    /// Every criterion's points, in the set's order.
    pub fn criterion_points(&self) -> Vec<CriterionPoints> {
        self.criteria.iter().map(CriterionResult::points).collect()
    }

    pub fn gates_failed(&self) -> impl Iterator<Item = usize> + '_ {
        self.gates
            .iter()
            .enumerate()
            .filter(|(_, g)| !g.passed)
            .map(|(i, _)| i)
    }

    pub fn gates_failed_count(&self) -> usize {
        self.gates.iter().filter(|g| !g.passed).count()
    }

    pub fn quota_lowered(&self) -> bool {
        !self.is_excluded() && self.rating != self.rating_before_quota
    }

    /// A downgrade lowered the rating (one may hold without effect, for a
    /// unit already at the last rating).
    pub fn downgrade_lowered(&self) -> bool {
        !self.is_excluded() && self.rating_before_quota != self.rating_before_downgrade
    }

    pub fn is_excluded(&self) -> bool {
        self.excluded != 0
    }

    /// The rank, unless the unit is not considered.
    pub fn ranked(&self) -> Option<u32> {
        (!self.is_excluded()).then_some(self.rank)
    }

    /// The rating, unless the unit is not considered.
    pub fn rated(&self) -> Option<RatingIdx> {
        (!self.is_excluded()).then_some(self.rating)
    }

    pub fn is_rescaled(&self) -> bool {
        self.applicable_max != self.full_max
    }
}

/// All units, scored, rated and listed in rank order.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub full_max: Decimal,
    pub units: Vec<UnitResult>,
}

impl Evaluation {
    /// Looks a unit up by what a person types: its id exactly as written
    /// (case-sensitive), then its name exactly, then either ignoring case,
    /// then its name without tone marks (for names typed without Vietnamese
    /// input). The first step that matches anything decides: one unit is
    /// found, several are [`Lookup::Ambiguous`] and never silently one.
    ///
    /// `exact`, `caseless` and `loose` turn text into the key of each step
    /// (the loader's NFC normalisation, label key and unaccented key).
    pub fn lookup(
        &self,
        key: &str,
        exact: impl Fn(&str) -> String,
        caseless: impl Fn(&str) -> String,
        loose: impl Fn(&str) -> String,
    ) -> Lookup<&UnitResult> {
        let units: Vec<(&str, &str)> = self
            .units
            .iter()
            .map(|u| (u.id.as_str(), u.name.as_str()))
            .collect();
        match lookup(&units, key, exact, caseless, loose) {
            Lookup::Found(i) => Lookup::Found(&self.units[i]),
            Lookup::Ambiguous(list) => {
                Lookup::Ambiguous(list.into_iter().map(|i| &self.units[i]).collect())
            }
            Lookup::NotFound => Lookup::NotFound,
        }
    }
}

/// [`Evaluation::lookup`] over units given as (id, name), in rank order,
/// whatever keeps them: the positions of the units found.
pub fn lookup(
    units: &[(&str, &str)],
    key: &str,
    exact: impl Fn(&str) -> String,
    caseless: impl Fn(&str) -> String,
    loose: impl Fn(&str) -> String,
) -> Lookup<usize> {
    {
        let by = |key_of: &dyn Fn(&str) -> String, on_id: bool, on_name: bool| {
            let wanted = key_of(key);
            units
                .iter()
                .enumerate()
                .filter(|(_, (id, name))| {
                    (on_id && key_of(id) == wanted) || (on_name && key_of(name) == wanted)
                })
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        };
        let steps = [
            (&exact as &dyn Fn(&str) -> String, true, false),
            (&exact, false, true),
            (&caseless, true, true),
            (&loose, false, true),
        ];
        for (key_of, on_id, on_name) in steps {
            let mut found = by(key_of, on_id, on_name);
            match found.len() {
                0 => {}
                1 => return Lookup::Found(found.remove(0)),
                _ => return Lookup::Ambiguous(found),
            }
        }
        Lookup::NotFound
    }
}

/// What [`Evaluation::lookup`] found.
#[derive(Debug)]
pub enum Lookup<T> {
    Found(T),
    /// Several units match equally well, in rank order.
    Ambiguous(Vec<T>),
    NotFound,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: &str, name: &str) -> UnitResult {
        UnitResult {
            input_index: 0,
            id: id.into(),
            name: name.into(),
            cluster: None,
            criteria: Vec::new(),
            groups: Vec::new(),
            gates: Vec::new(),
            adjustments: Vec::new(),
            earned: Decimal::ZERO,
            applicable_max: Decimal::ZERO,
            full_max: Decimal::ZERO,
            base: Decimal::ZERO,
            bonus_total: Decimal::ZERO,
            bonus: Decimal::ZERO,
            deductions_total: Decimal::ZERO,
            deductions: Decimal::ZERO,
            score: Decimal::ZERO,
            met: 0,
            applicable: 0,
            rating: RatingIdx::BEST,
            rating_before_quota: RatingIdx::BEST,
            rating_before_downgrade: RatingIdx::BEST,
            downgrades: 0,
            excluded: 0,
            rank: 1,
            cluster_rank: None,
            tied_first: false,
        }
    }

    fn ids(lookup: Lookup<&UnitResult>) -> Vec<String> {
        match lookup {
            Lookup::Found(u) => vec![u.id.clone()],
            Lookup::Ambiguous(us) => us.iter().map(|u| format!("?{}", u.id)).collect(),
            Lookup::NotFound => Vec::new(),
        }
    }

    /// Keys as the loader makes them, simplified: exact, lower case, and
    /// lower case without the letter's accent (only "à" and "ạ" here).
    fn find(eval: &Evaluation, key: &str) -> Vec<String> {
        let lower = |s: &str| s.to_lowercase();
        let loose = |s: &str| s.to_lowercase().replace(['à', 'ạ'], "a");
        ids(eval.lookup(key, str::to_string, lower, loose))
    }

    #[test]
    fn each_step_decides_only_when_the_steps_before_found_nothing() {
        let eval = Evaluation {
            full_max: Decimal::ZERO,
            units: vec![
                unit("abc", "Hà"),
                unit("ABC", "Hạ"),
                unit("x", "abc"),
                unit("Y", "y"),
            ],
        };
        // An exact id beats a name equal to it and an id equal but for case.
        assert_eq!(find(&eval, "abc"), ["abc"]);
        assert_eq!(find(&eval, "ABC"), ["ABC"]);
        // An exact name.
        assert_eq!(find(&eval, "Hạ"), ["ABC"]);
        // Ignoring case: one id and one name match "y" — the same unit.
        assert_eq!(find(&eval, "y"), ["Y"]);
        // Ignoring case, several units: never one of them silently.
        assert_eq!(find(&eval, "Abc"), ["?abc", "?ABC", "?x"]);
        // Without accents, both names.
        assert_eq!(find(&eval, "ha"), ["?abc", "?ABC"]);
        assert!(find(&eval, "zzz").is_empty());
    }

    proptest::proptest! {
        /// Every bit set, and only those, lowest first.
        #[test]
        fn bits_lists_the_positions_set(mask in proptest::prelude::any::<u64>()) {
            let listed: Vec<usize> = bits(mask).collect();
            let each: Vec<usize> = (0..64).filter(|&b| mask & (1u64 << b) != 0).collect();
            proptest::prop_assert_eq!(listed, each);
        }
    }

    #[test]
    fn bits_of_the_edges() {
        assert_eq!(bits(0).count(), 0);
        assert_eq!(bits(1 << 63).collect::<Vec<_>>(), [63]);
        assert_eq!(bits(u64::MAX).count(), 64);
        assert_eq!(bits(0b1010).collect::<Vec<_>>(), [1, 3]);
    }
}
