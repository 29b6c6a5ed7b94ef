//! What the commands share: the report flags (`--by`, `--format`,
//! `--output`) and `--set`, the scenario to run, the progress bar, and
//! writing outputs atomically. Loading and running a scenario is the
//! library's ([`crate::pipeline`]).

use super::progress::Progress;
use crate::domain::filter::{Condition, RowFilter};
use crate::domain::{GroupBy, Source};
use crate::input::scenario::Override;
use crate::input::Warning;
use crate::pipeline::Inputs;
use crate::report::assumptions::Assumptions;
use crate::report::{self, Format, Report};
use anyhow::{bail, Context, Result};
use clap::Args;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

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

    /// Make every warning of the reading an error (exit 2): a column not
    /// used, a value carried past its data. The same as `strict = true` in
    /// the scenario.
    #[arg(long)]
    pub strict: bool,

    /// Keep only the workforce rows where KEY is VALUE (repeatable: every
    /// condition holds; `KEY=A,B`: either value). Keys: departement,
    /// region, convention, job, filiere, funder, sector, establishment.
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub filter: Vec<Condition>,
}

impl OverrideArgs {
    /// The scenario `source` with its grids and parameters, these
    /// overrides (`--set`, `--strict`) applied and the rows kept by every
    /// `--where`: how every command that reads a workforce loads it, so
    /// that none forgets a flag.
    pub fn load(&self, source: &Source) -> Result<Inputs, crate::pipeline::Error> {
        self.load_with(source, &self.all())
    }

    /// [`OverrideArgs::load`] with `overrides` instead of these flags'
    /// (`compare`'s variant adds its own `--set-variant`).
    pub fn load_with(
        &self,
        source: &Source,
        overrides: &[Override],
    ) -> Result<Inputs, crate::pipeline::Error> {
        Ok(Inputs::load(source, overrides)?.with_filter(self.row_filter()))
    }

    /// The rows to keep: every `--where`.
    pub fn row_filter(&self) -> RowFilter {
        RowFilter(self.filter.clone())
    }

    /// The overrides to apply: every `--set`, then `strict = true` for
    /// `--strict`.
    pub fn all(&self) -> Vec<Override> {
        let mut all = self.set.clone();
        if self.strict {
            all.push(Override::strict());
        }
        all
    }
}

/// Prints `warnings` on standard error, each once, in the order met: the one
/// place where the warnings of the reading reach the user (the library
/// returns them; `validate` lists its own on standard output).
pub fn print_warnings(warnings: &[Warning]) {
    let mut err = io::stderr().lock();
    for w in crate::input::warning::distinct(warnings) {
        // A closed standard error cannot be told about.
        let _ = writeln!(err, "{w}");
    }
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

/// The scenario to run: the file given (or `shipped:PATH`), or the
/// shipped default, the same from any folder.
pub fn scenario_source(given: Option<&Path>) -> Result<Source> {
    match given {
        Some(p) => Source::given(p).map_err(anyhow::Error::msg),
        None => Ok(Source::default_scenario()),
    }
}

/// A progress bar over the workforce file of `inputs`.
pub fn workforce_progress(inputs: &Inputs, quiet: bool) -> Progress {
    let size = crate::input::source::size(&inputs.scenario.workforce);
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
/// output when `path` is `None`. A symbolic link is followed: its target is
/// replaced, in the target's folder, and the link stays. A path that is not
/// a regular file — `/dev/stdout`, `/dev/null`, a named pipe — is written
/// through, as a stream (docs/formats.md, rule 46).
pub fn write_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let Some(path) = path else {
        let stdout = io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        write(&mut out)?;
        out.flush()?;
        return Ok(());
    };
    let cannot = || format!("cannot write `{}`", path.display());
    // The system follows the links to a device (`/dev/stdout` is one, to a
    // link of /proc that names no file).
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => bail!("cannot write `{}`: it is a folder", path.display()),
        Ok(m) if !m.is_file() => {
            let device = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(cannot)?;
            let mut out = BufWriter::new(device);
            write(&mut out).with_context(cannot)?;
            out.flush().with_context(cannot)?;
            Ok(())
        }
        _ => {
            let target = follow_links(path).with_context(cannot)?;
            write_atomically(path, &target, write)
        }
    }
}

/// The file that `path` names once its symbolic links are followed (a
/// link to nothing yet gives the path it points to).
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    // As the system does, give up after 40 links.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(folder) if to.is_relative() => folder.join(to),
                    _ => to,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Writes to a temporary file in `target`'s folder and renames it over
/// `target` once complete (`path` as the user named it, for messages).
fn write_atomically(
    path: &Path,
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let cannot = || format!("cannot write `{}`", path.display());
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(".revalo-")
        .tempfile_in(folder)
        .with_context(|| format!("cannot create a temporary file in `{}`", folder.display()))?;
    let mut out = BufWriter::new(temp);
    write(&mut out).with_context(cannot)?;
    let temp = out
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(cannot)?;
    temp.as_file().sync_all().with_context(cannot)?;
    set_output_permissions(temp.as_file(), target).with_context(cannot)?;
    temp.persist(target)
        .map_err(|e| e.error)
        .with_context(cannot)?;
    Ok(())
}
