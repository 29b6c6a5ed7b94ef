//! The front door stays true: every `revalo …` and `cargo run --release -- …`
//! line of README.md's `sh` blocks runs, in order and in one folder holding a
//! copy of the shipped data, and succeeds.

use crate::util::{root, Case};

/// The command lines of the README's `sh` code blocks, as argument lists.
fn readme_commands() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut commands = Vec::new();
    let mut in_sh = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_sh = line.trim() == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        let line = line.split(" #").next().unwrap().trim();
        let args = if let Some(rest) = line.strip_prefix("revalo ") {
            rest
        } else if let Some(rest) = line.strip_prefix("cargo run --release -- ") {
            rest
        } else {
            continue;
        };
        commands.push(args.split_whitespace().map(str::to_string).collect());
    }
    commands
}

#[test]
fn every_readme_command_runs() {
    let commands = readme_commands();
    assert!(commands.len() >= 5, "found only {commands:?}");
    // One folder for all, as a user runs them one after the other (a
    // generated workload is then simulated).
    let case = Case::new();
    for folder in ["data", "examples"] {
        crate::util::copy_dir(&root().join(folder), &case.path().join(folder));
    }
    for args in commands {
        Case::in_dir(case.path()).args(&args).run().success();
    }
}
