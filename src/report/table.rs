//! Terminal tables (comfy-table) with short notes under them.

use std::io::Write;

use comfy_table::{Cell, CellAlignment, Table, presets};

use super::words::{self, num};
use super::{Context, Document, RenderError, Renderer};
use crate::engine::explain::Explanation;
use crate::i18n::Lang;
use crate::model::{AdjustmentKind, CriteriaSet, Evaluation, Status, UnitResult};

pub struct TableRenderer;

fn new_table(header: Vec<String>) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_header(header);
    t
}

fn right(s: impl ToString) -> Cell {
    Cell::new(s).set_alignment(CellAlignment::Right)
}

fn title_block(out: &mut dyn Write, set: &CriteriaSet) -> std::io::Result<()> {
    writeln!(out, "{}", set.title)?;
    let extra: Vec<&str> = [
        set.issuer.as_deref(),
        set.basis.as_deref(),
        set.period.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !extra.is_empty() {
        writeln!(out, "{}", extra.join(" · "))?;
    }
    Ok(())
}

fn ranking(
    out: &mut dyn Write,
    set: &CriteriaSet,
    lang: Lang,
    eval: &Evaluation,
) -> std::io::Result<()> {
    let clustered = set.columns.cluster.is_some();
    let mut header = vec![lang.pick("Hạng", "Rank").to_string()];
    if clustered {
        header.push(lang.pick("Hạng cụm", "In cluster").to_string());
    }
    header.push(lang.pick("Mã", "Id").to_string());
    header.push(lang.pick("Đơn vị", "Unit").to_string());
    if clustered {
        header.push(lang.pick("Cụm", "Cluster").to_string());
    }
    header.extend(set.groups.iter().map(|g| g.id.clone()));
    header.extend([
        lang.pick("Điểm", "Score").to_string(),
        lang.pick("Đạt", "Met").to_string(),
        lang.pick("Cổng trượt", "Failed gates").to_string(),
        lang.pick("Xếp loại", "Rating").to_string(),
    ]);
    let mut t = new_table(header);
    for u in &eval.units {
        let mut row = vec![right(u.rank)];
        if clustered {
            row.push(right(
                u.cluster_rank.map(|r| r.to_string()).unwrap_or_default(),
            ));
        }
        row.push(Cell::new(&u.id));
        row.push(Cell::new(&u.name));
        if clustered {
            row.push(Cell::new(u.cluster.as_deref().unwrap_or_default()));
        }
        row.extend(u.groups.iter().map(|g| right(num(*g))));
        row.push(right(num(u.score)));
        row.push(right(format!("{}/{}", u.met, u.applicable)));
        row.push(Cell::new(words::failed_gates(set, u)));
        row.push(Cell::new(words::rating_with_note(lang, set, u)));
        t.add_row(row);
    }
    title_block(out, set)?;
    writeln!(out, "{t}")?;
    if !set.groups.is_empty() {
        let legend: Vec<String> = set
            .groups
            .iter()
            .map(|g| format!("{} = {}", g.id, g.title))
            .collect();
        writeln!(
            out,
            "{}: {}",
            lang.pick("Nhóm", "Groups"),
            legend.join("; ")
        )?;
    }
    let ratings: Vec<String> = set
        .ratings
        .iter()
        .map(|r| format!("{} = {}", r.id, r.title))
        .collect();
    writeln!(
        out,
        "{}: {}",
        lang.pick("Xếp loại", "Ratings"),
        ratings.join("; ")
    )?;
    let lowered = eval.units.iter().filter(|u| u.quota_lowered()).count();
    if lowered > 0 {
        writeln!(
            out,
            "{}",
            match lang {
                Lang::Vi => format!(
                    "↓ {lowered} đơn vị bị hạ xếp loại vì vượt hạn mức (quota); các đơn vị đồng hạng ở ranh giới được đối xử như nhau."
                ),
                Lang::En => format!(
                    "↓ {lowered} unit(s) lowered by a rating quota; units tied at the quota's edge are treated alike."
                ),
            }
        )?;
    }
    Ok(())
}

fn explain(
    out: &mut dyn Write,
    set: &CriteriaSet,
    lang: Lang,
    u: &UnitResult,
    e: &Explanation,
) -> std::io::Result<()> {
    let cluster = u
        .cluster
        .as_deref()
        .map(|c| format!(" · {} {c}", lang.pick("cụm", "cluster")))
        .unwrap_or_default();
    writeln!(out, "{} ({}){cluster} — {}", u.name, u.id, set.title)?;
    let cluster_rank = u
        .cluster_rank
        .map(|r| format!(", {} {r}", lang.pick("trong cụm", "in cluster")))
        .unwrap_or_default();
    writeln!(
        out,
        "{}: {} · {}: {}/{} · {}: {} · {}: {}{cluster_rank}",
        lang.pick("Điểm", "Score"),
        num(u.score),
        lang.pick("Đạt", "Met"),
        u.met,
        u.applicable,
        lang.pick("Xếp loại", "Rating"),
        words::rating_with_note(lang, set, u),
        lang.pick("Hạng", "Rank"),
        u.rank,
    )?;
    writeln!(out)?;

    let mut t = new_table(
        [
            lang.pick("Mã", "Id"),
            lang.pick("Tiêu chí", "Criterion"),
            lang.pick("Giá trị", "Value"),
            lang.pick("Quy tắc", "Rule"),
            lang.pick("Điểm", "Points"),
            lang.pick("Đạt", "Met"),
        ]
        .map(String::from)
        .to_vec(),
    );
    let mut current_group = None;
    for (c, r) in set.criteria.iter().zip(&u.criteria) {
        if c.group != current_group {
            current_group = c.group;
            if let Some(g) = set.group_of(c) {
                let subtotal = c.group.map(|i| u.groups[i]).unwrap_or_default();
                t.add_row(vec![
                    Cell::new(&g.id),
                    Cell::new(format!(
                        "{} ({})",
                        g.title,
                        lang.pick("cộng nhóm", "group total")
                    )),
                    Cell::new(""),
                    Cell::new(""),
                    right(num(subtotal)),
                    Cell::new(""),
                ]);
            }
        }
        let points = match r.status {
            Status::NotApplicable => lang.pick("—", "—").to_string(),
            _ => format!("{} / {}", num(r.points), num(r.max)),
        };
        let met = match r.status {
            Status::Scored => words::met_mark(r.met).to_string(),
            s => words::status(lang, s).to_string(),
        };
        t.add_row(vec![
            Cell::new(&c.id),
            Cell::new(&c.title),
            right(words::value(lang, &c.rule, c.unit.as_deref(), &r.value)),
            Cell::new(words::rule(lang, &c.rule, c.points, c.unit.as_deref())),
            right(points),
            Cell::new(met),
        ]);
    }
    writeln!(out, "{t}")?;

    // The base and its N/A rescaling.
    if u.is_rescaled() {
        let na: Vec<&str> = set
            .criteria
            .iter()
            .zip(&u.criteria)
            .filter(|(_, r)| r.status == Status::NotApplicable)
            .map(|(c, _)| c.id.as_str())
            .collect();
        writeln!(
            out,
            "{}",
            match lang {
                Lang::Vi => format!(
                    "Điểm cơ sở: {} điểm trên {} điểm áp dụng (không áp dụng: {}) → quy đổi về thang {}: {} × {} ÷ {} = {}",
                    num(u.earned),
                    num(u.applicable_max),
                    na.join(", "),
                    num(u.full_max),
                    num(u.earned),
                    num(u.full_max),
                    num(u.applicable_max),
                    num(u.base)
                ),
                Lang::En => format!(
                    "Base: {} points of {} applicable (not applicable: {}) → rescaled to {}: {} × {} ÷ {} = {}",
                    num(u.earned),
                    num(u.applicable_max),
                    na.join(", "),
                    num(u.full_max),
                    num(u.earned),
                    num(u.full_max),
                    num(u.applicable_max),
                    num(u.base)
                ),
            }
        )?;
    } else {
        writeln!(
            out,
            "{}: {} / {}",
            lang.pick("Điểm cơ sở", "Base"),
            num(u.base),
            num(u.full_max)
        )?;
    }

    // Adjustments with their caps.
    for (kind, total, capped, cap) in [
        (AdjustmentKind::Bonus, u.bonus_total, u.bonus, set.bonus_cap),
        (
            AdjustmentKind::Deduction,
            u.deductions_total,
            u.deductions,
            set.deduction_cap,
        ),
    ] {
        let items: Vec<String> = set
            .adjustments
            .iter()
            .zip(&u.adjustments)
            .filter(|(a, r)| a.kind == kind && !r.uncapped.is_zero())
            .map(|(a, r)| {
                let capped_note = if r.amount < r.uncapped {
                    format!(" ({} {})", lang.pick("trần", "cap"), num(r.amount))
                } else {
                    String::new()
                };
                format!("{} {} {}{capped_note}", a.id, a.title, num(r.uncapped))
            })
            .collect();
        let label = match kind {
            AdjustmentKind::Bonus => lang.pick("Điểm thưởng", "Bonus"),
            AdjustmentKind::Deduction => lang.pick("Điểm trừ", "Deductions"),
        };
        let has_kind = set.adjustments.iter().any(|a| a.kind == kind);
        if !has_kind {
            continue;
        }
        let cap_note = match cap {
            Some(c) if total > c => format!(
                " → {} {}: {}",
                lang.pick("trần chung", "set-wide cap"),
                num(c),
                num(capped)
            ),
            _ => String::new(),
        };
        let detail = if items.is_empty() {
            String::new()
        } else {
            format!(" ({})", items.join("; "))
        };
        writeln!(out, "{label}: {}{detail}{cap_note}", num(total))?;
    }
    writeln!(
        out,
        "{}: {} + {} − {} = {}",
        lang.pick("Tổng điểm", "Score"),
        num(u.base),
        num(u.bonus),
        num(u.deductions),
        num(u.score)
    )?;

    // Gates.
    if !set.gates.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}:", lang.pick("Cổng loại trừ", "Gates"))?;
        for (g, r) in set.gates.iter().zip(&u.gates) {
            let mark = match r.status {
                Status::Scored => words::met_mark(r.passed).to_string(),
                s => words::status(lang, s).to_string(),
            };
            let shown = words::value(lang, &g.rule, g.unit.as_deref(), &r.value);
            writeln!(
                out,
                "  {mark} {} {} ({}: {shown}; {}: {})",
                g.id,
                g.title,
                lang.pick("giá trị", "value"),
                lang.pick("cần", "needs"),
                words::gate_rule(lang, g)
            )?;
        }
    }

    // Why this rating and not a better one.
    writeln!(out)?;
    let rating = &set.ratings[u.rating];
    writeln!(
        out,
        "{}: {} — {}",
        lang.pick("Xếp loại", "Rating"),
        rating.id,
        rating.title
    )?;
    for b in &e.above {
        let r = &set.ratings[b.rating];
        let why = if b.by_quota {
            match lang {
                Lang::Vi => "đủ điều kiện nhưng vượt hạn mức (quota) của loại này; các đơn vị xếp trên đã dùng hết suất".to_string(),
                Lang::En => "qualifies, but the rating's quota was full; units ranked above took every place".to_string(),
            }
        } else {
            b.shortfalls
                .iter()
                .map(|s| words::shortfall(lang, set, s))
                .collect::<Vec<_>>()
                .join("; ")
        };
        writeln!(out, "  {} {}: {why}", lang.pick("Chưa đạt", "Not"), r.id)?;
    }

    // What it takes to reach the next rating.
    if let Some(next) = e.next {
        let r = &set.ratings[next];
        writeln!(out)?;
        let needed = if e.points_needed.is_zero() {
            String::new()
        } else {
            match lang {
                Lang::Vi => format!(": cần thêm {} điểm", num(e.points_needed)),
                Lang::En => format!(": {} more points needed", num(e.points_needed)),
            }
        };
        writeln!(out, "{} {}{needed}", lang.pick("Để đạt", "To reach"), r.id)?;
        if !e.gains.is_empty() {
            let mut t = new_table(
                [
                    lang.pick("Mã", "Id"),
                    lang.pick("Tiêu chí", "Criterion"),
                    lang.pick("Có thể thêm", "Can gain"),
                    lang.pick("Giá trị để đạt tối đa", "Value for full points"),
                ]
                .map(String::from)
                .to_vec(),
            );
            for g in &e.gains {
                let c = &set.criteria[g.criterion];
                t.add_row(vec![
                    Cell::new(&c.id),
                    Cell::new(&c.title),
                    right(num(g.gain)),
                    Cell::new(words::target_words(lang, &g.target, c.unit.as_deref())),
                ]);
            }
            writeln!(out, "{t}")?;
        }
    }
    Ok(())
}

fn criteria(out: &mut dyn Write, set: &CriteriaSet, lang: Lang) -> std::io::Result<()> {
    title_block(out, set)?;
    writeln!(
        out,
        "{}: {} · {}: {}",
        lang.pick("Mã bộ", "Set id"),
        set.id,
        lang.pick("Tổng điểm", "Full points"),
        num(set.full_max())
    )?;
    let mut t = new_table(
        [
            lang.pick("Mã", "Id"),
            lang.pick("Tiêu chí", "Criterion"),
            lang.pick("Chỉ số", "Indicator"),
            lang.pick("Quy tắc", "Rule"),
            lang.pick("Điểm", "Points"),
            lang.pick("Đạt khi ≥", "Met at ≥"),
        ]
        .map(String::from)
        .to_vec(),
    );
    let mut current_group = None;
    for c in &set.criteria {
        if c.group != current_group {
            current_group = c.group;
            if let Some(g) = set.group_of(c) {
                let total: rust_decimal::Decimal = set
                    .criteria
                    .iter()
                    .filter(|x| x.group == c.group)
                    .map(|x| x.points)
                    .sum();
                t.add_row(vec![
                    Cell::new(&g.id),
                    Cell::new(&g.title),
                    Cell::new(""),
                    Cell::new(""),
                    right(num(total)),
                    Cell::new(""),
                ]);
            }
        }
        let mut indicator = set.indicator_name(c.indicator).to_string();
        if c.allow_na {
            indicator.push_str(lang.pick(" (cho phép N/A)", " (N/A allowed)"));
        }
        t.add_row(vec![
            Cell::new(&c.id),
            Cell::new(&c.title),
            Cell::new(indicator),
            Cell::new(words::rule(lang, &c.rule, c.points, c.unit.as_deref())),
            right(num(c.points)),
            right(num(c.pass)),
        ]);
    }
    writeln!(out, "{t}")?;
    if !set.derived.is_empty() {
        writeln!(
            out,
            "{}:",
            lang.pick("Chỉ số dẫn xuất", "Derived indicators")
        )?;
        for d in &set.derived {
            let (a, b) = (set.indicator_name(d.a), set.indicator_name(d.b));
            let formula = match d.formula {
                crate::model::Formula::Ratio => format!("100 × {a} ÷ {b}"),
                crate::model::Formula::Change => format!("100 × ({a} − {b}) ÷ {b}"),
            };
            let zero = match d.when_zero {
                crate::model::WhenZero::NotApplicable => {
                    lang.pick("không áp dụng", "not applicable").to_string()
                }
                crate::model::WhenZero::Value(v) => num(v),
            };
            let title = d
                .title
                .as_deref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default();
            writeln!(out, "  {}{title} = {formula}; {b} = 0 → {zero}", d.id)?;
        }
    }
    if !set.gates.is_empty() {
        writeln!(
            out,
            "{}:",
            lang.pick(
                "Cổng loại trừ (không đạt thì bị chặn xếp loại)",
                "Gates (failing one can block ratings)"
            )
        )?;
        for g in &set.gates {
            writeln!(
                out,
                "  {} {}: {} {}",
                g.id,
                g.title,
                set.indicator_name(g.indicator),
                words::gate_rule(lang, g)
            )?;
        }
    }
    if !set.adjustments.is_empty() {
        writeln!(
            out,
            "{}:",
            lang.pick("Điểm thưởng và điểm trừ", "Bonus and deduction points")
        )?;
        for a in &set.adjustments {
            let kind = match a.kind {
                AdjustmentKind::Bonus => "+",
                AdjustmentKind::Deduction => "−",
            };
            let cap = a
                .cap
                .map(|c| format!(", {} {}", lang.pick("trần", "cap"), num(c)))
                .unwrap_or_default();
            writeln!(
                out,
                "  {} {}: {kind}{} × {}{cap}",
                a.id,
                a.title,
                num(a.per),
                set.indicator_name(a.indicator)
            )?;
        }
        for (label, cap) in [
            (lang.pick("Trần điểm thưởng", "Bonus cap"), set.bonus_cap),
            (
                lang.pick("Trần điểm trừ", "Deduction cap"),
                set.deduction_cap,
            ),
        ] {
            if let Some(c) = cap {
                writeln!(out, "  {label}: {}", num(c))?;
            }
        }
    }
    writeln!(
        out,
        "{}:",
        lang.pick("Xếp loại (xét từ trên xuống)", "Ratings (best first)")
    )?;
    for r in &set.ratings {
        writeln!(
            out,
            "  {} {}: {}",
            r.id,
            r.title,
            words::rating_conditions(lang, set, r)
        )?;
    }
    Ok(())
}

impl Renderer for TableRenderer {
    fn render(
        &self,
        cx: &Context<'_>,
        doc: &Document<'_>,
        out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        match doc {
            Document::Ranking(eval) => ranking(out, cx.set, cx.lang, eval)?,
            Document::Explain(u, e) => explain(out, cx.set, cx.lang, u, e)?,
            Document::Criteria => criteria(out, cx.set, cx.lang)?,
        }
        Ok(())
    }
}
