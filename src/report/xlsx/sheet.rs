//! The sheet writer: blocks and tables top to bottom, every row complete
//! before the next, so a sheet can be written in the crate's constant-memory
//! mode, where a row is on disk once the next one starts. Column widths are
//! worked out as the rows go and set when the sheet is finished.

use rust_xlsxwriter::{ColNum, Note, RowNum, Workbook, Worksheet, cell_autofit_width};

use super::content::{Align, Block, Cell, Grid};
use super::words;
use super::{
    RenderError, Styles, col_num, excel_number, print_setup, shown_width, write_cell, write_text,
};

/// Where a sheet keeps its cells until the workbook is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Memory {
    /// In memory, strings shared: a smaller file, no temporary file.
    Normal,
    /// Row by row in a temporary file, strings inline: memory that does
    /// not grow with the rows.
    Constant,
}

/// Long text columns (criterion titles, rules) wrap beyond this width.
pub(super) const MAX_COLUMN_PIXELS: u32 = 360;

#[derive(Clone, Copy)]
pub(super) enum Line {
    Title,
    Subtitle,
    Heading,
    Paragraph,
}

/// Writes blocks top to bottom. Only table cells count towards a column's
/// width, so a long sentence in column A (a title, a paragraph) spills over
/// the empty cells to its right instead of widening the column.
pub(super) struct Sheet<'s> {
    ws: Worksheet,
    st: &'s Styles,
    /// The next row to write.
    row: RowNum,
    /// The first table's header row: frozen and repeated on printed pages.
    header: Option<RowNum>,
    /// Leading columns kept in view when scrolling right (id, name).
    pub(super) freeze_cols: ColNum,
    after_table: bool,
    /// Per column: the widest number as shown, if the column has numbers.
    number_widths: Vec<Option<usize>>,
    /// Per column: the longest word of the first table's header.
    header_words: Vec<usize>,
    /// The first table (header row, last row, last column): filterable.
    filter: Option<(RowNum, RowNum, ColNum)>,
    /// Per column: the widest table cell in pixels, as the crate's autofit
    /// measures it (see [`fitted_width`]).
    fitted: Vec<u32>,
    /// The table being written.
    table: Option<Table>,
}

/// A table whose header is written and whose rows are coming.
struct Table {
    header_row: RowNum,
    first: bool,
    columns: usize,
    align: Vec<Align>,
}

/// The width the crate's `autofit` gives a cell, in pixels with the cell's
/// padding, at most [`MAX_COLUMN_PIXELS`]: text by its longest line, a
/// number by its digits as the crate prints the double (not as its format
/// shows it: number columns are widened after, see `Sheet::finish`), a
/// blank cell none. The crate's own autofit reads back the cells a sheet
/// holds, which a constant-memory sheet no longer has.
pub(super) fn fitted_width(cell: &Cell) -> Result<u32, RenderError> {
    let width = match cell {
        Cell::Text(s) | Cell::Marked(_, s) => {
            // An empty line is as wide as the padding alone: no width.
            let widest = s.lines().map(cell_autofit_width).max().unwrap_or(0);
            if widest > cell_autofit_width("") {
                widest
            } else {
                0
            }
        }
        Cell::Number(d) => digits_width(excel_number(*d)?),
        Cell::Int(i) => digits_width(excel_number((*i).into())?),
    };
    Ok(width.min(MAX_COLUMN_PIXELS))
}

fn digits_width(x: f64) -> u32 {
    let digits = u32::try_from(x.to_string().len()).unwrap_or(u32::MAX);
    digits
        .saturating_mul(7)
        .saturating_add(cell_autofit_width(""))
}

impl<'s> Sheet<'s> {
    /// A sheet named `name`, kept as `memory` says; a constant-memory sheet
    /// belongs to `book`, whose formats it shares.
    pub(super) fn new(
        book: &mut Workbook,
        name: String,
        st: &'s Styles,
        memory: Memory,
    ) -> Result<Sheet<'s>, RenderError> {
        let mut ws = match memory {
            Memory::Normal => Worksheet::new(),
            Memory::Constant => book.new_worksheet_with_constant_memory()?,
        };
        ws.set_name(name)?;
        Ok(Sheet {
            ws,
            st,
            row: 0,
            header: None,
            freeze_cols: 0,
            after_table: false,
            number_widths: Vec::new(),
            header_words: Vec::new(),
            filter: None,
            fitted: Vec::new(),
            table: None,
        })
    }

    pub(super) fn line(&mut self, kind: Line, text: &str) -> Result<(), RenderError> {
        let st = self.st;
        let format = match kind {
            Line::Title => &st.title,
            Line::Subtitle => &st.subtitle,
            Line::Heading => &st.heading,
            Line::Paragraph => &st.paragraph,
        };
        write_text(&mut self.ws, st, self.row, 0, text, format)?;
        self.row += 1;
        Ok(())
    }

    /// A blank row between a table and what follows, or before a heading.
    fn gap(&mut self) {
        if self.row > 0 {
            self.row += 1;
        }
    }

    fn paragraph(&mut self, text: &str) -> Result<(), RenderError> {
        if self.after_table {
            self.gap();
        }
        self.line(Line::Paragraph, text)
    }

    fn fit(&mut self, col: usize, width: u32) {
        if self.fitted.len() <= col {
            self.fitted.resize(col + 1, 0);
        }
        let slot = &mut self.fitted[col];
        *slot = (*slot).max(width);
    }

    /// Starts a table at the next row: its header, with `notes` on the
    /// header cells that have one.
    pub(super) fn begin_table(
        &mut self,
        header: &[String],
        align: Vec<Align>,
        notes: &[Option<String>],
    ) -> Result<(), RenderError> {
        let st = self.st;
        for (c, h) in header.iter().enumerate() {
            let col = col_num(c)?;
            write_text(&mut self.ws, st, self.row, col, h, &st.header)?;
            self.fit(c, fitted_width(&Cell::text(h.as_str()))?);
            if let Some(Some(note)) = notes.get(c) {
                let note = Note::new(note).add_author_prefix(false);
                self.ws.insert_note(self.row, col, &note)?;
            }
        }
        let first = self.header.is_none();
        self.header.get_or_insert(self.row);
        if first {
            self.header_words = header
                .iter()
                .map(|h| {
                    h.split_whitespace()
                        .map(|w| w.chars().count())
                        .max()
                        .unwrap_or(0)
                })
                .collect();
        }
        self.table = Some(Table {
            header_row: self.row,
            first,
            columns: header.len(),
            align,
        });
        self.row += 1;
        Ok(())
    }

    /// The next row of the table begun last.
    pub(super) fn row(&mut self, cells: &[Cell], emphasis: bool) -> Result<(), RenderError> {
        let st = self.st;
        for (c, cell) in cells.iter().enumerate() {
            if let Some(width) = shown_width(cell, st.precision) {
                if self.number_widths.len() <= c {
                    self.number_widths.resize(c + 1, None);
                }
                let slot = &mut self.number_widths[c];
                *slot = Some(slot.map_or(width, |w| w.max(width)));
            }
            let align = self
                .table
                .as_ref()
                .and_then(|t| t.align.get(c).copied())
                .unwrap_or(Align::Left);
            write_cell(
                &mut self.ws,
                st,
                self.row,
                col_num(c)?,
                cell,
                align,
                emphasis,
            )?;
            self.fit(c, fitted_width(cell)?);
        }
        self.row += 1;
        Ok(())
    }

    /// Ends the table begun last; the first table of a sheet with rows
    /// gets a filter.
    pub(super) fn end_table(&mut self) -> Result<(), RenderError> {
        if let Some(table) = self.table.take() {
            let has_rows = self.row > table.header_row + 1;
            if table.first && has_rows && table.columns > 0 {
                let last_col = col_num(table.columns - 1)?;
                self.filter = Some((table.header_row, self.row - 1, last_col));
            }
        }
        self.after_table = true;
        Ok(())
    }

    pub(super) fn grid(
        &mut self,
        grid: &Grid,
        notes: &[Option<String>],
    ) -> Result<(), RenderError> {
        self.begin_table(&grid.header, grid.align.clone(), notes)?;
        for row in &grid.rows {
            self.row(&row.cells, row.emphasis)?;
        }
        self.end_table()
    }

    pub(super) fn block(&mut self, block: &Block) -> Result<(), RenderError> {
        match block {
            Block::Title(t) => self.line(Line::Title, t)?,
            Block::Subtitle(t) => self.line(Line::Subtitle, t)?,
            Block::Heading(t) => {
                self.gap();
                self.line(Line::Heading, t)?;
            }
            Block::Paragraph(t) => self.paragraph(t)?,
            Block::Check { passed, text } => {
                // Not applicable: neither passed nor failed.
                let mark = passed.map_or("–", words::met_mark);
                self.paragraph(&format!("{mark} {text}"))?;
            }
            Block::Table(grid) => {
                self.gap();
                self.grid(grid, &[])?;
                return Ok(());
            }
        }
        self.after_table = false;
        Ok(())
    }

    pub(super) fn finish(mut self) -> Result<Worksheet, RenderError> {
        let st = self.st;
        for (c, &width) in self.fitted.iter().enumerate() {
            if width > 0 {
                self.ws.set_column_autofit_width(col_num(c)?, width)?;
            }
        }
        if let Some(h) = self.header {
            self.ws.set_freeze_panes(h + 1, self.freeze_cols)?;
        }
        // Number columns: as wide as the widest number as shown, or the
        // longest word of the header (which wraps), set after the fitted
        // widths (which measure the unformatted value).
        for (c, width) in self.number_widths.iter().enumerate() {
            if let Some(width) = width {
                let chars = (*width).max(self.header_words.get(c).copied().unwrap_or(0));
                self.ws.set_column_width(
                    col_num(c)?,
                    f64::from(u32::try_from(chars).unwrap_or(0)) + 2.0,
                )?;
            }
        }
        if let Some((first, last, columns)) = self.filter {
            self.ws.autofilter(first, 0, last, columns)?;
        }
        print_setup(&mut self.ws, st, self.header)?;
        Ok(self.ws)
    }
}
