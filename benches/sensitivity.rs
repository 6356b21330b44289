//! Sensitivity at the scale the issue names: 1,000 units, many perturbed
//! rescorings, on all cores (`cargo bench --bench sensitivity`).
//!
//! One sample is 100 runs over 1,000 generated units; 1,000 runs cost ten
//! times that. The whole-process equivalent:
//!
//! ```text
//! cargo run --release --example gen -- --units 1000 --seed 1 > /tmp/u1000.csv
//! time target/release/wardscore sensitivity benches/bench-set.toml /tmp/u1000.csv --runs 1000 -f csv -o /tmp/s.csv
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;
use wardscore::collate::VietnameseOrder;
use wardscore::engine::sensitivity::{Variation, sensitivity};
use wardscore::load::data::{ReadOptions, read_data};
use wardscore::load::parse_criteria;

#[allow(dead_code)]
#[path = "gen/gen.rs"]
mod generator;

fn bench_sensitivity(c: &mut Criterion) {
    let set = parse_criteria("bench-set.toml", include_str!("bench-set.toml")).expect("valid set");
    let mut csv = Vec::new();
    generator::generate(1_000, 1, &mut csv).expect("writing to memory");
    let data =
        read_data(&set, "gen.csv", csv.as_slice(), &ReadOptions::default()).expect("valid data");
    let order = VietnameseOrder::new();
    let variation = Variation {
        points: Decimal::new(1, 1),
        thresholds: Decimal::new(2, 2),
    };
    let mut group = c.benchmark_group("sensitivity");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("100 runs x 1000 units", |b| {
        b.iter(|| {
            sensitivity(
                &set,
                black_box(&data),
                &order,
                100,
                7,
                variation,
                Decimal::new(1, 1),
                &|_| {},
            )
            .expect("scores")
        })
    });
    group.finish();
}

criterion_group!(benches, bench_sensitivity);
criterion_main!(benches);
