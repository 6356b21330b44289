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

impl SeenIds {
    /// Records `id` first seen on `line`; when it was seen before, returns
    /// that line instead.
    pub fn insert(&mut self, id: &str, line: usize) -> Option<usize> {
        let SeenIds {
            text,
            seen,
            table,
            hasher,
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
        let SeenIds {
            text,
            seen,
            table,
            hasher,
        } = self;
        seen.reserve(n);
        // Ids are short: a dozen bytes each is room enough to start with.
        text.reserve(n.saturating_mul(12));
        table.reserve(n, |&i| hasher.hash_one(id_text(text, seen, i as usize)));
    }

    /// Whether an id in `other` was also seen here.
    pub fn shares_any(&self, other: &SeenIds) -> bool {
        (0..other.seen.len()).any(|i| {
            let id = id_text(&other.text, &other.seen, i);
            let hash = self.hasher.hash_one(id);
            self.table
                .find(hash, |&j| id_text(&self.text, &self.seen, j as usize) == id)
                .is_some()
        })
    }
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
    fn finds_an_id_two_parts_share() {
        let (mut first, mut second) = (SeenIds::default(), SeenIds::default());
        for i in 0..1000 {
            first.insert(&format!("A{i}"), i);
            second.insert(&format!("B{i}"), i);
        }
        assert!(!first.shares_any(&second));
        second.insert("A999", 5000);
        assert!(first.shares_any(&second));
        assert!(second.shares_any(&first));
        assert!(!SeenIds::default().shares_any(&first));
    }
}
