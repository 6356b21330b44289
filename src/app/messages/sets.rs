//! Criteria sets, and the sets they read (`[[results]]`).

use std::borrow::Cow::{self, Borrowed, Owned};

use rust_decimal::Decimal;

use crate::i18n::{Lang, Message};
use crate::report::SetSource;
use crate::report::sanitize::for_terminal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SetMessage {
    /// The argument names no set; `shipped` are the shipped ids, `closest`
    /// the one it may mean.
    UnknownSet {
        arg: String,
        why: UnknownSetWhy,
        shipped: Vec<String>,
        closest: Option<String>,
    },
    /// A `[[results]]` entry names a set found nowhere.
    ResultsSetNotFound {
        criteria: String,
        shipped: Vec<String>,
    },
    ChainTooLong {
        max: usize,
    },
    /// Sets reading each other's results in a circle, named in order.
    Circle {
        sets: Vec<String>,
    },
    /// `check`'s line on a set: for the terminal, its text escaped.
    Summary(Box<Summary>),
    /// `check`'s line on the criteria whose points depend on other units.
    Relative {
        criteria: Vec<RelativeCriterion>,
    },
    /// `check`'s line on a set read through a prefix, and the inputs (with
    /// their users) it fills.
    ReadsResults {
        reader: String,
        other: String,
        prefix: String,
        read: Vec<String>,
    },
}

/// Why an argument names no set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnknownSetWhy {
    NeitherFileNorShipped,
    NotShipped,
}

/// What `check` counts in a set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) source: SetSource,
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) criteria: usize,
    pub(crate) gates: usize,
    pub(crate) adjustments: usize,
    pub(crate) downgrades: usize,
    pub(crate) exclusions: usize,
    pub(crate) ratings: usize,
    pub(crate) total: Decimal,
}

/// A criterion scored against the other units of its scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RelativeCriterion {
    pub(crate) id: String,
    /// A `target` rule (else relative to the best).
    pub(crate) target: bool,
    /// Within each cluster (else across all units).
    pub(crate) cluster: bool,
}

impl Message for UnknownSetWhy {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        Borrowed(match (self, lang) {
            (UnknownSetWhy::NeitherFileNorShipped, Lang::Vi) => {
                "không phải tệp tiêu chí, cũng không phải bộ tiêu chí có sẵn"
            }
            (UnknownSetWhy::NeitherFileNorShipped, Lang::En) => {
                "neither a criteria file nor a shipped set"
            }
            (UnknownSetWhy::NotShipped, Lang::Vi) => "không có bộ tiêu chí có sẵn này",
            (UnknownSetWhy::NotShipped, Lang::En) => "no shipped set",
        })
    }
}

impl Message for RelativeCriterion {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        let kind = match (self.target, lang) {
            (true, Lang::Vi) => "chỉ tiêu",
            (true, Lang::En) => "target",
            (false, Lang::Vi) => "so với đơn vị dẫn đầu",
            (false, Lang::En) => "relative to the best",
        };
        let scope = match (self.cluster, lang) {
            (true, Lang::Vi) => "trong từng cụm",
            (true, Lang::En) => "within each cluster",
            (false, Lang::Vi) => "trên tất cả đơn vị",
            (false, Lang::En) => "across all units",
        };
        Owned(format!("{} ({kind}, {scope})", for_terminal(&self.id)))
    }
}

impl Message for SetMessage {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use SetMessage as M;
        match (self, lang) {
            (
                M::UnknownSet {
                    arg,
                    why,
                    shipped,
                    closest,
                },
                Lang::Vi,
            ) => {
                let hint = closest
                    .as_ref()
                    .map_or_else(String::new, |s| format!(" Có phải ý bạn là \"{s}\"?"));
                Owned(format!(
                    "\"{arg}\": {}; các bộ có sẵn: {}.{hint}",
                    why.words(lang),
                    shipped.join(", ")
                ))
            }
            (
                M::UnknownSet {
                    arg,
                    why,
                    shipped,
                    closest,
                },
                Lang::En,
            ) => {
                let hint = closest
                    .as_ref()
                    .map_or_else(String::new, |s| format!(" Did you mean \"{s}\"?"));
                Owned(format!(
                    "\"{arg}\": {}; shipped sets: {}.{hint}",
                    why.words(lang),
                    shipped.join(", ")
                ))
            }
            (M::ResultsSetNotFound { criteria, shipped }, Lang::Vi) => Owned(format!(
                "không tìm thấy bộ tiêu chí \"{criteria}\": không có tệp này cạnh tệp tiêu chí, cũng không có bộ có sẵn nào mang mã này (bộ có sẵn: {})",
                shipped.join(", ")
            )),
            (M::ResultsSetNotFound { criteria, shipped }, Lang::En) => Owned(format!(
                "cannot find the criteria set \"{criteria}\": there is no such file beside this criteria file, and no shipped set has that id (shipped sets: {})",
                shipped.join(", ")
            )),
            (M::ChainTooLong { max }, Lang::Vi) => Owned(format!(
                "chuỗi các bộ tiêu chí dùng kết quả của nhau dài quá {max} bộ"
            )),
            (M::ChainTooLong { max }, Lang::En) => Owned(format!(
                "the chain of sets reading each other's results is longer than {max} sets"
            )),
            (M::Circle { sets }, Lang::Vi) => Owned(format!(
                "các bộ tiêu chí lấy kết quả của nhau theo vòng khép kín ({}); một bộ không được dùng kết quả của chính nó, dù trực tiếp hay qua bộ khác",
                sets.join(" → ")
            )),
            (M::Circle { sets }, Lang::En) => Owned(format!(
                "the criteria sets read each other's results in a circle ({}); a set may not read its own results, directly or through others",
                sets.join(" → ")
            )),
            (M::Summary(s), Lang::Vi) => {
                let (src, id, title) = s.escaped(lang);
                let (c, g, a, r) = (s.criteria, s.gates, s.adjustments, s.ratings);
                let total = crate::report::words::num(s.total);
                let conditions = match (s.downgrades, s.exclusions) {
                    (0, 0) => String::new(),
                    (h, x) => format!(" {h} điều kiện hạ bậc, {x} điều kiện chưa xét,"),
                };
                Owned(format!(
                    "✓ {src}: bộ \"{id}\" ({title}): {c} tiêu chí, {g} tiêu chí loại trừ, {a} khoản điểm thưởng/trừ,{conditions} {r} xếp loại; tổng {total} điểm\n"
                ))
            }
            (M::Summary(s), Lang::En) => {
                let (src, id, title) = s.escaped(lang);
                let (c, g, a, r) = (s.criteria, s.gates, s.adjustments, s.ratings);
                let total = crate::report::words::num(s.total);
                let conditions = match (s.downgrades, s.exclusions) {
                    (0, 0) => String::new(),
                    (h, x) => format!(" {h} downgrade(s), {x} exclusion(s),"),
                };
                Owned(format!(
                    "✓ {src}: set \"{id}\" ({title}): {c} criteria, {g} gates, {a} adjustments,{conditions} {r} ratings; {total} points in all\n"
                ))
            }
            (M::Relative { criteria }, Lang::Vi) => Owned(format!(
                "  Chấm tương đối: điểm của một đơn vị phụ thuộc số liệu của các đơn vị khác cùng phạm vi ở {}\n",
                listed(criteria, lang)
            )),
            (M::Relative { criteria }, Lang::En) => Owned(format!(
                "  Relative set: a unit's points depend on the other units of its scope in {}\n",
                listed(criteria, lang)
            )),
            (
                M::ReadsResults {
                    reader,
                    other,
                    prefix: p,
                    read,
                },
                Lang::Vi,
            ) => Owned(format!(
                "  Bộ \"{reader}\" dùng kết quả của bộ \"{other}\" qua tiền tố \"{p}\" (cần --result {p}=TỆP_SỐ_LIỆU): {}\n",
                read.join(", ")
            )),
            (
                M::ReadsResults {
                    reader,
                    other,
                    prefix: p,
                    read,
                },
                Lang::En,
            ) => Owned(format!(
                "  The set \"{reader}\" reads the results of \"{other}\" as \"{p}\" (give --result {p}=DATA): {}\n",
                read.join(", ")
            )),
        }
    }
}

impl Summary {
    /// The source, id and title, escaped for the terminal.
    fn escaped(&self, lang: Lang) -> (String, String, String) {
        (
            for_terminal(&self.source.words(lang)).into_owned(),
            for_terminal(&self.id).into_owned(),
            for_terminal(&self.title).into_owned(),
        )
    }
}

fn listed(criteria: &[RelativeCriterion], lang: Lang) -> String {
    criteria
        .iter()
        .map(|c| c.words(lang).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::both;

    fn built_in() -> SetSource {
        SetSource {
            name: "criteria/a.toml".into(),
            built_in: true,
        }
    }

    #[test]
    fn set_messages_read_in_each_language() {
        assert_eq!(
            both(&built_in()),
            (
                "criteria/a.toml (có sẵn)".into(),
                "criteria/a.toml (built in)".into()
            )
        );
        assert_eq!(
            both(&SetMessage::UnknownSet {
                arg: "thi-dau".into(),
                why: UnknownSetWhy::NotShipped,
                shipped: vec!["thi-dua".into(), "an-toan".into()],
                closest: Some("thi-dua".into()),
            }),
            (
                "\"thi-dau\": không có bộ tiêu chí có sẵn này; các bộ có sẵn: thi-dua, an-toan. Có phải ý bạn là \"thi-dua\"?".into(),
                "\"thi-dau\": no shipped set; shipped sets: thi-dua, an-toan. Did you mean \"thi-dua\"?".into()
            )
        );
        let summary = Summary {
            source: built_in(),
            id: "a".into(),
            title: "Thi đua".into(),
            criteria: 5,
            gates: 1,
            adjustments: 2,
            downgrades: 1,
            exclusions: 0,
            ratings: 3,
            total: Decimal::new(1005, 1),
        };
        assert_eq!(
            both(&SetMessage::Summary(Box::new(summary))),
            (
                "✓ criteria/a.toml (có sẵn): bộ \"a\" (Thi đua): 5 tiêu chí, 1 tiêu chí loại trừ, 2 khoản điểm thưởng/trừ, 1 điều kiện hạ bậc, 0 điều kiện chưa xét, 3 xếp loại; tổng 100.5 điểm\n".into(),
                "✓ criteria/a.toml (built in): set \"a\" (Thi đua): 5 criteria, 1 gates, 2 adjustments, 1 downgrade(s), 0 exclusion(s), 3 ratings; 100.5 points in all\n".into()
            )
        );
        let (vi, en) = both(&SetMessage::Relative {
            criteria: vec![RelativeCriterion {
                id: "C1".into(),
                target: true,
                cluster: false,
            }],
        });
        assert!(
            vi.ends_with("cùng phạm vi ở C1 (chỉ tiêu, trên tất cả đơn vị)\n"),
            "{vi}"
        );
        assert!(
            en.ends_with("of its scope in C1 (target, across all units)\n"),
            "{en}"
        );
    }
}
