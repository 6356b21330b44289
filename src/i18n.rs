//! The two languages of every user-facing sentence. A [`Text`] always holds
//! both, so no message can exist in one language only.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Vietnamese when the text has any letter outside ASCII that Vietnamese
    /// uses (ă â đ ê ô ơ ư or a tone mark); English otherwise.
    pub fn guess_from(text: &str) -> Lang {
        if text.chars().any(|c| !c.is_ascii() && c.is_alphabetic()) {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// Pick one of two literals.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// One sentence in Vietnamese and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.vi, &self.en)
    }
}

/// `text!(vi: "{n} lỗi", en: "{n} errors")` formats both languages at once.
#[macro_export]
macro_rules! text {
    (vi: $vi:expr, en: $en:expr $(,)?) => {
        $crate::i18n::Text::new(format!($vi), format!($en))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_vietnamese_from_diacritics() {
        assert_eq!(Lang::guess_from("Chấm điểm thi đua"), Lang::Vi);
        assert_eq!(Lang::guess_from("Year-end scoring"), Lang::En);
    }

    #[test]
    fn text_macro_formats_both_languages() {
        let n = 3;
        let t = text!(vi: "{n} lỗi", en: "{n} errors");
        assert_eq!(t.get(Lang::Vi), "3 lỗi");
        assert_eq!(t.get(Lang::En), "3 errors");
    }
}
