//! The dataset `collect` puts together, written back as a data file that
//! `check` and `score` read: the set's columns, then where each unit came
//! from (file, sheet, row).

use rust_decimal::Decimal;
use rust_xlsxwriter::Workbook;

use super::sanitize::neutralise;
use super::words::{num, yes_no};
use crate::i18n::Lang;
use crate::load::collect::CollectedUnit;
use crate::model::{CriteriaSet, Rule, Value};

/// The provenance columns, after the set's own.
pub const PROVENANCE: [&str; 3] = ["nguon_tep", "nguon_trang", "nguon_dong"];

fn header(set: &CriteriaSet) -> Vec<String> {
    let mut h = vec![set.columns.id.clone(), set.columns.name.clone()];
    h.extend(set.columns.cluster.clone());
    h.extend(set.inputs.iter().map(|i| i.column.clone()));
    h.extend(PROVENANCE.map(String::from));
    h
}

/// A label's text by its id, as the criteria file writes it.
fn label(set: &CriteriaSet, id: u32) -> String {
    set.criteria
        .iter()
        .map(|c| &c.rule)
        .chain(set.gates.iter().map(|g| &g.rule))
        .find_map(|rule| match rule {
            Rule::Levels(levels) => levels.iter().find(|l| l.id == id),
            _ => None,
        })
        .map(|l| l.label.clone())
        .unwrap_or_default()
}

/// A cell: a number (kept as a number in a workbook), or text.
enum Cell {
    Number(Decimal),
    Text(String),
}

fn cells(set: &CriteriaSet, u: &CollectedUnit, lang: Lang) -> Vec<Cell> {
    let text = |s: &str| Cell::Text(s.to_string());
    let mut row = vec![text(&u.unit.id), text(&u.unit.name)];
    if set.columns.cluster.is_some() {
        row.push(text(u.unit.cluster.as_deref().unwrap_or_default()));
    }
    for v in &u.unit.values {
        row.push(match v {
            Value::Number(d) => Cell::Number(*d),
            Value::YesNo(b) => text(yes_no(lang, *b)),
            Value::Label(id) => Cell::Text(label(set, *id)),
            Value::NotApplicable => text("N/A"),
            // Raw data holds no computed fractions; blank otherwise.
            _ => text(""),
        });
    }
    row.push(text(&u.file));
    row.push(text(&u.sheet));
    row.push(Cell::Number(Decimal::from(u.line)));
    row
}

/// CSV (UTF-8 with a byte-order mark, for Excel); text cells that a
/// spreadsheet would run as a formula are neutralised.
pub fn combined_csv(set: &CriteriaSet, units: &[CollectedUnit], lang: Lang) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let _ = w.write_record(header(set));
        for u in units {
            let row: Vec<String> = cells(set, u, lang)
                .into_iter()
                .map(|c| match c {
                    Cell::Number(d) => num(d),
                    Cell::Text(s) => neutralise(&s).into_owned(),
                })
                .collect();
            let _ = w.write_record(row);
        }
        let _ = w.flush();
    }
    out
}

/// A workbook of one sheet; numbers stay numbers, text is never a formula.
pub fn combined_xlsx(
    set: &CriteriaSet,
    units: &[CollectedUnit],
    lang: Lang,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(super::messages::Label::DataSheet.text(lang))?;
    for (c, h) in header(set).iter().enumerate() {
        ws.write_string(0, col(c), h)?;
    }
    for (r, u) in units.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in cells(set, u, lang).into_iter().enumerate() {
            match cell {
                // Exact in a spreadsheet's 15 digits: a number; else its text.
                Cell::Number(d) => match num(d).parse::<f64>() {
                    Ok(x) if d.mantissa().unsigned_abs() < 1_000_000_000_000_000 => {
                        ws.write_number(r, col(c), x)?
                    }
                    _ => ws.write_string(r, col(c), num(d))?,
                },
                Cell::Text(s) => ws.write_string(r, col(c), s)?,
            };
        }
    }
    ws.autofit();
    book.save_to_buffer()
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}
