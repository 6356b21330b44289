//! Criteria file (TOML) → validated [`CriteriaSet`].
//!
//! The file is parsed into toml's spanned document tree and walked by hand,
//! so that every problem — syntax aside — is collected in one pass with its
//! line and column, instead of stopping at the first like serde would.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::str::FromStr;

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::invisible::{first_invisible, invisible_message};
use super::messages::CriteriaMessage as M;
use super::messages::Thing;
use super::messages::criteria::{Expected, ItemKind, KindOfValue, Section};
use super::problem::{Column, Problem, ProblemMessage, Rejected, did_you_mean, suggest};
use crate::i18n::Lang;
use crate::model::*;

pub mod check;
mod conditions;
mod range;
mod resolve;
mod results;
mod sections;
use check::{Item, Place};
pub use conditions::MAX_CONDITIONS;
use conditions::RawCondition;
pub use resolve::MAX_MAGNITUDE;
use resolve::{Resolver, User};
use results::RawResult;
use sections::{decimal_of, table_id};

/// The criteria file format this build reads.
pub const FORMAT: i64 = 1;
/// More criteria than this is certainly a mistake (or an attack).
pub const MAX_CRITERIA: usize = 10_000;
/// A criteria file larger than this is not one: the largest set allowed,
/// [`MAX_CRITERIA`] criteria written out as the shipped sets are, comments
/// and all, is a few MB. Only this much is read before refusing.
pub const MAX_CRITERIA_BYTES: usize = 16 << 20;
/// Ratings a set may have: each unit keeps which ones it qualifies for in
/// one 64-bit mask (real sets have four).
pub const MAX_RATINGS: usize = 64;
/// Labels one `levels` rule may list: a scale people choose from (real
/// ones have a handful). Each data cell is looked up among them.
pub const MAX_LEVELS: usize = 256;

type Node<'i> = Spanned<DeValue<'i>>;

const ROOT_KEYS: &[&str] = &[
    "format",
    "set",
    "columns",
    "indicators",
    "groups",
    "criteria",
    "gates",
    "adjustments",
    "ratings",
    "ranking",
    "results",
    "downgrades",
    "exclusions",
];
const SET_KEYS: &[&str] = &[
    "id",
    "title",
    "issuer",
    "basis",
    "period",
    "precision",
    "missing",
    "bonus_cap",
    "deduction_cap",
];
const COLUMN_KEYS: &[&str] = &["id", "name", "cluster"];
const INDICATOR_KEYS: &[&str] = &["id", "title", "ratio", "change", "when_zero"];
const GROUP_KEYS: &[&str] = &["id", "title"];
const RULE_FIELDS: &[&str] = &[
    "min",
    "max",
    "zero",
    "full",
    "steps",
    "levels",
    "per",
    "target",
    "direction",
    "at_target",
    "scope",
    "no_target",
];
const CRITERION_KEYS: &[&str] = &[
    "id",
    "group",
    "title",
    "indicator",
    "unit",
    "points",
    "rule",
    "pass",
    "allow_na",
    "range",
    "whole",
];
const GATE_KEYS: &[&str] = &[
    "id",
    "title",
    "indicator",
    "unit",
    "rule",
    "allow_na",
    "range",
    "whole",
];
const ADJUSTMENT_KEYS: &[&str] = &[
    "id",
    "title",
    "indicator",
    "kind",
    "per",
    "cap",
    "range",
    "whole",
];
const RATING_KEYS: &[&str] = &[
    "id",
    "title",
    "short",
    "min_score",
    "all_gates",
    "min_met",
    "all_met",
    "required",
    "quota",
    "quota_of",
    "quota_scope",
];
const RANKING_KEYS: &[&str] = &["order"];
pub(crate) const RULES: &[&str] = &[
    "yes", "at_least", "at_most", "linear", "steps", "levels", "deduct", "direct", "target",
    "relative",
];

/// Gives every level label key of the set one id, shared by all the levels
/// rules that list it, so a data cell is read once into that id.
fn number_labels(criteria: &mut [Criterion], gates: &mut [Gate]) {
    let mut ids: HashMap<String, u32> = HashMap::new();
    let rules = criteria
        .iter_mut()
        .map(|c| &mut c.rule)
        .chain(gates.iter_mut().map(|g| &mut g.rule));
    for rule in rules {
        if let Rule::Levels(levels) = rule {
            for level in levels {
                #[allow(clippy::expect_used, reason = "an invariant, not data")]
                let next = u32::try_from(ids.len())
                    .expect("invariant: a criteria file (at most MAX_CRITERIA_BYTES) holds far fewer labels than u32::MAX");
                level.id = *ids.entry(level.key.clone()).or_insert(next);
            }
        }
    }
}

/// The set's title as the file writes it (`[set] title`), read leniently:
/// syntax errors elsewhere in the file do not hide it. The run's language
/// is decided from it before the set is checked, so a broken set's problems
/// are told in the language a good one's would be.
pub fn declared_title(source: &str) -> Option<String> {
    let (root, _) = DeTable::parse_recoverable(source);
    let DeValue::Table(set) = Cx::field(root.get_ref(), "set")?.get_ref() else {
        return None;
    };
    match Cx::field(set, "title")?.get_ref() {
        DeValue::String(title) => Some(title.to_string()),
        _ => None,
    }
}

/// Parse and validate a criteria file. `file` is the name used in messages.
pub fn parse_criteria(file: &str, source: &str) -> Result<CriteriaSet, Rejected> {
    let mut cx = Cx::new(file, source);
    let (root, syntax_errors) = DeTable::parse_recoverable(source);
    if !syntax_errors.is_empty() {
        for e in syntax_errors {
            let span = e.span().unwrap_or(0..0);
            let msg = e.message().trim().to_string();
            cx.report(span, M::TomlSyntax { msg });
        }
        return Err(cx.problems.into());
    }
    let set = cx.document(root.get_ref(), root.span());
    if cx.problems.is_empty()
        && let Some(set) = set
    {
        return Ok(set);
    }
    cx.problems
        .sort_by_key(|p| (p.line, column_number(&p.column)));
    Err(cx.problems.into())
}

fn column_number(column: &Option<Column>) -> usize {
    match column {
        Some(Column::Number(n)) => *n,
        _ => 0,
    }
}

/// A reference by name, kept with its span until it is resolved.
#[derive(Clone)]
struct Named {
    name: String,
    span: Range<usize>,
}

/// Where the keys of one table are written, kept so that problems the
/// checker finds in the built set point at the file's line and column.
#[derive(Clone, Default)]
struct Spans {
    whole: Range<usize>,
    keys: Vec<(String, Range<usize>)>,
    /// The points of each step, or of each label, of a `steps` or `levels`
    /// rule, in the order the rule keeps them.
    parts: Vec<Range<usize>>,
}

impl Spans {
    fn of(table: &DeTable<'_>, whole: Range<usize>) -> Self {
        let keys = table
            .iter()
            .map(|(k, v)| (k.get_ref().to_string(), v.span()))
            .collect();
        let parts = match Cx::field(table, "steps").map(|n| n.get_ref()) {
            Some(DeValue::Array(items)) => items
                .iter()
                .map(|item| match item.get_ref() {
                    DeValue::Table(step) => {
                        Cx::field(step, "points").map_or(item.span(), |p| p.span())
                    }
                    _ => item.span(),
                })
                .collect(),
            _ => match Cx::field(table, "levels").map(|n| n.get_ref()) {
                Some(DeValue::Table(labels)) => labels.iter().map(|(_, v)| v.span()).collect(),
                _ => Vec::new(),
            },
        };
        Spans { whole, keys, parts }
    }

    /// The most precise span known for a place in this table.
    fn at(&self, key: Option<&str>, part: Option<usize>) -> Range<usize> {
        if let Some(span) = part.and_then(|p| self.parts.get(p)) {
            return span.clone();
        }
        key.and_then(|key| self.keys.iter().find(|(k, _)| k == key))
            .map_or_else(|| self.whole.clone(), |(_, span)| span.clone())
    }
}

/// The spans of every item of a built set, by the item's position.
#[derive(Default)]
struct SetSpans {
    set: Spans,
    criteria: Vec<Spans>,
    gates: Vec<Spans>,
    adjustments: Vec<Spans>,
    ratings: Vec<Spans>,
    downgrades: Vec<Spans>,
}

impl SetSpans {
    fn at(&self, place: Place) -> Range<usize> {
        let table = match place.item {
            Item::Set => Some(&self.set),
            Item::Criterion(i) => self.criteria.get(i),
            Item::Gate(i) => self.gates.get(i),
            Item::Adjustment(i) => self.adjustments.get(i),
            Item::Rating(i) => self.ratings.get(i),
            Item::Downgrade(i) => self.downgrades.get(i),
        };
        table.map_or(0..0, |t| t.at(place.key, place.part))
    }
}

struct RawDerived {
    id: Named,
    title: Option<String>,
    formula: Formula,
    a: Named,
    b: Named,
    when_zero: WhenZero,
}

struct RawScored {
    id: Named,
    title: String,
    group: Option<Named>,
    indicator: Named,
    unit: Option<String>,
    points: Decimal,
    pass: PassMark,
    allow_na: bool,
    rule: Option<Rule>,
    range: Option<ValueRange>,
    whole: bool,
    /// What a relative rule reads only once names are resolved.
    relative: RawRelative,
    spans: Spans,
}

/// The parts of a `target` or `relative` rule that need the whole file.
#[derive(Default)]
struct RawRelative {
    /// `target = "column"`: the column (or derived indicator) of targets.
    target: Option<Named>,
    /// Is `scope` written? Without it the scope is the cluster when the set
    /// has a cluster column, else all units.
    scope_written: bool,
}

struct RawAdjustment {
    id: Named,
    title: String,
    indicator: Named,
    kind: Option<AdjustmentKind>,
    per: Decimal,
    cap: Option<Decimal>,
    range: Option<ValueRange>,
    whole: bool,
    spans: Spans,
}

struct RawRating {
    id: Named,
    title: String,
    short: Option<String>,
    min_score: Option<Decimal>,
    all_gates: bool,
    min_met: Option<u32>,
    all_met: bool,
    required: Vec<Named>,
    quota: Option<Decimal>,
    quota_of: Option<Named>,
    quota_scope: Option<(QuotaScope, Range<usize>)>,
    spans: Spans,
}

struct Cx<'s> {
    file: String,
    source: &'s str,
    line_starts: Vec<usize>,
    problems: Vec<Problem>,
    /// Unknown keys already reported with a suggestion: (which table,
    /// suggested key). A missing key that a typo explains is the same mistake, so it
    /// is not reported again.
    suggested: Vec<(usize, &'static str)>,
    /// The points, pass mark and place of each criterion written too
    /// incompletely to be read (no id, title or indicator): checked for
    /// what holds whatever the rest (see `check::points_and_pass`).
    unread_criteria: Vec<(Decimal, PassMark, Spans)>,
}

impl<'s> Cx<'s> {
    fn new(file: &str, source: &'s str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Cx {
            file: file.to_string(),
            source,
            line_starts,
            problems: Vec::new(),
            suggested: Vec::new(),
            unread_criteria: Vec::new(),
        }
    }

    /// (line, column), both 1-based, of a byte offset in the file.
    fn position(&self, offset: usize) -> (usize, usize) {
        let start = offset.min(self.source.len());
        let line = self.line_starts.partition_point(|&s| s <= start);
        let line_start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = self
            .source
            .get(line_start..start)
            .map_or(1, |s| s.chars().count() + 1);
        (line.max(1), column)
    }

    fn report(&mut self, span: Range<usize>, message: impl Into<ProblemMessage>) {
        let message = message.into();
        let (line, column) = self.position(span.start);
        let mut problem = Problem::new(self.file.clone(), message.clone())
            .at_line(line)
            .at_column(Column::Number(column));
        // Show the offending value unless the message already names it or
        // the span is a whole table.
        if let Some(found) = self.source.get(span.clone()) {
            let found = found.trim();
            let bare = found.trim_matches('"');
            let shown_already = message.words(Lang::En).contains(&format!("\"{bare}\""));
            if !found.is_empty()
                && found.len() <= 80
                && !found.contains('\n')
                && !found.starts_with('[')
                && !shown_already
            {
                problem = problem.with_value(bare);
            }
        }
        self.problems.push(problem);
    }

    // ----- generic field access -------------------------------------------

    fn check_keys(&mut self, table: &DeTable<'_>, allowed: &[&'static str], place: &str) {
        self.check_keys_in(table, allowed, &Section::Table(place.to_string()));
    }

    /// [`Self::check_keys`] where the place has a name in each language.
    fn check_keys_in(&mut self, table: &DeTable<'_>, allowed: &[&'static str], place: &Section) {
        for (key, _) in table.iter() {
            let k = key.get_ref().as_ref();
            if !allowed.contains(&k) {
                if let Some(s) = suggest(k, allowed.iter().copied()) {
                    self.suggested.push((table_id(table), s));
                }
                let hint = did_you_mean(k, allowed.iter().copied());
                self.report(
                    key.span(),
                    M::UnknownKey {
                        key: k.to_string(),
                        place: place.clone(),
                        hint,
                    },
                );
            }
        }
    }

    fn field<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t Node<'i>> {
        table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    /// Was one of `keys` already suggested for a misspelt key of `table`?
    fn explained_by_typo(&self, table: &DeTable<'_>, keys: &[&str]) -> bool {
        let id = table_id(table);
        self.suggested
            .iter()
            .any(|(t, s)| *t == id && keys.contains(s))
    }

    fn missing(&mut self, table: &DeTable<'_>, owner: &Range<usize>, key: &str, place: &str) {
        self.missing_in(table, owner, key, &Section::Table(place.to_string()));
    }

    /// [`Self::missing`] where the place has a name in each language.
    fn missing_in(
        &mut self,
        table: &DeTable<'_>,
        owner: &Range<usize>,
        key: &str,
        place: &Section,
    ) {
        if self.explained_by_typo(table, &[key]) {
            return;
        }
        self.report(
            owner.clone(),
            M::MissingKey {
                key: key.to_string(),
                place: place.clone(),
            },
        );
    }

    /// The criteria file itself, as a message names the place of a key.
    fn the_file() -> Section {
        Section::TheFile
    }

    fn wrong_type(&mut self, node: &Node<'_>, key: &str, expected: Expected) {
        self.report(
            node.span(),
            M::MustBe {
                key: key.to_string(),
                expected,
            },
        );
    }

    fn string(&mut self, table: &DeTable<'_>, key: &str) -> Option<Named> {
        let node = Self::field(table, key)?;
        match node.get_ref() {
            DeValue::String(s) => Some(Named {
                name: crate::load::text::normalize(s),
                span: node.span(),
            }),
            _ => {
                self.wrong_type(node, key, Expected::QuotedString);
                None
            }
        }
    }

    fn required_string(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        owner: &Range<usize>,
        place: &str,
    ) -> Option<Named> {
        if Self::field(table, key).is_none() {
            self.missing(table, owner, key, place);
            return None;
        }
        let named = self.string(table, key)?;
        if named.name.is_empty() {
            self.report(
                named.span.clone(),
                M::Empty {
                    key: key.to_string(),
                },
            );
            return None;
        }
        // Titles are read by people; every other string named here (an id,
        // an indicator, a column) is matched, and must look as it is.
        if key != "title" {
            return self.visible(named, key);
        }
        Some(named)
    }

    /// `named`, unless it holds an invisible character (reported).
    fn visible(&mut self, named: Named, key: &str) -> Option<Named> {
        let Some((position, invisible)) = first_invisible(&named.name) else {
            return Some(named);
        };
        let what = Thing::ValueOf {
            key: key.to_string(),
        };
        self.report(named.span, invisible_message(what, position, invisible));
        None
    }

    fn decimal(&mut self, table: &DeTable<'_>, key: &str) -> Option<(Decimal, Range<usize>)> {
        let node = Self::field(table, key)?;
        match decimal_of(node.get_ref()) {
            Some(d) => Some((d, node.span())),
            None => {
                self.wrong_type(node, key, Expected::Number);
                None
            }
        }
    }

    fn boolean(&mut self, table: &DeTable<'_>, key: &str) -> bool {
        let Some(node) = Self::field(table, key) else {
            return false;
        };
        match node.get_ref() {
            DeValue::Boolean(b) => *b,
            _ => {
                self.wrong_type(node, key, Expected::TrueOrFalse);
                false
            }
        }
    }

    fn integer(&mut self, table: &DeTable<'_>, key: &str, max: u64) -> Option<(u32, Range<usize>)> {
        let node = Self::field(table, key)?;
        let value = match node.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => {
                i.as_str().replace('_', "").parse::<u64>().ok()
            }
            _ => None,
        };
        // Every count a criteria file holds is a u32; `max` never exceeds it.
        match value
            .filter(|&v| v <= max)
            .and_then(|v| u32::try_from(v).ok())
        {
            Some(v) => Some((v, node.span())),
            _ => {
                self.wrong_type(node, key, Expected::WholeNumberUpTo { max });
                None
            }
        }
    }

    /// `[[key]]` entries: each table with its span.
    fn tables<'t, 'i>(
        &mut self,
        root: &'t DeTable<'i>,
        key: &str,
    ) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
        let Some(node) = Self::field(root, key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = node.get_ref() else {
            self.wrong_type(
                node,
                key,
                Expected::ListOfTables {
                    key: key.to_string(),
                },
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, item.span())),
                _ => self.wrong_type(
                    item,
                    key,
                    Expected::ListOfTables {
                        key: key.to_string(),
                    },
                ),
            }
        }
        out
    }

    fn table<'t, 'i>(
        &mut self,
        root: &'t DeTable<'i>,
        key: &str,
    ) -> Option<(&'t DeTable<'i>, Range<usize>)> {
        let node = Self::field(root, key)?;
        match node.get_ref() {
            DeValue::Table(t) => Some((t, node.span())),
            _ => {
                self.wrong_type(
                    node,
                    key,
                    Expected::Table {
                        key: key.to_string(),
                    },
                );
                None
            }
        }
    }

    fn string_list(&mut self, table: &DeTable<'_>, key: &str) -> Option<Vec<Named>> {
        let node = Self::field(table, key)?;
        let DeValue::Array(items) = node.get_ref() else {
            self.wrong_type(node, key, Expected::ListOfStrings);
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Named {
                    name: crate::load::text::normalize(s),
                    span: item.span(),
                }),
                _ => self.wrong_type(item, key, Expected::ListOfStrings),
            }
        }
        Some(out)
    }

    // ----- sections --------------------------------------------------------

    fn document(&mut self, root: &DeTable<'_>, root_span: Range<usize>) -> Option<CriteriaSet> {
        self.check_keys_in(root, ROOT_KEYS, &Self::the_file());
        self.format(root, &root_span);
        let head = self.set_header(root, &root_span);
        let columns = self.columns(root, &root_span);
        let derived = self.indicators(root);
        let groups = self.groups(root);
        let criteria = self.criteria(root, !groups.is_empty());
        let gates = self.gates(root);
        let adjustments = self.adjustments(root);
        let downgrades = self.downgrades(root);
        let exclusions = self.exclusions(root);
        let ratings = self.ratings(root, &root_span);
        let ranking = self.ranking(root);
        let results = self.results(root);
        let sources: Vec<ResultSource> = results.iter().map(|r| self.source(r)).collect();
        let (resolved, complete) = Resolver::new(self).resolve(
            &results,
            groups,
            derived,
            criteria,
            gates,
            adjustments,
            (downgrades, exclusions),
            ratings,
            ranking,
            columns.as_ref(),
        );
        let mut spans = resolved.spans;
        let unbuilt = resolved.unbuilt_criteria;
        spans.set = head.as_ref().map(|h| h.spans.clone()).unwrap_or_default();
        let named = head
            .as_ref()
            .and_then(|h| Some((h.id.clone()?, h.title.clone()?)));
        let whole = complete && named.is_some() && columns.is_some();
        let (id, title) = named.unwrap_or_default();
        let mut set = CriteriaSet {
            id,
            title,
            issuer: head.as_ref().and_then(|h| h.issuer.clone()),
            basis: head.as_ref().and_then(|h| h.basis.clone()),
            period: head.as_ref().and_then(|h| h.period.clone()),
            precision: head.as_ref().map_or(2, |h| h.precision),
            missing: head.as_ref().map_or(MissingPolicy::Error, |h| h.missing),
            bonus_cap: head.as_ref().and_then(|h| h.bonus_cap),
            deduction_cap: head.as_ref().and_then(|h| h.deduction_cap),
            // Without [columns] (already reported) the set is still checked,
            // as if it had a cluster column: nothing is said about clusters.
            columns: columns.unwrap_or_else(|| Columns {
                id: String::new(),
                name: String::new(),
                cluster: Some(String::new()),
            }),
            results: sources,
            inputs: resolved.inputs,
            derived: resolved.derived,
            groups: resolved.groups,
            criteria: resolved.criteria,
            gates: resolved.gates,
            adjustments: resolved.adjustments,
            downgrades: resolved.downgrades,
            exclusions: resolved.exclusions,
            ratings: resolved.ratings,
            ranking: resolved.ranking,
        };
        // The checker runs on what was built even when parts of the file
        // are wrong, so every problem is reported at once; such a set is
        // never returned, and what it says about other items (which may be
        // missing from it) waits for the parts to be fixed.
        for finding in check::check(&set) {
            if whole || !finding.reads_other_items {
                self.report(spans.at(finding.at), finding.message);
            }
        }
        let unread = std::mem::take(&mut self.unread_criteria);
        for (points, pass, at) in unread.iter().chain(&unbuilt) {
            for (key, message) in check::points_and_pass(*points, *pass) {
                self.report(at.at(Some(key), None), message);
            }
        }
        if !whole {
            return None;
        }
        number_labels(&mut set.criteria, &mut set.gates);
        Some(set)
    }

    fn format(&mut self, root: &DeTable<'_>, root_span: &Range<usize>) {
        let Some(node) = Self::field(root, "format") else {
            self.report(root_span.start..root_span.start, M::NoFormatLine);
            return;
        };
        let ok =
            matches!(node.get_ref(), DeValue::Integer(i) if i.as_str() == "1" && i.radix() == 10);
        if !ok {
            self.report(node.span(), M::UnsupportedFormat);
        }
    }
}
