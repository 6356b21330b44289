//! The command line's help in Vietnamese: every command's and argument's
//! text, the headings and the placeholders. Applied to the built command
//! when the language asked for before parsing is Vietnamese; a test walks
//! the whole command so nothing is left in English.

use clap::{Arg, Command};

use crate::cli::shipped_ids;

/// What a command does, by its name.
fn about(command: &str) -> Option<&'static str> {
    Some(match command {
        "wardscore" => {
            "Chấm điểm, xếp loại và xếp hạng công an phường, xã theo bộ tiêu chí, chính xác đến từng chữ số."
        }
        "check" => {
            "Kiểm tra bộ tiêu chí và, nếu có, tệp số liệu; liệt kê các cột số liệu bộ tiêu chí không dùng."
        }
        "score" => "Chấm điểm, xếp loại và xếp hạng mọi đơn vị.",
        "explain" => {
            "Giải thích điểm của một đơn vị theo từng tiêu chí, và điều cần có để đạt mức xếp loại trên."
        }
        "compare" => "So sánh các kỳ (hoặc tự chấm với thẩm định), hoặc các phiên bản bộ tiêu chí.",
        "sensitivity" => "Xếp loại và thứ hạng vững đến đâu khi điểm và ngưỡng thay đổi.",
        "template" => "Tạo tệp mẫu nhập liệu trống (.csv hoặc .xlsx) cho một bộ tiêu chí.",
        "collect" => {
            "Gộp tệp số liệu của nhiều đơn vị (tệp, thư mục, *.xlsx) thành một tệp đã kiểm tra, ghi rõ nguồn từng đơn vị; có xung đột thì dừng."
        }
        "init" => "Tạo bộ tiêu chí riêng từ một bộ có sẵn (bản sao có chú thích, sửa được).",
        "completions" => {
            "In mã tự hoàn thành lệnh cho shell (bash, zsh, fish, powershell, elvish)."
        }
        "man" => "In trang hướng dẫn (định dạng roff), ví dụ để xem bằng `man -l -`.",
        "criteria" => "Hiển thị chính bộ tiêu chí thành bảng dễ đọc.",
        "schema" => {
            "In lược đồ JSON (JSON Schema, bản 2020-12) của mọi kết quả -f json (schema_version 1), như docs/json-schema.md mô tả."
        }
        "help" => "In trợ giúp chung hoặc của lệnh được nêu.",
        _ => return None,
    })
}

/// An argument's help: first by `command.argument`, then by the argument
/// alone (options shared by several commands).
fn arg_help(command: &str, arg: &str) -> Option<String> {
    let specific = match (command, arg) {
        ("check", "data") => Some(
            "Số liệu các đơn vị (CSV hoặc XLSX/ODS), hoặc một thư mục; `-` đọc từ đầu vào chuẩn.",
        ),
        ("check", "more") => Some(
            "Thêm tệp số liệu hoặc thư mục: kiểm tra chung như `collect` đọc (xung đột giữa các tệp là lỗi).",
        ),
        ("score", "more") => Some(
            "Thêm tệp số liệu hoặc thư mục: chấm chung như `collect` đọc (xung đột giữa các tệp là lỗi).",
        ),
        ("score", "data") => Some(
            "Số liệu các đơn vị (CSV hoặc XLSX/ODS), hoặc một thư mục; `-` đọc từ đầu vào chuẩn.",
        ),
        ("compare", "files") => Some(
            "BỘ_TIÊU_CHÍ rồi từ hai tệp SỐ_LIỆU trở lên; hoặc, khi có --criteria, một tệp SỐ_LIỆU.",
        ),
        ("compare", "criteria") => {
            Some("Một bộ tiêu chí để so sánh (nêu từ hai bộ trở lên; khi đó chỉ một tệp số liệu).")
        }
        ("compare", "unit") => Some("Đặt các tiêu chí của một đơn vị cạnh nhau, theo mã hoặc tên."),
        ("template", "output") => Some(
            "Tệp cần ghi; đuôi tệp (.xlsx hoặc .csv) quyết định định dạng. Tệp đã có không bị ghi đè: có thể đang chứa số liệu.",
        ),
        ("template", "force") => {
            Some("Ghi đè tệp đã có ở -o (không bao giờ ghi đè tệp bộ tiêu chí).")
        }
        ("collect", "files") => Some(
            "Các tệp số liệu (CSV, XLSX, ODS; mọi trang tính đang hiện có cột mã), thư mục, hoặc mẫu tên như phuong/*.xlsx.",
        ),
        ("collect", "output") => {
            Some("Tệp gộp cần ghi (.xlsx hoặc .csv). Tệp đã có không bị ghi đè nếu thiếu --force.")
        }
        ("collect", "force") => Some("Ghi đè tệp đã có ở -o (không bao giờ ghi đè tệp đầu vào)."),
        ("init", "output") => Some("Nơi ghi bộ tiêu chí mới (tệp đã có không bị ghi đè)."),
        ("init", "force") => Some("Ghi đè tệp đã có ở -o."),
        _ => None,
    };
    if let Some(text) = specific {
        return Some(text.to_string());
    }
    let text = match arg {
        "criteria" => {
            return Some(format!(
                "Tệp bộ tiêu chí (TOML), hoặc mã một bộ có sẵn: {}.",
                shipped_ids()
            ));
        }
        "from" => {
            return Some(format!(
                "Bộ tiêu chí có sẵn dùng làm gốc: {}.",
                shipped_ids()
            ));
        }
        "data" => "Số liệu các đơn vị (CSV hoặc XLSX/ODS); `-` đọc từ đầu vào chuẩn.",
        "unit" => "Mã hoặc tên của đơn vị.",
        "lang" => {
            "Ngôn ngữ của nhãn và thông báo: vi hoặc en (mặc định: ngôn ngữ của bộ tiêu chí; trợ giúp và lỗi cú pháp lệnh: tiếng Anh). Nhận cả vi-VN, en-US; đặt cố định bằng biến môi trường WARDSCORE_LANG."
        }
        "color" => {
            "Màu trong bảng trên màn hình: auto (chỉ khi in ra màn hình và không đặt NO_COLOR; mặc định), always hoặc never. Các dấu trong chữ (✗, ↓, ⚠) không phụ thuộc vào màu."
        }
        "quiet" => "Chỉ in lỗi (không in xác nhận, không hiện tiến độ).",
        "verbose" => {
            "In thêm những gì đã nhận biết: bảng mã, dấu phân cách, kiểu dấu thập phân, số dòng và cột đã đọc, mã băm của tệp bộ tiêu chí."
        }
        "threads" => {
            "Số luồng xử lý được dùng (mặc định: bằng số lõi của máy); 1 là đọc, chấm điểm và ghi lần lượt trên một luồng. Kết quả như nhau với mọi số luồng."
        }
        "help" => "In trợ giúp.",
        "version" => "In phiên bản.",
        "more" => "Thêm tệp số liệu hoặc thư mục.",
        "delimiter" => {
            "Dấu phân cách các ô: , ; tab hoặc |. Nếu không nêu, tự nhận biết , ; hoặc tab từ dòng tên cột; dấu | phải nêu rõ."
        }
        "decimal" => {
            "Dấu thập phân: point (85.5) hoặc comma (85,5); tự nhận biết khi tệp không gây nhầm lẫn. Khi đã nêu thì cho phép cả dấu phân cách hàng nghìn (1.234,5)."
        }
        "encoding" => "Bảng mã của tệp không có BOM, ví dụ windows-1258 (mặc định: UTF-8).",
        "sheet" => {
            "Trang tính cần đọc trong tệp Excel, ẩn hay hiện đều được (mặc định: trang đầu tiên đang hiện)."
        }
        "result" => {
            "Số liệu của bộ tiêu chí mà bộ này lấy kết quả ([[results]]): TIỀN_TỐ=SỐ_LIỆU, ví dụ --result km=kieu-mau.csv. Bộ đó được chấm trên SỐ_LIỆU và ghép đơn vị theo mã. Nêu một lần cho mỗi tiền tố (bộ mà nó lại lấy kết quả: --result km.x=SỐ_LIỆU)."
        }
        "stage" => {
            "Số liệu qua từng bước chấm, thay cho SỐ_LIỆU: NHÃN=TỆP, bước sớm nhất trước, ví dụ --stage \"Tự chấm=a.xlsx\" --stage \"Thẩm định=b.xlsx\". Mỗi ô lấy giá trị không trống của bước sau cùng; mọi đơn vị phải có ở bước đầu. Báo cáo liệt kê những ô bước sau đã sửa."
        }
        "lineage" => {
            "Tệp sáp nhập (cột old_id,new_id): đặt mỗi đơn vị mới cạnh các đơn vị cũ hợp thành, với điểm và xếp loại kỳ trước của từng đơn vị cũ (không cộng, không lấy trung bình)."
        }
        "strict" => {
            "Coi các cảnh báo về số liệu (tên cụm gần giống nhau, cụm chỉ có một đơn vị, tên trùng, khoảng trắng thừa) là lỗi: mã thoát 3."
        }
        "format" => {
            "Định dạng kết quả: table, csv, json, md, html, xlsx hoặc docx; mặc định theo đuôi tệp của -o (không được mâu thuẫn với nó), nếu không thì table."
        }
        "output" => {
            "Tệp kết quả; `-` hoặc bỏ trống thì in ra màn hình. Tệp đã có chỉ bị thay nếu đó là báo cáo do wardscore ghi."
        }
        "force" => {
            "Thay tệp ở -o kể cả khi đó không phải báo cáo do wardscore ghi (không bao giờ thay tệp đầu vào)."
        }
        "raw" => {
            "Không vô hiệu hóa công thức bảng tính (=, +, -, @) trong ô chữ của CSV và XLSX; dành cho quy trình tự động cần giữ nguyên chữ."
        }
        "no_bom" => "Ghi CSV không kèm dấu BOM UTF-8 mà Excel cần.",
        "csv_style" => {
            "Kiểu CSV: standard (dấu , và 91.25) hoặc excel-vi (dấu ; và 91,25, Excel cài tiếng Việt mở thẳng được). Mặc định: standard."
        }
        "set" => {
            "Đổi một giá trị của bộ tiêu chí cho lần chạy này: MÃ.TRƯỜNG=GIÁ_TRỊ cho tiêu chí (points, pass, min, max, zero, full), điều kiện bắt buộc (min, max, zero, full), mức xếp loại (min_score, min_met, quota) hoặc khoản điểm thưởng/trừ (per, cap); hoặc bonus_cap=, deduction_cap=. Dùng được nhiều lần."
        }
        "labels" => "Tên các cột, cách nhau bằng dấu phẩy (mặc định: tên tệp).",
        "runs" => {
            "Số lần chấm lại với điểm và ngưỡng thay đổi ngẫu nhiên (1 đến 100000; mặc định 1000)."
        }
        "seed" => "Hạt giống ngẫu nhiên (cùng hạt giống, cùng kết quả; mặc định 1).",
        "vary" => {
            "Yếu tố thay đổi và mức thay đổi: points=TỶ_LỆ (điểm từng tiêu chí; mặc định 10%) và thresholds=TỶ_LỆ (min_score của từng mức xếp loại; mặc định 0%). Dùng được nhiều lần."
        }
        "flag" => {
            "Đánh dấu đơn vị có xếp loại hoặc vị trí dẫn đầu cụm thay đổi ở nhiều hơn tỷ lệ số lần này (mặc định 10%)."
        }
        "keep" => {
            "Cùng một mã đơn vị đọc được hai lần với giá trị khác nhau: first giữ bản đọc trước, last giữ bản đọc sau (mặc định: coi là xung đột, không ghi gì)."
        }
        "shell" => "Loại shell: bash, elvish, fish, powershell hoặc zsh.",
        "profile" => {
            "Tệp thông tin báo cáo (TOML): parent, issuer, number, place, date, period, signer_title, signer_name, recipients."
        }
        "parent" => "Cơ quan chủ quản, ví dụ \"CÔNG AN TỈNH NGHỆ AN\".",
        "issuer" => "Cơ quan ban hành.",
        "number" => "Số, ký hiệu văn bản, ví dụ \"125/BC-CATX\".",
        "place" => "Địa danh ở dòng địa danh, ngày tháng.",
        "date" => {
            "Ngày của báo cáo, 2023-12-15 hoặc 15/12/2023 (mặc định: hôm nay theo giờ Việt Nam, hoặc theo TZ nếu có đặt)."
        }
        "period" => "Kỳ đánh giá, ví dụ \"năm 2023\".",
        "signer_title" => "Chức vụ người ký, kèm KT./TM., ví dụ \"KT. TRƯỞNG CÔNG AN\".",
        "signer_name" => "Họ tên người ký.",
        "recipients" => "Một nơi nhận; nêu lại cho mỗi nơi nhận.",
        "subcommand" => "Lệnh cần xem trợ giúp.",
        _ => return None,
    };
    Some(text.to_string())
}

/// Placeholders in usage lines and help, in Vietnamese.
fn value_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "CRITERIA" => "BỘ_TIÊU_CHÍ",
        "DATA" => "SỐ_LIỆU",
        "MORE" => "THÊM",
        "UNIT" => "ĐƠN_VỊ",
        "FILES" => "TỆP",
        "FILE" => "TỆP",
        "OUTPUT" => "TỆP",
        "TEXT" => "CHỮ",
        "DATE" => "NGÀY",
        "ID" => "MÃ",
        "KEY=VALUE" => "KHÓA=GIÁ_TRỊ",
        "PREFIX=DATA" => "TIỀN_TỐ=SỐ_LIỆU",
        "LABEL=FILE" => "NHÃN=TỆP",
        "WHAT=SHARE" => "YẾU_TỐ=TỶ_LỆ",
        "LABELS" => "NHÃN",
        "SHELL" => "SHELL",
        "DELIMITER" => "DẤU",
        "DECIMAL" => "DẤU",
        "ENCODING" => "BẢNG_MÃ",
        "SHEET" => "TRANG",
        "FORMAT" => "ĐỊNH_DẠNG",
        "COLOR" => "MÀU",
        "LANG" => "NGÔN_NGỮ",
        "RUNS" => "SỐ_LẦN",
        "N" => "SỐ_LUỒNG",
        "SEED" => "HẠT_GIỐNG",
        "FLAG" => "TỶ_LỆ",
        "KEEP" => "BẢN",
        "CSV_STYLE" => "KIỂU",
        "SUBCOMMAND" => "LỆNH",
        _ => return None,
    })
}

/// Headings of the help, in Vietnamese.
fn heading(english: &str) -> Option<&'static str> {
    Some(match english {
        "Report details" => "Thông tin báo cáo",
        _ => return None,
    })
}

const EXIT_CODES_VI: &str = "\
Mã thoát:
  0  thành công
  1  không đọc hoặc ghi được tệp, hoặc không tìm thấy đơn vị
  2  sai cú pháp lệnh (kể cả bộ tiêu chí không phải tệp cũng không phải
     mã bộ có sẵn), hoặc tệp không được ghi đè (không phải báo cáo của
     wardscore mà thiếu --force; tệp đầu vào; tên tệp có đuôi định dạng
     wardscore không ghi được)
  3  tệp bộ tiêu chí hoặc số liệu bị từ chối; mọi lỗi đều được liệt kê";

const TEMPLATE_VI: &str = "\
{before-help}{about-with-newline}
Cách dùng: {usage}

{all-args}{after-help}";

/// The whole command, built, with its texts in Vietnamese. What has no
/// Vietnamese text is left as it was (the test below finds it).
pub(super) fn translate(mut command: Command) -> Command {
    command.build();
    translate_one(command)
}

fn translate_one(command: Command) -> Command {
    let name = command.get_name().to_string();
    let mut command = command
        .help_template(TEMPLATE_VI)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH");
    if let Some(text) = about(&name) {
        command = command.about(text).long_about(None::<&str>);
    }
    if name == "wardscore" {
        command = command.after_long_help(EXIT_CODES_VI);
    }
    if let Some(after) = command.get_after_help().map(|a| a.to_string()) {
        command = command.after_help(examples_heading(&after));
    }
    command = command.mut_args(|arg| translate_arg(&name, arg));
    // The usage line names [OPTIONS] itself; spelled out once per command.
    let usage = command.render_usage().to_string();
    let usage = usage
        .strip_prefix("Usage: ")
        .unwrap_or(&usage)
        .replace("[OPTIONS]", "[TÙY_CHỌN]");
    command = command.override_usage(usage);
    command.mut_subcommands(translate_one)
}

fn examples_heading(after: &str) -> String {
    if let Some(rest) = after.strip_prefix("Examples:") {
        format!("Ví dụ:{rest}")
    } else if let Some(rest) = after.strip_prefix("Example:") {
        format!("Ví dụ:{rest}")
    } else {
        after.to_string()
    }
}

fn translate_arg(command: &str, arg: Arg) -> Arg {
    let id = arg.get_id().as_str().to_string();
    let mut arg = arg;
    if let Some(help) = arg_help(command, &id) {
        arg = arg.help(help).long_help(None::<&str>);
    }
    let heading = arg.get_help_heading().map(str::to_string);
    arg = match heading.as_deref().and_then(self::heading) {
        Some(h) => arg.help_heading(h),
        None if heading.is_none() && arg.is_positional() => arg.help_heading("Đối số"),
        None if heading.is_none() => arg.help_heading("Tùy chọn"),
        None => arg,
    };
    let names: Vec<String> = arg
        .get_value_names()
        .unwrap_or_default()
        .iter()
        .map(|n| n.to_string())
        .collect();
    if !names.is_empty() && names.iter().all(|n| value_name(n).is_some()) {
        let vi: Vec<&str> = names.iter().filter_map(|n| value_name(n)).collect();
        arg = arg.value_names(vi);
    }
    // The Vietnamese text says the values and defaults in words; clap's
    // own "[possible values: …]", "[default: …]" and "[env: …]" are English.
    arg.hide_possible_values(true)
        .hide_default_value(true)
        .hide_env(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    fn all_commands(command: &Command) -> Vec<&Command> {
        let mut out = vec![command];
        for sub in command.get_subcommands() {
            out.extend(all_commands(sub));
        }
        out
    }

    #[test]
    fn every_command_and_argument_has_vietnamese_help() {
        let mut command = Cli::command();
        command.build();
        let mut missing = Vec::new();
        for c in all_commands(&command) {
            let name = c.get_name();
            if about(name).is_none() {
                missing.push(format!("command {name}"));
            }
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if arg_help(name, id).is_none() {
                    missing.push(format!("{name} {id}"));
                }
                let takes_values = a.get_action().takes_values();
                for n in a.get_value_names().unwrap_or_default() {
                    if !takes_values {
                        break;
                    }
                    if value_name(n).is_none() {
                        missing.push(format!("{name} {id} <{n}>"));
                    }
                }
                if let Some(h) = a.get_help_heading()
                    && heading(h).is_none()
                {
                    missing.push(format!("heading {h}"));
                }
            }
        }
        assert!(missing.is_empty(), "no Vietnamese for: {missing:#?}");
    }

    #[test]
    fn the_vietnamese_help_has_no_english_scaffolding() {
        let mut command = translate(Cli::command());
        for c in ["score", "compare", "collect", "sensitivity"] {
            let help = command
                .find_subcommand_mut(c)
                .expect("a command")
                .render_long_help()
                .to_string();
            for english in [
                "Usage:",
                "Options:",
                "Arguments:",
                "[OPTIONS]",
                "possible values",
                "[default:",
                "[env:",
                "Print help",
                "Example",
                "Criteria file",
            ] {
                assert!(!help.contains(english), "{c}: {english}\n{help}");
            }
            assert!(help.contains("Cách dùng: wardscore "), "{help}");
            assert!(help.contains("Tùy chọn"), "{help}");
        }
        let top = command.render_long_help().to_string();
        assert!(top.contains("Lệnh:"), "{top}");
        assert!(top.contains("Mã thoát:"), "{top}");
        assert!(!top.contains("Commands:"), "{top}");
    }
}
