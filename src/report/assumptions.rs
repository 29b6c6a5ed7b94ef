//! A scenario's assumptions, written beside its figures so that a report can
//! be audited: the horizon, each measure (kind, amount, dates, filters,
//! funding), the payroll parameters in force over the horizon, the data files
//! with their SHA-256 checksums, which of them are the data shipped in the
//! binary (and its version), and the version of revalo.
//!
//! [`Assumptions::new`] is pure; the checksums are computed by the pipeline
//! over the bytes it read (`pipeline::Inputs::assumptions`).

use super::fmt::{report_number, with_unit};
use crate::domain::params::Parameters;
use crate::domain::scenario::{
    Eligibility, Measure, MeasureKind, PointChange, Scenario, SmicFloor,
};
use rust_decimal::Decimal;
use std::path::{Component, Path, PathBuf};

/// One measure, described in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeasureText {
    /// Identifier.
    pub id: String,
    /// Kind, as in the scenario file (`net_monthly`).
    pub kind: String,
    /// Amount or percent, with its unit, in French.
    pub amount: String,
    /// First month.
    pub from: String,
    /// Last month, or empty.
    pub until: String,
    /// Eligibility filters, or `tous`.
    pub eligible: String,
    /// Payers and shares (`etat 2/3, departement 1/3`).
    pub funding: String,
}

/// One dated payroll parameter value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParameterText {
    /// Parameter name.
    pub parameter: String,
    /// Sector.
    pub sector: String,
    /// Effective date.
    pub effective: String,
    /// Value, as written.
    pub value: Decimal,
}

/// A data file and its checksum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileChecksum {
    /// What the file is (`scénario`, `effectifs`, `grille`, `paramètres`).
    pub role: String,
    /// Its path, as read (`<shipped>/…` for shipped data).
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// SHA-256, hexadecimal.
    pub sha256: String,
    /// Whether it is data shipped in the binary.
    pub shipped: bool,
}

/// Everything a reader needs to audit a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assumptions {
    /// The scenario's name.
    pub name: String,
    /// First year.
    pub first_year: i32,
    /// Last year.
    pub last_year: i32,
    /// The measures, in file order.
    pub measures: Vec<MeasureText>,
    /// Parameter values in force at some month of the horizon.
    pub parameters: Vec<ParameterText>,
    /// The data files.
    pub files: Vec<FileChecksum>,
    /// `revalo x.y.z`.
    pub version: String,
    /// When some files are shipped data, which data (see
    /// [`shipped_data`]).
    pub shipped: Option<String>,
    /// The `--where` conditions of the run (empty: every row).
    pub filter: String,
}

/// The shipped data set in words, in French: `données livrées avec revalo
/// 0.1.0, version 2026-11-27 (empreinte 0123456789abcdef)`.
pub fn shipped_data() -> String {
    format!(
        "données livrées avec revalo {}, version {} (empreinte {})",
        env!("CARGO_PKG_VERSION"),
        crate::shipped::DATA_VERSION,
        crate::shipped::fingerprint()
    )
}

/// `a/b/../c` → `a/c` (display only; the file system is not consulted).
pub fn tidy_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn decimal(d: Decimal) -> String {
    let d = d.normalize();
    let decimals = d.scale();
    report_number(d, decimals)
}

fn euros(d: Decimal) -> String {
    with_unit(&report_number(d, 2.max(d.normalize().scale())), "€")
}

fn amount(kind: &MeasureKind) -> String {
    match kind {
        MeasureKind::NetMonthly(a) => format!("{} net par mois (temps plein)", euros(*a)),
        MeasureKind::GrossMonthly(a) => format!("{} brut par mois (temps plein)", euros(*a)),
        MeasureKind::Points(a) => format!("{} points (× valeur du point)", decimal(*a)),
        MeasureKind::PointValue(PointChange::NewValue(v)) => {
            format!("valeur du point portée à {}", euros(*v))
        }
        MeasureKind::PointValue(PointChange::Percent(p)) => {
            format!("valeur du point + {}", with_unit(&decimal(*p), "%"))
        }
        MeasureKind::Coefficient(a) => format!("+ {} points de coefficient", decimal(*a)),
        MeasureKind::IndexPoints(a) => {
            format!("{} points d'indice majoré (fonction publique)", decimal(*a))
        }
    }
}

fn eligible(e: &Eligibility) -> String {
    fn list<T: ToString>(name: &str, values: &Option<Vec<T>>, parts: &mut Vec<String>) {
        if let Some(values) = values {
            let values: Vec<String> = values.iter().map(T::to_string).collect();
            parts.push(format!("{name} = {}", values.join(", ")));
        }
    }
    let mut parts = Vec::new();
    list("convention", &e.convention, &mut parts);
    list("job", &e.job, &mut parts);
    list("filiere", &e.filiere, &mut parts);
    list("sector", &e.sector, &mut parts);
    list("departement", &e.departement, &mut parts);
    list("funder", &e.funder, &mut parts);
    if parts.is_empty() {
        "tous les salariés".to_string()
    } else {
        parts.join(" ; ")
    }
}

fn measure(m: &Measure) -> MeasureText {
    MeasureText {
        id: m.id.clone(),
        kind: m.kind.name().to_string(),
        amount: {
            let mut text = amount(&m.kind);
            if m.smic_floor == SmicFloor::Absorbs && !m.kind.changes_grid_pay() {
                // An amount that is not on top of the floored pay, unlike
                // the default (docs/formats.md, rule 34).
                text.push_str(
                    ", compté dans la comparaison avec le SMIC (absorbe l’indemnité différentielle)",
                );
            }
            if m.bonus {
                text.push_str(", versé en prime");
            }
            text
        },
        from: m.from.to_string(),
        until: m.until.map(|u| u.to_string()).unwrap_or_default(),
        eligible: eligible(&m.eligible),
        funding: m.funding.to_string(),
    }
}

impl Assumptions {
    /// The assumptions of `scenario` run with `parameters`, with the
    /// checksums of its `files`.
    pub fn new(
        scenario: &Scenario,
        parameters: &Parameters,
        files: Vec<FileChecksum>,
    ) -> Assumptions {
        let first = scenario.first_month().first_day();
        let last = scenario.last_month().first_day();
        let mut rows = Vec::new();
        for (parameter, sector, schedule) in parameters.iter() {
            let entries = schedule.entries();
            for (i, (effective, value)) in entries.iter().enumerate() {
                let superseded_before = entries.get(i + 1).is_some_and(|(next, _)| *next <= first);
                if *effective <= last && !superseded_before {
                    rows.push(ParameterText {
                        parameter: parameter.to_string(),
                        sector: sector.to_string(),
                        effective: effective.to_string(),
                        value: *value,
                    });
                }
            }
        }
        Assumptions {
            name: scenario.name.clone(),
            first_year: scenario.first_year,
            last_year: scenario.last_year,
            measures: scenario.measures.iter().map(measure).collect(),
            parameters: rows,
            shipped: files.iter().any(|f| f.shipped).then(shipped_data),
            files,
            version: format!("revalo {}", env!("CARGO_PKG_VERSION")),
            filter: scenario.filter.to_string(),
        }
    }

    /// The horizon in words (`2022–2026`).
    pub fn horizon(&self) -> String {
        if self.first_year == self.last_year {
            self.first_year.to_string()
        } else {
            format!("{}–{}", self.first_year, self.last_year)
        }
    }
}
