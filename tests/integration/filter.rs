//! `--where key=value` on every command that reads a workforce
//! (docs/formats.md, rules 53 and 54), on `tests/fixtures/funding`
//! (figures derived in its README): a filtered run prints what a run on
//! the matching rows alone prints, repeated flags AND, a comma list ORs,
//! and a filter that names nothing or keeps nothing is an error.

use crate::util::Case;

const FUNDING: &str = "funding";

/// The fixture with `workforce.csv` cut down to the header and `rows`
/// (their ids), saved as `subset.csv`, and a copy of `dated.toml` on it.
fn subset(rows: &[&str]) -> Case {
    let case = Case::fixture(FUNDING);
    let workforce = case.read("workforce.csv");
    let mut lines = workforce.lines();
    let mut kept = vec![lines.next().unwrap().to_string()];
    kept.extend(
        lines
            .filter(|l| rows.iter().any(|id| l.starts_with(&format!("{id},"))))
            .map(str::to_string),
    );
    let scenario = case
        .read("dated.toml")
        .replace("workforce.csv", "subset.csv");
    case.write("subset.csv", kept.join("\n") + "\n")
        .write("subset.toml", scenario)
}

#[test]
fn a_filtered_run_equals_the_run_of_the_matching_rows() {
    let case = subset(&["C"]);
    let filtered =
        case.simulate_both_ways(&["dated.toml", "--where", "departement=25", "--format", "csv"]);
    let alone = case.simulate_both_ways(&["subset.toml", "--format", "csv"]);
    assert_eq!(filtered, alone);
    // README: C alone, 870.00 in 2024 and 196.78 in 2025.
    assert!(
        filtered.contains("\n25,2025,1,0.11,2171.43,135.71,61.07,196.78,65.59,131.19,9.06\n"),
        "{filtered}"
    );
    assert!(!filtered.contains("\n21,"));
}

#[test]
fn repeated_flags_and_a_comma_list_or() {
    // departement 21 or 25, and funder etat (or ARS, folded to etat): B.
    let case = subset(&["B"]);
    let filtered = case.simulate_both_ways(&[
        "dated.toml",
        "--where",
        "Département=21,25",
        "--where",
        "financeur=ARS",
        "--by",
        "year",
        "--format",
        "csv",
    ]);
    assert_eq!(
        filtered,
        case.simulate_both_ways(&["subset.toml", "--by", "year", "--format", "csv"])
    );
    // README: B is 406.00 in 2024 (58 + 3 × 116) and 12 × 116 in 2025.
    assert!(
        filtered.contains("\n2024,1,0.23,4480.00,280.00,126.00,406.00,406.00,0.00,9.06\n"),
        "{filtered}"
    );
    // Region, sector, convention, filière, job, establishment keys read
    // their values as the readers do: all three rows.
    let all = Case::fixture(FUNDING).simulate_both_ways(&["dated.toml", "--format", "csv"]);
    for key in [
        "region=Bourgogne-Franche-Comte",
        "sector=associatif",
        "convention=c1",
        "filiere=Socio-éducatif",
        "job=Educateur",
    ] {
        let out = Case::fixture(FUNDING).simulate_both_ways(&[
            "dated.toml",
            "--where",
            key,
            "--format",
            "csv",
        ]);
        assert_eq!(out, all, "{key}");
    }
}

#[test]
fn a_filter_that_names_or_keeps_nothing_is_an_error() {
    let run = |filter: &str| {
        Case::fixture(FUNDING)
            .args(&[
                "simulate",
                "dated.toml",
                "--where",
                filter,
                "--output",
                "out.csv",
            ])
            .run()
    };
    run("colour=red").code(2).stderr_has(
        "unknown key `colour` (expected one of: departement, region, convention, job, filiere, funder, sector, establishment)",
    );
    run("departement=99")
        .code(2)
        .stderr_has("--where departement=99: `99` is not a département code");
    run("convention=ccn66").code(2).stderr_has(
        "--where convention=ccn66: `ccn66` is not a convention of conventions.csv (c1)",
    );
    // A valid département that no row has: the message lists those rows have.
    run("departement=01").code(2).stderr_has(
        "workforce.csv: no row matches --where departement=01: no row has `departement=01`; the rows have departement: 21, 25",
    );
    let out = Case::fixture(FUNDING)
        .command_line("simulate dated.toml --where departement=25 --where funder=etat")
        .run();
    out.code(2).stderr_has("no row matches --where departement=25 funder=etat: `departement=25` alone keeps 1 row; `funder=etat` alone keeps 1 row");
}

#[test]
fn every_command_takes_the_filter() {
    let case = Case::fixture(FUNDING);
    let dir = case.path();
    // compare: only département 25, whose cost rises with 2/3 → 1/2 nowhere
    // (the same scenario twice): zero differences, one row per year.
    let out = Case::in_dir(dir)
        .command_line("compare dated.toml dated.toml --where departement=25 --format csv")
        .run();
    out.success();
    assert_eq!(out.stdout.lines().count(), 3, "{}", out.stdout);
    // check: the verdict says which rows the baseline covers.
    Case::in_dir(dir)
        .command_line("check dated.toml --baseline base.csv --bless --where departement=25")
        .run()
        .success()
        .stdout_has("blessed base.csv (2 rows) (rows kept by --where departement=25)");
    Case::in_dir(dir)
        .command_line("check dated.toml --baseline base.csv --where departement=25")
        .run()
        .success()
        .stdout_has(
            "ok: 2 rows of base.csv within tolerance 0 € (rows kept by --where departement=25)",
        );
    // explain: an employee the filter leaves out is not found.
    Case::in_dir(dir)
        .command_line("explain dated.toml --employee A --where departement=25")
        .run()
        .code(2)
        .stderr_has("no employee `A`");
    Case::in_dir(dir)
        .command_line("explain dated.toml --employee C --where departement=25")
        .run()
        .success();
    // validate: a filter that keeps nothing is one of its errors.
    Case::in_dir(dir)
        .command_line("validate dated.toml --where departement=01")
        .run()
        .code(2)
        .stdout_has("no row matches --where departement=01");
}

#[test]
fn the_report_of_one_departement_names_it_and_divides_by_nobody() {
    let case = Case::fixture(FUNDING)
        .command_line("report dated.toml --where departement=21 --out r.html");
    case.run().success();
    let page = case.read("r.html");
    assert!(page.contains("<h1>Dated funding across a year boundary: derivations in README.md — Côte-d&#39;Or (21)</h1>"), "title");
    assert!(page.contains("id=\"partial\""));
    assert!(!page.contains("Par habitant"));
    assert!(
        page.contains("<th>Effectifs restreints par</th><td><code>--where departement=21</code>")
    );
    // 21 alone: 1276.00 + 3132.00 = 4408.00 over the horizon (README).
    assert!(page.contains("4\u{202f}408,00\u{a0}€"), "total");
    // Per inhabitant on part of a workforce is refused.
    Case::fixture(FUNDING)
        .command_line("report dated.toml --where departement=21 --metric delta_cost_per_inhabitant --format svg")
        .run()
        .code(2)
        .stderr_has("with --where departement=21 the workforce is partial");
}

#[test]
fn solve_prices_the_rows_of_where_alone() {
    // Row C (département 25) alone in 2025, from the fixture's README:
    // 145.00 in January and 51.78 for 10 days of February at 100 €, so a
    // target of 196.78 gives 100.00. At 100.01: January 100.01 + 45.00,
    // February round(100.01 × 10 ÷ 28 = 35.718) = 35.72 + round(16.074)
    // = 16.07: 196.80. Without --where, A and B cost too and the answer is
    // far smaller.
    let case = Case::fixture(FUNDING);
    let solve = |filter: &[&str]| {
        let mut args = vec![
            "solve",
            "dated.toml",
            "--measure",
            "m",
            "--year",
            "2025",
            "--target",
            "196.78",
            "--format",
            "csv",
        ];
        args.extend(filter);
        case.run_with(&args)
    };
    solve(&["--where", "departement=25"])
        .success()
        .stdout_is("measure,parameter,value,cost,cost_next\nm,amount,100.00,196.78,196.80\n");
    let all = solve(&[]);
    all.success();
    assert!(!all.stdout.contains(",100.00,"), "{}", all.stdout);
}

#[test]
fn compare_honours_where_on_both_scenarios() {
    // Département 25 in 2025 (README): 196.78 under both fundings;
    // departement 65.59 (dated) against 78.71 (by funder).
    let case = Case::fixture(FUNDING);
    let out = case.run_with(&[
        "compare",
        "dated.toml",
        "by-funder.toml",
        "--where",
        "departement=25",
        "--by",
        "year",
        "--format",
        "csv",
    ]);
    out.success()
        .stdout_has("\n2025,196.78,196.78,0.00,0.00,65.59,78.71,13.12,20.00,131.19,0.00,-131.19,-100.00,0.00,118.07,118.07,\n");
}

#[test]
fn solve_for_a_payer_of_a_funding_of_several_tables_is_refused() {
    // Its cost is split per table in force (rule 52), which the pass that
    // solve prices from does not keep: a clear refusal, not a guess.
    Case::fixture(FUNDING)
        .args(&[
            "solve",
            "by-funder.toml",
            "--measure",
            "m",
            "--payer",
            "departement",
            "--target",
            "100",
        ])
        .run()
        .code(2)
        .stderr_has("has a dated or by-funder funding");
}
