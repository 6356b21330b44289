//! Printing data warnings, or refusing them under `--strict`.

use std::io::Write;
use std::sync::OnceLock;

use super::{Failure, SHOWN_PROBLEMS};
use crate::i18n::Lang;
use crate::load::{Problem, Rejected};

/// The run's language, once known: warnings are printed while the data is
/// read, far from where the language is decided.
static LANGUAGE: OnceLock<Lang> = OnceLock::new();

pub(super) fn set_language(lang: Lang) {
    let _ = LANGUAGE.set(lang);
}

/// Prints `warnings` on standard error and lets the run go on, or with
/// `strict` rejects the input (exit 3) listing them.
pub(super) fn handle(warnings: &[Problem], strict: bool) -> Result<(), Failure> {
    if warnings.is_empty() {
        return Ok(());
    }
    if strict {
        return Err(Failure::Rejected(Rejected::from(warnings.to_vec())));
    }
    let lang = LANGUAGE.get().copied().unwrap_or_default();
    let mut err = std::io::stderr().lock();
    let label = lang.pick("cảnh báo", "warning");
    for w in warnings.iter().take(SHOWN_PROBLEMS) {
        let _ = writeln!(err, "{label}: {}", w.display(lang));
    }
    let n = warnings.len();
    if n > SHOWN_PROBLEMS {
        let rest = n - SHOWN_PROBLEMS;
        let _ = writeln!(
            err,
            "{}",
            lang.pick(
                &format!("… và {rest} cảnh báo khác"),
                &format!("… and {rest} more warnings")
            )
        );
    }
    let _ = writeln!(
        err,
        "{}",
        lang.pick(
            &format!("{n} cảnh báo; lệnh vẫn chạy tiếp. Thêm --strict để coi cảnh báo là lỗi."),
            &format!(
                "{n} warning(s); the command went on. Add --strict to treat warnings as errors."
            )
        )
    );
    Ok(())
}
