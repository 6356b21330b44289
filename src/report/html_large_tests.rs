//! The HTML report of a national set: past a documented number of units,
//! a summary and the ranking tables, without every unit's details.

use super::tests::{render, stored};
use super::*;
use crate::report::Stamp;

/// Up to [`DETAIL_UNITS`] units a report shows every unit's details and
/// the charts; one more, and it is the summary and the tables per
/// cluster, pointing to `explain`.
#[test]
fn details_stop_past_the_documented_number_of_units() {
    let (set, csv) = crate::load::shipped::repeated_example(
        "thi-dua-cuoi-nam",
        "thi-dua-2023.csv",
        DETAIL_UNITS.div_ceil(30) + 1,
    );
    let all =
        crate::load::data::read_data(&set, "t.csv", csv.as_bytes(), &Default::default()).unwrap();
    let st = Stamp::for_tests();
    let page = |units: usize, lang| {
        let mut data = all.clone();
        data.units.truncate(units);
        render(&set, &st, lang, &Document::Ranking(&stored(&set, &data)))
    };
    let details = |html: &str| html.matches("<section class=\"unit\"").count();
    let small = page(DETAIL_UNITS, Lang::Vi);
    assert_eq!(details(&small), DETAIL_UNITS);
    assert!(small.contains("<svg class=\"chart\""));
    assert!(!small.contains("wardscore explain"));
    for lang in [Lang::Vi, Lang::En] {
        let large = page(DETAIL_UNITS + 1, lang);
        assert_eq!(details(&large), 0);
        assert!(!large.contains("<svg class=\"chart\""));
        assert!(!large.contains("href=\"#u-"), "a link to details not shown");
        // Read cluster by cluster: three tables, not the whole one too.
        assert_eq!(large.matches("<section class=\"cluster\"").count(), 3);
        assert_eq!(large.matches("<table").count(), 3 + small_tables(&large));
        // The set as it was given, a file here, not its id: the command
        // runs as it is printed. (The page escapes the slash in a path.)
        let note = "wardscore explain criteria&#x2f;thi-dua-cuoi-nam.toml examples";
        assert!(large.contains(note), "{lang:?}");
        assert!(large.contains(&(DETAIL_UNITS + 1).to_string()));
    }
}

/// Tables besides the ranking's: the legends and notes.
fn small_tables(html: &str) -> usize {
    let ranking_end = html
        .find("<section class=\"card details\"")
        .unwrap_or(html.len());
    let notes = html[..ranking_end]
        .find("<div class=\"notes\">")
        .unwrap_or(0);
    let clusters = html[..ranking_end]
        .find("<section class=\"cluster\"")
        .unwrap_or(0);
    html[notes..clusters].matches("<table").count()
}
