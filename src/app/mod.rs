//! Wiring: command-line arguments → load → engine → report → output.
//! The only module that touches files, standard streams, the clock and exit
//! codes.

use std::io::{self, IsTerminal, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use anyhow::{Context as _, anyhow};
use sha2::{Digest, Sha256};

use crate::cli::{Cli, ColorArg, Command, DataOptions, DecimalArg, LangArg, OutputOptions, WhatIf};
use crate::collate::VietnameseOrder;
use crate::engine;
use crate::engine::compact::{CompactScoring, score_alongside};
use crate::i18n::Lang;
use crate::load::data::{
    DecimalChoice, ReadError, ReadInfo, ReadOptions, UnitSink, read_data_each, read_data_with_info,
};
use crate::load::ids::SeenIds;
use crate::load::overrides::apply_overrides;
use crate::load::problem::suggest;
use crate::load::split::{self, Cut};
use crate::load::text::{DecimalStyle, label_key, normalize, unaccented_key};
use crate::load::{Rejected, parse_criteria, shipped};
use crate::model::{CriteriaSet, Dataset, Evaluation, Lookup, Profile, UnitResult};
use crate::report::sanitize::for_terminal;
use crate::report::{Context, Document, Format, RenderError, Stamp, template_xlsx};

mod criteria_file;
mod destination;
mod new_files;
mod profile;
mod two_parts;
use criteria_file::read_criteria_file;
use destination::{Destination, Inputs};
use new_files::{init_command, template_command};
use profile::{context, resolve_profile, set_profile};
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

/// Runs the command and turns the outcome into an exit code, printing errors.
pub fn main(cli: Cli) -> ExitCode {
    let _ = UI.set(decide_ui(&cli));
    let mut lang = cli.lang.map(lang_of);
    let outcome = run(&cli, &mut lang);
    let lang = lang.unwrap_or_default();
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
                let _ = writeln!(
                    err,
                    "{}",
                    lang.pick(
                        &format!("… và {rest} lỗi khác"),
                        &format!("… and {rest} more problems")
                    )
                );
            }
            let _ = writeln!(
                err,
                "{}",
                lang.pick(
                    &format!("{total} lỗi; chưa chấm điểm. Sửa các lỗi trên rồi chạy lại."),
                    &format!("{total} problem(s); nothing was scored. Fix them and run again.")
                )
            );
            ExitCode::from(3)
        }
        Err(Failure::Runtime(e)) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        // A message may quote a unit's name or a path: shown escaped.
        Err(Failure::Usage(e)) => {
            let e = for_terminal(&format!("{e:#}")).into_owned();
            let _ = writeln!(err, "{}: {e}", lang.pick("lỗi", "error"));
            ExitCode::from(2)
        }
        Err(Failure::Runtime(e)) => {
            let e = for_terminal(&format!("{e:#}")).into_owned();
            let _ = writeln!(err, "{}: {e}", lang.pick("lỗi", "error"));
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

/// `lang` holds the user's choice, and is filled from the criteria set's
/// language once it is known, so error messages follow it too.
fn run(cli: &Cli, lang: &mut Option<Lang>) -> Result<(), Failure> {
    match &cli.command {
        Command::Check {
            criteria,
            data,
            input,
        } => {
            let loaded = load_criteria(criteria, lang)?;
            let lang = lang.unwrap_or_default();
            let mut out = check_summary(&loaded, lang);
            if let Some(path) = data {
                // Every cell is checked; no unit needs keeping.
                let data = load_data_each(&loaded.set, path, input, true, &mut |_, _| {})?;
                let shown = display_path(path);
                let n = data.units;
                out.push_str(&match lang {
                    Lang::Vi => format!("✓ {shown}: {n} đơn vị, số liệu hợp lệ\n"),
                    Lang::En => format!("✓ {shown}: {n} units, all values valid\n"),
                });
                if !data.unused_columns.is_empty() {
                    out.push_str(&format!(
                        "{}: {}\n",
                        lang.pick("Cột không dùng đến", "Unused columns"),
                        for_terminal(&data.unused_columns.join(", "))
                    ));
                }
            }
            if ui().quiet {
                return Ok(());
            }
            write_stdout(out.as_bytes())
        }
        Command::Score {
            criteria,
            data,
            input,
            output,
            profile,
            what_if,
        } => {
            let loaded = load_criteria(criteria, lang)?.with_overrides(&what_if.set)?;
            let inputs = Inputs::of([loaded.path(), Some(data), profile.profile.as_deref()]);
            let profile = resolve_profile(profile, &loaded.set, lang.unwrap_or_default())?;
            let to = Destination::prepare(output, &inputs, lang.unwrap_or_default())?;
            if to.format() == Format::Csv {
                return score_to_csv(&loaded, data, input, output, to, *lang, &profile);
            }
            let (data_file, eval) = score(&loaded, data, input)?;
            let stamp = stamp(&loaded, Some((data, &data_file.sha256)));
            let cx = context(&loaded.set, *lang, &stamp, &profile, output);
            to.emit(&cx, &Document::Ranking(&eval))
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
            let loaded = load_criteria(criteria, lang)?.with_overrides(&what_if.set)?;
            let inputs = Inputs::of([loaded.path(), Some(data), profile.profile.as_deref()]);
            let profile = resolve_profile(profile, &loaded.set, lang.unwrap_or_default())?;
            let to = Destination::prepare(output, &inputs, lang.unwrap_or_default())?;
            let (data_file, eval) = score(&loaded, data, input)?;
            let found = find_unit(&eval, unit, Some(data), lang.unwrap_or_default())?;
            let explanation = engine::explain::explain(&loaded.set, found);
            let stamp = stamp(&loaded, Some((data, &data_file.sha256)));
            let cx = context(&loaded.set, *lang, &stamp, &profile, output);
            to.emit(&cx, &Document::Explain(found, &explanation))
        }
        Command::Compare {
            files,
            criteria,
            labels,
            unit,
            input,
            output,
            what_if,
        } => compare_command(
            files,
            criteria,
            labels,
            unit.as_deref(),
            input,
            output,
            what_if,
            lang,
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
        } => {
            let loaded = load_criteria(criteria, lang)?.with_overrides(&what_if.set)?;
            let l = lang.unwrap_or_default();
            let variation = parse_variation(vary, l)?;
            let flag_share = parse_share(flag).ok_or_else(|| {
                Failure::Usage(anyhow!(
                    "{}",
                    l.pick(
                        &format!(
                            "--flag phải là một tỉ lệ như 10% hoặc 0.1, không phải \"{flag}\""
                        ),
                        &format!("--flag must be a share such as 10% or 0.1, not \"{flag}\"")
                    )
                ))
            })?;
            let to = Destination::prepare(output, &Inputs::of([loaded.path(), Some(data)]), l)?;
            let (data_file, _) = score(&loaded, data, input)?;
            // A bar only for work that takes a while, only on a terminal.
            let work = u64::from(*runs) * data_file.dataset.units.len() as u64;
            let ui = ui();
            let bar = if ui.interactive && !ui.quiet && work >= 200_000 {
                indicatif::ProgressBar::new(u64::from(*runs))
            } else {
                indicatif::ProgressBar::hidden()
            };
            let result = engine::sensitivity::sensitivity(
                &loaded.set,
                &data_file.dataset,
                &VietnameseOrder::new(),
                *runs,
                *seed,
                variation,
                flag_share,
                &|| bar.inc(1),
            );
            bar.finish_and_clear();
            let stamp = stamp(&loaded, Some((data, &data_file.sha256)));
            let profile = set_profile(&loaded.set);
            let cx = context(&loaded.set, *lang, &stamp, &profile, output);
            to.emit(&cx, &Document::Sensitivity(&result))
        }
        Command::Init {
            from,
            output,
            force,
        } => init_command(from, output, *force, lang.unwrap_or_default()),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut command, "wardscore", &mut out);
            write_stdout(&out)
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut out)
                .context("cannot render the manual page")?;
            write_stdout(&out)
        }
        Command::Criteria { criteria, output } => {
            let loaded = load_criteria(criteria, lang)?;
            let inputs = Inputs::of([loaded.path()]);
            let to = Destination::prepare(output, &inputs, lang.unwrap_or_default())?;
            let stamp = stamp(&loaded, None);
            let profile = set_profile(&loaded.set);
            let cx = context(&loaded.set, *lang, &stamp, &profile, output);
            to.emit(&cx, &Document::Criteria)
        }
        Command::Template {
            criteria,
            output,
            force,
        } => template_command(criteria, output, *force, lang),
    }
}

/// A share: `10%` or `0.1`, within 0..=1.
fn parse_share(text: &str) -> Option<rust_decimal::Decimal> {
    use rust_decimal::Decimal;
    let text = text.trim();
    let value = match text.strip_suffix('%') {
        Some(pct) => pct.trim().parse::<Decimal>().ok()? / Decimal::ONE_HUNDRED,
        None => text.parse::<Decimal>().ok()?,
    };
    (value >= Decimal::ZERO && value <= Decimal::ONE).then_some(value)
}

/// `--vary points=10%` and/or `--vary thresholds=5%`; points ±10% by default.
fn parse_variation(vary: &[String], lang: Lang) -> Result<engine::sensitivity::Variation, Failure> {
    // Points vary ±10% unless told otherwise; thresholds only when asked.
    let mut v = engine::sensitivity::Variation {
        points: rust_decimal::Decimal::new(1, 1),
        thresholds: rust_decimal::Decimal::ZERO,
    };
    for item in vary {
        let parsed = item
            .split_once('=')
            .and_then(|(what, share)| Some((what.trim(), parse_share(share)?)));
        match parsed {
            Some(("points", share)) => v.points = share,
            Some(("thresholds", share)) => v.thresholds = share,
            _ => {
                return Err(Failure::Usage(anyhow!(
                    "{}",
                    lang.pick(
                        &format!("--vary \"{item}\": dùng points=10% hoặc thresholds=5% (tỉ lệ từ 0 đến 100%)"),
                        &format!("--vary \"{item}\": use points=10% or thresholds=5% (a share from 0 to 100%)")
                    )
                )));
            }
        }
    }
    Ok(v)
}

/// The versions a `compare` run puts side by side.
struct CompareVersion {
    label: String,
    loaded: LoadedSet,
    data: PathBuf,
    data_file: DataFile,
    eval: crate::model::Evaluation,
}

fn file_label(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned())
}

#[allow(clippy::too_many_arguments)]
fn compare_command(
    files: &[String],
    criteria: &[String],
    labels: &[String],
    unit: Option<&str>,
    input: &DataOptions,
    output: &OutputOptions,
    what_if: &WhatIf,
    lang: &mut Option<Lang>,
) -> Result<(), Failure> {
    let usage = |lang: Lang| {
        Failure::Usage(anyhow!(
            "{}",
            lang.pick(
                "compare cần: BỘ_TIÊU_CHÍ và hai tệp số liệu trở lên; hoặc --criteria CŨ --criteria MỚI và một tệp số liệu; hoặc BỘ_TIÊU_CHÍ, một tệp số liệu và --set",
                "compare needs CRITERIA and two or more data files; or --criteria OLD --criteria NEW and one data file; or CRITERIA, one data file and --set"
            )
        ))
    };
    let mut plan: Vec<(String, String, PathBuf, Vec<String>)> = Vec::new();
    if !criteria.is_empty() {
        let [data] = files else {
            return Err(usage(lang.unwrap_or_default()));
        };
        if criteria.len() < 2 {
            return Err(usage(lang.unwrap_or_default()));
        }
        for c in criteria {
            plan.push((
                file_label(c),
                c.clone(),
                PathBuf::from(data),
                what_if.set.clone(),
            ));
        }
    } else {
        let Some((set, data)) = files.split_first() else {
            return Err(usage(lang.unwrap_or_default()));
        };
        match data {
            [one] if !what_if.set.is_empty() => {
                let l = lang.unwrap_or_default();
                plan.push((
                    l.pick("gốc", "original").to_string(),
                    set.clone(),
                    PathBuf::from(one),
                    Vec::new(),
                ));
                plan.push((
                    l.pick("thử", "what-if").to_string(),
                    set.clone(),
                    PathBuf::from(one),
                    what_if.set.clone(),
                ));
            }
            [_, _, ..] => {
                for d in data {
                    plan.push((
                        file_label(d),
                        set.clone(),
                        PathBuf::from(d),
                        what_if.set.clone(),
                    ));
                }
            }
            _ => return Err(usage(lang.unwrap_or_default())),
        }
    }
    if !labels.is_empty() {
        if labels.len() != plan.len() {
            let (got, want) = (labels.len(), plan.len());
            let l = lang.unwrap_or_default();
            return Err(Failure::Usage(anyhow!(
                "{}",
                l.pick(
                    &format!("--labels có {got} tên nhưng có {want} cột để so sánh"),
                    &format!("--labels has {got} names but there are {want} columns to compare")
                )
            )));
        }
        for (p, l) in plan.iter_mut().zip(labels) {
            p.0 = l.trim().to_string();
        }
    }
    let stdin_twice = plan.iter().filter(|p| p.2 == Path::new("-")).count() > 1;
    if stdin_twice {
        return Err(Failure::Usage(anyhow!(
            "standard input (-) can be read only once / chỉ đọc được đầu vào chuẩn (-) một lần"
        )));
    }
    let mut sets = Vec::new();
    for (label, set, data, overrides) in plan {
        let loaded = load_criteria(&set, lang)?.with_overrides(&overrides)?;
        sets.push((label, loaded, data));
    }
    let inputs = Inputs::of(
        sets.iter()
            .flat_map(|(_, loaded, data)| [loaded.path(), Some(data.as_path())]),
    );
    let to = Destination::prepare(output, &inputs, lang.unwrap_or_default())?;
    let mut versions = Vec::new();
    for (label, loaded, data) in sets {
        let data_file = load_data(&loaded.set, &data, input)?;
        let eval = engine::evaluate(&loaded.set, &data_file.dataset, &VietnameseOrder::new());
        versions.push(CompareVersion {
            label,
            loaded,
            data,
            data_file,
            eval,
        });
    }
    let l = lang.unwrap_or_default();
    let unit_id = match unit {
        None => None,
        Some(key) => {
            // The first version that knows the key decides.
            let eval = versions
                .iter()
                .map(|v| &v.eval)
                .find(|eval| !matches!(lookup_unit(eval, key), Lookup::NotFound))
                .or(versions.first().map(|v| &v.eval));
            match eval {
                Some(eval) => Some(find_unit(eval, key, None, l)?.id.clone()),
                None => None,
            }
        }
    };
    let refs: Vec<engine::compare::Version<'_>> = versions
        .iter()
        .map(|v| engine::compare::Version {
            label: &v.label,
            set: &v.loaded.set,
            eval: &v.eval,
        })
        .collect();
    let comparison = engine::compare::compare(&refs, unit_id.as_deref());
    let Some(last) = versions.last() else {
        return Err(usage(l));
    };
    // The stamp names every input: all criteria files and data files.
    let mut stamp = stamp(&last.loaded, Some((&last.data, &last.data_file.sha256)));
    let join = |f: &dyn Fn(&CompareVersion) -> String| {
        let mut seen: Vec<String> = Vec::new();
        for v in &versions {
            let s = f(v);
            if !seen.contains(&s) {
                seen.push(s);
            }
        }
        seen.join("; ")
    };
    stamp.criteria_file = join(&|v| v.loaded.source.clone());
    stamp.criteria_sha256 = join(&|v| v.loaded.sha256.clone());
    stamp.data_file = Some(join(&|v| display_path(&v.data)));
    stamp.data_sha256 = Some(join(&|v| v.data_file.sha256.clone()));
    let profile = set_profile(&last.loaded.set);
    let cx = context(&last.loaded.set, *lang, &stamp, &profile, output);
    to.emit(&cx, &Document::Comparison(&comparison))
}

/// `score` to a CSV ranking, which needs points, not values: each unit is
/// scored as it is read, on the second core, and kept compactly, so a
/// national file fits in memory.
fn score_to_csv(
    loaded: &LoadedSet,
    data: &Path,
    input: &DataOptions,
    output: &OutputOptions,
    to: Destination,
    lang: Option<Lang>,
    profile: &Profile,
) -> Result<(), Failure> {
    let set = &loaded.set;
    let started = std::time::Instant::now();
    let (data_file, scoring) = match score_in_two_parts(set, data, input, split::MIN_BYTES)? {
        Some(parts) => parts,
        // Scoring keeps the second core busy: parse on this thread.
        None => score_alongside(set, |sink| load_data_each(set, data, input, false, sink))?,
    };
    let ranking = std::time::Instant::now();
    let eval = scoring.finish(&VietnameseOrder::new());
    let ranking = ranking.elapsed();
    let scored = started.elapsed();
    let stamp = stamp(loaded, Some((data, &data_file.sha256)));
    let cx = context(set, lang, &stamp, profile, output);
    to.emit(&cx, &Document::CompactRanking(&eval))?;
    verbose(format_args!(
        "{} units read, scored and ranked in {:.2} s (ranking and rating {:.2} s); report written in {:.2} s",
        eval.units.len(),
        scored.as_secs_f64(),
        ranking.as_secs_f64(),
        (started.elapsed() - scored).as_secs_f64()
    ));
    Ok(())
}

/// Loads the data and runs the engine.
fn score(
    loaded: &LoadedSet,
    data: &Path,
    input: &DataOptions,
) -> Result<(DataFile, crate::model::Evaluation), Failure> {
    let data_file = load_data(&loaded.set, data, input)?;
    let eval = engine::evaluate(&loaded.set, &data_file.dataset, &VietnameseOrder::new());
    Ok((data_file, eval))
}

/// A unit by what a person typed (see [`Evaluation::lookup`]).
fn lookup_unit<'e>(eval: &'e Evaluation, key: &str) -> Lookup<'e> {
    eval.lookup(key, normalize, label_key, unaccented_key)
}

/// The unit `key` names in `eval`, or why there is none: no match (with the
/// closest id or name), or several (listed, so the person can pick an id).
/// `data` names the file in the message.
fn find_unit<'e>(
    eval: &'e Evaluation,
    key: &str,
    data: Option<&Path>,
    lang: Lang,
) -> Result<&'e UnitResult, Failure> {
    // The message is escaped for the terminal where it is printed (main).
    match lookup_unit(eval, key) {
        Lookup::Found(unit) => Ok(unit),
        Lookup::Ambiguous(units) => {
            let listed: Vec<String> = units
                .iter()
                .map(|u| format!("{} ({})", u.id, u.name))
                .collect();
            let (count, listed) = (units.len(), listed.join(", "));
            Err(Failure::Runtime(anyhow!(
                "{}",
                lang.pick(
                    &format!(
                        "\"{key}\" ứng với {count} đơn vị: {listed}; hãy ghi mã của đơn vị cần xem"
                    ),
                    &format!(
                        "\"{key}\" matches {count} units: {listed}; give the id of the one you mean"
                    )
                )
            )))
        }
        Lookup::NotFound => {
            let candidates = eval
                .units
                .iter()
                .flat_map(|u| [u.id.as_str(), u.name.as_str()]);
            let hint = suggest(key, candidates)
                .map(|s| {
                    lang.pick(
                        &format!("; có phải \"{s}\"?"),
                        &format!("; did you mean \"{s}\"?"),
                    )
                    .to_string()
                })
                .unwrap_or_default();
            let place = data.map(display_path).map_or_else(String::new, |shown| {
                lang.pick(&format!(" trong {shown}"), &format!(" in {shown}"))
                    .to_string()
            });
            Err(Failure::Runtime(anyhow!(
                "{}{hint}",
                lang.pick(
                    &format!("không có đơn vị nào có mã hoặc tên \"{key}\"{place}"),
                    &format!("no unit with id or name \"{key}\"{place}")
                )
            )))
        }
    }
}

fn check_summary(loaded: &LoadedSet, lang: Lang) -> String {
    let set = &loaded.set;
    let (src, id, title) = (
        for_terminal(&loaded.source),
        for_terminal(&set.id),
        for_terminal(&set.title),
    );
    let (c, g, a, r) = (
        set.criteria.len(),
        set.gates.len(),
        set.adjustments.len(),
        set.ratings.len(),
    );
    let total = crate::report::words::num(set.full_max());
    match lang {
        Lang::Vi => format!(
            "✓ {src}: bộ \"{id}\" ({title}): {c} tiêu chí, {g} cổng loại trừ, {a} điểm cộng/trừ, {r} xếp loại; tổng {total} điểm\n"
        ),
        Lang::En => format!(
            "✓ {src}: set \"{id}\" ({title}): {c} criteria, {g} gates, {a} adjustments, {r} ratings; {total} points in all\n"
        ),
    }
}

/// How this run talks to the person at the terminal, decided once from the
/// flags and the environment.
#[derive(Debug, Clone, Copy, Default)]
struct Ui {
    color: bool,
    /// The terminal's width, when standard output is one.
    width: Option<u16>,
    quiet: bool,
    verbose: bool,
    /// Standard error is a terminal (progress bars may be drawn).
    interactive: bool,
}

static UI: std::sync::OnceLock<Ui> = std::sync::OnceLock::new();

fn ui() -> Ui {
    UI.get().copied().unwrap_or_default()
}

fn decide_ui(cli: &Cli) -> Ui {
    let stdout_tty = io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let color = match cli.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => stdout_tty && !no_color,
    };
    Ui {
        color,
        // A pseudo-terminal may report no size at all; then do not wrap.
        width: if stdout_tty {
            comfy_table::Table::new().width().filter(|w| *w >= 60)
        } else {
            None
        },
        quiet: cli.quiet,
        verbose: cli.verbose,
        interactive: io::stderr().is_terminal(),
    }
}

/// A line on standard error for `--verbose`.
fn verbose(line: impl std::fmt::Display) {
    if ui().verbose {
        let _ = writeln!(io::stderr(), "{}", for_terminal(&line.to_string()));
    }
}

struct LoadedSet {
    set: CriteriaSet,
    /// A path, or `criteria/ID.toml (built in)`.
    source: String,
    file: Option<PathBuf>,
    sha256: String,
    /// What-if changes applied to `set`.
    overrides: Vec<String>,
}

impl LoadedSet {
    fn path(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// The set with what-if changes applied (checked like the file).
    fn with_overrides(mut self, overrides: &[String]) -> Result<LoadedSet, Failure> {
        if !overrides.is_empty() {
            self.set = apply_overrides(&self.set, overrides)?;
            self.overrides = overrides.to_vec();
        }
        Ok(self)
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(Sha256::new_with_prefix(bytes))
}

/// `arg` names no shipped set: list them, with the closest one. (Used by
/// every command that takes a set, so the advice is the same everywhere.)
fn unknown_set(arg: &str, what: &str) -> anyhow::Error {
    let ids: Vec<&str> = shipped::ids().collect();
    let hint = suggest(arg, ids.iter().copied())
        .map(|s| format!(" Did you mean \"{s}\"? / Có phải \"{s}\"?"))
        .unwrap_or_default();
    anyhow!(
        "\"{arg}\": {what} / không phải bộ tiêu chí có sẵn hay tệp tiêu chí; shipped sets / bộ có sẵn: {}.{hint}",
        ids.join(", ")
    )
}

/// A criteria file by path, or a shipped set by id.
fn load_criteria(arg: &str, lang: &mut Option<Lang>) -> Result<LoadedSet, Failure> {
    let path = Path::new(arg);
    let (text, source, file) = if path.is_file() {
        let text = read_criteria_file(arg, path)?;
        (text, arg.to_string(), Some(path.to_path_buf()))
    } else if let Some((name, text)) = shipped::find(arg) {
        (text.to_string(), format!("{name} (built in)"), None)
    } else {
        return Err(unknown_set(arg, "neither a criteria file nor a shipped set").into());
    };
    let set = parse_criteria(&source, &text)?;
    lang.get_or_insert(Lang::guess_from(&set.title));
    verbose(format_args!(
        "{source}: set \"{}\", SHA-256 {}",
        set.id,
        sha256_hex(text.as_bytes())
    ));
    Ok(LoadedSet {
        set,
        source,
        file,
        sha256: sha256_hex(text.as_bytes()),
        overrides: Vec::new(),
    })
}

fn display_path(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

struct DataFile {
    dataset: Dataset,
    sha256: String,
}

/// Advances a progress bar as bytes are read; clears it at the end.
struct ProgressRead<R> {
    inner: R,
    bar: indicatif::ProgressBar,
}

impl<R: Read> Read for ProgressRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.inc(n as u64);
        if n == 0 {
            self.bar.finish_and_clear();
        }
        Ok(n)
    }
}

/// Passes bytes through while hashing them, so the data file is read once.
struct Hashing<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

fn load_data(set: &CriteriaSet, path: &Path, options: &DataOptions) -> Result<DataFile, Failure> {
    let (dataset, sha256) = read_file(path, options, true, |name, input, read_options| {
        read_data_with_info(set, name, input, read_options)
    })?;
    Ok(DataFile { dataset, sha256 })
}

/// What a streamed data file was, once every unit went to the sink.
struct StreamedData {
    units: usize,
    unused_columns: Vec<String>,
    sha256: String,
}

/// Loads a data file handing each unit to `emit` as it is bound (see
/// `read_data_each`): memory holds what `emit` keeps, not the file.
fn load_data_each(
    set: &CriteriaSet,
    path: &Path,
    options: &DataOptions,
    parse_alongside: bool,
    emit: &mut UnitSink<'_>,
) -> Result<StreamedData, Failure> {
    let ((units, unused_columns), sha256) =
        read_file(path, options, parse_alongside, |name, input, o| {
            read_data_each(set, name, input, o, emit)
                .map(|r| ((r.info.rows, r.unused_columns), r.info))
        })?;
    Ok(StreamedData {
        units,
        unused_columns,
        sha256,
    })
}

/// Opens a data file (or stdin), hashes what is read, reports what was
/// detected under `--verbose`, and turns read errors into failures.
fn read_file<T>(
    path: &Path,
    options: &DataOptions,
    parse_alongside: bool,
    read: impl FnOnce(&str, &mut (dyn Read + Send), &ReadOptions) -> Result<(T, ReadInfo), ReadError>,
) -> Result<(T, String), Failure> {
    let name = display_path(path);
    let read_options = read_options(options, parse_alongside)?;
    let input: Box<dyn Read + Send> = if path == Path::new("-") {
        Box::new(io::stdin())
    } else {
        let file = std::fs::File::open(path)
            .with_context(|| format!("cannot read / không đọc được {name}"))?;
        with_progress(file, &name)
    };
    let mut hashing = Hashing {
        inner: input,
        hasher: Sha256::new(),
    };
    let read = match read(&name, &mut hashing, &read_options) {
        Ok((d, info)) => {
            report_read(&name, &info, "");
            d
        }
        Err(ReadError::Rejected(r)) => return Err(Failure::Rejected(r)),
        Err(ReadError::Io(e)) => {
            return Err(Failure::Runtime(
                anyhow::Error::new(e).context(format!("cannot read / không đọc được {name}")),
            ));
        }
    };
    Ok((read, hex(hashing.hasher)))
}

/// How to read the data, as the command line asks.
fn read_options(options: &DataOptions, parse_alongside: bool) -> Result<ReadOptions, Failure> {
    let encoding = match &options.encoding {
        None => None,
        Some(label) => Some(
            encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                Failure::Usage(anyhow!(
                    "unknown encoding / bảng mã lạ \"{label}\"; e.g. windows-1258, utf-16le, utf-8"
                ))
            })?,
        ),
    };
    Ok(ReadOptions {
        delimiter: options.delimiter,
        decimal: match options.decimal {
            None => DecimalChoice::Detect,
            Some(DecimalArg::Point) => DecimalChoice::Explicit(DecimalStyle::Point),
            Some(DecimalArg::Comma) => DecimalChoice::Explicit(DecimalStyle::Comma),
        },
        encoding,
        sheet: options.sheet.clone(),
        parse_alongside,
        expected_rows: 0,
        defer_id_check: false,
    })
}

/// `file`, behind a progress bar when it is big enough to take more than
/// about a second and someone is watching.
fn with_progress(file: std::fs::File, name: &str) -> Box<dyn Read + Send> {
    let size = file.metadata().map_or(0, |m| m.len());
    let ui = ui();
    if ui.interactive && !ui.quiet && size >= 32 << 20 {
        let bar = indicatif::ProgressBar::new(size).with_style(
            indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message(name.to_string());
        Box::new(ProgressRead { inner: file, bar })
    } else {
        Box::new(file)
    }
}

/// What was detected in a data file, under `--verbose`; `how` says how it
/// was read when that is worth saying.
fn report_read(name: &str, info: &ReadInfo, how: &str) {
    let delimiter = match info.delimiter {
        Some(b'\t') => "tab".to_string(),
        Some(d) => format!("\"{}\"", char::from(d)),
        None => "-".to_string(),
    };
    verbose(format_args!(
        "{name}: {}; encoding {}; delimiter {delimiter}; decimals {}; {} rows, {} columns{how}",
        info.kind,
        info.encoding.as_deref().unwrap_or("-"),
        info.decimal,
        info.rows,
        info.columns
    ));
}

fn hex(hasher: Sha256) -> String {
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The generation time: `SOURCE_DATE_EPOCH` (for reproducible builds and
/// tests) or now, in RFC 3339 UTC.
fn generation_time() -> String {
    let when = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or_else(SystemTime::now, |secs| {
            SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
        });
    humantime::format_rfc3339_seconds(when).to_string()
}

fn stamp(loaded: &LoadedSet, data: Option<(&Path, &str)>) -> Stamp {
    Stamp {
        tool: format!("wardscore {}", env!("CARGO_PKG_VERSION")),
        set_id: loaded.set.id.clone(),
        criteria_file: loaded.source.clone(),
        criteria_sha256: loaded.sha256.clone(),
        data_file: data.map(|(p, _)| display_path(p)),
        data_sha256: data.map(|(_, sha256)| sha256.to_string()),
        overrides: loaded.overrides.clone(),
        generated_at: generation_time(),
    }
}

fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .context("cannot write to standard output")?;
    Ok(())
}
