//! What comparisons and sensitivity runs say: changes between periods or
//! rule versions, and how stable ratings and places are.

use rust_decimal::Decimal;

use crate::engine::compare::Comparison;
use crate::model::ScoreOverflow;

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
    match next {
        None => lang.pick("(cao nhất)", "(top rating)").to_string(),
        Some(n) if n.by_downgrade => format!(
            "{}: {}",
            rating_by_id(set, &n.rating),
            lang.pick("bị hạ bậc", "downgraded")
        ),
        Some(n) if n.by_quota => format!(
            "{}: {}",
            rating_by_id(set, &n.rating),
            lang.pick("chỉ vướng hạn mức", "quota only")
        ),
        Some(n) if n.points_needed.is_zero() => {
            format!(
                "{}: {}",
                rating_by_id(set, &n.rating),
                lang.pick("điều kiện khác", "other conditions")
            )
        }
        Some(n) => format!(
            "{}: +{}",
            rating_by_id(set, &n.rating),
            num_in(lang, n.points_needed)
        ),
    }
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
        Block::Title(format!(
            "{}: {}",
            cx.lang.pick("So sánh", "Comparison"),
            c.labels.join(" → ")
        )),
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
    out.push(Block::Paragraph(match lang {
        Lang::Vi => format!(
            "{} đơn vị có trong mọi cột; {} chỉ có trong một số cột.",
            s.in_all, s.in_some
        ),
        Lang::En => format!(
            "{} unit(s) in every column; {} in some only.",
            s.in_all, s.in_some
        ),
    }));
    if c.ratings_comparable {
        out.push(Block::Paragraph(match lang {
            Lang::Vi => format!(
                "Xếp loại: {} đơn vị lên, {} xuống, {} giữ nguyên.",
                s.rating_up, s.rating_down, s.rating_same
            ),
            Lang::En => format!(
                "Ratings: {} up, {} down, {} unchanged.",
                s.rating_up, s.rating_down, s.rating_same
            ),
        }));
    }
    let movers = |list: &[(String, String, Decimal)]| {
        list.iter()
            .map(|(_, name, d)| format!("{name} {}", signed(lang, *d)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if !s.gains.is_empty() {
        out.push(Block::Paragraph(format!(
            "{}: {}",
            lang.pick("Tăng điểm nhiều nhất", "Biggest gains"),
            movers(&s.gains)
        )));
    }
    if !s.drops.is_empty() {
        out.push(Block::Paragraph(format!(
            "{}: {}",
            lang.pick("Giảm điểm nhiều nhất", "Biggest drops"),
            movers(&s.drops)
        )));
    }
    // Before the main table, which CSV takes as the document's table.
    out.extend(super::lineage::blocks(cx, c));
    out
}

/// The main table of a comparison of every unit, without its rows.
pub fn comparison_table(cx: &Context<'_>, c: &Comparison<'_>) -> Grid {
    let lang = cx.lang;
    let clustered = c.units.clustered();
    let mut columns: Vec<(String, Align)> = vec![
        (lang.pick("Mã", "Id").into(), Align::Left),
        (lang.pick("Đơn vị", "Unit").into(), Align::Left),
    ];
    if clustered {
        columns.push((lang.pick("Cụm", "Cluster").into(), Align::Left));
    }
    for label in &c.labels {
        columns.push((
            format!("{} {label}", lang.pick("Điểm", "Score")),
            Align::Right,
        ));
        columns.push((
            format!("{} {label}", lang.pick("Hạng", "Rank")),
            Align::Right,
        ));
        columns.push((
            format!("{} {label}", lang.pick("Xếp loại", "Rating")),
            Align::Left,
        ));
    }
    columns.push((lang.pick("Δ điểm", "Δ score").into(), Align::Right));
    columns.push((lang.pick("Δ hạng", "Δ rank").into(), Align::Right));
    if c.ratings_comparable {
        columns.push((lang.pick("Δ xếp loại", "Δ rating").into(), Align::Left));
    }
    columns.push((
        lang.pick("Tiêu chí đổi nhiều nhất", "Criteria that moved most")
            .into(),
        Align::Left,
    ));
    columns.push((
        lang.pick("Để lên loại trên", "To the next rating").into(),
        Align::Left,
    ));
    let refs: Vec<(&str, Align)> = columns.iter().map(|(h, a)| (h.as_str(), *a)).collect();
    let mut grid = Grid::new(&refs);
    // On a narrow terminal the scores and their change stay; the rest
    // goes, the most wordy first (`--unit` and `explain` give the detail).
    let per_label =
        |what: &str| -> Vec<String> { c.labels.iter().map(|l| format!("{what} {l}")).collect() };
    let ranks = per_label(lang.pick("Hạng", "Rank"));
    let ratings = per_label(lang.pick("Xếp loại", "Rating"));
    for group in [
        vec![lang.pick("Để lên loại trên", "To the next rating")],
        vec![lang.pick("Tiêu chí đổi nhiều nhất", "Criteria that moved most")],
        vec![lang.pick("Mã", "Id")],
        ranks.iter().map(String::as_str).collect(),
        vec![lang.pick("Δ hạng", "Δ rank")],
        vec![lang.pick("Cụm", "Cluster")],
        ratings.iter().map(String::as_str).collect(),
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
    let mut figures = Grid::new(&[
        ("", Align::Left),
        (lang.pick("Điểm", "Score"), Align::Right),
        (lang.pick("Hạng", "Rank"), Align::Right),
        (lang.pick("Đạt", "Met"), Align::Right),
        (lang.pick("Xếp loại", "Rating"), Align::Left),
        (
            lang.pick("Để lên loại trên", "To the next rating"),
            Align::Left,
        ),
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
                Cell::text(lang.pick("(không có)", "(absent)")),
                Cell::text(""),
            ]),
        }
    }
    out.push(Block::Table(figures));
    let mut columns: Vec<(String, Align)> = vec![
        (lang.pick("Mã", "Id").into(), Align::Left),
        (lang.pick("Tiêu chí", "Criterion").into(), Align::Left),
    ];
    for label in &c.labels {
        columns.push((
            format!("{} {label}", lang.pick("Giá trị", "Value")),
            Align::Right,
        ));
        columns.push((
            format!("{} {label}", lang.pick("Điểm", "Points")),
            Align::Right,
        ));
    }
    columns.push(("Δ".into(), Align::Right));
    let refs: Vec<(&str, Align)> = columns.iter().map(|(h, a)| (h.as_str(), *a)).collect();
    let mut grid = Grid::new(&refs);
    // On a narrow terminal the points and their change stay; the values
    // they were scored on go, then the ids.
    let values: Vec<String> = c
        .labels
        .iter()
        .map(|l| format!("{} {l}", lang.pick("Giá trị", "Value")))
        .collect();
    grid.optional_together(&values.iter().map(String::as_str).collect::<Vec<_>>());
    grid.optional_together(&[lang.pick("Mã", "Id")]);
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
    let mut out = vec![
        Block::Title(format!(
            "{}: {}",
            lang.pick("Độ nhạy", "Sensitivity"),
            cx.set.title
        )),
        Block::Subtitle(match lang {
            Lang::Vi => format!(
                "{} lần chấm lại, số khởi tạo ngẫu nhiên {}; điểm các tiêu chí ±{}, ngưỡng xếp loại ±{}; cảnh báo khi thay đổi ở hơn {} số lần",
                s.runs,
                s.seed,
                percent(lang, s.variation.points),
                percent(lang, s.variation.thresholds),
                percent(lang, s.flag_share)
            ),
            Lang::En => format!(
                "{} rescorings, seed {}; criteria points ±{}, rating thresholds ±{}; flagged when it changes in more than {} of runs",
                s.runs,
                s.seed,
                percent(lang, s.variation.points),
                percent(lang, s.variation.thresholds),
                percent(lang, s.flag_share)
            ),
        }),
    ];
    let flagged = s.units.iter().filter(|u| u.flagged).count();
    out.push(Block::Paragraph(match lang {
        Lang::Vi => format!(
            "{flagged} đơn vị có xếp loại hoặc vị trí dẫn đầu cụm dễ thay đổi (⚠): một nửa điểm có thể quyết định kết quả của họ."
        ),
        Lang::En => format!(
            "{flagged} unit(s) have a rating or first place that is easily changed (⚠): half a point can decide it."
        ),
    }));
    out
}

/// The header of a sensitivity analysis's main table, with no rows.
pub fn sensitivity_table(cx: &Context<'_>, s: &crate::engine::sensitivity::Sensitivity) -> Grid {
    let lang = cx.lang;
    let clustered = s.units.iter().any(|u| u.cluster.is_some());
    let mut columns: Vec<(&str, Align)> = vec![
        (lang.pick("Hạng", "Rank"), Align::Right),
        (lang.pick("Mã", "Id"), Align::Left),
        (lang.pick("Đơn vị", "Unit"), Align::Left),
    ];
    if clustered {
        columns.push((lang.pick("Cụm", "Cluster"), Align::Left));
    }
    columns.extend([
        (lang.pick("Xếp loại", "Rating"), Align::Left),
        (lang.pick("Giữ xếp loại", "Rating kept"), Align::Right),
        (lang.pick("Hạng (P5–P95)", "Rank (P5–P95)"), Align::Right),
        (
            if clustered {
                lang.pick("Dẫn đầu cụm", "First in cluster")
            } else {
                lang.pick("Dẫn đầu", "First")
            },
            Align::Left,
        ),
        (
            lang.pick("Thay đổi đơn vị dẫn đầu", "First place changed"),
            Align::Right,
        ),
        (lang.pick("Cảnh báo", "Flag"), Align::Left),
        (
            lang.pick("Để lên loại trên", "To the next rating"),
            Align::Left,
        ),
    ]);
    let mut grid = Grid::new(&columns);
    for group in [
        lang.pick("Để lên loại trên", "To the next rating"),
        lang.pick("Mã", "Id"),
        lang.pick("Hạng (P5–P95)", "Rank (P5–P95)"),
        lang.pick("Thay đổi đơn vị dẫn đầu", "First place changed"),
    ] {
        grid.optional_together(&[group]);
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
            Cell::marked(Tone::Caution, lang.pick("⚠ dễ đổi", "⚠ fragile"))
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
