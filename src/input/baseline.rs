//! Reads a budget baseline: a CSV written by `revalo simulate --format csv`
//! (or by hand in a spreadsheet: the CSV dialect of `csvfile` applies —
//! `;` with decimal comma, BOM, Windows-1252, folded headers). The group
//! keys are the columns before `employees`; every column from `employees` on
//! is a figure.

use super::csvfile::{csv_error, decode, parse_decimal, read_whole, small_reader};
use super::error::InputError;
use crate::domain::GroupBy;
use crate::domain::Location;
use rust_decimal::Decimal;
use std::path::Path;

/// A baseline read from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Baseline {
    /// The group keys (the columns before `employees`).
    pub by: Vec<GroupBy>,
    /// The figure columns (`employees` and every column after it).
    pub figures: Vec<String>,
    /// The rows, in file order.
    pub rows: Vec<BaselineRow>,
}

/// One row of a baseline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaselineRow {
    /// 1-based line in the file (0 for a row not read from a file).
    pub line: u64,
    /// The key values as text, in `by` order.
    pub keys: Vec<String>,
    /// The figures in `figures` order; `None` for an empty cell.
    pub values: Vec<Option<Decimal>>,
}

/// Reads the baseline at `path`.
pub fn read_baseline(path: &Path) -> Result<Baseline, InputError> {
    parse_baseline(path, &read_whole(path)?)
}

/// Parses baseline CSV `bytes`, read from `path` (for messages).
pub fn parse_baseline(path: &Path, bytes: &[u8]) -> Result<Baseline, InputError> {
    // The delimiter is detected on the header line, as for every input.
    let (mut reader, header, decimal_comma) = small_reader(path, bytes)?;
    let malformed = |e| csv_error(path, e);
    let (by, figures) = columns(path, &header)?;
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).map_err(malformed)? {
        rows.push(row(path, &record, by.len(), &figures, decimal_comma)?);
    }
    Ok(Baseline { by, figures, rows })
}

/// The group keys and the figure columns of a baseline's folded `header`:
/// the columns before `employees`, each a distinct key, and the columns
/// from `employees` on, each named once.
fn columns(path: &Path, header: &[String]) -> Result<(Vec<GroupBy>, Vec<String>), InputError> {
    let Some(split) = header.iter().position(|h| h == "employees") else {
        return Err(InputError::invalid(
            Location::line(path, 1),
            "no column `employees`: a baseline is the CSV of `revalo simulate --format csv` \
             (the group keys, then employees, fte, base_gross, …)",
        ));
    };
    let twice = |i: usize, name: &str| {
        InputError::invalid(
            Location::at(path, 1, i + 1),
            format!("column `{name}` appears twice in the header"),
        )
    };
    let mut by = Vec::with_capacity(split);
    for (i, name) in header[..split].iter().enumerate() {
        let key: GroupBy = name.parse().map_err(|e| {
            InputError::invalid(
                Location::at(path, 1, i + 1),
                format!("column `{name}` before `employees` is not a group key ({e})"),
            )
        })?;
        if by.contains(&key) {
            return Err(twice(i, name));
        }
        by.push(key);
    }
    if by.is_empty() {
        return Err(InputError::invalid(
            Location::at(path, 1, 1),
            "no group key before `employees` (e.g. departement,year)",
        ));
    }
    let figures: Vec<String> = header[split..].to_vec();
    for (i, name) in figures.iter().enumerate() {
        if figures[..i].contains(name) {
            return Err(twice(split + i, name));
        }
    }
    Ok((by, figures))
}

/// One row of a baseline: its first `keys` cells as text, the others as
/// the `figures` (empty cells as `None`).
fn row(
    path: &Path,
    record: &csv::ByteRecord,
    keys: usize,
    figures: &[String],
    decimal_comma: bool,
) -> Result<BaselineRow, InputError> {
    let line = record.position().map_or(0, |p| p.line());
    let cells: Vec<String> = record
        .iter()
        .map(|c| decode(c).trim().to_string())
        .collect();
    let mut values = Vec::with_capacity(figures.len());
    for (i, cell) in cells[keys..].iter().enumerate() {
        if cell.is_empty() {
            values.push(None);
            continue;
        }
        match parse_decimal(cell, decimal_comma) {
            Some(d) => values.push(Some(d)),
            None => {
                return Err(InputError::InvalidValue {
                    location: Location::at(path, line, keys + i + 1),
                    column: figures[i].clone(),
                    value: cell.clone(),
                    expected: "a decimal number or nothing".to_string(),
                })
            }
        }
    }
    Ok(BaselineRow {
        line,
        keys: cells[..keys].to_vec(),
        values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_simulate_csv_and_a_spreadsheet_one() {
        let csv =
            "departement,year,employees,fte,delta_cost,cost_pct_of_base\n01,2024,1,0.75,3004.85,\n";
        let b = parse_baseline(Path::new("b.csv"), csv.as_bytes()).unwrap();
        assert_eq!(b.by, [GroupBy::Departement, GroupBy::Year]);
        assert_eq!(
            b.figures,
            ["employees", "fte", "delta_cost", "cost_pct_of_base"]
        );
        assert_eq!(b.rows[0].keys, ["01", "2024"]);
        assert_eq!(b.rows[0].values[2], Some("3004.85".parse().unwrap()));
        assert_eq!(b.rows[0].values[3], None);
        let excel = "\u{feff}Département;Year;Employees;delta_cost\n01;2024;1;3004,85\n";
        let b = parse_baseline(Path::new("b.csv"), excel.as_bytes()).unwrap();
        assert_eq!(b.rows[0].values[1], Some("3004.85".parse().unwrap()));
    }

    #[test]
    fn errors_are_located() {
        let bad = "departement,year,employees,delta_cost\n01,2024,1,abc\n";
        let e = parse_baseline(Path::new("b.csv"), bad.as_bytes()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "b.csv:2:4: invalid value `abc` in column `delta_cost` (expected a decimal number or nothing)"
        );
        let bad = "dept,employees\n";
        let e = parse_baseline(Path::new("b.csv"), bad.as_bytes()).unwrap_err();
        assert!(e.to_string().starts_with("b.csv:1:1: column `dept`"), "{e}");
    }
}
