//! The one result store: every unit's standing and figures, compactly
//! (about 250 bytes a unit at 40 criteria instead of several kilobytes),
//! and, when the report shows them, its input values, from which the
//! engine re-scores a unit's full detail when a renderer reaches it.
//! Decimals are stored exactly (see [`put_decimal`]).

use rayon::prelude::*;
use rust_decimal::Decimal;

use super::{CriterionPoints, RankKey, Status, UnitResult, Value};

mod codes;
pub use codes::*;

/// One unit's standing, with its figures encoded in [`CompactStore`].
#[derive(Debug, Clone, PartialEq)]
pub struct CompactUnit {
    pub score: Decimal,
    /// Position in the data file (0-based); see [`CompactUnit::input_index`].
    input_index: u32,
    /// Where the texts start in the store's part.
    text: usize,
    /// Where the encoded figures start in the store's part.
    detail: usize,
    id_len: u32,
    name_len: u32,
    /// Order of arrival in its part: the row of its ranking keys there.
    slot: u32,
    /// Index into `CompactStore::clusters`; `NO_CLUSTER` when the set has none.
    cluster: u32,
    pub met: u32,
    /// Criteria not N/A.
    pub applicable: u32,
    pub gates_failed: u32,
    pub rank: u32,
    /// 0 until cluster ranks are assigned.
    cluster_rank: u32,
    /// At most 64 ratings: they fit a byte.
    pub rating: u8,
    pub rating_before_quota: u8,
    pub rating_before_downgrade: u8,
    pub tied_first: bool,
    /// Bit `d` set: downgrade `d` holds (as [`UnitResult::downgrades`]).
    pub downgrades: u64,
    /// Bit `x` set: exclusion `x` holds (as [`UnitResult::excluded`]).
    pub excluded: u64,
    /// Which part of the store holds the texts and figures.
    part: u8,
    /// Bit `r` set: the unit meets rating `r`'s own conditions.
    qualifies: u64,
}

const NO_CLUSTER: u32 = u32::MAX;

/// Units moved at a time when a second part joins the first (see
/// [`CompactEvaluation::append`]); a few in tests, so that the two-part
/// tests join parts over many slices.
const APPEND_SLICE: usize = if cfg!(test) { 7 } else { 1 << 16 };

/// Slices of this many units or more are moved on the run's pool.
/// (In tests, slices of 7 as well, so both ways are taken.)
const APPEND_IN_PARALLEL: usize = if cfg!(test) { 5 } else { 1 << 12 };

impl CompactUnit {
    pub fn is_excluded(&self) -> bool {
        self.excluded != 0
    }

    pub fn input_index(&self) -> usize {
        self.input_index as usize
    }

    pub fn cluster_rank(&self) -> Option<u32> {
        (self.cluster_rank > 0).then_some(self.cluster_rank)
    }

    pub fn set_cluster_rank(&mut self, rank: u32) {
        self.cluster_rank = rank;
    }

    /// The first rating from `from` on whose conditions the unit meets;
    /// `last` when none.
    pub fn first_qualifying(&self, from: usize, last: usize) -> usize {
        let rest = u32::try_from(from)
            .ok()
            .and_then(|from| self.qualifies.checked_shr(from))
            .unwrap_or(0);
        match rest {
            0 => last,
            bits => from + bits.trailing_zeros() as usize,
        }
    }
}

/// Texts, clusters and encoded figures of every compact unit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CompactStore {
    /// Units scored apart (two parts of one file on two threads) keep their
    /// texts and figures where they were written: joining moves nothing.
    parts: Vec<Part>,
    clusters: Vec<String>,
    /// foldhash (hashbrown's default): every unit scored looks its
    /// cluster up, and SipHash cost several times more.
    cluster_index: hashbrown::HashMap<String, u32>,
    keys_per_unit: usize,
    /// For each ranking key, its column in `keys` (`group:`/`criterion:` keys only).
    key_column: Vec<Option<usize>>,
    /// The scale decimals are stored at (the set's precision).
    scale: u32,
    /// Whether each unit's input values are kept instead of its figures:
    /// what a report that shows values, and so re-scores each unit's
    /// detail, needs (the figures come back with the detail).
    keeps_values: bool,
}

/// What a report needs the store to keep of each unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Standing and points: a ranking table (CSV).
    Points,
    /// Standing and input values, to re-score a unit's full detail (its
    /// points with it).
    Values,
}

/// What one part's units keep besides their standing.
#[derive(Debug, Clone, PartialEq, Default)]
struct Part {
    /// Each unit's id then name, back to back.
    text: String,
    /// Each unit's figures in the order a ranking row shows them (see
    /// [`EncodedFigures`]); or, when the store keeps values, its input
    /// values instead (see [`put_value`]).
    detail: Vec<u8>,
    /// `keys_per_unit` ranking-key points per unit, by slot.
    keys: Vec<Decimal>,
    /// Units written so far: the next one's slot.
    units: u32,
}

impl CompactStore {
    /// The index of cluster `c`, added when new.
    fn intern_cluster(&mut self, c: &str) -> u32 {
        if let Some(&i) = self.cluster_index.get(c) {
            return i;
        }
        let i = u32::try_from(self.clusters.len()).unwrap_or(NO_CLUSTER);
        self.clusters.push(c.to_string());
        self.cluster_index.insert(c.to_string(), i);
        i
    }

    fn part(&self, u: &CompactUnit) -> Option<&Part> {
        self.parts.get(usize::from(u.part))
    }

    /// The part new units go to (the last).
    fn writing(&mut self) -> &mut Part {
        if self.parts.is_empty() {
            self.parts.push(Part::default());
        }
        let last = self.parts.len() - 1;
        &mut self.parts[last]
    }

    /// Reads the first and last byte of the unit's texts and of every
    /// cache line its figures may take (they take about 70 bytes). Units
    /// in rank order lie at random places in memory: touching a batch of
    /// them first lets their cache misses overlap instead of taking turns.
    pub fn touch(&self, u: &CompactUnit) -> u8 {
        self.part(u).map_or(0, |p| {
            let text_end = u.text + (u.id_len + u.name_len) as usize;
            let byte = |bytes: &[u8], at: usize| bytes.get(at).copied().unwrap_or(0);
            let text = p.text.as_bytes();
            let figures = (0..=2).fold(0, |x, line| x ^ byte(&p.detail, u.detail + 63 * line));
            byte(text, u.text) ^ byte(text, text_end.saturating_sub(1)) ^ figures
        })
    }

    pub fn id(&self, u: &CompactUnit) -> &str {
        self.part(u)
            .and_then(|p| p.text.get(u.text..u.text + u.id_len as usize))
            .unwrap_or_default()
    }

    pub fn name(&self, u: &CompactUnit) -> &str {
        let start = u.text + u.id_len as usize;
        self.part(u)
            .and_then(|p| p.text.get(start..start + u.name_len as usize))
            .unwrap_or_default()
    }

    pub fn cluster(&self, u: &CompactUnit) -> Option<&str> {
        self.clusters.get(u.cluster as usize).map(String::as_str)
    }

    /// The unit's cluster as a number below [`CompactStore::clusters`],
    /// the same for every unit of that cluster; `None` when the set has
    /// none. What a pass over every unit groups by, instead of hashing
    /// each unit's cluster name.
    pub fn cluster_number(&self, u: &CompactUnit) -> Option<usize> {
        (u.cluster != NO_CLUSTER).then_some(u.cluster as usize)
    }

    /// The unit's slot in a tally per cluster of `clusters() + 1` slots:
    /// its cluster's number, or the last slot for a unit without one.
    pub fn cluster_slot(&self, u: &CompactUnit) -> usize {
        let without = self.clusters();
        self.cluster_number(u).map_or(without, |c| c.min(without))
    }

    /// How many clusters the units are in.
    pub fn clusters(&self) -> usize {
        self.clusters.len()
    }

    /// The scale decimals are stored at: figures decoded from this store
    /// are whole numbers of `10^-scale` (see [`put_figure`]).
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// The points the unit's `position`-th ranking key reads.
    pub fn key(&self, u: &CompactUnit, position: usize) -> Decimal {
        self.key_column
            .get(position)
            .copied()
            .flatten()
            .and_then(|column| {
                self.part(u)?
                    .keys
                    .get(u.slot as usize * self.keys_per_unit + column)
            })
            .copied()
            .unwrap_or_default()
    }
}

/// Every unit, compact; in rank order once ranked.
#[derive(Debug, Clone, PartialEq)]
pub struct CompactEvaluation {
    pub full_max: Decimal,
    pub units: Vec<CompactUnit>,
    pub store: CompactStore,
    /// The scopes' reference values the units were scored against (none
    /// for a set that scores each unit on its own row): a unit re-scored
    /// from the store must meet the same ones.
    pub references: super::References,
    /// How a unit's full result is re-scored from what the store keeps.
    pub(super) rescorer: super::Rescorer,
}

/// One figure of a ranking row (points, a group's sum, a total), exact and
/// cheap to copy and to write: as the compact store keeps it, an integer
/// count of `10^-scale` (nearly all), or a decimal.
#[derive(Debug, Clone, Copy)]
pub enum Figure {
    Scaled { mantissa: i64, scale: u32 },
    Decimal(Decimal),
}

impl Figure {
    /// `d` as a figure of the same value at the same scale: scaled when its
    /// mantissa fits 64 bits (nearly always), the decimal otherwise.
    pub fn of(d: Decimal) -> Figure {
        match i64::try_from(d.mantissa()) {
            Ok(mantissa) => Figure::Scaled {
                mantissa,
                scale: d.scale(),
            },
            Err(_) => Figure::Decimal(d),
        }
    }

    pub fn to_decimal(self) -> Decimal {
        match self {
            Figure::Scaled { mantissa, scale } => {
                Decimal::try_new(mantissa, scale).unwrap_or(Decimal::MAX)
            }
            Figure::Decimal(d) => d,
        }
    }
}

impl Default for Figure {
    fn default() -> Self {
        Figure::Decimal(Decimal::ZERO)
    }
}

/// Figures are equal when their values are (`2.5` and `2.50` are).
impl PartialEq for Figure {
    fn eq(&self, other: &Self) -> bool {
        self.to_decimal() == other.to_decimal()
    }
}

impl From<Decimal> for Figure {
    fn from(d: Decimal) -> Self {
        Figure::Decimal(d)
    }
}

/// One unit's figures as a ranking table shows them, decoded into
/// reusable buffers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    /// Indexed like `CriteriaSet::groups`.
    pub groups: Vec<Figure>,
    pub earned: Figure,
    pub base: Figure,
    pub bonus: Figure,
    pub deductions: Figure,
    /// Criteria not N/A.
    pub applicable: u32,
    /// Indexed like `CriteriaSet::criteria`; `None` for N/A.
    pub criteria: Vec<Option<Figure>>,
    /// Indexes into `CriteriaSet::gates`.
    pub failed_gates: Vec<usize>,
    /// Indexes into `CriteriaSet::criteria`: blank values counted 0.
    pub missing: Vec<usize>,
}

impl Figures {
    pub fn fill_from(&mut self, u: &UnitResult) {
        self.groups.clear();
        self.groups
            .extend(u.groups.iter().map(|&g| Figure::from(g)));
        self.earned = u.earned.into();
        self.base = u.base.into();
        self.bonus = u.bonus.into();
        self.deductions = u.deductions.into();
        self.applicable = u.applicable;
        self.criteria.clear();
        self.criteria
            .extend(u.criteria.iter().map(|c| match c.status {
                Status::NotApplicable => None,
                _ => Some(c.points.into()),
            }));
        self.failed_gates.clear();
        self.failed_gates.extend(u.gates_failed());
        self.missing.clear();
        self.missing
            .extend(missing_criteria(&u.criteria, |c| c.status));
    }
}

/// The positions of the criteria whose value was blank and counted 0.
pub fn missing_criteria<C>(
    criteria: &[C],
    status: impl Fn(&C) -> Status,
) -> impl Iterator<Item = usize> {
    criteria
        .iter()
        .enumerate()
        .filter(move |(_, c)| status(c) == Status::Missing)
        .map(|(i, _)| i)
}

impl CompactEvaluation {
    /// An empty evaluation for a set ranking on `ranking`; decimals are
    /// stored compactly when they have at most `scale` decimal places;
    /// readers get each unit in full from `rescorer`.
    pub fn new(
        full_max: Decimal,
        ranking: &[RankKey],
        scale: u32,
        keep: Keep,
        rescorer: super::Rescorer,
    ) -> Self {
        let mut columns = 0;
        let key_column = ranking
            .iter()
            .map(|k| match k {
                RankKey::Group(_) | RankKey::Criterion(_) => {
                    columns += 1;
                    Some(columns - 1)
                }
                RankKey::Score | RankKey::Met | RankKey::Gates => None,
            })
            .collect();
        CompactEvaluation {
            full_max,
            units: Vec::new(),
            references: super::References::default(),
            rescorer,
            store: CompactStore {
                keys_per_unit: columns,
                key_column,
                scale,
                keeps_values: keep == Keep::Values,
                ..CompactStore::default()
            },
        }
    }

    /// Keeps what a ranking needs of a scored unit: `qualifies` has bit `r`
    /// set when it meets rating `r`'s conditions. `criteria` are its
    /// criterion points (the scorer of a ranking leaves `u.criteria`
    /// empty), their `scaled` at the store's scale. `values` are the
    /// unit's inputs, kept when the store keeps values.
    pub fn push(
        &mut self,
        u: &UnitResult,
        criteria: &[CriterionPoints],
        values: &[Value],
        ranking: &[RankKey],
        qualifies: u64,
    ) {
        let store = &mut self.store;
        let cluster = match &u.cluster {
            None => NO_CLUSTER,
            Some(c) => store.intern_cluster(c),
        };
        let scale = store.scale;
        let keeps_values = store.keeps_values;
        let part_index = u8::try_from(store.parts.len().saturating_sub(1)).unwrap_or(u8::MAX);
        let part = store.writing();
        let slot = part.units;
        part.units = part.units.saturating_add(1);
        let text = part.text.len();
        part.text.push_str(&u.id);
        part.text.push_str(&u.name);
        let detail = part.detail.len();
        let out = &mut part.detail;
        let failed = u.gates_failed_count();
        if keeps_values {
            values.iter().for_each(|v| put_value(out, v));
        }
        if !keeps_values {
            // The layout [`EncodedFigures`] reads.
            for &g in &u.groups {
                put_decimal(out, Some(g), scale);
            }
            for d in [u.earned, u.base, u.bonus, u.deductions] {
                put_decimal(out, Some(d), scale);
            }
            put_indexes(out, failed, u.gates_failed());
            let mut missing = 0;
            for c in criteria {
                match (c.status, c.scaled) {
                    (Status::NotApplicable, _) => put_na(out),
                    (_, Some(m)) => put_known(out, Some(m), c.points),
                    (_, None) => put_decimal(out, Some(c.points), scale),
                }
                missing += usize::from(c.status == Status::Missing);
            }
            put_indexes(out, missing, missing_criteria(criteria, |c| c.status));
        }
        part.keys.extend(ranking.iter().filter_map(|k| match *k {
            RankKey::Group(g) => u.groups.get(g).copied(),
            RankKey::Criterion(c) => criteria.get(c.position()).map(|c| c.points),
            RankKey::Score | RankKey::Met | RankKey::Gates => None,
        }));
        self.units.push(CompactUnit {
            score: u.score,
            // Four billion units would not fit in memory anyway.
            input_index: u32::try_from(u.input_index).unwrap_or(u32::MAX),
            text,
            detail,
            id_len: u32::try_from(u.id.len()).unwrap_or(u32::MAX),
            name_len: u32::try_from(u.name.len()).unwrap_or(u32::MAX),
            slot,
            cluster,
            met: u.met,
            applicable: u.applicable,
            gates_failed: u32::try_from(failed).unwrap_or(u32::MAX),
            rank: 0,
            cluster_rank: 0,
            rating: 0,
            rating_before_quota: 0,
            rating_before_downgrade: 0,
            tied_first: false,
            downgrades: u.downgrades,
            excluded: u.excluded,
            part: part_index,
            qualifies,
        });
    }

    /// Makes room for `units` more units with `text` bytes of ids and names,
    /// each with `figures` figures, so that appending a second part later
    /// moves nothing. Room not used is never touched, so it costs address
    /// space, not memory.
    pub fn reserve(&mut self, units: usize, text: usize, figures: usize) {
        self.units.reserve_exact(units);
        let keys = units.saturating_mul(self.store.keys_per_unit);
        let part = self.store.writing();
        part.text.reserve_exact(text);
        // Points take two bytes each (gates' indexes, fewer).
        part.detail.reserve_exact(units.saturating_mul(figures * 3));
        part.keys.reserve_exact(keys);
    }

    /// Moves `other`'s units (of the same set, not yet ranked) after these,
    /// their file positions shifted by `index_offset`: the second part of a
    /// file scored apart joins the first. Its texts and figures stay where
    /// they are, as parts of this store.
    pub fn append(&mut self, other: CompactEvaluation, index_offset: usize) {
        let store = &mut self.store;
        let clusters: Vec<u32> = other
            .store
            .clusters
            .iter()
            .map(|c| store.intern_cluster(c))
            .collect();
        let first_part = store.parts.len();
        store.parts.extend(other.store.parts);
        let shift = u32::try_from(index_offset).unwrap_or(u32::MAX);
        let part = |p: u8| u8::try_from(first_part + usize::from(p)).unwrap_or(u8::MAX);
        let moved = |u: CompactUnit| CompactUnit {
            input_index: u.input_index.saturating_add(shift),
            part: part(u.part),
            cluster: clusters
                .get(u.cluster as usize)
                .copied()
                .unwrap_or(NO_CLUSTER),
            ..u
        };
        // The units come over a slice at a time from the end, the room of
        // each slice given back as it goes, so that both lists are never
        // whole in memory at once; reversed once over, they keep the
        // file's order.
        // Large ones on the run's pool: the copy is mostly the first
        // touch of the room reserved for them.
        let start = self.units.len();
        let mut theirs = other.units;
        while !theirs.is_empty() {
            let from = theirs.len().saturating_sub(APPEND_SLICE);
            if theirs.len() - from < APPEND_IN_PARALLEL {
                self.units.extend(theirs.drain(from..).rev().map(&moved));
            } else {
                self.units
                    .par_extend(theirs.par_drain(from..).rev().map(&moved));
            }
            theirs.shrink_to_fit();
        }
        if let Some(appended) = self.units.get_mut(start..) {
            if appended.len() < APPEND_IN_PARALLEL {
                appended.reverse();
            } else {
                let (front, back) = appended.split_at_mut(appended.len() / 2);
                front
                    .par_iter_mut()
                    .zip(back.par_iter_mut().rev())
                    .for_each(|(a, b)| std::mem::swap(a, b));
            }
        }
    }

    /// Whether the store keeps input values ([`Keep::Values`]).
    pub fn keeps_values(&self) -> bool {
        self.store.keeps_values
    }

    /// Decodes one unit's `inputs` input values into `values`; a store that
    /// keeps points leaves `values` empty.
    pub fn values(&self, u: &CompactUnit, inputs: usize, values: &mut Vec<Value>) {
        values.clear();
        if !self.store.keeps_values {
            return;
        }
        let mut bytes = self
            .store
            .part(u)
            .and_then(|p| p.detail.get(u.detail..))
            .unwrap_or_default();
        values.extend((0..inputs).map(|_| take_value(&mut bytes)));
    }

    /// Decodes one unit's figures from a store that keeps points;
    /// `groups` and `criteria` are how many the set has. A store that keeps
    /// values has none: its units' figures come with their re-scored detail
    /// (`engine::compact::Detail::figures`).
    pub fn figures(&self, u: &CompactUnit, groups: usize, criteria: usize, out: &mut Figures) {
        let figures = self.encoded_figures(u).unwrap_or_default();
        out.read(figures, groups, criteria);
        out.applicable = u.applicable;
    }

    /// Unit `u`'s figures as the store encoded them, to be read in order;
    /// `None` when the store keeps values instead.
    pub fn encoded_figures(&self, u: &CompactUnit) -> Option<EncodedFigures<'_>> {
        if self.store.keeps_values {
            return None;
        }
        let bytes = self
            .store
            .part(u)
            .and_then(|p| p.detail.get(u.detail..))
            .unwrap_or_default();
        Some(EncodedFigures::new(bytes, self.store.scale))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round_trip(d: Option<Decimal>, scale: u32) -> (Option<Decimal>, usize) {
        let mut out = Vec::new();
        put_decimal(&mut out, d, scale);
        let len = out.len();
        let mut bytes = out.as_slice();
        let back = take_figure(&mut bytes, scale).map(Figure::to_decimal);
        assert!(bytes.is_empty(), "every byte read");
        (back, len)
    }

    #[test]
    fn points_take_two_bytes() {
        let d = |s: &str| s.parse::<Decimal>().expect("literal");
        assert_eq!(round_trip(Some(d("0")), 2), (Some(d("0")), 2));
        assert_eq!(round_trip(Some(d("2.67")), 2), (Some(d("2.67")), 2));
        assert_eq!(round_trip(Some(d("102.53")), 2), (Some(d("102.53")), 2));
        assert_eq!(round_trip(Some(d("655.32")), 2), (Some(d("655.32")), 2));
        assert_eq!(round_trip(None, 2), (None, 2));
        // Below zero or past the short range: a few bytes more.
        assert_eq!(round_trip(Some(d("-0.5")), 2), (Some(d("-0.5")), 3));
        assert_eq!(round_trip(Some(d("655.33")), 2), (Some(d("655.33")), 5));
    }

    /// A figure comes back with its value and its scale (a comparison
    /// shows a criterion's points as the store decoded them).
    #[test]
    fn figures_come_back_at_their_scale() {
        let d = |s: &str| s.parse::<Decimal>().expect("literal");
        let figures = [
            None,
            Some(Figure::Scaled {
                mantissa: 250,
                scale: 2,
            }),
            Some(Figure::Scaled {
                mantissa: -7,
                scale: 2,
            }),
            Some(Figure::Scaled {
                mantissa: 1 << 62,
                scale: 2,
            }),
            Some(Figure::Scaled {
                mantissa: 25,
                scale: 1,
            }),
            Some(Figure::Decimal(d("2.5"))),
            Some(Figure::Decimal(d("0.125"))),
            Some(Figure::Decimal(d("0.10"))),
            Some(Figure::Decimal(Decimal::MAX)),
        ];
        let mut out = Vec::new();
        figures.iter().for_each(|&f| put_figure(&mut out, f, 2));
        let mut bytes = out.as_slice();
        for f in figures {
            let back = take_figure(&mut bytes, 2).map(Figure::to_decimal);
            let want = f.map(Figure::to_decimal);
            assert_eq!(back, want);
            assert_eq!(back.map(|b| b.scale()), want.map(|w| w.scale()), "{f:?}");
        }
        assert!(bytes.is_empty(), "every byte read");
        // Points at the store's scale are short, whichever way they came.
        assert_eq!(out.len(), 2 + 2 + 3 + 18 + 18 + 18 + 18 + 2 + 18, "{out:?}");
    }

    #[test]
    fn what_does_not_fit_is_kept_whole() {
        let d = |s: &str| s.parse::<Decimal>().expect("literal");
        // More places than the scale, and beyond 62 bits once scaled.
        assert_eq!(round_trip(Some(d("0.125")), 2), (Some(d("0.125")), 18));
        assert_eq!(round_trip(Some(Decimal::MAX), 2), (Some(Decimal::MAX), 18));
        assert_eq!(round_trip(Some(Decimal::MIN), 0), (Some(Decimal::MIN), 18));
        let big = d("1000000000000000");
        assert_eq!(round_trip(Some(big), 10), (Some(big), 18));
    }

    #[test]
    fn qualifying_ratings_come_from_the_mask() {
        let set = crate::load::criteria::parse_criteria(
            "t.toml",
            "format = 1\n[set]\nid = \"t\"\ntitle = \"T\"\n[columns]\nid = \"ma\"\nname = \"ten\"\n\
             [[criteria]]\nid = \"K\"\ntitle = \"k\"\nindicator = \"x\"\nrule = \"yes\"\n\
             [[ratings]]\nid = \"R\"\ntitle = \"r\"\n",
        )
        .expect("a valid set");
        let record = crate::model::UnitRecord {
            id: "a".into(),
            name: "b".into(),
            cluster: None,
            values: vec![crate::model::Value::YesNo(true)],
        };
        let mut scorer = crate::engine::score::Scorer::new(&set);
        let r = scorer.score(0, record.view()).expect("scores");
        let mut u = CompactEvaluation::new(
            Decimal::ONE_HUNDRED,
            &[],
            2,
            Keep::Points,
            crate::engine::compact::RESCORER,
        );
        u.push(r, &r.criterion_points(), &[], &[], 0b1010);
        let unit = &u.units[0];
        assert_eq!(unit.first_qualifying(0, 3), 1);
        assert_eq!(unit.first_qualifying(2, 3), 3);
        assert_eq!(unit.first_qualifying(4, 3), 3);
        assert_eq!(unit.first_qualifying(64, 3), 3);
        assert_eq!(u.store.id(unit), "a");
        assert_eq!(u.store.name(unit), "b");
    }

    #[test]
    fn counts_take_a_byte_and_short_numbers_a_few() {
        let bytes = |v: Value| {
            let mut out = Vec::new();
            put_value(&mut out, &v);
            let back = take_value(&mut out.as_slice());
            assert_eq!(back, v);
            out.len()
        };
        let d = |s: &str| Value::Number(s.parse::<Decimal>().expect("literal"));
        assert_eq!(bytes(d("0")), 1);
        assert_eq!(bytes(d("218")), 1);
        // The largest count a byte holds, and the first that needs more.
        assert_eq!(bytes(d("219")), 3);
        assert_eq!(bytes(d("4.0")), 2);
        assert_eq!(bytes(d("98.8")), 3);
        assert_eq!(bytes(d("-3")), 2);
        assert_eq!(bytes(d("0.0000000000000000000000000001")), 2);
    }

    fn value_strategy() -> impl Strategy<Value = Value> {
        let decimal = (any::<i64>(), any::<u32>(), 0u32..=28, any::<bool>()).prop_map(
            |(m, hi, scale, negative)| {
                let d = Decimal::from_i128_with_scale(
                    (i128::from(hi) << 64) | i128::from(m.cast_unsigned()),
                    scale,
                );
                if negative { -d } else { d }
            },
        );
        prop_oneof![
            Just(Value::NotApplicable),
            Just(Value::Missing),
            any::<bool>().prop_map(Value::YesNo),
            any::<u32>().prop_map(Value::Label),
            (-1_000_000i64..1_000_000, 0u32..6)
                .prop_map(|(m, s)| Value::Number(Decimal::new(m, s))),
            decimal.clone().prop_map(Value::Number),
            (decimal.clone(), decimal).prop_map(|(num, den)| Value::Fraction { num, den }),
        ]
    }

    fn figure_strategy() -> impl Strategy<Value = Figure> {
        prop_oneof![
            (-20_000i64..20_000, 0u32..4)
                .prop_map(|(mantissa, scale)| Figure::Scaled { mantissa, scale }),
            (any::<i64>(), 0u32..=28)
                .prop_map(|(mantissa, scale)| Figure::Scaled { mantissa, scale }),
            (any::<i64>(), 0u32..=28)
                .prop_map(|(m, scale)| Figure::Decimal(Decimal::new(m, scale))),
        ]
    }

    fn figures_strategy() -> impl Strategy<Value = Figures> {
        (
            prop::collection::vec(figure_strategy(), 0..6),
            prop::array::uniform4(figure_strategy()),
            prop::collection::vec(prop::option::of(figure_strategy()), 0..12),
            prop::collection::vec(0usize..300, 0..4),
            prop::collection::vec(0usize..300, 0..4),
        )
            .prop_map(
                |(groups, [earned, base, bonus, deductions], criteria, failed_gates, missing)| {
                    Figures {
                        groups,
                        earned,
                        base,
                        bonus,
                        deductions,
                        applicable: 0,
                        criteria,
                        failed_gates,
                        missing,
                    }
                },
            )
    }

    proptest! {
        /// Figures encoded in the store's layout read back the same, in
        /// order, whatever their scale, and nothing is left over.
        #[test]
        fn encoded_figures_read_back(figures in figures_strategy(), scale in 0u32..4) {
            let mut bytes = Vec::new();
            figures.encode(&mut bytes, scale);
            let mut back = Figures::default();
            back.read(
                EncodedFigures::new(&bytes, scale),
                figures.groups.len(),
                figures.criteria.len(),
            );
            prop_assert_eq!(&back, &figures);
            let mut reader = EncodedFigures::new(&bytes, scale);
            for _ in 0..figures.groups.len() + 4 {
                reader.next_figure();
            }
            prop_assert_eq!(reader.gates().count(), figures.failed_gates.len());
            for _ in 0..figures.criteria.len() {
                reader.next_figure();
            }
            prop_assert_eq!(reader.missing().collect::<Vec<_>>(), figures.missing.clone());
            prop_assert!(reader.is_exhausted());
        }

        /// Every input value comes back as it went in, its scale included,
        /// and the values after it are read where they start.
        #[test]
        fn every_value_survives(values in prop::collection::vec(value_strategy(), 0..8)) {
            let mut out = Vec::new();
            values.iter().for_each(|v| put_value(&mut out, v));
            let mut bytes = out.as_slice();
            let back: Vec<Value> = values.iter().map(|_| take_value(&mut bytes)).collect();
            prop_assert!(bytes.is_empty());
            for (a, b) in back.iter().zip(&values) {
                prop_assert_eq!(a, b);
                if let (Value::Number(x), Value::Number(y)) = (a, b) {
                    prop_assert_eq!(x.scale(), y.scale());
                }
            }
        }

        /// Points handed over as a whole number at the store's scale are
        /// stored byte for byte as their decimal would be.
        #[test]
        fn scaled_points_are_stored_as_their_decimal(
            k in any::<i64>(), places in 0u32..=6, extra in 0u32..=6,
        ) {
            let scale = places + extra;
            let d = Decimal::new(k, places);
            if let Some(m) = k.checked_mul(10i64.pow(extra)) {
                let (mut scaled, mut whole) = (Vec::new(), Vec::new());
                put_known(&mut scaled, Some(m), d);
                put_decimal(&mut whole, Some(d), scale);
                prop_assert_eq!(scaled, whole);
            }
        }

        #[test]
        fn every_decimal_survives(m in any::<i64>(), hi in any::<u32>(), scale in 0u32..=28, at in 0u32..=10, na in any::<bool>()) {
            let d = Decimal::from_i128_with_scale((i128::from(hi) << 64) | i128::from(m.unsigned_abs()), scale);
            let d = if m < 0 { -d } else { d };
            let input = (!na).then_some(d);
            let (back, _) = round_trip(input, at);
            prop_assert_eq!(back, input);
            // Equal values, and the same scale when stored whole.
            if let (Some(a), Some(b)) = (back, input) {
                prop_assert_eq!(a.normalize().to_string(), b.normalize().to_string());
            }
        }
    }
}
