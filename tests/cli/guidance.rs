//! Guidance when a data file does not fit: one message that says what is
//! wrong with the file as a whole, instead of a "missing column" for each.

use crate::harness::*;

fn example() -> String {
    std::fs::read_to_string(root().join(THI_DUA)).unwrap()
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_title_above_the_header_is_named_with_the_header_line() {
    let dir = tempfile::tempdir().unwrap();
    // As Excel saves a sheet with a title: padded to the table's width.
    let padded = format!(
        "BẢNG TỔNG HỢP KẾT QUẢ THI ĐUA NĂM 2023{}\n{}",
        ",".repeat(27),
        example()
    );
    // Or as typed by hand: a narrower title, two lines of it.
    let narrow = format!(
        "BẢNG TỔNG HỢP KẾT QUẢ THI ĐUA NĂM 2023,,\nCông an thành phố Vinh,,\n{}",
        example()
    );
    // A bare title above a `;` or tab header (Excel in Vietnamese saves
    // `;`): the delimiter is told by the header, not by the title.
    let semicolon = format!(
        "BẢNG TỔNG HỢP KẾT QUẢ THI ĐUA NĂM 2023\r\n{}",
        example().replace(',', ";")
    );
    let tab = format!(
        "\nBẢNG TỔNG HỢP KẾT QUẢ THI ĐUA NĂM 2023\n\n{}",
        example().replace(',', "\t")
    );
    // (line of the header, line of the title, lines of title)
    for (csv, line, title, above) in [
        (padded, 2, 1, 1),
        (narrow, 3, 1, 2),
        (semicolon, 2, 1, 1),
        (tab, 4, 2, 2),
    ] {
        let path = write(&dir, "title.csv", csv.as_bytes());
        let err = run(&["score", THI_DUA_SET, &path, "--lang", "en"]).fails(3);
        assert!(
            err.contains(&format!(
                ":{line}: the header (the column names) is on line {line}, not line {title}: the {above} line(s) above it (\"BẢNG TỔNG HỢP KẾT QUẢ THI ĐUA NĂM 2023\") look like a title"
            )),
            "{err}"
        );
        assert!(err.contains("1 problem(s)"), "{err}");
        assert!(!err.contains("is missing"), "{err}");
    }
    // A title with a comma, typed above a `;` header: the title decides
    // `,`, and the header, one cell then, is still found below it.
    let csv = format!(
        "Bảng điểm thi đua, năm 2023\n{}",
        example().replace(',', ";")
    );
    let path = write(&dir, "title.csv", csv.as_bytes());
    let err = run(&["score", THI_DUA_SET, &path, "--lang", "en"]).fails(3);
    assert!(
        err.contains(
            ":2: the header (the column names) is on line 2, not line 1: the 1 line(s) above it (\"Bảng điểm thi đua, năm 2023\") look like a title"
        ),
        "{err}"
    );
    assert!(err.contains("1 problem(s)"), "{err}");
    // Without the title, the file is read on its own delimiter.
    let path = write(&dir, "title.csv", example().replace(',', ";").as_bytes());
    run(&["score", THI_DUA_SET, &path, "--lang", "en"]).ok();
    // A title cell holding a line break (Alt+Enter in Excel): both of its
    // lines are to be deleted.
    let csv = format!("\"BẢNG TỔNG HỢP\nNĂM 2023\"\n{}", example());
    let path = write(&dir, "title.csv", csv.as_bytes());
    let err = run(&["score", THI_DUA_SET, &path, "--lang", "en"]).fails(3);
    assert!(
        err.contains(
            ":3: the header (the column names) is on line 3, not line 1: the 2 line(s) above it"
        ),
        "{err}"
    );
}

#[test]
fn a_title_above_the_header_of_a_workbook_is_named_too() {
    let dir = tempfile::tempdir().unwrap();
    let text = example();
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "BẢNG TỔNG HỢP KẾT QUẢ THI ĐUA NĂM 2023")
        .unwrap();
    ws.write_string(1, 0, "Công an thành phố Vinh").unwrap();
    // Wider than the title's first row: read twice, counted once.
    ws.write_string(1, 3, "Ngày 31/12/2023").unwrap();
    // A blank row, then the table: the rows to delete are three.
    for (r, line) in text.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (r as u32 + 3, c as u16);
            match cell.parse::<f64>() {
                Ok(x) if c >= 3 => ws.write_number(r, c, x).unwrap(),
                _ => ws.write_string(r, c, cell).unwrap(),
            };
        }
    }
    let path = write(&dir, "title.xlsx", &book.save_to_buffer().unwrap());
    let err = run(&["check", THI_DUA_SET, &path, "--lang", "vi"]).fails(3);
    assert!(
        err.contains(
            "dòng tiêu đề (tên các cột) nằm ở dòng 4, không phải dòng 1: 3 dòng phía trên"
        ),
        "{err}"
    );
    assert!(err.contains("1 lỗi"), "{err}");
}

#[test]
fn swapped_arguments_are_named_as_such() {
    for args in [
        ["score", THI_DUA, THI_DUA_SET],
        ["check", THI_DUA, "criteria/thi-dua-cuoi-nam.toml"],
    ] {
        // Nothing is loaded yet: Vietnamese unless --lang says otherwise,
        // and one language at a time.
        let err = run(&args).fails(2);
        assert!(
            err.contains(
                "là tệp số liệu, không phải tệp tiêu chí: có phải đã đảo thứ tự hai tham số?"
            ),
            "{err}"
        );
        assert!(!err.contains("is a data file"), "{err}");
        let err = run(&[&args[..], &["--lang", "en"]].concat()).fails(2);
        assert!(
            err.contains(
                "is a data file, not a criteria file: is the order of the arguments swapped?"
            ),
            "{err}"
        );
        assert!(
            !err.contains("TOML") && !err.contains("tệp số liệu"),
            "{err}"
        );
    }
}

#[test]
fn a_file_for_another_shipped_set_names_that_set() {
    let err = run(&["check", KIEU_MAU, THI_DUA, "--lang", "en"]).fails(3);
    assert!(
        err.contains("the file's columns fit the shipped set \"thi-dua-cuoi-nam\"; did you mean: wardscore score thi-dua-cuoi-nam examples/thi-dua-2023.csv"),
        "{err}"
    );
}

#[test]
fn a_wrong_delimiter_is_named_with_the_right_one() {
    let err = run(&[
        "check",
        THI_DUA_SET,
        THI_DUA,
        "--delimiter",
        ";",
        "--lang",
        "en",
    ])
    .fails(3);
    assert!(
        err.contains("the header reads as a single column; split on \",\" it has 34 of the columns the set needs: run again with --delimiter ','"),
        "{err}"
    );
    // The delimiter explains every column missed: it is said alone, not
    // under one "is missing" per column.
    assert!(!err.contains("is missing"), "{err}");
    assert!(err.contains("1 problem"), "{err}");
}

/// `|` is read only when given: a file split by it is named, in both
/// languages, with the option that reads it.
#[test]
fn a_pipe_delimited_file_is_named_with_the_option() {
    let data = example().replace(',', "|");
    for (lang, said) in [
        (
            "en",
            "the header reads as a single column; split on \"|\" it has 34 of the columns the set needs: run again with --delimiter '|' (it is not detected on its own)",
        ),
        (
            "vi",
            "dòng tiêu đề chỉ đọc được một cột; tách theo dấu \"|\" thì có 34 cột mà bộ tiêu chí cần: hãy chạy lại với --delimiter '|' (chương trình không tự nhận dấu này)",
        ),
    ] {
        let err = run_with(
            &["check", THI_DUA_SET, "-", "--lang", lang],
            Some(data.as_bytes()),
        )
        .fails(3);
        assert!(err.contains(said), "{err}");
    }
    let ok = run_with(
        &["check", THI_DUA_SET, "-", "--delimiter", "|"],
        Some(data.as_bytes()),
    );
    ok.ok();
}

#[test]
fn a_misspelt_column_is_renamed_in_the_right_direction() {
    let data = example().replacen("cccd_pct", "cccd_pc", 1);
    let err = run_with(
        &["check", THI_DUA_SET, "-", "--lang", "en"],
        Some(data.as_bytes()),
    )
    .fails(3);
    assert!(
        err.contains("the column \"cccd_pct\" is missing (used by C1). Rename the column \"cccd_pc\" to \"cccd_pct\"."),
        "{err}"
    );
}

#[test]
fn utf16_without_a_bom_and_cr_only_line_endings_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let text = example();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let path = write(&dir, "u16.csv", &le);
    let err = run(&["check", THI_DUA_SET, &path, "--lang", "en"]).fails(3);
    assert!(
        err.contains("u16.csv:1: the file looks like UTF-16 without a byte-order mark; save it as \"CSV UTF-8\" in Excel, or run again with --encoding utf-16le"),
        "{err}"
    );
    assert!(!err.contains("invisible"), "{err}");
    // Its Vietnamese letters are bytes that are not UTF-8: that follows
    // from the one cause and is not said again.
    assert!(
        !err.contains("not UTF-8") && err.contains("1 problem"),
        "{err}"
    );
    // And the suggested option reads it.
    run(&["check", THI_DUA_SET, &path, "--encoding", "utf-16le"]).ok();
    let path = write(&dir, "cr.csv", text.replace('\n', "\r").as_bytes());
    let err = run(&["check", THI_DUA_SET, &path, "--lang", "en"]).fails(3);
    assert!(
        err.contains("cr.csv:1: the file ends its lines with CR only (old Mac style)"),
        "{err}"
    );
    assert!(err.contains("1 problem(s)"), "{err}");
}

#[test]
fn a_wrong_decimal_style_is_named_with_the_right_one() {
    let data = "ma,ten,a,b\nS1,Alpha,\"50,5\",yes\n";
    let err = run_with(
        &["check", SMALL, "-", "--decimal", "point", "--lang", "en"],
        Some(data.as_bytes()),
    )
    .fails(3);
    assert!(
        err.contains("\"50,5\": thousands separators must split groups of 3 digits (e.g. 1,234.5); if the file's decimal mark is \",\", run again with --decimal comma"),
        "{err}"
    );
    // And so it reads.
    run_with(
        &["check", SMALL, "-", "--decimal", "comma"],
        Some(data.as_bytes()),
    )
    .ok();
}

/// A number with thousands separators, where no style was given, is named
/// as such (not as a separator against the file's style), with the plain
/// form and the option that reads it, in both languages.
#[test]
fn thousands_separators_without_a_style_are_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "q.csv",
        "ma;ten;a;b\nS1;Alpha;1.234,5;có\n".as_bytes(),
    );
    let err = run(&["score", SMALL, &path, "--lang", "en"]).fails(3);
    assert!(
        err.contains("\"1.234,5\": the number has thousands separators (\".\"), which are read only when the number style is given: write it without them (1234,5), or run again with --decimal comma"),
        "{err}"
    );
    let err = run(&["score", SMALL, &path, "--lang", "vi"]).fails(3);
    assert!(err.contains("số có dấu phân cách hàng nghìn"), "{err}");
    assert!(err.contains("--decimal comma"), "{err}");
}

/// A header cell with no name (a two-row header whose names are on the
/// second row), or a column the set reads by its own name ("ma"), is never
/// the column a message asks to rename.
#[test]
fn only_a_column_the_set_does_not_read_is_one_to_rename() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "h.csv",
        "ma,ten,Nhóm,\n,,a,b\nS1,Alpha,50,yes\n".as_bytes(),
    );
    let err = run(&["score", SMALL, &path, "--lang", "en"]).fails(3);
    assert!(
        err.contains("the column \"a\" is missing (used by K1).\n"),
        "{err}"
    );
    assert!(!err.contains("Rename the column"), "{err}");
    // A misspelt column is still named.
    let path = write(&dir, "h.csv", "ma,ten,A,b\nS1,Alpha,50,yes\n".as_bytes());
    let err = run(&["score", SMALL, &path, "--lang", "en"]).fails(3);
    assert!(err.contains("Rename the column \"A\" to \"a\"."), "{err}");
}

/// Excel names a CSV file's delimiter on a first line `sep=;`, and some
/// offices' exports write one: it is read as that, not as a title, and
/// lines keep the file's numbers.
#[test]
fn a_first_line_sep_names_the_delimiter() {
    let dir = tempfile::tempdir().unwrap();
    let semicolon = example().replace(',', ";");
    let plain = write(&dir, "plain.csv", semicolon.as_bytes());
    let expected = run(&["score", THI_DUA_SET, &plain, "-f", "csv"])
        .ok()
        .to_string();
    for (first, data) in [
        ("sep=;\r\n", semicolon.clone()),
        ("sep=|\n", example().replace(',', "|")),
    ] {
        let named = write(&dir, "named.csv", format!("{first}{data}").as_bytes());
        let got = run(&["score", THI_DUA_SET, &named, "-f", "csv"])
            .ok()
            .to_string();
        assert_eq!(got, expected, "{first:?}");
    }
    // A bad value on the file's line 3 (its second row) is named there.
    let mut lines: Vec<String> = semicolon.lines().map(str::to_string).collect();
    lines[1] = lines[1].replacen(";có;", ";chưa rõ;", 1);
    let bad = write(
        &dir,
        "bad.csv",
        format!("sep=;\n{}\n", lines.join("\n")).as_bytes(),
    );
    let err = run(&["score", THI_DUA_SET, &bad, "--lang", "en"]).fails(3);
    assert!(err.contains("bad.csv:3, column"), "{err}");
    assert!(err.contains("\"chưa rõ\""), "{err}");
}

/// A first line `sep=;` above a header split by `,` is named as what made
/// the header one column, with the two ways out; `--delimiter` is one.
#[test]
fn a_first_line_sep_that_the_header_does_not_follow_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let named = write(
        &dir,
        "named.csv",
        format!("sep=;\n{}", example()).as_bytes(),
    );
    for (lang, said) in [
        (
            "en",
            "named.csv:2: the file's first line \"sep=;\" names \";\" as the delimiter, so the header reads as a single column; split on \",\" it has 34 of the columns the set needs: change that line to \"sep=,\", or run again with --delimiter ','",
        ),
        (
            "vi",
            "named.csv:2: dòng đầu \"sep=;\" của tệp chọn dấu \";\" làm dấu phân cách, nên dòng tiêu đề chỉ đọc được một cột; tách theo dấu \",\" thì có 34 cột mà bộ tiêu chí cần: hãy sửa dòng đó thành \"sep=,\", hoặc chạy lại với --delimiter ','",
        ),
    ] {
        let err = run(&["check", THI_DUA_SET, &named, "--lang", lang]).fails(3);
        assert!(err.contains(said), "{err}");
        assert!(
            !err.contains("leave out"),
            "no --delimiter was given: {err}"
        );
    }
    let plain = write(&dir, "plain.csv", example().as_bytes());
    let expected = run(&["score", THI_DUA_SET, &plain, "-f", "csv"])
        .ok()
        .to_string();
    let got = run(&[
        "score",
        THI_DUA_SET,
        &named,
        "-f",
        "csv",
        "--delimiter",
        ",",
    ]);
    assert_eq!(got.ok(), expected, "--delimiter wins over the line");
}

/// A sheet whose rows were pasted as text, each in one cell: no
/// delimiter option applies to a workbook, so Excel's own tool is named.
#[test]
fn a_sheet_whose_rows_sit_in_one_cell_is_told_to_split_them() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in ["ma,ten,a,b", "S1,Unit 1,50,yes"].into_iter().enumerate() {
        sheet.write_string(r as u32, 0, line).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mot-cot.xlsx");
    book.save(&path).unwrap();
    let path = path.to_str().unwrap();
    let err = run(&["check", SMALL, path, "--lang", "en"]).fails(3);
    assert!(
        err.contains("each row of the sheet sits in one cell; split on \",\" it has 4 of the columns the set needs: select the column, split it with Data → Text to Columns (delimiter \",\"), and save"),
        "{err}"
    );
    assert!(!err.contains("--delimiter"), "{err}");
    let err = run(&["check", SMALL, path, "--lang", "vi"]).fails(3);
    assert!(
        err.contains("mỗi dòng của trang tính nằm gọn trong một ô"),
        "{err}"
    );
}

/// A guide or summary sheet placed before the data: the first sheet is
/// read by default, and one message names the sheet with the set's
/// columns, in place of every column missing.
#[test]
fn a_sheet_before_the_data_is_named_with_the_sheet_that_holds_the_units() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let guide = book.add_worksheet();
    guide.set_name("Hướng dẫn").unwrap();
    for (r, line) in ["Cột,Nội dung", "ma,Mã đơn vị", "ten,Tên đơn vị"]
        .into_iter()
        .enumerate()
    {
        for (c, cell) in line.split(',').enumerate() {
            guide.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let data = book.add_worksheet();
    data.set_name("Nhập liệu").unwrap();
    for (r, line) in ["ma,ten,a,b", "S1,Unit 1,50,yes"].into_iter().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            data.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("guide-first.xlsx");
    book.save(&path).unwrap();
    let path = path.to_str().unwrap();
    let err = run(&["score", SMALL, path, "--lang", "en"]).fails(3);
    assert!(
        err.contains("the first sheet (\"Hướng dẫn\") is not a table of units; the sheet \"Nhập liệu\" has the set's columns: run again with --sheet \"Nhập liệu\""),
        "{err}"
    );
    assert!(
        !err.contains("is missing"),
        "one message, not every column: {err}"
    );
    let err = run(&["check", SMALL, path, "--lang", "vi"]).fails(3);
    assert!(
        err.contains("hãy chạy lại với --sheet \"Nhập liệu\""),
        "{err}"
    );
    run(&["score", SMALL, path, "--sheet", "Nhập liệu"]).ok();
}

/// A totals row under the units ("Tổng cộng" with sums) is one problem
/// that says what it is, not one for each of its cells; a unit whose name
/// only begins like one ("Công an phường …") is no totals row.
#[test]
fn a_totals_row_is_named_as_one() {
    let data =
        "ma,ten,a,b\nS1,Unit 1,50,yes\n,Tổng cộng,50,\nTỔNG:,,50,\n,Công an phường X,40,yes\n";
    let err = run_with(
        &["score", SMALL, "-", "--lang", "en"],
        Some(data.as_bytes()),
    )
    .fails(3);
    assert!(
        err.contains("<stdin>:3: this is a totals row (\"Tổng cộng\"), not a unit"),
        "{err}"
    );
    assert!(
        err.contains("<stdin>:4: this is a totals row (\"TỔNG:\")"),
        "{err}"
    );
    assert!(
        err.contains("<stdin>:5, column \"ma\": the unit id is blank"),
        "{err}"
    );
    assert!(err.contains("3 problem(s)"), "{err}");
    let err = run_with(
        &["score", SMALL, "-", "--lang", "vi"],
        Some(data.as_bytes()),
    )
    .fails(3);
    assert!(
        err.contains("dòng này là dòng tổng (\"Tổng cộng\")"),
        "{err}"
    );
}

/// Notes and a signature block under the units (text in the name column
/// or the first, hardly any figures) are one problem a row, saying what
/// they look like, not one for each blank cell; a unit with its figures
/// but no id is still told its id is blank.
#[test]
fn a_row_of_notes_or_signatures_is_named_as_one() {
    let data = "ma,ten,a,b\nS1,Unit 1,50,yes\n,Người lập biểu,,\n,\"(Ký, ghi rõ họ tên)\",,\nGhi chú: số liệu đến 30/11,,,\n,Unit 2,40,\n";
    let err = run_with(
        &["score", SMALL, "-", "--lang", "en"],
        Some(data.as_bytes()),
    )
    .fails(3);
    for (line, lacking, text) in [
        (3, "id", "Người lập biểu"),
        (4, "id", "(Ký, ghi rõ họ tên)"),
        (5, "name", "Ghi chú: số liệu đến 30/11"),
    ] {
        assert!(
            err.contains(&format!(
                "<stdin>:{line}: this row has no unit {lacking} and hardly any figures (\"{text}\"): a note, signature or heading line?"
            )),
            "{err}"
        );
    }
    assert!(
        err.contains("<stdin>:6, column \"ma\": the unit id is blank"),
        "{err}"
    );
    assert!(
        !err.contains("<stdin>:3, column"),
        "one problem a row: {err}"
    );
    assert!(err.contains("5 problem(s)"), "{err}");
    let err = run_with(
        &["check", SMALL, "-", "--lang", "vi"],
        Some(data.as_bytes()),
    )
    .fails(3);
    assert!(
        err.contains("<stdin>:3: dòng này không có mã đơn vị và gần như không có số liệu (\"Người lập biểu\"): có lẽ là dòng ghi chú, chữ ký hoặc tiêu đề"),
        "{err}"
    );
}

/// A signature block under the units in a workbook, each line merged
/// across columns the set reads as Excel's report layouts have it: one
/// problem a line saying to delete it, not one asking to unmerge cells
/// that are no unit's; a range merged over a unit's cells is still named.
#[test]
fn a_merged_signature_block_is_named_as_lines_to_delete() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in ["ma,ten,a,b", "S1,Unit 1,50,yes", "S2,Unit 2,60,no"]
        .into_iter()
        .enumerate()
    {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let plain = rust_xlsxwriter::Format::new();
    sheet
        .merge_range(4, 1, 4, 3, "NGƯỜI LẬP BIỂU", &plain)
        .unwrap();
    sheet
        .merge_range(5, 1, 5, 3, "(Ký, ghi rõ họ tên)", &plain)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ky-ten.xlsx");
    book.save(&path).unwrap();
    let path = path.to_str().unwrap();
    let err = run(&["check", SMALL, path, "--lang", "en"]).fails(3);
    assert!(
        err.contains(":5: this row has no unit id and hardly any figures (\"NGƯỜI LẬP BIỂU\")"),
        "{err}"
    );
    assert!(
        err.contains(
            ":6: this row has no unit id and hardly any figures (\"(Ký, ghi rõ họ tên)\")"
        ),
        "{err}"
    );
    assert!(!err.contains("merged"), "no unmerging asked: {err}");
    assert!(err.contains("2 problem(s)"), "{err}");
}

/// A totals row whose label is merged across columns, as report layouts
/// have it: one problem saying it is a totals row, none asking to unmerge.
#[test]
fn a_merged_totals_label_is_named_as_a_totals_row_only() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in ["ma,ten,a,b", "S1,Unit 1,50,yes"].into_iter().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let plain = rust_xlsxwriter::Format::new();
    sheet.merge_range(2, 0, 2, 2, "Tổng cộng", &plain).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tong.xlsx");
    book.save(&path).unwrap();
    let err = run(&["check", SMALL, path.to_str().unwrap(), "--lang", "en"]).fails(3);
    assert!(
        err.contains(":3: this is a totals row (\"Tổng cộng\")"),
        "{err}"
    );
    assert!(!err.contains("merged"), "no unmerging asked: {err}");
    assert!(err.contains("1 problem(s)"), "{err}");
}
