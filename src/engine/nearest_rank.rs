//! One nearest-rank order statistic of many whole numbers (the `k`-th
//! smallest), found exactly in memory that does not grow with how many
//! there are. The numbers are seen in passes that repeat them (the runs of
//! a sensitivity analysis are drawn from a seed): a pass counts the
//! numbers in the range still open, one by one while they are few, or in
//! a grid of equal buckets once they are many, and either finds the
//! wanted one or narrows the range for the next pass.

/// How much a count may hold, in bytes: numbers counted one by one take
/// 8 each, a grid's buckets 4 each, so a count of this size holds
/// `bytes / 8` numbers or twice as many buckets. Each pass that needs a
/// grid narrows the range that many times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Room {
    distinct: u32,
    buckets: u32,
}

impl Room {
    /// Fewer numbers than this are never a grid's worth.
    const LEAST: u32 = 16;
    /// More buckets than this narrow no faster than the passes they save.
    const MOST: u32 = 8192;

    /// `total` bytes shared by `counts` counts; never less than
    /// [`Room::LEAST`] numbers, whatever `total`.
    pub(super) fn share(total: usize, counts: usize) -> Room {
        // A list holds one number more than its room before it is a grid.
        let each = u32::try_from((total / counts.max(1) / 8).saturating_sub(1)).unwrap_or(u32::MAX);
        let distinct = each.clamp(Room::LEAST, Room::MOST / 2);
        Room {
            distinct,
            buckets: distinct * 2,
        }
    }

    /// The bytes one count holds at most.
    #[cfg(test)]
    fn bytes(self) -> usize {
        (self.distinct as usize + 1) * 8
    }
}

/// Where a pass seeks the wanted number: the `k`-th smallest (from 1) of
/// the numbers in `lo..=hi`, with the room its count has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Window {
    k: u64,
    lo: u32,
    hi: u32,
    room: Room,
}

/// What a pass made of the wanted number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Found {
    /// The number itself.
    Exactly(u32),
    /// It lies in this window: another pass finds it.
    Within(Window),
    /// Fewer than `k` numbers were seen.
    Nothing,
}

impl Window {
    /// The `k`-th smallest of numbers in `lo..=hi`, counted in `room`.
    pub(super) fn new(k: u64, lo: u32, hi: u32, room: Room) -> Window {
        Window { k, lo, hi, room }
    }

    pub(super) fn holds(&self, n: u32) -> bool {
        (self.lo..=self.hi).contains(&n)
    }

    /// How many numbers a grid's bucket spans, so that the room's buckets
    /// cover the window.
    fn bucket_width(&self) -> u64 {
        self.span().div_ceil(u64::from(self.room.buckets)).max(1)
    }

    fn too_many(&self, distinct: usize) -> bool {
        distinct > self.room.distinct as usize
    }

    fn span(&self) -> u64 {
        u64::from(self.hi.saturating_sub(self.lo)) + 1
    }

    /// The bucket of `n`, which the window holds.
    fn bucket(&self, n: u32) -> usize {
        debug_assert!(self.holds(n), "{n} outside {self:?}");
        usize::try_from(u64::from(n - self.lo) / self.bucket_width()).unwrap_or(usize::MAX)
    }

    fn buckets(&self) -> usize {
        usize::try_from(self.span().div_ceil(self.bucket_width())).unwrap_or(0)
    }
}

/// The numbers one pass saw within a window: at most as many as its
/// [`Room`] holds counted one by one, or its buckets, whatever their number.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Count {
    /// Each number with how often it was seen, ascending; only the
    /// smallest that hold `k` of them are kept (no larger one can be the
    /// `k`-th smallest).
    Each(Vec<(u32, u32)>),
    /// How many fell in each of the window's equal buckets, in order.
    Grid(Vec<u32>),
}

impl Default for Count {
    fn default() -> Self {
        Count::Each(Vec::new())
    }
}

impl Count {
    /// Counts `n`, which `window` holds.
    pub(super) fn add(&mut self, n: u32, window: &Window) {
        match self {
            Count::Each(each) => {
                add_smallest(each, n, 1, window.k, window.room.distinct as usize + 1);
                if window.too_many(each.len()) {
                    self.grid(window);
                }
            }
            Count::Grid(grid) => {
                if let Some(c) = grid.get_mut(window.bucket(n)) {
                    *c = c.saturating_add(1);
                }
            }
        }
    }

    /// Takes in what `other` counted over the same window.
    pub(super) fn merge(&mut self, other: &Count, window: &Window) {
        match (&mut *self, other) {
            (Count::Each(mine), Count::Each(theirs)) => {
                merge_sorted(mine, theirs);
                trim_largest(mine, window.k);
                if window.too_many(mine.len()) {
                    self.grid(window);
                }
            }
            (Count::Grid(mine), Count::Grid(theirs)) => {
                for (m, t) in mine.iter_mut().zip(theirs) {
                    *m = m.saturating_add(*t);
                }
            }
            (Count::Grid(mine), Count::Each(theirs)) => {
                for &(n, c) in theirs {
                    if let Some(m) = mine.get_mut(window.bucket(n)) {
                        *m = m.saturating_add(c);
                    }
                }
            }
            (Count::Each(_), Count::Grid(_)) => {
                self.grid(window);
                self.merge(other, window);
            }
        }
    }

    /// Turns the numbers counted one by one into bucket counts. Those the
    /// list dropped were each above `k` numbers kept, so the buckets up to
    /// the `k`-th smallest count exactly what was seen.
    fn grid(&mut self, window: &Window) {
        if let Count::Each(each) = self {
            let mut grid = vec![0u32; window.buckets()];
            for &(n, c) in each.iter() {
                if let Some(b) = grid.get_mut(window.bucket(n)) {
                    *b = b.saturating_add(c);
                }
            }
            *self = Count::Grid(grid);
        }
    }

    /// The wanted number, or the narrower window it lies in.
    pub(super) fn found(&self, window: &Window) -> Found {
        match self {
            Count::Each(each) => {
                let mut seen = 0u64;
                each.iter()
                    .find_map(|&(n, c)| {
                        seen += u64::from(c);
                        (seen >= window.k).then_some(Found::Exactly(n))
                    })
                    .unwrap_or(Found::Nothing)
            }
            Count::Grid(grid) => {
                let width = window.bucket_width();
                let mut before = 0u64;
                for (b, &c) in grid.iter().enumerate() {
                    let through = before + u64::from(c);
                    if through >= window.k {
                        let lo = u64::from(window.lo) + b as u64 * width;
                        let hi = (lo + width - 1).min(u64::from(window.hi));
                        let (Ok(lo), Ok(hi)) = (u32::try_from(lo), u32::try_from(hi)) else {
                            return Found::Nothing;
                        };
                        return if lo == hi {
                            Found::Exactly(lo)
                        } else {
                            Found::Within(Window {
                                k: window.k - before,
                                lo,
                                hi,
                                room: window.room,
                            })
                        };
                    }
                    before = through;
                }
                Found::Nothing
            }
        }
    }

    /// How many numbers (or buckets) it holds: what its memory grows with.
    #[cfg(test)]
    fn len(&self) -> usize {
        match self {
            Count::Each(each) => each.len(),
            Count::Grid(grid) => grid.len(),
        }
    }
}

/// Adds `count` of `n` to the smallest numbers that hold `keep` of them:
/// a number above them once they do is one the `keep`-th smallest never is.
/// The list never has room for more than `most`.
fn add_smallest(each: &mut Vec<(u32, u32)>, n: u32, count: u32, keep: u64, most: usize) {
    if each.last().is_some_and(|&(m, _)| n > m) && total(each) >= keep {
        return;
    }
    match each.binary_search_by_key(&n, |&(m, _)| m) {
        Ok(i) => each[i].1 = each[i].1.saturating_add(count),
        Err(i) => {
            // Grown by a few, not doubled: these lists are many and short,
            // and their spare room would be much of them.
            if each.len() == each.capacity() {
                let more = (each.len() / 4).max(2).min(most.saturating_sub(each.len()));
                each.reserve_exact(more.max(1));
            }
            each.insert(i, (n, count));
        }
    }
    trim_largest(each, keep);
}

fn total(each: &[(u32, u32)]) -> u64 {
    each.iter().map(|&(_, c)| u64::from(c)).sum()
}

/// Drops the largest numbers the smallest `keep` do not reach.
fn trim_largest(each: &mut Vec<(u32, u32)>, keep: u64) {
    let mut total = total(each);
    while let Some(&(_, c)) = each.last()
        && total - u64::from(c) >= keep
    {
        each.pop();
        total -= u64::from(c);
    }
}

/// `mine` and `theirs`, both ascending, as one ascending list.
fn merge_sorted(mine: &mut Vec<(u32, u32)>, theirs: &[(u32, u32)]) {
    if theirs.is_empty() {
        return;
    }
    let mut merged = Vec::with_capacity(mine.len() + theirs.len());
    let (mut a, mut b) = (mine.iter().peekable(), theirs.iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(&&x), Some(&&y)) if x.0 == y.0 => {
                a.next();
                b.next();
                (x.0, x.1.saturating_add(y.1))
            }
            (Some(&&x), Some(&&y)) if x.0 < y.0 => {
                a.next();
                x
            }
            (_, Some(&&y)) => {
                b.next();
                y
            }
            (Some(&&x), None) => {
                a.next();
                x
            }
            (None, None) => break,
        };
        merged.push(next);
    }
    // Merged lists are many and stay: no spare room.
    merged.shrink_to_fit();
    *mine = merged;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// 64 numbers one by one, or 128 buckets.
    const ROOM: Room = Room {
        distinct: 64,
        buckets: 128,
    };

    /// The `k`-th smallest of `numbers` in `0..=max`, found in passes over
    /// them, each pass's numbers shared out in `shares` counts that are
    /// merged; with how many passes it took and the largest count held.
    fn select(numbers: &[u32], k: u64, max: u32, shares: usize) -> (Option<u32>, usize, usize) {
        let mut window = Window::new(k, 0, max, ROOM);
        let (mut passes, mut largest) = (0, 0);
        loop {
            passes += 1;
            let shares = shares.max(1);
            let mut counts = vec![Count::default(); shares];
            for (i, &n) in numbers.iter().enumerate() {
                if window.holds(n) {
                    counts[i % shares].add(n, &window);
                }
            }
            largest = counts.iter().map(Count::len).fold(largest, usize::max);
            let (first, rest) = counts.split_first_mut().expect("one share at least");
            for other in rest.iter() {
                first.merge(other, &window);
            }
            largest = largest.max(first.len());
            match first.found(&window) {
                Found::Exactly(n) => return (Some(n), passes, largest),
                Found::Nothing => return (None, passes, largest),
                Found::Within(narrower) => window = narrower,
            }
        }
    }

    #[test]
    fn room_is_shared_out_within_bounds() {
        // 64 MiB over 40,000 counts: 1,677 bytes each, 208 numbers (and
        // one more before it is a grid), or 416 buckets.
        let room = Room::share(64 << 20, 40_000);
        assert_eq!(
            room,
            Room {
                distinct: 208,
                buckets: 416
            }
        );
        assert!(room.bytes() * 40_000 <= 64 << 20);
        // Never fewer than 16 numbers, nor more than 4096.
        assert_eq!(Room::share(64 << 20, 4_000_000).distinct, Room::LEAST);
        assert_eq!(Room::share(64 << 20, 1).distinct, Room::MOST / 2);
        assert_eq!(Room::share(1 << 20, 0).buckets, Room::MOST);
    }

    #[test]
    fn few_numbers_are_found_in_one_pass() {
        let numbers = [7, 1, 1, 2, 9, 1, 2];
        for (k, expected) in [(1, 1), (3, 1), (4, 2), (6, 7), (7, 9)] {
            for shares in 1..3 {
                let (found, passes, _) = select(&numbers, k, 10, shares);
                assert_eq!((found, passes), (Some(expected), 1), "k = {k}");
            }
        }
        // Only the smallest that hold k are kept.
        let mut count = Count::default();
        let window = Window::new(3, 0, 10, ROOM);
        numbers.iter().for_each(|&n| count.add(n, &window));
        assert_eq!(count, Count::Each(vec![(1, 3)]));
        assert_eq!(select(&numbers, 8, 10, 1).0, None);
        assert_eq!(select(&[], 1, 10, 2).0, None);
    }

    #[test]
    fn many_distinct_numbers_take_a_grid_and_another_pass() {
        // 10,000 different numbers: the list turns into a grid of 128
        // buckets of 79, and the second pass counts one bucket's numbers.
        let numbers: Vec<u32> = (0..10_000u32).map(|i| (i * 7919) % 10_000).collect();
        let (found, passes, largest) = select(&numbers, 500, 9_999, 2);
        assert_eq!(found, Some(499));
        assert_eq!(passes, 2);
        assert!(largest <= ROOM.buckets as usize, "{largest}");
        // A wide range narrows by 128 a pass.
        let wide: Vec<u32> = (0..5_000u32).map(|i| i * 800_000 + 3).collect();
        let (found, passes, _) = select(&wide, 4_000, u32::MAX, 3);
        assert_eq!(found, Some(3_999 * 800_000 + 3));
        assert!(passes <= 5, "{passes}");
    }

    proptest! {
        /// Whatever the numbers, their order, how they are shared out and
        /// merged: the `k`-th smallest a sort gives, in counts no larger
        /// than the bound.
        #[test]
        fn the_kth_smallest_is_the_one_a_sort_gives(
            numbers in prop::collection::vec(0u32..2_000, 0..600),
            k in 1u64..700,
            shares in 1usize..4,
        ) {
            let (found, _, largest) = select(&numbers, k, 1_999, shares);
            let mut sorted = numbers.clone();
            sorted.sort_unstable();
            let expected = usize::try_from(k - 1).ok().and_then(|i| sorted.get(i)).copied();
            prop_assert_eq!(found, expected);
            prop_assert!(largest <= ROOM.buckets as usize);
        }
    }
}
