//! Printing data warnings, or refusing them under `--strict`.

use std::io::Write;

use super::{Failure, SHOWN_PROBLEMS};
use crate::i18n::Lang;
use crate::load::{Problem, Rejected};

/// Prints `warnings` on standard error in the run's language and lets the
/// run go on, or with `strict` rejects the input (exit 3) listing them.
pub(super) fn handle(warnings: &[Problem], strict: bool, lang: Lang) -> Result<(), Failure> {
    if warnings.is_empty() {
        return Ok(());
    }
    if strict {
        return Err(Failure::Rejected(Rejected::from(warnings.to_vec())));
    }
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
