//! The computation trail of one employee (`revalo explain`): one line per
//! month and measure with every intermediate figure of docs/formats.md's
//! Arithmetic (and docs/payroll.md's under the detailed model), then the
//! yearly sums per measure, which are the figures `simulate --by
//! measure,year` counts for that employee. Pure writers.
//!
//! Monthly payer shares split each month's Δcost by the remainder rule and
//! are indicative only: the yearly shares split the yearly Δcost, as
//! `simulate` does per group, so they may differ by a cent from the sum of
//! the monthly ones.

use super::csv_io;
use super::fmt::{table_money, table_number};
use super::{money_text, two_decimals, ReportRow};
use crate::domain::{Money, YearMonth};
use crate::engine::KeyValue;
use comfy_table::{presets::UTF8_FULL_CONDENSED, CellAlignment, Table};
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::io::{self, Write};

/// Who the trail is about, as read from the workforce.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrailHeader {
    /// Facts as (label, value) pairs, in display order.
    pub facts: Vec<(String, String)>,
}

/// One measure in one month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrailMonth {
    /// The month.
    pub month: YearMonth,
    /// The measure id.
    pub measure: String,
    /// Days of presence.
    pub days: u32,
    /// Days of the month.
    pub days_in_month: u32,
    /// Whole months of seniority on the month's first day.
    pub seniority_months: i32,
    /// The grid step (échelon).
    pub echelon: u32,
    /// Its coefficient.
    pub coefficient: Decimal,
    /// Its complement, in percent.
    pub complement_pct: Decimal,
    /// The value of the point in force on the month's first day.
    pub point_value: Decimal,
    /// The indemnité différentielle, full time: what lifts the grid's pay
    /// to the SMIC (docs/formats.md, rule 33); zero above the SMIC.
    pub smic_top_up: Money,
    /// B: full-time base gross, rounded, floored at the SMIC (the grid's
    /// pay plus `smic_top_up`).
    pub base_full_time: Money,
    /// Base of one person: round(B × fte × days ÷ days_in_month).
    pub base: Money,
    /// ΔG: the measure's full-time monthly increment.
    pub delta_full_time: Money,
    /// The employer rate applied.
    pub employer_rate: Option<Decimal>,
    /// Δgross of one person.
    pub delta_gross_person: Money,
    /// Δemployer of one person.
    pub delta_employer_person: Money,
    /// The row's weight.
    pub weight: Decimal,
    /// fte × days ÷ days_in_month × weight, exact.
    pub fte: Decimal,
    /// Base × weight, rounded.
    pub base_gross: Money,
    /// Δgross × weight, rounded.
    pub delta_gross: Money,
    /// Δemployer × weight, rounded.
    pub delta_employer: Money,
    /// Detailed payroll model: the weighted Δemployer split into Δ
    /// contributions, réduction générale lost and Δ taxe sur les salaires.
    pub breakdown: Option<[Money; 3]>,
    /// Δgross + Δemployer (weighted).
    pub delta_cost: Money,
    /// This month's Δcost split between the payers (indicative).
    pub shares: Vec<Money>,
}

/// A whole trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trail {
    /// Who.
    pub header: TrailHeader,
    /// Payers, as in `simulate`'s `share_*` columns.
    pub payers: Vec<String>,
    /// Month by month, measure by measure.
    pub months: Vec<TrailMonth>,
    /// Per measure and year (keys: measure, year), as `simulate --by
    /// measure,year` reports them.
    pub years: Vec<ReportRow>,
    /// Whether the scenario uses the detailed payroll model (the breakdown
    /// columns are then written).
    pub detailed: bool,
}

/// The breakdown columns of a detailed trail, after `delta_employer`.
const BREAKDOWN: [&str; 3] = [
    "delta_contributions",
    "delta_reduction_generale",
    "delta_taxe_salaires",
];

const MONTH_COLUMNS: [&str; 15] = [
    "days",
    "days_in_month",
    "seniority_months",
    "echelon",
    "coefficient",
    "complement_pct",
    "point_value",
    "indemnite_differentielle",
    "base_full_time",
    "base_person",
    "delta_full_time",
    "employer_rate",
    "delta_gross_person",
    "delta_employer_person",
    "weight",
];

/// The CSV columns: `level` (`month` or `year`), `period`, `measure`, the
/// trail's figures (empty on year lines), then `simulate`'s figures.
pub fn columns(payers: &[String], detailed: bool) -> Vec<String> {
    let mut c: Vec<String> = ["level", "period", "measure"].map(String::from).to_vec();
    c.extend(MONTH_COLUMNS.iter().map(|s| s.to_string()));
    c.extend(
        [
            "employees",
            "fte",
            "base_gross",
            "delta_gross",
            "delta_employer",
        ]
        .map(String::from),
    );
    if detailed {
        c.extend(BREAKDOWN.map(String::from));
    }
    c.push("delta_cost".to_string());
    c.extend(payers.iter().map(|p| format!("share_{p}")));
    c.push("cost_pct_of_base".to_string());
    c
}

fn month_cells(m: &TrailMonth, money: &dyn Fn(Money) -> String) -> Vec<String> {
    let mut r = vec![
        "month".to_string(),
        m.month.to_string(),
        m.measure.clone(),
        m.days.to_string(),
        m.days_in_month.to_string(),
        m.seniority_months.to_string(),
        m.echelon.to_string(),
        m.coefficient.normalize().to_string(),
        m.complement_pct.normalize().to_string(),
        m.point_value.normalize().to_string(),
        money(m.smic_top_up),
        money(m.base_full_time),
        money(m.base),
        money(m.delta_full_time),
        m.employer_rate
            .map(|r| r.normalize().to_string())
            .unwrap_or_default(),
        money(m.delta_gross_person),
        money(m.delta_employer_person),
        m.weight.normalize().to_string(),
        m.weight.normalize().to_string(),
        m.fte.round_dp(4).normalize().to_string(),
        money(m.base_gross),
        money(m.delta_gross),
        money(m.delta_employer),
    ];
    r.extend(m.breakdown.iter().flatten().map(|b| money(*b)));
    r.push(money(m.delta_cost));
    r.extend(m.shares.iter().map(|s| money(*s)));
    r.push(String::new());
    r
}

fn year_cells(y: &ReportRow) -> Vec<String> {
    let (measure, year) = match (y.keys.first(), y.keys.get(1)) {
        (Some(m), Some(y)) => (m.to_string(), y.to_string()),
        _ => (String::new(), String::new()),
    };
    let mut r = vec!["year".to_string(), year, measure];
    r.extend(std::iter::repeat_n(String::new(), MONTH_COLUMNS.len()));
    r.push(y.employees.to_string());
    r.push(two_decimals(y.fte));
    for m in [y.base_gross, y.delta_gross, y.delta_employer] {
        r.push(money_text(m));
    }
    r.extend(y.breakdown.iter().flatten().map(|b| money_text(*b)));
    r.push(money_text(y.delta_cost));
    r.extend(y.shares.iter().map(|s| money_text(*s)));
    r.push(y.cost_pct_of_base.map(two_decimals).unwrap_or_default());
    r
}

/// Writes the trail as CSV: month lines, then year lines.
pub fn write_csv(trail: &Trail, out: &mut impl Write) -> io::Result<()> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(columns(&trail.payers, trail.detailed))
        .map_err(csv_io)?;
    for m in &trail.months {
        w.write_record(month_cells(m, &money_text))
            .map_err(csv_io)?;
    }
    for y in &trail.years {
        w.write_record(year_cells(y)).map_err(csv_io)?;
    }
    w.flush()
}

/// Writes the trail as JSON: `{"employee": {…}, "months": […], "years": […]}`,
/// figures as strings.
pub fn write_json(trail: &Trail, out: &mut impl Write) -> io::Result<()> {
    let columns = columns(&trail.payers, trail.detailed);
    let object = |cells: Vec<String>, skip_empty: bool| -> Value {
        let mut o = Map::new();
        for (name, cell) in columns.iter().zip(cells).skip(1) {
            if skip_empty && cell.is_empty() {
                continue;
            }
            let v = match name.as_str() {
                "cost_pct_of_base" if cell.is_empty() => Value::Null,
                "period" => cell
                    .parse::<i64>()
                    .map_or_else(|_| Value::from(cell.clone()), Value::from),
                _ => Value::from(cell),
            };
            o.insert(name.clone(), v);
        }
        Value::Object(o)
    };
    let mut employee = Map::new();
    for (k, v) in &trail.header.facts {
        employee.insert(k.clone(), Value::from(v.clone()));
    }
    let mut root = Map::new();
    root.insert("employee".into(), Value::Object(employee));
    root.insert(
        "months".into(),
        trail
            .months
            .iter()
            .map(|m| {
                let mut v = object(month_cells(m, &money_text), false);
                if let Some(o) = v.as_object_mut() {
                    o.remove("cost_pct_of_base");
                }
                v
            })
            .collect(),
    );
    root.insert(
        "years".into(),
        trail
            .years
            .iter()
            .map(|y| object(year_cells(y), true))
            .collect(),
    );
    serde_json::to_writer_pretty(&mut *out, &Value::Object(root))?;
    out.write_all(b"\n")
}

/// Writes the trail for a terminal: the employee, a table of the months,
/// a table of the yearly sums.
pub fn write_table(trail: &Trail, out: &mut impl Write) -> io::Result<()> {
    for (k, v) in &trail.header.facts {
        writeln!(out, "{k:>16}: {v}")?;
    }
    writeln!(out, "{}", months_table(trail))?;
    writeln!(out, "{}", years_table(trail))?;
    writeln!(
        out,
        "Monthly payer shares are indicative; yearly shares split the yearly Δcost \
         (last payer takes the remainder), as `simulate --by measure,year` does."
    )
}

/// A terminal table with `header`.
fn figures_table(header: Vec<String>) -> Table {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(header);
    table
}

/// Aligns the figures right: every column but the first two (month and
/// measure, or measure and year).
fn align_figures_right(table: &mut Table) {
    for (i, column) in table.column_iter_mut().enumerate() {
        if i >= 2 {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// One line per month and measure with its intermediate figures.
fn months_table(trail: &Trail) -> Table {
    let mut header: Vec<String> = [
        "month",
        "measure",
        "days",
        "seniority\n(months)",
        "echelon",
        "coefficient",
        "point\nvalue",
        "indemnité\ndifférentielle",
        "B\nfull time",
        "base\n(person)",
        "ΔG",
        "employer\nrate",
        "Δgross\n(person)",
        "Δemployer\n(person)",
        "Δgross\n× weight",
        "Δemployer\n× weight",
        "Δcost",
    ]
    .map(String::from)
    .to_vec();
    header.extend(trail.payers.iter().map(|p| format!("{p}\n(indicative)")));
    let mut table = figures_table(header);
    for m in &trail.months {
        let mut r = vec![
            m.month.to_string(),
            m.measure.clone(),
            format!("{}/{}", m.days, m.days_in_month),
            m.seniority_months.to_string(),
            m.echelon.to_string(),
            table_number(m.coefficient, m.coefficient.scale()),
            table_number(m.point_value, m.point_value.scale()),
            table_money(m.smic_top_up),
            table_money(m.base_full_time),
            table_money(m.base),
            table_money(m.delta_full_time),
            m.employer_rate
                .map_or("détaillé".to_string(), |r| table_number(r, r.scale())),
            table_money(m.delta_gross_person),
            table_money(m.delta_employer_person),
            table_money(m.delta_gross),
            table_money(m.delta_employer),
            table_money(m.delta_cost),
        ];
        r.extend(m.shares.iter().map(|s| table_money(*s)));
        table.add_row(r);
    }
    align_figures_right(&mut table);
    table
}

/// One line per measure and year: `simulate`'s figures for this employee.
fn years_table(trail: &Trail) -> Table {
    let mut header: Vec<String> = [
        "measure",
        "year",
        "employees",
        "fte",
        "base_gross",
        "delta_gross",
        "delta_employer",
    ]
    .map(String::from)
    .to_vec();
    if trail.detailed {
        header.extend(BREAKDOWN.map(String::from));
    }
    header.push("delta_cost".to_string());
    header.extend(trail.payers.iter().map(|p| format!("share_{p}")));
    header.push("cost_pct_of_base".to_string());
    let mut table = figures_table(header);
    for y in &trail.years {
        let mut r: Vec<String> = y
            .keys
            .iter()
            .map(|k| match k {
                KeyValue::Year(y) => y.to_string(),
                other => other.to_string(),
            })
            .collect();
        r.push(table_number(y.employees, y.employees.scale()));
        r.push(table_number(y.fte, 2));
        for m in [y.base_gross, y.delta_gross, y.delta_employer] {
            r.push(table_money(m));
        }
        r.extend(y.breakdown.iter().flatten().map(|b| table_money(*b)));
        r.push(table_money(y.delta_cost));
        r.extend(y.shares.iter().map(|s| table_money(*s)));
        r.push(
            y.cost_pct_of_base
                .map(|p| table_number(p, 2))
                .unwrap_or_default(),
        );
        table.add_row(r);
    }
    align_figures_right(&mut table);
    table
}
