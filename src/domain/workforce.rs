//! One row of the workforce: an employee, or a group of identical employees
//! with a weight, already resolved against the grids.

use super::scenario::EmployerSize;
use super::{Date, Departement, Funder};
use rust_decimal::Decimal;

/// The largest weight of a row (docs/formats.md, rule 43): a million
/// identical employees, more than the whole sector.
pub const MAX_WEIGHT: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// An employee (or a weighted group of identical employees).
#[derive(Clone, Debug, PartialEq)]
pub struct Employee {
    /// Line of the row in its file, for messages.
    pub line: u64,
    /// Unique identifier of the row.
    pub id: String,
    /// Département of the workplace.
    pub departement: Departement,
    /// Index of the convention in `Grids::conventions`.
    pub convention: usize,
    /// Index of the job in the convention's grid.
    pub job: usize,
    /// Working time, 0 < fte ≤ 1.
    pub fte: Decimal,
    /// Date from which grid seniority counts.
    pub seniority_date: Date,
    /// First day in service, if within or after the horizon.
    pub start_date: Option<Date>,
    /// Last day in service, if any.
    pub end_date: Option<Date>,
    /// Funder of the post, if given.
    pub funder: Option<Funder>,
    /// FINESS number of the establishment, if given.
    pub establishment: Option<String>,
    /// How many identical employees the row stands for.
    pub weight: Decimal,
    /// Detailed model: the employer's size class, if the row overrides the
    /// scenario's `[employer]`.
    pub employer_size: Option<EmployerSize>,
    /// Detailed model: the AT/MP rate, if the row overrides the scenario's.
    pub at_mp_rate: Option<Decimal>,
    /// Detailed model: whether the employer pays the taxe sur les salaires,
    /// if the row overrides the scenario's.
    pub taxe_salaires: Option<bool>,
}
