//! `revalo solve`: the largest value of a measure's parameter within a
//! target, checked against hand derivations and against `simulate` run at
//! the answer and one unit above.

use crate::util::{csv_rows, Case};

const SOLVE: &str = "solve-case";

/// `delta_cost` of `simulate --by BY` with `set` applied, in the row whose
/// first keys are `keys`.
fn simulated_cost(case: &Case, by: &str, set: &str, keys: &[&str]) -> String {
    let out = case.run_with(&[
        "simulate",
        "scenario.toml",
        "--by",
        by,
        "--format",
        "csv",
        "--set",
        set,
    ]);
    out.success();
    let rows = csv_rows(&out.stdout);
    let at = rows[0].iter().position(|c| c == "delta_cost").unwrap();
    let row = rows.iter().find(|r| r[..keys.len()] == *keys).unwrap();
    row[at].clone()
}

/// The CSV rows a successful run of `case` prints.
fn solved(case: &Case) -> Vec<Vec<String>> {
    let out = case.run();
    out.success();
    csv_rows(&out.stdout)
}

/// The amount one cent above `amount` (two decimals).
fn cent_above(amount: &str) -> String {
    let cents: i64 = amount.replace('.', "").parse::<i64>().unwrap() + 1;
    format!("{}.{:02}", cents / 100, cents % 100)
}

#[test]
fn a_linear_cost_gives_the_floor_of_target_over_unit_cost() {
    // One employee, full time, present all 2024; `uniform` is a gross
    // monthly amount a from January; employer_rate 1 (a stylised rate that
    // makes the cost linear): each month Δgross = a and Δemployer =
    // round(a × 1) = a, so the year costs 24a. A target of 1,000,000.00 €
    // = 100,000,000 cents buys ⌊100,000,000 ÷ 24⌋ = 4,166,666 cents =
    // 41,666.66 €, which cost 24 × 4,166,666 = 99,999,984 cents; one cent
    // more costs 100,000,008 cents.
    let case = Case::fixture(SOLVE)
        .command_line("solve scenario.toml --measure uniform --target 1000000 --format csv");
    case.run().success().stdout_is(
        "measure,parameter,value,cost,cost_next\n\
         uniform,amount,41666.66,999999.84,1000000.08\n",
    );
    // The one year of the horizon: the same answer.
    let case = case.command_line(
        "solve scenario.toml --measure uniform --target 1_000_000 --year 2024 --format csv",
    );
    case.run().success().stdout_is(
        "measure,parameter,value,cost,cost_next\nuniform,amount,41666.66,999999.84,1000000.08\n",
    );
}

#[test]
fn a_payer_share_is_solved_for() {
    // `departement` is the last payer of `uniform` (etat 2/3 first): its
    // share is the remainder 24a − round(24a × 2/3) = 24a − 16a = 8a cents.
    // 100,000.00 € = 10,000,000 cents buys exactly 1,250,000 cents =
    // 12,500.00 €; one cent more costs 10,000,008 cents.
    Case::fixture(SOLVE)
        .command_line(
            "solve scenario.toml --measure uniform --target 100000 --payer departement --format csv",
        )
        .run()
        .success()
        .stdout_is(
            "measure,parameter,value,cost,cost_next\n\
             uniform,amount,12500.00,100000.00,100000.08\n",
        );
}

#[test]
fn the_detailed_answer_is_what_simulate_gives_at_it_and_one_cent_above() {
    let case = Case::fixture("detailed-case")
        .command_line("solve scenario.toml --measure a-gross --target 10000 --format csv");
    let rows = solved(&case);
    assert_eq!(
        rows[0],
        ["measure", "parameter", "value", "cost", "cost_next"]
    );
    let (value, cost, next) = (&rows[1][2], &rows[1][3], &rows[1][4]);
    let at = |amount: &str| {
        let set = format!("measure.a-gross.amount={amount}");
        simulated_cost(&case, "measure", &set, &["a-gross"])
    };
    assert_eq!(&at(value), cost);
    assert_eq!(&at(&cent_above(value)), next);
    let money = |s: &str| s.parse::<f64>().unwrap();
    assert!(money(cost) <= 10000.0 && money(next) > 10000.0, "{rows:?}");
}

#[test]
fn per_departement_targets_from_a_file() {
    // Hand case, measure a-net (183 € net, employee_rate 0.2). Département
    // 01 is employee A alone: full time April–December, so each month
    // Δgross = ΔG = round(a ÷ 0.8), Δemployer = round(ΔG × 0.4) April–
    // September and round(ΔG × 0.45) October–December. At a = 188.23: ΔG =
    // round(235.2875) = 235.29, cost 9 × 235.29 + 6 × round(94.116) + 3 ×
    // round(105.8805) = 2117.61 + 6 × 94.12 + 3 × 105.88 = 2999.97 ≤ 3000.
    // At 188.24: ΔG = 235.30, 2117.70 + 6 × 94.12 + 3 × round(105.885) =
    // 2117.70 + 564.72 + 3 × 105.89 = 3000.09 > 3000.
    let case = Case::fixture("hand-case")
        .write(
            "envelopes.csv",
            "Département;Enveloppe\n2A;2000\n1;3000,00\n",
        )
        .command_line("solve scenario.toml --measure a-net --targets envelopes.csv --format csv");
    let rows = solved(&case);
    assert_eq!(
        rows[0],
        [
            "departement",
            "measure",
            "parameter",
            "value",
            "cost",
            "cost_next"
        ]
    );
    assert_eq!(
        rows[1],
        ["01", "a-net", "amount", "188.23", "2999.97", "3000.09"]
    );
    // 2A (employee B) is checked against simulate at its answer and one
    // cent above.
    assert_eq!(rows[2][0], "2A");
    let cost_2a = |amount: &str| {
        let set = format!("measure.a-net.amount={amount}");
        simulated_cost(&case, "measure,departement", &set, &["a-net", "2A"])
    };
    assert_eq!(cost_2a(&rows[2][3]), rows[2][4]);
    assert_eq!(cost_2a(&cent_above(&rows[2][3])), rows[2][5]);
    assert!(rows[2][4].parse::<f64>().unwrap() <= 2000.0);
    assert!(rows[2][5].parse::<f64>().unwrap() > 2000.0);
    assert_eq!(rows.len(), 3);
}

#[test]
fn under_the_smic_floor_the_answer_is_what_simulate_gives() {
    // tests/fixtures/smic-floor: an agent paid below the SMIC; `b-absorbs`
    // counts in the comparison with the SMIC (rule 34). At 238 € it costs
    // 553.05 € (expected_measure_year.csv): a target of 553.05 € buys
    // exactly 238.00 €.
    let case = Case::fixture("smic-floor");
    let at = |amount: &str| {
        let set = format!("measure.b-absorbs.amount={amount}");
        simulated_cost(&case, "measure", &set, &["b-absorbs"])
    };
    let rows = solved(
        &Case::fixture("smic-floor")
            .command_line("solve scenario.toml --measure b-absorbs --target 553.05 --format csv"),
    );
    assert_eq!(rows[1][..4], ["b-absorbs", "amount", "238.00", "553.05"]);
    assert_eq!(rows[1][4], at("238.01"));
    // Nothing to pay: the largest amount the indemnité différentielle
    // absorbs every month, 1766.92 − 1556.09 = 210.83 € from January to
    // October (245.71 € in November and December, more): README.md.
    let rows = solved(
        &Case::fixture("smic-floor")
            .command_line("solve scenario.toml --measure b-absorbs --target 0 --format csv"),
    );
    assert_eq!(rows[1][..4], ["b-absorbs", "amount", "210.83", "0.00"]);
    assert_eq!(at("210.83"), "0.00");
    assert_eq!(rows[1][4], at("210.84"));
    assert_ne!(rows[1][4], "0.00");
}

#[test]
fn a_public_measure_in_points_of_indice_is_solved_by_the_point() {
    // tests/fixtures/public-case: the CTI, 49 points of indice majoré,
    // costs 4283.28 € in 2024 (expected_measure_year.csv; IM 100's annual
    // value ÷ 1200 a point, the indice majoré minimal floor: README.md).
    let case = Case::fixture("public-case").command_line(
        "solve scenario.toml --measure cti --target 4283.28 --year 2024 --format csv",
    );
    let rows = solved(&case);
    assert_eq!(rows[1][..4], ["cti", "amount", "49", "4283.28"]);
    let next = simulated_cost(
        &case,
        "measure,year",
        "measure.cti.amount=50",
        &["cti", "2024"],
    );
    assert_eq!(rows[1][4], next);
}

#[test]
fn targets_out_of_reach_exit_2() {
    let case = Case::fixture(SOLVE);
    let with_target = |target: &str| {
        case.run_with(&[
            "solve",
            "scenario.toml",
            "--measure",
            "uniform",
            "--target",
            target,
        ])
    };
    with_target("-1").code(2).stderr_has(
        "error: even the smallest amount of measure `uniform`, 0.00, costs 0.00 €, \
         more than the target -1.00 €",
    );
    // The largest amount, 100,000.00 € a month, costs 24 × 100,000.00 =
    // 2,400,000.00 € over the year (see above).
    with_target("5000000").code(2).stderr_has(
        "error: even the largest amount allowed for measure `uniform`, 100000.00, \
         costs 2400000.00 €, within the target 5000000.00 €",
    );
}

#[test]
fn bad_questions_and_targets_exit_2_with_located_messages() {
    let case = Case::fixture("hand-case")
        .write(
            "bad-amount.csv",
            "departement,target\n01,3000\n2A,deux mille\n",
        )
        .write("no-group.csv", "departement,target\n01,3000\n971,10\n")
        .write("no-target.csv", "departement,montant_max\n01,3000\n");
    let fails = |args: &str, message: &str| {
        let mut all = vec!["solve", "scenario.toml", "--output", "out.csv"];
        all.extend(args.split(' '));
        case.run_with(&all).code(2).stderr_has(message);
        assert!(!case.path().join("out.csv").exists());
    };
    fails(
        "--measure nope --target 1000",
        "--measure nope: no such measure in `scenario.toml` (its measures: a-net, b-pv)",
    );
    fails(
        "--measure a-net --targets bad-amount.csv",
        "bad-amount.csv:3:2: invalid value `deux mille` in column `target`",
    );
    // 971 is employee C, a secretary: a-net (socio-educational staff) does
    // not apply to anyone there.
    fails(
        "--measure a-net --targets no-group.csv",
        "no-group.csv:3:1: measure `a-net` costs nothing in the group 971 (departement)",
    );
    fails(
        "--measure a-net --targets no-target.csv",
        "no-target.csv:1: missing column `target`",
    );
    fails(
        "--measure a-net --target 10 --year 2031",
        "--year 2031: outside the scenario's years 2024–2024",
    );
    fails(
        "--measure a-net --target 10 --payer ars",
        "--payer ars: measure `a-net` is funded by etat, departement",
    );
    fails(
        "--measure a-net --target 10 --by year",
        "--by year: solve groups people",
    );
}
