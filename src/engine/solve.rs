//! The inverse of a run: the largest value of one measure's parameter whose
//! cost stays within a target, priced from what one pass over the
//! workforce kept — for the whole workforce or per group, over the horizon
//! or one year, the measure's cost or one payer's share of it
//! (docs/formats.md, rules 60–62). Each value tried is priced by
//! [`KeptWorkforce::price_measure`], the search is
//! [`search::largest_within`](super::search::largest_within).

use super::fast::variants::{KeptWorkforce, VariantError};
use super::keys::GroupKey;
use super::search::{largest_within, Found, SearchError};
use super::totals::{measure_shares, MeasureTotals};
use super::Plan;
use crate::domain::grid::Grids;
use crate::domain::params::Parameters;
use crate::domain::scenario::{Measure, MeasureKind, PointChange};
use crate::domain::{GroupBy, Money};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// The parameter of a measure kind that solve searches, on a grid of
/// integer units (docs/formats.md, rule 60).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parameter {
    /// `amount` of `net_monthly` and `gross_monthly`: euros, to the cent.
    Euros,
    /// `amount` of `points`, `coefficient` and `index_points`: whole points.
    Points,
    /// `amount` of `point_value`, the new value of the point: to 0.0001 €.
    PointValue,
    /// `percent` of `point_value`: to 0.01.
    Percent,
}

impl Parameter {
    /// The parameter of measures of `kind`.
    pub fn of(kind: &MeasureKind) -> Parameter {
        match kind {
            MeasureKind::NetMonthly(_) | MeasureKind::GrossMonthly(_) => Parameter::Euros,
            MeasureKind::Points(_) | MeasureKind::Coefficient(_) | MeasureKind::IndexPoints(_) => {
                Parameter::Points
            }
            MeasureKind::PointValue(PointChange::NewValue(_)) => Parameter::PointValue,
            MeasureKind::PointValue(PointChange::Percent(_)) => Parameter::Percent,
        }
    }

    /// Its key in a measure's table.
    pub fn name(self) -> &'static str {
        match self {
            Parameter::Percent => "percent",
            _ => "amount",
        }
    }

    /// Decimals of a unit: a value of `n` units is `n` × 10^−decimals.
    pub fn decimals(self) -> u32 {
        match self {
            Parameter::Euros | Parameter::Percent => 2,
            Parameter::Points => 0,
            Parameter::PointValue => 4,
        }
    }

    /// The values solve tries, in units, smallest and largest (rule 60):
    /// from zero (the smallest value of the point above it) to the largest
    /// value a scenario accepts (rule 43).
    pub fn range(self) -> (i64, i64) {
        match self {
            // 0 to 100,000.00 € a month.
            Parameter::Euros => (0, 10_000_000),
            Parameter::Points => (0, 10_000),
            // 0.0001 to 100,000.0000 € the point (a public grid's value is
            // the annual traitement of IM 100: rule 36).
            Parameter::PointValue => (1, 1_000_000_000),
            // 0 to 100.00 %.
            Parameter::Percent => (0, 10_000),
        }
    }

    /// The value of `units` units.
    pub fn value(self, units: i64) -> Decimal {
        Decimal::new(units, self.decimals())
    }

    /// `kind` with its parameter set to `units` units.
    pub fn with(self, kind: &MeasureKind, units: i64) -> MeasureKind {
        let v = self.value(units);
        match kind {
            MeasureKind::NetMonthly(_) => MeasureKind::NetMonthly(v),
            MeasureKind::GrossMonthly(_) => MeasureKind::GrossMonthly(v),
            MeasureKind::Points(_) => MeasureKind::Points(v),
            MeasureKind::Coefficient(_) => MeasureKind::Coefficient(v),
            MeasureKind::IndexPoints(_) => MeasureKind::IndexPoints(v),
            MeasureKind::PointValue(PointChange::NewValue(_)) => {
                MeasureKind::PointValue(PointChange::NewValue(v))
            }
            MeasureKind::PointValue(PointChange::Percent(_)) => {
                MeasureKind::PointValue(PointChange::Percent(v))
            }
        }
    }

    /// Where the search starts: the measure's own value, in whole units,
    /// inside the range; a value of the order of real measures when it has
    /// none (a first line through the costs needs a cost above zero).
    fn start(self, kind: &MeasureKind) -> i64 {
        let current = match kind {
            MeasureKind::NetMonthly(v)
            | MeasureKind::GrossMonthly(v)
            | MeasureKind::Points(v)
            | MeasureKind::Coefficient(v)
            | MeasureKind::IndexPoints(v)
            | MeasureKind::PointValue(PointChange::NewValue(v) | PointChange::Percent(v)) => *v,
        };
        let (lo, hi) = self.range();
        let scaled = (current * Decimal::from(10i64.pow(self.decimals()))).floor();
        let units = i64::try_from(scaled).unwrap_or(hi);
        if units > lo {
            return units.min(hi);
        }
        // 100.00 €, 10 points, 5.0000 € the point, 1.00 %.
        match self {
            Parameter::Euros => 10_000,
            Parameter::Points => 10,
            Parameter::PointValue => 50_000,
            Parameter::Percent => 100,
        }
    }
}

/// What is solved for.
#[derive(Clone, Debug)]
pub struct Question {
    /// The measure (index in the scenario of the pass).
    pub measure: usize,
    /// One year's cost, or the whole horizon's.
    pub year: Option<i32>,
    /// One payer's share of the measure's cost, or the whole cost.
    pub payer: Option<String>,
}

/// The answer for one target: the value found, in units of the
/// parameter, or why there is none.
pub type Answer = Result<Found, SearchError<VariantError>>;

/// Solves a [`Question`] over a kept workforce, whose pass was grouped by
/// the solve's keys then `year`.
pub struct Solver<'a> {
    kept: &'a KeptWorkforce,
    grids: &'a Grids,
    parameters: &'a Parameters,
    question: Question,
    parameter: Parameter,
    year_slot: usize,
    /// Where the searches start, in units.
    start: i64,
    /// The costs at the smallest value and at the start, every group.
    at_lo: FxHashMap<GroupKey, Money>,
    at_start: FxHashMap<GroupKey, Money>,
}

impl<'a> Solver<'a> {
    /// A solver for `question` over `kept`, whose pass was grouped by the
    /// solve's keys and then `year`, over these grids and parameters; the
    /// costs at the smallest value and at the start are priced once, for
    /// every group.
    pub fn new(
        kept: &'a KeptWorkforce,
        grids: &'a Grids,
        parameters: &'a Parameters,
        question: Question,
    ) -> Result<Solver<'a>, VariantError> {
        let kind = &kept.scenario().measures[question.measure].kind;
        let parameter = Parameter::of(kind);
        let mut solver = Solver {
            kept,
            grids,
            parameters,
            parameter,
            year_slot: kept.by().len().saturating_sub(1),
            start: parameter.start(kind),
            question,
            at_lo: FxHashMap::default(),
            at_start: FxHashMap::default(),
        };
        solver.at_lo = solver.costs_at(parameter.range().0, None)?;
        solver.at_start = solver.costs_at(solver.start, None)?;
        Ok(solver)
    }

    /// The parameter searched.
    pub fn parameter(&self) -> Parameter {
        self.parameter
    }

    /// The groups in which the measure costs something at the start value
    /// (in the year asked, if any), as solve groups them: year slot
    /// cleared, sorted.
    pub fn groups(&self) -> Vec<GroupKey> {
        let mut groups: Vec<GroupKey> = self
            .at_start
            .iter()
            .filter(|(_, cost)| !cost.is_zero())
            .map(|(g, _)| *g)
            .collect();
        groups.sort();
        groups
    }

    fn without_year(&self, mut key: GroupKey) -> GroupKey {
        debug_assert_eq!(self.kept.by().get(self.year_slot), Some(&GroupBy::Year));
        key.0[self.year_slot] = 0;
        for (slot, by) in key.0.iter_mut().zip(self.kept.by()) {
            if *by == GroupBy::Measure {
                *slot = 0;
            }
        }
        key
    }

    /// The measure's cost (or the payer's share) per group, its parameter
    /// set to `units`, in the groups `only` or all.
    pub fn costs_at(
        &self,
        units: i64,
        only: Option<&[GroupKey]>,
    ) -> Result<FxHashMap<GroupKey, Money>, VariantError> {
        let k = self.question.measure;
        let mut scenario = self.kept.scenario().clone();
        scenario.measures[k].kind = self.parameter.with(&scenario.measures[k].kind, units);
        let plan = Plan::new(
            &scenario,
            self.grids,
            self.parameters,
            self.kept.by().to_vec(),
        )?;
        let wanted: Option<Vec<GroupKey>> = only.map(|groups| {
            let years = scenario.first_year..=scenario.last_year;
            groups
                .iter()
                .flat_map(|g| {
                    years.clone().map(move |y| {
                        let mut key = *g;
                        key.0[self.year_slot] = y as u16;
                        key
                    })
                })
                .collect()
        });
        let totals = self
            .kept
            .price_measure(&plan, k, (self.question.year, wanted.as_deref()))?;
        let mut per_group: FxHashMap<GroupKey, MeasureTotals> = FxHashMap::default();
        for (key, t) in totals {
            per_group
                .entry(self.without_year(key))
                .or_default()
                .merge(&t);
        }
        let measure = &scenario.measures[k];
        Ok(per_group
            .into_iter()
            .map(|(g, t)| (g, self.cost(measure, &t)))
            .collect())
    }

    /// The measure's cost in a group, or the payer's share of it (split
    /// as `simulate --by measure` splits it: step 7; a question with a
    /// payer is of a measure with one funding table, rule 61).
    fn cost(&self, measure: &Measure, t: &MeasureTotals) -> Money {
        let cost = t.delta_cost();
        match &self.question.payer {
            None => cost,
            Some(payer) => measure_shares(measure, &[cost])
                .into_iter()
                .filter(|(p, _)| p == payer)
                .map(|(_, share)| share)
                .sum(),
        }
    }

    /// The largest value within each `(group, target)`: the values
    /// other than the smallest and the start are priced group by group.
    pub fn solve(&self, targets: &[(GroupKey, Money)]) -> Vec<Answer> {
        let (lo, hi) = self.parameter.range();
        let restrict = self.at_start.len() > 1;
        targets
            .iter()
            .map(|(group, target)| {
                let mut cost = |units: i64| -> Result<Money, VariantError> {
                    let known = if units == lo {
                        Some(&self.at_lo)
                    } else if units == self.start {
                        Some(&self.at_start)
                    } else {
                        None
                    };
                    let costs = match known {
                        Some(costs) => return Ok(costs.get(group).copied().unwrap_or_default()),
                        None if restrict => {
                            self.costs_at(units, Some(std::slice::from_ref(group)))?
                        }
                        None => self.costs_at(units, None)?,
                    };
                    Ok(costs.get(group).copied().unwrap_or_default())
                };
                largest_within((lo, hi), self.start, *target, &mut cost)
            })
            .collect()
    }
}
