//! Reading and validating input files into domain types: the CSV dialect of
//! French spreadsheets (and spreadsheets themselves), grids, parameters, the
//! workforce and the scenario. Every error names its file, line and column;
//! what a reader does not stop for comes back as a [`Warning`]. Each input
//! is read once, its checksum computed over the bytes read (`source`).

pub mod baseline;
pub mod csvfile;
pub mod error;
pub mod grids;
pub mod lines;
pub mod parameters;
pub mod scenario;
pub mod sheet;
pub mod source;
pub mod targets;
pub mod warning;
pub mod workforce;

pub use error::{InputError, InputErrors};
pub use warning::Warning;
