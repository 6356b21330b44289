//! `--stage LABEL=FILE`: the data as review stages (tự chấm → thẩm định
//! → phúc tra) left it, in place of DATA. Reading each stage's file is
//! here; merging them is `load::stages`, the points that moved are
//! `engine::stages`.

use std::sync::Arc;

use crate::cli::CollectCommand;
use crate::load::stages::{StageTable, merge, stage_file_name};
use crate::load::table::read_csv_bytes;
use crate::load::workbook::{is_workbook, read_workbook};
use crate::model::Staging;

use super::*;

/// The stages asked for, as (label, file), earliest first.
pub(super) fn stage_args(args: &[String]) -> Result<Vec<(String, PathBuf)>, Failure> {
    let mut out: Vec<(String, PathBuf)> = Vec::new();
    for arg in args {
        let Some((label, file)) = arg
            .split_once('=')
            .map(|(l, f)| (l.trim(), f.trim()))
            .filter(|(l, f)| !l.is_empty() && !f.is_empty())
        else {
            return Err(Failure::usage(ArgMessage::StageSyntax { arg: arg.clone() }));
        };
        if out.iter().any(|(l, _)| l == label) {
            return Err(Failure::usage(ArgMessage::StageTwice {
                label: label.to_string(),
            }));
        }
        if file == "-" {
            return Err(Failure::usage(ArgMessage::StageFromStdin));
        }
        out.push((label.to_string(), PathBuf::from(file)));
    }
    Ok(out)
}

/// Refuses DATA (or more data files) given together with --stage.
pub(super) fn refuse_data_with_stages(command: &Command) -> Result<(), Failure> {
    let (staged, data) = match command {
        Command::Score {
            data, more, input, ..
        } => (!input.stage.is_empty(), data.is_some() || !more.is_empty()),
        Command::Sensitivity { data, input, .. } => (!input.stage.is_empty(), data.is_some()),
        Command::Explain { unit, input, .. } => (!input.stage.is_empty(), unit.is_some()),
        Command::Check {
            data, more, input, ..
        } => (!input.stage.is_empty(), data.is_some() || !more.is_empty()),
        Command::Compare {
            files,
            criteria,
            lineage,
            input,
            ..
        } => {
            if input.stage.is_empty() {
                return Ok(());
            }
            stage_args(&input.stage)?;
            if files.len() != 1 || !criteria.is_empty() || lineage.is_some() {
                return Err(Failure::usage(ArgMessage::CompareStagesUsage));
            }
            return Ok(());
        }
        Command::Collect(CollectCommand { input, .. }) => {
            if input.stage.is_empty() {
                return Ok(());
            }
            return Err(Failure::usage(ArgMessage::CollectTakesNoStage));
        }
        _ => return Ok(()),
    };
    if staged {
        stage_args(stages_of(command))?;
    }
    if staged && data {
        return Err(Failure::usage(ArgMessage::StageWithData));
    }
    Ok(())
}

fn stages_of(command: &Command) -> &[String] {
    match command {
        Command::Score { input, .. }
        | Command::Sensitivity { input, .. }
        | Command::Explain { input, .. }
        | Command::Check { input, .. } => &input.stage,
        _ => &[],
    }
}

/// How a staged run's data is named in the stamp and in messages:
/// `Tự chấm=a.xlsx, Thẩm định=b.xlsx`.
pub(super) fn staged_path(input: &DataOptions) -> PathBuf {
    PathBuf::from(input.stage.join(", "))
}

/// DATA, or the stages' name when they replace it.
pub(super) fn data_or_stages(data: Option<&Path>, input: &DataOptions) -> PathBuf {
    data.map_or_else(|| staged_path(input), Path::to_path_buf)
}

/// The stage files, for the files a run's output may not replace.
pub(super) fn stage_files(input: &DataOptions) -> Vec<&Path> {
    input
        .stage
        .iter()
        .filter_map(|arg| arg.split_once('='))
        .map(|(_, file)| Path::new(file.trim()))
        .collect()
}

/// Reads every stage and merges them; every problem of every stage at once.
pub(super) fn load_staged(
    set: &CriteriaSet,
    input: &DataOptions,
    env: &Env,
) -> Result<DataFile, Failure> {
    let lang = env.lang();
    // Checked in the language of the run before anything was read.
    let args = stage_args(&input.stage)?;
    let options = read_options(input)?;
    let mut tables = Vec::new();
    let mut problems = Vec::new();
    for (label, path) in &args {
        let file = display_path(path);
        let Some(bytes) = read_whole(path)? else {
            problems.push(too_large_to_read_whole(
                &stage_file_name(&file, label),
                messages::WholeFile::StageData,
            ));
            continue;
        };
        let sha256 = sha256_hex(&bytes);
        let shown = stage_file_name(&file, label);
        let table = if is_workbook(&bytes) {
            read_workbook(&shown, &bytes, options.sheet.as_deref())
        } else {
            read_csv_bytes(&shown, &bytes, options.encoding, options.delimiter)
        };
        match table {
            Ok(table) => {
                env.verbose(Detail::StageRead {
                    name: &shown,
                    rows: table.rows.len(),
                    columns: table.header.len(),
                });
                tables.push(StageTable {
                    label: label.clone(),
                    data_file: file,
                    sha256,
                    table,
                });
            }
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Rejected(problems.into()));
    }
    let merged = merge(set, &tables, options.decimal)?;
    warnings::handle(&merged.warnings, input.strict, lang)?;
    let (dataset, staging) = (merged.dataset, merged.staging);
    let mut hasher = Sha256::new();
    for t in &tables {
        hasher.update(t.sha256.as_bytes());
    }
    Ok(DataFile {
        dataset,
        sha256: hex(hasher),
        staging: Some(staging),
    })
}

/// Fills the data as earlier stages left it with the other sets' figures,
/// as the merged data was, so it scores the same way.
pub(super) fn fill_earlier(
    set: &CriteriaSet,
    data_file: &mut DataFile,
    data: &Path,
    sources: &[ScoredSource],
) -> Result<(), Failure> {
    if let Some(staging) = &mut data_file.staging {
        for earlier in staging.as_of.iter_mut().flatten() {
            results::fill(set, earlier, data, sources)?;
        }
    }
    Ok(())
}

/// Adds the stages, and what each later one changed with the points that
/// moved, to the stamp every renderer reads.
pub(super) fn stamp_stages(stamp: &mut Stamp, set: &CriteriaSet, data_file: &DataFile) {
    if let Some(staging) = &data_file.staging {
        let mut staging: Staging = staging.clone();
        staging.changes = engine::stages::changes(set, &data_file.dataset, &staging);
        stamp.stages = staging.stages.clone();
        stamp.staging = Some(Arc::new(staging));
    }
}

/// What `check` says about the stages: each stage and how many cells the
/// later ones changed.
pub(super) fn check_lines(set: &CriteriaSet, data_file: &DataFile, lang: Lang) -> String {
    let Some(staging) = &data_file.staging else {
        return String::new();
    };
    let changes = engine::stages::changes(set, &data_file.dataset, staging);
    let mut out = String::new();
    for (i, s) in staging.stages.iter().enumerate() {
        let changed = changes.iter().filter(|c| c.stage == i).count();
        let (label, file) = (&s.stage, for_terminal(&s.data_file));
        let n = i + 1;
        let line = if i == 0 {
            format!("  {n}. {label}: {file}\n")
        } else {
            RunMessage::StageChanged {
                n,
                label: label.clone(),
                file: file.into_owned(),
                changed,
            }
            .words(lang)
            .into_owned()
        };
        out.push_str(&line);
    }
    out
}

/// `compare CRITERIA --stage … --stage …`: the ranking as each stage left
/// the data, side by side (a column per stage).
#[allow(clippy::too_many_arguments)]
pub(super) fn compare_stages(
    criteria: &str,
    labels: &[String],
    unit: Option<&str>,
    input: &DataOptions,
    output: &OutputOptions,
    what_if: &WhatIf,
    env: &mut Env,
) -> Result<(), Failure> {
    let linked = load_linked(criteria, what_if, env)?;
    let path = staged_path(input);
    let to = Destination::prepare(
        "compare",
        output,
        &run_inputs(&linked, &path, input, None),
        env,
    )?;
    let (loaded, data_file, sources) = results::load_data_with(linked, &path, input, env)?;
    let Some(staging) = &data_file.staging else {
        return Ok(());
    };
    if !labels.is_empty() && labels.len() != staging.stages.len() {
        let (got, want) = (labels.len(), staging.stages.len());
        return Err(Failure::usage(ArgMessage::LabelsForStages { got, want }));
    }
    let last = staging.stages.len() - 1;
    let keep = super::compare::keep(unit);
    let mut evals = Vec::new();
    for (k, stage) in staging.stages.iter().enumerate() {
        let data = if k == last {
            Some(&data_file.dataset)
        } else {
            staging.as_of.get(k).and_then(Option::as_ref)
        };
        let Some(data) = data else {
            let label = &stage.stage;
            let file = stage_file_name(&stage.data_file, label);
            return Err(Failure::Rejected(
                vec![crate::load::Problem::new(
                    file,
                    RunMessage::StageUnscorable {
                        label: label.clone(),
                    },
                )]
                .into(),
            ));
        };
        evals.push(
            engine::compact::rank_dataset(&loaded.set, data, keep, &VietnameseOrder::new())
                .map_err(super::score_refused(&path))?,
        );
    }
    let names: Vec<String> = if labels.is_empty() {
        staging.stages.iter().map(|s| s.stage.clone()).collect()
    } else {
        labels.iter().map(|l| l.trim().to_string()).collect()
    };
    let refs: Vec<engine::compare::Version<'_>> = names
        .iter()
        .zip(&evals)
        .map(|(label, eval)| engine::compare::Version {
            label,
            set: &loaded.set,
            eval,
        })
        .collect();
    let unit_id = match (unit, evals.last()) {
        (Some(key), Some(eval)) => {
            let units: Vec<(&str, &str)> = eval
                .units
                .iter()
                .map(|u| (eval.store.id(u), eval.store.name(u)))
                .collect();
            let at = find_unit(&units, key, None)?;
            units.get(at).map(|(id, _)| id.to_string())
        }
        _ => None,
    };
    let comparison =
        engine::compare::compare(&refs, unit_id.as_deref()).map_err(super::score_refused(&path))?;
    let mut stamp = stamp(&loaded, Some((&path, Some(&data_file.sha256))));
    results::stamp_results(&mut stamp, &sources);
    stamp_stages(&mut stamp, &loaded.set, &data_file);
    let profile = set_profile(&loaded.set);
    let cx = context(&loaded.set, env, &stamp, &profile, output);
    to.emit(&cx, &Document::Comparison(&comparison))
}
