//! `revalo compare`: two scenarios run with the same grouping, one row per
//! group with the base, the variant, the difference and the relative
//! difference of `delta_cost` and of each payer's share.

use super::common::{
    print_warnings, scenario_source, workforce_progress, write_output, OverrideArgs, ReportArgs,
};
use super::Outcome;
use crate::input::scenario::Override;
use crate::report::assumptions::Assumptions;
use crate::report::diff::{self, DiffReport};
use crate::report::{xlsx, Format};
use anyhow::{Context, Result};
use clap::Args;
use std::io::{self, Write};
use std::path::PathBuf;

/// Arguments of `revalo compare`.
#[derive(Debug, Args)]
#[command(
    after_help = "The relative difference is (variant − base) ÷ base × 100, 2 decimals, \
empty when the base is 0. A group present in one scenario only shows zeros for the other.\n\n\
Examples:\n  \
revalo compare data/scenarios/conference-2022.toml data/scenarios/segur-all-staff.toml --by year\n  \
revalo compare my.toml my.toml --set-variant measure.segur-socio-educatif.amount=200 --by year"
)]
pub struct CompareArgs {
    /// The base scenario (TOML).
    #[arg(value_name = "BASE")]
    pub base: PathBuf,

    /// The variant scenario (TOML).
    #[arg(value_name = "VARIANT")]
    pub variant: PathBuf,

    /// The report flags.
    #[command(flatten)]
    pub report: ReportArgs,

    /// Overrides of both scenarios.
    #[command(flatten)]
    pub overrides: OverrideArgs,

    /// Override a value of the variant only (repeatable, after any `--set`):
    /// compare a scenario with itself changed, e.g.
    /// `--set-variant measure.<id>.amount=200`.
    #[arg(long = "set-variant", value_name = "KEY=VALUE")]
    pub set_variant: Vec<Override>,
}

/// Writes `report` in `format`: one function per format. The workbook adds
/// the assumptions of each scenario, one sheet each.
fn write_diff(
    report: &DiffReport,
    format: Format,
    excel: bool,
    assumptions: &[(&str, Assumptions)],
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = out;
    match format {
        Format::Table => diff::write_table(report, &mut out),
        Format::Csv => diff::write_csv(report, excel, &mut out),
        Format::Json => diff::write_json(report, &mut out),
        Format::Xlsx => {
            let mut sheets = vec![xlsx::diff_sheet(report)];
            for (name, a) in assumptions {
                let mut sheet = xlsx::assumptions_sheet(a);
                sheet.name = format!("hypothèses {name}");
                sheets.push(sheet);
            }
            xlsx::write(&sheets, out)
        }
    }
}

/// Runs `revalo compare`.
pub fn run(args: &CompareArgs) -> Result<Outcome> {
    let config = args.report.config()?;
    let base = args
        .overrides
        .load(&scenario_source(Some(&args.base))?)
        .with_context(|| format!("while reading the base scenario `{}`", args.base.display()))?;
    let mut variant_set = args.overrides.all();
    variant_set.extend(args.set_variant.iter().cloned());
    let variant = args
        .overrides
        .load_with(&scenario_source(Some(&args.variant))?, &variant_set)
        .with_context(|| {
            format!(
                "while reading the variant scenario `{}`",
                args.variant.display()
            )
        })?;
    let mut warnings = base.warnings.clone();
    warnings.extend_from_slice(&variant.warnings);
    // One pass over the workforce when both read the same one.
    let plans = [
        base.plan(config.by.clone())?,
        variant.plan(config.by.clone())?,
    ];
    let mut progress = workforce_progress(&base, config.quiet);
    let reports = base.reports_once(&plans, &mut |bytes| progress.set(bytes), &mut warnings)?;
    progress.finish();
    print_warnings(&warnings);
    let compared = diff::diff(&reports[0], &reports[1]);
    let assumptions = match config.format {
        Format::Xlsx => vec![
            ("base", base.assumptions()?),
            ("variante", variant.assumptions()?),
        ],
        _ => Vec::new(),
    };
    write_output(config.output.as_deref(), |out| {
        write_diff(&compared, config.format, config.excel, &assumptions, out)
    })?;
    Ok(Outcome::Success)
}
