//! Reading the command line in the user's language. The language is taken
//! from `--lang` or WARDSCORE_LANG before clap parses, so the help and the
//! usage errors (exit 2) are Vietnamese when Vietnamese is asked for.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{CommandFactory, FromArgMatches, ValueEnum};

use super::help_vi;
use crate::cli::{Cli, LangArg, ValueError};
use crate::i18n::{Lang, Message};

/// The arguments parsed, or the process ends as clap ends it: help and
/// version on standard output with exit 0, a usage error on standard
/// error with exit 2.
pub fn parse_args(args: impl IntoIterator<Item = OsString>) -> Cli {
    let args: Vec<OsString> = args.into_iter().collect();
    // `WARDSCORE_LANG=` (set but empty, or blank) is how a script clears
    // it: the same as no variable, not a `--lang` without a value.
    let env = std::env::var_os("WARDSCORE_LANG")
        .filter(|value| !value.to_string_lossy().trim().is_empty());
    let cleared = env.is_none() && std::env::var_os("WARDSCORE_LANG").is_some();
    let lang = requested_lang(&args, env);
    let mut command = command_in(lang);
    if cleared {
        command = command.mut_arg("lang", |arg| arg.env(None::<&str>));
    }
    let parsed = command
        .try_get_matches_from(&args)
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches));
    match parsed {
        Ok(cli) => cli,
        Err(e) if lang == Some(Lang::Vi) => e.apply::<VietnameseErrors>().exit(),
        Err(e) => e.exit(),
    }
}

/// The command line, its help in `lang` (English unless Vietnamese).
pub fn command_in(lang: Option<Lang>) -> clap::Command {
    match lang {
        Some(Lang::Vi) => help_vi::translate(Cli::command()),
        _ => Cli::command(),
    }
}

/// The language asked for by `--lang X` or `--lang=X` (the last one wins,
/// as clap has it; nothing after `--`), else by WARDSCORE_LANG.
pub fn requested_lang(args: &[OsString], env: Option<OsString>) -> Option<Lang> {
    let mut found = None;
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            found = words.next().map(|v| v.into_owned());
        } else if let Some(value) = word.strip_prefix("--lang=") {
            found = Some(value.to_string());
        }
    }
    let value = found.or_else(|| env.map(|e| e.to_string_lossy().into_owned()))?;
    match LangArg::from_str(value.trim(), true).ok()? {
        LangArg::Vi => Some(Lang::Vi),
        LangArg::En => Some(Lang::En),
    }
}

/// clap's usage errors in Vietnamese, with what they name (the argument,
/// the value, the values allowed, a close match, the usage line).
pub struct VietnameseErrors;

impl ErrorFormatter for VietnameseErrors {
    fn format_error(error: &clap::error::Error<Self>) -> clap::builder::StyledStr {
        let mut out = format!("lỗi: {}", message(error));
        let close = [
            ContextKind::SuggestedSubcommand,
            ContextKind::SuggestedArg,
            ContextKind::SuggestedValue,
        ];
        let suggestions: Vec<String> = close
            .iter()
            .filter_map(|kind| error.get(*kind))
            .flat_map(strings)
            .map(|s| format!("'{s}'"))
            .collect();
        if !suggestions.is_empty() {
            out.push_str(&format!(
                "\n\n  gợi ý: có phải là {}?",
                suggestions.join(", ")
            ));
        }
        if let Some(ContextValue::StyledStrs(tips)) = error.get(ContextKind::Suggested) {
            for tip in tips {
                out.push_str(&format!("\n  gợi ý: {}", tip_vi(&tip.to_string())));
            }
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
            out.push_str(&format!("\n\nCách dùng: {usage}"));
        }
        out.push_str("\n\nXem hướng dẫn: thêm --help vào lệnh.\n");
        out.into()
    }
}

fn strings(value: &ContextValue) -> Vec<String> {
    match value {
        ContextValue::String(s) => vec![s.clone()],
        ContextValue::Strings(v) => v.clone(),
        _ => Vec::new(),
    }
}

fn string(error: &clap::error::Error<VietnameseErrors>, kind: ContextKind) -> String {
    error
        .get(kind)
        .map(|v| strings(v).join(", "))
        .unwrap_or_default()
}

fn message(error: &clap::error::Error<VietnameseErrors>) -> String {
    let arg = string(error, ContextKind::InvalidArg);
    let value = string(error, ContextKind::InvalidValue);
    let valid = string(error, ContextKind::ValidValue);
    let allowed = if valid.is_empty() {
        String::new()
    } else {
        format!(" (giá trị được phép: {valid})")
    };
    match error.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("'{arg}' cần một giá trị nhưng chưa có{allowed}")
        }
        ErrorKind::InvalidValue => format!("giá trị '{value}' không hợp lệ cho '{arg}'{allowed}"),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(error)
                .map(|s| match s.downcast_ref::<ValueError>() {
                    Some(ValueError(message)) => message.words(Lang::Vi).into_owned(),
                    None => s.to_string(),
                })
                .map(|why| format!(": {why}"))
                .unwrap_or_default();
            format!("giá trị '{value}' không hợp lệ cho '{arg}'{why}")
        }
        ErrorKind::UnknownArgument => format!("không có tùy chọn '{arg}'"),
        ErrorKind::InvalidSubcommand => {
            let sub = string(error, ContextKind::InvalidSubcommand);
            format!("không có lệnh '{sub}'")
        }
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = error
                .get(ContextKind::InvalidArg)
                .map(strings)
                .unwrap_or_default();
            format!("thiếu tham số bắt buộc:\n  {}", missing.join("\n  "))
        }
        ErrorKind::MissingSubcommand => {
            let valid = string(error, ContextKind::ValidSubcommand);
            format!("cần nêu một lệnh: {valid}")
        }
        ErrorKind::ArgumentConflict => {
            let prior = string(error, ContextKind::PriorArg);
            if prior.is_empty() || prior == arg {
                format!("'{arg}' chỉ được dùng một lần")
            } else {
                format!("'{arg}' không dùng cùng với '{prior}' được")
            }
        }
        ErrorKind::NoEquals => format!("'{arg}' cần dấu bằng: {arg}=GIÁ_TRỊ"),
        ErrorKind::TooManyValues => format!("thừa giá trị '{value}' cho '{arg}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("'{arg}' chưa đủ hoặc thừa giá trị")
        }
        ErrorKind::InvalidUtf8 => "một tham số có ký tự không hợp lệ (không phải UTF-8)".into(),
        _ => error.kind().to_string(),
    }
}

/// clap's one tip for a word that looks like an option.
fn tip_vi(tip: &str) -> String {
    // "to pass '--x' as a value, use '-- --x'"
    match tip
        .strip_prefix("to pass '")
        .and_then(|rest| rest.split_once("' as a value, use '"))
    {
        Some((word, rest)) => {
            let use_ = rest.trim_end_matches('\'');
            format!("muốn dùng '{word}' làm giá trị thì gõ '{use_}'")
        }
        None => tip.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        std::iter::once("wardscore")
            .chain(words.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn the_language_is_found_before_parsing() {
        let vi = Some(Lang::Vi);
        assert_eq!(requested_lang(&args(&["score", "--lang", "vi"]), None), vi);
        assert_eq!(requested_lang(&args(&["--lang=vi-VN", "x"]), None), vi);
        assert_eq!(requested_lang(&args(&["score"]), Some("vi_VN".into())), vi);
        assert_eq!(requested_lang(&args(&["score"]), Some("VI".into())), vi);
        // The flag wins over the environment; the last flag wins.
        let en = Some(Lang::En);
        assert_eq!(
            requested_lang(&args(&["--lang", "en"]), Some("vi".into())),
            en
        );
        assert_eq!(
            requested_lang(&args(&["--lang", "vi", "--lang", "en-US"]), None),
            en
        );
        // Not a language; after `--`; nothing said.
        assert_eq!(requested_lang(&args(&["--lang", "fr"]), None), None);
        assert_eq!(requested_lang(&args(&["--", "--lang", "vi"]), None), None);
        assert_eq!(requested_lang(&args(&["score", "--lang"]), None), None);
        assert_eq!(requested_lang(&args(&["score"]), None), None);
    }

    #[test]
    fn clap_errors_read_in_vietnamese() {
        let vi = |words: &[&str]| {
            command_in(Some(Lang::Vi))
                .try_get_matches_from(args(words))
                .map(|_| ())
                .map_err(|e| {
                    let code = e.exit_code();
                    (e.apply::<VietnameseErrors>().to_string(), code)
                })
                .expect_err("a usage error")
        };
        let (text, code) = vi(&["scor"]);
        assert_eq!(code, 2);
        assert!(text.starts_with("lỗi: không có lệnh 'scor'"), "{text}");
        assert!(
            text.contains("gợi ý: có phải là 'compare', 'score'?"),
            "{text}"
        );
        assert!(
            text.contains("Cách dùng: wardscore [TÙY_CHỌN] <LỆNH>"),
            "{text}"
        );
        let (text, _) = vi(&["score", "cong-an-phuong-kieu-mau"]);
        assert!(
            text.starts_with("lỗi: thiếu tham số bắt buộc:\n  <SỐ_LIỆU>"),
            "{text}"
        );
        let (text, _) = vi(&["score", "x", "y", "--color", "sometimes"]);
        assert!(
            text.starts_with("lỗi: giá trị 'sometimes' không hợp lệ cho '--color <MÀU>' (giá trị được phép: auto, always, never)"),
            "{text}"
        );
        let (text, _) = vi(&["score", "x", "y", "--frob"]);
        assert!(
            text.starts_with("lỗi: không có tùy chọn '--frob'"),
            "{text}"
        );
        assert!(
            text.contains("gợi ý: muốn dùng '--frob' làm giá trị thì gõ '-- --frob'"),
            "{text}"
        );
        let (text, _) = vi(&["score", "x", "y", "--delimiter", "x"]);
        assert!(text.contains("dùng một trong các dấu: , ; tab |"), "{text}");
        let (text, _) = vi(&["sensitivity", "x", "y", "--runs", "0"]);
        assert!(text.contains("cần một số nguyên từ 1 đến 100000"), "{text}");
        for (text, _) in [vi(&["scor"]), vi(&["score", "x", "y", "--frob"])] {
            for english in [
                "error:",
                "Usage:",
                "tip:",
                "For more information",
                "[OPTIONS]",
            ] {
                assert!(!text.contains(english), "{english} in {text}");
            }
        }
    }
}
