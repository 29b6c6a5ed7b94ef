//! Streams a workforce CSV into [`Employee`]s, validated and resolved
//! against the grids, chunk by chunk so that memory does not grow with the
//! file.

use super::csvfile::{Column, CsvFile, Row};
use super::error::InputError;
use crate::domain::grid::Grids;
use crate::domain::workforce::Employee;
use crate::domain::{Date, Departement, Funder};
use rayon::prelude::*;
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
];

const DATE: &str = "a date YYYY-MM-DD or DD/MM/YYYY";

/// A workforce file being read.
pub struct WorkforceReader<'g> {
    file: CsvFile,
    grids: &'g Grids,
    /// Raw records of the chunk being read (their buffers are reused).
    records: Vec<csv::ByteRecord>,
    /// The chunk's rows once converted.
    converted: Vec<Result<Employee, InputError>>,
}

impl<'g> WorkforceReader<'g> {
    /// Opens a workforce file.
    pub fn open(path: &Path, grids: &'g Grids) -> Result<Self, InputError> {
        Ok(WorkforceReader {
            file: CsvFile::open(path, COLUMNS)?,
            grids,
            records: Vec::new(),
            converted: Vec::new(),
        })
    }

    /// Bytes of the file read so far (for progress).
    pub fn bytes_read(&self) -> u64 {
        self.file.bytes_read()
    }

    /// Reads up to `max` employees into `out` (cleared first); returns false
    /// when the file is exhausted and nothing was read. Records are read on
    /// this thread and converted in parallel; the error returned is the
    /// first in file order, as a row-by-row reader would return it.
    pub fn next_chunk(&mut self, max: usize, out: &mut Vec<Employee>) -> Result<bool, InputError> {
        out.clear();
        let mut n = 0;
        let mut pending = None;
        while n < max {
            if n == self.records.len() {
                self.records.push(csv::ByteRecord::new());
            }
            match self.file.read_record(&mut self.records[n]) {
                Ok(true) => n += 1,
                Ok(false) => break,
                Err(e) => {
                    pending = Some(e);
                    break;
                }
            }
        }
        let header = self.file.header();
        let grids = self.grids;
        self.records[..n]
            .par_iter()
            .map(|record| employee(&header.row(record), grids))
            .collect_into_vec(&mut self.converted);
        out.reserve(n);
        for e in self.converted.drain(..) {
            out.push(e?);
        }
        if let Some(e) = pending {
            return Err(e);
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
    })
}
