//! Pricing the kept units under one plan: each piece cut by the plan's own
//! prices and valued by the fast path's functions, each unit's sums
//! multiplied by its count in each group.

use super::{GroupSums, KeptWorkforce, Pattern, PieceShape, VariantError};
use crate::engine::fast::detailed::{self, compute_values, Piece, YearSums, ALL_ZONES};
use crate::engine::fast::{cents, money, Tables, Worker};
use crate::engine::totals::FTE_UNITS_PER_MONTH;
use crate::engine::{weigh, PersonMonth, Plan};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::sync::{Mutex, PoisonError};

/// A value not computed yet in [`Pricer`]'s caches.
const UNKNOWN: i64 = i64::MIN;

/// Prices every unit of `kept` under `plan`, whose measures are the kept
/// scenario's `measures` (indices, in order): per group id, the base and
/// each of these measures' weighted amounts.
pub(super) fn price_units(
    kept: &KeptWorkforce,
    plan: &Plan<'_>,
    measures: &[usize],
) -> Result<GroupSums, VariantError> {
    let t = Tables::new(plan);
    let threads = rayon::current_num_threads().max(1);
    let pricers: Vec<Mutex<Pricer>> = (0..threads)
        .map(|_| Mutex::new(Pricer::new(plan, &t, kept)))
        .collect();
    let units = kept.units.len();
    let tasks = threads * 4;
    let per_task = units.div_ceil(tasks).max(1);
    let groups = kept.groups.len();
    let stride = GroupSums::stride(measures.len());
    (0..tasks)
        .into_par_iter()
        .map(|task| {
            let slot = rayon::current_thread_index().unwrap_or(0) % threads;
            let mut pricer = pricers[slot].lock().unwrap_or_else(PoisonError::into_inner);
            let mut acc = GroupSums::new(groups, measures.len());
            for u in (task * per_task).min(units)..((task + 1) * per_task).min(units) {
                let unit = kept.units[u];
                let pattern = kept.patterns[unit.pattern as usize];
                let weight = kept.weights[unit.weight as usize];
                if !pricer.unit(kept, plan, &t, (pattern, weight), measures)? {
                    continue;
                }
                for &(g, count) in &kept.entries[unit.first as usize..unit.end as usize] {
                    let count = i128::from(count);
                    let at = g as usize * stride;
                    for (a, s) in acc.cents[at..at + stride].iter_mut().zip(&pricer.sums) {
                        *a += count * s;
                    }
                }
            }
            Ok(acc)
        })
        .try_reduce(
            || GroupSums::new(groups, measures.len()),
            |mut a, b| {
                a.add(&b);
                Ok(a)
            },
        )
}

/// One thread's caches and buffers.
struct Pricer {
    /// The fast path's flat worker: its `compute` values a month.
    worker: Worker,
    /// The fast path's detailed buffers: pieces, taxe, year sums.
    state: detailed::State,
    /// Per working time: per price, the values of one person in a full
    /// month ([`UNKNOWN`] until computed).
    full: Vec<Vec<i64>>,
    fresh: Vec<i32>,
    weighted: Vec<i64>,
    /// The unit's sums: `[BASE, per measure (base, five amounts)]`.
    sums: Vec<i128>,
}

impl Pricer {
    fn new(plan: &Plan<'_>, t: &Tables, kept: &KeptWorkforce) -> Pricer {
        let m = t.measures;
        Pricer {
            worker: Worker::new(plan),
            state: detailed::State::default(),
            full: vec![Vec::new(); kept.ftes.len()],
            fresh: Vec::new(),
            weighted: Vec::new(),
            sums: vec![0; GroupSums::stride(m)],
        }
    }

    /// The sums of one unit into `self.sums`; false when none of the
    /// plan's measures applies to it.
    fn unit(
        &mut self,
        kept: &KeptWorkforce,
        plan: &Plan<'_>,
        t: &Tables,
        (pattern, weight): (Pattern, Decimal),
        measures: &[usize],
    ) -> Result<bool, VariantError> {
        let pieces = &kept.pieces[pattern.first as usize..(pattern.first + pattern.len) as usize];
        let bits = |p: &PieceShape| remap(p.applying, measures);
        if pieces.iter().all(|p| bits(p) == 0) {
            return Ok(false);
        }
        self.sums.iter_mut().for_each(|s| *s = 0);
        if kept.detailed {
            self.detailed_unit(kept, plan, t, (pattern, weight), pieces, measures)?;
        } else {
            for p in pieces {
                self.flat_piece(kept, plan, t, (pattern, weight), p, bits(p));
            }
        }
        Ok(true)
    }

    /// Flat model: one piece's months, cut by the plan's prices, into the
    /// sums as the fast path's `add_stretch` adds them.
    fn flat_piece(
        &mut self,
        kept: &KeptWorkforce,
        plan: &Plan<'_>,
        t: &Tables,
        (pattern, weight): (Pattern, Decimal),
        p: &PieceShape,
        applying: u64,
    ) {
        if applying == 0 {
            return;
        }
        let fte = kept.ftes[usize::from(pattern.fte)];
        let position = p.position as usize;
        if p.days > 0 {
            let index = usize::from(p.start);
            let price = t.price[position * t.months + index] as usize;
            let person = PersonMonth {
                position: t.price_position[price],
                index,
                fte,
                weight,
                days: u32::from(p.days),
                days_in_month: plan.month(index).days(),
            };
            self.worker.compute(plan, t, price, &person);
            let amounts: Vec<i64> = self.worker.amounts.iter().map(|a| *a as i64).collect();
            add_flat(&mut self.sums, &amounts, 1, applying);
            return;
        }
        let last = usize::from(p.start) + usize::from(p.n) - 1;
        let mut i = usize::from(p.start);
        while i <= last {
            let (price, run_end) = t.price_run[position * t.months + i];
            let end = (run_end as usize).min(last);
            self.flat_full(plan, t, price as usize, usize::from(pattern.fte), fte);
            let values = &self.full[usize::from(pattern.fte)][price as usize * self.stride(t)..]
                [..self.stride(t)];
            self.weighted.clear();
            if weight == Decimal::ONE {
                self.weighted.extend_from_slice(values);
            } else {
                // The last rounding of arithmetic step 5 (× weight), as the
                // fast path's `full_month` does it.
                self.weighted.extend(
                    values
                        .iter()
                        .map(|v| cents(weigh(money(i128::from(*v)), weight)) as i64),
                );
            }
            let weighted = std::mem::take(&mut self.weighted);
            add_flat(&mut self.sums, &weighted, (end - i + 1) as i128, applying);
            self.weighted = weighted;
            i = end + 1;
        }
    }

    fn stride(&self, t: &Tables) -> usize {
        if t.detailed {
            1 + 3 * t.measures
        } else {
            1 + 2 * t.measures
        }
    }

    /// Flat model: the values of one person working `fte` in a full month
    /// of `price` (`[base, (Δgross, Δemployer) per measure]`, unweighted),
    /// computed once by the fast path's `Worker::compute`.
    fn flat_full(&mut self, plan: &Plan<'_>, t: &Tables, price: usize, f: usize, fte: Decimal) {
        let stride = self.stride(t);
        if self.full[f].is_empty() {
            self.full[f] = vec![UNKNOWN; stride * t.price_month.len()];
        }
        if self.full[f][price * stride] != UNKNOWN {
            return;
        }
        let index = t.price_month[price] as usize;
        let dim = plan.month(index).days();
        let person = PersonMonth {
            position: t.price_position[price],
            index,
            fte,
            weight: Decimal::ONE,
            days: dim,
            days_in_month: dim,
        };
        self.worker.compute(plan, t, price, &person);
        for (c, a) in self.full[f][price * stride..(price + 1) * stride]
            .iter_mut()
            .zip(&self.worker.amounts)
        {
            *c = *a as i64;
        }
    }

    /// Detailed model: the year's pieces cut by the plan's prices, valued,
    /// the taxe sur les salaires spread and the year summed by the fast
    /// path's `State`, as its `detailed_year` does.
    fn detailed_unit(
        &mut self,
        kept: &KeptWorkforce,
        plan: &Plan<'_>,
        t: &Tables,
        (pattern, weight): (Pattern, Decimal),
        pieces: &[PieceShape],
        measures: &[usize],
    ) -> Result<(), VariantError> {
        let f = usize::from(pattern.fte);
        let fte = kept.ftes[f];
        self.state.pieces.clear();
        self.state.piece_values.clear();
        for p in pieces {
            let applying = remap(p.applying, measures);
            let position = p.position as usize;
            if p.days > 0 {
                let index = usize::from(p.start);
                let price = t.price[position * t.months + index] as usize;
                let dim = plan.month(index).days();
                let days = u32::from(p.days);
                if !compute_values(plan, t, (price, index, days), fte, &mut self.fresh) {
                    return Err(VariantError::TooLarge);
                }
                let values = self.fresh.iter().map(|v| i64::from(*v));
                self.state.piece_values.extend(values);
                self.state.pieces.push(Piece {
                    n: 1,
                    applying,
                    units: u64::from(days * (FTE_UNITS_PER_MONTH / dim)),
                });
                continue;
            }
            let last = usize::from(p.start) + usize::from(p.n) - 1;
            let mut i = usize::from(p.start);
            while i <= last {
                let (price, run_end) = t.price_run[position * t.months + i];
                let end = (run_end as usize).min(last);
                self.detailed_full(plan, t, price as usize, f, fte)?;
                let stride = self.stride(t);
                let values = &self.full[f][price as usize * stride..][..stride];
                self.state.piece_values.extend_from_slice(values);
                let n = (end - i + 1) as u32;
                self.state.pieces.push(Piece {
                    n,
                    applying,
                    units: u64::from(n) * u64::from(FTE_UNITS_PER_MONTH),
                });
                i = end + 1;
            }
        }
        let zone = ALL_ZONES[usize::from(pattern.zone)];
        let year = usize::from(pattern.year);
        let convention = usize::from(pattern.convention);
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
            let to = 1 + GroupSums::PER_MEASURE * r;
            self.sums[to..to + GroupSums::PER_MEASURE].copy_from_slice(&year_sums[from..from + 6]);
        }
        Ok(())
    }

    /// Detailed model: the values of one person working `fte` in a full
    /// month of `price` (`[base, (Δgross, Δcontributions, ΔRG lost) per
    /// measure]`), computed once by the fast path's `compute_values`.
    fn detailed_full(
        &mut self,
        plan: &Plan<'_>,
        t: &Tables,
        price: usize,
        f: usize,
        fte: Decimal,
    ) -> Result<(), VariantError> {
        let stride = self.stride(t);
        if self.full[f].is_empty() {
            self.full[f] = vec![UNKNOWN; stride * t.price_month.len()];
        }
        if self.full[f][price * stride] != UNKNOWN {
            return Ok(());
        }
        let index = t.price_month[price] as usize;
        let dim = plan.month(index).days();
        if !compute_values(plan, t, (price, index, dim), fte, &mut self.fresh) {
            return Err(VariantError::TooLarge);
        }
        for (c, v) in self.full[f][price * stride..(price + 1) * stride]
            .iter_mut()
            .zip(&self.fresh)
        {
            *c = i64::from(*v);
        }
        Ok(())
    }
}

/// Adds `n` months of a flat piece (`amounts`: `[base, (Δgross, Δemployer)
/// per measure]`, weighted) to the unit's sums, for the measures of
/// `applying`.
fn add_flat(sums: &mut [i128], amounts: &[i64], n: i128, applying: u64) {
    let base = n * i128::from(amounts[0]);
    sums[0] += base;
    for r in 0..(amounts.len() - 1) / 2 {
        if applying & (1 << r) == 0 {
            continue;
        }
        let at = 1 + GroupSums::PER_MEASURE * r;
        sums[at] += base;
        sums[at + 1] += n * i128::from(amounts[1 + 2 * r]);
        sums[at + 2] += n * i128::from(amounts[2 + 2 * r]);
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
