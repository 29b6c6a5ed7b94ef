//! "Did you mean …?": the known name closest to a misspelt one, for the
//! messages of every reader and of the engine.

/// The candidate closest to `word` by edit distance (insertions,
/// deletions, substitutions and swaps of two neighbours), if it is close
/// enough to be a typo: at most 1 edit for words up to 4 characters, 2 up
/// to 8, 3 beyond. Ties go to the first candidate.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let limit = match word.len() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let other: Vec<char> = candidate.chars().flat_map(char::to_lowercase).collect();
        let d = distance(&word, &other);
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The optimal-string-alignment distance between the texts `a` and `b`,
/// compared as written.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    distance(&a, &b)
}

/// The optimal-string-alignment distance between `a` and `b`.
fn distance(a: &[char], b: &[char]) -> usize {
    // rows[i][j]: the distance between a[..i] and b[..j].
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_finds_its_word_and_a_stranger_finds_nothing() {
        let payers = ["etat", "departement", "assurance_maladie", "cnsa"];
        // One letter dropped.
        assert_eq!(closest("departemnt", payers), Some("departement"));
        // Two neighbours swapped count as one edit.
        assert_eq!(closest("etta", payers), Some("etat"));
        assert_eq!(closest("ETAT", payers), Some("etat"));
        // "caf" is 3 edits from "cnsa" (4 letters allow 1).
        assert_eq!(closest("caf", payers), None);
        assert_eq!(distance(&['a', 'b'], &['b', 'a']), 1);
        assert_eq!(distance(&[], &['a', 'b', 'c']), 3);
    }
}
