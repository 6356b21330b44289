//! Reading a data file (CSV streamed, or a workbook) into units bound to a
//! criteria set: what the user asked for, how the run reads, what was
//! detected, and the entry points.

use super::*;

/// How to read a data file, as the user asked.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// CSV delimiter; detected from the header line when `None`.
    pub delimiter: Option<u8>,
    pub decimal: DecimalChoice,
    /// Encoding of a CSV file without a byte-order mark (default UTF-8).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The sheet of a workbook (default: the first visible one).
    pub sheet: Option<String>,
}

/// How the loader does its work, as the run decides (`app::pipeline`):
/// nothing here changes what is read. How unit ids are checked is the
/// other half of it, the [`IdCheck`] the read is made with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadPlan {
    /// Parse CSV on a thread of its own while this one binds. Pays on two
    /// cores unless the caller already keeps the second one busy (as
    /// `score_alongside` does with scoring).
    pub parse_alongside: bool,
    /// How many rows the caller expects, when it can tell (0 when not):
    /// room for their ids is made at once instead of growing step by step.
    pub expected_rows: usize,
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
pub(super) struct CsvSink<'s, 'e, I: IdCheck> {
    set: &'s CriteriaSet,
    file: String,
    decimal: DecimalChoice,
    expected_rows: usize,
    binder: Option<Binder<'s, I>>,
    /// `--delimiter`, which a `sep=` line does not override.
    given_delimiter: Option<u8>,
    /// How the rows are split into cells.
    splitting: Splitting,
    /// Problems before the header is known.
    early: Vec<Problem>,
    emit: &'e mut UnitSink<'e>,
}

impl<I: IdCheck> RecordSink for CsvSink<'_, '_, I> {
    fn header(&mut self, line: usize, cells: Vec<String>) {
        let mut binder = Binder::<I>::new(
            self.set,
            &self.file,
            cells,
            line,
            CellRefs::Lines,
            self.decimal,
            self.splitting,
        );
        for p in self.early.drain(..) {
            binder.report(p);
        }
        binder.ids.reserve(self.expected_rows);
        binder.watch.reserve(self.expected_rows);
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

    fn delimiter_named_by_line(&mut self, delimiter: u8) {
        self.splitting = Splitting::of_csv(self.given_delimiter, Some(delimiter));
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
    read_data_with_info(set, file, input, options, &ReadPlan::default()).map(|(d, _)| d)
}

/// [`read_data`], also saying what was detected, read as `plan` says.
pub fn read_data_with_info(
    set: &CriteriaSet,
    file: &str,
    input: impl std::io::Read + Send,
    options: &ReadOptions,
    plan: &ReadPlan,
) -> Result<(Dataset, ReadInfo), ReadError> {
    let mut units = Collect::default();
    let read = read_data_planned(set, file, input, options, plan, &mut |i, u| {
        units.push(i, u)
    })?;
    Ok((units.into_dataset(read.unused_columns), read.info))
}

/// What [`read_data_each`] found besides the units.
pub struct ReadSummary {
    pub info: ReadInfo,
    /// Header columns the criteria set does not use.
    pub unused_columns: Vec<String>,
}

/// What binding a whole table leaves besides the units.
pub struct Bound {
    /// Header columns the criteria set does not use.
    pub unused_columns: Vec<String>,
    /// What is allowed but probably a mistake (see `load::warnings`).
    pub warnings: Vec<Problem>,
}

/// What [`read_part`] found besides the units: a whole file's or one
/// part's, before its warnings are settled.
pub struct PartRead<I> {
    /// What was read; its warnings are empty until settled.
    pub info: ReadInfo,
    pub unused_columns: Vec<String>,
    /// Every unit id read, for a check that waited ([`DeferredIds`]).
    ///
    /// [`DeferredIds`]: crate::load::ids::DeferredIds
    pub ids: I,
    /// What the warnings compare across rows; settled alone for a whole
    /// file, or with the next part's ([`Watch::settle_with`]).
    pub watch: Watch,
}

impl<I> PartRead<I> {
    /// A whole file's read, its warnings settled; the problem of
    /// percentages typed as fractions is found here.
    pub fn settle(self) -> Result<ReadSummary, Rejected> {
        let mut info = self.info;
        info.warnings = self.watch.settle()?;
        Ok(ReadSummary {
            info,
            unused_columns: self.unused_columns,
        })
    }
}

fn part_read<I>(info: ReadInfo, finished: Finished<I>) -> PartRead<I> {
    PartRead {
        info,
        unused_columns: finished.unused_columns,
        ids: finished.ids,
        watch: finished.watch,
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
    read_data_planned(set, file, input, options, &ReadPlan::default(), emit)
}

/// [`read_data_each`], read as `plan` says.
pub fn read_data_planned(
    set: &CriteriaSet,
    file: &str,
    input: impl std::io::Read + Send,
    options: &ReadOptions,
    plan: &ReadPlan,
    emit: &mut UnitSink<'_>,
) -> Result<ReadSummary, ReadError> {
    let read: PartRead<UnitIds> = read_part(set, file, input, options, plan, emit)?;
    Ok(read.settle()?)
}

/// [`read_data_planned`] for a whole file or one part of one (the header,
/// then the part's rows at their own line numbers), unit ids checked as `I`
/// does it, the warnings left to settle. `Err` lists every problem the
/// part has on its own.
pub fn read_part<I: IdCheck>(
    set: &CriteriaSet,
    file: &str,
    input: impl std::io::Read + Send,
    options: &ReadOptions,
    plan: &ReadPlan,
    emit: &mut UnitSink<'_>,
) -> Result<PartRead<I>, ReadError> {
    use std::io::BufRead;
    let mut input = std::io::BufReader::with_capacity(1 << 16, input);
    if crate::load::workbook::is_workbook(input.fill_buf()?) {
        let bytes = crate::load::workbook::read_bounded(&mut input)?;
        let table = crate::load::workbook::read_workbook(file, &bytes, options.sheet.as_deref())
            .map_err(Rejected::from)?;
        if options.sheet.is_none()
            && !guidance::holds_units(set, &table)
            && let Some(problem) = units_on_another_sheet(set, file, &bytes)
        {
            return Err(Rejected::from(vec![problem]).into());
        }
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
        let finished = bind_part(set, &table, options.decimal, emit)?;
        return Ok(part_read(info, finished));
    }
    let mut sink = CsvSink {
        set,
        file: file.to_string(),
        decimal: options.decimal,
        expected_rows: plan.expected_rows,
        binder: None,
        given_delimiter: options.delimiter,
        splitting: Splitting::of_csv(options.delimiter, None),
        early: Vec::new(),
        emit,
    };
    let outcome = if plan.parse_alongside {
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
            let mut finished = binder.finish(emit)?;
            if let Some(sheet) = &options.sheet {
                finished.watch.lead(warnings::sheet_for_csv(sheet));
            }
            Ok(part_read(info, finished))
        }
        (_, Some(mut binder)) => {
            // Stopped mid-file: report what was found, never a partial result.
            binder.report_stop();
            Err(ReadError::Rejected(binder.into_rejected()))
        }
        (_, None) => Err(ReadError::Rejected(Rejected::from(early))),
    }
}

/// The first visible sheet, read by default, holds no units (a guide or a
/// summary placed first): when another visible sheet does, one problem
/// names it and `--sheet`, in place of every column missing.
fn units_on_another_sheet(set: &CriteriaSet, file: &str, bytes: &[u8]) -> Option<Problem> {
    use crate::load::workbook::{read_workbook, visible_sheets};
    let sheets = visible_sheets(file, bytes).ok()?;
    let (first, others) = sheets.split_first()?;
    let other = others.iter().find(|name| {
        read_workbook(file, bytes, Some(name.as_str()))
            .is_ok_and(|table| guidance::holds_units(set, &table))
    })?;
    Some(Problem::new(
        file,
        crate::load::messages::WorkbookMessage::UnitsOnAnotherSheet {
            first: first.clone(),
            other: other.clone(),
        },
    ))
}
