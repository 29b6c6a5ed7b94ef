//! `revalo validate`: reads every input of a scenario and reports every
//! problem found, each with file, line and column — every parse error of
//! the scenario and every bad row of the grids, parameters and workforce —
//! and checks beyond parsing: duplicate ids, a FINESS number
//! whose prefix disagrees with the département (a warning, docs/formats.md,
//! rule 6), a seniority date after the end date, a point value missing for a
//! month of the horizon, a measure whose filters match nobody (a warning).
//! Each input is read once; the shipped data read are listed first, with
//! their version and checksums.

use super::common::{scenario_source, write_output, OverrideArgs};
use super::Outcome;
use crate::domain::grid::Grids;
use crate::domain::scenario::Scenario;
use crate::domain::source::Checksum;
use crate::domain::workforce::Employee;
use crate::domain::GroupBy;
use crate::domain::Location;
use crate::domain::{Source, YearMonth};
use crate::engine::{self, EngineError, Plan};
use crate::input::error::plural;
use crate::input::grids::read_grids_lenient;
use crate::input::parameters::read_parameters_lenient;
use crate::input::scenario::{measure_locations, parse_scenario_lenient, read_scenario_text};
use crate::input::source::Ledger;
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
    /// Scenario file (TOML), or `shipped:scenarios/NAME.toml` [default: the
    /// shipped Conférence des métiers 2022 scenario].
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

/// Checks the scenario `source` and its inputs, each read once and
/// recorded in `ledger`.
fn validate(source: &Source, args: &ValidateArgs, ledger: &Ledger) -> Problems {
    let mut problems = Problems::default();
    let text = match read_scenario_text(source, ledger) {
        Ok(text) => text,
        Err(e) => {
            problems.error(e);
            return problems;
        }
    };
    // A scenario with bad measures is checked further without them.
    let (scenario, errors) = parse_scenario_lenient(source, &text, &args.overrides.set);
    for e in errors {
        problems.error(e);
    }
    let Some(scenario) = scenario else {
        return problems;
    };
    let mut grid_errors = Vec::new();
    let grids = read_grids_lenient(&scenario.grids, ledger, &mut grid_errors);
    for e in grid_errors {
        problems.error(e);
    }
    let mut parameter_errors = Vec::new();
    let parameters = read_parameters_lenient(&scenario.parameters, ledger, &mut parameter_errors)
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
    let applied = workforce(&scenario, &grids, plan.as_ref(), ledger, &mut problems);
    if let Some(applied) = applied.filter(|_| plan.is_some()) {
        measures_applied(&scenario, &text, &applied, &mut problems);
    }
    problems
}

/// Reads every workforce row, reporting each bad one, and the checks that
/// need the rows; which measures applied to some row's month (when the
/// file could be opened).
fn workforce(
    scenario: &Scenario,
    grids: &Grids,
    plan: Option<&Plan<'_>>,
    ledger: &Ledger,
    problems: &mut Problems,
) -> Option<Vec<bool>> {
    let mut reader = match WorkforceReader::open(&scenario.workforce, ledger, grids) {
        Ok(r) => r,
        Err(e) => {
            problems.error(e);
            return None;
        }
    };
    let mut ids: HashMap<String, u64> = HashMap::new();
    let mut used = vec![false; grids.conventions.len()];
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
    Some(applied)
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

/// A warning, at its `id` in the scenario file (`text`), for each measure
/// that no row's month was `applied` to.
fn measures_applied(scenario: &Scenario, text: &str, applied: &[bool], problems: &mut Problems) {
    let places = measure_locations(&scenario.path, text);
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
    let file = scenario.grids.join("conventions.csv");
    for (c, convention) in grids.conventions.iter().enumerate() {
        if !used[c] {
            continue;
        }
        let missing: Vec<YearMonth> =
            YearMonth::range(scenario.first_month(), scenario.last_month())
                .filter(|m| convention.point_values.at_month(*m).is_none())
                .collect();
        if let (Some(first), Some(last)) = (missing.first(), missing.last()) {
            let months = if first == last {
                first.to_string()
            } else {
                format!("{first} to {last}")
            };
            problems.push(
                Severity::Error,
                grids
                    .places
                    .get(c)
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

/// Runs `revalo validate`.
pub fn run(args: &ValidateArgs) -> Result<Outcome> {
    let source = scenario_source(args.scenario.as_deref())?;
    let ledger = Ledger::default();
    let problems = validate(&source, args, &ledger);
    let (errors, warnings) = (problems.errors(), problems.warnings());
    let shipped: Vec<Checksum> = ledger
        .checksums()
        .into_iter()
        .filter(|c| c.source.is_shipped())
        .collect();
    write_output(None, |out| {
        // Which inputs were the data shipped in the binary, as read.
        if !shipped.is_empty() {
            writeln!(out, "{}:", crate::shipped::describe())?;
            for c in &shipped {
                writeln!(
                    out,
                    "  {}  {} bytes  sha256 {}",
                    c.source, c.bytes, c.sha256
                )?;
            }
        }
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
