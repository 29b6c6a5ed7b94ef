//! The pass: each employee reduced to its signature and counted per
//! signature, weight and group codes. The first employee of a signature
//! is walked as the fast path walks an employee (the same stretches,
//! partial months and fallbacks) into pieces and patterns; the next cost a
//! lookup. Each thread gathers on its own; the gathers merge at the end.

use super::{key_at, Headcount, KeptWorkforce, Pattern, PieceShape, VariantError};
use crate::domain::date::{days_present, whole_months};
use crate::domain::workforce::Employee;
use crate::domain::GroupBy;
use crate::engine::fast::{partial_months, span, unfunded, JobSteps, Tables, MAX_MEASURES};
use crate::engine::keys::GroupKey;
use crate::engine::totals::FTE_UNITS_PER_MONTH;
use crate::engine::Plan;
use crate::engine::{employer_facts, pays_taxe_salaires};
use rayon::prelude::*;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use std::sync::{Mutex, PoisonError};

/// Builds a [`KeptWorkforce`] from the workforce fed chunk by chunk.
pub struct Keeper<'p> {
    plan: &'p Plan<'p>,
    tables: Tables,
    /// Working times, one id for all threads (pieces carry it).
    ftes: Mutex<Ftes>,
    /// One gather per thread.
    gathers: Vec<Mutex<Gather>>,
}

/// Working times seen, by their exact representation.
#[derive(Default)]
struct Ftes {
    ids: FxHashMap<u128, u16>,
    values: Vec<Decimal>,
}

/// Everything the walk of an employee depends on: employees with the same
/// signature have the same pieces in the same years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct SignatureKey {
    eligible: u64,
    fte: u128,
    convention: u16,
    job: u16,
    /// Months of seniority at the horizon's first month, clamped to what
    /// the step tables tell apart.
    seniority: i32,
    first: u16,
    last: u16,
    /// Days of presence of the first and last months when partial, else 0.
    first_days: u8,
    last_days: u8,
    /// Zone of the taxe sur les salaires (detailed model; 0 otherwise).
    zone: u8,
}

/// A signature's patterns, or the mark of a row for the reference.
enum Walked {
    Patterns(Vec<u32>),
    Reference,
}

/// Signatures, pieces, patterns and counts of the rows one thread saw,
/// with ids of its own (working times excepted).
#[derive(Default)]
struct Gather {
    signatures: FxHashMap<SignatureKey, u32>,
    walked: Vec<(Walked, u16)>,
    /// Pieces as words ([`piece_word`]) → id.
    pieces: FxHashMap<u128, u32>,
    piece_words: Vec<u128>,
    /// Detailed model: patterns (zone and piece ids) → id.
    patterns: FxHashMap<(u8, Box<[u32]>), u32>,
    pattern_list: Vec<(u8, Box<[u32]>)>,
    weights: FxHashMap<u128, u32>,
    weight_values: Vec<Decimal>,
    codes: FxHashMap<GroupKey, u32>,
    code_keys: Vec<GroupKey>,
    /// (signature, weight, codes) → how many rows.
    entries: FxHashMap<(u32, u32, u32), u32>,
    exceptional: Vec<Employee>,
    scratch: Vec<PieceShape>,
    ids: Vec<u32>,
}

/// An employee's whole horizon: its patterns, in month order
/// (`signature_patterns[first..first + len]`), and its working time.
#[derive(Clone, Copy, Debug)]
struct Signature {
    first: u32,
    len: u32,
    fte: u16,
}

/// A signature with a weight, and where its counts per group codes are.
#[derive(Clone, Copy, Debug)]
struct Unit {
    signature: u32,
    weight: u32,
    /// Its `(codes, count)` entries: `entries[first..end]`.
    first: u32,
    end: u32,
}

/// The rows counted per signature, weight and group codes, compact: what
/// the end of the pass turns into headcounts and counts per pattern.
struct Counted {
    signatures: Vec<Signature>,
    signature_patterns: Vec<u32>,
    units: Vec<Unit>,
    /// `(codes, count)` per unit, in unit order.
    entries: Vec<(u32, u32)>,
    /// Per codes id: an employee's group key, its year and measure slots
    /// still to set.
    code_keys: Vec<GroupKey>,
    /// Per codes id and horizon year: the group id.
    group_of: Vec<u32>,
}

impl Counted {
    fn patterns_of(&self, s: &Signature) -> &[u32] {
        &self.signature_patterns[s.first as usize..(s.first + s.len) as usize]
    }
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
            ftes: Mutex::default(),
            gathers: (0..rayon::current_num_threads().max(1))
                .map(|_| Mutex::new(Gather::default()))
                .collect(),
        }
    }

    /// Keeps `rows` (a chunk of the workforce).
    pub fn add(&mut self, rows: &[Employee]) {
        let (plan, t, ftes) = (self.plan, &self.tables, &self.ftes);
        let threads = self.gathers.len();
        let piece = (rows.len() / (threads * 8)).max(256);
        rows.par_chunks(piece).for_each(|part| {
            let slot = rayon::current_thread_index().unwrap_or(0) % threads;
            let mut gather = self.gathers[slot]
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            for e in part {
                gather.add(plan, t, ftes, e);
            }
        });
    }

    /// The kept state, with the pass's own scenario priced once.
    pub fn finish(self) -> Result<KeptWorkforce, VariantError> {
        let mut gathers = self
            .gathers
            .into_iter()
            .map(|g| g.into_inner().unwrap_or_else(PoisonError::into_inner));
        let mut all = gathers.next().unwrap_or_default();
        for other in gathers {
            all.merge(other, self.tables.detailed);
        }
        let ftes = self
            .ftes
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
            .values;
        let (mut kept, counted) = all.into_kept(self.plan, &self.tables, ftes);
        kept.headcount(self.plan, &counted);
        kept.count_patterns(&counted);
        Ok(kept)
    }
}

impl Gather {
    /// Counts one employee under its signature, walking it first if the
    /// signature is new; keeps the row itself where the fast path would
    /// hand it to the reference.
    fn add(&mut self, plan: &Plan<'_>, t: &Tables, ftes: &Mutex<Ftes>, e: &Employee) {
        if t.measures > MAX_MEASURES
            || t.detailed && employer_facts(plan, e) != plan.scenario.employer
        {
            self.exceptional.push(e.clone());
            return;
        }
        let Some((eligible, first, last)) = span(plan, t, e) else {
            return;
        };
        // A row whose funder has no funding table: the reference says so,
        // as it does for `simulate` (docs/formats.md, rule 51).
        if unfunded(plan, e, eligible) {
            self.exceptional.push(e.clone());
            return;
        }
        let (partial_first, partial_last) = partial_months(plan, e);
        let job = t.job_steps(e);
        let seniority0 = whole_months(e.seniority_date, plan.first);
        let partial_days = |i: i32| {
            if Some(i) == partial_first || Some(i) == partial_last {
                days_present(plan.month(i as usize), e.start_date, e.end_date) as u8
            } else {
                0
            }
        };
        let key = SignatureKey {
            eligible,
            fte: u128::from_le_bytes(e.fte.serialize()),
            convention: e.convention as u16,
            job: e.job as u16,
            seniority: seniority0.clamp(-(t.months as i32), job.rows() as i32 - 1),
            first: first as u16,
            last: last as u16,
            first_days: partial_days(first),
            last_days: partial_days(last),
            zone: zone(t, e),
        };
        let signature = match self.signatures.get(&key) {
            Some(id) => *id,
            None => {
                let walk = Walk {
                    eligible,
                    job,
                    seniority0,
                    partial_first,
                    partial_last,
                };
                let fte = fte_id(ftes, e.fte);
                let walked = match fte {
                    Some(fte) => self.walk(plan, t, e, (&walk, fte), (first, last)),
                    None => Walked::Reference,
                };
                let id = self.walked.len() as u32;
                self.walked.push((walked, fte.unwrap_or(0)));
                self.signatures.insert(key, id);
                id
            }
        };
        match &self.walked[signature as usize].0 {
            Walked::Reference => self.exceptional.push(e.clone()),
            Walked::Patterns(p) if p.is_empty() => {}
            Walked::Patterns(_) => {
                let codes = self.codes(plan.keys.key(&t.codes(e), 0, 0));
                let weight = self.weight(e.weight);
                *self.entries.entry((signature, weight, codes)).or_default() += 1;
            }
        }
    }

    /// The patterns of an employee over months `first..=last`, year by
    /// year: one per year (detailed) or one per piece (flat); or the mark
    /// of a row the fast path would hand to the reference.
    fn walk(
        &mut self,
        plan: &Plan<'_>,
        t: &Tables,
        e: &Employee,
        (walk, fte): (&Walk<'_>, u16),
        (first, last): (i32, i32),
    ) -> Walked {
        let mut patterns = Vec::new();
        for year in first as usize / 12..=last as usize / 12 {
            if !t.in_force[year * 12..(year * 12 + 12).min(t.months)]
                .iter()
                .any(|b| b & walk.eligible != 0)
            {
                continue;
            }
            let months = (first.max(12 * year as i32), last.min(12 * year as i32 + 11));
            if !self.year_pieces(plan, t, e, walk, months) {
                return Walked::Reference;
            }
            if self.scratch.iter().all(|p| p.applying == 0) {
                continue;
            }
            let sector = plan.grids.conventions[e.convention].sector;
            if t.detailed
                && pays_taxe_salaires(sector, &plan.scenario.employer)
                && plan.month_params(sector, year * 12).is_err()
            {
                return Walked::Reference;
            }
            self.ids.clear();
            for i in 0..self.scratch.len() {
                let Some(word) = piece_word(&self.scratch[i], fte) else {
                    return Walked::Reference;
                };
                let id = self.piece(word);
                self.ids.push(id);
            }
            if t.detailed {
                let ids = std::mem::take(&mut self.ids);
                patterns.push(self.pattern(zone(t, e), &ids));
                self.ids = ids;
            } else {
                patterns.extend_from_slice(&self.ids);
            }
        }
        Walked::Patterns(patterns)
    }

    /// The pieces of months `lo..=hi` of one year into `self.scratch`, cut
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
        let sector = plan.grids.conventions[e.convention].sector;
        let annual_pay = t.detailed && pays_taxe_salaires(sector, &plan.scenario.employer);
        self.scratch.clear();
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
            let position = walk.job.position(seniority, i) as u32;
            if Some(i) == walk.partial_first || Some(i) == walk.partial_last {
                let days = days_present(plan.month(i as usize), e.start_date, e.end_date);
                if days > 0 {
                    self.scratch.push(PieceShape {
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
            let n = (end - i + 1) as u8;
            match self.scratch.last_mut() {
                Some(last)
                    if last.days == 0
                        && last.position == position
                        && last.applying == applying
                        && usize::from(last.start) + usize::from(last.n) == i as usize =>
                {
                    last.n += n;
                }
                _ => self.scratch.push(PieceShape {
                    position,
                    start: i as u16,
                    n,
                    days: 0,
                    applying,
                }),
            }
            i = end + 1;
        }
        true
    }

    fn piece(&mut self, word: u128) -> u32 {
        let next = self.piece_words.len() as u32;
        *self.pieces.entry(word).or_insert_with(|| {
            self.piece_words.push(word);
            next
        })
    }

    /// The id of the detailed pattern of `zone` and the pieces `ids`.
    fn pattern(&mut self, zone: u8, ids: &[u32]) -> u32 {
        let key = (zone, Box::<[u32]>::from(ids));
        let next = self.pattern_list.len() as u32;
        *self.patterns.entry(key).or_insert_with_key(|key| {
            self.pattern_list.push(key.clone());
            next
        })
    }

    /// The id of `key`, an employee's group key, year and measure slots
    /// still to set.
    fn codes(&mut self, key: GroupKey) -> u32 {
        let next = self.code_keys.len() as u32;
        *self.codes.entry(key).or_insert_with(|| {
            self.code_keys.push(key);
            next
        })
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

    /// Adds the signatures, pieces, patterns and counts of `other`, whose
    /// ids are its own.
    fn merge(&mut self, other: Gather, detailed: bool) {
        let pieces: Vec<u32> = other.piece_words.iter().map(|w| self.piece(*w)).collect();
        let patterns: Vec<u32> = other
            .pattern_list
            .iter()
            .map(|(zone, ids)| {
                let ids: Vec<u32> = ids.iter().map(|i| pieces[*i as usize]).collect();
                self.pattern(*zone, &ids)
            })
            .collect();
        let mut signatures = vec![0; other.walked.len()];
        let mut walked: Vec<Option<(Walked, u16)>> = other.walked.into_iter().map(Some).collect();
        for (key, id) in other.signatures {
            let next = self.walked.len() as u32;
            signatures[id as usize] = *self.signatures.entry(key).or_insert_with(|| {
                let (w, fte) = walked[id as usize].take().unwrap_or((Walked::Reference, 0));
                let remapped = match w {
                    Walked::Reference => Walked::Reference,
                    Walked::Patterns(list) => Walked::Patterns(
                        list.iter()
                            .map(|p| {
                                if detailed {
                                    patterns[*p as usize]
                                } else {
                                    pieces[*p as usize]
                                }
                            })
                            .collect(),
                    ),
                };
                self.walked.push((remapped, fte));
                next
            });
        }
        let weights: Vec<u32> = other
            .weight_values
            .iter()
            .map(|w| self.weight(*w))
            .collect();
        let codes: Vec<u32> = other.code_keys.iter().map(|k| self.codes(*k)).collect();
        for ((s, w, c), count) in other.entries {
            let key = (
                signatures[s as usize],
                weights[w as usize],
                codes[c as usize],
            );
            *self.entries.entry(key).or_default() += count;
        }
        self.exceptional.extend(other.exceptional);
    }

    /// The compact state: pieces, patterns and signatures in id order,
    /// units of (signature, weight) with their (codes, count) entries, the
    /// group of each codes and year.
    fn into_kept(
        self,
        plan: &Plan<'_>,
        t: &Tables,
        ftes: Vec<Decimal>,
    ) -> (KeptWorkforce, Counted) {
        let convention_of = position_conventions(plan, t);
        let shapes: Vec<(PieceShape, u16)> = self.piece_words.iter().map(|w| decode(*w)).collect();
        let pattern_of = |zone: u8, ids: &[u32], pieces: &mut Vec<PieceShape>| {
            let (first_piece, fte) = shapes[ids[0] as usize];
            let pattern = Pattern {
                year: first_piece.start / 12,
                convention: convention_of[first_piece.position as usize],
                zone,
                fte,
                first: pieces.len() as u32,
                len: ids.len() as u32,
            };
            pieces.extend(ids.iter().map(|i| shapes[*i as usize].0));
            pattern
        };
        let mut pieces = Vec::new();
        let patterns: Vec<Pattern> = if t.detailed {
            self.pattern_list
                .iter()
                .map(|(zone, ids)| pattern_of(*zone, ids, &mut pieces))
                .collect()
        } else {
            (0..shapes.len() as u32)
                .map(|i| pattern_of(0, &[i], &mut pieces))
                .collect()
        };
        let mut signatures = Vec::with_capacity(self.walked.len());
        let mut signature_patterns = Vec::new();
        for (walked, fte) in &self.walked {
            let list = match walked {
                Walked::Patterns(list) => list.as_slice(),
                Walked::Reference => &[],
            };
            signatures.push(Signature {
                first: signature_patterns.len() as u32,
                len: list.len() as u32,
                fte: *fte,
            });
            signature_patterns.extend_from_slice(list);
        }
        let mut sorted: Vec<((u32, u32, u32), u32)> = self.entries.into_iter().collect();
        sorted.par_sort_unstable();
        let mut units: Vec<Unit> = Vec::new();
        let mut entries = Vec::with_capacity(sorted.len());
        for ((signature, weight, codes), count) in sorted {
            let at = entries.len() as u32;
            match units.last_mut() {
                Some(u) if u.signature == signature && u.weight == weight => u.end = at + 1,
                _ => units.push(Unit {
                    signature,
                    weight,
                    first: at,
                    end: at + 1,
                }),
            }
            entries.push((codes, count));
        }
        let years = t.years;
        let mut group_ids: FxHashMap<GroupKey, u32> = FxHashMap::default();
        let mut groups = Vec::new();
        let mut group_of = Vec::with_capacity(self.code_keys.len() * years);
        for codes in &self.code_keys {
            for year in 0..years {
                let calendar = plan.scenario.first_year + year as i32;
                let key = key_at(&plan.keys, *codes, Some(calendar), 0);
                group_of.push(*group_ids.entry(key).or_insert_with(|| {
                    groups.push(key);
                    (groups.len() - 1) as u32
                }));
            }
        }
        let kept = KeptWorkforce {
            scenario: plan.scenario.clone(),
            keys: plan.keys.clone(),
            detailed: t.detailed,
            years,
            ftes,
            weights: self.weight_values,
            patterns,
            pieces,
            signatures: signatures.len(),
            priced: Vec::new(),
            count_offsets: Vec::new(),
            counts: Vec::new(),
            groups,
            headcounts: FxHashMap::default(),
            overall: Headcount::default(),
            exceptional: self.exceptional,
            base: Default::default(),
            befores: Default::default(),
        };
        let counted = Counted {
            signatures,
            signature_patterns,
            units,
            entries,
            code_keys: self.code_keys,
            group_of,
        };
        (kept, counted)
    }
}

/// Rows and fte units of one (key, working time, weight): integers, turned
/// into a headcount once.
type Counts = FxHashMap<(Option<GroupKey>, u16, u32), (u64, u128)>;

impl KeptWorkforce {
    /// Each reported group's employees and fte (docs/formats.md, rules 23
    /// and 24), as the fast path's `commit` counts them: a row counts once
    /// in each group it has a month in, with its fte units over those
    /// months; all rows once overall.
    fn headcount(&mut self, plan: &Plan<'_>, counted: &Counted) {
        let counts = counted
            .units
            .par_iter()
            .fold(Counts::default, |mut counts, unit| {
                self.count_unit(plan, counted, unit, &mut counts);
                counts
            })
            .reduce(Counts::default, |mut a, b| {
                for (key, (rows, units)) in b {
                    let c = a.entry(key).or_default();
                    c.0 += rows;
                    c.1 += units;
                }
                a
            });
        for ((key, fte, weight), (rows, units)) in counts {
            let weight = self.weights[weight as usize];
            let h = match key {
                Some(key) => self.headcounts.entry(key).or_default(),
                None => &mut self.overall,
            };
            h.employees += Decimal::from(rows) * weight;
            h.fte_units += Decimal::from(units) * self.ftes[usize::from(fte)] * weight;
        }
    }

    /// One unit's rows and fte units into `counts`, per reported group.
    fn count_unit(&self, plan: &Plan<'_>, counted: &Counted, unit: &Unit, counts: &mut Counts) {
        let (by_year, by_measure) = (
            plan.keys.has(GroupBy::Year),
            plan.keys.has(GroupBy::Measure),
        );
        // Slots that share a reported group when year or measure is not a
        // key share one slot: the employee counts once in it.
        let mut slots: Vec<((u16, usize), u128)> = Vec::new();
        let mut overall = 0u128;
        let s = counted.signatures[unit.signature as usize];
        for &p in counted.patterns_of(&s) {
            let pattern = self.patterns[p as usize];
            let year = if by_year { pattern.year } else { 0 };
            for piece in
                &self.pieces[pattern.first as usize..(pattern.first + pattern.len) as usize]
            {
                if piece.applying == 0 {
                    continue;
                }
                let units = u128::from(piece_units(plan, piece));
                overall += units;
                let mut add = |slot| match slots.iter_mut().find(|(s, _)| *s == slot) {
                    Some((_, u)) => *u += units,
                    None => slots.push((slot, units)),
                };
                if by_measure {
                    (0..self.scenario.measures.len())
                        .filter(|k| piece.applying & (1 << k) != 0)
                        .for_each(|k| add((year, k)));
                } else {
                    add((year, 0));
                }
            }
        }
        for &(codes, count) in &counted.entries[unit.first as usize..unit.end as usize] {
            let count = u64::from(count);
            let code_key = counted.code_keys[codes as usize];
            for &((year, k), units) in &slots {
                let calendar = plan.scenario.first_year + i32::from(year);
                let key = key_at(&plan.keys, code_key, Some(calendar), k);
                let c = counts.entry((Some(key), s.fte, unit.weight)).or_default();
                c.0 += count;
                c.1 += u128::from(count) * units;
            }
            let c = counts.entry((None, s.fte, unit.weight)).or_default();
            c.0 += count;
            c.1 += u128::from(count) * overall;
        }
    }
}

impl KeptWorkforce {
    /// The rows counted per (pattern, weight) and group (`priced`,
    /// `counts`): each (pattern, weight) is then priced once per variant
    /// and added to its groups, whichever signatures share it. Weight 0
    /// adds nothing and is left out.
    fn count_patterns(&mut self, counted: &Counted) {
        let weight_one = self.weights.iter().position(|w| *w == Decimal::ONE);
        let is_one = |u: &Unit| Some(u.weight as usize) == weight_one;
        let units = || {
            counted
                .units
                .iter()
                .filter(|u| !self.weights[u.weight as usize].is_zero())
        };
        // Weight 1, most rows: a counting sort by pattern; other weights: a
        // plain sort. Then each bucket's equal groups are summed.
        let mut offsets = vec![0u32; self.patterns.len() + 1];
        for unit in units().filter(|u| is_one(u)) {
            for &p in counted.patterns_of(&counted.signatures[unit.signature as usize]) {
                offsets[p as usize + 1] += unit.end - unit.first;
            }
        }
        for p in 0..self.patterns.len() {
            offsets[p + 1] += offsets[p];
        }
        let mut filled = offsets.clone();
        let mut counts = vec![(0u32, 0u32); offsets[self.patterns.len()] as usize];
        let mut weighted: Vec<((u32, u32), u32, u32)> = Vec::new();
        for unit in units() {
            for &p in counted.patterns_of(&counted.signatures[unit.signature as usize]) {
                let year = usize::from(self.patterns[p as usize].year);
                for &(codes, count) in &counted.entries[unit.first as usize..unit.end as usize] {
                    let group = counted.group_of[codes as usize * self.years + year];
                    if is_one(unit) {
                        counts[filled[p as usize] as usize] = (group, count);
                        filled[p as usize] += 1;
                    } else {
                        weighted.push(((p, unit.weight), group, count));
                    }
                }
            }
        }
        weighted.sort_unstable();
        let mut priced: Vec<(u32, u32)> = Vec::new();
        let mut bucket_ends = Vec::new();
        for p in 0..self.patterns.len() {
            if offsets[p + 1] > offsets[p] {
                priced.push((p as u32, weight_one.unwrap_or(0) as u32));
                bucket_ends.push((offsets[p], offsets[p + 1]));
            }
        }
        for (i, (key, group, count)) in weighted.into_iter().enumerate() {
            if i == 0 || priced.last() != Some(&key) {
                priced.push(key);
                bucket_ends.push((counts.len() as u32, counts.len() as u32));
            }
            counts.push((group, count));
            if let Some(last) = bucket_ends.last_mut() {
                last.1 = counts.len() as u32;
            }
        }
        // Each bucket sorted by group, equal groups summed, compacted in
        // place (a bucket never moves right).
        let mut write = 0;
        self.count_offsets = Vec::with_capacity(priced.len() + 1);
        for (from, to) in bucket_ends {
            let (from, to) = (from as usize, to as usize);
            counts[from..to].sort_unstable_by_key(|(g, _)| *g);
            let start = write;
            self.count_offsets.push(start as u32);
            for i in from..to {
                if write > start && counts[write - 1].0 == counts[i].0 {
                    counts[write - 1].1 += counts[i].1;
                } else {
                    counts[write] = counts[i];
                    write += 1;
                }
            }
        }
        self.count_offsets.push(write as u32);
        counts.truncate(write);
        self.priced = priced;
        self.counts = counts;
    }
}

/// The zone of the taxe sur les salaires of `e` (detailed model; 0 under
/// the flat model, which has none).
fn zone(t: &Tables, e: &Employee) -> u8 {
    if t.detailed {
        t.departement_zone[e.departement.index()] as u8
    } else {
        0
    }
}

/// The id of working time `fte`, the same for every thread; `None` beyond
/// 65,536 distinct working times (the row then runs the reference).
fn fte_id(ftes: &Mutex<Ftes>, fte: Decimal) -> Option<u16> {
    let mut ftes = ftes.lock().unwrap_or_else(PoisonError::into_inner);
    let key = u128::from_le_bytes(fte.serialize());
    if let Some(id) = ftes.ids.get(&key) {
        return Some(*id);
    }
    let id = u16::try_from(ftes.values.len()).ok()?;
    ftes.values.push(fte);
    ftes.ids.insert(key, id);
    Some(id)
}

/// Per grid position (index over all conventions): its convention.
fn position_conventions(plan: &Plan<'_>, t: &Tables) -> Vec<u16> {
    let mut conventions = vec![0; t.positions];
    for (c, offsets) in t.position_offset.iter().enumerate() {
        for (j, offset) in offsets.iter().enumerate() {
            let steps = plan.grids.grid_of(c).jobs[j].steps.len();
            conventions[*offset..*offset + steps]
                .iter_mut()
                .for_each(|x| *x = c as u16);
        }
    }
    conventions
}

/// Σ days × (L ÷ days_in_month) over a piece's months.
fn piece_units(plan: &Plan<'_>, p: &PieceShape) -> u64 {
    if p.days == 0 {
        u64::from(p.n) * u64::from(FTE_UNITS_PER_MONTH)
    } else {
        let dim = plan.month(usize::from(p.start)).days();
        u64::from(p.days) * u64::from(FTE_UNITS_PER_MONTH / dim)
    }
}

/// A piece and its working time as one word: `position` (20 bits) |
/// `start` << 20 (12 bits) | `n` << 32 (4) | `days` << 36 (5) | fte << 41
/// (16), and the measures applying in the high 64 bits. `None` for a piece
/// beyond these widths.
fn piece_word(p: &PieceShape, fte: u16) -> Option<u128> {
    if p.position >= 1 << 20 || p.start >= 1 << 12 || p.n >= 1 << 4 {
        return None;
    }
    let low = u64::from(p.position)
        | u64::from(p.start) << 20
        | u64::from(p.n) << 32
        | u64::from(p.days) << 36
        | u64::from(fte) << 41;
    Some(u128::from(low) | u128::from(p.applying) << 64)
}

/// The piece and working time of a [`piece_word`].
fn decode(word: u128) -> (PieceShape, u16) {
    let low = word as u64;
    (
        PieceShape {
            position: (low & 0xF_FFFF) as u32,
            start: (low >> 20 & 0xFFF) as u16,
            n: (low >> 32 & 0xF) as u8,
            days: (low >> 36 & 0x1F) as u8,
            applying: (word >> 64) as u64,
        },
        (low >> 41) as u16,
    )
}
