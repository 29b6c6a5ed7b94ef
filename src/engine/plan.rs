//! The plan of a simulation: the scenario resolved against the grids and
//! parameters, and the price table — for every grid position (convention,
//! job, step) and month of the horizon, the base gross B floored at the
//! SMIC and each measure's ΔG, rounded to the cent once (docs/formats.md,
//! arithmetic steps 3–5, rules 33 and 34).

use super::error::EngineError;
use super::funded::FundingPlan;
use super::keys::KeySpec;
use super::payroll::{MissingParameter, MonthParams};
use super::public::{PublicParams, SectorPayroll};
use crate::domain::fold::fold;
use crate::domain::grid::{Convention, Grids, Step};
use crate::domain::params::{Parameter, Parameters};
use crate::domain::scenario::{
    Eligibility, Measure, MeasureKind, PayrollModel, PointChange, Scenario, SmicFloor,
};
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
    /// `[(position × months + month) × measures + measure]`: ΔG, if computable.
    delta: Vec<Option<Money>>,
    /// `[sector × months + month]`: the employer rate, if known.
    employer_rate: Vec<Option<Decimal>>,
    /// Detailed model only, `[sector × months + month]`: the payroll
    /// parameters in force, or the first one missing.
    month_params: Vec<Result<MonthParams, MissingParameter>>,
    /// Detailed model only, per month: the public schedule in force, or
    /// the first parameter missing.
    public_params: Vec<Result<PublicParams, MissingParameter>>,
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
        let payrolls = month_params.as_deref().map(|private| Payrolls {
            private,
            public: public_params.as_deref().unwrap_or_default(),
            months,
        });
        let prices = PriceTable::new(scenario, grids, parameters, payrolls, positions, months);
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Ok(Plan {
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
            base: prices.base,
            smic_top_up: prices.smic_top_up,
            delta: prices.delta,
            employer_rate: by_sector_and_month(scenario, parameters, Parameter::EmployerRate),
            month_params: month_params.unwrap_or_default(),
            public_params: public_params.unwrap_or_default(),
        })
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

    /// The number of cells of the price table (positions × months).
    pub(crate) fn cells(&self) -> usize {
        self.base.len()
    }

    /// The price-table cell of a position in month `month`.
    pub(crate) fn cell(&self, position: Position, month: usize) -> usize {
        (self.position_offset[position.convention][position.job] + position.step) * self.months
            + month
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

/// The price table: B and each measure's ΔG per position and month, rounded
/// to the cent once, both floored at the SMIC (rules 33 and 34).
struct PriceTable {
    /// `[position × months + month]`: B, if the point value is known.
    base: Vec<Option<Money>>,
    /// `[position × months + month]`: the indemnité différentielle in B.
    smic_top_up: Vec<Money>,
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

impl PriceTable {
    /// Prices each of `positions` in each of `months` of the horizon, in
    /// positions' order (convention, job, step); `month_params` is the
    /// detailed model's table ([`month_params_table`]), `None` under the
    /// flat model.
    fn new(
        scenario: &Scenario,
        grids: &Grids,
        parameters: &Parameters,
        payrolls: Option<Payrolls<'_>>,
        positions: usize,
        months: usize,
    ) -> PriceTable {
        let n_measures = scenario.measures.len();
        let mut table = PriceTable {
            base: vec![None; positions * months],
            smic_top_up: vec![Money::ZERO; positions * months],
            delta: vec![None; positions * months * n_measures],
        };
        // The full-time SMIC, rounded to the cent (rule 33).
        let smic: Vec<Option<Money>> =
            by_sector_and_month(scenario, parameters, Parameter::SmicMonthly)
                .into_iter()
                .map(|s| s.map(Money::round))
                .collect();
        // Steps in positions' order, each with its job and version.
        let steps = grids.conventions.iter().enumerate().flat_map(|(c, conv)| {
            let jobs = &grids.grid_of(c).jobs;
            jobs.iter().flat_map(move |job| {
                job.steps
                    .iter()
                    .enumerate()
                    .map(move |(i, s)| (conv, job, job.version_of(i), s))
            })
        });
        for (p, (conv, job, version, step)) in steps.enumerate() {
            let with_complement = Decimal::ONE + step.complement_pct / Decimal::ONE_HUNDRED;
            for (mi, month) in
                YearMonth::range(scenario.first_month(), scenario.last_month()).enumerate()
            {
                // A step is priced only while its version of the grid is in
                // force (rule 35), and while the point has a value.
                if job.version_on(month.first_day()) != Some(version) {
                    continue;
                }
                let Some(point) = conv.point_values.at_month(month).copied() else {
                    continue;
                };
                let index = p * months + mi;
                let mut cell = Cell {
                    step,
                    month,
                    sector: conv.sector,
                    point,
                    divisor: conv.point_divisor(),
                    floor: Floor::of(conv, parameters, month),
                    with_complement,
                    complement_in_smic: conv.complement_in_smic,
                    smic: None,
                    base: Money::ZERO,
                    payroll: payrolls.and_then(|t| t.of(conv.sector, mi).ok()),
                };
                let paid = cell.floor.paid(step.coefficient);
                let grid_pay = Money::round(cell.per_month(paid * point * with_complement));
                cell.smic = smic[sector_index(conv.sector) * months + mi].map(|smic| {
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
                table.base[index] = Some(cell.base);
                table.smic_top_up[index] = top_up;
                for (k, m) in scenario.measures.iter().enumerate() {
                    table.delta[index * n_measures + k] =
                        floored_delta(m, payrolls.is_some(), &cell, parameters);
                }
            }
        }
        table
    }
}

/// ΔG of `measure` at `cell`, rounded, then floored at the SMIC
/// (docs/formats.md, rule 34): when the measure's amount enters the
/// comparison with the SMIC, ΔG = round(ΔG) + I_after − I_before, where the
/// indemnité différentielle I is max(0, SMIC − C) before and after the
/// counted part of the measure is added to C — that is max(C + ΔG, SMIC) −
/// max(C, SMIC) when the whole amount counts. `None` when ΔG cannot be
/// computed.
fn floored_delta(
    measure: &Measure,
    detailed: bool,
    cell: &Cell<'_>,
    parameters: &Parameters,
) -> Option<Money> {
    let (delta, without_complement) = full_time_delta(measure, detailed, cell, parameters)?;
    let delta_rounded = Money::round(delta);
    let Some(floor) = cell
        .smic
        .filter(|_| measure.smic_floor == SmicFloor::Absorbs)
    else {
        return Some(delta_rounded);
    };
    // A rise of the grid pay counts without the complement when the
    // complement does not count (a seniority premium).
    let counted = match without_complement {
        Some(points) if !cell.complement_in_smic => Money::round(points),
        _ => delta_rounded,
    };
    Some(delta_rounded + floor.top_up_after(counted) - floor.top_up)
}

/// ΔG, unrounded, of `measure` at `cell`, and for a measure that changes the
/// grid pay the same rise without the complement; `None` when ΔG cannot be
/// computed (no employee rate below 1; under the detailed model, a payroll
/// parameter missing).
fn full_time_delta(
    measure: &Measure,
    detailed: bool,
    cell: &Cell<'_>,
    parameters: &Parameters,
) -> Option<(Decimal, Option<Decimal>)> {
    let Cell {
        step,
        point,
        floor,
        with_complement,
        ..
    } = *cell;
    // A rise of the grid pay, in points × point: with and without the
    // complement, per month.
    let grid = |points: Decimal| {
        Some((
            cell.per_month(points * with_complement),
            Some(cell.per_month(points)),
        ))
    };
    match &measure.kind {
        // Detailed: the exact inverse of the real net at this base (floored
        // at the SMIC: the pay really paid), full time (docs/payroll.md).
        MeasureKind::NetMonthly(amount) if detailed => cell.payroll.map(|p| {
            (
                p.gross_for_net(cell.base, *amount, measure.bonus).amount(),
                None,
            )
        }),
        MeasureKind::NetMonthly(amount) => parameters
            .at_month(Parameter::EmployeeRate, cell.sector, cell.month)
            .filter(|r| *r < Decimal::ONE)
            .map(|r| (*amount / (Decimal::ONE - r), None)),
        MeasureKind::GrossMonthly(amount) => Some((*amount, None)),
        MeasureKind::Points(amount) | MeasureKind::IndexPoints(amount) => {
            Some((cell.per_month(*amount * point), None))
        }
        MeasureKind::PointValue(change) => {
            let new = match change {
                PointChange::NewValue(v) => *v,
                PointChange::Percent(pct) => point * (Decimal::ONE + *pct / Decimal::ONE_HUNDRED),
            };
            grid(floor.paid(step.coefficient) * (new - point))
        }
        MeasureKind::Coefficient(amount) => {
            // Under a floor, the points that lift the coefficient above it.
            let raised = match floor.0 {
                Some(_) => floor.paid(step.coefficient + *amount) - floor.paid(step.coefficient),
                None => *amount,
            };
            grid(raised * point)
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
