//! Who issues a report, when, and who signs it: the details an office puts
//! on a document, kept apart from the criteria set so nobody edits a set to
//! put their agency's name on a report.

/// A calendar date (checked when read: a real day of a real month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i16,
    pub month: i8,
    pub day: i8,
}

impl Day {
    /// `15/12/2023`: how a Vietnamese table writes a date.
    pub fn slashed(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// `2023-12-15`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `ngày 05 tháng 02 năm 2023`: the date in running text. Nghị định 30
    /// writes days below 10 and the months 1 and 2 with a leading 0 (so
    /// nobody can add a digit), other months without.
    pub fn in_words_vi(self) -> String {
        let month = if self.month <= 2 {
            format!("{:02}", self.month)
        } else {
            self.month.to_string()
        };
        format!("ngày {:02} tháng {month} năm {:04}", self.day, self.year)
    }

    /// `15 December 2023`.
    pub fn in_words_en(self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let name = usize::try_from(self.month - 1)
            .ok()
            .and_then(|m| MONTHS.get(m))
            .copied()
            .unwrap_or_default();
        format!("{} {name} {:04}", self.day, self.year)
    }
}

/// Report details as given by one source (a profile file, the flags, the
/// criteria set): each may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileFields {
    /// Cơ quan chủ quản.
    pub parent: Option<String>,
    /// Cơ quan ban hành.
    pub issuer: Option<String>,
    /// Số, ký hiệu, e.g. `125/BC-CATX`.
    pub number: Option<String>,
    /// Địa danh.
    pub place: Option<String>,
    pub date: Option<Day>,
    /// Kỳ chấm điểm, e.g. `năm 2023`.
    pub period: Option<String>,
    /// Chức vụ người ký, with its `KT.` / `TM.` prefix if any.
    pub signer_title: Option<String>,
    pub signer_name: Option<String>,
    /// Nơi nhận; empty when not given.
    pub recipients: Vec<String>,
}

impl ProfileFields {
    /// These fields, each filled from `fallback` where missing (recipients
    /// as a whole).
    pub fn or(self, fallback: ProfileFields) -> ProfileFields {
        ProfileFields {
            parent: self.parent.or(fallback.parent),
            issuer: self.issuer.or(fallback.issuer),
            number: self.number.or(fallback.number),
            place: self.place.or(fallback.place),
            date: self.date.or(fallback.date),
            period: self.period.or(fallback.period),
            signer_title: self.signer_title.or(fallback.signer_title),
            signer_name: self.signer_name.or(fallback.signer_name),
            recipients: if self.recipients.is_empty() {
                fallback.recipients
            } else {
                self.recipients
            },
        }
    }
}

/// The details a report is issued with, every source merged; the date is
/// always known (today when no source gives one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub parent: Option<String>,
    pub issuer: Option<String>,
    pub number: Option<String>,
    pub place: Option<String>,
    pub date: Day,
    pub period: Option<String>,
    pub signer_title: Option<String>,
    pub signer_name: Option<String>,
    pub recipients: Vec<String>,
}

impl Profile {
    /// The merged fields, dated `today` unless they say otherwise.
    pub fn new(fields: ProfileFields, today: Day) -> Profile {
        Profile {
            parent: fields.parent,
            issuer: fields.issuer,
            number: fields.number,
            place: fields.place,
            date: fields.date.unwrap_or(today),
            period: fields.period,
            signer_title: fields.signer_title,
            signer_name: fields.signer_name,
            recipients: fields.recipients,
        }
    }
}

impl Default for Profile {
    /// No details, dated 1 January 2024 (for tests and library callers
    /// that give none).
    fn default() -> Self {
        Profile::new(
            ProfileFields::default(),
            Day {
                year: 2024,
                month: 1,
                day: 1,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_vietnamese_way() {
        let d = Day {
            year: 2023,
            month: 2,
            day: 5,
        };
        assert_eq!(d.slashed(), "05/02/2023");
        assert_eq!(d.in_words_vi(), "ngày 05 tháng 02 năm 2023");
        let d = Day {
            year: 2023,
            month: 12,
            day: 15,
        };
        assert_eq!(d.in_words_vi(), "ngày 15 tháng 12 năm 2023");
        assert_eq!(d.in_words_en(), "15 December 2023");
        assert_eq!(d.iso(), "2023-12-15");
    }

    #[test]
    fn each_field_comes_from_the_first_source_that_gives_it() {
        let flags = ProfileFields {
            issuer: Some("FLAG".into()),
            ..ProfileFields::default()
        };
        let file = ProfileFields {
            issuer: Some("FILE".into()),
            place: Some("Cửa Lò".into()),
            recipients: vec!["Lưu: VT".into()],
            ..ProfileFields::default()
        };
        let set = ProfileFields {
            issuer: Some("SET".into()),
            period: Some("năm 2023".into()),
            place: Some("SET PLACE".into()),
            ..ProfileFields::default()
        };
        let merged = flags.or(file).or(set);
        assert_eq!(merged.issuer.as_deref(), Some("FLAG"));
        assert_eq!(merged.place.as_deref(), Some("Cửa Lò"));
        assert_eq!(merged.period.as_deref(), Some("năm 2023"));
        assert_eq!(merged.recipients, ["Lưu: VT"]);
    }
}
