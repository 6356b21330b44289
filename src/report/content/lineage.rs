//! Merged units in a comparison (`--lineage`): each new unit with the old
//! units it came from, side by side, never added or averaged.

use super::changes::rating_by_id;
use super::{Align, Block, Cell, Grid};
use crate::engine::compare::{Comparison, Figures};
use crate::report::Context;

pub(super) fn blocks(cx: &Context<'_>, c: &Comparison<'_>) -> Vec<Block> {
    if c.lineage.is_empty() {
        return Vec::new();
    }
    let lang = cx.lang;
    let Some((last, earlier)) = c.labels.split_last() else {
        return Vec::new();
    };
    let mut columns = vec![
        (lang.pick("Đơn vị mới", "New unit").to_string(), Align::Left),
        (
            format!("{} {last}", lang.pick("Điểm", "Score")),
            Align::Right,
        ),
        (
            format!("{} {last}", lang.pick("Xếp loại", "Rating")),
            Align::Left,
        ),
        (
            lang.pick("Từ đơn vị cũ", "From old unit").to_string(),
            Align::Left,
        ),
    ];
    for label in earlier {
        columns.push((
            format!("{} {label}", lang.pick("Điểm", "Score")),
            Align::Right,
        ));
        columns.push((
            format!("{} {label}", lang.pick("Xếp loại", "Rating")),
            Align::Left,
        ));
    }
    let shown = |f: &Option<Figures>| match f {
        Some(f) => [
            Cell::Number(f.score),
            Cell::text(rating_by_id(cx.set, &f.rating)),
        ],
        None => [Cell::text("—"), Cell::text("—")],
    };
    let mut rows = Vec::new();
    for m in &c.lineage {
        for (i, old) in m.from.iter().enumerate() {
            let mut row = if i == 0 {
                vec![
                    Cell::text(format!("{} ({})", m.name, m.id)),
                    Cell::Number(m.now.score),
                    Cell::text(rating_by_id(cx.set, &m.now.rating)),
                ]
            } else {
                vec![Cell::text(""), Cell::text(""), Cell::text("")]
            };
            let old_name = if old.name.is_empty() {
                old.id.clone()
            } else {
                format!("{} ({})", old.name, old.id)
            };
            row.push(Cell::text(old_name));
            for f in &old.figures {
                row.extend(shown(f));
            }
            rows.push(row);
        }
    }
    vec![
        Block::Heading(
            lang.pick(
                "Đơn vị sau sáp nhập và các đơn vị cũ",
                "Merged units and the units they came from",
            )
            .to_string(),
        ),
        Block::Paragraph(
            lang.pick(
                "Điểm của các đơn vị cũ ghi cạnh nhau, không cộng, không lấy trung bình: đơn vị mới không có điểm kỳ trước.",
                "The old units' scores are shown side by side, never added or averaged: the new unit has no score of its own in the earlier period.",
            )
            .to_string(),
        ),
        Block::Table(Grid::with_rows(columns, rows)),
    ]
}
