//! Unit tests of the arithmetic, each figure derived by hand in a comment.
//!
//! The world: one convention `c` (prive_non_lucratif); job ES (socio-educatif)
//! with step 1 at 0 months, coefficient 400, and step 2 at 12 months,
//! coefficient 450, both with a 10 % complement; job SEC (administratif),
//! coefficient 300, no complement. The point is worth 4.00, then 4.10 from
//! 2024-07-01. employee_rate 0.2, employer_rate 0.4. Horizon: 2024.

use super::*;
use crate::domain::grid::{Convention, Grid, Grids, Job, Step};
use crate::domain::money::round_cents;
use crate::domain::params::{Parameter, Parameters, Schedule};
use crate::domain::scenario::{Eligibility, Measure, MeasureKind, PointChange, Scenario};
use crate::domain::{Date, Departement, Fraction, Sector};
use std::path::PathBuf;

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
            Job {
                code: "ES".into(),
                label: "Éducateur".into(),
                filiere: "socio-educatif".into(),
                steps: vec![step(1, 0, "400", "10"), step(2, 12, "450", "10")],
            },
            Job {
                code: "SEC".into(),
                label: "Secrétaire".into(),
                filiere: "administratif".into(),
                steps: vec![step(1, 0, "300", "0")],
            },
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
    }
}

fn scenario(measures: Vec<Measure>) -> Scenario {
    Scenario {
        path: PathBuf::from("scenario.toml"),
        name: "unit".into(),
        first_year: 2024,
        last_year: 2024,
        workforce: PathBuf::from("workforce.csv"),
        grids: PathBuf::from("grids"),
        parameters: PathBuf::from("parameters"),
        measures,
        payroll: crate::domain::scenario::PayrollModel::Flat,
        employer: crate::domain::scenario::EmployerFacts::default(),
    }
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

/// The months of `e` as (month, base, [(ΔG, Δgross, Δemployer, weighted Δgross, weighted Δemployer)]).
type Line = (
    String,
    Decimal,
    Vec<(Decimal, Decimal, Decimal, Decimal, Decimal)>,
);

fn months(s: &Scenario, e: &Employee) -> Vec<Line> {
    let (g, p) = (grids(), parameters());
    let plan = Plan::new(s, &g, &p, vec![GroupBy::Year]).unwrap();
    let mut lines = Vec::new();
    for_each_month(&plan, e, &mut Scratch::default(), |m| {
        let measures = m
            .measures
            .iter()
            .map(|x| {
                (
                    x.delta_full_time.amount(),
                    x.delta_gross.amount(),
                    x.delta_employer.amount(),
                    x.weighted_gross.amount(),
                    x.weighted_employer.amount(),
                )
            })
            .collect();
        lines.push((m.month.to_string(), m.base_full_time.amount(), measures));
    })
    .unwrap();
    lines
}

fn dg(line: &Line, k: usize) -> String {
    format!("{:.2}", line.2[k].0)
}

#[test]
fn gross_monthly_is_the_amount() {
    // ΔG = 100.00; full time, full month: Δgross 100.00, Δemployer 100 × 0.4 = 40.00.
    let s = scenario(vec![measure(
        "g",
        MeasureKind::GrossMonthly(d("100")),
        "2024-06",
        Some("2024-06"),
        &[("etat", "1")],
    )]);
    let lines = months(&s, &employee(0, "1", "2024-01-01", None, None, "1"));
    assert_eq!(lines.len(), 1, "until 2024-06: June only");
    assert_eq!(lines[0].0, "2024-06");
    assert_eq!(
        lines[0].2[0],
        (
            d("100.00"),
            d("100.00"),
            d("40.00"),
            d("100.00"),
            d("40.00")
        )
    );
}

#[test]
fn points_use_the_point_of_the_month_without_complement() {
    // ΔG = 10 points × 4.00 = 40.00 in June; × 4.10 = 41.00 from July (the
    // complement does not apply: precise rule 8).
    let s = scenario(vec![measure(
        "p",
        MeasureKind::Points(d("10")),
        "2024-06",
        Some("2024-07"),
        &[("etat", "1")],
    )]);
    let lines = months(&s, &employee(0, "1", "2024-01-01", None, None, "1"));
    assert_eq!(
        (dg(&lines[0], 0), dg(&lines[1], 0)),
        ("40.00".into(), "41.00".into())
    );
}

#[test]
fn coefficient_points_carry_the_complement() {
    // ΔG = 10 × 4.00 × 1.10 = 44.00 (precise rule 8).
    let s = scenario(vec![measure(
        "c",
        MeasureKind::Coefficient(d("10")),
        "2024-06",
        Some("2024-06"),
        &[("etat", "1")],
    )]);
    let lines = months(&s, &employee(0, "1", "2024-01-01", None, None, "1"));
    assert_eq!(dg(&lines[0], 0), "44.00");
}

#[test]
fn point_value_new_amount_and_percent() {
    // New value 4.20: June (scheduled 4.00): 400 × 0.20 × 1.1 = 88.00; August
    // (scheduled 4.10): 400 × 0.10 × 1.1 = 44.00.
    let s = scenario(vec![measure(
        "v",
        MeasureKind::PointValue(PointChange::NewValue(d("4.20"))),
        "2024-06",
        None,
        &[("etat", "1")],
    )]);
    let lines = months(&s, &employee(0, "1", "2024-01-01", None, None, "1"));
    assert_eq!(dg(&lines[0], 0), "88.00");
    assert_eq!(dg(&lines[2], 0), "44.00");
    // +1.5 % in July on 4.10: 400 × 4.10 × 0.015 × 1.1 = 27.06 (the new point,
    // 4.1615, is not rounded).
    let s = scenario(vec![measure(
        "v",
        MeasureKind::PointValue(PointChange::Percent(d("1.5"))),
        "2024-07",
        None,
        &[("etat", "1")],
    )]);
    let lines = months(&s, &employee(0, "1", "2024-01-01", None, None, "1"));
    assert_eq!(dg(&lines[0], 0), "27.06");
}

#[test]
fn a_point_value_below_the_schedule_costs_less() {
    // 3.90 instead of 4.00: 400 × (−0.10) × 1.1 = −44.00, Δemployer −17.60 (rule 9).
    let s = scenario(vec![measure(
        "v",
        MeasureKind::PointValue(PointChange::NewValue(d("3.90"))),
        "2024-06",
        Some("2024-06"),
        &[("etat", "1")],
    )]);
    let lines = months(&s, &employee(0, "1", "2024-01-01", None, None, "1"));
    assert_eq!(lines[0].2[0].0, d("-44.00"));
    assert_eq!(lines[0].2[0].2, d("-17.60"));
}

#[test]
fn net_monthly_grosses_up_with_the_employee_rate() {
    // 100 net with 20 % withheld: ΔG = 100 / 0.8 = 125.00.
    let s = scenario(vec![measure(
        "n",
        MeasureKind::NetMonthly(d("100")),
        "2024-06",
        Some("2024-06"),
        &[("etat", "1")],
    )]);
    let lines = months(&s, &employee(0, "1", "2024-01-01", None, None, "1"));
    assert_eq!(dg(&lines[0], 0), "125.00");
}

#[test]
fn partial_month_and_weight() {
    // Enters 2024-06-11: 20 of June's 30 days, fte 0.5, weight 2.5.
    // Δgross = round(100 × 0.5 × 20/30) = round(33.333…) = 33.33;
    // Δemployer = round(33.33 × 0.4) = round(13.332) = 13.33;
    // weighted: round(33.33 × 2.5) = round(83.325) = 83.33 (half away from
    // zero) and round(13.33 × 2.5) = round(33.325) = 33.33.
    let s = scenario(vec![measure(
        "g",
        MeasureKind::GrossMonthly(d("100")),
        "2024-06",
        Some("2024-06"),
        &[("etat", "1")],
    )]);
    let lines = months(
        &s,
        &employee(0, "0.5", "2024-01-01", Some("2024-06-11"), None, "2.5"),
    );
    assert_eq!(
        lines[0].2[0],
        (d("100.00"), d("33.33"), d("13.33"), d("83.33"), d("33.33"))
    );
}

#[test]
fn step_changes_on_the_first_month_seniority_is_complete() {
    // Seniority 2023-05-20: on 2024-05-01, 11 whole months (step 1: B = 400 ×
    // 4.00 × 1.1 = 1760.00); on 2024-06-01, 12 (step 2: 450 × 4.00 × 1.1 =
    // 1980.00); from July the point is 4.10: 450 × 4.10 × 1.1 = 2029.50.
    let s = scenario(vec![measure(
        "g",
        MeasureKind::GrossMonthly(d("1")),
        "2024-05",
        Some("2024-07"),
        &[("etat", "1")],
    )]);
    let lines = months(&s, &employee(0, "1", "2023-05-20", None, None, "1"));
    let bases: Vec<Decimal> = lines.iter().map(|l| l.1).collect();
    assert_eq!(bases, [d("1760.00"), d("1980.00"), d("2029.50")]);
}

#[test]
fn three_payers_share_with_the_remainder_to_the_last() {
    // 100.00 in thirds: 33.33, 33.33 and the remainder 33.34.
    let s = scenario(vec![measure(
        "g",
        MeasureKind::GrossMonthly(d("100")),
        "2024-06",
        None,
        &[
            ("etat", "1/3"),
            ("departement", "1/3"),
            ("assurance_maladie", "1/3"),
        ],
    )]);
    let totals = Totals {
        measures: vec![MeasureTotals {
            delta_gross: Money::round(d("70")),
            delta_employer: Money::round(d("30")),
            ..MeasureTotals::default()
        }],
        ..Totals::default()
    };
    let payers = s.payers();
    let shares: Vec<String> = payer_shares(&s, &payers, &totals)
        .iter()
        .map(|m| m.to_string())
        .collect();
    assert_eq!(shares, ["33.33", "33.33", "33.34"]);
    // 10.00 in sevenths (1/7, 2/7, 4/7): round(1.428…) = 1.43, round(2.857…)
    // = 2.86, remainder 10.00 − 4.29 = 5.71.
    let s = scenario(vec![measure(
        "g",
        MeasureKind::GrossMonthly(d("1")),
        "2024-06",
        None,
        &[("a", "1/7"), ("b", "2/7"), ("c", "4/7")],
    )]);
    let totals = Totals {
        measures: vec![MeasureTotals {
            delta_gross: Money::round(d("10")),
            delta_employer: Money::ZERO,
            ..MeasureTotals::default()
        }],
        ..Totals::default()
    };
    let shares: Vec<String> = payer_shares(&s, &s.payers(), &totals)
        .iter()
        .map(|m| m.to_string())
        .collect();
    assert_eq!(shares, ["1.43", "2.86", "5.71"]);
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
