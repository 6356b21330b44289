//! Properties of the engine on random small data sets, through the library
//! API (real loaders, real engine), on a fixed criteria set that uses every
//! rule kind, N/A, gates, capped adjustments, clusters and a quota.

use std::collections::BTreeSet;

use proptest::prelude::*;
use rust_decimal::Decimal;
use wardscore::collate::VietnameseOrder;
use wardscore::engine::evaluate;
use wardscore::load::data::{DecimalChoice, ReadOptions, bind, read_data};
use wardscore::load::parse_criteria;
use wardscore::load::table::read_csv;
use wardscore::model::{CriteriaSet, Evaluation};

const SET: &str = r#"format = 1
[set]
id = "prop"
title = "Property set"
precision = 2
bonus_cap = 5
deduction_cap = 4

[columns]
id = "ma"
name = "ten"
cluster = "cum"

[[indicators]]
id = "ty_le"
ratio = ["kp", "xr"]
when_zero = "not_applicable"

[[gates]]
id = "G"
title = "gate"
indicator = "g"
rule = "at_most"
max = 0

[[criteria]]
id = "L"
title = "linear"
indicator = "a"
points = 7
rule = "linear"
zero = 20
full = 95

[[criteria]]
id = "Y"
title = "yes"
indicator = "y"
points = 3
rule = "yes"

[[criteria]]
id = "R"
title = "ratio, N/A when nothing happened"
indicator = "ty_le"
points = 5
rule = "at_least"
min = 80
allow_na = true

[[criteria]]
id = "S"
title = "steps"
indicator = "s"
points = 4
rule = "steps"
steps = [{ at_least = 3, points = 4 }, { at_least = 1, points = 1.5 }]

[[criteria]]
id = "V"
title = "levels"
indicator = "v"
points = 3
rule = "levels"
levels = { "Tốt" = 3, "Khá" = 1.75, "Kém" = 0 }

[[criteria]]
id = "D"
title = "direct"
indicator = "d"
points = 2.5
rule = "direct"

[[criteria]]
id = "X"
title = "deduct"
indicator = "x"
points = 3
rule = "deduct"
per = 0.75

[[adjustments]]
id = "T1"
title = "bonus"
indicator = "t1"
kind = "bonus"
per = 1.5
cap = 4

[[adjustments]]
id = "T2"
title = "bonus 2"
indicator = "t2"
kind = "bonus"

[[adjustments]]
id = "R1"
title = "deduction"
indicator = "r1"
kind = "deduction"
per = 1.25

[[ratings]]
id = "TOP"
title = "top"
min_score = 18
all_gates = true
quota = 0.3
quota_of = "MID"

[[ratings]]
id = "MID"
title = "mid"
min_score = 12

[[ratings]]
id = "LOW"
title = "low"
"#;

const HEADER: &str = "ma,ten,cum,a,y,kp,xr,s,v,d,x,t1,t2,r1,g";

/// One generated row, already as CSV cells (without the id).
#[derive(Debug, Clone)]
struct Row(String);

fn row() -> impl Strategy<Value = Row> {
    let name = prop::sample::select(vec![
        "Dương",
        "Đông Vĩnh",
        "Hồng Sơn",
        "An Lão",
        "Ân Thi",
        "Bắc Hà",
        "Ba Đình",
        "Ưng Hòa",
    ]);
    let cluster = prop::sample::select(vec!["Cụm 1", "Cụm 2"]);
    // Coarse values, so that full ties (and ties at the quota's edge) are common.
    let a = prop::sample::select(vec!["0", "20", "57.5", "80.25", "95", "100"]);
    let d = prop::sample::select(vec!["0", "1.25", "2.5"]);
    (
        (name, cluster, a, any::<bool>()),
        ((0u32..4), (0u32..4), (0u32..5)),
        prop::sample::select(vec!["Tốt", "Khá", "Kém", "khá"]),
        d,
        (0u32..6),
        ((0u32..4), (0u32..3), (0u32..5), (0u32..2)),
    )
        .prop_map(
            |((name, cluster, a, y), (kp, xr, s), v, d, x, (t1, t2, r1, g))| {
                // kp ≤ xr keeps the ratio a share; xr = 0 makes R not applicable.
                let kp = kp.min(xr);
                let y = if y { "có" } else { "không" };
                Row(format!(
                    "{name},{cluster},{a},{y},{kp},{xr},{s},{v},{d},{x},{t1},{t2},{r1},{g}"
                ))
            },
        )
}

fn csv(rows: &[(usize, Row)]) -> String {
    let mut s = format!("{HEADER}\n");
    for (id, row) in rows {
        s.push_str(&format!("U{id},{}\n", row.0));
    }
    s
}

fn set() -> CriteriaSet {
    parse_criteria("prop.toml", SET).expect("the property set loads")
}

fn eval(set: &CriteriaSet, rows: &[(usize, Row)]) -> Evaluation {
    let text = csv(rows);
    let table = read_csv("prop.csv", &text, None).expect("csv");
    let data = bind(set, &table, DecimalChoice::Detect)
        .unwrap_or_else(|e| panic!("{:?}\n{text}", e.problems));
    evaluate(set, &data, &VietnameseOrder::new()).expect("scores")
}

/// 1 to 11 units drawn from a pool of up to 6 random rows, so that units
/// with identical values (full ties) are common.
fn units() -> impl Strategy<Value = Vec<(usize, Row)>> {
    (
        prop::collection::vec(row(), 1..7),
        prop::collection::vec(any::<prop::sample::Index>(), 1..12),
    )
        .prop_map(|(pool, picks)| {
            picks
                .iter()
                .enumerate()
                .map(|(id, pick)| (id, pick.get(&pool).clone()))
                .collect::<Vec<_>>()
        })
}

type Outcome = BTreeSet<(String, Decimal, u32, Option<u32>, String)>;

fn outcome(set: &CriteriaSet, e: &Evaluation) -> Outcome {
    e.units
        .iter()
        .map(|u| {
            (
                u.id.clone(),
                u.score,
                u.rank,
                u.cluster_rank,
                set.rating(u.rating).id.clone(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn scores_stay_within_bounds(rows in units()) {
        let set = set();
        let e = eval(&set, &rows);
        let full = set.full_max();
        // 7 + 3 + 5 + 4 + 3 + 2.5 + 3 = 27.5
        prop_assert_eq!(full, Decimal::new(275, 1));
        let cap = set.bonus_cap.unwrap();
        for u in &e.units {
            prop_assert!(u.score >= Decimal::ZERO);
            prop_assert!(u.score <= full + cap, "{} > {}", u.score, full + cap);
            prop_assert!(u.base <= full, "base {} > {}", u.base, full);
            prop_assert!(u.earned <= u.applicable_max);
            prop_assert!(u.bonus <= cap);
            prop_assert!(u.deductions <= set.deduction_cap.unwrap());
            prop_assert!(u.met <= u.applicable);
            for r in &u.criteria {
                prop_assert!(r.points >= Decimal::ZERO && r.points <= r.max);
                prop_assert!(r.points.scale() <= set.precision);
            }
        }
    }

    #[test]
    fn ranking_does_not_depend_on_row_order(
        (rows, shuffled) in units().prop_flat_map(|rows| {
            let shuffled = Just(rows.clone()).prop_shuffle();
            (Just(rows), shuffled)
        })
    ) {
        let set = set();
        let a = eval(&set, &rows);
        let b = eval(&set, &shuffled);
        prop_assert_eq!(outcome(&set, &a), outcome(&set, &b));
    }

    /// Holds for sets without `target` or `relative` rules only (such a
    /// set says so in `check`); `relative.rs` tests what holds for the
    /// others.
    #[test]
    fn a_units_score_does_not_depend_on_the_others(rows in units()) {
        let set = set();
        prop_assert!(!set.is_relative());
        let all = eval(&set, &rows);
        for (id, row) in &rows {
            let alone = eval(&set, &[(*id, row.clone())]);
            let a = &alone.units[0];
            let b = all.units.iter().find(|u| u.id == a.id).unwrap();
            prop_assert_eq!(a.score, b.score);
            prop_assert_eq!(a.base, b.base);
            prop_assert_eq!(a.met, b.met);
            prop_assert_eq!(&a.criteria, &b.criteria);
            prop_assert_eq!(a.rating_before_quota, b.rating_before_quota);
        }
    }

    #[test]
    fn ranks_are_competition_ranks(rows in units()) {
        let set = set();
        let e = eval(&set, &rows);
        prop_assert_eq!(e.units[0].rank, 1);
        for (i, w) in e.units.windows(2).enumerate() {
            let position = i as u32 + 2;
            let (prev, next) = (&w[0], &w[1]);
            prop_assert!(prev.score >= next.score, "listed in rank order");
            if next.rank == prev.rank {
                prop_assert_eq!(next.score, prev.score);
            } else {
                prop_assert_eq!(next.rank, position);
            }
        }
        // Cluster ranks are competition ranks within each cluster.
        for cluster in ["Cụm 1", "Cụm 2"] {
            let members: Vec<_> = e
                .units
                .iter()
                .filter(|u| u.cluster.as_deref() == Some(cluster))
                .collect();
            for (i, u) in members.iter().enumerate() {
                let r = u.cluster_rank.unwrap();
                if i == 0 {
                    prop_assert_eq!(r, 1);
                } else if r != members[i - 1].cluster_rank.unwrap() {
                    prop_assert_eq!(r, i as u32 + 1);
                }
            }
        }
    }

    #[test]
    fn the_quota_is_never_exceeded(rows in units()) {
        let set = set();
        let e = eval(&set, &rows);
        // N = units rated MID or better before quotas; at most floor(0.3 × N) TOP.
        let n = e.units.iter().filter(|u| u.rating_before_quota.position() <= 1).count();
        let tops = e.units.iter().filter(|u| u.rating.position() == 0).count();
        prop_assert!(tops * 10 <= n * 3, "{tops} TOP of {n}");
        for u in &e.units {
            // Fully tied units with the same rating before quotas end alike.
            for v in &e.units {
                if u.rank == v.rank && u.rating_before_quota == v.rating_before_quota {
                    prop_assert_eq!(u.rating, v.rating, "{} and {}", &u.id, &v.id);
                }
            }
            // A quota only ever lowers a rating, and only from TOP.
            prop_assert!(u.rating >= u.rating_before_quota);
            if u.rating != u.rating_before_quota {
                prop_assert_eq!(u.rating_before_quota.position(), 0);
            }
        }
    }

    #[test]
    fn column_order_never_changes_a_result(
        (rows, order) in units().prop_flat_map(|rows| {
            let columns: Vec<usize> = (0..HEADER.split(',').count()).collect();
            (Just(rows), Just(columns).prop_shuffle())
        })
    ) {
        let set = set();
        let text = csv(&rows);
        let permuted: String = text
            .lines()
            .map(|line| {
                let cells: Vec<&str> = line.split(',').collect();
                let moved: Vec<&str> = order.iter().map(|&i| cells[i]).collect();
                format!("{}\n", moved.join(","))
            })
            .collect();
        let read = |t: &str| read_data(&set, "p.csv", t.as_bytes(), &ReadOptions::default()).unwrap();
        let (a, b) = (read(&text), read(&permuted));
        prop_assert_eq!(&a.units, &b.units);
        let (ea, eb) = (
            evaluate(&set, &a, &VietnameseOrder::new()).expect("scores"),
            evaluate(&set, &b, &VietnameseOrder::new()).expect("scores"),
        );
        prop_assert_eq!(outcome(&set, &ea), outcome(&set, &eb));
    }

    #[test]
    fn the_same_data_in_xlsx_gives_the_same_results(rows in units()) {
        let set = set();
        let text = csv(&rows);
        let workbook = as_workbook(&text);
        let from_csv = read_data(&set, "p.csv", text.as_bytes(), &ReadOptions::default()).unwrap();
        let from_xlsx = read_data(&set, "p.xlsx", workbook.as_slice(), &ReadOptions::default()).unwrap();
        prop_assert_eq!(&from_csv.units, &from_xlsx.units);
        let (a, b) = (
            evaluate(&set, &from_csv, &VietnameseOrder::new()).expect("scores"),
            evaluate(&set, &from_xlsx, &VietnameseOrder::new()).expect("scores"),
        );
        prop_assert_eq!(a, b);
    }
}

/// The CSV's cells as a sheet, numbers stored as Excel numbers (doubles),
/// the way a spreadsheet program saves them.
fn as_workbook(text: &str) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in text.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (row, col) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(row, col, n).unwrap(),
                Err(_) => sheet.write_string(row, col, cell).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}
