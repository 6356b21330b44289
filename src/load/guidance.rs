//! Guidance when a data file does not fit its criteria set: rather than a
//! "missing column" error for every column, say what is wrong with the file
//! as a whole: read in the wrong encoding or line endings, split on the
//! wrong delimiter, a title above the header, or meant for another set.

use super::messages::DataMessage as D;
use super::shipped::SHIPPED;
use super::table::RawTable;
use crate::model::CriteriaSet;

/// Lines after the header searched for the real header (below title rows).
pub(crate) const HEADER_SEARCH_LINES: usize = 30;

/// Every column a set needs in a data file.
pub(crate) fn needed(set: &CriteriaSet) -> impl Iterator<Item = &str> {
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

/// How a table's rows were split into cells: what a header read as one
/// cell says about what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Splitting {
    /// A CSV file whose delimiter was detected from its header line.
    #[default]
    Detected,
    /// A CSV file read with `--delimiter`.
    Given,
    /// A CSV file whose first line `sep=;` named the delimiter.
    NamedByLine(u8),
    /// A workbook's sheet: no delimiter applies; its rows sit in one column.
    Sheet,
}

impl Splitting {
    /// How a CSV file was split: by `--delimiter` when given (it wins over
    /// a `sep=` line), else by the delimiter a `sep=` line named, else by
    /// the one detected from the header line.
    pub fn of_csv(given: Option<u8>, named_by_line: Option<u8>) -> Self {
        match (given, named_by_line) {
            (Some(_), _) => Splitting::Given,
            (None, Some(named)) => Splitting::NamedByLine(named),
            (None, None) => Splitting::Detected,
        }
    }
}

/// Hints for a header missing some of the set's columns: the delimiter
/// that would split it into them, and a shipped set that it fits.
pub(crate) fn missing_column_hints(
    set: &CriteriaSet,
    header: &[String],
    file: &str,
    splitting: Splitting,
) -> Vec<D> {
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
            out.push(D::WrongDelimiter {
                shown,
                n,
                splitting,
            });
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

/// The delimiters a header row may be split on.
const DELIMITERS: [char; 4] = [',', ';', '\t', '|'];

/// Does this row hold the header the set expects (its id and name columns)?
/// Also when it was split on another delimiter than its own: a title with
/// a comma above a `;` header ("Bảng điểm, năm 2023") decides `,`, and the
/// header then arrives as one cell, which holds the column names.
pub(crate) fn is_header_row(set: &CriteriaSet, cells: &[impl AsRef<str>]) -> bool {
    let has = |name: &str| {
        cells.iter().any(|c| {
            let c = super::text::normalize_cow(c.as_ref());
            c == name || c.split(DELIMITERS).any(|piece| piece.trim() == name)
        })
    };
    has(&set.columns.id) && has(&set.columns.name)
}

/// Does a sheet's table hold units: the id column in its header, or a
/// header row near the top that a title above pushed down? Below the first
/// row, a row is a header only with the id and the name columns side by
/// side: a guide sheet that lists the columns one a row (as `template`
/// writes it) holds the id column's name, and is no table.
pub(crate) fn holds_units(set: &CriteriaSet, table: &RawTable) -> bool {
    let id = &set.columns.id;
    table
        .header
        .iter()
        .any(|c| super::text::normalize_cow(c) == id.as_str())
        || table
            .wide_rows
            .iter()
            .any(|(_, cells)| is_header_row(set, cells))
        || table
            .rows
            .iter()
            .take(HEADER_SEARCH_LINES)
            .any(|r| is_header_row(set, &r.cells))
}

/// A cell that labels a totals row ("Tổng cộng", "Cộng", "Tổng số",
/// "Total"): whole words only, so a unit named "Công an phường …" is none.
pub(crate) fn is_totals_label(cell: &str) -> bool {
    const LABELS: [&str; 6] = ["tong", "tong cong", "cong", "tong so", "total", "sum"];
    let cell = cell.trim();
    if cell.is_empty() || cell.len() > 40 {
        return false;
    }
    // Most ids are ASCII codes: compared as they are, with no key built.
    if cell.is_ascii() {
        let cell = cell.trim_end_matches([':', '.', ' ']);
        return LABELS.iter().any(|l| cell.eq_ignore_ascii_case(l));
    }
    let key = super::text::unaccented_key(cell);
    let key = key.trim_end_matches([':', '.', ' ']);
    LABELS.contains(&key)
}

/// A title row as the message about it shows it: its cells that hold
/// text, as the row read them (a title with a comma is two cells).
pub(crate) fn title_text(row: &[String]) -> String {
    let filled: Vec<&str> = row
        .iter()
        .map(|cell| cell.trim())
        .filter(|cell| !cell.is_empty())
        .collect();
    filled.join(", ")
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

    /// The way out a one-cell header is given follows how its rows were
    /// split: only an option the user gave is to be left out.
    #[test]
    fn a_one_cell_header_is_told_what_fits_how_it_was_split() {
        let (file, text) = super::super::shipped::find("cong-an-phuong-kieu-mau").expect("shipped");
        let set = super::super::parse_criteria(file, text).expect("loads");
        let header = vec![needed(&set).collect::<Vec<_>>().join(";")];
        let said = |splitting| {
            missing_column_hints(&set, &header, "t.csv", splitting)
                .iter()
                .map(|d| d.words(Lang::En).into_owned())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let detected = said(Splitting::Detected);
        assert!(
            detected.ends_with("run again with --delimiter ';'"),
            "{detected}"
        );
        assert!(said(Splitting::Given).contains("or leave out --delimiter"));
        assert!(said(Splitting::NamedByLine(b',')).contains("change that line to \"sep=;\""));
        let sheet = said(Splitting::Sheet);
        assert!(
            sheet.contains("Text to Columns") && !sheet.contains("--delimiter"),
            "{sheet}"
        );
    }

    /// Streamed or read whole, a CSV file's splitting is decided here:
    /// `--delimiter` first, then a `sep=` line.
    #[test]
    fn a_given_delimiter_wins_over_a_sep_line() {
        assert_eq!(Splitting::of_csv(Some(b';'), Some(b',')), Splitting::Given);
        assert_eq!(Splitting::of_csv(Some(b';'), None), Splitting::Given);
        assert_eq!(
            Splitting::of_csv(None, Some(b',')),
            Splitting::NamedByLine(b',')
        );
        assert_eq!(Splitting::of_csv(None, None), Splitting::Detected);
    }

    #[test]
    fn totals_labels_are_whole_words() {
        for label in [
            "Tổng cộng",
            "TỔNG CỘNG:",
            "Cộng",
            "tong so",
            "Total.",
            " Tổng ",
        ] {
            assert!(is_totals_label(label), "{label}");
        }
        for cell in [
            "Công an phường Nghi Hải",
            "Tổng hợp số liệu năm 2023",
            "",
            "50",
            "Cụm 1",
        ] {
            assert!(!is_totals_label(cell), "{cell}");
        }
    }

    #[test]
    fn a_header_split_on_another_delimiter_is_still_a_header() {
        let (file, text) = super::super::shipped::find("thi-dua-cuoi-nam").expect("shipped");
        let set = super::super::parse_criteria(file, text).expect("loads");
        assert!(is_header_row(&set, &cells(&["ma", "ten", "cum"])));
        // Read with `,` decided by a title above it.
        assert!(is_header_row(&set, &cells(&["ma;ten;cum"])));
        assert!(is_header_row(&set, &cells(&["ma\tten\tcum"])));
        assert!(is_header_row(&set, &cells(&["ma | ten | cum"])));
        // The names must be whole cells of the row, however it is split.
        assert!(!is_header_row(&set, &cells(&["mã;tên"])));
        assert!(!is_header_row(&set, &cells(&["ma_don_vi;ten_don_vi"])));
        assert!(!is_header_row(&set, &cells(&["ma"])));
    }

    #[test]
    fn a_title_is_shown_as_its_cells_that_hold_text() {
        assert_eq!(
            title_text(&cells(&["BẢNG TỔNG HỢP", "", ""])),
            "BẢNG TỔNG HỢP"
        );
        assert_eq!(
            title_text(&cells(&["Bảng điểm thi đua", " năm 2023"])),
            "Bảng điểm thi đua, năm 2023"
        );
        assert_eq!(title_text(&cells(&["", " "])), "");
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
