//! A scenario's assumptions, written beside its figures so that a report can
//! be audited: the horizon, each measure (kind, amount, dates, filters,
//! funding), the payroll parameters in force over the horizon, the data files
//! with their SHA-256 checksums, and the version of revalo.
//!
//! [`Assumptions::new`] is pure; the checksums are computed by the caller
//! (`pipeline::Inputs::assumptions`), which reads the files, with
//! [`sha256_hex`].

use super::fmt::{report_number, with_unit};
use crate::domain::params::Parameters;
use crate::domain::scenario::{
    Eligibility, Measure, MeasureKind, PointChange, Scenario, SmicFloor,
};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::io::{self, Read};
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
    /// Its path, as read.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// SHA-256, hexadecimal.
    pub sha256: String,
}

/// The SHA-256 of everything `reader` yields, as the 64 lowercase
/// hexadecimal digits `sha256sum` prints. Streamed, so a large workforce
/// file is never held in memory.
pub fn sha256_hex(mut reader: impl Read) -> io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buffer[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let mut hex = String::with_capacity(64);
    for byte in hasher.finalize() {
        let _ = write!(hex, "{byte:02x}");
    }
    Ok(hex)
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
    /// The `--where` conditions of the run (empty: every row).
    pub filter: String,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_hex_gives_the_published_digests() {
        // FIPS 180-4 examples (and `printf … | sha256sum`); the million
        // `a` is read in several buffers.
        let cases: [(&[u8], &str); 3] = [
            (
                b"",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                b"abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
        ];
        for (bytes, digest) in cases {
            assert_eq!(sha256_hex(bytes).unwrap(), digest);
        }
        let million = vec![b'a'; 1_000_000];
        assert_eq!(
            sha256_hex(&million[..]).unwrap(),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }
}
