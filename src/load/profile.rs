//! Report profile file (TOML) → [`ProfileFields`]: who issues the report,
//! its number, place and date, the period, who signs and who receives it.
//! Every problem is listed at once, located, like the criteria loader's.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::messages::profile::{ProfileExpected, ProfileMessage as P};
use super::problem::{Column, Problem, Rejected, did_you_mean};
use crate::model::{Day, ProfileFields};

/// A profile is a dozen short lines; anything larger is not one.
pub const MAX_PROFILE_BYTES: usize = 1 << 20;
/// Recipients a profile may list (a real list has a handful).
pub const MAX_RECIPIENTS: usize = 100;

pub(crate) const KEYS: &[&str] = &[
    "parent",
    "issuer",
    "number",
    "place",
    "date",
    "period",
    "signer_title",
    "signer_name",
    "recipients",
];

/// Reads a date as `2023-12-15` or `15/12/2023`; `None` unless it is a real
/// day.
pub fn parse_day(text: &str) -> Option<Day> {
    let text = text.trim();
    let date = if let Some((d, rest)) = text.split_once('/') {
        let (m, y) = rest.split_once('/')?;
        let number = |s: &str| -> Option<i64> {
            (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (d, m, y) = (number(d)?, number(m)?, number(y)?);
        if y < 1000 {
            return None;
        }
        jiff::civil::Date::new(
            i16::try_from(y).ok()?,
            i8::try_from(m).ok()?,
            i8::try_from(d).ok()?,
        )
        .ok()?
    } else {
        // Only the plain form: `2023-12-15`.
        if text.len() != 10 {
            return None;
        }
        text.parse::<jiff::civil::Date>().ok()?
    };
    Some(Day {
        year: date.year(),
        month: date.month(),
        day: date.day(),
    })
}

/// The fields of a profile file, or every problem in it.
pub fn parse_profile(file: &str, source: &str) -> Result<ProfileFields, Rejected> {
    let mut cx = Cx::new(file, source);
    let (root, syntax_errors) = DeTable::parse_recoverable(source);
    if !syntax_errors.is_empty() {
        for e in syntax_errors {
            let msg = e.message().trim().to_string();
            cx.report(e.span().unwrap_or(0..0), P::TomlSyntax { msg }, None);
        }
        return Err(cx.problems.into());
    }
    let mut fields = ProfileFields::default();
    for (key, node) in root.get_ref().iter() {
        let k = key.get_ref().as_ref();
        match k {
            "parent" => fields.parent = cx.string(k, node),
            "issuer" => fields.issuer = cx.string(k, node),
            "number" => fields.number = cx.string(k, node),
            "place" => fields.place = cx.string(k, node),
            "period" => fields.period = cx.string(k, node),
            "signer_title" => fields.signer_title = cx.string(k, node),
            "signer_name" => fields.signer_name = cx.string(k, node),
            "date" => fields.date = cx.date(node),
            "recipients" => fields.recipients = cx.recipients(node),
            _ => {
                let hint = did_you_mean(k, KEYS.iter().copied());
                cx.report(
                    key.span(),
                    P::UnknownKey {
                        key: k.to_string(),
                        hint,
                    },
                    None,
                );
            }
        }
    }
    if cx.problems.is_empty() {
        Ok(fields)
    } else {
        Err(cx.problems.into())
    }
}

type Node<'i> = Spanned<DeValue<'i>>;

struct Cx<'s> {
    file: String,
    source: &'s str,
    problems: Vec<Problem>,
}

impl<'s> Cx<'s> {
    fn new(file: &str, source: &'s str) -> Self {
        Cx {
            file: file.to_string(),
            source,
            problems: Vec::new(),
        }
    }

    fn report(&mut self, span: Range<usize>, message: P, value: Option<&str>) {
        let start = span.start.min(self.source.len());
        let before = self.source.get(..start).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = self
            .source
            .get(line_start..start)
            .map_or(1, |s| s.chars().count() + 1);
        let mut problem = Problem::new(self.file.clone(), message)
            .at_line(line)
            .at_column(Column::Number(column));
        if let Some(value) = value {
            problem = problem.with_value(value);
        }
        self.problems.push(problem);
    }

    /// A text that will be printed on the document, on one line (the
    /// signer's title may take two: "KT. TRƯỞNG CÔNG AN" over "PHÓ TRƯỞNG
    /// CÔNG AN"). Like a title in a criteria set it may keep invisible
    /// characters: it names nothing that is looked up.
    fn text(&mut self, key: &str, node: &Node<'_>, value: &str) -> Option<String> {
        let value = crate::load::text::normalize(value);
        if key != "signer_title" && value.contains(['\n', '\r']) {
            self.report(
                node.span(),
                P::OneLine {
                    key: key.to_string(),
                },
                None,
            );
            return None;
        }
        Some(value.trim().to_string())
    }

    fn string(&mut self, key: &str, node: &Node<'_>) -> Option<String> {
        match node.get_ref() {
            DeValue::String(s) => self.text(key, node, s),
            _ => {
                self.wrong_type(node, key, ProfileExpected::QuotedString);
                None
            }
        }
    }

    fn date(&mut self, node: &Node<'_>) -> Option<Day> {
        let written = match node.get_ref() {
            DeValue::String(s) => s.to_string(),
            // `date = 2023-12-15`, a TOML date: read as the same text.
            DeValue::Datetime(d) => d.to_string(),
            _ => {
                self.wrong_type(node, "date", ProfileExpected::Date);
                return None;
            }
        };
        let day = parse_day(&written);
        if day.is_none() {
            self.report(node.span(), P::NotARealDate, Some(&written));
        }
        day
    }

    fn recipients(&mut self, node: &Node<'_>) -> Vec<String> {
        let DeValue::Array(items) = node.get_ref() else {
            self.wrong_type(node, "recipients", ProfileExpected::Recipients);
            return Vec::new();
        };
        if items.len() > MAX_RECIPIENTS {
            let n = items.len();
            self.report(node.span(), P::TooManyRecipients { n }, None);
            return Vec::new();
        }
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.extend(self.text("recipients", item, s)),
                _ => self.wrong_type(item, "recipients", ProfileExpected::Recipient),
            }
        }
        out
    }

    fn wrong_type(&mut self, node: &Node<'_>, key: &str, expected: ProfileExpected) {
        let found = self
            .source
            .get(node.span())
            .filter(|s| s.len() <= 80 && !s.contains('\n'))
            .map(str::trim);
        self.report(
            node.span(),
            P::MustBe {
                key: key.to_string(),
                expected,
            },
            found,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::load::problem::problems_text;

    const EXAMPLE: &str = r#"
parent = "CÔNG AN TỈNH NGHỆ AN"
issuer = "CÔNG AN THỊ XÃ CỬA LÒ"
number = "125/BC-CATX"
place = "Cửa Lò"
date = "2023-12-15"
period = "năm 2023"
signer_title = "KT. TRƯỞNG CÔNG AN"
signer_name = "Nguyễn Văn A"
recipients = ["Công an tỉnh (để b/c)", "Lưu: VT, TH."]
"#;

    fn problems(source: &str, lang: Lang) -> String {
        match parse_profile("bao-cao.toml", source) {
            Ok(fields) => panic!("accepted: {fields:?}"),
            Err(rejected) => problems_text(&rejected.problems, lang),
        }
    }

    #[test]
    fn reads_every_field_of_the_documented_example() {
        let fields = parse_profile("bao-cao.toml", EXAMPLE).expect("the example is valid");
        assert_eq!(fields.parent.as_deref(), Some("CÔNG AN TỈNH NGHỆ AN"));
        assert_eq!(fields.issuer.as_deref(), Some("CÔNG AN THỊ XÃ CỬA LÒ"));
        assert_eq!(fields.number.as_deref(), Some("125/BC-CATX"));
        assert_eq!(fields.place.as_deref(), Some("Cửa Lò"));
        assert_eq!(fields.date.map(Day::iso).as_deref(), Some("2023-12-15"));
        assert_eq!(fields.period.as_deref(), Some("năm 2023"));
        assert_eq!(fields.signer_title.as_deref(), Some("KT. TRƯỞNG CÔNG AN"));
        assert_eq!(fields.signer_name.as_deref(), Some("Nguyễn Văn A"));
        assert_eq!(fields.recipients, ["Công an tỉnh (để b/c)", "Lưu: VT, TH."]);
    }

    #[test]
    fn a_toml_date_and_a_slashed_date_are_read_alike() {
        let toml_date = parse_profile("p.toml", "date = 2023-12-15").expect("valid");
        let slashed = parse_profile("p.toml", "date = \"15/12/2023\"").expect("valid");
        assert_eq!(toml_date.date, slashed.date);
        assert_eq!(
            slashed.date.map(Day::slashed).as_deref(),
            Some("15/12/2023")
        );
    }

    #[test]
    fn every_problem_is_listed_with_its_line_and_a_suggestion() {
        let text = problems(
            "isuer = \"CÔNG AN\"\ndate = \"2023-02-30\"\nrecipients = \"Lưu: VT\"\n",
            Lang::En,
        );
        assert!(
            text.contains("bao-cao.toml:1:1: unknown key \"isuer\" in a report profile. Did you mean \"issuer\"?"),
            "{text}"
        );
        assert!(
            text.contains("bao-cao.toml:2:8: \"2023-02-30\": \"date\" is not a real date"),
            "{text}"
        );
        assert!(text.contains("bao-cao.toml:3:14"), "{text}");
        assert!(
            text.contains("\"recipients\" must be a list of strings"),
            "{text}"
        );
        let vi = problems("isuer = \"CÔNG AN\"\n", Lang::Vi);
        assert!(
            vi.contains(
                "khóa \"isuer\" không dùng được trong hồ sơ báo cáo. Có phải ý bạn là \"issuer\"?"
            ),
            "{vi}"
        );
    }

    #[test]
    fn syntax_errors_and_wrong_types_are_located() {
        assert!(problems("issuer = \n", Lang::En).contains("bao-cao.toml:1:"));
        let text = problems("number = 125\n", Lang::En);
        assert!(
            text.contains("\"125\": \"number\" must be a quoted string"),
            "{text}"
        );
    }

    #[test]
    fn dates_must_be_real_days() {
        assert_eq!(
            parse_day("2024-02-29").map(Day::slashed).as_deref(),
            Some("29/02/2024")
        );
        assert_eq!(
            parse_day("1/2/2024").map(Day::iso).as_deref(),
            Some("2024-02-01")
        );
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "31/04/2023",
            "15/12/23",
            "2023-12-15T00:00",
            "",
            "hôm nay",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }
}
