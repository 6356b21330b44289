-- The scoring of benches/bench-set.toml, restated in DuckDB SQL: the peer
-- that wardscore is timed against (scripts/bench/duckdb_score.py runs it).
--
-- Same CSV in, same CSV columns out as `wardscore score benches/bench-set.toml
-- DATA -f csv --no-bom`: rank, cluster_rank, id, name, cluster, group:*,
-- earned, base, bonus, deductions, score, met, applicable, gates_failed,
-- rating, rating_before_quota, criterion:* ("N/A" when not applicable).
-- Rows come in rank order, equal ranks by id (wardscore orders equal ranks by
-- Vietnamese collation of the name; the comparison joins on id).
--
-- Exactness. Numeric columns are read by the CSV reader as DECIMAL(18,4),
-- exact for the generator's values (at most 2 decimals); yes/no, level and
-- N/A-allowed columns as VARCHAR. DuckDB's DECIMAL adds, subtracts,
-- multiplies and compares exactly, but its `/` on DECIMAL returns DOUBLE; so
-- the arithmetic is done in fixed point with BIGINT, the representation
-- DECIMAL(18,s) itself uses, with the scale explicit:
--   v4   value × 10^4 (the value as read),
--   c    points × 10^2 (cents of a point: the set's precision is 2),
--   u    points × 10^6 (bonus, deductions, score),
-- and the one division that rounds is rdiv(): integer division rounding half
-- away from zero (for n ≥ 0, d > 0, as every use here is). Ratios and changes
-- (100 × a ÷ b) are kept as exact fractions p/q and compared by cross
-- multiplication, so nothing is rounded before a criterion's points are.
-- BIGINT overflow raises an error in DuckDB, it never wraps. Criterion and
-- group points are written as DECIMAL(18,2) ("3.00"), the score and its parts
-- without trailing zeros, like wardscore ("101.71"); the comparison in
-- bench.py compares numbers as exact decimals.
--
-- Validation is lighter than wardscore's: a bad number fails the CSV
-- reader's cast (so does N/A where it is not allowed), unknown yes/no or
-- level labels raise an error; duplicate ids, blanks where not allowed and
-- out-of-range direct points are not checked, and the file must be in the
-- generator's dialect (comma, decimal point, no "%", no BOM). The generator
-- never writes anything else.
--
-- '{{data}}' and '{{out}}' are replaced by duckdb_score.py.

CREATE OR REPLACE MACRO rdiv(n, d) AS (2 * (n) + (d)) // (2 * (d));
CREATE OR REPLACE MACRO is_na(x) AS lower(trim(x)) IN ('n/a', 'na', 'kad', 'không áp dụng');
-- A DECIMAL(18,4) cell as value × 10^4.
CREATE OR REPLACE MACRO n4(x) AS CAST(x * 10000 AS BIGINT);
-- A VARCHAR cell that may say N/A: value × 10^4, NULL for N/A.
CREATE OR REPLACE MACRO n4_na(x) AS
    CASE WHEN is_na(x) THEN NULL
         ELSE CAST(CAST(rtrim(trim(x), '%') AS DECIMAL(18, 4)) * 10000 AS BIGINT) END;
-- yes/no: the generator's spelling first, then every token the contract lists.
CREATE OR REPLACE MACRO yes(x) AS
    CASE x WHEN 'có' THEN true WHEN 'không' THEN false
         ELSE CASE WHEN lower(trim(x)) IN ('có', 'đạt', 'yes', 'true', 'x', '1') THEN true
                   WHEN lower(trim(x)) IN ('không', 'không đạt', 'no', 'false', '0') THEN false
                   ELSE error('not a yes/no value: ' || coalesce(x, '(blank)')) END END;
-- linear, full > zero (up) and full < zero (down); z4, f4 are × 10^4, mc in cents.
CREATE OR REPLACE MACRO lin_up(v4, z4, f4, mc) AS
    CASE WHEN v4 IS NULL THEN NULL WHEN v4 >= f4 THEN mc WHEN v4 <= z4 THEN 0
         ELSE rdiv(mc * (v4 - z4), f4 - z4) END;
CREATE OR REPLACE MACRO lin_down(v4, z4, f4, mc) AS
    CASE WHEN v4 IS NULL THEN NULL WHEN v4 <= f4 THEN mc WHEN v4 >= z4 THEN 0
         ELSE rdiv(mc * (z4 - v4), z4 - f4) END;
-- linear on an exact fraction p/q (q > 0), thresholds z, f in the value's own unit.
CREATE OR REPLACE MACRO lin_up_frac(p, q, z, f, mc) AS
    CASE WHEN q IS NULL THEN NULL WHEN p >= f * q THEN mc WHEN p <= z * q THEN 0
         ELSE rdiv(mc * (p - z * q), q * (f - z)) END;
-- deduct: max(0, points − per × v), rounded; per in cents.
CREATE OR REPLACE MACRO deduct(v4, per_c, mc) AS
    rdiv(greatest(0, mc * 10000 - per_c * v4), 10000);
-- direct: the value itself, clamped to 0..points, rounded.
CREATE OR REPLACE MACRO direct(v4, mc) AS rdiv(least(greatest(v4, 0), mc * 100), 100);
-- A decimal, normalised like wardscore writes it (no trailing zeros); x ≥ 0.
CREATE OR REPLACE MACRO fmt_c(x) AS
    CAST(x // 100 AS VARCHAR) ||
    CASE WHEN x % 100 = 0 THEN ''
         ELSE '.' || rtrim(lpad(CAST(x % 100 AS VARCHAR), 2, '0'), '0') END;
CREATE OR REPLACE MACRO fmt_u(x) AS
    CAST(x // 1000000 AS VARCHAR) ||
    CASE WHEN x % 1000000 = 0 THEN ''
         ELSE '.' || rtrim(lpad(CAST(x % 1000000 AS VARCHAR), 6, '0'), '0') END;
-- Points as DECIMAL(18,2); for criteria that may be N/A, text with "N/A".
CREATE OR REPLACE MACRO dec2(c) AS CAST(c * 0.01 AS DECIMAL(18, 2));
CREATE OR REPLACE MACRO pts_na(c) AS coalesce(CAST(dec2(c) AS VARCHAR), 'N/A');

COPY (
WITH
raw AS (
    SELECT * FROM read_csv('{{data}}', header = true, delim = ',', quote = '"', escape = '"',
        types = {
            'quan_so_pct': 'DECIMAL(18,4)', 'dai_hoc_pct': 'DECIMAL(18,4)', 'trang_bi_dat': 'DECIMAL(18,4)',
            'ky_luat_khien_trach': 'DECIMAL(18,4)', 'huan_luyen_dat_pct': 'DECIMAL(18,4)', 'diem_dieu_lenh': 'DECIMAL(18,4)',
            'toi_pham_ttxh': 'DECIMAL(18,4)', 'toi_pham_nam_truoc': 'DECIMAL(18,4)', 'vu_kham_pha': 'DECIMAL(18,4)',
            'tin_bao_dung_han_pct': 'DECIMAL(18,4)', 'tngt_tieu_chi_giam': 'DECIMAL(18,4)', 'vu_chay_no': 'DECIMAL(18,4)',
            'toi_pham_tren_10000_dan': 'DECIMAL(18,4)', 'cccd_pct': 'DECIMAL(18,4)', 'vneid_muc2_pct': 'DECIMAL(18,4)',
            'cu_tru_truc_tuyen_pct': 'DECIMAL(18,4)', 'thu_tuc_dung_han_pct': 'DECIMAL(18,4)', 'hai_long_pct': 'DECIMAL(18,4)',
            'ho_so_tre_han': 'DECIMAL(18,4)', 'du_lieu_dan_cu_pct': 'DECIMAL(18,4)', 'mo_hinh_hieu_qua': 'DECIMAL(18,4)',
            'diem_kiem_tra_phong_trao': 'DECIMAL(18,4)', 'kdc_tong': 'DECIMAL(18,4)', 'kdc_an_toan': 'DECIMAL(18,4)',
            'tieu_chi_4_dat': 'DECIMAL(18,4)', 'tin_bao_nhan_dan': 'DECIMAL(18,4)', 'vi_pham_do_thi_xu_ly_pct': 'DECIMAL(18,4)',
            'diem_lan_chiem': 'DECIMAL(18,4)', 'xe_vi_pham_ton_dong': 'DECIMAL(18,4)', 'diem_ubnd': 'DECIMAL(18,4)',
            'dang_ky_luu_tru_pct': 'DECIMAL(18,4)', 'vu_viec_an_ninh_chinh_tri': 'DECIMAL(18,4)', 'bang_khen': 'DECIMAL(18,4)',
            'chien_cong': 'DECIMAL(18,4)', 'bao_cao_tre_sai': 'DECIMAL(18,4)',
            'ma': 'VARCHAR', 'ten': 'VARCHAR', 'cum': 'VARCHAR',
            'tru_so_doc_lap': 'VARCHAR', 'xep_loai_huan_luyen': 'VARCHAR', 'kham_pha_nghiem_trong_pct': 'VARCHAR',
            'khong_diem_nong': 'VARCHAR', 'ket_noi_csdl': 'VARCHAR', 'phan_loai_phong_trao': 'VARCHAR',
            'to_bao_ve_htt_pct': 'VARCHAR', 'camera_tren_1000_ho': 'VARCHAR', 've_sinh_moi_truong': 'VARCHAR',
            'to_dan_pho_van_hoa_pct': 'VARCHAR', 'tiep_dan_dinh_ky': 'VARCHAR', 'dang_ky_xay_dung_du': 'VARCHAR'
        })
),
v AS (   -- values as read: × 10^4, yes/no, level keys; derived fractions
    SELECT
        ma AS id, ten AS name, cum AS cluster,
        n4(quan_so_pct) AS a1, n4(dai_hoc_pct) AS a2, yes(tru_so_doc_lap) AS a3,
        n4(trang_bi_dat) AS a4, n4(ky_luat_khien_trach) AS a5, n4(huan_luyen_dat_pct) AS a6,
        lower(trim(xep_loai_huan_luyen)) AS a7, n4(diem_dieu_lenh) AS a8,
        n4(toi_pham_ttxh) AS crimes, n4(toi_pham_nam_truoc) AS last_year,
        n4(vu_kham_pha) AS solved,
        n4_na(kham_pha_nghiem_trong_pct) AS b3, n4(tin_bao_dung_han_pct) AS b4,
        yes(khong_diem_nong) AS b5, n4(tngt_tieu_chi_giam) AS b6, n4(vu_chay_no) AS b7,
        n4(toi_pham_tren_10000_dan) AS b8,
        n4(cccd_pct) AS c1, n4(vneid_muc2_pct) AS c2, n4(cu_tru_truc_tuyen_pct) AS c3,
        n4(thu_tuc_dung_han_pct) AS c4, n4(hai_long_pct) AS c5, n4(ho_so_tre_han) AS c6,
        n4(du_lieu_dan_cu_pct) AS c7, yes(ket_noi_csdl) AS c8,
        lower(trim(phan_loai_phong_trao)) AS d1, n4(mo_hinh_hieu_qua) AS d2,
        n4(diem_kiem_tra_phong_trao) AS d3, n4_na(to_bao_ve_htt_pct) AS d4,
        n4(kdc_tong) AS areas, n4(kdc_an_toan) AS safe,
        n4(tieu_chi_4_dat) AS d6, n4(tin_bao_nhan_dan) AS d7, n4_na(camera_tren_1000_ho) AS d8,
        n4(vi_pham_do_thi_xu_ly_pct) AS e1, n4(diem_lan_chiem) AS e2,
        lower(trim(ve_sinh_moi_truong)) AS e3, n4_na(to_dan_pho_van_hoa_pct) AS e4,
        n4(xe_vi_pham_ton_dong) AS e5, yes(tiep_dan_dinh_ky) AS e6, n4(diem_ubnd) AS e7,
        n4(dang_ky_luu_tru_pct) AS e8,
        n4(vu_viec_an_ninh_chinh_tri) AS g1, yes(dang_ky_xay_dung_du) AS g2,
        coalesce(n4(bang_khen), 0) AS t1, coalesce(n4(chien_cong), 0) AS t2,
        coalesce(n4(bao_cao_tre_sai), 0) AS t3
    FROM raw
),
d AS (   -- derived indicators as fractions p/q with q > 0 (NULL q: N/A)
    SELECT *,
        -- bien_dong_toi_pham = 100 × (crimes − last_year) ÷ last_year; N/A when 0
        100 * (crimes - last_year) * sign(last_year) AS chg_p,
        CASE WHEN last_year <> 0 THEN abs(last_year) END AS chg_q,
        -- ty_le_kham_pha = 100 × solved ÷ crimes; N/A when 0
        100 * solved * sign(crimes) AS sol_p,
        CASE WHEN crimes <> 0 THEN abs(crimes) END AS sol_q,
        -- ty_le_kdc_an_toan = 100 × safe ÷ areas; 0 when areas = 0
        CASE WHEN areas <> 0 THEN 100 * safe * sign(areas) ELSE 0 END AS kdc_p,
        CASE WHEN areas <> 0 THEN abs(areas) ELSE 1 END AS kdc_q
    FROM v
),
p AS (   -- each criterion's rounded points in cents; NULL = N/A
    SELECT id, name, cluster,
        lin_up(a1, 800000, 1000000, 300) AS A1,
        CASE WHEN a2 >= 900000 THEN 300 WHEN a2 >= 750000 THEN 200
             WHEN a2 >= 600000 THEN 100 ELSE 0 END AS A2,
        CASE WHEN a3 THEN 200 ELSE 0 END AS A3,
        CASE WHEN a4 >= 30000 THEN 200 ELSE 0 END AS A4,
        deduct(a5, 100, 300) AS A5,
        lin_up(a6, 700000, 1000000, 300) AS A6,
        CASE a7 WHEN 'giỏi' THEN 200 WHEN 'khá' THEN 150 WHEN 'trung bình' THEN 50
                WHEN 'yếu' THEN 0 ELSE error('A7: not a level: ' || a7) END AS A7,
        direct(a8, 200) AS A8,
        CASE WHEN chg_q IS NULL THEN NULL
             WHEN chg_p <= -10 * chg_q THEN 400 WHEN chg_p <= -5 * chg_q THEN 300
             WHEN chg_p <= 0 THEN 200 ELSE 0 END AS B1,
        lin_up_frac(sol_p, sol_q, 60, 95, 400) AS B2,
        CASE WHEN b3 IS NULL THEN NULL WHEN b3 >= 900000 THEN 300 ELSE 0 END AS B3,
        CASE WHEN b4 >= 1000000 THEN 300 WHEN b4 >= 980000 THEN 200
             WHEN b4 >= 950000 THEN 100 ELSE 0 END AS B4,
        CASE WHEN b5 THEN 300 ELSE 0 END AS B5,
        CASE WHEN b6 >= 30000 THEN 300 WHEN b6 >= 20000 THEN 200
             WHEN b6 >= 10000 THEN 100 ELSE 0 END AS B6,
        CASE WHEN b7 <= 0 THEN 200 ELSE 0 END AS B7,
        lin_down(b8, 100000, 20000, 300) AS B8,
        lin_up(c1, 900000, 1000000, 300) AS C1,
        lin_up(c2, 500000, 900000, 300) AS C2,
        CASE WHEN c3 >= 800000 THEN 200 ELSE 0 END AS C3,
        CASE WHEN c4 >= 990000 THEN 300 WHEN c4 >= 970000 THEN 200
             WHEN c4 >= 950000 THEN 100 ELSE 0 END AS C4,
        lin_up(c5, 800000, 950000, 300) AS C5,
        deduct(c6, 50, 200) AS C6,
        CASE WHEN c7 >= 980000 THEN 200 ELSE 0 END AS C7,
        CASE WHEN c8 THEN 200 ELSE 0 END AS C8,
        CASE d1 WHEN 'xuất sắc' THEN 400 WHEN 'khá' THEN 300 WHEN 'trung bình' THEN 100
                WHEN 'yếu' THEN 0 ELSE error('D1: not a level: ' || d1) END AS D1,
        CASE WHEN d2 >= 30000 THEN 300 WHEN d2 >= 20000 THEN 200
             WHEN d2 >= 10000 THEN 100 ELSE 0 END AS D2,
        direct(d3, 300) AS D3,
        lin_up(d4, 600000, 1000000, 200) AS D4,
        CASE WHEN kdc_p >= 90 * kdc_q THEN 300 WHEN kdc_p >= 70 * kdc_q THEN 200
             WHEN kdc_p >= 50 * kdc_q THEN 100 ELSE 0 END AS D5,
        CASE WHEN d6 >= 60000 THEN 200 WHEN d6 >= 40000 THEN 100 ELSE 0 END AS D6,
        CASE WHEN d7 >= 100000 THEN 100 ELSE 0 END AS D7,
        lin_up(d8, 0, 100000, 200) AS D8,
        lin_up(e1, 700000, 1000000, 300) AS E1,
        CASE WHEN e2 <= 0 THEN 200 WHEN e2 <= 20000 THEN 100 ELSE 0 END AS E2,
        CASE e3 WHEN 'tốt' THEN 200 WHEN 'đạt' THEN 100 WHEN 'chưa đạt' THEN 0
                ELSE error('E3: not a level: ' || e3) END AS E3,
        CASE WHEN e4 IS NULL THEN NULL WHEN e4 >= 800000 THEN 200 ELSE 0 END AS E4,
        deduct(e5, 25, 200) AS E5,
        CASE WHEN e6 THEN 100 ELSE 0 END AS E6,
        direct(e7, 200) AS E7,
        lin_up(e8, 850000, 1000000, 100) AS E8,
        -- gates: pass when the rule would earn full marks; an N/A gate passes
        g1 <= 0 AS G1,
        g2 AS G2,
        kdc_p >= 70 * kdc_q AS G3,
        d1 <> 'yếu' AS G4,
        chg_q IS NULL OR chg_p <= 30 * chg_q AS G5,
        -- adjustments in micro-points: per × value, capped
        least(200 * t1, 4000000) + 150 * t2 AS bonus_total_u,
        least(150 * t3, 6000000) AS deductions_total_u
    FROM d
),
s AS (   -- sums, N/A rescaling, score, met
    SELECT *,
        coalesce(A1,0)+coalesce(A2,0)+coalesce(A3,0)+coalesce(A4,0)
          +coalesce(A5,0)+coalesce(A6,0)+coalesce(A7,0)+coalesce(A8,0) AS grp_a,
        coalesce(B1,0)+coalesce(B2,0)+coalesce(B3,0)+coalesce(B4,0)
          +coalesce(B5,0)+coalesce(B6,0)+coalesce(B7,0)+coalesce(B8,0) AS grp_b,
        coalesce(C1,0)+coalesce(C2,0)+coalesce(C3,0)+coalesce(C4,0)
          +coalesce(C5,0)+coalesce(C6,0)+coalesce(C7,0)+coalesce(C8,0) AS grp_c,
        coalesce(D1,0)+coalesce(D2,0)+coalesce(D3,0)+coalesce(D4,0)
          +coalesce(D5,0)+coalesce(D6,0)+coalesce(D7,0)+coalesce(D8,0) AS grp_d,
        coalesce(E1,0)+coalesce(E2,0)+coalesce(E3,0)+coalesce(E4,0)
          +coalesce(E5,0)+coalesce(E6,0)+coalesce(E7,0)+coalesce(E8,0) AS grp_e,
        -- full_max 100 points = 10000 cents, less the N/A criteria's points
        10000 - CASE WHEN B1 IS NULL THEN 400 ELSE 0 END - CASE WHEN B2 IS NULL THEN 400 ELSE 0 END
              - CASE WHEN B3 IS NULL THEN 300 ELSE 0 END - CASE WHEN D4 IS NULL THEN 200 ELSE 0 END
              - CASE WHEN D8 IS NULL THEN 200 ELSE 0 END - CASE WHEN E4 IS NULL THEN 200 ELSE 0 END
          AS applicable_max,
        40 - (B1 IS NULL)::INT - (B2 IS NULL)::INT - (B3 IS NULL)::INT
           - (D4 IS NULL)::INT - (D8 IS NULL)::INT - (E4 IS NULL)::INT AS applicable,
        -- met: rounded points reach pass (default: all the points)
        (A1 >= 300)::INT + (A2 >= 300)::INT + (A3 >= 200)::INT + (A4 >= 200)::INT
          + (A5 >= 300)::INT + (A6 >= 240)::INT + (A7 >= 200)::INT + (A8 >= 150)::INT
          + coalesce((B1 >= 400)::INT, 0) + coalesce((B2 >= 320)::INT, 0)
          + coalesce((B3 >= 300)::INT, 0) + (B4 >= 300)::INT
          + (B5 >= 300)::INT + (B6 >= 300)::INT + (B7 >= 200)::INT + (B8 >= 200)::INT
          + (C1 >= 300)::INT + (C2 >= 240)::INT + (C3 >= 200)::INT + (C4 >= 300)::INT
          + (C5 >= 240)::INT + (C6 >= 200)::INT + (C7 >= 200)::INT + (C8 >= 200)::INT
          + (D1 >= 300)::INT + (D2 >= 300)::INT + (D3 >= 240)::INT + coalesce((D4 >= 200)::INT, 0)
          + (D5 >= 300)::INT + (D6 >= 200)::INT + (D7 >= 100)::INT + coalesce((D8 >= 200)::INT, 0)
          + (E1 >= 240)::INT + (E2 >= 200)::INT + (E3 >= 200)::INT + coalesce((E4 >= 200)::INT, 0)
          + (E5 >= 200)::INT + (E6 >= 100)::INT + (E7 >= 160)::INT + (E8 >= 80)::INT AS met,
        (NOT G1)::INT + (NOT G2)::INT + (NOT G3)::INT + (NOT G4)::INT + (NOT G5)::INT AS gates_failed_n,
        concat_ws(', ', CASE WHEN NOT G1 THEN 'G1' END, CASE WHEN NOT G2 THEN 'G2' END,
                        CASE WHEN NOT G3 THEN 'G3' END, CASE WHEN NOT G4 THEN 'G4' END,
                        CASE WHEN NOT G5 THEN 'G5' END) AS gates_failed,
        least(bonus_total_u, 5000000) AS bonus_u,          -- bonus_cap = 5
        least(deductions_total_u, 4000000) AS deductions_u -- deduction_cap = 4
    FROM p
),
b AS (
    SELECT *,
        grp_a + grp_b + grp_c + grp_d + grp_e AS earned,
        CASE WHEN applicable_max = 10000 THEN grp_a + grp_b + grp_c + grp_d + grp_e
             WHEN applicable_max = 0 THEN 0
             ELSE rdiv((grp_a + grp_b + grp_c + grp_d + grp_e) * 10000, applicable_max) END AS base
    FROM s
),
r AS (   -- ratings before quotas (index: 0 HTXS, 1 HTT, 2 HT, 3 KHT)
    SELECT *,
        greatest(0, base * 10000 + bonus_u - deductions_u) AS score_u
    FROM b
),
q AS (
    SELECT *,
        CASE WHEN score_u >= 90000000 AND gates_failed_n = 0 AND met >= 28 AND B5 >= 300 THEN 0
             WHEN score_u >= 75000000 AND gates_failed_n = 0 THEN 1
             WHEN score_u >= 50000000 THEN 2
             ELSE 3 END AS before
    FROM r
),
ranks AS (   -- ranking order: score, met, gates (fewer failed first), group:B
    -- Windows over the keys only, joined back on id: sorting the keys alone
    -- is much cheaper than sorting every column of the unit.
    SELECT id,
        rank() OVER w AS rnk,
        rank() OVER (PARTITION BY cluster ORDER BY score_u DESC, met DESC,
                     gates_failed_n ASC, grp_b DESC) AS cluster_rnk,
        -- HTXS candidates ranked at or above this unit, ties included
        sum(CASE WHEN before = 0 THEN 1 ELSE 0 END) OVER w AS htxs_upto,
        -- quota = floor(0.2 × units rated HTT or better before quotas).
        -- Not count(*) FILTER (...) OVER (): DuckDB counts a filtered window
        -- frame row by row, quadratic in the partition (duckdb/duckdb#25935).
        sum(CASE WHEN before <= 1 THEN 1 ELSE 0 END) OVER () * 2 // 10 AS htxs_limit
    FROM q
    WINDOW w AS (ORDER BY score_u DESC, met DESC, gates_failed_n ASC, grp_b DESC)
),
ranked AS (
    SELECT * FROM q JOIN ranks USING (id)
),
rated AS (
    SELECT *,
        CASE WHEN before = 0 AND htxs_upto > htxs_limit THEN
                 -- beyond the quota: the next rating whose conditions hold
                 CASE WHEN score_u >= 75000000 AND gates_failed_n = 0 THEN 1
                      WHEN score_u >= 50000000 THEN 2 ELSE 3 END
             ELSE before END AS rating_i
    FROM ranked
)
SELECT
    rnk AS "rank", cluster_rnk AS cluster_rank, id, name, cluster,
    dec2(grp_a) AS "group:A", dec2(grp_b) AS "group:B", dec2(grp_c) AS "group:C",
    dec2(grp_d) AS "group:D", dec2(grp_e) AS "group:E",
    fmt_c(earned) AS earned, fmt_c(base) AS base,
    fmt_u(bonus_u) AS bonus, fmt_u(deductions_u) AS deductions, fmt_u(score_u) AS score,
    met, applicable, gates_failed,
    ['HTXS', 'HTT', 'HT', 'KHT'][rating_i + 1] AS rating,
    ['HTXS', 'HTT', 'HT', 'KHT'][before + 1] AS rating_before_quota,
    dec2(A1) AS "criterion:A1", dec2(A2) AS "criterion:A2", dec2(A3) AS "criterion:A3",
    dec2(A4) AS "criterion:A4", dec2(A5) AS "criterion:A5", dec2(A6) AS "criterion:A6",
    dec2(A7) AS "criterion:A7", dec2(A8) AS "criterion:A8",
    pts_na(B1) AS "criterion:B1", pts_na(B2) AS "criterion:B2", pts_na(B3) AS "criterion:B3",
    dec2(B4) AS "criterion:B4", dec2(B5) AS "criterion:B5", dec2(B6) AS "criterion:B6",
    dec2(B7) AS "criterion:B7", dec2(B8) AS "criterion:B8",
    dec2(C1) AS "criterion:C1", dec2(C2) AS "criterion:C2", dec2(C3) AS "criterion:C3",
    dec2(C4) AS "criterion:C4", dec2(C5) AS "criterion:C5", dec2(C6) AS "criterion:C6",
    dec2(C7) AS "criterion:C7", dec2(C8) AS "criterion:C8",
    dec2(D1) AS "criterion:D1", dec2(D2) AS "criterion:D2", dec2(D3) AS "criterion:D3",
    pts_na(D4) AS "criterion:D4", dec2(D5) AS "criterion:D5", dec2(D6) AS "criterion:D6",
    dec2(D7) AS "criterion:D7", pts_na(D8) AS "criterion:D8",
    dec2(E1) AS "criterion:E1", dec2(E2) AS "criterion:E2", dec2(E3) AS "criterion:E3",
    pts_na(E4) AS "criterion:E4", dec2(E5) AS "criterion:E5", dec2(E6) AS "criterion:E6",
    dec2(E7) AS "criterion:E7", dec2(E8) AS "criterion:E8"
FROM rated
ORDER BY rnk, id
) TO '{{out}}' (HEADER, DELIMITER ',');
