//! A raw table bound to a criteria set: every cell the set reads is parsed
//! into the kind its rules expect, and every bad cell is reported.

use std::borrow::Cow;
use std::collections::HashMap;

use rust_decimal::Decimal;

use super::guidance::{self, Splitting};
use super::ids::{IdCheck, UnitIds};
use super::invisible::{first_invisible, invisible_message};
use super::messages::{DataMessage as D, Thing};
use super::plausible::{FractionWatch, out_of_range};
use super::problem::{Column, Problem, ProblemMessage, Rejected, did_you_mean, suggest};
use super::shown::looks_like_date_or_time;
use super::table::{RawTable, RecordSink, StreamError, stream_csv, stream_csv_alongside};
use super::text::{
    DecimalStyle, NumberError, SeparatorEvidence, is_not_applicable, label_key, normalize_cow,
    parse_number, parse_yes_no, scan_plain_number, separator_evidence,
};
use super::warnings::{self, Slot, Watch, collapse_spaces};
use crate::model::*;
use crate::report::sanitize::is_formula_like;

mod bounds;
mod cells;
mod no_unit;
mod read;
pub(super) mod sheet;
use bounds::PlainBounds;
use cells::*;
pub use read::{
    Bound, DataKind, DecimalFound, PartRead, ReadError, ReadInfo, ReadOptions, ReadPlan,
    ReadSummary, read_data, read_data_each, read_data_planned, read_data_with_info, read_part,
};

/// How to read numbers: a style the user chose, or detect one from the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DecimalChoice {
    #[default]
    Detect,
    /// Chosen with `--decimal`; thousands separators are then accepted.
    Explicit(DecimalStyle),
}

/// What the cells of one input column must satisfy, from all its users.
struct ColumnRules<'s> {
    /// The column holds numbers (its kind, kept here beside the checks).
    number: bool,
    /// `readers` joined, for messages (built once, not per cell).
    users_text: String,
    /// The bounds and levels, shared with the data-entry template.
    constraints: InputConstraints<'s>,
    /// Any bound at all: most columns have none, and skip the comparisons.
    bounded: bool,
    /// The bounds for plain numbers, where integers hold them.
    plain_bounds: Option<PlainBounds>,
}

fn column_rules(set: &CriteriaSet) -> Vec<ColumnRules<'_>> {
    set.inputs
        .iter()
        .zip(set.input_constraints())
        .map(|(input, constraints)| ColumnRules {
            number: input.kind == ValueKind::Number,
            users_text: constraints.readers.join(", "),
            bounded: constraints.low.is_some() || constraints.high.is_some(),
            plain_bounds: PlainBounds::new(&constraints),
            constraints,
        })
        .collect()
}

/// At most this many problems are kept; the rest are only counted, so a
/// file that is wrong everywhere cannot exhaust memory.
pub const MAX_PROBLEMS: usize = 10_000;

/// What the binder needs to know about where a cell sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellRefs {
    /// CSV: line numbers and column names.
    Lines,
    /// A spreadsheet: also the A1 reference; the table's first column.
    Sheet { first_column: usize },
}

/// An ambiguous number (`1.234`) seen before the file showed its style.
struct Pending {
    /// Index into `Binder::held`.
    held: usize,
    input: usize,
    line: usize,
    column: usize,
    text: String,
}

/// Binds rows to a criteria set one at a time, so a file never has to be
/// held in memory as text: only the parsed values are kept. Unit ids are
/// checked for repeats the way `I` does it.
pub struct Binder<'s, I: IdCheck = UnitIds> {
    set: &'s CriteriaSet,
    file: String,
    refs: CellRefs,
    decimal: DecimalChoice,
    /// How the rows were split into cells, for a header read as one cell.
    splitting: Splitting,
    /// A sheet's cells that merged ranges cover (see [`sheet::MergedCover`]).
    merged_cover: Option<sheet::MergedCover>,
    /// A sheet's cells whose value a format keeps from sight (see
    /// [`sheet::unseen_cells`]).
    unseen_cells: Vec<(usize, usize)>,
    /// Blank cells holding a formula that may have been calculated to
    /// `""` (see [`sheet::formulas_at_blanks`]).
    blank_formulas: Vec<((usize, usize), String)>,
    /// Number cells shown with text around them, and the number each
    /// shows (see [`sheet::numbers_behind`]).
    numbers_behind: Vec<((usize, usize), String)>,
    rules: Vec<ColumnRules<'s>>,
    header: Vec<String>,
    id_col: Option<usize>,
    name_col: Option<usize>,
    cluster_col: Option<usize>,
    input_cols: Vec<Option<usize>>,
    /// The decimal style the file showed first, and where (line, column).
    style: Option<(DecimalStyle, usize, usize)>,
    pending: Vec<Pending>,
    problems: Vec<Problem>,
    omitted: usize,
    ids: I,
    /// Rows bound so far.
    rows: usize,
    /// The current row's values (one buffer for every row).
    values: Vec<Value>,
    /// Per input, the texts that are not numbers read so far.
    memo: Vec<CellMemo>,
    /// Rows waiting for the decimal style, with their unit index.
    held: Vec<(usize, UnitRecord)>,
    watch: Watch,
    /// Where the header was read: a real header found further down, below
    /// a title, replaces every problem found against this one.
    header_line: usize,
    look_for_header: bool,
    /// The header showed the whole file was read wrongly (UTF-16 without
    /// a byte-order mark): what follows from that is not said again.
    misread: bool,
    header_found_on: Option<usize>,
    /// Lines of a sheet with merged cells found to be no unit (a totals
    /// row, notes, a signature), in order.
    not_units: Vec<usize>,
    /// Whether `not_units` is kept: only a sheet with merged cells or
    /// values hidden by their format needs it.
    keeps_not_units: bool,
}

/// Where bound units go, one at a time: the unit's index in the file and
/// its data, borrowed for the call.
pub type UnitSink<'a> = dyn FnMut(usize, UnitView<'_>) + 'a;

/// Names cell `col` of the row on `line`: by its column's name, and in a
/// spreadsheet by its A1 reference too.
pub(super) fn column_ref(header: &[String], refs: CellRefs, line: usize, col: usize) -> Column {
    let name = header.get(col).cloned().unwrap_or_default();
    match refs {
        CellRefs::Lines => Column::Name(name),
        CellRefs::Sheet { first_column } => Column::Cell {
            name,
            reference: format!("{}{line}", column_letters(first_column + col)),
        },
    }
}

/// What binding a whole file or a part of one leaves besides the units,
/// before the warnings are settled (see [`Watch`]).
pub(super) struct Finished<I> {
    pub(super) unused_columns: Vec<String>,
    pub(super) ids: I,
    pub(super) watch: Watch,
}

impl<'s, I: IdCheck> Binder<'s, I> {
    /// Locates the columns the set reads in `header` (found on `line`);
    /// missing ones are reported, and the rest are still checked.
    pub fn new(
        set: &'s CriteriaSet,
        file: &str,
        header: Vec<String>,
        line: usize,
        refs: CellRefs,
        decimal: DecimalChoice,
        splitting: Splitting,
    ) -> Self {
        let rules = column_rules(set);
        let constraints: Vec<_> = rules.iter().map(|r| r.constraints.clone()).collect();
        let watch = Watch::new(
            file,
            &header,
            refs,
            set.columns.cluster.as_deref(),
            FractionWatch::new(&constraints),
        );
        let mut binder = Binder {
            set,
            file: file.to_string(),
            refs,
            decimal,
            splitting,
            merged_cover: None,
            unseen_cells: Vec::new(),
            blank_formulas: Vec::new(),
            numbers_behind: Vec::new(),
            watch,
            header_line: line,
            look_for_header: false,
            misread: false,
            header_found_on: None,
            not_units: Vec::new(),
            keeps_not_units: false,
            rules,
            header,
            id_col: None,
            name_col: None,
            cluster_col: None,
            input_cols: Vec::new(),
            style: None,
            pending: Vec::new(),
            problems: Vec::new(),
            omitted: 0,
            ids: I::default(),
            rows: 0,
            values: Vec::with_capacity(set.inputs.len()),
            memo: set.inputs.iter().map(|_| CellMemo::default()).collect(),
            held: Vec::new(),
        };
        binder.locate_columns(line);
        binder
    }

    /// Records a problem that is not about one bound cell (an unreadable row).
    pub fn report(&mut self, problem: Problem) {
        // Bytes that are not UTF-8 are what a misread file is made of.
        if self.misread && problem.message.as_message::<D>() == Some(&D::NotUtf8) {
            return;
        }
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(problem);
        } else {
            self.omitted += 1;
        }
    }

    fn locate_columns(&mut self, line: usize) {
        let mut position: HashMap<&str, usize> = HashMap::new();
        let mut messages: Vec<ProblemMessage> = Vec::new();
        for (i, h) in self.header.iter().enumerate() {
            if h.is_empty() {
                // Trailing unnamed columns are formatting; only an unnamed
                // column among named ones is a problem.
                if self.header[i..].iter().any(|h| !h.is_empty()) {
                    let n = i + 1;
                    messages.push(D::UnnamedColumn { n }.into());
                }
            } else if let Some((at, invisible)) = first_invisible(h) {
                let n = i + 1;
                let what = Thing::ColumnName { n, name: h.clone() };
                messages.push(invisible_message(what, at, invisible).into());
            } else if position.insert(h.as_str(), i).is_some() {
                messages.push(D::ColumnNameTwice { h: h.clone() }.into());
            }
        }
        let header = &self.header;
        // Columns the set reads by their own names are no misspelling of
        // another's, nor is a header cell with no name.
        let needed: Vec<&str> = guidance::needed(self.set).collect();
        let renamable: Vec<&str> = header
            .iter()
            .map(String::as_str)
            .filter(|h| !h.is_empty() && !needed.contains(h))
            .collect();
        let mut missing = 0;
        let mut locate = |name: &str, why: Thing| -> Option<usize> {
            if let Some(&i) = position.get(name) {
                return Some(i);
            }
            // A formula-like name as the template writes it: behind a `'`.
            if is_formula_like(name)
                && let Some(&i) = position.get(format!("'{name}").as_str())
            {
                return Some(i);
            }
            // The file's column is what the user renames: say it that way.
            let rename = suggest(name, renamable.iter().copied()).map(str::to_string);
            missing += 1;
            messages.push(
                D::MissingColumn {
                    name: name.to_string(),
                    why,
                    rename,
                }
                .into(),
            );
            None
        };
        let set = self.set;
        let id_col = locate(&set.columns.id, Thing::UnitId);
        let name_col = locate(&set.columns.name, Thing::UnitName);
        let cluster_col = set
            .columns
            .cluster
            .as_deref()
            .and_then(|c| locate(c, Thing::Cluster));
        let input_cols: Vec<Option<usize>> = set
            .inputs
            .iter()
            .zip(&self.rules)
            .map(|(input, r)| {
                // Another set's result fills it after binding (load::results).
                if !input.is_column() {
                    return None;
                }
                let users = r.users_text.clone();
                locate(&input.column, Thing::UsedBy { users })
            })
            .collect();
        self.id_col = id_col;
        self.name_col = name_col;
        self.watch.name_col = name_col;
        self.cluster_col = cluster_col;
        self.input_cols = input_cols;
        if let Some(message) = guidance::misread_file(&self.header) {
            // One cause explains every other problem with the header.
            self.misread = matches!(message, D::Utf16WithoutBom { .. });
            messages = vec![message.into()];
        } else if missing > 0 {
            let hints =
                guidance::missing_column_hints(set, &self.header, &self.file, self.splitting);
            // A header read as one cell that another delimiter splits into
            // the set's columns: that explains every column missed.
            let one_cause = hints
                .iter()
                .any(|hint| matches!(hint, D::WrongDelimiter { .. }));
            if one_cause {
                messages.clear();
            }
            messages.extend(hints.into_iter().map(ProblemMessage::from));
            self.look_for_header = true;
        }
        for message in messages {
            let p = Problem::new(&self.file, message).at_line(line);
            self.report(p);
        }
    }

    /// A name or cluster with its inner runs of spaces made one space,
    /// warned about (as `slot`) when there were any.
    fn tidy<'c>(
        &mut self,
        slot: Slot,
        line: usize,
        col: usize,
        text: Cow<'c, str>,
    ) -> Cow<'c, str> {
        let collapsed = match collapse_spaces(&text) {
            Cow::Owned(s) => Some(s),
            Cow::Borrowed(_) => None,
        };
        match collapsed {
            Some(s) => {
                self.watch
                    .warn(slot, line, col, &text, || warnings::extra_spaces(&text));
                Cow::Owned(s)
            }
            None => text,
        }
    }

    /// Notes the set's header on a row below the one read as the header.
    fn look_for_header(&mut self, line: usize, cells: &[impl AsRef<str>]) {
        if self.look_for_header
            && self.header_found_on.is_none()
            && line <= self.header_line + guidance::HEADER_SEARCH_LINES
            && guidance::is_header_row(self.set, cells)
        {
            self.header_found_on = Some(line);
        }
    }

    fn column_ref(&self, line: usize, col: usize) -> Column {
        column_ref(&self.header, self.refs, line, col)
    }

    /// Whether cell `col` of `line` shows a person what it does not hold
    /// as read: a value its format hides, or a formula never calculated.
    fn unseen(&self, line: usize, col: usize) -> bool {
        !self.unseen_cells.is_empty() && self.unseen_cells.binary_search(&(line, col)).is_ok()
    }

    /// Whether a merged range makes cell `col` of `line` blank.
    fn merged_blank(&self, line: usize, col: Option<usize>) -> bool {
        col.zip(self.merged_cover.as_ref())
            .is_some_and(|(col, cover)| cover.covers(line, col))
    }

    fn cell_problem(
        &mut self,
        line: usize,
        col: usize,
        value: Option<&str>,
        message: impl Into<ProblemMessage>,
    ) {
        // A blank a merged range makes: the range's own problem names it.
        if value.is_none_or(str::is_empty) && self.merged_blank(line, Some(col)) {
            return;
        }
        // So does a value its format keeps from sight.
        if self.unseen(line, col) {
            return;
        }
        let mut message: ProblemMessage = message.into();
        let mut value = value;
        // A blank refused where a formula lies: the formula is what to fix.
        if value.is_none_or(str::is_empty)
            && is_blank(&message)
            && let Ok(at) = (self.blank_formulas).binary_search_by_key(&(line, col), |(at, _)| *at)
            && let Some((_, formula)) = self.blank_formulas.get(at)
        {
            message = D::FormulaNotCalculated {
                formula: formula.clone(),
            }
            .into();
            value = None;
        }
        let mut p = Problem::new(&self.file, message)
            .at_line(line)
            .at_column(self.column_ref(line, col));
        if let Some(v) = value {
            p = p.with_value(v);
        }
        self.report(p);
    }

    /// Binds one row: `cells` as written (trimmed and NFC-normalised here,
    /// where read as text: a plain number needs neither); `typed[col]`
    /// says a spreadsheet stored the cell as a number (CSV passes no
    /// flags). The unit goes to
    /// `emit` at once, unless it holds a number that must wait for the
    /// file's decimal style (then [`Binder::finish`] sends it), or the file
    /// already has problems (then nothing is scored).
    pub fn row(
        &mut self,
        line: usize,
        cells: &[impl AsRef<str>],
        typed: &[bool],
        emit: &mut UnitSink<'_>,
    ) {
        self.look_for_header(line, cells);
        let typed = |col: usize| typed.get(col).copied().unwrap_or(false);
        let written = |col: usize| cells.get(col).map_or("", AsRef::as_ref);
        let cell = |col: usize| normalize_cow(written(col));
        let id = self.id_col.map_or(Cow::Borrowed(""), cell);
        let id = id.as_ref();
        // A totals row, notes or a signature: one problem says what the
        // row is, in place of one for each of its cells.
        if self.no_unit(line, &written, cells.len(), id) {
            return;
        }
        if let Some(c) = self.id_col {
            if id.is_empty() {
                self.cell_problem(line, c, None, D::BlankId);
            } else if let Some((position, invisible)) = first_invisible(id) {
                let message = invisible_message(Thing::UnitId, position, invisible);
                self.cell_problem(line, c, Some(id), message);
            } else if let Some(repeat) = self.ids.insert(id, line) {
                let first = repeat.first;
                if repeat.same_spelling {
                    self.cell_problem(line, c, Some(id), D::DuplicateId { first });
                } else {
                    let message = || D::IdOtherCase { first };
                    self.watch.warn(Slot::IdCase, line, c, id, message);
                }
            }
        }
        let mut name = self.name_col.map_or(Cow::Borrowed(""), cell);
        if let Some(c) = self.name_col {
            if name.is_empty() {
                self.cell_problem(line, c, None, D::BlankName);
            } else {
                name = self.tidy(Slot::NameSpaces, line, c, name);
                self.watch.name(&name, line, c);
            }
        }
        let name = name.as_ref();
        let cluster = match (self.set.columns.cluster.is_some(), self.cluster_col) {
            (false, _) => None,
            (true, Some(c)) => {
                let mut cluster = cell(c);
                if cluster.is_empty() {
                    let message = D::BlankCluster;
                    self.cell_problem(line, c, None, message);
                } else if let Some((position, invisible)) = first_invisible(&cluster) {
                    // Units are grouped by cluster: it is matched as ids are.
                    let message = invisible_message(Thing::Cluster, position, invisible);
                    self.cell_problem(line, c, Some(&cluster), message);
                } else {
                    cluster = self.tidy(Slot::ClusterSpaces, line, c, cluster);
                    self.watch.cluster(&cluster, line);
                }
                Some(cluster)
            }
            (true, None) => Some(Cow::Borrowed("")),
        };
        let cluster = cluster.as_deref();
        let unit = self.rows;
        self.rows += 1;
        let pending_before = self.pending.len();
        let mut values = std::mem::take(&mut self.values);
        values.clear();
        // Changes only when a cell outside the plain path shows the style.
        let mut style = self.style_in_effect();
        for input in 0..self.set.inputs.len() {
            let Some(col) = self.input_cols[input] else {
                values.push(Value::Missing);
                continue;
            };
            let (mut written, typed) = (written(col), typed(col));
            // A number shown with text around it (`5 điểm`) scores the
            // number; a level or yes/no column reads the text shown.
            let behind;
            if typed
                && !self.numbers_behind.is_empty()
                && self.set.inputs[input].kind == ValueKind::Number
            {
                let at = (self.numbers_behind).binary_search_by_key(&(line, col), |(at, _)| *at);
                if let Some((_, number)) = at.ok().and_then(|at| self.numbers_behind.get(at)) {
                    behind = number.clone();
                    written = &behind;
                }
            }
            if let Some(style) = style
                && !typed
                && let Some(number) = self.plain_number(input, written, style)
            {
                values.push(number);
                continue;
            }
            // A spreadsheet's typed cell is read by its type, not its text.
            let memo = !typed;
            if memo && let Some(v) = self.memo[input].get(written) {
                values.push(v);
                continue;
            }
            match self.value(input, line, col, written, typed) {
                Ok(v) => {
                    if memo {
                        self.memo[input].remember(self.set.inputs[input].kind, written, v);
                    }
                    values.push(v);
                }
                Err(message) => {
                    self.cell_problem(line, col, Some(&cell(col)), message);
                    values.push(Value::Missing);
                }
            }
            style = self.style_in_effect();
        }
        self.watch.fractions.row(line, &values, &self.input_cols);
        if self.pending.len() > pending_before {
            // Its ambiguous numbers are settled at the end: keep the row.
            let held = self.held.len();
            for p in &mut self.pending[pending_before..] {
                p.held = held;
            }
            let record = UnitRecord {
                id: id.to_string(),
                name: name.to_string(),
                cluster: cluster.map(str::to_string),
                values: values.clone(),
            };
            self.held.push((unit, record));
        } else if self.problems.is_empty() && self.omitted == 0 {
            let view = UnitView {
                id,
                name,
                cluster,
                values: &values,
            };
            emit(unit, view);
        }
        self.values = values;
    }

    /// Parses one cell, `written` as the file has it, that is not a plain
    /// number as written. Numbers follow the decimal style as the file
    /// shows it: the first unambiguous number sets it, a later one in the
    /// other style is a problem, and ambiguous ones wait until the style
    /// is known.
    // Inlined into the row loop, as `plain_number` is.
    #[inline(always)]
    fn value(
        &mut self,
        input: usize,
        line: usize,
        col: usize,
        written: &str,
        typed: bool,
    ) -> Result<Value, D> {
        let text = normalize_cow(written);
        if let Some(style) = self.style_in_effect()
            && !typed
            && text.len() != written.len()
            && let Some(number) = self.plain_number(input, &text, style)
        {
            return Ok(number);
        }
        self.value_in_full(input, line, col, &text, typed)
    }

    /// A number cell of digits and at most one separator of the file's
    /// own style that its column's rules accept: nothing for style
    /// detection to learn or object to, the same value the full path
    /// reads, and no N/A token looks like it. Trimming and NFC leave such
    /// a text as it is. `None` for anything else, a number the rules
    /// refuse included: the full path says why.
    // Inlined into the row loop: returned through the stack, the value is
    // read back in wider pieces than it was written, which stalls the
    // load (benches/README.md, "Inlining the hot functions that return
    // values through the stack").
    #[inline(always)]
    fn plain_number(&self, input: usize, text: &str, style: DecimalStyle) -> Option<Value> {
        let rules = &self.rules[input];
        if !rules.number {
            return None;
        }
        let number = scan_plain_number(text, style)?.normalized();
        // A fraction where whole numbers are declared: the full path says so.
        if rules.constraints.whole && number.places > 0 {
            return None;
        }
        if rules.bounded {
            let within = match &rules.plain_bounds {
                Some(bounds) => bounds.hold(number),
                None => rules
                    .constraints
                    .broken_bound(number.to_decimal())
                    .is_none(),
            };
            if !within {
                return None;
            }
        }
        Some(Value::Number(number.to_decimal()))
    }

    /// [`Binder::value`] for every other cell; `text` is normalised.
    fn value_in_full(
        &mut self,
        input: usize,
        line: usize,
        col: usize,
        text: &str,
        typed: bool,
    ) -> Result<Value, D> {
        let (set, kind) = (self.set, self.set.inputs[input].kind);
        // Decided once: every cell kind reads it.
        let na = !text.is_empty() && is_not_applicable(text);
        let number = kind == ValueKind::Number && !text.is_empty() && !na;
        // Thousands separators are accepted only in a style the user chose.
        let (style, allow_grouping) = if !number || typed {
            // A spreadsheet's own numbers are exact already, with a point.
            (DecimalStyle::Point, false)
        } else {
            match self.decimal {
                DecimalChoice::Explicit(style) => (style, true),
                DecimalChoice::Detect => match self.detect(input, line, col, text)? {
                    Some(style) => (style, false),
                    None => return Ok(Value::Missing),
                },
            }
        };
        let rules = &self.rules[input];
        parse_cell(
            set,
            &set.inputs[input],
            rules,
            text,
            na,
            style,
            allow_grouping,
        )
    }

    /// The style to read this cell in; `None` when it must wait.
    fn detect(
        &mut self,
        input: usize,
        line: usize,
        col: usize,
        text: &str,
    ) -> Result<Option<DecimalStyle>, D> {
        let shown = match separator_evidence(text) {
            SeparatorEvidence::None => {
                return Ok(Some(self.style.map_or(DecimalStyle::Point, |s| s.0)));
            }
            SeparatorEvidence::Ambiguous => {
                if self.style.is_none() {
                    self.pending.push(Pending {
                        held: 0,
                        input,
                        line,
                        column: col,
                        text: text.to_string(),
                    });
                }
                return Ok(self.style.map(|s| s.0));
            }
            SeparatorEvidence::Point => DecimalStyle::Point,
            SeparatorEvidence::Comma => DecimalStyle::Comma,
        };
        match self.style {
            None => {
                self.style = Some((shown, line, col));
                Ok(Some(shown))
            }
            Some((known, ..)) if known == shown => Ok(Some(known)),
            Some((known, first_line, first_col)) => {
                let first = self.header.get(first_col).cloned().unwrap_or_default();
                Err(D::MixedDecimalStyles {
                    now: shown,
                    first_line,
                    first,
                    was: known,
                })
            }
        }
    }

    /// The style numbers are read in: chosen, or detected so far.
    fn style_in_effect(&self) -> Option<DecimalStyle> {
        match (self.decimal, self.style) {
            (DecimalChoice::Explicit(style), _) | (_, Some((style, ..))) => Some(style),
            (DecimalChoice::Detect, None) => None,
        }
    }

    /// How text numbers were read and where that was decided, for
    /// `--verbose` (worded by the caller, in the run's language).
    fn decimal_found(&self) -> DecimalFound {
        match (self.decimal, self.style) {
            (DecimalChoice::Explicit(style), _) => DecimalFound::Chosen(style),
            (DecimalChoice::Detect, Some((style, line, col))) => DecimalFound::Detected {
                style,
                line,
                column: self.header.get(col).cloned().unwrap_or_default(),
            },
            (DecimalChoice::Detect, None) => DecimalFound::NoneSeen,
        }
    }

    /// The stream stopped early: nothing may be scored.
    fn report_stop(&mut self) {
        self.pending.clear();
    }

    fn into_rejected(mut self) -> Rejected {
        self.problems.sort_by_key(|p| p.line);
        Rejected {
            problems: self.problems,
            omitted: self.omitted,
        }
    }

    /// Settles ambiguous cells and sends the rows that waited for them to
    /// `emit`; returns the header columns the set does not use, the ids
    /// read and the watch for warnings, or every problem. Percentage
    /// columns typed as fractions throughout are an error only once the
    /// watch settles (a part of a file cannot tell).
    pub(super) fn finish(mut self, emit: &mut UnitSink<'_>) -> Result<Finished<I>, Rejected> {
        for p in std::mem::take(&mut self.pending) {
            let result = match self.style {
                Some((style, ..)) => {
                    let input = &self.set.inputs[p.input];
                    parse_cell(
                        self.set,
                        input,
                        &self.rules[p.input],
                        &p.text,
                        false,
                        style,
                        false,
                    )
                }
                None => Err(D::UnclearSeparator),
            };
            match result {
                Ok(v) => {
                    self.watch.fractions.one(p.input, p.line, p.column, &v);
                    if let Some((_, record)) = self.held.get_mut(p.held) {
                        record.values[p.input] = v;
                    }
                }
                Err(message) => self.cell_problem(p.line, p.column, Some(&p.text), message),
            }
        }
        if let Some(found) = self.header_found_on {
            // A title above the header: one problem says so, instead of
            // every column of the set reported missing and every row
            // reported the wrong width, all read against the title.
            self.problems.clear();
            self.omitted = 0;
            let title = guidance::title_text(&self.header);
            let message = guidance::header_below_title(found, self.header_line, &title);
            self.report(Problem::new(&self.file, message).at_line(found));
        }
        if !self.problems.is_empty() || self.omitted > 0 {
            // Rejected anyway: every problem at once.
            for (line, col, value, message) in self.watch.fractions.findings() {
                self.cell_problem(line, col, Some(&value.to_string()), message);
            }
        }
        if self.rows == 0 && self.problems.is_empty() {
            // An empty template or a header-only file: nothing to rank is
            // a mistake, not a result.
            self.report(Problem::new(&self.file, D::NoUnits));
        }
        if !self.problems.is_empty() || self.omitted > 0 {
            self.problems.sort_by_key(|p| p.line);
            return Err(Rejected {
                problems: self.problems,
                omitted: self.omitted,
            });
        }
        let set = self.set;
        let mut used: Vec<&str> = vec![&set.columns.id, &set.columns.name];
        used.extend(set.columns.cluster.as_deref());
        used.extend(
            set.inputs
                .iter()
                .filter(|i| i.is_column())
                .map(|i| i.column.as_str()),
        );
        for (unit, record) in &self.held {
            emit(*unit, record.view());
        }
        let unused_columns = self
            .header
            .iter()
            .filter(|h| !h.is_empty() && !used.contains(&h.as_str()))
            .cloned()
            .collect();
        Ok(Finished {
            unused_columns,
            ids: self.ids,
            watch: self.watch,
        })
    }
}

/// `A`, `B`, … `Z`, `AA`, … for a 0-based column index.
pub fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"[rem]));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

pub(crate) fn example(style: DecimalStyle) -> &'static str {
    match style {
        DecimalStyle::Point => "85.5",
        DecimalStyle::Comma => "85,5",
    }
}

/// Binds a whole table already in memory (a spreadsheet, or tests).
pub fn bind(
    set: &CriteriaSet,
    table: &RawTable,
    decimal: DecimalChoice,
) -> Result<Dataset, Rejected> {
    let mut units = Collect::default();
    let bound = bind_each(set, table, decimal, &mut |i, u| units.push(i, u))?;
    Ok(units.into_dataset(bound.unused_columns))
}

/// [`bind`], handing each unit to `emit` instead of keeping it.
pub fn bind_each(
    set: &CriteriaSet,
    table: &RawTable,
    decimal: DecimalChoice,
    emit: &mut UnitSink<'_>,
) -> Result<Bound, Rejected> {
    let finished: Finished<UnitIds> = bind_part(set, table, decimal, emit)?;
    Ok(Bound {
        unused_columns: finished.unused_columns,
        warnings: finished.watch.settle()?,
    })
}

/// A problem that a cell is blank where a value is needed.
fn is_blank(message: &ProblemMessage) -> bool {
    message.as_message::<D>().is_some_and(|m| {
        matches!(
            m,
            D::BlankCell { .. }
                | D::BlankTarget { .. }
                | D::BlankId
                | D::BlankName
                | D::BlankCluster
        )
    })
}

/// [`bind_each`], leaving the warnings to settle.
pub(super) fn bind_part<I: IdCheck>(
    set: &CriteriaSet,
    table: &RawTable,
    decimal: DecimalChoice,
    emit: &mut UnitSink<'_>,
) -> Result<Finished<I>, Rejected> {
    let refs = match table.first_column {
        Some(first_column) => CellRefs::Sheet { first_column },
        None => CellRefs::Lines,
    };
    let mut binder = Binder::<I>::new(
        set,
        &table.file,
        table.header.clone(),
        table.header_line,
        refs,
        decimal,
        table.splitting,
    );
    binder.merged_cover = sheet::MergedCover::of(table);
    binder.unseen_cells = sheet::unseen_cells(set, table);
    binder.blank_formulas = sheet::formulas_at_blanks(table);
    binder.numbers_behind = sheet::numbers_behind(table);
    binder.keeps_not_units = binder.merged_cover.is_some() || !binder.unseen_cells.is_empty();
    for p in table.problems.iter().cloned() {
        binder.report(p);
    }
    for (line, cells) in &table.wide_rows {
        binder.look_for_header(*line, cells);
    }
    // Rows of nothing but formulas that show a person what the file does
    // not hold are read as empty rows, in their place.
    let formula_rows = sheet::formula_only_rows(set, table);
    let empty = vec![String::new(); table.header.len()];
    let mut formula_rows = formula_rows.into_iter().peekable();
    for row in &table.rows {
        while let Some(line) = formula_rows.next_if(|&line| line < row.line) {
            binder.row(line, &empty, &[], emit);
        }
        binder.row(row.line, &row.cells, &row.typed_numbers, emit);
    }
    for line in formula_rows {
        binder.row(line, &empty, &[], emit);
    }
    // After the rows: a merged range on rows that are no unit is left to
    // their own problem (problems are put in line order at the end).
    let not_units = std::mem::take(&mut binder.not_units);
    let not_a_unit = |line: usize| not_units.binary_search(&line).is_ok();
    for p in sheet::what_a_person_does_not_see(set, table, &not_a_unit) {
        binder.report(p);
    }
    binder.finish(emit)
}

/// Keeps emitted units, in file order.
#[derive(Default)]
struct Collect {
    units: Vec<(usize, UnitRecord)>,
}

impl Collect {
    fn push(&mut self, index: usize, u: UnitView<'_>) {
        self.units.push((
            index,
            UnitRecord {
                id: u.id.to_string(),
                name: u.name.to_string(),
                cluster: u.cluster.map(str::to_string),
                values: u.values.to_vec(),
            },
        ));
    }

    fn into_dataset(mut self, unused_columns: Vec<String>) -> Dataset {
        // Rows that waited for the decimal style arrive last.
        self.units.sort_by_key(|(index, _)| *index);
        Dataset {
            units: self.units.into_iter().map(|(_, u)| u).collect(),
            unused_columns,
        }
    }
}
