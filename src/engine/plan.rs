//! The plan of a simulation: the scenario resolved against the grids and
//! parameters, and the price table — for every grid position (convention,
//! job, step) and month of the horizon, the base gross B and each measure's
//! ΔG, rounded to the cent once (docs/formats.md, arithmetic steps 3–5).

use super::error::EngineError;
use super::keys::KeySpec;
use super::payroll::{gross_for_net, MissingParameter, MonthParams};
use crate::domain::fold::fold;
use crate::domain::grid::{Grids, Step};
use crate::domain::params::{Parameter, Parameters};
use crate::domain::scenario::{Eligibility, MeasureKind, PayrollModel, PointChange, Scenario};
use crate::domain::{GroupBy, Location, Money, Sector, YearMonth};
use rust_decimal::Decimal;

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
    /// `[(position × months + month) × measures + measure]`: ΔG, if computable.
    delta: Vec<Option<Money>>,
    /// `[sector × months + month]`: the employer rate, if known.
    employer_rate: Vec<Option<Decimal>>,
    /// Detailed model only, `[sector × months + month]`: the payroll
    /// parameters in force, or the first one missing.
    month_params: Vec<Result<MonthParams, MissingParameter>>,
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
        let month_params = (scenario.payroll == PayrollModel::Detailed)
            .then(|| month_params_table(scenario, parameters));
        let prices = PriceTable::new(
            scenario,
            grids,
            parameters,
            month_params.as_deref(),
            positions,
            months,
        );
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Ok(Plan {
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
            base: prices.base,
            delta: prices.delta,
            employer_rate: employer_rates(scenario, parameters),
            month_params: month_params.unwrap_or_default(),
        })
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

    /// The number of cells of the price table (positions × months).
    pub(crate) fn cells(&self) -> usize {
        self.base.len()
    }

    /// The price-table cell of a position in month `month`.
    pub(crate) fn cell(&self, position: Position, month: usize) -> usize {
        (self.position_offset[position.convention][position.job] + position.step) * self.months
            + month
    }

    /// The base gross B of a position in month `month` (horizon index).
    pub(crate) fn base(&self, position: Position, month: usize) -> Option<Money> {
        self.base[self.cell(position, month)]
    }

    /// ΔG of measure `measure` at a position in month `month`.
    pub(crate) fn delta(&self, position: Position, month: usize, measure: usize) -> Option<Money> {
        self.delta[self.cell(position, month) * self.scenario.measures.len() + measure]
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

/// The price table: B and each measure's ΔG per position and month, rounded
/// to the cent once.
struct PriceTable {
    /// `[position × months + month]`: B, if the point value is known.
    base: Vec<Option<Money>>,
    /// `[(position × months + month) × measures + measure]`: ΔG, if
    /// computable.
    delta: Vec<Option<Money>>,
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

impl PriceTable {
    /// Prices each of `positions` in each of `months` of the horizon, in
    /// positions' order (convention, job, step); `month_params` is the
    /// detailed model's table ([`month_params_table`]), `None` under the
    /// flat model.
    fn new(
        scenario: &Scenario,
        grids: &Grids,
        parameters: &Parameters,
        month_params: Option<&[Result<MonthParams, MissingParameter>]>,
        positions: usize,
        months: usize,
    ) -> PriceTable {
        let detailed = month_params.is_some();
        let n_measures = scenario.measures.len();
        let mut table = PriceTable {
            base: vec![None; positions * months],
            delta: vec![None; positions * months * n_measures],
        };
        let steps = grids.conventions.iter().enumerate().flat_map(|(c, conv)| {
            let jobs = &grids.grid_of(c).jobs;
            jobs.iter()
                .flat_map(move |job| job.steps.iter().map(move |s| (conv, s)))
        });
        for (p, (conv, step)) in steps.enumerate() {
            let with_complement = Decimal::ONE + step.complement_pct / Decimal::ONE_HUNDRED;
            for (mi, month) in
                YearMonth::range(scenario.first_month(), scenario.last_month()).enumerate()
            {
                let Some(point) = conv.point_values.at_month(month).copied() else {
                    continue;
                };
                let index = p * months + mi;
                let base = Money::round(step.coefficient * point * with_complement);
                table.base[index] = Some(base);
                let payroll = month_params
                    .and_then(|t| t[sector_index(conv.sector) * months + mi].as_ref().ok());
                let cell = Cell {
                    step,
                    month,
                    sector: conv.sector,
                    point,
                    with_complement,
                    base,
                    payroll,
                };
                for (k, m) in scenario.measures.iter().enumerate() {
                    let delta = full_time_delta(&m.kind, detailed, &cell, parameters);
                    table.delta[index * n_measures + k] = delta.map(Money::round);
                }
            }
        }
        table
    }
}

/// ΔG, unrounded, of a measure of `kind` at `cell`; `None` when it cannot
/// be computed (no employee rate below 1; under the detailed model, a
/// payroll parameter missing).
fn full_time_delta(
    kind: &MeasureKind,
    detailed: bool,
    cell: &Cell<'_>,
    parameters: &Parameters,
) -> Option<Decimal> {
    let Cell {
        step,
        point,
        with_complement,
        ..
    } = *cell;
    match kind {
        // Detailed: the exact inverse of the real net at this base, full
        // time (docs/payroll.md).
        MeasureKind::NetMonthly(amount) if detailed => cell
            .payroll
            .map(|mp| gross_for_net(mp, cell.base, *amount).amount()),
        MeasureKind::NetMonthly(amount) => parameters
            .at_month(Parameter::EmployeeRate, cell.sector, cell.month)
            .filter(|r| *r < Decimal::ONE)
            .map(|r| *amount / (Decimal::ONE - r)),
        MeasureKind::GrossMonthly(amount) => Some(*amount),
        MeasureKind::Points(amount) => Some(*amount * point),
        MeasureKind::PointValue(change) => {
            let new = match change {
                PointChange::NewValue(v) => *v,
                PointChange::Percent(pct) => point * (Decimal::ONE + *pct / Decimal::ONE_HUNDRED),
            };
            Some(step.coefficient * (new - point) * with_complement)
        }
        MeasureKind::Coefficient(amount) => Some(*amount * point * with_complement),
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

/// A filter value that no grid knows is a typo, not an empty selection.
fn check_filters(scenario: &Scenario, grids: &Grids) -> Result<(), EngineError> {
    let jobs = || grids.grids.iter().flat_map(|g| g.jobs.iter());
    for m in &scenario.measures {
        let unknown = |what: &'static str, value: &str, known: Vec<String>| {
            let mut known = known;
            known.sort();
            known.dedup();
            EngineError::UnknownFilter {
                location: Location::file(&scenario.path),
                measure: m.id.clone(),
                what,
                value: value.to_string(),
                known,
            }
        };
        for c in m.eligible.convention.iter().flatten() {
            if grids.convention_index(c).is_none() {
                return Err(unknown(
                    "convention",
                    c,
                    grids.conventions.iter().map(|c| c.id.clone()).collect(),
                ));
            }
        }
        for j in m.eligible.job.iter().flatten() {
            if !jobs().any(|x| &x.code == j) {
                return Err(unknown("job", j, jobs().map(|x| x.code.clone()).collect()));
            }
        }
        for f in m.eligible.filiere.iter().flatten() {
            if !jobs().any(|x| fold(&x.filiere) == fold(f)) {
                return Err(unknown(
                    "filière",
                    f,
                    jobs().map(|x| x.filiere.clone()).collect(),
                ));
            }
        }
    }
    Ok(())
}
