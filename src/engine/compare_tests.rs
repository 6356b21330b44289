//! The comparison read from the one result store is the comparison every
//! version's full results gave: the full-results comparison is kept here
//! as the oracle, and the shipped examples (periods, rule versions,
//! what-if, review stages, merged units) go through both.

use super::*;
use crate::collate::VietnameseOrder;
use crate::engine::compact::rank_dataset;
use crate::load::data::{DecimalChoice, ReadOptions, read_data};
use crate::load::stages::{StageTable, merge};
use crate::load::table::read_csv_bytes;
use crate::model::{Dataset, Evaluation, Keep, LineageLink};

fn root() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shipped(id: &str) -> CriteriaSet {
    let (file, source) = crate::load::shipped::find(id).expect("a shipped set");
    crate::load::parse_criteria(file, source).expect("a valid set")
}

fn set_file(path: &str) -> CriteriaSet {
    let text = std::fs::read_to_string(root().join(path)).expect("the set");
    crate::load::parse_criteria(path, &text).expect("a valid set")
}

fn what_if(set: &CriteriaSet, overrides: &[&str]) -> CriteriaSet {
    let overrides: Vec<String> = overrides.iter().map(|o| o.to_string()).collect();
    crate::load::overrides::apply_overrides(set, &overrides).expect("valid overrides")
}

fn data_csv(set: &CriteriaSet, csv: &str) -> Dataset {
    read_data(set, "t.csv", csv.as_bytes(), &ReadOptions::default()).expect("valid data")
}

fn data(set: &CriteriaSet, path: &str) -> Dataset {
    let csv = std::fs::read_to_string(root().join(path)).expect("the data");
    data_csv(set, &csv)
}

fn table(path: &str) -> crate::load::table::RawTable {
    let bytes = std::fs::read(root().join(path)).expect("the file");
    read_csv_bytes(path, &bytes, None, None).expect("a table")
}

/// A comparison with every unit worked out: what the oracle gives, and
/// what the one read from the store is compared with.
#[derive(Debug, PartialEq)]
struct Whole {
    labels: Vec<String>,
    ratings_comparable: bool,
    units: Vec<UnitComparison>,
    summary: Summary,
    detail: Option<(String, Vec<CriterionRow>)>,
    lineage: Vec<super::super::lineage::MergedUnit>,
}

/// `c` with every unit worked out.
fn whole(c: &Comparison<'_>) -> Whole {
    Whole {
        labels: c.labels.clone(),
        ratings_comparable: c.ratings_comparable,
        units: c.units.iter().collect::<Result<_, _>>().expect("scores"),
        summary: c.summary.clone(),
        detail: c.detail.clone(),
        lineage: c.lineage.clone(),
    }
}

/// What the differential runs met, so that agreeing is not agreeing on
/// nothing.
#[derive(Default)]
struct Seen {
    units: usize,
    details: usize,
    merged: usize,
    movers: usize,
    by_quota: usize,
    by_downgrade: usize,
    excluded: usize,
    in_some: usize,
}

/// The versions compared through the full results and through the store
/// (keeping points, and keeping values with every unit's criteria side by
/// side), with the merged units of `links` when given: equal, field by field.
fn assert_same(
    versions: &[(&str, &CriteriaSet, &Dataset)],
    links: Option<&[LineageLink]>,
    seen: &mut Seen,
) {
    let order = VietnameseOrder::new();
    let evals: Vec<Evaluation> = versions
        .iter()
        .map(|(_, set, data)| super::super::evaluate(set, data, &order).expect("scores"))
        .collect();
    let full_versions: Vec<full::Version<'_>> = versions
        .iter()
        .zip(&evals)
        .map(|(&(label, set, _), eval)| full::Version { label, set, eval })
        .collect();
    let expected = |detail: Option<&str>| {
        let mut c = full::compare(&full_versions, detail);
        if let Some(links) = links {
            c.lineage = full::merged_units(&full_versions, links);
        }
        c
    };
    for keep in [Keep::Points, Keep::Values] {
        let stores: Vec<CompactEvaluation> = versions
            .iter()
            .map(|(_, set, data)| rank_dataset(set, data, keep, &order).expect("scores"))
            .collect();
        let store_versions: Vec<Version<'_>> = versions
            .iter()
            .zip(&stores)
            .map(|(&(label, set, _), eval)| Version { label, set, eval })
            .collect();
        let got = |detail: Option<&str>| {
            let mut c = compare(&store_versions, detail).expect("scores");
            if let Some(links) = links {
                c.lineage = super::super::lineage::merged_units(&c.units, links).expect("scores");
            }
            whole(&c)
        };
        let whole = expected(None);
        assert_eq!(got(None), whole, "{keep:?}");
        if keep == Keep::Values {
            for u in &whole.units {
                let with_detail = expected(Some(&u.id));
                assert!(with_detail.detail.is_some(), "{}", u.id);
                assert_eq!(got(Some(&u.id)), with_detail, "{}", u.id);
                seen.details += 1;
            }
        }
    }
    let whole = expected(None);
    seen.units += whole.units.len();
    seen.merged += whole.lineage.len();
    seen.in_some += whole.summary.in_some;
    for u in &whole.units {
        seen.movers += u.movers.len();
        for f in u.figures.iter().flatten() {
            seen.excluded += usize::from(f.excluded);
            if let Some(next) = &f.next {
                seen.by_quota += usize::from(next.by_quota);
                seen.by_downgrade += usize::from(next.by_downgrade);
            }
        }
    }
}

/// Several periods on one set, and periods whose units differ.
#[test]
fn periods_compare_the_same_from_the_store() {
    let mut seen = Seen::default();
    let kieu_mau = shipped("cong-an-phuong-kieu-mau");
    let periods = [
        "examples/cua-lo-2023.csv",
        "examples/cua-lo-2024.csv",
        "tests/fixtures/cua-lo-2025.csv",
        "examples/cua-lo-2025.csv",
    ]
    .map(|p| data(&kieu_mau, p));
    assert_same(
        &[
            ("2023", &kieu_mau, &periods[0]),
            ("2024", &kieu_mau, &periods[1]),
        ],
        None,
        &mut seen,
    );
    assert_same(
        &[
            ("2023", &kieu_mau, &periods[0]),
            ("2024", &kieu_mau, &periods[1]),
            ("2025", &kieu_mau, &periods[2]),
        ],
        None,
        &mut seen,
    );
    // After the merger: units only before, units only after.
    assert_same(
        &[
            ("2024", &kieu_mau, &periods[1]),
            ("2025", &kieu_mau, &periods[3]),
            ("2023", &kieu_mau, &periods[0]),
        ],
        None,
        &mut seen,
    );
    let thi_dua = shipped("thi-dua-cuoi-nam");
    let [a, b, c] = [
        "examples/thi-dua-2023.csv",
        "examples/thi-dua-2024.csv",
        "examples/thi-dua-binh-xet.csv",
    ]
    .map(|p| data(&thi_dua, p));
    assert_same(
        &[("2023", &thi_dua, &a), ("2024", &thi_dua, &b)],
        None,
        &mut seen,
    );
    // Downgrades, a unit not considered, a shared first place.
    assert_same(
        &[
            ("2023", &thi_dua, &a),
            ("bình xét", &thi_dua, &c),
            ("2024", &thi_dua, &b),
        ],
        None,
        &mut seen,
    );
    // Quotas that bite, in clusters: units held back by the quota alone.
    let (_, many_a) =
        crate::load::shipped::repeated_example("thi-dua-cuoi-nam", "thi-dua-2023.csv", 6);
    let (_, many_c) =
        crate::load::shipped::repeated_example("thi-dua-cuoi-nam", "thi-dua-binh-xet.csv", 6);
    let (many_a, many_c) = (data_csv(&thi_dua, &many_a), data_csv(&thi_dua, &many_c));
    assert_same(
        &[("a", &thi_dua, &many_a), ("c", &thi_dua, &many_c)],
        None,
        &mut seen,
    );
    let an_toan = shipped("an-toan-antt");
    let d = data(&an_toan, "examples/an-toan-2023.csv");
    assert_same(&[("a", &an_toan, &d), ("b", &an_toan, &d)], None, &mut seen);
    assert!(
        seen.units > 100 && seen.details > 100 && seen.movers > 0,
        "{}",
        seen.units
    );
    assert!(seen.in_some > 0 && seen.excluded > 0);
    assert!(
        seen.by_quota > 0 && seen.by_downgrade > 0,
        "{} {}",
        seen.by_quota,
        seen.by_downgrade
    );
}

/// Six versions whose units come and go (in the first and the last, in
/// every other, in the middle only, gone and back), some renamed on the
/// way, with merged units: what the comparison keeps of each version is
/// what the full results give, and a unit's criteria points are kept in
/// its first and last versions only.
#[test]
fn units_that_come_and_go_over_many_versions_compare_the_same() {
    let mut seen = Seen::default();
    let thi_dua = shipped("thi-dua-cuoi-nam");
    let [(_, a), (_, c)] = ["thi-dua-2023.csv", "thi-dua-binh-xet.csv"]
        .map(|f| crate::load::shipped::repeated_example("thi-dua-cuoi-nam", f, 4));
    let (a, c) = (data_csv(&thi_dua, &a), data_csv(&thi_dua, &c));
    let versions: Vec<Dataset> = (0..6usize)
        .map(|v| {
            let mut d = if v % 2 == 0 { a.clone() } else { c.clone() };
            let mut i = 0;
            d.units.retain(|_| {
                i += 1;
                // Unit i is in version v unless this drops it.
                !matches!(
                    (i % 7, v),
                    (1, 1..=4) | (2, 0 | 5) | (3, 2) | (4, 0 | 2 | 4)
                )
            });
            for (i, u) in d.units.iter_mut().enumerate() {
                if (i + v) % 5 == 0 {
                    u.name = format!("{} ({v})", u.name);
                }
            }
            d
        })
        .collect();
    let ids = |d: &Dataset| d.units.iter().map(|u| u.id.clone()).collect::<Vec<_>>();
    let (first, last) = (ids(&versions[0]), ids(&versions[5]));
    let links: Vec<LineageLink> = last
        .iter()
        .zip(first.iter().rev())
        .step_by(3)
        .flat_map(|(new, old)| {
            [old, &first[0]].map(|old| LineageLink {
                old_id: old.clone(),
                new_id: new.clone(),
            })
        })
        .collect();
    let labels = ["v0", "v1", "v2", "v3", "v4", "v5"];
    let listed: Vec<(&str, &CriteriaSet, &Dataset)> = labels
        .iter()
        .zip(&versions)
        .map(|(&l, d)| (l, &thi_dua, d))
        .collect();
    assert_same(&listed, Some(&links), &mut seen);
    assert!(seen.in_some > 20 && seen.movers > 20 && seen.merged > 5);
    // Points kept: a unit's first and last versions, nowhere else.
    let order = VietnameseOrder::new();
    let stores: Vec<CompactEvaluation> = versions
        .iter()
        .map(|d| rank_dataset(&thi_dua, d, Keep::Points, &order).expect("scores"))
        .collect();
    let refs: Vec<Version<'_>> = labels
        .iter()
        .zip(&stores)
        .map(|(&label, eval)| Version {
            label,
            set: &thi_dua,
            eval,
        })
        .collect();
    let c = compare(&refs, None).expect("scores");
    let mut kept = 0;
    for u in c.units.iter() {
        let u = u.expect("scores");
        let present: Vec<usize> = (0..6).filter(|&v| u.figures[v].is_some()).collect();
        for v in 0..6 {
            let ends = present.first() == Some(&v) || present.last() == Some(&v);
            assert_eq!(c.units.keeps_points(v, &u.id), ends, "{} in v{v}", u.id);
            kept += usize::from(ends);
        }
    }
    assert!(kept > c.units.len(), "{kept}");
}

/// One data file under several versions of the rules, and under a what-if.
#[test]
fn rule_versions_and_what_if_compare_the_same_from_the_store() {
    let mut seen = Seen::default();
    let thi_dua = shipped("thi-dua-cuoi-nam");
    let revised = set_file("tests/fixtures/thi-dua-revised.toml");
    let d = data(&thi_dua, "examples/thi-dua-2023.csv");
    assert_same(
        &[("cũ", &thi_dua, &d), ("mới", &revised, &d)],
        None,
        &mut seen,
    );
    let kieu_mau = shipped("cong-an-phuong-kieu-mau");
    let stricter = what_if(&kieu_mau, &["CO_BAN_DAT.min_met=24"]);
    let d = data(&kieu_mau, "examples/cua-lo-2024.csv");
    assert_same(
        &[("gốc", &kieu_mau, &d), ("thử", &stricter, &d)],
        None,
        &mut seen,
    );
    // Scored against the scopes' references, recomputed for each version.
    let relative = set_file("examples/chi-tieu-cum.toml");
    let more = what_if(&relative, &["K1.points=12"]);
    let d = data(&relative, "examples/chi-tieu-2024.csv");
    assert_same(
        &[("gốc", &relative, &d), ("thử", &more, &d)],
        None,
        &mut seen,
    );
    assert!(seen.units > 0 && seen.movers > 0);
}

/// `compare SET --stage … --stage …`: the data as each stage left it.
#[test]
fn review_stages_compare_the_same_from_the_store() {
    let mut seen = Seen::default();
    let set = shipped("cong-an-phuong-kieu-mau");
    let tables: Vec<StageTable> = [
        ("Tự chấm", "examples/stages/tu-cham.csv"),
        ("Thẩm định", "examples/stages/tham-dinh.csv"),
        ("Phúc tra", "examples/stages/phuc-tra.csv"),
    ]
    .into_iter()
    .map(|(label, path)| StageTable {
        label: label.to_string(),
        data_file: path.to_string(),
        sha256: String::new(),
        table: table(path),
    })
    .collect();
    let merged = merge(&set, &tables, DecimalChoice::Detect).expect("the stages merge");
    let as_of: Vec<&Dataset> = merged.staging.as_of.iter().flatten().collect();
    assert_eq!(as_of.len(), 2, "two earlier stages");
    assert_same(
        &[
            ("Tự chấm", &set, as_of[0]),
            ("Thẩm định", &set, as_of[1]),
            ("Phúc tra", &set, &merged.dataset),
        ],
        None,
        &mut seen,
    );
    assert!(seen.units > 0 && seen.movers > 0);
}

/// `--lineage`: each new unit beside the old units it came from.
#[test]
fn merged_units_compare_the_same_from_the_store() {
    let mut seen = Seen::default();
    let set = shipped("cong-an-phuong-kieu-mau");
    let periods = [
        "examples/cua-lo-2023.csv",
        "examples/cua-lo-2024.csv",
        "examples/cua-lo-2025.csv",
    ]
    .map(|p| data(&set, p));
    let ids = |d: &[&Dataset]| {
        d.iter()
            .flat_map(|d| d.units.iter().map(|u| u.id.clone()))
            .collect::<Vec<_>>()
    };
    let (old, new) = (ids(&[&periods[0], &periods[1]]), ids(&[&periods[2]]));
    let links = crate::load::lineage::lineage(
        &table("examples/sap-nhap.csv"),
        |id| old.iter().any(|o| o == id),
        |id| new.iter().any(|n| n == id),
    )
    .expect("a valid lineage list");
    assert_same(
        &[("2024", &set, &periods[1]), ("2025", &set, &periods[2])],
        Some(&links),
        &mut seen,
    );
    assert_same(
        &[
            ("2023", &set, &periods[0]),
            ("2024", &set, &periods[1]),
            ("2025", &set, &periods[2]),
        ],
        Some(&links),
        &mut seen,
    );
    assert!(seen.merged > 0 && seen.in_some > 0);
}

/// What keeps a unit from the next rating, read from the store's standing,
/// is what [`explain`] says from its full result: on every shipped example.
#[test]
fn the_next_rating_from_the_store_is_the_explained_one() {
    let order = VietnameseOrder::new();
    let mut checked = 0;
    for (id, example, copies) in [
        ("cong-an-phuong-kieu-mau", "cua-lo-2023.csv", 1),
        ("an-toan-antt", "an-toan-2023.csv", 1),
        ("thi-dua-cuoi-nam", "thi-dua-2023.csv", 6),
        ("thi-dua-cuoi-nam", "thi-dua-binh-xet.csv", 6),
    ] {
        let (set, csv) = crate::load::shipped::repeated_example(id, example, copies);
        let d = data_csv(&set, &csv);
        let store = rank_dataset(&set, &d, Keep::Points, &order).expect("scores");
        let eval = super::super::evaluate(&set, &d, &order).expect("scores");
        for (u, e) in store.units.iter().zip(&eval.units) {
            assert_eq!(store.store.id(u), e.id);
            let explained = crate::engine::explain::explain(&set, e).next_rating(&set);
            assert_eq!(
                next_rating_in_store(&set, &store, u),
                explained,
                "{id} {}",
                e.id
            );
            checked += 1;
        }
    }
    assert!(checked > 100);
}

fn set(with_k2: bool) -> CriteriaSet {
    let k2 = if with_k2 {
        "[[criteria]]\nid = \"K2\"\ntitle = \"k2\"\nindicator = \"b\"\npoints = 5\nrule = \"direct\"\n"
    } else {
        ""
    };
    let toml = format!(
        "format = 1\n[set]\nid = \"x\"\ntitle = \"x\"\n[columns]\nid = \"ma\"\nname = \"ten\"\n\
         [[criteria]]\nid = \"K1\"\ntitle = \"k1\"\nindicator = \"a\"\npoints = 5\nrule = \"direct\"\n\
         {k2}[[ratings]]\nid = \"R\"\ntitle = \"r\"\n"
    );
    crate::load::parse_criteria("x.toml", &toml).expect("the set loads")
}

/// Ranked in the one store, keeping values for a unit's detail.
fn evaluated(set: &CriteriaSet, csv: &str) -> CompactEvaluation {
    rank_dataset(
        set,
        &data_csv(set, csv),
        Keep::Values,
        &VietnameseOrder::new(),
    )
    .expect("scores")
}

/// A criterion the first version does not have (a rule version that
/// added it) counts 0 there, in the movers and in the detail alike:
/// 0 → 1 → 3 is a change of 3, not 2 (from its first appearance).
#[test]
fn a_criterion_missing_from_the_first_version_changes_the_same_everywhere() {
    let (old, new) = (set(false), set(true));
    let evals = [
        evaluated(&old, "ma,ten,a\nU1,One,2\n"),
        evaluated(&new, "ma,ten,a,b\nU1,One,2,1\n"),
        evaluated(&new, "ma,ten,a,b\nU1,One,3,3\n"),
    ];
    let versions = [
        Version {
            label: "v1",
            set: &old,
            eval: &evals[0],
        },
        Version {
            label: "v2",
            set: &new,
            eval: &evals[1],
        },
        Version {
            label: "v3",
            set: &new,
            eval: &evals[2],
        },
    ];
    let c = compare(&versions, Some("U1")).expect("scores");
    let units = whole(&c).units;
    let unit = &units[0];
    let moved = |id: &str| {
        unit.movers
            .iter()
            .find(|m| m.criterion == id)
            .map(|m| m.change)
    };
    let (_, rows) = c.detail.as_ref().expect("the unit's detail");
    let row = |id: &str| rows.iter().find(|r| r.id == id).and_then(|r| r.change);
    assert_eq!(moved("K2"), Some(Decimal::from(3)));
    assert_eq!(row("K2"), Some(Decimal::from(3)));
    assert_eq!(moved("K1"), Some(Decimal::ONE));
    assert_eq!(row("K1"), Some(Decimal::ONE));
    // The score moved by their sum.
    assert_eq!(unit.score_change, Some(Decimal::from(4)));
}

/// A unit in one version only has nothing to compare: no movers, and
/// its detail shows no change.
#[test]
fn a_unit_in_one_version_has_no_change() {
    let new = set(true);
    let evals = [
        evaluated(&new, "ma,ten,a,b\nU1,One,2,1\n"),
        evaluated(&new, "ma,ten,a,b\nU2,Two,3,3\n"),
    ];
    let versions = [
        Version {
            label: "v1",
            set: &new,
            eval: &evals[0],
        },
        Version {
            label: "v2",
            set: &new,
            eval: &evals[1],
        },
    ];
    let c = compare(&versions, Some("U1")).expect("scores");
    let unit = c.units.find("U1").expect("scores").expect("U1");
    assert!(unit.movers.is_empty());
    assert_eq!(unit.score_change, None);
    let (_, rows) = c.detail.as_ref().expect("the unit's detail");
    assert!(
        rows.iter().all(|r| r.change == Some(Decimal::ZERO)),
        "{rows:?}"
    );
}

/// The comparison as it was made from every version's full results
/// (`engine::evaluate`), before the store: the oracle.
mod full {
    use std::collections::HashMap;

    use super::super::{
        CriterionCell, CriterionRow, Figures, Mover, Summariser, UnitComparison, criterion_change,
    };
    use super::Whole;
    use crate::engine::explain::explain;
    use crate::engine::lineage::{MergedUnit, Predecessor};
    use crate::exact;
    use crate::model::{CriteriaSet, Evaluation, LineageLink, UnitResult};

    #[derive(Debug, Clone, Copy)]
    pub(super) struct Version<'a> {
        pub label: &'a str,
        pub set: &'a CriteriaSet,
        pub eval: &'a Evaluation,
    }

    pub(super) fn figures(set: &CriteriaSet, u: &UnitResult) -> Figures {
        let e = explain(set, u);
        Figures {
            score: u.score,
            rank: u.rank,
            cluster_rank: u.cluster_rank,
            rating: set.rating(u.rating).id.clone(),
            rating_index: u.rating.position(),
            met: u.met,
            applicable: u.applicable,
            next: e.next_rating(set),
            excluded: u.is_excluded(),
        }
    }

    /// Compares the versions unit by unit (matched on id). `detail_unit` (an
    /// id) adds that unit's criteria side by side.
    pub(super) fn compare(versions: &[Version<'_>], detail_unit: Option<&str>) -> Whole {
        let labels = versions.iter().map(|v| v.label.to_string()).collect();
        let ratings_comparable = versions.windows(2).all(|w| {
            let ids = |s: &CriteriaSet| s.ratings.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
            ids(w[0].set) == ids(w[1].set)
        });
        let lookups: Vec<HashMap<&str, &UnitResult>> = versions
            .iter()
            .map(|v| v.eval.units.iter().map(|u| (u.id.as_str(), u)).collect())
            .collect();
        // Order: the last version's ranking, then units only in earlier ones.
        let mut order: Vec<&UnitResult> = Vec::new();
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for v in versions.iter().rev() {
            for u in &v.eval.units {
                if seen.insert(u.id.as_str(), ()).is_none() {
                    order.push(u);
                }
            }
        }
        let units: Vec<UnitComparison> = order
            .iter()
            .map(|first_seen| {
                let id = first_seen.id.as_str();
                let per: Vec<Option<&UnitResult>> =
                    lookups.iter().map(|l| l.get(id).copied()).collect();
                let figures: Vec<Option<Figures>> = versions
                    .iter()
                    .zip(&per)
                    .map(|(v, u)| u.map(|u| figures(v.set, u)))
                    .collect();
                let present: Vec<usize> =
                    (0..versions.len()).filter(|&i| per[i].is_some()).collect();
                let ends = match (present.first(), present.last()) {
                    (Some(&a), Some(&b)) if a != b => Some((a, b)),
                    _ => None,
                };
                let (score_change, rank_change, rating_change, movers) = match ends {
                    Some((a, b)) => {
                        let (ua, ub) = (per[a].map(|u| u.score), per[b].map(|u| u.score));
                        // A unit not considered in either has no place to move from or to.
                        let rank = |u: Option<&UnitResult>| u.and_then(UnitResult::ranked);
                        let rating = |u: Option<&UnitResult>| u.and_then(UnitResult::rated);
                        let (ra, rb) = (rank(per[a]), rank(per[b]));
                        let (ia, ib) = (rating(per[a]), rating(per[b]));
                        (
                            ua.zip(ub).map(|(x, y)| exact::change(x, y)),
                            ra.zip(rb).map(|(x, y)| i64::from(x) - i64::from(y)),
                            if ratings_comparable {
                                ia.zip(ib)
                                    .map(|(x, y)| i64::from(x.stored()) - i64::from(y.stored()))
                            } else {
                                None
                            },
                            movers(versions[a].set, per[a], versions[b].set, per[b]),
                        )
                    }
                    None => (None, None, None, Vec::new()),
                };
                UnitComparison {
                    id: first_seen.id.clone(),
                    name: first_seen.name.clone(),
                    cluster: first_seen.cluster.clone(),
                    figures,
                    score_change,
                    rank_change,
                    rating_change,
                    movers,
                }
            })
            .collect();
        let mut summary = Summariser::new(versions.len());
        units.iter().for_each(|u| summary.add(u));
        let summary = summary.finish();
        let detail = detail_unit.and_then(|id| detail(versions, &units, id));
        Whole {
            labels,
            ratings_comparable,
            units,
            summary,
            detail,
            lineage: Vec::new(),
        }
    }

    fn movers(
        set_a: &CriteriaSet,
        a: Option<&UnitResult>,
        set_b: &CriteriaSet,
        b: Option<&UnitResult>,
    ) -> Vec<Mover> {
        let (Some(a), Some(b)) = (a, b) else {
            return Vec::new();
        };
        let points = |set: &CriteriaSet, u: &UnitResult, id: &str| {
            set.criteria
                .iter()
                .position(|c| c.id == id)
                .map(|i| u.criteria[i].points)
        };
        let mut ids: Vec<(&str, &str)> = set_b
            .criteria
            .iter()
            .map(|c| (c.id.as_str(), c.title.as_str()))
            .collect();
        for c in &set_a.criteria {
            if !ids.iter().any(|(id, _)| *id == c.id) {
                ids.push((&c.id, &c.title));
            }
        }
        let mut list: Vec<Mover> = ids
            .into_iter()
            .filter_map(|(id, title)| {
                let (before, after) = (points(set_a, a, id), points(set_b, b, id));
                let change = criterion_change(before, after).unwrap_or_default();
                (!change.is_zero()).then(|| Mover {
                    criterion: id.to_string(),
                    title: title.to_string(),
                    before,
                    after,
                    change,
                })
            })
            .collect();
        list.sort_by(|x, y| {
            y.change
                .abs()
                .cmp(&x.change.abs())
                .then_with(|| x.criterion.cmp(&y.criterion))
        });
        list.truncate(3);
        list
    }
    fn detail(
        versions: &[Version<'_>],
        units: &[UnitComparison],
        id: &str,
    ) -> Option<(String, Vec<CriterionRow>)> {
        let unit = units.iter().find(|u| u.id == id)?;
        // The first and last versions the unit is in, as for its movers.
        let present: Vec<usize> = (0..versions.len())
            .filter(|&i| versions[i].eval.units.iter().any(|u| u.id == unit.id))
            .collect();
        let ends = present.first().zip(present.last());
        let mut ids: Vec<(String, String)> = Vec::new();
        for v in versions {
            for c in &v.set.criteria {
                if !ids.iter().any(|(id, _)| *id == c.id) {
                    ids.push((c.id.clone(), c.title.clone()));
                }
            }
        }
        let rows = ids
            .into_iter()
            .map(|(id, title)| {
                let cells = versions
                    .iter()
                    .map(|v| {
                        let u = v.eval.units.iter().find(|u| u.id == unit.id)?;
                        let i = v.set.criteria.iter().position(|c| c.id == id)?;
                        let (c, r) = (&v.set.criteria[i], &u.criteria[i]);
                        Some(CriterionCell {
                            value: r.value,
                            rule: c.rule.clone(),
                            unit: c.unit.clone(),
                            points: r.points,
                            max: r.max,
                            status: r.status,
                        })
                    })
                    .collect::<Vec<Option<CriterionCell>>>();
                let points = |i: usize| cells[i].as_ref().map(|c| c.points);
                let change = ends.and_then(|(&a, &b)| criterion_change(points(a), points(b)));
                CriterionRow {
                    id,
                    title,
                    cells,
                    change,
                }
            })
            .collect();
        Some((unit.id.clone(), rows))
    }

    /// The new units the links name, in the last version's rank order.
    pub(super) fn merged_units(versions: &[Version<'_>], links: &[LineageLink]) -> Vec<MergedUnit> {
        let Some((last, earlier)) = versions.split_last() else {
            return Vec::new();
        };
        let lookups: Vec<HashMap<&str, &UnitResult>> = earlier
            .iter()
            .map(|v| v.eval.units.iter().map(|u| (u.id.as_str(), u)).collect())
            .collect();
        last.eval
            .units
            .iter()
            .filter_map(|u| {
                let from: Vec<Predecessor> = links
                    .iter()
                    .filter(|l| l.new_id == u.id)
                    .map(|l| {
                        let found: Vec<Option<&UnitResult>> = lookups
                            .iter()
                            .map(|lookup| lookup.get(l.old_id.as_str()).copied())
                            .collect();
                        let name = found
                            .iter()
                            .rev()
                            .flatten()
                            .next()
                            .map_or_else(String::new, |o| o.name.clone());
                        Predecessor {
                            id: l.old_id.clone(),
                            name,
                            figures: earlier
                                .iter()
                                .zip(&found)
                                .map(|(v, o)| o.map(|o| figures(v.set, o)))
                                .collect(),
                        }
                    })
                    .collect();
                (!from.is_empty()).then(|| MergedUnit {
                    id: u.id.clone(),
                    name: u.name.clone(),
                    now: figures(last.set, u),
                    from,
                })
            })
            .collect()
    }
}

/// A unit whose deductions take it below 0 needs those points back first:
/// the store and the kept comparison say so as `explain` does.
#[test]
fn points_needed_count_from_below_zero_in_the_store_too() {
    let toml = r#"format = 1
[set]
id = "t"
title = "Test"
deduction_cap = 3

[columns]
id = "ma"
name = "ten"

[[criteria]]
id = "C1"
title = "direct"
indicator = "diem"
rule = "direct"
points = 10

[[adjustments]]
id = "R1"
title = "vi phạm"
indicator = "vp"
kind = "deduction"
per = 1.5

[[ratings]]
id = "TOT"
title = "Tốt"
min_score = 9

[[ratings]]
id = "KHAC"
title = "Khác"
"#;
    let set = crate::load::parse_criteria("t.toml", toml).expect("valid");
    let d = data_csv(&set, "ma,ten,diem,vp\nU1,Một,1,3\nU2,Hai,5,0\n");
    let order = VietnameseOrder::new();
    let store = rank_dataset(&set, &d, Keep::Points, &order).expect("scores");
    let eval = super::super::evaluate(&set, &d, &order).expect("scores");
    let needed: Vec<Decimal> = store
        .units
        .iter()
        .zip(&eval.units)
        .map(|(u, e)| {
            let explained = crate::engine::explain::explain(&set, e).next_rating(&set);
            assert_eq!(next_rating_in_store(&set, &store, u), explained, "{}", e.id);
            explained.expect("a next rating").points_needed
        })
        .collect();
    // U2: 9 − 5; U1: 9 − (1 − 3).
    assert_eq!(needed, [Decimal::new(4, 0), Decimal::new(11, 0)]);
    // A comparison keeps it so, version by version.
    let versions = [
        Version {
            label: "2023",
            set: &set,
            eval: &store,
        },
        Version {
            label: "2024",
            set: &set,
            eval: &store,
        },
    ];
    let c = compare(&versions, None).expect("scores");
    for u in c.units.iter() {
        let u = u.expect("scores");
        let want = if u.id == "U1" { 11 } else { 4 };
        for f in u.figures.iter().flatten() {
            let next = f.next.as_ref().expect("a next rating");
            assert_eq!(next.points_needed, Decimal::new(want, 0), "{}", u.id);
        }
    }
}
