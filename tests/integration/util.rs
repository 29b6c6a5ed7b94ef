//! A small, loud harness: a `Case` copies fixtures into a temporary folder,
//! runs the binary there with a clean environment, and on a failed
//! expectation prints the command, exit code, stdout and stderr.

use assert_cmd::cargo::CommandCargoExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder of the test fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The repository root (for the shipped `data/`).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// One run of the binary in a temporary folder.
pub struct Case {
    dir: Folder,
    args: Vec<String>,
    env: Vec<(String, String)>,
}

/// What a run printed and returned.
pub struct Output {
    pub command: String,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Where a case runs: its own temporary folder, or another case's.
enum Folder {
    Own(tempfile::TempDir),
    Borrowed(PathBuf),
}

impl Folder {
    fn path(&self) -> &Path {
        match self {
            Folder::Own(t) => t.path(),
            Folder::Borrowed(p) => p,
        }
    }
}

impl Case {
    /// A case that runs in `dir` (another case's folder), leaving it in place.
    pub fn in_dir(dir: &Path) -> Case {
        Case {
            dir: Folder::Borrowed(dir.to_path_buf()),
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    /// An empty temporary folder.
    pub fn new() -> Case {
        Case {
            dir: Folder::Own(tempfile::tempdir().unwrap()),
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    /// A folder holding a copy of `tests/fixtures/<name>/`.
    pub fn fixture(name: &str) -> Case {
        let case = Case::new();
        copy_dir(&fixtures().join(name), case.dir.path());
        case
    }

    /// The temporary folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders) in the temporary folder.
    pub fn write(self, relative: &str, contents: impl AsRef<[u8]>) -> Case {
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Reads a file of the temporary folder.
    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(relative)).unwrap()
    }

    /// Replaces `from` by `to` in a file of the temporary folder.
    pub fn edit(self, relative: &str, from: &str, to: &str) -> Case {
        let text = self.read(relative);
        assert!(text.contains(from), "`{from}` not in {relative}");
        let text = text.replacen(from, to, 1);
        self.write(relative, text)
    }

    /// The command-line arguments.
    pub fn args<S: AsRef<str>>(mut self, args: &[S]) -> Case {
        self.args = args.iter().map(|s| s.as_ref().to_string()).collect();
        self
    }

    /// The command-line arguments as typed after `revalo`, split at spaces
    /// (for arguments without spaces or quotes).
    pub fn command_line(self, line: &str) -> Case {
        let args: Vec<&str> = line.split(' ').collect();
        self.args(&args)
    }

    /// An environment variable (the environment is otherwise cleared).
    pub fn env(mut self, key: &str, value: &str) -> Case {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// Runs the binary and asserts that it succeeds and prints exactly the
    /// file `expected` of the temporary folder.
    #[track_caller]
    pub fn prints_file(&self, expected: &str) {
        self.run().success().stdout_is(&self.read(expected));
    }

    /// Runs `revalo simulate` with `args` in this case's folder with the fast
    /// path and with the month-by-month reference (the hidden
    /// `--reference`), asserts that both succeed and print the same bytes,
    /// and returns them.
    #[track_caller]
    pub fn simulate_both_ways(&self, args: &[&str]) -> String {
        let run = |reference: bool| {
            let mut all = vec!["simulate"];
            all.extend_from_slice(args);
            if reference {
                all.push("--reference");
            }
            let out = Case::in_dir(self.path()).args(&all).run();
            out.success();
            out.stdout
        };
        let fast = run(false);
        assert_eq!(fast, run(true), "simulate {}", args.join(" "));
        fast
    }

    /// Runs `simulate scenario.toml --output out.csv` and asserts that it
    /// fails as bad input does: exit code 2, `message` on stderr, and no
    /// output file left behind.
    #[track_caller]
    pub fn simulate_fails_with(self, message: &str) -> Output {
        let case = self.command_line("simulate scenario.toml --output out.csv");
        let out = case.run();
        out.code(2).stderr_has(message);
        assert!(
            !case.path().join("out.csv").exists(),
            "a partial output file was left"
        );
        out
    }

    /// Runs the binary and returns what it printed.
    pub fn run(&self) -> Output {
        self.run_with(&self.args)
    }

    /// Runs the binary with `args` instead of the case's, in its folder.
    pub fn run_with<S: AsRef<str>>(&self, args: &[S]) -> Output {
        let args: Vec<&str> = args.iter().map(|a| a.as_ref()).collect();
        let mut cmd = Command::cargo_bin("revalo").unwrap();
        cmd.current_dir(self.dir.path()).env_clear().args(&args);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        Output::of(format!("revalo {}", args.join(" ")), cmd.output().unwrap())
    }
}

/// Runs `script` with `sh -c` in `dir` as a user who installed revalo
/// would: the built binary first on `PATH` and `REVALO=revalo` (the command
/// the example scripts call), the environment otherwise cleared.
pub fn shell(dir: &Path, script: &str) -> Output {
    let binary = assert_cmd::cargo::cargo_bin("revalo");
    let mut path = vec![binary.parent().unwrap().to_path_buf()];
    path.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::join_paths(path).unwrap())
        .env("REVALO", "revalo")
        .output()
        .unwrap();
    Output::of(script.to_string(), out)
}

/// Runs the binary in `dir`, reads the first line of its standard output
/// and closes the pipe, as `| head -1` does: that line, and how the run
/// ended.
pub fn first_line_then_close(dir: &Path, args: &[&str]) -> (String, Output) {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = Command::cargo_bin("revalo")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .env_clear()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the pipe is closed with output pending.
    let out = Output::of(
        format!("revalo {}", args.join(" ")),
        child.wait_with_output().unwrap(),
    );
    (first, out)
}

impl Output {
    fn of(command: String, out: std::process::Output) -> Output {
        Output {
            command,
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn dump(&self) -> String {
        format!(
            "command: {}\nexit code: {}\n--- stdout\n{}\n--- stderr\n{}",
            self.command, self.code, self.stdout, self.stderr
        )
    }

    #[track_caller]
    fn holds(&self, holds: bool, what: std::fmt::Arguments) -> &Output {
        assert!(holds, "{what}\n{}", self.dump());
        self
    }

    /// Asserts the exit code.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Output {
        self.holds(
            self.code == expected,
            format_args!("exit code {}, not {expected}", self.code),
        )
    }

    /// Asserts success (exit 0).
    #[track_caller]
    pub fn success(&self) -> &Output {
        self.code(0)
    }

    /// Asserts the whole stdout.
    #[track_caller]
    pub fn stdout_is(&self, expected: &str) -> &Output {
        self.holds(
            self.stdout == expected,
            format_args!("stdout differs; expected:\n{expected}"),
        )
    }

    /// Asserts the whole stderr.
    #[track_caller]
    pub fn stderr_is(&self, expected: &str) -> &Output {
        self.holds(
            self.stderr == expected,
            format_args!("stderr differs; expected:\n{expected}"),
        )
    }

    /// Asserts that stderr contains `part`.
    #[track_caller]
    pub fn stderr_has(&self, part: &str) -> &Output {
        self.holds(
            self.stderr.contains(part),
            format_args!("stderr lacks `{part}`"),
        )
    }

    /// Asserts that stdout contains `part`.
    #[track_caller]
    pub fn stdout_has(&self, part: &str) -> &Output {
        self.holds(
            self.stdout.contains(part),
            format_args!("stdout lacks `{part}`"),
        )
    }
}

/// Parses CSV text into rows of fields (header first).
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}
