//! The front door stays true: README.md's code blocks are run.
//!
//! - `sh` blocks: every `revalo …` and `cargo run --release -- …` line runs,
//!   in order, and succeeds.
//! - `console` blocks: every `$ ` line runs with `sh` (see `util::shell`:
//!   the built binary first on `PATH`, `REVALO=revalo` for the example
//!   scripts), in order, after `(exit N)` so that `$?` is the status of the
//!   line before; what it prints, standard output and error interleaved as
//!   a terminal shows them, must be the lines under it.
//! - `text` blocks: each is the output of the command that the prose just
//!   before it names; [`TEXT_BLOCKS`] says how each one is run, and every
//!   `text` block must be listed there.
//!
//! Outputs are compared line by line, exactly, with one elision: a shown
//! output whose last line is `…` alone shows only the first lines of the
//! real output (the README cuts long outputs, as after `| head -4`); the `…`
//! stands for the rest, zero or more lines. A `…` line anywhere else is an
//! error. A mismatch prints a unified diff, README first, real output second.
//!
//! The `sh` and `console` lines run in one folder per test holding a copy of
//! what they read (`data/`, `examples/`, the hand case), as a user runs them
//! one after the other from the repository root.

use crate::util::{copy_dir, root, shell, Case};
use similar::TextDiff;

/// A fenced code block of README.md.
struct Block {
    /// The info string: `sh`, `console`, `text`, `toml`…
    lang: String,
    /// The line of the opening fence (from 1).
    line: usize,
    body: Vec<String>,
    /// The prose between the previous block and this one, its whitespace
    /// runs turned into single spaces.
    before: String,
}

/// The README's fenced blocks in `lang`, in order.
fn blocks(lang: &str) -> Vec<Block> {
    let text = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut blocks = Vec::new();
    let mut prose = String::new();
    let mut open: Option<Block> = None;
    for (i, line) in text.lines().enumerate() {
        match (line.strip_prefix("```"), open.take()) {
            (Some(info), None) => {
                open = Some(Block {
                    lang: info.trim().to_string(),
                    line: i + 1,
                    body: Vec::new(),
                    before: prose.split_whitespace().collect::<Vec<_>>().join(" "),
                });
                prose.clear();
            }
            (Some(_), Some(block)) => blocks.push(block),
            (None, Some(mut block)) => {
                block.body.push(line.to_string());
                open = Some(block);
            }
            (None, None) => {
                prose.push_str(line);
                prose.push('\n');
            }
        }
    }
    assert!(open.is_none(), "README.md: a code block is not closed");
    blocks.retain(|b| b.lang == lang);
    blocks
}

/// A folder holding a copy of what the README's commands read.
fn readme_folder() -> Case {
    let case = Case::new();
    for folder in [
        "data",
        "examples",
        "tests/fixtures/hand-case",
        "tests/fixtures/funding",
    ] {
        copy_dir(&root().join(folder), &case.path().join(folder));
    }
    case
}

/// `None` when `actual` is what the README shows at `place` (exactly, but
/// for a last line `…`: see the module documentation); otherwise the unified
/// diff between the two.
fn difference(place: &str, shown: &[String], actual: &str) -> Option<String> {
    let (shown, elided) = match shown.split_last() {
        Some((last, first)) if last == "…" => (first, true),
        _ => (shown, false),
    };
    assert!(
        !shown.iter().any(|l| l == "…"),
        "{place}: a `…` line may only end a shown output"
    );
    let mut actual: Vec<&str> = match actual.strip_suffix('\n').unwrap_or(actual) {
        "" => Vec::new(),
        text => text.split('\n').collect(),
    };
    if elided {
        actual.truncate(shown.len());
    }
    if actual == shown {
        return None;
    }
    // The `…` is kept on both sides: the diff shows the shown lines only.
    let text = |lines: &[&str]| {
        let mut text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        if elided {
            text.push_str("…\n");
        }
        text
    };
    let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
    let (expected, actual) = (text(&shown), text(&actual));
    let diff = TextDiff::from_lines(&expected, &actual)
        .unified_diff()
        .header("README.md", "real output")
        .to_string();
    Some(format!("{place}: the output differs\n{diff}"))
}

#[track_caller]
fn assert_no_differences(differences: Vec<String>) {
    assert!(differences.is_empty(), "\n{}", differences.join("\n"));
}

/// The command lines of the README's `sh` code blocks, as argument lists.
fn readme_commands() -> Vec<Vec<String>> {
    let mut commands = Vec::new();
    for line in blocks("sh").iter().flat_map(|b| &b.body) {
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
    // One folder for all (a generated workload is then simulated).
    let case = readme_folder();
    for args in commands {
        Case::in_dir(case.path()).args(&args).run().success();
    }
}

/// A `$ ` line of a console block and the lines shown under it.
struct Shown {
    line: usize,
    command: String,
    output: Vec<String>,
}

fn console_lines(block: &Block) -> Vec<Shown> {
    let mut lines: Vec<Shown> = Vec::new();
    for (i, text) in block.body.iter().enumerate() {
        let line = block.line + 1 + i;
        match (text.strip_prefix("$ "), lines.last_mut()) {
            (Some(command), _) => lines.push(Shown {
                line,
                command: command.to_string(),
                output: Vec::new(),
            }),
            (None, Some(shown)) => shown.output.push(text.clone()),
            (None, None) => panic!("README.md:{line}: a console block starts with `$ `"),
        }
    }
    lines
}

#[test]
fn every_console_block_prints_what_the_readme_shows() {
    let blocks = blocks("console");
    assert!(
        blocks.len() >= 4,
        "found only {} console blocks",
        blocks.len()
    );
    let case = readme_folder();
    let mut status = 0;
    let mut differences = Vec::new();
    for shown in blocks.iter().flat_map(console_lines) {
        let out = shell(
            case.path(),
            &format!("(exit {status}); {{ {}\n}} 2>&1", shown.command),
        );
        status = out.code;
        let place = format!("README.md:{}: `$ {}`", shown.line, shown.command);
        differences.extend(difference(&place, &shown.output, &out.stdout));
    }
    assert_no_differences(differences);
}

/// Where a shown output is printed.
#[derive(Clone, Copy)]
enum Stream {
    Stdout,
    Stderr,
}

/// How the test reproduces a `text` block of README.md.
struct TextBlock {
    /// What the prose just before the block says it shows (checked).
    named: &'static str,
    /// The folder to run in.
    folder: fn() -> Case,
    args: &'static [&'static str],
    code: i32,
    stream: Stream,
}

/// The repository itself: the default scenario and the shipped data (the
/// commands below write no file).
fn repository() -> Case {
    Case::in_dir(&root())
}

/// The hand case with row A's fte (1, the fifth column of line 2) made 1.5.
fn hand_case_with_fte_1_5() -> Case {
    Case::fixture("hand-case").edit("workforce.csv", "A,01,c1,ES,1,", "A,01,c1,ES,1.5,")
}

/// The README's `text` blocks, in order.
const TEXT_BLOCKS: [TextBlock; 3] = [
    // A table prints only on a terminal (CSV otherwise): the test's standard
    // output is a pipe, so it asks for the table the README shows.
    TextBlock {
        named: "`revalo simulate --by year` (a table on a terminal, with a totals row)",
        folder: repository,
        args: &["simulate", "--by", "year", "--format", "table"],
        code: 0,
        stream: Stream::Stdout,
    },
    TextBlock {
        named:
            "Per département, as CSV for a spreadsheet or a script (`revalo simulate --format csv`)",
        folder: repository,
        args: &["simulate", "--format", "csv"],
        code: 0,
        stream: Stream::Stdout,
    },
    // Any command reading the workforce says it; `simulate` of the hand case.
    TextBlock {
        named: "For example, an `fte` of 1.5 on line 2 of a workforce file",
        folder: hand_case_with_fte_1_5,
        args: &["simulate", "scenario.toml"],
        code: 2,
        stream: Stream::Stderr,
    },
];

#[test]
fn every_text_block_is_the_output_of_the_command_named_before_it() {
    let blocks = blocks("text");
    assert_eq!(
        blocks.len(),
        TEXT_BLOCKS.len(),
        "README.md has {} text blocks and TEXT_BLOCKS {}: list how each is made",
        blocks.len(),
        TEXT_BLOCKS.len()
    );
    let mut differences = Vec::new();
    for (block, how) in blocks.iter().zip(&TEXT_BLOCKS) {
        let place = format!(
            "README.md:{}: the text block after {:?}",
            block.line, how.named
        );
        assert!(
            block.before.contains(how.named),
            "{place}: the prose before it does not say that; it says:\n{}",
            block.before
        );
        let out = (how.folder)().args(how.args).run();
        out.code(how.code);
        let printed = match how.stream {
            Stream::Stdout => &out.stdout,
            Stream::Stderr => &out.stderr,
        };
        differences.extend(difference(&place, &block.body, printed));
    }
    assert_no_differences(differences);
}
