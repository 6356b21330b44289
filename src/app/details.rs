//! What `--verbose` tells: the facts a run found (what was read, how, how
//! long it took), worded here and nowhere else, in each language: a
//! catalogue like those of `app/messages/`, kept beside the verbose output
//! it serves.

use std::borrow::Cow;
use std::time::Duration;

use crate::i18n::{Lang, Message};
use crate::load::data::{DataKind, DecimalFound, ReadInfo};
use crate::load::text::DecimalStyle;

/// One fact for `--verbose`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Detail<'a> {
    /// A criteria set was read: where from (as the run's language names
    /// it), its id and its file's SHA-256.
    SetRead {
        source: &'a str,
        id: &'a str,
        sha256: &'a str,
    },
    /// A data file was read: what was detected in it.
    DataRead {
        name: &'a str,
        info: &'a ReadInfo,
        in_two_parts: bool,
    },
    /// A review stage's table was read.
    StageRead {
        name: &'a str,
        rows: usize,
        columns: usize,
    },
    /// A workbook's sheet holds no id column (a guide or notes sheet).
    SheetSkipped {
        file: &'a str,
        sheet: &'a str,
        id_column: &'a str,
    },
    /// A ranking: how long reading and scoring took, and writing.
    Ranked {
        units: usize,
        scored: Duration,
        written: Duration,
    },
}

impl Message for Detail<'_> {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        Cow::Owned(match (*self, lang) {
            (Detail::SetRead { source, id, sha256 }, Lang::Vi) => {
                format!("{source}: bộ tiêu chí \"{id}\", SHA-256 {sha256}")
            }
            (Detail::SetRead { source, id, sha256 }, Lang::En) => {
                format!("{source}: set \"{id}\", SHA-256 {sha256}")
            }
            (
                Detail::DataRead {
                    name,
                    info,
                    in_two_parts,
                },
                Lang::Vi,
            ) => {
                let kind = match &info.kind {
                    DataKind::Csv => "tệp CSV".to_string(),
                    DataKind::Workbook { table } => format!("bảng tính {table}"),
                };
                let how = if in_two_parts {
                    " (đọc song song thành hai phần)"
                } else {
                    ""
                };
                format!(
                    "{name}: {kind}; bảng mã {}; dấu phân cách {}; {}; {} dòng, {} cột{how}",
                    info.encoding.as_deref().unwrap_or("-"),
                    delimiter(info.delimiter),
                    decimals_vi(&info.decimal),
                    info.rows,
                    info.columns
                )
            }
            (
                Detail::DataRead {
                    name,
                    info,
                    in_two_parts,
                },
                Lang::En,
            ) => {
                let kind = match &info.kind {
                    DataKind::Csv => "CSV",
                    DataKind::Workbook { table } => table.as_str(),
                };
                let how = if in_two_parts {
                    " (read as two parts at once)"
                } else {
                    ""
                };
                format!(
                    "{name}: {kind}; encoding {}; delimiter {}; decimals {}; {} rows, {} columns{how}",
                    info.encoding.as_deref().unwrap_or("-"),
                    delimiter(info.delimiter),
                    decimals_en(&info.decimal),
                    info.rows,
                    info.columns
                )
            }
            (
                Detail::StageRead {
                    name,
                    rows,
                    columns,
                },
                Lang::Vi,
            ) => format!("{name}: {rows} dòng, {columns} cột"),
            (
                Detail::StageRead {
                    name,
                    rows,
                    columns,
                },
                Lang::En,
            ) => format!("{name}: {rows} rows, {columns} columns"),
            (
                Detail::SheetSkipped {
                    file,
                    sheet,
                    id_column,
                },
                Lang::Vi,
            ) => format!("{file} [{sheet}]: không có cột \"{id_column}\", bỏ qua"),
            (
                Detail::SheetSkipped {
                    file,
                    sheet,
                    id_column,
                },
                Lang::En,
            ) => format!("{file} [{sheet}]: no \"{id_column}\" column; skipped"),
            (
                Detail::Ranked {
                    units,
                    scored,
                    written,
                },
                Lang::Vi,
            ) => format!(
                "Đã đọc, chấm điểm và xếp hạng {units} đơn vị trong {} giây; ghi báo cáo trong {} giây",
                seconds(scored).replace('.', ","),
                seconds(written).replace('.', ",")
            ),
            (
                Detail::Ranked {
                    units,
                    scored,
                    written,
                },
                Lang::En,
            ) => format!(
                "{units} units read, scored and ranked in {} s; report written in {} s",
                seconds(scored),
                seconds(written)
            ),
        })
    }
}

/// Seconds with two decimals (a decimal point).
fn seconds(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64())
}

/// A CSV delimiter as the file has it, quoted; a tab by name.
fn delimiter(d: Option<u8>) -> String {
    match d {
        Some(b'\t') => "tab".to_string(),
        Some(d) => format!("\"{}\"", char::from(d)),
        None => "-".to_string(),
    }
}

/// A number written in `style`, as the file writes it (not as the run's
/// language would).
fn example(style: DecimalStyle) -> &'static str {
    match style {
        DecimalStyle::Point => "85.5",
        DecimalStyle::Comma => "85,5",
    }
}

fn decimals_en(found: &DecimalFound) -> String {
    match found {
        DecimalFound::AsStored => "numbers as stored".to_string(),
        DecimalFound::Chosen(style) => format!("{} (--decimal)", example(*style)),
        DecimalFound::Detected {
            style,
            line,
            column,
        } => format!(
            "{} (detected at line {line}, column \"{column}\")",
            example(*style)
        ),
        DecimalFound::NoneSeen => "no decimals seen".to_string(),
    }
}

/// The whole clause: Vietnamese names the separator, then shows it.
fn decimals_vi(found: &DecimalFound) -> String {
    let separator = |style: DecimalStyle| match style {
        DecimalStyle::Point => "dấu chấm",
        DecimalStyle::Comma => "dấu phẩy",
    };
    match found {
        DecimalFound::AsStored => "số lấy đúng như lưu trong bảng tính".to_string(),
        DecimalFound::Chosen(style) => format!(
            "số thập phân dùng {} ({}) theo --decimal",
            separator(*style),
            example(*style)
        ),
        DecimalFound::Detected {
            style,
            line,
            column,
        } => format!(
            "số thập phân dùng {} ({}), nhận ra ở dòng {line}, cột \"{column}\"",
            separator(*style),
            example(*style)
        ),
        DecimalFound::NoneSeen => "không có số nào có phần thập phân".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::both;

    fn csv_read(decimal: DecimalFound) -> ReadInfo {
        ReadInfo {
            kind: DataKind::Csv,
            encoding: Some("UTF-8".to_string()),
            delimiter: Some(b';'),
            decimal,
            style: None,
            rows: 7,
            columns: 12,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn a_csv_read_is_told_in_each_language() {
        let info = csv_read(DecimalFound::Detected {
            style: DecimalStyle::Comma,
            line: 3,
            column: "Điểm".to_string(),
        });
        let (vi, en) = both(&Detail::DataRead {
            name: "a.csv",
            info: &info,
            in_two_parts: false,
        });
        assert_eq!(
            vi,
            "a.csv: tệp CSV; bảng mã UTF-8; dấu phân cách \";\"; số thập phân dùng dấu phẩy (85,5), nhận ra ở dòng 3, cột \"Điểm\"; 7 dòng, 12 cột"
        );
        assert_eq!(
            en,
            "a.csv: CSV; encoding UTF-8; delimiter \";\"; decimals 85,5 (detected at line 3, column \"Điểm\"); 7 rows, 12 columns"
        );
    }

    #[test]
    fn a_file_read_in_two_parts_says_so() {
        let info = csv_read(DecimalFound::NoneSeen);
        let (vi, en) = both(&Detail::DataRead {
            name: "a.csv",
            info: &info,
            in_two_parts: true,
        });
        assert!(vi.ends_with("; 7 dòng, 12 cột (đọc song song thành hai phần)"));
        assert!(vi.contains("; không có số nào có phần thập phân;"), "{vi}");
        assert!(en.ends_with("; 7 rows, 12 columns (read as two parts at once)"));
        assert!(en.contains("decimals no decimals seen;"));
    }

    #[test]
    fn a_style_chosen_keeps_the_files_own_notation_in_either_language() {
        let info = csv_read(DecimalFound::Chosen(DecimalStyle::Point));
        let (vi, en) = both(&Detail::DataRead {
            name: "a.csv",
            info: &info,
            in_two_parts: false,
        });
        assert!(
            vi.contains("; số thập phân dùng dấu chấm (85.5) theo --decimal;"),
            "{vi}"
        );
        assert!(en.contains("decimals 85.5 (--decimal)"), "{en}");
    }

    #[test]
    fn a_workbook_and_a_tab_delimiter_are_named() {
        let info = ReadInfo {
            kind: DataKind::Workbook {
                table: "a.xlsx [Số liệu]".to_string(),
            },
            encoding: None,
            delimiter: None,
            decimal: DecimalFound::AsStored,
            ..csv_read(DecimalFound::NoneSeen)
        };
        let (vi, en) = both(&Detail::DataRead {
            name: "a.xlsx",
            info: &info,
            in_two_parts: false,
        });
        assert_eq!(
            vi,
            "a.xlsx: bảng tính a.xlsx [Số liệu]; bảng mã -; dấu phân cách -; số lấy đúng như lưu trong bảng tính; 7 dòng, 12 cột"
        );
        assert_eq!(
            en,
            "a.xlsx: a.xlsx [Số liệu]; encoding -; delimiter -; decimals numbers as stored; 7 rows, 12 columns"
        );
        assert_eq!(delimiter(Some(b'\t')), "tab");
    }

    #[test]
    fn a_set_read_names_its_source_id_and_hash() {
        let (vi, en) = both(&Detail::SetRead {
            source: "bo.toml",
            id: "kieu-mau",
            sha256: "ab12",
        });
        assert_eq!(vi, "bo.toml: bộ tiêu chí \"kieu-mau\", SHA-256 ab12");
        assert_eq!(en, "bo.toml: set \"kieu-mau\", SHA-256 ab12");
    }

    #[test]
    fn stages_and_skipped_sheets_are_told_in_each_language() {
        let (vi, en) = both(&Detail::StageRead {
            name: "b2.csv",
            rows: 1,
            columns: 4,
        });
        assert_eq!(vi, "b2.csv: 1 dòng, 4 cột");
        assert_eq!(en, "b2.csv: 1 rows, 4 columns");
        let (vi, en) = both(&Detail::SheetSkipped {
            file: "p.xlsx",
            sheet: "Hướng dẫn",
            id_column: "Mã",
        });
        assert_eq!(vi, "p.xlsx [Hướng dẫn]: không có cột \"Mã\", bỏ qua");
        assert_eq!(en, "p.xlsx [Hướng dẫn]: no \"Mã\" column; skipped");
    }

    #[test]
    fn timings_take_a_decimal_comma_in_vietnamese() {
        let (vi, en) = both(&Detail::Ranked {
            units: 7,
            scored: Duration::from_millis(1_250),
            written: Duration::from_millis(4),
        });
        assert_eq!(
            vi,
            "Đã đọc, chấm điểm và xếp hạng 7 đơn vị trong 1,25 giây; ghi báo cáo trong 0,00 giây"
        );
        assert_eq!(
            en,
            "7 units read, scored and ranked in 1.25 s; report written in 0.00 s"
        );
    }
}
