//! The command line: the top-level parser and one subcommand per file under
//! `cmd/`.

use crate::cmd;
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
    /// Write a synthetic national workload (workforce, grids, parameters,
    /// scenario) of any size, for tests and benchmarks.
    Generate(cmd::generate::GenerateArgs),
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
