//! The answer of `revalo solve` as rows — per group when solving per group
//! — and its writers: CSV with the columns `measure,parameter,value,cost,
//! cost_next` after the group keys (docs/formats.md, rule 62), a table,
//! JSON and a workbook sheet.

use super::fmt::{table_money, table_number};
use super::json::keys_object;
use super::table::key_cells;
use super::xlsx::{Cell, NumberStyle, Sheet};
use super::{csv_io, money_text};
use crate::domain::{GroupBy, Money};
use crate::engine::KeyValue;
use comfy_table::{presets::UTF8_FULL_CONDENSED, CellAlignment, Table};
use rust_decimal::Decimal;
use serde_json::Value;
use std::io::{self, Write};

/// The largest values found, one row per group (one row in all without
/// groups).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Solution {
    /// The group keys, in column order (none for the whole workforce).
    pub by: Vec<GroupBy>,
    /// The measure's id.
    pub measure: String,
    /// The parameter's key: `amount` or `percent`.
    pub parameter: &'static str,
    /// Rows in group order.
    pub rows: Vec<SolutionRow>,
}

/// One group's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SolutionRow {
    /// The group's key values, in `by` order.
    pub keys: Vec<KeyValue>,
    /// The largest value within the target, with the parameter's decimals.
    pub value: Decimal,
    /// Its cost.
    pub cost: Money,
    /// The cost of one unit more.
    pub cost_next: Money,
}

impl Solution {
    /// The column names.
    pub fn columns(&self) -> Vec<String> {
        let mut columns: Vec<String> = self.by.iter().map(|k| k.name().to_string()).collect();
        columns
            .extend(["measure", "parameter", "value", "cost", "cost_next"].map(|c| c.to_string()));
        columns
    }
}

/// Writes `solution` as CSV, or in a French Excel's dialect.
pub fn write_csv(solution: &Solution, excel: bool, out: &mut dyn Write) -> io::Result<()> {
    let number = |text: String| super::csv::number_text(text, excel);
    let mut w = super::csv::writer(out, excel)?;
    w.write_record(solution.columns()).map_err(csv_io)?;
    for row in &solution.rows {
        let mut record: Vec<String> = row.keys.iter().map(|k| k.to_string()).collect();
        record.push(solution.measure.clone());
        record.push(solution.parameter.to_string());
        record.push(number(row.value.to_string()));
        record.push(number(money_text(row.cost)));
        record.push(number(money_text(row.cost_next)));
        w.write_record(&record).map_err(csv_io)?;
    }
    w.flush()
}

/// Writes `solution` as a table: département names beside codes, French
/// number formatting.
pub fn write_table(solution: &Solution, out: &mut dyn Write) -> io::Result<()> {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(solution.columns());
    for row in &solution.rows {
        let mut cells = key_cells(&row.keys, solution.by.len());
        cells.push(solution.measure.clone());
        cells.push(solution.parameter.to_string());
        cells.push(table_number(row.value, row.value.scale()));
        cells.push(table_money(row.cost));
        cells.push(table_money(row.cost_next));
        table.add_row(cells);
    }
    for (i, column) in table.column_iter_mut().enumerate() {
        if i >= solution.by.len() + 2 {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{table}")
}

/// Writes `solution` as a JSON array of row objects, numbers as strings.
pub fn write_json(solution: &Solution, out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<Value> = solution
        .rows
        .iter()
        .map(|row| {
            let mut o = keys_object(&solution.by, &row.keys);
            o.insert("measure".into(), Value::from(solution.measure.clone()));
            o.insert("parameter".into(), Value::from(solution.parameter));
            o.insert("value".into(), Value::from(row.value.to_string()));
            o.insert("cost".into(), Value::from(money_text(row.cost)));
            o.insert("cost_next".into(), Value::from(money_text(row.cost_next)));
            Value::Object(o)
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &Value::Array(rows))?;
    out.write_all(b"\n")
}

/// The solution as the sheet `solution`.
pub fn sheet(solution: &Solution) -> Sheet {
    let rows = solution
        .rows
        .iter()
        .map(|row| {
            let mut cells = super::xlsx::key_cells(&row.keys);
            cells.push(Cell::Text(solution.measure.clone()));
            cells.push(Cell::Text(solution.parameter.to_string()));
            cells.push(Cell::Number(
                row.value,
                NumberStyle::Decimals(row.value.scale()),
            ));
            cells.push(Cell::Number(row.cost.amount(), NumberStyle::Euro));
            cells.push(Cell::Number(row.cost_next.amount(), NumberStyle::Euro));
            cells
        })
        .collect();
    Sheet {
        name: "solution".to_string(),
        columns: solution.columns(),
        rows,
    }
}
