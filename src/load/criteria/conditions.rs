//! `[[downgrades]]` and `[[exclusions]]`: yes/no conditions that lower a
//! unit's rating ("hạ bậc") or leave the unit out of rating and ranking
//! ("chưa xét"). Read here, resolved with the rest of the set.

use super::*;

const DOWNGRADE_KEYS: &[&str] = &["id", "title", "indicator", "steps"];
const EXCLUSION_KEYS: &[&str] = &["id", "title", "indicator"];
/// Each unit keeps which downgrades and which exclusions hold in a 64-bit
/// mask; real sets have one or two.
pub const MAX_CONDITIONS: usize = 64;

/// A downgrade or an exclusion as written; `steps` is 0 for an exclusion.
pub(super) struct RawCondition {
    pub(super) id: Named,
    pub(super) title: String,
    pub(super) indicator: Named,
    pub(super) steps: u32,
    pub(super) spans: Spans,
}

impl<'s> Cx<'s> {
    pub(super) fn downgrades(&mut self, root: &DeTable<'_>) -> Vec<RawCondition> {
        self.conditions(root, "downgrades", DOWNGRADE_KEYS)
    }

    pub(super) fn exclusions(&mut self, root: &DeTable<'_>) -> Vec<RawCondition> {
        self.conditions(root, "exclusions", EXCLUSION_KEYS)
    }

    fn conditions(
        &mut self,
        root: &DeTable<'_>,
        key: &str,
        keys: &[&'static str],
    ) -> Vec<RawCondition> {
        let entries = self.tables(root, key);
        if entries.len() > MAX_CONDITIONS {
            let n = entries.len();
            self.report(
                entries[MAX_CONDITIONS].1.clone(),
                M::TooManyConditions {
                    key: key.to_string(),
                    n,
                },
            );
            return Vec::new();
        }
        let place = format!("[[{key}]]");
        let mut out = Vec::new();
        for (t, span) in entries {
            self.check_keys(t, keys, &place);
            let id = self.required_string(t, "id", &span, &place);
            let title = self.required_string(t, "title", &span, &place);
            let indicator = self.required_string(t, "indicator", &span, &place);
            let steps = if keys.contains(&"steps") {
                self.integer(t, "steps", MAX_RATINGS as u64)
                    .map_or(1, |(n, _)| n)
            } else {
                0
            };
            if let (Some(id), Some(title), Some(indicator)) = (id, title, indicator) {
                out.push(RawCondition {
                    id,
                    title: title.name,
                    indicator,
                    steps,
                    spans: Spans::of(t, span),
                });
            }
        }
        out
    }
}

impl Resolver<'_, '_> {
    /// Names become indicators: each condition reads a yes/no column (or
    /// another set's yes/no result); a blank cell follows the set's
    /// `missing` policy and N/A is refused, as for a criterion without
    /// `allow_na`, so no unit slips past a condition unnoticed.
    pub(super) fn conditions(
        &mut self,
        downgrades: &[RawCondition],
        exclusions: &[RawCondition],
        columns: Option<&Columns>,
    ) -> (Vec<Downgrade>, Vec<Exclusion>, bool) {
        self.unique(
            downgrades.iter().chain(exclusions).map(|c| &c.id),
            ItemKind::Condition,
        );
        let mut ok = true;
        let mut read = |me: &mut Self, c: &RawCondition| {
            let user = User::Scored { allow_na: false };
            let found = me.indicator(&c.indicator, ValueKind::YesNo, user, columns);
            ok &= found.is_some();
            found
        };
        let mut resolved_downgrades = Vec::new();
        for c in downgrades {
            if let Some(indicator) = read(self, c) {
                resolved_downgrades.push(Downgrade {
                    id: c.id.name.clone(),
                    title: c.title.clone(),
                    indicator,
                    steps: c.steps,
                });
                self.spans.downgrades.push(c.spans.clone());
            }
        }
        let mut resolved_exclusions = Vec::new();
        for c in exclusions {
            if let Some(indicator) = read(self, c) {
                resolved_exclusions.push(Exclusion {
                    id: c.id.name.clone(),
                    title: c.title.clone(),
                    indicator,
                });
            }
        }
        (resolved_downgrades, resolved_exclusions, ok)
    }
}
