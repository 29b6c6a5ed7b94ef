//! One file per subcommand, each with its clap `Args` next to its `run`, and
//! the flags and output plumbing they share.

pub mod check;
pub mod common;
pub mod compare;
pub mod explain;
pub mod simulate;
pub mod validate;

/// Runs `f` with a buffered, locked standard output, flushed at the end.
pub fn with_stdout(
    f: impl FnOnce(&mut dyn std::io::Write) -> anyhow::Result<crate::Outcome>,
) -> anyhow::Result<crate::Outcome> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let outcome = f(&mut out)?;
    out.flush()?;
    Ok(outcome)
}
