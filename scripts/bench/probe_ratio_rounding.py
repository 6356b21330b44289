#!/usr/bin/env python3
"""Probe: linear rules on derived ratio/change indicators, against exact fractions.

    python3 scripts/bench/probe_ratio_rounding.py [path/to/wardscore]

The contract rounds each criterion's points half away from zero from exact
arithmetic. A derived indicator 100 × a ÷ b is usually not a finite decimal
(1195/12 = 99.58333…); if it is cut to 28 digits before a linear rule uses
it, a result that is exactly on a rounding midpoint (2.975) lands just below
it (2.97499…) and rounds down. This scores every a in 0..240, b in 1..240
through ratio and change indicators and 9 linear rules, and compares each
criterion's points with the exact value computed with Python's fractions.
Exit status 1 when any differ.
"""

import csv
import pathlib
import subprocess
import sys
import tempfile
from fractions import Fraction as F

# (points, zero, full) for the ratio; the change uses zero − 100, full − 100.
RULES = [(3, 50, 100), (3, 0, 100), (6, 60, 95), (7, 40, 90), (9, 0, 30),
         (3, 70, 100), (1, 50, 100), (3, 100, 70), (7, 90, 0)]
RANGE = range(0, 241)


def expected(v: F, points: int, zero: int, full: int) -> F:
    x = min(F(points), max(F(0), F(points) * (v - zero) / (full - zero)))
    cents = x * 100
    whole = int(cents)
    if cents - whole >= F(1, 2):  # half away from zero (x ≥ 0)
        whole += 1
    return F(whole, 100)


def main() -> int:
    root = pathlib.Path(__file__).resolve().parents[2]
    exe = sys.argv[1] if len(sys.argv) > 1 else str(root / "target/release/wardscore")
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="ratio-probe-"))
    lines = ['format = 1', '[set]', 'id = "ratio-probe"', 'title = "Ratio rounding probe"',
             '[columns]', 'id = "ma"', 'name = "ten"',
             '[[indicators]]', 'id = "r"', 'ratio = ["a", "b"]',
             '[[indicators]]', 'id = "c"', 'change = ["a", "b"]']
    for i, (p, z, f) in enumerate(RULES):
        for kind, ind, shift in (("R", "r", 0), ("C", "c", 100)):
            lines += ['[[criteria]]', f'id = "{kind}{i}"', f'title = "{kind}{i}"',
                      f'indicator = "{ind}"', f'points = {p}', 'rule = "linear"',
                      f'zero = {z - shift}', f'full = {f - shift}']
    lines += ['[[ratings]]', 'id = "ALL"', 'title = "All"']
    (tmp / "probe.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pairs = {}
    with open(tmp / "probe.csv", "w", encoding="utf-8") as out:
        out.write("ma,ten,a,b\n")
        for a in RANGE:
            for b in RANGE[1:]:
                uid = f"U{len(pairs) + 1}"
                pairs[uid] = (a, b)
                out.write(f"{uid},{uid},{a},{b}\n")
    subprocess.run([exe, "score", str(tmp / "probe.toml"), str(tmp / "probe.csv"),
                    "-f", "csv", "--no-bom", "-o", str(tmp / "out.csv")], check=True)
    bad, total = [], 0
    with open(tmp / "out.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            a, b = pairs[row["id"]]
            for i, (p, z, fu) in enumerate(RULES):
                for kind, v, shift in (("R", F(100 * a, b), 0), ("C", F(100 * (a - b), b), 100)):
                    total += 1
                    want = expected(v, p, z - shift, fu - shift)
                    got = F(row[f"criterion:{kind}{i}"])
                    if want != got:
                        bad.append((f"{kind}{i}", p, z - shift, fu - shift, a, b, v, want, got))
    print(f"{len(bad)} of {total} criterion points differ from exact arithmetic")
    for crit, p, z, fu, a, b, v, want, got in bad[:10]:
        print(f"  {crit} (points {p}, zero {z}, full {fu}) a={a} b={b}: value {v} "
              f"= {float(v):.6f}…, exact points {float(want):.2f}, wardscore {float(got):.2f}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
