//! The run environment: how this run talks to the person at the terminal
//! and in which language. Decided once in `main` from the flags and the
//! process's environment, and handed to every command, so nothing below
//! reads a global.

use std::io::{self, IsTerminal, Write};

use crate::cli::{Cli, ColorArg};
use crate::i18n::{Lang, Message};
use crate::report::sanitize::for_terminal;

use super::details::Detail;

/// Terminal settings of a run.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Ui {
    pub(super) color: bool,
    /// The width tables are fitted to, when standard output is a terminal
    /// or COLUMNS asks for one.
    pub(super) width: Option<u16>,
    pub(super) quiet: bool,
    pub(super) verbose: bool,
    /// Standard error is a terminal (progress bars may be drawn).
    pub(super) interactive: bool,
}

impl Ui {
    /// Whether a progress bar may be drawn for work worth one.
    pub(super) fn shows_progress(&self) -> bool {
        self.interactive && !self.quiet
    }
}

/// What a run knows of its user: the terminal settings, and the language.
#[derive(Debug, Clone, Default)]
pub(super) struct Env {
    pub(super) ui: Ui,
    /// `--lang` or WARDSCORE_LANG; when neither says, the criteria set's
    /// language once its file is read (see [`Env::follow_set`]).
    lang: Option<Lang>,
}

impl Env {
    pub(super) fn new(ui: Ui, lang: Option<Lang>) -> Env {
        Env { ui, lang }
    }

    /// Decided from the command line and the process's environment.
    pub(super) fn decide(cli: &Cli, lang: Option<Lang>) -> Env {
        Env::new(decide_ui(cli), lang)
    }

    /// The run's language: as asked, else the criteria set's once it is
    /// read, else Vietnamese.
    pub(super) fn lang(&self) -> Lang {
        self.lang.unwrap_or_default()
    }

    /// A criteria file is in hand: when no language was asked for, the run
    /// speaks its set's (told by the title) from here on, decided before
    /// the set is checked so that a broken set's problems and a good set's
    /// results are told in the same language.
    pub(super) fn follow_set(&mut self, title: Option<&str>) {
        if let Some(title) = title {
            self.lang.get_or_insert(Lang::guess_from(title));
        }
    }

    /// A line on standard error under `--verbose`, in the run's language.
    pub(super) fn verbose(&self, detail: Detail<'_>) {
        if self.ui.verbose {
            let line = detail.words(self.lang());
            let _ = writeln!(io::stderr(), "{}", for_terminal(&line));
        }
    }
}

fn decide_ui(cli: &Cli) -> Ui {
    let stdout_tty = io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let color = match cli.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => stdout_tty && !no_color,
    };
    Ui {
        color,
        width: terminal_width(stdout_tty),
        quiet: cli.quiet,
        verbose: cli.verbose,
        interactive: io::stderr().is_terminal(),
    }
}

/// The width tables are fitted to: COLUMNS when it is set (also for
/// piped output: it is asked for), else the terminal's own, else 80 on a
/// terminal that does not say; piped output is not fitted.
fn terminal_width(stdout_tty: bool) -> Option<u16> {
    let asked = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|w| *w > 0);
    asked.or_else(|| {
        stdout_tty.then(|| {
            comfy_table::Table::new()
                .width()
                .filter(|w| *w > 0)
                .unwrap_or(80)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_asked_for_stays_whatever_the_set() {
        let mut env = Env::new(Ui::default(), Some(Lang::En));
        env.follow_set(Some("Chấm điểm thi đua"));
        assert_eq!(env.lang(), Lang::En);
        let mut env = Env::new(Ui::default(), Some(Lang::Vi));
        env.follow_set(Some("Year-end scoring"));
        assert_eq!(env.lang(), Lang::Vi);
    }

    #[test]
    fn without_a_language_asked_for_the_first_set_read_decides() {
        let mut env = Env::new(Ui::default(), None);
        assert_eq!(env.lang(), Lang::Vi, "Vietnamese before any set is read");
        env.follow_set(Some("Year-end scoring"));
        assert_eq!(env.lang(), Lang::En);
        // A set read later (one that the first reads) does not change it.
        env.follow_set(Some("Chấm điểm thi đua"));
        assert_eq!(env.lang(), Lang::En);
    }

    #[test]
    fn a_broken_sets_title_still_decides_the_language() {
        let broken =
            "format = 1\n[set]\nid = \"x\"\ntitle = \"Year-end scoring\"\n[[criteria]\nid = ";
        let mut env = Env::new(Ui::default(), None);
        env.follow_set(crate::load::declared_title(broken).as_deref());
        assert_eq!(env.lang(), Lang::En);
        let untitled = "format = 1\n[set]\nid = \"x\"\n";
        let mut env = Env::new(Ui::default(), None);
        env.follow_set(crate::load::declared_title(untitled).as_deref());
        assert_eq!(env.lang(), Lang::Vi, "no title: Vietnamese");
    }

    #[test]
    fn progress_is_drawn_only_for_someone_watching_who_did_not_ask_for_quiet() {
        let watching = Ui {
            interactive: true,
            ..Ui::default()
        };
        assert!(watching.shows_progress());
        assert!(
            !Ui {
                quiet: true,
                ..watching
            }
            .shows_progress()
        );
        assert!(!Ui::default().shows_progress());
    }
}
