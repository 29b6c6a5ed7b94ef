//! `revalo sweep`: one row per variant and group, each the variant's values
//! then the very row `simulate --set` prints for it.

use crate::util::{first_line_then_close, root, Case};

/// Asserts that `sweep` (run in `case` with `args` and the ranges `ranges`
/// of `(key, step, values)`) prints, per variant in grid order, the values then
/// each line of `simulate --set key=value … args`, byte for byte.
fn sweep_equals_simulate(case: &Case, args: &[&str], ranges: &[(&str, &str, &[&str])]) {
    let mut sweep = vec!["sweep", "scenario.toml"];
    let specs: Vec<String> = ranges
        .iter()
        .map(|(key, step, values)| {
            format!("{key}={}..{}:{step}", values[0], values[values.len() - 1])
        })
        .collect();
    for spec in &specs {
        sweep.extend(["--set-range", spec]);
    }
    sweep.extend(args);
    let out = case.run_with(&sweep);
    out.success();
    let mut expected = String::new();
    let mut variants: Vec<Vec<(&str, &str)>> = vec![Vec::new()];
    for (key, _, values) in ranges {
        variants = variants
            .into_iter()
            .flat_map(|prefix| {
                values.iter().map(move |v| {
                    let mut next = prefix.clone();
                    next.push((*key, *v));
                    next
                })
            })
            .collect();
    }
    for (i, variant) in variants.iter().enumerate() {
        let mut simulate = vec!["simulate".to_string(), "scenario.toml".into()];
        for (key, value) in variant {
            simulate.extend(["--set".into(), format!("{key}={value}")]);
        }
        simulate.extend(args.iter().map(|a| a.to_string()));
        let one = case.run_with(&simulate);
        one.success();
        let mut lines = one.stdout.lines();
        let header = lines.next().unwrap();
        let values: Vec<&str> = variant.iter().map(|(_, v)| *v).collect();
        let keys: Vec<&str> = variant.iter().map(|(k, _)| *k).collect();
        if i == 0 {
            expected.push_str(&format!("{},{header}\n", keys.join(",")));
        }
        for line in lines {
            expected.push_str(&format!("{},{line}\n", values.join(",")));
        }
    }
    out.stdout_is(&expected);
}

#[test]
fn a_grid_sweep_is_the_per_variant_simulate_runs_byte_for_byte() {
    // Hand case (flat model): three amounts of a-net × three percents of
    // b-pv, nine variants, per département and year.
    let case = Case::fixture("hand-case");
    sweep_equals_simulate(
        &case,
        &["--format", "csv"],
        &[
            ("measure.a-net.amount", "25", &["150", "175", "200"]),
            ("measure.b-pv.percent", "0.5", &["1.0", "1.5", "2.0"]),
        ],
    );
    // Grouped by measure and year, a value between the file's and a cent
    // above.
    sweep_equals_simulate(
        &case,
        &["--format", "csv", "--by", "measure,year"],
        &[("measure.a-net.amount", "0.01", &["183.00", "183.01"])],
    );
}

#[test]
fn a_detailed_sweep_is_the_per_variant_simulate_runs_byte_for_byte() {
    let case = Case::fixture("detailed-case");
    sweep_equals_simulate(
        &case,
        &["--format", "csv", "--by", "measure,year"],
        &[("measure.b-net.amount", "50", &["150", "200", "250"])],
    );
    // The AT/MP rate changes the employer facts, which the pass keyed on:
    // such variants are computed in the same pass, not priced from it.
    sweep_equals_simulate(
        &case,
        &["--format", "csv", "--by", "year"],
        &[("employer.at_mp_rate", "0.01", &["0.01", "0.02"])],
    );
}

#[test]
fn a_sweep_under_the_smic_floor_is_the_per_variant_simulate_runs_byte_for_byte() {
    // An agent paid below the SMIC (indemnité différentielle 210.83 €, then
    // 245.71 € from November: tests/fixtures/smic-floor/README.md): amounts
    // on top of the floored pay, and amounts that first absorb the
    // indemnité — below it (nothing to pay), across it, and above it.
    let case = Case::fixture("smic-floor");
    sweep_equals_simulate(
        &case,
        &["--format", "csv", "--by", "measure,year"],
        &[
            ("measure.a-above.amount", "238", &["0", "238", "476"]),
            (
                "measure.b-absorbs.amount",
                "100",
                &["0", "100", "200", "300", "400"],
            ),
        ],
    );
    // Amounts on top of the floor around the indemnité, per year; then the
    // same measure made to absorb it.
    sweep_equals_simulate(
        &case,
        &["--format", "csv", "--by", "year"],
        &[(
            "measure.a-above.amount",
            "17.5",
            &["200.0", "217.5", "235.0"],
        )],
    );
    let absorbing = Case::fixture("smic-floor").command_line(
        "simulate scenario.toml --set measure.a-above.smic_floor=absorbs --format csv",
    );
    let sweep = Case::fixture("smic-floor").command_line(
        "sweep scenario.toml --set measure.a-above.smic_floor=absorbs \
         --set-range measure.a-above.amount=238..238:1 --format csv",
    );
    let simulated = absorbing.run();
    simulated.success();
    let expected: String = simulated
        .stdout
        .lines()
        .enumerate()
        .map(|(i, line)| match i {
            0 => format!("measure.a-above.amount,{line}\n"),
            _ => format!("238,{line}\n"),
        })
        .collect();
    sweep.run().success().stdout_is(&expected);
}

#[test]
fn a_public_sweep_is_the_per_variant_simulate_runs_byte_for_byte() {
    // A public agent (point ÷ 1200, the indice majoré minimal, the CTI in
    // points of indice, a bonus outside the traitement:
    // tests/fixtures/public-case/README.md).
    let case = Case::fixture("public-case");
    sweep_equals_simulate(
        &case,
        &["--format", "csv", "--by", "measure,year"],
        &[
            ("measure.cti.amount", "49", &["0", "49", "98"]),
            ("measure.prime.amount", "150", &["100", "250"]),
        ],
    );
    sweep_equals_simulate(
        &case,
        &["--format", "csv", "--by", "departement,year"],
        &[("measure.cti.amount", "1", &["48", "49", "50"])],
    );
}

#[test]
fn a_sweep_writes_a_workbook_and_excel_csv() {
    let case = Case::fixture("hand-case").command_line(
        "sweep scenario.toml --set-range measure.a-net.amount=150..200:50 --by year --format csv --excel",
    );
    let out = case.run();
    out.success();
    // 200 € net: 6000.00 gross for a-net (see the hand case's README) +
    // 121.30 for b-pv = 6121.30, with a decimal comma.
    let text = out.stdout.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines[0].starts_with("measure.a-net.amount;year;employees;"));
    assert!(
        lines[2].starts_with("200;2024;4,5;2,03;44716,43;6121,30;"),
        "{text}"
    );
    case.run_with(&[
        "sweep",
        "scenario.toml",
        "--set-range",
        "measure.a-net.amount=150..200:50",
        "--output",
        "sweep.xlsx",
    ])
    .success();
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(case.path().join("sweep.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["balayage", "hypothèses"]);
    let range = book.worksheet_range("balayage").unwrap();
    assert_eq!(
        range.get((0, 0)),
        Some(&Data::String("measure.a-net.amount".into()))
    );
    assert_eq!(range.get((1, 0)), Some(&Data::Float(150.0)));
}

#[test]
fn bad_ranges_exit_2_with_what_was_expected() {
    let case = Case::fixture("hand-case");
    let fails = |range: &str, message: &str| {
        case.run_with(&[
            "sweep",
            "scenario.toml",
            "--set-range",
            range,
            "--output",
            "out.csv",
        ])
        .code(2)
        .stderr_has(message);
        assert!(!case.path().join("out.csv").exists());
    };
    fails(
        "measure.a-net.amount=150-200:10",
        "expected KEY=FROM..TO:STEP with numbers, e.g. measure.<id>.amount=150..250:10",
    );
    fails(
        "measure.a-net.amount=200..150:10",
        "`measure.a-net.amount=200..150:10` goes down",
    );
    fails(
        "measure.nope.amount=1..2:1",
        "--set measure.nope.amount=1: no measure matches `nope.amount`",
    );
    fails(
        "workforce=1..2:1",
        "--set workforce=1: `workforce` must be a string",
    );
}

/// `revalo simulate … | head -1` in a script: a reader that stops early is
/// not an error (exit 0, nothing on stderr).
#[test]
fn a_closed_pipe_is_quiet() {
    let args = [
        "simulate",
        "--by",
        "departement,job,year",
        "--format",
        "csv",
    ];
    let (first, out) = first_line_then_close(&root(), &args);
    assert!(first.starts_with("departement,job,year,"), "{first}");
    out.success().stderr_is("");
}

#[test]
fn a_sweep_of_dated_and_by_funder_funding_is_the_per_variant_simulate_runs_byte_for_byte() {
    // tests/fixtures/funding: a pass keeps no row's funder, so these
    // variants are computed in the pass, each group's cost split per
    // table in force as `simulate` splits it (docs/formats.md, rule 52),
    // over the rows of `--where` alone.
    for scenario in ["dated.toml", "by-funder.toml"] {
        let case = Case::fixture("funding");
        let text = case.read(scenario);
        let case = case.write("scenario.toml", text);
        let amounts: &[&str] = &["100", "150", "200"];
        sweep_equals_simulate(
            &case,
            &["--format", "csv", "--by", "departement,year"],
            &[("measure.m.amount", "50", amounts)],
        );
        sweep_equals_simulate(
            &case,
            &[
                "--format",
                "csv",
                "--by",
                "departement",
                "--where",
                "departement=25",
            ],
            &[("measure.m.amount", "50", amounts)],
        );
    }
    // The fixture's README, département 25 in 2025 (row C: 145.00 in
    // January, 51.78 for 10 days of February): 196.78, dated → departement
    // round(196.78 ÷ 3) = 65.59, cnsa 131.19; by funder (conjoint 0.6/0.4)
    // → assurance_maladie round(196.78 × 0.6) = 118.07, departement 78.71.
    let case = Case::fixture("funding");
    for (scenario, row) in [
        (
            "dated.toml",
            "100,2025,1,0.11,2171.43,135.71,61.07,196.78,65.59,131.19,9.06",
        ),
        (
            "by-funder.toml",
            "100,2025,1,0.11,2171.43,135.71,61.07,196.78,118.07,78.71,0.00,9.06",
        ),
    ] {
        let out = case.run_with(&[
            "sweep",
            scenario,
            "--set-range",
            "measure.m.amount=100..200:100",
            "--where",
            "departement=25",
            "--by",
            "year",
            "--format",
            "csv",
        ]);
        out.success().stdout_has(&format!("\n{row}\n"));
    }
}
