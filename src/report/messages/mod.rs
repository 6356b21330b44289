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
//! - [`errors`]: why a report could not be written ([`super::RenderError`]).
//!
//! Each is an enum worded by one `match (self, lang)` with no catch-all
//! arm ([`crate::i18n::Message`]): the compiler, not a scan of the source,
//! guarantees every message exists in Vietnamese and English.

mod errors;
pub mod filing;
pub mod labels;
pub mod model;
pub mod pages;
pub mod template;

pub use filing::FilingMessage;
pub use labels::Label;
pub use model::ModelWords;
pub use pages::PageMessage;
pub use template::TemplateMessage;

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::i18n::{Lang, Message};
    use crate::model::{Direction, Relative, RelativeScope};

    fn both(m: &dyn Message) -> (String, String) {
        (
            m.words(Lang::Vi).into_owned(),
            m.words(Lang::En).into_owned(),
        )
    }

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
                "định dạng csv không dùng được cho `explain`; hãy dùng table, md, html hoặc json"
                    .into(),
                "the csv format is not available for `explain`; use table, md, html or json".into()
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
}
