//! Cell text parsing for CSV/XLSX data: normalisation, yes/no and N/A
//! tokens, labels; numbers in [`number`].

use icu_normalizer::ComposingNormalizerBorrowed;

mod number;
pub use number::*;

/// Characters trimmed from both ends of a cell. `char::is_whitespace` covers
/// NBSP and the other Unicode `White_Space` characters; the BOM and the
/// zero-width space/word joiner are not `White_Space` but routinely leak in from
/// spreadsheet exports and web copy-paste, and are invisible to users.
fn is_trimmable(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{2060}')
}

/// NFC-normalise and trim whitespace (including NBSP, U+FEFF and other Unicode whitespace).
pub fn normalize(s: &str) -> String {
    // NFC first: trimming afterwards cannot un-normalise the string, and no
    // whitespace character composes with a following mark.
    let nfc = ComposingNormalizerBorrowed::new_nfc().normalize(s);
    with_vietnamese_d(nfc.trim_matches(is_trimmable).into()).into_owned()
}

/// The Icelandic eth (Ð U+00D0, ð U+00F0), which looks like the Vietnamese
/// Đ and reaches files through Windows-1252 (where Windows-1258 has Đ and
/// đ at the same bytes) and look-alike fonts, read as the Đ (U+0110) and đ
/// (U+0111) a person sees: no Vietnamese text has an eth, and "Cụm Ðông"
/// is "Cụm Đông".
fn with_vietnamese_d(s: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    if !s.contains(['\u{D0}', '\u{F0}']) {
        return s;
    }
    s.chars()
        .map(|c| match c {
            '\u{D0}' => '\u{110}',
            '\u{F0}' => '\u{111}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// A key that ignores case and every diacritic (tone marks, ă â ê ô ơ ư,
/// đ → d), for matching names typed without Vietnamese input.
pub fn unaccented_key(s: &str) -> String {
    let lower = label_key(s);
    icu_normalizer::DecomposingNormalizerBorrowed::new_nfd()
        .normalize(&lower)
        .chars()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// [`normalize`] without allocating when there is nothing to change (the
/// common case: ASCII cells such as numbers and ids).
pub fn normalize_cow(s: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if s.is_ascii() {
        // The ASCII characters `is_trimmable` accepts, compared as bytes.
        let space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ');
        let bytes = s.as_bytes();
        let start = bytes.iter().position(|b| !space(b)).unwrap_or(bytes.len());
        let end = bytes
            .iter()
            .rposition(|b| !space(b))
            .map_or(start, |e| e + 1);
        return Cow::Borrowed(s.get(start..end).unwrap_or_default());
    }
    if is_plain_nfc(s) {
        return with_vietnamese_d(Cow::Borrowed(trim(s)));
    }
    // Otherwise the normaliser still borrows when nothing changes.
    with_vietnamese_d(match ComposingNormalizerBorrowed::new_nfc().normalize(s) {
        Cow::Borrowed(nfc) => Cow::Borrowed(trim(nfc)),
        Cow::Owned(nfc) => Cow::Owned(trim(&nfc).to_owned()),
    })
}

/// `s.trim_matches(is_trimmable)`, answered from the two end characters
/// when neither is trimmed (nearly always): the general trim walks both
/// ends through its pattern even then.
fn trim(s: &str) -> &str {
    let kept = |c: Option<char>| c.is_none_or(|c| !is_trimmable(c));
    if kept(s.chars().next()) && kept(s.chars().next_back()) {
        return s;
    }
    s.trim_matches(is_trimmable)
}

/// Whether [`normalize`] would leave nothing: every character is one that
/// trimming removes (NFC neither deletes characters nor turns others into
/// these), without normalising.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_trimmable)
}

/// A quick, sufficient test for NFC that covers Vietnamese text written
/// precomposed (as Unikey and every office keyboard writes it): characters
/// below U+0300 (Latin-1, Latin Extended-A/B, IPA) and Latin Extended
/// Additional (U+1E00–U+1EFF: ạ ả ấ … ỹ) are all starters that never
/// compose with a neighbour nor decompose under NFC, so any string of them
/// is already NFC. Combining marks (U+0300…) fall outside and take the
/// full normaliser.
fn is_plain_nfc(s: &str) -> bool {
    s.chars()
        .all(|c| c < '\u{0300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

/// Comparison key for fixed tokens: like `label_key`, but internal runs of
/// whitespace collapse to one space, so "Không  Đạt" (double space or NBSP,
/// common in hand-typed sheets) still matches "không đạt".
fn token_key(s: &str) -> String {
    label_key(s)
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Accepted yes/no tokens, for error messages.
pub const YES_NO_TOKENS: &[&str] = &[
    "có",
    "không",
    "đạt",
    "không đạt",
    "yes",
    "no",
    "true",
    "false",
    "x",
    "1",
    "0",
];

const YES_TOKENS: &[&str] = &["có", "đạt", "yes", "true", "x", "1"];
const NO_TOKENS: &[&str] = &["không", "không đạt", "no", "false", "0"];

/// Read a yes/no cell: case-insensitive, NFD/NFC-insensitive. `None` for anything else.
pub fn parse_yes_no(s: &str) -> Option<bool> {
    // The tokens as usually typed (already NFC and trimmed) need no keys.
    if YES_TOKENS.contains(&s) {
        return Some(true);
    }
    if NO_TOKENS.contains(&s) {
        return Some(false);
    }
    let key = token_key(s);
    if YES_TOKENS.contains(&key.as_str()) {
        Some(true)
    } else if NO_TOKENS.contains(&key.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// Accepted "not applicable" tokens, for error messages.
pub const NOT_APPLICABLE_TOKENS: &[&str] = &["N/A", "NA", "KAD", "không áp dụng"];

/// Whether a cell says "not applicable" (case-insensitive, NFD/NFC-insensitive).
pub fn is_not_applicable(s: &str) -> bool {
    // The quick tests below are read off the token list, so they stay
    // right when a token is added. Most cells are numbers: a first letter
    // no token starts with (in either case) settles it.
    let Some(first) = s.trim_start().chars().next() else {
        return false;
    };
    let starts_a_token = NOT_APPLICABLE_TOKENS.iter().any(|t| {
        t.chars()
            .next()
            .is_some_and(|c| c.eq_ignore_ascii_case(&first))
    });
    if !starts_a_token {
        return false;
    }
    // Decided on the text within its spaces, Unicode ones included (a
    // no-break space before "NA" left it to the length test below, which
    // refused it).
    let trimmed = s.trim();
    if trimmed.is_ascii() {
        // The key of ASCII text is the trimmed text in lower case, and only
        // an ASCII token can have it.
        return NOT_APPLICABLE_TOKENS
            .iter()
            .any(|t| t.is_ascii() && trimmed.eq_ignore_ascii_case(t));
    }
    // The other tokens are written NFC with single spaces, their shortest
    // form: a shorter cell ("không", "Khá") is none of them.
    let shortest = NOT_APPLICABLE_TOKENS
        .iter()
        .filter(|t| !t.is_ascii())
        .map(|t| t.len())
        .min();
    if shortest.is_none_or(|n| trimmed.len() < n) {
        return false;
    }
    let key = token_key(s);
    NOT_APPLICABLE_TOKENS.iter().any(|t| label_key(t) == key)
}

/// Case-insensitive, NFC-normalised comparison key for labels such as "Xuất sắc".
pub fn label_key(s: &str) -> String {
    // Re-compose after lowercasing: lowercase mappings are not guaranteed to
    // preserve NFC in general, and keys must be canonical to compare.
    let lower = normalize(s).to_lowercase();
    ComposingNormalizerBorrowed::new_nfc()
        .normalize(&lower)
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use icu_normalizer::DecomposingNormalizerBorrowed;
    use proptest::prelude::*;

    /// The quick test's claim, checked against the normaliser for every
    /// character it passes, alone and after each of a few neighbours.
    #[test]
    fn plain_nfc_characters_are_nfc_in_any_order() {
        let nfc = ComposingNormalizerBorrowed::new_nfc();
        let passed: Vec<char> = ('\0'..='\u{1EFF}')
            .filter(|&c| is_plain_nfc(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(passed.len(), 0x300 + 0x100);
        let neighbours = ['a', 'A', 'o', 'ơ', 'ư', 'Ư', 'ê', 'ạ', 'ỹ', 'ß', 'ǖ', ' '];
        for &c in &passed {
            for &n in &neighbours {
                for pair in [format!("{n}{c}"), format!("{c}{n}"), format!("{c}{c}")] {
                    assert!(nfc.is_normalized(&pair), "{:?} is not NFC", pair);
                }
            }
        }
        // A combining mark is not passed: "a" + U+0301 composes to "á".
        assert!(!is_plain_nfc("a\u{301}"));
        assert_eq!(normalize_cow("  a\u{301} "), "á");
        assert!(matches!(
            normalize_cow(" Phường Nghi Hải "),
            std::borrow::Cow::Borrowed("Phường Nghi Hải")
        ));
    }

    proptest! {
        /// The ASCII trim is `str::trim_matches(is_trimmable)`.
        #[test]
        fn ascii_trim_agrees(s in "[ \t\n\x0B\x0C\r\x1C-\x1Fa0.]{0,10}") {
            let trimmed = normalize_cow(&s);
            prop_assert_eq!(trimmed.as_ref(), s.trim_matches(is_trimmable));
        }

        /// So is the trim of other text.
        #[test]
        fn trim_agrees(s in "[ a\\x{A0}\\x{3000}\\x{FEFF}\\x{200B}ơạ]{0,8}") {
            prop_assert_eq!(trim(&s), s.trim_matches(is_trimmable));
        }

        /// A cell is blank exactly when normalising it leaves nothing:
        /// whitespace of every kind, the invisible characters trimmed, and
        /// EN/EM QUAD, whose NFC forms are spaces too.
        #[test]
        fn blank_means_nothing_left_after_normalising(
            s in "[ \\t\\r\\x{A0}\\x{2000}\\x{2001}\\x{3000}\\x{FEFF}\\x{200B}\\x{2060}\\x{301}a.]{0,8}"
        ) {
            prop_assert_eq!(is_blank(&s), normalize(&s).is_empty());
        }

        #[test]
        fn plain_nfc_strings_are_nfc(s in "[\\x{0}-\\x{2FF}\\x{1E00}-\\x{1EFF}]{0,12}") {
            prop_assert!(is_plain_nfc(&s));
            prop_assert!(ComposingNormalizerBorrowed::new_nfc().is_normalized(&s));
        }
    }

    fn nfd(s: &str) -> String {
        DecomposingNormalizerBorrowed::new_nfd()
            .normalize(s)
            .into_owned()
    }

    // ---------- normalize ----------

    #[test]
    fn normalize_trims_all_kinds_of_whitespace() {
        assert_eq!(normalize("  abc  "), "abc");
        assert_eq!(normalize("\u{00A0}abc\u{00A0}"), "abc");
        assert_eq!(normalize("\u{FEFF}abc"), "abc");
        assert_eq!(normalize("\t\r\nabc\n"), "abc");
        assert_eq!(
            normalize("\u{2003}\u{3000}abc\u{202F}\u{200B}\u{2060}"),
            "abc"
        );
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \u{00A0}\u{FEFF} "), "");
    }

    #[test]
    fn normalize_keeps_inner_whitespace() {
        assert_eq!(normalize(" Xuất  sắc "), "Xuất  sắc");
        assert_eq!(normalize("a\u{00A0}b"), "a\u{00A0}b");
    }

    #[test]
    fn normalize_composes_nfd() {
        let decomposed = "Nghi Ho\u{0300}a"; // o + combining grave
        assert_ne!(decomposed, "Nghi Hòa");
        assert_eq!(normalize(decomposed), "Nghi Hòa");
        // Stacked Vietnamese marks: e + circumflex + acute -> ế.
        assert_eq!(normalize("e\u{0302}\u{0301}"), "ế");
        // Mark order with different combining classes is canonicalised too:
        // dot below (220) + circumflex (230) in either order -> ộ.
        assert_eq!(normalize("o\u{0302}\u{0323}"), "ộ");
        assert_eq!(normalize("o\u{0323}\u{0302}"), "ộ");
        assert_eq!(normalize(&nfd("Thu Thủy")), "Thu Thủy");
    }

    #[test]
    fn normalize_does_not_apply_compatibility_mappings() {
        // NFC, not NFKC: full-width digits and ligatures stay as they are.
        assert_eq!(normalize("１"), "１");
        assert_eq!(normalize("ﬁ"), "ﬁ");
    }

    // ---------- parse_number: plain ----------

    #[test]
    fn yes_no_tokens() {
        for s in [
            "có", "đạt", "yes", "true", "x", "1", "CÓ", "Đạt", "ĐẠT", "YES", "True", "X",
        ] {
            assert_eq!(parse_yes_no(s), Some(true), "{s:?}");
        }
        for s in [
            "không",
            "không đạt",
            "no",
            "false",
            "0",
            "KHÔNG",
            "Không Đạt",
            "NO",
        ] {
            assert_eq!(parse_yes_no(s), Some(false), "{s:?}");
        }
        for s in [
            "",
            "y",
            "n",
            "2",
            "1.0",
            "co",
            "dat",
            "khong",
            "có có",
            "không áp dụng",
            "N/A",
        ] {
            assert_eq!(parse_yes_no(s), None, "{s:?}");
        }
    }

    #[test]
    fn yes_no_handles_nfd_whitespace_and_case() {
        assert_eq!(parse_yes_no(&nfd("có")), Some(true));
        assert_eq!(parse_yes_no(&nfd("Không Đạt")), Some(false));
        assert_eq!(parse_yes_no(&nfd("ĐẠT")), Some(true));
        assert_eq!(parse_yes_no(" \u{00A0}Có\u{FEFF} "), Some(true));
        assert_eq!(parse_yes_no("Không  Đạt"), Some(false));
        assert_eq!(parse_yes_no("không\u{00A0}đạt"), Some(false));
    }

    #[test]
    fn yes_no_token_list_matches_parser() {
        for t in YES_NO_TOKENS {
            assert!(parse_yes_no(t).is_some(), "{t}");
        }
        assert_eq!(YES_NO_TOKENS.len(), YES_TOKENS.len() + NO_TOKENS.len());
    }

    #[test]
    fn not_applicable_tokens() {
        for s in [
            "N/A",
            "n/a",
            "NA",
            "na",
            "Na",
            "KAD",
            "kad",
            "không áp dụng",
            "Không Áp Dụng",
            " KHÔNG ÁP DỤNG ",
        ] {
            assert!(is_not_applicable(s), "{s:?}");
        }
        assert!(is_not_applicable(&nfd("Không áp dụng")));
        assert!(is_not_applicable("không  áp\u{00A0}dụng"));
        // Within no-break spaces, as spreadsheets pad cells.
        assert!(is_not_applicable("\u{00A0}NA"));
        assert!(is_not_applicable("\u{00A0}N/A\u{00A0}"));
        for s in ["", "N / A", "N.A.", "không", "0", "-", "nan"] {
            assert!(!is_not_applicable(s), "{s:?}");
        }
        for t in NOT_APPLICABLE_TOKENS {
            assert!(is_not_applicable(t), "{t}");
            assert_eq!(parse_yes_no(t), None, "{t}");
            // The binder reads plain numbers before it looks for N/A.
            for style in [DecimalStyle::Point, DecimalStyle::Comma] {
                assert_eq!(parse_plain_number(t, style), None, "{t}");
            }
        }
    }

    proptest! {
        /// The fast paths say what the full key comparison says.
        #[test]
        fn not_applicable_fast_paths_agree(
            s in "[nNkKaAdDgGhHpP/ \t\u{A0}ôÔáÁụỤ\u{301}\u{302}\u{323}oOuU]{0,20}"
        ) {
            let full = s.trim_start().starts_with(['n', 'N', 'k', 'K'])
                && NOT_APPLICABLE_TOKENS.iter().any(|t| label_key(t) == token_key(&s));
            prop_assert_eq!(is_not_applicable(&s), full);
        }
    }

    #[test]
    fn an_eth_reads_as_the_vietnamese_d_it_looks_like() {
        assert_eq!(normalize(" Cụm \u{D0}ông "), "Cụm Đông");
        assert_eq!(normalize_cow("\u{D0}\u{F0}ạt"), "Đđạt");
        assert_eq!(normalize_cow("Cụm Đông"), "Cụm Đông");
        assert!(matches!(
            normalize_cow("Cụm Đông"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(label_key("\u{D0}ạt"), label_key("Đạt"));
        assert_eq!(unaccented_key("\u{D0}ông"), "dong");
    }

    #[test]
    fn label_keys() {
        assert_eq!(label_key(" Xuất sắc "), "xuất sắc");
        assert_eq!(label_key("XUẤT SẮC"), "xuất sắc");
        assert_eq!(label_key(&nfd("Xuất Sắc")), "xuất sắc");
        // std lowercases Vietnamese Đ correctly.
        assert_eq!("Đ".to_lowercase(), "đ");
        assert_eq!(label_key("ĐẠT"), "đạt");
        assert_eq!(label_key("Ư Ơ Ă Â Ê Ô"), "ư ơ ă â ê ô");
        // Inner spacing is significant for labels (only tokens collapse it).
        assert_ne!(label_key("Xuất  sắc"), label_key("Xuất sắc"));
    }

    proptest! {
        #[test]
        fn prop_label_key_canonical(s in "[a-zA-Z ăâđêôơưĂÂĐÊÔƠƯáàảãạÁÀẢÃẠếỆ\u{0300}\u{0301}\u{0303}\u{0309}\u{0323}]{0,12}") {
            let k = label_key(&s);
            prop_assert_eq!(&label_key(&k), &k);
            prop_assert_eq!(&label_key(&nfd(&s)), &k);
            prop_assert_eq!(&label_key(&s.to_uppercase()), &label_key(&s.to_lowercase()));
        }

        #[test]
        fn prop_normalize_idempotent(s in "\\PC{0,20}") {
            let n = normalize(&s);
            prop_assert_eq!(&normalize(&n), &n);
            prop_assert_eq!(&normalize(&nfd(&s)), &n);
        }
    }
}
