//! Warnings: what is allowed but probably a mistake. A unit scored under a
//! misspelt cluster ranks in a cluster of its own; two units with one name
//! cannot be told apart in a report. Warnings are printed and the run goes
//! on (exit 0), unless `--strict` makes them errors.

use std::borrow::Cow;
use std::collections::HashMap;

use super::data::{CellRefs, MAX_PROBLEMS, column_ref};
use super::ids::{IdCheck, SeenIds};
use super::messages::DataMessage as D;
use super::messages::Spacing;
use super::plausible::FractionWatch;
use super::problem::{Column, Problem, Rejected};
use super::text::unaccented_key;

/// Distinct cluster spellings tracked; past this, a file is not a list of
/// wards in a handful of clusters, and cluster warnings are skipped.
pub const MAX_CLUSTERS: usize = 100_000;

/// One spelling of a cluster, as the file writes it (spaces collapsed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterTally {
    pub spelling: String,
    pub units: usize,
    pub first_line: usize,
}

/// Where a row's warning stands among that row's warnings, in the order
/// the binder finds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Slot {
    /// The unit id differs from an earlier one only in letter case.
    IdCase,
    NameSpaces,
    LettersLost,
    SameName,
    ClusterSpaces,
}

/// What the binder watches for warnings while rows go by: the warnings
/// about single rows, and everything a warning compares across rows (unit
/// names, cluster spellings, percentage columns). A file read in parts
/// keeps one watch per part; [`Watch::settle_with`] joins them into
/// exactly the warnings one reading of the file gives.
pub struct Watch {
    file: String,
    /// Where cells sit, to name them in warnings.
    header: Vec<String>,
    refs: CellRefs,
    /// The column of unit names, once located.
    pub(super) name_col: Option<usize>,
    /// The set's cluster column, for cluster warnings.
    cluster_column: Option<String>,
    /// Warnings about single rows, in file order; past [`MAX_PROBLEMS`]
    /// they are not kept.
    rows: Vec<(Slot, Problem)>,
    /// Unit names by [`name_key`], each with its first spelling and line.
    names: SeenIds,
    clusters: Vec<ClusterTally>,
    cluster_index: HashMap<String, usize>,
    /// More distinct clusters than [`MAX_CLUSTERS`] were seen.
    too_many_clusters: bool,
    pub(super) fractions: FractionWatch,
    /// Warnings about the whole file (a `--sheet` for a CSV), given first.
    leading: Vec<Problem>,
}

/// `s` with every run of whitespace inside it made one plain space, when
/// it has a run of two or more (or a tab, a line break): "Nghi  Hải".
pub fn collapse_spaces(s: &str) -> Cow<'_, str> {
    let mut previous_space = false;
    let odd = s.chars().any(|c| {
        let odd = c.is_whitespace() && (previous_space || c != ' ');
        previous_space = c.is_whitespace();
        odd
    });
    if !odd {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Names that differ only in letter case are the same name. Names arrive
/// NFC-normalised, and lowercasing keeps Vietnamese letters precomposed, so
/// no second normalisation is needed for a warning.
fn name_key(name: &str) -> Cow<'_, str> {
    if name.is_ascii() {
        if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        }
    } else {
        Cow::Owned(name.to_lowercase())
    }
}

impl Watch {
    pub(super) fn new(
        file: &str,
        header: &[String],
        refs: CellRefs,
        cluster_column: Option<&str>,
        fractions: FractionWatch,
    ) -> Self {
        Watch {
            file: file.to_string(),
            header: header.to_vec(),
            refs,
            name_col: None,
            cluster_column: cluster_column.map(str::to_string),
            rows: Vec::new(),
            names: SeenIds::keyed(name_key),
            clusters: Vec::new(),
            cluster_index: HashMap::new(),
            too_many_clusters: false,
            fractions,
            leading: Vec::new(),
        }
    }

    fn problem(&self, line: usize, col: usize, value: &str, message: D) -> Problem {
        Problem::new(&self.file, message)
            .at_line(line)
            .at_column(column_ref(&self.header, self.refs, line, col))
            .with_value(value)
    }

    /// Warns about a cell of the row on `line`; the message is only worded
    /// when the warning is kept.
    pub(super) fn warn(
        &mut self,
        slot: Slot,
        line: usize,
        col: usize,
        value: &str,
        message: impl FnOnce() -> D,
    ) {
        if self.rows.len() < MAX_PROBLEMS {
            let p = self.problem(line, col, value, message());
            self.rows.push((slot, p));
        }
    }

    /// Makes room for `n` more names: growing the table would work out
    /// every name's key again.
    pub(super) fn reserve(&mut self, n: usize) {
        self.names.reserve(n);
    }

    /// A warning about the whole file.
    pub(super) fn lead(&mut self, message: D) {
        self.leading.push(Problem::new(&self.file, message));
    }

    /// Records a unit's name, in column `col`, warning when the same name
    /// was seen before.
    pub(super) fn name(&mut self, name: &str, line: usize, col: usize) {
        // No Vietnamese name holds "?": a code page that lacks the letter did.
        if name.contains('?') {
            self.warn(Slot::LettersLost, line, col, name, || D::LettersLost);
        }
        if let Some(repeat) = self.names.insert(name, line) {
            let first = repeat.first;
            self.warn(Slot::SameName, line, col, name, || duplicate_name(first));
        }
    }

    pub(super) fn cluster(&mut self, cluster: &str, line: usize) {
        if let Some(&i) = self.cluster_index.get(cluster) {
            if let Some(t) = self.clusters.get_mut(i) {
                t.units += 1;
            }
            return;
        }
        if self.clusters.len() >= MAX_CLUSTERS {
            self.too_many_clusters = true;
            return;
        }
        self.cluster_index
            .insert(cluster.to_string(), self.clusters.len());
        self.clusters.push(ClusterTally {
            spelling: cluster.to_string(),
            units: 1,
            first_line: line,
        });
    }

    /// The warnings about the file, or the problem that percentage columns
    /// were typed as fractions throughout (an error, unlike a warning).
    pub fn settle(self) -> Result<Vec<Problem>, Rejected> {
        let mut findings: Vec<Problem> = self
            .fractions
            .findings()
            .into_iter()
            .map(|(line, col, value, message)| self.problem(line, col, &value.to_string(), message))
            .collect();
        if !findings.is_empty() {
            findings.sort_by_key(|p| p.line);
            return Err(Rejected::from(findings));
        }
        let mut warnings: Vec<Problem> = Vec::with_capacity(self.rows.len());
        for (line, col, value, message) in self.fractions.stray_fractions() {
            warnings.push(self.problem(line, col, &value.to_string(), message));
        }
        if let (Some(column), false) = (&self.cluster_column, self.too_many_clusters) {
            warnings.extend(cluster_warnings(&self.file, column, &self.clusters));
        }
        let mut warnings: Vec<Problem> = (self.rows.into_iter().map(|(_, p)| p))
            .chain(warnings)
            .collect();
        warnings.sort_by_key(|p| p.line);
        Ok(self.leading.into_iter().chain(warnings).collect())
    }

    /// [`Watch::settle`] for a file read in two parts: this watch is the
    /// first part's, `later` the second's (whose lines all come after).
    pub fn settle_with(self, later: Watch) -> Result<Vec<Problem>, Rejected> {
        self.join(later).settle()
    }

    /// One watch over both parts, as if one reading had seen every row.
    fn join(mut self, later: Watch) -> Watch {
        let room = MAX_PROBLEMS.saturating_sub(self.rows.len());
        if room > 0 {
            // A name of the later part seen in this one repeats the name
            // first seen here, and its first row in the later part repeats
            // it too.
            let mut rows = later.rows;
            for (slot, p) in &mut rows {
                if *slot == Slot::SameName
                    && let Some(first) = p.value.as_deref().and_then(|n| self.names.first(n))
                {
                    p.message = duplicate_name(first).into();
                }
            }
            if let Some(col) = later.name_col {
                for (name, line) in later.names.iter() {
                    if let Some(first) = self.names.first(name) {
                        let p = self.problem(line, col, name, duplicate_name(first));
                        rows.push((Slot::SameName, p));
                    }
                }
            }
            // Stable: within a row, the order the binder warns in.
            rows.sort_by_key(|(slot, p)| (p.line, *slot));
            self.rows.extend(rows.into_iter().take(room));
        }
        for t in later.clusters {
            if let Some(&i) = self.cluster_index.get(&t.spelling) {
                if let Some(mine) = self.clusters.get_mut(i) {
                    mine.units += t.units;
                }
            } else if self.clusters.len() >= MAX_CLUSTERS {
                self.too_many_clusters = true;
            } else {
                self.cluster_index
                    .insert(t.spelling.clone(), self.clusters.len());
                self.clusters.push(t);
            }
        }
        self.too_many_clusters |= later.too_many_clusters;
        self.fractions.join(later.fractions);
        self
    }
}

/// Spellings that name one cluster, differing only in case, spaces or
/// diacritics, in first-seen order: each group's indices into `clusters`.
pub fn spelling_groups(clusters: &[ClusterTally]) -> Vec<Vec<usize>> {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, t) in clusters.iter().enumerate() {
        let key: String = unaccented_key(&t.spelling)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        match by_key.get(&key) {
            Some(&g) => groups[g].push(i),
            None => {
                by_key.insert(key, groups.len());
                groups.push(vec![i]);
            }
        }
    }
    groups
}

/// The spelling most units use, taken as the intended one.
pub fn main_spelling(clusters: &[ClusterTally], group: &[usize]) -> usize {
    group
        .iter()
        .copied()
        .max_by_key(|&i| clusters[i].units)
        .unwrap_or_default()
}

/// Cluster warnings over every spelling in a file: spellings that differ
/// only in case, spaces or diacritics ("Cụm1", "cụm 1" beside "Cụm 1"), and
/// clusters of a single unit.
pub fn cluster_warnings(file: &str, column: &str, clusters: &[ClusterTally]) -> Vec<Problem> {
    let groups = spelling_groups(clusters);
    let mut out = Vec::new();
    let at = |t: &ClusterTally, message: D| {
        Problem::new(file, message)
            .at_line(t.first_line)
            .at_column(Column::Name(column.to_string()))
            .with_value(t.spelling.clone())
    };
    for group in &groups {
        let spellings: Vec<&ClusterTally> = group.iter().map(|&i| &clusters[i]).collect();
        if let [only] = spellings.as_slice() {
            if only.units == 1 {
                out.push(at(only, D::SingleUnitCluster));
            }
            continue;
        }
        let main = &clusters[main_spelling(clusters, group)];
        for t in spellings.iter().filter(|t| t.spelling != main.spelling) {
            let (name, line, n) = (&main.spelling, main.first_line, main.units);
            out.push(at(
                t,
                D::ClusterSpelling {
                    name: name.clone(),
                    line,
                    n,
                },
            ));
        }
    }
    out.sort_by_key(|p| p.line);
    out
}

pub fn duplicate_name(first: usize) -> D {
    D::DuplicateName { first }
}

/// What made `text` need [`collapse_spaces`]: its first spacing that is
/// not one plain space.
pub fn extra_spaces(text: &str) -> D {
    let mut previous_space = false;
    let what = text
        .chars()
        .find_map(|c| {
            let what = match c {
                '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some(Spacing::LineBreak),
                '\t' => Some(Spacing::Tab),
                ' ' if previous_space => Some(Spacing::Repeated),
                ' ' => None,
                c if c.is_whitespace() => Some(Spacing::NoBreak),
                _ => None,
            };
            previous_space = c.is_whitespace();
            what
        })
        .unwrap_or(Spacing::Repeated);
    D::ExtraSpaces { what }
}

pub fn sheet_for_csv(sheet: &str) -> D {
    D::SheetForCsv {
        sheet: sheet.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The warning names the spacing a person has to find: a no-break
    /// space or a line break looks like one plain space in the cell.
    #[test]
    fn extra_spacing_is_said_as_what_it_is() {
        let what = |text: &str| match extra_spaces(text) {
            D::ExtraSpaces { what } => what,
            other => panic!("{other:?}"),
        };
        assert_eq!(what("Nghi  Hải"), Spacing::Repeated);
        assert_eq!(what("Nghi\tHải"), Spacing::Tab);
        assert_eq!(what("Nghi\nHải"), Spacing::LineBreak);
        assert_eq!(what("Nghi\r\nHải"), Spacing::LineBreak);
        assert_eq!(what("Cụm\u{a0}1"), Spacing::NoBreak);
        assert_eq!(what("Cụm 1\u{a0}\u{a0}"), Spacing::NoBreak);
        assert_eq!(
            collapse_spaces("Cụm\u{a0}1"),
            "Cụm 1",
            "made one plain space"
        );
    }

    fn tally(spelling: &str, units: usize, first_line: usize) -> ClusterTally {
        ClusterTally {
            spelling: spelling.into(),
            units,
            first_line,
        }
    }

    #[test]
    fn near_duplicate_clusters_point_to_the_common_spelling() {
        let clusters = [
            tally("Cụm 1", 6, 2),
            tally("Cụm1", 1, 5),
            tally("cụm 1", 1, 7),
            tally("Cụm 2", 3, 3),
        ];
        let w = cluster_warnings("d.csv", "cum", &clusters);
        let values: Vec<_> = w.iter().map(|p| p.value.as_deref().unwrap()).collect();
        assert_eq!(values, ["Cụm1", "cụm 1"]);
        assert!(
            w[0].message
                .en()
                .contains("nearly \"Cụm 1\" (line 2, 6 units)")
        );
        // "Cum 1" without diacritics is the same cluster too.
        let w = cluster_warnings(
            "d.csv",
            "cum",
            &[tally("Cụm 1", 2, 2), tally("Cum 1", 2, 4)],
        );
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn a_cluster_of_one_unit_is_flagged() {
        let w = cluster_warnings("d.csv", "cum", &[tally("A", 3, 2), tally("B", 1, 9)]);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, Some(9));
    }

    #[test]
    fn spaces_are_collapsed_only_when_needed() {
        assert!(matches!(collapse_spaces("Nghi Hải"), Cow::Borrowed(_)));
        assert_eq!(collapse_spaces("Nghi  Hải"), "Nghi Hải");
        assert_eq!(collapse_spaces("Nghi\tHải"), "Nghi Hải");
    }

    #[test]
    fn names_differing_in_case_are_the_same() {
        let mut names = SeenIds::keyed(name_key);
        assert_eq!(names.insert("Nghi Hải", 2), None);
        assert_eq!(names.insert("nghi hải", 5).map(|r| r.first), Some(2));
        assert_eq!(names.insert("Nghi Hòa", 6), None);
        assert_eq!(names.first("NGHI HẢI"), Some(2));
        // The first spelling is kept.
        let seen: Vec<_> = names.iter().collect();
        assert_eq!(seen, [("Nghi Hải", 2), ("Nghi Hòa", 6)]);
    }
}
