//! Unit ids seen so far, to report duplicates, one type per strategy:
//! [`UnitIds`] checks each id as it comes, in any letter case (the texts
//! back to back and a hash table of indexes, about 40 bytes an id instead
//! of a `String` map's 80 or more); [`DeferredIds`] keeps only hashes and
//! compares them once every id is read. The binder is generic over
//! [`IdCheck`]. [`SeenIds`] holds other texts matched by a key (names).

use std::borrow::Cow;
use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

/// A text seen before: the line it was first seen on, and whether it was
/// spelt the same there (ids `V04` and `v04` are not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat {
    pub first: usize,
    pub same_spelling: bool,
}

/// How the binder checks unit ids for repeats while rows go by. Ids that
/// differ only in letter case are repeats too (a warning, where the same
/// spelling is an error).
pub trait IdCheck: Default {
    /// Records `id` first seen on `line`; says when it was seen before,
    /// when this check can tell now.
    fn insert(&mut self, id: &str, line: usize) -> Option<Repeat>;
    /// Makes room for `n` more ids.
    fn reserve(&mut self, n: usize);
}

/// An id's text runs from its `start` to the next id's (or the end).
struct Seen {
    start: usize,
    line: usize,
}

/// Texts seen so far, each with the line it was first seen on, matched
/// exactly or, for names, by a key such as the lowercase text.
pub struct SeenIds {
    /// Each text as first seen (not its key), back to back.
    text: String,
    seen: Vec<Seen>,
    table: HashTable<u32>,
    /// foldhash, randomly seeded: ids come from files, not from attackers
    /// who could see the seed.
    hasher: DefaultHashBuilder,
    key: Key,
    /// For keyed texts: the texts as first seen, found by their exact
    /// spelling. Most repeats are spelt as first seen (a name over many
    /// rows), and are found here without working out their key.
    spellings: Option<HashTable<Spelling>>,
}

/// A text as first seen, by where it lies in `SeenIds::text`, with the
/// line it was first seen on: a repeat is answered from the table and the
/// text alone, not also through `seen`. Once the names outgrow the cache
/// each of those accesses is a miss; the text's remains (measured in
/// benches/README.md, "Issue 15: less work per unit").
#[derive(Debug, Clone, Copy)]
struct Spelling {
    start: u32,
    len: u32,
    line: usize,
}

impl Default for SeenIds {
    fn default() -> Self {
        let mut ids = SeenIds::keyed(exact);
        // The key is the text: nothing to spare by looking up the text.
        ids.spellings = None;
        ids
    }
}

/// Texts are the same only when they are spelt the same.
fn exact(id: &str) -> Cow<'_, str> {
    Cow::Borrowed(id)
}

/// Unit ids seen so far, as the binder reads them in one part: every
/// spelling is kept, found by a hash of its letters in one case, so that
/// a repeat spelt the same is told from one in another letter case (`V04`
/// after `v04`), and a spelling repeated after another case's is still a
/// repeat of its own first line.
#[derive(Default)]
pub struct UnitIds {
    /// Each spelling as first seen, back to back.
    text: String,
    seen: Vec<Seen>,
    /// By spelling, as `seen`: the line the id was first seen on in any
    /// letter case.
    case_first: Vec<usize>,
    table: HashTable<u32>,
    /// foldhash, randomly seeded: ids come from files, not from attackers
    /// who could see the seed.
    hasher: DefaultHashBuilder,
}

/// The hash of `id`'s letters in one case: alike for ids that differ only
/// in letter case. ASCII (nearly every id) is folded a piece at a time on
/// the stack, with no allocation.
fn folded_hash(hasher: &impl BuildHasher, id: &str) -> u64 {
    use std::hash::Hasher;
    let mut state = hasher.build_hasher();
    if id.is_ascii() {
        let mut folded = [0u8; 64];
        for piece in id.as_bytes().chunks(folded.len()) {
            let folded = &mut folded[..piece.len()];
            folded.copy_from_slice(piece);
            folded.make_ascii_lowercase();
            state.write(folded);
        }
    } else {
        state.write(id.to_lowercase().as_bytes());
    }
    state.finish()
}

/// Whether two ids differ at most in letter case.
fn same_letters(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

impl IdCheck for UnitIds {
    fn insert(&mut self, id: &str, line: usize) -> Option<Repeat> {
        let UnitIds {
            text,
            seen,
            case_first: firsts,
            table,
            hasher,
        } = self;
        let hash = folded_hash(hasher, id);
        let at = |i: u32| i as usize;
        if let Some(&i) = table.find(hash, |&i| id_text(text, seen, at(i)) == id) {
            return Some(Repeat {
                first: seen[at(i)].line,
                same_spelling: true,
            });
        }
        let case_first = table
            .find(hash, |&i| same_letters(id_text(text, seen, at(i)), id))
            .map(|&i| firsts[at(i)]);
        let Ok(index) = u32::try_from(seen.len()) else {
            // Past four billion ids nothing more is checked (nor fits in memory).
            return None;
        };
        table.insert_unique(hash, index, |&i| {
            folded_hash(hasher, id_text(text, seen, at(i)))
        });
        seen.push(Seen {
            start: text.len(),
            line,
        });
        firsts.push(case_first.unwrap_or(line));
        text.push_str(id);
        case_first.map(|first| Repeat {
            first,
            same_spelling: false,
        })
    }

    fn reserve(&mut self, n: usize) {
        let UnitIds {
            text,
            seen,
            case_first,
            table,
            hasher,
        } = self;
        seen.reserve(n);
        case_first.reserve(n);
        // Ids are short: a dozen bytes each is room enough to start with.
        text.reserve(n.saturating_mul(12));
        table.reserve(n, |&i| folded_hash(hasher, id_text(text, seen, i as usize)));
    }
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

/// The bytes of a first spelling (empty when out of range, which a
/// spelling never is).
fn spelling_bytes(text: &[u8], s: Spelling) -> &[u8] {
    let start = s.start as usize;
    text.get(start..start + s.len as usize).unwrap_or_default()
}

/// Whether stored text `i` is `id`, whose key is `wanted`: the same text
/// (most repeats) needs no key worked out.
fn same(text: &str, seen: &[Seen], i: u32, id: &str, key: Key, wanted: &str) -> bool {
    let stored = id_text(text, seen, i as usize);
    stored == id || key(stored) == wanted
}

/// What two texts must share to be the same.
type Key = fn(&str) -> Cow<'_, str>;

/// An id's hash for deferred checking, of its letters in one case: the
/// same in every `DeferredIds`, so the parts of one file can be compared,
/// and alike for ids that differ only in letter case (left, as repeats
/// are, to one reading).
fn fixed_hash(id: &str) -> u64 {
    folded_hash(
        &std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default(),
        id,
    )
}

impl SeenIds {
    /// Texts that are the same when their `key`s are: the first spelling
    /// seen is kept, and told apart from later ones by [`SeenIds::iter`].
    pub fn keyed(key: Key) -> Self {
        SeenIds {
            text: String::new(),
            seen: Vec::new(),
            table: HashTable::new(),
            hasher: DefaultHashBuilder::default(),
            key,
            spellings: Some(HashTable::new()),
        }
    }

    /// [`SeenIds::keyed`] without the table of first spellings: every text
    /// is looked up by its key (the plain path the table must agree with).
    #[cfg(test)]
    fn keyed_plain(key: Key) -> Self {
        SeenIds {
            spellings: None,
            ..SeenIds::keyed(key)
        }
    }

    /// The line a text spelt exactly as `id` was first seen on, when there
    /// is one.
    fn spelt(&self, id: &str) -> Option<usize> {
        let spellings = self.spellings.as_ref()?;
        let text = self.text.as_bytes();
        spellings
            .find(self.hasher.hash_one(id.as_bytes()), |s| {
                spelling_bytes(text, *s) == id.as_bytes()
            })
            .map(|s| s.line)
    }

    /// The line `id` (or a text with its key) was first seen on.
    pub fn first(&self, id: &str) -> Option<usize> {
        if let Some(line) = self.spelt(id) {
            return Some(line);
        }
        let SeenIds {
            text,
            seen,
            table,
            hasher,
            key,
            ..
        } = self;
        let wanted = key(id);
        let hash = hasher.hash_one(&*wanted);
        table
            .find(hash, |&i| same(text, seen, i, id, *key, &wanted))
            .map(|&i| seen[i as usize].line)
    }

    /// Every distinct text as first seen, with its line, in the order seen.
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize)> {
        (0..self.seen.len()).map(|i| (id_text(&self.text, &self.seen, i), self.seen[i].line))
    }
}

impl IdCheck for SeenIds {
    /// Records `id` first seen on `line`; when it (or a text with its key)
    /// was seen before, says where instead.
    fn insert(&mut self, id: &str, line: usize) -> Option<Repeat> {
        if let Some(first) = self.spelt(id) {
            return Some(Repeat {
                first,
                same_spelling: true,
            });
        }
        let SeenIds {
            text,
            seen,
            table,
            hasher,
            key,
            spellings,
        } = self;
        let wanted = key(id);
        let hash = hasher.hash_one(&*wanted);
        if let Some(&i) = table.find(hash, |&i| same(text, seen, i, id, *key, &wanted)) {
            return Some(Repeat {
                first: seen[i as usize].line,
                same_spelling: id_text(text, seen, i as usize) == id,
            });
        }
        let Ok(index) = u32::try_from(seen.len()) else {
            // Past four billion ids nothing more is checked (nor fits in memory).
            return None;
        };
        table.insert_unique(hash, index, |&i| {
            hasher.hash_one(&*key(id_text(text, seen, i as usize)))
        });
        // Grown as new texts come, not reserved: a file of many rows may
        // have few distinct names.
        // Past 4 GB of text a spelling is found by its key instead.
        let at = |n: usize| u32::try_from(n).ok();
        if let Some(spellings) = spellings
            && let (Some(start), Some(len)) = (at(text.len()), at(id.len()))
            && start.checked_add(len).is_some()
        {
            let spelling = Spelling { start, len, line };
            let bytes = text.as_bytes();
            spellings.insert_unique(hasher.hash_one(id.as_bytes()), spelling, |s| {
                hasher.hash_one(spelling_bytes(bytes, *s))
            });
        }
        seen.push(Seen {
            start: text.len(),
            line,
        });
        text.push_str(id);
        None
    }

    fn reserve(&mut self, n: usize) {
        let SeenIds {
            text,
            seen,
            table,
            hasher,
            key,
            ..
        } = self;
        seen.reserve(n);
        // Ids are short: a dozen bytes each is room enough to start with.
        text.reserve(n.saturating_mul(12));
        table.reserve(n, |&i| {
            hasher.hash_one(&*key(id_text(text, seen, i as usize)))
        });
    }
}

/// Ids whose check waits until they are all read: each id's hash is kept
/// in a plain list, which [`DeferredIds::settle`] sorts and
/// [`DeferredIds::may_repeat`] compares. A million lookups in a hash table
/// as the ids come take a cache miss each; this takes a sort. `insert`
/// reports nothing, so the caller must ask `may_repeat`.
#[derive(Default)]
pub struct DeferredIds {
    /// Every id's hash, the same in every `DeferredIds`.
    hashes: Vec<u64>,
}

impl IdCheck for DeferredIds {
    fn insert(&mut self, id: &str, _line: usize) -> Option<Repeat> {
        self.hashes.push(fixed_hash(id));
        None
    }

    fn reserve(&mut self, n: usize) {
        self.hashes.reserve(n);
    }
}

impl DeferredIds {
    /// Sorts the hashes, ready for [`DeferredIds::may_repeat`] (on the
    /// thread that read them).
    pub fn settle(&mut self) {
        self.hashes.sort_unstable();
    }

    /// Whether an id may occur twice in these settled checks (the parts of
    /// one file), within one or across them. Two hashes alike say yes: a
    /// repeated id always does, two different ids only when their 64-bit
    /// hashes collide, and the caller then checks the exact way.
    pub fn may_repeat(parts: &[&DeferredIds]) -> bool {
        let lists: Vec<&[u64]> = parts.iter().map(|p| p.hashes.as_slice()).collect();
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

    fn same(first: usize) -> Option<Repeat> {
        Some(Repeat {
            first,
            same_spelling: true,
        })
    }

    fn reports_the_first_line_of_a_repeated_id<I: IdCheck>() {
        let mut ids = I::default();
        assert_eq!(ids.insert("P1", 2), None);
        assert_eq!(ids.insert("P2", 3), None);
        assert_eq!(ids.insert("P1", 4), same(2));
        assert_eq!(ids.insert("P1", 5), same(2));
        assert_eq!(ids.insert("P", 6), None);
        assert_eq!(ids.insert("", 7), None);
        assert_eq!(ids.insert("", 8), same(7));
    }

    #[test]
    fn both_checks_report_the_first_line_of_a_repeated_id() {
        reports_the_first_line_of_a_repeated_id::<SeenIds>();
        reports_the_first_line_of_a_repeated_id::<UnitIds>();
    }

    /// `V04` and `v04` meet, told apart from a repeat spelt the same; a
    /// spelling repeated after another case's is a repeat of its own.
    #[test]
    fn ids_that_differ_only_in_letter_case_meet() {
        let mut ids = UnitIds::default();
        assert_eq!(ids.insert("V04", 2), None);
        let other_case = |first| {
            Some(Repeat {
                first,
                same_spelling: false,
            })
        };
        assert_eq!(ids.insert("v04", 3), other_case(2));
        assert_eq!(ids.insert("V04", 4), same(2));
        assert_eq!(
            ids.insert("v04", 5),
            same(3),
            "a repeat of line 3's spelling"
        );
        assert_eq!(ids.insert("V04 ", 6), None);
        assert_eq!(ids.insert("v04 ", 7), other_case(6));
        assert_eq!(ids.insert("Đ1", 8), None);
        assert_eq!(ids.insert("đ1", 9), other_case(8));
        assert_eq!(ids.insert("đ1", 10), same(9));
        // The parts of a large file hash them alike, so that one reading
        // decides.
        assert_eq!(fixed_hash("V04"), fixed_hash("v04"));
        assert_ne!(fixed_hash("V04"), fixed_hash("V05"));
        assert_eq!(fixed_hash("Đ1"), fixed_hash("đ1"));
        let long = "ABC".repeat(50);
        assert_eq!(fixed_hash(&long), fixed_hash(&long.to_lowercase()));
        assert_ne!(fixed_hash(&long), fixed_hash(&format!("{long}D")));
    }

    #[test]
    fn many_ids_stay_distinct() {
        let mut ids = UnitIds::default();
        for i in 0..50_000 {
            assert_eq!(ids.insert(&format!("X{i}"), i + 2), None);
        }
        assert_eq!(ids.insert("X49999", 1), same(50_001));
        assert_eq!(ids.insert("X0", 1), same(2));
        assert_eq!(ids.insert("x0", 1).map(|r| r.first), Some(2));
    }

    fn lowercase(s: &str) -> Cow<'_, str> {
        Cow::Owned(s.to_lowercase())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Looking a text up by its first spelling first finds what the
        /// key alone finds: the same repeats, first lines and spellings
        /// kept, whatever mix of spellings comes.
        #[test]
        fn first_spellings_agree_with_keys_alone(
            texts in proptest::collection::vec("[aAảẢ ]{0,3}", 0..200),
            asked in proptest::collection::vec("[aAảẢ ]{0,3}", 0..20),
        ) {
            let (mut fast, mut plain) = (SeenIds::keyed(lowercase), SeenIds::keyed_plain(lowercase));
            for (line, t) in texts.iter().enumerate() {
                proptest::prop_assert_eq!(fast.insert(t, line), plain.insert(t, line), "{}", t);
            }
            for t in asked.iter().chain(&texts) {
                proptest::prop_assert_eq!(fast.first(t), plain.first(t), "{}", t);
            }
            proptest::prop_assert!(fast.iter().eq(plain.iter()));
        }
    }

    #[test]
    fn deferred_checks_find_an_id_within_or_across_parts() {
        let parts = |first: &[&str], second: &[&str]| {
            let (mut a, mut b) = (DeferredIds::default(), DeferredIds::default());
            for (ids, part) in [(first, &mut a), (second, &mut b)] {
                for (line, id) in ids.iter().enumerate() {
                    assert_eq!(part.insert(id, line), None, "deferred: nothing reported");
                }
                part.settle();
            }
            DeferredIds::may_repeat(&[&a, &b])
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
    }
}
