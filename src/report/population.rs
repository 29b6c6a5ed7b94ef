//! Population per département, for the per-inhabitant figures of
//! `revalo report`: `data/departements.csv` (INSEE, see `data/SOURCES.md`),
//! compiled in so that the report never depends on a data file being present.
//! The file is the one source of truth; a test checks that its codes, names
//! and regions are those of [`DEPARTEMENTS`](crate::domain::departement::DEPARTEMENTS).

use crate::domain::Departement;
use std::sync::OnceLock;

/// `data/departements.csv`, as shipped.
fn departements_csv() -> &'static str {
    crate::shipped::text("departements.csv")
}

/// One row of `data/departements.csv`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PopulationRow {
    /// INSEE code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Region name.
    pub region: String,
    /// Population.
    pub population: u64,
    /// Year of the census the population comes from.
    pub year: u16,
    /// Where it comes from.
    pub source: String,
}

/// Parses the embedded file; rows that do not parse are left out (a test
/// checks that there are none).
fn rows() -> &'static [PopulationRow] {
    static ROWS: OnceLock<Vec<PopulationRow>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut reader = ::csv::Reader::from_reader(departements_csv().as_bytes());
        reader
            .records()
            .filter_map(|r| {
                let r = r.ok()?;
                Some(PopulationRow {
                    code: r.get(0)?.to_string(),
                    name: r.get(1)?.to_string(),
                    region: r.get(3)?.to_string(),
                    population: r.get(4)?.parse().ok()?,
                    year: r.get(5)?.parse().ok()?,
                    source: r.get(6)?.to_string(),
                })
            })
            .collect()
    })
}

/// The population of `d`, with the year of its census.
pub fn population(d: Departement) -> Option<(u64, u16)> {
    rows()
        .iter()
        .find(|r| r.code == d.code())
        .map(|r| (r.population, r.year))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::departement::DEPARTEMENTS;

    #[test]
    fn the_file_has_the_101_departements_of_the_static_table() {
        assert_eq!(departements_csv().lines().count(), 102);
        let rows = rows();
        assert_eq!(rows.len(), 101);
        for (row, (code, name, region)) in rows.iter().zip(DEPARTEMENTS) {
            assert_eq!((row.code.as_str(), row.name.as_str()), (code, name));
            assert_eq!(row.region, region);
            assert!(row.population > 0);
        }
        let total: u64 = rows.iter().map(|r| r.population).sum();
        assert_eq!(total, 67_653_366); // data/SOURCES.md
        let ain: Departement = "01".parse().unwrap();
        assert_eq!(population(ain), Some((663_202, 2021)));
    }
}
