//! Reports: one renderer per format, each a pure function from results to
//! bytes. Nothing here scores; everything here formats.
//! What the renderers say, in both languages, is in [`messages`].

pub mod combined;
#[cfg(test)]
mod compare_samples;
pub mod content;
mod csv;
mod csv_excel_vi;
mod docx;
pub mod filing;
mod html;
mod json;
mod json_compare;
mod json_sensitivity;
mod json_stages;
mod json_units;
mod markdown;
pub mod messages;
mod recognise;
pub mod sanitize;
pub mod table;
pub mod words;
mod xlsx;

use std::io::{self, Read, Seek, Write};

use crate::engine::explain::Explanation;
use crate::i18n::Lang;
use crate::model::{CompactEvaluation, CriteriaSet, Evaluation, Profile, UnitResult};

pub use docx::TooLarge;
pub use json::JSON_SCHEMA;
pub use xlsx::template_xlsx;

/// What to render.
#[derive(Debug, Clone, Copy)]
pub enum Document<'a> {
    /// Every unit, ranked and rated, in the one result store; what it
    /// keeps is what the format needs ([`Format::keeps`]).
    Ranking(&'a CompactEvaluation),
    /// One unit, criterion by criterion.
    Explain(&'a UnitResult, &'a Explanation),
    /// The criteria set itself.
    Criteria,
    /// Several periods or rule versions side by side.
    Comparison(&'a crate::engine::compare::Comparison<'a>),
    /// Stability of ratings and places under perturbed rules.
    Sensitivity(&'a crate::engine::sensitivity::Sensitivity),
}

impl Document<'_> {
    /// How many units the document lists (none for the criteria set).
    pub fn units(&self) -> usize {
        match self {
            Document::Ranking(eval) => eval.units.len(),
            Document::Explain(..) => 1,
            Document::Criteria => 0,
            Document::Comparison(c) => c.units.len(),
            Document::Sensitivity(s) => s.units.len(),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Document::Ranking(_) => "score",
            Document::Explain(..) => "explain",
            Document::Criteria => "criteria",
            Document::Comparison(_) => "compare",
            Document::Sensitivity(_) => "sensitivity",
        }
    }
}

/// Every unit of a ranking in full, read through the store's view
/// ([`CompactEvaluation::in_full`]) and held at once: only for what lays out
/// every unit together. Word (up to its bound, `docx/bound.rs`) and the HTML page
/// (with a unit's detail up to a few hundred units) are built whole by
/// their libraries before a byte is written; the workbook is moving to a
/// streamed writer. JSON, CSV, Markdown and the terminal table (which
/// measures its columns in a first pass) read the view unit by unit.
pub(crate) fn in_full(
    set: &CriteriaSet,
    eval: &CompactEvaluation,
) -> Result<Evaluation, RenderError> {
    Ok(eval.every_unit_in_full(set)?)
}

/// What produced a report, so a printed ranking can be traced back to its
/// exact inputs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stamp {
    /// `wardscore 0.1.0`.
    pub tool: String,
    pub set_id: String,
    pub criteria_file: String,
    /// Where each criteria set came from, as a reader is told it (a
    /// shipped set is "có sẵn" in Vietnamese): one, or one per version of
    /// a comparison. JSON keeps `criteria_file`.
    #[serde(skip)]
    pub criteria_sources: Vec<SetSource>,
    pub criteria_sha256: String,
    pub data_file: Option<String>,
    pub data_sha256: Option<String>,
    /// What-if changes (`--set`) the results were computed with.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<String>,
    /// RFC 3339, UTC; from `SOURCE_DATE_EPOCH` when set.
    pub generated_at: String,
    /// The other sets whose results were read (`[[results]]`), each with
    /// its data; absent from JSON when none, so other reports are unchanged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<ResultStamp>,
    /// The review stages the data came from (`--stage`), earliest first;
    /// absent from JSON when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<crate::model::StageSource>,
    /// Which stage each value came from and what later stages changed.
    /// JSON gives it per unit and criterion, not here.
    #[serde(skip)]
    pub staging: Option<std::sync::Arc<crate::model::Staging>>,
}

impl Stamp {
    /// The criteria set and the data as a command that reads them again
    /// takes them: the set's file as it was given (or a shipped set's id),
    /// and the data file, each quoted for the shell where it must be.
    pub fn inputs_as_arguments(&self) -> (String, String) {
        let set = self
            .criteria_sources
            .first()
            .map_or(self.set_id.as_str(), |s| s.as_argument(&self.set_id));
        // Without a data file, a place for one to fill in, not quoted.
        let data = self
            .data_file
            .as_deref()
            .map_or_else(|| "…".to_string(), words::shell_word);
        (words::shell_word(set), data)
    }
}

/// Where a criteria set was read from: a file's path, or a shipped set's
/// id (worded by `content::messages::SetSourceWords`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetSource {
    pub name: String,
    pub built_in: bool,
}

impl SetSource {
    /// The set as a command takes it: a file by its path, a shipped set by
    /// its id (`id`), which runs wherever the tool is installed.
    pub fn as_argument<'a>(&'a self, id: &'a str) -> &'a str {
        if self.built_in { id } else { &self.name }
    }
}

/// One other set read through `[[results]]`, and the data it was scored on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ResultStamp {
    /// `km`; a set read by that one in turn is `km.x`.
    pub prefix: String,
    pub set_id: String,
    pub criteria_file: String,
    /// As [`Stamp::criteria_sources`].
    #[serde(skip)]
    pub criteria_source: SetSource,
    pub criteria_sha256: String,
    pub data_file: String,
    pub data_sha256: String,
}

#[cfg(test)]
mod stamp_tests {
    use super::*;

    /// What commands ask before any work ([`Format::writes`]) is what each
    /// renderer does: it writes exactly the documents the table says.
    #[test]
    fn every_format_writes_the_documents_it_says_it_writes() {
        let (file, text) = crate::load::shipped::find("thi-dua-cuoi-nam").expect("shipped");
        let set = crate::load::parse_criteria(file, text).expect("loads");
        let table = crate::load::table::read_csv(
            "thi-dua-2023.csv",
            include_str!("../../examples/thi-dua-2023.csv"),
            None,
        )
        .expect("csv");
        let data = crate::load::data::bind(&set, &table, Default::default()).expect("binds");
        let order = crate::collate::VietnameseOrder::new();
        let ranked =
            crate::engine::compact::rank_dataset(&set, &data, crate::model::Keep::Values, &order)
                .expect("scores");
        let full = crate::engine::evaluate(&set, &data, &order).expect("scores");
        let unit = &full.units[0];
        let why = crate::engine::explain::explain(&set, unit);
        let stability = crate::engine::sensitivity::sensitivity(
            &set,
            &data,
            &order,
            2,
            1,
            Default::default(),
            rust_decimal::Decimal::ONE,
            &|_| {},
        )
        .expect("runs");
        let stamp = Stamp::for_tests();
        let cx = Context {
            profile: &crate::model::Profile::default(),
            set: &set,
            lang: Lang::Vi,
            stamp: &stamp,
            options: Options::default(),
        };
        for doc in [
            Document::Ranking(&ranked),
            Document::Explain(unit, &why),
            Document::Criteria,
            Document::Sensitivity(&stability),
        ] {
            for format in Format::ALL {
                let refused = matches!(
                    render_to_vec(format, &cx, &doc),
                    Err(RenderError::Unsupported { .. })
                );
                assert_eq!(
                    !refused,
                    format.writes(doc.kind()),
                    "{} {}",
                    format.name(),
                    doc.kind()
                );
            }
        }
        assert_eq!(
            Format::writing("explain"),
            ["table", "json", "md", "html", "xlsx", "docx"]
        );
        assert_eq!(
            Format::writing("compare"),
            ["table", "csv", "json", "md", "html", "xlsx"]
        );
    }

    #[test]
    fn a_suggested_command_names_a_file_by_its_path_and_a_shipped_set_by_its_id() {
        let mut stamp = Stamp::for_tests();
        stamp.data_file = Some("số liệu/2023.csv".into());
        assert_eq!(
            stamp.inputs_as_arguments(),
            (
                "criteria/thi-dua-cuoi-nam.toml".to_string(),
                "'số liệu/2023.csv'".to_string()
            )
        );
        // A shipped set runs by its id wherever the tool is installed.
        stamp.criteria_sources[0].built_in = true;
        assert_eq!(stamp.inputs_as_arguments().0, "thi-dua-cuoi-nam");
        stamp.data_file = None;
        assert_eq!(stamp.inputs_as_arguments().1, "…");
    }
}

#[cfg(test)]
impl Stamp {
    /// A fixed stamp for renderer tests.
    pub(crate) fn for_tests() -> Stamp {
        Stamp {
            tool: "wardscore 0.0.0-test".into(),
            set_id: "thi-dua-cuoi-nam".into(),
            criteria_file: "criteria/thi-dua-cuoi-nam.toml".into(),
            criteria_sources: vec![SetSource {
                name: "criteria/thi-dua-cuoi-nam.toml".into(),
                built_in: false,
            }],
            criteria_sha256: "c0ffee".repeat(10),
            data_file: Some("examples/thi-dua-2023.csv".into()),
            data_sha256: Some("da7a".repeat(16)),
            overrides: Vec::new(),
            generated_at: "2024-01-02T03:04:05Z".into(),
            results: Vec::new(),
            stages: Vec::new(),
            staging: None,
        }
    }
}

/// Switches that change how a format writes, not what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Neutralise spreadsheet formulas in CSV and XLSX text cells.
    pub sanitize: bool,
    /// Start CSV with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
    /// Colour terminal tables (ANSI escapes).
    pub color: bool,
    /// Fit terminal tables to this many columns, wrapping long cells.
    pub width: Option<u16>,
    /// CSV for Excel in a Vietnamese locale: `;` between fields, decimal
    /// commas (`--csv-style excel-vi`).
    pub excel_vi: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sanitize: true,
            bom: true,
            color: false,
            width: None,
            excel_vi: false,
        }
    }
}

/// What every renderer is given besides the document.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub set: &'a CriteriaSet,
    pub lang: Lang,
    pub stamp: &'a Stamp,
    /// Who issues the report, its number, date and signer.
    pub profile: &'a Profile,
    pub options: Options,
}

/// Why a report could not be written. Worded in both languages by the
/// catalogue (`messages::errors`, [`crate::i18n::Message`]); its `Display`
/// is the English words, for logs and error chains.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{}", crate::i18n::Message::words(self, Lang::En))]
    Unsupported {
        format: &'static str,
        document: &'static str,
    },
    #[error("{}", crate::i18n::Message::words(self, Lang::En))]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("{}", crate::i18n::Message::words(self, Lang::En))]
    Template(#[from] minijinja::Error),
    /// A unit re-scored for its details whose score no decimal holds: the
    /// input is at fault, and the run ends as a rejected input (exit 3),
    /// as it would had the overflow been found while ranking.
    #[error(transparent)]
    Score(#[from] crate::model::ScoreOverflow),
    /// A ranking past what the format holds: refused before it is begun.
    #[error(transparent)]
    TooLarge(#[from] TooLarge),
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
    /// Comma-separated values, one row per unit (UTF-8 with BOM for Excel).
    Csv,
    /// JSON (schema_version 1).
    Json,
    /// GitHub-flavoured Markdown.
    Md,
    /// One self-contained HTML page with charts, ready to print.
    Html,
    /// An Excel workbook.
    Xlsx,
    /// A Word document an office can file (Nghị định 30 layout): a report
    /// with its annexes for `score`, a scoring sheet for `explain`.
    Docx,
}

/// What a report needs of the run that feeds it, so that the run does no
/// work the report does not show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// What the one result store keeps of each unit.
    pub keep: crate::model::Keep,
    /// The data file's SHA-256, which the report's stamp shows.
    pub data_hash: bool,
}

impl Format {
    /// Every format, in the order `-f` lists them.
    pub const ALL: [Format; 7] = [
        Format::Table,
        Format::Csv,
        Format::Json,
        Format::Md,
        Format::Html,
        Format::Xlsx,
        Format::Docx,
    ];

    /// Whether this format writes `document` (a [`Document::kind`]): CSV
    /// has no layout for one unit or for the set itself, and Word only a
    /// report and a scoring sheet; every other format writes them all.
    /// Commands ask before any work is done; renderers refuse the rest.
    pub fn writes(self, document: &str) -> bool {
        match self {
            Format::Csv => !matches!(document, "explain" | "criteria"),
            Format::Docx => matches!(document, "score" | "explain"),
            _ => true,
        }
    }

    /// The formats that write `document`, as `-f` names them.
    pub fn writing(document: &str) -> Vec<&'static str> {
        Format::ALL
            .into_iter()
            .filter(|f| f.writes(document))
            .map(Format::name)
            .collect()
    }

    /// Formats that are not text and must not go to a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Xlsx | Format::Docx)
    }

    /// The format a file name implies, if any.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" => Some(Format::Html),
            "xlsx" => Some(Format::Xlsx),
            "docx" => Some(Format::Docx),
            "txt" => Some(Format::Table),
            _ => None,
        }
    }

    /// What a report in this format needs of the run that feeds it.
    pub fn needs(self) -> Needs {
        Needs {
            // A CSV ranking shows points; every other format shows values,
            // and re-scores each unit's detail from them.
            keep: match self {
                Format::Csv => crate::model::Keep::Points,
                _ => crate::model::Keep::Values,
            },
            // A CSV ranking and a terminal table have no stamp.
            data_hash: !matches!(self, Format::Csv | Format::Table),
        }
    }

    /// The name `-f` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Md => "md",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
        }
    }

    /// The extension a file in this format is named with.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Table => "txt",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Md => "md",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
        }
    }

    /// Whether `existing` is a report this tool wrote in this format, as
    /// its content shows: the stamp or marker its renderer writes, or for
    /// CSV and the terminal table (which carry none) the shape only they
    /// have. The only place each format is recognised. Reads at most the
    /// first and last `recognise::WITHIN` bytes; anything unreadable is
    /// not recognised.
    pub fn wrote<R: Read + Seek>(self, existing: &mut R) -> bool {
        recognise::wrote(self, existing)
    }

    /// The only place a format becomes a renderer.
    pub fn renderer(self) -> Box<dyn Renderer> {
        match self {
            Format::Table => Box::new(table::TableRenderer),
            Format::Csv => Box::new(csv::CsvRenderer),
            Format::Json => Box::new(json::JsonRenderer),
            Format::Md => Box::new(markdown::MarkdownRenderer),
            Format::Html => Box::new(html::HtmlRenderer),
            Format::Xlsx => Box::new(xlsx::XlsxRenderer),
            Format::Docx => Box::new(docx::DocxRenderer),
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
