//! Reads a grids folder: `conventions.csv`, one `<grid>.csv` per grid file,
//! and `point_values.csv`.

use super::csvfile::{Column, CsvFile, Row, EFFECTIVE, NOTES};
use super::error::{or_push, InputError};
use super::sheet;
use super::source::{is_file, open_csv, Ledger};
use super::warning::Warning;
use crate::domain::fold::fold;
use crate::domain::grid::{Convention, Grid, GridRanges, Grids, Job, Step};
use crate::domain::params::Schedule;
use crate::domain::Location;
use crate::domain::{Date, Sector, Source};
use rust_decimal::Decimal;

pub(crate) const CONVENTION_COLUMNS: &[Column] = &[
    Column::required("convention", &["ccn", "code convention", "id"]),
    Column::optional("label", &["libellé", "intitulé", "nom"]),
    Column::optional("idcc", &["code idcc"]),
    Column::required("sector", &["secteur", "secteur juridique"]),
    Column::optional("grid", &["grille", "fichier grille"]),
    Column::optional("complement_in_smic", &["complément compté dans le smic"]),
    NOTES,
];

pub(crate) const GRID_COLUMNS: &[Column] = &[
    Column::required(
        "job",
        &["emploi", "métier", "code emploi", "code métier", "code"],
    ),
    Column::optional(
        "label",
        &["libellé", "intitulé", "libellé emploi", "intitulé emploi"],
    ),
    Column::required(
        "filiere",
        &["filière", "filière métier", "famille de métiers"],
    ),
    Column::required("echelon", &["échelon", "step"]),
    Column::optional(
        "seniority_months",
        &["ancienneté en mois", "ancienneté mois", "mois d'ancienneté"],
    ),
    Column::optional(
        "duration_months",
        &["durée en mois", "durée mois", "durée de l'échelon"],
    ),
    Column::required(
        "coefficient",
        &[
            "coef",
            "coeff",
            "coefficient hiérarchique",
            "nombre de points",
            "indice majoré",
            "im",
        ],
    ),
    Column::optional(
        "complement_pct",
        &[
            "complément",
            "complément en pourcentage",
            "pourcentage de complément",
        ],
    ),
    Column::optional(
        "effective",
        &["date d'effet", "effet", "à compter du", "date de valeur"],
    ),
    // Information only (docs/formats.md, rule 35): read by people, not by
    // revalo.
    Column::optional("indice_brut", &["indice brut", "ib"]),
    Column::optional("status", &["statut"]),
    NOTES,
];

pub(crate) const POINT_COLUMNS: &[Column] = &[
    Column::required("convention", &["ccn", "code convention"]),
    EFFECTIVE,
    Column::required("value", &["valeur", "valeur du point", "valeur point"]),
    NOTES,
];

const DATE: &str = "a date YYYY-MM-DD or DD/MM/YYYY";

/// Reads every file of a grids folder once, each recorded in `ledger`;
/// fails on the first problem. The header warnings of its files go to
/// `warnings`.
pub fn read_grids(
    folder: &Source,
    ledger: &Ledger,
    warnings: &mut Vec<Warning>,
) -> Result<Grids, InputError> {
    let mut errors = Vec::new();
    let grids = read_grids_lenient(folder, ledger, &mut errors, warnings);
    match grids {
        Some(g) if errors.is_empty() => Ok(g),
        _ => Err(errors.into_iter().next().unwrap_or_else(|| {
            InputError::invalid(Location::file(folder), "cannot read the grids")
        })),
    }
}

/// Reads every file of a grids folder, keeping every problem in `errors`
/// and going on past a bad row, which is left out (for `validate`). `None`
/// when `conventions.csv` or `point_values.csv` cannot be opened.
pub fn read_grids_lenient(
    folder: &Source,
    ledger: &Ledger,
    errors: &mut Vec<InputError>,
    warnings: &mut Vec<Warning>,
) -> Option<Grids> {
    let (mut conventions, places, grids) = read_conventions(folder, ledger, errors, warnings)?;
    read_point_values(folder, ledger, &mut conventions, errors, warnings)?;
    let mut grids = Grids::new(conventions, grids);
    grids.places = places;
    Some(grids)
}

/// The file of a grids folder named `stem`: `stem.csv`, or a spreadsheet
/// `stem.xlsx`, `.xlsm`, `.xls` or `.ods`; a name that is itself a
/// spreadsheet's (`grilles.xlsx#CCN66`) is taken as it is. `stem.csv` when
/// none exists, for the message.
fn data_file(folder: &Source, stem: &str) -> Source {
    let named = folder.join(stem);
    if sheet::target(named.name()).is_some() {
        return named;
    }
    std::iter::once("csv")
        .chain(sheet::EXTENSIONS.iter().copied())
        .map(|ext| folder.join(&format!("{stem}.{ext}")))
        .find(is_file)
        .unwrap_or_else(|| folder.join(&format!("{stem}.csv")))
}

/// Opens `path` with `columns`, its header warnings into `warnings` and an
/// error into `errors`.
fn open(
    path: &Source,
    ledger: &Ledger,
    columns: &'static [Column],
    errors: &mut Vec<InputError>,
    warnings: &mut Vec<Warning>,
) -> Option<CsvFile> {
    match open_csv(path, ledger, columns) {
        Ok(file) => {
            warnings.extend_from_slice(file.warnings());
            Some(file)
        }
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// `conventions.csv`, and the grid file that each convention names, each
/// read once: the conventions (their point values not read yet), where
/// each is defined, and the grids.
fn read_conventions(
    folder: &Source,
    ledger: &Ledger,
    errors: &mut Vec<InputError>,
    warnings: &mut Vec<Warning>,
) -> Option<(Vec<Convention>, Vec<Location>, Vec<Grid>)> {
    let mut conventions: Vec<Convention> = Vec::new();
    let mut places: Vec<Location> = Vec::new();
    let mut grids: Vec<Grid> = Vec::new();
    // Every filière as first written: `Soins` in one grid is `soins` in the
    // next (docs/formats.md, rule 29).
    let mut filieres: Vec<String> = Vec::new();
    let path = data_file(folder, "conventions");
    let mut file = open(&path, ledger, CONVENTION_COLUMNS, errors, warnings)?;
    let has_grid_column = file.has("grid");
    file.each_row_lenient(errors, |row, errors| {
        let id = row.required("convention", "a convention id")?.into_owned();
        if conventions.iter().any(|c| c.id == id) {
            return Err(InputError::invalid(
                row.location("convention"),
                format!("convention `{id}` is listed twice"),
            ));
        }
        let sector: Sector = row.parse("sector", "prive_non_lucratif, prive_lucratif or public")?;
        let grid_name = match row.text("grid") {
            g if g.is_empty() => id.clone(),
            g => g.into_owned(),
        };
        if grid_name.contains(['/', '\\']) || grid_name.starts_with('.') {
            return Err(row.invalid(
                "grid",
                "the name of a grid file in the same folder, without `.csv`",
            ));
        }
        let grid = match grids.iter().position(|g| g.name == grid_name) {
            Some(i) => i,
            None => {
                let grid_path = data_file(folder, &grid_name);
                if !is_file(&grid_path) {
                    let column = if has_grid_column {
                        "grid"
                    } else {
                        "convention"
                    };
                    return Err(InputError::invalid(
                        row.location(column),
                        format!("no grid file `{grid_path}` for convention `{id}`"),
                    ));
                }
                // A grid file that cannot be read has said why.
                let Some(grid) =
                    read_grid_lenient(&grid_path, ledger, &grid_name, &mut filieres, errors, warnings)
                else {
                    return Ok(());
                };
                grids.push(grid);
                grids.len() - 1
            }
        };
        places.push(row.location("convention"));
        conventions.push(Convention {
            id,
            label: row.text("label").into_owned(),
            idcc: row.text("idcc").into_owned(),
            sector,
            grid,
            point_values: Schedule::default(),
            // docs/formats.md, rule 33: counted unless the file says not.
            complement_in_smic: row
                .boolean_optional(
                    "complement_in_smic",
                    "true or false (whether complement_pct counts toward the SMIC), or nothing for true",
                )?
                .unwrap_or(true),
        });
        Ok(())
    });
    Some((conventions, places, grids))
}

/// `point_values.csv`, into the schedules of `conventions`.
fn read_point_values(
    folder: &Source,
    ledger: &Ledger,
    conventions: &mut [Convention],
    errors: &mut Vec<InputError>,
    warnings: &mut Vec<Warning>,
) -> Option<()> {
    let path = data_file(folder, "point_values");
    let mut file = open(&path, ledger, POINT_COLUMNS, errors, warnings)?;
    file.each_row_lenient(errors, |row, errors| {
        let expected = "a convention of conventions.csv";
        let id = or_push(row.required("convention", expected), errors);
        let found = id.as_ref().and_then(|id| {
            conventions.iter().position(|c| c.id == *id).or_else(|| {
                let key = fold(id);
                let folded: Vec<usize> = (0..conventions.len())
                    .filter(|i| fold(&conventions[*i].id) == key)
                    .collect();
                (folded.len() == 1).then(|| folded[0])
            })
        });
        if id.is_some() && found.is_none() {
            errors.push(row.invalid("convention", expected));
        }
        let effective: Option<Date> = or_push(row.parse("effective", DATE), errors);
        let value = or_push(
            row.decimal_within(
                "value",
                "a value of the point in euros, 0 < value ≤ 100000",
                |v| v > Decimal::ZERO && v <= GridRanges::MAX_POINT_VALUE,
            ),
            errors,
        );
        let (Some(c), Some(effective), Some(value)) = (found, effective, value) else {
            return Ok(());
        };
        let c = &mut conventions[c];
        if c.point_values
            .insert_from(effective, value, row.location("effective"))
            .is_err()
        {
            return Err(InputError::invalid(
                row.location("effective"),
                format!(
                    "a second point value for `{}` effective {effective} (one value per date)",
                    c.id
                ),
            ));
        }
        Ok(())
    });
    Some(())
}

/// How a grid file places its steps: from a seniority, or by the time
/// spent in each (docs/formats.md, rule 35).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seniority {
    /// `seniority_months`: months from which each step applies.
    From,
    /// `duration_months`: months spent in each step before the next.
    Durations,
}

/// A job as its rows are read: its versions (rows of one `effective`
/// date), and the line it was first seen on, for messages.
struct JobRows {
    code: String,
    label: String,
    filiere: String,
    first_line: u64,
    versions: Vec<(Option<Date>, Vec<StepRow>)>,
}

/// A step as read, with its duration (`duration_months` grids) and line.
struct StepRow {
    step: Step,
    duration: Option<u32>,
    line: u64,
}

/// Reads one grid file, keeping every problem in `errors` and going on past
/// a bad row (which is left out); `None` when the file cannot be opened. A
/// filière is written as in `filieres` when it folds like one seen before.
fn read_grid_lenient(
    path: &Source,
    ledger: &Ledger,
    name: &str,
    filieres: &mut Vec<String>,
    errors: &mut Vec<InputError>,
    warnings: &mut Vec<Warning>,
) -> Option<Grid> {
    let mut file = open(path, ledger, GRID_COLUMNS, errors, warnings)?;
    let seniority = match (file.has("seniority_months"), file.has("duration_months")) {
        (true, false) => Seniority::From,
        (false, true) => Seniority::Durations,
        _ => {
            errors.push(InputError::invalid(
                Location::line(path, 1),
                "a grid has a column `seniority_months` (months of seniority from which each step applies) or `duration_months` (months spent in each step), exactly one of them",
            ));
            return None;
        }
    };
    let mut jobs: Vec<JobRows> = Vec::new();
    file.each_row_lenient(errors, |row, errors| {
        add_grid_row(row, seniority, filieres, &mut jobs, errors)
    });
    let jobs = jobs
        .into_iter()
        .filter_map(|job| finish_job((path, &file), job, seniority, errors))
        .collect();
    Some(Grid {
        name: name.to_string(),
        jobs,
    })
}

/// One row of a grid file into its job's version.
fn add_grid_row(
    row: &Row<'_>,
    seniority: Seniority,
    filieres: &mut Vec<String>,
    jobs: &mut Vec<JobRows>,
    errors: &mut Vec<InputError>,
) -> Result<(), InputError> {
    let Some((code, filiere, effective, step)) = grid_row(row, seniority, errors) else {
        return Ok(());
    };
    let filiere = match filieres.iter().find(|f| fold(f) == fold(&filiere)) {
        Some(first) => first.clone(),
        None => {
            filieres.push(filiere.clone());
            filiere
        }
    };
    let i = match jobs.iter().position(|j| j.code == code) {
        Some(i) => i,
        None => {
            jobs.push(JobRows {
                code: code.clone(),
                label: row.text("label").into_owned(),
                filiere: filiere.clone(),
                first_line: row.line,
                versions: Vec::new(),
            });
            jobs.len() - 1
        }
    };
    let job = &mut jobs[i];
    if job.filiere != filiere {
        return Err(InputError::invalid(
            row.location("filiere"),
            format!(
                "job `{code}` has filière `{filiere}` here but `{}` on line {} (a job has one filière)",
                job.filiere, job.first_line
            ),
        ));
    }
    let v = match job.versions.iter().position(|(d, _)| *d == effective) {
        Some(v) => v,
        None => {
            job.versions.push((effective, Vec::new()));
            job.versions.len() - 1
        }
    };
    let steps = &mut job.versions[v].1;
    if steps.iter().any(|s| s.step.echelon == step.step.echelon) {
        return Err(InputError::invalid(
            row.location("echelon"),
            format!(
                "job `{code}` has echelon {} twice{}",
                step.step.echelon,
                in_version(effective)
            ),
        ));
    }
    steps.push(step);
    Ok(())
}

/// ` in its version effective D`, or nothing for an undated grid.
fn in_version(effective: Option<Date>) -> String {
    effective.map_or_else(String::new, |d| format!(" in its version effective {d}"))
}

/// A job once its rows are read: each version's steps in echelon order,
/// their seniority from the durations of the steps below them
/// (`duration_months`), the first at 0 months; `None` (the problem in
/// `errors`) when a version does not say when its steps apply.
fn finish_job(
    (path, file): (&Source, &CsvFile),
    job: JobRows,
    seniority: Seniority,
    errors: &mut Vec<InputError>,
) -> Option<Job> {
    let mut versions = Vec::with_capacity(job.versions.len());
    let mut ok = true;
    for (effective, mut rows) in job.versions {
        rows.sort_by_key(|r| r.step.echelon);
        if seniority == Seniority::Durations {
            let mut months: u32 = 0;
            let last = rows.len() - 1;
            for (i, r) in rows.iter_mut().enumerate() {
                r.step.seniority_months = months;
                match r.duration {
                    Some(d) => months = months.saturating_add(d),
                    None if i < last => {
                        errors.push(InputError::invalid(
                            file.location_of(r.line, "duration_months"),
                            format!(
                                "echelon {} of job `{}`{} has no duration, and only the last echelon may have none",
                                r.step.echelon,
                                job.code,
                                in_version(effective)
                            ),
                        ));
                        ok = false;
                    }
                    None => {}
                }
            }
        } else if rows[0].step.seniority_months != 0 {
            errors.push(InputError::invalid(
                Location::line(path, job.first_line),
                format!(
                    "the first step of job `{}`{} must start at 0 months of seniority",
                    job.code,
                    in_version(effective)
                ),
            ));
            ok = false;
        }
        versions.push((effective, rows.into_iter().map(|r| r.step).collect()));
    }
    ok.then(|| Job::dated(job.code, job.label, job.filiere, versions))
}

/// One row of a grid file: the job's code, its filière, the version's
/// effective date and the step, with its duration (`duration_months`);
/// `None` with every problem of the row pushed to `errors`, in column order.
fn grid_row(
    row: &Row<'_>,
    seniority: Seniority,
    errors: &mut Vec<InputError>,
) -> Option<(String, String, Option<Date>, StepRow)> {
    let code = or_push(row.required("job", "a job code"), errors);
    let filiere = or_push(
        row.required("filiere", "a filière (socio-educatif, soins, …)"),
        errors,
    );
    let echelon = or_push(
        row.parse_within(
            "echelon",
            "a step number 1, 2, … up to 1000",
            |e: &u32| (1..=GridRanges::MAX_ECHELON).contains(e),
        ),
        errors,
    );
    let (seniority_months, duration) = match seniority {
        Seniority::From => (
            or_push(
                row.parse_within(
                    "seniority_months",
                    "a whole number of months from 0 to 1200",
                    |m: &u32| *m <= GridRanges::MAX_SENIORITY_MONTHS,
                ),
                errors,
            ),
            Some(None),
        ),
        Seniority::Durations => (
            Some(0),
            or_push(
                row.parse_optional(
                    "duration_months",
                    "a whole number of months ≥ 0 (empty on the last echelon)",
                ),
                errors,
            ),
        ),
    };
    let coefficient = or_push(
        row.decimal_within(
            "coefficient",
            "a number of points, 0 ≤ coefficient ≤ 10000",
            |c| c >= Decimal::ZERO && c <= GridRanges::MAX_COEFFICIENT,
        ),
        errors,
    );
    let complement_pct = or_push(
        row.decimal_optional_within(
            "complement_pct",
            "a percentage 0 ≤ complement_pct ≤ 100, or nothing",
            |c| c >= Decimal::ZERO && c <= GridRanges::MAX_COMPLEMENT_PCT,
        ),
        errors,
    );
    let effective: Option<Option<Date>> = or_push(row.parse_optional("effective", DATE), errors);
    let step = Step {
        echelon: echelon?,
        seniority_months: seniority_months?,
        coefficient: coefficient?,
        complement_pct: complement_pct?.unwrap_or(Decimal::ZERO),
    };
    Some((
        code?.into_owned(),
        filiere?.into_owned(),
        effective?,
        StepRow {
            step,
            duration: duration?,
            line: row.line,
        },
    ))
}
