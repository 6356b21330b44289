//! Report profiles' messages (the TOML file of a document's letterhead
//! and signature).
//!
//! One `match (self, lang)` per enum, no catch-all arm: the compiler
//! refuses a message that lacks either language.

use std::borrow::Cow;

use super::Hint;
use crate::i18n::{Lang, Message};
use crate::load::profile::{KEYS, MAX_RECIPIENTS};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileMessage {
    // src/load/profile.rs
    TomlSyntax {
        msg: String,
    },
    UnknownKey {
        key: String,
        hint: Hint,
    },
    OneLine {
        key: String,
    },
    NotARealDate,
    TooManyRecipients {
        n: usize,
    },
    MustBe {
        key: String,
        expected: ProfileExpected,
    },
}

impl Message for ProfileMessage {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            // src/load/profile.rs
            (Self::TomlSyntax { msg }, Lang::Vi) => Cow::Owned(format!("lỗi cú pháp TOML: {msg}")),
            (Self::TomlSyntax { msg }, Lang::En) => Cow::Owned(format!("TOML syntax error: {msg}")),
            (Self::UnknownKey { key, hint }, Lang::Vi) => Cow::Owned(format!(
                "khóa \"{key}\" không dùng được trong hồ sơ báo cáo.{hv} Các khóa dùng được: {known}",
                hv = hint.words(Lang::Vi),
                known = KEYS.join(", ")
            )),
            (Self::UnknownKey { key, hint }, Lang::En) => Cow::Owned(format!(
                "unknown key \"{key}\" in a report profile.{he} Known keys: {known}",
                he = hint.words(Lang::En),
                known = KEYS.join(", ")
            )),
            (Self::OneLine { key }, Lang::Vi) => {
                Cow::Owned(format!("\"{key}\" phải nằm trên một dòng"))
            }
            (Self::OneLine { key }, Lang::En) => {
                Cow::Owned(format!("\"{key}\" must be on one line"))
            }
            (Self::NotARealDate, Lang::Vi) => Cow::Borrowed(
                "\"date\" không phải là một ngày có thật; hãy ghi dạng \"2023-12-15\" hoặc \"15/12/2023\"",
            ),
            (Self::NotARealDate, Lang::En) => Cow::Borrowed(
                "\"date\" is not a real date; write it as \"2023-12-15\" or \"15/12/2023\"",
            ),
            (Self::TooManyRecipients { n }, Lang::Vi) => Cow::Owned(format!(
                "\"recipients\" có {n} nơi nhận, quá mức {MAX_RECIPIENTS}"
            )),
            (Self::TooManyRecipients { n }, Lang::En) => Cow::Owned(format!(
                "\"recipients\" lists {n} recipients, more than {MAX_RECIPIENTS}"
            )),
            (Self::MustBe { key, expected }, Lang::Vi) => Cow::Owned(format!(
                "\"{key}\" phải là {vi}",
                vi = expected.words(Lang::Vi)
            )),
            (Self::MustBe { key, expected }, Lang::En) => Cow::Owned(format!(
                "\"{key}\" must be {en}",
                en = expected.words(Lang::En)
            )),
        }
    }
}

/// What a profile key must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileExpected {
    QuotedString,
    Date,
    Recipients,
    Recipient,
}

impl Message for ProfileExpected {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            (Self::QuotedString, Lang::Vi) => Cow::Borrowed("một chuỗi trong ngoặc kép"),
            (Self::QuotedString, Lang::En) => Cow::Borrowed("a quoted string"),
            (Self::Date, Lang::Vi) => Cow::Borrowed("một ngày như \"2023-12-15\""),
            (Self::Date, Lang::En) => Cow::Borrowed("a date such as \"2023-12-15\""),
            (Self::Recipients, Lang::Vi) => {
                Cow::Borrowed("một danh sách chuỗi, như [\"Công an tỉnh (để b/c)\", \"Lưu: VT\"]")
            }
            (Self::Recipients, Lang::En) => {
                Cow::Borrowed("a list of strings, such as [\"Công an tỉnh (để b/c)\", \"Lưu: VT\"]")
            }
            (Self::Recipient, Lang::Vi) => {
                Cow::Borrowed("mỗi nơi nhận là một chuỗi trong ngoặc kép")
            }
            (Self::Recipient, Lang::En) => Cow::Borrowed("each recipient a quoted string"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_messages_read_in_both_languages() {
        let wrong = ProfileMessage::MustBe {
            key: "date".into(),
            expected: ProfileExpected::Date,
        };
        assert_eq!(
            wrong.words(Lang::Vi),
            "\"date\" phải là một ngày như \"2023-12-15\""
        );
        assert_eq!(
            wrong.words(Lang::En),
            "\"date\" must be a date such as \"2023-12-15\""
        );
        let unknown = ProfileMessage::UnknownKey {
            key: "signer".into(),
            hint: Hint(Some("signer_name".into())),
        };
        assert!(
            unknown
                .words(Lang::Vi)
                .starts_with("khóa \"signer\" không dùng được trong hồ sơ báo cáo. Có phải ý bạn là \"signer_name\"? Các khóa dùng được: parent, ")
        );
        assert!(
            unknown
                .words(Lang::En)
                .starts_with("unknown key \"signer\" in a report profile. Did you mean \"signer_name\"? Known keys: parent, ")
        );
    }
}
