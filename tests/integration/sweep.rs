//! `examples/sweep.sh` runs as a new user would run it: bash, the built
//! binary named by `REVALO`, one CSV line per amount.

use crate::util::{csv_rows, root, Case};
use std::process::Command;

#[test]
fn sweep_prints_one_line_per_amount() {
    let case = Case::fixture("hand-case");
    let binary = assert_cmd::cargo::cargo_bin("revalo");
    let out = Command::new("bash")
        .arg(root().join("examples/sweep.sh"))
        .args(["scenario.toml", "a-net"])
        .current_dir(case.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("REVALO", binary.to_str().unwrap())
        .env("AMOUNTS", "183 200")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = csv_rows(&stdout);
    assert_eq!(rows.len(), 3, "{stdout}");
    assert_eq!(rows[0][..3], ["amount", "measure", "employees"]);
    // 183 € net is the hand case's a-net: 2058.75 + 3431.25 = 5490.00 gross.
    assert_eq!(rows[1][..2], ["183", "a-net"]);
    assert_eq!(rows[1][5], "5490.00");
    // 200 € net: ΔG = 200 ÷ (1 − 0.2) = 250.00. A, full time April–December:
    // 9 × 250 = 2250.00. B (0.8 fte, weight 2.5, 16 April–30 November):
    // round(250 × 0.8 × 15 ÷ 30) = 100.00 in April + 7 × 200.00, × 2.5 =
    // 3750.00. Total 6000.00.
    assert_eq!(rows[2][..2], ["200", "a-net"]);
    assert_eq!(rows[2][5], "6000.00");
}

/// `revalo simulate … | head -1` in a script: a reader that stops early is
/// not an error (exit 0, nothing on stderr).
#[test]
fn a_closed_pipe_is_quiet() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("revalo"))
        .args([
            "simulate",
            "--by",
            "departement,job,year",
            "--format",
            "csv",
        ])
        .current_dir(root())
        .env_clear()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the pipe is closed.
    assert!(first.starts_with("departement,job,year,"), "{first}");
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).as_ref()
        ),
        (Some(0), "")
    );
}
