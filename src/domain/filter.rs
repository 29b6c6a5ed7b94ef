//! `--where key=value`: which workforce rows a run keeps (docs/formats.md,
//! rule 53). A [`RowFilter`] is what the command line says; resolved
//! against the grids it becomes a [`RowMatcher`], which tells a row in or
//! out and keeps, per condition, what the rows hold, so that a filter that
//! keeps nothing can say what it could have named.

use super::fold::{find_code, fold};
use super::grid::{Grids, Lookup};
use super::workforce::Employee;
use super::{Departement, Funder, Sector};
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

/// A key of `--where`: the `--by` keys that belong to a row, and two more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterKey {
    /// Département of the workplace.
    Departement,
    /// Its region.
    Region,
    /// Convention id.
    Convention,
    /// Job code.
    Job,
    /// Filière of the job.
    Filiere,
    /// Funder of the post.
    Funder,
    /// Sector of the convention.
    Sector,
    /// FINESS number.
    Establishment,
}

impl FilterKey {
    /// Every key.
    pub const ALL: [FilterKey; 8] = [
        FilterKey::Departement,
        FilterKey::Region,
        FilterKey::Convention,
        FilterKey::Job,
        FilterKey::Filiere,
        FilterKey::Funder,
        FilterKey::Sector,
        FilterKey::Establishment,
    ];

    /// The key's name.
    pub fn name(self) -> &'static str {
        match self {
            FilterKey::Departement => "departement",
            FilterKey::Region => "region",
            FilterKey::Convention => "convention",
            FilterKey::Job => "job",
            FilterKey::Filiere => "filiere",
            FilterKey::Funder => "funder",
            FilterKey::Sector => "sector",
            FilterKey::Establishment => "establishment",
        }
    }
}

/// One `--where key=v1,v2`: a row matches when its value is one of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    /// The key.
    pub key: FilterKey,
    /// The values as written, trimmed.
    pub values: Vec<String>,
}

impl FromStr for Condition {
    type Err = String;
    /// `key=value[,value…]`; the key folded like the `--by` keys, in
    /// English or French (`département`, `ccn`, `métier`, `financeur`,
    /// `secteur`, `finess`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let keys = FilterKey::ALL.map(FilterKey::name).join(", ");
        let Some((key, values)) = s.split_once('=') else {
            return Err(format!(
                "expected KEY=VALUE, e.g. departement=21 or convention=ccn66,ccn51, not `{s}`"
            ));
        };
        let french = [
            ("dept", FilterKey::Departement),
            ("ccn", FilterKey::Convention),
            ("emploi", FilterKey::Job),
            ("metier", FilterKey::Job),
            ("financeur", FilterKey::Funder),
            ("secteur", FilterKey::Sector),
            ("finess", FilterKey::Establishment),
            ("etablissement", FilterKey::Establishment),
        ];
        let key = find_code(key, &FilterKey::ALL, FilterKey::name, &french)
            .ok_or_else(|| format!("unknown key `{}` (expected one of: {keys})", key.trim()))?;
        let values: Vec<String> = values.split(',').map(|v| v.trim().to_string()).collect();
        if values.iter().any(String::is_empty) {
            return Err(format!(
                "`{}` needs a value (or a comma list of values)",
                key.name()
            ));
        }
        Ok(Condition { key, values })
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.key.name(), self.values.join(","))
    }
}

/// Every `--where` of a run: a row is kept when it matches all of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowFilter(pub Vec<Condition>);

impl RowFilter {
    /// Whether there is no condition (every row is kept).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The one département the filter keeps, if it keeps exactly one by
    /// a `departement` condition.
    pub fn departement(&self) -> Option<Departement> {
        let mut found = None;
        for c in self.0.iter().filter(|c| c.key == FilterKey::Departement) {
            match c.values.as_slice() {
                [one] => found = one.parse().ok(),
                _ => return None,
            }
        }
        found
    }

    /// Resolves every value against `grids`: an error names the condition
    /// and what it could be.
    pub fn resolve(&self, grids: &Grids) -> Result<RowMatcher, (Condition, String)> {
        let tests = self
            .0
            .iter()
            .map(|c| Test::resolve(c, grids).map_err(|why| (c.clone(), why)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(RowMatcher {
            seen: vec![BTreeSet::new(); tests.len()],
            matched: vec![0; tests.len()],
            kept: 0,
            conditions: self.0.clone(),
            tests,
        })
    }
}

impl fmt::Display for RowFilter {
    /// `departement=21 convention=ccn66`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|c| c.to_string()).collect();
        f.write_str(&parts.join(" "))
    }
}

/// One condition resolved: the values a row may have.
#[derive(Clone, Debug)]
enum Test {
    Departement(Vec<Departement>),
    Region(Vec<&'static str>),
    Convention(Vec<usize>),
    Job(Vec<String>),
    Filiere(Vec<String>),
    Funder(Vec<Funder>),
    Sector(Vec<Sector>),
    Establishment(Vec<String>),
}

/// `values` each parsed by `parse`, or the first that is not, with what
/// was expected.
fn each<T>(
    values: &[String],
    parse: impl Fn(&str) -> Option<T>,
    expected: &str,
) -> Result<Vec<T>, String> {
    values
        .iter()
        .map(|v| parse(v).ok_or_else(|| format!("`{v}` is not {expected}")))
        .collect()
}

impl Test {
    fn resolve(c: &Condition, grids: &Grids) -> Result<Test, String> {
        let jobs = || grids.grids.iter().flat_map(|g| g.jobs.iter());
        Ok(match c.key {
            FilterKey::Departement => Test::Departement(each(
                &c.values,
                |v| v.parse().ok(),
                "a département code (01–95, 2A, 2B, 971–976)",
            )?),
            FilterKey::Region => {
                let mut names: Vec<&'static str> = Departement::all().map(|d| d.region()).collect();
                names.sort();
                names.dedup();
                let known = names.join(", ");
                Test::Region(each(
                    &c.values,
                    |v| names.iter().copied().find(|n| fold(n) == fold(v)),
                    &format!("a region ({known})"),
                )?)
            }
            FilterKey::Convention => Test::Convention(
                c.values
                    .iter()
                    .map(|v| match grids.find_convention(v) {
                        Ok(i) => Ok(i),
                        Err(Lookup::Ambiguous(ids)) => Err(format!(
                            "`{v}` names several conventions: {}",
                            ids.join(", ")
                        )),
                        Err(Lookup::Unknown) => Err(format!(
                            "`{v}` is not a convention of conventions.csv ({})",
                            grids
                                .conventions
                                .iter()
                                .map(|c| c.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    })
                    .collect::<Result<_, _>>()?,
            ),
            FilterKey::Job => Test::Job(each(
                &c.values,
                |v| {
                    jobs()
                        .find(|j| j.code == v || fold(&j.code) == fold(v))
                        .or_else(|| {
                            jobs().find(|j| !j.label.is_empty() && fold(&j.label) == fold(v))
                        })
                        .map(|j| j.code.clone())
                },
                "a job code or label of the grids",
            )?),
            FilterKey::Filiere => Test::Filiere(each(
                &c.values,
                |v| {
                    jobs()
                        .find(|j| fold(&j.filiere) == fold(v))
                        .map(|j| fold(&j.filiere))
                },
                "a filière of the grids",
            )?),
            FilterKey::Funder => Test::Funder(each(
                &c.values,
                |v| v.parse().ok(),
                "a funder (etat, departement, conjoint, autre)",
            )?),
            FilterKey::Sector => Test::Sector(each(
                &c.values,
                |v| v.parse().ok(),
                "a sector (prive_non_lucratif, prive_lucratif, public)",
            )?),
            FilterKey::Establishment => {
                Test::Establishment(c.values.iter().map(|v| v.to_ascii_uppercase()).collect())
            }
        })
    }

    /// Whether `e` passes, and its value for the key (to say what rows
    /// hold when nothing matches).
    fn check(&self, e: &Employee, grids: &Grids) -> (bool, String) {
        let job = || grids.job(e.convention, e.job);
        match self {
            Test::Departement(l) => (l.contains(&e.departement), e.departement.to_string()),
            Test::Region(l) => {
                let r = e.departement.region();
                (l.contains(&r), r.to_string())
            }
            Test::Convention(l) => (
                l.contains(&e.convention),
                grids.conventions[e.convention].id.clone(),
            ),
            Test::Job(l) => (l.contains(&job().code), job().code.clone()),
            Test::Filiere(l) => (l.contains(&fold(&job().filiere)), job().filiere.clone()),
            Test::Funder(l) => (
                e.funder.is_some_and(|f| l.contains(&f)),
                e.funder.map_or(String::new(), |f| f.to_string()),
            ),
            Test::Sector(l) => {
                let s = grids.conventions[e.convention].sector;
                (l.contains(&s), s.to_string())
            }
            Test::Establishment(l) => {
                let v = e.establishment.clone().unwrap_or_default();
                (l.contains(&v.to_ascii_uppercase()), v)
            }
        }
    }
}

/// How many distinct values per condition are kept to suggest.
const SEEN: usize = 200;

/// A [`RowFilter`] resolved against the grids, counting what it keeps.
#[derive(Clone, Debug)]
pub struct RowMatcher {
    conditions: Vec<Condition>,
    tests: Vec<Test>,
    /// Per condition: rows that pass it.
    matched: Vec<u64>,
    /// Per condition: the values rows hold (at most [`SEEN`]).
    seen: Vec<BTreeSet<String>>,
    /// Rows that pass every condition.
    kept: u64,
}

impl RowMatcher {
    /// Whether `e` passes every condition; counts it.
    pub fn keep(&mut self, e: &Employee, grids: &Grids) -> bool {
        let mut all = true;
        for (i, test) in self.tests.iter().enumerate() {
            let (pass, value) = test.check(e, grids);
            if pass {
                self.matched[i] += 1;
            } else {
                all = false;
            }
            if self.seen[i].len() < SEEN {
                self.seen[i].insert(value);
            }
        }
        self.kept += u64::from(all);
        all
    }

    /// When no row was kept, why: each condition with how many rows pass
    /// it, and the values the rows hold for those no row passes.
    pub fn nothing_kept(&self) -> Option<String> {
        if self.kept > 0 || self.conditions.is_empty() {
            return None;
        }
        let parts: Vec<String> = self
            .conditions
            .iter()
            .zip(&self.matched)
            .zip(&self.seen)
            .map(|((c, n), seen)| {
                if *n > 0 {
                    let rows = if *n == 1 { "row" } else { "rows" };
                    return format!("`{c}` alone keeps {n} {rows}");
                }
                let values: Vec<&str> = seen
                    .iter()
                    .map(|s| if s.is_empty() { "(empty)" } else { s.as_str() })
                    .take(15)
                    .collect();
                let more = if seen.len() > 15 { ", …" } else { "" };
                format!(
                    "no row has `{c}`; the rows have {}: {}{more}",
                    c.key.name(),
                    values.join(", ")
                )
            })
            .collect();
        Some(parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_as_people_write_them() {
        let c: Condition = "Département = 21, 2A".parse().unwrap();
        assert_eq!(c.key, FilterKey::Departement);
        assert_eq!(c.values, ["21", "2A"]);
        assert_eq!(c.to_string(), "departement=21,2A");
        let c: Condition = "financeur=ARS".parse().unwrap();
        assert_eq!(c.key, FilterKey::Funder);
        assert!("year=2024".parse::<Condition>().unwrap_err().contains(
            "unknown key `year` (expected one of: departement, region, convention, job, filiere, funder, sector, establishment)"
        ));
        assert!("departement".parse::<Condition>().is_err());
        assert!("departement=21,".parse::<Condition>().is_err());
        let f = RowFilter(vec![
            "departement=21".parse().unwrap(),
            "sector=public".parse().unwrap(),
        ]);
        assert_eq!(f.departement(), "21".parse().ok());
        assert_eq!(f.to_string(), "departement=21 sector=public");
        let two = RowFilter(vec!["departement=21,25".parse().unwrap()]);
        assert_eq!(two.departement(), None);
    }
}
