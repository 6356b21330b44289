//! Why a report could not be written, in both languages.

use std::borrow::Cow;

use crate::i18n::{Lang, Message};
use crate::report::RenderError;

impl Message for RenderError {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use RenderError as E;
        match (self, lang) {
            (E::Unsupported { format, document }, Lang::Vi) => Cow::Owned(format!(
                "định dạng {format} không dùng được cho `{document}`; hãy dùng table, md, html hoặc json"
            )),
            (E::Unsupported { format, document }, Lang::En) => Cow::Owned(format!(
                "the {format} format is not available for `{document}`; use table, md, html or json"
            )),
            (E::Xlsx(e), Lang::Vi) => Cow::Owned(format!("không tạo được sổ Excel: {e}")),
            (E::Xlsx(e), Lang::En) => Cow::Owned(format!("cannot build the workbook: {e}")),
            (E::Template(e), Lang::Vi) => Cow::Owned(format!("không điền được mẫu HTML: {e}")),
            (E::Template(e), Lang::En) => Cow::Owned(format!("cannot fill the HTML template: {e}")),
            // The Word report's own refusal, from its bound.
            (E::TooLarge(e), Lang::Vi | Lang::En) => e.0.words(lang),
            // The score's own message, from the engine, in either language.
            (E::Score(e), Lang::Vi | Lang::En) => Cow::Owned(e.message().get(lang).to_string()),
            // The operating system's words are English: put in Vietnamese.
            (E::Io(e), Lang::Vi) => Cow::Owned(format!(
                "lỗi ghi: {}",
                crate::i18n::os_error_vi(e).unwrap_or_else(|| e.to_string())
            )),
            (E::Io(e), Lang::En) => Cow::Owned(e.to_string()),
        }
    }
}
