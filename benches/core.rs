//! The per-employee core: the cost of one employee-month in the fast path
//! and in the month-by-month reference, on a generated national sample
//! (20,000 rows, 2022–2026, the generated scenario, `--by
//! departement,year`). Run with `cargo bench --bench core`.

#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use revalo::cmd::common::Inputs;
use revalo::cmd::generate::{self, GenerateArgs};
use revalo::engine::{self, fast::FastEngine, GroupBy};
use revalo::input::workforce::read_workforce;
use std::hint::black_box;

fn core(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    generate::run(&GenerateArgs {
        employees: 20_000,
        seed: 2022,
        out: dir.path().to_path_buf(),
    })
    .expect("generate");
    let inputs = Inputs::load(&dir.path().join("scenario.toml")).expect("inputs");
    let plan = inputs
        .plan(vec![GroupBy::Departement, GroupBy::Year])
        .expect("plan");
    let employees = read_workforce(&inputs.scenario.workforce, &inputs.grids).expect("workforce");
    // Employee-months in which a measure applies and the employee is present.
    let mut months = 0u64;
    let mut scratch = engine::Scratch::default();
    for e in &employees {
        engine::for_each_month(&plan, e, &mut scratch, |_| months += 1).expect("month");
    }
    let fast = FastEngine::new(&plan);
    assert_eq!(
        fast.simulate(&employees).expect("fast"),
        engine::simulate_reference(&plan, &employees).expect("reference")
    );
    let mut group = c.benchmark_group("core");
    group.throughput(Throughput::Elements(months));
    group.sample_size(20);
    group.bench_function("fast path, 20k employees", |b| {
        b.iter(|| black_box(fast.simulate(black_box(&employees)).expect("fast")))
    });
    group.bench_function("reference (month by month), 20k employees", |b| {
        b.iter(|| {
            black_box(engine::simulate_reference(&plan, black_box(&employees)).expect("reference"))
        })
    });
    group.finish();
}

criterion_group!(benches, core);
criterion_main!(benches);
