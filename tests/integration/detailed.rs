//! `revalo simulate` with `payroll = "detailed"`: the one-employee case of
//! `tests/fixtures/detailed-case/README.md`, derived by hand line by line.

use crate::util::{csv_rows, Case};

const CASE: &str = "detailed-case";

#[test]
fn detailed_case_by_year() {
    // Δemployer 548.31 = contributions 189.73 + RG lost 286.34 + TS 72.24.
    let case = Case::fixture(CASE).command_line("simulate scenario.toml --by year");
    case.prints_file("expected_year.csv");
}

#[test]
fn detailed_case_by_measure_year() {
    // a-gross: 3 × (35.72 + 53.91 + 13.60) = 309.69; b-net: ΔG = 183 /
    // 0.7915975 = 231.18, Δemployer 82.57 + 124.61 + 31.44 = 238.62.
    let case = Case::fixture(CASE).command_line("simulate scenario.toml --by measure,year");
    case.prints_file("expected_measure_year.csv");
}

#[test]
fn a_row_can_override_the_employer_facts() {
    // taxe_salaires = false on the row: Δemployer 548.31 − 72.24 = 476.07.
    let case = Case::fixture(CASE)
        .edit("scenario.toml", "workforce.csv", "workforce-overrides.csv")
        .command_line("simulate scenario.toml --by year");
    let out = case.run();
    out.success();
    let rows = csv_rows(&out.stdout);
    assert_eq!(
        rows[1][5..10],
        ["476.07", "189.73", "286.34", "0.00", "1007.25"]
    );
}

#[test]
fn the_breakdown_sums_to_delta_employer_in_json_and_table() {
    let out = Case::fixture(CASE)
        .command_line("simulate scenario.toml --by year --format json")
        .run();
    out.success();
    out.stdout_has("\"delta_reduction_generale\": \"286.34\"");
    let out = Case::fixture(CASE)
        .command_line("simulate scenario.toml --by year --format table")
        .run();
    out.success();
    out.stdout_has("delta_taxe_salaires");
    out.stdout_has("1 079,49");
}

#[test]
fn bad_employer_facts_are_located() {
    let case = Case::fixture(CASE)
        .edit(
            "scenario.toml",
            "size = \"ge50\"",
            "size = \"big\"\ncolour = 1",
        )
        .edit(
            "scenario.toml",
            "payroll = \"detailed\"",
            "payroll = \"exact\"",
        );
    case.simulate_fails_with(
        "scenario.toml:6:11: unknown payroll model `exact` (expected flat or detailed)",
    )
    .stderr_has("`size` must be \"lt50\"")
    .stderr_has("unknown key `colour` in `employer`");
}

#[test]
fn bad_override_columns_are_located() {
    let case = Case::fixture(CASE)
        .edit(
            "workforce-overrides.csv",
            "ge50,0.0222,false",
            "big,0.0222,false",
        )
        .edit("scenario.toml", "workforce.csv", "workforce-overrides.csv");
    case.simulate_fails_with(
        "workforce-overrides.csv:2:7: invalid value `big` in column `employer_size`",
    );
}

#[test]
fn a_horizon_before_the_schedule_names_the_missing_parameter() {
    // payroll.csv begins on 2020-01-01.
    let case = Case::fixture(CASE)
        .edit("grids/point_values.csv", "2020-01-01", "2010-01-01")
        .edit(
            "scenario.toml",
            "years = [2025, 2025]",
            "years = [2019, 2025]",
        )
        .edit("scenario.toml", "from = \"2025-10\"", "from = \"2019-10\"");
    case.simulate_fails_with("parameters: no `smic_monthly` for sector prive_non_lucratif in force in 2019-01 to 2019-12 (12 months of the horizon 2019–2025): add a row `smic_monthly,prive_non_lucratif,2019-01-01,<value>` (docs/payroll.md); first needed by workforce.csv:2");
}

/// The fast path and the month-by-month reference (hidden `--reference`)
/// print the same bytes on a generated workload under the detailed model:
/// thousands of rows repeating whole years on one grid position (the fast
/// path's table), partial months, weights, overseas départements, for
/// groupings with and without measure as a key. `generate` writes
/// `payroll.csv` beside the flat rates, so both models floor the lowest grid positions at the SMIC
/// (docs/formats.md, rule 33).
#[test]
fn the_fast_path_prints_what_the_reference_prints() {
    let case = Case::new().command_line("generate --employees 3000 --seed 7 --out w");
    case.run().success();
    for model in ["payroll=detailed", "payroll=flat"] {
        for by in ["departement,year", "region,measure,year", "funder,filiere"] {
            let fast = case.simulate_both_ways(&[
                "w/scenario.toml",
                "--set",
                model,
                "--by",
                by,
                "--format",
                "csv",
            ]);
            assert!(fast.lines().count() > 10, "{fast}");
        }
    }
}
