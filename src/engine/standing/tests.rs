//! Downgrades, units not considered and shared first places, through the
//! real loaders and [`crate::engine::evaluate`].

use crate::collate::VietnameseOrder;
use crate::engine::evaluate;
use crate::engine::explain::explain;
use crate::i18n::Lang;
use crate::load::data::{DecimalChoice, bind};
use crate::load::parse_criteria;
use crate::load::table::read_csv;
use crate::load::text::DecimalStyle;
use crate::model::*;

/// Points straight from a column; A ≥ 90 (at most `quota` of all units),
/// B ≥ 70, C the rest; H1 drops one rating, H5 five; X1 sets a unit apart.
fn set_toml(quota: &str, clustered: bool) -> String {
    let cluster = if clustered { "cluster = \"cum\"\n" } else { "" };
    format!(
        "format = 1\n[set]\nid = \"t\"\ntitle = \"T\"\n[columns]\nid = \"ma\"\nname = \"ten\"\n{cluster}\
         [[criteria]]\nid = \"D\"\ntitle = \"Điểm\"\nindicator = \"diem\"\nrule = \"direct\"\npoints = 100\n\
         [[downgrades]]\nid = \"H1\"\ntitle = \"Tập huấn không đạt\"\nindicator = \"h1\"\n\
         [[downgrades]]\nid = \"H5\"\ntitle = \"Hạ năm bậc\"\nindicator = \"h5\"\nsteps = 5\n\
         [[exclusions]]\nid = \"X1\"\ntitle = \"Chờ xét kỷ luật\"\nindicator = \"x1\"\n\
         [[ratings]]\nid = \"A\"\ntitle = \"A\"\nmin_score = 90\n{quota}\n\
         [[ratings]]\nid = \"B\"\ntitle = \"B\"\nmin_score = 70\n\
         [[ratings]]\nid = \"C\"\ntitle = \"C\"\n"
    )
}

/// Rows `id,points,h1,h5,x1[,cluster]`.
fn run(toml: &str, rows: &[&str], clustered: bool) -> (CriteriaSet, Evaluation) {
    let set = parse_criteria("t.toml", toml).unwrap_or_else(|e| {
        panic!(
            "criteria rejected:\n{}",
            crate::load::problem::problems_text(&e.problems, Lang::En)
        )
    });
    let header = if clustered {
        "ma,ten,diem,h1,h5,x1,cum"
    } else {
        "ma,ten,diem,h1,h5,x1"
    };
    let mut csv = format!("{header}\n");
    for row in rows {
        let (id, rest) = row.split_once(',').expect("a row with an id");
        csv.push_str(&format!("{id},Đơn vị {id},{rest}\n"));
    }
    let table = read_csv("t.csv", &csv, None).expect("valid csv");
    let data =
        bind(&set, &table, DecimalChoice::Explicit(DecimalStyle::Point)).unwrap_or_else(|e| {
            panic!(
                "data rejected:\n{}",
                crate::load::problem::problems_text(&e.problems, Lang::En)
            )
        });
    let eval = evaluate(&set, &data, &VietnameseOrder::new()).expect("representable scores");
    (set, eval)
}

fn unit<'a>(e: &'a Evaluation, id: &str) -> &'a UnitResult {
    e.units
        .iter()
        .find(|u| u.id == id)
        .unwrap_or_else(|| panic!("no unit {id}"))
}

/// (rating before downgrade, before quota, final) of unit `id`, by rating id.
fn ratings(set: &CriteriaSet, e: &Evaluation, id: &str) -> [String; 3] {
    let u = unit(e, id);
    [u.rating_before_downgrade, u.rating_before_quota, u.rating].map(|r| set.rating(r).id.clone())
}

#[test]
fn a_downgrade_lowers_one_rating_and_one_at_the_last_rating_changes_nothing() {
    let (set, e) = run(
        &set_toml("", false),
        &[
            "U1,95,có,không,không",
            "U2,75,có,không,không",
            "U3,50,có,không,không",
            "U4,95,không,không,không",
        ],
        false,
    );
    assert_eq!(ratings(&set, &e, "U1"), ["A", "B", "B"]);
    assert_eq!(ratings(&set, &e, "U2"), ["B", "C", "C"]);
    // Already the last rating: the downgrade holds but cannot lower it.
    assert_eq!(ratings(&set, &e, "U3"), ["C", "C", "C"]);
    assert_eq!(unit(&e, "U3").downgrades, 0b1);
    assert!(!unit(&e, "U3").downgrade_lowered());
    assert!(unit(&e, "U1").downgrade_lowered());
    assert_eq!(ratings(&set, &e, "U4"), ["A", "A", "A"]);
    assert_eq!(unit(&e, "U4").downgrades, 0);
    // Ranks are the points' order: a downgrade does not touch them.
    assert_eq!(unit(&e, "U1").rank, 1);
}

#[test]
fn steps_beyond_the_last_rating_stop_at_it_and_steps_of_several_downgrades_add_up() {
    let (set, e) = run(
        &set_toml("", false),
        &[
            "U1,95,không,có,không",
            "U2,95,có,có,không",
            "U3,75,không,có,không",
        ],
        false,
    );
    assert_eq!(ratings(&set, &e, "U1"), ["A", "C", "C"]);
    assert_eq!(unit(&e, "U2").downgrades, 0b11);
    assert_eq!(ratings(&set, &e, "U2"), ["A", "C", "C"]);
    assert_eq!(ratings(&set, &e, "U3"), ["B", "C", "C"]);
}

#[test]
fn a_downgraded_unit_frees_its_quota_place_and_is_never_moved_back_up() {
    // A for at most half of 4 units: 2 places.
    let toml = set_toml("quota = 0.5", false);
    let rows = |h1: &str| {
        [
            format!("U1,95,{h1},không,không"),
            "U2,92,không,không,không".to_string(),
            "U3,91,không,không,không".to_string(),
            "U4,50,không,không,không".to_string(),
        ]
    };
    let plain = rows("không");
    let (set, e) = run(
        &toml,
        &plain.iter().map(String::as_str).collect::<Vec<_>>(),
        false,
    );
    assert_eq!(ratings(&set, &e, "U1")[2], "A");
    assert_eq!(ratings(&set, &e, "U2")[2], "A");
    assert_eq!(ratings(&set, &e, "U3"), ["A", "A", "B"]);
    let downgraded = rows("có");
    let (set, e) = run(
        &toml,
        &downgraded.iter().map(String::as_str).collect::<Vec<_>>(),
        false,
    );
    // U1 takes no A place, so U3 gets the one it frees.
    assert_eq!(ratings(&set, &e, "U1"), ["A", "B", "B"]);
    assert_eq!(ratings(&set, &e, "U2")[2], "A");
    assert_eq!(ratings(&set, &e, "U3"), ["A", "A", "A"]);
    // Explained as a downgrade, not as a full quota.
    let why = explain(&set, unit(&e, "U1"));
    assert_eq!(why.above.len(), 1);
    assert!(why.above[0].by_downgrade);
    assert!(!why.above[0].by_quota);
}

#[test]
fn quota_populations_count_ratings_after_downgrades() {
    // A for at most half of the units rated A before quotas: the
    // downgraded U1 is not one of them, so 2 of 4 units are, and 1 place.
    let toml = set_toml("quota = 0.5\nquota_of = \"A\"", false);
    let (set, e) = run(
        &toml,
        &[
            "U1,95,có,không,không",
            "U2,92,không,không,không",
            "U3,91,không,không,không",
            "U4,90,không,không,không",
        ],
        false,
    );
    assert_eq!(ratings(&set, &e, "U2")[2], "A");
    assert_eq!(ratings(&set, &e, "U3"), ["A", "A", "B"]);
    assert_eq!(ratings(&set, &e, "U4"), ["A", "A", "B"]);
}

#[test]
fn an_excluded_unit_that_would_have_been_first_is_scored_but_not_ranked_rated_or_counted() {
    let toml = set_toml("quota = 0.5", false);
    let (set, e) = run(
        &toml,
        &[
            "U1,99,không,không,có",
            "U2,92,không,không,không",
            "U3,91,không,không,không",
            "U4,80,không,không,không",
        ],
        false,
    );
    let ids: Vec<&str> = e.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["U2", "U3", "U4", "U1"]);
    let u1 = unit(&e, "U1");
    assert_eq!(u1.score, rust_decimal::Decimal::from(99));
    assert_eq!(
        (u1.ranked(), u1.rated(), u1.cluster_rank),
        (None, None, None)
    );
    assert!(u1.is_excluded() && !u1.tied_first && !u1.quota_lowered());
    assert_eq!(unit(&e, "U2").ranked(), Some(1));
    assert_eq!(unit(&e, "U4").ranked(), Some(3));
    // Half of the 3 units considered: 1 place.
    assert_eq!(ratings(&set, &e, "U2")[2], "A");
    assert_eq!(ratings(&set, &e, "U3"), ["A", "A", "B"]);
    // Nothing is above a unit that has no rating.
    let why = explain(&set, u1);
    assert!(why.above.is_empty() && why.next.is_none());
}

#[test]
fn a_tie_for_first_is_marked_in_one_cluster_and_not_in_another() {
    let (_, e) = run(
        &set_toml("", true),
        &[
            "U1,95,không,không,không,K1",
            "U2,95,không,không,không,K1",
            "U3,80,không,không,không,K1",
            "U4,95,không,không,không,K2",
            "U5,90,không,không,không,K2",
            // Would share K2's first place, but is not considered.
            "U6,95,không,không,có,K2",
        ],
        true,
    );
    let tied: Vec<&str> = e
        .units
        .iter()
        .filter(|u| u.tied_first)
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(tied, ["U1", "U2"]);
    assert_eq!(unit(&e, "U4").cluster_rank, Some(1));
    assert_eq!(unit(&e, "U6").cluster_rank, None);
    // Overall, U1, U2 and U4 share rank 1; with clusters only the cluster's
    // first place is marked.
    assert_eq!(unit(&e, "U4").rank, 1);
}

#[test]
fn without_clusters_a_tie_for_first_overall_is_marked_and_a_tie_below_is_not() {
    let (_, e) = run(
        &set_toml("", false),
        &[
            "U1,95,không,không,không",
            "U2,95,không,không,không",
            "U3,80,không,không,không",
            "U4,80,không,không,không",
        ],
        false,
    );
    let tied: Vec<bool> = e.units.iter().map(|u| u.tied_first).collect();
    assert_eq!(tied, [true, true, false, false]);
    let (_, e) = run(
        &set_toml("", false),
        &["U1,95,không,không,không", "U2,94,không,không,không"],
        false,
    );
    assert!(e.units.iter().all(|u| !u.tied_first));
}

#[test]
fn when_every_unit_is_excluded_none_is_ranked_or_rated() {
    let (_, e) = run(
        &set_toml("quota = 0.5", true),
        &["U1,95,không,không,có,K1", "U2,95,có,không,có,K1"],
        true,
    );
    assert_eq!(e.units.len(), 2);
    for u in &e.units {
        assert_eq!((u.ranked(), u.rated(), u.cluster_rank), (None, None, None));
        assert!(!u.tied_first && !u.quota_lowered() && !u.downgrade_lowered());
    }
    // Still in the order of the ranking keys, then names.
    assert_eq!(e.units[0].id, "U1");
}

#[test]
fn conditions_read_yes_no_columns_and_refuse_what_is_not_one() {
    let bad = set_toml("", false).replace("steps = 5", "steps = 0");
    let e = parse_criteria("t.toml", &bad).expect_err("steps = 0 is refused");
    assert!(
        e.problems[0].message.en().contains("\"steps\""),
        "{:?}",
        e.problems
    );
    let typo = set_toml("", false).replace("indicator = \"x1\"", "indicator = \"x1\"\nstep = 2");
    let e = parse_criteria("t.toml", &typo).expect_err("an unknown key is refused");
    assert!(
        e.problems[0].message.en().contains("[[exclusions]]"),
        "{:?}",
        e.problems
    );
    // A number where yes/no is expected: the column is used both ways.
    let both = set_toml("", false).replace("indicator = \"h1\"", "indicator = \"diem\"");
    assert!(parse_criteria("t.toml", &both).is_err());
}

#[test]
fn a_blank_or_n_a_condition_cell_is_an_error_naming_the_condition() {
    let set = parse_criteria("t.toml", &set_toml("", false)).expect("a valid set");
    for (cell, expected) in [("", "blank"), ("N/A", "not applicable")] {
        let csv = format!("ma,ten,diem,h1,h5,x1\nU1,A,90,không,không,{cell}\n");
        let table = read_csv("t.csv", &csv, None).expect("valid csv");
        let problems = match bind(&set, &table, DecimalChoice::Explicit(DecimalStyle::Point)) {
            Ok(_) => panic!("{cell:?} accepted"),
            Err(e) => e.problems,
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        let message = &problems[0].message.en();
        assert!(
            message.contains(expected) && message.contains("X1"),
            "{message}"
        );
    }
    // Under missing = "zero" a blank condition does not hold.
    let lenient =
        set_toml("", false).replace("title = \"T\"\n", "title = \"T\"\nmissing = \"zero\"\n");
    let set = parse_criteria("t.toml", &lenient).expect("a valid set");
    let table = read_csv("t.csv", "ma,ten,diem,h1,h5,x1\nU1,A,95,,,\n", None).expect("csv");
    let data = bind(&set, &table, DecimalChoice::Explicit(DecimalStyle::Point)).expect("data");
    let e = evaluate(&set, &data, &VietnameseOrder::new()).expect("representable scores");
    assert_eq!((e.units[0].downgrades, e.units[0].excluded), (0, 0));
    assert_eq!(e.units[0].ranked(), Some(1));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Whatever the rows: units not considered come last with no rank
        /// or rating; the others rank 1, … without them; a downgrade never
        /// raises a rating and quotas never raise what downgrades left; and
        /// a shared first place is marked exactly where two units share
        /// rank 1 of their cluster.
        #[test]
        fn standing_holds_its_invariants(
            rows in prop::collection::vec((0u32..=100, any::<bool>(), any::<bool>(), 0u8..5, 0usize..3), 1..25),
        ) {
            let yes = |b: bool| if b { "có" } else { "không" };
            let lines: Vec<String> = rows
                .iter()
                .enumerate()
                .map(|(i, &(points, h1, h5, x, cluster))| {
                    format!("U{i},{points},{},{},{},K{cluster}", yes(h1), yes(h5), yes(x == 0))
                })
                .collect();
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            let (_, e) = run(&set_toml("quota = 0.3", true), &refs, true);
            let considered = e.units.iter().take_while(|u| !u.is_excluded()).count();
            prop_assert!(e.units[considered..].iter().all(|u| u.is_excluded()));
            for u in &e.units[considered..] {
                prop_assert_eq!((u.ranked(), u.rated(), u.cluster_rank, u.tied_first), (None, None, None, false));
            }
            for (i, u) in e.units[..considered].iter().enumerate() {
                prop_assert!(u.rank >= 1 && u.rank as usize <= i + 1);
                prop_assert!(u.rating_before_downgrade <= u.rating_before_quota);
                prop_assert!(u.rating_before_quota <= u.rating);
                // Without a downgrade nothing lowers the rating before quotas.
                if u.downgrades == 0 {
                    prop_assert_eq!(u.rating_before_downgrade, u.rating_before_quota);
                }
                let firsts = e.units[..considered]
                    .iter()
                    .filter(|o| o.cluster == u.cluster && o.cluster_rank == Some(1))
                    .count();
                prop_assert_eq!(u.tied_first, u.cluster_rank == Some(1) && firsts > 1);
            }
            if considered > 0 {
                prop_assert_eq!(e.units[0].rank, 1);
            }
        }
    }
}

/// The rules of ranks, shared first places, downgrades, exclusions and
/// quotas read plainly over full results, one unit against every other:
/// an oracle for the store's [`super::settle`], which no longer runs over
/// [`UnitResult`]s. Units come back in rank order, the ones not
/// considered last.
fn plain_settle(set: &CriteriaSet, units: &mut [UnitResult], order: &VietnameseOrder) {
    use std::cmp::Ordering;
    let keys = |a: &UnitResult, b: &UnitResult| {
        set.ranking
            .iter()
            .map(|key| match *key {
                RankKey::Score => b.score.cmp(&a.score),
                RankKey::Met => b.met.cmp(&a.met),
                RankKey::Gates => a.gates_failed_count().cmp(&b.gates_failed_count()),
                RankKey::Group(g) => b.groups[g].cmp(&a.groups[g]),
                RankKey::Criterion(c) => b.criterion(c).points.cmp(&a.criterion(c).points),
            })
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    };
    units.sort_by(|a, b| {
        a.is_excluded()
            .cmp(&b.is_excluded())
            .then_with(|| keys(a, b))
            .then_with(|| order.compare(&a.name, &b.name))
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| a.input_index.cmp(&b.input_index))
    });
    let considered = units.iter().filter(|u| !u.is_excluded()).count();
    let clustered = set.columns.cluster.is_some();
    let last = set.ratings.len() - 1;
    // The reference works on positions; a unit keeps its rating's index.
    let idx = |r: usize| set.stored_rating(u8::try_from(r).expect("few ratings"));
    // Competition ranks: one more than the units strictly better.
    let better = |units: &[UnitResult], i: usize, same_scope: bool| {
        let n = units[..considered]
            .iter()
            .filter(|o| !same_scope || o.cluster == units[i].cluster)
            .filter(|o| keys(o, &units[i]).is_lt())
            .count();
        u32::try_from(n + 1).expect("few units")
    };
    for i in 0..units.len() {
        let excluded = i >= considered;
        let rank = if excluded { 0 } else { better(units, i, false) };
        let cluster_rank = (clustered && !excluded).then(|| better(units, i, true));
        units[i].rank = rank;
        units[i].cluster_rank = cluster_rank;
    }
    let first = |u: &UnitResult| {
        if clustered {
            u.cluster_rank == Some(1)
        } else {
            u.rank == 1
        }
    };
    let tied: Vec<bool> = (0..units.len())
        .map(|i| {
            first(&units[i])
                && units[..considered]
                    .iter()
                    .filter(|o| first(o) && (!clustered || o.cluster == units[i].cluster))
                    .count()
                    > 1
        })
        .collect();
    let from = |u: &UnitResult, r: usize| {
        (r..set.ratings.len())
            .find(|&r| crate::engine::rating::qualifies(&set.ratings[r], u, &u.criterion_points()))
            .unwrap_or(last)
    };
    for (i, u) in units.iter_mut().enumerate() {
        u.tied_first = tied[i];
        if i >= considered {
            let last = idx(last);
            (u.rating, u.rating_before_quota, u.rating_before_downgrade) = (last, last, last);
            continue;
        }
        let earned = from(u, 0);
        let steps = crate::engine::downgrade::steps(set, u.downgrades);
        let lowered = if steps == 0 {
            earned
        } else {
            from(u, (earned + steps).min(last))
        };
        u.rating_before_downgrade = idx(earned);
        u.rating_before_quota = idx(lowered);
        u.rating = idx(lowered);
    }
    for (r, rating) in set.ratings.iter().enumerate() {
        let Some(quota) = rating.quota else { continue };
        let by_cluster = quota.scope == QuotaScope::Cluster;
        let scope_of = |u: &UnitResult| by_cluster.then(|| u.cluster.clone().unwrap_or_default());
        let scopes: std::collections::BTreeSet<Option<String>> =
            units[..considered].iter().map(scope_of).collect();
        let mut demoted = Vec::new();
        for scope in scopes {
            let members: Vec<usize> = (0..considered)
                .filter(|&i| scope_of(&units[i]) == scope)
                .collect();
            let counted = quota.of.map_or(last, RatingIdx::position);
            let n = members
                .iter()
                .filter(|&&i| units[i].rating_before_quota.position() <= counted)
                .count();
            let limit = (quota.share * rust_decimal::Decimal::from(n)).floor();
            let place = |i: usize| {
                if by_cluster {
                    units[i].cluster_rank.unwrap_or(units[i].rank)
                } else {
                    units[i].rank
                }
            };
            let candidates: Vec<usize> = members
                .into_iter()
                .filter(|&i| units[i].rating.position() == r)
                .collect();
            // A group of units at one place is granted whole or not at all,
            // and nobody after a group that does not fit.
            let mut granted = rust_decimal::Decimal::ZERO;
            let mut refused = false;
            for &i in &candidates {
                let group = candidates.iter().filter(|&&o| place(o) == place(i)).count();
                let first_of_group = candidates.iter().find(|&&o| place(o) == place(i)) == Some(&i);
                if !refused && first_of_group {
                    if granted + rust_decimal::Decimal::from(group) <= limit {
                        granted += rust_decimal::Decimal::from(group);
                    } else {
                        refused = true;
                    }
                }
                if refused {
                    demoted.push(i);
                }
            }
        }
        for i in demoted {
            units[i].rating = idx(from(&units[i], r + 1));
        }
    }
}

/// The store's path (scored into the one store, settled there, re-scored
/// for detail) and a plain scorer over every unit followed by
/// [`plain_settle`] give the same units, field by field, in the same
/// order, on the downgrade example: downgrades, a unit not considered,
/// shared first places, and (repeated) ties at a quota's edge.
#[test]
fn the_store_and_a_plain_reading_of_the_rules_agree_on_the_downgrade_example() {
    for copies in [1, 2, 7] {
        let (set, csv) = crate::load::shipped::repeated_example(
            "thi-dua-cuoi-nam",
            "thi-dua-binh-xet.csv",
            copies,
        );
        let data = crate::load::data::read_data(&set, "t.csv", csv.as_bytes(), &Default::default())
            .expect("valid data");
        let order = VietnameseOrder::new();
        let stored = evaluate(&set, &data, &order).expect("representable scores");
        let references = crate::engine::relative::references(
            &set,
            data.units.iter().map(|u| u.view()).enumerate(),
            &crate::engine::relative::considered(&set),
        );
        let mut scorer = crate::engine::score::Scorer::new(&set).with_references(references);
        let mut plain: Vec<UnitResult> = data
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| scorer.score(i, u.view()).cloned())
            .collect::<Result<_, _>>()
            .expect("representable scores");
        plain_settle(&set, &mut plain, &order);
        // The example holds every case, so agreeing is not agreeing on nothing.
        assert!(plain.iter().any(|u| u.tied_first));
        assert!(plain.iter().any(UnitResult::downgrade_lowered));
        assert!(
            plain
                .iter()
                .any(|u| u.is_excluded() && u.ranked().is_none())
        );
        assert!(
            plain
                .iter()
                .any(|u| u.criteria.iter().any(|c| c.reference.is_some()))
        );
        if copies > 1 {
            assert!(plain.iter().any(UnitResult::quota_lowered));
        }
        assert_eq!(stored.units.len(), plain.len());
        for (s, p) in stored.units.iter().zip(&plain) {
            assert_eq!(s, p, "{copies} copies: {} / {}", s.id, p.id);
        }
    }
}
