use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = wardscore::app::usage::parse_args(std::env::args_os());
    wardscore::app::main(cli)
}
