//! The command line's arguments, and the unit a command is asked about.

use std::borrow::Cow::{self, Borrowed, Owned};

use crate::i18n::{Lang, Message};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ArgMessage {
    /// `compare` given neither two data files, nor two sets, nor `--set`.
    CompareNeeds,
    /// `--labels` does not name every column of a comparison.
    LabelsForColumns {
        got: usize,
        want: usize,
    },
    /// `--labels` does not name every stage.
    LabelsForStages {
        got: usize,
        want: usize,
    },
    StdinOnce,
    ResultSyntax {
        arg: String,
    },
    ResultTwice {
        prefix: String,
    },
    /// The set reads other sets' results, and these have no `--result`.
    ResultsNeeded {
        missing: Vec<ResultWanted>,
    },
    /// A `--result` prefix that no `[[results]]` has; `known` are those
    /// that are.
    ResultPrefixUnknown {
        prefix: String,
        known: Vec<String>,
    },
    ResultMissing {
        prefix: String,
    },
    /// `check` given `--result` without data.
    ResultWithoutData,
    StageSyntax {
        arg: String,
    },
    StageTwice {
        label: String,
    },
    StageFromStdin,
    CompareStagesUsage,
    CollectTakesNoStage,
    StageWithData,
    /// Several data files (or a folder) for a set that reads other sets'
    /// results, or with `--result`: not read that way.
    ManyFilesWithResults,
    Vary {
        item: String,
    },
    Flag {
        flag: String,
    },
    Date {
        text: String,
    },
    NoFileMatches {
        pattern: String,
    },
    NoDataFile,
    TooManyFiles {
        count: usize,
        max: usize,
    },
    /// `explain` without the unit.
    UnitMissing,
    /// The unit typed matches several; `listed` as `id (name)`.
    UnitAmbiguous {
        key: String,
        listed: Vec<String>,
    },
    /// No unit has this id or name, in `file` when named, with the
    /// closest one.
    UnitNotFound {
        key: String,
        file: Option<String>,
        closest: Option<String>,
    },
    /// A value clap refuses (see `cli::ValueError`).
    EmptyLabel,
    Delimiter,
    /// A whole number from 1 to `max` (`--runs`, `-j`).
    WholeNumber {
        max: u64,
    },
    /// A whole number, 0 or more (`--seed`).
    Seed,
}

/// A `--result` a set needs: its prefix, the set it scores and the set
/// that reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResultWanted {
    pub(crate) prefix: String,
    pub(crate) set: String,
    pub(crate) reader: String,
}

impl Message for ArgMessage {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use ArgMessage as M;
        match (self, lang) {
            (M::CompareNeeds, Lang::Vi) => Borrowed(
                "compare cần: BỘ_TIÊU_CHÍ và hai tệp số liệu trở lên; hoặc --criteria CŨ --criteria MỚI và một tệp số liệu; hoặc BỘ_TIÊU_CHÍ, một tệp số liệu và --set",
            ),
            (M::CompareNeeds, Lang::En) => Borrowed(
                "compare needs CRITERIA and two or more data files; or --criteria OLD --criteria NEW and one data file; or CRITERIA, one data file and --set",
            ),
            (M::LabelsForColumns { got, want }, Lang::Vi) => Owned(format!(
                "--labels có {got} tên nhưng có {want} cột để so sánh"
            )),
            (M::LabelsForColumns { got, want }, Lang::En) => Owned(format!(
                "--labels has {got} names but there are {want} columns to compare"
            )),
            (M::LabelsForStages { got, want }, Lang::Vi) => {
                Owned(format!("--labels có {got} tên nhưng có {want} giai đoạn"))
            }
            (M::LabelsForStages { got, want }, Lang::En) => Owned(format!(
                "--labels has {got} names but there are {want} stages"
            )),
            (M::StdinOnce, Lang::Vi) => Borrowed("chỉ đọc được đầu vào chuẩn (-) một lần"),
            (M::StdinOnce, Lang::En) => Borrowed("standard input (-) can be read only once"),
            (M::ResultSyntax { arg }, Lang::Vi) => Owned(format!(
                "--result \"{arg}\": hãy ghi TIỀN_TỐ=TỆP_SỐ_LIỆU, ví dụ --result km=kieu-mau.csv"
            )),
            (M::ResultSyntax { arg }, Lang::En) => Owned(format!(
                "--result \"{arg}\": write PREFIX=DATA, e.g. --result km=kieu-mau.csv"
            )),
            (M::ResultTwice { prefix }, Lang::Vi) => Owned(format!(
                "--result \"{prefix}\" được cho hai lần; mỗi tiền tố chỉ một tệp số liệu"
            )),
            (M::ResultTwice { prefix }, Lang::En) => Owned(format!(
                "--result \"{prefix}\" is given twice; give one data file per prefix"
            )),
            (M::ResultsNeeded { missing }, Lang::Vi) => {
                let mut out = String::from(
                    "bộ tiêu chí dùng kết quả chấm của bộ khác; hãy cung cấp tệp số liệu của bộ đó:",
                );
                for ResultWanted {
                    prefix,
                    set,
                    reader,
                } in missing
                {
                    // One line: a message is shown with its line breaks
                    // escaped, as it may quote what a file holds.
                    out.push_str(&format!(
                        " --result {prefix}=TỆP_SỐ_LIỆU (số liệu để chấm theo bộ \"{set}\", bộ \"{reader}\" dùng kết quả của bộ này);"
                    ));
                }
                out.pop();
                Owned(out)
            }
            (M::ResultsNeeded { missing }, Lang::En) => {
                let mut out = String::from(
                    "the criteria set reads another set's results; give that set's data:",
                );
                for ResultWanted {
                    prefix,
                    set,
                    reader,
                } in missing
                {
                    out.push_str(&format!(
                        " --result {prefix}=DATA (the data to score with the set \"{set}\", whose results \"{reader}\" reads);"
                    ));
                }
                out.pop();
                Owned(out)
            }
            (M::ResultPrefixUnknown { prefix, known }, Lang::Vi) => {
                let known = if known.is_empty() {
                    "bộ tiêu chí không dùng kết quả của bộ nào ([[results]])".to_string()
                } else {
                    format!("các tiền tố có: {}", known.join(", "))
                };
                Owned(format!(
                    "--result \"{prefix}\": không có [[results]] nào có tiền tố này; {known}"
                ))
            }
            (M::ResultPrefixUnknown { prefix, known }, Lang::En) => {
                let known = if known.is_empty() {
                    "the criteria set reads no other set's results ([[results]])".to_string()
                } else {
                    format!("its prefixes: {}", known.join(", "))
                };
                Owned(format!(
                    "--result \"{prefix}\": no [[results]] has this prefix; {known}"
                ))
            }
            (M::ResultMissing { prefix }, Lang::Vi) => {
                Owned(format!("thiếu --result {prefix}=TỆP_SỐ_LIỆU"))
            }
            (M::ResultMissing { prefix }, Lang::En) => {
                Owned(format!("--result {prefix}=DATA is missing"))
            }
            (M::ResultWithoutData, Lang::Vi) => Borrowed(
                "--result chỉ dùng khi có tệp số liệu: wardscore check BỘ_TIÊU_CHÍ TỆP_SỐ_LIỆU --result TIỀN_TỐ=TỆP",
            ),
            (M::ResultWithoutData, Lang::En) => Borrowed(
                "--result is used only with a data file: wardscore check CRITERIA DATA --result PREFIX=FILE",
            ),
            (M::StageSyntax { arg }, Lang::Vi) => Owned(format!(
                "--stage \"{arg}\": cần TÊN_GIAI_ĐOẠN=TỆP, ví dụ --stage \"Tự chấm=tu-cham.xlsx\""
            )),
            (M::StageSyntax { arg }, Lang::En) => Owned(format!(
                "--stage \"{arg}\": expected LABEL=FILE, e.g. --stage \"Tự chấm=tu-cham.xlsx\""
            )),
            (M::StageTwice { label }, Lang::Vi) => {
                Owned(format!("--stage: giai đoạn \"{label}\" được nêu hai lần"))
            }
            (M::StageTwice { label }, Lang::En) => {
                Owned(format!("--stage: the stage \"{label}\" is given twice"))
            }
            (M::StageFromStdin, Lang::Vi) => {
                Borrowed("--stage: mỗi giai đoạn phải là một tệp, không đọc từ đầu vào chuẩn (-)")
            }
            (M::StageFromStdin, Lang::En) => {
                Borrowed("--stage: each stage must be a file, not standard input (-)")
            }
            (M::CompareStagesUsage, Lang::Vi) => Borrowed(
                "so sánh các giai đoạn: wardscore compare BỘ_TIÊU_CHÍ --stage \"Tự chấm=a.xlsx\" --stage \"Thẩm định=b.xlsx\" (không ghi tệp số liệu, không dùng --criteria, --lineage)",
            ),
            (M::CompareStagesUsage, Lang::En) => Borrowed(
                "to compare the stages: wardscore compare CRITERIA --stage \"Tự chấm=a.xlsx\" --stage \"Thẩm định=b.xlsx\" (no data file, no --criteria, no --lineage)",
            ),
            (M::CollectTakesNoStage, Lang::Vi) => Borrowed(
                "collect không dùng --stage: hãy gộp các tệp của cùng một giai đoạn, rồi chấm các giai đoạn bằng score --stage",
            ),
            (M::CollectTakesNoStage, Lang::En) => Borrowed(
                "collect does not take --stage: collect each stage's files, then score the stages with score --stage",
            ),
            (M::ManyFilesWithResults, Lang::Vi) => Borrowed(
                "nhiều tệp số liệu (hoặc một thư mục) chưa dùng được với bộ tiêu chí đọc kết quả của bộ khác hay với --result: hãy gộp các tệp trước (wardscore collect BỘ_TIÊU_CHÍ CÁC_TỆP… -o tong-hop.csv), rồi chấm tệp đã gộp với --result",
            ),
            (M::ManyFilesWithResults, Lang::En) => Borrowed(
                "several data files (or a folder) cannot be read for a set that reads other sets' results, nor with --result: combine them first (wardscore collect CRITERIA FILES… -o combined.csv), then score the combined file with --result",
            ),
            (M::StageWithData, Lang::Vi) => Borrowed(
                "có --stage thì không ghi tệp số liệu: số liệu là các giai đoạn (với explain, chỉ ghi đơn vị: wardscore explain BỘ_TIÊU_CHÍ ĐƠN_VỊ --stage …)",
            ),
            (M::StageWithData, Lang::En) => Borrowed(
                "with --stage, give no data file: the stages are the data (for explain, give only the unit: wardscore explain CRITERIA UNIT --stage …)",
            ),
            (M::Vary { item }, Lang::Vi) => Owned(format!(
                "--vary \"{item}\": dùng points=10% hoặc thresholds=5% (tỷ lệ từ 0 đến 100%)"
            )),
            (M::Vary { item }, Lang::En) => Owned(format!(
                "--vary \"{item}\": use points=10% or thresholds=5% (a share from 0 to 100%)"
            )),
            (M::Flag { flag }, Lang::Vi) => Owned(format!(
                "--flag phải là một tỷ lệ như 10% hoặc 0.1, không phải \"{flag}\""
            )),
            (M::Flag { flag }, Lang::En) => Owned(format!(
                "--flag must be a share such as 10% or 0.1, not \"{flag}\""
            )),
            (M::Date { text }, Lang::Vi) => Owned(format!(
                "--date \"{text}\" không phải là một ngày có thật; hãy ghi dạng 2023-12-15 hoặc 15/12/2023"
            )),
            (M::Date { text }, Lang::En) => Owned(format!(
                "--date \"{text}\" is not a real date; write it as 2023-12-15 or 15/12/2023"
            )),
            (M::NoFileMatches { pattern }, Lang::Vi) => {
                Owned(format!("không có tệp nào khớp với {pattern}"))
            }
            (M::NoFileMatches { pattern }, Lang::En) => Owned(format!("no file matches {pattern}")),
            (M::NoDataFile, Lang::Vi) => Borrowed("không có tệp số liệu nào để gộp"),
            (M::NoDataFile, Lang::En) => Borrowed("no data file to collect"),
            (M::TooManyFiles { count, max }, Lang::Vi) => {
                Owned(format!("quá nhiều tệp ({count}); tối đa {max}"))
            }
            (M::TooManyFiles { count, max }, Lang::En) => {
                Owned(format!("too many files ({count}); the limit is {max}"))
            }
            (M::UnitMissing, Lang::Vi) => {
                Borrowed("thiếu đơn vị: wardscore explain BỘ_TIÊU_CHÍ TỆP_SỐ_LIỆU ĐƠN_VỊ")
            }
            (M::UnitMissing, Lang::En) => {
                Borrowed("the unit is missing: wardscore explain CRITERIA DATA UNIT")
            }
            (M::UnitAmbiguous { key, listed }, Lang::Vi) => Owned(format!(
                "\"{key}\" ứng với {} đơn vị: {}; hãy ghi mã của đơn vị cần xem",
                listed.len(),
                listed.join(", ")
            )),
            (M::UnitAmbiguous { key, listed }, Lang::En) => Owned(format!(
                "\"{key}\" matches {} units: {}; give the id of the one you mean",
                listed.len(),
                listed.join(", ")
            )),
            (M::UnitNotFound { key, file, closest }, Lang::Vi) => {
                let place = file
                    .as_ref()
                    .map_or_else(String::new, |f| format!(" trong {f}"));
                let hint = closest
                    .as_ref()
                    .map_or_else(String::new, |s| format!("; có phải \"{s}\"?"));
                Owned(format!(
                    "không có đơn vị nào có mã hoặc tên \"{key}\"{place}{hint}"
                ))
            }
            (M::UnitNotFound { key, file, closest }, Lang::En) => {
                let place = file
                    .as_ref()
                    .map_or_else(String::new, |f| format!(" in {f}"));
                let hint = closest
                    .as_ref()
                    .map_or_else(String::new, |s| format!("; did you mean \"{s}\"?"));
                Owned(format!("no unit with id or name \"{key}\"{place}{hint}"))
            }
            (M::EmptyLabel, Lang::Vi) => Borrowed("nhãn không được để trống"),
            (M::EmptyLabel, Lang::En) => Borrowed("a label must not be empty"),
            (M::Delimiter, Lang::Vi) => Borrowed("dùng một trong các dấu: , ; tab |"),
            (M::Delimiter, Lang::En) => Borrowed("use one of: , ; tab |"),
            (M::WholeNumber { max }, Lang::Vi) => {
                Owned(format!("cần một số nguyên từ 1 đến {max}"))
            }
            (M::WholeNumber { max }, Lang::En) => {
                Owned(format!("expected a whole number from 1 to {max}"))
            }
            (M::Seed, Lang::Vi) => Borrowed("cần một số nguyên không âm (0, 1, 2, …)"),
            (M::Seed, Lang::En) => Borrowed("expected a whole number, 0 or more (0, 1, 2, …)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::both;

    #[test]
    fn argument_messages_read_in_each_language() {
        assert_eq!(
            both(&ArgMessage::LabelsForStages { got: 2, want: 3 }),
            (
                "--labels có 2 tên nhưng có 3 giai đoạn".into(),
                "--labels has 2 names but there are 3 stages".into()
            )
        );
        assert_eq!(
            both(&ArgMessage::ResultsNeeded {
                missing: vec![ResultWanted {
                    prefix: "km".into(),
                    set: "kieu-mau".into(),
                    reader: "thi-dua".into(),
                }]
            }),
            (
                "bộ tiêu chí dùng kết quả chấm của bộ khác; hãy cung cấp tệp số liệu của bộ đó: --result km=TỆP_SỐ_LIỆU (số liệu để chấm theo bộ \"kieu-mau\", bộ \"thi-dua\" dùng kết quả của bộ này)".into(),
                "the criteria set reads another set's results; give that set's data: --result km=DATA (the data to score with the set \"kieu-mau\", whose results \"thi-dua\" reads)".into()
            )
        );
        assert_eq!(
            both(&ArgMessage::ResultPrefixUnknown {
                prefix: "x".into(),
                known: Vec::new()
            }),
            (
                "--result \"x\": không có [[results]] nào có tiền tố này; bộ tiêu chí không dùng kết quả của bộ nào ([[results]])".into(),
                "--result \"x\": no [[results]] has this prefix; the criteria set reads no other set's results ([[results]])".into()
            )
        );
        assert_eq!(
            both(&ArgMessage::UnitNotFound {
                key: "NOPE".into(),
                file: Some("a.csv".into()),
                closest: Some("NOPA".into())
            }),
            (
                "không có đơn vị nào có mã hoặc tên \"NOPE\" trong a.csv; có phải \"NOPA\"?".into(),
                "no unit with id or name \"NOPE\" in a.csv; did you mean \"NOPA\"?".into()
            )
        );
        assert_eq!(
            both(&ArgMessage::UnitAmbiguous {
                key: "Nghi".into(),
                listed: vec!["NT (Nghi Tân)".into(), "NH (Nghi Hòa)".into()]
            }),
            (
                "\"Nghi\" ứng với 2 đơn vị: NT (Nghi Tân), NH (Nghi Hòa); hãy ghi mã của đơn vị cần xem".into(),
                "\"Nghi\" matches 2 units: NT (Nghi Tân), NH (Nghi Hòa); give the id of the one you mean".into()
            )
        );
        assert_eq!(
            both(&ArgMessage::WholeNumber { max: 100_000 }),
            (
                "cần một số nguyên từ 1 đến 100000".into(),
                "expected a whole number from 1 to 100000".into()
            )
        );
        assert_eq!(
            both(&ArgMessage::Seed),
            (
                "cần một số nguyên không âm (0, 1, 2, …)".into(),
                "expected a whole number, 0 or more (0, 1, 2, …)".into()
            )
        );
    }
}
