//! The public payroll model on the shipped data (`data/grids/fpt.csv`,
//! `data/parameters/public.csv`): traitements and the CTI against the
//! figures the administrations publish, the employer and employee lines
//! against OpenFisca-France, and the net → gross inverse of a public
//! agent. Every figure is derived in a comment.

use crate::domain::funding::Funding;
use crate::domain::grid::Grids;
use crate::domain::params::Parameters;
use crate::domain::scenario::{
    Eligibility, EmployerFacts, EmployerSize, Measure, MeasureKind, Scenario, SmicFloor,
};
use crate::domain::{Date, Fraction, Money, Sector, YearMonth};
use crate::engine::public::{
    employee_lines, employer_cost, employer_lines, gross_for_net, net, PublicParams,
};
use crate::engine::{EngineError, Plan, Position};
use crate::input::grids::read_grids;
use crate::input::parameters::read_parameters;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn m(s: &str) -> Money {
    Money::round(d(s))
}

fn shipped() -> (Grids, Parameters) {
    let ledger = crate::input::source::Ledger::default();
    (
        read_grids(
            &crate::domain::Source::shipped("grids"),
            &ledger,
            &mut Vec::new(),
        )
        .unwrap(),
        read_parameters(
            &crate::domain::Source::shipped("parameters"),
            &ledger,
            &mut Vec::new(),
        )
        .unwrap(),
    )
}

fn public(month: &str) -> PublicParams {
    PublicParams::resolve(&shipped().1, YearMonth::from_str(month).unwrap()).unwrap()
}

fn measure(id: &str, kind: MeasureKind, eligible: Eligibility) -> Measure {
    Measure {
        id: id.into(),
        from: YearMonth::new(2022, 1),
        until: None,
        eligible,
        funding: Funding::single(vec![("departement".into(), Fraction::ONE)]),
        smic_floor: SmicFloor::default_for(&kind),
        kind,
        bonus: false,
    }
}

fn public_only() -> Eligibility {
    Eligibility {
        sector: Some(vec![Sector::Public]),
        ..Eligibility::default()
    }
}

/// The position of `job` of the `fpt` grid after `months` of seniority in
/// `month`, and that month's index in a horizon from 2022.
fn fpt(grids: &Grids, job: &str, months: i32, month: &str) -> (Position, usize) {
    let convention = grids.convention_index("fpt").unwrap();
    let j = grids.grid_of(convention).job_index(job).unwrap();
    let month = YearMonth::from_str(month).unwrap();
    let step = grids.job(convention, j).step_at(months, month.first_day());
    let position = Position {
        convention,
        job: j,
        step,
    };
    (
        position,
        YearMonth::new(2022, 1).months_until(month) as usize,
    )
}

#[test]
fn traitements_and_the_cti_are_those_published() {
    let (grids, parameters) = shipped();
    let cti = measure("cti", MeasureKind::IndexPoints(d("49")), public_only());
    let scenario = Scenario::for_tests("public", 2022, 2024, vec![cti]);
    let plan = Plan::new(&scenario, &grids, &parameters, vec![]).unwrap();
    let base = |job, months, month| {
        let (p, i) = fpt(&grids, job, months, month);
        plan.base(p, i).unwrap()
    };
    let delta = |month| {
        let (p, i) = fpt(&grids, "FPT-ASE", 0, month);
        plan.delta(p, i, 0).unwrap()
    };
    // The CTI, 49 points × the annual value of IM 100 ÷ 1200:
    // 49 × 5623.23 ÷ 1200 = 229.6152… → 229.62; 49 × 5820.04 ÷ 1200 =
    // 237.6516… → 237.65; 49 × 5907.34 ÷ 1200 = 241.2164… → 241.22, "49
    // points d'indice majoré, soit 241,22 € bruts" (service-public.fr F461).
    assert_eq!(delta("2022-04"), m("229.62"));
    assert_eq!(delta("2022-07"), m("237.65"));
    assert_eq!(delta("2023-07"), m("241.22"));
    // ASE échelon 1 from July 2023: 390 × 5907.34 ÷ 1200 = 1919.8855 →
    // 1919.89 (published 1 919,88, truncated: vocationservicepublic.fr).
    assert_eq!(base("FPT-ASE", 0, "2023-07"), m("1919.89"));
    // EJE échelon 1 in 2024, IM 395 (390 + 5): 1944.4994… → 1944.50
    // (published: lyceedesmetiersparentis.fr).
    assert_eq!(base("FPT-EJE", 0, "2024-01"), m("1944.50"));
    // Moniteur-éducateur échelon 1 in 2024, IM 373: 1836.1983… → 1836.20
    // (published 1 836,19, truncated: UNSA Auxerre's catégorie B grid).
    assert_eq!(base("FPT-ME", 0, "2024-01"), m("1836.20"));
    // The same échelon in May 2022 is IM 343, below the indice majoré
    // minimal 352 (décret 2022-586): paid the minimum traitement, 352 ×
    // 5623.23 ÷ 1200 = 1649.4808 → 1649.48, the published figure; 1707.21
    // from July (352 × 5820.04 ÷ 1200 = 1707.2117).
    assert_eq!(base("FPT-ME", 0, "2022-05"), m("1649.48"));
    assert_eq!(base("FPT-ME", 0, "2022-07"), m("1707.21"));
    assert_eq!(
        plan.coefficient(
            fpt(&grids, "FPT-ME", 0, "2022-05").0,
            YearMonth::new(2022, 5)
        ),
        d("352")
    );
    // In April the minimum was IM 343 (décret 2021-1749): no floor, 343 ×
    // 5623.23 ÷ 1200 = 1607.3081 → 1607.31.
    assert_eq!(base("FPT-ME", 0, "2022-04"), m("1607.31"));
    // The 1 September 2022 reform: 15 months of seniority are échelon 1
    // (2 years) of the old grid, IM 343 floored at 352, and échelon 2
    // (1 year) of the new one, IM 359: 359 × 5820.04 ÷ 1200 = 1741.1620.
    assert_eq!(base("FPT-ME", 15, "2022-08"), m("1707.21"));
    assert_eq!(base("FPT-ME", 15, "2022-09"), m("1741.16"));
}

#[test]
fn index_points_apply_to_public_grids_only() {
    let (grids, parameters) = shipped();
    let cti = measure(
        "cti",
        MeasureKind::IndexPoints(d("49")),
        Eligibility {
            filiere: Some(vec!["socio-educatif".into()]),
            ..Eligibility::default()
        },
    );
    let scenario = Scenario::for_tests("public", 2022, 2022, vec![cti]);
    match Plan::new(&scenario, &grids, &parameters, vec![]) {
        Err(EngineError::IndexPointsOutsidePublic {
            measure,
            convention,
            sector,
            ..
        }) => {
            assert_eq!(
                (measure.as_str(), sector),
                ("cti", Sector::PriveNonLucratif)
            );
            assert_eq!(convention, "ccn66");
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
}

/// The employer lines of a département (≥ 50 agents: FNAL 0.50 %) and the
/// employee lines, against OpenFisca-France 176.1.8 (`public_titulaire_
/// territoriale`, effectif 50, traitement_indiciaire_brut as below, no
/// primes, no indemnité de résidence), frozen here and recomputed by
/// `tools/openfisca/openfisca_public.py`: pension_employeur, mmid_employeur,
/// famille, contribution_solidarite_autonomie, fnal, ati_atiacl,
/// pension_salarie.
#[test]
fn the_lines_equal_openfisca_france() {
    let facts = EmployerFacts::default();
    // (month, traitement, OpenFisca's lines: CNRACL, maladie, CSA,
    // famille, FNAL, ATIACL, retenue CNRACL). A full-time ASE at IM 426
    // (1996.25 in April 2022: 426 × 5623.23 ÷ 1200 = 1996.2467), with the
    // CTI (+ 229.62), in July 2022 (2066.11) and, at IM 431, in 2024 and
    // 2025 (2121.72 and + 241.22).
    #[rustfmt::skip]
    let cases = [
        ("2022-04", "1996.25", ["611.85", "197.23", "5.99", "104.80", "9.98", "7.98", "221.58"]),
        ("2022-04", "2225.87", ["682.23", "219.92", "6.68", "116.86", "11.13", "8.90", "247.07"]),
        ("2022-08", "2066.11", ["633.26", "204.13", "6.20", "108.47", "10.33", "8.26", "229.34"]),
        ("2022-08", "2303.76", ["706.10", "227.61", "6.91", "120.95", "11.52", "9.22", "255.72"]),
        ("2024-06", "2121.72", ["671.52", "188.41", "6.37", "111.39", "10.61", "8.49", "235.51"]),
        ("2024-06", "2362.94", ["747.87", "209.83", "7.09", "124.05", "11.81", "9.45", "262.29"]),
        ("2025-06", "2121.72", ["735.18", "188.41", "6.37", "111.39", "10.61", "8.49", "235.51"]),
        ("2025-06", "2362.94", ["818.76", "209.83", "7.09", "124.05", "11.81", "9.45", "262.29"]),
    ];
    for (month, traitement, openfisca) in cases {
        let p = public(month);
        let er = employer_lines(&p, m(traitement), Money::ZERO, Decimal::ONE, &facts);
        let ee = employee_lines(&p, d(traitement), Decimal::ZERO, Decimal::ONE, true);
        let ours = [
            er[0].1, er[1].1, er[2].1, er[3].1, er[4].1, er[5].1, ee[0].1,
        ];
        for (k, (ours, theirs)) in ours.iter().zip(openfisca).enumerate() {
            let theirs = d(theirs);
            let expected = match (month, k) {
                // ATIACL 0.40 % × 1996.25 = 7.985 exactly: half away from
                // zero gives 7.99; OpenFisca's float32 has 7.98499… .
                ("2022-04", 5) if traitement == "1996.25" => d("7.99"),
                // Maladie 2025: OpenFisca keeps its 8.88 % of 2024 (from
                // 2024-01-30, never reverted); décret 2024-49 set it for
                // 2024 only, 9.88 % again in 2025: 0.0988 × 2121.72 =
                // 209.6259 → 209.63, 0.0988 × 2362.94 = 233.4585 → 233.46.
                ("2025-06", 1) => (d("0.0988") * d(traitement)).round_dp_with_strategy(
                    2,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                ),
                _ => theirs,
            };
            assert_eq!(*ours, expected, "{month} {traitement} line {k}");
        }
    }
    // The CNRACL steps: 30.65 % (2022), 31.65 % (2024: 0.3165 × 2121.72 =
    // 671.524…), 34.65 % (2025: 735.176…) are OpenFisca's; 37.65 % in 2026
    // (décret 2025-86's schedule, commented out in OpenFisca): 0.3765 ×
    // 2121.72 = 798.82758 → 798.83.
    let cnracl_2026 = employer_lines(
        &public("2026-06"),
        m("2121.72"),
        Money::ZERO,
        Decimal::ONE,
        &facts,
    )[0]
    .1;
    assert_eq!(cnracl_2026, d("798.83"));
}

#[test]
fn fnal_under_50_agents_stops_at_the_pmss_and_a_bonus_pays_the_rafp_only() {
    let p = public("2024-06");
    let small = EmployerFacts {
        size: EmployerSize::Lt50,
        ..EmployerFacts::default()
    };
    // 0.10 % of 2827.08 = 2.827 → 2.83 (OpenFisca-France's leximpact test
    // ZZ_cotis_fonctionnaire_territoriale_1.6_SMIC, 2024, effectif 20);
    // at 5000 the base stops at the 2024 PMSS, 3864: 3.86; part time
    // (q = 0.5): 1932 → 1.93.
    let fnal = |t: &str, q: &str| employer_lines(&p, m(t), Money::ZERO, d(q), &small)[4].1;
    assert_eq!(fnal("2827.08", "1"), d("2.83"));
    assert_eq!(fnal("5000", "1"), d("3.86"));
    assert_eq!(fnal("5000", "0.5"), d("1.93"));
    // A bonus of 100 on a traitement of 2000: the RAFP alone, 5 % × 100 =
    // 5.00; of 500: its base stops at 20 % of the traitement, 400 → 20.00.
    let facts = EmployerFacts::default();
    let cost = |t: &str, b: &str| employer_cost(&p, m(t), m(b), Decimal::ONE, &facts).contributions;
    assert_eq!(cost("2000", "100") - cost("2000", "0"), m("5.00"));
    assert_eq!(cost("2000", "500") - cost("2000", "0"), m("20.00"));
}

/// The published net of the CTI: "183 € net" (ASH, Conférence des métiers,
/// 18 Feb 2022) and "189 euros nets par mois" (banquedesterritoires.fr,
/// Dec 2022; lemediasocial.fr) — the CTI's own payslip lines.
#[test]
fn the_net_of_the_cti_is_the_published_one_within_half_a_percent() {
    // 229.62: retenue 11.10 % = 25.4878 → 25.49; CSG 9.20 % × (0.9825 ×
    // 229.62 = 225.60165) = 20.7553 → 20.76; CRDS 0.50 % → 1.128 → 1.13;
    // net 229.62 − 47.38 = 182.24 (published 183: −0.42 %).
    // 237.65: 26.37915 → 26.38; 9.20 % × 233.491125 = 21.4812 → 21.48;
    // 1.16746 → 1.17; net 237.65 − 49.03 = 188.62 (published 189: −0.20 %).
    for (month, gross, ours, published) in [
        ("2022-05", "229.62", "182.24", "183"),
        ("2022-08", "237.65", "188.62", "189"),
    ] {
        let net = net(&public(month), m(gross), Money::ZERO, Decimal::ONE);
        assert_eq!(net, m(ours));
        let gap = (net.amount() - d(published)).abs() / d(published);
        assert!(gap < d("0.005"), "{gross}: {net} vs {published}");
    }
}

#[test]
fn net_to_gross_of_a_public_agent_is_exact_on_each_segment() {
    let p = public("2022-05");
    let one = Decimal::ONE;
    // Into the traitement, below 4 PMSS: the net rises by 1 − 0.111 −
    // 0.097 × 0.9825 = 0.7936975 a euro; 183 / 0.7936975 = 230.5664 →
    // 230.57 (the flat model's public employee rate gives the same), and
    // −50 / 0.7936975 = −62.9963 → −63.00.
    assert_eq!(gross_for_net(&p, m("2000"), d("183"), false), m("230.57"));
    assert_eq!(gross_for_net(&p, m("2000"), d("-50"), false), m("-63.00"));
    // As a bonus, under the RAFP ceiling (20 % of 2000 = 400): 1 − 0.05 −
    // 0.0953025 = 0.8546975; 183 / 0.8546975 = 214.1108 → 214.11.
    assert_eq!(gross_for_net(&p, m("2000"), d("183"), true), m("214.11"));
    // As a bonus on a traitement of 500 (ceiling 100): 100 × 0.8546975 =
    // 85.46975 net, then 0.9046975 a euro: 100 + 97.53025 / 0.9046975 =
    // 207.8043 → 207.80.
    assert_eq!(gross_for_net(&p, m("500"), d("183"), true), m("207.80"));
    // Across the CSG abattement's ceiling (4 × 3428 = 13712): from 13600,
    // 112 euros at 0.7936975 give 88.89; the rest at 1 − 0.111 − 0.097 =
    // 0.792: 112 + (183 − 88.89292) / 0.792 = 230.8221 → 230.82.
    assert_eq!(gross_for_net(&p, m("13600"), d("183"), false), m("230.82"));
    // Each solution gives back the amount on the unrounded net.
    for (base, bonus) in [
        ("2000", false),
        ("2000", true),
        ("500", true),
        ("13600", false),
    ] {
        let x = gross_for_net(&p, m(base), d("183"), bonus).amount();
        let (t, b) = if bonus {
            (d(base), x)
        } else {
            (d(base) + x, Decimal::ZERO)
        };
        let exact = |t: Decimal, b: Decimal| {
            t + b
                - employee_lines(&p, t, b, one, false)
                    .iter()
                    .map(|l| l.1)
                    .sum::<Decimal>()
        };
        let gain = exact(t, b) - exact(d(base), Decimal::ZERO);
        assert!(
            (gain - d("183")).abs() <= d("0.005"),
            "{base} {bonus}: {gain}"
        );
    }
}

#[test]
fn a_grid_read_before_its_first_version_has_no_price() {
    let (grids, parameters) = shipped();
    let cti = measure("cti", MeasureKind::IndexPoints(d("49")), public_only());
    let scenario = Scenario::for_tests("public", 2021, 2022, vec![cti]);
    let plan = Plan::new(&scenario, &grids, &parameters, vec![]).unwrap();
    // The shipped fpt grids begin on 2022-01-01: December 2021 has no B.
    let convention = grids.convention_index("fpt").unwrap();
    let job = grids.grid_of(convention).job_index("FPT-ASE").unwrap();
    let day = Date::new(2021, 12, 1).unwrap();
    let step = grids.job(convention, job).step_at(0, day);
    let position = Position {
        convention,
        job,
        step,
    };
    assert_eq!(plan.base(position, 11), None);
    assert!(plan.base(position, 12).is_some());
}
