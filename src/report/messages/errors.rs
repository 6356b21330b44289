//! Why a report could not be written, and why a unit could not be scored,
//! in both languages.

use std::borrow::Cow;

use crate::i18n::{Lang, Message};
use crate::model::{OverflowedPart, ScoreOverflow};
use crate::report::RenderError;

impl Message for RenderError {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use RenderError as E;
        match (self, lang) {
            (E::Unsupported { format, document }, Lang::Vi) => Cow::Owned(format!(
                "định dạng {format} không dùng được cho `{document}`; hãy dùng {}",
                crate::report::Format::writing(document).join(", ")
            )),
            (E::Unsupported { format, document }, Lang::En) => Cow::Owned(format!(
                "the {format} format is not available for `{document}`; use {}",
                crate::report::Format::writing(document).join(", ")
            )),
            (E::Xlsx(e), Lang::Vi) => Cow::Owned(format!("không tạo được sổ Excel: {e}")),
            (E::Xlsx(e), Lang::En) => Cow::Owned(format!("cannot build the workbook: {e}")),
            (E::Template(e), Lang::Vi) => Cow::Owned(format!("không điền được mẫu HTML: {e}")),
            (E::Template(e), Lang::En) => Cow::Owned(format!("cannot fill the HTML template: {e}")),
            // The Word report's own refusal, from its bound.
            (E::TooLarge(e), Lang::Vi | Lang::En) => e.0.words(lang),
            // The score's own message, from the engine, in either language.
            (E::Score(e), Lang::Vi | Lang::En) => e.words(lang),
            // The operating system's words are English: put in Vietnamese.
            (E::Io(e), Lang::Vi) => Cow::Owned(format!(
                "lỗi ghi: {}",
                crate::i18n::os_error_vi(e).unwrap_or_else(|| e.to_string())
            )),
            (E::Io(e), Lang::En) => Cow::Owned(e.to_string()),
        }
    }
}

impl Message for ScoreOverflow {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        let unit = &self.unit;
        let part = self.part.words(lang);
        Cow::Owned(match lang {
            Lang::Vi => format!(
                "đơn vị \"{unit}\": {part} quá lớn, không tính chính xác được; kiểm tra lại số liệu của đơn vị này"
            ),
            Lang::En => format!(
                "unit \"{unit}\": {part} is too large to be worked out exactly; check this unit's figures"
            ),
        })
    }
}

impl Message for OverflowedPart {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use OverflowedPart as P;
        match (self, lang) {
            (P::Adjustment(id), Lang::Vi) => Cow::Owned(format!(
                "khoản điểm thưởng/trừ \"{id}\" (số điểm mỗi lần × số lần)"
            )),
            (P::Adjustment(id), Lang::En) => {
                Cow::Owned(format!("adjustment \"{id}\" (points per item × count)"))
            }
            (P::Bonuses, Lang::Vi) => Cow::Borrowed("tổng điểm thưởng"),
            (P::Bonuses, Lang::En) => Cow::Borrowed("the total of bonuses"),
            (P::Deductions, Lang::Vi) => Cow::Borrowed("tổng điểm trừ"),
            (P::Deductions, Lang::En) => Cow::Borrowed("the total of deductions"),
            (P::Criteria(None), Lang::Vi) => Cow::Borrowed("tổng điểm các tiêu chí"),
            (P::Criteria(None), Lang::En) => Cow::Borrowed("the total of criterion points"),
            (P::Criteria(Some(group)), Lang::Vi) => {
                Cow::Owned(format!("tổng điểm nhóm \"{group}\""))
            }
            (P::Criteria(Some(group)), Lang::En) => {
                Cow::Owned(format!("the total of group \"{group}\""))
            }
            (P::Rescaled, Lang::Vi) => Cow::Borrowed("điểm quy đổi khi có tiêu chí không áp dụng"),
            (P::Rescaled, Lang::En) => {
                Cow::Borrowed("the points rescaled for criteria that do not apply")
            }
            (P::Score, Lang::Vi) => Cow::Borrowed("tổng điểm"),
            (P::Score, Lang::En) => Cow::Borrowed("the score"),
        }
    }
}

/// For logs and error chains: the English words.
impl std::fmt::Display for ScoreOverflow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}
