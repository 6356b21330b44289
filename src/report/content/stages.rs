//! Review stages in reports: what each later stage changed (the list a
//! unit answers in its giải trình) and, in `explain`, the stage each value
//! came from. Only when the data was given as stages (`--stage`).

use std::borrow::Cow;

use super::messages::{Label, StagesMessage};
use super::{Align, Block, Cell, Grid};
use crate::i18n::{Lang, Message as _};
use crate::model::{CriteriaSet, Evaluation, StageChange, Staging, UnitResult, Value};
use crate::report::Context;
use crate::report::words::{approx, num_in, yes_no};

/// A value as a stage wrote it: numbers in the report's language, yes/no
/// in words, anything else as written.
fn shown(lang: Lang, value: Option<&Value>, written: &str) -> String {
    match value {
        Some(v @ (Value::Number(_) | Value::Fraction { .. })) => {
            approx(lang, v.as_decimal().unwrap_or_default())
        }
        Some(Value::YesNo(yes)) => yes_no(lang, *yes).to_string(),
        _ => as_written(lang, written),
    }
}

/// A cell's text; a number written with a decimal point shown in the
/// report's language.
fn as_written(lang: Lang, written: &str) -> String {
    match written.parse::<rust_decimal::Decimal>() {
        Ok(d) => num_in(lang, d),
        Err(_) => written.to_string(),
    }
}

/// A signed change: `+2`, `−1,5`, `0`.
fn signed(lang: Lang, d: rust_decimal::Decimal) -> String {
    if d.is_sign_positive() && !d.is_zero() {
        format!("+{}", num_in(lang, d))
    } else if d.is_sign_negative() {
        format!("−{}", num_in(lang, -d))
    } else {
        num_in(lang, d)
    }
}

/// The stages in one sentence, earliest first.
fn stages_line(lang: Lang, staging: &Staging) -> String {
    let listed: Vec<String> = staging
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {} ({})", i + 1, s.stage, s.data_file))
        .collect();
    StagesMessage::Stages {
        count: staging.stages.len(),
        listed: &listed.join("; "),
    }
    .words(lang)
    .into()
}

fn change_columns(lang: Lang, with_unit: bool) -> Vec<(String, Align)> {
    let mut columns = Vec::new();
    if with_unit {
        columns.push((Label::Unit, Align::Left));
    }
    columns.extend([
        (Label::Stage, Align::Left),
        (Label::DataColumn, Align::Left),
        (Label::Criteria, Align::Left),
        (Label::From, Align::Right),
        (Label::To, Align::Right),
        (Label::PointsMoved, Align::Right),
        (Label::UnitsScore, Align::Right),
    ]);
    columns
        .into_iter()
        .map(|(h, a)| (h.words(lang).into_owned(), a))
        .collect()
}

fn change_row(
    set: &CriteriaSet,
    lang: Lang,
    staging: &Staging,
    c: &StageChange,
    unit: Option<&UnitResult>,
) -> Vec<Cell> {
    let mut cells = Vec::new();
    if let Some(u) = unit {
        cells.push(Cell::text(format!("{} ({})", u.name, u.id)));
    }
    let unknown = StagesMessage::CannotBeScored.words(lang);
    let score = match c.score_before {
        Some(before) => format!("{} → {}", num_in(lang, before), num_in(lang, c.score_after)),
        None => format!("? → {}", num_in(lang, c.score_after)),
    };
    cells.extend([
        Cell::text(staging.label(c.stage)),
        Cell::text(set.inputs.get(c.input).map_or("", |i| i.column.as_str())),
        Cell::text(c.readers.join(", ")),
        Cell::text(shown(lang, c.from_value.as_ref(), &c.from)),
        Cell::text(shown(lang, c.to_value.as_ref(), &c.to)),
        Cell::text(
            c.moved
                .map_or_else(|| unknown.to_string(), |d| signed(lang, d)),
        ),
        Cell::text(score),
    ]);
    cells
}

/// After the ranking: every cell a later stage changed, unit by unit in
/// rank order.
pub fn ranking_blocks(cx: &Context<'_>, eval: &Evaluation) -> Vec<Block> {
    let rows = eval.units.iter().flat_map(|u| change_rows(cx, u)).collect();
    blocks_of_changes(cx, rows)
}

/// [`ranking_blocks`] from the rows of every unit's changes
/// ([`change_rows`]), in rank order.
pub fn blocks_of_changes(cx: &Context<'_>, rows: Vec<Vec<Cell>>) -> Vec<Block> {
    let Some(staging) = cx.stamp.staging.as_deref() else {
        return Vec::new();
    };
    let lang = cx.lang;
    let mut out = vec![
        Block::Heading(changes_title(lang).into()),
        Block::Paragraph(stages_line(lang, staging)),
    ];
    match grid_of_changes(lang, rows) {
        Some(grid) => out.push(Block::Table(grid)),
        None => out.push(Block::Paragraph(
            StagesMessage::NoLaterChange.words(lang).into(),
        )),
    }
    out
}

/// The title of the list of changes, also a report's annex.
pub fn changes_title(lang: Lang) -> Cow<'static, str> {
    StagesMessage::ChangesTitle.words(lang)
}

/// Every cell a later stage changed, unit by unit in rank order; `None`
/// without stages or changes.
pub fn changes_grid(cx: &Context<'_>, eval: &Evaluation) -> Option<Grid> {
    let rows = eval.units.iter().flat_map(|u| change_rows(cx, u)).collect();
    grid_of_changes(cx.lang, rows)
}

/// The rows of every cell a later stage changed for unit `u` (none
/// without stages), as [`changes_grid`] lists them.
pub fn change_rows(cx: &Context<'_>, u: &UnitResult) -> Vec<Vec<Cell>> {
    let Some(staging) = cx.stamp.staging.as_deref() else {
        return Vec::new();
    };
    staging
        .changes_of(u.input_index)
        .map(|c| change_row(cx.set, cx.lang, staging, c, Some(u)))
        .collect()
}

fn grid_of_changes(lang: Lang, rows: Vec<Vec<Cell>>) -> Option<Grid> {
    (!rows.is_empty()).then(|| Grid::with_rows(change_columns(lang, true), rows))
}

/// In `explain`: the stage each value came from, with the earlier
/// stages' values, and what later stages changed for this unit.
pub fn explain_blocks(cx: &Context<'_>, u: &UnitResult) -> Vec<Block> {
    let Some(staging) = cx.stamp.staging.as_deref() else {
        return Vec::new();
    };
    let Some(unit) = staging.units.get(u.input_index) else {
        return Vec::new();
    };
    let (set, lang) = (cx.set, cx.lang);
    let mut out = vec![
        Block::Heading(StagesMessage::ValuesByStageHeading.words(lang).into()),
        Block::Paragraph(stages_line(lang, staging)),
    ];
    let columns = [
        (Label::DataColumn, Align::Left),
        (Label::ValueUsed, Align::Right),
        (Label::FromStage, Align::Left),
        (Label::EveryStagesValue, Align::Left),
    ]
    .map(|(h, a)| (h.words(lang).into_owned(), a))
    .to_vec();
    let rows = set
        .inputs
        .iter()
        .zip(&unit.cells)
        .filter(|(input, cell)| input.is_column() && (cell.stage > 0 || cell.entries.len() > 1))
        .map(|(input, cell)| {
            let used = cell
                .entries
                .last()
                .map_or_else(String::new, |e| shown(lang, e.value.as_ref(), &e.text));
            let every: Vec<String> = cell
                .entries
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        staging.label(e.stage),
                        shown(lang, e.value.as_ref(), &e.text)
                    )
                })
                .collect();
            vec![
                Cell::text(input.column.as_str()),
                Cell::text(used),
                Cell::text(staging.label(cell.stage)),
                Cell::text(every.join("; ")),
            ]
        });
    let rows: Vec<Vec<Cell>> = rows.collect();
    let first = staging.label(0);
    let rest = if rows.is_empty() {
        StagesMessage::AllFromFirst { first }
    } else {
        StagesMessage::OthersFromFirst { first }
    };
    if !rows.is_empty() {
        out.push(Block::Table(Grid::with_rows(columns, rows)));
    }
    out.push(Block::Paragraph(rest.words(lang).into()));
    out.push(Block::Heading(unit_changes_title(lang).into()));
    match unit_changes_grid(cx, u) {
        Some(grid) => out.push(Block::Table(grid)),
        None => out.push(Block::Paragraph(
            StagesMessage::NoLaterChangeOfUnit.words(lang).into(),
        )),
    }
    out
}

/// The title of one unit's list of changes.
pub fn unit_changes_title(lang: Lang) -> Cow<'static, str> {
    StagesMessage::UnitChangesTitle.words(lang)
}

/// The cells later stages changed for one unit; `None` without stages or
/// changes.
pub fn unit_changes_grid(cx: &Context<'_>, u: &UnitResult) -> Option<Grid> {
    let staging = cx.stamp.staging.as_deref()?;
    let rows: Vec<Vec<Cell>> = staging
        .changes_of(u.input_index)
        .map(|c| change_row(cx.set, cx.lang, staging, c, None))
        .collect();
    (!rows.is_empty()).then(|| Grid::with_rows(change_columns(cx.lang, false), rows))
}
