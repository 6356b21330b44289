//! `wardscore check`: validate a criteria set and, if given, its data.

use super::messages::{RelativeCriterion, Summary};
use super::*;
use crate::model::{RelativeScope, Rule};

pub(super) fn run(
    criteria: &str,
    data: Option<&Path>,
    input: &DataOptions,
    env: &mut Env,
) -> Result<(), Failure> {
    let loaded = load_criteria(criteria, env)?;
    let linked = results::link(loaded, criteria, env)?;
    let lang = env.lang();
    let mut out = check_summary(&linked.loaded, lang);
    out.push_str(&relative_line(&linked.loaded.set, lang));
    out.push_str(&results::check_lines(&linked, lang));
    let reads_results = !linked.loaded.set.results.is_empty();
    if !input.stage.is_empty() {
        let path = stages::staged_path(input);
        let (loaded, data, sources) = results::load_data_with(linked, &path, input, env)?;
        out.push_str(&results::check_lines_with_data(&sources, lang));
        let (n, k) = (data.dataset.units.len(), input.stage.len());
        out.push_str(
            &RunMessage::StagesValid {
                stages: k,
                units: n,
            }
            .words(lang),
        );
        out.push_str(&stages::check_lines(&loaded.set, &data, lang));
    } else if let Some(path) = data
        && reads_results
    {
        let (_, data, sources) = results::load_data_with(linked, path, input, env)?;
        out.push_str(&results::check_lines_with_data(&sources, lang));
        let valid = RunMessage::DataValid {
            file: display_path(path),
            units: data.dataset.units.len(),
        };
        out.push_str(&valid.words(lang));
        if !data.dataset.unused_columns.is_empty() {
            out.push_str(&format!(
                "{}: {}\n",
                RunMessage::UnusedColumns.words(lang),
                data.dataset.unused_columns.join(", ")
            ));
        }
    } else if let Some(path) = data {
        results::check_args(&[&linked], &results::result_args(&input.result)?, &[path])?;
        // Every cell is checked; no unit needs keeping.
        let data = load_data_each(
            &linked.loaded.set,
            path,
            input,
            pipeline::read_whole(),
            // Nothing shows the file's hash.
            false,
            env,
            &mut |_, _| {},
        )?;
        let valid = RunMessage::DataValid {
            file: display_path(path),
            units: data.units,
        };
        out.push_str(&valid.words(lang));
        if !data.unused_columns.is_empty() {
            out.push_str(&format!(
                "{}: {}\n",
                RunMessage::UnusedColumns.words(lang),
                for_terminal(&data.unused_columns.join(", "))
            ));
        }
    } else if !input.result.is_empty() {
        return Err(Failure::usage(ArgMessage::ResultWithoutData));
    }
    if env.ui.quiet {
        return Ok(());
    }
    // On a terminal of known width, long lines wrap between words.
    if let Some(width) = env.ui.width {
        out = crate::report::table::wrap_lines(&out, usize::from(width), 2);
    }
    write_stdout(out.as_bytes())
}

/// For a set with `target` or `relative` rules: that a unit's points
/// depend on the other units of its scope, and which criteria do so.
fn relative_line(set: &CriteriaSet, lang: Lang) -> String {
    let criteria: Vec<RelativeCriterion> = set
        .criteria
        .iter()
        .filter_map(|c| {
            let relative = c.rule.relative()?;
            Some(RelativeCriterion {
                id: c.id.clone(),
                target: matches!(c.rule, Rule::Target(_)),
                cluster: matches!(relative.scope, RelativeScope::Cluster),
            })
        })
        .collect();
    if criteria.is_empty() {
        return String::new();
    }
    SetMessage::Relative { criteria }.words(lang).into_owned()
}

pub(super) fn check_summary(loaded: &LoadedSet, lang: Lang) -> String {
    let set = &loaded.set;
    let summary = Summary {
        source: loaded.shown(),
        id: set.id.clone(),
        title: set.title.clone(),
        criteria: set.criteria.len(),
        gates: set.gates.len(),
        adjustments: set.adjustments.len(),
        downgrades: set.downgrades.len(),
        exclusions: set.exclusions.len(),
        ratings: set.ratings.len(),
        total: set.full_max(),
    };
    SetMessage::Summary(Box::new(summary))
        .words(lang)
        .into_owned()
}
