//! Terminal text: the content blocks laid out with comfy-table.

use std::io::Write;

use comfy_table::Color;
#[cfg(test)]
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets};
use unicode_width::UnicodeWidthStr;

use super::content::{self, Block, Grid, Tone};
#[cfg(test)]
use super::content::{Align, Cell};
use super::messages::PageMessage;
use super::sanitize::for_terminal;
use super::{Context, Document, RenderError, Renderer};
use crate::i18n::Message;

mod streamed;

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

/// A table laid out whole, and the headers of the columns it leaves out:
/// what the streamed table ([`streamed`]) is checked against.
#[cfg(test)]
struct Laid {
    table: Table,
    hidden: Vec<String>,
}

#[cfg(test)]
fn table(grid: &Grid, cx: &Context<'_>) -> Laid {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    if cx.options.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
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
    let mut hidden = Vec::new();
    if let Some(width) = cx.options.width {
        let fit = fit(&measure(grid), &grid.optional, usize::from(width));
        if fit.needed {
            t.set_width(width);
            t.set_content_arrangement(ContentArrangement::Dynamic);
            let constraints = fit.columns.iter().map(|c| match c {
                // comfy-table's width counts the padding on both sides.
                Some(w) => {
                    let padded = u16::try_from(*w + 2).unwrap_or(u16::MAX);
                    ColumnConstraint::Absolute(Width::Fixed(padded))
                }
                None => ColumnConstraint::Hidden,
            });
            t.set_constraints(constraints);
            hidden = (fit.columns.iter().zip(&grid.header))
                .filter(|(c, _)| c.is_none())
                .map(|(_, h)| for_terminal(h).into_owned())
                .collect();
        }
    }
    Laid { table: t, hidden }
}

/// How wide a column is and how narrow it may become, in terminal cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Measure {
    /// Everything on one line.
    full: usize,
    /// As narrow as it goes before columns are left out: long text wraps
    /// to [`TEXT_FLOOR`], headers at their spaces, numbers never.
    floor: usize,
    /// As narrow as it goes at all: text wraps at every space.
    least: usize,
    /// Text, which may wrap (numbers never do).
    text: bool,
}

/// Long text (names, notes, rating titles) wraps to this before a column
/// is left out: narrower, a name takes a line per word.
const TEXT_FLOOR: usize = 12;

/// Text is never squeezed narrower than this, even to fit.
const MIN_TEXT: usize = 6;

/// Borders and padding: one border and two spaces per column, one more
/// border at the end.
fn frame(columns: usize) -> usize {
    3 * columns + 1
}

fn widest_line(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

fn longest_word(text: &str) -> usize {
    text.split_whitespace()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

fn measure(grid: &Grid) -> Vec<Measure> {
    let mut columns = streamed::Columns::new(grid.header.len());
    grid.rows.iter().for_each(|r| columns.add(&r.cells));
    columns.measures(&grid.header, &grid.align)
}

/// Which columns a table of `width` cells shows, and how wide each is
/// (None: left out).
#[derive(Debug, PartialEq, Eq)]
struct Fit {
    /// The table is wider than `width` as it is.
    needed: bool,
    columns: Vec<Option<usize>>,
}

/// Text wraps first; then the grid's optional columns go, group by group,
/// until the rest fits; then text wraps at every space, and last breaks
/// inside its longest words. A table that still does not fit runs wider
/// rather than break a number.
fn fit(measures: &[Measure], optional: &[Vec<usize>], width: usize) -> Fit {
    let total = |shown: &[bool], pick: fn(&Measure) -> usize| {
        let (sum, n) = (measures.iter().zip(shown))
            .filter(|(_, s)| **s)
            .fold((0, 0), |(sum, n), (m, _)| (sum + pick(m), n + 1));
        sum + frame(n)
    };
    let mut shown = vec![true; measures.len()];
    if total(&shown, |m| m.full) <= width {
        return Fit {
            needed: false,
            columns: measures.iter().map(|m| Some(m.full)).collect(),
        };
    }
    let mut groups = optional.iter();
    while total(&shown, |m| m.floor) > width {
        let Some(group) = groups.next() else { break };
        for &i in group {
            if let Some(s) = shown.get_mut(i) {
                *s = false;
            }
        }
    }
    let pick: fn(&Measure) -> usize = if total(&shown, |m| m.floor) <= width {
        |m| m.floor
    } else {
        |m| m.least
    };
    let mut columns: Vec<Option<usize>> = measures
        .iter()
        .zip(&shown)
        .map(|(m, s)| s.then(|| pick(m)))
        .collect();
    let used = |columns: &[Option<usize>]| {
        let shown = columns.iter().flatten();
        shown.clone().sum::<usize>() + frame(shown.count())
    };
    // Over by a few cells, a long word breaks rather than every line of
    // the table wrap on the terminal.
    while used(&columns) > width {
        let widest_text = (columns.iter().zip(measures).enumerate())
            .filter_map(|(i, (c, m))| c.filter(|w| m.text && *w > MIN_TEXT).map(|w| (w, i)))
            .max();
        match widest_text.and_then(|(_, i)| columns.get_mut(i)) {
            Some(Some(w)) => *w -= 1,
            _ => break,
        }
    }
    // What room is left goes to the columns closest to fitting on one
    // line first, so as few as possible wrap.
    let mut room = width.saturating_sub(used(&columns));
    let mut short: Vec<(usize, usize)> = columns
        .iter()
        .zip(measures)
        .enumerate()
        .filter_map(|(i, (c, m))| c.map(|w| (m.full.saturating_sub(w), i)))
        .filter(|(missing, _)| *missing > 0)
        .collect();
    short.sort_unstable();
    for (missing, i) in short {
        let grant = missing.min(room);
        if let Some(Some(w)) = columns.get_mut(i) {
            *w += grant;
        }
        room -= grant;
    }
    Fit {
        needed: true,
        columns,
    }
}

/// Each line of `text` broken at spaces to `width` cells, the lines it
/// adds indented by `indent`: messages printed on a terminal of known width.
pub fn wrap_lines(text: &str, width: usize, indent: usize) -> String {
    text.split('\n')
        .map(|line| wrap(line, width, indent))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` broken at spaces into lines of at most `width` cells (a longer
/// word keeps its own line), each line after the first indented.
fn wrap(text: &str, width: usize, indent: usize) -> String {
    // The line's own indent (a check mark's) is kept.
    let body = text.trim_start_matches(' ');
    let lead = text.len() - body.len();
    let mut out = " ".repeat(lead);
    let mut line_width = lead;
    for (i, word) in body.split(' ').enumerate() {
        let w = word.width();
        if i > 0 && line_width + 1 + w > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            line_width = indent;
        } else if i > 0 {
            out.push(' ');
            line_width += 1;
        }
        out.push_str(word);
        line_width += w;
    }
    out
}

pub fn write_blocks(
    blocks: &[Block],
    cx: &Context<'_>,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    write_blocks_with(blocks, cx, out, None)
}

/// [`write_blocks`], the main table's rows read from `main` when given
/// (a ranking streamed from the store) rather than from its grid.
fn write_blocks_with(
    blocks: &[Block],
    cx: &Context<'_>,
    out: &mut dyn Write,
    mut main: Option<&mut dyn streamed::Rows>,
) -> Result<(), RenderError> {
    // Lines of text wrap at spaces on a terminal of known width; the
    // terminal itself would cut words anywhere.
    let lines = |text: &str, indent: usize| -> String {
        let text = for_terminal(text);
        match cx.options.width {
            Some(width) => text
                .lines()
                .map(|l| wrap(l, usize::from(width), indent))
                .collect::<Vec<_>>()
                .join("\n"),
            None => text.into_owned(),
        }
    };
    let mut previous_was_table = false;
    for block in blocks {
        match block {
            Block::Title(s) | Block::Subtitle(s) | Block::Paragraph(s) => {
                writeln!(out, "{}", lines(s, 0))?
            }
            Block::Heading(s) => {
                writeln!(out)?;
                writeln!(out, "{}", lines(s, 0))?;
            }
            Block::Check { passed, text } => {
                let mark = match passed {
                    Some(true) => "✓",
                    Some(false) => "✗",
                    None => "–",
                };
                writeln!(out, "{}", lines(&format!("  {mark} {text}"), 4))?;
            }
            Block::Table(grid) => {
                if previous_was_table {
                    writeln!(out)?;
                }
                let hidden = match main.as_deref_mut().filter(|_| grid.main) {
                    Some(rows) => streamed::write(grid, rows, cx, out)?,
                    None => streamed::write(grid, &mut streamed::GridRows(grid), cx, out)?,
                };
                if !hidden.is_empty() {
                    let (columns, width) = (hidden.join(", "), cx.options.width.unwrap_or(0));
                    let note = PageMessage::ColumnsLeftOut {
                        width,
                        columns: &columns,
                    }
                    .words(cx.lang);
                    writeln!(out, "{}", lines(&note, 0))?;
                }
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
        match doc {
            Document::Ranking(eval) => streamed::ranking(cx, eval, out),
            _ => write_blocks(&content::blocks(cx, doc)?, cx, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::content::Cell;

    fn grid(header: &[&str], align: &[Align], rows: &[&[&str]]) -> Grid {
        let columns = header
            .iter()
            .zip(align)
            .map(|(h, a)| (h.to_string(), *a))
            .collect();
        let rows = rows
            .iter()
            .map(|r| r.iter().map(|c| Cell::text(*c)).collect());
        Grid::with_rows(columns, rows)
    }

    /// Rank, name, two subtotals, score, rating: 4+12+5+4+6+28 cells of
    /// text and 19 of frame, 78 in all.
    fn ranking() -> Grid {
        use Align::*;
        let mut g = grid(
            &["Hạng", "Đơn vị", "A", "B", "Điểm", "Xếp loại"],
            &[Right, Left, Right, Right, Right, Left],
            &[
                &[
                    "1",
                    "Quỳnh Phương",
                    "19,25",
                    "38,5",
                    "102,02",
                    "Hoàn thành xuất sắc nhiệm vụ",
                ],
                &["10", "Nghi Tân", "9", "20", "49,43", "Hoàn thành nhiệm vụ"],
            ],
        );
        g.optional = vec![vec![2, 3]];
        g
    }

    fn fit_at(g: &Grid, width: usize) -> Fit {
        fit(&measure(g), &g.optional, width)
    }

    #[test]
    fn a_table_that_fits_is_left_as_it_is() {
        let fit = fit_at(&ranking(), 78);
        assert!(!fit.needed);
        let full = vec![Some(4), Some(12), Some(5), Some(4), Some(6), Some(28)];
        assert_eq!(fit.columns, full);
    }

    #[test]
    fn long_text_wraps_before_a_column_goes() {
        // Over by one: the rating wraps; every column stays.
        let fit = fit_at(&ranking(), 77);
        assert!(fit.needed);
        let wrapped = vec![Some(4), Some(12), Some(5), Some(4), Some(6), Some(27)];
        assert_eq!(fit.columns, wrapped);
        // The rating at its floor (12) and still too wide: the subtotals go
        // together, and what is left goes to the rating.
        let fit = fit_at(&ranking(), 50);
        assert_eq!(
            fit.columns,
            vec![Some(4), Some(12), None, None, Some(6), Some(15)]
        );
    }

    #[test]
    fn numbers_and_words_stay_whole_until_nothing_else_is_left() {
        // Below the floors with nothing optional left: text may wrap at
        // every space ("Phương", "nhiệm"); the room left makes the name
        // whole first, being the nearer to it.
        let fit = fit_at(&ranking(), 40);
        assert_eq!(
            fit.columns,
            vec![Some(4), Some(12), None, None, Some(6), Some(5)]
        );
        // Narrower than that, words break, but no text below six cells and
        // no number narrower than itself: then the table runs wider.
        let long = grid(
            &["Hạng", "Tiêu chí", "Điểm"],
            &[Align::Right, Align::Left, Align::Right],
            &[&["1", "Đề-án-06-chuyển-đổi-số", "102,02"]],
        );
        assert_eq!(fit_at(&long, 33).columns, vec![Some(4), Some(13), Some(6)]);
        assert_eq!(fit_at(&long, 10).columns, vec![Some(4), Some(6), Some(6)]);
    }

    #[test]
    fn values_with_their_unit_wrap_between_words() {
        let g = grid(
            &["Giá trị", "Điểm"],
            &[Align::Right, Align::Right],
            &[&["6,5 camera/1.000 hộ", "1,95"], &["96%", "3,2"]],
        );
        let m = measure(&g);
        assert!(m[0].text && !m[1].text);
        assert_eq!((m[0].full, m[0].floor, m[0].least), (19, 12, 12));
    }

    #[test]
    fn number_headers_wrap_at_their_spaces_only() {
        let g = grid(
            &["Hạng cụm", "Điểm thi-dua-2023"],
            &[Align::Right, Align::Right],
            &[&["1", "97,82"]],
        );
        let m = measure(&g);
        assert_eq!((m[0].full, m[0].floor), (8, 4));
        assert_eq!((m[1].full, m[1].floor), (17, 12));
    }

    #[test]
    fn text_wraps_at_spaces_with_an_indent() {
        assert_eq!(wrap("một hai ba bốn", 7, 0), "một hai\nba bốn");
        let check = wrap("  ✓ G1 Không có điểm nóng", 12, 4);
        assert_eq!(check, "  ✓ G1 Không\n    có điểm\n    nóng");
        // A word longer than the line keeps a line to itself.
        assert_eq!(wrap("a ĐỀÁN06-Dài-quá b", 5, 0), "a\nĐỀÁN06-Dài-quá\nb");
        assert_eq!(wrap("ngắn", 80, 0), "ngắn");
        let lines = wrap_lines("✓ một hai ba\n\n✓ bốn", 8, 2);
        assert_eq!(lines, "✓ một\n  hai ba\n\n✓ bốn");
    }

    use crate::i18n::Lang;
    use crate::load::{parse_criteria, shipped};
    use crate::model::RatingIdx;
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
                vec![Cell::rating(&set, RatingIdx::BEST)],
                vec![Cell::rating(&set, set.stored_rating(1))],
                vec![Cell::rating(&set, set.fallback_rating())],
                vec![Cell::met(false)],
                vec![Cell::marked(Tone::Caution, "⚠ dễ đổi")],
                vec![Cell::text("✗ not a mark")],
            ],
        );
        let drawn = table(&grid, &cx).table.to_string();
        let lines: Vec<&str> = drawn
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
