//! Reads the targets of a per-group `revalo solve`: a CSV with the group
//! keys (any of `--by`'s but `year` and `measure`) and a `target` column,
//! one row per group (docs/formats.md, rule 63). The CSV dialect of
//! `csvfile` applies: `,` or `;` with decimal comma, BOM, Windows-1252,
//! folded headers, physical lines; or a sheet of a spreadsheet.

use super::csvfile::{decode, parse_decimal, Records};
use super::error::InputError;
use crate::domain::fold::fold_header;
use crate::domain::{Departement, GroupBy, Location};
use rust_decimal::Decimal;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The headers accepted for the target column (folded).
const TARGET: [&str; 5] = ["target", "cible", "enveloppe", "envelope", "montant"];

/// A targets file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Targets {
    /// The file.
    pub path: PathBuf,
    /// Its group keys, in column order.
    pub by: Vec<GroupBy>,
    /// One row per group, in file order.
    pub rows: Vec<TargetRow>,
}

/// One group's target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetRow {
    /// 1-based line in the file.
    pub line: u64,
    /// The key values as reports print them (a département as its code),
    /// in `by` order.
    pub keys: Vec<String>,
    /// The target, in euros.
    pub target: Decimal,
}

/// Reads the targets file at `path` (CSV, or a sheet of a spreadsheet).
pub fn read_targets(path: &Path) -> Result<Targets, InputError> {
    parse(path, Records::open(path)?)
}

/// Parses targets CSV `bytes`, read from `path` (for messages).
pub fn parse_targets(path: &Path, bytes: &[u8]) -> Result<Targets, InputError> {
    let source: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(bytes.to_vec()));
    parse(path, Records::from_reader(path, source)?)
}

fn parse(path: &Path, mut records: Records) -> Result<Targets, InputError> {
    let (header_line, names) = records.header()?;
    let header: Vec<String> = names.iter().map(|n| fold_header(n)).collect();
    let (by, target) = columns(path, header_line, &header)?;
    let mut rows: Vec<TargetRow> = Vec::new();
    let mut record = csv::ByteRecord::new();
    while records.next(&mut record)? {
        let line = record.position().map_or(0, |p| p.line());
        // A sheet's row stops at its last value: its empty cells are absent.
        let cell = |i: usize| {
            record
                .get(i)
                .map_or(String::new(), |c| decode(c).trim().to_string())
        };
        let mut keys = Vec::with_capacity(by.len());
        let mut key_columns = (0..header.len()).filter(|i| *i != target);
        for key in &by {
            let i = key_columns.next().unwrap_or(0);
            keys.push(key_value(path, (line, i), *key, &cell(i))?);
        }
        let text = cell(target);
        let location = Location::at(path, line, target + 1);
        if text.is_empty() {
            return Err(InputError::MissingValue {
                location,
                column: "target".into(),
                expected: "an amount in euros".into(),
            });
        }
        let Some(amount) = parse_decimal(&text, records.decimal_comma()) else {
            return Err(InputError::InvalidValue {
                location,
                column: "target".into(),
                value: text,
                expected: "an amount in euros, such as 1500000 or 1500000.50".into(),
            });
        };
        if let Some(first) = rows.iter().find(|r| r.keys == keys) {
            return Err(InputError::invalid(
                Location::at(path, line, 1),
                format!(
                    "a second target for the group {} (the first is on line {})",
                    keys.join(", "),
                    first.line
                ),
            ));
        }
        rows.push(TargetRow {
            line,
            keys,
            target: amount,
        });
    }
    if rows.is_empty() {
        return Err(InputError::invalid(
            Location::line(path, header_line + 1),
            "no target: one row per group is expected",
        ));
    }
    Ok(Targets {
        path: path.to_path_buf(),
        by,
        rows,
    })
}

/// The group keys of a folded `header` and where its target column is.
fn columns(path: &Path, line: u64, header: &[String]) -> Result<(Vec<GroupBy>, usize), InputError> {
    let targets: Vec<usize> = (0..header.len())
        .filter(|i| TARGET.contains(&header[*i].as_str()))
        .collect();
    let target = match targets.as_slice() {
        [one] => *one,
        [] => {
            return Err(InputError::MissingColumn {
                location: Location::line(path, line),
                column: "target",
                accepted: TARGET.map(|t| format!("`{t}`")).join(", "),
            })
        }
        [_, second, ..] => {
            return Err(InputError::invalid(
                Location::at(path, line, second + 1),
                "a second target column",
            ))
        }
    };
    let mut by = Vec::new();
    for (i, name) in header.iter().enumerate().filter(|(i, _)| *i != target) {
        let at = Location::at(path, line, i + 1);
        let key: GroupBy = name.parse().map_err(|e| {
            InputError::invalid(
                at.clone(),
                format!("column `{name}` is neither `target` nor a group key ({e})"),
            )
        })?;
        if matches!(key, GroupBy::Year | GroupBy::Measure) {
            return Err(InputError::invalid(
                at,
                format!(
                    "column `{name}`: targets are per group of people, not per {name} \
                     (solve one year with --year)"
                ),
            ));
        }
        if by.contains(&key) {
            return Err(InputError::invalid(
                at,
                format!("column `{name}` appears twice in the header"),
            ));
        }
        by.push(key);
    }
    if by.is_empty() {
        return Err(InputError::invalid(
            Location::at(path, line, 1),
            "no group key beside `target` (e.g. departement,target)",
        ));
    }
    Ok((by, target))
}

/// A key cell's value as reports print it: a département by its code.
fn key_value(
    path: &Path,
    (line, i): (u64, usize),
    key: GroupBy,
    text: &str,
) -> Result<String, InputError> {
    if key != GroupBy::Departement {
        return Ok(text.to_string());
    }
    match text.parse::<Departement>() {
        Ok(d) => Ok(d.code().to_string()),
        Err(_) => Err(InputError::InvalidValue {
            location: Location::at(path, line, i + 1),
            column: "departement".into(),
            value: text.to_string(),
            expected: "a département code such as 01, 2A or 971".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_and_targets_in_both_dialects() {
        let csv = "departement,target\n1,1500000\n2A,250000.50\n";
        let t = parse_targets(Path::new("t.csv"), csv.as_bytes()).unwrap();
        assert_eq!(t.by, [GroupBy::Departement]);
        assert_eq!(t.rows[0].keys, ["01"]);
        assert_eq!(t.rows[1].target, "250000.50".parse().unwrap());
        assert_eq!(t.rows[1].line, 3);
        let excel = "\u{feff}Enveloppe;Département;Région\n1500000,25;971;Guadeloupe\n";
        let t = parse_targets(Path::new("t.csv"), excel.as_bytes()).unwrap();
        assert_eq!(t.by, [GroupBy::Departement, GroupBy::Region]);
        assert_eq!(t.rows[0].keys, ["971", "Guadeloupe"]);
        assert_eq!(t.rows[0].target, "1500000.25".parse().unwrap());
    }

    #[test]
    fn errors_are_located() {
        let cases = [
            (
                "departement,target\n01,abc\n",
                "t.csv:2:2: invalid value `abc` in column `target` (expected an amount in euros, such as 1500000 or 1500000.50)",
            ),
            (
                "departement,target\n99,5\n",
                "t.csv:2:1: invalid value `99` in column `departement` (expected a département code such as 01, 2A or 971)",
            ),
            (
                "departement,target\n01,5\n1,6\n",
                "t.csv:3:1: a second target for the group 01 (the first is on line 2)",
            ),
            (
                "zone,target\n01,5\n",
                "t.csv:1:1: column `zone` is neither `target` nor a group key (expected a key among departement, region, year, measure, convention, job, filiere, funder)",
            ),
            (
                "departement,year,target\n01,2026,5\n",
                "t.csv:1:2: column `year`: targets are per group of people, not per year (solve one year with --year)",
            ),
            (
                "departement,amount\n01,5\n",
                "t.csv:1: missing column `target` (accepted headers: `target`, `cible`, `enveloppe`, `envelope`, `montant`)",
            ),
            ("departement,target\n01,\n", "t.csv:2:2: empty value in column `target` (expected an amount in euros)"),
        ];
        for (csv, message) in cases {
            let e = parse_targets(Path::new("t.csv"), csv.as_bytes()).unwrap_err();
            assert_eq!(e.to_string(), message, "{csv}");
        }
    }
}
