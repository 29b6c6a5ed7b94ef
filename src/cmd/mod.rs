//! One file per subcommand, each with its clap `Args` next to its `run`, and
//! the flags and output plumbing they share.

pub mod common;
pub mod generate;
pub mod progress;
pub mod simulate;
