//! The detailed model's memo of employer costs, on the shipped data.

use crate::domain::scenario::PayrollModel;
use crate::domain::Source;
use crate::domain::{GroupBy, Money};
use crate::engine::fast::FastEngine;
use crate::input::workforce::read_workforce;
use crate::pipeline::Inputs;

/// The memo of employer costs is an optimisation only: the shipped
/// scenario (detailed) gives the same totals with and without it, on the
/// first 3,000 rows of the shipped workforce (part months, part time and
/// weights included).
#[test]
fn the_cost_memo_changes_nothing() {
    let scenario = Source::shipped("scenarios/segur-all-staff.toml");
    let inputs = Inputs::load(&scenario, &[]).unwrap();
    assert_eq!(inputs.scenario.payroll, PayrollModel::Detailed);
    let mut employees = read_workforce(&inputs.scenario.workforce, &inputs.grids).unwrap();
    employees.truncate(3000);
    let by = vec![GroupBy::Departement, GroupBy::Measure, GroupBy::Year];
    let with = inputs.plan(by.clone()).unwrap();
    let mut without = inputs.plan(by).unwrap();
    without.memo = false;
    let a = FastEngine::new(&with).simulate(&employees).unwrap();
    let b = FastEngine::new(&without).simulate(&employees).unwrap();
    assert!(a.overall.delta_employer() > Money::ZERO);
    assert_eq!(a, b);
}
