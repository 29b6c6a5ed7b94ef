//! Sweeps: a scenario run for every value of one or more ranged keys
//! (`--set-range KEY=FROM..TO:STEP`, several making a grid), every variant
//! priced from one pass over the workforce (docs/formats.md, rule 64).

use super::{Error, Inputs};
use crate::domain::GroupBy;
use crate::input::scenario::{read_scenario_with, Override};
use crate::input::source::Ledger;
use crate::input::Warning;
use crate::report::sweep::Sweep;
use rust_decimal::Decimal;
use std::str::FromStr;

/// At most this many variants in a sweep: a grid beyond it is a mistake
/// more often than a wish.
pub const MAX_VARIANTS: usize = 10_000;

/// One `--set-range KEY=FROM..TO:STEP`: the key and its values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetRange {
    /// The dotted key, as for `--set`.
    pub key: String,
    /// FROM, FROM + STEP, … up to TO inclusive, each with as many decimals
    /// as the more precise of FROM and STEP.
    pub values: Vec<String>,
}

impl FromStr for SetRange {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let expected = || {
            format!(
                "expected KEY=FROM..TO:STEP with numbers, e.g. \
                 measure.<id>.amount=150..250:10, not `{s}`"
            )
        };
        let (key, range) = s.split_once('=').ok_or_else(expected)?;
        let (bounds, step) = range.split_once(':').ok_or_else(expected)?;
        let (from, to) = bounds.split_once("..").ok_or_else(expected)?;
        let number = |t: &str| Decimal::from_str(t.trim()).map_err(|_| expected());
        let (from, to, step) = (number(from)?, number(to)?, number(step)?);
        let key = key.trim();
        if key.is_empty() || key.split('.').any(str::is_empty) {
            return Err(format!(
                "`{key}` is not a key: dotted names such as measure.<id>.amount"
            ));
        }
        if step <= Decimal::ZERO {
            return Err(format!("the step of `{s}` must be above 0"));
        }
        if to < from {
            return Err(format!("`{s}` goes down: FROM must not exceed TO"));
        }
        let count = ((to - from) / step).floor() + Decimal::ONE;
        if count > Decimal::from(MAX_VARIANTS) {
            return Err(format!(
                "`{s}` has {count} values, more than {MAX_VARIANTS}"
            ));
        }
        let scale = from.scale().max(step.scale());
        let mut values = Vec::new();
        let mut value = from;
        while value <= to {
            let mut shown = value;
            shown.rescale(scale);
            values.push(shown.to_string());
            value += step;
        }
        Ok(SetRange {
            key: key.to_string(),
            values,
        })
    }
}

/// Every combination of the ranges' values, the first range varying
/// slowest: one `Vec` of values per variant, in range order.
fn grid(ranges: &[SetRange]) -> Result<Vec<Vec<String>>, String> {
    let total = ranges
        .iter()
        .try_fold(1usize, |n, r| n.checked_mul(r.values.len()))
        .filter(|n| *n <= MAX_VARIANTS)
        .ok_or_else(|| format!("the ranges make more than {MAX_VARIANTS} variants"))?;
    let mut all = Vec::with_capacity(total);
    all.push(Vec::new());
    for range in ranges {
        all = all
            .into_iter()
            .flat_map(|prefix: Vec<String>| {
                range.values.iter().map(move |v| {
                    let mut next = prefix.clone();
                    next.push(v.clone());
                    next
                })
            })
            .collect();
    }
    Ok(all)
}

/// Why a sweep cannot run.
#[derive(Debug, thiserror::Error)]
pub enum SweepError {
    /// The ranges themselves.
    #[error("--set-range: {0}")]
    Ranges(String),
    /// A ranged key that changes a data file or the payers' columns:
    /// the variants would not share their columns or their inputs.
    #[error(
        "--set-range {0}: a sweep ranges over numbers of the scenario, not its files or columns"
    )]
    NotNumeric(String),
}

impl Inputs {
    /// Runs these inputs' scenario — read with `overrides` — once per
    /// variant of `ranges` (applied after `overrides`), grouped by `by`:
    /// the workforce read once, each variant priced from that pass (or
    /// computed in it when it changes more than measures' amounts, percents
    /// and funding), telling `progress` the bytes read so far; the
    /// warnings of the workforce's header go to `warnings`.
    pub fn sweep(
        &self,
        overrides: &[Override],
        ranges: &[SetRange],
        by: Vec<GroupBy>,
        progress: &mut dyn FnMut(u64),
        warnings: &mut Vec<Warning>,
    ) -> Result<Sweep, Error> {
        let base = &self.scenario;
        let variants = grid(ranges).map_err(SweepError::Ranges)?;
        let mut scenarios = Vec::with_capacity(variants.len());
        for values in &variants {
            let mut set = overrides.to_vec();
            for (range, value) in ranges.iter().zip(values) {
                let text = format!("{}={value}", range.key);
                set.push(text.parse().map_err(SweepError::Ranges)?);
            }
            let mut scenario = read_scenario_with(&base.path, &set, &Ledger::default())?;
            // The rows of the run: every variant's (`--where`, rule 53).
            scenario.filter = base.filter.clone();
            if (&scenario.workforce, &scenario.grids, &scenario.parameters)
                != (&base.workforce, &base.grids, &base.parameters)
                || scenario.payers() != base.payers()
                || scenario.payroll != base.payroll
            {
                let keys: Vec<&str> = ranges.iter().map(|r| r.key.as_str()).collect();
                return Err(SweepError::NotNumeric(keys.join(", ")).into());
            }
            scenarios.push(scenario);
        }
        let plans = scenarios
            .iter()
            .map(|s| self.plan_of(s, by.clone()))
            .collect::<Result<Vec<_>, _>>()?;
        let reports = self.reports_once(&plans, progress, warnings)?;
        Ok(Sweep {
            keys: ranges.iter().map(|r| r.key.clone()).collect(),
            variants: variants.into_iter().zip(reports).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_read_with_their_decimals() {
        let r: SetRange = "measure.x.amount=150..190:20".parse().unwrap();
        assert_eq!(r.key, "measure.x.amount");
        assert_eq!(r.values, ["150", "170", "190"]);
        // 0.5 + 0.25 × i up to 1 (inclusive), two decimals each.
        let r: SetRange = "k=0.5..1:0.25".parse().unwrap();
        assert_eq!(r.values, ["0.50", "0.75", "1.00"]);
        // TO need not be reached exactly: 1, 4, 7 (10 > 9).
        let r: SetRange = "k=1..9:3".parse().unwrap();
        assert_eq!(r.values, ["1", "4", "7"]);
        let r: SetRange = "k=-2..-2:1".parse().unwrap();
        assert_eq!(r.values, ["-2"]);
    }

    #[test]
    fn bad_ranges_are_refused() {
        for (text, message) in [
            ("k=150..250", "expected KEY=FROM..TO:STEP"),
            ("k=150-250:10", "expected KEY=FROM..TO:STEP"),
            ("k=a..b:1", "expected KEY=FROM..TO:STEP"),
            ("k=1..2:0", "the step of `k=1..2:0` must be above 0"),
            ("k=2..1:1", "`k=2..1:1` goes down"),
            ("k=0..1000000:1", "has 1000001 values, more than 10000"),
            ("a..b=1..2:1", "`a..b` is not a key"),
        ] {
            let e = text.parse::<SetRange>().unwrap_err();
            assert!(e.contains(message), "{text}: {e}");
        }
    }

    #[test]
    fn a_grid_varies_the_last_range_fastest() {
        let a: SetRange = "a=1..2:1".parse().unwrap();
        let b: SetRange = "b=10..30:10".parse().unwrap();
        let g = grid(&[a.clone(), b]).unwrap();
        assert_eq!(g.len(), 6);
        assert_eq!(g[0], ["1", "10"]);
        assert_eq!(g[1], ["1", "20"]);
        assert_eq!(g[3], ["2", "10"]);
        let big: SetRange = "c=1..10000:1".parse().unwrap();
        assert!(grid(&[a, big]).is_err());
    }
}
