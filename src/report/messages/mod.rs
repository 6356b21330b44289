//! Every word the renderers write, in both languages: the report layer's
//! catalogue (the content blocks have theirs in `report::content`).
//!
//! - [`labels`]: short labels (column headings, sheet names, headings,
//!   single words), one [`Label`] each, `&'static str` in either language;
//! - [`model`]: phrases about the criteria set and a unit's standing
//!   ([`ModelWords`]), put together by `report::words`;
//! - [`filing`]: the sentences of a document an office files
//!   ([`FilingMessage`]), for `report::filing`, the Word report and the
//!   HTML page's header;
//! - [`pages`]: the sentences a page adds around its tables
//!   ([`PageMessage`]): the HTML page's captions, the terminal table's
//!   note on columns left out;
//! - [`template`]: what a column of the data-entry template accepts
//!   ([`TemplateMessage`]);
//! - `bounds`: what the Word report says of its own size ([`WordBound`]);
//! - `errors`: why a report could not be written ([`super::RenderError`])
//!   and why a unit could not be scored (`ScoreOverflow`).
//!
//! Each is an enum worded by one `match (self, lang)` with no catch-all
//! arm ([`crate::i18n::Message`]): the compiler, not a scan of the source,
//! guarantees every message exists in Vietnamese and English.

mod bounds;
mod errors;
pub mod filing;
pub mod labels;
pub mod model;
pub mod pages;
pub mod template;

pub use bounds::WordBound;
pub use filing::FilingMessage;
pub use labels::Label;
pub use model::ModelWords;
pub use pages::PageMessage;
pub use template::TemplateMessage;

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::i18n::both;
    use crate::i18n::{Lang, Message};
    use crate::model::{Direction, Relative, RelativeScope};

    #[test]
    fn labels_read_in_both_languages() {
        assert_eq!(
            both(&Label::TiedFirst),
            (
                "đồng hạng nhất — cần bình xét".into(),
                "shared first place — to be settled by the cluster's vote".into()
            )
        );
        assert_eq!(Label::PageOfPages.text(Lang::Vi), "Trang &P/&N");
        assert_eq!(Label::PageOfPages.text(Lang::En), "Page &P of &N");
    }

    #[test]
    fn render_errors_read_in_both_languages() {
        let e = crate::report::RenderError::Unsupported {
            format: "csv",
            document: "explain",
        };
        assert_eq!(
            both(&e),
            (
                "định dạng csv không dùng được cho `explain`; hãy dùng table, json, md, html, xlsx, docx"
                    .into(),
                "the csv format is not available for `explain`; use table, json, md, html, xlsx, docx"
                    .into()
            )
        );
        // Its Display is the English words.
        assert_eq!(e.to_string(), both(&e).1);
        // The operating system's words in Vietnamese too.
        let io = crate::report::RenderError::Io(std::io::Error::from_raw_os_error(2));
        assert_eq!(
            io.words(Lang::Vi),
            "lỗi ghi: không tìm thấy tệp hoặc thư mục (lỗi hệ điều hành 2)"
        );
    }

    #[test]
    fn model_words_write_numbers_as_the_language_does() {
        let d = |s: &str| s.parse::<Decimal>().expect("literal");
        assert_eq!(
            both(&ModelWords::ScoreShort {
                min: d("90"),
                short_by: d("2.5")
            }),
            (
                "điểm chưa đủ 90 (thiếu 2,5)".into(),
                "score below 90 (short by 2.5)".into()
            )
        );
        assert_eq!(
            both(&ModelWords::RelativeRule {
                points: d("10"),
                relative: Relative {
                    direction: Direction::Lower,
                    scope: RelativeScope::Cluster
                }
            }),
            (
                "10 × giá trị thấp nhất trong cụm ÷ giá trị".into(),
                "10 × the lowest in the cluster ÷ value".into()
            )
        );
        assert_eq!(
            both(&ModelWords::AtMostShare {
                percent: d("12.5"),
                of: "tổng số đơn vị",
                scope: ""
            })
            .0,
            "tối đa 12,5% tổng số đơn vị"
        );
    }

    #[test]
    fn a_filed_reports_sentences_read_in_both_languages() {
        let opening = FilingMessage::Opening {
            basis: Some("Quyết định 12/QĐ-UBND"),
            issuer: Some("UBND thị xã"),
            title: "Chấm điểm thi đua",
            period: " năm 2023",
            units: 7,
        };
        assert_eq!(
            both(&opening),
            (
                "Căn cứ Quyết định 12/QĐ-UBND, UBND thị xã đã tiến hành chấm điểm thi đua năm 2023 \
                 đối với 7 đơn vị. Kết quả như sau:"
                    .into(),
                "Under Quyết định 12/QĐ-UBND, UBND thị xã assessed 7 units: \"Chấm điểm thi đua\" \
                 năm 2023. The results are as follows:"
                    .into()
            )
        );
        assert_eq!(
            FilingMessage::UnitsNoun { count: 1 }.words(Lang::En),
            "unit"
        );
        assert_eq!(
            FilingMessage::UnitsNoun { count: 2 }.words(Lang::En),
            "units"
        );
        let date = crate::model::Day {
            year: 2023,
            month: 2,
            day: 5,
        };
        assert_eq!(
            both(&FilingMessage::PlaceAndDate { place: None, date }),
            (
                "…………, ngày 05 tháng 02 năm 2023".into(),
                "5 February 2023".into()
            ),
            "Nghị định 30's form has the place: a blank to fill"
        );
        // Without an issuer, the sentence keeps a subject to fill in.
        let unsigned = FilingMessage::Opening {
            basis: Some("Luật Thi đua, khen thưởng"),
            issuer: None,
            title: "Chấm điểm thi đua",
            period: "",
            units: 7,
        };
        assert_eq!(
            unsigned.words(Lang::Vi),
            "Căn cứ Luật Thi đua, khen thưởng, ………… đã tiến hành chấm điểm thi đua đối với 7 đơn vị. \
             Kết quả như sau:"
        );
        assert_eq!(
            both(&FilingMessage::LoweredByQuota {
                unit: "Nghi Hải",
                score: "96.5".parse().expect("literal"),
                from: "Xuất sắc",
                to: "Tốt"
            })
            .0,
            "Nghi Hải (96,5 điểm): đủ điều kiện \"Xuất sắc\", xếp \"Tốt\" do vượt tỷ lệ;"
        );
    }

    #[test]
    fn page_and_template_sentences_read_in_both_languages() {
        assert_eq!(
            both(&PageMessage::ColumnsLeftOut {
                width: 80,
                columns: "G1, G2"
            }),
            (
                "(Để vừa 80 cột, bảng không hiện các cột: G1, G2. Cửa sổ rộng hơn, hoặc ghi ra tệp \
                 bằng -o, sẽ hiện đủ.)"
                    .into(),
                "(To fit 80 columns, the table leaves out: G1, G2. A wider window, or a file \
                 written with -o, shows them all.)"
                    .into()
            )
        );
        let d = |s: &str| s.parse::<Decimal>().expect("literal");
        assert_eq!(
            both(&TemplateMessage::NumberFromTo {
                low: d("0"),
                high: d("99.5")
            }),
            (
                "một số từ 0 đến 99,5".into(),
                "a number from 0 to 99.5".into()
            )
        );
    }
}
