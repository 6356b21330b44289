//! The command line, as clap types. Nothing past `app` sees clap.

use std::ffi::OsStr;
use std::path::PathBuf;

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::app::messages::ArgMessage;
use crate::i18n::{Lang, Message};
use crate::load::shipped::SHIPPED;
use crate::report::Format;

const EXIT_CODES: &str = "\
Exit codes / Mã thoát:
  0  success / thành công
  1  a file could not be read or written, or the unit was not found
  2  wrong usage (also a set that is neither a file nor a shipped id),
     or a file that may not be replaced (not a report of
     wardscore, without --force; an input of the run; a name in a format
     wardscore does not write) / sai cú pháp lệnh, hoặc tệp không được
     ghi đè (không phải báo cáo của wardscore mà thiếu --force; tệp đầu
     vào; tên tệp có đuôi định dạng wardscore không ghi được)
  3  the criteria file or the data was rejected; every problem is listed";

#[derive(Debug, Parser)]
#[command(
    name = "wardscore",
    version,
    about = "Score wards and communes against model criteria; rank and rate them exactly.\n\
             Chấm điểm, xếp loại và xếp hạng công an phường, xã theo bộ tiêu chí.",
    after_long_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Language of labels and messages (default: the criteria set's
    /// language; help and usage errors: English). vi-VN and en-US are
    /// accepted too.
    #[arg(
        long,
        global = true,
        value_enum,
        ignore_case = true,
        env = "WARDSCORE_LANG"
    )]
    pub lang: Option<LangArg>,

    /// Colour in terminal tables: auto (on a terminal, unless NO_COLOR is
    /// set), always or never. Marks in the text (✗, ↓, ⚠) never depend on it.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// Print errors only (no confirmations, no progress).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also print what was detected: encoding, delimiter, decimal style,
    /// rows and columns read, the criteria file's hash.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// How many threads a run may use (default: the machine's cores); 1
    /// reads, scores and writes one step after another.
    #[arg(
        short = 'j',
        long,
        global = true,
        value_name = "N",
        value_parser = parse_threads
    )]
    pub threads: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    #[value(alias = "vi-VN", alias = "vi_VN")]
    Vi,
    #[value(alias = "en-US", alias = "en_US", alias = "en-GB", alias = "en_GB")]
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a criteria set and, if given, a data file; list unused columns.
    #[command(
        after_help = "Example:\n  wardscore check cong-an-phuong-kieu-mau examples/cua-lo-2023.csv"
    )]
    Check {
        #[arg(help = criteria_help(), value_parser = CriteriaParser, hide_possible_values = true)]
        criteria: String,
        /// Unit data (CSV or XLSX/ODS), or a folder; `-` reads standard input.
        data: Option<PathBuf>,
        /// More data files, or folders: checked together, as `collect`
        /// reads them (conflicts between files are errors).
        more: Vec<PathBuf>,
        #[command(flatten)]
        input: DataOptions,
    },
    /// Score, rate and rank every unit.
    #[command(
        after_help = "Examples:\n  wardscore score cong-an-phuong-kieu-mau examples/cua-lo-2023.csv\n  wardscore score thi-dua-cuoi-nam examples/thi-dua-2023.csv -f json -o ket-qua.json"
    )]
    Score {
        #[arg(help = criteria_help(), value_parser = CriteriaParser, hide_possible_values = true)]
        criteria: String,
        /// Unit data (CSV or XLSX/ODS), or a folder; `-` reads standard input.
        /// Not given with --stage.
        #[arg(required_unless_present = "stage")]
        data: Option<PathBuf>,
        /// More data files, or folders: scored together, as `collect` reads
        /// them (conflicts between files are errors).
        more: Vec<PathBuf>,
        #[command(flatten)]
        input: DataOptions,
        #[command(flatten)]
        output: OutputOptions,
        #[command(flatten)]
        profile: ProfileOptions,
        #[command(flatten)]
        what_if: WhatIf,
    },
    /// Explain one unit's score criterion by criterion, and what it needs for the next rating.
    #[command(
        after_help = "Example:\n  wardscore explain cong-an-phuong-kieu-mau examples/cua-lo-2023.csv \"Nghi Hương\""
    )]
    Explain {
        #[arg(help = criteria_help(), value_parser = CriteriaParser, hide_possible_values = true)]
        criteria: String,
        /// Unit data (CSV or XLSX/ODS); `-` reads standard input. With
        /// --stage, give only the unit: `explain CRITERIA UNIT --stage …`.
        data: PathBuf,
        /// The unit's id or name.
        unit: Option<String>,
        #[command(flatten)]
        input: DataOptions,
        #[command(flatten)]
        output: OutputOptions,
        #[command(flatten)]
        profile: ProfileOptions,
        #[command(flatten)]
        what_if: WhatIf,
    },
    /// Compare periods (or self-assessed vs appraised), or versions of the rules.
    #[command(
        after_help = "Examples:\n  wardscore compare thi-dua-cuoi-nam examples/thi-dua-2023.csv examples/thi-dua-2024.csv\n  wardscore compare thi-dua-cuoi-nam tu-cham.csv tham-dinh.csv --labels \"Tự chấm,Thẩm định\"\n  wardscore compare --criteria old.toml --criteria new.toml data.csv\n  wardscore compare thi-dua-cuoi-nam data.csv --set HTXS.min_score=85\n  wardscore compare thi-dua-cuoi-nam a.csv b.csv --unit \"Nghi Thu\"\n  wardscore compare cong-an-phuong-kieu-mau 2024.csv 2025.csv --lineage sap-nhap.csv"
    )]
    Compare {
        /// CRITERIA then two or more DATA files; or, with --criteria, one DATA file.
        #[arg(required = true)]
        files: Vec<String>,
        /// A criteria set to compare (give two or more; then one data file).
        #[arg(long = "criteria", value_name = "CRITERIA", value_parser = CriteriaParser, hide_possible_values = true)]
        criteria: Vec<String>,
        /// Names for the columns, comma-separated (default: the file names).
        #[arg(long, value_delimiter = ',', value_parser = non_empty_label)]
        labels: Vec<String>,
        /// One unit's criteria side by side, by id or name.
        #[arg(long)]
        unit: Option<String>,
        /// Units merged between the periods (sáp nhập): a CSV with the
        /// columns old_id,new_id. Each new unit is shown beside the old
        /// units it came from, their earlier scores side by side.
        #[arg(long, value_name = "FILE")]
        lineage: Option<PathBuf>,
        #[command(flatten)]
        input: DataOptions,
        #[command(flatten)]
        output: OutputOptions,
        #[command(flatten)]
        what_if: WhatIf,
    },
    /// How stable ratings and places are when points and thresholds vary.
    #[command(
        after_help = "Example:\n  wardscore sensitivity thi-dua-cuoi-nam examples/thi-dua-2023.csv --runs 1000 --seed 7 --vary points=10% --vary thresholds=2%"
    )]
    Sensitivity {
        #[arg(help = criteria_help(), value_parser = CriteriaParser, hide_possible_values = true)]
        criteria: String,
        /// Unit data (CSV or XLSX/ODS); `-` reads standard input. Not
        /// given with --stage.
        #[arg(required_unless_present = "stage")]
        data: Option<PathBuf>,
        /// How many perturbed rescorings (1 to 100000).
        #[arg(
            long,
            default_value_t = 1000,
            value_parser = parse_runs
        )]
        runs: u32,
        /// Seed of the random perturbations (same seed, same result).
        #[arg(long, default_value_t = 1, value_parser = parse_seed)]
        seed: u64,
        /// What varies and by how much: points=SHARE (each criterion's
        /// points; 10% unless given) and thresholds=SHARE (each rating's
        /// min_score; 0% unless given). Repeatable.
        #[arg(long, value_name = "WHAT=SHARE")]
        vary: Vec<String>,
        /// Flag units whose rating or first place changes in more than this
        /// share of runs.
        #[arg(long, default_value = "10%")]
        flag: String,
        #[command(flatten)]
        input: DataOptions,
        #[command(flatten)]
        output: OutputOptions,
        #[command(flatten)]
        what_if: WhatIf,
    },
    /// Write an empty data-entry file (.csv or .xlsx) for a criteria set.
    #[command(
        after_help = "Examples:\n  wardscore template thi-dua-cuoi-nam -o nhap-lieu.xlsx\n  wardscore template my-set.toml -o nhap-lieu.csv"
    )]
    Template {
        #[arg(help = criteria_help(), value_parser = CriteriaParser, hide_possible_values = true)]
        criteria: String,
        /// The file to write; its extension (.xlsx or .csv) picks the format.
        /// An existing file is not replaced: it may hold data.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace an existing file at -o (never the criteria file).
        #[arg(long)]
        force: bool,
    },
    /// Put many wards' data files (files, folders, *.xlsx) into one checked
    /// file with where each unit came from; conflicts stop it.
    #[command(
        after_help = "Examples:\n  wardscore collect thi-dua-cuoi-nam phuong/ -o tong-hop.xlsx\n  wardscore collect thi-dua-cuoi-nam 'phuong/*.csv' cum-2.xlsx -o tong-hop.csv --keep last"
    )]
    Collect(CollectCommand),
    /// Start a criteria set of your own from a shipped one (an editable, commented copy).
    #[command(
        after_help = "Example:\n  wardscore init --from thi-dua-cuoi-nam -o bo-tieu-chi-2025.toml\n  wardscore check bo-tieu-chi-2025.toml"
    )]
    Init {
        #[arg(
            long,
            value_name = "ID",
            help = format!("The shipped set to start from: {}.", shipped_ids()),
            value_parser = CriteriaParser,
            hide_possible_values = true
        )]
        from: String,
        /// Where to write it (an existing file is not replaced).
        #[arg(short, long)]
        output: PathBuf,
        /// Replace an existing file at -o.
        #[arg(long)]
        force: bool,
    },
    /// Print shell completions (bash, zsh, fish, powershell, elvish).
    #[command(
        after_help = "Example:\n  wardscore completions bash > ~/.local/share/bash-completion/completions/wardscore"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. for `man -l -`.
    #[command(after_help = "Example:\n  wardscore man | man -l -")]
    Man,
    /// Print the JSON Schema (draft 2020-12) of every `-f json` output.
    #[command(after_help = "Example:\n  wardscore schema > wardscore-v1.schema.json")]
    Schema,
    /// Show the criteria set itself as a readable table.
    #[command(after_help = "Example:\n  wardscore criteria thi-dua-cuoi-nam")]
    Criteria {
        #[arg(help = criteria_help(), value_parser = CriteriaParser, hide_possible_values = true)]
        criteria: String,
        #[command(flatten)]
        output: OutputOptions,
    },
}

/// What-if changes to the criteria set.
#[derive(Debug, Clone, Args)]
pub struct WhatIf {
    /// Change a value of the criteria set for this run: ID.FIELD=VALUE for a
    /// criterion (points, pass, min, max, zero, full), gate (min, max, zero,
    /// full), rating (min_score, min_met, quota) or adjustment (per, cap);
    /// or bonus_cap=, deduction_cap=. Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

/// How to read the data file.
#[derive(Debug, Clone, Args)]
pub struct DataOptions {
    /// Field delimiter: `,` `;` tab or `|`; when not given, `,` `;` or tab is detected from the header line (`|` must be given).
    #[arg(long, value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Decimal separator; detected when the file is unambiguous. Naming it also
    /// allows thousands separators (1.234,5).
    #[arg(long, value_enum)]
    pub decimal: Option<DecimalArg>,
    /// Text encoding of a file without a byte-order mark, e.g. windows-1258
    /// (default: UTF-8).
    #[arg(long)]
    pub encoding: Option<String>,
    /// The sheet to read from a workbook, hidden or not (default: the first
    /// visible one).
    #[arg(long)]
    pub sheet: Option<String>,
    /// The data of a set whose results the criteria set reads ([[results]]):
    /// PREFIX=DATA, e.g. --result km=kieu-mau.csv. That set is scored on
    /// DATA and its units matched by id. Give one for each prefix (a set it
    /// reads in turn: --result km.x=DATA).
    #[arg(long = "result", value_name = "PREFIX=DATA")]
    pub result: Vec<String>,
    /// The data as review stages left it, instead of DATA: LABEL=FILE,
    /// earliest first, e.g. --stage "Tự chấm=a.xlsx" --stage "Thẩm
    /// định=b.xlsx". Each cell takes the latest stage's value that is not
    /// blank; every unit must be in the first stage. Reports list what a
    /// later stage changed.
    #[arg(long = "stage", value_name = "LABEL=FILE")]
    pub stage: Vec<String>,
    /// Treat warnings about the data (near-duplicate cluster names, clusters
    /// of one unit, duplicate names, extra spaces) as errors: exit 3.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DecimalArg {
    /// 85.5
    Point,
    /// 85,5
    Comma,
}

/// Where and how to write the result.
#[derive(Debug, Clone, Args)]
pub struct OutputOptions {
    /// Output format; inferred from -o's extension (which it must not
    /// contradict), else `table`.
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
    /// Output file; `-` or nothing writes to standard output. An existing
    /// file is replaced only if it is a report wardscore wrote.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Replace the -o file even if it is not a report wardscore wrote
    /// (never an input of the run).
    #[arg(long)]
    pub force: bool,
    /// Do not neutralise spreadsheet formulas (=, +, -, @) in CSV and XLSX
    /// text cells; for pipelines that need the text unchanged.
    #[arg(long)]
    pub raw: bool,
    /// Write CSV without the UTF-8 byte-order mark Excel needs.
    #[arg(long)]
    pub no_bom: bool,
    /// CSV style: standard (`,` and 91.25) or excel-vi (`;` and 91,25, as
    /// Excel opens it directly in a Vietnamese locale).
    #[arg(long, value_enum, default_value_t = CsvStyle::Standard)]
    pub csv_style: CsvStyle,
}

#[derive(Debug, Args)]
pub struct CollectCommand {
    #[arg(help = criteria_help(), value_parser = CriteriaParser, hide_possible_values = true)]
    pub criteria: String,
    /// Data files (CSV, XLSX, ODS; every visible sheet with the id column),
    /// folders, or patterns such as phuong/*.xlsx.
    #[arg(required = true)]
    pub files: Vec<String>,
    /// The combined file to write (.xlsx or .csv). An existing file is not
    /// replaced without --force.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Replace an existing file at -o (never an input).
    #[arg(long)]
    pub force: bool,
    /// The same unit id read twice with different values: keep the first
    /// or the last one read (default: a conflict, nothing written).
    #[arg(long, value_enum)]
    pub keep: Option<KeepArg>,
    #[command(flatten)]
    pub input: DataOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeepArg {
    /// The record read first.
    First,
    /// The record read last (a resent, corrected file given after).
    Last,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvStyle {
    /// `,` between fields, a decimal point: 91.25.
    Standard,
    /// `;` between fields, a decimal comma: 91,25.
    ExcelVi,
}

/// Who issues the report, when, and who signs it (docx, html, md and xlsx
/// headers). Each flag wins over the same key of --profile, which wins over
/// the criteria set's `[set]` keys.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Report details")]
pub struct ProfileOptions {
    /// A report profile (TOML): parent, issuer, number, place, date, period,
    /// signer_title, signer_name, recipients.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Parent agency (cơ quan chủ quản), e.g. "CÔNG AN TỈNH NGHỆ AN".
    #[arg(long, value_name = "TEXT")]
    pub parent: Option<String>,
    /// Issuing agency (cơ quan ban hành).
    #[arg(long, value_name = "TEXT")]
    pub issuer: Option<String>,
    /// Document number (số, ký hiệu), e.g. "125/BC-CATX".
    #[arg(long, value_name = "TEXT")]
    pub number: Option<String>,
    /// Place name (địa danh) of the place-and-date line.
    #[arg(long, value_name = "TEXT")]
    pub place: Option<String>,
    /// Date of the report, 2023-12-15 or 15/12/2023 (default: today in
    /// Vietnam's time, or TZ's when set).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The period assessed, e.g. "năm 2023".
    #[arg(long, value_name = "TEXT")]
    pub period: Option<String>,
    /// The signer's title, with its KT./TM. prefix, e.g. "KT. TRƯỞNG CÔNG AN".
    #[arg(long, value_name = "TEXT")]
    pub signer_title: Option<String>,
    /// The signer's name.
    #[arg(long, value_name = "TEXT")]
    pub signer_name: Option<String>,
    /// A recipient (nơi nhận); repeat for each.
    #[arg(long = "recipient", value_name = "TEXT")]
    pub recipients: Vec<String>,
}

/// The help of every CRITERIA argument, naming the shipped sets.
pub fn criteria_help() -> String {
    format!(
        "Criteria file (TOML), or the id of a shipped set: {}.",
        shipped_ids()
    )
}

/// The shipped sets' ids, comma-separated.
pub fn shipped_ids() -> String {
    let ids: Vec<&str> = SHIPPED.iter().map(|(id, _, _)| *id).collect();
    ids.join(", ")
}

/// Any text (a path to a criteria file); the shipped ids are offered to
/// shell completion, but nothing else is refused here: `load` decides.
#[derive(Debug, Clone, Copy)]
pub struct CriteriaParser;

impl TypedValueParser for CriteriaParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            SHIPPED.iter().map(|(id, _, _)| PossibleValue::new(*id)),
        ))
    }
}

/// Why a value was refused, a message of the app's catalogue: the usage
/// error is shown in the user's language (see `app::usage`). Displays in
/// English, as clap's own errors do.
#[derive(Debug)]
pub struct ValueError(pub(crate) ArgMessage);

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.words(Lang::En))
    }
}

impl std::error::Error for ValueError {}

fn non_empty_label(s: &str) -> Result<String, ValueError> {
    let s = s.trim();
    if s.is_empty() {
        Err(ValueError(ArgMessage::EmptyLabel))
    } else {
        Ok(s.to_string())
    }
}

fn parse_delimiter(s: &str) -> Result<u8, ValueError> {
    match s {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        "\\t" | "\t" | "tab" => Ok(b'\t'),
        "|" | "pipe" => Ok(b'|'),
        _ => Err(ValueError(ArgMessage::Delimiter)),
    }
}

fn parse_runs(s: &str) -> Result<u32, ValueError> {
    let max = crate::engine::sensitivity::MAX_RUNS;
    match s.trim().parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(ValueError(ArgMessage::WholeNumber { max: max.into() })),
    }
}

fn parse_threads(s: &str) -> Result<u16, ValueError> {
    match s.trim().parse::<u16>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(ValueError(ArgMessage::WholeNumber {
            max: u16::MAX.into(),
        })),
    }
}

fn parse_seed(s: &str) -> Result<u64, ValueError> {
    s.trim()
        .parse::<u64>()
        .map_err(|_| ValueError(ArgMessage::Seed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
