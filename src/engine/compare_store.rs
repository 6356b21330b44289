//! What a comparison keeps of each version once that version's store is
//! gone: a few columns of figures per unit, and a unit's criteria points
//! only in the versions its movers read (its first and its last), so that
//! memory does not grow with the number of versions.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};

use rust_decimal::Decimal;

use crate::model::{CompactUnit, CriteriaSet, Figure, put_figure, take_figure};

/// No position: the unit is not in that version.
pub(super) const ABSENT: u32 = u32::MAX;
/// No criteria points kept for the unit in that version.
const NOT_KEPT: usize = usize::MAX;

const EXCLUDED: u8 = 1;
const BY_QUOTA: u8 = 2;
const BY_DOWNGRADE: u8 = 4;

/// An index that cannot be a `u32` (four billion units do not fit in
/// memory anyway) is clamped below [`ABSENT`].
pub(super) fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(ABSENT - 1)
}

fn hash(id: &str) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(id)
}

/// Every unit met in any version, once, matched on id.
#[derive(Debug, Clone, Default)]
pub(super) struct Units {
    ids: Vec<Box<str>>,
    /// Each id's 64-bit hash to its unit; ids whose hash another id has
    /// already are in `collided`, so that a match is always exact.
    by_hash: HashMap<u64, u32>,
    collided: HashMap<Box<str>, u32>,
    /// Name and cluster in the latest version the unit is in: what the
    /// comparison shows.
    names: Vec<Box<str>>,
    clusters: Vec<u32>,
    cluster_names: Vec<Box<str>>,
    cluster_index: HashMap<Box<str>, u32>,
    /// The unit's name in the version it was in before the latest one,
    /// where it differs (a merged unit's predecessors are named as the
    /// earlier versions name them).
    earlier_names: HashMap<u32, Box<str>>,
    /// The first and the latest version the unit is in, and its position
    /// in the latest.
    first: Vec<u32>,
    last: Vec<u32>,
    last_at: Vec<u32>,
}

impl Units {
    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }

    pub(super) fn find(&self, id: &str) -> Option<u32> {
        let &g = self.by_hash.get(&hash(id))?;
        if self.ids.get(g as usize).is_some_and(|known| **known == *id) {
            return Some(g);
        }
        self.collided.get(id).copied()
    }

    pub(super) fn id(&self, g: u32) -> &str {
        self.ids.get(g as usize).map_or("", |s| s)
    }

    pub(super) fn name(&self, g: u32) -> &str {
        self.names.get(g as usize).map_or("", |s| s)
    }

    pub(super) fn cluster(&self, g: u32) -> Option<&str> {
        let c = *self.clusters.get(g as usize)?;
        self.cluster_names.get(c as usize).map(|s| &**s)
    }

    pub(super) fn first(&self, g: u32) -> u32 {
        self.first.get(g as usize).copied().unwrap_or(ABSENT)
    }

    pub(super) fn last(&self, g: u32) -> u32 {
        self.last.get(g as usize).copied().unwrap_or(ABSENT)
    }

    /// The unit's name in the latest version before `version` it is in,
    /// where that is the latest but one; its name otherwise.
    pub(super) fn name_before(&self, g: u32, version: u32) -> &str {
        match self.earlier_names.get(&g) {
            Some(name) if self.last(g) == version => name,
            _ => self.name(g),
        }
    }

    /// The unit `id` of version `v`, at position `at`, added when new;
    /// returns its index, and the version it was in last and its position
    /// there ([`ABSENT`] when new).
    fn meet(
        &mut self,
        id: &str,
        name: &str,
        cluster: Option<&str>,
        v: u32,
        at: u32,
    ) -> (u32, u32, u32) {
        let cluster = match cluster {
            None => ABSENT,
            Some(c) => self.intern_cluster(c),
        };
        if let Some(g) = self.find(id) {
            let i = g as usize;
            let before = (self.last[i], self.last_at[i]);
            if *self.names[i] == *name {
                self.earlier_names.remove(&g);
            } else {
                let old = std::mem::replace(&mut self.names[i], name.into());
                self.earlier_names.insert(g, old);
            }
            self.clusters[i] = cluster;
            self.last[i] = v;
            self.last_at[i] = at;
            return (g, before.0, before.1);
        }
        let g = index(self.ids.len());
        match self.by_hash.entry(hash(id)) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(g);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collided.insert(id.into(), g);
            }
        }
        self.ids.push(id.into());
        self.names.push(name.into());
        self.clusters.push(cluster);
        self.first.push(v);
        self.last.push(v);
        self.last_at.push(at);
        (g, ABSENT, ABSENT)
    }

    fn intern_cluster(&mut self, c: &str) -> u32 {
        if let Some(&i) = self.cluster_index.get(c) {
            return i;
        }
        let i = index(self.cluster_names.len());
        self.cluster_names.push(c.into());
        self.cluster_index.insert(c.into(), i);
        i
    }

    /// Whether any unit is in a cluster.
    pub(super) fn clustered(&self) -> bool {
        self.clusters.iter().any(|&c| c != ABSENT)
    }
}

/// A unit's standing in one version, as a comparison shows it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Standing {
    pub score: Decimal,
    /// The score before it is held at 0 (see [`super::super::explain::unfloored`]).
    pub unfloored: Decimal,
    pub rank: u32,
    pub cluster_rank: Option<u32>,
    pub rating: u8,
    pub met: u32,
    pub applicable: u32,
    pub excluded: bool,
    pub by_quota: bool,
    pub by_downgrade: bool,
}

/// One version's units, by their position in its ranking: a column per
/// figure, and criteria points for the units whose first or latest
/// version this is.
#[derive(Debug, Clone, Default)]
pub(super) struct Column {
    /// Each position's unit (an index into [`Units`]).
    unit: Vec<u32>,
    score: Vec<Decimal>,
    /// The positions whose score was held at 0 from below, with the sum
    /// below 0: a few, if any.
    below_zero: Vec<(u32, Decimal)>,
    rank: Vec<u32>,
    cluster_rank: Vec<u32>,
    met: Vec<u32>,
    applicable: Vec<u32>,
    rating: Vec<u8>,
    flags: Vec<u8>,
    /// Each unit's position (by its index into [`Units`]), [`ABSENT`]
    /// where it is not in this version; set once every version is in.
    at: Vec<u32>,
    /// Criteria points as [`put_figure`] wrote them, and where each
    /// position's start ([`NOT_KEPT`] where no mover reads them).
    points: Vec<u8>,
    points_at: Vec<usize>,
    /// Bytes of `points` no position reads any more.
    dropped: usize,
    scale: u32,
    criteria: usize,
}

impl Column {
    pub(super) fn new(set: &CriteriaSet, scale: u32, units: usize) -> Self {
        Column {
            unit: Vec::with_capacity(units),
            score: Vec::with_capacity(units),
            rank: Vec::with_capacity(units),
            cluster_rank: Vec::with_capacity(units),
            met: Vec::with_capacity(units),
            applicable: Vec::with_capacity(units),
            rating: Vec::with_capacity(units),
            flags: Vec::with_capacity(units),
            points_at: Vec::with_capacity(units),
            scale,
            criteria: set.criteria.len(),
            ..Column::default()
        }
    }

    /// The positions in ranking order, each with its unit.
    pub(super) fn units(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.unit.iter().enumerate().map(|(i, &g)| (index(i), g))
    }

    pub(super) fn position(&self, g: u32) -> Option<u32> {
        self.at.get(g as usize).copied().filter(|&i| i != ABSENT)
    }

    pub(super) fn standing(&self, i: u32) -> Option<Standing> {
        let i = i as usize;
        let flags = *self.flags.get(i)?;
        let score = *self.score.get(i)?;
        let unfloored = self
            .below_zero
            .binary_search_by_key(&index(i), |&(at, _)| at)
            .ok()
            .and_then(|at| self.below_zero.get(at))
            .map_or(score, |&(_, sum)| sum);
        Some(Standing {
            score,
            unfloored,
            rank: *self.rank.get(i)?,
            cluster_rank: self.cluster_rank.get(i).copied().filter(|&r| r > 0),
            rating: *self.rating.get(i)?,
            met: *self.met.get(i)?,
            applicable: *self.applicable.get(i)?,
            excluded: flags & EXCLUDED != 0,
            by_quota: flags & BY_QUOTA != 0,
            by_downgrade: flags & BY_DOWNGRADE != 0,
        })
    }

    /// Position `i`'s criteria points into `out` (empty where none are
    /// kept), as the store decoded them.
    pub(super) fn points(&self, i: u32, out: &mut Vec<Option<Figure>>) {
        out.clear();
        let Some(&start) = self.points_at.get(i as usize).filter(|&&s| s != NOT_KEPT) else {
            return;
        };
        let mut bytes = self.points.get(start..).unwrap_or_default();
        out.extend((0..self.criteria).map(|_| take_figure(&mut bytes, self.scale)));
    }

    /// Appends unit `u` (unit `g` of the comparison) with its criteria
    /// points and how many are applicable.
    pub(super) fn push(
        &mut self,
        g: u32,
        u: &CompactUnit,
        next: Option<&super::super::explain::NextRating>,
        unfloored: Decimal,
        applicable: u32,
        criteria: &[Option<Figure>],
    ) {
        if unfloored != u.score {
            self.below_zero.push((index(self.unit.len()), unfloored));
        }
        self.unit.push(g);
        self.score.push(u.score);
        self.rank.push(u.rank);
        self.cluster_rank.push(u.cluster_rank().unwrap_or(0));
        self.met.push(u.met);
        self.applicable.push(applicable);
        self.rating.push(u.rating);
        let mut flags = if u.is_excluded() { EXCLUDED } else { 0 };
        if let Some(n) = next {
            flags |= if n.by_quota { BY_QUOTA } else { 0 };
            flags |= if n.by_downgrade { BY_DOWNGRADE } else { 0 };
        }
        self.flags.push(flags);
        self.points_at.push(self.points.len());
        for &c in criteria {
            put_figure(&mut self.points, c, self.scale);
        }
    }

    /// No mover reads position `i`'s points any more.
    fn drop_points(&mut self, i: u32) {
        let Some(start) = self.points_at.get_mut(i as usize) else {
            return;
        };
        if *start == NOT_KEPT {
            return;
        }
        let from = std::mem::replace(start, NOT_KEPT);
        let mut bytes = self.points.get(from..).unwrap_or_default();
        let before = bytes.len();
        (0..self.criteria).for_each(|_| {
            take_figure(&mut bytes, self.scale);
        });
        self.dropped += before - bytes.len();
    }

    /// Gives back the room of points no mover reads, once they are half.
    fn compact(&mut self, always: bool) {
        if self.dropped == 0 || (!always && self.dropped * 2 < self.points.len()) {
            return;
        }
        let mut kept = Vec::with_capacity(self.points.len() - self.dropped);
        for start in &mut self.points_at {
            if *start == NOT_KEPT {
                continue;
            }
            let mut bytes = self.points.get(*start..).unwrap_or_default();
            let before = bytes.len();
            (0..self.criteria).for_each(|_| {
                take_figure(&mut bytes, self.scale);
            });
            let len = before - bytes.len();
            let from = kept.len();
            kept.extend_from_slice(self.points.get(*start..*start + len).unwrap_or_default());
            *start = from;
        }
        self.points = kept;
        self.dropped = 0;
    }
}

/// Every version's column and every unit, as versions are added one at a
/// time.
#[derive(Debug, Clone, Default)]
pub(super) struct Kept {
    pub units: Units,
    pub columns: Vec<Column>,
}

impl Kept {
    /// The next unit of the version being added (the last column), by
    /// its id, name and cluster: a unit met again no longer needs its
    /// points in the version it was in last, unless that was its first.
    pub(super) fn meet(&mut self, id: &str, name: &str, cluster: Option<&str>) -> u32 {
        let Some(v) = self.columns.len().checked_sub(1) else {
            return ABSENT;
        };
        let at = index(self.columns[v].unit.len());
        let v = index(v);
        let (g, before, before_at) = self.units.meet(id, name, cluster, v, at);
        if before != ABSENT
            && before != v
            && before != self.units.first(g)
            && let Some(column) = self.columns.get_mut(before as usize)
        {
            column.drop_points(before_at);
        }
        g
    }

    /// The version just added is complete: older columns give back the
    /// room of the points they no longer need.
    pub(super) fn added(&mut self) {
        for c in &mut self.columns {
            c.compact(false);
        }
    }

    /// Every version is in: each column learns where each unit is.
    pub(super) fn finish(&mut self) {
        let units = self.units.len();
        for c in &mut self.columns {
            c.at = vec![ABSENT; units];
            for (i, &g) in c.unit.iter().enumerate() {
                if let Some(slot) = c.at.get_mut(g as usize) {
                    *slot = index(i);
                }
            }
            c.compact(true);
            c.points.shrink_to_fit();
        }
    }
}
