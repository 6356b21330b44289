//! `template` and `init`: files that users then fill or edit, so an
//! existing one is never replaced without `--force`.

use super::destination::{Inputs, prepare_new_file, render_failure};
use super::messages::Holds;
use super::*;

pub(super) fn template_command(
    criteria: &str,
    output: &Path,
    force: bool,
    env: &mut Env,
) -> Result<(), Failure> {
    let loaded = load_criteria(criteria, env)?;
    let lang = env.lang();
    let format = Format::from_extension(output).filter(|f| matches!(f, Format::Xlsx | Format::Csv));
    let Some(format) = format else {
        return Err(Failure::usage(FileMessage::TemplateExtension {
            file: output.display().to_string(),
        }));
    };
    let file = prepare_new_file(
        output,
        force,
        &Inputs::of([loaded.path()]),
        Holds::EnteredData,
    )?;
    let bytes = match format {
        Format::Xlsx => template_xlsx(&loaded.set, lang).map_err(|e| render_failure(e, lang))?,
        _ => template_csv(&loaded.set),
    };
    file.write_with(|out| Ok(out.write_all(&bytes)?))
        .map_err(Failure::Runtime)?;
    if env.ui.quiet {
        return Ok(());
    }
    // The command to check it runs as it is printed: the set as it was
    // given (a file's path, or a shipped set's name), quoted where needed.
    let shell = crate::report::words::shell_word;
    let written = RunMessage::TemplateWritten {
        file: output.display().to_string(),
        columns: 2
            + usize::from(loaded.set.columns.cluster.is_some())
            + loaded.set.inputs.iter().filter(|i| i.is_column()).count(),
        set: shell(loaded.shown().as_argument(&loaded.set.id)),
        check_file: shell(&output.display().to_string()),
    };
    write_stdout(written.words(lang).as_bytes())
}

pub(super) fn init_command(
    from: &str,
    output: &Path,
    force: bool,
    env: &Env,
) -> Result<(), Failure> {
    let lang = env.lang();
    let Some((_, text)) = shipped::find(from) else {
        return Err(Failure::Usage(unknown_set(
            from,
            messages::UnknownSetWhy::NotShipped,
        )));
    };
    let file = prepare_new_file(output, force, &Inputs::of([]), Holds::EditedSet)?;
    let copy = editable_copy(from, text, output);
    file.write_with(|out| Ok(out.write_all(copy.as_bytes())?))
        .map_err(Failure::Runtime)?;
    if env.ui.quiet {
        return Ok(());
    }
    let written = RunMessage::InitWritten {
        file: output.display().to_string(),
    };
    write_stdout(written.words(lang).as_bytes())
}

/// A shipped set as the user's own: a note on where it came from, and an id
/// taken from the file name so it is not mistaken for the shipped one.
fn editable_copy(from: &str, text: &str, output: &Path) -> String {
    let stem = output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut id: String = unaccented_key(&stem)
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '-'
            }
        })
        .collect();
    id = id
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if id.is_empty() {
        id = format!("{from}-copy");
    }
    let mut out = format!(
        "# Bản sao của bộ có sẵn \"{from}\", tạo bằng `wardscore init`. Sửa tự do, rồi chạy\n\
         # `wardscore check {name}` để kiểm tra. / A copy of the shipped set \"{from}\":\n\
         # edit freely, then run `wardscore check {name}`.\n",
        name = output.display()
    );
    let mut in_set = false;
    let mut replaced = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            in_set = trimmed.starts_with("[set]");
        }
        if in_set && !replaced && trimmed.starts_with("id =") {
            out.push_str(&format!("id = \"{id}\"   # was \"{from}\"\n"));
            replaced = true;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The header row of an empty CSV data-entry file.
fn template_csv(set: &CriteriaSet) -> Vec<u8> {
    let mut columns: Vec<&str> = vec![&set.columns.id, &set.columns.name];
    columns.extend(set.columns.cluster.as_deref());
    // Values read from other sets' results have no column to fill.
    columns.extend(
        set.inputs
            .iter()
            .filter(|i| i.is_column())
            .map(|i| i.column.as_str()),
    );
    let mut w = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    // Guarded as the CSV report is; reading the file back accepts the `'`.
    let columns = columns
        .iter()
        .map(|c| crate::report::sanitize::neutralise(c).into_owned());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(columns);
    w.into_inner().unwrap_or_default()
}
