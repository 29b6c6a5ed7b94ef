//! Reads a parameters folder: every `*.csv` in it holds rows `parameter,
//! sector, effective, value` (other columns, such as `source`, are ignored).

use super::csvfile::{Column, CsvFile};
use super::error::{InputError, Location};
use crate::domain::params::{Parameter, Parameters};
use crate::domain::{Date, Sector};
use std::path::Path;

const COLUMNS: &[Column] = &[
    Column::required("parameter", &["parametre"]),
    Column::required("sector", &["secteur"]),
    Column::required("effective", &["date_effet", "effet"]),
    Column::required("value", &["valeur"]),
];

/// Reads every `*.csv` of `folder`, in name order.
pub fn read_parameters(folder: &Path) -> Result<Parameters, InputError> {
    let io = |source| InputError::Io {
        location: Location::file(folder),
        source,
    };
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")) && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(InputError::invalid(
            Location::file(folder),
            "no parameter file (expected at least one `*.csv`)",
        ));
    }
    let names: Vec<&str> = Parameter::ALL.iter().map(|p| p.name()).collect();
    let expected = format!("a known parameter: {}", names.join(", "));
    let mut parameters = Parameters::default();
    for path in files {
        let mut file = CsvFile::open(&path, COLUMNS)?;
        while let Some(row) = file.next_row()? {
            let parameter: Parameter = row.parse("parameter", &expected)?;
            let sector: Sector =
                row.parse("sector", "prive_non_lucratif, prive_lucratif or public")?;
            let effective: Date = row.parse("effective", "a date YYYY-MM-DD or DD/MM/YYYY")?;
            let value = row.decimal("value", "a decimal number")?;
            if parameters
                .schedule_mut(parameter, sector)
                .insert(effective, value)
                .is_err()
            {
                return Err(InputError::invalid(
                    row.location("effective"),
                    format!("a second value of `{parameter}` for {sector} effective {effective} (one value per date)"),
                ));
            }
        }
    }
    Ok(parameters)
}
