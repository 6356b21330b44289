//! Wiring: command-line arguments → load → engine → report → output.
//! The only module that touches files, standard streams, the clock and exit
//! codes.

use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use anyhow::{Context as _, anyhow};
use sha2::{Digest, Sha256};

use crate::cli::{
    Cli, Command, DataOptions, DecimalArg, LangArg, OutputOptions, ProfileOptions, WhatIf,
};
use crate::collate::VietnameseOrder;
use crate::engine;
use crate::engine::compact::{CompactScoring, score_alongside};
use crate::i18n::{Lang, Message, Said, in_language};
use crate::load::data::{
    DecimalChoice, ReadError, ReadInfo, ReadOptions, ReadPlan, UnitSink, read_data_planned,
    read_data_with_info,
};
use crate::load::overrides::apply_overrides;
use crate::load::problem::suggest;
use crate::load::split::{self, Cut};
use crate::load::text::{DecimalStyle, label_key, normalize, unaccented_key};
use crate::load::{Rejected, parse_criteria, shipped};
use crate::model::{CriteriaSet, Dataset, Keep, Lookup, Profile};
use crate::report::sanitize::for_terminal;
use crate::report::{Context, Document, Format, RenderError, Stamp, template_xlsx};

mod check;
mod collect;
mod compare;
mod criteria;
mod criteria_file;
mod destination;
mod details;
mod env;
mod explain;
mod help_vi;
mod inputs;
pub(crate) mod messages;
mod meta;
mod new_files;
mod pipeline;
mod profile;
mod results;
mod score;
mod sensitivity;
mod stages;
mod stamp;
mod two_parts;
pub mod usage;
mod warnings;
use check::check_summary;
use criteria_file::read_criteria_file;
use destination::{Destination, Inputs};
use details::Detail;
use env::{Env, Ui};
use explain::{find_unit, lookup_unit};
use inputs::*;
use messages::{ArgMessage, FileMessage, RunMessage, SetMessage};
use new_files::{init_command, template_command};
use profile::{context, resolve_profile, set_profile};
use results::{LinkedSet, ScoredSource};
use stamp::*;
use two_parts::score_in_two_parts;

/// At most this many problems are printed; the rest are counted.
const SHOWN_PROBLEMS: usize = 100;

/// Why a run failed, and so its exit code.
#[derive(Debug)]
pub enum Failure {
    /// Exit 3: the input was rejected; every problem is listed.
    Rejected(Rejected),
    /// Exit 2: the command line asks for something that cannot be done.
    Usage(anyhow::Error),
    /// Exit 1: a file could not be read or written, or similar.
    Runtime(anyhow::Error),
}

impl Failure {
    /// Exit 2, with `message` worded in the run's language where it ends.
    fn usage(message: impl Message + Send + Sync + 'static) -> Failure {
        Failure::Usage(Said::new(message).into())
    }

    /// Exit 1, with `message` worded in the run's language where it ends.
    fn runtime(message: impl Message + Send + Sync + 'static) -> Failure {
        Failure::Runtime(Said::new(message).into())
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Runtime(e)
    }
}

impl From<Rejected> for Failure {
    fn from(r: Rejected) -> Self {
        Failure::Rejected(r)
    }
}

/// A unit of `data` whose score no decimal holds: the data is rejected
/// (exit 3), and nothing is ranked.
fn score_refused(data: &Path) -> impl FnOnce(engine::ScoreOverflow) -> Failure + '_ {
    move |overflow| {
        let problem = crate::load::Problem::new(display_path(data), overflow);
        Failure::Rejected(vec![problem].into())
    }
}

/// Runs the command and turns the outcome into an exit code, printing errors.
pub fn main(cli: Cli) -> ExitCode {
    pipeline::use_threads(cli.threads);
    let mut env = Env::decide(&cli, cli.lang.map(lang_of));
    let outcome = run(&cli, &mut env);
    // In the language the run settled on, however far it got.
    let lang = env.lang();
    let mut err = io::stderr().lock();
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Rejected(rejected)) => {
            for p in rejected.problems.iter().take(SHOWN_PROBLEMS) {
                let _ = writeln!(err, "{}", p.display(lang));
            }
            let total = rejected.total();
            if total > SHOWN_PROBLEMS {
                let rest = total - SHOWN_PROBLEMS;
                let _ = writeln!(err, "{}", RunMessage::MoreProblems { rest }.words(lang));
            }
            let said = match cli.command {
                Command::Collect(_) => RunMessage::ProblemsTotalNothingWritten { total },
                _ => RunMessage::ProblemsTotal { total },
            };
            let _ = writeln!(err, "{}", said.words(lang));
            ExitCode::from(3)
        }
        Err(Failure::Runtime(e)) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        // A message may quote a unit's name or a path: shown escaped.
        Err(Failure::Usage(e)) => {
            let e = for_terminal(&in_language(&e, lang)).into_owned();
            let _ = writeln!(err, "{}: {e}", RunMessage::ErrorLabel.words(lang));
            ExitCode::from(2)
        }
        Err(Failure::Runtime(e)) => {
            let e = for_terminal(&in_language(&e, lang)).into_owned();
            let _ = writeln!(err, "{}: {e}", RunMessage::ErrorLabel.words(lang));
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn lang_of(arg: LangArg) -> Lang {
    match arg {
        LangArg::Vi => Lang::Vi,
        LangArg::En => Lang::En,
    }
}

/// `env` holds the user's choice of language, and takes the criteria
/// set's once it is read when there was none, so error messages follow it
/// too.
fn run(cli: &Cli, env: &mut Env) -> Result<(), Failure> {
    stages::refuse_data_with_stages(&cli.command)?;
    match &cli.command {
        many if collect::many_files(many) => collect::run_many(many, env),
        Command::Check {
            criteria,
            data,
            input,
            ..
        } => check::run(criteria, data.as_deref(), input, env),
        Command::Score {
            criteria,
            data,
            input,
            output,
            profile,
            what_if,
            ..
        } => {
            let data = stages::data_or_stages(data.as_deref(), input);
            score::run(criteria, &data, input, output, profile, what_if, env)
        }
        Command::Explain {
            criteria,
            data,
            unit,
            input,
            output,
            profile,
            what_if,
        } => {
            // With --stage the one positional argument is the unit.
            let (data, unit) = match unit {
                Some(unit) => (data.clone(), unit.clone()),
                None if !input.stage.is_empty() => (
                    stages::staged_path(input),
                    data.to_string_lossy().into_owned(),
                ),
                None => {
                    return Err(Failure::usage(ArgMessage::UnitMissing));
                }
            };
            explain::run(criteria, &data, &unit, input, output, profile, what_if, env)
        }
        Command::Compare {
            files,
            criteria,
            labels,
            unit,
            lineage,
            input,
            output,
            what_if,
        } => compare::run(
            files,
            criteria,
            labels,
            unit.as_deref(),
            lineage.as_deref(),
            input,
            output,
            what_if,
            env,
        ),
        Command::Sensitivity {
            criteria,
            data,
            runs,
            seed,
            vary,
            flag,
            input,
            output,
            what_if,
        } => sensitivity::run(
            criteria,
            &stages::data_or_stages(data.as_deref(), input),
            *runs,
            *seed,
            vary,
            flag,
            input,
            output,
            what_if,
            env,
        ),
        Command::Init {
            from,
            output,
            force,
        } => init_command(from, output, *force, env),
        Command::Completions { shell } => meta::completions(*shell),
        Command::Man => meta::man(),
        Command::Schema => meta::schema(),
        Command::Criteria { criteria, output } => criteria::run(criteria, output, env),
        Command::Template {
            criteria,
            output,
            force,
        } => template_command(criteria, output, *force, env),
        Command::Collect(c) => collect::collect_command(c, env),
    }
}

fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .with_context(|| Said::new(FileMessage::CannotWriteStdout))?;
    Ok(())
}
