//! One validation path: whatever `validate` calls an error stops
//! `simulate`, `compare`, `check`, `report` and `explain` with exit 2 and
//! the same message (each stops at the first problem, `validate` lists them
//! all), and what it calls a warning stops nothing.

use crate::util::{Case, Output};

const HAND: &str = "hand-case";
const DETAILED: &str = "detailed-case";

/// Every command that runs a scenario, as typed after `revalo` in the
/// case's folder.
const COMMANDS: [&str; 6] = [
    "simulate scenario.toml --output out.csv",
    "compare scenario.toml scenario.toml --output out.csv",
    "check scenario.toml --baseline baseline.csv --bless",
    "report scenario.toml --output out.html",
    "explain scenario.toml --employee A --output out.csv",
    "simulate scenario.toml --reference --by measure --output out.csv",
];

/// `validate`'s errors as the other commands print them: `LOC: MSG`.
fn validate_errors(out: &Output) -> Vec<String> {
    out.stdout
        .lines()
        .filter_map(|l| l.split_once(": error: ").map(|(l, m)| format!("{l}: {m}")))
        .collect()
}

/// Runs `validate` and every command on `case`'s folder: `validate` finds
/// `expected` among its errors, and every command stops with exit 2 on one
/// of them, word for word, leaving no output file.
#[track_caller]
fn all_stop_on(case: Case, expected: &str) {
    let validate = Case::in_dir(case.path())
        .command_line("validate scenario.toml")
        .run();
    validate.code(2);
    let errors = validate_errors(&validate);
    assert!(
        errors.iter().any(|e| e == expected),
        "validate does not report `{expected}`:\n{}",
        validate.stdout
    );
    for command in COMMANDS {
        let out = Case::in_dir(case.path()).command_line(command).run();
        out.code(2);
        let said = out.stderr.lines().find_map(|l| {
            let l = l
                .strip_prefix("error: ")
                .or_else(|| l.strip_prefix("  caused by: "))?;
            errors.iter().find(|e| *e == l)
        });
        assert!(
            said.is_some(),
            "`{command}` stops on no error of validate's:\n{}\nvalidate:\n{}",
            out.stderr,
            validate.stdout
        );
        for file in ["out.csv", "out.html", "baseline.csv"] {
            assert!(!case.path().join(file).exists(), "`{command}` left {file}");
        }
    }
}

#[test]
fn a_parameters_file_with_only_its_header() {
    // validate said "0 errors"; simulate blamed workforce.csv:2 with no
    // column. The message now points at the parameters and names the row.
    let case = Case::fixture(HAND).write(
        "parameters/parameters.csv",
        "parameter,sector,effective,value\n",
    );
    all_stop_on(case, "parameters: no `employer_rate` for sector prive_non_lucratif in force in 2024-01 to 2024-12 (12 months of the horizon 2024–2024): add a row `employer_rate,prive_non_lucratif,2024-01-01,<value>`; first needed by workforce.csv:2");
}

#[test]
fn an_employee_rate_of_1() {
    let case = Case::fixture(HAND).edit("parameters/parameters.csv", ",0.2\n", ",1\n");
    all_stop_on(case, "parameters/parameters.csv:2:4: invalid value `1` in column `value` (expected a rate 0 ≤ r < 1 (the share of gross withheld) for `employee_rate`)");
}

#[test]
fn a_sector_without_rates() {
    let case = Case::fixture(HAND).edit(
        "grids/conventions.csv",
        "prive_non_lucratif",
        "prive_lucratif",
    );
    all_stop_on(case, "parameters: no `employer_rate` for sector prive_lucratif in force in 2024-01 to 2024-12 (12 months of the horizon 2024–2024): add a row `employer_rate,prive_lucratif,2024-01-01,<value>`; first needed by workforce.csv:2");
}

#[test]
fn a_detailed_schedule_without_its_smic() {
    let case = Case::fixture(DETAILED);
    let payroll = case.read("parameters/payroll.csv");
    let without: String = payroll
        .lines()
        .filter(|l| !l.starts_with("smic_monthly,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let case = case.write("parameters/payroll.csv", without);
    all_stop_on(case, "parameters: no `smic_monthly` for sector prive_non_lucratif in force in 2025-01 to 2025-12 (12 months of the horizon 2025–2025): add a row `smic_monthly,prive_non_lucratif,2025-01-01,<value>` (docs/payroll.md); first needed by workforce.csv:2");
}

#[test]
fn a_duplicate_id() {
    // simulate accepted it; explain took the first row silently.
    let case = Case::fixture(HAND).edit("workforce.csv", "B,2A,", "A,2A,");
    all_stop_on(
        case,
        "workforce.csv:3:1: duplicate id `A` (first on line 2)",
    );
}

#[test]
fn a_row_with_two_problems() {
    // validate lists both; the others stop at the first in column order.
    let case = Case::fixture(HAND)
        .edit("workforce.csv", "971,c1,SEC", "971,c1,DIR")
        .edit("workforce.csv", "2023-10-31", "2023-10-32");
    all_stop_on(case, "workforce.csv:4:4: invalid value `DIR` in column `job` (expected a job of grid `c1` (convention `c1`))");
    let case = Case::fixture(HAND)
        .edit("workforce.csv", "971,c1,SEC", "971,c1,DIR")
        .edit("workforce.csv", "2023-10-31", "2023-10-32");
    Case::in_dir(case.path())
        .command_line("validate scenario.toml")
        .run()
        .code(2)
        .stdout_has(
            "workforce.csv:4:6: error: invalid value `2023-10-32` in column `seniority_date`",
        )
        // (The hand case's parameters give no SMIC: one warning, rule 33.)
        .stdout_has("2 errors, 1 warning");
}

#[test]
fn a_value_of_the_point_missing_for_a_month_a_row_needs() {
    let case = Case::fixture(HAND).edit("grids/point_values.csv", "c1,2020-01-01", "c1,2024-05-01");
    all_stop_on(case, "grids/point_values.csv: no value of the point of convention `c1` in force in 2024-01 to 2024-04 (4 months of the horizon 2024–2024): add a row `c1,2024-01-01,<value>`; first needed by workforce.csv:2");
}

#[test]
fn an_unknown_filiere_at_its_place() {
    // Line 12: `eligible = { filiere = ["socio-educatif"], … }`, the value
    // at column 25. It had no line or column.
    let case = Case::fixture(HAND).edit("scenario.toml", "\"socio-educatif\"", "\"socio-educatf\"");
    all_stop_on(case, "scenario.toml:12:25: measure `a-net`: no grid has the filière `socio-educatf` named in `eligible`: did you mean `socio-educatif`? (known: administratif, socio-educatif)");
}

#[test]
fn a_warning_stops_nothing() {
    // Row C leaves on 2024-12-31; a seniority date after that is a typo
    // more likely than not, but computable: the first step applies in
    // every month of presence.
    let case = Case::fixture(HAND).edit("workforce.csv", "0.33,2023-10-31,", "0.33,2025-03-01,");
    Case::in_dir(case.path())
        .command_line("validate scenario.toml")
        .run()
        .success()
        .stdout_is("workforce.csv:4:6: warning: seniority date 2025-03-01 is after the end date 2024-12-31: the first step applies throughout\nparameters: warning: no smic_monthly for sector prive_non_lucratif in force in 2024-01 to 2024-12 (12 months): the SMIC floor is not applied there, the grid's pay is taken as it is (docs/formats.md, rule 33); add a row `smic_monthly,prive_non_lucratif,<date>,<monthly SMIC>` to give it\n0 errors, 2 warnings\n");
    for command in COMMANDS {
        Case::in_dir(case.path())
            .command_line(command)
            .run()
            .success();
    }
}

#[test]
fn explain_names_both_rows_of_a_duplicate_id() {
    let case = Case::fixture(HAND).edit("workforce.csv", "C,971,", "A,971,");
    case.command_line("explain scenario.toml --employee A")
        .run()
        .code(2)
        .stderr_is("error: workforce.csv:4:1: duplicate id `A` (first on line 2)\n");
}

#[test]
fn every_problem_of_a_grid_or_parameters_row() {
    // Line 3 of the grid: `ES,Educateur,socio-educatif,2,12,450,10`, its
    // echelon and coefficient out of range; line 2 of the parameters: an
    // unknown sector and a rate out of range. Each problem is listed; a
    // command stops at the first, in file and column order.
    let case = Case::fixture(HAND)
        .edit("grids/c1.csv", "2,12,450,10", "0,12,-450,10")
        .edit(
            "parameters/parameters.csv",
            "employee_rate,prive_non_lucratif,2010-01-01,0.2",
            "employee_rate,hopital,2010-01-01,1.2",
        );
    Case::in_dir(case.path())
        .command_line("validate scenario.toml")
        .run()
        .code(2)
        .stdout_has("grids/c1.csv:3:4: error: invalid value `0` in column `echelon` (expected a step number 1, 2, … up to 1000)\n")
        .stdout_has("grids/c1.csv:3:6: error: invalid value `-450` in column `coefficient` (expected a number of points, 0 ≤ coefficient ≤ 10000)\n")
        .stdout_has("parameters/parameters.csv:2:2: error: invalid value `hopital` in column `sector`")
        .stdout_has("parameters/parameters.csv:2:4: error: invalid value `1.2` in column `value` (expected a rate 0 ≤ r < 1 (the share of gross withheld) for `employee_rate`)\n")
        .stdout_has("4 errors, 0 warnings");
    all_stop_on(case, "grids/c1.csv:3:4: invalid value `0` in column `echelon` (expected a step number 1, 2, … up to 1000)");
}
