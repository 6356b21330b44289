//! What a report an office files says, in words: units assessed, counts
//! per rating, the units of each rating, cluster leaders and shared first
//! places, units a gate kept out, units a quota lowered; and its annex
//! tables. Independent of layout, so any document format can use it.

use rust_decimal::Decimal;

use super::Context;
use super::content::{Align, Cell, Grid, Row, rank_cell};
use super::messages::{FilingMessage, Label};
use super::words;
use crate::i18n::{Lang, Message};
use crate::model::{CriteriaSet, CriterionIdx, Evaluation, RatingIdx, UnitResult};

/// What a filed document leaves to fill by hand where the profile gives
/// nothing (an agency, a place), as offices print it.
pub const BLANK: &str = "…………";
/// A shorter blank, within a document number ("……/BC-……").
pub const SHORT_BLANK: &str = "……";

/// One line of a report's body.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// A numbered section heading ("1. Kết quả xếp loại").
    Heading(String),
    /// A paragraph of running text.
    Text(String),
    /// An item of a list ("- Nghi Hải: 96,50 điểm").
    Item(String),
}

/// A number as the language writes it: `103,42` in Vietnamese, `103.42`
/// in English.
pub fn number(lang: Lang, d: Decimal) -> String {
    super::words::num_in(lang, d)
}

/// What a reader knows a rating by: its short title when the set gives
/// one, else its title; never its id.
pub fn rating_name(set: &CriteriaSet, rating: RatingIdx) -> &str {
    &set.rating(rating).title
}

/// The cluster's name as people write it: "Cụm 3" stays "Cụm 3", "3"
/// becomes "cụm 3".
pub fn cluster_name(lang: Lang, cluster: &str) -> String {
    let lower = cluster.to_lowercase();
    let prefix = Label::ClusterWord.text(lang);
    if lower.starts_with(prefix) {
        cluster.to_string()
    } else {
        format!("{prefix} {cluster}")
    }
}

/// Clusters in order of first appearance in the data, each with its units
/// in rank order.
pub fn clusters(eval: &Evaluation) -> Vec<(&str, Vec<&UnitResult>)> {
    let mut out: Vec<(&str, Vec<&UnitResult>, usize)> = Vec::new();
    for u in &eval.units {
        let Some(c) = u.cluster.as_deref() else {
            continue;
        };
        match out.iter_mut().find(|(name, ..)| *name == c) {
            Some((_, units, first)) => {
                units.push(u);
                *first = (*first).min(u.input_index);
            }
            None => out.push((c, vec![u], u.input_index)),
        }
    }
    out.sort_by_key(|(.., first)| *first);
    out.into_iter().map(|(c, units, _)| (c, units)).collect()
}

pub fn uppercase_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A title run into a sentence ("Kết quả chấm điểm …"): its first letter
/// lowercased, unless its first word is an acronym ("ANTT") or begins a
/// name ("Cửa Lò"), which keep their capitals.
pub fn lowercase_first(s: &str) -> String {
    let mut words = s.split_whitespace();
    let first = words.next().unwrap_or_default();
    let acronym = first.chars().skip(1).any(char::is_uppercase);
    let name = words
        .next()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    let mut chars = s.chars();
    match chars.next() {
        Some(f) if !acronym && !name => f.to_lowercase().chain(chars).collect(),
        _ => s.to_string(),
    }
}

fn names(units: &[&UnitResult]) -> String {
    units
        .iter()
        .map(|u| u.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Cửa Lò, ngày 15 tháng 12 năm 2023".
pub fn place_and_date(cx: &Context<'_>) -> String {
    FilingMessage::PlaceAndDate {
        place: cx.profile.place.as_deref(),
        date: cx.profile.date,
    }
    .words(cx.lang)
    .into_owned()
}

/// The body of the report (BÁO CÁO) on a ranking.
pub fn report_body(cx: &Context<'_>, eval: &Evaluation) -> Vec<Line> {
    let (set, lang, profile) = (cx.set, cx.lang, cx.profile);
    let n = eval.units.len();
    let mut out = Vec::new();
    let period = profile
        .period
        .as_deref()
        .map(|p| format!(" {p}"))
        .unwrap_or_default();
    out.push(Line::Text(
        FilingMessage::Opening {
            basis: set.basis.as_deref(),
            issuer: profile.issuer.as_deref(),
            title: &set.title,
            period: &period,
            units: n,
        }
        .words(lang)
        .into_owned(),
    ));

    // Counts per rating.
    out.push(Line::Heading(Label::RatingsHeading.text(lang).into()));
    for i in set.rating_indices() {
        let count = eval.units.iter().filter(|u| u.rated() == Some(i)).count();
        out.push(Line::Item(
            FilingMessage::RatingCount {
                rating: rating_name(set, i),
                count,
                units: n,
            }
            .words(lang)
            .into_owned(),
        ));
    }
    let apart = eval.units.iter().filter(|u| u.is_excluded()).count();
    if apart > 0 {
        out.push(Line::Item(
            FilingMessage::NotConsideredCount {
                count: apart,
                units: n,
            }
            .words(lang)
            .into_owned(),
        ));
    }

    // The units of each rating.
    out.push(Line::Heading(Label::UnitsByRatingHeading.text(lang).into()));
    for i in set.rating_indices() {
        let rating = set.rating(i);
        let units: Vec<&UnitResult> = eval.units.iter().filter(|u| u.rated() == Some(i)).collect();
        if units.is_empty() {
            continue;
        }
        // Recognition is proposed for the best rating; a lower one is a
        // classification; the last, unconditional one is no proposal.
        let lead = if rating.is_unconditional() {
            ""
        } else if i == RatingIdx::BEST {
            Label::ProposedFor.text(lang)
        } else {
            Label::ProposedRating.text(lang)
        };
        let count = units.len();
        let noun = FilingMessage::UnitsNoun { count }.words(lang);
        out.push(Line::Item(format!(
            "{lead}\"{}\" ({count} {noun}): {};",
            rating_name(set, i),
            names(&units)
        )));
    }

    // Leaders, and first places shared.
    out.push(Line::Heading(Label::LeadingUnitsHeading.text(lang).into()));
    let groups = clusters(eval);
    // Each scope (a cluster, or all units) with its units and its first.
    type Scope<'e> = (Option<&'e str>, Vec<&'e UnitResult>, Vec<&'e UnitResult>);
    let leaders: Vec<Scope> = if groups.is_empty() {
        let all: Vec<&UnitResult> = eval.units.iter().collect();
        let first = all.iter().copied().filter(|u| u.rank == 1).collect();
        vec![(None, all, first)]
    } else {
        groups
            .iter()
            .map(|(c, units)| {
                let first = units
                    .iter()
                    .copied()
                    .filter(|u| u.cluster_rank == Some(1))
                    .collect();
                (Some(*c), units.clone(), first)
            })
            .collect()
    };
    for (cluster, units, first) in leaders {
        let Some(top) = first.first() else { continue };
        // A set judged by its pass count is led by the count, not points.
        let (pass_count, met) = (
            cx.set.headline_is_pass_count(),
            format!("{}/{}", top.met, top.applicable),
        );
        let standing = FilingMessage::LeaderStanding {
            by_count: pass_count,
            met: &met,
            score: top.score,
        }
        .words(lang);
        let leads = if pass_count {
            Label::LeadsWithCount
        } else {
            Label::LeadsWithScore
        }
        .text(lang);
        let place = match cluster {
            Some(c) => format!("{}: ", uppercase_first(&cluster_name(lang, c))),
            None => String::new(),
        };
        // Led by the count, a unit with the same count ranks below only
        // by the keys after it: the report says so rather than let the
        // count alone seem to decide.
        let same_count: Vec<&UnitResult> = if pass_count && first.len() == 1 {
            units
                .iter()
                .copied()
                .filter(|u| u.id != top.id && u.rated().is_some())
                .filter(|u| (u.met, u.applicable) == (top.met, top.applicable))
                .filter(|u| u.gates_failed_count() == top.gates_failed_count())
                .collect()
        } else {
            Vec::new()
        };
        let also = if same_count.is_empty() {
            String::new()
        } else {
            FilingMessage::SameCountAsLeader {
                names: &names(&same_count),
                standing: &standing,
            }
            .words(lang)
            .into_owned()
        };
        out.push(Line::Item(if first.len() == 1 {
            format!("{place}{} {leads} {standing}{also};", top.name)
        } else {
            FilingMessage::SharedFirst {
                place: &place,
                names: &names(&first),
                standing: &standing,
                tied: words::tied_first(lang),
            }
            .words(lang)
            .into_owned()
        }));
    }

    // Units a gate kept out.
    out.push(Line::Heading(Label::HeldBackHeading.text(lang).into()));
    let held: Vec<&UnitResult> = eval
        .units
        .iter()
        .filter(|u| u.gates_failed_count() > 0)
        .collect();
    if held.is_empty() {
        out.push(Line::Text(Label::NoUnitHeldBack.text(lang).into()));
    }
    for u in held {
        let gates: Vec<&str> = u
            .gates_failed()
            .filter_map(|g| set.gates.get(g))
            .map(|g| g.title.as_str())
            .collect();
        out.push(Line::Item(
            FilingMessage::HeldBack {
                unit: &u.name,
                gates: &gates.join("\", \""),
                rating: unit_rating_name(lang, set, u),
            }
            .words(lang)
            .into_owned(),
        ));
    }

    // Units a quota lowered.
    let mut section = 5;
    let lowered: Vec<&UnitResult> = eval.units.iter().filter(|u| u.quota_lowered()).collect();
    if !lowered.is_empty() {
        out.push(Line::Heading(format!(
            "{section}. {}",
            Label::QuotaLoweredHeading.text(lang)
        )));
        section += 1;
        for u in lowered {
            out.push(Line::Item(
                FilingMessage::LoweredByQuota {
                    unit: &u.name,
                    score: u.score,
                    from: rating_name(set, u.rating_before_quota),
                    to: rating_name(set, u.rating),
                }
                .words(lang)
                .into_owned(),
            ));
        }
    }
    out.extend(standing_sections(cx, eval, section));
    if !cx.stamp.overrides.is_empty() {
        let changes = cx.stamp.overrides.join(" ");
        out.push(Line::Text(
            FilingMessage::WhatIf { changes: &changes }
                .words(lang)
                .into_owned(),
        ));
    }
    // With review stages the Word report adds Annex III: what they changed.
    let staged = super::content::stages::changes_grid(cx, eval).is_some();
    out.push(Line::Text(
        if !staged {
            Label::AnnexesOneTwo
        } else {
            Label::AnnexesOneToThree
        }
        .text(lang)
        .into(),
    ));
    end_lists(&mut out);
    out
}

/// Units a downgrade lowered and units not considered, numbered from
/// `section` on; nothing when there are none.
fn standing_sections(cx: &Context<'_>, eval: &Evaluation, mut section: usize) -> Vec<Line> {
    let (set, lang) = (cx.set, cx.lang);
    let mut out = Vec::new();
    let downgraded: Vec<&UnitResult> = eval
        .units
        .iter()
        .filter(|u| u.downgrade_lowered())
        .collect();
    if !downgraded.is_empty() {
        out.push(Line::Heading(format!(
            "{section}. {}",
            Label::DowngradedHeading.text(lang)
        )));
        section += 1;
        for u in downgraded {
            let (why, from, to) = (
                words::downgrade_titles(set, u.downgrades),
                rating_name(set, u.rating_before_downgrade),
                rating_name(set, u.rating_before_quota),
            );
            out.push(Line::Item(
                FilingMessage::Downgraded {
                    unit: &u.name,
                    score: u.score,
                    from,
                    to,
                    why: &why,
                }
                .words(lang)
                .into_owned(),
            ));
        }
    }
    let apart: Vec<&UnitResult> = eval.units.iter().filter(|u| u.is_excluded()).collect();
    if !apart.is_empty() {
        out.push(Line::Heading(format!(
            "{section}. {}",
            Label::NotConsideredHeading.text(lang)
        )));
        for u in apart {
            let why = words::exclusion_titles(set, u.excluded);
            out.push(Line::Item(
                FilingMessage::NotConsideredUnit {
                    unit: &u.name,
                    score: u.score,
                    why: &why,
                }
                .words(lang)
                .into_owned(),
            ));
        }
    }
    out
}

/// A unit's rating by title, or "chưa xét" when it is not considered.
fn unit_rating_name<'a>(lang: Lang, set: &'a CriteriaSet, u: &UnitResult) -> &'a str {
    match u.rated() {
        Some(r) => rating_name(set, r),
        None => words::not_considered(lang),
    }
}

/// The last item of each list ends with a full stop, the others with a
/// semicolon, as administrative Vietnamese writes a list.
fn end_lists(lines: &mut [Line]) {
    for i in 0..lines.len() {
        let next_is_item = matches!(lines.get(i + 1), Some(Line::Item(_)));
        if let Some(Line::Item(text)) = lines.get_mut(i)
            && !next_is_item
            && let Some(stem) = text.strip_suffix(';')
        {
            *text = format!("{stem}.");
        }
    }
}

/// Annex I: the ranking of `units` (all, or one cluster's).
pub fn ranking_annex(cx: &Context<'_>, units: &[&UnitResult], in_cluster: bool) -> Grid {
    let (set, lang) = (cx.set, cx.lang);
    let mut header: Vec<(String, Align)> = vec![
        (Label::Rank.text(lang).into(), Align::Right),
        (Label::Unit.text(lang).into(), Align::Left),
    ];
    header.extend(set.groups.iter().map(|g| (g.id.clone(), Align::Right)));
    let pass_count = set.headline_is_pass_count();
    let (score, met) = (
        (super::words::score_label(lang, set).into(), Align::Right),
        (Label::CriteriaMet.text(lang).into(), Align::Right),
    );
    header.extend(if pass_count {
        [met, score]
    } else {
        [score, met]
    });
    header.extend([
        (Label::Rating.text(lang).into(), Align::Left),
        (Label::Note.text(lang).into(), Align::Left),
    ]);
    let rows = units.iter().map(|u| {
        let rank = if in_cluster {
            u.cluster_rank.or(u.ranked())
        } else {
            u.ranked()
        };
        let mut cells = vec![rank_cell(rank), Cell::text(&u.name)];
        cells.extend(u.groups.iter().map(|g| Cell::text(number(lang, *g))));
        let (score, met) = (
            Cell::text(number(lang, u.score)),
            Cell::text(format!("{}/{}", u.met, u.applicable)),
        );
        cells.extend(if pass_count {
            [met, score]
        } else {
            [score, met]
        });
        cells.push(Cell::text(unit_rating_name(lang, set, u)));
        cells.push(Cell::text(note(cx, u)));
        cells
    });
    Grid::with_rows(header, rows)
}

/// Why a unit's rating is not what its score alone gives: failed
/// conditions, a quota.
fn note(cx: &Context<'_>, u: &UnitResult) -> String {
    let (set, lang) = (cx.set, cx.lang);
    let mut parts = Vec::new();
    let failed: Vec<&str> = u
        .gates_failed()
        .filter_map(|g| set.gates.get(g))
        .map(|g| g.id.as_str())
        .collect();
    if !failed.is_empty() {
        parts.push(format!(
            "{} {}",
            Label::FailedCondition.text(lang),
            failed.join(", ")
        ));
    }
    if let Some(m) = words::missing_note(lang, set, u) {
        parts.push(uppercase_first(&m));
    }
    if let Some(x) = words::exclusion_note(lang, set, u) {
        parts.push(uppercase_first(&x));
    }
    if u.tied_first {
        parts.push(uppercase_first(words::tied_first(lang)));
    }
    if u.downgrade_lowered() {
        let (ids, from) = (
            words::downgrade_ids(set, u.downgrades),
            rating_name(set, u.rating_before_downgrade),
        );
        parts.push(
            FilingMessage::DowngradedNote { from, ids: &ids }
                .words(lang)
                .into_owned(),
        );
    }
    if u.quota_lowered() {
        parts.push(
            FilingMessage::LoweredByQuotaNote {
                from: rating_name(set, u.rating_before_quota),
            }
            .words(lang)
            .into_owned(),
        );
    }
    parts.join("; ")
}

/// Annex II: each unit's points per criterion, `per_table` criteria to a
/// table so a landscape page holds them; the unit's name on each.
pub fn criteria_annex(cx: &Context<'_>, eval: &Evaluation, per_table: usize) -> Vec<Grid> {
    let (set, lang) = (cx.set, cx.lang);
    let per_table = per_table.max(1);
    let indices: Vec<CriterionIdx> = set.criterion_indices().collect();
    indices
        .chunks(per_table)
        .map(|chunk| {
            let mut header = vec![
                (Label::Rank.text(lang).to_string(), Align::Right),
                (Label::Unit.text(lang).to_string(), Align::Left),
            ];
            header.extend(chunk.iter().map(|&c| {
                let criterion = set.criterion(c);
                (
                    format!("{} ({})", criterion.id, number(lang, criterion.points)),
                    Align::Right,
                )
            }));
            let rows = eval.units.iter().map(|u| {
                let mut cells = vec![rank_cell(u.ranked()), Cell::text(&u.name)];
                cells.extend(chunk.iter().map(|&c| match u.criterion(c).status {
                    crate::model::Status::NotApplicable => {
                        Cell::text(Label::NotApplicableShort.text(lang))
                    }
                    _ => Cell::text(number(lang, u.criterion(c).points)),
                }));
                cells
            });
            Grid::with_rows(header, rows)
        })
        .collect()
}

/// The criteria the annex names by id: id, title, maximum points.
pub fn criteria_legend(cx: &Context<'_>) -> Grid {
    let (set, lang) = (cx.set, cx.lang);
    let rows = set
        .criteria
        .iter()
        .map(|c| Row {
            cells: vec![
                Cell::text(&c.id),
                Cell::text(&c.title),
                Cell::text(number(lang, c.points)),
            ],
            emphasis: false,
        })
        .collect();
    Grid {
        header: vec![
            Label::Id.text(lang).into(),
            Label::Criterion.text(lang).into(),
            Label::MaxPoints.text(lang).into(),
        ],
        align: vec![Align::Left, Align::Left, Align::Right],
        rows,
        optional: Vec::new(),
        main: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_in_a_sentence_keeps_acronyms_and_names() {
        assert_eq!(lowercase_first("Chấm điểm thi đua"), "chấm điểm thi đua");
        assert_eq!(
            lowercase_first("Đánh giá Công an phường"),
            "đánh giá Công an phường"
        );
        assert_eq!(lowercase_first("ANTT cơ sở"), "ANTT cơ sở");
        assert_eq!(lowercase_first("Cửa Lò: thi đua"), "Cửa Lò: thi đua");
        assert_eq!(lowercase_first("Thi"), "thi");
        assert_eq!(lowercase_first("CAND"), "CAND");
        assert_eq!(lowercase_first(""), "");
    }

    #[test]
    fn numbers_take_a_decimal_comma_in_vietnamese() {
        let d = Decimal::new(10342, 2);
        assert_eq!(number(Lang::Vi, d), "103,42");
        assert_eq!(number(Lang::En, d), "103.42");
    }

    #[test]
    fn a_list_ends_with_a_full_stop() {
        let mut lines = vec![
            Line::Heading("1.".into()),
            Line::Item("a;".into()),
            Line::Item("b;".into()),
            Line::Text("c".into()),
            Line::Item("d;".into()),
        ];
        end_lists(&mut lines);
        assert_eq!(
            lines,
            [
                Line::Heading("1.".into()),
                Line::Item("a;".into()),
                Line::Item("b.".into()),
                Line::Text("c".into()),
                Line::Item("d.".into()),
            ]
        );
    }

    #[test]
    fn a_cluster_named_cum_is_not_called_cum_twice() {
        assert_eq!(cluster_name(Lang::Vi, "Cụm 3"), "Cụm 3");
        assert_eq!(cluster_name(Lang::Vi, "3"), "cụm 3");
        assert_eq!(cluster_name(Lang::En, "North"), "cluster North");
    }
}
