//! Integration tests: run the binary.
//!
//! Every command runs from the package root with relative paths, so that
//! outputs (and snapshots) hold no absolute path.

mod cells;
mod check;
mod compare;
mod criteria;
mod documents;
mod errors;
mod explain;
mod formats;
mod forms;
mod harness;
mod interface;
mod overwrite;
mod properties;
mod reports;
mod score;
mod sensitivity;
mod terminal;
