//! The command line: the top-level parser and one subcommand per file under
//! `cmd/`.

use crate::cmd::{self, Outcome};
use clap::{Parser, Subcommand};

/// Simulate the cost of salary revaluations in the French social and
/// medico-social sector, per département, year and payer.
#[derive(Debug, Parser)]
#[command(name = "revalo", version, about, long_about = None, max_term_width = 100)]
#[command(
    after_help = "Exit codes: 0 success, 1 a check found drift, 2 bad input or usage.\n\
Example: revalo simulate data/scenarios/conference-2022.toml --by region,year"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute the cost of a scenario's measures per group (default:
    /// département × year), split between payers.
    Simulate(cmd::simulate::SimulateArgs),
    /// The largest amount (or points, value of the point, percent) of a
    /// measure whose cost stays within a target, overall or per group.
    Solve(cmd::solve::SolveArgs),
    /// Run a scenario for every value of ranged keys (a grid), one row per
    /// variant and group, from one pass over the workforce.
    Sweep(cmd::sweep::SweepArgs),
    /// Write one self-contained HTML report (map of France, charts, tables,
    /// assumptions), or the map alone as SVG.
    Report(cmd::report::ReportCmdArgs),
    /// Compare two scenarios group by group: base, variant, difference and
    /// relative difference of the cost and of each payer's share.
    Compare(cmd::compare::CompareArgs),
    /// Recompute a scenario and compare it with a budget baseline CSV:
    /// exit 1 with the drifted figures when beyond tolerance (for CI).
    Check(cmd::check::CheckArgs),
    /// The month-by-month computation trail of one employee, with its
    /// yearly sums per measure (for audit).
    Explain(cmd::explain::ExplainArgs),
    /// Check a scenario and its inputs, reporting every problem with file,
    /// line and column.
    Validate(cmd::validate::ValidateArgs),
    /// Write a synthetic national workload (workforce, grids, parameters,
    /// scenario) of any size, for tests and benchmarks.
    Generate(cmd::generate::GenerateArgs),
}

/// Runs a parsed command line.
pub fn run(cli: &Cli) -> anyhow::Result<Outcome> {
    match &cli.command {
        Command::Simulate(args) => cmd::simulate::run(args),
        Command::Solve(args) => cmd::solve::run(args),
        Command::Sweep(args) => cmd::sweep::run(args),
        Command::Report(args) => cmd::report::run(args),
        Command::Compare(args) => cmd::compare::run(args),
        Command::Explain(args) => cmd::explain::run(args),
        Command::Validate(args) => cmd::validate::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Generate(args) => cmd::generate::run(args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
