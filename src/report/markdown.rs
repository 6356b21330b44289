//! GitHub-flavoured Markdown, for pasting into chats and wikis. Text is
//! never altered beyond escaping what would break a table.

use std::io::Write;

use super::content::{self, Align, Block, Grid};
use super::messages::Label;
use super::{Context, Document, RenderError, Renderer};
use crate::i18n::Lang;
use crate::model::CompactEvaluation;

pub(super) struct MarkdownRenderer;

/// Every character a Markdown reader (or the editor it is pasted into) may
/// take for the end of a line: LF, CR, VT, FF, NEL, and Unicode's line and
/// paragraph separators.
const LINE_BREAKS: [char; 7] = [
    '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}',
];

/// The text on one line: each line break becomes a space.
fn one_line(s: &str) -> String {
    s.replace(LINE_BREAKS, " ")
}

/// A cell that cannot break the table: pipes escaped, line breaks flattened.
fn cell(s: &str) -> String {
    one_line(&s.replace('\\', "\\\\").replace('|', "\\|"))
}

fn grid(out: &mut dyn Write, lang: Lang, g: &Grid) -> std::io::Result<()> {
    grid_head(out, g)?;
    for row in &g.rows {
        grid_row(out, lang, &row.cells, row.emphasis)?;
    }
    Ok(())
}

/// A table's header and the line under it that aligns its columns.
fn grid_head(out: &mut dyn Write, g: &Grid) -> std::io::Result<()> {
    let header: Vec<String> = g.header.iter().map(|h| cell(h)).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let rule: Vec<&str> = g
        .align
        .iter()
        .map(|a| match a {
            Align::Left => "---",
            Align::Right => "---:",
        })
        .collect();
    writeln!(out, "| {} |", rule.join(" | "))
}

fn grid_row(
    out: &mut dyn Write,
    lang: Lang,
    cells: &[content::Cell],
    emphasis: bool,
) -> std::io::Result<()> {
    let cells: Vec<String> = cells
        .iter()
        .map(|c| {
            let text = cell(&c.text_in(lang));
            if emphasis && !text.is_empty() {
                format!("**{text}**")
            } else {
                text
            }
        })
        .collect();
    writeln!(out, "| {} |", cells.join(" | "))
}

fn text(s: &str) -> String {
    // Markdown would read a leading "#", "-" or "1." as structure.
    let s = one_line(s);
    match s.chars().next() {
        Some('#' | '-' | '+' | '*' | '>' | '|') => format!("\\{s}"),
        _ => s,
    }
}

pub(super) fn write_blocks(
    blocks: &[Block],
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for block in blocks {
        match block {
            Block::Title(s) => writeln!(out, "# {}\n", text(s))?,
            Block::Subtitle(s) => writeln!(out, "*{}*\n", text(s).replace('*', "\\*"))?,
            Block::Heading(s) => writeln!(out, "## {}\n", text(s))?,
            Block::Paragraph(s) => writeln!(out, "{}\n", text(s))?,
            Block::Check { passed, text: t } => {
                let mark = match passed {
                    Some(true) => "✓",
                    Some(false) => "✗",
                    None => "–",
                };
                writeln!(out, "- {mark} {}", text(t))?;
            }
            Block::Table(g) => {
                grid(out, lang, g)?;
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

fn stamp(cx: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "\n---\n")?;
    for (label, value) in content::stamp_lines(cx) {
        writeln!(out, "- {label}: `{}`", one_line(&value.replace('`', "'")))?;
    }
    Ok(())
}

/// A ranking written unit by unit as the store's view hands them over:
/// the table's rows, then each unit's detail (its units re-scored once for
/// each), so no more than one unit is held in full.
fn ranking(
    cx: &Context<'_>,
    eval: &CompactEvaluation,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let (set, lang) = (cx.set, cx.lang);
    let all = 0..eval.units.len();
    write_blocks(&content::ranking_head(cx), lang, out)?;
    grid_head(out, &content::ranking_columns(set, lang))?;
    let mut units = eval.in_full(set);
    let mut tail = content::RankingTail::new(cx);
    units.each(all.clone(), |u| {
        tail.add(u);
        Ok::<_, RenderError>(grid_row(
            out,
            lang,
            &content::ranking_row(set, lang, u),
            false,
        )?)
    })?;
    writeln!(out)?;
    write_blocks(&tail.blocks(), lang, out)?;
    writeln!(out, "## {}\n", Label::UnitDetails.text(lang))?;
    units.each(all, |u| {
        let (title, figures) = content::unit_headline(set, lang, u);
        writeln!(
            out,
            "### {} {}\n\n{}\n",
            super::words::rank_label(u),
            text(&title),
            text(&figures)
        )?;
        grid(out, lang, &content::criteria_grid(set, lang, u))?;
        writeln!(out)?;
        for line in content::score_lines(set, lang, u) {
            writeln!(out, "{}\n", text(&line))?;
        }
        let checks = content::gate_checks(set, lang, u);
        if !checks.is_empty() {
            write_blocks(&checks, lang, out)?;
            writeln!(out)?;
        }
        Ok::<_, RenderError>(())
    })
}

/// A comparison of every unit, its main table written row by row.
fn comparison(
    cx: &Context<'_>,
    c: &crate::engine::compare::Comparison<'_>,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let lang = cx.lang;
    write_blocks(&content::comparison_head(cx, c), lang, out)?;
    grid_head(out, &content::comparison_table(cx, c))?;
    let clustered = c.units.clustered();
    for u in c.units.iter() {
        grid_row(
            out,
            lang,
            &content::comparison_row(cx, c, clustered, &u?),
            false,
        )?;
    }
    Ok(writeln!(out)?)
}

/// A sensitivity analysis, its main table written row by row.
fn sensitivity(
    cx: &Context<'_>,
    s: &crate::engine::sensitivity::Sensitivity,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let lang = cx.lang;
    write_blocks(&content::sensitivity_head(cx, s), lang, out)?;
    grid_head(out, &content::sensitivity_table(cx, s))?;
    let clustered = s.units.iter().any(|u| u.cluster.is_some());
    for u in &s.units {
        grid_row(
            out,
            lang,
            &content::sensitivity_row(cx, clustered, u),
            false,
        )?;
    }
    Ok(writeln!(out)?)
}

impl Renderer for MarkdownRenderer {
    fn render(
        &self,
        cx: &Context<'_>,
        doc: &Document<'_>,
        out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        match doc {
            Document::Ranking(eval) => ranking(cx, eval, out)?,
            Document::Comparison(c) if c.detail.is_none() => comparison(cx, c, out)?,
            Document::Sensitivity(s) => sensitivity(cx, s, out)?,
            other => write_blocks(&content::blocks(cx, other)?, cx.lang, out)?,
        }
        stamp(cx, out)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ranking written row by row as units are handed over is the
    /// ranking's blocks laid out at once from every unit in full (as the
    /// other renderers lay them out): clusters, quotas, a downgrade, units
    /// not considered and a shared first place, in both languages.
    #[test]
    fn the_streamed_ranking_table_is_the_one_laid_out_whole() {
        let order = crate::collate::VietnameseOrder::new();
        for example in ["thi-dua-2023.csv", "thi-dua-binh-xet.csv"] {
            let (set, csv) = crate::load::shipped::repeated_example("thi-dua-cuoi-nam", example, 2);
            let data =
                crate::load::data::read_data(&set, "t.csv", csv.as_bytes(), &Default::default())
                    .expect("valid data");
            let eval = crate::engine::compact::rank_dataset(
                &set,
                &data,
                crate::model::Keep::Values,
                &order,
            )
            .expect("scores");
            let stamp = crate::report::Stamp::for_tests();
            for lang in [Lang::Vi, Lang::En] {
                let cx = Context {
                    set: &set,
                    lang,
                    stamp: &stamp,
                    profile: &crate::model::Profile::default(),
                    options: crate::report::Options::default(),
                };
                let mut streamed = Vec::new();
                ranking(&cx, &eval, &mut streamed).expect("written");
                let full = crate::report::in_full(&set, &eval).expect("scores");
                let mut whole = Vec::new();
                write_blocks(&content::ranking(&cx, &full), lang, &mut whole).expect("written");
                let details = match lang {
                    Lang::Vi => "## Chi tiết từng đơn vị",
                    Lang::En => "## Unit details",
                };
                let streamed = String::from_utf8(streamed).expect("UTF-8");
                let (table, rest) = streamed.split_once(details).expect("a details heading");
                assert_eq!(table, String::from_utf8(whole).expect("UTF-8"), "{example}");
                // Every unit's detail follows, in rank order.
                assert_eq!(
                    rest.matches("\n### ").count(),
                    full.units.len(),
                    "{example}"
                );
            }
        }
    }

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("a\nb"), "a b");
        assert_eq!(text("# not a heading"), "\\# not a heading");
    }

    #[test]
    fn no_line_break_survives_in_a_cell_or_a_line_of_text() {
        for line_break in LINE_BREAKS {
            let hostile = format!("Unit{line_break}# owned");
            for out in [cell(&hostile), text(&hostile)] {
                assert_eq!(out, "Unit # owned", "{line_break:?}");
            }
        }
    }

    /// A comparison of every unit written row by row is its blocks laid
    /// out at once, in both languages.
    #[test]
    fn the_streamed_comparison_is_the_one_laid_out_whole() {
        let stamp = crate::report::Stamp::for_tests();
        let mut streamed_rows = 0;
        for sample in crate::report::compare_samples::samples() {
            let (set, c) = (&sample.set, sample.comparison());
            for lang in [Lang::Vi, Lang::En] {
                let cx = Context {
                    set,
                    lang,
                    stamp: &stamp,
                    profile: &crate::model::Profile::default(),
                    options: crate::report::Options::default(),
                };
                let mut whole = Vec::new();
                let blocks = content::comparison(&cx, &c).expect("laid out");
                write_blocks(&blocks, lang, &mut whole).expect("written");
                super::stamp(&cx, &mut whole).expect("written");
                let mut written = Vec::new();
                MarkdownRenderer
                    .render(&cx, &Document::Comparison(&c), &mut written)
                    .expect("rendered");
                assert_eq!(
                    String::from_utf8(written).expect("UTF-8"),
                    String::from_utf8(whole).expect("UTF-8"),
                    "{} units, detail {:?}",
                    c.units.len(),
                    c.detail.as_ref().map(|d| &d.0)
                );
                if c.detail.is_none() {
                    streamed_rows += c.units.len();
                }
            }
        }
        assert!(streamed_rows > 100);
    }

    /// A sensitivity analysis written row by row is its blocks laid out
    /// at once, in both languages.
    #[test]
    fn the_streamed_sensitivity_is_the_one_laid_out_whole() {
        let stamp = crate::report::Stamp::for_tests();
        let mut streamed_rows = 0;
        for (set, s) in crate::report::compare_samples::sensitivities() {
            for lang in [Lang::Vi, Lang::En] {
                let cx = Context {
                    set: &set,
                    lang,
                    stamp: &stamp,
                    profile: &crate::model::Profile::default(),
                    options: crate::report::Options::default(),
                };
                let mut whole = Vec::new();
                write_blocks(&content::sensitivity(&cx, &s), lang, &mut whole).expect("written");
                super::stamp(&cx, &mut whole).expect("written");
                let mut written = Vec::new();
                MarkdownRenderer
                    .render(&cx, &Document::Sensitivity(&s), &mut written)
                    .expect("rendered");
                assert_eq!(
                    String::from_utf8(written).expect("UTF-8"),
                    String::from_utf8(whole).expect("UTF-8"),
                    "{} units",
                    s.units.len()
                );
                streamed_rows += s.units.len();
            }
        }
        assert!(streamed_rows > 100);
    }
}
