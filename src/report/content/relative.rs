//! The figures a unit's relative criteria (`target`, `relative`) were
//! scored against, for `explain`.

use super::Block;
use super::words;
use crate::i18n::Lang;
use crate::model::{
    CriteriaSet, Direction, Reference, RelativeScope, Rule, Status, UnitResult, Value,
};

/// One paragraph per relative criterion: the unit's result, its target,
/// the best of the units it was compared with and how many, and the points.
pub(super) fn reference_blocks(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> Vec<Block> {
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
        let best = best.map_or_else(|| "—".to_string(), |b| shown(&b));
        let (highest, in_scope) = scope_words(lang, relative.direction, relative.scope);
        let compared_with = match (&c.rule, target) {
            (Rule::Target(_), Some(t)) => {
                let t = shown(&t);
                match lang {
                    Lang::Vi => format!(
                        "chỉ tiêu {t}; đơn vị dẫn đầu {in_scope} đạt {best} (so sánh {compared} đơn vị có chỉ tiêu)"
                    ),
                    Lang::En => format!(
                        "target {t}; the leader {in_scope} has {best} ({compared} units with a target compared)"
                    ),
                }
            }
            (Rule::Target(_), None) => match lang {
                Lang::Vi => format!(
                    "không được giao chỉ tiêu: so với {highest} {in_scope} của các đơn vị không có chỉ tiêu, {best} ({compared} đơn vị)"
                ),
                Lang::En => format!(
                    "no target set: compared with {highest} {in_scope} among units without a target, {best} ({compared} units)"
                ),
            },
            _ => match lang {
                Lang::Vi => format!("{highest} {in_scope}: {best} ({compared} đơn vị)"),
                Lang::En => format!("{highest} {in_scope}: {best} ({compared} units)"),
            },
        };
        let (points, max) = (words::num_in(lang, r.points), words::num_in(lang, r.max));
        let earned = match (r.status, lang) {
            (Status::Scored, Lang::Vi) => format!("{points}/{max} điểm"),
            (Status::Scored, Lang::En) => format!("{points}/{max} points"),
            (Status::NotApplicable, _) => lang
                .pick(
                    "không áp dụng, không tham gia so sánh",
                    "not applicable, not compared",
                )
                .to_string(),
            (Status::Missing, Lang::Vi) => format!("0/{max} điểm, không tham gia so sánh"),
            (Status::Missing, Lang::En) => format!("0/{max} points, not compared"),
        };
        lines.push(Block::Paragraph(match lang {
            Lang::Vi => format!(
                "{} — {}: kết quả {result}; {compared_with} → {earned}.",
                c.id, c.title
            ),
            Lang::En => format!(
                "{} — {}: result {result}; {compared_with} → {earned}.",
                c.id, c.title
            ),
        }));
    }
    if lines.is_empty() {
        return lines;
    }
    let mut out = vec![Block::Heading(
        lang.pick(
            "Điểm tính so với các đơn vị khác",
            "Points relative to the other units",
        )
        .to_string(),
    )];
    out.extend(lines);
    out
}

/// ("the highest value", "in the cluster") as a relative rule reads them.
fn scope_words(
    lang: Lang,
    direction: Direction,
    scope: RelativeScope,
) -> (&'static str, &'static str) {
    let best = match direction {
        Direction::Higher => lang.pick("giá trị cao nhất", "the highest value"),
        Direction::Lower => lang.pick("giá trị thấp nhất", "the lowest value"),
    };
    let scope = match scope {
        RelativeScope::Cluster => lang.pick("trong cụm", "in the cluster"),
        RelativeScope::All => lang.pick("của tất cả đơn vị", "of all units"),
    };
    (best, scope)
}
