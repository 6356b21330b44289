//! Data files' messages: reading a table (encoding, rows, limits), its
//! header and columns, each cell against its column's rules, plausibility,
//! and the warnings about names and clusters.
//!
//! One `match (self, lang)` per enum, no catch-all arm: the compiler
//! refuses a message that lacks either language.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::{Hint, Thing};
use crate::i18n::{Lang, Message};
use crate::load::data::example;
use crate::load::guidance::Splitting;
use crate::load::table::{MAX_CELL_BYTES, MAX_COLUMNS, MAX_LINE_BYTES, MAX_RECORD_BYTES};
use crate::load::text::DecimalStyle;
use crate::load::text::YES_NO_TOKENS;

/// What a row that is no unit lacks (see [`DataMessage::NotAUnit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lacking {
    Id,
    Name,
    IdAndName,
}

/// Spacing in a name other than single plain spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spacing {
    /// Two spaces or more in a row.
    Repeated,
    Tab,
    /// A line break inside the cell (Alt+Enter in Excel).
    LineBreak,
    /// A no-break or other wide space (text copied from the web or Word).
    NoBreak,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataMessage {
    // src/load/data.rs
    UnnamedColumn {
        n: usize,
    },
    ColumnNameTwice {
        h: String,
    },
    /// A column the set needs is missing; `rename` is a column of the file
    /// close enough to be the one meant.
    MissingColumn {
        name: String,
        why: Thing,
        rename: Option<String>,
    },
    BlankId,
    DuplicateId {
        first: usize,
    },
    /// The unit id is the one on line `first` but for letter case.
    IdOtherCase {
        first: usize,
    },
    BlankName,
    BlankCluster,
    MixedDecimalStyles {
        now: DecimalStyle,
        first_line: usize,
        first: String,
        was: DecimalStyle,
    },
    UnclearSeparator,
    NoUnits,
    // src/load/data/cells.rs
    BlankTarget {
        users: String,
    },
    BlankCell {
        users: String,
    },
    /// A workbook cell that reads as blank holds a formula whose result was
    /// never stored.
    FormulaNotCalculated {
        formula: String,
    },
    NotApplicableRefused {
        users: String,
    },
    NotYesNo,
    NotALevel,
    NotAListedLevel {
        allowed: String,
        hint: Hint,
    },
    NotANumber {
        style: DecimalStyle,
    },
    WrongSeparator {
        found: char,
        style: DecimalStyle,
    },
    TooManyDigits,
    BadGrouping {
        style: DecimalStyle,
    },
    /// A number written with thousands separators that `style` reads,
    /// where no style was given: `plain` is it without them.
    GroupedWithoutStyle {
        style: DecimalStyle,
        plain: String,
        /// The separators are spaces (read in either style).
        spaced: bool,
    },
    /// A message about a number column's cell that shows a date or time.
    ShowsADate(Box<DataMessage>),
    // src/load/plausible.rs
    LooksLikeFractions,
    NegativeCountOrPoints {
        users: String,
    },
    OverMaxPoints {
        max: Decimal,
        users: String,
    },
    NegativeCount {
        users: String,
    },
    /// A fraction in a column declared whole (`whole = true`).
    NotWhole {
        users: String,
    },
    OutsidePercent {
        span: Span,
        users: String,
    },
    OutsideDeclared {
        span: Span,
        users: String,
    },
    StrayFraction {
        percent: Decimal,
    },
    // src/load/warnings.rs
    SingleUnitCluster,
    ClusterSpelling {
        name: String,
        line: usize,
        n: usize,
    },
    DuplicateName {
        first: usize,
    },
    /// Spacing in a name made one plain space, said as what it was.
    ExtraSpaces {
        what: Spacing,
    },
    /// A row with no id whose cell `label` names it a totals row.
    TotalsRow {
        label: String,
    },
    /// A row with text (`text`: its name, id or first words) but no id or
    /// no name, and figures in fewer than half the columns it needs.
    NotAUnit {
        lacking: Lacking,
        text: String,
    },
    /// A name holding `?`, as a code page without Vietnamese letters
    /// writes them.
    LettersLost,
    SheetForCsv {
        sheet: String,
    },
    // src/load/guidance.rs
    Utf16WithoutBom {
        encoding: &'static str,
    },
    CrLineEndings,
    WrongDelimiter {
        shown: &'static str,
        n: usize,
        splitting: Splitting,
    },
    FitsShippedSet {
        id: String,
        file: String,
    },
    HeaderBelowTitle {
        found: usize,
        header_line: usize,
        above: usize,
        title: String,
    },
    // src/load/table.rs
    NotUtf8,
    LineTooLong,
    RecordTooLong,
    /// The csv crate's own error; only the old reader the tests compare
    /// with (`table::csv_crate`) meets one: csv_core never fails.
    #[cfg(test)]
    BadRecord {
        e: String,
    },
    CellTooLong,
    TooManyColumns {
        n: usize,
    },
    RowWidth {
        got: usize,
        want: usize,
    },
    /// A row of the wrong width whose quoted cell runs on to line `last`:
    /// most often a quote never closed, which takes in the lines below.
    RowWidthAcrossLines {
        got: usize,
        want: usize,
        last: usize,
    },
    EmptyFile,
    /// The operating system's error, in its own words in each language.
    CannotRead {
        error_vi: String,
        error: String,
    },
}

impl Message for DataMessage {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            // src/load/data.rs
            (Self::UnnamedColumn { n }, Lang::Vi) => {
                Cow::Owned(format!("cột thứ {n} không có tên ở dòng tiêu đề"))
            }
            (Self::UnnamedColumn { n }, Lang::En) => {
                Cow::Owned(format!("column {n} has no name in the header row"))
            }
            (Self::ColumnNameTwice { h }, Lang::Vi) => {
                Cow::Owned(format!("tên cột \"{h}\" xuất hiện hai lần ở dòng tiêu đề"))
            }
            (Self::MissingColumn { name, why, rename }, Lang::Vi) => Cow::Owned(format!(
                "thiếu cột \"{name}\" ({}).{}",
                why.words(lang),
                rename.as_ref().map_or(String::new(), |found| format!(
                    " Hãy đổi tên cột \"{found}\" thành \"{name}\"."
                ))
            )),
            (Self::MissingColumn { name, why, rename }, Lang::En) => Cow::Owned(format!(
                "the column \"{name}\" is missing ({}).{}",
                why.words(lang),
                rename.as_ref().map_or(String::new(), |found| format!(
                    " Rename the column \"{found}\" to \"{name}\"."
                ))
            )),
            (Self::ColumnNameTwice { h }, Lang::En) => Cow::Owned(format!(
                "the column name \"{h}\" appears twice in the header row"
            )),
            (Self::BlankId, Lang::Vi) => Cow::Borrowed("thiếu mã đơn vị"),
            (Self::BlankId, Lang::En) => Cow::Borrowed("the unit id is blank"),
            (Self::DuplicateId { first }, Lang::Vi) => {
                Cow::Owned(format!("mã đơn vị bị trùng (đã có ở dòng {first})"))
            }
            (Self::DuplicateId { first }, Lang::En) => {
                Cow::Owned(format!("duplicate unit id (already on line {first})"))
            }
            (Self::IdOtherCase { first }, Lang::Vi) => Cow::Owned(format!(
                "mã đơn vị chỉ khác mã ở dòng {first} về chữ hoa, chữ thường: nếu là cùng một đơn vị thì hãy xoá một dòng; nếu là hai đơn vị thì nên đặt hai mã khác hẳn nhau"
            )),
            (Self::IdOtherCase { first }, Lang::En) => Cow::Owned(format!(
                "the unit id differs from the one on line {first} only in letter case: if they are the same unit, delete one row; if two units, give them clearly different ids"
            )),
            (Self::BlankName, Lang::Vi) => Cow::Borrowed("thiếu tên đơn vị"),
            (Self::BlankName, Lang::En) => Cow::Borrowed("the unit name is blank"),
            (Self::BlankCluster, Lang::Vi) => Cow::Borrowed("thiếu cụm thi đua của đơn vị"),
            (Self::BlankCluster, Lang::En) => {
                Cow::Borrowed("the unit's emulation cluster is blank")
            }
            (
                Self::MixedDecimalStyles {
                    now,
                    first_line,
                    first,
                    was,
                },
                Lang::Vi,
            ) => Cow::Owned(format!(
                "tệp trộn hai kiểu dấu thập phân: ô này viết kiểu {now}, nhưng từ dòng {first_line} (cột \"{first}\") tệp viết kiểu {was}. Sửa cho thống nhất, hoặc chạy lại với --decimal point hoặc --decimal comma",
                now = example(*now),
                was = example(*was)
            )),
            (
                Self::MixedDecimalStyles {
                    now,
                    first_line,
                    first,
                    was,
                },
                Lang::En,
            ) => Cow::Owned(format!(
                "the file mixes decimal styles: this cell is written like {now}, but from line {first_line} (column \"{first}\") the file writes {was}. Make them consistent, or run again with --decimal point or --decimal comma",
                now = example(*now),
                was = example(*was)
            )),
            (Self::UnclearSeparator, Lang::Vi) => Cow::Borrowed(
                "không rõ dấu \".\"/\",\" là dấu thập phân hay dấu phân cách hàng nghìn; chạy lại với --decimal point (85.5) hoặc --decimal comma (85,5)",
            ),
            (Self::UnclearSeparator, Lang::En) => Cow::Borrowed(
                "it is unclear whether \".\"/\",\" is a decimal or a thousands separator here; run again with --decimal point (85.5) or --decimal comma (85,5)",
            ),
            (Self::NoUnits, Lang::Vi) => Cow::Borrowed(
                "tệp không có đơn vị nào (chỉ có dòng tiêu đề); hãy nhập số liệu của từng đơn vị, mỗi đơn vị một dòng",
            ),
            (Self::NoUnits, Lang::En) => Cow::Borrowed(
                "the file has no units (only the header row); enter each unit's data, one unit per row",
            ),
            // src/load/data/cells.rs
            (Self::BlankTarget { users }, Lang::Vi) => Cow::Owned(format!(
                "ô trống; hãy nhập chỉ tiêu được giao cho {users} (bộ tiêu chí yêu cầu mọi đơn vị có chỉ tiêu: no_target = \"error\")"
            )),
            (Self::BlankTarget { users }, Lang::En) => Cow::Owned(format!(
                "the cell is blank; enter the target set for {users} (the criteria set requires every unit to have one: no_target = \"error\")"
            )),
            (Self::BlankCell { users }, Lang::Vi) => Cow::Owned(format!(
                "ô trống; hãy nhập giá trị cho {users} (bộ tiêu chí không cho phép bỏ trống: missing = \"error\")"
            )),
            (Self::BlankCell { users }, Lang::En) => Cow::Owned(format!(
                "the cell is blank; enter a value for {users} (the criteria set does not allow blanks: missing = \"error\")"
            )),
            (Self::FormulaNotCalculated { formula }, Lang::Vi) => Cow::Owned(format!(
                "ô có công thức ={formula} nhưng chưa có kết quả đã tính (phần mềm tạo ra tệp không tính công thức): hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại, rồi chạy lại"
            )),
            (Self::FormulaNotCalculated { formula }, Lang::En) => Cow::Owned(format!(
                "the cell holds the formula ={formula} but no calculated result (the program that made the file did not calculate it): open the file in Excel or LibreOffice, save it, and run again"
            )),
            (Self::NotApplicableRefused { users }, Lang::Vi) => Cow::Owned(format!(
                "\"không áp dụng\" không được chấp nhận ở đây: {users} không cho phép N/A (cần allow_na = true trong bộ tiêu chí)"
            )),
            (Self::NotApplicableRefused { users }, Lang::En) => Cow::Owned(format!(
                "\"not applicable\" is not accepted here: {users} does not allow N/A (the criteria set would need allow_na = true)"
            )),
            (Self::NotYesNo, Lang::Vi) => Cow::Owned(format!(
                "không phải giá trị có/không; dùng một trong: {tokens}",
                tokens = YES_NO_TOKENS.join(", ")
            )),
            (Self::NotYesNo, Lang::En) => Cow::Owned(format!(
                "is not a yes/no value; use one of: {tokens}",
                tokens = YES_NO_TOKENS.join(", ")
            )),
            (Self::NotALevel, Lang::Vi) => Cow::Borrowed("không phải mức hợp lệ"),
            (Self::NotALevel, Lang::En) => Cow::Borrowed("is not an allowed level"),
            (Self::NotAListedLevel { allowed, hint }, Lang::Vi) => Cow::Owned(format!(
                "không phải mức hợp lệ; các mức được dùng: {allowed}.{hv}",
                hv = hint.words(Lang::Vi)
            )),
            (Self::NotAListedLevel { allowed, hint }, Lang::En) => Cow::Owned(format!(
                "is not an allowed level; the levels are: {allowed}.{he}",
                he = hint.words(Lang::En)
            )),
            (Self::NotANumber { style }, Lang::Vi) => Cow::Owned(format!(
                "không phải là số; cần một số như {example} (có thể kèm %)",
                example = example(*style)
            )),
            (Self::NotANumber { style }, Lang::En) => Cow::Owned(format!(
                "is not a number; expected a number such as {example} (a % sign is allowed)",
                example = example(*style)
            )),
            (Self::WrongSeparator { found, style }, Lang::Vi) => Cow::Owned(format!(
                "dấu \"{found}\" không hợp với kiểu số của tệp (ví dụ {example}); sửa lại, hoặc chỉ rõ bằng --decimal point|comma",
                example = example(*style)
            )),
            (Self::WrongSeparator { found, style }, Lang::En) => Cow::Owned(format!(
                "the \"{found}\" does not fit the file's number style (e.g. {example}); fix it, or say which with --decimal point|comma",
                example = example(*style)
            )),
            (Self::TooManyDigits, Lang::Vi) => Cow::Borrowed("số quá dài (quá 28 chữ số có nghĩa)"),
            (Self::TooManyDigits, Lang::En) => {
                Cow::Borrowed("the number is too long (more than 28 significant digits)")
            }
            (
                Self::GroupedWithoutStyle {
                    style,
                    plain,
                    spaced,
                },
                Lang::Vi,
            ) => Cow::Owned(format!(
                "số có dấu phân cách hàng nghìn ({mark}), chỉ được đọc khi kiểu số được chỉ rõ: hãy viết không có dấu phân cách ({plain}), hoặc chạy lại với --decimal {name}",
                mark = if *spaced {
                    "dấu cách".to_string()
                } else {
                    format!("\"{}\"", grouping(*style).1)
                },
                name = style_name(*style)
            )),
            (
                Self::GroupedWithoutStyle {
                    style,
                    plain,
                    spaced,
                },
                Lang::En,
            ) => Cow::Owned(format!(
                "the number has thousands separators ({mark}), which are read only when the number style is given: write it without them ({plain}), or run again with --decimal {name}",
                mark = if *spaced {
                    "spaces".to_string()
                } else {
                    format!("\"{}\"", grouping(*style).1)
                },
                name = style_name(*style)
            )),
            (Self::BadGrouping { style }, Lang::Vi) => Cow::Owned(format!(
                "dấu phân cách hàng nghìn phải chia nhóm 3 chữ số (ví dụ {grouped}); nếu tệp dùng dấu \"{mark}\" làm dấu thập phân, hãy chạy lại với --decimal {other}",
                grouped = grouping(*style).0,
                mark = grouping(*style).1,
                other = grouping(*style).2
            )),
            (Self::BadGrouping { style }, Lang::En) => Cow::Owned(format!(
                "thousands separators must split groups of 3 digits (e.g. {grouped}); if the file's decimal mark is \"{mark}\", run again with --decimal {other}",
                grouped = grouping(*style).0,
                mark = grouping(*style).1,
                other = grouping(*style).2
            )),
            (Self::ShowsADate(message), Lang::Vi) => Cow::Owned(format!(
                "{}; ô này đang hiển thị ngày/giờ: nếu đây là số liệu, hãy định dạng lại ô thành kiểu Số (Number) trong bảng tính",
                message.words(lang)
            )),
            (Self::ShowsADate(message), Lang::En) => Cow::Owned(format!(
                "{}; the cell shows a date or time: if it holds a number, format the cell as Number in the spreadsheet",
                message.words(lang)
            )),
            // src/load/plausible.rs
            (Self::LooksLikeFractions, Lang::Vi) => Cow::Borrowed(
                "cột tỷ lệ phần trăm này có mọi giá trị từ 0 đến 1: có vẻ đã nhập dạng phân số (0,95 thay cho 95%); hãy nhập số phần trăm (95). Nếu các tỷ lệ thật sự nhỏ như vậy, hãy khai báo range cho cột này trong bộ tiêu chí",
            ),
            (Self::LooksLikeFractions, Lang::En) => Cow::Borrowed(
                "every value in this percentage column is between 0 and 1: it looks like fractions (0.95 for 95%); type the percentage (95). If the rates really are this small, declare a range for the column in the criteria set",
            ),
            (Self::NegativeCountOrPoints { users }, Lang::Vi) => Cow::Owned(format!(
                "không được âm (là số lượng hoặc số điểm cho {users})"
            )),
            (Self::NegativeCountOrPoints { users }, Lang::En) => Cow::Owned(format!(
                "must not be negative (it is a count or points for {users})"
            )),
            (Self::OverMaxPoints { max, users }, Lang::Vi) => {
                Cow::Owned(format!("vượt số điểm tối đa {max} của {users}"))
            }
            (Self::OverMaxPoints { max, users }, Lang::En) => {
                Cow::Owned(format!("exceeds the maximum of {max} points of {users}"))
            }
            (Self::NegativeCount { users }, Lang::Vi) => Cow::Owned(format!(
                "không được âm: đây là số lượng (số vụ, số trường hợp…) cho {users}"
            )),
            (Self::NegativeCount { users }, Lang::En) => Cow::Owned(format!(
                "must not be negative: it is a count (of cases, people…) for {users}"
            )),
            (Self::NotWhole { users }, Lang::Vi) => Cow::Owned(format!(
                "phải là số nguyên: bộ tiêu chí khai báo cột này đếm số lượng (số vụ, số người…) cho {users}"
            )),
            (Self::NotWhole { users }, Lang::En) => Cow::Owned(format!(
                "must be a whole number: the criteria set declares this column a count (of cases, people…) for {users}"
            )),
            (Self::OutsidePercent { span, users }, Lang::Vi) => Cow::Owned(format!(
                "nằm ngoài khoảng {span_vi} của một tỷ lệ phần trăm ({users}); nếu tỷ lệ này thật sự có thể vượt khoảng đó, bộ tiêu chí cần khai báo range",
                span_vi = span.words(Lang::Vi)
            )),
            (Self::OutsidePercent { span, users }, Lang::En) => Cow::Owned(format!(
                "is outside {span_en}, the range of a percentage ({users}); if this rate can really go beyond it, the criteria set must declare a range",
                span_en = span.words(Lang::En)
            )),
            (Self::OutsideDeclared { span, users }, Lang::Vi) => Cow::Owned(format!(
                "nằm ngoài khoảng hợp lý {span_vi} mà bộ tiêu chí khai báo cho {users} (range)",
                span_vi = span.words(Lang::Vi)
            )),
            (Self::OutsideDeclared { span, users }, Lang::En) => Cow::Owned(format!(
                "is outside the plausible range {span_en} the criteria set declares for {users} (range)",
                span_en = span.words(Lang::En)
            )),
            (Self::StrayFraction { percent }, Lang::Vi) => Cow::Owned(format!(
                "tỷ lệ dưới 1% trong khi các đơn vị khác ghi số phần trăm lớn hơn 1; nếu ý là {percent}% thì hãy nhập {percent}"
            )),
            (Self::StrayFraction { percent }, Lang::En) => Cow::Owned(format!(
                "a rate below 1% while other units write percentages above 1; if {percent}% is meant, type {percent}"
            )),
            // src/load/warnings.rs
            (Self::SingleUnitCluster, Lang::Vi) => Cow::Borrowed(
                "cụm này chỉ có một đơn vị, nên đơn vị đó đứng đầu cụm; kiểm tra lại tên cụm",
            ),
            (Self::SingleUnitCluster, Lang::En) => Cow::Borrowed(
                "this cluster has a single unit, which therefore ranks first in it; check the cluster's name",
            ),
            (Self::ClusterSpelling { name, line, n }, Lang::Vi) => Cow::Owned(format!(
                "tên cụm gần giống \"{name}\" (dòng {line}, {n} đơn vị), chỉ khác chữ hoa/thường, dấu cách hoặc dấu tiếng Việt; viết khác nhau thì bị xếp hạng thành hai cụm riêng. Hãy thống nhất một cách viết"
            )),
            (Self::ClusterSpelling { name, line, n }, Lang::En) => Cow::Owned(format!(
                "this cluster name is nearly \"{name}\" (line {line}, {n} units), differing only in case, spaces or diacritics; spelled differently they are ranked as separate clusters. Spell them one way"
            )),
            (Self::DuplicateName { first }, Lang::Vi) => Cow::Owned(format!(
                "tên đơn vị trùng với đơn vị ở dòng {first}; trong báo cáo sẽ khó phân biệt hai đơn vị (mã đơn vị vẫn khác nhau)"
            )),
            (Self::DuplicateName { first }, Lang::En) => Cow::Owned(format!(
                "the same unit name as on line {first}; the two units will be hard to tell apart in reports (their ids differ)"
            )),
            (Self::ExtraSpaces { what }, Lang::Vi) => Cow::Owned(format!(
                "tên có {}; đã thay bằng một dấu cách thường",
                match what {
                    Spacing::Repeated => "dấu cách thừa (hai dấu cách liền nhau)",
                    Spacing::Tab => "dấu tab",
                    Spacing::LineBreak => "dấu xuống dòng trong ô (Alt+Enter)",
                    Spacing::NoBreak => {
                        "dấu cách không ngắt (thường do chép chữ từ trang web hoặc Word)"
                    }
                }
            )),
            (Self::ExtraSpaces { what }, Lang::En) => Cow::Owned(format!(
                "the name has {}; made one plain space",
                match what {
                    Spacing::Repeated => "extra spaces (two in a row)",
                    Spacing::Tab => "a tab",
                    Spacing::LineBreak => "a line break inside the cell (Alt+Enter)",
                    Spacing::NoBreak =>
                        "a no-break space (often from text copied from the web or Word)",
                }
            )),
            (Self::TotalsRow { label }, Lang::Vi) => Cow::Owned(format!(
                "dòng này là dòng tổng (\"{label}\"), không phải một đơn vị: bảng số liệu chỉ gồm các đơn vị, mỗi đơn vị một dòng; hãy xoá dòng này (chương trình tự tính tổng và xếp hạng)"
            )),
            (Self::TotalsRow { label }, Lang::En) => Cow::Owned(format!(
                "this is a totals row (\"{label}\"), not a unit: the data holds units only, one a row; delete this row (the tool adds up and ranks on its own)"
            )),
            (Self::NotAUnit { lacking, text }, Lang::Vi) => Cow::Owned(format!(
                "dòng này {} và gần như không có số liệu (\"{text}\"): có lẽ là dòng ghi chú, chữ ký hoặc tiêu đề. Bảng số liệu chỉ gồm các đơn vị, mỗi đơn vị một dòng: hãy xoá dòng này (ghi chú thì để ở trang tính khác); nếu đây là một đơn vị thì hãy điền {} và số liệu của đơn vị",
                match lacking {
                    Lacking::Id => "không có mã đơn vị",
                    Lacking::Name => "không có tên đơn vị",
                    Lacking::IdAndName => "không có mã và tên đơn vị",
                },
                match lacking {
                    Lacking::Id => "mã",
                    Lacking::Name => "tên",
                    Lacking::IdAndName => "mã, tên",
                }
            )),
            (Self::NotAUnit { lacking, text }, Lang::En) => Cow::Owned(format!(
                "this row has no unit {} and hardly any figures (\"{text}\"): a note, signature or heading line? The data holds units only, one a row: delete this row (keep notes on another sheet); if it is a unit, fill in its {} and figures",
                match lacking {
                    Lacking::Id => "id",
                    Lacking::Name => "name",
                    Lacking::IdAndName => "id or name",
                },
                match lacking {
                    Lacking::Id => "id",
                    Lacking::Name => "name",
                    Lacking::IdAndName => "id, name",
                }
            )),
            (Self::LettersLost, Lang::Vi) => Cow::Borrowed(
                "tên có dấu \"?\": Excel ghi dấu này thay cho chữ có dấu khi lưu tệp bằng bảng mã không có tiếng Việt (\"CSV (Comma delimited)\" trên Windows tiếng Anh), nên chữ gốc đã mất. Hãy lưu lại tệp từ bảng tính gốc dưới dạng \"CSV UTF-8\" hoặc .xlsx",
            ),
            (Self::LettersLost, Lang::En) => Cow::Borrowed(
                "the name holds \"?\": Excel writes it in place of letters the file's code page cannot hold (\"CSV (Comma delimited)\" on an English Windows), so the letters are lost. Save the file again from the original sheet as \"CSV UTF-8\" or .xlsx",
            ),
            (Self::SheetForCsv { sheet }, Lang::Vi) => Cow::Owned(format!(
                "--sheet \"{sheet}\" không dùng được cho tệp này: tệp CSV không có trang tính (sheet); tùy chọn này chỉ dùng cho tệp .xlsx, .xls, .ods"
            )),
            (Self::SheetForCsv { sheet }, Lang::En) => Cow::Owned(format!(
                "--sheet \"{sheet}\" does not apply here: a CSV file has no sheets; the option is for .xlsx, .xls and .ods files"
            )),
            // src/load/guidance.rs
            (Self::Utf16WithoutBom { encoding }, Lang::Vi) => Cow::Owned(format!(
                "tệp có vẻ được lưu bằng bảng mã UTF-16 nhưng không có dấu BOM ở đầu tệp; hãy lưu lại bằng \"CSV UTF-8\" trong Excel, hoặc chạy lại với --encoding {encoding}"
            )),
            (Self::Utf16WithoutBom { encoding }, Lang::En) => Cow::Owned(format!(
                "the file looks like UTF-16 without a byte-order mark; save it as \"CSV UTF-8\" in Excel, or run again with --encoding {encoding}"
            )),
            (Self::CrLineEndings, Lang::Vi) => Cow::Borrowed(
                "tệp dùng ký tự CR làm dấu xuống dòng (kiểu máy Mac cũ), nên cả tệp bị đọc thành một dòng; hãy lưu lại bằng \"CSV UTF-8\" trong Excel, hoặc đổi dấu xuống dòng sang LF hoặc CRLF trong trình soạn thảo",
            ),
            (Self::CrLineEndings, Lang::En) => Cow::Borrowed(
                "the file ends its lines with CR only (old Mac style), so it reads as one line; save it as \"CSV UTF-8\" in Excel, or change the line endings to LF or CRLF in an editor",
            ),
            (
                Self::WrongDelimiter {
                    shown,
                    n,
                    splitting,
                },
                lang,
            ) => Cow::Owned(wrong_delimiter(lang, shown, *n, *splitting)),
            (Self::FitsShippedSet { id, file }, Lang::Vi) => Cow::Owned(format!(
                "các cột của tệp khớp với bộ tiêu chí có sẵn \"{id}\"; có lẽ cần chạy: wardscore score {id} {file}"
            )),
            (Self::FitsShippedSet { id, file }, Lang::En) => Cow::Owned(format!(
                "the file's columns fit the shipped set \"{id}\"; did you mean: wardscore score {id} {file}"
            )),
            (
                Self::HeaderBelowTitle {
                    found,
                    header_line,
                    above,
                    title,
                },
                Lang::Vi,
            ) => Cow::Owned(format!(
                "dòng tiêu đề (tên các cột) nằm ở dòng {found}, không phải dòng {header_line}: {above} dòng phía trên{title} có vẻ là tên bảng. Hãy xóa {above} dòng đó để tên các cột nằm ở dòng đầu tiên, rồi chạy lại"
            )),
            (
                Self::HeaderBelowTitle {
                    found,
                    header_line,
                    above,
                    title,
                },
                Lang::En,
            ) => Cow::Owned(format!(
                "the header (the column names) is on line {found}, not line {header_line}: the {above} line(s) above it{title} look like a title. Delete them so the column names are on the first line, and run again"
            )),
            // src/load/table.rs
            (Self::NotUtf8, Lang::Vi) => Cow::Borrowed(
                "tệp không phải UTF-8. Hãy lưu lại bằng \"CSV UTF-8\" trong Excel, hoặc nếu tệp từ máy cũ dùng bảng mã Windows-1258, chạy lại với --encoding windows-1258",
            ),
            (Self::NotUtf8, Lang::En) => Cow::Borrowed(
                "the file is not UTF-8. Save it as \"CSV UTF-8\" in Excel or, if it comes from an old machine using Windows-1258, run again with --encoding windows-1258",
            ),
            (Self::LineTooLong, Lang::Vi) => Cow::Owned(format!(
                "dòng dài hơn {max} MB mà không xuống dòng; đây không phải bảng số liệu",
                max = MAX_LINE_BYTES >> 20
            )),
            (Self::LineTooLong, Lang::En) => Cow::Owned(format!(
                "the line runs past {max} MB without a line break; this is not a data table",
                max = MAX_LINE_BYTES >> 20
            )),
            (Self::RecordTooLong, Lang::Vi) => Cow::Owned(format!(
                "hàng bắt đầu từ dòng này dài hơn {max} MB, có lẽ vì một dấu ngoặc kép (\") mở ra mà không đóng lại; đây không phải bảng số liệu",
                max = MAX_RECORD_BYTES >> 20
            )),
            (Self::RecordTooLong, Lang::En) => Cow::Owned(format!(
                "the row starting on this line runs past {max} MB, probably because a quote (\") opens a field that never closes; this is not a data table",
                max = MAX_RECORD_BYTES >> 20
            )),
            #[cfg(test)]
            (Self::BadRecord { e }, Lang::Vi) => {
                Cow::Owned(format!("không đọc được dòng CSV: {e}"))
            }
            #[cfg(test)]
            (Self::BadRecord { e }, Lang::En) => {
                Cow::Owned(format!("cannot read the CSV record: {e}"))
            }
            (Self::CellTooLong, Lang::Vi) => Cow::Owned(format!(
                "dòng có một ô dài hơn {max} byte; đây không phải số liệu",
                max = MAX_CELL_BYTES
            )),
            (Self::CellTooLong, Lang::En) => Cow::Owned(format!(
                "the row has a cell longer than {max} bytes; this is not data",
                max = MAX_CELL_BYTES
            )),
            (Self::TooManyColumns { n }, Lang::Vi) => Cow::Owned(format!(
                "dòng tiêu đề có {n} cột, nhiều hơn giới hạn {max}",
                max = MAX_COLUMNS
            )),
            (Self::TooManyColumns { n }, Lang::En) => Cow::Owned(format!(
                "the header row has {n} columns, more than the limit of {max}",
                max = MAX_COLUMNS
            )),
            (Self::RowWidth { got, want }, Lang::Vi) => Cow::Owned(format!(
                "dòng có {got} ô nhưng tiêu đề có {want} cột (thừa hoặc thiếu dấu phân cách?)"
            )),
            (Self::RowWidth { got, want }, Lang::En) => Cow::Owned(format!(
                "the row has {got} fields but the header has {want} columns (a stray or missing delimiter?)"
            )),
            (Self::RowWidthAcrossLines { got, want, last }, Lang::Vi) => Cow::Owned(format!(
                "dòng có {got} ô nhưng tiêu đề có {want} cột, và kéo dài đến dòng {last}: một dấu ngoặc kép (\") mở ở dòng này không được đóng đúng chỗ, nên các dòng bên dưới bị đọc thành một ô; hãy kiểm tra dấu ngoặc kép"
            )),
            (Self::RowWidthAcrossLines { got, want, last }, Lang::En) => Cow::Owned(format!(
                "the row has {got} fields but the header has {want} columns, and runs on to line {last}: a quote (\") opened in it is not closed where it should be, so the lines below were read as one cell; check the quotes"
            )),
            (Self::EmptyFile, Lang::Vi) => Cow::Borrowed("tệp trống: không có dòng tiêu đề"),
            (Self::EmptyFile, Lang::En) => {
                Cow::Borrowed("the file is empty: there is no header row")
            }
            (Self::CannotRead { error_vi, .. }, Lang::Vi) => {
                Cow::Owned(format!("không đọc được: {error_vi}"))
            }
            (Self::CannotRead { error, .. }, Lang::En) => {
                Cow::Owned(format!("cannot read: {error}"))
            }
        }
    }
}

/// The thousands grouping, the decimal mark and the other style's name,
/// for a number style.
/// The `--decimal` value that reads `style`.
fn style_name(style: DecimalStyle) -> &'static str {
    match style {
        DecimalStyle::Point => "point",
        DecimalStyle::Comma => "comma",
    }
}

fn grouping(style: DecimalStyle) -> (&'static str, &'static str, &'static str) {
    match style {
        DecimalStyle::Point => ("1,234.5", ",", "comma"),
        DecimalStyle::Comma => ("1.234,5", ".", "point"),
    }
}

/// The bounds of a column as a range in words ("từ 0 đến 100", "0 to 100").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
}

impl Message for Span {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self.low, self.high, lang) {
            (Some(lo), Some(hi), Lang::Vi) => Cow::Owned(format!("từ {lo} đến {hi}")),
            (Some(lo), Some(hi), Lang::En) => Cow::Owned(format!("{lo} to {hi}")),
            (Some(lo), None, Lang::Vi) => Cow::Owned(format!("từ {lo} trở lên")),
            (Some(lo), None, Lang::En) => Cow::Owned(format!("≥ {lo}")),
            (None, Some(hi), Lang::Vi) => Cow::Owned(format!("đến {hi}")),
            (None, Some(hi), Lang::En) => Cow::Owned(format!("≤ {hi}")),
            (None, None, Lang::Vi | Lang::En) => Cow::Borrowed(""),
        }
    }
}

/// A header read as one cell that splits on `shown` into `n` of the set's
/// columns: what to do depends on how the rows were split.
fn wrong_delimiter(lang: Lang, shown: &str, n: usize, splitting: Splitting) -> String {
    // `|` is never detected: only `--delimiter` reads it.
    let pipe = shown == "|";
    match (splitting, lang) {
        (Splitting::Sheet, Lang::Vi) => format!(
            "mỗi dòng của trang tính nằm gọn trong một ô; tách theo dấu \"{shown}\" thì có {n} cột mà bộ tiêu chí cần: hãy chọn cột đó, tách bằng Data → Text to Columns (dấu phân cách \"{shown}\") rồi lưu lại"
        ),
        (Splitting::Sheet, Lang::En) => format!(
            "each row of the sheet sits in one cell; split on \"{shown}\" it has {n} of the columns the set needs: select the column, split it with Data → Text to Columns (delimiter \"{shown}\"), and save"
        ),
        (Splitting::NamedByLine(named), Lang::Vi) => {
            let named = char::from(named);
            format!(
                "dòng đầu \"sep={named}\" của tệp chọn dấu \"{named}\" làm dấu phân cách, nên dòng tiêu đề chỉ đọc được một cột; tách theo dấu \"{shown}\" thì có {n} cột mà bộ tiêu chí cần: hãy sửa dòng đó thành \"sep={shown}\", hoặc chạy lại với --delimiter '{shown}'"
            )
        }
        (Splitting::NamedByLine(named), Lang::En) => {
            let named = char::from(named);
            format!(
                "the file's first line \"sep={named}\" names \"{named}\" as the delimiter, so the header reads as a single column; split on \"{shown}\" it has {n} of the columns the set needs: change that line to \"sep={shown}\", or run again with --delimiter '{shown}'"
            )
        }
        (_, Lang::Vi) if pipe => format!(
            "dòng tiêu đề chỉ đọc được một cột; tách theo dấu \"|\" thì có {n} cột mà bộ tiêu chí cần: hãy chạy lại với --delimiter '|' (chương trình không tự nhận dấu này)"
        ),
        (_, Lang::En) if pipe => format!(
            "the header reads as a single column; split on \"|\" it has {n} of the columns the set needs: run again with --delimiter '|' (it is not detected on its own)"
        ),
        (Splitting::Given, Lang::Vi) => format!(
            "dòng tiêu đề chỉ đọc được một cột; tách theo dấu \"{shown}\" thì có {n} cột mà bộ tiêu chí cần: hãy chạy lại với --delimiter '{shown}', hoặc bỏ --delimiter để chương trình tự nhận"
        ),
        (Splitting::Given, Lang::En) => format!(
            "the header reads as a single column; split on \"{shown}\" it has {n} of the columns the set needs: run again with --delimiter '{shown}', or leave out --delimiter to detect it"
        ),
        (Splitting::Detected, Lang::Vi) => format!(
            "dòng tiêu đề chỉ đọc được một cột; tách theo dấu \"{shown}\" thì có {n} cột mà bộ tiêu chí cần: hãy chạy lại với --delimiter '{shown}'"
        ),
        (Splitting::Detected, Lang::En) => format!(
            "the header reads as a single column; split on \"{shown}\" it has {n} of the columns the set needs: run again with --delimiter '{shown}'"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::both;

    #[test]
    fn data_messages_read_in_both_languages() {
        let missing = DataMessage::MissingColumn {
            name: "diem".into(),
            why: Thing::UsedBy {
                users: "K1, K2".into(),
            },
            rename: Some("Diem".into()),
        };
        assert_eq!(
            both(&missing),
            (
                "thiếu cột \"diem\" (dùng bởi K1, K2). Hãy đổi tên cột \"Diem\" thành \"diem\"."
                    .into(),
                "the column \"diem\" is missing (used by K1, K2). Rename the column \"Diem\" to \"diem\"."
                    .into()
            )
        );
        let not_a_number = DataMessage::ShowsADate(Box::new(DataMessage::NotANumber {
            style: DecimalStyle::Comma,
        }));
        assert_eq!(
            both(&not_a_number),
            (
                "không phải là số; cần một số như 85,5 (có thể kèm %); ô này đang hiển thị ngày/giờ: nếu đây là số liệu, hãy định dạng lại ô thành kiểu Số (Number) trong bảng tính".into(),
                "is not a number; expected a number such as 85,5 (a % sign is allowed); the cell shows a date or time: if it holds a number, format the cell as Number in the spreadsheet".into()
            )
        );
        let outside = DataMessage::OutsidePercent {
            span: Span {
                low: Some(Decimal::ZERO),
                high: Some(Decimal::ONE_HUNDRED),
            },
            users: "K3".into(),
        };
        assert_eq!(
            both(&outside),
            (
                "nằm ngoài khoảng từ 0 đến 100 của một tỷ lệ phần trăm (K3); nếu tỷ lệ này thật sự có thể vượt khoảng đó, bộ tiêu chí cần khai báo range".into(),
                "is outside 0 to 100, the range of a percentage (K3); if this rate can really go beyond it, the criteria set must declare a range".into()
            )
        );
        let grouping = DataMessage::BadGrouping {
            style: DecimalStyle::Point,
        };
        assert_eq!(
            both(&grouping),
            (
                "dấu phân cách hàng nghìn phải chia nhóm 3 chữ số (ví dụ 1,234.5); nếu tệp dùng dấu \",\" làm dấu thập phân, hãy chạy lại với --decimal comma".into(),
                "thousands separators must split groups of 3 digits (e.g. 1,234.5); if the file's decimal mark is \",\", run again with --decimal comma".into()
            )
        );
        let width = DataMessage::RowWidth { got: 3, want: 4 };
        assert_eq!(
            both(&width),
            (
                "dòng có 3 ô nhưng tiêu đề có 4 cột (thừa hoặc thiếu dấu phân cách?)".into(),
                "the row has 3 fields but the header has 4 columns (a stray or missing delimiter?)"
                    .into()
            )
        );
        // A range open at one end.
        let above = Span {
            low: Some(Decimal::ONE),
            high: None,
        };
        assert_eq!(both(&above), ("từ 1 trở lên".into(), "≥ 1".into()));
    }
}
