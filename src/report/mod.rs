//! Reports: turns group totals into rows (payer shares by the remainder
//! rule, fte and cost ratios) and writes them as a table, CSV or JSON. The
//! writers are pure functions from rows to bytes.

pub mod assumptions;
pub mod chart;
pub mod csv;
pub mod diff;
pub mod drift;
pub mod fmt;
pub mod html;
pub mod json;
pub mod map;
pub mod metric;
pub mod population;
pub mod solve;
pub mod sweep;
pub mod table;
pub mod trail;
pub mod xlsx;

use crate::domain::money::round_dp;
use crate::domain::scenario::{PayrollModel, Scenario};
use crate::domain::GroupBy;
use crate::domain::Money;
use crate::engine::{payer_shares, GroupTotals, KeySpec, KeyValue, Totals, FTE_UNITS_PER_MONTH};
use rust_decimal::Decimal;
use std::str::FromStr;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned table with département names and a totals row.
    Table,
    /// CSV: the columns of docs/formats.md, `.` decimal point, no totals row.
    Csv,
    /// JSON: the same rows as objects, money as strings.
    Json,
    /// An Excel workbook (needs `--output`): numbers as numbers with euro
    /// formats, a frozen header, a sheet of assumptions.
    Xlsx,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "xlsx" => Ok(Format::Xlsx),
            _ => Err(format!(
                "unknown format `{s}` (expected table, csv, json or xlsx)"
            )),
        }
    }
}

/// One reported row (a group, or the totals).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRow {
    /// The group's key values, in `--by` order (empty for the totals row).
    pub keys: Vec<KeyValue>,
    /// Weighted count of employees, exact.
    pub employees: Decimal,
    /// Average fte over the group's months, 2 decimals.
    pub fte: Decimal,
    /// Base payroll over the eligible months.
    pub base_gross: Money,
    /// Σ Δgross.
    pub delta_gross: Money,
    /// Σ Δemployer.
    pub delta_employer: Money,
    /// Detailed model: Δemployer split into Δ contributions, réduction
    /// générale lost and Δ taxe sur les salaires (summing to Δemployer).
    pub breakdown: Option<[Money; 3]>,
    /// Σ Δcost.
    pub delta_cost: Money,
    /// Per payer, in [`Report::payers`] order.
    pub shares: Vec<Money>,
    /// Δcost ÷ base × 100, 2 decimals; `None` when the base is 0.
    pub cost_pct_of_base: Option<Decimal>,
}

/// The breakdown columns of a detailed-model report, after `delta_employer`.
const BREAKDOWN_COLUMNS: [&str; 3] = [
    "delta_contributions",
    "delta_reduction_generale",
    "delta_taxe_salaires",
];

/// A whole report: the key columns, the payers, the rows and their totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The `--by` keys.
    pub by: Vec<GroupBy>,
    /// Payers, in first-seen order over the measures.
    pub payers: Vec<String>,
    /// Rows in sort order.
    pub rows: Vec<ReportRow>,
    /// The totals row: money columns summed over the rows; `employees` counts
    /// each employee once; `fte` is the average over the horizon.
    pub total: ReportRow,
}

impl Report {
    /// The CSV column names, in order.
    pub fn columns(&self) -> Vec<String> {
        let mut columns: Vec<String> = self.by.iter().map(|k| k.name().to_string()).collect();
        columns.extend(
            [
                "employees",
                "fte",
                "base_gross",
                "delta_gross",
                "delta_employer",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        if self.total.breakdown.is_some() {
            columns.extend(BREAKDOWN_COLUMNS.iter().map(|s| s.to_string()));
        }
        columns.push("delta_cost".to_string());
        columns.extend(self.payers.iter().map(|p| format!("share_{p}")));
        columns.push("cost_pct_of_base".to_string());
        columns
    }
}

/// The row of a group's totals `t` over `months` months (its `fte` is the
/// average over them): the payers' shares by the remainder rule, the cost
/// ratio. `simulate` builds every group's row with it, `explain` each
/// yearly line of one employee.
pub fn row(
    detailed: bool,
    scenario: &Scenario,
    payers: &[String],
    keys: Vec<KeyValue>,
    t: &Totals,
    months: u32,
) -> ReportRow {
    let delta_gross = t.delta_gross();
    let delta_employer = t.delta_employer();
    let delta_cost = delta_gross + delta_employer;
    let base = t.base_gross.amount();
    ReportRow {
        keys,
        employees: t.employees.normalize(),
        fte: round_dp(
            t.fte_units / Decimal::from(FTE_UNITS_PER_MONTH) / Decimal::from(months),
            2,
        ),
        base_gross: t.base_gross,
        delta_gross,
        delta_employer,
        breakdown: detailed.then(|| t.breakdown()),
        delta_cost,
        shares: payer_shares(scenario, payers, t),
        cost_pct_of_base: (!base.is_zero())
            .then(|| round_dp(delta_cost.amount() * Decimal::ONE_HUNDRED / base, 2)),
    }
}

/// Builds the report of `totals`, grouped as `keys` says.
pub fn build(scenario: &Scenario, keys: &KeySpec, totals: &GroupTotals) -> Report {
    let payers = scenario.payers();
    let detailed = scenario.payroll == PayrollModel::Detailed;
    let horizon_months = ((scenario.last_year - scenario.first_year + 1) * 12) as u32;
    let group_months = if keys.has(GroupBy::Year) {
        12
    } else {
        horizon_months
    };
    let mut sorted: Vec<_> = totals.groups.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let rows: Vec<ReportRow> = sorted
        .into_iter()
        .map(|(k, t)| row(detailed, scenario, &payers, keys.decode(k), t, group_months))
        .collect();
    let mut total = row(
        detailed,
        scenario,
        &payers,
        Vec::new(),
        &totals.overall,
        horizon_months,
    );
    // Money columns of the totals row are the sums of the rows, as a reader
    // adding up the column would find (with `measure` as a key, a month
    // eligible to two measures counts its base twice, once per row).
    total.base_gross = rows.iter().map(|r| r.base_gross).sum();
    total.delta_gross = rows.iter().map(|r| r.delta_gross).sum();
    total.delta_employer = rows.iter().map(|r| r.delta_employer).sum();
    total.delta_cost = rows.iter().map(|r| r.delta_cost).sum();
    if let Some(b) = total.breakdown.as_mut() {
        for (i, part) in b.iter_mut().enumerate() {
            *part = rows.iter().filter_map(|r| r.breakdown).map(|x| x[i]).sum();
        }
    }
    for (i, share) in total.shares.iter_mut().enumerate() {
        *share = rows.iter().map(|r| r.shares[i]).sum();
    }
    let base = total.base_gross.amount();
    total.cost_pct_of_base = (!base.is_zero())
        .then(|| round_dp(total.delta_cost.amount() * Decimal::ONE_HUNDRED / base, 2));
    Report {
        by: keys.by.clone(),
        payers,
        rows,
        total,
    }
}

/// A CSV writer's error as the I/O error it wraps, so that a closed pipe
/// stays recognisable as `BrokenPipe` up to `main`.
fn csv_io(e: ::csv::Error) -> std::io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// Money with two decimals and `.` as the decimal point.
pub fn money_text(m: Money) -> String {
    m.to_string()
}

/// A decimal with exactly two decimals.
pub fn two_decimals(d: Decimal) -> String {
    format!("{:.2}", round_dp(d, 2))
}
