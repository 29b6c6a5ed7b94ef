//! `revalo validate`: reads every input of a scenario and reports every
//! problem found, each with file, line and column — every parse error of
//! the scenario and every bad row of the grids, parameters and workforce —
//! and checks beyond parsing: duplicate ids, a FINESS number
//! whose prefix disagrees with the département (a warning, docs/formats.md,
//! rule 6), a seniority date after the end date, a point value missing for a
//! month of the horizon, a measure whose filters match nobody (a warning).

use super::common::{scenario_path, write_output, OverrideArgs};
use super::Outcome;
use crate::domain::grid::Grids;
use crate::domain::scenario::Scenario;
use crate::domain::workforce::Employee;
use crate::domain::GroupBy;
use crate::domain::Location;
use crate::domain::YearMonth;
use crate::engine::{self, EngineError, Plan};
use crate::input::csvfile::{Column, CsvFile};
use crate::input::error::plural;
use crate::input::grids::read_grids_lenient;
use crate::input::parameters::read_parameters_lenient;
use crate::input::scenario::{measure_locations, read_scenario_lenient};
use crate::input::workforce::WorkforceReader;
use crate::input::InputError;
use anyhow::{bail, Result};
use clap::Args;
use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

/// Arguments of `revalo validate`.
#[derive(Debug, Args)]
#[command(
    after_help = "Prints one line per problem, `path:line:column: error|warning: \
message`, then a summary. Exit codes: 0 no error (warnings allowed), 2 errors found.\n\n\
Examples:\n  \
revalo validate                                    # the shipped scenario and data\n  \
revalo validate my.toml"
)]
pub struct ValidateArgs {
    /// Scenario file (TOML) [default: data/scenarios/conference-2022.toml].
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<PathBuf>,

    /// Scenario overrides, validated as the other commands would apply them.
    #[command(flatten)]
    pub overrides: OverrideArgs,
}

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Severity {
    /// The inputs cannot be computed as they are.
    Error,
    /// Suspicious but computable.
    Warning,
}

/// One problem found.
#[derive(Debug)]
struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Where.
    pub location: Location,
    /// What, and what was expected.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {severity}: {}", self.location, self.message)
    }
}

impl Problem {
    /// An error of a reader or of the engine, whose text begins with its
    /// location.
    fn error(location: &Location, text: String) -> Problem {
        let prefix = format!("{location}: ");
        let message = text.strip_prefix(&prefix).unwrap_or(&text).to_string();
        Problem {
            severity: Severity::Error,
            location: location.clone(),
            message,
        }
    }
}

impl From<InputError> for Problem {
    fn from(e: InputError) -> Problem {
        Problem::error(e.location(), e.to_string())
    }
}

impl From<EngineError> for Problem {
    fn from(e: EngineError) -> Problem {
        Problem::error(e.location(), e.to_string())
    }
}

/// Every problem of the inputs of a scenario.
#[derive(Debug, Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn error(&mut self, e: impl Into<Problem>) {
        self.0.push(e.into());
    }

    fn push(&mut self, severity: Severity, location: Location, message: String) {
        self.0.push(Problem {
            severity,
            location,
            message,
        });
    }

    /// How many errors.
    fn errors(&self) -> usize {
        self.0
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    /// How many warnings.
    fn warnings(&self) -> usize {
        self.0.len() - self.errors()
    }
}

/// Checks the scenario at `path` and its inputs.
fn validate(args: &ValidateArgs) -> Problems {
    let mut problems = Problems::default();
    let path = scenario_path(args.scenario.as_deref());
    // A scenario with bad measures is checked further without them.
    let (scenario, errors) = read_scenario_lenient(&path, &args.overrides.set);
    for e in errors {
        problems.error(e);
    }
    let Some(scenario) = scenario else {
        return problems;
    };
    let mut grid_errors = Vec::new();
    let grids = read_grids_lenient(&scenario.grids, &mut grid_errors);
    for e in grid_errors {
        problems.error(e);
    }
    let mut parameter_errors = Vec::new();
    let parameters = read_parameters_lenient(&scenario.parameters, &mut parameter_errors)
        .filter(|_| parameter_errors.is_empty());
    for e in parameter_errors {
        problems.error(e);
    }
    let Some(grids) = grids else {
        return problems;
    };
    let plan = parameters.as_ref().and_then(|p| {
        Plan::new(&scenario, &grids, p, vec![GroupBy::Measure])
            .map_err(|e| problems.error(e))
            .ok()
    });
    workforce(&scenario, &grids, plan.as_ref(), &mut problems);
    problems
}

/// Reads every workforce row, reporting each bad one, and the checks that
/// need the rows.
fn workforce(scenario: &Scenario, grids: &Grids, plan: Option<&Plan<'_>>, problems: &mut Problems) {
    let mut reader = match WorkforceReader::open(&scenario.workforce, grids) {
        Ok(r) => r,
        Err(e) => return problems.error(e),
    };
    let mut ids: HashMap<String, u64> = HashMap::new();
    let mut used = vec![false; grids.conventions.len()];
    // Per grid file, per job: whether a row holds it.
    let mut used_jobs: Vec<Vec<bool>> = grids
        .grids
        .iter()
        .map(|g| vec![false; g.jobs.len()])
        .collect();
    let mut applied = vec![false; scenario.measures.len()];
    let mut scratch = engine::Scratch::default();
    while let Some(row) = reader.next_lenient() {
        let e = match row {
            Ok(e) => e,
            Err(e) => {
                problems.error(e);
                continue;
            }
        };
        check_row(&reader, &e, &mut ids, problems);
        used[e.convention] = true;
        used_jobs[grids.conventions[e.convention].grid][e.job] = true;
        if let Some(plan) = plan {
            // Errors of the computation (a missing point value) are reported
            // once per convention below.
            let _ = engine::for_each_month(plan, &e, &mut scratch, |m| {
                for mm in m.measures {
                    applied[mm.measure] = true;
                }
            });
        }
    }
    point_values(scenario, grids, &used, problems);
    grid_versions(scenario, grids, &used_jobs, problems);
    if plan.is_some() {
        measures_applied(scenario, &applied, problems);
    }
}

/// The checks of one row beyond its values: an id seen before (`ids`: the
/// line of each id), a seniority date after the end date, a FINESS number
/// whose prefix is another département's (a warning).
fn check_row(
    reader: &WorkforceReader<'_>,
    e: &Employee,
    ids: &mut HashMap<String, u64>,
    problems: &mut Problems,
) {
    if let Some(first) = ids.get(&e.id) {
        problems.push(
            Severity::Error,
            reader.location(e.line, "id"),
            format!("duplicate id `{}` (first on line {first})", e.id),
        );
    } else {
        ids.insert(e.id.clone(), e.line);
    }
    if let Some(end) = e.end_date {
        if e.seniority_date > end {
            problems.push(
                Severity::Error,
                reader.location(e.line, "seniority_date"),
                format!(
                    "seniority date {} is after the end date {end}",
                    e.seniority_date
                ),
            );
        }
    }
    if let Some(finess) = &e.establishment {
        let prefix = e.departement.finess_prefix();
        if !finess.to_ascii_uppercase().starts_with(prefix) {
            problems.push(
                Severity::Warning,
                reader.location(e.line, "establishment"),
                format!(
                    "FINESS `{finess}` does not begin with `{prefix}`, the prefix of département {} ({})",
                    e.departement.code(),
                    e.departement.name()
                ),
            );
        }
    }
}

/// A warning, at its `id` in the scenario file, for each measure that no
/// row's month was `applied` to.
fn measures_applied(scenario: &Scenario, applied: &[bool], problems: &mut Problems) {
    let places = measure_locations(&scenario.path);
    for (k, m) in scenario.measures.iter().enumerate() {
        if applied[k] {
            continue;
        }
        let location = places
            .iter()
            .find(|(id, _)| *id == m.id)
            .map_or_else(|| Location::file(&scenario.path), |(_, l)| l.clone());
        problems.push(
            Severity::Warning,
            location,
            format!(
                "measure `{}` applies to nobody: no employee matches its filters while present between {} and {}",
                m.id,
                m.from,
                m.until.map_or_else(|| scenario.last_month().to_string(), |u| u.to_string())
            ),
        );
    }
}

/// A point value must be in force on the first day of every month of the
/// horizon, for every convention the workforce uses.
/// The problem is located at the convention's row of `conventions.csv`.
fn point_values(scenario: &Scenario, grids: &Grids, used: &[bool], problems: &mut Problems) {
    const COLUMNS: &[Column] = &[Column::required("convention", &["ccn"])];
    let file = scenario.grids.join("conventions.csv");
    let mut rows: HashMap<String, Location> = HashMap::new();
    if let Ok(mut csv) = CsvFile::open(&file, COLUMNS) {
        while let Ok(Some(row)) = csv.next_row() {
            rows.entry(row.text("convention").into_owned())
                .or_insert_with(|| row.location("convention"));
        }
    }
    for (c, convention) in grids.conventions.iter().enumerate() {
        if !used[c] {
            continue;
        }
        let missing: Vec<YearMonth> =
            YearMonth::range(scenario.first_month(), scenario.last_month())
                .filter(|m| convention.point_values.at_month(*m).is_none())
                .collect();
        if let Some(first) = missing.first() {
            let months = months_text(&missing);
            problems.push(
                Severity::Error,
                rows.get(&convention.id)
                    .cloned()
                    .unwrap_or_else(|| Location::file(&file)),
                format!(
                    "no value of the point of convention `{}` in force in {months} ({} of the horizon {}–{}); add a row `{},{},<value>` to point_values.csv",
                    convention.id,
                    plural(missing.len(), "month"),
                    scenario.first_year,
                    scenario.last_year,
                    convention.id,
                    first.first_day()
                ),
            );
        }
    }
}

/// `2021-01`, or `2021-01 to 2021-12`: the first and last of `months`.
fn months_text(months: &[YearMonth]) -> String {
    match (months.first(), months.last()) {
        (Some(first), Some(last)) if first != last => format!("{first} to {last}"),
        (Some(first), _) => first.to_string(),
        _ => String::new(),
    }
}

/// A version of a job's grid must be in force on the first day of every
/// month of the horizon, for every job the workforce uses (`used`, per grid
/// file and job; docs/formats.md, rule 27). The problem is located at the
/// grid file.
fn grid_versions(scenario: &Scenario, grids: &Grids, used: &[Vec<bool>], problems: &mut Problems) {
    for (g, grid) in grids.grids.iter().enumerate() {
        for (j, job) in grid.jobs.iter().enumerate() {
            if !used[g][j] {
                continue;
            }
            let missing: Vec<YearMonth> =
                YearMonth::range(scenario.first_month(), scenario.last_month())
                    .filter(|m| job.version_on(m.first_day()).is_none())
                    .collect();
            let Some(first) = job.versions[0].effective.filter(|_| !missing.is_empty()) else {
                continue;
            };
            problems.push(
                Severity::Error,
                Location::file(&scenario.grids.join(format!("{}.csv", grid.name))),
                format!(
                    "no grid of job `{}` in force in {} ({} of the horizon {}–{}); its first version is effective {first}",
                    job.code,
                    months_text(&missing),
                    plural(missing.len(), "month"),
                    scenario.first_year,
                    scenario.last_year,
                ),
            );
        }
    }
}

/// Runs `revalo validate`.
pub fn run(args: &ValidateArgs) -> Result<Outcome> {
    let problems = validate(args);
    let (errors, warnings) = (problems.errors(), problems.warnings());
    write_output(None, |out| {
        for p in &problems.0 {
            writeln!(out, "{p}")?;
        }
        writeln!(
            out,
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    })?;
    if errors > 0 {
        bail!(
            "validation found {} (and {})",
            plural(errors, "error"),
            plural(warnings, "warning")
        );
    }
    Ok(Outcome::Success)
}
