//! What a comparison says of merged units (`content::lineage`).

use std::borrow::Cow;

use crate::i18n::{Lang, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineageMessage {
    Heading,
    /// Why the old units' scores stand side by side.
    SideBySide,
}

impl Message for LineageMessage {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use Lang::{En, Vi};
        use LineageMessage as M;
        Cow::Borrowed(match (self, lang) {
            (M::Heading, Vi) => "Đơn vị sau sáp nhập và các đơn vị cũ",
            (M::Heading, En) => "Merged units and the units they came from",
            (M::SideBySide, Vi) => {
                "Điểm của các đơn vị cũ ghi cạnh nhau, không cộng, không lấy trung bình: đơn vị mới không có điểm kỳ trước."
            }
            (M::SideBySide, En) => {
                "The old units' scores are shown side by side, never added or averaged: the new unit has no score of its own in the earlier period."
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lineage_messages_read_in_both_languages() {
        assert_eq!(
            LineageMessage::Heading.words(Lang::Vi),
            "Đơn vị sau sáp nhập và các đơn vị cũ"
        );
        assert_eq!(
            LineageMessage::Heading.words(Lang::En),
            "Merged units and the units they came from"
        );
    }
}
