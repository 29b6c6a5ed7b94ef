//! CSV output: the columns of docs/formats.md's Output section, in order,
//! `.` decimal point, money with two decimals, no thousands separator, no
//! totals row, `\n` line endings, minimal quoting. With `--excel`, the same
//! columns in the dialect a French Excel opens by double-click: `;`
//! delimiter, decimal comma, UTF-8 BOM, `\r\n` line endings.

use super::{csv_io, money_text, two_decimals, Report, ReportRow};
use std::io::{self, Write};

/// Writes `report` as CSV.
pub fn write(report: &Report, out: &mut impl Write) -> io::Result<()> {
    write_dialect(report, false, out).map_err(csv_io)
}

/// Writes `report` as CSV for a French Excel: `;`, decimal comma, BOM.
pub fn write_excel(report: &Report, out: &mut impl Write) -> io::Result<()> {
    write_dialect(report, true, out).map_err(csv_io)
}

/// A CSV writer in revalo's dialect (`,`, `\n`), or with `excel` in the
/// dialect of a French Excel (`;`, `\r\n`, after a UTF-8 BOM written here).
pub fn writer<W: Write>(mut out: W, excel: bool) -> io::Result<::csv::Writer<W>> {
    if excel {
        out.write_all("\u{feff}".as_bytes())?;
    }
    Ok(::csv::WriterBuilder::new()
        .delimiter(if excel { b';' } else { b',' })
        .terminator(if excel {
            ::csv::Terminator::CRLF
        } else {
            ::csv::Terminator::Any(b'\n')
        })
        .from_writer(out))
}

/// A number's text, with a decimal comma in the Excel dialect.
pub fn number_text(text: String, excel: bool) -> String {
    if excel {
        text.replace('.', ",")
    } else {
        text
    }
}

fn write_dialect(report: &Report, excel: bool, out: &mut impl Write) -> Result<(), ::csv::Error> {
    let mut w = writer(out, excel)?;
    w.write_record(report.columns())?;
    for row in &report.rows {
        w.write_record(record(row, excel))?;
    }
    w.flush()?;
    Ok(())
}

/// The CSV fields of a row, numbers with a decimal comma when `excel`
/// (only numbers: never a key such as a job code).
pub fn record(row: &ReportRow, excel: bool) -> Vec<String> {
    let number = |text: String| number_text(text, excel);
    let mut record: Vec<String> = row.keys.iter().map(|k| k.to_string()).collect();
    record.push(number(row.employees.to_string()));
    record.push(number(two_decimals(row.fte)));
    for m in [row.base_gross, row.delta_gross, row.delta_employer] {
        record.push(number(money_text(m)));
    }
    for m in row.breakdown.iter().flatten() {
        record.push(number(money_text(*m)));
    }
    record.push(number(money_text(row.delta_cost)));
    record.extend(row.shares.iter().map(|s| number(money_text(*s))));
    record.push(number(
        row.cost_pct_of_base.map(two_decimals).unwrap_or_default(),
    ));
    record
}
