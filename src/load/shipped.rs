//! Criteria sets shipped in `criteria/` and built into the binary, so
//! `wardscore score thi-dua-cuoi-nam data.csv` works from anywhere.

/// (id, file name, TOML text) of every shipped set.
pub const SHIPPED: &[(&str, &str, &str)] = &[
    (
        "cong-an-phuong-kieu-mau",
        "criteria/cong-an-phuong-kieu-mau.toml",
        include_str!("../../criteria/cong-an-phuong-kieu-mau.toml"),
    ),
    (
        "an-toan-antt",
        "criteria/an-toan-antt.toml",
        include_str!("../../criteria/an-toan-antt.toml"),
    ),
    (
        "thi-dua-cuoi-nam",
        "criteria/thi-dua-cuoi-nam.toml",
        include_str!("../../criteria/thi-dua-cuoi-nam.toml"),
    ),
    (
        "thi-dua-cuoi-nam-kieu-mau",
        "criteria/thi-dua-cuoi-nam-kieu-mau.toml",
        include_str!("../../criteria/thi-dua-cuoi-nam-kieu-mau.toml"),
    ),
];

/// The shipped set with this id, as (file name, text).
pub fn find(id: &str) -> Option<(&'static str, &'static str)> {
    SHIPPED
        .iter()
        .find(|(sid, _, _)| *sid == id)
        .map(|(_, file, text)| (*file, *text))
}

/// For tests: a shipped set, parsed, and `copies` copies of the units of
/// one of `examples/` (ids and names made unique), as CSV text.
#[cfg(test)]
pub(crate) fn repeated_example(
    set_id: &str,
    example: &str,
    copies: usize,
) -> (crate::model::CriteriaSet, String) {
    let (file, source) = find(set_id).expect("a shipped set");
    let set = super::parse_criteria(file, source).expect("a valid set");
    let text =
        std::fs::read_to_string(format!("{}/examples/{example}", env!("CARGO_MANIFEST_DIR")))
            .expect("the example");
    let mut lines = text.lines();
    let mut csv = format!("{}\n", lines.next().expect("a header"));
    let rows: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    for copy in 0..copies {
        for row in &rows {
            let (id, rest) = row.split_once(',').expect("an id");
            let (name, rest) = rest.split_once(',').expect("a name");
            csv.push_str(&format!("{id}-{copy},{name} {copy},{rest}\n"));
        }
    }
    (set, csv)
}

pub fn ids() -> impl Iterator<Item = &'static str> {
    SHIPPED.iter().map(|(id, _, _)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_criteria;

    #[test]
    fn every_shipped_set_loads_and_has_its_id() {
        for (id, file, text) in SHIPPED {
            let set = parse_criteria(file, text).unwrap_or_else(|e| {
                let msgs: Vec<String> = e
                    .problems
                    .iter()
                    .map(|p| p.display(crate::i18n::Lang::En).to_string())
                    .collect();
                panic!("{file} does not load:\n{}", msgs.join("\n"))
            });
            assert_eq!(&set.id, id);
        }
    }
}
