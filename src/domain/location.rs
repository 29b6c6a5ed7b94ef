//! A place in an input file: what every error of the readers and of the
//! engine points at, so that a message names the file, line and column to
//! mend — or, in a spreadsheet, the sheet, row and column letter
//! (`effectifs.xlsx:Effectifs!E4`). A file is named by its path, or by
//! `<shipped>/…` for data shipped in the binary (anything that is
//! `AsRef<Path>`, such as a `Source`).

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a problem was found: a file, and a 1-based line and column when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: Option<u64>,
    /// 1-based column: the field's position in a CSV row, the character's in
    /// a TOML line, the column's in a sheet (1 is `A`).
    pub column: Option<usize>,
    /// The sheet, when the file is a spreadsheet: `line` is then the row.
    pub sheet: Option<String>,
}

impl Location {
    /// The whole file.
    pub fn file(path: impl AsRef<Path>) -> Location {
        Location {
            path: path.as_ref().to_path_buf(),
            line: None,
            column: None,
            sheet: None,
        }
    }

    /// A line and column of a file.
    pub fn at(path: impl AsRef<Path>, line: u64, column: usize) -> Location {
        Location {
            path: path.as_ref().to_path_buf(),
            line: Some(line),
            column: Some(column),
            sheet: None,
        }
    }

    /// A whole line of a file.
    pub fn line(path: impl AsRef<Path>, line: u64) -> Location {
        Location {
            path: path.as_ref().to_path_buf(),
            line: Some(line),
            column: None,
            sheet: None,
        }
    }

    /// The same place in sheet `sheet` of a spreadsheet: `line` is the
    /// row, `column` the column (1 is `A`).
    pub fn in_sheet(self, sheet: &str) -> Location {
        Location {
            sheet: Some(sheet.to_string()),
            ..self
        }
    }
}

/// The letters of a 1-based column number: 1 is `A`, 27 is `AA`.
pub fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(sheet) = &self.sheet {
            // As Excel writes a reference: `'Sheet name'!E4`, a whole row
            // `4:4`.
            let plain = sheet.chars().all(|c| c.is_alphanumeric() || c == '_');
            if plain {
                write!(f, ":{sheet}!")?;
            } else {
                write!(f, ":'{}'!", sheet.replace('\'', "''"))?;
            }
            return match (self.line, self.column) {
                (Some(row), Some(column)) => write!(f, "{}{row}", column_letters(column)),
                (Some(row), None) => write!(f, "{row}:{row}"),
                _ => Ok(()),
            };
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_places_read_as_excel_references() {
        let p = Path::new("effectifs.xlsx");
        assert_eq!(
            Location::at(p, 4, 5).in_sheet("Effectifs").to_string(),
            "effectifs.xlsx:Effectifs!E4"
        );
        assert_eq!(
            Location::line(p, 4).in_sheet("2024").to_string(),
            "effectifs.xlsx:2024!4:4"
        );
        assert_eq!(
            Location::at(p, 1, 28).in_sheet("Feuille 1").to_string(),
            "effectifs.xlsx:'Feuille 1'!AB1"
        );
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
    }
}
