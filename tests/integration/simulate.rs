//! `revalo simulate` end to end: the hand-derived case byte for byte, every
//! `--by` key, the formats, the shipped default scenario, determinism.

use crate::util::{csv_rows, first_line_then_close, root, Case};

const HAND: &str = "hand-case";

/// The worked example of `tests/fixtures/hand-case/README.md`, where every
/// figure is derived by hand, reproduced byte for byte.
#[test]
fn hand_case_by_departement_measure_year() {
    let case = Case::fixture(HAND)
        .command_line("simulate scenario.toml --by departement,measure,year --format csv");
    case.prints_file("expected_departement_measure_year.csv");
}

#[test]
fn hand_case_default_grouping_is_departement_year() {
    // Piped output defaults to CSV.
    let case = Case::fixture(HAND).command_line("simulate scenario.toml");
    case.prints_file("expected_departement_year.csv");
}

/// The same case grouped by each other key; figures from the README's
/// derivations: A (01, ES, funder etat) costs 2916.57 + 88.28 = 3004.85,
/// B (2A, ES, departement) 4849.51 + 78.48 = 4927.99, C (971, SEC, no
/// funder) 9.12.
#[test]
fn hand_case_by_every_other_key() {
    let run = |by: &str| {
        let out = Case::fixture(HAND)
            .args(&["simulate", "scenario.toml", "--by", by])
            .run();
        out.success();
        csv_rows(&out.stdout)
    };
    // Empty funder first, then code-point order (docs/formats.md, rule 25).
    let rows = run("funder");
    let cost: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[6].as_str()))
        .collect();
    assert_eq!(
        cost,
        [
            ("", "9.12"),
            ("departement", "4927.99"),
            ("etat", "3004.85")
        ]
    );

    let rows = run("region");
    let regions: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(regions, ["Auvergne-Rhône-Alpes", "Corse", "Guadeloupe"]);

    // ES = A + B: 3004.85 + 4927.99 = 7932.84; SEC = C.
    let rows = run("job");
    assert_eq!(
        (rows[1][0].as_str(), rows[1][6].as_str()),
        ("ES", "7932.84")
    );
    assert_eq!((rows[2][0].as_str(), rows[2][6].as_str()), ("SEC", "9.12"));

    let rows = run("filiere,convention");
    assert_eq!(
        rows[1][..2],
        ["administratif".to_string(), "c1".to_string()]
    );
    assert_eq!(
        rows[2][..2],
        ["socio-educatif".to_string(), "c1".to_string()]
    );

    // By measure alone, over the one-year horizon (fte ÷ 12 months):
    // a-net 2916.57 + 4849.51 = 7766.08; b-pv 88.28 + 78.48 + 9.12 = 175.88;
    // a-net employees A (1) + B (2.5) = 3.5; fte 0.75 + 1.25 = 2.00.
    let rows = run("measure");
    assert_eq!(
        rows[1][0..3],
        ["a-net".to_string(), "3.5".to_string(), "2.00".to_string()]
    );
    assert_eq!(rows[1][6], "7766.08");
    assert_eq!(
        (rows[2][0].as_str(), rows[2][6].as_str()),
        ("b-pv", "175.88")
    );
}

#[test]
fn year_alone_sums_every_departement() {
    // 3004.85 + 4927.99 + 9.12 = 7941.96; shares 1973.81 + 3259.17 + 3.04 = 5236.02 (etat).
    let out = Case::fixture(HAND)
        .command_line("simulate scenario.toml --by year")
        .run();
    out.success();
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows[1][0], "2024");
    assert_eq!(rows[1][1], "4.5");
    assert_eq!(rows[1][6], "7941.96");
    assert_eq!(rows[1][7], "5236.02");
}

#[test]
fn table_has_names_and_a_totals_row() {
    let out = Case::fixture(HAND)
        .command_line("simulate scenario.toml --format table")
        .run();
    out.success()
        .stdout_has("2A Corse-du-Sud")
        .stdout_has("971 Guadeloupe")
        // Totals: 3004.85 + 4927.99 + 9.12 = 7941.96, French formatting.
        .stdout_has("Total")
        .stdout_has("7 941,96");
}

#[test]
fn json_rows_keep_money_as_strings() {
    let out = Case::fixture(HAND)
        .command_line("simulate scenario.toml --format json")
        .run();
    out.success();
    let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let first = &rows[0];
    assert_eq!(first["departement"], "01");
    assert_eq!(first["year"], 2024);
    assert_eq!(first["delta_cost"], "3004.85");
    assert_eq!(first["share_assurance_maladie"], "29.42");
    assert_eq!(rows.as_array().unwrap().len(), 3);
}

#[test]
fn output_file_holds_the_same_bytes() {
    let case = Case::fixture(HAND).command_line("simulate scenario.toml --output out/result.csv");
    std::fs::create_dir_all(case.path().join("out")).unwrap();
    case.run().success().stdout_is("");
    assert_eq!(
        case.read("out/result.csv"),
        case.read("expected_departement_year.csv")
    );
    // Only the result is left in the folder: the temporary file was renamed.
    assert_eq!(
        std::fs::read_dir(case.path().join("out")).unwrap().count(),
        1
    );
}

/// The same workforce written as a French spreadsheet would: `;`, decimal
/// comma, DD/MM/YYYY dates, accented headers in another order, a UTF-8 BOM
/// or Windows-1252 text — and the same result.
#[test]
fn french_spreadsheet_dialect() {
    let body = "Poids;Matricule;Département;CCN;Emploi; ETP ;Date_ancienneté;Date_entrée;Date_sortie;Financeur;FINESS\n\
                ;A;01;c1;ES;1;15/06/2023;;;etat;\n\
                2,5;B;2a;c1;ES;0,8;29/02/2024;16/04/2024;30/11/2024;departement;2A0000001\n\
                1;C;971;c1;SEC;0,33;2023-10-31;30/11/2024;31/12/2024;;\n";
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(body.as_bytes());
    let case = Case::fixture(HAND)
        .write("workforce.csv", bom)
        .command_line("simulate scenario.toml");
    case.prints_file("expected_departement_year.csv");

    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(body);
    let case = Case::fixture(HAND)
        .write("workforce.csv", latin1.as_ref())
        .command_line("simulate scenario.toml");
    case.prints_file("expected_departement_year.csv");
}

fn shipped_default() -> String {
    let out = Case::new().command_line("simulate --format csv").run();
    out.success();
    out.stdout
}

/// The shipped default scenario: 101 départements × 5 years; 2022 counts
/// April–December only; the State pays 2/3 of each row to the cent.
#[test]
fn shipped_default_scenario() {
    let rows = csv_rows(&shipped_default());
    assert_eq!(
        rows[0][..3],
        [
            "departement".to_string(),
            "year".to_string(),
            "employees".to_string()
        ]
    );
    // The shipped scenarios use the detailed payroll model: three
    // breakdown columns after delta_employer.
    assert_eq!(
        rows[0][7..10],
        [
            "delta_contributions".to_string(),
            "delta_reduction_generale".to_string(),
            "delta_taxe_salaires".to_string()
        ]
    );
    assert_eq!(
        rows[0][11..],
        [
            "share_etat".to_string(),
            "share_departement".to_string(),
            "cost_pct_of_base".to_string()
        ]
    );
    assert_eq!(rows.len(), 1 + 101 * 5);
    let cents = |s: &str| -> i64 { s.replace('.', "").parse().unwrap() };
    let mut per_year = std::collections::BTreeMap::new();
    for r in &rows[1..] {
        let cost = cents(&r[10]);
        *per_year.entry(r[1].clone()).or_insert(0i64) += cost;
        // One measure funded etat 2/3 then departement: etat gets
        // round(2/3 × cost) half away from zero, departement the remainder.
        let etat = (2 * cost * 2 + 3) / (2 * 3);
        assert_eq!(cents(&r[11]), etat, "row {r:?}");
        assert_eq!(cents(&r[11]) + cents(&r[12]), cost);
        // The breakdown sums to delta_employer.
        assert_eq!(cents(&r[7]) + cents(&r[8]) + cents(&r[9]), cents(&r[6]));
    }
    // The workforce is steady, so 2022 (9 months) is close to 9/12 of 2023.
    let ratio = per_year["2022"] as f64 / per_year["2023"] as f64;
    assert!((ratio - 0.75).abs() < 0.01, "2022/2023 = {ratio}");
}

/// The per-employee core runs on rayon; the bytes do not depend on the
/// number of threads.
#[test]
fn output_does_not_depend_on_thread_count() {
    let scenario = root().join("data/scenarios/segur-all-staff.toml");
    let scenario = scenario.to_str().unwrap();
    let by = "region,measure,convention,job,funder,year";
    let one = Case::new()
        .env("RAYON_NUM_THREADS", "1")
        .args(&["simulate", scenario, "--by", by])
        .run();
    let two = Case::new()
        .env("RAYON_NUM_THREADS", "2")
        .args(&["simulate", scenario, "--by", by])
        .run();
    let four = Case::new()
        .env("RAYON_NUM_THREADS", "4")
        .args(&["simulate", scenario, "--by", by])
        .run();
    one.success();
    assert!(one.stdout.lines().count() > 100);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, four.stdout);
}

/// `revalo simulate … | head -1`: a reader that closes the pipe early is not
/// an error (exit 0, nothing on stderr), in every format.
#[test]
fn a_closed_pipe_is_a_quiet_success() {
    let scenario = root().join("data/scenarios/conference-2022.toml");
    let scenario = scenario.to_str().unwrap();
    let by = "departement,convention,job,funder,year";
    for format in ["csv", "json", "table"] {
        let args = ["simulate", scenario, "--format", format, "--by", by];
        let (first, out) = first_line_then_close(&root(), &args);
        assert!(!first.is_empty());
        out.success().stderr_is("");
    }
}

/// An output file is readable like any other file (not the 0600 of a
/// temporary file), and replacing a file keeps its mode.
#[cfg(unix)]
#[test]
fn output_files_get_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let case = Case::fixture(HAND).command_line("simulate scenario.toml --output out.csv");
    case.run().success();
    let mode = |case: &Case| {
        std::fs::metadata(case.path().join("out.csv"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&case), 0o644);
    std::fs::set_permissions(
        case.path().join("out.csv"),
        std::fs::Permissions::from_mode(0o664),
    )
    .unwrap();
    case.run().success();
    assert_eq!(mode(&case), 0o664);
}
