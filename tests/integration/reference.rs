//! revalo against an independent exact implementation: the frozen outputs of
//! the pandas peer (`benches/peers/pandas_flat.py`, integer cents and
//! fractions) on two random cases, for many `--by` groupings. See
//! `tests/fixtures/random-*/README.md`.

use crate::util::Case;

fn check_all(fixture: &str) {
    let dir = crate::util::fixtures().join(fixture);
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(keys) = name
            .strip_prefix("expected_")
            .and_then(|n| n.strip_suffix(".csv"))
        else {
            continue;
        };
        let by = keys.replace('_', ",");
        let case = Case::fixture(fixture)
            .command_line(&format!("simulate scenario.toml --by {by} --format csv"));
        case.prints_file(&name);
        checked += 1;
    }
    assert_eq!(checked, 8, "expected 8 groupings in {fixture}");
}

#[test]
fn random_case_a_matches_the_exact_reference() {
    check_all("random-a");
}

#[test]
fn random_case_b_every_measure_kind_matches_the_exact_reference() {
    check_all("random-b");
}
