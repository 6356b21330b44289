//! Terminal text: the content blocks laid out with comfy-table.

use std::io::Write;

use comfy_table::{CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, presets};

use super::content::{self, Align, Block, Cell, Grid, Tone};
use super::sanitize::for_terminal;
use super::{Context, Document, RenderError, Renderer};

pub struct TableRenderer;

/// The colour of a marked cell on a colour terminal. Every marked cell
/// also says its meaning in words (✓ ✗ ⚠, the rating), so nothing is lost
/// without colour.
fn colour(tone: Tone) -> Color {
    match tone {
        Tone::Good => Color::Green,
        Tone::Middle => Color::Blue,
        Tone::Caution => Color::Yellow,
        Tone::Bad => Color::Red,
    }
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
                    && let Cell::Marked(tone, _) = c
                {
                    cell = cell.fg(colour(*tone));
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
        doc.require_detail("table")?;
        let blocks = content::blocks(cx, doc);
        write_blocks(&blocks, cx, out)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::load::{parse_criteria, shipped};
    use crate::report::{Options, Stamp};

    /// The colour comes from what a cell means, not from its words: a
    /// rating titled in several words is coloured by its place, a failed
    /// mark red, and plain text that looks like a mark is left alone.
    #[test]
    fn cells_are_coloured_by_their_meaning() {
        let (file, source) = shipped::find("thi-dua-cuoi-nam").expect("shipped");
        let set = parse_criteria(file, source).expect("valid");
        let stamp = Stamp::for_tests();
        let cx = Context {
            profile: &crate::model::Profile::default(),
            set: &set,
            lang: Lang::Vi,
            stamp: &stamp,
            options: Options {
                color: true,
                ..Options::default()
            },
        };
        let grid = Grid::with_rows(
            vec![("x".to_string(), Align::Left)],
            [
                vec![Cell::rating(&set, 0)],
                vec![Cell::rating(&set, 1)],
                vec![Cell::rating(&set, set.ratings.len() - 1)],
                vec![Cell::met(false)],
                vec![Cell::marked(Tone::Caution, "⚠ dễ đổi")],
                vec![Cell::text("✗ not a mark")],
            ],
        );
        let lines: Vec<String> = table(&grid, &cx)
            .lines()
            .filter(|l| l.contains('│') && !l.contains(" x "))
            .collect();
        let shown = |colour: Color, text: &str| {
            let plain = comfy_table::Cell::new(text).fg(colour);
            let mut one = Table::new();
            one.enforce_styling();
            one.add_row(vec![plain]);
            let styled = one.to_string();
            // The escape comfy-table puts before the text in that colour.
            let at = styled.find(text).expect("the text is there");
            let start = styled[..at].rfind('\u{1b}').expect("an escape");
            styled[start..at].to_string()
        };
        assert_eq!(lines.len(), 6, "{lines:?}");
        let expect = [
            Some((Color::Green, "Hoàn thành xuất sắc nhiệm vụ")),
            Some((Color::Blue, set.ratings[1].shown())),
            Some((Color::Red, set.ratings[set.ratings.len() - 1].shown())),
            Some((Color::Red, "✗")),
            Some((Color::Yellow, "⚠ dễ đổi")),
            None,
        ];
        for (line, expected) in lines.iter().zip(expect) {
            match expected {
                Some((colour, text)) => {
                    let escape = shown(colour, text);
                    assert!(line.contains(&format!("{escape}{text}")), "{line:?}");
                }
                None => assert!(!line.contains('\u{1b}'), "{line:?}"),
            }
        }
    }
}
