#!/usr/bin/env bash
# bench/reports.sh - completeness and the compiled report (issue 10) for a province and the
# country, the domain's calls timed in one process (build/reports_bench) against hand-written
# SQL for the same figures in the same run, on SQLite and PostgreSQL, and the same over HTTP
# (bench/reports.py says what and how).
#
# usage: bench/reports.sh [path/to/nct]      (reports_bench is taken from nct's folder)
#
# Default binary: build/nct. Replaces the `## reports.sh` section of bench/RESULTS.md with the
# figures of the run (BENCH_RESULTS to write elsewhere). Environment: BENCH_REPEAT (default 20)
# runs of each; BENCH_ENGINES (default "sqlite postgresql"; PostgreSQL in a throw-away cluster
# made by scripts/pg-cluster); BENCH_KEEP=1 keeps the run's folder.
# Targets (from the issue): the province's report under 1 s, within 2x the floor.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NCT=${1:-$ROOT/build/nct}
[[ -x $NCT && -x $(dirname "$NCT")/reports_bench ]] ||
	{ echo "reports.sh: no $NCT or reports_bench beside it (build: ninja -C build)" >&2; exit 1; }
exec python3 "$ROOT/bench/reports.py" "$NCT" "$(dirname "$NCT")/reports_bench" "${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}"
