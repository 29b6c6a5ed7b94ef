//! Pricing what a pass kept under one plan: the values of a full month of
//! each (price, working time) the pieces reach, computed once and shared;
//! then each (pattern, weight) priced once — its pieces cut by the plan's
//! own prices and valued by the fast path's functions — and added to each
//! group that has it, times its count there. Under the detailed model the
//! employer's cost of each base payslip (no measure), which no variant
//! changes, is kept by the pass and computed once for all pricings.

use super::{Befores, GroupSums, KeptWorkforce, Layout, Pattern, PieceShape, VariantError};
use crate::domain::Money;
use crate::engine::fast::detailed::{
    self, compute_values_with, BeforeKey, Piece, YearSums, ALL_ZONES,
};
use crate::engine::fast::{cents, money, Tables, Worker};
use crate::engine::payroll::Breakdown;
use crate::engine::public::SectorPayroll;
use crate::engine::totals::FTE_UNITS_PER_MONTH;
use crate::engine::{weigh, PersonMonth, Plan};
use rayon::prelude::*;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

/// Per measure in [`Pricer::sums`]: its base and five amounts.
const WIDE: usize = 6;

/// A (price, working time) not reached by any piece.
const UNREACHED: u32 = u32::MAX;

/// Which part of what was kept to price.
#[derive(Clone, Debug, Default)]
pub(super) struct Only {
    /// Only the patterns of this horizon year.
    pub(super) year: Option<u16>,
    /// Only the groups (ids) marked.
    pub(super) groups: Option<Vec<bool>>,
}

/// What the threads of one pricing share.
struct Context<'a> {
    kept: &'a KeptWorkforce,
    plan: &'a Plan<'a>,
    t: &'a Tables,
    /// The kept scenario's indices of the plan's measures.
    measures: &'a [usize],
    /// Values per month: `[base, (Δgross, Δemployer) per measure]` (flat)
    /// or `[base, (Δgross, Δcontributions, ΔRG lost) per measure]`
    /// (detailed), in cents.
    stride: usize,
    /// Per (price, working time): where a full month's values are in
    /// `full_values` ([`UNREACHED`] when no piece needs them).
    full_slot: Vec<u32>,
    full_values: Vec<i64>,
    /// The employer's cost of the base payslips known before the pricing
    /// of the patterns (those of the full months included).
    befores: &'a Befores,
}

/// A cell to value: (price, month index, days of presence, working time).
type Cell = (usize, usize, u32, usize);

/// The employer's cost of base payslips computed by one thread.
type NewCosts = Vec<(BeforeKey, Breakdown)>;

/// Prices what `kept` holds under `plan`, whose measures are the kept
/// scenario's `measures` (indices, in order), as `only` says: per group
/// id, in [`KeptWorkforce::layout`] (`full` or not).
pub(super) fn price(
    kept: &KeptWorkforce,
    plan: &Plan<'_>,
    (measures, full): (&[usize], bool),
    only: &Only,
) -> Result<GroupSums, VariantError> {
    let t = Tables::new(plan);
    let mut cx = Context {
        kept,
        plan,
        t: &t,
        measures,
        stride: if t.detailed {
            1 + 3 * t.measures
        } else {
            1 + 2 * t.measures
        },
        full_slot: Vec::new(),
        full_values: Vec::new(),
        befores: &Befores::default(),
    };
    let wanted: Vec<usize> = (0..kept.priced.len())
        .into_par_iter()
        .filter(|&i| cx.wanted(i, only))
        .collect();
    cx.full_months(&wanted)?;
    let known = kept.befores.read().unwrap_or_else(PoisonError::into_inner);
    cx.befores = &*known;
    let layout = kept.layout(full, measures.len());
    let width = layout.width();
    let threads = rayon::current_num_threads().max(1);
    let pricers: Vec<Mutex<Pricer>> = (0..threads).map(|_| Mutex::new(Pricer::new(&cx))).collect();
    let groups = kept.groups.len();
    let sums = wanted
        .par_chunks(wanted.len().div_ceil(threads * 8).max(1))
        .map(|chunk| {
            let slot = rayon::current_thread_index().unwrap_or(0) % threads;
            let mut pricer = pricers[slot].lock().unwrap_or_else(PoisonError::into_inner);
            let mut acc = GroupSums::new(groups, width);
            let mut packed = vec![0i64; width];
            for &i in chunk {
                let (p, w) = kept.priced[i];
                let pattern = kept.patterns[p as usize];
                let weight = kept.weights[w as usize];
                pricer.pattern(&cx, (pattern, weight))?;
                pricer.pack(layout, &mut packed);
                let counts = &kept.counts
                    [kept.count_offsets[i] as usize..kept.count_offsets[i + 1] as usize];
                for &(g, count) in counts {
                    if only.groups.as_ref().is_some_and(|o| !o[g as usize]) {
                        continue;
                    }
                    let (g, count) = (g as usize, i128::from(count));
                    for (a, v) in acc.cents[g * width..(g + 1) * width]
                        .iter_mut()
                        .zip(&packed)
                    {
                        *a += count * i128::from(*v);
                    }
                }
            }
            Ok(acc)
        })
        .try_reduce(
            || GroupSums::new(groups, width),
            |mut a, b| {
                a.add(&b);
                Ok(a)
            },
        );
    drop(known);
    remember(
        kept,
        pricers.into_iter().flat_map(|pricer| {
            pricer
                .into_inner()
                .unwrap_or_else(PoisonError::into_inner)
                .befores
        }),
    );
    sums
}

/// Keeps `new` costs of base payslips for the next pricings, unless another
/// pricing is reading or writing them: a memo, whose loss costs only time,
/// is never waited for (a wait under rayon could deadlock).
fn remember(kept: &KeptWorkforce, new: impl IntoIterator<Item = (BeforeKey, Breakdown)>) {
    if let Ok(mut befores) = kept.befores.try_write() {
        befores.extend(new);
    }
}

impl Context<'_> {
    /// An error when the plan has no ΔG at `price` for a measure of
    /// `applying`: the pass had one (else the row runs the reference), so
    /// the variant's value takes ΔG beyond its bound (rule 44), where a run
    /// of the variant stops too.
    fn check(&self, price: usize, applying: u64) -> Result<(), VariantError> {
        if self.t.price_missing[price] & applying != 0 {
            return Err(VariantError::DeltaTooLarge);
        }
        Ok(())
    }

    /// The pieces of pattern `p`.
    fn pieces(&self, pattern: &Pattern) -> &[PieceShape] {
        &self.kept.pieces[pattern.first as usize..(pattern.first + pattern.len) as usize]
    }

    /// Whether (pattern, weight) `i` is to be priced: one of the plan's
    /// measures applies to it, and it is in `only`.
    fn wanted(&self, i: usize, only: &Only) -> bool {
        let kept = self.kept;
        let pattern = kept.patterns[kept.priced[i].0 as usize];
        if only.year.is_some_and(|y| y != pattern.year) {
            return false;
        }
        if let Some(groups) = &only.groups {
            let counts =
                &kept.counts[kept.count_offsets[i] as usize..kept.count_offsets[i + 1] as usize];
            if !counts.iter().any(|(g, _)| groups[*g as usize]) {
                return false;
            }
        }
        self.pieces(&pattern)
            .iter()
            .any(|p| remap(p.applying, self.measures) != 0)
    }

    /// The values of a full month of every (price, working time) that the
    /// `wanted` patterns reach, each computed once, in parallel.
    fn full_months(&mut self, wanted: &[usize]) -> Result<(), VariantError> {
        let (kept, t) = (self.kept, self.t);
        let ftes = kept.ftes.len();
        let reached: Vec<AtomicBool> = (0..t.price_month.len() * ftes)
            .map(|_| AtomicBool::new(false))
            .collect();
        wanted.par_iter().for_each(|&i| {
            let pattern = kept.patterns[kept.priced[i].0 as usize];
            for p in self.pieces(&pattern).iter().filter(|p| p.days == 0) {
                let (first, last) = (
                    usize::from(p.start),
                    usize::from(p.start) + usize::from(p.n),
                );
                let mut m = first;
                while m < last {
                    let (price, run_end) = t.price_run[p.position as usize * t.months + m];
                    reached[price as usize * ftes + usize::from(pattern.fte)]
                        .store(true, Ordering::Relaxed);
                    m = run_end as usize + 1;
                }
            }
        });
        let list: Vec<usize> = (0..reached.len())
            .filter(|&i| reached[i].load(Ordering::Relaxed))
            .collect();
        let cells: Vec<Cell> = list
            .iter()
            .map(|&i| {
                let (price, f) = (i / ftes, i % ftes);
                let index = t.price_month[price] as usize;
                (price, index, self.plan.month(index).days(), f)
            })
            .collect();
        self.full_values = self.value_cells(&cells)?;
        self.full_slot = vec![UNREACHED; reached.len()];
        for (n, &i) in list.iter().enumerate() {
            self.full_slot[i] = (n * self.stride) as u32;
        }
        Ok(())
    }

    /// The values of one person in each of `cells`, a stride each, in
    /// order, computed in parallel; under the detailed model the employer's
    /// cost of the base payslips from, and into, what the pass keeps
    /// across variants.
    fn value_cells(&self, cells: &[Cell]) -> Result<Vec<i64>, VariantError> {
        let known = self
            .kept
            .befores
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        let parts: Vec<(Vec<i64>, NewCosts)> = cells
            .par_chunks(256)
            .map(|chunk| {
                let mut worker = Worker::new(self.plan);
                let (mut fresh, mut out, mut new) = (Vec::new(), Vec::new(), Vec::new());
                for &(price, index, days, f) in chunk {
                    self.values(
                        (&mut worker, &mut fresh),
                        (&known, &mut new),
                        (price, index, days),
                        f,
                        &mut out,
                    )?;
                }
                Ok((out, new))
            })
            .collect::<Result<_, VariantError>>()?;
        drop(known);
        let mut values = Vec::with_capacity(cells.len() * self.stride);
        let mut computed = Vec::new();
        for (out, new) in parts {
            values.extend(out);
            computed.extend(new);
        }
        remember(self.kept, computed);
        Ok(values)
    }

    /// A full month's values of `price` for working time `f`.
    fn full(&self, price: usize, f: usize) -> &[i64] {
        let at = self.full_slot[price * self.kept.ftes.len() + f] as usize;
        &self.full_values[at..at + self.stride]
    }

    /// One person's values in month `index` of `price` with `days` of
    /// presence, appended to `out`: by the fast path's `Worker::compute`
    /// (flat, weight 1) or `compute_values` (detailed).
    fn values(
        &self,
        (worker, fresh): (&mut Worker, &mut Vec<i32>),
        (known, new): (&Befores, &mut NewCosts),
        (price, index, days): (usize, usize, u32),
        f: usize,
        out: &mut Vec<i64>,
    ) -> Result<(), VariantError> {
        let (plan, t) = (self.plan, self.t);
        let fte = self.kept.ftes[f];
        if t.detailed {
            let facts = plan.scenario.employer;
            let mut before = |payroll: &SectorPayroll<'_>, key, base, q| {
                *known.get(&key).unwrap_or_else(|| {
                    let cost = payroll.employer_cost(base, Money::ZERO, false, q, &facts);
                    new.push((key, cost));
                    &new[new.len() - 1].1
                })
            };
            if !compute_values_with(plan, t, (price, index, days), fte, fresh, &mut before) {
                return Err(VariantError::TooLarge);
            }
            out.extend(fresh.iter().map(|v| i64::from(*v)));
            return Ok(());
        }
        let person = PersonMonth {
            position: t.price_position[price],
            index,
            fte,
            weight: Decimal::ONE,
            days,
            days_in_month: plan.month(index).days(),
        };
        worker.compute(plan, t, price, &person);
        for a in &worker.amounts {
            out.push(i64::try_from(*a).map_err(|_| VariantError::TooLarge)?);
        }
        Ok(())
    }
}

/// One thread's caches and buffers.
struct Pricer {
    /// The fast path's flat worker: its `compute` values a month.
    worker: Worker,
    /// The fast path's detailed buffers: pieces, taxe, year sums.
    state: detailed::State,
    /// Partial months: per (price, working time, days, days of the month),
    /// where their values are in `partial_values`.
    partial: FxHashMap<(u32, u16, u8, u8), usize>,
    partial_values: Vec<i64>,
    /// One partial month's values.
    month: Vec<i64>,
    /// The employer's cost of base payslips this thread computed.
    befores: NewCosts,
    fresh: Vec<i32>,
    weighted: Vec<i64>,
    /// The pattern's sums: `[BASE, per measure (base, five amounts)]`.
    sums: Vec<i128>,
}

impl Pricer {
    fn new(cx: &Context<'_>) -> Pricer {
        Pricer {
            worker: Worker::new(cx.plan),
            state: detailed::State::default(),
            partial: FxHashMap::default(),
            partial_values: Vec::new(),
            month: Vec::new(),
            befores: Vec::new(),
            fresh: Vec::new(),
            weighted: Vec::new(),
            sums: vec![0; 1 + WIDE * cx.t.measures],
        }
    }

    /// The pattern's sums in `layout` into `out`.
    fn pack(&self, layout: Layout, out: &mut [i64]) {
        if layout.full {
            out[0] = self.sums[0] as i64;
        }
        for r in 0..layout.measures {
            let wide = &self.sums[1 + WIDE * r..1 + WIDE * (r + 1)];
            if layout.full && layout.by_measure {
                out[layout.measure_base(r)] = wide[0] as i64;
            }
            let at = layout.measure_amounts(r);
            for (o, w) in out[at..at + layout.amounts].iter_mut().zip(&wide[1..]) {
                *o = *w as i64;
            }
        }
    }

    /// The sums of one pattern at a weight into `self.sums`.
    fn pattern(
        &mut self,
        cx: &Context<'_>,
        (pattern, weight): (Pattern, Decimal),
    ) -> Result<(), VariantError> {
        self.sums.iter_mut().for_each(|s| *s = 0);
        if cx.t.detailed {
            return self.detailed_pattern(cx, (pattern, weight));
        }
        for p in cx.pieces(&pattern) {
            let applying = remap(p.applying, cx.measures);
            if applying == 0 {
                continue;
            }
            let f = usize::from(pattern.fte);
            if p.days > 0 {
                self.partial_month(cx, p, f, applying)?;
                let values = std::mem::take(&mut self.month);
                self.add_flat(&values, weight, 1, applying);
                self.month = values;
                continue;
            }
            // The months of the piece, cut by the plan's prices: the
            // stretches of the fast path's `add_stretch`.
            let (mut m, last) = (
                usize::from(p.start),
                usize::from(p.start) + usize::from(p.n) - 1,
            );
            while m <= last {
                let (price, run_end) = cx.t.price_run[p.position as usize * cx.t.months + m];
                cx.check(price as usize, applying)?;
                let end = (run_end as usize).min(last);
                self.add_flat(
                    cx.full(price as usize, f),
                    weight,
                    (end - m + 1) as i128,
                    applying,
                );
                m = end + 1;
            }
        }
        Ok(())
    }

    /// Detailed model: the year's pieces cut by the plan's prices, valued,
    /// the taxe sur les salaires spread and the year summed by the fast
    /// path's `State`, as its `detailed_year` does.
    fn detailed_pattern(
        &mut self,
        cx: &Context<'_>,
        (pattern, weight): (Pattern, Decimal),
    ) -> Result<(), VariantError> {
        let (plan, t) = (cx.plan, cx.t);
        let f = usize::from(pattern.fte);
        self.state.pieces.clear();
        self.state.piece_values.clear();
        for p in cx.pieces(&pattern) {
            let applying = remap(p.applying, cx.measures);
            if p.days > 0 {
                self.partial_month(cx, p, f, applying)?;
                let dim = plan.month(usize::from(p.start)).days();
                self.state.piece_values.extend_from_slice(&self.month);
                self.state.pieces.push(Piece {
                    n: 1,
                    applying,
                    units: u64::from(u32::from(p.days) * (FTE_UNITS_PER_MONTH / dim)),
                });
                continue;
            }
            let (mut m, last) = (
                usize::from(p.start),
                usize::from(p.start) + usize::from(p.n) - 1,
            );
            while m <= last {
                let (price, run_end) = t.price_run[p.position as usize * t.months + m];
                cx.check(price as usize, applying)?;
                let end = (run_end as usize).min(last);
                self.state
                    .piece_values
                    .extend_from_slice(cx.full(price as usize, f));
                let n = (end - m + 1) as u32;
                self.state.pieces.push(Piece {
                    n,
                    applying,
                    units: u64::from(n) * u64::from(FTE_UNITS_PER_MONTH),
                });
                m = end + 1;
            }
        }
        let zone = ALL_ZONES[usize::from(pattern.zone)];
        let convention = usize::from(pattern.convention);
        let year = usize::from(pattern.year);
        if !self
            .state
            .spread_taxe_salaires(plan, t, (convention, zone), year)
        {
            return Err(VariantError::TooLarge);
        }
        self.state.sum_year(t.measures, weight);
        let year_sums = &self.state.sums;
        self.sums[0] = year_sums[YearSums::BASE];
        for r in 0..t.measures {
            let from = YearSums::measure(r) + 1;
            self.sums[1 + WIDE * r..1 + WIDE * (r + 1)]
                .copy_from_slice(&year_sums[from..from + WIDE]);
        }
        Ok(())
    }

    /// One person's values in the partial month of piece `p` with working
    /// time `f` into `month`, computed once per thread; the measures of
    /// `applying` must have their ΔG.
    fn partial_month(
        &mut self,
        cx: &Context<'_>,
        p: &PieceShape,
        f: usize,
        applying: u64,
    ) -> Result<(), VariantError> {
        let index = usize::from(p.start);
        let price = cx.t.price[p.position as usize * cx.t.months + index] as usize;
        cx.check(price, applying)?;
        let dim = cx.plan.month(index).days();
        let key = (price as u32, f as u16, p.days, dim as u8);
        let at = match self.partial.get(&key) {
            Some(at) => *at,
            None => {
                let at = self.partial_values.len();
                cx.values(
                    (&mut self.worker, &mut self.fresh),
                    (cx.befores, &mut self.befores),
                    (price, index, u32::from(p.days)),
                    f,
                    &mut self.partial_values,
                )?;
                self.partial.insert(key, at);
                at
            }
        };
        self.month.clear();
        self.month
            .extend_from_slice(&self.partial_values[at..at + cx.stride]);
        Ok(())
    }

    /// Adds `n` months of `values` × `weight` (rounded as arithmetic step 5
    /// rounds them: the fast path's `full_month`) to the pattern's sums, for
    /// the measures of `applying`: `[base, (Δgross, Δemployer) per
    /// measure]` into `[BASE, per measure (base, Δgross, Δemployer, …)]`.
    fn add_flat(&mut self, values: &[i64], weight: Decimal, n: i128, applying: u64) {
        let values = if weight == Decimal::ONE {
            values
        } else {
            self.weighted.clear();
            self.weighted.extend(
                values
                    .iter()
                    .map(|v| cents(weigh(money(i128::from(*v)), weight)) as i64),
            );
            &self.weighted
        };
        let base = n * i128::from(values[0]);
        self.sums[0] += base;
        for r in 0..(values.len() - 1) / 2 {
            if applying & (1 << r) == 0 {
                continue;
            }
            let at = 1 + WIDE * r;
            self.sums[at] += base;
            self.sums[at + 1] += n * i128::from(values[1 + 2 * r]);
            self.sums[at + 2] += n * i128::from(values[2 + 2 * r]);
        }
    }
}

/// The bits of `applying` (the pass's measure indices) as bits of the
/// priced `measures`.
fn remap(applying: u64, measures: &[usize]) -> u64 {
    measures
        .iter()
        .enumerate()
        .filter(|(_, &k)| applying & (1 << k) != 0)
        .fold(0, |bits, (r, _)| bits | 1 << r)
}
