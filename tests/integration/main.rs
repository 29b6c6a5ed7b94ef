//! End-to-end tests of the real `revalo` binary on files under
//! `tests/fixtures/`, one module per command.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::print_stderr,
    missing_docs
)]

mod bad_input;
mod check;
mod compare;
mod detailed;
mod explain;
mod generate;
mod help;
mod readme;
mod reference;
mod report;
mod set;
mod simulate;
mod solve;
mod spreadsheet;
mod sweep;
mod util;
mod validate;
