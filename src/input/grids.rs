//! Reads a grids folder: `conventions.csv`, one `<grid>.csv` per grid file,
//! and `point_values.csv`.

use super::csvfile::{Column, CsvFile, Row, EFFECTIVE, NOTES};
use super::error::InputError;
use super::sheet;
use super::warning::Warning;
use crate::domain::fold::fold;
use crate::domain::grid::{Convention, Grid, Grids, Job, Step};
use crate::domain::params::Schedule;
use crate::domain::Location;
use crate::domain::{Date, Sector};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

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
    Column::required(
        "seniority_months",
        &[
            "ancienneté en mois",
            "ancienneté mois",
            "mois d'ancienneté",
            "durée en mois",
        ],
    ),
    Column::required(
        "coefficient",
        &[
            "coef",
            "coeff",
            "coefficient hiérarchique",
            "nombre de points",
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
    NOTES,
];

pub(crate) const POINT_COLUMNS: &[Column] = &[
    Column::required("convention", &["ccn", "code convention"]),
    EFFECTIVE,
    Column::required("value", &["valeur", "valeur du point", "valeur point"]),
    NOTES,
];

const DATE: &str = "a date YYYY-MM-DD or DD/MM/YYYY";

/// Reads every file of a grids folder; fails on the first problem. The
/// header warnings of its files go to `warnings`.
pub fn read_grids(folder: &Path, warnings: &mut Vec<Warning>) -> Result<Grids, InputError> {
    let mut errors = Vec::new();
    let grids = read_grids_lenient(folder, &mut errors, warnings);
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
    folder: &Path,
    errors: &mut Vec<InputError>,
    warnings: &mut Vec<Warning>,
) -> Option<Grids> {
    let (mut conventions, grids) = read_conventions(folder, errors, warnings)?;
    read_point_values(folder, &mut conventions, errors, warnings)?;
    Some(Grids::new(conventions, grids))
}

/// The file of a grids folder named `stem`: `stem.csv`, or a spreadsheet
/// `stem.xlsx`, `.xlsm`, `.xls` or `.ods`; a name that is itself a
/// spreadsheet's (`grilles.xlsx#CCN66`) is taken as it is. `stem.csv` when
/// none exists, for the message.
fn data_file(folder: &Path, stem: &str) -> PathBuf {
    let named = folder.join(stem);
    if sheet::target(&named).is_some() {
        return named;
    }
    std::iter::once("csv")
        .chain(sheet::EXTENSIONS.iter().copied())
        .map(|ext| folder.join(format!("{stem}.{ext}")))
        .find(|p| p.is_file())
        .unwrap_or_else(|| folder.join(format!("{stem}.csv")))
}

/// Opens `path` with `columns`, its header warnings into `warnings` and an
/// error into `errors`.
fn open(
    path: &Path,
    columns: &'static [Column],
    errors: &mut Vec<InputError>,
    warnings: &mut Vec<Warning>,
) -> Option<CsvFile> {
    match CsvFile::open(path, columns) {
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
/// read once: the conventions (their point values not read yet) and the
/// grids.
fn read_conventions(
    folder: &Path,
    errors: &mut Vec<InputError>,
    warnings: &mut Vec<Warning>,
) -> Option<(Vec<Convention>, Vec<Grid>)> {
    let mut conventions: Vec<Convention> = Vec::new();
    let mut grids: Vec<Grid> = Vec::new();
    // Every filière as first written: `Soins` in one grid is `soins` in the
    // next (docs/formats.md, rule 29).
    let mut filieres: Vec<String> = Vec::new();
    let path = data_file(folder, "conventions");
    let mut file = open(&path, CONVENTION_COLUMNS, errors, warnings)?;
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
                if !sheet::file_part(&grid_path).is_file() {
                    let column = if has_grid_column {
                        "grid"
                    } else {
                        "convention"
                    };
                    return Err(InputError::invalid(
                        row.location(column),
                        format!(
                            "no grid file `{}` for convention `{id}`",
                            grid_path.display()
                        ),
                    ));
                }
                // A grid file that cannot be read has said why.
                let Some(grid) =
                    read_grid_lenient(&grid_path, &grid_name, &mut filieres, errors, warnings)
                else {
                    return Ok(());
                };
                grids.push(grid);
                grids.len() - 1
            }
        };
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
    Some((conventions, grids))
}

/// `point_values.csv`, into the schedules of `conventions`.
fn read_point_values(
    folder: &Path,
    conventions: &mut [Convention],
    errors: &mut Vec<InputError>,
    warnings: &mut Vec<Warning>,
) -> Option<()> {
    let path = data_file(folder, "point_values");
    let mut file = open(&path, POINT_COLUMNS, errors, warnings)?;
    file.each_row_lenient(errors, |row, _| {
        let id = row.required("convention", "a convention of conventions.csv")?;
        let found = conventions.iter().position(|c| c.id == id).or_else(|| {
            let key = fold(&id);
            let folded: Vec<usize> = (0..conventions.len())
                .filter(|i| fold(&conventions[*i].id) == key)
                .collect();
            (folded.len() == 1).then(|| folded[0])
        });
        let Some(c) = found.map(|i| &mut conventions[i]) else {
            return Err(row.invalid("convention", "a convention of conventions.csv"));
        };
        let effective: Date = row.parse("effective", DATE)?;
        let value = row.decimal("value", "a positive decimal value of the point")?;
        if value <= Decimal::ZERO {
            return Err(row.invalid("value", "a positive decimal value of the point"));
        }
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

/// Reads one grid file, keeping every problem in `errors` and going on past
/// a bad row (which is left out); `None` when the file cannot be opened. A
/// filière is written as in `filieres` when it folds like one seen before.
fn read_grid_lenient(
    path: &Path,
    name: &str,
    filieres: &mut Vec<String>,
    errors: &mut Vec<InputError>,
    warnings: &mut Vec<Warning>,
) -> Option<Grid> {
    let mut file = open(path, GRID_COLUMNS, errors, warnings)?;
    let mut grid = Grid {
        name: name.to_string(),
        jobs: Vec::new(),
    };
    // The line each job was first seen on, for messages.
    let mut first_lines: Vec<u64> = Vec::new();
    file.each_row_lenient(errors, |row, _| {
        let (code, filiere, step) = grid_row(row)?;
        let filiere = match filieres.iter().find(|f| fold(f) == fold(&filiere)) {
            Some(first) => first.clone(),
            None => {
                filieres.push(filiere.clone());
                filiere
            }
        };
        match grid.jobs.iter_mut().position(|j| j.code == code) {
            Some(i) => {
                let job = &mut grid.jobs[i];
                if job.filiere != filiere {
                    return Err(InputError::invalid(
                        row.location("filiere"),
                        format!(
                            "job `{code}` has filière `{filiere}` here but `{}` on line {} (a job has one filière)",
                            job.filiere, first_lines[i]
                        ),
                    ));
                }
                if job.steps.iter().any(|s| s.echelon == step.echelon) {
                    return Err(InputError::invalid(
                        row.location("echelon"),
                        format!("job `{code}` has echelon {} twice", step.echelon),
                    ));
                }
                job.steps.push(step);
            }
            None => {
                first_lines.push(row.line);
                grid.jobs.push(Job {
                    code,
                    label: row.text("label").into_owned(),
                    filiere,
                    steps: vec![step],
                });
            }
        }
        Ok(())
    });
    for (job, line) in grid.jobs.iter_mut().zip(&first_lines) {
        job.steps.sort_by_key(|s| s.echelon);
        if job.steps[0].seniority_months != 0 {
            errors.push(InputError::invalid(
                Location::line(path, *line),
                format!(
                    "the first step of job `{}` must start at 0 months of seniority",
                    job.code
                ),
            ));
        }
    }
    Some(grid)
}

/// One row of a grid file: the job's code, its filière, and the step.
fn grid_row(row: &Row<'_>) -> Result<(String, String, Step), InputError> {
    let code = row.required("job", "a job code")?.into_owned();
    let filiere = row
        .required("filiere", "a filière (socio-educatif, soins, …)")?
        .into_owned();
    let echelon: u32 = row.parse("echelon", "a step number 1, 2, …")?;
    if echelon == 0 {
        return Err(row.invalid("echelon", "a step number 1, 2, …"));
    }
    let seniority_months: u32 = row.parse("seniority_months", "a whole number of months ≥ 0")?;
    let coefficient = row.decimal("coefficient", "a decimal number of points ≥ 0")?;
    if coefficient < Decimal::ZERO {
        return Err(row.invalid("coefficient", "a decimal number of points ≥ 0"));
    }
    let complement_pct = row
        .decimal_optional("complement_pct", "a percentage (decimal) or nothing")?
        .unwrap_or(Decimal::ZERO);
    let step = Step {
        echelon,
        seniority_months,
        coefficient,
        complement_pct,
    };
    Ok((code, filiere, step))
}
