//! The labels of the reproducibility stamp (`content::stamp_lines`).

use std::borrow::Cow;

use crate::i18n::{Lang, Message};

/// One line's label; the value beside it is data (names, hashes, times).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StampLabel<'a> {
    Tool,
    CriteriaSet,
    CriteriaSha256,
    DataFile,
    DataSha256,
    /// The set a `[[results]]` prefix reads.
    ResultSet {
        prefix: &'a str,
    },
    ResultSetSha256 {
        prefix: &'a str,
    },
    ResultDataFile {
        prefix: &'a str,
    },
    ResultDataSha256 {
        prefix: &'a str,
    },
    WhatIfChanges,
    Generated,
}

impl Message for StampLabel<'_> {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use Lang::{En, Vi};
        use StampLabel as L;
        match (self, lang) {
            (L::Tool, Vi) => Cow::Borrowed("Công cụ"),
            (L::Tool, En) => Cow::Borrowed("Tool"),
            (L::CriteriaSet, Vi) => Cow::Borrowed("Bộ tiêu chí"),
            (L::CriteriaSet, En) => Cow::Borrowed("Criteria set"),
            (L::CriteriaSha256, Vi) => Cow::Borrowed("SHA-256 bộ tiêu chí"),
            (L::CriteriaSha256, En) => Cow::Borrowed("Criteria SHA-256"),
            (L::DataFile, Vi) => Cow::Borrowed("Tệp số liệu"),
            (L::DataFile, En) => Cow::Borrowed("Data file"),
            (L::DataSha256, Vi) => Cow::Borrowed("SHA-256 số liệu"),
            (L::DataSha256, En) => Cow::Borrowed("Data SHA-256"),
            (L::ResultSet { prefix: p }, Vi) => Cow::Owned(format!("Bộ tiêu chí \"{p}\"")),
            (L::ResultSet { prefix: p }, En) => Cow::Owned(format!("Criteria set \"{p}\"")),
            (L::ResultSetSha256 { prefix: p }, Vi) => Cow::Owned(format!("SHA-256 bộ \"{p}\"")),
            (L::ResultSetSha256 { prefix: p }, En) => {
                Cow::Owned(format!("Criteria SHA-256 \"{p}\""))
            }
            (L::ResultDataFile { prefix: p }, Vi) => Cow::Owned(format!("Tệp số liệu \"{p}\"")),
            (L::ResultDataFile { prefix: p }, En) => Cow::Owned(format!("Data file \"{p}\"")),
            (L::ResultDataSha256 { prefix: p }, Vi) => {
                Cow::Owned(format!("SHA-256 số liệu \"{p}\""))
            }
            (L::ResultDataSha256 { prefix: p }, En) => Cow::Owned(format!("Data SHA-256 \"{p}\"")),
            (L::WhatIfChanges, Vi) => Cow::Borrowed("Thay đổi thử (--set)"),
            (L::WhatIfChanges, En) => Cow::Borrowed("What-if changes (--set)"),
            (L::Generated, Vi) => Cow::Borrowed("Thời điểm lập"),
            (L::Generated, En) => Cow::Borrowed("Generated"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamp_labels_read_in_both_languages() {
        let sha = StampLabel::ResultSetSha256 { prefix: "km" };
        assert_eq!(sha.words(Lang::Vi), "SHA-256 bộ \"km\"");
        assert_eq!(sha.words(Lang::En), "Criteria SHA-256 \"km\"");
        assert_eq!(StampLabel::Generated.words(Lang::Vi), "Thời điểm lập");
        assert_eq!(StampLabel::Generated.words(Lang::En), "Generated");
    }
}
