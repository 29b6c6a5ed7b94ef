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
//! let report = inputs.report(vec![GroupBy::Measure, GroupBy::Year])?;
//! for row in &report.rows {
//!     println!("{} {}: {} €", row.keys[0], row.keys[1], row.delta_cost);
//! }
//! # Ok::<(), revalo::pipeline::Error>(())
//! ```
//!
//! For more control, the steps one by one: [`Inputs::plan`] resolves the
//! scenario for a grouping, [`compute`] streams the workforce through an
//! [`Engine`] into group totals, [`report()`] turns them into rows.

use crate::domain::grid::Grids;
use crate::domain::params::Parameters;
use crate::domain::scenario::Scenario;
use crate::domain::workforce::Employee;
use crate::domain::GroupBy;
use crate::engine::{self, fast::FastEngine, EngineError, GroupTotals, Plan, Totals};
use crate::input::grids::read_grids;
use crate::input::parameters::read_parameters;
use crate::input::scenario::{read_scenario_with, Override};
use crate::input::workforce::WorkforceReader;
use crate::input::{InputError, InputErrors};
use crate::report::assumptions::{sha256_hex, tidy_path, Assumptions, FileChecksum};
use crate::report::{self, Report};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

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
    /// Reads the scenario at `path` with `overrides` applied in order (the
    /// `--set KEY=VALUE` of the command line; `&[]` for none), then the
    /// grids and parameters it names.
    pub fn load(path: &Path, overrides: &[Override]) -> Result<Inputs, Error> {
        let scenario = read_scenario_with(path, overrides)?;
        let grids = read_grids(&scenario.grids)?;
        let parameters = read_parameters(&scenario.parameters)?;
        Ok(Inputs {
            scenario,
            grids,
            parameters,
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
    /// fast path and builds the rows.
    pub fn report(&self, by: Vec<GroupBy>) -> Result<Report, Error> {
        let plan = self.plan(by)?;
        let totals = compute(&plan, Engine::Fast, &mut |_| {})?;
        Ok(report(&plan, &totals))
    }

    /// Reads and validates the whole workforce without computing anything
    /// (the floor under a run's time), telling `progress` the bytes read so
    /// far. Returns the number of rows.
    pub fn parse_workforce(&self, progress: &mut dyn FnMut(u64)) -> Result<usize, Error> {
        let mut reader = WorkforceReader::open(&self.scenario.workforce, &self.grids)?;
        let mut chunk = Vec::with_capacity(CHUNK_ROWS);
        let mut rows = 0;
        while reader.next_chunk(CHUNK_ROWS, &mut chunk)? {
            rows += chunk.len();
            progress(reader.bytes_read());
        }
        Ok(rows)
    }

    /// The scenario's assumptions, with the SHA-256 of each data file it
    /// reads: the scenario, the workforce, every file of the grids folder
    /// and every CSV of the parameters folder.
    pub fn assumptions(&self) -> Result<Assumptions, Error> {
        let scenario = &self.scenario;
        let mut files = vec![
            ("scénario", scenario.path.clone()),
            ("effectifs", scenario.workforce.clone()),
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
/// chunk, into group totals, telling `progress` the bytes read so far.
/// Memory stays bounded whatever the size of the file. The first problem
/// stops the run: a bad row, a duplicate id, a value a row needs and no
/// input has — each an error that `revalo validate` reports word for word.
pub fn compute(
    plan: &Plan<'_>,
    engine: Engine,
    progress: &mut dyn FnMut(u64),
) -> Result<GroupTotals, Error> {
    compute_finding(plan, engine, progress, None).map(|(totals, _)| totals)
}

/// [`compute`], also keeping the rows whose id is `id` (for `explain`,
/// which must stop where `simulate` stops: the whole file is read and
/// computed).
pub fn compute_finding(
    plan: &Plan<'_>,
    engine: Engine,
    progress: &mut dyn FnMut(u64),
    id: Option<&str>,
) -> Result<(GroupTotals, Vec<Employee>), Error> {
    let mut reader = WorkforceReader::open(&plan.scenario.workforce, plan.grids)?;
    let mut totals = GroupTotals {
        overall: Totals::new(plan.scenario.measures.len()),
        ..GroupTotals::default()
    };
    let found = Mutex::new(Vec::new());
    let fast = FastEngine::new(plan);
    let simulate = |rows: &[Employee]| {
        if let Some(id) = id {
            let mut found = found.lock().unwrap_or_else(PoisonError::into_inner);
            found.extend(rows.iter().filter(|e| e.id == id).cloned());
        }
        match engine {
            Engine::Fast => fast.simulate(rows),
            Engine::Reference => engine::simulate_reference(plan, rows),
        }
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
    let found = found.into_inner().unwrap_or_else(PoisonError::into_inner);
    Ok((totals, found))
}

/// The report of `totals`, computed under `plan`: one row per group in sort
/// order, and the totals row.
pub fn report(plan: &Plan<'_>, totals: &GroupTotals) -> Report {
    report::build(plan.scenario, &plan.keys, totals)
}
