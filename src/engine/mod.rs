//! The computation: pure, no I/O. For each employee and each month of the
//! horizon in which a measure applies and the employee is present, the
//! rounded amounts of DESIGN.md's Arithmetic section, folded into mergeable
//! group totals in parallel (rayon), so the result does not depend on the
//! thread count.

pub mod keys;
pub mod payroll;
pub mod plan;
pub mod totals;

pub use keys::{GroupBy, GroupKey, KeySpec, KeyValue};
pub use plan::{Plan, Position};
pub use totals::{GroupTotals, MeasureTotals, Totals, FTE_UNITS_PER_MONTH};

use crate::domain::date::{days_present, whole_months};
use crate::domain::money::round_cents;
use crate::domain::workforce::Employee;
use crate::domain::{Money, YearMonth};
use crate::input::{InputError, Location};
use rayon::prelude::*;
use rust_decimal::Decimal;

/// One measure's amounts for one employee in one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeasureMonth {
    /// The measure (scenario index).
    pub measure: usize,
    /// ΔG: the full-time monthly increment, rounded.
    pub delta_full_time: Money,
    /// Δgross of one person: round(ΔG × fte × days ÷ days_in_month).
    pub delta_gross: Money,
    /// Δemployer of one person: round(Δgross × employer_rate).
    pub delta_employer: Money,
    /// The employer rate applied.
    pub employer_rate: Decimal,
    /// Δgross × weight, rounded.
    pub weighted_gross: Money,
    /// Δemployer × weight, rounded.
    pub weighted_employer: Money,
}

/// One employee's month in which at least one measure applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmployeeMonth<'s> {
    /// The month.
    pub month: YearMonth,
    /// Its index in the horizon.
    pub index: usize,
    /// Days of presence.
    pub days: u32,
    /// Days of the month.
    pub days_in_month: u32,
    /// Whole months of seniority on the month's first day.
    pub seniority_months: i32,
    /// The grid position that applies.
    pub position: Position,
    /// B: the full-time base gross, rounded.
    pub base_full_time: Money,
    /// Base of one person: round(B × fte × days ÷ days_in_month).
    pub base: Money,
    /// Base × weight, rounded.
    pub weighted_base: Money,
    /// fte × days × weight × (L ÷ days_in_month), exact.
    pub fte_units: Decimal,
    /// The measures that apply, in scenario order.
    pub measures: &'s [MeasureMonth],
}

fn missing(plan: &Plan<'_>, e: &Employee, what: String) -> InputError {
    InputError::invalid(Location::line(&plan.scenario.workforce, e.line), what)
}

/// `amount × fte × days ÷ days_in_month`, rounded to the cent.
fn prorate(amount: Money, fte: Decimal, days: u32, days_in_month: u32) -> Money {
    let full = amount.amount() * fte;
    if days == days_in_month {
        Money::round(full)
    } else {
        Money::round(full * Decimal::from(days) / Decimal::from(days_in_month))
    }
}

/// `amount × weight`, rounded to the cent.
fn weigh(amount: Money, weight: Decimal) -> Money {
    if weight == Decimal::ONE {
        amount
    } else {
        Money::round(amount.amount() * weight)
    }
}

/// Whether measure `k` can apply to `e` at all (every filter but the dates).
pub fn employee_eligible(plan: &Plan<'_>, e: &Employee, k: usize) -> bool {
    let m = &plan.scenario.measures[k];
    plan.position_eligible[k][e.convention][e.job]
        && m.eligible
            .departement
            .as_ref()
            .is_none_or(|l| l.contains(&e.departement))
        && m.eligible
            .funder
            .as_ref()
            .is_none_or(|l| e.funder.is_some_and(|f| l.contains(&f)))
}

/// Walks the months of `e` in which a measure applies and `e` is present,
/// calling `visit` with each month's amounts: the single definition of
/// DESIGN.md's Arithmetic steps 1–5, shared by `simulate` and `explain`.
pub fn for_each_month(
    plan: &Plan<'_>,
    e: &Employee,
    scratch: &mut Vec<MeasureMonth>,
    mut visit: impl FnMut(&EmployeeMonth<'_>),
) -> Result<(), InputError> {
    let n = plan.scenario.measures.len();
    let eligible: Vec<bool> = (0..n).map(|k| employee_eligible(plan, e, k)).collect();
    if !eligible.iter().any(|x| *x) {
        return Ok(());
    }
    let convention = &plan.grids.conventions[e.convention];
    let job = plan.grids.job(e.convention, e.job);
    let first = e
        .start_date
        .map_or(0, |d| plan.first.months_until(d.year_month()).max(0));
    let last = e.end_date.map_or(plan.months as i32 - 1, |d| {
        plan.first
            .months_until(d.year_month())
            .min(plan.months as i32 - 1)
    });
    for index in first.max(0)..=last {
        let index = index as usize;
        let month = plan.month(index);
        scratch.clear();
        if !(0..n).any(|k| eligible[k] && plan.scenario.measures[k].in_force(month)) {
            continue;
        }
        let days = days_present(month, e.start_date, e.end_date);
        if days == 0 {
            continue;
        }
        let days_in_month = month.days();
        let seniority_months = whole_months(e.seniority_date, month);
        let position = Position {
            convention: e.convention,
            job: e.job,
            step: job.step_at(seniority_months),
        };
        let base_full_time = plan.base(position, index).ok_or_else(|| {
            missing(
                plan,
                e,
                format!(
                    "no value of the point of convention `{}` in force on {} (add it to point_values.csv)",
                    convention.id,
                    month.first_day()
                ),
            )
        })?;
        let base = prorate(base_full_time, e.fte, days, days_in_month);
        let employer_rate = plan
            .employer_rate(convention.sector, index)
            .ok_or_else(|| {
                missing(
                    plan,
                    e,
                    format!(
                        "no employer_rate for sector {} in force on {}",
                        convention.sector,
                        month.first_day()
                    ),
                )
            })?;
        for (k, measure) in plan.scenario.measures.iter().enumerate() {
            if !eligible[k] || !measure.in_force(month) {
                continue;
            }
            let delta_full_time = plan.delta(position, index, k).ok_or_else(|| {
                missing(
                    plan,
                    e,
                    format!(
                        "measure `{}` needs employee_rate for sector {} in force on {} (below 1)",
                        measure.id,
                        convention.sector,
                        month.first_day()
                    ),
                )
            })?;
            let delta_gross = prorate(delta_full_time, e.fte, days, days_in_month);
            let delta_employer = Money::round(delta_gross.amount() * employer_rate);
            scratch.push(MeasureMonth {
                measure: k,
                delta_full_time,
                delta_gross,
                delta_employer,
                employer_rate,
                weighted_gross: weigh(delta_gross, e.weight),
                weighted_employer: weigh(delta_employer, e.weight),
            });
        }
        let units_per_day = Decimal::from(FTE_UNITS_PER_MONTH / days_in_month);
        visit(&EmployeeMonth {
            month,
            index,
            days,
            days_in_month,
            seniority_months,
            position,
            base_full_time,
            base,
            weighted_base: weigh(base, e.weight),
            fte_units: e.fte * Decimal::from(days) * units_per_day * e.weight,
            measures: scratch,
        });
    }
    Ok(())
}

/// A fold accumulator: group totals and the per-employee scratch space.
struct Accumulator {
    totals: GroupTotals,
    scratch: Vec<MeasureMonth>,
    touched: Vec<GroupKey>,
}

impl Accumulator {
    fn new(measures: usize) -> Accumulator {
        Accumulator {
            totals: GroupTotals {
                overall: Totals::new(measures),
                ..GroupTotals::default()
            },
            scratch: Vec::new(),
            touched: Vec::new(),
        }
    }

    fn add(&mut self, plan: &Plan<'_>, e: &Employee) -> Result<(), InputError> {
        let n = plan.scenario.measures.len();
        let job = plan.grids.job(e.convention, e.job);
        let codes = plan.keys.employee_codes(
            e.departement,
            e.convention,
            &job.code,
            &job.filiere,
            e.funder,
        );
        let by_measure = plan.keys.has(GroupBy::Measure);
        let Accumulator {
            totals,
            scratch,
            touched,
        } = self;
        touched.clear();
        let mut any = false;
        for_each_month(plan, e, scratch, |m| {
            any = true;
            let year = m.month.year();
            let mut add_to = |key: GroupKey, measures: &mut dyn Iterator<Item = &MeasureMonth>| {
                let t = totals.groups.entry(key).or_insert_with(|| Totals::new(n));
                t.fte_units += m.fte_units;
                t.base_gross += m.weighted_base;
                for mm in measures {
                    t.measures[mm.measure].delta_gross += mm.weighted_gross;
                    t.measures[mm.measure].delta_employer += mm.weighted_employer;
                }
                if !touched.contains(&key) {
                    touched.push(key);
                }
            };
            if by_measure {
                for mm in m.measures {
                    add_to(
                        plan.keys.key(&codes, year, mm.measure),
                        &mut std::iter::once(mm),
                    );
                }
            } else {
                add_to(plan.keys.key(&codes, year, 0), &mut m.measures.iter());
            }
            let o = &mut totals.overall;
            o.fte_units += m.fte_units;
            o.base_gross += m.weighted_base;
            for mm in m.measures {
                o.measures[mm.measure].delta_gross += mm.weighted_gross;
                o.measures[mm.measure].delta_employer += mm.weighted_employer;
            }
        })?;
        for key in touched.iter() {
            if let Some(t) = totals.groups.get_mut(key) {
                t.employees += e.weight;
            }
        }
        if any {
            totals.overall.employees += e.weight;
        }
        Ok(())
    }
}

/// Computes the group totals of `employees` (one chunk of a workforce);
/// chunks merge with [`GroupTotals::merge`].
pub fn simulate(plan: &Plan<'_>, employees: &[Employee]) -> Result<GroupTotals, InputError> {
    let n = plan.scenario.measures.len();
    employees
        .par_iter()
        .try_fold(
            || Accumulator::new(n),
            |mut acc, e| {
                acc.add(plan, e)?;
                Ok(acc)
            },
        )
        .map(|acc| acc.map(|a| a.totals))
        .try_reduce(
            || GroupTotals {
                overall: Totals::new(n),
                ..GroupTotals::default()
            },
            |a, b| Ok(a.merge(b)),
        )
}

/// `value` rounded to 2 decimals, for `fte` and `cost_pct_of_base`.
pub fn round2(value: Decimal) -> Decimal {
    round_cents(value)
}
