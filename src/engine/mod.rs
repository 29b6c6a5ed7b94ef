//! The computation: pure, no I/O. For each employee and each month of the
//! horizon in which a measure applies and the employee is present, the
//! rounded amounts of docs/formats.md's Arithmetic, folded into mergeable
//! group totals in parallel (rayon), so the result does not depend on the
//! thread count.

mod error;
pub mod fast;
mod funded;
mod keys;
pub mod payroll;
mod plan;
pub mod public;
pub mod search;
pub mod solve;
mod totals;

pub use error::EngineError;
pub use funded::FundingPlan;
pub use keys::{GroupKey, KeySpec, KeyValue};
pub use plan::{unknown_filters, NoDelta, Plan, Position};
pub use totals::{
    measure_shares, payer_shares, GroupTotals, MeasureTotals, Totals, FTE_UNITS_PER_MONTH,
};

use crate::domain::date::{days_present, whole_months};
use crate::domain::grid::{Convention, Job};
use crate::domain::params::Parameter;
use crate::domain::scenario::EmployerFacts;
use crate::domain::workforce::Employee;
use crate::domain::{GroupBy, Money, Sector, YearMonth};
use payroll::Zone;
use public::SectorPayroll;
use rayon::prelude::*;
use rust_decimal::Decimal;

/// One measure's amounts for one employee in one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeasureMonth {
    /// The measure (scenario index).
    pub measure: usize,
    /// The index of the measure's funding table in force (in
    /// `Funding::tables` order): 0 for a single table.
    pub funding: usize,
    /// ΔG: the full-time monthly increment, rounded.
    pub delta_full_time: Money,
    /// Δgross of one person: round(ΔG × fte × days ÷ days_in_month).
    pub delta_gross: Money,
    /// Δemployer of one person: flat, round(Δgross × employer_rate);
    /// detailed, the sum of the three parts below.
    pub delta_employer: Money,
    /// The employer rate applied (flat model only).
    pub employer_rate: Option<Decimal>,
    /// Detailed model: Δ employer contributions before the réduction
    /// générale, cost(B + Δgross) − cost(B).
    pub delta_contributions: Money,
    /// Detailed model: réduction générale lost, RG(B) − RG(B + Δgross)
    /// (positive: more cost).
    pub delta_reduction_generale: Money,
    /// Detailed model: this month's share of the year's Δ taxe sur les
    /// salaires.
    pub delta_taxe_salaires: Money,
    /// Δgross × weight, rounded.
    pub weighted_gross: Money,
    /// Δemployer × weight, rounded.
    pub weighted_employer: Money,
    /// Detailed: weighted Δemployer − the two weighted parts below, so that
    /// the three weighted parts sum to `weighted_employer` exactly.
    pub weighted_contributions: Money,
    /// Detailed: Δ réduction générale lost × weight, rounded.
    pub weighted_reduction_generale: Money,
    /// Detailed: Δ taxe sur les salaires × weight, rounded.
    pub weighted_taxe_salaires: Money,
}

impl MeasureMonth {
    /// Measure `k`'s ΔG and Δgross, every other amount zero (to be filled
    /// by the payroll model, then weighted).
    fn unweighted(measure: usize, delta_full_time: Money, delta_gross: Money) -> MeasureMonth {
        MeasureMonth {
            measure,
            funding: 0,
            delta_full_time,
            delta_gross,
            delta_employer: Money::ZERO,
            employer_rate: None,
            delta_contributions: Money::ZERO,
            delta_reduction_generale: Money::ZERO,
            delta_taxe_salaires: Money::ZERO,
            weighted_gross: Money::ZERO,
            weighted_employer: Money::ZERO,
            weighted_contributions: Money::ZERO,
            weighted_reduction_generale: Money::ZERO,
            weighted_taxe_salaires: Money::ZERO,
        }
    }
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
    /// B: the full-time base gross, rounded, floored at the SMIC (it
    /// includes `smic_top_up`).
    pub base_full_time: Money,
    /// The indemnité différentielle in B, full time: what lifts the grid's
    /// pay to the SMIC (docs/formats.md, rule 33); zero above the SMIC.
    pub smic_top_up: Money,
    /// Base of one person: round(B × fte × days ÷ days_in_month).
    pub base: Money,
    /// Base × weight, rounded.
    pub weighted_base: Money,
    /// fte × days × weight × (L ÷ days_in_month), exact.
    pub fte_units: Decimal,
    /// The measures that apply, in scenario order.
    pub measures: &'s [MeasureMonth],
}

/// Per-employee scratch space of [`for_each_month`], reused across
/// employees to avoid allocations.
#[derive(Debug, Default)]
pub struct Scratch {
    measures: Vec<MeasureMonth>,
    months: Vec<(EmployeeMonth<'static>, usize, usize)>,
    annual: Vec<Money>,
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
fn employee_eligible(plan: &Plan<'_>, e: &Employee, k: usize) -> bool {
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

/// Whether an employer of `sector` with `facts` pays the taxe sur les
/// salaires: never a public one (docs/payroll.md).
fn pays_taxe_salaires(sector: Sector, facts: &EmployerFacts) -> bool {
    facts.taxe_salaires && sector != Sector::Public
}

/// The employer facts of `e`: the scenario's `[employer]`, overridden by
/// the row's own columns.
fn employer_facts(plan: &Plan<'_>, e: &Employee) -> EmployerFacts {
    let s = plan.scenario.employer;
    EmployerFacts {
        size: e.employer_size.unwrap_or(s.size),
        at_mp_rate: e.at_mp_rate.unwrap_or(s.at_mp_rate),
        taxe_salaires: e.taxe_salaires.unwrap_or(s.taxe_salaires),
    }
}

/// Walks the months of `e` in which a measure applies and `e` is present,
/// calling `visit` with each month's amounts: the single definition of
/// docs/formats.md's arithmetic steps 1–5, shared by `simulate` and
/// `explain`.
///
/// Under the detailed payroll model (docs/payroll.md) Δemployer is
/// cost(B + Δgross) − cost(B) month by month, plus the year's Δ taxe sur
/// les salaires, which needs the employee's whole annual pay: so every
/// month of presence is walked, and the months of a year are visited once
/// the year is complete.
pub fn for_each_month(
    plan: &Plan<'_>,
    e: &Employee,
    scratch: &mut Scratch,
    mut visit: impl FnMut(&EmployeeMonth<'_>),
) -> Result<(), EngineError> {
    let Some(mut walk) = MonthWalk::new(plan, e) else {
        return Ok(());
    };
    let Scratch {
        measures: buffer,
        months,
        annual,
    } = scratch;
    buffer.clear();
    months.clear();
    annual.clear();
    if walk.annual_pay {
        annual.resize(plan.months / 12, Money::ZERO);
    }
    let (first, last) = presence_months(plan, e);
    for index in first.max(0)..=last {
        if let Some(month) = walk.month(index as usize, annual, buffer)? {
            months.push(month);
        }
        // A year is complete: its taxe sur les salaires can be spread, and
        // its months visited. Only one year is kept at a time, so that
        // memory does not grow with the horizon × the measures.
        if index == last || (index + 1) % 12 == 0 {
            if walk.annual_pay {
                allocate_taxe_salaires(plan, e, walk.convention.sector, annual, months, buffer)?;
            }
            weigh_measures(buffer, plan.detailed(), e.weight);
            for (m, start, end) in months.iter() {
                visit(&EmployeeMonth {
                    measures: &buffer[*start..*end],
                    ..m.clone()
                });
            }
            months.clear();
            buffer.clear();
        }
    }
    if let Some(costs) = walk.costs.take() {
        costs.release();
    }
    Ok(())
}

/// One employee's walk through the horizon: what its months share.
struct MonthWalk<'a, 'p> {
    plan: &'a Plan<'p>,
    e: &'a Employee,
    convention: &'a Convention,
    job: &'a Job,
    facts: EmployerFacts,
    /// Per measure: whether it can apply to `e` at all.
    eligible: Vec<bool>,
    /// Detailed model with the taxe sur les salaires: it needs the annual
    /// pay of every year in which a measure applies.
    annual_pay: bool,
    /// With `annual_pay`: per year, whether a measure applies in a month.
    year_has_measure: Vec<bool>,
    /// Detailed model with the memo: this thread's memo of employer costs.
    costs: Option<payroll::CostCache>,
    /// `e`'s working time in the memo, for whole months under the
    /// scenario's own employer facts.
    fte_slot: Option<usize>,
}

/// One month of presence on one grid position.
#[derive(Clone, Copy)]
struct MonthAt {
    index: usize,
    month: YearMonth,
    days: u32,
    days_in_month: u32,
    position: Position,
    /// Base of one person: round(B × fte × days ÷ days_in_month).
    base: Money,
}

/// The employer side of one month: the flat model's rate, or the detailed
/// model's parameters, fte × presence (`q`), the cost of the base, and the
/// memo's (slot, entry) for a whole month.
enum EmployerSide<'p> {
    Flat(Decimal),
    Detailed {
        params: SectorPayroll<'p>,
        memo: Option<(usize, usize)>,
        q: Decimal,
        before: payroll::Breakdown,
    },
}

impl<'a, 'p> MonthWalk<'a, 'p> {
    /// `None` when no measure can apply to `e`.
    fn new(plan: &'a Plan<'p>, e: &'a Employee) -> Option<MonthWalk<'a, 'p>> {
        let n = plan.scenario.measures.len();
        let eligible: Vec<bool> = (0..n).map(|k| employee_eligible(plan, e, k)).collect();
        if !eligible.iter().any(|x| *x) {
            return None;
        }
        let detailed = plan.detailed();
        let facts = employer_facts(plan, e);
        // Memo entries: per class cell, the base and each measure.
        let entries = plan.class_cells() * (n + 1);
        let memo = detailed && plan.memo && entries <= payroll::CostCache::MAX_ENTRIES;
        let mut costs = memo.then(|| payroll::CostCache::take(plan.id));
        let fte_slot = match costs.as_mut() {
            Some(c) if facts == plan.scenario.employer => c.fte_slot(e.fte, entries),
            _ => None,
        };
        let convention = &plan.grids.conventions[e.convention];
        let mut walk = MonthWalk {
            plan,
            e,
            convention,
            job: plan.grids.job(e.convention, e.job),
            facts,
            eligible,
            annual_pay: detailed && pays_taxe_salaires(convention.sector, &facts),
            year_has_measure: Vec::new(),
            costs,
            fte_slot,
        };
        if walk.annual_pay {
            walk.year_has_measure = (0..plan.months / 12)
                .map(|y| (0..12).any(|i| walk.any_applies(plan.month(y * 12 + i))))
                .collect();
        }
        Some(walk)
    }

    fn applies(&self, k: usize, month: YearMonth) -> bool {
        self.eligible[k] && self.plan.scenario.measures[k].in_force(month)
    }

    fn any_applies(&self, month: YearMonth) -> bool {
        (0..self.eligible.len()).any(|k| self.applies(k, month))
    }

    /// Month `index`: its base joins the annual pay; when a measure
    /// applies, each measure's amounts are pushed to `buffer` and the month
    /// returned with its range there. `None` for a month that adds nothing.
    fn month(
        &mut self,
        index: usize,
        annual: &mut [Money],
        buffer: &mut Vec<MeasureMonth>,
    ) -> Result<Option<(EmployeeMonth<'static>, usize, usize)>, EngineError> {
        let (plan, e) = (self.plan, self.e);
        let month = plan.month(index);
        let year = index / 12;
        let measure_month = self.any_applies(month);
        if !(measure_month || self.annual_pay && self.year_has_measure[year]) {
            return Ok(None);
        }
        let days = days_present(month, e.start_date, e.end_date);
        if days == 0 {
            return Ok(None);
        }
        let seniority_months = whole_months(e.seniority_date, month);
        let position = Position {
            convention: e.convention,
            job: e.job,
            step: self.job.step_at(seniority_months, month.first_day()),
        };
        let base_full_time = plan
            .base(position, index)
            .ok_or_else(|| self.no_base(month))?;
        let at = MonthAt {
            index,
            month,
            days,
            days_in_month: month.days(),
            position,
            base: prorate(base_full_time, e.fte, days, month.days()),
        };
        if self.annual_pay {
            annual[year] += at.base;
        }
        if !measure_month {
            return Ok(None);
        }
        let side = self.employer_side(&at)?;
        let start = buffer.len();
        self.push_measures(&side, &at, buffer)?;
        let units_per_day = Decimal::from(FTE_UNITS_PER_MONTH / at.days_in_month);
        let employee_month = EmployeeMonth {
            month,
            index,
            days,
            days_in_month: at.days_in_month,
            seniority_months,
            position,
            base_full_time,
            smic_top_up: plan.smic_top_up(position, index),
            base: at.base,
            weighted_base: weigh(at.base, e.weight),
            fte_units: e.fte * Decimal::from(days) * units_per_day * e.weight,
            measures: &[],
        };
        Ok(Some((employee_month, start, buffer.len())))
    }

    /// Why a month has no base B: no version of the job's grid in force
    /// yet (rule 35), or no value of the point.
    fn no_base(&self, month: YearMonth) -> EngineError {
        let (plan, e, job) = (self.plan, self.e, self.job);
        let day = month.first_day();
        if job.version_on(day).is_none() {
            let grid = &plan.grids.grid_of(e.convention).name;
            let first = job.versions[0]
                .effective
                .map_or_else(String::new, |d| d.to_string());
            return error::missing_grid_version(plan, e, grid, &job.code, day, &first);
        }
        error::missing_point_value(plan, e, month)
    }

    /// The rate (flat) or the parameters and the base's cost (detailed).
    fn employer_side(&mut self, at: &MonthAt) -> Result<EmployerSide<'a>, EngineError> {
        let (plan, e) = (self.plan, self.e);
        let sector = self.convention.sector;
        if !plan.detailed() {
            let rate = plan.employer_rate(sector, at.index).ok_or_else(|| {
                error::missing_parameter(plan, e, Parameter::EmployerRate, sector, at.month)
            })?;
            return Ok(EmployerSide::Flat(rate));
        }
        let params = plan
            .payroll(sector, at.index)
            .map_err(|p| error::missing_parameter(plan, e, p.0, sector, at.month))?;
        let whole = at.days == at.days_in_month;
        let q = if whole {
            e.fte
        } else {
            e.fte * Decimal::from(at.days) / Decimal::from(at.days_in_month)
        };
        // Memoised for a whole month under the scenario's employer facts.
        let n = plan.scenario.measures.len();
        let memo = match self.fte_slot {
            Some(slot) if whole => Some((slot, plan.class_cell(at.position, at.index) * (n + 1))),
            _ => None,
        };
        let facts = self.facts;
        let before = match (memo, self.costs.as_mut()) {
            (Some((slot, entry)), Some(costs)) => costs.get(slot, entry + n, || {
                params.employer_cost(at.base, Money::ZERO, false, q, &facts)
            }),
            _ => params.employer_cost(at.base, Money::ZERO, false, q, &facts),
        };
        Ok(EmployerSide::Detailed {
            params,
            memo,
            q,
            before,
        })
    }

    /// The error of measure `k`, whose ΔG cannot be computed at `at`.
    fn no_delta(&self, k: usize, at: &MonthAt) -> EngineError {
        let (plan, e) = (self.plan, self.e);
        let sector = self.convention.sector;
        match plan.no_delta(at.position, at.index, k) {
            Some(NoDelta::PointValue) => error::missing_point_value(plan, e, at.month),
            Some(NoDelta::EmployeeRate) => {
                error::missing_parameter(plan, e, Parameter::EmployeeRate, sector, at.month)
            }
            Some(NoDelta::Parameters) => match plan.month_params(sector, at.index) {
                Err(p) => error::missing_parameter(plan, e, p.0, sector, at.month),
                Ok(_) => error::delta_too_large(plan, e, k, at.position, at.month),
            },
            Some(NoDelta::TooLarge) | None => {
                error::delta_too_large(plan, e, k, at.position, at.month)
            }
        }
    }

    /// Steps 3–4 for every measure that applies: ΔG, Δgross, and Δemployer
    /// (flat) or its contributions and réduction générale parts (detailed;
    /// the taxe sur les salaires comes once the year is known).
    fn push_measures(
        &mut self,
        side: &EmployerSide<'a>,
        at: &MonthAt,
        buffer: &mut Vec<MeasureMonth>,
    ) -> Result<(), EngineError> {
        let (plan, e) = (self.plan, self.e);
        for (k, measure) in plan.scenario.measures.iter().enumerate() {
            if !self.applies(k, at.month) {
                continue;
            }
            let delta_full_time = plan
                .delta(at.position, at.index, k)
                .ok_or_else(|| self.no_delta(k, at))?;
            let delta_gross = prorate(delta_full_time, e.fte, at.days, at.days_in_month);
            let mut mm = MeasureMonth::unweighted(k, delta_full_time, delta_gross);
            mm.funding = measure
                .funding
                .table_at(at.month, e.funder)
                .ok_or_else(|| error::unfunded(plan, e, k))?;
            match *side {
                EmployerSide::Flat(rate) => {
                    mm.employer_rate = Some(rate);
                    mm.delta_employer = Money::round(delta_gross.amount() * rate);
                }
                EmployerSide::Detailed {
                    params,
                    memo,
                    q,
                    before,
                } => {
                    // The memo keeps the differences themselves.
                    let facts = self.facts;
                    let delta = || {
                        let after =
                            params.employer_cost(at.base, delta_gross, measure.bonus, q, &facts);
                        payroll::Breakdown {
                            contributions: after.contributions - before.contributions,
                            reduction_generale: before.reduction_generale
                                - after.reduction_generale,
                        }
                    };
                    let delta = match (memo, self.costs.as_mut()) {
                        (Some((slot, entry)), Some(costs)) => costs.get(slot, entry + k, delta),
                        _ => delta(),
                    };
                    mm.delta_contributions = delta.contributions;
                    mm.delta_reduction_generale = delta.reduction_generale;
                }
            }
            buffer.push(mm);
        }
        Ok(())
    }
}

/// Step 5 once the employee's months are complete: the detailed Δemployer
/// as the sum of its parts, then every amount × weight, rounded; the
/// weighted contributions take what the rounding leaves so that the three
/// weighted parts sum to the weighted Δemployer exactly.
fn weigh_measures(buffer: &mut [MeasureMonth], detailed: bool, weight: Decimal) {
    for mm in buffer.iter_mut() {
        if detailed {
            mm.delta_employer =
                mm.delta_contributions + mm.delta_reduction_generale + mm.delta_taxe_salaires;
        }
        mm.weighted_gross = weigh(mm.delta_gross, weight);
        mm.weighted_employer = weigh(mm.delta_employer, weight);
        if detailed && weight == Decimal::ONE {
            mm.weighted_contributions = mm.delta_contributions;
            mm.weighted_reduction_generale = mm.delta_reduction_generale;
            mm.weighted_taxe_salaires = mm.delta_taxe_salaires;
        } else if detailed {
            mm.weighted_reduction_generale = weigh(mm.delta_reduction_generale, weight);
            mm.weighted_taxe_salaires = weigh(mm.delta_taxe_salaires, weight);
            mm.weighted_contributions =
                mm.weighted_employer - mm.weighted_reduction_generale - mm.weighted_taxe_salaires;
        }
    }
}

/// Detailed model: for each year and measure, ΔTS = TS(A + ΣΔgross) −
/// TS(A) on the employee's annual pay A (all months of presence), spread
/// over the measure's months of that year in proportion to their Δgross
/// (round(ΔTS × Δgross_m ÷ ΣΔgross), multiplied first so that the one
/// rounding is that of the exact quotient), each month rounded to the cent
/// and the last month taking the remainder so that the months sum to ΔTS
/// exactly (docs/payroll.md).
fn allocate_taxe_salaires(
    plan: &Plan<'_>,
    e: &Employee,
    sector: Sector,
    annual: &[Money],
    months: &[(EmployeeMonth<'static>, usize, usize)],
    buffer: &mut [MeasureMonth],
) -> Result<(), EngineError> {
    let zone = Zone::of(e.departement);
    let n = plan.scenario.measures.len();
    let mut i = 0;
    while i < months.len() {
        let year = months[i].0.index / 12;
        let mut j = i;
        while j < months.len() && months[j].0.index / 12 == year {
            j += 1;
        }
        let (from, to) = (months[i].1, months[j - 1].2);
        let january = plan
            .month_params(sector, year * 12)
            .map_err(|p| error::missing_parameter(plan, e, p.0, sector, plan.month(year * 12)))?;
        let a = annual[year];
        let tax = payroll::taxe_salaires(january, zone, a);
        for k in 0..n {
            let of_k = || buffer[from..to].iter().filter(|mm| mm.measure == k);
            let total: Money = of_k().map(|mm| mm.delta_gross).sum();
            if total.is_zero() {
                continue;
            }
            let delta = payroll::taxe_salaires(january, zone, a + total) - tax;
            let last = of_k().count();
            let mut given = Money::ZERO;
            for (c, mm) in buffer[from..to]
                .iter_mut()
                .filter(|mm| mm.measure == k)
                .enumerate()
            {
                let part = if c + 1 == last {
                    delta - given
                } else {
                    Money::round(delta.amount() * mm.delta_gross.amount() / total.amount())
                };
                given += part;
                mm.delta_taxe_salaires = part;
            }
        }
        i = j;
    }
    Ok(())
}

/// The first and last horizon months (indices) of `e`'s presence; empty
/// when `first > last`.
fn presence_months(plan: &Plan<'_>, e: &Employee) -> (i32, i32) {
    let first = e
        .start_date
        .map_or(0, |d| plan.first.months_until(d.year_month()).max(0));
    let last = e.end_date.map_or(plan.months as i32 - 1, |d| {
        plan.first
            .months_until(d.year_month())
            .min(plan.months as i32 - 1)
    });
    (first, last)
}

/// One person in one month: where they stand on the grid, how much they work
/// and how many days they are present.
#[derive(Clone, Copy, Debug)]
struct PersonMonth {
    /// The grid position.
    pub position: Position,
    /// The month (horizon index).
    pub index: usize,
    /// Working time.
    pub fte: Decimal,
    /// How many identical people the row stands for.
    pub weight: Decimal,
    /// Days of presence.
    pub days: u32,
    /// Days of the month.
    pub days_in_month: u32,
}

/// The base amounts of a [`PersonMonth`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct BaseAmounts {
    /// B: the full-time base gross, rounded.
    pub base_full_time: Money,
    /// Base of one person: round(B × fte × days ÷ days_in_month).
    pub base: Money,
    /// Base × weight, rounded.
    pub weighted_base: Money,
}

/// What a month lacks to be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Missing {
    /// No value of the point in force.
    PointValue,
    /// No employer rate in force.
    EmployerRate,
    /// Measure `k`'s ΔG cannot be computed (no usable employee rate).
    Delta(usize),
}

/// The flat model's arithmetic (docs/formats.md, steps 3–5) for one person
/// in one month: the base, and, pushed to `out` in scenario order, the
/// amounts of each measure `k` in force for which `applies(k)`. The fast path ([`fast`]) prices every
/// stretch of identical months with it; [`for_each_month`] is the reference
/// it must equal, which the property tests of `src/tests/fast_path.rs` check.
fn person_month(
    plan: &Plan<'_>,
    p: &PersonMonth,
    applies: impl Fn(usize) -> bool,
    out: &mut Vec<MeasureMonth>,
) -> Result<BaseAmounts, Missing> {
    let month = plan.month(p.index);
    let base_full_time = plan.base(p.position, p.index).ok_or(Missing::PointValue)?;
    let base = prorate(base_full_time, p.fte, p.days, p.days_in_month);
    let sector = plan.grids.conventions[p.position.convention].sector;
    let employer_rate = plan
        .employer_rate(sector, p.index)
        .ok_or(Missing::EmployerRate)?;
    for (k, measure) in plan.scenario.measures.iter().enumerate() {
        if !applies(k) || !measure.in_force(month) {
            continue;
        }
        let delta_full_time = plan
            .delta(p.position, p.index, k)
            .ok_or(Missing::Delta(k))?;
        let delta_gross = prorate(delta_full_time, p.fte, p.days, p.days_in_month);
        let delta_employer = Money::round(delta_gross.amount() * employer_rate);
        out.push(MeasureMonth {
            delta_employer,
            employer_rate: Some(employer_rate),
            weighted_gross: weigh(delta_gross, p.weight),
            weighted_employer: weigh(delta_employer, p.weight),
            ..MeasureMonth::unweighted(k, delta_full_time, delta_gross)
        });
    }
    Ok(BaseAmounts {
        base_full_time,
        base,
        weighted_base: weigh(base, p.weight),
    })
}

/// A fold accumulator: group totals and the per-employee scratch space.
struct Accumulator {
    totals: GroupTotals,
    scratch: Scratch,
    touched: Vec<GroupKey>,
}

impl Accumulator {
    fn new(plan: &Plan<'_>) -> Accumulator {
        Accumulator {
            totals: GroupTotals {
                overall: plan.funding.totals(plan.scenario.measures.len()),
                ..GroupTotals::default()
            },
            scratch: Scratch::default(),
            touched: Vec::new(),
        }
    }

    fn add(&mut self, plan: &Plan<'_>, e: &Employee) -> Result<(), EngineError> {
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
                let t = totals
                    .groups
                    .entry(key)
                    .or_insert_with(|| plan.funding.totals(plan.scenario.measures.len()));
                t.fte_units += m.fte_units;
                t.base_gross += m.weighted_base;
                for mm in measures {
                    plan.funding.add(t, mm);
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
                plan.funding.add(o, mm);
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

/// The error of the first of `employees`, in order, that cannot be
/// computed: the parallel engines meet errors in any order, and report this
/// one, so that a run names the same row whatever the threads did.
fn first_error(plan: &Plan<'_>, employees: &[Employee], found: EngineError) -> EngineError {
    let mut scratch = Scratch::default();
    employees
        .iter()
        .find_map(|e| for_each_month(plan, e, &mut scratch, |_| {}).err())
        .unwrap_or(found)
}

/// The reference: [`for_each_month`] folded over `employees` month by month,
/// with no shortcut. [`fast::FastEngine::simulate`] must return exactly the
/// same totals, or the same error: that of the first row in order that
/// cannot be computed.
pub fn simulate_reference(
    plan: &Plan<'_>,
    employees: &[Employee],
) -> Result<GroupTotals, EngineError> {
    employees
        .par_iter()
        .try_fold(
            || Accumulator::new(plan),
            |mut acc, e| {
                acc.add(plan, e)?;
                Ok(acc)
            },
        )
        .map(|acc| acc.map(|a| a.totals))
        .try_reduce(
            || GroupTotals {
                overall: plan.funding.totals(plan.scenario.measures.len()),
                ..GroupTotals::default()
            },
            |a, b| Ok(a.merge(b)),
        )
        .map_err(|e| first_error(plan, employees, e))
}

#[cfg(test)]
mod tests;
