//! `revalo check` end to end: a baseline made with `simulate`, the scenario
//! changed by one cent, the drift named with exit 1, `--bless` accepting it.

use crate::util::Case;

const HAND: &str = "hand-case";

/// A hand case with its baseline, written by `simulate --format csv`.
fn with_baseline() -> Case {
    let case = Case::fixture(HAND)
        .command_line("simulate scenario.toml --format csv --output baseline.csv");
    case.run().success();
    case
}

fn check(case: Case, extra: &[&str]) -> (Case, crate::util::Output) {
    let mut args = vec!["check", "scenario.toml", "--baseline", "baseline.csv"];
    args.extend_from_slice(extra);
    let case = case.args(&args);
    let out = case.run();
    (case, out)
}

#[test]
fn an_unchanged_scenario_passes() {
    let (_, out) = check(with_baseline(), &[]);
    out.success()
        .stdout_is("ok: 3 rows of baseline.csv within tolerance 0 €\n");
}

#[test]
fn one_cent_more_drifts_and_bless_accepts_it() {
    let case = with_baseline().edit(
        "scenario.toml",
        "amount = \"183.00\"",
        "amount = \"183.01\"",
    );
    // ΔG = 183.01 ÷ (1 − 0.2) = 228.7625 → 228.76, one cent above 228.75.
    // A (01) is full time April–December: 9 × 0.01 = +0.09 of Δgross
    // (2119.63 → 2119.72); Δemployer is unchanged (228.76 × 0.4 = 91.504 →
    // 91.50 as before; × 0.45 = 102.942 → 102.94 as 102.9375 did), so Δcost
    // 3004.85 → 3004.94.
    let (case, out) = check(case, &["--format", "csv"]);
    out.code(1)
        .stdout_has("departement,year,column,baseline,now,difference\n")
        .stdout_has("01,2024,delta_gross,2119.63,2119.72,0.09\n")
        .stdout_has("01,2024,delta_cost,3004.85,3004.94,0.09\n");
    // B (2A, 0.8 fte, weight 2.5) May–November: 228.76 × 0.8 = 183.008 →
    // 183.01 instead of 183.00, × 2.5 = 457.525 → 457.53 instead of 457.50:
    // +0.03 a month, 7 × 0.03 = +0.21 (April's half month rounds to 91.50
    // both ways). So 0.10 € is not enough; 0.5 % is.
    let (case, out) = check(case, &["--tolerance", "0.10"]);
    out.code(1)
        .stdout_has("2A")
        .stdout_has("0,21")
        .stdout_has("beyond tolerance 0.10 €");
    let (case, out) = check(case, &["--tolerance", "0.5%"]);
    out.success();
    // The table format (default) names the drift too.
    let (case, out) = check(case, &[]);
    out.code(1)
        .stdout_has("delta_cost")
        .stdout_has("3 004,85")
        .stdout_has("3 004,94");
    let (case, out) = check(case, &["--bless"]);
    out.success().stdout_is("blessed baseline.csv (3 rows)\n");
    assert!(case
        .read("baseline.csv")
        .contains("01,2024,1,0.75,17457.00,2119.72,"));
    let (_, out) = check(case, &[]);
    out.success();
}

#[test]
fn missing_and_extra_rows_are_drift() {
    let case = with_baseline();
    let text = case.read("baseline.csv");
    // Drop 971, add 2B.
    let mut lines: Vec<&str> = text.lines().filter(|l| !l.starts_with("971,")).collect();
    lines.push("2B,2024,1,1.00,1.00,1.00,0.00,1.00,1.00,0.00,0.00,100.00");
    let case = case.write("baseline.csv", lines.join("\n") + "\n");
    let (_, out) = check(case, &["--format", "csv"]);
    out.code(1)
        .stdout_is("departement,year,column,baseline,now,difference\n2B,2024,(row),present,missing,\n971,2024,(row),missing,present,\n");
}

#[test]
fn the_baseline_grouping_is_used() {
    let case = Case::fixture(HAND)
        .command_line("simulate scenario.toml --by measure --output baseline.csv");
    case.run().success();
    let (case, out) = check(case, &[]);
    out.success();
    let (_, out) = check(case, &["--by", "year"]);
    out.code(2)
        .stderr_has("--by year differs from the baseline's keys measure");
}

#[test]
fn a_missing_or_bad_baseline_is_bad_input() {
    let (case, out) = check(Case::fixture(HAND), &[]);
    out.code(2).stderr_has("no baseline `baseline.csv`");
    let case = case.write("baseline.csv", "departement,year,employees\n01,2024,x\n");
    let (_, out) = check(case, &[]);
    out.code(2)
        .stderr_has("baseline.csv:2:3: invalid value `x` in column `employees`");
}

/// The shipped CI example: its baseline matches the shipped scenario, and
/// its job file runs the same command.
#[test]
fn shipped_ci_example_passes() {
    let root = crate::util::root();
    let job = std::fs::read_to_string(root.join("examples/ci/revalo-budget.yml")).unwrap();
    assert!(job.contains("check data/scenarios/conference-2022.toml"));
    assert!(job.contains("--baseline examples/ci/baseline.csv"));
    let case = Case::new().args(&[
        "check",
        root.join("data/scenarios/conference-2022.toml")
            .to_str()
            .unwrap(),
        "--baseline",
        root.join("examples/ci/baseline.csv").to_str().unwrap(),
        "--tolerance",
        "0.01",
    ]);
    case.run().success().stdout_has("ok: 505 rows");
}
