//! A problem found in an input file: where it is, the value, and what was
//! expected. The message is a catalogue value (see [`super::messages`]),
//! worded in the run's language only when the problem is shown.

use std::any::Any;
use std::borrow::Cow;
use std::fmt;

use super::messages::{Hint, Where};
use crate::i18n::{Lang, Message, Text};
use crate::report::sanitize::for_terminal;

/// Where in a file a problem sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// 1-based character column (criteria files).
    Number(usize),
    /// A data column by its header name.
    Name(String),
    /// A spreadsheet cell: the column's header name and its A1 reference.
    Cell { name: String, reference: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based line.
    pub line: Option<usize>,
    pub column: Option<Column>,
    /// The offending value as found in the file.
    pub value: Option<String>,
    /// What is wrong, worded where the problem is shown.
    pub message: ProblemMessage,
}

impl Problem {
    pub fn new(file: impl Into<String>, message: impl Into<ProblemMessage>) -> Self {
        Problem {
            file: file.into(),
            line: None,
            column: None,
            value: None,
            message: message.into(),
        }
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn at_column(mut self, column: Column) -> Self {
        self.column = Some(column);
        self
    }

    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// One line of text, e.g. `data.csv:5, cột "b2": "abc": không phải là số`.
    pub fn display(&self, lang: Lang) -> impl fmt::Display + '_ {
        ProblemDisplay {
            problem: self,
            lang,
        }
    }
}

struct ProblemDisplay<'a> {
    problem: &'a Problem,
    lang: Lang,
}

impl fmt::Display for ProblemDisplay<'_> {
    /// Messages quote names and values from the files, so the whole line is
    /// made safe for the terminal, not only the value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut line = String::new();
        self.write_raw(&mut line)?;
        f.write_str(&for_terminal(&line))
    }
}

impl ProblemDisplay<'_> {
    fn write_raw(&self, f: &mut String) -> fmt::Result {
        use std::fmt::Write;
        let p = self.problem;
        write!(f, "{}", p.file)?;
        if let Some(line) = p.line {
            write!(f, ":{line}")?;
        }
        match &p.column {
            Some(Column::Number(col)) => write!(f, ":{col}")?,
            Some(Column::Name(name)) => {
                write!(f, ", {} \"{name}\"", Where::Column.words(self.lang))?
            }
            Some(Column::Cell { name, reference }) => write!(
                f,
                ", {} \"{name}\" ({} {reference})",
                Where::Column.words(self.lang),
                Where::Cell.words(self.lang)
            )?,
            None => {}
        }
        write!(f, ": ")?;
        if let Some(value) = &p.value {
            write!(f, "\"{value}\": ")?;
        }
        write!(f, "{}", p.message.words(self.lang))
    }
}

/// The message of a problem: a value of any catalogue (the load layer's
/// own, or the layer that found the problem: an app or engine message),
/// kept typed until it is shown. Compared and cloned through the message's
/// own type.
pub struct ProblemMessage(Box<dyn Worded>);

/// A catalogue message a problem can carry.
pub trait Worded: Message + fmt::Debug + Send + Sync + 'static {
    fn clone_boxed(&self) -> Box<dyn Worded>;
    fn same(&self, other: &dyn Any) -> bool;
    fn as_any(&self) -> &dyn Any;
}

impl<T: Message + fmt::Debug + Clone + Eq + Send + Sync + 'static> Worded for T {
    fn clone_boxed(&self) -> Box<dyn Worded> {
        Box::new(self.clone())
    }
    fn same(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<T>() == Some(self)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl ProblemMessage {
    /// The message in one language.
    pub fn words(&self, lang: Lang) -> Cow<'static, str> {
        self.0.words(lang)
    }

    /// The English words, for tests that look for a phrase.
    #[cfg(test)]
    pub fn en(&self) -> String {
        self.words(Lang::En).into_owned()
    }

    /// The Vietnamese words, for tests that look for a phrase.
    #[cfg(test)]
    pub fn vi(&self) -> String {
        self.words(Lang::Vi).into_owned()
    }

    /// The message as its catalogue's type, if it is one.
    pub fn as_message<T: 'static>(&self) -> Option<&T> {
        self.0.as_any().downcast_ref()
    }
}

impl<T: Worded> From<T> for ProblemMessage {
    fn from(message: T) -> Self {
        ProblemMessage(Box::new(message))
    }
}

impl Clone for ProblemMessage {
    fn clone(&self) -> Self {
        ProblemMessage(self.0.clone_boxed())
    }
}

impl fmt::Debug for ProblemMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl PartialEq for ProblemMessage {
    fn eq(&self, other: &Self) -> bool {
        self.0.same(other.0.as_any())
    }
}

impl Eq for ProblemMessage {}

impl<T: Worded> PartialEq<T> for ProblemMessage {
    fn eq(&self, other: &T) -> bool {
        self.0.same(other.as_any())
    }
}

/// Until every layer words its messages through a catalogue, a two-language
/// [`Text`] (the engine's, the app's) can still be a problem's message.
impl Message for Text {
    fn words(&self, lang: Lang) -> Cow<'static, str> {
        Cow::Owned(self.get(lang).to_string())
    }
}

/// An input rejected with every problem found in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} problem(s) in the input", self.total())]
pub struct Rejected {
    pub problems: Vec<Problem>,
    /// Problems found but not kept (beyond a cap).
    pub omitted: usize,
}

impl Rejected {
    pub fn total(&self) -> usize {
        self.problems.len() + self.omitted
    }
}

impl From<Vec<Problem>> for Rejected {
    fn from(problems: Vec<Problem>) -> Self {
        Rejected {
            problems,
            omitted: 0,
        }
    }
}

/// Problems as text, one per line (for tools and tests).
pub fn problems_text(problems: &[Problem], lang: Lang) -> String {
    problems
        .iter()
        .map(|p| format!("{}\n", p.display(lang)))
        .collect()
}

/// The closest candidate to a misspelt word, if any is close enough
/// (edit distance at most a third of the word, and at least 1).
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let length = word.chars().count();
    // Names are short; a long "word" is data pasted in the wrong place, and
    // comparing it to everything would be slow for nothing.
    if length > 64 {
        return None;
    }
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        // Lengths further apart than the limit cannot be within it.
        .filter(|c| c.chars().count().abs_diff(length) <= limit)
        .map(|c| (strsim::damerau_levenshtein(&word, &c.to_lowercase()), c))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// " Did you mean …?", or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Hint {
    Hint(suggest(word, candidates).map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_and_far_lengths_get_no_suggestion() {
        // Pasted data in a header is not a misspelt name.
        let long = "x".repeat(65);
        assert_eq!(suggest(&long, [long.as_str()]), None);
        // "ma" (limit 1) is never compared with a 5-letter candidate.
        assert_eq!(suggest("ma", ["mamam", "mb"]), Some("mb"));
    }

    #[test]
    fn suggests_close_words_only() {
        let keys = ["points", "pass", "rule", "indicator"];
        assert_eq!(suggest("pionts", keys), Some("points"));
        assert_eq!(suggest("indicater", keys), Some("indicator"));
        assert_eq!(suggest("zzz", keys), None);
    }

    #[test]
    fn displays_file_line_column_value_and_message() {
        let p = Problem::new("d.csv", Text::new("không phải là số", "is not a number"))
            .at_line(5)
            .at_column(Column::Name("b2".into()))
            .with_value("abc");
        assert_eq!(
            p.display(Lang::En).to_string(),
            "d.csv:5, column \"b2\": \"abc\": is not a number"
        );
        let q = Problem::new("c.toml", Text::new("khóa lạ", "unknown key"))
            .at_line(3)
            .at_column(Column::Number(7));
        assert_eq!(q.display(Lang::Vi).to_string(), "c.toml:3:7: khóa lạ");
    }

    #[test]
    fn a_problem_keeps_its_message_typed_until_shown() {
        use crate::load::messages::DataMessage;
        let p = Problem::new("d.xlsx", DataMessage::RowWidth { got: 3, want: 4 })
            .at_line(2)
            .at_column(Column::Cell {
                name: "b2".into(),
                reference: "C2".into(),
            });
        assert_eq!(
            p.display(Lang::Vi).to_string(),
            "d.xlsx:2, cột \"b2\" (ô C2): dòng có 3 ô nhưng tiêu đề có 4 cột (thừa hoặc thiếu dấu phân cách?)"
        );
        assert_eq!(
            p.message.as_message::<DataMessage>(),
            Some(&DataMessage::RowWidth { got: 3, want: 4 })
        );
        // Compared by value, within its own catalogue only.
        assert_eq!(p.clone(), p);
        assert_ne!(p.message, DataMessage::RowWidth { got: 3, want: 5 });
        let same_words = Text::new(p.message.vi(), p.message.en());
        assert_ne!(p.message, same_words);
    }
}
