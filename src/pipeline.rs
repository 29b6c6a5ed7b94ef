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
use crate::engine::fast::variants::{changed_measures, Keeper, KeptWorkforce, VariantError};
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

mod solve;
mod sweep;
pub use solve::{SolveError, SolveRequest, Target};
pub use sweep::{SetRange, SweepError};

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
    /// A variant that cannot be priced from a kept workforce.
    #[error(transparent)]
    Variant(#[from] VariantError),
    /// A solve without an answer.
    #[error(transparent)]
    Solve(#[from] SolveError),
    /// A sweep that cannot run.
    #[error(transparent)]
    Sweep(#[from] SweepError),
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
        self.plan_of(&self.scenario, by)
    }

    /// `scenario` — a variant of these inputs' scenario that reads the same
    /// grids and parameters — resolved for a grouping by `by`.
    pub fn plan_of<'s>(
        &'s self,
        scenario: &'s Scenario,
        by: Vec<GroupBy>,
    ) -> Result<Plan<'s>, Error> {
        Ok(Plan::new(scenario, &self.grids, &self.parameters, by)?)
    }

    /// The report of the scenario grouped by `by`: plans, computes by the
    /// fast path and builds the rows.
    pub fn report(&self, by: Vec<GroupBy>) -> Result<Report, Error> {
        let plan = self.plan(by)?;
        let totals = compute(&plan, Engine::Fast, &mut |_| {})?;
        Ok(report(&plan, &totals))
    }

    /// One pass over the workforce, kept for pricing variants of this
    /// scenario grouped by `by` ([`Inputs::price`]), telling `progress`
    /// the bytes read so far.
    pub fn keep(
        &self,
        by: Vec<GroupBy>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<KeptWorkforce, Error> {
        let plan = self.plan(by)?;
        let (_, kept) = compute_once(&[], Some(&plan), progress)?;
        Ok(kept.unwrap_or_else(|| unreachable!("a pass asked to keep keeps")))
    }

    /// The group totals of `scenario` — a variant of the scenario `kept`
    /// was kept for, over these grids and parameters — priced from `kept`:
    /// exactly those of a run of `scenario`. An error when it changes more
    /// than its measures' amounts or percents.
    pub fn price(&self, kept: &KeptWorkforce, scenario: &Scenario) -> Result<GroupTotals, Error> {
        Ok(kept.price(&self.plan_of(scenario, kept.by().to_vec())?)?)
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
/// Memory stays bounded whatever the size of the file.
pub fn compute(
    plan: &Plan<'_>,
    engine: Engine,
    progress: &mut dyn FnMut(u64),
) -> Result<GroupTotals, Error> {
    let mut totals = empty_totals(plan);
    let fast = FastEngine::new(plan);
    stream(
        &plan.scenario.workforce,
        plan.grids,
        progress,
        &mut |rows| {
            let part = match engine {
                Engine::Fast => fast.simulate(rows),
                Engine::Reference => engine::simulate_reference(plan, rows),
            }?;
            totals = std::mem::take(&mut totals).merge(part);
            Ok(())
        },
    )?;
    Ok(totals)
}

/// Group totals with no group yet, for `plan`'s measures.
fn empty_totals(plan: &Plan<'_>) -> GroupTotals {
    GroupTotals {
        overall: Totals::new(plan.scenario.measures.len()),
        ..GroupTotals::default()
    }
}

/// Reads the workforce at `path` chunk by chunk, resolved against `grids`,
/// and hands each chunk's rows to `each` while the next chunk is read (two
/// chunks in flight), telling `progress` the bytes read so far.
fn stream(
    path: &Path,
    grids: &Grids,
    progress: &mut dyn FnMut(u64),
    each: &mut (dyn FnMut(&[Employee]) -> Result<(), Error> + Send),
) -> Result<(), Error> {
    let mut reader = WorkforceReader::open(path, grids)?;
    let mut chunk = Vec::with_capacity(CHUNK_ROWS);
    let mut current = reader.start(CHUNK_ROWS);
    let mut next = Default::default();
    while !current.is_done() {
        reader.pipelined(&mut current, &mut next, CHUNK_ROWS, &mut chunk, |rows| {
            each(rows)
        })?;
        progress(reader.bytes_read());
        std::mem::swap(&mut current, &mut next);
    }
    Ok(())
}

/// One pass over a workforce for several plans: each chunk is read and
/// validated once, computed by every plan of `plans` (fast path) and, with
/// `keep`, kept for pricing variants of that plan's scenario
/// ([`KeptWorkforce`]). Every plan must name the same workforce file and
/// grids folder. Returns the totals of `plans`, in order, and the kept
/// workforce.
pub fn compute_once(
    plans: &[&Plan<'_>],
    keep: Option<&Plan<'_>>,
    progress: &mut dyn FnMut(u64),
) -> Result<(Vec<GroupTotals>, Option<KeptWorkforce>), Error> {
    let Some(first) = keep.or(plans.first().copied()) else {
        return Ok((Vec::new(), None));
    };
    let mut totals: Vec<GroupTotals> = plans.iter().map(|p| empty_totals(p)).collect();
    let engines: Vec<FastEngine<'_>> = plans.iter().map(|p| FastEngine::new(p)).collect();
    let mut keeper = keep.map(Keeper::new);
    stream(
        &first.scenario.workforce,
        first.grids,
        progress,
        &mut |rows| {
            if let Some(keeper) = keeper.as_mut() {
                keeper.add(rows);
            }
            for (engine, totals) in engines.iter().zip(totals.iter_mut()) {
                let part = engine.simulate(rows)?;
                *totals = std::mem::take(totals).merge(part);
            }
            Ok(())
        },
    )?;
    let kept = keeper.map(Keeper::finish).transpose()?;
    Ok((totals, kept))
}

/// The reports of several plans, each workforce read once: the first
/// plan's workforce is kept and every plan whose scenario only changes its
/// measures' amounts, percents or funding is priced from it
/// ([`KeptWorkforce`]); the others that read the same workforce and grids
/// are computed in the same pass, and those that read other files in a
/// pass of their own. Every plan must group as the first does.
pub fn reports_once(
    plans: &[Plan<'_>],
    progress: &mut dyn FnMut(u64),
) -> Result<Vec<Report>, Error> {
    let Some(first) = plans.first() else {
        return Ok(Vec::new());
    };
    let same_files = |p: &Plan<'_>| {
        p.scenario.workforce == first.scenario.workforce && p.scenario.grids == first.scenario.grids
    };
    let cheap: Vec<bool> = plans
        .iter()
        .map(|p| changed_measures(first.scenario, p.scenario).is_ok())
        .collect();
    let streamed: Vec<&Plan<'_>> = plans
        .iter()
        .zip(&cheap)
        .filter(|(p, cheap)| !**cheap && same_files(p))
        .map(|(p, _)| p)
        .collect();
    let (streamed_totals, kept) = compute_once(&streamed, Some(first), progress)?;
    let kept = kept.unwrap_or_else(|| unreachable!("a pass asked to keep keeps"));
    let mut streamed_totals = streamed_totals.into_iter();
    let mut reports = Vec::with_capacity(plans.len());
    for (plan, cheap) in plans.iter().zip(cheap) {
        let totals = if cheap {
            kept.price(plan)?
        } else if same_files(plan) {
            streamed_totals
                .next()
                .unwrap_or_else(|| unreachable!("one total per streamed plan"))
        } else {
            compute(plan, Engine::Fast, progress)?
        };
        reports.push(report(plan, &totals));
    }
    Ok(reports)
}

/// The report of `totals`, computed under `plan`: one row per group in sort
/// order, and the totals row.
pub fn report(plan: &Plan<'_>, totals: &GroupTotals) -> Report {
    report::build(plan.scenario, &plan.keys, totals)
}
