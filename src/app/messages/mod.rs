//! The app's message catalogue: every sentence the commands say, in
//! Vietnamese and English, as variants carrying their data.
//!
//! - `files.rs`: reading and writing files, and where a report may go;
//! - `args.rs`: the command line's arguments, and the unit asked for;
//! - `sets.rs`: criteria sets, and the sets they read (`[[results]]`);
//! - `outcome.rs`: what a run tells as it ends (✓ lines, problem and
//!   warning counts, what was written).
//!
//! Each enum implements [`Message`](crate::i18n::Message) with one
//! `match (self, lang)` and no catch-all arm: the compiler, not a scan of
//! the source, guarantees that every message exists in both languages. An
//! error carries its message in a [`Said`](crate::i18n::Said), worded in
//! the run's language where the run ends (`app::main`).
//!
//! Two other places word the app's text, for reasons of their own:
//! `app/details.rs` is the catalogue of `--verbose`'s facts (`Detail`,
//! the same pattern); `app/help_vi.rs` and `app/usage.rs` put clap's help
//! and usage errors in Vietnamese. The English of those is clap's (the doc
//! comments in `cli.rs` and clap's own error text), so they translate it
//! rather than hold both languages, and a test walks every argument.

mod args;
mod files;
mod outcome;
mod sets;

pub(crate) use args::{ArgMessage, ResultWanted};
pub(crate) use files::{FileMessage, Holds, WholeFile};
pub(crate) use outcome::RunMessage;
pub(crate) use sets::{RelativeCriterion, SetMessage, SetSource, Summary, UnknownSetWhy};

use crate::i18n::{Lang, Message, Text};

/// A message in both languages at once, for the types that still take a
/// [`Text`] (`load::Problem`, the report's stamp) until they carry
/// messages themselves: the one place the app builds a `Text`.
pub(crate) fn both(message: &dyn Message) -> Text {
    Text {
        vi: message.words(Lang::Vi).into_owned(),
        en: message.words(Lang::En).into_owned(),
    }
}
