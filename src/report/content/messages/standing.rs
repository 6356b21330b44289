//! What documents say about a unit's standing beyond its points
//! (`content::standing`): downgrades, units not considered, shared first
//! places.

use std::borrow::Cow;

use crate::i18n::{Lang, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StandingMessage<'a> {
    /// What the note on a shared first place (`tied`) means.
    TiedFirstLegend {
        tied: &'a str,
    },
    /// How many units a downgrade lowered, and the downgrades that did.
    DowngradedLegend {
        units: usize,
        downgrades: &'a str,
    },
    /// How many units were not considered, and why.
    NotConsideredLegend {
        units: usize,
        exclusions: &'a str,
    },
    DowngradesHeading,
    /// A downgrade: its indicator holding "yes" lowers the rating `steps`.
    Downgrade {
        id: &'a str,
        title: &'a str,
        column: &'a str,
        steps: u32,
    },
    ExclusionsHeading,
    /// An exclusion: its indicator holding "yes" sets the unit apart.
    Exclusion {
        id: &'a str,
        title: &'a str,
        column: &'a str,
    },
    /// Why this unit has no rating.
    UnitNotConsidered {
        exclusions: &'a str,
    },
    /// A downgrade lowered the unit's rating `from` to `to`.
    DowngradeLowered {
        downgrades: &'a str,
        from: &'a str,
        to: &'a str,
    },
    /// A downgrade holds but the rating `from` is the lowest already.
    DowngradeAtLowest {
        downgrades: &'a str,
        from: &'a str,
    },
}

impl Message for StandingMessage<'_> {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use Lang::{En, Vi};
        use StandingMessage as M;
        match (self, lang) {
            (M::TiedFirstLegend { tied }, Vi) => Cow::Owned(format!(
                "\"{tied}\": các đơn vị bằng nhau trên mọi tiêu chí xếp hạng; cụm thi đua bình xét, suy tôn một đơn vị, chương trình không tự phân định."
            )),
            (M::TiedFirstLegend { tied }, En) => Cow::Owned(format!(
                "\"{tied}\": the units are equal on every ranking key; the cluster votes for one of them, the program does not pick."
            )),
            (M::DowngradedLegend { units, downgrades }, Vi) => Cow::Owned(format!(
                "↓ {units} đơn vị bị hạ bậc xếp loại ({downgrades}); việc hạ bậc xét trước hạn mức."
            )),
            (M::DowngradedLegend { units, downgrades }, En) => Cow::Owned(format!(
                "↓ {units} unit(s) downgraded ({downgrades}); downgrades apply before quotas."
            )),
            (M::NotConsideredLegend { units, exclusions }, Vi) => Cow::Owned(format!(
                "{units} đơn vị chưa xét ({exclusions}): vẫn được chấm điểm nhưng không xếp loại, không xếp hạng và không tính vào hạn mức; liệt kê sau các đơn vị được xếp hạng."
            )),
            (M::NotConsideredLegend { units, exclusions }, En) => Cow::Owned(format!(
                "{units} unit(s) not considered ({exclusions}): scored, but neither rated nor ranked, and not counted in quotas; listed after the ranked units."
            )),
            (M::DowngradesHeading, Vi) => {
                Cow::Borrowed("Hạ bậc xếp loại (xét sau điều kiện của từng loại, trước hạn mức)")
            }
            (M::DowngradesHeading, En) => {
                Cow::Borrowed("Downgrades (after each rating's conditions, before quotas)")
            }
            (
                M::Downgrade {
                    id,
                    title,
                    column,
                    steps,
                },
                Vi,
            ) => Cow::Owned(format!("{id} {title}: {column} = có → hạ {steps} bậc")),
            (
                M::Downgrade {
                    id,
                    title,
                    column,
                    steps,
                },
                En,
            ) => Cow::Owned(format!(
                "{id} {title}: {column} = yes → {steps} rating(s) lower"
            )),
            (M::ExclusionsHeading, Vi) => {
                Cow::Borrowed("Chưa xét (vẫn chấm điểm, không xếp loại, không xếp hạng)")
            }
            (M::ExclusionsHeading, En) => {
                Cow::Borrowed("Not considered (scored, neither rated nor ranked)")
            }
            (M::Exclusion { id, title, column }, Vi) => {
                Cow::Owned(format!("{id} {title}: {column} = có"))
            }
            (M::Exclusion { id, title, column }, En) => {
                Cow::Owned(format!("{id} {title}: {column} = yes"))
            }
            (M::UnitNotConsidered { exclusions }, Vi) => Cow::Owned(format!(
                "Đơn vị chưa xét ({exclusions}): điểm được chấm như trên nhưng không xếp loại, không xếp hạng và không tính vào hạn mức."
            )),
            (M::UnitNotConsidered { exclusions }, En) => Cow::Owned(format!(
                "The unit is not considered ({exclusions}): its points are scored as above, but it is neither rated nor ranked, and not counted in quotas."
            )),
            (
                M::DowngradeLowered {
                    downgrades,
                    from,
                    to,
                },
                Vi,
            ) => Cow::Owned(format!(
                "Hạ bậc ({downgrades}): theo điều kiện đạt \"{from}\", hạ xuống \"{to}\" trước khi xét hạn mức."
            )),
            (
                M::DowngradeLowered {
                    downgrades,
                    from,
                    to,
                },
                En,
            ) => Cow::Owned(format!(
                "Downgraded ({downgrades}): its conditions earn \"{from}\", lowered to \"{to}\" before quotas."
            )),
            (M::DowngradeAtLowest { downgrades, from }, Vi) => Cow::Owned(format!(
                "Thuộc diện hạ bậc ({downgrades}), nhưng \"{from}\" đã là mức thấp nhất."
            )),
            (M::DowngradeAtLowest { downgrades, from }, En) => Cow::Owned(format!(
                "A downgrade holds ({downgrades}), but \"{from}\" is already the lowest rating."
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standing_messages_read_in_both_languages() {
        let downgrade = StandingMessage::Downgrade {
            id: "H1",
            title: "Vi phạm",
            column: "vi_pham",
            steps: 1,
        };
        assert_eq!(
            downgrade.words(Lang::Vi),
            "H1 Vi phạm: vi_pham = có → hạ 1 bậc"
        );
        assert_eq!(
            downgrade.words(Lang::En),
            "H1 Vi phạm: vi_pham = yes → 1 rating(s) lower"
        );
        let lowest = StandingMessage::DowngradeAtLowest {
            downgrades: "H1",
            from: "Không hoàn thành",
        };
        assert_eq!(
            lowest.words(Lang::Vi),
            "Thuộc diện hạ bậc (H1), nhưng \"Không hoàn thành\" đã là mức thấp nhất."
        );
        assert_eq!(
            lowest.words(Lang::En),
            "A downgrade holds (H1), but \"Không hoàn thành\" is already the lowest rating."
        );
    }
}
