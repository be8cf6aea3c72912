#!/usr/bin/env bash
# bench/entitlements.sh - the two work lists and a month's payment list of the allowances
# (issue 9) for a province of BENCH_PEOPLE older people (default 200,000), against a floor of
# hand-written SQL reading the same data, in the same run. SQLite only so far.
#
# usage: bench/entitlements.sh [path/to/nct]
#
# Makes a store with nct init (the rules loaded), writes a synthetic register straight into it
# (bench/entitlements-gen.sql: persons of Quảng Ngãi's communes with facts and decisions),
# then times `nct worklists --place 51 --count` (both lists, one pass), `nct payments --place 51`
# and the floor (bench/entitlements-floor.sql) in the sqlite3 shell, and prints the figures
# and the process's peak memory. Writes them to the `## entitlements.sh` section of
# bench/RESULTS.md (a "### Notes" block in it is kept).
#
# Environment: BENCH_PEOPLE (default 200000), BENCH_DATE (default 2026-01-15),
# BENCH_RESULTS (default bench/RESULTS.md).
# Targets (from the issue): under 1 s for a province of 200,000, within 2x the floor.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NCT=${1:-$ROOT/build/nct}
N=${BENCH_PEOPLE:-200000}
DATE=${BENCH_DATE:-2026-01-15}
MONTH=${DATE:0:7}
RESULTS=${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/bench.db

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

"$NCT" init --db "$db" >/dev/null
t0=$(now)
sed "s/{{N}}/$N/g" "$ROOT/bench/entitlements-gen.sql" | sqlite3 "$db" >/dev/null
t1=$(now)
gen=$(secs "$t0" "$t1")
people=$(sqlite3 "$db" "SELECT COUNT(*) FROM persons")
decisions=$(sqlite3 "$db" "SELECT COUNT(*) FROM allowance_decisions")

run() { # label, command...: seconds and peak memory (KiB) of one run
	local label=$1
	shift
	/usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || {
		cat "$tmp/err" >&2
		exit 1
	}
	read -r s kib <"$tmp/time"
	printf '%-34s %8s s %8s MiB\n' "$label" "$s" "$((kib / 1024))"
	echo "| $label | $s | $((kib / 1024)) |" >>"$tmp/rows"
}

echo "entitlements.sh: $people persons (of them $N generated), $decisions decisions," \
	"generated in ${gen} s; place 51, date $DATE"
run "nct worklists --count (both lists)" "$NCT" worklists --db "$db" --place 51 --date "$DATE" --count
cp "$tmp/out" "$tmp/worklists"
run "nct payments (list + totals)" "$NCT" payments --db "$db" --place 51 --month "$MONTH"
cp "$tmp/out" "$tmp/payments"
path=$(sqlite3 "$db" "SELECT path FROM places WHERE code = '51' AND valid_from = '2025-07-01'")
end="${path%/}0"
sed -e "s|{{PLACE_PATH}}|$path|g" -e "s|{{PLACE_END}}|$end|g" -e "s/{{DATE}}/$DATE/g" \
	-e "s/{{MONTH}}/$MONTH/g" "$ROOT/bench/entitlements-floor.sql" >"$tmp/floor.sql"
run "floor: hand-written SQL (both)" sqlite3 "$db" ".read $tmp/floor.sql"
cat "$tmp/worklists" "$tmp/payments" | tail -n 8
cat "$tmp/out"

{
	echo "## entitlements.sh"
	echo
	echo "$(date -u +%Y-%m-%d), SQLite, $people persons in Quảng Ngãi (51), $decisions decisions," \
		"date $DATE; $(nproc) cores shared with other work."
	echo
	echo "| what | seconds | peak MiB |"
	echo "|---|---|---|"
	cat "$tmp/rows"
	echo
	echo '```'
	cat "$tmp/worklists"
	tail -n 1 "$tmp/payments"
	echo '```'
} >"$tmp/section"
python3 - "$RESULTS" "$tmp/section" <<'PY'
import re, sys
path, section = sys.argv[1], open(sys.argv[2]).read()
text = open(path).read() if __import__("os").path.exists(path) else ""
pat = re.compile(r"^## entitlements\.sh\n.*?(?=^## |\Z)", re.S | re.M)
old = pat.search(text)
notes = re.search(r"^### Notes\n.*", old.group(0), re.S | re.M) if old else None
if notes:  # kept: what a person wrote about the figures
    section = section.rstrip("\n") + "\n\n" + notes.group(0).rstrip("\n") + "\n"
text = pat.sub(lambda m: section + "\n", text) if old else text.rstrip("\n") + "\n\n" + section
open(path, "w").write(text)
PY
