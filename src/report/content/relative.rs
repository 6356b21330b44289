//! The figures a unit's relative criteria (`target`, `relative`) were
//! scored against, for `explain`.

use super::Block;
use super::messages::RelativeMessage;
use super::words;
use crate::i18n::{Lang, Message as _};
use crate::model::{CriteriaSet, Reference, Rule, Status, UnitResult, Value};

/// One paragraph per relative criterion: the unit's result, its target,
/// the best of the units it was compared with and how many, and the points.
pub fn reference_blocks(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> Vec<Block> {
    let mut lines = Vec::new();
    for (c, r) in set.criteria.iter().zip(&u.criteria) {
        let (Some(relative), Some(reference)) = (c.rule.relative(), r.reference) else {
            continue;
        };
        let shown = |v: &Value| words::value(lang, &c.rule, c.unit.as_deref(), v);
        let result = match r.status {
            Status::Scored => shown(&r.value),
            status => words::status(lang, status).to_string(),
        };
        let Reference {
            target,
            best,
            compared,
        } = reference;
        let best = &best.map_or_else(|| "—".to_string(), |b| shown(&b));
        let (direction, scope) = (relative.direction, relative.scope);
        let compared_with = match (&c.rule, target) {
            (Rule::Target(_), Some(t)) => RelativeMessage::AgainstTarget {
                target: &shown(&t),
                scope,
                best,
                compared,
            }
            .words(lang),
            (Rule::Target(_), None) => RelativeMessage::WithoutTarget {
                direction,
                scope,
                best,
                compared,
            }
            .words(lang),
            _ => RelativeMessage::AgainstBest {
                direction,
                scope,
                best,
                compared,
            }
            .words(lang),
        };
        let earned = match r.status {
            Status::Scored => RelativeMessage::Earned {
                points: r.points,
                max: r.max,
            },
            Status::NotApplicable => RelativeMessage::NotApplicableNotCompared,
            Status::Missing => RelativeMessage::MissingNotCompared { max: r.max },
        };
        let line = RelativeMessage::Criterion {
            id: &c.id,
            title: &c.title,
            result: &result,
            compared_with: &compared_with,
            earned: &earned.words(lang),
        };
        lines.push(Block::Paragraph(line.words(lang).into()));
    }
    if lines.is_empty() {
        return lines;
    }
    let mut out = vec![Block::Heading(RelativeMessage::Heading.words(lang).into())];
    out.extend(lines);
    out
}
