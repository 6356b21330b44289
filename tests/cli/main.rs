//! Integration tests: run the binary.
//!
//! Every command runs from the package root with relative paths, so that
//! outputs (and snapshots) hold no absolute path.

#![allow(
    clippy::cast_possible_wrap,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    reason = "tests count rows and places, far below where a cast could change them"
)]

mod bounds;
mod cells;
mod check;
mod collect;
mod compare;
mod criteria;
mod documents;
mod downgrades;
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
mod relative;
mod reports;
mod results;
mod schema;
mod score;
mod sensitivity;
mod stages;
mod terminal;
mod threads;
mod warnings;
mod what_if;
mod workbooks;
