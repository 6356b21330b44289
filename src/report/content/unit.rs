//! One unit in full: its criteria, score lines, gates, what the next
//! rating needs, and the explain document built from them.

use super::*;

/// Each criterion of one unit: value, rule, points, met; group subtotals.
pub fn criteria_grid(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> Grid {
    let mut grid = Grid::new([
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
            Status::Scored => Cell::met(r.met),
            s => Cell::text(words::status(lang, s)),
        };
        grid.push(vec![
            Cell::text(&c.id),
            Cell::text(&c.title),
            Cell::text(words::value(lang, &c.rule, c.unit.as_deref(), &r.value)),
            Cell::text(words::rule(lang, &c.rule, c.points, c.unit.as_deref())),
            points,
            Cell::Number(r.max),
            met,
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
    if u.is_excluded() {
        return standing::not_considered_blocks(set, lang, u);
    }
    let rating = set.rating(u.rating);
    out.push(Block::Heading(format!(
        "{}: {}",
        lang.pick("Xếp loại", "Rating"),
        rating.title
    )));
    out.extend(standing::rating_notes(set, lang, u));
    for b in &e.above {
        let r = set.rating(b.rating);
        let why = if b.by_downgrade {
            lang.pick(
                "đủ điều kiện nhưng bị hạ bậc",
                "qualifies, but a downgrade lowered the rating",
            )
            .to_string()
        } else if b.by_quota {
            lang.pick(
                "đủ điều kiện nhưng vượt hạn mức của loại này; các đơn vị xếp trên đã dùng hết suất",
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
        let r = set.rating(next);
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
        let in_the_way = e.in_the_way.unwrap_or(InTheWay::Conditions);
        match in_the_way {
            InTheWay::Downgrade => {
                out.push(Block::Paragraph(
                    lang.pick(
                        "Đơn vị đã đủ điều kiện về điểm và tiêu chí nhưng bị hạ bậc; có thêm điểm cũng không thay đổi được xếp loại.",
                        "The unit already qualifies; only the downgrade stands in the way, and more points do not change it.",
                    )
                    .to_string(),
                ));
            }
            InTheWay::Quota => {
                out.push(Block::Paragraph(
                    lang.pick(
                        "Đơn vị đã đủ điều kiện; chỉ hạn mức ngăn lại. Cần vượt lên trên các đơn vị đang giữ suất, hoặc hạn mức phải rộng hơn.",
                        "The unit already qualifies; only the quota stands in the way. It must rank above a unit holding a place, or the quota must be larger.",
                    )
                    .to_string(),
                ));
            }
            InTheWay::GatesOnly => {
                out.push(Block::Paragraph(
                    lang.pick(
                        "Điểm không phải là trở ngại: chỉ cần đạt các tiêu chí loại trừ đã nêu ở trên.",
                        "Points are not the obstacle: only the failed gates named above stand in the way.",
                    )
                    .to_string(),
                ));
            }
            InTheWay::Conditions => {}
        }
        if !e.gains.is_empty() && in_the_way.points_help() {
            let mut grid = Grid::new([
                (lang.pick("Mã", "Id"), Align::Left),
                (lang.pick("Tiêu chí", "Criterion"), Align::Left),
                (lang.pick("Có thể thêm", "Can gain"), Align::Right),
                (
                    lang.pick("Giá trị để đạt tối đa", "Value for full points"),
                    Align::Left,
                ),
            ]);
            for g in &e.gains {
                let c = set.criterion(g.criterion);
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
        .map(|c| format!(" · {}", crate::report::filing::cluster_name(lang, c)))
        .unwrap_or_default();
    let cluster_rank = u
        .cluster_rank
        .map(|r| format!(", {} {r}", lang.pick("trong cụm", "in cluster")))
        .unwrap_or_default();
    let rank = match u.ranked() {
        Some(r) => format!("{}: {r}{cluster_rank}", lang.pick("Hạng", "Rank")),
        None => format!("{}: —", lang.pick("Hạng", "Rank")),
    };
    let score = format!(
        "{}: {}",
        words::score_label(lang, set),
        num_in(lang, u.score)
    );
    let met = format!("{}: {}/{}", lang.pick("Đạt", "Met"), u.met, u.applicable);
    // A set judged by its pass count leads with it.
    let (first, second) = if set.headline_is_pass_count() {
        (met, score)
    } else {
        (score, met)
    };
    (
        format!("{} ({}){cluster}", u.name, u.id),
        format!(
            "{first} · {second} · {}: {} · {rank}",
            lang.pick("Xếp loại", "Rating"),
            words::rating_with_note(lang, set, u),
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
    out.extend(relative::reference_blocks(set, lang, u));
    out.extend(score_lines(set, lang, u).into_iter().map(Block::Paragraph));
    if !set.gates.is_empty() {
        out.push(Block::Heading(
            lang.pick("Tiêu chí loại trừ", "Gates").to_string(),
        ));
        out.extend(gate_checks(set, lang, u));
    }
    out.extend(rating_blocks(set, lang, u, e));
    out.extend(from_results_blocks(lang, e));
    out.extend(stages::explain_blocks(cx, u));
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
                        "{score} điểm, xếp loại {rt}, hạng {rank}/{n}, đạt {met}/{applicable} tiêu chí, {gates} tiêu chí loại trừ không đạt"
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
