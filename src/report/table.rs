//! Terminal text: the content blocks laid out with comfy-table.

use std::io::Write;

use comfy_table::{CellAlignment, Table, presets};

use super::content::{self, Align, Block, Grid};
use super::{Context, Document, RenderError, Renderer};

pub struct TableRenderer;

fn table(grid: &Grid) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_header(grid.header.clone());
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
                comfy_table::Cell::new(c.to_string()).set_alignment(align)
            })
            .collect();
        t.add_row(cells);
    }
    t
}

pub fn write_blocks(blocks: &[Block], out: &mut dyn Write) -> std::io::Result<()> {
    let mut previous_was_table = false;
    for block in blocks {
        match block {
            Block::Title(s) | Block::Subtitle(s) | Block::Paragraph(s) => writeln!(out, "{s}")?,
            Block::Heading(s) => {
                writeln!(out)?;
                writeln!(out, "{s}")?;
            }
            Block::Check { passed, text } => {
                let mark = match passed {
                    Some(true) => "✓",
                    Some(false) => "✗",
                    None => "–",
                };
                writeln!(out, "  {mark} {text}")?;
            }
            Block::Table(grid) => {
                if previous_was_table {
                    writeln!(out)?;
                }
                writeln!(out, "{}", table(grid))?;
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
        write_blocks(&blocks, out)?;
        Ok(())
    }
}
