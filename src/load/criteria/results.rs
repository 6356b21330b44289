//! `[[results]]`: another set's results read as indicators of this one
//! (`km.score`, `km.rating`, …). Here only the names are checked; the other
//! set is loaded and linked by the caller (see `load::results`).

use super::*;

const RESULT_KEYS: &[&str] = &["id", "criteria"];

/// One `[[results]]` table as written.
pub(super) struct RawResult {
    id: Named,
    criteria: Named,
}

/// A prefix may hold ASCII letters, digits, `_` and `-`: it is typed in
/// `--result PREFIX=DATA` and joined to a field name with a dot.
fn valid_prefix(prefix: &str) -> bool {
    !prefix.is_empty()
        && prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn field_names() -> String {
    ResultField::ALL.map(ResultField::name).join(", ")
}

impl Cx<'_> {
    pub(super) fn results(&mut self, root: &DeTable<'_>) -> Vec<RawResult> {
        let mut out = Vec::new();
        for (t, span) in self.tables(root, "results") {
            self.check_keys(t, RESULT_KEYS, "[[results]]");
            let id = self.required_string(t, "id", &span, "[[results]]");
            let criteria = self.required_string(t, "criteria", &span, "[[results]]");
            if let Some(id) = &id
                && !valid_prefix(&id.name)
            {
                self.report(id.span.clone(), M::PrefixChars);
            }
            if let (Some(id), Some(criteria)) = (id, criteria) {
                out.push(RawResult { id, criteria });
            }
        }
        out
    }

    pub(super) fn source(&self, raw: &RawResult) -> ResultSource {
        let (line, column) = self.position(raw.criteria.span.start);
        ResultSource {
            prefix: raw.id.name.clone(),
            criteria: raw.criteria.name.clone(),
            line,
            column,
        }
    }
}

impl Resolver<'_, '_> {
    /// Records the prefixes; reports duplicates and clashes with the unit's
    /// columns and derived indicators (their names would become ambiguous).
    pub(super) fn prefixes(
        &mut self,
        results: &[RawResult],
        derived: &[RawDerived],
        columns: Option<&Columns>,
    ) {
        let clashes = |prefix: &str, name: &str| {
            name == prefix
                || name
                    .strip_prefix(prefix)
                    .is_some_and(|r| r.starts_with('.'))
        };
        for (i, r) in results.iter().enumerate() {
            let p = &r.id.name;
            if self.result_prefixes.insert(p.clone(), i).is_some() {
                self.cx
                    .report(r.id.span.clone(), M::DuplicatePrefix { p: p.clone() });
            }
            let unit_columns = columns
                .into_iter()
                .flat_map(|c| [Some(&c.id), Some(&c.name), c.cluster.as_ref()])
                .flatten();
            for column in unit_columns {
                if clashes(p, column) {
                    self.cx.report(
                        r.id.span.clone(),
                        M::PrefixIsUnitColumn {
                            p: p.clone(),
                            column: column.to_string(),
                        },
                    );
                }
            }
        }
        for d in derived {
            let n = &d.id.name;
            if let Some(prefix) = results.iter().find(|r| clashes(&r.id.name, n)) {
                let p = &prefix.id.name;
                self.cx.report(
                    d.id.span.clone(),
                    M::IndicatorIsPrefix {
                        n: n.clone(),
                        p: p.clone(),
                    },
                );
            }
        }
    }

    /// `None` when `name` is not under a results prefix (a column or derived
    /// indicator); otherwise the input it resolves to, or `Some(None)` after
    /// reporting why it cannot be used.
    pub(super) fn result_indicator(
        &mut self,
        name: &Named,
        kind: ValueKind,
        user: User,
    ) -> Option<Option<IndicatorRef>> {
        let n = &name.name;
        let (prefix, field) = match n.split_once('.') {
            Some((prefix, field)) => (prefix, Some(field)),
            None => (n.as_str(), None),
        };
        let &source = self.result_prefixes.get(prefix)?;
        let fields = field_names();
        let Some(field) = field else {
            self.cx.report(
                name.span.clone(),
                M::BarePrefix {
                    n: n.clone(),
                    fields: fields.clone(),
                },
            );
            return Some(None);
        };
        let Some(field) = ResultField::from_name(field) else {
            let hint = did_you_mean(field, ResultField::ALL.map(ResultField::name));
            self.cx.report(
                name.span.clone(),
                M::NoSuchResultField {
                    prefix: prefix.to_string(),
                    field: field.to_string(),
                    fields: fields.clone(),
                    hint,
                },
            );
            return Some(None);
        };
        let fits = match field {
            ResultField::Rating => kind != ValueKind::Number,
            _ => kind == ValueKind::Number,
        };
        if !fits {
            let message = if field == ResultField::Rating {
                M::RatingNotNumber { n: n.clone() }
            } else {
                M::NumberNotYesNo { n: n.clone() }
            };
            self.cx.report(name.span.clone(), message);
            return Some(None);
        }
        let index = match self.result_inputs.get(&(source, field, kind)) {
            Some(&i) => i,
            None => {
                self.inputs.push(Input {
                    column: n.clone(),
                    kind,
                    accepts_na: false,
                    blank_means_zero: false,
                    blank_target: BlankTarget::NotTarget,
                    origin: InputOrigin::Result { source, field },
                });
                self.input_users.push(Vec::new());
                let i = self.inputs.len() - 1;
                self.result_inputs.insert((source, field, kind), i);
                i
            }
        };
        self.input_users[index].push(user);
        Some(Some(IndicatorRef::Input(index)))
    }
}
