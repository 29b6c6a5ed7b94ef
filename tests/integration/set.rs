//! `--set KEY=VALUE` end to end: an override gives the same result as the
//! same edit made in the file, and a bad key or value is named with its
//! `--set`.

use crate::util::Case;

const HAND: &str = "hand-case";

fn simulate(case: Case, extra: &[&str]) -> String {
    let mut args = vec!["simulate", "scenario.toml", "--by", "measure,year"];
    args.extend_from_slice(extra);
    let out = case.args(&args).run();
    out.success();
    out.stdout.clone()
}

#[test]
fn set_equals_editing_the_file() {
    let edited = simulate(
        Case::fixture(HAND)
            .edit("scenario.toml", "amount = \"183.00\"", "amount = 200")
            .edit(
                "scenario.toml",
                "years = [2024, 2024]",
                "years = [2024, 2025]",
            )
            .edit(
                "scenario.toml",
                "funding = { etat = \"2/3\", departement = \"1/3\" }",
                "funding = { etat = \"1/2\", departement = \"1/2\" }",
            ),
        &[],
    );
    let set = simulate(
        Case::fixture(HAND),
        &[
            "--set",
            "measure.a-net.amount=200",
            "--set",
            "years=2024..2025",
            // Shares are checked once every override is applied: 1/2 + 1/3
            // in between is not an error.
            "--set",
            "measure.a-net.funding.etat=1/2",
            "--set",
            "measure.a-net.funding.departement=1/2",
        ],
    );
    assert_eq!(set, edited);
    // 2025 is a new row: the horizon was extended.
    assert!(set.contains("a-net,2025,"), "{set}");
}

#[test]
fn set_a_filter_and_a_string_value() {
    // Restricting a-net to the administratif filière leaves only C (971,
    // SEC, 0.33 fte, in service from 2024-11-30).
    let edited = simulate(
        Case::fixture(HAND).edit(
            "scenario.toml",
            "eligible = { filiere = [\"socio-educatif\"], sector",
            "eligible = { filiere = [\"administratif\"], sector",
        ),
        &[],
    );
    let set = simulate(
        Case::fixture(HAND),
        &[
            "--set",
            "measure.a-net.eligible.filiere=[\"administratif\"]",
        ],
    );
    assert_eq!(set, edited);
    // A bare word is read as a string, which a filter accepts too.
    let bare = simulate(
        Case::fixture(HAND),
        &["--set", "measure.a-net.eligible.filiere=administratif"],
    );
    assert_eq!(bare, edited);
}

#[test]
fn every_bad_set_is_reported_with_its_flag() {
    let out = Case::fixture(HAND)
        .command_line("simulate scenario.toml --set measure.a-net.amount=abc --set measure.zz.amount=1 --set measure.a-net.amont=3 --set foo=1 --set measure.a-net.funding.etat=1/2")
        .run();
    out.code(2)
        .stderr_has("--set measure.a-net.amount=abc: `amount` must be a decimal number")
        .stderr_has("--set measure.zz.amount=1: no measure matches `zz.amount` (expected measure.<id>.<field> with an id among: `a-net`, `b-pv`)")
        .stderr_has("--set measure.a-net.amont=3: unknown key `amont` in a measure (expected one of: `id`, `kind`, `amount`")
        .stderr_has("--set foo=1: unknown key `foo` in the scenario (expected one of: `name`, `years`")
        .stderr_has("scenario.toml:13:11: funding shares must sum to exactly 1, not 5/6 (after `--set measure.a-net.funding.etat=1/2`)");
}

#[test]
fn set_without_equals_is_a_usage_error() {
    Case::fixture(HAND)
        .command_line("simulate scenario.toml --set years")
        .run()
        .code(2)
        .stderr_has("expected KEY=VALUE");
}
