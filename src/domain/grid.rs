//! Salary grids: conventions, their jobs and seniority steps, and the value
//! of the point. Several conventions may share one grid file (e.g. `ccn66`
//! and `ccn66-nexem`, whose point values differ since July 2022).

use super::params::Schedule;
use super::Sector;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The ranges of a grid's numbers (docs/formats.md, rule 30): wide enough
/// for any real grid, narrow enough that no product of the arithmetic can
/// overflow (the proof is in `engine::plan`).
pub struct GridRanges;

impl GridRanges {
    /// Largest step number.
    pub const MAX_ECHELON: u32 = 1_000;
    /// Largest `seniority_months` of a step: 100 years.
    pub const MAX_SENIORITY_MONTHS: u32 = 1_200;
    /// Largest coefficient, in points.
    pub const MAX_COEFFICIENT: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);
    /// Largest `complement_pct`.
    pub const MAX_COMPLEMENT_PCT: Decimal = Decimal::ONE_HUNDRED;
    /// Largest value of the point, in euros.
    pub const MAX_POINT_VALUE: Decimal = Decimal::ONE_THOUSAND;
}

/// One step (échelon) of a job.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Step number, 1, 2, …
    pub echelon: u32,
    /// Seniority (months) from which the step applies.
    pub seniority_months: u32,
    /// Points of the step.
    pub coefficient: Decimal,
    /// Percentage of the base added as a fixed complement.
    pub complement_pct: Decimal,
}

/// A job of a grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    /// Job code, unique within the grid.
    pub code: String,
    /// Readable job title.
    pub label: String,
    /// Filière of the job (the same on every step).
    pub filiere: String,
    /// Steps, in echelon order.
    pub steps: Vec<Step>,
}

impl Job {
    /// The index of the step that applies after `months` of seniority: the
    /// highest echelon whose `seniority_months` ≤ months; the first step when
    /// `months` is negative.
    pub fn step_at(&self, months: i32) -> usize {
        let months = months.max(0) as u32;
        let mut best = 0;
        for (i, step) in self.steps.iter().enumerate() {
            if step.seniority_months <= months && step.echelon >= self.steps[best].echelon {
                best = i;
            }
        }
        best
    }
}

/// A grid file: jobs and their steps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    /// The grid's name (its file stem).
    pub name: String,
    /// Jobs, in file order.
    pub jobs: Vec<Job>,
}

impl Grid {
    /// The index of a job by code.
    pub fn job_index(&self, code: &str) -> Option<usize> {
        self.jobs.iter().position(|j| j.code == code)
    }
}

/// A convention: a grid, a sector and its own point values.
#[derive(Clone, Debug)]
pub struct Convention {
    /// Identifier used in the workforce and in filters (`ccn66-nexem`).
    pub id: String,
    /// Readable name.
    pub label: String,
    /// IDCC number, as written.
    pub idcc: String,
    /// Sector, which selects payroll parameters.
    pub sector: Sector,
    /// Index of its grid in [`Grids::grids`].
    pub grid: usize,
    /// Value of the point by effective date.
    pub point_values: Schedule<Decimal>,
}

/// Every convention and grid of a grids folder.
#[derive(Clone, Debug, Default)]
pub struct Grids {
    /// Conventions, in `conventions.csv` order.
    pub conventions: Vec<Convention>,
    /// Grid files.
    pub grids: Vec<Grid>,
    by_id: HashMap<String, usize>,
}

impl Grids {
    /// Builds the lookup tables.
    pub fn new(conventions: Vec<Convention>, grids: Vec<Grid>) -> Grids {
        let by_id = conventions
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Grids {
            conventions,
            grids,
            by_id,
        }
    }

    /// The index of a convention by id.
    pub fn convention_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The grid of a convention.
    pub fn grid_of(&self, convention: usize) -> &Grid {
        &self.grids[self.conventions[convention].grid]
    }

    /// A job of a convention.
    pub fn job(&self, convention: usize, job: usize) -> &Job {
        &self.grid_of(convention).jobs[job]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(echelon: u32, seniority_months: u32) -> Step {
        Step {
            echelon,
            seniority_months,
            coefficient: Decimal::from(400 + echelon),
            complement_pct: Decimal::ZERO,
        }
    }

    #[test]
    fn step_is_the_highest_echelon_reached() {
        let job = Job {
            code: "ES".into(),
            label: String::new(),
            filiere: "socio-educatif".into(),
            steps: vec![step(1, 0), step(2, 12), step(3, 36)],
        };
        assert_eq!(job.step_at(-5), 0);
        assert_eq!(job.step_at(11), 0);
        assert_eq!(job.step_at(12), 1);
        assert_eq!(job.step_at(400), 2);
    }
}
