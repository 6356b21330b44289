//! The workbooks read back with calamine: the annex layout, numbers as
//! numbers, the template's checks.

#![allow(
    clippy::cast_possible_truncation,
    reason = "tests index a handful of rows and columns, far below u16/u32"
)]

use std::io::Cursor;

use calamine::{Data, Range, Reader, Sheets, open_workbook_auto_from_rs};

use super::*;
use crate::collate::VietnameseOrder;
use crate::load::{data::bind, parse_criteria, shipped, table::read_csv};
use crate::model::Rule;
use crate::model::{Evaluation, Status, UnitResult};
use crate::report::{Format as OutFormat, Options, Stamp, render_to_vec};

const THI_DUA: (&str, &str, &str) = (
    "thi-dua-cuoi-nam",
    "thi-dua-2023.csv",
    include_str!("../../../examples/thi-dua-2023.csv"),
);
const AN_TOAN: (&str, &str, &str) = (
    "an-toan-antt",
    "an-toan-2023.csv",
    include_str!("../../../examples/an-toan-2023.csv"),
);
const CUA_LO: (&str, &str, &str) = (
    "cong-an-phuong-kieu-mau",
    "cua-lo-2023.csv",
    include_str!("../../../examples/cua-lo-2023.csv"),
);

fn set_of(id: &str) -> CriteriaSet {
    let (file, text) = shipped::find(id).unwrap();
    parse_criteria(file, text).unwrap()
}

/// A ranking in the one store, and every unit of it in full.
struct Fixture {
    store: crate::model::CompactEvaluation,
    eval: Evaluation,
}

impl std::ops::Deref for Fixture {
    type Target = Evaluation;
    fn deref(&self) -> &Evaluation {
        &self.eval
    }
}

fn fixture(example: (&str, &str, &str)) -> (CriteriaSet, Fixture) {
    fixture_edited(example, |_, _| {})
}

/// The example's ranking after `edit` changed its data, given the ranking
/// before.
fn fixture_edited(
    (id, name, csv): (&str, &str, &str),
    edit: impl FnOnce(&mut crate::model::Dataset, &Evaluation),
) -> (CriteriaSet, Fixture) {
    let set = set_of(id);
    let table = read_csv(name, csv, None).unwrap();
    let mut data = bind(&set, &table, Default::default()).unwrap();
    let order = VietnameseOrder::new();
    let keep = crate::model::Keep::Values;
    let before = crate::engine::evaluate(&set, &data, &order).expect("scores");
    edit(&mut data, &before);
    let store = crate::engine::compact::rank_dataset(&set, &data, keep, &order).expect("scores");
    let eval = crate::engine::compact::full(&set, &store).expect("scores");
    (set, Fixture { store, eval })
}

fn render(set: &CriteriaSet, lang: Lang, sanitize: bool, doc: &Document<'_>) -> Vec<u8> {
    let stamp = Stamp::for_tests();
    let cx = Context {
        profile: &crate::model::Profile::default(),
        set,
        lang,
        stamp: &stamp,
        options: Options {
            sanitize,
            ..Options::default()
        },
    };
    render_to_vec(OutFormat::Xlsx, &cx, doc).unwrap()
}

type Book = Sheets<Cursor<Vec<u8>>>;

fn open(bytes: Vec<u8>) -> Book {
    open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap()
}

fn sheet(book: &mut Book, name: &str) -> Range<Data> {
    book.worksheet_range(name).unwrap()
}

fn at(range: &Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn s(text: &str) -> Data {
    Data::String(text.to_string())
}

/// What Excel holds for an exact decimal.
fn n(d: Decimal) -> Data {
    Data::Float(d.to_string().parse().unwrap())
}

fn int(i: u32) -> Data {
    Data::Float(f64::from(i))
}

fn row_texts(range: &Range<Data>, row: u32) -> Vec<String> {
    let width = range.end().map_or(0, |(_, c)| c + 1);
    let mut out: Vec<String> = (0..width)
        .map(|c| match at(range, row, c) {
            Data::String(s) => s,
            Data::Empty => String::new(),
            other => other.to_string(),
        })
        .collect();
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// The row whose first cell is `first`.
fn find_row(range: &Range<Data>, first: &str) -> u32 {
    let last = range.end().map_or(0, |(r, _)| r);
    (0..=last)
        .find(|&r| at(range, r, 0) == s(first))
        .unwrap_or_else(|| panic!("no row starts with {first}"))
}

fn no_formulas(book: &mut Book) {
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "formula in sheet {name}"
        );
    }
}

#[test]
fn ranking_workbook_has_the_annex_layout() {
    let (set, eval) = fixture(THI_DUA);
    let bytes = render(&set, Lang::Vi, true, &Document::Ranking(&eval.store));
    let mut book = open(bytes);
    assert_eq!(
        book.sheet_names(),
        [
            "Xếp hạng",
            "Cụm 1",
            "Cụm 2",
            "Cụm 3",
            "Chi tiết",
            "Tiêu chí",
            "Thông tin lập"
        ]
    );
    let r = sheet(&mut book, "Xếp hạng");
    assert_eq!(at(&r, 0, 0), s(&set.title));
    assert!(matches!(at(&r, 1, 0), Data::String(t) if t.contains("NĐ 98/2023/NĐ-CP")));
    assert_eq!(
        row_texts(&r, 2),
        [
            "STT",
            "Đơn vị",
            "Mã",
            "Cụm",
            "A",
            "B",
            "C",
            "D",
            "Điểm",
            "Đạt",
            "Ghi chú",
            "Xếp loại",
            "Hạng",
            "Hạng cụm"
        ]
    );
    for (i, u) in eval.units.iter().enumerate() {
        let row = 3 + i as u32;
        assert_eq!(at(&r, row, 0), int(i as u32 + 1));
        assert_eq!(at(&r, row, 1), s(&u.name));
        assert_eq!(at(&r, row, 2), s(&u.id));
        assert_eq!(at(&r, row, 3), s(u.cluster.as_deref().unwrap()));
        for (g, value) in u.groups.iter().enumerate() {
            assert_eq!(at(&r, row, 4 + g as u32), n(*value));
        }
        assert_eq!(at(&r, row, 8), n(u.score));
        assert_eq!(at(&r, row, 9), s(&format!("{}/{}", u.met, u.applicable)));
        assert_eq!(at(&r, row, 11), s(words::rating_shown(&set, u.rating)));
        assert_eq!(at(&r, row, 12), int(u.rank));
        assert_eq!(at(&r, row, 13), int(u.cluster_rank.unwrap()));
    }
    // Vietnamese intact, the quota note in its own column, the group
    // legend below.
    assert!(eval.units.iter().any(|u| u.name == "Đội Cung"));
    assert!(
        r.used_cells().any(|(_, _, d)| {
            *d == s("↓ Hoàn thành xuất sắc nhiệm vụ: hạn mức")
        })
    );
    let legend = 3 + eval.units.len() as u32 + 1;
    assert!(matches!(at(&r, legend, 0), Data::String(t) if t.contains("A = Xây dựng lực lượng")));

    // Scores carry the set's precision; the header is bold.
    let styles = book.worksheet_style("Xếp hạng").unwrap();
    let score = styles.get((3, 8)).unwrap();
    assert_eq!(score.number_format.as_ref().unwrap().format_code, "0.00");
    assert!(styles.get((2, 0)).unwrap().font.as_ref().unwrap().is_bold());
    no_formulas(&mut book);
}

#[test]
fn one_sheet_per_cluster_in_rank_order() {
    let (set, eval) = fixture(THI_DUA);
    let mut book = open(render(
        &set,
        Lang::Vi,
        true,
        &Document::Ranking(&eval.store),
    ));
    let mut seen = 0;
    for cluster in ["Cụm 1", "Cụm 2", "Cụm 3"] {
        let r = sheet(&mut book, cluster);
        assert!(matches!(at(&r, 0, 0), Data::String(t) if t.ends_with(&format!("— {cluster}"))));
        let units: Vec<&UnitResult> = eval
            .units
            .iter()
            .filter(|u| u.cluster.as_deref() == Some(cluster))
            .collect();
        assert!(!units.is_empty());
        for (i, u) in units.iter().enumerate() {
            let row = 3 + i as u32;
            assert_eq!(at(&r, row, 0), int(i as u32 + 1));
            assert_eq!(at(&r, row, 1), s(&u.name));
            assert_eq!(at(&r, row, 3), s(cluster));
            assert_eq!(at(&r, row, 8), n(u.score));
            assert_eq!(at(&r, row, 12), int(u.rank));
            assert_eq!(at(&r, row, 13), int(u.cluster_rank.unwrap()));
        }
        // Nothing but the legends after this cluster's units.
        assert_eq!(at(&r, 3 + units.len() as u32, 0), Data::Empty);
        seen += units.len();
    }
    assert_eq!(seen, eval.units.len());
}

#[test]
fn detail_sheet_has_every_criterion_and_na_as_text() {
    let (set, eval) = fixture(THI_DUA);
    let mut book = open(render(
        &set,
        Lang::Vi,
        true,
        &Document::Ranking(&eval.store),
    ));
    let r = sheet(&mut book, "Chi tiết");
    let header = row_texts(&r, 1);
    let mut expected = vec!["Hạng", "Mã", "Đơn vị", "Cụm"];
    expected.extend(set.criteria.iter().map(|c| c.id.as_str()));
    expected.extend(["Điểm cơ sở", "Điểm thưởng", "Điểm trừ", "Điểm"]);
    assert_eq!(header, expected);
    let mut na_seen = false;
    for (i, u) in eval.units.iter().enumerate() {
        let row = 2 + i as u32;
        assert_eq!(at(&r, row, 0), int(u.rank));
        assert_eq!(at(&r, row, 1), s(&u.id));
        for (c, result) in u.criteria.iter().enumerate() {
            let got = at(&r, row, 4 + c as u32);
            if result.status == Status::NotApplicable {
                assert_eq!(got, s("N/A"));
                na_seen = true;
            } else {
                assert_eq!(got, n(result.points));
            }
        }
        assert_eq!(at(&r, row, 4 + set.criteria.len() as u32 + 3), n(u.score));
    }
    assert!(na_seen, "the example has N/A for B3");
}

#[test]
fn criteria_and_stamp_sheets() {
    let (set, eval) = fixture(THI_DUA);
    let mut book = open(render(
        &set,
        Lang::Vi,
        true,
        &Document::Ranking(&eval.store),
    ));
    let r = sheet(&mut book, "Tiêu chí");
    let header = find_row(&r, "Mã");
    assert_eq!(
        row_texts(&r, header),
        ["Mã", "Tiêu chí", "Chỉ số", "Quy tắc", "Điểm", "Đạt khi ≥"]
    );
    let a1 = find_row(&r, "A1");
    assert_eq!(at(&r, a1, 2), s("chien_si_tien_tien_pct"));
    assert_eq!(at(&r, a1, 4), n(Decimal::from(8)));

    let r = sheet(&mut book, "Thông tin lập");
    let stamp = Stamp::for_tests();
    let cx = Context {
        profile: &crate::model::Profile::default(),
        set: &set,
        lang: Lang::Vi,
        stamp: &stamp,
        options: Options::default(),
    };
    for (i, (label, value)) in content::stamp_lines(&cx).iter().enumerate() {
        assert_eq!(at(&r, i as u32, 0), s(label));
        assert_eq!(at(&r, i as u32, 1), s(value));
    }
}

#[test]
fn formula_like_text_comes_back_as_the_same_text() {
    let nasty = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd", "@SUM(1)", "-2+3"];
    // The first four in rank order, renamed.
    let (set, eval) = fixture_edited(THI_DUA, |data, before| {
        for (u, name) in before.units.iter().zip(nasty) {
            let record = &mut data.units[u.input_index];
            record.name = name.to_string();
            record.id = format!("={name}");
        }
    });
    for sanitize in [true, false] {
        let bytes = render(&set, Lang::Vi, sanitize, &Document::Ranking(&eval.store));
        let mut book = open(bytes);
        let r = sheet(&mut book, "Xếp hạng");
        for (i, name) in nasty.iter().enumerate() {
            assert_eq!(at(&r, 3 + i as u32, 1), s(name));
            assert_eq!(at(&r, 3 + i as u32, 2), s(&format!("={name}")));
        }
        let d = sheet(&mut book, "Chi tiết");
        assert_eq!(at(&d, 2, 2), s(nasty[0]));
        no_formulas(&mut book);
    }
}

#[test]
fn english_labels_without_clusters() {
    let (set, eval) = fixture(AN_TOAN);
    let mut book = open(render(
        &set,
        Lang::En,
        true,
        &Document::Ranking(&eval.store),
    ));
    assert_eq!(
        book.sheet_names(),
        ["Ranking", "Details", "Criteria", "Stamp"]
    );
    let r = sheet(&mut book, "Ranking");
    let header = find_row(&r, "No.");
    let mut expected = vec!["No.", "Unit", "Id"];
    expected.extend(set.groups.iter().map(|g| g.id.as_str()));
    // A set judged by its pass count leads with it; the points are an aid.
    expected.extend(["Met", "Points (internal aid)", "Note", "Rating", "Rank"]);
    assert_eq!(row_texts(&r, header), expected);
    let first = &eval.units[0];
    assert_eq!(at(&r, header + 1, 1), s(&first.name));
    assert_eq!(at(&r, header + 1, 2), s(&first.id));
    let score_col = 4 + set.groups.len() as u32;
    assert_eq!(at(&r, header + 1, score_col), n(first.score));
}

#[test]
fn explain_and_criteria_documents() {
    let (set, eval) = fixture(CUA_LO);
    let u = eval.units.iter().find(|u| u.id == "NTHUY").unwrap();
    let e = crate::engine::explain::explain(&set, u);
    let mut book = open(render(&set, Lang::Vi, true, &Document::Explain(u, &e)));
    assert_eq!(book.sheet_names(), ["Giải trình", "Thông tin lập"]);
    let r = sheet(&mut book, "Giải trình");
    assert!(matches!(at(&r, 0, 0), Data::String(t) if t.starts_with("Nghi Thủy (NTHUY)")));
    let header = find_row(&r, "Mã");
    assert_eq!(at(&r, header, 1), s("Tiêu chí"));
    assert!(r.used_cells().any(|(_, _, d)| *d == s("không áp dụng")));

    let mut book = open(render(&set, Lang::Vi, true, &Document::Criteria));
    assert_eq!(book.sheet_names(), ["Tiêu chí", "Thông tin lập"]);
    let r = sheet(&mut book, "Tiêu chí");
    assert_eq!(at(&r, 0, 0), s(&set.title));
    find_row(&r, set.criteria[0].id.as_str());
}

#[test]
fn sheet_names_are_valid_and_unique() {
    let mut names = SheetNames::default();
    assert_eq!(names.claim("Cụm 1", "x"), "Cụm 1");
    assert_eq!(names.claim("cụm 1", "x"), "cụm 1 (2)");
    assert_eq!(names.claim("a[b]:c*d?e/f\\g", "x"), "a-b--c-d-e-f-g");
    assert_eq!(names.claim("'quoted'", "x"), "quoted");
    assert_eq!(names.claim("  ", "Cụm"), "Cụm");
    assert_eq!(names.claim("History", "x"), "History (2)");
    let long = "Cụm thi đua số một của các phường phía Bắc thành phố";
    let first = names.claim(long, "x");
    let second = names.claim(long, "x");
    assert!(first.encode_utf16().count() <= 31);
    assert!(second.encode_utf16().count() <= 31 && second.ends_with(" (2)"));
    assert_ne!(first, second);
    assert_eq!(cluster_label(Lang::Vi, "2"), "Cụm 2");
    assert_eq!(cluster_label(Lang::En, "Cụm 2"), "Cụm 2");
}

#[test]
fn numbers_at_the_boundary() {
    assert_eq!(number_format(0), "0");
    assert_eq!(number_format(2), "0.00");
    let d: Decimal = "91.25".parse().unwrap();
    assert_eq!(excel_number(d).unwrap(), 91.25);
    let d: Decimal = "85.1".parse().unwrap();
    assert_eq!(excel_number(d).unwrap().to_string(), "85.1");
}

fn template_header(bytes: Vec<u8>) -> (Vec<String>, Vec<String>, usize) {
    let mut book = open(bytes);
    let names = book.sheet_names();
    let data = sheet(&mut book, &names[0]);
    let guide = sheet(&mut book, &names[1]);
    (names, row_texts(&data, 0), guide.height())
}

fn expected_columns(set: &CriteriaSet) -> Vec<String> {
    let mut columns = vec![set.columns.id.clone(), set.columns.name.clone()];
    columns.extend(set.columns.cluster.clone());
    columns.extend(set.inputs.iter().map(|i| i.column.clone()));
    columns
}

#[test]
fn template_has_the_data_columns_and_a_guide_row_for_each() {
    for (id, lang, names) in [
        ("thi-dua-cuoi-nam", Lang::Vi, ["Nhập liệu", "Hướng dẫn"]),
        (
            "cong-an-phuong-kieu-mau",
            Lang::En,
            ["Data entry", "Columns"],
        ),
    ] {
        let set = set_of(id);
        let bytes = template_xlsx(&set, lang).unwrap();
        let mut book = open(bytes.clone());
        assert_eq!(book.sheet_names(), names);
        let (_, header, guide_rows) = template_header(bytes);
        assert_eq!(header, expected_columns(&set));
        assert_eq!(guide_rows, 1 + header.len());
        let guide = sheet(&mut book, names[1]);
        for (r, column) in header.iter().enumerate() {
            assert_eq!(at(&guide, r as u32 + 1, 0), s(column));
        }
    }
    // B3 accepts N/A; D1's levels are listed.
    let set = set_of("thi-dua-cuoi-nam");
    let mut book = open(template_xlsx(&set, Lang::Vi).unwrap());
    let guide = sheet(&mut book, "Hướng dẫn");
    let b3 = find_row(&guide, "kham_pha_nghiem_trong_pct");
    assert!(matches!(at(&guide, b3, 4), Data::String(t) if t.contains("KAD")));
    let d1 = find_row(&guide, "phan_loai_phong_trao");
    assert_eq!(at(&guide, d1, 3), s("Xuất sắc / Khá / Trung bình / Yếu"));
    let bonus = find_row(&guide, "bang_khen");
    assert_eq!(at(&guide, bonus, 5), s("được (tính là 0)"));
}

/// A user fills the template (numbers typed as numbers, text as text)
/// and scores it: same results as the CSV.
#[test]
fn filled_template_scores_without_edits() {
    for example in [THI_DUA, CUA_LO, AN_TOAN] {
        let (set, expected) = fixture(example);
        let (_, header, _) = template_header(template_xlsx(&set, Lang::Vi).unwrap());
        let csv = read_csv(example.1, example.2, None).unwrap();

        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        for (c, name) in header.iter().enumerate() {
            ws.write_string(0, c as u16, name).unwrap();
            let from = csv.header.iter().position(|h| h == name).unwrap();
            for (r, row) in csv.rows.iter().enumerate() {
                let cell = &row.cells[from];
                let (r, c) = (r as u32 + 1, c as u16);
                match cell.parse::<f64>() {
                    Ok(x) if c >= 2 => ws.write_number(r, c, x).unwrap(),
                    _ => ws.write_string(r, c, cell).unwrap(),
                };
            }
        }
        let filled = book.save_to_buffer().unwrap();

        let table = crate::load::workbook::read_workbook("filled.xlsx", &filled, None).unwrap();
        let data = bind(&set, &table, Default::default()).unwrap();
        assert!(data.unused_columns.is_empty());
        let got = crate::engine::evaluate(&set, &data, &VietnameseOrder::new()).expect("scores");
        let key = |e: &Evaluation| -> Vec<(String, Decimal, u32, usize)> {
            e.units
                .iter()
                .map(|u| (u.id.clone(), u.score, u.rank, u.rating.position()))
                .collect()
        };
        assert_eq!(key(&got), key(&expected), "{}", example.0);
    }
}

#[test]
fn long_or_comma_lists_go_to_a_hidden_sheet() {
    let mut set = set_of("thi-dua-cuoi-nam");
    let levels = set
        .criteria
        .iter_mut()
        .find_map(|c| match &mut c.rule {
            Rule::Levels(l) => Some(l),
            _ => None,
        })
        .unwrap();
    levels[0].label = "Giỏi, không vi phạm".into();
    levels[0].key = crate::load::text::label_key("Giỏi, không vi phạm");
    let mut book = open(template_xlsx(&set, Lang::Vi).unwrap());
    assert_eq!(book.sheet_names(), ["Nhập liệu", "Hướng dẫn", "Danh mục"]);
    let lists = sheet(&mut book, "Danh mục");
    assert_eq!(at(&lists, 0, 0), s("Giỏi, không vi phạm"));
}

/// The XML of one part of the workbook.
fn part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// `<col min="N" max="N" width="W" …>` widths by 1-based column.
fn column_widths(sheet_xml: &str) -> Vec<(u32, f64)> {
    sheet_xml
        .split("<col ")
        .skip(1)
        .filter_map(|c| {
            let attr = |name: &str| -> Option<&str> {
                let at = c.find(&format!("{name}=\""))? + name.len() + 2;
                c[at..].split('"').next()
            };
            let (min, max, width) = (attr("min")?, attr("max")?, attr("width")?);
            let (min, max): (u32, u32) = (min.parse().ok()?, max.parse().ok()?);
            let width: f64 = width.parse().ok()?;
            Some((min..=max).map(move |c| (c, width)))
        })
        .flatten()
        .collect()
}

#[test]
fn the_annex_prints_in_times_new_roman_with_page_numbers_and_wide_enough_columns() {
    let (set, eval) = fixture(THI_DUA);
    let bytes = render(&set, Lang::Vi, true, &Document::Ranking(&eval.store));
    let styles = part(&bytes, "xl/styles.xml");
    assert!(
        styles.contains("<name val=\"Times New Roman\"/>"),
        "{styles}"
    );
    let ranking = part(&bytes, "xl/worksheets/sheet1.xml");
    // Page number centred at the top; sheet name and "page N/M" at the foot.
    assert!(
        ranking.contains("<oddHeader>&amp;C&amp;\"Times New Roman,Regular\"&amp;P</oddHeader>"),
        "{ranking}"
    );
    assert!(
        ranking.contains("Trang &amp;P/&amp;N</oddFooter>"),
        "{ranking}"
    );
    // A filter on the table, whose rating column holds the rating alone.
    assert!(
        ranking.contains("<autoFilter ref=\"A3:N33\"/>"),
        "{ranking}"
    );
    // Print titles: the header row on every page.
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles"), "{workbook}");
    // The detail sheet's criterion columns show "10.00": wide enough for it
    // (the autofit alone sized them for "10" and Excel printed #####).
    let detail = part(&bytes, "xl/worksheets/sheet5.xml");
    let widths = column_widths(&detail);
    let criterion_columns: Vec<f64> = widths
        .iter()
        .filter(|(c, _)| *c > 4)
        .map(|(_, w)| *w)
        .collect();
    assert!(!criterion_columns.is_empty(), "{detail}");
    for w in criterion_columns {
        assert!(w >= 6.0, "a number column {w} wide: {widths:?}");
    }
}

// ------------------------------------------------------------ constant memory

/// The year-end example `copies` times over (30 units a copy, three
/// clusters), ids and names made unique.
fn repeated(copies: usize) -> (CriteriaSet, Fixture) {
    let (set, csv) = shipped::repeated_example("thi-dua-cuoi-nam", "thi-dua-2023.csv", copies);
    let table = read_csv("repeated.csv", &csv, None).unwrap();
    let data = bind(&set, &table, Default::default()).unwrap();
    let order = VietnameseOrder::new();
    let store =
        crate::engine::compact::rank_dataset(&set, &data, crate::model::Keep::Values, &order)
            .expect("scores");
    let eval = crate::engine::compact::full(&set, &store).expect("scores");
    (set, Fixture { store, eval })
}

fn render_kept(set: &CriteriaSet, doc: &Document<'_>, memory: Memory) -> Vec<u8> {
    let stamp = Stamp::for_tests();
    let cx = Context {
        profile: &crate::model::Profile::default(),
        set,
        lang: Lang::Vi,
        stamp: &stamp,
        options: Options::default(),
    };
    let mut out = Vec::new();
    render_in(&cx, doc, &mut out, memory).unwrap();
    out
}

/// The element `name` of a part, from its opening tag to its end, if any.
fn element<'x>(xml: &'x str, name: &str) -> Option<&'x str> {
    let open = format!("<{name}");
    let at = xml
        .match_indices(&open)
        .map(|(i, _)| i)
        .find(|&i| matches!(xml.as_bytes().get(i + open.len()), Some(b' ' | b'>' | b'/')))?;
    let tag_end = xml[at..].find('>')? + at;
    if xml[..tag_end].ends_with('/') {
        return Some(&xml[at..=tag_end]);
    }
    let close = format!("</{name}>");
    let end = xml[at..].find(&close)? + at + close.len();
    Some(&xml[at..end])
}

#[test]
fn the_mode_changes_above_a_thousand_units() {
    assert_eq!(memory_for(0), Memory::Normal);
    assert_eq!(memory_for(CONSTANT_MEMORY_ABOVE), Memory::Normal);
    assert_eq!(memory_for(CONSTANT_MEMORY_ABOVE + 1), Memory::Constant);
}

/// A ranking past the threshold, written row by row, reads back as the
/// workbook held in memory: the same sheets, cells, formats, widths,
/// frozen panes, filters, notes and page setup; only the strings are
/// inline instead of shared.
#[test]
fn a_large_ranking_in_constant_memory_reads_back_as_the_workbook_in_memory() {
    let (set, eval) = repeated(40);
    assert!(eval.units.len() > CONSTANT_MEMORY_ABOVE);
    let doc = Document::Ranking(&eval.store);
    let normal = render_kept(&set, &doc, Memory::Normal);
    let constant = render_kept(&set, &doc, Memory::Constant);
    // What the renderer picks for this size.
    let stamp = Stamp::for_tests();
    let cx = Context {
        profile: &crate::model::Profile::default(),
        set: &set,
        lang: Lang::Vi,
        stamp: &stamp,
        options: Options::default(),
    };
    let chosen = render_to_vec(OutFormat::Xlsx, &cx, &doc).unwrap();
    assert!(part(&chosen, "xl/worksheets/sheet1.xml").contains("t=\"inlineStr\""));

    let (mut a, mut b) = (open(normal.clone()), open(constant.clone()));
    let names = a.sheet_names();
    assert_eq!(names, b.sheet_names());
    assert_eq!(names.len(), 7, "{names:?}");
    for (i, name) in names.iter().enumerate() {
        let (ra, rb) = (sheet(&mut a, name), sheet(&mut b, name));
        assert_eq!(ra.start(), rb.start(), "{name}");
        assert_eq!(ra.end(), rb.end(), "{name}");
        let cells_a: Vec<_> = ra.used_cells().collect();
        let cells_b: Vec<_> = rb.used_cells().collect();
        assert_eq!(cells_a, cells_b, "{name}");
        let (sa, sb) = (
            a.worksheet_style(name).unwrap(),
            b.worksheet_style(name).unwrap(),
        );
        for (row, col, _) in &cells_a {
            let at = (*row as u32, *col as u32);
            assert_eq!(sa.get(at), sb.get(at), "{name} {at:?}");
        }
        let part_name = format!("xl/worksheets/sheet{}.xml", i + 1);
        let (xa, xb) = (part(&normal, &part_name), part(&constant, &part_name));
        assert_eq!(column_widths(&xa), column_widths(&xb), "{name}");
        for element_name in [
            "pane",
            "autoFilter",
            "pageSetup",
            "headerFooter",
            "legacyDrawing",
        ] {
            // Every sheet but the stamp has a table whose header is frozen.
            let stamp = i + 1 == names.len();
            if matches!(element_name, "pageSetup" | "headerFooter")
                || (element_name == "pane" && !stamp)
            {
                assert!(
                    element(&xa, element_name).is_some(),
                    "{name}: {element_name}"
                );
            }
            assert_eq!(
                element(&xa, element_name),
                element(&xb, element_name),
                "{name}: {element_name}"
            );
        }
    }
    // The ranking sheet: every unit, its filter over all of them.
    let ranking = part(&constant, "xl/worksheets/sheet1.xml");
    let last = 3 + eval.units.len();
    assert!(
        ranking.contains(&format!("<autoFilter ref=\"A3:N{last}\"/>")),
        "{}",
        element(&ranking, "autoFilter").unwrap_or("no filter")
    );
    // Notes on the group and criterion headers, in both.
    for n in 1..=5 {
        let comments = format!("xl/comments{n}.xml");
        assert_eq!(part(&normal, &comments), part(&constant, &comments));
    }
    // Print titles and the sheets' names, as the workbook lists them.
    for whole in ["xl/workbook.xml", "docProps/app.xml"] {
        assert_eq!(part(&normal, whole), part(&constant, whole), "{whole}");
    }
    assert!(part(&constant, "xl/workbook.xml").contains("_xlnm.Print_Titles"));
    // The one difference: strings inline, no shared string table.
    assert!(ranking.contains("t=\"inlineStr\""));
    assert!(!part(&normal, "xl/worksheets/sheet1.xml").contains("t=\"inlineStr\""));
}

/// The widths a sheet works out as it writes are the ones the crate's
/// autofit gives the same cells held in memory.
#[test]
fn fitted_widths_are_the_crates_autofit() {
    let st = Styles::new(2, true, Lang::Vi);
    let long = "Tỷ lệ ".repeat(50);
    let cells = [
        Cell::text("Đội Cung"),
        Cell::text("STT"),
        Cell::text("một dòng\nmột dòng dài hơn nhiều"),
        Cell::text(""),
        Cell::text(long.as_str()),
        Cell::text("=SUM(1)"),
        Cell::marked(content::Tone::Bad, "✗ Không đạt"),
        Cell::Number("91.25".parse().unwrap()),
        Cell::Number(Decimal::ZERO),
        Cell::Number("0.0000001".parse().unwrap()),
        Cell::Number("123456789.125".parse().unwrap()),
        Cell::Int(7),
        Cell::Int(1_048_576),
    ];
    let write = |ws: &mut Worksheet| {
        for (c, cell) in cells.iter().enumerate() {
            let c = c as u16;
            write_cell(ws, &st, 0, c, cell, Align::Left, false).unwrap();
            write_cell(ws, &st, 1, c, &Cell::text("x"), Align::Left, false).unwrap();
        }
    };
    let mut by_autofit = Worksheet::new();
    write(&mut by_autofit);
    by_autofit.set_autofit_max_width(sheet::MAX_COLUMN_PIXELS);
    by_autofit.autofit();
    let mut fitted = Worksheet::new();
    write(&mut fitted);
    for (c, cell) in cells.iter().enumerate() {
        let width = sheet::fitted_width(cell)
            .unwrap()
            .max(sheet::fitted_width(&Cell::text("x")).unwrap());
        fitted.set_column_autofit_width(c as u16, width).unwrap();
    }
    let mut book = Workbook::new();
    book.push_worksheet(by_autofit);
    book.push_worksheet(fitted);
    let bytes = book.save_to_buffer().unwrap();
    let (a, b) = (
        part(&bytes, "xl/worksheets/sheet1.xml"),
        part(&bytes, "xl/worksheets/sheet2.xml"),
    );
    assert!(element(&a, "cols").is_some(), "{a}");
    assert_eq!(element(&a, "cols"), element(&b, "cols"));
    assert_eq!(column_widths(&a).len(), cells.len(), "{a}");
}

/// Any document's blocks (titles, headings, paragraphs, several tables)
/// written row by row read back as the same sheet held in memory.
#[test]
fn blocks_in_constant_memory_read_back_as_in_memory() {
    let (set, _) = fixture(THI_DUA);
    let normal = render_kept(&set, &Document::Criteria, Memory::Normal);
    let constant = render_kept(&set, &Document::Criteria, Memory::Constant);
    let (mut a, mut b) = (open(normal.clone()), open(constant.clone()));
    assert_eq!(a.sheet_names(), ["Tiêu chí", "Thông tin lập"]);
    assert_eq!(a.sheet_names(), b.sheet_names());
    let (ra, rb) = (sheet(&mut a, "Tiêu chí"), sheet(&mut b, "Tiêu chí"));
    assert!(ra.height() > set.criteria.len(), "{}", ra.height());
    assert_eq!(
        ra.used_cells().collect::<Vec<_>>(),
        rb.used_cells().collect::<Vec<_>>()
    );
    let (xa, xb) = (
        part(&normal, "xl/worksheets/sheet1.xml"),
        part(&constant, "xl/worksheets/sheet1.xml"),
    );
    assert_eq!(column_widths(&xa), column_widths(&xb));
    assert!(!column_widths(&xa).is_empty());
    for name in ["pane", "autoFilter", "headerFooter"] {
        assert!(element(&xa, name).is_some(), "{name}");
        assert_eq!(element(&xa, name), element(&xb, name), "{name}");
    }
    assert!(xb.contains("t=\"inlineStr\""));
}

/// The workbook says it was created when the stamp says, so one run's
/// report is the same bytes again (SOURCE_DATE_EPOCH pins the stamp).
#[test]
fn a_workbook_is_created_when_its_stamp_says_and_repeats_byte_for_byte() {
    let (set, eval) = fixture(THI_DUA);
    let doc = Document::Ranking(&eval.store);
    let first = render(&set, Lang::Vi, true, &doc);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(render(&set, Lang::Vi, true, &doc), first);
    let mut zip = zip::ZipArchive::new(Cursor::new(first)).expect("a zip");
    let mut core = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("docProps/core.xml").expect("core"),
        &mut core,
    )
    .expect("read");
    assert!(
        core.contains(">2024-01-02T03:04:05Z<"),
        "the stamp's time is the creation time: {core}"
    );
    assert!(created_at("not a time").is_none());
}
