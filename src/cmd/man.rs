//! `revalo man`: the manual page (roff, clap_mangen) on standard output, or
//! with `--dir` one page per command (`revalo.1`, `revalo-simulate.1`, …).

use super::common::write_output;
use super::Outcome;
use anyhow::{Context, Result};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `revalo man`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
revalo man | man -l -                        # read it now\n  \
revalo man > ~/.local/share/man/man1/revalo.1\n  \
revalo man --dir ~/.local/share/man/man1     # revalo.1 and one page per command")]
pub struct ManArgs {
    /// Write `revalo.1` and one page per command (`revalo-simulate.1`, …)
    /// into DIR (created if missing) instead of printing `revalo.1`.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Runs `revalo man` for the command line `cli` (the whole of revalo's,
/// built by the caller).
pub fn run(args: &ManArgs, cli: clap::Command) -> Result<Outcome> {
    match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create `{}`", dir.display()))?;
            clap_mangen::generate_to(cli, dir)
                .with_context(|| format!("cannot write the pages in `{}`", dir.display()))?;
        }
        None => {
            let page = clap_mangen::Man::new(cli);
            write_output(None, |out| page.render(out))?;
        }
    }
    Ok(Outcome::Success)
}
