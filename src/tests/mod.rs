//! Unit tests that need more than one layer, so that none of them makes a
//! lower layer import a higher one: the engine on the shipped data read
//! through the input readers, and the fast path against the reference on
//! random cases drawn with the workload generator's random stream.

mod fast_path;
mod memo;
mod payroll;
mod public;
mod variants;
