//! Many variants from one pass: `simulate` once, a 20-variant `sweep` of the
//! first measure's amount and a `solve` of it, on generated rows under both
//! payroll models. `ROWS` rows (default 100,000; `REVALO_BENCH_ROWS` sets
//! it, 1000000 for the figures of BENCHMARKS.md). Run with
//! `cargo bench --bench variants`.

#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use revalo::cmd::generate::{self, GenerateArgs};
use revalo::domain::{GroupBy, Source};
use revalo::pipeline::{Inputs, SetRange, SolveRequest, Target};
use revalo::report;
use std::hint::black_box;
use std::path::Path;

/// The workload of one payroll model: `revalo generate`'s, with the
/// detailed schedule for `detailed` (as `benches/detailed.sh` makes it).
fn workload(dir: &Path, rows: u64, detailed: bool) {
    generate::run(&GenerateArgs {
        employees: rows,
        seed: 2022,
        out: dir.to_path_buf(),
    })
    .expect("generate");
    if detailed {
        // `generate` writes the payroll schedule beside the flat rates.
        let scenario = dir.join("scenario.toml");
        let text = std::fs::read_to_string(&scenario).expect("scenario");
        let text = text.replacen("years = ", "payroll = \"detailed\"\nyears = ", 1);
        std::fs::write(&scenario, text).expect("scenario");
    }
}

fn variants(c: &mut Criterion) {
    let rows: u64 = std::env::var("REVALO_BENCH_ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(100_000);
    let by = vec![GroupBy::Departement, GroupBy::Year];
    for (model, detailed) in [("flat", false), ("detailed", true)] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        workload(dir.path(), rows, detailed);
        let scenario = Source::disk(dir.path().join("scenario.toml"));
        let mut group = c.benchmark_group(format!("variants/{model}"));
        group.throughput(Throughput::Elements(rows));
        group.sample_size(10);
        group.bench_function(format!("simulate, {rows} rows"), |b| {
            b.iter(|| {
                let inputs = Inputs::load(&scenario, &[]).expect("inputs");
                let r = inputs.report(by.clone(), &mut Vec::new()).expect("report");
                let mut out = Vec::new();
                report::csv::write(&r, &mut out).expect("csv");
                black_box(out)
            })
        });
        // 150.00 to 245.00 € by 5: 20 variants.
        let range: SetRange = "measure.segur-socio-educatif.amount=150..245:5"
            .parse()
            .expect("range");
        group.bench_function(format!("sweep of 20 variants, {rows} rows"), |b| {
            b.iter(|| {
                let inputs = Inputs::load(&scenario, &[]).expect("inputs");
                let sweep = inputs
                    .sweep(
                        &[],
                        std::slice::from_ref(&range),
                        by.clone(),
                        &mut |_| {},
                        &mut Vec::new(),
                    )
                    .expect("sweep");
                let mut out = Vec::new();
                report::sweep::write_csv(&sweep, false, &mut out).expect("csv");
                black_box(out)
            })
        });
        // What 2026 can buy at 1 € a head (a target inside the range).
        let request = SolveRequest {
            measure: "segur-socio-educatif".into(),
            year: Some(2026),
            payer: None,
            by: Vec::new(),
            targets: Target::Each(rust_decimal::Decimal::from(rows)),
        };
        group.bench_function(format!("solve, {rows} rows"), |b| {
            b.iter(|| {
                let inputs = Inputs::load(&scenario, &[]).expect("inputs");
                black_box(
                    inputs
                        .solve(&request, &mut |_| {}, &mut Vec::new())
                        .expect("solve"),
                )
            })
        });
        group.finish();
    }
}

criterion_group!(benches, variants);
criterion_main!(benches);
