//! The command line: the top-level parser and one subcommand per file under
//! `cmd/`.

use crate::cmd::{self, Outcome};
use crate::domain::Date;
use crate::pipeline;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

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
    /// Write a starter folder: a commented scenario, a workforce template
    /// (CSV and workbook) and a short guide; never overwrites a file.
    Init(cmd::init::InitArgs),
    /// Print the completion script of a shell (bash, zsh, fish,
    /// powershell, elvish).
    Completions(cmd::completions::CompletionsArgs),
    /// Print the manual page (roff), or write one page per command.
    Man(cmd::man::ManArgs),
}

/// Parses the command line of this process (exiting on a usage error, as
/// clap does). `--version` also prints the shipped data set and the newest
/// date of its dated values, read only then.
pub fn parse() -> Cli {
    let mut command = Cli::command();
    if std::env::args_os().any(|a| a == "--version") {
        command = command.long_version(long_version());
    }
    let mut matches = command.get_matches();
    Cli::from_arg_matches_mut(&mut matches).unwrap_or_else(|e| e.exit())
}

/// What `revalo --version` prints: the version, the shipped data set and
/// the newest date of its dated values.
fn long_version() -> String {
    let day = |d: Option<Date>| d.map_or_else(|| "none".to_string(), |d| d.to_string());
    let dates = match pipeline::shipped_dates() {
        Ok(d) => format!(
            "payroll schedule {}, flat rates {}, values of the point {}",
            day(d.payroll),
            day(d.flat_rates),
            day(d.point_values)
        ),
        Err(e) => format!("unreadable: {e}"),
    };
    format!(
        "{}\n{}\nnewest dated values: {dates}",
        env!("CARGO_PKG_VERSION"),
        crate::shipped::describe()
    )
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
        Command::Init(args) => cmd::init::run(args),
        Command::Completions(args) => cmd::completions::run(args, &mut Cli::command()),
        Command::Man(args) => cmd::man::run(args, Cli::command()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
