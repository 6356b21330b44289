//! Criterion benchmarks of the library alone (no process start, no output):
//!
//! - `load/N`: `load::data::read_data` on N units of generated CSV, from memory;
//! - `evaluate/N`: `engine::evaluate` (score, rank, rate) on those units,
//!   loaded once beforehand;
//! - `stream/N`: what `score -f csv` does before writing: read, bind and
//!   score on two threads into compact results, then rank and rate
//!   (`engine::compact::score_alongside` over `load::data::read_data_each`);
//! - `parse_criteria`: parsing and validating `benches/bench-set.toml`.
//!
//! The data comes from the generator (`benches/gen/gen.rs`) with seed 1; it is
//! generated in-process so the bench needs no files:
//!
//! ```text
//! cargo bench --bench engine
//! cargo bench --bench engine -- evaluate      # one group only
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use wardscore::collate::VietnameseOrder;
use wardscore::engine;
use wardscore::load::data::{ReadOptions, read_data, read_data_each};
use wardscore::load::parse_criteria;
use wardscore::model::CriteriaSet;

// The generator, as a module: its `main` is unused here.
#[allow(dead_code)]
#[path = "gen/gen.rs"]
mod generator;

fn csv(units: u64, seed: u64) -> Vec<u8> {
    let mut out = Vec::new();
    generator::generate(units, seed, &mut out).expect("writing to memory");
    out
}

const SET: &str = include_str!("bench-set.toml");
const SIZES: [u64; 2] = [1_000, 10_000];

fn set() -> CriteriaSet {
    parse_criteria("benches/bench-set.toml", SET).expect("the bench set is valid")
}

fn bench_parse_criteria(c: &mut Criterion) {
    c.bench_function("parse_criteria", |b| {
        b.iter(|| parse_criteria("bench-set.toml", black_box(SET)).expect("valid"))
    });
}

fn bench_load(c: &mut Criterion) {
    let set = set();
    let mut group = c.benchmark_group("load");
    for units in SIZES {
        let csv = csv(units, 1);
        group.throughput(Throughput::Elements(units));
        group.bench_with_input(BenchmarkId::from_parameter(units), &csv, |b, csv| {
            b.iter(|| {
                read_data(
                    &set,
                    "units.csv",
                    black_box(csv.as_slice()),
                    &ReadOptions::default(),
                )
                .expect("generated data is valid")
            })
        });
    }
    group.finish();
}

fn bench_evaluate(c: &mut Criterion) {
    let set = set();
    let order = VietnameseOrder::new();
    let mut group = c.benchmark_group("evaluate");
    for units in SIZES {
        let csv = csv(units, 1);
        let data = read_data(&set, "units.csv", csv.as_slice(), &ReadOptions::default())
            .expect("generated data is valid");
        group.throughput(Throughput::Elements(units));
        group.bench_with_input(BenchmarkId::from_parameter(units), &data, |b, data| {
            b.iter(|| engine::evaluate(&set, black_box(data), &order).expect("scores"))
        });
    }
    group.finish();
}

fn bench_stream(c: &mut Criterion) {
    let set = set();
    let order = VietnameseOrder::new();
    let mut group = c.benchmark_group("stream");
    for units in SIZES {
        let csv = csv(units, 1);
        group.throughput(Throughput::Elements(units));
        group.bench_with_input(BenchmarkId::from_parameter(units), &csv, |b, csv| {
            b.iter(|| {
                let (_, scoring) = engine::compact::score_alongside(
                    &set,
                    wardscore::model::Keep::Points,
                    |sink| {
                        let options = ReadOptions::default();
                        read_data_each(&set, "units.csv", black_box(csv.as_slice()), &options, sink)
                    },
                )
                .expect("generated data is valid");
                scoring.finish(&order).expect("scores")
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(20);
    targets = bench_parse_criteria, bench_load, bench_evaluate, bench_stream
}
criterion_main!(benches);
