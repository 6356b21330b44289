//! How large a ranking a Word report holds (issue 15). docx-rs builds the
//! whole document in memory before a byte is written, and an office prints
//! and files what it is given, so the report has bounds a reader can be
//! told: the ranking (Annex I) always; each unit's points per criterion
//! (Annex II) up to the same number of units as the HTML page's unit
//! details ([`DETAIL_UNITS`]), a note saying where to find them beyond it;
//! and no Word report at all past [`MAX_UNITS`], refused before any of it
//! is built, pointing to the workbook and CSV, which stream.

use crate::i18n::{Lang, Message};
use crate::report::Context;
use crate::report::messages::WordBound as Bound;

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
    let (set, data) = cx.stamp.inputs_as_arguments();
    let left_out = Bound::PointsLeftOut {
        units,
        most: DETAIL_UNITS,
        set,
        data,
    };
    left_out.words(cx.lang).into_owned()
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
        Err(TooLarge(Bound::TooMany {
            units,
            most: MAX_UNITS,
        }))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
