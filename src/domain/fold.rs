//! Folding: how a name or a code that a person typed is compared with the
//! one revalo knows (docs/formats.md, rule 27). `Date d'entrée`,
//! `date_entree`, `DATE ENTREE`, `DateEntrée` and `Date d’entrée` fold to
//! the same key; so do `État`, `etat` and `ETAT`. Headers of every reader,
//! and every enumerated value (funders, sectors, filières, sizes, booleans,
//! a job's label), are matched on their folded form.

/// The articles and prepositions that a French header may carry or not:
/// `date de sortie` is `date sortie`.
const ARTICLES: &[&str] = &["de", "d", "du", "des", "la", "le", "l", "les"];

/// What a header may begin with to say "number of": `N° FINESS` is `FINESS`.
const NUMBER_PREFIXES: &[&str] = &["n", "no", "num", "numero"];

/// The folded key of a value: lowercase, accents and ligatures folded
/// (`é` → `e`, `œ` → `oe`), every character that is not a letter or a digit
/// (spaces, `_`, `-`, `.`, `/`, apostrophes `'` and `’`, `°`) a separator,
/// a change from lowercase to uppercase a separator too (`DateEntree`), the
/// articles and prepositions de, d', du, des, la, le, l', les dropped, and
/// the words joined with nothing between them.
pub fn fold(text: &str) -> String {
    words(text).concat()
}

/// The folded key of a column header: [`fold`], and a leading `n°`, `no`,
/// `num` or `numéro` dropped when more words follow (`N° salarié` is
/// `salarié`).
pub fn fold_header(text: &str) -> String {
    let words = words(text);
    match words.as_slice() {
        [first, rest @ ..] if !rest.is_empty() && NUMBER_PREFIXES.contains(&first.as_str()) => {
            rest.concat()
        }
        _ => words.concat(),
    }
}

/// The words of `text`, folded, joined by `_`: the canonical spelling of a
/// name made of words (`Share État` is `share_etat`).
pub fn snake(text: &str) -> String {
    words(text).join("_")
}

/// The words of `text`, folded, without the articles.
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in text.chars() {
        // `º` and `ª` are letters to Unicode but ordinal marks here (`Nº`).
        let letter = c.is_alphanumeric() && c != 'º' && c != 'ª';
        if !letter || (previous_lower && c.is_uppercase()) {
            end_word(&mut words, &mut word);
        }
        previous_lower = c.is_lowercase();
        if letter {
            for lower in c.to_lowercase() {
                push_folded(&mut word, lower);
            }
        }
    }
    end_word(&mut words, &mut word);
    words
}

fn end_word(words: &mut Vec<String>, word: &mut String) {
    if !word.is_empty() && !ARTICLES.contains(&word.as_str()) {
        words.push(std::mem::take(word));
    }
    word.clear();
}

/// Appends lowercase `c` to `word` without its accent.
fn push_folded(word: &mut String, c: char) {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'œ' => "oe",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        c => {
            word.push(c);
            return;
        }
    };
    word.push_str(folded);
}

/// The one of `all` whose code is `text`, or whose code, or one of its
/// `other_names` (given folded), folds like `text`: how every enumerated
/// value of revalo parses (docs/formats.md, rule 29).
pub fn find_code<T: Copy>(
    text: &str,
    all: &[T],
    code: impl Fn(T) -> &'static str,
    other_names: &[(&str, T)],
) -> Option<T> {
    if let Some(x) = all.iter().copied().find(|x| code(*x) == text.trim()) {
        return Some(x);
    }
    let key = fold(text);
    all.iter()
        .copied()
        .find(|x| fold(code(*x)) == key)
        .or_else(|| {
            other_names
                .iter()
                .find(|(name, _)| *name == key)
                .map(|(_, x)| *x)
        })
}

/// A yes-or-no cell: `oui`/`non`, `o`/`n`, `vrai`/`faux`, `true`/`false`,
/// `yes`/`no`, `1`/`0`, folded (docs/formats.md, rule 29).
pub fn yes_no(text: &str) -> Option<bool> {
    match fold(text).as_str() {
        "oui" | "o" | "vrai" | "true" | "yes" | "y" | "1" => Some(true),
        "non" | "n" | "faux" | "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// The edit distance between two folded keys, for "did you mean": the one
/// of [`super::suggest`] (insertions, deletions, substitutions and swaps of
/// two neighbours).
pub fn distance(a: &str, b: &str) -> usize {
    super::suggest::edit_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_that_a_person_reads_as_one_fold_to_one_key() {
        for h in [
            "Date d'entrée",
            "date_entree",
            "DATE ENTREE",
            "Date d’entrée",
            "DateEntrée",
            "date-entrée",
            " Date.Entrée ",
            "\u{feff}Date d'entrée",
            "DATE D'ENTRÉE",
        ] {
            assert_eq!(fold_header(h), "dateentree", "{h}");
        }
        assert_eq!(fold_header("Date de fin de contrat"), "datefincontrat");
        assert_eq!(fold_header("N° salarié"), "salarie");
        assert_eq!(fold_header("Nº FINESS"), "finess");
        assert_eq!(fold_header("No. FINESS"), "finess");
        assert_eq!(fold_header("Numéro de sécurité sociale"), "securitesociale");
        assert_eq!(fold_header("Num salarié"), "salarie");
        // A lone `No` is not a prefix; `Nom` is not `No`.
        assert_eq!(fold_header("No"), "no");
        assert_eq!(fold_header("Nom"), "nom");
        assert_eq!(fold_header("Taux AT/MP"), "tauxatmp");
        assert_eq!(fold_header("Cœur ÆTHER"), "coeuraether");
        assert_eq!(fold_header("seniority_date"), "senioritydate");
    }

    #[test]
    fn values_fold_without_the_number_prefix() {
        assert_eq!(fold("État"), "etat");
        assert_eq!(fold("Département"), "departement");
        assert_eq!(fold("socio-éducatif"), "socioeducatif");
        assert_eq!(fold("Privé non lucratif"), "privenonlucratif");
        assert_eq!(fold("prive_non_lucratif"), "privenonlucratif");
        assert_eq!(fold("N° 3"), "n3");
        assert_eq!(fold("ÎLE-DE-FRANCE"), "ilefrance");
    }

    #[test]
    fn yes_and_no() {
        for t in ["oui", "OUI", "o", "Vrai", "true", "1", "yes"] {
            assert_eq!(yes_no(t), Some(true), "{t}");
        }
        for t in ["non", "N", "faux", "FALSE", "0", "no"] {
            assert_eq!(yes_no(t), Some(false), "{t}");
        }
        assert_eq!(yes_no("peut-être"), None);
        assert_eq!(yes_no(""), None);
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance("datesortie", "datesorti"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("etp", "etp"), 0);
    }
}

/// The codes revalo knows stay distinct once folded, so that folding never
/// makes two of them one.
#[cfg(test)]
mod distinct {
    use super::fold;
    use crate::domain::params::Parameter;
    use crate::domain::{Funder, GroupBy, Sector};

    fn assert_distinct(what: &str, codes: impl Iterator<Item = String>) {
        let mut seen: Vec<String> = Vec::new();
        for code in codes {
            let key = fold(&code);
            assert!(!seen.contains(&key), "{what}: two codes fold to `{key}`");
            seen.push(key);
        }
    }

    #[test]
    fn codes_fold_apart() {
        assert_distinct(
            "parameters",
            Parameter::ALL.iter().map(|p| p.name().to_string()),
        );
        assert_distinct("sectors", Sector::ALL.iter().map(|s| s.code().to_string()));
        assert_distinct("funders", Funder::ALL.iter().map(|f| f.code().to_string()));
        assert_distinct("keys", GroupBy::ALL.iter().map(|k| k.name().to_string()));
    }

    #[test]
    fn values_as_people_write_them() {
        assert_eq!("État".parse::<Funder>(), Ok(Funder::Etat));
        assert_eq!("ARS".parse::<Funder>(), Ok(Funder::Etat));
        assert_eq!(
            "Conseil départemental".parse::<Funder>(),
            Ok(Funder::Departement)
        );
        assert_eq!("ARS / CD".parse::<Funder>(), Ok(Funder::Conjoint));
        assert!("Région".parse::<Funder>().is_err());
        assert_eq!(
            "Privé non lucratif".parse::<Sector>(),
            Ok(Sector::PriveNonLucratif)
        );
        assert_eq!("PUBLIC".parse::<Sector>(), Ok(Sector::Public));
        assert_eq!(
            "Employer rate".parse::<Parameter>(),
            Ok(Parameter::EmployerRate)
        );
        assert_eq!("Année".parse::<GroupBy>(), Ok(GroupBy::Year));
        assert_eq!("département".parse::<GroupBy>(), Ok(GroupBy::Departement));
    }
}
