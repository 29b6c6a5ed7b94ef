//! Unit tests of the arithmetic, each figure derived by hand in a comment.
//!
//! The world: one convention `c` (prive_non_lucratif); job ES (socio-educatif)
//! with step 1 at 0 months, coefficient 400, and step 2 at 12 months,
//! coefficient 450, both with a 10 % complement; job SEC (administratif),
//! coefficient 300, no complement. The point is worth 4.00, then 4.10 from
//! 2024-07-01. employee_rate 0.2, employer_rate 0.4. Horizon: 2024.
//!
//! In that world an ES at step 1 has B = 400 × 4.00 × 1.1 = 1760.00 until
//! June and 400 × 4.10 × 1.1 = 1804.00 from July; a full-time, full-month,
//! weight-1 row has Δgross = ΔG and Δemployer = round(ΔG × 0.4).

use super::*;
use crate::domain::grid::{Convention, Grid, Grids, Job, Step};
use crate::domain::money::round_cents;
use crate::domain::params::{Parameter, Parameters, Schedule};
use crate::domain::scenario::{Eligibility, Measure, MeasureKind, PointChange, Scenario};
use crate::domain::{Date, Departement, Fraction, Sector};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn step(echelon: u32, months: u32, coefficient: &str, pct: &str) -> Step {
    Step {
        echelon,
        seniority_months: months,
        coefficient: d(coefficient),
        complement_pct: d(pct),
    }
}

fn grids() -> Grids {
    let grid = Grid {
        name: "c".into(),
        jobs: vec![
            Job::new(
                "ES".into(),
                "Éducateur".into(),
                "socio-educatif".into(),
                vec![step(1, 0, "400", "10"), step(2, 12, "450", "10")],
            ),
            Job::new(
                "SEC".into(),
                "Secrétaire".into(),
                "administratif".into(),
                vec![step(1, 0, "300", "0")],
            ),
        ],
    };
    let mut points = Schedule::default();
    points.insert(date("2020-01-01"), d("4.00")).unwrap();
    points.insert(date("2024-07-01"), d("4.10")).unwrap();
    let convention = Convention {
        id: "c".into(),
        label: String::new(),
        idcc: String::new(),
        sector: Sector::PriveNonLucratif,
        grid: 0,
        point_values: points,
    };
    Grids::new(vec![convention], vec![grid])
}

fn parameters() -> Parameters {
    let mut p = Parameters::default();
    let s = Sector::PriveNonLucratif;
    p.schedule_mut(Parameter::EmployeeRate, s)
        .insert(date("2010-01-01"), d("0.2"))
        .unwrap();
    p.schedule_mut(Parameter::EmployerRate, s)
        .insert(date("2010-01-01"), d("0.4"))
        .unwrap();
    p
}

fn measure(
    id: &str,
    kind: MeasureKind,
    from: &str,
    until: Option<&str>,
    funding: &[(&str, &str)],
) -> Measure {
    Measure {
        id: id.into(),
        kind,
        from: from.parse().unwrap(),
        until: until.map(|u| u.parse().unwrap()),
        eligible: Eligibility::default(),
        funding: funding
            .iter()
            .map(|(p, f)| (p.to_string(), f.parse::<Fraction>().unwrap()))
            .collect(),
        bonus: false,
    }
}

fn scenario(measures: Vec<Measure>) -> Scenario {
    Scenario::for_tests("unit", 2024, 2024, measures)
}

fn employee(
    job: usize,
    fte: &str,
    seniority: &str,
    start: Option<&str>,
    end: Option<&str>,
    weight: &str,
) -> Employee {
    Employee {
        line: 2,
        id: "E".into(),
        departement: "01".parse::<Departement>().unwrap(),
        convention: 0,
        job,
        fte: d(fte),
        seniority_date: date(seniority),
        start_date: start.map(date),
        end_date: end.map(date),
        funder: None,
        establishment: None,
        weight: d(weight),
        employer_size: None,
        at_mp_rate: None,
        taxe_salaires: None,
    }
}

/// An ES at step 1 from 2024-01-01, full time, all year, weight 1.
fn full_time_es() -> Employee {
    employee(0, "1", "2024-01-01", None, None, "1")
}

/// One month of one row under one measure, as the engine reports it.
#[derive(Debug, PartialEq)]
struct MonthFigures {
    month: String,
    /// B: the full-time base gross.
    base: Decimal,
    /// ΔG, Δgross, Δemployer, weighted Δgross, weighted Δemployer.
    deltas: [Decimal; 5],
}

/// The expected `MonthFigures`: month, B, then ΔG, Δgross, Δemployer,
/// weighted Δgross, weighted Δemployer.
fn month(month: &str, base: &str, deltas: [&str; 5]) -> MonthFigures {
    MonthFigures {
        month: month.into(),
        base: d(base),
        deltas: deltas.map(d),
    }
}

/// The months of `e` under the one measure of `s`.
fn months(s: &Scenario, e: &Employee) -> Vec<MonthFigures> {
    let (g, p) = (grids(), parameters());
    let plan = Plan::new(s, &g, &p, vec![GroupBy::Year]).unwrap();
    let mut lines = Vec::new();
    for_each_month(&plan, e, &mut Scratch::default(), |m| {
        assert_eq!(m.measures.len(), 1, "one measure, {}", m.month);
        let x = &m.measures[0];
        lines.push(MonthFigures {
            month: m.month.to_string(),
            base: m.base_full_time.amount(),
            deltas: [
                x.delta_full_time.amount(),
                x.delta_gross.amount(),
                x.delta_employer.amount(),
                x.weighted_gross.amount(),
                x.weighted_employer.amount(),
            ],
        });
    })
    .unwrap();
    lines
}

/// One measure applied to one row: every month it runs, with its figures.
struct MonthCase {
    name: &'static str,
    /// The measure's kind, `from` and `until`.
    measure: (MeasureKind, &'static str, Option<&'static str>),
    employee: Employee,
    months: Vec<MonthFigures>,
}

/// A month of a full-time, full-month, weight-1 row: Δgross and weighted
/// Δgross are ΔG, weighted Δemployer is Δemployer.
fn whole(month_: &str, base: &str, delta: &str, employer: &str) -> MonthFigures {
    month(month_, base, [delta, delta, employer, delta, employer])
}

#[rustfmt::skip]
fn month_cases() -> Vec<MonthCase> {
    vec![
        // ΔG = 100.00; full time, full month: Δgross 100.00, Δemployer 100 × 0.4 = 40.00.
        // Until 2024-06: June only.
        MonthCase {
            name: "gross_monthly is the amount",
            measure: (MeasureKind::GrossMonthly(d("100")), "2024-06", Some("2024-06")),
            employee: full_time_es(),
            months: vec![whole("2024-06", "1760.00", "100.00", "40.00")],
        },
        // ΔG = 10 points × 4.00 = 40.00 in June; × 4.10 = 41.00 from July (the
        // complement does not apply: docs/formats.md, rule 18). Δemployer 40.00 × 0.4 =
        // 16.00, then 41.00 × 0.4 = 16.40.
        MonthCase {
            name: "points use the point of the month without complement",
            measure: (MeasureKind::Points(d("10")), "2024-06", Some("2024-07")),
            employee: full_time_es(),
            months: vec![
                whole("2024-06", "1760.00", "40.00", "16.00"),
                whole("2024-07", "1804.00", "41.00", "16.40"),
            ],
        },
        // ΔG = 10 × 4.00 × 1.10 = 44.00 (docs/formats.md, rule 18); Δemployer 44.00 ×
        // 0.4 = 17.60.
        MonthCase {
            name: "coefficient points carry the complement",
            measure: (MeasureKind::Coefficient(d("10")), "2024-06", Some("2024-06")),
            employee: full_time_es(),
            months: vec![whole("2024-06", "1760.00", "44.00", "17.60")],
        },
        // New value 4.20: June (scheduled 4.00): 400 × 0.20 × 1.1 = 88.00; July
        // to December (scheduled 4.10): 400 × 0.10 × 1.1 = 44.00. Δemployer
        // 88.00 × 0.4 = 35.20, then 44.00 × 0.4 = 17.60.
        MonthCase {
            name: "point value: a new amount",
            measure: (MeasureKind::PointValue(PointChange::NewValue(d("4.20"))), "2024-06", None),
            employee: full_time_es(),
            months: std::iter::once(whole("2024-06", "1760.00", "88.00", "35.20"))
                .chain(["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"]
                    .map(|m| whole(m, "1804.00", "44.00", "17.60")))
                .collect(),
        },
        // +1.5 % in July on 4.10: 400 × 4.10 × 0.015 × 1.1 = 27.06 (the new point,
        // 4.1615, is not rounded); Δemployer round(27.06 × 0.4 = 10.824) = 10.82.
        MonthCase {
            name: "point value: a percent",
            measure: (MeasureKind::PointValue(PointChange::Percent(d("1.5"))), "2024-07", None),
            employee: full_time_es(),
            months: ["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"]
                .map(|m| whole(m, "1804.00", "27.06", "10.82"))
                .into(),
        },
        // 3.90 instead of 4.00: 400 × (−0.10) × 1.1 = −44.00, Δemployer −17.60 (docs/formats.md, rule 19).
        MonthCase {
            name: "a point value below the schedule costs less",
            measure: (MeasureKind::PointValue(PointChange::NewValue(d("3.90"))), "2024-06", Some("2024-06")),
            employee: full_time_es(),
            months: vec![whole("2024-06", "1760.00", "-44.00", "-17.60")],
        },
        // 100 net with 20 % withheld: ΔG = 100 / 0.8 = 125.00; Δemployer
        // 125.00 × 0.4 = 50.00.
        MonthCase {
            name: "net_monthly grosses up with the employee rate",
            measure: (MeasureKind::NetMonthly(d("100")), "2024-06", Some("2024-06")),
            employee: full_time_es(),
            months: vec![whole("2024-06", "1760.00", "125.00", "50.00")],
        },
        // Enters 2024-06-11: 20 of June's 30 days, fte 0.5, weight 2.5.
        // Δgross = round(100 × 0.5 × 20/30) = round(33.333…) = 33.33;
        // Δemployer = round(33.33 × 0.4) = round(13.332) = 13.33;
        // weighted: round(33.33 × 2.5) = round(83.325) = 83.33 (half away from
        // zero) and round(13.33 × 2.5) = round(33.325) = 33.33. B stays the
        // full-time base, 1760.00.
        MonthCase {
            name: "partial month and weight",
            measure: (MeasureKind::GrossMonthly(d("100")), "2024-06", Some("2024-06")),
            employee: employee(0, "0.5", "2024-01-01", Some("2024-06-11"), None, "2.5"),
            months: vec![month("2024-06", "1760.00", ["100.00", "33.33", "13.33", "83.33", "33.33"])],
        },
        // Seniority 2023-05-20: on 2024-05-01, 11 whole months (step 1: B = 400 ×
        // 4.00 × 1.1 = 1760.00); on 2024-06-01, 12 (step 2: 450 × 4.00 × 1.1 =
        // 1980.00); from July the point is 4.10: 450 × 4.10 × 1.1 = 2029.50.
        // ΔG = 1.00 throughout, Δemployer 1.00 × 0.4 = 0.40.
        MonthCase {
            name: "step changes on the first month seniority is complete",
            measure: (MeasureKind::GrossMonthly(d("1")), "2024-05", Some("2024-07")),
            employee: employee(0, "1", "2023-05-20", None, None, "1"),
            months: [("2024-05", "1760.00"), ("2024-06", "1980.00"), ("2024-07", "2029.50")]
                .map(|(m, b)| whole(m, b, "1.00", "0.40"))
                .into(),
        },
    ]
}

#[test]
fn each_measure_kind_gives_the_hand_derived_months() {
    let cases = month_cases();
    assert_eq!(cases.len(), 9);
    for c in cases {
        let (kind, from, until) = c.measure;
        let s = scenario(vec![measure("m", kind, from, until, &[("etat", "1")])]);
        let actual = months(&s, &c.employee);
        let listed = |v: &[MonthFigures]| v.iter().map(|m| m.month.clone()).collect::<Vec<_>>();
        assert_eq!(
            listed(&actual),
            listed(&c.months),
            "case: {}: the months it runs",
            c.name
        );
        for (actual, expected) in actual.iter().zip(&c.months) {
            assert_eq!(actual, expected, "case: {}, {}", c.name, expected.month);
        }
    }
}

/// One measure's cost split between its payers.
struct ShareCase {
    name: &'static str,
    funding: &'static [(&'static str, &'static str)],
    delta_gross: &'static str,
    delta_employer: &'static str,
    shares: [&'static str; 3],
}

const SHARE_CASES: &[ShareCase] = &[
    // 100.00 in thirds: 33.33, 33.33 and the remainder 33.34.
    ShareCase {
        name: "thirds",
        funding: &[
            ("etat", "1/3"),
            ("departement", "1/3"),
            ("assurance_maladie", "1/3"),
        ],
        delta_gross: "70",
        delta_employer: "30",
        shares: ["33.33", "33.33", "33.34"],
    },
    // 10.00 in sevenths (1/7, 2/7, 4/7): round(1.428…) = 1.43, round(2.857…)
    // = 2.86, remainder 10.00 − 4.29 = 5.71.
    ShareCase {
        name: "sevenths",
        funding: &[("a", "1/7"), ("b", "2/7"), ("c", "4/7")],
        delta_gross: "10",
        delta_employer: "0",
        shares: ["1.43", "2.86", "5.71"],
    },
];

#[test]
fn three_payers_share_with_the_remainder_to_the_last() {
    for c in SHARE_CASES {
        let s = scenario(vec![measure(
            "g",
            MeasureKind::GrossMonthly(d("100")),
            "2024-06",
            None,
            c.funding,
        )]);
        let totals = Totals {
            measures: vec![MeasureTotals {
                delta_gross: Money::round(d(c.delta_gross)),
                delta_employer: Money::round(d(c.delta_employer)),
                ..MeasureTotals::default()
            }],
            ..Totals::default()
        };
        let shares: Vec<String> = payer_shares(&s, &s.payers(), &totals)
            .iter()
            .map(|m| m.to_string())
            .collect();
        assert_eq!(shares, c.shares, "case: {}", c.name);
    }
}

#[test]
fn simulate_counts_employees_once_and_fte_exactly() {
    // Two measures on the same months; one employee of weight 2.5 at fte 0.8,
    // present 2024-06-11 → 2024-07-31. Grouped by year: employees 2.5 (once,
    // not per measure); fte = (0.8 × 20/30 + 0.8) × 2.5 / 12 = 0.2777… → 0.28.
    // base: June round(1760 × 0.8 × 20/30) = 938.67 → × 2.5 = 2346.675 →
    // 2346.68; July (step 1, point 4.10): 400 × 4.10 × 1.1 = 1804.00 → × 0.8 =
    // 1443.20 → × 2.5 = 3608.00; total 5954.68, counted once per month.
    let s = scenario(vec![
        measure(
            "g",
            MeasureKind::GrossMonthly(d("100")),
            "2024-01",
            None,
            &[("etat", "1")],
        ),
        measure(
            "h",
            MeasureKind::GrossMonthly(d("10")),
            "2024-01",
            None,
            &[("departement", "1")],
        ),
    ]);
    let (g, p) = (grids(), parameters());
    let plan = Plan::new(&s, &g, &p, vec![GroupBy::Year]).unwrap();
    let e = employee(
        0,
        "0.8",
        "2024-01-01",
        Some("2024-06-11"),
        Some("2024-07-31"),
        "2.5",
    );
    let totals = fast::FastEngine::new(&plan).simulate(&[e]).unwrap();
    assert_eq!(totals.groups.len(), 1);
    let t = totals.groups.values().next().unwrap();
    assert_eq!(t.employees, d("2.5"));
    assert_eq!(t.base_gross.to_string(), "5954.68");
    let fte = round_cents(t.fte_units / Decimal::from(FTE_UNITS_PER_MONTH) / Decimal::from(12));
    assert_eq!(fte, d("0.28"));
}
