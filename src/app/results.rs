//! `[[results]]` and `--result PREFIX=DATA`: loading the sets a set reads
//! (and the ones those read, refusing circles), scoring each on its own
//! data with the same engine, and filling the reading set's inputs.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::messages::{
    ArgMessage, FileMessage, ResultWanted, RunMessage, SetMessage, UnknownSetWhy,
};
use super::{
    DataFile, Env, Failure, LoadedSet, check_summary, display_path, load_data, score_refused,
    sha256_hex, unknown_set,
};
use crate::cli::DataOptions;
use crate::collate::VietnameseOrder;
use crate::engine;
use crate::engine::explain::{SourceFigure, SourceUnit};
use crate::i18n::{Lang, Message, Said};
use crate::load::results::{SourceResult, check_link, fill_results};
use crate::load::{Column, Problem, parse_criteria, shipped};
use crate::model::{CriteriaSet, Dataset, Evaluation, IndicatorRef, InputOrigin};
use crate::report::words::shell_word;
use crate::report::{ResultStamp, Stamp};

/// Sets reading one another in a chain, at most: real ones read one or
/// two; a longer chain is a mistake, and files are loaded recursively.
const MAX_CHAIN: usize = 32;

/// A loaded set with the sets it reads, loaded the same way.
pub(super) struct LinkedSet {
    pub loaded: LoadedSet,
    /// How a command line names it: a shipped id or a path.
    pub arg: String,
    /// Indexed like `loaded.set.results`.
    pub sources: Vec<LinkedSet>,
}

/// The criteria files of `linked` and of every set it reads (shipped sets
/// have none): files the run reads, which its output may not replace.
pub(super) fn criteria_files(linked: &LinkedSet) -> Vec<&Path> {
    let mut files: Vec<&Path> = linked.loaded.path().into_iter().collect();
    for source in &linked.sources {
        files.extend(criteria_files(source));
    }
    files
}

/// Where the set a `[[results]]` entry names is.
enum Place {
    File(PathBuf),
    Shipped { id: &'static str },
}

/// What makes two sets the same for circles: the file's canonical path,
/// or the shipped id.
fn identity(place: &Place) -> String {
    match place {
        Place::File(path) => {
            let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            format!("file:{}", path.display())
        }
        Place::Shipped { id } => format!("shipped:{id}"),
    }
}

/// A file beside the reading set's file wins over a shipped set of the
/// same name, as on the command line; a shipped set reads shipped sets.
fn locate(base: Option<&Path>, criteria: &str) -> Option<Place> {
    if let Some(base) = base {
        let path = base.join(criteria);
        if path.is_file() {
            return Some(Place::File(path));
        }
    }
    shipped::ids()
        .find(|id| *id == criteria)
        .map(|id| Place::Shipped { id })
}

fn load_place(place: &Place, env: &Env) -> Result<(LoadedSet, String), Failure> {
    let (text, source, file, shipped, arg) = match place {
        Place::File(path) => {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(path).with_context(|| {
                Said::new(FileMessage::CannotRead {
                    file: shown.clone(),
                })
            })?;
            (text, shown.clone(), Some(path.clone()), None, shown)
        }
        Place::Shipped { id } => {
            let Some((name, text)) = shipped::find(id) else {
                return Err(unknown_set(id, UnknownSetWhy::NotShipped).into());
            };
            (
                text.to_string(),
                format!("{name} (built in)"),
                None,
                Some(name.to_string()),
                id.to_string(),
            )
        }
    };
    let set = parse_criteria(&source, &text)?;
    let sha256 = sha256_hex(text.as_bytes());
    let loaded = LoadedSet {
        set,
        source,
        file,
        shipped,
        sha256,
        overrides: Vec::new(),
    };
    loaded.tell_read(env);
    Ok((loaded, arg))
}

/// Loads every set `loaded` reads, recursively. Every problem in every
/// file (and every circle) is listed at once.
pub(super) fn link(loaded: LoadedSet, arg: &str, env: &Env) -> Result<LinkedSet, Failure> {
    let top_identity = match &loaded.file {
        Some(path) => identity(&Place::File(path.clone())),
        None => format!("shipped:{}", loaded.set.id),
    };
    let mut chain = vec![(top_identity, loaded.set.id.clone())];
    let mut problems = Vec::new();
    let linked = link_from(loaded, arg.to_string(), &mut chain, &mut problems, env)?;
    if !problems.is_empty() {
        return Err(Failure::Rejected(problems.into()));
    }
    Ok(linked)
}

fn link_from(
    loaded: LoadedSet,
    arg: String,
    chain: &mut Vec<(String, String)>,
    problems: &mut Vec<Problem>,
    env: &Env,
) -> Result<LinkedSet, Failure> {
    let base = loaded
        .file
        .as_deref()
        .map(|f| f.parent().unwrap_or(Path::new("")));
    let mut sources = Vec::new();
    for (i, r) in loaded.set.results.iter().enumerate() {
        let at = |message: SetMessage| {
            Problem::new(&loaded.source, message)
                .at_line(r.line)
                .at_column(Column::Number(r.column))
        };
        let c = &r.criteria;
        let Some(place) = locate(base, c) else {
            problems.push(at(SetMessage::ResultsSetNotFound {
                criteria: c.clone(),
                shipped: shipped::ids().map(str::to_string).collect(),
            }));
            continue;
        };
        let id = identity(&place);
        if chain.len() >= MAX_CHAIN {
            problems.push(at(SetMessage::ChainTooLong { max: MAX_CHAIN }));
            continue;
        }
        if let Some(start) = chain.iter().position(|(seen, _)| *seen == id) {
            let sets: Vec<String> = chain[start..]
                .iter()
                .map(|(_, name)| name.clone())
                .chain(std::iter::once(chain[start].1.clone()))
                .collect();
            problems.push(at(SetMessage::Circle { sets }));
            continue;
        }
        let (child, child_arg) = match load_place(&place, env) {
            Ok(child) => child,
            Err(Failure::Rejected(rejected)) => {
                problems.extend(rejected.problems);
                continue;
            }
            Err(other) => return Err(other),
        };
        problems.extend(check_link(&loaded.set, &loaded.source, i, &child.set));
        chain.push((id, child.set.id.clone()));
        let linked = link_from(child, child_arg, chain, problems, env)?;
        chain.pop();
        sources.push(linked);
    }
    Ok(LinkedSet {
        loaded,
        arg,
        sources,
    })
}

/// `--result PREFIX=DATA` arguments, as (prefix, data file).
pub(super) fn result_args(args: &[String]) -> Result<Vec<(String, PathBuf)>, Failure> {
    let mut out: Vec<(String, PathBuf)> = Vec::new();
    for arg in args {
        let parsed = arg
            .split_once('=')
            .map(|(prefix, data)| (prefix.trim(), data))
            .filter(|(prefix, data)| !prefix.is_empty() && !data.is_empty());
        let Some((prefix, data)) = parsed else {
            return Err(Failure::usage(ArgMessage::ResultSyntax {
                arg: arg.clone(),
            }));
        };
        if out.iter().any(|(p, _)| p == prefix) {
            return Err(Failure::usage(ArgMessage::ResultTwice {
                prefix: prefix.to_string(),
            }));
        }
        out.push((prefix.to_string(), PathBuf::from(data)));
    }
    Ok(out)
}

/// `base.prefix`, or `prefix` at the top.
fn joined(base: &str, prefix: &str) -> String {
    if base.is_empty() {
        prefix.to_string()
    } else {
        format!("{base}.{prefix}")
    }
}

/// Every prefix the tree reads, with the id of the set it names and the
/// id of the set that reads it.
fn wanted(linked: &LinkedSet, base: &str, out: &mut Vec<(String, String, String)>) {
    for (source, r) in linked.sources.iter().zip(&linked.loaded.set.results) {
        let prefix = joined(base, &r.prefix);
        out.push((
            prefix.clone(),
            source.loaded.set.id.clone(),
            linked.loaded.set.id.clone(),
        ));
        wanted(source, &prefix, out);
    }
}

/// Every prefix of `trees` has its `--result`, every `--result` names a
/// prefix, and standard input is read at most once (`data` are the main
/// data files).
pub(super) fn check_args(
    trees: &[&LinkedSet],
    args: &[(String, PathBuf)],
    data: &[&Path],
) -> Result<(), Failure> {
    let mut all = Vec::new();
    for tree in trees {
        wanted(tree, "", &mut all);
    }
    let missing: Vec<ResultWanted> = all
        .iter()
        .filter(|(prefix, ..)| !args.iter().any(|(p, _)| p == prefix))
        .map(|(prefix, set, reader)| ResultWanted {
            prefix: prefix.clone(),
            set: set.clone(),
            reader: reader.clone(),
        })
        .collect();
    if !missing.is_empty() {
        return Err(Failure::usage(ArgMessage::ResultsNeeded { missing }));
    }
    for (prefix, _) in args {
        if !all.iter().any(|(p, ..)| p == prefix) {
            return Err(Failure::usage(ArgMessage::ResultPrefixUnknown {
                prefix: prefix.clone(),
                known: all.iter().map(|(p, ..)| p.clone()).collect(),
            }));
        }
    }
    let stdin = data
        .iter()
        .copied()
        .chain(args.iter().map(|(_, d)| d.as_path()))
        .filter(|d| *d == Path::new("-"))
        .count();
    if stdin > 1 {
        return Err(Failure::usage(ArgMessage::StdinOnce));
    }
    Ok(())
}

/// Loads `data` for `linked`'s set after checking the `--result`
/// arguments, scores the sets it reads on theirs, and fills its inputs
/// from them.
pub(super) fn load_data_with(
    linked: LinkedSet,
    data: &Path,
    input: &DataOptions,
    env: &Env,
) -> Result<(LoadedSet, DataFile, Vec<ScoredSource>), Failure> {
    let args = result_args(&input.result)?;
    check_args(&[&linked], &args, &[data])?;
    load_data_scored(linked, data, input, &args, env)
}

/// [`load_data_with`] once the arguments are checked.
pub(super) fn load_data_scored(
    linked: LinkedSet,
    data: &Path,
    input: &DataOptions,
    args: &[(String, PathBuf)],
    env: &Env,
) -> Result<(LoadedSet, DataFile, Vec<ScoredSource>), Failure> {
    let LinkedSet {
        loaded, sources, ..
    } = linked;
    let mut data_file = load_data(&loaded.set, data, input, env)?;
    let sources = score_sources(sources, &loaded.set, "", args, input, env)?;
    fill(&loaded.set, &mut data_file.dataset, data, &sources)?;
    super::stages::fill_earlier(&loaded.set, &mut data_file, data, &sources)?;
    Ok((loaded, data_file, sources))
}

/// Another set, scored on its own data.
pub(super) struct ScoredSource {
    /// `km`, or `km.x` for a set that one reads.
    prefix: String,
    loaded: LoadedSet,
    arg: String,
    data: PathBuf,
    data_sha256: String,
    eval: Evaluation,
    sources: Vec<ScoredSource>,
}

/// Scores the sets `set` reads (`linked`, indexed like `set.results`),
/// each on the data its `--result` names, the sets they read first.
pub(super) fn score_sources(
    linked: Vec<LinkedSet>,
    set: &CriteriaSet,
    base: &str,
    args: &[(String, PathBuf)],
    input: &DataOptions,
    env: &Env,
) -> Result<Vec<ScoredSource>, Failure> {
    let mut out = Vec::new();
    for (source, r) in linked.into_iter().zip(&set.results) {
        let prefix = joined(base, &r.prefix);
        let Some((_, data)) = args.iter().find(|(p, _)| *p == prefix) else {
            return Err(Failure::usage(ArgMessage::ResultMissing { prefix }));
        };
        let LinkedSet {
            loaded,
            arg,
            sources,
        } = source;
        // --sheet names a sheet of the main workbook, not of this one, and
        // --stage gives the main data only.
        let options = DataOptions {
            sheet: None,
            result: Vec::new(),
            stage: Vec::new(),
            ..input.clone()
        };
        let mut data_file = load_data(&loaded.set, data, &options, env)?;
        let sources = score_sources(sources, &loaded.set, &prefix, args, input, env)?;
        fill(&loaded.set, &mut data_file.dataset, data, &sources)?;
        let eval = engine::evaluate(&loaded.set, &data_file.dataset, &VietnameseOrder::new())
            .map_err(score_refused(data))?;
        out.push(ScoredSource {
            prefix,
            loaded,
            arg,
            data: data.clone(),
            data_sha256: data_file.sha256,
            eval,
            sources,
        });
    }
    Ok(out)
}

/// Fills `dataset` (read from `data`) with the figures of `sources`.
pub(super) fn fill(
    set: &CriteriaSet,
    dataset: &mut Dataset,
    data: &Path,
    sources: &[ScoredSource],
) -> Result<(), Failure> {
    if set.results.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = sources.iter().map(|s| display_path(&s.data)).collect();
    let refs: Vec<SourceResult<'_>> = sources
        .iter()
        .zip(&shown)
        .map(|(s, shown)| SourceResult {
            set: &s.loaded.set,
            eval: &s.eval,
            data: shown,
        })
        .collect();
    fill_results(set, dataset, &display_path(data), &refs).map_err(Failure::Rejected)
}

/// Adds every other set read, and its data, to the stamp.
pub(super) fn stamp_results(stamp: &mut Stamp, sources: &[ScoredSource]) {
    for s in sources {
        let r = ResultStamp {
            prefix: s.prefix.clone(),
            set_id: s.loaded.set.id.clone(),
            criteria_file: s.loaded.source.clone(),
            criteria_source: s.loaded.shown(),
            criteria_sha256: s.loaded.sha256.clone(),
            data_file: display_path(&s.data),
            data_sha256: s.data_sha256.clone(),
        };
        if !stamp.results.contains(&r) {
            stamp.results.push(r);
        }
        stamp_results(stamp, &s.sources);
    }
}

/// The command that explains `unit` in the set `s`.
fn explain_command(s: &ScoredSource, unit: &str) -> String {
    let mut words = vec![
        "wardscore".to_string(),
        "explain".to_string(),
        shell_word(&s.arg),
        shell_word(&display_path(&s.data)),
        shell_word(unit),
    ];
    let mut nested = Vec::new();
    collect_nested(&s.sources, &mut nested);
    let own = format!("{}.", s.prefix);
    for (prefix, data) in nested {
        let relative = prefix.strip_prefix(&own).unwrap_or(prefix);
        words.push("--result".to_string());
        words.push(shell_word(&format!("{relative}={}", display_path(data))));
    }
    words.join(" ")
}

fn collect_nested<'s>(sources: &'s [ScoredSource], out: &mut Vec<(&'s str, &'s Path)>) {
    for s in sources {
        out.push((&s.prefix, &s.data));
        collect_nested(&s.sources, out);
    }
}

/// The unit's figures in each set this one reads directly.
pub(super) fn figures(sources: &[ScoredSource], unit: &str) -> Vec<SourceFigure> {
    sources
        .iter()
        .map(|s| {
            let set = &s.loaded.set;
            let found = s.eval.units.iter().find(|u| u.id == unit);
            SourceFigure {
                prefix: s.prefix.clone(),
                set_id: set.id.clone(),
                set_title: set.title.clone(),
                data_file: display_path(&s.data),
                unit: found.map(|u| {
                    let rating = set.rating(u.rating);
                    SourceUnit {
                        score: u.score,
                        rating_id: rating.id.clone(),
                        rating_title: rating.title.clone(),
                        rank: u.rank,
                        units: s.eval.units.len(),
                        met: u.met,
                        applicable: u.applicable,
                        gates_failed: u.gates_failed_count(),
                    }
                }),
                command: explain_command(s, unit),
            }
        })
        .collect()
}

/// `check`'s account of the sets `linked` reads: each one checked, and
/// which indicators come from its results, for whom.
pub(super) fn check_lines(linked: &LinkedSet, lang: Lang) -> String {
    let set = &linked.loaded.set;
    let mut out = String::new();
    for (i, (source, r)) in linked.sources.iter().zip(&set.results).enumerate() {
        let mut read = Vec::new();
        for (input_index, input) in set.inputs.iter().enumerate() {
            if !matches!(input.origin, InputOrigin::Result { source, .. } if source == i) {
                continue;
            }
            let reads = |indicator: IndicatorRef| indicator == IndicatorRef::Input(input_index);
            let users: Vec<&str> = set
                .criteria
                .iter()
                .filter(|c| reads(c.indicator))
                .map(|c| c.id.as_str())
                .chain(
                    set.gates
                        .iter()
                        .filter(|g| reads(g.indicator))
                        .map(|g| g.id.as_str()),
                )
                .chain(
                    set.adjustments
                        .iter()
                        .filter(|a| reads(a.indicator))
                        .map(|a| a.id.as_str()),
                )
                .chain(
                    set.derived
                        .iter()
                        .filter(|d| reads(d.a) || reads(d.b))
                        .map(|d| d.id.as_str()),
                )
                .collect();
            let entry = format!("{} ({})", input.column, users.join(", "));
            if !read.contains(&entry) {
                read.push(entry);
            }
        }
        out.push_str(&check_summary(&source.loaded, lang));
        let reads = SetMessage::ReadsResults {
            reader: set.id.clone(),
            other: source.loaded.set.id.clone(),
            prefix: r.prefix.clone(),
            read,
        };
        out.push_str(&reads.words(lang));
        out.push_str(&check_lines(source, lang));
    }
    out
}

/// `check` with data: each other set's data read, scored and matched.
pub(super) fn check_lines_with_data(sources: &[ScoredSource], lang: Lang) -> String {
    let mut out = String::new();
    for s in sources {
        let valid = RunMessage::ResultDataValid {
            prefix: s.prefix.clone(),
            file: display_path(&s.data),
            units: s.eval.units.len(),
        };
        out.push_str(&valid.words(lang));
        out.push_str(&check_lines_with_data(&s.sources, lang));
    }
    out
}

#[cfg(test)]
mod tests;
