//! Warnings: what reading the inputs noticed and did not stop for — a column
//! that is not used, a value carried past the last date of its data. The
//! library never prints: a reader returns its warnings with what it read,
//! the pipeline gathers them, and the command prints each once on standard
//! error (or `validate` lists them). With `strict = true` in the scenario,
//! or `--strict`, they are errors (docs/formats.md, rule 28).

use crate::domain::Location;
use std::fmt;

/// Something read that revalo did not use, or had to assume.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// Where: the header cell, the row, the file.
    pub location: Location,
    /// What, and what to do about it.
    pub message: String,
}

impl Warning {
    /// A warning at `location`.
    pub fn new(location: Location, message: impl Into<String>) -> Warning {
        Warning {
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: warning: {}", self.location, self.message)
    }
}

/// `warnings` without repeats, in first-seen order: a file read twice (by
/// two groupings of one report, or by the two sides of a comparison) warns
/// once.
pub fn distinct(warnings: &[Warning]) -> Vec<&Warning> {
    let mut seen: Vec<&Warning> = Vec::new();
    for w in warnings {
        if !seen.contains(&w) {
            seen.push(w);
        }
    }
    seen
}

/// The warnings that `strict` turns into errors, as one error.
#[derive(Debug)]
pub struct StrictWarnings(pub Vec<Warning>);

impl fmt::Display for StrictWarnings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let warnings = distinct(&self.0);
        let n = warnings.len();
        write!(
            f,
            "{} {} under `strict` (the scenario's `strict = true`, or --strict):",
            super::error::plural(n, "warning"),
            if n == 1 { "is an error" } else { "are errors" }
        )?;
        for w in warnings {
            write!(f, "\n{}: {}", w.location, w.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for StrictWarnings {}
