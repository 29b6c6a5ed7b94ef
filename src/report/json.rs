//! JSON output: an array of the CSV rows as objects, in column order; money,
//! employees, fte and percentages as strings so that they stay exact; years
//! as numbers; an empty `cost_pct_of_base` as `null`.

use super::{money_text, two_decimals, Report, ReportRow, BREAKDOWN_COLUMNS};
use crate::domain::GroupBy;
use crate::engine::KeyValue;
use serde_json::{Map, Value};
use std::io::{self, Write};

/// A JSON object holding a row's group keys under their `--by` names: years
/// as numbers, every other key as its text. `simulate` and `compare` start
/// their row objects with it.
pub(crate) fn keys_object(by: &[GroupBy], keys: &[KeyValue]) -> Map<String, Value> {
    let mut o = Map::new();
    for (key, value) in by.iter().zip(keys) {
        let v = match value {
            KeyValue::Year(y) => Value::from(*y),
            other => Value::from(other.to_string()),
        };
        o.insert(key.name().to_string(), v);
    }
    o
}

/// A row as a JSON object, its keys first.
pub fn object(report: &Report, row: &ReportRow) -> Value {
    let mut o = keys_object(&report.by, &row.keys);
    o.insert("employees".into(), Value::from(row.employees.to_string()));
    o.insert("fte".into(), Value::from(two_decimals(row.fte)));
    o.insert("base_gross".into(), Value::from(money_text(row.base_gross)));
    o.insert(
        "delta_gross".into(),
        Value::from(money_text(row.delta_gross)),
    );
    o.insert(
        "delta_employer".into(),
        Value::from(money_text(row.delta_employer)),
    );
    if let Some(parts) = row.breakdown {
        for (name, m) in BREAKDOWN_COLUMNS.iter().zip(parts) {
            o.insert(name.to_string(), Value::from(money_text(m)));
        }
    }
    o.insert("delta_cost".into(), Value::from(money_text(row.delta_cost)));
    for (payer, share) in report.payers.iter().zip(&row.shares) {
        o.insert(format!("share_{payer}"), Value::from(money_text(*share)));
    }
    o.insert(
        "cost_pct_of_base".into(),
        row.cost_pct_of_base
            .map_or(Value::Null, |p| Value::from(two_decimals(p))),
    );
    Value::Object(o)
}

/// Writes `report` as a JSON array of row objects.
pub fn write(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let rows: Vec<Value> = report.rows.iter().map(|r| object(report, r)).collect();
    serde_json::to_writer_pretty(&mut *out, &Value::Array(rows))?;
    out.write_all(b"\n")
}
