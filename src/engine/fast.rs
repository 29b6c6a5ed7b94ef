//! The fast path of `simulate`: the same totals as the month-by-month
//! reference ([`super::simulate_reference`]), computed once per stretch of
//! months in which nothing changes instead of once per month.
//!
//! Why it is exact. Every monthly amount is rounded to the cent before it is
//! added (DESIGN.md, Arithmetic step 5), so a stretch of `n` identical months
//! adds exactly `n ×` the monthly amount. Two months of one employee are
//! identical when they share a *price*: the same grid position, the same
//! base B, ΔG of every measure and employer rate, the same set of measures in
//! force, the same year (a group key), and full presence. The plan's months
//! are cut into prices per position once ([`Tables`]); an employee's months
//! then fall into stretches where the price id stays the same — the step
//! changes, a measure starts, a rate moves, a year ends. First and last
//! months of partial presence are computed singly.
//!
//! The per-person amounts of a price come from [`super::person_month`], the
//! one definition shared with the reference, cached per (price, fte, weight):
//! a national file has a few hundred positions and a handful of distinct
//! working times. Sums are kept in integer cents (i128) inside a chunk and
//! handed back as [`GroupTotals`] of `Decimal` money, so the API and the
//! report are unchanged.
//!
//! The seam for a detailed payroll model: the amounts of a month depend on
//! (position, month parameters, fte, days, weight) only through
//! `person_month`; prices would also cut at every change of the month
//! parameters it reads, and an employee-year pass fits in
//! [`Worker::add`] since stretches never cross a year.

use super::keys::{EmployeeCodes, GroupBy, GroupKey};
use super::plan::{Plan, Position};
use super::totals::{GroupTotals, MeasureTotals, Totals, FTE_UNITS_PER_MONTH};
use super::{person_month, presence_months, Accumulator, MeasureMonth, PersonMonth};
use crate::domain::date::{days_present, whole_months};
use crate::domain::workforce::Employee;
use crate::domain::{Funder, Money};
use crate::input::InputError;
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// At most this many measures take the fast path (they are bits of a u64);
/// a scenario with more runs the reference.
const MAX_MEASURES: usize = 64;

/// Distinct (fte, weight) pairs cached per worker; rows beyond are computed
/// without cache.
const MAX_PROFILES: usize = 64;

/// The plan cut into prices: what the fast path precomputes once.
pub struct Tables {
    months: usize,
    measures: usize,
    /// Per month: the measures in force, as bits.
    in_force: Vec<u64>,
    /// Per (convention, job): index of its first position.
    position_offset: Vec<Vec<usize>>,
    /// Per (convention, job): the step index for each whole number of
    /// months of seniority, 0 … (last step's months).
    step_by_months: Vec<Vec<Vec<u16>>>,
    /// Per (position, month): the price id.
    price: Vec<u32>,
    /// Per price: a month of it and its position.
    price_month: Vec<u32>,
    price_position: Vec<Position>,
    /// Per price: the measures in force.
    price_in_force: Vec<u64>,
    /// Per price: the measures in force whose ΔG is missing.
    price_missing: Vec<u64>,
    /// Per price: B and the employer rate are known.
    price_complete: Vec<bool>,
    /// Per (convention, job): the codes of the group key.
    job_codes: Vec<Vec<EmployeeCodes>>,
    /// Per département (INSEE rank): its département and region codes.
    departement_codes: Vec<(u16, u16)>,
}

impl Tables {
    /// Cuts the plan's months into prices.
    pub fn new(plan: &Plan<'_>) -> Tables {
        let months = plan.months;
        let measures = plan.scenario.measures.len();
        let in_force: Vec<u64> = (0..months)
            .map(|i| {
                let month = plan.month(i);
                plan.scenario
                    .measures
                    .iter()
                    .enumerate()
                    .filter(|(k, m)| *k < MAX_MEASURES && m.in_force(month))
                    .fold(0, |bits, (k, _)| bits | 1 << k)
            })
            .collect();
        let mut t = Tables {
            months,
            measures,
            in_force,
            position_offset: Vec::new(),
            step_by_months: Vec::new(),
            price: Vec::new(),
            price_month: Vec::new(),
            price_position: Vec::new(),
            price_in_force: Vec::new(),
            price_missing: Vec::new(),
            price_complete: Vec::new(),
            job_codes: Vec::new(),
            departement_codes: Vec::new(),
        };
        let mut positions = 0;
        for c in 0..plan.grids.conventions.len() {
            let sector = plan.grids.conventions[c].sector;
            let jobs = &plan.grids.grid_of(c).jobs;
            let mut offsets = Vec::with_capacity(jobs.len());
            let mut steps = Vec::with_capacity(jobs.len());
            let mut codes = Vec::with_capacity(jobs.len());
            for (j, job) in jobs.iter().enumerate() {
                offsets.push(positions);
                let longest = job
                    .steps
                    .iter()
                    .map(|s| s.seniority_months)
                    .max()
                    .unwrap_or(0);
                steps.push(
                    (0..=longest)
                        .map(|m| job.step_at(m as i32) as u16)
                        .collect(),
                );
                codes.push(
                    plan.keys.employee_codes(
                        crate::domain::Departement::all()
                            .next()
                            .unwrap_or_else(|| unreachable!("there are 101 départements")),
                        c,
                        &job.code,
                        &job.filiere,
                        None,
                    ),
                );
                for step in 0..job.steps.len() {
                    let position = Position {
                        convention: c,
                        job: j,
                        step,
                    };
                    let mut previous: Option<(Option<Money>, Option<Decimal>, u64, Vec<_>)> = None;
                    for i in 0..months {
                        let signature = (
                            plan.base(position, i),
                            plan.employer_rate(sector, i),
                            t.in_force[i],
                            (0..measures)
                                .map(|k| plan.delta(position, i, k))
                                .collect::<Vec<_>>(),
                        );
                        let new_year = i == 0 || plan.month(i).month() == 1;
                        if new_year || previous.as_ref() != Some(&signature) {
                            t.price_month.push(i as u32);
                            t.price_position.push(position);
                            t.price_in_force.push(signature.2);
                            t.price_missing.push(
                                signature
                                    .3
                                    .iter()
                                    .enumerate()
                                    .filter(|(k, d)| *k < MAX_MEASURES && d.is_none())
                                    .fold(0, |bits, (k, _)| bits | 1 << k)
                                    & signature.2,
                            );
                            t.price_complete
                                .push(signature.0.is_some() && signature.1.is_some());
                        }
                        t.price.push((t.price_month.len() - 1) as u32);
                        previous = Some(signature);
                    }
                    positions += 1;
                }
            }
            t.position_offset.push(offsets);
            t.step_by_months.push(steps);
            t.job_codes.push(codes);
        }
        t.departement_codes = crate::domain::Departement::all()
            .map(|d| {
                let codes = plan.keys.employee_codes(d, 0, "", "", None);
                (codes.departement, codes.region)
            })
            .collect();
        t
    }

    fn codes(&self, e: &Employee) -> EmployeeCodes {
        let mut codes = self.job_codes[e.convention][e.job];
        (codes.departement, codes.region) = self.departement_codes[e.departement.index()];
        codes.funder = e.funder.map_or(0, |f| {
            Funder::ALL.iter().position(|x| *x == f).unwrap_or(0) as u16 + 1
        });
        codes
    }
}

/// Integer cents of a rounded amount.
fn cents(m: Money) -> i128 {
    let mut d = m.amount();
    d.rescale(2);
    d.mantissa()
}

/// Money of integer cents.
fn money(c: i128) -> Money {
    Money::round(Decimal::from_i128_with_scale(c, 2))
}

/// Sums of one group, in integer cents.
#[derive(Clone, Debug)]
struct FastTotals {
    employees: Decimal,
    fte_units: Decimal,
    /// `[base, (Δgross, Δemployer) per measure]`.
    cents: Vec<i128>,
}

impl FastTotals {
    fn new(measures: usize) -> FastTotals {
        FastTotals {
            employees: Decimal::ZERO,
            fte_units: Decimal::ZERO,
            cents: vec![0; 1 + 2 * measures],
        }
    }

    fn merge(&mut self, other: &FastTotals) {
        self.employees += other.employees;
        self.fte_units += other.fte_units;
        for (a, b) in self.cents.iter_mut().zip(&other.cents) {
            *a += b;
        }
    }

    fn totals(&self) -> Totals {
        Totals {
            employees: self.employees,
            fte_units: self.fte_units,
            base_gross: money(self.cents[0]),
            measures: self.cents[1..]
                .chunks(2)
                .map(|c| MeasureTotals {
                    delta_gross: money(c[0]),
                    delta_employer: money(c[1]),
                })
                .collect(),
        }
    }
}

/// The totals of part of a chunk.
struct FastAcc {
    groups: HashMap<GroupKey, FastTotals>,
    overall: FastTotals,
    /// Employees the reference computed (a value missing somewhere).
    reference: Accumulator,
}

impl FastAcc {
    fn new(measures: usize) -> FastAcc {
        FastAcc {
            groups: HashMap::new(),
            overall: FastTotals::new(measures),
            reference: Accumulator::new(measures),
        }
    }

    fn merge(mut self, other: FastAcc) -> FastAcc {
        for (key, t) in other.groups {
            match self.groups.get_mut(&key) {
                Some(mine) => mine.merge(&t),
                None => {
                    self.groups.insert(key, t);
                }
            }
        }
        self.overall.merge(&other.overall);
        self.reference.totals =
            std::mem::take(&mut self.reference.totals).merge(other.reference.totals);
        self
    }

    fn into_totals(self) -> GroupTotals {
        let mine = GroupTotals {
            groups: self
                .groups
                .iter()
                .map(|(key, t)| (*key, t.totals()))
                .collect(),
            overall: self.overall.totals(),
        };
        mine.merge(self.reference.totals)
    }
}

/// One employee's group sums before they join the accumulator.
struct Local {
    key: GroupKey,
    /// Σ days × (L ÷ days_in_month): × fte × weight gives `fte_units`.
    units: u64,
    cents: Vec<i128>,
}

/// Per-thread state: the (fte, weight) profiles seen and the per-person
/// amounts cached per (price, profile).
pub struct Worker {
    profiles: Vec<(Decimal, Decimal)>,
    /// Per profile: per price, `[known, base, (Δgross, Δemployer) per
    /// measure]` (weighted, in cents); `known` is 0 until computed.
    cache: Vec<Vec<i128>>,
    locals: Vec<Local>,
    overall: Local,
    scratch: Vec<MeasureMonth>,
    amounts: Vec<i128>,
}

impl Worker {
    fn new(measures: usize) -> Worker {
        Worker {
            profiles: Vec::new(),
            cache: Vec::new(),
            locals: Vec::new(),
            overall: Local {
                key: GroupKey::default(),
                units: 0,
                cents: vec![0; 1 + 2 * measures],
            },
            scratch: Vec::new(),
            amounts: vec![0; 1 + 2 * measures],
        }
    }

    fn profile(&mut self, fte: Decimal, weight: Decimal) -> Option<usize> {
        if let Some(i) = self
            .profiles
            .iter()
            .position(|p| p.0 == fte && p.1 == weight)
        {
            return Some(i);
        }
        if self.profiles.len() == MAX_PROFILES {
            return None;
        }
        self.profiles.push((fte, weight));
        self.cache.push(Vec::new());
        Some(self.profiles.len() - 1)
    }

    /// The weighted amounts of one person-month into `self.amounts`, by
    /// the shared [`person_month`], for every measure in force of `price`.
    fn compute(&mut self, plan: &Plan<'_>, t: &Tables, price: usize, p: &PersonMonth) {
        let computable = t.price_in_force[price] & !t.price_missing[price];
        self.scratch.clear();
        self.amounts.iter_mut().for_each(|a| *a = 0);
        // Complete prices only reach here: B and the rate are known.
        if let Ok(base) = person_month(
            plan,
            p,
            |k| k < MAX_MEASURES && computable & (1 << k) != 0,
            &mut self.scratch,
        ) {
            self.amounts[0] = cents(base.weighted_base);
            for m in &self.scratch {
                self.amounts[1 + 2 * m.measure] = cents(m.weighted_gross);
                self.amounts[2 + 2 * m.measure] = cents(m.weighted_employer);
            }
        }
    }

    /// The amounts of a full month of `price` into `self.amounts`, cached.
    #[allow(clippy::too_many_arguments)]
    fn full_month(
        &mut self,
        plan: &Plan<'_>,
        t: &Tables,
        price: usize,
        profile: Option<usize>,
        e: &Employee,
    ) {
        let stride = 2 + 2 * t.measures;
        let index = t.price_month[price] as usize;
        let dim = plan.month(index).days();
        let person = PersonMonth {
            position: t.price_position[price],
            index,
            fte: e.fte,
            weight: e.weight,
            days: dim,
            days_in_month: dim,
        };
        let Some(profile) = profile else {
            self.compute(plan, t, price, &person);
            return;
        };
        if self.cache[profile].is_empty() {
            self.cache[profile] = vec![0; stride * t.price_month.len()];
        }
        let slot = price * stride;
        if self.cache[profile][slot] == 0 {
            self.compute(plan, t, price, &person);
            let entry = &mut self.cache[profile][slot..slot + stride];
            entry[0] = 1;
            entry[1..].copy_from_slice(&self.amounts);
        } else {
            let entry = &self.cache[profile][slot + 1..slot + stride];
            self.amounts.copy_from_slice(entry);
        }
    }

    /// Adds `n` months of `price` in `year` (amounts in `self.amounts`,
    /// `units` fte-units per unit of fte × weight) to the employee's sums.
    fn add_stretch(
        &mut self,
        plan: &Plan<'_>,
        codes: &EmployeeCodes,
        year: i32,
        applying: u64,
        n: i128,
        units: u64,
    ) {
        let measures = self.amounts.len() / 2;
        let by_measure = plan.keys.has(GroupBy::Measure);
        let add = |locals: &mut Vec<Local>, key: GroupKey, only: Option<usize>| {
            let i = match locals.iter().position(|l| l.key == key) {
                Some(i) => i,
                None => {
                    locals.push(Local {
                        key,
                        units: 0,
                        cents: vec![0; 1 + 2 * measures],
                    });
                    locals.len() - 1
                }
            };
            let l = &mut locals[i];
            l.units += units;
            l.cents[0] += n * self.amounts[0];
            for k in 0..measures {
                if applying & (1 << k) != 0 && only.is_none_or(|o| o == k) {
                    l.cents[1 + 2 * k] += n * self.amounts[1 + 2 * k];
                    l.cents[2 + 2 * k] += n * self.amounts[2 + 2 * k];
                }
            }
        };
        if by_measure {
            for k in 0..measures {
                if applying & (1 << k) != 0 {
                    add(&mut self.locals, plan.keys.key(codes, year, k), Some(k));
                }
            }
        } else {
            add(&mut self.locals, plan.keys.key(codes, year, 0), None);
        }
        let o = &mut self.overall;
        o.units += units;
        o.cents[0] += n * self.amounts[0];
        for k in 0..measures {
            if applying & (1 << k) != 0 {
                o.cents[1 + 2 * k] += n * self.amounts[1 + 2 * k];
                o.cents[2 + 2 * k] += n * self.amounts[2 + 2 * k];
            }
        }
    }

    /// Adds one employee to `acc`: stretch by stretch, or by the reference
    /// when a value the employee needs is missing (its error is then the
    /// reference's, word for word).
    fn add(
        &mut self,
        plan: &Plan<'_>,
        t: &Tables,
        e: &Employee,
        acc: &mut FastAcc,
    ) -> Result<(), InputError> {
        let mut eligible = 0u64;
        for k in 0..t.measures {
            if super::employee_eligible(plan, e, k) {
                eligible |= 1 << k;
            }
        }
        if eligible == 0 {
            return Ok(());
        }
        let (first, last) = presence_months(plan, e);
        if first > last {
            return Ok(());
        }
        let codes = t.codes(e);
        let profile = self.profile(e.fte, e.weight);
        let steps = &t.step_by_months[e.convention][e.job];
        let offset = t.position_offset[e.convention][e.job];
        let seniority0 = whole_months(e.seniority_date, plan.first);
        let partial_first = e
            .start_date
            .filter(|d| d.day() > 1)
            .map(|d| plan.first.months_until(d.year_month()));
        let partial_last = e
            .end_date
            .filter(|d| d.day() < d.year_month().days())
            .map(|d| plan.first.months_until(d.year_month()));
        self.locals.clear();
        self.overall.units = 0;
        self.overall.cents.iter_mut().for_each(|c| *c = 0);
        // The open stretch: price, first month, length.
        let mut open: Option<(usize, usize, i128)> = None;
        for i in first..=last {
            let applying = t.in_force[i as usize] & eligible;
            if applying == 0 {
                if let Some(s) = open.take() {
                    self.flush(plan, t, s, profile, e, &codes, eligible);
                }
                continue;
            }
            let months = (seniority0 + i).clamp(0, steps.len() as i32 - 1) as usize;
            let position = offset + steps[months] as usize;
            let price = t.price[position * t.months + i as usize] as usize;
            if !t.price_complete[price] || t.price_missing[price] & applying != 0 {
                return acc.reference.add(plan, e);
            }
            if Some(i) == partial_first || Some(i) == partial_last {
                if let Some(s) = open.take() {
                    self.flush(plan, t, s, profile, e, &codes, eligible);
                }
                let index = i as usize;
                let month = plan.month(index);
                let days = days_present(month, e.start_date, e.end_date);
                let dim = month.days();
                let person = PersonMonth {
                    position: t.price_position[price],
                    index,
                    fte: e.fte,
                    weight: e.weight,
                    days,
                    days_in_month: dim,
                };
                self.compute(plan, t, price, &person);
                let units = u64::from(days * (FTE_UNITS_PER_MONTH / dim));
                self.add_stretch(plan, &codes, month.year(), applying, 1, units);
                continue;
            }
            match &mut open {
                Some((p, _, n)) if *p == price => *n += 1,
                _ => {
                    if let Some(s) = open.take() {
                        self.flush(plan, t, s, profile, e, &codes, eligible);
                    }
                    open = Some((price, i as usize, 1));
                }
            }
        }
        if let Some(s) = open.take() {
            self.flush(plan, t, s, profile, e, &codes, eligible);
        }
        self.commit(e, acc);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn flush(
        &mut self,
        plan: &Plan<'_>,
        t: &Tables,
        (price, first, n): (usize, usize, i128),
        profile: Option<usize>,
        e: &Employee,
        codes: &EmployeeCodes,
        eligible: u64,
    ) {
        self.full_month(plan, t, price, profile, e);
        let applying = t.price_in_force[price] & eligible;
        let units = n as u64 * u64::from(FTE_UNITS_PER_MONTH);
        let year = plan.month(first).year();
        self.add_stretch(plan, codes, year, applying, n, units);
    }

    /// Adds the employee's sums to the accumulator.
    fn commit(&mut self, e: &Employee, acc: &mut FastAcc) {
        if self.locals.is_empty() {
            return;
        }
        let fte_weight = e.fte * e.weight;
        let measures = (self.overall.cents.len() - 1) / 2;
        for l in &self.locals {
            let t = acc
                .groups
                .entry(l.key)
                .or_insert_with(|| FastTotals::new(measures));
            t.employees += e.weight;
            t.fte_units += fte_weight * Decimal::from(l.units);
            for (a, b) in t.cents.iter_mut().zip(&l.cents) {
                *a += b;
            }
        }
        let o = &mut acc.overall;
        o.employees += e.weight;
        o.fte_units += fte_weight * Decimal::from(self.overall.units);
        for (a, b) in o.cents.iter_mut().zip(&self.overall.cents) {
            *a += b;
        }
    }
}

/// The fast path, with its tables and per-thread caches: build it once per
/// run and feed it every chunk.
pub struct FastEngine<'p> {
    plan: &'p Plan<'p>,
    tables: Tables,
    workers: Vec<Mutex<Worker>>,
}

impl<'p> FastEngine<'p> {
    /// Precomputes the tables of `plan`.
    pub fn new(plan: &'p Plan<'p>) -> FastEngine<'p> {
        let measures = plan.scenario.measures.len();
        FastEngine {
            plan,
            tables: Tables::new(plan),
            workers: (0..rayon::current_num_threads().max(1))
                .map(|_| Mutex::new(Worker::new(measures)))
                .collect(),
        }
    }

    /// The group totals of `employees`: exactly those of
    /// [`super::simulate_reference`].
    pub fn simulate(&self, employees: &[Employee]) -> Result<GroupTotals, InputError> {
        let plan = self.plan;
        let measures = plan.scenario.measures.len();
        if measures > MAX_MEASURES {
            return super::simulate_reference(plan, employees);
        }
        let threads = self.workers.len();
        let piece = (employees.len() / (threads * 8)).max(256);
        let acc = employees
            .par_chunks(piece)
            .map(|part| {
                let slot = rayon::current_thread_index().unwrap_or(0) % threads;
                let mut worker = self.workers[slot]
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                let mut acc = FastAcc::new(measures);
                for e in part {
                    worker.add(plan, &self.tables, e, &mut acc)?;
                }
                Ok(acc)
            })
            .try_reduce(|| FastAcc::new(measures), |a, b| Ok(a.merge(b)))?;
        Ok(acc.into_totals())
    }
}

#[cfg(test)]
mod tests {
    //! The fast path against the month-by-month reference on many random
    //! small workforces, grids and scenarios: every measure kind, `until`,
    //! partial months, weights 0 and decimal, steps inside the horizon,
    //! missing values, several measures and payers, every `--by` key.

    use super::super::{simulate_reference, GroupBy, Plan};
    use crate::cmd::generate::SplitMix64;
    use crate::domain::grid::{Convention, Grid, Grids, Job, Step};
    use crate::domain::params::{Parameter, Parameters, Schedule};
    use crate::domain::scenario::{Eligibility, Measure, MeasureKind, PointChange, Scenario};
    use crate::domain::workforce::Employee;
    use crate::domain::{Date, Departement, Fraction, Funder, Sector, YearMonth};
    use rust_decimal::Decimal;
    use std::path::PathBuf;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn pick<'a, T>(r: &mut SplitMix64, items: &'a [T]) -> &'a T {
        &items[r.below(items.len() as u64) as usize]
    }

    fn date(r: &mut SplitMix64, from_year: i32, years: u64) -> Date {
        let y = from_year + r.below(years) as i32;
        let m = 1 + r.below(12) as u32;
        let d = 1 + r.below(28) as u32;
        // Often the 1st, sometimes the last day of the month.
        match r.below(4) {
            0 => Date::new(y, m, 1),
            1 => Date::new(y, m, crate::domain::date::days_in_month(y, m)),
            _ => Date::new(y, m, d),
        }
        .unwrap()
    }

    fn money_text(r: &mut SplitMix64, lo: u64, hi: u64) -> Decimal {
        Decimal::new((lo * 100 + r.below((hi - lo) * 100)) as i64, 2)
    }

    struct Case {
        scenario: Scenario,
        grids: Grids,
        parameters: Parameters,
        employees: Vec<Employee>,
    }

    fn case(r: &mut SplitMix64) -> Case {
        let filieres = ["socio-educatif", "soins"];
        let mut grids_list = Vec::new();
        for g in 0..1 + r.below(2) {
            let mut jobs = Vec::new();
            for j in 0..1 + r.below(3) {
                let mut months = 0;
                let steps = (0..1 + r.below(4))
                    .map(|s| {
                        if s > 0 {
                            months += 1 + r.below(30) as u32;
                        }
                        Step {
                            echelon: s as u32 + 1,
                            seniority_months: months,
                            coefficient: money_text(r, 300, 500),
                            complement_pct: *pick(r, &[dec("0"), dec("8.21"), dec("3.5")]),
                        }
                    })
                    .collect();
                jobs.push(Job {
                    code: format!("J{j}"),
                    label: String::new(),
                    filiere: pick(r, &filieres).to_string(),
                    steps,
                });
            }
            grids_list.push(Grid {
                name: format!("g{g}"),
                jobs,
            });
        }
        let mut conventions = Vec::new();
        for c in 0..1 + r.below(3) {
            let mut point_values = Schedule::default();
            // Usually in force before the horizon; sometimes not (an error
            // both paths must report alike).
            let first = if r.below(30) == 0 { 2022 } else { 2015 };
            point_values
                .insert(
                    Date::new(first, 1, 1 + r.below(2) as u32).unwrap(),
                    money_text(r, 3, 6),
                )
                .unwrap();
            for _ in 0..r.below(4) {
                let _ = point_values.insert(date(r, 2021, 4), money_text(r, 3, 6));
            }
            conventions.push(Convention {
                id: format!("c{c}"),
                label: String::new(),
                idcc: String::new(),
                sector: *pick(r, &Sector::ALL),
                grid: r.below(grids_list.len() as u64) as usize,
                point_values,
            });
        }
        let grids = Grids::new(conventions, grids_list);
        let mut parameters = Parameters::default();
        for sector in Sector::ALL {
            for (p, lo) in [(Parameter::EmployeeRate, 20), (Parameter::EmployerRate, 40)] {
                let s = parameters.schedule_mut(p, sector);
                if r.below(40) != 0 {
                    s.insert(
                        Date::new(2010, 1, 1).unwrap(),
                        Decimal::new(lo * 1000 + r.below(9999) as i64, 5),
                    )
                    .unwrap();
                }
                for _ in 0..r.below(3) {
                    let _ = s.insert(
                        date(r, 2021, 4),
                        Decimal::new(lo * 1000 + r.below(9999) as i64, 5),
                    );
                }
            }
        }
        let first_year = 2022;
        let last_year = 2022 + r.below(3) as i32;
        let depts: Vec<Departement> = ["01", "2A", "75", "971"]
            .iter()
            .map(|d| d.parse().unwrap())
            .collect();
        let mut measures = Vec::new();
        for k in 0..1 + r.below(3) {
            let amount = money_text(r, 1, 200);
            let kind = match r.below(6) {
                0 => MeasureKind::NetMonthly(amount),
                1 => MeasureKind::GrossMonthly(amount),
                2 => MeasureKind::Points(Decimal::new(r.below(3000) as i64, 2)),
                3 => MeasureKind::PointValue(PointChange::NewValue(money_text(r, 3, 6))),
                4 => MeasureKind::PointValue(PointChange::Percent(Decimal::new(
                    r.below(400) as i64,
                    2,
                ))),
                _ => MeasureKind::Coefficient(Decimal::new(r.below(5000) as i64, 2)),
            };
            let from = YearMonth::new(2021 + r.below(4) as i32, 1 + r.below(12) as u32);
            let until = (r.below(3) == 0).then(|| from.plus(r.below(30) as i32));
            let mut eligible = Eligibility::default();
            if r.below(3) == 0 {
                eligible.filiere = Some(vec![pick(r, &filieres).to_string()]);
            }
            if r.below(4) == 0 {
                eligible.convention = Some(vec![pick(r, &grids.conventions).id.clone()]);
            }
            if r.below(4) == 0 {
                eligible.departement = Some(vec![*pick(r, &depts), *pick(r, &depts)]);
            }
            if r.below(4) == 0 {
                eligible.funder = Some(vec![*pick(r, &Funder::ALL)]);
            }
            if r.below(5) == 0 {
                eligible.sector = Some(vec![*pick(r, &Sector::ALL)]);
            }
            if r.below(6) == 0 {
                eligible.job = Some(vec!["J0".to_string()]);
            }
            let funding = match r.below(3) {
                0 => vec![("etat".to_string(), Fraction::ONE)],
                1 => vec![
                    ("etat".to_string(), Fraction::new(2, 3).unwrap()),
                    ("departement".to_string(), Fraction::new(1, 3).unwrap()),
                ],
                _ => vec![
                    ("departement".to_string(), Fraction::new(1, 2).unwrap()),
                    (
                        "assurance_maladie".to_string(),
                        Fraction::new(1, 2).unwrap(),
                    ),
                ],
            };
            measures.push(Measure {
                id: format!("m{}", (b'a' + (2 - k as u8)) as char),
                kind,
                from,
                until,
                eligible,
                funding,
            });
        }
        let scenario = Scenario {
            path: PathBuf::from("scenario.toml"),
            name: "random".into(),
            first_year,
            last_year,
            workforce: PathBuf::from("workforce.csv"),
            grids: PathBuf::from("grids"),
            parameters: PathBuf::from("parameters"),
            measures,
        };
        let ftes = ["1", "0.5", "0.8", "0.3333", "1", "0.75"];
        let weights = ["1", "1", "1", "0", "2.5", "0.125", "3"];
        let employees = (0..r.below(40))
            .map(|i| {
                let convention = r.below(grids.conventions.len() as u64) as usize;
                let job = r.below(grids.grid_of(convention).jobs.len() as u64) as usize;
                let mut start = (r.below(3) == 0).then(|| date(r, 2021, 5));
                let mut end = (r.below(3) == 0).then(|| date(r, 2021, 6));
                if let (Some(s), Some(e)) = (start, end) {
                    if e < s {
                        (start, end) = (Some(e), Some(s));
                    }
                }
                Employee {
                    line: i + 2,
                    id: format!("E{i}"),
                    departement: *pick(r, &depts),
                    convention,
                    job,
                    fte: dec(ftes[r.below(ftes.len() as u64) as usize]),
                    seniority_date: date(r, 2018, 9),
                    start_date: start,
                    end_date: end,
                    funder: (r.below(4) != 0).then(|| *pick(r, &Funder::ALL)),
                    establishment: None,
                    weight: dec(weights[r.below(weights.len() as u64) as usize]),
                }
            })
            .collect();
        Case {
            scenario,
            grids,
            parameters,
            employees,
        }
    }

    #[test]
    fn fast_path_equals_the_month_by_month_reference() {
        let mut r = SplitMix64::new(6);
        let mut compared = 0;
        for _ in 0..400 {
            let c = case(&mut r);
            let mut bys = vec![
                vec![GroupBy::Departement, GroupBy::Year],
                vec![GroupBy::Measure],
            ];
            let mut keys = GroupBy::ALL.to_vec();
            let mut by = Vec::new();
            for _ in 0..1 + r.below(3) {
                let k = keys.remove(r.below(keys.len() as u64) as usize);
                by.push(k);
            }
            bys.push(by);
            for by in bys {
                // A filter naming a filière no grid has is refused: skip.
                let Ok(plan) = Plan::new(&c.scenario, &c.grids, &c.parameters, by.clone()) else {
                    continue;
                };
                // Two chunks through one engine, as `compute` streams them.
                let engine = super::FastEngine::new(&plan);
                let half = c.employees.len() / 2;
                let fast = engine
                    .simulate(&c.employees[..half])
                    .and_then(|a| engine.simulate(&c.employees[half..]).map(|b| a.merge(b)));
                let reference = simulate_reference(&plan, &c.employees);
                match (fast, reference) {
                    (Ok(f), Ok(r)) => {
                        assert_eq!(f, r, "by {by:?}");
                        compared += 1;
                    }
                    (Err(_), Err(_)) => {}
                    (f, r) => panic!("fast {f:?}\nreference {r:?}"),
                }
            }
        }
        assert!(compared > 1000, "{compared}");
    }
}
