//! The typed, validated model: a criteria set, the unit data bound to it, and
//! the results the engine produces. Nothing here reads files or formats text.

mod compact;
mod constraints;
mod criteria;
mod dataset;
mod lineage;
mod profile;
mod references;
mod results;
mod staging;

pub use compact::*;
pub use constraints::*;
pub use criteria::*;
pub use dataset::*;
pub use lineage::*;
pub use profile::*;
pub use references::*;
pub use results::*;
pub use staging::*;
