//! A place in an input file: what every error of the readers and of the
//! engine points at, so that a message names the file, line and column to
//! mend. A file is named by its path, or by `<shipped>/…` for data shipped
//! in the binary (anything that is `AsRef<Path>`, such as a `Source`).

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
    /// a TOML line.
    pub column: Option<usize>,
}

impl Location {
    /// The whole file.
    pub fn file(path: impl AsRef<Path>) -> Location {
        Location {
            path: path.as_ref().to_path_buf(),
            line: None,
            column: None,
        }
    }

    /// A line and column of a file.
    pub fn at(path: impl AsRef<Path>, line: u64, column: usize) -> Location {
        Location {
            path: path.as_ref().to_path_buf(),
            line: Some(line),
            column: Some(column),
        }
    }

    /// A whole line of a file.
    pub fn line(path: impl AsRef<Path>, line: u64) -> Location {
        Location {
            path: path.as_ref().to_path_buf(),
            line: Some(line),
            column: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}
