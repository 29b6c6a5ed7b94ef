//! A scenario: the horizon, the input files and the revaluation measures.
//! Read from TOML by `input::scenario`.

use super::{Departement, Fraction, Funder, Sector, YearMonth};
use rust_decimal::Decimal;
use std::path::PathBuf;

/// A complete, validated scenario.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The scenario file it was read from.
    pub path: PathBuf,
    /// Readable name.
    pub name: String,
    /// First year of the horizon.
    pub first_year: i32,
    /// Last year of the horizon, inclusive.
    pub last_year: i32,
    /// Workforce CSV, resolved against the scenario's folder.
    pub workforce: PathBuf,
    /// Grids folder, resolved against the scenario's folder.
    pub grids: PathBuf,
    /// Parameters folder, resolved against the scenario's folder.
    pub parameters: PathBuf,
    /// Measures, in file order.
    pub measures: Vec<Measure>,
}

impl Scenario {
    /// The first month of the horizon.
    pub fn first_month(&self) -> YearMonth {
        YearMonth::new(self.first_year, 1)
    }

    /// The last month of the horizon.
    pub fn last_month(&self) -> YearMonth {
        YearMonth::new(self.last_year, 12)
    }

    /// Payers named in any measure's funding, in first-seen order (precise
    /// rule 10).
    pub fn payers(&self) -> Vec<String> {
        let mut payers: Vec<String> = Vec::new();
        for m in &self.measures {
            for (payer, _) in &m.funding {
                if !payers.contains(payer) {
                    payers.push(payer.clone());
                }
            }
        }
        payers
    }
}

/// A revaluation measure.
#[derive(Clone, Debug)]
pub struct Measure {
    /// Identifier, unique in the scenario.
    pub id: String,
    /// What the measure changes, and by how much.
    pub kind: MeasureKind,
    /// First month.
    pub from: YearMonth,
    /// Last month, inclusive, if any.
    pub until: Option<YearMonth>,
    /// Who it applies to.
    pub eligible: Eligibility,
    /// Payers and their shares, in file order; the last payer takes the
    /// remainder.
    pub funding: Vec<(String, Fraction)>,
}

impl Measure {
    /// Whether the measure's dates cover `month`.
    pub fn in_force(&self, month: YearMonth) -> bool {
        month >= self.from && self.until.is_none_or(|u| month <= u)
    }
}

/// The five measure kinds of DESIGN.md, each with its amount.
#[derive(Clone, Debug, PartialEq)]
pub enum MeasureKind {
    /// ΔG = amount / (1 − employee_rate), rounded to the cent.
    NetMonthly(Decimal),
    /// ΔG = amount.
    GrossMonthly(Decimal),
    /// ΔG = amount × value of the point (no complement).
    Points(Decimal),
    /// The value of the point becomes a new value, or rises by a percent.
    PointValue(PointChange),
    /// `amount` points added to the coefficient (complement included).
    Coefficient(Decimal),
}

impl MeasureKind {
    /// The kind's name in scenario files.
    pub fn name(&self) -> &'static str {
        match self {
            MeasureKind::NetMonthly(_) => "net_monthly",
            MeasureKind::GrossMonthly(_) => "gross_monthly",
            MeasureKind::Points(_) => "points",
            MeasureKind::PointValue(_) => "point_value",
            MeasureKind::Coefficient(_) => "coefficient",
        }
    }
}

/// How a `point_value` measure changes the value of the point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PointChange {
    /// The point is worth this amount.
    NewValue(Decimal),
    /// The point rises by this percent (not rounded).
    Percent(Decimal),
}

/// Eligibility filters; `None` matches everyone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Eligibility {
    /// Convention ids.
    pub convention: Option<Vec<String>>,
    /// Job codes (the same code in two grids is one job, precise rule 13).
    pub job: Option<Vec<String>>,
    /// Filières.
    pub filiere: Option<Vec<String>>,
    /// Sectors.
    pub sector: Option<Vec<Sector>>,
    /// Départements.
    pub departement: Option<Vec<Departement>>,
    /// Funders.
    pub funder: Option<Vec<Funder>>,
}
