//! What-if overrides (`--set KEY=VALUE`): change a point value, a threshold
//! or a cap of a loaded criteria set, checked like the criteria file.
//!
//! Keys: `ID.FIELD` for a criterion (`points`, `pass`, `min`, `max`, `zero`,
//! `full`), a gate (`min`, `max`, `zero`, `full`), a rating (`min_score`,
//! `min_met`, `quota`) or an adjustment (`per`, `cap`); and the set-wide
//! `bonus_cap`, `deduction_cap`.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::checks;
use super::problem::{Problem, Rejected, did_you_mean};
use crate::i18n::Text;
use crate::model::{CriteriaSet, PassMark, Rule};
use crate::text;

const CRITERION_FIELDS: &[&str] = &["points", "pass", "min", "max", "zero", "full"];
const GATE_FIELDS: &[&str] = &["min", "max", "zero", "full"];
const RATING_FIELDS: &[&str] = &["min_score", "min_met", "quota"];
const ADJUSTMENT_FIELDS: &[&str] = &["per", "cap"];
const SET_FIELDS: &[&str] = &["bonus_cap", "deduction_cap"];

/// Where `--set` problems are reported.
const SOURCE: &str = "--set";

/// Applies every override in order; all problems are reported together.
pub fn apply_overrides(set: &CriteriaSet, overrides: &[String]) -> Result<CriteriaSet, Rejected> {
    let mut out = set.clone();
    let mut problems = Vec::new();
    for raw in overrides {
        if let Err(message) = apply_one(&mut out, raw) {
            problems.push(Problem::new(SOURCE, message).with_value(raw.as_str()));
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems.into())
    }
}

fn apply_one(set: &mut CriteriaSet, raw: &str) -> Result<(), Text> {
    let Some((key, value)) = raw.split_once('=') else {
        return Err(Text::new(
            "cần dạng KHÓA=GIÁ_TRỊ, ví dụ A1.points=5 hoặc HTXS.min_score=85",
            "expected KEY=VALUE, e.g. A1.points=5 or HTXS.min_score=85",
        ));
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
        let rule = &mut set.gates[i].rule;
        return rule_field(rule, field, number, GATE_FIELDS);
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
    let (hv, he) = (&hint.vi, &hint.en);
    Err(text!(
        vi: "không có tiêu chí, tiêu chí loại trừ, xếp loại hay khoản điểm thưởng/trừ nào có mã \"{id}\".{hv}",
        en: "no criterion, gate, rating or adjustment has the id \"{id}\".{he}"
    ))
}

fn parse_value(value: &str) -> Result<Decimal, Text> {
    let parsed = if let Some(pct) = value.strip_suffix('%') {
        Decimal::from_str(pct.trim())
            .ok()
            .map(|d| d / Decimal::ONE_HUNDRED)
    } else {
        Decimal::from_str(value).ok()
    };
    parsed
        .filter(|d| d.abs() <= Decimal::from(super::criteria::MAX_MAGNITUDE))
        .ok_or_else(|| {
            Text::new(
                "giá trị phải là một số, ví dụ 85 hoặc 0.2",
                "the value must be a number, e.g. 85 or 0.2",
            )
        })
}

fn unknown_field(field: &str, allowed: &[&str]) -> Text {
    let hint = did_you_mean(field, allowed.iter().copied());
    let list = allowed.join(", ");
    let (hv, he) = (&hint.vi, &hint.en);
    text!(
        vi: "không đổi được \"{field}\" ở đây; dùng một trong: {list}.{hv}",
        en: "\"{field}\" cannot be set here; use one of: {list}.{he}"
    )
}

fn set_field(set: &mut CriteriaSet, field: &str, value: Decimal) -> Result<(), Text> {
    checks::not_negative(field, value)?;
    match field {
        "bonus_cap" => set.bonus_cap = Some(value),
        "deduction_cap" => set.deduction_cap = Some(value),
        other => {
            let hint = did_you_mean(other, SET_FIELDS.iter().copied());
            let (hv, he) = (&hint.vi, &hint.en);
            return Err(text!(
                vi: "khóa \"{other}\" không có; dùng MÃ.TRƯỜNG (ví dụ A1.points) hoặc bonus_cap, deduction_cap.{hv}",
                en: "unknown key \"{other}\"; use ID.FIELD (e.g. A1.points) or bonus_cap, deduction_cap.{he}"
            ));
        }
    }
    Ok(())
}

fn criterion_field(
    set: &mut CriteriaSet,
    i: usize,
    field: &str,
    value: Decimal,
) -> Result<(), Text> {
    let c = &mut set.criteria[i];
    match field {
        "points" => {
            checks::positive("points", value)?;
            let best = match &c.rule {
                Rule::Steps(steps) => steps.iter().map(|s| s.points).max(),
                Rule::Levels(levels) => levels.iter().map(|l| l.points).max(),
                _ => None,
            };
            if let Some(best) = best.filter(|b| *b > value) {
                return Err(text!(
                    vi: "một bậc/mức của tiêu chí cho {best} điểm, vượt {value}",
                    en: "a step or level of this criterion gives {best} points, more than {value}"
                ));
            }
            // A pass mark written as all the points keeps meaning that; one
            // above the new points could never be met.
            if let PassMark::Points(pass) = c.pass
                && (pass == c.points || pass > value)
            {
                c.pass = PassMark::AllPoints;
            }
            c.points = value;
            Ok(())
        }
        "pass" => {
            checks::pass_within(value, c.points)?;
            c.pass = PassMark::Points(value);
            Ok(())
        }
        _ => rule_field(&mut c.rule, field, value, CRITERION_FIELDS),
    }
}

fn rule_field(rule: &mut Rule, field: &str, value: Decimal, allowed: &[&str]) -> Result<(), Text> {
    match (rule, field) {
        (Rule::AtLeast(min), "min") => *min = value,
        (Rule::AtMost(max), "max") => *max = value,
        (Rule::Linear { zero, full }, "zero" | "full") => {
            let (new_zero, new_full) = if field == "zero" {
                (value, *full)
            } else {
                (*zero, value)
            };
            checks::ends_differ(new_zero, new_full)?;
            (*zero, *full) = (new_zero, new_full);
        }
        (rule, field) if allowed.contains(&field) => {
            let kind = rule.keyword();
            return Err(text!(
                vi: "quy tắc \"{kind}\" không có \"{field}\"",
                en: "rule \"{kind}\" has no \"{field}\""
            ));
        }
        (_, field) => return Err(unknown_field(field, allowed)),
    }
    Ok(())
}

fn rating_field(set: &mut CriteriaSet, i: usize, field: &str, value: Decimal) -> Result<(), Text> {
    let last = i + 1 == set.ratings.len();
    if last {
        return Err(Text::new(
            "xếp loại cuối cùng là loại còn lại, không có điều kiện để đổi",
            "the last rating is the fallback and has no conditions to change",
        ));
    }
    let criteria_count = set.criteria.len();
    let r = &mut set.ratings[i];
    match field {
        "min_score" => r.min_score = Some(value),
        "min_met" => {
            let v = value.normalize();
            match u32::try_from(v.mantissa()) {
                Ok(m) if v.scale() == 0 && (m as usize) <= criteria_count => r.min_met = Some(m),
                _ => {
                    return Err(text!(
                        vi: "\"min_met\" phải là số nguyên từ 0 đến {criteria_count}",
                        en: "\"min_met\" must be a whole number from 0 to {criteria_count}"
                    ));
                }
            }
        }
        "quota" => {
            checks::quota_share(value)?;
            match &mut r.quota {
                Some(q) => q.share = value,
                None => {
                    r.quota = Some(crate::model::Quota {
                        share: value,
                        of: None,
                        scope: crate::model::QuotaScope::All,
                    })
                }
            }
        }
        other => return Err(unknown_field(other, RATING_FIELDS)),
    }
    Ok(())
}

fn adjustment_field(
    set: &mut CriteriaSet,
    i: usize,
    field: &str,
    value: Decimal,
) -> Result<(), Text> {
    let a = &mut set.adjustments[i];
    match field {
        "per" => {
            checks::positive("per", value)?;
            a.per = value;
        }
        "cap" => {
            checks::not_negative("cap", value)?;
            a.cap = Some(value);
        }
        other => return Err(unknown_field(other, ADJUSTMENT_FIELDS)),
    }
    Ok(())
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

    /// A value refused on the command line is refused in the same words
    /// as in a criteria file: one check, one message.
    #[test]
    fn the_file_and_the_command_line_refuse_in_the_same_words() {
        let file = |criterion: &str, quota: &str| {
            let toml = format!(
                "format = 1\n[set]\nid = \"x\"\ntitle = \"x\"\n[columns]\nid = \"ma\"\nname = \"ten\"\n\
                 [[criteria]]\nid = \"A1\"\ntitle = \"a\"\nindicator = \"a\"\n{criterion}\n\
                 [[ratings]]\nid = \"R\"\ntitle = \"r\"\nmin_score = 1\n{quota}\n[[ratings]]\nid = \"S\"\ntitle = \"s\"\n"
            );
            let rejected = crate::load::parse_criteria("x.toml", &toml).expect_err("refused");
            rejected.problems[0].message.clone()
        };
        let command_line = |key: &str| {
            let (file, text) = shipped::find("thi-dua-cuoi-nam").unwrap();
            let mut set = crate::load::parse_criteria(file, text).unwrap();
            set.criteria[0].id = "A1".into();
            set.criteria[0].rule = Rule::Linear {
                zero: d("50"),
                full: d("100"),
            };
            set.criteria[0].points = d("4");
            set.ratings[0].id = "R".into();
            let rejected = apply_overrides(&set, &[key.to_string()]).expect_err("refused");
            rejected.problems[0].message.clone()
        };
        let linear = "points = 4\nrule = \"linear\"\nzero = 50\nfull = ";
        assert_eq!(file(&format!("{linear}50"), ""), command_line("A1.full=50"),);
        assert_eq!(
            file(&format!("{linear}100\npass = 5"), ""),
            command_line("A1.pass=5"),
        );
        assert_eq!(
            file(&format!("{linear}100"), "quota = 1.5"),
            command_line("R.quota=1.5"),
        );
        assert_eq!(
            file("points = 0\nrule = \"yes\"", ""),
            command_line("A1.points=0"),
        );
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
        let messages: Vec<&str> = err.problems.iter().map(|p| p.message.en.as_str()).collect();
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
