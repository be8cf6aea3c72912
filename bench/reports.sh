#!/usr/bin/env bash
# bench/reports.sh - completeness and the compiled report (issue 10) for a province, against
# hand-written SQL for the same figures in the same run (bench/reports.py says what and how).
#
# usage: bench/reports.sh [path/to/nct]
#
# SQLite only for now. Default binary: build/nct. Replaces the `## reports.sh` section of
# bench/RESULTS.md with the figures of the run (BENCH_RESULTS to write elsewhere).
# Environment: BENCH_REPEAT (default 20) runs of completeness per period; BENCH_NATIONAL=1
# also the country (3,321 communes report 2025 to one body: the compiled report's time).
# Targets (from the issue): the province's report under 1 s, within 2x the floor.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NCT=${1:-$ROOT/build/nct}
[[ -x $NCT ]] || { echo "reports.sh: no $NCT (build it: ninja -C build)" >&2; exit 1; }
exec python3 "$ROOT/bench/reports.py" "$NCT" "$(dirname "$NCT")/reports_bench" "${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}"
