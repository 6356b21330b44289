//! Loading: files → typed, validated model. Every problem in a file is
//! collected and returned together; nothing here scores.

pub mod collect;
pub mod criteria;
pub mod data;
#[cfg(test)]
mod fuzz_regressions;
pub(crate) mod guidance;
#[cfg(test)]
mod hostile_tests;
pub mod ids;
pub mod invisible;
pub mod lineage;
pub mod messages;
pub mod overrides;
mod plausible;
pub mod problem;
pub mod profile;
pub mod results;
pub mod shipped;
pub mod shown;
pub mod split;
pub mod stages;
pub mod table;
#[cfg(test)]
mod tests;
pub mod text;
pub mod warnings;
pub mod workbook;

pub use criteria::{declared_title, parse_criteria};
pub use problem::{Column, Problem, Rejected};
