//! `revalo compare` end to end on the hand case, whose figures are derived
//! in `tests/fixtures/hand-case/README.md`.

use crate::util::{csv_rows, Case};

const HAND: &str = "hand-case";

/// The hand case with both measures restricted to département 01: B (2A)
/// and C (971) are no longer eligible, so 2A and 971 disappear.
fn with_narrow(case: Case) -> Case {
    let text = case.read("scenario.toml").replace(
        "eligible = { convention = [\"c1\"] }",
        "eligible = { convention = [\"c1\"], departement = [\"01\"] }",
    );
    let text = text.replace(
        "sector = [\"prive_non_lucratif\"] }",
        "sector = [\"prive_non_lucratif\"], departement = [\"01\"] }",
    );
    case.write("narrow.toml", text)
}

#[test]
fn compare_by_departement_year_csv() {
    let out = with_narrow(Case::fixture(HAND))
        .command_line("compare scenario.toml narrow.toml")
        .run();
    out.success();
    let rows = csv_rows(&out.stdout);
    assert_eq!(
        rows[0][..7],
        [
            "departement",
            "year",
            "delta_cost_base",
            "delta_cost_variant",
            "delta_cost_diff",
            "delta_cost_diff_pct",
            "share_etat_base"
        ]
    );
    // 01 is unchanged: A costs 2916.57 + 88.28 = 3004.85 on both sides.
    assert_eq!(
        rows[1][..6],
        ["01", "2024", "3004.85", "3004.85", "0.00", "0.00"]
    );
    // 2A is in the base only: B costs 4849.51 + 78.48 = 4927.99, zero in
    // the variant, −4927.99 ÷ 4927.99 × 100 = −100.00.
    assert_eq!(
        rows[2][..6],
        ["2A", "2024", "4927.99", "0.00", "-4927.99", "-100.00"]
    );
    // share_etat of 2A: 3233.01 + 26.16 = 3259.17 → 0.
    assert_eq!(rows[2][6..10], ["3259.17", "0.00", "-3259.17", "-100.00"]);
    // 971: C's 9.12 of b-pv.
    assert_eq!(
        rows[3][..6],
        ["971", "2024", "9.12", "0.00", "-9.12", "-100.00"]
    );
    assert_eq!(rows.len(), 4);
}

#[test]
fn a_group_only_in_the_variant_has_an_empty_relative_difference() {
    let out = with_narrow(Case::fixture(HAND))
        .command_line("compare narrow.toml scenario.toml --by departement")
        .run();
    out.success();
    let rows = csv_rows(&out.stdout);
    // Base 0: the relative difference is empty.
    assert_eq!(rows[2][..5], ["2A", "0.00", "4927.99", "4927.99", ""]);
}

#[test]
fn set_variant_changes_one_side() {
    // a-net restricted to 01 in the variant: 2A keeps only b-pv's 78.48;
    // 78.48 − 4927.99 = −4849.51, −4849.51 ÷ 4927.99 × 100 = −98.407… → −98.41.
    let out = Case::fixture(HAND)
        .command_line("compare scenario.toml scenario.toml --set-variant measure.a-net.eligible.departement=01 --format csv")
        .run();
    out.success();
    let rows = csv_rows(&out.stdout);
    assert_eq!(
        rows[2][..6],
        ["2A", "2024", "4927.99", "78.48", "-4849.51", "-98.41"]
    );
}

#[test]
fn json_and_table_formats() {
    let out = with_narrow(Case::fixture(HAND))
        .command_line("compare scenario.toml narrow.toml --format json")
        .run();
    out.success();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v[1]["departement"], "2A");
    assert_eq!(v[1]["year"], 2024);
    assert_eq!(v[1]["delta_cost_diff"], "-4927.99");

    let out = with_narrow(Case::fixture(HAND))
        .command_line("compare scenario.toml narrow.toml --format table")
        .run();
    out.success()
        .stdout_has("2A Corse-du-Sud")
        .stdout_has("-4 927,99")
        // Total: base 3004.85 + 4927.99 + 9.12 = 7941.96.
        .stdout_has("7 941,96");
}

#[test]
fn a_bad_variant_is_named() {
    Case::fixture(HAND)
        .write("bad.toml", "years = 2024\n")
        .command_line("compare scenario.toml bad.toml")
        .run()
        .code(2)
        .stderr_has("bad.toml:1:9");
}
