//! The engine's errors: a scenario that cannot be planned, or an employee's
//! month that lacks a value. Each points at the input to mend — the filter
//! in the scenario, the point values or the parameters lacking a value —
//! and names the first workforce row that needs it, so that the message
//! reads like a reader's and is the same whichever command meets it.

use super::plan::{Plan, Position, MAX_DELTA};
use crate::domain::params::Parameter;
use crate::domain::suggest::closest;
use crate::domain::workforce::Employee;
use crate::domain::{Location, Sector, YearMonth};

/// Why a scenario or an employee cannot be computed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// A measure's `eligible` filter names a convention, job or filière that
    /// no grid has: a typo, not an empty selection.
    #[error(
        "{location}: measure `{measure}`: no grid has the {what} `{value}` named in `eligible`{} (known: {})",
        closest(value, known.iter().map(String::as_str)).map_or(String::new(), |c| format!(": did you mean `{c}`?")),
        known.join(", ")
    )]
    UnknownFilter {
        /// The value in the scenario file.
        location: Location,
        /// The measure's id.
        measure: String,
        /// `convention`, `job` or `filière`.
        what: &'static str,
        /// The value no grid has.
        value: String,
        /// The values the grids have, sorted and distinct.
        known: Vec<String>,
    },
    /// A measure of kind `index_points` whose filters reach a grid that is
    /// not public: points of indice majoré exist only in public grids.
    #[error(
        "{location}: measure `{measure}` of kind index_points can apply to convention `{convention}` of sector {sector}, but points of indice majoré exist only in public grids (add sector = [\"public\"] to its `eligible`)"
    )]
    IndexPointsOutsidePublic {
        /// The scenario file.
        location: Location,
        /// The measure's id.
        measure: String,
        /// The first convention of another sector it reaches.
        convention: String,
        /// That convention's sector.
        sector: Sector,
    },
    /// An employee's month needs a value that no input has in force (a
    /// value of the point, a rate, a payroll parameter), or one that gives
    /// a ΔG out of range (docs/formats.md, rule 44).
    #[error("{location}: {message}; first needed by {needed_by}")]
    Missing {
        /// The input to mend: the point values, the parameters folder, the
        /// measure.
        location: Location,
        /// What is missing and how to add it. The same for every row that
        /// needs it, so that `validate` reports it once.
        message: String,
        /// The first workforce row (in file order) that needs it.
        needed_by: Location,
    },
}

impl EngineError {
    /// Where the input to mend is.
    pub fn location(&self) -> &Location {
        match self {
            EngineError::UnknownFilter { location, .. }
            | EngineError::IndexPointsOutsidePublic { location, .. }
            | EngineError::Missing { location, .. } => location,
        }
    }
}

/// The row of `e` in the workforce of `plan`.
fn row(plan: &Plan<'_>, e: &Employee) -> Location {
    Location::line(&plan.scenario.workforce, e.line)
}

/// The months of the horizon for which `lacks` holds: the first, and a
/// description, "in 2024-01 to 2024-04 (4 months of the horizon
/// 2024–2026)"; `None` when there is none.
fn months_lacking(
    plan: &Plan<'_>,
    lacks: impl Fn(YearMonth) -> bool,
) -> Option<(YearMonth, String)> {
    let scenario = plan.scenario;
    let months: Vec<YearMonth> = YearMonth::range(scenario.first_month(), scenario.last_month())
        .filter(|m| lacks(*m))
        .collect();
    let (first, last) = (*months.first()?, *months.last()?);
    let span = if first == last {
        first.to_string()
    } else {
        format!("{first} to {last}")
    };
    let count = if months.len() == 1 {
        "1 month".to_string()
    } else {
        format!("{} months", months.len())
    };
    Some((
        first,
        format!(
            "in {span} ({count} of the horizon {}–{})",
            scenario.first_year, scenario.last_year
        ),
    ))
}

/// `e` needs a value of the point of its convention that
/// `e`'s job has no version of its grid in force on `day`: the grid file
/// needs an earlier one (docs/formats.md, rule 35).
pub(crate) fn missing_grid_version(
    plan: &Plan<'_>,
    e: &Employee,
    grid: &str,
    job: &str,
    day: crate::domain::Date,
    first: &str,
) -> EngineError {
    EngineError::Missing {
        location: Location::file(plan.scenario.grids.join(&format!("{grid}.csv"))),
        message: format!(
            "no grid of job `{job}` in force on {day} (its first version is effective {first}; add an earlier one to {grid}.csv)"
        ),
        needed_by: row(plan, e),
    }
}

/// `point_values.csv` lacks.
pub(crate) fn missing_point_value(plan: &Plan<'_>, e: &Employee, month: YearMonth) -> EngineError {
    let convention = &plan.grids.conventions[e.convention];
    let lacking = months_lacking(plan, |m| convention.point_values.at_month(m).is_none());
    let (first, months) = lacking.unwrap_or((month, format!("on {}", month.first_day())));
    EngineError::Missing {
        location: Location::file(plan.scenario.grids.join("point_values.csv")),
        message: format!(
            "no value of the point of convention `{}` in force {months}: add a row `{},{},<value>`",
            convention.id,
            convention.id,
            first.first_day()
        ),
        needed_by: row(plan, e),
    }
}

/// `e` needs payroll parameter `p` of `sector` in `month`, which the
/// parameters lack (or hold unusable, when built by a library user).
pub(crate) fn missing_parameter(
    plan: &Plan<'_>,
    e: &Employee,
    p: Parameter,
    sector: Sector,
    month: YearMonth,
) -> EngineError {
    let see = if plan.detailed() && !matches!(p, Parameter::EmployeeRate | Parameter::EmployerRate)
    {
        " (docs/payroll.md)"
    } else {
        ""
    };
    let message = match months_lacking(plan, |m| plan.parameters.at_month(p, sector, m).is_none())
    {
        Some((first, months)) => format!(
            "no `{p}` for sector {sector} in force {months}: add a row `{p},{sector},{},<value>`{see}",
            first.first_day()
        ),
        None => format!(
            "`{p}` for sector {sector} in force on {} cannot be used{see}",
            month.first_day()
        ),
    };
    EngineError::Missing {
        location: Location::file(&plan.scenario.parameters),
        message,
        needed_by: row(plan, e),
    }
}

/// Measure `k`'s ΔG for `e` at `position` in `month` is beyond
/// [`MAX_DELTA`] (docs/formats.md, rule 44).
pub(crate) fn delta_too_large(
    plan: &Plan<'_>,
    e: &Employee,
    k: usize,
    position: Position,
    month: YearMonth,
) -> EngineError {
    let convention = &plan.grids.conventions[position.convention];
    let job = plan.grids.job(position.convention, position.job);
    EngineError::Missing {
        location: plan.scenario.measure_place(k),
        message: format!(
            "measure `{}`: its ΔG is beyond {MAX_DELTA} € a month for convention `{}`, job `{}`, echelon {} in {month} (docs/formats.md, rule 44): check its amount and the employee rates of sector {}",
            plan.scenario.measures[k].id,
            convention.id,
            job.code,
            job.steps[position.step].echelon,
            convention.sector
        ),
        needed_by: row(plan, e),
    }
}

/// Measure `k`, funded by funder, reaches `e`, whose funder has no entry in
/// the measure's `funding_by_funder`, which has no `default`
/// (docs/formats.md, rule 51).
pub(crate) fn unfunded(plan: &Plan<'_>, e: &Employee, k: usize) -> EngineError {
    let id = &plan.scenario.measures[k].id;
    let table = format!("`measure.{id}.funding_by_funder`");
    let message = match e.funder {
        Some(f) => format!("measure `{id}` is funded by funder: {table} has no entry for funder `{f}` and no `default` (add one of them)"),
        None => format!("measure `{id}` is funded by funder: a row without funder needs a `default` in {table} (add it, or the row's funder)"),
    };
    EngineError::Missing {
        location: plan.scenario.measure_place(k),
        message,
        needed_by: row(plan, e),
    }
}
