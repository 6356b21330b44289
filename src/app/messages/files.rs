//! Reading and writing files, and where a report may go.

use std::borrow::Cow::{self, Borrowed, Owned};

use crate::i18n::{Lang, Message};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileMessage {
    CannotRead {
        file: String,
    },
    CannotWrite {
        file: String,
    },
    /// `-o` names a folder.
    WriteToFolder {
        file: String,
    },
    /// The finished file could not take the target's place.
    CannotReplace {
        file: String,
    },
    CannotWriteStdout,
    CannotRenderManual,
    /// A data table given where the criteria file belongs.
    DataForCriteria {
        file: String,
    },
    CriteriaTooLarge {
        max_mb: usize,
        max_criteria: usize,
    },
    CriteriaNotUtf8 {
        byte: u8,
    },
    /// A file read whole is larger than `what` can be.
    TooLargeToBe {
        max_mb: u64,
        what: WholeFile,
    },
    /// `collect`: a file larger than one unit's return.
    TooLargeForOneReturn {
        max_mb: u64,
    },
    NoSheetWithId {
        id: String,
    },
    UnknownEncoding {
        label: String,
    },
    CannotOpenProfile {
        file: String,
    },
    ProfileTooLarge {
        max_mb: usize,
    },
    ProfileNotUtf8,
    /// Replacing an input of the run (or the file behind standard input).
    NotReplacingInput {
        file: String,
        stdin: bool,
    },
    /// Replacing a file that is not a report this tool wrote.
    NotReplacingForeign {
        file: String,
    },
    /// Replacing a file users fill or edit, without `--force`.
    NotReplacingUserFile {
        file: String,
        holds: Holds,
    },
    WordToTerminal,
    ExcelToTerminal,
    /// `-f` and the extension of `-o` disagree.
    FormatContradicts {
        format: &'static str,
        ext: String,
        file: String,
        named: &'static str,
        want: &'static str,
    },
    NoPdf {
        file: String,
    },
    NoOldWorkbook {
        ext: String,
        file: String,
    },
    NoOldDocument {
        ext: String,
        file: String,
    },
    NoExtension {
        file: String,
    },
    UnknownExtension {
        ext: String,
        file: String,
    },
    TemplateExtension {
        file: String,
    },
    CombinedExtension {
        file: String,
    },
}

/// What a file read whole was meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WholeFile {
    LineageList,
    StageData,
}

/// What an existing file users fill or edit may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holds {
    /// A data-entry template.
    EnteredData,
    /// A criteria set (`init`).
    EditedSet,
    /// A combined data file (`collect`).
    Data,
}

/// The formats `-o` may name.
fn ours(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => ".csv, .json, .md, .html, .xlsx, .docx hoặc .txt",
        Lang::En => ".csv, .json, .md, .html, .xlsx, .docx or .txt",
    }
}

impl Message for WholeFile {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        Borrowed(match (self, lang) {
            (WholeFile::LineageList, Lang::Vi) => "danh sách sáp nhập",
            (WholeFile::LineageList, Lang::En) => "a lineage list",
            (WholeFile::StageData, Lang::Vi) => "dữ liệu của một bước chấm",
            (WholeFile::StageData, Lang::En) => "one review stage's data",
        })
    }
}

impl Message for Holds {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        Borrowed(match (self, lang) {
            (Holds::EnteredData, Lang::Vi) => "đã được điền số liệu",
            (Holds::EnteredData, Lang::En) => "hold data someone entered",
            (Holds::EditedSet, Lang::Vi) => "là bộ tiêu chí đã được chỉnh sửa",
            (Holds::EditedSet, Lang::En) => "be a criteria set someone has edited",
            (Holds::Data, Lang::Vi) => "chứa số liệu",
            (Holds::Data, Lang::En) => "hold data",
        })
    }
}

impl Message for FileMessage {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use FileMessage as M;
        match (self, lang) {
            (M::CannotRead { file }, Lang::Vi) => Owned(format!("không đọc được {file}")),
            (M::CannotRead { file }, Lang::En) => Owned(format!("cannot read {file}")),
            (M::CannotWrite { file }, Lang::Vi) => Owned(format!("không ghi được {file}")),
            (M::CannotWrite { file }, Lang::En) => Owned(format!("cannot write {file}")),
            (M::WriteToFolder { file }, Lang::Vi) => Owned(format!(
                "không ghi được {file}: đây là một thư mục; hãy ghi rõ tên tệp trong đó"
            )),
            (M::WriteToFolder { file }, Lang::En) => Owned(format!(
                "cannot write {file}: it is a folder; name a file in it"
            )),
            (M::CannotReplace { file }, Lang::Vi) => Owned(format!(
                "không ghi được {file} (nếu tệp đang mở trong Excel, hãy đóng lại rồi thử lại)"
            )),
            (M::CannotReplace { file }, Lang::En) => Owned(format!(
                "cannot write {file} (if it is open in Excel, close it and retry)"
            )),
            (M::CannotWriteStdout, Lang::Vi) => Borrowed("không ghi được ra đầu ra chuẩn"),
            (M::CannotWriteStdout, Lang::En) => Borrowed("cannot write to standard output"),
            (M::CannotRenderManual, Lang::Vi) => Borrowed("không lập được trang hướng dẫn (man)"),
            (M::CannotRenderManual, Lang::En) => Borrowed("cannot render the manual page"),
            (M::DataForCriteria { file }, Lang::Vi) => Owned(format!(
                "{file} là tệp số liệu, không phải tệp tiêu chí: có phải đã đảo thứ tự hai tham số? Bộ tiêu chí đứng trước, tệp số liệu đứng sau: wardscore score BỘ_TIÊU_CHÍ SỐ_LIỆU"
            )),
            (M::DataForCriteria { file }, Lang::En) => Owned(format!(
                "{file} is a data file, not a criteria file: is the order of the arguments swapped? The criteria set comes first, then the data: wardscore score CRITERIA DATA"
            )),
            (
                M::CriteriaTooLarge {
                    max_mb,
                    max_criteria,
                },
                Lang::Vi,
            ) => Owned(format!(
                "tệp tiêu chí lớn hơn {max_mb} MB; đây không phải tệp tiêu chí (bộ lớn nhất được phép, {max_criteria} tiêu chí, chỉ vài MB)"
            )),
            (
                M::CriteriaTooLarge {
                    max_mb,
                    max_criteria,
                },
                Lang::En,
            ) => Owned(format!(
                "the criteria file is larger than {max_mb} MB; this is not a criteria file (the largest set allowed, {max_criteria} criteria, takes a few MB)"
            )),
            (M::CriteriaNotUtf8 { byte }, Lang::Vi) => Owned(format!(
                "tệp tiêu chí không phải UTF-8 (byte 0x{byte:02X}); hãy lưu lại tệp với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8)"
            )),
            (M::CriteriaNotUtf8 { byte }, Lang::En) => Owned(format!(
                "the criteria file is not UTF-8 (byte 0x{byte:02X}); save it again as UTF-8 (in Notepad: Save as… → Encoding: UTF-8)"
            )),
            (M::TooLargeToBe { max_mb, what }, Lang::Vi) => Owned(format!(
                "tệp lớn hơn {max_mb} MB, không thể là {}; kiểm tra lại tên tệp",
                what.words(lang)
            )),
            (M::TooLargeToBe { max_mb, what }, Lang::En) => Owned(format!(
                "the file is larger than {max_mb} MB, too large to be {}; check the file name",
                what.words(lang)
            )),
            (M::TooLargeForOneReturn { max_mb }, Lang::Vi) => Owned(format!(
                "tệp lớn hơn {max_mb} MB, không phải tệp số liệu của một đơn vị; hãy chấm riêng tệp này bằng wardscore score"
            )),
            (M::TooLargeForOneReturn { max_mb }, Lang::En) => Owned(format!(
                "the file is larger than {max_mb} MB, not one unit's return; score it on its own with wardscore score"
            )),
            (M::NoSheetWithId { id }, Lang::Vi) => {
                Owned(format!("không trang tính nào có cột mã đơn vị \"{id}\""))
            }
            (M::NoSheetWithId { id }, Lang::En) => {
                Owned(format!("no sheet has the unit id column \"{id}\""))
            }
            (M::UnknownEncoding { label }, Lang::Vi) => Owned(format!(
                "bảng mã lạ \"{label}\"; ví dụ windows-1258, utf-16le, utf-8"
            )),
            (M::UnknownEncoding { label }, Lang::En) => Owned(format!(
                "unknown encoding \"{label}\"; e.g. windows-1258, utf-16le, utf-8"
            )),
            (M::CannotOpenProfile { file }, Lang::Vi) => {
                Owned(format!("không mở được hồ sơ báo cáo {file}"))
            }
            (M::CannotOpenProfile { file }, Lang::En) => {
                Owned(format!("cannot open the report profile {file}"))
            }
            (M::ProfileTooLarge { max_mb }, Lang::Vi) => Owned(format!(
                "hồ sơ báo cáo lớn hơn {max_mb} MB, không phải là một hồ sơ; chưa đọc hết"
            )),
            (M::ProfileTooLarge { max_mb }, Lang::En) => Owned(format!(
                "larger than {max_mb} MB, which no report profile is; not read further"
            )),
            (M::ProfileNotUtf8, Lang::Vi) => {
                Borrowed("hồ sơ báo cáo không phải là văn bản UTF-8; hãy lưu lại dưới dạng UTF-8")
            }
            (M::ProfileNotUtf8, Lang::En) => {
                Borrowed("the report profile is not UTF-8 text; save it as UTF-8")
            }
            (M::NotReplacingInput { file, stdin: false }, Lang::Vi) => Owned(format!(
                "không ghi đè lên {file}, kể cả khi có --force, vì đây là tệp đầu vào của lệnh này; hãy ghi kết quả ra tệp khác"
            )),
            (M::NotReplacingInput { file, stdin: true }, Lang::Vi) => Owned(format!(
                "không ghi đè lên {file}, kể cả khi có --force, vì đây chính là tệp đang được đọc qua đầu vào chuẩn (-); hãy ghi kết quả ra tệp khác"
            )),
            (M::NotReplacingInput { file, stdin: false }, Lang::En) => Owned(format!(
                "not replacing {file}, even with --force: it is an input of this command; write the result to another file"
            )),
            (M::NotReplacingInput { file, stdin: true }, Lang::En) => Owned(format!(
                "not replacing {file}, even with --force: it is the file being read from standard input (-); write the result to another file"
            )),
            (M::NotReplacingForeign { file }, Lang::Vi) => Owned(format!(
                "không ghi đè lên {file} vì tệp này không phải báo cáo do wardscore lập và có thể chứa số liệu của người dùng; hãy chọn tên tệp khác, hoặc thêm --force nếu chắc chắn muốn ghi đè"
            )),
            (M::NotReplacingForeign { file }, Lang::En) => Owned(format!(
                "not replacing {file}: it is not a report wardscore wrote, and may hold someone's data; choose another file name, or add --force if you are sure it can be replaced"
            )),
            (M::NotReplacingUserFile { file, holds }, Lang::Vi) => Owned(format!(
                "đã có tệp {file} và tệp này có thể {} nên không ghi đè; hãy chọn tên khác, hoặc thêm --force nếu chắc chắn muốn thay tệp này",
                holds.words(lang)
            )),
            (M::NotReplacingUserFile { file, holds }, Lang::En) => Owned(format!(
                "{file} already exists and may {}, so it is not replaced; choose another name, or add --force if you are sure it can be replaced",
                holds.words(lang)
            )),
            (M::WordToTerminal, Lang::Vi) => Borrowed(
                "không thể in văn bản Word ra màn hình; hãy ghi ra tệp bằng -o bao-cao.docx",
            ),
            (M::WordToTerminal, Lang::En) => Borrowed(
                "a Word document cannot be shown on the terminal; write it to a file with -o bao-cao.docx",
            ),
            (M::ExcelToTerminal, Lang::Vi) => {
                Borrowed("không thể in tệp Excel ra màn hình; hãy ghi ra tệp bằng -o ket-qua.xlsx")
            }
            (M::ExcelToTerminal, Lang::En) => Borrowed(
                "an Excel workbook cannot be shown on the terminal; write it to a file with -o ket-qua.xlsx",
            ),
            (
                M::FormatContradicts {
                    format,
                    ext,
                    file,
                    named,
                    want,
                },
                Lang::Vi,
            ) => Owned(format!(
                "-f {format} mâu thuẫn với đuôi tệp .{ext} của {file} (đuôi này ứng với định dạng {named}); hãy bỏ -f, hoặc đặt tên tệp có đuôi .{want}"
            )),
            (
                M::FormatContradicts {
                    format,
                    ext,
                    file,
                    named,
                    want,
                },
                Lang::En,
            ) => Owned(format!(
                "-f {format} contradicts the extension .{ext} of {file} (which means {named}); drop -f, or name the file .{want}"
            )),
            (M::NoPdf { file }, Lang::Vi) => Owned(format!(
                "wardscore không xuất được tệp PDF ({file}); hãy ghi ra .docx rồi mở bằng Word hoặc LibreOffice và lưu thành PDF, hoặc ghi ra .html rồi in ra PDF từ trình duyệt"
            )),
            (M::NoPdf { file }, Lang::En) => Owned(format!(
                "wardscore cannot write PDF ({file}); write .docx and save it as PDF from Word or LibreOffice, or write .html and print it to PDF from a browser"
            )),
            (M::NoOldWorkbook { ext, file }, Lang::Vi) => Owned(format!(
                "wardscore ghi sổ Excel dạng .xlsx, không ghi được .{ext} ({file}); hãy đổi đuôi tệp thành .xlsx (Excel và LibreOffice đều mở được)"
            )),
            (M::NoOldWorkbook { ext, file }, Lang::En) => Owned(format!(
                "wardscore writes workbooks as .xlsx, not .{ext} ({file}); name the file .xlsx (Excel and LibreOffice open it)"
            )),
            (M::NoOldDocument { ext, file }, Lang::Vi) => Owned(format!(
                "wardscore không xuất được văn bản .{ext} ({file}); hãy ghi ra .docx (Word và LibreOffice đều mở được) hoặc .html"
            )),
            (M::NoOldDocument { ext, file }, Lang::En) => Owned(format!(
                "wardscore cannot write .{ext} documents ({file}); write .docx (Word and LibreOffice open it) or .html"
            )),
            (M::NoExtension { file }, Lang::Vi) => Owned(format!(
                "tên tệp {file} không có đuôi nên chưa xác định được định dạng cần ghi; hãy đặt tên có đuôi {}, hoặc chọn định dạng bằng -f",
                ours(lang)
            )),
            (M::NoExtension { file }, Lang::En) => Owned(format!(
                "{file} has no extension to tell the format; name it {}, or choose the format with -f",
                ours(lang)
            )),
            (M::UnknownExtension { ext, file }, Lang::Vi) => Owned(format!(
                "đuôi .{ext} ({file}) không ứng với định dạng nào wardscore ghi được; hãy đặt tên có đuôi {}, hoặc chọn định dạng bằng -f",
                ours(lang)
            )),
            (M::UnknownExtension { ext, file }, Lang::En) => Owned(format!(
                "the extension .{ext} ({file}) names no format wardscore writes; name it {}, or choose the format with -f",
                ours(lang)
            )),
            (M::TemplateExtension { file }, Lang::Vi) => {
                Owned(format!("tệp mẫu phải có đuôi .xlsx hoặc .csv: {file}"))
            }
            (M::TemplateExtension { file }, Lang::En) => {
                Owned(format!("the template must be a .xlsx or .csv file: {file}"))
            }
            (M::CombinedExtension { file }, Lang::Vi) => {
                Owned(format!("tệp gộp phải có đuôi .xlsx hoặc .csv: {file}"))
            }
            (M::CombinedExtension { file }, Lang::En) => Owned(format!(
                "the combined file must be a .xlsx or .csv file: {file}"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::both;

    #[test]
    fn file_messages_read_in_each_language() {
        let file = || "a.csv".to_string();
        assert_eq!(
            both(&FileMessage::CannotRead { file: file() }),
            ("không đọc được a.csv".into(), "cannot read a.csv".into())
        );
        assert_eq!(
            both(&FileMessage::TooLargeToBe {
                max_mb: 256,
                what: WholeFile::LineageList
            }),
            (
                "tệp lớn hơn 256 MB, không thể là danh sách sáp nhập; kiểm tra lại tên tệp".into(),
                "the file is larger than 256 MB, too large to be a lineage list; check the file name"
                    .into()
            )
        );
        assert_eq!(
            both(&FileMessage::NotReplacingUserFile {
                file: file(),
                holds: Holds::Data
            }),
            (
                "đã có tệp a.csv và tệp này có thể chứa số liệu nên không ghi đè; hãy chọn tên khác, hoặc thêm --force nếu chắc chắn muốn thay tệp này".into(),
                "a.csv already exists and may hold data, so it is not replaced; choose another name, or add --force if you are sure it can be replaced".into()
            )
        );
        let (vi, en) = both(&FileMessage::CriteriaNotUtf8 { byte: 0xe0 });
        assert!(
            vi.starts_with("tệp tiêu chí không phải UTF-8 (byte 0xE0);"),
            "{vi}"
        );
        assert!(
            en.starts_with("the criteria file is not UTF-8 (byte 0xE0);"),
            "{en}"
        );
        let (vi, en) = both(&FileMessage::NoExtension { file: "bc".into() });
        assert!(
            vi.ends_with(
                "có đuôi .csv, .json, .md, .html, .xlsx, .docx hoặc .txt, hoặc chọn định dạng bằng -f"
            ),
            "{vi}"
        );
        assert!(
            en.ends_with(
                "name it .csv, .json, .md, .html, .xlsx, .docx or .txt, or choose the format with -f"
            ),
            "{en}"
        );
    }
}
