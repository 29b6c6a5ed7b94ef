//! Where a measure's cost goes for the split between payers: a measure
//! whose funding has several tables (dated, by funder) keeps its cost per
//! table in force, in [`Totals::funded`], so that each table's cost is split
//! apart by the remainder rule (docs/formats.md, rule 52).

use super::totals::{MeasureTotals, Totals};
use super::MeasureMonth;
use crate::domain::scenario::Scenario;
use crate::domain::{Funder, YearMonth};

/// The slots of [`Totals::funded`] of a scenario.
#[derive(Clone, Debug)]
pub struct FundingPlan {
    /// Per measure: its first slot, when its funding has several tables.
    offsets: Vec<Option<usize>>,
    /// How many slots there are.
    slots: usize,
    /// Whether every measure's table in force is the same over the months
    /// of a year in which it is in force, for any funder: the fast path
    /// then assigns a year's cost to one table.
    by_year: bool,
}

impl FundingPlan {
    /// The slots of `scenario`'s measures over its horizon.
    pub fn new(scenario: &Scenario) -> FundingPlan {
        let mut slots = 0;
        let offsets = scenario
            .measures
            .iter()
            .map(|m| {
                let n = m.funding.table_count();
                (n > 1).then(|| {
                    slots += n;
                    slots - n
                })
            })
            .collect();
        let funders: Vec<Option<Funder>> = std::iter::once(None)
            .chain(Funder::ALL.into_iter().map(Some))
            .collect();
        let by_year = (scenario.first_year..=scenario.last_year).all(|year| {
            scenario.measures.iter().all(|m| {
                funders.iter().all(|funder| {
                    let mut tables = (1..=12)
                        .map(|month| YearMonth::new(year, month))
                        .filter(|month| m.in_force(*month))
                        .map(|month| m.funding.table_at(month, *funder));
                    let first = tables.next();
                    tables.all(|t| Some(t) == first)
                })
            })
        });
        FundingPlan {
            offsets,
            slots,
            by_year,
        }
    }

    /// How many slots [`Totals::funded`] has.
    pub fn slots(&self) -> usize {
        self.slots
    }

    /// Whether a year's cost of a measure goes to one table for a given
    /// funder (no table changes in the middle of a year).
    pub fn by_year(&self) -> bool {
        self.by_year
    }

    /// The slot of measure `k`'s table `table`; `None` when its funding
    /// has one table (its cost is then the measure's).
    pub fn slot(&self, k: usize, table: usize) -> Option<usize> {
        self.offsets[k].map(|o| o + table)
    }

    /// Empty totals for `measures` measures.
    pub fn totals(&self, measures: usize) -> Totals {
        Totals::new(measures, self.slots)
    }

    /// Adds one employee-month's amounts of a measure to `t`: to the
    /// measure's totals, and its Δcost to its table's slot.
    pub fn add(&self, t: &mut Totals, mm: &MeasureMonth) {
        let m: &mut MeasureTotals = &mut t.measures[mm.measure];
        m.add(mm);
        if let Some(slot) = self.slot(mm.measure, mm.funding) {
            t.funded[slot] += mm.weighted_gross + mm.weighted_employer;
        }
    }

    /// Measure `k`'s table in force in `year` for a row funded by `funder`
    /// (meaningful under [`FundingPlan::by_year`]): the one of the year's
    /// first month in force.
    pub fn table_in_year(
        &self,
        scenario: &Scenario,
        k: usize,
        year: i32,
        funder: Option<Funder>,
    ) -> Option<usize> {
        let m = &scenario.measures[k];
        let month = YearMonth::new(year, 1).max(m.from);
        m.funding.table_at(month, funder)
    }
}
