//! Reads a grids folder: `conventions.csv`, one `<grid>.csv` per grid file,
//! and `point_values.csv`.

use super::csvfile::{Column, CsvFile, Row};
use super::error::InputError;
use crate::domain::grid::{Convention, Grid, GridRanges, Grids, Job, Step};
use crate::domain::params::Schedule;
use crate::domain::Location;
use crate::domain::{Date, Sector};
use rust_decimal::Decimal;
use std::path::Path;

const CONVENTION_COLUMNS: &[Column] = &[
    Column::required("convention", &["ccn"]),
    Column::optional("label", &["libelle"]),
    Column::optional("idcc", &[]),
    Column::required("sector", &["secteur"]),
    Column::optional("grid", &["grille"]),
];

const GRID_COLUMNS: &[Column] = &[
    Column::required("job", &["emploi", "metier"]),
    Column::optional("label", &["libelle"]),
    Column::required("filiere", &[]),
    Column::required("echelon", &[]),
    Column::required("seniority_months", &["anciennete_mois"]),
    Column::required("coefficient", &[]),
    Column::optional("complement_pct", &["complement"]),
];

const POINT_COLUMNS: &[Column] = &[
    Column::required("convention", &["ccn"]),
    Column::required("effective", &["date_effet", "effet"]),
    Column::required("value", &["valeur"]),
];

const DATE: &str = "a date YYYY-MM-DD or DD/MM/YYYY";

/// Reads every file of a grids folder; fails on the first problem.
pub fn read_grids(folder: &Path) -> Result<Grids, InputError> {
    let mut errors = Vec::new();
    let grids = read_grids_lenient(folder, &mut errors);
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
pub fn read_grids_lenient(folder: &Path, errors: &mut Vec<InputError>) -> Option<Grids> {
    let (mut conventions, grids) = read_conventions(folder, errors)?;
    read_point_values(folder, &mut conventions, errors)?;
    Some(Grids::new(conventions, grids))
}

/// `conventions.csv`, and the grid file that each convention names, each
/// read once: the conventions (their point values not read yet) and the
/// grids.
fn read_conventions(
    folder: &Path,
    errors: &mut Vec<InputError>,
) -> Option<(Vec<Convention>, Vec<Grid>)> {
    let mut conventions: Vec<Convention> = Vec::new();
    let mut grids: Vec<Grid> = Vec::new();
    let path = folder.join("conventions.csv");
    let mut file = CsvFile::open(&path, CONVENTION_COLUMNS)
        .map_err(|e| errors.push(e))
        .ok()?;
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
                let grid_path = folder.join(format!("{grid_name}.csv"));
                if !grid_path.is_file() {
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
                let Some(grid) = read_grid_lenient(&grid_path, &grid_name, errors) else {
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
) -> Option<()> {
    let path = folder.join("point_values.csv");
    let mut file = CsvFile::open(&path, POINT_COLUMNS)
        .map_err(|e| errors.push(e))
        .ok()?;
    file.each_row_lenient(errors, |row, _| {
        let id = row.required("convention", "a convention of conventions.csv")?;
        let Some(c) = conventions.iter_mut().find(|c| c.id == id) else {
            return Err(row.invalid("convention", "a convention of conventions.csv"));
        };
        let effective: Date = row.parse("effective", DATE)?;
        let expected = "a value of the point in euros, 0 < value ≤ 1000";
        let value = row.decimal("value", expected)?;
        if value <= Decimal::ZERO || value > GridRanges::MAX_POINT_VALUE {
            return Err(row.invalid("value", expected));
        }
        if c.point_values.insert(effective, value).is_err() {
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
/// a bad row (which is left out); `None` when the file cannot be opened.
fn read_grid_lenient(path: &Path, name: &str, errors: &mut Vec<InputError>) -> Option<Grid> {
    let mut file = CsvFile::open(path, GRID_COLUMNS)
        .map_err(|e| errors.push(e))
        .ok()?;
    let mut grid = Grid {
        name: name.to_string(),
        jobs: Vec::new(),
    };
    // The line each job was first seen on, for messages.
    let mut first_lines: Vec<u64> = Vec::new();
    file.each_row_lenient(errors, |row, _| {
        let (code, filiere, step) = grid_row(row)?;
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
    let echelon_expected = "a step number 1, 2, … up to 1000";
    let echelon: u32 = row.parse("echelon", echelon_expected)?;
    if echelon == 0 || echelon > GridRanges::MAX_ECHELON {
        return Err(row.invalid("echelon", echelon_expected));
    }
    let months_expected = "a whole number of months from 0 to 1200";
    let seniority_months: u32 = row.parse("seniority_months", months_expected)?;
    if seniority_months > GridRanges::MAX_SENIORITY_MONTHS {
        return Err(row.invalid("seniority_months", months_expected));
    }
    let coefficient_expected = "a number of points, 0 ≤ coefficient ≤ 10000";
    let coefficient = row.decimal("coefficient", coefficient_expected)?;
    if coefficient < Decimal::ZERO || coefficient > GridRanges::MAX_COEFFICIENT {
        return Err(row.invalid("coefficient", coefficient_expected));
    }
    let complement_expected = "a percentage 0 ≤ complement_pct ≤ 100, or nothing";
    let complement_pct = row
        .decimal_optional("complement_pct", complement_expected)?
        .unwrap_or(Decimal::ZERO);
    if complement_pct < Decimal::ZERO || complement_pct > GridRanges::MAX_COMPLEMENT_PCT {
        return Err(row.invalid("complement_pct", complement_expected));
    }
    let step = Step {
        echelon,
        seniority_months,
        coefficient,
        complement_pct,
    };
    Ok((code, filiere, step))
}
