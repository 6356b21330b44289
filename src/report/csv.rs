//! CSV: one row per unit with every score column, decimals as exact text,
//! text cells guarded against spreadsheet formula injection.

use std::io::Write;

use super::sanitize::neutralise;
use super::words::{self, num};
use super::{Context, Document, RenderError, Renderer};

pub struct CsvRenderer;

impl Renderer for CsvRenderer {
    fn render(
        &self,
        cx: &Context<'_>,
        doc: &Document<'_>,
        out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let eval = match doc {
            Document::Ranking(eval) => eval,
            Document::Comparison(_) | Document::Sensitivity(_) => {
                // The document's main table, one row per unit.
                let blocks = super::content::blocks(cx, doc);
                let Some(grid) = blocks.iter().rev().find_map(|b| match b {
                    super::content::Block::Table(g) => Some(g),
                    _ => None,
                }) else {
                    return Ok(());
                };
                return write_grid(cx, grid, out);
            }
            _ => {
                return Err(RenderError::Unsupported {
                    format: "csv",
                    document: doc.kind(),
                });
            }
        };
        let set = cx.set;
        if cx.options.bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let guard = |s: &str| -> String {
            if cx.options.sanitize {
                neutralise(s).into_owned()
            } else {
                s.to_string()
            }
        };
        let mut w = csv::Writer::from_writer(out);
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
        for u in &eval.units {
            let mut row: Vec<String> = vec![
                u.rank.to_string(),
                u.cluster_rank.map(|r| r.to_string()).unwrap_or_default(),
                guard(&u.id),
                guard(&u.name),
                guard(u.cluster.as_deref().unwrap_or_default()),
            ];
            row.extend(u.groups.iter().map(|g| num(*g)));
            row.extend([
                num(u.earned),
                num(u.base),
                num(u.bonus),
                num(u.deductions),
                num(u.score),
                u.met.to_string(),
                u.applicable.to_string(),
                words::failed_gates(set, u),
                set.ratings[u.rating].id.clone(),
                set.ratings[u.rating_before_quota].id.clone(),
            ]);
            row.extend(u.criteria.iter().map(|c| match c.status {
                crate::model::Status::NotApplicable => "N/A".to_string(),
                _ => num(c.points),
            }));
            w.write_record(&row).map_err(csv_error)?;
        }
        w.flush()?;
        Ok(())
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
