//! CSV output: DESIGN.md's columns in order, `.` decimal point, money with
//! two decimals, no thousands separator, no totals row, `\n` line endings,
//! minimal quoting.

use super::{money_text, two_decimals, Report};
use std::io::{self, Write};

/// Writes `report` as CSV.
pub fn write(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(report.columns())?;
    for row in &report.rows {
        let mut record: Vec<String> = row.keys.iter().map(|k| k.to_string()).collect();
        record.push(row.employees.to_string());
        record.push(two_decimals(row.fte));
        for m in [row.base_gross, row.delta_gross, row.delta_employer] {
            record.push(money_text(m));
        }
        for m in row.breakdown.iter().flatten() {
            record.push(money_text(*m));
        }
        record.push(money_text(row.delta_cost));
        record.extend(row.shares.iter().map(|s| money_text(*s)));
        record.push(row.cost_pct_of_base.map(two_decimals).unwrap_or_default());
        w.write_record(&record)?;
    }
    w.flush()
}
