//! The commands about the tool itself: shell completions, the manual page
//! and the JSON Schema of its JSON output.

use super::*;

pub(super) fn completions(shell: clap_complete::Shell) -> Result<(), Failure> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "wardscore", &mut out);
    write_stdout(&out)
}

pub(super) fn man() -> Result<(), Failure> {
    let out = manual_page().with_context(|| Said::new(FileMessage::CannotRenderManual))?;
    write_stdout(&out)
}

/// One page with every command on it: clap_mangen's own layout refers to
/// a page per command (wardscore-score(1), …) that nothing installs.
fn manual_page() -> io::Result<Vec<u8>> {
    let mut command = <Cli as clap::CommandFactory>::command();
    command.build();
    let top = clap_mangen::Man::new(command.clone());
    let mut out = Vec::new();
    top.render_title(&mut out)?;
    top.render_name_section(&mut out)?;
    top.render_synopsis_section(&mut out)?;
    top.render_description_section(&mut out)?;
    top.render_options_section(&mut out)?;
    for sub in command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        writeln!(out, ".SH \"WARDSCORE {}\"", sub.get_name().to_uppercase())?;
        // The options every command shares are on the page once, above.
        let sub = sub.clone().mut_args(|a| {
            let shared = a.is_global_set() || a.get_id() == "help";
            a.hide(shared)
        });
        let page = clap_mangen::Man::new(sub);
        let mut part = Vec::new();
        page.render_synopsis_section(&mut part)?;
        page.render_description_section(&mut part)?;
        page.render_options_section(&mut part)?;
        page.render_extra_section(&mut part)?;
        // Its sections become subsections of the command's own.
        let part = String::from_utf8_lossy(&part)
            .replace(".SH EXTRA", ".SS EXAMPLES")
            .replace(".SH ", ".SS ");
        out.extend_from_slice(part.as_bytes());
    }
    let mut exit_codes = Vec::new();
    top.render_extra_section(&mut exit_codes)?;
    let exit_codes =
        String::from_utf8_lossy(&exit_codes).replace(".SH EXTRA", ".SH \"EXIT STATUS\"");
    out.extend_from_slice(exit_codes.as_bytes());
    top.render_version_section(&mut out)?;
    Ok(out)
}

/// The schema of `schema_version` 1, as docs/json-schema.md describes it.
pub(super) fn schema() -> Result<(), Failure> {
    write_stdout(crate::report::JSON_SCHEMA.as_bytes())
}
