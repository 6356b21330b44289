//! Integration tests: run the binary.
//!
//! Every command runs from the package root with relative paths, so that
//! outputs (and snapshots) hold no absolute path.

mod cells;
mod check;
mod collect;
mod compare;
mod criteria;
mod documents;
mod errors;
mod excel_vi;
mod explain;
mod formats;
mod forms;
mod guidance;
mod harness;
mod interface;
mod overwrite;
mod plausible;
mod properties;
mod reports;
mod results;
mod score;
mod sensitivity;
mod terminal;
mod threads;
mod warnings;
mod workbooks;
