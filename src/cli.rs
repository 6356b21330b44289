//! The command line, as clap types. Nothing past `app` sees clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::Format;

const EXIT_CODES: &str = "\
Exit codes / Mã thoát:
  0  success / thành công
  1  a file could not be read or written, or the unit was not found
  2  wrong usage / sai cú pháp lệnh
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

    /// Language of labels and messages (default: the criteria set's language).
    #[arg(long, global = true, value_enum, env = "WARDSCORE_LANG")]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a criteria set and, if given, a data file; list unused columns.
    #[command(
        after_help = "Example:\n  wardscore check cong-an-phuong-kieu-mau examples/cua-lo-2023.csv"
    )]
    Check {
        /// Criteria file (TOML), or the id of a shipped set.
        criteria: String,
        /// Unit data (CSV or XLSX/ODS); `-` reads standard input.
        data: Option<PathBuf>,
        #[command(flatten)]
        input: DataOptions,
    },
    /// Score, rate and rank every unit.
    #[command(
        after_help = "Examples:\n  wardscore score cong-an-phuong-kieu-mau examples/cua-lo-2023.csv\n  wardscore score thi-dua-cuoi-nam examples/thi-dua-2023.csv -f json -o ket-qua.json"
    )]
    Score {
        /// Criteria file (TOML), or the id of a shipped set.
        criteria: String,
        /// Unit data (CSV or XLSX/ODS); `-` reads standard input.
        data: PathBuf,
        #[command(flatten)]
        input: DataOptions,
        #[command(flatten)]
        output: OutputOptions,
    },
    /// Explain one unit's score criterion by criterion, and what it needs for the next rating.
    #[command(
        after_help = "Example:\n  wardscore explain cong-an-phuong-kieu-mau examples/cua-lo-2023.csv \"Nghi Hương\""
    )]
    Explain {
        /// Criteria file (TOML), or the id of a shipped set.
        criteria: String,
        /// Unit data (CSV or XLSX/ODS); `-` reads standard input.
        data: PathBuf,
        /// The unit's id or name.
        unit: String,
        #[command(flatten)]
        input: DataOptions,
        #[command(flatten)]
        output: OutputOptions,
    },
    /// Write an empty data-entry file (.csv or .xlsx) for a criteria set.
    #[command(
        after_help = "Examples:\n  wardscore template thi-dua-cuoi-nam -o nhap-lieu.xlsx\n  wardscore template my-set.toml -o nhap-lieu.csv"
    )]
    Template {
        /// Criteria file (TOML), or the id of a shipped set.
        criteria: String,
        /// The file to write; its extension (.xlsx or .csv) picks the format.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Show the criteria set itself as a readable table.
    #[command(after_help = "Example:\n  wardscore criteria thi-dua-cuoi-nam")]
    Criteria {
        /// Criteria file (TOML), or the id of a shipped set.
        criteria: String,
        #[command(flatten)]
        output: OutputOptions,
    },
}

/// How to read the data file.
#[derive(Debug, Clone, Args)]
pub struct DataOptions {
    /// Field delimiter; detected from the header line (`,` `;` or tab) when not given.
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
    /// The sheet to read from a workbook (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
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
    /// Output format; inferred from -o's extension, else `table`.
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
    /// Output file; `-` or nothing writes to standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Do not neutralise spreadsheet formulas (=, +, -, @) in CSV and XLSX
    /// text cells; for pipelines that need the text unchanged.
    #[arg(long)]
    pub raw: bool,
    /// Write CSV without the UTF-8 byte-order mark Excel needs.
    #[arg(long)]
    pub no_bom: bool,
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        "\\t" | "\t" | "tab" => Ok(b'\t'),
        "|" | "pipe" => Ok(b'|'),
        _ => Err("use one of: , ; tab |".to_string()),
    }
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
