//! The rows of a sweep — one report per variant, each row after the values
//! of the variant's ranged keys — and their writers. A CSV row is the
//! variant's values then the very fields `simulate` writes for that row
//! (docs/formats.md, rule 64).

use super::table::cells;
use super::xlsx::{report_sheet, row_cells, Cell, NumberStyle, Sheet};
use super::{csv_io, json, Report};
use comfy_table::{presets::UTF8_FULL_CONDENSED, CellAlignment, Table};
use rust_decimal::Decimal;
use serde_json::Value;
use std::io::{self, Write};

/// The reports of a sweep's variants, all with the same columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sweep {
    /// The ranged keys, in `--set-range` order.
    pub keys: Vec<String>,
    /// Each variant's values of the keys (as given to `--set`) and report.
    pub variants: Vec<(Vec<String>, Report)>,
}

impl Sweep {
    /// The column names: the ranged keys, then the reports'.
    pub fn columns(&self) -> Vec<String> {
        let mut columns = self.keys.clone();
        if let Some((_, report)) = self.variants.first() {
            columns.extend(report.columns());
        }
        columns
    }
}

/// Writes `sweep` as CSV, or in a French Excel's dialect.
pub fn write_csv(sweep: &Sweep, excel: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut w = super::csv::writer(out, excel)?;
    w.write_record(sweep.columns()).map_err(csv_io)?;
    for (values, report) in &sweep.variants {
        let values: Vec<String> = values
            .iter()
            .map(|v| super::csv::number_text(v.clone(), excel))
            .collect();
        for row in &report.rows {
            let mut record = values.clone();
            record.extend(super::csv::record(row, excel));
            w.write_record(&record).map_err(csv_io)?;
        }
    }
    w.flush()
}

/// Writes `sweep` as one table: each variant's rows and its totals row.
pub fn write_table(sweep: &Sweep, out: &mut dyn Write) -> io::Result<()> {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(sweep.columns());
    let mut key_columns = sweep.keys.len();
    for (values, report) in &sweep.variants {
        key_columns = sweep.keys.len() + report.by.len();
        for row in report.rows.iter().chain([&report.total]) {
            let mut line = values.clone();
            line.extend(cells(row, report.by.len()));
            table.add_row(line);
        }
    }
    for (i, column) in table.column_iter_mut().enumerate() {
        if i >= key_columns || i < sweep.keys.len() {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{table}")
}

/// Writes `sweep` as a JSON array of row objects, the ranged keys first
/// (their values as strings, as given).
pub fn write_json(sweep: &Sweep, out: &mut dyn Write) -> io::Result<()> {
    let mut rows = Vec::new();
    for (values, report) in &sweep.variants {
        for row in &report.rows {
            let mut o: serde_json::Map<String, Value> = sweep
                .keys
                .iter()
                .zip(values)
                .map(|(k, v)| (k.clone(), Value::from(v.clone())))
                .collect();
            if let Value::Object(fields) = json::object(report, row) {
                o.extend(fields);
            }
            rows.push(Value::Object(o));
        }
    }
    serde_json::to_writer_pretty(&mut *out, &Value::Array(rows))?;
    out.write_all(b"\n")
}

/// The sweep as the sheet `balayage`: the ranged keys' values as numbers,
/// then the report's cells.
pub fn sheet(sweep: &Sweep) -> Sheet {
    let mut columns = sweep.keys.clone();
    if let Some((_, report)) = sweep.variants.first() {
        columns.extend(report_sheet(report).columns);
    }
    let mut rows = Vec::new();
    for (values, report) in &sweep.variants {
        let values: Vec<Cell> = values
            .iter()
            .map(|v| match v.parse::<Decimal>() {
                Ok(d) => Cell::Number(d, NumberStyle::Decimals(d.scale())),
                Err(_) => Cell::Text(v.clone()),
            })
            .collect();
        for row in &report.rows {
            let mut cells = values.clone();
            cells.extend(row_cells(report, row));
            rows.push(cells);
        }
    }
    Sheet {
        name: "balayage".to_string(),
        columns,
        rows,
    }
}
