//! Quotas, ranking and explanations: the tests of the whole engine from rating onwards.

use super::*;

// ---------------------------------------------------------------- quotas

/// TOP ≥ 90 with a quota, GOOD ≥ 70, OK for the rest.
fn quota_set(quota_lines: &str) -> String {
    scored_by_value(
        "",
        "",
        &format!(
            "
[[ratings]]
id = \"TOP\"
title = \"top\"
min_score = 90
{quota_lines}

[[ratings]]
id = \"GOOD\"
title = \"good\"
min_score = 70

[[ratings]]
id = \"OK\"
title = \"ok\"
"
        ),
    )
}

fn ten_units() -> String {
    rows(&[
        ("U01", "A", "99"),
        ("U02", "B", "98"),
        ("U03", "C", "97"),
        ("U04", "D", "96"),
        ("U05", "E", "80"),
        ("U06", "G", "75"),
        ("U07", "H", "72"),
        ("U08", "I", "60"),
        ("U09", "K", "50"),
        ("U10", "L", "40"),
    ])
}

#[test]
fn quota_counts_units_rated_quota_of_or_better_before_quotas() {
    let (set, e) = run(&quota_set("quota = 0.2\nquota_of = \"GOOD\""), &ten_units());
    // N = units rated GOOD or better before quotas = 7 (99 … 72);
    // floor(0.2 × 7) = floor(1.4) = 1: only U01 keeps TOP.
    let tops: Vec<&str> = e
        .units
        .iter()
        .filter(|u| rating(&set, u) == "TOP")
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(tops, ["U01"]);
    for id in ["U02", "U03", "U04"] {
        let u = unit(&e, id);
        assert_eq!(before(&set, u), "TOP", "{id}");
        assert_eq!(rating(&set, u), "GOOD", "{id}");
        assert!(u.quota_lowered());
    }
    assert!(!unit(&e, "U05").quota_lowered());
}

#[test]
fn quota_without_quota_of_counts_every_unit() {
    let (set, e) = run(&quota_set("quota = 0.2"), &ten_units());
    // N = 10, floor(0.2 × 10) = 2: U01 and U02.
    let tops: Vec<&str> = e
        .units
        .iter()
        .filter(|u| rating(&set, u) == "TOP")
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(tops, ["U01", "U02"]);
}

#[test]
fn quota_floor_can_be_zero() {
    // 4 units, 0.2 × 4 = 0.8 → 0 places: nobody gets TOP.
    let (set, e) = run(
        &quota_set("quota = 0.2"),
        &rows(&[
            ("U1", "A", "99"),
            ("U2", "B", "95"),
            ("U3", "C", "91"),
            ("U4", "D", "10"),
        ]),
    );
    assert!(e.units.iter().all(|u| rating(&set, u) != "TOP"));
    assert_eq!(before(&set, unit(&e, "U1")), "TOP");
    // And a share of 1 lets every qualifying unit in.
    let (set, e) = run(
        &quota_set("quota = 1"),
        &rows(&[
            ("U1", "A", "99"),
            ("U2", "B", "95"),
            ("U3", "C", "91"),
            ("U4", "D", "10"),
        ]),
    );
    assert_eq!(
        table(&set, &e),
        [
            ("U1", 1, "TOP"),
            ("U2", 2, "TOP"),
            ("U3", 3, "TOP"),
            ("U4", 4, "OK")
        ]
    );
}

#[test]
fn units_tied_at_the_quota_edge_are_treated_alike() {
    // 10 units, floor(0.2 × 10) = 2 places. U01 takes one; U02 and U03 are
    // fully tied (95) and cannot both fit in the one left, so neither gets
    // it, and U04 (94), ranked below them, does not either.
    let csv = rows(&[
        ("U01", "A", "99"),
        ("U02", "B", "95"),
        ("U03", "C", "95"),
        ("U04", "D", "94"),
        ("U05", "E", "80"),
        ("U06", "G", "75"),
        ("U07", "H", "72"),
        ("U08", "I", "60"),
        ("U09", "K", "50"),
        ("U10", "L", "40"),
    ]);
    let (set, e) = run(&quota_set("quota = 0.2"), &csv);
    let top4: Vec<(&str, u32, &str, &str)> = e.units[..4]
        .iter()
        .map(|u| (u.id.as_str(), u.rank, before(&set, u), rating(&set, u)))
        .collect();
    assert_eq!(
        top4,
        [
            ("U01", 1, "TOP", "TOP"),
            ("U02", 2, "TOP", "GOOD"),
            ("U03", 2, "TOP", "GOOD"),
            ("U04", 4, "TOP", "GOOD"),
        ]
    );
}

#[test]
fn tied_units_that_all_fit_all_get_the_rating() {
    // 15 units → floor(0.2 × 15) = 3: U01 plus both tied 95s fit exactly.
    let mut list: Vec<(String, String, String)> = vec![
        ("U01".into(), "A".into(), "99".into()),
        ("U02".into(), "B".into(), "95".into()),
        ("U03".into(), "C".into(), "95".into()),
        ("U04".into(), "D".into(), "94".into()),
    ];
    for i in 5..=15 {
        list.push((format!("U{i:02}"), format!("N{i}"), "10".into()));
    }
    let refs: Vec<(&str, &str, &str)> = list
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    let (set, e) = run(&quota_set("quota = 0.2"), &rows(&refs));
    let got: Vec<&str> = e.units[..4].iter().map(|u| rating(&set, u)).collect();
    assert_eq!(got, ["TOP", "TOP", "TOP", "GOOD"]);
}

#[test]
fn a_tie_broken_by_a_later_ranking_key_is_not_a_tie_at_the_edge() {
    // Two units at 95, but "met" breaks them apart: K (100 points, met at
    // ≥ 90) plus M (1 point, yes). U02 = 94 + 1 = 95 with 2 met,
    // U03 = 95 + 0 = 95 with 1 met.
    let toml = format!(
        "{}
[[criteria]]
id = \"K\"
title = \"k\"
indicator = \"d\"
points = 100
pass = 90
rule = \"direct\"

[[criteria]]
id = \"M\"
title = \"m\"
indicator = \"m\"
rule = \"yes\"

[[ratings]]
id = \"TOP\"
title = \"top\"
min_score = 90
quota = 0.2

[[ratings]]
id = \"REST\"
title = \"rest\"

[ranking]
order = [\"score\", \"met\"]
",
        head("", "")
    );
    let mut csv = String::from("ma,ten,d,m\nU01,A,99,có\nU02,Z,94,có\nU03,B,95,không\n");
    for i in 4..=10 {
        csv.push_str(&format!("U{i:02},N{i},10,không\n"));
    }
    let (set, e) = run(&toml, &csv);
    // full_max = 101; U01 = 100, U02 = 95 (met 2), U03 = 95 (met 1).
    // 10 units → 2 places: U01 and U02 (ranked 2nd by met, though "Z" > "B").
    assert_eq!(
        table(&set, &e)[..3],
        [("U01", 1, "TOP"), ("U02", 2, "TOP"), ("U03", 3, "REST")]
    );
}

#[test]
fn a_demoted_unit_falls_to_the_next_rating_whose_conditions_it_meets() {
    let toml = scored_by_value(
        "",
        "",
        "
[[gates]]
id = \"G\"
title = \"gate\"
indicator = \"g\"
rule = \"at_most\"
max = 0

[[ratings]]
id = \"TOP\"
title = \"top, no gate needed\"
min_score = 90
quota = 0.1

[[ratings]]
id = \"MID\"
title = \"mid, every gate\"
min_score = 90
all_gates = true

[[ratings]]
id = \"LOW\"
title = \"low\"
min_score = 50

[[ratings]]
id = \"NONE\"
title = \"none\"
",
    );
    // 3 units → floor(0.1 × 3) = 0 places. Both 95s qualify for TOP before
    // quotas; U1 passes the gate and drops to MID, U2 fails it and drops
    // past MID to LOW.
    let (set, e) = run(&toml, "ma,ten,d,g\nU1,Một,95,0\nU2,Hai,95,1\nU3,Ba,40,0\n");
    let u1 = unit(&e, "U1");
    assert_eq!((before(&set, u1), rating(&set, u1)), ("TOP", "MID"));
    let u2 = unit(&e, "U2");
    assert_eq!((before(&set, u2), rating(&set, u2)), ("TOP", "LOW"));
    assert_eq!(rating(&set, unit(&e, "U3")), "NONE");
}

#[test]
fn quotas_on_two_ratings_apply_best_first() {
    // TOP ≥ 90 (quota 0.2 of all), GOOD ≥ 70 (quota 0.3 of all), OK.
    let toml = scored_by_value(
        "",
        "",
        "
[[ratings]]
id = \"TOP\"
title = \"top\"
min_score = 90
quota = 0.2

[[ratings]]
id = \"GOOD\"
title = \"good\"
min_score = 70
quota = 0.3

[[ratings]]
id = \"OK\"
title = \"ok\"
",
    );
    // 10 units: TOP gets floor(2) = 2 (U01, U02); U03, U04 fall to GOOD and
    // compete there with U05, U06: GOOD gets floor(3) = 3 in rank order:
    // U03, U04, U05; U06 (75) falls to OK.
    let (set, e) = run(&toml, &ten_units());
    let got: Vec<&str> = e.units.iter().map(|u| rating(&set, u)).collect();
    assert_eq!(
        got,
        [
            "TOP", "TOP", "GOOD", "GOOD", "GOOD", "OK", "OK", "OK", "OK", "OK"
        ]
    );
    assert_eq!(before(&set, unit(&e, "U06")), "GOOD");
}

#[test]
fn quota_scope_cluster_applies_the_share_per_cluster() {
    let toml = scored_by_value(
        "",
        "cluster = \"cum\"",
        "
[[ratings]]
id = \"TOP\"
title = \"top\"
min_score = 90
quota = 0.5
quota_scope = \"cluster\"

[[ratings]]
id = \"REST\"
title = \"rest\"
",
    );
    // Cluster X: 4 units → floor(0.5 × 4) = 2: X1 (99), X2 (98); X3 (97) not.
    // Cluster Y: 2 units → 1: Y2 (92); Y1 (91) not.
    // (With scope "all": 6 units → 3 places: X1, X2, X3, and no Y unit.)
    let csv = "ma,ten,cum,d
X1,Xa,X,99
X2,Xb,X,98
X3,Xc,X,97
X4,Xd,X,10
Y1,Ya,Y,91
Y2,Yb,Y,92
";
    let (set, e) = run(&toml, csv);
    let tops: Vec<&str> = e
        .units
        .iter()
        .filter(|u| rating(&set, u) == "TOP")
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(tops, ["X1", "X2", "Y2"]);
    assert!(unit(&e, "X3").quota_lowered());
    assert!(unit(&e, "Y1").quota_lowered());

    let (set, e) = run(&toml.replace("quota_scope = \"cluster\"", ""), csv);
    let tops: Vec<&str> = e
        .units
        .iter()
        .filter(|u| rating(&set, u) == "TOP")
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(tops, ["X1", "X2", "X3"]);
}

#[test]
fn cluster_quota_ties_use_the_cluster_rank() {
    let toml = scored_by_value(
        "",
        "cluster = \"cum\"",
        "
[[ratings]]
id = \"TOP\"
title = \"top\"
min_score = 90
quota = 0.5
quota_scope = \"cluster\"

[[ratings]]
id = \"REST\"
title = \"rest\"
",
    );
    // Cluster X, 4 units → 2 places: X1 (99) takes one; X2 and X3 tie at 95
    // and cannot both fit: neither. Cluster Y, 2 units → 1 place: Y1.
    let csv = "ma,ten,cum,d
X1,Xa,X,99
X2,Xb,X,95
X3,Xc,X,95
X4,Xd,X,10
Y1,Ya,Y,95
Y2,Yb,Y,20
";
    let (set, e) = run(&toml, csv);
    let tops: Vec<&str> = e
        .units
        .iter()
        .filter(|u| rating(&set, u) == "TOP")
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(tops, ["X1", "Y1"]);
}

// ---------------------------------------------------------------- ranking

#[test]
fn shared_ranks_skip_the_next() {
    let toml = scored_by_value("", "", "[[ratings]]\nid = \"A\"\ntitle = \"a\"\n");
    let (_, e) = run(
        &toml,
        &rows(&[
            ("U1", "A", "90"),
            ("U2", "B", "90"),
            ("U3", "C", "80"),
            ("U4", "D", "70"),
            ("U5", "E", "70"),
            ("U6", "G", "60"),
        ]),
    );
    let ranks: Vec<u32> = e.units.iter().map(|u| u.rank).collect();
    assert_eq!(ranks, [1, 1, 3, 4, 4, 6]);
}

#[test]
fn tie_break_keys_in_order() {
    let toml = format!(
        "{}
[[groups]]
id = \"A\"
title = \"a\"

[[groups]]
id = \"B\"
title = \"b\"

[[gates]]
id = \"G\"
title = \"gate\"
indicator = \"g\"
rule = \"at_most\"
max = 0

[[criteria]]
id = \"K1\"
group = \"A\"
title = \"k1\"
indicator = \"k1\"
points = 10
pass = 5
rule = \"direct\"

[[criteria]]
id = \"K2\"
group = \"B\"
title = \"k2\"
indicator = \"k2\"
points = 10
pass = 5
rule = \"direct\"

[[criteria]]
id = \"K3\"
group = \"B\"
title = \"k3\"
indicator = \"k3\"
points = 10
pass = 5
rule = \"direct\"

[[ratings]]
id = \"ALL\"
title = \"all\"

[ranking]
order = [\"score\", \"met\", \"gates\", \"group:B\", \"criterion:K2\"]
",
        head("", "")
    );
    // Every unit scores 20. Names run against the expected order so that the
    // name tie-break alone would give the reverse.
    //        K1 K2 K3  met gates  B  K2
    // UC "E"  5 10  5   3    0   15  10   → 1 (B 15, K2 10)
    // UD "D"  5  5 10   3    0   15   5   → 2 (B 15, K2 5)
    // U1 "C" 10  5  5   3    0   10   5   → 3 (B 10)
    // UB "B" 10  5  5   3    1   10   5   → 4 (a failed gate)
    // UA "A" 10 10  0   2    0   10  10   → 5 (met 2)
    let csv = "ma,ten,k1,k2,k3,g
UA,A,10,10,0,0
UB,B,10,5,5,1
U1,C,10,5,5,0
UD,D,5,5,10,0
UC,E,5,10,5,0
";
    let (set, e) = run(&toml, csv);
    assert!(e.units.iter().all(|u| u.score == d("20")));
    assert_eq!(
        table(&set, &e),
        [
            ("UC", 1, "ALL"),
            ("UD", 2, "ALL"),
            ("U1", 3, "ALL"),
            ("UB", 4, "ALL"),
            ("UA", 5, "ALL")
        ]
    );
}

#[test]
fn equal_ranks_are_listed_in_vietnamese_order() {
    let toml = scored_by_value("", "", "[[ratings]]\nid = \"A\"\ntitle = \"a\"\n");
    // All tied. Vietnamese: d < đ < e …, so "Dương" < "Đông Vĩnh" < "Hồng Sơn";
    // byte order would put "Đông Vĩnh" (U+0110) after "Hồng Sơn".
    let (_, e) = run(
        &toml,
        &rows(&[
            ("V1", "Hồng Sơn", "50"),
            ("V2", "Đông Vĩnh", "50"),
            ("V3", "Dương", "50"),
            ("V4", "Ân Thi", "50"),
            ("V5", "An Lão", "50"),
        ]),
    );
    let names: Vec<&str> = e.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(
        names,
        ["An Lão", "Ân Thi", "Dương", "Đông Vĩnh", "Hồng Sơn"]
    );
    assert!(e.units.iter().all(|u| u.rank == 1));
}

#[test]
fn cluster_ranks_are_computed_within_each_cluster() {
    let toml = scored_by_value(
        "",
        "cluster = \"cum\"",
        "[[ratings]]\nid = \"A\"\ntitle = \"a\"\n",
    );
    let csv = "ma,ten,cum,d
X1,Xa,Cụm 1,90
X2,Xb,Cụm 1,80
X3,Xc,Cụm 1,80
Y1,Ya,Cụm 2,85
Y2,Yb,Cụm 2,70
";
    let (_, e) = run(&toml, csv);
    // Overall: 90 → 1, 85 → 2, 80, 80 → 3, 3, 70 → 5.
    // Cụm 1: 90 → 1, 80, 80 → 2, 2. Cụm 2: 85 → 1, 70 → 2.
    let got: Vec<(&str, u32, Option<u32>)> = e
        .units
        .iter()
        .map(|u| (u.id.as_str(), u.rank, u.cluster_rank))
        .collect();
    assert_eq!(
        got,
        [
            ("X1", 1, Some(1)),
            ("Y1", 2, Some(1)),
            ("X2", 3, Some(2)),
            ("X3", 3, Some(2)),
            ("Y2", 5, Some(2)),
        ]
    );
}

#[test]
fn without_a_cluster_column_there_is_no_cluster_rank() {
    let toml = scored_by_value("", "", "[[ratings]]\nid = \"A\"\ntitle = \"a\"\n");
    let (_, e) = run(&toml, &rows(&[("U1", "A", "1")]));
    assert_eq!(e.units[0].cluster_rank, None);
    assert_eq!(e.units[0].cluster, None);
}

// ---------------------------------------------------------------- explain

#[test]
fn explain_says_when_a_quota_blocked_the_rating() {
    let (set, e) = run(&quota_set("quota = 0.2\nquota_of = \"GOOD\""), &ten_units());
    // U02 (98) was lowered by the quota (see the quota test): TOP is blocked
    // by the quota only, and there are no points to gain for it.
    let u = unit(&e, "U02");
    let x = explain(&set, u);
    assert_eq!(x.above.len(), 1);
    assert_eq!(x.above[0].rating, RatingIdx::BEST);
    assert!(x.above[0].by_quota);
    assert!(x.above[0].shortfalls.is_empty());
    assert_eq!(x.next, Some(RatingIdx::BEST));
    assert_eq!(x.points_needed, Decimal::ZERO);
    // U06 (75): GOOD; TOP needs 90: 15 points short, not a quota matter.
    let x = explain(&set, unit(&e, "U06"));
    assert_eq!(x.above.len(), 1);
    assert!(!x.above[0].by_quota);
    assert_eq!(
        x.above[0].shortfalls,
        [Shortfall::Score {
            min: d("90"),
            short_by: d("15")
        }]
    );
    assert_eq!(x.points_needed, d("15"));
    // U08 (60): OK; above: TOP (short 30) and GOOD (short 10); next is GOOD.
    let x = explain(&set, unit(&e, "U08"));
    assert_eq!(x.above.len(), 2);
    assert_eq!(x.next.map(RatingIdx::position), Some(1));
    assert_eq!(x.points_needed, d("10"));
    // U01: the best rating: nothing above.
    let x = explain(&set, unit(&e, "U01"));
    assert!(x.above.is_empty());
    assert_eq!(x.next, None);
    assert_eq!(x.points_needed, Decimal::ZERO);
}

#[test]
fn explain_lists_every_shortfall_of_a_rating() {
    let toml = format!(
        "{}{THREE_YES}
[[gates]]
id = \"G\"
title = \"gate\"
indicator = \"g\"
rule = \"at_most\"
max = 0

[[ratings]]
id = \"TOP\"
title = \"top\"
min_score = 3
all_gates = true
min_met = 3
all_met = true
required = [\"K3\", \"K2\"]

[[ratings]]
id = \"REST\"
title = \"rest\"
",
        head("", "")
    );
    let (set, e) = run(&toml, "ma,ten,a,b,c,g\nU1,Một,có,không,không,2\n");
    let u = unit(&e, "U1");
    // Score 1 (K1 only), 1 met; gate G failed; K2 and K3 unmet.
    let x = explain(&set, u);
    assert_eq!(
        x.above[0].shortfalls,
        [
            Shortfall::Score {
                min: d("3"),
                short_by: d("2")
            },
            Shortfall::Gates { failed: vec![0] },
            Shortfall::MinMet { min: 3, met: 1 },
            Shortfall::AllMet {
                unmet: vec![criterion(&set, 1), criterion(&set, 2)]
            },
            Shortfall::Required {
                unmet: vec![criterion(&set, 2), criterion(&set, 1)]
            },
        ]
    );
    assert!(!x.above[0].by_quota);
    assert_eq!(x.points_needed, d("2"));
}

#[test]
fn explain_gains_are_sorted_with_full_points_targets() {
    let toml = format!(
        "{}
[[criteria]]
id = \"L\"
title = \"linear\"
indicator = \"l\"
points = 4
rule = \"linear\"
zero = 0
full = 100

[[criteria]]
id = \"Y\"
title = \"yes\"
indicator = \"y\"
points = 3
rule = \"yes\"

[[criteria]]
id = \"M\"
title = \"at most\"
indicator = \"m\"
rule = \"at_most\"
max = 0

[[criteria]]
id = \"V\"
title = \"levels\"
indicator = \"v\"
points = 2
rule = \"levels\"
levels = {{ \"Tốt\" = 2, \"Khá\" = 1, \"Kém\" = 0 }}

[[criteria]]
id = \"D\"
title = \"direct, full\"
indicator = \"dd\"
points = 5
rule = \"direct\"

[[criteria]]
id = \"N\"
title = \"n/a\"
indicator = \"n\"
points = 6
rule = \"at_least\"
min = 1
allow_na = true

[[criteria]]
id = \"X\"
title = \"deduct\"
indicator = \"x\"
points = 2
rule = \"deduct\"
per = 1

[[criteria]]
id = \"S\"
title = \"steps down\"
indicator = \"s\"
points = 3
rule = \"steps\"
steps = [{{ at_most = 0, points = 3 }}, {{ at_most = 2, points = 1 }}]

[[criteria]]
id = \"B\"
title = \"linear, lower is better\"
indicator = \"b\"
points = 1.5
rule = \"linear\"
zero = 10
full = 0

[[ratings]]
id = \"TOP\"
title = \"top\"
min_score = 100

[[ratings]]
id = \"REST\"
title = \"rest\"
",
        head("", "")
    );
    // L 4 × 50% = 2 (gain 2); Y 0 (gain 3); M 0 (gain 1); V Khá 1 (gain 1);
    // D 5 of 5 (no gain); N N/A (left out); X 2 − 1 = 1 (gain 1);
    // S value 1 → 1 (gain 2); B 1.5 × (10 − 5) ÷ 10 = 0.75 (gain 0.75).
    let (set, e) = run(
        &toml,
        "ma,ten,l,y,m,v,dd,n,x,s,b\nU1,Một,50,không,3,Khá,5,N/A,1,1,5\n",
    );
    let x = explain(&set, unit(&e, "U1"));
    let got: Vec<(&str, Decimal, Target)> = x
        .gains
        .iter()
        .map(|g| {
            (
                set.criterion(g.criterion).id.as_str(),
                g.gain,
                g.target.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Y", d("3"), Target::Yes),
            ("L", d("2"), Target::AtLeast(d("100"))),
            ("S", d("2"), Target::AtMost(d("0"))),
            ("M", d("1"), Target::AtMost(d("0"))),
            ("V", d("1"), Target::Label("Tốt".into())),
            ("X", d("1"), Target::AtMost(d("0"))),
            ("B", d("0.75"), Target::AtMost(d("0"))),
        ]
    );
    // earned 2 + 0 + 0 + 1 + 5 + 1 + 1 + 0.75 = 10.75; full 27.5, applicable
    // 27.5 − 6 = 21.5: base 10.75 × 27.5 ÷ 21.5 = 13.75; TOP needs 100.
    let u = unit(&e, "U1");
    assert_eq!(u.earned, d("10.75"));
    assert_eq!(u.applicable_max, d("21.5"));
    assert_eq!(u.score, d("13.75"));
    assert_eq!(x.points_needed, d("86.25"));
}

/// §2: N/A only where allowed, "so no unit can dodge a hard criterion". A
/// derived value too large for a decimal becomes N/A instead, and the unit's
/// base is rescaled without the criterion it failed worst.
#[test]
fn an_overflowing_derived_value_does_not_make_a_hard_criterion_not_applicable() {
    let toml = format!(
        "{}
[[indicators]]
id = \"bien_dong\"
change = [\"nay\", \"truoc\"]

[[criteria]]
id = \"B1\"
title = \"crime must not rise\"
indicator = \"bien_dong\"
points = 10
rule = \"at_most\"
max = 0

[[criteria]]
id = \"K\"
title = \"k\"
indicator = \"k\"
points = 10
rule = \"direct\"

[[ratings]]
id = \"ALL\"
title = \"all\"
",
        head("", "")
    );
    // 100 × (10^27 − 1) ÷ 1 does not fit in a decimal. Crime rose: B1 earns 0,
    // so the score is 10 of 20 (or the data is rejected); N/A would give
    // 10 × 20 ÷ 10 = 20, full marks.
    let csv = "ma,ten,nay,truoc,k\nU1,Một,1000000000000000000000000000,1,10\n";
    let set = parse_criteria("t.toml", &toml).unwrap();
    let table = read_csv("t.csv", csv, None).unwrap();
    let Ok(data) = bind(&set, &table, DecimalChoice::Detect) else {
        return;
    };
    let e = evaluate(&set, &data, &VietnameseOrder::new()).expect("scores");
    let u = unit(&e, "U1");
    assert_ne!(u.criteria[0].status, Status::NotApplicable);
    assert_eq!(u.score, d("10"));
}

/// The index of the criterion at `position` of `set`.
fn criterion(set: &CriteriaSet, position: usize) -> CriterionIdx {
    set.criterion_indices()
        .nth(position)
        .expect("a criterion there")
}

#[test]
fn points_needed_count_from_below_zero_where_deductions_take_the_score() {
    let toml = format!(
        "{}
[[criteria]]
id = \"C1\"
title = \"direct\"
indicator = \"diem\"
rule = \"direct\"
points = 10

[[adjustments]]
id = \"R1\"
title = \"vi phạm\"
indicator = \"vp\"
kind = \"deduction\"
per = 1.5

[[ratings]]
id = \"TOT\"
title = \"Tốt\"
min_score = 9

[[ratings]]
id = \"KHAC\"
title = \"Khác\"
",
        head("deduction_cap = 3", "")
    );
    let (set, e) = run(&toml, "ma,ten,diem,vp\nU1,Một,1,3\nU2,Hai,5,0\n");
    // 1 − 3 = −2, held at 0: to reach 9, 11 points, not 9.
    let u = unit(&e, "U1");
    assert_eq!(u.score, Decimal::ZERO);
    assert_eq!(explain(&set, u).points_needed, d("11"));
    // A score that was not held at 0 counts from itself.
    assert_eq!(explain(&set, unit(&e, "U2")).points_needed, d("4"));
}
