//! Spreadsheet files' messages: opening the container (xlsx, xlsb, ods,
//! xls), choosing the sheet, and the limits that refuse a hostile file.
//!
//! One `match (self, lang)`, no catch-all arm: the compiler refuses a
//! message that lacks either language.

use std::borrow::Cow;

use super::Hint;
use crate::i18n::{Lang, Message};
use crate::load::workbook::limits::{
    MAX_CELL_BYTES, MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_GRID_CELLS, MAX_INFLATED_BYTES,
    MAX_MARKUP_RUN, MAX_ROWS,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookMessage {
    // src/load/workbook/limits.rs
    CellOutOfSheet {
        sheet: String,
        reference: String,
    },
    PartCellOutOfSheet {
        reference: String,
        part: String,
    },
    TooManyCells {
        sheet: String,
        cells: u64,
        area: String,
    },
    TooManyGridCells {
        sheet: String,
        cells: u64,
        area: String,
    },
    CellTooLong {
        reference: String,
        sheet: String,
        bytes: u64,
    },
    FileTooLarge,
    PartTooLarge {
        part: String,
        mb: u64,
        max_mb: u64,
    },
    ContainerTooLarge {
        mb: u64,
    },
    MarkupRunTooLong {
        part: String,
        offset: u64,
    },
    TooMany {
        part: String,
        count: u64,
        max: u64,
        what: Countable,
    },
    /// What is damaged, when it is known.
    Damaged {
        detail: Option<Damage>,
    },
    // src/load/workbook/mod.rs
    CannotOpen {
        e: String,
    },
    NotAWorkbookZip,
    NoSuchSheet {
        wanted: String,
        list: String,
        hint: Hint,
    },
    NoSheets,
    NoVisibleSheet {
        list: String,
    },
    CannotReadSheet {
        name: String,
        e: String,
    },
    EmptySheet,
    // src/load/data.rs
    MergedCells {
        range: String,
    },
    // src/load/data/sheet.rs
    /// Sheet rows `first` to `last` (1-based) are hidden and hold something.
    HiddenRows {
        first: usize,
        last: usize,
    },
    HiddenColumn,
    /// A number cell whose format shows nothing (`;;;`).
    ValueHiddenByFormat {
        value: String,
    },
    /// A negative number whose format shows it without its minus.
    MinusHiddenByFormat {
        value: String,
    },
    /// A number no section of its format takes: the cell shows `######`.
    NoSectionForValue {
        value: String,
    },
    // src/load/data/read.rs
    UnitsOnAnotherSheet {
        first: String,
        other: String,
    },
}

impl Message for WorkbookMessage {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            // src/load/workbook/limits.rs
            (Self::CellOutOfSheet { sheet, reference }, Lang::Vi) => Cow::Owned(format!(
                "trang \"{sheet}\" có ô {reference} nằm ngoài giới hạn của trang tính ({max_rows} dòng, {max_cols} cột); tệp bị từ chối",
                max_rows = MAX_ROWS,
                max_cols = MAX_COLUMNS
            )),
            (Self::CellOutOfSheet { sheet, reference }, Lang::En) => Cow::Owned(format!(
                "the sheet \"{sheet}\" has a cell at {reference}, beyond the limit of a sheet ({max_rows} rows, {max_cols} columns); the file is rejected",
                max_rows = MAX_ROWS,
                max_cols = MAX_COLUMNS
            )),
            (Self::PartCellOutOfSheet { reference, part }, Lang::Vi) => Cow::Owned(format!(
                "tệp bảng tính ghi ô {reference} (trong phần \"{part}\"), nằm ngoài giới hạn của trang tính ({max_rows} dòng, {max_cols} cột); tệp bị từ chối",
                max_rows = MAX_ROWS,
                max_cols = MAX_COLUMNS
            )),
            (Self::PartCellOutOfSheet { reference, part }, Lang::En) => Cow::Owned(format!(
                "the workbook refers to a cell at {reference} (in its part \"{part}\"), beyond the limit of a sheet ({max_rows} rows, {max_cols} columns); the file is rejected",
                max_rows = MAX_ROWS,
                max_cols = MAX_COLUMNS
            )),
            (Self::TooManyCells { sheet, cells, area }, Lang::Vi) => Cow::Owned(format!(
                "trang \"{sheet}\" cần đọc {cells} ô (vùng {area}), vượt quá giới hạn {max} ô; tệp bị từ chối",
                max = MAX_CELLS
            )),
            (Self::TooManyCells { sheet, cells, area }, Lang::En) => Cow::Owned(format!(
                "the sheet \"{sheet}\" needs {cells} cells read (area {area}), more than the limit of {max} cells; the file is rejected",
                max = MAX_CELLS
            )),
            (Self::TooManyGridCells { sheet, cells, area }, Lang::Vi) => Cow::Owned(format!(
                "trang \"{sheet}\" trải trên {cells} ô (vùng {area}, kể cả ô trống), vượt quá giới hạn {max} ô của tệp .xls và .ods; tệp bị từ chối (một bảng lớn hơn hãy lưu thành .xlsx hoặc CSV)",
                max = MAX_GRID_CELLS
            )),
            (Self::TooManyGridCells { sheet, cells, area }, Lang::En) => Cow::Owned(format!(
                "the sheet \"{sheet}\" spans {cells} cells (area {area}, empty ones included), more than the limit of {max} cells for .xls and .ods files; the file is rejected (save a larger table as .xlsx or CSV)",
                max = MAX_GRID_CELLS
            )),
            (
                Self::CellTooLong {
                    reference,
                    sheet,
                    bytes,
                },
                Lang::Vi,
            ) => Cow::Owned(format!(
                "ô {reference} của trang \"{sheet}\" chứa {bytes} byte văn bản, vượt quá giới hạn {max} MB cho một ô; tệp bị từ chối",
                max = MAX_CELL_BYTES >> 20
            )),
            (
                Self::CellTooLong {
                    reference,
                    sheet,
                    bytes,
                },
                Lang::En,
            ) => Cow::Owned(format!(
                "the cell {reference} of the sheet \"{sheet}\" holds {bytes} bytes of text, more than the limit of {max} MB for one cell; the file is rejected",
                max = MAX_CELL_BYTES >> 20
            )),
            (Self::FileTooLarge, Lang::Vi) => Cow::Owned(format!(
                "tệp bảng tính lớn hơn giới hạn {max_mb} MB; tệp bị từ chối",
                max_mb = MAX_FILE_BYTES >> 20
            )),
            (Self::FileTooLarge, Lang::En) => Cow::Owned(format!(
                "the workbook file is larger than the limit of {max_mb} MB; the file is rejected",
                max_mb = MAX_FILE_BYTES >> 20
            )),
            (Self::PartTooLarge { part, mb, max_mb }, Lang::Vi) => Cow::Owned(format!(
                "phần \"{part}\" của tệp bảng tính khi giải nén lớn khoảng {mb} MB, vượt quá giới hạn {max_mb} MB; tệp bị từ chối"
            )),
            (Self::PartTooLarge { part, mb, max_mb }, Lang::En) => Cow::Owned(format!(
                "the part \"{part}\" of the workbook inflates to about {mb} MB, more than the limit of {max_mb} MB; the file is rejected"
            )),
            (Self::ContainerTooLarge { mb }, Lang::Vi) => Cow::Owned(format!(
                "tệp bảng tính khi giải nén lớn khoảng {mb} MB, vượt quá giới hạn {max_mb} MB; tệp bị từ chối",
                max_mb = MAX_INFLATED_BYTES >> 20
            )),
            (Self::ContainerTooLarge { mb }, Lang::En) => Cow::Owned(format!(
                "the workbook inflates to about {mb} MB, more than the limit of {max_mb} MB; the file is rejected",
                max_mb = MAX_INFLATED_BYTES >> 20
            )),
            (Self::MarkupRunTooLong { part, offset }, Lang::Vi) => Cow::Owned(format!(
                "phần \"{part}\" của tệp bảng tính có một đoạn văn bản dài hơn {max_mb} MB (từ byte {offset}), trong khi một ô chứa tối đa {cell_mb} MB; tệp bị từ chối",
                max_mb = MAX_MARKUP_RUN >> 20,
                cell_mb = MAX_CELL_BYTES >> 20
            )),
            (Self::MarkupRunTooLong { part, offset }, Lang::En) => Cow::Owned(format!(
                "the part \"{part}\" of the workbook has a run of text longer than {max_mb} MB (from byte {offset}), while one cell holds at most {cell_mb} MB; the file is rejected",
                max_mb = MAX_MARKUP_RUN >> 20,
                cell_mb = MAX_CELL_BYTES >> 20
            )),
            (
                Self::TooMany {
                    part,
                    count,
                    max,
                    what,
                },
                Lang::Vi,
            ) => Cow::Owned(format!(
                "phần \"{part}\" của tệp bảng tính có từ {count} {vi_what} trở lên, vượt quá giới hạn {max}; tệp bị từ chối",
                vi_what = what.words(lang)
            )),
            (
                Self::TooMany {
                    part,
                    count,
                    max,
                    what,
                },
                Lang::En,
            ) => Cow::Owned(format!(
                "the part \"{part}\" of the workbook has {count} or more {en_what}, more than the limit of {max}; the file is rejected",
                en_what = what.words(lang)
            )),
            (Self::Damaged { detail }, Lang::Vi) => Cow::Owned(format!(
                "tệp bảng tính bị hỏng, không đọc được{vi_detail}; hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi thử lại",
                vi_detail = detail.map_or(String::new(), |d| format!(" ({})", d.words(lang)))
            )),
            (Self::Damaged { detail }, Lang::En) => Cow::Owned(format!(
                "the workbook is damaged and cannot be read{en_detail}; open it in Excel or LibreOffice, save it again and retry",
                en_detail = detail.map_or(String::new(), |d| format!(" ({})", d.words(lang)))
            )),
            // src/load/workbook/mod.rs
            (Self::CannotOpen { e }, Lang::Vi) => {
                Cow::Owned(format!("không mở được tệp bảng tính: {e}"))
            }
            (Self::CannotOpen { e }, Lang::En) => {
                Cow::Owned(format!("cannot open the workbook: {e}"))
            }
            (Self::NotAWorkbookZip, Lang::Vi) => Cow::Borrowed(
                "không mở được tệp bảng tính: tệp nén này không phải XLSX, XLSB hay ODS",
            ),
            (Self::NotAWorkbookZip, Lang::En) => Cow::Borrowed(
                "cannot open the workbook: this zip file is not an XLSX, XLSB or ODS workbook",
            ),
            (Self::NoSuchSheet { wanted, list, hint }, Lang::Vi) => Cow::Owned(format!(
                "không có trang tính \"{wanted}\"; các trang: {list}.{hv}",
                hv = hint.words(Lang::Vi)
            )),
            (Self::NoSuchSheet { wanted, list, hint }, Lang::En) => Cow::Owned(format!(
                "there is no sheet \"{wanted}\"; the sheets are: {list}.{he}",
                he = hint.words(Lang::En)
            )),
            (Self::NoSheets, Lang::Vi) => Cow::Borrowed("tệp bảng tính không có trang nào"),
            (Self::NoSheets, Lang::En) => Cow::Borrowed("the workbook has no sheets"),
            (Self::NoVisibleSheet { list }, Lang::Vi) => Cow::Owned(format!(
                "tệp bảng tính không có trang tính nào đang hiển thị (các trang tính đều bị ẩn); hãy chỉ rõ trang cần đọc bằng --sheet TÊN (các trang: {list})"
            )),
            (Self::NoVisibleSheet { list }, Lang::En) => Cow::Owned(format!(
                "no worksheet in the workbook is visible (they are all hidden); name the sheet to read with --sheet NAME (the sheets are: {list})"
            )),
            (Self::MergedCells { range }, Lang::Vi) => Cow::Owned(format!(
                "các ô {range} được gộp (Merge): chỉ ô đầu có giá trị, các ô còn lại được đọc là ô trống. Hãy bỏ gộp các ô đó (Unmerge Cells) rồi điền giá trị vào từng ô"
            )),
            (Self::MergedCells { range }, Lang::En) => Cow::Owned(format!(
                "the cells {range} are merged: only the first holds a value, and the others read as blank. Unmerge them (Unmerge Cells) and fill in every cell"
            )),
            (Self::HiddenRows { first, last }, Lang::Vi) => {
                let rows = if first == last {
                    format!("dòng {first} đang bị ẩn")
                } else {
                    format!("các dòng {first}–{last} đang bị ẩn")
                };
                Cow::Owned(format!(
                    "{rows} (Hide, hoặc bị lọc bằng Filter): người xem trang tính không thấy nhưng vẫn có dữ liệu. Hãy hiện lại (Unhide) hoặc bỏ lọc để kiểm tra, rồi xoá những dòng không được chấm"
                ))
            }
            (Self::HiddenRows { first, last }, Lang::En) => Cow::Owned(if first == last {
                format!(
                    "row {first} is hidden (by Hide, or by a Filter): nobody looking at the sheet sees it, yet it holds data. Unhide it, or clear the filter, to check it, and delete it if it is not to be scored"
                )
            } else {
                format!(
                    "rows {first}–{last} are hidden (by Hide, or by a Filter): nobody looking at the sheet sees them, yet they hold data. Unhide them, or clear the filter, to check them, and delete the rows that are not to be scored"
                )
            }),
            (Self::HiddenColumn, Lang::Vi) => Cow::Borrowed(
                "cột này đang bị ẩn (Hide): người xem trang tính không thấy các giá trị của nó. Hãy hiện lại cột (Unhide) để kiểm tra",
            ),
            (Self::HiddenColumn, Lang::En) => Cow::Borrowed(
                "the column is hidden: nobody looking at the sheet sees its values. Unhide it to check them",
            ),
            (Self::ValueHiddenByFormat { value }, Lang::Vi) => Cow::Owned(format!(
                "ô này trông như ô trống nhưng có giá trị {value}: định dạng của ô (ví dụ ;;;) giấu giá trị đi. Hãy định dạng lại ô (Định dạng Ô / Format Cells → Chung / General) để kiểm tra, rồi sửa hoặc xóa giá trị"
            )),
            (Self::ValueHiddenByFormat { value }, Lang::En) => Cow::Owned(format!(
                "the cell looks blank but holds {value}: its format (such as ;;;) hides it. Format the cell as General to check it, then correct or clear it"
            )),
            (Self::MinusHiddenByFormat { value }, Lang::Vi) => Cow::Owned(format!(
                "ô này có giá trị {value} nhưng định dạng của ô hiển thị số này không có dấu trừ (có thể chỉ tô màu đỏ), nên người xem có thể đọc thành số dương. Hãy định dạng lại ô (Định dạng Ô / Format Cells → Chung / General) để kiểm tra, rồi nhập lại đúng giá trị"
            )),
            (Self::MinusHiddenByFormat { value }, Lang::En) => Cow::Owned(format!(
                "the cell holds {value}, but its format shows it without the minus sign (in red, perhaps), so it can be read as a positive number. Format the cell as General to check it, then enter the value it should have"
            )),
            (Self::NoSectionForValue { value }, Lang::Vi) => Cow::Owned(format!(
                "ô này hiện ###### thay cho giá trị {value}: định dạng của ô không có phần nào để hiển thị số này. Hãy định dạng lại ô (Định dạng Ô / Format Cells → Chung / General) để kiểm tra, rồi nhập lại đúng giá trị"
            )),
            (Self::NoSectionForValue { value }, Lang::En) => Cow::Owned(format!(
                "the cell shows ###### in place of {value}: its format has no section for this number. Format the cell as General to check it, then enter the value it should have"
            )),
            (Self::UnitsOnAnotherSheet { first, other }, Lang::Vi) => Cow::Owned(format!(
                "trang tính đầu tiên (\"{first}\") không phải bảng số liệu các đơn vị; trang \"{other}\" có các cột của bộ tiêu chí: hãy chạy lại với --sheet \"{other}\", hoặc đưa trang đó lên đầu"
            )),
            (Self::UnitsOnAnotherSheet { first, other }, Lang::En) => Cow::Owned(format!(
                "the first sheet (\"{first}\") is not a table of units; the sheet \"{other}\" has the set's columns: run again with --sheet \"{other}\", or move that sheet first"
            )),
            (Self::CannotReadSheet { name, e }, Lang::Vi) => {
                Cow::Owned(format!("không đọc được trang \"{name}\": {e}"))
            }
            (Self::CannotReadSheet { name, e }, Lang::En) => {
                Cow::Owned(format!("cannot read the sheet \"{name}\": {e}"))
            }
            (Self::EmptySheet, Lang::Vi) => {
                Cow::Borrowed("trang tính trống: không có dòng tiêu đề")
            }
            (Self::EmptySheet, Lang::En) => {
                Cow::Borrowed("the sheet is empty: there is no header row")
            }
        }
    }
}

/// What a workbook's part holds too many of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countable {
    SharedStrings,
    FormatEntries,
    Cells,
}

impl Message for Countable {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            (Self::SharedStrings, Lang::Vi) => Cow::Borrowed("chuỗi văn bản dùng chung"),
            (Self::SharedStrings, Lang::En) => Cow::Borrowed("shared strings"),
            (Self::FormatEntries, Lang::Vi) => {
                Cow::Borrowed("mục định dạng (phông chữ, nền, viền, định dạng số và ô)")
            }
            (Self::FormatEntries, Lang::En) => {
                Cow::Borrowed("format entries (fonts, fills, borders, number and cell formats)")
            }
            (Self::Cells, Lang::Vi) => Cow::Borrowed("ô"),
            (Self::Cells, Lang::En) => Cow::Borrowed("cells"),
        }
    }
}

/// The part of a damaged .xls file that could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    OleContainer,
    NoWorkbookStream,
    StreamLongerThanFile,
    WorkbookStream,
    DimensionsRecord,
}

impl Message for Damage {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        match (self, lang) {
            (Self::OleContainer, Lang::Vi) => Cow::Borrowed("vỏ tệp OLE"),
            (Self::OleContainer, Lang::En) => Cow::Borrowed("the OLE container"),
            (Self::NoWorkbookStream, Lang::Vi) => Cow::Borrowed("không có luồng dữ liệu Workbook"),
            (Self::NoWorkbookStream, Lang::En) => Cow::Borrowed("no Workbook stream"),
            (Self::StreamLongerThanFile, Lang::Vi) => {
                Cow::Borrowed("luồng dữ liệu Workbook dài hơn cả tệp")
            }
            (Self::StreamLongerThanFile, Lang::En) => {
                Cow::Borrowed("the Workbook stream is longer than the file")
            }
            (Self::WorkbookStream, Lang::Vi) => Cow::Borrowed("luồng dữ liệu Workbook"),
            (Self::WorkbookStream, Lang::En) => Cow::Borrowed("the Workbook stream"),
            (Self::DimensionsRecord, Lang::Vi) => Cow::Borrowed("bản ghi kích thước DIMENSIONS"),
            (Self::DimensionsRecord, Lang::En) => Cow::Borrowed("the DIMENSIONS record"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::both;

    #[test]
    fn workbook_messages_read_in_both_languages() {
        let sheet = WorkbookMessage::NoSuchSheet {
            wanted: "Sheet2".into(),
            list: "Sheet1, Tong hop".into(),
            hint: Hint(Some("Sheet1".into())),
        };
        assert_eq!(
            both(&sheet),
            (
                "không có trang tính \"Sheet2\"; các trang: Sheet1, Tong hop. Có phải ý bạn là \"Sheet1\"?".into(),
                "there is no sheet \"Sheet2\"; the sheets are: Sheet1, Tong hop. Did you mean \"Sheet1\"?".into()
            )
        );
        let many = WorkbookMessage::TooMany {
            part: "xl/sharedStrings.xml".into(),
            count: 7,
            max: 6,
            what: Countable::SharedStrings,
        };
        assert_eq!(
            both(&many),
            (
                "phần \"xl/sharedStrings.xml\" của tệp bảng tính có từ 7 chuỗi văn bản dùng chung trở lên, vượt quá giới hạn 6; tệp bị từ chối".into(),
                "the part \"xl/sharedStrings.xml\" of the workbook has 7 or more shared strings, more than the limit of 6; the file is rejected".into()
            )
        );
        let damaged = WorkbookMessage::Damaged {
            detail: Some(Damage::OleContainer),
        };
        assert_eq!(
            both(&damaged),
            (
                "tệp bảng tính bị hỏng, không đọc được (vỏ tệp OLE); hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi thử lại".into(),
                "the workbook is damaged and cannot be read (the OLE container); open it in Excel or LibreOffice, save it again and retry".into()
            )
        );
        let plain = WorkbookMessage::Damaged { detail: None };
        assert!(
            plain
                .words(Lang::En)
                .starts_with("the workbook is damaged and cannot be read;")
        );
        assert_eq!(
            both(&WorkbookMessage::FileTooLarge),
            (
                "tệp bảng tính lớn hơn giới hạn 128 MB; tệp bị từ chối".into(),
                "the workbook file is larger than the limit of 128 MB; the file is rejected".into()
            )
        );
    }
}
