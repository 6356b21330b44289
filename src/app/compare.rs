//! `wardscore compare`: periods, stages or versions of the rules side by side.

use super::*;

/// A version a `compare` run puts side by side: its units ranked in the
/// one result store, with what produced them.
struct CompareVersion {
    label: String,
    loaded: LoadedSet,
    data: PathBuf,
    data_sha256: String,
    eval: crate::model::CompactEvaluation,
    sources: Vec<ScoredSource>,
}

fn file_label(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned())
}

#[allow(clippy::too_many_arguments)]
pub(super) fn run(
    files: &[String],
    criteria: &[String],
    labels: &[String],
    unit: Option<&str>,
    lineage: Option<&Path>,
    input: &DataOptions,
    output: &OutputOptions,
    what_if: &WhatIf,
    env: &mut Env,
) -> Result<(), Failure> {
    let usage = || Failure::usage(ArgMessage::CompareNeeds);
    if !input.stage.is_empty()
        && let [set] = files
    {
        return super::stages::compare_stages(set, labels, unit, input, output, what_if, env);
    }
    let mut plan: Vec<(String, String, PathBuf, Vec<String>)> = Vec::new();
    if !criteria.is_empty() {
        let [data] = files else {
            return Err(usage());
        };
        if criteria.len() < 2 {
            return Err(usage());
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
            return Err(usage());
        };
        match data {
            [one] if !what_if.set.is_empty() => {
                let l = env.lang();
                plan.push((
                    RunMessage::CompareOriginal.words(l).into_owned(),
                    set.clone(),
                    PathBuf::from(one),
                    Vec::new(),
                ));
                plan.push((
                    RunMessage::CompareWhatIf.words(l).into_owned(),
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
            _ => return Err(usage()),
        }
    }
    if !labels.is_empty() {
        if labels.len() != plan.len() {
            let (got, want) = (labels.len(), plan.len());
            return Err(Failure::usage(ArgMessage::LabelsForColumns { got, want }));
        }
        for (p, l) in plan.iter_mut().zip(labels) {
            p.0 = l.trim().to_string();
        }
    }
    let stdin_twice = plan.iter().filter(|p| p.2 == Path::new("-")).count() > 1;
    if stdin_twice {
        return Err(Failure::usage(ArgMessage::StdinOnce));
    }
    let mut linked = Vec::new();
    for (label, set, data, overrides) in plan {
        let loaded = load_criteria(&set, env)?;
        let mut version = results::link(loaded, &set, env)?;
        version.loaded = version.loaded.with_overrides(&overrides)?;
        linked.push((label, version, data));
    }
    // Each --result serves every version whose set reads that prefix.
    let args = results::result_args(&input.result)?;
    let trees: Vec<&results::LinkedSet> = linked.iter().map(|v| &v.1).collect();
    let data_files: Vec<&Path> = linked.iter().map(|v| v.2.as_path()).collect();
    results::check_args(&trees, &args, &data_files)?;
    let inputs = Inputs::of(
        linked
            .iter()
            .flat_map(|(_, version, data)| {
                results::criteria_files(version)
                    .into_iter()
                    .chain([data.as_path()])
            })
            .chain(args.iter().map(|(_, data)| data.as_path()))
            .chain(lineage)
            .map(Some),
    );
    let to = Destination::prepare(output, &inputs, env)?;
    let keep = keep(unit);
    let mut versions = Vec::new();
    for (label, version, data) in linked {
        versions.push(rank_version(label, version, data, input, &args, keep, env)?);
    }
    let unit_id = match unit {
        None => None,
        Some(key) => {
            let lists: Vec<Vec<(&str, &str)>> = versions
                .iter()
                .map(|v| {
                    let eval = &v.eval;
                    eval.units
                        .iter()
                        .map(|u| (eval.store.id(u), eval.store.name(u)))
                        .collect()
                })
                .collect();
            // The first version that knows the key decides.
            let units = lists
                .iter()
                .find(|units| !matches!(lookup_unit(units, key), Lookup::NotFound))
                .or(lists.first());
            match units {
                Some(units) => {
                    let at = find_unit(units, key, None)?;
                    units.get(at).map(|(id, _)| id.to_string())
                }
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
    let Some(last) = versions.last() else {
        return Err(usage());
    };
    let mut comparison =
        engine::compare::compare(&refs, unit_id.as_deref()).map_err(score_refused(&last.data))?;
    if let Some(path) = lineage {
        let links = read_lineage(path, &refs, input)?;
        comparison.lineage =
            engine::lineage::merged_units(&refs, &links).map_err(score_refused(&last.data))?;
    }
    // The stamp names every input: all criteria files and data files.
    let mut stamp = stamp(&last.loaded, Some((&last.data, &last.data_sha256)));
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
    stamp.criteria_file_shown = messages::both(&SetMessage::Sources {
        sources: versions.iter().map(|v| v.loaded.shown()).collect(),
    });
    stamp.criteria_sha256 = join(&|v| v.loaded.sha256.clone());
    stamp.data_file = Some(join(&|v| display_path(&v.data)));
    stamp.data_sha256 = Some(join(&|v| v.data_sha256.clone()));
    for v in &versions {
        results::stamp_results(&mut stamp, &v.sources);
    }
    let profile = set_profile(&last.loaded.set);
    let cx = context(&last.loaded.set, env, &stamp, &profile, output);
    to.emit(&cx, &Document::Comparison(&comparison))
}

/// The lineage file, checked against the units of the periods compared:
/// old ids against the earlier ones, new ids against the last.
fn read_lineage(
    path: &Path,
    versions: &[engine::compare::Version<'_>],
    input: &DataOptions,
) -> Result<Vec<crate::model::LineageLink>, Failure> {
    let shown = display_path(path);
    let Some(bytes) = read_whole(path)? else {
        let list = messages::WholeFile::LineageList;
        return Err(Failure::Rejected(
            vec![too_large_to_read_whole(&shown, list)].into(),
        ));
    };
    let encoding = read_options(input)?.encoding;
    let table = crate::load::table::read_csv_bytes(&shown, &bytes, encoding, None)
        .map_err(|problems| Failure::Rejected(problems.into()))?;
    let Some((last, earlier)) = versions.split_last() else {
        return Ok(Vec::new());
    };
    let (old, new) = (unit_ids(earlier), unit_ids(std::slice::from_ref(last)));
    crate::load::lineage::lineage(&table, |id| old.contains(id), |id| new.contains(id))
        .map_err(Failure::Rejected)
}

/// What a comparison keeps of each unit: points, ranks and ratings; and,
/// for one unit's criteria side by side (`--unit`), the values they are
/// re-scored from.
pub(super) fn keep(unit: Option<&str>) -> Keep {
    if unit.is_some() {
        Keep::Values
    } else {
        Keep::Points
    }
}

/// The ids of every unit in `versions`.
fn unit_ids<'a>(versions: &[engine::compare::Version<'a>]) -> std::collections::HashSet<&'a str> {
    versions
        .iter()
        .flat_map(|v| v.eval.units.iter().map(|u| v.eval.store.id(u)))
        .collect()
}

/// Ranks one version into the one result store keeping `keep`, streamed as
/// `score` reads its data; a set that reads other sets' results is read
/// whole, with the `--result` files checked across every version.
fn rank_version(
    label: String,
    linked: results::LinkedSet,
    data: PathBuf,
    input: &DataOptions,
    args: &[(String, PathBuf)],
    keep: Keep,
    env: &Env,
) -> Result<CompareVersion, Failure> {
    if linked.sources.is_empty() {
        // Any --result serves another version: this one reads none.
        let own = DataOptions {
            result: Vec::new(),
            ..input.clone()
        };
        let ranked = pipeline::rank(linked, &data, &own, keep, env)?;
        return Ok(CompareVersion {
            label,
            loaded: ranked.loaded,
            data,
            data_sha256: ranked.data_sha256,
            eval: ranked.eval,
            sources: ranked.sources,
        });
    }
    let (loaded, data_file, sources) = results::load_data_scored(linked, &data, input, args, env)?;
    let eval = engine::compact::rank_dataset(
        &loaded.set,
        &data_file.dataset,
        keep,
        &VietnameseOrder::new(),
    )
    .map_err(score_refused(&data))?;
    Ok(CompareVersion {
        label,
        loaded,
        data,
        data_sha256: data_file.sha256,
        eval,
        sources,
    })
}
