//! Reads a budget baseline: a CSV written by `revalo simulate --format csv`
//! (or by hand in a spreadsheet: the CSV dialect of `csvfile` applies —
//! `;` with decimal comma, BOM, Windows-1252, folded headers, physical
//! lines). The group keys are the columns before `employees`; every column
//! from `employees` on is a figure.

use super::csvfile::{decode, parse_decimal, Records};
use super::error::InputError;
use crate::domain::fold::{fold_header, snake};
use crate::domain::GroupBy;
use crate::domain::Location;
use rust_decimal::Decimal;
use std::io::Read;
use std::path::Path;

/// The figure columns that `simulate --format csv` writes, besides the
/// `share_<payer>` columns.
const FIGURES: &[&str] = &[
    "employees",
    "fte",
    "base_gross",
    "delta_gross",
    "delta_employer",
    "delta_contributions",
    "delta_reduction_generale",
    "delta_taxe_salaires",
    "delta_cost",
    "cost_pct_of_base",
];

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

/// Reads the baseline at `path` (CSV, or a sheet of a spreadsheet).
pub fn read_baseline(path: &Path) -> Result<Baseline, InputError> {
    parse(path, Records::open(path)?)
}

/// Parses baseline CSV `bytes`, read from `path` (for messages).
pub fn parse_baseline(path: &Path, bytes: &[u8]) -> Result<Baseline, InputError> {
    let source: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(bytes.to_vec()));
    parse(path, Records::from_reader(path, source)?)
}

fn parse(path: &Path, mut records: Records) -> Result<Baseline, InputError> {
    let (line, names) = records.header()?;
    let (by, figures) = columns(path, line, &names)?;
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    while records.next(&mut record)? {
        rows.push(row(
            path,
            &record,
            by.len(),
            &figures,
            records.decimal_comma(),
        )?);
    }
    Ok(Baseline { by, figures, rows })
}

/// The canonical name of a figure column: a name of [`FIGURES`] or
/// `share_<payer>`, folded (docs/formats.md, rule 27); other names folded
/// into words joined by `_`.
fn figure_name(header: &str) -> String {
    let key = fold_header(header);
    match FIGURES.iter().find(|f| fold_header(f) == key) {
        Some(f) => f.to_string(),
        None => snake(header),
    }
}

/// The group keys and the figure columns of a baseline's `header` (on line
/// `line`): the columns before `employees`, each a distinct key, and the
/// columns from `employees` on, each named once.
fn columns(
    path: &Path,
    line: u64,
    header: &[String],
) -> Result<(Vec<GroupBy>, Vec<String>), InputError> {
    let Some(split) = header.iter().position(|h| figure_name(h) == "employees") else {
        return Err(InputError::invalid(
            Location::line(path, line),
            "no column `employees`: a baseline is the CSV of `revalo simulate --format csv` \
             (the group keys, then employees, fte, base_gross, …)",
        ));
    };
    let twice = |i: usize, name: &str| {
        InputError::invalid(
            Location::at(path, line, i + 1),
            format!("column `{name}` appears twice in the header"),
        )
    };
    let mut by = Vec::with_capacity(split);
    for (i, name) in header[..split].iter().enumerate() {
        let key: GroupBy = name.parse().map_err(|e| {
            InputError::invalid(
                Location::at(path, line, i + 1),
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
            Location::at(path, line, 1),
            "no group key before `employees` (e.g. departement,year)",
        ));
    }
    let figures: Vec<String> = header[split..].iter().map(|h| figure_name(h)).collect();
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
    let mut cells: Vec<String> = record
        .iter()
        .map(|c| decode(c).trim().to_string())
        .collect();
    // A sheet's row stops at its last value: its empty figures are absent.
    cells.resize(keys + figures.len(), String::new());
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
        let bad = "colour,employees\n";
        let e = parse_baseline(Path::new("b.csv"), bad.as_bytes()).unwrap_err();
        assert!(
            e.to_string().starts_with("b.csv:1:1: column `colour`"),
            "{e}"
        );
        // French keys and a spreadsheet's headers fold to the keys.
        let french = "Dépt;Année;Employees;Share État\n1;2024;1;0,5\n";
        let b = parse_baseline(Path::new("b.csv"), french.as_bytes()).unwrap();
        assert_eq!(b.by, [GroupBy::Departement, GroupBy::Year]);
        assert_eq!(b.figures, ["employees", "share_etat"]);
    }
}
