//! The per-employee core: the fast path and the month-by-month reference,
//! flat and detailed payroll models, on a generated national sample (20,000
//! rows, 2022–2026, the generated scenario, `--by departement,year`). The
//! fast path builds its engine in each iteration, as a run does, so that
//! its caches start cold. Run with `cargo bench --bench core`.

#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use revalo::cmd::generate::{self, GenerateArgs};
use revalo::domain::{GroupBy, Source};
use revalo::engine::{self, fast::FastEngine};
use revalo::input::workforce::read_workforce;
use revalo::pipeline::Inputs;
use std::hint::black_box;

fn core(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    generate::run(&GenerateArgs {
        employees: 20_000,
        seed: 2022,
        out: dir.path().to_path_buf(),
    })
    .expect("generate");
    let mut group = c.benchmark_group("core");
    group.sample_size(20);
    for model in ["flat", "detailed"] {
        let inputs = Inputs::load(
            &Source::disk(dir.path().join("scenario.toml")),
            &[format!("payroll={model}").parse().expect("an override")],
        )
        .expect("inputs");
        let plan = inputs
            .plan(vec![GroupBy::Departement, GroupBy::Year])
            .expect("plan");
        let employees =
            read_workforce(&inputs.scenario.workforce, &inputs.grids).expect("workforce");
        // Employee-months in which a measure applies and the employee is
        // present.
        let mut months = 0u64;
        let mut scratch = engine::Scratch::default();
        for e in &employees {
            engine::for_each_month(&plan, e, &mut scratch, |_| months += 1).expect("month");
        }
        assert_eq!(
            FastEngine::new(&plan).simulate(&employees).expect("fast"),
            engine::simulate_reference(&plan, &employees).expect("reference")
        );
        group.throughput(Throughput::Elements(months));
        group.bench_function(format!("{model}: fast path, 20k employees"), |b| {
            b.iter(|| {
                let fast = FastEngine::new(&plan);
                black_box(fast.simulate(black_box(&employees)).expect("fast"))
            })
        });
        group.bench_function(
            format!("{model}: reference (month by month), 20k employees"),
            |b| {
                b.iter(|| {
                    black_box(
                        engine::simulate_reference(&plan, black_box(&employees))
                            .expect("reference"),
                    )
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, core);
criterion_main!(benches);
