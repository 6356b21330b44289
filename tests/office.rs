//! The Word report in a real office suite: headless LibreOffice converts
//! the docx of the shipped examples to PDF, poppler reads the PDF back.
//! Ignored by a plain `cargo test`, with the reason, since it needs tools a
//! development machine may lack; `.ci/run` installs them and runs it with
//! `--ignored`, where missing tools fail it.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

#[path = "support/tools.rs"]
mod tools;
use tools::{on_path, run, unit_names};

const PROFILE: &str = "examples/bao-cao-cua-lo.toml";
/// 2025-11-26T00:00:00Z; the profile gives the report's own date.
const EPOCH: &str = "1764115200";
const SOFFICE_TIMEOUT: Duration = Duration::from_secs(120);

/// The tools, or why the test cannot run.
fn tools() -> Result<(PathBuf, PathBuf, PathBuf), String> {
    let soffice = on_path("soffice")
        .or_else(|| on_path("libreoffice"))
        .ok_or("soffice (libreoffice-writer-nogui) is not on PATH")?;
    let pdftotext = on_path("pdftotext").ok_or("pdftotext (poppler-utils) is not on PATH")?;
    let pdfinfo = on_path("pdfinfo").ok_or("pdfinfo (poppler-utils) is not on PATH")?;
    Ok((soffice, pdftotext, pdfinfo))
}

/// Converts `docx` to a PDF beside it, killing LibreOffice if it hangs.
fn convert(soffice: &Path, docx: &Path, dir: &Path) -> PathBuf {
    let log = dir.join("soffice.log");
    // A profile of its own, so a LibreOffice the user has open is not
    // disturbed and does not take the job.
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo").display());
    let child = Command::new(soffice)
        .arg(profile)
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(docx)
        .stdin(Stdio::null())
        .stdout(File::create(&log).expect("log file"))
        .stderr(Stdio::null())
        .spawn()
        .expect("start soffice");
    let status = tools::wait_bounded(child, "soffice", SOFFICE_TIMEOUT, &log);
    let pdf = docx.with_extension("pdf");
    assert!(
        status.success() && pdf.is_file(),
        "soffice failed ({status}):\n{}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    pdf
}

/// Text without any white space: a justified line or a font fallback may
/// put spaces inside words in the extracted text.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Page sizes in whole points, page by page.
fn page_sizes(pdfinfo: &Path, pdf: &Path, pages: u32) -> Vec<(u32, u32)> {
    let info = run(Command::new(pdfinfo)
        .args(["-f", "1", "-l", &pages.to_string()])
        .arg(pdf));
    info.lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .map(|l| {
            let numbers: Vec<u32> = l
                .split(':')
                .nth(1)
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(|w| w.split('.').next()?.parse().ok())
                .collect();
            (numbers[0], numbers[1])
        })
        .collect()
}

struct Example {
    set: &'static str,
    data: &'static str,
    /// Rating titles the report must show, and the ids it must not.
    titles: &'static [&'static str],
    ids: &'static [&'static str],
    /// A score only a decimal comma writes this way.
    score: &'static str,
    pages: std::ops::RangeInclusive<u32>,
    /// Whether Phụ lục II runs over more than one page, so that a table
    /// goes on from one page to the next.
    runs_over: bool,
}

fn check(example: &Example) {
    let (soffice, pdftotext, pdfinfo) =
        tools().unwrap_or_else(|why| panic!("the office test cannot run: {why}"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = dir.path().join("bao-cao.docx");
    run(Command::new(env!("CARGO_BIN_EXE_wardscore"))
        .current_dir(root)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("WARDSCORE_LANG")
        .args([
            "score",
            example.set,
            example.data,
            "--profile",
            PROFILE,
            "-o",
        ])
        .arg(&docx));
    let pdf = convert(&soffice, &docx, dir.path());

    let text = run(Command::new(&pdftotext).arg(&pdf).arg("-"));
    let flat = squeezed(&text);
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
        "(Kèm theo Báo cáo số 125/BC-CATX ngày 15 tháng 12 năm 2023",
        "Nơi nhận:",
        "- Lưu: VT, TH.",
        "KT. TRƯỞNG CÔNG AN",
        "Nguyễn Văn A",
        example.score,
    ]
    .iter()
    .chain(example.titles)
    {
        assert!(
            flat.contains(&squeezed(wanted)),
            "not in the PDF: {wanted}\n{text}"
        );
    }
    let names = unit_names(root, example.data);
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| !flat.contains(&squeezed(n)))
        .collect();
    assert!(missing.is_empty(), "not in the PDF text: {missing:?}");
    // Ids are for machines: no word of the document is one.
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .collect();
    for id in example.ids {
        assert!(!words.contains(id), "the rating id {id} is in the PDF");
    }
    let point = example.score.replace(',', ".");
    assert!(!text.contains(&point), "{point} is written with a point");

    let info = run(Command::new(&pdfinfo).arg(&pdf));
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .expect("a page count");
    assert!(
        example.pages.contains(&pages),
        "{pages} pages, expected {:?}",
        example.pages
    );
    // The report on A4 portrait, the annexes on A4 landscape (842 × 595 pt).
    let sizes = page_sizes(&pdfinfo, &pdf, pages);
    assert!(matches!(sizes[0], (594..=596, 841..=843)), "{sizes:?}");
    assert!(
        matches!(sizes[sizes.len() - 1], (841..=843, 594..=596)),
        "{sizes:?}"
    );
    // No page number on page 1; page 2 starts with its number.
    let page = |n: u32| {
        run(Command::new(&pdftotext)
            .args(["-f", &n.to_string(), "-l", &n.to_string()])
            .arg(&pdf)
            .arg("-"))
    };
    let first_line = |text: &str| {
        text.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or_default()
            .to_string()
    };
    assert!(first_line(&page(1)).starts_with("CÔNG AN"), "{}", page(1));
    assert_eq!(first_line(&page(2)), "2");
    // A table that runs over a page starts the next one with its header
    // row again: every page after Phụ lục II's first starts with the
    // header of a table ("Hạng …", or "Mã …" for the criteria's legend),
    // never with a unit's row.
    let second_line = |text: &str| {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .nth(1)
            .unwrap_or_default()
            .to_string()
    };
    let annex = (1..=pages)
        .find(|&n| page(n).contains("Phụ lục II"))
        .expect("a page of Phụ lục II");
    let mut ranking_pages = 0;
    for n in annex + 1..=pages {
        let text = page(n);
        let starts = second_line(&text);
        assert!(
            starts == "Hạng" || starts == "Mã",
            "page {n} starts without its table's header:\n{text}"
        );
        ranking_pages += u32::from(starts == "Hạng");
    }
    assert_eq!(
        ranking_pages > 0,
        example.runs_over,
        "{ranking_pages} pages of Phụ lục II's rankings after its first"
    );
    // No page holds its number alone (a section break spilling over).
    for n in 1..=pages {
        let text = page(n);
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        assert!(lines > 1, "page {n} is blank:\n{text}");
    }
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils: cargo test --test office -- --ignored (.ci/run installs and runs it)"]
fn cua_lo_report_converts_to_a_pdf_an_office_can_file() {
    check(&Example {
        set: "cong-an-phuong-kieu-mau",
        data: "examples/cua-lo-2023.csv",
        titles: &[
            "Đạt Công an phường điển hình, kiểu mẫu (đủ điều kiện đề nghị công nhận)",
            "Cơ bản đạt, tiếp tục hoàn thiện các tiêu chí chưa đạt",
            "Chưa đạt",
        ],
        ids: &["KIEU_MAU", "CO_BAN_DAT", "CHUA_DAT"],
        score: "103,42",
        pages: 3..=5,
        runs_over: false,
    });
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils: cargo test --test office -- --ignored (.ci/run installs and runs it)"]
fn year_end_report_converts_to_a_pdf_an_office_can_file() {
    check(&Example {
        set: "thi-dua-cuoi-nam",
        data: "examples/thi-dua-2023.csv",
        titles: &[
            "Hoàn thành xuất sắc nhiệm vụ",
            "Hoàn thành tốt nhiệm vụ",
            "Hoàn thành nhiệm vụ",
            "Không hoàn thành nhiệm vụ",
            "Cụm 1",
            "Cụm 3",
        ],
        ids: &["HTXS", "HTT", "HT", "KHT"],
        score: "103,56",
        pages: 5..=9,
        runs_over: true,
    });
}
