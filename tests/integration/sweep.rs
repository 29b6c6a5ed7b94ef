//! `examples/sweep.sh` runs as a new user would run it (revalo on `PATH`,
//! named by `REVALO`) and prints one CSV line per amount.

use crate::util::{csv_rows, first_line_then_close, root, shell, Case};

#[test]
fn sweep_prints_one_line_per_amount() {
    let case = Case::fixture("hand-case");
    let sweep = root().join("examples/sweep.sh");
    let out = shell(
        case.path(),
        &format!(
            "AMOUNTS='183 200' '{}' scenario.toml a-net",
            sweep.display()
        ),
    );
    out.success();
    let stdout = &out.stdout;
    let rows = csv_rows(stdout);
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
    let args = [
        "simulate",
        "--by",
        "departement,job,year",
        "--format",
        "csv",
    ];
    let (first, out) = first_line_then_close(&root(), &args);
    assert!(first.starts_with("departement,job,year,"), "{first}");
    out.success().stderr_is("");
}
