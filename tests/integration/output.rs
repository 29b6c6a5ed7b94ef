//! `--output` onto what is not a plain file (docs/formats.md, rule 46): a
//! device or a named pipe is written through; a symbolic link is followed
//! and its target replaced atomically, the link kept. Before, the atomic
//! rename replaced `/dev/null` or the link itself with a regular file.

#![cfg(unix)]

use crate::util::Case;
use std::os::unix::fs::{symlink, FileTypeExt};

const HAND: &str = "hand-case";

#[test]
fn a_device_is_written_through() {
    let case = Case::fixture(HAND);
    let expected = Case::in_dir(case.path())
        .command_line("simulate scenario.toml --format csv")
        .run()
        .stdout;
    Case::in_dir(case.path())
        .command_line("simulate scenario.toml --output /dev/stdout")
        .run()
        .success()
        .stdout_is(&expected);
    Case::in_dir(case.path())
        .command_line("simulate scenario.toml --output /dev/null")
        .run()
        .success()
        .stdout_is("");
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(null.file_type().is_char_device(), "/dev/null was replaced");
    // A device that refuses the bytes is an error.
    Case::in_dir(case.path())
        .command_line("simulate scenario.toml --output /dev/full")
        .run()
        .code(2)
        .stderr_has("error: cannot write `/dev/full`");
}

#[test]
fn a_link_is_followed_and_kept() {
    let case = Case::fixture(HAND).write("results/costs.csv", "old\n");
    std::fs::create_dir(case.path().join("links")).unwrap();
    // links/latest.csv -> ../results/costs.csv, relative to the link.
    symlink("../results/costs.csv", case.path().join("links/latest.csv")).unwrap();
    let expected = Case::in_dir(case.path())
        .command_line("simulate scenario.toml --format csv")
        .run()
        .stdout;
    Case::in_dir(case.path())
        .command_line("simulate scenario.toml --output links/latest.csv")
        .run()
        .success();
    let link = std::fs::symlink_metadata(case.path().join("links/latest.csv")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert_eq!(case.read("results/costs.csv"), expected);
    // No temporary file left in either folder.
    for folder in ["links", "results"] {
        let names: Vec<_> = std::fs::read_dir(case.path().join(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{folder}: {names:?}");
    }
}

#[test]
fn a_link_to_nothing_yet_creates_its_target() {
    let case = Case::fixture(HAND);
    symlink("new.csv", case.path().join("link.csv")).unwrap();
    Case::in_dir(case.path())
        .command_line("simulate scenario.toml --output link.csv")
        .run()
        .success();
    assert!(case.read("new.csv").starts_with("departement,year,"));
}

#[test]
fn a_failed_run_leaves_the_link_and_its_target_alone() {
    let case =
        Case::fixture(HAND)
            .write("costs.csv", "old\n")
            .edit("workforce.csv", "ES,1,", "ES,1.5,");
    symlink("costs.csv", case.path().join("link.csv")).unwrap();
    Case::in_dir(case.path())
        .command_line("simulate scenario.toml --output link.csv")
        .run()
        .code(2);
    assert_eq!(case.read("costs.csv"), "old\n");
    let link = std::fs::symlink_metadata(case.path().join("link.csv")).unwrap();
    assert!(link.file_type().is_symlink());
}

#[test]
fn a_folder_is_refused() {
    let case = Case::fixture(HAND);
    std::fs::create_dir(case.path().join("out")).unwrap();
    Case::in_dir(case.path())
        .command_line("simulate scenario.toml --output out")
        .run()
        .code(2)
        .stderr_is("error: cannot write `out`: it is a folder\n");
}
