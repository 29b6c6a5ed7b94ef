//! Reads a grids folder: `conventions.csv`, one `<grid>.csv` per grid file,
//! and `point_values.csv`.

use super::csvfile::{Column, CsvFile, Row};
use super::error::{or_push, InputError};
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
    file.each_row_lenient(errors, |row, errors| {
        let expected = "a convention of conventions.csv";
        let id = or_push(row.required("convention", expected), errors);
        let convention = id
            .as_ref()
            .and_then(|id| conventions.iter().position(|c| c.id == *id));
        if id.is_some() && convention.is_none() {
            errors.push(row.invalid("convention", expected));
        }
        let effective: Option<Date> = or_push(row.parse("effective", DATE), errors);
        let value = or_push(
            row.decimal_within(
                "value",
                "a value of the point in euros, 0 < value ≤ 1000",
                |v| v > Decimal::ZERO && v <= GridRanges::MAX_POINT_VALUE,
            ),
            errors,
        );
        let (Some(c), Some(effective), Some(value)) = (convention, effective, value) else {
            return Ok(());
        };
        let c = &mut conventions[c];
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
    file.each_row_lenient(errors, |row, errors| {
        let Some((code, filiere, step)) = grid_row(row, errors) else {
            return Ok(());
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

/// One row of a grid file: the job's code, its filière, and the step;
/// `None` with every problem of the row pushed to `errors`, in column
/// order.
fn grid_row(row: &Row<'_>, errors: &mut Vec<InputError>) -> Option<(String, String, Step)> {
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
    let seniority_months = or_push(
        row.parse_within(
            "seniority_months",
            "a whole number of months from 0 to 1200",
            |m: &u32| *m <= GridRanges::MAX_SENIORITY_MONTHS,
        ),
        errors,
    );
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
    let step = Step {
        echelon: echelon?,
        seniority_months: seniority_months?,
        coefficient: coefficient?,
        complement_pct: complement_pct?.unwrap_or(Decimal::ZERO),
    };
    Some((code?.into_owned(), filiere?.into_owned(), step))
}
