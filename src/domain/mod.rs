//! Domain types. Each parses itself where it enters (CSV cell, TOML value,
//! command-line flag), so that the engine never sees a raw string.

pub mod date;
pub mod departement;
pub mod filter;
pub mod fold;
pub mod fraction;
pub mod funding;
pub mod grid;
pub mod grouping;
pub mod location;
pub mod money;
pub mod params;
pub mod scenario;
pub mod source;
pub mod suggest;
pub mod workforce;

pub use date::{Date, YearMonth};
pub use departement::Departement;
pub use fraction::Fraction;
pub use grouping::GroupBy;
pub use location::Location;
pub use money::Money;
pub use source::Source;

use std::fmt;
use std::str::FromStr;

/// The legal sector of an employer, which selects payroll parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sector {
    /// Associations and foundations (`prive_non_lucratif`).
    PriveNonLucratif,
    /// Private for-profit companies (`prive_lucratif`).
    PriveLucratif,
    /// Public employers (`public`).
    Public,
}

/// The error of parsing a sector.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected a sector: prive_non_lucratif, prive_lucratif or public")]
pub struct SectorError;

impl Sector {
    /// Every sector.
    pub const ALL: [Sector; 3] = [
        Sector::PriveNonLucratif,
        Sector::PriveLucratif,
        Sector::Public,
    ];

    /// The code written in files.
    pub fn code(self) -> &'static str {
        match self {
            Sector::PriveNonLucratif => "prive_non_lucratif",
            Sector::PriveLucratif => "prive_lucratif",
            Sector::Public => "public",
        }
    }
}

impl FromStr for Sector {
    type Err = SectorError;
    /// The code, or any text that folds to it or to one of the other names
    /// of the sector (docs/formats.md, rule 29): `Privé non lucratif`,
    /// `associatif`, `Public`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let other_names = [
            ("associatif", Sector::PriveNonLucratif),
            ("association", Sector::PriveNonLucratif),
            ("nonlucratif", Sector::PriveNonLucratif),
            ("commercial", Sector::PriveLucratif),
            ("lucratif", Sector::PriveLucratif),
            ("fonctionpublique", Sector::Public),
            ("fph", Sector::Public),
        ];
        fold::find_code(s, &Sector::ALL, Sector::code, &other_names).ok_or(SectorError)
    }
}

impl fmt::Display for Sector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Who funds an employee's post (workforce column `funder`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Funder {
    /// Funded by an `autre` (other) body. Variants are in code-point order of
    /// their codes, so sorting funders sorts their codes.
    Autre,
    /// Jointly funded (`conjoint`).
    Conjoint,
    /// The département (`departement`).
    Departement,
    /// The State, including Assurance maladie (`etat`).
    Etat,
}

/// The error of parsing a funder.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected a funder: etat, departement, conjoint or autre")]
pub struct FunderError;

impl Funder {
    /// Every funder, in code order.
    pub const ALL: [Funder; 4] = [
        Funder::Autre,
        Funder::Conjoint,
        Funder::Departement,
        Funder::Etat,
    ];

    /// The code written in files.
    pub fn code(self) -> &'static str {
        match self {
            Funder::Autre => "autre",
            Funder::Conjoint => "conjoint",
            Funder::Departement => "departement",
            Funder::Etat => "etat",
        }
    }
}

impl FromStr for Funder {
    type Err = FunderError;
    /// The code, or any text that folds to it or to another name of the
    /// funder (docs/formats.md, rule 29): `État`, `ARS`, `Assurance
    /// maladie` are `etat`; `Département`, `Conseil départemental`, `CD` are
    /// `departement`; `ARS/CD` is `conjoint`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let other_names = [
            ("state", Funder::Etat),
            ("ars", Funder::Etat),
            ("assurancemaladie", Funder::Etat),
            ("cd", Funder::Departement),
            ("conseildepartemental", Funder::Departement),
            ("conseilgeneral", Funder::Departement),
            ("arscd", Funder::Conjoint),
            ("cdars", Funder::Conjoint),
            ("financementconjoint", Funder::Conjoint),
        ];
        fold::find_code(s, &Funder::ALL, Funder::code, &other_names).ok_or(FunderError)
    }
}

impl fmt::Display for Funder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
