//! The library's front door: load a scenario with its inputs, plan a
//! grouping, run it, and get the group totals, the report rows and the
//! assumptions — what every command and benchmark does, with no command line
//! in the way.
//!
//! ```no_run
//! use revalo::domain::GroupBy;
//! use revalo::pipeline::Inputs;
//!
//! use revalo::domain::Source;
//!
//! // The shipped scenario; `Source::disk("my.toml")` for a file.
//! let inputs = Inputs::load(&Source::default_scenario(), &[])?;
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
//! scenario for a grouping, [`Inputs::compute`] streams the workforce once
//! through an [`Engine`] into the group totals of one or more plans,
//! [`report()`] turns them into rows. Each input is read once and its
//! checksum taken over the bytes read, so that the assumptions list what
//! was computed.
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
use crate::domain::source::Checksum;
use crate::domain::workforce::Employee;
use crate::domain::{Date, GroupBy, Location, Source, YearMonth};
use crate::engine::fast::variants::{priceable, Keeper, KeptWorkforce, VariantError};
use crate::engine::{self, fast::FastEngine, EngineError, GroupTotals, Plan};
use crate::input::grids::read_grids;
use crate::input::parameters::read_parameters;
use crate::input::scenario::{read_scenario_with, Override};
use crate::input::source::Ledger;
use crate::input::warning::StrictWarnings;
use crate::input::workforce::WorkforceReader;
use crate::input::{InputError, InputErrors, Warning};
use crate::report::assumptions::{tidy_path, Assumptions, FileChecksum};
use crate::report::{self, Report};
use rust_decimal::Decimal;
use std::sync::{Mutex, OnceLock, PoisonError};

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
    /// Warnings of the reading, which `strict` makes errors.
    #[error(transparent)]
    Strict(#[from] StrictWarnings),
    /// A variant that cannot be priced from a kept workforce.
    #[error(transparent)]
    Variant(#[from] VariantError),
    /// A solve without an answer.
    #[error(transparent)]
    Solve(#[from] SolveError),
    /// A sweep that cannot run.
    #[error(transparent)]
    Sweep(#[from] SweepError),
}

/// A scenario with its grids and parameters, read and validated, and the
/// checksums of what was read.
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
    /// What [`Inputs::load`] read: the scenario file, the grids files, the
    /// parameters files.
    read: [Vec<Checksum>; 3],
    /// The workforce's checksum, once a run has read it to its end.
    workforce: OnceLock<Checksum>,
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

    /// Reads the scenario `source` (a file, or shipped data:
    /// [`Source::default_scenario`]) with `overrides` applied in order (the
    /// `--set KEY=VALUE` of the command line; `&[]` for none), then the grids
    /// and parameters it names; each file once.
    pub fn load(source: &Source, overrides: &[Override]) -> Result<Inputs, Error> {
        let ledgers: [Ledger; 3] = Default::default();
        let scenario = read_scenario_with(source, overrides, &ledgers[0])?;
        let mut warnings = Vec::new();
        let grids = read_grids(&scenario.grids, &ledgers[1], &mut warnings)?;
        let parameters = read_parameters(&scenario.parameters, &ledgers[2], &mut warnings)?;
        warnings.extend(values_past_the_data(&scenario, &grids, &parameters));
        admit(&scenario, &warnings)?;
        Ok(Inputs {
            scenario,
            grids,
            parameters,
            warnings,
            read: ledgers.map(|l| l.checksums()),
            workforce: OnceLock::new(),
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

    /// One pass over the workforce, kept for pricing variants of this
    /// scenario grouped by `by` ([`Inputs::price`]), telling `progress`
    /// the bytes read so far; the warnings of the workforce's header go to
    /// `warnings`.
    pub fn keep(
        &self,
        by: Vec<GroupBy>,
        progress: &mut dyn FnMut(u64),
        warnings: &mut Vec<Warning>,
    ) -> Result<KeptWorkforce, Error> {
        let plan = self.plan(by)?;
        let (_, kept) = self.compute_keeping(&[], Some(&plan), progress, warnings)?;
        Ok(kept.unwrap_or_else(|| unreachable!("a pass asked to keep keeps")))
    }

    /// The group totals of `scenario` — a variant of the scenario `kept`
    /// was kept for, over these grids and parameters — priced from `kept`:
    /// exactly those of a run of `scenario`. An error when it changes more
    /// than its measures' amounts, percents or funding.
    pub fn price(&self, kept: &KeptWorkforce, scenario: &Scenario) -> Result<GroupTotals, Error> {
        Ok(kept.price(&self.plan_of(scenario, kept.by().to_vec())?)?)
    }

    /// One pass over the workforce for the plans `plans` (fast path) and,
    /// with `keep`, kept for pricing variants of that plan's scenario
    /// ([`KeptWorkforce`]): each chunk is read and validated once. Every
    /// plan must be of this scenario's workforce and grids. Returns the
    /// totals of `plans`, in order, and the kept workforce.
    pub fn compute_keeping(
        &self,
        plans: &[&Plan<'_>],
        keep: Option<&Plan<'_>>,
        progress: &mut dyn FnMut(u64),
        warnings: &mut Vec<Warning>,
    ) -> Result<(Vec<GroupTotals>, Option<KeptWorkforce>), Error> {
        let ledger = Ledger::default();
        let result = compute_keeping(plans, keep, &ledger, progress, warnings)?;
        self.keep_workforce_checksum(&ledger);
        Ok(result)
    }

    /// The reports of several plans, each workforce read once: the first
    /// plan's workforce is kept and every plan whose scenario only changes
    /// its measures' amounts, percents or funding is priced from it
    /// ([`KeptWorkforce`]); the others that read the same workforce and
    /// grids are computed in the same pass, and those that read other
    /// files in a pass of their own. Every plan must group as the first
    /// does, and the first must be of these inputs' scenario.
    pub fn reports_once(
        &self,
        plans: &[Plan<'_>],
        progress: &mut dyn FnMut(u64),
        warnings: &mut Vec<Warning>,
    ) -> Result<Vec<Report>, Error> {
        let Some(first) = plans.first() else {
            return Ok(Vec::new());
        };
        let same_files = |p: &Plan<'_>| {
            p.scenario.workforce == first.scenario.workforce
                && p.scenario.grids == first.scenario.grids
        };
        let cheap: Vec<bool> = plans
            .iter()
            .map(|p| priceable(first.scenario, p.scenario).is_ok())
            .collect();
        let streamed: Vec<&Plan<'_>> = plans
            .iter()
            .zip(&cheap)
            .filter(|(p, cheap)| !**cheap && same_files(p))
            .map(|(p, _)| p)
            .collect();
        let (streamed_totals, kept) =
            self.compute_keeping(&streamed, Some(first), progress, warnings)?;
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
                compute(plan, Engine::Fast, progress, warnings)?
            };
            reports.push(report(plan, &totals));
        }
        Ok(reports)
    }

    /// The report of the scenario grouped by `by`: plans, computes by the
    /// fast path and builds the rows. The workforce's warnings go to
    /// `warnings`.
    pub fn report(&self, by: Vec<GroupBy>, warnings: &mut Vec<Warning>) -> Result<Report, Error> {
        let mut reports = self.reports(vec![by], warnings)?;
        Ok(reports.remove(0))
    }

    /// The reports of the scenario for several groupings, from one reading
    /// of the workforce (its warnings into `warnings`).
    pub fn reports(
        &self,
        groupings: Vec<Vec<GroupBy>>,
        warnings: &mut Vec<Warning>,
    ) -> Result<Vec<Report>, Error> {
        let plans = groupings
            .into_iter()
            .map(|by| self.plan(by))
            .collect::<Result<Vec<_>, _>>()?;
        let totals = self.compute(&plans, Engine::Fast, &mut |_| {}, warnings)?;
        Ok(plans
            .iter()
            .zip(&totals)
            .map(|(plan, totals)| report(plan, totals))
            .collect())
    }

    /// Streams the workforce once through `engine` for every plan of
    /// `plans` (made by [`Inputs::plan`]), chunk by chunk, into one set of
    /// group totals per plan, telling `progress` the bytes read so far; the
    /// workforce's checksum is kept for [`Inputs::assumptions`], the
    /// warnings of its header go to `warnings`.
    pub fn compute(
        &self,
        plans: &[Plan<'_>],
        engine: Engine,
        progress: &mut dyn FnMut(u64),
        warnings: &mut Vec<Warning>,
    ) -> Result<Vec<GroupTotals>, Error> {
        let ledger = Ledger::default();
        let plans: Vec<&Plan<'_>> = plans.iter().collect();
        let (totals, _) = compute_all(&plans, engine, &ledger, progress, warnings, (None, None))?;
        self.keep_workforce_checksum(&ledger);
        Ok(totals)
    }

    /// Opens the scenario's workforce, its header's warnings into
    /// `warnings` (an error under `strict`).
    pub fn open_workforce(
        &self,
        warnings: &mut Vec<Warning>,
    ) -> Result<WorkforceReader<'_>, Error> {
        open_workforce(&self.scenario, &self.grids, &Ledger::default(), warnings)
    }

    /// Reads and validates the whole workforce without computing anything
    /// (the floor under a run's time), telling `progress` the bytes read so
    /// far. Returns the number of rows.
    pub fn parse_workforce(
        &self,
        progress: &mut dyn FnMut(u64),
        warnings: &mut Vec<Warning>,
    ) -> Result<usize, Error> {
        let ledger = Ledger::default();
        let mut reader = open_workforce(&self.scenario, &self.grids, &ledger, warnings)?;
        let mut chunk = Vec::with_capacity(CHUNK_ROWS);
        let mut rows = 0;
        while reader.next_chunk(CHUNK_ROWS, &mut chunk)? {
            rows += chunk.len();
            progress(reader.bytes_read());
        }
        kept_some(&self.scenario, &reader)?;
        self.keep_workforce_checksum(&ledger);
        Ok(rows)
    }

    fn keep_workforce_checksum(&self, ledger: &Ledger) {
        if let Some(checksum) = ledger.checksums().into_iter().next() {
            let _ = self.workforce.set(checksum);
        }
    }

    /// Every file read, with its role, size and SHA-256: the scenario, the
    /// workforce (once a run has read it: [`Inputs::compute`]), the grids
    /// files in name order, the parameters files in name order.
    pub fn files(&self) -> Vec<FileChecksum> {
        let [scenario, grids, parameters] = &self.read;
        let mut grids = grids.clone();
        grids.sort_by(|a, b| a.source.name().cmp(b.source.name()));
        let roles = [
            ("scénario", scenario.clone()),
            (
                "effectifs",
                self.workforce.get().cloned().into_iter().collect(),
            ),
            ("grilles", grids),
            ("paramètres", parameters.clone()),
        ];
        roles
            .into_iter()
            .flat_map(|(role, read)| read.into_iter().map(move |c| file_checksum(role, c)))
            .collect()
    }

    /// The scenario's assumptions, with the size and SHA-256 of every file
    /// read ([`Inputs::files`]). The workforce is hashed as a run read it;
    /// if none has, it is read now.
    pub fn assumptions(&self) -> Result<Assumptions, Error> {
        if self.workforce.get().is_none() {
            self.parse_workforce(&mut |_| {}, &mut Vec::new())?;
        }
        Ok(Assumptions::new(
            &self.scenario,
            &self.parameters,
            self.files(),
        ))
    }
}

/// A checksum as the assumptions list it.
fn file_checksum(role: &str, c: Checksum) -> FileChecksum {
    let path = match &c.source {
        Source::Disk(path) => tidy_path(path).display().to_string(),
        shipped => shipped.to_string(),
    };
    FileChecksum {
        role: role.to_string(),
        path,
        bytes: c.bytes,
        sha256: c.sha256,
        shipped: c.source.is_shipped(),
    }
}

/// The newest effective date of the shipped data's dated values, read as a
/// scenario would read them: the payroll schedule of the detailed model,
/// the flat rates, and the values of the point. For `revalo --version`.
pub fn shipped_dates() -> Result<ShippedDates, Error> {
    let ledger = Ledger::default();
    let parameters = read_parameters(&Source::shipped("parameters"), &ledger, &mut Vec::new())?;
    let grids = read_grids(&Source::shipped("grids"), &ledger, &mut Vec::new())?;
    let mut dates = ShippedDates::default();
    for (parameter, _, schedule) in parameters.iter() {
        let newest = schedule.entries().last().map(|(date, _)| *date);
        let flat = matches!(parameter, Parameter::EmployeeRate | Parameter::EmployerRate);
        let slot = if flat {
            &mut dates.flat_rates
        } else {
            &mut dates.payroll
        };
        *slot = (*slot).max(newest);
    }
    dates.point_values = grids
        .conventions
        .iter()
        .filter_map(|c| c.point_values.entries().last().map(|(date, _)| *date))
        .max();
    Ok(dates)
}

/// The newest effective dates of the shipped data ([`shipped_dates`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShippedDates {
    /// The detailed model's payroll schedule (`parameters/payroll.csv`).
    pub payroll: Option<Date>,
    /// The flat model's rates (`employee_rate`, `employer_rate`).
    pub flat_rates: Option<Date>,
    /// The values of the point (`grids/point_values.csv`).
    pub point_values: Option<Date>,
}

/// Streams the workforce of `plan`'s scenario through `engine`, chunk by
/// chunk, into group totals, telling `progress` the bytes read so far; the
/// warnings of the workforce's header go to `warnings`. Memory stays
/// bounded whatever the size of the file. The first problem stops the run:
/// a bad row, a duplicate id, a value a row needs and no input has — each
/// an error that `revalo validate` reports word for word.
pub fn compute(
    plan: &Plan<'_>,
    engine: Engine,
    progress: &mut dyn FnMut(u64),
    warnings: &mut Vec<Warning>,
) -> Result<GroupTotals, Error> {
    compute_finding(plan, engine, progress, warnings, None).map(|(totals, _)| totals)
}

/// [`compute`], also keeping the rows whose id is `id` (for `explain`,
/// which must stop where `simulate` stops: the whole file is read and
/// computed).
pub fn compute_finding(
    plan: &Plan<'_>,
    engine: Engine,
    progress: &mut dyn FnMut(u64),
    warnings: &mut Vec<Warning>,
    id: Option<&str>,
) -> Result<(GroupTotals, Vec<Employee>), Error> {
    let (totals, found) = compute_all(
        &[plan],
        engine,
        &Ledger::default(),
        progress,
        warnings,
        (id, None),
    )?;
    Ok((totals.into_iter().next().unwrap_or_default(), found))
}

/// [`Inputs::compute_keeping`] on `ledger`.
fn compute_keeping(
    plans: &[&Plan<'_>],
    keep: Option<&Plan<'_>>,
    ledger: &Ledger,
    progress: &mut dyn FnMut(u64),
    warnings: &mut Vec<Warning>,
) -> Result<(Vec<GroupTotals>, Option<KeptWorkforce>), Error> {
    let Some(first) = keep.or(plans.first().copied()) else {
        return Ok((Vec::new(), None));
    };
    let mut keeper = keep.map(Keeper::new);
    let (totals, _) = compute_all(
        plans,
        Engine::Fast,
        ledger,
        progress,
        warnings,
        (
            None,
            Some((first, &mut |rows: &[Employee]| {
                if let Some(keeper) = keeper.as_mut() {
                    keeper.add(rows);
                }
            })),
        ),
    )?;
    let kept = keeper.map(Keeper::finish).transpose()?;
    Ok((totals, kept))
}

/// Also hands each chunk's rows to a keeper, its plan giving the workforce
/// to read when there is no plan to compute.
type Also<'k, 'p> = Option<(&'k Plan<'p>, &'k mut (dyn FnMut(&[Employee]) + Send))>;

/// [`compute`] for several plans of one scenario, from one reading of its
/// workforce (recorded in `ledger`), keeping the rows whose id is `id`
/// and handing every chunk to `also`.
fn compute_all(
    plans: &[&Plan<'_>],
    engine: Engine,
    ledger: &Ledger,
    progress: &mut dyn FnMut(u64),
    warnings: &mut Vec<Warning>,
    (id, mut also): (Option<&str>, Also<'_, '_>),
) -> Result<(Vec<GroupTotals>, Vec<Employee>), Error> {
    let Some(first) = plans.first().copied().or(also.as_ref().map(|(p, _)| *p)) else {
        return Ok((Vec::new(), Vec::new()));
    };
    let mut reader = open_workforce(first.scenario, first.grids, ledger, warnings)?;
    let mut totals: Vec<GroupTotals> = plans
        .iter()
        .map(|plan| GroupTotals {
            overall: plan.funding.totals(plan.scenario.measures.len()),
            ..GroupTotals::default()
        })
        .collect();
    let found = Mutex::new(Vec::new());
    let fast: Vec<FastEngine> = plans.iter().map(|p| FastEngine::new(p)).collect();
    let simulate = |rows: &[Employee]| {
        if let Some(id) = id {
            let mut found = found.lock().unwrap_or_else(PoisonError::into_inner);
            found.extend(rows.iter().filter(|e| e.id == id).cloned());
        }
        plans
            .iter()
            .zip(&fast)
            .map(|(plan, fast)| match engine {
                Engine::Fast => fast.simulate(rows),
                Engine::Reference => engine::simulate_reference(plan, rows),
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(Error::from)
    };
    let mut chunk = Vec::with_capacity(CHUNK_ROWS);
    // Two chunks in flight: one read while the other is converted and
    // computed.
    let mut current = reader.start(CHUNK_ROWS);
    let mut next = Default::default();
    while !current.is_done() {
        let also = &mut also;
        let parts = reader.pipelined(&mut current, &mut next, CHUNK_ROWS, &mut chunk, |rows| {
            if let Some((_, keep)) = also {
                keep(rows);
            }
            simulate(rows)
        })?;
        for (total, part) in totals.iter_mut().zip(parts) {
            *total = std::mem::take(total).merge(part);
        }
        progress(reader.bytes_read());
        std::mem::swap(&mut current, &mut next);
    }
    kept_some(first.scenario, &reader)?;
    let found = found.into_inner().unwrap_or_else(PoisonError::into_inner);
    Ok((totals, found))
}

/// The report of `totals`, computed under `plan`: one row per group in sort
/// order, and the totals row.
pub fn report(plan: &Plan<'_>, totals: &GroupTotals) -> Report {
    report::build(plan.scenario, &plan.keys, totals)
}

/// Opens the workforce of `scenario` (recorded in `ledger`), its header's
/// warnings into `warnings`
/// — or, under `strict`, an error.
pub fn open_workforce<'g>(
    scenario: &Scenario,
    grids: &'g Grids,
    ledger: &Ledger,
    warnings: &mut Vec<Warning>,
) -> Result<WorkforceReader<'g>, Error> {
    let mut reader = WorkforceReader::open(&scenario.workforce, ledger, grids)?;
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
            Location::file(std::path::Path::new(&format!("--where {condition}"))),
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
