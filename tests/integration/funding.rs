//! Dated funding and funding by funder (docs/formats.md, rules 50–52):
//! the figures derived by hand in `tests/fixtures/funding/README.md`, the
//! fast path equal to the month-by-month engine, and every bad input
//! located, with exit code 2.

use crate::util::Case;

const FUNDING: &str = "funding";

/// Rows of `csv` whose first field is not `departement`/`year` (the
/// header), as `key…,delta_cost,share_…` text: what the README derives.
fn shares(csv: &str, keys: usize) -> Vec<String> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let cost = header.iter().position(|c| *c == "delta_cost").unwrap();
    let last = header.len() - 1; // cost_pct_of_base
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let mut out: Vec<&str> = f[..keys].to_vec();
            out.extend_from_slice(&f[cost..last]);
            out.join(",")
        })
        .collect()
}

#[test]
fn dated_funding_splits_each_year_by_its_table() {
    let case = Case::fixture(FUNDING);
    // README: 2024 under `departement = 1`, 2025 under departement 1/3 and
    // cnsa 2/3; columns delta_cost, share_departement, share_cnsa.
    let by_year = case.simulate_both_ways(&["dated.toml", "--format", "csv"]);
    assert_eq!(
        shares(&by_year, 2),
        [
            "21,2024,1276.00,1276.00,0.00",
            // round(3132 ÷ 3) = 1044.00, cnsa the remainder.
            "21,2025,3132.00,1044.00,2088.00",
            "25,2024,870.00,870.00,0.00",
            // round(196.78 ÷ 3 = 65.5933…) = 65.59; 196.78 − 65.59 = 131.19.
            "25,2025,196.78,65.59,131.19",
        ]
    );
    // Both years in one group: 2024's cost under the first table, 2025's
    // under the second, summed (rule 52): 25 gets 870.00 + 65.59.
    let by_departement =
        case.simulate_both_ways(&["dated.toml", "--by", "departement", "--format", "csv"]);
    assert_eq!(
        shares(&by_departement, 1),
        ["21,4408.00,2320.00,2088.00", "25,1066.78,935.59,131.19"]
    );
    // 2025 over both départements: 3132.00 + 196.78 = 3328.78, round(÷ 3).
    let by_year = case.simulate_both_ways(&["dated.toml", "--by", "year", "--format", "csv"]);
    assert_eq!(
        shares(&by_year, 1),
        ["2024,2146.00,2146.00,0.00", "2025,3328.78,1109.59,2219.19"]
    );
}

#[test]
fn by_funder_splits_each_row_by_its_funders_table() {
    let case = Case::fixture(FUNDING);
    let out = case.simulate_both_ways(&["by-funder.toml", "--format", "csv"]);
    assert!(out.starts_with("departement,year,employees,fte,base_gross,delta_gross,delta_employer,delta_cost,share_assurance_maladie,share_departement,share_cnsa,"));
    // README: B (etat) to assurance_maladie, A (departement) dated, C
    // (conjoint) 0.6 / 0.4: round(196.78 × 0.6 = 118.068) = 118.07.
    assert_eq!(
        shares(&out, 2),
        [
            "21,2024,1276.00,406.00,870.00,0.00",
            "21,2025,3132.00,1392.00,870.00,870.00",
            "25,2024,870.00,522.00,348.00,0.00",
            "25,2025,196.78,118.07,78.71,0.00",
        ]
    );
    // The detailed model splits the same way; its figures are its own,
    // and the two engines agree on them.
    let detailed = Case::fixture(FUNDING).edit(
        "by-funder.toml",
        "parameters = \"parameters\"",
        "parameters = \"parameters\"\npayroll = \"detailed\"",
    );
    std::fs::copy(
        crate::util::root().join("data/parameters/payroll.csv"),
        detailed.path().join("parameters/payroll.csv"),
    )
    .unwrap();
    detailed.simulate_both_ways(&["by-funder.toml", "--by", "funder,year", "--format", "csv"]);
}

#[test]
fn a_funder_without_a_table_is_located() {
    // Without `conjoint` and without `default`, row C (line 4) has no
    // table: an error at the measure (its `id`, line 8), naming the first
    // row that needs the table, the same for every command (rule 45).
    let case = Case::fixture(FUNDING)
        .edit(
            "by-funder.toml",
            "conjoint = { assurance_maladie = \"0.6\", departement = \"0.4\" }\n",
            "",
        )
        .command_line("simulate by-funder.toml --output out.csv");
    let out = case.run();
    out.code(2).stderr_has(
        "by-funder.toml:8:6: measure `m` is funded by funder: `measure.m.funding_by_funder` has no entry for funder `conjoint` and no `default` (add one of them); first needed by workforce.csv:4",
    );
    assert!(!case.path().join("out.csv").exists());
    // `validate` lists it with its other problems.
    Case::in_dir(case.path())
        .command_line("validate by-funder.toml")
        .run()
        .code(2)
        .stdout_has("by-funder.toml:8:6: error: measure `m` is funded by funder: `measure.m.funding_by_funder` has no entry for funder `conjoint` and no `default` (add one of them); first needed by workforce.csv:4");
    // With a default, the row takes it: C's cost all to `employeur`.
    let case = Case::fixture(FUNDING).edit(
        "by-funder.toml",
        "conjoint = { assurance_maladie = \"0.6\", departement = \"0.4\" }",
        "default = { employeur = \"1\" }",
    );
    let out =
        case.simulate_both_ways(&["by-funder.toml", "--by", "departement", "--format", "csv"]);
    assert!(out.contains("share_employeur"), "{out}");
    // 25: C's 870.00 + 196.78 = 1066.78, all to `employeur`, the last column.
    assert_eq!(shares(&out, 1)[1], "25,1066.78,0.00,0.00,0.00,1066.78");
}

/// `edit` applied to `dated.toml` makes `simulate` fail with `message`.
#[track_caller]
fn dated_fails_with(from: &str, to: &str, message: &str) {
    let case = Case::fixture(FUNDING)
        .edit("dated.toml", from, to)
        .command_line("simulate dated.toml --output out.csv");
    case.run().code(2).stderr_has(message);
    assert!(!case.path().join("out.csv").exists());
}

#[test]
fn bad_dated_funding_is_located() {
    dated_fails_with(
        "from = \"2025-01\"",
        "from = \"2025-13\"",
        "dated.toml:14:12: `from` must be a month \"YYYY-MM\"",
    );
    dated_fails_with(
        "from = \"2025-01\"",
        "from = \"2024-05\"",
        "dated.toml:14:12: the dated tables of `funding` must be in increasing order of `from`: 2024-05 comes after 2024-07",
    );
    dated_fails_with(
        "cnsa = \"2/3\"",
        "cnsa = \"1/2\"",
        "dated.toml:14:3: funding shares must sum to exactly 1, not 5/6",
    );
    dated_fails_with(
        "{ from = \"2024-07\", departement = \"1\" }",
        "{ from = \"2024-08\", departement = \"1\" }",
        "dated.toml:13:12: the first table of `funding` is in force from 2024-08, after the measure's first month 2024-07",
    );
    dated_fails_with(
        "{ from = \"2024-07\", departement = \"1\" }",
        "{ departement = \"1\" }",
        "dated.toml:13:3: missing key `from` in a dated funding table",
    );
}

#[test]
fn bad_funding_by_funder_is_located() {
    let fails = |from: &str, to: &str, message: &str| {
        let case = Case::fixture(FUNDING)
            .edit("by-funder.toml", from, to)
            .command_line("simulate by-funder.toml");
        case.run().code(2).stderr_has(message);
    };
    fails(
        "conjoint = {",
        "mairie = {",
        "by-funder.toml:20:1: unknown funder `mairie` in `funding_by_funder` (expected etat, departement, conjoint, autre or default)",
    );
    fails(
        "conjoint = {",
        "ARS = {",
        "by-funder.toml:20:1: `funding_by_funder` gives `etat` twice",
    );
    fails(
        "assurance_maladie = \"0.6\"",
        "assurance_maladie = \"0.5\"",
        "by-funder.toml:20:12: funding shares must sum to exactly 1, not 9/10",
    );
    fails(
        "funding = \"by_funder\"",
        "funding = \"by funder\"",
        "by-funder.toml:12:11: `funding` must be a table of payers and shares, a list of dated tables or \"by_funder\", not \"by funder\"",
    );
    fails(
        "[measure.funding_by_funder]",
        "[measure.funding_by_fund]",
        "by-funder.toml:14:10: unknown key `funding_by_fund` in a measure",
    );
}

#[test]
fn set_says_what_it_cannot_do_with_the_new_forms() {
    let case =
        Case::fixture(FUNDING).command_line("simulate dated.toml --set measure.m.funding.cnsa=1/3");
    case.run().code(2).stderr_has(
        "--set measure.m.funding.cnsa=1/3: `measure.m.funding` is a dated list of funding tables (docs/formats.md, rule 50): --set cannot change one of its tables",
    );
    let case = Case::fixture(FUNDING)
        .command_line("simulate by-funder.toml --set measure.m.funding.etat=1");
    case.run().code(2).stderr_has(
        "`measure.m.funding` is \"by_funder\" (docs/formats.md, rule 51): set a funder's shares with --set measure.m.funding_by_funder.<funder>.<payer>=<share>",
    );
    // A single table of a funder is set like any table: etat's rows (B)
    // then go half to `region`, the new payer last of etat's table, so
    // second in first-seen order (rule 14).
    let out = Case::fixture(FUNDING)
        .command_line("simulate by-funder.toml --by departement --format csv --set measure.m.funding_by_funder.etat.assurance_maladie=1/2 --set measure.m.funding_by_funder.etat.region=1/2")
        .run();
    out.success();
    // B's 406.00 + 1392.00 = 1798.00, half each; assurance_maladie also
    // gets C's 522.00 + 118.07 in département 25.
    assert_eq!(
        shares(&out.stdout, 1),
        [
            "21,4408.00,899.00,899.00,1740.00,870.00",
            "25,1066.78,640.07,0.00,426.71,0.00"
        ]
    );
}

#[test]
fn every_table_names_known_or_declared_payers() {
    // Rule 42 holds in each table of a dated list and of funding_by_funder:
    // a typo is an error at its key with the closest known payer.
    dated_fails_with(
        "departement = \"1/3\", cnsa",
        "departemnt = \"1/3\", cnsa",
        "dated.toml:14:23: unknown payer `departemnt`: did you mean `departement`?",
    );
    Case::fixture(FUNDING)
        .edit(
            "by-funder.toml",
            "etat = { assurance_maladie",
            "etat = { asurance_maladie",
        )
        .command_line("simulate by-funder.toml")
        .run()
        .code(2)
        .stderr_has("unknown payer `asurance_maladie`: did you mean `assurance_maladie`?");
    // Declared with `payers = [...]`, the name is a payer like any other.
    let case = Case::fixture(FUNDING)
        .edit(
            "by-funder.toml",
            "parameters = \"parameters\"",
            "parameters = \"parameters\"\npayers = [\"caf\"]",
        )
        .edit(
            "by-funder.toml",
            "conjoint = { assurance_maladie = \"0.6\", departement = \"0.4\" }",
            "conjoint = { assurance_maladie = \"0.6\", caf = \"0.4\" }",
        );
    let out =
        case.simulate_both_ways(&["by-funder.toml", "--by", "departement", "--format", "csv"]);
    // 25: C's 870.00 + 196.78 = 1066.78; caf 870 − 522 + 196.78 − 118.07
    // = 348.00 + 78.71 = 426.71.
    assert!(
        out.contains("\n25,1,0.31,11771.43,735.71,331.07,1066.78,640.07,0.00,0.00,426.71,9.06\n"),
        "{out}"
    );
}
