//! How large a ranking a Word report holds (issue 15). docx-rs builds the
//! whole document in memory before a byte is written, and an office prints
//! and files what it is given, so the report has bounds a reader can be
//! told: the ranking (Annex I) always; each unit's points per criterion
//! (Annex II) up to the same number of units as the HTML page's unit
//! details ([`DETAIL_UNITS`]), a note saying where to find them beyond it;
//! and no Word report at all past [`MAX_UNITS`], refused before any of it
//! is built, pointing to the workbook and CSV, which stream.

use std::borrow::Cow;

use crate::i18n::{Lang, Message};
use crate::report::Context;

use crate::report::html::DETAIL_UNITS;

/// The most units a Word report lists: a national set of ten thousand
/// wards and communes. Its ranking alone is then hundreds of landscape
/// pages, and docx-rs holds some 70 kB per unit while it builds them
/// (benches/README.md); past it, a workbook or CSV, which stream, serve a
/// reader better than print.
pub(super) const MAX_UNITS: usize = 10_000;

/// Whether a report of `units` units has each unit's points per
/// criterion (Annex II) in it.
pub(super) fn with_points_annex(units: usize) -> bool {
    units <= DETAIL_UNITS
}

/// Annex II's place in a report of `units` units that leaves it out: why,
/// and the commands that show it.
pub(super) fn points_left_out(cx: &Context<'_>, units: usize) -> String {
    let left_out = Bound::PointsLeftOut {
        units,
        set: cx.stamp.set_id.clone(),
        data: cx.stamp.data_file.clone().unwrap_or_else(|| "…".into()),
    };
    left_out.words(cx.lang).into_owned()
}

/// What the Word report says of its own size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound {
    /// Annex II left out of a report of `units` units; `set` and `data`
    /// as the run was given them, for the commands that show it.
    PointsLeftOut {
        units: usize,
        set: String,
        data: String,
    },
    /// No Word report for a ranking of `units` units.
    TooMany { units: usize },
}

impl Message for Bound {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        Cow::Owned(match (self, lang) {
            (Bound::PointsLeftOut { units, set, data }, Lang::Vi) => format!(
                "Báo cáo có {} đơn vị; điểm từng tiêu chí của từng đơn vị chỉ in trong văn bản \
                 khi báo cáo có không quá {} đơn vị. Điểm từng tiêu chí của mọi đơn vị có trong \
                 tệp Excel: wardscore score {set} {data} -o ket-qua.xlsx; phiếu chấm điểm một \
                 đơn vị: wardscore explain {set} {data} <mã đơn vị> -o phieu-cham.docx",
                count(lang, *units),
                count(lang, DETAIL_UNITS)
            ),
            (Bound::PointsLeftOut { units, set, data }, Lang::En) => format!(
                "This report has {} units; each unit's points per criterion are printed when a \
                 report has at most {} units. Every unit's points per criterion are in the \
                 workbook: wardscore score {set} {data} -o results.xlsx; one unit's scoring \
                 sheet: wardscore explain {set} {data} <unit id> -o sheet.docx",
                count(lang, *units),
                count(lang, DETAIL_UNITS)
            ),
            (Bound::TooMany { units }, Lang::Vi) => format!(
                "không lập văn bản Word cho {} đơn vị: văn bản Word chỉ lập cho tối đa {} đơn vị \
                 (bảng xếp hạng đã dài hàng trăm trang). Hãy ghi ra tệp Excel (-f xlsx, \
                 -o ket-qua.xlsx) hoặc CSV (-f csv, -o ket-qua.csv); phiếu chấm điểm từng đơn vị \
                 vẫn lập được bằng lệnh explain -o phieu-cham.docx",
                count(lang, *units),
                count(lang, MAX_UNITS)
            ),
            (Bound::TooMany { units }, Lang::En) => format!(
                "no Word report for {} units: a Word report lists at most {} units (its ranking \
                 alone is hundreds of pages). Write a workbook (-f xlsx, -o results.xlsx) or CSV \
                 (-f csv, -o results.csv) instead; one unit's scoring sheet is still made in Word \
                 with explain -o sheet.docx",
                count(lang, *units),
                count(lang, MAX_UNITS)
            ),
        })
    }
}

/// A count as the language writes it: `20.000` in Vietnamese, `20,000`
/// in English.
fn count(lang: Lang, n: usize) -> String {
    let digits = n.to_string();
    let mark = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(mark);
        }
        out.push(d);
    }
    out
}

/// A ranking too large for a Word report: refused before the document is
/// begun. The command line treats it as a request the tool cannot do
/// (exit 2), as it does a workbook asked for on a terminal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.words(Lang::En))]
pub struct TooLarge(pub Bound);

/// Refuses a ranking of `units` units past [`MAX_UNITS`].
pub(super) fn fits(units: usize) -> Result<(), TooLarge> {
    if units > MAX_UNITS {
        Err(TooLarge(Bound::TooMany { units }))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands_as_each_language_writes_them() {
        assert_eq!(count(Lang::Vi, 20_000), "20.000");
        assert_eq!(count(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(count(Lang::Vi, 500), "500");
        assert_eq!(count(Lang::En, 0), "0");
    }

    #[test]
    fn a_national_set_fits_and_a_larger_one_is_refused() {
        assert_eq!(fits(10_000), Ok(()));
        assert_eq!(fits(MAX_UNITS), Ok(()));
        let refused = fits(MAX_UNITS + 1).expect_err("past the bound");
        let vi = refused.0.words(Lang::Vi);
        assert!(
            vi.contains("10.001 đơn vị") && vi.contains("-f xlsx"),
            "{vi}"
        );
        let en = refused.to_string();
        assert!(en.contains("10,001 units") && en.contains("-f csv"), "{en}");
    }

    #[test]
    fn the_points_annex_follows_the_html_pages_unit_details() {
        assert!(with_points_annex(DETAIL_UNITS));
        assert!(!with_points_annex(DETAIL_UNITS + 1));
    }
}
