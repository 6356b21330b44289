//! What the Word report says of its own size (`report::docx::bound`).
//! Worded by one exhaustive match: the compiler asks for both languages.

use std::borrow::Cow;

use crate::i18n::{Lang, Message};

/// What the Word report says of its own size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordBound {
    /// Annex II left out of a report of `units` units; `set` and `data`
    /// as the run was given them, for the commands that show it.
    PointsLeftOut {
        units: usize,
        /// The most units a report prints the annex for.
        most: usize,
        set: String,
        data: String,
    },
    /// No Word report for a ranking of `units` units.
    TooMany {
        units: usize,
        /// The most units a Word report lists.
        most: usize,
    },
}

impl Message for WordBound {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        Cow::Owned(match (self, lang) {
            (
                WordBound::PointsLeftOut {
                    units,
                    most,
                    set,
                    data,
                },
                Lang::Vi,
            ) => format!(
                "Báo cáo có {} đơn vị; điểm từng tiêu chí của từng đơn vị chỉ in trong văn bản \
                 khi báo cáo có không quá {} đơn vị. Điểm từng tiêu chí của mọi đơn vị có trong \
                 tệp Excel: wardscore score {set} {data} -o ket-qua.xlsx; phiếu chấm điểm một \
                 đơn vị: wardscore explain {set} {data} <mã đơn vị> -o phieu-cham.docx",
                count(lang, *units),
                count(lang, *most)
            ),
            (
                WordBound::PointsLeftOut {
                    units,
                    most,
                    set,
                    data,
                },
                Lang::En,
            ) => format!(
                "This report has {} units; each unit's points per criterion are printed when a \
                 report has at most {} units. Every unit's points per criterion are in the \
                 workbook: wardscore score {set} {data} -o results.xlsx; one unit's scoring \
                 sheet: wardscore explain {set} {data} <unit id> -o sheet.docx",
                count(lang, *units),
                count(lang, *most)
            ),
            (WordBound::TooMany { units, most }, Lang::Vi) => format!(
                "không lập văn bản Word cho {} đơn vị: văn bản Word chỉ lập cho tối đa {} đơn vị \
                 (bảng xếp hạng đã dài hàng trăm trang). Hãy ghi ra tệp Excel (-f xlsx, \
                 -o ket-qua.xlsx) hoặc CSV (-f csv, -o ket-qua.csv); phiếu chấm điểm từng đơn vị \
                 vẫn lập được bằng lệnh explain -o phieu-cham.docx",
                count(lang, *units),
                count(lang, *most)
            ),
            (WordBound::TooMany { units, most }, Lang::En) => format!(
                "no Word report for {} units: a Word report lists at most {} units (its ranking \
                 alone is hundreds of pages). Write a workbook (-f xlsx, -o results.xlsx) or CSV \
                 (-f csv, -o results.csv) instead; one unit's scoring sheet is still made in Word \
                 with explain -o sheet.docx",
                count(lang, *units),
                count(lang, *most)
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
}
