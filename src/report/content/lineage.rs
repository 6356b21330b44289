//! Merged units in a comparison (`--lineage`): each new unit with the old
//! units it came from, side by side, never added or averaged.

use super::changes::rating_by_id;
use super::messages::{Label, LineageMessage};
use super::{Align, Block, Cell, Grid};
use crate::engine::compare::{Comparison, Figures};
use crate::i18n::Message as _;
use crate::report::Context;

pub(super) fn blocks(cx: &Context<'_>, c: &Comparison<'_>) -> Vec<Block> {
    if c.lineage.is_empty() {
        return Vec::new();
    }
    let lang = cx.lang;
    let Some((last, earlier)) = c.labels.split_last() else {
        return Vec::new();
    };
    let (score, rating) = (Label::Score.words(lang), Label::Rating.words(lang));
    let mut columns = vec![
        (Label::NewUnit.words(lang).into_owned(), Align::Left),
        (format!("{score} {last}"), Align::Right),
        (format!("{rating} {last}"), Align::Left),
        (Label::FromOldUnit.words(lang).into_owned(), Align::Left),
    ];
    for label in earlier {
        columns.push((format!("{score} {label}"), Align::Right));
        columns.push((format!("{rating} {label}"), Align::Left));
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
        Block::Heading(LineageMessage::Heading.words(lang).into()),
        Block::Paragraph(LineageMessage::SideBySide.words(lang).into()),
        Block::Table(Grid::with_rows(columns, rows)),
    ]
}
