//! The cell parsers and the formula guard on arbitrary UTF-8, with the
//! properties they promise checked on every input.

#![no_main]

use libfuzzer_sys::fuzz_target;
use wardscore::load::data::column_letters;
use wardscore::load::table::detect_delimiter;
use wardscore::load::text::{
    DecimalStyle, NumberError, SeparatorEvidence, is_not_applicable, label_key, normalize,
    normalize_cow, parse_number, parse_yes_no, separator_evidence,
};
use wardscore::report::sanitize::{is_formula_like, neutralise};

fuzz_target!(|data: &[u8]| {
    let _ = detect_delimiter(data);
    if let [a, b, ..] = data {
        let _ = column_letters(usize::from(u16::from_le_bytes([*a, *b])));
    }
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };

    // normalize: idempotent; the borrowing form agrees.
    let n = normalize(s);
    assert_eq!(normalize(&n), n, "normalize not idempotent on {s:?}");
    assert_eq!(normalize_cow(s), n, "normalize_cow differs on {s:?}");

    // Numbers.
    for style in [DecimalStyle::Point, DecimalStyle::Comma] {
        let strict = parse_number(s, style, false);
        let grouped = parse_number(s, style, true);
        if let Ok(v) = &strict {
            // Allowing grouping never changes a number read without it.
            assert_eq!(grouped.as_ref(), Ok(v), "{s:?} {style:?}");
        }
        if let Ok(v) = &grouped {
            // Exact: the printed value reads back as itself, scale included.
            let printed = v.to_string();
            let again = parse_number(&printed, DecimalStyle::Point, false)
                .unwrap_or_else(|e| panic!("{s:?} -> {printed:?} does not read back: {e}"));
            assert_eq!(again.to_string(), printed, "{s:?}");
            // Reading a normalised cell gives the same.
            assert_eq!(parse_number(&n, style, true).as_ref(), Ok(v), "{s:?}");
        }
    }
    // Evidence agrees with the parser (apart from values too large).
    let fits = |style| {
        !matches!(
            parse_number(s, style, true),
            Err(NumberError::NotANumber
                | NumberError::WrongSeparator { .. }
                | NumberError::BadGrouping)
        )
    };
    match separator_evidence(s) {
        SeparatorEvidence::Point => assert!(fits(DecimalStyle::Point), "{s:?}"),
        SeparatorEvidence::Comma => assert!(fits(DecimalStyle::Comma), "{s:?}"),
        SeparatorEvidence::Ambiguous => {
            assert!(
                fits(DecimalStyle::Point) && fits(DecimalStyle::Comma),
                "{s:?}"
            )
        }
        SeparatorEvidence::None => {}
    }

    // Tokens: yes/no and N/A never overlap; both see through label_key.
    let yes_no = parse_yes_no(s);
    let na = is_not_applicable(s);
    assert!(!(na && yes_no.is_some()), "{s:?} is both N/A and yes/no");
    let key = label_key(s);
    assert_eq!(label_key(&key), key, "label_key not idempotent on {s:?}");
    assert_eq!(parse_yes_no(&key), yes_no, "{s:?}");
    assert_eq!(is_not_applicable(&key), na, "{s:?}");

    // Formula guard: the output never starts a formula unless quoted, and
    // the original text follows the prefix unchanged.
    let out = neutralise(s);
    assert!(
        !is_formula_like(&out) || out.starts_with('\''),
        "{s:?} -> {out:?}"
    );
    assert!(out.ends_with(s), "{s:?} -> {out:?}");
    assert!(out.len() <= s.len() + 1, "{s:?} -> {out:?}");
});
