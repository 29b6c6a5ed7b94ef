//! The dimensions results can be grouped by (`--by`): a domain word shared
//! by the engine, which keys its totals by them, the baseline reader, which
//! finds them in a CSV header, and the reports, which print them as columns.

use std::fmt;
use std::str::FromStr;

/// A dimension results can be grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GroupBy {
    /// Département of the workplace.
    Departement,
    /// Region of the département (post-2016).
    Region,
    /// Calendar year.
    Year,
    /// Measure id.
    Measure,
    /// Convention id.
    Convention,
    /// Job code.
    Job,
    /// Filière of the job.
    Filiere,
    /// Funder of the post (empty when not given).
    Funder,
}

/// The error of parsing a `--by` key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "expected a key among departement, region, year, measure, convention, job, filiere, funder"
)]
pub struct GroupByError;

impl GroupBy {
    /// Every key.
    pub const ALL: [GroupBy; 8] = [
        GroupBy::Departement,
        GroupBy::Region,
        GroupBy::Year,
        GroupBy::Measure,
        GroupBy::Convention,
        GroupBy::Job,
        GroupBy::Filiere,
        GroupBy::Funder,
    ];

    /// The key's name (a CSV column).
    pub fn name(self) -> &'static str {
        match self {
            GroupBy::Departement => "departement",
            GroupBy::Region => "region",
            GroupBy::Year => "year",
            GroupBy::Measure => "measure",
            GroupBy::Convention => "convention",
            GroupBy::Job => "job",
            GroupBy::Filiere => "filiere",
            GroupBy::Funder => "funder",
        }
    }
}

impl FromStr for GroupBy {
    type Err = GroupByError;
    /// The key's name, or its French name, folded (docs/formats.md, rule
    /// 27): `département`, `année`, `mesure`, `métier`, `financeur`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let french = [
            ("dept", GroupBy::Departement),
            ("annee", GroupBy::Year),
            ("mesure", GroupBy::Measure),
            ("ccn", GroupBy::Convention),
            ("emploi", GroupBy::Job),
            ("metier", GroupBy::Job),
            ("financeur", GroupBy::Funder),
        ];
        super::fold::find_code(s, &GroupBy::ALL, GroupBy::name, &french).ok_or(GroupByError)
    }
}

impl fmt::Display for GroupBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
