use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = wardscore::cli::Cli::parse();
    wardscore::app::main(cli)
}
