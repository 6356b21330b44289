//! Reports: one renderer per format, each a pure function from results to
//! bytes. Nothing here scores; everything here formats.

mod csv;
mod json;
mod table;
pub mod words;

use std::io::{self, Write};

use crate::engine::explain::Explanation;
use crate::i18n::Lang;
use crate::model::{CriteriaSet, Evaluation, UnitResult};

/// What to render.
#[derive(Debug, Clone, Copy)]
pub enum Document<'a> {
    /// Every unit, ranked and rated.
    Ranking(&'a Evaluation),
    /// One unit, criterion by criterion.
    Explain(&'a UnitResult, &'a Explanation),
    /// The criteria set itself.
    Criteria,
}

impl Document<'_> {
    pub fn kind(&self) -> &'static str {
        match self {
            Document::Ranking(_) => "score",
            Document::Explain(..) => "explain",
            Document::Criteria => "criteria",
        }
    }
}

/// What every renderer is given besides the document.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub set: &'a CriteriaSet,
    pub lang: Lang,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the {format} format is not available for `{document}`")]
    Unsupported {
        format: &'static str,
        document: &'static str,
    },
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// One output format.
pub trait Renderer {
    fn render(
        &self,
        cx: &Context<'_>,
        doc: &Document<'_>,
        out: &mut dyn Write,
    ) -> Result<(), RenderError>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// Comma-separated values, one row per unit.
    Csv,
    /// JSON (schema_version 1).
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// The format a file name implies, if any.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "txt" => Some(Format::Table),
            _ => None,
        }
    }

    /// The only place a format becomes a renderer.
    pub fn renderer(self) -> Box<dyn Renderer> {
        match self {
            Format::Table => Box::new(table::TableRenderer),
            Format::Csv => Box::new(csv::CsvRenderer),
            Format::Json => Box::new(json::JsonRenderer),
        }
    }
}

/// Renders into a byte vector (for tests and atomic writes).
pub fn render_to_vec(
    format: Format,
    cx: &Context<'_>,
    doc: &Document<'_>,
) -> Result<Vec<u8>, RenderError> {
    let mut out = Vec::new();
    format.renderer().render(cx, doc, &mut out)?;
    Ok(out)
}
