#!/usr/bin/env python3
"""Whole-process benchmark of `wardscore score` against a DuckDB peer.

Run through scripts/bench/run.sh, which builds the binaries and the venv.
For each size: generate (or reuse) the data, time `wardscore score` CSV to
CSV and the DuckDB SQL equivalent on the same file, interleaved, several
runs each (median), peak RSS from `/usr/bin/time -v`, then compare the two
outputs unit by unit, every column. Also times the 7-ward example and a
units × criteria grid, and prints a Markdown report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import pathlib
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
BENCH = ROOT / "target" / "bench"
SET = ROOT / "benches" / "bench-set.toml"
GEN_SRC = ROOT / "benches" / "gen" / "gen.rs"
WARDSCORE = ROOT / "target" / "release" / "wardscore"
GEN = ROOT / "target" / "release" / "examples" / "gen"
PEER = ROOT / "scripts" / "bench" / "duckdb_score.py"
SQL = ROOT / "scripts" / "bench" / "score.sql"
TIME = "/usr/bin/time"

FULL_SIZES = [1_000, 10_000, 100_000, 1_000_000]
# Issue 15's rows beside CSV: (format, units, wall target s, RSS target MB,
# output size target MB). None: no target for that column.
FORMAT_ROWS = [
    ("json", 1_000_000, 30.0, 300, None),
    ("xlsx", 100_000, None, 300, None),
    ("html", 10_000, 1.5, 300, 20),
]
QUICK_FORMAT_ROWS = [("json", 10_000, None, 300, None), ("xlsx", 10_000, None, 300, None),
                     ("html", 10_000, 1.5, 300, 20)]
QUICK_SIZES = [1_000, 10_000]


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- running

class Run:
    def __init__(self, wall: float, rss_kb: int | None, stderr: str):
        self.wall = wall
        self.rss_kb = rss_kb
        self.stderr = stderr


def run_once(cmd: list[str], measure_rss: bool = True, stdout=subprocess.DEVNULL) -> Run:
    """Runs cmd once; wall time around the process, peak RSS from time -v."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        time_file = tf.name
    full = [TIME, "-v", "-o", time_file, *cmd] if measure_rss else cmd
    started = time.perf_counter()
    proc = subprocess.run(full, stdout=stdout, stderr=subprocess.PIPE)
    wall = time.perf_counter() - started
    report = pathlib.Path(time_file).read_text() if measure_rss else ""
    os.unlink(time_file)
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{stderr}")
    rss = None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    if m:
        rss = int(m.group(1))
    return Run(wall, rss, stderr)


class Stats:
    def __init__(self, runs: list[Run]):
        self.runs = runs
        self.walls = [r.wall for r in runs]
        self.median = statistics.median(self.walls)
        self.min = min(self.walls)
        rss = [r.rss_kb for r in runs if r.rss_kb is not None]
        self.rss_kb = max(rss) if rss else None


def fmt_time(s: float) -> str:
    if s < 1:
        return f"{s * 1000:.1f} ms"
    return f"{s:.2f} s"


def fmt_mb(kb: int | None) -> str:
    return "–" if kb is None else f"{kb / 1024:.0f} MB"


def fmt_rate(x: float) -> str:
    if x >= 1e6:
        return f"{x / 1e6:.2f} M"
    if x >= 1e3:
        return f"{x / 1e3:.1f} k"
    return f"{x:.0f}"


# ---------------------------------------------------------------- data

def gen_stamp() -> str:
    return hashlib.sha256(GEN_SRC.read_bytes()).hexdigest()[:10]


def data_file(units: int, seed: int) -> pathlib.Path:
    """The generated CSV for (units, seed), cached under target/bench/data/."""
    path = BENCH / "data" / f"units-{units}-seed{seed}-{gen_stamp()}.csv"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        log(f"generating {units} units (seed {seed}) → {path.relative_to(ROOT)}")
        tmp = path.with_suffix(".tmp")
        subprocess.run([str(GEN), "--units", str(units), "--seed", str(seed),
                        "--out", str(tmp)], check=True)
        tmp.rename(path)
    return path


# ---------------------------------------------------------------- comparison

def compare(ws_csv: pathlib.Path, duck_csv: pathlib.Path) -> dict:
    """Every column of every unit, joined on id: wardscore vs DuckDB."""
    import duckdb

    con = duckdb.connect(":memory:")
    read = "read_csv({}, header = true, all_varchar = true, delim = ',', quote = '\"')"
    q = lambda p: "'" + str(p).replace("'", "''") + "'"  # noqa: E731
    con.execute(f"CREATE TABLE w AS SELECT * FROM {read.format(q(ws_csv))}")
    con.execute(f"CREATE TABLE d AS SELECT * FROM {read.format(q(duck_csv))}")
    wcols = [r[0] for r in con.execute("DESCRIBE w").fetchall()]
    dcols = [r[0] for r in con.execute("DESCRIBE d").fetchall()]
    # Columns wardscore writes that the peer's SQL does not compute (added
    # to the contract later, e.g. `tied_first`) are listed, not a mismatch;
    # a column only the peer writes is one.
    result = {"columns_differ": any(c not in wcols for c in dcols),
              "only_in_wardscore": [c for c in wcols if c not in dcols],
              "mismatch": {}, "examples": {}}
    n_w = con.execute("SELECT count(*) FROM w").fetchone()[0]
    n_d = con.execute("SELECT count(*) FROM d").fetchone()[0]
    only = con.execute(
        "SELECT (SELECT count(*) FROM w ANTI JOIN d USING (id)),"
        "       (SELECT count(*) FROM d ANTI JOIN w USING (id))").fetchone()
    result.update(units=n_w, units_duck=n_d, only_ws=only[0], only_duck=only[1])
    common = [c for c in wcols if c in dcols and c != "id"]
    # Text columns (ids, ranks, ratings, gates, and the score with its parts,
    # which both write without trailing zeros) must be the same strings;
    # group and criterion points the same exact decimals ("3" = "3.00"), or
    # both "N/A". A blank cell and "" are the same.
    def differs(c: str) -> str:
        w, d = f'coalesce(w."{c}", \'\')', f'coalesce(d."{c}", \'\')'
        if c.startswith(("group:", "criterion:")):
            wn, dn = (f"TRY_CAST({x} AS DECIMAL(38, 10))" for x in (w, d))
            return f"(CASE WHEN {wn} IS NULL OR {dn} IS NULL THEN {w} <> {d} ELSE {wn} <> {dn} END)"
        return f"{w} <> {d}"
    counts = con.execute(
        "SELECT " + ", ".join(f"count(*) FILTER (WHERE {differs(c)})" for c in common)
        + " FROM w JOIN d USING (id)").fetchone()
    for c, n in zip(common, counts):
        if n:
            result["mismatch"][c] = n
            result["examples"][c] = con.execute(
                f'SELECT id, w."{c}", d."{c}" FROM w JOIN d USING (id) '
                f"WHERE {differs(c)} ORDER BY id LIMIT 5").fetchall()
    result["agree"] = (not result["mismatch"] and n_w == n_d and only == (0, 0)
                       and not result["columns_differ"])
    con.close()
    return result


# ---------------------------------------------------------------- criteria variants

def criteria_variant(per_group: int, copies: int, dest: pathlib.Path) -> pathlib.Path:
    """The bench set with the first `per_group` criteria of each group, each
    written `copies` times (ids suffixed); min_met scaled, `required` kept
    only when its criteria remain."""
    text = SET.read_text(encoding="utf-8")
    parsed = tomllib.loads(text)
    total = len(parsed["criteria"])
    # Split into blocks at table headers, keeping comments with what follows.
    blocks, current = [], []
    for line in text.splitlines(keepends=True):
        if line.startswith("[") and current and any(
                l.strip() and not l.lstrip().startswith("#") for l in current):
            blocks.append("".join(current))
            current = []
        current.append(line)
    blocks.append("".join(current))
    seen: dict[str, int] = {}
    kept_ids: list[str] = []
    out = []
    for block in blocks:
        if block.startswith("[[criteria]]"):
            group = re.search(r'^group = "(\w+)"', block, re.M).group(1)
            seen[group] = seen.get(group, 0) + 1
            if seen[group] > per_group:
                continue
            cid = re.search(r'^id = "(\w+)"', block, re.M).group(1)
            for k in range(copies):
                suffix = "" if k == 0 else f"x{k}"
                out.append(re.sub(r'^id = "(\w+)"', f'id = "{cid}{suffix}"', block,
                                  count=1, flags=re.M))
                kept_ids.append(cid + suffix)
        else:
            out.append(block)
    n = len(kept_ids)
    body = "".join(out)
    body = re.sub(r"^min_met = (\d+)$",
                  lambda m: f"min_met = {int(m.group(1)) * n // total}", body, flags=re.M)
    for req in parsed["ratings"][0].get("required", []):
        if req not in kept_ids:
            body = re.sub(r"^required = .*\n", "", body, flags=re.M)
    body = body.replace('id = "bench-toan-quoc"', f'id = "bench-toan-quoc-{n}"')
    dest.write_text(body, encoding="utf-8")
    subprocess.run([str(WARDSCORE), "check", str(dest)], check=True,
                   stdout=subprocess.DEVNULL)
    return dest


# ---------------------------------------------------------------- machine

def machine() -> dict:
    info = {"date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")}
    info["nproc"] = os.cpu_count()
    model = "unknown"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info["cpu"] = model
    try:
        mem = open("/proc/meminfo", encoding="utf-8").readline().split()[1]
        info["mem"] = f"{int(mem) / 1024 / 1024:.0f} GB"
    except OSError:
        info["mem"] = "?"
    info["os"] = f"{platform.system()} {platform.release()}"
    info["load"] = " ".join(f"{x:.2f}" for x in os.getloadavg())

    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stdout.strip()
        except OSError:
            return "?"
    info["rustc"] = out(["rustc", "--version"])
    try:
        import duckdb
        info["duckdb"] = duckdb.__version__
    except ImportError:  # --no-peer runs without the venv
        info["duckdb"] = "not installed"
    info["python"] = platform.python_version()
    commit = out(["git", "rev-parse", "--short", "HEAD"])
    dirty = out(["git", "status", "--porcelain", "--", "src", "Cargo.toml"])
    info["commit"] = commit + (" (with uncommitted changes in src/ or Cargo.toml)" if dirty else "")
    return info


# ---------------------------------------------------------------- main

def threads_args(args) -> list[str]:
    """`-j N` when the run asks for a thread count."""
    return ["-j", str(args.threads)] if args.threads else []


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1k and 10k units only")
    ap.add_argument("--sizes", help="comma-separated unit counts (overrides --quick)")
    ap.add_argument("--runs", type=int, help="timed runs per size and tool (default by size)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-grid", action="store_true", help="skip the units × criteria grid")
    ap.add_argument("--no-peer", action="store_true", help="wardscore only, no DuckDB")
    ap.add_argument("--report", help="also write the Markdown report here")
    ap.add_argument("--no-formats", action="store_true",
                    help="skip the JSON, XLSX and HTML rows (issue 15's table)")
    ap.add_argument("--threads", type=int, help="pass -j N to wardscore (default: its own)")
    args = ap.parse_args()

    sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes
             else QUICK_SIZES if args.quick else FULL_SIZES)
    runs_for = lambda n: args.runs or (7 if n <= 10_000 else 5 if n <= 100_000 else 3)  # noqa: E731
    out_dir = BENCH / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    info = machine()
    python = sys.executable
    lines: list[str] = []
    emit = lines.append

    # -- the 7-ward example: bare process time (no /usr/bin/time in the way)
    log("7-ward example")
    example = ROOT / "examples" / "cua-lo-2023.csv"
    ex_cmds = {
        "`score cong-an-phuong-kieu-mau examples/cua-lo-2023.csv` (table to a pipe)":
            [str(WARDSCORE), "score", "cong-an-phuong-kieu-mau", str(example)],
        "same, `-f csv --no-bom -o out.csv`":
            [str(WARDSCORE), "score", "cong-an-phuong-kieu-mau", str(example),
             "-f", "csv", "--no-bom", "-o", str(out_dir / "example.csv")],
    }
    ex_rows = []
    for label, cmd in ex_cmds.items():
        for _ in range(5):
            run_once(cmd, measure_rss=False, stdout=subprocess.PIPE)
        bare = Stats([run_once(cmd, measure_rss=False, stdout=subprocess.PIPE)
                      for _ in range(51)])
        rss = run_once(cmd, stdout=subprocess.PIPE).rss_kb
        ex_rows.append((label, bare, rss))

    # -- the sizes: wardscore vs DuckDB
    results = []
    set_path = str(SET)
    for n in sizes:
        data = data_file(n, args.seed)
        size_mb = data.stat().st_size / 1e6
        ws_out = out_dir / f"wardscore-{n}.csv"
        dk_out = out_dir / f"duckdb-{n}.csv"
        dk1_out = out_dir / f"duckdb-1t-{n}.csv"
        ws_cmd = [str(WARDSCORE), *threads_args(args), "score", set_path, str(data), "-f", "csv",
                  "--no-bom", "-o", str(ws_out)]
        dk_cmd = [python, str(PEER), str(data), str(dk_out)]
        dk1_cmd = [python, str(PEER), str(data), str(dk1_out), "--threads", "1"]
        k = runs_for(n)
        log(f"{n} units ({size_mb:.1f} MB): {k} runs each")
        ws_runs, dk_runs, dk1_runs = [], [], []
        # One untimed warm-up each (page cache, venv imports), then interleave.
        run_once(ws_cmd, measure_rss=False)
        if not args.no_peer:
            run_once(dk_cmd, measure_rss=False)
        for i in range(k):
            ws_runs.append(run_once(ws_cmd))
            log(f"  wardscore run {i + 1}/{k}: {fmt_time(ws_runs[-1].wall)}, "
                f"{fmt_mb(ws_runs[-1].rss_kb)}")
            if not args.no_peer:
                dk_runs.append(run_once(dk_cmd))
                dk1_runs.append(run_once(dk1_cmd))
                log(f"  duckdb run {i + 1}/{k}: {fmt_time(dk_runs[-1].wall)} "
                    f"(1 thread {fmt_time(dk1_runs[-1].wall)})")
        ws = Stats(ws_runs)
        row = {"units": n, "mb": size_mb, "ws": ws}
        if not args.no_peer:
            dk, dk1 = Stats(dk_runs), Stats(dk1_runs)
            sql_times = [float(m.group(1)) for r in dk_runs
                         for m in [re.search(r"duckdb_sql_seconds=([\d.]+)", r.stderr)] if m]
            row.update(dk=dk, dk1=dk1, dk_sql=statistics.median(sql_times))
            log("  comparing outputs")
            row["cmp"] = compare(ws_out, dk_out)
            row["cmp1"] = compare(ws_out, dk1_out)
        results.append(row)

    # -- the other formats, from the same pipeline
    formats = []
    if not args.no_formats:
        rows = QUICK_FORMAT_ROWS if args.quick and not args.sizes else FORMAT_ROWS
        for fmt, n, wall_target, rss_target, size_target in rows:
            data = data_file(n, args.seed)
            out = out_dir / f"wardscore-{n}.{fmt}"
            cmd = [str(WARDSCORE), *threads_args(args), "score", set_path, str(data),
                   "-f", fmt, "-o", str(out), "--force"]
            k = 1 if n >= 1_000_000 else 3
            log(f"{fmt}: {n} units, {k} runs")
            st = Stats([run_once(cmd) for _ in range(k)])
            formats.append({"format": fmt, "units": n, "stats": st,
                            "out_mb": out.stat().st_size / 1e6,
                            "targets": (wall_target, rss_target, size_target)})
            out.unlink()

    # -- units × criteria grid (wardscore only)
    grid = []
    if not args.no_grid:
        variants = [(2, 1), (4, 1), (8, 1), (8, 2)]
        grid_sizes = [n for n in sizes if n <= 100_000] or sizes[:1]
        vdir = BENCH / "sets"
        vdir.mkdir(parents=True, exist_ok=True)
        for per_group, copies in variants:
            crit = per_group * 5 * copies
            vpath = criteria_variant(per_group, copies, vdir / f"bench-set-{crit}.toml")
            for n in grid_sizes:
                data = data_file(n, args.seed)
                cmd = [str(WARDSCORE), "score", str(vpath), str(data), "-f", "csv",
                       "--no-bom", "-o", str(out_dir / f"grid-{crit}-{n}.csv")]
                k = 3 if n <= 100_000 else 1
                log(f"grid: {crit} criteria × {n} units, {k} runs")
                st = Stats([run_once(cmd) for _ in range(k)])
                grid.append({"criteria": crit, "units": n, "stats": st})
        # The 1M × 40 point comes from the main table.
        for r in results:
            if r["units"] > 100_000:
                grid.append({"criteria": 40, "units": r["units"], "stats": r["ws"]})

    # -- report
    emit(f"## Results, {info['date']}\n")
    emit(f"Machine: {info['nproc']} CPUs, {info['cpu']}, {info['mem']} RAM, {info['os']}; "
         f"load average (1, 5, 15 min) at start {info['load']}, at end "
         f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}.  ")
    emit(f"Software: wardscore {info['commit']}, {info['rustc']}; DuckDB {info['duckdb']} "
         f"(Python {info['python']}).  ")
    emit("Data: `benches/bench-set.toml` (40 criteria, 3 derived indicators, 5 gates, "
         f"3 adjustments, 4 ratings with a quota, 60 clusters), generator seed {args.seed}. "
         "Times are whole-process wall times, median of the runs; peak RSS is the largest "
         "`Maximum resident set size` that `/usr/bin/time -v` reported over the runs.\n")
    emit("### 7-ward example (whole process)\n")
    emit("| command | median | min | peak RSS | target |")
    emit("|---|---:|---:|---:|---|")
    for label, st, rss in ex_rows:
        ok = "✅" if st.median < 0.005 else "❌"
        emit(f"| {label} | {fmt_time(st.median)} | {fmt_time(st.min)} | {fmt_mb(rss)} | "
             f"< 5 ms {ok} |")
    emit("")
    emit("### wardscore vs DuckDB, CSV in → CSV out\n")
    if args.no_peer:
        emit("| units | input | wardscore | units/s | MB/s | peak RSS |")
        emit("|---:|---:|---:|---:|---:|---:|")
    else:
        emit("| units | input | wardscore | units/s | MB/s | peak RSS | DuckDB | DuckDB RSS "
             "| ratio | DuckDB 1 thread | ratio (1 thread) | DuckDB SQL only | agree? |")
        emit("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        ws = r["ws"]
        cells = [f"{r['units']:,}", f"{r['mb']:.1f} MB",
                 f"{fmt_time(ws.median)} (min {fmt_time(ws.min)})",
                 fmt_rate(r["units"] / ws.median), f"{r['mb'] / ws.median:.1f}",
                 fmt_mb(ws.rss_kb)]
        if not args.no_peer:
            dk, dk1 = r["dk"], r["dk1"]
            agree = "yes" if r["cmp"]["agree"] and r["cmp1"]["agree"] else (
                "**no**: " + ", ".join(f"{c} ×{n}" for c, n in r["cmp"]["mismatch"].items()))
            cells += [f"{fmt_time(dk.median)} (min {fmt_time(dk.min)})", fmt_mb(dk.rss_kb),
                      f"{ws.median / dk.median:.2f}",
                      fmt_time(dk1.median), f"{ws.median / dk1.median:.2f}",
                      fmt_time(r["dk_sql"]), agree]
        emit("| " + " | ".join(cells) + " |")
    emit("")
    if not args.no_peer:
        emit("ratio = wardscore time ÷ DuckDB time (target at 1M units: ≤ 0.30, issue 15). "
         "\"DuckDB SQL only\" leaves out the Python interpreter's start-up "
             "(connect, query, write). On a shared machine the minimum is the least "
             "disturbed run. \"agree?\" compares every output column of every unit, "
             "joined on id (both DuckDB runs).\n")
    targets = []
    for r in results:
        if r["units"] == 10_000:
            t = r["ws"].median
            targets.append(f"- 10,000 units under 100 ms: {fmt_time(t)} "
                           f"{'✅' if t < 0.1 else '❌'}")
        if r["units"] == 1_000_000:
            t, rss = r["ws"].median, r["ws"].rss_kb or 0
            if "dk" in r:
                ratio = t / r["dk"].median
                targets.append(f"- 1,000,000 units: ratio to DuckDB ≤ 0.30: {ratio:.2f} "
                               f"{'✅' if ratio <= 0.30 else '❌'}")
            targets.append(f"- 1,000,000 units: peak RSS under 300 MB: {fmt_mb(rss)} "
                           f"{'✅' if rss < 300 * 1024 else '❌'}")
    if formats:
        emit("### Every format from the one pipeline (wardscore, whole process)\n")
        emit("| format | units | wall | peak RSS | output | output MB/s | targets |")
        emit("|---|---:|---:|---:|---:|---:|---|")
        for f in formats:
            st = f["stats"]
            wall_t, rss_t, size_t = f["targets"]
            checks = []
            if wall_t is not None:
                checks.append(f"< {wall_t} s {'✅' if st.median < wall_t else '❌'}")
            if rss_t is not None:
                ok = (st.rss_kb or 0) < rss_t * 1024
                checks.append(f"< {rss_t} MB RSS {'✅' if ok else '❌'}")
            if size_t is not None:
                checks.append(f"file < {size_t} MB {'✅' if f['out_mb'] < size_t else '❌'}")
            emit(f"| {f['format']} | {f['units']:,} | {fmt_time(st.median)} | "
                 f"{fmt_mb(st.rss_kb)} | {f['out_mb']:.1f} MB | "
                 f"{f['out_mb'] / st.median:.0f} | {', '.join(checks)} |")
        emit("")
        emit("The HTML row must also open and print in a browser: "
             "`cargo test --test browser -- --ignored` prints a 10,000-unit report "
             "in headless Chromium.\n")
    if targets:
        emit("Targets:\n")
        lines.extend(targets)
        emit("")
    if grid:
        emit("### Cost in units × criteria (wardscore, whole process)\n")
        crits = sorted({g["criteria"] for g in grid})
        units = sorted({g["units"] for g in grid})
        emit("| units \\ criteria | " + " | ".join(str(c) for c in crits) + " |")
        emit("|---:|" + "---:|" * len(crits))
        for n in units:
            cells = []
            for c in crits:
                g = next((g for g in grid if g["criteria"] == c and g["units"] == n), None)
                if g is None:
                    cells.append("")
                    continue
                t = g["stats"].median
                cells.append(f"{fmt_time(t)} · {t / (n * c) * 1e9:.0f} ns · "
                             f"{fmt_mb(g['stats'].rss_kb)}")
            emit(f"| {n:,} | " + " | ".join(cells) + " |")
        emit("")
        emit("Each cell: median wall time · ns per unit × criterion · peak RSS. "
             "Linear cost would keep the middle figure constant down a column and "
             "across a row (process start-up dominates the smallest sizes). Fewer "
             "criteria keep the first 2 or 4 of each group; 80 lists each criterion "
             "twice; the data file is the same.\n")
    disagreements = [r for r in results if "cmp" in r and not r["cmp"]["agree"]]
    extra = sorted({c for r in results if "cmp" in r for c in r["cmp"]["only_in_wardscore"]})
    if extra:
        emit("Columns only wardscore writes (not compared): "
             + ", ".join(f"`{c}`" for c in extra) + ".\n")
    if disagreements:
        emit("### Disagreements\n")
        for r in disagreements:
            c = r["cmp"]
            emit(f"- {r['units']:,} units: units {c['units']} vs {c['units_duck']}, "
                 f"only in wardscore {c['only_ws']}, only in DuckDB {c['only_duck']}")
            for col, n in c["mismatch"].items():
                emit(f"  - `{col}`: {n} units, e.g. (id, wardscore, DuckDB) "
                     f"{c['examples'][col]}")
        emit("")
    report = "\n".join(lines) + "\n"
    print(report)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (BENCH / f"results-{stamp}.md").write_text(report, encoding="utf-8")
    (BENCH / "latest.md").write_text(report, encoding="utf-8")
    if args.report:
        pathlib.Path(args.report).write_text(report, encoding="utf-8")
    log(f"report: target/bench/results-{stamp}.md (and target/bench/latest.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
