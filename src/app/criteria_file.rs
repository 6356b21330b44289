//! Reading a criteria file: never more than a criteria file can be.

use std::io::Read;
use std::path::Path;

use anyhow::Context as _;

use super::Failure;
use super::messages::{FileMessage, both};
use crate::i18n::Said;
use crate::load::criteria::{MAX_CRITERIA, MAX_CRITERIA_BYTES};
use crate::load::{Problem, Rejected};

/// A criteria file's text, read only up to the size no criteria file
/// reaches: a larger one is refused without reading the rest.
pub(super) fn read_criteria_file(arg: &str, path: &Path) -> Result<String, Failure> {
    let shown = path.display().to_string();
    let cannot_read = || {
        Said::new(FileMessage::CannotRead {
            file: shown.clone(),
        })
    };
    let file = std::fs::File::open(path).with_context(cannot_read)?;
    let mut bytes = Vec::new();
    file.take(MAX_CRITERIA_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(cannot_read)?;
    if looks_like_data(&bytes) {
        return Err(Failure::usage(FileMessage::DataForCriteria { file: shown }));
    }
    if bytes.len() > MAX_CRITERIA_BYTES {
        let too_large = FileMessage::CriteriaTooLarge {
            max_mb: MAX_CRITERIA_BYTES >> 20,
            max_criteria: MAX_CRITERIA,
        };
        return Err(Failure::Rejected(Rejected::from(vec![Problem::new(
            arg,
            both(&too_large),
        )])));
    }
    String::from_utf8(bytes).map_err(|e| {
        // TOML is UTF-8: a file saved in another encoding (Windows-1258,
        // TCVN3) is named at its first byte that is not.
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let bad = e.as_bytes().get(valid.len()).copied().unwrap_or_default();
        Failure::Rejected(Rejected::from(vec![
            Problem::new(arg, both(&FileMessage::CriteriaNotUtf8 { byte: bad })).at_line(line),
        ]))
    })
}

/// A data table given where a criteria file belongs (the arguments swapped):
/// a spreadsheet's first bytes, or a first line that is a delimited header
/// rather than TOML. The content decides, not the name: a criteria file
/// may be named anything.
fn looks_like_data(bytes: &[u8]) -> bool {
    // ZIP (xlsx, ods) and OLE2 (xls) signatures; UTF-16 byte-order marks.
    let signatures: [&[u8]; 4] = [b"PK\x03\x04", b"\xD0\xCF\x11\xE0", b"\xFF\xFE", b"\xFE\xFF"];
    if signatures.iter().any(|s| bytes.starts_with(s)) {
        return true;
    }
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    first.is_some_and(|line| {
        !line.contains('=')
            && !line.starts_with('[')
            && [',', ';', '\t']
                .iter()
                .any(|d| line.matches(*d).count() >= 2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_are_told_from_criteria_files() {
        let toml = b"# a set\nformat = 1\n[set]\nid = \"a,b,c\"\n";
        assert!(!looks_like_data(toml));
        assert!(looks_like_data(b"ma,ten,cum,a\nV1,X,1,2\n"));
        assert!(looks_like_data(b"\xEF\xBB\xBFma;ten;cum\n"));
        assert!(looks_like_data(b"PK\x03\x04rest"));
    }
}
