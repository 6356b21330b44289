//! `wardscore criteria`: the criteria set as a document.

use super::*;

pub(super) fn run(criteria: &str, output: &OutputOptions, env: &mut Env) -> Result<(), Failure> {
    let loaded = load_criteria(criteria, env)?;
    let inputs = Inputs::of([loaded.path()]);
    let to = Destination::prepare("criteria", output, &inputs, env)?;
    let stamp = stamp(&loaded, None);
    let profile = set_profile(&loaded.set);
    let cx = context(&loaded.set, env, &stamp, &profile, output);
    to.emit(&cx, &Document::Criteria)
}
