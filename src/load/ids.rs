//! Unit ids seen so far, to report duplicates: the texts back to back and a
//! hash table of indexes, about 30 bytes an id instead of a `String` map's
//! 80 or more.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

/// An id's text runs from its `start` to the next id's (or the end).
struct Seen {
    start: usize,
    line: usize,
}

#[derive(Default)]
pub struct SeenIds {
    text: String,
    seen: Vec<Seen>,
    table: HashTable<u32>,
    /// foldhash, randomly seeded: ids come from files, not from attackers
    /// who could see the seed.
    hasher: DefaultHashBuilder,
    /// Checking deferred ([`SeenIds::deferred`]): every id's hash, the
    /// same in every `SeenIds`, and nothing else.
    hashes: Option<Vec<u64>>,
}

/// The text of id `i`: from its start to the next id's (or the end). A free
/// function over the two fields, so the hash table's callbacks can use it
/// while the table itself is borrowed.
fn id_text<'a>(text: &'a str, seen: &[Seen], i: usize) -> &'a str {
    let end = seen.get(i + 1).map_or(text.len(), |next| next.start);
    seen.get(i)
        .and_then(|s| text.get(s.start..end))
        .unwrap_or_default()
}

/// An id's hash for deferred checking: the same in every `SeenIds`, so
/// the parts of one file can be compared.
fn fixed_hash(id: &str) -> u64 {
    std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default().hash_one(id)
}

impl SeenIds {
    /// Ids whose check waits until they are all read: each id's hash is
    /// kept in a plain list, which [`SeenIds::settle`] sorts and
    /// [`SeenIds::may_repeat`] compares. A million lookups in a hash table
    /// as the ids come take a cache miss each; this takes a sort. `insert`
    /// then reports nothing, so the caller must ask `may_repeat`.
    pub fn deferred() -> Self {
        SeenIds {
            hashes: Some(Vec::new()),
            ..SeenIds::default()
        }
    }

    /// Records `id` first seen on `line`; when it was seen before, returns
    /// that line instead. Deferred, it only records.
    pub fn insert(&mut self, id: &str, line: usize) -> Option<usize> {
        if let Some(hashes) = &mut self.hashes {
            hashes.push(fixed_hash(id));
            return None;
        }
        let SeenIds {
            text,
            seen,
            table,
            hasher,
            ..
        } = self;
        let hash = hasher.hash_one(id);
        if let Some(&i) = table.find(hash, |&i| id_text(text, seen, i as usize) == id) {
            return Some(seen[i as usize].line);
        }
        let Ok(index) = u32::try_from(seen.len()) else {
            // Past four billion ids nothing more is checked (nor fits in memory).
            return None;
        };
        table.insert_unique(hash, index, |&i| {
            hasher.hash_one(id_text(text, seen, i as usize))
        });
        seen.push(Seen {
            start: text.len(),
            line,
        });
        text.push_str(id);
        None
    }

    /// Makes room for `n` more ids.
    pub fn reserve(&mut self, n: usize) {
        if let Some(hashes) = &mut self.hashes {
            hashes.reserve(n);
            return;
        }
        let SeenIds {
            text,
            seen,
            table,
            hasher,
            ..
        } = self;
        seen.reserve(n);
        // Ids are short: a dozen bytes each is room enough to start with.
        text.reserve(n.saturating_mul(12));
        table.reserve(n, |&i| hasher.hash_one(id_text(text, seen, i as usize)));
    }

    /// Sorts a deferred check's hashes, ready for [`SeenIds::may_repeat`]
    /// (on the thread that read them).
    pub fn settle(&mut self) {
        if let Some(hashes) = &mut self.hashes {
            hashes.sort_unstable();
        }
    }

    /// Whether an id may occur twice in these settled, deferred checks
    /// (the parts of one file), within one or across them. Two hashes
    /// alike say yes: a repeated id always does, two different ids only
    /// when their 64-bit hashes collide, and the caller then checks the
    /// exact way. A check that was not deferred says yes.
    pub fn may_repeat(parts: &[&SeenIds]) -> bool {
        let mut lists = Vec::with_capacity(parts.len());
        for part in parts {
            match &part.hashes {
                Some(hashes) => lists.push(hashes.as_slice()),
                None => return true,
            }
        }
        if lists.iter().any(|l| l.windows(2).any(|w| w[0] == w[1])) {
            return true;
        }
        lists
            .iter()
            .enumerate()
            .any(|(k, a)| lists[k + 1..].iter().any(|b| share_any(a, b)))
    }
}

/// Whether two sorted lists hold a value in common: a walk through both.
fn share_any(a: &[u64], b: &[u64]) -> bool {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_the_first_line_of_a_repeated_id() {
        let mut ids = SeenIds::default();
        assert_eq!(ids.insert("P1", 2), None);
        assert_eq!(ids.insert("P2", 3), None);
        assert_eq!(ids.insert("P1", 4), Some(2));
        assert_eq!(ids.insert("P1", 5), Some(2));
        assert_eq!(ids.insert("P", 6), None);
        assert_eq!(ids.insert("", 7), None);
        assert_eq!(ids.insert("", 8), Some(7));
    }

    #[test]
    fn many_ids_stay_distinct() {
        let mut ids = SeenIds::default();
        for i in 0..50_000 {
            assert_eq!(ids.insert(&format!("X{i}"), i + 2), None);
        }
        assert_eq!(ids.insert("X49999", 1), Some(50_001));
        assert_eq!(ids.insert("X0", 1), Some(2));
    }

    #[test]
    fn deferred_checks_find_an_id_within_or_across_parts() {
        let parts = |first: &[&str], second: &[&str]| {
            let (mut a, mut b) = (SeenIds::deferred(), SeenIds::deferred());
            for (ids, part) in [(first, &mut a), (second, &mut b)] {
                for (line, id) in ids.iter().enumerate() {
                    assert_eq!(part.insert(id, line), None, "deferred: nothing reported");
                }
                part.settle();
            }
            SeenIds::may_repeat(&[&a, &b])
        };
        let many: Vec<String> = (0..1000).map(|i| format!("A{i}")).collect();
        let others: Vec<String> = (0..1000).map(|i| format!("B{i}")).collect();
        let (many, others): (Vec<&str>, Vec<&str>) = (
            many.iter().map(String::as_str).collect(),
            others.iter().map(String::as_str).collect(),
        );
        assert!(!parts(&many, &others));
        assert!(!parts(&[], &[]));
        // Across the parts, either way round.
        assert!(parts(&many, &[others.as_slice(), &["A999"]].concat()));
        assert!(parts(&["B5"], &others));
        // Within one part.
        assert!(parts(&[many.as_slice(), &["A0"]].concat(), &others));
        assert!(parts(&many, &["X", "Y", "X"]));
        // A check that was not deferred cannot be compared: assume the worst.
        assert!(SeenIds::may_repeat(&[&SeenIds::default()]));
    }
}
