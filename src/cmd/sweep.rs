//! `revalo sweep`: a scenario run for every value of one or more ranged
//! keys, one row per variant and group — what a shell loop over `--set`
//! does, from one pass over the workforce.

use super::common::{
    print_warnings, scenario_source, workforce_progress, write_output, OverrideArgs, ReportArgs,
};
use super::Outcome;
use crate::pipeline::SetRange;
use crate::report::sweep::{self, Sweep};
use crate::report::{xlsx, Format};
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `revalo sweep`.
#[derive(Debug, Args)]
#[command(
    after_help = "Each row is the variant's values of the ranged keys, then the row \
`simulate --set KEY=VALUE` prints for that variant and group, field for field.\n\n\
Examples:\n  \
revalo sweep --set-range measure.segur-socio-educatif.amount=150..250:10 --by year\n  \
revalo sweep my.toml --set-range measure.x.amount=100..200:50 --set-range measure.x.funding.etat=0.5..1:0.25 --by measure\n  \
revalo sweep --set-range measure.segur-socio-educatif.amount=150..250:10 --format xlsx -o sweep.xlsx"
)]
pub struct SweepArgs {
    /// Scenario file (TOML) [default: data/scenarios/conference-2022.toml].
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<PathBuf>,

    /// A numeric key and its values FROM..TO (inclusive) by STEP, e.g.
    /// `measure.<id>.amount=150..250:10` (repeatable: several make a grid,
    /// the last varying fastest).
    #[arg(long = "set-range", value_name = "KEY=FROM..TO:STEP", required = true)]
    pub ranges: Vec<SetRange>,

    /// The report flags.
    #[command(flatten)]
    pub report: ReportArgs,

    /// Overrides applied to every variant, before the ranges.
    #[command(flatten)]
    pub overrides: OverrideArgs,
}

/// Writes `sweep` in `format`; a workbook also gets the assumptions of the
/// scenario without the ranges.
fn write(
    sweep: &Sweep,
    format: Format,
    excel: bool,
    assumptions: Option<&crate::report::assumptions::Assumptions>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Table => sweep::write_table(sweep, out),
        Format::Csv => sweep::write_csv(sweep, excel, out),
        Format::Json => sweep::write_json(sweep, out),
        Format::Xlsx => {
            let mut sheets = vec![sweep::sheet(sweep)];
            sheets.extend(assumptions.map(xlsx::assumptions_sheet));
            xlsx::write(&sheets, out)
        }
    }
}

/// Runs `revalo sweep`.
pub fn run(args: &SweepArgs) -> Result<Outcome> {
    let config = args.report.config()?;
    let inputs = args
        .overrides
        .load(&scenario_source(args.scenario.as_deref())?)?;
    print_warnings(&inputs.warnings);
    let mut warnings = Vec::new();
    let mut progress = workforce_progress(&inputs, config.quiet);
    let sweep = inputs.sweep(
        &args.overrides.all(),
        &args.ranges,
        config.by.clone(),
        &mut |bytes| progress.set(bytes),
        &mut warnings,
    )?;
    progress.finish();
    print_warnings(&warnings);
    let assumptions = match config.format {
        Format::Xlsx => Some(inputs.assumptions()?),
        _ => None,
    };
    write_output(config.output.as_deref(), |out| {
        write(
            &sweep,
            config.format,
            config.excel,
            assumptions.as_ref(),
            out,
        )
    })?;
    Ok(Outcome::Success)
}
