//! Salary grids: conventions, their jobs and seniority steps, and the value
//! of the point. Several conventions may share one grid file (e.g. `ccn66`
//! and `ccn66-nexem`, whose point values differ since July 2022). A job's
//! grid may change over time: each dated version replaces the whole list
//! of its steps (docs/formats.md, rule 27).

use super::params::Schedule;
use super::{Date, Sector};
use rust_decimal::Decimal;
use std::collections::HashMap;

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
    /// Steps of every version, version after version, each version's in
    /// echelon order.
    pub steps: Vec<Step>,
    /// The versions of the job's grid, in date order: at least one.
    pub versions: Vec<Version>,
}

/// One version of a job's grid: its steps, in force from a date until the
/// next version's (docs/formats.md, rule 27).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Version {
    /// First day in force; `None` for a grid without dates, in force
    /// before any dated version.
    pub effective: Option<Date>,
    /// Index of its first step in [`Job::steps`].
    pub first_step: usize,
    /// Number of its steps.
    pub steps: usize,
}

impl Job {
    /// A job whose grid has one version, in force at all times.
    pub fn new(code: String, label: String, filiere: String, steps: Vec<Step>) -> Job {
        let versions = vec![Version {
            effective: None,
            first_step: 0,
            steps: steps.len(),
        }];
        Job {
            code,
            label,
            filiere,
            steps,
            versions,
        }
    }

    /// A job from its versions, each an effective date and its steps in
    /// echelon order; versions are sorted by date (undated first).
    pub fn dated(
        code: String,
        label: String,
        filiere: String,
        mut versions: Vec<(Option<Date>, Vec<Step>)>,
    ) -> Job {
        versions.sort_by_key(|(effective, _)| *effective);
        let mut job = Job {
            code,
            label,
            filiere,
            steps: Vec::new(),
            versions: Vec::new(),
        };
        for (effective, steps) in versions {
            job.versions.push(Version {
                effective,
                first_step: job.steps.len(),
                steps: steps.len(),
            });
            job.steps.extend(steps);
        }
        job
    }

    /// The version in force on `day`: the last one whose date is not
    /// after it; `None` before the first dated version.
    pub fn version_on(&self, day: Date) -> Option<usize> {
        self.versions
            .iter()
            .rposition(|v| v.effective.is_none_or(|d| d <= day))
    }

    /// The index in [`Job::steps`] of the step that applies after `months`
    /// of seniority in `version`: its highest echelon whose
    /// `seniority_months` ≤ months; its first step when `months` is
    /// negative.
    pub fn step_in(&self, version: usize, months: i32) -> usize {
        let months = months.max(0) as u32;
        let v = self.versions[version];
        let steps = &self.steps[v.first_step..v.first_step + v.steps];
        let mut best = 0;
        for (i, step) in steps.iter().enumerate() {
            if step.seniority_months <= months && step.echelon >= steps[best].echelon {
                best = i;
            }
        }
        v.first_step + best
    }

    /// The step that applies after `months` of seniority on `day`, in the
    /// version in force then (the first version before any is: its steps
    /// then have no price, and the month is reported as missing a grid).
    pub fn step_at(&self, months: i32, day: Date) -> usize {
        self.step_in(self.version_on(day).unwrap_or(0), months)
    }

    /// The version a step belongs to.
    pub fn version_of(&self, step: usize) -> usize {
        self.versions
            .iter()
            .rposition(|v| v.first_step <= step)
            .unwrap_or(0)
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
    /// Value of the point by effective date; for a public convention, the
    /// annual traitement of indice majoré 100 (docs/formats.md, rule 28).
    pub point_values: Schedule<Decimal>,
}

impl Convention {
    /// What the value of the point is divided by to give the monthly value
    /// of one point: 1, or 1 200 for a public convention, whose point
    /// values are the annual traitement of indice majoré 100
    /// (docs/formats.md, rule 28).
    pub fn point_divisor(&self) -> Decimal {
        if self.sector == Sector::Public {
            Decimal::from(1200)
        } else {
            Decimal::ONE
        }
    }
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
        let job = Job::new(
            "ES".into(),
            String::new(),
            "socio-educatif".into(),
            vec![step(1, 0), step(2, 12), step(3, 36)],
        );
        let day: Date = "2024-01-01".parse().unwrap();
        assert_eq!(job.step_at(-5, day), 0);
        assert_eq!(job.step_at(11, day), 0);
        assert_eq!(job.step_at(12, day), 1);
        assert_eq!(job.step_at(400, day), 2);
    }

    #[test]
    fn a_dated_version_replaces_the_whole_grid_from_its_date() {
        // Two steps (0 and 24 months) until August 2022, then three (0, 12,
        // 24): 15 months of seniority is step 1 of the first version
        // (index 0), step 2 of the second (index 2 + 1 = 3).
        let day = |s: &str| s.parse::<Date>().unwrap();
        let job = Job::dated(
            "ME".into(),
            String::new(),
            "socio-educatif".into(),
            vec![
                (
                    Some(day("2022-09-01")),
                    vec![step(1, 0), step(2, 12), step(3, 24)],
                ),
                (Some(day("2022-01-01")), vec![step(1, 0), step(2, 24)]),
            ],
        );
        assert_eq!(job.versions[0].effective, Some(day("2022-01-01")));
        assert_eq!(job.version_on(day("2021-12-31")), None);
        assert_eq!(job.version_on(day("2022-08-31")), Some(0));
        assert_eq!(job.version_on(day("2022-09-01")), Some(1));
        assert_eq!(job.step_at(15, day("2022-08-01")), 0);
        assert_eq!(job.step_at(15, day("2022-09-01")), 3);
        assert_eq!(job.step_at(30, day("2022-09-01")), 4);
        // Before the first version: the first version's steps.
        assert_eq!(job.step_at(30, day("2021-01-01")), 1);
        assert_eq!(job.version_of(1), 0);
        assert_eq!(job.version_of(2), 1);
        assert_eq!(job.version_of(4), 1);
    }
}
