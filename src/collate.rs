//! Vietnamese alphabetical order (CLDR `vi` tailoring via ICU4X compiled data).

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu_locale_core::locale;
use icu_normalizer::ComposingNormalizerBorrowed;

#[derive(Debug)]
enum Backend {
    Icu(CollatorBorrowed<'static>),
    /// Last resort if no collation data loads; compares NFC forms so that
    /// canonically equivalent names still compare equal.
    Bytes,
}

/// Vietnamese collation: a < ă < â < b < c < d < đ < e < ê < … < o < ô < ơ < … < u < ư < …,
/// with tone marks as secondary differences (CLDR `vi`, default tertiary strength).
#[derive(Debug)]
pub struct VietnameseOrder {
    backend: Backend,
}

impl VietnameseOrder {
    /// Load the `vi` collator, falling back to root collation, then to NFC byte order.
    /// Never panics; with compiled data the fallbacks are practically unreachable.
    pub fn new() -> Self {
        Self::with_preferences(CollatorPreferences::from(&locale!("vi")))
    }

    fn with_preferences(prefs: CollatorPreferences) -> Self {
        let backend = Collator::try_new(prefs, CollatorOptions::default())
            .or_else(|_| {
                Collator::try_new(CollatorPreferences::default(), CollatorOptions::default())
            })
            .map_or(Backend::Bytes, Backend::Icu);
        Self { backend }
    }

    /// Compare two strings in Vietnamese alphabetical order.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        match &self.backend {
            // The collator normalises internally, so NFD and NFC inputs compare Equal.
            Backend::Icu(collator) => collator.compare(a, b),
            Backend::Bytes => {
                let nfc = ComposingNormalizerBorrowed::new_nfc();
                nfc.normalize(a).cmp(&nfc.normalize(b))
            }
        }
    }
}

impl Default for VietnameseOrder {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use icu_normalizer::DecomposingNormalizerBorrowed;
    use proptest::prelude::*;

    fn nfd(s: &str) -> String {
        DecomposingNormalizerBorrowed::new_nfd()
            .normalize(s)
            .into_owned()
    }

    fn sorted(order: &VietnameseOrder, items: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = items.iter().map(|s| (*s).to_owned()).collect();
        v.sort_by(|a, b| order.compare(a, b));
        v
    }

    fn root() -> VietnameseOrder {
        VietnameseOrder::with_preferences(CollatorPreferences::default())
    }

    #[test]
    fn loads_icu_collator() {
        assert!(matches!(VietnameseOrder::new().backend, Backend::Icu(_)));
        assert!(matches!(
            VietnameseOrder::default().backend,
            Backend::Icu(_)
        ));
    }

    #[test]
    fn sorts_ward_names() {
        let input = [
            "Thu Thủy",
            "Nghi Hải",
            "Nghi Hòa",
            "Đông Vĩnh",
            "Diễn Châu",
            "Ân Thi",
            "An Lão",
            "Bắc Ninh",
            "Ba Đình",
        ];
        // "An Lão" < "Ân Thi" is decided at the first letter: in CLDR `vi`,
        // a < ă < â are distinct primary letters, so a < â wins before the
        // rest of the name is looked at. Likewise "Ba Đình" < "Bắc Ninh"
        // (a < ă), "Diễn" < "Đông" (d < đ), "Hải" < "Hòa" (a < o).
        let want = [
            "An Lão",
            "Ân Thi",
            "Ba Đình",
            "Bắc Ninh",
            "Diễn Châu",
            "Đông Vĩnh",
            "Nghi Hải",
            "Nghi Hòa",
            "Thu Thủy",
        ];
        assert_eq!(sorted(&VietnameseOrder::new(), &input), want);
        // Same result from decomposed input.
        let decomposed: Vec<String> = input.iter().map(|s| nfd(s)).collect();
        let refs: Vec<&str> = decomposed.iter().map(String::as_str).collect();
        let got: Vec<String> = sorted(&VietnameseOrder::new(), &refs)
            .iter()
            .map(|s| crate::load::text::normalize(s))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn breve_and_circumflex_are_letters_of_their_own() {
        let vi = VietnameseOrder::new();
        // In `vi`, ă and â come after every a-word; in root they are just accented a.
        assert_eq!(vi.compare("Az", "Ăn"), Ordering::Less);
        assert_eq!(vi.compare("Ăz", "Ân"), Ordering::Less);
        assert_eq!(vi.compare("Âz", "Ba"), Ordering::Less);
        assert_eq!(vi.compare("Oz", "Ôa"), Ordering::Less);
        assert_eq!(vi.compare("Ôz", "Ơa"), Ordering::Less);
        assert_eq!(vi.compare("Uz", "Ưa"), Ordering::Less);
        assert_eq!(vi.compare("Ez", "Êa"), Ordering::Less);
        // This proves the tailoring is really loaded: root gives the opposite.
        assert_eq!(root().compare("Az", "Ăn"), Ordering::Greater);
    }

    #[test]
    fn d_stroke_after_all_d_words_and_before_e() {
        let vi = VietnameseOrder::new();
        for d in ["D", "Da", "Dz", "Dzzz", "Dương", "Dữ", "DZ"] {
            for dd in ["Đ", "Đa", "Đà Nẵng", "đ", "ĐA"] {
                assert_eq!(vi.compare(d, dd), Ordering::Less, "{d} < {dd}");
                assert_eq!(vi.compare(dd, d), Ordering::Greater, "{dd} > {d}");
            }
        }
        for dd in ["Đ", "Đzzz", "Đường", "đz"] {
            for e in ["E", "Ea", "Ê", "e"] {
                assert_eq!(vi.compare(dd, e), Ordering::Less, "{dd} < {e}");
            }
        }
    }

    #[test]
    fn tones_are_secondary() {
        let vi = VietnameseOrder::new();
        // A later base letter beats an earlier tone difference...
        assert_eq!(vi.compare("Hàc", "Hab"), Ordering::Greater);
        assert_eq!(vi.compare("Há", "Hb"), Ordering::Less);
        // ...but with equal letters the tone decides, never Equal.
        assert_ne!(vi.compare("Ha", "Hà"), Ordering::Equal);
        assert_eq!(vi.compare("Ha", "Hà"), Ordering::Less);
        // Case is tertiary: lowercase first with default options.
        assert_eq!(vi.compare("hà", "Hà"), Ordering::Less);
        assert_eq!(vi.compare("Hà", "hb"), Ordering::Less);
    }

    #[test]
    fn nfd_and_nfc_compare_equal() {
        let vi = VietnameseOrder::new();
        for name in [
            "Thu Thủy",
            "Đông Vĩnh",
            "Nghi Hòa",
            "Ân Thi",
            "Bắc Ninh",
            "Quỳnh Lưu",
            "Ộ",
        ] {
            let d = nfd(name);
            assert_ne!(d, name);
            assert_eq!(vi.compare(name, &d), Ordering::Equal, "{name}");
            assert_eq!(vi.compare(&d, name), Ordering::Equal, "{name}");
        }
        // Differently ordered marks (dot below + circumflex) are canonically equal too.
        assert_eq!(
            vi.compare("o\u{0302}\u{0323}", "o\u{0323}\u{0302}"),
            Ordering::Equal
        );
    }

    #[test]
    fn byte_fallback_still_treats_nfd_as_equal() {
        let bytes = VietnameseOrder {
            backend: Backend::Bytes,
        };
        assert_eq!(bytes.compare("Thu Thủy", &nfd("Thu Thủy")), Ordering::Equal);
        assert_eq!(bytes.compare("A", "B"), Ordering::Less);
        assert_eq!(bytes.compare("", ""), Ordering::Equal);
    }

    #[test]
    fn empty_and_prefix() {
        let vi = VietnameseOrder::new();
        assert_eq!(vi.compare("", ""), Ordering::Equal);
        assert_eq!(vi.compare("", "A"), Ordering::Less);
        assert_eq!(vi.compare("Nghi", "Nghi Hải"), Ordering::Less);
    }

    proptest! {
        #[test]
        fn prop_nfd_equal_and_antisymmetric(
            a in "[a-zA-Z ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậỳỷỹýỵ]{0,10}",
            b in "[a-zA-Z ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậỳỷỹýỵ]{0,10}",
        ) {
            let vi = VietnameseOrder::new();
            prop_assert_eq!(vi.compare(&a, &nfd(&a)), Ordering::Equal);
            prop_assert_eq!(vi.compare(&a, &b), vi.compare(&nfd(&a), &nfd(&b)));
            prop_assert_eq!(vi.compare(&a, &b), vi.compare(&b, &a).reverse());
        }

        #[test]
        fn prop_sort_is_consistent(
            mut v in proptest::collection::vec("[aăâbdđeêoôơuư]{1,4}", 0..8),
        ) {
            let vi = VietnameseOrder::new();
            v.sort_by(|a, b| vi.compare(a, b));
            for w in v.windows(2) {
                prop_assert_ne!(vi.compare(&w[0], &w[1]), Ordering::Greater);
            }
        }
    }
}
