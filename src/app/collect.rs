//! `collect`: many wards' files (files, folders, `*` patterns; CSV and
//! workbooks, every sheet) into one checked data file with a provenance
//! column. Nothing is written while any file has a problem or the files
//! conflict, unless `--keep` says which of two records of a unit to keep.

use std::path::PathBuf;

use super::destination::{Inputs, prepare_new_file, render_failure};
use super::messages::Holds;
use super::*;
use crate::cli::{CollectCommand, KeepArg};
use crate::load::collect::{Keep, Source, collect};
use crate::load::table::read_csv_bytes;
use crate::load::workbook::{is_workbook, read_workbook, visible_sheets};
use crate::report::combined::{combined_csv, combined_xlsx};

/// Extensions read from a folder or a pattern.
const DATA_EXTENSIONS: [&str; 5] = ["csv", "xlsx", "xlsm", "xls", "ods"];
/// Files one run reads at most: more is not a province's wards.
const MAX_FILES: usize = 10_000;

pub(super) fn collect_command(args: &CollectCommand, env: &mut Env) -> Result<(), Failure> {
    let keep = match args.keep {
        None => Keep::Neither,
        Some(KeepArg::First) => Keep::First,
        Some(KeepArg::Last) => Keep::Last,
    };
    let loaded = load_criteria(&args.criteria, env)?;
    let lang = env.lang();
    let format =
        Format::from_extension(&args.output).filter(|f| matches!(f, Format::Xlsx | Format::Csv));
    let Some(format) = format else {
        return Err(Failure::usage(FileMessage::CombinedExtension {
            file: args.output.display().to_string(),
        }));
    };
    let mut paths = expand(&args.files)?;
    // A combined file from an earlier run, in the folder read, is not input.
    leave_out_earlier_output(&mut paths, &args.files, &args.output, is_combined);
    let mut inputs: Vec<Option<&Path>> = paths.iter().map(|p| Some(p.as_path())).collect();
    inputs.push(loaded.path());
    let file = prepare_new_file(&args.output, args.force, &Inputs::of(inputs), Holds::Data)?;
    let (collected, _) = gather(&loaded.set, &paths, &args.input, keep, env)?;
    let bytes = match format {
        Format::Xlsx => combined_xlsx(&loaded.set, &collected.units, lang)
            .map_err(|e| render_failure(e.into(), lang))?,
        _ => combined_csv(&loaded.set, &collected.units, lang),
    };
    file.write_with(|out| Ok(out.write_all(&bytes)?))
        .map_err(Failure::Runtime)?;
    if env.ui.quiet {
        return Ok(());
    }
    let written = RunMessage::CollectWritten {
        file: args.output.display().to_string(),
        units: collected.units.len(),
        files: paths.len(),
        set: loaded.set.id.clone(),
    };
    write_stdout(written.words(lang).as_bytes())
}

/// Reads, checks and puts together the files; prints the warnings (or
/// refuses them under `--strict`). Also returns a SHA-256 over the files'
/// own SHA-256s, in order, for a report's stamp.
fn gather(
    set: &CriteriaSet,
    paths: &[PathBuf],
    input: &DataOptions,
    keep: Keep,
    env: &Env,
) -> Result<(crate::load::collect::Collected, String), Failure> {
    let lang = env.lang();
    let encoding = read_options(input)?.encoding;
    let mut hashes = Sha256::new();
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let shown = display_path(path);
        // Each file is read whole to keep its rows' lines; a larger one is
        // not a ward's return, and `score` streams it on its own.
        let Some(bytes) = read_whole(path)? else {
            let max_mb = MAX_WHOLE_FILE_BYTES >> 20;
            problems.push(crate::load::Problem::new(
                &shown,
                FileMessage::TooLargeForOneReturn { max_mb },
            ));
            continue;
        };
        hashes.update(sha256_hex(&bytes).as_bytes());
        if is_workbook(&bytes) {
            let sheets = match &input.sheet {
                Some(sheet) => vec![sheet.clone()],
                None => visible_sheets(&shown, &bytes).unwrap_or_else(|p| {
                    problems.extend(p);
                    Vec::new()
                }),
            };
            let mut read_any = false;
            for sheet in sheets {
                let read = read_workbook(&shown, &bytes, Some(&sheet));
                // An empty sheet (Excel's Sheet2, Sheet3) holds no units.
                let empty = read.as_ref().err().is_some_and(|p| {
                    p.iter().all(|p| {
                        p.message
                            .as_message::<crate::load::messages::WorkbookMessage>()
                            == Some(&crate::load::messages::WorkbookMessage::EmptySheet)
                    })
                });
                match read {
                    // A guide or notes sheet is not a table of units; one
                    // with the id column below a title is, and reading it
                    // says to delete the title, as `score` on it does.
                    Ok(table) if !crate::load::guidance::holds_units(set, &table) => {
                        env.verbose(Detail::SheetSkipped {
                            file: &shown,
                            sheet: &sheet,
                            id_column: &set.columns.id,
                        });
                    }
                    Err(_) if empty => env.verbose(Detail::SheetSkipped {
                        file: &shown,
                        sheet: &sheet,
                        id_column: &set.columns.id,
                    }),
                    Ok(table) => {
                        read_any = true;
                        sources.push(Source {
                            file: shown.clone(),
                            sheet,
                            table,
                        });
                    }
                    Err(p) => problems.extend(p),
                }
            }
            if !read_any && problems.is_empty() {
                let id = set.columns.id.clone();
                problems.push(crate::load::Problem::new(
                    &shown,
                    FileMessage::NoSheetWithId { id },
                ));
            }
        } else {
            match read_csv_bytes(&shown, &bytes, encoding, input.delimiter) {
                Ok(table) => sources.push(Source {
                    file: shown,
                    sheet: String::new(),
                    table,
                }),
                Err(p) => problems.extend(p),
            }
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Rejected(crate::load::Rejected::from(problems)));
    }
    let decimal = read_options(input)?.decimal;
    let collected = collect(set, &sources, decimal, keep)?;
    warnings::handle(&collected.warnings, input.strict, lang)?;
    Ok((collected, hex(hashes)))
}

/// `check` or `score` given several data files or a folder: read them as
/// `collect` does (conflicts between files are errors), then check or
/// score the units together.
pub(super) fn many_files(command: &Command) -> bool {
    let many = |first: Option<&PathBuf>, more: &[PathBuf]| {
        !more.is_empty() || first.is_some_and(|p| p.is_dir())
    };
    match command {
        Command::Check { data, more, .. } => many(data.as_ref(), more),
        Command::Score { data, more, .. } => many(data.as_ref(), more),
        _ => false,
    }
}

pub(super) fn run_many(command: &Command, env: &mut Env) -> Result<(), Failure> {
    let names = |first: &PathBuf, more: &[PathBuf]| -> Vec<String> {
        std::iter::once(first)
            .chain(more)
            .map(|p| p.to_string_lossy().into_owned())
            .collect()
    };
    // Values read from other sets' results are matched unit by unit in one
    // data file (see `results`): several files are not read that way, and
    // reading them without those values would score them wrongly.
    let no_results = |loaded: &LoadedSet, input: &DataOptions| {
        if loaded.set.results.is_empty() && input.result.is_empty() {
            Ok(())
        } else {
            Err(Failure::usage(ArgMessage::ManyFilesWithResults))
        }
    };
    match command {
        Command::Check {
            criteria,
            data: Some(data),
            more,
            input,
        } => {
            let loaded = load_criteria(criteria, env)?;
            no_results(&loaded, input)?;
            let lang = env.lang();
            let paths = expand(&names(data, more))?;
            let (collected, _) = gather(&loaded.set, &paths, input, Keep::Neither, env)?;
            let mut out = check_summary(&loaded, lang);
            let valid = RunMessage::FilesValid {
                files: paths.len(),
                units: collected.units.len(),
            };
            out.push_str(&valid.words(lang));
            if env.ui.quiet {
                return Ok(());
            }
            write_stdout(out.as_bytes())
        }
        Command::Score {
            criteria,
            data: Some(data),
            more,
            input,
            output,
            profile,
            what_if,
        } => {
            let loaded = load_criteria(criteria, env)?.with_overrides(&what_if.set)?;
            no_results(&loaded, input)?;
            let mut paths = expand(&names(data, more))?;
            // This command's report from an earlier run, in the folder read,
            // is not input: a rerun refreshes it.
            if let Some(out) = output.output.as_deref() {
                let format = output.format.or_else(|| Format::from_extension(out));
                let ours = |path: &Path| {
                    format.is_some_and(|f| {
                        std::fs::File::open(path).is_ok_and(|mut file| f.wrote(&mut file))
                    })
                };
                leave_out_earlier_output(&mut paths, &names(data, more), out, ours);
            }
            let mut inputs: Vec<Option<&Path>> = paths.iter().map(|p| Some(p.as_path())).collect();
            inputs.push(loaded.path());
            inputs.push(profile.profile.as_deref());
            let profile = resolve_profile(profile, &loaded.set)?;
            let to = Destination::prepare("score", output, &Inputs::of(inputs), env)?;
            let (collected, sha256) = gather(&loaded.set, &paths, input, Keep::Neither, env)?;
            let dataset = crate::model::Dataset {
                units: collected.units.into_iter().map(|u| u.unit).collect(),
                unused_columns: Vec::new(),
            };
            let shown: Vec<String> = paths.iter().map(|p| display_path(p)).collect();
            let joined = PathBuf::from(shown.join(", "));
            let keep = to.format().needs().keep;
            let order = VietnameseOrder::new();
            let eval = engine::compact::rank_dataset(&loaded.set, &dataset, keep, &order)
                .map_err(score_refused(&joined))?;
            let stamp = stamp(&loaded, Some((&joined, Some(&sha256))));
            let cx = context(&loaded.set, env, &stamp, &profile, output);
            to.emit(&cx, &Document::Ranking(&eval))
        }
        _ => Ok(()),
    }
}

/// Leaves `output` out of `paths` when a folder or pattern in `args` found
/// it and `earlier` says it is this command's own output from an earlier
/// run. A file named on the command line stays an input, and so does any
/// other file found: neither is replaced, even with `--force`.
fn leave_out_earlier_output(
    paths: &mut Vec<PathBuf>,
    args: &[String],
    output: &Path,
    earlier: impl Fn(&Path) -> bool,
) {
    let Ok(output) = output.canonicalize() else {
        return;
    };
    let named = args
        .iter()
        .any(|a| Path::new(a).canonicalize().is_ok_and(|p| p == output));
    if named || !earlier(&output) {
        return;
    }
    paths.retain(|p| p.canonicalize().map_or(true, |p| p != output));
}

/// Is `path` a combined file `collect` wrote: its header ends with the
/// columns that say where each unit came from?
fn is_combined(path: &Path) -> bool {
    // Bounded as every ward's file is: a larger one is no combined file.
    let Ok(Some(bytes)) = read_whole(path) else {
        return false;
    };
    let header: Vec<String> = if crate::load::workbook::is_workbook(&bytes) {
        match crate::load::workbook::read_workbook("", &bytes, None) {
            Ok(table) => table.header,
            Err(_) => return false,
        }
    } else {
        let text = String::from_utf8_lossy(&bytes);
        let line = text
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap_or_default();
        line.split(',').map(|c| c.trim().to_string()).collect()
    };
    header.ends_with(&crate::report::combined::PROVENANCE.map(String::from))
}

/// Files, folders (their data files, by name) and `*`/`?` patterns in a
/// file name, as the paths to read, each once.
fn expand(args: &[String]) -> Result<Vec<PathBuf>, Failure> {
    let mut out: Vec<PathBuf> = Vec::new();
    let data_file = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| DATA_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
    };
    for arg in args {
        let path = Path::new(arg);
        let listed = |dir: &Path, keep: &dyn Fn(&Path) -> bool| -> Result<Vec<PathBuf>, Failure> {
            let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
                .with_context(|| {
                    Said::new(FileMessage::CannotRead {
                        file: dir.display().to_string(),
                    })
                })?
                .filter_map(Result::ok)
                .map(|e| e.path())
                // Excel's lock file beside a workbook it has open ("~$…",
                // hidden on Windows) and this tool's own unfinished files
                // are nobody's data.
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                    !name.starts_with("~$") && !name.starts_with(".wardscore-")
                })
                .filter(|p| p.is_file() && keep(p))
                .collect();
            found.sort();
            Ok(found)
        };
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if path.is_dir() {
            out.extend(listed(path, &|p| data_file(p))?);
        } else if !path.exists() && name.contains(['*', '?']) {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let found = listed(dir, &|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| matches_pattern(name, n))
            })?;
            if found.is_empty() {
                return Err(Failure::usage(ArgMessage::NoFileMatches {
                    pattern: arg.clone(),
                }));
            }
            out.extend(found);
        } else {
            out.push(path.to_path_buf());
        }
    }
    out.dedup();
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
    if out.is_empty() {
        return Err(Failure::usage(ArgMessage::NoDataFile));
    }
    if out.len() > MAX_FILES {
        return Err(Failure::usage(ArgMessage::TooManyFiles {
            count: out.len(),
            max: MAX_FILES,
        }));
    }
    Ok(out)
}

/// `*` any run of characters, `?` one character; case as written.
fn matches_pattern(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    // The classic two-pointer match, with a single backtrack point.
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some(i);
            mark = j;
            i += 1;
        } else if let Some(s) = star {
            i = s + 1;
            mark += 1;
            j = mark;
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::matches_pattern;

    #[test]
    fn patterns_match_file_names() {
        assert!(matches_pattern("*.csv", "phuong-1.csv"));
        assert!(matches_pattern("phuong-?.xlsx", "phuong-2.xlsx"));
        assert!(!matches_pattern("*.csv", "phuong-1.xlsx"));
        assert!(matches_pattern("a*b*c", "axxbyyc"));
        assert!(!matches_pattern("a*b", "ab-c"));
    }
}
