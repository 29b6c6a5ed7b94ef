//! `revalo explain` end to end: the monthly trail of the hand case's
//! employee B (derived in `tests/fixtures/hand-case/README.md`), and its
//! yearly sums equal to `simulate --by measure,year` on a workforce holding
//! that employee alone.

use crate::util::{csv_rows, root, Case};

const HAND: &str = "hand-case";

/// `explain`'s year lines, cut to `simulate`'s columns (measure, year, then
/// the figures), header included.
fn explain_years(case: Case, id: &str) -> (Case, Vec<Vec<String>>) {
    let case = case.args(&["explain", "scenario.toml", "--employee", id]);
    let out = case.run();
    out.success();
    let rows = csv_rows(&out.stdout);
    let start = rows[0].iter().position(|c| c == "employees").unwrap();
    let mut header = vec!["measure".to_string(), "year".to_string()];
    header.extend(rows[0][start..].iter().cloned());
    let mut years = vec![header];
    for r in rows.iter().filter(|r| r[0] == "year") {
        let mut line = vec![r[2].clone(), r[1].clone()];
        line.extend(r[start..].iter().cloned());
        years.push(line);
    }
    (case, years)
}

fn simulate_alone(case: Case) -> Vec<Vec<String>> {
    let out = case
        .command_line("simulate scenario.toml --by measure,year --format csv")
        .run();
    out.success();
    csv_rows(&out.stdout)
}

/// A copy of the hand case whose workforce holds only the row `id`.
fn alone(id: &str) -> Case {
    let case = Case::fixture(HAND);
    let text = case.read("workforce.csv");
    let mut lines = text.lines();
    let header = lines.next().unwrap().to_string();
    let row = lines.find(|l| l.starts_with(&format!("{id},"))).unwrap();
    case.write("workforce.csv", format!("{header}\n{row}\n"))
}

#[test]
fn yearly_sums_equal_simulate_for_each_hand_employee() {
    for id in ["A", "B", "C"] {
        let (case, years) = explain_years(alone(id), id);
        let simulated = simulate_alone(case);
        assert_eq!(years, simulated, "employee {id}");
    }
}

/// The same on the shipped national data, for its first rows (weighted
/// groups on real grids, a 2022–2026 horizon with several point values).
#[test]
fn yearly_sums_equal_simulate_on_shipped_rows() {
    let data = root().join("data");
    let national = std::fs::read_to_string(data.join("workforce/bass-national.csv")).unwrap();
    let mut lines = national.lines();
    let header = lines.next().unwrap();
    let scenario = std::fs::read_to_string(data.join("scenarios/conference-2022.toml"))
        .unwrap()
        .replace("../workforce/bass-national.csv", "workforce.csv")
        .replace("\"../grids\"", &format!("{:?}", data.join("grids")))
        .replace(
            "\"../parameters\"",
            &format!("{:?}", data.join("parameters")),
        );
    for row in lines.take(3) {
        let id = row.split(',').next().unwrap();
        let case = Case::new()
            .write("scenario.toml", &scenario)
            .write("workforce.csv", format!("{header}\n{row}\n"));
        let (case, years) = explain_years(case, id);
        assert!(years.len() > 1, "{id} has no eligible month");
        assert_eq!(years, simulate_alone(case), "employee {id}");
    }
}

#[test]
fn the_trail_of_b() {
    let out = Case::fixture(HAND)
        .command_line("explain scenario.toml --employee B --format csv")
        .run();
    out.success();
    let rows = csv_rows(&out.stdout);
    let col = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
    // April 2024: B starts on the 16th, 15 days of 30. Seniority from
    // 2024-02-29: 1 whole month on 1 April, step 1 (coefficient 400,
    // complement 10 %). Point 4.00 → B = 400 × 4.00 × 1.10 = 1760.00; base
    // of one person round(1760 × 0.8 × 15/30) = 704.00. ΔG = 183 ÷ 0.8 =
    // 228.75; Δgross = round(228.75 × 0.8 × 15/30) = 91.50; Δemployer =
    // round(91.50 × 0.4) = 36.60; × 2.5: 228.75 and 91.50; Δcost 320.25.
    let april = &rows[1];
    let expect = [
        ("period", "2024-04"),
        ("measure", "a-net"),
        ("days", "15"),
        ("days_in_month", "30"),
        ("seniority_months", "1"),
        ("echelon", "1"),
        ("coefficient", "400"),
        ("complement_pct", "10"),
        ("point_value", "4"),
        ("base_full_time", "1760.00"),
        ("base_person", "704.00"),
        ("delta_full_time", "228.75"),
        ("employer_rate", "0.4"),
        ("delta_gross_person", "91.50"),
        ("delta_employer_person", "36.60"),
        ("weight", "2.5"),
        ("delta_gross", "228.75"),
        ("delta_employer", "91.50"),
        ("delta_cost", "320.25"),
        // Indicative: round(320.25 × 2/3) = 213.50, the remainder 106.75.
        ("share_etat", "213.50"),
        ("share_departement", "106.75"),
    ];
    for (name, value) in expect {
        assert_eq!(april[col(name)], value, "{name}");
    }
    // November 2024: the point is 4.10 since July; b-pv raises it by 1.5 %:
    // ΔG = 400 × (4.1615 − 4.10) × 1.10 = 27.06.
    let nov_pv = rows
        .iter()
        .find(|r| r[col("period")] == "2024-11" && r[col("measure")] == "b-pv")
        .unwrap();
    assert_eq!(nov_pv[col("point_value")], "4.1");
    assert_eq!(nov_pv[col("delta_full_time")], "27.06");
    // Year lines: a-net 2024 is B's line of expected_departement_measure_year.csv.
    let year = rows
        .iter()
        .find(|r| r[0] == "year" && r[col("measure")] == "a-net")
        .unwrap();
    assert_eq!(year[col("delta_cost")], "4849.51");
    assert_eq!(year[col("share_etat")], "3233.01");
}

#[test]
fn year_filter_json_and_table() {
    let out = Case::fixture(HAND)
        .command_line("explain scenario.toml --employee A --year 2024 --format json")
        .run();
    out.success();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["employee"]["employee"], "A");
    assert_eq!(v["months"][0]["period"], "2024-04");
    assert_eq!(v["years"][0]["period"], 2024);
    // A's a-net: 2916.57 (expected_departement_measure_year.csv, 01).
    assert_eq!(v["years"][0]["delta_cost"], "2916.57");

    Case::fixture(HAND)
        .command_line("explain scenario.toml --employee A --format table")
        .run()
        .success()
        .stdout_has("01 Ain")
        .stdout_has("2 916,57")
        .stdout_has("indicative");

    Case::fixture(HAND)
        .command_line("explain scenario.toml --employee A --year 2030")
        .run()
        .code(2)
        .stderr_has("--year 2030 is outside the scenario's years 2024–2024");
    Case::fixture(HAND)
        .command_line("explain scenario.toml --employee Z")
        .run()
        .code(2)
        .stderr_has("no employee `Z` in `workforce.csv`");
}
