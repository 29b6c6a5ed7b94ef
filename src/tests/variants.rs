//! Variants priced from one pass against a fresh run of the fast path and
//! of the month-by-month reference on the variant: random cases (those of
//! `fast_path.rs`, flat and detailed: grid positions below the SMIC,
//! measures above the floor or absorbing it, public conventions with the
//! point ÷ 1200, the indice majoré minimal and bonuses, dated versions of
//! a grid), random groupings, and random new amounts, percents, points of
//! indice, `smic_floor` and `bonus` for random measures; the totals must
//! be equal, every group and every cent.

use super::fast_path::{
    case, dec, detailed_case, fast_equals_reference, floor_hits, money_text, pick, random_by, Case,
};
use crate::domain::funding::{Funding, Schedule as FundingSchedule};
use crate::domain::scenario::{MeasureKind, PointChange, Scenario, SmicFloor};
use crate::domain::{Fraction, GroupBy, Sector};
use crate::engine::fast::variants::{
    changed_measures, priceable, Keeper, KeptWorkforce, VariantError,
};
use crate::engine::fast::FastEngine;
use crate::engine::{simulate_reference, GroupTotals, MeasureTotals, Plan};
use crate::rng::SplitMix64;
use rust_decimal::Decimal;

/// A new amount or percent for measure kind `kind`: 0 now and then, a
/// negative value for the point sometimes (rule 19), otherwise values of
/// the same order as the random cases'.
fn new_kind(r: &mut SplitMix64, kind: &MeasureKind) -> MeasureKind {
    let amount = match r.below(8) {
        0 => Decimal::ZERO,
        _ => money_text(r, 0, 400),
    };
    match kind {
        MeasureKind::NetMonthly(_) => MeasureKind::NetMonthly(amount),
        MeasureKind::GrossMonthly(_) => MeasureKind::GrossMonthly(amount),
        MeasureKind::Points(_) => MeasureKind::Points(Decimal::new(r.below(5000) as i64, 2)),
        MeasureKind::IndexPoints(_) => {
            MeasureKind::IndexPoints(Decimal::from(r.below(80) as i64 - 10))
        }
        MeasureKind::Coefficient(_) => {
            MeasureKind::Coefficient(Decimal::new(r.below(5000) as i64, 2))
        }
        MeasureKind::PointValue(PointChange::NewValue(_)) => {
            MeasureKind::PointValue(PointChange::NewValue(money_text(r, 2, 7)))
        }
        MeasureKind::PointValue(PointChange::Percent(_)) => MeasureKind::PointValue(
            PointChange::Percent(Decimal::new(r.below(900) as i64 - 100, 2)),
        ),
    }
}

/// `base` with new amounts or percents for some measures (each with
/// probability ½), now and then a measure absorbing the indemnité
/// différentielle or not (where its kind may be above the floor: rule
/// 34) or paid as a bonus or not, and new funding shares.
fn variant(r: &mut SplitMix64, base: &Scenario) -> Scenario {
    let mut v = base.clone();
    v.name = "variant".into();
    for m in v.measures.iter_mut() {
        if r.below(2) == 0 {
            m.kind = new_kind(r, &m.kind);
        }
        if r.below(5) == 0 && SmicFloor::default_for(&m.kind) == SmicFloor::Above {
            m.smic_floor = *pick(r, &[SmicFloor::Above, SmicFloor::Absorbs]);
        }
        if r.below(6) == 0 {
            m.bonus = !m.bonus;
        }
        if let Funding::All(FundingSchedule::Single(shares)) = &mut m.funding {
            if r.below(6) == 0 && shares.len() == 2 {
                let (first, second) = *pick(r, &[(1, 3), (2, 2)]);
                shares[0].1 = Fraction::new(first, 4).unwrap();
                shares[1].1 = Fraction::new(second, 4).unwrap();
            }
        }
    }
    v
}

/// The pass over `c`'s rows in two chunks, as `compute` streams them.
fn keep(c: &Case, by: &[GroupBy]) -> Option<Result<KeptWorkforce, VariantError>> {
    let plan = Plan::new(&c.scenario, &c.grids, &c.parameters, by.to_vec()).ok()?;
    let mut keeper = Keeper::new(&plan);
    let half = c.employees.len() / 2;
    keeper.add(&c.employees[..half]);
    keeper.add(&c.employees[half..]);
    Some(keeper.finish())
}

/// `scenario` priced from `kept` and computed afresh over `c`'s rows by
/// the fast path (what `simulate` runs) and by the reference (the
/// definition): equal totals, or all errors. The totals, when computed.
fn priced_equals_fresh(
    c: &Case,
    kept: &KeptWorkforce,
    scenario: &Scenario,
    by: &[GroupBy],
) -> Option<GroupTotals> {
    let plan = Plan::new(scenario, &c.grids, &c.parameters, by.to_vec()).ok()?;
    let fresh = FastEngine::new(&plan).simulate(&c.employees);
    match (kept.price(&plan), fresh) {
        (Ok(p), Ok(f)) => {
            assert_eq!(p, f, "by {by:?}\n{scenario:#?}");
            let reference = simulate_reference(&plan, &c.employees).unwrap();
            assert_eq!(p, reference, "by {by:?}\n{scenario:#?}");
            measures_equal_fresh(kept, &plan, &f);
            Some(f)
        }
        (Err(_), Err(_)) => None,
        (p, f) => panic!("priced {p:?}\nfresh {f:?}\n{scenario:#?}"),
    }
}

/// Each measure's totals priced alone (`price_measure`, what `solve`
/// prices) equal those of the fresh run `fresh`: in every group, and in
/// each year's groups when year is a key.
fn measures_equal_fresh(kept: &KeptWorkforce, plan: &Plan<'_>, fresh: &GroupTotals) {
    if plan.keys.has(GroupBy::Measure) {
        return;
    }
    let year_slot = plan.keys.by.iter().position(|b| *b == GroupBy::Year);
    let first = plan.scenario.first_year;
    let years = [None, year_slot.map(|_| first)];
    for k in 0..plan.scenario.measures.len() {
        for year in years {
            let priced = kept.price_measure(plan, k, (year, None)).unwrap();
            let expected: std::collections::HashMap<_, _> = fresh
                .groups
                .iter()
                .filter(|(key, _)| year.is_none_or(|y| key.0[year_slot.unwrap()] == y as u16))
                .map(|(key, t)| (*key, t.measures[k]))
                .filter(|(_, m)| *m != MeasureTotals::default())
                .collect();
            let priced: std::collections::HashMap<_, _> = priced.into_iter().collect();
            assert_eq!(priced, expected, "measure {k}, year {year:?}");
            // Some groups only.
            let mut some: Vec<_> = expected.keys().copied().collect();
            some.sort();
            some.truncate(2);
            let priced = kept.price_measure(plan, k, (year, Some(&some))).unwrap();
            assert_eq!(priced.len(), some.len());
            for key in &some {
                assert_eq!(priced[key], expected[key], "measure {k}, year {year:?}");
            }
        }
    }
}

/// What [`compare_cases`] compared.
#[derive(Debug, Default)]
struct Compared {
    /// Variants compared with totals.
    variants: usize,
    /// Of those, variants of a case with employee-months floored at the
    /// SMIC under a measure that absorbs the indemnité différentielle.
    absorbing: usize,
    /// Of those, variants of a case with floored employee-months under a
    /// measure above the floor only.
    above: usize,
    /// Variants priced over the public agents of a case alone, with a
    /// Δgross that is not zero.
    public: usize,
}

/// `c` with only its rows of public conventions.
fn public_rows(c: &Case) -> Case {
    Case {
        scenario: c.scenario.clone(),
        grids: c.grids.clone(),
        parameters: c.parameters.clone(),
        employees: c
            .employees
            .iter()
            .filter(|e| c.grids.conventions[e.convention].sector == Sector::Public)
            .cloned()
            .collect(),
    }
}

/// `c` with each measure funded by the first table of its funding: a
/// pass prices only scenarios whose measures have one funding table
/// ([`priceable`]; the others are computed by their own engine, tested
/// by [`several_funding_tables_are_computed_not_priced`]).
fn single_funding(mut c: Case) -> Case {
    for m in c.scenario.measures.iter_mut() {
        if m.funding.table_count() > 1 {
            let first = m.funding.tables().next().cloned().unwrap();
            m.funding = Funding::single(first);
        }
    }
    c
}

/// Runs `cases` random cases made by `make`, each with three groupings and
/// four variants (the first the scenario itself), and a variant priced
/// over its public agents alone.
fn compare_cases(
    seed: u64,
    cases: usize,
    make: &mut dyn FnMut(&mut SplitMix64) -> Case,
) -> Compared {
    let mut r = SplitMix64::new(seed);
    let mut compared = Compared::default();
    for _ in 0..cases {
        let c = single_funding(make(&mut r));
        let public = public_rows(&c);
        let by = random_by(&mut r);
        if let (Some(Ok(kept)), Some(_)) = (
            keep(&public, &by),
            fast_equals_reference(&public, by.clone()),
        ) {
            let v = variant(&mut r, &c.scenario);
            if priced_equals_fresh(&public, &kept, &v, &by)
                .is_some_and(|t| !t.overall.delta_gross().is_zero())
            {
                compared.public += 1;
            }
        }
        let bys = [
            vec![GroupBy::Departement, GroupBy::Year],
            vec![GroupBy::Measure, GroupBy::Year],
            random_by(&mut r),
        ];
        for by in bys {
            let kept = match keep(&c, &by) {
                None => continue,
                Some(Ok(kept)) => kept,
                // The pass prices its own scenario: it fails where a fresh
                // run fails.
                Some(Err(e)) => {
                    let plan = Plan::new(&c.scenario, &c.grids, &c.parameters, by.clone());
                    let fresh = FastEngine::new(&plan.unwrap()).simulate(&c.employees);
                    assert!(fresh.is_err(), "kept: {e}");
                    continue;
                }
            };
            let mut scenarios = vec![c.scenario.clone()];
            scenarios.extend((0..3).map(|_| variant(&mut r, &c.scenario)));
            for s in &scenarios {
                if priced_equals_fresh(&c, &kept, s, &by).is_none() {
                    continue;
                }
                compared.variants += 1;
                let floored = floor_hits(&Case {
                    scenario: s.clone(),
                    grids: c.grids.clone(),
                    parameters: c.parameters.clone(),
                    employees: c.employees.clone(),
                });
                if floored[1] > 0 {
                    compared.absorbing += 1;
                } else if floored[0] > 0 {
                    compared.above += 1;
                }
            }
        }
    }
    compared
}

#[test]
fn flat_variants_priced_from_one_pass_equal_a_fresh_run() {
    let compared = compare_cases(14, 300, &mut |r| case(r));
    assert!(compared.variants > 2000, "{compared:?}");
    assert!(compared.absorbing > 500, "{compared:?}");
    assert!(compared.above > 50, "{compared:?}");
    assert!(compared.public > 50, "{compared:?}");
}

#[test]
fn detailed_variants_priced_from_one_pass_equal_a_fresh_run() {
    use crate::domain::Source;
    use crate::input::parameters::read_parameters;
    use crate::input::source::Ledger;
    let parameters = read_parameters(
        &Source::shipped("parameters"),
        &Ledger::default(),
        &mut Vec::new(),
    )
    .unwrap();
    let compared = compare_cases(1414, 120, &mut |r| detailed_case(r, &parameters));
    assert!(compared.variants > 800, "{compared:?}");
    assert!(compared.absorbing > 200, "{compared:?}");
    assert!(compared.above > 20, "{compared:?}");
    assert!(compared.public > 20, "{compared:?}");
}

#[test]
fn a_variant_that_changes_what_the_pass_keyed_on_is_refused() {
    let mut r = SplitMix64::new(3);
    let c = case(&mut r);
    let base = &c.scenario;
    let mut later = base.clone();
    later.measures[0].from = later.measures[0].from.plus(1);
    let mut longer = base.clone();
    longer.last_year += 1;
    let mut kind = base.clone();
    kind.measures[0].kind = match kind.measures[0].kind {
        MeasureKind::GrossMonthly(_) => MeasureKind::NetMonthly(dec("1")),
        _ => MeasureKind::GrossMonthly(dec("1")),
    };
    for (variant, what) in [(later, "dates"), (longer, "the years"), (kind, "kind")] {
        let refused = changed_measures(base, &variant).unwrap_err();
        assert!(refused.0.contains(what), "{refused}");
    }
    let mut cheap = base.clone();
    cheap.measures[0].kind = new_kind(&mut r, &cheap.measures[0].kind);
    cheap.name = "another name".into();
    let changed = changed_measures(base, &cheap).unwrap();
    assert!(changed.is_empty() || changed == [0], "{changed:?}");
}

/// A scenario with a dated or by-funder funding is not priced from a pass
/// (a pass keeps no row's funder, and rule 52 splits the cost per table in
/// force): `price` refuses it, so that `compare` and `sweep` compute it
/// with its own engine (`Inputs::reports_once`; the CLI tests check that
/// `sweep` then prints what `simulate` prints). Each measure's whole cost,
/// what `solve` without `--payer` prices, is still priced exactly.
#[test]
fn several_funding_tables_are_computed_not_priced() {
    let mut r = SplitMix64::new(52);
    let mut refused = 0;
    for _ in 0..200 {
        let c = case(&mut r);
        if c.scenario
            .measures
            .iter()
            .all(|m| m.funding.table_count() == 1)
        {
            continue;
        }
        let by = vec![GroupBy::Departement, GroupBy::Year];
        let Some(Ok(kept)) = keep(&c, &by) else {
            continue;
        };
        let plan = Plan::new(&c.scenario, &c.grids, &c.parameters, by.clone()).unwrap();
        let Ok(fresh) = FastEngine::new(&plan).simulate(&c.employees) else {
            continue;
        };
        let why = priceable(&c.scenario, &c.scenario).unwrap_err();
        assert!(why.0.contains("funding of several tables"), "{why}");
        assert!(matches!(kept.price(&plan), Err(VariantError::NotCheap(_))));
        measures_equal_fresh(&kept, &plan, &fresh);
        refused += 1;
    }
    assert!(refused > 50, "{refused}");
}
