//! The typed, validated model: a criteria set, the unit data bound to it, and
//! the results the engine produces. Nothing here reads files or formats text.

mod compact;
mod constraints;
mod criteria;
mod dataset;
mod lineage;
mod overflow;
mod profile;
mod references;
mod results;
mod staging;
mod view;

pub use compact::*;
pub use constraints::*;
pub use criteria::*;
pub use dataset::*;
pub use lineage::*;
pub use overflow::*;
pub use profile::*;
pub use references::*;
pub use results::*;
pub use staging::*;
pub use view::*;
