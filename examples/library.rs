//! Using revalo as a library: read a scenario and its inputs, compute the
//! totals per measure and year, and print the cost of each measure, then
//! what the reading warned about.
//!
//! Run: `cargo run --example library -- tests/fixtures/hand-case/scenario.toml`
//! (no argument: the shipped scenario, compiled into revalo).

use anyhow::Result;
use revalo::domain::{GroupBy, Source};
use revalo::pipeline::{self, Engine, Inputs};
use std::io::Write;

fn main() -> Result<()> {
    let scenario = match std::env::args().nth(1) {
        Some(path) => Source::disk(path),
        None => Source::default_scenario(),
    };
    let inputs = Inputs::load(&scenario, &[])?;
    let plan = inputs.plan(vec![GroupBy::Measure, GroupBy::Year])?;
    let mut warnings = inputs.warnings.clone();
    let totals = pipeline::compute(&plan, Engine::Fast, &mut |_bytes_read| {}, &mut warnings)?;
    let report = pipeline::report(&plan, &totals);
    let mut out = std::io::stdout().lock();
    for row in &report.rows {
        writeln!(out, "{} {}: {} €", row.keys[0], row.keys[1], row.delta_cost)?;
    }
    for w in &warnings {
        writeln!(std::io::stderr(), "{w}")?;
    }
    Ok(())
}
