//! `wardscore criteria`: the criteria set as a document.

use super::*;

pub(super) fn run(
    criteria: &str,
    output: &OutputOptions,
    lang: &mut Option<Lang>,
) -> Result<(), Failure> {
    let loaded = load_criteria(criteria, lang)?;
    let inputs = Inputs::of([loaded.path()]);
    let to = Destination::prepare(output, &inputs, lang.unwrap_or_default())?;
    let stamp = stamp(&loaded, None);
    let profile = set_profile(&loaded.set);
    let cx = context(&loaded.set, *lang, &stamp, &profile, output);
    to.emit(&cx, &Document::Criteria)
}
