//! Characters that cannot be seen: two ids or column names that differ only
//! by one of them look the same but are different, so a unit is not found,
//! or a column is "missing" beside one that looks just like it.
//!
//! Ids, clusters and column names (in data files and in criteria files)
//! must not hold them. Names and titles may: they are read by people, not
//! matched, and text copied from Word often carries a soft hyphen or a
//! zero-width space; the terminal shows them escaped.

use icu_properties::CodePointSetData;
use icu_properties::props::DefaultIgnorableCodePoint;

use super::messages::{Invisible, Thing};

/// Invisible here: Unicode's default-ignorable code points (zero-width
/// characters, the soft hyphen, bidi controls, the byte-order mark,
/// variation selectors, tags), control characters, and the line and
/// paragraph separators.
pub fn is_invisible(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}')
        || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
}

/// The first invisible character of `text`, with its 1-based position
/// (in characters).
pub fn first_invisible(text: &str) -> Option<(usize, char)> {
    text.chars()
        .enumerate()
        .find(|(_, c)| is_invisible(*c))
        .map(|(i, c)| (i + 1, c))
}

/// A character by its code point and Unicode name, e.g.
/// "U+200B ZERO WIDTH SPACE"; the name is left out for the rare ones.
pub fn char_label(c: char) -> String {
    let code = u32::from(c);
    let name = match code {
        0x09 => "CHARACTER TABULATION",
        0x0A => "LINE FEED",
        0x0D => "CARRIAGE RETURN",
        0x1B => "ESCAPE",
        0x7F => "DELETE",
        0x85 => "NEXT LINE",
        0xA0 => "NO-BREAK SPACE",
        0xAD => "SOFT HYPHEN",
        0x034F => "COMBINING GRAPHEME JOINER",
        0x061C => "ARABIC LETTER MARK",
        0x115F => "HANGUL CHOSEONG FILLER",
        0x1160 => "HANGUL JUNGSEONG FILLER",
        0x180E => "MONGOLIAN VOWEL SEPARATOR",
        0x200B => "ZERO WIDTH SPACE",
        0x200C => "ZERO WIDTH NON-JOINER",
        0x200D => "ZERO WIDTH JOINER",
        0x200E => "LEFT-TO-RIGHT MARK",
        0x200F => "RIGHT-TO-LEFT MARK",
        0x2028 => "LINE SEPARATOR",
        0x2029 => "PARAGRAPH SEPARATOR",
        0x202A => "LEFT-TO-RIGHT EMBEDDING",
        0x202B => "RIGHT-TO-LEFT EMBEDDING",
        0x202C => "POP DIRECTIONAL FORMATTING",
        0x202D => "LEFT-TO-RIGHT OVERRIDE",
        0x202E => "RIGHT-TO-LEFT OVERRIDE",
        0x2060 => "WORD JOINER",
        0x2061 => "FUNCTION APPLICATION",
        0x2062 => "INVISIBLE TIMES",
        0x2063 => "INVISIBLE SEPARATOR",
        0x2064 => "INVISIBLE PLUS",
        0x2066 => "LEFT-TO-RIGHT ISOLATE",
        0x2067 => "RIGHT-TO-LEFT ISOLATE",
        0x2068 => "FIRST STRONG ISOLATE",
        0x2069 => "POP DIRECTIONAL ISOLATE",
        0x3164 => "HANGUL FILLER",
        0xFEFF => "ZERO WIDTH NO-BREAK SPACE",
        0xFFA0 => "HALFWIDTH HANGUL FILLER",
        0xFE00..=0xFE0F => return format!("U+{code:04X} VARIATION SELECTOR-{}", code - 0xFE00 + 1),
        0xE0100..=0xE01EF => {
            return format!("U+{code:04X} VARIATION SELECTOR-{}", code - 0xE0100 + 17);
        }
        _ => return format!("U+{code:04X}"),
    };
    format!("U+{code:04X} {name}")
}

/// Why `what` (e.g. the unit id) is refused when it holds `c` at
/// `position`.
pub fn invisible_message(what: Thing, position: usize, c: char) -> Invisible {
    Invisible { what, position, c }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Message};

    #[test]
    fn finds_invisible_characters_with_their_position() {
        for (text, found) in [
            ("P\u{200b}1", Some((2, '\u{200b}'))),
            ("P1\u{200c}", Some((3, '\u{200c}'))),
            ("\u{200d}P1", Some((1, '\u{200d}'))),
            ("P\u{2060}1", Some((2, '\u{2060}'))),
            ("P\u{feff}1", Some((2, '\u{feff}'))),
            ("Ph\u{ad}ường", Some((3, '\u{ad}'))),
            ("P\u{202e}1", Some((2, '\u{202e}'))),
            ("P\u{2066}1", Some((2, '\u{2066}'))),
            ("P\u{e0041}1", Some((2, '\u{e0041}'))),
            ("P\u{1b}1", Some((2, '\u{1b}'))),
            ("P\u{2028}1", Some((2, '\u{2028}'))),
            // Vietnamese, decomposed or not, spaces and punctuation are seen.
            ("Phường 1", None),
            ("Phu\u{31b}\u{300}o\u{31b}ng", None),
            ("P-01_a (b)", None),
        ] {
            assert_eq!(first_invisible(text), found, "{text:?}");
        }
    }

    #[test]
    fn names_the_character() {
        assert_eq!(char_label('\u{200b}'), "U+200B ZERO WIDTH SPACE");
        assert_eq!(char_label('\u{fe0f}'), "U+FE0F VARIATION SELECTOR-16");
        assert_eq!(char_label('\u{e0041}'), "U+E0041");
        let m = invisible_message(Thing::UnitId, 2, '\u{ad}');
        assert!(m.words(Lang::En).starts_with(
            "the unit id holds the invisible character U+00AD SOFT HYPHEN at position 2"
        ));
        assert!(
            m.words(Lang::Vi)
                .starts_with("mã đơn vị chứa ký tự ẩn U+00AD SOFT HYPHEN ở vị trí thứ 2")
        );
    }
}
