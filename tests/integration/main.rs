//! End-to-end tests of the real `revalo` binary on files under
//! `tests/fixtures/`, one module per command.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::print_stderr,
    missing_docs
)]

mod bad_input;
mod detailed;
mod simulate;
mod util;
