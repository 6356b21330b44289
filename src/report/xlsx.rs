//! Excel workbooks (rust_xlsxwriter).

use std::io::Write;

use super::{Context, Document, RenderError, Renderer};
use crate::i18n::Lang;
use crate::model::CriteriaSet;

pub struct XlsxRenderer;

impl Renderer for XlsxRenderer {
    fn render(
        &self,
        _cx: &Context<'_>,
        doc: &Document<'_>,
        _out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        Err(RenderError::Unsupported {
            format: "xlsx",
            document: doc.kind(),
        })
    }
}

/// An empty data-entry workbook for a criteria set.
pub fn template_xlsx(_set: &CriteriaSet, _lang: Lang) -> Result<Vec<u8>, RenderError> {
    Err(RenderError::Unsupported {
        format: "xlsx",
        document: "template",
    })
}
