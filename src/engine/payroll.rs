//! The detailed payroll model: what a gross salary costs an association in
//! one month, and what the employee keeps (docs/payroll.md, every formula
//! and reading). Pure functions over [`MonthParams`], the dated
//! schedule resolved once per sector and month, so that the hot loop does
//! no map lookups. Decimal throughout; each payslip line is rounded to the
//! cent, the réduction générale coefficient to 4 decimals.

use crate::domain::money::{div_half_away, round_cents, round_dp};
use crate::domain::params::{Parameter, Parameters};
use crate::domain::scenario::{EmployerFacts, EmployerSize};
use crate::domain::{Departement, Money, Sector, YearMonth};
use rust_decimal::{Decimal, MathematicalOps};

/// The taxe sur les salaires zone of a workplace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// Metropolitan France: three brackets.
    Metro,
    /// Guadeloupe, Martinique, La Réunion: one flat rate.
    Gmr,
    /// Guyane: one flat rate.
    Guyane,
    /// Mayotte: one flat rate (`[U]`).
    Mayotte,
}

impl Zone {
    /// The zone of a département.
    pub fn of(d: Departement) -> Zone {
        match d.code() {
            "971" | "972" | "974" => Zone::Gmr,
            "973" => Zone::Guyane,
            "976" => Zone::Mayotte,
            _ => Zone::Metro,
        }
    }
}

/// A contribution with a reduced rate at or below a threshold (maladie,
/// famille).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Reduced {
    full: Decimal,
    reduced: Decimal,
    /// The full-time monthly threshold, if the reduced rate exists.
    threshold: Option<Decimal>,
}

/// The parameters of a [`Reduced`] contribution: full rate, reduced rate,
/// threshold as a multiple of the SMIC, frozen SMIC of the threshold (0:
/// the month's), floor of the threshold as a multiple of the SMIC.
type ReducedParameters = [Parameter; 5];

const MALADIE: ReducedParameters = [
    Parameter::EmployerMaladieRate,
    Parameter::EmployerMaladieReducedRate,
    Parameter::MaladieThresholdSmicMultiple,
    Parameter::MaladieThresholdFrozenSmic,
    Parameter::MaladieThresholdFloorSmicMultiple,
];

const FAMILLE: ReducedParameters = [
    Parameter::EmployerFamilleRate,
    Parameter::EmployerFamilleReducedRate,
    Parameter::FamilleThresholdSmicMultiple,
    Parameter::FamilleThresholdFrozenSmic,
    Parameter::FamilleThresholdFloorSmicMultiple,
];

impl Reduced {
    /// Reads the rates and threshold; a multiple of 0 means no reduced
    /// rate, and its frozen SMIC and floor are then not needed.
    fn resolve(
        get: impl Fn(Parameter) -> Result<Decimal, MissingParameter>,
        smic: Decimal,
        [full, reduced, multiple, frozen, floor]: ReducedParameters,
    ) -> Result<Reduced, MissingParameter> {
        let multiple = get(multiple)?;
        let threshold = if multiple.is_zero() {
            None
        } else {
            let frozen = get(frozen)?;
            let reference = if frozen > Decimal::ZERO { frozen } else { smic };
            Some((multiple * reference).max(get(floor)? * smic))
        };
        Ok(Reduced {
            full: get(full)?,
            reduced: get(reduced)?,
            threshold,
        })
    }

    fn rate(&self, gross: Decimal, q: Decimal) -> Decimal {
        match self.threshold {
            Some(t) if gross <= t * q => self.reduced,
            _ => self.full,
        }
    }
}

/// The parameters of the detailed model in force in one month for one
/// sector (docs/formats.md, rule 11), read once from [`Parameters`].
#[derive(Clone, Debug, PartialEq)]
pub struct MonthParams {
    /// Published monthly SMIC.
    pub smic: Decimal,
    /// PMSS.
    pub pmss: Decimal,
    ceiling_4: Decimal,
    ceiling_8: Decimal,
    maladie: Reduced,
    famille: Reduced,
    er_vieillesse_plafonnee: Decimal,
    er_vieillesse_deplafonnee: Decimal,
    er_csa: Decimal,
    er_fnal_lt50: Decimal,
    er_fnal_ge50: Decimal,
    er_chomage: Decimal,
    er_ags: Decimal,
    er_agirc_arrco_t1: Decimal,
    er_agirc_arrco_t2: Decimal,
    er_ceg_t1: Decimal,
    er_ceg_t2: Decimal,
    er_cet: Decimal,
    er_formation_ge11: Decimal,
    er_dialogue_social: Decimal,
    er_peec_ge50: Decimal,
    rg_formula: u8,
    rg_t_lt50: Decimal,
    rg_t_ge50: Decimal,
    rg_ceiling: Decimal,
    /// T ÷ (ceiling − 1) by size class, computed once.
    rg_slope_lt50: Decimal,
    rg_slope_ge50: Decimal,
    /// The SMIC of the réduction générale (frozen or the month's).
    rg_smic: Decimal,
    rgdu_t_min: Decimal,
    rgdu_t_delta_lt50: Decimal,
    rgdu_t_delta_ge50: Decimal,
    /// The RGDU exponent in quarters (1.75 → 7).
    rgdu_quarters: u32,
    /// The first bracket threshold of the taxe sur les salaires (annual pay).
    pub(crate) ts_threshold_1: Decimal,
    /// Its second bracket threshold.
    pub(crate) ts_threshold_2: Decimal,
    ts_rate_1: Decimal,
    ts_rate_2: Decimal,
    ts_rate_3: Decimal,
    ts_rate_gmr: Decimal,
    ts_rate_guyane: Decimal,
    ts_rate_mayotte: Decimal,
    ee_vieillesse_plafonnee: Decimal,
    ee_vieillesse_deplafonnee: Decimal,
    ee_agirc_arrco_t1: Decimal,
    ee_agirc_arrco_t2: Decimal,
    ee_ceg_t1: Decimal,
    ee_ceg_t2: Decimal,
    ee_cet: Decimal,
    csg: Decimal,
    crds: Decimal,
    csg_base_ratio: Decimal,
    csg_ceiling: Decimal,
}

/// A parameter the detailed model needs and the schedule lacks (or holds
/// an unusable value) for a sector and month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MissingParameter(pub Parameter);

impl MonthParams {
    /// The parameters in force in `month` for `sector`.
    pub fn resolve(
        parameters: &Parameters,
        sector: Sector,
        month: YearMonth,
    ) -> Result<MonthParams, MissingParameter> {
        use Parameter as P;
        let get = |p: Parameter| {
            parameters
                .at_month(p, sector, month)
                .ok_or(MissingParameter(p))
        };
        // The error names the first parameter missing in this order: keep
        // it when moving lines.
        let smic = get(P::SmicMonthly)?;
        let rg_formula = match get(P::RgFormula)? {
            f if f == Decimal::ONE => 1,
            f if f == Decimal::TWO => 2,
            _ => return Err(MissingParameter(P::RgFormula)),
        };
        let frozen = get(P::RgSmicFrozenMonthly)?;
        let rgdu_quarters =
            quarters(get(P::RgduExponent)?).ok_or(MissingParameter(P::RgduExponent))?;
        let (rg_t_lt50, rg_t_ge50) = (get(P::RgTLt50)?, get(P::RgTGe50)?);
        let rg_ceiling = get(P::RgCeilingSmic)?;
        // A ceiling of 1 SMIC leaves no room for the reduction: no slope.
        let slope = |t: Decimal| t.checked_div(rg_ceiling - Decimal::ONE).unwrap_or_default();
        Ok(MonthParams {
            smic,
            pmss: get(P::Pmss)?,
            ceiling_4: get(P::CeilingChomagePmss)?,
            ceiling_8: get(P::CeilingT2Pmss)?,
            maladie: Reduced::resolve(get, smic, MALADIE)?,
            famille: Reduced::resolve(get, smic, FAMILLE)?,
            er_vieillesse_plafonnee: get(P::EmployerVieillessePlafonneeRate)?,
            er_vieillesse_deplafonnee: get(P::EmployerVieillesseDeplafonneeRate)?,
            er_csa: get(P::EmployerCsaRate)?,
            er_fnal_lt50: get(P::EmployerFnalRateLt50)?,
            er_fnal_ge50: get(P::EmployerFnalRateGe50)?,
            er_chomage: get(P::EmployerChomageRate)?,
            er_ags: get(P::EmployerAgsRate)?,
            er_agirc_arrco_t1: get(P::EmployerAgircArrcoT1Rate)?,
            er_agirc_arrco_t2: get(P::EmployerAgircArrcoT2Rate)?,
            er_ceg_t1: get(P::EmployerCegT1Rate)?,
            er_ceg_t2: get(P::EmployerCegT2Rate)?,
            er_cet: get(P::EmployerCetRate)?,
            er_formation_ge11: get(P::EmployerFormationRateGe11)?,
            er_dialogue_social: get(P::EmployerDialogueSocialRate)?,
            er_peec_ge50: get(P::EmployerPeecRateGe50)?,
            rg_formula,
            rg_t_lt50,
            rg_t_ge50,
            rg_ceiling,
            rg_slope_lt50: slope(rg_t_lt50),
            rg_slope_ge50: slope(rg_t_ge50),
            rg_smic: if frozen > Decimal::ZERO { frozen } else { smic },
            rgdu_t_min: get(P::RgduTMin)?,
            rgdu_t_delta_lt50: get(P::RgduTDeltaLt50)?,
            rgdu_t_delta_ge50: get(P::RgduTDeltaGe50)?,
            rgdu_quarters,
            ts_threshold_1: get(P::TsThreshold1)?,
            ts_threshold_2: get(P::TsThreshold2)?,
            ts_rate_1: get(P::TsRate1)?,
            ts_rate_2: get(P::TsRate2)?,
            ts_rate_3: get(P::TsRate3)?,
            ts_rate_gmr: get(P::TsRateGmr)?,
            ts_rate_guyane: get(P::TsRateGuyane)?,
            ts_rate_mayotte: get(P::TsRateMayotte)?,
            ee_vieillesse_plafonnee: get(P::EmployeeVieillessePlafonneeRate)?,
            ee_vieillesse_deplafonnee: get(P::EmployeeVieillesseDeplafonneeRate)?,
            ee_agirc_arrco_t1: get(P::EmployeeAgircArrcoT1Rate)?,
            ee_agirc_arrco_t2: get(P::EmployeeAgircArrcoT2Rate)?,
            ee_ceg_t1: get(P::EmployeeCegT1Rate)?,
            ee_ceg_t2: get(P::EmployeeCegT2Rate)?,
            ee_cet: get(P::EmployeeCetRate)?,
            csg: get(P::CsgRate)?,
            crds: get(P::CrdsRate)?,
            csg_base_ratio: get(P::CsgBaseRatio)?,
            csg_ceiling: get(P::CsgAbattementCeilingPmss)?,
        })
    }
}

/// A non-negative exponent that is a whole number of quarters, in quarters
/// (1.75 → 7).
fn quarters(exponent: Decimal) -> Option<u32> {
    let quarters = exponent * Decimal::from(4);
    if quarters.fract().is_zero() && quarters >= Decimal::ZERO {
        u32::try_from(quarters.mantissa() / 10i128.pow(quarters.scale())).ok()
    } else {
        None
    }
}

/// The employer side of one month's pay, before the taxe sur les salaires
/// (which is annual: [`taxe_salaires`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Breakdown {
    /// Σ employer contribution lines, each rounded to the cent.
    pub contributions: Money,
    /// The réduction générale (positive, deducted from the cost).
    pub reduction_generale: Money,
}

impl Breakdown {
    /// Contributions minus the réduction générale.
    pub fn net_contributions(&self) -> Money {
        self.contributions - self.reduction_generale
    }
}

/// A memo of breakdowns for one thread (the engine keeps the base's cost and
/// each measure's difference), for the common case: a
/// whole month of presence (q = fte) under the scenario's own employer
/// facts. The gross is then a function of the grid position, the month's
/// class (`Plan::class_cell`: the months whose parameters and point value
/// are the same), the measure (or none, for the base) and the fte, so the
/// breakdown is kept in a table indexed by (fte, class cell, measure) — no
/// hashing — and
/// computed once per thread. Results are identical to calling
/// [`employer_cost`]: the index determines every input.
#[derive(Debug, Default)]
pub(crate) struct CostCache {
    /// The plan the memo belongs to ([`super::Plan::id`]).
    plan: u64,
    ftes: Vec<Decimal>,
    tables: Vec<Vec<Option<Breakdown>>>,
}

thread_local! {
    /// One memo per thread, kept across the chunks and rayon splits of a run.
    static COSTS: std::cell::Cell<Option<CostCache>> = const { std::cell::Cell::new(None) };
}

impl CostCache {
    /// This thread's memo for the plan `plan` (a fresh one if the thread
    /// last worked for another plan); give it back with [`CostCache::release`].
    pub fn take(plan: u64) -> CostCache {
        match COSTS.take() {
            Some(c) if c.plan == plan => c,
            _ => CostCache {
                plan,
                ..CostCache::default()
            },
        }
    }

    /// Gives the memo back to this thread.
    pub fn release(self) {
        COSTS.set(Some(self));
    }

    /// At most this many distinct fte values are memoised per thread; other
    /// ftes are computed directly.
    const FTES: usize = 32;

    /// The most entries of one fte's table (class cells × (measures + 1)):
    /// about 10 MB. A plan with more (hundreds of measures) is computed
    /// without the memo — the same figures, more slowly.
    pub const MAX_ENTRIES: usize = 1 << 18;

    /// The table slot of `fte`, if memoised.
    pub fn fte_slot(&mut self, fte: Decimal, entries: usize) -> Option<usize> {
        if let Some(i) = self.ftes.iter().position(|f| *f == fte) {
            return Some(i);
        }
        if self.ftes.len() >= Self::FTES {
            return None;
        }
        self.ftes.push(fte);
        self.tables.push(vec![None; entries]);
        Some(self.ftes.len() - 1)
    }

    /// The memoised breakdown at (`slot`, `entry`), computed by `compute`
    /// the first time.
    pub fn get(
        &mut self,
        slot: usize,
        entry: usize,
        compute: impl FnOnce() -> Breakdown,
    ) -> Breakdown {
        let cell = &mut self.tables[slot][entry];
        *cell.get_or_insert_with(compute)
    }
}

/// `rate × base`, rounded to the cent: one payslip line.
pub(crate) fn line(rate: Decimal, base: Decimal) -> Decimal {
    if rate.is_zero() {
        return Decimal::ZERO;
    }
    // Common case, in integers: both mantissas fit 31 bits (a rate of a few
    // decimals, a base in cents), so the product is exact in an i64 and its
    // one rounding to the cent is Decimal's on the same exact value.
    let (r, b) = (rate.mantissa(), base.mantissa());
    let scale = rate.scale() + base.scale();
    if r.unsigned_abs() < 1 << 31 && b.unsigned_abs() < 1 << 31 && (2..=18).contains(&scale) {
        let cents = div_half_away(r as i64 * b as i64, 10i64.pow(scale - 2));
        return Decimal::new(cents, 2);
    }
    round_cents(rate * base)
}

/// `x` rounded to 4 decimals, as the réduction générale coefficient is.
pub(crate) fn round4(x: Decimal) -> Decimal {
    round_dp(x, 4)
}

/// The contribution bases (docs/payroll.md, "Per employee and month") for a
/// gross `g` and a prorated PMSS.
struct Bases {
    t1: Decimal,
    t2: Decimal,
    upto4: Decimal,
    cet: Decimal,
}

impl Bases {
    fn new(p: &MonthParams, g: Decimal, pmss_q: Decimal) -> Bases {
        let above = (g - pmss_q).max(Decimal::ZERO);
        Bases {
            t1: g.min(pmss_q),
            t2: above.min((p.ceiling_8 - Decimal::ONE) * pmss_q),
            upto4: g.min(p.ceiling_4 * pmss_q),
            cet: if g > pmss_q {
                g.min(p.ceiling_8 * pmss_q)
            } else {
                Decimal::ZERO
            },
        }
    }
}

/// The employer contributions and réduction générale of a month's gross
/// `gross` (already × fte × presence, rounded), for an employee whose
/// proration factor is `q` = fte × days present ÷ days in the month
/// (docs/payroll.md, "Per employee and month"; the PMSS, SMIC and
/// thresholds are × q).
pub fn employer_cost(
    p: &MonthParams,
    gross: Money,
    q: Decimal,
    facts: &EmployerFacts,
) -> Breakdown {
    let g = gross.amount();
    let pmss_q = p.pmss * q;
    let b = Bases::new(p, g, pmss_q);
    let ge50 = facts.size == EmployerSize::Ge50;
    // Whole-pay rates summed line by line (each line is rounded on its own).
    let mut c = line(p.maladie.rate(g, q), g)
        + line(p.famille.rate(g, q), g)
        + line(p.er_vieillesse_plafonnee, b.t1)
        + line(p.er_vieillesse_deplafonnee, g)
        + line(p.er_csa, g)
        + line(facts.at_mp_rate, g)
        + line(p.er_chomage, b.upto4)
        + line(p.er_ags, b.upto4)
        + line(p.er_agirc_arrco_t1, b.t1)
        + line(p.er_agirc_arrco_t2, b.t2)
        + line(p.er_ceg_t1, b.t1)
        + line(p.er_ceg_t2, b.t2)
        + line(p.er_cet, b.cet)
        + line(p.er_formation_ge11, g)
        + line(p.er_dialogue_social, g);
    if ge50 {
        c += line(p.er_fnal_ge50, g) + line(p.er_peec_ge50, g);
    } else {
        c += line(p.er_fnal_lt50, b.t1);
    }
    Breakdown {
        contributions: Money::round(c),
        reduction_generale: Money::round(reduction_generale(p, g, q, ge50)),
    }
}

/// The réduction générale of docs/payroll.md (2019–2025 formula, or the 2026
/// RGDU), in euros, rounded to the cent.
fn reduction_generale(p: &MonthParams, g: Decimal, q: Decimal, ge50: bool) -> Decimal {
    let smic_rg = p.rg_smic * q;
    let ceiling = p.rg_ceiling * smic_rg;
    if g <= Decimal::ZERO || g >= ceiling {
        return Decimal::ZERO;
    }
    let ratio = ceiling / g - Decimal::ONE;
    let coefficient = if p.rg_formula == 1 {
        let t = if ge50 { p.rg_t_ge50 } else { p.rg_t_lt50 };
        let slope = if ge50 {
            p.rg_slope_ge50
        } else {
            p.rg_slope_lt50
        };
        // A ceiling a hair above 1 SMIC makes the slope huge: the product
        // is then beyond t (or below 0) and the bounds decide.
        match slope.checked_mul(ratio) {
            Some(x) => round4(x).max(Decimal::ZERO).min(t),
            None if slope.is_sign_negative() => Decimal::ZERO,
            None => t,
        }
    } else {
        let td = if ge50 {
            p.rgdu_t_delta_ge50
        } else {
            p.rgdu_t_delta_lt50
        };
        let x = (ratio / Decimal::TWO).max(Decimal::ZERO);
        (p.rgdu_t_min + td).min(p.rgdu_t_min + round4_times_pow(td, x, p.rgdu_quarters))
    };
    line(coefficient, g)
}

/// `round4(t × x ^ (n / 4))` for t, x ≥ 0. In f64 when its value is
/// farther than 10⁻⁶ of a unit of the fourth decimal from a rounding tie:
/// f64's error here is below 10⁻¹⁰ of that unit, so the rounding is the
/// exact value's, and that of the decimal computation it spares (two
/// Newton square roots). Near a tie, in decimal by [`pow_quarters`].
pub(crate) fn round4_times_pow(t: Decimal, x: Decimal, n: u32) -> Decimal {
    use rust_decimal::prelude::ToPrimitive;
    if let (Some(tf), Some(xf)) = (t.to_f64(), x.to_f64()) {
        if n > 0 && tf >= 0.0 && xf > 0.0 {
            let y = tf * xf.powf(f64::from(n) / 4.0) * 1e4;
            let floor = y.floor();
            if y.is_finite() && y < 1e9 && (y - floor - 0.5).abs() > 1e-6 {
                let units = floor as i64 + i64::from(y - floor > 0.5);
                return Decimal::new(units, 4);
            }
        }
    }
    round4(t * pow_quarters(x, n))
}

/// `x ^ (n / 4)` for x ≥ 0: `sqrt(sqrt(x ^ n))`, in decimal (exact to far
/// more than the 4 decimals the coefficient is rounded to).
pub(crate) fn pow_quarters(x: Decimal, n: u32) -> Decimal {
    if x.is_zero() {
        return if n == 0 { Decimal::ONE } else { Decimal::ZERO };
    }
    let power = x.checked_powu(u64::from(n)).unwrap_or(Decimal::MAX);
    power.sqrt().and_then(|r| r.sqrt()).unwrap_or(Decimal::ZERO)
}

/// The taxe sur les salaires on an employee's individual annual pay
/// `annual` (docs/payroll.md), with the parameters `p` in force on 1 January.
/// Rounded to the cent. Employer-level abattement, franchise and décote are
/// not applied (docs/payroll.md).
pub fn taxe_salaires(p: &MonthParams, zone: Zone, annual: Money) -> Money {
    let a = annual.amount();
    let tax = match zone {
        Zone::Metro => {
            p.ts_rate_1 * a.min(p.ts_threshold_1)
                + p.ts_rate_2 * (a.min(p.ts_threshold_2) - p.ts_threshold_1).max(Decimal::ZERO)
                + p.ts_rate_3 * (a - p.ts_threshold_2).max(Decimal::ZERO)
        }
        Zone::Gmr => p.ts_rate_gmr * a,
        Zone::Guyane => p.ts_rate_guyane * a,
        Zone::Mayotte => p.ts_rate_mayotte * a,
    };
    Money::round(tax)
}

/// [`taxe_salaires`] in integer cents, for the fast path: the rates and
/// thresholds of one zone and January, exactly as integers (rates in
/// millionths, at most 1; thresholds in cents), so that a tax is a few
/// i64 multiplications whose one rounding is [`Money::round`]'s.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TaxeCents {
    /// `(rate, from, to)`: the rate applies to the part of the annual pay
    /// between `from` and `to` cents (`to` = `None`: no upper bound).
    brackets: [(i64, i64, Option<i64>); 3],
}

/// Units of a rate in [`TaxeCents`]: 10⁶ per 1.
const RATE_UNITS: i64 = 1_000_000;

/// Annual pays beyond ±10¹² cents are left to [`taxe_salaires`]: below,
/// three brackets of rate ≤ 1 sum to at most 3 × 10¹⁸ units, an i64.
const TAXE_CENTS_LIMIT: i128 = 1_000_000_000_000;

impl TaxeCents {
    /// The integer schedule of `zone` under `p`, `None` when a rate is not
    /// a whole number of millionths between 0 and 1 or a threshold not a
    /// whole number of cents within ±10¹² (the Decimal [`taxe_salaires`]
    /// then serves).
    pub fn new(p: &MonthParams, zone: Zone) -> Option<TaxeCents> {
        let exact = |d: Decimal, units: i64, limit: i128| {
            let scaled = d.checked_mul(Decimal::from(units))?;
            let whole = scaled.trunc();
            let value = whole.mantissa() / 10i128.pow(whole.scale());
            (whole == scaled && value.abs() <= limit).then_some(value as i64)
        };
        let rate = |d: Decimal| exact(d, RATE_UNITS, i128::from(RATE_UNITS)).filter(|r| *r >= 0);
        let cents = |d: Decimal| exact(d, 100, TAXE_CENTS_LIMIT);
        let flat =
            |r: Decimal| Some([(rate(r)?, i64::MIN, None), (0, 0, Some(0)), (0, 0, Some(0))]);
        let brackets = match zone {
            Zone::Metro => {
                let (t1, t2) = (cents(p.ts_threshold_1)?, cents(p.ts_threshold_2)?);
                [
                    (rate(p.ts_rate_1)?, i64::MIN, Some(t1)),
                    (rate(p.ts_rate_2)?, t1, Some(t2)),
                    (rate(p.ts_rate_3)?, t2, None),
                ]
            }
            Zone::Gmr => flat(p.ts_rate_gmr)?,
            Zone::Guyane => flat(p.ts_rate_guyane)?,
            Zone::Mayotte => flat(p.ts_rate_mayotte)?,
        };
        Some(TaxeCents { brackets })
    }

    /// The tax on `annual` cents, in cents: [`taxe_salaires`] exactly, or
    /// `None` beyond ±10¹⁵ cents.
    pub fn tax(&self, annual: i128) -> Option<i128> {
        if annual.abs() > TAXE_CENTS_LIMIT {
            return None;
        }
        let annual = annual as i64;
        // As `taxe_salaires`: rate₁ × min(A, t₁) (negative when A is), then
        // each further bracket on max(0, min(A, upper) − lower).
        let mut units = 0;
        for (k, &(rate, from, to)) in self.brackets.iter().enumerate() {
            let upper = to.map_or(annual, |t| annual.min(t));
            let part = if k == 0 { upper } else { (upper - from).max(0) };
            units += rate * part;
        }
        Some(i128::from(div_half_away(units, RATE_UNITS)))
    }
}

/// A line `rate × base`: rounded to the cent as on a payslip ([`line`]),
/// or exact when a net is solved for.
pub(crate) fn line_or_exact(rounded: bool, rate: Decimal, base: Decimal) -> Decimal {
    if rounded {
        line(rate, base)
    } else {
        rate * base
    }
}

/// The CSG and CRDS base of a gross `g`: `ratio` (98.25 %) of the part up
/// to `ceiling` (4 PMSS), all of the part above.
pub(crate) fn csg_base(ratio: Decimal, g: Decimal, ceiling: Decimal) -> Decimal {
    ratio * g.min(ceiling) + (g - ceiling).max(Decimal::ZERO)
}

/// The employee lines (docs/payroll.md, `net_monthly` under the detailed
/// model), each rounded (`rounded`) or not.
fn employee_contributions(p: &MonthParams, g: Decimal, pmss_q: Decimal, rounded: bool) -> Decimal {
    let b = Bases::new(p, g, pmss_q);
    let csg_base = csg_base(p.csg_base_ratio, g, p.csg_ceiling * pmss_q);
    let l = |rate: Decimal, base: Decimal| line_or_exact(rounded, rate, base);
    l(p.ee_vieillesse_plafonnee, b.t1)
        + l(p.ee_vieillesse_deplafonnee, g)
        + l(p.ee_agirc_arrco_t1, b.t1)
        + l(p.ee_agirc_arrco_t2, b.t2)
        + l(p.ee_ceg_t1, b.t1)
        + l(p.ee_ceg_t2, b.t2)
        + l(p.ee_cet, b.cet)
        + l(p.csg, csg_base)
        + l(p.crds, csg_base)
}

/// The employee's net pay for a month's gross (each line rounded to the
/// cent), with the PMSS × `q`.
pub fn net(p: &MonthParams, gross: Money, q: Decimal) -> Money {
    let g = gross.amount();
    Money::round(g - employee_contributions(p, g, p.pmss * q, true))
}

/// The unrounded full-time net of `g`; with `cet_on` the CET applies at
/// g = PMSS too (the right-hand limit at the PMSS).
pub(crate) fn net_exact(p: &MonthParams, g: Decimal, right_of_pmss: bool) -> Decimal {
    let mut n = g - employee_contributions(p, g, p.pmss, false);
    if right_of_pmss && g == p.pmss {
        n -= p.ee_cet * g;
    }
    n
}

/// dnet/dG (full time) just right of `g` (`right` true) or just left of it.
fn slope(p: &MonthParams, g: Decimal, right: bool) -> Decimal {
    let below = |x: Decimal| if right { g < x } else { g <= x };
    let mut rate = p.ee_vieillesse_deplafonnee;
    if below(p.pmss) {
        rate += p.ee_vieillesse_plafonnee + p.ee_agirc_arrco_t1 + p.ee_ceg_t1;
    } else if below(p.ceiling_8 * p.pmss) {
        rate += p.ee_agirc_arrco_t2 + p.ee_ceg_t2 + p.ee_cet;
    }
    let csg = if below(p.csg_ceiling * p.pmss) {
        (p.csg + p.crds) * p.csg_base_ratio
    } else {
        p.csg + p.crds
    };
    Decimal::ONE - rate - csg
}

/// The full-time gross increase ΔG that raises the net of a full-time base
/// `base` by exactly `amount` under the real employee contributions
/// (docs/payroll.md, `net_monthly` under the detailed model): the unrounded
/// net is piecewise affine with breakpoints at 1, 4 and 8 PMSS and a
/// downward jump of the employee CET just above the PMSS, so the equation is
/// solved segment by segment — the smallest solution above the base for a
/// rise, the largest below it for a cut.
/// Rounded to the cent; `None` when the employee rates leave no net on a
/// segment (a zero slope) or ΔG is beyond Decimal's range.
pub fn gross_for_net(p: &MonthParams, base: Money, amount: Decimal) -> Option<Money> {
    let b = base.amount();
    let target = net_exact(p, b, false) + amount;
    let mut breakpoints = [p.pmss, p.csg_ceiling * p.pmss, p.ceiling_8 * p.pmss];
    breakpoints.sort();
    // The gross at which the segment from `at` (net `value`, slope `slope`)
    // reaches the target.
    let reach = |at: Decimal, value: Decimal, slope: Decimal| {
        (target - value)
            .checked_div(slope)
            .and_then(|d| at.checked_add(d))
    };
    if amount >= Decimal::ZERO {
        let mut a = b;
        for hi in breakpoints
            .iter()
            .copied()
            .filter(|x| *x > b)
            .map(Some)
            .chain([None])
        {
            let g = reach(a, net_exact(p, a, true), slope(p, a, true))?;
            if g >= a && hi.is_none_or(|h| g <= h) {
                return Some(Money::round(g.checked_sub(b)?));
            }
            a = hi.unwrap_or(a);
        }
    } else {
        let mut top = b;
        let mut value = net_exact(p, b, false);
        for lo in breakpoints
            .iter()
            .rev()
            .copied()
            .filter(|x| *x < b)
            .chain([Decimal::ZERO])
        {
            let g = reach(top, value, slope(p, top, false))?;
            if g >= lo {
                return Some(Money::round(g.checked_sub(b)?));
            }
            top = lo;
            value = net_exact(p, lo, false);
        }
    }
    // Below a zero gross: keep the last segment's slope.
    let g = target.checked_div(slope(p, Decimal::ZERO, true))?;
    Some(Money::round(g.checked_sub(b)?))
}
