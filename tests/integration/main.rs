//! End-to-end tests of the real `revalo` binary on files under
//! `tests/fixtures/`, one module per command.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::print_stderr,
    missing_docs
)]

mod agreement;
mod bad_input;
mod branch;
mod check;
mod compare;
mod detailed;
mod explain;
mod filter;
mod funding;
mod generate;
mod help;
mod init;
mod limits;
mod mutation;
mod output;
mod public;
mod reading;
mod readme;
mod reference;
mod report;
mod set;
mod simulate;
mod smic_floor;
mod solve;
mod sources;
mod spreadsheet;
mod sweep;
mod util;
mod validate;
