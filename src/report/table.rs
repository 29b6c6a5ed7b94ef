//! Table output for a terminal: département names beside codes, French
//! number formatting ([`super::fmt::table_number`]: space as thousands
//! separator, decimal comma), and a totals row.

use super::fmt::{table_money, table_number};
use super::{Report, ReportRow};
use crate::engine::KeyValue;
use comfy_table::{presets::UTF8_FULL_CONDENSED, CellAlignment, Table};
use std::io::{self, Write};

/// The key cells of a table row: a département with its name; the totals
/// row (no keys) labelled `Total` in the first key column.
pub fn key_cells(keys: &[KeyValue], key_columns: usize) -> Vec<String> {
    let mut cells: Vec<String> = keys
        .iter()
        .map(|k| match k {
            KeyValue::Departement(d) => format!("{} {}", d.code(), d.name()),
            other => other.to_string(),
        })
        .collect();
    if cells.is_empty() && key_columns > 0 {
        cells.push("Total".to_string());
        cells.resize(key_columns, String::new());
    }
    cells
}

/// A row's cells: its keys (or `Total`), then its figures.
pub fn cells(row: &ReportRow, key_columns: usize) -> Vec<String> {
    let mut cells = key_cells(&row.keys, key_columns);
    let employees = if row.employees.fract().is_zero() {
        table_number(row.employees, 0)
    } else {
        table_number(row.employees, row.employees.scale())
    };
    cells.push(employees);
    cells.push(table_number(row.fte, 2));
    for m in [row.base_gross, row.delta_gross, row.delta_employer] {
        cells.push(table_money(m));
    }
    for m in row.breakdown.iter().flatten() {
        cells.push(table_money(*m));
    }
    cells.push(table_money(row.delta_cost));
    cells.extend(row.shares.iter().map(|s| table_money(*s)));
    cells.push(
        row.cost_pct_of_base
            .map(|p| table_number(p, 2))
            .unwrap_or_default(),
    );
    cells
}

/// Writes `report` as a table with a totals row.
pub fn write(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(report.columns());
    let key_columns = report.by.len();
    for row in &report.rows {
        table.add_row(cells(row, key_columns));
    }
    table.add_row(cells(&report.total, key_columns));
    for (i, column) in table.column_iter_mut().enumerate() {
        if i >= key_columns {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{table}")
}
