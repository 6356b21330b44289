//! The one result store as a report reads it: every unit handed over
//! finished (its full result), one at a time, in rank order. The store
//! keeps what the report needs (a unit's values, not its detail); what made
//! the store (the engine) gave it the means to re-score a unit from them,
//! so what reads the store gets plain results and never calls the engine.

use std::ops::Range;

use super::{
    CompactEvaluation, CompactUnit, CriteriaSet, EncodedFigures, Evaluation, Figures,
    ScoreOverflow, UnitResult,
};

/// Re-scores one store's units, one at a time, into one reusable result.
pub trait Rescore {
    /// Unit `u` of `eval` in full, with its rank and ratings.
    fn unit(
        &mut self,
        eval: &CompactEvaluation,
        u: &CompactUnit,
    ) -> Result<&UnitResult, ScoreOverflow>;

    /// Unit `u`'s figures as a ranking table shows them, whatever the
    /// store keeps.
    fn figures(
        &mut self,
        eval: &CompactEvaluation,
        u: &CompactUnit,
        out: &mut Figures,
    ) -> Result<(), ScoreOverflow>;
}

/// How a store's units are re-scored: the engine's, given to the store as
/// it is made ([`CompactEvaluation::new`]).
#[derive(Clone, Copy)]
pub struct Rescorer(pub for<'s> fn(&'s CriteriaSet, &CompactEvaluation) -> Box<dyn Rescore + 's>);

impl std::fmt::Debug for Rescorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Rescorer")
    }
}

/// Not data: two stores are equal when their units are, whoever scored them.
impl PartialEq for Rescorer {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A ranking's units, finished, in rank order: one reader per thread.
pub struct Units<'a> {
    eval: &'a CompactEvaluation,
    rescore: Box<dyn Rescore + 'a>,
}

impl<'a> Units<'a> {
    /// How many units the ranking has.
    pub fn len(&self) -> usize {
        self.eval.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.eval.units.is_empty()
    }

    /// The unit at place `at` (0-based, in rank order), finished; `None`
    /// past the last.
    pub fn get(&mut self, at: usize) -> Result<Option<&UnitResult>, ScoreOverflow> {
        let eval = self.eval;
        match eval.units.get(at) {
            Some(u) => self.rescore.unit(eval, u).map(Some),
            None => Ok(None),
        }
    }

    /// The standing of the unit at place `at`, and its figures into `out`:
    /// what a ranking table shows, without the unit's detail when the store
    /// keeps its figures.
    pub fn figures(
        &mut self,
        at: usize,
        out: &mut Figures,
    ) -> Result<Option<&'a CompactUnit>, ScoreOverflow> {
        let eval = self.eval;
        let Some(u) = eval.units.get(at) else {
            return Ok(None);
        };
        self.rescore.figures(eval, u, out)?;
        Ok(Some(u))
    }

    /// The unit at place `at` and its figures as the store encodes them:
    /// straight from a store that keeps points; from one that keeps
    /// values, re-scored into `figures` and encoded into `bytes`. What a
    /// ranking table writes from, one figure at a time.
    pub fn encoded_figures<'s>(
        &mut self,
        at: usize,
        figures: &mut Figures,
        bytes: &'s mut Vec<u8>,
    ) -> Result<Option<(&'a CompactUnit, EncodedFigures<'s>)>, ScoreOverflow>
    where
        'a: 's,
    {
        let eval = self.eval;
        let Some(u) = eval.units.get(at) else {
            return Ok(None);
        };
        if let Some(encoded) = eval.encoded_figures(u) {
            return Ok(Some((u, encoded)));
        }
        self.rescore.figures(eval, u, figures)?;
        bytes.clear();
        let scale = eval.store.scale();
        figures.encode(bytes, scale);
        Ok(Some((u, EncodedFigures::new(bytes, scale))))
    }

    /// Hands `visit` the units at places `range`, finished, in rank order.
    pub fn each<E: From<ScoreOverflow>>(
        &mut self,
        range: Range<usize>,
        mut visit: impl FnMut(&UnitResult) -> Result<(), E>,
    ) -> Result<(), E> {
        let eval = self.eval;
        for u in eval.units.get(range).unwrap_or_default() {
            visit(self.rescore.unit(eval, u)?)?;
        }
        Ok(())
    }
}

impl CompactEvaluation {
    /// Its units, finished, in rank order: what a report reads.
    pub fn in_full<'a>(&'a self, set: &'a CriteriaSet) -> Units<'a> {
        Units {
            eval: self,
            rescore: (self.rescorer.0)(set, self),
        }
    }

    /// Every unit in full at once, in rank order: only for what needs them
    /// all together (its memory grows with the units).
    pub fn every_unit_in_full(&self, set: &CriteriaSet) -> Result<Evaluation, ScoreOverflow> {
        let mut units = Vec::with_capacity(self.units.len());
        self.in_full(set).each(0..self.units.len(), |u| {
            units.push(u.clone());
            Ok::<_, ScoreOverflow>(())
        })?;
        Ok(Evaluation {
            full_max: self.full_max,
            units,
        })
    }
}
