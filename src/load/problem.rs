//! A problem found in an input file: where it is, the value, and what was
//! expected, in both languages.

use std::fmt;

use crate::i18n::{Lang, Text};
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
    pub message: Text,
}

impl Problem {
    pub fn new(file: impl Into<String>, message: Text) -> Self {
        Problem {
            file: file.into(),
            line: None,
            column: None,
            value: None,
            message,
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
                write!(f, ", {} \"{name}\"", self.lang.pick("cột", "column"))?
            }
            Some(Column::Cell { name, reference }) => write!(
                f,
                ", {} \"{name}\" ({} {reference})",
                self.lang.pick("cột", "column"),
                self.lang.pick("ô", "cell")
            )?,
            None => {}
        }
        write!(f, ": ")?;
        if let Some(value) = &p.value {
            write!(f, "\"{value}\": ")?;
        }
        write!(f, "{}", p.message.get(self.lang))
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

/// " Did you mean …?" in both languages, or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Text {
    match suggest(word, candidates) {
        Some(s) => Text::new(
            format!(" Có phải ý bạn là \"{s}\"?"),
            format!(" Did you mean \"{s}\"?"),
        ),
        None => Text::new("", ""),
    }
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
}
