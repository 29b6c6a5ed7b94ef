//! The plan of a simulation: the scenario resolved against the grids and
//! parameters, and the price table — for every grid position (convention,
//! job, step) and month of the horizon, the base gross B floored at the
//! SMIC and each measure's ΔG, rounded to the cent once (docs/formats.md,
//! arithmetic steps 3–5, rules 33 and 34).
//!
//! ΔG is kept per *class* of months rather than per month: the months of a
//! convention in which everything a price depends on is the same — the
//! value of the point, the employee rate, the sector's payroll parameters,
//! the SMIC, the indice majoré minimal and the versions of its grid in
//! force — share a class. A horizon has a handful of classes however many
//! months it has, so the table grows with positions × classes × measures,
//! not with the months; a table that would still exceed
//! [`MAX_DELTA_CELLS`] is not kept, and ΔG is computed when asked, by the
//! same function.
//!
//! Why nothing overflows (docs/formats.md, rule 43): B = coefficient ×
//! point × (1 + complement) ≤ 10⁴ × 10³ × 2; a ΔG is checked against
//! [`MAX_DELTA`] (the only ones the ranges do not bound are those of
//! `net_monthly`, a division); so a person's monthly amounts stay below
//! 1.3 × 10⁸ €, × a weight ≤ 10⁶, and Decimal's 7.9 × 10²⁸ is reached only
//! by a sum of some 10¹⁴ employee-months.

use super::error::EngineError;
use super::funded::FundingPlan;
use super::keys::KeySpec;
use super::payroll::{MissingParameter, MonthParams};
use super::public::{PublicParams, SectorPayroll};
use crate::domain::fold::fold;
use crate::domain::grid::{Convention, Grids, Step};
use crate::domain::params::{Parameter, Parameters, Unit};
use crate::domain::scenario::{
    Eligibility, Measure, MeasureKind, PayrollModel, PointChange, Scenario, SmicFloor,
};
use crate::domain::{GroupBy, Location, Money, Sector, YearMonth};
use rust_decimal::Decimal;

/// The largest ΔG, in euros a month at full time (docs/formats.md,
/// rule 44): far beyond any measure, it keeps the arithmetic that follows
/// within Decimal's range.
pub(crate) const MAX_DELTA: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0);

/// The most cells (class cell × measure) of a ΔG table kept in memory:
/// 128 MB of cents. Beyond, ΔG is computed when asked.
const MAX_DELTA_CELLS: usize = 1 << 24;

/// A ΔG table cell that cannot be computed.
const NO_DELTA: i64 = i64::MIN;

/// Why a measure's ΔG cannot be computed at a grid position in a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoDelta {
    /// No value of the point in force (or no version of the job's grid).
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
    /// The slots of the measures' funding tables in the totals.
    pub funding: FundingPlan,
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
    /// `[position × months + month]`: the indemnité différentielle in B
    /// (docs/formats.md, rule 33).
    smic_top_up: Vec<Money>,
    /// `[sector × months + month]`: the full-time SMIC, rounded to the
    /// cent, if known (rule 33).
    smic: Vec<Option<Money>>,
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
    /// Detailed model only, per month: the public schedule in force, or
    /// the first parameter missing.
    public_params: Vec<Result<PublicParams, MissingParameter>>,
}

/// The classes of months: per convention, the months in which every price
/// of its positions is the same.
#[derive(Default)]
struct Classes {
    /// `[convention × months + month]`: the month's class.
    of_month: Vec<u32>,
    /// Per convention, per class: its first month (horizon index).
    first_month: Vec<Vec<usize>>,
    /// Per position (in positions' order): its first class cell.
    start: Vec<usize>,
    /// The number of class cells (positions × their convention's classes).
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
        let position_eligible = position_eligibility(scenario, grids);
        check_index_points(scenario, grids, &position_eligible)?;
        let first = scenario.first_month();
        let months = (first.months_until(scenario.last_month()) + 1) as usize;
        let (position_offset, positions) = position_offsets(grids);
        let detailed = scenario.payroll == PayrollModel::Detailed;
        let month_params = detailed.then(|| month_params_table(scenario, parameters));
        let public_params = detailed.then(|| {
            YearMonth::range(first, scenario.last_month())
                .map(|m| PublicParams::resolve(parameters, m))
                .collect::<Vec<_>>()
        });
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut plan = Plan {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            memo: true,
            scenario,
            grids,
            parameters,
            keys: KeySpec::new(by, scenario, grids),
            funding: FundingPlan::new(scenario),
            first,
            months,
            position_eligible,
            position_offset,
            base: Vec::new(),
            smic_top_up: Vec::new(),
            smic: by_sector_and_month(scenario, parameters, Parameter::SmicMonthly)
                .into_iter()
                .map(|s| s.map(Money::round))
                .collect(),
            classes: Classes::default(),
            delta: None,
            employer_rate: by_sector_and_month(scenario, parameters, Parameter::EmployerRate),
            month_params: month_params.unwrap_or_default(),
            public_params: public_params.unwrap_or_default(),
        };
        plan.fill_bases(positions);
        plan.classes = plan.month_classes();
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
    /// (horizon index), handed to the sector's model (the public one for
    /// `public`), or the first parameter missing.
    pub(crate) fn payroll(
        &self,
        sector: Sector,
        month: usize,
    ) -> Result<SectorPayroll<'_>, MissingParameter> {
        Payrolls {
            private: &self.month_params,
            public: &self.public_params,
            months: self.months,
        }
        .of(sector, month)
    }

    /// The coefficient paid at a position in `month`: the step's, or for a
    /// public grid the indice majoré minimal when it is higher
    /// (docs/formats.md, rule 37).
    pub fn coefficient(&self, position: Position, month: YearMonth) -> Decimal {
        let convention = &self.grids.conventions[position.convention];
        let step = &self.grids.job(position.convention, position.job).steps[position.step];
        Floor::of(convention, self.parameters, month).paid(step.coefficient)
    }

    /// Detailed model, private sectors: the payroll parameters of `sector`
    /// in month `month` (horizon index), or the first parameter missing
    /// (the taxe sur les salaires reads January's).
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

    /// The price-table cell of a position in month `month`.
    pub(crate) fn cell(&self, position: Position, month: usize) -> usize {
        self.position_index(position) * self.months + month
    }

    /// The base gross B of a position in month `month` (horizon index),
    /// floored at the SMIC: the grid's pay plus the indemnité
    /// différentielle (docs/formats.md, rule 33).
    pub(crate) fn base(&self, position: Position, month: usize) -> Option<Money> {
        self.base[self.cell(position, month)]
    }

    /// The indemnité différentielle included in [`Plan::base`], full time:
    /// zero where the grid pays at least the SMIC or no SMIC is known.
    pub(crate) fn smic_top_up(&self, position: Position, month: usize) -> Money {
        self.smic_top_up[self.cell(position, month)]
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

    /// Every grid position, in positions' order (convention, job, step).
    fn positions(&self) -> impl Iterator<Item = Position> + '_ {
        self.position_offset
            .iter()
            .enumerate()
            .flat_map(move |(c, jobs)| {
                (0..jobs.len()).flat_map(move |j| {
                    (0..self.grids.job(c, j).steps.len()).map(move |step| Position {
                        convention: c,
                        job: j,
                        step,
                    })
                })
            })
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

    /// ΔG of measure `k` at a position in month `month`, from the values of
    /// the first month of the month's class (the same as the month's own:
    /// ΔG depends on nothing that differs within a class).
    fn price(&self, position: Position, month: usize, k: usize) -> Result<Money, NoDelta> {
        let c = position.convention;
        let class = self.classes.of_month[c * self.months + month] as usize;
        self.price_at(position, self.classes.first_month[c][class], k)
    }

    /// ΔG of measure `k` at a position, rounded and floored at the SMIC,
    /// from the values in force in month `month` (docs/formats.md,
    /// rule 17).
    pub(crate) fn price_at(
        &self,
        position: Position,
        month: usize,
        k: usize,
    ) -> Result<Money, NoDelta> {
        let cell = self.cell_at(position, month).ok_or(NoDelta::PointValue)?;
        let measure = &self.scenario.measures[k];
        floored_delta(measure, self.detailed(), &cell, self.parameters)
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
        for position in self.positions() {
            let firsts = &self.classes.first_month[position.convention];
            let start = self.classes.start[self.position_index(position)];
            for (class, &month) in firsts.iter().enumerate() {
                // One cell per class, priced for every measure.
                let Some(cell) = self.cell_at(position, month) else {
                    continue;
                };
                for (k, measure) in self.scenario.measures.iter().enumerate() {
                    let priced = floored_delta(measure, self.detailed(), &cell, self.parameters);
                    if let Ok(delta) = priced {
                        table[(start + class) * n + k] = delta.cents();
                    }
                }
            }
        }
        table
    }

    /// The detailed model's parameters of every sector and month.
    fn payrolls(&self) -> Option<Payrolls<'_>> {
        self.detailed().then_some(Payrolls {
            private: &self.month_params,
            public: &self.public_params,
            months: self.months,
        })
    }

    /// The price cell of a position in month `month` (horizon index): B
    /// floored at the SMIC and what a ΔG is computed from; `None` when the
    /// step's version of the grid is not in force (rule 35) or the point
    /// has no value.
    fn cell_at(&self, position: Position, mi: usize) -> Option<Cell<'_>> {
        let conv = &self.grids.conventions[position.convention];
        let job = self.grids.job(position.convention, position.job);
        let step = &job.steps[position.step];
        let month = self.month(mi);
        if job.version_on(month.first_day()) != Some(job.version_of(position.step)) {
            return None;
        }
        let point = conv.point_values.at_month(month).copied()?;
        let with_complement = Decimal::ONE + step.complement_pct / Decimal::ONE_HUNDRED;
        let mut cell = Cell {
            step,
            month,
            sector: conv.sector,
            point,
            divisor: conv.point_divisor(),
            floor: Floor::of(conv, self.parameters, month),
            with_complement,
            complement_in_smic: conv.complement_in_smic,
            smic: None,
            base: Money::ZERO,
            payroll: self.payrolls().and_then(|t| t.of(conv.sector, mi).ok()),
        };
        let paid = cell.floor.paid(step.coefficient);
        let grid_pay = Money::round(cell.per_month(paid * point * with_complement));
        cell.smic = self.smic[sector_index(conv.sector) * self.months + mi].map(|smic| {
            let counted = if conv.complement_in_smic {
                grid_pay
            } else {
                Money::round(cell.per_month(paid * point))
            };
            SmicComparison::new(counted, smic)
        });
        let top_up = cell.smic.map_or(Money::ZERO, |f| f.top_up);
        cell.base = if top_up.is_zero() {
            grid_pay
        } else {
            grid_pay + top_up
        };
        Some(cell)
    }

    /// B and the indemnité différentielle of each of `positions` in each
    /// month of the horizon, in positions' order (convention, job, step).
    fn fill_bases(&mut self, positions: usize) {
        let mut base = vec![None; positions * self.months];
        let mut smic_top_up = vec![Money::ZERO; positions * self.months];
        for position in self.positions() {
            for mi in 0..self.months {
                if let Some(cell) = self.cell_at(position, mi) {
                    let index = self.cell(position, mi);
                    base[index] = Some(cell.base);
                    smic_top_up[index] = cell.smic.map_or(Money::ZERO, |f| f.top_up);
                }
            }
        }
        self.base = base;
        self.smic_top_up = smic_top_up;
    }

    /// The classes of each convention's months, and the class cells of its
    /// positions: months share a class when the value of the point, the
    /// employee rate, the sector's payroll parameters, the SMIC, the indice
    /// majoré minimal and the versions of the grid in force are the same.
    fn month_classes(&self) -> Classes {
        let private_class = distinct_classes(&self.month_params);
        let public_class = distinct_classes(&self.public_params);
        let mut classes = Classes {
            of_month: Vec::with_capacity(self.grids.conventions.len() * self.months),
            ..Classes::default()
        };
        for (c, conv) in self.grids.conventions.iter().enumerate() {
            let s = sector_index(conv.sector);
            let mut versions: Vec<_> = self
                .grids
                .grid_of(c)
                .jobs
                .iter()
                .flat_map(|j| j.versions.iter().filter_map(|v| v.effective))
                .collect();
            versions.sort();
            versions.dedup();
            let mut keys = Vec::new();
            let mut firsts = Vec::new();
            for i in 0..self.months {
                let month = self.month(i);
                let params = if conv.sector == Sector::Public {
                    public_class.get(i).copied()
                } else {
                    private_class.get(s * self.months + i).copied()
                };
                let key = (
                    conv.point_values.at_month(month).copied(),
                    self.parameters
                        .at_month(Parameter::EmployeeRate, conv.sector, month),
                    params,
                    self.smic[s * self.months + i],
                    Floor::of(conv, self.parameters, month).0,
                    versions.partition_point(|d| *d <= month.first_day()),
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
            for job in &self.grids.grid_of(c).jobs {
                for _ in &job.steps {
                    classes.start.push(classes.cells);
                    classes.cells += firsts.len();
                }
            }
            classes.first_month.push(firsts);
        }
        classes
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

/// A number per distinct value of `values` (the payroll parameters of each
/// sector and month): equal values, equal numbers.
fn distinct_classes<T: PartialEq>(values: &[T]) -> Vec<u32> {
    let mut distinct: Vec<&T> = Vec::new();
    values
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

/// The detailed model's parameters of every sector and month, as the plan
/// keeps them.
#[derive(Clone, Copy)]
struct Payrolls<'t> {
    /// `[sector × months + month]`, private sectors.
    private: &'t [Result<MonthParams, MissingParameter>],
    /// Per month, the public schedule.
    public: &'t [Result<PublicParams, MissingParameter>],
    months: usize,
}

impl<'t> Payrolls<'t> {
    fn of(&self, sector: Sector, month: usize) -> Result<SectorPayroll<'t>, MissingParameter> {
        let table = if sector == Sector::Public {
            self.public
                .get(month)
                .map(|p| p.as_ref().map(SectorPayroll::Public))
        } else {
            self.private
                .get(sector_index(sector) * self.months + month)
                .map(|p| p.as_ref().map(SectorPayroll::Private))
        };
        match table {
            Some(Ok(p)) => Ok(p),
            Some(Err(e)) => Err(*e),
            None => Err(MissingParameter(Parameter::SmicMonthly)),
        }
    }
}

/// The floor of a public grid in a month: the indice majoré minimal in
/// force, below which no agent is paid (docs/formats.md, rule 37); none
/// for other grids, or before the first value.
#[derive(Clone, Copy)]
struct Floor(Option<Decimal>);

impl Floor {
    fn of(convention: &Convention, parameters: &Parameters, month: YearMonth) -> Floor {
        Floor(
            (convention.sector == Sector::Public)
                .then(|| parameters.at_month(Parameter::IndiceMajoreMinimal, Sector::Public, month))
                .flatten(),
        )
    }

    /// The coefficient paid for a grid coefficient.
    fn paid(self, coefficient: Decimal) -> Decimal {
        match self.0 {
            Some(floor) => coefficient.max(floor),
            None => coefficient,
        }
    }
}

/// `[sector × months + month]`: the value of `parameter` in force, if any
/// (the employer rate, the SMIC).
fn by_sector_and_month(
    scenario: &Scenario,
    parameters: &Parameters,
    parameter: Parameter,
) -> Vec<Option<Decimal>> {
    let mut values = Vec::new();
    for sector in Sector::ALL {
        for month in YearMonth::range(scenario.first_month(), scenario.last_month()) {
            values.push(parameters.at_month(parameter, sector, month));
        }
    }
    values
}

/// One cell of the price table: a step of a job, in a month of the horizon.
struct Cell<'p> {
    step: &'p Step,
    month: YearMonth,
    sector: Sector,
    /// The value of the point in force.
    point: Decimal,
    /// What `point` is divided by to give the monthly value of one point
    /// (1, or 1 200 for a public grid: rule 36).
    divisor: Decimal,
    /// The floor of the coefficient (public grids: rule 37).
    floor: Floor,
    /// 1 + the step's complement.
    with_complement: Decimal,
    /// Whether the complement counts toward the SMIC (rule 33).
    complement_in_smic: bool,
    /// The grid's pay that is compared with the SMIC, and the SMIC, when
    /// the parameters give it (rule 33).
    smic: Option<SmicComparison>,
    /// B floored at the SMIC, rounded.
    base: Money,
    /// Detailed model: the month's payroll parameters, if complete.
    payroll: Option<SectorPayroll<'p>>,
}

impl Cell<'_> {
    /// A value in points × the value of the point, per month: ÷ the
    /// divisor, last, so that a public traitement is exactly IM × the
    /// annual value of IM 100 ÷ 1 200 before its one rounding (rule 36).
    fn per_month(&self, value: Decimal) -> Decimal {
        if self.divisor == Decimal::ONE {
            value
        } else {
            value / self.divisor
        }
    }
}

/// The two sides of the comparison with the SMIC (docs/formats.md, rule 33).
#[derive(Clone, Copy)]
struct SmicComparison {
    /// C: the part of the grid's pay that counts, rounded — B, or
    /// round(coefficient × point) when the complement does not count.
    counted: Money,
    /// The month's full-time SMIC, `smic_monthly` rounded to the cent.
    smic: Money,
    /// The indemnité différentielle: max(0, SMIC − C).
    top_up: Money,
}

impl SmicComparison {
    fn new(counted: Money, smic: Money) -> SmicComparison {
        SmicComparison {
            counted,
            smic,
            top_up: (smic - counted).max(Money::ZERO),
        }
    }

    /// The indemnité différentielle once `extra` more counts: max(0, SMIC −
    /// C − extra).
    fn top_up_after(self, extra: Money) -> Money {
        if self.top_up.is_zero() && extra >= Money::ZERO {
            // Above the SMIC, a rise stays above it.
            return Money::ZERO;
        }
        (self.smic - self.counted - extra).max(Money::ZERO)
    }
}

/// ΔG of `measure` at `cell`, rounded, then floored at the SMIC
/// (docs/formats.md, rule 34): when the measure's amount enters the
/// comparison with the SMIC, ΔG = round(ΔG) + I_after − I_before, where the
/// indemnité différentielle I is max(0, SMIC − C) before and after the
/// counted part of the measure is added to C — that is max(C + ΔG, SMIC) −
/// max(C, SMIC) when the whole amount counts. An error says why ΔG
/// cannot be computed.
fn floored_delta(
    measure: &Measure,
    detailed: bool,
    cell: &Cell<'_>,
    parameters: &Parameters,
) -> Result<Money, NoDelta> {
    let (delta, without_complement) = full_time_delta(measure, detailed, cell, parameters)?;
    if delta.abs() > MAX_DELTA {
        return Err(NoDelta::TooLarge);
    }
    let delta_rounded = Money::round(delta);
    let Some(floor) = cell
        .smic
        .filter(|_| measure.smic_floor == SmicFloor::Absorbs)
    else {
        return Ok(delta_rounded);
    };
    // A rise of the grid pay counts without the complement when the
    // complement does not count (a seniority premium).
    let counted = match without_complement {
        Some(points) if !cell.complement_in_smic => Money::round(points),
        _ => delta_rounded,
    };
    Ok(delta_rounded + floor.top_up_after(counted) - floor.top_up)
}

/// ΔG, unrounded, of `measure` at `cell`, and for a measure that changes the
/// grid pay the same rise without the complement, or why ΔG cannot be
/// computed (no employee rate in its range; under the detailed model, a
/// payroll parameter missing; a product beyond Decimal's range). The
/// ranges of rule 43 bound these products; they are checked all the same
/// for measures built by a library user.
fn full_time_delta(
    measure: &Measure,
    detailed: bool,
    cell: &Cell<'_>,
    parameters: &Parameters,
) -> Result<(Decimal, Option<Decimal>), NoDelta> {
    let Cell {
        step,
        point,
        floor,
        with_complement,
        ..
    } = *cell;
    // A rise of the grid pay, in points × point: with and without the
    // complement, per month.
    let grid = |points: Option<Decimal>| {
        let points = points.ok_or(NoDelta::TooLarge)?;
        let with = points
            .checked_mul(with_complement)
            .ok_or(NoDelta::TooLarge)?;
        Ok((cell.per_month(with), Some(cell.per_month(points))))
    };
    match &measure.kind {
        // Detailed: the exact inverse of the real net at this base (floored
        // at the SMIC: the pay really paid), full time (docs/payroll.md).
        MeasureKind::NetMonthly(amount) if detailed => {
            let p = cell.payroll.ok_or(NoDelta::Parameters)?;
            p.gross_for_net(cell.base, *amount, measure.bonus)
                .map(|g| (g.amount(), None))
                .ok_or(NoDelta::TooLarge)
        }
        MeasureKind::NetMonthly(amount) => {
            let rate = parameters
                .at_month(Parameter::EmployeeRate, cell.sector, cell.month)
                .filter(|r| Unit::WithheldRate.allows(*r))
                .ok_or(NoDelta::EmployeeRate)?;
            amount
                .checked_div(Decimal::ONE - rate)
                .map(|d| (d, None))
                .ok_or(NoDelta::TooLarge)
        }
        MeasureKind::GrossMonthly(amount) => Ok((*amount, None)),
        MeasureKind::Points(amount) | MeasureKind::IndexPoints(amount) => amount
            .checked_mul(point)
            .map(|d| (cell.per_month(d), None))
            .ok_or(NoDelta::TooLarge),
        MeasureKind::PointValue(change) => {
            let new = match change {
                PointChange::NewValue(v) => Some(*v),
                PointChange::Percent(pct) => {
                    point.checked_mul(Decimal::ONE + *pct / Decimal::ONE_HUNDRED)
                }
            };
            grid(
                new.and_then(|new| new.checked_sub(point))
                    .and_then(|rise| floor.paid(step.coefficient).checked_mul(rise)),
            )
        }
        MeasureKind::Coefficient(amount) => {
            // Under a floor, the points that lift the coefficient above it.
            let raised = match floor.0 {
                Some(_) => floor.paid(step.coefficient + *amount) - floor.paid(step.coefficient),
                None => *amount,
            };
            grid(raised.checked_mul(point))
        }
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
    // A filière is a word, not a code: `socio-éducatif` is `socio-educatif`
    // (docs/formats.md, rule 29).
    let has_filiere = e
        .filiere
        .as_ref()
        .is_none_or(|l| l.iter().any(|x| fold(x) == fold(filiere)));
    has(&e.convention, convention)
        && has(&e.job, job)
        && has_filiere
        && e.sector.as_ref().is_none_or(|l| l.contains(&sector))
}

/// Points of indice majoré exist only in public grids: a measure of kind
/// `index_points` whose filters reach a grid of another sector is refused
/// (docs/formats.md, rule 38).
fn check_index_points(
    scenario: &Scenario,
    grids: &Grids,
    position_eligible: &[Vec<Vec<bool>>],
) -> Result<(), EngineError> {
    for (k, m) in scenario.measures.iter().enumerate() {
        if !matches!(m.kind, MeasureKind::IndexPoints(_)) {
            continue;
        }
        let reached = grids.conventions.iter().enumerate().find(|(c, conv)| {
            conv.sector != Sector::Public && position_eligible[k][*c].iter().any(|e| *e)
        });
        if let Some((_, conv)) = reached {
            return Err(EngineError::IndexPointsOutsidePublic {
                location: Location::file(&scenario.path),
                measure: m.id.clone(),
                convention: conv.id.clone(),
                sector: conv.sector,
            });
        }
    }
    Ok(())
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
            // A filière is a word, not a code: `socio-éducatif` is
            // `socio-educatif` (docs/formats.md, rule 29).
            if !jobs().any(|x| fold(&x.filiere) == fold(f)) {
                let known = jobs().map(|x| x.filiere.clone()).collect();
                unknown("filiere", "filière", f, known);
            }
        }
    }
    errors
}
