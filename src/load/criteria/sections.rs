//! The sections of a criteria file, each read into its raw form with every
//! problem reported: `[set]`, `[columns]`, `[[indicators]]`, `[[groups]]`,
//! `[[criteria]]` and `[[gates]]` with their rules, `[[adjustments]]`,
//! `[[ratings]]` and `[ranking]`.

use super::*;

impl<'s> Cx<'s> {
    pub(super) fn set_header(
        &mut self,
        root: &DeTable<'_>,
        root_span: &Range<usize>,
    ) -> Option<SetHeader> {
        let Some((set, span)) = self.table(root, "set") else {
            if Self::field(root, "set").is_none() {
                self.missing_in(root, root_span, "set", &Self::the_file());
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
                self.report(id.span.clone(), M::SetIdChars);
            }
        }
        let title = self.required_string(set, "title", &span, "[set]");
        let issuer = self.string(set, "issuer").map(|n| n.name);
        let basis = self.string(set, "basis").map(|n| n.name);
        let period = self.string(set, "period").map(|n| n.name);
        let precision = self.integer(set, "precision", 10).map_or(2, |(p, _)| p);
        let missing = match self.string(set, "missing") {
            None => MissingPolicy::Error,
            Some(n) if n.name == "error" => MissingPolicy::Error,
            Some(n) if n.name == "zero" => MissingPolicy::Zero,
            Some(n) => {
                self.report(n.span, M::MissingPolicyValue);
                MissingPolicy::Error
            }
        };
        let bonus_cap = self.decimal(set, "bonus_cap").map(|(d, _)| d);
        let deduction_cap = self.decimal(set, "deduction_cap").map(|(d, _)| d);
        Some(SetHeader {
            id: id.map(|n| n.name),
            title: title.map(|n| n.name),
            issuer,
            basis,
            period,
            precision,
            missing,
            bonus_cap,
            deduction_cap,
            spans: Spans::of(set, span),
        })
    }

    pub(super) fn columns(
        &mut self,
        root: &DeTable<'_>,
        root_span: &Range<usize>,
    ) -> Option<Columns> {
        let Some((cols, span)) = self.table(root, "columns") else {
            if Self::field(root, "columns").is_none() {
                self.missing_in(root, root_span, "columns", &Self::the_file());
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

    pub(super) fn indicators(&mut self, root: &DeTable<'_>) -> Vec<RawDerived> {
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
                    self.report(span.clone(), M::RatioAndChange);
                    (Formula::Ratio, None)
                }
                (None, None) => {
                    if Self::field(t, "ratio").is_none() && Self::field(t, "change").is_none() {
                        self.report(span.clone(), M::NoRatioOrChange);
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
                            self.wrong_type(node, "when_zero", Expected::NotApplicableOrNumber);
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

    pub(super) fn pair(&mut self, table: &DeTable<'_>, key: &str) -> Option<(Named, Named)> {
        let list = self.string_list(table, key)?;
        match <[Named; 2]>::try_from(list) {
            Ok([a, b]) => Some((a, b)),
            Err(_) => {
                if let Some(node) = Self::field(table, key) {
                    self.wrong_type(node, key, Expected::TwoIndicatorNames);
                }
                None
            }
        }
    }

    pub(super) fn groups(&mut self, root: &DeTable<'_>) -> Vec<(Named, String)> {
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

    pub(super) fn criteria(&mut self, root: &DeTable<'_>, has_groups: bool) -> Vec<RawScored> {
        let entries = self.tables(root, "criteria");
        if entries.len() > MAX_CRITERIA {
            let n = entries.len();
            self.report(entries[MAX_CRITERIA].1.clone(), M::TooManyCriteria { n });
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
            let points = self.decimal(t, "points").map_or(Decimal::ONE, |(p, _)| p);
            let pass = match self.decimal(t, "pass") {
                None => PassMark::AllPoints,
                Some((p, _)) => PassMark::Points(p),
            };
            let allow_na = self.boolean(t, "allow_na");
            let rule = self.rule(t, &span, place);
            let range = self.range(t);
            let whole = self.boolean(t, "whole");
            let relative = RawRelative {
                target: match Self::field(t, "target").map(|n| n.get_ref()) {
                    Some(DeValue::String(_)) => self.string(t, "target"),
                    _ => None,
                },
                scope_written: Self::field(t, "scope").is_some(),
            };
            let (Some(id), Some(title), Some(indicator)) = (id, title, indicator) else {
                self.unread_criteria
                    .push((points, pass, Spans::of(t, span)));
                continue;
            };
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
                whole,
                relative,
                spans: Spans::of(t, span),
            });
        }
        out
    }

    pub(super) fn gates(&mut self, root: &DeTable<'_>) -> Vec<RawScored> {
        let mut out = Vec::new();
        for (t, span) in self.tables(root, "gates") {
            let place = "[[gates]]";
            self.check_keys(t, &[GATE_KEYS, RULE_FIELDS].concat(), place);
            let id = self.required_string(t, "id", &span, place);
            let title = self.required_string(t, "title", &span, place);
            let indicator = self.required_string(t, "indicator", &span, place);
            let unit = self.string(t, "unit").map(|n| n.name);
            let allow_na = self.boolean(t, "allow_na");
            let rule = self.rule(t, &span, place);
            let range = self.range(t);
            let whole = self.boolean(t, "whole");
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
                    whole,
                    relative: RawRelative::default(),
                    spans: Spans::of(t, span),
                });
            }
        }
        out
    }

    /// The rule and its fields, as written: what they must satisfy is the
    /// checker's business (see `check`).
    pub(super) fn rule(
        &mut self,
        t: &DeTable<'_>,
        owner: &Range<usize>,
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
            "target" => &["target", "direction", "at_target", "scope", "no_target"],
            "relative" => &["direction", "scope"],
            other => {
                let hint = did_you_mean(other, RULES.iter().copied());
                self.report(
                    kind.span,
                    M::UnknownRule {
                        other: other.to_string(),
                        hint,
                    },
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
                    M::FieldNotForRule {
                        field: field.to_string(),
                        rule_name: rule_name.to_string(),
                    },
                );
            }
        }
        let need = |cx: &mut Self, key: &str| -> Option<Decimal> {
            if Self::field(t, key).is_none() {
                cx.report(
                    owner.clone(),
                    M::RuleNeedsKey {
                        rule_name: rule_name.to_string(),
                        key: key.to_string(),
                    },
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
                Some(Rule::Linear {
                    zero: zero?,
                    full: full?,
                })
            }
            "deduct" => need(self, "per").map(|per| Rule::Deduct { per }),
            "steps" => self.steps(t, owner),
            "levels" => self.levels(t, owner),
            "target" => self.target_rule(t, owner),
            "relative" => Some(Rule::Relative(self.relative_fields(t))),
            _ => None,
        }
    }

    /// `direction` and `scope` of a relative rule. The scope read here is
    /// the one written; its default needs the columns and is settled when
    /// names are resolved.
    fn relative_fields(&mut self, t: &DeTable<'_>) -> Relative {
        let direction = match self.string(t, "direction") {
            None => Direction::Higher,
            Some(n) if n.name == "higher" => Direction::Higher,
            Some(n) if n.name == "lower" => Direction::Lower,
            Some(n) => {
                self.report(n.span, M::DirectionValue);
                Direction::Higher
            }
        };
        let scope = match self.string(t, "scope") {
            Some(n) if n.name == "all" => RelativeScope::All,
            None => RelativeScope::Cluster,
            Some(n) if n.name == "cluster" => RelativeScope::Cluster,
            Some(n) => {
                self.report(n.span, M::ScopeValue);
                RelativeScope::Cluster
            }
        };
        Relative { direction, scope }
    }

    /// `rule = "target"`. A target column is named in `target` and
    /// resolved later (the rule holds a placeholder until then).
    fn target_rule(&mut self, t: &DeTable<'_>, owner: &Range<usize>) -> Option<Rule> {
        let relative = self.relative_fields(t);
        let at_target = self
            .decimal(t, "at_target")
            .map_or(Decimal::new(5, 1), |(s, _)| s);
        let blank_is_error = match self.string(t, "no_target") {
            None => false,
            Some(n) if n.name == "relative" => false,
            Some(n) if n.name == "error" => true,
            Some(n) => {
                self.report(n.span, M::NoTargetValue);
                return None;
            }
        };
        let target = match Self::field(t, "target") {
            None => {
                self.report(owner.clone(), M::TargetRuleNeedsTarget);
                return None;
            }
            Some(node) => match node.get_ref() {
                // Resolved with the other names.
                DeValue::String(_) => TargetOf::Indicator(IndicatorRef::Input(0)),
                v => match decimal_of(v) {
                    Some(d) => TargetOf::Number(d),
                    None => {
                        self.wrong_type(node, "target", Expected::TargetColumnOrNumber);
                        return None;
                    }
                },
            },
        };
        Some(Rule::Target(TargetRule {
            target,
            relative,
            at_target,
            blank_is_error,
        }))
    }

    pub(super) fn steps(&mut self, t: &DeTable<'_>, owner: &Range<usize>) -> Option<Rule> {
        let Some(node) = Self::field(t, "steps") else {
            self.report(owner.clone(), M::StepsRuleNeedsSteps);
            return None;
        };
        let expected = Expected::ListOfSteps;
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
                    self.report(item.span(), M::StepBound);
                    None
                }
            };
            let step_points = match self.decimal(st, "points") {
                None => {
                    self.missing(st, &item.span(), "points", "steps");
                    None
                }
                Some((p, _)) => Some(p),
            };
            match (bound, step_points) {
                (Some(bound), Some(points)) => steps.push(Step { bound, points }),
                _ => ok = false,
            }
        }
        ok.then_some(Rule::Steps(steps))
    }

    pub(super) fn levels(&mut self, t: &DeTable<'_>, owner: &Range<usize>) -> Option<Rule> {
        let Some(node) = Self::field(t, "levels") else {
            self.report(owner.clone(), M::LevelsRuleNeedsLevels);
            return None;
        };
        let DeValue::Table(table) = node.get_ref() else {
            self.wrong_type(node, "levels", Expected::TableOfLabels);
            return None;
        };
        if table.len() > MAX_LEVELS {
            let n = table.len();
            self.report(node.span(), M::TooManyLevels { n });
            return None;
        }
        let mut levels: Vec<Level> = Vec::new();
        let mut keys: HashSet<String> = HashSet::with_capacity(table.len());
        let mut ok = !table.is_empty();
        if table.is_empty() {
            self.wrong_type(node, "levels", Expected::TableWithALabel);
        }
        for (label, value) in table.iter() {
            let label_text = crate::load::text::normalize(label.get_ref());
            let key = crate::load::text::label_key(&label_text);
            if !keys.insert(key.clone()) {
                self.report(
                    label.span(),
                    M::DuplicateLabel {
                        label_text: label_text.clone(),
                    },
                );
                ok = false;
                continue;
            }
            match decimal_of(value.get_ref()) {
                Some(p) => levels.push(Level {
                    label: label_text,
                    key,
                    // Numbered across the whole set once it is resolved.
                    id: 0,
                    points: p,
                }),
                None => {
                    self.wrong_type(value, &label_text, Expected::Points);
                    ok = false;
                }
            }
        }
        ok.then_some(Rule::Levels(levels))
    }

    pub(super) fn adjustments(&mut self, root: &DeTable<'_>) -> Vec<RawAdjustment> {
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
                    self.report(k.span, M::KindValue { hint });
                    None
                }
            };
            let per = self.decimal(t, "per").map_or(Decimal::ONE, |(p, _)| p);
            let cap = self.decimal(t, "cap").map(|(c, _)| c);
            let range = self.range(t);
            let whole = self.boolean(t, "whole");
            if let (Some(id), Some(title), Some(indicator)) = (id, title, indicator) {
                out.push(RawAdjustment {
                    id,
                    title: title.name,
                    indicator,
                    kind,
                    per,
                    cap,
                    range,
                    whole,
                    spans: Spans::of(t, span),
                });
            }
        }
        out
    }

    pub(super) fn ratings(
        &mut self,
        root: &DeTable<'_>,
        root_span: &Range<usize>,
    ) -> Vec<RawRating> {
        let entries = self.tables(root, "ratings");
        if entries.is_empty() && Self::field(root, "ratings").is_none() {
            self.report(root_span.end..root_span.end, M::NoRatings);
        }
        if entries.len() > MAX_RATINGS {
            let n = entries.len();
            self.report(entries[MAX_RATINGS].1.clone(), M::TooManyRatings { n });
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
                .map(|(v, _)| v);
            let all_met = self.boolean(t, "all_met");
            let required = self.string_list(t, "required").unwrap_or_default();
            let quota = self.decimal(t, "quota").map(|(q, _)| q);
            let quota_of = self.string(t, "quota_of");
            let quota_scope = match self.string(t, "quota_scope") {
                None => None,
                Some(n) if n.name == "all" => Some((QuotaScope::All, n.span)),
                Some(n) if n.name == "cluster" => Some((QuotaScope::Cluster, n.span)),
                Some(n) => {
                    self.report(n.span, M::QuotaScopeValue);
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
                    spans: Spans::of(t, span),
                });
            }
        }
        out
    }

    pub(super) fn ranking(&mut self, root: &DeTable<'_>) -> Vec<Named> {
        let Some((t, _)) = self.table(root, "ranking") else {
            return Vec::new();
        };
        self.check_keys(t, RANKING_KEYS, "[ranking]");
        self.string_list(t, "order").unwrap_or_default()
    }
}

/// `[set]`; the id and title are None when missing or wrong (reported).
pub(super) struct SetHeader {
    pub(super) id: Option<String>,
    pub(super) title: Option<String>,
    pub(super) issuer: Option<String>,
    pub(super) basis: Option<String>,
    pub(super) period: Option<String>,
    pub(super) precision: u32,
    pub(super) missing: MissingPolicy,
    pub(super) bonus_cap: Option<Decimal>,
    pub(super) deduction_cap: Option<Decimal>,
    pub(super) spans: Spans,
}

/// Identifies a table while the document is borrowed (for typo bookkeeping).
pub(super) fn table_id(table: &DeTable<'_>) -> usize {
    std::ptr::from_ref(table) as usize
}

/// A TOML integer or float as an exact decimal, read from its source text.
pub(super) fn decimal_of(value: &DeValue<'_>) -> Option<Decimal> {
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
