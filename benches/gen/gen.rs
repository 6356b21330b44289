//! Deterministic generator of realistic unit data for `benches/bench-set.toml`.
//!
//! ```text
//! cargo run --release --example gen -- --units 100000 --seed 1 > units.csv
//! cargo run --release --example gen -- --units 1000 --seed 7 --out units.csv
//! ```
//!
//! The same `--units` and `--seed` always give the same bytes, on every
//! platform: the only randomness is a built-in splitmix64, and every value is
//! formatted from integer arithmetic (tenths and hundredths), never from a
//! float. Each unit has a hidden "quality" that most of its indicators follow,
//! with noise, so scores spread over the whole range, gates fail now and then,
//! some cells are N/A where the set allows it, adjustment cells are often
//! blank, and the HTXS quota binds.
//!
//! Output: UTF-8 CSV without BOM, comma-delimited, `.` as the decimal mark,
//! `có`/`không` for yes/no; columns `ma`, `ten`, `cum` (60 clusters
//! "Cụm 1" … "Cụm 60") and one column per raw indicator of the set.

#![allow(
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::cast_possible_truncation,
    reason = "splitmix64 works on the bits; the values cast back are small and positive by construction"
)]

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// splitmix64 (Steele, Lea, Flood 2014): tiny, fast and well mixed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), by multiply-shift (bias below 2^-32 here).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `per_mille / 1000`.
    fn chance(&mut self, per_mille: i64) -> bool {
        (self.below(1000) as i64) < per_mille
    }
}

/// A value that follows quality `q` (0..=1000) from `lo` (q = 0) to `hi`
/// (q = 1000), plus uniform noise of ±`noise`, clamped to `min..=max`.
/// All four in the same fixed-point unit (tenths, counts, ...).
fn follow(rng: &mut Rng, q: i64, lo: i64, hi: i64, noise: i64, min: i64, max: i64) -> i64 {
    let v = lo + (hi - lo) * q / 1000 + rng.range(-noise, noise);
    v.clamp(min, max)
}

/// One of `labels`, best first, picked by quality with noise: high quality
/// tends to the first label.
fn level<'a>(rng: &mut Rng, q: i64, labels: &[&'a str]) -> &'a str {
    let n = labels.len() as i64;
    let score = (q + 60 + rng.range(-220, 220)).clamp(0, 999);
    // score 999 → index 0 (best), score 0 → the last.
    let i = (n - 1) - score * n / 1000;
    labels[i.clamp(0, n - 1) as usize]
}

struct Row {
    buf: Vec<u8>,
    first: bool,
}

impl Row {
    fn cell(&mut self) {
        if !self.first {
            self.buf.push(b',');
        }
        self.first = false;
    }

    fn text(&mut self, s: &str) {
        self.cell();
        self.buf.extend_from_slice(s.as_bytes());
    }

    fn int(&mut self, v: i64) {
        self.cell();
        push_int(&mut self.buf, v);
    }

    /// A value held in tenths: `95.5`, or `96` when it is whole.
    fn tenths(&mut self, v: i64) {
        self.fixed(v, 10);
    }

    /// A value held in hundredths: `1.75`, `1.8`, `2`.
    fn hundredths(&mut self, v: i64) {
        self.fixed(v, 100);
    }

    fn fixed(&mut self, v: i64, scale: i64) {
        self.cell();
        if v < 0 {
            self.buf.push(b'-');
        }
        let v = v.abs();
        push_int(&mut self.buf, v / scale);
        let mut frac = v % scale;
        if frac != 0 {
            self.buf.push(b'.');
            let mut digits = scale / 10;
            while frac != 0 {
                self.buf.push(b'0' + (frac / digits) as u8);
                frac %= digits;
                digits /= 10;
            }
        }
    }

    fn yes(&mut self, yes: bool) {
        self.text(if yes { "có" } else { "không" });
    }
}

fn push_int(buf: &mut Vec<u8>, v: i64) {
    let mut digits = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        buf.push(b'-');
    }
    buf.extend_from_slice(&digits[i..]);
}

/// Syllables of Vietnamese place names.
const SYLLABLES: &[&str] = &[
    "An", "Bình", "Hòa", "Hưng", "Nghi", "Thủy", "Đông", "Tây", "Nam", "Bắc", "Phú", "Tân", "Long",
    "Thạnh", "Quang", "Trung", "Vĩnh", "Đức", "Hải", "Lộc", "Sơn", "Thắng", "Lợi", "Mỹ", "Hiệp",
    "Yên", "Ninh", "Thành", "Cát", "Gia", "Khánh", "Phước", "Thuận", "Xuân", "Hạnh", "Châu",
    "Định", "Điền", "Ân", "Ô Môn", "Ứng", "Ý", "Đạo", "Lạc", "Mai", "Nghĩa", "Quý", "Tiến",
    "Tường", "Văn", "Vạn", "Kim", "Liên", "Cường", "Đoài", "Hà", "Hồng", "Lam",
];

/// Every raw column of `benches/bench-set.toml`, after `ma`, `ten`, `cum`.
const COLUMNS: &[&str] = &[
    // A. Xây dựng lực lượng
    "quan_so_pct",
    "dai_hoc_pct",
    "tru_so_doc_lap",
    "trang_bi_dat",
    "ky_luat_khien_trach",
    "huan_luyen_dat_pct",
    "xep_loai_huan_luyen",
    "diem_dieu_lenh",
    // B. An ninh, trật tự
    "toi_pham_ttxh",
    "toi_pham_nam_truoc",
    "vu_kham_pha",
    "kham_pha_nghiem_trong_pct",
    "tin_bao_dung_han_pct",
    "khong_diem_nong",
    "tngt_tieu_chi_giam",
    "vu_chay_no",
    "toi_pham_tren_10000_dan",
    // C. Cải cách hành chính
    "cccd_pct",
    "vneid_muc2_pct",
    "cu_tru_truc_tuyen_pct",
    "thu_tuc_dung_han_pct",
    "hai_long_pct",
    "ho_so_tre_han",
    "du_lieu_dan_cu_pct",
    "ket_noi_csdl",
    // D. Phong trào
    "phan_loai_phong_trao",
    "mo_hinh_hieu_qua",
    "diem_kiem_tra_phong_trao",
    "to_bao_ve_htt_pct",
    "kdc_tong",
    "kdc_an_toan",
    "tieu_chi_4_dat",
    "tin_bao_nhan_dan",
    "camera_tren_1000_ho",
    // E. Văn minh đô thị
    "vi_pham_do_thi_xu_ly_pct",
    "diem_lan_chiem",
    "ve_sinh_moi_truong",
    "to_dan_pho_van_hoa_pct",
    "xe_vi_pham_ton_dong",
    "tiep_dan_dinh_ky",
    "diem_ubnd",
    "dang_ky_luu_tru_pct",
    // gates
    "vu_viec_an_ninh_chinh_tri",
    "dang_ky_xay_dung_du",
    // adjustments
    "bang_khen",
    "chien_cong",
    "bao_cao_tre_sai",
];

/// An N/A cell, in the spellings offices use.
fn not_applicable(rng: &mut Rng) -> &'static str {
    match rng.below(10) {
        0..=6 => "N/A",
        7..=8 => "KAD",
        _ => "không áp dụng",
    }
}

/// A count that is usually 0: 0 with `zero_per_mille`, else 1..=max.
fn rare_count(rng: &mut Rng, zero_per_mille: i64, max: i64) -> i64 {
    if rng.chance(zero_per_mille) {
        0
    } else {
        rng.range(1, max)
    }
}

/// An adjustment cell: blank `blank_per_mille` of the time, else a count.
fn adjustment(row: &mut Row, rng: &mut Rng, blank_per_mille: i64, zero_per_mille: i64, max: i64) {
    if rng.chance(blank_per_mille) {
        row.cell();
    } else {
        let v = rare_count(rng, zero_per_mille, max);
        row.int(v);
    }
}

fn write_unit(row: &mut Row, rng: &mut Rng, index: u64) {
    // Quality 0..=1000, skewed towards good units (most wards do their job).
    let q = {
        let a = rng.range(0, 1000);
        let b = rng.range(0, 1000);
        (a.max(b) * 3 + (a + b) / 2) / 4
    };

    // Identity: id, a Vietnamese-looking name, one of 60 clusters.
    row.text(&format!("P{:07}", index + 1));
    let prefix = match rng.below(20) {
        0..=9 => "Phường",
        10..=18 => "Xã",
        _ => "Thị trấn",
    };
    let s1 = SYLLABLES[rng.below(SYLLABLES.len() as u64) as usize];
    let s2 = SYLLABLES[rng.below(SYLLABLES.len() as u64) as usize];
    row.text(&format!("{prefix} {s1} {s2}"));
    row.text(&format!("Cụm {}", rng.range(1, 60)));

    // A. Xây dựng lực lượng
    let v = follow(rng, q, 820, 1000, 40, 600, 1000);
    row.tenths(v);
    let v = follow(rng, q, 550, 980, 80, 300, 1000);
    row.tenths(v);
    let yes = rng.chance(550 + q * 2 / 5);
    row.yes(yes);
    let v = follow(rng, q, 1, 5, 1, 0, 5);
    row.int(v);
    let v = rare_count(rng, 600 + q * 3 / 10, 4);
    row.int(v);
    let v = follow(rng, q, 700, 1000, 60, 500, 1000);
    row.tenths(v);
    let v = level(rng, q, &["Giỏi", "Khá", "Trung bình", "Yếu"]);
    row.text(v);
    let v = follow(rng, q, 8, 20, 4, 0, 20);
    row.tenths(v);

    // B. An ninh, trật tự: crime counts, a year-on-year change, clearance.
    let crimes = if rng.chance(20) { 0 } else { rng.range(1, 60) };
    let last_year = if rng.chance(20) {
        0
    } else {
        // Good units bring crime down: last year was up to ~35% higher.
        let pct = follow(rng, q, -25, 35, 20, -60, 80);
        (crimes * (100 + pct) / 100).max(0)
    };
    let solved = crimes * follow(rng, q, 50, 100, 15, 0, 100) / 100;
    row.int(crimes);
    row.int(last_year);
    row.int(solved);
    if rng.chance(350) {
        let na = not_applicable(rng);
        row.text(na);
    } else {
        let v = if rng.chance(500 + q / 3) {
            1000
        } else {
            follow(rng, q, 500, 1000, 150, 300, 1000)
        };
        row.tenths(v);
    }
    let v = follow(rng, q, 930, 1000, 30, 850, 1000);
    row.tenths(v);
    let yes = rng.chance(500 + q / 2);
    row.yes(yes);
    let v = follow(rng, q, 0, 3, 1, 0, 3);
    row.int(v);
    let v = rare_count(rng, 850 + q / 10, 2);
    row.int(v);
    let v = follow(rng, q, 140, 10, 25, 3, 200);
    row.tenths(v);

    // C. Cải cách hành chính, Đề án 06
    let v = follow(rng, q, 880, 1000, 30, 700, 1000);
    row.tenths(v);
    let v = follow(rng, q, 400, 950, 80, 100, 1000);
    row.tenths(v);
    let v = follow(rng, q, 600, 1000, 80, 300, 1000);
    row.tenths(v);
    let v = follow(rng, q, 930, 1000, 25, 850, 1000);
    row.tenths(v);
    let v = follow(rng, q, 750, 990, 40, 500, 1000);
    row.tenths(v);
    let v = follow(rng, q, 6, 0, 2, 0, 9);
    row.int(v);
    let v = follow(rng, q, 950, 1000, 20, 900, 1000);
    row.tenths(v);
    let yes = rng.chance(700 + q / 4);
    row.yes(yes);

    // D. Phong trào toàn dân bảo vệ ANTQ (D1 and gate G4 share the column)
    let v = level(rng, q, &["Xuất sắc", "Khá", "Trung bình", "Yếu"]);
    row.text(v);
    let v = follow(rng, q, 0, 5, 1, 0, 6);
    row.int(v);
    let v = follow(rng, q, 10, 30, 5, 0, 30);
    row.tenths(v);
    if rng.chance(50) {
        let na = not_applicable(rng);
        row.text(na);
    } else {
        let v = follow(rng, q, 500, 1000, 100, 0, 1000);
        row.tenths(v);
    }
    let areas = if rng.chance(10) { 0 } else { rng.range(3, 30) };
    let safe = areas * follow(rng, q, 62, 100, 12, 0, 100) / 100;
    row.int(areas);
    row.int(safe);
    let v = follow(rng, q, 2, 6, 1, 0, 6);
    row.int(v);
    let v = follow(rng, q, 0, 30, 8, 0, 60);
    row.int(v);
    if rng.chance(80) {
        let na = not_applicable(rng);
        row.text(na);
    } else {
        let v = follow(rng, q, 0, 120, 30, 0, 200);
        row.tenths(v);
    }

    // E. Văn minh đô thị
    let v = follow(rng, q, 650, 1000, 60, 300, 1000);
    row.tenths(v);
    let v = follow(rng, q, 5, 0, 1, 0, 8);
    row.int(v);
    let v = level(rng, q, &["Tốt", "Đạt", "Chưa đạt"]);
    row.text(v);
    if rng.chance(100) {
        let na = not_applicable(rng);
        row.text(na);
    } else {
        let v = follow(rng, q, 600, 1000, 80, 0, 1000);
        row.tenths(v);
    }
    let v = follow(rng, q, 8, 0, 2, 0, 12);
    row.int(v);
    let yes = rng.chance(800 + q / 5);
    row.yes(yes);
    let v = follow(rng, q, 80, 200, 30, 0, 200);
    row.hundredths(v);
    let v = follow(rng, q, 820, 1000, 30, 600, 1000);
    row.tenths(v);

    // Gates
    let v = rare_count(rng, 975, 2);
    row.int(v);
    let yes = rng.chance(930 + q / 20);
    row.yes(yes);

    // Adjustments: often blank (counts as 0)
    adjustment(row, rng, 400, 700 - q / 4, 3);
    adjustment(row, rng, 200, 750 - q / 3, 3);
    adjustment(row, rng, 300, 700 + q / 4, 5);
}

fn usage() -> &'static str {
    "usage: gen --units N [--seed S] [--out FILE]\n\
     Writes N units of data for benches/bench-set.toml as CSV (default: standard output)."
}

fn main() -> ExitCode {
    let mut units: Option<u64> = None;
    let mut seed: u64 = 1;
    let mut out: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        let parsed = match arg.as_str() {
            "--units" | "-n" => value("--units").and_then(|v| {
                v.parse()
                    .map(|n| units = Some(n))
                    .map_err(|e| format!("--units {v}: {e}"))
            }),
            "--seed" | "-s" => value("--seed").and_then(|v| {
                v.parse()
                    .map(|s| seed = s)
                    .map_err(|e| format!("--seed {v}: {e}"))
            }),
            "--out" | "-o" => value("--out").map(|v| out = Some(v)),
            "--help" | "-h" => {
                println!("{}", usage());
                return ExitCode::SUCCESS;
            }
            other => Err(format!("unknown argument {other}")),
        };
        if let Err(e) = parsed {
            eprintln!("gen: {e}\n{}", usage());
            return ExitCode::from(2);
        }
    }
    let Some(units) = units else {
        eprintln!("gen: --units is required\n{}", usage());
        return ExitCode::from(2);
    };
    let sink: Box<dyn Write> = match &out {
        Some(path) if path != "-" => match std::fs::File::create(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("gen: cannot create {path}: {e}");
                return ExitCode::FAILURE;
            }
        },
        _ => Box::new(io::stdout().lock()),
    };
    match generate(units, seed, sink) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the header and `units` rows for `seed` to `sink`.
pub(crate) fn generate(units: u64, seed: u64, sink: impl Write) -> io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 20, sink);
    let mut row = Row {
        buf: Vec::with_capacity(512),
        first: true,
    };
    for name in ["ma", "ten", "cum"].iter().chain(COLUMNS) {
        row.text(name);
    }
    row.buf.push(b'\n');
    w.write_all(&row.buf)?;
    // One stream per unit, derived from the seed and the unit's index, so a
    // unit's data does not depend on how many units come before it.
    let base = Rng(seed ^ 0x5745_4152_4453_434F).next();
    for i in 0..units {
        let mut rng = Rng(base ^ i.wrapping_mul(0xD1B5_4A32_D192_ED03));
        row.buf.clear();
        row.first = true;
        write_unit(&mut row, &mut rng, i);
        row.buf.push(b'\n');
        w.write_all(&row.buf)?;
    }
    w.flush()
}
