#!/usr/bin/env python3
"""Hostile and odd input files, and what the binary does with each.

Makes small files that used to crash wardscore, exhaust its memory or have a
cell read wrong, runs `wardscore check` (or the command given) on each under
GNU time, and prints one Markdown row per file: exit code, peak RSS, wall
time and the first line of what it said. Nothing here asserts: the tests do
(tests/cli, src/load). This is the measurement behind the closing notes.

    python3 scripts/hostile/hostile.py [--bin target/debug/wardscore] [--out DIR] [--big]

--big adds the multi-gigabyte inflations (a 4 GB whitespace run, 50 M shared
strings); they take a minute to make. Needs python3 and GNU time
(/usr/bin/time, `apt-get install time`).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile

SET = "cong-an-phuong-kieu-mau"
HEADER = ["ma", "ten"]

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_TAIL = "</sheetData></worksheet>"
NO_STRINGS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>'


def header_row():
    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>'
        for i, h in enumerate(HEADER)
    )
    return f'<row r="1">{cells}</row>'


def xlsx(path, sheet_chunks, shared=(NO_STRINGS,)):
    """An .xlsx whose sheet and shared strings are written from iterables of
    text chunks, so gigabytes inflate from a few megabytes on disk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        for name, chunks in (("xl/worksheets/sheet1.xml", sheet_chunks), ("xl/sharedStrings.xml", shared)):
            with z.open(name, "w", force_zip64=True) as f:
                for chunk in chunks:
                    f.write(chunk.encode())


def far_cell(ref):
    return [SHEET_HEAD, header_row(), f'<row r="2"><c r="{ref}"><v>1</v></c></row>', SHEET_TAIL]


def many_cells(rows, cols):
    yield SHEET_HEAD + header_row()
    row = "<c><v>1</v></c>" * cols
    for r in range(2, rows + 2):
        yield f'<row r="{r}">{row}</row>'
    yield SHEET_TAIL


def shared_strings(count):
    yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{count}">'
    block = "<si><t>x</t></si>" * 10_000
    for _ in range(count // 10_000):
        yield block
    yield "</sst>"


def whitespace_cell(gigabytes):
    yield SHEET_HEAD + header_row() + '<row r="2"><c r="A2" t="inlineStr"><is><t>'
    block = " " * (1 << 24)
    for _ in range(gigabytes * 64):
        yield block
    yield "</t></is></c></row>" + SHEET_TAIL


def ods(path, body):
    """The committed LibreOffice .ods fixture with its first table's rows
    replaced by a header row and `body`."""
    import re

    base = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "forms", "libreoffice.ods")
    header = (
        '<table:table-row><table:table-cell office:value-type="string"><text:p>ma</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>ten</text:p></table:table-cell></table:table-row>'
    )
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "content.xml":
                text = data.decode()
                text = re.sub(
                    r"(<table:table [^>]*>)(.*?)(</table:table>)",
                    lambda m: m.group(1) + header + body + m.group(3),
                    text,
                    count=1,
                    flags=re.S,
                )
                data = text.encode()
            z.writestr(info, data)


def quoted_field(path, megabytes):
    with open(path, "w") as f:
        f.write('ma,ten\nX1,"')
        block = "\n" * (1 << 20)
        for _ in range(megabytes):
            f.write(block)
        f.write('"\n')


def make(out, big):
    files = []

    def add(name, what):
        files.append((os.path.join(out, name), what))
        return files[-1][0]

    xlsx(add("far-cell-XFD1048576.xlsx", "one cell at XFD1048576"), far_cell("XFD1048576"))
    xlsx(add("far-cell-XFD20000.xlsx", "one cell at XFD20000"), far_cell("XFD20000"))
    xlsx(add("huge-ref-A99999999999.xlsx", "a reference A99999999999"), far_cell("A99999999999"))
    xlsx(add("cells-20M.xlsx", "20 M cells"), many_cells(1_000_000, 20))
    ods(
        add("repeated.ods", "rows × columns repeated (1,048,576 × 16,384 non-empty)"),
        '<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>',
    )
    ods(
        add("empty-repeated.ods", "LibreOffice's trailing empty rows (must still open)"),
        '<table:table-row><table:table-cell office:value-type="string"><text:p>X1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Một</text:p></table:table-cell></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>',
    )
    quoted_field(add("quoted-field-1GB.csv", "a quoted CSV field of 1 GB of line breaks"), 1024)
    # Damaged .xls: every committed .xls fixture cut at a few places.
    forms = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "forms")
    for name in sorted(os.listdir(forms)):
        if name.endswith(".xls"):
            data = open(os.path.join(forms, name), "rb").read()
            for cut in (len(data) // 3, len(data) // 2, len(data) - 200):
                with open(add(f"cut-{cut}-{name}", f"{name} cut at byte {cut}"), "wb") as f:
                    f.write(data[:cut])
    if big:
        xlsx(add("shared-strings-50M.xlsx", "50 M shared strings"), many_cells(1, 2), shared_strings(50_000_000))
        xlsx(add("whitespace-4GB.xlsx", "one 4 GB whitespace run"), whitespace_cell(4))
    return files


def run(binary, path):
    cmd = ["/usr/bin/time", "-f", "%M %e", binary, "-q", "check", SET, path]
    p = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=600)
    lines = p.stderr.strip().splitlines()
    rss_kb, wall = lines[-1].split() if lines else ("?", "?")
    said = next((l for l in lines[:-1] if l.strip()), "")
    return p.returncode, int(rss_kb) // 1024 if rss_kb.isdigit() else rss_kb, wall, said


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/debug/wardscore")
    ap.add_argument("--out")
    ap.add_argument("--big", action="store_true")
    args = ap.parse_args()
    out = args.out or tempfile.mkdtemp(prefix="hostile-")
    os.makedirs(out, exist_ok=True)
    files = make(out, args.big)
    print("| file | what | bytes | exit | peak RSS (MB) | wall (s) | first line |")
    print("|---|---|---:|---:|---:|---:|---|")
    for path, what in files:
        code, rss, wall, said = run(args.bin, path)
        size = os.path.getsize(path)
        print(f"| {os.path.basename(path)} | {what} | {size:,} | {code} | {rss} | {wall} | {said[:110]} |")
        sys.stdout.flush()
    if not args.out:
        for path, _ in files:
            os.remove(path)
        os.rmdir(out)


if __name__ == "__main__":
    main()
