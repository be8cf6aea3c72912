#!/usr/bin/env bash
# bench/clubs.sh - the programme indicators and a club page on a synthetic province (and,
# with BENCH_NATIONAL=1, a synthetic country), against a floor of hand-written SQL.
#
# usage: bench/clubs.sh [--pg URI | --pg-cluster] [path/to/nct]
#
#   (default)      SQLite stores in a temp dir; the floor runs in the sqlite3 shell
#   --pg URI       PostgreSQL: a new database per scale on the server of URI (an admin
#                  URI, e.g. postgresql://postgres@127.0.0.1:5432/postgres), dropped at
#                  the end; the floor runs in psql
#   --pg-cluster   PostgreSQL on a throw-away server (scripts/pg-cluster start)
#
# Default binary: build/nct under the repository root (built when missing). For figures
# worth comparing, pass a release build:
#   meson setup /tmp/benchbuild . --buildtype=release && ninja -C /tmp/benchbuild
#   bench/clubs.sh /tmp/benchbuild/nct
#
# For each scale: nct init and an admin user, nct gen (timed), the store's size, then with nct serve
# on 127.0.0.1: GET /api/v1/indicators/clubs?place=PLACE&date=DATE and GET /clubs/{code}
# (the club with the most members) as admin, BENCH_REPEAT times each after a warm-up;
# and the floor, bench/clubs-floor.sql (one query per figure), BENCH_FLOOR_RUNS times.
# The floor's figures are checked against nct's. Prints a table and replaces the
# `## clubs.sh` section of bench/RESULTS.md (a "### Notes" block in it is kept).
#
# Environment:
#   BENCH_NATIONAL=1   also the national scale (10,000 clubs, 1,000,000 loans: minutes)
#   BENCH_REPEAT       requests of each kind (default 20)
#   BENCH_FLOOR_RUNS   runs of the floor file (default 10)
#   BENCH_SEED         nct gen --seed (default 1)
#   BENCH_PLACE        the place of the indicators (default 51, Quảng Ngãi)
#   BENCH_DATE         their date (default 2025-12-31)
#   BENCH_RESULTS      the file to write the section to (default bench/RESULTS.md)
#
# Targets (from the issue): the indicators within 2x the floor, under 200 ms for a province.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS=${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}
FLOOR_SQL=$ROOT/bench/clubs-floor.sql
REPEAT=${BENCH_REPEAT:-20}
FLOOR_RUNS=${BENCH_FLOOR_RUNS:-10}
SEED=${BENCH_SEED:-1}
PLACE=${BENCH_PLACE:-51}
DAY=${BENCH_DATE:-2025-12-31}
PASSWORD="bench-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"

say() { printf 'clubs.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[[ $REPEAT =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPEAT must be a positive whole number"
[[ $FLOOR_RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_FLOOR_RUNS must be a positive whole number"
[[ $SEED =~ ^[0-9]+$ ]] || die "BENCH_SEED must be a whole number"
[[ $PLACE =~ ^[0-9]+$ ]] || die "BENCH_PLACE must be a place code (digits)"
[[ $DAY =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "BENCH_DATE must be YYYY-MM-DD"
[[ -f $FLOOR_SQL ]] || die "missing $FLOOR_SQL"

# --- arguments ----------------------------------------------------------------
ENGINE=sqlite
PG_ADMIN=
PG_CLUSTER=0
NCT=
HOW=bench/clubs.sh
while (($#)); do
	case $1 in
	--pg)
		(($# >= 2)) || die "--pg needs a URI"
		ENGINE=postgresql
		PG_ADMIN=$2
		HOW="bench/clubs.sh --pg URI"
		shift 2
		;;
	--pg-cluster)
		ENGINE=postgresql
		PG_CLUSTER=1
		HOW="bench/clubs.sh --pg-cluster"
		shift
		;;
	-h | --help)
		sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	-*) die "unknown option $1 (see --help)" ;;
	*)
		[[ -z $NCT ]] || die "usage: bench/clubs.sh [--pg URI | --pg-cluster] [path/to/nct]"
		NCT=$1
		shift
		;;
	esac
done

# --- tools ----------------------------------------------------------------------
need=()
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [[ $ENGINE == sqlite ]]; then
	command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
else
	command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
fi
if ((${#need[@]})); then
	say "installing ${need[*]}"
	SUDO=
	[[ $(id -u) -eq 0 ]] || SUDO=sudo
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq >/dev/null
	$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# --- the binary -------------------------------------------------------------------
if [[ -z $NCT ]]; then
	NCT=$ROOT/build/nct
	if [[ ! -x $NCT ]]; then
		say "building $NCT"
		(cd "$ROOT" && { [[ -d build ]] || meson setup build >/dev/null; } && ninja -C build >/dev/null)
	fi
fi
[[ -x $NCT ]] || die "no executable nct at $NCT"
NCT=$(cd "$(dirname "$NCT")" && pwd)/$(basename "$NCT")
VERSION=$("$NCT" version) || die "$NCT version failed: is it nct?"
"$NCT" gen --help >/dev/null 2>&1 || die "$NCT has no gen command"
BUILDTYPE=unknown
if [[ -f $(dirname "$NCT")/meson-info/intro-buildoptions.json ]]; then
	BUILDTYPE=$(python3 -c 'import json,sys
for o in json.load(open(sys.argv[1])):
    if o["name"] == "buildtype": print(o["value"])' "$(dirname "$NCT")/meson-info/intro-buildoptions.json")
fi
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ $COMMIT != unknown ]] && [[ -n $(git -C "$ROOT" status --porcelain -- src meson.build bench 2>/dev/null) ]]; then
	COMMIT="$COMMIT (with uncommitted changes)"
fi

# --- temp dir and clean-up ----------------------------------------------------------
TMP=$(mktemp -d /tmp/nct-clubs.XXXXXX)
NCT_PID=
PG_DBS=()
stop() {
	local pid=$1
	[[ -n $pid ]] || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	for _ in $(seq 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}
cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	stop "$NCT_PID"
	for db in "${PG_DBS[@]}"; do
		psql "$PG_ADMIN" -X -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
	done
	if ((PG_CLUSTER)); then
		"$ROOT/scripts/pg-cluster" stop "$TMP/pg" || true
	fi
	rm -rf "$TMP"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ((PG_CLUSTER)); then
	say "starting a throw-away PostgreSQL (scripts/pg-cluster)"
	PG_ADMIN=$("$ROOT/scripts/pg-cluster" start "$TMP/pg") || die "scripts/pg-cluster start failed"
fi
if [[ $ENGINE == postgresql ]]; then
	psql "$PG_ADMIN" -X -qAtc 'SELECT 1' >/dev/null || die "cannot reach PostgreSQL at $PG_ADMIN"
	ENGINE_VERSION="PostgreSQL $(psql "$PG_ADMIN" -X -qAtc 'SHOW server_version' | cut -d' ' -f1), floor in psql $(psql --version | awk '{print $3}')"
else
	ENGINE_VERSION="SQLite, floor in the sqlite3 shell $(sqlite3 --version | cut -d' ' -f1)"
fi

free_port() {
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# wait_up PID URL LOG: polls URL until it answers, fails if PID dies.
wait_up() {
	for _ in $(seq 300); do
		kill -0 "$1" 2>/dev/null || { cat "$3" >&2 || true; die "nct serve exited at start"; }
		curl -fsS -o /dev/null "$2" 2>/dev/null && return 0
		sleep 0.1
	done
	cat "$3" >&2 || true
	die "nct serve did not answer at $2"
}

# The numbers: medians, p95 (nearest rank), the floor's output, nct's JSON.
cat >"$TMP/stats.py" <<'EOF'
import json, math, sys

def pct(v, p):
    v = sorted(v)
    return v[max(0, math.ceil(p / 100 * len(v)) - 1)]

def times(path):
    return [float(x) * 1000 for x in open(path).read().split()]

def floor_runs(path, engine, nq):
    """Per run: {indicator: ms}, and the values of the first run (nq queries a run)."""
    runs, values, cur, name = [], {}, {}, None
    for line in open(path):
        line = line.strip()
        if line.startswith("Run Time:") or line.startswith("Time:"):
            ms = float(line.split()[3]) * 1000 if engine == "sqlite" else float(line.split()[1])
            cur[name] = ms
            if len(cur) == nq:
                runs.append(cur)
                cur = {}
        elif "|" in line:
            f = line.split("|")
            name = f[0]
            if len(runs) == 0:
                values[name] = [int(x) for x in f[1:]]
    return runs, values

cmd = sys.argv[1]
if cmd == "req":  # median p95 of a file of seconds
    v = times(sys.argv[2])
    print("%.2f %.2f" % (pct(v, 50), pct(v, 95)))
elif cmd == "floor":  # median and p95 of the total, then per query medians
    runs, values = floor_runs(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    totals = [sum(r.values()) for r in runs]
    print("%.2f %.2f" % (pct(totals, 50), pct(totals, 95)))
    for k in runs[0]:
        print("%s %.2f" % (k, pct([r[k] for r in runs], 50)))
elif cmd == "compare":  # nct's JSON against the floor's values
    api = json.load(open(sys.argv[2]))
    _, values = floor_runs(sys.argv[3], sys.argv[4], int(sys.argv[5]))
    bad = []
    for ind in api["indicators"]:
        want = values.get(ind["code"])
        got = [ind["value"]] + ([ind["numerator"], ind["denominator"]] if "numerator" in ind else [])
        if want != got:
            bad.append("%s: nct %s, floor %s" % (ind["code"], got, want))
    print("; ".join(bad) if bad else "all %d indicators agree" % len(api["indicators"]))
    print("clubs=%d" % api.get("clubs", -1))
EOF
stat_req() { python3 "$TMP/stats.py" req "$1"; }

# sql_one STORE SQL: one value from the store.
sql_one() {
	if [[ $ENGINE == sqlite ]]; then
		sqlite3 -readonly "$1" "$2"
	else
		psql "$1" -X -qAt -c "$2"
	fi
}

# new_store SCALE: sets STORE to a new store's path or URI.
new_store() {
	if [[ $ENGINE == sqlite ]]; then
		STORE=$TMP/$1.db
		return
	fi
	local name="nct_bench_$1_$$"
	psql "$PG_ADMIN" -X -qc "CREATE DATABASE $name" >/dev/null || die "cannot create database $name"
	PG_DBS+=("$name")
	STORE=$(python3 -c 'import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1])
print(u.urlunsplit((p.scheme, p.netloc, "/" + sys.argv[2], p.query, p.fragment)))' "$PG_ADMIN" "$name")
}

store_size() {
	if [[ $ENGINE == sqlite ]]; then
		sqlite3 "$1" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
		stat -c %s "$1"
	else
		sql_one "$1" 'SELECT pg_database_size(current_database())'
	fi
}

# The floor file for the place and date.
YEAR=${DAY:0:4}
sed -e "s/{{PLACE}}/$PLACE/g; s/{{DATE}}/$DAY/g; s/{{YEAR_FROM}}/$YEAR-01-01/g" \
	-e "s/{{YEAR}}/$YEAR/g; s/{{YEAR_PREV}}/$((10#$YEAR - 1))/g" \
	-e "s/{{OLDER_BY}}/$((10#$YEAR - 60))${DAY:4}/g" "$FLOOR_SQL" >"$TMP/floor.sql"
NQ=$(grep -c "^SELECT '" "$TMP/floor.sql") # the queries of the floor, one figure each

run_floor() {
	local store=$1 out=$2
	: >"$out"
	for _ in $(seq "$FLOOR_RUNS"); do
		if [[ $ENGINE == sqlite ]]; then
			{ echo '.timer on'; cat "$TMP/floor.sql"; } | sqlite3 -readonly "$store" >>"$out"
		else
			{ printf '%s\n' '\timing on'; cat "$TMP/floor.sql"; } |
				psql "$store" -X -qAt -F'|' -v ON_ERROR_STOP=1 >>"$out"
		fi
	done
}

# get NAME URL N: N timed requests (seconds, one a line) into $TMP/NAME.times;
# the last answer in $TMP/NAME.body; prints the HTTP status.
get() {
	local name=$1 url=$2 n=$3 code
	: >"$TMP/$name.times"
	for _ in $(seq 2); do # warm-up
		curl -sS -o /dev/null -H "Cookie: nct_session=$COOKIE" "$url"
	done
	for _ in $(seq "$n"); do
		read -r code t < <(curl -sS -o "$TMP/$name.body" -w '%{http_code} %{time_total}\n' \
			-H "Cookie: nct_session=$COOKIE" "$url")
		echo "$t" >>"$TMP/$name.times"
	done
	echo "$code"
}

declare -A R # results, keyed "scale.what"

bench_scale() {
	local scale=$1 store port url t0 t1
	new_store "$scale"
	store=$STORE
	say "$scale: nct init"
	# not --demo: the demo brings its own clubs, and gen writes only into a store without any
	"$NCT" init --db "$store" >"$TMP/init-$scale.log" 2>&1 &&
		NCT_PASSWORD=$PASSWORD "$NCT" user add admin --name "Quản trị" --role admin \
			--db "$store" >>"$TMP/init-$scale.log" 2>&1 ||
		{ cat "$TMP/init-$scale.log" >&2; die "nct init failed"; }
	say "$scale: nct gen --scale $scale --seed $SEED"
	t0=$(date +%s.%N)
	"$NCT" gen --db "$store" --scale "$scale" --seed "$SEED" >"$TMP/gen-$scale.log" 2>&1 ||
		{ cat "$TMP/gen-$scale.log" >&2; die "nct gen failed"; }
	t1=$(date +%s.%N)
	cat "$TMP/gen-$scale.log" >&2
	R[$scale.gen_s]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
	R[$scale.rows]=$(awk '$1 == "rows" && $2 == "written" { print $3 }' "$TMP/gen-$scale.log")
	R[$scale.clubs]=$(awk '$1 == "clubs" { print $2 }' "$TMP/gen-$scale.log")
	R[$scale.persons]=$(awk '$1 == "persons" { print $2 }' "$TMP/gen-$scale.log")
	R[$scale.loans]=$(awk '$1 == "loans" { print $2 }' "$TMP/gen-$scale.log")
	R[$scale.size]=$(store_size "$store")
	local club
	club=$(sql_one "$store" "SELECT c.code FROM clubs c JOIN memberships m ON m.club_id = c.id GROUP BY c.id, c.code ORDER BY COUNT(*) DESC, c.id LIMIT 1")
	R[$scale.club]=$club

	port=$(free_port)
	url=http://127.0.0.1:$port
	"$NCT" serve --db "$store" --listen "127.0.0.1:$port" --access-log off >"$TMP/serve-$scale.log" 2>&1 &
	NCT_PID=$!
	wait_up "$NCT_PID" "$url/healthz" "$TMP/serve-$scale.log"
	local code
	code=$(curl -sS -o "$TMP/login.json" -w '%{http_code}' -c "$TMP/jar" -H 'Content-Type: application/json' \
		-d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$url/api/v1/session")
	[[ $code == 200 || $code == 201 ]] || { cat "$TMP/login.json" >&2; die "login answered $code"; }
	COOKIE=$(awk -F'\t' '$6 == "nct_session" { print $7 }' "$TMP/jar")
	[[ -n $COOKIE ]] || die "the login set no nct_session cookie"

	say "$scale: $REPEAT requests each of the indicators and of /clubs/$club"
	R[$scale.ind_code]=$(get "ind-$scale" "$url/api/v1/indicators/clubs?place=$PLACE&date=$DAY" "$REPEAT")
	R[$scale.club_code]=$(get "club-$scale" "$url/clubs/$club" "$REPEAT")
	read -r "R[$scale.ind_med]" "R[$scale.ind_p95]" < <(stat_req "$TMP/ind-$scale.times")
	read -r "R[$scale.club_med]" "R[$scale.club_p95]" < <(stat_req "$TMP/club-$scale.times")
	if [[ $scale == national ]]; then
		# the whole country takes seconds a request: fewer of them
		R[$scale.all_n]=$((REPEAT < 5 ? REPEAT : 5))
		R[$scale.all_code]=$(get "all-$scale" "$url/api/v1/indicators/clubs?date=$DAY" "${R[$scale.all_n]}")
		read -r "R[$scale.all_med]" "R[$scale.all_p95]" < <(stat_req "$TMP/all-$scale.times")
	fi

	say "$scale: the floor, $FLOOR_RUNS runs of bench/clubs-floor.sql"
	run_floor "$store" "$TMP/floor-$scale.out"
	python3 "$TMP/stats.py" floor "$TMP/floor-$scale.out" "$ENGINE" "$NQ" >"$TMP/floor-$scale.stats"
	read -r "R[$scale.floor_med]" "R[$scale.floor_p95]" <"$TMP/floor-$scale.stats"
	R[$scale.floor_each]=$(tail -n +2 "$TMP/floor-$scale.stats" | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }')
	if [[ ${R[$scale.ind_code]} == 200 ]]; then
		python3 "$TMP/stats.py" compare "$TMP/ind-$scale.body" "$TMP/floor-$scale.out" "$ENGINE" "$NQ" >"$TMP/cmp-$scale"
		R[$scale.agree]=$(head -1 "$TMP/cmp-$scale")
		R[$scale.active]=$(sed -n 's/^clubs=//p' "$TMP/cmp-$scale")
		R[$scale.ratio]=$(awk -v a="${R[$scale.ind_med]}" -v b="${R[$scale.floor_med]}" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
	else
		R[$scale.agree]="indicators answered ${R[$scale.ind_code]}: not compared"
		R[$scale.active]="?"
		R[$scale.ratio]=n/a
	fi
	kill -0 "$NCT_PID" 2>/dev/null || die "nct serve died during the runs"
	R[$scale.rss]=$(awk '$1 == "VmHWM:" { printf "%.1f", $2 / 1024 }' "/proc/$NCT_PID/status")
	stop "$NCT_PID"
	NCT_PID=
}

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
SCALES=(province)
[[ ${BENCH_NATIONAL:-0} == 1 ]] && SCALES+=(national)
for s in "${SCALES[@]}"; do
	bench_scale "$s"
done

# --- report ---------------------------------------------------------------------------
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo "**not met**"; fi; }
mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
CPU=$(awk -F': *' '$1 ~ /^model name/ { print $2; exit }' /proc/cpuinfo)
CPU=${CPU:-unknown}
NPROC=$(nproc)
DATE=$(date '+%Y-%m-%d %H:%M %Z')

SECTION=$TMP/section.md
{
	echo "## clubs.sh"
	echo
	echo "Last run: $DATE, \`${BENCH_NATIONAL:+BENCH_NATIONAL=$BENCH_NATIONAL }$HOW\` ($ENGINE; $REPEAT requests of each kind after 2 warm-up ones, the floor file run $FLOOR_RUNS times; nct gen --seed $SEED)."
	echo
	echo "- machine: $NPROC CPUs, $CPU; nct, curl and the database share it; load average before the runs $LOAD"
	echo "- nct: $VERSION, buildtype $BUILDTYPE, repo at $COMMIT; $ENGINE_VERSION"
	echo "- requests: \`GET /api/v1/indicators/clubs?place=$PLACE&date=$DAY\` and \`GET /clubs/{code}\` (the club with the most members) with the admin's session cookie, one at a time (curl, a new connection each); times are curl's \`time_total\`"
	echo "- floor: \`bench/clubs-floor.sql\`, the $NQ figures (the plan's eight indicators and three further ones) as $NQ hand-written queries, straight in the database shell on the same store; its time is the sum of the $NQ"
	echo
	echo "| scale | clubs | persons | loans | rows | \`nct gen\` | rows/s | store |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	for s in "${SCALES[@]}"; do
		rps=$(awk -v r="${R[$s.rows]}" -v t="${R[$s.gen_s]}" 'BEGIN { printf "%.0f", (t > 0 ? r / t : 0) }')
		echo "| $s | ${R[$s.clubs]} | ${R[$s.persons]} | ${R[$s.loans]} | ${R[$s.rows]} | ${R[$s.gen_s]} s | $rps | $(mb "${R[$s.size]}") MB |"
	done
	echo
	echo "| scale | what | median ms | p95 ms | notes |"
	echo "| --- | --- | ---: | ---: | --- |"
	for s in "${SCALES[@]}"; do
		echo "| $s | nct indicators, place $PLACE | ${R[$s.ind_med]} | ${R[$s.ind_p95]} | HTTP ${R[$s.ind_code]}; ${R[$s.active]} active clubs; ${R[$s.agree]} |"
		echo "| $s | floor, $NQ queries | ${R[$s.floor_med]} | ${R[$s.floor_p95]} | median per query (ms): ${R[$s.floor_each]} |"
		echo "| $s | nct / floor | ${R[$s.ratio]}x | | |"
		echo "| $s | nct \`/clubs/${R[$s.club]}\` | ${R[$s.club_med]} | ${R[$s.club_p95]} | HTTP ${R[$s.club_code]}; serve peak RSS ${R[$s.rss]} MB |"
		if [[ $s == national ]]; then
			echo "| $s | nct indicators, whole country | ${R[$s.all_med]} | ${R[$s.all_p95]} | HTTP ${R[$s.all_code]}; ${R[$s.all_n]} requests; no floor |"
		fi
	done
	echo
	echo "| goal (from the issue) | measured | verdict |"
	echo "| --- | --- | --- |"
	for s in "${SCALES[@]}"; do
		if [[ ${R[$s.ratio]} == n/a ]]; then
			echo "| $s: indicators within 2x the floor | indicators answered ${R[$s.ind_code]} | not measured |"
		else
			echo "| $s: indicators within 2x the floor | ${R[$s.ratio]}x | $(verdict "${R[$s.ratio]} <= 2") |"
		fi
	done
	if [[ ${R[province.ind_code]} == 200 ]]; then
		echo "| province: indicators under 200 ms | median ${R[province.ind_med]} ms, p95 ${R[province.ind_p95]} ms | $(verdict "${R[province.ind_p95]} < 200") |"
	fi
	[[ $ENGINE == sqlite ]] &&
		echo "| province: \`nct gen\` well under a minute (SQLite) | ${R[province.gen_s]} s | $(verdict "${R[province.gen_s]} < 30") |"
	[[ $ENGINE == sqlite && -n ${R[national.gen_s]:-} ]] &&
		echo "| national: \`nct gen\` in a few minutes (SQLite) | ${R[national.gen_s]} s | $(verdict "${R[national.gen_s]} < 300") |"
	true
} >"$SECTION"
sed 's/\*\*//g; s/`//g' "$SECTION" >&2

# Keep the other scripts' sections; replace ours (or add it at the end).
if [[ ! -f $RESULTS ]]; then
	printf '# Benchmark results\n\nOne section per script under bench/, replaced each time that script runs.\n' >"$RESULTS"
fi
awk -v section="$SECTION" '
	function emit(   line) { while ((getline line < section) > 0) print line; close(section) }
	/^## / {
		if (inside) { if (!notes) print ""; inside = 0 }
		if ($0 == "## clubs.sh") { inside = 1; done = 1; emit(); notes = 0; next }
	}
	inside && /^### Notes/ { notes = 1; print ""; }
	inside && !notes { next }
	{ print }
	END { if (!done) { print ""; emit() } }
' "$RESULTS" >"$TMP/RESULTS.md"
cat "$TMP/RESULTS.md" >"$RESULTS"
say "wrote the clubs.sh section of $RESULTS"
