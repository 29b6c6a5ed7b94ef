//! Group keys: one compact key per group of the `--by` keys, whose order is
//! the report's sort order (docs/formats.md, rule 25): départements in INSEE order, years
//! ascending, every other key by the code-point order of its text, empty
//! first.

use crate::domain::grid::Grids;
use crate::domain::scenario::Scenario;
use crate::domain::{Departement, Funder, GroupBy};
use std::fmt;

/// At most this many `--by` keys (there are eight distinct ones).
const MAX_KEYS: usize = 8;

/// A group: one code per `--by` key, in `--by` order. Codes are ranks chosen
/// so that comparing keys sorts groups as reports must.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupKey(pub [u16; MAX_KEYS]);

/// The text tables that turn group-key codes back into values.
#[derive(Clone, Debug)]
pub struct KeySpec {
    /// The `--by` keys, in order.
    pub by: Vec<GroupBy>,
    /// Region names, sorted.
    pub regions: Vec<&'static str>,
    /// Measure ids, sorted.
    pub measures: Vec<String>,
    /// Rank of each measure (scenario order) among the sorted ids.
    pub measure_rank: Vec<u16>,
    /// Convention ids, sorted.
    pub conventions: Vec<String>,
    /// Rank of each convention (grids order) among the sorted ids.
    pub convention_rank: Vec<u16>,
    /// Job codes of every grid, sorted and deduplicated.
    pub jobs: Vec<String>,
    /// Filières of every grid, sorted and deduplicated.
    pub filieres: Vec<String>,
}

/// The parts of a group key that depend on the employee only.
#[derive(Clone, Copy, Debug, Default)]
pub struct EmployeeCodes {
    /// Département rank.
    pub departement: u16,
    /// Region rank.
    pub region: u16,
    /// Convention rank.
    pub convention: u16,
    /// Job rank.
    pub job: u16,
    /// Filière rank.
    pub filiere: u16,
    /// Funder code: 0 when none, else 1 + its rank.
    pub funder: u16,
}

/// A decoded group-key value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyValue {
    /// A département.
    Departement(Departement),
    /// A year.
    Year(i32),
    /// Any other key, as text (empty for a missing funder).
    Text(String),
}

impl fmt::Display for KeyValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyValue::Departement(d) => write!(f, "{d}"),
            KeyValue::Year(y) => write!(f, "{y}"),
            KeyValue::Text(t) => f.write_str(t),
        }
    }
}

fn ranks<'a>(items: impl Iterator<Item = &'a str>) -> (Vec<String>, Vec<u16>) {
    let items: Vec<&str> = items.collect();
    let mut sorted: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    sorted.sort();
    sorted.dedup();
    let rank = items
        .iter()
        .map(|s| sorted.iter().position(|x| x == s).unwrap_or(0) as u16)
        .collect();
    (sorted, rank)
}

impl KeySpec {
    /// The key tables for grouping `scenario` over `grids` by `by`.
    pub fn new(by: Vec<GroupBy>, scenario: &Scenario, grids: &Grids) -> KeySpec {
        let mut regions: Vec<&'static str> = Departement::all().map(|d| d.region()).collect();
        regions.sort();
        regions.dedup();
        let (measures, measure_rank) = ranks(scenario.measures.iter().map(|m| m.id.as_str()));
        let (conventions, convention_rank) = ranks(grids.conventions.iter().map(|c| c.id.as_str()));
        let all_jobs = grids.grids.iter().flat_map(|g| g.jobs.iter());
        let (jobs, _) = ranks(all_jobs.clone().map(|j| j.code.as_str()));
        let (filieres, _) = ranks(all_jobs.map(|j| j.filiere.as_str()));
        KeySpec {
            by,
            regions,
            measures,
            measure_rank,
            conventions,
            convention_rank,
            jobs,
            filieres,
        }
    }

    /// The employee-level codes of an employee.
    pub fn employee_codes(
        &self,
        departement: Departement,
        convention: usize,
        job_code: &str,
        filiere: &str,
        funder: Option<Funder>,
    ) -> EmployeeCodes {
        let position = |list: &[String], s: &str| {
            list.binary_search_by(|x| x.as_str().cmp(s)).unwrap_or(0) as u16
        };
        EmployeeCodes {
            departement: departement.index() as u16,
            region: self
                .regions
                .binary_search(&departement.region())
                .unwrap_or(0) as u16,
            convention: self.convention_rank[convention],
            job: position(&self.jobs, job_code),
            filiere: position(&self.filieres, filiere),
            funder: funder.map_or(0, |f| {
                Funder::ALL.iter().position(|x| *x == f).unwrap_or(0) as u16 + 1
            }),
        }
    }

    /// The key of an employee's month in `year`, for `measure` (scenario
    /// index; ignored when `measure` is not a key).
    pub fn key(&self, codes: &EmployeeCodes, year: i32, measure: usize) -> GroupKey {
        let mut key = GroupKey::default();
        for (slot, by) in key.0.iter_mut().zip(&self.by) {
            *slot = match by {
                GroupBy::Departement => codes.departement,
                GroupBy::Region => codes.region,
                GroupBy::Year => year as u16,
                GroupBy::Measure => self.measure_rank[measure],
                GroupBy::Convention => codes.convention,
                GroupBy::Job => codes.job,
                GroupBy::Filiere => codes.filiere,
                GroupBy::Funder => codes.funder,
            };
        }
        key
    }

    /// Whether `by` includes `key`.
    pub fn has(&self, key: GroupBy) -> bool {
        self.by.contains(&key)
    }

    /// The values of a group key, in `--by` order.
    pub fn decode(&self, key: &GroupKey) -> Vec<KeyValue> {
        self.by
            .iter()
            .zip(key.0)
            .map(|(by, code)| {
                let text = |list: &[String]| {
                    KeyValue::Text(list.get(code as usize).cloned().unwrap_or_default())
                };
                match by {
                    GroupBy::Departement => Departement::from_index(code as usize)
                        .map_or(KeyValue::Text(String::new()), KeyValue::Departement),
                    GroupBy::Region => KeyValue::Text(
                        self.regions
                            .get(code as usize)
                            .copied()
                            .unwrap_or("")
                            .to_string(),
                    ),
                    GroupBy::Year => KeyValue::Year(i32::from(code)),
                    GroupBy::Measure => text(&self.measures),
                    GroupBy::Convention => text(&self.conventions),
                    GroupBy::Job => text(&self.jobs),
                    GroupBy::Filiere => text(&self.filieres),
                    GroupBy::Funder => KeyValue::Text(match code {
                        0 => String::new(),
                        c => Funder::ALL[c as usize - 1].code().to_string(),
                    }),
                }
            })
            .collect()
    }
}
