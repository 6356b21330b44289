//! Spreadsheet formula-injection guard (OWASP "CSV injection", CWE-1236).
//! A text cell whose first character (after spaces) is `=`, `+`, `-`, `@`,
//! tab or carriage return is run as a formula by Excel, LibreOffice and
//! Sheets, quoting or not; a leading `'` makes it plain text.

use std::borrow::Cow;

/// Does a spreadsheet treat this text as a formula?
pub fn is_formula_like(text: &str) -> bool {
    matches!(
        text.trim_start_matches(' ').chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
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

    proptest! {
        #[test]
        fn output_never_starts_a_formula(s in ".*") {
            let out = neutralise(&s);
            prop_assert!(!is_formula_like(&out) || out.starts_with('\''));
            // Nothing is lost: the original text follows the prefix.
            prop_assert!(out.ends_with(s.as_str()));
        }
    }
}
