//! `Departement`: the 101 French départements, parsed from INSEE codes and
//! ordered in INSEE order (01…19, 2A, 2B, 21…95, 971…976), with their names and
//! post-2016 regions. The table is compiled in so that reports never depend on
//! a data file being present.

use std::fmt;
use std::str::FromStr;

/// The 101 départements: INSEE code, name (INSEE COG), region (post-2016).
///
/// Source: INSEE Code officiel géographique (see `data/SOURCES.md`); the same
/// rows, with populations, are shipped in `data/departements.csv`.
pub const DEPARTEMENTS: [(&str, &str, &str); 101] = [
    ("01", "Ain", "Auvergne-Rhône-Alpes"),
    ("02", "Aisne", "Hauts-de-France"),
    ("03", "Allier", "Auvergne-Rhône-Alpes"),
    (
        "04",
        "Alpes-de-Haute-Provence",
        "Provence-Alpes-Côte d'Azur",
    ),
    ("05", "Hautes-Alpes", "Provence-Alpes-Côte d'Azur"),
    ("06", "Alpes-Maritimes", "Provence-Alpes-Côte d'Azur"),
    ("07", "Ardèche", "Auvergne-Rhône-Alpes"),
    ("08", "Ardennes", "Grand Est"),
    ("09", "Ariège", "Occitanie"),
    ("10", "Aube", "Grand Est"),
    ("11", "Aude", "Occitanie"),
    ("12", "Aveyron", "Occitanie"),
    ("13", "Bouches-du-Rhône", "Provence-Alpes-Côte d'Azur"),
    ("14", "Calvados", "Normandie"),
    ("15", "Cantal", "Auvergne-Rhône-Alpes"),
    ("16", "Charente", "Nouvelle-Aquitaine"),
    ("17", "Charente-Maritime", "Nouvelle-Aquitaine"),
    ("18", "Cher", "Centre-Val de Loire"),
    ("19", "Corrèze", "Nouvelle-Aquitaine"),
    ("2A", "Corse-du-Sud", "Corse"),
    ("2B", "Haute-Corse", "Corse"),
    ("21", "Côte-d'Or", "Bourgogne-Franche-Comté"),
    ("22", "Côtes-d'Armor", "Bretagne"),
    ("23", "Creuse", "Nouvelle-Aquitaine"),
    ("24", "Dordogne", "Nouvelle-Aquitaine"),
    ("25", "Doubs", "Bourgogne-Franche-Comté"),
    ("26", "Drôme", "Auvergne-Rhône-Alpes"),
    ("27", "Eure", "Normandie"),
    ("28", "Eure-et-Loir", "Centre-Val de Loire"),
    ("29", "Finistère", "Bretagne"),
    ("30", "Gard", "Occitanie"),
    ("31", "Haute-Garonne", "Occitanie"),
    ("32", "Gers", "Occitanie"),
    ("33", "Gironde", "Nouvelle-Aquitaine"),
    ("34", "Hérault", "Occitanie"),
    ("35", "Ille-et-Vilaine", "Bretagne"),
    ("36", "Indre", "Centre-Val de Loire"),
    ("37", "Indre-et-Loire", "Centre-Val de Loire"),
    ("38", "Isère", "Auvergne-Rhône-Alpes"),
    ("39", "Jura", "Bourgogne-Franche-Comté"),
    ("40", "Landes", "Nouvelle-Aquitaine"),
    ("41", "Loir-et-Cher", "Centre-Val de Loire"),
    ("42", "Loire", "Auvergne-Rhône-Alpes"),
    ("43", "Haute-Loire", "Auvergne-Rhône-Alpes"),
    ("44", "Loire-Atlantique", "Pays de la Loire"),
    ("45", "Loiret", "Centre-Val de Loire"),
    ("46", "Lot", "Occitanie"),
    ("47", "Lot-et-Garonne", "Nouvelle-Aquitaine"),
    ("48", "Lozère", "Occitanie"),
    ("49", "Maine-et-Loire", "Pays de la Loire"),
    ("50", "Manche", "Normandie"),
    ("51", "Marne", "Grand Est"),
    ("52", "Haute-Marne", "Grand Est"),
    ("53", "Mayenne", "Pays de la Loire"),
    ("54", "Meurthe-et-Moselle", "Grand Est"),
    ("55", "Meuse", "Grand Est"),
    ("56", "Morbihan", "Bretagne"),
    ("57", "Moselle", "Grand Est"),
    ("58", "Nièvre", "Bourgogne-Franche-Comté"),
    ("59", "Nord", "Hauts-de-France"),
    ("60", "Oise", "Hauts-de-France"),
    ("61", "Orne", "Normandie"),
    ("62", "Pas-de-Calais", "Hauts-de-France"),
    ("63", "Puy-de-Dôme", "Auvergne-Rhône-Alpes"),
    ("64", "Pyrénées-Atlantiques", "Nouvelle-Aquitaine"),
    ("65", "Hautes-Pyrénées", "Occitanie"),
    ("66", "Pyrénées-Orientales", "Occitanie"),
    ("67", "Bas-Rhin", "Grand Est"),
    ("68", "Haut-Rhin", "Grand Est"),
    ("69", "Rhône", "Auvergne-Rhône-Alpes"),
    ("70", "Haute-Saône", "Bourgogne-Franche-Comté"),
    ("71", "Saône-et-Loire", "Bourgogne-Franche-Comté"),
    ("72", "Sarthe", "Pays de la Loire"),
    ("73", "Savoie", "Auvergne-Rhône-Alpes"),
    ("74", "Haute-Savoie", "Auvergne-Rhône-Alpes"),
    ("75", "Paris", "Île-de-France"),
    ("76", "Seine-Maritime", "Normandie"),
    ("77", "Seine-et-Marne", "Île-de-France"),
    ("78", "Yvelines", "Île-de-France"),
    ("79", "Deux-Sèvres", "Nouvelle-Aquitaine"),
    ("80", "Somme", "Hauts-de-France"),
    ("81", "Tarn", "Occitanie"),
    ("82", "Tarn-et-Garonne", "Occitanie"),
    ("83", "Var", "Provence-Alpes-Côte d'Azur"),
    ("84", "Vaucluse", "Provence-Alpes-Côte d'Azur"),
    ("85", "Vendée", "Pays de la Loire"),
    ("86", "Vienne", "Nouvelle-Aquitaine"),
    ("87", "Haute-Vienne", "Nouvelle-Aquitaine"),
    ("88", "Vosges", "Grand Est"),
    ("89", "Yonne", "Bourgogne-Franche-Comté"),
    ("90", "Territoire de Belfort", "Bourgogne-Franche-Comté"),
    ("91", "Essonne", "Île-de-France"),
    ("92", "Hauts-de-Seine", "Île-de-France"),
    ("93", "Seine-Saint-Denis", "Île-de-France"),
    ("94", "Val-de-Marne", "Île-de-France"),
    ("95", "Val-d'Oise", "Île-de-France"),
    ("971", "Guadeloupe", "Guadeloupe"),
    ("972", "Martinique", "Martinique"),
    ("973", "Guyane", "Guyane"),
    ("974", "La Réunion", "La Réunion"),
    ("976", "Mayotte", "Mayotte"),
];

/// A French département, stored as its rank in INSEE order so that sorting is
/// INSEE order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Departement(u8);

/// The error of parsing a département code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected a département code: 01–95, 2A, 2B or 971–976")]
pub struct DepartementError;

impl Departement {
    /// Every département, in INSEE order.
    pub fn all() -> impl Iterator<Item = Departement> {
        (0..DEPARTEMENTS.len() as u8).map(Departement)
    }

    /// The INSEE code (`01`, `2A`, `971`).
    pub fn code(self) -> &'static str {
        DEPARTEMENTS[self.0 as usize].0
    }

    /// The name (`Ain`, `Corse-du-Sud`).
    pub fn name(self) -> &'static str {
        DEPARTEMENTS[self.0 as usize].1
    }

    /// The post-2016 region name, as INSEE writes it.
    pub fn region(self) -> &'static str {
        DEPARTEMENTS[self.0 as usize].2
    }

    /// The rank in INSEE order, 0–100.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The département of a rank in INSEE order.
    pub fn from_index(index: usize) -> Option<Departement> {
        (index < DEPARTEMENTS.len()).then_some(Departement(index as u8))
    }

    /// The prefix a FINESS number of an establishment in this département
    /// starts with: the code in metropolitan France, 9A…9F overseas.
    pub fn finess_prefix(self) -> &'static str {
        match self.code() {
            "971" => "9A",
            "972" => "9B",
            "973" => "9C",
            "974" => "9D",
            "976" => "9F",
            code => code,
        }
    }
}

impl FromStr for Departement {
    type Err = DepartementError;

    /// Parses `01`, `1` (padded), `2a` (upper-cased), `971`, and a code
    /// written as a spreadsheet number (`1.0`, `1,0`: `01`). `20` and `975`
    /// are refused: they are not départements.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        // `1.0` or `1,0`: a number format, not a different code.
        let s = match s.split_once(['.', ',']) {
            Some((code, zeros))
                if !zeros.is_empty()
                    && zeros.bytes().all(|b| b == b'0')
                    && code.bytes().all(|b| b.is_ascii_digit()) =>
            {
                code
            }
            _ => s,
        };
        let digit = |b: u8| b.is_ascii_digit().then(|| usize::from(b - b'0'));
        // Without allocating or searching: the rank in INSEE order follows
        // from the code (01…19 → 0…18, 2A, 2B → 19, 20, 21…95 → 21…95,
        // 971…974 → 96…99, 976 → 100).
        let index = match s.trim().as_bytes() {
            [d] => digit(*d).filter(|n| *n >= 1).map(|n| n - 1),
            [b'2', b'a' | b'A'] => Some(19),
            [b'2', b'b' | b'B'] => Some(20),
            [a, b] => match (digit(*a), digit(*b)) {
                (Some(a), Some(b)) => match a * 10 + b {
                    n @ 1..=19 => Some(n - 1),
                    n @ 21..=95 => Some(n),
                    _ => None,
                },
                _ => None,
            },
            [b'9', b'7', c] => match digit(*c) {
                Some(n @ 1..=4) => Some(95 + n),
                Some(6) => Some(100),
                _ => None,
            },
            _ => None,
        };
        index.map(|i| Departement(i as u8)).ok_or(DepartementError)
    }
}

impl fmt::Display for Departement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders_in_insee_order() {
        let d: Vec<Departement> = ["971", "2B", "1", "2a", "21", "19"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        let mut sorted = d.clone();
        sorted.sort();
        let codes: Vec<&str> = sorted.iter().map(|d| d.code()).collect();
        assert_eq!(codes, ["01", "19", "2A", "2B", "21", "971"]);
    }

    #[test]
    fn every_code_parses_to_its_own_rank() {
        for (i, (code, _, _)) in DEPARTEMENTS.iter().enumerate() {
            assert_eq!(code.parse::<Departement>().unwrap().index(), i);
            let lower = code.to_ascii_lowercase();
            assert_eq!(lower.parse::<Departement>().unwrap().index(), i);
        }
        assert_eq!(" 9 ".parse::<Departement>().unwrap().code(), "09");
        for number in ["1.0", "1,0", "01.00", "971.0"] {
            let code = number.parse::<Departement>().unwrap().code();
            assert_eq!(code, if number.starts_with('9') { "971" } else { "01" });
        }
        for bad in ["0", "00", "2a0", "977", "970", "9 7", "A"] {
            assert!(bad.parse::<Departement>().is_err(), "{bad}");
        }
    }

    #[test]
    fn refuses_codes_that_are_not_departements() {
        for bad in [
            "20", "975", "96", "00", "", "2C", "9710", "1.5", "1.", "2A.0", ".0",
        ] {
            assert!(bad.parse::<Departement>().is_err(), "{bad}");
        }
    }

    #[test]
    fn table_has_101_departements_and_18_regions() {
        assert_eq!(Departement::all().count(), 101);
        let mut regions: Vec<&str> = Departement::all().map(|d| d.region()).collect();
        regions.sort();
        regions.dedup();
        assert_eq!(regions.len(), 18);
        let d: Departement = "2A".parse().unwrap();
        assert_eq!((d.name(), d.region()), ("Corse-du-Sud", "Corse"));
        let d: Departement = "976".parse().unwrap();
        assert_eq!(d.finess_prefix(), "9F");
    }
}
