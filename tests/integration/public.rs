//! Public employers: the two agents of `tests/fixtures/public-case/README.md`
//! (traitement, CTI, CNRACL, the point of July 2022, the CNRACL rates of
//! 2024 and 2025, the ME grid reform, the floor, a bonus), derived by hand;
//! the public grid format's errors; and the fast path against the
//! reference on a generated workload with public rows.

use crate::util::{csv_rows, root, Case};

const CASE: &str = "public-case";

#[test]
fn public_case_by_measure_year() {
    // cti 2025: 12 × (241.22 + 125.36) = 12 × 366.58 = 4398.96, CNRACL at
    // 34.65 %; prime 2025: 12 × (100 + RAFP 5.00) = 1260.00.
    let case = Case::fixture(CASE).command_line("simulate scenario.toml --by measure,year");
    case.prints_file("expected_measure_year.csv");
}

#[test]
fn public_case_by_year() {
    // 2022: A 3 × 339.67 + 6 × 351.57, B 271.76 + 2 × 271.74 + 2 × 281.24
    // + 2 × 281.25 + 140.62 = 5209.27; no réduction générale, no taxe.
    let case = Case::fixture(CASE).command_line("simulate scenario.toml --by year");
    case.prints_file("expected_year.csv");
}

#[test]
fn the_flat_model_charges_the_public_rates() {
    // 2025 under the flat rates: cti 12 × round(241.22 × 0.5198 = 125.386)
    // = 12 × 125.39 = 1504.68; prime 12 × 51.98 = 623.76 (a bonus costs
    // the sector's one rate there).
    let out = Case::fixture(CASE)
        .command_line("simulate scenario.toml --by measure,year --set payroll=flat")
        .run();
    out.success();
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows[0][6], "delta_employer");
    assert_eq!(rows[4][..2], ["cti", "2025"]);
    assert_eq!(rows[4][6], "1504.68");
    assert_eq!(rows[5][..2], ["prime", "2025"]);
    assert_eq!(rows[5][6], "623.76");
}

#[test]
fn explain_shows_the_floor_and_the_grid_reform() {
    // B in May 2022: IM 343 paid at the indice majoré minimal 352, 352 ×
    // 5623.23 ÷ 1200 = 1649.48, × 0.8 = 1319.58; in September 2022, 15
    // months of seniority are échelon 2 of the new grid, IM 359.
    let out = Case::fixture(CASE)
        .command_line("explain scenario.toml --employee B --format csv")
        .run();
    out.success();
    out.stdout_has("month,2022-05,cti,31,31,11,1,352,0,5623.23,0.00,1649.48,1319.58,229.62,");
    out.stdout_has("month,2022-09,cti,30,30,15,2,359,0,5820.04,0.00,1741.16,1392.93,237.65,");
}

#[test]
fn validate_accepts_the_public_case() {
    let out = Case::fixture(CASE)
        .command_line("validate scenario.toml")
        .run();
    out.success().stdout_has("0 errors, 0 warnings");
}

#[test]
fn index_points_on_a_private_grid_are_refused() {
    let case = Case::fixture(CASE)
        .edit(
            "grids/conventions.csv",
            "public,fpt\n",
            "public,fpt\nccn,CCN,0413,prive_non_lucratif,priv\n",
        )
        .write(
            "grids/priv.csv",
            "job,label,filiere,echelon,seniority_months,coefficient\nES,Éducateur,socio-educatif,1,0,434\n",
        )
        .edit("grids/point_values.csv", "5907.34\n", "5907.34\nccn,2020-01-01,3.82\n")
        .edit("scenario.toml", "sector = [\"public\"]", "filiere = [\"socio-educatif\"]");
    case.simulate_fails_with(
        "measure `cti` of kind index_points can apply to convention `ccn` of sector prive_non_lucratif, but points of indice majoré exist only in public grids",
    );
}

#[test]
fn a_horizon_before_the_grid_names_the_job() {
    let case = Case::fixture(CASE)
        .edit(
            "scenario.toml",
            "years = [2022, 2025]",
            "years = [2021, 2025]",
        )
        .edit("scenario.toml", "from = \"2022-04\"", "from = \"2021-04\"");
    // Located at the grid to mend, with the first row that needs it; the
    // same message from `validate` (docs/formats.md, rule 45).
    let message = "grids/fpt.csv: no grid of job `FPT-ASE` in force on 2021-04-01 (its first version is effective 2022-01-01; add an earlier one to fpt.csv); first needed by workforce.csv:2";
    Case::in_dir(case.path())
        .command_line("validate scenario.toml")
        .run()
        .code(2)
        .stdout_has(&message.replace("fpt.csv: no grid", "fpt.csv: error: no grid"));
    case.simulate_fails_with(message);
}

#[test]
fn a_grid_gives_seniority_or_durations() {
    let both = Case::fixture(CASE).edit(
        "grids/fpt.csv",
        "duration_months,",
        "duration_months,seniority_months,",
    );
    both.simulate_fails_with("fpt.csv:1: a grid has a column `seniority_months`")
        .stderr_has("exactly one of them");
    // Échelon 2 of the 2022 ASE grid without its duration (line 3,
    // column 5): only the last échelon may have none.
    let gap = Case::fixture(CASE).edit("grids/fpt.csv", ",2,24,404,", ",2,,404,");
    gap.simulate_fails_with(
        "fpt.csv:3:5: echelon 2 of job `FPT-ASE` in its version effective 2022-01-01 has no duration",
    );
}

#[test]
fn bonus_is_true_or_false() {
    let case = Case::fixture(CASE).edit("scenario.toml", "bonus = true", "bonus = \"yes\"");
    case.simulate_fails_with("scenario.toml:20:9: `bonus` must be true or false, not a string");
}

/// Public rows of the shipped `fpt` grids, `rows` of them, with a
/// deterministic spread of jobs, working times, seniority, entries and
/// exits, and weights.
fn public_rows(rows: usize) -> String {
    const JOBS: [&str; 9] = [
        "FPT-ASE",
        "FPT-ASE-CE",
        "FPT-EJE",
        "FPT-EJE-CE",
        "FPT-ME",
        "FPT-ME-P",
        "FPT-CSE",
        "FPT-CSE-S",
        "FPT-CSE-HC",
    ];
    const DEPTS: [&str; 6] = ["21", "2A", "59", "75", "971", "976"];
    const FTES: [&str; 4] = ["1", "0.8", "0.5", "1"];
    let mut text = String::new();
    for i in 0..rows {
        let seniority = format!(
            "{}-{:02}-{:02}",
            1990 + (i * 7) % 34,
            1 + (i * 5) % 12,
            1 + (i * 3) % 28
        );
        let start = if i % 9 == 0 { "2023-03-15" } else { "" };
        let end = if i % 11 == 0 { "2025-10-20" } else { "" };
        let weight = ["", "", "2", "0.5", ""][i % 5];
        text.push_str(&format!(
            "P{i:05},{},fpt,{},{},{seniority},{start},{end},departement,,{weight}\n",
            DEPTS[i % DEPTS.len()],
            JOBS[(i * 4) % JOBS.len()],
            FTES[i % FTES.len()],
        ));
    }
    text
}

/// The fast path and the month-by-month reference print the same bytes on
/// a generated workload with public rows added: the shipped `fpt` grids
/// (dated versions, the ME reform, the floor), the CTI, a bonus and a
/// net amount for public agents, under both payroll models.
#[test]
fn the_fast_path_prints_what_the_reference_prints_with_public_rows() {
    let case = Case::new().command_line("generate --employees 2000 --seed 13 --out w");
    case.run().success();
    let w = case.path().join("w");
    let data = root().join("data");
    let append = |file: &str, text: &str| {
        let path = w.join(file);
        let mut all = std::fs::read_to_string(&path).unwrap();
        all.push_str(text);
        std::fs::write(path, all).unwrap();
    };
    std::fs::copy(data.join("grids/fpt.csv"), w.join("grids/fpt.csv")).unwrap();
    for file in ["payroll.csv", "public.csv"] {
        std::fs::copy(
            data.join("parameters").join(file),
            w.join("parameters").join(file),
        )
        .unwrap();
    }
    // The public convention, padded to the generated file's columns.
    let header = std::fs::read_to_string(w.join("grids/conventions.csv")).unwrap();
    let columns = header.lines().next().unwrap().split(',').count();
    append(
        "grids/conventions.csv",
        &format!("fpt,FPT,,public,fpt{}\n", ",".repeat(columns - 5)),
    );
    append(
        "grids/point_values.csv",
        "fpt,2017-02-01,5623.23\nfpt,2022-07-01,5820.04\nfpt,2023-07-01,5907.34\n",
    );
    append("workforce.csv", &public_rows(900));
    append(
        "scenario.toml",
        r#"
[[measure]]
id = "cti"
kind = "index_points"
amount = 49
from = "2022-04"
eligible = { sector = ["public"] }
funding = { departement = "1" }

[[measure]]
id = "prime"
kind = "gross_monthly"
amount = "150"
bonus = true
from = "2023-03"
until = "2025-06"
eligible = { sector = ["public"], job = ["FPT-ASE", "FPT-ME", "FPT-CSE-HC"] }
funding = { departement = "1" }

[[measure]]
id = "net"
kind = "net_monthly"
amount = "100"
from = "2024-01"
eligible = { sector = ["public"], job = ["FPT-EJE", "FPT-ME-P"] }
funding = { departement = "1" }
"#,
    );
    for (model, by) in [
        ("detailed", "departement,year"),
        ("detailed", "job,measure,year"),
        ("detailed", "funder,filiere"),
        ("flat", "job,measure,year"),
    ] {
        let set = format!("payroll={model}");
        let fast = case.simulate_both_ways(&[
            "w/scenario.toml",
            "--set",
            &set,
            "--by",
            by,
            "--format",
            "csv",
        ]);
        assert!(fast.contains("FPT-ME-P") || !by.contains("job"), "{fast}");
        assert!(fast.lines().count() > 10, "{fast}");
    }
}
