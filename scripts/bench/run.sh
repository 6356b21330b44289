#!/usr/bin/env bash
# Whole-process benchmark: wardscore vs DuckDB on the same scoring.
#
#   scripts/bench/run.sh            # 1k, 10k, 100k, 1M units + grid (tens of minutes)
#   scripts/bench/run.sh --quick    # 1k and 10k only, for iteration
#   scripts/bench/run.sh --sizes 1000,50000 --runs 3 --no-grid
#   scripts/bench/run.sh --no-grid --no-peer   # wardscore only: CSV sizes, then
#       the JSON (1M), XLSX (100k) and HTML (10k) rows of issue 15 (--no-formats skips them)
#
# From a fresh clone it builds the release binaries (wardscore and the data
# generator), makes a venv with DuckDB's Python package under target/bench/venv,
# generates the data (cached in target/bench/data/), then runs
# scripts/bench/bench.py, which prints a Markdown report (also saved as
# target/bench/latest.md). Needs: cargo, python3 (≥ 3.11) with venv, and
# GNU time at /usr/bin/time (apt-get install time).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

# The DuckDB version the published numbers were taken with; override to try another.
duckdb_version="${DUCKDB_VERSION:-2.0.1}"
venv="target/bench/venv"

if [[ ! -x /usr/bin/time ]]; then
    echo "run.sh: GNU time is needed at /usr/bin/time (apt-get install time)" >&2
    exit 1
fi

echo "[bench] building release binaries" >&2
cargo build --release --quiet --bin wardscore --example gen

if [[ ! -x "$venv/bin/python" ]]; then
    echo "[bench] creating $venv" >&2
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import duckdb, sys; sys.exit(duckdb.__version__ != '$duckdb_version')" 2>/dev/null; then
    echo "[bench] installing duckdb==$duckdb_version into $venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "duckdb==$duckdb_version"
fi

exec "$venv/bin/python" scripts/bench/bench.py "$@"
