#!/usr/bin/env bash
# bench/celebrations.sh - the longevity celebrations and the health lists of a province of
# 200,000 older people (issue 8's benchmark: "the celebration list for a province of 200,000
# older people, target under 50 ms").
#
# usage: bench/celebrations.sh [path/to/nct]
#
# SQLite, in a temp dir: nct init and an admin user; BENCH_PERSONS older people (default
# 200,000; born 1921-1966, so 60 to 105 in 2026) written straight into the communes in force
# of province BENCH_PLACE (default 51, Quảng Ngãi) by one INSERT in the sqlite3 shell (not
# timed), then indexed by a second nct init (timed: derived names, collation and search keys,
# a residence fact each). Then with nct serve on 127.0.0.1, as admin, BENCH_REPEAT times each
# after 2 warm-up requests:
#   GET /api/v1/celebrations?place=PLACE&year=YEAR        (the province: its first page of
#                                                          1,000, cut in SQL, the total counted)
#   GET /api/v1/celebrations?place=COMMUNE&year=YEAR      (its most populous commune)
#   GET /celebrations?place=COMMUNE&year=YEAR             (the printable page)
#   GET /api/v1/health-cards?place=PLACE&without_card=1   (everyone 60+ without a card)
# and the floor: the same celebration rows counted by one hand-written query in the sqlite3
# shell (what the database alone needs to find them). Prints a table and replaces the `## celebrations.sh` section of bench/RESULTS.md.
#
# Environment: BENCH_PERSONS, BENCH_REPEAT (default 10), BENCH_PLACE, BENCH_YEAR (default
# 2026), BENCH_RESULTS (default bench/RESULTS.md), BENCH_KEEP=1 (keep the temp dir and store).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS=${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}
PERSONS=${BENCH_PERSONS:-200000}
REPEAT=${BENCH_REPEAT:-10}
PLACE=${BENCH_PLACE:-51}
YEAR=${BENCH_YEAR:-2026}
PASSWORD="bench-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"

say() { printf 'celebrations.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[[ $PERSONS =~ ^[1-9][0-9]*$ ]] || die "BENCH_PERSONS must be a positive whole number"
[[ $REPEAT =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPEAT must be a positive whole number"
[[ $PLACE =~ ^[0-9]+$ ]] || die "BENCH_PLACE must be a province code"
[[ $YEAR =~ ^[0-9]{4}$ ]] || die "BENCH_YEAR must be a year"
case ${1:-} in
-h | --help)
	sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
	exit 0
	;;
esac
NCT=${1:-$ROOT/build/nct}
[[ -x $NCT ]] || die "no executable nct at $NCT (ninja -C build)"
for c in curl python3 sqlite3; do command -v $c >/dev/null || die "needs $c"; done
NCT=$(cd "$(dirname "$NCT")" && pwd)/$(basename "$NCT")
VERSION=$("$NCT" version)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ $COMMIT != unknown ]] && [[ -n $(git -C "$ROOT" status --porcelain -- src meson.build bench 2>/dev/null) ]]; then
	COMMIT="$COMMIT (with uncommitted changes)"
fi

TMP=$(mktemp -d /tmp/nct-celebrations.XXXXXX)
NCT_PID=
cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	if [[ -n $NCT_PID ]]; then
		kill -TERM "$NCT_PID" 2>/dev/null || true
		wait "$NCT_PID" 2>/dev/null || true
	fi
	if [[ -n ${BENCH_KEEP:-} ]]; then say "kept $TMP"; else rm -rf "$TMP"; fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

STORE=$TMP/nct.db
say "nct init"
"$NCT" init --db "$STORE" >"$TMP/init1.log" 2>&1 || { cat "$TMP/init1.log" >&2; die "nct init failed"; }
NCT_PASSWORD=$PASSWORD "$NCT" user add admin --name Admin --role admin --db "$STORE" >/dev/null 2>&1 ||
	die "nct user add failed"

say "writing $PERSONS older people into the communes of province $PLACE"
sqlite3 "$STORE" >/dev/null <<SQL || die "the INSERT failed"
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
CREATE TEMP TABLE communes AS
  SELECT c.id, ROW_NUMBER() OVER (ORDER BY c.id) - 1 AS k FROM places c
  JOIN places p ON p.code = '$PLACE' AND p.level = 1 AND p.valid_to IS NULL
  WHERE c.level = 3 AND c.valid_to IS NULL AND c.path >= p.path AND c.path < p.path || '~';
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $PERSONS)
INSERT INTO persons (full_name, name_fold, sex, birth, place_id, hardship, created_at)
SELECT 'Người Thử ' || i, 'nguoi thu ' || i, CASE i % 2 WHEN 0 THEN 'F' ELSE 'M' END,
       CAST(1921 + (i * 7919) % 46 AS TEXT),
       (SELECT id FROM communes WHERE k = (i * 104729) % (SELECT COUNT(*) FROM communes)),
       0, '2026-01-01T00:00:00+07:00'
FROM n;
COMMIT;
SQL
COMMUNES=$(sqlite3 "$STORE" "SELECT COUNT(*) FROM places c JOIN places p ON p.code = '$PLACE' AND p.level = 1 AND p.valid_to IS NULL WHERE c.level = 3 AND c.valid_to IS NULL AND c.path >= p.path AND c.path < p.path || '~'")
say "indexing them (nct init)"
t0=$(date +%s.%N)
"$NCT" init --db "$STORE" >"$TMP/init2.log" 2>&1 || { cat "$TMP/init2.log" >&2; die "nct init failed"; }
t1=$(date +%s.%N)
INDEX_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
INDEXED=$(sed -n 's/.*register: \([0-9]*\) persons indexed.*/\1/p' "$TMP/init2.log")
COMMUNE=$(sqlite3 "$STORE" "SELECT pl.code FROM persons p JOIN places pl ON pl.id = p.place_id GROUP BY pl.id, pl.code ORDER BY COUNT(*) DESC, pl.id LIMIT 1")
IN_COMMUNE=$(sqlite3 "$STORE" "SELECT COUNT(*) FROM persons p JOIN places pl ON pl.id = p.place_id WHERE pl.code = '$COMMUNE'")

# The floor: the rows of the province's list (the ages of the national rules: 70, 75, ..., 100
# and over 100), counted by one hand-written query over the same indexes.
PPATH=$(sqlite3 "$STORE" "SELECT path FROM places WHERE code = '$PLACE' AND level = 1 AND valid_to IS NULL")
PHI=$(python3 -c 'import sys; p = sys.argv[1]; print(p[:-1] + chr(ord(p[-1]) + 1))' "$PPATH")
FLOOR_SQL="SELECT COUNT(*) FROM places pl CROSS JOIN persons p
 WHERE p.place_id = pl.id AND pl.path >= '$PPATH' AND pl.path < '$PHI'
 AND COALESCE(p.merged_into, 0) = 0 AND (p.died_on IS NULL OR p.died_on >= '$YEAR-01-01')
 AND (substr(p.birth_start, 1, 4) IN ('$((YEAR - 70))', '$((YEAR - 75))', '$((YEAR - 80))', '$((YEAR - 85))', '$((YEAR - 90))', '$((YEAR - 95))', '$((YEAR - 100))')
  OR p.birth_start < '$((YEAR - 100))-01-01');"
FLOOR_ROWS=$(sqlite3 "$STORE" "$FLOOR_SQL")
: >"$TMP/floor.times"
for _ in $(seq "$REPEAT"); do
	printf '.timer on\n%s\n' "$FLOOR_SQL" | sqlite3 "$STORE" 2>&1 | awk '/^Run Time:/ { print $4 }' >>"$TMP/floor.times"
done

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT
"$NCT" serve --db "$STORE" --listen "127.0.0.1:$PORT" --access-log off >"$TMP/serve.log" 2>&1 &
NCT_PID=$!
for _ in $(seq 300); do
	curl -fsS -o /dev/null "$URL/healthz" 2>/dev/null && break
	kill -0 "$NCT_PID" 2>/dev/null || { cat "$TMP/serve.log" >&2; die "nct serve exited"; }
	sleep 0.1
done
code=$(curl -sS -o "$TMP/login.json" -w '%{http_code}' -c "$TMP/jar" -H 'Content-Type: application/json' \
	-d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$URL/api/v1/session")
[[ $code == 200 || $code == 201 ]] || { cat "$TMP/login.json" >&2; die "login answered $code"; }
COOKIE=$(awk -F'\t' '$6 == "nct_session" { print $7 }' "$TMP/jar")

# The server's CPU (user + system) so far, in clock ticks.
ticks() { awk '{ print $14 + $15 }' "/proc/$NCT_PID/stat"; }
HZ=$(getconf CLK_TCK)
# get NAME URL: 2 warm-up requests, then REPEAT timed ones; prints the last status. Writes
# the server's CPU ms per request to NAME.cpu and its peak resident MB over the timed
# requests to NAME.rss (the peak is reset first: /proc/PID/clear_refs).
get() {
	local code t0
	for _ in 1 2; do curl -sS -o /dev/null -b "nct_session=$COOKIE" "$2"; done
	: >"$TMP/$1.times"
	echo 5 >"/proc/$NCT_PID/clear_refs" 2>/dev/null || true
	t0=$(ticks)
	for _ in $(seq "$REPEAT"); do
		code=$(curl -sS -o "$TMP/$1.body" -w '%{http_code} %{time_total}\n' -b "nct_session=$COOKIE" "$2")
		echo "${code#* }" >>"$TMP/$1.times"
		code=${code%% *}
	done
	awk -v a="$t0" -v b="$(ticks)" -v hz="$HZ" -v n="$REPEAT" 'BEGIN { printf "%.1f", (b - a) * 1000 / hz / n }' >"$TMP/$1.cpu"
	awk '$1 == "VmHWM:" { printf "%.1f", $2 / 1024 }' "/proc/$NCT_PID/status" >"$TMP/$1.rss"
	echo "$code"
}
stats() { python3 -c 'import math, sys
v = sorted(float(x) * 1000 for x in open(sys.argv[1]).read().split())
p = lambda q: v[max(0, math.ceil(q / 100 * len(v)) - 1)]
print("%.1f %.1f" % (p(50), p(95)))' "$1"; }
# rows BODY KEY: "total (on the page)" of a JSON answer, or its error.
rows() { python3 -c 'import json, sys
o = json.load(open(sys.argv[1]))
print("%d (%d)" % (o["total"], len(o[sys.argv[2]])) if sys.argv[2] in o else "error: " + json.dumps(o, ensure_ascii=False)[:200])' "$1" "$2"; }

say "$REPEAT requests of each"
declare -A C S N
C[prov]=$(get prov "$URL/api/v1/celebrations?place=$PLACE&year=$YEAR")
N[prov]=$(rows "$TMP/prov.body" people)
C[comm]=$(get comm "$URL/api/v1/celebrations?place=$COMMUNE&year=$YEAR")
N[comm]=$(rows "$TMP/comm.body" people)
C[page]=$(get page "$URL/celebrations?place=$COMMUNE&year=$YEAR")
N[page]=${N[comm]%% *}
C[nocard]=$(get nocard "$URL/api/v1/health-cards?place=$PLACE&without_card=1")
N[nocard]=$(rows "$TMP/nocard.body" without_card)
C[nocard50]=$(get nocard50 "$URL/api/v1/health-cards?place=$PLACE&without_card=1&per_page=50")
N[nocard50]=$(rows "$TMP/nocard50.body" without_card)
C[nocardpg]=$(get nocardpg "$URL/health-cards?place=$PLACE&without_card=1")
N[nocardpg]=${N[nocard]%% *}
# The list files of the province: every row, so peak memory shows whether they are streamed.
for f in csv xlsx; do
	C[ncf_$f]=$(get "ncf_$f" "$URL/api/v1/health-cards?place=$PLACE&without_card=1&format=$f")
	N[ncf_$f]="$(stat -c %s "$TMP/ncf_$f.body") bytes"
	C[cf_$f]=$(get "cf_$f" "$URL/celebrations.$f?place=$PLACE&year=$YEAR")
	N[cf_$f]="$(stat -c %s "$TMP/cf_$f.body") bytes"
done
KEYS="prov comm page nocard nocard50 nocardpg ncf_csv ncf_xlsx cf_csv cf_xlsx"
for k in $KEYS; do S[$k]=$(stats "$TMP/$k.times"); done
S[floor]=$(stats "$TMP/floor.times")
RSS=$(awk '$1 == "VmHWM:" { printf "%.1f", $2 / 1024 }' "/proc/$NCT_PID/status")
[[ ${N[prov]%% *} == "$FLOOR_ROWS" ]] && AGREE="nct's list and the floor agree ($FLOOR_ROWS people)" ||
	AGREE="**nct lists ${N[prov]}, the floor counts $FLOOR_ROWS**"

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
CPU=$(awk -F': *' '$1 ~ /^model name/ { print $2; exit }' /proc/cpuinfo)
SECTION=$TMP/section.md
{
	echo "## celebrations.sh"
	echo
	echo "Last run: $(date '+%Y-%m-%d %H:%M %Z'), \`bench/celebrations.sh\` (SQLite; $REPEAT requests of each kind after 2 warm-up ones, one at a time, curl's \`time_total\` with a new connection each)."
	echo
	echo "- machine: $(nproc) CPUs, ${CPU:-unknown}; load average after the runs $LOAD"
	echo "- nct: $VERSION, repo at $COMMIT; SQLite $(sqlite3 --version | cut -d' ' -f1)"
	echo "- store: $PERSONS people aged 60–105 in $YEAR in the $COMMUNES communes in force of province $PLACE (written by SQL, then indexed by \`nct init\` in $INDEX_S s: $INDEXED persons); the most populous commune, $COMMUNE, has $IN_COMMUNE"
	echo "- $AGREE"
	echo
	echo "| request | rows: total (on the page) | median ms | p95 ms | server CPU ms a request | server peak RSS MB | status |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
	# line KEY PATH [NOTE]: one row of the table
	line() { read -r m p <<<"${S[$1]}"; echo "| \`GET $2\`${3:+ ($3)} | ${N[$1]} | $m | $p | $(cat "$TMP/$1.cpu") | $(cat "$TMP/$1.rss") | ${C[$1]} |"; }
	line prov "/api/v1/celebrations?place=$PLACE&year=$YEAR" "the province"
	line comm "/api/v1/celebrations?place=$COMMUNE&year=$YEAR" "a commune"
	line page "/celebrations?place=$COMMUNE&year=$YEAR" "the printable page"
	line nocard "/api/v1/health-cards?place=$PLACE&without_card=1"
	line nocard50 "/api/v1/health-cards?place=$PLACE&without_card=1&per_page=50"
	line nocardpg "/health-cards?place=$PLACE&without_card=1" "the page"
	for f in csv xlsx; do
		line "ncf_$f" "/api/v1/health-cards?place=$PLACE&without_card=1&format=$f" "the file"
		line "cf_$f" "/celebrations.$f?place=$PLACE&year=$YEAR" "the file"
	done
	read -r m p <<<"${S[floor]}"
	echo "| floor: the province's rows counted in the sqlite3 shell | $FLOOR_ROWS | $m | $p | | | |"
	echo
	echo "nct serve's peak resident memory: $RSS MB. Target (issue 8): the celebration list of a province of 200,000 older people under 50 ms."
} >"$SECTION"
cat "$SECTION"

python3 "$ROOT/bench/section.py" "$RESULTS" celebrations.sh "$SECTION"
say "wrote the section to $RESULTS"
