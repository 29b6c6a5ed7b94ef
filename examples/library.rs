//! Using revalo as a library: read a scenario and its inputs, compute the
//! totals per year, and print the cost of each measure.
//!
//! Run: `cargo run --example library -- tests/fixtures/hand-case/scenario.toml`

use anyhow::Result;
use revalo::cmd::common::{compute, Inputs};
use revalo::domain::GroupBy;
use revalo::report;

fn main() -> Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/scenarios/conference-2022.toml".to_string());
    let inputs = Inputs::load(path.as_ref())?;
    let plan = inputs.plan(vec![GroupBy::Measure, GroupBy::Year])?;
    let totals = compute(&plan)?;
    let report = report::build(&inputs.scenario, &plan.keys, &totals);
    let mut out = std::io::stdout().lock();
    for row in &report.rows {
        use std::io::Write;
        writeln!(out, "{} {}: {} €", row.keys[0], row.keys[1], row.delta_cost)?;
    }
    Ok(())
}
