//! The terminal table written a block of rows at a time, so that a ranking
//! of a million units is never laid out whole (issue 15). A first pass over
//! the rows measures each column (its widest value and longest word, what
//! [`super::fit`] decides from); a second lays the rows out with comfy-table
//! a block at a time, every block at those same fixed widths. Every block
//! is then the same table, so its lines are the whole table's lines: the
//! first block's top border and header, each block's rows, the bottom
//! border once at the end.

use std::io::Write;

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::{Measure, TEXT_FLOOR, colour, fit, longest_word, widest_line};
use crate::model::CompactEvaluation;
use crate::report::content::{self, Align, Block, Cell, Grid};
use crate::report::sanitize::for_terminal;
use crate::report::{Context, RenderError};

/// Rows laid out at once: enough that comfy-table's work per table is
/// spread thin, few enough that a block's cells take no memory to speak of.
const BLOCK: usize = 256;

/// What a pass over one column's cells has seen so far.
#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    /// The widest line.
    full: usize,
    /// The longest word.
    word: usize,
    /// Some cell has a space in it.
    spaced: bool,
}

/// Every column of a table measured in one pass over its rows, a row at a
/// time; only the widest values are kept.
#[derive(Debug, Clone)]
pub(super) struct Columns(Vec<Seen>);

impl Columns {
    pub(super) fn new(columns: usize) -> Self {
        Columns(vec![Seen::default(); columns])
    }

    /// Measures one row's cells, as the table writes them.
    pub(super) fn add(&mut self, cells: &[Cell]) {
        for (seen, cell) in self.0.iter_mut().zip(cells) {
            let text = cell.to_string();
            let text = for_terminal(&text);
            seen.full = seen.full.max(widest_line(&text));
            seen.word = seen.word.max(longest_word(&text));
            seen.spaced |= text.contains(char::is_whitespace);
        }
    }

    /// How wide each column is and how narrow it may become, its header
    /// included.
    pub(super) fn measures(&self, header: &[String], align: &[Align]) -> Vec<Measure> {
        self.0
            .iter()
            .enumerate()
            .map(|(i, seen)| {
                let header = header.get(i).map(|h| for_terminal(h)).unwrap_or_default();
                let full = seen.full.max(widest_line(&header));
                let header_word = longest_word(&header);
                // A right-aligned column of single words holds numbers (85,5,
                // 27/27, 100%); a value with its unit ("6,5 camera/1.000 hộ")
                // may wrap between its words like any text.
                let numbers = align.get(i) == Some(&Align::Right) && !seen.spaced;
                if numbers {
                    // Numbers stay whole; only the header wraps.
                    let floor = seen.full.max(header_word);
                    Measure {
                        full,
                        floor,
                        least: floor,
                        text: false,
                    }
                } else {
                    let least = header_word.max(seen.word);
                    let floor = least.max(full.min(TEXT_FLOOR));
                    Measure {
                        full,
                        floor,
                        least,
                        text: true,
                    }
                }
            })
            .collect()
    }
}

/// A table's rows, read twice: once to measure, once to write.
pub(super) trait Rows {
    /// Each column's measure: a pass over every row.
    fn measures(&mut self, grid: &Grid) -> Result<Vec<Measure>, RenderError>;

    /// Hands `row` every row, in order.
    fn each(
        &mut self,
        row: &mut dyn FnMut(&[Cell]) -> std::io::Result<()>,
    ) -> Result<(), RenderError>;
}

/// The rows a grid holds.
pub(super) struct GridRows<'g>(pub(super) &'g Grid);

impl Rows for GridRows<'_> {
    fn measures(&mut self, _: &Grid) -> Result<Vec<Measure>, RenderError> {
        Ok(super::measure(self.0))
    }

    fn each(
        &mut self,
        row: &mut dyn FnMut(&[Cell]) -> std::io::Result<()>,
    ) -> Result<(), RenderError> {
        for r in &self.0.rows {
            row(&r.cells)?;
        }
        Ok(())
    }
}

/// The ranking's rows, read from the one result store a unit at a time;
/// measured already, by the pass that also counted the legends.
struct RankingRows<'a> {
    cx: Context<'a>,
    units: crate::model::Units<'a>,
    count: usize,
    measured: Columns,
}

impl Rows for RankingRows<'_> {
    fn measures(&mut self, grid: &Grid) -> Result<Vec<Measure>, RenderError> {
        Ok(self.measured.measures(&grid.header, &grid.align))
    }

    fn each(
        &mut self,
        row: &mut dyn FnMut(&[Cell]) -> std::io::Result<()>,
    ) -> Result<(), RenderError> {
        let (set, lang) = (self.cx.set, self.cx.lang);
        self.units.each(0..self.count, |u| {
            Ok::<_, RenderError>(row(&content::ranking_row(set, lang, u))?)
        })
    }
}

/// A ranking of any size: its table streamed from the store, its head and
/// legends as blocks. The units are re-scored twice (once to measure and
/// count, once to write) and never held together.
pub(super) fn ranking(
    cx: &Context<'_>,
    eval: &CompactEvaluation,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let (set, lang) = (cx.set, cx.lang);
    let columns = content::ranking_columns(set, lang).into_main();
    let count = eval.units.len();
    let mut units = eval.in_full(set);
    let mut measured = Columns::new(columns.header.len());
    let mut tail = content::RankingTail::new(cx);
    units.each(0..count, |u| {
        tail.add(u);
        measured.add(&content::ranking_row(set, lang, u));
        Ok::<_, RenderError>(())
    })?;
    let mut blocks = content::ranking_head(cx);
    blocks.push(Block::Table(columns));
    blocks.extend(tail.blocks());
    let mut rows = RankingRows {
        cx: *cx,
        units,
        count,
        measured,
    };
    super::write_blocks_with(&blocks, cx, out, Some(&mut rows))
}

/// Writes `grid`'s table with the rows `rows` gives, a block at a time;
/// gives back the headers of the columns it left out to fit.
pub(super) fn write(
    grid: &Grid,
    rows: &mut dyn Rows,
    cx: &Context<'_>,
    out: &mut dyn Write,
) -> Result<Vec<String>, RenderError> {
    write_in_blocks(grid, rows, cx, out, BLOCK)
}

fn write_in_blocks(
    grid: &Grid,
    rows: &mut dyn Rows,
    cx: &Context<'_>,
    out: &mut dyn Write,
    block: usize,
) -> Result<Vec<String>, RenderError> {
    let measures = rows.measures(grid)?;
    let mut hidden = Vec::new();
    // Without a width to fit, every column as wide as its widest line.
    let mut widths: Vec<Option<usize>> = measures.iter().map(|m| Some(m.full)).collect();
    let mut fitted = None;
    if let Some(width) = cx.options.width {
        let fit = fit(&measures, &grid.optional, usize::from(width));
        if fit.needed {
            fitted = Some(width);
            hidden = (fit.columns.iter().zip(&grid.header))
                .filter(|(c, _)| c.is_none())
                .map(|(_, h)| for_terminal(h).into_owned())
                .collect();
            widths = fit.columns;
        }
    }
    let mut blocks = Blocks {
        grid,
        cx,
        widths,
        fitted,
        block,
        pending: Vec::with_capacity(block.min(BLOCK)),
        written: 0,
        bottom: None,
    };
    rows.each(&mut |cells| blocks.row(cells, out))?;
    blocks.finish(out)?;
    Ok(hidden)
}

/// Rows waiting to be laid out, and what the blocks before them wrote.
struct Blocks<'a> {
    grid: &'a Grid,
    cx: &'a Context<'a>,
    /// Each column's width, without padding; None: left out.
    widths: Vec<Option<usize>>,
    /// The width the table is fitted to, when it had to be.
    fitted: Option<u16>,
    block: usize,
    pending: Vec<Vec<comfy_table::Cell>>,
    /// Blocks written.
    written: usize,
    /// The table's bottom border, written once at the end.
    bottom: Option<String>,
}

impl Blocks<'_> {
    fn row(&mut self, cells: &[Cell], out: &mut dyn Write) -> std::io::Result<()> {
        let cx = self.cx;
        let mut row: Vec<comfy_table::Cell> = cells
            .iter()
            .zip(&self.grid.align)
            .map(|(c, a)| {
                let align = match a {
                    Align::Left => CellAlignment::Left,
                    Align::Right => CellAlignment::Right,
                };
                // Every text from the files is escaped before it is laid
                // out; the colours are comfy-table's own, added around it.
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
        // A short row gets empty cells, as the whole table draws it: a
        // block without a header takes its columns from its rows.
        row.resize_with(self.grid.header.len().max(row.len()), || {
            comfy_table::Cell::new("")
        });
        self.pending.push(row);
        if self.pending.len() >= self.block {
            self.flush(out)?;
        }
        Ok(())
    }

    /// Lays out the rows waiting as one table at the fixed widths and
    /// writes its lines but the borders the blocks share.
    fn flush(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED);
        if self.cx.options.color {
            t.enforce_styling();
        } else {
            t.force_no_tty();
        }
        let first = self.written == 0;
        if first {
            t.set_header(self.grid.header.iter().map(|h| for_terminal(h)));
        }
        for row in self.pending.drain(..) {
            t.add_row(row);
        }
        if let Some(width) = self.fitted {
            t.set_width(width);
            t.set_content_arrangement(ContentArrangement::Dynamic);
        }
        t.set_constraints(self.widths.iter().map(|c| match c {
            // comfy-table's width counts the padding on both sides.
            Some(w) => {
                let padded = u16::try_from(*w + 2).unwrap_or(u16::MAX);
                ColumnConstraint::Absolute(Width::Fixed(padded))
            }
            None => ColumnConstraint::Hidden,
        }));
        let mut lines = t.lines();
        if !first {
            // The top border: the first block's is the table's.
            lines.next();
        }
        let mut previous = lines.next();
        for line in lines {
            if let Some(p) = previous.replace(line) {
                writeln!(out, "{p}")?;
            }
        }
        self.bottom = previous;
        self.written += 1;
        Ok(())
    }

    fn finish(mut self, out: &mut dyn Write) -> std::io::Result<()> {
        // A table of no rows still has its header.
        if !self.pending.is_empty() || self.written == 0 {
            self.flush(out)?;
        }
        if let Some(bottom) = self.bottom {
            writeln!(out, "{bottom}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::table;
    use super::*;
    use crate::i18n::Lang;
    use crate::model::{CriteriaSet, Profile};
    use crate::report::content::Tone;
    use crate::report::{Document, Options, Stamp, render_to_vec};

    /// A shipped set and one of its examples repeated `copies` times,
    /// ranked into the one store.
    fn stored(set_id: &str, example: &str, copies: usize) -> (CriteriaSet, CompactEvaluation) {
        let (set, csv) = crate::load::shipped::repeated_example(set_id, example, copies);
        let data = crate::load::data::read_data(&set, "t.csv", csv.as_bytes(), &Default::default())
            .expect("the example reads");
        let order = crate::collate::VietnameseOrder::new();
        let eval =
            crate::engine::compact::rank_dataset(&set, &data, crate::model::Keep::Values, &order)
                .expect("the example scores");
        (set, eval)
    }

    fn context<'a>(
        set: &'a CriteriaSet,
        stamp: &'a Stamp,
        profile: &'a Profile,
        lang: Lang,
        width: Option<u16>,
        color: bool,
    ) -> Context<'a> {
        Context {
            set,
            lang,
            stamp,
            profile,
            options: Options {
                color,
                width,
                ..Options::default()
            },
        }
    }

    /// The terminals the tables are checked at: none (a pipe), narrow
    /// enough to leave columns out, 80 and 120 columns, and wide.
    const WIDTHS: [Option<u16>; 7] = [
        None,
        Some(40),
        Some(60),
        Some(80),
        Some(100),
        Some(120),
        Some(200),
    ];

    /// `grid` laid out whole by comfy-table, as the terminal table was
    /// before it streamed: its text and the columns it leaves out.
    fn whole(grid: &Grid, cx: &Context<'_>) -> (String, Vec<String>) {
        let laid = table(grid, cx);
        (format!("{}\n", laid.table), laid.hidden)
    }

    fn streamed(grid: &Grid, cx: &Context<'_>, block: usize) -> (String, Vec<String>) {
        let mut out = Vec::new();
        let hidden = write_in_blocks(grid, &mut GridRows(grid), cx, &mut out, block)
            .expect("writes to memory");
        (String::from_utf8(out).expect("UTF-8"), hidden)
    }

    /// Rows of text that wraps, words longer than any column, wide
    /// characters, an empty column and a short row: what the layout has
    /// to get right besides a ranking.
    fn awkward() -> Grid {
        let columns = vec![
            ("Hạng".to_string(), Align::Right),
            ("Đơn vị có tên rất dài".to_string(), Align::Left),
            ("".to_string(), Align::Left),
            ("Giá trị".to_string(), Align::Right),
            ("Ghi chú".to_string(), Align::Left),
        ];
        let rows = (0..23).map(|i| {
            let mut row = vec![
                Cell::Int(i),
                Cell::text(format!(
                    "Phường {} số {i}",
                    "Nghi ".repeat(usize::try_from(i % 5).unwrap_or(0))
                )),
                Cell::text(""),
                Cell::text(if i % 4 == 0 {
                    "6,5 camera/1.000 hộ"
                } else {
                    "96%"
                }),
                Cell::marked(
                    Tone::Bad,
                    format!("✗ G{i} Đề-án-06-chuyển-đổi-số-toàn-diện 漢字 trụ sở"),
                ),
            ];
            if i == 7 {
                row.truncate(2);
            }
            row
        });
        let mut grid = Grid::with_rows(columns, rows);
        grid.optional = vec![vec![3], vec![2]];
        grid
    }

    /// The streamed table is the table laid out whole, byte for byte, at
    /// every width, with and without colour, however the rows fall into
    /// blocks: rankings with and without clusters, and awkward text.
    #[test]
    fn a_table_streamed_in_blocks_is_the_table_laid_out_whole() {
        let (profile, stamp) = (Profile::default(), Stamp::for_tests());
        let samples = [
            stored("thi-dua-cuoi-nam", "thi-dua-2023.csv", 2),
            stored("cong-an-phuong-kieu-mau", "cua-lo-2023.csv", 4),
        ];
        for (set, eval) in &samples {
            let units = eval.every_unit_in_full(set).expect("scores");
            let units: Vec<&crate::model::UnitResult> = units.units.iter().collect();
            for lang in [Lang::Vi, Lang::En] {
                let grids = [
                    content::ranking_grid(set, lang, &units),
                    content::criteria_table(set, lang),
                    awkward(),
                    Grid::with_rows(vec![("Trống".to_string(), Align::Left)], Vec::new()),
                ];
                for grid in &grids {
                    for (width, color) in WIDTHS.iter().flat_map(|w| [(*w, false), (*w, true)]) {
                        let cx = context(set, &stamp, &profile, lang, width, color);
                        let expected = whole(grid, &cx);
                        for block in [1, 2, 3, 7, BLOCK] {
                            assert_eq!(
                                streamed(grid, &cx, block),
                                expected,
                                "{} at {width:?}, colour {color}, blocks of {block}",
                                set.id
                            );
                        }
                    }
                }
            }
        }
    }

    /// The ranking read from the store a unit at a time, over more rows
    /// than a block, is the report laid out from every unit held at once.
    #[test]
    fn a_ranking_streamed_from_the_store_is_the_ranking_held_whole() {
        let (profile, stamp) = (Profile::default(), Stamp::for_tests());
        let samples = [
            stored("thi-dua-cuoi-nam", "thi-dua-2023.csv", BLOCK / 30 + 2),
            stored("cong-an-phuong-kieu-mau", "cua-lo-2023.csv", BLOCK / 7 + 2),
        ];
        for (set, eval) in &samples {
            assert!(eval.units.len() > BLOCK);
            let held = eval.every_unit_in_full(set).expect("scores");
            for lang in [Lang::Vi, Lang::En] {
                for width in [None, Some(80), Some(120)] {
                    let cx = context(set, &stamp, &profile, lang, width, false);
                    let mut whole = Vec::new();
                    super::super::write_blocks(&content::ranking(&cx, &held), &cx, &mut whole)
                        .expect("writes");
                    let doc = Document::Ranking(eval);
                    let streamed =
                        render_to_vec(crate::report::Format::Table, &cx, &doc).expect("renders");
                    assert_eq!(
                        String::from_utf8_lossy(&streamed),
                        String::from_utf8_lossy(&whole),
                        "{} at {width:?}",
                        set.id
                    );
                }
            }
        }
    }
}
