//! Running the binary and reading what it did.

use std::path::PathBuf;

use assert_cmd::Command;

/// The package root (where `criteria/`, `examples/` and `tests/` live).
/// 2025-11-26T00:00:00Z, the generation time of every report in the tests.
pub(crate) const SOURCE_DATE_EPOCH: &str = "1764115200";

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, started in the package root with no language from the environment.
pub(crate) fn wardscore() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("wardscore");
    cmd.current_dir(root());
    cmd.env_remove("WARDSCORE_LANG");
    // Tables are fitted to COLUMNS when it is set; tests that want it say so.
    cmd.env_remove("COLUMNS");
    // Reports carry a generation time; pin it so outputs are reproducible.
    cmd.env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH);
    cmd
}

/// What one run did.
#[derive(Debug)]
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts exit 0 and returns stdout.
    #[track_caller]
    pub(crate) fn ok(&self) -> &str {
        assert_eq!(self.code, 0, "stderr:\n{}", self.stderr);
        &self.stdout
    }

    /// Asserts `code` and an empty stdout; returns stderr.
    #[track_caller]
    pub(crate) fn fails(&self, code: i32) -> String {
        assert_eq!(
            self.code, code,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        assert_eq!(self.stdout, "", "nothing may reach stdout on failure");
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self.stderr.clone()
    }
}

pub(crate) fn run(args: &[&str]) -> Run {
    run_with(args, None)
}

pub(crate) fn run_with(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = wardscore();
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    let out = cmd.output().expect("the binary runs");
    Run {
        code: out.status.code().expect("an exit code, not a signal"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

/// The rows of a comfy-table on stdout, as trimmed cells.
pub(crate) fn table_rows(out: &str) -> Vec<Vec<String>> {
    out.lines()
        .filter(|l| l.starts_with('│'))
        .map(|l| {
            l.trim_matches('│')
                .split('┆')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

pub(crate) const CUA_LO: &str = "examples/cua-lo-2023.csv";
pub(crate) const THI_DUA: &str = "examples/thi-dua-2023.csv";
pub(crate) const KIEU_MAU: &str = "cong-an-phuong-kieu-mau";
pub(crate) const THI_DUA_SET: &str = "thi-dua-cuoi-nam";
pub(crate) const SMALL: &str = "tests/fixtures/small.toml";
pub(crate) const SMALL_CSV: &str = "tests/fixtures/small.csv";

/// A data file derived from an example: `edit(column, value)` per listed row id.
pub(crate) fn edited_csv(source: &str, edits: &[(&str, &str, &str)]) -> String {
    let text = std::fs::read_to_string(root().join(source)).expect("example readable");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let mut out = header.join(",");
    out.push('\n');
    for line in lines {
        let mut cells: Vec<String> = line.split(',').map(String::from).collect();
        let id = cells[0].clone();
        for (row, column, value) in edits {
            if *row == id {
                let i = header
                    .iter()
                    .position(|h| h == column)
                    .unwrap_or_else(|| panic!("no column {column}"));
                cells[i] = value.to_string();
            }
        }
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}
