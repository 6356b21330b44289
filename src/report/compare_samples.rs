//! Comparisons of the shipped examples for the renderers' tests: with no
//! unit, one and many; units in some versions only; units not considered,
//! downgrades and quotas in the next rating; a unit's criteria side by
//! side; merged units.

use crate::collate::VietnameseOrder;
use crate::engine::compare::{Comparison, Version, compare};
use crate::model::{CompactEvaluation, CriteriaSet, Dataset, Keep, LineageLink};

fn root() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shipped(id: &str) -> CriteriaSet {
    let (file, source) = crate::load::shipped::find(id).expect("a shipped set");
    crate::load::parse_criteria(file, source).expect("a valid set")
}

fn data_csv(set: &CriteriaSet, csv: &str, units: usize) -> Dataset {
    let mut data = crate::load::data::read_data(set, "t.csv", csv.as_bytes(), &Default::default())
        .expect("valid data");
    data.units.truncate(units);
    data
}

fn data(set: &CriteriaSet, path: &str) -> Dataset {
    let csv = std::fs::read_to_string(root().join(path)).expect("the data");
    data_csv(set, &csv, usize::MAX)
}

/// Versions ranked in the store, compared for every unit or with one
/// unit's criteria side by side, with merged units when it has links.
pub(super) struct Sample {
    pub(super) set: CriteriaSet,
    labels: Vec<&'static str>,
    evals: Vec<CompactEvaluation>,
    detail: Option<String>,
    links: Option<Vec<LineageLink>>,
}

impl Sample {
    pub(super) fn comparison(&self) -> Comparison<'_> {
        let refs: Vec<Version<'_>> = self
            .labels
            .iter()
            .zip(&self.evals)
            .map(|(&label, eval)| Version {
                label,
                set: &self.set,
                eval,
            })
            .collect();
        let mut c = compare(&refs, self.detail.as_deref()).expect("compares");
        if let Some(links) = &self.links {
            c.lineage = crate::engine::lineage::merged_units(&c.units, links).expect("scores");
        }
        c
    }
}

/// The versions compared, once for every unit and once for each unit of
/// `details` side by side; with the merged units of `links` when given.
fn compared(
    set: &CriteriaSet,
    versions: &[(&'static str, &Dataset)],
    details: &[&str],
    links: Option<&[LineageLink]>,
) -> Vec<Sample> {
    let order = VietnameseOrder::new();
    std::iter::once(None)
        .chain(details.iter().map(|d| Some(d.to_string())))
        .map(|detail| Sample {
            set: set.clone(),
            labels: versions.iter().map(|(label, _)| *label).collect(),
            evals: versions
                .iter()
                .map(|(_, data)| {
                    crate::engine::compact::rank_dataset(set, data, Keep::Values, &order)
                        .expect("scores")
                })
                .collect(),
            detail,
            links: links.map(<[LineageLink]>::to_vec),
        })
        .collect()
}

/// Every sample, with the set it was compared on.
pub(super) fn samples() -> Vec<Sample> {
    let mut out = Vec::new();
    let set = shipped("thi-dua-cuoi-nam");
    let (_, a) = crate::load::shipped::repeated_example("thi-dua-cuoi-nam", "thi-dua-2023.csv", 6);
    let (_, c) =
        crate::load::shipped::repeated_example("thi-dua-cuoi-nam", "thi-dua-binh-xet.csv", 6);
    for (units_a, units_c) in [(0, 0), (1, 0), (1, 1), (7, 12), (usize::MAX, usize::MAX)] {
        let (a, c) = (data_csv(&set, &a, units_a), data_csv(&set, &c, units_c));
        let detail = a.units.first().map(|u| u.id.clone());
        let details: Vec<&str> = detail.as_deref().into_iter().collect();
        out.extend(compared(
            &set,
            &[("a", &a), ("c", &c), ("a", &a)],
            &details,
            None,
        ));
    }

    let kieu_mau = shipped("cong-an-phuong-kieu-mau");
    let periods = [
        "examples/cua-lo-2023.csv",
        "examples/cua-lo-2024.csv",
        "examples/cua-lo-2025.csv",
    ]
    .map(|p| data(&kieu_mau, p));
    let ids = |d: &[&Dataset]| {
        d.iter()
            .flat_map(|d| d.units.iter().map(|u| u.id.clone()))
            .collect::<Vec<_>>()
    };
    let (old, new) = (ids(&[&periods[0], &periods[1]]), ids(&[&periods[2]]));
    let bytes = std::fs::read(root().join("examples/sap-nhap.csv")).expect("the file");
    let table =
        crate::load::table::read_csv_bytes("sap-nhap.csv", &bytes, None, None).expect("a table");
    let links = crate::load::lineage::lineage(
        &table,
        |id| old.iter().any(|o| o == id),
        |id| new.iter().any(|n| n == id),
    )
    .expect("a valid lineage list");
    let versions = [
        ("2023", &periods[0]),
        ("2024", &periods[1]),
        ("2025", &periods[2]),
    ];
    out.extend(compared(&kieu_mau, &versions, &[], Some(&links)));
    out.extend(compared(&kieu_mau, &versions[1..], &[], None));
    assert_met(&out);
    out
}

/// Sensitivity analyses for the renderers' tests: with no unit, one and
/// many; clusters, units not considered, downgrades in the next rating,
/// flagged units.
pub(super) fn sensitivities() -> Vec<(CriteriaSet, crate::engine::sensitivity::Sensitivity)> {
    use crate::engine::sensitivity::{Variation, sensitivity};
    use rust_decimal::Decimal;
    let order = VietnameseOrder::new();
    let (set, csv) =
        crate::load::shipped::repeated_example("thi-dua-cuoi-nam", "thi-dua-binh-xet.csv", 6);
    let all = data_csv(&set, &csv, usize::MAX);
    let variation = Variation {
        points: Decimal::new(2, 1),
        thresholds: Decimal::new(1, 1),
    };
    let out: Vec<_> = [0, 1, 9, all.units.len()]
        .into_iter()
        .map(|units| {
            let mut data = all.clone();
            data.units.truncate(units);
            let s = sensitivity(
                &set,
                &data,
                &order,
                30,
                7,
                variation,
                Decimal::new(5, 2),
                &|_| {},
            )
            .expect("scores");
            (set.clone(), s)
        })
        .collect();
    let units = || out.iter().flat_map(|(_, s)| &s.units);
    assert!(units().any(|u| u.excluded));
    assert!(units().any(|u| u.flagged));
    assert!(units().any(|u| u.cluster.is_some()));
    assert!(units().any(|u| u.next.as_ref().is_some_and(|n| n.by_downgrade)));
    out
}

/// What the samples hold, so that agreeing on them is not agreeing on
/// nothing.
fn assert_met(samples: &[Sample]) {
    let comparisons: Vec<Comparison<'_>> = samples.iter().map(Sample::comparison).collect();
    let units: Vec<Vec<crate::engine::compare::UnitComparison>> = comparisons
        .iter()
        .map(|c| c.units.iter().collect::<Result<_, _>>().expect("scores"))
        .collect();
    let all = || units.iter().flatten();
    let figures = || all().flat_map(|u| u.figures.iter().flatten());
    let next = || figures().filter_map(|f| f.next.as_ref());
    assert!(units.iter().any(Vec::is_empty));
    assert!(all().count() > 100);
    assert!(comparisons.iter().any(|c| c.detail.is_some()));
    assert!(comparisons.iter().any(|c| !c.lineage.is_empty()));
    assert!(comparisons.iter().any(|c| c.summary.in_some > 0));
    assert!(all().any(|u| u.cluster.is_some()));
    assert!(all().any(|u| !u.movers.is_empty()));
    assert!(figures().any(|f| f.excluded));
    assert!(next().any(|n| n.by_quota) && next().any(|n| n.by_downgrade));
}
