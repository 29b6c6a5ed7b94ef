//! Many variants of one scenario priced from one pass over the workforce:
//! what `solve` and `sweep` run on.
//!
//! A pass ([`Keeper`]) walks every employee as the fast path does, but
//! instead of pricing the months it keeps what they are made of, which no
//! change of a measure's amount or percent can alter: *pieces* — a run of
//! months within a year on one grid position, with full presence and the
//! same measures applying, or a single month of partial presence with its
//! days. Employees whose pieces are alike share one *pattern*:
//!
//! - under the flat model, a pattern is one piece with its working time
//!   (months do not interact);
//! - under the detailed model, a pattern is a whole employee-year — its
//!   pieces, working time, convention and zone of the taxe sur les salaires
//!   — since the taxe couples the months of a year.
//!
//! Patterns do not depend on the group; a *unit* is a pattern with a weight,
//! and each unit keeps, per group, how many employees (or employee-years)
//! share it. The pass also keeps each group's employees and fte, which
//! depend on presence and eligibility only.
//!
//! A variant is then priced unit by unit ([`KeptWorkforce::price`]): each
//! piece is cut by the variant's own prices (the fast path's `Tables` of the
//! variant's plan) and valued by the fast path's own functions —
//! `person_month` through `Worker::compute` (flat), `compute_values`,
//! `spread_taxe_salaires` and `sum_year` (detailed) — then multiplied by the
//! unit's count in each group. Measures are costed independently
//! (docs/formats.md, rule 16), so only the measures the variant changes are
//! priced again; the others keep the totals of the pass's own scenario. The
//! result is exactly the [`GroupTotals`] of a fresh `FastEngine::simulate`
//! of the variant: the same pieces in the same order reach the same
//! functions, and every sum is of whole cents (property test in
//! `src/tests/variants.rs`).
//!
//! What a variant may change ("cheap" keys): a measure's `amount` or
//! `percent`, its funding shares and the scenario's name. Anything else —
//! eligibility, dates, years, payroll model, employer facts, grouping,
//! files — changes what the pass keyed on ([`KeptWorkforce::changed_measures`]
//! says why), and such a variant is computed by its own engine.
//!
//! Rows the fast path hands to the reference (rows overriding the employer
//! facts under the detailed model, rows missing a value, scenarios of more
//! than 64 measures) are kept whole and computed by the reference for each
//! variant.

mod keep;
mod price;

pub use keep::Keeper;

use super::money;
use crate::domain::scenario::{MeasureKind, PointChange, Scenario};
use crate::domain::workforce::Employee;
use crate::domain::GroupBy;
use crate::engine::keys::{GroupKey, KeySpec};
use crate::engine::totals::{GroupTotals, MeasureTotals, Totals};
use crate::engine::{simulate_reference, EngineError, Plan};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// A run of months of one employee-year on one grid position with the same
/// measures applying: full months `start..start + n`, or the single month
/// `start` with `days` days of presence (`days` > 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PieceShape {
    /// The grid position (index over all conventions, as in `Tables`).
    position: u32,
    /// The first month (horizon index).
    start: u16,
    /// Months in the piece (1 for a partial month).
    n: u8,
    /// Days of presence of a partial month; 0 for full months.
    days: u8,
    /// The measures that apply (scenario indices of the pass), as bits.
    applying: u64,
}

/// What an employee-year (detailed) or a piece (flat) needs to be priced,
/// whatever its group and weight.
#[derive(Clone, Copy, Debug)]
struct Pattern {
    /// Horizon year index.
    year: u16,
    /// Convention (selects the taxe sur les salaires' parameters).
    convention: u16,
    /// Zone of the taxe sur les salaires (detailed; 0 under the flat model).
    zone: u8,
    /// Index of the working time in [`KeptWorkforce::ftes`].
    fte: u16,
    /// Its pieces: `pieces[first..first + len]`, in month order.
    first: u32,
    len: u32,
}

/// A pattern with a weight, and where its counts per group are.
#[derive(Clone, Copy, Debug)]
struct Unit {
    pattern: u32,
    /// Index in [`KeptWorkforce::weights`].
    weight: u32,
    /// Its `(group, count)` entries: `entries[first..end]`.
    first: u32,
    end: u32,
}

/// The employees and fte units of one reported group (or of all).
#[derive(Clone, Copy, Debug, Default)]
struct Headcount {
    employees: Decimal,
    fte_units: Decimal,
}

/// What a pass over the workforce keeps: enough to give the group totals of
/// any variant that changes only measures' amounts or percents, exactly, in
/// time proportional to the distinct patterns rather than the rows.
pub struct KeptWorkforce {
    /// The scenario of the pass: variants are checked against it.
    scenario: Scenario,
    /// The grouping of the pass.
    keys: KeySpec,
    detailed: bool,
    ftes: Vec<Decimal>,
    weights: Vec<Decimal>,
    patterns: Vec<Pattern>,
    pieces: Vec<PieceShape>,
    units: Vec<Unit>,
    /// `(group, count)` per unit, in unit order.
    entries: Vec<(u32, u32)>,
    /// Group ids: the key of a year's group, its measure slot (if any) that
    /// of the first measure.
    groups: Vec<GroupKey>,
    /// Per reported group: employees and fte, which no cheap variant changes.
    headcounts: FxHashMap<GroupKey, Headcount>,
    overall: Headcount,
    /// Rows the fast path computes by the reference, kept whole.
    exceptional: Vec<Employee>,
    /// The patterns priced at the pass's own scenario, every measure.
    base: GroupSums,
}

/// Per group id: `[BASE, per priced measure (its base, Δgross, Δemployer,
/// Δcontributions, ΔRG lost, ΔTS)]` in cents, weighted.
#[derive(Clone, Debug, Default)]
struct GroupSums {
    measures: usize,
    cents: Vec<i128>,
}

impl GroupSums {
    /// Per measure: its base and five amounts.
    const PER_MEASURE: usize = 6;

    fn new(groups: usize, measures: usize) -> GroupSums {
        GroupSums {
            measures,
            cents: vec![0; groups * GroupSums::stride(measures)],
        }
    }

    fn stride(measures: usize) -> usize {
        1 + GroupSums::PER_MEASURE * measures
    }

    /// Group `g`'s sums.
    fn of(&self, g: usize) -> &[i128] {
        let stride = GroupSums::stride(self.measures);
        &self.cents[g * stride..(g + 1) * stride]
    }

    fn add(&mut self, other: &GroupSums) {
        for (a, b) in self.cents.iter_mut().zip(&other.cents) {
            *a += b;
        }
    }
}

/// Why a variant cannot be priced from what a pass kept: it changes
/// something the pass keyed on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the variant changes {0}, which the one pass over the workforce keyed on")]
pub struct NotCheap(pub String);

impl KeptWorkforce {
    /// The grouping of the pass.
    pub fn by(&self) -> &[GroupBy] {
        &self.keys.by
    }

    /// The scenario of the pass.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Distinct patterns, units and `(unit, group)` entries kept, and rows
    /// kept whole: the size of the state.
    pub fn size(&self) -> KeptSize {
        KeptSize {
            patterns: self.patterns.len(),
            pieces: self.pieces.len(),
            units: self.units.len(),
            entries: self.entries.len(),
            exceptional_rows: self.exceptional.len(),
            bytes: self.patterns.len() * std::mem::size_of::<Pattern>()
                + self.pieces.len() * std::mem::size_of::<PieceShape>()
                + self.units.len() * std::mem::size_of::<Unit>()
                + self.entries.len() * std::mem::size_of::<(u32, u32)>()
                + self.base.cents.len() * std::mem::size_of::<i128>()
                + self.exceptional.len() * std::mem::size_of::<Employee>(),
        }
    }

    /// The measures (indices) whose amount or percent `variant` changes
    /// from the pass's scenario; an error naming what else it changes.
    pub fn changed_measures(&self, variant: &Scenario) -> Result<Vec<usize>, NotCheap> {
        changed_measures(&self.scenario, variant)
    }

    /// The group totals of `plan`'s scenario — a variant of the pass's
    /// scenario, grouped as the pass was — exactly those of
    /// `FastEngine::simulate` over every row of the pass.
    pub fn price(&self, plan: &Plan<'_>) -> Result<GroupTotals, VariantError> {
        if plan.keys.by != self.keys.by {
            return Err(NotCheap("the grouping".into()).into());
        }
        let changed = self.changed_measures(plan.scenario)?;
        let mut totals = if changed.is_empty() {
            self.assemble(None)
        } else {
            let mut reduced = plan.scenario.clone();
            reduced.measures = changed
                .iter()
                .map(|&k| plan.scenario.measures[k].clone())
                .collect();
            let reduced_plan =
                Plan::new(&reduced, plan.grids, plan.parameters, self.by().to_vec())?;
            let sums = price::price_units(self, &reduced_plan, &changed)?;
            self.assemble(Some((&sums, &changed)))
        };
        if !self.exceptional.is_empty() {
            totals = totals.merge(simulate_reference(plan, &self.exceptional)?);
        }
        Ok(totals)
    }

    /// The group totals of the pattern rows: headcounts from the pass, the
    /// base and the measures from the pass's own pricing, those of
    /// `changed` from `variant`.
    fn assemble(&self, variant: Option<(&GroupSums, &[usize])>) -> GroupTotals {
        let m = self.scenario.measures.len();
        let by_measure = self.keys.has(GroupBy::Measure);
        let mut totals = GroupTotals {
            groups: self
                .headcounts
                .iter()
                .map(|(key, h)| (*key, headcount_totals(h, m)))
                .collect(),
            overall: headcount_totals(&self.overall, m),
        };
        let mut overall = vec![0i128; GroupSums::stride(m)];
        for (g, key) in self.groups.iter().enumerate() {
            let base = self.base.of(g);
            let mut sums = base.to_vec();
            if let Some((variant, changed)) = variant {
                let v = variant.of(g);
                for (r, &k) in changed.iter().enumerate() {
                    let (to, from) = (
                        1 + GroupSums::PER_MEASURE * k,
                        1 + GroupSums::PER_MEASURE * r,
                    );
                    sums[to..to + GroupSums::PER_MEASURE]
                        .copy_from_slice(&v[from..from + GroupSums::PER_MEASURE]);
                }
            }
            for (o, s) in overall.iter_mut().zip(&sums) {
                *o += s;
            }
            if !by_measure {
                if let Some(t) = totals.groups.get_mut(key) {
                    add_sums(t, &sums, None);
                }
                continue;
            }
            for k in 0..m {
                if let Some(t) = totals.groups.get_mut(&with_measure(&self.keys, *key, k)) {
                    add_sums(t, &sums, Some(k));
                }
            }
        }
        add_sums(&mut totals.overall, &overall, None);
        totals
    }
}

/// The size of a [`KeptWorkforce`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeptSize {
    /// Distinct patterns.
    pub patterns: usize,
    /// Their pieces.
    pub pieces: usize,
    /// Distinct (pattern, weight).
    pub units: usize,
    /// Distinct (unit, group), each with its count.
    pub entries: usize,
    /// Rows kept whole for the reference.
    pub exceptional_rows: usize,
    /// Bytes of the kept vectors (not counting allocator slack).
    pub bytes: usize,
}

/// Why a variant cannot be priced.
#[derive(Debug, thiserror::Error)]
pub enum VariantError {
    /// It changes what the pass keyed on.
    #[error(transparent)]
    NotCheap(#[from] NotCheap),
    /// The computation failed (as `simulate` would).
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// A per-person monthly amount beyond what the fast path keeps in its
    /// tables (about 21 million euros).
    #[error("the measures' amounts are too large to be priced: a person's monthly amount exceeds 21,474,836.47 €")]
    TooLarge,
}

/// Empty totals of a group with its headcount.
fn headcount_totals(h: &Headcount, measures: usize) -> Totals {
    Totals {
        employees: h.employees,
        fte_units: h.fte_units,
        ..Totals::new(measures)
    }
}

/// Adds group sums (`[BASE, per measure (base, five amounts)]`) to `t`:
/// every measure and the base of any, or only measure `k` and its base.
fn add_sums(t: &mut Totals, sums: &[i128], only: Option<usize>) {
    t.base_gross += money(match only {
        Some(k) => sums[1 + GroupSums::PER_MEASURE * k],
        None => sums[0],
    });
    for (k, measure) in t.measures.iter_mut().enumerate() {
        if only.is_some_and(|o| o != k) {
            continue;
        }
        let a = &sums[2 + GroupSums::PER_MEASURE * k..1 + GroupSums::PER_MEASURE * (k + 1)];
        measure.merge(&MeasureTotals {
            delta_gross: money(a[0]),
            delta_employer: money(a[1]),
            delta_contributions: money(a[2]),
            delta_reduction_generale: money(a[3]),
            delta_taxe_salaires: money(a[4]),
        });
    }
}

/// `key` with its measure slot set to measure `k` (when measure is a key).
fn with_measure(keys: &KeySpec, key: GroupKey, k: usize) -> GroupKey {
    let mut key = key;
    if let Some(slot) = keys.by.iter().position(|b| *b == GroupBy::Measure) {
        key.0[slot] = keys.measure_rank[k];
    }
    key
}

/// The measures whose amount or percent `variant` changes from `base`; an
/// error naming the first other difference.
pub fn changed_measures(base: &Scenario, variant: &Scenario) -> Result<Vec<usize>, NotCheap> {
    let differs = |what: &str| Err(NotCheap(what.to_string()));
    if (base.first_year, base.last_year) != (variant.first_year, variant.last_year) {
        return differs("the years");
    }
    if base.workforce != variant.workforce
        || base.grids != variant.grids
        || base.parameters != variant.parameters
    {
        return differs("an input file");
    }
    if base.payroll != variant.payroll {
        return differs("the payroll model");
    }
    if base.employer != variant.employer {
        return differs("the employer facts");
    }
    if base.measures.len() != variant.measures.len() {
        return differs("the number of measures");
    }
    let mut changed = Vec::new();
    for (k, (a, b)) in base.measures.iter().zip(&variant.measures).enumerate() {
        let what = |field: &str| format!("measure `{}`'s {field}", a.id);
        if a.id != b.id {
            return differs(&format!("measure `{}`'s id", a.id));
        }
        if (a.from, a.until) != (b.from, b.until) {
            return differs(&what("dates"));
        }
        if a.eligible != b.eligible {
            return differs(&what("eligibility"));
        }
        if !same_kind(&a.kind, &b.kind) {
            return differs(&what("kind"));
        }
        if a.kind != b.kind {
            changed.push(k);
        }
    }
    Ok(changed)
}

/// Whether two measure kinds differ at most by their amount or percent.
fn same_kind(a: &MeasureKind, b: &MeasureKind) -> bool {
    use MeasureKind::*;
    match (a, b) {
        (PointValue(PointChange::NewValue(_)), PointValue(PointChange::NewValue(_)))
        | (PointValue(PointChange::Percent(_)), PointValue(PointChange::Percent(_))) => true,
        (PointValue(_), _) | (_, PointValue(_)) => false,
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}
