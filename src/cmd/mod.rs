//! One file per subcommand, each with its clap `Args` next to its `run`, and
//! the flags and output plumbing they share.

pub mod check;
pub mod common;
pub mod compare;
pub mod completions;
pub mod explain;
pub mod generate;
pub mod init;
pub mod man;
pub mod progress;
pub mod report;
pub mod simulate;
pub mod solve;
pub mod sweep;
pub mod validate;

/// How a command ended, when it did not fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Done: exit code 0.
    Success,
    /// A check found figures beyond tolerance: exit code 1.
    Drift,
}
