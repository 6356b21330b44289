#!/usr/bin/env python3
"""The DuckDB peer of `wardscore score benches/bench-set.toml DATA -f csv`.

    duckdb_score.py DATA.csv OUT.csv [--threads N] [--sql scripts/bench/score.sql]

Runs score.sql (the same rules in SQL) on DATA.csv and writes OUT.csv with
the columns wardscore writes. Prints the in-engine time (connect + query +
write) to stderr as `duckdb_sql_seconds=...`, so the caller can tell the
engine's time from the interpreter's start-up.
"""

import argparse
import pathlib
import sys
import time


def sql_string(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def main() -> int:
    here = pathlib.Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--threads", type=int, default=None,
                    help="DuckDB threads (default: DuckDB's own, one per core)")
    ap.add_argument("--sql", default=str(here / "score.sql"))
    args = ap.parse_args()

    started = time.perf_counter()
    import duckdb  # noqa: PLC0415 (timed separately from the interpreter start)

    sql = pathlib.Path(args.sql).read_text(encoding="utf-8")
    sql = sql.replace("'{{data}}'", sql_string(args.data))
    sql = sql.replace("'{{out}}'", sql_string(args.out))
    con = duckdb.connect(":memory:")
    if args.threads:
        con.execute(f"SET threads = {int(args.threads)}")
    # No progress bar; keep insertion order off the hot path where allowed.
    con.execute("SET enable_progress_bar = false")
    con.execute(sql)
    con.close()
    print(f"duckdb_sql_seconds={time.perf_counter() - started:.6f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
