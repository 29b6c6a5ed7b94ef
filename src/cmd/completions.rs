//! `revalo completions SHELL`: the shell completion script (clap_complete)
//! for bash, zsh, fish, PowerShell or elvish, on standard output.

use super::common::write_output;
use super::Outcome;
use anyhow::Result;
use clap::Args;
use clap_complete::Shell;

/// Arguments of `revalo completions`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
revalo completions bash > ~/.local/share/bash-completion/completions/revalo\n  \
revalo completions zsh > ~/.zfunc/_revalo     # with fpath+=(~/.zfunc) in ~/.zshrc\n  \
revalo completions fish > ~/.config/fish/completions/revalo.fish\n  \
revalo completions powershell >> $PROFILE")]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

/// Runs `revalo completions` for the command line `cli` (the whole of
/// revalo's, built by the caller).
pub fn run(args: &CompletionsArgs, cli: &mut clap::Command) -> Result<Outcome> {
    write_output(None, |out| {
        clap_complete::generate(args.shell, cli, "revalo", out);
        Ok(())
    })?;
    Ok(Outcome::Success)
}
