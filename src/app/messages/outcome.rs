//! What a run tells as it ends: the ✓ lines of `check` and of the
//! commands that write a file, the counts of problems and warnings.

use std::borrow::Cow::{self, Borrowed, Owned};

use crate::i18n::{Lang, Message};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RunMessage {
    /// Before an error's message.
    ErrorLabel,
    /// Before a warning's message.
    WarningLabel,
    MoreProblems {
        rest: usize,
    },
    ProblemsTotal {
        total: usize,
    },
    /// `collect`'s problems: it scores nothing, and wrote nothing.
    ProblemsTotalNothingWritten {
        total: usize,
    },
    MoreWarnings {
        rest: usize,
    },
    WarningsTotal {
        total: usize,
    },
    /// A data file checked (a line of `check`).
    DataValid {
        file: String,
        units: usize,
    },
    /// Review stages checked together.
    StagesValid {
        stages: usize,
        units: usize,
    },
    /// The data of a set read through `prefix`, checked.
    ResultDataValid {
        prefix: String,
        file: String,
        units: usize,
    },
    /// Many files checked together (`check` on a folder).
    FilesValid {
        files: usize,
        units: usize,
    },
    /// Before the list of the data's columns no criterion reads.
    UnusedColumns,
    /// A later review stage, with the cells it changed.
    StageChanged {
        n: usize,
        label: String,
        file: String,
        changed: usize,
    },
    /// The data as a stage left it does not score.
    StageUnscorable {
        label: String,
    },
    /// The labels of `compare CRITERIA DATA --set …`'s two columns.
    CompareOriginal,
    CompareWhatIf,
    /// A report in its file, with its number of units when it has any.
    Wrote {
        file: String,
        units: usize,
    },
    TemplateWritten {
        file: String,
        columns: usize,
        /// The set and the file as a command takes them.
        set: String,
        check_file: String,
    },
    InitWritten {
        file: String,
    },
    CollectWritten {
        file: String,
        units: usize,
        files: usize,
        set: String,
    },
}

/// "1 file", "3 files".
fn files_en(n: usize) -> String {
    if n == 1 {
        "1 file".to_string()
    } else {
        format!("{n} files")
    }
}

impl Message for RunMessage {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use RunMessage as M;
        match (self, lang) {
            (M::ErrorLabel, Lang::Vi) => Borrowed("lỗi"),
            (M::ErrorLabel, Lang::En) => Borrowed("error"),
            (M::WarningLabel, Lang::Vi) => Borrowed("cảnh báo"),
            (M::WarningLabel, Lang::En) => Borrowed("warning"),
            (M::MoreProblems { rest }, Lang::Vi) => Owned(format!("… và {rest} lỗi khác")),
            (M::MoreProblems { rest }, Lang::En) => Owned(format!("… and {rest} more problems")),
            (M::ProblemsTotal { total }, Lang::Vi) => Owned(format!(
                "{total} lỗi; chưa chấm điểm. Sửa các lỗi trên rồi chạy lại."
            )),
            (M::ProblemsTotal { total }, Lang::En) => Owned(format!(
                "{total} problem(s); nothing was scored. Fix them and run again."
            )),
            (M::ProblemsTotalNothingWritten { total }, Lang::Vi) => Owned(format!(
                "{total} lỗi; chưa ghi tệp nào. Sửa các lỗi trên rồi chạy lại."
            )),
            (M::ProblemsTotalNothingWritten { total }, Lang::En) => Owned(format!(
                "{total} problem(s); nothing was written. Fix them and run again."
            )),
            (M::MoreWarnings { rest }, Lang::Vi) => Owned(format!("… và {rest} cảnh báo khác")),
            (M::MoreWarnings { rest }, Lang::En) => Owned(format!("… and {rest} more warnings")),
            (M::WarningsTotal { total }, Lang::Vi) => Owned(format!(
                "{total} cảnh báo; lệnh vẫn chạy tiếp. Thêm --strict để coi cảnh báo là lỗi."
            )),
            (M::WarningsTotal { total }, Lang::En) => Owned(format!(
                "{total} warning(s); the command went on. Add --strict to treat warnings as errors."
            )),
            (M::DataValid { file, units }, Lang::Vi) => {
                Owned(format!("✓ {file}: {units} đơn vị, số liệu hợp lệ\n"))
            }
            (M::DataValid { file, units }, Lang::En) => {
                Owned(format!("✓ {file}: {units} units, all values valid\n"))
            }
            (M::StagesValid { stages, units }, Lang::Vi) => Owned(format!(
                "✓ {stages} giai đoạn: {units} đơn vị, số liệu hợp lệ\n"
            )),
            (M::StagesValid { stages, units }, Lang::En) => Owned(format!(
                "✓ {stages} stages: {units} units, all values valid\n"
            )),
            (
                M::ResultDataValid {
                    prefix,
                    file,
                    units,
                },
                Lang::Vi,
            ) => Owned(format!(
                "✓ {prefix} = {file}: {units} đơn vị, số liệu hợp lệ\n"
            )),
            (
                M::ResultDataValid {
                    prefix,
                    file,
                    units,
                },
                Lang::En,
            ) => Owned(format!(
                "✓ {prefix} = {file}: {units} units, all values valid\n"
            )),
            (M::FilesValid { files, units }, Lang::Vi) => Owned(format!(
                "✓ {files} tệp: {units} đơn vị, số liệu hợp lệ, không vênh nhau\n"
            )),
            (M::FilesValid { files, units }, Lang::En) => Owned(format!(
                "✓ {}: {units} units, all values valid, no conflicts\n",
                files_en(*files)
            )),
            (M::UnusedColumns, Lang::Vi) => Borrowed("Cột không dùng đến"),
            (M::UnusedColumns, Lang::En) => Borrowed("Unused columns"),
            (
                M::StageChanged {
                    n,
                    label,
                    file,
                    changed,
                },
                Lang::Vi,
            ) => Owned(format!("  {n}. {label}: {file} — sửa {changed} ô\n")),
            (
                M::StageChanged {
                    n,
                    label,
                    file,
                    changed,
                },
                Lang::En,
            ) => Owned(format!(
                "  {n}. {label}: {file} — {changed} cell(s) changed\n"
            )),
            (M::StageUnscorable { label }, Lang::Vi) => Owned(format!(
                "số liệu sau giai đoạn \"{label}\" có giá trị không chấm được (giai đoạn sau đã sửa); kiểm tra tệp này bằng wardscore check"
            )),
            (M::StageUnscorable { label }, Lang::En) => Owned(format!(
                "the data as the stage \"{label}\" left it holds values that cannot be scored (a later stage corrected them); check this file with wardscore check"
            )),
            (M::CompareOriginal, Lang::Vi) => Borrowed("gốc"),
            (M::CompareOriginal, Lang::En) => Borrowed("original"),
            (M::CompareWhatIf, Lang::Vi) => Borrowed("thử"),
            (M::CompareWhatIf, Lang::En) => Borrowed("what-if"),
            (M::Wrote { file, units: 0 }, Lang::Vi) => Owned(format!("✓ đã ghi {file}")),
            (M::Wrote { file, units }, Lang::Vi) => {
                Owned(format!("✓ đã ghi {file} ({units} đơn vị)"))
            }
            (M::Wrote { file, units: 0 }, Lang::En) => Owned(format!("✓ wrote {file}")),
            (M::Wrote { file, units: 1 }, Lang::En) => Owned(format!("✓ wrote {file} (1 unit)")),
            (M::Wrote { file, units }, Lang::En) => {
                Owned(format!("✓ wrote {file} ({units} units)"))
            }
            (
                M::TemplateWritten {
                    file,
                    columns,
                    set,
                    check_file,
                },
                Lang::Vi,
            ) => Owned(format!(
                "✓ {file}: tệp mẫu {columns} cột; điền mỗi đơn vị một dòng, rồi kiểm tra bằng: wardscore check {set} {check_file}\n"
            )),
            (
                M::TemplateWritten {
                    file,
                    columns,
                    set,
                    check_file,
                },
                Lang::En,
            ) => Owned(format!(
                "✓ {file}: a template with {columns} columns; one unit per row, then check it with: wardscore check {set} {check_file}\n"
            )),
            (M::InitWritten { file }, Lang::Vi) => Owned(format!(
                "✓ {file}\nSửa tệp rồi kiểm tra: wardscore check {file}\n"
            )),
            (M::InitWritten { file }, Lang::En) => Owned(format!(
                "✓ {file}\nEdit it, then check it: wardscore check {file}\n"
            )),
            (
                M::CollectWritten {
                    file,
                    units,
                    files,
                    set,
                },
                Lang::Vi,
            ) => Owned(format!(
                "✓ {file}: {units} đơn vị từ {files} tệp; chấm điểm bằng: wardscore score {set} {file}\n"
            )),
            (
                M::CollectWritten {
                    file,
                    units,
                    files,
                    set,
                },
                Lang::En,
            ) => Owned(format!(
                "✓ {file}: {units} units from {}; score them with: wardscore score {set} {file}\n",
                files_en(*files)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::both;

    #[test]
    fn run_messages_read_in_each_language() {
        assert_eq!(
            both(&RunMessage::ProblemsTotal { total: 3 }),
            (
                "3 lỗi; chưa chấm điểm. Sửa các lỗi trên rồi chạy lại.".into(),
                "3 problem(s); nothing was scored. Fix them and run again.".into()
            )
        );
        assert_eq!(
            both(&RunMessage::ProblemsTotalNothingWritten { total: 2 }).1,
            "2 problem(s); nothing was written. Fix them and run again."
        );
        let wrote = |units| {
            both(&RunMessage::Wrote {
                file: "kq.xlsx".into(),
                units,
            })
        };
        assert_eq!(
            wrote(0),
            ("✓ đã ghi kq.xlsx".into(), "✓ wrote kq.xlsx".into())
        );
        assert_eq!(
            wrote(1),
            (
                "✓ đã ghi kq.xlsx (1 đơn vị)".into(),
                "✓ wrote kq.xlsx (1 unit)".into()
            )
        );
        assert_eq!(
            wrote(7),
            (
                "✓ đã ghi kq.xlsx (7 đơn vị)".into(),
                "✓ wrote kq.xlsx (7 units)".into()
            )
        );
        let collected = |files| {
            both(&RunMessage::CollectWritten {
                file: "th.csv".into(),
                units: 9,
                files,
                set: "thi-dua".into(),
            })
        };
        assert_eq!(
            collected(1),
            (
                "✓ th.csv: 9 đơn vị từ 1 tệp; chấm điểm bằng: wardscore score thi-dua th.csv\n"
                    .into(),
                "✓ th.csv: 9 units from 1 file; score them with: wardscore score thi-dua th.csv\n"
                    .into()
            )
        );
        assert_eq!(
            collected(2).1,
            "✓ th.csv: 9 units from 2 files; score them with: wardscore score thi-dua th.csv\n"
        );
        assert_eq!(
            both(&RunMessage::StageChanged {
                n: 2,
                label: "Thẩm định".into(),
                file: "b.csv".into(),
                changed: 4
            }),
            (
                "  2. Thẩm định: b.csv — sửa 4 ô\n".into(),
                "  2. Thẩm định: b.csv — 4 cell(s) changed\n".into()
            )
        );
    }
}
