//! Many variants of one scenario priced from one pass over the workforce:
//! what `solve`, `sweep` and `compare` run on.
//!
//! A pass ([`Keeper`]) reduces each employee to its *signature* — what the
//! fast path's walk of it depends on: working time, grid job, months of
//! seniority, months of presence and days of a partial first or last
//! month, the measures it is eligible to, the zone of the taxe sur les
//! salaires — and counts the rows per signature, weight and group codes.
//! The first employee of a signature is walked as the fast path walks it,
//! into *pieces* — a run of months within a year on one grid position,
//! with full presence and the same measures applying, or a single month of
//! partial presence with its days — which no change of a measure's amount
//! or percent can alter. Pieces make *patterns*, shared by signatures:
//!
//! - under the flat model a pattern is one piece (months do not interact);
//! - under the detailed model a pattern is an employee-year — its pieces
//!   and zone — since the taxe sur les salaires couples a year's months.
//!
//! A variant is priced ([`KeptWorkforce::price`]) pattern by pattern: each
//! piece is cut by the variant's own prices (the fast path's `Tables` of the
//! variant's plan) and valued by the fast path's own functions —
//! `Worker::compute`, that is `person_month` (flat), `compute_values`,
//! `spread_taxe_salaires` and `sum_year` (detailed); each signature adds
//! its patterns' sums per year, times its count in each group. Measures are
//! costed independently (docs/formats.md, rule 16), so only the measures
//! the variant changes are priced again; the others keep the pass's own
//! totals, and employees, fte and base gross depend on none of them. The
//! result is exactly the [`GroupTotals`] of a fresh `FastEngine::simulate`
//! of the variant: the same pieces in the same order reach the same
//! functions, and every sum is of whole cents (property tests in
//! `src/tests/variants.rs`).
//!
//! What a variant may change ("cheap" keys): a measure's `amount` or
//! `percent`, its `smic_floor` and `bonus` (ΔG and the employer's cost are
//! the variant plan's own, SMIC floor and public model included: rules
//! 33–39), its funding shares (of single tables: a pass keeps no row's
//! funder, so [`priceable`] refuses a dated or by-funder funding, rule 52)
//! and the scenario's name. Anything else — the rows kept by `--where`,
//! eligibility, dates, years, payroll model, employer facts, grouping,
//! files — changes what the pass keyed on ([`changed_measures`] says
//! what), and such a variant is computed by its own engine.
//!
//! Rows the fast path hands to the reference (rows overriding the employer
//! facts under the detailed model, rows missing a value, scenarios of more
//! than 64 measures) are kept whole and computed by the reference for each
//! variant.

mod keep;
mod price;

pub use keep::Keeper;

use super::{detailed, money};
use crate::domain::scenario::{MeasureKind, PointChange, Scenario};
use crate::domain::workforce::Employee;
use crate::domain::GroupBy;
use crate::engine::keys::{GroupKey, KeySpec};
use crate::engine::payroll::Breakdown;
use crate::engine::totals::{GroupTotals, MeasureTotals, Totals};
use crate::engine::{simulate_reference, EngineError, Plan};
use price::Only;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use std::sync::{Mutex, PoisonError, RwLock};

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

/// The employees and fte units of one reported group (or of all).
#[derive(Clone, Copy, Debug, Default)]
struct Headcount {
    employees: Decimal,
    fte_units: Decimal,
}

/// What a pass over the workforce keeps: enough to give the group totals of
/// any variant that changes only measures' amounts or percents, exactly, in
/// time proportional to the distinct signatures and patterns rather than
/// the rows.
pub struct KeptWorkforce {
    /// The scenario of the pass: variants are checked against it.
    scenario: Scenario,
    /// The grouping of the pass.
    keys: KeySpec,
    detailed: bool,
    /// Years of the horizon.
    years: usize,
    ftes: Vec<Decimal>,
    weights: Vec<Decimal>,
    patterns: Vec<Pattern>,
    pieces: Vec<PieceShape>,
    /// Distinct signatures seen by the pass (for [`KeptSize`]).
    signatures: usize,
    /// What is priced: each (pattern, weight) of the rows (weight 0 adds
    /// nothing), with `counts[count_offsets[i]..count_offsets[i + 1]]`, the
    /// `(group id, employee-years or pieces)` that have it.
    priced: Vec<(u32, u32)>,
    count_offsets: Vec<u32>,
    counts: Vec<(u32, u32)>,
    /// Group ids: the key of a year's group (measure slot: the first
    /// measure's).
    groups: Vec<GroupKey>,
    /// Per reported group: employees and fte, which no cheap variant changes.
    headcounts: FxHashMap<GroupKey, Headcount>,
    overall: Headcount,
    /// Rows the fast path computes by the reference, kept whole.
    exceptional: Vec<Employee>,
    /// The pass's own scenario priced, every measure ([`Layout::full`]),
    /// once a variant needs it.
    base: Mutex<Option<GroupSums>>,
    /// Detailed model: the employer's cost of the base payslips (no
    /// measure) the pricings valued, which no variant changes (they share
    /// the pass's parameters and employer facts): each is computed once.
    befores: RwLock<Befores>,
}

/// The employer's cost of base payslips, by what it depends on.
type Befores = FxHashMap<detailed::BeforeKey, Breakdown>;

/// What a pricing keeps per pattern and per group, in cents, weighted.
#[derive(Clone, Copy, Debug)]
struct Layout {
    /// With the base: `[BASE, per measure ([its base when measure is a
    /// key,] amounts)]`; without: per measure its amounts only.
    full: bool,
    /// Measure is a `--by` key: each measure's base is kept apart.
    by_measure: bool,
    measures: usize,
    /// Amounts per measure: Δgross, Δemployer (flat), and Δcontributions,
    /// ΔRG lost, ΔTS (detailed).
    amounts: usize,
}

impl Layout {
    fn width(self) -> usize {
        if self.full {
            1 + self.measures * (self.amounts + usize::from(self.by_measure))
        } else {
            self.measures * self.amounts
        }
    }

    /// Where measure `r`'s base (full layout, measure a key) is.
    fn measure_base(self, r: usize) -> usize {
        1 + r * (self.amounts + 1)
    }

    /// Where measure `r`'s amounts are.
    fn measure_amounts(self, r: usize) -> usize {
        if self.full {
            1 + r * (self.amounts + usize::from(self.by_measure)) + usize::from(self.by_measure)
        } else {
            r * self.amounts
        }
    }
}

/// Per group id, a [`Layout`]'s width of cents.
#[derive(Clone, Debug, Default)]
struct GroupSums {
    width: usize,
    cents: Vec<i128>,
}

impl GroupSums {
    fn new(groups: usize, width: usize) -> GroupSums {
        GroupSums {
            width,
            cents: vec![0; groups * width],
        }
    }

    /// Group `g`'s sums.
    fn of(&self, g: usize) -> &[i128] {
        &self.cents[g * self.width..(g + 1) * self.width]
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

/// Why a variant cannot be priced.
#[derive(Debug, thiserror::Error)]
pub enum VariantError {
    /// It changes what the pass keyed on.
    #[error(transparent)]
    NotCheap(#[from] NotCheap),
    /// The computation failed (as `simulate` would).
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// A ΔG of the variant beyond its bound (docs/formats.md, rule 44),
    /// where a run of the variant stops too.
    #[error("a measure's increase is too large to be computed: ΔG exceeds 100,000,000 € a month (docs/formats.md, rule 44)")]
    DeltaTooLarge,
    /// A per-person monthly amount beyond what the fast path keeps in its
    /// tables.
    #[error("the measures' amounts are too large to be priced: a person's monthly amount exceeds 21,474,836.47 €")]
    TooLarge,
}

/// The size of a [`KeptWorkforce`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeptSize {
    /// Distinct signatures (employees' horizons) seen by the pass.
    pub signatures: usize,
    /// Distinct patterns.
    pub patterns: usize,
    /// Their pieces.
    pub pieces: usize,
    /// Distinct (pattern, weight) priced for each variant.
    pub priced: usize,
    /// Distinct (pattern, weight, group), each with its count.
    pub counts: usize,
    /// Rows kept whole for the reference.
    pub exceptional_rows: usize,
    /// Bytes of the kept vectors (not counting allocator slack).
    pub bytes: usize,
}

impl KeptWorkforce {
    /// The grouping of the pass.
    pub fn by(&self) -> &[GroupBy] {
        &self.keys.by
    }

    /// The groups the pass saw, one per year of each (a key's year slot
    /// set, its measure slot the first measure's).
    pub fn groups(&self) -> &[GroupKey] {
        &self.groups
    }

    /// The scenario of the pass.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// How much the pass kept.
    pub fn size(&self) -> KeptSize {
        use std::mem::size_of;
        KeptSize {
            signatures: self.signatures,
            patterns: self.patterns.len(),
            pieces: self.pieces.len(),
            priced: self.priced.len(),
            counts: self.counts.len(),
            exceptional_rows: self.exceptional.len(),
            bytes: self.patterns.len() * size_of::<Pattern>()
                + self.pieces.len() * size_of::<PieceShape>()
                + self.priced.len() * size_of::<(u32, u32)>()
                + self.count_offsets.len() * size_of::<u32>()
                + self.counts.len() * size_of::<(u32, u32)>()
                + self.exceptional.len() * size_of::<Employee>(),
        }
    }

    /// The measures (indices) whose amount, percent, `smic_floor` or
    /// `bonus` `variant` changes from the pass's scenario; an error naming
    /// what else it changes.
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
        let changed = priceable(&self.scenario, plan.scenario)?;
        let mut base = self.base.lock().unwrap_or_else(PoisonError::into_inner);
        if base.is_none() {
            let own = Plan::new(
                &self.scenario,
                plan.grids,
                plan.parameters,
                self.by().to_vec(),
            )?;
            let every: Vec<usize> = (0..self.scenario.measures.len()).collect();
            *base = Some(price::price(self, &own, (&every, true), &Only::default())?);
        }
        let base = base
            .as_ref()
            .unwrap_or_else(|| unreachable!("priced just above"));
        let mut totals = if changed.is_empty() {
            self.assemble(base, None)
        } else {
            let reduced = self.reduced(plan.scenario, &changed);
            let reduced_plan =
                Plan::new(&reduced, plan.grids, plan.parameters, self.by().to_vec())?;
            let sums = price::price(self, &reduced_plan, (&changed, false), &Only::default())?;
            self.assemble(base, Some((&sums, &changed)))
        };
        if !self.exceptional.is_empty() {
            totals = totals.merge(simulate_reference(plan, &self.exceptional)?);
        }
        Ok(totals)
    }

    /// Measure `k`'s totals under `plan`'s scenario (a variant of the
    /// pass's, grouped as the pass was) per group, in the year `year` of
    /// the horizon only or all years, in the groups `groups` only or all:
    /// what `revalo solve` needs of each value it tries, and no more.
    pub fn price_measure(
        &self,
        plan: &Plan<'_>,
        k: usize,
        (year, groups): (Option<i32>, Option<&[GroupKey]>),
    ) -> Result<FxHashMap<GroupKey, MeasureTotals>, VariantError> {
        // One measure, one year: measure is no key, year is one if given.
        let year_slot = self.keys.by.iter().position(|b| *b == GroupBy::Year);
        if plan.keys.by != self.keys.by
            || self.keys.has(GroupBy::Measure)
            || year.is_some() && year_slot.is_none()
        {
            return Err(NotCheap("the grouping".into()).into());
        }
        self.changed_measures(plan.scenario)?;
        let only = Only {
            year: year.map(|y| (y - self.scenario.first_year) as u16),
            groups: groups.map(|wanted| self.groups.iter().map(|g| wanted.contains(g)).collect()),
        };
        let reduced = self.reduced(plan.scenario, &[k]);
        let reduced_plan = Plan::new(&reduced, plan.grids, plan.parameters, self.by().to_vec())?;
        let sums = price::price(self, &reduced_plan, (&[k], false), &only)?;
        let layout = self.layout(false, 1);
        let mut totals: FxHashMap<GroupKey, MeasureTotals> = FxHashMap::default();
        for (g, key) in self.groups.iter().enumerate() {
            let a = sums.of(g);
            let mut amounts = [0i128; 5];
            amounts[..layout.amounts].copy_from_slice(&a[..layout.amounts]);
            if amounts.iter().all(|a| *a == 0) {
                continue;
            }
            totals
                .entry(*key)
                .or_default()
                .merge(&measure_totals(&amounts));
        }
        if !self.exceptional.is_empty() {
            let reference = simulate_reference(plan, &self.exceptional)?;
            for (key, t) in reference.groups {
                let in_year = match (year, year_slot) {
                    (Some(y), Some(slot)) => key.0[slot] == y as u16,
                    _ => true,
                };
                if in_year && groups.is_none_or(|g| g.contains(&key)) {
                    totals.entry(key).or_default().merge(&t.measures[k]);
                }
            }
            totals.retain(|_, t| *t != MeasureTotals::default());
        }
        Ok(totals)
    }

    /// `scenario` with only the measures `changed`, in order: costed on
    /// their own, they give what they give among the others (rule 16).
    fn reduced(&self, scenario: &Scenario, changed: &[usize]) -> Scenario {
        let mut reduced = scenario.clone();
        reduced.measures = changed
            .iter()
            .map(|&k| scenario.measures[k].clone())
            .collect();
        reduced
    }

    /// The layout of the pass's own pricing (`full`) or of a variant's,
    /// for `measures` measures.
    fn layout(&self, full: bool, measures: usize) -> Layout {
        Layout {
            full,
            by_measure: self.keys.has(GroupBy::Measure),
            measures,
            amounts: if self.detailed { 5 } else { 2 },
        }
    }

    /// The group totals of the pattern rows: headcounts from the pass, the
    /// base and the measures from the pass's own pricing, those of
    /// `changed` from `variant`.
    fn assemble(&self, base: &GroupSums, variant: Option<(&GroupSums, &[usize])>) -> GroupTotals {
        let m = self.scenario.measures.len();
        let by_measure = self.keys.has(GroupBy::Measure);
        let base_layout = self.layout(true, m);
        let mut totals = GroupTotals {
            groups: self
                .headcounts
                .iter()
                .map(|(key, h)| (*key, headcount_totals(h, m)))
                .collect(),
            overall: headcount_totals(&self.overall, m),
        };
        let mut amounts = vec![0i128; m * 5];
        let mut overall = vec![0i128; m * 5];
        let mut overall_base = 0;
        for (g, key) in self.groups.iter().enumerate() {
            let base = base.of(g);
            for k in 0..m {
                let at = base_layout.measure_amounts(k);
                let a = &mut amounts[5 * k..5 * k + 5];
                a.iter_mut().for_each(|c| *c = 0);
                a[..base_layout.amounts].copy_from_slice(&base[at..at + base_layout.amounts]);
            }
            if let Some((variant, changed)) = variant {
                let layout = self.layout(false, changed.len());
                let v = variant.of(g);
                for (r, &k) in changed.iter().enumerate() {
                    let at = layout.measure_amounts(r);
                    amounts[5 * k..5 * k + layout.amounts]
                        .copy_from_slice(&v[at..at + layout.amounts]);
                }
            }
            for (o, a) in overall.iter_mut().zip(&amounts) {
                *o += a;
            }
            overall_base += base[0];
            if !by_measure {
                if let Some(t) = totals.groups.get_mut(key) {
                    add_amounts(t, base[0], &amounts, None);
                }
                continue;
            }
            for k in 0..m {
                let key = key_at(&self.keys, *key, None, k);
                if let Some(t) = totals.groups.get_mut(&key) {
                    add_amounts(t, base[base_layout.measure_base(k)], &amounts, Some(k));
                }
            }
        }
        add_amounts(&mut totals.overall, overall_base, &overall, None);
        totals
    }
}

/// Empty totals of a group with its headcount.
fn headcount_totals(h: &Headcount, measures: usize) -> Totals {
    Totals {
        employees: h.employees,
        fte_units: h.fte_units,
        // No funding slots: a scenario with a funding of several tables
        // is not priced ([`priceable`]).
        ..Totals::new(measures, 0)
    }
}

/// Adds a base and amounts (five per measure) to `t`: every measure, or
/// only measure `k`.
fn add_amounts(t: &mut Totals, base: i128, amounts: &[i128], only: Option<usize>) {
    t.base_gross += money(base);
    for (k, measure) in t.measures.iter_mut().enumerate() {
        if only.is_some_and(|o| o != k) {
            continue;
        }
        measure.merge(&measure_totals(&amounts[5 * k..5 * k + 5]));
    }
}

/// A measure's totals from its five amounts in cents (Δgross, Δemployer,
/// Δcontributions, ΔRG lost, ΔTS).
fn measure_totals(a: &[i128]) -> MeasureTotals {
    MeasureTotals {
        delta_gross: money(a[0]),
        delta_employer: money(a[1]),
        delta_contributions: money(a[2]),
        delta_reduction_generale: money(a[3]),
        delta_taxe_salaires: money(a[4]),
    }
}

/// `key` with its year slot (if any, and `year` given) and its measure
/// slot (if any) set.
fn key_at(keys: &KeySpec, key: GroupKey, year: Option<i32>, k: usize) -> GroupKey {
    let mut key = key;
    for (slot, by) in key.0.iter_mut().zip(&keys.by) {
        match by {
            GroupBy::Year => {
                if let Some(year) = year {
                    *slot = year as u16;
                }
            }
            GroupBy::Measure => *slot = keys.measure_rank[k],
            _ => {}
        }
    }
    key
}

/// [`changed_measures`], for a variant whose whole group totals are
/// priced ([`KeptWorkforce::price`]): a pass does not keep the rows'
/// funders, so a scenario or variant with a measure whose funding has
/// several tables (dated or by funder: rule 52 splits its cost per table in
/// force) is computed by its own engine.
pub fn priceable(base: &Scenario, variant: &Scenario) -> Result<Vec<usize>, NotCheap> {
    let several = |s: &Scenario| s.measures.iter().any(|m| m.funding.table_count() > 1);
    if several(base) || several(variant) {
        return Err(NotCheap(
            "a funding of several tables (dated or by funder)".into(),
        ));
    }
    changed_measures(base, variant)
}

/// The measures whose amount, percent, `smic_floor` or `bonus` `variant`
/// changes from `base` (their ΔG and costs are priced again, under the
/// variant's plan); an error naming the first other difference that
/// matters to the figures.
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
    if base.filter != variant.filter {
        return differs("the rows kept (--where)");
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
            return differs(&what("id"));
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
        if (&a.kind, a.smic_floor, a.bonus) != (&b.kind, b.smic_floor, b.bonus) {
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
