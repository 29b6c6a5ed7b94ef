//! `revalo generate`: deterministic for a seed, in the canonical formats,
//! and run as is by `simulate`; `--quiet`, the hidden progress bar and the
//! parse-only floor.

use crate::util::{csv_rows, Case};

#[test]
fn generate_is_deterministic_and_simulate_runs_it() {
    let gen = |seed: &str, out: &str| {
        Case::new()
            .command_line(&format!(
                "generate --employees 3000 --seed {seed} --out {out}"
            ))
            .run()
            .success();
    };
    let case = Case::new();
    let dir = case.path().to_str().unwrap().to_string();
    gen("7", &format!("{dir}/a"));
    gen("7", &format!("{dir}/b"));
    gen("8", &format!("{dir}/c"));
    let a = case.read("a/workforce.csv");
    assert_eq!(a, case.read("b/workforce.csv"));
    assert_ne!(a, case.read("c/workforce.csv"));
    assert_eq!(a.lines().count(), 3001);
    assert_eq!(
        a.lines().next().unwrap(),
        "id,departement,convention,job,fte,seniority_date,start_date,end_date,funder,establishment,weight"
    );
    // Canonical: comma, UTF-8, YYYY-MM-DD, every département code valid.
    for line in a.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), 11, "{line}");
        assert!(
            f[1].parse::<revalo::domain::Departement>().is_ok(),
            "{line}"
        );
        for d in &f[5..8] {
            assert!(d.is_empty() || (d.len() == 10 && &d[4..5] == "-"), "{line}");
        }
    }
    for file in [
        "scenario.toml",
        "grids/conventions.csv",
        "grids/point_values.csv",
        "grids/ccn66.csv",
        "grids/ccn51.csv",
        "parameters/flat.csv",
        "parameters/payroll.csv",
    ] {
        assert!(case.path().join("a").join(file).is_file(), "{file}");
    }
    assert_eq!(
        case.read("a/parameters/payroll.csv"),
        std::fs::read_to_string(crate::util::root().join("data/parameters/payroll.csv")).unwrap()
    );
    // The two measures apply; both payers of each are there.
    let out = Case::new()
        .command_line(&format!("simulate {dir}/a/scenario.toml --by measure,year"))
        .run();
    out.success();
    let rows = csv_rows(&out.stdout);
    assert_eq!(
        rows[0][8..],
        [
            "share_etat",
            "share_departement",
            "share_assurance_maladie",
            "cost_pct_of_base"
        ]
    );
    let measures: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert!(measures.contains(&("point-plus-1-5", "2024")));
    assert!(!measures.contains(&("point-plus-1-5", "2023")));
    assert!(measures.contains(&("segur-socio-educatif", "2022")));
}

/// Piped stderr never shows a bar; `--quiet` is accepted everywhere.
#[test]
fn no_progress_bar_when_piped_or_quiet() {
    for extra in [None, Some("--quiet"), Some("-q")] {
        let mut args = vec!["simulate", "scenario.toml"];
        args.extend(extra);
        let out = Case::fixture("hand-case").args(&args).run();
        out.success();
        assert_eq!(out.stderr, "", "{extra:?}");
    }
}

#[test]
fn parse_only_reads_every_row_and_computes_nothing() {
    Case::fixture("hand-case")
        .command_line("simulate scenario.toml --parse-only")
        .run()
        .success()
        .stdout_is("3 rows\n");
}

/// A generated workload runs under both payroll models. The payroll
/// schedule written beside the flat rates gives the flat model the SMIC
/// too (docs/formats.md, rule 33): without it the flat run is the
/// unfloored one — the same headcounts and FTE, a lower `base_gross` every
/// year (the indemnité différentielle is not in it).
#[test]
fn a_generated_workload_runs_under_both_payroll_models() {
    let case = Case::new().command_line("generate --employees 2000 --seed 11 --out w");
    case.run().success();
    let simulate = |extra: &[&str]| {
        let mut args = vec![
            "simulate",
            "w/scenario.toml",
            "--by",
            "year",
            "--format",
            "csv",
        ];
        args.extend(extra);
        let out = Case::in_dir(case.path()).args(&args).run();
        out.success();
        out.stdout
    };
    let flat = simulate(&[]);
    let detailed = simulate(&["--set", "payroll=detailed"]);
    assert!(
        flat.starts_with("year,employees,fte,base_gross,delta_gross,delta_employer,delta_cost,")
    );
    assert!(detailed.starts_with(
        "year,employees,fte,base_gross,delta_gross,delta_employer,delta_contributions,"
    ));
    assert_eq!(flat.lines().count(), 6, "{flat}");
    assert_eq!(detailed.lines().count(), 6, "{detailed}");
    std::fs::remove_file(case.path().join("w/parameters/payroll.csv")).unwrap();
    let unfloored = simulate(&[]);
    let column = |csv: &str, i: usize| -> Vec<String> {
        csv.lines()
            .skip(1)
            .map(|l| l.split(',').nth(i).unwrap().to_string())
            .collect()
    };
    // year, employees and fte: the same rows.
    for i in 0..3 {
        assert_eq!(column(&unfloored, i), column(&flat, i));
    }
    for (without, with) in column(&unfloored, 3).iter().zip(column(&flat, 3)) {
        let (without, with): (f64, f64) = (without.parse().unwrap(), with.parse().unwrap());
        assert!(
            without < with,
            "base_gross {without} without the SMIC, {with} with it"
        );
    }
}
