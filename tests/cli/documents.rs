//! Documents an office can file: the report profile (flags over
//! `--profile` over the set's keys) and the Word report.

use crate::harness::*;

const PROFILE: &str = "examples/bao-cao-cua-lo.toml";

fn write_temp(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("written");
    let path = path.to_str().expect("UTF-8 path").to_string();
    (dir, path)
}

#[test]
fn the_profile_names_the_issuer_and_a_flag_wins_over_it() {
    let from_file = run(&[
        "score",
        THI_DUA_SET,
        THI_DUA,
        "-f",
        "md",
        "--profile",
        PROFILE,
    ]);
    assert!(
        from_file.ok().contains("CÔNG AN THỊ XÃ CỬA LÒ"),
        "{}",
        from_file.stdout
    );
    assert!(
        from_file.stdout.contains("năm 2023"),
        "{}",
        from_file.stdout
    );
    let flagged = run(&[
        "score",
        THI_DUA_SET,
        THI_DUA,
        "-f",
        "md",
        "--profile",
        PROFILE,
        "--issuer",
        "CÔNG AN PHƯỜNG NGHI THU",
        "--period",
        "6 tháng đầu năm 2023",
    ]);
    let out = flagged.ok();
    assert!(out.contains("CÔNG AN PHƯỜNG NGHI THU"), "{out}");
    assert!(out.contains("6 tháng đầu năm 2023"), "{out}");
    assert!(!out.contains("CÔNG AN THỊ XÃ CỬA LÒ"), "{out}");
}

#[test]
fn the_sets_own_issuer_is_used_when_nothing_else_gives_one() {
    let (_dir, set) = write_temp(
        "set.toml",
        &std::fs::read_to_string(root().join(SMALL))
            .expect("fixture")
            .replacen(
                "[set]\n",
                "[set]\nissuer = \"ĐƠN VỊ TRONG BỘ TIÊU CHÍ\"\n",
                1,
            ),
    );
    let out = run(&["score", &set, SMALL_CSV, "-f", "md"]);
    assert!(
        out.ok().contains("ĐƠN VỊ TRONG BỘ TIÊU CHÍ"),
        "{}",
        out.stdout
    );
    let over = run(&["score", &set, SMALL_CSV, "-f", "md", "--profile", PROFILE]);
    assert!(
        !over.ok().contains("ĐƠN VỊ TRONG BỘ TIÊU CHÍ"),
        "{}",
        over.stdout
    );
}

#[test]
fn a_bad_profile_is_rejected_with_every_problem_located() {
    let (_dir, path) = write_temp(
        "bao-cao.toml",
        "isuer = \"CÔNG AN\"\ndate = \"30/02/2023\"\nrecipients = \"Lưu: VT\"\n",
    );
    let err = run(&[
        "score",
        KIEU_MAU,
        CUA_LO,
        "--profile",
        &path,
        "--lang",
        "en",
    ])
    .fails(3);
    assert!(
        err.contains(":1:1: unknown key \"isuer\" in a report profile. Did you mean \"issuer\"?"),
        "{err}"
    );
    assert!(
        err.contains(":2:8: \"30/02/2023\": \"date\" is not a real date"),
        "{err}"
    );
    assert!(err.contains(":3:14:"), "{err}");
    assert!(err.contains("3 problem(s)"), "{err}");
    let vi = run(&[
        "score",
        KIEU_MAU,
        CUA_LO,
        "--profile",
        &path,
        "--lang",
        "vi",
    ])
    .fails(3);
    assert!(vi.contains("Có phải ý bạn là \"issuer\"?"), "{vi}");
}

#[test]
fn a_missing_profile_or_a_bad_date_flag_fails_plainly() {
    let err = run(&[
        "score",
        KIEU_MAU,
        CUA_LO,
        "--profile",
        "no-such.toml",
        "--lang",
        "en",
    ])
    .fails(1);
    assert!(
        err.contains("cannot open the report profile no-such.toml"),
        "{err}"
    );
    let err = run(&[
        "score",
        KIEU_MAU,
        CUA_LO,
        "--date",
        "2023-13-01",
        "--lang",
        "en",
    ])
    .fails(2);
    assert!(
        err.contains("--date \"2023-13-01\" is not a real date"),
        "{err}"
    );
}

/// The text of one part of a docx package.
fn part(docx: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip package");
    let mut text = String::new();
    zip.by_name(name)
        .expect("the part exists")
        .read_to_string(&mut text)
        .expect("UTF-8 XML");
    text
}

/// The document's text, runs joined (formatting aside).
fn words_of(xml: &str) -> String {
    xml.split("<w:t xml:space=\"preserve\">")
        .skip(1)
        .filter_map(|s| s.split_once("</w:t>"))
        .map(|(t, _)| t)
        .collect::<Vec<_>>()
        .join("¦")
}

fn docx_of(args: &[&str]) -> (tempfile::TempDir, Vec<u8>) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("bao-cao.docx");
    let path_str = path.to_str().expect("UTF-8 path");
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["-o", path_str]);
    let out = run(&all);
    assert_eq!(out.ok(), "", "a document goes to its file only");
    let bytes = std::fs::read(&path).expect("the document was written");
    (dir, bytes)
}

/// The rows of each table of a document part, in order.
fn tables_rows(xml: &str) -> Vec<Vec<&str>> {
    xml.split("<w:tbl>")
        .skip(1)
        .map(|table| {
            let table = table.split("</w:tbl>").next().unwrap_or_default();
            table
                .split("<w:tr>")
                .skip(1)
                .map(|row| row.split("</w:tr>").next().unwrap_or_default())
                .collect()
        })
        .collect()
}

#[test]
fn every_table_header_row_repeats_on_each_page() {
    for args in [
        &["score", KIEU_MAU, CUA_LO, "--profile", PROFILE][..],
        &["explain", KIEU_MAU, CUA_LO, "NHAI"][..],
    ] {
        let (_dir, docx) = docx_of(args);
        let xml = part(&docx, "word/document.xml");
        let tables = tables_rows(&xml);
        // The header block and the signature are one-row layout tables;
        // every table of figures has a header row and rows under it.
        let figures: Vec<&Vec<&str>> = tables.iter().filter(|rows| rows.len() > 1).collect();
        assert!(!figures.is_empty(), "{args:?}");
        for rows in &figures {
            assert!(rows[0].contains("<w:tblHeader />"), "{args:?}: {}", rows[0]);
            assert!(
                rows[1..].iter().all(|r| !r.contains("tblHeader")),
                "{args:?}: only the header row repeats"
            );
        }
        let repeated = xml.matches("<w:tblHeader />").count();
        assert_eq!(repeated, figures.len(), "{args:?}");
        // The mark it was built with is gone.
        assert!(!xml.contains("w:trHeight"), "{args:?}");
    }
}

#[test]
fn the_word_report_is_laid_out_as_decree_30_says() {
    let (_dir, docx) = docx_of(&["score", KIEU_MAU, CUA_LO, "--profile", PROFILE]);
    let xml = part(&docx, "word/document.xml");
    let text = words_of(&xml);
    for wanted in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CÔNG AN TỈNH NGHỆ AN",
        "CÔNG AN THỊ XÃ CỬA LÒ",
        "Số: 125/BC-CATX",
        "Cửa Lò, ngày 15 tháng 12 năm 2023",
        "BÁO CÁO",
        "Phụ lục I",
        "Phụ lục II",
        "(Kèm theo Báo cáo số 125/BC-CATX ngày 15 tháng 12 năm 2023 của CÔNG AN THỊ XÃ CỬA LÒ)",
        "Nơi nhận:",
        "- Lưu: VT, TH.",
        "KT. TRƯỞNG CÔNG AN",
        "Nguyễn Văn A",
        "103,42",
        "Chưa đạt",
        // The set is judged by its pass count: the leader by it too, and
        // a unit with the same count is named, ranked after by the points.
        "Nghi Thu dẫn đầu, đạt 27/27 tiêu chí (Nghi Hòa cũng đạt 27/27 tiêu chí, xếp sau theo thứ tự xếp hạng của bộ tiêu chí).",
        // Recognition for the best rating only; a lower one is classified.
        "Đề nghị công nhận &quot;Đạt Công an phường điển hình",
        "Đề nghị xếp loại &quot;Cơ bản đạt, tiếp tục",
    ] {
        assert!(
            text.contains(wanted),
            "{wanted} is not in the document:\n{text}"
        );
    }
    for name in [
        "Nghi Hải",
        "Nghi Hòa",
        "Thu Thủy",
        "Nghi Thủy",
        "Nghi Hương",
        "Nghi Tân",
        "Nghi Thu",
    ] {
        assert!(text.contains(name), "{name}");
    }
    for id in ["KIEU_MAU", "CO_BAN_DAT", "CHUA_DAT"] {
        assert!(!xml.contains(id), "rating id {id} in the document");
    }
    assert!(!text.contains("103.42"), "a decimal point");
    // A4 portrait, then landscape; margins 20/20/30/15 mm; page numbers
    // from page 2 (a title page without one), Times New Roman 14 pt.
    assert!(
        xml.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#),
        "portrait A4"
    );
    assert!(xml.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape" />"#));
    assert!(xml.contains(r#"<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701""#));
    assert!(xml.contains("<w:titlePg />"));
    assert!(xml.contains(r#"w:ascii="Times New Roman""#));
    assert!(part(&docx, "word/header1.xml").contains("<w:instrText>PAGE</w:instrText>"));
    assert!(part(&docx, "word/styles.xml").contains(r#"<w:sz w:val="28" />"#));
}

#[test]
fn a_clustered_report_names_each_clusters_leader_once() {
    let (_dir, docx) = docx_of(&["score", THI_DUA_SET, THI_DUA, "--profile", PROFILE]);
    let text = words_of(&part(&docx, "word/document.xml"));
    assert!(
        text.contains("Cụm 1: Hưng Bình dẫn đầu với 103,56 điểm;"),
        "{text}"
    );
    assert!(!text.to_lowercase().contains("cụm cụm"), "{text}");
    assert!(text.contains("Hoàn thành xuất sắc nhiệm vụ"), "{text}");
    assert!(
        text.contains("do vượt tỷ lệ"),
        "quota-lowered units are named: {text}"
    );
}

#[test]
fn the_word_report_is_the_same_for_the_same_inputs() {
    let args = ["score", KIEU_MAU, CUA_LO, "--profile", PROFILE];
    let (_a, first) = docx_of(&args);
    let (_b, second) = docx_of(&args);
    assert!(first == second, "two runs differ");
}

#[test]
fn the_scoring_sheet_of_one_unit() {
    let (_dir, docx) = docx_of(&[
        "explain",
        KIEU_MAU,
        CUA_LO,
        "Nghi Hải",
        "--profile",
        PROFILE,
    ]);
    let text = words_of(&part(&docx, "word/document.xml"));
    for wanted in [
        "PHIẾU CHẤM ĐIỂM",
        "Nghi Hải",
        "Điểm chuẩn",
        "Điểm chấm",
        "71,81",
        "Chưa đạt",
        "Nguyễn Văn A",
    ] {
        assert!(text.contains(wanted), "{wanted}:\n{text}");
    }
}

/// Each row of each table of a document part, its cells' text.
fn table_cells(xml: &str) -> Vec<Vec<String>> {
    tables_rows(xml)
        .into_iter()
        .flatten()
        .map(|row| {
            row.split("<w:tc>")
                .skip(1)
                .map(|cell| words_of(cell.split("</w:tc>").next().unwrap_or_default()))
                .collect()
        })
        .collect()
}

#[test]
fn a_scoring_sheet_adds_up_where_a_criterion_does_not_apply() {
    // Nghi Thủy: B3 does not apply; its base is rescaled from 97 points.
    let (_dir, docx) = docx_of(&["explain", KIEU_MAU, CUA_LO, "NTHUY"]);
    let xml = part(&docx, "word/document.xml");
    let rows = table_cells(&xml);
    let row = |id: &str| {
        rows.iter()
            .find(|r| r.first().map(String::as_str) == Some(id))
            .unwrap_or_else(|| panic!("no row {id}: {rows:?}"))
            .clone()
    };
    // No points, rather than 0 of 3.
    assert_eq!(row("B3")[2..], ["Không áp dụng", "3", "K/A"]);
    // A unit's own dots stay: 7,4 cameras per 1.000 households.
    assert_eq!(row("D7")[2], "7,4 camera/1.000 hộ");
    // The rows add up to the points earned; the base is said rescaled.
    let earned: f64 = rows
        .iter()
        .filter(|r| r.len() == 5 && r[0].len() > 1 && r[4] != "K/A")
        .filter(|r| r[0].chars().any(|c| c.is_ascii_digit()))
        .filter_map(|r| r[4].replace(',', ".").parse::<f64>().ok())
        .sum();
    assert!(
        (earned - 89.95).abs() < 1e-9,
        "criteria rows add up to {earned}"
    );
    let text = words_of(&xml);
    assert!(
        text.contains("Điểm cơ sở: 89,95 điểm trên 97 điểm áp dụng (không áp dụng: B3) → quy đổi về thang 100: 89,95 × 100 ÷ 97 = 92,73"),
        "{text}"
    );
    assert!(text.contains("Điểm cơ sở: ¦92,73"), "{text}");
    assert!(!text.contains("Điểm các tiêu chí"), "{text}");
}

#[test]
fn a_scoring_sheet_has_a_column_per_review_stage() {
    let (_dir, docx) = docx_of(&[
        "explain",
        KIEU_MAU,
        "--stage",
        "Tự chấm=examples/stages/tu-cham.csv",
        "--stage",
        "Thẩm định=examples/stages/tham-dinh.csv",
        "--stage",
        "Phúc tra=examples/stages/phuc-tra.csv",
        "NHUONG",
    ]);
    let rows = table_cells(&part(&docx, "word/document.xml"));
    let header = rows
        .iter()
        .find(|r| r.first().map(String::as_str) == Some("Mã"))
        .expect("the criteria table");
    assert_eq!(
        header[3..],
        ["Điểm chuẩn", "Tự chấm", "Thẩm định", "Phúc tra"]
    );
    let row = |id: &str| {
        rows.iter()
            .find(|r| r.first().map(String::as_str) == Some(id))
            .unwrap_or_else(|| panic!("no row {id}"))
            .clone()
    };
    // Satisfaction 93 as the ward scored itself, 90 on appraisal, 92 on
    // re-inspection: the points each stage gave, the last the points given.
    assert_eq!(row("C5")[2..], ["92%", "4", "3,47", "2,67", "3,2"]);
    assert_eq!(row("A1")[3..], ["4", "4", "4", "4"]);
    assert_eq!(row("C")[4..], ["17,29", "16,49", "17,02"]);
}

#[test]
fn a_scoring_sheet_says_what_relative_points_were_measured_against() {
    let (_dir, docx) = docx_of(&[
        "explain",
        "examples/chi-tieu-cum.toml",
        "examples/chi-tieu-2024.csv",
        "Lê Mao",
    ]);
    let text = words_of(&part(&docx, "word/document.xml"));
    for wanted in [
        "Điểm tính so với các đơn vị khác",
        "chỉ tiêu 10 vụ; đơn vị dẫn đầu trong cụm đạt 9 vụ",
        "giá trị cao nhất của tất cả đơn vị: 8 mô hình",
    ] {
        assert!(text.contains(wanted), "{wanted}:\n{text}");
    }
}

#[test]
fn without_a_date_the_report_is_dated_today_in_vietnam() {
    // 2023-12-31T17:30:00Z is 00:30 on 1 January 2024 in Vietnam.
    let dated = |tz: Option<&str>| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("r.docx");
        let mut cmd = wardscore();
        cmd.env("SOURCE_DATE_EPOCH", "1704043800").env_remove("TZ");
        if let Some(tz) = tz {
            cmd.env("TZ", tz);
        }
        cmd.args(["score", KIEU_MAU, CUA_LO, "--place", "Cửa Lò", "-o"])
            .arg(&path);
        let out = cmd.output().expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        words_of(&part(
            &std::fs::read(&path).expect("written"),
            "word/document.xml",
        ))
    };
    assert!(dated(None).contains("Cửa Lò, ngày 01 tháng 01 năm 2024"));
    assert!(dated(Some("UTC")).contains("Cửa Lò, ngày 31 tháng 12 năm 2023"));
}

#[test]
fn a_rerun_replaces_its_word_report_but_not_one_saved_again() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("bao-cao.docx");
    let path_str = path.to_str().expect("UTF-8 path");
    run(&["score", KIEU_MAU, CUA_LO, "-o", path_str]).ok();
    run(&[
        "score",
        KIEU_MAU,
        CUA_LO,
        "-o",
        path_str,
        "--number",
        "130/BC-CATX",
    ])
    .ok();
    let text = words_of(&part(
        &std::fs::read(&path).expect("written"),
        "word/document.xml",
    ));
    assert!(text.contains("Số: 130/BC-CATX"), "{text}");
    // Saved again in Word: same properties, a new modification time.
    let bytes = std::fs::read(&path).expect("written");
    let saved = resave(&bytes);
    std::fs::write(&path, &saved).expect("rewritten");
    let err = run(&["score", KIEU_MAU, CUA_LO, "-o", path_str, "--lang", "en"]).fails(2);
    assert!(err.contains("bao-cao.docx"), "{err}");
    assert_eq!(
        std::fs::read(&path).expect("kept"),
        saved,
        "the edited document is kept"
    );
}

/// The package with docProps/core.xml's modification time changed, as an
/// editor saving it does.
fn resave(docx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("entry");
        let name = file.name().expect("a name").to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).expect("read");
        if name == "docProps/core.xml" {
            let text = String::from_utf8(bytes).expect("XML");
            let changed = text.replace(
                "2025-11-26T00:00:00Z</dcterms:modified>",
                "2025-11-27T08:00:00Z</dcterms:modified>",
            );
            assert_ne!(changed, text, "the modification time is where expected");
            bytes = changed.into_bytes();
        }
        if name.ends_with('/') {
            continue;
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&bytes).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

#[test]
fn word_names_other_than_docx_are_refused_with_what_to_write() {
    let err = run(&[
        "score",
        KIEU_MAU,
        CUA_LO,
        "-o",
        "bao-cao.doc",
        "--lang",
        "en",
    ])
    .fails(2);
    assert!(err.contains("write .docx"), "{err}");
    let err = run(&[
        "score",
        KIEU_MAU,
        CUA_LO,
        "-o",
        "bao-cao.odt",
        "--lang",
        "vi",
    ])
    .fails(2);
    assert!(err.contains("hãy ghi ra .docx"), "{err}");
}

#[test]
fn a_short_rating_title_is_shown_and_explained_never_the_id() {
    let (_dir, set) = write_temp(
        "set.toml",
        &std::fs::read_to_string(root().join(SMALL))
            .expect("fixture")
            .replacen(
                "title = \"Good\"\n",
                "title = \"Good\"\nshort = \"G+\"\n",
                1,
            ),
    );
    let out = run(&["score", &set, SMALL_CSV]);
    let text = out.ok();
    let rows = table_rows(text);
    assert!(
        rows[1..]
            .iter()
            .any(|r| r.last().map(String::as_str) == Some("G+")),
        "{text}"
    );
    assert!(text.contains("Ratings: G+ = Good"), "{text}");
    assert!(
        !rows[1..].iter().any(|r| r.contains(&"GOOD".to_string())),
        "{text}"
    );
}

#[test]
fn vietnamese_output_writes_decimal_commas_and_machines_keep_points() {
    for format in ["table", "md", "html"] {
        let vi = run(&["score", KIEU_MAU, CUA_LO, "-f", format]);
        assert!(vi.ok().contains("103,42"), "{format}: {}", vi.stdout);
        assert!(!vi.stdout.contains("103.42"), "{format}: {}", vi.stdout);
        let en = run(&["score", KIEU_MAU, CUA_LO, "-f", format, "--lang", "en"]);
        assert!(en.ok().contains("103.42"), "{format}: {}", en.stdout);
    }
    for format in ["csv", "json"] {
        let out = run(&["score", KIEU_MAU, CUA_LO, "-f", format]);
        assert!(out.ok().contains("103.42"), "{format}");
        assert!(!out.stdout.contains("103,42"), "{format}");
        assert!(out.stdout.contains("KIEU_MAU"), "{format} keeps rating ids");
    }
    // The HTML report is dated the report's day, written the Vietnamese way.
    let html = run(&[
        "score",
        KIEU_MAU,
        CUA_LO,
        "-f",
        "html",
        "--date",
        "2023-12-15",
    ]);
    assert!(
        html.ok().contains("<dd>15&#x2f;12&#x2f;2023</dd>"),
        "{}",
        html.stdout
    );
}

#[test]
fn the_html_report_has_the_header_block_and_each_clusters_ranking() {
    let out = run(&[
        "score",
        THI_DUA_SET,
        THI_DUA,
        "-f",
        "html",
        "--profile",
        PROFILE,
    ]);
    let html = out.ok();
    for wanted in [
        "<p class=\"nation-name\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>",
        "<p class=\"motto\">Độc lập - Tự do - Hạnh phúc</p>",
        "<p class=\"issuer\">CÔNG AN THỊ XÃ CỬA LÒ</p>",
        "<p class=\"place-date\">Cửa Lò, ngày 15 tháng 12 năm 2023</p>",
        "<section class=\"cluster\" id=\"cluster-1\">\n<h3>Cụm 1</h3>",
        "<section class=\"cluster\" id=\"cluster-3\">\n<h3>Cụm 3</h3>",
        "font-family: \"Times New Roman\"",
    ] {
        assert!(html.contains(wanted), "{wanted}");
    }
    assert!(!html.to_lowercase().contains("cụm cụm"), "a doubled cụm");
    // A unit's headline names its cluster once.
    let explain = run(&["explain", THI_DUA_SET, THI_DUA, "Hồng Sơn"]);
    assert!(
        explain.ok().starts_with("Hồng Sơn (V06) · Cụm 1"),
        "{}",
        explain.stdout
    );
}

#[test]
fn the_profile_is_an_input_never_replaced_even_with_force() {
    let text = std::fs::read_to_string(root().join(PROFILE)).expect("example profile");
    let (_dir, path) = write_temp("bao-cao.toml", &text);
    let err = run(&[
        "score",
        KIEU_MAU,
        CUA_LO,
        "--profile",
        &path,
        "-f",
        "md",
        "-o",
        &path,
        "--force",
        "--lang",
        "en",
    ])
    .fails(2);
    assert!(err.contains("input"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), text);
}

#[test]
fn an_english_report_without_a_profile_still_reads_as_a_document() {
    let (_dir, docx) = docx_of(&["score", SMALL, SMALL_CSV]);
    let text = words_of(&part(&docx, "word/document.xml"));
    assert!(text.contains("We assessed 3 units"), "{text}");
    assert!(text.contains("(1 unit): Gamma."), "{text}");
    // Numbers and the issuer left to fill by hand; kept on file.
    assert!(text.contains("No.: ……/BC-……"), "{text}");
    assert!(text.contains("- Lưu: VT."), "{text}");
}

/// The Markdown and Excel reports carry a filing profile's heading too:
/// the agencies, the number, and the place and date in words.
#[test]
fn markdown_and_excel_reports_carry_the_profiles_heading() {
    use calamine::{Data, Reader, open_workbook_auto_from_rs};
    let md = run(&[
        "score",
        "cong-an-phuong-kieu-mau",
        "examples/cua-lo-2023.csv",
        "--profile",
        PROFILE,
        "-f",
        "md",
    ]);
    let heading = "CÔNG AN TỈNH NGHỆ AN · CÔNG AN THỊ XÃ CỬA LÒ · Số: 125/BC-CATX · Cửa Lò, ngày 15 tháng 12 năm 2023";
    assert!(md.ok().contains(heading), "{}", md.stdout);
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("bao-cao.xlsx");
    run(&[
        "score",
        "cong-an-phuong-kieu-mau",
        "examples/cua-lo-2023.csv",
        "--profile",
        PROFILE,
        "-o",
        xlsx.to_str().unwrap(),
    ])
    .ok();
    let bytes = std::fs::read(&xlsx).unwrap();
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let first = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&first).unwrap();
    let found = range
        .used_cells()
        .any(|(_, _, d)| matches!(d, Data::String(s) if s.contains(heading)));
    assert!(found, "no cell holds the heading");
    // Without a filing profile the heading stays as it was.
    let plain = run(&[
        "score",
        "cong-an-phuong-kieu-mau",
        "examples/cua-lo-2023.csv",
        "-f",
        "md",
    ]);
    assert!(!plain.ok().contains("Số:"), "{}", plain.stdout);
}

/// With review stages, the report's Annex III and the scoring sheet list
/// the cells a later stage changed.
#[test]
fn the_word_documents_list_what_later_stages_changed() {
    let stages = [
        "--stage",
        "Tự chấm=examples/stages/tu-cham.csv",
        "--stage",
        "Thẩm định=examples/stages/tham-dinh.csv",
    ];
    let mut args = vec!["score", KIEU_MAU];
    args.extend(stages);
    let (_dir, docx) = docx_of(&args);
    let text = words_of(&part(&docx, "word/document.xml"));
    assert!(text.contains("Phụ lục III"), "{text}");
    assert!(
        text.contains("CÁC Ô GIAI ĐOẠN SAU ĐÃ SỬA (ĐƠN VỊ GIẢI TRÌNH)"),
        "{text}"
    );
    assert!(
        text.contains(
            "các ô giai đoạn sau đã sửa tại Phụ lục I, Phụ lục II, Phụ lục III kèm theo."
        )
    );
    assert!(
        text.contains("Nghi Hải (NHAI)¦Thẩm định¦kdc_an_toan¦D1, G3b¦11¦10"),
        "{text}"
    );
    let mut args = vec!["explain", KIEU_MAU, "NHUONG"];
    args.extend(stages);
    let (_dir, docx) = docx_of(&args);
    let text = words_of(&part(&docx, "word/document.xml"));
    assert!(
        text.contains("Các ô giai đoạn sau đã sửa (cần giải trình)"),
        "{text}"
    );
    assert!(text.contains("Thẩm định¦hai_long_pct¦C5¦93¦90"), "{text}");
    // Without stages, neither appears.
    let (_dir, docx) = docx_of(&["score", KIEU_MAU, CUA_LO]);
    assert!(!words_of(&part(&docx, "word/document.xml")).contains("Phụ lục III"));
}
