//! Terminal text: the content blocks laid out with comfy-table.

use std::io::Write;

use comfy_table::{CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, presets};

use super::content::{self, Align, Block, Grid};
use super::sanitize::for_terminal;
use super::{Context, Document, RenderError, Renderer};

pub struct TableRenderer;

/// The colour a cell gets on a colour terminal. Every coloured cell also
/// carries its meaning in text (✓ ✗ ↓ ⚠, the rating id), so nothing is lost
/// without colour.
fn tone(text: &str, ratings: &[&str]) -> Option<Color> {
    let first = text.split_whitespace().next().unwrap_or_default();
    if first.starts_with('✗') || first.starts_with('⚠') {
        return Some(if first.starts_with('✗') {
            Color::Red
        } else {
            Color::Yellow
        });
    }
    if first == "✓" {
        return Some(Color::Green);
    }
    let index = ratings.iter().position(|r| *r == first)?;
    Some(if text.contains('↓') {
        Color::Yellow
    } else if index == 0 {
        Color::Green
    } else if index + 1 == ratings.len() {
        Color::Red
    } else {
        Color::Blue
    })
}

fn table(grid: &Grid, cx: &Context<'_>) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    if cx.options.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    if let Some(width) = cx.options.width {
        t.set_width(width);
        t.set_content_arrangement(ContentArrangement::Dynamic);
    }
    let ratings: Vec<&str> = cx.set.ratings.iter().map(|r| r.shown()).collect();
    // Every text from the files is escaped before it is laid out; the
    // colours are comfy-table's own, added around the escaped text.
    t.set_header(grid.header.iter().map(|h| for_terminal(h)));
    for row in &grid.rows {
        let cells: Vec<comfy_table::Cell> = row
            .cells
            .iter()
            .zip(&grid.align)
            .map(|(c, a)| {
                let align = match a {
                    Align::Left => CellAlignment::Left,
                    Align::Right => CellAlignment::Right,
                };
                let text = for_terminal(&c.text_in(cx.lang)).into_owned();
                let mut cell = comfy_table::Cell::new(&text).set_alignment(align);
                if cx.options.color
                    && let Some(colour) = tone(&text, &ratings)
                {
                    cell = cell.fg(colour);
                }
                cell
            })
            .collect();
        t.add_row(cells);
    }
    if cx.options.width.is_some() {
        // On a narrow terminal only long text (names, titles, notes) wraps;
        // numbers and short codes stay whole. A table that still cannot fit
        // runs wider rather than break every cell.
        let widths = t.column_max_content_widths();
        let constraints: Vec<ColumnConstraint> = grid
            .align
            .iter()
            .zip(widths)
            .map(|(a, w)| {
                if *a == Align::Right || w <= 12 {
                    ColumnConstraint::ContentWidth
                } else {
                    ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(12))
                }
            })
            .collect();
        t.set_constraints(constraints);
    }
    t
}

pub fn write_blocks(
    blocks: &[Block],
    cx: &Context<'_>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut previous_was_table = false;
    for block in blocks {
        match block {
            Block::Title(s) | Block::Subtitle(s) | Block::Paragraph(s) => {
                writeln!(out, "{}", for_terminal(s))?
            }
            Block::Heading(s) => {
                writeln!(out)?;
                writeln!(out, "{}", for_terminal(s))?;
            }
            Block::Check { passed, text } => {
                let mark = match passed {
                    Some(true) => "✓",
                    Some(false) => "✗",
                    None => "–",
                };
                writeln!(out, "  {mark} {}", for_terminal(text))?;
            }
            Block::Table(grid) => {
                if previous_was_table {
                    writeln!(out)?;
                }
                writeln!(out, "{}", table(grid, cx))?;
            }
        }
        previous_was_table = matches!(block, Block::Table(_));
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
        let blocks = content::blocks(cx, doc);
        write_blocks(&blocks, cx, out)?;
        Ok(())
    }
}
