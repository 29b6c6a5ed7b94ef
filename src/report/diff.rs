//! Scenario comparison: the rows of two reports with the same grouping,
//! matched by their keys, and for `delta_cost` and each payer's share the
//! base figure, the variant's, the difference and the relative difference.
//! Pure functions from rows to bytes, one per format.
//!
//! The relative difference is `(variant − base) ÷ base × 100`, rounded half
//! away from zero to 2 decimals, and empty (JSON `null`) when the base is 0.

use super::csv_io;
use super::fmt::{table_money, table_number};
use super::{money_text, two_decimals, Report};
use crate::domain::money::round_dp;
use crate::domain::GroupBy;
use crate::domain::Money;
use crate::engine::KeyValue;
use comfy_table::{presets::UTF8_FULL_CONDENSED, CellAlignment, Table};
use rust_decimal::Decimal;
use serde_json::Value;
use std::cmp::Ordering;
use std::io::{self, Write};

/// One compared group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffRow {
    /// The group's key values, in `--by` order (empty for the totals row).
    pub keys: Vec<KeyValue>,
    /// Per metric ([`DiffReport::metrics`] order), the base figure (zero when
    /// the group is absent from the base).
    pub base: Vec<Money>,
    /// Per metric, the variant's figure (zero when absent from the variant).
    pub variant: Vec<Money>,
}

impl DiffRow {
    /// Variant − base for metric `i`.
    pub fn difference(&self, i: usize) -> Money {
        self.variant[i] - self.base[i]
    }

    /// (variant − base) ÷ base × 100 for metric `i`, 2 decimals; `None` when
    /// the base is 0.
    pub fn relative(&self, i: usize) -> Option<Decimal> {
        let base = self.base[i].amount();
        (!base.is_zero())
            .then(|| round_dp(self.difference(i).amount() * Decimal::ONE_HUNDRED / base, 2))
    }
}

/// Two reports compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffReport {
    /// The `--by` keys.
    pub by: Vec<GroupBy>,
    /// The compared figures: `delta_cost`, then `share_<payer>` for the union
    /// of both scenarios' payers in first-seen order, the base's first.
    pub metrics: Vec<String>,
    /// One row per group present in either report, in report sort order.
    pub rows: Vec<DiffRow>,
    /// The sums of the rows.
    pub total: DiffRow,
}

/// Report sort order on decoded keys (docs/formats.md, rule 25):
/// départements in INSEE order, years ascending, text by code point.
fn compare_keys(a: &[KeyValue], b: &[KeyValue]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = match (x, y) {
            (KeyValue::Departement(x), KeyValue::Departement(y)) => x.cmp(y),
            (KeyValue::Year(x), KeyValue::Year(y)) => x.cmp(y),
            (x, y) => x.to_string().cmp(&y.to_string()),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

/// The figures of one report row in `metrics` order.
fn figures(report: &Report, row: &super::ReportRow, metrics: &[String]) -> Vec<Money> {
    metrics
        .iter()
        .map(|m| {
            if m == "delta_cost" {
                return row.delta_cost;
            }
            m.strip_prefix("share_")
                .and_then(|p| report.payers.iter().position(|x| x == p))
                .map_or(Money::ZERO, |i| row.shares[i])
        })
        .collect()
}

/// Compares `variant` with `base`; both must be grouped by the same keys.
pub fn diff(base: &Report, variant: &Report) -> DiffReport {
    let mut metrics = vec!["delta_cost".to_string()];
    for p in base.payers.iter().chain(&variant.payers) {
        let name = format!("share_{p}");
        if !metrics.contains(&name) {
            metrics.push(name);
        }
    }
    let n = metrics.len();
    let mut left: Vec<_> = base.rows.iter().collect();
    let mut right: Vec<_> = variant.rows.iter().collect();
    left.sort_by(|a, b| compare_keys(&a.keys, &b.keys));
    right.sort_by(|a, b| compare_keys(&a.keys, &b.keys));
    let (mut i, mut j) = (0, 0);
    let mut rows = Vec::with_capacity(left.len().max(right.len()));
    while i < left.len() || j < right.len() {
        let order = match (left.get(i), right.get(j)) {
            (Some(a), Some(b)) => compare_keys(&a.keys, &b.keys),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        let zero = || vec![Money::ZERO; n];
        let row = match order {
            Ordering::Less => {
                let a = left[i];
                i += 1;
                DiffRow {
                    keys: a.keys.clone(),
                    base: figures(base, a, &metrics),
                    variant: zero(),
                }
            }
            Ordering::Greater => {
                let b = right[j];
                j += 1;
                DiffRow {
                    keys: b.keys.clone(),
                    base: zero(),
                    variant: figures(variant, b, &metrics),
                }
            }
            Ordering::Equal => {
                let (a, b) = (left[i], right[j]);
                i += 1;
                j += 1;
                DiffRow {
                    keys: a.keys.clone(),
                    base: figures(base, a, &metrics),
                    variant: figures(variant, b, &metrics),
                }
            }
        };
        rows.push(row);
    }
    let sum = |pick: fn(&DiffRow) -> &Vec<Money>| -> Vec<Money> {
        (0..n)
            .map(|k| rows.iter().map(|r| pick(r)[k]).sum())
            .collect()
    };
    let total = DiffRow {
        keys: Vec::new(),
        base: sum(|r| &r.base),
        variant: sum(|r| &r.variant),
    };
    DiffReport {
        by: base.by.clone(),
        metrics,
        rows,
        total,
    }
}

impl DiffReport {
    /// The column names: the keys, then for each metric `<metric>_base`,
    /// `<metric>_variant`, `<metric>_diff`, `<metric>_diff_pct`.
    pub fn columns(&self) -> Vec<String> {
        let mut columns: Vec<String> = self.by.iter().map(|k| k.name().to_string()).collect();
        for m in &self.metrics {
            for suffix in ["base", "variant", "diff", "diff_pct"] {
                columns.push(format!("{m}_{suffix}"));
            }
        }
        columns
    }
}

/// The four figures of each metric of `row`, formatted by `money` and `pct`.
fn cells(
    report: &DiffReport,
    row: &DiffRow,
    money: impl Fn(Money) -> String,
    pct: impl Fn(Decimal) -> String,
) -> Vec<String> {
    let mut out = Vec::with_capacity(report.metrics.len() * 4);
    for k in 0..report.metrics.len() {
        out.push(money(row.base[k]));
        out.push(money(row.variant[k]));
        out.push(money(row.difference(k)));
        out.push(row.relative(k).map(&pct).unwrap_or_default());
    }
    out
}

/// Writes the comparison as CSV: `.` decimal point, no totals row, an empty
/// relative difference when the base is 0. With `excel`, the dialect of a
/// French Excel: `;`, decimal comma, UTF-8 BOM, `\r\n`.
pub fn write_csv(report: &DiffReport, excel: bool, out: &mut impl Write) -> io::Result<()> {
    let mut w = super::csv::writer(out, excel)?;
    let comma = |text: String| super::csv::number_text(text, excel);
    w.write_record(report.columns()).map_err(csv_io)?;
    for row in &report.rows {
        let mut record: Vec<String> = row.keys.iter().map(|k| k.to_string()).collect();
        record.extend(cells(
            report,
            row,
            |m| comma(money_text(m)),
            |p| comma(two_decimals(p)),
        ));
        w.write_record(&record).map_err(csv_io)?;
    }
    w.flush()
}

/// Writes the comparison as a JSON array of row objects, money and
/// percentages as strings, years as numbers, an empty relative difference as
/// `null`.
pub fn write_json(report: &DiffReport, out: &mut impl Write) -> io::Result<()> {
    let columns = report.columns();
    let rows: Vec<Value> = report
        .rows
        .iter()
        .map(|row| {
            let mut o = super::json::keys_object(&report.by, &row.keys);
            let figures = cells(report, row, money_text, two_decimals);
            for (name, text) in columns[report.by.len()..].iter().zip(figures) {
                let v = if text.is_empty() {
                    Value::Null
                } else {
                    Value::from(text)
                };
                o.insert(name.clone(), v);
            }
            Value::Object(o)
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &Value::Array(rows))?;
    out.write_all(b"\n")
}

/// Writes the comparison as a table for a terminal: département names,
/// French number formatting, two-line headers (the figure, then base,
/// variant, difference or relative), a totals row.
pub fn write_table(report: &DiffReport, out: &mut impl Write) -> io::Result<()> {
    let pct = |p: Decimal| format!("{} %", table_number(p, 2));
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    let mut header: Vec<String> = report.by.iter().map(|k| k.name().to_string()).collect();
    for m in &report.metrics {
        for what in ["base", "variant", "difference", "relative"] {
            header.push(format!("{m}\n{what}"));
        }
    }
    table.set_header(header);
    let key_columns = report.by.len();
    let key_cells = |row: &DiffRow| super::table::key_cells(&row.keys, key_columns);
    for row in report.rows.iter().chain(std::iter::once(&report.total)) {
        let mut line = key_cells(row);
        line.extend(cells(report, row, table_money, pct));
        table.add_row(line);
    }
    for (i, column) in table.column_iter_mut().enumerate() {
        if i >= key_columns {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{table}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Departement;
    use crate::report::ReportRow;

    fn money(s: &str) -> Money {
        Money::round(s.parse().unwrap())
    }

    fn row(dep: &str, cost: &str, shares: &[&str]) -> ReportRow {
        ReportRow {
            breakdown: None,
            keys: vec![KeyValue::Departement(dep.parse::<Departement>().unwrap())],
            employees: Decimal::ONE,
            fte: Decimal::ONE,
            base_gross: money("1000"),
            delta_gross: money(cost),
            delta_employer: Money::ZERO,
            delta_cost: money(cost),
            shares: shares.iter().map(|s| money(s)).collect(),
            cost_pct_of_base: None,
        }
    }

    fn report(payers: &[&str], rows: Vec<ReportRow>) -> Report {
        Report {
            by: vec![GroupBy::Departement],
            payers: payers.iter().map(|p| p.to_string()).collect(),
            total: rows[0].clone(),
            rows,
        }
    }

    /// Base: 01 costs 300.00 (etat 200.00, departement 100.00), 2A 50.00
    /// (etat). Variant: 01 costs 330.00 (etat 165.00, cnsa 165.00), 971
    /// 10.00 (cnsa). 2A is base-only, 971 variant-only.
    fn two() -> DiffReport {
        let base = report(
            &["etat", "departement"],
            vec![
                row("01", "300", &["200", "100"]),
                row("2A", "50", &["50", "0"]),
            ],
        );
        let variant = report(
            &["etat", "cnsa"],
            vec![
                row("01", "330", &["165", "165"]),
                row("971", "10", &["0", "10"]),
            ],
        );
        diff(&base, &variant)
    }

    #[test]
    fn rows_are_matched_and_payers_united() {
        let d = two();
        assert_eq!(
            d.metrics,
            [
                "delta_cost",
                "share_etat",
                "share_departement",
                "share_cnsa"
            ]
        );
        assert_eq!(d.rows.len(), 3);
        // 01: 330 − 300 = 30, 30 ÷ 300 × 100 = 10.00 %.
        assert_eq!(d.rows[0].difference(0), money("30"));
        assert_eq!(d.rows[0].relative(0), Some(Decimal::new(1000, 2)));
        // Totals: base 350, variant 340.
        assert_eq!(d.total.base[0], money("350"));
        assert_eq!(d.total.variant[0], money("340"));
    }

    #[test]
    fn csv_output() {
        let mut out = Vec::new();
        write_csv(&two(), false, &mut out).unwrap();
        // 01 etat: 165 − 200 = −35, −35 ÷ 200 × 100 = −17.50 %; cnsa has no
        // base in 01, so its relative difference is empty. 971 has no base.
        let expected = "\
departement,delta_cost_base,delta_cost_variant,delta_cost_diff,delta_cost_diff_pct,share_etat_base,share_etat_variant,share_etat_diff,share_etat_diff_pct,share_departement_base,share_departement_variant,share_departement_diff,share_departement_diff_pct,share_cnsa_base,share_cnsa_variant,share_cnsa_diff,share_cnsa_diff_pct
01,300.00,330.00,30.00,10.00,200.00,165.00,-35.00,-17.50,100.00,0.00,-100.00,-100.00,0.00,165.00,165.00,
2A,50.00,0.00,-50.00,-100.00,50.00,0.00,-50.00,-100.00,0.00,0.00,0.00,,0.00,0.00,0.00,
971,0.00,10.00,10.00,,0.00,0.00,0.00,,0.00,0.00,0.00,,0.00,10.00,10.00,
";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn json_output() {
        let mut out = Vec::new();
        write_json(&two(), &mut out).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v[0]["departement"], "01");
        assert_eq!(v[0]["delta_cost_diff_pct"], "10.00");
        assert_eq!(v[2]["delta_cost_diff_pct"], Value::Null);
        assert_eq!(v[2]["share_cnsa_variant"], "10.00");
    }

    #[test]
    fn table_output_has_names_and_totals() {
        let mut out = Vec::new();
        write_table(&two(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("01 Ain"), "{text}");
        assert!(text.contains("Total"), "{text}");
        // Total Δcost: 340 − 350 = −10, −10 ÷ 350 × 100 = −2.857… → −2,86 %.
        assert!(text.contains("-2,86 %"), "{text}");
    }
}
