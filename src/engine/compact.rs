//! Scoring straight into compact results, one unit at a time as the loader
//! hands them on, for rankings whose report needs points but not values.

use super::rank::{self, Contender};
use super::rating::{self, qualifies};
use super::score::Scorer;
use crate::collate::VietnameseOrder;
use crate::model::{CompactEvaluation, CompactStore, CompactUnit, CriteriaSet, RankKey, UnitView};

/// Scores units as they arrive and keeps only what a ranking needs.
pub struct CompactScoring<'s> {
    set: &'s CriteriaSet,
    scorer: Scorer<'s>,
    eval: CompactEvaluation,
}

impl<'s> CompactScoring<'s> {
    pub fn new(set: &'s CriteriaSet) -> Self {
        CompactScoring {
            set,
            scorer: Scorer::new(set),
            eval: CompactEvaluation::new(set.full_max(), &set.ranking, set.precision),
        }
    }

    pub fn push(&mut self, input_index: usize, unit: UnitView<'_>) {
        let result = self.scorer.score(input_index, unit);
        let mask = self
            .set
            .ratings
            .iter()
            .enumerate()
            .filter(|(_, r)| qualifies(r, result))
            .fold(0u64, |mask, (i, _)| {
                mask | 1u64.checked_shl(i as u32).unwrap_or(0)
            });
        self.eval.push(result, &self.set.ranking, mask);
    }

    /// Ranks and rates every unit pushed, as [`super::evaluate`] does.
    pub fn finish(mut self, order: &VietnameseOrder) -> CompactEvaluation {
        let set = self.set;
        let eval = &mut self.eval;
        rank::rank(
            &mut eval.units,
            &eval.store,
            &set.ranking,
            order,
            set.columns.cluster.is_some(),
        );
        rating::rate(set, &mut eval.units, &eval.store);
        self.eval
    }
}

impl Contender for CompactUnit {
    type Store = CompactStore;
    fn score(&self) -> rust_decimal::Decimal {
        self.score
    }
    fn met(&self) -> u32 {
        self.met
    }
    fn gates_failed(&self) -> usize {
        self.gates_failed as usize
    }
    fn key_points(
        &self,
        store: &CompactStore,
        position: usize,
        _: RankKey,
    ) -> rust_decimal::Decimal {
        store.key(self, position)
    }
    fn name<'a>(&'a self, store: &'a CompactStore) -> &'a str {
        store.name(self)
    }
    fn id<'a>(&'a self, store: &'a CompactStore) -> &'a str {
        store.id(self)
    }
    fn cluster<'a>(&'a self, store: &'a CompactStore) -> Option<&'a str> {
        store.cluster(self)
    }
    fn input_index(&self) -> usize {
        self.input_index
    }
    fn first_qualifying(&self, set: &CriteriaSet, from: usize) -> usize {
        CompactUnit::first_qualifying(self, from, set.ratings.len().saturating_sub(1))
    }
    fn rank(&self) -> u32 {
        self.rank
    }
    fn cluster_rank(&self) -> Option<u32> {
        CompactUnit::cluster_rank(self)
    }
    fn rating(&self) -> usize {
        usize::from(self.rating)
    }
    fn rating_before_quota(&self) -> usize {
        usize::from(self.rating_before_quota)
    }
    fn set_rank(&mut self, rank: u32) {
        self.rank = rank;
    }
    fn set_cluster_rank(&mut self, rank: u32) {
        CompactUnit::set_cluster_rank(self, rank);
    }
    fn set_rating(&mut self, rating: usize) {
        self.rating = u16::try_from(rating).unwrap_or(u16::MAX);
    }
    fn set_rating_before_quota(&mut self, rating: usize) {
        self.rating_before_quota = u16::try_from(rating).unwrap_or(u16::MAX);
    }
}
