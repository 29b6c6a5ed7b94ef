//! The figure `revalo report --metric` colours the map with and ranks the
//! départements by: the cost over the horizon, per inhabitant, per eligible
//! fte, or one payer's share.

use super::map::Unit;
use super::ReportRow;
use crate::domain::money::round_dp;
use crate::domain::Departement;
use crate::engine::KeyValue;
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

/// A figure per département.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Metric {
    /// `delta_cost` over the horizon.
    DeltaCost,
    /// `delta_cost` over the horizon ÷ the population.
    DeltaCostPerInhabitant,
    /// `delta_cost` over the horizon ÷ the eligible fte (averaged over the
    /// horizon's months).
    DeltaCostPerFte,
    /// One payer's share of `delta_cost` over the horizon (`share_etat`).
    Share(String),
}

/// The error of parsing a metric name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown metric `{0}` (expected delta_cost, delta_cost_per_inhabitant, \
     delta_cost_per_fte or share_<payer>, e.g. share_etat)"
)]
pub struct MetricError(String);

impl FromStr for Metric {
    type Err = MetricError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "delta_cost" => Ok(Metric::DeltaCost),
            "delta_cost_per_inhabitant" => Ok(Metric::DeltaCostPerInhabitant),
            "delta_cost_per_fte" => Ok(Metric::DeltaCostPerFte),
            other => match other.strip_prefix("share_") {
                Some(payer) if !payer.is_empty() => Ok(Metric::Share(payer.to_string())),
                _ => Err(MetricError(other.to_string())),
            },
        }
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Metric::DeltaCost => f.write_str("delta_cost"),
            Metric::DeltaCostPerInhabitant => f.write_str("delta_cost_per_inhabitant"),
            Metric::DeltaCostPerFte => f.write_str("delta_cost_per_fte"),
            Metric::Share(p) => write!(f, "share_{p}"),
        }
    }
}

/// A payer's name as a reader expects it (`etat` → `État`).
pub fn payer_label(payer: &str) -> String {
    match payer {
        "etat" => "État".to_string(),
        "departement" => "Départements".to_string(),
        "assurance_maladie" => "Assurance maladie".to_string(),
        "employeur" | "employeurs" => "Employeurs".to_string(),
        other => {
            let text = other.replace('_', " ");
            let mut chars = text.chars();
            match chars.next() {
                Some(c) => c.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        }
    }
}

impl Metric {
    /// The unit of the figure.
    pub fn unit(&self) -> Unit {
        match self {
            Metric::DeltaCost | Metric::Share(_) => Unit::Euro,
            Metric::DeltaCostPerInhabitant => Unit::EuroPerInhabitant,
            Metric::DeltaCostPerFte => Unit::EuroPerFte,
        }
    }

    /// A French label, e.g. `Surcoût 2022–2026 par habitant`.
    pub fn label(&self, first_year: i32, last_year: i32) -> String {
        let years = if first_year == last_year {
            format!("{first_year}")
        } else {
            format!("{first_year}–{last_year}")
        };
        match self {
            Metric::DeltaCost => format!("Surcoût {years}"),
            Metric::DeltaCostPerInhabitant => format!("Surcoût {years} par habitant"),
            Metric::DeltaCostPerFte => format!("Surcoût {years} par ETP éligible"),
            Metric::Share(p) => format!("Part {} du surcoût {years}", payer_label(p)),
        }
    }

    /// The figure of a département's row over the horizon (`payers` in the
    /// report's order); `None` when it has no meaning (no population, no
    /// fte, unknown payer).
    pub fn value(
        &self,
        row: &ReportRow,
        payers: &[String],
        population: Option<u64>,
    ) -> Option<Decimal> {
        let cost = row.delta_cost.amount();
        match self {
            Metric::DeltaCost => Some(cost),
            Metric::DeltaCostPerInhabitant => population
                .filter(|p| *p > 0)
                .map(|p| round_dp(cost / Decimal::from(p), 2)),
            Metric::DeltaCostPerFte => (!row.fte.is_zero()).then(|| round_dp(cost / row.fte, 2)),
            Metric::Share(payer) => payers
                .iter()
                .position(|p| p == payer)
                .and_then(|i| row.shares.get(i))
                .map(|m| m.amount()),
        }
    }
}

/// The département of a row whose first key is the département.
pub fn departement_of(row: &ReportRow) -> Option<Departement> {
    match row.keys.first() {
        Some(KeyValue::Departement(d)) => Some(*d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in [
            "delta_cost",
            "delta_cost_per_inhabitant",
            "delta_cost_per_fte",
            "share_etat",
        ] {
            assert_eq!(name.parse::<Metric>().unwrap().to_string(), name);
        }
        assert!("share_".parse::<Metric>().is_err());
        assert!("cost".parse::<Metric>().is_err());
        assert_eq!(payer_label("etat"), "État");
        assert_eq!(payer_label("caf_locale"), "Caf locale");
    }
}
