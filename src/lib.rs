//! wardscore: score wards and communes (their police units) against a
//! criteria set, exactly, and rank and rate them.
//!
//! The layers, each a module:
//! - [`load`]: files → typed, validated [`model`] (every problem at once);
//! - [`engine`]: pure scoring, rating and ranking;
//! - [`report`]: one renderer per output format;
//! - [`app`]: the command line wiring them together.

#![deny(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod app;
pub mod cli;
pub mod collate;
pub mod engine;
pub mod exact;
pub mod i18n;
pub mod load;
pub mod model;
pub mod output;
pub mod report;
