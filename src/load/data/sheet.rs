//! What a sheet holds that a person looking at it does not see: the cells
//! of a merged range past its first, and hidden (or filtered out) rows and
//! columns. Reading them as they are stored would score what nobody
//! checked, so each is named where it lies, for the person to look at.

use super::super::guidance;
use super::super::messages::{DataMessage, WorkbookMessage};
use super::super::problem::{Column, Problem};
use super::super::table::{RawTable, Unseen, join_spans};
use super::column_letters;
use crate::model::CriteriaSet;
use crate::report::sanitize::is_formula_like;

/// Every merged range and hidden row or column that touches the table the
/// set reads, as problems; none for CSV. A range only on lines that are no
/// unit (`not_a_unit`: a totals row, notes or a signature, told to be deleted) is left
/// out: unmerging them is not what they need.
pub(crate) fn what_a_person_does_not_see(
    set: &CriteriaSet,
    table: &RawTable,
    not_a_unit: &dyn Fn(usize) -> bool,
) -> Vec<Problem> {
    let Some((first_column, read)) = columns_read(set, table) else {
        return Vec::new();
    };
    let mut problems = merged_cells(table, first_column, &read, not_a_unit);
    problems.extend(hidden_columns(table, first_column, &read));
    problems.extend(hidden_rows(table));
    problems.extend(hidden_by_format(set, table, not_a_unit));
    problems.extend(formulas_never_calculated(set, table, not_a_unit));
    problems
}

/// A problem for each cell of a unit's row, in a column the set reads,
/// that reads as blank but holds a formula never calculated: a person
/// sees its result, so reading it as a blank (counted 0, say, where blanks
/// are allowed) would score what nobody entered.
pub(crate) fn formulas_never_calculated(
    set: &CriteriaSet,
    table: &RawTable,
    not_a_unit: &dyn Fn(usize) -> bool,
) -> Vec<Problem> {
    formulas_never_calculated_at(set, table, &|line, _| !not_a_unit(line))
}

/// [`formulas_never_calculated`] at the cells `named(line, table column)`
/// picks.
pub(crate) fn formulas_never_calculated_at(
    set: &CriteriaSet,
    table: &RawTable,
    named: &dyn Fn(usize, usize) -> bool,
) -> Vec<Problem> {
    let Some((first_column, read)) = columns_read(set, table) else {
        return Vec::new();
    };
    uncalculated(table, &read)
        .filter(|&(row, col, ..)| named(row + 1, col.saturating_sub(first_column)))
        .map(|(row, col, name, formula)| {
            Problem::new(
                &table.file,
                DataMessage::FormulaNotCalculated {
                    formula: formula.clone(),
                },
            )
            .at_line(row + 1)
            .at_column(Column::Cell {
                name: name.clone(),
                reference: cell(row, col),
            })
        })
        .collect()
}

/// The cells below the header, in columns the set reads, that hold a
/// formula never calculated: 0-based row, sheet column, the column's name
/// and the formula.
fn uncalculated<'t>(
    table: &'t RawTable,
    read: &impl Fn(usize) -> Option<&'t String>,
) -> impl Iterator<Item = (usize, usize, &'t String, &'t String)> {
    (table.formulas.iter())
        .filter(|f| f.never_calculated)
        .map(|f| (f.at.0 as usize, f.at.1 as usize, &f.formula))
        .filter(|&(row, _, _)| row + 1 > table.header_line)
        .filter_map(move |(row, col, formula)| Some((row, col, read(col)?, formula)))
}

/// The lines below the header that the table does not have, where the
/// id or name column holds a formula never calculated: a unit's row may be
/// nothing but formulas whose results the file does not hold (as openpyxl
/// writes them). Binding reads each such line as an empty row, so that
/// the unit's formulas are named, not the unit left out as an empty row.
/// Formulas never calculated elsewhere on such lines (a figure column of
/// a template filled down) are named on their own, without a row's blank
/// id and name; a row of formulas only in columns the set does not read
/// stays out, as a calculated one that shows nothing does. (`.xls` keeps
/// no formulas on rows the table lacks: it stores a result calculated to
/// `""` as it stores none.) In order, each once.
pub(crate) fn formula_only_rows(set: &CriteriaSet, table: &RawTable) -> Vec<usize> {
    if table.formulas.is_empty() {
        return Vec::new();
    }
    let Some((_, read)) = columns_read(set, table) else {
        return Vec::new();
    };
    let names_the_unit = |name: &String| *name == set.columns.id || *name == set.columns.name;
    let mut lines: Vec<usize> = (table.formulas.iter())
        .filter(|f| f.never_calculated && read(f.at.1 as usize).is_some_and(names_the_unit))
        .map(|f| f.at.0 as usize + 1)
        .filter(|&line| line > table.header_line)
        .filter(|line| (table.rows).binary_search_by_key(line, |r| r.line).is_err())
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// Values that their format keeps from sight (or their minus), in the
/// columns the set reads; alone for the first review stage, whose merged
/// table keeps the rest (see `load::stages`).
pub(crate) fn hidden_by_format(
    set: &CriteriaSet,
    table: &RawTable,
    not_a_unit: &dyn Fn(usize) -> bool,
) -> Vec<Problem> {
    let Some((first_column, read)) = columns_read(set, table) else {
        return Vec::new();
    };
    // A problem for each cell of a unit's row whose format keeps the value
    // it holds from sight, or its minus.
    unseen_values(table, first_column, &read)
        .filter(|&(row, ..)| !not_a_unit(row + 1))
        .map(|(row, col, unseen, name, value)| {
            let value = value.clone();
            let message = match unseen {
                Unseen::Value => WorkbookMessage::ValueHiddenByFormat { value },
                Unseen::Minus => WorkbookMessage::MinusHiddenByFormat { value },
                Unseen::NoSection => WorkbookMessage::NoSectionForValue { value },
            };
            Problem::new(&table.file, message)
                .at_line(row + 1)
                .at_column(Column::Cell {
                    name: name.clone(),
                    reference: cell(row, col),
                })
        })
        .collect()
}

/// A sheet's first column, and which of its columns the set reads (by
/// sheet column); `None` for CSV.
fn columns_read<'t>(
    set: &CriteriaSet,
    table: &'t RawTable,
) -> Option<(usize, impl Fn(usize) -> Option<&'t String>)> {
    let first_column = table.first_column?;
    let needed: Vec<String> = guidance::needed(set).map(str::to_string).collect();
    // A formula-like name (`+a`) behind the `'` the template writes it
    // with is the column too, as binding finds it.
    let needs = move |name: &String| {
        needed.contains(name)
            || (name.strip_prefix('\''))
                .is_some_and(|n| is_formula_like(n) && needed.iter().any(|x| x == n))
    };
    let read = move |col: usize| {
        col.checked_sub(first_column)
            .and_then(|c| table.header.get(c))
            .filter(|name| needs(name))
    };
    Some((first_column, read))
}

/// The cells below the header, in columns the set reads, whose format
/// keeps their value from sight: 0-based row, sheet column, what is
/// unseen, the column's name and the cell's text.
fn unseen_values<'t>(
    table: &'t RawTable,
    first_column: usize,
    read: &impl Fn(usize) -> Option<&'t String>,
) -> impl Iterator<Item = (usize, usize, Unseen, &'t String, &'t String)> {
    let value = move |line: usize, col: usize| {
        let at = table.rows.binary_search_by_key(&line, |r| r.line).ok()?;
        table.rows[at].cells.get(col.checked_sub(first_column)?)
    };
    (table.hidden.values.iter())
        .map(|&(row, col, unseen)| (row as usize, col as usize, unseen))
        .filter(|&(row, _, _)| row + 1 > table.header_line)
        .filter_map(move |(row, col, unseen)| {
            Some((row, col, unseen, read(col)?, value(row + 1, col)?))
        })
}

/// The number cells whose format writes text around the number, as
/// (line, table column) in order, with the number each shows (see
/// [`RawTable::numbers_behind`]): the criteria's number columns read the
/// number. A cell a later one at the same place replaced (a file can
/// write a cell twice) is the later one's.
pub(crate) fn numbers_behind(table: &RawTable) -> Vec<((usize, usize), String)> {
    let shown = |line: usize, col: usize| {
        let at = table.rows.binary_search_by_key(&line, |r| r.line).ok()?;
        table.rows.get(at)?.cells.get(col)
    };
    let mut cells: Vec<((usize, usize), String)> = (table.numbers_behind.iter())
        .filter_map(|n| {
            let (line, col) = line_and_column(table, n.at)?;
            (shown(line, col) == Some(&n.shown)).then(|| ((line, col), n.number.clone()))
        })
        .collect();
    // The last read at a place is the one the cell shows.
    cells.reverse();
    cells.sort_by_key(|(at, _)| *at);
    cells.dedup_by_key(|(at, _)| *at);
    cells
}

/// The blank cells holding a formula whose result may have been
/// calculated to `""` (an `.xls` file's, see
/// [`FormulaCell`](super::super::table::FormulaCell)), as (line,
/// table column) in order, with the formula: binding names such a cell by
/// its formula where it refuses the blank, and reads a blank where blanks
/// are allowed.
pub(crate) fn formulas_at_blanks(table: &RawTable) -> Vec<((usize, usize), String)> {
    let mut cells: Vec<((usize, usize), String)> = (table.formulas.iter())
        .filter(|f| !f.never_calculated)
        .filter_map(|f| Some((line_and_column(table, f.at)?, f.formula.clone())))
        .collect();
    cells.sort_unstable();
    cells
}

/// A sheet cell's 0-based (row, column) as binding names it: its line and
/// its column in the table; `None` left of the table.
pub(crate) fn line_and_column(table: &RawTable, (row, col): (u32, u32)) -> Option<(usize, usize)> {
    let col = (col as usize).checked_sub(table.first_column.unwrap_or(0))?;
    Some((row as usize + 1, col))
}

/// The cells whose value a format keeps from sight, or that hold a
/// formula never calculated, as (line, table column) in order: their own
/// problem names them, the one problem of each (a minus hidden, say, below
/// a bound of 0; a blank where none is allowed), so binding reports
/// nothing of them. The same cells [`hidden_by_format`] and
/// [`formulas_never_calculated`] name, on rows that are units.
pub(crate) fn unseen_cells(set: &CriteriaSet, table: &RawTable) -> Vec<(usize, usize)> {
    let Some((first_column, read)) = columns_read(set, table) else {
        return Vec::new();
    };
    let mut cells: Vec<(usize, usize)> = unseen_values(table, first_column, &read)
        .map(|(row, col, ..)| (row, col))
        .chain(uncalculated(table, &read).map(|(row, col, ..)| (row, col)))
        .map(|(row, col)| (row + 1, col - first_column))
        .collect();
    cells.sort_unstable();
    cells
}

fn cell(row: usize, col: usize) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

/// A problem for each range of merged cells that reaches below the header
/// into a column the set reads: each cell of it but the first reads as
/// blank, where a person sees the first one's value, so a unit would be
/// refused for a blank it does not show, or scored on a blank bonus. Named
/// at the first such cell.
fn merged_cells<'t>(
    table: &'t RawTable,
    first_column: usize,
    read: &impl Fn(usize) -> Option<&'t String>,
    not_a_unit: &dyn Fn(usize) -> bool,
) -> Vec<Problem> {
    // 0-based sheet rows: the header's, and the last with a cell.
    let header_row = table.header_line.saturating_sub(1);
    let last_row = table.rows.last().map_or(header_row, |r| r.line - 1);
    let last_col = first_column + table.header.len();
    let mut problems = Vec::new();
    for m in &table.merged {
        let rows = (m.first.0 as usize).max(header_row + 1)..=(m.last.0 as usize).min(last_row);
        // Lines are 1-based, rows 0-based.
        if !rows.is_empty() && rows.clone().all(|r| not_a_unit(r + 1)) {
            continue;
        }
        let cols = (m.first.1 as usize).max(first_column)..=(m.last.1 as usize).min(last_col);
        // In each column the set reads, the first row of the range below
        // the header, past the range's own first cell: a few steps for each
        // column, however many rows a range spans.
        let first = (m.first.0 as usize, m.first.1 as usize);
        let blank = cols
            .filter_map(|c| Some((c, read(c)?)))
            .find_map(|(c, name)| {
                let r = rows.clone().find(|&r| (r, c) != first)?;
                Some((r, c, name))
            });
        if let Some((row, col, name)) = blank {
            let range = format!(
                "{}:{}",
                cell(m.first.0 as usize, m.first.1 as usize),
                cell(m.last.0 as usize, m.last.1 as usize)
            );
            problems.push(
                Problem::new(&table.file, WorkbookMessage::MergedCells { range })
                    .at_line(row + 1)
                    .at_column(Column::Cell {
                        name: name.clone(),
                        reference: cell(row, col),
                    }),
            );
        }
    }
    problems
}

/// A problem for each hidden column the set reads, at its header cell.
fn hidden_columns<'t>(
    table: &'t RawTable,
    first_column: usize,
    read: &impl Fn(usize) -> Option<&'t String>,
) -> Vec<Problem> {
    if table.hidden.columns.is_empty() {
        return Vec::new();
    }
    let header_row = table.header_line.saturating_sub(1);
    (first_column..first_column + table.header.len())
        .filter(|&c| u32::try_from(c).is_ok_and(|c| table.hidden.column(c)))
        .filter_map(|c| Some((c, read(c)?)))
        .map(|(c, name)| {
            Problem::new(&table.file, WorkbookMessage::HiddenColumn)
                .at_line(table.header_line)
                .at_column(Column::Cell {
                    name: name.clone(),
                    reference: cell(header_row, c),
                })
        })
        .collect()
}

/// A problem for each run of hidden rows, from the header down, that hold
/// something: the header a person does not see, or units they do not.
/// Empty hidden rows are no one's concern.
fn hidden_rows(table: &RawTable) -> Vec<Problem> {
    if table.hidden.rows.is_empty() {
        return Vec::new();
    }
    // 1-based sheet rows with content, in order.
    let lines = std::iter::once(table.header_line).chain(
        table
            .rows
            .iter()
            .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
            .map(|r| r.line),
    );
    // Runs of hidden rows with content: two such rows are one run when
    // every row between them is hidden too (they share a span).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut run_span = None;
    for line in lines {
        let span = u32::try_from(line.saturating_sub(1))
            .ok()
            .and_then(|row| table.hidden.row_span(row));
        match (span, runs.last_mut()) {
            (Some(s), Some((_, last))) if run_span == Some(s) => *last = line,
            (Some(_), _) => runs.push((line, line)),
            (None, _) => {}
        }
        run_span = span;
    }
    runs.into_iter()
        .map(|(first, last)| {
            Problem::new(&table.file, WorkbookMessage::HiddenRows { first, last }).at_line(first)
        })
        .collect()
}

/// The cells a merged range covers past its first, by the table's column:
/// they read as blank, and the range's own problem explains them, so no
/// problem is reported for each of them as a blank cell.
#[derive(Debug, Default)]
pub(crate) struct MergedCover {
    /// Indexed by the table's column: covered lines (1-based, inclusive),
    /// in order.
    columns: Vec<Vec<(usize, usize)>>,
}

/// Covered stretches kept at most: past this (a file of a great many
/// ranges), blank cells are reported each, as before.
const MAX_COVERED_STRETCHES: usize = 100_000;

impl MergedCover {
    pub(crate) fn of(table: &RawTable) -> Option<MergedCover> {
        let first_column = table.first_column?;
        if table.merged.is_empty() {
            return None;
        }
        let header_row = table.header_line.saturating_sub(1);
        let mut columns = vec![Vec::new(); table.header.len()];
        let mut stretches = 0usize;
        for m in &table.merged {
            let (top, left) = (m.first.0 as usize, m.first.1 as usize);
            let (bottom, right) = (m.last.0 as usize, m.last.1 as usize);
            let cols = left.max(first_column)..=right.min(first_column + table.header.len());
            for c in cols {
                // The range's own first cell holds its value.
                let from = if c == left { top + 1 } else { top }.max(header_row + 1);
                let Some(stretch) = columns.get_mut(c - first_column) else {
                    continue;
                };
                if from <= bottom {
                    stretch.push((from + 1, bottom + 1));
                    stretches += 1;
                }
            }
            if stretches > MAX_COVERED_STRETCHES {
                return None;
            }
        }
        // Ranges overlap only in a damaged file: joined, each line is
        // looked up in one step.
        for stretches in &mut columns {
            join_spans(stretches, |end| end.saturating_add(1));
        }
        Some(MergedCover { columns })
    }

    /// Whether the cell on `line` in the table's column `col` is covered.
    pub(crate) fn covers(&self, line: usize, col: usize) -> bool {
        let Some(stretches) = self.columns.get(col) else {
            return false;
        };
        let starts = stretches.partition_point(|&(first, _)| first <= line);
        starts
            .checked_sub(1)
            .and_then(|i| stretches.get(i))
            .is_some_and(|&(_, last)| last >= line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::table::{HiddenLines, RawRow};

    fn table(lines: &[(usize, &str)], hidden_rows: &[(u64, u64)]) -> RawTable {
        let mut hidden = HiddenLines::default();
        for &(first, count) in hidden_rows {
            hidden.add_rows(first, count);
        }
        RawTable {
            file: "t.xlsx [S]".to_string(),
            header: vec!["ma".to_string()],
            header_line: 1,
            first_column: Some(0),
            rows: lines
                .iter()
                .map(|&(line, cell)| RawRow {
                    line,
                    cells: vec![cell.to_string()],
                    typed_numbers: vec![false],
                })
                .collect(),
            problems: Vec::new(),
            wide_rows: Vec::new(),
            merged: Vec::new(),
            hidden,
            splitting: Default::default(),
            formulas: Vec::new(),
            numbers_behind: Vec::new(),
        }
    }

    fn runs(table: &RawTable) -> Vec<String> {
        hidden_rows(table)
            .iter()
            .map(|p| format!("{}: {}", p.line.unwrap_or(0), p.message.en()))
            .collect()
    }

    /// A cell a file writes twice shows the later one: its number, or none
    /// when the later one is a plain number.
    #[test]
    fn a_number_behind_is_the_last_written_at_its_place() {
        use crate::load::table::NumberBehind;
        let behind = |row: u32, shown: &str, number: &str| NumberBehind {
            at: (row, 0),
            shown: shown.to_string(),
            number: number.to_string(),
        };
        let mut t = table(&[(2, "70 điểm"), (3, "70"), (4, "P005")], &[]);
        t.numbers_behind = vec![
            behind(1, "50 điểm", "50"),
            behind(1, "70 điểm", "70"),
            behind(2, "50 điểm", "50"),
            behind(3, "P005", "5"),
        ];
        let read = numbers_behind(&t);
        assert_eq!(
            read,
            vec![((2, 0), "70".to_string()), ((4, 0), "5".to_string())]
        );
    }

    #[test]
    fn hidden_rows_with_content_are_named_in_runs() {
        // 0-based rows 2–4 and 6 hidden: lines 3–5 and 7; line 6 shown.
        let t = table(
            &[(2, "A"), (3, "B"), (5, "C"), (6, "D"), (7, "E")],
            &[(2, 3), (6, 1)],
        );
        let words = runs(&t);
        assert_eq!(words.len(), 2, "{words:?}");
        assert!(words[0].contains("rows 3–5 are hidden"), "{words:?}");
        assert!(words[1].contains("row 7 is hidden"), "{words:?}");
    }

    #[test]
    fn hidden_rows_holding_nothing_or_none_hidden_are_no_ones_concern() {
        assert!(runs(&table(&[(2, "A"), (3, "  ")], &[(2, 1)])).is_empty());
        assert!(runs(&table(&[(2, "A")], &[])).is_empty());
        let header_hidden = table(&[(2, "A")], &[(0, 1)]);
        assert!(runs(&header_hidden)[0].contains("row 1 is hidden"));
    }

    #[test]
    fn merged_ranges_cover_their_cells_below_the_header_but_the_first() {
        use crate::load::table::MergedCells;
        let mut t = table(&[(2, "A"), (3, ""), (4, ""), (5, "")], &[]);
        t.header = vec!["ma".into(), "cum".into()];
        t.merged = vec![
            // B2:B4 (0-based rows 1–3, column 1): B2 holds the value.
            MergedCells {
                first: (1, 1),
                last: (3, 1),
            },
            // A1:A3 reaches into the header: only A2 and A3 are covered.
            MergedCells {
                first: (0, 0),
                last: (2, 0),
            },
            // Overlapping B3:B5, as only a damaged file has it.
            MergedCells {
                first: (2, 1),
                last: (4, 1),
            },
        ];
        let cover = MergedCover::of(&t).expect("a sheet with merged cells");
        let covered = |col: usize| {
            (1..=6)
                .filter(|&l| cover.covers(l, col))
                .collect::<Vec<_>>()
        };
        assert_eq!(covered(0), [2, 3]);
        assert_eq!(covered(1), [3, 4, 5]);
        assert_eq!(covered(2), Vec::<usize>::new(), "no such column");
    }

    #[test]
    fn a_shown_empty_row_ends_a_run() {
        // Lines 2 and 4 hidden and filled, line 3 shown and empty.
        let t = table(&[(2, "A"), (4, "C")], &[(1, 1), (3, 1)]);
        let words = runs(&t);
        assert_eq!(words.len(), 2, "{words:?}");
        assert!(words[0].contains("row 2 is hidden") && words[1].contains("row 4 is hidden"));
    }

    #[test]
    fn spans_out_of_order_are_put_in_place_and_joined() {
        let mut hidden = HiddenLines::default();
        for (first, count) in [(10, 2), (2, 1), (5, 1), (3, 2), (20, 1), (12, 1)] {
            hidden.add_rows(first, count);
        }
        let hidden = hidden.settled();
        assert_eq!(hidden.rows, [(2, 5), (10, 12), (20, 20)]);
        assert_eq!(
            (hidden.row_span(4), hidden.row_span(12), hidden.row_span(20)),
            (Some(0), Some(1), Some(2))
        );
        assert!(
            hidden.row_span(6).is_none()
                && hidden.row_span(1).is_none()
                && hidden.row_span(21).is_none()
        );
    }

    /// Rows hidden in descending order (a hostile file's tags) are put in
    /// place by one sort, not one sort each.
    #[test]
    fn many_spans_out_of_order_are_sorted_once() {
        let mut hidden = HiddenLines::default();
        for row in (0..200_000u64).rev() {
            hidden.add_rows(row * 2, 1);
        }
        let hidden = hidden.settled();
        assert_eq!(hidden.rows.len(), 200_000);
        assert!(hidden.rows.windows(2).all(|w| w[0].1 + 1 < w[1].0));
        assert_eq!(hidden.row_span(399_998), Some(199_999));
    }

    #[test]
    fn spans_in_order_are_joined_and_those_past_the_sheet_dropped() {
        let mut hidden = HiddenLines::default();
        hidden.add_rows(2, 1);
        hidden.add_rows(3, 2);
        hidden.add_rows(9, 1);
        hidden.add_rows(9, 0);
        hidden.add_columns(u64::from(u32::MAX) + 1, 3);
        hidden.add_columns(u64::from(u32::MAX) - 1, 5);
        assert_eq!(hidden.rows, [(2, 4), (9, 9)]);
        assert_eq!(hidden.columns, [(u32::MAX - 1, u32::MAX)]);
        assert!(hidden.row_span(4).is_some() && hidden.row_span(5).is_none());
        assert!(hidden.column(u32::MAX));
    }
}
