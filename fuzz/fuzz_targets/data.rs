//! Unit data (CSV streamed, or a workbook when the bytes start like one)
//! bound to a shipped criteria set, then scored, explained and rendered.
//!
//! Input layout: byte 0 chooses the options, the rest is the file.
//! - bits 0-1: decimal: Detect, Explicit(Point), Explicit(Comma), Detect
//! - bit 2:    encoding: None (UTF-8/BOM) or windows-1258
//! - bits 3-4: set: thi-dua-cuoi-nam, cong-an-phuong-kieu-mau,
//!             an-toan-antt, tests/fixtures/small.toml
//! - bits 5-6: delimiter: detected, detected, `;`, tab
//! - bit 7:    report language: vi or en

#![no_main]

mod common;

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use wardscore::collate::VietnameseOrder;
use wardscore::i18n::Lang;
use wardscore::load::data::{DecimalChoice, ReadOptions, read_data};
use wardscore::load::text::DecimalStyle;
use wardscore::model::CriteriaSet;

fn shipped(id: &str) -> CriteriaSet {
    let (file, text) = wardscore::load::shipped::find(id).expect("shipped set");
    wardscore::load::parse_criteria(file, text).expect("shipped set loads")
}

static SETS: LazyLock<[CriteriaSet; 4]> = LazyLock::new(|| {
    [
        shipped("thi-dua-cuoi-nam"),
        shipped("cong-an-phuong-kieu-mau"),
        shipped("an-toan-antt"),
        wardscore::load::parse_criteria(
            "tests/fixtures/small.toml",
            include_str!("../../tests/fixtures/small.toml"),
        )
        .expect("small.toml loads"),
    ]
});

static ORDER: LazyLock<VietnameseOrder> = LazyLock::new(VietnameseOrder::new);

fuzz_target!(|data: &[u8]| {
    let Some((&selector, file)) = data.split_first() else {
        return;
    };
    let options = ReadOptions {
        delimiter: match (selector >> 5) & 3 {
            2 => Some(b';'),
            3 => Some(b'\t'),
            _ => None,
        },
        decimal: match selector & 3 {
            1 => DecimalChoice::Explicit(DecimalStyle::Point),
            2 => DecimalChoice::Explicit(DecimalStyle::Comma),
            _ => DecimalChoice::Detect,
        },
        encoding: if selector & 4 != 0 {
            encoding_rs::Encoding::for_label(b"windows-1258")
        } else {
            None
        },
        sheet: None,
    };
    let set = &SETS[usize::from((selector >> 3) & 3)];
    let lang = if selector & 0x80 != 0 {
        Lang::En
    } else {
        Lang::Vi
    };

    let dataset = match read_data(set, "data.csv", file, &options) {
        Ok(dataset) => dataset,
        Err(e) => {
            // Every problem must be printable in both languages.
            let _ = e.to_string();
            if let wardscore::load::data::ReadError::Rejected(r) = &e {
                let _ = wardscore::load::problem::problems_text(&r.problems, Lang::Vi);
                let _ = wardscore::load::problem::problems_text(&r.problems, Lang::En);
            }
            return;
        }
    };
    for unit in &dataset.units {
        assert_eq!(unit.values.len(), set.inputs.len(), "one value per input");
    }
    // A score no decimal holds is refused, in both languages.
    let evaluation = match wardscore::engine::evaluate(set, &dataset, &ORDER) {
        Ok(evaluation) => evaluation,
        Err(overflow) => {
            use wardscore::i18n::Message;
            let _ = (overflow.words(Lang::Vi), overflow.words(Lang::En));
            return;
        }
    };
    assert_eq!(evaluation.units.len(), dataset.units.len());
    // Streaming compact scoring ranks and rates exactly as the full engine.
    let keep = wardscore::model::Keep::Points;
    let (_, scoring) = wardscore::engine::compact::score_alongside(set, keep, |sink| {
        wardscore::load::data::read_data_each(set, "data.csv", file, &options, sink)
    })
    .expect("read once already");
    let compact = scoring.finish(&ORDER).expect("the full engine scored it");
    assert_eq!(compact.units.len(), evaluation.units.len());
    for (c, e) in compact.units.iter().zip(&evaluation.units) {
        assert_eq!(compact.store.id(c), e.id);
        assert_eq!(
            (c.rank, c.score, c.rating),
            (e.rank, e.score, e.rating.stored())
        );
        assert_eq!(
            (c.downgrades, c.excluded, c.tied_first),
            (e.downgrades, e.excluded, e.tied_first)
        );
    }
    common::render(set, &dataset, &ORDER, lang);
});
