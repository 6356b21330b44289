//! Messages about data across files: another set's results read back,
//! stages of one assessment, lineage (mergers) between periods, and
//! units collected from several files.
//!
//! One `match (self, lang)` per enum, no catch-all arm: the compiler
//! refuses a message that lacks either language.

use std::borrow::Cow;

use crate::i18n::{Lang, Message};
use crate::load::lineage::{NEW_ID, OLD_ID};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResultsMessage {
    // src/load/results.rs
    RatingWithoutLevel {
        id: String,
        prefix: String,
        r: String,
        other_id: String,
        ratings: String,
    },
    LevelWithoutRating {
        id: String,
        prefix: String,
        label: String,
        other_id: String,
        ratings: String,
    },
    NotConsidered {
        id: String,
        name: String,
        other_id: String,
        other_file: String,
        indicator: String,
    },
    MissingUnit {
        id: String,
        name: String,
        prefix: String,
        other_id: String,
        other_file: String,
        same: Option<String>,
    },
    // src/load/collect.rs
    SameIdOtherValues {
        id: String,
        there: String,
        differ: String,
    },
    /// Most units of `first` are in `second` too, with other values: two
    /// periods' files, most likely, which `compare` puts side by side.
    TwoPeriods {
        first: String,
        second: String,
        units: usize,
    },
    SameNameOtherId {
        name: String,
        other: String,
        there: String,
    },
    ClusterSpellingAcrossFiles {
        name: String,
        n: usize,
        there: String,
    },
    // src/load/stages.rs
    StageWithoutIdColumn {
        id_column: String,
        label: String,
    },
    /// A later stage's column close to one the set reads, but not it.
    StageColumnMisspelt {
        column: String,
        label: String,
        wanted: String,
    },
    StageRowWithoutId,
    StageDuplicateId {
        first_line: usize,
    },
    NotInFirstStage {
        label: String,
        first_label: String,
        first_file: String,
    },
    /// A column only later stages have, which none of them fills for a
    /// unit they do not list.
    NoStageRowForColumn {
        column: String,
        label: String,
        unit: String,
    },
    // src/load/lineage.rs
    LineageHeader,
    BlankOldId,
    UnknownOldId,
    OldIdMappedTwice {
        first: usize,
    },
    BlankNewId,
    UnknownNewId,
    NoLineageRows,
}

impl Message for ResultsMessage {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            // src/load/results.rs
            (
                Self::RatingWithoutLevel {
                    id,
                    prefix,
                    r,
                    other_id,
                    ratings,
                },
                Lang::Vi,
            ) => Cow::Owned(format!(
                "\"{id}\" chấm theo xếp loại \"{prefix}.rating\" nhưng không ghi mức cho xếp loại \"{r}\" của bộ \"{other_id}\"; hãy ghi đủ mọi xếp loại ({ratings}), kể cả loại được 0 điểm"
            )),
            (
                Self::RatingWithoutLevel {
                    id,
                    prefix,
                    r,
                    other_id,
                    ratings,
                },
                Lang::En,
            ) => Cow::Owned(format!(
                "\"{id}\" scores the rating \"{prefix}.rating\" but gives no level for the rating \"{r}\" of the set \"{other_id}\"; list every rating ({ratings}), with 0 points where it earns none"
            )),
            (
                Self::LevelWithoutRating {
                    id,
                    prefix,
                    label,
                    other_id,
                    ratings,
                },
                Lang::Vi,
            ) => Cow::Owned(format!(
                "\"{id}\" chấm theo xếp loại \"{prefix}.rating\" với mức \"{label}\", nhưng bộ \"{other_id}\" không có xếp loại nào có mã đó; các xếp loại: {ratings}"
            )),
            (
                Self::LevelWithoutRating {
                    id,
                    prefix,
                    label,
                    other_id,
                    ratings,
                },
                Lang::En,
            ) => Cow::Owned(format!(
                "\"{id}\" scores the rating \"{prefix}.rating\" with the level \"{label}\", but the set \"{other_id}\" has no rating with that id; its ratings: {ratings}"
            )),
            (
                Self::NotConsidered {
                    id,
                    name,
                    other_id,
                    other_file,
                    indicator,
                },
                Lang::Vi,
            ) => Cow::Owned(format!(
                "đơn vị \"{id}\" ({name}) thuộc diện chưa xét ở bộ \"{other_id}\" (tệp {other_file}) nên không có hạng, không có xếp loại cho \"{indicator}\"; hãy ghi \"allow_na = true\" ở mọi tiêu chí đọc \"{indicator}\""
            )),
            (
                Self::NotConsidered {
                    id,
                    name,
                    other_id,
                    other_file,
                    indicator,
                },
                Lang::En,
            ) => Cow::Owned(format!(
                "the unit \"{id}\" ({name}) is not considered in the set \"{other_id}\" (file {other_file}), so \"{indicator}\" (its rank or rating there) has no value; set \"allow_na = true\" on every criterion that reads \"{indicator}\""
            )),
            (
                Self::MissingUnit {
                    id,
                    name,
                    prefix,
                    other_id,
                    other_file,
                    same,
                },
                Lang::Vi,
            ) => Cow::Owned(format!(
                "đơn vị \"{id}\" ({name}) không có trong kết quả \"{prefix}\" (bộ \"{other_id}\", tệp {other_file}); hãy bổ sung đơn vị vào tệp đó, hoặc ghi \"allow_na = true\" ở mọi tiêu chí đọc \"{prefix}.…\".{hv}",
                hv = same.as_ref().map_or(String::new(), |s| format!(
                    " Ở đó có \"{s}\"; có phải cùng một đơn vị?"
                ))
            )),
            (
                Self::MissingUnit {
                    id,
                    name,
                    prefix,
                    other_id,
                    other_file,
                    same,
                },
                Lang::En,
            ) => Cow::Owned(format!(
                "the unit \"{id}\" ({name}) is not in the results \"{prefix}\" (set \"{other_id}\", file {other_file}); add it to that file, or set \"allow_na = true\" on every criterion that reads \"{prefix}.…\".{he}",
                he = same.as_ref().map_or(String::new(), |s| format!(
                    " It has \"{s}\"; is that the same unit?"
                ))
            )),
            // src/load/collect.rs
            (Self::SameIdOtherValues { id, there, differ }, Lang::Vi) => Cow::Owned(format!(
                "mã đơn vị \"{id}\" đã có ở {there} với số liệu khác (cột {differ}); hãy sửa một trong hai tệp, hoặc chạy lại với --keep first (giữ bản đọc trước) hoặc --keep last (giữ bản đọc sau)"
            )),
            (Self::SameIdOtherValues { id, there, differ }, Lang::En) => Cow::Owned(format!(
                "the unit id \"{id}\" is also at {there} with other values (columns {differ}); fix one of the files, or run again with --keep first (keep the one read first) or --keep last (the one read last)"
            )),
            (
                Self::TwoPeriods {
                    first,
                    second,
                    units,
                },
                Lang::Vi,
            ) => Cow::Owned(format!(
                "{units} đơn vị của {first} cũng có trong tệp này nhưng với số liệu khác: nếu đây là số liệu của hai kỳ (hai năm, hai đợt), hãy so sánh bằng lệnh compare (wardscore compare BỘ_TIÊU_CHÍ {first} {second}); --keep chỉ giữ một trong hai bản"
            )),
            (
                Self::TwoPeriods {
                    first,
                    second,
                    units,
                },
                Lang::En,
            ) => Cow::Owned(format!(
                "{units} units of {first} are in this file again with other values: if these are two periods' data (two years, two rounds), put them side by side with compare (wardscore compare SET {first} {second}); --keep keeps only one of the two"
            )),
            (Self::SameNameOtherId { name, other, there }, Lang::Vi) => Cow::Owned(format!(
                "tên đơn vị \"{name}\" đã dùng cho mã \"{other}\" ở {there}; một đơn vị phải có một mã: sửa mã hoặc tên cho đúng"
            )),
            (Self::ClusterSpellingAcrossFiles { name, n, there }, Lang::Vi) => Cow::Owned(format!(
                "tên cụm gần giống \"{name}\" ({n} đơn vị, lần đầu ở {there}), chỉ khác chữ hoa/thường, dấu cách hoặc dấu tiếng Việt; tệp gộp phải viết mỗi cụm một cách: sửa lại tên cụm trong tệp này"
            )),
            (Self::ClusterSpellingAcrossFiles { name, n, there }, Lang::En) => Cow::Owned(format!(
                "this cluster name is nearly \"{name}\" ({n} units, first at {there}), differing only in case, spaces or diacritics; the combined file must spell each cluster one way: correct it in this file"
            )),
            (Self::SameNameOtherId { name, other, there }, Lang::En) => Cow::Owned(format!(
                "the unit name \"{name}\" is already used by the id \"{other}\" at {there}; a unit has one id: correct the id or the name"
            )),
            // src/load/stages.rs
            (Self::StageWithoutIdColumn { id_column, label }, Lang::Vi) => Cow::Owned(format!(
                "thiếu cột mã đơn vị \"{id_column}\": không biết dòng nào của giai đoạn \"{label}\" là của đơn vị nào"
            )),
            (Self::StageWithoutIdColumn { id_column, label }, Lang::En) => Cow::Owned(format!(
                "the unit id column \"{id_column}\" is missing: which row of the stage \"{label}\" belongs to which unit cannot be told"
            )),
            (
                Self::StageColumnMisspelt {
                    column,
                    label,
                    wanted,
                },
                Lang::Vi,
            ) => Cow::Owned(format!(
                "cột \"{column}\" của giai đoạn \"{label}\" không phải cột bộ tiêu chí đọc, nên các ô của nó không sửa được gì; có phải là \"{wanted}\"? Hãy sửa tên cột"
            )),
            (
                Self::StageColumnMisspelt {
                    column,
                    label,
                    wanted,
                },
                Lang::En,
            ) => Cow::Owned(format!(
                "the column \"{column}\" of the stage \"{label}\" is not one the set reads, so its cells change nothing; did you mean \"{wanted}\"? Correct the column's name"
            )),
            (Self::StageRowWithoutId, Lang::Vi) => {
                Cow::Borrowed("dòng có số liệu nhưng thiếu mã đơn vị")
            }
            (Self::StageRowWithoutId, Lang::En) => {
                Cow::Borrowed("the row has values but no unit id")
            }
            (Self::StageDuplicateId { first_line }, Lang::Vi) => Cow::Owned(format!(
                "mã đơn vị bị trùng trong giai đoạn này (đã có ở dòng {first_line})"
            )),
            (Self::StageDuplicateId { first_line }, Lang::En) => Cow::Owned(format!(
                "duplicate unit id in this stage (already on line {first_line})"
            )),
            (
                Self::NotInFirstStage {
                    label,
                    first_label,
                    first_file,
                },
                Lang::Vi,
            ) => Cow::Owned(format!(
                "đơn vị này có ở giai đoạn \"{label}\" nhưng không có ở giai đoạn đầu \"{first_label}\" ({first_file}); mỗi đơn vị phải có từ giai đoạn đầu"
            )),
            (
                Self::NotInFirstStage {
                    label,
                    first_label,
                    first_file,
                },
                Lang::En,
            ) => Cow::Owned(format!(
                "this unit is in the stage \"{label}\" but not in the first stage \"{first_label}\" ({first_file}); every unit must be in the first stage"
            )),
            (
                Self::NoStageRowForColumn {
                    column,
                    label,
                    unit,
                },
                Lang::Vi,
            ) => Cow::Owned(format!(
                "cột \"{column}\" chỉ có từ giai đoạn \"{label}\", nhưng tệp này không có dòng nào cho đơn vị {unit} nên đơn vị không có giá trị của cột: hãy thêm dòng của đơn vị {unit}, ghi giá trị vào cột đó"
            )),
            (
                Self::NoStageRowForColumn {
                    column,
                    label,
                    unit,
                },
                Lang::En,
            ) => Cow::Owned(format!(
                "the column \"{column}\" only comes in at the stage \"{label}\", but this file has no row for the unit {unit}, so it has no value in that column: add a row for {unit} with a value in that column"
            )),
            // src/load/lineage.rs
            (Self::LineageHeader, Lang::Vi) => Cow::Owned(format!(
                "dòng tiêu đề phải có hai cột \"{OLD_ID}\" (mã đơn vị cũ) và \"{NEW_ID}\" (mã đơn vị mới sau sáp nhập)"
            )),
            (Self::LineageHeader, Lang::En) => Cow::Owned(format!(
                "the header row must have the columns \"{OLD_ID}\" (the old unit's id) and \"{NEW_ID}\" (the new unit's id after the merger)"
            )),
            (Self::BlankOldId, Lang::Vi) => Cow::Borrowed("thiếu mã đơn vị cũ"),
            (Self::BlankOldId, Lang::En) => Cow::Borrowed("the old unit's id is blank"),
            (Self::UnknownOldId, Lang::Vi) => {
                Cow::Borrowed("không có đơn vị nào mang mã này trong số liệu kỳ trước")
            }
            (Self::UnknownOldId, Lang::En) => {
                Cow::Borrowed("no unit has this id in the earlier period's data")
            }
            (Self::OldIdMappedTwice { first }, Lang::Vi) => Cow::Owned(format!(
                "đơn vị cũ này đã được gán cho một đơn vị mới ở dòng {first}; mỗi đơn vị cũ chỉ sáp nhập vào một đơn vị mới"
            )),
            (Self::OldIdMappedTwice { first }, Lang::En) => Cow::Owned(format!(
                "this old unit is already mapped on line {first}; an old unit goes into one new unit only"
            )),
            (Self::BlankNewId, Lang::Vi) => Cow::Borrowed("thiếu mã đơn vị mới"),
            (Self::BlankNewId, Lang::En) => Cow::Borrowed("the new unit's id is blank"),
            (Self::UnknownNewId, Lang::Vi) => {
                Cow::Borrowed("không có đơn vị nào mang mã này trong số liệu kỳ sau")
            }
            (Self::UnknownNewId, Lang::En) => {
                Cow::Borrowed("no unit has this id in the last period's data")
            }
            (Self::NoLineageRows, Lang::Vi) => Cow::Borrowed(
                "tệp không có dòng nào (chỉ có dòng tiêu đề); mỗi dòng ghi một đơn vị cũ và đơn vị mới nó sáp nhập vào",
            ),
            (Self::NoLineageRows, Lang::En) => Cow::Borrowed(
                "the file has no rows (only the header); write one old unit and the new unit it went into per row",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::both;

    #[test]
    fn results_messages_read_in_both_languages() {
        let missing = ResultsMessage::MissingUnit {
            id: "P1".into(),
            name: "Phường 1".into(),
            prefix: "km".into(),
            other_id: "kieu-mau".into(),
            other_file: "km.csv".into(),
            same: Some("P01".into()),
        };
        assert_eq!(
            both(&missing),
            (
                "đơn vị \"P1\" (Phường 1) không có trong kết quả \"km\" (bộ \"kieu-mau\", tệp km.csv); hãy bổ sung đơn vị vào tệp đó, hoặc ghi \"allow_na = true\" ở mọi tiêu chí đọc \"km.…\". Ở đó có \"P01\"; có phải cùng một đơn vị?".into(),
                "the unit \"P1\" (Phường 1) is not in the results \"km\" (set \"kieu-mau\", file km.csv); add it to that file, or set \"allow_na = true\" on every criterion that reads \"km.…\". It has \"P01\"; is that the same unit?".into()
            )
        );
        assert_eq!(
            both(&ResultsMessage::LineageHeader),
            (
                "dòng tiêu đề phải có hai cột \"old_id\" (mã đơn vị cũ) và \"new_id\" (mã đơn vị mới sau sáp nhập)".into(),
                "the header row must have the columns \"old_id\" (the old unit's id) and \"new_id\" (the new unit's id after the merger)".into()
            )
        );
        assert_eq!(
            both(&ResultsMessage::StageDuplicateId { first_line: 4 }),
            (
                "mã đơn vị bị trùng trong giai đoạn này (đã có ở dòng 4)".into(),
                "duplicate unit id in this stage (already on line 4)".into()
            )
        );
    }
}
