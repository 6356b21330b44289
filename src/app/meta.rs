//! The commands about the tool itself: shell completions, the manual page
//! and the JSON Schema of its JSON output.

use super::*;

pub(super) fn completions(shell: clap_complete::Shell) -> Result<(), Failure> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "wardscore", &mut out);
    write_stdout(&out)
}

pub(super) fn man() -> Result<(), Failure> {
    let command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .context("cannot render the manual page")?;
    write_stdout(&out)
}

/// The schema of `schema_version` 1, as docs/json-schema.md describes it.
pub(super) fn schema() -> Result<(), Failure> {
    write_stdout(crate::report::JSON_SCHEMA.as_bytes())
}
