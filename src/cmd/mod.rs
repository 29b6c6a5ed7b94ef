//! One file per subcommand, each with its clap `Args` next to its `run`, and
//! the flags and output plumbing they share.

pub mod check;
pub mod common;
pub mod compare;
pub mod explain;
pub mod generate;
pub mod progress;
pub mod report;
pub mod simulate;
pub mod validate;
