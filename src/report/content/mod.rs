//! What each document says, as a list of blocks (headings, paragraphs,
//! tables) independent of markup. The terminal, Markdown and HTML renderers
//! all lay out these same blocks, so a sentence is written once.

use rust_decimal::Decimal;

use super::Context;
use super::words::{self, num_in};
use crate::engine::explain::{Explanation, InTheWay};
use crate::i18n::Lang;
use crate::model::{
    AdjustmentKind, CriteriaSet, Evaluation, Formula, RatingIdx, Rule, Status, TargetOf,
    TargetRule, UnitResult, WhenZero,
};

mod changes;
mod lineage;
mod relative;
pub mod stages;
mod standing;
mod unit;
pub use changes::{
    comparison, comparison_head, comparison_row, comparison_table, percent, sensitivity,
    sensitivity_head, sensitivity_row, sensitivity_table, signed,
};
pub use standing::Tally;
pub use unit::{criteria_grid, explain, gate_checks, rating_blocks, score_lines, unit_headline};

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
    fn new(columns: &[(&str, Align)]) -> Grid {
        Grid {
            header: columns.iter().map(|(h, _)| h.to_string()).collect(),
            align: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
            optional: Vec::new(),
            main: false,
        }
    }

    /// The columns under these headers may be left out together when the
    /// terminal is narrow; groups go in the order they are given.
    fn optional_together(&mut self, headers: &[&str]) {
        let columns: Vec<usize> = self
            .header
            .iter()
            .enumerate()
            .filter(|(_, h)| headers.contains(&h.as_str()))
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
        .map(|n| format!("{} {n}", lang.pick("Số:", "No.")));
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
    let mut columns: Vec<(String, Align)> = vec![(lang.pick("Hạng", "Rank").into(), Align::Right)];
    if clustered {
        columns.push((lang.pick("Hạng cụm", "In cluster").into(), Align::Right));
    }
    columns.push((lang.pick("Mã", "Id").into(), Align::Left));
    columns.push((lang.pick("Đơn vị", "Unit").into(), Align::Left));
    if clustered {
        columns.push((lang.pick("Cụm", "Cluster").into(), Align::Left));
    }
    columns.extend(set.groups.iter().map(|g| (g.id.clone(), Align::Right)));
    let pass_count = set.headline_is_pass_count();
    let (score, met) = (
        (words::score_label(lang, set).into(), Align::Right),
        (lang.pick("Đạt", "Met").into(), Align::Right),
    );
    // A set judged by its pass count leads with it.
    columns.extend(if pass_count {
        [met, score]
    } else {
        [score, met]
    });
    columns.extend([
        (lang.pick("Ghi chú", "Note").into(), Align::Left),
        (lang.pick("Xếp loại", "Rating").into(), Align::Left),
    ]);
    let refs: Vec<(&str, Align)> = columns.iter().map(|(h, a)| (h.as_str(), *a)).collect();
    let mut grid = Grid::new(&refs);
    // On a narrow terminal: the group subtotals (`explain` has them), then
    // the id (the name is there), then the count of criteria met.
    let groups: Vec<&str> = set.groups.iter().map(|g| g.id.as_str()).collect();
    grid.optional_together(&groups);
    grid.optional_together(&[lang.pick("Mã", "Id")]);
    grid.optional_together(&[lang.pick("Đạt", "Met")]);
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
        out.push(Block::Paragraph(format!(
            "{}: {}",
            lang.pick("Nhóm", "Groups"),
            legend.join("; ")
        )));
    }
    // Ratings are shown by title; short titles need their legend.
    let ratings: Vec<String> = set
        .ratings
        .iter()
        .filter_map(|r| r.short.as_ref().map(|s| format!("{s} = {}", r.title)))
        .collect();
    if !ratings.is_empty() {
        out.push(Block::Paragraph(format!(
            "{}: {}",
            lang.pick("Xếp loại", "Ratings"),
            ratings.join("; ")
        )));
    }
    out.extend(standing::legends(set, lang, tally));
    let lowered = tally.quota_lowered();
    if lowered > 0 {
        out.push(Block::Paragraph(match lang {
            Lang::Vi => format!(
                "↓ {lowered} đơn vị bị hạ xếp loại vì vượt hạn mức; các đơn vị đồng hạng ở ranh giới được đối xử như nhau."
            ),
            Lang::En => format!(
                "↓ {lowered} unit(s) lowered by a rating quota; units tied at the quota's edge are treated alike."
            ),
        }));
    }
    out
}

/// The ranking: title, table, legends.
/// A what-if run must never pass for the real thing.
fn what_if_note(cx: &Context<'_>) -> Option<Block> {
    let changes = cx.stamp.overrides.join(" ");
    (!changes.is_empty()).then(|| {
        Block::Paragraph(match cx.lang {
            Lang::Vi => format!("⚠ KẾT QUẢ THỬ NGHIỆM, đã thay đổi bộ tiêu chí: {changes}"),
            Lang::En => format!("⚠ WHAT-IF RESULT, the criteria set was changed: {changes}"),
        })
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
    out.push(Block::Paragraph(format!(
        "{}: {} · {}: {}",
        lang.pick("Mã bộ", "Set id"),
        set.id,
        lang.pick("Tổng điểm", "Full points"),
        num_in(lang, set.full_max())
    )));
    out.push(Block::Table(criteria_table(set, lang)));
    if !set.results.is_empty() {
        out.push(Block::Heading(
            lang.pick(
                "Kết quả lấy từ bộ tiêu chí khác",
                "Results read from other sets",
            )
            .to_string(),
        ));
        for r in &set.results {
            let (p, c) = (&r.prefix, &r.criteria);
            out.push(Block::Paragraph(match lang {
                Lang::Vi => format!(
                    "{p}.score, {p}.met, {p}.applicable, {p}.rank, {p}.gates_failed, {p}.rating: kết quả chấm bộ \"{c}\" cho cùng đơn vị; cho số liệu của bộ đó bằng --result {p}=TỆP_SỐ_LIỆU"
                ),
                Lang::En => format!(
                    "{p}.score, {p}.met, {p}.applicable, {p}.rank, {p}.gates_failed, {p}.rating: the same unit's result in the set \"{c}\"; give that set's data with --result {p}=DATA"
                ),
            }));
        }
    }
    if !set.derived.is_empty() {
        out.push(Block::Heading(
            lang.pick("Chỉ số dẫn xuất", "Derived indicators")
                .to_string(),
        ));
        for d in &set.derived {
            let (a, b) = (set.indicator_name(d.a), set.indicator_name(d.b));
            let formula = match d.formula {
                Formula::Ratio => format!("100 × {a} ÷ {b}"),
                Formula::Change => format!("100 × ({a} − {b}) ÷ {b}"),
            };
            let zero = match d.when_zero {
                WhenZero::NotApplicable => lang.pick("không áp dụng", "not applicable").to_string(),
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
        out.push(Block::Heading(
            lang.pick(
                "Tiêu chí loại trừ (không đạt thì bị chặn xếp loại)",
                "Gates (failing one can block ratings)",
            )
            .to_string(),
        ));
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
            lang.pick("Điểm thưởng và điểm trừ", "Bonus and deduction points")
                .to_string(),
        ));
        for a in &set.adjustments {
            let kind = match a.kind {
                AdjustmentKind::Bonus => "+",
                AdjustmentKind::Deduction => "−",
            };
            let cap = a
                .cap
                .map(|c| format!(", {} {}", lang.pick("trần", "cap"), num_in(lang, c)))
                .unwrap_or_default();
            out.push(Block::Paragraph(format!(
                "{} {}: {kind}{} × {}{cap}",
                a.id,
                a.title,
                num_in(lang, a.per),
                set.indicator_name(a.indicator)
            )));
        }
        for (label, cap) in [
            (lang.pick("Trần điểm thưởng", "Bonus cap"), set.bonus_cap),
            (
                lang.pick("Trần điểm trừ", "Deduction cap"),
                set.deduction_cap,
            ),
        ] {
            if let Some(c) = cap {
                out.push(Block::Paragraph(format!("{label}: {}", num_in(lang, c))));
            }
        }
    }
    out.extend(standing::conditions(set, lang));
    out.push(Block::Heading(
        lang.pick("Xếp loại (xét từ trên xuống)", "Ratings (best first)")
            .to_string(),
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
    let mut grid = Grid::new(&[
        (lang.pick("Mã", "Id"), Align::Left),
        (lang.pick("Tiêu chí", "Criterion"), Align::Left),
        (lang.pick("Chỉ số", "Indicator"), Align::Left),
        (lang.pick("Quy tắc", "Rule"), Align::Left),
        (lang.pick("Điểm", "Points"), Align::Right),
        (lang.pick("Đạt khi ≥", "Met at ≥"), Align::Right),
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
            indicator.push_str(&match lang {
                Lang::Vi => format!(" (chỉ tiêu: {column})"),
                Lang::En => format!(" (target: {column})"),
            });
        }
        if c.allow_na {
            indicator.push_str(lang.pick(" (cho phép N/A)", " (N/A allowed)"));
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
    let mut out = vec![
        (lang.pick("Công cụ", "Tool").to_string(), s.tool.clone()),
        (
            lang.pick("Bộ tiêu chí", "Criteria set").to_string(),
            format!("{} ({})", s.set_id, s.criteria_file_shown.get(lang)),
        ),
        (
            lang.pick("SHA-256 bộ tiêu chí", "Criteria SHA-256")
                .to_string(),
            s.criteria_sha256.clone(),
        ),
    ];
    if let (Some(file), Some(hash)) = (&s.data_file, &s.data_sha256) {
        out.push((
            lang.pick("Tệp số liệu", "Data file").to_string(),
            file.clone(),
        ));
        out.push((
            lang.pick("SHA-256 số liệu", "Data SHA-256").to_string(),
            hash.clone(),
        ));
    }
    for r in &s.results {
        let p = &r.prefix;
        out.push((
            lang.pick(
                &format!("Bộ tiêu chí \"{p}\""),
                &format!("Criteria set \"{p}\""),
            )
            .to_string(),
            format!("{} ({})", r.set_id, r.criteria_file_shown.get(lang)),
        ));
        out.push((
            lang.pick(
                &format!("SHA-256 bộ \"{p}\""),
                &format!("Criteria SHA-256 \"{p}\""),
            )
            .to_string(),
            r.criteria_sha256.clone(),
        ));
        out.push((
            lang.pick(
                &format!("Tệp số liệu \"{p}\""),
                &format!("Data file \"{p}\""),
            )
            .to_string(),
            r.data_file.clone(),
        ));
        out.push((
            lang.pick(
                &format!("SHA-256 số liệu \"{p}\""),
                &format!("Data SHA-256 \"{p}\""),
            )
            .to_string(),
            r.data_sha256.clone(),
        ));
    }
    if !s.overrides.is_empty() {
        out.push((
            lang.pick("Thay đổi thử (--set)", "What-if changes (--set)")
                .to_string(),
            s.overrides.join(" "),
        ));
    }
    out.push((
        lang.pick("Thời điểm lập", "Generated").to_string(),
        s.generated_at.clone(),
    ));
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
