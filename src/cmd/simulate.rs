//! `revalo simulate`: the main job — the cost of a scenario's measures per
//! group and year, split between payers.

use super::common::{
    print_warnings, scenario_source, workforce_progress, write_output, write_report, OverrideArgs,
    ReportArgs,
};
use super::Outcome;
use crate::pipeline::{self, Engine};
use crate::report::Format;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `revalo simulate`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
revalo simulate          # the shipped Conférence des métiers 2022 scenario\n  \
revalo simulate data/scenarios/segur-all-staff.toml --by region,year --format csv\n  \
revalo simulate my.toml --by measure,year --output costs.csv\n  \
revalo simulate --format xlsx --output costs.xlsx # an Excel workbook\n  \
revalo simulate --format csv --excel -o costs.csv # CSV for a French Excel\n  \
revalo simulate --set measure.segur-socio-educatif.amount=200 --set years=2022..2030")]
pub struct SimulateArgs {
    /// Scenario file (TOML), or `shipped:scenarios/NAME.toml` [default: the
    /// shipped Conférence des métiers 2022 scenario].
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<PathBuf>,

    /// The report flags.
    #[command(flatten)]
    pub report: ReportArgs,

    /// Scenario overrides.
    #[command(flatten)]
    pub overrides: OverrideArgs,

    /// Only read and validate the workforce, print its number of rows, and
    /// compute nothing (the floor under simulate's time, for benchmarks).
    #[arg(long, hide = true)]
    pub parse_only: bool,

    /// Compute month by month with the reference engine instead of the
    /// fast path (same figures, several times slower: for checking the fast
    /// path on large files with `cmp`).
    #[arg(long, hide = true)]
    pub reference: bool,
}

/// Runs `revalo simulate`.
pub fn run(args: &SimulateArgs) -> Result<Outcome> {
    let config = args.report.config()?;
    let inputs = args
        .overrides
        .load(&scenario_source(args.scenario.as_deref())?)?;
    print_warnings(&inputs.warnings);
    let mut warnings = Vec::new();
    let mut progress = workforce_progress(&inputs, config.quiet);
    if args.parse_only {
        let rows = inputs.parse_workforce(&mut |bytes| progress.set(bytes), &mut warnings)?;
        progress.finish();
        print_warnings(&warnings);
        write_output(config.output.as_deref(), |out| writeln!(out, "{rows} rows"))?;
        return Ok(Outcome::Success);
    }
    let engine = if args.reference {
        Engine::Reference
    } else {
        Engine::Fast
    };
    let plan = inputs.plan(config.by.clone())?;
    let totals = inputs.compute(
        std::slice::from_ref(&plan),
        engine,
        &mut |bytes| progress.set(bytes),
        &mut warnings,
    )?;
    progress.finish();
    print_warnings(&warnings);
    let report = pipeline::report(&plan, &totals[0]);
    let assumptions = match config.format {
        Format::Xlsx => Some(inputs.assumptions()?),
        _ => None,
    };
    write_output(config.output.as_deref(), |out| {
        write_report(&report, &config, assumptions.as_ref(), out)
    })?;
    Ok(Outcome::Success)
}
