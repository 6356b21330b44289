//! The data-entry template's guide: what a number column accepts. Its
//! other words (sheet names, the guide's headings, what blank means) are
//! [`super::Label`]s.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::i18n::{Lang, Message};
use crate::report::words::num_in;

/// What a number column of the template accepts, with its bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateMessage {
    /// A number from `low` to `high`.
    NumberFromTo { low: Decimal, high: Decimal },
    /// A number at least `low`.
    NumberAtLeast { low: Decimal },
    /// A number at most `high`.
    NumberAtMost { high: Decimal },
}

impl Message for TemplateMessage {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        use TemplateMessage as T;
        let n = |d: &Decimal| num_in(lang, *d);
        Cow::Owned(match (self, lang) {
            (T::NumberFromTo { low, high }, Lang::Vi) => {
                format!("một số từ {} đến {}", n(low), n(high))
            }
            (T::NumberFromTo { low, high }, Lang::En) => {
                format!("a number from {} to {}", n(low), n(high))
            }
            (T::NumberAtLeast { low }, Lang::Vi) => format!("một số ≥ {}", n(low)),
            (T::NumberAtLeast { low }, Lang::En) => format!("a number ≥ {}", n(low)),
            (T::NumberAtMost { high }, Lang::Vi) => format!("một số ≤ {}", n(high)),
            (T::NumberAtMost { high }, Lang::En) => format!("a number ≤ {}", n(high)),
        })
    }
}
