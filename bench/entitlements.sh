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
# BENCH_SPREAD=country (SQLite): the same register spread over all 3,321 communes in force of the
# 34 provinces (the generator's province filter dropped), and the country's lists timed as one
# command each: `nct worklists --place VN --count` and `nct payments --place VN` (the 34
# provinces worked on both cores, --workers 2), then the same on one core (--workers 1: its CPU
# is what one core does), and the floor over the whole map at once; written to the section's
# `### Country` block. BENCH_STORE=FILE
# (SQLite): the store is kept there, and reused without generating when it exists (so that a
# large one is built once: 4 million people is 3.6 GB). BENCH_NO_FLOOR=1: the floor is not run
# (at 1,000,000 people it takes several times the lists' time). BENCH_NO_VACUUM=1 (SQLite): the
# VACUUM is skipped, ANALYZE kept (a freshly generated store is dense, and VACUUM needs room for
# a second copy: at 16 million people the disk has none).
# Targets (from the issue): under 1 s for a province of 200,000, within 2x the floor; the
# country of 16 million under 30 s, memory bounded.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG=0
if [[ ${1:-} == --pg-cluster ]]; then
	PG=1
	shift
fi
NCT=${1:-$ROOT/build/nct}
N=${BENCH_PEOPLE:-200000}
SPREAD=${BENCH_SPREAD:-province}
STORE=${BENCH_STORE:-}
[[ $SPREAD == province || $SPREAD == country ]] || { echo "BENCH_SPREAD: province or country" >&2; exit 1; }
[[ ($SPREAD == province && -z $STORE) || $PG == 0 ]] || { echo "BENCH_SPREAD=country and BENCH_STORE are for SQLite" >&2; exit 1; }
DATE=${BENCH_DATE:-2026-01-15}
MONTH=${DATE:0:7}
RESULTS=${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}
tmp=$(mktemp -d)
db=${STORE:-$tmp/bench.db}
REUSED=
[[ -n $STORE && -f $STORE ]] && REUSED=1
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
if [[ -n $REUSED ]]; then
	: # a kept store
elif ((PG)); then # the generator's SQLite dialect, for PostgreSQL
	sed -e "s/{{N}}/$N/g" -e '/^PRAGMA/d' \
		-e "s/printf('%04d-01-01', year)/lpad(year::text, 4, '0') || '-01-01'/" \
		-e "s/printf('%04d', year)/lpad(year::text, 4, '0')/" \
		-e "s/printf('%010d', \([ij]\))/lpad(\1::text, 10, '0')/" "$ROOT/bench/entitlements-gen.sql" | sql >/dev/null
else
	spread=()
	[[ $SPREAD == country ]] && spread=(-e "s/^AND path LIKE (SELECT path FROM places WHERE code = '51'.*;$/;/")
	sed -e "s/{{N}}/$N/g" "${spread[@]}" "$ROOT/bench/entitlements-gen.sql" | sql >/dev/null
fi
t1=$(now)
gen=$(secs "$t0" "$t1")
# The rows a register's writers keep beside the tables (the persons' packed facts, migration
# 0028): nct init writes those of persons a bulk writer left without (person_reindex).
"$NCT" init --db "$db" >/dev/null
t2=$(now)
packed=$(secs "$t1" "$t2")
# As autovacuum leaves a real store: the generated rows' pages vacuumed (PostgreSQL's
# index-only scans need the visibility map) and every table's statistics, before any timing.
if ((PG)); then
	echo "VACUUM ANALYZE;" | sql >/dev/null
elif [[ -n ${BENCH_NO_VACUUM:-} ]]; then
	echo "ANALYZE;" | sql >/dev/null
else
	printf 'VACUUM;\nANALYZE;\n' | sql >/dev/null
fi
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
if [[ $SPREAD == country ]]; then
	# the whole country in one command (--place VN), on both cores, then on one
	for w in 2 1; do
		run "nct worklists --place VN --count, $w workers" "$NCT" worklists --db "$db" --place VN \
			--date "$DATE" --count --workers "$w"
		cp "$tmp/out" "$tmp/worklists-$w"
		run "nct payments --place VN, $w workers" "$NCT" payments --db "$db" --place VN \
			--month "$MONTH" --workers "$w"
		cp "$tmp/out" "$tmp/payments-$w"
	done
	cmp -s "$tmp/worklists-1" "$tmp/worklists-2" && cmp -s "$tmp/payments-1" "$tmp/payments-2" || {
		echo "entitlements.sh: one worker and two gave different lists" >&2
		exit 1
	}
	cp "$tmp/worklists-2" "$tmp/worklists"
	cp "$tmp/payments-2" "$tmp/payments"
	path=/
	end=0
else
	run "nct worklists --count (both lists)" "$NCT" worklists --db "$db" --place 51 --date "$DATE" --count
	cp "$tmp/out" "$tmp/worklists"
	run "nct payments (list + totals)" "$NCT" payments --db "$db" --place 51 --month "$MONTH"
	cp "$tmp/out" "$tmp/payments"
	path=$(echo "SELECT path FROM places WHERE code = '51' AND valid_from = '2025-07-01';" | sql)
	end="${path%/}0"
fi
sed -e "s|{{PLACE_PATH}}|$path|g" -e "s|{{PLACE_END}}|$end|g" -e "s/{{DATE}}/$DATE/g" \
	-e "s/{{MONTH}}/$MONTH/g" "$ROOT/bench/entitlements-floor.sql" >"$tmp/floor.sql"
if [[ -n ${BENCH_NO_FLOOR:-} ]]; then
	: >"$tmp/out" # the floor not run (its time grows faster than the lists')
elif ((PG)); then
	run "floor: hand-written SQL (both)" psql "$db" -X -q -At -F '|' -f "$tmp/floor.sql"
else
	run "floor: hand-written SQL (both)" sqlite3 "$db" ".read $tmp/floor.sql"
fi
cat "$tmp/worklists" "$tmp/payments" | tail -n 8
cat "$tmp/out"

engine=SQLite
((PG)) && engine=PostgreSQL
where="Quảng Ngãi (51)"
[[ $SPREAD == country ]] && where="the 3,321 communes of the 34 provinces"
block=$engine
[[ $SPREAD == country ]] && block=Country
{
	echo "### $block"
	echo
	echo "$(date -u +%Y-%m-%d), $engine, $people persons in $where, $decisions decisions," \
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
python3 - "$RESULTS" "$tmp/section" "$block" <<'PY'
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
    blocks[k] for k in ("SQLite", "PostgreSQL", "Country", "Notes") if k in blocks)
text = pat.sub(lambda m: new + "\n", text) if old else text.rstrip("\n") + "\n\n" + new
open(path, "w").write(text)
PY
