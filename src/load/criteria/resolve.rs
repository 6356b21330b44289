//! Second pass over a criteria file: names become indices, every
//! cross-reference is checked, derived indicators are ordered and inputs
//! get their kinds.

use super::*;

/// The largest number a criteria file may hold (10^15).
pub const MAX_MAGNITUDE: i64 = 1_000_000_000_000_000;

pub(super) struct Resolved {
    pub(super) inputs: Vec<Input>,
    pub(super) derived: Vec<Derived>,
    pub(super) groups: Vec<Group>,
    pub(super) criteria: Vec<Criterion>,
    pub(super) gates: Vec<Gate>,
    pub(super) adjustments: Vec<Adjustment>,
    pub(super) downgrades: Vec<Downgrade>,
    pub(super) exclusions: Vec<Exclusion>,
    pub(super) ratings: Vec<Rating>,
    pub(super) ranking: Vec<RankKey>,
    /// Where each resolved item is written.
    pub(super) spans: SetSpans,
    /// The points, pass mark and place of each criterion that could not be
    /// built, for the checks that hold whatever its rule.
    pub(super) unbuilt_criteria: Vec<(Decimal, PassMark, Spans)>,
}

/// Who reads an indicator, for kind and N/A bookkeeping.
#[derive(Clone, Copy)]
pub(super) enum User {
    Scored {
        allow_na: bool,
    },
    /// A `target` rule's column of targets; `required` under
    /// `no_target = "error"`.
    Target {
        required: bool,
    },
    Adjustment,
    Derived(usize),
}

/// Second pass: turns names into indices and checks every cross-reference.
pub(super) struct Resolver<'c, 's> {
    pub(super) cx: &'c mut Cx<'s>,
    pub(super) inputs: Vec<Input>,
    pub(super) input_users: Vec<Vec<User>>,
    pub(super) input_by_name: HashMap<String, usize>,
    pub(super) derived_index: HashMap<String, usize>,
    pub(super) derived_users: Vec<Vec<User>>,
    /// `[[results]]` prefixes, by name.
    pub(super) result_prefixes: HashMap<String, usize>,
    /// Inputs fed by another set's result: one per (source, field, kind),
    /// so `km.rating` can feed both a levels and a yes rule.
    pub(super) result_inputs: HashMap<(usize, ResultField, ValueKind), usize>,
    /// Where each resolved item is written, by its position in the set.
    pub(super) spans: SetSpans,
}

impl<'c, 's> Resolver<'c, 's> {
    pub(super) fn new(cx: &'c mut Cx<'s>) -> Self {
        Resolver {
            cx,
            inputs: Vec::new(),
            input_users: Vec::new(),
            input_by_name: HashMap::new(),
            derived_index: HashMap::new(),
            derived_users: Vec::new(),
            result_prefixes: HashMap::new(),
            result_inputs: HashMap::new(),
            spans: SetSpans::default(),
        }
    }

    pub(super) fn unique<'a>(&mut self, ids: impl IntoIterator<Item = &'a Named>, what: ItemKind) {
        let mut seen: HashSet<&str> = HashSet::new();
        for id in ids {
            if !seen.insert(&id.name) {
                let name = &id.name;
                self.cx.report(
                    id.span.clone(),
                    M::DuplicateId {
                        what,
                        name: name.clone(),
                    },
                );
            }
        }
    }

    /// Everything that resolved, and whether everything did. What did not
    /// is reported; the rest is still built, for the checker.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn resolve(
        mut self,
        results: &[RawResult],
        groups: Vec<(Named, String)>,
        derived: Vec<RawDerived>,
        criteria: Vec<RawScored>,
        gates: Vec<RawScored>,
        adjustments: Vec<RawAdjustment>,
        (downgrades, exclusions): (Vec<RawCondition>, Vec<RawCondition>),
        ratings: Vec<RawRating>,
        ranking: Vec<Named>,
        columns: Option<&Columns>,
    ) -> (Resolved, bool) {
        self.prefixes(results, &derived, columns);
        self.unique(groups.iter().map(|g| &g.0), ItemKind::Group);
        self.unique(derived.iter().map(|d| &d.id), ItemKind::Indicator);
        self.unique(
            criteria
                .iter()
                .chain(&gates)
                .map(|c| &c.id)
                .chain(adjustments.iter().map(|a| &a.id)),
            ItemKind::Scored,
        );
        self.unique(ratings.iter().map(|r| &r.id), ItemKind::Rating);

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
        let mut unbuilt_criteria = Vec::new();
        for c in &criteria {
            let group = match &c.group {
                Some(g) => match group_index.get(g.name.as_str()) {
                    Some(&i) => Some(i),
                    None => {
                        self.unknown(g, ItemKind::Group, &group_names);
                        None
                    }
                },
                None => None,
            };
            let user = User::Scored {
                allow_na: c.allow_na,
            };
            let built = c.rule.as_ref().and_then(|rule| {
                let indicator = self.indicator(&c.indicator, rule.value_kind(), user, columns)?;
                Some((indicator, self.relative_rule(rule, &c.relative, columns)?))
            });
            let Some((indicator, rule)) = built else {
                unbuilt_criteria.push((c.points, c.pass, c.spans.clone()));
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
                rule,
                range: c.range,
                whole: c.whole,
            });
            self.spans.criteria.push(c.spans.clone());
        }

        let mut resolved_gates = Vec::new();
        for g in &gates {
            let Some(rule) = &g.rule else { continue };
            let user = User::Scored {
                allow_na: g.allow_na,
            };
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
                range: g.range,
                whole: g.whole,
            });
            self.spans.gates.push(g.spans.clone());
        }

        let mut resolved_adjustments = Vec::new();
        for a in &adjustments {
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
                    range: a.range,
                    whole: a.whole,
                });
                self.spans.adjustments.push(a.spans.clone());
            }
        }

        let (downgrades, exclusions, conditions_resolved) =
            self.conditions(&downgrades, &exclusions, columns);

        let criterion_index: HashMap<&str, usize> = criteria
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.name.as_str(), i))
            .collect();
        let criterion_names: Vec<&str> = criteria.iter().map(|c| c.id.name.as_str()).collect();
        let (resolved_ratings, ratings_resolved) =
            self.ratings(&ratings, &criterion_index, &criterion_names);
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
            && resolved_derived.len() == derived.len()
            && conditions_resolved
            && ratings_resolved;
        let resolved = Resolved {
            inputs: self.inputs,
            derived: resolved_derived,
            groups: groups
                .into_iter()
                .map(|(id, title)| Group { id: id.name, title })
                .collect(),
            criteria: resolved_criteria,
            gates: resolved_gates,
            adjustments: resolved_adjustments,
            downgrades,
            exclusions,
            ratings: resolved_ratings,
            ranking: resolved_ranking,
            spans: self.spans,
            unbuilt_criteria,
        };
        (resolved, all_resolved)
    }

    /// A rule with its relative parts settled: the scope's default (the
    /// cluster when the set has a cluster column, else all units) and the
    /// column of targets. `None` when one of them is wrong (reported).
    fn relative_rule(
        &mut self,
        rule: &Rule,
        raw: &RawRelative,
        columns: Option<&Columns>,
    ) -> Option<Rule> {
        let Some(mut relative) = rule.relative() else {
            return Some(rule.clone());
        };
        let clustered = columns.is_none_or(|c| c.cluster.is_some());
        if !raw.scope_written && !clustered {
            relative.scope = RelativeScope::All;
        }
        Some(match rule {
            Rule::Target(t) => {
                let target = match (&raw.target, t.target) {
                    (Some(name), _) => {
                        let user = User::Target {
                            required: t.blank_is_error,
                        };
                        TargetOf::Indicator(self.indicator(
                            name,
                            ValueKind::Number,
                            user,
                            columns,
                        )?)
                    }
                    (None, target) => target,
                };
                Rule::Target(TargetRule {
                    target,
                    relative,
                    ..*t
                })
            }
            _ => Rule::Relative(relative),
        })
    }

    pub(super) fn unknown(&mut self, name: &Named, what: ItemKind, known: &[&str]) {
        let hint = did_you_mean(&name.name, known.iter().copied());
        let n = &name.name;
        self.cx.report(
            name.span.clone(),
            M::NoSuchId {
                what,
                n: n.clone(),
                hint,
            },
        );
    }

    /// Orders derived indicators so each comes after the ones it reads;
    /// reports self-references and cycles.
    pub(super) fn order_derived(&mut self, derived: &[RawDerived]) -> Vec<usize> {
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
                    self.cx
                        .report(operand.span.clone(), M::RefersToItself { n: n.clone() });
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
                                M::Cycle {
                                    n: n.clone(),
                                    m: m.clone(),
                                },
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
    pub(super) fn indicator(
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
                self.cx
                    .report(name.span.clone(), M::DerivedNotYesNo { n: n.clone() });
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
                    M::UnitColumnNotIndicator { n: n.clone() },
                );
                return None;
            }
        }
        let index = match self.input_by_name.get(&name.name) {
            Some(&i) => {
                let existing = self.inputs[i].kind;
                if existing != kind {
                    let n = &name.name;
                    self.cx.report(
                        name.span.clone(),
                        M::ColumnUsedTwoWays {
                            n: n.clone(),
                            a: KindOfValue(existing),
                            b: KindOfValue(kind),
                        },
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
                    blank_target: BlankTarget::NotTarget,
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
    pub(super) fn settle_na(&mut self) {
        let mut derived_accepts = vec![false; self.derived_users.len()];
        for d in (0..self.derived_users.len()).rev() {
            let users = &self.derived_users[d];
            derived_accepts[d] = !users.is_empty()
                && users.iter().all(|&u| match u {
                    User::Scored { allow_na } => allow_na,
                    User::Adjustment | User::Target { .. } => false,
                    User::Derived(e) => e > d && derived_accepts[e],
                });
        }
        for (input, users) in self.inputs.iter_mut().zip(&self.input_users) {
            input.accepts_na = users.iter().all(|&u| match u {
                User::Scored { allow_na } => allow_na,
                User::Adjustment | User::Target { .. } => false,
                User::Derived(d) => derived_accepts[d],
            });
            input.blank_means_zero = users.iter().all(|&u| matches!(u, User::Adjustment));
            let targets = || users.iter().filter(|u| matches!(u, User::Target { .. }));
            input.blank_target = if targets().count() < users.len() || users.is_empty() {
                BlankTarget::NotTarget
            } else if targets().any(|u| matches!(u, User::Target { required: true })) {
                BlankTarget::Required
            } else {
                BlankTarget::NoTarget
            };
        }
    }

    pub(super) fn ratings(
        &mut self,
        raw: &[RawRating],
        criterion_index: &HashMap<&str, usize>,
        criterion_names: &[&str],
    ) -> (Vec<Rating>, bool) {
        let rating_index: HashMap<&str, usize> = raw
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.name.as_str(), i))
            .collect();
        let rating_names: Vec<&str> = raw.iter().map(|r| r.id.name.as_str()).collect();
        let mut out = Vec::new();
        let mut ok = true;
        for r in raw {
            let mut required = Vec::new();
            for name in &r.required {
                match criterion_index.get(name.name.as_str()) {
                    Some(&i) => required.push(CriterionIdx::resolved(i)),
                    None => {
                        self.unknown(name, ItemKind::Criterion, criterion_names);
                        ok = false;
                    }
                }
            }
            let of = match &r.quota_of {
                None => None,
                Some(name) => match rating_index.get(name.name.as_str()) {
                    Some(&i) => RatingIdx::resolved(i),
                    None => {
                        self.unknown(name, ItemKind::Rating, &rating_names);
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
                            M::OnlyWithQuota {
                                key: key.to_string(),
                            },
                        );
                    }
                }
            }
            let rating = Rating {
                id: r.id.name.clone(),
                title: r.title.clone(),
                short: r.short.clone(),
                min_score: r.min_score,
                all_gates: r.all_gates,
                min_met: r.min_met,
                all_met: r.all_met,
                required,
                quota: r.quota.map(|share| Quota { share, of, scope }),
            };
            out.push(rating);
            self.spans.ratings.push(r.spans.clone());
        }
        let ok = ok && !out.is_empty();
        (out, ok)
    }

    pub(super) fn ranking(
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
                        self.unknown(&name, ItemKind::Group, group_names);
                        continue;
                    }
                },
                Some(("criterion", c)) => match criterion_index.get(c) {
                    Some(&i) => Some(RankKey::Criterion(CriterionIdx::resolved(i))),
                    None => {
                        let name = Named {
                            name: c.to_string(),
                            span: key.span.clone(),
                        };
                        self.unknown(&name, ItemKind::Criterion, criterion_names);
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
                    self.cx.report(
                        key.span.clone(),
                        M::UnknownRankingKey { k: k.clone(), hint },
                    );
                }
            }
        }
        keys
    }
}
