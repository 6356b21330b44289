//! What each document says, as a list of blocks (headings, paragraphs,
//! tables) independent of markup. The terminal, Markdown and HTML renderers
//! all lay out these same blocks, so a sentence is written once.

use rust_decimal::Decimal;

use super::Context;
use super::words::{self, num_in};
use crate::engine::explain::Explanation;
use crate::i18n::Lang;
use crate::model::{
    AdjustmentKind, CriteriaSet, Evaluation, Formula, Status, UnitResult, WhenZero,
};

mod changes;
pub use changes::{comparison, percent, sensitivity, signed};

/// One table cell; numbers stay numbers so spreadsheets get them as such.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(Decimal),
    Int(i64),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

impl Cell {
    /// The cell as people read it in `lang` (a decimal comma in
    /// Vietnamese).
    pub fn text_in(&self, lang: Lang) -> String {
        match self {
            Cell::Number(d) => num_in(lang, *d),
            other => other.to_string(),
        }
    }
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Text(s) => f.write_str(s),
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
        }
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
    columns.extend([
        (lang.pick("Điểm", "Score").into(), Align::Right),
        (lang.pick("Đạt", "Met").into(), Align::Right),
        (lang.pick("Ghi chú", "Note").into(), Align::Left),
        (lang.pick("Xếp loại", "Rating").into(), Align::Left),
    ]);
    let refs: Vec<(&str, Align)> = columns.iter().map(|(h, a)| (h.as_str(), *a)).collect();
    let mut grid = Grid::new(&refs);
    for u in units {
        let mut row = vec![Cell::Int(i64::from(u.rank))];
        if clustered {
            row.push(
                u.cluster_rank
                    .map_or(Cell::text(""), |r| Cell::Int(i64::from(r))),
            );
        }
        row.push(Cell::text(&u.id));
        row.push(Cell::text(&u.name));
        if clustered {
            row.push(Cell::text(u.cluster.as_deref().unwrap_or_default()));
        }
        row.extend(u.groups.iter().map(|g| Cell::Number(*g)));
        row.push(Cell::Number(u.score));
        row.push(Cell::text(format!("{}/{}", u.met, u.applicable)));
        // Marked in text, not by colour alone; the rating column holds the
        // rating alone, so a filter on it finds every unit of that rating.
        let failed = words::failed_gates(set, u);
        let mut note: Vec<String> = Vec::new();
        if !failed.is_empty() {
            note.push(format!("✗ {failed}"));
        }
        note.extend(words::quota_note(lang, set, u));
        row.push(Cell::text(note.join(" · ")));
        row.push(Cell::text(words::rating_shown(set, u.rating)));
        grid.push(row);
    }
    grid
}

fn legends(set: &CriteriaSet, lang: Lang, eval: &Evaluation) -> Vec<Block> {
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
    let lowered = eval.units.iter().filter(|u| u.quota_lowered()).count();
    if lowered > 0 {
        out.push(Block::Paragraph(match lang {
            Lang::Vi => format!(
                "↓ {lowered} đơn vị bị hạ xếp loại vì vượt hạn mức (quota); các đơn vị đồng hạng ở ranh giới được đối xử như nhau."
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
    let mut out = title_blocks(cx);
    out.extend(what_if_note(cx));
    let units: Vec<&UnitResult> = eval.units.iter().collect();
    out.push(Block::Table(ranking_grid(set, lang, &units)));
    out.extend(legends(set, lang, eval));
    out
}

/// Each criterion of one unit: value, rule, points, met; group subtotals.
pub fn criteria_grid(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> Grid {
    let mut grid = Grid::new(&[
        (lang.pick("Mã", "Id"), Align::Left),
        (lang.pick("Tiêu chí", "Criterion"), Align::Left),
        (lang.pick("Giá trị", "Value"), Align::Right),
        (lang.pick("Quy tắc", "Rule"), Align::Left),
        (lang.pick("Điểm", "Points"), Align::Right),
        (lang.pick("Tối đa", "Max"), Align::Right),
        (lang.pick("Đạt", "Met"), Align::Left),
    ]);
    let mut current_group = None;
    for (c, r) in set.criteria.iter().zip(&u.criteria) {
        if c.group != current_group {
            current_group = c.group;
            if let (Some(g), Some(i)) = (set.group_of(c), c.group) {
                grid.push_emphasis(vec![
                    Cell::text(&g.id),
                    Cell::text(&g.title),
                    Cell::text(""),
                    Cell::text(""),
                    Cell::Number(u.groups[i]),
                    Cell::Number(set.group_max(i)),
                    Cell::text(""),
                ]);
            }
        }
        let points = match r.status {
            Status::NotApplicable => Cell::text("—"),
            _ => Cell::Number(r.points),
        };
        let met = match r.status {
            Status::Scored => words::met_mark(r.met).to_string(),
            s => words::status(lang, s).to_string(),
        };
        grid.push(vec![
            Cell::text(&c.id),
            Cell::text(&c.title),
            Cell::text(words::value(lang, &c.rule, c.unit.as_deref(), &r.value)),
            Cell::text(words::rule(lang, &c.rule, c.points, c.unit.as_deref())),
            points,
            Cell::Number(r.max),
            Cell::text(met),
        ]);
    }
    grid
}

/// The score's make-up: base (with N/A rescaling), adjustments with caps, total.
pub fn score_lines(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> Vec<String> {
    let mut lines = Vec::new();
    if u.is_rescaled() {
        let na: Vec<&str> = set
            .criteria
            .iter()
            .zip(&u.criteria)
            .filter(|(_, r)| r.status == Status::NotApplicable)
            .map(|(c, _)| c.id.as_str())
            .collect();
        let (e, a, f, b) = (
            num_in(lang, u.earned),
            num_in(lang, u.applicable_max),
            num_in(lang, u.full_max),
            num_in(lang, u.base),
        );
        let na = na.join(", ");
        lines.push(match lang {
            Lang::Vi => format!(
                "Điểm cơ sở: {e} điểm trên {a} điểm áp dụng (không áp dụng: {na}) → quy đổi về thang {f}: {e} × {f} ÷ {a} = {b}"
            ),
            Lang::En => format!(
                "Base: {e} points of {a} applicable (not applicable: {na}) → rescaled to {f}: {e} × {f} ÷ {a} = {b}"
            ),
        });
    } else {
        lines.push(format!(
            "{}: {} / {}",
            lang.pick("Điểm cơ sở", "Base"),
            num_in(lang, u.base),
            num_in(lang, u.full_max)
        ));
    }
    for (kind, total, capped, cap) in [
        (AdjustmentKind::Bonus, u.bonus_total, u.bonus, set.bonus_cap),
        (
            AdjustmentKind::Deduction,
            u.deductions_total,
            u.deductions,
            set.deduction_cap,
        ),
    ] {
        if !set.adjustments.iter().any(|a| a.kind == kind) {
            continue;
        }
        let items: Vec<String> = set
            .adjustments
            .iter()
            .zip(&u.adjustments)
            .filter(|(a, r)| a.kind == kind && !r.uncapped.is_zero())
            .map(|(a, r)| {
                let capped_note = if r.amount < r.uncapped {
                    format!(" ({} {})", lang.pick("trần", "cap"), num_in(lang, r.amount))
                } else {
                    String::new()
                };
                format!(
                    "{} {} {}{capped_note}",
                    a.id,
                    a.title,
                    num_in(lang, r.uncapped)
                )
            })
            .collect();
        let label = match kind {
            AdjustmentKind::Bonus => lang.pick("Điểm thưởng", "Bonus"),
            AdjustmentKind::Deduction => lang.pick("Điểm trừ", "Deductions"),
        };
        let cap_note = match cap {
            Some(c) if total > c => format!(
                " → {} {}: {}",
                lang.pick("trần chung", "set-wide cap"),
                num_in(lang, c),
                num_in(lang, capped)
            ),
            _ => String::new(),
        };
        let detail = if items.is_empty() {
            String::new()
        } else {
            format!(" ({})", items.join("; "))
        };
        lines.push(format!(
            "{label}: {}{detail}{cap_note}",
            num_in(lang, total)
        ));
    }
    lines.push(format!(
        "{}: {} + {} − {} = {}",
        lang.pick("Tổng điểm", "Score"),
        num_in(lang, u.base),
        num_in(lang, u.bonus),
        num_in(lang, u.deductions),
        num_in(lang, u.score)
    ));
    lines
}

/// Gates of one unit, each with a pass mark.
pub fn gate_checks(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> Vec<Block> {
    set.gates
        .iter()
        .zip(&u.gates)
        .map(|(g, r)| {
            let shown = words::value(lang, &g.rule, g.unit.as_deref(), &r.value);
            let status = match r.status {
                Status::Scored => String::new(),
                s => format!(" — {}", words::status(lang, s)),
            };
            Block::Check {
                passed: (r.status != Status::NotApplicable).then_some(r.passed),
                text: format!(
                    "{} {} ({}: {shown}; {}: {}){status}",
                    g.id,
                    g.title,
                    lang.pick("giá trị", "value"),
                    lang.pick("cần", "needs"),
                    words::gate_rule(lang, g)
                ),
            }
        })
        .collect()
}

/// Why this rating and not a better one; what the next one needs.
pub fn rating_blocks(set: &CriteriaSet, lang: Lang, u: &UnitResult, e: &Explanation) -> Vec<Block> {
    let mut out = Vec::new();
    let rating = &set.ratings[u.rating];
    out.push(Block::Heading(format!(
        "{}: {}",
        lang.pick("Xếp loại", "Rating"),
        rating.title
    )));
    for b in &e.above {
        let r = &set.ratings[b.rating];
        let why = if b.by_quota {
            lang.pick(
                "đủ điều kiện nhưng vượt hạn mức (quota) của loại này; các đơn vị xếp trên đã dùng hết suất",
                "qualifies, but the rating's quota was full; units ranked above took every place",
            )
            .to_string()
        } else {
            b.shortfalls
                .iter()
                .map(|s| words::shortfall(lang, set, s))
                .collect::<Vec<_>>()
                .join("; ")
        };
        out.push(Block::Paragraph(format!(
            "{} \"{}\": {why}",
            lang.pick("Chưa đạt", "Not"),
            r.shown()
        )));
    }
    if let Some(next) = e.next {
        let r = &set.ratings[next];
        let needed = if e.points_needed.is_zero() {
            String::new()
        } else {
            match lang {
                Lang::Vi => format!(": cần thêm {} điểm", num_in(lang, e.points_needed)),
                Lang::En => format!(": {} more points needed", num_in(lang, e.points_needed)),
            }
        };
        out.push(Block::Heading(format!(
            "{} \"{}\"{needed}",
            lang.pick("Để đạt", "To reach"),
            r.shown()
        )));
        // Points only help when points (or met criteria) are what is
        // missing; a failed gate or a full quota is not fixed by gaining.
        let blocked = e.above.iter().find(|b| b.rating == next);
        let points_help = blocked.is_none_or(|b| {
            b.shortfalls
                .iter()
                .any(|s| !matches!(s, crate::engine::rating::Shortfall::Gates { .. }))
        });
        if let Some(b) = blocked {
            if b.by_quota {
                out.push(Block::Paragraph(
                    lang.pick(
                        "Đơn vị đã đủ điều kiện; chỉ hạn mức (quota) ngăn lại. Cần vượt lên trên các đơn vị đang giữ suất, hoặc hạn mức phải rộng hơn.",
                        "The unit already qualifies; only the quota stands in the way. It must rank above a unit holding a place, or the quota must be larger.",
                    )
                    .to_string(),
                ));
            } else if !points_help {
                out.push(Block::Paragraph(
                    lang.pick(
                        "Điểm không phải là trở ngại: chỉ cần qua các cổng loại trừ đã nêu ở trên.",
                        "Points are not the obstacle: only the failed gates named above stand in the way.",
                    )
                    .to_string(),
                ));
            }
        }
        if !e.gains.is_empty() && points_help && !blocked.is_some_and(|b| b.by_quota) {
            let mut grid = Grid::new(&[
                (lang.pick("Mã", "Id"), Align::Left),
                (lang.pick("Tiêu chí", "Criterion"), Align::Left),
                (lang.pick("Có thể thêm", "Can gain"), Align::Right),
                (
                    lang.pick("Giá trị để đạt tối đa", "Value for full points"),
                    Align::Left,
                ),
            ]);
            for g in &e.gains {
                let c = &set.criteria[g.criterion];
                grid.push(vec![
                    Cell::text(&c.id),
                    Cell::text(&c.title),
                    Cell::Number(g.gain),
                    Cell::text(words::target_words(lang, &g.target, c.unit.as_deref())),
                ]);
            }
            out.push(Block::Table(grid));
        }
    }
    out
}

/// The headline of one unit: name, id, cluster and the figures.
pub fn unit_headline(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> (String, String) {
    let cluster = u
        .cluster
        .as_deref()
        // "Cụm 3", not "cụm Cụm 3".
        .map(|c| format!(" · {}", super::filing::cluster_name(lang, c)))
        .unwrap_or_default();
    let cluster_rank = u
        .cluster_rank
        .map(|r| format!(", {} {r}", lang.pick("trong cụm", "in cluster")))
        .unwrap_or_default();
    (
        format!("{} ({}){cluster}", u.name, u.id),
        format!(
            "{}: {} · {}: {}/{} · {}: {} · {}: {}{cluster_rank}",
            lang.pick("Điểm", "Score"),
            num_in(lang, u.score),
            lang.pick("Đạt", "Met"),
            u.met,
            u.applicable,
            lang.pick("Xếp loại", "Rating"),
            words::rating_with_note(lang, set, u),
            lang.pick("Hạng", "Rank"),
            u.rank,
        ),
    )
}

/// One unit in full: the explain document.
pub fn explain(cx: &Context<'_>, u: &UnitResult, e: &Explanation) -> Vec<Block> {
    let (set, lang) = (cx.set, cx.lang);
    let (title, figures) = unit_headline(set, lang, u);
    let mut out = vec![
        Block::Title(format!("{title} — {}", set.title)),
        Block::Subtitle(figures),
    ];
    out.extend(what_if_note(cx));
    out.push(Block::Table(criteria_grid(set, lang, u)));
    out.extend(score_lines(set, lang, u).into_iter().map(Block::Paragraph));
    if !set.gates.is_empty() {
        out.push(Block::Heading(
            lang.pick("Cổng loại trừ", "Gates").to_string(),
        ));
        out.extend(gate_checks(set, lang, u));
    }
    out.extend(rating_blocks(set, lang, u, e));
    out.extend(from_results_blocks(lang, e));
    out
}

/// The unit's figures in the other sets this set reads, and how to see
/// each one explained there.
fn from_results_blocks(lang: Lang, e: &Explanation) -> Vec<Block> {
    if e.from_results.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Block::Heading(
        lang.pick(
            "Kết quả lấy từ bộ tiêu chí khác",
            "Results read from other sets",
        )
        .to_string(),
    )];
    for f in &e.from_results {
        let (p, id, title, data) = (&f.prefix, &f.set_id, &f.set_title, &f.data_file);
        let figures = match &f.unit {
            Some(s) => {
                // People know a rating by its title; ids stay in CSV and JSON.
                let score = words::num_in(lang, s.score);
                let (rt, rank, n) = (&s.rating_title, s.rank, s.units);
                let (met, applicable, gates) = (s.met, s.applicable, s.gates_failed);
                match lang {
                    Lang::Vi => format!(
                        "{score} điểm, xếp loại {rt}, hạng {rank}/{n}, đạt {met}/{applicable} tiêu chí, {gates} cổng loại trừ không đạt"
                    ),
                    Lang::En => format!(
                        "{score} points, rated {rt}, rank {rank} of {n}, {met} of {applicable} criteria met, {gates} gate(s) failed"
                    ),
                }
            }
            None => lang
                .pick(
                    "đơn vị không có trong số liệu đó; các tiêu chí dùng kết quả này được tính là không áp dụng (N/A)",
                    "the unit is not in that data; the criteria that read it are not applicable (N/A)",
                )
                .to_string(),
        };
        out.push(Block::Paragraph(match lang {
            Lang::Vi => format!("{p} — bộ \"{id}\" ({title}), số liệu {data}: {figures}."),
            Lang::En => format!("{p} — set \"{id}\" ({title}), data {data}: {figures}."),
        }));
        out.push(Block::Paragraph(format!(
            "{} {}",
            lang.pick(
                "Xem giải thích chi tiết ở bộ đó:",
                "See it explained there:"
            ),
            f.command
        )));
    }
    out
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
                "Cổng loại trừ (không đạt thì bị chặn xếp loại)",
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
            format!("{} ({})", s.set_id, s.criteria_file),
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
            format!("{} ({})", r.set_id, r.criteria_file),
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
pub fn blocks(cx: &Context<'_>, doc: &super::Document<'_>) -> Vec<Block> {
    match doc {
        super::Document::Ranking(eval) => ranking(cx, &super::in_full(cx.set, eval)),
        super::Document::Explain(u, e) => explain(cx, u, e),
        super::Document::Criteria => criteria(cx),
        super::Document::Comparison(c) => comparison(cx, c),
        super::Document::Sensitivity(s) => sensitivity(cx, s),
    }
}
