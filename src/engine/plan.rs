//! The plan of a simulation: the scenario resolved against the grids and
//! parameters, and the price table — for every grid position (convention,
//! job, step) and month of the horizon, the base gross B, and each
//! measure's ΔG, rounded to the cent once (docs/formats.md, arithmetic
//! steps 3–5).
//!
//! ΔG is kept per *class* of months rather than per month: the months of a
//! convention in which the value of the point and the sector's parameters
//! are the same share a class, and ΔG depends on nothing else. A horizon
//! has a handful of classes however many months it has, so the table grows
//! with positions × classes × measures, not with the months; a table that
//! would still exceed [`MAX_DELTA_CELLS`] is not kept, and ΔG is computed
//! when asked, by the same function.
//!
//! Why nothing overflows (docs/formats.md, rule 30): B = coefficient ×
//! point × (1 + complement) ≤ 10⁴ × 10³ × 2; a ΔG is checked against
//! [`MAX_DELTA`] (the only ones the ranges do not bound are those of
//! `net_monthly`, a division); so a person's monthly amounts stay below
//! 1.3 × 10⁸ €, × a weight ≤ 10⁶, and Decimal's 7.9 × 10²⁸ is reached only
//! by a sum of some 10¹⁴ employee-months.

use super::error::EngineError;
use super::keys::KeySpec;
use super::payroll::{gross_for_net, MissingParameter, MonthParams};
use crate::domain::grid::{Grids, Step};
use crate::domain::params::Unit;
use crate::domain::params::{Parameter, Parameters};
use crate::domain::scenario::{Eligibility, MeasureKind, PayrollModel, PointChange, Scenario};
use crate::domain::{GroupBy, Location, Money, Sector, YearMonth};
use rust_decimal::Decimal;

/// The largest ΔG, in euros a month at full time (docs/formats.md,
/// rule 31): far beyond any measure, it keeps the arithmetic that follows
/// within Decimal's range.
pub(crate) const MAX_DELTA: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0);

/// The most cells (class cell × measure) of a ΔG table kept in memory:
/// 32 MB of cents. Beyond, ΔG is computed when asked.
const MAX_DELTA_CELLS: usize = 1 << 22;

/// A ΔG table cell that cannot be computed.
const NO_DELTA: i64 = i64::MIN;

/// Why a measure's ΔG cannot be computed at a grid position in a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoDelta {
    /// No value of the point in force.
    PointValue,
    /// Flat model, `net_monthly`: no `employee_rate` in force (or one that
    /// leaves no net).
    EmployeeRate,
    /// Detailed model: a payroll parameter is missing.
    Parameters,
    /// ΔG exceeds [`MAX_DELTA`].
    TooLarge,
}

/// A scenario ready to be computed.
pub struct Plan<'a> {
    /// A number unique to this plan in the process (keys per-thread memos).
    pub(crate) id: u64,
    /// Whether the detailed model may memoise employer costs (on by default;
    /// off only to prove that the memo changes nothing).
    pub(crate) memo: bool,
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Its grids.
    pub grids: &'a Grids,
    /// Its parameters.
    pub parameters: &'a Parameters,
    /// The grouping.
    pub keys: KeySpec,
    /// First month of the horizon.
    pub(crate) first: YearMonth,
    /// Number of months of the horizon.
    pub(crate) months: usize,
    /// Per measure, per convention, per job: whether the grid-level filters
    /// (convention, job, filière, sector) let the measure apply.
    pub(crate) position_eligible: Vec<Vec<Vec<bool>>>,
    /// Index of the first position of each (convention, job).
    position_offset: Vec<Vec<usize>>,
    /// `[position × months + month]`: base gross B, if the point value is known.
    base: Vec<Option<Money>>,
    /// The classes of months of each convention.
    classes: Classes,
    /// `[class cell × measures + measure]`: ΔG in cents, or [`NO_DELTA`];
    /// `None` when the table would be too large (ΔG is then computed when
    /// asked).
    delta: Option<Vec<i64>>,
    /// `[sector × months + month]`: the employer rate, if known.
    employer_rate: Vec<Option<Decimal>>,
    /// Detailed model only, `[sector × months + month]`: the payroll
    /// parameters in force, or the first one missing.
    month_params: Vec<Result<MonthParams, MissingParameter>>,
}

/// The classes of months: within a convention, the months in which the
/// value of the point, the sector's `employee_rate` and (detailed model)
/// its payroll parameters are the same. B and every ΔG of a position are
/// the same in all the months of a class.
struct Classes {
    /// `[convention × months + month]`: the month's class.
    of_month: Vec<u32>,
    /// Per convention, per class: its first month (horizon index), whose
    /// values stand for the class's.
    first_month: Vec<Vec<usize>>,
    /// Per position: its first class cell; the cells of a position are its
    /// convention's classes, in order.
    start: Vec<usize>,
    /// Class cells of all positions.
    cells: usize,
}

/// A grid position: a step of a job of a convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Convention index.
    pub convention: usize,
    /// Job index in the convention's grid.
    pub job: usize,
    /// Step index in the job.
    pub step: usize,
}

fn sector_index(s: Sector) -> usize {
    Sector::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

impl<'a> Plan<'a> {
    /// Resolves `scenario` against `grids` and `parameters`, grouped by `by`.
    /// Fails when a filter names a convention, job or filière no grid has.
    pub fn new(
        scenario: &'a Scenario,
        grids: &'a Grids,
        parameters: &'a Parameters,
        by: Vec<GroupBy>,
    ) -> Result<Plan<'a>, EngineError> {
        check_filters(scenario, grids)?;
        let first = scenario.first_month();
        let months = (first.months_until(scenario.last_month()) + 1) as usize;
        let (position_offset, positions) = position_offsets(grids);
        let month_params = if scenario.payroll == PayrollModel::Detailed {
            month_params_table(scenario, parameters)
        } else {
            Vec::new()
        };
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut plan = Plan {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            memo: true,
            scenario,
            grids,
            parameters,
            keys: KeySpec::new(by, scenario, grids),
            first,
            months,
            position_eligible: position_eligibility(scenario, grids),
            position_offset,
            base: base_table(scenario, grids, positions, months),
            classes: Classes::new(scenario, grids, parameters, &month_params, months),
            delta: None,
            employer_rate: employer_rates(scenario, parameters),
            month_params,
        };
        let cells = plan.classes.cells.saturating_mul(scenario.measures.len());
        if cells <= MAX_DELTA_CELLS {
            plan.delta = Some(plan.delta_table());
        }
        Ok(plan)
    }

    /// Whether the scenario uses the detailed payroll model.
    pub fn detailed(&self) -> bool {
        self.scenario.payroll == PayrollModel::Detailed
    }

    /// Detailed model: the payroll parameters of `sector` in month `month`
    /// (horizon index), or the first parameter missing.
    pub(crate) fn month_params(
        &self,
        sector: Sector,
        month: usize,
    ) -> Result<&MonthParams, MissingParameter> {
        match self
            .month_params
            .get(sector_index(sector) * self.months + month)
        {
            Some(Ok(p)) => Ok(p),
            Some(Err(e)) => Err(*e),
            None => Err(MissingParameter(Parameter::SmicMonthly)),
        }
    }

    /// The month of index `i` of the horizon.
    pub(crate) fn month(&self, i: usize) -> YearMonth {
        self.first.plus(i as i32)
    }

    /// The number of class cells (positions × their classes): the entries
    /// of a memo of per-cell amounts.
    pub(crate) fn class_cells(&self) -> usize {
        self.classes.cells
    }

    /// The class cell of a position in month `month`: the same for every
    /// month in which B and every ΔG of the position are the same.
    pub(crate) fn class_cell(&self, position: Position, month: usize) -> usize {
        let c = position.convention;
        let class = self.classes.of_month[c * self.months + month] as usize;
        self.classes.start[self.position_index(position)] + class
    }

    /// The index of a position among all conventions' positions.
    fn position_index(&self, position: Position) -> usize {
        self.position_offset[position.convention][position.job] + position.step
    }

    /// The base gross B of a position in month `month` (horizon index).
    pub(crate) fn base(&self, position: Position, month: usize) -> Option<Money> {
        self.base[self.position_index(position) * self.months + month]
    }

    /// ΔG of measure `measure` at a position in month `month`.
    pub(crate) fn delta(&self, position: Position, month: usize, measure: usize) -> Option<Money> {
        match &self.delta {
            Some(table) => {
                let n = self.scenario.measures.len();
                let cents = table[self.class_cell(position, month) * n + measure];
                (cents != NO_DELTA).then(|| Money::from_cents(cents))
            }
            None => self.price(position, month, measure).ok(),
        }
    }

    /// Why ΔG of measure `measure` at a position in month `month` cannot be
    /// computed, if it cannot.
    pub(crate) fn no_delta(
        &self,
        position: Position,
        month: usize,
        measure: usize,
    ) -> Option<NoDelta> {
        self.price(position, month, measure).err()
    }

    /// ΔG of measure `k` at a position in month `month`, rounded, from the
    /// values of the first month of the month's class (the same as the
    /// month's own: ΔG depends on nothing that differs within a class).
    fn price(&self, position: Position, month: usize, k: usize) -> Result<Money, NoDelta> {
        let c = position.convention;
        let class = self.classes.of_month[c * self.months + month] as usize;
        self.price_at(position, self.classes.first_month[c][class], k)
    }

    /// ΔG of measure `k` at a position, rounded, from the values in force
    /// in month `month` (docs/formats.md, rule 17).
    pub(crate) fn price_at(
        &self,
        position: Position,
        month: usize,
        k: usize,
    ) -> Result<Money, NoDelta> {
        let c = position.convention;
        let base = self.base(position, month).ok_or(NoDelta::PointValue)?;
        let convention = &self.grids.conventions[c];
        let point = convention
            .point_values
            .at_month(self.month(month))
            .copied()
            .ok_or(NoDelta::PointValue)?;
        let step = &self.grids.job(c, position.job).steps[position.step];
        let payroll = self
            .detailed()
            .then(|| self.month_params(convention.sector, month).ok())
            .flatten();
        let cell = Cell {
            step,
            month: self.month(month),
            sector: convention.sector,
            point,
            with_complement: with_complement(step),
            base,
            payroll,
        };
        let kind = &self.scenario.measures[k].kind;
        let delta = full_time_delta(kind, self.detailed(), &cell, self.parameters)?;
        if delta.abs() > MAX_DELTA {
            return Err(NoDelta::TooLarge);
        }
        Ok(Money::round(delta))
    }

    /// The plan without its ΔG table, as a plan too large for one is: ΔG
    /// is then computed when asked (for tests: the figures must not move).
    #[cfg(test)]
    pub(crate) fn without_delta_table(mut self) -> Plan<'a> {
        self.delta = None;
        self
    }

    /// Every ΔG of every class cell, in cents.
    fn delta_table(&self) -> Vec<i64> {
        let n = self.scenario.measures.len();
        let mut table = vec![NO_DELTA; self.classes.cells * n];
        for (c, firsts) in self.classes.first_month.iter().enumerate() {
            for (j, job) in self.grids.grid_of(c).jobs.iter().enumerate() {
                for step in 0..job.steps.len() {
                    let position = Position {
                        convention: c,
                        job: j,
                        step,
                    };
                    let start = self.classes.start[self.position_index(position)];
                    for (class, &month) in firsts.iter().enumerate() {
                        for k in 0..n {
                            if let Ok(delta) = self.price_at(position, month, k) {
                                table[(start + class) * n + k] = delta.cents();
                            }
                        }
                    }
                }
            }
        }
        table
    }

    /// The employer rate of `sector` in month `month`.
    pub(crate) fn employer_rate(&self, sector: Sector, month: usize) -> Option<Decimal> {
        self.employer_rate[sector_index(sector) * self.months + month]
    }
}

/// Index of the first position of each (convention, job), and the number
/// of positions of all conventions.
fn position_offsets(grids: &Grids) -> (Vec<Vec<usize>>, usize) {
    let mut positions = 0;
    let offsets = (0..grids.conventions.len())
        .map(|c| {
            grids
                .grid_of(c)
                .jobs
                .iter()
                .map(|j| {
                    let o = positions;
                    positions += j.steps.len();
                    o
                })
                .collect()
        })
        .collect();
    (offsets, positions)
}

/// Per measure, per convention, per job: whether the grid-level filters let
/// the measure apply.
fn position_eligibility(scenario: &Scenario, grids: &Grids) -> Vec<Vec<Vec<bool>>> {
    scenario
        .measures
        .iter()
        .map(|m| {
            (0..grids.conventions.len())
                .map(|c| {
                    let conv = &grids.conventions[c];
                    grids
                        .grid_of(c)
                        .jobs
                        .iter()
                        .map(|job| {
                            grid_filters_match(
                                &m.eligible,
                                &conv.id,
                                conv.sector,
                                &job.code,
                                &job.filiere,
                            )
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Detailed model, `[sector × months + month]`: the payroll parameters in
/// force, or the first one missing.
fn month_params_table(
    scenario: &Scenario,
    parameters: &Parameters,
) -> Vec<Result<MonthParams, MissingParameter>> {
    let mut table = Vec::new();
    for sector in Sector::ALL {
        for month in YearMonth::range(scenario.first_month(), scenario.last_month()) {
            table.push(MonthParams::resolve(parameters, sector, month));
        }
    }
    table
}

/// `[sector × months + month]`: the employer rate, if known.
fn employer_rates(scenario: &Scenario, parameters: &Parameters) -> Vec<Option<Decimal>> {
    let mut rates = Vec::new();
    for sector in Sector::ALL {
        for month in YearMonth::range(scenario.first_month(), scenario.last_month()) {
            rates.push(parameters.at_month(Parameter::EmployerRate, sector, month));
        }
    }
    rates
}

/// `[position × months + month]`: B, rounded, where the point value is
/// known (docs/formats.md, arithmetic step 3).
fn base_table(
    scenario: &Scenario,
    grids: &Grids,
    positions: usize,
    months: usize,
) -> Vec<Option<Money>> {
    let mut base = Vec::with_capacity(positions * months);
    for (c, conv) in grids.conventions.iter().enumerate() {
        for job in &grids.grid_of(c).jobs {
            for step in &job.steps {
                let with_complement = with_complement(step);
                for month in YearMonth::range(scenario.first_month(), scenario.last_month()) {
                    let point = conv.point_values.at_month(month);
                    base.push(point.map(|p| Money::round(step.coefficient * p * with_complement)));
                }
            }
        }
    }
    base
}

/// 1 + the step's complement.
fn with_complement(step: &Step) -> Decimal {
    Decimal::ONE + step.complement_pct / Decimal::ONE_HUNDRED
}

impl Classes {
    /// The classes of each convention's months, and the class cells of its
    /// positions.
    fn new(
        scenario: &Scenario,
        grids: &Grids,
        parameters: &Parameters,
        month_params: &[Result<MonthParams, MissingParameter>],
        months: usize,
    ) -> Classes {
        let params_class = params_classes(month_params);
        let mut classes = Classes {
            of_month: Vec::with_capacity(grids.conventions.len() * months),
            first_month: Vec::new(),
            start: Vec::new(),
            cells: 0,
        };
        for (c, conv) in grids.conventions.iter().enumerate() {
            let s = sector_index(conv.sector);
            let mut keys = Vec::new();
            let mut firsts = Vec::new();
            for (i, month) in
                YearMonth::range(scenario.first_month(), scenario.last_month()).enumerate()
            {
                let key = (
                    conv.point_values.at_month(month).copied(),
                    parameters.at_month(Parameter::EmployeeRate, conv.sector, month),
                    params_class.get(s * months + i).copied(),
                );
                let class = match keys.iter().position(|k| *k == key) {
                    Some(class) => class,
                    None => {
                        keys.push(key);
                        firsts.push(i);
                        keys.len() - 1
                    }
                };
                classes.of_month.push(class as u32);
            }
            for job in &grids.grid_of(c).jobs {
                for _ in &job.steps {
                    classes.start.push(classes.cells);
                    classes.cells += firsts.len();
                }
            }
            classes.first_month.push(firsts);
        }
        classes
    }
}

/// Detailed model, `[sector × months + month]`: a number per distinct
/// value of the month's payroll parameters (empty under the flat model).
fn params_classes(month_params: &[Result<MonthParams, MissingParameter>]) -> Vec<u32> {
    let mut distinct: Vec<&Result<MonthParams, MissingParameter>> = Vec::new();
    month_params
        .iter()
        .map(|p| match distinct.iter().position(|d| *d == p) {
            Some(i) => i as u32,
            None => {
                distinct.push(p);
                (distinct.len() - 1) as u32
            }
        })
        .collect()
}

/// One cell of the price table: a step of a job, in a month of the horizon.
struct Cell<'p> {
    step: &'p Step,
    month: YearMonth,
    sector: Sector,
    /// The value of the point in force.
    point: Decimal,
    /// 1 + the step's complement.
    with_complement: Decimal,
    /// B, rounded.
    base: Money,
    /// Detailed model: the month's payroll parameters, if complete.
    payroll: Option<&'p MonthParams>,
}

/// ΔG, unrounded, of a measure of `kind` at `cell`, or why it cannot be
/// computed.
fn full_time_delta(
    kind: &MeasureKind,
    detailed: bool,
    cell: &Cell<'_>,
    parameters: &Parameters,
) -> Result<Decimal, NoDelta> {
    let Cell {
        step,
        point,
        with_complement,
        ..
    } = *cell;
    match kind {
        // Detailed: the exact inverse of the real net at this base, full
        // time (docs/payroll.md).
        MeasureKind::NetMonthly(amount) if detailed => {
            let params = cell.payroll.ok_or(NoDelta::Parameters)?;
            gross_for_net(params, cell.base, *amount)
                .map(|g| g.amount())
                .ok_or(NoDelta::TooLarge)
        }
        MeasureKind::NetMonthly(amount) => {
            let rate = parameters
                .at_month(Parameter::EmployeeRate, cell.sector, cell.month)
                .filter(|r| Unit::WithheldRate.allows(*r))
                .ok_or(NoDelta::EmployeeRate)?;
            amount
                .checked_div(Decimal::ONE - rate)
                .ok_or(NoDelta::TooLarge)
        }
        // The ranges of rule 30 bound these products; checked all the same
        // for measures built by a library user.
        MeasureKind::GrossMonthly(amount) => Ok(*amount),
        MeasureKind::Points(amount) => amount.checked_mul(point).ok_or(NoDelta::TooLarge),
        MeasureKind::PointValue(change) => {
            let new = match change {
                PointChange::NewValue(v) => Some(*v),
                PointChange::Percent(pct) => {
                    point.checked_mul(Decimal::ONE + *pct / Decimal::ONE_HUNDRED)
                }
            };
            new.and_then(|new| new.checked_sub(point))
                .and_then(|rise| step.coefficient.checked_mul(rise))
                .and_then(|d| d.checked_mul(with_complement))
                .ok_or(NoDelta::TooLarge)
        }
        MeasureKind::Coefficient(amount) => amount
            .checked_mul(point)
            .and_then(|d| d.checked_mul(with_complement))
            .ok_or(NoDelta::TooLarge),
    }
}

fn grid_filters_match(
    e: &Eligibility,
    convention: &str,
    sector: Sector,
    job: &str,
    filiere: &str,
) -> bool {
    let has = |list: &Option<Vec<String>>, v: &str| {
        list.as_ref().is_none_or(|l| l.iter().any(|x| x == v))
    };
    has(&e.convention, convention)
        && has(&e.job, job)
        && has(&e.filiere, filiere)
        && e.sector.as_ref().is_none_or(|l| l.contains(&sector))
}

/// A filter value that no grid knows is a typo, not an empty selection:
/// the first such value, in measure order.
fn check_filters(scenario: &Scenario, grids: &Grids) -> Result<(), EngineError> {
    match unknown_filters(scenario, grids).into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Every filter value of the scenario's measures that no grid knows, each
/// at its place in the scenario file, in measure order (`validate` lists
/// them all; a plan stops at the first).
pub fn unknown_filters(scenario: &Scenario, grids: &Grids) -> Vec<EngineError> {
    let jobs = || grids.grids.iter().flat_map(|g| g.jobs.iter());
    let mut errors = Vec::new();
    for m in &scenario.measures {
        let mut unknown = |key: &str, what: &'static str, value: &str, known: Vec<String>| {
            let mut known = known;
            known.sort();
            known.dedup();
            errors.push(EngineError::UnknownFilter {
                location: m
                    .eligible
                    .place(key, value)
                    .cloned()
                    .unwrap_or_else(|| Location::file(&scenario.path)),
                measure: m.id.clone(),
                what,
                value: value.to_string(),
                known,
            });
        };
        for c in m.eligible.convention.iter().flatten() {
            if grids.convention_index(c).is_none() {
                let known = grids.conventions.iter().map(|c| c.id.clone()).collect();
                unknown("convention", "convention", c, known);
            }
        }
        for j in m.eligible.job.iter().flatten() {
            if !jobs().any(|x| &x.code == j) {
                unknown("job", "job", j, jobs().map(|x| x.code.clone()).collect());
            }
        }
        for f in m.eligible.filiere.iter().flatten() {
            if !jobs().any(|x| &x.filiere == f) {
                let known = jobs().map(|x| x.filiere.clone()).collect();
                unknown("filiere", "filière", f, known);
            }
        }
    }
    errors
}
