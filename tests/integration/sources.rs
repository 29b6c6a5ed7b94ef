//! Where inputs come from: the data shipped inside the binary (the default
//! scenario from any folder, `shipped:…` in a scenario or on the command
//! line, a scenario without grids or parameters), and each input read once,
//! its checksum that of the bytes read — named pipes and pipes included.

use crate::util::{root, Case};
use assert_cmd::cargo::CommandCargoExt;
use revalo::input::source::sha256_hex;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The shipped scenario prints the same bytes from an empty folder, named
/// `shipped:…`, and read from the repository's `data/`.
#[test]
fn the_shipped_scenario_is_the_same_from_any_folder() {
    let by_year = |args: &[&str]| {
        let mut all = vec!["simulate"];
        all.extend(args);
        all.extend(["--by", "year", "--format", "csv"]);
        let out = Case::new().args(&all).run();
        out.success();
        out.stdout
    };
    let default = by_year(&[]);
    assert!(default.starts_with("year,employees,"), "{default}");
    assert_eq!(
        by_year(&["shipped:scenarios/conference-2022.toml"]),
        default
    );
    let on_disk = root().join("data/scenarios/conference-2022.toml");
    assert_eq!(by_year(&[on_disk.to_str().unwrap()]), default);
}

/// A scenario of the user's own needs only its workforce and measures:
/// without `grids` and `parameters` it uses the shipped ones, and it may
/// name the shipped workforce. The Conférence 2022 measure written so gives
/// the shipped scenario's figures, byte for byte.
#[test]
fn a_scenario_without_grids_or_parameters_uses_the_shipped_ones() {
    let shipped = std::fs::read_to_string(root().join("data/scenarios/conference-2022.toml"))
        .unwrap()
        .replace(
            "workforce = \"../workforce/bass-national.csv\"",
            "workforce = \"shipped:workforce/bass-national.csv\"",
        )
        .replace("grids = \"../grids\"\n", "")
        .replace("parameters = \"../parameters\"\n", "");
    assert!(!shipped.contains("grids =") && !shipped.contains("parameters ="));
    let mine = Case::new()
        .write("mine.toml", shipped)
        .command_line("simulate mine.toml --by year --format csv")
        .run();
    mine.success();
    let default = Case::new()
        .command_line("simulate --by year --format csv")
        .run();
    assert_eq!(mine.stdout, default.stdout);
}

/// A `shipped:` name that is not shipped, and a path that climbs out of the
/// shipped data, are located errors that list what is shipped.
#[test]
fn unknown_shipped_data_is_a_located_error() {
    Case::fixture("hand-case")
        .edit(
            "scenario.toml",
            "grids = \"grids\"",
            "grids = \"shipped:grid\"",
        )
        .command_line("simulate scenario.toml")
        .run()
        .code(2)
        .stderr_has("scenario.toml:4:9: `grids`: no shipped data `grid`")
        .stderr_has("`shipped:workforce/bass-national.csv`");
    Case::new()
        .command_line("simulate --set workforce=../../w.csv")
        .run()
        .code(2)
        .stderr_has(
            "--set workforce=../../w.csv: `workforce`: `../../w.csv` leaves the shipped data",
        );
    Case::new()
        .command_line("simulate shipped:scenarios/none.toml")
        .run()
        .code(2)
        .stderr_has("no shipped data `scenarios/none.toml`");
}

/// `validate` says which inputs were the shipped data, with the version of
/// the data set and the SHA-256 of each file — those of `data/`.
#[test]
fn validate_names_the_shipped_data_with_their_checksums() {
    let out = Case::new().command_line("validate").run();
    out.success();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with("shipped data of revalo ") && lines[0].contains(", version "),
        "{}",
        lines[0]
    );
    for file in [
        "scenarios/conference-2022.toml",
        "workforce/bass-national.csv",
        "grids/conventions.csv",
        "grids/ccn66.csv",
        "grids/ccn51.csv",
        "grids/point_values.csv",
        "parameters/flat.csv",
        "parameters/payroll.csv",
    ] {
        let bytes = std::fs::read(root().join("data").join(file)).unwrap();
        let line = format!(
            "  <shipped>/{file}  {} bytes  sha256 {}",
            bytes.len(),
            sha256_hex(&bytes)
        );
        assert!(lines.contains(&line.as_str()), "{line}\n{}", out.stdout);
    }
    // The shipped grids pay some positions below the SMIC (docs/formats.md,
    // rule 33): one warning per convention, `ccn66`, `ccn66-nexem`, `ccn51`.
    assert_eq!(lines.last(), Some(&"0 errors, 3 warnings"));
    // A scenario on disk reads no shipped data: no such header.
    // (Its one warning: its flat parameters give no SMIC, rule 33.)
    let on_disk = Case::fixture("hand-case")
        .command_line("validate scenario.toml")
        .run();
    on_disk.success();
    assert!(
        !on_disk.stdout.contains("shipped") && on_disk.stdout.ends_with("0 errors, 1 warning\n"),
        "{}",
        on_disk.stdout
    );
}

/// Runs the binary in `dir` while a thread writes `fifos` (name, bytes),
/// each once; fails if the run has not ended within a minute (an input
/// opened twice waits for a second writer forever). Standard output.
#[cfg(unix)]
fn run_with_fifos(dir: &Path, args: &[&str], fifos: &[(&str, Vec<u8>)]) -> String {
    for (name, bytes) in fifos {
        let path = dir.join(name);
        std::fs::remove_file(&path).ok();
        let made = Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(made.success(), "mkfifo {name}");
        let bytes = bytes.clone();
        std::thread::spawn(move || std::fs::write(path, bytes));
    }
    let mut child = Command::cargo_bin("revalo")
        .unwrap()
        .current_dir(dir)
        .env_clear()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!(
                "revalo {} did not end: an input read twice?",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "revalo {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `report`, `validate` and `simulate --format xlsx` read a scenario and a
/// workforce that are named pipes once each, and list the SHA-256 of the
/// bytes written into them.
#[cfg(unix)]
#[test]
fn named_pipes_are_read_once_and_hashed() {
    let hand = crate::util::fixtures().join("hand-case");
    let scenario = std::fs::read(hand.join("scenario.toml")).unwrap();
    let workforce = std::fs::read(hand.join("workforce.csv")).unwrap();
    let fifos = [
        ("scenario.toml", scenario.clone()),
        ("workforce.csv", workforce.clone()),
    ];
    let case = Case::fixture("hand-case");
    run_with_fifos(
        case.path(),
        &["report", "scenario.toml", "--out", "r.html"],
        &fifos,
    );
    let html = case.read("r.html");
    for bytes in [&scenario, &workforce] {
        assert!(html.contains(&sha256_hex(bytes)), "checksum missing");
    }
    let out = run_with_fifos(case.path(), &["validate", "scenario.toml"], &fifos);
    // The hand case's one warning: its flat parameters give no SMIC
    // (docs/formats.md, rule 33).
    assert!(out.ends_with("0 errors, 1 warning\n"), "{out}");
    run_with_fifos(
        case.path(),
        &[
            "simulate",
            "scenario.toml",
            "--format",
            "xlsx",
            "-o",
            "c.xlsx",
        ],
        &fifos,
    );
    let sheet = hypotheses(&case.path().join("c.xlsx"));
    for bytes in [&scenario, &workforce] {
        assert!(sheet.contains(&sha256_hex(bytes)), "checksum missing");
    }
}

/// The text of a workbook's `hypothèses` sheet.
#[cfg(unix)]
fn hypotheses(path: &Path) -> String {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let sheet = book.worksheet_range("hypothèses").unwrap();
    sheet
        .cells()
        .map(|(_, _, c)| c.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A scenario piped on standard input: the workbook lists the SHA-256 of
/// the bytes piped, not that of an empty file.
#[cfg(unix)]
#[test]
fn a_scenario_from_a_pipe_is_hashed_as_read() {
    use std::io::Write;
    let case = Case::fixture("hand-case");
    let dir = case.path().to_str().unwrap().to_string();
    let scenario = case
        .read("scenario.toml")
        .replace("\"workforce.csv\"", &format!("\"{dir}/workforce.csv\""))
        .replace("\"grids\"", &format!("\"{dir}/grids\""))
        .replace("\"parameters\"", &format!("\"{dir}/parameters\""));
    let mut child = Command::cargo_bin("revalo")
        .unwrap()
        .current_dir(case.path())
        .env_clear()
        .args(["simulate", "/dev/stdin", "--format", "xlsx", "-o", "c.xlsx"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(scenario.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sheet = hypotheses(&case.path().join("c.xlsx"));
    assert!(sheet.contains(&sha256_hex(scenario.as_bytes())), "{sheet}");
    assert!(
        !sheet.contains(&sha256_hex(b"")),
        "the empty file's checksum"
    );
}
