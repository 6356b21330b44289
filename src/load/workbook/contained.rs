//! The last line of defence around third-party workbook parsers: a panic
//! inside one becomes "the workbook is damaged", not a crash, and its
//! message (about slices and indices) never reaches the user.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while this thread runs contained parsing.
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Installs, once, a panic hook that stays silent for contained parsing and
/// hands every other panic to the hook that was there before.
fn install_quiet_hook() {
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CONTAINED.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `parse`; `None` when it panicked.
pub(super) fn contained<T>(parse: impl FnOnce() -> T) -> Option<T> {
    install_quiet_hook();
    let outer = CONTAINED.with(|c| c.replace(true));
    // Nothing `parse` touched is looked at again after a panic: the
    // workbook's bytes and the reader die with it.
    let outcome = panic::catch_unwind(AssertUnwindSafe(parse));
    CONTAINED.with(|c| c.set(outer));
    outcome.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_none_and_the_flag_is_cleared() {
        let data = [1u8, 2, 3];
        let end = data.len() + 1;
        assert_eq!(contained(|| data[..end].len()), None);
        assert!(!CONTAINED.with(Cell::get));
        assert_eq!(contained(|| data.len()), Some(3));
    }

    #[test]
    fn nesting_keeps_the_outer_flag() {
        let inner = contained(|| {
            let _ = contained(|| 1);
            CONTAINED.with(Cell::get)
        });
        assert_eq!(inner, Some(true));
        assert!(!CONTAINED.with(Cell::get));
    }
}
