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
pub mod pipeline;
pub mod report;
pub mod rng;
pub mod shipped;

#[cfg(test)]
mod tests;
