//! Reads a parameters folder: every `*.csv` in it holds rows `parameter,
//! sector, effective, value` (other columns, such as `source`, are ignored).

use super::csvfile::{Column, CsvFile, Row};
use super::error::{or_push, InputError};
use crate::domain::params::{Parameter, Parameters};
use crate::domain::Location;
use crate::domain::{Date, Sector};
use rust_decimal::Decimal;
use std::path::Path;

const COLUMNS: &[Column] = &[
    Column::required("parameter", &["parametre"]),
    Column::required("sector", &["secteur"]),
    Column::required("effective", &["date_effet", "effet"]),
    Column::required("value", &["valeur"]),
];

/// Reads every `*.csv` of `folder`, in name order; the first bad row (in
/// file order) is the error.
pub fn read_parameters(folder: &Path) -> Result<Parameters, InputError> {
    let mut errors = Vec::new();
    match read_parameters_lenient(folder, &mut errors) {
        Some(parameters) if errors.is_empty() => Ok(parameters),
        _ => Err(errors.into_iter().next().unwrap_or_else(|| {
            InputError::invalid(Location::file(folder), "unreadable parameters")
        })),
    }
}

/// [`read_parameters`], going on after a bad row or file: every problem is
/// pushed to `errors` in file order (for `validate`). The parameters read,
/// unless the folder itself cannot be listed or holds no `*.csv`.
pub fn read_parameters_lenient(folder: &Path, errors: &mut Vec<InputError>) -> Option<Parameters> {
    let io = |source| InputError::Io {
        location: Location::file(folder),
        source,
    };
    let mut files: Vec<_> = match std::fs::read_dir(folder) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")) && p.is_file())
            .collect(),
        Err(e) => {
            errors.push(io(e));
            return None;
        }
    };
    files.sort();
    if files.is_empty() {
        errors.push(InputError::invalid(
            Location::file(folder),
            "no parameter file (expected at least one `*.csv`)",
        ));
        return None;
    }
    let names: Vec<&str> = Parameter::ALL.iter().map(|p| p.name()).collect();
    let expected = format!("a known parameter: {}", names.join(", "));
    let mut parameters = Parameters::default();
    for path in files {
        let mut file = match CsvFile::open(&path, COLUMNS) {
            Ok(file) => file,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        file.each_row_lenient(errors, |row, errors| {
            let parameter: Option<Parameter> = or_push(row.parse("parameter", &expected), errors);
            let sector: Option<Sector> = or_push(
                row.parse("sector", "prive_non_lucratif, prive_lucratif or public"),
                errors,
            );
            let effective: Option<Date> = or_push(
                row.parse("effective", "a date YYYY-MM-DD or DD/MM/YYYY"),
                errors,
            );
            // A value's range is its parameter's (rule 30); with no known
            // parameter, only that it is a number.
            let value = match parameter {
                Some(p) => or_push(value(row, p), errors),
                None => or_push(row.decimal("value", "a decimal number"), errors),
            };
            let (Some(parameter), Some(sector), Some(effective), Some(value)) =
                (parameter, sector, effective, value)
            else {
                return Ok(());
            };
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
            Ok(())
        });
    }
    Some(parameters)
}

/// The value of a row of `parameter`, in the range of its unit
/// (docs/formats.md, rule 30).
fn value(row: &Row<'_>, parameter: Parameter) -> Result<Decimal, InputError> {
    let unit = parameter.unit();
    let expected = format!("{} for `{parameter}`", unit.expected());
    row.decimal_within("value", &expected, |v| unit.allows(v))
}
