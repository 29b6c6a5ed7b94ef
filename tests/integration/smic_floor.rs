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
