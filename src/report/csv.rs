//! CSV: one row per unit with every score column, decimals as exact text,
//! text cells guarded against spreadsheet formula injection.

use std::io::Write;

use rust_decimal::Decimal;

use super::sanitize::neutralise;
use super::words;
use super::{Context, Document, RenderError, Renderer};
use crate::model::{CompactEvaluation, CriteriaSet, Evaluation, Figures};

pub struct CsvRenderer;

impl Renderer for CsvRenderer {
    fn render(
        &self,
        cx: &Context<'_>,
        doc: &Document<'_>,
        out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        match doc {
            Document::Ranking(eval) => write_ranking(cx, *eval, out),
            Document::CompactRanking(eval) => write_ranking(cx, *eval, out),
            Document::Comparison(_) | Document::Sensitivity(_) => {
                // The document's main table, one row per unit.
                let blocks = super::content::blocks(cx, doc);
                let Some(grid) = blocks.iter().rev().find_map(|b| match b {
                    super::content::Block::Table(g) => Some(g),
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
}

/// Units in rank order, whichever way they are kept.
trait RankedUnits {
    fn len(&self) -> usize;
    /// Unit `i`'s identity and standing; its figures go into `figures`.
    fn unit(&self, set: &CriteriaSet, i: usize, figures: &mut Figures) -> Standing<'_>;
}

struct Standing<'a> {
    id: &'a str,
    name: &'a str,
    cluster: Option<&'a str>,
    rank: u32,
    cluster_rank: Option<u32>,
    score: Decimal,
    met: u32,
    applicable: u32,
    rating: usize,
    rating_before_quota: usize,
}

impl RankedUnits for Evaluation {
    fn len(&self) -> usize {
        self.units.len()
    }

    fn unit(&self, _: &CriteriaSet, i: usize, figures: &mut Figures) -> Standing<'_> {
        let u = &self.units[i];
        figures.fill_from(u);
        Standing {
            id: &u.id,
            name: &u.name,
            cluster: u.cluster.as_deref(),
            rank: u.rank,
            cluster_rank: u.cluster_rank,
            score: u.score,
            met: u.met,
            applicable: u.applicable,
            rating: u.rating,
            rating_before_quota: u.rating_before_quota,
        }
    }
}

impl RankedUnits for CompactEvaluation {
    fn len(&self) -> usize {
        self.units.len()
    }

    fn unit(&self, set: &CriteriaSet, i: usize, figures: &mut Figures) -> Standing<'_> {
        let u = &self.units[i];
        self.figures(u, set.groups.len(), set.criteria.len(), figures);
        Standing {
            id: self.store.id(u),
            name: self.store.name(u),
            cluster: self.store.cluster(u),
            rank: u.rank,
            cluster_rank: u.cluster_rank(),
            score: u.score,
            met: u.met,
            applicable: u.applicable,
            rating: usize::from(u.rating),
            rating_before_quota: usize::from(u.rating_before_quota),
        }
    }
}

/// One row per unit with every score column. Fields are written straight
/// from reusable buffers: nothing is allocated per cell.
fn write_ranking(
    cx: &Context<'_>,
    units: &impl RankedUnits,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let set = cx.set;
    if cx.options.bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = csv::WriterBuilder::new()
        .buffer_capacity(1 << 16)
        .from_writer(out);
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
        ]
        .map(String::from),
    );
    header.extend(set.criteria.iter().map(|c| format!("criterion:{}", c.id)));
    w.write_record(&header).map_err(csv_error)?;

    let mut figures = Figures::default();
    let mut buf = String::new();
    let mut gates = String::new();
    let text = |w: &mut csv::Writer<&mut dyn Write>, s: &str| {
        if cx.options.sanitize {
            w.write_field(neutralise(s).as_bytes())
        } else {
            w.write_field(s)
        }
    };
    for i in 0..units.len() {
        let u = units.unit(set, i, &mut figures);
        let mut number = |w: &mut csv::Writer<&mut dyn Write>, d: Decimal| {
            buf.clear();
            words::write_num(&mut buf, d);
            w.write_field(&buf)
        };
        let integer =
            |w: &mut csv::Writer<&mut dyn Write>, n: u64| w.write_field(itoa(n, &mut [0u8; 20]));
        integer(&mut w, u64::from(u.rank)).map_err(csv_error)?;
        match u.cluster_rank {
            Some(r) => integer(&mut w, u64::from(r)),
            None => w.write_field(""),
        }
        .map_err(csv_error)?;
        text(&mut w, u.id).map_err(csv_error)?;
        text(&mut w, u.name).map_err(csv_error)?;
        text(&mut w, u.cluster.unwrap_or_default()).map_err(csv_error)?;
        for &g in &figures.groups {
            number(&mut w, g).map_err(csv_error)?;
        }
        for d in [
            figures.earned,
            figures.base,
            figures.bonus,
            figures.deductions,
            u.score,
        ] {
            number(&mut w, d).map_err(csv_error)?;
        }
        integer(&mut w, u64::from(u.met)).map_err(csv_error)?;
        integer(&mut w, u64::from(u.applicable)).map_err(csv_error)?;
        gates.clear();
        for (n, &g) in figures.failed_gates.iter().enumerate() {
            if n > 0 {
                gates.push_str(", ");
            }
            gates.push_str(&set.gates[g].id);
        }
        w.write_field(&gates).map_err(csv_error)?;
        w.write_field(&set.ratings[u.rating].id)
            .map_err(csv_error)?;
        w.write_field(&set.ratings[u.rating_before_quota].id)
            .map_err(csv_error)?;
        for c in &figures.criteria {
            match c {
                Some(points) => number(&mut w, *points),
                None => w.write_field("N/A"),
            }
            .map_err(csv_error)?;
        }
        w.write_record(None::<&[u8]>).map_err(csv_error)?;
    }
    w.flush()?;
    Ok(())
}

/// `n` in decimal digits, without allocating.
fn itoa(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
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
    if cx.options.bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let guard = |cell: &super::content::Cell| -> String {
        match cell {
            super::content::Cell::Text(s) if cx.options.sanitize => neutralise(s).into_owned(),
            other => other.to_string(),
        }
    };
    let mut w = csv::Writer::from_writer(out);
    w.write_record(grid.header.iter().map(|h| neutralise(h).into_owned()))
        .map_err(csv_error)?;
    for row in &grid.rows {
        w.write_record(row.cells.iter().map(guard))
            .map_err(csv_error)?;
    }
    w.flush()?;
    Ok(())
}
