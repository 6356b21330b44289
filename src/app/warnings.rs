//! Printing data warnings, or refusing them under `--strict`.

use std::io::Write;

use super::messages::RunMessage;
use super::{Failure, SHOWN_PROBLEMS};
use crate::i18n::{Lang, Message};
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
    let label = RunMessage::WarningLabel.words(lang);
    for w in warnings.iter().take(SHOWN_PROBLEMS) {
        let _ = writeln!(err, "{label}: {}", w.display(lang));
    }
    let n = warnings.len();
    if n > SHOWN_PROBLEMS {
        let rest = n - SHOWN_PROBLEMS;
        let _ = writeln!(err, "{}", RunMessage::MoreWarnings { rest }.words(lang));
    }
    let _ = writeln!(
        err,
        "{}",
        RunMessage::WarningsTotal { total: n }.words(lang)
    );
    Ok(())
}
