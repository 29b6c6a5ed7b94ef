//! One test per class of bad input: exit code 2, a message naming the file,
//! line and column, and no output file left behind.

use crate::util::Case;

const HAND: &str = "hand-case";

#[test]
fn missing_column() {
    let case = Case::fixture(HAND).edit("workforce.csv", ",fte,", ",working_time,");
    case.simulate_fails_with(
        "workforce.csv:1: missing column `fte` (accepted headers: `fte`, `etp`, `équivalent temps plein`, ",
    )
    .stderr_has("`pourcentage de temps de travail`)");
}

#[test]
fn unknown_departement() {
    // 20 was split into 2A and 2B in 1976; it is not a département.
    let case = Case::fixture(HAND).edit("workforce.csv", "A,01,", "A,20,");
    case.simulate_fails_with("workforce.csv:2:2: invalid value `20` in column `departement` (expected a département code");
}

#[test]
fn fte_out_of_range() {
    let case = Case::fixture(HAND).edit("workforce.csv", "ES,1,", "ES,1.5,");
    case.simulate_fails_with("workforce.csv:2:5: invalid value `1.5` in column `fte` (expected a decimal working time with 0 < fte ≤ 1)");
}

#[test]
fn unknown_convention_and_job() {
    let case = Case::fixture(HAND).edit("workforce.csv", "B,2A,c1,", "B,2A,c9,");
    case.simulate_fails_with("workforce.csv:3:3: invalid value `c9` in column `convention` (expected a convention of conventions.csv: c1)");
    let case = Case::fixture(HAND).edit("workforce.csv", "971,c1,SEC", "971,c1,DIR");
    case.simulate_fails_with(
        "workforce.csv:4:4: invalid value `DIR` in column `job` (expected a job of grid `c1`",
    );
}

#[test]
fn bad_date() {
    let case = Case::fixture(HAND).edit("workforce.csv", "2023-06-15", "2023-02-30");
    case.simulate_fails_with("workforce.csv:2:6: invalid value `2023-02-30` in column `seniority_date` (expected a date YYYY-MM-DD or DD/MM/YYYY)");
    let case = Case::fixture(HAND).edit(
        "workforce.csv",
        "2024-04-16,2024-11-30",
        "2024-11-30,2024-04-16",
    );
    case.simulate_fails_with("workforce.csv:3:8: invalid value `2024-04-16` in column `end_date` (expected a date on or after start_date 2024-11-30)");
}

#[test]
fn bad_scenario_keys_are_all_reported() {
    let case = Case::fixture(HAND)
        .edit("scenario.toml", "amount = \"183.00\"", "amout = \"183.00\"")
        .edit(
            "scenario.toml",
            "percent = \"1.5\"",
            "percent = \"1.5\"\ncolour = \"red\"",
        );
    case.simulate_fails_with("scenario.toml:10:1: unknown key `amout` in a measure")
        .stderr_has("scenario.toml:7:1: missing key `amount` in a net_monthly measure")
        .stderr_has("scenario.toml:19:1: unknown key `colour` in a measure");
}

#[test]
fn shares_not_summing_to_one() {
    let case = Case::fixture(HAND).edit(
        "scenario.toml",
        "departement = \"1/3\" }",
        "departement = \"1/4\" }",
    );
    case.simulate_fails_with(
        "scenario.toml:13:11: funding shares must sum to exactly 1, not 11/12",
    );
}

#[test]
fn bad_values_in_grids_and_parameters() {
    let case = Case::fixture(HAND).edit("grids/point_values.csv", "4.10", "4.1O");
    case.simulate_fails_with("point_values.csv:3:3: invalid value `4.1O` in column `value` (expected a value of the point in euros, 0 < value ≤ 100000)");
    let case = Case::fixture(HAND).edit(
        "parameters/parameters.csv",
        "employer_rate,prive_non_lucratif,2024",
        "employer_tax,prive_non_lucratif,2024",
    );
    case.simulate_fails_with("parameters.csv:4:1: invalid value `employer_tax` in column `parameter` (expected a known parameter");
    let case = Case::fixture(HAND).edit("grids/point_values.csv", "c1,2024-07-01", "c1,2020-01-01");
    case.simulate_fails_with(
        "point_values.csv:3:2: a second point value for `c1` effective 2020-01-01",
    );
}

#[test]
fn a_point_value_missing_for_a_month_of_the_horizon() {
    // The grid has no value before 2020; move the first one to 2024-05-01:
    // January to April 2024 have none, and row A needs April (a-net starts
    // then). The message points at the file to mend, and names the row.
    let case = Case::fixture(HAND).edit("grids/point_values.csv", "c1,2020-01-01", "c1,2024-05-01");
    case.simulate_fails_with(
        "grids/point_values.csv: no value of the point of convention `c1` in force in 2024-01 to 2024-04 (4 months of the horizon 2024–2024): add a row `c1,2024-01-01,<value>`; first needed by workforce.csv:2",
    );
}

#[test]
fn missing_files_and_usage() {
    Case::new()
        .command_line("simulate nowhere.toml")
        .run()
        .code(2)
        .stderr_has("nowhere.toml: cannot read");
    Case::fixture(HAND)
        .command_line("simulate scenario.toml --by departement,colour")
        .run()
        .code(2)
        .stderr_has("invalid value 'colour' for '--by <KEYS>'");
    Case::fixture(HAND)
        .command_line("simulate scenario.toml --by year,year")
        .run()
        .code(2)
        .stderr_has("--by names `year` twice");
}

/// Line numbers are physical lines whatever the line endings: with CRLF
/// (a Windows save) and with CR alone (an old Mac save), the bad `fte` of
/// employee B is on line 3, as in the LF file.
#[test]
fn line_numbers_with_crlf_and_cr_endings() {
    for ending in ["\r\n", "\r"] {
        let case = Case::fixture(HAND);
        let text = case.read("workforce.csv").replace("ES,0.8,", "ES,1.8,");
        let text = text.replace('\n', ending);
        case.write("workforce.csv", text)
            .simulate_fails_with("workforce.csv:3:5: invalid value `1.8` in column `fte`");
    }
}
