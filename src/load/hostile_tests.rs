//! Loader tests for hostile and odd input: bounds on what one file may
//! hold, and characters that make two names look the same.

use super::criteria::MAX_LEVELS;
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
            p.message.en.contains(&format!(
                "too many labels ({labels}); the limit is {MAX_LEVELS}"
            )),
            "{}",
            show(&rejected.problems)
        );
        assert!(p.message.vi.contains("quá nhiều nhãn"));
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
            .en
            .contains("\"L200\" is listed twice")
    );
}
