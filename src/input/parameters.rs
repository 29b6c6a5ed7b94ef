//! Reads a parameters folder: every `*.csv` in it holds rows `parameter,
//! sector, effective, value` (a `source` column of notes is ignored).

use super::csvfile::{Column, Row, EFFECTIVE, NOTES};
use super::error::{or_push, InputError};
use super::source::{csv_files, open_csv, Ledger};
use super::warning::Warning;
use crate::domain::params::{Parameter, Parameters};
use crate::domain::Location;
use crate::domain::{Date, Sector, Source};
use rust_decimal::Decimal;

pub(crate) const COLUMNS: &[Column] = &[
    Column::required("parameter", &["paramètre", "nom du paramètre"]),
    Column::required("sector", &["secteur"]),
    EFFECTIVE,
    Column::required("value", &["valeur", "taux", "montant"]),
    NOTES,
];

/// Reads every `*.csv` of `folder` once, in name order, each recorded in
/// `ledger`; the first bad row (in file order) is the error. The header
/// warnings of its files go to `warnings`.
pub fn read_parameters(
    folder: &Source,
    ledger: &Ledger,
    warnings: &mut Vec<Warning>,
) -> Result<Parameters, InputError> {
    let mut errors = Vec::new();
    match read_parameters_lenient(folder, ledger, &mut errors, warnings) {
        Some(parameters) if errors.is_empty() => Ok(parameters),
        _ => Err(errors.into_iter().next().unwrap_or_else(|| {
            InputError::invalid(Location::file(folder), "unreadable parameters")
        })),
    }
}

/// [`read_parameters`], going on after a bad row or file: every problem is
/// pushed to `errors` in file order (for `validate`). The parameters read,
/// unless the folder itself cannot be listed or holds no `*.csv`.
pub fn read_parameters_lenient(
    folder: &Source,
    ledger: &Ledger,
    errors: &mut Vec<InputError>,
    warnings: &mut Vec<Warning>,
) -> Option<Parameters> {
    let files = match csv_files(folder) {
        Ok(files) => files,
        Err(e) => {
            errors.push(e);
            return None;
        }
    };
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
        let mut file = match open_csv(&path, ledger, COLUMNS) {
            Ok(file) => {
                warnings.extend_from_slice(file.warnings());
                file
            }
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
            // A value's range is its parameter's (rule 43); with no known
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
                .insert_from(effective, value, row.location("effective"))
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
/// (docs/formats.md, rule 43).
fn value(row: &Row<'_>, parameter: Parameter) -> Result<Decimal, InputError> {
    let unit = parameter.unit();
    let expected = format!("{} for `{parameter}`", unit.expected());
    row.decimal_within("value", &expected, |v| unit.allows(v))
}
