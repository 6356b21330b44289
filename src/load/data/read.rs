//! Reading a data file (CSV streamed, or a workbook) into units bound to a
//! criteria set: the options, what was detected, and the entry points.

use super::*;

/// How to read a data file.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// CSV delimiter; detected from the header line when `None`.
    pub delimiter: Option<u8>,
    pub decimal: DecimalChoice,
    /// Encoding of a CSV file without a byte-order mark (default UTF-8).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The sheet of a workbook (default: the first visible one).
    pub sheet: Option<String>,
    /// Parse CSV on a thread of its own while this one binds. Pays on two
    /// cores unless the caller already keeps the second one busy (as
    /// `score_alongside` does with scoring).
    pub parse_alongside: bool,
    /// How many rows the caller expects, when it can tell (0 when not):
    /// room for their ids is made at once instead of growing step by step.
    pub expected_rows: usize,
    /// Leave the duplicate-id check to the caller ([`SeenIds::deferred`]):
    /// a repeated id is then not reported, and the caller must ask
    /// [`SeenIds::may_repeat`] of the ids returned.
    pub defer_id_check: bool,
}

/// Why data could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read the data: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Rejected(#[from] Rejected),
}

/// Adapts the binder to the CSV stream.
pub(super) struct CsvSink<'s, 'e> {
    set: &'s CriteriaSet,
    file: String,
    decimal: DecimalChoice,
    expected_rows: usize,
    defer_id_check: bool,
    binder: Option<Binder<'s>>,
    /// Problems before the header is known.
    early: Vec<Problem>,
    emit: &'e mut UnitSink<'e>,
}

impl RecordSink for CsvSink<'_, '_> {
    fn header(&mut self, line: usize, cells: Vec<String>) {
        let mut binder = Binder::new(
            self.set,
            &self.file,
            cells,
            line,
            CellRefs::Lines,
            self.decimal,
        );
        for p in self.early.drain(..) {
            binder.report(p);
        }
        if self.defer_id_check {
            binder.ids = SeenIds::deferred();
            binder.watch.names = SeenIds::deferred();
        }
        binder.ids.reserve(self.expected_rows);
        self.binder = Some(binder);
    }

    fn row(&mut self, line: usize, cells: &[&str]) {
        if let Some(binder) = &mut self.binder {
            binder.row(line, cells, &[], &mut *self.emit);
        }
    }

    fn misshapen_row(&mut self, line: usize, cells: &[&str]) {
        if let Some(binder) = &mut self.binder {
            binder.look_for_header(line, cells);
        }
    }

    fn problem(&mut self, problem: Problem) {
        match &mut self.binder {
            Some(binder) => binder.report(problem),
            None => self.early.push(problem),
        }
    }
}

/// What was read, for `--verbose`: facts, worded by the caller in the
/// run's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadInfo {
    pub kind: DataKind,
    pub encoding: Option<String>,
    pub delimiter: Option<u8>,
    /// The decimal style used, and where it was decided.
    pub decimal: DecimalFound,
    /// The style text numbers were read in, chosen or detected; `None`
    /// when no number showed one (or the file is a workbook).
    pub style: Option<DecimalStyle>,
    pub rows: usize,
    pub columns: usize,
    /// What is allowed but probably a mistake: printed, or with `--strict`
    /// an error.
    pub warnings: Vec<Problem>,
}

/// What kind of table a data file held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataKind {
    Csv,
    /// A workbook's sheet, named as problems name it (`file [sheet]`).
    Workbook {
        table: String,
    },
}

/// How the text numbers of a data file were read, and where that was
/// decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecimalFound {
    /// A workbook's numbers are taken as stored.
    AsStored,
    /// As `--decimal` says.
    Chosen(DecimalStyle),
    /// Detected from the first number that showed a separator.
    Detected {
        style: DecimalStyle,
        line: usize,
        column: String,
    },
    /// No number showed a decimal separator.
    NoneSeen,
}

/// Reads unit data (CSV, or a workbook recognised by its first bytes) and
/// binds it to the set. CSV is streamed: only the parsed values are kept.
pub fn read_data(
    set: &CriteriaSet,
    file: &str,
    input: impl std::io::Read + Send,
    options: &ReadOptions,
) -> Result<Dataset, ReadError> {
    read_data_with_info(set, file, input, options).map(|(d, _)| d)
}

/// [`read_data`], also saying what was detected.
pub fn read_data_with_info(
    set: &CriteriaSet,
    file: &str,
    input: impl std::io::Read + Send,
    options: &ReadOptions,
) -> Result<(Dataset, ReadInfo), ReadError> {
    let mut units = Collect::default();
    let read = read_data_each(set, file, input, options, &mut |i, u| units.push(i, u))?;
    Ok((units.into_dataset(read.unused_columns), read.info))
}

/// What [`read_data_each`] found besides the units.
pub struct ReadSummary {
    pub info: ReadInfo,
    /// Header columns the criteria set does not use.
    pub unused_columns: Vec<String>,
    /// Every unit id read: two parts of one file read apart must not share one.
    pub ids: SeenIds,
    /// Unit names and cluster spellings, for the same comparison.
    pub names: SeenIds,
    pub clusters: Vec<ClusterTally>,
}

/// What binding leaves besides the units.
pub struct Bound {
    /// Header columns the criteria set does not use.
    pub unused_columns: Vec<String>,
    pub ids: SeenIds,
    /// What is allowed but probably a mistake (see `load::warnings`).
    pub warnings: Vec<Problem>,
    /// Unit names, to compare the parts of one file read apart.
    pub names: SeenIds,
    /// Cluster spellings, likewise.
    pub clusters: Vec<ClusterTally>,
}

pub(super) fn summary(mut info: ReadInfo, bound: Bound) -> ReadSummary {
    info.warnings = bound.warnings;
    ReadSummary {
        info,
        unused_columns: bound.unused_columns,
        ids: bound.ids,
        names: bound.names,
        clusters: bound.clusters,
    }
}

/// Reads and binds unit data like [`read_data`], handing each unit to
/// `emit` as soon as it is bound instead of keeping it, so memory does not
/// grow with the file. Units usually arrive in file order; a row with a
/// number that had to wait for the file's decimal style arrives at the end.
/// When the file has a problem, `Err` lists them all and whatever was
/// emitted must be discarded.
pub fn read_data_each(
    set: &CriteriaSet,
    file: &str,
    input: impl std::io::Read + Send,
    options: &ReadOptions,
    emit: &mut UnitSink<'_>,
) -> Result<ReadSummary, ReadError> {
    use std::io::BufRead;
    let mut input = std::io::BufReader::with_capacity(1 << 16, input);
    if crate::load::workbook::is_workbook(input.fill_buf()?) {
        let bytes = crate::load::workbook::read_bounded(&mut input)?;
        let table = crate::load::workbook::read_workbook(file, bytes, options.sheet.as_deref())
            .map_err(Rejected::from)?;
        let info = ReadInfo {
            kind: DataKind::Workbook {
                table: table.file.clone(),
            },
            encoding: None,
            delimiter: None,
            decimal: DecimalFound::AsStored,
            style: None,
            rows: table.rows.len(),
            columns: table.header.len(),
            warnings: Vec::new(),
        };
        let bound = bind_each(set, &table, options.decimal, emit)?;
        return Ok(summary(info, bound));
    }
    let mut sink = CsvSink {
        set,
        file: file.to_string(),
        decimal: options.decimal,
        expected_rows: options.expected_rows,
        defer_id_check: options.defer_id_check,
        binder: None,
        early: Vec::new(),
        emit,
    };
    let outcome = if options.parse_alongside {
        stream_csv_alongside(file, input, options.encoding, options.delimiter, &mut sink)
    } else {
        stream_csv(file, input, options.encoding, options.delimiter, &mut sink)
    };
    let CsvSink {
        binder,
        early,
        emit,
        ..
    } = sink;
    match (outcome, binder) {
        (Err(StreamError::Io(e)), _) => Err(ReadError::Io(e)),
        (Ok(csv), Some(binder)) => {
            let info = ReadInfo {
                kind: DataKind::Csv,
                encoding: Some(csv.encoding),
                delimiter: Some(csv.delimiter),
                decimal: binder.decimal_found(),
                style: binder.style_in_effect(),
                rows: binder.rows,
                columns: binder.header.len(),
                warnings: Vec::new(),
            };
            let mut bound = binder.finish(emit)?;
            if let Some(sheet) = &options.sheet {
                let message = warnings::sheet_for_csv(sheet);
                bound.warnings.insert(0, Problem::new(file, message));
            }
            Ok(summary(info, bound))
        }
        (_, Some(mut binder)) => {
            // Stopped mid-file: report what was found, never a partial result.
            binder.report_stop();
            Err(ReadError::Rejected(binder.into_rejected()))
        }
        (_, None) => Err(ReadError::Rejected(Rejected::from(early))),
    }
}
