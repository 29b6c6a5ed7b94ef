//! The largest value within a target: a search on an integer grid for a
//! cost that rises with the value, checked for monotonicity at every value
//! it probes. What `revalo solve` runs, one search per group.
//!
//! The search brackets the answer by steps that double, aimed at the value
//! that a straight line through the costs seen so far gives, then narrows
//! the bracket: each probe is that line's value inside the bracket, or its
//! middle when the line did not halve it, so the bracket shrinks at least
//! as fast as a bisection every second probe. With costs close to linear
//! in the value — as revaluation costs are — a handful of probes suffice.

use crate::domain::Money;
use std::collections::BTreeMap;

/// The answer of a search: the largest value whose cost is within the
/// target, its cost, and the cost one unit more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// The value, in units of the grid.
    pub value: i64,
    /// Its cost.
    pub cost: Money,
    /// The cost of `value + 1`.
    pub cost_next: Money,
}

/// Why a search has no answer.
#[derive(Debug, PartialEq, Eq)]
pub enum SearchError<E> {
    /// Even the smallest value costs more than the target.
    BelowRange {
        /// The smallest value.
        value: i64,
        /// Its cost.
        cost: Money,
    },
    /// Even the largest value costs no more than the target.
    AboveRange {
        /// The largest value.
        value: i64,
        /// Its cost.
        cost: Money,
    },
    /// The cost falls as the value rises: between these two values, the
    /// first smaller, the second costs less.
    NotMonotone {
        /// The smaller value and its cost.
        lower: (i64, Money),
        /// The larger value and its (lower) cost.
        higher: (i64, Money),
    },
    /// The cost could not be computed.
    Cost(E),
}

/// Probed values and their costs, each new one checked against its
/// neighbours.
struct Probes<'f, E> {
    cost: &'f mut dyn FnMut(i64) -> Result<Money, E>,
    seen: BTreeMap<i64, Money>,
}

impl<E> Probes<'_, E> {
    /// The cost of `value`, computed once; an error when it breaks
    /// monotonicity with a value probed before.
    fn at(&mut self, value: i64) -> Result<Money, SearchError<E>> {
        if let Some(cost) = self.seen.get(&value) {
            return Ok(*cost);
        }
        let cost = (self.cost)(value).map_err(SearchError::Cost)?;
        let below = self.seen.range(..value).next_back();
        let above = self.seen.range(value + 1..).next();
        if let Some((&lower, &lower_cost)) = below.filter(|(_, c)| **c > cost) {
            return Err(SearchError::NotMonotone {
                lower: (lower, lower_cost),
                higher: (value, cost),
            });
        }
        if let Some((&higher, &higher_cost)) = above.filter(|(_, c)| **c < cost) {
            return Err(SearchError::NotMonotone {
                lower: (value, cost),
                higher: (higher, higher_cost),
            });
        }
        self.seen.insert(value, cost);
        Ok(cost)
    }
}

/// The value where the line through `(a, ca)` and `(b, cb)` reaches
/// `target`, if the line rises.
fn on_line((a, ca): (i64, Money), (b, cb): (i64, Money), target: Money) -> Option<i64> {
    let rise = (cb - ca).amount();
    if rise <= rust_decimal::Decimal::ZERO || a == b {
        return None;
    }
    let run = rust_decimal::Decimal::from(b - a);
    let x = rust_decimal::Decimal::from(a) + (target - ca).amount() * run / rise;
    i64::try_from(x.floor().mantissa() / 10i128.pow(x.floor().scale())).ok()
}

/// The largest value of `lo..=hi` whose `cost` is at most `target`,
/// starting from `start`; monotonicity is checked at every value probed,
/// which include the answer, the value below it (when in range) and the
/// value above it.
pub fn largest_within<E>(
    (lo, hi): (i64, i64),
    start: i64,
    target: Money,
    cost: &mut dyn FnMut(i64) -> Result<Money, E>,
) -> Result<Found, SearchError<E>> {
    let mut probes = Probes {
        cost,
        seen: BTreeMap::new(),
    };
    let lowest = probes.at(lo)?;
    if lowest > target {
        return Err(SearchError::BelowRange {
            value: lo,
            cost: lowest,
        });
    }
    // Bracket: `ok` within the target, `bad` beyond it.
    let (mut ok, mut ok_cost) = (lo, lowest);
    let mut v = start.clamp(lo.saturating_add(1).min(hi), hi);
    let (mut bad, mut bad_cost) = loop {
        let c = probes.at(v)?;
        if c > target {
            break (v, c);
        }
        (ok, ok_cost) = (v, c);
        if v == hi {
            return Err(SearchError::AboveRange { value: v, cost: c });
        }
        // Aim just past where the line of the costs seen so far reaches the
        // target; at least twice as far from the start as before.
        let step = v.saturating_sub(lo).max(1);
        let aimed = on_line((lo, lowest), (v, c), target)
            .map(|x| x.saturating_add(1 + x.saturating_sub(lo) / 256))
            .unwrap_or(i64::MAX);
        v = aimed.min(v.saturating_add(step)).max(v + 1).min(hi);
    };
    let mut halved = true;
    while bad - ok > 1 {
        let width = bad - ok;
        let guess = on_line((ok, ok_cost), (bad, bad_cost), target)
            .filter(|_| halved)
            .unwrap_or(ok + width / 2);
        let v = guess.clamp(ok + 1, bad - 1);
        let c = probes.at(v)?;
        if c <= target {
            (ok, ok_cost) = (v, c);
        } else {
            (bad, bad_cost) = (v, c);
        }
        halved = bad - ok <= width / 2;
    }
    if ok > lo {
        probes.at(ok - 1)?;
    }
    Ok(Found {
        value: ok,
        cost: ok_cost,
        cost_next: bad_cost,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn money(cents: i64) -> Money {
        Money::round(Decimal::new(cents, 2))
    }

    /// Runs a search over `cost` (in cents) and counts the probes.
    fn search(
        range: (i64, i64),
        start: i64,
        target: i64,
        cost: impl Fn(i64) -> i64,
    ) -> (Result<Found, SearchError<()>>, usize) {
        let mut probes = 0;
        let mut f = |v: i64| {
            probes += 1;
            Ok(money(cost(v)))
        };
        let found = largest_within(range, start, money(target), &mut f);
        (found, probes)
    }

    #[test]
    fn a_linear_cost_is_solved_exactly_in_few_probes() {
        // 1,234 cents a unit: the target 1,000,000 cents buys ⌊1,000,000 ÷
        // 1,234⌋ = 810 units (999,540), not 811 (1,000,774).
        let (found, probes) = search((0, 100_000), 18_300, 1_000_000, |v| 1_234 * v);
        assert_eq!(
            found,
            Ok(Found {
                value: 810,
                cost: money(999_540),
                cost_next: money(1_000_774),
            })
        );
        assert!(probes <= 8, "{probes} probes");
    }

    #[test]
    fn a_cost_with_a_fixed_part_and_steps_is_solved_exactly() {
        // 5,000 + 7 × v + ⌊v ÷ 3⌋: at v = 1,000, 5,000 + 7,000 + 333 =
        // 12,333 ≤ 12,336; at 1,001, 5,000 + 7,007 + 333 = 12,340 > 12,336.
        let (found, _) = search((0, 1_000_000), 1, 12_336, |v| 5_000 + 7 * v + v / 3);
        let found = found.unwrap();
        assert_eq!(
            (found.value, found.cost, found.cost_next),
            (1_000, money(12_333), money(12_340))
        );
    }

    #[test]
    fn an_exact_hit_is_the_answer() {
        // 100 a unit: 5,000 is exactly 50 units, and 51 cost 5,100.
        let (found, _) = search((0, 1_000), 7, 5_000, |v| 100 * v);
        assert_eq!(found.unwrap().value, 50);
    }

    #[test]
    fn out_of_range_targets_are_refused() {
        let (found, _) = search((0, 1_000), 10, -1, |v| 100 * v);
        assert_eq!(
            found,
            Err(SearchError::BelowRange {
                value: 0,
                cost: money(0)
            })
        );
        let (found, _) = search((0, 1_000), 10, 1_000_000, |v| 100 * v);
        assert_eq!(
            found,
            Err(SearchError::AboveRange {
                value: 1_000,
                cost: money(100_000)
            })
        );
    }

    #[test]
    fn a_cost_that_falls_is_reported_with_two_values() {
        // 100 × v up to 500, then 30,000 less: a threshold. From 400
        // (40,000 ≤ 60,000) the line aims at 600 + 1 + 600 ÷ 256 = 603,
        // which costs 30,300: less than at 400.
        let (found, _) = search((0, 10_000), 400, 60_000, |v| {
            if v <= 500 {
                100 * v
            } else {
                100 * v - 30_000
            }
        });
        assert_eq!(
            found,
            Err(SearchError::NotMonotone {
                lower: (400, money(40_000)),
                higher: (603, money(30_300)),
            })
        );
    }
}
