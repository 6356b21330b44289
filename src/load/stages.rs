//! Review stages (tự chấm → thẩm định → phúc tra) merged into one dataset.
//!
//! The rule (practice.md §4): for every unit and every column, the value
//! used is the one from the latest stage whose cell is not blank; a later
//! stage need only fill the cells it changes; a unit must appear in the
//! first stage. The stages are merged as tables of text, in the first
//! stage's row order, and the merged table is bound once, so every cell
//! is checked exactly as a single file's would be; a problem in a cell a
//! later stage wrote is reported against that stage's file, row and
//! column. The data as it stood after each earlier stage is bound too,
//! so the engine can score it and say what points a later stage moved.

use std::collections::HashMap;

use super::data::{DecimalChoice, bind, bind_each, column_letters};
use super::messages::ResultsMessage as R;
use super::problem::{Column, Problem, ProblemMessage, Rejected};
use super::table::{FormulaCell, NumberBehind, RawRow, RawTable};
use super::text::{DecimalStyle, normalize};
use crate::model::{
    CellStages, CriteriaSet, Dataset, StageEntry, StageSource, Staging, UnitStages,
};

/// One stage's file, read as text.
#[derive(Debug, Clone)]
pub struct StageTable {
    /// `Thẩm định`.
    pub label: String,
    /// The file as the user named it.
    pub data_file: String,
    pub sha256: String,
    /// Its `file` names the stage too (`b.xlsx (Thẩm định)`), as every
    /// problem found in it should.
    pub table: RawTable,
}

/// How a stage's file is named in problems.
pub fn stage_file_name(file: &str, label: &str) -> String {
    format!("{file} ({label})")
}

/// What one stage wrote in one merged cell, and where.
#[derive(Debug, Clone)]
struct Written {
    stage: usize,
    text: String,
    typed: bool,
    /// The number behind a text shown around it (see
    /// [`RawTable::numbers_behind`]).
    number: Option<String>,
    /// Row (line) and 0-based column in that stage's table.
    line: usize,
    column: usize,
}

/// What merging the stages gives: the data used, where each value came
/// from, and the warnings about the merged data (see `load::warnings`).
pub struct Merged {
    pub dataset: Dataset,
    pub staging: Staging,
    pub warnings: Vec<Problem>,
}

/// Merges the stages (earliest first) and binds the result to `set`.
/// Every problem, in any stage, is returned at once.
pub fn merge(
    set: &CriteriaSet,
    stages: &[StageTable],
    decimal: DecimalChoice,
) -> Result<Merged, Rejected> {
    let Some(first) = stages.first() else {
        return Ok(Merged {
            dataset: Dataset::default(),
            staging: Staging::default(),
            warnings: Vec::new(),
        });
    };
    let mut problems = Vec::new();
    let id_column = &set.columns.id;
    // Each stage's numbers shown with text around them, by (line, column):
    // merged with their cells, read as a single file's are.
    let behind: Vec<HashMap<(usize, usize), String>> = (stages.iter())
        .map(|s| {
            super::data::sheet::numbers_behind(&s.table)
                .into_iter()
                .collect()
        })
        .collect();
    // Each stage's columns by name (the first of a repeated name: the
    // binder reports repeats in the first stage).
    let positions: Vec<HashMap<&str, usize>> = stages
        .iter()
        .map(|s| {
            let mut at = HashMap::new();
            for (i, h) in s.table.header.iter().enumerate() {
                if !h.is_empty() {
                    at.entry(h.as_str()).or_insert(i);
                }
            }
            at
        })
        .collect();
    // The merged header: the first stage's, then columns only later
    // stages have, in the order they first appear.
    let mut header = first.table.header.clone();
    for stage in &stages[1..] {
        for h in &stage.table.header {
            if !h.is_empty() && !header.contains(h) {
                header.push(h.clone());
            }
        }
    }
    let merged_of: Vec<Vec<Option<usize>>> = positions
        .iter()
        .map(|at| header.iter().map(|h| at.get(h.as_str()).copied()).collect())
        .collect();
    let first_id = positions[0].get(id_column.as_str()).copied();
    // Each stage's file is typed by its own office: one may write decimal
    // commas (Excel in Vietnamese) and another points. Where they differ
    // and no `--decimal` was given, the comma stages' numbers are merged
    // in points.
    let styles: Vec<Option<DecimalStyle>> =
        stages.iter().map(|s| decimal_style(&s.table)).collect();
    let mixed =
        styles.contains(&Some(DecimalStyle::Comma)) && styles.contains(&Some(DecimalStyle::Point));
    let comma_to_point: Vec<bool> = styles
        .iter()
        .map(|s| mixed && decimal == DecimalChoice::Detect && *s == Some(DecimalStyle::Comma))
        .collect();
    let mut row_of: HashMap<String, usize> = HashMap::new();
    // Each later stage's line for a unit, by the unit's row in the first.
    let mut stage_lines: Vec<HashMap<usize, usize>> = vec![HashMap::new(); stages.len()];
    let mut written: Vec<Vec<Vec<Written>>> = Vec::with_capacity(first.table.rows.len());
    for (r, row) in first.table.rows.iter().enumerate() {
        if let Some(c) = first_id {
            let id = normalize(cell(row, c));
            if !id.is_empty() {
                row_of.entry(id).or_insert(r);
            }
        }
        written.push(
            merged_of[0]
                .iter()
                .map(|at| {
                    at.and_then(|c| write(0, row, c, comma_to_point[0], &behind[0]))
                        .into_iter()
                        .collect()
                })
                .collect(),
        );
    }
    // The first stage's values hidden by their format, at its own cells.
    problems.extend(super::data::sheet::hidden_by_format(
        set,
        &first.table,
        &|_| false,
    ));
    for (s, stage) in stages.iter().enumerate().skip(1) {
        let Some(id_col) = positions[s].get(id_column.as_str()).copied() else {
            let label = &stage.label;
            problems.push(
                Problem::new(
                    &stage.table.file,
                    R::StageWithoutIdColumn {
                        id_column: id_column.clone(),
                        label: label.clone(),
                    },
                )
                .at_line(stage.table.header_line),
            );
            continue;
        };
        problems.extend(stage.table.problems.iter().cloned());
        problems.extend(super::data::sheet::what_a_person_does_not_see(
            set,
            &stage.table,
            &|_| false,
        ));
        problems.extend(header_problems(set, stage));
        let mut seen: HashMap<String, usize> = HashMap::new();
        for row in &stage.table.rows {
            let id = normalize(cell(row, id_col));
            let at = |message: R| {
                let mut p = Problem::new(&stage.table.file, message)
                    .at_line(row.line)
                    .at_column(column_ref(&stage.table, id_col, row.line));
                if !id.is_empty() {
                    p = p.with_value(id.as_str());
                }
                p
            };
            if id.is_empty() {
                if row.cells.iter().any(|c| !c.trim().is_empty()) {
                    problems.push(at(R::StageRowWithoutId));
                }
                continue;
            }
            if let Some(first_line) = seen.insert(id.clone(), row.line) {
                problems.push(at(R::StageDuplicateId { first_line }));
                continue;
            }
            let Some(&r) = row_of.get(&id) else {
                let (label, first_label, first_file) =
                    (&stage.label, &first.label, &first.data_file);
                problems.push(at(R::NotInFirstStage {
                    label: label.clone(),
                    first_label: first_label.clone(),
                    first_file: first_file.clone(),
                }));
                continue;
            };
            stage_lines[s].insert(r, row.line);
            for (c, at) in merged_of[s].iter().enumerate() {
                if let Some(w) = at
                    .filter(|&k| k != id_col)
                    .and_then(|k| write(s, row, k, comma_to_point[s], &behind[s]))
                {
                    written[r][c].push(w);
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(Rejected::from(problems));
    }
    let last = stages.len() - 1;
    let first_column = first.table.first_column.unwrap_or(0);
    let line_row: HashMap<usize, usize> = (first.table.rows.iter().enumerate())
        .map(|(r, row)| (row.line, r))
        .collect();
    // A first-stage formula never calculated under a value a later stage
    // wrote: the merged cell reads the later value, checked as any other,
    // and the formula is named at the first stage's own cell (its file is
    // misread there, and so would be what the later stage changed).
    let later_wrote = |line: usize, c: usize| {
        (line_row.get(&line))
            .and_then(|&r| written.get(r)?.get(c)?.last())
            .is_some_and(|w| w.stage > 0)
    };
    let under_later =
        super::data::sheet::formulas_never_calculated_at(set, &first.table, &later_wrote);
    let formulas: Vec<FormulaCell> = (first.table.formulas.iter())
        .filter(|f| {
            let at = super::data::sheet::line_and_column(&first.table, f.at);
            !(f.never_calculated && at.is_some_and(|(line, c)| later_wrote(line, c)))
        })
        .cloned()
        .collect();
    let table_as_of = |k: usize| {
        let mut numbers_behind = Vec::new();
        let rows = (first.table.rows.iter().zip(&written))
            .map(|(row, cells)| {
                let (cells, typed_numbers) = (cells.iter().enumerate())
                    .map(|(c, w)| {
                        // A cell no stage up to `k` filled keeps its final
                        // value: filling it later is not a change.
                        let used = w.iter().rev().find(|w| w.stage <= k).or(w.last());
                        if let Some(w) = used
                            && let Some(number) = &w.number
                        {
                            let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                            numbers_behind.push(NumberBehind {
                                at: (at(row.line.saturating_sub(1)), at(first_column + c)),
                                shown: w.text.clone(),
                                number: number.clone(),
                            });
                        }
                        used.map_or((String::new(), false), |w| (w.text.clone(), w.typed))
                    })
                    .unzip();
                RawRow {
                    line: row.line,
                    cells,
                    typed_numbers,
                }
            })
            .collect();
        RawTable {
            header: header.clone(),
            rows,
            // Values hidden by their format are the first stage's own
            // cells, checked against its sheet below, not against the
            // merged columns.
            hidden: first.table.hidden.lines_only(),
            numbers_behind,
            // The first stage's formulas keep their cells: its columns
            // come first in the merged header, its rows in their order.
            // Binding names them on rows that are units, as for a single
            // file; not those under a later stage's value (above).
            formulas: formulas.clone(),
            ..first.table.clone()
        }
    };
    let bound = bind_warned(set, &table_as_of(last), decimal).map_err(|rejected| {
        let units: Vec<Option<String>> = (0..first.table.rows.len())
            .map(|r| {
                let row = &first.table.rows[r];
                let id = normalize(cell(row, first_id?));
                (row_of.get(&id) == Some(&r)).then_some(id)
            })
            .collect();
        let cells = StageCells {
            header: &header,
            line_row: &line_row,
            written: &written,
            positions: &positions,
            stage_lines: &stage_lines,
            units: &units,
        };
        relocate(rejected, &cells, stages)
    });
    // Every problem at once: those formulas, first, with the merged data's.
    let (dataset, warnings) = match bound {
        Ok(bound) if under_later.is_empty() => bound,
        Ok(_) => return Err(Rejected::from(under_later)),
        Err(mut rejected) => {
            rejected.problems.splice(0..0, under_later);
            return Err(rejected);
        }
    };
    let as_of: Vec<Option<Dataset>> = (0..last)
        .map(|k| bind(set, &table_as_of(k), decimal).ok())
        .collect();
    // What a stage wrote, as read: its cell in the data as it left it.
    let read_as_of = |k: usize, unit: usize, input: usize| {
        let data = if k == last {
            Some(&dataset)
        } else {
            as_of.get(k).and_then(Option::as_ref)
        };
        data.and_then(|d| d.units.get(unit))
            .and_then(|u| u.values.get(input))
            .copied()
    };
    let units = dataset
        .units
        .iter()
        .zip(&written)
        .enumerate()
        .map(|(unit, (u, cells))| UnitStages {
            id: u.id.clone(),
            cells: set
                .inputs
                .iter()
                .enumerate()
                .map(|(i, input)| {
                    let at = header.iter().position(|h| *h == input.column);
                    let entries: Vec<StageEntry> = at
                        .map(|c| {
                            cells[c]
                                .iter()
                                .map(|w| StageEntry {
                                    stage: w.stage,
                                    text: w.text.trim().to_string(),
                                    value: read_as_of(w.stage, unit, i),
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    CellStages {
                        stage: entries.last().map_or(0, |e| e.stage),
                        entries,
                    }
                })
                .collect(),
        })
        .collect();
    let staging = Staging {
        stages: stages
            .iter()
            .map(|s| StageSource {
                stage: s.label.clone(),
                data_file: s.data_file.clone(),
                data_sha256: s.sha256.clone(),
            })
            .collect(),
        units,
        as_of,
        changes: Vec::new(),
    };
    Ok(Merged {
        dataset,
        staging,
        warnings,
    })
}

/// A later stage's header as the first stage's is checked when it is bound:
/// a name given twice (which of its cells changes the value?), and a name
/// close to one the set reads but not it (a reviewer's correction under a
/// misspelt column would change nothing, in silence). Other columns the
/// set does not read, such as notes, are left alone.
fn header_problems(set: &CriteriaSet, stage: &StageTable) -> Vec<Problem> {
    let needed: Vec<&str> = super::guidance::needed(set).collect();
    let at = |message: ProblemMessage| {
        Problem::new(&stage.table.file, message).at_line(stage.table.header_line)
    };
    let mut seen: Vec<&str> = Vec::new();
    let mut problems = Vec::new();
    for h in stage.table.header.iter().filter(|h| !h.is_empty()) {
        if seen.contains(&h.as_str()) {
            problems.push(at(super::messages::DataMessage::ColumnNameTwice {
                h: h.clone(),
            }
            .into()));
            continue;
        }
        seen.push(h);
        if needed.contains(&h.as_str()) {
            continue;
        }
        if let Some(wanted) = super::problem::suggest(h, needed.iter().copied()) {
            problems.push(at(R::StageColumnMisspelt {
                column: h.clone(),
                label: stage.label.clone(),
                wanted: wanted.to_string(),
            }
            .into()));
        }
    }
    problems
}

/// [`bind`], keeping the warnings about the data, which the final data
/// answers for (the earlier stages' data is only scored for comparison).
fn bind_warned(
    set: &CriteriaSet,
    table: &RawTable,
    decimal: DecimalChoice,
) -> Result<(Dataset, Vec<Problem>), Rejected> {
    let mut units: Vec<(usize, crate::model::UnitRecord)> = Vec::new();
    let bound = bind_each(set, table, decimal, &mut |i, u| {
        units.push((
            i,
            crate::model::UnitRecord {
                id: u.id.to_string(),
                name: u.name.to_string(),
                cluster: u.cluster.map(str::to_string),
                values: u.values.to_vec(),
            },
        ));
    })?;
    // Rows that waited for the decimal style arrive last.
    units.sort_by_key(|(i, _)| *i);
    let dataset = Dataset {
        units: units.into_iter().map(|(_, u)| u).collect(),
        unused_columns: bound.unused_columns,
    };
    Ok((dataset, bound.warnings))
}

fn cell(row: &RawRow, column: usize) -> &str {
    row.cells.get(column).map_or("", String::as_str)
}

/// What stage `stage` wrote in `row` at `column`, unless the cell is blank.
/// The decimal style a stage's file shows on its own: the one its cells'
/// separators can only be read in, where they all agree; `None` where none
/// shows one, or they disagree (binding reports that, cell by cell).
fn decimal_style(table: &RawTable) -> Option<DecimalStyle> {
    use super::text::{SeparatorEvidence, separator_evidence};
    let (mut point, mut comma) = (false, false);
    for row in &table.rows {
        for (i, cell) in row.cells.iter().enumerate() {
            // A spreadsheet's own numbers show no style; CSV has no flags.
            if row.typed_numbers.get(i).copied().unwrap_or(false) {
                continue;
            }
            match separator_evidence(cell) {
                SeparatorEvidence::Point => point = true,
                SeparatorEvidence::Comma => comma = true,
                _ => {}
            }
        }
    }
    match (point, comma) {
        (true, false) => Some(DecimalStyle::Point),
        (false, true) => Some(DecimalStyle::Comma),
        _ => None,
    }
}

fn write(
    stage: usize,
    row: &RawRow,
    column: usize,
    comma_to_point: bool,
    behind: &HashMap<(usize, usize), String>,
) -> Option<Written> {
    let text = cell(row, column);
    let typed = row.typed_numbers.get(column).copied().unwrap_or(false);
    // A number of a stage written with decimal commas, where another stage
    // writes points: merged as its value, in points, so that the stages
    // read as one file does (anything else is left to be reported).
    let text = match comma_to_point && !typed && text.contains(',') {
        true => match super::text::parse_number(text.trim(), DecimalStyle::Comma, false) {
            Ok(value) => value.to_string(),
            Err(_) => text.to_string(),
        },
        false => text.to_string(),
    };
    let number = typed
        .then(|| behind.get(&(row.line, column)).cloned())
        .flatten();
    (!text.trim().is_empty()).then_some(Written {
        stage,
        text,
        typed,
        number,
        line: row.line,
        column,
    })
}

fn column_ref(table: &RawTable, column: usize, line: usize) -> Column {
    let name = table.header.get(column).cloned().unwrap_or_default();
    match table.first_column {
        Some(first) => Column::Cell {
            name,
            reference: format!("{}{line}", column_letters(first + column)),
        },
        None => Column::Name(name),
    }
}

/// Where each merged cell came from, for [`relocate`].
struct StageCells<'a> {
    header: &'a [String],
    /// The merged row of each of the first stage's lines.
    line_row: &'a HashMap<usize, usize>,
    written: &'a [Vec<Vec<Written>>],
    /// Each stage's columns by name.
    positions: &'a [HashMap<&'a str, usize>],
    /// Each stage's line for a merged row it lists.
    stage_lines: &'a [HashMap<usize, usize>],
    /// The unit of each merged row: `None` for a row whose id is blank or
    /// repeats an earlier row's (the binder reports those), which later
    /// stages cannot list.
    units: &'a [Option<String>],
}

/// Points each problem the binder found in a merged cell at the stage
/// whose file it is in: a cell a later stage wrote, at that stage's file,
/// row and column. A blank cell of a column the first stage does not have
/// is at the latest stage that has the column and lists the unit; when no
/// such stage lists it, the problem says so, at the first stage that
/// brings the column in.
fn relocate(mut rejected: Rejected, cells: &StageCells<'_>, stages: &[StageTable]) -> Rejected {
    for p in &mut rejected.problems {
        let name = match &p.column {
            Some(Column::Name(name) | Column::Cell { name, .. }) => name.clone(),
            _ => continue,
        };
        let (Some(line), Some(c)) = (p.line, cells.header.iter().position(|h| *h == name)) else {
            continue;
        };
        let Some(&r) = cells.line_row.get(&line) else {
            continue;
        };
        let writer = cells
            .written
            .get(r)
            .and_then(|row| row.get(c))
            .and_then(|w| w.last());
        let (s, stage_line, column) = match writer {
            Some(w) => (w.stage, w.line, w.column),
            // In the first stage's file: the problem is where it was found.
            None if cells.positions[0].contains_key(name.as_str()) => continue,
            // A row no later stage can list: left where it is.
            None if cells.units.get(r).is_none_or(Option::is_none) => continue,
            None => {
                let listing = (1..stages.len()).rev().find_map(|s| {
                    let column = *cells.positions[s].get(name.as_str())?;
                    Some((s, *cells.stage_lines[s].get(&r)?, column))
                });
                match listing {
                    Some(found) => found,
                    None => {
                        let Some((s, stage)) = stages
                            .iter()
                            .enumerate()
                            .skip(1)
                            .find(|(s, _)| cells.positions[*s].contains_key(name.as_str()))
                        else {
                            continue;
                        };
                        let unit = cells.units.get(r).cloned().flatten().unwrap_or_default();
                        p.message = ProblemMessage::from(R::NoStageRowForColumn {
                            column: name.clone(),
                            label: stage.label.clone(),
                            unit,
                        });
                        p.file = stages[s].table.file.clone();
                        p.line = None;
                        p.value = None;
                        p.column = Some(Column::Name(name));
                        continue;
                    }
                }
            }
        };
        if s > 0
            && let Some(stage) = stages.get(s)
        {
            p.file = stage.table.file.clone();
            p.line = Some(stage_line);
            p.column = Some(column_ref(&stage.table, column, stage_line));
        }
    }
    rejected
}

#[cfg(test)]
mod tests;
