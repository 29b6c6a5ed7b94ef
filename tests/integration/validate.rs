//! `revalo validate` end to end: clean inputs pass; several planted problems
//! are all listed at once, each with file, line and column.

use crate::util::Case;

const HAND: &str = "hand-case";

/// The hand case's parameters are flat rates without a SMIC: its figures
/// stay those of the grid, and `validate` says so (docs/formats.md, rule 33).
const NO_SMIC: &str = "parameters: warning: no smic_monthly for sector prive_non_lucratif in force in 2024-01 to 2024-12 (12 months): the SMIC floor is not applied there, the grid's pay is taken as it is (docs/formats.md, rule 33); add a row `smic_monthly,prive_non_lucratif,<date>,<monthly SMIC>` to give it\n";

#[test]
fn clean_inputs_pass() {
    Case::fixture(HAND)
        .command_line("validate scenario.toml")
        .run()
        .success()
        .stdout_is(&format!("{NO_SMIC}0 errors, 1 warning\n"));
}

#[test]
fn a_smic_in_the_parameters_floors_the_grid_and_validate_counts_it() {
    // A SMIC of 1770.00 from 2024-01-01: SEC (300 × 4.00 = 1200.00, then
    // 300 × 4.10 = 1230.00) is below it all year, ES step 1 until June
    // (400 × 4.00 × 1.1 = 1760.00; 1804.00 from July). Months where a
    // measure applies (a-net from April for ES, b-pv from November for
    // all): A (ES, step 1 until June) April–June, 3; B (ES at step 1,
    // weight 2.5, from 2024-04-16) April–June, 3; C (SEC, weight 1,
    // 2024-11-30 to 2024-12-31) November and December, 2. 8
    // employee-months, 3 + 2.5 × 3 + 2 = 12.5 weighted.
    let case = Case::fixture(HAND).edit(
        "parameters/parameters.csv",
        "employee_rate,prive_non_lucratif,2010-01-01,0.2",
        "employee_rate,prive_non_lucratif,2010-01-01,0.2\nsmic_monthly,prive_non_lucratif,2024-01-01,1770.00",
    );
    case.command_line("validate scenario.toml")
        .run()
        .success()
        .stdout_is("grids/conventions.csv:2:1: warning: the grid of convention `c1` pays less than the SMIC in 8 employee-months (12.5 weighted) between 2024-04 and 2024-12, among the months a measure applies to: their base is the SMIC, the difference paid as an indemnité différentielle (docs/formats.md, rule 33); by job: ES 6, SEC 2\n0 errors, 1 warning\n");
}

#[test]
fn the_shipped_data_is_clean() {
    let scenario = crate::util::root().join("data/scenarios/conference-2022.toml");
    Case::new()
        .args(&["validate", scenario.to_str().unwrap()])
        .run()
        .success()
        .stdout_has("0 errors");
}

const PLANTED: &str = "\
id,departement,convention,job,fte,seniority_date,start_date,end_date,funder,establishment,weight
A,01,c1,ES,1,2023-06-15,,,etat,750000001,
B,2A,c1,ES,0.8,2024-02-29,2024-04-16,2024-11-30,departement,2A0000001,2.5
A,971,c1,SEC,0.33,2023-10-31,2024-11-30,2024-12-31,,,1
D,01,c1,XX,1,2020-01-01,,,,,
E,01,c1,ES,1.5,2020-01-01,,,,,
F,01,c1,ES,1,2024-06-01,,2024-05-31,,,
G,01,c1,XX,1,2020-02-30,,,,,
";

const NOBODY: &str = "
[[measure]]
id = \"paris-only\"
kind = \"gross_monthly\"
amount = 10
from = \"2024-01\"
eligible = { departement = [\"75\"] }
funding = { etat = 1 }
";

#[test]
fn every_planted_problem_is_listed_with_its_place() {
    let case = Case::fixture(HAND)
        .write("workforce.csv", PLANTED)
        // The first point value now comes in May: January to April 2024
        // have none, and row A needs April (a-net starts then).
        .edit(
            "grids/point_values.csv",
            "c1,2020-01-01,4.00",
            "c1,2024-05-01,4.00",
        );
    let out = case.command_line("validate scenario.toml").run();
    // The missing value comes once, at the first row that needs it; row G
    // has two problems, both listed; a seniority date after the end date
    // is a warning (the first step applies throughout).
    out.code(2).stdout_is(
        "\
workforce.csv:2:10: warning: FINESS `750000001` does not begin with `01`, the prefix of département 01 (Ain)
grids/point_values.csv: error: no value of the point of convention `c1` in force in 2024-01 to 2024-04 (4 months of the horizon 2024–2024): add a row `c1,2024-01-01,<value>`; first needed by workforce.csv:2
workforce.csv:4:1: error: duplicate id `A` (first on line 2)
workforce.csv:5:4: error: invalid value `XX` in column `job` (expected a job of grid `c1` (convention `c1`))
workforce.csv:6:5: error: invalid value `1.5` in column `fte` (expected a decimal working time with 0 < fte ≤ 1)
workforce.csv:7:6: warning: seniority date 2024-06-01 is after the end date 2024-05-31: the first step applies throughout
workforce.csv:8:4: error: invalid value `XX` in column `job` (expected a job of grid `c1` (convention `c1`))
workforce.csv:8:6: error: invalid value `2020-02-30` in column `seniority_date` (expected a date YYYY-MM-DD or DD/MM/YYYY)
parameters: warning: no smic_monthly for sector prive_non_lucratif in force in 2024-01 to 2024-12 (12 months): the SMIC floor is not applied there, the grid's pay is taken as it is (docs/formats.md, rule 33); add a row `smic_monthly,prive_non_lucratif,<date>,<monthly SMIC>` to give it
6 errors, 3 warnings
",
    );
    out.stderr_has("validation found 6 errors (and 3 warnings)");
}

#[test]
fn a_measure_that_applies_to_nobody_is_a_warning_at_its_id() {
    let case = Case::fixture(HAND);
    let scenario = case.read("scenario.toml") + NOBODY;
    let out = case
        .write("scenario.toml", scenario)
        .command_line("validate scenario.toml")
        .run();
    out.success().stdout_is(
        "\
scenario.toml:24:6: warning: measure `paris-only` applies to nobody: no employee matches its filters while present between 2024-01 and 2024-12
parameters: warning: no smic_monthly for sector prive_non_lucratif in force in 2024-01 to 2024-12 (12 months): the SMIC floor is not applied there, the grid's pay is taken as it is (docs/formats.md, rule 33); add a row `smic_monthly,prive_non_lucratif,<date>,<monthly SMIC>` to give it
0 errors, 2 warnings
",
    );
}

#[test]
fn every_scenario_problem_is_listed_and_the_rest_checked() {
    let case = Case::fixture(HAND)
        .edit("scenario.toml", "kind = \"net_monthly\"", "kind = \"net\"")
        .edit("scenario.toml", "from = \"2024-11\"", "from = \"2024-13\"")
        .edit("workforce.csv", "B,2A,", "A,2A,");
    let out = case.command_line("validate scenario.toml").run();
    // The bad measures are left out and the other inputs still checked.
    out.code(2)
        .stdout_has("scenario.toml:9:8: error: unknown measure kind `net`")
        .stdout_has("scenario.toml:19:8: error: `from` must be a month")
        .stdout_has("workforce.csv:3:1: error: duplicate id `A` (first on line 2)")
        .stdout_has("3 errors, 1 warning\n");
}

#[test]
fn a_bad_file_does_not_hide_the_others() {
    // A bad parameter row and a bad workforce row: both reported.
    let case = Case::fixture(HAND)
        .edit(
            "parameters/parameters.csv",
            "employer_rate,prive_non_lucratif,2010-01-01,0.4",
            "employer_rate,prive_non_lucratif,2010-13-01,0.4",
        )
        .edit("workforce.csv", "A,01,", "A,20,");
    let out = case.command_line("validate scenario.toml").run();
    out.code(2)
        .stdout_has("parameters/parameters.csv:3:3: error: invalid value `2010-13-01`")
        .stdout_has("workforce.csv:2:2: error: invalid value `20` in column `departement`");
}

#[test]
fn every_bad_parameter_row_is_listed() {
    // Two bad rows of one parameters file, and a date given twice: all
    // three reported with their places, the good rows still read.
    let case = Case::fixture(HAND)
        .edit(
            "parameters/parameters.csv",
            "employee_rate,prive_non_lucratif,2010-01-01,0.2",
            "employee_rat,prive_non_lucratif,2010-01-01,0.2",
        )
        .edit(
            "parameters/parameters.csv",
            "employer_rate,prive_non_lucratif,2010-01-01,0.4",
            "employer_rate,prive_non_lucratif,2010-01-01,zero",
        )
        .edit(
            "parameters/parameters.csv",
            "employer_rate,prive_non_lucratif,2024-10-01,0.45",
            "employer_rate,prive_non_lucratif,2024-10-01,0.45\nemployer_rate,prive_non_lucratif,2024-10-01,0.46",
        );
    let case = case.command_line("validate scenario.toml");
    let out = case.run();
    out.code(2)
        .stdout_has("parameters/parameters.csv:2:1: error: invalid value `employee_rat` in column `parameter`")
        .stdout_has("parameters/parameters.csv:3:4: error: invalid value `zero` in column `value`")
        .stdout_has("parameters/parameters.csv:5:3: error: a second value of `employer_rate`")
        .stdout_has("3 errors, 0 warnings");
    // simulate stops at the first, as before.
    let out = Case::in_dir(case.path())
        .command_line("simulate scenario.toml")
        .run();
    out.code(2)
        .stderr_has("error: parameters/parameters.csv:2:1: invalid value `employee_rat`");
}

#[test]
fn every_bad_grid_row_is_listed_and_the_workforce_still_checked() {
    let case = Case::fixture(HAND)
        // Two bad rows of the same grid file: both reported.
        .edit(
            "grids/c1.csv",
            "ES,Educateur,socio-educatif,2,12,450,10",
            "ES,Educateur,socio-educatif,0,12,450,10",
        )
        .edit(
            "grids/c1.csv",
            "SEC,Secretaire,administratif,1,0,300,",
            "SEC,Secretaire,administratif,1,0,-3,",
        )
        .edit("workforce.csv", "B,2A,", "A,2A,");
    let out = case.command_line("validate scenario.toml").run();
    out.code(2)
        .stdout_has("grids/c1.csv:3:4: error: invalid value `0` in column `echelon`")
        .stdout_has("grids/c1.csv:4:6: error: invalid value `-3` in column `coefficient`")
        // SEC is left out of the grid, so C's job is now unknown.
        .stdout_has("workforce.csv:4:4: error: invalid value `SEC` in column `job`")
        .stdout_has("workforce.csv:3:1: error: duplicate id `A` (first on line 2)")
        .stdout_has("4 errors, 1 warning");
}
