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
use crate::domain::funding::Funding;
use crate::domain::grid::{Convention, Grid, Grids, Job, Step};
use crate::domain::money::round_cents;
use crate::domain::params::{Parameter, Parameters, Schedule};
use crate::domain::scenario::{
    Eligibility, Measure, MeasureKind, PointChange, Scenario, SmicFloor,
};
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
    grids_with(true)
}

/// The world's grids, the complement counted toward the SMIC or not
/// (docs/formats.md, rule 33).
fn grids_with(complement_in_smic: bool) -> Grids {
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
        complement_in_smic,
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
        from: from.parse().unwrap(),
        until: until.map(|u| u.parse().unwrap()),
        eligible: Eligibility::default(),
        funding: Funding::single(
            funding
                .iter()
                .map(|(p, f)| (p.to_string(), f.parse::<Fraction>().unwrap()))
                .collect(),
        ),
        smic_floor: SmicFloor::default_for(&kind),
        kind,
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

/// The world's parameters with a monthly SMIC of 1766.92 from 2024-01-01
/// and 1801.80 from 2024-11-01 (the published values).
fn parameters_with_smic() -> Parameters {
    let mut p = parameters();
    let smic = p.schedule_mut(Parameter::SmicMonthly, Sector::PriveNonLucratif);
    smic.insert(date("2024-01-01"), d("1766.92")).unwrap();
    smic.insert(date("2024-11-01"), d("1801.80")).unwrap();
    p
}

/// One month under the SMIC floor: month, B (floored), the indemnité
/// différentielle in it, ΔG and Δemployer of a full-time, full-month row.
type FloorMonth = (String, Decimal, Decimal, Decimal, Decimal);

/// The months of `e` under the one measure `kind` from `from` to `until`,
/// in the world with a SMIC.
fn floor_months(
    kind: MeasureKind,
    smic_floor: SmicFloor,
    (from, until): (&str, &str),
    complement_in_smic: bool,
    e: &Employee,
) -> Vec<FloorMonth> {
    let mut m = measure("m", kind, from, Some(until), &[("etat", "1")]);
    m.smic_floor = smic_floor;
    let s = scenario(vec![m]);
    let (g, p) = (grids_with(complement_in_smic), parameters_with_smic());
    let plan = Plan::new(&s, &g, &p, vec![GroupBy::Year]).unwrap();
    let mut lines = Vec::new();
    for_each_month(&plan, e, &mut Scratch::default(), |m| {
        let x = &m.measures[0];
        lines.push((
            m.month.to_string(),
            m.base_full_time.amount(),
            m.smic_top_up.amount(),
            x.delta_full_time.amount(),
            x.delta_employer.amount(),
        ));
    })
    .unwrap();
    lines
}

fn floor_month(month: &str, base: &str, top_up: &str, delta: &str, employer: &str) -> FloorMonth {
    (month.into(), d(base), d(top_up), d(delta), d(employer))
}

/// An SEC (coefficient 300, no complement), full time, all year.
fn full_time_sec() -> Employee {
    employee(1, "1", "2024-01-01", None, None, "1")
}

#[test]
fn below_the_smic_the_base_is_the_smic_and_an_amount_comes_on_top() {
    // SEC: grid pay 300 × 4.00 = 1200.00 to June, 300 × 4.10 = 1230.00 from
    // July. Floored (docs/formats.md, rule 33): B = 1766.92, indemnité
    // 1766.92 − 1200.00 = 566.92 in June, 1766.92 − 1230.00 = 536.92 from
    // July; from November B = 1801.80, indemnité 1801.80 − 1230.00 =
    // 571.80. 100 € gross `above` (the default) stays 100.00, Δemployer
    // 100 × 0.4 = 40.00.
    let months = floor_months(
        MeasureKind::GrossMonthly(d("100")),
        SmicFloor::Above,
        ("2024-06", "2024-12"),
        true,
        &full_time_sec(),
    );
    let mut expected = vec![floor_month(
        "2024-06", "1766.92", "566.92", "100.00", "40.00",
    )];
    for m in ["2024-07", "2024-08", "2024-09", "2024-10"] {
        expected.push(floor_month(m, "1766.92", "536.92", "100.00", "40.00"));
    }
    for m in ["2024-11", "2024-12"] {
        expected.push(floor_month(m, "1801.80", "571.80", "100.00", "40.00"));
    }
    assert_eq!(months, expected);
}

#[test]
fn an_amount_that_absorbs_the_indemnite_pays_only_what_exceeds_the_smic() {
    // SEC, 600 € gross, `absorbs` (docs/formats.md, rule 34): ΔG =
    // max(C + 600, SMIC) − max(C, SMIC). June: max(1800.00, 1766.92) −
    // 1766.92 = 33.08, Δemployer round(13.232) = 13.23; July–October:
    // max(1830.00, 1766.92) − 1766.92 = 63.08, round(25.232) = 25.23;
    // November: max(1830.00, 1801.80) − 1801.80 = 28.20, 11.28. And 100 €
    // that stays below the SMIC is absorbed whole: ΔG = 0.
    let months = floor_months(
        MeasureKind::GrossMonthly(d("600")),
        SmicFloor::Absorbs,
        ("2024-06", "2024-11"),
        true,
        &full_time_sec(),
    );
    let mut expected = vec![floor_month(
        "2024-06", "1766.92", "566.92", "33.08", "13.23",
    )];
    for m in ["2024-07", "2024-08", "2024-09", "2024-10"] {
        expected.push(floor_month(m, "1766.92", "536.92", "63.08", "25.23"));
    }
    expected.push(floor_month(
        "2024-11", "1801.80", "571.80", "28.20", "11.28",
    ));
    assert_eq!(months, expected);
    let absorbed = floor_months(
        MeasureKind::GrossMonthly(d("100")),
        SmicFloor::Absorbs,
        ("2024-06", "2024-06"),
        true,
        &full_time_sec(),
    );
    assert_eq!(
        absorbed,
        vec![floor_month("2024-06", "1766.92", "566.92", "0.00", "0.00")]
    );
}

#[test]
fn a_rise_of_the_point_is_compared_with_the_smic() {
    // ES step 1 in June: grid pay 400 × 4.00 × 1.1 = 1760.00 < 1766.92, so B
    // = 1766.92 (indemnité 6.92). +1 % on the point: ΔG of the grid = 400 ×
    // 0.04 × 1.1 = 17.60, new grid pay 1777.60 ≥ the SMIC: ΔG = 1777.60 −
    // 1766.92 = 10.68, Δemployer round(4.272) = 4.27. In July the grid pays
    // 400 × 4.10 × 1.1 = 1804.00 above the SMIC: ΔG is the whole 400 × 0.041
    // × 1.1 = 18.04, Δemployer round(7.216) = 7.22.
    let months = floor_months(
        MeasureKind::PointValue(PointChange::Percent(d("1"))),
        SmicFloor::Absorbs,
        ("2024-06", "2024-07"),
        true,
        &full_time_es(),
    );
    assert_eq!(
        months,
        vec![
            floor_month("2024-06", "1766.92", "6.92", "10.68", "4.27"),
            floor_month("2024-07", "1804.00", "0", "18.04", "7.22"),
        ]
    );
}

#[test]
fn a_complement_left_out_of_the_comparison_is_paid_on_top_of_the_smic() {
    // ES step 1 in June, the complement not counted (a seniority premium,
    // docs/formats.md, rule 33): C = 400 × 4.00 = 1600.00, indemnité
    // 1766.92 − 1600.00 = 166.92, B = 1760.00 + 166.92 = 1926.92 (the SMIC
    // plus the complement of 160.00). +10 coefficient points: ΔG of the grid
    // 10 × 4.00 × 1.1 = 44.00, of which 40.00 counts; indemnité after
    // 1766.92 − 1640.00 = 126.92; ΔG = 44.00 + 126.92 − 166.92 = 4.00 (the
    // complement's rise), Δemployer 1.60. 100 € gross that absorbs:
    // indemnité after 1766.92 − 1700.00 = 66.92, ΔG = 100 + 66.92 − 166.92 = 0.
    let e = full_time_es();
    let coefficient = floor_months(
        MeasureKind::Coefficient(d("10")),
        SmicFloor::Absorbs,
        ("2024-06", "2024-06"),
        false,
        &e,
    );
    assert_eq!(
        coefficient,
        vec![floor_month("2024-06", "1926.92", "166.92", "4.00", "1.60")]
    );
    let gross = floor_months(
        MeasureKind::GrossMonthly(d("100")),
        SmicFloor::Absorbs,
        ("2024-06", "2024-06"),
        false,
        &e,
    );
    assert_eq!(
        gross,
        vec![floor_month("2024-06", "1926.92", "166.92", "0.00", "0.00")]
    );
}

#[test]
fn the_smic_is_prorated_like_the_base() {
    // SEC at fte 0.5 entering 2024-06-11 (20 of 30 days): base =
    // round(1766.92 × 0.5 × 20/30 = 588.9733…) = 588.97, the same as
    // round(max(1200.00, 1766.92) × q): comparing at full time then
    // prorating equals prorating both sides then comparing (rule 33).
    // Without a SMIC in the parameters the grid pay stays: round(1200.00 ×
    // 0.5 × 20/30) = 400.00.
    let s = scenario(vec![measure(
        "m",
        MeasureKind::GrossMonthly(d("100")),
        "2024-06",
        Some("2024-06"),
        &[("etat", "1")],
    )]);
    let e = employee(1, "0.5", "2024-01-01", Some("2024-06-11"), None, "1");
    let g = grids();
    for (p, base, top_up) in [
        (parameters_with_smic(), "588.97", "566.92"),
        (parameters(), "400.00", "0"),
    ] {
        let plan = Plan::new(&s, &g, &p, vec![GroupBy::Year]).unwrap();
        let mut seen = Vec::new();
        for_each_month(&plan, &e, &mut Scratch::default(), |m| {
            seen.push((m.base.amount(), m.smic_top_up.amount()));
        })
        .unwrap();
        assert_eq!(seen, vec![(d(base), d(top_up))]);
    }
}
