//! Reading what a command is given: the criteria set (by path or shipped
//! id, with the sets it reads), the data files, and scoring them together.

use super::*;

pub(super) struct LoadedSet {
    pub(super) set: CriteriaSet,
    /// A path, or `criteria/ID.toml (built in)`: how stamps and problems
    /// name it.
    pub(super) source: String,
    pub(super) file: Option<PathBuf>,
    /// `criteria/ID.toml` for a shipped set, so a message can say "built
    /// in" in its own language.
    pub(super) shipped: Option<String>,
    pub(super) sha256: String,
    /// What-if changes applied to `set`.
    pub(super) overrides: Vec<String>,
}

impl LoadedSet {
    pub(super) fn path(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// The set's file as a reader is told it: a shipped set is "built in"
    /// in each language, a file its path.
    pub(super) fn shown(&self) -> crate::report::SetSource {
        match &self.shipped {
            Some(name) => crate::report::SetSource {
                name: name.clone(),
                built_in: true,
            },
            None => crate::report::SetSource {
                name: self.source.clone(),
                built_in: false,
            },
        }
    }

    /// Under `--verbose`: where the set was read from, its id and hash.
    pub(super) fn tell_read(&self, env: &Env) {
        env.verbose(Detail::SetRead {
            source: &self.shown().words(env.lang()),
            id: &self.set.id,
            sha256: &self.sha256,
        });
    }

    /// The set with what-if changes applied (checked like the file).
    pub(super) fn with_overrides(mut self, overrides: &[String]) -> Result<LoadedSet, Failure> {
        if !overrides.is_empty() {
            self.set = apply_overrides(&self.set, overrides)?;
            self.overrides = overrides.to_vec();
        }
        Ok(self)
    }
}

pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    hex(Sha256::new_with_prefix(bytes))
}

/// `arg` names no shipped set: list them, with the closest one. (Used by
/// every command that takes a set, so the advice is the same everywhere.)
pub(super) fn unknown_set(arg: &str, why: messages::UnknownSetWhy) -> anyhow::Error {
    let ids: Vec<&str> = shipped::ids().collect();
    Said::new(SetMessage::UnknownSet {
        arg: arg.to_string(),
        why,
        shipped: ids.iter().map(|id| id.to_string()).collect(),
        closest: suggest(arg, ids.iter().copied()).map(str::to_string),
    })
    .into()
}

/// A criteria file by path, or a shipped set by id.
pub(super) fn load_criteria(arg: &str, env: &mut Env) -> Result<LoadedSet, Failure> {
    let path = Path::new(arg);
    // A link that leads nowhere (dangling, or a loop) is still the file
    // the user named: reading it says what is wrong with it.
    let leads_nowhere = || {
        path.metadata().is_err()
            && path
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
    };
    let (text, source, file, shipped) =
        if path.is_file() || (leads_nowhere() && shipped::find(arg).is_none()) {
            let text = read_criteria_file(arg, path)?;
            (text, arg.to_string(), Some(path.to_path_buf()), None)
        } else if let Some((name, text)) = shipped::find(arg) {
            let shipped = Some(name.to_string());
            (
                text.to_string(),
                format!("{name} (built in)"),
                None,
                shipped,
            )
        } else {
            // The argument names nothing there is: wrong usage, as in `init`.
            return Err(Failure::Usage(unknown_set(
                arg,
                messages::UnknownSetWhy::NeitherFileNorShipped,
            )));
        };
    env.follow_set(crate::load::declared_title(&text).as_deref());
    let set = parse_criteria(&source, &text)?;
    let loaded = LoadedSet {
        set,
        source,
        file,
        shipped,
        sha256: sha256_hex(text.as_bytes()),
        overrides: Vec::new(),
    };
    loaded.tell_read(env);
    Ok(loaded)
}

/// The criteria set `criteria` names, with the sets it reads
/// (`[[results]]`) linked and the what-if changes applied.
pub(super) fn load_linked(
    criteria: &str,
    what_if: &WhatIf,
    env: &mut Env,
) -> Result<LinkedSet, Failure> {
    let loaded = load_criteria(criteria, env)?;
    let mut linked = results::link(loaded, criteria, env)?;
    linked.loaded = linked.loaded.with_overrides(&what_if.set)?;
    Ok(linked)
}

pub(super) fn display_path(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

pub(super) struct DataFile {
    pub(super) dataset: Dataset,
    pub(super) sha256: String,
    /// Where each value came from, when the data is review stages.
    pub(super) staging: Option<crate::model::Staging>,
}

/// Advances a progress bar as bytes are read; clears it at the end.
pub(super) struct ProgressRead<R> {
    inner: R,
    /// Shared by the readers of one file's parts; none when nobody watches.
    bar: Option<indicatif::ProgressBar>,
    /// Clears the bar at the end of what it reads: a whole file does, a
    /// part (whose bar the caller clears once both are read) does not.
    whole: bool,
}

impl<R> ProgressRead<R> {
    pub(super) fn into_inner(self) -> R {
        self.inner
    }
}

impl<R: Read> Read for ProgressRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(bar) = &self.bar {
            bar.inc(n as u64);
            if n == 0 && self.whole {
                bar.finish_and_clear();
            }
        }
        Ok(n)
    }
}

/// Passes bytes through while hashing them, so the data file is read once;
/// or passes them alone, for a report that does not show the hash.
pub(super) struct Hashing<R> {
    inner: R,
    hasher: Option<Sha256>,
}

impl<R> Hashing<R> {
    pub(super) fn new(inner: R, hash: bool) -> Self {
        Hashing {
            inner,
            hasher: hash.then(Sha256::new),
        }
    }

    pub(super) fn hashes(&self) -> bool {
        self.hasher.is_some()
    }

    /// The hash of what was read, in hex, if asked for.
    pub(super) fn finish(self) -> Option<String> {
        self.hasher.map(hex)
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(hasher) = &mut self.hasher {
            hasher.update(&buf[..n]);
        }
        Ok(n)
    }
}

pub(super) fn load_data(
    set: &CriteriaSet,
    path: &Path,
    options: &DataOptions,
    env: &Env,
) -> Result<DataFile, Failure> {
    if !options.stage.is_empty() {
        return stages::load_staged(set, options, env);
    }
    let plan = pipeline::read_whole();
    let (dataset, sha256) = read_file(path, options, true, env, |name, input, read_options| {
        read_data_with_info(set, name, input, read_options, &plan)
    })?;
    Ok(DataFile {
        dataset,
        // Asked for above, so always there.
        sha256: sha256.unwrap_or_default(),
        staging: None,
    })
}

/// What a streamed data file was, once every unit went to the sink.
pub(super) struct StreamedData {
    pub(super) units: usize,
    pub(super) unused_columns: Vec<String>,
    /// When the report shows it (see `Format::shows_data_hash`).
    pub(super) sha256: Option<String>,
}

/// Loads a data file handing each unit to `emit` as it is bound (see
/// `read_data_each`), hashing it when `hash`: memory holds what `emit`
/// keeps, not the file.
pub(super) fn load_data_each(
    set: &CriteriaSet,
    path: &Path,
    options: &DataOptions,
    plan: ReadPlan,
    hash: bool,
    env: &Env,
    emit: &mut UnitSink<'_>,
) -> Result<StreamedData, Failure> {
    let ((units, unused_columns), sha256) =
        read_file(path, options, hash, env, |name, input, o| {
            read_data_planned(set, name, input, o, &plan, emit)
                .map(|r| ((r.info.rows, r.unused_columns), r.info))
        })?;
    Ok(StreamedData {
        units,
        unused_columns,
        sha256,
    })
}

/// Opens a data file (or stdin), hashes what is read when `hash`, reports
/// what was detected under `--verbose`, and turns read errors into failures.
pub(super) fn read_file<T>(
    path: &Path,
    options: &DataOptions,
    hash: bool,
    env: &Env,
    read: impl FnOnce(&str, &mut (dyn Read + Send), &ReadOptions) -> Result<(T, ReadInfo), ReadError>,
) -> Result<(T, Option<String>), Failure> {
    let name = display_path(path);
    let read_options = read_options(options)?;
    let input: Box<dyn Read + Send> = if path == Path::new("-") {
        Box::new(io::stdin())
    } else {
        let file = std::fs::File::open(path)
            .with_context(|| Said::new(FileMessage::CannotRead { file: name.clone() }))?;
        Box::new(with_progress(file, &name, env.ui))
    };
    let mut hashing = Hashing::new(input, hash);
    let read = match read(&name, &mut hashing, &read_options) {
        Ok((d, info)) => {
            env.verbose(Detail::DataRead {
                name: &name,
                info: &info,
                in_two_parts: false,
            });
            warnings::handle(&info.warnings, options.strict, env.lang())?;
            d
        }
        Err(ReadError::Rejected(r)) => return Err(Failure::Rejected(r)),
        Err(ReadError::Io(e)) => {
            return Err(Failure::Runtime(
                anyhow::Error::new(e).context(Said::new(FileMessage::CannotRead { file: name })),
            ));
        }
    };
    Ok((read, hashing.finish()))
}

/// How to read the data, as the command line asks.
pub(super) fn read_options(options: &DataOptions) -> Result<ReadOptions, Failure> {
    let encoding = match &options.encoding {
        None => None,
        Some(label) => Some(
            encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                Failure::usage(FileMessage::UnknownEncoding {
                    label: label.clone(),
                })
            })?,
        ),
    };
    Ok(ReadOptions {
        delimiter: options.delimiter,
        decimal: match options.decimal {
            None => DecimalChoice::Detect,
            Some(DecimalArg::Point) => DecimalChoice::Explicit(DecimalStyle::Point),
            Some(DecimalArg::Comma) => DecimalChoice::Explicit(DecimalStyle::Comma),
        },
        encoding,
        sheet: options.sheet.clone(),
    })
}

/// `file`, behind a progress bar when it is big enough to take more than
/// about a second and someone is watching.
pub(super) fn with_progress(
    file: std::fs::File,
    name: &str,
    ui: Ui,
) -> ProgressRead<std::fs::File> {
    let size = file.metadata().map_or(0, |m| m.len());
    ProgressRead {
        inner: file,
        bar: progress_bar(size, name, ui),
        whole: true,
    }
}

/// `inner`, one part of a file, moving the file's `bar`.
pub(super) fn with_bar<R>(inner: R, bar: Option<indicatif::ProgressBar>) -> ProgressRead<R> {
    ProgressRead {
        inner,
        bar,
        whole: false,
    }
}

/// A bar for reading `size` bytes of `name`, when that takes more than
/// about a second and someone is watching.
pub(super) fn progress_bar(size: u64, name: &str, ui: Ui) -> Option<indicatif::ProgressBar> {
    if !(ui.shows_progress() && size >= 32 << 20) {
        return None;
    }
    // Cleared when dropped too: a reading that stops early (a problem, or
    // two parts giving way to one reading) leaves no bar behind.
    let bar = indicatif::ProgressBar::new(size)
        .with_style(
            indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        )
        .with_finish(indicatif::ProgressFinish::AndClear);
    bar.set_message(name.to_string());
    Some(bar)
}

pub(super) fn hex(hasher: Sha256) -> String {
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What a command that scores and files a report needs before reading any
/// data: the set with the sets it reads, the report profile, and where the
/// report goes (checked against every file the run reads).
#[allow(clippy::too_many_arguments)]
pub(super) fn prepare_report(
    document: &'static str,
    criteria: &str,
    data: &Path,
    input: &DataOptions,
    output: &OutputOptions,
    profile: &ProfileOptions,
    what_if: &WhatIf,
    env: &mut Env,
) -> Result<(LinkedSet, Profile, Destination), Failure> {
    let linked = load_linked(criteria, what_if, env)?;
    let inputs = run_inputs(&linked, data, input, profile.profile.as_deref());
    let profile = resolve_profile(profile, &linked.loaded.set)?;
    let to = Destination::prepare(document, output, &inputs, env)?;
    Ok((linked, profile, to))
}

/// Every file a scoring run reads, none of which its output may replace:
/// the criteria files, the data, each `--result` data file and the report
/// profile.
pub(super) fn run_inputs(
    linked: &LinkedSet,
    data: &Path,
    input: &DataOptions,
    profile: Option<&Path>,
) -> Inputs {
    let results = input
        .result
        .iter()
        .filter_map(|arg| arg.split_once('='))
        .map(|(_, data)| Path::new(data));
    Inputs::of(
        results::criteria_files(linked)
            .into_iter()
            .chain([data])
            .chain(stages::stage_files(input))
            .chain(results)
            .chain(profile)
            .map(Some),
    )
}

/// The most a file read whole into memory may hold (a ward's return, a
/// review stage, a lineage list): far past any real one, so that a wrong
/// path or a device never grows memory with its size.
pub(super) const MAX_WHOLE_FILE_BYTES: u64 = 256 << 20;

/// A file read whole, bounded by [`MAX_WHOLE_FILE_BYTES`]: `None` when it
/// holds more, for the caller to say why that file cannot be one.
pub(super) fn read_whole(path: &Path) -> Result<Option<Vec<u8>>, Failure> {
    let shown = display_path(path);
    let cannot_read = || {
        Said::new(FileMessage::CannotRead {
            file: shown.clone(),
        })
    };
    let file = std::fs::File::open(path).with_context(cannot_read)?;
    let mut bytes = Vec::new();
    file.take(MAX_WHOLE_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(cannot_read)?;
    Ok((bytes.len() as u64 <= MAX_WHOLE_FILE_BYTES).then_some(bytes))
}

/// Why a file read whole was refused: larger than any such file can be.
pub(super) fn too_large_to_read_whole(
    shown: &str,
    what: messages::WholeFile,
) -> crate::load::Problem {
    let max_mb = MAX_WHOLE_FILE_BYTES >> 20;
    crate::load::Problem::new(shown, FileMessage::TooLargeToBe { max_mb, what })
}
