//! HTML: one self-contained page (inline CSS and SVG), escaped everywhere.
//!
//! Rust prepares plain strings (text, and chart coordinates computed with
//! decimals); the template only lays them out. The template's name ends in
//! `.html.j2`, so minijinja escapes every value it prints, SVG text included.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use minijinja::{Environment, UndefinedBehavior, Value, context};
use rust_decimal::Decimal;

use super::content::{self, Align, Block, Cell, Grid};
use super::messages::{Label, PageMessage};
use super::words::{self, num, num_in};
use super::{Context, Document, RenderError, Renderer};
use crate::exact::round_half_away as round;
use crate::i18n::{Lang, Message};
use crate::model::{CriteriaSet, Evaluation, UnitResult};

pub(super) struct HtmlRenderer;

const TEMPLATE_NAME: &str = "report.html.j2";
/// A ranking of at most this many units shows each unit's details and its
/// bar charts: every ward and commune of a province fits. A larger one (a
/// national set) is a summary and the ranking tables (per cluster, where
/// there are clusters), which a browser opens and a person reads; a unit's
/// details are then one `wardscore explain` away.
pub(super) const DETAIL_UNITS: usize = 500;
const TEMPLATE: &str = include_str!("../../templates/report.html.j2");

/// Okabe–Ito colours, best rating first: distinguishable with the common
/// colour-vision deficiencies and in greyscale print together with the text.
const RATING_COLOURS: [&str; 8] = [
    "#009E73", "#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999",
];

/// Paul Tol's "muted" scheme for groups, with a legible label colour each.
const GROUP_COLOURS: [(&str, &str); 9] = [
    ("#332288", "#ffffff"),
    ("#88CCEE", "#000000"),
    ("#44AA99", "#000000"),
    ("#DDCC77", "#000000"),
    ("#CC6677", "#000000"),
    ("#882255", "#ffffff"),
    ("#117733", "#ffffff"),
    ("#999933", "#000000"),
    ("#AA4499", "#ffffff"),
];

fn rating_colour(i: usize) -> &'static str {
    RATING_COLOURS[i % RATING_COLOURS.len()]
}

/// The colour of units not considered: a light grey, unlike every
/// rating's (they have no rating).
const NO_RATING_COLOUR: &str = "#DDDDDD";

/// A unit's colour: its rating's, or [`NO_RATING_COLOUR`].
fn unit_colour(u: &UnitResult) -> &'static str {
    u.rated()
        .map_or(NO_RATING_COLOUR, |r| rating_colour(r.position()))
}

// Chart geometry, in SVG user units (the viewBox scales to the page).
const CHART_WIDTH: i64 = 1000;
/// Room for "rank. name" left of the bars.
const LABEL_WIDTH: i64 = 210;
/// Room for the rating (with quota note and failed gates) right of the bars.
const NOTE_WIDTH: i64 = 230;
/// Room for the score printed at a bar's end.
const VALUE_WIDTH: i64 = 52;
const ROW_HEIGHT: i64 = 18;
const BAR_HEIGHT: i64 = 12;
const TOP: i64 = 24;
const BOTTOM: i64 = 24;
/// Chart labels are cut to this many characters; the table has the full name.
const LABEL_CHARS: usize = 28;
/// Segments narrower than this carry no value label (it would not fit).
const SEGMENT_LABEL_MIN: i64 = 30;

/// The score chart's bars leave room for the rating notes on the right.
fn plot_width() -> Decimal {
    Decimal::from(CHART_WIDTH - LABEL_WIDTH - NOTE_WIDTH - VALUE_WIDTH)
}

/// The group chart has no notes, so its bars may run wider.
fn stack_width() -> Decimal {
    Decimal::from(CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH - 16)
}

/// A coordinate for SVG: one decimal, no trailing zeros.
fn coord(d: Decimal) -> String {
    num(round(d, 1))
}

/// `value` as a length on an axis `span` long that ends at `scale`; clamped
/// to the axis, so a negative score draws no bar.
fn along(value: Decimal, span: Decimal, scale: Decimal) -> Decimal {
    if scale <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let v = value.max(Decimal::ZERO).min(scale);
    v.checked_mul(span)
        .and_then(|p| p.checked_div(scale))
        .map_or(Decimal::ZERO, |d| round(d, 1))
}

fn short(s: &str) -> String {
    if s.chars().count() <= LABEL_CHARS {
        s.to_string()
    } else {
        let cut: String = s.chars().take(LABEL_CHARS - 1).collect();
        format!("{cut}…")
    }
}

/// Anchor ids from unit ids: ASCII letters, digits, `-` and `_` kept, any
/// other character written as its code point between dots (`Hà` is
/// `u-H.e0.`). That is one-to-one, so distinct ids (as unit ids are) never
/// share an anchor; were an id repeated, a numbered suffix keeps the anchor
/// unique, each base counting on from its last number so no anchor is
/// tried twice.
fn anchors(units: &[UnitResult]) -> Vec<String> {
    anchor_ids(units.iter().map(|u| u.id.as_str()))
}

fn anchor_ids<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    use std::fmt::Write as _;
    let mut seen = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    ids.map(|unit_id| {
        let mut base = String::with_capacity(unit_id.len() + 2);
        base.push_str("u-");
        for c in unit_id.chars() {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                base.push(c);
            } else {
                let _ = write!(base, ".{:x}.", u32::from(c));
            }
        }
        if seen.insert(base.clone()) {
            return base;
        }
        let n = next_suffix.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if seen.insert(id.clone()) {
                return id;
            }
        }
    })
    .collect()
}

fn cell_view(lang: Lang, c: &Cell, align: Align) -> Value {
    let text = c.text_in(lang);
    // The met column's marks get a class; the mark itself stays the signal.
    let class = match text.as_str() {
        "✓" => "yes",
        "✗" => "no",
        _ => "",
    };
    context! { text, num => align == Align::Right, class, href => (), swatch => () }
}

fn header_view(g: &Grid) -> Vec<Value> {
    g.header
        .iter()
        .zip(&g.align)
        .map(|(h, a)| context! { text => h, num => *a == Align::Right })
        .collect()
}

fn grid_view(lang: Lang, g: &Grid) -> Value {
    let rows: Vec<Value> = g
        .rows
        .iter()
        .map(|r| {
            let cells: Vec<Value> = r
                .cells
                .iter()
                .zip(&g.align)
                .map(|(c, a)| cell_view(lang, c, *a))
                .collect();
            context! { cells, emphasis => r.emphasis, class => "" }
        })
        .collect();
    context! { header => header_view(g), rows }
}

fn check_view(lang: Lang, passed: Option<bool>, text: &str) -> Value {
    let (class, mark, word) = match passed {
        Some(true) => ("pass", "✓", Label::CheckPassed.text(lang)),
        Some(false) => ("fail", "✗", Label::CheckFailed.text(lang)),
        None => ("na", "–", Label::NotApplicable.text(lang)),
    };
    context! { class, mark, word, text }
}

/// Blocks as template items; consecutive checks become one list.
fn blocks_view(lang: Lang, blocks: &[Block]) -> Vec<Value> {
    let mut out = Vec::new();
    let mut checks = Vec::new();
    for b in blocks {
        if let Block::Check { passed, text } = b {
            checks.push(check_view(lang, *passed, text));
            continue;
        }
        if !checks.is_empty() {
            out.push(context! { kind => "checks", checks => std::mem::take(&mut checks) });
        }
        out.push(match b {
            Block::Title(t) => context! { kind => "title", text => t },
            Block::Subtitle(t) => context! { kind => "subtitle", text => t },
            Block::Heading(t) => context! { kind => "heading", text => t },
            Block::Paragraph(t) => context! { kind => "paragraph", text => t },
            Block::Table(g) => context! { kind => "table", table => grid_view(lang, g) },
            Block::Check { .. } => continue,
        });
    }
    if !checks.is_empty() {
        out.push(context! { kind => "checks", checks });
    }
    out
}

/// Leading title and subtitle blocks (the page header), and the rest.
fn split_head(blocks: Vec<Block>) -> (Option<String>, Option<String>, Vec<Block>) {
    let (mut title, mut subtitle) = (None, None);
    let mut rest = Vec::new();
    for b in blocks {
        match b {
            Block::Title(t) if rest.is_empty() && title.is_none() => title = Some(t),
            Block::Subtitle(t) if rest.is_empty() && subtitle.is_none() => subtitle = Some(t),
            other => rest.push(other),
        }
    }
    (title, subtitle, rest)
}

/// The generation date for the header: the day of the RFC 3339 stamp.
/// The report's date as the language writes it: `15/12/2023`, or
/// `2023-12-15` in English. The profile's date: today in Vietnam's time
/// unless given, never the UTC day of the stamp.
fn report_day(cx: &Context<'_>) -> String {
    match cx.lang {
        Lang::Vi => cx.profile.date.slashed(),
        Lang::En => cx.profile.date.iso(),
    }
}

fn head_view(
    cx: &Context<'_>,
    eyebrow: Option<&str>,
    title: Option<String>,
    subtitle: Option<String>,
) -> Value {
    let (set, lang) = (cx.set, cx.lang);
    let day = report_day(cx);
    let meta: Vec<Value> = [
        (Label::Issuer.text(lang), cx.profile.issuer.as_deref()),
        (Label::Basis.text(lang), set.basis.as_deref()),
        (Label::Period.text(lang), cx.profile.period.as_deref()),
        (Label::ReportDate.text(lang), Some(day.as_str())),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|value| context! { label, value }))
    .collect();
    context! {
        eyebrow,
        title => title.unwrap_or_else(|| set.title.clone()),
        subtitle,
        meta,
    }
}

fn stamp_view(cx: &Context<'_>) -> Value {
    let lines: Vec<Value> = content::stamp_lines(cx)
        .into_iter()
        .map(|(label, value)| context! { label, value })
        .collect();
    context! {
        heading => Label::Reproducibility.text(cx.lang),
        lines,
    }
}

/// The rating as shown next to a unit: id, quota note, failed gates, all
/// in words so nothing relies on colour.
fn rating_note(lang: Lang, set: &CriteriaSet, u: &UnitResult) -> String {
    let rating = words::rating_with_note(lang, set, u);
    let failed = words::failed_gates(set, u);
    if failed.is_empty() {
        rating
    } else {
        format!("{rating} · ✗ {failed}")
    }
}

fn legend_view(set: &CriteriaSet) -> Vec<Value> {
    set.ratings
        .iter()
        .enumerate()
        .map(|(i, r)| context! { colour => rating_colour(i), id => r.short.as_deref().unwrap_or_default(), title => &r.title })
        .collect()
}

/// Rating counts for the header, best rating first.
fn summary_view(set: &CriteriaSet, lang: Lang, eval: &Evaluation) -> Vec<Value> {
    let mut counts: Vec<Value> = set
        .rating_indices()
        .map(|i| {
            let r = set.rating(i);
            let count = eval.units.iter().filter(|u| u.rated() == Some(i)).count();
            context! { colour => rating_colour(i.position()), shown => r.shown(), title => &r.title, count }
        })
        .collect();
    // Units not considered have no rating: counted apart, so that the
    // counts add up to the units.
    let apart = eval.units.iter().filter(|u| u.rated().is_none()).count();
    if apart > 0 {
        counts.push(context! {
            colour => NO_RATING_COLOUR,
            shown => Label::NotConsidered.text(lang),
            title => Label::NotConsideredHeading.text(lang),
            count => apart,
        });
    }
    counts
}

fn row_y(i: usize) -> (Decimal, Decimal) {
    let top = Decimal::from(TOP) + Decimal::from(ROW_HEIGHT) * Decimal::from(i);
    let bar = top + Decimal::from(ROW_HEIGHT - BAR_HEIGHT) / Decimal::TWO;
    (top, bar)
}

fn chart_height(rows: usize) -> String {
    (TOP + BOTTOM + ROW_HEIGHT * i64::try_from(rows).unwrap_or(0)).to_string()
}

/// Ticks at quarters of the full points, on an axis ending at `scale`.
fn ticks(lang: Lang, full: Decimal, scale: Decimal, span: Decimal) -> Vec<Value> {
    (0..=4)
        .map(|q| full * Decimal::from(q) / Decimal::from(4))
        .filter(|t| *t <= scale)
        .map(|t| {
            let x = Decimal::from(LABEL_WIDTH) + along(t, span, scale);
            context! { x => coord(x), label => words::approx(lang, t) }
        })
        .collect()
}

/// What both bar charts share: their size, row geometry and axis.
fn chart_frame(rows: usize) -> Value {
    let x0 = Decimal::from(LABEL_WIDTH);
    let bottom = Decimal::from(TOP + ROW_HEIGHT * i64::try_from(rows).unwrap_or(0));
    context! {
        width => CHART_WIDTH.to_string(),
        height => chart_height(rows),
        row_h => ROW_HEIGHT.to_string(),
        bar_h => BAR_HEIGHT.to_string(),
        label_x => coord(x0 - Decimal::from(8)),
        x0 => coord(x0),
        top => TOP.to_string(),
        bottom => coord(bottom),
        axis_label_y => coord(bottom + Decimal::from(15)),
    }
}

fn score_chart(cx: &Context<'_>, eval: &Evaluation, anchors: &[String]) -> Value {
    let (set, lang) = (cx.set, cx.lang);
    let highest = eval
        .units
        .iter()
        .map(|u| u.score)
        .max()
        .unwrap_or(Decimal::ZERO);
    let scale = eval.full_max.max(highest);
    let x0 = Decimal::from(LABEL_WIDTH);
    let rows: Vec<Value> = eval
        .units
        .iter()
        .zip(anchors)
        .enumerate()
        .map(|(i, (u, anchor))| {
            let (top, bar_y) = row_y(i);
            let w = along(u.score, plot_width(), scale);
            let note = rating_note(lang, set, u);
            context! {
                href => format!("#{anchor}"),
                label => format!("{} {}", words::rank_label(u), short(&u.name)),
                tooltip => format!("{} ({}): {} · {}", u.name, u.id, num_in(lang, u.score), note),
                stripe => i % 2 == 1,
                row_y => coord(top),
                mid_y => coord(top + Decimal::from(ROW_HEIGHT) / Decimal::TWO),
                bar_y => coord(bar_y),
                w => coord(w),
                colour => unit_colour(u),
                score => num_in(lang, u.score),
                score_x => coord(x0 + w + Decimal::from(4)),
                note,
            }
        })
        .collect();
    let thresholds: Vec<Value> = set
        .ratings
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let min = r.min_score.filter(|m| *m > Decimal::ZERO && *m <= scale)?;
            Some(context! {
                x => coord(x0 + along(min, plot_width(), scale)),
                colour => rating_colour(i),
                label => format!("{} ≥ {}", r.shown(), num_in(lang, min)),
            })
        })
        .collect();
    let frame = chart_frame(rows.len());
    context! {
        heading => Label::ScoreByUnit.text(lang),
        caption => PageMessage::ScoreChartCaption { scale }.words(lang),
        note_x => (CHART_WIDTH - NOTE_WIDTH + 8).to_string(),
        threshold_label_y => (TOP - 8).to_string(),
        ticks => ticks(lang, eval.full_max, scale, plot_width()),
        thresholds,
        legend => legend_view(set),
        // The shared geometry last: a spread closes the list.
        rows, ..frame
    }
}

fn group_chart(cx: &Context<'_>, eval: &Evaluation, anchors: &[String]) -> Option<Value> {
    let (set, lang) = (cx.set, cx.lang);
    if set.groups.is_empty() {
        return None;
    }
    let full: Decimal = (0..set.groups.len()).map(|g| set.group_max(g)).sum();
    let highest = eval
        .units
        .iter()
        .map(|u| u.groups.iter().copied().sum::<Decimal>())
        .max()
        .unwrap_or(Decimal::ZERO);
    let scale = full.max(highest);
    let x0 = Decimal::from(LABEL_WIDTH);
    let rows: Vec<Value> = eval
        .units
        .iter()
        .zip(anchors)
        .enumerate()
        .map(|(i, (u, anchor))| {
            let (top, bar_y) = row_y(i);
            let mut sum = Decimal::ZERO;
            let mut segments = Vec::new();
            for (g, (group, value)) in set.groups.iter().zip(&u.groups).enumerate() {
                // Ends computed from running sums so segments abut exactly.
                let start = along(sum, stack_width(), scale);
                sum += *value;
                let w = along(sum, stack_width(), scale) - start;
                let (colour, ink) = GROUP_COLOURS[g % GROUP_COLOURS.len()];
                let label = if w >= Decimal::from(SEGMENT_LABEL_MIN) {
                    num_in(lang, *value)
                } else {
                    String::new()
                };
                segments.push(context! {
                    x => coord(x0 + start),
                    w => coord(w),
                    text_x => coord(x0 + start + w / Decimal::TWO),
                    colour,
                    ink,
                    label,
                    tooltip => format!(
                        "{} — {} {}: {} / {}",
                        u.name, group.id, group.title, num_in(lang, *value), num_in(lang, set.group_max(g))
                    ),
                });
            }
            let end = along(sum, stack_width(), scale);
            context! {
                href => format!("#{anchor}"),
                label => format!("{} {}", words::rank_label(u), short(&u.name)),
                stripe => i % 2 == 1,
                row_y => coord(top),
                mid_y => coord(top + Decimal::from(ROW_HEIGHT) / Decimal::TWO),
                bar_y => coord(bar_y),
                segments,
                total => num_in(lang, sum),
                total_x => coord(x0 + end + Decimal::from(4)),
            }
        })
        .collect();
    let legend: Vec<Value> = set
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            context! {
                colour => GROUP_COLOURS[g % GROUP_COLOURS.len()].0,
                id => &group.id,
                title => format!("{} ({} {})", group.title, Label::Maximum.text(lang), num_in(lang, set.group_max(g))),
            }
        })
        .collect();
    let frame = chart_frame(rows.len());
    Some(context! {
        heading => Label::PointsByGroup.text(lang),
        caption => PageMessage::GroupChartCaption { scale }.words(lang),
        ticks => ticks(lang, full, scale, stack_width()),
        legend,
        // The shared geometry last: a spread closes the list.
        rows, ..frame
    })
}

/// The ranking table, with unit names linked to their details and the
/// rating shown with its colour swatch next to its text.
/// A unit without details on the page (`None`) is not linked.
fn ranking_table(
    lang: Lang,
    grid: &Grid,
    units: &[&UnitResult],
    anchors: &[Option<&String>],
) -> Value {
    // `ranking_grid` ends with the failed gates and the rating columns.
    let last = grid.header.len().saturating_sub(1);
    let rows: Vec<Value> = grid
        .rows
        .iter()
        .zip(units.iter().zip(anchors))
        .map(|(row, (u, anchor))| {
            let cells: Vec<Value> = row
                .cells
                .iter()
                .zip(&grid.align)
                .enumerate()
                .map(|(i, (c, a))| {
                    let text = c.text_in(lang);
                    let is_name = matches!(c, Cell::Text(t) if *t == u.name);
                    let gates = i + 1 == last && !text.is_empty();
                    context! {
                        // content marks failed gates "✗ G1" already.
                        text => text,
                        num => *a == Align::Right,
                        class => if gates { "no" } else if i == last { "rating" } else { "" },
                        href => anchor.filter(|_| is_name).map(|a| format!("#{a}")),
                        swatch => (i == last).then(|| unit_colour(u)),
                    }
                })
                .collect();
            let class = if u.quota_lowered() || u.gates_failed_count() > 0 {
                "flagged"
            } else {
                ""
            };
            context! { cells, emphasis => row.emphasis, class }
        })
        .collect();
    context! { header => header_view(grid), rows }
}

fn unit_view(cx: &Context<'_>, u: &UnitResult, anchor: &str) -> Value {
    let (set, lang) = (cx.set, cx.lang);
    let (title, figures) = content::unit_headline(set, lang, u);
    let checks = content::gate_checks(set, lang, u);
    context! {
        anchor,
        heading => format!("{} {title}", words::rank_label(u)),
        figures,
        colour => unit_colour(u),
        note => rating_note(lang, set, u),
        table => grid_view(lang, &content::criteria_grid(set, lang, u)),
        score_lines => content::score_lines(set, lang, u),
        score_heading => Label::HowTheScoreAddsUp.text(lang),
        gates_heading => Label::Gates.text(lang),
        checks => blocks_view(lang, &checks),
    }
}

fn ranking_view(cx: &Context<'_>, eval: &Evaluation) -> Value {
    let (set, lang) = (cx.set, cx.lang);
    let detailed = eval.units.len() <= DETAIL_UNITS;
    let anchors = anchors(&eval.units);
    let anchor_of: HashMap<usize, &String> = eval
        .units
        .iter()
        .map(|u| u.input_index)
        .zip(&anchors)
        .collect();
    let (_, _, rest) = split_head(content::ranking(cx, eval));
    let units: Vec<&UnitResult> = eval.units.iter().collect();
    let grid = content::ranking_grid(set, lang, &units);
    let all_anchors: Vec<Option<&String>> = anchors
        .iter()
        .map(|a| Some(a).filter(|_| detailed))
        .collect();
    // Each cluster's own ranking, as the annex of a filed report has it.
    let clusters: Vec<Value> = super::filing::clusters(eval)
        .into_iter()
        .enumerate()
        .map(|(i, (cluster, members))| {
            let member_anchors: Vec<Option<&String>> = members
                .iter()
                .map(|m| anchor_of.get(&m.input_index).copied().filter(|_| detailed))
                .collect();
            let grid = content::ranking_grid(set, lang, &members);
            context! {
                anchor => format!("cluster-{}", i + 1),
                heading => super::filing::uppercase_first(&super::filing::cluster_name(lang, cluster)),
                table => ranking_table(lang, &grid, &members, &member_anchors),
            }
        })
        .collect();
    // The ranking's own table is drawn with links and swatches; its
    // legends and notes are ordinary blocks.
    // Only the ranking's own table is drawn above; a later table (what
    // review stages changed) stays with the notes.
    let mut ranking_seen = false;
    let notes: Vec<Block> = rest
        .into_iter()
        .filter(|b| {
            let ranking = matches!(b, Block::Table(_)) && !ranking_seen;
            ranking_seen |= ranking;
            !ranking
        })
        .collect();
    // A large ranking with clusters is read cluster by cluster: the
    // whole table again would double the page.
    let whole_table = detailed || clusters.is_empty();
    context! {
        heading => Label::Ranking.text(lang),
        table => whole_table.then(|| ranking_table(lang, &grid, &units, &all_anchors)),
        clusters,
        notes => blocks_view(lang, &notes),
        score_chart => detailed.then(|| score_chart(cx, eval, &anchors)),
        group_chart => group_chart(cx, eval, &anchors).filter(|_| detailed),
        details_heading => Label::UnitDetails.text(lang),
        details_note => (!detailed).then(|| details_note(cx, eval.units.len())),
        top_link => Label::BackToRanking.text(lang),
        units => eval.units.iter().zip(&anchors).filter(|_| detailed).map(|(u, a)| unit_view(cx, u, a)).collect::<Vec<_>>(),
    }
}

/// Why a large ranking has no unit details, and how to see one.
fn details_note(cx: &Context<'_>, units: usize) -> String {
    let (set, data) = cx.stamp.inputs_as_arguments();
    PageMessage::DetailsLeftOut {
        units,
        limit: DETAIL_UNITS,
        set: &set,
        data: &data,
    }
    .words(cx.lang)
    .into_owned()
}

/// The two-column header block of a filed document (Nghị định 30): the
/// agencies and the number on the left, the Quốc hiệu, the Tiêu ngữ and
/// the place and date on the right; the same as the Word report's.
fn official_view(cx: &Context<'_>, kind_code: &str) -> Value {
    let profile = cx.profile;
    let number = profile.number.clone().unwrap_or_else(|| {
        format!(
            "{}/{kind_code}-{}",
            super::filing::SHORT_BLANK,
            super::filing::SHORT_BLANK
        )
    });
    context! {
        parent => profile.parent.as_ref().map(|p| p.to_uppercase()),
        issuer => profile.issuer.as_deref().unwrap_or(super::filing::BLANK).to_uppercase(),
        number => format!("{}: {number}", Label::DocumentNumber.text(cx.lang)),
        nation => "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        motto => "Độc lập - Tự do - Hạnh phúc",
        place_date => super::filing::place_and_date(cx),
    }
}

fn page(cx: &Context<'_>, doc: &Document<'_>) -> Result<Value, RenderError> {
    let lang = cx.lang;
    let lang_code = match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    let (head, summary, ranking, blocks) = match doc {
        Document::Ranking(eval) => {
            let eval = &super::in_full(cx.set, eval)?;
            (
                head_view(cx, None, None, None),
                Some(summary_view(cx.set, lang, eval)),
                Some(ranking_view(cx, eval)),
                Vec::new(),
            )
        }
        Document::Explain(u, e) => {
            // The header names the unit and the set apart, so the set's
            // title is not repeated in the unit's heading.
            let (_, _, rest) = split_head(content::explain(cx, u, e));
            let (title, figures) = content::unit_headline(cx.set, lang, u);
            (
                head_view(cx, Some(&cx.set.title), Some(title), Some(figures)),
                None,
                None,
                blocks_view(lang, &rest),
            )
        }
        Document::Comparison(_) | Document::Sensitivity(_) => {
            let (title, subtitle, rest) = split_head(content::blocks(cx, doc)?);
            (
                head_view(cx, subtitle.as_deref(), title, None),
                None,
                None,
                blocks_view(lang, &rest),
            )
        }
        Document::Criteria => {
            // The subtitle repeats issuer, basis and period, which the
            // header lists one by one.
            let (title, _, rest) = split_head(content::criteria(cx));
            (
                head_view(cx, None, title, None),
                None,
                None,
                blocks_view(lang, &rest),
            )
        }
    };
    Ok(context! {
        lang => lang_code,
        tool => &cx.stamp.tool,
        doc => doc.kind(),
        units_label => Label::Units.text(lang),
        unit_count => match doc {
            Document::Ranking(eval) => eval.units.len(),
            _ => 0,
        },
        official => match doc {
            Document::Ranking(_) => Some(official_view(cx, "BC")),
            Document::Explain(..) => Some(official_view(cx, "PCĐ")),
            _ => None,
        },
        head,
        summary,
        ranking,
        // Not `blocks`: the template's macro of that name would shadow it.
        body => blocks,
        stamp => stamp_view(cx),
    })
}

impl Renderer for HtmlRenderer {
    fn render(
        &self,
        cx: &Context<'_>,
        doc: &Document<'_>,
        out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let mut env = Environment::new();
        // A misspelt field is an error, not silently blank output.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.add_template(TEMPLATE_NAME, TEMPLATE)?;
        let html = env.get_template(TEMPLATE_NAME)?.render(page(cx, doc)?)?;
        out.write_all(html.as_bytes())?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "html_large_tests.rs"]
mod large_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Options, Stamp};

    fn example() -> (CriteriaSet, Evaluation) {
        let (set, data) = example_data();
        let eval = crate::engine::evaluate(&set, &data, &crate::collate::VietnameseOrder::new())
            .expect("scores");
        (set, eval)
    }

    /// `data` ranked in the one store, keeping what HTML shows.
    pub(super) fn stored(
        set: &CriteriaSet,
        data: &crate::model::Dataset,
    ) -> crate::model::CompactEvaluation {
        let order = crate::collate::VietnameseOrder::new();
        crate::engine::compact::rank_dataset(set, data, crate::model::Keep::Values, &order)
            .expect("scores")
    }

    fn example_data() -> (CriteriaSet, crate::model::Dataset) {
        let (file, text) = crate::load::shipped::find("thi-dua-cuoi-nam").unwrap();
        let set = crate::load::parse_criteria(file, text).unwrap();
        let table = crate::load::table::read_csv(
            "thi-dua-2023.csv",
            include_str!("../../examples/thi-dua-2023.csv"),
            None,
        )
        .unwrap();
        let data = crate::load::data::bind(&set, &table, Default::default()).unwrap();
        (set, data)
    }

    pub(super) fn render(
        set: &CriteriaSet,
        stamp: &Stamp,
        lang: Lang,
        doc: &Document<'_>,
    ) -> String {
        let cx = Context {
            profile: &crate::model::Profile::default(),
            set,
            lang,
            stamp,
            options: Options::default(),
        };
        let mut out = Vec::new();
        HtmlRenderer.render(&cx, doc, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn data_is_escaped_everywhere() {
        let (mut set, mut data) = example_data();
        data.units[0].name = "<script>alert(1)</script>".into();
        data.units[1].name = "=HYPERLINK(\"x\")".into();
        data.units[2].id = "\"><b>id".into();
        set.title = "<i>title</i>".into();
        set.groups[0].title = "<g onload=x>".into();
        set.criteria[0].title = "<img src=x>".into();
        let html = render(
            &set,
            &Stamp::for_tests(),
            Lang::Vi,
            &Document::Ranking(&stored(&set, &data)),
        );
        assert!(!html.contains("<script"), "a data tag leaked");
        assert!(!html.contains("<i>title"));
        assert!(!html.contains("<g onload"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("<b>id"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
        assert!(html.contains("=HYPERLINK(&quot;x&quot;)"));
        assert!(!html.contains("HYPERLINK(\"x\")"));
        // In SVG text and tooltips too: every name appears in the table,
        // both charts and the detail heading.
        assert!(html.matches("&lt;script&gt;alert(1)").count() >= 4);
    }

    #[test]
    fn distinct_ids_get_distinct_anchors_without_a_suffix() {
        // Ids that differ only in letters outside ASCII, as Vietnamese ids do.
        let ids: Vec<String> = ('\u{c0}'..='\u{17f}')
            .chain('\u{1ea0}'..='\u{1ef9}')
            .map(|c| format!("H{c}"))
            .collect();
        let anchors = anchor_ids(ids.iter().map(String::as_str));
        assert_eq!(anchors[0], "u-H.c0.");
        let unique: HashSet<&String> = anchors.iter().collect();
        assert_eq!(unique.len(), ids.len());
        // No anchor needed a numbered suffix: none was found taken.
        let numbered = |a: &String| {
            a.rsplit_once('-')
                .is_some_and(|(_, n)| n.parse::<u32>().is_ok())
        };
        assert!(!anchors.iter().any(numbered), "{anchors:?}");
        assert_eq!(
            anchor_ids(["P-01", "x_y", "a b"].into_iter()),
            ["u-P-01", "u-x_y", "u-a.20.b"]
        );
    }

    #[test]
    fn repeated_ids_still_get_unique_anchors() {
        let anchors = anchor_ids(["A", "A-2", "A", "A", "Hà", "Hà"].into_iter());
        assert_eq!(
            anchors,
            ["u-A", "u-A-2", "u-A-3", "u-A-4", "u-H.e0.", "u-H.e0.-2"]
        );
    }

    #[test]
    fn every_unit_and_the_stamp_are_there() {
        let (set, eval) = example();
        let st = Stamp::for_tests();
        let html = render(
            &set,
            &st,
            Lang::Vi,
            &Document::Ranking(&stored(&set, &example_data().1)),
        );
        for u in &eval.units {
            assert!(html.contains(&u.name), "{} missing", u.name);
            assert!(
                html.contains(&format!("id=\"u-{}\"", u.id)),
                "{} anchor",
                u.id
            );
        }
        assert!(html.contains(&st.criteria_sha256));
        assert!(html.contains(st.data_sha256.as_deref().unwrap()));
        assert!(html.contains(&st.generated_at));
        assert!(html.contains("wardscore 0.0.0-test"));
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<html lang=\"vi\">"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        // Quota-lowered ratings and failed gates are in the text.
        // Ratings by title, never by id.
        assert!(html.contains("↓ Hoàn thành xuất sắc nhiệm vụ: hạn mức"));
        assert!(html.contains("✗ G1"));
        assert!(
            !html.contains(">HTXS<") && !html.contains(">HTT<"),
            "a rating id"
        );
    }

    #[test]
    fn self_contained_and_deterministic() {
        let (set, data) = example_data();
        let st = Stamp::for_tests();
        let a = render(
            &set,
            &st,
            Lang::En,
            &Document::Ranking(&stored(&set, &data)),
        );
        let b = render(
            &set,
            &st,
            Lang::En,
            &Document::Ranking(&stored(&set, &data)),
        );
        assert_eq!(a, b);
        assert!(a.contains("<html lang=\"en\">"));
        for needle in ["http", "<script", "<link", "src=", "url(", "@import"] {
            assert!(!a.contains(needle), "found {needle}");
        }
    }

    #[test]
    fn explain_and_criteria_pages() {
        let (set, eval) = example();
        let st = Stamp::for_tests();
        let u = eval
            .units
            .iter()
            .find(|u| u.gates_failed_count() > 0)
            .expect("a unit with a failed gate");
        let e = crate::engine::explain::explain(&set, u);
        let html = render(&set, &st, Lang::Vi, &Document::Explain(u, &e));
        assert!(html.contains(&u.name));
        assert!(html.contains("Không qua"), "the failed gate is named");
        assert!(html.contains(&st.criteria_sha256));
        assert!(!html.contains("http"));
        let html = render(&set, &st, Lang::En, &Document::Criteria);
        for c in &set.criteria {
            assert!(html.contains(&format!(">{}<", c.id)));
        }
        assert!(html.contains(&st.criteria_sha256));
        assert!(!html.contains("http"));
    }

    #[test]
    fn geometry_is_exact_and_clamped() {
        let span = Decimal::from(500);
        assert_eq!(
            along(Decimal::from(50), span, Decimal::from(100)),
            Decimal::from(250)
        );
        assert_eq!(
            along(Decimal::from(-5), span, Decimal::from(100)),
            Decimal::ZERO
        );
        assert_eq!(along(Decimal::from(200), span, Decimal::from(100)), span);
        assert_eq!(along(Decimal::ONE, span, Decimal::ZERO), Decimal::ZERO);
        assert_eq!(coord(Decimal::new(12345, 3)), "12.3");
        assert_eq!(coord(Decimal::from(40)), "40");
    }
}
