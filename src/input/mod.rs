//! Reading and validating input files into domain types: the CSV dialect of
//! French spreadsheets, grids, parameters, the workforce and the scenario.
//! Every error names its file, line and column.

pub mod baseline;
pub mod csvfile;
pub mod error;
pub mod grids;
pub mod parameters;
pub mod scenario;
pub mod targets;
pub mod workforce;

pub use error::{InputError, InputErrors};
