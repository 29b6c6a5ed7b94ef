//! The fast path against the month-by-month reference on many random
//! small workforces, grids and scenarios: every measure kind, `until`,
//! partial months, weights 0 and decimal, steps inside the horizon, dated
//! versions of a job's grid, public conventions (point ÷ 1200, the floor
//! of the indice majoré minimal, bonuses), missing values, several
//! measures and payers, every `--by` key, grid positions below the SMIC
//! (with and without the complement counted) and measures above the floor
//! or absorbing it.
//!
//! Each random draw comes in a fixed order from a seeded generator, so a
//! seed always builds the same cases.

use crate::domain::funding::{Funding, Schedule as FundingSchedule, Shares};
use crate::domain::grid::{Convention, Grid, Grids, Job, Step};
use crate::domain::params::{Parameter, Parameters, Schedule};
use crate::domain::scenario::{
    Eligibility, EmployerFacts, EmployerSize, Measure, MeasureKind, PayrollModel, PointChange,
    Scenario, SmicFloor,
};
use crate::domain::workforce::Employee;
use crate::domain::Money;
use crate::domain::{Date, Departement, Fraction, Funder, GroupBy, Sector, YearMonth};
use crate::engine::fast::FastEngine;
use crate::engine::{
    for_each_month, payer_shares, simulate_reference, FundingPlan, GroupTotals, Plan, Scratch,
};
use crate::rng::SplitMix64;
use rust_decimal::Decimal;

const FILIERES: [&str; 2] = ["socio-educatif", "soins"];

pub(super) fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

pub(super) fn pick<'a, T>(r: &mut SplitMix64, items: &'a [T]) -> &'a T {
    &items[r.below(items.len() as u64) as usize]
}

fn date(r: &mut SplitMix64, from_year: i32, years: u64) -> Date {
    let y = from_year + r.below(years) as i32;
    let m = 1 + r.below(12) as u32;
    let d = 1 + r.below(28) as u32;
    // Often the 1st, sometimes the last day of the month.
    match r.below(4) {
        0 => Date::new(y, m, 1),
        1 => Date::new(y, m, crate::domain::date::days_in_month(y, m)),
        _ => Date::new(y, m, d),
    }
    .unwrap()
}

pub(super) fn money_text(r: &mut SplitMix64, lo: u64, hi: u64) -> Decimal {
    Decimal::new((lo * 100 + r.below((hi - lo) * 100)) as i64, 2)
}

pub(super) struct Case {
    pub(super) scenario: Scenario,
    pub(super) grids: Grids,
    pub(super) parameters: Parameters,
    pub(super) employees: Vec<Employee>,
}

/// A random flat case: 1–2 grids under 1–3 conventions, random rates, a
/// horizon of 2022 to 2022–2024, 1–3 measures and up to 39 rows.
pub(super) fn case(r: &mut SplitMix64) -> Case {
    let grids = random_grids(r);
    let parameters = random_flat_parameters(r);
    let last_year = 2022 + r.below(3) as i32;
    let depts: Vec<Departement> = ["01", "2A", "75", "971"]
        .iter()
        .map(|d| d.parse().unwrap())
        .collect();
    let measures = (0..1 + r.below(3))
        .map(|k| random_measure(r, k, &grids, &depts))
        .collect();
    let employees = (0..r.below(40))
        .map(|i| random_employee(r, i, &grids, &depts))
        .collect();
    Case {
        scenario: Scenario::for_tests("random", 2022, last_year, measures),
        grids,
        parameters,
        employees,
    }
}

fn random_grids(r: &mut SplitMix64) -> Grids {
    let grids: Vec<Grid> = (0..1 + r.below(2)).map(|g| random_grid(r, g)).collect();
    let conventions = (0..1 + r.below(3))
        .map(|c| random_convention(r, c, grids.len()))
        .collect();
    Grids::new(conventions, grids)
}

/// 1–4 steps, coefficients 300 to 500.
fn random_steps(r: &mut SplitMix64) -> Vec<Step> {
    let mut months = 0;
    (0..1 + r.below(4))
        .map(|s| {
            if s > 0 {
                months += 1 + r.below(30) as u32;
            }
            Step {
                echelon: s as u32 + 1,
                seniority_months: months,
                coefficient: money_text(r, 300, 500),
                complement_pct: *pick(r, &[dec("0"), dec("8.21"), dec("3.5")]),
            }
        })
        .collect()
}

/// 1–3 jobs of 1–4 steps; one job in three has two or three dated
/// versions of its grid (from 2021–2024; now and then the first one begins
/// inside the horizon, an error both paths must report alike).
fn random_grid(r: &mut SplitMix64, g: u64) -> Grid {
    let mut jobs = Vec::new();
    for j in 0..1 + r.below(3) {
        let (code, filiere) = (format!("J{j}"), pick(r, &FILIERES).to_string());
        if r.below(3) != 0 {
            jobs.push(Job::new(code, String::new(), filiere, random_steps(r)));
            continue;
        }
        let first = if r.below(8) == 0 {
            Some(date(r, 2022, 2))
        } else {
            None
        };
        let mut versions = vec![(first, random_steps(r))];
        for _ in 0..1 + r.below(2) {
            let effective = Some(date(r, 2021, 4));
            if versions.iter().all(|(d, _)| *d != effective) {
                versions.push((effective, random_steps(r)));
            }
        }
        jobs.push(Job::dated(code, String::new(), filiere, versions));
    }
    Grid {
        name: format!("g{g}"),
        jobs,
    }
}

/// A convention of a random sector and grid, with [`random_points`].
fn random_convention(r: &mut SplitMix64, c: u64, grid_count: usize) -> Convention {
    let sector = *pick(r, &Sector::ALL);
    Convention {
        id: format!("c{c}"),
        label: String::new(),
        idcc: String::new(),
        sector,
        grid: r.below(grid_count as u64) as usize,
        point_values: random_points(r, sector),
        complement_in_smic: r.below(3) != 0,
    }
}

/// Values of the point changing up to 3 times in 2021–2024: 3 to 6 €, or
/// for a public convention an annual value of IM 100 of 5000 to 6000 €.
fn random_points(r: &mut SplitMix64, sector: Sector) -> Schedule<Decimal> {
    let (lo, hi) = if sector == Sector::Public {
        (5000, 6000)
    } else {
        (3, 6)
    };
    let mut point_values = Schedule::default();
    // Usually in force before the horizon; sometimes not (an error
    // both paths must report alike).
    let first = if r.below(30) == 0 { 2022 } else { 2015 };
    point_values
        .insert(
            Date::new(first, 1, 1 + r.below(2) as u32).unwrap(),
            money_text(r, lo, hi),
        )
        .unwrap();
    for _ in 0..r.below(4) {
        let _ = point_values.insert(date(r, 2021, 4), money_text(r, lo, hi));
    }
    point_values
}

/// Employee rates about 0.2 and employer rates about 0.4 per sector,
/// changing up to twice in 2021–2024; now and then missing (an error
/// both paths must report alike). Mostly a SMIC of 1,500 to 1,900 € that
/// changes up to three times, so that many positions of the random grids
/// (900 to 3,000 €) are floored; sometimes none (the floor is not
/// applied), or one that starts within the horizon.
fn random_flat_parameters(r: &mut SplitMix64) -> Parameters {
    let mut parameters = Parameters::default();
    for sector in Sector::ALL {
        if r.below(5) != 0 {
            let s = parameters.schedule_mut(Parameter::SmicMonthly, sector);
            let first = if r.below(6) == 0 {
                date(r, 2022, 2)
            } else {
                Date::new(2010, 1, 1).unwrap()
            };
            let _ = s.insert(first, money_text(r, 1500, 1900));
            for _ in 0..r.below(4) {
                let _ = s.insert(date(r, 2021, 4), money_text(r, 1500, 1900));
            }
        }
        for (p, lo) in [(Parameter::EmployeeRate, 20), (Parameter::EmployerRate, 40)] {
            let s = parameters.schedule_mut(p, sector);
            if r.below(40) != 0 {
                s.insert(
                    Date::new(2010, 1, 1).unwrap(),
                    Decimal::new(lo * 1000 + r.below(9999) as i64, 5),
                )
                .unwrap();
            }
            for _ in 0..r.below(3) {
                let _ = s.insert(
                    date(r, 2021, 4),
                    Decimal::new(lo * 1000 + r.below(9999) as i64, 5),
                );
            }
        }
    }
    random_floor(r, &mut parameters);
    parameters
}

/// Often an indice majoré minimal of 300 to 450 points, changing in
/// 2021–2024: the floor of public grids.
fn random_floor(r: &mut SplitMix64, parameters: &mut Parameters) {
    if r.below(3) == 0 {
        return;
    }
    let s = parameters.schedule_mut(Parameter::IndiceMajoreMinimal, Sector::Public);
    for _ in 0..1 + r.below(3) {
        let _ = s.insert(date(r, 2020, 5), Decimal::from(300 + r.below(150)));
    }
}

/// A measure of any kind from 2021–2024, sometimes with an end, random
/// filters and one to two payers; ids run backwards (`mc`, `mb`, `ma`)
/// so that id order is not scenario order.
fn random_measure(r: &mut SplitMix64, k: u64, grids: &Grids, depts: &[Departement]) -> Measure {
    let amount = money_text(r, 1, 200);
    let kind = match r.below(7) {
        6 => MeasureKind::IndexPoints(Decimal::new(r.below(6000) as i64, 2)),
        0 => MeasureKind::NetMonthly(amount),
        1 => MeasureKind::GrossMonthly(amount),
        2 => MeasureKind::Points(Decimal::new(r.below(3000) as i64, 2)),
        3 => MeasureKind::PointValue(PointChange::NewValue(money_text(r, 3, 6))),
        4 => MeasureKind::PointValue(PointChange::Percent(Decimal::new(r.below(400) as i64, 2))),
        _ => MeasureKind::Coefficient(Decimal::new(r.below(5000) as i64, 2)),
    };
    let from = YearMonth::new(2021 + r.below(4) as i32, 1 + r.below(12) as u32);
    let until = (r.below(3) == 0).then(|| from.plus(r.below(30) as i32));
    let mut eligible = random_eligibility(r, grids, depts);
    if matches!(kind, MeasureKind::IndexPoints(_)) {
        // Refused on other grids: both paths would fail alike.
        eligible.sector = Some(vec![Sector::Public]);
    }
    let bonus = r.below(4) == 0;
    let smic_floor = if r.below(2) == 0 {
        SmicFloor::Absorbs
    } else {
        SmicFloor::default_for(&kind)
    };
    let funding = random_funding(r, from);
    Measure {
        id: format!("m{}", (b'a' + (2 - k as u8)) as char),
        kind,
        from,
        until,
        eligible,
        funding,
        smic_floor,
        bonus,
    }
}

/// One of three tables of shares.
fn random_shares(r: &mut SplitMix64) -> Shares {
    let share = |p: &str, n, d| (p.to_string(), Fraction::new(n, d).unwrap());
    match r.below(3) {
        0 => vec![share("etat", 1, 1)],
        1 => vec![share("etat", 2, 3), share("departement", 1, 3)],
        _ => vec![share("departement", 1, 2), share("assurance_maladie", 1, 2)],
    }
}

/// A single table, or dated tables from `from` or a little before, that
/// change one or two times, mostly in January (a change in the middle of
/// a year sends the case to the reference: both paths then agree
/// trivially).
fn random_schedule(r: &mut SplitMix64, from: YearMonth) -> FundingSchedule {
    if r.below(2) == 0 {
        return FundingSchedule::Single(random_shares(r));
    }
    let mut month = from.plus(-(r.below(3) as i32));
    let mut dated = vec![(month, random_shares(r))];
    for _ in 0..1 + r.below(2) {
        month = if r.below(6) == 0 {
            month.plus(1 + r.below(14) as i32)
        } else {
            YearMonth::new(month.year() + 1 + r.below(2) as i32, 1)
        };
        dated.push((month, random_shares(r)));
    }
    FundingSchedule::Dated(dated)
}

/// A measure's funding from `from`: mostly one table; else dated tables,
/// or a schedule per funder for some funders, often with a default (rows
/// of a funder without one make both paths fail alike).
fn random_funding(r: &mut SplitMix64, from: YearMonth) -> Funding {
    match r.below(4) {
        0 => Funding::All(random_schedule(r, from)),
        1 => {
            let mut entries = Vec::new();
            for funder in Funder::ALL {
                if r.below(2) == 0 {
                    entries.push((Some(funder), random_schedule(r, from)));
                }
            }
            if entries.is_empty() || r.below(4) != 0 {
                entries.push((None, random_schedule(r, from)));
            }
            Funding::ByFunder(entries)
        }
        _ => Funding::single(random_shares(r)),
    }
}

fn random_eligibility(r: &mut SplitMix64, grids: &Grids, depts: &[Departement]) -> Eligibility {
    let mut eligible = Eligibility::default();
    if r.below(3) == 0 {
        eligible.filiere = Some(vec![pick(r, &FILIERES).to_string()]);
    }
    if r.below(4) == 0 {
        eligible.convention = Some(vec![pick(r, &grids.conventions).id.clone()]);
    }
    if r.below(4) == 0 {
        eligible.departement = Some(vec![*pick(r, depts), *pick(r, depts)]);
    }
    if r.below(4) == 0 {
        eligible.funder = Some(vec![*pick(r, &Funder::ALL)]);
    }
    if r.below(5) == 0 {
        eligible.sector = Some(vec![*pick(r, &Sector::ALL)]);
    }
    if r.below(6) == 0 {
        eligible.job = Some(vec!["J0".to_string()]);
    }
    eligible
}

/// Row `i` (line i + 2): any job, part time, weight 0 to 3, often
/// entering or leaving within 2021–2026.
fn random_employee(r: &mut SplitMix64, i: u64, grids: &Grids, depts: &[Departement]) -> Employee {
    let ftes = ["1", "0.5", "0.8", "0.3333", "1", "0.75"];
    let weights = ["1", "1", "1", "0", "2.5", "0.125", "3"];
    let convention = r.below(grids.conventions.len() as u64) as usize;
    let job = r.below(grids.grid_of(convention).jobs.len() as u64) as usize;
    let mut start = (r.below(3) == 0).then(|| date(r, 2021, 5));
    let mut end = (r.below(3) == 0).then(|| date(r, 2021, 6));
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            (start, end) = (Some(e), Some(s));
        }
    }
    Employee {
        line: i + 2,
        id: format!("E{i}"),
        departement: *pick(r, depts),
        convention,
        job,
        fte: dec(ftes[r.below(ftes.len() as u64) as usize]),
        seniority_date: date(r, 2018, 9),
        start_date: start,
        end_date: end,
        funder: (r.below(4) != 0).then(|| *pick(r, &Funder::ALL)),
        establishment: None,
        weight: dec(weights[r.below(weights.len() as u64) as usize]),
        employer_size: None,
        at_mp_rate: None,
        taxe_salaires: None,
    }
}

/// One to three distinct `--by` keys in a random order.
pub(super) fn random_by(r: &mut SplitMix64) -> Vec<GroupBy> {
    let mut keys = GroupBy::ALL.to_vec();
    (0..1 + r.below(3))
        .map(|_| keys.remove(r.below(keys.len() as u64) as usize))
        .collect()
}

/// Runs `c` grouped by `by` through the fast engine, in two chunks as
/// `compute` streams them, and through the reference; panics if they
/// differ. The reference totals when both computed, `None` when the plan
/// is refused (a filter naming a filière no grid has) or both failed.
pub(super) fn fast_equals_reference(c: &Case, by: Vec<GroupBy>) -> Option<GroupTotals> {
    let plan = Plan::new(&c.scenario, &c.grids, &c.parameters, by.clone()).ok()?;
    let engine = FastEngine::new(&plan);
    let half = c.employees.len() / 2;
    let fast = engine
        .simulate(&c.employees[..half])
        .and_then(|a| engine.simulate(&c.employees[half..]).map(|b| a.merge(b)));
    let reference = simulate_reference(&plan, &c.employees);
    match (fast, reference) {
        (Ok(f), Ok(r)) => {
            assert_eq!(f, r, "by {by:?}");
            shares_add_up(&c.scenario, &r);
            Some(r)
        }
        (Err(_), Err(_)) => None,
        (f, r) => panic!("fast {f:?}\nreference {r:?}"),
    }
}

/// Every group's payer shares add up to its cost to the cent, whatever
/// its funding tables (docs/formats.md, arithmetic step 7, rule 52).
fn shares_add_up(scenario: &Scenario, totals: &GroupTotals) {
    let payers = scenario.payers();
    for t in totals.groups.values().chain([&totals.overall]) {
        let shares: Money = payer_shares(scenario, &payers, t).into_iter().sum();
        assert_eq!(shares, t.delta_gross() + t.delta_employer());
    }
}

/// Whether the fast path computed `totals` of `c` with a cost split
/// between several funding tables (dated or by funder) — not handed whole
/// to the reference for a table changing in the middle of a year.
fn split_on_the_fast_path(c: &Case, totals: &GroupTotals) -> bool {
    FundingPlan::new(&c.scenario).by_year() && totals.overall.funded.iter().any(|m| !m.is_zero())
}

/// How often `c` meets the SMIC floor, counted in employee-months where a
/// measure applies: `[floored, floored under a measure that absorbs the
/// indemnité, floored with the complement left out of the comparison]`.
pub(super) fn floor_hits(c: &Case) -> [usize; 3] {
    let mut hits = [0; 3];
    let Ok(plan) = Plan::new(&c.scenario, &c.grids, &c.parameters, vec![GroupBy::Year]) else {
        return hits;
    };
    let mut scratch = Scratch::default();
    for e in &c.employees {
        let _ = for_each_month(&plan, e, &mut scratch, |m| {
            if m.smic_top_up == Money::ZERO {
                return;
            }
            hits[0] += 1;
            let absorbs = |k: usize| c.scenario.measures[k].smic_floor == SmicFloor::Absorbs;
            if m.measures.iter().any(|mm| absorbs(mm.measure)) {
                hits[1] += 1;
            }
            if !c.grids.conventions[e.convention].complement_in_smic {
                hits[2] += 1;
            }
        });
    }
    hits
}

/// Adds `b` to `a`, term by term.
fn add_hits(a: &mut [usize; 3], b: [usize; 3]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

/// The rows of `c` in public conventions alone, compared by `by`: whether
/// both paths computed a non-zero Δgross for them.
fn public_rows_compared(c: &Case, by: Vec<GroupBy>) -> bool {
    let employees: Vec<Employee> = c
        .employees
        .iter()
        .filter(|e| c.grids.conventions[e.convention].sector == Sector::Public)
        .cloned()
        .collect();
    let public = Case {
        scenario: c.scenario.clone(),
        grids: c.grids.clone(),
        parameters: c.parameters.clone(),
        employees,
    };
    fast_equals_reference(&public, by).is_some_and(|t| !t.overall.delta_gross().is_zero())
}

#[test]
fn fast_path_equals_the_month_by_month_reference() {
    let mut r = SplitMix64::new(6);
    let mut compared = 0;
    let mut split = 0;
    let mut floored = [0; 3];
    let mut public = 0;
    for _ in 0..400 {
        let c = case(&mut r);
        add_hits(&mut floored, floor_hits(&c));
        let bys = [
            vec![GroupBy::Departement, GroupBy::Year],
            vec![GroupBy::Measure],
            random_by(&mut r),
        ];
        if public_rows_compared(&c, random_by(&mut r)) {
            public += 1;
        }
        for by in bys {
            if let Some(t) = fast_equals_reference(&c, by) {
                compared += 1;
                split += usize::from(split_on_the_fast_path(&c, &t));
            }
        }
    }
    // Rows whose funder has no table fail on both paths: fewer compared.
    assert!(compared > 950, "{compared}");
    assert!(split > 60, "{split}");
    assert!(floored.iter().all(|n| *n > 1000), "{floored:?}");
    assert!(public > 80, "{public}");
}

fn employer_size(r: &mut SplitMix64) -> EmployerSize {
    if r.below(2) == 0 {
        EmployerSize::Lt50
    } else {
        EmployerSize::Ge50
    }
}

/// A random case in the detailed model: the real `parameters`, a horizon
/// within 2022–2026, random employer facts, and rows overriding them
/// (the fast path hands those to the reference).
pub(super) fn detailed_case(r: &mut SplitMix64, parameters: &Parameters) -> Case {
    let at_mp = ["0.0222", "0.01", "0.035"];
    let mut c = case(r);
    c.parameters = parameters.clone();
    // The shipped payroll parameters are those of the private
    // non-profit sector and of public employers: mostly those (another
    // sector is an error both paths report alike).
    for conv in c.grids.conventions.iter_mut() {
        match r.below(12) {
            0 => {}
            1..=4 => {
                conv.sector = Sector::Public;
                conv.point_values = random_points(r, Sector::Public);
            }
            _ => conv.sector = Sector::PriveNonLucratif,
        }
    }
    c.scenario.payroll = PayrollModel::Detailed;
    c.scenario.last_year = 2022 + r.below(5) as i32;
    c.scenario.employer = EmployerFacts {
        size: employer_size(r),
        at_mp_rate: dec(at_mp[r.below(3) as usize]),
        taxe_salaires: r.below(4) != 0,
    };
    for e in c.employees.iter_mut() {
        if r.below(5) == 0 {
            e.employer_size = Some(employer_size(r));
        }
        if r.below(5) == 0 {
            e.at_mp_rate = Some(dec(at_mp[r.below(3) as usize]));
        }
        if r.below(5) == 0 {
            e.taxe_salaires = Some(r.below(2) == 0);
        }
    }
    add_twins(r, &mut c);
    c
}

/// Twins, next to their row (in the same chunk): the same row
/// elsewhere (another département, so another zone or filter;
/// another payer), another day of the same month of seniority,
/// and present all along, or from a day of January, or until a
/// day of December: whole years are found again in the fast
/// path's tables, and years that are not whole must not be.
fn add_twins(r: &mut SplitMix64, c: &mut Case) {
    let depts: Vec<_> = Departement::all().collect();
    let rows = std::mem::take(&mut c.employees);
    for e in rows {
        let twin = r.below(2) == 0;
        c.employees.push(e.clone());
        if !twin {
            continue;
        }
        let mut twin = e;
        twin.id = format!("{}-twin", twin.id);
        twin.line += 1000;
        if r.below(2) == 0 {
            twin.departement = *pick(r, &depts[..]);
        }
        twin.funder = (r.below(4) != 0).then(|| *pick(r, &Funder::ALL));
        let year = 2022 + r.below(5) as i32;
        match r.below(4) {
            0 => (twin.start_date, twin.end_date) = (None, None),
            1 => {
                twin.start_date = Date::new(year, 1, 2 + r.below(27) as u32);
                twin.end_date = None;
            }
            2 => {
                twin.start_date = None;
                twin.end_date = Date::new(year, 12, 1 + r.below(30) as u32);
            }
            _ => {}
        }
        let d = twin.seniority_date;
        twin.seniority_date = Date::new(d.year(), d.month(), 1 + r.below(28) as u32).unwrap();
        c.employees.push(twin);
    }
}

/// The detailed payroll model: random cases as above, with the real
/// parameters of `data/parameters`, a horizon within 2022–2026, random
/// employer facts and rows overriding them (the fast path hands those to
/// the reference), weights 0, 1, 2.5…, partial months.
#[test]
fn detailed_fast_path_equals_the_month_by_month_reference() {
    use crate::domain::Source;
    use crate::input::parameters::read_parameters;
    use crate::input::source::Ledger;
    let parameters = read_parameters(
        &Source::shipped("parameters"),
        &Ledger::default(),
        &mut Vec::new(),
    )
    .unwrap();
    let mut r = SplitMix64::new(2026);
    let mut compared = 0;
    let mut split = 0;
    let mut with_tax = 0;
    let mut floored = [0; 3];
    let mut public = 0;
    for _ in 0..200 {
        let c = detailed_case(&mut r, &parameters);
        add_hits(&mut floored, floor_hits(&c));
        let bys = [
            vec![GroupBy::Departement, GroupBy::Year],
            vec![GroupBy::Measure],
            vec![GroupBy::Measure, GroupBy::Year, GroupBy::Funder],
            random_by(&mut r),
        ];
        if public_rows_compared(&c, vec![GroupBy::Measure, GroupBy::Year]) {
            public += 1;
        }
        for by in bys {
            if let Some(r) = fast_equals_reference(&c, by) {
                compared += 1;
                split += usize::from(split_on_the_fast_path(&c, &r));
                if !r.overall.breakdown()[2].is_zero() {
                    with_tax += 1;
                }
            }
        }
    }
    assert!(compared > 400, "{compared}");
    assert!(split > 60, "{split}");
    assert!(with_tax > 250, "{with_tax}");
    assert!(floored.iter().all(|n| *n > 500), "{floored:?}");
    assert!(public > 35, "{public}");
}

/// ΔG is kept per class of months (those in which the value of the point
/// and the sector's parameters are the same), not per month: in every
/// month it must equal ΔG computed from that month's own values. And a
/// plan too large for a ΔG table, which computes ΔG when asked, must give
/// the same totals as the plan with the table.
#[test]
fn delta_per_class_equals_delta_per_month() {
    use crate::engine::Position;
    use crate::input::parameters::read_parameters;
    use crate::input::source::Ledger;
    let detailed = read_parameters(
        &crate::domain::Source::shipped("parameters"),
        &Ledger::default(),
        &mut Vec::new(),
    )
    .unwrap();
    let mut r = SplitMix64::new(31);
    let mut cells = 0;
    for i in 0..120 {
        let c = if i % 2 == 0 {
            case(&mut r)
        } else {
            detailed_case(&mut r, &detailed)
        };
        let by = vec![GroupBy::Measure, GroupBy::Year];
        let Ok(plan) = Plan::new(&c.scenario, &c.grids, &c.parameters, by) else {
            continue;
        };
        for (convention, _) in c.grids.conventions.iter().enumerate() {
            for (job, steps) in c.grids.grid_of(convention).jobs.iter().enumerate() {
                for step in 0..steps.steps.len() {
                    let position = Position {
                        convention,
                        job,
                        step,
                    };
                    for month in 0..plan.months {
                        for k in 0..c.scenario.measures.len() {
                            let own = plan.price_at(position, month, k).ok();
                            assert_eq!(plan.delta(position, month, k), own);
                            cells += usize::from(own.is_some());
                        }
                    }
                }
            }
        }
        let with_table = simulate_reference(&plan, &c.employees);
        let on_demand = simulate_reference(&plan.without_delta_table(), &c.employees);
        assert_eq!(with_table, on_demand);
    }
    assert!(cells > 50_000, "{cells}");
}
