//! What comparisons and sensitivity runs say: changes between periods or
//! rule versions, and how stable ratings and places are.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::engine::compare::Comparison;
use crate::model::ScoreOverflow;

use super::messages::{ChangesMessage, Label};
use super::*;

/// A share (0..=1) as a percentage with one decimal: `87.5%`.
pub fn percent(lang: Lang, share: Decimal) -> String {
    let pct = crate::exact::round_half_away(share * Decimal::ONE_HUNDRED, 1);
    format!("{}%", num_in(lang, pct))
}

/// A signed change: `+2.4`, `−1`, `0`.
pub fn signed(lang: Lang, d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("+{}", num_in(lang, d))
    } else if d < Decimal::ZERO {
        format!("−{}", num_in(lang, -d))
    } else {
        "0".to_string()
    }
}

/// A rating the engine names by id (comparisons, sensitivity) as people
/// read it: its short title or title in `set`, the id only if `set` has no
/// such rating (a rule version that dropped it).
pub(super) fn rating_by_id<'a>(set: &'a CriteriaSet, id: &'a str) -> &'a str {
    set.ratings
        .iter()
        .find(|r| r.id == id)
        .map_or(id, |r| r.shown())
}

/// A rank, or an empty cell for a unit not considered.
fn rank_or_none(excluded: bool, rank: u32) -> Cell {
    rank_cell((!excluded).then_some(rank))
}

/// [`rating_by_id`] as a cell, marked by the rating's place in `set`, or
/// "chưa xét" for a unit not considered.
fn rating_cell(set: &CriteriaSet, lang: Lang, excluded: bool, id: &str) -> Cell {
    if excluded {
        return Cell::text(words::not_considered(lang));
    }
    match set.rating_by_id(id) {
        Some(index) => Cell::rating(set, index),
        None => Cell::text(id),
    }
}

/// "HTXS: +1.2" — what the next rating needs: score points, only the
/// quota, or other conditions (gates, criteria to meet).
fn next_words(
    set: &CriteriaSet,
    lang: Lang,
    next: &Option<crate::engine::explain::NextRating>,
) -> String {
    let Some(n) = next else {
        return ChangesMessage::TopRating.words(lang).into();
    };
    let rating = rating_by_id(set, &n.rating);
    let words = if n.by_downgrade {
        ChangesMessage::NextDowngraded { rating }
    } else if n.by_quota {
        ChangesMessage::NextQuotaOnly { rating }
    } else if n.points_needed.is_zero() {
        ChangesMessage::NextOtherConditions { rating }
    } else {
        ChangesMessage::NextNeedsPoints {
            rating,
            points: n.points_needed,
        }
    };
    words.words(lang).into()
}

/// Two periods, self-assessed vs appraised, or two versions of the rules.
pub fn comparison(cx: &Context<'_>, c: &Comparison<'_>) -> Result<Vec<Block>, ScoreOverflow> {
    if let Some((id, rows)) = &c.detail {
        let mut out = comparison_title(cx, c);
        out.extend(comparison_detail(cx, c, id, rows)?);
        return Ok(out);
    }
    let mut out = comparison_head(cx, c);
    let mut grid = comparison_table(cx, c);
    let clustered = c.units.clustered();
    for u in c.units.iter() {
        grid.push(comparison_row(cx, c, clustered, &u?));
    }
    out.push(Block::Table(grid));
    Ok(out)
}

fn comparison_title(cx: &Context<'_>, c: &Comparison<'_>) -> Vec<Block> {
    vec![
        Block::Title(
            ChangesMessage::ComparisonTitle {
                labels: &c.labels.join(" → "),
            }
            .words(cx.lang)
            .into(),
        ),
        // The set's title, as the subtitle.
        Block::Subtitle(cx.set.title.clone()),
    ]
}

/// A comparison of every unit (no `--unit`) up to its main table: the
/// title, the summary and the merged units. The table follows as
/// [`comparison_table`]'s header and a [`comparison_row`] per unit, so a
/// renderer can write it row by row.
pub fn comparison_head(cx: &Context<'_>, c: &Comparison<'_>) -> Vec<Block> {
    let lang = cx.lang;
    let mut out = comparison_title(cx, c);
    let s = &c.summary;
    let in_columns = ChangesMessage::UnitsInColumns {
        in_all: s.in_all,
        in_some: s.in_some,
    };
    out.push(Block::Paragraph(in_columns.words(lang).into()));
    if c.ratings_comparable {
        let moved = ChangesMessage::RatingsMoved {
            up: s.rating_up,
            down: s.rating_down,
            unchanged: s.rating_same,
        };
        out.push(Block::Paragraph(moved.words(lang).into()));
    }
    let movers = |list: &[(String, String, Decimal)]| {
        list.iter()
            .map(|(_, name, d)| format!("{name} {}", signed(lang, *d)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if !s.gains.is_empty() {
        let units = &movers(&s.gains);
        out.push(Block::Paragraph(
            ChangesMessage::BiggestGains { units }.words(lang).into(),
        ));
    }
    if !s.drops.is_empty() {
        let units = &movers(&s.drops);
        out.push(Block::Paragraph(
            ChangesMessage::BiggestDrops { units }.words(lang).into(),
        ));
    }
    // Before the main table, which CSV takes as the document's table.
    out.extend(super::lineage::blocks(cx, c));
    out
}

/// The main table of a comparison of every unit, without its rows.
pub fn comparison_table(cx: &Context<'_>, c: &Comparison<'_>) -> Grid {
    let lang = cx.lang;
    let clustered = c.units.clustered();
    let label = |l: Label| l.words(lang);
    let (score, rank, rating) = (
        label(Label::Score),
        label(Label::Rank),
        label(Label::Rating),
    );
    let mut columns: Vec<(String, Align)> = vec![
        (label(Label::Id).into(), Align::Left),
        (label(Label::Unit).into(), Align::Left),
    ];
    if clustered {
        columns.push((label(Label::Cluster).into(), Align::Left));
    }
    for l in &c.labels {
        columns.push((format!("{score} {l}"), Align::Right));
        columns.push((format!("{rank} {l}"), Align::Right));
        columns.push((format!("{rating} {l}"), Align::Left));
    }
    columns.push((label(Label::ScoreChange).into(), Align::Right));
    columns.push((label(Label::RankChange).into(), Align::Right));
    if c.ratings_comparable {
        columns.push((label(Label::RatingChange).into(), Align::Left));
    }
    columns.push((label(Label::CriteriaThatMovedMost).into(), Align::Left));
    columns.push((label(Label::ToTheNextRating).into(), Align::Left));
    let mut grid = Grid::new(columns);
    // On a narrow terminal the scores and their change stay; the rest
    // goes, the most wordy first (`--unit` and `explain` give the detail).
    let per_label =
        |what: &str| -> Vec<String> { c.labels.iter().map(|l| format!("{what} {l}")).collect() };
    let one = |l: Label| vec![label(l).into_owned()];
    for group in [
        one(Label::ToTheNextRating),
        one(Label::CriteriaThatMovedMost),
        one(Label::Id),
        per_label(&rank),
        one(Label::RankChange),
        one(Label::Cluster),
        per_label(&rating),
    ] {
        grid.optional_together(&group);
    }
    grid.into_main()
}

/// A unit's row of [`comparison_table`]; `clustered` as
/// [`crate::engine::compare::Compared::clustered`] says.
pub fn comparison_row(
    cx: &Context<'_>,
    c: &Comparison<'_>,
    clustered: bool,
    u: &crate::engine::compare::UnitComparison,
) -> Vec<Cell> {
    let lang = cx.lang;
    let absent = || Cell::text("—");
    let mut row = vec![Cell::text(&u.id), Cell::text(&u.name)];
    if clustered {
        row.push(Cell::text(u.cluster.as_deref().unwrap_or_default()));
    }
    for f in &u.figures {
        match f {
            Some(f) => {
                row.push(Cell::Number(f.score));
                row.push(rank_or_none(f.excluded, f.rank));
                row.push(rating_cell(cx.set, lang, f.excluded, &f.rating));
            }
            None => row.extend([absent(), absent(), absent()]),
        }
    }
    // Changes are numbers (negative = down), so spreadsheets can sort them.
    row.push(u.score_change.map_or_else(absent, Cell::Number));
    row.push(u.rank_change.map_or_else(absent, Cell::Int));
    if c.ratings_comparable {
        row.push(u.rating_change.map_or_else(absent, |d| {
            Cell::text(match d.cmp(&0) {
                std::cmp::Ordering::Greater => format!("↑ {d}"),
                std::cmp::Ordering::Less => format!("↓ {}", -d),
                std::cmp::Ordering::Equal => "=".to_string(),
            })
        }));
    }
    row.push(Cell::text(
        u.movers
            .iter()
            .map(|m| format!("{} {}", m.criterion, signed(lang, m.change)))
            .collect::<Vec<_>>()
            .join("; "),
    ));
    let last = u.figures.iter().rev().flatten().next();
    row.push(Cell::text(last.map_or_else(String::new, |f| {
        if f.excluded {
            words::not_considered(lang).to_string()
        } else {
            next_words(cx.set, lang, &f.next)
        }
    })));
    row
}

fn comparison_detail(
    cx: &Context<'_>,
    c: &Comparison<'_>,
    id: &str,
    rows: &[crate::engine::compare::CriterionRow],
) -> Result<Vec<Block>, ScoreOverflow> {
    let lang = cx.lang;
    let mut out = Vec::new();
    let Some(unit) = c.units.find(id)? else {
        return Ok(out);
    };
    out.push(Block::Heading(format!("{} ({})", unit.name, unit.id)));
    let mut figures = Grid::new([
        (Cow::Borrowed(""), Align::Left),
        (Label::Score.words(lang), Align::Right),
        (Label::Rank.words(lang), Align::Right),
        (Label::Met.words(lang), Align::Right),
        (Label::Rating.words(lang), Align::Left),
        (Label::ToTheNextRating.words(lang), Align::Left),
    ]);
    for (label, f) in c.labels.iter().zip(&unit.figures) {
        match f {
            Some(f) => figures.push(vec![
                Cell::text(label),
                Cell::Number(f.score),
                rank_or_none(f.excluded, f.rank),
                Cell::text(format!("{}/{}", f.met, f.applicable)),
                rating_cell(cx.set, lang, f.excluded, &f.rating),
                Cell::text(if f.excluded {
                    String::new()
                } else {
                    next_words(cx.set, lang, &f.next)
                }),
            ]),
            None => figures.push(vec![
                Cell::text(label),
                Cell::text("—"),
                Cell::text("—"),
                Cell::text("—"),
                Cell::text(ChangesMessage::Absent.words(lang)),
                Cell::text(""),
            ]),
        }
    }
    out.push(Block::Table(figures));
    let (value, points) = (Label::Value.words(lang), Label::Points.words(lang));
    let mut columns: Vec<(String, Align)> = vec![
        (Label::Id.words(lang).into(), Align::Left),
        (Label::Criterion.words(lang).into(), Align::Left),
    ];
    for label in &c.labels {
        columns.push((format!("{value} {label}"), Align::Right));
        columns.push((format!("{points} {label}"), Align::Right));
    }
    columns.push(("Δ".into(), Align::Right));
    let mut grid = Grid::new(columns);
    // On a narrow terminal the points and their change stay; the values
    // they were scored on go, then the ids.
    let values: Vec<String> = c.labels.iter().map(|l| format!("{value} {l}")).collect();
    grid.optional_together(&values);
    grid.optional_together(&[Label::Id.words(lang)]);
    for r in rows {
        let mut row = vec![Cell::text(&r.id), Cell::text(&r.title)];
        for cell in &r.cells {
            match cell {
                Some(cell) => {
                    row.push(Cell::text(words::value(
                        lang,
                        &cell.rule,
                        cell.unit.as_deref(),
                        &cell.value,
                    )));
                    row.push(match cell.status {
                        Status::NotApplicable => Cell::text("—"),
                        _ => Cell::Number(cell.points),
                    });
                }
                None => row.extend([Cell::text("—"), Cell::text("—")]),
            }
        }
        // A number (negative = fewer points), so spreadsheets can sort it.
        row.push(r.change.map_or_else(|| Cell::text(""), Cell::Number));
        grid.push(row);
    }
    out.push(Block::Table(grid.into_main()));
    Ok(out)
}

/// How stable each unit's rating and place are under perturbed rules.
pub fn sensitivity(cx: &Context<'_>, s: &crate::engine::sensitivity::Sensitivity) -> Vec<Block> {
    let mut out = sensitivity_head(cx, s);
    let mut grid = sensitivity_table(cx, s);
    let clustered = s.units.iter().any(|u| u.cluster.is_some());
    for u in &s.units {
        grid.push(sensitivity_row(cx, clustered, u));
    }
    out.push(Block::Table(grid.into_main()));
    out
}

/// A sensitivity analysis up to its main table: the title, the runs and
/// the units flagged. The table follows as [`sensitivity_table`]'s header
/// and a [`sensitivity_row`] per unit, so a renderer can write it row by
/// row.
pub fn sensitivity_head(
    cx: &Context<'_>,
    s: &crate::engine::sensitivity::Sensitivity,
) -> Vec<Block> {
    let lang = cx.lang;
    let title = ChangesMessage::SensitivityTitle { set: &cx.set.title };
    let setup = ChangesMessage::SensitivitySetup {
        runs: s.runs,
        seed: s.seed,
        points: &percent(lang, s.variation.points),
        thresholds: &percent(lang, s.variation.thresholds),
        flag_share: &percent(lang, s.flag_share),
    };
    let mut out = vec![
        Block::Title(title.words(lang).into()),
        Block::Subtitle(setup.words(lang).into()),
    ];
    let flagged = s.units.iter().filter(|u| u.flagged).count();
    out.push(Block::Paragraph(
        ChangesMessage::FragileUnits { units: flagged }
            .words(lang)
            .into(),
    ));
    out
}

/// The header of a sensitivity analysis's main table, with no rows.
pub fn sensitivity_table(cx: &Context<'_>, s: &crate::engine::sensitivity::Sensitivity) -> Grid {
    let lang = cx.lang;
    let clustered = s.units.iter().any(|u| u.cluster.is_some());
    let mut columns: Vec<(Label, Align)> = vec![
        (Label::Rank, Align::Right),
        (Label::Id, Align::Left),
        (Label::Unit, Align::Left),
    ];
    if clustered {
        columns.push((Label::Cluster, Align::Left));
    }
    columns.extend([
        (Label::Rating, Align::Left),
        (Label::RatingKept, Align::Right),
        (Label::RankRange, Align::Right),
        (
            if clustered {
                Label::FirstInCluster
            } else {
                Label::First
            },
            Align::Left,
        ),
        (Label::FirstPlaceChanged, Align::Right),
        (Label::Flag, Align::Left),
        (Label::ToTheNextRating, Align::Left),
    ]);
    let mut grid = Grid::new(columns.into_iter().map(|(h, a)| (h.words(lang), a)));
    for group in [
        Label::ToTheNextRating,
        Label::Id,
        Label::RankRange,
        Label::FirstPlaceChanged,
    ] {
        grid.optional_together(&[group.words(lang)]);
    }
    grid
}

/// One unit's row of a sensitivity analysis's main table; `clustered`:
/// whether any unit is in a cluster.
pub fn sensitivity_row(
    cx: &Context<'_>,
    clustered: bool,
    u: &crate::engine::sensitivity::UnitSensitivity,
) -> Vec<Cell> {
    let lang = cx.lang;
    let mut row = vec![
        rank_or_none(u.excluded, u.rank),
        Cell::text(&u.id),
        Cell::text(&u.name),
    ];
    if clustered {
        row.push(Cell::text(u.cluster.as_deref().unwrap_or_default()));
    }
    // A unit not considered has no rank or rating to be stable or not.
    let ranks = if u.excluded {
        String::new()
    } else {
        format!("{}–{}", u.rank_p5, u.rank_p95)
    };
    row.extend([
        rating_cell(cx.set, lang, u.excluded, &u.rating),
        Cell::text(if u.excluded {
            String::new()
        } else {
            percent(lang, u.kept)
        }),
        Cell::text(ranks),
        Cell::text(if u.top { words::yes_no(lang, true) } else { "" }),
        Cell::text(percent(lang, u.top_changed)),
        if u.flagged {
            Cell::marked(Tone::Caution, ChangesMessage::Fragile.words(lang))
        } else {
            Cell::text("")
        },
        Cell::text(if u.excluded {
            String::new()
        } else {
            next_words(cx.set, lang, &u.next)
        }),
    ]);
    row
}
