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
//! end date, a measure whose filters match nobody, the warnings of the
//! reading (columns not used, values carried past their data: errors under
//! `strict`), and the SMIC floor (rule 33): the employee-months it lifts,
//! per convention, and the months where no SMIC is known. Each input is
//! read once; the shipped data read are listed first, with their version
//! and checksums.

use super::common::{scenario_source, write_output, OverrideArgs};
use super::Outcome;
use crate::domain::grid::Grids;
use crate::domain::params::{Parameter, Parameters};
use crate::domain::scenario::Scenario;
use crate::domain::source::Checksum;
use crate::domain::workforce::Employee;
use crate::domain::Location;
use crate::domain::{GroupBy, Sector, Source, YearMonth};
use crate::engine::{self, EngineError, Plan};
use crate::input::error::plural;
use crate::input::grids::read_grids_lenient;
use crate::input::parameters::read_parameters_lenient;
use crate::input::scenario::{parse_scenario_lenient, read_scenario_text};
use crate::input::source::Ledger;
use crate::input::workforce::WorkforceReader;
use crate::input::{InputError, Warning};
use crate::pipeline::{nothing_kept, row_matcher, values_past_the_data};
use anyhow::{bail, Result};
use clap::Args;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};
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

    /// The warnings of the reading: errors under `strict` (docs/formats.md,
    /// rule 28).
    fn reading(&mut self, scenario: &Scenario, warnings: Vec<Warning>) {
        let severity = if scenario.strict {
            Severity::Error
        } else {
            Severity::Warning
        };
        for w in warnings {
            self.push(severity, w.location, w.message);
        }
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
    let (scenario, errors) = parse_scenario_lenient(source, &text, &args.overrides.all());
    for e in errors {
        problems.error(e);
    }
    let Some(mut scenario) = scenario else {
        return problems;
    };
    scenario.filter = args.overrides.row_filter();
    let mut grid_errors = Vec::new();
    let mut warnings = Vec::new();
    let grids = read_grids_lenient(&scenario.grids, ledger, &mut grid_errors, &mut warnings);
    for e in grid_errors {
        problems.error(e);
    }
    let mut parameter_errors = Vec::new();
    let parameters = read_parameters_lenient(
        &scenario.parameters,
        ledger,
        &mut parameter_errors,
        &mut warnings,
    )
    .filter(|_| parameter_errors.is_empty());
    for e in parameter_errors {
        problems.error(e);
    }
    if let (Some(grids), Some(parameters)) = (&grids, &parameters) {
        warnings.extend(values_past_the_data(&scenario, grids, parameters));
    }
    problems.reading(&scenario, warnings);
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
    let used = workforce(&scenario, &grids, plan.as_ref(), ledger, &mut problems);
    if let Some(parameters) = &parameters {
        smic_known(&scenario, &grids, &used, parameters, &mut problems);
    }
    problems
}

/// Reads every workforce row, reporting every problem of each bad one,
/// and computes each good one as the other commands would, reporting each
/// value missing once, at the first row that needs it. Returns, per
/// convention, whether a row uses it.
fn workforce(
    scenario: &Scenario,
    grids: &Grids,
    plan: Option<&Plan<'_>>,
    ledger: &Ledger,
    problems: &mut Problems,
) -> Vec<bool> {
    let mut reader = match WorkforceReader::open(&scenario.workforce, ledger, grids) {
        Ok(r) => r,
        Err(e) => {
            problems.error(e);
            return Vec::new();
        }
    };
    problems.reading(scenario, reader.warnings().to_vec());
    if !scenario.filter.is_empty() {
        match row_matcher(&scenario.filter, grids) {
            Ok(m) => reader.keep_only(m),
            Err(e) => {
                problems.error(e);
                return Vec::new();
            }
        }
    }
    let mut used = vec![false; grids.conventions.len()];
    let mut applied = vec![false; scenario.measures.len()];
    let mut floored: Vec<Floored> = (0..grids.conventions.len())
        .map(|c| Floored::new(grids.grid_of(c).jobs.len()))
        .collect();
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
        used[e.convention] = true;
        let Some(plan) = plan else {
            continue;
        };
        let computed = engine::for_each_month(plan, &e, &mut scratch, |m| {
            for mm in m.measures {
                applied[mm.measure] = true;
            }
            if m.smic_top_up > crate::domain::Money::ZERO {
                floored[e.convention].add(&e, m.month);
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
    if let Some(e) = nothing_kept(scenario, &reader) {
        problems.error(e);
    }
    if plan.is_some() {
        // Rows stopped by a missing value were not all computed: whether a
        // measure applies to nobody is then unknown.
        if reported.is_empty() {
            measures_applied(scenario, &applied, problems);
        }
        let rows = ConventionRows::new(scenario, grids);
        smic_floor_applied(grids, &floored, &rows, problems);
    }
    used
}

/// The employee-months of one convention whose base the SMIC floor lifts
/// (docs/formats.md, rule 33), among the months a measure applies to.
struct Floored {
    /// How many employee-months (workforce rows × months).
    months: usize,
    /// The same, each row counted with its weight.
    weighted: Decimal,
    /// Per job of the convention's grid: how many employee-months.
    by_job: Vec<usize>,
    /// The first and last month concerned.
    span: Option<(YearMonth, YearMonth)>,
}

impl Floored {
    fn new(jobs: usize) -> Floored {
        Floored {
            months: 0,
            weighted: Decimal::ZERO,
            by_job: vec![0; jobs],
            span: None,
        }
    }

    fn add(&mut self, e: &Employee, month: YearMonth) {
        self.months += 1;
        self.weighted += e.weight;
        self.by_job[e.job] += 1;
        self.span = Some(match self.span {
            Some((first, last)) => (first.min(month), last.max(month)),
            None => (month, month),
        });
    }
}

/// A warning per convention whose grid pays some employee-months below the
/// SMIC: how many (rows × months, and weighted), when, and in which jobs.
fn smic_floor_applied(
    grids: &Grids,
    floored: &[Floored],
    rows: &ConventionRows,
    problems: &mut Problems,
) {
    for (c, f) in floored.iter().enumerate() {
        let Some((first, last)) = f.span else {
            continue;
        };
        let convention = &grids.conventions[c];
        let jobs: Vec<String> = grids
            .grid_of(c)
            .jobs
            .iter()
            .zip(&f.by_job)
            .filter(|(_, n)| **n > 0)
            .map(|(job, n)| format!("{} {n}", job.code))
            .collect();
        problems.push(
            Severity::Warning,
            rows.location(&convention.id),
            format!(
                "the grid of convention `{}` pays less than the SMIC in {} ({} weighted) between {first} and {last}, among the months a measure applies to: their base is the SMIC, the difference paid as an indemnité différentielle (docs/formats.md, rule 33); by job: {}",
                convention.id,
                plural(f.months, "employee-month"),
                f.weighted.normalize(),
                jobs.join(", ")
            ),
        );
    }
}

/// A warning per sector of a convention in use (`used`) whose parameters
/// give no `smic_monthly` in some month of the horizon: the SMIC floor is
/// not applied there (docs/formats.md, rule 33).
fn smic_known(
    scenario: &Scenario,
    grids: &Grids,
    used: &[bool],
    parameters: &Parameters,
    problems: &mut Problems,
) {
    let mut sectors: Vec<_> = grids
        .conventions
        .iter()
        .zip(used)
        .filter(|(_, used)| **used)
        .map(|(c, _)| c.sector)
        // A public grid's floor is the indice majoré minimal (docs/formats.md,
        // rule 37), not the SMIC.
        .filter(|s| *s != Sector::Public)
        .collect();
    sectors.sort_by_key(|s| s.to_string());
    sectors.dedup();
    for sector in sectors {
        let missing: Vec<YearMonth> =
            YearMonth::range(scenario.first_month(), scenario.last_month())
                .filter(|m| {
                    parameters
                        .at_month(Parameter::SmicMonthly, sector, *m)
                        .is_none()
                })
                .collect();
        let (Some(first), Some(last)) = (missing.first(), missing.last()) else {
            continue;
        };
        problems.push(
            Severity::Warning,
            Location::file(&scenario.parameters),
            format!(
                "no smic_monthly for sector {sector} in force in {} ({}): the SMIC floor is not applied there, the grid's pay is taken as it is (docs/formats.md, rule 33); add a row `smic_monthly,{sector},<date>,<monthly SMIC>` to give it",
                months_text(*first, *last),
                plural(missing.len(), "month"),
            ),
        );
    }
}

/// `2024-01`, or `2024-01 to 2024-06`.
fn months_text(first: YearMonth, last: YearMonth) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first} to {last}")
    }
}

/// Where each convention is in `conventions.csv`, for messages about a
/// convention as a whole.
struct ConventionRows {
    /// `conventions.csv`.
    file: Source,
    /// The location of each convention's row.
    rows: HashMap<String, Location>,
}

impl ConventionRows {
    /// The rows where the grids' reader found each convention.
    fn new(scenario: &Scenario, grids: &Grids) -> ConventionRows {
        let rows = grids
            .conventions
            .iter()
            .zip(&grids.places)
            .map(|(c, place)| (c.id.clone(), place.clone()))
            .collect();
        ConventionRows {
            file: scenario.grids.join("conventions.csv"),
            rows,
        }
    }

    /// The row of convention `id`, or the file when it is not found.
    fn location(&self, id: &str) -> Location {
        self.rows
            .get(id)
            .cloned()
            .unwrap_or_else(|| Location::file(&self.file))
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
