//! The sentences of a document an office files (`report::filing`, the Word
//! report and the HTML page's header): its opening, the items of its
//! sections, the notes of its annex, the line an annex is attached by.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::i18n::{Lang, Message};
use crate::model::Day;
use crate::report::filing::{BLANK, lowercase_first, uppercase_first};
use crate::report::words::num_in;

/// A sentence of a filed report, with its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilingMessage<'a> {
    /// "Cửa Lò, ngày 15 tháng 12 năm 2023": where and when it was signed.
    PlaceAndDate { place: Option<&'a str>, date: Day },
    /// The report's opening: who assessed how many units, on what basis.
    Opening {
        basis: Option<&'a str>,
        issuer: Option<&'a str>,
        /// The set's title, which names the work ("Chấm điểm …").
        title: &'a str,
        /// " 2023", or "" without a period.
        period: &'a str,
        units: usize,
    },
    /// The report's subject under its title: "Kết quả chấm điểm … 2023".
    Subject { title: &'a str, period: &'a str },
    /// How many of the units a rating has.
    RatingCount {
        rating: &'a str,
        count: usize,
        units: usize,
    },
    /// How many of the units are not considered.
    NotConsideredCount { count: usize, units: usize },
    /// "đơn vị" / "unit(s)" after a count.
    UnitsNoun { count: usize },
    /// What a leader leads with: its pass count `met` ("8/10") or `score`.
    LeaderStanding {
        by_count: bool,
        met: &'a str,
        score: Decimal,
    },
    /// Units with the leader's pass count `standing`, ranked after it by
    /// the set's later ranking keys (points, in a set judged by the count).
    SameCountAsLeader { names: &'a str, standing: &'a str },
    /// Units sharing first place, for the council to settle.
    SharedFirst {
        /// "Cụm 1: ", or "" without clusters.
        place: &'a str,
        names: &'a str,
        standing: &'a str,
        tied: &'a str,
    },
    /// A unit a condition held back, and the rating it has.
    HeldBack {
        unit: &'a str,
        gates: &'a str,
        rating: &'a str,
    },
    /// A unit a quota lowered from `from` to `to`.
    LoweredByQuota {
        unit: &'a str,
        score: Decimal,
        from: &'a str,
        to: &'a str,
    },
    /// A unit a downgrade lowered from `from` to `to`, and `why`.
    Downgraded {
        unit: &'a str,
        score: Decimal,
        from: &'a str,
        to: &'a str,
        why: &'a str,
    },
    /// A unit not considered, and `why`.
    NotConsideredUnit {
        unit: &'a str,
        score: Decimal,
        why: &'a str,
    },
    /// Results computed with the criteria set changed by `changes`.
    WhatIf { changes: &'a str },
    /// The annex's note on a unit a downgrade lowered.
    DowngradedNote { from: &'a str, ids: &'a str },
    /// The annex's note on a unit a quota lowered.
    LoweredByQuotaNote { from: &'a str },
    /// The line under an annex's heading: the report it is attached to.
    AttachedTo {
        number: &'a str,
        date: Day,
        /// " của UBND …" / " of …", or "" without an issuer.
        of: &'a str,
    },
}

impl Message for FilingMessage<'_> {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use FilingMessage as F;
        let n = |d: &Decimal| num_in(lang, *d);
        Cow::Owned(match (self, lang) {
            (F::PlaceAndDate { place, date }, Lang::Vi) => {
                let words = date.in_words_vi();
                // Nghị định 30's form always has the place: a blank to fill.
                let place = place.unwrap_or(BLANK);
                format!("{place}, {words}")
            }
            (F::PlaceAndDate { place, date }, Lang::En) => match place {
                Some(p) => format!("{p}, {}", date.in_words_en()),
                None => date.in_words_en(),
            },
            (
                F::Opening {
                    basis,
                    issuer,
                    title,
                    period,
                    units,
                },
                Lang::Vi,
            ) => {
                let mut lead = String::new();
                if let Some(b) = basis {
                    lead.push_str(&format!("Căn cứ {b}, "));
                }
                // Who assessed, or a blank to fill: the sentence needs its subject.
                lead.push_str(issuer.unwrap_or(BLANK));
                let lead = format!("{lead} đã");
                // A set's title names the work ("Chấm điểm …", "Xét công
                // nhận …"): it continues the sentence.
                let work = lowercase_first(title);
                format!("{lead} tiến hành {work}{period} đối với {units} đơn vị. Kết quả như sau:")
            }
            (
                F::Opening {
                    basis,
                    issuer,
                    title,
                    period,
                    units,
                },
                Lang::En,
            ) => {
                let basis = basis.map(|b| format!("Under {b}, ")).unwrap_or_default();
                let who = issuer.unwrap_or("we");
                uppercase_first(&format!(
                    "{basis}{who} assessed {units} units: \"{title}\"{period}. The results are as follows:"
                ))
            }
            (F::Subject { title, period }, Lang::Vi) => {
                format!("Kết quả {}{period}", lowercase_first(title))
            }
            (F::Subject { title, period }, Lang::En) => format!("Results of {title}{period}"),
            (
                F::RatingCount {
                    rating,
                    count,
                    units,
                },
                Lang::Vi,
            ) => format!("{rating}: {count}/{units} đơn vị;"),
            (
                F::RatingCount {
                    rating,
                    count,
                    units,
                },
                Lang::En,
            ) => format!("{rating}: {count} of {units} units;"),
            (F::NotConsideredCount { count, units }, Lang::Vi) => {
                format!("Chưa xét: {count}/{units} đơn vị;")
            }
            (F::NotConsideredCount { count, units }, Lang::En) => {
                format!("Not considered: {count} of {units} units;")
            }
            (F::UnitsNoun { .. }, Lang::Vi) => "đơn vị".to_string(),
            (F::UnitsNoun { count }, Lang::En) => {
                if *count == 1 { "unit" } else { "units" }.to_string()
            }
            (
                F::LeaderStanding {
                    by_count,
                    met,
                    score,
                },
                Lang::Vi,
            ) => {
                if *by_count {
                    format!("{met} tiêu chí")
                } else {
                    format!("{} điểm", n(score))
                }
            }
            (
                F::LeaderStanding {
                    by_count,
                    met,
                    score,
                },
                Lang::En,
            ) => {
                if *by_count {
                    format!("{met} criteria met")
                } else {
                    format!("{} points", n(score))
                }
            }
            (F::SameCountAsLeader { names, standing }, Lang::Vi) => format!(
                " ({names} cũng đạt {standing}, xếp sau theo thứ tự xếp hạng của bộ tiêu chí)"
            ),
            (F::SameCountAsLeader { names, standing }, Lang::En) => format!(
                " ({names} also with {standing}, ranked after it by the set's ranking order)"
            ),
            (
                F::SharedFirst {
                    place,
                    names,
                    standing,
                    tied,
                },
                Lang::Vi,
            ) => format!(
                "{place}{names} cùng đạt {standing}, {tied}; đề nghị Hội đồng thi đua, khen thưởng xem xét, quyết định;"
            ),
            (
                F::SharedFirst {
                    place,
                    names,
                    standing,
                    tied,
                },
                Lang::En,
            ) => format!(
                "{place}{names} have {standing} each: {tied}; for the emulation council to settle;"
            ),
            (
                F::HeldBack {
                    unit,
                    gates,
                    rating,
                },
                Lang::Vi,
            ) => format!("{unit}: không đạt điều kiện \"{gates}\"; xếp loại \"{rating}\";"),
            (
                F::HeldBack {
                    unit,
                    gates,
                    rating,
                },
                Lang::En,
            ) => format!("{unit}: failed \"{gates}\"; rated \"{rating}\";"),
            (
                F::LoweredByQuota {
                    unit,
                    score,
                    from,
                    to,
                },
                Lang::Vi,
            ) => format!(
                "{unit} ({} điểm): đủ điều kiện \"{from}\", xếp \"{to}\" do vượt tỷ lệ;",
                n(score)
            ),
            (
                F::LoweredByQuota {
                    unit,
                    score,
                    from,
                    to,
                },
                Lang::En,
            ) => format!(
                "{unit} ({} points): qualified for \"{from}\", rated \"{to}\" by the quota;",
                n(score)
            ),
            (
                F::Downgraded {
                    unit,
                    score,
                    from,
                    to,
                    why,
                },
                Lang::Vi,
            ) => format!(
                "{unit} ({} điểm): đủ điều kiện \"{from}\", hạ xuống \"{to}\" ({why});",
                n(score)
            ),
            (
                F::Downgraded {
                    unit,
                    score,
                    from,
                    to,
                    why,
                },
                Lang::En,
            ) => format!(
                "{unit} ({} points): qualified for \"{from}\", downgraded to \"{to}\" ({why});",
                n(score)
            ),
            (F::NotConsideredUnit { unit, score, why }, Lang::Vi) => {
                format!("{unit} ({} điểm): {why};", n(score))
            }
            (F::NotConsideredUnit { unit, score, why }, Lang::En) => {
                format!("{unit} ({} points): {why};", n(score))
            }
            (F::WhatIf { changes }, Lang::Vi) => {
                format!("KẾT QUẢ THỬ NGHIỆM, đã thay đổi bộ tiêu chí: {changes}.")
            }
            (F::WhatIf { changes }, Lang::En) => {
                format!("WHAT-IF RESULT, the criteria set was changed: {changes}.")
            }
            (F::DowngradedNote { from, ids }, Lang::Vi) => format!("Hạ bậc từ \"{from}\" ({ids})"),
            (F::DowngradedNote { from, ids }, Lang::En) => {
                format!("Downgraded from \"{from}\" ({ids})")
            }
            (F::LoweredByQuotaNote { from }, Lang::Vi) => format!("Hạ từ \"{from}\" do vượt tỷ lệ"),
            (F::LoweredByQuotaNote { from }, Lang::En) => {
                format!("Lowered from \"{from}\" by the quota")
            }
            (F::AttachedTo { number, date, of }, Lang::Vi) => {
                format!("(Kèm theo Báo cáo số {number} {}{of})", date.in_words_vi())
            }
            (F::AttachedTo { number, date, of }, Lang::En) => format!(
                "(Attached to Report No. {number} of {}{of})",
                date.in_words_en()
            ),
        })
    }
}
