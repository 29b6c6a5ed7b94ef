//! Streams a workforce CSV into [`Employee`]s, validated and resolved
//! against the grids, chunk by chunk so that memory does not grow with the
//! file.

use super::csvfile::{Column, CsvFile, Row};
use super::error::InputError;
use crate::domain::grid::Grids;
use crate::domain::scenario::EmployerSize;
use crate::domain::workforce::Employee;
use crate::domain::{Date, Departement, Funder};
use rust_decimal::Decimal;
use std::path::Path;

const COLUMNS: &[Column] = &[
    Column::required("id", &["matricule"]),
    Column::required("departement", &["dept"]),
    Column::required("convention", &["ccn"]),
    Column::required("job", &["emploi", "metier"]),
    Column::required("fte", &["etp"]),
    Column::required("seniority_date", &["date_anciennete"]),
    Column::optional("start_date", &["date_entree"]),
    Column::optional("end_date", &["date_sortie"]),
    Column::optional("funder", &["financeur"]),
    Column::optional("establishment", &["finess", "etablissement"]),
    Column::optional("weight", &["poids"]),
    Column::optional("employer_size", &["taille_employeur"]),
    Column::optional("at_mp_rate", &["taux_at_mp", "taux_atmp"]),
    Column::optional("taxe_salaires", &["assujetti_taxe_salaires"]),
];

const DATE: &str = "a date YYYY-MM-DD or DD/MM/YYYY";

/// A workforce file being read.
pub struct WorkforceReader<'g> {
    file: CsvFile,
    grids: &'g Grids,
}

impl<'g> WorkforceReader<'g> {
    /// Opens a workforce file.
    pub fn open(path: &Path, grids: &'g Grids) -> Result<Self, InputError> {
        Ok(WorkforceReader {
            file: CsvFile::open(path, COLUMNS)?,
            grids,
        })
    }

    /// Reads up to `max` employees into `out` (cleared first); returns false
    /// when the file is exhausted and nothing was read.
    pub fn next_chunk(&mut self, max: usize, out: &mut Vec<Employee>) -> Result<bool, InputError> {
        out.clear();
        while out.len() < max {
            match self.file.next_row()? {
                Some(row) => out.push(employee(&row, self.grids)?),
                None => break,
            }
        }
        Ok(!out.is_empty())
    }

    /// Reads the next row, keeping a bad row's error and going on: for
    /// commands that report every problem. `None` at the end of the file.
    pub fn next_lenient(&mut self) -> Option<Result<Employee, InputError>> {
        match self.file.next_row() {
            Ok(Some(row)) => Some(employee(&row, self.grids)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// Reads a whole workforce file into memory (small files: tests, `explain`).
pub fn read_workforce(path: &Path, grids: &Grids) -> Result<Vec<Employee>, InputError> {
    let mut reader = WorkforceReader::open(path, grids)?;
    let mut all = Vec::new();
    let mut chunk = Vec::new();
    while reader.next_chunk(4096, &mut chunk)? {
        all.append(&mut chunk);
    }
    Ok(all)
}

fn employee(row: &Row<'_>, grids: &Grids) -> Result<Employee, InputError> {
    let id = row.required("id", "a row identifier")?.into_owned();
    let departement: Departement = row.parse(
        "departement",
        "a département code: 01–95, 2A, 2B or 971–976",
    )?;
    let convention_id = row.required("convention", "a convention of conventions.csv")?;
    let convention = grids.convention_index(&convention_id).ok_or_else(|| {
        let known: Vec<&str> = grids.conventions.iter().map(|c| c.id.as_str()).collect();
        row.invalid(
            "convention",
            format!("a convention of conventions.csv: {}", known.join(", ")),
        )
    })?;
    let grid = grids.grid_of(convention);
    let job_code = row.required("job", "a job code of the convention's grid")?;
    let job = grid.job_index(&job_code).ok_or_else(|| {
        row.invalid(
            "job",
            format!(
                "a job of grid `{}` (convention `{convention_id}`)",
                grid.name
            ),
        )
    })?;
    let fte_expected = "a decimal working time with 0 < fte ≤ 1";
    let fte = row.decimal("fte", fte_expected)?;
    if fte <= Decimal::ZERO || fte > Decimal::ONE {
        return Err(row.invalid("fte", fte_expected));
    }
    let seniority_date: Date = row.parse("seniority_date", DATE)?;
    let start_date: Option<Date> = row.parse_optional("start_date", DATE)?;
    let end_date: Option<Date> = row.parse_optional("end_date", DATE)?;
    if let (Some(start), Some(end)) = (start_date, end_date) {
        if end < start {
            return Err(row.invalid("end_date", format!("a date on or after start_date {start}")));
        }
    }
    let funder: Option<Funder> =
        row.parse_optional("funder", "etat, departement, conjoint, autre or nothing")?;
    let establishment = match row.text("establishment") {
        e if e.is_empty() => None,
        e if e.len() == 9 && e.bytes().all(|b| b.is_ascii_alphanumeric()) => Some(e.into_owned()),
        _ => {
            return Err(row.invalid(
                "establishment",
                "a FINESS number of 9 letters or digits, or nothing",
            ))
        }
    };
    let weight_expected = "a decimal weight ≥ 0, or nothing for 1";
    let weight = row
        .decimal_optional("weight", weight_expected)?
        .unwrap_or(Decimal::ONE);
    if weight < Decimal::ZERO {
        return Err(row.invalid("weight", weight_expected));
    }
    let size_expected = "lt50, ge50 or nothing for the scenario's [employer] size";
    let employer_size = match row.text("employer_size") {
        s if s.is_empty() => None,
        s => Some(
            s.parse::<EmployerSize>()
                .map_err(|()| row.invalid("employer_size", size_expected))?,
        ),
    };
    let rate_expected = "a rate 0 ≤ r < 1, or nothing for the scenario's [employer] at_mp_rate";
    let at_mp_rate = row.decimal_optional("at_mp_rate", rate_expected)?;
    if at_mp_rate.is_some_and(|r| r < Decimal::ZERO || r >= Decimal::ONE) {
        return Err(row.invalid("at_mp_rate", rate_expected));
    }
    let taxe_salaires = match row.text("taxe_salaires").to_ascii_lowercase().as_str() {
        "" => None,
        "true" | "1" | "oui" | "yes" => Some(true),
        "false" | "0" | "non" | "no" => Some(false),
        _ => {
            return Err(row.invalid(
                "taxe_salaires",
                "true or false, or nothing for the scenario's [employer] taxe_salaires",
            ))
        }
    };
    Ok(Employee {
        line: row.line,
        id,
        departement,
        convention,
        job,
        fte,
        seniority_date,
        start_date,
        end_date,
        funder,
        establishment,
        weight,
        employer_size,
        at_mp_rate,
        taxe_salaires,
    })
}
