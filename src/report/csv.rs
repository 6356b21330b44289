//! CSV: one row per unit with every score column, decimals as exact text,
//! text cells guarded against spreadsheet formula injection.

use std::io::Write;

use super::words::{self, num};
use super::{Context, Document, RenderError, Renderer};

pub struct CsvRenderer;

/// Prefixes `'` to text a spreadsheet would run as a formula (OWASP).
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    let first = text.trim_start_matches(' ').chars().next();
    if matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

impl Renderer for CsvRenderer {
    fn render(
        &self,
        cx: &Context<'_>,
        doc: &Document<'_>,
        out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let Document::Ranking(eval) = doc else {
            return Err(RenderError::Unsupported {
                format: "csv",
                document: doc.kind(),
            });
        };
        let set = cx.set;
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
                neutralise(&u.id).into_owned(),
                neutralise(&u.name).into_owned(),
                neutralise(u.cluster.as_deref().unwrap_or_default()).into_owned(),
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

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn neutralises_formula_triggers_only() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+cmd"), "'+cmd");
        assert_eq!(neutralise("@SUM(1)"), "'@SUM(1)");
        assert_eq!(neutralise("  -1"), "'  -1");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("Nghi Hải"), "Nghi Hải");
        assert_eq!(neutralise(""), "");
    }
}
