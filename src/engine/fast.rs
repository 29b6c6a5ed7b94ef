//! The fast path of `simulate`: the same totals as the month-by-month
//! reference ([`super::simulate_reference`]), computed once per stretch of
//! months in which nothing changes instead of once per month.
//!
//! Why it is exact. Every monthly amount is rounded to the cent before it is
//! added (docs/formats.md, arithmetic step 5), so a stretch of `n`
//! identical months adds exactly `n ×` the monthly amount. Two months of one
//! employee are identical when they share a *price*: the same grid position,
//! the same base B, ΔG of every measure and employer rate, the same set of
//! measures in force, the same year (a group key), and full presence. The
//! plan's months are cut into prices per position once (`Tables`); an
//! employee's months then fall into stretches where the price id stays the
//! same — the step changes, a measure starts, a rate moves, a year ends.
//! First and last months of partial presence are computed singly.
//!
//! The per-person amounts of a price come from `person_month`, the
//! one definition shared with the reference, computed for one person and
//! cached per (price, fte) — a national file has a few hundred positions and
//! a handful of distinct working times — then weighted with the same
//! `weigh`. An employee's months are not visited one by one: the walk jumps
//! from the start of a stretch to the end of its price's run, or to the next
//! step change, whichever comes first. Sums are kept in integer cents (i128)
//! inside a chunk and handed back as [`GroupTotals`] of `Decimal` money, so
//! the API and the report are unchanged. The property tests of
//! `src/tests/fast_path.rs` check `fast == reference` exactly on hundreds of
//! random cases.
//!
//! The detailed payroll model lives in `fast/detailed.rs`: prices also cut at
//! every change of the month parameters, an employee is walked year by
//! year (the taxe sur les salaires couples the months of a year), and whole
//! years on one grid position are kept in a table.

use super::keys::{EmployeeCodes, GroupKey};
use super::payroll::{self, Zone};
use super::plan::{Plan, Position};
use super::totals::{GroupTotals, MeasureTotals, Totals, FTE_UNITS_PER_MONTH};
use super::{person_month, presence_months, Accumulator, EngineError, MeasureMonth, PersonMonth};
use crate::domain::date::{days_present, whole_months};
use crate::domain::grid::Job;
use crate::domain::workforce::Employee;
use crate::domain::{Departement, Funder, GroupBy, Money};
use rayon::prelude::*;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use std::sync::{Mutex, PoisonError};

mod detailed;
pub mod variants;

/// At most this many measures take the fast path (they are bits of a u64);
/// a scenario with more runs the reference.
const MAX_MEASURES: usize = 64;

/// Distinct working times cached per worker; rows beyond are computed
/// without cache.
const MAX_PROFILES: usize = 64;

/// A cache slot not computed yet.
const UNKNOWN: i32 = i32::MIN;

/// The plan cut into prices: what the fast path precomputes once.
struct Tables {
    months: usize,
    measures: usize,
    /// The detailed payroll model: prices cut at every change of the month
    /// parameters, and are complete when B and the parameters are known.
    detailed: bool,
    /// Per month: the measures in force, as bits.
    in_force: Vec<u64>,
    /// Per (convention, job): index of its first position.
    position_offset: Vec<Vec<usize>>,
    /// Per (convention, job): the step tables of each version of its grid.
    job_tables: Vec<Vec<JobTables>>,
    /// Per (position, month): the price id.
    price: Vec<u32>,
    /// Per (position, month): the price id and the last month of its run,
    /// side by side for the walk.
    price_run: Vec<(u32, u32)>,
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
    /// Per département (INSEE rank): its taxe sur les salaires zone.
    departement_zone: Vec<Zone>,
    /// Years of the horizon.
    years: usize,
    /// Grid positions, all conventions.
    positions: usize,
    /// Detailed: per (convention, year, zone), the taxe sur les salaires of
    /// January's parameters in integer cents, if they are exact integers.
    taxe: Vec<Option<payroll::TaxeCents>>,
}

impl Tables {
    /// Cuts the plan's months into prices.
    pub fn new(plan: &Plan<'_>) -> Tables {
        let months = plan.months;
        let years = months.div_ceil(12);
        let mut t = Tables {
            months,
            measures: plan.scenario.measures.len(),
            detailed: plan.detailed(),
            in_force: in_force_bits(plan),
            position_offset: Vec::new(),
            job_tables: Vec::new(),
            price: Vec::new(),
            price_run: Vec::new(),
            price_month: Vec::new(),
            price_position: Vec::new(),
            price_in_force: Vec::new(),
            price_missing: Vec::new(),
            price_complete: Vec::new(),
            job_codes: Vec::new(),
            departement_codes: departement_codes(plan),
            departement_zone: Departement::all().map(Zone::of).collect(),
            years,
            positions: 0,
            taxe: taxe_tables(plan, years),
        };
        for c in 0..plan.grids.conventions.len() {
            t.add_convention(plan, c);
        }
        t
    }

    /// The jobs of convention `c`: their first position, step tables and
    /// group-key codes, and the prices of each of their positions.
    fn add_convention(&mut self, plan: &Plan<'_>, c: usize) {
        let jobs = &plan.grids.grid_of(c).jobs;
        let mut offsets = Vec::with_capacity(jobs.len());
        let mut tables = Vec::with_capacity(jobs.len());
        let mut codes = Vec::with_capacity(jobs.len());
        for (j, job) in jobs.iter().enumerate() {
            offsets.push(self.positions);
            tables.push(JobTables {
                versions: (0..job.versions.len())
                    .map(|v| step_tables(job, v))
                    .collect(),
                by_month: (0..self.months)
                    .map(|i| job.version_on(plan.month(i).first_day()).unwrap_or(0) as u16)
                    .collect(),
            });
            // The département is set per employee ([`Tables::codes`]).
            let any = Departement::all()
                .next()
                .unwrap_or_else(|| unreachable!("there are 101 départements"));
            codes.push(
                plan.keys
                    .employee_codes(any, c, &job.code, &job.filiere, None),
            );
            for step in 0..job.steps.len() {
                let position = Position {
                    convention: c,
                    job: j,
                    step,
                };
                self.cut_prices(plan, position);
                self.mark_runs();
                self.positions += 1;
            }
        }
        self.position_offset.push(offsets);
        self.job_tables.push(tables);
        self.job_codes.push(codes);
    }

    /// The price of each month of `position`: a new one at each year, each
    /// change of the month parameters (detailed), and each change of B, the
    /// employer rate (flat), the measures in force or a measure's ΔG.
    fn cut_prices(&mut self, plan: &Plan<'_>, position: Position) {
        let sector = plan.grids.conventions[position.convention].sector;
        let detailed = self.detailed;
        let mut previous: Option<(Option<Money>, Option<Decimal>, u64, Vec<_>)> = None;
        for i in 0..self.months {
            let params_change =
                detailed && i > 0 && plan.payroll(sector, i) != plan.payroll(sector, i - 1);
            let signature = (
                plan.base(position, i),
                // Detailed: the rate plays no part, the parameters do.
                if detailed {
                    None
                } else {
                    plan.employer_rate(sector, i)
                },
                self.in_force[i],
                (0..self.measures)
                    .map(|k| plan.delta(position, i, k))
                    .collect::<Vec<_>>(),
            );
            let new_year = i == 0 || plan.month(i).month() == 1;
            if new_year || params_change || previous.as_ref() != Some(&signature) {
                self.price_month.push(i as u32);
                self.price_position.push(position);
                self.price_in_force.push(signature.2);
                self.price_missing
                    .push(bits(&signature.3, |d| d.is_none()) & signature.2);
                self.price_complete.push(
                    signature.0.is_some()
                        && if detailed {
                            plan.payroll(sector, i).is_ok()
                        } else {
                            signature.1.is_some()
                        },
                );
            }
            self.price.push((self.price_month.len() - 1) as u32);
            previous = Some(signature);
        }
    }

    /// Beside each month of the position just cut, the last month of its
    /// price's run, for the walk to jump to.
    fn mark_runs(&mut self) {
        let months = self.months;
        let cells = self.price.len() - months..self.price.len();
        let mut end = months - 1;
        self.price_run.resize(self.price.len(), (0, 0));
        for i in (0..months).rev() {
            let cell = cells.start + i;
            if i + 1 < months && self.price[cell] != self.price[cell + 1] {
                end = i;
            }
            self.price_run[cell] = (self.price[cell], end as u32);
        }
    }

    fn codes(&self, e: &Employee) -> EmployeeCodes {
        let mut codes = self.job_codes[e.convention][e.job];
        (codes.departement, codes.region) = self.departement_codes[e.departement.index()];
        codes.funder = e.funder.map_or(0, |f| {
            Funder::ALL.iter().position(|x| *x == f).unwrap_or(0) as u16 + 1
        });
        codes
    }

    /// The step tables of `e`'s job, looked up once per employee.
    fn job_steps(&self, e: &Employee) -> JobSteps<'_> {
        let tables = &self.job_tables[e.convention][e.job];
        let first = &tables.versions[0];
        JobSteps {
            steps: &first.steps,
            next_step: &first.next_step,
            dated: (tables.versions.len() > 1).then_some(tables),
            offset: self.position_offset[e.convention][e.job],
        }
    }
}

/// The step tables of one job: per version of its grid, and the version
/// in force in each month of the horizon (the first before any is).
struct JobTables {
    versions: Vec<VersionSteps>,
    by_month: Vec<u16>,
}

/// The steps of one version of a job's grid: which one applies at each
/// whole number of months of seniority, and when it next changes.
struct VersionSteps {
    /// The step index for each whole number of months of seniority, 0 …
    /// (the version's last step's months).
    steps: Vec<u16>,
    /// Per whole months of seniority as above: the first number of months
    /// at which the step differs (`i32::MAX` if none).
    next_step: Vec<i32>,
}

/// The steps of one job, as the walk reads them.
#[derive(Clone, Copy)]
struct JobSteps<'t> {
    /// The first version's [`VersionSteps::steps`]: those of every month
    /// for a job whose grid has one version.
    steps: &'t [u16],
    /// The first version's [`VersionSteps::next_step`].
    next_step: &'t [i32],
    /// A job whose grid has several versions: all of them.
    dated: Option<&'t JobTables>,
    /// The job's first position.
    offset: usize,
}

impl<'t> JobSteps<'t> {
    /// The step tables (`steps`, `next_step`) of the version in force in
    /// month `i`. A stretch never crosses a change of version: the prices
    /// of a version's steps end with it (they have no B outside it).
    #[inline]
    fn at(&self, i: i32) -> (&'t [u16], &'t [i32]) {
        match self.dated {
            None => (self.steps, self.next_step),
            Some(t) => {
                let v = &t.versions[t.by_month[i as usize] as usize];
                (&v.steps, &v.next_step)
            }
        }
    }

    /// The row of the step tables `steps` for `seniority` months (those
    /// beyond the last step's months share its row).
    #[inline]
    fn row(steps: &[u16], seniority: i32) -> usize {
        seniority.clamp(0, steps.len() as i32 - 1) as usize
    }

    /// The rows of the longest of its versions' step tables: from the last
    /// row on, every version's step is its last.
    fn rows(&self) -> usize {
        match self.dated {
            None => self.steps.len(),
            Some(t) => t.versions.iter().map(|v| v.steps.len()).max().unwrap_or(0),
        }
    }

    /// The position at `seniority` months in month `i`.
    #[inline]
    fn position(&self, seniority: i32, i: i32) -> usize {
        let (steps, _) = self.at(i);
        self.offset + steps[Self::row(steps, seniority)] as usize
    }

    /// The stretch from month `i`, at `seniority` months: its price and its
    /// last month, where the price's run ends, the step changes or `last`
    /// comes, whichever is first.
    #[inline]
    fn stretch(&self, t: &Tables, seniority: i32, i: i32, last: i32) -> (usize, i32) {
        // One copy of the walk per case, so that the common one (a grid
        // without dates) reads its tables as directly as it can.
        match self.dated {
            None => self.stretch_in((self.steps, self.next_step), t, seniority, (i, last)),
            Some(_) => self.stretch_in(self.at(i), t, seniority, (i, last)),
        }
    }

    /// [`JobSteps::stretch`] in the step tables `(steps, next_step)`.
    #[inline(always)]
    fn stretch_in(
        &self,
        (steps, next_step): (&[u16], &[i32]),
        t: &Tables,
        seniority: i32,
        (i, last): (i32, i32),
    ) -> (usize, i32) {
        let row = Self::row(steps, seniority);
        let position = self.offset + steps[row] as usize;
        let (price, run_end) = t.price_run[position * t.months + i as usize];
        let mut end = (run_end as i32).min(last);
        if next_step[row] != i32::MAX {
            end = end.min(i + (next_step[row] - seniority) - 1);
        }
        (price as usize, end)
    }

    /// Whether the step at `seniority` months in month `i` lasts at least
    /// `months` more, in the same version of the grid.
    #[inline]
    fn lasts(&self, seniority: i32, i: i32, months: i32) -> bool {
        let (steps, next_step) = self.at(i);
        let same_version = self.dated.is_none_or(|t| {
            let end = (i + months - 1) as usize;
            end < t.by_month.len()
                && t.by_month[i as usize..=end]
                    .iter()
                    .all(|v| *v == t.by_month[i as usize])
        });
        same_version && next_step[Self::row(steps, seniority)].saturating_sub(seniority) >= months
    }
}

/// Measures (the first [`MAX_MEASURES`]) for which `test` holds, as bits.
fn bits<T>(per_measure: &[T], test: impl Fn(&T) -> bool) -> u64 {
    per_measure
        .iter()
        .enumerate()
        .filter(|(k, x)| *k < MAX_MEASURES && test(x))
        .fold(0, |bits, (k, _)| bits | 1 << k)
}

/// Per month of the horizon: the measures in force, as bits.
fn in_force_bits(plan: &Plan<'_>) -> Vec<u64> {
    (0..plan.months)
        .map(|i| {
            let month = plan.month(i);
            bits(&plan.scenario.measures, |m| m.in_force(month))
        })
        .collect()
}

/// Per version of a job's grid, for each whole number of months of
/// seniority up to its last step's: the step index, and the first number
/// of months at which it differs (`i32::MAX` if none).
fn step_tables(job: &Job, version: usize) -> VersionSteps {
    let v = job.versions[version];
    let longest = job.steps[v.first_step..v.first_step + v.steps]
        .iter()
        .map(|s| s.seniority_months)
        .max()
        .unwrap_or(0);
    let by_months: Vec<u16> = (0..=longest)
        .map(|m| job.step_in(version, m as i32) as u16)
        .collect();
    let mut next = vec![i32::MAX; by_months.len()];
    for m in (0..by_months.len().saturating_sub(1)).rev() {
        next[m] = if by_months[m + 1] != by_months[m] {
            m as i32 + 1
        } else {
            next[m + 1]
        };
    }
    VersionSteps {
        steps: by_months,
        next_step: next,
    }
}

/// Detailed model: per (convention, year, zone), the taxe sur les salaires
/// of January's parameters in integer cents; empty for the flat model,
/// which has no taxe sur les salaires.
fn taxe_tables(plan: &Plan<'_>, years: usize) -> Vec<Option<payroll::TaxeCents>> {
    let mut taxe = Vec::new();
    for convention in plan.grids.conventions.iter().filter(|_| plan.detailed()) {
        for year in 0..years {
            for zone in detailed::ALL_ZONES {
                let january = plan.month_params(convention.sector, year * 12).ok();
                taxe.push(january.and_then(|p| payroll::TaxeCents::new(p, zone)));
            }
        }
    }
    taxe
}

/// Per département (INSEE rank): its département and region codes.
fn departement_codes(plan: &Plan<'_>) -> Vec<(u16, u16)> {
    Departement::all()
        .map(|d| {
            let codes = plan.keys.employee_codes(d, 0, "", "", None);
            (codes.departement, codes.region)
        })
        .collect()
}

/// The measures `e` can get at all (every filter but the dates), as bits,
/// and the first and last month of presence; `None` when either is empty.
fn span(plan: &Plan<'_>, t: &Tables, e: &Employee) -> Option<(u64, i32, i32)> {
    let eligible = (0..t.measures)
        .filter(|k| super::employee_eligible(plan, e, *k))
        .fold(0, |bits, k| bits | 1 << k);
    let (first, last) = presence_months(plan, e);
    (eligible != 0 && first <= last).then_some((eligible, first, last))
}

/// Whether a measure `e` can get (`eligible`, as bits) has no funding table
/// for `e`'s funder: the reference then says which (or finds that no cost
/// needs one).
fn unfunded(plan: &Plan<'_>, e: &Employee, eligible: u64) -> bool {
    plan.scenario
        .measures
        .iter()
        .enumerate()
        .any(|(k, m)| eligible & (1 << k) != 0 && m.funding.schedule_for(e.funder).is_none())
}

/// The horizon months of a partial first and last month of presence (a
/// start after the 1st, an end before the month's last day).
fn partial_months(plan: &Plan<'_>, e: &Employee) -> (Option<i32>, Option<i32>) {
    let month = |d: crate::domain::Date| plan.first.months_until(d.year_month());
    (
        e.start_date.filter(|d| d.day() > 1).map(month),
        e.end_date
            .filter(|d| d.day() < d.year_month().days())
            .map(month),
    )
}

/// Adds the Δcost of `cents` (one employee's sums of `year`, of measure
/// `only` or of every measure) to the funding slots `funded` of the
/// measures whose funding has several tables: under
/// [`super::FundingPlan::by_year`] a year's cost goes to one table.
fn add_funded(
    plan: &Plan<'_>,
    e: &Employee,
    (year, only): (i32, Option<usize>),
    cents: &[i128],
    funded: &mut [i128],
) {
    let measures = plan.scenario.measures.len();
    let width = (cents.len() - 1) / measures.max(1);
    for k in (0..measures).filter(|k| only.is_none_or(|o| o == *k)) {
        let cost = cents[1 + width * k] + cents[2 + width * k];
        if cost == 0 {
            continue;
        }
        let table = plan.funding.table_in_year(plan.scenario, k, year, e.funder);
        if let Some(slot) = table.and_then(|t| plan.funding.slot(k, t)) {
            funded[slot] += cost;
        }
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
    /// `[base, (Δgross, Δemployer) per measure]` (flat) or `[base,
    /// (Δgross, Δemployer, Δcontributions, ΔRG lost, ΔTS) per measure]`
    /// (detailed): [`width`] amounts per measure; then Δcost per funding
    /// slot ([`Totals::funded`]).
    cents: Vec<i128>,
    /// How many measures `cents` has.
    measures: usize,
}

/// Amounts kept per measure: 2 (flat) or 5 (detailed, with the breakdown).
fn width(plan: &Plan<'_>) -> usize {
    if plan.detailed() {
        5
    } else {
        2
    }
}

impl FastTotals {
    fn new(measures: usize, width: usize, funded: usize) -> FastTotals {
        FastTotals {
            employees: Decimal::ZERO,
            fte_units: Decimal::ZERO,
            cents: vec![0; 1 + width * measures + funded],
            measures,
        }
    }

    fn merge(&mut self, other: &FastTotals) {
        self.employees += other.employees;
        self.fte_units += other.fte_units;
        for (a, b) in self.cents.iter_mut().zip(&other.cents) {
            *a += b;
        }
    }

    fn totals(&self, width: usize) -> Totals {
        let funded = 1 + width * self.measures;
        Totals {
            employees: self.employees,
            fte_units: self.fte_units,
            base_gross: money(self.cents[0]),
            funded: self.cents[funded..].iter().map(|c| money(*c)).collect(),
            measures: self.cents[1..funded]
                .chunks(width)
                .map(|c| MeasureTotals {
                    delta_gross: money(c[0]),
                    delta_employer: money(c[1]),
                    delta_contributions: c.get(2).map_or(Money::ZERO, |x| money(*x)),
                    delta_reduction_generale: c.get(3).map_or(Money::ZERO, |x| money(*x)),
                    delta_taxe_salaires: c.get(4).map_or(Money::ZERO, |x| money(*x)),
                })
                .collect(),
        }
    }
}

/// The totals of part of a chunk.
struct FastAcc {
    width: usize,
    /// FxHash (rustc's): group keys are small and trusted, SipHash is overkill.
    groups: FxHashMap<GroupKey, FastTotals>,
    overall: FastTotals,
    /// Employees the reference computed (a value missing somewhere).
    reference: Accumulator,
}

impl FastAcc {
    fn new(plan: &Plan<'_>, width: usize) -> FastAcc {
        FastAcc {
            width,
            groups: FxHashMap::default(),
            overall: FastTotals::new(plan.scenario.measures.len(), width, plan.funding.slots()),
            reference: Accumulator::new(plan),
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
                .map(|(key, t)| (*key, t.totals(self.width)))
                .collect(),
            overall: self.overall.totals(self.width),
        };
        mine.merge(self.reference.totals)
    }
}

/// Per-thread state: the (fte, weight) profiles seen, the per-person
/// amounts cached per (price, profile), and one employee's sums per slot
/// (year, and measure when it is a key) before they join the accumulator.
struct Worker {
    /// Exact representations of the working times seen: the cache key.
    profiles: Vec<u128>,
    /// Per profile: per price, `[base, (Δgross, Δemployer) per measure]` of
    /// one person (unweighted, in cents, i32 to stay in the CPU caches:
    /// amounts that do not fit are not cached); [`UNKNOWN`] until computed.
    cache: Vec<Vec<i32>>,
    /// Per slot: Σ days × (L ÷ days_in_month).
    slot_units: Vec<u64>,
    /// Per slot: `[base, (Δgross, Δemployer) per measure]`, in cents.
    slot_cents: Vec<i128>,
    /// Slots touched by the current employee.
    touched: Vec<usize>,
    /// Group keys the current employee was counted in.
    keys: Vec<GroupKey>,
    /// The current employee's sums over every slot (each month once).
    overall_units: u64,
    overall_cents: Vec<i128>,
    scratch: Vec<MeasureMonth>,
    amounts: Vec<i128>,
    /// Amounts per measure in the sums (see [`FastTotals`]).
    width: usize,
    /// Whether measure is a group key (then a slot per year and measure).
    by_measure: bool,
    /// The detailed model's caches and buffers.
    detailed: detailed::State,
}

/// What a stretch adds: its months, year, measures, units.
struct Stretch {
    n: i128,
    year: i32,
    applying: u64,
    units: u64,
}

impl Worker {
    fn new(plan: &Plan<'_>) -> Worker {
        let measures = plan.scenario.measures.len();
        let years = (plan.scenario.last_year - plan.scenario.first_year + 1).max(1) as usize;
        let per_year = if plan.keys.has(GroupBy::Measure) {
            measures
        } else {
            1
        };
        let slots = years * per_year.max(1);
        let width = width(plan);
        Worker {
            profiles: Vec::new(),
            cache: Vec::new(),
            slot_units: vec![0; slots],
            slot_cents: vec![0; slots * (1 + width * measures)],
            touched: Vec::new(),
            keys: Vec::new(),
            overall_units: 0,
            overall_cents: vec![0; 1 + width * measures],
            scratch: Vec::new(),
            amounts: vec![0; 1 + width * measures],
            width,
            by_measure: plan.keys.has(GroupBy::Measure),
            detailed: detailed::State::default(),
        }
    }

    fn profile(&mut self, fte: Decimal) -> Option<usize> {
        let key = u128::from_le_bytes(fte.serialize());
        if let Some(i) = self.profiles.iter().position(|p| *p == key) {
            return Some(i);
        }
        if self.profiles.len() == MAX_PROFILES {
            return None;
        }
        self.profiles.push(key);
        self.cache.push(Vec::new());
        self.detailed_profile_added();
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

    /// The amounts of a full month of `price` into `self.amounts`: the
    /// per-person amounts cached per (price, fte), then weighted.
    fn full_month(
        &mut self,
        plan: &Plan<'_>,
        t: &Tables,
        price: usize,
        profile: Option<usize>,
        e: &Employee,
    ) {
        let stride = 1 + 2 * t.measures;
        let index = t.price_month[price] as usize;
        let dim = plan.month(index).days();
        let mut person = PersonMonth {
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
            self.cache[profile] = vec![UNKNOWN; stride * t.price_month.len()];
        }
        let slot = price * stride;
        if self.cache[profile][slot] == UNKNOWN {
            person.weight = Decimal::ONE;
            self.compute(plan, t, price, &person);
            let fits = self
                .amounts
                .iter()
                .all(|a| i32::try_from(*a).is_ok_and(|c| c != UNKNOWN));
            if fits {
                let entry = &mut self.cache[profile][slot..slot + stride];
                for (c, a) in entry.iter_mut().zip(&self.amounts) {
                    *c = *a as i32;
                }
            } else {
                person.weight = e.weight;
                self.compute(plan, t, price, &person);
                return;
            }
        } else {
            let entry = &self.cache[profile][slot..slot + stride];
            for (a, c) in self.amounts.iter_mut().zip(entry) {
                *a = i128::from(*c);
            }
        }
        if e.weight != Decimal::ONE {
            // The last rounding of docs/formats.md's arithmetic step 5 (×
            // weight), as `person_month` does it.
            for a in self.amounts.iter_mut() {
                *a = cents(super::weigh(
                    Money::round(Decimal::from_i128_with_scale(*a, 2)),
                    e.weight,
                ));
            }
        }
    }

    /// Adds a stretch (amounts in `self.amounts`) to the employee's slots.
    fn add_stretch(&mut self, plan: &Plan<'_>, s: &Stretch) {
        let w = self.width;
        let measures = (self.amounts.len() - 1) / w;
        let stride = 1 + w * measures;
        let year = (s.year - plan.scenario.first_year) as usize;
        let Worker {
            slot_units,
            slot_cents,
            touched,
            amounts,
            ..
        } = self;
        let mut add = |slot: usize, only: Option<usize>| {
            if slot_units[slot] == 0 && !touched.contains(&slot) {
                touched.push(slot);
            }
            slot_units[slot] += s.units;
            let c = &mut slot_cents[slot * stride..(slot + 1) * stride];
            c[0] += s.n * amounts[0];
            for k in 0..measures {
                if s.applying & (1 << k) != 0 && only.is_none_or(|o| o == k) {
                    let range = 1 + w * k..1 + w * (k + 1);
                    for (a, b) in c[range.clone()].iter_mut().zip(&amounts[range]) {
                        *a += s.n * b;
                    }
                }
            }
        };
        if plan.keys.has(GroupBy::Measure) {
            for k in 0..measures {
                if s.applying & (1 << k) != 0 {
                    add(year * measures + k, Some(k));
                }
            }
        } else {
            add(year, None);
        }
        self.overall_units += s.units;
        let o = &mut self.overall_cents;
        o[0] += s.n * self.amounts[0];
        for k in 0..measures {
            if s.applying & (1 << k) != 0 {
                let range = 1 + w * k..1 + w * (k + 1);
                for (a, b) in o[range.clone()].iter_mut().zip(&self.amounts[range]) {
                    *a += s.n * b;
                }
            }
        }
    }

    /// Forgets the current employee's sums.
    fn reset(&mut self) {
        let stride = self.overall_cents.len();
        for &slot in &self.touched {
            self.slot_units[slot] = 0;
            self.slot_cents[slot * stride..(slot + 1) * stride]
                .iter_mut()
                .for_each(|c| *c = 0);
        }
        self.touched.clear();
        self.overall_units = 0;
        self.overall_cents.iter_mut().for_each(|c| *c = 0);
    }

    /// Adds one employee to `acc`: stretch by stretch, or by the reference
    /// when a value the employee needs is missing (its error is then the
    /// reference's, word for word).
    #[inline(never)] // out of line, so that profiles show the walk apart
    fn add(
        &mut self,
        plan: &Plan<'_>,
        t: &Tables,
        e: &Employee,
        acc: &mut FastAcc,
    ) -> Result<(), EngineError> {
        if t.detailed {
            return self.add_detailed(plan, t, e, acc);
        }
        let Some((eligible, first, last)) = span(plan, t, e) else {
            return Ok(());
        };
        if unfunded(plan, e, eligible) {
            return acc.reference.add(plan, e);
        }
        let profile = self.profile(e.fte);
        let job = t.job_steps(e);
        let seniority0 = whole_months(e.seniority_date, plan.first);
        let (partial_first, partial_last) = partial_months(plan, e);
        self.reset();
        let mut i = first;
        while i <= last {
            let (price, mut end) = job.stretch(t, seniority0 + i, i, last);
            let applying = t.price_in_force[price] & eligible;
            if applying == 0 {
                i = end + 1;
                continue;
            }
            if !t.price_complete[price] || t.price_missing[price] & applying != 0 {
                self.reset();
                return acc.reference.add(plan, e);
            }
            if Some(i) == partial_first || Some(i) == partial_last {
                self.add_partial_month(plan, t, e, (price, applying), i);
                i += 1;
                continue;
            }
            // Presence becomes partial: the stretch stops before.
            if let Some(p) = partial_last.filter(|p| *p > i && *p <= end) {
                end = p - 1;
            }
            self.full_month(plan, t, price, profile, e);
            let n = end - i + 1;
            let stretch = Stretch {
                n: i128::from(n),
                year: plan.month(i as usize).year(),
                applying,
                units: n as u64 * u64::from(FTE_UNITS_PER_MONTH),
            };
            self.add_stretch(plan, &stretch);
            i = end + 1;
        }
        self.commit(plan, t, e, acc);
        Ok(())
    }

    /// A first or last month of partial presence, computed singly.
    fn add_partial_month(
        &mut self,
        plan: &Plan<'_>,
        t: &Tables,
        e: &Employee,
        (price, applying): (usize, u64),
        i: i32,
    ) {
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
        let stretch = Stretch {
            n: 1,
            year: month.year(),
            applying,
            units: u64::from(days * (FTE_UNITS_PER_MONTH / dim)),
        };
        self.add_stretch(plan, &stretch);
    }

    /// Adds the employee's sums to the accumulator.
    fn commit(&mut self, plan: &Plan<'_>, t: &Tables, e: &Employee, acc: &mut FastAcc) {
        if self.touched.is_empty() {
            return;
        }
        let codes = t.codes(e);
        let fte_weight = e.fte * e.weight;
        let stride = self.overall_cents.len();
        let width = self.width;
        let measures = (stride - 1) / width;
        let by_measure = plan.keys.has(GroupBy::Measure);
        self.keys.clear();
        for &slot in &self.touched {
            let (year, measure) = if by_measure {
                (slot / measures, slot % measures)
            } else {
                (slot, 0)
            };
            let key = plan
                .keys
                .key(&codes, plan.scenario.first_year + year as i32, measure);
            let g = acc
                .groups
                .entry(key)
                .or_insert_with(|| FastTotals::new(measures, width, plan.funding.slots()));
            // Slots of several years share a key when year is not one: the
            // employee counts once per key.
            if !self.keys.contains(&key) {
                self.keys.push(key);
                g.employees += e.weight;
            }
            g.fte_units += fte_weight * Decimal::from(self.slot_units[slot]);
            let cents = &self.slot_cents[slot * stride..(slot + 1) * stride];
            for (a, b) in g.cents.iter_mut().zip(cents) {
                *a += b;
            }
            let only = by_measure.then_some(measure);
            let year = plan.scenario.first_year + year as i32;
            add_funded(plan, e, (year, only), cents, &mut g.cents[stride..]);
            add_funded(
                plan,
                e,
                (year, only),
                cents,
                &mut acc.overall.cents[stride..],
            );
        }
        let o = &mut acc.overall;
        o.employees += e.weight;
        o.fte_units += fte_weight * Decimal::from(self.overall_units);
        for (a, b) in o.cents.iter_mut().zip(&self.overall_cents) {
            *a += b;
        }
    }
}

/// The fast path, with its tables and per-thread caches: build it once per
/// run and feed it every chunk.
pub struct FastEngine<'p> {
    plan: &'p Plan<'p>,
    /// `None` for a scenario of more than [`MAX_MEASURES`] measures, which
    /// the reference computes: no table or cache is built for it.
    tables: Option<Tables>,
    workers: Vec<Mutex<Worker>>,
}

impl<'p> FastEngine<'p> {
    /// Precomputes the tables of `plan`.
    pub fn new(plan: &'p Plan<'p>) -> FastEngine<'p> {
        // A funding table that changes in the middle of a year would split
        // a year's stretch: such a scenario runs on the reference.
        if plan.scenario.measures.len() > MAX_MEASURES || !plan.funding.by_year() {
            return FastEngine {
                plan,
                tables: None,
                workers: Vec::new(),
            };
        }
        FastEngine {
            plan,
            tables: Some(Tables::new(plan)),
            workers: (0..rayon::current_num_threads().max(1))
                .map(|_| Mutex::new(Worker::new(plan)))
                .collect(),
        }
    }

    /// The group totals of `employees`: exactly those of
    /// [`super::simulate_reference`].
    pub fn simulate(&self, employees: &[Employee]) -> Result<GroupTotals, EngineError> {
        let plan = self.plan;
        let Some(tables) = &self.tables else {
            return super::simulate_reference(plan, employees);
        };
        let width = width(plan);
        let threads = self.workers.len();
        let piece = (employees.len() / (threads * 8)).max(256);
        let acc = employees
            .par_chunks(piece)
            .map(|part| {
                let slot = rayon::current_thread_index().unwrap_or(0) % threads;
                let mut worker = self.workers[slot]
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                let mut acc = FastAcc::new(plan, width);
                for e in part {
                    worker.add(plan, tables, e, &mut acc)?;
                }
                Ok(acc)
            })
            .try_reduce(|| FastAcc::new(plan, width), |a, b| Ok(a.merge(b)))
            .map_err(|e| super::first_error(plan, employees, e))?;
        Ok(acc.into_totals())
    }
}
