//! Many wards' files into one dataset: every table is bound to the set as
//! `score` would read it, then the units are put together, and every
//! conflict between them is reported at once.

use std::collections::HashMap;

use super::data::{DecimalChoice, bind_each};
use super::messages::ResultsMessage as R;
use super::problem::{Column, Problem, Rejected};
use super::table::RawTable;
use super::text::label_key;
use super::warnings::{ClusterTally, main_spelling, spelling_groups};
use crate::model::{CriteriaSet, UnitRecord};

/// One table read from a file (a CSV file, or one sheet of a workbook).
pub struct Source {
    pub file: String,
    /// The sheet's name; empty for a CSV file.
    pub sheet: String,
    pub table: RawTable,
}

/// A unit and where it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct CollectedUnit {
    pub unit: UnitRecord,
    pub file: String,
    pub sheet: String,
    pub line: usize,
}

/// How to settle the same unit id read twice with different values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Keep {
    /// Not settled: a conflict.
    #[default]
    Neither,
    First,
    Last,
}

/// What collecting found besides the units.
pub struct Collected {
    pub units: Vec<CollectedUnit>,
    /// Allowed but probably mistakes (see `load::warnings`).
    pub warnings: Vec<Problem>,
}

fn place(u: &CollectedUnit) -> String {
    if u.sheet.is_empty() {
        format!("{}:{}", u.file, u.line)
    } else {
        format!("{} [{}]:{}", u.file, u.sheet, u.line)
    }
}

fn at(u: &CollectedUnit, column: &str, message: R) -> Problem {
    let file = if u.sheet.is_empty() {
        u.file.clone()
    } else {
        format!("{} [{}]", u.file, u.sheet)
    };
    Problem::new(file, message)
        .at_line(u.line)
        .at_column(Column::Name(column.to_string()))
}

/// Binds every source and puts the units together. Problems in any file,
/// and conflicts between files (the same id with other values, one name
/// under two ids, a cluster spelled two ways), are all returned together.
pub fn collect(
    set: &CriteriaSet,
    sources: &[Source],
    decimal: DecimalChoice,
    keep: Keep,
) -> Result<Collected, Rejected> {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut read: Vec<CollectedUnit> = Vec::new();
    for source in sources {
        let mut units = Vec::new();
        let bound = bind_each(set, &source.table, decimal, &mut |i, u| {
            units.push((
                i,
                UnitRecord {
                    id: u.id.to_string(),
                    name: u.name.to_string(),
                    cluster: u.cluster.map(str::to_string),
                    values: u.values.to_vec(),
                },
            ));
        });
        match bound {
            Ok(bound) => {
                // Held rows arrive last: back in file order.
                units.sort_by_key(|(i, _)| *i);
                read.extend(units.into_iter().map(|(i, unit)| CollectedUnit {
                    unit,
                    file: source.file.clone(),
                    sheet: source.sheet.clone(),
                    line: source.table.rows.get(i).map_or(0, |r| r.line),
                }));
                // Cluster warnings are made over all files together below.
                warnings.extend(
                    bound
                        .warnings
                        .into_iter()
                        .filter(|w| !matches!(&w.column, Some(Column::Name(c)) if Some(c) == set.columns.cluster.as_ref())),
                );
            }
            Err(rejected) => problems.extend(rejected.problems),
        }
    }
    let mut per_file: HashMap<&str, usize> = HashMap::new();
    for u in &read {
        *per_file.entry(u.file.as_str()).or_default() += 1;
    }
    let per_file: HashMap<String, usize> = per_file
        .into_iter()
        .map(|(f, n)| (f.to_string(), n))
        .collect();
    // Conflicts between each pair of files, in the order first met.
    let mut between: Vec<((String, String), usize)> = Vec::new();
    let mut units: Vec<CollectedUnit> = Vec::with_capacity(read.len());
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for u in read {
        if let Some(&k) = by_id.get(&u.unit.id) {
            let first = &units[k];
            if first.unit == u.unit {
                continue;
            }
            match keep {
                Keep::First => continue,
                Keep::Last => {
                    units[k] = u;
                    continue;
                }
                Keep::Neither => {
                    let pair = (first.file.clone(), u.file.clone());
                    match between.iter_mut().find(|(p, _)| *p == pair) {
                        Some((_, n)) => *n += 1,
                        None => between.push((pair, 1)),
                    }
                    let (id, there) = (&u.unit.id, place(first));
                    let differ = differing_columns(set, &first.unit, &u.unit);
                    problems.push(at(
                        &u,
                        &set.columns.id,
                        R::SameIdOtherValues {
                            id: id.clone(),
                            there,
                            differ,
                        },
                    ));
                    continue;
                }
            }
        }
        by_id.insert(u.unit.id.clone(), units.len());
        units.push(u);
    }
    // Most of one file's units again in another, with other values: two
    // periods, said once before their conflicts.
    for ((first, second), n) in between {
        let smaller = per_file.get(&first).min(per_file.get(&second)).copied();
        if first != second && n >= 2 && smaller.is_some_and(|s| n * 2 >= s) {
            let message = R::TwoPeriods {
                first: first.clone(),
                second: second.clone(),
                units: n,
            };
            problems.insert(0, Problem::new(&second, message));
        }
    }
    // Names are compared once each id has its record (`--keep last` may
    // have replaced one, with its name): among the units kept.
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (k, u) in units.iter().enumerate() {
        let name_key = label_key(&u.unit.name);
        if let Some(&first) = by_name.get(&name_key) {
            let first = &units[first];
            let (name, other, there) = (&u.unit.name, &first.unit.id, place(first));
            problems.push(at(
                u,
                &set.columns.name,
                R::SameNameOtherId {
                    name: name.clone(),
                    other: other.clone(),
                    there,
                },
            ));
        } else {
            by_name.insert(name_key, k);
        }
    }
    if let Some(column) = &set.columns.cluster {
        problems.extend(cluster_conflicts(column, &units));
    }
    if problems.is_empty() {
        Ok(Collected { units, warnings })
    } else {
        Err(Rejected::from(problems))
    }
}

/// The columns where two records of one unit differ, for the message.
fn differing_columns(set: &CriteriaSet, a: &UnitRecord, b: &UnitRecord) -> String {
    let mut names: Vec<&str> = Vec::new();
    if a.name != b.name {
        names.push(&set.columns.name);
    }
    if a.cluster != b.cluster {
        names.extend(set.columns.cluster.as_deref());
    }
    names.extend(
        set.inputs
            .iter()
            .zip(a.values.iter().zip(&b.values))
            .filter(|(_, (x, y))| x != y)
            .map(|(input, _)| input.column.as_str()),
    );
    names.join(", ")
}

/// Clusters spelled more than one way across all the files: a conflict,
/// since each spelling would be ranked as a cluster of its own.
fn cluster_conflicts(column: &str, units: &[CollectedUnit]) -> Vec<Problem> {
    let mut tallies: Vec<ClusterTally> = Vec::new();
    let mut first: Vec<&CollectedUnit> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for u in units {
        let Some(cluster) = u.unit.cluster.as_deref() else {
            continue;
        };
        match index.get(cluster) {
            Some(&k) => tallies[k].units += 1,
            None => {
                index.insert(cluster, tallies.len());
                tallies.push(ClusterTally {
                    spelling: cluster.to_string(),
                    units: 1,
                    first_line: u.line,
                });
                first.push(u);
            }
        }
    }
    let mut out = Vec::new();
    for group in spelling_groups(&tallies) {
        let main = main_spelling(&tallies, &group);
        let (name, n, there) = (
            &tallies[main].spelling,
            tallies[main].units,
            place(first[main]),
        );
        for &k in group.iter().filter(|&&k| k != main) {
            let message = R::ClusterSpellingAcrossFiles {
                name: name.clone(),
                n,
                there: there.clone(),
            };

            out.push(at(first[k], column, message).with_value(tallies[k].spelling.clone()));
        }
    }
    out
}
