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
    /// Δcost per funding table of the measures whose funding has several
    /// (dated, by funder): their tables in scenario order, each measure's
    /// in [`crate::domain::funding::Funding::tables`] order (rule 52).
    pub funded: Vec<Money>,
}

impl Totals {
    /// Empty totals for `measures` measures and `funded` funding tables
    /// ([`super::FundingPlan::slots`]).
    pub fn new(measures: usize, funded: usize) -> Totals {
        Totals {
            measures: vec![MeasureTotals::default(); measures],
            funded: vec![Money::ZERO; funded],
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
        if self.funded.len() < other.funded.len() {
            self.funded.resize(other.funded.len(), Money::ZERO);
        }
        for (a, b) in self.funded.iter_mut().zip(&other.funded) {
            *a += *b;
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
/// gets round(cost × share), the last the remainder (docs/formats.md,
/// arithmetic step 7). A measure whose funding has several tables (dated,
/// by funder) splits the cost of each table in force apart — its part of
/// [`Totals::funded`] — and sums the parts (rule 52), so a group's shares
/// still add up to its cost to the cent.
pub fn payer_shares(scenario: &Scenario, payers: &[String], totals: &Totals) -> Vec<Money> {
    let mut shares = vec![Money::ZERO; payers.len()];
    let mut slot = 0;
    for (measure, t) in scenario.measures.iter().zip(&totals.measures) {
        let tables = measure.funding.table_count();
        let costs: Vec<Money> = if tables == 1 {
            vec![t.delta_cost()]
        } else {
            slot += tables;
            (slot - tables..slot)
                .map(|s| totals.funded.get(s).copied().unwrap_or(Money::ZERO))
                .collect()
        };
        for (payer, part) in measure_shares(measure, &costs) {
            if let Some(position) = payers.iter().position(|p| p == payer) {
                shares[position] += part;
            }
        }
    }
    shares
}

/// One measure's cost split between its payers, table by table in its
/// funding order (arithmetic step 7, rule 52): `costs` holds its cost per
/// funding table ([`crate::domain::funding::Funding::tables`] order; one
/// cost for a single table). A payer of several tables appears once per
/// table.
pub fn measure_shares<'a>(measure: &'a Measure, costs: &[Money]) -> Vec<(&'a str, Money)> {
    let mut shares = Vec::new();
    for (table, cost) in measure.funding.tables().zip(costs) {
        let mut given = Money::ZERO;
        for (i, (payer, fraction)) in table.iter().enumerate() {
            let part = if i + 1 == table.len() {
                *cost - given
            } else {
                Money::round(fraction.of(cost.amount()))
            };
            given += part;
            shares.push((payer.as_str(), part));
        }
    }
    shares
}
