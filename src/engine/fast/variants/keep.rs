//! The pass: each employee walked as the fast path walks it (the same
//! stretches, partial months and fallbacks), its months kept as pieces and
//! patterns, counted per group and weight.

use super::{GroupSums, Headcount, KeptWorkforce, Pattern, PieceShape, Unit};
use crate::domain::date::{days_present, whole_months};
use crate::domain::workforce::Employee;
use crate::domain::GroupBy;
use crate::engine::employer_facts;
use crate::engine::fast::{partial_months, span, JobSteps, Tables, MAX_MEASURES};
use crate::engine::keys::{EmployeeCodes, GroupKey};
use crate::engine::totals::FTE_UNITS_PER_MONTH;
use crate::engine::Plan;
use rayon::prelude::*;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// Builds a [`KeptWorkforce`] from the workforce fed chunk by chunk.
pub struct Keeper<'p> {
    plan: &'p Plan<'p>,
    tables: Tables,
    all: Gather,
}

/// Patterns, units and headcounts of some rows, with ids of their own.
#[derive(Default)]
struct Gather {
    /// Pattern words (see [`encode`]) → id.
    patterns: FxHashMap<Box<[u64]>, u32>,
    /// Exact working times and weights (`Decimal::serialize`) → id.
    weights: FxHashMap<u128, u32>,
    weight_values: Vec<Decimal>,
    groups: FxHashMap<GroupKey, u32>,
    group_keys: Vec<GroupKey>,
    /// (pattern, weight, group) → how many.
    entries: FxHashMap<(u32, u32, u32), u32>,
    headcounts: FxHashMap<GroupKey, Headcount>,
    overall: Headcount,
    exceptional: Vec<Employee>,
    /// The current employee: its patterns and groups, fte units per
    /// reported group, and the pieces of the year being walked.
    pending: Vec<(u32, u32)>,
    units: Vec<(GroupKey, u64)>,
    /// The current employee's fte units, each month once.
    overall_units: u64,
    pieces: Vec<PieceShape>,
    words: Vec<u64>,
}

/// What the walk of one employee needs beyond the row.
struct Walk<'t> {
    eligible: u64,
    job: JobSteps<'t>,
    seniority0: i32,
    partial_first: Option<i32>,
    partial_last: Option<i32>,
}

impl<'p> Keeper<'p> {
    /// A pass grouped and cut as `plan` says: the variants it prices are
    /// variants of `plan`'s scenario, grouped the same way.
    pub fn new(plan: &'p Plan<'p>) -> Keeper<'p> {
        Keeper {
            plan,
            tables: Tables::new(plan),
            all: Gather::default(),
        }
    }

    /// Keeps the patterns of `rows` (a chunk of the workforce).
    pub fn add(&mut self, rows: &[Employee]) {
        let (plan, t) = (self.plan, &self.tables);
        let piece = (rows.len() / (rayon::current_num_threads().max(1) * 4)).max(512);
        let parts: Vec<Gather> = rows
            .par_chunks(piece)
            .map(|part| {
                let mut gather = Gather::default();
                for e in part {
                    gather.add(plan, t, e);
                }
                gather
            })
            .collect();
        for part in parts {
            self.all.merge(part);
        }
    }

    /// The kept state, with the pass's own scenario priced once.
    pub fn finish(self) -> Result<KeptWorkforce, super::VariantError> {
        let Gather {
            patterns: encoded,
            weight_values,
            group_keys,
            entries,
            headcounts,
            overall,
            exceptional,
            ..
        } = self.all;
        let mut ftes: Vec<Decimal> = Vec::new();
        let mut fte_ids: FxHashMap<u128, u16> = FxHashMap::default();
        let mut patterns = vec![None; encoded.len()];
        let mut pieces = Vec::new();
        for (words, id) in encoded {
            let (mut pattern, shapes) = decode(&words);
            let fte = u128::from(words[1]) | u128::from(words[2]) << 64;
            pattern.fte = *fte_ids.entry(fte).or_insert_with(|| {
                ftes.push(Decimal::deserialize(fte.to_le_bytes()));
                (ftes.len() - 1) as u16
            });
            pattern.first = pieces.len() as u32;
            pieces.extend(shapes);
            patterns[id as usize] = Some(pattern);
        }
        let patterns: Vec<Pattern> = patterns.into_iter().flatten().collect();
        let mut sorted: Vec<((u32, u32, u32), u32)> = entries.into_iter().collect();
        sorted.sort_unstable();
        let mut units: Vec<Unit> = Vec::new();
        let mut kept_entries = Vec::with_capacity(sorted.len());
        for ((pattern, weight, group), count) in sorted {
            let at = kept_entries.len() as u32;
            match units.last_mut() {
                Some(u) if u.pattern == pattern && u.weight == weight => u.end = at + 1,
                _ => units.push(Unit {
                    pattern,
                    weight,
                    first: at,
                    end: at + 1,
                }),
            }
            kept_entries.push((group, count));
        }
        let mut kept = KeptWorkforce {
            scenario: self.plan.scenario.clone(),
            keys: self.plan.keys.clone(),
            detailed: self.tables.detailed,
            ftes,
            weights: weight_values,
            patterns,
            pieces,
            units,
            entries: kept_entries,
            groups: group_keys,
            headcounts,
            overall,
            exceptional,
            base: GroupSums::default(),
        };
        let all: Vec<usize> = (0..kept.scenario.measures.len()).collect();
        kept.base = super::price::price_units(&kept, self.plan, &all)?;
        Ok(kept)
    }
}

impl Gather {
    /// Adds one employee: its patterns per year (detailed) or per piece
    /// (flat), or the row itself when the fast path would hand it to the
    /// reference.
    fn add(&mut self, plan: &Plan<'_>, t: &Tables, e: &Employee) {
        if t.measures > MAX_MEASURES
            || t.detailed && employer_facts(plan, e) != plan.scenario.employer
        {
            self.exceptional.push(e.clone());
            return;
        }
        let Some((eligible, first, last)) = span(plan, t, e) else {
            return;
        };
        let (partial_first, partial_last) = partial_months(plan, e);
        let walk = Walk {
            eligible,
            job: t.job_steps(e),
            seniority0: whole_months(e.seniority_date, plan.first),
            partial_first,
            partial_last,
        };
        let codes = t.codes(e);
        let zone = if t.detailed {
            t.departement_zone[e.departement.index()] as u8
        } else {
            0
        };
        self.pending.clear();
        self.units.clear();
        self.overall_units = 0;
        for year in first as usize / 12..=last as usize / 12 {
            if !t.in_force[year * 12..(year * 12 + 12).min(t.months)]
                .iter()
                .any(|b| b & eligible != 0)
            {
                continue;
            }
            let months = (first.max(12 * year as i32), last.min(12 * year as i32 + 11));
            if !self.year_pieces(plan, t, e, &walk, months) {
                self.exceptional.push(e.clone());
                return;
            }
            if self.pieces.iter().all(|p| p.applying == 0) {
                continue;
            }
            if t.detailed && plan.scenario.employer.taxe_salaires {
                let sector = plan.grids.conventions[e.convention].sector;
                if plan.month_params(sector, year * 12).is_err() {
                    self.exceptional.push(e.clone());
                    return;
                }
            }
            let key = plan
                .keys
                .key(&codes, plan.scenario.first_year + year as i32, 0);
            let group = self.group(key);
            self.count_units(plan, &codes, year);
            let head = (year as u16, e.convention as u16, zone, e.fte);
            if t.detailed {
                let pattern = self.pattern(head, 0..self.pieces.len());
                self.pending.push((pattern, group));
            } else {
                for p in 0..self.pieces.len() {
                    let pattern = self.pattern(head, p..p + 1);
                    self.pending.push((pattern, group));
                }
            }
        }
        self.commit(e);
    }

    /// The pieces of months `lo..=hi` of one year into `self.pieces`, cut
    /// as the fast path cuts them (`year_pieces`, or the flat walk), runs of
    /// one position and one set of measures joined; months without a
    /// measure only under the detailed model with the taxe sur les
    /// salaires (the annual pay). False where the fast path would hand the
    /// row to the reference (a value missing).
    fn year_pieces(
        &mut self,
        plan: &Plan<'_>,
        t: &Tables,
        e: &Employee,
        walk: &Walk<'_>,
        (lo, hi): (i32, i32),
    ) -> bool {
        let annual_pay = t.detailed && plan.scenario.employer.taxe_salaires;
        self.pieces.clear();
        let mut i = lo;
        while i <= hi {
            let seniority = walk.seniority0 + i;
            let (price, mut end) = walk.job.stretch(t, seniority, i, hi);
            let applying = t.price_in_force[price] & walk.eligible;
            if applying == 0 && !annual_pay {
                i = end + 1;
                continue;
            }
            if !t.price_complete[price] || t.price_missing[price] & applying != 0 {
                return false;
            }
            let position = walk.job.position(seniority) as u32;
            if Some(i) == walk.partial_first || Some(i) == walk.partial_last {
                let days = days_present(plan.month(i as usize), e.start_date, e.end_date);
                if days > 0 {
                    self.pieces.push(PieceShape {
                        position,
                        start: i as u16,
                        n: 1,
                        days: days as u8,
                        applying,
                    });
                }
                i += 1;
                continue;
            }
            if let Some(p) = walk.partial_last.filter(|p| *p > i && *p <= end) {
                end = p - 1;
            }
            let piece = PieceShape {
                position,
                start: i as u16,
                n: (end - i + 1) as u8,
                days: 0,
                applying,
            };
            match self.pieces.last_mut() {
                Some(last)
                    if last.days == 0
                        && last.position == position
                        && last.applying == applying
                        && usize::from(last.start) + usize::from(last.n) == i as usize =>
                {
                    last.n += piece.n;
                }
                _ => self.pieces.push(piece),
            }
            i = end + 1;
        }
        true
    }

    /// The fte units of the year's pieces into `self.units`, per reported
    /// group: the year's, or each measure's when measure is a key.
    fn count_units(&mut self, plan: &Plan<'_>, codes: &EmployeeCodes, year: usize) {
        let by_measure = plan.keys.has(GroupBy::Measure);
        let calendar_year = plan.scenario.first_year + year as i32;
        for p in &self.pieces {
            if p.applying == 0 {
                continue;
            }
            let units = if p.days == 0 {
                u64::from(p.n) * u64::from(FTE_UNITS_PER_MONTH)
            } else {
                let dim = plan.month(usize::from(p.start)).days();
                u64::from(p.days) * u64::from(FTE_UNITS_PER_MONTH / dim)
            };
            self.overall_units += units;
            let mut add = |key: GroupKey| match self.units.iter_mut().find(|(k, _)| *k == key) {
                Some((_, u)) => *u += units,
                None => self.units.push((key, units)),
            };
            if by_measure {
                for k in 0..plan.scenario.measures.len() {
                    if p.applying & (1 << k) != 0 {
                        add(plan.keys.key(codes, calendar_year, k));
                    }
                }
            } else {
                add(plan.keys.key(codes, calendar_year, 0));
            }
        }
    }

    /// The id of `key` among this gather's groups.
    fn group(&mut self, key: GroupKey) -> u32 {
        let next = self.group_keys.len() as u32;
        *self.groups.entry(key).or_insert_with(|| {
            self.group_keys.push(key);
            next
        })
    }

    /// The id of the pattern of `head` (year, convention, zone, fte) and
    /// the pieces `range`.
    fn pattern(&mut self, head: (u16, u16, u8, Decimal), range: std::ops::Range<usize>) -> u32 {
        encode(head, &self.pieces[range], &mut self.words);
        if let Some(id) = self.patterns.get(self.words.as_slice()) {
            return *id;
        }
        let id = self.patterns.len() as u32;
        self.patterns
            .insert(self.words.clone().into_boxed_slice(), id);
        id
    }

    /// The employee's counts: its patterns per group and weight, and per
    /// reported group its headcount and fte (docs/formats.md, rules 23
    /// and 24), as the fast path's `commit` adds them.
    fn commit(&mut self, e: &Employee) {
        if self.units.is_empty() {
            return;
        }
        let fte_weight = e.fte * e.weight;
        for (key, units) in &self.units {
            let h = self.headcounts.entry(*key).or_default();
            h.employees += e.weight;
            h.fte_units += fte_weight * Decimal::from(*units);
        }
        self.overall.employees += e.weight;
        self.overall.fte_units += fte_weight * Decimal::from(self.overall_units);
        // A weight of 0 adds nothing but its groups (rule 21).
        if e.weight.is_zero() {
            return;
        }
        let weight = self.weight(e.weight);
        for (pattern, group) in &self.pending {
            *self.entries.entry((*pattern, weight, *group)).or_default() += 1;
        }
    }

    fn weight(&mut self, w: Decimal) -> u32 {
        let next = self.weight_values.len() as u32;
        *self
            .weights
            .entry(u128::from_le_bytes(w.serialize()))
            .or_insert_with(|| {
                self.weight_values.push(w);
                next
            })
    }

    /// Adds the counts of `other`, whose ids are its own.
    fn merge(&mut self, other: Gather) {
        let mut patterns = vec![0; other.patterns.len()];
        for (words, id) in other.patterns {
            let next = self.patterns.len() as u32;
            patterns[id as usize] = *self.patterns.entry(words).or_insert(next);
        }
        let weights: Vec<u32> = other
            .weight_values
            .iter()
            .map(|w| self.weight(*w))
            .collect();
        let groups: Vec<u32> = other.group_keys.iter().map(|k| self.group(*k)).collect();
        for ((p, w, g), count) in other.entries {
            let key = (
                patterns[p as usize],
                weights[w as usize],
                groups[g as usize],
            );
            *self.entries.entry(key).or_default() += count;
        }
        for (key, h) in other.headcounts {
            let mine = self.headcounts.entry(key).or_default();
            mine.employees += h.employees;
            mine.fte_units += h.fte_units;
        }
        self.overall.employees += other.overall.employees;
        self.overall.fte_units += other.overall.fte_units;
        self.exceptional.extend(other.exceptional);
    }
}

/// A pattern as words, its key: `[year | convention << 16 | zone << 32 |
/// pieces << 40, fte (two words), then per piece (position | start << 32 |
/// n << 48 | days << 56, applying)]`.
fn encode(
    (year, convention, zone, fte): (u16, u16, u8, Decimal),
    pieces: &[PieceShape],
    words: &mut Vec<u64>,
) {
    let fte = u128::from_le_bytes(fte.serialize());
    words.clear();
    words.push(
        u64::from(year)
            | u64::from(convention) << 16
            | u64::from(zone) << 32
            | (pieces.len() as u64) << 40,
    );
    words.push(fte as u64);
    words.push((fte >> 64) as u64);
    for p in pieces {
        words.push(
            u64::from(p.position)
                | u64::from(p.start) << 32
                | u64::from(p.n) << 48
                | u64::from(p.days) << 56,
        );
        words.push(p.applying);
    }
}

/// The pattern (its `fte` and `first` to be set) and pieces of `words`.
fn decode(words: &[u64]) -> (Pattern, Vec<PieceShape>) {
    let head = words[0];
    let count = (head >> 40) as usize;
    let pieces = (0..count)
        .map(|i| {
            let (a, applying) = (words[3 + 2 * i], words[4 + 2 * i]);
            PieceShape {
                position: a as u32,
                start: (a >> 32) as u16,
                n: (a >> 48) as u8,
                days: (a >> 56) as u8,
                applying,
            }
        })
        .collect();
    let pattern = Pattern {
        year: head as u16,
        convention: (head >> 16) as u16,
        zone: (head >> 32) as u8,
        fte: 0,
        first: 0,
        len: count as u32,
    };
    (pattern, pieces)
}
