//! Reading a criteria file: never more than a criteria file can be.

use std::io::Read;
use std::path::Path;

use anyhow::Context as _;

use super::Failure;
use crate::load::criteria::{MAX_CRITERIA, MAX_CRITERIA_BYTES};
use crate::load::{Problem, Rejected};
use crate::text;

/// A criteria file's text, read only up to the size no criteria file
/// reaches: a larger one is refused without reading the rest.
pub(super) fn read_criteria_file(arg: &str, path: &Path) -> Result<String, Failure> {
    let cannot_read = || format!("cannot read / không đọc được {}", path.display());
    let file = std::fs::File::open(path).with_context(cannot_read)?;
    let mut bytes = Vec::new();
    file.take(MAX_CRITERIA_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(cannot_read)?;
    if bytes.len() > MAX_CRITERIA_BYTES {
        let max = MAX_CRITERIA_BYTES >> 20;
        return Err(Failure::Rejected(Rejected::from(vec![Problem::new(
            arg,
            text!(
                vi: "tệp tiêu chí lớn hơn {max} MB; đây không phải tệp tiêu chí (bộ lớn nhất được phép, {MAX_CRITERIA} tiêu chí, chỉ vài MB)",
                en: "the criteria file is larger than {max} MB; this is not a criteria file (the largest set allowed, {MAX_CRITERIA} criteria, takes a few MB)"
            ),
        )])));
    }
    Ok(String::from_utf8(bytes)
        .map_err(|e| e.utf8_error())
        .with_context(cannot_read)?)
}
