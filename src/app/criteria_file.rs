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
    let shown = path.display();
    let cannot_read = || crate::said!(vi: "không đọc được {shown}", en: "cannot read {shown}");
    let file = std::fs::File::open(path).with_context(cannot_read)?;
    let mut bytes = Vec::new();
    file.take(MAX_CRITERIA_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(cannot_read)?;
    if looks_like_data(&bytes) {
        return Err(Failure::Usage(
            crate::said!(
                vi: "{shown} là tệp số liệu, không phải tệp tiêu chí: có phải đã đảo thứ tự hai tham số? Bộ tiêu chí đứng trước, tệp số liệu đứng sau: wardscore score BỘ_TIÊU_CHÍ SỐ_LIỆU",
                en: "{shown} is a data file, not a criteria file: is the order of the arguments swapped? The criteria set comes first, then the data: wardscore score CRITERIA DATA",
            )
            .into(),
        ));
    }
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
    String::from_utf8(bytes).map_err(|e| {
        // TOML is UTF-8: a file saved in another encoding (Windows-1258,
        // TCVN3) is named at its first byte that is not.
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let bad = e.as_bytes().get(valid.len()).copied().unwrap_or_default();
        Failure::Rejected(Rejected::from(vec![
            Problem::new(
                arg,
                text!(
                    vi: "tệp tiêu chí không phải UTF-8 (byte 0x{bad:02X}); hãy lưu lại tệp với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8)",
                    en: "the criteria file is not UTF-8 (byte 0x{bad:02X}); save it again as UTF-8 (in Notepad: Save as… → Encoding: UTF-8)"
                ),
            )
            .at_line(line),
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
