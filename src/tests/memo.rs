//! The detailed model's memo of employer costs, on the shipped data.

use crate::domain::scenario::PayrollModel;
use crate::domain::{GroupBy, Money};
use crate::engine::{simulate, Plan};
use crate::input::grids::read_grids;
use crate::input::parameters::read_parameters;
use crate::input::scenario::read_scenario;
use crate::input::workforce::read_workforce;
use std::path::Path;

/// The memo of employer costs is an optimisation only: the shipped
/// scenario (detailed) gives the same totals with and without it, on the
/// first 3,000 rows of the shipped workforce (part months, part time and
/// weights included).
#[test]
fn the_cost_memo_changes_nothing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scenario = read_scenario(&root.join("data/scenarios/segur-all-staff.toml")).unwrap();
    assert_eq!(scenario.payroll, PayrollModel::Detailed);
    let grids = read_grids(&scenario.grids).unwrap();
    let parameters = read_parameters(&scenario.parameters).unwrap();
    let mut employees = read_workforce(&scenario.workforce, &grids).unwrap();
    employees.truncate(3000);
    let by = vec![GroupBy::Departement, GroupBy::Measure, GroupBy::Year];
    let with = Plan::new(&scenario, &grids, &parameters, by.clone()).unwrap();
    let mut without = Plan::new(&scenario, &grids, &parameters, by).unwrap();
    without.memo = false;
    let a = simulate(&with, &employees).unwrap();
    let b = simulate(&without, &employees).unwrap();
    assert!(a.overall.delta_employer() > Money::ZERO);
    assert_eq!(a, b);
}
