//! Dated values: a [`Schedule`] of values each in force from an effective
//! date, and the payroll [`Parameters`] of the flat model, per sector.

use super::{Date, Sector, YearMonth};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Values in force from their effective dates.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schedule<T> {
    entries: Vec<(Date, T)>,
}

impl<T> Schedule<T> {
    /// Adds a value; returns it back if a value already has that date
    /// (DESIGN.md, precise rule 21).
    pub fn insert(&mut self, effective: Date, value: T) -> Result<(), T> {
        match self.entries.binary_search_by(|(d, _)| d.cmp(&effective)) {
            Ok(_) => Err(value),
            Err(i) => {
                self.entries.insert(i, (effective, value));
                Ok(())
            }
        }
    }

    /// The value in force on the first day of `month` (precise rule 6: an
    /// effective date on the 15th counts from the next month).
    pub fn at_month(&self, month: YearMonth) -> Option<&T> {
        self.on(month.first_day())
    }

    /// The value in force on `day`.
    pub fn on(&self, day: Date) -> Option<&T> {
        let i = self.entries.partition_point(|(d, _)| *d <= day);
        i.checked_sub(1).map(|i| &self.entries[i].1)
    }

    /// The dated entries, in date order.
    pub fn entries(&self) -> &[(Date, T)] {
        &self.entries
    }

    /// Whether there is no value at all.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A payroll parameter of the flat model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Parameter {
    /// Share of gross withheld from the employee, turning a net amount into gross.
    EmployeeRate,
    /// Employer contributions per euro of gross.
    EmployerRate,
}

/// The error of parsing a parameter name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected a parameter name: employee_rate or employer_rate")]
pub struct ParameterError;

impl Parameter {
    /// Every parameter.
    pub const ALL: [Parameter; 2] = [Parameter::EmployeeRate, Parameter::EmployerRate];

    /// The name written in files.
    pub fn name(self) -> &'static str {
        match self {
            Parameter::EmployeeRate => "employee_rate",
            Parameter::EmployerRate => "employer_rate",
        }
    }
}

impl FromStr for Parameter {
    type Err = ParameterError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Parameter::ALL
            .into_iter()
            .find(|p| p.name() == s.trim())
            .ok_or(ParameterError)
    }
}

impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The dated payroll parameters, per parameter and sector.
#[derive(Clone, Debug, Default)]
pub struct Parameters {
    schedules: BTreeMap<(Parameter, Sector), Schedule<Decimal>>,
}

impl Parameters {
    /// The schedule of one parameter in one sector (created empty on demand).
    pub fn schedule_mut(&mut self, parameter: Parameter, sector: Sector) -> &mut Schedule<Decimal> {
        self.schedules.entry((parameter, sector)).or_default()
    }

    /// The value of `parameter` for `sector` in force in `month`.
    pub fn at_month(
        &self,
        parameter: Parameter,
        sector: Sector,
        month: YearMonth,
    ) -> Option<Decimal> {
        self.schedules
            .get(&(parameter, sector))
            .and_then(|s| s.at_month(month))
            .copied()
    }

    /// Every schedule, by parameter then sector.
    pub fn iter(&self) -> impl Iterator<Item = (Parameter, Sector, &Schedule<Decimal>)> {
        self.schedules.iter().map(|((p, s), v)| (*p, *s, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_applies_from_the_first_month_it_is_in_force_on_the_first() {
        let mut s = Schedule::default();
        s.insert("2024-01-01".parse().unwrap(), 1).unwrap();
        s.insert("2024-07-15".parse().unwrap(), 2).unwrap();
        assert_eq!(s.insert("2024-01-01".parse().unwrap(), 3), Err(3));
        assert_eq!(s.at_month(YearMonth::new(2023, 12)), None);
        assert_eq!(s.at_month(YearMonth::new(2024, 7)), Some(&1));
        assert_eq!(s.at_month(YearMonth::new(2024, 8)), Some(&2));
    }
}
