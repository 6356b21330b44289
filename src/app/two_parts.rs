//! Reading a large CSV file as two parts, one per core, for `score`'s
//! streamed ranking; the cut itself is planned in `load::split`.

use super::*;
use crate::load::data::{PartRead, ReadPlan, read_part};
use crate::load::ids::DeferredIds;
use crate::report::Needs;

/// Reads, binds and scores a large CSV file as two parts on two threads
/// (see `load::split`), each part read as `plan` says, ready to rank, with the warnings one reading of the
/// file gives (printed, or under `--strict` an error). `None` when the file
/// cannot be cut safely, or when a part has a problem, the parts read
/// decimals in different styles or a unit id may appear twice (within a
/// part or across both): the caller then reads the file in one part, which
/// reports every problem in file order.
pub(super) fn score_in_two_parts<'s>(
    set: &'s CriteriaSet,
    path: &Path,
    options: &DataOptions,
    needs: Needs,
    plan: ReadPlan,
    min_bytes: u64,
    env: &Env,
) -> Result<Option<(StreamedData, CompactScoring<'s>)>, Failure> {
    let Some((data, scoring, info)) =
        read_in_two_parts(set, path, options, needs, plan, min_bytes, env.ui)?
    else {
        return Ok(None);
    };
    env.verbose(Detail::DataRead {
        name: &display_path(path),
        info: &info,
        in_two_parts: true,
    });
    warnings::handle(&info.warnings, options.strict, env.lang())?;
    Ok(Some((data, scoring)))
}

/// [`score_in_two_parts`], saying what was read (the warnings included)
/// instead of printing it.
fn read_in_two_parts<'s>(
    set: &'s CriteriaSet,
    path: &Path,
    options: &DataOptions,
    needs: Needs,
    plan: ReadPlan,
    min_bytes: u64,
    ui: Ui,
) -> Result<Option<(StreamedData, CompactScoring<'s>, ReadInfo)>, Failure> {
    let read_options = read_options(options)?;
    let utf8 = read_options
        .encoding
        .is_none_or(|e| e == encoding_rs::UTF_8);
    if path == Path::new("-") || !utf8 {
        return Ok(None);
    }
    let open = || -> io::Result<Option<(std::fs::File, u64, Cut, std::fs::File)>> {
        let mut file = std::fs::File::open(path)?;
        let len = file.metadata()?.len();
        let percent = split::first_part_percent(needs.data_hash);
        let Some(cut) = split::plan(&mut file, len, min_bytes, read_options.delimiter, percent)?
        else {
            return Ok(None);
        };
        file.seek(io::SeekFrom::Start(0))?;
        let second = split::at_cut(std::fs::File::open(path)?, &cut)?;
        Ok(Some((file, len, cut, second)))
    };
    // Anything unexpected here is met again, and reported, reading whole.
    let Ok(Some((file, len, cut, second))) = open() else {
        return Ok(None);
    };
    let name = display_path(path);
    // Each part has about as many rows as the first part has lines.
    let lines = cut.lines_between.saturating_add(1);
    let room = |n: u64| usize::try_from(n).unwrap_or(0);
    // Each part keeps its ids' hashes; they are compared once both are read.
    let plan = ReadPlan {
        expected_rows: room(lines + lines / 8),
        ..plan
    };
    let score_part = |input: &mut (dyn Read + Send), room: Option<(usize, usize)>| {
        let mut scoring = CompactScoring::new(set, needs.keep);
        if let Some((units, text)) = room {
            scoring.reserve(units, text);
        }
        let mut read: Result<PartRead<DeferredIds>, _> =
            read_part(set, &name, input, &read_options, &plan, &mut |i, u| {
                scoring.push(i, u)
            });
        if let Ok(read) = &mut read {
            read.ids.settle();
        }
        (read, scoring)
    };
    // The first part's results take in the second's: room for both, so
    // that joining them moves no text.
    let both = (
        room(lines.saturating_mul(2) + lines / 8),
        room(cut.at.saturating_mul(2)),
    );
    // Both parts move the one bar, by the file's bytes each reads.
    let bar = progress_bar(len, &name, ui);
    let mut second = split::second_part(with_bar(second, bar.clone()), &cut);
    let (first, second, sha256) = std::thread::scope(|scope| {
        let second = scope.spawn(|| score_part(&mut second, None));
        let mut first_part = with_bar(Hashing::new(file, needs.data_hash), bar.clone());
        let first = score_part(&mut (&mut first_part).take(cut.at), Some(both));
        let mut hashing = first_part.into_inner();
        // The rest of the file, for its hash (from the page cache by now).
        let rest = if hashing.hashes() {
            io::copy(&mut hashing, &mut io::sink()).map(drop)
        } else {
            Ok(())
        };
        (first, second.join(), rest.map(|()| hashing.finish()))
    });
    // Read, both parts: before any warning is printed.
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let (((Ok(a), mut scoring), Ok((Ok(b), scoring_b))), Ok(sha256)) = ((first, second), sha256)
    else {
        return Ok(None);
    };
    let styles_agree = match (a.info.style, b.info.style) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    // An id seen twice, within a part or across both, is for the reading
    // in one part to report.
    if !styles_agree || DeferredIds::may_repeat(&[&a.ids, &b.ids]) {
        return Ok(None);
    }
    // Not needed any more: make room for joining the parts.
    drop((a.ids, b.ids));
    // The warnings one reading gives, names and clusters seen in both
    // parts included; or percentages typed as fractions in both.
    let warnings = a.watch.settle_with(b.watch).map_err(Failure::Rejected)?;
    scoring.append(scoring_b, a.info.rows);
    let info = ReadInfo {
        rows: a.info.rows + b.info.rows,
        // The style of the first part that showed one, as one reader would say.
        decimal: if a.info.style.is_some() {
            a.info.decimal
        } else {
            b.info.decimal
        },
        warnings,
        ..a.info
    };
    let data = StreamedData {
        units: info.rows,
        unused_columns: a.unused_columns,
        sha256,
    };
    Ok(Some((data, scoring, info)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::score_alongside;
    use crate::load::Problem;
    use crate::load::data::read_data_each;
    use crate::load::shipped::repeated_example;
    use crate::model::{CompactEvaluation, Figures, Keep};

    /// What a CSV ranking needs, its data hashed as other reports have it.
    const CSV: Needs = Needs {
        keep: Keep::Points,
        data_hash: true,
    };

    const PLAN: ReadPlan = ReadPlan {
        parse_alongside: false,
        expected_rows: 0,
    };

    fn options() -> DataOptions {
        DataOptions {
            delimiter: None,
            decimal: None,
            encoding: None,
            sheet: None,
            result: Vec::new(),
            stage: Vec::new(),
            strict: false,
        }
    }

    /// Every unit as the ranking shows it, in rank order.
    fn shown(set: &CriteriaSet, eval: &CompactEvaluation) -> Vec<String> {
        let mut figures = Figures::default();
        eval.units
            .iter()
            .map(|u| {
                eval.figures(u, set.groups.len(), set.criteria.len(), &mut figures);
                let s = &eval.store;
                format!(
                    "{} {:?} {} {} {:?} {} {} {} {} {} {figures:?}",
                    u.rank,
                    u.cluster_rank(),
                    s.id(u),
                    s.name(u),
                    s.cluster(u),
                    u.score,
                    u.rating,
                    u.rating_before_quota,
                    u.input_index(),
                    u.met,
                )
            })
            .collect()
    }

    fn file_of(csv: &str) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().expect("temp file");
        std::fs::write(file.path(), csv).expect("write");
        file
    }

    /// A reading's ranking and warnings, or its problems.
    type Reading = Result<(CompactEvaluation, Vec<Problem>), Rejected>;

    /// `csv` read in two parts (`None`: stepped aside) and in one.
    fn both_ways(set: &CriteriaSet, csv: &str) -> (Option<Reading>, Reading) {
        let file = file_of(csv);
        let order = VietnameseOrder::new();
        let two = match read_in_two_parts(set, file.path(), &options(), CSV, PLAN, 1, Ui::default())
        {
            Ok(None) => None,
            Ok(Some((data, scoring, info))) => {
                // Less the header and a first line `sep=;`.
                let named = usize::from(csv.starts_with("sep="));
                let rows = csv.lines().filter(|l| !l.is_empty()).count() - 1 - named;
                assert_eq!(data.units, rows);
                let eval = scoring.finish(&order).expect("scores");
                Some(Ok((eval, info.warnings)))
            }
            Err(Failure::Rejected(r)) => Some(Err(r)),
            Err(other) => panic!("neither read nor rejected: {other:?}"),
        };
        let name = display_path(file.path());
        let input = std::fs::File::open(file.path()).expect("open");
        let one = score_alongside(set, Keep::Points, |sink| {
            read_data_each(set, &name, input, &ReadOptions::default(), sink)
        });
        let one = match one {
            Ok((read, scoring)) => {
                Ok((scoring.finish(&order).expect("scores"), read.info.warnings))
            }
            Err(ReadError::Rejected(r)) => Err(r),
            Err(ReadError::Io(e)) => panic!("{e}"),
        };
        (two, one)
    }

    fn in_two_parts(set: &CriteriaSet, csv: &str) -> Option<CompactEvaluation> {
        let (two, _) = both_ways(set, csv);
        two.map(|read| read.expect("two parts accept it").0)
    }

    fn in_one_part(set: &CriteriaSet, csv: &str) -> Reading {
        both_ways(set, csv).1
    }

    /// Two parts step aside, and one reading rejects the file with `problem`.
    fn left_to_one_reading(set: &CriteriaSet, csv: &str, problem: &str) {
        let (two, one) = both_ways(set, csv);
        assert!(two.is_none());
        let Err(r) = one else {
            panic!("one reading rejects it: {problem}");
        };
        assert!(r.problems.iter().any(|p| p.message.en().contains(problem)));
    }

    /// Two parts read `csv` as one reading does: the same ranking and the
    /// same warnings in the same order, or the same problems. Returns the
    /// warnings.
    fn read_as_one(set: &CriteriaSet, csv: &str) -> Vec<Problem> {
        let (two, one) = both_ways(set, csv);
        let two = two.expect("two parts do not step aside");
        match (two, one) {
            (Ok((two, two_warnings)), Ok((one, one_warnings))) => {
                assert_eq!(shown(set, &two), shown(set, &one));
                assert_eq!(two_warnings, one_warnings);
                one_warnings
            }
            (Err(two), Err(one)) => {
                assert_eq!(two, one);
                Vec::new()
            }
            (two, one) => panic!(
                "two parts {}, one reading {}",
                if two.is_ok() { "accept" } else { "reject" },
                if one.is_ok() { "accepts" } else { "rejects" }
            ),
        }
    }

    fn example(copies: usize) -> (CriteriaSet, String) {
        repeated_example("thi-dua-cuoi-nam", "thi-dua-2023.csv", copies)
    }

    #[test]
    fn two_parts_rank_and_rate_as_one() {
        let (set, csv) = example(40);
        let two = in_two_parts(&set, &csv).expect("cut in two");
        let (one, warnings) = in_one_part(&set, &csv).expect("valid data");
        assert!(warnings.is_empty());
        assert_eq!(two.units.len(), 1200);
        assert_eq!(shown(&set, &two), shown(&set, &one));
    }

    #[test]
    fn two_parts_find_a_semicolon_header_below_empty_lines() {
        let (set, csv) = example(40);
        let csv = format!("\n\r\n{}", csv.replace(',', ";"));
        assert!(read_as_one(&set, &csv).is_empty());
        let two = in_two_parts(&set, &csv).expect("cut in two");
        assert_eq!(two.units.len(), 1200);
    }

    #[test]
    fn two_parts_read_a_file_that_names_its_delimiter_on_a_sep_line() {
        let (set, csv) = example(40);
        let plain = csv.replace(',', ";");
        let named = format!("sep=;\r\n{plain}");
        assert!(read_as_one(&set, &named).is_empty());
        let two = in_two_parts(&set, &named).expect("cut in two");
        let one = in_two_parts(&set, &plain).expect("cut in two");
        assert_eq!(shown(&set, &two), shown(&set, &one));
    }

    /// The first row of the second part: after the first line break from
    /// 48% of the file on, where the tests' hashed reading cuts (see
    /// `split::plan`).
    fn second_half_row(csv: &str) -> usize {
        let percent = split::first_part_percent(CSV.data_hash);
        let middle = csv.len() / 100 * usize::try_from(percent).unwrap();
        let bytes = csv.as_bytes();
        let cut = middle
            + bytes[middle..]
                .iter()
                .position(|&b| b == b'\n')
                .expect("a line break");
        bytes[..=cut].iter().filter(|&&b| b == b'\n').count()
    }

    fn with_row(csv: &str, row: usize, edit: impl Fn(&str) -> String) -> String {
        csv.lines()
            .enumerate()
            .map(|(i, line)| if i == row { edit(line) } else { line.to_string() } + "\n")
            .collect()
    }

    /// `csv` with row `to` given row `from`'s unit id.
    fn with_id_of(csv: &str, from: usize, to: usize) -> String {
        let id = csv
            .lines()
            .nth(from)
            .and_then(|l| l.split(',').next())
            .expect("an id");
        with_row(csv, to, |line| {
            let (_, rest) = line.split_once(',').expect("an id");
            format!("{id},{rest}")
        })
    }

    #[test]
    fn an_id_in_both_parts_is_left_to_one_reading() {
        let (set, csv) = example(40);
        let csv = with_id_of(&csv, 1, second_half_row(&csv) + 5);
        left_to_one_reading(&set, &csv, "duplicate unit id");
    }

    /// Each part defers its id check: an id repeated within one part is
    /// found when the parts are compared, and left to one reading too.
    #[test]
    fn an_id_repeated_within_a_part_is_left_to_one_reading() {
        let (set, csv) = example(40);
        let second_half = second_half_row(&csv);
        for (from, to) in [(1, 3), (second_half + 1, second_half + 4)] {
            let repeated = with_id_of(&csv, from, to);
            left_to_one_reading(&set, &repeated, "duplicate unit id");
        }
    }

    /// An id in the other part in another letter case is a warning one
    /// reading gives: left to it, across the parts or within one.
    #[test]
    fn an_id_in_another_letter_case_is_left_to_one_reading() {
        let (set, csv) = example(40);
        let second_half = second_half_row(&csv);
        for (from, to) in [(1, second_half + 5), (second_half + 1, second_half + 4)] {
            let repeated = with_id_of(&csv, from, to);
            let lowered = with_row(&repeated, to, |line| {
                let (id, rest) = line.split_once(',').expect("an id");
                format!("{},{rest}", id.to_lowercase())
            });
            assert_ne!(lowered, repeated, "the id has capitals");
            let (two, one) = both_ways(&set, &lowered);
            assert!(two.is_none(), "left to one reading");
            let Ok((_, warnings)) = one else {
                panic!("a warning, not a problem");
            };
            let said = |p: &Problem| p.message.en().contains("only in letter case");
            assert_eq!(warnings.iter().filter(|p| said(p)).count(), 1);
        }
    }

    #[test]
    fn decimal_styles_that_differ_between_parts_are_left_to_one_reading() {
        let (set, csv) = example(40);
        // Semicolons between cells, so a decimal comma needs no quotes.
        let csv = csv.replace(',', ";");
        assert!(in_two_parts(&set, &csv).is_some());
        // The second part writes its decimals 89,45; the first, 89.45: each
        // part is consistent, the file is not.
        let from = second_half_row(&csv);
        let mixed: String = csv
            .lines()
            .enumerate()
            .map(|(i, line)| if i >= from { line.replace('.', ",") } else { line.to_string() } + "\n")
            .collect();
        left_to_one_reading(&set, &mixed, "mixes decimal styles");
    }

    #[test]
    fn a_problem_in_either_part_is_left_to_one_reading() {
        let (set, csv) = example(40);
        for row in [5, second_half_row(&csv) + 5] {
            let bad = with_row(&csv, row, |line| line.replacen(",Cụm", ",,Cụm", 1));
            assert!(in_two_parts(&set, &bad).is_none(), "row {row}");
            assert!(in_one_part(&set, &bad).is_err());
        }
    }

    /// Hashed, the parts give the whole file's SHA-256, as one reading
    /// does; a report that shows no hash spares the run hashing.
    #[test]
    fn the_file_is_hashed_whole_only_when_the_report_shows_the_hash() {
        let (set, csv) = example(40);
        let file = file_of(&csv);
        let read = |data_hash| {
            let needs = Needs { data_hash, ..CSV };
            match read_in_two_parts(&set, file.path(), &options(), needs, PLAN, 1, Ui::default()) {
                Ok(Some((data, _, _))) => data.sha256,
                _ => panic!("read in two parts"),
            }
        };
        assert_eq!(read(true), Some(sha256_hex(csv.as_bytes())));
        assert_eq!(read(false), None);
    }

    #[test]
    fn small_files_and_stdin_are_read_in_one_part() {
        let (set, csv) = example(2);
        let file = file_of(&csv);
        let whole = read_in_two_parts(
            &set,
            file.path(),
            &options(),
            CSV,
            PLAN,
            split::MIN_BYTES,
            Ui::default(),
        );
        assert!(matches!(whole, Ok(None)));
        let stdin = read_in_two_parts(
            &set,
            Path::new("-"),
            &options(),
            CSV,
            PLAN,
            1,
            Ui::default(),
        );
        assert!(matches!(stdin, Ok(None)));
    }

    /// `csv` with cell `col` of row `row` (0: the header) made `value`.
    fn with_cell(csv: &str, row: usize, col: usize, value: &str) -> String {
        with_row(csv, row, |line| {
            let mut cells: Vec<&str> = line.split(',').collect();
            cells[col] = value;
            cells.join(",")
        })
    }

    fn cell(csv: &str, row: usize, col: usize) -> String {
        let line = csv.lines().nth(row).expect("the row");
        line.split(',').nth(col).expect("the cell").to_string()
    }

    const NAME: usize = 1;
    const CLUSTER: usize = 2;
    /// `chien_si_tien_tien_pct`, on the 0–100 percentage scale.
    const PERCENT: usize = 3;

    /// The warnings two parts give are one reading's: a name first seen in
    /// the first part and repeated in the second (its first row there
    /// included), a name repeated within the second part only, names
    /// differing only in case or spaces, a misspelt cluster whose common
    /// spelling is in the other part, a cluster of one unit, and a single
    /// fraction among whole percentages.
    #[test]
    fn warnings_in_both_parts_and_across_the_cut_are_those_of_one_reading() {
        let (set, csv) = example(40);
        let second = second_half_row(&csv);
        let name = |row| cell(&csv, row, NAME);
        let csv = with_cell(&csv, second + 3, NAME, &name(5));
        let csv = with_cell(&csv, second + 9, NAME, &name(5).to_uppercase());
        let csv = with_cell(&csv, second + 20, NAME, &name(second + 12));
        let csv = with_cell(&csv, second + 21, NAME, &name(7).replace(' ', "  "));
        let csv = with_cell(&csv, 8, NAME, &name(second + 30));
        let csv = with_cell(&csv, second + 40, CLUSTER, "Cụm1");
        let csv = with_cell(&csv, 12, CLUSTER, "Cụm  9");
        let csv = with_cell(&csv, second + 50, PERCENT, "0.95");
        let warnings = read_as_one(&set, &csv);
        let said = |line: usize, what: &str| {
            warnings
                .iter()
                .any(|w| w.line == Some(line) && w.message.en().contains(what))
        };
        let five = format!("the same unit name as on line {}", 5 + 1);
        assert!(said(second + 4, &five) && said(second + 10, &five));
        let within = format!("the same unit name as on line {}", second + 13);
        assert!(said(second + 21, &within));
        assert!(said(second + 22, "extra spaces"));
        assert!(said(second + 22, "the same unit name as on line 8"));
        // Read later, the second part's row is the repeat.
        assert!(said(second + 31, "the same unit name as on line 9"));
        assert!(said(second + 41, "nearly \"Cụm 1\" (line 2"));
        assert!(said(13, "extra spaces") && said(13, "a single unit"));
        assert!(said(second + 51, "a rate below 1%"));
        assert_eq!(warnings.len(), 10, "{warnings:#?}");
    }

    /// Each part keeps its first row warnings only, up to the limit one
    /// reading keeps: joined, they are the first of the file.
    #[test]
    fn warnings_past_the_limit_are_cut_where_one_reading_cuts_them() {
        let (set, csv) = example(600);
        // Every name twice, the second time in the other part.
        let half = second_half_row(&csv);
        let lines: Vec<&str> = csv.lines().collect();
        let names: Vec<String> = (1..lines.len()).map(|row| cell(&csv, row, NAME)).collect();
        let repeated: String = std::iter::once(lines[0].to_string())
            .chain(lines[1..].iter().enumerate().map(|(i, line)| {
                let (id, rest) = line.split_once(',').expect("an id");
                let (_, rest) = rest.split_once(',').expect("a name");
                let name = &names[i % (half - 1)];
                let name = if i % 3 == 0 {
                    name.replace(' ', "  ")
                } else {
                    name.clone()
                };
                format!("{id},{name},{rest}")
            }))
            .map(|l| l + "\n")
            .collect();
        let warnings = read_as_one(&set, &repeated);
        assert!(
            warnings.len() >= crate::load::data::MAX_PROBLEMS,
            "{}",
            warnings.len()
        );
    }

    /// A percentage column typed as fractions in one part only is not, as
    /// a whole, typed as fractions: its fractions are warned about. Typed
    /// so throughout, both ways reject it alike.
    #[test]
    fn fractions_are_judged_over_both_parts() {
        let (set, csv) = example(40);
        let second = second_half_row(&csv);
        let rows = csv.lines().count();
        let mut first_part = csv.clone();
        for row in 1..second {
            first_part = with_cell(&first_part, row, PERCENT, "0.9");
        }
        let warnings = read_as_one(&set, &first_part);
        assert_eq!(warnings.len(), 100, "the first hundred fractions");
        assert!(
            warnings
                .iter()
                .all(|w| w.message.en().contains("a rate below 1%"))
        );
        let mut throughout = first_part;
        for row in second..rows {
            throughout = with_cell(&throughout, row, PERCENT, "0.9");
        }
        let (two, one) = both_ways(&set, &throughout);
        let (Some(Err(two)), Err(one)) = (two, one) else {
            panic!("both reject it");
        };
        assert_eq!(two, one);
        assert!(
            one.problems[0]
                .message
                .en()
                .contains("looks like fractions")
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Whatever the file, reading it in two parts gives exactly what
        /// one reading gives, warnings included, or steps aside (`None`)
        /// for one reading when that reading rejects it; it never accepts
        /// a file one reading rejects, nor steps aside from one it accepts.
        #[test]
        fn two_parts_agree_with_one_or_step_aside(
            copies in 1usize..12,
            edits in proptest::collection::vec((0usize..400, 0usize..400, 0u8..12), 0..16),
        ) {
            let (set, csv) = example(copies);
            let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
            let rows = lines.len() - 1;
            for (at, other, kind) in edits {
                let row = 1 + at % rows;
                // Names come from the first few rows, so that one name is
                // often repeated several times, in either part.
                let other = 1 + if kind < 4 { other % 2 } else { other % rows };
                let mut cells: Vec<String> = lines[row].split(',').map(str::to_string).collect();
                let theirs: Vec<String> = lines[other].split(',').map(str::to_string).collect();
                // A row made blank by an earlier edit has no cells to take.
                if cells.len() <= PERCENT || theirs.len() <= PERCENT {
                    continue;
                }
                match kind {
                    // Another row's id: a duplicate, maybe across the parts.
                    0 => cells[0] = theirs[0].clone(),
                    // Another row's name, as written, in capitals or with
                    // a double space.
                    1 => cells[NAME] = theirs[NAME].clone(),
                    2 => cells[NAME] = theirs[NAME].to_uppercase(),
                    3 => cells[NAME] = theirs[NAME].replacen(' ', "  ", 1),
                    // A misspelt cluster, or one of a single unit.
                    4 => cells[CLUSTER] = cells[CLUSTER].replace(' ', ""),
                    5 => cells[CLUSTER] = format!("Cụm {}", 100 + at),
                    // A fraction among percentages, or out of their range.
                    6 => cells[PERCENT] = "0.95".to_string(),
                    7 => cells[PERCENT] = "120".to_string(),
                    // A blank cell.
                    8 => cells[PERCENT] = String::new(),
                    // Not a number.
                    9 => cells[PERCENT] = "khong".to_string(),
                    // A cell too many.
                    10 => cells.push("1".to_string()),
                    // A blank line.
                    _ => cells = Vec::new(),
                }
                lines[row] = cells.join(",");
            }
            let csv: String = lines.iter().map(|l| format!("{l}\n")).collect();
            let (two, one) = both_ways(&set, &csv);
            match (two, one) {
                (None, one) => proptest::prop_assert!(one.is_err(), "stepped aside from a valid file"),
                (Some(Ok((two, two_warnings))), Ok((one, one_warnings))) => {
                    proptest::prop_assert_eq!(shown(&set, &two), shown(&set, &one));
                    proptest::prop_assert_eq!(two_warnings, one_warnings);
                }
                (Some(Err(two)), Err(one)) => proptest::prop_assert_eq!(two, one),
                (Some(two), one) => proptest::prop_assert!(
                    false,
                    "two parts {}, one reading {}",
                    if two.is_ok() { "accept" } else { "reject" },
                    if one.is_ok() { "accepts" } else { "rejects" }
                ),
            }
        }
    }
}
