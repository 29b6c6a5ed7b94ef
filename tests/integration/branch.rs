//! The whole-branch workforce and the Ségur-family scenarios: the shipped
//! `data/workforce/bass-branch.csv` meets its published counts, the
//! Laforcade measure is derived by hand on `tests/fixtures/laforcade-case/`,
//! and each shipped scenario's figures stay those of its baseline under
//! `tests/fixtures/segur-family/` (the figures the README table quotes).

use crate::util::{csv_rows, fixtures, root, Case};

fn path(relative: &str) -> String {
    root().join(relative).to_str().unwrap().to_string()
}

/// The `--by` rows of a run of `revalo simulate` as CSV, header first.
fn simulate(scenario: &str, by: &str, extra: &[&str]) -> Vec<Vec<String>> {
    let mut args = vec!["simulate", scenario, "--by", by, "--format", "csv"];
    args.extend_from_slice(extra);
    let out = Case::new().args(&args).run();
    out.success();
    csv_rows(&out.stdout)
}

/// The value of `column` in the row whose first fields are `keys`.
fn cell(rows: &[Vec<String>], keys: &[&str], column: &str) -> String {
    let at = rows[0].iter().position(|c| c == column).unwrap();
    let row = rows
        .iter()
        .find(|r| r.len() > keys.len() && r[..keys.len()] == *keys)
        .unwrap_or_else(|| panic!("no row {keys:?} in {rows:?}"));
    row[at].clone()
}

#[test]
fn the_private_socio_educational_staff_are_140000_fte() {
    // The Conférence's population on the branch file: 140,000 FTE
    // (published: "environ 140 000 ETP"), met to the hundredth; 2023 is a
    // full year of eligibility, so its fte is the monthly FTE.
    let rows = simulate(
        &fixtures()
            .join("segur-family/conference-branch.toml")
            .to_string_lossy(),
        "year",
        &[],
    );
    assert_eq!(cell(&rows, &["2023"], "fte"), "140000.00");
    // Δgross 2023 = 140,000 × 238 × 12 = 399,840,000.00 exactly.
    assert_eq!(cell(&rows, &["2023"], "delta_gross"), "399840000.00");
}

#[test]
fn laforcade_reaches_73000_people_and_segur_pour_tous_112000() {
    // Laforcade, private part: 73,000 persons (AFP); the accord of
    // 4 June 2024: about 112,000 persons. Weighted headcounts, exact.
    let rows = simulate(&path("data/scenarios/laforcade-2021.toml"), "year", &[]);
    assert_eq!(cell(&rows, &["2022"], "employees"), "73000");
    let rows = simulate(
        &fixtures()
            .join("segur-pour-tous-split/scenario.toml")
            .to_string_lossy(),
        "year",
        &[],
    );
    assert_eq!(cell(&rows, &["2024"], "employees"), "112000");
}

#[test]
fn the_public_agents_meet_their_counts() {
    // CCAS home help 17,548 FTE (28.2 M hours ÷ 1,607); the 30,000 FTE of
    // the public ESSMS split exactly by funder: etat 2/5 = 12,000, conjoint
    // 1/10 = 3,000, autre 1/5 = 6,000 (the rest, 3/10, is with the
    // départements' own agents); the départements' 5,208 puéricultrices.
    let rows = simulate(
        &path("data/scenarios/conference-2022-public.toml"),
        "funder,filiere,year",
        &[],
    );
    let fte = |funder, filiere| cell(&rows, &[funder, filiere, "2023"], "fte");
    assert_eq!(fte("autre", "aide-a-domicile"), "17548.00");
    assert_eq!(fte("etat", "socio-educatif"), "12000.00");
    assert_eq!(fte("conjoint", "socio-educatif"), "3000.00");
    assert_eq!(fte("autre", "socio-educatif"), "6000.00");
    assert_eq!(
        cell(&rows, &["departement", "soins", "2023"], "employees"),
        "5208"
    );
    // 31,900 départements' social-service agents + 9,000 FTE of ESSMS:
    // the persons of the first are the ones counted, so the FTE here is
    // 9,000 + the FTE of 31,900 persons at the rows' working times.
    let dept = cell(&rows, &["departement", "socio-educatif", "2023"], "fte");
    let dept: f64 = dept.parse().unwrap();
    assert!((9_000.0 + 0.9 * 31_900.0..9_000.0 + 31_900.0).contains(&dept));
}

#[test]
fn laforcade_first_month_is_fte_times_the_cost_of_one_fte_month() {
    // tests/fixtures/laforcade-case/README.md: under the flat model one
    // FTE-month costs 238.00 + 115.97 = 353.97; 14 eligible FTE (A: 10
    // nurses of an `etat` establishment, B: 4 AES of a `conjoint` one; C,
    // D and E are not eligible) → 14 × 353.97 = 4,955.58 in November 2021.
    let workforce = fixtures().join("laforcade-case/workforce.csv");
    let set_workforce = format!("workforce={}", workforce.to_str().unwrap());
    let scenario = path("data/scenarios/laforcade-2021.toml");
    let first_month = [
        "--set",
        set_workforce.as_str(),
        "--set",
        "payroll=flat",
        "--set",
        "years=2021..2021",
    ];
    let mut november = first_month.to_vec();
    november.extend(["--set", "measure.laforcade-soignants.until=2021-11"]);
    let rows = simulate(&scenario, "year", &november);
    assert_eq!(cell(&rows, &["2021"], "employees"), "14");
    assert_eq!(cell(&rows, &["2021"], "delta_gross"), "3332.00");
    assert_eq!(cell(&rows, &["2021"], "delta_employer"), "1623.58");
    assert_eq!(cell(&rows, &["2021"], "delta_cost"), "4955.58");
    assert_eq!(cell(&rows, &["2021"], "share_assurance_maladie"), "4955.58");
    // November and December: twice that; fte 14 × 2 ÷ 12 = 2.33.
    let rows = simulate(&scenario, "year", &first_month);
    assert_eq!(cell(&rows, &["2021"], "delta_cost"), "9911.16");
    assert_eq!(cell(&rows, &["2021"], "fte"), "2.33");
}

/// `revalo check` of a scenario against its baseline, to the cent.
fn matches_baseline(scenario: &str, baseline: &str) {
    let baseline = fixtures().join("segur-family").join(baseline);
    Case::new()
        .args(&[
            "check",
            scenario,
            "--baseline",
            baseline.to_str().unwrap(),
            "--tolerance",
            "0.01",
        ])
        .run()
        .success()
        .stdout_has("within tolerance");
}

#[test]
fn the_shipped_scenarios_keep_the_figures_of_the_readme() {
    // The README's table of the Ségur family quotes these baselines
    // (--by year); a change of the figures must re-bless them.
    matches_baseline(
        &path("data/scenarios/laforcade-2021.toml"),
        "laforcade-2021.csv",
    );
    matches_baseline(
        &path("data/scenarios/conference-2022-public.toml"),
        "conference-2022-public.csv",
    );
    matches_baseline(
        &fixtures()
            .join("segur-pour-tous-split/scenario.toml")
            .to_string_lossy(),
        "segur-pour-tous-2024.csv",
    );
}

#[test]
fn segur_pour_tous_by_funder_is_the_scenario_of_one_measure_per_funder() {
    // data/scenarios/segur-pour-tous-2024.toml says with `funding =
    // "by_funder"` and dated tables what tests/fixtures/segur-pour-tous-split
    // says with five measures of single tables: the same rows, costs and
    // payers (2024: départements 161,027,714.05; 2025: CNSA 80,834,719.39),
    // within the cent that a split made per funder rather than per measure
    // may move (arithmetic step 7).
    matches_baseline(
        &path("data/scenarios/segur-pour-tous-2024.toml"),
        "segur-pour-tous-2024.csv",
    );
}

#[test]
fn the_shipped_scenarios_of_the_branch_validate() {
    // The public grids begin in 2022: a scenario on the branch workforce
    // whose horizon began earlier would fail here (Laforcade runs from 2022).
    for scenario in [
        "laforcade-2021",
        "conference-2022-public",
        "segur-pour-tous-2024",
    ] {
        Case::new()
            .args(&[
                "validate",
                &path(&format!("data/scenarios/{scenario}.toml")),
            ])
            .run()
            .success()
            .stdout_has("0 errors");
    }
}
