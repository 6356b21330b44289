//! Loader tests for hostile and odd input: bounds on what one file may
//! hold, and characters that make two names look the same.

use super::criteria::MAX_LEVELS;
use super::problem::Column;
use super::*;
use crate::i18n::Lang;

fn show(ps: &[Problem]) -> String {
    problem::problems_text(ps, Lang::En)
}

/// A set with one `levels` criterion listing `labels` labels.
fn levels_set(labels: usize) -> String {
    let list: Vec<String> = (0..labels).map(|i| format!("\"L{i}\" = 1")).collect();
    format!(
        "format = 1\n[set]\nid = \"t\"\ntitle = \"Test\"\n[columns]\nid = \"ma\"\nname = \"ten\"\n\
         [[criteria]]\nid = \"K1\"\ntitle = \"k\"\nindicator = \"x\"\npoints = 1\nrule = \"levels\"\n\
         levels = {{ {} }}\n[[ratings]]\nid = \"ALL\"\ntitle = \"Everyone\"\n",
        list.join(", ")
    )
}

#[test]
fn a_levels_rule_lists_at_most_max_levels_labels() {
    let at_limit = parse_criteria("c.toml", &levels_set(MAX_LEVELS));
    assert!(
        at_limit.is_ok(),
        "{:?}",
        at_limit.err().map(|e| show(&e.problems))
    );
    // Far beyond the limit: refused at once, with the limit named.
    for labels in [MAX_LEVELS + 1, 50_000] {
        let rejected = parse_criteria("c.toml", &levels_set(labels)).unwrap_err();
        assert_eq!(rejected.problems.len(), 1, "{}", show(&rejected.problems));
        let p = &rejected.problems[0];
        assert_eq!(p.line, Some(14), "the levels line");
        assert!(
            p.message.en().contains(&format!(
                "too many labels ({labels}); the limit is {MAX_LEVELS}"
            )),
            "{}",
            show(&rejected.problems)
        );
        assert!(p.message.vi().contains("quá nhiều nhãn"));
    }
}

#[test]
fn a_label_listed_twice_is_still_found_among_many() {
    let mut set = levels_set(MAX_LEVELS - 1);
    set = set.replace("\"L0\" = 1", "\"L0\" = 1, \"l200\" = 1");
    let rejected = parse_criteria("c.toml", &set).unwrap_err();
    assert_eq!(rejected.problems.len(), 1, "{}", show(&rejected.problems));
    assert!(
        rejected.problems[0]
            .message
            .en()
            .contains("\"L200\" is listed twice")
    );
}

// ------------------------------------------------------ invisible characters

/// A set with a cluster column, `criterion_id` and `indicator` for its one
/// criterion, and `title` for it.
fn set_with(criterion_id: &str, indicator: &str, title: &str, cluster: &str) -> String {
    format!(
        "format = 1\n[set]\nid = \"t\"\ntitle = \"Test\"\n[columns]\nid = \"ma\"\nname = \"ten\"\n\
         cluster = \"{cluster}\"\n[[criteria]]\nid = \"{criterion_id}\"\ntitle = \"{title}\"\n\
         indicator = \"{indicator}\"\npoints = 1\nrule = \"yes\"\n\
         [[ratings]]\nid = \"ALL\"\ntitle = \"Everyone\"\n"
    )
}

#[test]
fn ids_and_columns_declared_in_a_criteria_file_must_be_visible() {
    // Line and column of each string, counted from `set_with`.
    for (src, line, column, named) in [
        (
            set_with("K\u{200b}1", "x", "T", "cum"),
            10,
            6,
            "\"id\" holds the invisible character U+200B ZERO WIDTH SPACE at position 2",
        ),
        (
            set_with("K1", "x\u{ad}y", "T", "cum"),
            12,
            13,
            "\"indicator\" holds the invisible character U+00AD SOFT HYPHEN at position 2",
        ),
        (
            set_with("K1", "x", "T", "c\u{feff}um"),
            8,
            11,
            "\"cluster\" holds the invisible character U+FEFF ZERO WIDTH NO-BREAK SPACE at position 2",
        ),
        (
            set_with("K1", "x", "T", "cum").replace("id = \"ma\"", "id = \"m\u{202e}a\""),
            6,
            6,
            "U+202E RIGHT-TO-LEFT OVERRIDE at position 2",
        ),
    ] {
        let rejected = parse_criteria("c.toml", &src).unwrap_err();
        assert_eq!(rejected.problems.len(), 1, "{}", show(&rejected.problems));
        let p = &rejected.problems[0];
        assert!(
            p.message.en().contains(named),
            "{}",
            show(&rejected.problems)
        );
        assert!(p.message.vi().contains("ký tự ẩn"));
        assert_eq!(
            (p.line, p.column.clone()),
            (Some(line), Some(Column::Number(column))),
            "{}",
            show(&rejected.problems)
        );
    }
    // At either end they are trimmed (as spaces are), so "P1" is "P1".
    let set = parse_criteria("c.toml", &set_with("K1\u{200b}", "\u{feff}x", "T", "cum"));
    assert!(set.is_ok(), "{:?}", set.err().map(|e| show(&e.problems)));
    // A title is read, not matched: it may hold them.
    let set = parse_criteria("c.toml", &set_with("K1", "x", "Ti\u{200b}tle\u{ad}", "cum"));
    assert!(set.is_ok(), "{:?}", set.err().map(|e| show(&e.problems)));
}

/// The problems of a data file for `set_with`'s set.
fn data_problems(csv: &str) -> Vec<Problem> {
    let set = parse_criteria("c.toml", &set_with("K1", "x", "T", "cum")).unwrap();
    match data::read_data(&set, "d.csv", csv.as_bytes(), &data::ReadOptions::default()) {
        Ok(_) => Vec::new(),
        Err(data::ReadError::Rejected(r)) => r.problems,
        Err(data::ReadError::Io(e)) => panic!("{e}"),
    }
}

#[test]
fn a_unit_id_or_cluster_holding_an_invisible_character_is_refused() {
    // "P1" twice, one with a zero-width space: they look the same.
    let ps = data_problems("ma,ten,cum,x\nP1,A,C,yes\nP\u{200b}1,B,C,yes\nP2,C,C\u{2060}2,no\n");
    assert_eq!(ps.len(), 2, "{}", show(&ps));
    assert_eq!(ps[0].line, Some(3));
    assert_eq!(ps[0].column, Some(Column::Name("ma".into())));
    assert!(
        ps[0].message.en().starts_with(
            "the unit id holds the invisible character U+200B ZERO WIDTH SPACE at position 2"
        ),
        "{}",
        show(&ps)
    );
    assert!(
        ps[0]
            .message
            .vi()
            .starts_with("mã đơn vị chứa ký tự ẩn U+200B")
    );
    // Shown escaped, so the reader sees where it is.
    assert!(show(&ps).contains("\"P\\u{200b}1\""), "{}", show(&ps));
    assert_eq!(ps[1].line, Some(4));
    assert!(
        ps[1]
            .message
            .en()
            .starts_with("the emulation cluster holds the invisible character U+2060 WORD JOINER"),
        "{}",
        show(&ps)
    );
    // Names are read, not matched: they may hold them.
    assert_eq!(
        data_problems("ma,ten,cum,x\nP1,Ph\u{ad}ường\u{200b} 1,C,yes\n"),
        Vec::new()
    );
}

#[test]
fn a_column_name_holding_an_invisible_character_is_refused() {
    let ps = data_problems("ma,ten,cum,x\u{200d},gh\u{200b}i\nP1,A,C,yes,\n");
    let text = show(&ps);
    assert!(text.contains("the name of column 4 (\"x\\u{200d}\") holds the invisible character U+200D ZERO WIDTH JOINER at position 2"), "{text}");
    assert!(text.contains("the name of column 5 (\"gh\\u{200b}i\") holds the invisible character U+200B ZERO WIDTH SPACE at position 3"), "{text}");
    assert!(ps.iter().all(|p| p.line == Some(1)), "{text}");
}
