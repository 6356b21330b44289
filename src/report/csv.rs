//! CSV: one row per unit with every score column, decimals as exact text,
//! text cells guarded against spreadsheet formula injection.

use std::io::Write;

use super::sanitize::neutralise;
use super::words::{self, FigureTexts};
use super::{Context, Document, RenderError, Renderer};
use crate::model::{CompactEvaluation, Figure, Figures, MissingPolicy, Units};

pub(super) struct CsvRenderer;

impl Renderer for CsvRenderer {
    fn render(
        &self,
        cx: &Context<'_>,
        doc: &Document<'_>,
        out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        if cx.options.excel_vi {
            let mut vi = super::csv_excel_vi::ExcelVi::new(out);
            render_csv(cx, doc, &mut vi)?;
            return Ok(vi.finish()?);
        }
        render_csv(cx, doc, out)
    }
}

fn render_csv(
    cx: &Context<'_>,
    doc: &Document<'_>,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    match doc {
        Document::Ranking(eval) => write_ranking(cx, eval, out),
        // Every unit compared: the main table written row by row.
        Document::Comparison(c) if c.detail.is_none() => {
            let header = super::content::comparison_table(cx, c).header;
            let clustered = c.units.clustered();
            let rows = c.units.iter().map(|u| {
                u.map(|u| super::content::comparison_row(cx, c, clustered, &u))
                    .map_err(RenderError::from)
            });
            write_table(cx, &header, rows, out)
        }
        // Every unit's stability: the main table written row by row.
        Document::Sensitivity(s) => {
            let header = super::content::sensitivity_table(cx, s).header;
            let clustered = s.units.iter().any(|u| u.cluster.is_some());
            let rows = s
                .units
                .iter()
                .map(|u| Ok(super::content::sensitivity_row(cx, clustered, u)));
            write_table(cx, &header, rows, out)
        }
        Document::Comparison(_) => {
            // The document's main table, one row per unit (or criterion).
            let blocks = super::content::blocks(cx, doc)?;
            let Some(grid) = blocks.iter().find_map(|b| match b {
                super::content::Block::Table(g) if g.main => Some(g),
                _ => None,
            }) else {
                return Ok(());
            };
            write_grid(cx, grid, out)
        }
        _ => Err(RenderError::Unsupported {
            format: "csv",
            document: doc.kind(),
        }),
    }
}

/// Reads a byte of unit `i`'s stored data, so that it is in the cache
/// when the unit is written (see [`RowWriter::chunk`]).
fn touch(units: &CompactEvaluation, i: usize) -> u8 {
    units.units.get(i).map_or(0, |u| units.store.touch(u))
}

/// One row per unit with every score column. Rows are formatted by hand
/// into byte buffers (nothing is allocated per cell) and, for large
/// rankings, on the run's threads.
fn write_ranking(
    cx: &Context<'_>,
    units: &CompactEvaluation,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let set = cx.set;
    if cx.options.bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut header: Vec<String> = ["rank", "cluster_rank", "id", "name", "cluster"]
        .map(String::from)
        .to_vec();
    header.extend(set.groups.iter().map(|g| format!("group:{}", g.id)));
    header.extend(
        [
            "earned",
            "base",
            "bonus",
            "deductions",
            "score",
            "met",
            "applicable",
            "gates_failed",
            "rating",
            "rating_before_quota",
            "tied_first",
        ]
        .map(String::from),
    );
    // Only for sets that have them, so every other set's columns are unchanged.
    if !set.downgrades.is_empty() {
        header.extend(["rating_before_downgrade", "downgrades"].map(String::from));
    }
    if !set.exclusions.is_empty() {
        header.push("excluded".into());
    }
    header.extend(set.criteria.iter().map(|c| format!("criterion:{}", c.id)));
    // The criteria whose blank counted 0, last, only where a blank can.
    if set.missing == MissingPolicy::Zero {
        header.push("missing".into());
    }
    let mut w = csv::Writer::from_writer(&mut *out);
    w.write_record(&header).map_err(csv_error)?;
    w.flush()?;
    drop(w);

    let n = units.units.len();
    // Points at the set's precision, up to 100 with room to spare.
    let texts = &if n < SMALL_RANKING {
        FigureTexts::new(set.precision, 0)
    } else {
        FigureTexts::new(set.precision, 101 * 10u32.pow(set.precision.min(3)))
    };
    write_rows(cx, units, texts, ROWS_PER_CHUNK, out)
}

/// The rows of every unit, in order, formatted `chunk_rows` at a time: a
/// window of chunks at once on the run's threads when there are a few,
/// each window written in order while the next one is formatted.
fn write_rows(
    cx: &Context<'_>,
    units: &CompactEvaluation,
    texts: &FigureTexts,
    chunk_rows: usize,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    use rayon::prelude::*;
    let n = units.units.len();
    let chunk_rows = chunk_rows.max(1);
    let chunk_range = |k: usize| k * chunk_rows..((k + 1) * chunk_rows).min(n);
    let chunks = n.div_ceil(chunk_rows);
    let threads = rayon::current_num_threads();
    if chunks < 4 || threads < 2 {
        let mut rows = RowWriter::new(cx, texts, units);
        let mut buf = Vec::new();
        for k in 0..chunks {
            buf.clear();
            rows.chunk(units, chunk_range(k), &mut buf)?;
            out.write_all(&buf)?;
        }
        return Ok(());
    }
    let window = threads * AHEAD;
    // The chunks of window `w`, formatted into `buffers` on the pool.
    let format = |w: usize, buffers: &mut Vec<Vec<u8>>| {
        let these = w * window..((w + 1) * window).min(chunks);
        buffers.resize_with(these.len(), Vec::new);
        buffers.par_iter_mut().zip(these).try_for_each_init(
            || RowWriter::new(cx, texts, units),
            |rows, (buf, k)| {
                buf.clear();
                rows.chunk(units, chunk_range(k), buf)
            },
        )
    };
    // While this thread writes one window, the pool formats the next, so
    // neither waits for the other.
    let (mut ready, mut next) = (Vec::new(), Vec::new());
    format(0, &mut ready)?;
    for w in 1..=chunks.div_ceil(window) {
        let mut formatted = Ok(());
        let mut written = Ok(());
        rayon::in_place_scope(|scope| {
            if w * window < chunks {
                scope.spawn(|_| formatted = format(w, &mut next));
            }
            written = ready.iter().try_for_each(|buf| out.write_all(buf));
        });
        written?;
        formatted?;
        std::mem::swap(&mut ready, &mut next);
    }
    Ok(())
}

const ROWS_PER_CHUNK: usize = 4096;
/// Rows whose stored data is touched together before they are written.
const TOUCH_BATCH: usize = 32;
/// Below this many units, making the table of figure texts costs more
/// than it saves.
const SMALL_RANKING: usize = 1000;
/// Chunks formatted at once per thread, before they are written.
const AHEAD: usize = 4;

/// Formats ranking rows; holds the buffers one row needs.
struct RowWriter<'c> {
    cx: &'c Context<'c>,
    units: Units<'c>,
    /// A unit's figures, re-scored, when the store keeps values.
    figures: Figures,
    /// The same, encoded as a store that keeps points has them.
    encoded: Vec<u8>,
    /// Ids of failed gates, or of criteria, joined for one field.
    ids: String,
    texts: &'c FigureTexts,
    /// Each rating's id as a field, comma included: the same on many rows.
    ratings: Vec<Vec<u8>>,
}

impl<'c> RowWriter<'c> {
    fn new(cx: &'c Context<'c>, texts: &'c FigureTexts, units: &'c CompactEvaluation) -> Self {
        let ratings = cx
            .set
            .ratings
            .iter()
            .map(|r| {
                let mut field = Vec::new();
                push_text(&mut field, cx.options.sanitize, &r.id);
                field
            })
            .collect();
        RowWriter {
            cx,
            units: units.in_full(cx.set),
            figures: Figures::default(),
            encoded: Vec::new(),
            ids: String::new(),
            texts,
            ratings,
        }
    }

    fn chunk(
        &mut self,
        units: &'c CompactEvaluation,
        rows: std::ops::Range<usize>,
        out: &mut Vec<u8>,
    ) -> Result<(), RenderError> {
        // Rows in rank order are stored at random places: a batch's bytes
        // are asked for together, so the memory fetches them at once
        // rather than one row at a time.
        for start in rows.clone().step_by(TOUCH_BATCH) {
            let batch = start..(start + TOUCH_BATCH).min(rows.end);
            let touched = batch.clone().fold(0u8, |x, i| x ^ touch(units, i));
            std::hint::black_box(touched);
            for i in batch {
                self.row(units, i, out)?;
            }
        }
        Ok(())
    }

    /// Unit `i`'s row, its figures formatted as they are read from the
    /// store, in the order of the columns.
    fn row(
        &mut self,
        units: &'c CompactEvaluation,
        i: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), RenderError> {
        let set = self.cx.set;
        let Some((u, mut figures)) =
            self.units
                .encoded_figures(i, &mut self.figures, &mut self.encoded)?
        else {
            return Ok(());
        };
        let store = &units.store;
        let texts = self.texts;
        let count = |out: &mut Vec<u8>, n: u32| {
            out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
            out.push(b',');
        };
        let sanitize = self.cx.options.sanitize;
        let text = |out: &mut Vec<u8>, s: &str| push_text(out, sanitize, s);
        // A unit not considered has no rank and no rating: empty fields.
        let considered = !u.is_excluded();
        if considered {
            count(out, u.rank);
        } else {
            out.push(b',');
        }
        match u.cluster_rank() {
            Some(r) => count(out, r),
            None => out.push(b','),
        }
        text(out, store.id(u));
        text(out, store.name(u));
        text(out, store.cluster(u).unwrap_or_default());
        // The groups, then earned, base, bonus and deductions: never N/A
        // (and read as zero if they were, as `Figures` reads them).
        texts.push_fields(out, &mut figures, set.groups.len() + 4, b"0,");
        texts.push_field(out, Figure::of(u.score));
        count(out, u.met);
        count(out, u.applicable);
        let ids = &mut self.ids;
        ids.clear();
        words::write_gate_ids(ids, set, figures.gates());
        text(out, ids);
        let ratings = &self.ratings;
        let rating = |out: &mut Vec<u8>, r: u8| match ratings.get(usize::from(r)) {
            Some(field) if considered => out.extend_from_slice(field),
            _ => out.push(b','),
        };
        rating(out, u.rating);
        rating(out, u.rating_before_quota);
        // Neither reads as a formula nor needs quotes.
        out.extend_from_slice(if u.tied_first { b"true," } else { b"false," });
        if !set.downgrades.is_empty() {
            rating(out, u.rating_before_downgrade);
            text(out, &words::downgrade_ids(set, u.downgrades));
        }
        if !set.exclusions.is_empty() {
            text(out, &words::exclusion_ids(set, u.excluded));
        }
        texts.push_fields(out, &mut figures, set.criteria.len(), b"N/A,");
        if set.missing == MissingPolicy::Zero {
            let ids = &mut self.ids;
            ids.clear();
            words::write_criterion_ids(ids, set, figures.missing());
            text(out, ids);
        }
        // The last field's comma becomes the end of the line.
        if let Some(last) = out.last_mut() {
            *last = b'\n';
        }
        Ok(())
    }
}

/// A text field and its comma: guarded against formulas when `sanitize`,
/// quoted as the csv crate quotes it.
fn push_text(out: &mut Vec<u8>, sanitize: bool, s: &str) {
    let s = if sanitize { neutralise(s) } else { s.into() };
    write_text(out, &s);
    out.push(b',');
}

/// A CSV field as the csv crate writes it: quoted, with quotes doubled,
/// when it holds a comma, a quote or a line break.
fn write_text(out: &mut Vec<u8>, s: &str) {
    if !needs_quotes(s.as_bytes()) {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    out.push(b'"');
    for part in s.split('"').enumerate() {
        if part.0 > 0 {
            out.extend_from_slice(b"\"\"");
        }
        out.extend_from_slice(part.1.as_bytes());
    }
    out.push(b'"');
}

/// Whether `bytes` hold a comma, a quote or a line break: what the csv
/// crate quotes a field for.
// Eight bytes at a time (a name is a few dozen), each compared with the
// four at once: a byte of `x` is zero where it matched, and
// `(x - 0x01…) & !x & 0x80…` is not zero exactly when one is.
fn needs_quotes(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let zeros = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let (chunks, rest) = bytes.as_chunks::<8>();
    chunks.iter().any(|&chunk| {
        let v = u64::from_ne_bytes(chunk);
        let found = [b',', b'"', b'\n', b'\r']
            .iter()
            .fold(0, |found, &b| found | zeros(v ^ (ONES * u64::from(b))));
        found != 0
    }) || rest
        .iter()
        .any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
}

fn csv_error(e: csv::Error) -> RenderError {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => RenderError::Io(io),
        other => RenderError::Io(std::io::Error::other(format!("{other:?}"))),
    }
}

fn write_grid(
    cx: &Context<'_>,
    grid: &super::content::Grid,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let rows = grid.rows.iter().map(|row| Ok(&row.cells));
    write_table(cx, &grid.header, rows, out)
}

/// A table under `header`, its rows written as they come.
fn write_table<R: AsRef<[super::content::Cell]>>(
    cx: &Context<'_>,
    header: &[String],
    rows: impl Iterator<Item = Result<R, RenderError>>,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    if cx.options.bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let guard = |cell: &super::content::Cell| -> String {
        match cell {
            super::content::Cell::Text(s) | super::content::Cell::Marked(_, s)
                if cx.options.sanitize =>
            {
                neutralise(s).into_owned()
            }
            other => other.to_string(),
        }
    };
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header.iter().map(|h| neutralise(h).into_owned()))
        .map_err(csv_error)?;
    for row in rows {
        w.write_record(row?.as_ref().iter().map(guard))
            .map_err(csv_error)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collate::VietnameseOrder;
    use crate::i18n::Lang;
    use crate::load::{data, parse_criteria, shipped};
    use crate::report::{Options, Stamp};
    use proptest::prelude::*;

    /// A field as the csv crate writes it, in the middle of a record.
    fn by_the_csv_crate(s: &str) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        w.write_record(["x", s, "y"]).expect("in memory");
        let mut bytes = w.into_inner().expect("in memory");
        bytes.truncate(bytes.len() - 3);
        bytes.split_off(2)
    }

    #[test]
    fn text_fields_are_quoted_like_the_csv_crate_quotes_them() {
        for s in [
            "",
            "plain",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "cr\r",
            "\"",
            "Phường 1, Quận 3",
        ] {
            let mut mine = Vec::new();
            write_text(&mut mine, s);
            assert_eq!(mine, by_the_csv_crate(s), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn any_text_is_quoted_like_the_csv_crate_quotes_it(s in "[a-zĐđ ,\"\r\n;']{0,12}|[a-zĐđ ]{0,30}[,\"\r\n]?[a-zĐđ ]{0,30}|.{0,40}") {
            let mut mine = Vec::new();
            write_text(&mut mine, &s);
            prop_assert_eq!(mine, by_the_csv_crate(&s));
        }
    }

    /// A store that keeps points only (what CSV asks for) writes the CSV
    /// a store that keeps values writes.
    #[test]
    fn csv_is_the_same_whatever_the_store_keeps() {
        let (file, source) = shipped::find("cong-an-phuong-kieu-mau").expect("shipped");
        let set = parse_criteria(file, source).expect("valid");
        let csv = std::fs::read(format!(
            "{}/examples/cua-lo-2023.csv",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("example");
        let order = VietnameseOrder::new();
        let (_, scoring) =
            crate::engine::compact::score_alongside(&set, crate::model::Keep::Points, |sink| {
                data::read_data_each(&set, "t.csv", csv.as_slice(), &Default::default(), sink)
            })
            .expect("valid");
        let points = scoring.finish(&order).expect("scores");
        assert!(!points.keeps_values());
        let dataset =
            data::read_data(&set, "t.csv", csv.as_slice(), &Default::default()).expect("valid");
        let values = crate::engine::compact::rank_dataset(
            &set,
            &dataset,
            crate::model::Keep::Values,
            &order,
        )
        .expect("scores");
        let stamp = Stamp::for_tests();
        let cx = Context {
            profile: &crate::model::Profile::default(),
            set: &set,
            lang: Lang::En,
            stamp: &stamp,
            options: Options::default(),
        };
        let render = |eval| {
            crate::report::render_to_vec(crate::report::Format::Csv, &cx, &Document::Ranking(eval))
                .expect("CSV renders it")
        };
        let written = render(&points);
        assert_eq!(written.iter().filter(|&&b| b == b'\n').count(), 1 + 7);
        assert_eq!(written, render(&values));
    }

    /// The year-end example's 30 units, `copies` times over, evaluated in
    /// full; with the set and the CSV they were read from.
    fn year_end_units(copies: usize) -> (crate::model::CriteriaSet, String, CompactEvaluation) {
        let (set, csv) = shipped::repeated_example("thi-dua-cuoi-nam", "thi-dua-2023.csv", copies);
        let dataset =
            data::read_data(&set, "t.csv", csv.as_bytes(), &Default::default()).expect("valid");
        let eval = crate::engine::compact::rank_dataset(
            &set,
            &dataset,
            crate::model::Keep::Values,
            &VietnameseOrder::new(),
        )
        .expect("scores");
        (set, csv, eval)
    }

    /// Many small chunks: windows of chunks formatted on the pool, and
    /// every row is still written once, in order.
    #[test]
    fn chunks_are_written_in_order_whoever_formats_them() {
        let (set, _, eval) = year_end_units(20);
        let stamp = Stamp::for_tests();
        let cx = Context {
            profile: &crate::model::Profile::default(),
            set: &set,
            lang: Lang::Vi,
            stamp: &stamp,
            options: Options::default(),
        };
        let texts = FigureTexts::new(set.precision, 0);
        let mut expected = Vec::new();
        RowWriter::new(&cx, &texts, &eval)
            .chunk(&eval, 0..eval.units.len(), &mut expected)
            .expect("written");
        for chunk_rows in [1, 2, 3, 7] {
            for _ in 0..20 {
                let mut written = Vec::new();
                write_rows(&cx, &eval, &texts, chunk_rows, &mut written).expect("written");
                assert!(written == expected, "{chunk_rows} rows a chunk");
            }
        }
    }

    #[test]
    fn large_rankings_are_written_in_order_on_the_pool() {
        // 30 units a copy: enough for several chunks on each thread.
        let copies = (ROWS_PER_CHUNK * 5).div_ceil(30);
        let (set, csv, eval) = year_end_units(copies);
        assert!(eval.units.len().div_ceil(ROWS_PER_CHUNK) >= 4);
        let stamp = Stamp::for_tests();
        let cx = Context {
            profile: &crate::model::Profile::default(),
            set: &set,
            lang: Lang::Vi,
            stamp: &stamp,
            options: Options {
                bom: false,
                ..Options::default()
            },
        };
        let mut written = Vec::new();
        CsvRenderer
            .render(&cx, &Document::Ranking(&eval), &mut written)
            .expect("rendered");
        // The same rows, formatted one after another on this thread
        // (with an empty table of figure texts: every figure formatted).
        let mut expected = Vec::new();
        let texts = FigureTexts::new(set.precision, 0);
        RowWriter::new(&cx, &texts, &eval)
            .chunk(&eval, 0..eval.units.len(), &mut expected)
            .expect("written");
        let body_start = written.iter().position(|&b| b == b'\n').expect("a header") + 1;
        assert_eq!(&written[body_start..], &expected[..]);
        assert_eq!(
            expected.iter().filter(|&&b| b == b'\n').count(),
            eval.units.len()
        );
        // Streamed, keeping points only, the same units are written the
        // same, their points from the table of figure texts.
        let (_, scoring) =
            crate::engine::compact::score_alongside(&set, crate::model::Keep::Points, |sink| {
                data::read_data_each(&set, "t.csv", csv.as_bytes(), &Default::default(), sink)
            })
            .expect("valid");
        let compact = scoring.finish(&VietnameseOrder::new()).expect("scores");
        let mut from_compact = Vec::new();
        CsvRenderer
            .render(&cx, &Document::Ranking(&compact), &mut from_compact)
            .expect("rendered");
        assert_eq!(from_compact, written);
    }

    /// A sensitivity analysis written row by row is its main table laid
    /// out whole, in both languages, with and without a byte-order mark,
    /// and for Excel in a Vietnamese locale.
    #[test]
    fn the_streamed_sensitivity_table_is_the_one_laid_out_whole() {
        let stamp = Stamp::for_tests();
        let mut streamed_rows = 0;
        for (set, s) in crate::report::compare_samples::sensitivities() {
            for (lang, bom, excel_vi) in [
                (Lang::Vi, true, false),
                (Lang::En, false, false),
                (Lang::Vi, false, true),
            ] {
                let cx = Context {
                    profile: &crate::model::Profile::default(),
                    set: &set,
                    lang,
                    stamp: &stamp,
                    options: Options {
                        bom,
                        excel_vi,
                        ..Options::default()
                    },
                };
                let blocks = crate::report::content::sensitivity(&cx, &s);
                let grid = blocks
                    .iter()
                    .find_map(|b| match b {
                        crate::report::content::Block::Table(g) if g.main => Some(g),
                        _ => None,
                    })
                    .expect("a main table");
                let mut whole = Vec::new();
                if excel_vi {
                    let mut vi = super::super::csv_excel_vi::ExcelVi::new(&mut whole);
                    write_grid(&cx, grid, &mut vi).expect("written");
                    vi.finish().expect("written");
                } else {
                    write_grid(&cx, grid, &mut whole).expect("written");
                }
                let mut written = Vec::new();
                CsvRenderer
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

    /// A comparison of every unit written row by row is its main table
    /// laid out whole, in both languages, with and without a byte-order
    /// mark, and for Excel in a Vietnamese locale.
    #[test]
    fn the_streamed_comparison_table_is_the_one_laid_out_whole() {
        let stamp = Stamp::for_tests();
        let mut streamed_rows = 0;
        for sample in crate::report::compare_samples::samples() {
            let (set, c) = (&sample.set, sample.comparison());
            for (lang, bom, excel_vi) in [
                (Lang::Vi, true, false),
                (Lang::En, false, false),
                (Lang::Vi, false, true),
            ] {
                let cx = Context {
                    profile: &crate::model::Profile::default(),
                    set,
                    lang,
                    stamp: &stamp,
                    options: Options {
                        bom,
                        excel_vi,
                        ..Options::default()
                    },
                };
                let blocks = crate::report::content::comparison(&cx, &c).expect("laid out");
                let main = blocks.iter().find_map(|b| match b {
                    crate::report::content::Block::Table(g) if g.main => Some(g),
                    _ => None,
                });
                let mut whole = Vec::new();
                if let Some(grid) = main {
                    if excel_vi {
                        let mut vi = super::super::csv_excel_vi::ExcelVi::new(&mut whole);
                        write_grid(&cx, grid, &mut vi).expect("written");
                        vi.finish().expect("written");
                    } else {
                        write_grid(&cx, grid, &mut whole).expect("written");
                    }
                }
                let mut written = Vec::new();
                CsvRenderer
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
}
