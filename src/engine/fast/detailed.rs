//! The fast path of the detailed payroll model: the same totals as
//! [`crate::engine::for_each_month`] under `payroll = "detailed"`, one
//! stretch of identical months at a time, in integer cents.
//!
//! Prices also cut at every change of the month parameters (see
//! [`super::Tables`]), so the months of a stretch share one person's base,
//! Δgross, Δcontributions and ΔRG lost: computed once by the reference's
//! own calls (`prorate`, `payroll::employer_cost`) and cached per (price,
//! working time) as i32 cents, a dense table that stays in the CPU caches;
//! partial months per (price, working time, days, days in the month).
//!
//! An employee is then walked year by year, since everything the
//! taxe sur les salaires couples lives within a year: the year's stretches
//! (months without a measure too, for the annual pay A), then per measure
//! ΔTS = TS(A + ΣΔgross) − TS(A) in integer cents ([`payroll::TaxeCents`]),
//! spread as `allocate_taxe_salaires` does: each month of a stretch takes
//! round(ΔTS × Δgross ÷ ΣΔgross), the last month of the measure in the year
//! the remainder. Weighted as `for_each_month` weighs, the year's sums
//! ([`YearSums`]) join the employee's slots once. Rows overriding the
//! employer facts, or missing a value, run the reference.

use super::{
    cents, money, partial_months, span, unfunded, FastAcc, JobSteps, Tables, Worker, MAX_MEASURES,
    UNKNOWN,
};
use crate::domain::date::{days_present, whole_months};
use crate::domain::money::div_half_away;
use crate::domain::workforce::Employee;
use crate::domain::Money;
use crate::engine::payroll::{self, Breakdown, Zone};
use crate::engine::plan::Plan;
use crate::engine::public::SectorPayroll;
use crate::engine::totals::FTE_UNITS_PER_MONTH;
use crate::engine::{employer_facts, pays_taxe_salaires, prorate, weigh, EngineError};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// Zones of the taxe sur les salaires ([`Zone`] as an index).
pub(super) const ZONES: usize = 4;

/// The zones in index order.
pub(super) const ALL_ZONES: [Zone; ZONES] = [Zone::Metro, Zone::Gmr, Zone::Guyane, Zone::Mayotte];

/// Per-thread state of the detailed fast path.
#[derive(Default)]
pub(super) struct State {
    /// Per working-time profile: per price, `[base, (Δgross,
    /// Δcontributions, ΔRG lost) per measure]` of one person in a full
    /// month, in cents; [`UNKNOWN`] first until computed.
    full: Vec<Vec<i32>>,
    /// Partial months: per (price, profile, days, days of the month), the
    /// offset of their values in `partial_values`.
    partial: FxHashMap<(u32, u8, u8, u8), u32>,
    partial_values: Vec<i32>,
    /// Values being computed.
    fresh: Vec<i32>,
    /// The current year's stretches, and their values (a stride each).
    pub(super) pieces: Vec<Piece>,
    pub(super) piece_values: Vec<i64>,
    /// Per piece and measure: the Δ taxe sur les salaires of each month,
    /// and of the last month of the year if the piece holds it, in cents.
    ts: Vec<(i64, Option<i64>)>,
    /// The current year's sums (see [`YearSums`]).
    pub(super) sums: Vec<i128>,
    /// Whole years: per (profile, zone), per set of measures the employee
    /// is eligible to, per (position, year), the year's sums of a person
    /// present all year on that one position, weight 1 ([`UNKNOWN_SUMS`]
    /// first until computed).
    years: Vec<Vec<(u64, Vec<i32>)>>,
    /// Cells allocated in `years`.
    table_cells: usize,
}

/// At most this many cells (i32) of whole years per worker (32 MB); years
/// beyond are computed each time.
const MAX_TABLE_CELLS: usize = 1 << 23;

/// A year's sums not computed yet.
const UNKNOWN_SUMS: i32 = i32::MIN;

/// A stretch of one employee's months with identical per-person values (a
/// single month when presence is partial).
#[derive(Clone, Copy)]
pub(super) struct Piece {
    pub(super) n: u32,
    /// Measures that apply.
    pub(super) applying: u64,
    /// Σ days × (L ÷ days_in_month) over the stretch.
    pub(super) units: u64,
}

/// What a walk needs of an employee, beyond the row.
struct Walk<'t> {
    /// The measures the employee is eligible to, as bits.
    eligible: u64,
    /// The working time's index among those seen (the cache key).
    profile: Option<usize>,
    /// The steps of the employee's job.
    job: JobSteps<'t>,
    /// Whole months of seniority at the horizon's first month.
    seniority0: i32,
    /// The months (horizon indices) of a partial first and last month.
    partial_first: Option<i32>,
    partial_last: Option<i32>,
}

/// The layout of one year's sums in [`State::sums`]: units and base of the
/// months where a measure applies, then per measure the units and base of
/// its months and its five amounts (Δgross, Δemployer, Δcontributions, ΔRG
/// lost, ΔTS), all weighted.
pub(super) struct YearSums;

impl YearSums {
    pub(super) const UNITS: usize = 0;
    pub(super) const BASE: usize = 1;

    pub(super) fn len(measures: usize) -> usize {
        2 + 7 * measures
    }

    /// Offset of measure `k`'s units, base and five amounts.
    pub(super) fn measure(k: usize) -> usize {
        2 + 7 * k
    }
}

impl State {
    /// Where the sums of a whole year of `position` sit in the table of
    /// `group` (profile × zones + zone) and `eligible`: (group, table,
    /// offset); the table is made on first use, `None` beyond
    /// [`MAX_TABLE_CELLS`].
    fn year_cell(
        &mut self,
        t: &Tables,
        (group, eligible): (usize, u64),
        position: usize,
        year: usize,
    ) -> Option<YearCell> {
        let width = YearSums::len(t.measures);
        if self.years.len() <= group {
            self.years.resize_with(group + 1, Vec::new);
        }
        let tables = &mut self.years[group];
        let table = match tables.iter().position(|(bits, _)| *bits == eligible) {
            Some(table) => table,
            None => {
                let len = width * t.positions * t.years;
                if self.table_cells + len > MAX_TABLE_CELLS {
                    return None;
                }
                self.table_cells += len;
                tables.push((eligible, vec![UNKNOWN_SUMS; len]));
                tables.len() - 1
            }
        };
        Some((group, table, (position * t.years + year) * width))
    }

    /// The year's sums kept at `cell` into `sums`; false if not computed yet.
    fn recall_year(&mut self, (group, table, at): YearCell, m: usize) -> bool {
        let known = &self.years[group][table].1[at..at + YearSums::len(m)];
        if known[0] == UNKNOWN_SUMS {
            return false;
        }
        self.sums.clear();
        self.sums.extend(known.iter().map(|v| i128::from(*v)));
        true
    }

    /// Keeps `sums` at `cell`, if every one fits an i32.
    fn remember_year(&mut self, (group, table, at): YearCell, m: usize) {
        let narrow: Option<Vec<i32>> = self
            .sums
            .iter()
            .map(|v| i32::try_from(*v).ok().filter(|v| *v != UNKNOWN_SUMS))
            .collect();
        if let Some(narrow) = narrow {
            self.years[group][table].1[at..at + YearSums::len(m)].copy_from_slice(&narrow);
        }
    }

    /// Value `j` of piece `p`'s stride (`[base, (Δgross, Δcontributions,
    /// ΔRG lost) per measure]`).
    #[inline]
    fn value(&self, p: usize, j: usize, measures: usize) -> i128 {
        i128::from(self.piece_values[p * (1 + 3 * measures) + j])
    }

    /// The taxe sur les salaires of each measure into `ts`, month by month
    /// as `allocate_taxe_salaires` gives it: ΔTS = TS(A + ΣΔgross) − TS(A)
    /// on the year's annual pay A, for an employee of `convention` in
    /// `zone`. False when January's parameters are missing or a month's
    /// part does not fit an i64.
    pub(super) fn spread_taxe_salaires(
        &mut self,
        plan: &Plan<'_>,
        t: &Tables,
        (convention, zone): (usize, Zone),
        year: usize,
    ) -> bool {
        let m = t.measures;
        self.ts.clear();
        self.ts.resize(self.pieces.len() * m, (0, None));
        let sector = plan.grids.conventions[convention].sector;
        if !pays_taxe_salaires(sector, &plan.scenario.employer)
            || self.pieces.iter().all(|p| p.applying == 0)
        {
            return true;
        }
        // Sums in cents: the same values as the reference's sums of Money.
        let annual: i128 = (0..self.pieces.len())
            .map(|p| i128::from(self.pieces[p].n) * self.value(p, 0, m))
            .sum();
        let Ok(january) = plan.month_params(sector, year * 12) else {
            return false;
        };
        let integer = t.taxe[(convention * t.years + year) * ZONES + zone as usize];
        let tax_of = |c: i128| {
            integer
                .and_then(|x| x.tax(c))
                .unwrap_or_else(|| cents(payroll::taxe_salaires(january, zone, money(c))))
        };
        let mut before = None;
        for k in 0..m {
            let bit = 1u64 << k;
            let mut total = 0;
            let mut last_piece = None;
            for (p, piece) in self.pieces.iter().enumerate() {
                if piece.applying & bit != 0 {
                    total += i128::from(piece.n) * self.value(p, 1 + 3 * k, m);
                    last_piece = Some(p);
                }
            }
            let Some(last_piece) = last_piece else {
                continue;
            };
            if total == 0 {
                continue;
            }
            let before = *before.get_or_insert_with(|| tax_of(annual));
            let delta = tax_of(annual + total) - before;
            if !self.spread_measure(k, m, (delta, total), last_piece) {
                return false;
            }
        }
        true
    }

    /// Measure `k`'s ΔTS of the year (`delta`, over its ΣΔgross `total`)
    /// into `ts`: each month round(ΔTS × Δgross ÷ ΣΔgross), the last month
    /// of `last_piece` the remainder. False when a part does not fit an i64.
    fn spread_measure(
        &mut self,
        k: usize,
        m: usize,
        (delta, total): (i128, i128),
        last_piece: usize,
    ) -> bool {
        let bit = 1u64 << k;
        let mut given = 0;
        for p in 0..=last_piece {
            let piece = self.pieces[p];
            if piece.applying & bit == 0 {
                continue;
            }
            let part = share(delta, self.value(p, 1 + 3 * k, m), total);
            let regular = if p == last_piece {
                piece.n - 1
            } else {
                piece.n
            };
            given += i128::from(regular) * part;
            let last = (p == last_piece).then(|| delta - given);
            let (Ok(part), Ok(last)) = (i64::try_from(part), last.map(i64::try_from).transpose())
            else {
                return false;
            };
            self.ts[p * m + k] = (part, last);
        }
        true
    }

    /// The year's sums ([`YearSums`]) of the pieces, weighted as
    /// `for_each_month` weighs.
    pub(super) fn sum_year(&mut self, m: usize, weight: Decimal) {
        let mut sums = std::mem::take(&mut self.sums);
        sums.clear();
        sums.resize(YearSums::len(m), 0);
        for (p, piece) in self.pieces.iter().enumerate() {
            if piece.applying == 0 {
                continue;
            }
            let n = i128::from(piece.n);
            let units = i128::from(piece.units);
            let base = if weight == Decimal::ONE {
                self.value(p, 0, m)
            } else {
                cents(weigh(money(self.value(p, 0, m)), weight))
            };
            sums[YearSums::UNITS] += units;
            sums[YearSums::BASE] += n * base;
            for k in 0..m {
                if piece.applying & (1 << k) == 0 {
                    continue;
                }
                let d = [
                    self.value(p, 1 + 3 * k, m),
                    self.value(p, 2 + 3 * k, m),
                    self.value(p, 3 + 3 * k, m),
                ];
                let (part, last) = self.ts[p * m + k];
                let regular = weighted_amounts(d, i128::from(part), weight);
                let s = &mut sums[YearSums::measure(k)..YearSums::measure(k + 1)];
                s[0] += units;
                s[1] += n * base;
                for (sum, amount) in s[2..].iter_mut().zip(regular) {
                    *sum += n * amount;
                }
                // The last month of the year takes the remainder instead.
                if let Some(last) = last {
                    let l = weighted_amounts(d, i128::from(last), weight);
                    for ((sum, l), r) in s[2..].iter_mut().zip(l).zip(regular) {
                        *sum += l - r;
                    }
                }
            }
        }
        self.sums = sums;
    }
}

/// Where a whole year's sums sit in [`State::years`]: (group, table, offset).
type YearCell = (usize, usize, usize);

/// One month's five amounts (Δgross, Δemployer, Δcontributions, ΔRG lost,
/// ΔTS) from its per-person Δgross, Δcontributions, ΔRG lost and ΔTS
/// `part`, weighted as `for_each_month` weighs: each rounded, the
/// contributions taking what the rounding leaves.
#[inline]
fn weighted_amounts([dg, dc, drg]: [i128; 3], part: i128, w: Decimal) -> [i128; 5] {
    if w == Decimal::ONE {
        return [dg, dc + drg + part, dc, drg, part];
    }
    let weighted_employer = weigh(money(dc) + money(drg) + money(part), w);
    let rg = weigh(money(drg), w);
    let ts = weigh(money(part), w);
    [
        cents(weigh(money(dg), w)),
        cents(weighted_employer),
        cents(weighted_employer - rg - ts),
        cents(rg),
        cents(ts),
    ]
}

impl Worker {
    /// Detailed model: adds one employee to `acc`, year by year; by the
    /// reference when the row overrides the employer facts or a value is
    /// missing (its error is then the reference's, word for word).
    pub(super) fn add_detailed(
        &mut self,
        plan: &Plan<'_>,
        t: &Tables,
        e: &Employee,
        acc: &mut FastAcc,
    ) -> Result<(), EngineError> {
        if employer_facts(plan, e) != plan.scenario.employer {
            return acc.reference.add(plan, e);
        }
        let Some((eligible, first, last)) = span(plan, t, e) else {
            return Ok(());
        };
        if unfunded(plan, e, eligible) {
            return acc.reference.add(plan, e);
        }
        let (partial_first, partial_last) = partial_months(plan, e);
        let walk = Walk {
            eligible,
            profile: self.profile(e.fte),
            job: t.job_steps(e),
            seniority0: whole_months(e.seniority_date, plan.first),
            partial_first,
            partial_last,
        };
        let m = t.measures;
        self.reset();
        for year in first as usize / 12..=last as usize / 12 {
            // A year without a measure the employee is eligible to adds
            // nothing (its annual pay is not needed either).
            if !t.in_force[year * 12..(year * 12 + 12).min(t.months)]
                .iter()
                .any(|b| b & eligible != 0)
            {
                continue;
            }
            let months = (first.max(12 * year as i32), last.min(12 * year as i32 + 11));
            let cell = self.whole_year_cell(t, e, &walk, year, months);
            if cell.is_some_and(|cell| self.detailed.recall_year(cell, m)) {
                self.add_year(year, m);
                continue;
            }
            if !self.detailed_year(plan, t, e, &walk, year, months) {
                self.reset();
                return acc.reference.add(plan, e);
            }
            if let Some(cell) = cell {
                self.detailed.remember_year(cell, m);
            }
            self.add_year(year, m);
        }
        self.commit(plan, t, e, acc);
        Ok(())
    }

    /// A whole year on one position, weight 1: its sums are those of every
    /// such employee-year, kept per (profile, zone, eligible, position,
    /// year). Their cell, or `None` for another year or beyond the cap.
    fn whole_year_cell(
        &mut self,
        t: &Tables,
        e: &Employee,
        walk: &Walk<'_>,
        year: usize,
        (lo, hi): (i32, i32),
    ) -> Option<YearCell> {
        let partial = |i: Option<i32>| i.is_some_and(|i| (lo..=hi).contains(&i));
        let seniority = walk.seniority0 + lo;
        let whole = lo == 12 * year as i32
            && hi == lo + 11
            && !partial(walk.partial_first)
            && !partial(walk.partial_last)
            && e.weight == Decimal::ONE
            && walk.job.lasts(seniority, lo, 12);
        let profile = walk.profile.filter(|_| whole)?;
        let zone = t.departement_zone[e.departement.index()] as usize;
        let position = walk.job.position(seniority, lo);
        self.detailed
            .year_cell(t, (profile * ZONES + zone, walk.eligible), position, year)
    }

    /// Computes the year's sums of months `lo..=hi` into `detailed.sums`:
    /// the year's pieces, the taxe sur les salaires spread over their
    /// months, the weighted sums. False when a value is missing or does not
    /// fit the caches' i32 cents: the employee then runs the reference.
    fn detailed_year(
        &mut self,
        plan: &Plan<'_>,
        t: &Tables,
        e: &Employee,
        walk: &Walk<'_>,
        year: usize,
        months: (i32, i32),
    ) -> bool {
        if !self.year_pieces(plan, t, e, walk, months)
            || !self.detailed.spread_taxe_salaires(
                plan,
                t,
                (e.convention, t.departement_zone[e.departement.index()]),
                year,
            )
        {
            return false;
        }
        self.detailed.sum_year(t.measures, e.weight);
        true
    }

    /// The stretches of months `lo..=hi` into `detailed.pieces` and their
    /// per-person values into `detailed.piece_values`; months without a
    /// measure too when the taxe sur les salaires needs the annual pay.
    /// False when a value is missing or does not fit.
    fn year_pieces(
        &mut self,
        plan: &Plan<'_>,
        t: &Tables,
        e: &Employee,
        walk: &Walk<'_>,
        (lo, hi): (i32, i32),
    ) -> bool {
        let sector = plan.grids.conventions[e.convention].sector;
        let annual_pay = pays_taxe_salaires(sector, &plan.scenario.employer);
        self.detailed.pieces.clear();
        self.detailed.piece_values.clear();
        let mut i = lo;
        while i <= hi {
            let (price, mut end) = walk.job.stretch(t, walk.seniority0 + i, i, hi);
            let applying = t.price_in_force[price] & walk.eligible;
            if applying == 0 && !annual_pay {
                i = end + 1;
                continue;
            }
            if !t.price_complete[price] || t.price_missing[price] & applying != 0 {
                return false;
            }
            let index = i as usize;
            let dim = plan.month(index).days();
            if Some(i) == walk.partial_first || Some(i) == walk.partial_last {
                let days = days_present(plan.month(index), e.start_date, e.end_date);
                if days > 0 {
                    if !self.detailed_values(plan, t, (price, index, days), e, walk.profile) {
                        return false;
                    }
                    self.detailed.pieces.push(Piece {
                        n: 1,
                        applying,
                        units: u64::from(days * (FTE_UNITS_PER_MONTH / dim)),
                    });
                }
                i += 1;
                continue;
            }
            // Presence becomes partial: the stretch stops before.
            if let Some(p) = walk.partial_last.filter(|p| *p > i && *p <= end) {
                end = p - 1;
            }
            let n = (end - i + 1) as u32;
            if !self.detailed_values(plan, t, (price, index, dim), e, walk.profile) {
                return false;
            }
            self.detailed.pieces.push(Piece {
                n,
                applying,
                units: u64::from(n) * u64::from(FTE_UNITS_PER_MONTH),
            });
            i = end + 1;
        }
        true
    }

    /// Adds the year's sums (`detailed.sums`) to the employee's slots and
    /// overall sums, as the stretches would one by one.
    fn add_year(&mut self, year: usize, m: usize) {
        let sums = &self.detailed.sums;
        let stride = self.overall_cents.len();
        if sums[YearSums::UNITS] == 0 {
            return;
        }
        let mut add = |slot: usize, units: i128, base: i128, only: Option<usize>| {
            self.touched.push(slot);
            self.slot_units[slot] += units as u64;
            let c = &mut self.slot_cents[slot * stride..(slot + 1) * stride];
            c[0] += base;
            for k in 0..m {
                if only.is_none_or(|o| o == k) {
                    let s = &sums[YearSums::measure(k) + 2..YearSums::measure(k + 1)];
                    for (c, s) in c[1 + 5 * k..6 + 5 * k].iter_mut().zip(s) {
                        *c += s;
                    }
                }
            }
        };
        if self.by_measure {
            for k in 0..m {
                let s = YearSums::measure(k);
                if sums[s] != 0 {
                    add(year * m + k, sums[s], sums[s + 1], Some(k));
                }
            }
        } else {
            add(year, sums[YearSums::UNITS], sums[YearSums::BASE], None);
        }
        self.overall_units += sums[YearSums::UNITS] as u64;
        self.overall_cents[0] += sums[YearSums::BASE];
        for k in 0..m {
            let s = &sums[YearSums::measure(k) + 2..YearSums::measure(k + 1)];
            for (c, s) in self.overall_cents[1 + 5 * k..6 + 5 * k].iter_mut().zip(s) {
                *c += s;
            }
        }
    }

    /// Appends the values of one person in month `index` of `price` with
    /// `days` of presence to `detailed.piece_values`: `[base, (Δgross,
    /// Δcontributions, ΔRG lost) per measure]`, cached per profile. False
    /// when they do not fit i32 cents. The price must be complete.
    fn detailed_values(
        &mut self,
        plan: &Plan<'_>,
        t: &Tables,
        (price, index, days): (usize, usize, u32),
        e: &Employee,
        profile: Option<usize>,
    ) -> bool {
        let stride = 1 + 3 * t.measures;
        let dim = plan.month(index).days();
        let d = &mut self.detailed;
        match profile {
            Some(p) if days == dim => {
                let full = &mut d.full[p];
                if full.is_empty() {
                    *full = vec![UNKNOWN; stride * t.price_month.len()];
                }
                if full[price * stride] == UNKNOWN {
                    if !compute_values(plan, t, (price, index, days), e.fte, &mut d.fresh) {
                        return false;
                    }
                    full[price * stride..(price + 1) * stride].copy_from_slice(&d.fresh);
                }
                let values = &full[price * stride..(price + 1) * stride];
                d.piece_values.extend(values.iter().map(|v| i64::from(*v)));
            }
            Some(p) => {
                let key = (price as u32, p as u8, days as u8, dim as u8);
                let at = match d.partial.get(&key) {
                    Some(at) => *at as usize,
                    None => {
                        if !compute_values(plan, t, (price, index, days), e.fte, &mut d.fresh) {
                            return false;
                        }
                        let at = d.partial_values.len();
                        d.partial_values.extend_from_slice(&d.fresh);
                        if let Ok(at32) = u32::try_from(at) {
                            d.partial.insert(key, at32);
                        }
                        at
                    }
                };
                let values = &d.partial_values[at..at + stride];
                d.piece_values.extend(values.iter().map(|v| i64::from(*v)));
            }
            None => {
                if !compute_values(plan, t, (price, index, days), e.fte, &mut d.fresh) {
                    return false;
                }
                d.piece_values.extend(d.fresh.iter().map(|v| i64::from(*v)));
            }
        }
        true
    }

    /// The per-profile cache of full months: one more profile.
    pub(super) fn detailed_profile_added(&mut self) {
        self.detailed.full.push(Vec::new());
    }
}

/// `[base, (Δgross, Δcontributions, ΔRG lost) per measure]` of one person
/// with working time `fte` in month `index` of `price` with `days` of
/// presence, by the functions of `for_each_month` (`prorate`,
/// `payroll::employer_cost`), into `out` as i32 cents (zero for a measure
/// not in force or whose ΔG is missing). False when one does not fit.
pub(super) fn compute_values(
    plan: &Plan<'_>,
    t: &Tables,
    (price, index, days): (usize, usize, u32),
    fte: Decimal,
    out: &mut Vec<i32>,
) -> bool {
    let facts = plan.scenario.employer;
    let mut before = |payroll: &SectorPayroll<'_>, _: BeforeKey, base: Money, q: Decimal| {
        payroll.employer_cost(base, Money::ZERO, false, q, &facts)
    };
    compute_values_with(plan, t, (price, index, days), fte, out, &mut before)
}

/// What the employer's cost of a base payslip depends on, beyond the
/// plan's payroll parameters and employer facts: (convention, month
/// index, base, q), the Decimals as their exact representation.
pub(super) type BeforeKey = (u16, u16, [u8; 16], [u8; 16]);

/// [`compute_values`], the employer's cost of the base payslip (no
/// measure) given by `before` — a pure function of its key under one
/// plan's parameters and employer facts, so a caller may keep it across
/// variants that share them.
pub(super) fn compute_values_with(
    plan: &Plan<'_>,
    t: &Tables,
    (price, index, days): (usize, usize, u32),
    fte: Decimal,
    out: &mut Vec<i32>,
    before: &mut dyn FnMut(&SectorPayroll<'_>, BeforeKey, Money, Decimal) -> Breakdown,
) -> bool {
    out.clear();
    out.resize(1 + 3 * t.measures, 0);
    let dim = plan.month(index).days();
    let position = t.price_position[price];
    let sector = plan.grids.conventions[position.convention].sector;
    let facts = plan.scenario.employer;
    let (Some(base_full_time), Ok(params)) =
        (plan.base(position, index), plan.payroll(sector, index))
    else {
        unreachable!("a complete price has B and its parameters")
    };
    let fit = |m: Money| i32::try_from(cents(m)).ok().filter(|c| *c != UNKNOWN);
    let base = prorate(base_full_time, fte, days, dim);
    let Some(b) = fit(base) else {
        return false;
    };
    out[0] = b;
    let q = if days == dim {
        fte
    } else {
        fte * Decimal::from(days) / Decimal::from(dim)
    };
    let computable = t.price_in_force[price] & !t.price_missing[price];
    if computable == 0 {
        return true;
    }
    let key = (
        position.convention as u16,
        index as u16,
        base.amount().serialize(),
        q.serialize(),
    );
    let before = before(&params, key, base, q);
    for k in 0..t.measures.min(MAX_MEASURES) {
        if computable & (1 << k) == 0 {
            continue;
        }
        let Some(delta_full_time) = plan.delta(position, index, k) else {
            continue;
        };
        let delta_gross = prorate(delta_full_time, fte, days, dim);
        let bonus = plan.scenario.measures[k].bonus;
        let after = params.employer_cost(base, delta_gross, bonus, q, &facts);
        let values = [
            delta_gross,
            after.contributions - before.contributions,
            before.reduction_generale - after.reduction_generale,
        ];
        for (j, v) in values.into_iter().enumerate() {
            let Some(c) = fit(v) else {
                return false;
            };
            out[1 + 3 * k + j] = c;
        }
    }
    true
}

/// `round(delta × part ÷ total)` in cents, half away from zero: the
/// reference's `Money::round(ΔTS × Δgross ÷ ΣΔgross)`. When the factors fit
/// 31 bits and the total is below 10¹² cents, in an i64: the product is
/// exact, and the Decimal quotient's 28 digits leave its rounding that of
/// the exact fraction. Otherwise the Decimal formula itself.
fn share(delta: i128, part: i128, total: i128) -> i128 {
    const LIMIT: i128 = 1_000_000_000_000;
    if let (Ok(d), Ok(p), true) = (
        i32::try_from(delta),
        i32::try_from(part),
        total.abs() < LIMIT,
    ) {
        return i128::from(div_half_away(i64::from(d) * i64::from(p), total as i64));
    }
    cents(Money::round(
        money(delta).amount() * money(part).amount() / money(total).amount(),
    ))
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn share_rounds_the_exact_quotient_half_away_from_zero() {
        // 100 × 1 ÷ 3 = 33.33… cents → 33; 100 × 2 ÷ 3 = 66.67 → 67.
        assert_eq!(share(100, 1, 3), 33);
        assert_eq!(share(100, 2, 3), 67);
        // 1 × 1 ÷ 2 = 0.5 → 1, and −0.5 → −1 (away from zero), whichever
        // factor carries the sign.
        assert_eq!(share(1, 1, 2), 1);
        assert_eq!(share(-1, 1, 2), -1);
        assert_eq!(share(1, -1, 2), -1);
        assert_eq!(share(1, 1, -2), -1);
        // 7 × 5 ÷ 14 = 2.5 → 3; 7 × 3 ÷ 14 = 1.5 → 2.
        assert_eq!(share(7, 5, 14), 3);
        assert_eq!(share(7, 3, 14), 2);
        // Factors beyond 31 bits, in decimal: 3 × 10⁹ × 3 × 10⁹ ÷ 10¹¹ =
        // 9 × 10¹⁸ ÷ 10¹¹ = 9 × 10⁷.
        assert_eq!(
            share(3_000_000_000, 3_000_000_000, 100_000_000_000),
            90_000_000
        );
        // Beyond 10¹² cents the Decimal formula: 2 × 10¹² × 1 ÷ 4 = 5 × 10¹¹.
        assert_eq!(share(2_000_000_000_000, 1, 4), 500_000_000_000);
    }
}
