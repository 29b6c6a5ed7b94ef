//! The SMIC floor (docs/formats.md, rules 27 and 28) end to end: the
//! agent de bureau of `tests/fixtures/smic-floor/README.md`, paid below the
//! SMIC by the CCN 66 grid in 2024, derived by hand line by line.

use crate::util::{csv_rows, Case};

const CASE: &str = "smic-floor";

#[test]
fn smic_floor_case_by_measure_year() {
    // a-above: Δemployer 1021.44 + 1539.76 + 388.42 = 2949.62 on a base of
    // 10 × 1766.92 + 2 × 1801.80 = 21272.80; b-absorbs: ΔG 27.17 for ten
    // months, 0 in November and December, Δemployer 281.35.
    Case::fixture(CASE)
        .command_line("simulate scenario.toml --by measure,year")
        .prints_file("expected_measure_year.csv");
}

#[test]
fn smic_floor_case_by_year() {
    // Both measures, the base counted once: Δcost 6358.67.
    Case::fixture(CASE)
        .command_line("simulate scenario.toml --by year")
        .prints_file("expected_year.csv");
}

#[test]
fn the_reference_engine_prints_the_same_bytes() {
    Case::fixture(CASE)
        .command_line("simulate scenario.toml --by measure,year --reference")
        .prints_file("expected_measure_year.csv");
}

#[test]
fn a_rise_above_the_floor_loses_reduction_generale() {
    // Without the floor the grid pay 1556.09 is below the SMIC, where the
    // réduction générale is capped at T × G, and 238 € more raised it by
    // 556.71 − 503.24 = 53.47 in January (a negative "réduction générale
    // lost"). Floored at 1766.92, January loses 571.42 − 443.09 = 128.33.
    let out = Case::fixture(CASE)
        .command_line(
            "simulate scenario.toml --by measure,year --set measure.a-above.until=2024-01",
        )
        .run();
    out.success();
    let rows = csv_rows(&out.stdout);
    let rg = rows[0]
        .iter()
        .position(|c| c == "delta_reduction_generale")
        .unwrap();
    assert_eq!(rows[1][0], "a-above");
    assert_eq!(rows[1][rg], "128.33");
}

#[test]
fn explain_shows_the_indemnite_and_the_reduction_generale_lost_each_month() {
    // Without the floor the grid pay 1556.09 is below the SMIC, where the
    // réduction générale is capped at T × G, and 238 € more would raise it
    // (−53.47 a month). Floored, each month loses 571.42 − 443.09 = 128.33
    // (January–October) or 582.70 − 454.47 = 128.23 (November–December).
    let out = Case::fixture(CASE)
        .command_line("explain scenario.toml --employee ADM1 --format csv")
        .run();
    out.success();
    let rows = csv_rows(&out.stdout);
    let column = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
    let (month, measure) = (column("period"), column("measure"));
    let (top_up, base) = (column("indemnite_differentielle"), column("base_full_time"));
    let (delta, rg) = (
        column("delta_full_time"),
        column("delta_reduction_generale"),
    );
    let above: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[0] == "month" && r[measure] == "a-above")
        .collect();
    assert_eq!(above.len(), 12);
    for r in &above {
        let november = r[month].as_str() >= "2024-11";
        let expected = if november {
            ["245.71", "1801.80", "238.00", "128.23"]
        } else {
            ["210.83", "1766.92", "238.00", "128.33"]
        };
        assert_eq!(
            [&r[top_up], &r[base], &r[delta], &r[rg]],
            expected,
            "{}",
            r[month]
        );
    }
    // b-absorbs: max(1556.09 + 238, 1766.92) − 1766.92 = 27.17, then
    // max(1794.09, 1801.80) − 1801.80 = 0.
    let absorbed: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r[0] == "month" && r[measure] == "b-absorbs")
        .map(|r| (r[month].as_str(), r[delta].as_str()))
        .collect();
    assert_eq!(absorbed[0], ("2024-01", "27.17"));
    assert_eq!(absorbed[9], ("2024-10", "27.17"));
    assert_eq!(absorbed[10], ("2024-11", "0.00"));
}

#[test]
fn a_complement_left_out_of_the_comparison_is_paid_on_top() {
    // complement_in_smic = false: C = round(373 × 3.82) = 1424.86, the
    // indemnité 1766.92 − 1424.86 = 342.06, B = 1556.09 + 342.06 = 1898.15
    // in January (the SMIC plus the ISS of 131.23).
    let out = Case::fixture(CASE)
        .edit("grids/conventions.csv", ",true", ",false")
        .command_line("explain scenario.toml --employee ADM1 --year 2024 --format csv")
        .run();
    out.success();
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows[1][10..12], ["342.06", "1898.15"]);
}

#[test]
fn set_can_make_a_measure_absorb_the_indemnite() {
    // a-above switched to `absorbs` costs what b-absorbs costs: 553.05.
    let out = Case::fixture(CASE)
        .command_line(
            "simulate scenario.toml --by measure,year --set measure.a-above.smic_floor=absorbs",
        )
        .run();
    out.success();
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows[1][0], "a-above");
    assert_eq!(rows[1][5..11], rows[2][5..11]);
    assert_eq!(rows[1][10], "553.05");
}

#[test]
fn validate_counts_the_employee_months_under_the_floor() {
    Case::fixture(CASE)
        .command_line("validate scenario.toml")
        .run()
        .success()
        .stdout_is(
            "grids/conventions.csv:2:1: warning: the grid of convention `ccn66` pays less than the SMIC in 12 employee-months (12 weighted) between 2024-01 and 2024-12, among the months a measure applies to: their base is the SMIC, the difference paid as an indemnité différentielle (docs/formats.md, rule 33); by job: ADM 12\n0 errors, 1 warning\n",
        );
}

#[test]
fn bad_smic_floor_values_are_located() {
    let case = Case::fixture(CASE)
        .edit(
            "scenario.toml",
            "smic_floor = \"absorbs\"",
            "smic_floor = \"below\"",
        )
        .edit(
            "scenario.toml",
            "kind = \"gross_monthly\"\namount = \"238\"\nfrom = \"2024-01\"\nfunding",
            "kind = \"point_value\"\npercent = \"1\"\nfrom = \"2024-01\"\nsmic_floor = \"above\"\nfunding",
        );
    case.simulate_fails_with("scenario.toml:14:14: a point_value measure changes the grid pay that is compared with the SMIC, so it always absorbs the indemnité différentielle")
        .stderr_has("scenario.toml:24:14: `smic_floor` must be \"above\"");
}

#[test]
fn a_bad_complement_in_smic_is_located() {
    Case::fixture(CASE)
        .edit("grids/conventions.csv", ",true", ",maybe")
        .simulate_fails_with(
            "grids/conventions.csv:2:6: invalid value `maybe` in column `complement_in_smic`",
        );
}

#[test]
fn the_report_says_which_measure_absorbs_the_indemnite() {
    let case = Case::fixture(CASE).command_line("report scenario.toml --out report.html");
    case.run().success();
    // b-absorbs under its chart and in the assumptions; a-above, the
    // default, is described as before.
    let html = case.read("report.html");
    let absorbs = "brut par mois (temps plein), compté dans la comparaison avec le SMIC (absorbe l’indemnité différentielle)";
    assert_eq!(html.matches(absorbs).count(), 2);
    let above = "brut par mois (temps plein), à partir de 2024-01";
    assert_eq!(html.matches(above).count(), 1);
}
