//! What the commands share: the report flags (`--by`, `--format`,
//! `--output`), loading a scenario with its inputs, streaming the workforce
//! through the engine, and writing outputs atomically.

use super::progress::Progress;
use crate::domain::grid::Grids;
use crate::domain::params::Parameters;
use crate::domain::scenario::Scenario;
use crate::domain::GroupBy;
use crate::engine::{self, GroupTotals, Plan, Totals};
use crate::input::grids::read_grids;
use crate::input::parameters::read_parameters;
use crate::input::scenario::{read_scenario_with, Override};
use crate::input::workforce::WorkforceReader;
use crate::report::assumptions::{tidy_path, Assumptions, FileChecksum};
use crate::report::{self, sha256, Format, Report};
use anyhow::{bail, Context, Result};
use clap::Args;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The scenario run when none is given, relative to the current folder.
pub const DEFAULT_SCENARIO: &str = "data/scenarios/conference-2022.toml";

/// Employees read and computed at a time: memory stays bounded by this and by
/// the number of groups, not by the size of the file.
pub const CHUNK_ROWS: usize = 64 * 1024;

/// Flags shared by the commands that print a report.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Group by these keys, comma-separated, in this order: departement,
    /// region, year, measure, convention, job, filiere, funder.
    #[arg(
        long,
        value_name = "KEYS",
        value_delimiter = ',',
        default_value = "departement,year"
    )]
    pub by: Vec<GroupBy>,

    /// Output format [default: table on a terminal, csv otherwise].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Write the output to FILE (atomically: all of it or nothing) instead of
    /// standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// With --format csv: the dialect of a French Excel (`;` delimiter,
    /// decimal comma, UTF-8 BOM), same columns.
    #[arg(long)]
    pub excel: bool,

    /// No progress bar on stderr (it is shown only on a terminal, for runs
    /// over a second).
    #[arg(long, short)]
    pub quiet: bool,
}

/// The `--set` flag, shared by the commands that run a scenario.
#[derive(Debug, Clone, Default, Args)]
pub struct OverrideArgs {
    /// Override a scenario value without editing the file (repeatable):
    /// `measure.<id>.amount=200`, `years=2022..2030`,
    /// `measure.<id>.funding.etat=1/2`, `measure.<id>.eligible.filiere=soins`.
    /// VALUE is read as TOML, else as a plain string.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<Override>,
}

/// The report flags, validated.
#[derive(Debug, Clone)]
pub struct ReportConfig {
    /// Grouping keys, distinct.
    pub by: Vec<GroupBy>,
    /// The format, resolved.
    pub format: Format,
    /// Output file, or standard output.
    pub output: Option<PathBuf>,
    /// CSV in the French Excel dialect.
    pub excel: bool,
    /// No progress bar.
    pub quiet: bool,
}

impl ReportArgs {
    /// Checks the flags and decides the format: JSON for a `.json` output
    /// file, a table on a terminal, CSV otherwise.
    pub fn config(&self) -> Result<ReportConfig> {
        let mut seen = Vec::new();
        for key in &self.by {
            if seen.contains(key) {
                bail!("--by names `{key}` twice (each key at most once)");
            }
            seen.push(*key);
        }
        if self.by.is_empty() {
            bail!("--by needs at least one key");
        }
        let extension =
            |p: &Path, ext: &str| p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext));
        let format = self.format.unwrap_or_else(|| match &self.output {
            Some(p) if extension(p, "json") => Format::Json,
            Some(p) if extension(p, "xlsx") => Format::Xlsx,
            Some(_) => Format::Csv,
            None if io::stdout().is_terminal() => Format::Table,
            None => Format::Csv,
        });
        if format == Format::Xlsx && self.output.is_none() {
            bail!(
                "--format xlsx writes a binary workbook: add `--output FILE.xlsx` \
                 (standard output is for text formats)"
            );
        }
        if self.excel && format != Format::Csv {
            bail!("--excel is a CSV dialect: use it with `--format csv`");
        }
        Ok(ReportConfig {
            by: self.by.clone(),
            format,
            output: self.output.clone(),
            excel: self.excel,
            quiet: self.quiet,
        })
    }
}

/// The scenario file to run: the one given, or the shipped default.
pub fn scenario_path(given: Option<&Path>) -> PathBuf {
    match given {
        Some(p) => p.to_path_buf(),
        None => {
            let here = PathBuf::from(DEFAULT_SCENARIO);
            if here.is_file() {
                return here;
            }
            // Run from elsewhere (e.g. an installed binary): the shipped copy.
            let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_SCENARIO);
            if shipped.is_file() {
                shipped
            } else {
                here
            }
        }
    }
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

impl Inputs {
    /// Reads the scenario at `path`, then its grids and parameters.
    pub fn load(path: &Path) -> Result<Inputs> {
        Inputs::load_with(path, &[])
    }

    /// Reads the scenario at `path` with `overrides` (`--set`) applied, then
    /// its grids and parameters.
    pub fn load_with(path: &Path, overrides: &[Override]) -> Result<Inputs> {
        let scenario = read_scenario_with(path, overrides)?;
        let grids = read_grids(&scenario.grids)?;
        let parameters = read_parameters(&scenario.parameters)?;
        Ok(Inputs {
            scenario,
            grids,
            parameters,
        })
    }

    /// The plan of the scenario grouped by `by`.
    pub fn plan(&self, by: Vec<GroupBy>) -> Result<Plan<'_>> {
        Ok(Plan::new(
            &self.scenario,
            &self.grids,
            &self.parameters,
            by,
        )?)
    }
}

/// Which implementation of the arithmetic computes the totals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Engine {
    /// [`engine::fast::FastEngine`]: stretches of identical months.
    #[default]
    Fast,
    /// [`engine::simulate_reference`]: month by month, the definition
    /// (slower; for checking the fast path at scale).
    Reference,
}

/// Streams the workforce through the engine, chunk by chunk.
pub fn compute(plan: &Plan<'_>) -> Result<GroupTotals> {
    compute_with(plan, &mut Progress::hidden(), Engine::Fast)
}

/// [`compute`] by `engine`, reporting the bytes read to `progress`.
pub fn compute_with(
    plan: &Plan<'_>,
    progress: &mut Progress,
    engine: Engine,
) -> Result<GroupTotals> {
    let path = &plan.scenario.workforce;
    let mut reader = WorkforceReader::open(path, plan.grids)?;
    let mut totals = GroupTotals {
        overall: Totals::new(plan.scenario.measures.len()),
        ..GroupTotals::default()
    };
    let fast = engine::fast::FastEngine::new(plan);
    let mut chunk = Vec::with_capacity(CHUNK_ROWS);
    // Two chunks in flight: one read while the other is converted and
    // computed.
    let mut current = reader.start(CHUNK_ROWS);
    let mut next = Default::default();
    while !current.is_done() {
        let part =
            reader.pipelined(
                &mut current,
                &mut next,
                CHUNK_ROWS,
                &mut chunk,
                |rows| match engine {
                    Engine::Fast => fast.simulate(rows).map_err(anyhow::Error::from),
                    Engine::Reference => {
                        engine::simulate_reference(plan, rows).map_err(anyhow::Error::from)
                    }
                },
            )?;
        totals = totals.merge(part);
        progress.set(reader.bytes_read());
        std::mem::swap(&mut current, &mut next);
    }
    progress.finish();
    Ok(totals)
}

/// A progress bar over the workforce file of `inputs`.
pub fn workforce_progress(inputs: &Inputs, quiet: bool) -> Progress {
    let size = std::fs::metadata(&inputs.scenario.workforce).map_or(0, |m| m.len());
    Progress::new(size, quiet)
}

/// Reads and validates the whole workforce without computing anything:
/// the floor under `simulate`'s time. Returns the number of rows.
pub fn parse_only(inputs: &Inputs, progress: &mut Progress) -> Result<usize> {
    let mut reader = WorkforceReader::open(&inputs.scenario.workforce, &inputs.grids)?;
    let mut chunk = Vec::with_capacity(CHUNK_ROWS);
    let mut rows = 0;
    while reader.next_chunk(CHUNK_ROWS, &mut chunk)? {
        rows += chunk.len();
        progress.set(reader.bytes_read());
    }
    progress.finish();
    Ok(rows)
}

/// Runs a scenario and builds its report.
pub fn run_report(inputs: &Inputs, by: Vec<GroupBy>) -> Result<Report> {
    run_report_with(inputs, by, &mut Progress::hidden(), Engine::Fast)
}

/// [`run_report`] by `engine`, reporting progress.
pub fn run_report_with(
    inputs: &Inputs,
    by: Vec<GroupBy>,
    progress: &mut Progress,
    engine: Engine,
) -> Result<Report> {
    let plan = inputs.plan(by)?;
    let totals = compute_with(&plan, progress, engine)?;
    Ok(report::build(&inputs.scenario, &plan.keys, &totals))
}

/// Writes `report` as `config` says; a workbook also gets a sheet of the
/// `assumptions` when given.
pub fn write_report(
    report: &Report,
    config: &ReportConfig,
    assumptions: Option<&Assumptions>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = out;
    match config.format {
        Format::Table => report::table::write(report, &mut out),
        Format::Csv if config.excel => report::csv::write_excel(report, &mut out),
        Format::Csv => report::csv::write(report, &mut out),
        Format::Json => report::json::write(report, &mut out),
        Format::Xlsx => {
            let mut sheets = vec![report::xlsx::report_sheet(report)];
            sheets.extend(assumptions.map(report::xlsx::assumptions_sheet));
            report::xlsx::write(&sheets, out)
        }
    }
}

/// The assumptions of the loaded scenario, with the SHA-256 of each data
/// file it read (the scenario, the workforce, every file of the grids folder
/// and every CSV of the parameters folder).
pub fn assumptions(inputs: &Inputs) -> Result<Assumptions> {
    let scenario = &inputs.scenario;
    let mut files = vec![
        ("scénario", scenario.path.clone()),
        ("effectifs", scenario.workforce.clone()),
    ];
    for (role, folder, only_csv) in [
        ("grilles", &scenario.grids, false),
        ("paramètres", &scenario.parameters, true),
    ] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
            .with_context(|| format!("cannot read the folder `{}`", folder.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .filter(|p| !only_csv || p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
            .collect();
        found.sort();
        files.extend(found.into_iter().map(|p| (role, p)));
    }
    let mut checksums = Vec::new();
    for (role, path) in files {
        let file = std::fs::File::open(&path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
        let sha256 = sha256::hex_of_reader(io::BufReader::new(file))
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        checksums.push(FileChecksum {
            role: role.to_string(),
            path: tidy_path(&path).display().to_string(),
            bytes,
            sha256,
        });
    }
    Ok(Assumptions::new(scenario, &inputs.parameters, checksums))
}

/// Gives the new file the mode of the file it replaces, or `rw-r--r--` for a
/// new one: a temporary file is private (0600), an output file should not be.
fn set_output_permissions(file: &std::fs::File, target: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = match std::fs::metadata(target) {
            Ok(existing) => existing.permissions(),
            Err(_) => std::fs::Permissions::from_mode(0o644),
        };
        file.set_permissions(permissions)?;
    }
    #[cfg(not(unix))]
    let _ = (file, target);
    Ok(())
}

/// Writes with `write` to `path` atomically (a temporary file in the same
/// folder, renamed over the target only once complete), or to standard
/// output when `path` is `None`.
pub fn write_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    match path {
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            write(&mut out)?;
            out.flush()?;
            Ok(())
        }
        Some(path) => {
            let folder = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let temp = tempfile::Builder::new()
                .prefix(".revalo-")
                .tempfile_in(folder)
                .with_context(|| {
                    format!("cannot create a temporary file in `{}`", folder.display())
                })?;
            let mut out = BufWriter::new(temp);
            write(&mut out).with_context(|| format!("cannot write `{}`", path.display()))?;
            let temp = out
                .into_inner()
                .map_err(|e| e.into_error())
                .with_context(|| format!("cannot write `{}`", path.display()))?;
            temp.as_file()
                .sync_all()
                .with_context(|| format!("cannot write `{}`", path.display()))?;
            set_output_permissions(temp.as_file(), path)
                .with_context(|| format!("cannot write `{}`", path.display()))?;
            temp.persist(path)
                .map_err(|e| e.error)
                .with_context(|| format!("cannot write `{}`", path.display()))?;
            Ok(())
        }
    }
}
