#!/usr/bin/env bash
# bench/pages.sh - bytes on the wire and server time of the ten main pages on a
# province-scale store (nct gen --scale province: 1,000 clubs, 60,000 members).
#
# usage: bench/pages.sh [path/to/nct]
#
# Default binary: build/nct under the repository root (built when missing). For
# figures worth comparing, pass a release build.
#
# nct init, an admin user and nct gen --scale province in a temp dir (SQLite), then
# nct serve on 127.0.0.1 and, as the admin, BENCH_REPEAT requests of each page after
# two warm-up ones. "Bytes" are the response as sent (headers + body, what curl
# received); "time" is curl's time from the connection made to the last byte on the
# loopback: the server reading the request, building and sending the page.
# Prints a table and replaces the `## pages.sh` section of bench/RESULTS.md.
#
# Environment:
#   BENCH_REPEAT   requests of each page (default 20)
#   BENCH_SEED     nct gen --seed (default 1)
#   BENCH_RESULTS  the file to write the section to (default bench/RESULTS.md)
#
# Targets (issue 11): every page under 100 KB and under 50 ms.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS=${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}
REPEAT=${BENCH_REPEAT:-20}
SEED=${BENCH_SEED:-1}
PASSWORD="bench-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"

say() { printf 'pages.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[[ $REPEAT =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPEAT must be a positive whole number"
for t in curl python3 sqlite3; do
	command -v "$t" >/dev/null 2>&1 || die "$t is needed (scripts/bootstrap installs it)"
done
(($# <= 1)) || die "usage: bench/pages.sh [path/to/nct]"
if (($# == 1)); then
	NCT=$1
else
	NCT=$ROOT/build/nct
	if [[ ! -x $NCT ]]; then
		say "building $NCT"
		(cd "$ROOT" && { [[ -d build ]] || meson setup build >/dev/null; } && ninja -C build >/dev/null)
	fi
fi
[[ -x $NCT ]] || die "no executable nct at $NCT"
NCT=$(cd "$(dirname "$NCT")" && pwd)/$(basename "$NCT")
VERSION=$("$NCT" version) || die "$NCT version failed: is it nct?"
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ $COMMIT != unknown ]] && [[ -n $(git -C "$ROOT" status --porcelain -- src meson.build 2>/dev/null) ]]; then
	COMMIT="$COMMIT (with uncommitted changes)"
fi

TMP=$(mktemp -d)
NCT_PID=
cleanup() {
	local rc=$?
	if [[ -n $NCT_PID ]]; then
		kill "$NCT_PID" 2>/dev/null || true
		wait "$NCT_PID" 2>/dev/null || true
	fi
	rm -rf "$TMP"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

STORE=$TMP/province.db
say "nct init, an admin, nct gen --scale province --seed $SEED"
"$NCT" init --db "$STORE" >"$TMP/init.log" 2>&1 &&
	NCT_PASSWORD=$PASSWORD "$NCT" user add admin --name "Quản trị" --role admin \
		--db "$STORE" >>"$TMP/init.log" 2>&1 ||
	{ cat "$TMP/init.log" >&2; die "nct init failed"; }
"$NCT" gen --db "$STORE" --scale province --seed "$SEED" >"$TMP/gen.log" 2>&1 ||
	{ cat "$TMP/gen.log" >&2; die "nct gen failed"; }

q() { sqlite3 -readonly "$STORE" "$1"; }
CLUB=$(q "SELECT c.code FROM clubs c JOIN memberships m ON m.club_id = c.id GROUP BY c.id, c.code ORDER BY COUNT(*) DESC, c.id LIMIT 1")
PERSON=$(q "SELECT m.person_id FROM memberships m JOIN clubs c ON c.id = m.club_id WHERE c.code = '$CLUB' ORDER BY m.id LIMIT 1")
PLACE=$(q "SELECT p.code FROM clubs c JOIN places p ON p.id = c.place_id WHERE c.code = '$CLUB'")
[[ -n $CLUB && -n $PERSON ]] || die "the generated store has no club with members"
CLUBS=$(q "SELECT COUNT(*) FROM clubs")
MEMBERS=$(q "SELECT COUNT(*) FROM memberships")

PORT=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
URL=http://127.0.0.1:$PORT
"$NCT" serve --db "$STORE" --listen "127.0.0.1:$PORT" --access-log off >"$TMP/serve.log" 2>&1 &
NCT_PID=$!
for _ in $(seq 300); do
	kill -0 "$NCT_PID" 2>/dev/null || { cat "$TMP/serve.log" >&2; die "nct serve exited at start"; }
	curl -fsS -o /dev/null "$URL/healthz" 2>/dev/null && break
	sleep 0.1
done
code=$(curl -sS -o "$TMP/login.json" -w '%{http_code}' -c "$TMP/jar" -H 'Content-Type: application/json' \
	-d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$URL/api/v1/session")
[[ $code == 200 || $code == 201 ]] || { cat "$TMP/login.json" >&2; die "login answered $code"; }
COOKIE=$(awk -F'\t' '$6 == "nct_session" { print $7 }' "$TMP/jar")
[[ -n $COOKIE ]] || die "the login set no nct_session cookie"

PAGES=(
	"/"
	"/clubs"
	"/clubs?place=$PLACE"
	"/clubs/$CLUB"
	"/clubs/$CLUB/funds"
	"/clubs/$CLUB/activities"
	"/programme"
	"/programme/communes?indicator=members"
	"/persons"
	"/persons/$PERSON"
)

# CPU time (user + system, clock ticks) the server has used so far
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$NCT_PID/stat"; }

# one page: N timed requests; prints "code bytes median max cpu" (ms; cpu: the
# server's CPU time per request, on whatever core it ran)
measure() {
	local url=$URL$1 i
	for i in 1 2; do curl -sS -o /dev/null -H "Cookie: nct_session=$COOKIE" "$url"; done
	: >"$TMP/t"
	local cpu0
	cpu0=$(cpu_ticks)
	for i in $(seq "$REPEAT"); do
		curl -sS -o /dev/null -H "Cookie: nct_session=$COOKIE" \
			-w '%{http_code} %{size_header} %{size_download} %{time_connect} %{time_total}\n' \
			"$url" >>"$TMP/t"
	done
	local cpu=$(($(cpu_ticks) - cpu0))
	python3 - "$TMP/t" "$cpu" "$(getconf CLK_TCK)" "$REPEAT" <<'PY'
import math, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
cpu_ms = int(sys.argv[2]) * 1000.0 / int(sys.argv[3]) / int(sys.argv[4])
codes = sorted({r[0] for r in rows})
size = max(int(r[1]) + int(r[2]) for r in rows)
ms = sorted((float(r[4]) - float(r[3])) * 1000 for r in rows)
med = ms[len(ms) // 2] if len(ms) % 2 else (ms[len(ms) // 2 - 1] + ms[len(ms) // 2]) / 2
print("%s %d %.1f %.1f %.1f" % ("/".join(codes), size, med, ms[-1], cpu_ms))
PY
}

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
ROWS=()
MISSES=0
printf '%-45s %6s %10s %9s %9s %9s\n' page status bytes "median" "max" "cpu" >&2
for p in "${PAGES[@]}"; do
	read -r code bytes med max cpu < <(measure "$p")
	printf '%-45s %6s %10s %7s ms %7s ms %7s ms\n' "$p" "$code" "$bytes" "$med" "$max" "$cpu" >&2
	v=met
	if [[ $code != 200 ]] || ((bytes >= 102400)) || awk -v m="$med" 'BEGIN { exit !(m >= 50) }'; then
		v="**not met**"
		MISSES=$((MISSES + 1))
	fi
	ROWS+=("| \`$p\` | $code | $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1024 }') KB | $med | $max | $cpu | $v |")
done
kill -0 "$NCT_PID" 2>/dev/null || die "nct serve died during the runs"

SECTION=$TMP/section.md
{
	echo "## pages.sh"
	echo
	echo "Last run: $(date -u '+%Y-%m-%d %H:%M UTC'), \`bench/pages.sh\` ($VERSION, commit $COMMIT; SQLite;"
	echo "nct gen --scale province --seed $SEED: $CLUBS clubs, $MEMBERS memberships; $REPEAT requests a page after"
	echo "2 warm-up ones, as admin; load average at the start $LOAD on $(nproc) cores)."
	echo
	echo "| page | HTTP | bytes (largest answer) | median ms | max ms | server CPU ms a request | < 100 KB and < 50 ms |"
	echo "| --- | --- | --- | --- | --- | --- | --- |"
	printf '%s\n' "${ROWS[@]}"
	echo
	echo "Time is curl's time from the connection made to the last byte (the server building and sending the page);"
	echo "CPU is the server's user + system time over the timed requests (/proc), divided by their number."
	if [[ -f $RESULTS ]] && awk '/^## pages.sh/{f=1;next} /^## /{f=0} f && /^### Notes/{n=1} f && n' "$RESULTS" | grep -q .; then
		echo
		awk '/^## pages.sh/{f=1;next} /^## /{f=0} f && /^### Notes/{n=1} f && n' "$RESULTS"
	fi
} >"$SECTION"
if [[ -f $RESULTS ]]; then
	python3 - "$RESULTS" "$SECTION" <<'PY'
import re, sys
old = open(sys.argv[1]).read()
new = open(sys.argv[2]).read().rstrip("\n") + "\n"
m = re.search(r"^## pages\.sh\n.*?(?=^## |\Z)", old, re.S | re.M)
if m:
    out = old[:m.start()] + new + ("\n" if m.end() < len(old) else "") + old[m.end():]
else:
    out = old.rstrip("\n") + "\n\n" + new
open(sys.argv[1], "w").write(out)
PY
else
	cp "$SECTION" "$RESULTS"
fi
cat "$SECTION"
say "$MISSES page(s) miss a target"
