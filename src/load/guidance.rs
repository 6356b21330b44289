//! Guidance when a data file does not fit its criteria set: rather than a
//! "missing column" error for every column, say what is wrong with the file
//! as a whole: read in the wrong encoding or line endings, split on the
//! wrong delimiter, a title above the header, or meant for another set.

use super::messages::DataMessage as D;
use super::shipped::SHIPPED;
use crate::model::CriteriaSet;

/// Lines after the header searched for the real header (below title rows).
pub(crate) const HEADER_SEARCH_LINES: usize = 30;

/// Every column a set needs in a data file.
fn needed(set: &CriteriaSet) -> impl Iterator<Item = &str> {
    [
        Some(&set.columns.id),
        Some(&set.columns.name),
        set.columns.cluster.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .chain(set.inputs.iter().map(|i| i.column.as_str()))
}

/// A header that says the whole file was read wrongly: it replaces every
/// other problem with the header.
pub(crate) fn misread_file(header: &[String]) -> Option<D> {
    let text: String = header.concat();
    let nuls = text.chars().filter(|&c| c == '\0').count();
    if nuls > 0 && nuls * 3 >= text.chars().count() {
        // "m\0a\0": little-endian; "\0m\0a": big-endian.
        let first = header.iter().find(|h| !h.is_empty())?;
        let encoding = if first.starts_with('\0') {
            "utf-16be"
        } else {
            "utf-16le"
        };
        return Some(D::Utf16WithoutBom { encoding });
    }
    if header.iter().any(|h| h.contains('\r')) {
        return Some(D::CrLineEndings);
    }
    None
}

/// Hints for a header missing some of the set's columns: the delimiter
/// that would split it into them, and a shipped set that it fits.
pub(crate) fn missing_column_hints(set: &CriteriaSet, header: &[String], file: &str) -> Vec<D> {
    let mut out = Vec::new();
    let wanted: Vec<&str> = needed(set).collect();
    let found = |cells: &[&str]| wanted.iter().filter(|w| cells.contains(w)).count();
    let current: Vec<&str> = header.iter().map(String::as_str).collect();
    let now = found(&current);
    // A header read as one cell holds the real delimiter inside it.
    if let [only] = header {
        let best = [(',', ","), (';', ";"), ('\t', "\\t"), ('|', "|")]
            .into_iter()
            .map(|(d, shown)| {
                let cells: Vec<&str> = only.split(d).map(str::trim).collect();
                (found(&cells), shown)
            })
            .max_by_key(|(n, _)| *n);
        if let Some((n, shown)) = best
            && n > now
            && n >= 2
        {
            out.push(D::WrongDelimiter { shown, n });
        }
    }
    for (id, file_name, source) in SHIPPED {
        if *id == set.id {
            continue;
        }
        let Ok(other) = super::parse_criteria(file_name, source) else {
            continue;
        };
        if needed(&other).all(|c| current.contains(&c)) {
            out.push(D::FitsShippedSet {
                id: id.to_string(),
                file: file.to_string(),
            });
        }
    }
    out
}

/// Does this row hold the header the set expects (its id and name columns)?
pub(crate) fn is_header_row(set: &CriteriaSet, cells: &[impl AsRef<str>]) -> bool {
    let has = |name: &str| {
        cells
            .iter()
            .any(|c| super::text::normalize_cow(c.as_ref()) == name)
    };
    has(&set.columns.id) && has(&set.columns.name)
}

/// The header found on a later line, below a title. Every line between
/// counts, blank ones too: a title cell may hold a line break, and telling
/// the user to delete fewer lines would leave half of it.
pub(crate) fn header_below_title(found: usize, header_line: usize, title: &str) -> D {
    let above = found.saturating_sub(header_line);
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" (\"{title}\")")
    };
    D::HeaderBelowTitle {
        found,
        header_line,
        above,
        title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Message};

    fn cells(s: &[&str]) -> Vec<String> {
        s.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn utf16_and_cr_only_headers_are_recognised() {
        let le = misread_file(&cells(&["m\0a\0", "\0t\0e\0n\0"])).unwrap();
        assert!(le.words(Lang::En).contains("--encoding utf-16le"));
        let be = misread_file(&cells(&["\0m\0a", "\0t\0e\0n"])).unwrap();
        assert!(be.words(Lang::En).contains("--encoding utf-16be"));
        assert!(
            misread_file(&cells(&["ma", "ten\rV01"]))
                .unwrap()
                .words(Lang::En)
                .contains("CR only")
        );
        assert!(misread_file(&cells(&["ma", "ten"])).is_none());
    }
}
