#!/usr/bin/env bash
# bench/entitlements.sh - the two work lists and a month's payment list of the allowances
# (issue 9) for a province of BENCH_PEOPLE older people (default 200,000), against a floor of
# hand-written SQL reading the same data, in the same run, on SQLite or PostgreSQL.
#
# usage: bench/entitlements.sh [--pg-cluster] [path/to/nct]
#   --pg-cluster   PostgreSQL on a throw-away server (scripts/pg-cluster start); the floor runs
#                  in psql, and the figures go to the section's PostgreSQL table
#
# Makes a store with nct init (the rules loaded), writes a synthetic register straight into it
# (bench/entitlements-gen.sql: persons of Quảng Ngãi's communes with facts and decisions),
# runs nct init again (it packs the persons' facts, as for any bulk writer), vacuums and
# analyzes the store (both engines: as autovacuum leaves a real one),
# then times `nct worklists --place 51 --count` (both lists, one pass), `nct payments --place 51`
# and the floor (bench/entitlements-floor.sql) in the sqlite3 shell, and prints the figures
# with wall and CPU time (user + system, of the process: on PostgreSQL the server's CPU is not
# in it) and the process's peak memory, and the load average. Writes them to the
# `## entitlements.sh` section of bench/RESULTS.md (a "### Notes" block in it is kept), the
# SQLite and the PostgreSQL figures each in their own block.
#
# Environment: BENCH_PEOPLE (default 200000), BENCH_DATE (default 2026-01-15),
# BENCH_RESULTS (default bench/RESULTS.md).
# Targets (from the issue): under 1 s for a province of 200,000, within 2x the floor.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG=0
if [[ ${1:-} == --pg-cluster ]]; then
	PG=1
	shift
fi
NCT=${1:-$ROOT/build/nct}
N=${BENCH_PEOPLE:-200000}
DATE=${BENCH_DATE:-2026-01-15}
MONTH=${DATE:0:7}
RESULTS=${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}
tmp=$(mktemp -d)
db=$tmp/bench.db
cleanup() {
	if ((PG)); then "$ROOT/scripts/pg-cluster" stop "$tmp/pg" >/dev/null 2>&1 || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT
sql() { # runs SQL from stdin in the store
	if ((PG)); then psql "$db" -X -q -At -v ON_ERROR_STOP=1 -F '|'; else sqlite3 "$db"; fi
}
if ((PG)); then
	admin=$("$ROOT/scripts/pg-cluster" start "$tmp/pg")
	psql "$admin" -X -qc "CREATE DATABASE entbench" >/dev/null
	db=${admin%/postgres}/entbench
fi

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

"$NCT" init --db "$db" >/dev/null
t0=$(now)
if ((PG)); then # the generator's SQLite dialect, for PostgreSQL
	sed -e "s/{{N}}/$N/g" -e '/^PRAGMA/d' \
		-e "s/printf('%04d-01-01', year)/lpad(year::text, 4, '0') || '-01-01'/" \
		-e "s/printf('%04d', year)/lpad(year::text, 4, '0')/" \
		-e "s/printf('%010d', \([ij]\))/lpad(\1::text, 10, '0')/" "$ROOT/bench/entitlements-gen.sql" | sql >/dev/null
else
	sed "s/{{N}}/$N/g" "$ROOT/bench/entitlements-gen.sql" | sql >/dev/null
fi
t1=$(now)
gen=$(secs "$t0" "$t1")
# The rows a register's writers keep beside the tables (the persons' packed facts, migration
# 0023): nct init writes those of persons a bulk writer left without (person_reindex).
"$NCT" init --db "$db" >/dev/null
t2=$(now)
packed=$(secs "$t1" "$t2")
# As autovacuum leaves a real store: the generated rows' pages vacuumed (PostgreSQL's
# index-only scans need the visibility map) and every table's statistics, before any timing.
if ((PG)); then echo "VACUUM ANALYZE;" | sql >/dev/null; else printf 'VACUUM;\nANALYZE;\n' | sql >/dev/null; fi
people=$(echo "SELECT COUNT(*) FROM persons;" | sql)
decisions=$(echo "SELECT COUNT(*) FROM allowance_decisions;" | sql)

run() { # label, command...: wall and CPU seconds and peak memory (KiB) of one run
	local label=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || {
		cat "$tmp/err" >&2
		exit 1
	}
	read -r s user sys kib <"$tmp/time"
	cpu=$(awk -v a="$user" -v b="$sys" 'BEGIN { printf "%.2f", a + b }')
	printf '%-34s %8s s wall %6s s CPU %6s MiB  (load %s)\n' "$label" "$s" "$cpu" \
		"$((kib / 1024))" "$(cut -d' ' -f1 /proc/loadavg)"
	echo "| $label | $s | $cpu | $((kib / 1024)) | $(cut -d' ' -f1 /proc/loadavg) |" >>"$tmp/rows"
}

echo "entitlements.sh: $people persons (of them $N generated), $decisions decisions," \
	"generated in ${gen} s, packed in ${packed} s; place 51, date $DATE"
run "nct worklists --count (both lists)" "$NCT" worklists --db "$db" --place 51 --date "$DATE" --count
cp "$tmp/out" "$tmp/worklists"
run "nct payments (list + totals)" "$NCT" payments --db "$db" --place 51 --month "$MONTH"
cp "$tmp/out" "$tmp/payments"
path=$(echo "SELECT path FROM places WHERE code = '51' AND valid_from = '2025-07-01';" | sql)
end="${path%/}0"
sed -e "s|{{PLACE_PATH}}|$path|g" -e "s|{{PLACE_END}}|$end|g" -e "s/{{DATE}}/$DATE/g" \
	-e "s/{{MONTH}}/$MONTH/g" "$ROOT/bench/entitlements-floor.sql" >"$tmp/floor.sql"
if ((PG)); then
	run "floor: hand-written SQL (both)" psql "$db" -X -q -At -F '|' -f "$tmp/floor.sql"
else
	run "floor: hand-written SQL (both)" sqlite3 "$db" ".read $tmp/floor.sql"
fi
cat "$tmp/worklists" "$tmp/payments" | tail -n 8
cat "$tmp/out"

engine=SQLite
((PG)) && engine=PostgreSQL
{
	echo "### $engine"
	echo
	echo "$(date -u +%Y-%m-%d), $engine, $people persons in Quảng Ngãi (51), $decisions decisions," \
		"date $DATE; $(nproc) cores shared with other work, load average $(cut -d' ' -f1-3 /proc/loadavg)" \
		"at the end. CPU is the nct (or sqlite3/psql) process's user + system time$( ((PG)) && echo ", without the server's")."
	echo
	echo "| what | wall s | CPU s | peak MiB | load |"
	echo "|---|---|---|---|---|"
	cat "$tmp/rows"
	echo
	echo '```'
	cat "$tmp/worklists"
	tail -n 1 "$tmp/payments"
	echo '```'
} >"$tmp/section"
python3 - "$RESULTS" "$tmp/section" "$engine" <<'PY'
import os, re, sys
path, section, engine = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3]
text = open(path).read() if os.path.exists(path) else ""
pat = re.compile(r"^## entitlements\.sh\n.*?(?=^## |\Z)", re.S | re.M)
old = pat.search(text)
body = old.group(0) if old else "## entitlements.sh\n\n"
blocks = {}  # the engines' blocks and the notes, each kept until replaced
for m in re.finditer(r"^### (\w+)\n.*?(?=^### |\Z)", body, re.S | re.M):
    blocks[m.group(1)] = m.group(0).rstrip("\n") + "\n"
blocks[engine] = section.rstrip("\n") + "\n"
new = "## entitlements.sh\n\n" + "\n".join(
    blocks[k] for k in ("SQLite", "PostgreSQL", "Notes") if k in blocks)
text = pat.sub(lambda m: new + "\n", text) if old else text.rstrip("\n") + "\n\n" + new
open(path, "w").write(text)
PY
