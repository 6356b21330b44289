//! Rows under the units that are no unit: a totals row, notes, a signature
//! block or a heading. Each is one problem saying what the row is and to
//! delete it, in place of one for each of its cells.

use super::cells::parse_cell;
use super::{Binder, D, Problem};
use crate::load::guidance;
use crate::load::ids::IdCheck;
use crate::load::messages::Lacking;
use crate::load::text::DecimalStyle;

impl<I: IdCheck> Binder<'_, I> {
    /// Reports the row on `line` (cell `col` as `written`, `cells` of them,
    /// its id `id`) when it is no unit; `true` then, and nothing else is
    /// read of it.
    pub(super) fn no_unit<'c>(
        &mut self,
        line: usize,
        written: &impl Fn(usize) -> &'c str,
        cells: usize,
        id: &str,
    ) -> bool {
        let message = self
            .totals_row(written, cells, id)
            .or_else(|| self.notes_row(line, written, cells, id));
        let Some(message) = message else {
            return false;
        };
        // A range merged over it (a "Tổng cộng" label across columns), or
        // a value hidden in it, is left to this problem: the row is to be
        // deleted, not unmerged.
        if self.keeps_not_units {
            self.not_units.push(line);
        }
        let p = Problem::new(&self.file, message).at_line(line);
        self.report(p);
        true
    }

    /// A totals row ("Tổng cộng", "Cộng", …) with no id, or as the id.
    fn totals_row<'c>(
        &self,
        written: &impl Fn(usize) -> &'c str,
        cells: usize,
        id: &str,
    ) -> Option<D> {
        if !id.is_empty() && !guidance::is_totals_label(id) {
            return None;
        }
        let label = (0..cells)
            .map(written)
            .find(|c| guidance::is_totals_label(c))?;
        Some(D::TotalsRow {
            label: label.trim().to_string(),
        })
    }

    /// A row with text but no id or no name, and figures in fewer than
    /// half the columns it needs: a note, a signature or a heading under
    /// the table (or a unit hardly begun). A blank that a merged range
    /// makes is left to the range's own problem.
    fn notes_row<'c>(
        &self,
        line: usize,
        written: &impl Fn(usize) -> &'c str,
        cells: usize,
        id: &str,
    ) -> Option<D> {
        // A cell whose value its format hides, or a formula never
        // calculated, shows something to a person: it is not blank here.
        let blank = |col: usize| written(col).trim().is_empty() && !self.unseen(line, col);
        let no_id = self
            .id_col
            .is_some_and(|c| id.is_empty() && !self.unseen(line, c));
        let no_name = self.name_col.is_some_and(blank);
        let lacking = match (no_id, no_name) {
            (true, true) => Lacking::IdAndName,
            (true, false) => Lacking::Id,
            (false, true) => Lacking::Name,
            (false, false) => return None,
        };
        if self.merged_blank(line, self.id_col)
            || self.merged_blank(line, self.name_col)
            || !self.hardly_any_figures(&|col| !blank(col))
        {
            return None;
        }
        let text = self.row_text(written, cells)?;
        Some(D::NotAUnit {
            lacking,
            text: shortened(text),
        })
    }

    /// Whether the row has something (`shows(col)`) in fewer than half
    /// the columns it needs: those it fills, and those where a blank is
    /// refused (a blank bonus or N/A column needs nothing).
    fn hardly_any_figures(&self, shows: &dyn Fn(usize) -> bool) -> bool {
        let (mut filled, mut needed) = (0usize, 0usize);
        for (input, col) in self.input_cols.iter().enumerate() {
            let Some(&col) = col.as_ref() else {
                continue;
            };
            if shows(col) {
                filled += 1;
                needed += 1;
            } else if self.blank_refused(input) {
                needed += 1;
            }
        }
        filled * 2 < needed
    }

    /// What a row says of itself, for a message: its name, its id, or
    /// its first text that is not a number (a row number says nothing).
    fn row_text<'c>(&self, written: &impl Fn(usize) -> &'c str, cells: usize) -> Option<&'c str> {
        let given = |col: Option<usize>| col.map(|c| written(c).trim()).filter(|t| !t.is_empty());
        given(self.name_col)
            .or_else(|| given(self.id_col))
            .or_else(|| {
                let mut texts = (0..cells)
                    .map(|c| written(c).trim())
                    .filter(|t| !t.is_empty())
                    .peekable();
                let first = texts.peek().copied();
                texts
                    .find(|t| !t.bytes().all(|b| b.is_ascii_digit() || b".,-".contains(&b)))
                    .or(first)
            })
    }

    /// Whether a blank cell of input `input` is a problem.
    fn blank_refused(&self, input: usize) -> bool {
        parse_cell(
            self.set,
            &self.set.inputs[input],
            &self.rules[input],
            "",
            false,
            DecimalStyle::Point,
            false,
        )
        .is_err()
    }
}

/// The beginning of a cell's text for a message: its first line, up to 60
/// characters, with "…" where some is left out.
fn shortened(text: &str) -> String {
    const MOST: usize = 60;
    let line = text.lines().next().unwrap_or_default();
    match line.char_indices().nth(MOST) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None if line.len() < text.trim_end().len() => format!("{line}…"),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::shortened;

    #[test]
    fn a_long_note_is_quoted_by_its_beginning() {
        assert_eq!(shortened("Người lập biểu"), "Người lập biểu");
        let long = format!("Ghi chú: {}", "số liệu ".repeat(20));
        let short = shortened(&long);
        assert_eq!(short.chars().count(), 61, "{short}");
        assert!(short.starts_with("Ghi chú: số liệu") && short.ends_with('…'));
        assert_eq!(shortened("Dòng một\nDòng hai"), "Dòng một…");
        assert_eq!(shortened("Dòng một\n"), "Dòng một");
    }
}
