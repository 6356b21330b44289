//! `wardscore compare`: periods, stages or versions of the rules side by side.

use super::*;

/// A version a `compare` run puts side by side: what produced it. Its
/// units, ranked in the one result store, go to the comparison as it is
/// ranked ([`engine::compare::Collector`]); the store is dropped after.
struct CompareVersion {
    loaded: LoadedSet,
    data: PathBuf,
    /// When the report shows it (see `report::Needs`).
    data_sha256: Option<String>,
    sources: Vec<ScoredSource>,
}

/// Each different text once, in order, joined for a stamp's field.
fn joined(texts: impl Iterator<Item = String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for s in texts {
        if !seen.contains(&s) {
            seen.push(s);
        }
    }
    seen.join("; ")
}

fn file_label(path: &str) -> VersionLabel {
    VersionLabel::Named(
        Path::new(path)
            .file_stem()
            .map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned()),
    )
}

/// A compared version's column heading: the user's label or a file's
/// name, or, for the rules as they are and as `--set` changes them, words
/// put in the report's language once its format is known.
#[derive(Debug, Clone, PartialEq, Eq)]
enum VersionLabel {
    Named(String),
    Original,
    WhatIf,
}

impl VersionLabel {
    /// JSON is read by programs: its labels are the same in every language.
    fn text(self, format: Format, lang: Lang) -> String {
        let lang = if format == Format::Json {
            Lang::En
        } else {
            lang
        };
        match self {
            VersionLabel::Named(label) => label,
            VersionLabel::Original => RunMessage::CompareOriginal.words(lang).into_owned(),
            VersionLabel::WhatIf => RunMessage::CompareWhatIf.words(lang).into_owned(),
        }
    }
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
    let mut plan: Vec<(VersionLabel, String, PathBuf, Vec<String>)> = Vec::new();
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
                plan.push((
                    VersionLabel::Original,
                    set.clone(),
                    PathBuf::from(one),
                    Vec::new(),
                ));
                plan.push((
                    VersionLabel::WhatIf,
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
            p.0 = VersionLabel::Named(l.trim().to_string());
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
    let to = Destination::prepare("compare", output, &inputs, env)?;
    let linked: Vec<(String, _, _)> = linked
        .into_iter()
        .map(|(label, version, data)| (label.text(to.format(), env.lang()), version, data))
        .collect();
    let needs = crate::report::Needs {
        keep: keep(unit),
        data_hash: to.format().needs().data_hash,
    };
    let Some(last_data) = linked.last().map(|v| v.2.clone()) else {
        return Err(usage());
    };
    let mut collector = engine::compare::Collector::new();
    let mut versions: Vec<CompareVersion> = Vec::new();
    // With --unit, the first version that knows the key decides which unit
    // it names; the versions before it wait, store and all, for that
    // (with no version knowing it, the first version's answer stands).
    let mut named: Option<Result<String, Failure>> = None;
    let mut unknown: Option<Failure> = None;
    let mut waiting: Vec<(String, crate::model::CompactEvaluation)> = Vec::new();
    for (label, version, data) in linked {
        let (version, eval) = rank_version(version, data, input, &args, needs, env)?;
        let at = versions.len();
        versions.push(version);
        let set = &versions[at].loaded.set;
        let Some(key) = unit else {
            collector
                .add(&label, set, &eval)
                .map_err(score_refused(&last_data))?;
            continue;
        };
        if named.is_none() {
            let units: Vec<(&str, &str)> = eval
                .units
                .iter()
                .map(|u| (eval.store.id(u), eval.store.name(u)))
                .collect();
            if matches!(lookup_unit(&units, key), Lookup::NotFound) {
                if at == 0 {
                    unknown = find_unit(&units, key, None).err();
                }
            } else {
                let found = find_unit(&units, key, None)
                    .map(|i| units.get(i).map_or_else(String::new, |u| u.0.to_string()));
                if let Ok(id) = &found {
                    collector.detail(id);
                }
                named = Some(found);
            }
        }
        match &named {
            Some(Ok(_)) => {
                for (k, (label, eval)) in waiting.drain(..).enumerate() {
                    collector
                        .add(&label, &versions[k].loaded.set, &eval)
                        .map_err(score_refused(&last_data))?;
                }
                collector
                    .add(&label, &versions[at].loaded.set, &eval)
                    .map_err(score_refused(&last_data))?;
            }
            Some(Err(_)) => {}
            None => waiting.push((label, eval)),
        }
    }
    match named {
        Some(Err(e)) => return Err(e),
        None if unit.is_some() => {
            return Err(unknown.unwrap_or_else(usage));
        }
        _ => {}
    }
    let Some(last) = versions.last() else {
        return Err(usage());
    };
    let mut comparison = collector.finish().map_err(score_refused(&last_data))?;
    if let Some(path) = lineage {
        let links = read_lineage(path, &comparison.units, input)?;
        comparison.lineage = engine::lineage::merged_units(&comparison.units, &links)
            .map_err(score_refused(&last_data))?;
    }
    // The stamp names every input: all criteria files and data files.
    let mut stamp = stamp(
        &last.loaded,
        Some((&last.data, last.data_sha256.as_deref())),
    );
    let join = |f: &dyn Fn(&CompareVersion) -> String| joined(versions.iter().map(f));
    stamp.criteria_file = join(&|v| v.loaded.source.clone());
    stamp.criteria_sources = versions.iter().map(|v| v.loaded.shown()).collect();
    stamp.criteria_sha256 = join(&|v| v.loaded.sha256.clone());
    stamp.data_file = Some(join(&|v| display_path(&v.data)));
    // Every version's, when the report shows them.
    stamp.data_sha256 = versions
        .iter()
        .map(|v| v.data_sha256.clone())
        .collect::<Option<Vec<String>>>()
        .map(|hashes| joined(hashes.into_iter()));
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
    compared: &engine::compare::Compared<'_>,
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
    crate::load::lineage::lineage(
        &table,
        |id| compared.in_earlier(id),
        |id| compared.in_last(id),
    )
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

/// Ranks one version into the one result store as the report `needs`, streamed as
/// `score` reads its data; a set that reads other sets' results is read
/// whole, with the `--result` files checked across every version.
fn rank_version(
    linked: results::LinkedSet,
    data: PathBuf,
    input: &DataOptions,
    args: &[(String, PathBuf)],
    needs: crate::report::Needs,
    env: &Env,
) -> Result<(CompareVersion, crate::model::CompactEvaluation), Failure> {
    if linked.sources.is_empty() {
        // Any --result serves another version: this one reads none.
        let own = DataOptions {
            result: Vec::new(),
            ..input.clone()
        };
        let ranked = pipeline::rank(linked, &data, &own, needs, env)?;
        let version = CompareVersion {
            loaded: ranked.loaded,
            data,
            data_sha256: ranked.data_sha256,
            sources: ranked.sources,
        };
        return Ok((version, ranked.eval));
    }
    let (loaded, data_file, sources) = results::load_data_scored(linked, &data, input, args, env)?;
    let eval = engine::compact::rank_dataset(
        &loaded.set,
        &data_file.dataset,
        needs.keep,
        &VietnameseOrder::new(),
    )
    .map_err(score_refused(&data))?;
    let version = CompareVersion {
        loaded,
        data,
        data_sha256: Some(data_file.sha256),
        sources,
    };
    Ok((version, eval))
}
