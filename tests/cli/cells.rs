//! Workbook cells are read as the person sees them in Excel or LibreOffice,
//! or rejected with the cell's address: never a third thing.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use serde_json::Value;

use crate::harness::*;

/// A sheet with the small set's columns (ma, ten, a, b), one unit a row;
/// `write_a` writes column a of each row.
fn small_sheet(sheet: &mut Worksheet, rows: usize, write_a: impl Fn(&mut Worksheet, u32)) {
    for (c, h) in ["ma", "ten", "a", "b"].into_iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for r in 1..=rows as u32 {
        sheet.write_string(r, 0, format!("S{r}")).unwrap();
        sheet.write_string(r, 1, format!("Unit {r}")).unwrap();
        write_a(sheet, r);
        sheet.write_string(r, 3, "yes").unwrap();
    }
}

fn save(book: &mut Workbook, dir: &tempfile::TempDir) -> String {
    let path = dir.path().join("so-lieu.xlsx");
    book.save(&path).unwrap();
    path.to_str().unwrap().to_string()
}

/// A small sheet whose column a holds `cells`, each number shown through
/// its format code.
fn write_formatted_a(sheet: &mut Worksheet, cells: &[(f64, &str)]) {
    small_sheet(sheet, cells.len(), |sheet, r| {
        let (value, code) = cells[r as usize - 1];
        let format = Format::new().set_num_format(code);
        sheet
            .write_number_with_format(r, 2, value, &format)
            .unwrap();
    });
}

/// [`write_formatted_a`] as a workbook saved in `dir`.
fn formatted_a(cells: &[(f64, &str)], dir: &tempfile::TempDir) -> String {
    let mut book = Workbook::new();
    write_formatted_a(book.add_worksheet(), cells);
    save(&mut book, dir)
}

/// Column a of every unit, as scored.
fn values_of_a(data: &str) -> Vec<String> {
    let out = run(&["score", SMALL, data, "-f", "json"]);
    let json: Value = serde_json::from_str(out.ok()).unwrap();
    let units = json["units"].as_array().unwrap().clone();
    let mut values: Vec<(String, String)> = units
        .iter()
        .map(|u| {
            let a = u["criteria"][0]["value"].as_str().unwrap().to_string();
            (u["id"].as_str().unwrap().to_string(), a)
        })
        .collect();
    values.sort();
    values.into_iter().map(|(_, a)| a).collect()
}

#[test]
fn number_formats_with_a_literal_percent_score_as_shown() {
    let cells: [(f64, &str); 5] = [
        (95.5, "0.0\"%\""),
        (95.5, "0.0\\%"),
        (95.0, "0\" điểm (tối đa 100%)\""),
        // A real percentage: stored 0.955, shown 95.5%.
        (0.955, "0.0%"),
        // Shown by Excel as 30, not 30.000000000000004.
        ((0.1 + 0.2) * 100.0, "0"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let data = formatted_a(&cells, &dir);
    assert_eq!(values_of_a(&data), ["95.5", "95.5", "95", "95.5", "30"]);
}

/// A number reads to the places its format shows, as the sheet shows it
/// and as a CSV saved from it writes it; a format that shows text or
/// nothing in the number's place is read as that text, so the cell is
/// named rather than scored on a number nobody sees.
#[test]
fn numbers_read_to_the_places_their_format_shows() {
    let cells: [(f64, &str); 4] = [
        (89.45, "0"),
        // 95.5% in a cell showing no places: 96%.
        (0.955, "0%"),
        (95.454_545_45, "0.00"),
        (85.5, "0.000"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let data = formatted_a(&cells, &dir);
    assert_eq!(values_of_a(&data), ["89", "96", "95.45", "85.5"]);

    // ;;; hides the number, and a pass mark's format shows a word in its
    // place: a blank and a word, each named with its cell.
    let hidden: [(f64, &str); 2] = [(88.0, ";;;"), (89.45, "[>=90]\"Đạt\";\"Chưa đạt\"")];
    let data = formatted_a(&hidden, &dir);
    let err = run(&["score", SMALL, &data, "--lang", "en"]).fails(3);
    assert!(
        err.contains(
            "(cell C2): the cell looks blank but holds 88: its format (such as ;;;) hides it"
        ),
        "{err}"
    );
    assert!(
        !err.contains("the cell is blank"),
        "one problem for the cell: {err}"
    );
    assert!(err.contains("(cell C3): \"Chưa đạt\""), "{err}");
    assert!(!err.contains("89.45"), "{err}");
    let vi = run(&["score", SMALL, &data, "--lang", "vi"]).fails(3);
    assert!(
        vi.contains("(ô C2): ô này trông như ô trống nhưng có giá trị 88"),
        "{vi}"
    );
}

/// What a format hides is named wherever it is, however many hidden
/// cells lie in columns the set does not read; a zero shown blank or as a
/// dash is 0; a totals row with a hidden value is one problem.
#[test]
fn values_hidden_by_their_format_are_named_in_the_columns_read() {
    let hide = Format::new().set_num_format(";;;");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["ma", "ten", "a", "b", "ghi_chu"].into_iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    let rows = 12_000u32;
    for r in 1..=rows {
        sheet.write_string(r, 0, format!("S{r}")).unwrap();
        sheet.write_string(r, 1, format!("Unit {r}")).unwrap();
        sheet.write_number(r, 2, 50.0).unwrap();
        sheet.write_string(r, 3, "yes").unwrap();
        // A column the set does not read, hidden on every row.
        sheet.write_number_with_format(r, 4, 1.0, &hide).unwrap();
    }
    // The last unit's score hidden; the one before it, a hidden text.
    sheet
        .write_number_with_format(rows, 2, 99.0, &hide)
        .unwrap();
    sheet
        .write_string_with_format(rows - 1, 3, "yes", &hide)
        .unwrap();
    // Zeros shown blank and as a dash read 0.
    let blank_zero = Format::new().set_num_format("0;-0;;@");
    let dash_zero =
        Format::new().set_num_format("_-* #,##0 \"₫\"_-;-* #,##0 \"₫\"_-;_-* \"-\" \"₫\"_-;_-@_-");
    sheet
        .write_number_with_format(1, 2, 0.0, &blank_zero)
        .unwrap();
    sheet
        .write_number_with_format(2, 2, 0.0, &dash_zero)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = save(&mut book, &dir);
    let err = run(&["check", SMALL, &data, "--lang", "en"]).fails(3);
    let last = rows + 1;
    assert!(
        err.contains(&format!(
            "{last}, column \"a\" (cell C{last}): the cell looks blank but holds 99"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{}, column \"b\" (cell D{}): the cell looks blank but holds yes",
            last - 1,
            last - 1
        )),
        "{err}"
    );
    assert!(err.contains("2 problem(s)"), "{err}");
}

/// A negative number whose format shows it without its minus (Excel's
/// own "Number" format with negatives in red) is named with its cell and
/// value, once: not read as shown (5), nor as held (-5) below the
/// column's bound as well (nor is a value hidden whole). A section that writes its minus or
/// parentheses, and a single-section format, show the sign.
#[test]
fn a_minus_sign_hidden_by_the_format_is_named_once() {
    let cells: [(f64, &str); 6] = [
        (-5.0, "0.00;[Red]0.00"),
        (-7.0, "0;-0"),
        (-8.0, "0.00_);[Red]\\(0.00\\)"),
        (-9.0, "0"),
        // Hidden whole, and out of bounds too: the one problem as well.
        (150.0, ";;;"),
        // Shown as 0, as a CSV saved from the sheet writes it: 0.
        (-0.4, "0;[Red]0"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let data = formatted_a(&cells, &dir);
    let err = run(&["check", SMALL, &data, "--lang", "en"]).fails(3);
    assert!(
        err.contains(
            "(cell C2): the cell holds -5, but its format shows it without the minus sign"
        ),
        "{err}"
    );
    // The other three show their sign: each only breaks the bound.
    for cell in ["C3", "C4", "C5"] {
        assert!(err.contains(&format!("(cell {cell})")), "{err}");
    }
    assert_eq!(err.matches("(cell C2)").count(), 1, "{err}");
    assert!(
        err.contains("(cell C6): the cell looks blank but holds 150"),
        "{err}"
    );
    assert_eq!(err.matches("(cell C6)").count(), 1, "{err}");
    assert!(!err.contains("(cell C7)"), "{err}");
    assert!(err.contains("5 problem(s)"), "{err}");
    let vi = run(&["check", SMALL, &data, "--lang", "vi"]).fails(3);
    assert!(
        vi.contains(
            "(ô C2): ô này có giá trị -5 nhưng định dạng của ô hiển thị số này không có dấu trừ"
        ),
        "{vi}"
    );
}

/// A formula-like column name (`+a`), which the template writes behind a
/// `'`, is a column the set reads: a value its format keeps from sight
/// there is named as anywhere else, not passed over.
#[test]
fn a_hidden_value_in_a_formula_like_column_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let small = std::fs::read_to_string(SMALL).unwrap();
    let set = dir.path().join("cong-thuc.toml");
    std::fs::write(
        &set,
        small.replace("indicator = \"a\"", "indicator = \"+a\""),
    )
    .unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    write_formatted_a(sheet, &[(-5.0, "0;0"), (150.0, ";;;")]);
    sheet.write_string(0, 2, "'+a").unwrap();
    let data = save(&mut book, &dir);
    let err = run(&["check", set.to_str().unwrap(), &data, "--lang", "en"]).fails(3);
    assert!(
        err.contains("(cell C2): the cell holds -5, but its format shows it without"),
        "{err}"
    );
    assert!(
        err.contains("(cell C3): the cell looks blank but holds 150"),
        "{err}"
    );
    assert!(err.contains("2 problem(s)"), "{err}");
}

/// A number no section of its format takes shows `######`: named with
/// its cell and value, in an id column as in a number column, not taken
/// for an id "######" nor called "not a number".
#[test]
fn a_number_shown_as_hashes_is_named() {
    let hashes = Format::new().set_num_format("[>=90]0;[<50]0");
    let mut book = Workbook::new();
    small_sheet(book.add_worksheet(), 2, |sheet, r| {
        sheet.write_number(r, 2, 80.0).unwrap();
    });
    let sheet = book.worksheet_from_index(0).unwrap();
    sheet.write_number_with_format(1, 0, 70.0, &hashes).unwrap();
    sheet.write_number_with_format(2, 2, 70.0, &hashes).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = save(&mut book, &dir);
    let err = run(&["check", SMALL, &data, "--lang", "en"]).fails(3);
    for cell in ["A2", "C3"] {
        assert!(
            err.contains(&format!(
                "(cell {cell}): the cell shows ###### in place of 70"
            )),
            "{err}"
        );
    }
    assert!(!err.contains("is not a number"), "{err}");
    assert!(err.contains("2 problem(s)"), "{err}");
    let vi = run(&["check", SMALL, &data, "--lang", "vi"]).fails(3);
    assert!(
        vi.contains("(ô A2): ô này hiện ###### thay cho giá trị 70"),
        "{vi}"
    );
}

/// An .xls formula stored without its result (xlwt stores every one so)
/// reads as blank; the blank is named as the formula it is, as in .xlsx.
#[test]
fn an_xls_formula_without_its_result_is_named() {
    let data = "tests/fixtures/workbooks/formula.xls";
    let err = run(&["check", SMALL, data, "--lang", "en"]).fails(3);
    assert!(
        err.contains("(cell C2): the cell holds the formula =E2/F2*100 but no calculated result"),
        "{err}"
    );
    assert!(
        err.contains("(cell C3): the cell holds the formula =E3/F3*100"),
        "{err}"
    );
}

#[test]
fn ids_stored_as_numbers_read_as_their_format_shows_them() {
    // Ward codes typed as numbers and shown with leading zeros (format
    // 00000): the ids are 00004 and 00007, as the sheet and a CSV saved
    // from it have them; a number column so shown reads the same numbers.
    let code = Format::new().set_num_format("00000");
    let mut book = Workbook::new();
    small_sheet(book.add_worksheet(), 2, |sheet, r| {
        sheet
            .write_number_with_format(r, 0, f64::from(3 * r + 1), &code)
            .unwrap();
        sheet
            .write_number_with_format(
                r,
                2,
                f64::from(40 * r),
                &Format::new().set_num_format("000"),
            )
            .unwrap();
    });
    let dir = tempfile::tempdir().unwrap();
    let data = save(&mut book, &dir);
    let out = run(&["score", SMALL, &data, "-f", "csv", "--no-bom"]);
    let csv = out.ok();
    assert!(csv.contains(",00004,Unit 1,"), "{csv}");
    assert!(csv.contains(",00007,Unit 2,"), "{csv}");
    assert_eq!(values_of_a(&data), ["40", "80"]);
    // The same table saved as CSV by Excel: the same ids, so the two
    // match unit by unit.
    let saved = dir.path().join("so-lieu.csv");
    std::fs::write(
        &saved,
        "ma,ten,a,b\n00004,Unit 1,40,yes\n00007,Unit 2,80,yes\n",
    )
    .unwrap();
    let from_csv = run(&[
        "score",
        SMALL,
        saved.to_str().unwrap(),
        "-f",
        "csv",
        "--no-bom",
    ]);
    let rows = |text: &str| -> Vec<String> { text.lines().skip(1).map(str::to_string).collect() };
    assert_eq!(rows(csv), rows(from_csv.ok()));
}

#[test]
fn merged_cells_in_a_column_the_set_reads_are_named_not_read_as_blank() {
    // Column a merged down units 2 and 3: a person sees 50 for both, the
    // file holds it for unit 2 only. Read as blank, unit 3 would be
    // refused for a blank it does not show or, in a set where blanks
    // mean 0, scored on nothing in silence.
    let book = |merge_a: bool| {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        small_sheet(sheet, 3, |sheet, r| {
            if r != 3 || !merge_a {
                sheet.write_number(r, 2, 50.0).unwrap();
            }
        });
        sheet.write_string(0, 4, "ghi_chu").unwrap();
        // Merged cells the set does not read are no one's concern.
        sheet
            .merge_range(1, 4, 3, 4, "cùng đợt", &Format::new())
            .unwrap();
        if merge_a {
            sheet.merge_range(2, 2, 3, 2, "", &Format::new()).unwrap();
            sheet.write_number(2, 2, 50.0).unwrap();
        }
        book
    };
    let dir = tempfile::tempdir().unwrap();
    let data = save(&mut book(false), &dir);
    assert_eq!(values_of_a(&data), ["50", "50", "50"]);
    let data = save(&mut book(true), &dir);
    let err = run(&["score", SMALL, &data, "--lang", "en"]).fails(3);
    assert!(
        err.contains(":4, column \"a\" (cell C4): the cells C3:C4 are merged: only the first holds a value, and the others read as blank"),
        "{err}"
    );
    assert!(!err.contains("E2"), "the notes column is not read: {err}");
    // The range's problem explains the blank it makes: one problem, not two.
    assert!(err.contains("1 problem(s)"), "{err}");
    let err = run(&["score", SMALL, &data, "--lang", "vi"]).fails(3);
    assert!(err.contains("các ô C3:C4 được gộp"), "{err}");
}

#[test]
fn hidden_rows_and_columns_the_set_reads_are_named_not_scored_unseen() {
    // A unit on a hidden row, or a hidden column the set reads: a person
    // checking the sheet does not see them, so they are named, not scored.
    let book = |hide_row: bool, hide_a: bool| {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        small_sheet(sheet, 4, |sheet, r| {
            sheet.write_number(r, 2, 50.0).unwrap();
        });
        sheet.write_string(0, 4, "ghi_chu").unwrap();
        // What holds nothing, or what the set does not read, is no one's
        // concern: an empty hidden row, the notes column hidden.
        sheet.set_row_hidden(7).unwrap();
        sheet.set_column_hidden(4).unwrap();
        if hide_row {
            sheet.set_row_hidden(2).unwrap();
            sheet.set_row_hidden(3).unwrap();
        }
        if hide_a {
            sheet.set_column_hidden(2).unwrap();
        }
        book
    };
    let dir = tempfile::tempdir().unwrap();
    let data = save(&mut book(false, false), &dir);
    assert_eq!(values_of_a(&data), ["50", "50", "50", "50"]);

    let data = save(&mut book(true, false), &dir);
    let err = run(&["score", SMALL, &data, "--lang", "en"]).fails(3);
    assert!(
        err.contains(":3: rows 3–4 are hidden (by Hide, or by a Filter): nobody looking at the sheet sees them, yet they hold data"),
        "{err}"
    );
    assert!(
        !err.contains(":8"),
        "an empty hidden row is not named: {err}"
    );
    let err = run(&["score", SMALL, &data, "--lang", "vi"]).fails(3);
    assert!(err.contains("các dòng 3–4 đang bị ẩn"), "{err}");

    let data = save(&mut book(false, true), &dir);
    let err = run(&["score", SMALL, &data, "--lang", "en"]).fails(3);
    assert!(
        err.contains(":1, column \"a\" (cell C1): the column is hidden"),
        "{err}"
    );
    assert!(!err.contains("E1"), "the notes column is not read: {err}");
}

/// A set reading the fixture workbooks' `ty_le` (a rate) and `diem`.
fn ty_le_set(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let set = dir.path().join("ty-le.toml");
    std::fs::write(
        &set,
        "format = 1\n[set]\nid = \"t\"\ntitle = \"T\"\n[columns]\nid = \"ma\"\nname = \"ten\"\n\
         [[criteria]]\nid = \"K1\"\ntitle = \"Rate\"\nindicator = \"ty_le\"\npoints = 6\nrule = \"linear\"\nzero = 0\nfull = 100\n\
         [[criteria]]\nid = \"K2\"\ntitle = \"Points\"\nindicator = \"diem\"\npoints = 4\nrule = \"linear\"\nzero = 0\nfull = 100\n\
         [[ratings]]\nid = \"A\"\ntitle = \"A\"\n",
    )
    .unwrap();
    set
}

#[test]
fn hidden_rows_and_columns_in_xls_and_ods_are_named_too() {
    // Saved by an Excel 97 writer (xlwt) and by LibreOffice: NTHU's row
    // 3 and column ty_le (C) hidden, and an empty row 7.
    let dir = tempfile::tempdir().unwrap();
    let set = ty_le_set(&dir);
    for name in [
        "hidden.xls",
        "hidden-libreoffice.ods",
        "hidden-libreoffice.xlsx",
    ] {
        let data = root().join("tests/fixtures/workbooks").join(name);
        let data = data.to_str().unwrap();
        let err = run(&["score", set.to_str().unwrap(), data, "--lang", "en"]).fails(3);
        assert!(err.contains(":3: row 3 is hidden"), "{name}: {err}");
        assert!(
            err.contains(":1, column \"ty_le\" (cell C1): the column is hidden"),
            "{name}: {err}"
        );
        assert!(!err.contains(":7"), "{name}: an empty row: {err}");
    }
}

#[test]
fn merged_cells_in_an_ods_are_named_too() {
    // Saved by LibreOffice: ty_le merged over NHOA and NTHU (C3:C4).
    let dir = tempfile::tempdir().unwrap();
    let set = ty_le_set(&dir);
    let data = root().join("tests/fixtures/workbooks/merged-libreoffice.ods");
    let err = run(&[
        "score",
        set.to_str().unwrap(),
        data.to_str().unwrap(),
        "--lang",
        "en",
    ])
    .fails(3);
    assert!(
        err.contains(":4, column \"ty_le\" (cell C4): the cells C3:C4 are merged"),
        "{err}"
    );
}

/// The small set with `missing = "zero"` (blanks count 0), saved in `dir`.
fn zero_set(dir: &tempfile::TempDir) -> String {
    let small = std::fs::read_to_string(SMALL).unwrap();
    let set = dir.path().join("zero.toml");
    std::fs::write(
        &set,
        small.replace("precision = 2", "precision = 2\nmissing = \"zero\""),
    )
    .unwrap();
    set.to_str().unwrap().to_string()
}

/// A workbook as openpyxl writes it (see tests/fixtures/workbooks/make.py):
/// S2's column a holds `=10*2` with no result stored, ghi_chu (not read)
/// a formula too, and a totals row sums a.
const OPENPYXL_FORMULAS: &str = "tests/fixtures/workbooks/formula-openpyxl.xlsx";

#[test]
fn a_formula_never_calculated_is_named_not_read_as_a_blank() {
    let err = run(&["score", SMALL, OPENPYXL_FORMULAS, "--lang", "en"]).fails(3);
    assert!(
        err.contains("(cell C3): the cell holds the formula =10*2 but no calculated result"),
        "{err}"
    );
    assert!(
        err.contains("open the file in Excel or LibreOffice, save it"),
        "{err}"
    );
    // S1's a is blank and named so; the totals row is named as one, its
    // sum not as a formula; the column not read is left alone.
    assert!(err.contains("(cell C2): \"\": the cell is blank"), "{err}");
    assert!(!err.contains("(cell C3): \"\": the cell is blank"), "{err}");
    assert!(err.contains(":5: this is a totals row"), "{err}");
    assert!(!err.contains("SUM"), "{err}");
    assert!(!err.contains("=1+1"), "{err}");
    assert!(err.contains("3 problem(s)"), "{err}");
    let err = run(&["score", SMALL, OPENPYXL_FORMULAS, "--lang", "vi"]).fails(3);
    assert!(
        err.contains("ô có công thức =10*2 nhưng chưa có kết quả đã tính"),
        "{err}"
    );
}

/// Where blanks are allowed (`missing = "zero"`), a formula never
/// calculated is still not read as a blank counted 0: a person opening the
/// file sees its result. One Excel calculated, to a number or to `""` (an
/// empty result it stores), reads as what it shows.
#[test]
fn a_formula_never_calculated_is_refused_where_blanks_count_zero() {
    let dir = tempfile::tempdir().unwrap();
    let set = zero_set(&dir);
    let set = set.as_str();
    let err = run(&["check", set, OPENPYXL_FORMULAS, "--lang", "en"]).fails(3);
    assert!(
        err.contains("(cell C3): the cell holds the formula =10*2 but no calculated result"),
        "{err}"
    );
    assert!(!err.contains("(cell C2)"), "{err}");
    assert!(err.contains("2 problem(s)"), "{err}");
    let vi = run(&["check", set, OPENPYXL_FORMULAS, "--lang", "vi"]).fails(3);
    assert!(
        vi.contains("ô có công thức =10*2 nhưng chưa có kết quả đã tính"),
        "{vi}"
    );
    // The same as a review stage: the totals row is named as one, not by
    // its formula.
    let stage = format!("Tự chấm={OPENPYXL_FORMULAS}");
    let err = run(&["check", set, "--stage", &stage, "--lang", "en"]).fails(3);
    assert!(
        err.contains(
            "(Tự chấm) [Số liệu]:3, column \"a\" (cell C3): the cell holds the formula =10*2"
        ),
        "{err}"
    );
    assert!(err.contains(":5: this is a totals row"), "{err}");
    assert!(!err.contains("SUM"), "{err}");
    // As Excel stores formulas it calculated: S2's a to 20, S3's to "".
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    small_sheet(sheet, 3, |sheet, r| match r {
        1 => {}
        2 => {
            let formula = rust_xlsxwriter::Formula::new("=10*2").set_result("20");
            sheet.write_formula(r, 2, formula).unwrap();
        }
        _ => {
            let formula = rust_xlsxwriter::Formula::new("=IF(1=1,\"\",1)").set_result("");
            sheet.write_formula(r, 2, formula).unwrap();
        }
    });
    let data = save(&mut book, &dir);
    let run = run(&["score", set, &data, "-f", "csv", "--lang", "en"]);
    let out = run.ok();
    let s2 = out.lines().find(|l| l.contains(",S2,")).unwrap();
    assert!(s2.contains(",1.2,4,"), "{out}");
    assert!(out.contains(",S1,Unit 1,,4,"), "{out}");
    assert!(out.contains(",S3,Unit 3,,4,"), "{out}");
}

/// A first-stage formula never calculated under a value a later stage
/// wrote is named at the first stage's own cell, and the later value is
/// checked as any other: its own problem is reported too.
#[test]
fn a_first_stage_formula_under_a_later_value_is_named_in_the_first_file() {
    let dir = tempfile::tempdir().unwrap();
    let set = zero_set(&dir);
    let later = dir.path().join("tham-dinh.csv");
    let first = format!("Tự chấm={OPENPYXL_FORMULAS}");
    let stage = |a: &str| {
        std::fs::write(&later, format!("ma,a\nS2,{a}\n")).unwrap();
        format!("Thẩm định={}", later.display())
    };
    let bad = stage("abc");
    let args = [
        "check", &set, "--stage", &first, "--stage", &bad, "--lang", "en",
    ];
    let err = run(&args).fails(3);
    assert!(
        err.contains(
            "formula-openpyxl.xlsx (Tự chấm) [Số liệu]:3, column \"a\" (cell C3): \
             the cell holds the formula =10*2"
        ),
        "{err}"
    );
    assert!(
        err.contains("tham-dinh.csv (Thẩm định):2, column \"a\""),
        "{err}"
    );
    assert!(err.contains("\"abc\""), "{err}");
    assert!(
        !err.contains("tham-dinh.csv (Thẩm định):2, column \"a\" (cell"),
        "{err}"
    );
    assert!(err.contains(":5: this is a totals row"), "{err}");
    assert!(err.contains("3 problem(s)"), "{err}");
    // A good later value leaves the formula alone to name.
    let good = stage("30");
    let args = [
        "check", &set, "--stage", &first, "--stage", &good, "--lang", "en",
    ];
    let err = run(&args).fails(3);
    assert!(
        err.contains("(Tự chấm) [Số liệu]:3, column \"a\" (cell C3)"),
        "{err}"
    );
    assert!(!err.contains("tham-dinh.csv"), "{err}");
    assert!(err.contains("2 problem(s)"), "{err}");
}

/// A unit's row made of formulas never calculated is no empty row to skip,
/// and one whose id and figures are such formulas is no note: each
/// formula is named at its cell, with the row's other problems. A row
/// with such a formula only in a column the set does not read stays out;
/// one in a figure column of a template row is named alone.
#[test]
fn a_row_of_formulas_never_calculated_is_a_unit_with_its_formulas_named() {
    let book = "tests/fixtures/workbooks/formula-row-openpyxl.xlsx";
    let err = run(&["check", SMALL, book, "--lang", "en"]).fails(3);
    for (cell, formula) in [
        ("A3", "=\"S\"&2"),
        ("B3", "=\"Unit \"&2"),
        ("C3", "=10*2"),
        ("D3", "=IF(1=1,\"yes\",\"no\")"),
        ("A4", "=\"S\"&3"),
        ("C4", "=10*3"),
    ] {
        let named = format!("(cell {cell}): the cell holds the formula {formula} but");
        assert!(err.contains(&named), "{cell}: {err}");
    }
    assert!(err.contains("(cell D4): \"\": the cell is blank"), "{err}");
    assert!(
        err.contains("(cell C6): the cell holds the formula =IF(A6="),
        "{err}"
    );
    assert!(!err.contains("hardly any figures"), "{err}");
    assert!(!err.contains("(cell A3): \"\""), "{err}");
    assert!(!err.contains(":5"), "{err}");
    assert!(
        !err.contains("A6") || !err.contains("unit id is blank"),
        "{err}"
    );
    assert!(err.contains("8 problem(s)"), "{err}");
}

/// Formulas shared down rows are named in every cell; a sheet the formula
/// pass cannot read is refused, not read as if it held no formula; a cell
/// written twice does not hide the formulas after it.
#[test]
fn shared_formulas_are_named_and_a_failed_formula_pass_refuses_the_sheet() {
    let book = |name: &str| format!("tests/fixtures/workbooks/{name}");
    let err = run(&["check", SMALL, &book("formula-shared.xlsx"), "--lang", "en"]).fails(3);
    for cell in ["A3", "B3", "C3", "D3", "A4", "B4", "C4", "D4"] {
        let named = format!("(cell {cell}): the cell holds the formula");
        assert!(err.contains(&named), "{cell}: {err}");
    }
    assert!(
        err.contains("(cell A4): the cell holds the formula =\"S\"&ROW()"),
        "{err}"
    );
    assert!(err.contains("8 problem(s)"), "{err}");
    let err = run(&[
        "check",
        SMALL,
        &book("formula-bad-shared.xlsx"),
        "--lang",
        "en",
    ])
    .fails(3);
    assert!(err.contains("cannot read the sheet \"S\""), "{err}");
    assert!(!err.contains("units, all values valid"), "{err}");
    let err = run(&["check", SMALL, &book("formula-twice.xlsx"), "--lang", "en"]).fails(3);
    assert!(
        err.contains("(cell A4): the cell holds the formula =\"S4\""),
        "{err}"
    );
    assert_eq!(err.matches("(cell A3): the cell holds").count(), 1, "{err}");
}

/// An `.xls` template's rows filled down with formulas (their results
/// stored empty, as Excel stores a result calculated to `""`) are no
/// units: `.xls` cannot tell them from formulas never calculated, so rows
/// with nothing else stay out, as before.
#[test]
fn an_xls_template_filled_down_with_formulas_reads_its_units_only() {
    let book = "tests/fixtures/workbooks/formula-template.xls";
    let run = run(&["check", SMALL, book, "--lang", "en"]);
    let out = run.ok();
    assert!(out.contains("2 units, all values valid"), "{out}");
}

/// An .xls formula's empty result is stored alike when Excel calculated it
/// to `""` and when it never was (xlwt): it reads as a blank where blanks
/// are allowed, and is named by its formula where a blank is refused.
#[test]
fn an_xls_formula_with_an_empty_result_is_a_blank_where_blanks_count_zero() {
    let dir = tempfile::tempdir().unwrap();
    let set = zero_set(&dir);
    let xls = "tests/fixtures/workbooks/formula.xls";
    let run = run(&["score", &set, xls, "-f", "csv"]);
    let out = run.ok();
    assert!(out.contains(",S1,Unit 1,,4,"), "{out}");
}

/// A sheet whose ids are numbers shown with text around them (`"P"000`
/// shows 5 as P005) and whose column a shows its numbers with a unit
/// (`0" điểm"`), saved in `dir` as `name`.
fn decorated_sheet(dir: &tempfile::TempDir, name: &str, a: f64) -> String {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["ma", "ten", "a", "b"].into_iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    let id = Format::new().set_num_format("\"P\"000");
    let unit = Format::new().set_num_format("0\" điểm\"");
    for r in 1..=2u32 {
        sheet
            .write_number_with_format(r, 0, f64::from(r) + 4.0, &id)
            .unwrap();
        sheet.write_string(r, 1, format!("Unit {r}")).unwrap();
        sheet
            .write_number_with_format(r, 2, a + f64::from(r), &unit)
            .unwrap();
        sheet.write_string(r, 3, "yes").unwrap();
    }
    let path = dir.path().join(name);
    book.save(&path).unwrap();
    path.to_str().unwrap().to_string()
}

/// Ids read as the cell shows them, text around the number included (as a
/// CSV saved from the sheet has them); a number shown with a unit scores
/// the number. The same through review stages.
#[test]
fn text_a_format_writes_around_a_number_is_the_id_and_not_the_points() {
    let dir = tempfile::tempdir().unwrap();
    let data = decorated_sheet(&dir, "so-lieu.xlsx", 48.0);
    let run_one = run(&["score", SMALL, &data, "-f", "csv", "--lang", "en"]);
    let out = run_one.ok();
    // a = 49 and 50 score 2.94 and 3 of K1's 6.
    assert!(out.contains(",P005,Unit 1,,6.94,"), "{out}");
    assert!(out.contains(",P006,Unit 2,,7,"), "{out}");
    let later = decorated_sheet(&dir, "tham-dinh.xlsx", 58.0);
    let first = format!("Tự chấm={data}");
    let second = format!("Thẩm định={later}");
    let staged = run(&[
        "score", SMALL, "--stage", &first, "--stage", &second, "-f", "csv", "--lang", "en",
    ]);
    let out = staged.ok();
    // The later stage's a (59 and 60) is used: 3.54 and 3.6.
    assert!(out.contains(",P005,Unit 1,,7.54,"), "{out}");
    assert!(out.contains(",P006,Unit 2,,7.6,"), "{out}");
    // A problem quotes the cell as it shows, alone or as a stage.
    let beyond = decorated_sheet(&dir, "vuot.xlsx", 148.0);
    let alone = run(&["check", SMALL, &beyond, "--lang", "en"]).fails(3);
    assert!(
        alone.contains("(cell C2): \"149 điểm\": is outside 0 to 100"),
        "{alone}"
    );
    let second = format!("Thẩm định={beyond}");
    let staged = run(&[
        "check", SMALL, "--stage", &first, "--stage", &second, "--lang", "en",
    ]);
    let err = staged.fails(3);
    assert!(
        err.contains("(cell C2): \"149 điểm\": is outside 0 to 100"),
        "{err}"
    );
    assert!(err.contains("vuot.xlsx (Thẩm định)"), "{err}");
}

/// A level column reads the text a number's format shows (`"Mức "0`
/// shows 1 as `Mức 1`), as a person reads it.
#[test]
fn a_level_shown_through_a_number_format_reads_as_shown() {
    let dir = tempfile::tempdir().unwrap();
    let small = std::fs::read_to_string(SMALL).unwrap();
    let set = dir.path().join("levels.toml");
    let level = "\n[[criteria]]\nid = \"K3\"\ntitle = \"Level\"\nindicator = \"c\"\n\
                 points = 6\nrule = \"levels\"\nlevels = { \"Mức 1\" = 6, \"Mức 2\" = 3 }\n";
    let small = small.replacen("\n[[ratings]]", &format!("{level}\n[[ratings]]"), 1);
    std::fs::write(&set, small).unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["ma", "ten", "a", "b", "c"].into_iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    let shown = Format::new().set_num_format("\"Mức \"0");
    for r in 1..=2u32 {
        sheet.write_string(r, 0, format!("S{r}")).unwrap();
        sheet.write_string(r, 1, format!("Unit {r}")).unwrap();
        sheet.write_number(r, 2, 50.0).unwrap();
        sheet.write_string(r, 3, "yes").unwrap();
        sheet
            .write_number_with_format(r, 4, f64::from(r), &shown)
            .unwrap();
    }
    let data = save(&mut book, &dir);
    let run = run(&[
        "score",
        set.to_str().unwrap(),
        &data,
        "-f",
        "csv",
        "--lang",
        "en",
    ]);
    let out = run.ok();
    // K3: Mức 1 is 6, Mức 2 is 3.
    assert!(out.contains(",S1,Unit 1,,13,"), "{out}");
    assert!(out.contains(",S2,Unit 2,,10,"), "{out}");
}

#[test]
fn a_date_in_a_number_column_is_rejected_with_its_cell() {
    let mut book = Workbook::new();
    small_sheet(book.add_worksheet(), 2, |sheet, r| {
        if r == 2 {
            let date = ExcelDateTime::from_ymd(2025, 8, 6).unwrap();
            let format = Format::new().set_num_format("dd/mm/yyyy");
            sheet
                .write_datetime_with_format(r, 2, &date, &format)
                .unwrap();
        } else {
            sheet.write_number(r, 2, 50.0).unwrap();
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let data = save(&mut book, &dir);
    let err = run(&["score", SMALL, &data, "--lang", "en"]).fails(3);
    assert!(err.contains("06/08/2025"), "the value as shown: {err}");
    assert!(!err.contains("45875"), "not the serial number: {err}");
    assert!(err.contains("(cell C3)"), "{err}");
    assert!(err.contains("not a number"), "{err}");
    assert!(err.contains("format the cell as Number"), "{err}");
    let err = run(&["score", SMALL, &data, "--lang", "vi"]).fails(3);
    assert!(err.contains("định dạng lại ô thành kiểu Số"), "{err}");
}

#[test]
fn a_hidden_first_sheet_is_not_read_by_default() {
    let mut book = Workbook::new();
    let hidden = book.add_worksheet().set_name("Nháp").unwrap();
    small_sheet(hidden, 1, |sheet, r| {
        sheet.write_number(r, 2, 1.0).unwrap();
    });
    hidden.set_hidden(true);
    let shown = book.add_worksheet().set_name("Số liệu").unwrap();
    small_sheet(shown, 1, |sheet, r| {
        sheet.write_number(r, 2, 80.0).unwrap();
    });
    shown.set_active(true);
    let dir = tempfile::tempdir().unwrap();
    let data = save(&mut book, &dir);
    assert_eq!(values_of_a(&data), ["80"]);
    let out = run(&["score", SMALL, &data, "--sheet", "Nháp", "-f", "json"]);
    assert!(
        out.ok().contains("\"value\": \"1\""),
        "--sheet reads any sheet"
    );
}

#[test]
fn a_date_in_the_name_column_keeps_the_text_it_shows() {
    let mut book = Workbook::new();
    small_sheet(book.add_worksheet(), 1, |sheet, r| {
        sheet.write_number(r, 2, 50.0).unwrap();
        let date = ExcelDateTime::from_ymd(2025, 8, 6).unwrap();
        let format = Format::new().set_num_format("dd/mm/yyyy");
        sheet
            .write_datetime_with_format(r, 1, &date, &format)
            .unwrap();
    });
    let dir = tempfile::tempdir().unwrap();
    let data = save(&mut book, &dir);
    let out = run(&["score", SMALL, &data, "-f", "json"]);
    let json: Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(json["units"][0]["name"], "06/08/2025");
}

/// A first review stage's value hidden by its format is named at its own
/// file and cell, not at the merged columns' places (a later stage may
/// have other columns).
#[test]
fn a_value_hidden_in_a_first_stage_is_named_in_that_stage() {
    let dir = tempfile::tempdir().unwrap();
    let hide = Format::new().set_num_format(";;;");
    let mut first = Workbook::new();
    small_sheet(first.add_worksheet(), 2, |sheet, r| {
        let value = f64::from(40 + r);
        if r == 2 {
            sheet.write_number_with_format(r, 2, value, &hide).unwrap();
        } else {
            sheet.write_number(r, 2, value).unwrap();
        }
    });
    let first_path = dir.path().join("tu-cham.xlsx");
    first.save(&first_path).unwrap();
    let second = dir.path().join("tham-dinh.csv");
    std::fs::write(&second, "ma,b\nS1,no\n").unwrap();
    let stage = |label: &str, path: &std::path::Path| format!("{label}={}", path.display());
    let err = run(&[
        "score",
        SMALL,
        "--stage",
        &stage("A", &first_path),
        "--stage",
        &stage("B", &second),
        "--lang",
        "en",
    ])
    .fails(3);
    assert!(
        err.contains(
            "tu-cham.xlsx (A) [Sheet1]:3, column \"a\" (cell C3): the cell looks blank but holds 42"
        ),
        "{err}"
    );
    assert!(err.contains("1 problem(s)"), "{err}");
}
