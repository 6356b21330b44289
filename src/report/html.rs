//! HTML: one self-contained page (inline CSS and SVG), escaped everywhere.

use std::io::Write;

use super::{Context, Document, RenderError, Renderer};

pub struct HtmlRenderer;

impl Renderer for HtmlRenderer {
    fn render(
        &self,
        _cx: &Context<'_>,
        doc: &Document<'_>,
        _out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        Err(RenderError::Unsupported {
            format: "html",
            document: doc.kind(),
        })
    }
}
