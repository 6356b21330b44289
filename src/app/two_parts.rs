//! Reading a large CSV file as two parts, one per core, for `score`'s
//! streamed ranking; the cut itself is planned in `load::split`.

use super::*;

/// Reads, binds and scores a large CSV file as two parts on two threads
/// (see `load::split`), ready to rank. `None` when the file cannot be cut
/// safely, or when a part has a problem, the parts read decimals in
/// different styles or a unit id may appear twice (within a part or
/// across both): the caller then reads the file in one part, which
/// reports every problem in file order.
pub(super) fn score_in_two_parts<'s>(
    set: &'s CriteriaSet,
    path: &Path,
    options: &DataOptions,
    keep: crate::model::Keep,
    min_bytes: u64,
    env: &Env,
) -> Result<Option<(StreamedData, CompactScoring<'s>)>, Failure> {
    let read_options = read_options(options, false)?;
    let utf8 = read_options
        .encoding
        .is_none_or(|e| e == encoding_rs::UTF_8);
    if path == Path::new("-") || !utf8 {
        return Ok(None);
    }
    let open = || -> io::Result<Option<(std::fs::File, Cut, split::SecondPart)>> {
        let mut file = std::fs::File::open(path)?;
        let len = file.metadata()?.len();
        let Some(cut) = split::plan(&mut file, len, min_bytes)? else {
            return Ok(None);
        };
        file.seek(io::SeekFrom::Start(0))?;
        let second = split::second_part(std::fs::File::open(path)?, &cut)?;
        Ok(Some((file, cut, second)))
    };
    // Anything unexpected here is met again, and reported, reading whole.
    let Ok(Some((file, cut, mut second))) = open() else {
        return Ok(None);
    };
    let name = display_path(path);
    // Each part has about as many rows as the first part has lines.
    let lines = cut.lines_between.saturating_add(1);
    let room = |n: u64| usize::try_from(n).unwrap_or(0);
    // Each part keeps its ids' hashes; they are compared once both are read.
    let read_options = ReadOptions {
        expected_rows: room(lines + lines / 8),
        defer_id_check: true,
        ..read_options
    };
    let score_part = |input: &mut (dyn Read + Send), room: Option<(usize, usize)>| {
        let mut scoring = CompactScoring::new(set, keep);
        if let Some((units, text)) = room {
            scoring.reserve(units, text);
        }
        let mut read = read_data_each(set, &name, input, &read_options, &mut |i, u| {
            scoring.push(i, u)
        });
        if let Ok(read) = &mut read {
            read.ids.settle();
            read.names.settle();
        }
        (read, scoring)
    };
    // The first part's results take in the second's: room for both, so
    // that joining them moves no text.
    let both = (
        room(lines.saturating_mul(2) + lines / 8),
        room(cut.at.saturating_mul(2)),
    );
    let (first, second, sha256) = std::thread::scope(|scope| {
        let second = scope.spawn(|| score_part(&mut second, None));
        let mut hashing = Hashing {
            inner: with_progress(file, &name, env.ui),
            hasher: Sha256::new(),
        };
        let first = score_part(&mut (&mut hashing).take(cut.at), Some(both));
        // The rest of the file, for its hash (from the page cache by now).
        let rest = io::copy(&mut hashing, &mut io::sink());
        (first, second.join(), rest.map(|_| hex(hashing.hasher)))
    });
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
    if !styles_agree || SeenIds::may_repeat(&[&a.ids, &b.ids]) {
        return Ok(None);
    }
    // Warnings, too, are for the reading in one part to give in file
    // order, names and clusters seen across both parts included.
    if !a.info.warnings.is_empty()
        || !b.info.warnings.is_empty()
        || SeenIds::may_repeat(&[&a.names, &b.names])
        || clusters_need_a_warning(set, &a.clusters, &b.clusters)
    {
        return Ok(None);
    }
    // Not needed any more: make room for joining the parts.
    drop((a.ids, b.ids, a.names, b.names));
    scoring.append(scoring_b, a.info.rows);
    let info = ReadInfo {
        rows: a.info.rows + b.info.rows,
        // The style of the first part that showed one, as one reader would say.
        decimal: if a.info.style.is_some() {
            a.info.decimal
        } else {
            b.info.decimal
        },
        ..a.info
    };
    env.verbose(Detail::DataRead {
        name: &name,
        info: &info,
        in_two_parts: true,
    });
    let data = StreamedData {
        units: info.rows,
        unused_columns: a.unused_columns,
        sha256,
    };
    Ok(Some((data, scoring)))
}

/// Would the clusters of both parts together draw a warning?
fn clusters_need_a_warning(
    set: &CriteriaSet,
    a: &[crate::load::warnings::ClusterTally],
    b: &[crate::load::warnings::ClusterTally],
) -> bool {
    let Some(column) = &set.columns.cluster else {
        return false;
    };
    let mut both = a.to_vec();
    let mut index: std::collections::HashMap<&str, usize> = a
        .iter()
        .enumerate()
        .map(|(i, t)| (t.spelling.as_str(), i))
        .collect();
    for t in b {
        match index.get(t.spelling.as_str()) {
            Some(&i) => both[i].units += t.units,
            None => {
                index.insert(&t.spelling, both.len());
                both.push(t.clone());
            }
        }
    }
    !crate::load::warnings::cluster_warnings("", column, &both).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Failure, load_data_each, score_alongside};
    use crate::load::shipped::repeated_example;
    use crate::model::{CompactEvaluation, Figures, Keep};

    fn english() -> Env {
        Env::new(Ui::default(), Some(Lang::En))
    }

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

    fn in_two_parts(set: &CriteriaSet, csv: &str) -> Option<CompactEvaluation> {
        let file = file_of(csv);
        let scored = score_in_two_parts(set, file.path(), &options(), Keep::Points, 1, &english())
            .expect("no usage error");
        scored.map(|(data, scoring)| {
            let rows = csv.lines().filter(|l| !l.is_empty()).count() - 1;
            assert_eq!(data.units, rows);
            scoring.finish(&VietnameseOrder::new()).expect("scores")
        })
    }

    fn in_one_part(set: &CriteriaSet, csv: &str) -> Result<CompactEvaluation, Failure> {
        let file = file_of(csv);
        score_alongside(set, Keep::Points, |sink| {
            load_data_each(set, file.path(), &options(), false, &english(), sink)
        })
        .map(|(_, scoring)| scoring.finish(&VietnameseOrder::new()).expect("scores"))
    }

    /// Two parts step aside, and one reading rejects the file with `problem`.
    fn left_to_one_reading(set: &CriteriaSet, csv: &str, problem: &str) {
        assert!(in_two_parts(set, csv).is_none());
        let Err(Failure::Rejected(r)) = in_one_part(set, csv) else {
            panic!("one reading rejects it: {problem}");
        };
        assert!(r.problems.iter().any(|p| p.message.en.contains(problem)));
    }

    fn example(copies: usize) -> (CriteriaSet, String) {
        repeated_example("thi-dua-cuoi-nam", "thi-dua-2023.csv", copies)
    }

    #[test]
    fn two_parts_rank_and_rate_as_one() {
        let (set, csv) = example(40);
        let two = in_two_parts(&set, &csv).expect("cut in two");
        let one = in_one_part(&set, &csv).expect("valid data");
        assert_eq!(two.units.len(), 1200);
        assert_eq!(shown(&set, &two), shown(&set, &one));
    }

    /// The first row of the second part: after the first line break from
    /// 48% of the file on (see `split::plan`).
    fn second_half_row(csv: &str) -> usize {
        let middle = csv.len() / 100 * split::FIRST_PART_PERCENT as usize;
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

    #[test]
    fn small_files_and_stdin_are_read_in_one_part() {
        let (set, csv) = example(2);
        let file = file_of(&csv);
        let whole = score_in_two_parts(
            &set,
            file.path(),
            &options(),
            Keep::Points,
            split::MIN_BYTES,
            &english(),
        );
        assert!(matches!(whole, Ok(None)));
        let stdin = score_in_two_parts(
            &set,
            Path::new("-"),
            &options(),
            Keep::Points,
            1,
            &english(),
        );
        assert!(matches!(stdin, Ok(None)));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Whatever the file, reading it in two parts either gives exactly
        /// what one reading gives, or steps aside (`None`) for one reading;
        /// it never accepts a file one reading rejects.
        #[test]
        fn two_parts_agree_with_one_or_step_aside(
            copies in 1usize..12,
            edits in proptest::collection::vec((0usize..400, 0u8..6), 0..4),
        ) {
            let (set, csv) = example(copies);
            let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
            for (at, kind) in edits {
                let row = 1 + at % (lines.len() - 1);
                let line = lines[row].clone();
                lines[row] = match kind {
                    // Another row's id: a duplicate, maybe across the parts.
                    0 => {
                        let other = lines[1 + (at * 7) % (lines.len() - 1)].clone();
                        let id = other.split(',').next().unwrap_or_default().to_string();
                        let (_, rest) = line.split_once(',').unwrap_or_default();
                        format!("{id},{rest}")
                    }
                    // A decimal comma, in quotes.
                    1 => {
                        let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
                        if let Some(cell) = cells.iter_mut().find(|c| c.contains('.')) {
                            *cell = format!("\"{}\"", cell.replace('.', ","));
                        }
                        cells.join(",")
                    }
                    // A cell too many.
                    2 => line.replacen(',', ",,", 1),
                    // Not a number.
                    3 => line.replacen(",0,", ",khong,", 1),
                    // A blank line.
                    4 => String::new(),
                    // A number with more places.
                    _ => line.replacen(".5,", ".505,", 1),
                };
            }
            let csv: String = lines.iter().map(|l| format!("{l}\n")).collect();
            let one = in_one_part(&set, &csv);
            if let Some(two) = in_two_parts(&set, &csv) {
                let one = one.expect("two parts accept only what one reading accepts");
                proptest::prop_assert_eq!(shown(&set, &two), shown(&set, &one));
            }
        }
    }
}
