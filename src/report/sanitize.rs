//! Text from input files made harmless where it is shown.
//!
//! Spreadsheets: the formula-injection guard (OWASP "CSV injection",
//! CWE-1236). A text cell whose first character (after spaces) is `=`, `+`,
//! `-`, `@`, tab or carriage return is run as a formula by Excel,
//! LibreOffice and Sheets, quoting or not; a leading `'` makes it plain text.
//!
//! Terminals: [`for_terminal`], so a name holding `ESC]0;…BEL` cannot
//! retitle the window nor `ESC[2J` clear it, and a bidi override cannot
//! turn the text around.

use std::borrow::Cow;
use std::fmt::Write;

/// Would a terminal act on this character, or show it as nothing? That is
/// what Rust's `Debug` escapes as not printable (C0 and C1 controls, DEL,
/// bidi controls, line and paragraph separators, zero-width and other
/// format characters, unassigned code points), spaces other than U+0020
/// excepted.
fn is_unprintable(c: char) -> bool {
    if c == ' ' || c.is_ascii_graphic() {
        return false;
    }
    // A no-break or other wide space is seen as a space and does nothing:
    // names copied from Word are full of them, and stay readable.
    if c.is_whitespace() && !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}') {
        return false;
    }
    // `str::escape_debug` escapes a combining mark only at the start of a
    // string: behind a letter it is printed, as it is on the terminal.
    let mut buf = [0u8; 5];
    buf[0] = b'a';
    let width = c.encode_utf8(&mut buf[1..]).len();
    std::str::from_utf8(&buf[..=width]).map_or(true, |s| s.escape_debug().count() > 2)
}

/// Text as the terminal should show it: every character a terminal would
/// act on or hide is written out as an escape (`\u{1b}`, `\n`); the rest,
/// quotes and backslashes included, is left as it is. Error messages and
/// every table, summary and list on the terminal go through it.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(is_unprintable) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if is_unprintable(c) {
            let _ = write!(out, "{}", c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Does a spreadsheet treat this text as a formula?
pub fn is_formula_like(text: &str) -> bool {
    // Every trigger is ASCII, and no byte of a longer UTF-8 character is:
    // the first byte after the spaces says it (no characters decoded).
    matches!(
        text.bytes().find(|&b| b != b' '),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// Prefixes `'` to text a spreadsheet would run as a formula.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if is_formula_like(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn neutralises_formula_triggers_only() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(neutralise("+cmd"), "'+cmd");
        assert_eq!(neutralise("@SUM(1)"), "'@SUM(1)");
        assert_eq!(neutralise("  -1"), "'  -1");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("Nghi Hải"), "Nghi Hải");
        assert_eq!(neutralise("<script>"), "<script>");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn terminal_text_carries_no_control_characters() {
        assert_eq!(for_terminal("\u{1b}]0;owned\u{7}"), "\\u{1b}]0;owned\\u{7}");
        assert_eq!(for_terminal("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(for_terminal("x\r\n\ty"), "x\\r\\n\\ty");
        assert_eq!(for_terminal("\u{7f}\u{85}\u{9b}"), "\\u{7f}\\u{85}\\u{9b}");
        assert_eq!(
            for_terminal("\u{202e}cba\u{2066}\u{2069}"),
            "\\u{202e}cba\\u{2066}\\u{2069}"
        );
        assert_eq!(for_terminal("a\u{200b}b\u{2028}"), "a\\u{200b}b\\u{2028}");
        // Vietnamese, combining marks behind a letter, quotes and
        // backslashes are shown as they are.
        assert_eq!(for_terminal("Phường Nghi Hải"), "Phường Nghi Hải");
        assert_eq!(
            for_terminal("Phường\u{a0}1\u{3000}"),
            "Phường\u{a0}1\u{3000}"
        );
        assert_eq!(for_terminal("Ha\u{300}"), "Ha\u{300}");
        assert_eq!(for_terminal("\"A\" \\ ✓ ↓ ⚠"), "\"A\" \\ ✓ ↓ ⚠");
        assert!(matches!(for_terminal("plain"), Cow::Borrowed(_)));
    }

    proptest! {
        #[test]
        fn terminal_text_has_no_control_or_bidi_character(s in "\\PC*|[\\x00-\\x{9f}\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}a]*") {
            let out = for_terminal(&s);
            let harmful = |c: char| {
                c.is_control()
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)
            };
            let clean = !out.chars().any(harmful);
            prop_assert!(clean, "{out:?}");
        }

        /// Read from bytes, the first character after the spaces is the
        /// one `char`s give.
        #[test]
        fn formulas_are_found_as_characters_find_them(s in "[ =+@\t\r\\-a-zĐđ]{0,6}|.*") {
            let by_chars = matches!(
                s.trim_start_matches(' ').chars().next(),
                Some('=' | '+' | '-' | '@' | '\t' | '\r')
            );
            prop_assert_eq!(is_formula_like(&s), by_chars);
        }

        #[test]
        fn output_never_starts_a_formula(s in ".*") {
            let out = neutralise(&s);
            prop_assert!(!is_formula_like(&out) || out.starts_with('\''));
            // Nothing is lost: the original text follows the prefix.
            prop_assert!(out.ends_with(s.as_str()));
        }
    }
}
