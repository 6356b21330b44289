//! A set that reads other sets' results (`[[results]]`): checking it against
//! the sets it reads, and filling those inputs from their evaluations. Pure:
//! the caller loads the files and runs the engine.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::data::MAX_PROBLEMS;
use super::messages::ResultsMessage as R;
use super::problem::{Column, Problem, Rejected, suggest};
use super::text::label_key;
use crate::model::*;

/// What a rating label reads as when no levels rule of the set lists it
/// (`check_link` lets no such set through): no level has this id.
const NO_LEVEL: u32 = u32::MAX;

/// One other set's evaluation, as `[[results]]` entry `source` reads it.
#[derive(Clone, Copy)]
pub struct SourceResult<'a> {
    pub set: &'a CriteriaSet,
    pub eval: &'a Evaluation,
    /// Its data file, as messages show it.
    pub data: &'a str,
}

/// Problems in how `set` (from `file`) reads `other` through
/// `set.results[source]`: a levels rule on the rating must be keyed by
/// the other set's rating ids, all of them.
pub fn check_link(
    set: &CriteriaSet,
    file: &str,
    source: usize,
    other: &CriteriaSet,
) -> Vec<Problem> {
    let Some(place) = set.results.get(source) else {
        return Vec::new();
    };
    let rating_keys: Vec<String> = other.ratings.iter().map(|r| label_key(&r.id)).collect();
    let ratings = other
        .ratings
        .iter()
        .map(|r| r.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let scored = set
        .criteria
        .iter()
        .map(|c| (&c.id, c.indicator, &c.rule))
        .chain(set.gates.iter().map(|g| (&g.id, g.indicator, &g.rule)));
    let mut problems = Vec::new();
    for (id, indicator, rule) in scored {
        let (IndicatorRef::Input(i), Rule::Levels(levels)) = (indicator, rule) else {
            continue;
        };
        let reads_rating = set.inputs.get(i).is_some_and(|input| {
            input.origin
                == InputOrigin::Result {
                    source,
                    field: ResultField::Rating,
                }
        });
        if !reads_rating {
            continue;
        }
        // Like a data column of labels, every rating must have its level:
        // one left out would be a rating that silently earns nothing.
        for (rating, key) in other.ratings.iter().zip(&rating_keys) {
            if levels.iter().any(|l| l.key == *key) {
                continue;
            }
            let (r, other_id, prefix) = (&rating.id, &other.id, &place.prefix);
            problems.push(
                Problem::new(
                    file,
                    R::RatingWithoutLevel {
                        id: id.to_string(),
                        prefix: prefix.clone(),
                        r: r.clone(),
                        other_id: other_id.clone(),
                        ratings: ratings.clone(),
                    },
                )
                .at_line(place.line)
                .at_column(Column::Number(place.column)),
            );
        }
        for level in levels {
            if rating_keys.contains(&level.key) {
                continue;
            }
            let (label, other_id, prefix) = (&level.label, &other.id, &place.prefix);
            problems.push(
                Problem::new(
                    file,
                    R::LevelWithoutRating {
                        id: id.to_string(),
                        prefix: prefix.clone(),
                        label: label.clone(),
                        other_id: other_id.clone(),
                        ratings: ratings.clone(),
                    },
                )
                .at_line(place.line)
                .at_column(Column::Number(place.column)),
            );
        }
    }
    problems
}

/// The level id each levels label of `set` is read as, by label key.
fn level_ids(set: &CriteriaSet) -> HashMap<&str, u32> {
    let rules = set
        .criteria
        .iter()
        .map(|c| &c.rule)
        .chain(set.gates.iter().map(|g| &g.rule));
    let mut ids = HashMap::new();
    for rule in rules {
        if let Rule::Levels(levels) = rule {
            for level in levels {
                ids.insert(level.key.as_str(), level.id);
            }
        }
    }
    ids
}

/// A unit's figure in the other set, as a value of an input of `kind`.
fn figure(
    field: ResultField,
    kind: ValueKind,
    unit: &UnitResult,
    other: &CriteriaSet,
    levels: &HashMap<&str, u32>,
) -> Value {
    let count = |n: u64| Value::Number(Decimal::from(n));
    match field {
        ResultField::Score => Value::Number(unit.score),
        ResultField::Met => count(u64::from(unit.met)),
        ResultField::Applicable => count(u64::from(unit.applicable)),
        ResultField::Rank => count(u64::from(unit.rank)),
        ResultField::GatesFailed => count(unit.gates_failed_count() as u64),
        ResultField::Rating if kind == ValueKind::YesNo => {
            // Yes: the unit reached a rating above the fallback (last) one.
            Value::YesNo(unit.rating != other.fallback_rating())
        }
        ResultField::Rating => {
            let key = label_key(&other.rating(unit.rating).id);
            Value::Label(levels.get(key.as_str()).copied().unwrap_or(NO_LEVEL))
        }
    }
}

/// Fills every input of `set` that another set's result feeds, for every
/// unit of `dataset` (read from `file`), from `sources` (indexed like
/// `set.results`). Units are matched by id, exactly as written. A unit a
/// source lacks is N/A there when every criterion that reads that source
/// allows N/A; otherwise it is a problem, and every such unit is listed.
pub fn fill_results(
    set: &CriteriaSet,
    dataset: &mut Dataset,
    file: &str,
    sources: &[SourceResult<'_>],
) -> Result<(), Rejected> {
    let levels = level_ids(set);
    let by_id: Vec<HashMap<&str, &UnitResult>> = sources
        .iter()
        .map(|s| s.eval.units.iter().map(|u| (u.id.as_str(), u)).collect())
        .collect();
    let fed: Vec<(usize, usize, ResultField)> = set
        .inputs
        .iter()
        .enumerate()
        .filter_map(|(i, input)| match input.origin {
            InputOrigin::Result { source, field } => Some((i, source, field)),
            InputOrigin::Column => None,
        })
        .collect();
    // A source may be left out only where every input it feeds accepts N/A.
    let na_allowed: Vec<bool> = (0..sources.len())
        .map(|s| {
            fed.iter()
                .filter(|(_, source, _)| *source == s)
                .all(|(i, _, _)| set.inputs[*i].accepts_na)
        })
        .collect();
    let mut rejected = Rejected {
        problems: Vec::new(),
        omitted: 0,
    };
    for unit in &mut dataset.units {
        for (s, source) in sources.iter().enumerate() {
            let found = by_id[s].get(unit.id.as_str()).copied();
            if found.is_none() && !na_allowed[s] {
                if rejected.problems.len() >= MAX_PROBLEMS {
                    rejected.omitted += 1;
                    continue;
                }
                rejected
                    .problems
                    .push(missing_unit(set, unit, file, s, source, &by_id[s]));
                continue;
            }
            for &(input, _, field) in fed.iter().filter(|(_, source, _)| *source == s) {
                let kind = set.inputs[input].kind;
                // A unit not considered there has a score but no rank and
                // no rating: N/A where allowed, else a problem.
                let standing = matches!(field, ResultField::Rank | ResultField::Rating);
                let unranked = found.is_some_and(|o| o.is_excluded() && standing);
                if unranked && !set.inputs[input].accepts_na {
                    if rejected.problems.len() >= MAX_PROBLEMS {
                        rejected.omitted += 1;
                    } else {
                        let name = set.inputs[input].column.clone();
                        rejected
                            .problems
                            .push(not_considered(unit, file, source, &name));
                    }
                    continue;
                }
                unit.values[input] = match found {
                    Some(_) if unranked => Value::NotApplicable,
                    Some(other) => figure(field, kind, other, source.set, &levels),
                    None => Value::NotApplicable,
                };
            }
        }
    }
    if rejected.total() > 0 {
        return Err(rejected);
    }
    Ok(())
}

/// The other set does not consider the unit, so `indicator` (its rank or
/// rating there) has no value.
fn not_considered(
    unit: &UnitRecord,
    file: &str,
    source: &SourceResult<'_>,
    indicator: &str,
) -> Problem {
    let (id, name, other_id, other_file) = (&unit.id, &unit.name, &source.set.id, source.data);
    Problem::new(
        file,
        R::NotConsidered {
            id: id.clone(),
            name: name.clone(),
            other_id: other_id.clone(),
            other_file: other_file.to_string(),
            indicator: indicator.to_string(),
        },
    )
}

fn missing_unit(
    set: &CriteriaSet,
    unit: &UnitRecord,
    file: &str,
    s: usize,
    source: &SourceResult<'_>,
    ids: &HashMap<&str, &UnitResult>,
) -> Problem {
    let prefix = set.results.get(s).map_or("", |r| r.prefix.as_str());
    let (id, name, other_id, other_file) = (&unit.id, &unit.name, &source.set.id, source.data);
    let same = suggest(id, ids.keys().copied()).map(str::to_string);
    Problem::new(
        file,
        R::MissingUnit {
            id: id.clone(),
            name: name.clone(),
            prefix: prefix.to_string(),
            other_id: other_id.clone(),
            other_file: other_file.to_string(),
            same,
        },
    )
}

#[cfg(test)]
mod tests;
