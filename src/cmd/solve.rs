//! `revalo solve`: the inverse of `simulate` — the largest value of one
//! measure's amount, points, value of the point or percent whose cost stays
//! within a target, for the whole workforce or per group.

use super::common::{
    print_warnings, scenario_source, workforce_progress, write_output, OutputArgs, OverrideArgs,
};
use super::Outcome;
use crate::domain::GroupBy;
use crate::input::csvfile::parse_decimal;
use crate::input::targets::read_targets;
use crate::pipeline::{SolveRequest, Target};
use crate::report::{solve, xlsx, Format};
use anyhow::{bail, Result};
use clap::Args;
use rust_decimal::Decimal;
use std::path::PathBuf;

/// Arguments of `revalo solve`.
#[derive(Debug, Args)]
#[command(
    after_help = "The value is searched on a grid: `amount` of net_monthly and \
gross_monthly to the cent, of points and coefficient to the point, of point_value to 0.0001 €; \
`percent` to 0.01 (docs/formats.md, rule 60). The cost is the measure's delta_cost (or a \
payer's share) as `simulate --by measure` prints it.\n\n\
Examples:\n  \
revalo solve --measure segur-socio-educatif --target 3000000000\n  \
revalo solve my.toml --measure uniform --year 2026 --target 500000000\n  \
revalo solve my.toml --measure uniform --year 2026 --by departement --targets envelopes.csv\n  \
revalo solve my.toml --measure uniform --payer departement --target 100_000_000 --format csv"
)]
pub struct SolveArgs {
    /// Scenario file (TOML) [default: data/scenarios/conference-2022.toml].
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<PathBuf>,

    /// The measure whose parameter is solved for (its `id`).
    #[arg(long, value_name = "ID")]
    pub measure: String,

    /// The target in euros: the largest value whose cost is at most this
    /// (for the whole workforce, or for each group with --by).
    #[arg(
        long,
        value_name = "AMOUNT",
        value_parser = parse_target,
        allow_negative_numbers = true,
        required_unless_present = "targets",
        conflicts_with = "targets"
    )]
    pub target: Option<Decimal>,

    /// One target per group from a CSV: the group keys and a `target`
    /// column (docs/formats.md, rule 63); implies --by its keys.
    #[arg(long, value_name = "FILE")]
    pub targets: Option<PathBuf>,

    /// Only this year's cost [default: the whole horizon].
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,

    /// Only this payer's share of the measure's cost [default: the whole
    /// cost].
    #[arg(long, value_name = "PAYER")]
    pub payer: Option<String>,

    /// Solve per group of these keys, comma-separated (departement, region,
    /// convention, job, filiere, funder) [default: the whole workforce].
    #[arg(long, value_name = "KEYS", value_delimiter = ',')]
    pub by: Vec<GroupBy>,

    /// Where and how the output is written.
    #[command(flatten)]
    pub out: OutputArgs,

    /// Scenario overrides.
    #[command(flatten)]
    pub overrides: OverrideArgs,
}

/// Parses `--target`: euros, `_` allowed between digits (`500_000_000`).
fn parse_target(text: &str) -> Result<Decimal, String> {
    parse_decimal(&text.replace('_', ""), false)
        .ok_or_else(|| "expected an amount in euros, such as 500000000 or 1500000.50".to_string())
}

/// Runs `revalo solve`.
pub fn run(args: &SolveArgs) -> Result<Outcome> {
    let format = args.out.format()?;
    let inputs = args
        .overrides
        .load(&scenario_source(args.scenario.as_deref())?)?;
    print_warnings(&inputs.warnings);
    let mut warnings = Vec::new();
    let (targets, by) = match (&args.targets, args.target) {
        (Some(path), _) => {
            let file = read_targets(path)?;
            let by = if args.by.is_empty() {
                file.by.clone()
            } else {
                args.by.clone()
            };
            (Target::File(file), by)
        }
        (None, Some(amount)) => (Target::Each(amount), args.by.clone()),
        (None, None) => bail!("give --target AMOUNT or --targets FILE"),
    };
    let request = SolveRequest {
        measure: args.measure.clone(),
        year: args.year,
        payer: args.payer.clone(),
        by,
        targets,
    };
    let mut progress = workforce_progress(&inputs, args.out.quiet);
    let solution = inputs.solve(&request, &mut |bytes| progress.set(bytes), &mut warnings)?;
    progress.finish();
    print_warnings(&warnings);
    write_output(args.out.output.as_deref(), |out| match format {
        Format::Table => solve::write_table(&solution, out),
        Format::Csv => solve::write_csv(&solution, args.out.excel, out),
        Format::Json => solve::write_json(&solution, out),
        Format::Xlsx => xlsx::write(&[solve::sheet(&solution)], out),
    })?;
    Ok(Outcome::Success)
}
