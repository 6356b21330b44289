//! `-j/--threads`: how many threads a run uses changes how fast it is,
//! never what it writes.

use crate::harness::*;

/// The year-end example's rows `copies` times, each copy's ids and names
/// made unique, in a file of its own.
fn repeated_year_end(copies: usize) -> tempfile::NamedTempFile {
    repeated_year_end_named(copies, |copy| copy.to_string())
}

/// [`repeated_year_end`], each copy's names followed by `suffix(copy)`.
fn repeated_year_end_named(
    copies: usize,
    suffix: impl Fn(usize) -> String,
) -> tempfile::NamedTempFile {
    let text = std::fs::read_to_string(root().join(THI_DUA)).unwrap();
    let mut lines = text.lines();
    let mut csv = format!("{}\n", lines.next().unwrap());
    let rows: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    for copy in 0..copies {
        let suffix = suffix(copy);
        for row in &rows {
            let (id, rest) = row.split_once(',').unwrap();
            let (name, rest) = rest.split_once(',').unwrap();
            csv.push_str(&format!("{id}-{copy},{name} {suffix},{rest}\n"));
        }
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), csv).unwrap();
    file
}

#[test]
fn one_thread_writes_what_every_thread_writes_in_every_format() {
    for format in ["table", "csv", "json", "md", "html"] {
        let all = run(&["score", THI_DUA_SET, THI_DUA, "-f", format]);
        let one = run(&["score", THI_DUA_SET, THI_DUA, "-f", format, "-j", "1"]);
        let two = run(&[
            "score",
            THI_DUA_SET,
            THI_DUA,
            "-f",
            format,
            "--threads",
            "2",
        ]);
        assert!(!all.ok().is_empty(), "{format}");
        assert_eq!(one.ok(), all.ok(), "{format}");
        assert_eq!(two.ok(), all.ok(), "{format}");
    }
}

/// A file large enough to be read as two parts on two threads gives the
/// ranking one thread gives, reading it in one part.
#[test]
fn two_parts_on_two_threads_rank_as_one_thread_does() {
    // About 115 bytes a row: past the size a file is cut in two at.
    let file = repeated_year_end(2_600);
    let path = file.path().to_str().unwrap();
    let args = [
        "score",
        THI_DUA_SET,
        path,
        "-f",
        "csv",
        "-v",
        "--lang",
        "en",
    ];
    let one = run(&[&args[..], &["-j", "1"]].concat());
    let two = run(&[&args[..], &["-j", "2"]].concat());
    assert_eq!(one.ok().lines().count(), 1 + 2_600 * 30);
    assert_eq!(one.ok(), two.ok());
    assert!(
        two.stderr.contains("read as two parts at once"),
        "{}",
        two.stderr
    );
    assert!(!one.stderr.contains("two parts"), "{}", one.stderr);
}

/// Names repeated all over a file read as two parts draw the warnings one
/// reading gives, in the same order with the same lines, and `--strict`
/// refuses the file alike; the file is still read as two parts.
#[test]
fn two_parts_give_the_warnings_one_thread_gives() {
    // Every name seven times, far apart: in both parts and across the cut.
    let file = repeated_year_end_named(2_600, |copy| (copy % 371).to_string());
    let path = file.path().to_str().unwrap();
    let args = |threads| {
        [
            "score",
            THI_DUA_SET,
            path,
            "-f",
            "csv",
            "--lang",
            "en",
            "-j",
            threads,
        ]
    };
    let warnings = |stderr: &str| -> Vec<String> {
        stderr
            .lines()
            // Not what was read, nor how long it took.
            .filter(|l| !l.contains("rows,") && !l.contains(" units read"))
            .map(str::to_string)
            .collect()
    };
    let one = run_with(&[&args("1")[..], &["-v"]].concat(), None);
    let two = run_with(&[&args("2")[..], &["-v"]].concat(), None);
    assert_eq!(one.ok(), two.ok());
    assert!(
        two.stderr.contains("read as two parts at once"),
        "{}",
        two.stderr
    );
    let said = warnings(&two.stderr);
    assert_eq!(warnings(&one.stderr), said);
    assert!(said.len() > 20, "{}", two.stderr);
    let strict_one = run(&[&args("1")[..], &["--strict"]].concat()).fails(3);
    let strict_two = run(&[&args("2")[..], &["--strict"]].concat()).fails(3);
    assert_eq!(strict_one, strict_two);
}

#[test]
fn no_threads_is_a_usage_error() {
    let err = run(&["score", THI_DUA_SET, THI_DUA, "-j", "0"]).fails(2);
    assert!(err.contains("threads") || err.contains("-j"), "{err}");
}
