//! Salary grids: conventions, their jobs and seniority steps, and the value
//! of the point. Several conventions may share one grid file (e.g. `ccn66`
//! and `ccn66-nexem`, whose point values differ since July 2022). A job's
//! grid may change over time: each dated version replaces the whole list
//! of its steps (docs/formats.md, rule 35).

use super::fold::fold;
use super::params::Schedule;
use super::{Date, Location, Sector};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The ranges of a grid's numbers (docs/formats.md, rule 43): wide enough
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
    /// Largest value of the point, in euros: a private grid's point is a
    /// few euros, a public grid's value is the annual traitement of indice
    /// majoré 100 (5 907.34 € in 2024: docs/formats.md, rule 36).
    pub const MAX_POINT_VALUE: Decimal = Decimal::from_parts(100_000, 0, 0, false, 0);
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
    /// Steps of every version, version after version, each version's in
    /// echelon order.
    pub steps: Vec<Step>,
    /// The versions of the job's grid, in date order: at least one.
    pub versions: Vec<Version>,
}

/// One version of a job's grid: its steps, in force from a date until the
/// next version's (docs/formats.md, rule 35).
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

    /// The job that `text` names: its code as written, else the one job
    /// whose code, else whose label, folds like `text` (docs/formats.md,
    /// rule 29: `Éducateur spécialisé` finds the job labelled `Educateur
    /// specialise`).
    pub fn find_job(&self, text: &str) -> Result<usize, Lookup> {
        if let Some(i) = self.job_index(text) {
            return Ok(i);
        }
        let key = fold(text);
        one_of(&[
            self.matching(|j| fold(&j.code) == key),
            self.matching(|j| !j.label.is_empty() && fold(&j.label) == key),
        ])
        .map_err(|found| Lookup::of(found.iter().map(|i| self.jobs[*i].code.clone())))
    }

    fn matching(&self, matches: impl Fn(&Job) -> bool) -> Vec<usize> {
        (0..self.jobs.len())
            .filter(|i| matches(&self.jobs[*i]))
            .collect()
    }
}

/// Why a text does not name one convention or one job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// It names none.
    Unknown,
    /// It names several: their codes.
    Ambiguous(Vec<String>),
}

impl Lookup {
    /// `Unknown` when `found` is empty, else `Ambiguous`.
    fn of(found: impl Iterator<Item = String>) -> Lookup {
        let found: Vec<String> = found.collect();
        if found.is_empty() {
            Lookup::Unknown
        } else {
            Lookup::Ambiguous(found)
        }
    }
}

/// The first of `candidates` (lists of indices, tried in order) that is not
/// empty: its one index, or the list when it holds several (an error).
fn one_of(candidates: &[Vec<usize>]) -> Result<usize, Vec<usize>> {
    match candidates.iter().find(|c| !c.is_empty()) {
        Some(c) if c.len() == 1 => Ok(c[0]),
        Some(c) => Err(c.clone()),
        None => Err(Vec::new()),
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
    /// annual traitement of indice majoré 100 (docs/formats.md, rule 36).
    pub point_values: Schedule<Decimal>,
    /// Whether the grid's complement (`complement_pct`) counts in the
    /// comparison with the SMIC: yes for a sujétion indemnity paid for the
    /// work (CCN 66), no for a seniority premium (CCN 51) —
    /// docs/formats.md, rule 33.
    pub complement_in_smic: bool,
}

impl Convention {
    /// What the value of the point is divided by to give the monthly value
    /// of one point: 1, or 1 200 for a public convention, whose point
    /// values are the annual traitement of indice majoré 100
    /// (docs/formats.md, rule 36).
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
    /// Where each convention is defined, in the order of `conventions`:
    /// its row of `conventions.csv` (for messages; empty for grids built
    /// in code).
    pub places: Vec<Location>,
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
            places: Vec::new(),
            by_id,
        }
    }

    /// The index of a convention by id.
    pub fn convention_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The convention that `text` names: its id as written, else the one
    /// convention whose id folds like `text`, else whose IDCC number is
    /// `text` (leading zeros aside), else whose label folds like `text`
    /// (docs/formats.md, rule 29).
    pub fn find_convention(&self, text: &str) -> Result<usize, Lookup> {
        if let Some(i) = self.convention_index(text) {
            return Ok(i);
        }
        let key = fold(text);
        let idcc = |s: &str| s.trim().trim_start_matches('0').to_string();
        let digits = !text.trim().is_empty() && text.trim().bytes().all(|b| b.is_ascii_digit());
        let matching = |matches: &dyn Fn(&Convention) -> bool| -> Vec<usize> {
            (0..self.conventions.len())
                .filter(|i| matches(&self.conventions[*i]))
                .collect()
        };
        one_of(&[
            matching(&|c| fold(&c.id) == key),
            matching(&|c| digits && !c.idcc.trim().is_empty() && idcc(&c.idcc) == idcc(text)),
            matching(&|c| !c.label.is_empty() && fold(&c.label) == key),
        ])
        .map_err(|found| Lookup::of(found.iter().map(|i| self.conventions[*i].id.clone())))
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

#[cfg(test)]
mod lookup {
    use super::*;

    fn job(code: &str, label: &str) -> Job {
        Job::new(code.into(), label.into(), "soins".into(), Vec::new())
    }

    #[test]
    fn a_job_by_its_code_or_its_label() {
        let grid = Grid {
            name: "g".into(),
            jobs: vec![
                job("ES", "Educateur specialise"),
                job("AS", "Aide-soignant"),
                job("AS2", "Aide-soignant"),
                job("es-2", "Moniteur"),
            ],
        };
        assert_eq!(grid.find_job("ES"), Ok(0));
        assert_eq!(grid.find_job("Éducateur spécialisé"), Ok(0));
        assert_eq!(grid.find_job("as2"), Ok(2));
        assert_eq!(grid.find_job("ES 2"), Ok(3));
        assert_eq!(
            grid.find_job("aide soignant"),
            Err(Lookup::Ambiguous(vec!["AS".into(), "AS2".into()]))
        );
        assert_eq!(grid.find_job("Infirmier"), Err(Lookup::Unknown));
    }

    fn convention(id: &str, idcc: &str, label: &str) -> Convention {
        Convention {
            id: id.into(),
            label: label.into(),
            idcc: idcc.into(),
            sector: Sector::PriveNonLucratif,
            grid: 0,
            point_values: Schedule::default(),
            complement_in_smic: true,
        }
    }

    #[test]
    fn a_convention_by_its_id_idcc_or_label() {
        let grids = Grids::new(
            vec![
                convention("ccn66", "0413", "CCN du 15 mars 1966"),
                convention("ccn66-nexem", "0413", "CCN 66, accords Nexem"),
                convention("ccn51", "0029", "CCN du 31 octobre 1951"),
            ],
            vec![Grid::default()],
        );
        assert_eq!(grids.find_convention("ccn51"), Ok(2));
        assert_eq!(grids.find_convention("CCN-51"), Ok(2));
        assert_eq!(grids.find_convention("29"), Ok(2));
        assert_eq!(grids.find_convention("CCN du 31 octobre 1951"), Ok(2));
        assert_eq!(
            grids.find_convention("413"),
            Err(Lookup::Ambiguous(vec![
                "ccn66".into(),
                "ccn66-nexem".into()
            ]))
        );
        assert_eq!(grids.find_convention("ccn65"), Err(Lookup::Unknown));
    }
}
