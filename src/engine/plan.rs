//! The plan of a simulation: the scenario resolved against the grids and
//! parameters, and the price table — for every grid position (convention,
//! job, step) and month of the horizon, the base gross B and each measure's
//! ΔG, rounded to the cent once (DESIGN.md, Arithmetic steps 3–5).

use super::error::EngineError;
use super::keys::KeySpec;
use super::payroll::{gross_for_net, MissingParameter, MonthParams};
use crate::domain::grid::Grids;
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
        let n_measures = scenario.measures.len();
        let mut position_offset: Vec<Vec<usize>> = Vec::new();
        let mut positions = 0;
        for c in 0..grids.conventions.len() {
            let jobs = &grids.grid_of(c).jobs;
            position_offset.push(
                jobs.iter()
                    .map(|j| {
                        let o = positions;
                        positions += j.steps.len();
                        o
                    })
                    .collect(),
            );
        }
        let position_eligible = scenario
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
            .collect();
        let detailed = scenario.payroll == PayrollModel::Detailed;
        let mut month_params = Vec::new();
        if detailed {
            for sector in Sector::ALL {
                for month in YearMonth::range(first, scenario.last_month()) {
                    month_params.push(MonthParams::resolve(parameters, sector, month));
                }
            }
        }
        let mut base = vec![None; positions * months];
        let mut delta = vec![None; positions * months * n_measures];
        for (c, conv) in grids.conventions.iter().enumerate() {
            for (j, job) in grids.grid_of(c).jobs.iter().enumerate() {
                for (s, step) in job.steps.iter().enumerate() {
                    let p = position_offset[c][j] + s;
                    let with_complement = Decimal::ONE + step.complement_pct / Decimal::ONE_HUNDRED;
                    for (mi, month) in YearMonth::range(first, scenario.last_month()).enumerate() {
                        let Some(point) = conv.point_values.at_month(month).copied() else {
                            continue;
                        };
                        let cell = p * months + mi;
                        let b = Money::round(step.coefficient * point * with_complement);
                        base[cell] = Some(b);
                        for (k, m) in scenario.measures.iter().enumerate() {
                            let dg = match &m.kind {
                                // Detailed: the exact inverse of the real net at
                                // this base, full time (docs/payroll.md).
                                MeasureKind::NetMonthly(amount) if detailed => month_params
                                    [sector_index(conv.sector) * months + mi]
                                    .as_ref()
                                    .ok()
                                    .map(|mp| gross_for_net(mp, b, *amount).amount()),
                                MeasureKind::NetMonthly(amount) => parameters
                                    .at_month(Parameter::EmployeeRate, conv.sector, month)
                                    .filter(|r| *r < Decimal::ONE)
                                    .map(|r| *amount / (Decimal::ONE - r)),
                                MeasureKind::GrossMonthly(amount) => Some(*amount),
                                MeasureKind::Points(amount) => Some(*amount * point),
                                MeasureKind::PointValue(change) => {
                                    let new = match change {
                                        PointChange::NewValue(v) => *v,
                                        PointChange::Percent(pct) => {
                                            point * (Decimal::ONE + *pct / Decimal::ONE_HUNDRED)
                                        }
                                    };
                                    Some(step.coefficient * (new - point) * with_complement)
                                }
                                MeasureKind::Coefficient(amount) => {
                                    Some(*amount * point * with_complement)
                                }
                            };
                            delta[cell * n_measures + k] = dg.map(Money::round);
                        }
                    }
                }
            }
        }
        let mut employer_rate = vec![None; Sector::ALL.len() * months];
        for sector in Sector::ALL {
            for (mi, month) in YearMonth::range(first, scenario.last_month()).enumerate() {
                employer_rate[sector_index(sector) * months + mi] =
                    parameters.at_month(Parameter::EmployerRate, sector, month);
            }
        }
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
            position_eligible,
            position_offset,
            base,
            delta,
            employer_rate,
            month_params,
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
            if !jobs().any(|x| &x.filiere == f) {
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
