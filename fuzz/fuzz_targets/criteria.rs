//! Criteria files (TOML) on arbitrary UTF-8. When a set loads, it is
//! rendered (criteria document, JSON and Markdown), and scored on small
//! generated data sets with extreme values (read through `read_data`, so
//! the data always satisfies the loader's checks), then explained and
//! rendered.

#![no_main]

mod common;

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use wardscore::collate::VietnameseOrder;
use wardscore::i18n::Lang;
use wardscore::load::data::{ReadError, ReadOptions, read_data};
use wardscore::load::problem::{Column, problems_text};
use wardscore::load::text::normalize;
use wardscore::model::{CriteriaSet, IndicatorRef, Rule, ValueKind};
use wardscore::report::{Context, Document, Format, Options, render_to_vec};

static ORDER: LazyLock<VietnameseOrder> = LazyLock::new(VietnameseOrder::new);

/// Number cells tried, extremes included (all readable in point style).
const NUMBERS: &[&str] = &[
    "0",
    "1",
    "100",
    "-1",
    "0.5",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "1000000000000000",
    "-1000000000000000",
    "0.0000000000000000000000000001",
    "99.99",
    "7922816251426433759354395033.5",
];

/// Level labels the set's rules accept for input `i`.
fn labels(set: &CriteriaSet, i: usize) -> Vec<String> {
    let rules = set
        .criteria
        .iter()
        .map(|c| (c.indicator, &c.rule))
        .chain(set.gates.iter().map(|g| (g.indicator, &g.rule)));
    let mut out = Vec::new();
    for (indicator, rule) in rules {
        if indicator == IndicatorRef::Input(i)
            && let Rule::Levels(levels) = rule
        {
            out.extend(levels.iter().map(|l| l.label.clone()));
        }
    }
    out
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn to_csv(header: &[String], rows: &[Vec<String>]) -> String {
    let line = |cells: &[String]| cells.iter().map(|c| quote(c)).collect::<Vec<_>>().join(",");
    let mut out = line(header);
    for r in rows {
        out.push('\n');
        out.push_str(&line(r));
    }
    out.push('\n');
    out
}

/// Scores the set on generated data; cells the loader rejects (a negative
/// count, points above a direct rule's maximum, ...) are replaced by a
/// plain value and the data is read again.
fn score_generated(set: &CriteriaSet, profile: usize, lang: Lang) {
    let mut header = vec![set.columns.id.clone(), set.columns.name.clone()];
    header.extend(set.columns.cluster.clone());
    let fixed = header.len();
    header.extend(set.inputs.iter().map(|i| i.column.clone()));
    let labels: Vec<Vec<String>> = (0..set.inputs.len()).map(|i| labels(set, i)).collect();
    let safe: Vec<String> = set
        .inputs
        .iter()
        .enumerate()
        .map(|(i, input)| match input.kind {
            ValueKind::Number => "0".to_string(),
            ValueKind::YesNo => "có".to_string(),
            ValueKind::Label => labels[i].first().cloned().unwrap_or_default(),
        })
        .collect();
    let mut rows: Vec<Vec<String>> = (0..4)
        .map(|r| {
            let mut row = vec![format!("U{r}"), format!("Đơn vị {}", 3 - r)];
            if set.columns.cluster.is_some() {
                row.push(if r % 2 == 0 { "A" } else { "B" }.to_string());
            }
            for (i, input) in set.inputs.iter().enumerate() {
                let k = profile * 5 + r * 7 + i * 3;
                let cell = match k % 11 {
                    0 if input.accepts_na => "N/A".to_string(),
                    1 => String::new(),
                    _ => match input.kind {
                        ValueKind::Number => NUMBERS[k % NUMBERS.len()].to_string(),
                        ValueKind::YesNo => if k % 2 == 0 { "có" } else { "không" }.to_string(),
                        ValueKind::Label => {
                            let l = &labels[i];
                            if l.is_empty() {
                                String::new()
                            } else {
                                l[k % l.len()].clone()
                            }
                        }
                    },
                };
                row.push(cell);
            }
            row
        })
        .collect();
    let options = ReadOptions {
        delimiter: Some(b','),
        ..ReadOptions::default()
    };
    for _attempt in 0..3 {
        let csv = to_csv(&header, &rows);
        match read_data(set, "generated.csv", csv.as_bytes(), &options) {
            Ok(dataset) => {
                // A score no decimal holds is refused, not rendered.
                if let Ok(evaluation) = wardscore::engine::evaluate(set, &dataset, &ORDER) {
                    assert_eq!(evaluation.units.len(), dataset.units.len());
                    common::render(set, &dataset, &ORDER, lang);
                }
                return;
            }
            Err(ReadError::Io(e)) => panic!("reading from memory cannot fail: {e}"),
            Err(ReadError::Rejected(r)) => {
                let mut repaired = false;
                for p in &r.problems {
                    let (Some(line), Some(Column::Name(name))) = (p.line, &p.column) else {
                        continue;
                    };
                    let Some(col) = header
                        .iter()
                        .position(|h| h == name || normalize(h) == *name)
                    else {
                        continue;
                    };
                    if col < fixed || line < 2 || line - 2 >= rows.len() {
                        continue;
                    }
                    let fallback = &safe[col - fixed];
                    if rows[line - 2][col] != *fallback {
                        rows[line - 2][col] = fallback.clone();
                        repaired = true;
                    }
                }
                if !repaired {
                    return;
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let set = match wardscore::load::parse_criteria("fuzz.toml", source) {
        Ok(set) => set,
        Err(rejected) => {
            assert!(rejected.total() > 0, "rejected without a problem");
            let _ = problems_text(&rejected.problems, Lang::Vi);
            let _ = problems_text(&rejected.problems, Lang::En);
            return;
        }
    };
    let stamp = common::stamp(&set);
    let cx = Context {
        set: &set,
        lang: Lang::Vi,
        stamp: &stamp,
        profile: &wardscore::model::Profile::default(),
        options: Options::default(),
    };
    for format in [Format::Json, Format::Md] {
        render_to_vec(format, &cx, &Document::Criteria).expect("criteria render");
    }
    for profile in 0..2 {
        let lang = if profile == 0 { Lang::Vi } else { Lang::En };
        score_generated(&set, profile, lang);
    }
});
