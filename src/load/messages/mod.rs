//! The load layer's messages: every sentence said about an input file, by
//! the area of loading that says it.
//!
//! - [`criteria`]: the criteria file (TOML) — its shape and names;
//! - [`check`]: the constraints between a set's figures, and `--set`;
//! - [`data`]: data files and tables (CSV, spreadsheets) and their cells;
//! - [`workbook`]: spreadsheet containers (xlsx, ods, xls) and their limits;
//! - [`results`]: results read back, stages, lineage, collected units;
//! - [`profile`]: report profiles (letterhead and signature).
//!
//! Each is an enum whose variants carry the message's data, worded by one
//! `match (self, lang)` with no catch-all arm ([`crate::i18n::Message`]):
//! a message added in one language only does not compile. A problem keeps
//! its message as a value and words it when shown.

use std::borrow::Cow;

use crate::i18n::{Lang, Message};

pub mod check;
pub mod criteria;
pub mod data;
pub mod profile;
pub mod results;
pub mod workbook;

pub use check::CheckMessage;
pub use criteria::CriteriaMessage;
pub use data::{DataMessage, Lacking, Spacing};
pub use profile::ProfileMessage;
pub use results::ResultsMessage;
pub use workbook::WorkbookMessage;

/// Where a problem sits, in words: the labels of [`super::Column`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    Column,
    Cell,
}

impl Message for Where {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            (Where::Column, Lang::Vi) => Cow::Borrowed("cột"),
            (Where::Column, Lang::En) => Cow::Borrowed("column"),
            (Where::Cell, Lang::Vi) => Cow::Borrowed("ô"),
            (Where::Cell, Lang::En) => Cow::Borrowed("cell"),
        }
    }
}

/// " Did you mean …?" after a misspelt name: the closest name, if any was
/// close enough (see [`super::problem::suggest`]); nothing otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hint(pub Option<String>);

impl Message for Hint {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (&self.0, lang) {
            (Some(s), Lang::Vi) => Cow::Owned(format!(" Có phải ý bạn là \"{s}\"?")),
            (Some(s), Lang::En) => Cow::Owned(format!(" Did you mean \"{s}\"?")),
            (None, Lang::Vi | Lang::En) => Cow::Borrowed(""),
        }
    }
}

/// A name a message is about, where several messages share it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Thing {
    /// A value written in the criteria file.
    ValueOf {
        key: String,
    },
    /// A data file's column name, by its 1-based position.
    ColumnName {
        n: usize,
        name: String,
    },
    UnitId,
    UnitName,
    Cluster,
    /// The criteria reading a column, listed.
    UsedBy {
        users: String,
    },
}

impl Message for Thing {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            (Thing::ValueOf { key }, Lang::Vi) => Cow::Owned(format!("giá trị của \"{key}\"")),
            (Thing::ValueOf { key }, Lang::En) => Cow::Owned(format!("the value of \"{key}\"")),
            (Thing::ColumnName { n, name }, Lang::Vi) => {
                Cow::Owned(format!("tên cột thứ {n} (\"{name}\")"))
            }
            (Thing::ColumnName { n, name }, Lang::En) => {
                Cow::Owned(format!("the name of column {n} (\"{name}\")"))
            }
            (Thing::UnitId, Lang::Vi) => Cow::Borrowed("mã đơn vị"),
            (Thing::UnitId, Lang::En) => Cow::Borrowed("the unit id"),
            (Thing::UnitName, Lang::Vi) => Cow::Borrowed("tên đơn vị"),
            (Thing::UnitName, Lang::En) => Cow::Borrowed("the unit name"),
            (Thing::Cluster, Lang::Vi) => Cow::Borrowed("cụm thi đua"),
            (Thing::Cluster, Lang::En) => Cow::Borrowed("the emulation cluster"),
            (Thing::UsedBy { users }, Lang::Vi) => Cow::Owned(format!("dùng bởi {users}")),
            (Thing::UsedBy { users }, Lang::En) => Cow::Owned(format!("used by {users}")),
        }
    }
}

/// Why `what` is refused when it holds the invisible character `c` at
/// (1-based) `position`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invisible {
    pub what: Thing,
    pub position: usize,
    pub c: char,
}

impl Message for Invisible {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        let Invisible { what, position, c } = self;
        let label = super::invisible::char_label(*c);
        match lang {
            Lang::Vi => Cow::Owned(format!(
                "{} chứa ký tự ẩn {label} ở vị trí thứ {position}; hai tên trông giống hệt nhau sẽ bị coi là khác nhau. Hãy xóa ký tự đó (hoặc gõ lại cả tên)",
                what.words(lang)
            )),
            Lang::En => Cow::Owned(format!(
                "{} holds the invisible character {label} at position {position}; two names that look the same would be read as different. Delete that character (or type the name again)",
                what.words(lang)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_words_read_in_both_languages() {
        assert_eq!(Hint(None).words(Lang::Vi), "");
        assert_eq!(Hint(None).words(Lang::En), "");
        let hint = Hint(Some("points".into()));
        assert_eq!(hint.words(Lang::Vi), " Có phải ý bạn là \"points\"?");
        assert_eq!(hint.words(Lang::En), " Did you mean \"points\"?");
        assert_eq!(Where::Cell.words(Lang::Vi), "ô");
        let invisible = Invisible {
            what: Thing::ColumnName {
                n: 2,
                name: "ma\u{200b}".into(),
            },
            position: 3,
            c: '\u{200b}',
        };
        assert_eq!(
            invisible.words(Lang::Vi),
            "tên cột thứ 2 (\"ma\u{200b}\") chứa ký tự ẩn U+200B ZERO WIDTH SPACE ở vị trí thứ 3; hai tên trông giống hệt nhau sẽ bị coi là khác nhau. Hãy xóa ký tự đó (hoặc gõ lại cả tên)"
        );
        assert_eq!(
            invisible.words(Lang::En),
            "the name of column 2 (\"ma\u{200b}\") holds the invisible character U+200B ZERO WIDTH SPACE at position 3; two names that look the same would be read as different. Delete that character (or type the name again)"
        );
    }
}
