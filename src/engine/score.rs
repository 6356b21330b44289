//! One unit's score: criteria points, N/A rescaling, adjustments and caps,
//! gates. Ratings and ranks need every unit and live elsewhere.

use rust_decimal::Decimal;

use super::derive::{derive_into, lookup};
use super::prepared::{Prepared, Scored};
use super::rules::{Outcome, earn, earn_rounded, gate_full};
use crate::exact::{self, Sum, Unrepresentable};
use crate::model::References;
use crate::model::*;

impl std::error::Error for ScoreOverflow {}

/// Half away from zero, at the set's precision: the only rounding there is.
pub fn round(value: Decimal, precision: u32) -> Decimal {
    crate::exact::round_half_away(value, precision)
}

/// No points, not met: a criterion that does not apply or has no value.
const NOTHING: Scored = Scored::NOTHING;

/// Scores units one after another into one reusable result, so scoring a
/// million units does not allocate a million times.
pub struct Scorer<'s> {
    set: &'s CriteriaSet,
    full_max: Decimal,
    /// Each criterion's rule, ready for the common values.
    prepared: Vec<Prepared>,
    /// Every scope's reference values, for the criteria scored against
    /// other units ([`Scorer::with_references`]).
    references: References,
    /// What each gate's rule must earn to pass ([`gate_full`]).
    gate_fulls: Vec<Decimal>,
    /// Each gate's rule, ready for the common values where it can be.
    gate_prepared: Vec<Option<Prepared>>,
    derived: Vec<Value>,
    group_sums: Vec<PointsSum>,
    result: UnitResult,
    /// The last unit's criterion points, with each as a whole number of
    /// `10^-precision` where it is one: what totals, ratings and a
    /// compact store read, without taking decimals apart.
    points: Vec<CriterionPoints>,
}

impl<'s> Scorer<'s> {
    pub fn new(set: &'s CriteriaSet) -> Self {
        let full_max = set.full_max();
        Scorer {
            set,
            full_max,
            prepared: set
                .criteria
                .iter()
                .map(|c| Prepared::new(c, set.precision))
                .collect(),
            references: References::none(set),
            gate_fulls: set.gates.iter().map(|g| gate_full(&g.rule)).collect(),
            gate_prepared: set
                .gates
                .iter()
                .map(|g| Prepared::for_gate(&g.rule, gate_full(&g.rule)))
                .collect(),
            derived: Vec::with_capacity(set.derived.len()),
            points: Vec::with_capacity(set.criteria.len()),
            group_sums: vec![PointsSum::default(); set.groups.len()],
            result: UnitResult {
                input_index: 0,
                id: String::new(),
                name: String::new(),
                cluster: None,
                criteria: Vec::with_capacity(set.criteria.len()),
                groups: vec![Decimal::ZERO; set.groups.len()],
                gates: Vec::with_capacity(set.gates.len()),
                adjustments: Vec::with_capacity(set.adjustments.len()),
                earned: Decimal::ZERO,
                applicable_max: Decimal::ZERO,
                full_max,
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
                rank: 0,
                cluster_rank: None,
                tied_first: false,
            },
        }
    }

    /// Scores relative criteria against these references, worked out
    /// from the whole dataset beforehand ([`super::relative::references`]).
    pub fn with_references(mut self, references: References) -> Self {
        self.references = references;
        self
    }

    /// Scores one unit. `rating`, `rank` and `cluster_rank` are left for the
    /// caller, which sees all units. A figure no decimal holds refuses the
    /// unit (see [`crate::exact`]).
    pub fn score(
        &mut self,
        input_index: usize,
        unit: UnitView<'_>,
    ) -> Result<&UnitResult, ScoreOverflow> {
        self.score_unit::<true>(input_index, unit)?;
        Ok(&self.result)
    }

    /// Scores one unit as [`Scorer::score`] does, but keeps only its
    /// criterion points ([`Scorer::last`]), not a full result per
    /// criterion (the result's `criteria` are left empty): all that a
    /// ranking of many units reads, without copying each value and
    /// reference that only a unit's detail shows.
    pub fn score_points(
        &mut self,
        input_index: usize,
        unit: UnitView<'_>,
    ) -> Result<(), ScoreOverflow> {
        self.score_unit::<false>(input_index, unit)
    }

    /// Scores one unit; `DETAIL` fills the result's `criteria` too.
    fn score_unit<const DETAIL: bool>(
        &mut self,
        input_index: usize,
        unit: UnitView<'_>,
    ) -> Result<(), ScoreOverflow> {
        let overflow = |part: OverflowedPart| ScoreOverflow {
            unit: unit.id.to_string(),
            input_index,
            part,
        };
        let set = self.set;
        derive_into(set, unit.values, &mut self.derived);
        let derived = &self.derived;
        let value_of = |indicator| lookup(unit.values, derived, indicator);
        let r = &mut self.result;
        r.input_index = input_index;
        r.id.clear();
        r.id.push_str(unit.id);
        r.name.clear();
        r.name.push_str(unit.name);
        match (&mut r.cluster, unit.cluster) {
            (Some(mine), Some(theirs)) => {
                mine.clear();
                mine.push_str(theirs);
            }
            (mine, theirs) => *mine = theirs.map(str::to_string),
        }

        // Results are plain data: emptying keeps the capacity, and pushing
        // into it allocates nothing after the first unit.
        // One pass scores every criterion and adds up the totals.
        r.criteria.clear();
        self.points.clear();
        let sums = &mut self.group_sums;
        sums.iter_mut().for_each(|g| *g = PointsSum::default());
        let mut earned = PointsSum::default();
        let (mut met_count, mut applicable, mut any_na) = (0u32, 0u32, false);
        for (i, (c, prepared)) in set.criteria.iter().zip(&self.prepared).enumerate() {
            let value = value_of(c.indicator);
            // Most criteria score a unit on its own row, and their prepared
            // rule answers: that case goes straight to the sums, without
            // the detour the others take through a status and a reference.
            let fast = if self.references.applies(i) {
                None
            } else {
                prepared.score(value)
            };
            let (points, reference) = match fast {
                Some(scored) => (points_of(scored, Status::Scored), None),
                None => general_points(set, &self.references, (i, c), prepared, &unit, derived),
            };
            let status = points.status;
            self.points.push(points);
            if DETAIL {
                r.criteria.push(CriterionResult {
                    value: *value,
                    points: points.points,
                    max: c.points,
                    met: points.met,
                    status,
                    reference,
                });
            }
            // A criterion's points are added once: to its group's sum, which
            // joins the total below, or straight to the total.
            match c.group {
                Some(g) => sums[g].add(points.points, points.scaled),
                None => earned.add(points.points, points.scaled),
            }
            met_count += u32::from(points.met);
            if status == Status::NotApplicable {
                any_na = true;
            } else {
                applicable += 1;
            }
        }
        let places = set.precision;
        let mut earned = earned.settle(places);
        for (g, (points, total)) in sums.iter().zip(r.groups.iter_mut()).enumerate() {
            let sum = points.settle(places);
            earned.merge(sum);
            let criteria = &self.points;
            *total = exact::total(sum, || {
                set.criteria
                    .iter()
                    .zip(criteria)
                    .filter(move |(c, _)| c.group == Some(g))
                    .map(|(_, points)| points.points)
            })
            .map_err(|Unrepresentable| {
                overflow(OverflowedPart::Criteria(Some(set.groups[g].id.clone())))
            })?;
        }

        r.gates.clear();
        let gates = set.gates.iter().zip(&self.gate_fulls);
        for ((g, &full), prepared) in gates.zip(&self.gate_prepared) {
            let value = value_of(g.indicator);
            let prepared = prepared.as_ref().and_then(|p| p.score(value));
            let (passed, status) = match prepared {
                Some(scored) => (scored.met(), Status::Scored),
                None => match earn(&g.rule, full, value) {
                    Outcome::Points(p) => (exact::cmp(p, full).is_ge(), Status::Scored),
                    // An N/A gate does not apply, so it cannot disqualify.
                    Outcome::NotApplicable => (true, Status::NotApplicable),
                    Outcome::Missing => (false, Status::Missing),
                },
            };
            r.gates.push(GateResult {
                value: *value,
                passed,
                status,
            });
        }

        r.adjustments.clear();
        let (mut bonus_total, mut deductions_total) = (Decimal::ZERO, Decimal::ZERO);
        for a in &set.adjustments {
            let value = value_of(a.indicator);
            let count = value
                .as_decimal()
                .map_or(Decimal::ZERO, |v| exact::max(v, Decimal::ZERO));
            let uncapped = exact::times(a.per, count)
                .map_err(|Unrepresentable| overflow(OverflowedPart::Adjustment(a.id.clone())))?;
            let amount = a.cap.map_or(uncapped, |cap| exact::min(uncapped, cap));
            match a.kind {
                AdjustmentKind::Bonus => {
                    bonus_total = exact::add(bonus_total, amount)
                        .map_err(|Unrepresentable| overflow(OverflowedPart::Bonuses))?;
                }
                AdjustmentKind::Deduction => {
                    deductions_total = exact::add(deductions_total, amount)
                        .map_err(|Unrepresentable| overflow(OverflowedPart::Deductions))?;
                }
            }
            r.adjustments.push(AdjustmentResult {
                value: *value,
                amount,
                uncapped,
            });
        }
        r.bonus_total = bonus_total;
        r.deductions_total = deductions_total;
        r.bonus = set
            .bonus_cap
            .map_or(bonus_total, |cap| exact::min(bonus_total, cap));
        r.deductions = set
            .deduction_cap
            .map_or(deductions_total, |cap| exact::min(deductions_total, cap));

        let full_max = self.full_max;
        let criteria_total = |part| overflow(OverflowedPart::Criteria(part));
        let earned = exact::total(earned, || self.points.iter().map(|p| p.points))
            .map_err(|Unrepresentable| criteria_total(None))?;
        // Without N/A every criterion applies: the same sum as the set's.
        let applicable_max = if any_na {
            let mut sum = Sum::default();
            let applies = |(_, points): &(&Criterion, &CriterionPoints)| {
                points.status != Status::NotApplicable
            };
            let criteria = || set.criteria.iter().zip(&self.points).filter(applies);
            criteria().for_each(|(c, _)| sum.add(c.points));
            exact::total(sum, || criteria().map(|(c, _)| c.points))
                .map_err(|Unrepresentable| criteria_total(None))?
        } else {
            full_max
        };
        r.base = if exact::cmp(applicable_max, full_max).is_eq() {
            earned
        } else if applicable_max.is_zero() {
            // Nothing applies: there is nothing to rescale from.
            Decimal::ZERO
        } else {
            exact::rescale(earned, full_max, applicable_max, set.precision)
                .map_err(|Unrepresentable| overflow(OverflowedPart::Rescaled))?
        };
        r.earned = earned;
        r.applicable_max = applicable_max;
        r.full_max = full_max;
        let score = exact::add(r.base, r.bonus)
            .and_then(|with_bonus| exact::subtract(with_bonus, r.deductions))
            .map_err(|Unrepresentable| overflow(OverflowedPart::Score))?;
        r.score = exact::max(score, Decimal::ZERO);
        r.met = met_count;
        r.applicable = applicable;
        r.rating = RatingIdx::BEST;
        r.rating_before_quota = RatingIdx::BEST;
        r.rating_before_downgrade = RatingIdx::BEST;
        r.downgrades = super::downgrade::downgrades_holding(set, unit.values);
        r.excluded = super::downgrade::exclusions_holding(set, unit.values);
        r.rank = 0;
        r.cluster_rank = None;
        r.tied_first = false;
        Ok(())
    }

    /// The last unit scored, given its standing among all units (which
    /// only a ranking of every unit knows), as `u` has it in the store.
    pub fn set_standing(&mut self, u: &CompactUnit) -> &UnitResult {
        let r = &mut self.result;
        r.rank = u.rank;
        r.cluster_rank = u.cluster_rank();
        r.rating = self.set.stored_rating(u.rating);
        r.rating_before_quota = self.set.stored_rating(u.rating_before_quota);
        r.rating_before_downgrade = self.set.stored_rating(u.rating_before_downgrade);
        r.tied_first = u.tied_first;
        &self.result
    }

    /// The last unit scored, and its criterion points (see
    /// [`Scorer::score_points`]).
    pub fn last(&self) -> (&UnitResult, &[CriterionPoints]) {
        (&self.result, &self.points)
    }
}

/// Criterion points as they are added up: those known as whole numbers of
/// `10^-places` (nearly all) in one integer, the rest in a [`Sum`]. The
/// settled [`Sum`] is the one adding every term to it would give (the same
/// value, and the largest scale a term was written at), for an integer
/// addition a term instead of taking each decimal apart.
#[derive(Debug, Clone, Copy, Default)]
struct PointsSum {
    sum: Sum,
    /// The known terms at `10^-places`, and the largest scale among them.
    known: i128,
    known_scale: Option<u32>,
}

impl PointsSum {
    #[inline]
    fn add(&mut self, points: Decimal, scaled: Option<i64>) {
        match scaled {
            Some(m) => {
                self.known += i128::from(m);
                let scale = points.scale();
                self.known_scale = Some(self.known_scale.map_or(scale, |s| s.max(scale)));
            }
            None => self.sum.add(points),
        }
    }

    fn settle(&self, places: u32) -> Sum {
        let mut sum = self.sum;
        if let Some(scale) = self.known_scale {
            // Each known term is a whole number of `10^-scale` (its own
            // scale is at most that): the division is exact.
            let factor = places
                .checked_sub(scale)
                .and_then(|by| exact::POWERS_OF_TEN.get(by as usize));
            match factor {
                // In 64 bits when it fits: 128-bit division is a library call.
                Some(&f) => match (i64::try_from(self.known), i64::try_from(f)) {
                    (Ok(known), Ok(f)) => sum.add_scaled(i128::from(known / f), scale),
                    _ => sum.add_scaled(self.known / f, scale),
                },
                // Never: a known term has at most `places` places.
                None => sum.add_scaled(self.known, places),
            }
        }
        sum
    }
}

/// Criterion `index`'s points for `unit` where its prepared rule does not
/// answer: scored against its scope's references, or by the general rule.
#[cold]
fn general_points(
    set: &CriteriaSet,
    references: &References,
    (index, c): (usize, &Criterion),
    prepared: &Prepared,
    unit: &UnitView<'_>,
    derived: &[Value],
) -> (CriterionPoints, Option<Reference>) {
    let places = set.precision;
    let relative = if references.applies(index) {
        references.score(index, c, unit, derived, places)
    } else {
        None
    };
    let (scored, status) = match relative {
        Some((relative, _)) => outcome(prepared.pass(), relative, places),
        None => {
            let value = lookup(unit.values, derived, c.indicator);
            let earned = earn_rounded(&c.rule, c.points, value, places);
            outcome(prepared.pass(), earned, places)
        }
    };
    (points_of(scored, status), relative.map(|(_, r)| r))
}

/// What the scorer keeps of a criterion's points.
#[inline]
fn points_of(scored: Scored, status: Status) -> CriterionPoints {
    CriterionPoints {
        points: scored.points,
        scaled: scored.scaled(),
        met: scored.met(),
        status,
    }
}

/// A criterion's points as the scorer keeps them, from what its rule made
/// of the value; `pass` is its [`super::prepared::pass_mark`], worked out once per set.
fn outcome(pass: Decimal, outcome: Outcome, precision: u32) -> (Scored, Status) {
    match outcome {
        Outcome::Points(p) => (Scored::new(p, pass, precision), Status::Scored),
        // Neither meets the pass mark, whatever it is.
        Outcome::NotApplicable => (NOTHING, Status::NotApplicable),
        Outcome::Missing => (NOTHING, Status::Missing),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Points added through the integer of known terms settle into the
        /// same total, value and scale, as adding each decimal in turn.
        #[test]
        fn points_sums_settle_as_each_term_added(
            terms in prop::collection::vec((-100_000i64..100_000, 0u32..=3, any::<bool>()), 0..12),
            places in 3u32..=4,
        ) {
            let mut sum = Sum::default();
            let mut points_sum = PointsSum::default();
            for &(m, scale, known) in &terms {
                let points = Decimal::new(m, scale);
                sum.add(points);
                let scaled = known.then(|| exact::at_scale(points, places)).flatten();
                points_sum.add(points, scaled);
            }
            let (settled, each) = (points_sum.settle(places).total(), sum.total());
            prop_assert_eq!(settled, each);
            prop_assert_eq!(settled.map(|d| d.scale()), each.map(|d| d.scale()));
        }
    }

    fn d(s: &str) -> Decimal {
        s.parse().expect("test literal")
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round(d("2.345"), 2), d("2.35"));
        assert_eq!(round(d("2.355"), 2), d("2.36"));
        assert_eq!(round(d("2.344999"), 2), d("2.34"));
        assert_eq!(round(d("-2.345"), 2), d("-2.35"));
        assert_eq!(round(d("0.5"), 0), d("1"));
        assert_eq!(round(d("1.5"), 0), d("2"));
        assert_eq!(round(d("2.5"), 0), d("3"));
    }

    /// Scores one unit of `csv` (columns ma, ten, a, b, c) on a set with
    /// one yes/no criterion on `a` and `adjustments` (TOML) on `b` and `c`.
    fn score_one(adjustments: &str, csv: &str) -> Result<UnitResult, ScoreOverflow> {
        let toml = format!(
            "format = 1\n[set]\nid = \"x\"\ntitle = \"x\"\n[columns]\nid = \"ma\"\nname = \"ten\"\n\
             [[criteria]]\nid = \"K1\"\ntitle = \"k\"\nindicator = \"a\"\npoints = 1\nrule = \"yes\"\n\
             {adjustments}\n[[ratings]]\nid = \"R\"\ntitle = \"r\"\n"
        );
        let set = crate::load::parse_criteria("x.toml", &toml).expect("the set loads");
        let options = crate::load::data::ReadOptions::default();
        let header = "ma,ten,a,b,c\n";
        let data = crate::load::data::read_data(
            &set,
            "x.csv",
            format!("{header}{csv}").as_bytes(),
            &options,
        )
        .expect("the data loads");
        let mut scorer = Scorer::new(&set);
        scorer.score(0, data.units[0].view()).cloned()
    }

    /// Every unit of `csv` scored with its full result and with its
    /// criterion points alone: the same result but for the criteria left
    /// out, and the same points.
    fn assert_points_alone_agree(set: &CriteriaSet, csv: &str) {
        let options = crate::load::data::ReadOptions::default();
        let data = crate::load::data::read_data(set, "x.csv", csv.as_bytes(), &options)
            .expect("the data loads");
        let (mut full, mut lean) = (Scorer::new(set), Scorer::new(set));
        for (i, unit) in data.units.iter().enumerate() {
            let expected = full.score(i, unit.view()).expect("scores").clone();
            lean.score_points(i, unit.view()).expect("scores");
            let (result, points) = lean.last();
            assert!(result.criteria.is_empty());
            let with_criteria = UnitResult {
                criteria: expected.criteria.clone(),
                ..result.clone()
            };
            assert_eq!(with_criteria, expected);
            let want = expected.criterion_points();
            assert_eq!(points.len(), want.len());
            for (p, w) in points.iter().zip(&want) {
                assert_eq!((p.points, p.met, p.status), (w.points, w.met, w.status));
                if let Some(m) = p.scaled {
                    assert_eq!(Decimal::new(m, set.precision), p.points);
                }
            }
        }
    }

    #[test]
    fn points_alone_agree_with_the_full_result() {
        use crate::load::shipped::repeated_example;
        for (set_id, example) in [
            ("cong-an-phuong-kieu-mau", "cua-lo-2023.csv"),
            ("cong-an-phuong-kieu-mau", "cua-lo-2024.csv"),
            ("an-toan-antt", "an-toan-2023.csv"),
            ("thi-dua-cuoi-nam", "thi-dua-2023.csv"),
            ("thi-dua-cuoi-nam", "thi-dua-2024.csv"),
            ("thi-dua-cuoi-nam-kieu-mau", "cua-lo-thi-dua-2023.csv"),
        ] {
            let (set, csv) = repeated_example(set_id, example, 2);
            assert_points_alone_agree(&set, &csv);
        }
        // Blank cells scored as missing, too.
        let (file, source) = crate::load::shipped::find("thi-dua-cuoi-nam").expect("shipped");
        let source = source.replace("missing = \"error\"", "missing = \"zero\"");
        let set = crate::load::parse_criteria(file, &source).expect("a valid set");
        let (_, csv) = repeated_example("thi-dua-cuoi-nam", "thi-dua-2023.csv", 2);
        let blanked: String = csv
            .lines()
            .enumerate()
            .map(|(i, line)| match i % 3 {
                1 if i > 0 => {
                    let mut cells: Vec<&str> = line.split(',').collect();
                    // The first criterion's figure and a penalty count.
                    for col in [3, 20] {
                        if let Some(cell) = cells.get_mut(col) {
                            *cell = "";
                        }
                    }
                    cells.join(",") + "\n"
                }
                _ => format!("{line}\n"),
            })
            .collect();
        assert_points_alone_agree(&set, &blanked);
    }

    const BONUS_B: &str = "[[adjustments]]\nid = \"T1\"\ntitle = \"t\"\nindicator = \"b\"\nkind = \"bonus\"\nper = 1\n";
    const BONUS_C: &str = "[[adjustments]]\nid = \"T2\"\ntitle = \"t\"\nindicator = \"c\"\nkind = \"bonus\"\nper = 1\n";
    const DOUBLE_B: &str = "[[adjustments]]\nid = \"T3\"\ntitle = \"t\"\nindicator = \"b\"\nkind = \"deduction\"\nper = 2\n";
    const MAX: &str = "79228162514264337593543950335";

    fn part(outcome: Result<UnitResult, ScoreOverflow>) -> Option<OverflowedPart> {
        outcome.err().map(|e| e.part)
    }

    #[test]
    fn the_largest_score_is_kept_and_one_more_point_refused() {
        // 0 points and the largest bonus: exactly the largest decimal.
        let at_edge =
            score_one(BONUS_B, &format!("U1,One,không,{MAX},0\n")).expect("representable");
        assert_eq!(at_edge.score, Decimal::MAX);
        // One point more is no number at all.
        let past = score_one(BONUS_B, &format!("U1,One,có,{MAX},0\n"));
        assert_eq!(part(past), Some(OverflowedPart::Score));
    }

    #[test]
    fn adjustments_that_leave_a_decimal_name_themselves() {
        let doubled = score_one(DOUBLE_B, &format!("U1,One,có,{MAX},0\n"));
        assert_eq!(part(doubled), Some(OverflowedPart::Adjustment("T3".into())));
        // Half the largest decimal, doubled, still fits.
        let half = "39614081257132168796771975167";
        let fits = score_one(DOUBLE_B, &format!("U1,One,có,{half},0\n")).expect("representable");
        assert_eq!(fits.deductions, Decimal::MAX - Decimal::ONE);
        assert_eq!(fits.score, Decimal::ZERO);
        let both = format!("{BONUS_B}{BONUS_C}");
        let summed = score_one(&both, &format!("U1,One,không,{MAX},1\n"));
        assert_eq!(part(summed), Some(OverflowedPart::Bonuses));
        let error = score_one(&both, &format!("U1,One,không,{MAX},1\n")).expect_err("refused");
        // Worded by the report's catalogue (report/messages/errors.rs).
        use crate::i18n::{Lang, Message};
        let (vi, en) = (error.words(Lang::Vi), error.words(Lang::En));
        assert!(
            vi.contains("đơn vị \"U1\": tổng điểm thưởng quá lớn"),
            "{vi}"
        );
        assert!(
            en.contains("unit \"U1\": the total of bonuses is too large"),
            "{en}"
        );
    }
}
