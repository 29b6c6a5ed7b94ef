//! Input errors: every one names the file, the line and the column where it
//! was found, and what was expected there.

use crate::domain::Location;
use std::fmt;

/// A problem in an input file.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read.
    #[error("{location}: cannot read: {source}")]
    Io {
        /// The file.
        location: Location,
        /// The system's reason.
        source: std::io::Error,
    },
    /// A required column is absent from the header.
    #[error("{location}: missing column `{column}` (accepted headers: {accepted})")]
    MissingColumn {
        /// The header line.
        location: Location,
        /// The canonical column name.
        column: &'static str,
        /// Every header accepted for it.
        accepted: String,
    },
    /// A cell does not hold what its column expects.
    #[error("{location}: invalid value `{value}` in column `{column}` (expected {expected})")]
    InvalidValue {
        /// The cell.
        location: Location,
        /// The canonical column name.
        column: String,
        /// The cell's text.
        value: String,
        /// What was expected.
        expected: String,
    },
    /// A required cell is empty.
    #[error("{location}: empty value in column `{column}` (expected {expected})")]
    MissingValue {
        /// The cell.
        location: Location,
        /// The canonical column name.
        column: String,
        /// What was expected.
        expected: String,
    },
    /// Any other problem at a place in a file.
    #[error("{location}: {message}")]
    Invalid {
        /// Where.
        location: Location,
        /// What is wrong and what was expected.
        message: String,
    },
}

impl InputError {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            InputError::Io { location, .. }
            | InputError::MissingColumn { location, .. }
            | InputError::InvalidValue { location, .. }
            | InputError::MissingValue { location, .. }
            | InputError::Invalid { location, .. } => location,
        }
    }

    /// A problem described by a sentence.
    pub fn invalid(location: Location, message: impl Into<String>) -> InputError {
        InputError::Invalid {
            location,
            message: message.into(),
        }
    }
}

/// Several input problems, reported together.
#[derive(Debug)]
pub struct InputErrors(pub Vec<InputError>);

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}

impl From<InputError> for InputErrors {
    fn from(e: InputError) -> Self {
        InputErrors(vec![e])
    }
}

/// `result`'s value, or `None` with its error pushed to `errors`: for
/// readers that report every problem of a row, in column order.
pub fn or_push<T>(result: Result<T, InputError>, errors: &mut Vec<InputError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

/// `n thing` or `n things`.
pub fn plural(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("{n} {thing}")
    } else {
        format!("{n} {thing}s")
    }
}
