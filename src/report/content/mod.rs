//! What each document says, as a list of blocks (headings, paragraphs,
//! tables) independent of markup. The terminal, Markdown and HTML renderers
//! all lay out these same blocks, so a sentence is written once.

use rust_decimal::Decimal;

use super::Context;
use super::words::{self, num_in};
use crate::engine::explain::{Explanation, InTheWay};
use crate::i18n::{Lang, Message as _};
use crate::model::{
    AdjustmentKind, CriteriaSet, Evaluation, Formula, RatingIdx, Rule, Status, TargetOf,
    TargetRule, UnitResult, WhenZero,
};

mod changes;
mod lineage;
pub mod messages;
mod relative;
pub mod stages;
mod standing;
mod unit;
pub use changes::{
    comparison, comparison_head, comparison_row, comparison_table, percent, sensitivity,
    sensitivity_head, sensitivity_row, sensitivity_table, signed,
};
use messages::{Label, RankingMessage, SetMessage, StampLabel};
pub use relative::reference_blocks;
pub use standing::Tally;
pub use unit::{
    base_line, criteria_grid, explain, gate_checks, rating_blocks, score_lines, unit_headline,
};

/// One table cell; numbers stay numbers so spreadsheets get them as such.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Text whose meaning a renderer may show beyond the words (a colour on
    /// a terminal): a rating, a pass/fail mark, a warning. The text says it
    /// too, so nothing is lost without colour.
    Marked(Tone, String),
    Number(Decimal),
    Int(i64),
}

/// What a marked cell means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Met, passed, the best rating.
    Good,
    /// A rating between the best and the worst.
    Middle,
    /// Lowered by a quota, easily changed, a what-if result.
    Caution,
    /// Not met, a failed gate, the lowest rating.
    Bad,
}

impl Tone {
    /// How rating `index` of `count` (best first) reads: the best good, the
    /// lowest bad, those between in the middle.
    pub fn of_rating(index: usize, count: usize) -> Tone {
        if index == 0 {
            Tone::Good
        } else if index + 1 >= count {
            Tone::Bad
        } else {
            Tone::Middle
        }
    }
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn marked(tone: Tone, s: impl Into<String>) -> Cell {
        Cell::Marked(tone, s.into())
    }

    /// Rating `index` of `set` as people read it, marked by its place.
    pub fn rating(set: &CriteriaSet, index: RatingIdx) -> Cell {
        Cell::marked(
            Tone::of_rating(index.position(), set.ratings.len()),
            words::rating_shown(set, index),
        )
    }

    /// ✓ or ✗.
    pub fn met(met: bool) -> Cell {
        let tone = if met { Tone::Good } else { Tone::Bad };
        Cell::marked(tone, words::met_mark(met))
    }
}

impl Cell {
    /// The cell as people read it in `lang`: a decimal comma in
    /// Vietnamese, and a negative number after the minus sign the reports'
    /// text writes (`−1,5`, as in "B1 −1,5"), in either language. Files
    /// read by programs (CSV, JSON, XLSX) keep their plain numbers.
    pub fn text_in(&self, lang: Lang) -> String {
        match self {
            Cell::Number(d) if d.is_sign_negative() && !d.is_zero() => {
                format!("−{}", num_in(lang, -*d))
            }
            Cell::Number(d) => num_in(lang, *d),
            Cell::Int(i) if *i < 0 => format!("−{}", i.unsigned_abs()),
            other => other.to_string(),
        }
    }
}

/// A rank, or an empty cell for a unit not considered (it has none).
pub fn rank_cell(rank: Option<u32>) -> Cell {
    rank.map_or(Cell::text(""), |r| Cell::Int(i64::from(r)))
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Text(s) | Cell::Marked(_, s) => f.write_str(s),
            Cell::Number(d) => f.write_str(&words::num(*d)),
            Cell::Int(i) => write!(f, "{i}"),
        }
    }
}

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub header: Vec<String>,
    pub align: Vec<Align>,
    pub rows: Vec<Row>,
    /// Columns a narrow terminal may leave out, by their indices, group by
    /// group and the first group first: details the other columns or
    /// another command also give. Layouts with room show every column.
    pub optional: Vec<Vec<usize>>,
    /// The document's main table, one row per unit (or per criterion of
    /// one unit): what a format with room for one table (CSV) writes.
    pub main: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A subtotal or section row (a group line), shown emphasised.
    pub emphasis: bool,
}

impl Grid {
    fn new<H: Into<String>>(columns: impl IntoIterator<Item = (H, Align)>) -> Grid {
        let (header, align) = columns.into_iter().map(|(h, a)| (h.into(), a)).unzip();
        Grid {
            header,
            align,
            rows: Vec::new(),
            optional: Vec::new(),
            main: false,
        }
    }

    /// The columns under these headers may be left out together when the
    /// terminal is narrow; groups go in the order they are given.
    fn optional_together<H: AsRef<str>>(&mut self, headers: &[H]) {
        let columns: Vec<usize> = self
            .header
            .iter()
            .enumerate()
            .filter(|(_, h)| headers.iter().any(|x| x.as_ref() == h.as_str()))
            .map(|(i, _)| i)
            .collect();
        if !columns.is_empty() {
            self.optional.push(columns);
        }
    }

    /// This grid as its document's main table.
    pub(crate) fn into_main(self) -> Grid {
        Grid { main: true, ..self }
    }

    /// A grid of plain rows under `columns`.
    pub(crate) fn with_rows(
        columns: Vec<(String, Align)>,
        rows: impl IntoIterator<Item = Vec<Cell>>,
    ) -> Grid {
        let (header, align) = columns.into_iter().unzip();
        Grid {
            header,
            align,
            rows: rows
                .into_iter()
                .map(|cells| Row {
                    cells,
                    emphasis: false,
                })
                .collect(),
            optional: Vec::new(),
            main: false,
        }
    }

    fn push(&mut self, cells: Vec<Cell>) {
        self.rows.push(Row {
            cells,
            emphasis: false,
        });
    }

    fn push_emphasis(&mut self, cells: Vec<Cell>) {
        self.rows.push(Row {
            cells,
            emphasis: true,
        });
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's title.
    Title(String),
    /// Lines under the title (issuer, basis, period).
    Subtitle(String),
    Heading(String),
    Paragraph(String),
    /// A line with a pass/fail mark (gates).
    Check {
        passed: Option<bool>,
        text: String,
    },
    Table(Grid),
}

/// The set's title, and under it the issuer and period of the report
/// profile (which fall back to the set's own) and the set's basis.
///
/// A profile made for filing (with a parent agency, a number or a place)
/// also puts its heading there, as the Word report's header block has it:
/// parent and issuing agency, "Số: …", and the place and date.
fn title_blocks(cx: &Context<'_>) -> Vec<Block> {
    let (set, profile, lang) = (cx.set, cx.profile, cx.lang);
    let mut out = vec![Block::Title(set.title.clone())];
    let filed = profile.parent.is_some() || profile.number.is_some() || profile.place.is_some();
    let number = profile
        .number
        .as_deref()
        .map(|number| SetMessage::Number { number }.words(lang));
    let dated = filed.then(|| super::filing::place_and_date(cx));
    let extra: Vec<&str> = [
        profile.parent.as_deref(),
        profile.issuer.as_deref(),
        number.as_deref(),
        dated.as_deref(),
        set.basis.as_deref(),
        profile.period.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !extra.is_empty() {
        out.push(Block::Subtitle(extra.join(" · ")));
    }
    out
}

/// The ranking table's columns, shared with the XLSX annex sheet.
pub fn ranking_grid(set: &CriteriaSet, lang: Lang, units: &[&UnitResult]) -> Grid {
    let mut grid = ranking_columns(set, lang);
    for u in units {
        grid.push(ranking_row(set, lang, u));
    }
    grid
}

/// The ranking table with no rows yet: its columns.
pub fn ranking_columns(set: &CriteriaSet, lang: Lang) -> Grid {
    let clustered = set.columns.cluster.is_some();
    let label = |l: Label| l.words(lang).into_owned();
    let mut columns: Vec<(String, Align)> = vec![(label(Label::Rank), Align::Right)];
    if clustered {
        columns.push((label(Label::RankInCluster), Align::Right));
    }
    columns.push((label(Label::Id), Align::Left));
    columns.push((label(Label::Unit), Align::Left));
    if clustered {
        columns.push((label(Label::Cluster), Align::Left));
    }
    columns.extend(set.groups.iter().map(|g| (g.id.clone(), Align::Right)));
    let pass_count = set.headline_is_pass_count();
    let (score, met) = (
        (words::score_label(lang, set).into(), Align::Right),
        (label(Label::Met), Align::Right),
    );
    // A set judged by its pass count leads with it.
    columns.extend(if pass_count {
        [met, score]
    } else {
        [score, met]
    });
    columns.extend([
        (label(Label::Note), Align::Left),
        (label(Label::Rating), Align::Left),
    ]);
    let mut grid = Grid::new(columns);
    // On a narrow terminal: the group subtotals (`explain` has them), then
    // the id (the name is there), then the count of criteria met.
    let groups: Vec<&str> = set.groups.iter().map(|g| g.id.as_str()).collect();
    grid.optional_together(&groups);
    grid.optional_together(&[Label::Id.words(lang)]);
    grid.optional_together(&[Label::Met.words(lang)]);
    grid
}

/// Unit `u`'s row of the ranking table.
pub fn ranking_row(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> Vec<Cell> {
    let clustered = set.columns.cluster.is_some();
    let pass_count = set.headline_is_pass_count();
    // A unit not considered has no rank: the cell stays empty.
    let mut row = vec![rank_cell(u.ranked())];
    if clustered {
        row.push(rank_cell(u.cluster_rank));
    }
    row.push(Cell::text(&u.id));
    row.push(Cell::text(&u.name));
    if clustered {
        row.push(Cell::text(u.cluster.as_deref().unwrap_or_default()));
    }
    row.extend(u.groups.iter().map(|g| Cell::Number(*g)));
    let (score, met) = (
        Cell::Number(u.score),
        Cell::text(format!("{}/{}", u.met, u.applicable)),
    );
    row.extend(if pass_count {
        [met, score]
    } else {
        [score, met]
    });
    // Marked in text, not by colour alone; the rating column holds the
    // rating alone, so a filter on it finds every unit of that rating.
    let failed = words::failed_gates(set, u);
    let mut note: Vec<String> = Vec::new();
    if !failed.is_empty() {
        note.push(format!("✗ {failed}"));
    }
    note.extend(words::standing_notes(lang, set, u));
    let note = note.join(" · ");
    row.push(if failed.is_empty() {
        Cell::Text(note)
    } else {
        Cell::Marked(Tone::Bad, note)
    });
    row.push(match u.rated() {
        Some(rating) => Cell::rating(set, rating),
        None => Cell::text(words::unit_rating(lang, set, u)),
    });
    row
}

fn legends(set: &CriteriaSet, lang: Lang, tally: &Tally) -> Vec<Block> {
    let mut out = Vec::new();
    if !set.groups.is_empty() {
        let legend: Vec<String> = set
            .groups
            .iter()
            .map(|g| format!("{} = {}", g.id, g.title))
            .collect();
        let groups = &legend.join("; ");
        out.push(Block::Paragraph(
            RankingMessage::GroupsLegend { groups }.words(lang).into(),
        ));
    }
    // Ratings are shown by title; short titles need their legend.
    let ratings: Vec<String> = set
        .ratings
        .iter()
        .filter_map(|r| r.short.as_ref().map(|s| format!("{s} = {}", r.title)))
        .collect();
    if !ratings.is_empty() {
        let ratings = &ratings.join("; ");
        out.push(Block::Paragraph(
            RankingMessage::RatingsLegend { ratings }.words(lang).into(),
        ));
    }
    out.extend(standing::legends(set, lang, tally));
    let lowered = tally.quota_lowered();
    if lowered > 0 {
        out.push(Block::Paragraph(
            RankingMessage::QuotaLowered { units: lowered }
                .words(lang)
                .into(),
        ));
    }
    out
}

/// The ranking: title, table, legends.
/// A what-if run must never pass for the real thing.
fn what_if_note(cx: &Context<'_>) -> Option<Block> {
    let changes = cx.stamp.overrides.join(" ");
    (!changes.is_empty()).then(|| {
        Block::Paragraph(
            RankingMessage::WhatIf { changes: &changes }
                .words(cx.lang)
                .into(),
        )
    })
}

pub fn ranking(cx: &Context<'_>, eval: &Evaluation) -> Vec<Block> {
    let (set, lang) = (cx.set, cx.lang);
    let mut out = ranking_head(cx);
    let units: Vec<&UnitResult> = eval.units.iter().collect();
    out.push(Block::Table(ranking_grid(set, lang, &units).into_main()));
    let mut tail = RankingTail::new(cx);
    eval.units.iter().for_each(|u| tail.add(u));
    out.extend(tail.blocks());
    out
}

/// What comes before the ranking table: the title, and a what-if warning.
pub fn ranking_head(cx: &Context<'_>) -> Vec<Block> {
    let mut out = title_blocks(cx);
    out.extend(what_if_note(cx));
    out
}

/// What comes after the ranking table: its legends, from what `tally`
/// counted of the units, and the cells later stages changed (`changes`,
/// the units' [`stages::change_rows`] in rank order).
pub fn ranking_tail(cx: &Context<'_>, tally: &Tally, changes: Vec<Vec<Cell>>) -> Vec<Block> {
    let mut out = legends(cx.set, cx.lang, tally);
    out.extend(stages::blocks_of_changes(cx, changes));
    out
}

/// What a ranking says below its table ([`ranking_tail`]), gathered unit
/// by unit as the table is written: a ranking written as it goes keeps no
/// unit for it.
pub struct RankingTail<'a> {
    cx: Context<'a>,
    tally: Tally,
    /// Rows of the list of changed cells, in the order units were added.
    changes: Vec<Vec<Cell>>,
}

impl<'a> RankingTail<'a> {
    pub fn new(cx: &Context<'a>) -> Self {
        RankingTail {
            cx: *cx,
            tally: Tally::default(),
            changes: Vec::new(),
        }
    }

    /// Counts unit `u`, the next in the table's order.
    pub fn add(&mut self, u: &UnitResult) {
        self.tally.add(u);
        self.changes.extend(stages::change_rows(&self.cx, u));
    }

    pub fn blocks(self) -> Vec<Block> {
        ranking_tail(&self.cx, &self.tally, self.changes)
    }
}

/// The criteria set itself.
pub fn criteria(cx: &Context<'_>) -> Vec<Block> {
    let (set, lang) = (cx.set, cx.lang);
    let mut out = title_blocks(cx);
    out.push(Block::Paragraph(
        SetMessage::IdAndFullPoints {
            id: &set.id,
            full_points: set.full_max(),
        }
        .words(lang)
        .into(),
    ));
    out.push(Block::Table(criteria_table(set, lang)));
    if !set.results.is_empty() {
        out.push(Block::Heading(
            SetMessage::ResultsFromOtherSets.words(lang).into(),
        ));
        for r in &set.results {
            out.push(Block::Paragraph(
                SetMessage::ResultFields {
                    prefix: &r.prefix,
                    set: &r.criteria,
                }
                .words(lang)
                .into(),
            ));
        }
    }
    if !set.derived.is_empty() {
        out.push(Block::Heading(
            SetMessage::DerivedIndicatorsHeading.words(lang).into(),
        ));
        for d in &set.derived {
            let (a, b) = (set.indicator_name(d.a), set.indicator_name(d.b));
            let formula = match d.formula {
                Formula::Ratio => format!("100 × {a} ÷ {b}"),
                Formula::Change => format!("100 × ({a} − {b}) ÷ {b}"),
            };
            let zero = match d.when_zero {
                WhenZero::NotApplicable => SetMessage::NotApplicable.words(lang).into(),
                WhenZero::Value(v) => num_in(lang, v),
            };
            let title = d
                .title
                .as_deref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default();
            out.push(Block::Paragraph(format!(
                "{}{title} = {formula}; {b} = 0 → {zero}",
                d.id
            )));
        }
    }
    if !set.gates.is_empty() {
        out.push(Block::Heading(SetMessage::GatesHeading.words(lang).into()));
        for g in &set.gates {
            out.push(Block::Paragraph(format!(
                "{} {}: {} {}",
                g.id,
                g.title,
                set.indicator_name(g.indicator),
                words::gate_rule(lang, g)
            )));
        }
    }
    if !set.adjustments.is_empty() {
        out.push(Block::Heading(
            SetMessage::AdjustmentsHeading.words(lang).into(),
        ));
        for a in &set.adjustments {
            let kind = match a.kind {
                AdjustmentKind::Bonus => "+",
                AdjustmentKind::Deduction => "−",
            };
            let cap = a
                .cap
                .map(|cap| format!(", {}", SetMessage::Cap { cap }.words(lang)))
                .unwrap_or_default();
            out.push(Block::Paragraph(format!(
                "{} {}: {kind}{} × {}{cap}",
                a.id,
                a.title,
                num_in(lang, a.per),
                set.indicator_name(a.indicator)
            )));
        }
        let caps = [
            set.bonus_cap.map(|cap| SetMessage::BonusCap { cap }),
            set.deduction_cap
                .map(|cap| SetMessage::DeductionCap { cap }),
        ];
        for cap in caps.into_iter().flatten() {
            out.push(Block::Paragraph(cap.words(lang).into()));
        }
    }
    out.extend(standing::conditions(set, lang));
    out.push(Block::Heading(
        SetMessage::RatingsHeading.words(lang).into(),
    ));
    for r in &set.ratings {
        let short = r
            .short
            .as_ref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        out.push(Block::Paragraph(format!(
            "{}{short}: {}",
            r.title,
            words::rating_conditions(lang, set, r)
        )));
    }
    out
}

/// Every criterion with its rule in words; group rows carry the group's total.
pub fn criteria_table(set: &CriteriaSet, lang: Lang) -> Grid {
    let mut grid = Grid::new([
        (Label::Id.words(lang), Align::Left),
        (Label::Criterion.words(lang), Align::Left),
        (Label::Indicator.words(lang), Align::Left),
        (Label::Rule.words(lang), Align::Left),
        (Label::Points.words(lang), Align::Right),
        (Label::MetAt.words(lang), Align::Right),
    ]);
    let mut current_group = None;
    for c in &set.criteria {
        if c.group != current_group {
            current_group = c.group;
            if let (Some(g), Some(i)) = (set.group_of(c), c.group) {
                grid.push_emphasis(vec![
                    Cell::text(&g.id),
                    Cell::text(&g.title),
                    Cell::text(""),
                    Cell::text(""),
                    Cell::Number(set.group_max(i)),
                    Cell::text(""),
                ]);
            }
        }
        let mut indicator = set.indicator_name(c.indicator).to_string();
        if let Rule::Target(TargetRule {
            target: TargetOf::Indicator(column),
            ..
        }) = &c.rule
        {
            let column = set.indicator_name(*column);
            indicator.push(' ');
            indicator.push_str(&SetMessage::TargetColumn { column }.words(lang));
        }
        if c.allow_na {
            indicator.push(' ');
            indicator.push_str(&SetMessage::NotApplicableAllowed.words(lang));
        }
        grid.push(vec![
            Cell::text(&c.id),
            Cell::text(&c.title),
            Cell::text(indicator),
            Cell::text(words::rule(lang, &c.rule, c.points, c.unit.as_deref())),
            Cell::Number(c.points),
            Cell::Number(c.pass_points()),
        ]);
    }
    grid
}

/// The reproducibility stamp as label/value lines.
pub fn stamp_lines(cx: &Context<'_>) -> Vec<(String, String)> {
    let (s, lang) = (cx.stamp, cx.lang);
    let label = |l: StampLabel<'_>| l.words(lang).into_owned();
    let mut out = vec![
        (label(StampLabel::Tool), s.tool.clone()),
        (
            label(StampLabel::CriteriaSet),
            format!(
                "{} ({})",
                s.set_id,
                StampLabel::Sources(&s.criteria_sources).words(lang)
            ),
        ),
        (label(StampLabel::CriteriaSha256), s.criteria_sha256.clone()),
    ];
    if let (Some(file), Some(hash)) = (&s.data_file, &s.data_sha256) {
        out.push((label(StampLabel::DataFile), file.clone()));
        out.push((label(StampLabel::DataSha256), hash.clone()));
    }
    for r in &s.results {
        let prefix = r.prefix.as_str();
        out.push((
            label(StampLabel::ResultSet { prefix }),
            format!(
                "{} ({})",
                r.set_id,
                StampLabel::Sources(std::slice::from_ref(&r.criteria_source)).words(lang)
            ),
        ));
        out.push((
            label(StampLabel::ResultSetSha256 { prefix }),
            r.criteria_sha256.clone(),
        ));
        out.push((
            label(StampLabel::ResultDataFile { prefix }),
            r.data_file.clone(),
        ));
        out.push((
            label(StampLabel::ResultDataSha256 { prefix }),
            r.data_sha256.clone(),
        ));
    }
    if !s.overrides.is_empty() {
        out.push((label(StampLabel::WhatIfChanges), s.overrides.join(" ")));
    }
    out.push((label(StampLabel::Generated), s.generated_at.clone()));
    out
}

/// Every document as blocks, for the renderers that lay out blocks.
pub fn blocks(
    cx: &Context<'_>,
    doc: &super::Document<'_>,
) -> Result<Vec<Block>, super::RenderError> {
    Ok(match doc {
        super::Document::Ranking(eval) => ranking(cx, &super::in_full(cx.set, eval)?),
        super::Document::Explain(u, e) => explain(cx, u, e),
        super::Document::Criteria => criteria(cx),
        super::Document::Comparison(c) => comparison(cx, c)?,
        super::Document::Sensitivity(s) => sensitivity(cx, s),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn a_negative_number_is_read_with_a_minus_sign_in_either_language() {
        let down = Cell::Number(Decimal::new(-2645, 3));
        assert_eq!(down.text_in(Lang::Vi), "−2,645");
        assert_eq!(down.text_in(Lang::En), "−2.645");
        assert_eq!(Cell::Int(-3).text_in(Lang::Vi), "−3");
        assert_eq!(
            Cell::Int(i64::MIN).text_in(Lang::En),
            "−9223372036854775808"
        );
        // What a program reads keeps the plain sign.
        assert_eq!(down.to_string(), "-2.645");
        assert_eq!(Cell::Int(-3).to_string(), "-3");
    }

    #[test]
    fn zero_and_positive_numbers_take_no_sign() {
        assert_eq!(Cell::Number(Decimal::ZERO).text_in(Lang::Vi), "0");
        assert_eq!(Cell::Number(-Decimal::ZERO).text_in(Lang::Vi), "0");
        assert_eq!(Cell::Number(Decimal::new(15, 1)).text_in(Lang::Vi), "1,5");
        assert_eq!(Cell::Int(0).text_in(Lang::En), "0");
        assert_eq!(Cell::Int(4).text_in(Lang::En), "4");
    }
}
