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
use super::problem::{Column, Problem, Rejected, did_you_mean, suggest};
use crate::i18n::Text;
use crate::model::*;
use crate::text;

mod results;
use results::RawResult;
mod range;

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
const RULE_FIELDS: &[&str] = &["min", "max", "zero", "full", "steps", "levels", "per"];
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
];
const GATE_KEYS: &[&str] = &[
    "id",
    "title",
    "indicator",
    "unit",
    "rule",
    "allow_na",
    "range",
];
const ADJUSTMENT_KEYS: &[&str] = &["id", "title", "indicator", "kind", "per", "cap", "range"];
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
const RULES: &[&str] = &[
    "yes", "at_least", "at_most", "linear", "steps", "levels", "deduct", "direct",
];

/// Parse and validate a criteria file. `file` is the name used in messages.
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
                let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                level.id = *ids.entry(level.key.clone()).or_insert(next);
            }
        }
    }
}

pub fn parse_criteria(file: &str, source: &str) -> Result<CriteriaSet, Rejected> {
    let mut cx = Cx::new(file, source);
    let (root, syntax_errors) = DeTable::parse_recoverable(source);
    if !syntax_errors.is_empty() {
        for e in syntax_errors {
            let span = e.span().unwrap_or(0..0);
            let msg = e.message().trim().to_string();
            cx.report(
                span,
                text!(vi: "lỗi cú pháp TOML: {msg}", en: "TOML syntax error: {msg}"),
            );
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
    range: range::Declared,
}

struct RawAdjustment {
    id: Named,
    title: String,
    indicator: Named,
    kind: Option<AdjustmentKind>,
    per: Decimal,
    cap: Option<Decimal>,
    range: range::Declared,
}

struct RawRating {
    id: Named,
    title: String,
    short: Option<String>,
    min_score: Option<Decimal>,
    all_gates: bool,
    min_met: Option<(u32, Range<usize>)>,
    all_met: bool,
    required: Vec<Named>,
    quota: Option<(Decimal, Range<usize>)>,
    quota_of: Option<Named>,
    quota_scope: Option<(QuotaScope, Range<usize>)>,
    span: Range<usize>,
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

    fn report(&mut self, span: Range<usize>, message: Text) {
        let (line, column) = self.position(span.start);
        let mut problem = Problem::new(self.file.clone(), message.clone())
            .at_line(line)
            .at_column(Column::Number(column));
        // Show the offending value unless the message already names it or
        // the span is a whole table.
        if let Some(found) = self.source.get(span.clone()) {
            let found = found.trim();
            let bare = found.trim_matches('"');
            let shown_already = message.en.contains(&format!("\"{bare}\""));
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
        for (key, _) in table.iter() {
            let k = key.get_ref().as_ref();
            if !allowed.contains(&k) {
                if let Some(s) = suggest(k, allowed.iter().copied()) {
                    self.suggested.push((table_id(table), s));
                }
                let hint = did_you_mean(k, allowed.iter().copied());
                let (hv, he) = (&hint.vi, &hint.en);
                self.report(
                    key.span(),
                    text!(
                        vi: "khóa \"{k}\" không dùng được trong {place}.{hv}",
                        en: "unknown key \"{k}\" in {place}.{he}"
                    ),
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
        if self.explained_by_typo(table, &[key]) {
            return;
        }
        self.report(
            owner.clone(),
            text!(
                vi: "thiếu khóa bắt buộc \"{key}\" trong {place}",
                en: "{place} is missing the required key \"{key}\""
            ),
        );
    }

    fn wrong_type(&mut self, node: &Node<'_>, key: &str, expected: Text) {
        let (ev, ee) = (&expected.vi, &expected.en);
        self.report(
            node.span(),
            text!(vi: "\"{key}\" phải là {ev}", en: "\"{key}\" must be {ee}"),
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
                self.wrong_type(
                    node,
                    key,
                    Text::new("một chuỗi trong ngoặc kép", "a quoted string"),
                );
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
                text!(vi: "\"{key}\" không được để trống", en: "\"{key}\" must not be empty"),
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
        let what = text!(vi: "giá trị của \"{key}\"", en: "the value of \"{key}\"");
        self.report(named.span, invisible_message(&what, position, invisible));
        None
    }

    fn decimal(&mut self, table: &DeTable<'_>, key: &str) -> Option<(Decimal, Range<usize>)> {
        let node = Self::field(table, key)?;
        match decimal_of(node.get_ref()) {
            Some(d) => Some((d, node.span())),
            None => {
                self.wrong_type(
                    node,
                    key,
                    Text::new(
                        "một số (giá trị tuyệt đối không quá 10^15)",
                        "a number (at most 10^15 in size)",
                    ),
                );
                None
            }
        }
    }

    fn non_negative(&mut self, table: &DeTable<'_>, key: &str) -> Option<Decimal> {
        let (d, span) = self.decimal(table, key)?;
        if d.is_sign_negative() && !d.is_zero() {
            self.report(
                span,
                text!(vi: "\"{key}\" không được âm", en: "\"{key}\" must not be negative"),
            );
            return None;
        }
        Some(d)
    }

    fn boolean(&mut self, table: &DeTable<'_>, key: &str) -> bool {
        let Some(node) = Self::field(table, key) else {
            return false;
        };
        match node.get_ref() {
            DeValue::Boolean(b) => *b,
            _ => {
                self.wrong_type(node, key, Text::new("true hoặc false", "true or false"));
                false
            }
        }
    }

    fn integer(&mut self, table: &DeTable<'_>, key: &str, max: u64) -> Option<(u64, Range<usize>)> {
        let node = Self::field(table, key)?;
        let value = match node.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => {
                i.as_str().replace('_', "").parse::<u64>().ok()
            }
            _ => None,
        };
        match value {
            Some(v) if v <= max => Some((v, node.span())),
            _ => {
                self.wrong_type(
                    node,
                    key,
                    text!(vi: "một số nguyên từ 0 đến {max}", en: "a whole number from 0 to {max}"),
                );
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
                text!(vi: "một danh sách [[{key}]]", en: "a list of [[{key}]] tables"),
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
                    text!(vi: "một danh sách [[{key}]]", en: "a list of [[{key}]] tables"),
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
                    text!(vi: "một bảng [{key}]", en: "a [{key}] table"),
                );
                None
            }
        }
    }

    fn string_list(&mut self, table: &DeTable<'_>, key: &str) -> Option<Vec<Named>> {
        let node = Self::field(table, key)?;
        let DeValue::Array(items) = node.get_ref() else {
            self.wrong_type(
                node,
                key,
                Text::new("một danh sách chuỗi", "a list of strings"),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Named {
                    name: crate::load::text::normalize(s),
                    span: item.span(),
                }),
                _ => self.wrong_type(
                    item,
                    key,
                    Text::new("một danh sách chuỗi", "a list of strings"),
                ),
            }
        }
        Some(out)
    }

    // ----- sections --------------------------------------------------------

    fn document(&mut self, root: &DeTable<'_>, root_span: Range<usize>) -> Option<CriteriaSet> {
        self.check_keys(root, ROOT_KEYS, "tệp tiêu chí / the criteria file");
        self.format(root, &root_span);
        let head = self.set_header(root, &root_span);
        let columns = self.columns(root, &root_span);
        let derived = self.indicators(root);
        let groups = self.groups(root);
        let criteria = self.criteria(root, !groups.is_empty());
        let gates = self.gates(root);
        let adjustments = self.adjustments(root);
        let ratings = self.ratings(root, &root_span);
        let ranking = self.ranking(root);
        let results = self.results(root);
        let sources: Vec<ResultSource> = results.iter().map(|r| self.source(r)).collect();
        let resolved = Resolver::new(self).resolve(
            &results,
            groups,
            derived,
            criteria,
            gates,
            adjustments,
            ratings,
            ranking,
            columns.as_ref(),
        );
        let (head, columns, mut resolved) = (head?, columns?, resolved?);
        number_labels(&mut resolved.criteria, &mut resolved.gates);
        Some(CriteriaSet {
            id: head.id,
            title: head.title,
            issuer: head.issuer,
            basis: head.basis,
            period: head.period,
            precision: head.precision,
            missing: head.missing,
            bonus_cap: head.bonus_cap,
            deduction_cap: head.deduction_cap,
            columns,
            results: sources,
            inputs: resolved.inputs,
            derived: resolved.derived,
            groups: resolved.groups,
            criteria: resolved.criteria,
            gates: resolved.gates,
            adjustments: resolved.adjustments,
            ratings: resolved.ratings,
            ranking: resolved.ranking,
        })
    }

    fn format(&mut self, root: &DeTable<'_>, root_span: &Range<usize>) {
        let Some(node) = Self::field(root, "format") else {
            self.report(
                root_span.start..root_span.start,
                Text::new(
                    "thiếu dòng \"format = 1\" ở đầu tệp",
                    "missing \"format = 1\" at the top of the file",
                ),
            );
            return;
        };
        let ok =
            matches!(node.get_ref(), DeValue::Integer(i) if i.as_str() == "1" && i.radix() == 10);
        if !ok {
            self.report(
                node.span(),
                text!(
                    vi: "phiên bản định dạng không hỗ trợ; wardscore này đọc format = {FORMAT}",
                    en: "unsupported format version; this wardscore reads format = {FORMAT}"
                ),
            );
        }
    }

    fn set_header(&mut self, root: &DeTable<'_>, root_span: &Range<usize>) -> Option<SetHeader> {
        let Some((set, span)) = self.table(root, "set") else {
            if Self::field(root, "set").is_none() {
                self.missing(root, root_span, "set", "tệp tiêu chí / the criteria file");
            }
            return None;
        };
        self.check_keys(set, SET_KEYS, "[set]");
        let id = self.required_string(set, "id", &span, "[set]");
        if let Some(id) = &id {
            let valid = id
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !valid {
                self.report(
                    id.span.clone(),
                    Text::new(
                        "mã bộ tiêu chí chỉ gồm chữ thường không dấu, số và dấu gạch ngang (a-z, 0-9, -)",
                        "the set id may only hold lowercase letters, digits and hyphens (a-z, 0-9, -)",
                    ),
                );
            }
        }
        let title = self.required_string(set, "title", &span, "[set]");
        let issuer = self.string(set, "issuer").map(|n| n.name);
        let basis = self.string(set, "basis").map(|n| n.name);
        let period = self.string(set, "period").map(|n| n.name);
        let precision = self
            .integer(set, "precision", 10)
            .map_or(2, |(p, _)| p as u32);
        let missing = match self.string(set, "missing") {
            None => MissingPolicy::Error,
            Some(n) if n.name == "error" => MissingPolicy::Error,
            Some(n) if n.name == "zero" => MissingPolicy::Zero,
            Some(n) => {
                self.report(
                    n.span,
                    Text::new(
                        "\"missing\" phải là \"error\" hoặc \"zero\"",
                        "\"missing\" must be \"error\" or \"zero\"",
                    ),
                );
                MissingPolicy::Error
            }
        };
        let bonus_cap = self.non_negative(set, "bonus_cap");
        let deduction_cap = self.non_negative(set, "deduction_cap");
        Some(SetHeader {
            id: id?.name,
            title: title?.name,
            issuer,
            basis,
            period,
            precision,
            missing,
            bonus_cap,
            deduction_cap,
        })
    }

    fn columns(&mut self, root: &DeTable<'_>, root_span: &Range<usize>) -> Option<Columns> {
        let Some((cols, span)) = self.table(root, "columns") else {
            if Self::field(root, "columns").is_none() {
                self.missing(
                    root,
                    root_span,
                    "columns",
                    "tệp tiêu chí / the criteria file",
                );
            }
            return None;
        };
        self.check_keys(cols, COLUMN_KEYS, "[columns]");
        let id = self.required_string(cols, "id", &span, "[columns]");
        let name = self.required_string(cols, "name", &span, "[columns]");
        let cluster = self.string(cols, "cluster");
        let cluster = match cluster {
            Some(named) => Some(self.visible(named, "cluster")?.name),
            None => None,
        };
        Some(Columns {
            id: id?.name,
            name: name?.name,
            cluster,
        })
    }

    fn indicators(&mut self, root: &DeTable<'_>) -> Vec<RawDerived> {
        let mut out = Vec::new();
        for (t, span) in self.tables(root, "indicators") {
            self.check_keys(t, INDICATOR_KEYS, "[[indicators]]");
            let id = self.required_string(t, "id", &span, "[[indicators]]");
            let title = self.string(t, "title").map(|n| n.name);
            let ratio = self.pair(t, "ratio");
            let change = self.pair(t, "change");
            let (formula, operands) = match (ratio, change) {
                (Some(p), None) => (Formula::Ratio, Some(p)),
                (None, Some(p)) => (Formula::Change, Some(p)),
                (Some(_), Some(_)) => {
                    self.report(
                        span.clone(),
                        Text::new(
                            "một chỉ số dẫn xuất chỉ có một trong \"ratio\" hoặc \"change\"",
                            "a derived indicator takes either \"ratio\" or \"change\", not both",
                        ),
                    );
                    (Formula::Ratio, None)
                }
                (None, None) => {
                    if Self::field(t, "ratio").is_none() && Self::field(t, "change").is_none() {
                        self.report(
                            span.clone(),
                            Text::new(
                                "chỉ số dẫn xuất cần \"ratio = [\\\"a\\\", \\\"b\\\"]\" hoặc \"change = [\\\"a\\\", \\\"b\\\"]\"",
                                "a derived indicator needs \"ratio = [\\\"a\\\", \\\"b\\\"]\" or \"change = [\\\"a\\\", \\\"b\\\"]\"",
                            ),
                        );
                    }
                    (Formula::Ratio, None)
                }
            };
            let when_zero = match Self::field(t, "when_zero") {
                None => WhenZero::NotApplicable,
                Some(node) => match node.get_ref() {
                    DeValue::String(s) if s.as_ref() == "not_applicable" => WhenZero::NotApplicable,
                    v => match decimal_of(v) {
                        Some(d) => WhenZero::Value(d),
                        None => {
                            self.wrong_type(
                                node,
                                "when_zero",
                                Text::new(
                                    "\"not_applicable\" hoặc một số",
                                    "\"not_applicable\" or a number",
                                ),
                            );
                            WhenZero::NotApplicable
                        }
                    },
                },
            };
            if let (Some(id), Some((a, b))) = (id, operands) {
                out.push(RawDerived {
                    id,
                    title,
                    formula,
                    a,
                    b,
                    when_zero,
                });
            }
        }
        out
    }

    fn pair(&mut self, table: &DeTable<'_>, key: &str) -> Option<(Named, Named)> {
        let list = self.string_list(table, key)?;
        match <[Named; 2]>::try_from(list) {
            Ok([a, b]) => Some((a, b)),
            Err(_) => {
                if let Some(node) = Self::field(table, key) {
                    self.wrong_type(
                        node,
                        key,
                        Text::new(
                            "đúng hai tên chỉ số: [\"a\", \"b\"]",
                            "exactly two indicator names: [\"a\", \"b\"]",
                        ),
                    );
                }
                None
            }
        }
    }

    fn groups(&mut self, root: &DeTable<'_>) -> Vec<(Named, String)> {
        let mut out = Vec::new();
        for (t, span) in self.tables(root, "groups") {
            self.check_keys(t, GROUP_KEYS, "[[groups]]");
            let id = self.required_string(t, "id", &span, "[[groups]]");
            let title = self.required_string(t, "title", &span, "[[groups]]");
            if let (Some(id), Some(title)) = (id, title) {
                out.push((id, title.name));
            }
        }
        out
    }

    fn criteria(&mut self, root: &DeTable<'_>, has_groups: bool) -> Vec<RawScored> {
        let entries = self.tables(root, "criteria");
        if entries.len() > MAX_CRITERIA {
            let n = entries.len();
            self.report(
                entries[MAX_CRITERIA].1.clone(),
                text!(
                    vi: "quá nhiều tiêu chí ({n}); tối đa {MAX_CRITERIA}",
                    en: "too many criteria ({n}); the limit is {MAX_CRITERIA}"
                ),
            );
            return Vec::new();
        }
        let mut out = Vec::new();
        for (t, span) in entries {
            let place = "[[criteria]]";
            self.check_keys(t, &[CRITERION_KEYS, RULE_FIELDS].concat(), place);
            let id = self.required_string(t, "id", &span, place);
            let title = self.required_string(t, "title", &span, place);
            let group = self.string(t, "group");
            if has_groups && group.is_none() && Self::field(t, "group").is_none() {
                self.missing(t, &span, "group", place);
            }
            let indicator = self.required_string(t, "indicator", &span, place);
            let unit = self.string(t, "unit").map(|n| n.name);
            let points = match self.decimal(t, "points") {
                None => Decimal::ONE,
                Some((p, s)) if p <= Decimal::ZERO => {
                    self.report(
                        s,
                        Text::new(
                            "\"points\" phải lớn hơn 0",
                            "\"points\" must be greater than 0",
                        ),
                    );
                    Decimal::ONE
                }
                Some((p, _)) => p,
            };
            let pass = match self.decimal(t, "pass") {
                None => PassMark::AllPoints,
                Some((p, s)) if p < Decimal::ZERO || p > points => {
                    self.report(
                        s,
                        text!(
                            vi: "\"pass\" phải từ 0 đến số điểm của tiêu chí ({points})",
                            en: "\"pass\" must be between 0 and the criterion's points ({points})"
                        ),
                    );
                    PassMark::AllPoints
                }
                Some((p, _)) => PassMark::Points(p),
            };
            let allow_na = self.boolean(t, "allow_na");
            let rule = self.rule(t, &span, Some(points), place);
            let range = self.range(t);
            if let (Some(id), Some(title), Some(indicator)) = (id, title, indicator) {
                out.push(RawScored {
                    id,
                    title: title.name,
                    group,
                    indicator,
                    unit,
                    points,
                    pass,
                    allow_na,
                    rule,
                    range,
                });
            }
        }
        out
    }

    fn gates(&mut self, root: &DeTable<'_>) -> Vec<RawScored> {
        let mut out = Vec::new();
        for (t, span) in self.tables(root, "gates") {
            let place = "[[gates]]";
            self.check_keys(t, &[GATE_KEYS, RULE_FIELDS].concat(), place);
            let id = self.required_string(t, "id", &span, place);
            let title = self.required_string(t, "title", &span, place);
            let indicator = self.required_string(t, "indicator", &span, place);
            let unit = self.string(t, "unit").map(|n| n.name);
            let allow_na = self.boolean(t, "allow_na");
            let rule = self.rule(t, &span, None, place);
            if matches!(rule, Some(Rule::Direct)) {
                self.report(
                    span.clone(),
                    Text::new(
                        "cổng loại trừ không dùng được quy tắc \"direct\" (cổng không có điểm)",
                        "a gate cannot use rule \"direct\" (gates earn no points)",
                    ),
                );
            }
            let range = self.range(t);
            if let (Some(id), Some(title), Some(indicator)) = (id, title, indicator) {
                out.push(RawScored {
                    id,
                    title: title.name,
                    group: None,
                    indicator,
                    unit,
                    points: Decimal::ONE,
                    pass: PassMark::AllPoints,
                    allow_na,
                    rule,
                    range,
                });
            }
        }
        out
    }

    /// The rule and its fields. `points` is the criterion's maximum (None for gates).
    fn rule(
        &mut self,
        t: &DeTable<'_>,
        owner: &Range<usize>,
        points: Option<Decimal>,
        place: &str,
    ) -> Option<Rule> {
        let Some(kind) = self.string(t, "rule") else {
            if Self::field(t, "rule").is_none() {
                self.missing(t, owner, "rule", place);
            }
            return None;
        };
        let used: &[&str] = match kind.name.as_str() {
            "yes" | "direct" => &[],
            "at_least" => &["min"],
            "at_most" => &["max"],
            "linear" => &["zero", "full"],
            "steps" => &["steps"],
            "levels" => &["levels"],
            "deduct" => &["per"],
            other => {
                let hint = did_you_mean(other, RULES.iter().copied());
                let all = RULES.join(", ");
                let (hv, he) = (&hint.vi, &hint.en);
                self.report(
                    kind.span,
                    text!(
                        vi: "quy tắc \"{other}\" không có; dùng một trong: {all}.{hv}",
                        en: "unknown rule \"{other}\"; use one of: {all}.{he}"
                    ),
                );
                return None;
            }
        };
        let rule_name = kind.name.as_str();
        for field in RULE_FIELDS {
            if !used.contains(field)
                && let Some(node) = Self::field(t, field)
            {
                self.report(
                    node.span(),
                    text!(
                        vi: "\"{field}\" không dùng cho quy tắc \"{rule_name}\"",
                        en: "\"{field}\" does not apply to rule \"{rule_name}\""
                    ),
                );
            }
        }
        let need = |cx: &mut Self, key: &str| -> Option<Decimal> {
            if Self::field(t, key).is_none() {
                cx.report(
                    owner.clone(),
                    text!(
                        vi: "quy tắc \"{rule_name}\" cần khóa \"{key}\"",
                        en: "rule \"{rule_name}\" needs the key \"{key}\""
                    ),
                );
                return None;
            }
            cx.decimal(t, key).map(|(d, _)| d)
        };
        match rule_name {
            "yes" => Some(Rule::Yes),
            "direct" => Some(Rule::Direct),
            "at_least" => need(self, "min").map(Rule::AtLeast),
            "at_most" => need(self, "max").map(Rule::AtMost),
            "linear" => {
                let zero = need(self, "zero");
                let full = need(self, "full");
                let (zero, full) = (zero?, full?);
                if zero == full {
                    if let Some(node) = Self::field(t, "full") {
                        self.report(
                            node.span(),
                            text!(
                                vi: "\"zero\" và \"full\" bằng nhau ({zero}); hai mốc phải khác nhau",
                                en: "\"zero\" and \"full\" are equal ({zero}); they must differ"
                            ),
                        );
                    }
                    return None;
                }
                Some(Rule::Linear { zero, full })
            }
            "deduct" => {
                let per = need(self, "per")?;
                if per <= Decimal::ZERO {
                    if let Some(node) = Self::field(t, "per") {
                        self.report(
                            node.span(),
                            Text::new("\"per\" phải lớn hơn 0", "\"per\" must be greater than 0"),
                        );
                    }
                    return None;
                }
                Some(Rule::Deduct { per })
            }
            "steps" => self.steps(t, owner, points),
            "levels" => self.levels(t, owner, points),
            _ => None,
        }
    }

    fn steps(
        &mut self,
        t: &DeTable<'_>,
        owner: &Range<usize>,
        points: Option<Decimal>,
    ) -> Option<Rule> {
        let Some(node) = Self::field(t, "steps") else {
            self.report(
                owner.clone(),
                Text::new(
                    "quy tắc \"steps\" cần \"steps = [{ at_least = 90, points = 3 }, …]\"",
                    "rule \"steps\" needs \"steps = [{ at_least = 90, points = 3 }, …]\"",
                ),
            );
            return None;
        };
        let expected = Text::new(
            "một danh sách bậc { at_least = …, points = … } hoặc { at_most = …, points = … }",
            "a list of steps { at_least = …, points = … } or { at_most = …, points = … }",
        );
        let DeValue::Array(items) = node.get_ref() else {
            self.wrong_type(node, "steps", expected);
            return None;
        };
        if items.is_empty() {
            self.wrong_type(node, "steps", expected);
            return None;
        }
        let mut steps = Vec::new();
        let mut ok = true;
        for item in items.iter() {
            let DeValue::Table(st) = item.get_ref() else {
                self.wrong_type(item, "steps", expected.clone());
                ok = false;
                continue;
            };
            self.check_keys(st, &["at_least", "at_most", "points"], "steps");
            let at_least = self.decimal(st, "at_least");
            let at_most = self.decimal(st, "at_most");
            let bound = match (at_least, at_most) {
                (Some((d, _)), None) => Some(Bound::AtLeast(d)),
                (None, Some((d, _))) => Some(Bound::AtMost(d)),
                _ if self.explained_by_typo(st, &["at_least", "at_most"]) => None,
                _ => {
                    self.report(
                        item.span(),
                        Text::new(
                            "mỗi bậc cần đúng một trong \"at_least\" hoặc \"at_most\"",
                            "each step needs exactly one of \"at_least\" or \"at_most\"",
                        ),
                    );
                    None
                }
            };
            let step_points = match self.decimal(st, "points") {
                None => {
                    self.missing(st, &item.span(), "points", "steps");
                    None
                }
                Some((p, s)) => {
                    if p < Decimal::ZERO {
                        self.report(
                            s,
                            Text::new(
                                "điểm của bậc không được âm",
                                "a step's points must not be negative",
                            ),
                        );
                        None
                    } else if points.is_some_and(|max| p > max) {
                        let max = points.unwrap_or_default();
                        self.report(
                            s,
                            text!(
                                vi: "bậc cho {p} điểm, vượt số điểm tối đa của tiêu chí ({max})",
                                en: "this step gives {p} points, more than the criterion's {max}"
                            ),
                        );
                        None
                    } else {
                        Some(p)
                    }
                }
            };
            match (bound, step_points) {
                (Some(bound), Some(points)) => steps.push(Step { bound, points }),
                _ => ok = false,
            }
        }
        ok.then_some(Rule::Steps(steps))
    }

    fn levels(
        &mut self,
        t: &DeTable<'_>,
        owner: &Range<usize>,
        points: Option<Decimal>,
    ) -> Option<Rule> {
        let Some(node) = Self::field(t, "levels") else {
            self.report(
                owner.clone(),
                Text::new(
                    "quy tắc \"levels\" cần \"levels = { \\\"Xuất sắc\\\" = 4, \\\"Khá\\\" = 2 }\"",
                    "rule \"levels\" needs \"levels = { \\\"Xuất sắc\\\" = 4, \\\"Khá\\\" = 2 }\"",
                ),
            );
            return None;
        };
        let DeValue::Table(table) = node.get_ref() else {
            self.wrong_type(
                node,
                "levels",
                Text::new(
                    "một bảng { \"nhãn\" = điểm }",
                    "a table of { \"label\" = points }",
                ),
            );
            return None;
        };
        if table.len() > MAX_LEVELS {
            let n = table.len();
            self.report(
                node.span(),
                text!(
                    vi: "quy tắc \"levels\" có quá nhiều nhãn ({n}); tối đa {MAX_LEVELS}",
                    en: "the \"levels\" rule lists too many labels ({n}); the limit is {MAX_LEVELS}"
                ),
            );
            return None;
        }
        let mut levels: Vec<Level> = Vec::new();
        let mut keys: HashSet<String> = HashSet::with_capacity(table.len());
        let mut ok = !table.is_empty();
        if table.is_empty() {
            self.wrong_type(
                node,
                "levels",
                Text::new(
                    "một bảng có ít nhất một nhãn",
                    "a table with at least one label",
                ),
            );
        }
        for (label, value) in table.iter() {
            let label_text = crate::load::text::normalize(label.get_ref());
            let key = crate::load::text::label_key(&label_text);
            if !keys.insert(key.clone()) {
                self.report(
                    label.span(),
                    text!(vi: "nhãn \"{label_text}\" bị lặp", en: "the label \"{label_text}\" is listed twice"),
                );
                ok = false;
                continue;
            }
            match decimal_of(value.get_ref()) {
                Some(p) if p < Decimal::ZERO => {
                    self.report(
                        value.span(),
                        Text::new(
                            "điểm của nhãn không được âm",
                            "a label's points must not be negative",
                        ),
                    );
                    ok = false;
                }
                Some(p) if points.is_some_and(|max| p > max) => {
                    let max = points.unwrap_or_default();
                    self.report(
                        value.span(),
                        text!(
                            vi: "nhãn \"{label_text}\" cho {p} điểm, vượt số điểm tối đa của tiêu chí ({max})",
                            en: "the label \"{label_text}\" gives {p} points, more than the criterion's {max}"
                        ),
                    );
                    ok = false;
                }
                Some(p) => levels.push(Level {
                    label: label_text,
                    key,
                    // Numbered across the whole set once it is resolved.
                    id: 0,
                    points: p,
                }),
                None => {
                    self.wrong_type(
                        value,
                        &label_text,
                        Text::new("một số điểm", "a number of points"),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(Rule::Levels(levels))
    }

    fn adjustments(&mut self, root: &DeTable<'_>) -> Vec<RawAdjustment> {
        let mut out = Vec::new();
        for (t, span) in self.tables(root, "adjustments") {
            let place = "[[adjustments]]";
            self.check_keys(t, ADJUSTMENT_KEYS, place);
            let id = self.required_string(t, "id", &span, place);
            let title = self.required_string(t, "title", &span, place);
            let indicator = self.required_string(t, "indicator", &span, place);
            let kind = match self.string(t, "kind") {
                None => {
                    if Self::field(t, "kind").is_none() {
                        self.missing(t, &span, "kind", place);
                    }
                    None
                }
                Some(k) if k.name == "bonus" => Some(AdjustmentKind::Bonus),
                Some(k) if k.name == "deduction" => Some(AdjustmentKind::Deduction),
                Some(k) => {
                    let hint = did_you_mean(&k.name, ["bonus", "deduction"]);
                    let (hv, he) = (&hint.vi, &hint.en);
                    self.report(
                        k.span,
                        text!(
                            vi: "\"kind\" phải là \"bonus\" (điểm thưởng) hoặc \"deduction\" (điểm trừ).{hv}",
                            en: "\"kind\" must be \"bonus\" or \"deduction\".{he}"
                        ),
                    );
                    None
                }
            };
            let per = match self.decimal(t, "per") {
                None => Decimal::ONE,
                Some((p, s)) if p <= Decimal::ZERO => {
                    self.report(
                        s,
                        Text::new("\"per\" phải lớn hơn 0", "\"per\" must be greater than 0"),
                    );
                    Decimal::ONE
                }
                Some((p, _)) => p,
            };
            let cap = self.non_negative(t, "cap");
            let range = self.range(t);
            if let (Some(id), Some(title), Some(indicator)) = (id, title, indicator) {
                out.push(RawAdjustment {
                    id,
                    title: title.name,
                    indicator,
                    kind,
                    per,
                    cap,
                    range,
                });
            }
        }
        out
    }

    fn ratings(&mut self, root: &DeTable<'_>, root_span: &Range<usize>) -> Vec<RawRating> {
        let entries = self.tables(root, "ratings");
        if entries.is_empty() && Self::field(root, "ratings").is_none() {
            self.report(
                root_span.end..root_span.end,
                Text::new(
                    "cần ít nhất một [[ratings]] (xếp loại); loại cuối cùng không có điều kiện",
                    "at least one [[ratings]] entry is needed; the last one has no conditions",
                ),
            );
        }
        if entries.len() > MAX_RATINGS {
            let n = entries.len();
            self.report(
                entries[MAX_RATINGS].1.clone(),
                text!(
                    vi: "quá nhiều mức xếp loại ({n}); tối đa {MAX_RATINGS}: hãy gộp hoặc bỏ bớt các mục [[ratings]]",
                    en: "too many ratings ({n}); the limit is {MAX_RATINGS}: merge or remove some [[ratings]] entries"
                ),
            );
            return Vec::new();
        }
        let mut out = Vec::new();
        for (t, span) in entries {
            let place = "[[ratings]]";
            self.check_keys(t, RATING_KEYS, place);
            let id = self.required_string(t, "id", &span, place);
            let title = self.required_string(t, "title", &span, place);
            let short = self
                .string(t, "short")
                .map(|n| n.name)
                .filter(|s| !s.is_empty());
            let min_score = self.decimal(t, "min_score").map(|(d, _)| d);
            let all_gates = self.boolean(t, "all_gates");
            let min_met = self
                .integer(t, "min_met", u64::from(u32::MAX))
                .map(|(v, s)| (v as u32, s));
            let all_met = self.boolean(t, "all_met");
            let required = self.string_list(t, "required").unwrap_or_default();
            let quota = self.decimal(t, "quota");
            if let Some((q, s)) = &quota
                && (*q < Decimal::ZERO || *q > Decimal::ONE)
            {
                self.report(
                    s.clone(),
                    Text::new(
                        "\"quota\" là một tỉ lệ từ 0 đến 1 (ví dụ 0.2 cho 20%)",
                        "\"quota\" is a share from 0 to 1 (e.g. 0.2 for 20%)",
                    ),
                );
            }
            let quota_of = self.string(t, "quota_of");
            let quota_scope = match self.string(t, "quota_scope") {
                None => None,
                Some(n) if n.name == "all" => Some((QuotaScope::All, n.span)),
                Some(n) if n.name == "cluster" => Some((QuotaScope::Cluster, n.span)),
                Some(n) => {
                    self.report(
                        n.span,
                        Text::new(
                            "\"quota_scope\" phải là \"all\" hoặc \"cluster\"",
                            "\"quota_scope\" must be \"all\" or \"cluster\"",
                        ),
                    );
                    None
                }
            };
            if let (Some(id), Some(title)) = (id, title) {
                out.push(RawRating {
                    id,
                    title: title.name,
                    short,
                    min_score,
                    all_gates,
                    min_met,
                    all_met,
                    required,
                    quota,
                    quota_of,
                    quota_scope,
                    span,
                });
            }
        }
        out
    }

    fn ranking(&mut self, root: &DeTable<'_>) -> Vec<Named> {
        let Some((t, _)) = self.table(root, "ranking") else {
            return Vec::new();
        };
        self.check_keys(t, RANKING_KEYS, "[ranking]");
        self.string_list(t, "order").unwrap_or_default()
    }
}

struct SetHeader {
    id: String,
    title: String,
    issuer: Option<String>,
    basis: Option<String>,
    period: Option<String>,
    precision: u32,
    missing: MissingPolicy,
    bonus_cap: Option<Decimal>,
    deduction_cap: Option<Decimal>,
}

/// Identifies a table while the document is borrowed (for typo bookkeeping).
fn table_id(table: &DeTable<'_>) -> usize {
    std::ptr::from_ref(table) as usize
}

/// A TOML integer or float as an exact decimal, read from its source text.
fn decimal_of(value: &DeValue<'_>) -> Option<Decimal> {
    let raw = match value {
        DeValue::Integer(i) if i.radix() == 10 => i.as_str(),
        DeValue::Float(f) => f.as_str(),
        _ => return None,
    };
    let raw = raw.replace('_', "");
    let value = if raw.contains(['e', 'E']) {
        Decimal::from_scientific(&raw).ok()
    } else {
        Decimal::from_str(&raw).ok()
    }?;
    // Far beyond any real point table; keeps every sum clear of overflow.
    (value.abs() <= Decimal::from(MAX_MAGNITUDE)).then_some(value)
}

/// The largest number a criteria file may hold (10^15).
pub const MAX_MAGNITUDE: i64 = 1_000_000_000_000_000;

struct Resolved {
    inputs: Vec<Input>,
    derived: Vec<Derived>,
    groups: Vec<Group>,
    criteria: Vec<Criterion>,
    gates: Vec<Gate>,
    adjustments: Vec<Adjustment>,
    ratings: Vec<Rating>,
    ranking: Vec<RankKey>,
}

/// Who reads an indicator, for kind and N/A bookkeeping.
#[derive(Clone, Copy)]
enum User {
    Scored { allow_na: bool },
    Adjustment,
    Derived(usize),
}

/// Second pass: turns names into indices and checks every cross-reference.
struct Resolver<'c, 's> {
    cx: &'c mut Cx<'s>,
    inputs: Vec<Input>,
    input_users: Vec<Vec<User>>,
    input_by_name: HashMap<String, usize>,
    derived_index: HashMap<String, usize>,
    derived_users: Vec<Vec<User>>,
    /// `[[results]]` prefixes, by name.
    result_prefixes: HashMap<String, usize>,
    /// Inputs fed by another set's result: one per (source, field, kind),
    /// so `km.rating` can feed both a levels and a yes rule.
    result_inputs: HashMap<(usize, ResultField, ValueKind), usize>,
}

impl<'c, 's> Resolver<'c, 's> {
    fn new(cx: &'c mut Cx<'s>) -> Self {
        Resolver {
            cx,
            inputs: Vec::new(),
            input_users: Vec::new(),
            input_by_name: HashMap::new(),
            derived_index: HashMap::new(),
            derived_users: Vec::new(),
            result_prefixes: HashMap::new(),
            result_inputs: HashMap::new(),
        }
    }

    fn unique<'a>(&mut self, ids: impl IntoIterator<Item = &'a Named>, what: Text) {
        let mut seen: HashSet<&str> = HashSet::new();
        for id in ids {
            if !seen.insert(&id.name) {
                let name = &id.name;
                let (wv, we) = (&what.vi, &what.en);
                self.cx.report(
                    id.span.clone(),
                    text!(vi: "mã {wv} \"{name}\" bị trùng", en: "duplicate {we} id \"{name}\""),
                );
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve(
        mut self,
        results: &[RawResult],
        groups: Vec<(Named, String)>,
        derived: Vec<RawDerived>,
        criteria: Vec<RawScored>,
        gates: Vec<RawScored>,
        adjustments: Vec<RawAdjustment>,
        ratings: Vec<RawRating>,
        ranking: Vec<Named>,
        columns: Option<&Columns>,
    ) -> Option<Resolved> {
        self.prefixes(results, &derived, columns);
        self.unique(groups.iter().map(|g| &g.0), Text::new("nhóm", "group"));
        self.unique(
            derived.iter().map(|d| &d.id),
            Text::new("chỉ số", "indicator"),
        );
        self.unique(
            criteria
                .iter()
                .chain(&gates)
                .map(|c| &c.id)
                .chain(adjustments.iter().map(|a| &a.id)),
            Text::new("tiêu chí/cổng/điểm cộng trừ", "criterion/gate/adjustment"),
        );
        self.unique(
            ratings.iter().map(|r| &r.id),
            Text::new("xếp loại", "rating"),
        );

        let derived_order = self.order_derived(&derived);
        for (pos, &raw_index) in derived_order.iter().enumerate() {
            self.derived_index
                .insert(derived[raw_index].id.name.clone(), pos);
        }
        self.derived_users = vec![Vec::new(); derived_order.len()];

        let group_index: HashMap<&str, usize> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.0.name.as_str(), i))
            .collect();
        let group_names: Vec<&str> = groups.iter().map(|g| g.0.name.as_str()).collect();

        // Derived indicators first, so their inputs come first in the data template.
        let mut resolved_derived = Vec::new();
        for (pos, &raw_index) in derived_order.iter().enumerate() {
            let d = &derived[raw_index];
            let a = self.indicator(&d.a, ValueKind::Number, User::Derived(pos), columns);
            let b = self.indicator(&d.b, ValueKind::Number, User::Derived(pos), columns);
            if let (Some(a), Some(b)) = (a, b) {
                resolved_derived.push(Derived {
                    id: d.id.name.clone(),
                    title: d.title.clone(),
                    formula: d.formula,
                    a,
                    b,
                    when_zero: d.when_zero,
                });
            }
        }

        let mut resolved_criteria = Vec::new();
        for c in &criteria {
            let group = match &c.group {
                Some(g) => match group_index.get(g.name.as_str()) {
                    Some(&i) => Some(i),
                    None => {
                        self.unknown(g, Text::new("nhóm", "group"), &group_names);
                        None
                    }
                },
                None => None,
            };
            let Some(rule) = &c.rule else { continue };
            if matches!(rule, Rule::Direct) && self.derived_index.contains_key(&c.indicator.name) {
                self.cx.report(
                    c.indicator.span.clone(),
                    Text::new(
                        "quy tắc \"direct\" lấy điểm trực tiếp từ một cột dữ liệu, không từ chỉ số dẫn xuất",
                        "rule \"direct\" takes the points from a data column, not from a derived indicator",
                    ),
                );
                continue;
            }
            let user = User::Scored {
                allow_na: c.allow_na,
            };
            let derived = self.derived_index.contains_key(&c.indicator.name);
            let range = self
                .cx
                .range_fits(&c.range, Some(rule), derived, &c.indicator);
            let Some(indicator) = self.indicator(&c.indicator, rule.value_kind(), user, columns)
            else {
                continue;
            };
            resolved_criteria.push(Criterion {
                id: c.id.name.clone(),
                title: c.title.clone(),
                group,
                indicator,
                unit: c.unit.clone(),
                points: c.points,
                pass: c.pass,
                allow_na: c.allow_na,
                rule: rule.clone(),
                range,
            });
        }

        let mut resolved_gates = Vec::new();
        for g in &gates {
            let Some(rule) = &g.rule else { continue };
            let user = User::Scored {
                allow_na: g.allow_na,
            };
            let derived = self.derived_index.contains_key(&g.indicator.name);
            let range = self
                .cx
                .range_fits(&g.range, Some(rule), derived, &g.indicator);
            let Some(indicator) = self.indicator(&g.indicator, rule.value_kind(), user, columns)
            else {
                continue;
            };
            resolved_gates.push(Gate {
                id: g.id.name.clone(),
                title: g.title.clone(),
                indicator,
                unit: g.unit.clone(),
                allow_na: g.allow_na,
                rule: rule.clone(),
                range,
            });
        }

        let mut resolved_adjustments = Vec::new();
        for a in &adjustments {
            let derived = self.derived_index.contains_key(&a.indicator.name);
            let range = self.cx.range_fits(&a.range, None, derived, &a.indicator);
            let indicator =
                self.indicator(&a.indicator, ValueKind::Number, User::Adjustment, columns);
            if let (Some(indicator), Some(kind)) = (indicator, a.kind) {
                resolved_adjustments.push(Adjustment {
                    id: a.id.name.clone(),
                    title: a.title.clone(),
                    indicator,
                    kind,
                    per: a.per,
                    cap: a.cap,
                    range,
                });
            }
        }

        let criterion_index: HashMap<&str, usize> = criteria
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.name.as_str(), i))
            .collect();
        let criterion_names: Vec<&str> = criteria.iter().map(|c| c.id.name.as_str()).collect();
        let resolved_ratings = self.ratings(
            &ratings,
            &criterion_index,
            &criterion_names,
            criteria.len(),
            columns,
        );
        let resolved_ranking = self.ranking(
            &ranking,
            &group_index,
            &group_names,
            &criterion_index,
            &criterion_names,
        );

        self.settle_na();
        let all_resolved = resolved_criteria.len() == criteria.len()
            && resolved_gates.len() == gates.len()
            && resolved_adjustments.len() == adjustments.len()
            && resolved_derived.len() == derived.len();
        if !all_resolved {
            return None;
        }
        Some(Resolved {
            inputs: self.inputs,
            derived: resolved_derived,
            groups: groups
                .into_iter()
                .map(|(id, title)| Group { id: id.name, title })
                .collect(),
            criteria: resolved_criteria,
            gates: resolved_gates,
            adjustments: resolved_adjustments,
            ratings: resolved_ratings?,
            ranking: resolved_ranking,
        })
    }

    fn unknown(&mut self, name: &Named, what: Text, known: &[&str]) {
        let hint = did_you_mean(&name.name, known.iter().copied());
        let n = &name.name;
        let (wv, we, hv, he) = (&what.vi, &what.en, &hint.vi, &hint.en);
        self.cx.report(
            name.span.clone(),
            text!(vi: "không có {wv} nào có mã \"{n}\".{hv}", en: "no {we} has the id \"{n}\".{he}"),
        );
    }

    /// Orders derived indicators so each comes after the ones it reads;
    /// reports self-references and cycles.
    fn order_derived(&mut self, derived: &[RawDerived]) -> Vec<usize> {
        let index: HashMap<&str, usize> = derived
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.name.as_str(), i))
            .collect();
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Active,
            Done,
        }
        let mut marks = vec![Mark::New; derived.len()];
        let mut order = Vec::new();
        let mut in_cycle = vec![false; derived.len()];
        for (i, d) in derived.iter().enumerate() {
            for operand in [&d.a, &d.b] {
                if operand.name == d.id.name {
                    let n = &d.id.name;
                    self.cx.report(
                        operand.span.clone(),
                        text!(
                            vi: "chỉ số dẫn xuất \"{n}\" tự tham chiếu đến chính nó",
                            en: "the derived indicator \"{n}\" refers to itself"
                        ),
                    );
                    in_cycle[i] = true;
                }
            }
        }
        // Iterative DFS (no recursion: a hostile file could nest deeply).
        for start in 0..derived.len() {
            if marks[start] != Mark::New || in_cycle[start] {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            marks[start] = Mark::Active;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let operands = [&derived[node].a, &derived[node].b];
                if *next < operands.len() {
                    let operand = operands[*next];
                    *next += 1;
                    let Some(&dep) = index.get(operand.name.as_str()) else {
                        continue;
                    };
                    if dep == node {
                        continue;
                    }
                    match marks[dep] {
                        Mark::New => {
                            marks[dep] = Mark::Active;
                            stack.push((dep, 0));
                        }
                        Mark::Active => {
                            let n = &derived[node].id.name;
                            let m = &operand.name;
                            self.cx.report(
                                operand.span.clone(),
                                text!(
                                    vi: "chỉ số \"{n}\" và \"{m}\" tham chiếu vòng tròn lẫn nhau",
                                    en: "the indicators \"{n}\" and \"{m}\" refer to each other in a cycle"
                                ),
                            );
                            in_cycle[node] = true;
                        }
                        Mark::Done => {}
                    }
                } else {
                    marks[node] = Mark::Done;
                    order.push(node);
                    stack.pop();
                }
            }
        }
        order.retain(|&i| !in_cycle[i]);
        order
    }

    /// Resolves an indicator name for one user, recording the kind it needs.
    fn indicator(
        &mut self,
        name: &Named,
        kind: ValueKind,
        user: User,
        columns: Option<&Columns>,
    ) -> Option<IndicatorRef> {
        if let Some(found) = self.result_indicator(name, kind, user) {
            return found;
        }
        if let Some(&d) = self.derived_index.get(&name.name) {
            if kind != ValueKind::Number {
                let n = &name.name;
                self.cx.report(
                    name.span.clone(),
                    text!(
                        vi: "\"{n}\" là chỉ số dẫn xuất (một số), không dùng được với quy tắc có/không hay mức xếp loại",
                        en: "\"{n}\" is a derived indicator (a number); it cannot feed a yes/no or levels rule"
                    ),
                );
                return None;
            }
            self.derived_users[d].push(user);
            return Some(IndicatorRef::Derived(d));
        }
        if let Some(columns) = columns {
            let reserved = [
                Some(&columns.id),
                Some(&columns.name),
                columns.cluster.as_ref(),
            ];
            if reserved.iter().flatten().any(|c| **c == name.name) {
                let n = &name.name;
                self.cx.report(
                    name.span.clone(),
                    text!(
                        vi: "\"{n}\" là cột mã/tên/cụm của đơn vị, không phải chỉ số",
                        en: "\"{n}\" is the unit's id/name/cluster column, not an indicator"
                    ),
                );
                return None;
            }
        }
        let index = match self.input_by_name.get(&name.name) {
            Some(&i) => {
                let existing = self.inputs[i].kind;
                if existing != kind {
                    let n = &name.name;
                    let (a, b) = (kind_words(existing), kind_words(kind));
                    let (av, ae, bv, be) = (&a.vi, &a.en, &b.vi, &b.en);
                    self.cx.report(
                        name.span.clone(),
                        text!(
                            vi: "cột \"{n}\" đã được dùng như {av}, ở đây lại dùng như {bv}",
                            en: "the column \"{n}\" is used as {ae} elsewhere and as {be} here"
                        ),
                    );
                    return None;
                }
                i
            }
            None => {
                self.inputs.push(Input {
                    column: name.name.clone(),
                    kind,
                    accepts_na: false,
                    blank_means_zero: false,
                    origin: InputOrigin::Column,
                });
                self.input_users.push(Vec::new());
                self.input_by_name
                    .insert(name.name.clone(), self.inputs.len() - 1);
                self.inputs.len() - 1
            }
        };
        self.input_users[index].push(user);
        Some(IndicatorRef::Input(index))
    }

    /// A raw cell may hold N/A only when every user of its column accepts it.
    /// Derived indicators are in dependency order, so their users come later:
    /// one backwards pass settles them all (no recursion to blow up).
    fn settle_na(&mut self) {
        let mut derived_accepts = vec![false; self.derived_users.len()];
        for d in (0..self.derived_users.len()).rev() {
            let users = &self.derived_users[d];
            derived_accepts[d] = !users.is_empty()
                && users.iter().all(|&u| match u {
                    User::Scored { allow_na } => allow_na,
                    User::Adjustment => false,
                    User::Derived(e) => e > d && derived_accepts[e],
                });
        }
        for (input, users) in self.inputs.iter_mut().zip(&self.input_users) {
            input.accepts_na = users.iter().all(|&u| match u {
                User::Scored { allow_na } => allow_na,
                User::Adjustment => false,
                User::Derived(d) => derived_accepts[d],
            });
            input.blank_means_zero = users.iter().all(|&u| matches!(u, User::Adjustment));
        }
    }

    fn ratings(
        &mut self,
        raw: &[RawRating],
        criterion_index: &HashMap<&str, usize>,
        criterion_names: &[&str],
        criteria_count: usize,
        columns: Option<&Columns>,
    ) -> Option<Vec<Rating>> {
        let rating_index: HashMap<&str, usize> = raw
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.name.as_str(), i))
            .collect();
        let rating_names: Vec<&str> = raw.iter().map(|r| r.id.name.as_str()).collect();
        let mut out = Vec::new();
        let mut ok = true;
        for (position, r) in raw.iter().enumerate() {
            let mut required = Vec::new();
            for name in &r.required {
                match criterion_index.get(name.name.as_str()) {
                    Some(&i) => required.push(i),
                    None => {
                        self.unknown(name, Text::new("tiêu chí", "criterion"), criterion_names);
                        ok = false;
                    }
                }
            }
            if let Some((m, span)) = &r.min_met
                && *m as usize > criteria_count
            {
                self.cx.report(
                    span.clone(),
                    text!(
                        vi: "\"min_met\" = {m} nhưng bộ chỉ có {criteria_count} tiêu chí",
                        en: "\"min_met\" = {m} but the set has only {criteria_count} criteria"
                    ),
                );
            }
            let of = match &r.quota_of {
                None => None,
                Some(name) => match rating_index.get(name.name.as_str()) {
                    Some(&i) if i < position => {
                        let n = &name.name;
                        self.cx.report(
                            name.span.clone(),
                            text!(
                                vi: "\"quota_of\" phải là chính xếp loại này hoặc một loại thấp hơn, không phải \"{n}\"",
                                en: "\"quota_of\" must be this rating or a lower one, not \"{n}\""
                            ),
                        );
                        ok = false;
                        None
                    }
                    Some(&i) => Some(i),
                    None => {
                        self.unknown(name, Text::new("xếp loại", "rating"), &rating_names);
                        ok = false;
                        None
                    }
                },
            };
            let scope = r.quota_scope.as_ref().map_or(QuotaScope::All, |s| s.0);
            if r.quota.is_none() {
                for (key, span) in [
                    ("quota_of", r.quota_of.as_ref().map(|n| n.span.clone())),
                    ("quota_scope", r.quota_scope.as_ref().map(|s| s.1.clone())),
                ] {
                    if let Some(span) = span {
                        self.cx.report(
                            span,
                            text!(
                                vi: "\"{key}\" chỉ có nghĩa khi có \"quota\"",
                                en: "\"{key}\" only has a meaning together with \"quota\""
                            ),
                        );
                    }
                }
            }
            if scope == QuotaScope::Cluster
                && columns.is_some_and(|c| c.cluster.is_none())
                && let Some((_, span)) = &r.quota_scope
            {
                self.cx.report(
                        span.clone(),
                        Text::new(
                            "\"quota_scope = \\\"cluster\\\"\" cần khai báo cột cụm ([columns] cluster = …)",
                            "\"quota_scope = \\\"cluster\\\"\" needs a cluster column ([columns] cluster = …)",
                        ),
                    );
            }
            let rating = Rating {
                id: r.id.name.clone(),
                title: r.title.clone(),
                short: r.short.clone(),
                min_score: r.min_score,
                all_gates: r.all_gates,
                min_met: r.min_met.as_ref().map(|m| m.0),
                all_met: r.all_met,
                required,
                quota: r.quota.as_ref().map(|(share, _)| Quota {
                    share: *share,
                    of,
                    scope,
                }),
            };
            let is_last = position + 1 == raw.len();
            if is_last && !rating.is_unconditional() {
                let n = &r.id.name;
                self.cx.report(
                    r.span.clone(),
                    text!(
                        vi: "xếp loại cuối cùng (\"{n}\") là loại còn lại cho mọi đơn vị nên không được có điều kiện",
                        en: "the last rating (\"{n}\") is the fallback for every unit and must have no conditions"
                    ),
                );
            }
            out.push(rating);
        }
        (ok && !out.is_empty()).then_some(out)
    }

    fn ranking(
        &mut self,
        order: &[Named],
        group_index: &HashMap<&str, usize>,
        group_names: &[&str],
        criterion_index: &HashMap<&str, usize>,
        criterion_names: &[&str],
    ) -> Vec<RankKey> {
        if order.is_empty() {
            return vec![RankKey::Score];
        }
        let mut keys = Vec::new();
        for key in order {
            let parsed = match key.name.split_once(':') {
                None => match key.name.as_str() {
                    "score" => Some(RankKey::Score),
                    "met" => Some(RankKey::Met),
                    "gates" => Some(RankKey::Gates),
                    _ => None,
                },
                Some(("group", g)) => match group_index.get(g) {
                    Some(&i) => Some(RankKey::Group(i)),
                    None => {
                        let name = Named {
                            name: g.to_string(),
                            span: key.span.clone(),
                        };
                        self.unknown(&name, Text::new("nhóm", "group"), group_names);
                        continue;
                    }
                },
                Some(("criterion", c)) => match criterion_index.get(c) {
                    Some(&i) => Some(RankKey::Criterion(i)),
                    None => {
                        let name = Named {
                            name: c.to_string(),
                            span: key.span.clone(),
                        };
                        self.unknown(&name, Text::new("tiêu chí", "criterion"), criterion_names);
                        continue;
                    }
                },
                Some(_) => None,
            };
            match parsed {
                Some(k) => keys.push(k),
                None => {
                    let k = &key.name;
                    let hint = did_you_mean(k, ["score", "met", "gates"]);
                    let (hv, he) = (&hint.vi, &hint.en);
                    self.cx.report(
                        key.span.clone(),
                        text!(
                            vi: "khóa xếp hạng \"{k}\" không có; dùng score, met, gates, group:MÃ hoặc criterion:MÃ.{hv}",
                            en: "unknown ranking key \"{k}\"; use score, met, gates, group:ID or criterion:ID.{he}"
                        ),
                    );
                }
            }
        }
        keys
    }
}

fn kind_words(kind: ValueKind) -> Text {
    match kind {
        ValueKind::Number => Text::new("một số", "a number"),
        ValueKind::YesNo => Text::new("có/không", "yes/no"),
        ValueKind::Label => Text::new("nhãn mức", "a level label"),
    }
}
