#!/usr/bin/env bash
# Rebuilds the seed corpora in fuzz/corpus/ from the repository's own files.
# Run from anywhere: bash fuzz/make-seeds.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus
rm -rf "$out"
mkdir -p "$out/criteria" "$out/data" "$out/parsers" "$out/workbook"

# criteria: every criteria file in the repository, valid or not.
for f in criteria/*.toml tests/fixtures/*.toml examples/errors/*.toml; do
    name=$(echo "$f" | tr '/' '_')
    cp "$f" "$out/criteria/$name"
done

# data: one selector byte (see fuzz_targets/data.rs), then the file.
#   0x00 thi-dua-cuoi-nam   0x08 cong-an-phuong-kieu-mau
#   0x10 an-toan-antt       0x18 tests/fixtures/small.toml
#   +0x01 point, +0x02 comma, +0x04 windows-1258, +0x40 ';', +0x80 English
seed() { # selector file
    local name
    name="$(printf '%02x' "$1")_$(echo "$2" | tr '/' '_')"
    { printf "\\x$(printf '%02x' "$1")"; cat "$2"; } >"$out/data/$name"
}
seed 0x00 examples/thi-dua-2023.csv
seed 0x81 examples/thi-dua-2023.csv
seed 0x08 examples/cua-lo-2023.csv
seed 0x10 examples/an-toan-2023.csv
seed 0x18 tests/fixtures/small.csv
seed 0x18 examples/errors/bad-data.csv
for f in tests/fixtures/forms/*.csv tests/fixtures/forms/*.xlsx tests/fixtures/forms/*.ods \
    tests/fixtures/workbooks/*.xls tests/fixtures/workbooks/*.ods; do
    case "$f" in
        *windows-1258*) seed 0x0c "$f" ;;
        *semicolon-decimal-comma*) seed 0x4a "$f" ;;
        *) seed 0x08 "$f" ;;
    esac
done

# workbook: one selector byte (0x00 the first sheet, 0x01 the sheet
# "Số liệu"), then every workbook in the repository.
for f in tests/fixtures/forms/*.xlsx tests/fixtures/forms/*.ods tests/fixtures/workbooks/*.xls tests/fixtures/workbooks/*.ods; do
    name=$(echo "$f" | tr '/' '_')
    case "$f" in
        *two-sheets* | *workbooks*) sheet='\x01' ;;
        *) sheet='\x00' ;;
    esac
    { printf "$sheet"; cat "$f"; } >"$out/workbook/$name"
done

# parsers: a few cells of every kind.
i=0
while IFS= read -r line; do
    i=$((i + 1))
    printf '%s' "$line" >"$out/parsers/$(printf 'cell-%02d' "$i")"
done <<'CELLS'
85.5
85,5
1.234,5
1,234.5
1 234 567,25
-12.5 %
−3
+0.250
79228162514264337593543950335
0.0000000000000000000000000001
1.234
Có
không đạt
KHÔNG  ĐẠT
x
N/A
không áp dụng
Xuất sắc
=HYPERLINK("http://x","y")
  -1
@SUM(1)
CELLS
printf 'Nghi Ho\xcc\x80a' >"$out/parsers/cell-nfd"
printf '\xef\xbb\xbf\xc2\xa012\xe2\x80\xaf345\xc2\xa0' >"$out/parsers/cell-nbsp-bom"
printf '\tx' >"$out/parsers/cell-tab"
