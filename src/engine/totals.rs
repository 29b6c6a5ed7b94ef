//! Mergeable group totals. Every amount added is already rounded to the
//! cent, so sums are exact and merging is associative and commutative: the
//! result cannot depend on thread count or row order. And the split of a
//! group's cost between its payers, the last step of the arithmetic.

use super::keys::GroupKey;
use crate::domain::scenario::{Measure, Scenario};
use crate::domain::Money;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// `lcm(28, 29, 30, 31)`: Σ fte × days ÷ days_in_month is kept exact as
/// Σ fte × days × (L ÷ days_in_month), divided by L only at the end.
pub const FTE_UNITS_PER_MONTH: u32 = 377_580;

/// One measure's amounts in a group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MeasureTotals {
    /// Σ Δgross.
    pub delta_gross: Money,
    /// Σ Δemployer.
    pub delta_employer: Money,
    /// Detailed model: Σ Δ employer contributions (before the réduction
    /// générale).
    pub delta_contributions: Money,
    /// Detailed model: Σ réduction générale lost.
    pub delta_reduction_generale: Money,
    /// Detailed model: Σ Δ taxe sur les salaires.
    pub delta_taxe_salaires: Money,
}

impl MeasureTotals {
    /// Adds one employee-month's weighted amounts.
    pub fn add(&mut self, mm: &super::MeasureMonth) {
        self.delta_gross += mm.weighted_gross;
        self.delta_employer += mm.weighted_employer;
        // The breakdown exists only under the detailed model (no employer rate).
        if mm.employer_rate.is_none() {
            self.delta_contributions += mm.weighted_contributions;
            self.delta_reduction_generale += mm.weighted_reduction_generale;
            self.delta_taxe_salaires += mm.weighted_taxe_salaires;
        }
    }

    /// Adds another group's totals.
    pub fn merge(&mut self, other: &MeasureTotals) {
        self.delta_gross += other.delta_gross;
        self.delta_employer += other.delta_employer;
        self.delta_contributions += other.delta_contributions;
        self.delta_reduction_generale += other.delta_reduction_generale;
        self.delta_taxe_salaires += other.delta_taxe_salaires;
    }

    /// Δgross + Δemployer.
    pub fn delta_cost(&self) -> Money {
        self.delta_gross + self.delta_employer
    }
}

/// The totals of one group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Weighted count of employees eligible and present in the group.
    pub employees: Decimal,
    /// Σ fte × days × weight × (L ÷ days_in_month) over eligible months.
    pub fte_units: Decimal,
    /// Σ base gross over eligible months.
    pub base_gross: Money,
    /// Per measure (scenario order).
    pub measures: Vec<MeasureTotals>,
}

impl Totals {
    /// Empty totals for `measures` measures.
    pub fn new(measures: usize) -> Totals {
        Totals {
            measures: vec![MeasureTotals::default(); measures],
            ..Totals::default()
        }
    }

    /// Adds `other` into `self`.
    pub fn merge(&mut self, other: &Totals) {
        self.employees += other.employees;
        self.fte_units += other.fte_units;
        self.base_gross += other.base_gross;
        if self.measures.len() < other.measures.len() {
            self.measures
                .resize(other.measures.len(), MeasureTotals::default());
        }
        for (a, b) in self.measures.iter_mut().zip(&other.measures) {
            a.merge(b);
        }
    }

    /// Σ Δgross over measures.
    pub fn delta_gross(&self) -> Money {
        self.measures.iter().map(|m| m.delta_gross).sum()
    }

    /// Σ Δemployer over measures.
    pub fn delta_employer(&self) -> Money {
        self.measures.iter().map(|m| m.delta_employer).sum()
    }

    /// Detailed model: Σ over measures of (Δ contributions, réduction
    /// générale lost, Δ taxe sur les salaires).
    pub fn breakdown(&self) -> [Money; 3] {
        let mut b = [Money::ZERO; 3];
        for m in &self.measures {
            b[0] += m.delta_contributions;
            b[1] += m.delta_reduction_generale;
            b[2] += m.delta_taxe_salaires;
        }
        b
    }
}

/// Totals per group, plus the whole horizon (whose employees count once).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupTotals {
    /// Per group.
    pub groups: HashMap<GroupKey, Totals>,
    /// All groups together, each employee counted once.
    pub overall: Totals,
}

impl GroupTotals {
    /// Adds `other` into `self`.
    pub fn merge(mut self, other: GroupTotals) -> GroupTotals {
        let (mut big, small) = if self.groups.len() >= other.groups.len() {
            (self, other)
        } else {
            let o = other;
            let s = std::mem::take(&mut self);
            (o, s)
        };
        for (key, totals) in small.groups {
            match big.groups.get_mut(&key) {
                Some(t) => t.merge(&totals),
                None => {
                    big.groups.insert(key, totals);
                }
            }
        }
        big.overall.merge(&small.overall);
        big
    }
}

/// Splits each measure's cost between its payers: every payer but the last
/// gets round(cost × share), the last the remainder (docs/formats.md, arithmetic step 7).
pub fn payer_shares(scenario: &Scenario, payers: &[String], totals: &Totals) -> Vec<Money> {
    let mut shares = vec![Money::ZERO; payers.len()];
    for (measure, t) in scenario.measures.iter().zip(&totals.measures) {
        for (payer, part) in measure_shares(measure, t.delta_cost()) {
            if let Some(slot) = payers.iter().position(|p| p == payer) {
                shares[slot] += part;
            }
        }
    }
    shares
}

/// One measure's `cost` split between its payers, in its funding order
/// (arithmetic step 7).
pub fn measure_shares(measure: &Measure, cost: Money) -> Vec<(&str, Money)> {
    let mut given = Money::ZERO;
    let mut shares = Vec::with_capacity(measure.funding.len());
    for (i, (payer, fraction)) in measure.funding.iter().enumerate() {
        let part = if i + 1 == measure.funding.len() {
            cost - given
        } else {
            Money::round(fraction.of(cost.amount()))
        };
        given += part;
        shares.push((payer.as_str(), part));
    }
    shares
}
