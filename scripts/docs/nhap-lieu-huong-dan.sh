#!/usr/bin/env bash
# Redraws docs/nhap-lieu-huong-dan.png, the "Hướng dẫn" sheet of the
# data-entry template as LibreOffice lays it out, 1400×500 as README.vi.md
# shows it. Needs a built wardscore, LibreOffice (soffice) and Chromium.
#   scripts/docs/nhap-lieu-huong-dan.sh [path/to/wardscore]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/target/debug/wardscore}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$bin" template cong-an-phuong-kieu-mau -o nhap-lieu.xlsx -q
soffice --headless --convert-to html nhap-lieu.xlsx >/dev/null 2>&1
python3 - <<'PY'
import re
h = open('nhap-lieu.html', encoding='utf-8', errors='replace').read()
# The second table is the guide sheet; its columns keep the sheet's widths.
starts = [m.start() for m in re.finditer(r'<table', h)]
ends = [m.end() for m in re.finditer(r'</table>', h)]
guide = h[starts[1]:ends[1]]
widths = [int(w) for w in re.findall(r'<colgroup width="(\d+)"', guide)]
cols = ''.join(f'<col style="width:{round(w * 1388 / sum(widths))}px">' for w in widths)
guide = re.sub(r'(<colgroup width="\d+"></colgroup>\s*)+', '<colgroup>' + cols + '</colgroup>', guide, count=1)
css = '''<style>
table { table-layout: fixed; border-collapse: collapse; width: 1388px; }
td { white-space: nowrap; overflow: hidden; font-family: "DejaVu Sans", sans-serif !important;
     font-size: 12px; padding: 0 2px; height: 16px; line-height: 15px; }
td * { font-family: inherit !important; font-size: inherit !important; }
body { margin: 6px; }
</style>'''
head = h[:h.index('</head>')] + css + '</head>'
open('guide.html', 'w', encoding='utf-8').write(head + '<body>' + guide + '</body></html>')
PY
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,500 \
  --screenshot="$root/docs/nhap-lieu-huong-dan.png" "file://$work/guide.html" >/dev/null 2>&1
echo "wrote $root/docs/nhap-lieu-huong-dan.png"
