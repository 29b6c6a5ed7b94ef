//! `revalo check`: recompute a scenario and compare it with a budget
//! baseline (the CSV of `simulate --format csv`), for CI. Exit 0 when every
//! figure is within tolerance, 1 with the table of what drifted otherwise;
//! `--bless` rewrites the baseline atomically.

use super::common::{print_warnings, scenario_source, write_output, OverrideArgs};
use super::Outcome;
use crate::domain::Departement;
use crate::domain::GroupBy;
use crate::input::baseline::{parse_baseline, read_baseline, Baseline};
use crate::report::drift::{self, Tolerance};
use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// How the drift is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DriftFormat {
    /// An aligned table (readable in a CI log).
    Table,
    /// CSV: keys, column, baseline, now, difference.
    Csv,
}

/// Arguments of `revalo check`.
#[derive(Debug, Args)]
#[command(
    after_help = "Tolerance: EUROS (e.g. 0.01) applies to the money columns \
(base_gross, delta_gross, delta_employer, delta_cost, share_*); employees, fte and \
cost_pct_of_base must then be equal. P% (e.g. 0.5%) applies to every figure, relative to \
the baseline's. Missing or extra rows, and columns in one file only, are drift.\n\
Exit codes: 0 within tolerance (or blessed), 1 drift, 2 bad input or usage.\n\n\
Examples:\n  \
revalo simulate data/scenarios/conference-2022.toml --format csv --output baseline.csv\n  \
revalo check data/scenarios/conference-2022.toml --baseline baseline.csv --tolerance 0.01\n  \
revalo check data/scenarios/conference-2022.toml --baseline baseline.csv --bless"
)]
pub struct CheckArgs {
    /// Scenario file (TOML).
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,

    /// The baseline CSV (written by `simulate --format csv` or `--bless`);
    /// its key columns (those before `employees`) are the grouping.
    #[arg(long, value_name = "FILE.csv")]
    pub baseline: PathBuf,

    /// Allowed gap: euros on money columns (`0.01`) or a percentage of the
    /// baseline figure on every column (`0.5%`); 0 is exact.
    #[arg(long, value_name = "EUROS|P%", default_value = "0")]
    pub tolerance: Tolerance,

    /// Rewrite the baseline with today's figures (atomically) and exit 0.
    #[arg(long)]
    pub bless: bool,

    /// Grouping when blessing a new baseline [default: the baseline's
    /// header, else departement,year].
    #[arg(long, value_name = "KEYS", value_delimiter = ',')]
    pub by: Option<Vec<GroupBy>>,

    /// How to print the drift.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "table")]
    pub format: DriftFormat,

    /// Scenario overrides.
    #[command(flatten)]
    pub overrides: OverrideArgs,
}

/// A key value in canonical form (`1` → `01` for a département), so that a
/// baseline retouched in a spreadsheet still matches.
fn canonical(key: GroupBy, text: &str) -> String {
    match key {
        GroupBy::Departement => text
            .parse::<Departement>()
            .map_or_else(|_| text.to_string(), |d| d.to_string()),
        GroupBy::Year => text
            .parse::<i32>()
            .map_or_else(|_| text.to_string(), |y| y.to_string()),
        _ => text.to_string(),
    }
}

fn canonicalize(b: &mut Baseline) {
    for row in &mut b.rows {
        for (key, text) in b.by.iter().zip(row.keys.iter_mut()) {
            *text = canonical(*key, text);
        }
    }
}

/// Runs `revalo check`, printing to a buffered standard output.
pub fn run(args: &CheckArgs) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let outcome = run_to(args, &mut out)?;
    out.flush()?;
    Ok(outcome)
}

/// Runs `revalo check`, printing the result or the drift to `out`.
fn run_to(args: &CheckArgs, out: &mut dyn Write) -> Result<Outcome> {
    if !args.baseline.exists() && !args.bless {
        bail!(
            "no baseline `{}` (create it with `revalo check {} --baseline {} --bless`, or with `revalo simulate … --format csv --output`)",
            args.baseline.display(),
            args.scenario.display(),
            args.baseline.display()
        );
    }
    let existing = if args.baseline.exists() {
        let mut b = read_baseline(&args.baseline)?;
        canonicalize(&mut b);
        Some(b)
    } else {
        None
    };
    let by = match (&args.by, &existing) {
        (Some(by), Some(b)) if *by != b.by && !args.bless => {
            let names = |v: &[GroupBy]| v.iter().map(|k| k.name()).collect::<Vec<_>>().join(",");
            bail!(
                "--by {} differs from the baseline's keys {} (drop --by, or add --bless to regroup the baseline)",
                names(by),
                names(&b.by)
            );
        }
        (Some(by), _) => by.clone(),
        (None, Some(b)) => b.by.clone(),
        (None, None) => vec![GroupBy::Departement, GroupBy::Year],
    };
    let inputs = args
        .overrides
        .load(&scenario_source(Some(&args.scenario))?)?;
    let mut warnings = inputs.warnings.clone();
    let report = inputs.report(by, &mut warnings)?;
    print_warnings(&warnings);
    let mut csv = Vec::new();
    crate::report::csv::write(&report, &mut csv)?;
    // The baseline holds figures only: the filter is said with the verdict.
    let filter = &inputs.scenario.filter;
    let scope = if filter.is_empty() {
        String::new()
    } else {
        format!(" (rows kept by --where {filter})")
    };
    if args.bless {
        write_output(Some(&args.baseline), |w| w.write_all(&csv))?;
        writeln!(
            out,
            "blessed {} ({} rows){scope}",
            args.baseline.display(),
            report.rows.len()
        )?;
        return Ok(Outcome::Success);
    }
    let Some(base) = existing else {
        bail!("no baseline to compare with");
    };
    let now = parse_baseline(&args.baseline, &csv)?;
    let found = drift::drift(&base, &now, args.tolerance);
    if found.is_empty() {
        writeln!(
            out,
            "ok: {} rows of {} within tolerance {}{scope}",
            base.rows.len(),
            args.baseline.display(),
            args.tolerance
        )?;
        return Ok(Outcome::Success);
    }
    let keys: Vec<String> = base.by.iter().map(|k| k.name().to_string()).collect();
    let mut out = out;
    match args.format {
        DriftFormat::Table => drift::write_table(&keys, &found, &mut out)?,
        DriftFormat::Csv => drift::write_csv(&keys, &found, &mut out)?,
    }
    if args.format == DriftFormat::Table {
        writeln!(
            out,
            "drift: {} beyond tolerance {} against {}{scope} (accept with --bless)",
            crate::input::error::plural(found.len(), "difference"),
            args.tolerance,
            args.baseline.display()
        )?;
    }
    Ok(Outcome::Drift)
}
