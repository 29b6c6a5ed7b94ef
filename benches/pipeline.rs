//! The whole `simulate` pipeline on 100,000 generated rows: read the
//! scenario, grids and parameters, stream and parse the workforce, compute,
//! build the report, write the CSV; and the parse-only floor. Run with
//! `cargo bench --bench pipeline`.

#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use revalo::cmd::generate::{self, GenerateArgs};
use revalo::domain::{GroupBy, Source};
use revalo::pipeline::Inputs;
use revalo::report;
use std::hint::black_box;

const ROWS: u64 = 100_000;

fn pipeline(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    generate::run(&GenerateArgs {
        employees: ROWS,
        seed: 2022,
        out: dir.path().to_path_buf(),
    })
    .expect("generate");
    let scenario = Source::disk(dir.path().join("scenario.toml"));
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Elements(ROWS));
    group.sample_size(10);
    group.bench_function("simulate, 100k rows, --by departement,year", |b| {
        b.iter(|| {
            let inputs = Inputs::load(&scenario, &[]).expect("inputs");
            let r = inputs
                .report(vec![GroupBy::Departement, GroupBy::Year], &mut Vec::new())
                .expect("report");
            let mut out = Vec::new();
            report::csv::write(&r, &mut out).expect("csv");
            black_box(out)
        })
    });
    group.bench_function("parse only, 100k rows", |b| {
        b.iter(|| {
            let inputs = Inputs::load(&scenario, &[]).expect("inputs");
            black_box(
                inputs
                    .parse_workforce(&mut |_| {}, &mut Vec::new())
                    .expect("parse"),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
