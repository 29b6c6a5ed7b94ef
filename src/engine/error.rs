//! The engine's errors: a scenario that cannot be planned, or an employee's
//! month that lacks a value. Each points at the input to mend — the scenario
//! file, or the workforce row — so that the message reads like a reader's.

use crate::domain::{Location, Sector};

/// Why a scenario or an employee cannot be computed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// A measure's `eligible` filter names a convention, job or filière that
    /// no grid has: a typo, not an empty selection.
    #[error(
        "{location}: measure `{measure}`: no grid has the {what} `{value}` named in `eligible` (known: {})",
        known.join(", ")
    )]
    UnknownFilter {
        /// The scenario file.
        location: Location,
        /// The measure's id.
        measure: String,
        /// `convention`, `job` or `filière`.
        what: &'static str,
        /// The value no grid has.
        value: String,
        /// The values the grids have, sorted and distinct.
        known: Vec<String>,
    },
    /// A measure of kind `index_points` whose filters reach a grid that is
    /// not public: points of indice majoré exist only in public grids.
    #[error(
        "{location}: measure `{measure}` of kind index_points can apply to convention `{convention}` of sector {sector}, but points of indice majoré exist only in public grids (add sector = [\"public\"] to its `eligible`)"
    )]
    IndexPointsOutsidePublic {
        /// The scenario file.
        location: Location,
        /// The measure's id.
        measure: String,
        /// The first convention of another sector it reaches.
        convention: String,
        /// That convention's sector.
        sector: Sector,
    },
    /// A row that a measure funded by funder reaches, whose funder has no
    /// table and no `default` (docs/formats.md, rule 51).
    #[error("{location}: {message}")]
    Unfunded {
        /// The workforce row.
        location: Location,
        /// Which measure, which funder, and where to add it.
        message: String,
    },
    /// An employee's month needs a value that no input has in force: a
    /// point value, a rate, a payroll parameter.
    #[error("{location}: {message}")]
    Missing {
        /// The workforce row.
        location: Location,
        /// What is missing, and where to add it.
        message: String,
    },
}

impl EngineError {
    /// Where the input to mend is.
    pub fn location(&self) -> &Location {
        match self {
            EngineError::UnknownFilter { location, .. }
            | EngineError::IndexPointsOutsidePublic { location, .. }
            | EngineError::Unfunded { location, .. }
            | EngineError::Missing { location, .. } => location,
        }
    }
}
