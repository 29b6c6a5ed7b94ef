//! Budget-baseline drift: a baseline table compared with the figures of
//! now, within a tolerance, and the table of what drifted. Pure functions.
//!
//! Tolerance (`--tolerance`):
//! - `EUROS` (e.g. `0.01`): a money column (`base_gross`, `delta_gross`,
//!   `delta_employer`, `delta_cost`, `share_*`) drifts when
//!   |now − baseline| > EUROS; the other figures (`employees`, `fte`,
//!   `cost_pct_of_base`) are not euros and must be equal.
//! - `P%` (e.g. `0.5%`): every figure drifts when
//!   |now − baseline| > P/100 × |baseline| (so a baseline 0 must stay 0).
//!
//! An empty cell (`cost_pct_of_base` when the base is 0) equals only an
//! empty cell. A row in one table only, and a column in one table only,
//! are drift.

use super::csv_io;
use super::fmt::table_number;
use crate::input::baseline::{Baseline, BaselineRow};
use comfy_table::{presets::UTF8_FULL_CONDENSED, CellAlignment, Table};
use rust_decimal::Decimal;
use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

/// How far a figure may move before it counts as drift.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tolerance {
    /// Euros, on money columns; other figures must be equal.
    Euros(Decimal),
    /// A percentage of the baseline figure, on every figure.
    Percent(Decimal),
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance::Euros(Decimal::ZERO)
    }
}

impl FromStr for Tolerance {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let (number, percent) = match t.strip_suffix('%') {
            Some(n) => (n.trim(), true),
            None => (t, false),
        };
        let value = crate::input::csvfile::parse_decimal(number, false)
            .filter(|d| *d >= Decimal::ZERO)
            .ok_or_else(|| {
                format!("expected euros (`0.01`) or a percentage (`0.5%`), at least 0, not `{s}`")
            })?;
        Ok(if percent {
            Tolerance::Percent(value)
        } else {
            Tolerance::Euros(value)
        })
    }
}

impl fmt::Display for Tolerance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tolerance::Euros(e) => write!(f, "{e} €"),
            Tolerance::Percent(p) => write!(f, "{p} %"),
        }
    }
}

/// Whether a column holds euros.
fn is_money(column: &str) -> bool {
    matches!(
        column,
        "base_gross" | "delta_gross" | "delta_employer" | "delta_cost"
    ) || column.starts_with("share_")
}

impl Tolerance {
    /// Whether `now` is within tolerance of `base` in `column`.
    fn accepts(&self, column: &str, base: Option<Decimal>, now: Option<Decimal>) -> bool {
        let (Some(base), Some(now)) = (base, now) else {
            return base.is_none() && now.is_none();
        };
        // A baseline cell may hold any decimal: a gap beyond Decimal's
        // range is drift, an allowance beyond it accepts anything.
        let Some(gap) = now.checked_sub(base).map(|g| g.abs()) else {
            return false;
        };
        match self {
            Tolerance::Euros(e) if is_money(column) => gap <= *e,
            Tolerance::Euros(_) => gap.is_zero(),
            Tolerance::Percent(p) => match (
                gap.checked_mul(Decimal::ONE_HUNDRED),
                p.checked_mul(base.abs()),
            ) {
                (Some(gap), Some(allowed)) => gap <= allowed,
                (None, Some(_)) => false,
                (Some(_), None) => true,
                (None, None) => (*p / Decimal::ONE_HUNDRED)
                    .checked_mul(base.abs())
                    .is_none_or(|allowed| gap <= allowed),
            },
        }
    }
}

/// What drifted in a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A figure moved beyond tolerance (`None`: an empty cell, or a column
    /// missing on that side).
    Figure {
        /// The column.
        column: String,
        /// The baseline's figure.
        base: Option<Decimal>,
        /// Today's figure.
        now: Option<Decimal>,
    },
    /// The row is in the baseline but not in today's result.
    Missing,
    /// The row is in today's result but not in the baseline.
    Extra,
}

/// One drifted row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drift {
    /// The row's key values.
    pub keys: Vec<String>,
    /// What changed.
    pub change: Change,
}

/// Compares `now` with `base` (same keys, same order of key columns) and
/// lists what drifted, in the order of `base`'s rows then `now`'s extra
/// rows.
pub fn drift(base: &Baseline, now: &Baseline, tolerance: Tolerance) -> Vec<Drift> {
    let mut columns: Vec<&String> = base.figures.iter().collect();
    for c in &now.figures {
        if !columns.contains(&c) {
            columns.push(c);
        }
    }
    let index = |b: &Baseline, c: &str| b.figures.iter().position(|x| x == c);
    let value = |b: &Baseline, row: &BaselineRow, c: &str| {
        index(b, c).and_then(|i| row.values.get(i).copied().flatten())
    };
    let has = |b: &Baseline, c: &str| index(b, c).is_some();
    let now_rows: std::collections::HashMap<&[String], &BaselineRow> =
        now.rows.iter().map(|r| (r.keys.as_slice(), r)).collect();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for row in &base.rows {
        let Some(today) = now_rows.get(row.keys.as_slice()) else {
            out.push(Drift {
                keys: row.keys.clone(),
                change: Change::Missing,
            });
            continue;
        };
        seen.insert(row.keys.as_slice());
        for c in &columns {
            let (b, n) = (value(base, row, c), value(now, today, c));
            let both = has(base, c) && has(now, c);
            if !both || !tolerance.accepts(c, b, n) {
                out.push(Drift {
                    keys: row.keys.clone(),
                    change: Change::Figure {
                        column: c.to_string(),
                        base: b,
                        now: n,
                    },
                });
            }
        }
    }
    for row in &now.rows {
        if !seen.contains(row.keys.as_slice()) {
            out.push(Drift {
                keys: row.keys.clone(),
                change: Change::Extra,
            });
        }
    }
    out
}

/// The cells of a drift: column, baseline, now, difference.
fn cells(d: &Drift, number: impl Fn(Decimal) -> String) -> [String; 4] {
    match &d.change {
        Change::Figure { column, base, now } => {
            let text = |v: &Option<Decimal>| v.map(&number).unwrap_or_default();
            let difference = match (base, now) {
                (Some(b), Some(n)) => n.checked_sub(*b).map(&number).unwrap_or_default(),
                _ => String::new(),
            };
            [column.clone(), text(base), text(now), difference]
        }
        Change::Missing => [
            "(row)".to_string(),
            "present".to_string(),
            "missing".to_string(),
            String::new(),
        ],
        Change::Extra => [
            "(row)".to_string(),
            "missing".to_string(),
            "present".to_string(),
            String::new(),
        ],
    }
}

fn header(by: &[String]) -> Vec<String> {
    let mut h = by.to_vec();
    h.extend(["column", "baseline", "now", "difference"].map(String::from));
    h
}

/// Writes the drift as a table: one line per drifted figure or row.
pub fn write_table(by: &[String], drift: &[Drift], out: &mut impl Write) -> io::Result<()> {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(header(by));
    for d in drift {
        let mut line = d.keys.clone();
        line.extend(cells(d, |v| table_number(v, v.scale().max(2))));
        table.add_row(line);
    }
    for (i, column) in table.column_iter_mut().enumerate() {
        if i > by.len() {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{table}")
}

/// Writes the drift as CSV, `.` decimal point.
pub fn write_csv(by: &[String], drift: &[Drift], out: &mut impl Write) -> io::Result<()> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(header(by)).map_err(csv_io)?;
    for d in drift {
        let mut line = d.keys.clone();
        line.extend(cells(d, |v| v.to_string()));
        w.write_record(&line).map_err(csv_io)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::GroupBy;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn table(rows: &[(&str, &[&str])]) -> Baseline {
        Baseline {
            by: vec![GroupBy::Departement],
            figures: ["employees", "delta_cost", "cost_pct_of_base"]
                .map(String::from)
                .to_vec(),
            rows: rows
                .iter()
                .map(|(k, v)| BaselineRow {
                    line: 0,
                    keys: vec![k.to_string()],
                    values: v.iter().map(|x| (!x.is_empty()).then(|| d(x))).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn tolerances() {
        assert_eq!("0.01".parse(), Ok(Tolerance::Euros(d("0.01"))));
        assert_eq!("0.5%".parse(), Ok(Tolerance::Percent(d("0.5"))));
        assert!("-1".parse::<Tolerance>().is_err());
        assert!("abc%".parse::<Tolerance>().is_err());
        let t = Tolerance::Euros(d("0.01"));
        assert!(t.accepts("delta_cost", Some(d("10.00")), Some(d("10.01"))));
        assert!(!t.accepts("delta_cost", Some(d("10.00")), Some(d("10.02"))));
        assert!(!t.accepts("fte", Some(d("1.00")), Some(d("1.01"))));
        assert!(t.accepts("cost_pct_of_base", None, None));
        assert!(!t.accepts("cost_pct_of_base", None, Some(d("0"))));
        // 0.5 % of 200 is 1.00.
        let t = Tolerance::Percent(d("0.5"));
        assert!(t.accepts("delta_cost", Some(d("200")), Some(d("201"))));
        assert!(!t.accepts("delta_cost", Some(d("200")), Some(d("201.01"))));
        assert!(!t.accepts("fte", Some(d("0")), Some(d("0.01"))));
    }

    #[test]
    fn drifted_figures_and_rows() {
        let base = table(&[
            ("01", &["1", "100.00", "10.00"]),
            ("2A", &["1", "5.00", ""]),
        ]);
        let now = table(&[
            ("01", &["1", "100.02", "10.00"]),
            ("971", &["1", "1.00", ""]),
        ]);
        let found = drift(&base, &now, Tolerance::Euros(d("0.01")));
        assert_eq!(found.len(), 3);
        assert_eq!(
            found[0].change,
            Change::Figure {
                column: "delta_cost".into(),
                base: Some(d("100.00")),
                now: Some(d("100.02"))
            }
        );
        assert_eq!(
            (found[1].keys[0].as_str(), &found[1].change),
            ("2A", &Change::Missing)
        );
        assert_eq!(
            (found[2].keys[0].as_str(), &found[2].change),
            ("971", &Change::Extra)
        );
        let mut out = Vec::new();
        write_csv(&["departement".to_string()], &found, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "departement,column,baseline,now,difference\n\
             01,delta_cost,100.00,100.02,0.02\n\
             2A,(row),present,missing,\n\
             971,(row),missing,present,\n"
        );
        assert!(drift(&base, &base, Tolerance::default()).is_empty());
    }
}
