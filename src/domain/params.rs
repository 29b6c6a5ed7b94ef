//! Dated values: a [`Schedule`] of values each in force from an effective
//! date, and the payroll [`Parameters`] (flat and detailed models), per sector.

use super::{Date, Location, Sector, YearMonth};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Values in force from their effective dates.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule<T> {
    entries: Vec<(Date, T)>,
    /// Where the value of the latest date was read, when it was read from a
    /// file: what a warning about carrying it forward points at.
    last_source: Option<Location>,
}

impl<T> Default for Schedule<T> {
    fn default() -> Self {
        Schedule {
            entries: Vec::new(),
            last_source: None,
        }
    }
}

impl<T> Schedule<T> {
    /// Adds a value; returns it back if a value already has that date
    /// (docs/formats.md, rule 11).
    pub fn insert(&mut self, effective: Date, value: T) -> Result<(), T> {
        match self.entries.binary_search_by(|(d, _)| d.cmp(&effective)) {
            Ok(_) => Err(value),
            Err(i) => {
                self.entries.insert(i, (effective, value));
                Ok(())
            }
        }
    }

    /// [`Schedule::insert`] of a value read at `source`.
    pub fn insert_from(&mut self, effective: Date, value: T, source: Location) -> Result<(), T> {
        let latest = self.entries.last().is_none_or(|(d, _)| *d < effective);
        self.insert(effective, value)?;
        if latest {
            self.last_source = Some(source);
        }
        Ok(())
    }

    /// The latest effective date and where its value was read.
    pub fn last(&self) -> Option<(Date, Option<&Location>)> {
        self.entries
            .last()
            .map(|(d, _)| (*d, self.last_source.as_ref()))
    }

    /// The value in force on the first day of `month` (docs/formats.md,
    /// rule 11: an effective date on the 15th counts from the next month).
    pub fn at_month(&self, month: YearMonth) -> Option<&T> {
        self.on(month.first_day())
    }

    /// The value in force on `day`.
    pub fn on(&self, day: Date) -> Option<&T> {
        let i = self.entries.partition_point(|(d, _)| *d <= day);
        i.checked_sub(1).map(|i| &self.entries[i].1)
    }

    /// The dated entries, in date order.
    pub fn entries(&self) -> &[(Date, T)] {
        &self.entries
    }

    /// Whether there is no value at all.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

macro_rules! parameters {
    ($($(#[doc = $doc:literal])* $variant:ident => $name:literal,)*) => {
        /// A payroll parameter: the two rates of the flat model and the dated
        /// schedule of the detailed model (`docs/payroll.md`). The one list of
        /// names that a parameters file may use (docs/formats.md, rule 10).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Parameter {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Parameter {
            /// Every parameter.
            pub const ALL: &'static [Parameter] = &[$(Parameter::$variant,)*];

            /// The name written in files.
            pub fn name(self) -> &'static str {
                match self {
                    $(Parameter::$variant => $name,)*
                }
            }
        }
    };
}

parameters! {
    /// Flat model: share of gross withheld from the employee, turning a net amount into gross.
    EmployeeRate => "employee_rate",
    /// Flat model: employer contributions per euro of gross.
    EmployerRate => "employer_rate",
    /// Published gross monthly SMIC (151.67 h), euros.
    SmicMonthly => "smic_monthly",
    /// Hourly SMIC, euros (information only).
    SmicHourly => "smic_hourly",
    /// Plafond mensuel de la sécurité sociale, euros.
    Pmss => "pmss",
    /// Ceiling of the chômage and AGS base, in PMSS (4).
    CeilingChomagePmss => "ceiling_chomage_pmss",
    /// Top of tranche 2 and of the CET base, in PMSS (8).
    CeilingT2Pmss => "ceiling_t2_pmss",
    /// Employer maladie, full rate, whole pay.
    EmployerMaladieRate => "employer_maladie_rate",
    /// Employer maladie, reduced rate under the threshold.
    EmployerMaladieReducedRate => "employer_maladie_reduced_rate",
    /// Maladie threshold in SMIC (0: no reduced rate).
    MaladieThresholdSmicMultiple => "maladie_threshold_smic_multiple",
    /// SMIC amount the maladie multiple applies to (0: the month's SMIC).
    MaladieThresholdFrozenSmic => "maladie_threshold_frozen_smic",
    /// Floor of the maladie threshold in current SMIC (0: none).
    MaladieThresholdFloorSmicMultiple => "maladie_threshold_floor_smic_multiple",
    /// Employer allocations familiales, full rate, whole pay.
    EmployerFamilleRate => "employer_famille_rate",
    /// Employer famille, reduced rate under the threshold.
    EmployerFamilleReducedRate => "employer_famille_reduced_rate",
    /// Famille threshold in SMIC (0: no reduced rate).
    FamilleThresholdSmicMultiple => "famille_threshold_smic_multiple",
    /// SMIC amount the famille multiple applies to (0: the month's SMIC).
    FamilleThresholdFrozenSmic => "famille_threshold_frozen_smic",
    /// Floor of the famille threshold in current SMIC (0: none).
    FamilleThresholdFloorSmicMultiple => "famille_threshold_floor_smic_multiple",
    /// Employer vieillesse plafonnée, up to 1 PMSS.
    EmployerVieillessePlafonneeRate => "employer_vieillesse_plafonnee_rate",
    /// Employer vieillesse déplafonnée, whole pay.
    EmployerVieillesseDeplafonneeRate => "employer_vieillesse_deplafonnee_rate",
    /// Contribution solidarité autonomie, whole pay.
    EmployerCsaRate => "employer_csa_rate",
    /// FNAL under 50 employees, up to 1 PMSS.
    EmployerFnalRateLt50 => "employer_fnal_rate_lt50",
    /// FNAL from 50 employees, whole pay.
    EmployerFnalRateGe50 => "employer_fnal_rate_ge50",
    /// Employer chômage, up to 4 PMSS.
    EmployerChomageRate => "employer_chomage_rate",
    /// AGS, up to 4 PMSS.
    EmployerAgsRate => "employer_ags_rate",
    /// Employer AGIRC-ARRCO, tranche 1.
    EmployerAgircArrcoT1Rate => "employer_agirc_arrco_t1_rate",
    /// Employer AGIRC-ARRCO, tranche 2.
    EmployerAgircArrcoT2Rate => "employer_agirc_arrco_t2_rate",
    /// Employer CEG, tranche 1.
    EmployerCegT1Rate => "employer_ceg_t1_rate",
    /// Employer CEG, tranche 2.
    EmployerCegT2Rate => "employer_ceg_t2_rate",
    /// Employer CET, whole pay up to 8 PMSS when pay exceeds 1 PMSS.
    EmployerCetRate => "employer_cet_rate",
    /// Formation professionnelle from 11 employees, whole pay.
    EmployerFormationRateGe11 => "employer_formation_rate_ge11",
    /// Formation professionnelle under 11 employees, whole pay.
    EmployerFormationRateLt11 => "employer_formation_rate_lt11",
    /// Dialogue social, whole pay.
    EmployerDialogueSocialRate => "employer_dialogue_social_rate",
    /// PEEC from 50 employees, whole pay.
    EmployerPeecRateGe50 => "employer_peec_rate_ge50",
    /// Réduction générale formula: 1 (2019–2025) or 2 (RGDU, 2026).
    RgFormula => "rg_formula",
    /// T of the réduction générale under 50 employees.
    RgTLt50 => "rg_t_lt50",
    /// T of the réduction générale from 50 employees.
    RgTGe50 => "rg_t_ge50",
    /// Exit ceiling of the réduction générale, in SMIC.
    RgCeilingSmic => "rg_ceiling_smic",
    /// SMIC used by the réduction générale instead of the month's (0: the month's).
    RgSmicFrozenMonthly => "rg_smic_frozen_monthly",
    /// RGDU Tmin.
    RgduTMin => "rgdu_t_min",
    /// RGDU Tdelta under 50 employees.
    RgduTDeltaLt50 => "rgdu_t_delta_lt50",
    /// RGDU Tdelta from 50 employees.
    RgduTDeltaGe50 => "rgdu_t_delta_ge50",
    /// RGDU exponent (1.75).
    RgduExponent => "rgdu_exponent",
    /// Taxe sur les salaires: upper limit of the first bracket, annual euros.
    TsThreshold1 => "ts_threshold_1",
    /// Taxe sur les salaires: upper limit of the second bracket, annual euros.
    TsThreshold2 => "ts_threshold_2",
    /// Taxe sur les salaires, first bracket rate.
    TsRate1 => "ts_rate_1",
    /// Taxe sur les salaires, second bracket rate.
    TsRate2 => "ts_rate_2",
    /// Taxe sur les salaires, third bracket rate.
    TsRate3 => "ts_rate_3",
    /// Association abattement per employer, annual euros (information only).
    TsAbattement => "ts_abattement",
    /// Taxe sur les salaires in Guadeloupe, Martinique, La Réunion (flat).
    TsRateGmr => "ts_rate_gmr",
    /// Taxe sur les salaires in Guyane (flat).
    TsRateGuyane => "ts_rate_guyane",
    /// Taxe sur les salaires in Mayotte (flat).
    TsRateMayotte => "ts_rate_mayotte",
    /// Employee vieillesse plafonnée, up to 1 PMSS.
    EmployeeVieillessePlafonneeRate => "employee_vieillesse_plafonnee_rate",
    /// Employee vieillesse déplafonnée, whole pay.
    EmployeeVieillesseDeplafonneeRate => "employee_vieillesse_deplafonnee_rate",
    /// Employee AGIRC-ARRCO, tranche 1.
    EmployeeAgircArrcoT1Rate => "employee_agirc_arrco_t1_rate",
    /// Employee AGIRC-ARRCO, tranche 2.
    EmployeeAgircArrcoT2Rate => "employee_agirc_arrco_t2_rate",
    /// Employee CEG, tranche 1.
    EmployeeCegT1Rate => "employee_ceg_t1_rate",
    /// Employee CEG, tranche 2.
    EmployeeCegT2Rate => "employee_ceg_t2_rate",
    /// Employee CET.
    EmployeeCetRate => "employee_cet_rate",
    /// CSG, total rate.
    CsgRate => "csg_rate",
    /// CSG, deductible part (information only).
    CsgDeductibleRate => "csg_deductible_rate",
    /// CRDS.
    CrdsRate => "crds_rate",
    /// Share of gross in the CSG/CRDS base (0.9825).
    CsgBaseRatio => "csg_base_ratio",
    /// Pay up to which the CSG abattement applies, in PMSS (4).
    CsgAbattementCeilingPmss => "csg_abattement_ceiling_pmss",
    /// Public sector, both models: the indice majoré minimal, below which
    /// no agent is paid (docs/payroll.md, the public model).
    IndiceMajoreMinimal => "indice_majore_minimal",
    /// Public: employer CNRACL (pension), on the traitement indiciaire.
    EmployerCnraclRate => "employer_cnracl_rate",
    /// Public: allocation temporaire d'invalidité (ATIACL), on the traitement.
    EmployerAtiaclRate => "employer_atiacl_rate",
    /// Public: the CNFPT contribution, on the traitement.
    EmployerCnfptRate => "employer_cnfpt_rate",
    /// Public: the CNFPT apprenticeship surcharge, on the traitement.
    EmployerCnfptApprenticeshipRate => "employer_cnfpt_apprenticeship_rate",
    /// Public: employer RAFP, on bonuses up to the ceiling.
    EmployerRafpRate => "employer_rafp_rate",
    /// Public: the RAFP base ceiling, as a share of the traitement indiciaire.
    RafpCeilingRatio => "rafp_ceiling_ratio",
    /// Public: the CNRACL retenue pour pension, on the traitement.
    EmployeeCnraclRate => "employee_cnracl_rate",
    /// Public: employee RAFP, on bonuses up to the ceiling.
    EmployeeRafpRate => "employee_rafp_rate",
}

/// What a parameter measures, which sets the values it may take
/// (docs/formats.md, rule 43).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A share of a pay, 0 ≤ r ≤ 1.
    Rate,
    /// The share of gross withheld from the employee, 0 ≤ r < 1: the flat
    /// model divides by 1 − r.
    WithheldRate,
    /// Euros (a monthly SMIC, a PMSS, an annual threshold), 0 ≤ v ≤ 1 000 000.
    Euros,
    /// A multiple of the SMIC or of the PMSS, 0 ≤ m ≤ 100.
    Multiple,
    /// The réduction générale's formula: 1 or 2.
    Formula,
    /// The RGDU exponent: whole quarters from 0 to 4.
    Exponent,
    /// An indice majoré, 0 ≤ v ≤ 10 000 (the bound of a grid coefficient).
    Index,
}

impl Unit {
    /// Whether `value` is one this unit allows.
    pub fn allows(self, value: Decimal) -> bool {
        let zero = Decimal::ZERO;
        match self {
            Unit::Rate => value >= zero && value <= Decimal::ONE,
            Unit::WithheldRate => value >= zero && value < Decimal::ONE,
            Unit::Euros => value >= zero && value <= Decimal::from(1_000_000),
            Unit::Multiple => value >= zero && value <= Decimal::ONE_HUNDRED,
            Unit::Formula => value == Decimal::ONE || value == Decimal::TWO,
            Unit::Exponent => {
                let quarters = value * Decimal::from(4);
                quarters.fract().is_zero() && value >= zero && value <= Decimal::from(4)
            }
            Unit::Index => value >= zero && value <= Decimal::from(10_000),
        }
    }

    /// What a value of this unit must be, for messages.
    pub fn expected(self) -> &'static str {
        match self {
            Unit::Rate => "a rate 0 ≤ r ≤ 1",
            Unit::WithheldRate => "a rate 0 ≤ r < 1 (the share of gross withheld)",
            Unit::Euros => "an amount in euros, 0 ≤ v ≤ 1000000",
            Unit::Multiple => "a multiple 0 ≤ m ≤ 100",
            Unit::Formula => "1 or 2",
            Unit::Exponent => "an exponent in quarters from 0 to 4 (e.g. 1.75)",
            Unit::Index => "an indice majoré 0 ≤ v ≤ 10000",
        }
    }
}

impl Parameter {
    /// What the parameter measures (docs/formats.md, rule 43); a new
    /// parameter must say it here.
    pub fn unit(self) -> Unit {
        use Parameter as P;
        match self {
            P::EmployeeRate => Unit::WithheldRate,
            P::SmicMonthly
            | P::SmicHourly
            | P::Pmss
            | P::MaladieThresholdFrozenSmic
            | P::FamilleThresholdFrozenSmic
            | P::RgSmicFrozenMonthly
            | P::TsThreshold1
            | P::TsThreshold2
            | P::TsAbattement => Unit::Euros,
            P::CeilingChomagePmss
            | P::CeilingT2Pmss
            | P::MaladieThresholdSmicMultiple
            | P::MaladieThresholdFloorSmicMultiple
            | P::FamilleThresholdSmicMultiple
            | P::FamilleThresholdFloorSmicMultiple
            | P::RgCeilingSmic
            | P::CsgAbattementCeilingPmss => Unit::Multiple,
            P::RgFormula => Unit::Formula,
            P::RgduExponent => Unit::Exponent,
            P::IndiceMajoreMinimal => Unit::Index,
            P::EmployerRate
            | P::EmployerMaladieRate
            | P::EmployerMaladieReducedRate
            | P::EmployerFamilleRate
            | P::EmployerFamilleReducedRate
            | P::EmployerVieillessePlafonneeRate
            | P::EmployerVieillesseDeplafonneeRate
            | P::EmployerCsaRate
            | P::EmployerFnalRateLt50
            | P::EmployerFnalRateGe50
            | P::EmployerChomageRate
            | P::EmployerAgsRate
            | P::EmployerAgircArrcoT1Rate
            | P::EmployerAgircArrcoT2Rate
            | P::EmployerCegT1Rate
            | P::EmployerCegT2Rate
            | P::EmployerCetRate
            | P::EmployerFormationRateGe11
            | P::EmployerFormationRateLt11
            | P::EmployerDialogueSocialRate
            | P::EmployerPeecRateGe50
            | P::RgTLt50
            | P::RgTGe50
            | P::RgduTMin
            | P::RgduTDeltaLt50
            | P::RgduTDeltaGe50
            | P::TsRate1
            | P::TsRate2
            | P::TsRate3
            | P::TsRateGmr
            | P::TsRateGuyane
            | P::TsRateMayotte
            | P::EmployeeVieillessePlafonneeRate
            | P::EmployeeVieillesseDeplafonneeRate
            | P::EmployeeAgircArrcoT1Rate
            | P::EmployeeAgircArrcoT2Rate
            | P::EmployeeCegT1Rate
            | P::EmployeeCegT2Rate
            | P::EmployeeCetRate
            | P::CsgRate
            | P::CsgDeductibleRate
            | P::CrdsRate
            | P::CsgBaseRatio
            | P::EmployerCnraclRate
            | P::EmployerAtiaclRate
            | P::EmployerCnfptRate
            | P::EmployerCnfptApprenticeshipRate
            | P::EmployerRafpRate
            | P::RafpCeilingRatio
            | P::EmployeeCnraclRate
            | P::EmployeeRafpRate => Unit::Rate,
        }
    }
}

/// The error of parsing a parameter name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected a parameter name such as employee_rate, employer_rate or smic_monthly")]
pub struct ParameterError;

impl FromStr for Parameter {
    type Err = ParameterError;
    /// The name as written, or a text that folds like it (`Employer
    /// rate`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        super::fold::find_code(s, Parameter::ALL, Parameter::name, &[]).ok_or(ParameterError)
    }
}

impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The dated payroll parameters, per parameter and sector.
#[derive(Clone, Debug, Default)]
pub struct Parameters {
    schedules: BTreeMap<(Parameter, Sector), Schedule<Decimal>>,
}

impl Parameters {
    /// The schedule of one parameter in one sector (created empty on demand).
    pub fn schedule_mut(&mut self, parameter: Parameter, sector: Sector) -> &mut Schedule<Decimal> {
        self.schedules.entry((parameter, sector)).or_default()
    }

    /// The value of `parameter` for `sector` in force in `month`.
    pub fn at_month(
        &self,
        parameter: Parameter,
        sector: Sector,
        month: YearMonth,
    ) -> Option<Decimal> {
        self.schedules
            .get(&(parameter, sector))
            .and_then(|s| s.at_month(month))
            .copied()
    }

    /// Every schedule, by parameter then sector.
    pub fn iter(&self) -> impl Iterator<Item = (Parameter, Sector, &Schedule<Decimal>)> {
        self.schedules.iter().map(|((p, s), v)| (*p, *s, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_applies_from_the_first_month_it_is_in_force_on_the_first() {
        let mut s = Schedule::default();
        s.insert("2024-01-01".parse().unwrap(), 1).unwrap();
        s.insert("2024-07-15".parse().unwrap(), 2).unwrap();
        assert_eq!(s.insert("2024-01-01".parse().unwrap(), 3), Err(3));
        assert_eq!(s.at_month(YearMonth::new(2023, 12)), None);
        assert_eq!(s.at_month(YearMonth::new(2024, 7)), Some(&1));
        assert_eq!(s.at_month(YearMonth::new(2024, 8)), Some(&2));
    }
}
