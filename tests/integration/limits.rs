//! The limits of what revalo reads (docs/formats.md, rules 40–44): every
//! number out of its documented range, a horizon too wide, a scenario too
//! large or not UTF-8, an unknown payer. Each is exit 2, a message with
//! file, line and column, and no output file — never a panic (exit 101),
//! never a figure computed from nonsense.

use crate::util::Case;

const HAND: &str = "hand-case";
const DETAILED: &str = "detailed-case";

#[test]
fn a_horizon_outside_1990_2100_or_over_50_years() {
    // Line 2 is `years = [2024, 2024]`: the array starts at column 9, its
    // first item at 10, the second at 16.
    let case = Case::fixture(HAND).edit("scenario.toml", "[2024, 2024]", "[1, 2024]");
    case.simulate_fails_with(
        "scenario.toml:2:10: year 1 is outside 1990–2100, the years revalo computes",
    );
    // Took 64 s and 4 GB on 300 rows before the bound.
    let case = Case::fixture(HAND).edit("scenario.toml", "[2024, 2024]", "[2022, 9999]");
    case.simulate_fails_with(
        "scenario.toml:2:16: year 9999 is outside 1990–2100, the years revalo computes",
    );
    let case = Case::fixture(HAND).edit("scenario.toml", "[2024, 2024]", "[2000, 2060]");
    case.simulate_fails_with(
        "scenario.toml:2:9: `years` = [2000, 2060] spans 61 years; a horizon has at most 50 years",
    );
    let case = Case::fixture(HAND).edit("scenario.toml", "[2024, 2024]", "[2026, 2022]");
    case.simulate_fails_with(
        "scenario.toml:2:9: `years` = [2026, 2022]: the first year is after the last",
    );
    // The same check for an override, which names the flag.
    Case::fixture(HAND)
        .command_line("simulate scenario.toml --set years=2022..9999")
        .run()
        .code(2)
        .stderr_has(
            "--set years=2022..9999: year 9999 is outside 1990–2100, the years revalo computes",
        );
}

#[test]
fn a_scenario_over_1_mib_or_not_utf8() {
    let mut text = Case::fixture(HAND).read("scenario.toml");
    text.push_str(&format!("# {}\n", "x".repeat(1 << 20)));
    let case = Case::fixture(HAND).write("scenario.toml", text);
    case.simulate_fails_with("scenario.toml: the scenario file is larger than 1 MiB, the limit");
    // `é` in Windows-1252 (0xE9) in the name: line 1, the 29th character.
    let text = Case::fixture(HAND).read("scenario.toml");
    let mut bytes = text
        .replacen("Hand-checked", "Hand-ch\u{0}cked", 1)
        .into_bytes();
    let at = bytes.iter().position(|b| *b == 0).unwrap();
    bytes[at] = 0xE9;
    let case = Case::fixture(HAND).write("scenario.toml", bytes);
    case.simulate_fails_with(
        "scenario.toml:1:16: byte 0xE9 is not UTF-8 text: save the scenario as UTF-8",
    );
}

#[test]
fn an_unknown_payer_is_an_error_with_the_closest_name() {
    // Line 13: `funding = { etat = "2/3", departement = "1/3" }`.
    let case = Case::fixture(HAND).edit(
        "scenario.toml",
        "departement = \"1/3\" }",
        "departemnt = \"1/3\" }",
    );
    case.simulate_fails_with(
        "scenario.toml:13:27: unknown payer `departemnt`: did you mean `departement`? \
         (known payers: etat, departement, assurance_maladie, cnsa, region, commune, employeur; \
         declare another with `payers = [\"departemnt\"]`)",
    );
    // A payer the scenario declares gets its column, after `etat` as
    // written (docs/formats.md, rule 14).
    let case = Case::fixture(HAND)
        .edit(
            "scenario.toml",
            "departement = \"1/3\" }",
            "caf = \"1/3\" }",
        )
        .edit(
            "scenario.toml",
            "parameters = \"parameters\"",
            "parameters = \"parameters\"\npayers = [\"caf\"]",
        );
    let out = case
        .command_line("simulate scenario.toml --format csv")
        .run();
    out.success()
        .stdout_has("share_etat,share_caf,share_departement,share_assurance_maladie");
}

#[test]
fn numbers_out_of_range_in_the_scenario() {
    // Line 16 of the detailed case: `amount = "100"` (the value at 10).
    // 1e15 under the detailed model panicked in rust_decimal.
    let case = Case::fixture(DETAILED).edit("scenario.toml", "amount = \"100\"", "amount = 1e15");
    case.simulate_fails_with(
        "scenario.toml:16:10: `amount` 1000000000000000 is out of range: expected euros a month, −100000 ≤ amount ≤ 100000",
    );
    // Line 18 of the hand case: `percent = "1.5"`.
    let case = Case::fixture(HAND).edit("scenario.toml", "percent = \"1.5\"", "percent = 1e23");
    case.simulate_fails_with(
        "scenario.toml:18:11: `percent` 100000000000000000000000 is out of range: expected a rise of the point in percent, −100 ≤ percent ≤ 100",
    );
    let case = Case::fixture(HAND).edit(
        "scenario.toml",
        "percent = \"1.5\"",
        "amount = \"100000000000000000000000\"",
    );
    case.simulate_fails_with(
        "scenario.toml:18:10: `amount` 100000000000000000000000 is out of range: expected the new value of the point in euros, 0 < amount ≤ 100000",
    );
    let case = Case::fixture(HAND).edit(
        "scenario.toml",
        "departement = \"1/3\" }",
        "departement = \"0.0000000001\" }",
    );
    case.simulate_fails_with("scenario.toml:13:41: share of `departement` must be a fraction or a decimal between 0 and 1 (\"2/3\", \"0.25\", 1), its denominator at most 10⁹");
}

#[test]
fn numbers_out_of_range_in_the_workforce_grids_and_parameters() {
    let case = Case::fixture(HAND).edit(
        "workforce.csv",
        "A,01,c1,ES,1,2023-06-15,,,etat,,",
        "A,01,c1,ES,1,2023-06-15,,,etat,,100000000000000000000000",
    );
    case.simulate_fails_with("workforce.csv:2:11: invalid value `100000000000000000000000` in column `weight` (expected a decimal weight 0 ≤ weight ≤ 1000000, or nothing for 1)");
    // Line 3 of the grid: `ES,Educateur,socio-educatif,2,12,450,10`.
    let case = Case::fixture(HAND).edit("grids/c1.csv", "2,12,450,10", "2,12,450,-200");
    case.simulate_fails_with("c1.csv:3:7: invalid value `-200` in column `complement_pct` (expected a percentage 0 ≤ complement_pct ≤ 100, or nothing)");
    let case = Case::fixture(HAND).edit("grids/c1.csv", "2,12,450,10", "2,12,450,1e23");
    case.simulate_fails_with("c1.csv:3:7: invalid value `1e23` in column `complement_pct`");
    let case = Case::fixture(HAND).edit("grids/c1.csv", "2,12,450,10", "2,12000,450,10");
    case.simulate_fails_with("c1.csv:3:5: invalid value `12000` in column `seniority_months` (expected a whole number of months from 0 to 1200)");
    let case =
        Case::fixture(HAND).edit("grids/point_values.csv", "4.10", "100000000000000000000000");
    case.simulate_fails_with("point_values.csv:3:3: invalid value `100000000000000000000000` in column `value` (expected a value of the point in euros, 0 < value ≤ 100000)");
    // An employee rate of 1.5 made +183 € net cost −474.72 €; −0.5 gave a
    // ΔG below the net amount; 1 divided by zero.
    for rate in ["1.5", "-0.5", "1"] {
        let case = Case::fixture(HAND).edit(
            "parameters/parameters.csv",
            "employee_rate,prive_non_lucratif,2010-01-01,0.2",
            &format!("employee_rate,prive_non_lucratif,2010-01-01,{rate}"),
        );
        case.simulate_fails_with(&format!("parameters.csv:2:4: invalid value `{rate}` in column `value` (expected a rate 0 ≤ r < 1 (the share of gross withheld) for `employee_rate`)"));
    }
}

#[test]
fn a_delta_beyond_the_bound_is_located_at_its_measure() {
    // An employee rate within its range (< 1) but a hair below 1 makes the
    // 183 € net of `a-net` (line 8) a gross of 1.83 × 10¹¹ €: beyond the
    // bound of rule 44, an error at the measure, naming the first row that
    // needs it (A is at echelon 1 in April 2024, 9 months after its
    // seniority date).
    let case = Case::fixture(HAND).edit("parameters/parameters.csv", ",0.2\n", ",0.999999999\n");
    case.simulate_fails_with(
        "scenario.toml:8:6: measure `a-net`: its ΔG is beyond 100000000 € a month for convention `c1`, job `ES`, echelon 1 in 2024-04 (docs/formats.md, rule 44): check its amount and the employee rates of sector prive_non_lucratif; first needed by workforce.csv:2",
    );
}

#[test]
fn detailed_parameters_out_of_the_range_of_their_unit() {
    // Each parameter's unit sets its range (rule 43): euros, a multiple, a
    // rate, the formula, the exponent. Line 30 is the PMSS of 2024.
    let case = Case::fixture(DETAILED).edit(
        "parameters/payroll.csv",
        "pmss,prive_non_lucratif,2024-01-01,3864,",
        "pmss,prive_non_lucratif,2024-01-01,100000000000000000000000,",
    );
    case.simulate_fails_with("payroll.csv:30:4: invalid value `100000000000000000000000` in column `value` (expected an amount in euros, 0 ≤ v ≤ 1000000 for `pmss`)");
    let case = Case::fixture(DETAILED);
    let payroll = case.read("parameters/payroll.csv");
    let (line, row) = payroll
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("rg_formula,"))
        .unwrap();
    let bad = row.replacen(",1,", ",3,", 1);
    let case = case.edit("parameters/payroll.csv", row, &bad);
    case.simulate_fails_with(&format!(
        "payroll.csv:{}:4: invalid value `3` in column `value` (expected 1 or 2 for `rg_formula`)",
        line + 1
    ));
}
