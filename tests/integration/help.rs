//! Every command's `--help` shows a real example, and the exit codes are in
//! the top-level help.

use crate::util::Case;

#[test]
fn every_command_help_has_an_example() {
    for command in [
        "simulate", "compare", "check", "explain", "validate", "init",
    ] {
        Case::new()
            .args(&[command, "--help"])
            .run()
            .success()
            .stdout_has("Examples:")
            .stdout_has(&format!("revalo {command} "));
    }
    Case::new()
        .command_line("--help")
        .run()
        .success()
        .stdout_has("Exit codes: 0 success, 1 a check found drift, 2 bad input or usage.");
}
