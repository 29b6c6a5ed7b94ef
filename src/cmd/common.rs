//! What the commands share: the report flags (`--by`, `--format`,
//! `--output`) and `--set`, the default scenario, the progress bar, and
//! writing outputs atomically. Loading and running a scenario is the
//! library's ([`crate::pipeline`]).

use super::progress::Progress;
use crate::domain::GroupBy;
use crate::input::scenario::Override;
use crate::pipeline::Inputs;
use crate::report::assumptions::Assumptions;
use crate::report::{self, Format, Report};
use anyhow::{bail, Context, Result};
use clap::Args;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The scenario run when none is given, relative to the current folder.
const DEFAULT_SCENARIO: &str = "data/scenarios/conference-2022.toml";

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

    /// Where and how the output is written.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// Flags of where and how a command writes its output.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
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
        Ok(ReportConfig {
            by: self.by.clone(),
            format: self.out.format()?,
            output: self.out.output.clone(),
            excel: self.out.excel,
            quiet: self.out.quiet,
        })
    }
}

/// The format to write, from `--format`, else the `output` file's
/// extension (JSON, a workbook, else CSV), else a table on a terminal and
/// CSV otherwise; an error for a workbook on standard output or `--excel`
/// with another format than CSV.
fn output_format(format: Option<Format>, output: Option<&Path>, excel: bool) -> Result<Format> {
    let extension =
        |p: &Path, ext: &str| p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext));
    let format = format.unwrap_or_else(|| match output {
        Some(p) if extension(p, "json") => Format::Json,
        Some(p) if extension(p, "xlsx") => Format::Xlsx,
        Some(_) => Format::Csv,
        None if io::stdout().is_terminal() => Format::Table,
        None => Format::Csv,
    });
    if format == Format::Xlsx && output.is_none() {
        bail!(
            "--format xlsx writes a binary workbook: add `--output FILE.xlsx` \
             (standard output is for text formats)"
        );
    }
    if excel && format != Format::Csv {
        bail!("--excel is a CSV dialect: use it with `--format csv`");
    }
    Ok(format)
}

impl OutputArgs {
    /// The format to write ([`output_format`]).
    pub fn format(&self) -> Result<Format> {
        output_format(self.format, self.output.as_deref(), self.excel)
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

/// A progress bar over the workforce file of `inputs`.
pub fn workforce_progress(inputs: &Inputs, quiet: bool) -> Progress {
    let size = std::fs::metadata(&inputs.scenario.workforce).map_or(0, |m| m.len());
    Progress::new(size, quiet)
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
