//! What documents say about a unit's standing beyond its points: the
//! downgrades that lowered a rating, the units not considered, and shared
//! first places.

use super::Block;
use super::messages::{Label, StandingMessage};
use crate::i18n::{Lang, Message as _};
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
        let tied = words::tied_first(lang);
        out.push(Block::Paragraph(
            StandingMessage::TiedFirstLegend { tied }.words(lang).into(),
        ));
    }
    if tally.downgraded > 0 {
        let downgrades = &words::downgrade_titles(set, tally.downgrades);
        let legend = StandingMessage::DowngradedLegend {
            units: tally.downgraded,
            downgrades,
        };
        out.push(Block::Paragraph(legend.words(lang).into()));
    }
    if tally.apart > 0 {
        let exclusions = &words::exclusion_titles(set, tally.excluded);
        let legend = StandingMessage::NotConsideredLegend {
            units: tally.apart,
            exclusions,
        };
        out.push(Block::Paragraph(legend.words(lang).into()));
    }
    out
}

/// The set's downgrades and exclusions, each with the column it reads.
pub(super) fn conditions(set: &CriteriaSet, lang: Lang) -> Vec<Block> {
    let mut out = Vec::new();
    if !set.downgrades.is_empty() {
        out.push(Block::Heading(
            StandingMessage::DowngradesHeading.words(lang).into(),
        ));
        for d in &set.downgrades {
            let downgrade = StandingMessage::Downgrade {
                id: &d.id,
                title: &d.title,
                column: set.indicator_name(d.indicator),
                steps: d.steps,
            };
            out.push(Block::Paragraph(downgrade.words(lang).into()));
        }
    }
    if !set.exclusions.is_empty() {
        out.push(Block::Heading(
            StandingMessage::ExclusionsHeading.words(lang).into(),
        ));
        for x in &set.exclusions {
            let exclusion = StandingMessage::Exclusion {
                id: &x.id,
                title: &x.title,
                column: set.indicator_name(x.indicator),
            };
            out.push(Block::Paragraph(exclusion.words(lang).into()));
        }
    }
    out
}

/// Why a unit has no rating: the exclusions that hold.
pub(super) fn not_considered_blocks(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> Vec<Block> {
    let mut out = Vec::new();
    out.push(Block::Heading(format!(
        "{}: {}",
        Label::Rating.words(lang),
        words::not_considered(lang)
    )));
    let exclusions = &words::exclusion_titles(set, u.excluded);
    out.push(Block::Paragraph(
        StandingMessage::UnitNotConsidered { exclusions }
            .words(lang)
            .into(),
    ));
    out
}

/// Under a unit's rating: the downgrade that lowered it, and a shared
/// first place.
pub(super) fn rating_notes(set: &CriteriaSet, lang: Lang, u: &UnitResult) -> Vec<Block> {
    let mut out = Vec::new();
    if u.downgrades != 0 {
        let (downgrades, from, to) = (
            &words::downgrade_titles(set, u.downgrades),
            &set.rating(u.rating_before_downgrade).title,
            &set.rating(u.rating_before_quota).title,
        );
        let note = if u.downgrade_lowered() {
            StandingMessage::DowngradeLowered {
                downgrades,
                from,
                to,
            }
        } else {
            StandingMessage::DowngradeAtLowest { downgrades, from }
        };
        out.push(Block::Paragraph(note.words(lang).into()));
    }
    if u.tied_first {
        out.push(Block::Paragraph(format!(
            "{}.",
            crate::report::filing::uppercase_first(words::tied_first(lang))
        )));
    }
    out
}
