//! `wardscore check`: validate a criteria set and, if given, its data.

use super::*;

pub(super) fn run(
    criteria: &str,
    data: Option<&Path>,
    input: &DataOptions,
    lang: &mut Option<Lang>,
) -> Result<(), Failure> {
    let loaded = load_criteria(criteria, lang)?;
    let linked = results::link(loaded, criteria)?;
    let lang = lang.unwrap_or_default();
    let mut out = check_summary(&linked.loaded, lang);
    out.push_str(&results::check_lines(&linked, lang));
    let reads_results = !linked.loaded.set.results.is_empty();
    if let Some(path) = data
        && reads_results
    {
        let (_, data, sources) = results::load_data_with(linked, path, input, lang)?;
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
        let alongside = pipeline::parse_alongside();
        let data = load_data_each(&linked.loaded.set, path, input, alongside, &mut |_, _| {})?;
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
    if ui().quiet {
        return Ok(());
    }
    write_stdout(out.as_bytes())
}

pub(super) fn check_summary(loaded: &LoadedSet, lang: Lang) -> String {
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
