//! revalo: simulate the cost of salary revaluations in the French social
//! and medico-social sector.
//!
//! The data flows `input` (read and validate files into `domain` types) →
//! `engine` (pure computation) → `report` (tables, CSV, JSON). `cli` and
//! `cmd` hold the command line; `main.rs` only maps outcomes to exit codes.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod cmd;
pub mod domain;
pub mod engine;
pub mod input;
pub mod report;

#[cfg(test)]
mod tests;

/// How a command ended, when it did not fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Done: exit code 0.
    Success,
    /// A check found figures beyond tolerance: exit code 1.
    Drift,
}

/// Runs a parsed command line.
pub fn run(cli: &cli::Cli) -> anyhow::Result<Outcome> {
    match &cli.command {
        cli::Command::Simulate(args) => cmd::simulate::run(args),
        cli::Command::Report(args) => cmd::report::run(args),
        cli::Command::Compare(args) => cmd::compare::run(args),
        cli::Command::Explain(args) => cmd::explain::run(args),
        cli::Command::Validate(args) => cmd::validate::run(args),
        cli::Command::Check(args) => cmd::check::run(args),
        cli::Command::Generate(args) => cmd::generate::run(args),
    }
}
