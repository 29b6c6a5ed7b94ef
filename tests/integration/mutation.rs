//! A randomized test: valid inputs mutated — bytes, lines, CSV columns,
//! values — and run through the commands. Whatever the input, a run ends
//! with exit 0 or 2, never a panic (101) or a hang, and never leaves a
//! changed or partial `--output` file: the file, created beforehand with
//! known content, is either replaced by a complete output (exit 0) or left
//! untouched (exit 2).
//!
//! A few hundred runs by default (a few seconds); more with
//! `REVALO_MUTATIONS=N`, another stream with `REVALO_MUTATION_SEED=S`.
//! A failure prints the seed, the run and the mutated file to reproduce it.

use crate::util::{copy_dir, fixtures};
use assert_cmd::cargo::CommandCargoExt;
use revalo::rng::SplitMix64;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What `--output` holds before a run.
const SENTINEL: &str = "sentinel: not written by revalo\n";

/// The fixtures mutated, and the files of each.
const FIXTURES: [(&str, &[&str]); 2] = [
    (
        "hand-case",
        &[
            "scenario.toml",
            "workforce.csv",
            "grids/c1.csv",
            "grids/conventions.csv",
            "grids/point_values.csv",
            "parameters/parameters.csv",
        ],
    ),
    (
        "detailed-case",
        &[
            "scenario.toml",
            "workforce.csv",
            "grids/point_values.csv",
            "parameters/payroll.csv",
        ],
    ),
];

/// Numbers that have broken revalo, or could: out of range, at the
/// bounds, beyond Decimal, not numbers at all.
const NUMBERS: &[&str] = &[
    "",
    "0",
    "-1",
    "1",
    "1.5",
    "-0.5",
    "0.999999999",
    "-200",
    "100",
    "100.01",
    "1000",
    "1200",
    "10000",
    "100000",
    "-100000",
    "1000000",
    "1000001",
    "1e15",
    "1e23",
    "1000000000000000",
    "100000000000000000000000",
    "79228162514264337593543950336",
    "0.0000000000000000000000000001",
    "NaN",
    "2/3",
    "0/0",
    "1,5",
];

/// Dates and months, existing or not, at the ends of what is accepted.
const DATES: &[&str] = &[
    "",
    "2024-02-30",
    "2024-02-29",
    "1000-01-01",
    "9999-12-31",
    "0999-12-31",
    "31/12/2024",
    "2024-13",
    "2024-12",
    "1989-12",
    "2101-01",
];

/// Anything else: arrays, names, empty and odd text.
const OTHERS: &[&str] = &[
    "",
    "[2022, 9999]",
    "[1, 2024]",
    "[2022, 2071]",
    "[2025, 2022]",
    "[]",
    "\"x\"",
    "{ }",
    "{ etat = 1 }",
    "{ departemnt = 1 }",
    "é",
    "\u{feff}",
    "\"",
    "A",
    "c1",
    "ES",
    "01",
    "2A",
    "20",
    "etat",
    "departemnt",
    "soins",
    "detailed",
    "true",
];

/// A value to put in place of `current`: a number for a number, a date for
/// a date, mostly; anything sometimes.
fn value_for<'v>(r: &mut SplitMix64, current: &str) -> &'v str {
    let bare = current.trim().trim_matches('"');
    let list = if r.chance(200) {
        OTHERS
    } else if bare.parse::<f64>().is_ok() {
        NUMBERS
    } else if bare.len() >= 7 && bare.as_bytes()[4] == b'-' {
        DATES
    } else {
        OTHERS
    };
    list[r.below(list.len() as u64) as usize]
}

/// The commands run, each with an `--output` where it has one.
const COMMANDS: &[&str] = &[
    "simulate scenario.toml --output out.csv",
    "simulate scenario.toml --by measure,job,funder --output out.csv",
    "simulate scenario.toml --reference --by region,year --output out.csv",
    "explain scenario.toml --employee A --output out.csv",
    "compare scenario.toml scenario.toml --output out.csv",
    "simulate scenario.toml --by filiere,year --format json --output out.csv",
    "report scenario.toml --output out.csv",
    "validate scenario.toml",
];

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

#[test]
fn mutated_inputs_end_in_exit_0_or_2_and_never_touch_the_output_on_error() {
    let seed = env_number("REVALO_MUTATION_SEED").unwrap_or(10);
    let runs = env_number("REVALO_MUTATIONS").unwrap_or(120);
    let mut r = SplitMix64::new(seed);
    let mut exits = [0u64; 3];
    for run in 0..runs {
        let (fixture, files) = FIXTURES[r.below(FIXTURES.len() as u64) as usize];
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixtures().join(fixture), dir.path());
        let mut mutated = Vec::new();
        // Mostly one mutation, so that most runs get past the readers;
        // sometimes two or three, in one or several files.
        let count = [1, 1, 1, 2, 3][r.below(5) as usize];
        for _ in 0..count {
            let file = files[r.below(files.len() as u64) as usize];
            let path = dir.path().join(file);
            let bytes = std::fs::read(&path).unwrap();
            let (what, bytes) = mutate(&mut r, &bytes, file.ends_with(".toml"));
            std::fs::write(&path, bytes).unwrap();
            mutated.push(format!("{file}: {what}"));
        }
        let command = COMMANDS[r.below(COMMANDS.len() as u64) as usize];
        let context = || {
            let texts: Vec<String> = files
                .iter()
                .map(|f| {
                    let bytes = std::fs::read(dir.path().join(f)).unwrap_or_default();
                    format!("--- {f}\n{}", String::from_utf8_lossy(&bytes))
                })
                .collect();
            format!(
                "seed {seed}, run {run}, {fixture}: revalo {command}\nmutations: {mutated:?}\n{}",
                texts.join("\n")
            )
        };
        let (code, stderr) = run_checked(dir.path(), command, &context);
        exits[usize::from(code == 2) + usize::from(code != 0 && code != 2) * 2] += 1;
        assert!(
            code == 0 || code == 2,
            "exit {code}\n{stderr}\n{}",
            context()
        );
        assert!(!stderr.contains("panicked"), "{stderr}\n{}", context());
        if command.contains("--output") {
            check_output(dir.path(), command, code, &stderr, &context);
        }
    }
    eprintln!(
        "mutation test, seed {seed}: {runs} runs, {} exit 0, {} exit 2",
        exits[0], exits[1]
    );
    // Both outcomes must be exercised, or the mutations are too tame or
    // too wild to test anything.
    assert!(exits[0] > runs / 20 && exits[1] > runs / 5, "{exits:?}");
}

/// Runs `command` in `dir` with `out.csv` pre-created, within 60 s; its
/// exit code and standard error.
fn run_checked(dir: &Path, command: &str, context: &dyn Fn() -> String) -> (i32, String) {
    std::fs::write(dir.join("out.csv"), SENTINEL).unwrap();
    let mut child = Command::cargo_bin("revalo")
        .unwrap()
        .args(command.split(' '))
        .current_dir(dir)
        .env_clear()
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("no answer within 60 s\n{}", context());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// After a run of `command` with `--output out.csv`: on exit 2, the file
/// untouched; on exit 0, a complete output — a CSV with a header and rows
/// of as many fields, a JSON array, an HTML page to its end. Never a
/// temporary file left beside it.
fn check_output(dir: &Path, command: &str, code: i32, stderr: &str, context: &dyn Fn() -> String) {
    let out = std::fs::read_to_string(dir.join("out.csv")).unwrap();
    let left: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".revalo")
        })
        .collect();
    assert!(
        left.is_empty(),
        "temporary files left: {left:?}\n{}",
        context()
    );
    if code != 0 {
        assert_eq!(
            out,
            SENTINEL,
            "a failed run changed the output\n{stderr}\n{}",
            context()
        );
        return;
    }
    assert!(
        out != SENTINEL && out.ends_with('\n'),
        "output not written\n{}",
        context()
    );
    if command.starts_with("report") {
        assert!(out.trim_end().ends_with("</html>"), "{out}\n{}", context());
        return;
    }
    if command.contains("json") {
        let parsed: Result<serde_json::Value, _> = serde_json::from_str(&out);
        assert!(parsed.is_ok_and(|v| v.is_array()), "{out}\n{}", context());
        return;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(out.as_bytes());
    let header = reader.headers().unwrap().len();
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{e}\n{out}\n{}", context()));
        assert_eq!(record.len(), header, "{out}\n{}", context());
    }
}

/// One random mutation of a file's `bytes` (`toml`: a scenario), described.
fn mutate(r: &mut SplitMix64, bytes: &[u8], toml: bool) -> (String, Vec<u8>) {
    let mut bytes = bytes.to_vec();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let line = r.below(lines.len().max(1) as u64) as usize;
    // Half of the mutations are values (below the match), the others
    // shake the shape of the file.
    match r.below(8) {
        // A byte replaced, inserted or deleted.
        0 if !bytes.is_empty() => {
            let at = r.below(bytes.len() as u64) as usize;
            let b = *[
                b',', b';', b'"', b'\n', b'\r', b'=', b'[', 0, 0xE9, 0xFF, b'9',
            ]
            .get(r.below(11) as usize)
            .unwrap();
            match r.below(3) {
                0 => bytes[at] = b,
                1 => bytes.insert(at, b),
                _ => {
                    bytes.remove(at);
                }
            }
            return (format!("byte at {at}: {b:#04x}"), bytes);
        }
        // A line deleted, repeated or moved.
        1 if !lines.is_empty() => {
            let l = lines.remove(line);
            match r.below(3) {
                0 => {}
                1 => {
                    lines.insert(line, l.clone());
                    lines.insert(line, l);
                }
                _ => {
                    let to = r.below(lines.len() as u64 + 1) as usize;
                    lines.insert(to, l);
                }
            }
            return (
                format!("line {} deleted, repeated or moved", line + 1),
                join(&lines),
            );
        }
        // A CSV column deleted or repeated on every line.
        2 if !toml => {
            let fields = lines.first().map_or(1, |h| h.split(',').count());
            let column = r.below(fields as u64) as usize;
            let repeat = r.chance(500);
            for l in lines.iter_mut() {
                let mut cells: Vec<&str> = l.split(',').collect();
                if column < cells.len() {
                    if repeat {
                        cells.insert(column, cells[column]);
                    } else {
                        cells.remove(column);
                    }
                }
                *l = cells.join(",");
            }
            return (
                format!("column {} deleted or repeated", column + 1),
                join(&lines),
            );
        }
        // The whole file emptied, or cut short.
        3 => {
            let keep = r.below(bytes.len() as u64 + 1) as usize;
            bytes.truncate(keep);
            return (format!("cut after {keep} bytes"), bytes);
        }
        _ => {}
    }
    // A value replaced: a CSV cell, or the value of a `key = value` line.
    let Some(l) = lines.get_mut(line) else {
        return ("nothing (empty file)".to_string(), bytes);
    };
    let value;
    if toml {
        let Some((key, current)) = l.split_once('=') else {
            return ("nothing (no value on the line)".to_string(), bytes);
        };
        value = value_for(r, current);
        *l = format!("{key}= {}", toml_value(value, r));
    } else {
        let mut cells: Vec<&str> = l.split(',').collect();
        let cell = r.below(cells.len() as u64) as usize;
        value = value_for(r, cells[cell]);
        cells[cell] = value;
        *l = cells.join(",");
    }
    (format!("line {}: value `{value}`", line + 1), join(&lines))
}

/// `value` as a TOML value: as written, or as a string.
fn toml_value(value: &str, r: &mut SplitMix64) -> String {
    if r.chance(500) {
        format!("{value:?}")
    } else {
        value.to_string()
    }
}

fn join(lines: &[String]) -> Vec<u8> {
    let mut text = lines.join("\n");
    text.push('\n');
    text.into_bytes()
}
