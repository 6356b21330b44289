//! Loading the sets a set reads: found beside it or shipped, and never in
//! a circle.

use std::path::Path;

use super::*;
use crate::app::{Env, load_criteria};

/// A set `id` that reads each of `reads` (as written in `criteria = …`).
fn set_file(dir: &Path, id: &str, reads: &[&str]) -> String {
    let mut text = format!(
        "format = 1\n[set]\nid = \"{id}\"\ntitle = \"{id}\"\n[columns]\nid = \"ma\"\nname = \"ten\"\n"
    );
    let mut criteria = String::new();
    for (i, other) in reads.iter().enumerate() {
        text.push_str(&format!(
            "[[results]]\nid = \"r{i}\"\ncriteria = \"{other}\"\n"
        ));
        criteria.push_str(&format!(
            "[[criteria]]\nid = \"K{i}\"\ntitle = \"k\"\nindicator = \"r{i}.score\"\nrule = \"at_least\"\nmin = 1\n"
        ));
    }
    if reads.is_empty() {
        criteria.push_str(
            "[[criteria]]\nid = \"K\"\ntitle = \"k\"\nindicator = \"x\"\nrule = \"yes\"\n",
        );
    }
    text.push_str(&criteria);
    text.push_str("[[ratings]]\nid = \"ALL\"\ntitle = \"All\"\n");
    let path = dir.join(format!("{id}.toml"));
    std::fs::write(&path, text).expect("written");
    path.display().to_string()
}

fn linked(path: &str) -> Result<LinkedSet, Failure> {
    let mut env = Env::default();
    let loaded = load_criteria(path, &mut env)?;
    link(loaded, path, &env)
}

fn rejected_messages(outcome: Result<LinkedSet, Failure>) -> Vec<String> {
    match outcome {
        Err(Failure::Rejected(r)) => r
            .problems
            .iter()
            .map(|p| {
                format!(
                    "{}:{:?} {} / {}",
                    p.file,
                    p.line,
                    p.message.en(),
                    p.message.vi()
                )
            })
            .collect(),
        Err(other) => panic!("not a rejection: {other:?}"),
        Ok(_) => panic!("accepted"),
    }
}

#[test]
fn sets_are_found_beside_the_reading_file_or_shipped_and_read_in_turn() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    set_file(dir.path(), "c", &[]);
    set_file(dir.path(), "b", &["c.toml", "cong-an-phuong-kieu-mau"]);
    let a = set_file(dir.path(), "a", &["b.toml", "c.toml"]);
    let tree = match linked(&a) {
        Ok(tree) => tree,
        Err(e) => panic!("{e:?}"),
    };
    let ids = |t: &LinkedSet| -> Vec<String> {
        t.sources.iter().map(|s| s.loaded.set.id.clone()).collect()
    };
    // c is read twice (by a and by b): that is no circle.
    assert_eq!(ids(&tree), ["b", "c"]);
    assert_eq!(ids(&tree.sources[0]), ["c", "cong-an-phuong-kieu-mau"]);
    assert_eq!(tree.sources[0].sources[1].arg, "cong-an-phuong-kieu-mau");
    let mut prefixes = Vec::new();
    wanted(&tree, "", &mut prefixes);
    let prefixes: Vec<&str> = prefixes.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(prefixes, ["r0", "r0.r0", "r0.r1", "r1"]);
}

#[test]
fn a_circle_of_sets_is_a_located_problem_naming_the_circle() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    set_file(dir.path(), "b", &["c.toml"]);
    set_file(dir.path(), "c", &["a.toml"]);
    let a = set_file(dir.path(), "a", &["b.toml"]);
    let messages = rejected_messages(linked(&a));
    assert_eq!(messages.len(), 1, "{messages:#?}");
    // Found where c.toml names a.toml (line 10 of c.toml).
    assert!(messages[0].contains("c.toml:Some(10)"), "{}", messages[0]);
    assert!(
        messages[0].contains("in a circle (a → b → c → a)"),
        "{}",
        messages[0]
    );
    assert!(
        messages[0].contains("theo vòng khép kín"),
        "{}",
        messages[0]
    );
}

#[test]
fn a_set_that_reads_itself_is_a_circle_too() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let a = set_file(dir.path(), "a", &["./a.toml"]);
    let messages = rejected_messages(linked(&a));
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].contains("(a → a)"), "{}", messages[0]);
}

#[test]
fn a_set_that_cannot_be_found_is_named_with_every_other_problem() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("broken.toml"), "format = 1\n[set]\n").expect("written");
    let a = set_file(dir.path(), "a", &["nowhere.toml", "broken.toml"]);
    let messages = rejected_messages(linked(&a));
    assert!(
        messages[0].contains("cannot find the criteria set \"nowhere.toml\""),
        "{messages:#?}"
    );
    assert!(
        messages.iter().skip(1).any(|m| m.contains("broken.toml")),
        "the other file's own problems are listed too: {messages:#?}"
    );
}

#[test]
fn result_arguments_are_prefix_equals_data_once_each() {
    let parsed = result_args(&["km=a=b.csv".to_string()]);
    assert!(
        matches!(&parsed, Ok(args) if args[0].0 == "km" && args[0].1 == Path::new("a=b.csv")),
        "{:?}",
        parsed.err()
    );
    for bad in [
        vec!["km".to_string()],
        vec!["=x.csv".to_string()],
        vec!["km=".to_string()],
        vec!["km=a.csv".to_string(), "km=b.csv".to_string()],
    ] {
        assert!(
            matches!(result_args(&bad), Err(Failure::Usage(_))),
            "{bad:?}"
        );
    }
}

#[test]
fn commands_to_paste_quote_what_a_shell_would_split() {
    assert_eq!(
        shell_word("examples/cua-lo-2023.csv"),
        "examples/cua-lo-2023.csv"
    );
    assert_eq!(shell_word("Nghi Thu"), "'Nghi Thu'");
    assert_eq!(shell_word("it's"), "'it'\\''s'");
}

#[test]
fn a_chain_of_sets_longer_than_the_limit_is_a_problem_not_a_deep_recursion() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let last = MAX_CHAIN + 5;
    set_file(dir.path(), &format!("s{last}"), &[]);
    for i in (0..last).rev() {
        set_file(dir.path(), &format!("s{i}"), &[&format!("s{}.toml", i + 1)]);
    }
    let first = dir.path().join("s0.toml").display().to_string();
    let messages = rejected_messages(linked(&first));
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(
        messages[0].contains("longer than 32 sets"),
        "{}",
        messages[0]
    );
}
