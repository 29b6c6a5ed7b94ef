//! Unit tests of the detailed payroll model: 48 cases (1.0, 1.3, 1.6, 2.0,
//! 2.5 and 3.0 SMIC, with and without +238 €, in April 2022, June 2024,
//! June 2025 and June 2026).
//!
//! Each case carries its derivation in a comment: every line is
//! round2(rate × base) with the rates of data/parameters/payroll.csv in
//! force on the first of the month; full time (q = 1), association ≥ 50
//! employees, AT/MP 2.22 %, metropolitan France; TS of the month =
//! TS(12 G) / 12 (constant pay). The derivations were written by hand for
//! 12 cases and printed for all 48 by an independent Python implementation
//! of docs/payroll.md.
//!
//! The independent reference: OpenFisca-France 176.1.8 (openfisca-core
//! 44.7.1, Python 3.11), frozen here (the last two figures of each case:
//! employer cost incl. taxe sur les salaires without the association
//! abattement, and net). `tools/openfisca/openfisca_reference.py` computes
//! them, to the fourth decimal; its README gives the settings (effectif 50,
//! taux_accident_travail 0.0222, association, complementaire_sante_montant
//! 0, prive_non_cadre, temps_plein, allègement mode `anticipe`), the pinned
//! requirements and the command that compares its output with these cases.

use crate::domain::scenario::EmployerFacts;
use crate::domain::Source;
use crate::domain::{Money, Sector, YearMonth};
use crate::engine::payroll::{
    employer_cost, gross_for_net, line, net, net_exact, pow_quarters, round4, round4_times_pow,
    taxe_salaires, MonthParams, TaxeCents, Zone,
};
use crate::input::parameters::read_parameters;
use crate::input::source::Ledger;
use crate::rng::SplitMix64;
use rust_decimal::Decimal;
use rust_decimal::RoundingStrategy;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn m(s: &str) -> Money {
    Money::round(d(s))
}

fn params(month: &str) -> MonthParams {
    let parameters = read_parameters(
        &Source::shipped("parameters"),
        &Ledger::default(),
        &mut Vec::new(),
    )
    .unwrap();
    MonthParams::resolve(
        &parameters,
        Sector::PriveNonLucratif,
        YearMonth::from_str(month).unwrap(),
    )
    .unwrap()
}

/// One case of the table below: month, G, employer contributions before
/// the réduction générale, réduction générale, TS of 12 G, net, and
/// OpenFisca's employer cost and net.
type Case = [&'static str; 8];

#[rustfmt::skip]
const CASES: &[Case] = &[
    // 2022-04, 1.0 SMIC + 0.00: G = 1603.12 (SMIC 1603.12, PMSS 3428)
    //   thresholds: threshold 4007.8000; threshold 5610.9200
    //   EC = maladie 0.07×1603.12=112.22; famille 0.0345×1603.12=55.31;
    //     vieillesse_plafonnee 0.0855×1603.12=137.07; vieillesse_deplafonnee 0.019×1603.12=30.46;
    //     csa 0.003×1603.12=4.81; atmp 0.0222×1603.12=35.59; fnal 0.005×1603.12=8.02;
    //     chomage 0.0405×1603.12=64.93; ags 0.0015×1603.12=2.40; agirc_arrco_t1 0.0472×1603.12=75.67;
    //     ceg_t1 0.0129×1603.12=20.68; formation 0.01×1603.12=16.03; dialogue_social 0.00016×1603.12=0.26;
    //     peec 0.0045×1603.12=7.21; → EC 570.66
    //   RG formula 1: T=0.3235, SMIC_rg=1603.12, 1.6*SMIC_rg=2564.992: C = 0.3235, RG = round2(C × G) = 518.61
    //   TS(12 G = 19237.44) = 1442.55, /12 = 120.21; cost = G + EC − RG + TS/12 = 1775.38 (OpenFisca 1775.38)
    //   net: vieillesse_plafonnee 0.069×1603.12=110.62; vieillesse_deplafonnee 0.004×1603.12=6.41;
    //     agirc_arrco_t1 0.0315×1603.12=50.50; ceg_t1 0.0086×1603.12=13.79; csg 0.092×1575.07=144.91;
    //     crds 0.005×1575.07=7.88; → net 1269.01 (OpenFisca 1269.02)
    ["2022-04", "1603.12", "570.66", "518.61", "1442.55", "1269.01", "1775.3777", "1269.0183"],
    // 2022-04, 1.0 SMIC + 238.00: G = 1841.12 (SMIC 1603.12, PMSS 3428)
    //   thresholds: threshold 4007.8000; threshold 5610.9200
    //   EC = maladie 0.07×1841.12=128.88; famille 0.0345×1841.12=63.52;
    //     vieillesse_plafonnee 0.0855×1841.12=157.42; vieillesse_deplafonnee 0.019×1841.12=34.98;
    //     csa 0.003×1841.12=5.52; atmp 0.0222×1841.12=40.87; fnal 0.005×1841.12=9.21;
    //     chomage 0.0405×1841.12=74.57; ags 0.0015×1841.12=2.76; agirc_arrco_t1 0.0472×1841.12=86.90;
    //     ceg_t1 0.0129×1841.12=23.75; formation 0.01×1841.12=18.41; dialogue_social 0.00016×1841.12=0.29;
    //     peec 0.0045×1841.12=8.29; → EC 655.37
    //   RG formula 1: T=0.3235, SMIC_rg=1603.12, 1.6*SMIC_rg=2564.992: C = 0.2120, RG = round2(C × G) = 390.32
    //   TS(12 G = 22093.44) = 1830.97, /12 = 152.58; cost = G + EC − RG + TS/12 = 2258.75 (OpenFisca 2258.76)
    //   net: vieillesse_plafonnee 0.069×1841.12=127.04; vieillesse_deplafonnee 0.004×1841.12=7.36;
    //     agirc_arrco_t1 0.0315×1841.12=58.00; ceg_t1 0.0086×1841.12=15.83; csg 0.092×1808.90=166.42;
    //     crds 0.005×1808.90=9.04; → net 1457.43 (OpenFisca 1457.43)
    ["2022-04", "1841.12", "655.37", "390.32", "1830.97", "1457.43", "2258.7593", "1457.4266"],
    // 2022-04, 1.3 SMIC + 0.00: G = 2084.06 (SMIC 1603.12, PMSS 3428)
    //   thresholds: threshold 4007.8000; threshold 5610.9200
    //   EC = maladie 0.07×2084.06=145.88; famille 0.0345×2084.06=71.90;
    //     vieillesse_plafonnee 0.0855×2084.06=178.19; vieillesse_deplafonnee 0.019×2084.06=39.60;
    //     csa 0.003×2084.06=6.25; atmp 0.0222×2084.06=46.27; fnal 0.005×2084.06=10.42;
    //     chomage 0.0405×2084.06=84.40; ags 0.0015×2084.06=3.13; agirc_arrco_t1 0.0472×2084.06=98.37;
    //     ceg_t1 0.0129×2084.06=26.88; formation 0.01×2084.06=20.84; dialogue_social 0.00016×2084.06=0.33;
    //     peec 0.0045×2084.06=9.38; → EC 741.84
    //   RG formula 1: T=0.3235, SMIC_rg=1603.12, 1.6*SMIC_rg=2564.992: C = 0.1244, RG = round2(C × G) = 259.26
    //   TS(12 G = 25008.72) = 2227.45, /12 = 185.62; cost = G + EC − RG + TS/12 = 2752.26 (OpenFisca 2752.26)
    //   net: vieillesse_plafonnee 0.069×2084.06=143.80; vieillesse_deplafonnee 0.004×2084.06=8.34;
    //     agirc_arrco_t1 0.0315×2084.06=65.65; ceg_t1 0.0086×2084.06=17.92; csg 0.092×2047.59=188.38;
    //     crds 0.005×2047.59=10.24; → net 1649.73 (OpenFisca 1649.73)
    ["2022-04", "2084.06", "741.84", "259.26", "2227.45", "1649.73", "2752.2630", "1649.7339"],
    // 2022-04, 1.3 SMIC + 238.00: G = 2322.06 (SMIC 1603.12, PMSS 3428)
    //   thresholds: threshold 4007.8000; threshold 5610.9200
    //   EC = maladie 0.07×2322.06=162.54; famille 0.0345×2322.06=80.11;
    //     vieillesse_plafonnee 0.0855×2322.06=198.54; vieillesse_deplafonnee 0.019×2322.06=44.12;
    //     csa 0.003×2322.06=6.97; atmp 0.0222×2322.06=51.55; fnal 0.005×2322.06=11.61;
    //     chomage 0.0405×2322.06=94.04; ags 0.0015×2322.06=3.48; agirc_arrco_t1 0.0472×2322.06=109.60;
    //     ceg_t1 0.0129×2322.06=29.95; formation 0.01×2322.06=23.22; dialogue_social 0.00016×2322.06=0.37;
    //     peec 0.0045×2322.06=10.45; → EC 826.55
    //   RG formula 1: T=0.3235, SMIC_rg=1603.12, 1.6*SMIC_rg=2564.992: C = 0.0564, RG = round2(C × G) = 130.96
    //   TS(12 G = 27864.72) = 2615.86, /12 = 217.99; cost = G + EC − RG + TS/12 = 3235.64 (OpenFisca 3235.65)
    //   net: vieillesse_plafonnee 0.069×2322.06=160.22; vieillesse_deplafonnee 0.004×2322.06=9.29;
    //     agirc_arrco_t1 0.0315×2322.06=73.14; ceg_t1 0.0086×2322.06=19.97; csg 0.092×2281.42=209.89;
    //     crds 0.005×2281.42=11.41; → net 1838.14 (OpenFisca 1838.14)
    ["2022-04", "2322.06", "826.55", "130.96", "2615.86", "1838.14", "3235.6454", "1838.1425"],
    // 2022-04, 1.6 SMIC + 0.00: G = 2564.99 (SMIC 1603.12, PMSS 3428)
    //   thresholds: threshold 4007.8000; threshold 5610.9200
    //   EC = maladie 0.07×2564.99=179.55; famille 0.0345×2564.99=88.49;
    //     vieillesse_plafonnee 0.0855×2564.99=219.31; vieillesse_deplafonnee 0.019×2564.99=48.73;
    //     csa 0.003×2564.99=7.69; atmp 0.0222×2564.99=56.94; fnal 0.005×2564.99=12.82;
    //     chomage 0.0405×2564.99=103.88; ags 0.0015×2564.99=3.85; agirc_arrco_t1 0.0472×2564.99=121.07;
    //     ceg_t1 0.0129×2564.99=33.09; formation 0.01×2564.99=25.65; dialogue_social 0.00016×2564.99=0.41;
    //     peec 0.0045×2564.99=11.54; → EC 913.02
    //   RG formula 1: T=0.3235, SMIC_rg=1603.12, 1.6*SMIC_rg=2564.992: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 30779.88) = 3012.32, /12 = 251.03; cost = G + EC − RG + TS/12 = 3729.04 (OpenFisca 3729.03)
    //   net: vieillesse_plafonnee 0.069×2564.99=176.98; vieillesse_deplafonnee 0.004×2564.99=10.26;
    //     agirc_arrco_t1 0.0315×2564.99=80.80; ceg_t1 0.0086×2564.99=22.06; csg 0.092×2520.10=231.85;
    //     crds 0.005×2520.10=12.60; → net 2030.44 (OpenFisca 2030.44)
    ["2022-04", "2564.99", "913.02", "0.00", "3012.32", "2030.44", "3729.0334", "2030.4402"],
    // 2022-04, 1.6 SMIC + 238.00: G = 2802.99 (SMIC 1603.12, PMSS 3428)
    //   thresholds: threshold 4007.8000; threshold 5610.9200
    //   EC = maladie 0.07×2802.99=196.21; famille 0.0345×2802.99=96.70;
    //     vieillesse_plafonnee 0.0855×2802.99=239.66; vieillesse_deplafonnee 0.019×2802.99=53.26;
    //     csa 0.003×2802.99=8.41; atmp 0.0222×2802.99=62.23; fnal 0.005×2802.99=14.01;
    //     chomage 0.0405×2802.99=113.52; ags 0.0015×2802.99=4.20; agirc_arrco_t1 0.0472×2802.99=132.30;
    //     ceg_t1 0.0129×2802.99=36.16; formation 0.01×2802.99=28.03; dialogue_social 0.00016×2802.99=0.45;
    //     peec 0.0045×2802.99=12.61; → EC 997.75
    //   RG formula 1: T=0.3235, SMIC_rg=1603.12, 1.6*SMIC_rg=2564.992: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 33635.88) = 3400.74, /12 = 283.40; cost = G + EC − RG + TS/12 = 4084.14 (OpenFisca 4084.14)
    //   net: vieillesse_plafonnee 0.069×2802.99=193.41; vieillesse_deplafonnee 0.004×2802.99=11.21;
    //     agirc_arrco_t1 0.0315×2802.99=88.29; ceg_t1 0.0086×2802.99=24.11; csg 0.092×2753.94=253.36;
    //     crds 0.005×2753.94=13.77; → net 2218.84 (OpenFisca 2218.84)
    ["2022-04", "2802.99", "997.75", "0.00", "3400.74", "2218.84", "4084.1429", "2218.8379"],
    // 2022-04, 2.0 SMIC + 0.00: G = 3206.24 (SMIC 1603.12, PMSS 3428)
    //   thresholds: threshold 4007.8000; threshold 5610.9200
    //   EC = maladie 0.07×3206.24=224.44; famille 0.0345×3206.24=110.62;
    //     vieillesse_plafonnee 0.0855×3206.24=274.13; vieillesse_deplafonnee 0.019×3206.24=60.92;
    //     csa 0.003×3206.24=9.62; atmp 0.0222×3206.24=71.18; fnal 0.005×3206.24=16.03;
    //     chomage 0.0405×3206.24=129.85; ags 0.0015×3206.24=4.81; agirc_arrco_t1 0.0472×3206.24=151.33;
    //     ceg_t1 0.0129×3206.24=41.36; formation 0.01×3206.24=32.06; dialogue_social 0.00016×3206.24=0.51;
    //     peec 0.0045×3206.24=14.43; → EC 1141.29
    //   RG formula 1: T=0.3235, SMIC_rg=1603.12, 1.6*SMIC_rg=2564.992: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 38474.88) = 4058.84, /12 = 338.24; cost = G + EC − RG + TS/12 = 4685.77 (OpenFisca 4685.76)
    //   net: vieillesse_plafonnee 0.069×3206.24=221.23; vieillesse_deplafonnee 0.004×3206.24=12.82;
    //     agirc_arrco_t1 0.0315×3206.24=101.00; ceg_t1 0.0086×3206.24=27.57; csg 0.092×3150.13=289.81;
    //     crds 0.005×3150.13=15.75; → net 2538.06 (OpenFisca 2538.06)
    ["2022-04", "3206.24", "1141.29", "0.00", "4058.84", "2538.06", "4685.7640", "2538.0574"],
    // 2022-04, 2.0 SMIC + 238.00: G = 3444.24 (SMIC 1603.12, PMSS 3428)
    //   thresholds: threshold 4007.8000; threshold 5610.9200
    //   EC = maladie 0.07×3444.24=241.10; famille 0.0345×3444.24=118.83;
    //     vieillesse_plafonnee 0.0855×3428.00=293.09; vieillesse_deplafonnee 0.019×3444.24=65.44;
    //     csa 0.003×3444.24=10.33; atmp 0.0222×3444.24=76.46; fnal 0.005×3444.24=17.22;
    //     chomage 0.0405×3444.24=139.49; ags 0.0015×3444.24=5.17; agirc_arrco_t1 0.0472×3428.00=161.80;
    //     agirc_arrco_t2 0.1295×16.24=2.10; ceg_t1 0.0129×3428.00=44.22; ceg_t2 0.0162×16.24=0.26;
    //     cet 0.0021×3444.24=7.23; formation 0.01×3444.24=34.44; dialogue_social 0.00016×3444.24=0.55;
    //     peec 0.0045×3444.24=15.50; → EC 1233.23
    //   RG formula 1: T=0.3235, SMIC_rg=1603.12, 1.6*SMIC_rg=2564.992: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 41330.88) = 4447.26, /12 = 370.61; cost = G + EC − RG + TS/12 = 5048.08 (OpenFisca 5048.06)
    //   net: vieillesse_plafonnee 0.069×3428.00=236.53; vieillesse_deplafonnee 0.004×3444.24=13.78;
    //     agirc_arrco_t1 0.0315×3428.00=107.98; agirc_arrco_t2 0.0864×16.24=1.40; ceg_t1 0.0086×3428.00=29.48;
    //     ceg_t2 0.0108×16.24=0.18; cet 0.0014×3444.24=4.82; csg 0.092×3383.97=311.32;
    //     crds 0.005×3383.97=16.92; → net 2721.83 (OpenFisca 2721.83)
    ["2022-04", "3444.24", "1233.23", "0.00", "4447.26", "2721.83", "5048.0639", "2721.8250"],
    // 2022-04, 2.5 SMIC + 0.00: G = 4007.80 (SMIC 1603.12, PMSS 3428)
    //   thresholds: threshold 4007.8000; threshold 5610.9200
    //   EC = maladie 0.07×4007.80=280.55; famille 0.0345×4007.80=138.27;
    //     vieillesse_plafonnee 0.0855×3428.00=293.09; vieillesse_deplafonnee 0.019×4007.80=76.15;
    //     csa 0.003×4007.80=12.02; atmp 0.0222×4007.80=88.97; fnal 0.005×4007.80=20.04;
    //     chomage 0.0405×4007.80=162.32; ags 0.0015×4007.80=6.01; agirc_arrco_t1 0.0472×3428.00=161.80;
    //     agirc_arrco_t2 0.1295×579.80=75.08; ceg_t1 0.0129×3428.00=44.22; ceg_t2 0.0162×579.80=9.39;
    //     cet 0.0021×4007.80=8.42; formation 0.01×4007.80=40.08; dialogue_social 0.00016×4007.80=0.64;
    //     peec 0.0045×4007.80=18.04; → EC 1435.09
    //   RG formula 1: T=0.3235, SMIC_rg=1603.12, 1.6*SMIC_rg=2564.992: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 48093.60) = 5366.99, /12 = 447.25; cost = G + EC − RG + TS/12 = 5890.14 (OpenFisca 5890.12)
    //   net: vieillesse_plafonnee 0.069×3428.00=236.53; vieillesse_deplafonnee 0.004×4007.80=16.03;
    //     agirc_arrco_t1 0.0315×3428.00=107.98; agirc_arrco_t2 0.0864×579.80=50.09;
    //     ceg_t1 0.0086×3428.00=29.48; ceg_t2 0.0108×579.80=6.26; cet 0.0014×4007.80=5.61;
    //     csg 0.092×3937.66=362.27; crds 0.005×3937.66=19.69; → net 3173.86 (OpenFisca 3173.87)
    ["2022-04", "4007.80", "1435.09", "0.00", "5366.99", "3173.86", "5890.1226", "3173.8669"],
    // 2022-04, 2.5 SMIC + 238.00: G = 4245.80 (SMIC 1603.12, PMSS 3428)
    //   thresholds: threshold 4007.8000; threshold 5610.9200
    //   EC = maladie 0.13×4245.80=551.95; famille 0.0345×4245.80=146.48;
    //     vieillesse_plafonnee 0.0855×3428.00=293.09; vieillesse_deplafonnee 0.019×4245.80=80.67;
    //     csa 0.003×4245.80=12.74; atmp 0.0222×4245.80=94.26; fnal 0.005×4245.80=21.23;
    //     chomage 0.0405×4245.80=171.95; ags 0.0015×4245.80=6.37; agirc_arrco_t1 0.0472×3428.00=161.80;
    //     agirc_arrco_t2 0.1295×817.80=105.91; ceg_t1 0.0129×3428.00=44.22; ceg_t2 0.0162×817.80=13.25;
    //     cet 0.0021×4245.80=8.92; formation 0.01×4245.80=42.46; dialogue_social 0.00016×4245.80=0.68;
    //     peec 0.0045×4245.80=19.11; → EC 1775.09
    //   RG formula 1: T=0.3235, SMIC_rg=1603.12, 1.6*SMIC_rg=2564.992: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 50949.60) = 5755.41, /12 = 479.62; cost = G + EC − RG + TS/12 = 6500.51 (OpenFisca 6500.50)
    //   net: vieillesse_plafonnee 0.069×3428.00=236.53; vieillesse_deplafonnee 0.004×4245.80=16.98;
    //     agirc_arrco_t1 0.0315×3428.00=107.98; agirc_arrco_t2 0.0864×817.80=70.66;
    //     ceg_t1 0.0086×3428.00=29.48; ceg_t2 0.0108×817.80=8.83; cet 0.0014×4245.80=5.94;
    //     csg 0.092×4171.50=383.78; crds 0.005×4171.50=20.86; → net 3364.76 (OpenFisca 3364.76)
    ["2022-04", "4245.80", "1775.09", "0.00", "5755.41", "3364.76", "6500.5004", "3364.7644"],
    // 2022-04, 3.0 SMIC + 0.00: G = 4809.36 (SMIC 1603.12, PMSS 3428)
    //   thresholds: threshold 4007.8000; threshold 5610.9200
    //   EC = maladie 0.13×4809.36=625.22; famille 0.0345×4809.36=165.92;
    //     vieillesse_plafonnee 0.0855×3428.00=293.09; vieillesse_deplafonnee 0.019×4809.36=91.38;
    //     csa 0.003×4809.36=14.43; atmp 0.0222×4809.36=106.77; fnal 0.005×4809.36=24.05;
    //     chomage 0.0405×4809.36=194.78; ags 0.0015×4809.36=7.21; agirc_arrco_t1 0.0472×3428.00=161.80;
    //     agirc_arrco_t2 0.1295×1381.36=178.89; ceg_t1 0.0129×3428.00=44.22; ceg_t2 0.0162×1381.36=22.38;
    //     cet 0.0021×4809.36=10.10; formation 0.01×4809.36=48.09; dialogue_social 0.00016×4809.36=0.77;
    //     peec 0.0045×4809.36=21.64; → EC 2010.74
    //   RG formula 1: T=0.3235, SMIC_rg=1603.12, 1.6*SMIC_rg=2564.992: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 57712.32) = 6675.14, /12 = 556.26; cost = G + EC − RG + TS/12 = 7376.36 (OpenFisca 7376.36)
    //   net: vieillesse_plafonnee 0.069×3428.00=236.53; vieillesse_deplafonnee 0.004×4809.36=19.24;
    //     agirc_arrco_t1 0.0315×3428.00=107.98; agirc_arrco_t2 0.0864×1381.36=119.35;
    //     ceg_t1 0.0086×3428.00=29.48; ceg_t2 0.0108×1381.36=14.92; cet 0.0014×4809.36=6.73;
    //     csg 0.092×4725.20=434.72; crds 0.005×4725.20=23.63; → net 3816.78 (OpenFisca 3816.79)
    ["2022-04", "4809.36", "2010.74", "0.00", "6675.14", "3816.78", "7376.3632", "3816.7856"],
    // 2022-04, 3.0 SMIC + 238.00: G = 5047.36 (SMIC 1603.12, PMSS 3428)
    //   thresholds: threshold 4007.8000; threshold 5610.9200
    //   EC = maladie 0.13×5047.36=656.16; famille 0.0345×5047.36=174.13;
    //     vieillesse_plafonnee 0.0855×3428.00=293.09; vieillesse_deplafonnee 0.019×5047.36=95.90;
    //     csa 0.003×5047.36=15.14; atmp 0.0222×5047.36=112.05; fnal 0.005×5047.36=25.24;
    //     chomage 0.0405×5047.36=204.42; ags 0.0015×5047.36=7.57; agirc_arrco_t1 0.0472×3428.00=161.80;
    //     agirc_arrco_t2 0.1295×1619.36=209.71; ceg_t1 0.0129×3428.00=44.22; ceg_t2 0.0162×1619.36=26.23;
    //     cet 0.0021×5047.36=10.60; formation 0.01×5047.36=50.47; dialogue_social 0.00016×5047.36=0.81;
    //     peec 0.0045×5047.36=22.71; → EC 2110.25
    //   RG formula 1: T=0.3235, SMIC_rg=1603.12, 1.6*SMIC_rg=2564.992: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 60568.32) = 7063.55, /12 = 588.63; cost = G + EC − RG + TS/12 = 7746.24 (OpenFisca 7746.24)
    //   net: vieillesse_plafonnee 0.069×3428.00=236.53; vieillesse_deplafonnee 0.004×5047.36=20.19;
    //     agirc_arrco_t1 0.0315×3428.00=107.98; agirc_arrco_t2 0.0864×1619.36=139.91;
    //     ceg_t1 0.0086×3428.00=29.48; ceg_t2 0.0108×1619.36=17.49; cet 0.0014×5047.36=7.07;
    //     csg 0.092×4959.03=456.23; crds 0.005×4959.03=24.80; → net 4007.68 (OpenFisca 4007.68)
    ["2022-04", "5047.36", "2110.25", "0.00", "7063.55", "4007.68", "7746.2423", "4007.6846"],
    // 2024-06, 1.0 SMIC + 0.00: G = 1766.92 (SMIC 1766.92, PMSS 3864)
    //   thresholds: threshold 4368.0000; threshold 6115.2000
    //   EC = maladie 0.07×1766.92=123.68; famille 0.0345×1766.92=60.96;
    //     vieillesse_plafonnee 0.0855×1766.92=151.07; vieillesse_deplafonnee 0.0202×1766.92=35.69;
    //     csa 0.003×1766.92=5.30; atmp 0.0222×1766.92=39.23; fnal 0.005×1766.92=8.83;
    //     chomage 0.0405×1766.92=71.56; ags 0.002×1766.92=3.53; agirc_arrco_t1 0.0472×1766.92=83.40;
    //     ceg_t1 0.0129×1766.92=22.79; formation 0.01×1766.92=17.67; dialogue_social 0.00016×1766.92=0.28;
    //     peec 0.0045×1766.92=7.95; → EC 631.94
    //   RG formula 1: T=0.3234, SMIC_rg=1766.92, 1.6*SMIC_rg=2827.072: C = 0.3234, RG = round2(C × G) = 571.42
    //   TS(12 G = 21203.04) = 1587.01, /12 = 132.25; cost = G + EC − RG + TS/12 = 1959.69 (OpenFisca 1959.68)
    //   net: vieillesse_plafonnee 0.069×1766.92=121.92; vieillesse_deplafonnee 0.004×1766.92=7.07;
    //     agirc_arrco_t1 0.0315×1766.92=55.66; ceg_t1 0.0086×1766.92=15.20; csg 0.092×1736.00=159.71;
    //     crds 0.005×1736.00=8.68; → net 1398.68 (OpenFisca 1398.68)
    ["2024-06", "1766.92", "631.94", "571.42", "1587.01", "1398.68", "1959.6831", "1398.6780"],
    // 2024-06, 1.0 SMIC + 238.00: G = 2004.92 (SMIC 1766.92, PMSS 3864)
    //   thresholds: threshold 4368.0000; threshold 6115.2000
    //   EC = maladie 0.07×2004.92=140.34; famille 0.0345×2004.92=69.17;
    //     vieillesse_plafonnee 0.0855×2004.92=171.42; vieillesse_deplafonnee 0.0202×2004.92=40.50;
    //     csa 0.003×2004.92=6.01; atmp 0.0222×2004.92=44.51; fnal 0.005×2004.92=10.02;
    //     chomage 0.0405×2004.92=81.20; ags 0.002×2004.92=4.01; agirc_arrco_t1 0.0472×2004.92=94.63;
    //     ceg_t1 0.0129×2004.92=25.86; formation 0.01×2004.92=20.05; dialogue_social 0.00016×2004.92=0.32;
    //     peec 0.0045×2004.92=9.02; → EC 717.06
    //   RG formula 1: T=0.3234, SMIC_rg=1766.92, 1.6*SMIC_rg=2827.072: C = 0.2210, RG = round2(C × G) = 443.09
    //   TS(12 G = 24059.04) = 1975.43, /12 = 164.62; cost = G + EC − RG + TS/12 = 2443.51 (OpenFisca 2443.52)
    //   net: vieillesse_plafonnee 0.069×2004.92=138.34; vieillesse_deplafonnee 0.004×2004.92=8.02;
    //     agirc_arrco_t1 0.0315×2004.92=63.15; ceg_t1 0.0086×2004.92=17.24; csg 0.092×1969.83=181.22;
    //     crds 0.005×1969.83=9.85; → net 1587.10 (OpenFisca 1587.10)
    ["2024-06", "2004.92", "717.06", "443.09", "1975.43", "1587.10", "2443.5174", "1587.0966"],
    // 2024-06, 1.3 SMIC + 0.00: G = 2297.00 (SMIC 1766.92, PMSS 3864)
    //   thresholds: threshold 4368.0000; threshold 6115.2000
    //   EC = maladie 0.07×2297.00=160.79; famille 0.0345×2297.00=79.25;
    //     vieillesse_plafonnee 0.0855×2297.00=196.39; vieillesse_deplafonnee 0.0202×2297.00=46.40;
    //     csa 0.003×2297.00=6.89; atmp 0.0222×2297.00=50.99; fnal 0.005×2297.00=11.49;
    //     chomage 0.0405×2297.00=93.03; ags 0.002×2297.00=4.59; agirc_arrco_t1 0.0472×2297.00=108.42;
    //     ceg_t1 0.0129×2297.00=29.63; formation 0.01×2297.00=22.97; dialogue_social 0.00016×2297.00=0.37;
    //     peec 0.0045×2297.00=10.34; → EC 821.55
    //   RG formula 1: T=0.3234, SMIC_rg=1766.92, 1.6*SMIC_rg=2827.072: C = 0.1244, RG = round2(C × G) = 285.75
    //   TS(12 G = 27564.00) = 2452.11, /12 = 204.34; cost = G + EC − RG + TS/12 = 3037.14 (OpenFisca 3037.13)
    //   net: vieillesse_plafonnee 0.069×2297.00=158.49; vieillesse_deplafonnee 0.004×2297.00=9.19;
    //     agirc_arrco_t1 0.0315×2297.00=72.36; ceg_t1 0.0086×2297.00=19.75; csg 0.092×2256.80=207.63;
    //     crds 0.005×2256.80=11.28; → net 1818.30 (OpenFisca 1818.30)
    ["2024-06", "2297.00", "821.55", "285.75", "2452.11", "1818.30", "3037.1306", "1818.3003"],
    // 2024-06, 1.3 SMIC + 238.00: G = 2535.00 (SMIC 1766.92, PMSS 3864)
    //   thresholds: threshold 4368.0000; threshold 6115.2000
    //   EC = maladie 0.07×2535.00=177.45; famille 0.0345×2535.00=87.46;
    //     vieillesse_plafonnee 0.0855×2535.00=216.74; vieillesse_deplafonnee 0.0202×2535.00=51.21;
    //     csa 0.003×2535.00=7.61; atmp 0.0222×2535.00=56.28; fnal 0.005×2535.00=12.68;
    //     chomage 0.0405×2535.00=102.67; ags 0.002×2535.00=5.07; agirc_arrco_t1 0.0472×2535.00=119.65;
    //     ceg_t1 0.0129×2535.00=32.70; formation 0.01×2535.00=25.35; dialogue_social 0.00016×2535.00=0.41;
    //     peec 0.0045×2535.00=11.41; → EC 906.69
    //   RG formula 1: T=0.3234, SMIC_rg=1766.92, 1.6*SMIC_rg=2827.072: C = 0.0621, RG = round2(C × G) = 157.42
    //   TS(12 G = 30420.00) = 2840.52, /12 = 236.71; cost = G + EC − RG + TS/12 = 3520.98 (OpenFisca 3520.96)
    //   net: vieillesse_plafonnee 0.069×2535.00=174.92; vieillesse_deplafonnee 0.004×2535.00=10.14;
    //     agirc_arrco_t1 0.0315×2535.00=79.85; ceg_t1 0.0086×2535.00=21.80; csg 0.092×2490.64=229.14;
    //     crds 0.005×2490.64=12.45; → net 2006.70 (OpenFisca 2006.70)
    ["2024-06", "2535.00", "906.69", "157.42", "2840.52", "2006.70", "3520.9633", "2006.6980"],
    // 2024-06, 1.6 SMIC + 0.00: G = 2827.07 (SMIC 1766.92, PMSS 3864)
    //   thresholds: threshold 4368.0000; threshold 6115.2000
    //   EC = maladie 0.07×2827.07=197.89; famille 0.0345×2827.07=97.53;
    //     vieillesse_plafonnee 0.0855×2827.07=241.71; vieillesse_deplafonnee 0.0202×2827.07=57.11;
    //     csa 0.003×2827.07=8.48; atmp 0.0222×2827.07=62.76; fnal 0.005×2827.07=14.14;
    //     chomage 0.0405×2827.07=114.50; ags 0.002×2827.07=5.65; agirc_arrco_t1 0.0472×2827.07=133.44;
    //     ceg_t1 0.0129×2827.07=36.47; formation 0.01×2827.07=28.27; dialogue_social 0.00016×2827.07=0.45;
    //     peec 0.0045×2827.07=12.72; → EC 1011.12
    //   RG formula 1: T=0.3234, SMIC_rg=1766.92, 1.6*SMIC_rg=2827.072: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 33924.84) = 3317.18, /12 = 276.43; cost = G + EC − RG + TS/12 = 4114.62 (OpenFisca 4114.63)
    //   net: vieillesse_plafonnee 0.069×2827.07=195.07; vieillesse_deplafonnee 0.004×2827.07=11.31;
    //     agirc_arrco_t1 0.0315×2827.07=89.05; ceg_t1 0.0086×2827.07=24.31; csg 0.092×2777.60=255.54;
    //     crds 0.005×2777.60=13.89; → net 2237.90 (OpenFisca 2237.90)
    ["2024-06", "2827.07", "1011.12", "0.00", "3317.18", "2237.90", "4114.6301", "2237.9031"],
    // 2024-06, 1.6 SMIC + 238.00: G = 3065.07 (SMIC 1766.92, PMSS 3864)
    //   thresholds: threshold 4368.0000; threshold 6115.2000
    //   EC = maladie 0.07×3065.07=214.55; famille 0.0345×3065.07=105.74;
    //     vieillesse_plafonnee 0.0855×3065.07=262.06; vieillesse_deplafonnee 0.0202×3065.07=61.91;
    //     csa 0.003×3065.07=9.20; atmp 0.0222×3065.07=68.04; fnal 0.005×3065.07=15.33;
    //     chomage 0.0405×3065.07=124.14; ags 0.002×3065.07=6.13; agirc_arrco_t1 0.0472×3065.07=144.67;
    //     ceg_t1 0.0129×3065.07=39.54; formation 0.01×3065.07=30.65; dialogue_social 0.00016×3065.07=0.49;
    //     peec 0.0045×3065.07=13.79; → EC 1096.24
    //   RG formula 1: T=0.3234, SMIC_rg=1766.92, 1.6*SMIC_rg=2827.072: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 36780.84) = 3705.60, /12 = 308.80; cost = G + EC − RG + TS/12 = 4470.11 (OpenFisca 4470.13)
    //   net: vieillesse_plafonnee 0.069×3065.07=211.49; vieillesse_deplafonnee 0.004×3065.07=12.26;
    //     agirc_arrco_t1 0.0315×3065.07=96.55; ceg_t1 0.0086×3065.07=26.36; csg 0.092×3011.43=277.05;
    //     crds 0.005×3011.43=15.06; → net 2426.30 (OpenFisca 2426.30)
    ["2024-06", "3065.07", "1096.24", "0.00", "3705.60", "2426.30", "4470.1297", "2426.3013"],
    // 2024-06, 2.0 SMIC + 0.00: G = 3533.84 (SMIC 1766.92, PMSS 3864)
    //   thresholds: threshold 4368.0000; threshold 6115.2000
    //   EC = maladie 0.07×3533.84=247.37; famille 0.0345×3533.84=121.92;
    //     vieillesse_plafonnee 0.0855×3533.84=302.14; vieillesse_deplafonnee 0.0202×3533.84=71.38;
    //     csa 0.003×3533.84=10.60; atmp 0.0222×3533.84=78.45; fnal 0.005×3533.84=17.67;
    //     chomage 0.0405×3533.84=143.12; ags 0.002×3533.84=7.07; agirc_arrco_t1 0.0472×3533.84=166.80;
    //     ceg_t1 0.0129×3533.84=45.59; formation 0.01×3533.84=35.34; dialogue_social 0.00016×3533.84=0.57;
    //     peec 0.0045×3533.84=15.90; → EC 1263.92
    //   RG formula 1: T=0.3234, SMIC_rg=1766.92, 1.6*SMIC_rg=2827.072: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 42406.08) = 4470.63, /12 = 372.55; cost = G + EC − RG + TS/12 = 5170.31 (OpenFisca 5170.31)
    //   net: vieillesse_plafonnee 0.069×3533.84=243.83; vieillesse_deplafonnee 0.004×3533.84=14.14;
    //     agirc_arrco_t1 0.0315×3533.84=111.32; ceg_t1 0.0086×3533.84=30.39; csg 0.092×3472.00=319.42;
    //     crds 0.005×3472.00=17.36; → net 2797.38 (OpenFisca 2797.38)
    ["2024-06", "3533.84", "1263.92", "0.00", "4470.63", "2797.38", "5170.3100", "2797.3760"],
    // 2024-06, 2.0 SMIC + 238.00: G = 3771.84 (SMIC 1766.92, PMSS 3864)
    //   thresholds: threshold 4368.0000; threshold 6115.2000
    //   EC = maladie 0.07×3771.84=264.03; famille 0.0345×3771.84=130.13;
    //     vieillesse_plafonnee 0.0855×3771.84=322.49; vieillesse_deplafonnee 0.0202×3771.84=76.19;
    //     csa 0.003×3771.84=11.32; atmp 0.0222×3771.84=83.73; fnal 0.005×3771.84=18.86;
    //     chomage 0.0405×3771.84=152.76; ags 0.002×3771.84=7.54; agirc_arrco_t1 0.0472×3771.84=178.03;
    //     ceg_t1 0.0129×3771.84=48.66; formation 0.01×3771.84=37.72; dialogue_social 0.00016×3771.84=0.60;
    //     peec 0.0045×3771.84=16.97; → EC 1349.03
    //   RG formula 1: T=0.3234, SMIC_rg=1766.92, 1.6*SMIC_rg=2827.072: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 45262.08) = 4859.04, /12 = 404.92; cost = G + EC − RG + TS/12 = 5525.79 (OpenFisca 5525.79)
    //   net: vieillesse_plafonnee 0.069×3771.84=260.26; vieillesse_deplafonnee 0.004×3771.84=15.09;
    //     agirc_arrco_t1 0.0315×3771.84=118.81; ceg_t1 0.0086×3771.84=32.44; csg 0.092×3705.83=340.94;
    //     crds 0.005×3705.83=18.53; → net 2985.77 (OpenFisca 2985.77)
    ["2024-06", "3771.84", "1349.03", "0.00", "4859.04", "2985.77", "5525.7899", "2985.7747"],
    // 2024-06, 2.5 SMIC + 0.00: G = 4417.30 (SMIC 1766.92, PMSS 3864)
    //   thresholds: threshold 4368.0000; threshold 6115.2000
    //   EC = maladie 0.13×4417.30=574.25; famille 0.0345×4417.30=152.40;
    //     vieillesse_plafonnee 0.0855×3864.00=330.37; vieillesse_deplafonnee 0.0202×4417.30=89.23;
    //     csa 0.003×4417.30=13.25; atmp 0.0222×4417.30=98.06; fnal 0.005×4417.30=22.09;
    //     chomage 0.0405×4417.30=178.90; ags 0.002×4417.30=8.83; agirc_arrco_t1 0.0472×3864.00=182.38;
    //     agirc_arrco_t2 0.1295×553.30=71.65; ceg_t1 0.0129×3864.00=49.85; ceg_t2 0.0162×553.30=8.96;
    //     cet 0.0021×4417.30=9.28; formation 0.01×4417.30=44.17; dialogue_social 0.00016×4417.30=0.71;
    //     peec 0.0045×4417.30=19.88; → EC 1854.26
    //   RG formula 1: T=0.3234, SMIC_rg=1766.92, 1.6*SMIC_rg=2827.072: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 53007.60) = 5912.44, /12 = 492.70; cost = G + EC − RG + TS/12 = 6764.26 (OpenFisca 6764.28)
    //   net: vieillesse_plafonnee 0.069×3864.00=266.62; vieillesse_deplafonnee 0.004×4417.30=17.67;
    //     agirc_arrco_t1 0.0315×3864.00=121.72; agirc_arrco_t2 0.0864×553.30=47.81;
    //     ceg_t1 0.0086×3864.00=33.23; ceg_t2 0.0108×553.30=5.98; cet 0.0014×4417.30=6.18;
    //     csg 0.092×4340.00=399.28; crds 0.005×4340.00=21.70; → net 3497.11 (OpenFisca 3497.11)
    ["2024-06", "4417.30", "1854.26", "0.00", "5912.44", "3497.11", "6764.2757", "3497.1099"],
    // 2024-06, 2.5 SMIC + 238.00: G = 4655.30 (SMIC 1766.92, PMSS 3864)
    //   thresholds: threshold 4368.0000; threshold 6115.2000
    //   EC = maladie 0.13×4655.30=605.19; famille 0.0345×4655.30=160.61;
    //     vieillesse_plafonnee 0.0855×3864.00=330.37; vieillesse_deplafonnee 0.0202×4655.30=94.04;
    //     csa 0.003×4655.30=13.97; atmp 0.0222×4655.30=103.35; fnal 0.005×4655.30=23.28;
    //     chomage 0.0405×4655.30=188.54; ags 0.002×4655.30=9.31; agirc_arrco_t1 0.0472×3864.00=182.38;
    //     agirc_arrco_t2 0.1295×791.30=102.47; ceg_t1 0.0129×3864.00=49.85; ceg_t2 0.0162×791.30=12.82;
    //     cet 0.0021×4655.30=9.78; formation 0.01×4655.30=46.55; dialogue_social 0.00016×4655.30=0.74;
    //     peec 0.0045×4655.30=20.95; → EC 1954.20
    //   RG formula 1: T=0.3234, SMIC_rg=1766.92, 1.6*SMIC_rg=2827.072: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 55863.60) = 6300.85, /12 = 525.07; cost = G + EC − RG + TS/12 = 7134.57 (OpenFisca 7134.57)
    //   net: vieillesse_plafonnee 0.069×3864.00=266.62; vieillesse_deplafonnee 0.004×4655.30=18.62;
    //     agirc_arrco_t1 0.0315×3864.00=121.72; agirc_arrco_t2 0.0864×791.30=68.37;
    //     ceg_t1 0.0086×3864.00=33.23; ceg_t2 0.0108×791.30=8.55; cet 0.0014×4655.30=6.52;
    //     csg 0.092×4573.83=420.79; crds 0.005×4573.83=22.87; → net 3688.01 (OpenFisca 3688.01)
    ["2024-06", "4655.30", "1954.20", "0.00", "6300.85", "3688.01", "7134.5653", "3688.0083"],
    // 2024-06, 3.0 SMIC + 0.00: G = 5300.76 (SMIC 1766.92, PMSS 3864)
    //   thresholds: threshold 4368.0000; threshold 6115.2000
    //   EC = maladie 0.13×5300.76=689.10; famille 0.0345×5300.76=182.88;
    //     vieillesse_plafonnee 0.0855×3864.00=330.37; vieillesse_deplafonnee 0.0202×5300.76=107.08;
    //     csa 0.003×5300.76=15.90; atmp 0.0222×5300.76=117.68; fnal 0.005×5300.76=26.50;
    //     chomage 0.0405×5300.76=214.68; ags 0.002×5300.76=10.60; agirc_arrco_t1 0.0472×3864.00=182.38;
    //     agirc_arrco_t2 0.1295×1436.76=186.06; ceg_t1 0.0129×3864.00=49.85; ceg_t2 0.0162×1436.76=23.28;
    //     cet 0.0021×5300.76=11.13; formation 0.01×5300.76=53.01; dialogue_social 0.00016×5300.76=0.85;
    //     peec 0.0045×5300.76=23.85; → EC 2225.20
    //   RG formula 1: T=0.3234, SMIC_rg=1766.92, 1.6*SMIC_rg=2827.072: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 63609.12) = 7354.24, /12 = 612.85; cost = G + EC − RG + TS/12 = 8138.81 (OpenFisca 8138.80)
    //   net: vieillesse_plafonnee 0.069×3864.00=266.62; vieillesse_deplafonnee 0.004×5300.76=21.20;
    //     agirc_arrco_t1 0.0315×3864.00=121.72; agirc_arrco_t2 0.0864×1436.76=124.14;
    //     ceg_t1 0.0086×3864.00=33.23; ceg_t2 0.0108×1436.76=15.52; cet 0.0014×5300.76=7.42;
    //     csg 0.092×5208.00=479.14; crds 0.005×5208.00=26.04; → net 4205.73 (OpenFisca 4205.73)
    ["2024-06", "5300.76", "2225.20", "0.00", "7354.24", "4205.73", "8138.8006", "4205.7334"],
    // 2024-06, 3.0 SMIC + 238.00: G = 5538.76 (SMIC 1766.92, PMSS 3864)
    //   thresholds: threshold 4368.0000; threshold 6115.2000
    //   EC = maladie 0.13×5538.76=720.04; famille 0.0345×5538.76=191.09;
    //     vieillesse_plafonnee 0.0855×3864.00=330.37; vieillesse_deplafonnee 0.0202×5538.76=111.88;
    //     csa 0.003×5538.76=16.62; atmp 0.0222×5538.76=122.96; fnal 0.005×5538.76=27.69;
    //     chomage 0.0405×5538.76=224.32; ags 0.002×5538.76=11.08; agirc_arrco_t1 0.0472×3864.00=182.38;
    //     agirc_arrco_t2 0.1295×1674.76=216.88; ceg_t1 0.0129×3864.00=49.85; ceg_t2 0.0162×1674.76=27.13;
    //     cet 0.0021×5538.76=11.63; formation 0.01×5538.76=55.39; dialogue_social 0.00016×5538.76=0.89;
    //     peec 0.0045×5538.76=24.92; → EC 2325.12
    //   RG formula 1: T=0.3234, SMIC_rg=1766.92, 1.6*SMIC_rg=2827.072: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 66465.12) = 7742.66, /12 = 645.22; cost = G + EC − RG + TS/12 = 8509.10 (OpenFisca 8509.09)
    //   net: vieillesse_plafonnee 0.069×3864.00=266.62; vieillesse_deplafonnee 0.004×5538.76=22.16;
    //     agirc_arrco_t1 0.0315×3864.00=121.72; agirc_arrco_t2 0.0864×1674.76=144.70;
    //     ceg_t1 0.0086×3864.00=33.23; ceg_t2 0.0108×1674.76=18.09; cet 0.0014×5538.76=7.75;
    //     csg 0.092×5441.83=500.65; crds 0.005×5441.83=27.21; → net 4396.63 (OpenFisca 4396.63)
    ["2024-06", "5538.76", "2325.12", "0.00", "7742.66", "4396.63", "8509.0902", "4396.6323"],
    // 2025-06, 1.0 SMIC + 0.00: G = 1801.80 (SMIC 1801.80, PMSS 3925)
    //   thresholds: threshold 4054.0500; threshold 5945.9400
    //   EC = maladie 0.07×1801.80=126.13; famille 0.0345×1801.80=62.16;
    //     vieillesse_plafonnee 0.0855×1801.80=154.05; vieillesse_deplafonnee 0.0202×1801.80=36.40;
    //     csa 0.003×1801.80=5.41; atmp 0.0222×1801.80=40.00; fnal 0.005×1801.80=9.01;
    //     chomage 0.04×1801.80=72.07; ags 0.002×1801.80=3.60; agirc_arrco_t1 0.0472×1801.80=85.04;
    //     ceg_t1 0.0129×1801.80=23.24; formation 0.01×1801.80=18.02; dialogue_social 0.00016×1801.80=0.29;
    //     peec 0.0045×1801.80=8.11; → EC 643.53
    //   RG formula 1: T=0.3233, SMIC_rg=1801.80, 1.6*SMIC_rg=2882.880: C = 0.3233, RG = round2(C × G) = 582.52
    //   TS(12 G = 21621.60) = 1620.58, /12 = 135.05; cost = G + EC − RG + TS/12 = 1997.86 (OpenFisca 1997.85)
    //   net: vieillesse_plafonnee 0.069×1801.80=124.32; vieillesse_deplafonnee 0.004×1801.80=7.21;
    //     agirc_arrco_t1 0.0315×1801.80=56.76; ceg_t1 0.0086×1801.80=15.50; csg 0.092×1770.27=162.86;
    //     crds 0.005×1770.27=8.85; → net 1426.30 (OpenFisca 1426.29)
    ["2025-06", "1801.80", "643.53", "582.52", "1620.58", "1426.30", "1997.8456", "1426.2938"],
    // 2025-06, 1.0 SMIC + 238.00: G = 2039.80 (SMIC 1801.80, PMSS 3925)
    //   thresholds: threshold 4054.0500; threshold 5945.9400
    //   EC = maladie 0.07×2039.80=142.79; famille 0.0345×2039.80=70.37;
    //     vieillesse_plafonnee 0.0855×2039.80=174.40; vieillesse_deplafonnee 0.0202×2039.80=41.20;
    //     csa 0.003×2039.80=6.12; atmp 0.0222×2039.80=45.28; fnal 0.005×2039.80=10.20;
    //     chomage 0.04×2039.80=81.59; ags 0.002×2039.80=4.08; agirc_arrco_t1 0.0472×2039.80=96.28;
    //     ceg_t1 0.0129×2039.80=26.31; formation 0.01×2039.80=20.40; dialogue_social 0.00016×2039.80=0.33;
    //     peec 0.0045×2039.80=9.18; → EC 728.53
    //   RG formula 1: T=0.3233, SMIC_rg=1801.80, 1.6*SMIC_rg=2882.880: C = 0.2227, RG = round2(C × G) = 454.26
    //   TS(12 G = 24477.60) = 2009.00, /12 = 167.42; cost = G + EC − RG + TS/12 = 2481.49 (OpenFisca 2481.47)
    //   net: vieillesse_plafonnee 0.069×2039.80=140.75; vieillesse_deplafonnee 0.004×2039.80=8.16;
    //     agirc_arrco_t1 0.0315×2039.80=64.25; ceg_t1 0.0086×2039.80=17.54; csg 0.092×2004.10=184.38;
    //     crds 0.005×2004.10=10.02; → net 1614.70 (OpenFisca 1614.70)
    ["2025-06", "2039.80", "728.53", "454.26", "2009.00", "1614.70", "2481.4738", "1614.7024"],
    // 2025-06, 1.3 SMIC + 0.00: G = 2342.34 (SMIC 1801.80, PMSS 3925)
    //   thresholds: threshold 4054.0500; threshold 5945.9400
    //   EC = maladie 0.07×2342.34=163.96; famille 0.0345×2342.34=80.81;
    //     vieillesse_plafonnee 0.0855×2342.34=200.27; vieillesse_deplafonnee 0.0202×2342.34=47.32;
    //     csa 0.003×2342.34=7.03; atmp 0.0222×2342.34=52.00; fnal 0.005×2342.34=11.71;
    //     chomage 0.04×2342.34=93.69; ags 0.002×2342.34=4.68; agirc_arrco_t1 0.0472×2342.34=110.56;
    //     ceg_t1 0.0129×2342.34=30.22; formation 0.01×2342.34=23.42; dialogue_social 0.00016×2342.34=0.37;
    //     peec 0.0045×2342.34=10.54; → EC 836.58
    //   RG formula 1: T=0.3233, SMIC_rg=1801.80, 1.6*SMIC_rg=2882.880: C = 0.1243, RG = round2(C × G) = 291.15
    //   TS(12 G = 28108.08) = 2502.74, /12 = 208.56; cost = G + EC − RG + TS/12 = 3096.33 (OpenFisca 3096.09)
    //   net: vieillesse_plafonnee 0.069×2342.34=161.62; vieillesse_deplafonnee 0.004×2342.34=9.37;
    //     agirc_arrco_t1 0.0315×2342.34=73.78; ceg_t1 0.0086×2342.34=20.14; csg 0.092×2301.35=211.72;
    //     crds 0.005×2301.35=11.51; → net 1854.20 (OpenFisca 1854.20)
    ["2025-06", "2342.34", "836.58", "291.15", "2502.74", "1854.20", "3096.0937", "1854.1992"],
    // 2025-06, 1.3 SMIC + 238.00: G = 2580.34 (SMIC 1801.80, PMSS 3925)
    //   thresholds: threshold 4054.0500; threshold 5945.9400
    //   EC = maladie 0.07×2580.34=180.62; famille 0.0345×2580.34=89.02;
    //     vieillesse_plafonnee 0.0855×2580.34=220.62; vieillesse_deplafonnee 0.0202×2580.34=52.12;
    //     csa 0.003×2580.34=7.74; atmp 0.0222×2580.34=57.28; fnal 0.005×2580.34=12.90;
    //     chomage 0.04×2580.34=103.21; ags 0.002×2580.34=5.16; agirc_arrco_t1 0.0472×2580.34=121.79;
    //     ceg_t1 0.0129×2580.34=33.29; formation 0.01×2580.34=25.80; dialogue_social 0.00016×2580.34=0.41;
    //     peec 0.0045×2580.34=11.61; → EC 921.57
    //   RG formula 1: T=0.3233, SMIC_rg=1801.80, 1.6*SMIC_rg=2882.880: C = 0.0632, RG = round2(C × G) = 163.08
    //   TS(12 G = 30964.08) = 2891.16, /12 = 240.93; cost = G + EC − RG + TS/12 = 3579.76 (OpenFisca 3579.76)
    //   net: vieillesse_plafonnee 0.069×2580.34=178.04; vieillesse_deplafonnee 0.004×2580.34=10.32;
    //     agirc_arrco_t1 0.0315×2580.34=81.28; ceg_t1 0.0086×2580.34=22.19; csg 0.092×2535.18=233.24;
    //     crds 0.005×2535.18=12.68; → net 2042.59 (OpenFisca 2042.60)
    ["2025-06", "2580.34", "921.57", "163.08", "2891.16", "2042.59", "3579.7630", "2042.5975"],
    // 2025-06, 1.6 SMIC + 0.00: G = 2882.88 (SMIC 1801.80, PMSS 3925)
    //   thresholds: threshold 4054.0500; threshold 5945.9400
    //   EC = maladie 0.07×2882.88=201.80; famille 0.0345×2882.88=99.46;
    //     vieillesse_plafonnee 0.0855×2882.88=246.49; vieillesse_deplafonnee 0.0202×2882.88=58.23;
    //     csa 0.003×2882.88=8.65; atmp 0.0222×2882.88=64.00; fnal 0.005×2882.88=14.41;
    //     chomage 0.04×2882.88=115.32; ags 0.002×2882.88=5.77; agirc_arrco_t1 0.0472×2882.88=136.07;
    //     ceg_t1 0.0129×2882.88=37.19; formation 0.01×2882.88=28.83; dialogue_social 0.00016×2882.88=0.46;
    //     peec 0.0045×2882.88=12.97; → EC 1029.65
    //   RG formula 1: T=0.3233, SMIC_rg=1801.80, 1.6*SMIC_rg=2882.880: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 34594.56) = 3384.90, /12 = 282.08; cost = G + EC − RG + TS/12 = 4194.61 (OpenFisca 4194.59)
    //   net: vieillesse_plafonnee 0.069×2882.88=198.92; vieillesse_deplafonnee 0.004×2882.88=11.53;
    //     agirc_arrco_t1 0.0315×2882.88=90.81; ceg_t1 0.0086×2882.88=24.79; csg 0.092×2832.43=260.58;
    //     crds 0.005×2832.43=14.16; → net 2282.09 (OpenFisca 2282.08)
    ["2025-06", "2882.88", "1029.65", "0.00", "3384.90", "2282.09", "4194.5942", "2282.0842"],
    // 2025-06, 1.6 SMIC + 238.00: G = 3120.88 (SMIC 1801.80, PMSS 3925)
    //   thresholds: threshold 4054.0500; threshold 5945.9400
    //   EC = maladie 0.07×3120.88=218.46; famille 0.0345×3120.88=107.67;
    //     vieillesse_plafonnee 0.0855×3120.88=266.84; vieillesse_deplafonnee 0.0202×3120.88=63.04;
    //     csa 0.003×3120.88=9.36; atmp 0.0222×3120.88=69.28; fnal 0.005×3120.88=15.60;
    //     chomage 0.04×3120.88=124.84; ags 0.002×3120.88=6.24; agirc_arrco_t1 0.0472×3120.88=147.31;
    //     ceg_t1 0.0129×3120.88=40.26; formation 0.01×3120.88=31.21; dialogue_social 0.00016×3120.88=0.50;
    //     peec 0.0045×3120.88=14.04; → EC 1114.65
    //   RG formula 1: T=0.3233, SMIC_rg=1801.80, 1.6*SMIC_rg=2882.880: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 37450.56) = 3773.32, /12 = 314.44; cost = G + EC − RG + TS/12 = 4549.97 (OpenFisca 4549.97)
    //   net: vieillesse_plafonnee 0.069×3120.88=215.34; vieillesse_deplafonnee 0.004×3120.88=12.48;
    //     agirc_arrco_t1 0.0315×3120.88=98.31; ceg_t1 0.0086×3120.88=26.84; csg 0.092×3066.26=282.10;
    //     crds 0.005×3066.26=15.33; → net 2470.48 (OpenFisca 2470.48)
    ["2025-06", "3120.88", "1114.65", "0.00", "3773.32", "2470.48", "4549.9736", "2470.4827"],
    // 2025-06, 2.0 SMIC + 0.00: G = 3603.60 (SMIC 1801.80, PMSS 3925)
    //   thresholds: threshold 4054.0500; threshold 5945.9400
    //   EC = maladie 0.07×3603.60=252.25; famille 0.0345×3603.60=124.32;
    //     vieillesse_plafonnee 0.0855×3603.60=308.11; vieillesse_deplafonnee 0.0202×3603.60=72.79;
    //     csa 0.003×3603.60=10.81; atmp 0.0222×3603.60=80.00; fnal 0.005×3603.60=18.02;
    //     chomage 0.04×3603.60=144.14; ags 0.002×3603.60=7.21; agirc_arrco_t1 0.0472×3603.60=170.09;
    //     ceg_t1 0.0129×3603.60=46.49; formation 0.01×3603.60=36.04; dialogue_social 0.00016×3603.60=0.58;
    //     peec 0.0045×3603.60=16.22; → EC 1287.07
    //   RG formula 1: T=0.3233, SMIC_rg=1801.80, 1.6*SMIC_rg=2882.880: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 43243.20) = 4561.12, /12 = 380.09; cost = G + EC − RG + TS/12 = 5270.76 (OpenFisca 5270.77)
    //   net: vieillesse_plafonnee 0.069×3603.60=248.65; vieillesse_deplafonnee 0.004×3603.60=14.41;
    //     agirc_arrco_t1 0.0315×3603.60=113.51; ceg_t1 0.0086×3603.60=30.99; csg 0.092×3540.54=325.73;
    //     crds 0.005×3540.54=17.70; → net 2852.61 (OpenFisca 2852.61)
    ["2025-06", "3603.60", "1287.07", "0.00", "4561.12", "2852.61", "5270.7650", "2852.6077"],
    // 2025-06, 2.0 SMIC + 238.00: G = 3841.60 (SMIC 1801.80, PMSS 3925)
    //   thresholds: threshold 4054.0500; threshold 5945.9400
    //   EC = maladie 0.07×3841.60=268.91; famille 0.0345×3841.60=132.54;
    //     vieillesse_plafonnee 0.0855×3841.60=328.46; vieillesse_deplafonnee 0.0202×3841.60=77.60;
    //     csa 0.003×3841.60=11.52; atmp 0.0222×3841.60=85.28; fnal 0.005×3841.60=19.21;
    //     chomage 0.04×3841.60=153.66; ags 0.002×3841.60=7.68; agirc_arrco_t1 0.0472×3841.60=181.32;
    //     ceg_t1 0.0129×3841.60=49.56; formation 0.01×3841.60=38.42; dialogue_social 0.00016×3841.60=0.61;
    //     peec 0.0045×3841.60=17.29; → EC 1372.06
    //   RG formula 1: T=0.3233, SMIC_rg=1801.80, 1.6*SMIC_rg=2882.880: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 46099.20) = 4949.53, /12 = 412.46; cost = G + EC − RG + TS/12 = 5626.12 (OpenFisca 5626.11)
    //   net: vieillesse_plafonnee 0.069×3841.60=265.07; vieillesse_deplafonnee 0.004×3841.60=15.37;
    //     agirc_arrco_t1 0.0315×3841.60=121.01; ceg_t1 0.0086×3841.60=33.04; csg 0.092×3774.37=347.24;
    //     crds 0.005×3774.37=18.87; → net 3041.00 (OpenFisca 3041.00)
    ["2025-06", "3841.60", "1372.06", "0.00", "4949.53", "3041.00", "5626.1147", "3040.9961"],
    // 2025-06, 2.5 SMIC + 0.00: G = 4504.50 (SMIC 1801.80, PMSS 3925)
    //   thresholds: threshold 4054.0500; threshold 5945.9400
    //   EC = maladie 0.13×4504.50=585.59; famille 0.0345×4504.50=155.41;
    //     vieillesse_plafonnee 0.0855×3925.00=335.59; vieillesse_deplafonnee 0.0202×4504.50=90.99;
    //     csa 0.003×4504.50=13.51; atmp 0.0222×4504.50=100.00; fnal 0.005×4504.50=22.52;
    //     chomage 0.04×4504.50=180.18; ags 0.002×4504.50=9.01; agirc_arrco_t1 0.0472×3925.00=185.26;
    //     agirc_arrco_t2 0.1295×579.50=75.05; ceg_t1 0.0129×3925.00=50.63; ceg_t2 0.0162×579.50=9.39;
    //     cet 0.0021×4504.50=9.46; formation 0.01×4504.50=45.05; dialogue_social 0.00016×4504.50=0.72;
    //     peec 0.0045×4504.50=20.27; → EC 1888.63
    //   RG formula 1: T=0.3233, SMIC_rg=1801.80, 1.6*SMIC_rg=2882.880: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 54054.00) = 6031.39, /12 = 502.62; cost = G + EC − RG + TS/12 = 6895.75 (OpenFisca 6895.72)
    //   net: vieillesse_plafonnee 0.069×3925.00=270.83; vieillesse_deplafonnee 0.004×4504.50=18.02;
    //     agirc_arrco_t1 0.0315×3925.00=123.64; agirc_arrco_t2 0.0864×579.50=50.07;
    //     ceg_t1 0.0086×3925.00=33.76; ceg_t2 0.0108×579.50=6.26; cet 0.0014×4504.50=6.31;
    //     csg 0.092×4425.67=407.16; crds 0.005×4425.67=22.13; → net 3566.32 (OpenFisca 3566.32)
    ["2025-06", "4504.50", "1888.63", "0.00", "6031.39", "3566.32", "6895.7239", "3566.3201"],
    // 2025-06, 2.5 SMIC + 238.00: G = 4742.50 (SMIC 1801.80, PMSS 3925)
    //   thresholds: threshold 4054.0500; threshold 5945.9400
    //   EC = maladie 0.13×4742.50=616.53; famille 0.0345×4742.50=163.62;
    //     vieillesse_plafonnee 0.0855×3925.00=335.59; vieillesse_deplafonnee 0.0202×4742.50=95.80;
    //     csa 0.003×4742.50=14.23; atmp 0.0222×4742.50=105.28; fnal 0.005×4742.50=23.71;
    //     chomage 0.04×4742.50=189.70; ags 0.002×4742.50=9.49; agirc_arrco_t1 0.0472×3925.00=185.26;
    //     agirc_arrco_t2 0.1295×817.50=105.87; ceg_t1 0.0129×3925.00=50.63; ceg_t2 0.0162×817.50=13.24;
    //     cet 0.0021×4742.50=9.96; formation 0.01×4742.50=47.43; dialogue_social 0.00016×4742.50=0.76;
    //     peec 0.0045×4742.50=21.34; → EC 1988.44
    //   RG formula 1: T=0.3233, SMIC_rg=1801.80, 1.6*SMIC_rg=2882.880: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 56910.00) = 6419.80, /12 = 534.98; cost = G + EC − RG + TS/12 = 7265.92 (OpenFisca 7265.90)
    //   net: vieillesse_plafonnee 0.069×3925.00=270.83; vieillesse_deplafonnee 0.004×4742.50=18.97;
    //     agirc_arrco_t1 0.0315×3925.00=123.64; agirc_arrco_t2 0.0864×817.50=70.63;
    //     ceg_t1 0.0086×3925.00=33.76; ceg_t2 0.0108×817.50=8.83; cet 0.0014×4742.50=6.64;
    //     csg 0.092×4659.51=428.67; crds 0.005×4659.51=23.30; → net 3757.23 (OpenFisca 3757.23)
    ["2025-06", "4742.50", "1988.44", "0.00", "6419.80", "3757.23", "7265.9035", "3757.2275"],
    // 2025-06, 3.0 SMIC + 0.00: G = 5405.40 (SMIC 1801.80, PMSS 3925)
    //   thresholds: threshold 4054.0500; threshold 5945.9400
    //   EC = maladie 0.13×5405.40=702.70; famille 0.0345×5405.40=186.49;
    //     vieillesse_plafonnee 0.0855×3925.00=335.59; vieillesse_deplafonnee 0.0202×5405.40=109.19;
    //     csa 0.003×5405.40=16.22; atmp 0.0222×5405.40=120.00; fnal 0.005×5405.40=27.03;
    //     chomage 0.04×5405.40=216.22; ags 0.002×5405.40=10.81; agirc_arrco_t1 0.0472×3925.00=185.26;
    //     agirc_arrco_t2 0.1295×1480.40=191.71; ceg_t1 0.0129×3925.00=50.63; ceg_t2 0.0162×1480.40=23.98;
    //     cet 0.0021×5405.40=11.35; formation 0.01×5405.40=54.05; dialogue_social 0.00016×5405.40=0.86;
    //     peec 0.0045×5405.40=24.32; → EC 2266.41
    //   RG formula 1: T=0.3233, SMIC_rg=1801.80, 1.6*SMIC_rg=2882.880: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 64864.80) = 7501.66, /12 = 625.14; cost = G + EC − RG + TS/12 = 8296.95 (OpenFisca 8296.95)
    //   net: vieillesse_plafonnee 0.069×3925.00=270.83; vieillesse_deplafonnee 0.004×5405.40=21.62;
    //     agirc_arrco_t1 0.0315×3925.00=123.64; agirc_arrco_t2 0.0864×1480.40=127.91;
    //     ceg_t1 0.0086×3925.00=33.76; ceg_t2 0.0108×1480.40=15.99; cet 0.0014×5405.40=7.57;
    //     csg 0.092×5310.81=488.59; crds 0.005×5310.81=26.55; → net 4288.94 (OpenFisca 4288.93)
    ["2025-06", "5405.40", "2266.41", "0.00", "7501.66", "4288.94", "8296.9466", "4288.9312"],
    // 2025-06, 3.0 SMIC + 238.00: G = 5643.40 (SMIC 1801.80, PMSS 3925)
    //   thresholds: threshold 4054.0500; threshold 5945.9400
    //   EC = maladie 0.13×5643.40=733.64; famille 0.0345×5643.40=194.70;
    //     vieillesse_plafonnee 0.0855×3925.00=335.59; vieillesse_deplafonnee 0.0202×5643.40=114.00;
    //     csa 0.003×5643.40=16.93; atmp 0.0222×5643.40=125.28; fnal 0.005×5643.40=28.22;
    //     chomage 0.04×5643.40=225.74; ags 0.002×5643.40=11.29; agirc_arrco_t1 0.0472×3925.00=185.26;
    //     agirc_arrco_t2 0.1295×1718.40=222.53; ceg_t1 0.0129×3925.00=50.63; ceg_t2 0.0162×1718.40=27.84;
    //     cet 0.0021×5643.40=11.85; formation 0.01×5643.40=56.43; dialogue_social 0.00016×5643.40=0.90;
    //     peec 0.0045×5643.40=25.40; → EC 2366.23
    //   RG formula 1: T=0.3233, SMIC_rg=1801.80, 1.6*SMIC_rg=2882.880: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 67720.80) = 7890.07, /12 = 657.51; cost = G + EC − RG + TS/12 = 8667.14 (OpenFisca 8667.14)
    //   net: vieillesse_plafonnee 0.069×3925.00=270.83; vieillesse_deplafonnee 0.004×5643.40=22.57;
    //     agirc_arrco_t1 0.0315×3925.00=123.64; agirc_arrco_t2 0.0864×1718.40=148.47;
    //     ceg_t1 0.0086×3925.00=33.76; ceg_t2 0.0108×1718.40=18.56; cet 0.0014×5643.40=7.90;
    //     csg 0.092×5544.64=510.11; crds 0.005×5544.64=27.72; → net 4479.84 (OpenFisca 4479.84)
    ["2025-06", "5643.40", "2366.23", "0.00", "7890.07", "4479.84", "8667.1363", "4479.8398"],
    // 2026-06, 1.0 SMIC + 0.00: G = 1867.02 (SMIC 1867.02, PMSS 4005)
    //   thresholds: no reduced rate; no reduced rate
    //   EC = maladie 0.13×1867.02=242.71; famille 0.0525×1867.02=98.02;
    //     vieillesse_plafonnee 0.0855×1867.02=159.63; vieillesse_deplafonnee 0.0211×1867.02=39.39;
    //     csa 0.003×1867.02=5.60; atmp 0.0222×1867.02=41.45; fnal 0.005×1867.02=9.34;
    //     chomage 0.04×1867.02=74.68; ags 0.002×1867.02=3.73; agirc_arrco_t1 0.0472×1867.02=88.12;
    //     ceg_t1 0.0129×1867.02=24.08; formation 0.01×1867.02=18.67; dialogue_social 0.00016×1867.02=0.30;
    //     peec 0.0045×1867.02=8.40; → EC 814.12
    //   RG formula 2 (RGDU): Tmin=0.02, Tdelta=0.3821, SMIC_rg=1823.03, 3*SMIC_rg=5469.09: C = 0.3788, RG = round2(C × G) = 707.23
    //   TS(12 G = 22404.24) = 1715.17, /12 = 142.93; cost = G + EC − RG + TS/12 = 2116.84 (OpenFisca 2116.84)
    //   net: vieillesse_plafonnee 0.069×1867.02=128.82; vieillesse_deplafonnee 0.004×1867.02=7.47;
    //     agirc_arrco_t1 0.0315×1867.02=58.81; ceg_t1 0.0086×1867.02=16.06; csg 0.092×1834.35=168.76;
    //     crds 0.005×1834.35=9.17; → net 1477.93 (OpenFisca 1477.93)
    ["2026-06", "1867.02", "814.12", "707.23", "1715.17", "1477.93", "2116.8409", "1477.9280"],
    // 2026-06, 1.0 SMIC + 238.00: G = 2105.02 (SMIC 1867.02, PMSS 4005)
    //   thresholds: no reduced rate; no reduced rate
    //   EC = maladie 0.13×2105.02=273.65; famille 0.0525×2105.02=110.51;
    //     vieillesse_plafonnee 0.0855×2105.02=179.98; vieillesse_deplafonnee 0.0211×2105.02=44.42;
    //     csa 0.003×2105.02=6.32; atmp 0.0222×2105.02=46.73; fnal 0.005×2105.02=10.53;
    //     chomage 0.04×2105.02=84.20; ags 0.002×2105.02=4.21; agirc_arrco_t1 0.0472×2105.02=99.36;
    //     ceg_t1 0.0129×2105.02=27.15; formation 0.01×2105.02=21.05; dialogue_social 0.00016×2105.02=0.34;
    //     peec 0.0045×2105.02=9.47; → EC 917.92
    //   RG formula 2 (RGDU): Tmin=0.02, Tdelta=0.3821, SMIC_rg=1823.03, 3*SMIC_rg=5469.09: C = 0.2780, RG = round2(C × G) = 585.20
    //   TS(12 G = 25260.24) = 2103.59, /12 = 175.30; cost = G + EC − RG + TS/12 = 2613.04 (OpenFisca 2612.83)
    //   net: vieillesse_plafonnee 0.069×2105.02=145.25; vieillesse_deplafonnee 0.004×2105.02=8.42;
    //     agirc_arrco_t1 0.0315×2105.02=66.31; ceg_t1 0.0086×2105.02=18.10; csg 0.092×2068.18=190.27;
    //     crds 0.005×2068.18=10.34; → net 1666.33 (OpenFisca 1666.33)
    ["2026-06", "2105.02", "917.92", "585.20", "2103.59", "1666.33", "2612.8255", "1666.3265"],
    // 2026-06, 1.3 SMIC + 0.00: G = 2427.13 (SMIC 1867.02, PMSS 4005)
    //   thresholds: no reduced rate; no reduced rate
    //   EC = maladie 0.13×2427.13=315.53; famille 0.0525×2427.13=127.42;
    //     vieillesse_plafonnee 0.0855×2427.13=207.52; vieillesse_deplafonnee 0.0211×2427.13=51.21;
    //     csa 0.003×2427.13=7.28; atmp 0.0222×2427.13=53.88; fnal 0.005×2427.13=12.14;
    //     chomage 0.04×2427.13=97.09; ags 0.002×2427.13=4.85; agirc_arrco_t1 0.0472×2427.13=114.56;
    //     ceg_t1 0.0129×2427.13=31.31; formation 0.01×2427.13=24.27; dialogue_social 0.00016×2427.13=0.39;
    //     peec 0.0045×2427.13=10.92; → EC 1058.37
    //   RG formula 2 (RGDU): Tmin=0.02, Tdelta=0.3821, SMIC_rg=1823.03, 3*SMIC_rg=5469.09: C = 0.1886, RG = round2(C × G) = 457.76
    //   TS(12 G = 29125.56) = 2629.27, /12 = 219.11; cost = G + EC − RG + TS/12 = 3246.85 (OpenFisca 3246.60)
    //   net: vieillesse_plafonnee 0.069×2427.13=167.47; vieillesse_deplafonnee 0.004×2427.13=9.71;
    //     agirc_arrco_t1 0.0315×2427.13=76.45; ceg_t1 0.0086×2427.13=20.87; csg 0.092×2384.66=219.39;
    //     crds 0.005×2384.66=11.92; → net 1921.32 (OpenFisca 1921.32)
    ["2026-06", "2427.13", "1058.37", "457.76", "2629.27", "1921.32", "3246.6041", "1921.3177"],
    // 2026-06, 1.3 SMIC + 238.00: G = 2665.13 (SMIC 1867.02, PMSS 4005)
    //   thresholds: no reduced rate; no reduced rate
    //   EC = maladie 0.13×2665.13=346.47; famille 0.0525×2665.13=139.92;
    //     vieillesse_plafonnee 0.0855×2665.13=227.87; vieillesse_deplafonnee 0.0211×2665.13=56.23;
    //     csa 0.003×2665.13=8.00; atmp 0.0222×2665.13=59.17; fnal 0.005×2665.13=13.33;
    //     chomage 0.04×2665.13=106.61; ags 0.002×2665.13=5.33; agirc_arrco_t1 0.0472×2665.13=125.79;
    //     ceg_t1 0.0129×2665.13=34.38; formation 0.01×2665.13=26.65; dialogue_social 0.00016×2665.13=0.43;
    //     peec 0.0045×2665.13=11.99; → EC 1162.17
    //   RG formula 2 (RGDU): Tmin=0.02, Tdelta=0.3821, SMIC_rg=1823.03, 3*SMIC_rg=5469.09: C = 0.1442, RG = round2(C × G) = 384.31
    //   TS(12 G = 31981.56) = 3017.69, /12 = 251.47; cost = G + EC − RG + TS/12 = 3694.46 (OpenFisca 3694.46)
    //   net: vieillesse_plafonnee 0.069×2665.13=183.89; vieillesse_deplafonnee 0.004×2665.13=10.66;
    //     agirc_arrco_t1 0.0315×2665.13=83.95; ceg_t1 0.0086×2665.13=22.92; csg 0.092×2618.49=240.90;
    //     crds 0.005×2618.49=13.09; → net 2109.72 (OpenFisca 2109.72)
    ["2026-06", "2665.13", "1162.17", "384.31", "3017.69", "2109.72", "3694.4554", "2109.7163"],
    // 2026-06, 1.6 SMIC + 0.00: G = 2987.23 (SMIC 1867.02, PMSS 4005)
    //   thresholds: no reduced rate; no reduced rate
    //   EC = maladie 0.13×2987.23=388.34; famille 0.0525×2987.23=156.83;
    //     vieillesse_plafonnee 0.0855×2987.23=255.41; vieillesse_deplafonnee 0.0211×2987.23=63.03;
    //     csa 0.003×2987.23=8.96; atmp 0.0222×2987.23=66.32; fnal 0.005×2987.23=14.94;
    //     chomage 0.04×2987.23=119.49; ags 0.002×2987.23=5.97; agirc_arrco_t1 0.0472×2987.23=141.00;
    //     ceg_t1 0.0129×2987.23=38.54; formation 0.01×2987.23=29.87; dialogue_social 0.00016×2987.23=0.48;
    //     peec 0.0045×2987.23=13.44; → EC 1302.62
    //   RG formula 2 (RGDU): Tmin=0.02, Tdelta=0.3821, SMIC_rg=1823.03, 3*SMIC_rg=5469.09: C = 0.1021, RG = round2(C × G) = 305.00
    //   TS(12 G = 35846.76) = 3543.35, /12 = 295.28; cost = G + EC − RG + TS/12 = 4280.13 (OpenFisca 4280.13)
    //   net: vieillesse_plafonnee 0.069×2987.23=206.12; vieillesse_deplafonnee 0.004×2987.23=11.95;
    //     agirc_arrco_t1 0.0315×2987.23=94.10; ceg_t1 0.0086×2987.23=25.69; csg 0.092×2934.95=270.02;
    //     crds 0.005×2934.95=14.67; → net 2364.68 (OpenFisca 2364.68)
    ["2026-06", "2987.23", "1302.62", "305.00", "3543.35", "2364.68", "4280.1328", "2364.6799"],
    // 2026-06, 1.6 SMIC + 238.00: G = 3225.23 (SMIC 1867.02, PMSS 4005)
    //   thresholds: no reduced rate; no reduced rate
    //   EC = maladie 0.13×3225.23=419.28; famille 0.0525×3225.23=169.32;
    //     vieillesse_plafonnee 0.0855×3225.23=275.76; vieillesse_deplafonnee 0.0211×3225.23=68.05;
    //     csa 0.003×3225.23=9.68; atmp 0.0222×3225.23=71.60; fnal 0.005×3225.23=16.13;
    //     chomage 0.04×3225.23=129.01; ags 0.002×3225.23=6.45; agirc_arrco_t1 0.0472×3225.23=152.23;
    //     ceg_t1 0.0129×3225.23=41.61; formation 0.01×3225.23=32.25; dialogue_social 0.00016×3225.23=0.52;
    //     peec 0.0045×3225.23=14.51; → EC 1406.40
    //   RG formula 2 (RGDU): Tmin=0.02, Tdelta=0.3821, SMIC_rg=1823.03, 3*SMIC_rg=5469.09: C = 0.0802, RG = round2(C × G) = 258.66
    //   TS(12 G = 38702.76) = 3931.77, /12 = 327.65; cost = G + EC − RG + TS/12 = 4700.62 (OpenFisca 4700.61)
    //   net: vieillesse_plafonnee 0.069×3225.23=222.54; vieillesse_deplafonnee 0.004×3225.23=12.90;
    //     agirc_arrco_t1 0.0315×3225.23=101.59; ceg_t1 0.0086×3225.23=27.74; csg 0.092×3168.79=291.53;
    //     crds 0.005×3168.79=15.84; → net 2553.09 (OpenFisca 2553.09)
    ["2026-06", "3225.23", "1406.40", "258.66", "3931.77", "2553.09", "4700.6091", "2553.0872"],
    // 2026-06, 2.0 SMIC + 0.00: G = 3734.04 (SMIC 1867.02, PMSS 4005)
    //   thresholds: no reduced rate; no reduced rate
    //   EC = maladie 0.13×3734.04=485.43; famille 0.0525×3734.04=196.04;
    //     vieillesse_plafonnee 0.0855×3734.04=319.26; vieillesse_deplafonnee 0.0211×3734.04=78.79;
    //     csa 0.003×3734.04=11.20; atmp 0.0222×3734.04=82.90; fnal 0.005×3734.04=18.67;
    //     chomage 0.04×3734.04=149.36; ags 0.002×3734.04=7.47; agirc_arrco_t1 0.0472×3734.04=176.25;
    //     ceg_t1 0.0129×3734.04=48.17; formation 0.01×3734.04=37.34; dialogue_social 0.00016×3734.04=0.60;
    //     peec 0.0045×3734.04=16.80; → EC 1628.28
    //   RG formula 2 (RGDU): Tmin=0.02, Tdelta=0.3821, SMIC_rg=1823.03, 3*SMIC_rg=5469.09: C = 0.0497, RG = round2(C × G) = 185.58
    //   TS(12 G = 44808.48) = 4762.15, /12 = 396.85; cost = G + EC − RG + TS/12 = 5573.59 (OpenFisca 5573.58)
    //   net: vieillesse_plafonnee 0.069×3734.04=257.65; vieillesse_deplafonnee 0.004×3734.04=14.94;
    //     agirc_arrco_t1 0.0315×3734.04=117.62; ceg_t1 0.0086×3734.04=32.11; csg 0.092×3668.69=337.52;
    //     crds 0.005×3668.69=18.34; → net 2955.86 (OpenFisca 2955.86)
    ["2026-06", "3734.04", "1628.28", "185.58", "4762.15", "2955.86", "5573.5843", "2955.8569"],
    // 2026-06, 2.0 SMIC + 238.00: G = 3972.04 (SMIC 1867.02, PMSS 4005)
    //   thresholds: no reduced rate; no reduced rate
    //   EC = maladie 0.13×3972.04=516.37; famille 0.0525×3972.04=208.53;
    //     vieillesse_plafonnee 0.0855×3972.04=339.61; vieillesse_deplafonnee 0.0211×3972.04=83.81;
    //     csa 0.003×3972.04=11.92; atmp 0.0222×3972.04=88.18; fnal 0.005×3972.04=19.86;
    //     chomage 0.04×3972.04=158.88; ags 0.002×3972.04=7.94; agirc_arrco_t1 0.0472×3972.04=187.48;
    //     ceg_t1 0.0129×3972.04=51.24; formation 0.01×3972.04=39.72; dialogue_social 0.00016×3972.04=0.64;
    //     peec 0.0045×3972.04=17.87; → EC 1732.05
    //   RG formula 2 (RGDU): Tmin=0.02, Tdelta=0.3821, SMIC_rg=1823.03, 3*SMIC_rg=5469.09: C = 0.0406, RG = round2(C × G) = 161.26
    //   TS(12 G = 47664.48) = 5150.56, /12 = 429.21; cost = G + EC − RG + TS/12 = 5972.04 (OpenFisca 5972.03)
    //   net: vieillesse_plafonnee 0.069×3972.04=274.07; vieillesse_deplafonnee 0.004×3972.04=15.89;
    //     agirc_arrco_t1 0.0315×3972.04=125.12; ceg_t1 0.0086×3972.04=34.16; csg 0.092×3902.53=359.03;
    //     crds 0.005×3902.53=19.51; → net 3144.26 (OpenFisca 3144.25)
    ["2026-06", "3972.04", "1732.05", "161.26", "5150.56", "3144.26", "5972.0348", "3144.2546"],
    // 2026-06, 2.5 SMIC + 0.00: G = 4667.55 (SMIC 1867.02, PMSS 4005)
    //   thresholds: no reduced rate; no reduced rate
    //   EC = maladie 0.13×4667.55=606.78; famille 0.0525×4667.55=245.05;
    //     vieillesse_plafonnee 0.0855×4005.00=342.43; vieillesse_deplafonnee 0.0211×4667.55=98.49;
    //     csa 0.003×4667.55=14.00; atmp 0.0222×4667.55=103.62; fnal 0.005×4667.55=23.34;
    //     chomage 0.04×4667.55=186.70; ags 0.002×4667.55=9.34; agirc_arrco_t1 0.0472×4005.00=189.04;
    //     agirc_arrco_t2 0.1295×662.55=85.80; ceg_t1 0.0129×4005.00=51.66; ceg_t2 0.0162×662.55=10.73;
    //     cet 0.0021×4667.55=9.80; formation 0.01×4667.55=46.68; dialogue_social 0.00016×4667.55=0.75;
    //     peec 0.0045×4667.55=21.00; → EC 2045.21
    //   RG formula 2 (RGDU): Tmin=0.02, Tdelta=0.3821, SMIC_rg=1823.03, 3*SMIC_rg=5469.09: C = 0.0252, RG = round2(C × G) = 117.62
    //   TS(12 G = 56010.60) = 6285.64, /12 = 523.80; cost = G + EC − RG + TS/12 = 7118.94 (OpenFisca 7118.93)
    //   net: vieillesse_plafonnee 0.069×4005.00=276.35; vieillesse_deplafonnee 0.004×4667.55=18.67;
    //     agirc_arrco_t1 0.0315×4005.00=126.16; agirc_arrco_t2 0.0864×662.55=57.24;
    //     ceg_t1 0.0086×4005.00=34.44; ceg_t2 0.0108×662.55=7.16; cet 0.0014×4667.55=6.53;
    //     csg 0.092×4585.87=421.90; crds 0.005×4585.87=22.93; → net 3696.17 (OpenFisca 3696.17)
    ["2026-06", "4667.55", "2045.21", "117.62", "6285.64", "3696.17", "7118.9330", "3696.1702"],
    // 2026-06, 2.5 SMIC + 238.00: G = 4905.55 (SMIC 1867.02, PMSS 4005)
    //   thresholds: no reduced rate; no reduced rate
    //   EC = maladie 0.13×4905.55=637.72; famille 0.0525×4905.55=257.54;
    //     vieillesse_plafonnee 0.0855×4005.00=342.43; vieillesse_deplafonnee 0.0211×4905.55=103.51;
    //     csa 0.003×4905.55=14.72; atmp 0.0222×4905.55=108.90; fnal 0.005×4905.55=24.53;
    //     chomage 0.04×4905.55=196.22; ags 0.002×4905.55=9.81; agirc_arrco_t1 0.0472×4005.00=189.04;
    //     agirc_arrco_t2 0.1295×900.55=116.62; ceg_t1 0.0129×4005.00=51.66; ceg_t2 0.0162×900.55=14.59;
    //     cet 0.0021×4905.55=10.30; formation 0.01×4905.55=49.06; dialogue_social 0.00016×4905.55=0.78;
    //     peec 0.0045×4905.55=22.07; → EC 2149.50
    //   RG formula 2 (RGDU): Tmin=0.02, Tdelta=0.3821, SMIC_rg=1823.03, 3*SMIC_rg=5469.09: C = 0.0226, RG = round2(C × G) = 110.87
    //   TS(12 G = 58866.60) = 6674.05, /12 = 556.17; cost = G + EC − RG + TS/12 = 7500.35 (OpenFisca 7500.35)
    //   net: vieillesse_plafonnee 0.069×4005.00=276.35; vieillesse_deplafonnee 0.004×4905.55=19.62;
    //     agirc_arrco_t1 0.0315×4005.00=126.16; agirc_arrco_t2 0.0864×900.55=77.81;
    //     ceg_t1 0.0086×4005.00=34.44; ceg_t2 0.0108×900.55=9.73; cet 0.0014×4905.55=6.87;
    //     csg 0.092×4819.70=443.41; crds 0.005×4819.70=24.10; → net 3887.06 (OpenFisca 3887.06)
    ["2026-06", "4905.55", "2149.50", "110.87", "6674.05", "3887.06", "7500.3531", "3887.0588"],
    // 2026-06, 3.0 SMIC + 0.00: G = 5601.06 (SMIC 1867.02, PMSS 4005)
    //   thresholds: no reduced rate; no reduced rate
    //   EC = maladie 0.13×5601.06=728.14; famille 0.0525×5601.06=294.06;
    //     vieillesse_plafonnee 0.0855×4005.00=342.43; vieillesse_deplafonnee 0.0211×5601.06=118.18;
    //     csa 0.003×5601.06=16.80; atmp 0.0222×5601.06=124.34; fnal 0.005×5601.06=28.01;
    //     chomage 0.04×5601.06=224.04; ags 0.002×5601.06=11.20; agirc_arrco_t1 0.0472×4005.00=189.04;
    //     agirc_arrco_t2 0.1295×1596.06=206.69; ceg_t1 0.0129×4005.00=51.66; ceg_t2 0.0162×1596.06=25.86;
    //     cet 0.0021×5601.06=11.76; formation 0.01×5601.06=56.01; dialogue_social 0.00016×5601.06=0.90;
    //     peec 0.0045×5601.06=25.20; → EC 2454.32
    //   RG formula 2 (RGDU): Tmin=0.02, Tdelta=0.3821, SMIC_rg=1823.03, 3*SMIC_rg=5469.09: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 67212.72) = 7809.12, /12 = 650.76; cost = G + EC − RG + TS/12 = 8706.14 (OpenFisca 8706.14)
    //   net: vieillesse_plafonnee 0.069×4005.00=276.35; vieillesse_deplafonnee 0.004×5601.06=22.40;
    //     agirc_arrco_t1 0.0315×4005.00=126.16; agirc_arrco_t2 0.0864×1596.06=137.90;
    //     ceg_t1 0.0086×4005.00=34.44; ceg_t2 0.0108×1596.06=17.24; cet 0.0014×5601.06=7.84;
    //     csg 0.092×5503.04=506.28; crds 0.005×5503.04=27.52; → net 4444.93 (OpenFisca 4444.94)
    ["2026-06", "5601.06", "2454.32", "0.00", "7809.12", "4444.93", "8706.1442", "4444.9355"],
    // 2026-06, 3.0 SMIC + 238.00: G = 5839.06 (SMIC 1867.02, PMSS 4005)
    //   thresholds: no reduced rate; no reduced rate
    //   EC = maladie 0.13×5839.06=759.08; famille 0.0525×5839.06=306.55;
    //     vieillesse_plafonnee 0.0855×4005.00=342.43; vieillesse_deplafonnee 0.0211×5839.06=123.20;
    //     csa 0.003×5839.06=17.52; atmp 0.0222×5839.06=129.63; fnal 0.005×5839.06=29.20;
    //     chomage 0.04×5839.06=233.56; ags 0.002×5839.06=11.68; agirc_arrco_t1 0.0472×4005.00=189.04;
    //     agirc_arrco_t2 0.1295×1834.06=237.51; ceg_t1 0.0129×4005.00=51.66; ceg_t2 0.0162×1834.06=29.71;
    //     cet 0.0021×5839.06=12.26; formation 0.01×5839.06=58.39; dialogue_social 0.00016×5839.06=0.93;
    //     peec 0.0045×5839.06=26.28; → EC 2558.63
    //   RG formula 2 (RGDU): Tmin=0.02, Tdelta=0.3821, SMIC_rg=1823.03, 3*SMIC_rg=5469.09: C = 0, RG = round2(C × G) = 0.00
    //   TS(12 G = 70068.72) = 8197.54, /12 = 683.13; cost = G + EC − RG + TS/12 = 9080.82 (OpenFisca 9080.82)
    //   net: vieillesse_plafonnee 0.069×4005.00=276.35; vieillesse_deplafonnee 0.004×5839.06=23.36;
    //     agirc_arrco_t1 0.0315×4005.00=126.16; agirc_arrco_t2 0.0864×1834.06=158.46;
    //     ceg_t1 0.0086×4005.00=34.44; ceg_t2 0.0108×1834.06=19.81; cet 0.0014×5839.06=8.17;
    //     csg 0.092×5736.88=527.79; crds 0.005×5736.88=28.68; → net 4635.84 (OpenFisca 4635.83)
    ["2026-06", "5839.06", "2558.63", "0.00", "8197.54", "4635.84", "9080.8180", "4635.8325"],
];

#[test]
fn the_48_cases_match_the_derivations_and_openfisca_within_half_a_percent() {
    let facts = EmployerFacts::default();
    let mut by_month = std::collections::HashMap::new();
    for &[month, gross, contributions, reduction_generale, ts_annual, net_pay, of_cost, of_net] in
        CASES
    {
        let p = by_month.entry(month).or_insert_with(|| params(month));
        let g = m(gross);
        let b = employer_cost(p, g, Decimal::ONE, &facts);
        let what = format!("{month} G = {gross}");
        assert_eq!(b.contributions, m(contributions), "contributions, {what}");
        assert_eq!(b.reduction_generale, m(reduction_generale), "RG, {what}");
        let ts = taxe_salaires(p, Zone::Metro, Money::round(g.amount() * Decimal::from(12)));
        assert_eq!(ts, m(ts_annual), "TS, {what}");
        let net = net(p, g, Decimal::ONE);
        assert_eq!(net, m(net_pay), "net, {what}");
        let cost = g.amount()
            + b.net_contributions().amount()
            + Money::round(ts.amount() / Decimal::from(12)).amount();
        let of_cost = d(of_cost);
        let of_net = d(of_net);
        assert!(
            ((cost - of_cost) / of_cost).abs() < d("0.005"),
            "cost {cost} vs OpenFisca {of_cost}, {what}"
        );
        assert!(
            ((net.amount() - of_net) / of_net).abs() < d("0.005"),
            "net vs OpenFisca, {what}"
        );
        // In fact the model is within 0.25 € of OpenFisca on every case
        // (docs/payroll.md, Checks).
        assert!(
            (cost - of_cost).abs() <= d("0.25"),
            "cost {cost} vs OpenFisca {of_cost}, {what}"
        );
        assert!(
            (net.amount() - of_net).abs() <= d("0.01"),
            "net vs OpenFisca, {what}"
        );
    }
    assert_eq!(CASES.len(), 48);
}

#[test]
fn the_maladie_reduced_rate_stops_above_2_5_smic_in_april_2022() {
    // Threshold: 2.5 × 1603.12 = 4007.80. At 4007.80 the maladie line is
    // 0.07 × 4007.80 = 280.546 → 280.55; one cent more, 0.13 × 4007.81 =
    // 521.0153 → 521.02. The other lines (model_check.py): EC 1435.09 then
    // 1675.57; no RG (above 1.6 SMIC).
    let p = params("2022-04");
    let facts = EmployerFacts::default();
    let at = employer_cost(&p, m("4007.80"), Decimal::ONE, &facts);
    let above = employer_cost(&p, m("4007.81"), Decimal::ONE, &facts);
    assert_eq!(at.contributions, m("1435.09"));
    assert_eq!(above.contributions, m("1675.57"));
    assert_eq!(at.reduction_generale, Money::ZERO);
    // Part time: the threshold is prorated (× 0.5: 2003.90).
    let half = employer_cost(&p, m("2003.90"), d("0.5"), &facts);
    let half_above = employer_cost(&p, m("2003.91"), d("0.5"), &facts);
    assert!(half_above.contributions.amount() - half.contributions.amount() > d("120"));
}

/// The unrounded full-time net, as the inverse sees it.
fn net_star(p: &MonthParams, g: Decimal) -> Decimal {
    net_exact(p, g, false)
}

#[test]
fn the_net_to_gross_inverse_is_exact_on_both_sides_of_the_pmss() {
    // docs/payroll.md, `net_monthly`: 183 € net at 1603.12 (segment 1, β = 0.7915975):
    // 183 / 0.7915975 = 231.18; at 3300 in 2022 (PMSS 3428): 128 € reach
    // the PMSS (+101.32 net), then (81.68 + 4.80 CET jump) / 0.8020975 =
    // 107.82 → 235.81; at 5000: 183 / 0.8020975 = 228.15; above 8 PMSS
    // (30000 > 27424): 183 / 0.899 = 203.56.
    let cases = [
        ("2022-04", "1603.12", "231.18"),
        ("2022-04", "3300", "235.81"),
        ("2022-04", "3428", "234.14"),
        ("2022-04", "5000", "228.15"),
        ("2022-04", "14000", "228.64"),
        ("2022-04", "30000", "203.56"),
        ("2024-06", "3300", "231.18"),
        ("2025-06", "14000", "228.15"),
        ("2026-06", "30000", "228.64"),
    ];
    for (month, base, expected) in cases {
        let p = params(month);
        let n = d("183");
        let dg = gross_for_net(&p, m(base), n).unwrap();
        assert_eq!(dg, m(expected), "{month} B = {base}");
        // Exact: the unrounded net rises by 183 € to the cent (ΔG is rounded
        // to the cent, so the rise is within β × 0.005 of 183).
        let rise = net_star(&p, d(base) + dg.amount()) - net_star(&p, d(base));
        assert!(
            (rise - n).abs() <= d("0.005"),
            "{month} B = {base}: rise {rise}"
        );
        // With cent-rounded payslip lines: within 2 cents.
        let rounded = net(&p, m(base) + dg, Decimal::ONE) - net(&p, m(base), Decimal::ONE);
        assert!(
            (rounded.amount() - n).abs() <= d("0.02"),
            "{month} B = {base}"
        );
    }
    // A cut is solved downwards, across the PMSS too.
    let p = params("2022-04");
    for base in ["1603.12", "3500", "5000"] {
        let dg = gross_for_net(&p, m(base), d("-183")).unwrap();
        let rise = net_star(&p, d(base) + dg.amount()) - net_star(&p, d(base));
        assert!((rise + d("183")).abs() <= d("0.005"), "B = {base}: {rise}");
    }
}

#[test]
fn x_to_the_1_75_is_exact_enough_in_decimal() {
    // Python: Decimal(0.5) ** Decimal("1.75") = 0.29730177875068026667937…
    let x = pow_quarters(d("0.5"), 7);
    assert!((x - d("0.2973017787506802666793749926")).abs() < d("0.0000000000001"));
    assert_eq!(pow_quarters(Decimal::ONE, 7), Decimal::ONE);
    assert_eq!(pow_quarters(Decimal::ZERO, 7), Decimal::ZERO);
}

#[test]
fn taxe_salaires_brackets_and_overseas_rates() {
    // 2022: 0.0425 × 8133 = 345.6525; 0.085 × (16237 − 8133) = 688.84;
    // 0.136 × (19237.44 − 16237) = 408.0598; total 1442.5523 → 1442.55.
    let p = params("2022-01");
    assert_eq!(taxe_salaires(&p, Zone::Metro, m("19237.44")), m("1442.55"));
    // Below the first threshold: 0.0425 × 8000 = 340.
    assert_eq!(taxe_salaires(&p, Zone::Metro, m("8000")), m("340"));
    // Guadeloupe, Martinique, La Réunion: 2.95 % flat.
    assert_eq!(taxe_salaires(&p, Zone::Gmr, m("20000")), m("590"));
    assert_eq!(Zone::of("974".parse().unwrap()), Zone::Gmr);
    assert_eq!(Zone::of("973".parse().unwrap()), Zone::Guyane);
    assert_eq!(Zone::of("2A".parse().unwrap()), Zone::Metro);
}

#[test]
fn the_model_is_homogeneous_in_the_proration_factor() {
    // Half time at 1.0 SMIC in April 2022 (G = 801.56): every threshold and
    // the RG's SMIC are halved, so C is the cap T = 0.3235 again and
    // RG = 0.3235 × 801.56 = 259.3047 → 259.30.
    let p = params("2022-04");
    let b = employer_cost(&p, m("801.56"), d("0.5"), &EmployerFacts::default());
    assert_eq!(b.reduction_generale, m("259.30"));
}

#[test]
fn taxe_in_integer_cents_equals_the_decimal_taxe() {
    // Every January of the schedule, every zone; annual pays around the
    // bracket thresholds (± a cent) and spread up to 200 000 €, negative
    // ones too (a pay cut larger than A in a ΔTS).
    let mut random = SplitMix64::new(7);
    for year in 2020..=2026 {
        let p = params(&format!("{year}-01"));
        for zone in [Zone::Metro, Zone::Gmr, Zone::Guyane, Zone::Mayotte] {
            let integer = TaxeCents::new(&p, zone).expect("shipped rates are exact");
            let mut pays: Vec<i128> = Vec::new();
            for t in [p.ts_threshold_1, p.ts_threshold_2] {
                let c = (t * Decimal::ONE_HUNDRED).trunc().mantissa();
                pays.extend([c - 1, c, c + 1]);
            }
            pays.extend([0, 1, -1, -250_000]);
            for _ in 0..2000 {
                pays.push((random.next_u64() % 20_000_000) as i128);
            }
            for c in pays {
                let decimal = taxe_salaires(&p, zone, Money::round(Decimal::new(c as i64, 2)));
                assert_eq!(
                    integer.tax(c).map(|t| Decimal::new(t as i64, 2)),
                    Some(decimal.amount()),
                    "{year} {zone:?} {c}"
                );
            }
        }
    }
}

#[test]
fn a_line_in_integers_equals_the_decimal_line() {
    // Rates of 1 to 6 decimals, bases in cents (and with more decimals,
    // which take the decimal path), halves included: 0.5 × 0.01 € = 0.005 €
    // rounds away from zero to 0.01 €.
    assert_eq!(line(d("0.5"), d("0.01")), d("0.01"));
    assert_eq!(line(d("0.5"), d("-0.01")), d("-0.01"));
    let mut random = SplitMix64::new(11);
    for _ in 0..20_000 {
        let rate = Decimal::new(
            (random.next_u64() % 200_000) as i64,
            1 + (random.next_u64() % 6) as u32,
        );
        let mut base = Decimal::new((random.next_u64() % 2_000_000) as i64 - 100_000, 2);
        if random.next_u64() % 10 == 0 {
            base *= d("0.4387096774193548387096774194");
        }
        let expected =
            (rate * base).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        assert_eq!(line(rate, base), expected, "{rate} × {base}");
    }
}

#[test]
fn the_rgdu_share_in_f64_equals_the_decimal_one() {
    // round4(t × x^1.75) by f64 (away from a tie) and by decimal square
    // roots, for x over the RGDU's range (ratio ÷ 2 of 0 to 1.5) and the
    // shipped Δt; exact ties (x = 1: t itself) take the decimal path.
    let mut random = SplitMix64::new(13);
    for t in [d("0.3821"), d("0.3861"), d("0.02"), d("0.5")] {
        for _ in 0..5000 {
            let x = Decimal::new((random.next_u64() % 15_000_000_000) as i64, 10);
            let expected = round4(t * pow_quarters(x, 7));
            assert_eq!(round4_times_pow(t, x, 7), expected, "t {t} x {x}");
        }
        assert_eq!(round4_times_pow(t, Decimal::ONE, 7), round4(t));
        assert_eq!(round4_times_pow(t, Decimal::ZERO, 7), Decimal::ZERO);
    }
}
