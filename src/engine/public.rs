//! The public payroll model: what the pay of a titulaire of the fonction
//! publique territoriale (affiliated to the CNRACL) costs its employer in a
//! month, and what the agent keeps (docs/payroll.md, "Public employers").
//! Pure functions over [`PublicParams`], the public schedule resolved once
//! per month, and [`SectorPayroll`], which hands each sector's month to its
//! model: this one for `public` conventions, `payroll.rs` for the others.
//!
//! A month's pay is the *traitement* — the traitement indiciaire and every
//! measure that is not a bonus (the CTI is one: a complément de traitement
//! indiciaire) — on which every employer contribution is levied, and the
//! bonuses (`bonus = true`), under the RAFP alone. Each payslip line is
//! rounded to the cent. No réduction générale, no taxe sur les salaires.

use super::payroll::{
    self, csg_base, line, line_or_exact, Breakdown, MissingParameter, MonthParams,
};
use crate::domain::params::{Parameter, Parameters};
use crate::domain::scenario::{EmployerFacts, EmployerSize};
use crate::domain::{Money, Sector, YearMonth};
use rust_decimal::Decimal;

/// The public schedule in force in one month (docs/formats.md, rule 11),
/// read once from [`Parameters`] (sector `public`).
#[derive(Clone, Debug, PartialEq)]
pub struct PublicParams {
    /// PMSS (the FNAL ceiling under 50 agents, the CSG abattement's).
    pub pmss: Decimal,
    er_cnracl: Decimal,
    er_maladie: Decimal,
    er_csa: Decimal,
    er_famille: Decimal,
    er_fnal_lt50: Decimal,
    er_fnal_ge50: Decimal,
    er_atiacl: Decimal,
    er_cnfpt: Decimal,
    er_cnfpt_apprenticeship: Decimal,
    er_rafp: Decimal,
    rafp_ceiling: Decimal,
    ee_cnracl: Decimal,
    ee_rafp: Decimal,
    csg: Decimal,
    crds: Decimal,
    csg_base_ratio: Decimal,
    csg_ceiling: Decimal,
}

impl PublicParams {
    /// The public parameters in force in `month`.
    pub fn resolve(
        parameters: &Parameters,
        month: YearMonth,
    ) -> Result<PublicParams, MissingParameter> {
        use Parameter as P;
        let get = |p: Parameter| {
            parameters
                .at_month(p, Sector::Public, month)
                .ok_or(MissingParameter(p))
        };
        // The error names the first parameter missing in this order.
        Ok(PublicParams {
            er_cnracl: get(P::EmployerCnraclRate)?,
            er_maladie: get(P::EmployerMaladieRate)?,
            er_csa: get(P::EmployerCsaRate)?,
            er_famille: get(P::EmployerFamilleRate)?,
            er_fnal_lt50: get(P::EmployerFnalRateLt50)?,
            er_fnal_ge50: get(P::EmployerFnalRateGe50)?,
            er_atiacl: get(P::EmployerAtiaclRate)?,
            er_cnfpt: get(P::EmployerCnfptRate)?,
            er_cnfpt_apprenticeship: get(P::EmployerCnfptApprenticeshipRate)?,
            er_rafp: get(P::EmployerRafpRate)?,
            rafp_ceiling: get(P::RafpCeilingRatio)?,
            ee_cnracl: get(P::EmployeeCnraclRate)?,
            ee_rafp: get(P::EmployeeRafpRate)?,
            csg: get(P::CsgRate)?,
            crds: get(P::CrdsRate)?,
            csg_base_ratio: get(P::CsgBaseRatio)?,
            csg_ceiling: get(P::CsgAbattementCeilingPmss)?,
            pmss: get(P::Pmss)?,
        })
    }

    /// The RAFP base of a month: the bonuses, up to the ceiling share of
    /// the traitement.
    fn rafp_base(&self, traitement: Decimal, bonus: Decimal) -> Decimal {
        bonus.min(self.rafp_ceiling * traitement)
    }
}

/// The employer contribution lines of a month's `traitement` (the base
/// of every contribution: traitement indiciaire and measures that are not
/// bonuses) and `bonus` (the RAFP's, up to its ceiling), both already ×
/// fte × presence and rounded, for an agent whose proration factor is `q`
/// (the PMSS of the FNAL under 50 agents is × q): each line's name and
/// amount, rounded to the cent.
pub fn employer_lines(
    p: &PublicParams,
    traitement: Money,
    bonus: Money,
    q: Decimal,
    facts: &EmployerFacts,
) -> [(&'static str, Decimal); 9] {
    let t = traitement.amount();
    let fnal = match facts.size {
        EmployerSize::Ge50 => line(p.er_fnal_ge50, t),
        EmployerSize::Lt50 => line(p.er_fnal_lt50, t.min(p.pmss * q)),
    };
    [
        ("cnracl", line(p.er_cnracl, t)),
        ("maladie", line(p.er_maladie, t)),
        ("csa", line(p.er_csa, t)),
        ("famille", line(p.er_famille, t)),
        ("fnal", fnal),
        ("atiacl", line(p.er_atiacl, t)),
        ("cnfpt", line(p.er_cnfpt, t)),
        ("cnfpt_apprenticeship", line(p.er_cnfpt_apprenticeship, t)),
        ("rafp", line(p.er_rafp, p.rafp_base(t, bonus.amount()))),
    ]
}

/// The employer side of a month ([`employer_lines`], summed): no
/// réduction générale.
pub fn employer_cost(
    p: &PublicParams,
    traitement: Money,
    bonus: Money,
    q: Decimal,
    facts: &EmployerFacts,
) -> Breakdown {
    let lines = employer_lines(p, traitement, bonus, q, facts);
    Breakdown {
        contributions: Money::round(lines.iter().map(|(_, amount)| *amount).sum()),
        reduction_generale: Money::ZERO,
    }
}

/// The employee's deduction lines on `traitement` and `bonus` at
/// proration `q`: the CNRACL retenue, the RAFP, the CSG and CRDS on
/// 98.25 % of the whole gross up to 4 PMSS (all of it above); each line
/// rounded (`rounded`) or not.
pub fn employee_lines(
    p: &PublicParams,
    traitement: Decimal,
    bonus: Decimal,
    q: Decimal,
    rounded: bool,
) -> [(&'static str, Decimal); 4] {
    let csg_base = csg_base(
        p.csg_base_ratio,
        traitement + bonus,
        p.csg_ceiling * p.pmss * q,
    );
    let l = |rate: Decimal, base: Decimal| line_or_exact(rounded, rate, base);
    [
        ("cnracl", l(p.ee_cnracl, traitement)),
        ("rafp", l(p.ee_rafp, p.rafp_base(traitement, bonus))),
        ("csg", l(p.csg, csg_base)),
        ("crds", l(p.crds, csg_base)),
    ]
}

/// The sum of [`employee_lines`].
fn employee_contributions(
    p: &PublicParams,
    traitement: Decimal,
    bonus: Decimal,
    q: Decimal,
    rounded: bool,
) -> Decimal {
    employee_lines(p, traitement, bonus, q, rounded)
        .iter()
        .map(|(_, amount)| *amount)
        .sum()
}

/// The agent's net pay for a month's `traitement` and `bonus` (each line
/// rounded to the cent) at proration `q`.
pub fn net(p: &PublicParams, traitement: Money, bonus: Money, q: Decimal) -> Money {
    let (t, b) = (traitement.amount(), bonus.amount());
    Money::round(t + b - employee_contributions(p, t, b, q, true))
}

/// The full-time gross increase ΔG that raises the unrounded net of a
/// full-time traitement `base` by exactly `amount`, paid into the
/// traitement or as a `bonus` (docs/payroll.md, `net_monthly` for a public
/// agent). The net is continuous and piecewise affine in ΔG, increasing,
/// with knees where the gross reaches the CSG abattement's ceiling and,
/// for a bonus, where the bonus reaches the RAFP ceiling: the solution is
/// interpolated exactly on its segment. Rounded to the cent.
pub fn gross_for_net(p: &PublicParams, base: Money, amount: Decimal, bonus: bool) -> Money {
    let b = base.amount();
    let one = Decimal::ONE;
    let gain = |x: Decimal| {
        let (t, extra) = if bonus {
            (b, x)
        } else {
            (b + x, Decimal::ZERO)
        };
        t + extra
            - employee_contributions(p, t, extra, one, false)
            - (b - employee_contributions(p, b, Decimal::ZERO, one, false))
    };
    let mut knees = vec![Decimal::ZERO, p.csg_ceiling * p.pmss - b];
    if bonus {
        knees.push(p.rafp_ceiling * b);
    }
    knees.sort();
    knees.dedup();
    let values: Vec<Decimal> = knees.iter().map(|k| gain(*k)).collect();
    let last = knees.len() - 1;
    // The segment whose gains hold `amount`: before the first knee, between
    // two, or after the last (the outer ones extended by one euro).
    let (x0, y0, x1, y1) = match values.iter().position(|v| amount < *v) {
        Some(0) => (knees[0] - one, gain(knees[0] - one), knees[0], values[0]),
        Some(i) => (knees[i - 1], values[i - 1], knees[i], values[i]),
        None => (
            knees[last],
            values[last],
            knees[last] + one,
            gain(knees[last] + one),
        ),
    };
    Money::round(x0 + (amount - y0) * (x1 - x0) / (y1 - y0))
}

/// The payroll parameters of one sector in one month, handed to its model:
/// the association's (`payroll.rs`) or the public employer's (this module).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SectorPayroll<'p> {
    /// A private employer: the detailed model of docs/payroll.md.
    Private(&'p MonthParams),
    /// A public employer: the public model of docs/payroll.md.
    Public(&'p PublicParams),
}

impl SectorPayroll<'_> {
    /// The employer side of a month whose gross is `base` (the base pay,
    /// already × fte × presence, rounded) plus a measure's `delta`, paid as
    /// a `bonus` or not, at proration `q`. With a zero `delta`, the cost of
    /// the base alone.
    pub fn employer_cost(
        &self,
        base: Money,
        delta: Money,
        bonus: bool,
        q: Decimal,
        facts: &EmployerFacts,
    ) -> Breakdown {
        match self {
            SectorPayroll::Private(p) => payroll::employer_cost(p, base + delta, q, facts),
            SectorPayroll::Public(p) if bonus => employer_cost(p, base, delta, q, facts),
            SectorPayroll::Public(p) => employer_cost(p, base + delta, Money::ZERO, q, facts),
        }
    }

    /// The full-time ΔG of a `net_monthly` measure of `amount` at the
    /// full-time base `base`, paid as a `bonus` or not (a bonus is gross
    /// pay like any other for a private employer).
    pub fn gross_for_net(&self, base: Money, amount: Decimal, bonus: bool) -> Option<Money> {
        match self {
            SectorPayroll::Private(p) => payroll::gross_for_net(p, base, amount),
            SectorPayroll::Public(p) => Some(gross_for_net(p, base, amount, bonus)),
        }
    }
}
