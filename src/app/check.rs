//! `wardscore check`: validate a criteria set and, if given, its data.

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
        out.push_str(&match lang {
            Lang::Vi => format!("✓ {k} giai đoạn: {n} đơn vị, số liệu hợp lệ\n"),
            Lang::En => format!("✓ {k} stages: {n} units, all values valid\n"),
        });
        out.push_str(&stages::check_lines(&loaded.set, &data, lang));
    } else if let Some(path) = data
        && reads_results
    {
        let (_, data, sources) = results::load_data_with(linked, path, input, env)?;
        out.push_str(&results::check_lines_with_data(&sources, lang));
        let shown = display_path(path);
        let n = data.dataset.units.len();
        out.push_str(&match lang {
            Lang::Vi => format!("✓ {shown}: {n} đơn vị, số liệu hợp lệ\n"),
            Lang::En => format!("✓ {shown}: {n} units, all values valid\n"),
        });
        if !data.dataset.unused_columns.is_empty() {
            out.push_str(&format!(
                "{}: {}\n",
                lang.pick("Cột không dùng đến", "Unused columns"),
                data.dataset.unused_columns.join(", ")
            ));
        }
    } else if let Some(path) = data {
        results::check_args(
            &[&linked],
            &results::result_args(&input.result, lang)?,
            &[path],
            lang,
        )?;
        // Every cell is checked; no unit needs keeping.
        let data = load_data_each(
            &linked.loaded.set,
            path,
            input,
            pipeline::read_whole(),
            env,
            &mut |_, _| {},
        )?;
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
    } else if !input.result.is_empty() {
        return Err(Failure::Usage(anyhow!(
            "{}",
            lang.pick(
                "--result chỉ dùng khi có tệp số liệu: wardscore check BỘ_TIÊU_CHÍ TỆP_SỐ_LIỆU --result TIỀN_TỐ=TỆP",
                "--result is used only with a data file: wardscore check CRITERIA DATA --result PREFIX=FILE"
            )
        )));
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
    let listed: Vec<String> = set
        .criteria
        .iter()
        .filter_map(|c| {
            let relative = c.rule.relative()?;
            let kind = match &c.rule {
                Rule::Target(_) => lang.pick("chỉ tiêu", "target"),
                _ => lang.pick("so với đơn vị dẫn đầu", "relative to the best"),
            };
            let scope = match relative.scope {
                RelativeScope::Cluster => lang.pick("trong từng cụm", "within each cluster"),
                RelativeScope::All => lang.pick("trên tất cả đơn vị", "across all units"),
            };
            Some(format!("{} ({kind}, {scope})", for_terminal(&c.id)))
        })
        .collect();
    if listed.is_empty() {
        return String::new();
    }
    let listed = listed.join(", ");
    match lang {
        Lang::Vi => format!(
            "  Chấm tương đối: điểm của một đơn vị phụ thuộc số liệu của các đơn vị khác cùng phạm vi ở {listed}\n"
        ),
        Lang::En => format!(
            "  Relative set: a unit's points depend on the other units of its scope in {listed}\n"
        ),
    }
}

pub(super) fn check_summary(loaded: &LoadedSet, lang: Lang) -> String {
    let set = &loaded.set;
    let source = loaded.shown_source().get(lang).to_string();
    let (src, id, title) = (
        for_terminal(&source),
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
    // Named only in sets that have them, so other summaries read as before.
    let (h, x) = (set.downgrades.len(), set.exclusions.len());
    let conditions = match (lang, h, x) {
        (_, 0, 0) => String::new(),
        (Lang::Vi, ..) => format!(" {h} điều kiện hạ bậc, {x} điều kiện chưa xét,"),
        (Lang::En, ..) => format!(" {h} downgrade(s), {x} exclusion(s),"),
    };
    match lang {
        Lang::Vi => format!(
            "✓ {src}: bộ \"{id}\" ({title}): {c} tiêu chí, {g} tiêu chí loại trừ, {a} khoản điểm thưởng/trừ,{conditions} {r} xếp loại; tổng {total} điểm\n"
        ),
        Lang::En => format!(
            "✓ {src}: set \"{id}\" ({title}): {c} criteria, {g} gates, {a} adjustments,{conditions} {r} ratings; {total} points in all\n"
        ),
    }
}
