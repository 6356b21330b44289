//! Every sentence and label the content documents say, in both languages.
//!
//! One enum per content module, in the file of the same name:
//! `set.rs` (the criteria document and the title block), `stamp.rs` (the
//! reproducibility stamp), `ranking.rs` (the ranking's legends and what-if
//! warning), `standing.rs`, `unit.rs`, `relative.rs`, `changes.rs`,
//! `lineage.rs` and `stages.rs`; column headings and short labels several
//! documents share are in `labels.rs`.
//!
//! Each enum is worded by one `match (self, lang)` with no catch-all arm:
//! the compiler, not a scan of the source, guarantees that every message
//! exists in Vietnamese and in English. A message carries its data (numbers
//! as `Decimal` or integers, names as `&str`) and formats numbers in the
//! run's language (decimal comma in Vietnamese) when it is worded.

mod changes;
mod labels;
mod lineage;
mod ranking;
mod relative;
mod set;
mod stages;
mod stamp;
mod standing;
mod unit;

pub use changes::ChangesMessage;
pub use labels::Label;
pub use lineage::LineageMessage;
pub use ranking::RankingMessage;
pub use relative::RelativeMessage;
pub use set::SetMessage;
pub use stages::StagesMessage;
pub use stamp::StampLabel;
pub use standing::StandingMessage;
pub use unit::UnitMessage;
