//! The library's front door: load a scenario with its inputs, plan a
//! grouping, run it, and get the group totals, the report rows and the
//! assumptions — what every command and benchmark does, with no command line
//! in the way.
//!
//! ```no_run
//! use revalo::domain::GroupBy;
//! use revalo::pipeline::Inputs;
//!
//! let inputs = Inputs::load("data/scenarios/conference-2022.toml".as_ref(), &[])?;
//! let mut warnings = inputs.warnings.clone();
//! let report = inputs.report(vec![GroupBy::Measure, GroupBy::Year], &mut warnings)?;
//! for row in &report.rows {
//!     println!("{} {}: {} €", row.keys[0], row.keys[1], row.delta_cost);
//! }
//! for w in &warnings {
//!     eprintln!("{w}");
//! }
//! # Ok::<(), revalo::pipeline::Error>(())
//! ```
//!
//! For more control, the steps one by one: [`Inputs::plan`] resolves the
//! scenario for a grouping, [`compute`] streams the workforce through an
//! [`Engine`] into group totals, [`report()`] turns them into rows.
//!
//! Warnings (a column not used, a value carried past its data) are never
//! printed here: [`Inputs::load`] keeps those of the scenario's grids and
//! parameters in [`Inputs::warnings`], and whatever reads the workforce
//! pushes its header's to the `warnings` it is given. Under `strict` they
//! are an [`Error::Strict`] instead.

use crate::domain::filter::{RowFilter, RowMatcher};
use crate::domain::grid::Grids;
use crate::domain::params::{Parameter, Parameters, Schedule};
use crate::domain::scenario::{PayrollModel, Scenario};
use crate::domain::{GroupBy, Location, YearMonth};
use crate::engine::{self, fast::FastEngine, EngineError, GroupTotals, Plan};
use crate::input::grids::read_grids;
use crate::input::parameters::read_parameters;
use crate::input::scenario::{read_scenario_with, Override};
use crate::input::sheet;
use crate::input::warning::StrictWarnings;
use crate::input::workforce::WorkforceReader;
use crate::input::{InputError, InputErrors, Warning};
use crate::report::assumptions::{sha256_hex, tidy_path, Assumptions, FileChecksum};
use crate::report::{self, Report};
use rust_decimal::Decimal;
use std::io;
use std::path::{Path, PathBuf};

/// Employees read and computed at a time: memory stays bounded by this and by
/// the number of groups, not by the size of the file.
const CHUNK_ROWS: usize = 64 * 1024;

/// Why a scenario could not be loaded or run. Every message names the file
/// (and line and column where there is one) to mend.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The scenario file: every problem found in it.
    #[error(transparent)]
    Scenario(#[from] InputErrors),
    /// A grids, parameters or workforce file.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The computation: a filter that no grid knows, or a value missing in
    /// some month.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// Warnings of the reading, which `strict` makes errors.
    #[error(transparent)]
    Strict(#[from] StrictWarnings),
    /// A data folder that cannot be listed for the assumptions.
    #[error("cannot read the folder `{}`", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The system's reason.
        source: io::Error,
    },
    /// A data file that cannot be read for its checksum.
    #[error("cannot read `{}`", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: io::Error,
    },
}

/// A scenario with its grids and parameters, read and validated.
pub struct Inputs {
    /// The scenario.
    pub scenario: Scenario,
    /// Its grids.
    pub grids: Grids,
    /// Its parameters.
    pub parameters: Parameters,
    /// What reading them noticed: columns not used, values carried past
    /// their data (empty under `strict`, where they are errors).
    pub warnings: Vec<Warning>,
}

/// Which implementation of the arithmetic computes the totals: both give
/// the same totals to the cent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Engine {
    /// [`FastEngine`]: stretches of identical months.
    #[default]
    Fast,
    /// [`engine::simulate_reference`]: month by month, the definition
    /// (slower; for checking the fast path at scale).
    Reference,
}

impl Inputs {
    /// The same inputs, keeping only the workforce rows `filter` passes
    /// (`--where`, docs/formats.md, rule 53).
    pub fn with_filter(mut self, filter: RowFilter) -> Inputs {
        self.scenario.filter = filter;
        self
    }

    /// Reads the scenario at `path` with `overrides` applied in order (the
    /// `--set KEY=VALUE` of the command line; `&[]` for none), then the
    /// grids and parameters it names.
    pub fn load(path: &Path, overrides: &[Override]) -> Result<Inputs, Error> {
        let scenario = read_scenario_with(path, overrides)?;
        let mut warnings = Vec::new();
        let grids = read_grids(&scenario.grids, &mut warnings)?;
        let parameters = read_parameters(&scenario.parameters, &mut warnings)?;
        warnings.extend(values_past_the_data(&scenario, &grids, &parameters));
        admit(&scenario, &warnings)?;
        Ok(Inputs {
            scenario,
            grids,
            parameters,
            warnings,
        })
    }

    /// The scenario resolved for a grouping by `by` (keys in column order),
    /// ready for [`compute`]. Fails when a filter names a convention, job or
    /// filière that no grid has.
    pub fn plan(&self, by: Vec<GroupBy>) -> Result<Plan<'_>, Error> {
        Ok(Plan::new(
            &self.scenario,
            &self.grids,
            &self.parameters,
            by,
        )?)
    }

    /// The report of the scenario grouped by `by`: plans, computes by the
    /// fast path and builds the rows. The workforce's warnings go to
    /// `warnings`.
    pub fn report(&self, by: Vec<GroupBy>, warnings: &mut Vec<Warning>) -> Result<Report, Error> {
        let plan = self.plan(by)?;
        let totals = compute(&plan, Engine::Fast, &mut |_| {}, warnings)?;
        Ok(report(&plan, &totals))
    }

    /// Opens the scenario's workforce, its header's warnings into
    /// `warnings` (an error under `strict`).
    pub fn open_workforce(
        &self,
        warnings: &mut Vec<Warning>,
    ) -> Result<WorkforceReader<'_>, Error> {
        open_workforce(&self.scenario, &self.grids, warnings)
    }

    /// Reads and validates the whole workforce without computing anything
    /// (the floor under a run's time), telling `progress` the bytes read so
    /// far. Returns the number of rows.
    pub fn parse_workforce(
        &self,
        progress: &mut dyn FnMut(u64),
        warnings: &mut Vec<Warning>,
    ) -> Result<usize, Error> {
        let mut reader = self.open_workforce(warnings)?;
        let mut chunk = Vec::with_capacity(CHUNK_ROWS);
        let mut rows = 0;
        while reader.next_chunk(CHUNK_ROWS, &mut chunk)? {
            rows += chunk.len();
            progress(reader.bytes_read());
        }
        kept_some(&self.scenario, &reader)?;
        Ok(rows)
    }

    /// The scenario's assumptions, with the SHA-256 of each data file it
    /// reads: the scenario, the workforce, every file of the grids folder
    /// and every CSV of the parameters folder.
    pub fn assumptions(&self) -> Result<Assumptions, Error> {
        let scenario = &self.scenario;
        let mut files = vec![
            ("scénario", scenario.path.clone()),
            ("effectifs", sheet::file_part(&scenario.workforce)),
        ];
        for (role, folder, only_csv) in [
            ("grilles", &scenario.grids, false),
            ("paramètres", &scenario.parameters, true),
        ] {
            let mut found = data_files(folder, only_csv)?;
            found.sort();
            files.extend(found.into_iter().map(|p| (role, p)));
        }
        let checksums = files
            .into_iter()
            .map(|(role, path)| checksum(role, &path))
            .collect::<Result<_, _>>()?;
        Ok(Assumptions::new(scenario, &self.parameters, checksums))
    }
}

/// The files of `folder` (only its CSV files when `only_csv`), unsorted.
fn data_files(folder: &Path, only_csv: bool) -> Result<Vec<PathBuf>, Error> {
    let entries = std::fs::read_dir(folder).map_err(|source| Error::Folder {
        path: folder.to_path_buf(),
        source,
    })?;
    Ok(entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| !only_csv || p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
        .collect())
}

/// The size and SHA-256 of the file at `path`, which plays `role`.
fn checksum(role: &str, path: &Path) -> Result<FileChecksum, Error> {
    let unreadable = |source| Error::File {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
    let sha256 = sha256_hex(file).map_err(unreadable)?;
    Ok(FileChecksum {
        role: role.to_string(),
        path: tidy_path(path).display().to_string(),
        bytes,
        sha256,
    })
}

/// Streams the workforce of `plan`'s scenario through `engine`, chunk by
/// chunk, into group totals, telling `progress` the bytes read so far; the
/// warnings of the workforce's header go to `warnings`. Memory stays
/// bounded whatever the size of the file.
pub fn compute(
    plan: &Plan<'_>,
    engine: Engine,
    progress: &mut dyn FnMut(u64),
    warnings: &mut Vec<Warning>,
) -> Result<GroupTotals, Error> {
    let mut reader = open_workforce(plan.scenario, plan.grids, warnings)?;
    let mut totals = GroupTotals {
        overall: plan.funding.totals(plan.scenario.measures.len()),
        ..GroupTotals::default()
    };
    let fast = FastEngine::new(plan);
    let simulate = |rows: &[_]| match engine {
        Engine::Fast => fast.simulate(rows),
        Engine::Reference => engine::simulate_reference(plan, rows),
    };
    let mut chunk = Vec::with_capacity(CHUNK_ROWS);
    // Two chunks in flight: one read while the other is converted and
    // computed.
    let mut current = reader.start(CHUNK_ROWS);
    let mut next = Default::default();
    while !current.is_done() {
        let part = reader.pipelined(&mut current, &mut next, CHUNK_ROWS, &mut chunk, |rows| {
            simulate(rows).map_err(Error::from)
        })?;
        totals = totals.merge(part);
        progress(reader.bytes_read());
        std::mem::swap(&mut current, &mut next);
    }
    kept_some(plan.scenario, &reader)?;
    Ok(totals)
}

/// The report of `totals`, computed under `plan`: one row per group in sort
/// order, and the totals row.
pub fn report(plan: &Plan<'_>, totals: &GroupTotals) -> Report {
    report::build(plan.scenario, &plan.keys, totals)
}

/// Opens the workforce of `scenario`, its header's warnings into `warnings`
/// — or, under `strict`, an error.
pub fn open_workforce<'g>(
    scenario: &Scenario,
    grids: &'g Grids,
    warnings: &mut Vec<Warning>,
) -> Result<WorkforceReader<'g>, Error> {
    let mut reader = WorkforceReader::open(&scenario.workforce, grids)?;
    admit(scenario, reader.warnings())?;
    warnings.extend_from_slice(reader.warnings());
    if !scenario.filter.is_empty() {
        reader.keep_only(row_matcher(&scenario.filter, grids)?);
    }
    Ok(reader)
}

/// `filter` resolved against `grids`, or the error of the condition that
/// names nothing the grids or the readers know, located at its `--where`.
pub fn row_matcher(filter: &RowFilter, grids: &Grids) -> Result<RowMatcher, InputError> {
    filter.resolve(grids).map_err(|(condition, why)| {
        InputError::invalid(
            Location::file(Path::new(&format!("--where {condition}"))),
            why,
        )
    })
}

/// Once `reader` has read the whole workforce: the error of a `--where`
/// that kept no row of it — an empty result is never what was meant
/// (docs/formats.md, rule 53).
pub fn nothing_kept(scenario: &Scenario, reader: &WorkforceReader<'_>) -> Option<InputError> {
    reader.nothing_kept().map(|why| {
        InputError::invalid(
            Location::file(&scenario.workforce),
            format!("no row matches --where {}: {why}", scenario.filter),
        )
    })
}

/// [`nothing_kept`] as a result.
fn kept_some(scenario: &Scenario, reader: &WorkforceReader<'_>) -> Result<(), Error> {
    nothing_kept(scenario, reader).map_or(Ok(()), |e| Err(e.into()))
}

/// `Ok` unless `scenario` is strict and there are `warnings`: then they are
/// the error (docs/formats.md, rule 28).
fn admit(scenario: &Scenario, warnings: &[Warning]) -> Result<(), Error> {
    if scenario.strict && !warnings.is_empty() {
        return Err(StrictWarnings(warnings.to_vec()).into());
    }
    Ok(())
}

/// One warning per dated series whose last value `scenario`'s horizon
/// carries past the data (docs/formats.md, rule 32): the values of the
/// point of every convention, and the parameters that the scenario's
/// payroll model reads for the conventions' sectors. The data go up to the
/// end of the year of their latest effective date, over point values and
/// parameters alike: a rate unchanged since 2020 is not missing in 2026 if
/// the data were brought up to 2026, but nothing is known of the years
/// after.
pub fn values_past_the_data(
    scenario: &Scenario,
    grids: &Grids,
    parameters: &Parameters,
) -> Vec<Warning> {
    let sectors: Vec<_> = grids.conventions.iter().map(|c| c.sector).collect();
    let used = |p: Parameter| {
        let flat = matches!(p, Parameter::EmployeeRate | Parameter::EmployerRate);
        flat == (scenario.payroll == PayrollModel::Flat)
    };
    let mut series: Vec<(String, &Schedule<Decimal>)> = grids
        .conventions
        .iter()
        .map(|c| {
            (
                format!("the value of the point of `{}`", c.id),
                &c.point_values,
            )
        })
        .collect();
    series.extend(
        parameters
            .iter()
            .filter(|(p, sector, _)| used(*p) && sectors.contains(sector))
            .map(|(p, sector, s)| (format!("`{p}` for {sector}"), s)),
    );
    let Some(latest) = series
        .iter()
        .filter_map(|(_, s)| s.last())
        .map(|(d, _)| d)
        .max()
    else {
        return Vec::new();
    };
    let end_of_data = YearMonth::new(latest.year(), 12);
    let last_month = scenario.last_month();
    if last_month <= end_of_data {
        return Vec::new();
    }
    let from = end_of_data.plus(1).max(scenario.first_month());
    series
        .iter()
        .filter_map(|(what, s)| {
            let (date, source) = s.last()?;
            let value = s.entries().last().map(|(_, v)| *v)?;
            let location = source.cloned().unwrap_or_else(|| Location::file(&scenario.path));
            Some(Warning::new(
                location,
                format!(
                    "{what} keeps its last value, {value} from {date}, from {from} to {last_month}: \
                     the data go up to {} (add values for the years after, or end `years` sooner)",
                    latest.year()
                ),
            ))
        })
        .collect()
}
