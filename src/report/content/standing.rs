//! What documents say about a unit's standing beyond its points: the
//! downgrades that lowered a rating, the units not considered, and shared
//! first places.

use super::Block;
use crate::i18n::Lang;
use crate::model::{CriteriaSet, UnitResult};
use crate::report::words;

/// What a ranking's legends count, gathered unit by unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    tied_first: bool,
    downgraded: usize,
    /// Every downgrade that holds for some unit, as bits.
    downgrades: u64,
    apart: usize,
    /// Every exclusion that holds for some unit, as bits.
    excluded: u64,
    quota_lowered: usize,
}

impl Tally {
    pub fn add(&mut self, u: &UnitResult) {
        self.tied_first |= u.tied_first;
        self.downgraded += usize::from(u.downgrade_lowered());
        self.downgrades |= u.downgrades;
        self.apart += usize::from(u.is_excluded());
        self.excluded |= u.excluded;
        self.quota_lowered += usize::from(u.quota_lowered());
    }

    /// How many units a quota lowered.
    pub fn quota_lowered(&self) -> usize {
        self.quota_lowered
    }
}

/// What the ranking's notes on downgrades, units not considered and shared
/// first places mean, when some unit has one.
pub(super) fn legends(set: &CriteriaSet, lang: Lang, tally: &Tally) -> Vec<Block> {
    let mut out = Vec::new();
    if tally.tied_first {
        out.push(Block::Paragraph(match lang {
            Lang::Vi => format!(
                "\"{}\": các đơn vị bằng nhau trên mọi tiêu chí xếp hạng; cụm thi đua bình xét, suy tôn một đơn vị, chương trình không tự phân định.",
                words::tied_first(lang)
            ),
            Lang::En => format!(
                "\"{}\": the units are equal on every ranking key; the cluster votes for one of them, the program does not pick.",
                words::tied_first(lang)
            ),
        }));
    }
    let downgraded = tally.downgraded;
    if downgraded > 0 {
        let list = words::downgrade_titles(set, tally.downgrades);
        out.push(Block::Paragraph(match lang {
            Lang::Vi => format!(
                "↓ {downgraded} đơn vị bị hạ bậc xếp loại ({list}); việc hạ bậc xét trước hạn mức."
            ),
            Lang::En => format!(
                "↓ {downgraded} unit(s) downgraded ({list}); downgrades apply before quotas."
            ),
        }));
    }
    let apart = tally.apart;
    if apart > 0 {
        let list = words::exclusion_titles(set, tally.excluded);
        out.push(Block::Paragraph(match lang {
            Lang::Vi => format!(
                "{apart} đơn vị chưa xét ({list}): vẫn được chấm điểm nhưng không xếp loại, không xếp hạng và không tính vào hạn mức; liệt kê sau các đơn vị được xếp hạng."
            ),
            Lang::En => format!(
                "{apart} unit(s) not considered ({list}): scored, but neither rated nor ranked, and not counted in quotas; listed after the ranked units."
            ),
        }));
    }
    out
}

/// The set's downgrades and exclusions, each with the column it reads.
pub(super) fn conditions(set: &CriteriaSet, lang: Lang) -> Vec<Block> {
    let mut out = Vec::new();
    if !set.downgrades.is_empty() {
        out.push(Block::Heading(
            lang.pick(
                "Hạ bậc xếp loại (xét sau điều kiện của từng loại, trước hạn mức)",
                "Downgrades (after each rating's conditions, before quotas)",
            )
            .to_string(),
        ));
        for d in &set.downgrades {
            let (column, steps) = (set.indicator_name(d.indicator), d.steps);
            out.push(Block::Paragraph(match lang {
                Lang::Vi => format!("{} {}: {column} = có → hạ {steps} bậc", d.id, d.title),
                Lang::En => format!(
                    "{} {}: {column} = yes → {steps} rating(s) lower",
                    d.id, d.title
                ),
            }));
        }
    }
    if !set.exclusions.is_empty() {
        out.push(Block::Heading(
            lang.pick(
                "Chưa xét (vẫn chấm điểm, không xếp loại, không xếp hạng)",
                "Not considered (scored, neither rated nor ranked)",
            )
            .to_string(),
        ));
        for x in &set.exclusions {
            let column = set.indicator_name(x.indicator);
            out.push(Block::Paragraph(format!(
                "{} {}: {column} = {}",
                x.id,
                x.title,
                lang.pick("có", "yes")
            )));
        }
    }
    out
}

/// Why a unit has no rating: the exclusions that hold.
pub(super) fn not_considered_blocks(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> Vec<Block> {
    let mut out = Vec::new();
    out.push(Block::Heading(format!(
        "{}: {}",
        lang.pick("Xếp loại", "Rating"),
        words::not_considered(lang)
    )));
    let reasons = words::exclusion_titles(set, u.excluded);
    out.push(Block::Paragraph(match lang {
        Lang::Vi => format!(
            "Đơn vị chưa xét ({reasons}): điểm được chấm như trên nhưng không xếp loại, không xếp hạng và không tính vào hạn mức."
        ),
        Lang::En => format!(
            "The unit is not considered ({reasons}): its points are scored as above, but it is neither rated nor ranked, and not counted in quotas."
        ),
    }));
    out
}

/// Under a unit's rating: the downgrade that lowered it, and a shared
/// first place.
pub(super) fn rating_notes(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> Vec<Block> {
    let mut out = Vec::new();
    if u.downgrades != 0 {
        let (list, from, to) = (
            words::downgrade_titles(set, u.downgrades),
            &set.rating(u.rating_before_downgrade).title,
            &set.rating(u.rating_before_quota).title,
        );
        out.push(Block::Paragraph(match (lang, u.downgrade_lowered()) {
            (Lang::Vi, true) => format!(
                "Hạ bậc ({list}): theo điều kiện đạt \"{from}\", hạ xuống \"{to}\" trước khi xét hạn mức."
            ),
            (Lang::En, true) => format!(
                "Downgraded ({list}): its conditions earn \"{from}\", lowered to \"{to}\" before quotas."
            ),
            (Lang::Vi, false) => format!(
                "Thuộc diện hạ bậc ({list}), nhưng \"{from}\" đã là mức thấp nhất."
            ),
            (Lang::En, false) => format!(
                "A downgrade holds ({list}), but \"{from}\" is already the lowest rating."
            ),
        }));
    }
    if u.tied_first {
        out.push(Block::Paragraph(format!(
            "{}.",
            crate::report::filing::uppercase_first(words::tied_first(lang))
        )));
    }
    out
}
