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

/// The subcommands, as `revalo --help` lists them (but `help`).
fn subcommands() -> Vec<String> {
    let out = Case::new().command_line("--help").run();
    out.success();
    let listed: Vec<String> = out
        .stdout
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        // A name is indented by two spaces; its wrapped description, more.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|name| name != "help")
        .collect();
    assert!(listed.len() >= 10, "{listed:?}");
    listed
}

/// Every shell's completion script knows every subcommand.
#[test]
fn completions_know_every_subcommand() {
    let commands = subcommands();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = Case::new().args(&["completions", shell]).run();
        out.success();
        assert!(out.stdout.len() > 1000, "{shell}: {}", out.stdout);
        for command in &commands {
            out.stdout_has(command);
        }
    }
    Case::new()
        .command_line("completions tcsh")
        .run()
        .code(2)
        .stderr_has("possible values: bash, elvish, fish, powershell, zsh");
}

/// The manual page lists every subcommand; `--dir` writes a page for each.
#[test]
fn the_manual_lists_every_subcommand() {
    let commands = subcommands();
    let out = Case::new().command_line("man").run();
    out.success().stdout_has(".TH revalo 1");
    for command in &commands {
        out.stdout_has(&format!("revalo\\-{command}(1)"));
    }
    let case = Case::new().command_line("man --dir pages");
    case.run().success().stdout_is("");
    assert!(case.read("pages/revalo.1").starts_with(".ie"));
    for command in &commands {
        let page = case.read(&format!("pages/revalo-{command}.1"));
        assert!(page.contains(".SH SYNOPSIS"), "{command}");
    }
}

/// `--version` names the shipped data set and the newest effective date of
/// each kind of dated value — the largest `effective` of the data files
/// (ISO dates sort as text); `-V` the version alone.
#[test]
fn version_names_the_shipped_data_and_their_dates() {
    let newest = |file: &str| {
        let text = std::fs::read_to_string(crate::util::root().join("data").join(file)).unwrap();
        text.lines()
            .skip(1)
            .map(|l| {
                l.split(',')
                    .nth(if file.contains("point") { 1 } else { 2 })
                    .unwrap()
                    .to_string()
            })
            .max()
            .unwrap()
    };
    let payroll = newest("parameters/payroll.csv");
    let flat = newest("parameters/flat.csv");
    let points = newest("grids/point_values.csv");
    let version = std::fs::read_to_string(crate::util::root().join("data/VERSION")).unwrap();
    let out = Case::new().command_line("--version").run();
    out.success()
        .stdout_has(&format!("revalo {}\n", env!("CARGO_PKG_VERSION")))
        .stdout_has(&format!(", version {} (fingerprint ", version.trim()))
        .stdout_has(&format!(
            "newest dated values: payroll schedule {payroll}, flat rates {flat}, values of the point {points}\n"
        ));
    Case::new()
        .command_line("-V")
        .run()
        .success()
        .stdout_is(&format!("revalo {}\n", env!("CARGO_PKG_VERSION")));
}
