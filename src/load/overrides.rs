//! What-if overrides (`--set KEY=VALUE`): change a point value, a threshold
//! or a cap of a loaded criteria set. The changed set goes through the
//! criteria file's own checker (`criteria::check`), so a value is refused in
//! the same words on the command line as in the file; each refusal points at
//! the argument that made it.
//!
//! Keys: `ID.FIELD` for a criterion (`points`, `pass`, `min`, `max`, `zero`,
//! `full`), a gate (`min`, `max`, `zero`, `full`), a rating (`min_score`,
//! `min_met`, `quota`) or an adjustment (`per`, `cap`); and the set-wide
//! `bonus_cap`, `deduction_cap`.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::criteria::check::{Item, Place, check};
use super::messages::CheckMessage as M;
use super::problem::{Problem, Rejected, did_you_mean};
use crate::model::{CriteriaSet, PassMark, Rule};

const CRITERION_FIELDS: &[&str] = &["points", "pass", "min", "max", "zero", "full"];
const GATE_FIELDS: &[&str] = &["min", "max", "zero", "full"];
const RATING_FIELDS: &[&str] = &["min_score", "min_met", "quota"];
const ADJUSTMENT_FIELDS: &[&str] = &["per", "cap"];
const SET_FIELDS: &[&str] = &["bonus_cap", "deduction_cap"];

/// Where `--set` problems are reported.
const SOURCE: &str = "--set";

/// Applies every override in order, then checks the changed set as a whole
/// (so `A1.zero=100 A1.full=200` may pass through `zero = full` on the way);
/// all problems are reported together, in the order of the arguments.
pub fn apply_overrides(set: &CriteriaSet, overrides: &[String]) -> Result<CriteriaSet, Rejected> {
    let mut out = set.clone();
    let mut problems: Vec<(usize, Problem)> = Vec::new();
    let mut changed: Vec<(Place, usize)> = Vec::new();
    for (n, raw) in overrides.iter().enumerate() {
        match apply_one(&mut out, raw) {
            Ok(place) => changed.push((place, n)),
            Err(message) => {
                problems.push((n, Problem::new(SOURCE, message).with_value(raw.as_str())));
            }
        }
    }
    for finding in check(&out) {
        let problem = Problem::new(SOURCE, finding.message);
        match blame(&changed, finding.at) {
            Some(n) => problems.push((n, problem.with_value(overrides[n].as_str()))),
            None => problems.push((overrides.len(), problem)),
        }
    }
    if problems.is_empty() {
        return Ok(out);
    }
    problems.sort_by_key(|(n, _)| *n);
    Err(problems
        .into_iter()
        .map(|(_, p)| p)
        .collect::<Vec<_>>()
        .into())
}

/// The argument a finding comes from: the last one that set the key found
/// wrong, else the last one that changed the item (a new `points` makes a
/// step too high, a new `zero` meets `full`).
fn blame(changed: &[(Place, usize)], at: Place) -> Option<usize> {
    let on_item = || changed.iter().rev().filter(|(p, _)| p.item == at.item);
    on_item()
        .find(|(p, _)| p.key == at.key)
        .or_else(|| on_item().next())
        .map(|(_, n)| *n)
}

fn place(item: Item, key: &'static str) -> Place {
    Place {
        item,
        key: Some(key),
        part: None,
    }
}

/// The listed field named `field` (so a place holds a key that lives as
/// long as the program), or why it cannot be set.
fn known(field: &str, allowed: &[&'static str]) -> Result<&'static str, M> {
    allowed
        .iter()
        .copied()
        .find(|f| *f == field)
        .ok_or_else(|| unknown_field(field, allowed))
}

fn apply_one(set: &mut CriteriaSet, raw: &str) -> Result<Place, M> {
    let Some((key, value)) = raw.split_once('=') else {
        return Err(M::OverrideShape);
    };
    let (key, value) = (key.trim(), value.trim());
    let number = parse_value(value)?;
    let Some((id, field)) = key.rsplit_once('.') else {
        return set_field(set, key, number);
    };
    if let Some(i) = set.criteria.iter().position(|c| c.id == id) {
        return criterion_field(set, i, field, number);
    }
    if let Some(i) = set.gates.iter().position(|g| g.id == id) {
        let field = known(field, GATE_FIELDS)?;
        rule_field(&mut set.gates[i].rule, field, number)?;
        return Ok(place(Item::Gate(i), field));
    }
    if let Some(i) = set.ratings.iter().position(|r| r.id == id) {
        return rating_field(set, i, field, number);
    }
    if let Some(i) = set.adjustments.iter().position(|a| a.id == id) {
        return adjustment_field(set, i, field, number);
    }
    let known: Vec<&str> = set
        .criteria
        .iter()
        .map(|c| c.id.as_str())
        .chain(set.gates.iter().map(|g| g.id.as_str()))
        .chain(set.ratings.iter().map(|r| r.id.as_str()))
        .chain(set.adjustments.iter().map(|a| a.id.as_str()))
        .collect();
    let hint = did_you_mean(id, known);
    Err(M::OverrideNoSuchId {
        id: id.to_string(),
        hint,
    })
}

fn parse_value(value: &str) -> Result<Decimal, M> {
    let parsed = if let Some(pct) = value.strip_suffix('%') {
        Decimal::from_str(pct.trim())
            .ok()
            .map(|d| d / Decimal::ONE_HUNDRED)
    } else {
        Decimal::from_str(value).ok()
    };
    parsed
        .filter(|d| d.abs() <= Decimal::from(super::criteria::MAX_MAGNITUDE))
        .ok_or(M::OverrideNotANumber)
}

fn unknown_field(field: &str, allowed: &[&str]) -> M {
    let hint = did_you_mean(field, allowed.iter().copied());
    let list = allowed.join(", ");
    M::OverrideFieldHere {
        field: field.to_string(),
        list,
        hint,
    }
}

fn set_field(set: &mut CriteriaSet, field: &str, value: Decimal) -> Result<Place, M> {
    let Some(key) = SET_FIELDS.iter().copied().find(|f| *f == field) else {
        let hint = did_you_mean(field, SET_FIELDS.iter().copied());
        return Err(M::OverrideUnknownKey {
            field: field.to_string(),
            hint,
        });
    };
    if key == "bonus_cap" {
        set.bonus_cap = Some(value);
    } else {
        set.deduction_cap = Some(value);
    }
    Ok(place(Item::Set, key))
}

fn criterion_field(
    set: &mut CriteriaSet,
    i: usize,
    field: &str,
    value: Decimal,
) -> Result<Place, M> {
    let field = known(field, CRITERION_FIELDS)?;
    let c = &mut set.criteria[i];
    match field {
        "points" => {
            // A pass mark written as all the points keeps meaning that; one
            // above the new points could never be met.
            if let PassMark::Points(pass) = c.pass
                && (pass == c.points || pass > value)
            {
                c.pass = PassMark::AllPoints;
            }
            c.points = value;
        }
        "pass" => c.pass = PassMark::Points(value),
        _ => rule_field(&mut c.rule, field, value)?,
    }
    Ok(place(Item::Criterion(i), field))
}

fn rule_field(rule: &mut Rule, field: &str, value: Decimal) -> Result<(), M> {
    match (rule, field) {
        (Rule::AtLeast(min), "min") => *min = value,
        (Rule::AtMost(max), "max") => *max = value,
        (Rule::Linear { zero, .. }, "zero") => *zero = value,
        (Rule::Linear { full, .. }, "full") => *full = value,
        (rule, field) => {
            let kind = rule.keyword();
            return Err(M::OverrideRuleField {
                kind: kind.to_string(),
                field: field.to_string(),
            });
        }
    }
    Ok(())
}

fn rating_field(set: &mut CriteriaSet, i: usize, field: &str, value: Decimal) -> Result<Place, M> {
    let field = known(field, RATING_FIELDS)?;
    let criteria_count = set.criteria.len();
    let r = &mut set.ratings[i];
    match field {
        "min_score" => r.min_score = Some(value),
        "min_met" => {
            let v = value.normalize();
            match u32::try_from(v.mantissa()) {
                Ok(m) if v.scale() == 0 => r.min_met = Some(m),
                _ => {
                    return Err(M::OverrideMinMet { criteria_count });
                }
            }
        }
        _ => match &mut r.quota {
            Some(q) => q.share = value,
            None => {
                r.quota = Some(crate::model::Quota {
                    share: value,
                    of: None,
                    scope: crate::model::QuotaScope::All,
                })
            }
        },
    }
    Ok(place(Item::Rating(i), field))
}

fn adjustment_field(
    set: &mut CriteriaSet,
    i: usize,
    field: &str,
    value: Decimal,
) -> Result<Place, M> {
    let field = known(field, ADJUSTMENT_FIELDS)?;
    let a = &mut set.adjustments[i];
    if field == "per" {
        a.per = value;
    } else {
        a.cap = Some(value);
    }
    Ok(place(Item::Adjustment(i), field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::shipped;

    fn thi_dua() -> CriteriaSet {
        let (file, text) = shipped::find("thi-dua-cuoi-nam").unwrap();
        crate::load::parse_criteria(file, text).unwrap()
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn set(overrides: &[&str]) -> Result<CriteriaSet, Rejected> {
        let list: Vec<String> = overrides.iter().map(|s| s.to_string()).collect();
        apply_overrides(&thi_dua(), &list)
    }

    #[test]
    fn every_documented_key_applies() {
        let s = set(&[
            "A1.points=10",
            "A1.zero=40",
            "A1.full=90",
            "C3.min=97",
            "HTXS.min_score=85",
            "HTXS.quota=25%",
            "HTT.min_met=3",
            "TH1.per=3",
            "TH1.cap=6",
            "bonus_cap=7",
            "deduction_cap=8",
        ])
        .unwrap();
        let c = |id: &str| s.criteria.iter().find(|c| c.id == id).unwrap().clone();
        assert_eq!(c("A1").points, d("10"));
        assert_eq!(
            c("A1").rule,
            Rule::Linear {
                zero: d("40"),
                full: d("90")
            }
        );
        assert_eq!(c("C3").rule, Rule::AtLeast(d("97")));
        let r = |id: &str| s.ratings.iter().find(|r| r.id == id).unwrap().clone();
        assert_eq!(r("HTXS").min_score, Some(d("85")));
        assert_eq!(r("HTXS").quota.unwrap().share, d("0.25"));
        assert_eq!(r("HTT").min_met, Some(3));
        let a = s.adjustments.iter().find(|a| a.id == "TH1").unwrap();
        assert_eq!((a.per, a.cap), (d("3"), Some(d("6"))));
        assert_eq!((s.bonus_cap, s.deduction_cap), (Some(d("7")), Some(d("8"))));
    }

    #[test]
    fn pass_follows_points_when_it_meant_all_of_them() {
        let original = thi_dua();
        let c3 = original.criteria.iter().find(|c| c.id == "C3").unwrap();
        assert_eq!(c3.pass_points(), c3.points);
        let s = set(&["C3.points=6"]).unwrap();
        let c3 = s.criteria.iter().find(|c| c.id == "C3").unwrap();
        assert_eq!((c3.points, c3.pass_points()), (d("6"), d("6")));
    }

    #[test]
    fn mistakes_are_reported_with_suggestions_all_at_once() {
        let err = set(&[
            "A1.pionts=3",
            "HTSX.min_score=80",
            "A1.points=abc",
            "nonsense",
            "bonus_cpa=1",
        ])
        .unwrap_err();
        let messages: Vec<String> = err.problems.iter().map(|p| p.message.en()).collect();
        assert_eq!(messages.len(), 5, "{messages:?}");
        assert!(messages[0].contains("Did you mean \"points\"?"));
        assert!(messages[1].contains("Did you mean \"HTXS\"?"));
        assert!(messages[2].contains("must be a number"));
        assert!(messages[3].contains("KEY=VALUE"));
        assert!(messages[4].contains("Did you mean \"bonus_cap\"?"));
        assert_eq!(err.problems[0].file, "--set");
        assert_eq!(err.problems[0].value.as_deref(), Some("A1.pionts=3"));
    }

    #[test]
    fn a_refusal_points_at_the_argument_that_made_it_in_argument_order() {
        let err = set(&[
            "bonus_cap=1",
            "A1.points=abc",
            "C3.points=0",
            "HTXS.quota=2",
        ])
        .unwrap_err();
        let values: Vec<&str> = err
            .problems
            .iter()
            .map(|p| p.value.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(values, ["A1.points=abc", "C3.points=0", "HTXS.quota=2"]);
    }

    #[test]
    fn the_changed_set_is_checked_as_a_whole() {
        // Passing through zero = full on the way is fine; ending there is not.
        let s = set(&["A1.zero=100", "A1.full=200"]).unwrap();
        let a1 = s.criteria.iter().find(|c| c.id == "A1").unwrap();
        assert_eq!(
            a1.rule,
            Rule::Linear {
                zero: d("100"),
                full: d("200")
            }
        );
        // The file points at `full` for equal ends; so does the command line.
        let err = set(&["A1.zero=40", "A1.full=40"]).unwrap_err();
        assert_eq!(err.problems.len(), 1);
        assert_eq!(err.problems[0].value.as_deref(), Some("A1.full=40"));
        // Without a `full` argument, the one that changed the criterion.
        let err = set(&["A1.points=9", "A1.zero=100"]).unwrap_err();
        assert_eq!(err.problems[0].value.as_deref(), Some("A1.zero=100"));
    }

    #[test]
    fn values_are_checked_like_the_criteria_file() {
        assert!(set(&["A1.points=0"]).is_err());
        assert!(set(&["A1.pass=100"]).is_err());
        assert!(set(&["A1.zero=100"]).is_err(), "zero = full");
        assert!(set(&["HTXS.quota=1.5"]).is_err());
        assert!(set(&["HTT.min_met=2.5"]).is_err());
        assert!(
            set(&["KHT.min_score=10"]).is_err(),
            "the fallback has no conditions"
        );
        assert!(set(&["C3.zero=1"]).is_err(), "C3 is at_least, not linear");
        assert!(set(&["bonus_cap=-1"]).is_err());
    }
}
