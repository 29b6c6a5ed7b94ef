//! `revalo validate`: reads every input of a scenario and reports every
//! problem found, each with file, line and column. Its errors are those
//! of the readers and of the engine that every other command meets — the
//! same checks and the same messages (a command stops at the first,
//! `validate` lists them all): every parse error of the scenario, every bad
//! row of the grids, parameters and workforce (every problem of a row),
//! duplicate ids, filters that no grid knows, a value that a row needs and
//! no input has (once per missing value, at the first row that needs it).
//! Its warnings are its own: a FINESS number whose prefix disagrees with
//! the département (docs/formats.md, rule 6), a seniority date after the
//! end date, a measure whose filters match nobody.

use super::common::{scenario_path, write_output, OverrideArgs};
use super::Outcome;
use crate::domain::grid::Grids;
use crate::domain::scenario::Scenario;
use crate::domain::workforce::Employee;
use crate::domain::GroupBy;
use crate::domain::Location;
use crate::engine::{self, EngineError, Plan};
use crate::input::error::plural;
use crate::input::grids::read_grids_lenient;
use crate::input::parameters::read_parameters_lenient;
use crate::input::scenario::read_scenario_lenient;
use crate::input::workforce::WorkforceReader;
use crate::input::InputError;
use anyhow::{bail, Result};
use clap::Args;
use std::collections::HashSet;
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
    let filters = engine::unknown_filters(&scenario, &grids);
    let filters_known = filters.is_empty();
    for e in filters {
        problems.error(e);
    }
    let plan = parameters.as_ref().filter(|_| filters_known).and_then(|p| {
        Plan::new(&scenario, &grids, p, vec![GroupBy::Measure])
            .map_err(|e| problems.error(e))
            .ok()
    });
    workforce(&scenario, &grids, plan.as_ref(), &mut problems);
    problems
}

/// Reads every workforce row, reporting every problem of each bad one,
/// and computes each good one as the other commands would, reporting each
/// value missing once, at the first row that needs it.
fn workforce(scenario: &Scenario, grids: &Grids, plan: Option<&Plan<'_>>, problems: &mut Problems) {
    let mut reader = match WorkforceReader::open(&scenario.workforce, grids) {
        Ok(r) => r,
        Err(e) => return problems.error(e),
    };
    let mut applied = vec![false; scenario.measures.len()];
    let mut scratch = engine::Scratch::default();
    // The engine's problems already reported, by their text without the
    // row: one per missing value however many rows need it.
    let mut reported: HashSet<String> = HashSet::new();
    while let Some(row) = reader.next_lenient() {
        let e = match row {
            Ok(e) => e,
            Err(errors) => {
                for e in errors {
                    problems.error(e);
                }
                continue;
            }
        };
        row_warnings(&reader, &e, problems);
        let Some(plan) = plan else {
            continue;
        };
        let computed = engine::for_each_month(plan, &e, &mut scratch, |m| {
            for mm in m.measures {
                applied[mm.measure] = true;
            }
        });
        if let Err(error) = computed {
            let key = match &error {
                EngineError::Missing {
                    location, message, ..
                } => format!("{location}: {message}"),
                other => other.to_string(),
            };
            if reported.insert(key) {
                problems.error(error);
            }
        }
    }
    // Rows stopped by a missing value were not all computed: whether a
    // measure applies to nobody is then unknown.
    if plan.is_some() && reported.is_empty() {
        measures_applied(scenario, &applied, problems);
    }
}

/// The warnings of one row: a seniority date after the end date (the
/// first step then applies throughout: a plausible typo, but computable),
/// a FINESS number whose prefix is another département's (rule 6).
fn row_warnings(reader: &WorkforceReader<'_>, e: &Employee, problems: &mut Problems) {
    if let Some(end) = e.end_date {
        if e.seniority_date > end {
            problems.push(
                Severity::Warning,
                reader.location(e.line, "seniority_date"),
                format!(
                    "seniority date {} is after the end date {end}: the first step applies throughout",
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
    for (k, m) in scenario.measures.iter().enumerate() {
        if applied[k] {
            continue;
        }
        problems.push(
            Severity::Warning,
            scenario.measure_place(k),
            format!(
                "measure `{}` applies to nobody: no employee matches its filters while present between {} and {}",
                m.id,
                m.from,
                m.until.map_or_else(|| scenario.last_month().to_string(), |u| u.to_string())
            ),
        );
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
