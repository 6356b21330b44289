//! One unit in full: its criteria, score lines, gates, what the next
//! rating needs, and the explain document built from them.

use super::messages::{Label, SetMessage, UnitMessage};
use super::*;

/// Each criterion of one unit: value, rule, points, met; group subtotals.
pub fn criteria_grid(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> Grid {
    let mut grid = Grid::new([
        (Label::Id.words(lang), Align::Left),
        (Label::Criterion.words(lang), Align::Left),
        (Label::Value.words(lang), Align::Right),
        (Label::Rule.words(lang), Align::Left),
        (Label::Points.words(lang), Align::Right),
        (Label::Max.words(lang), Align::Right),
        (Label::Met.words(lang), Align::Left),
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

/// The base in words: with criteria that do not apply, the points earned
/// and how they are rescaled to the full points.
pub fn base_line(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> String {
    if !u.is_rescaled() {
        return UnitMessage::Base {
            base: u.base,
            full: u.full_max,
        }
        .words(lang)
        .into();
    }
    let na: Vec<&str> = set
        .criteria
        .iter()
        .zip(&u.criteria)
        .filter(|(_, r)| r.status == Status::NotApplicable)
        .map(|(c, _)| c.id.as_str())
        .collect();
    UnitMessage::RescaledBase {
        earned: u.earned,
        applicable: u.applicable_max,
        full: u.full_max,
        base: u.base,
        not_applicable: &na.join(", "),
    }
    .words(lang)
    .into()
}

/// The score's make-up: base (with N/A rescaling), adjustments with caps, total.
pub fn score_lines(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> Vec<String> {
    let mut lines = vec![base_line(set, lang, u)];
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
                    format!(" ({})", SetMessage::Cap { cap: r.amount }.words(lang))
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
            AdjustmentKind::Bonus => UnitMessage::Bonus { total },
            AdjustmentKind::Deduction => UnitMessage::Deductions { total },
        };
        let cap_note = match cap {
            Some(cap) if total > cap => {
                format!(" → {}", UnitMessage::SetWideCap { cap, capped }.words(lang))
            }
            _ => String::new(),
        };
        let detail = if items.is_empty() {
            String::new()
        } else {
            format!(" ({})", items.join("; "))
        };
        lines.push(format!("{}{detail}{cap_note}", label.words(lang)));
    }
    lines.push(
        UnitMessage::Total {
            base: u.base,
            bonus: u.bonus,
            deductions: u.deductions,
            score: u.score,
        }
        .words(lang)
        .into(),
    );
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
            let gate = UnitMessage::Gate {
                id: &g.id,
                title: &g.title,
                value: &shown,
                needs: &words::gate_rule(lang, g),
            };
            Block::Check {
                passed: (r.status != Status::NotApplicable).then_some(r.passed),
                text: format!("{}{status}", gate.words(lang)),
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
        Label::Rating.words(lang),
        rating.title
    )));
    out.extend(standing::rating_notes(set, lang, u));
    for b in &e.above {
        let r = set.rating(b.rating);
        let why = if b.by_downgrade {
            UnitMessage::QualifiesButDowngraded.words(lang).into()
        } else if b.by_quota {
            UnitMessage::QualifiesButQuotaFull.words(lang).into()
        } else {
            b.shortfalls
                .iter()
                .map(|s| words::shortfall(lang, set, s))
                .collect::<Vec<_>>()
                .join("; ")
        };
        out.push(Block::Paragraph(
            UnitMessage::NotReached {
                rating: r.shown(),
                why: &why,
            }
            .words(lang)
            .into(),
        ));
    }
    if let Some(next) = e.next {
        let r = set.rating(next);
        out.push(Block::Heading(
            UnitMessage::ToReach {
                rating: r.shown(),
                points: e.points_needed,
            }
            .words(lang)
            .into(),
        ));
        // Points only help when points (or met criteria) are what is
        // missing; a failed gate or a full quota is not fixed by gaining.
        let in_the_way = e.in_the_way.unwrap_or(InTheWay::Conditions);
        let obstacle = match in_the_way {
            InTheWay::Downgrade => Some(UnitMessage::OnlyTheDowngradeInTheWay),
            InTheWay::Quota => Some(UnitMessage::OnlyTheQuotaInTheWay),
            InTheWay::GatesOnly => Some(UnitMessage::OnlyGatesInTheWay),
            InTheWay::Conditions => None,
        };
        if let Some(obstacle) = obstacle {
            out.push(Block::Paragraph(obstacle.words(lang).into()));
        }
        // Points can earn a rating with a quota and still not win a place in it.
        if in_the_way == InTheWay::Conditions && r.quota.is_some() {
            let caveat = UnitMessage::QuotaMayHoldBack { rating: r.shown() };
            out.push(Block::Paragraph(caveat.words(lang).into()));
        }
        if !e.gains.is_empty() && in_the_way.points_help() {
            let mut grid = Grid::new([
                (Label::Id.words(lang), Align::Left),
                (Label::Criterion.words(lang), Align::Left),
                (Label::CanGain.words(lang), Align::Right),
                (Label::ValueForFullPoints.words(lang), Align::Left),
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
        .map(|rank| format!(", {}", UnitMessage::RankInCluster { rank }.words(lang)))
        .unwrap_or_default();
    let rank = match u.ranked() {
        Some(r) => format!("{}: {r}{cluster_rank}", Label::Rank.words(lang)),
        None => format!("{}: —", Label::Rank.words(lang)),
    };
    let score = format!(
        "{}: {}",
        words::score_label(lang, set),
        num_in(lang, u.score)
    );
    let met = format!("{}: {}/{}", Label::Met.words(lang), u.met, u.applicable);
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
            Label::Rating.words(lang),
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
        out.push(Block::Heading(UnitMessage::GatesHeading.words(lang).into()));
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
        SetMessage::ResultsFromOtherSets.words(lang).into(),
    )];
    for f in &e.from_results {
        let figures = match &f.unit {
            // People know a rating by its title; ids stay in CSV and JSON.
            Some(s) => UnitMessage::ResultFigures {
                score: s.score,
                rating: &s.rating_title,
                rank: s.rank,
                units: s.units,
                met: s.met,
                applicable: s.applicable,
                gates_failed: s.gates_failed,
            }
            .words(lang),
            None => UnitMessage::NotInResultData.words(lang),
        };
        let from = UnitMessage::FromResult {
            prefix: &f.prefix,
            set: &f.set_id,
            title: &f.set_title,
            data: &f.data_file,
            figures: &figures,
        };
        out.push(Block::Paragraph(from.words(lang).into()));
        let see = UnitMessage::SeeItExplainedThere {
            command: &f.command,
        };
        out.push(Block::Paragraph(see.words(lang).into()));
    }
    out
}
