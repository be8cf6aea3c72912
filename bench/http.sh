#!/usr/bin/env bash
# bench/http.sh - HTTP throughput, tail latency and memory of `nct serve`,
# with nginx serving a static file of the same size as the reference.
#
# usage: bench/http.sh [path/to/nct]
#
# Default binary: build/nct under the repository root (built with
# `meson setup build && ninja -C build` when missing). For figures worth
# comparing, pass a release build:
#   meson setup /tmp/benchbuild . --buildtype=release && ninja -C /tmp/benchbuild
#   bench/http.sh /tmp/benchbuild/nct
#
# Everything listens on 127.0.0.1 only, on free ports, from a temp dir that is
# removed at the end (both servers are stopped on exit, also on failure).
#
# Environment:
#   BENCH_SECONDS  duration of each wrk run (default 10)
#   BENCH_RESULTS  the file to write the section to (default bench/RESULTS.md)
#
# Targets (from the issue): the logged-in dashboard at >= 25 % of nginx's
# static-file throughput, p99 < 20 ms at 64 connections, RSS < 30 MB.
# Prints a table and replaces the `## http.sh` section of bench/RESULTS.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS=${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
THREADS=2
CONNECTIONS=64
PASSWORD="bench-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"

say() { printf 'http.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[[ $SECONDS_PER_RUN =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a positive whole number"

# --- tools ------------------------------------------------------------------
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || need+=(nginx-light)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if ((${#need[@]})); then
	say "installing ${need[*]}"
	SUDO=
	[[ $(id -u) -eq 0 ]] || SUDO=sudo
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq >/dev/null
	$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# --- the binary ---------------------------------------------------------------
if (($# > 1)); then
	die "usage: bench/http.sh [path/to/nct]"
fi
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
BUILDTYPE=unknown
if [[ -f $(dirname "$NCT")/meson-info/intro-buildoptions.json ]]; then
	BUILDTYPE=$(python3 -c 'import json,sys
for o in json.load(open(sys.argv[1])):
    if o["name"] == "buildtype": print(o["value"])' "$(dirname "$NCT")/meson-info/intro-buildoptions.json")
fi
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ $COMMIT != unknown ]] && [[ -n $(git -C "$ROOT" status --porcelain -- src meson.build 2>/dev/null) ]]; then
	COMMIT="$COMMIT (with uncommitted changes)"
fi

# --- temp dir and clean-up ------------------------------------------------------
TMP=$(mktemp -d /tmp/nct-bench.XXXXXX)
NCT_PID=
NGINX_PID=
stop() {
	local pid=$1
	[[ -n $pid ]] || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	for _ in $(seq 50); do
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
	stop "$NGINX_PID"
	rm -rf "$TMP"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# wait_up PID URL NAME LOG: polls URL until it answers, fails if PID dies.
wait_up() {
	for _ in $(seq 100); do
		kill -0 "$1" 2>/dev/null || { cat "$4" >&2 || true; die "$3 exited at start"; }
		curl -fsS -o /dev/null "$2" 2>/dev/null && return 0
		sleep 0.1
	done
	cat "$4" >&2 || true
	die "$3 did not answer at $2"
}

# --- 1. nct -------------------------------------------------------------------
NCT_PORT=$(free_port)
NCT_URL=http://127.0.0.1:$NCT_PORT
say "nct init --demo (store in $TMP)"
NCT_ADMIN_PASSWORD=$PASSWORD "$NCT" init --db "$TMP/nct.db" --demo >"$TMP/init.log" 2>&1 ||
	{ cat "$TMP/init.log" >&2; die "nct init failed"; }
"$NCT" serve --db "$TMP/nct.db" --listen "127.0.0.1:$NCT_PORT" --access-log off \
	>"$TMP/nct.log" 2>&1 &
NCT_PID=$!
wait_up "$NCT_PID" "$NCT_URL/healthz" "nct serve" "$TMP/nct.log"

# --- 2. log in ----------------------------------------------------------------
code=$(curl -sS -o "$TMP/login.json" -w '%{http_code}' -c "$TMP/jar" \
	-H 'Content-Type: application/json' \
	-d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$NCT_URL/api/v1/session")
[[ $code == 200 || $code == 201 ]] || { cat "$TMP/login.json" >&2; die "login answered $code"; }
COOKIE=$(awk -F'\t' '$6 == "nct_session" { print $7 }' "$TMP/jar")
[[ -n $COOKIE ]] || die "the login set no nct_session cookie"

# --- 3. the dashboard and nginx -------------------------------------------------
code=$(curl -sS -o "$TMP/dashboard.html" -w '%{http_code}' -H "Cookie: nct_session=$COOKIE" "$NCT_URL/")
[[ $code == 200 ]] || die "GET / with the session cookie answered $code"
grep -q 'Tổng quan' "$TMP/dashboard.html" || say "warning: / does not look like the dashboard (no 'Tổng quan')"
PAGE_BYTES=$(stat -c %s "$TMP/dashboard.html")

NGINX_PORT=$(free_port)
NGINX_URL=http://127.0.0.1:$NGINX_PORT/dashboard.html
mkdir -p "$TMP/www" "$TMP/nginx"
# The same bytes as the page nct rendered: a static file of exactly its size.
cp "$TMP/dashboard.html" "$TMP/www/dashboard.html"
# nginx's workers drop to `nobody` when started as root: let them reach the file.
chmod 0711 "$TMP"
chmod 0755 "$TMP/www"
chmod 0644 "$TMP/www/dashboard.html"
cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 100000;
	default_type text/html;
	client_body_temp_path $TMP/nginx/body;
	proxy_temp_path $TMP/nginx/proxy;
	fastcgi_temp_path $TMP/nginx/fastcgi;
	uwsgi_temp_path $TMP/nginx/uwsgi;
	scgi_temp_path $TMP/nginx/scgi;
	server {
		listen 127.0.0.1:$NGINX_PORT;
		root $TMP/www;
	}
}
EOF
"$NGINX" -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" -g 'daemon off;' \
	>"$TMP/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
wait_up "$NGINX_PID" "$NGINX_URL" nginx "$TMP/nginx/error.log"
NGINX_BYTES=$(curl -sS "$NGINX_URL" | wc -c)
[[ $NGINX_BYTES == "$PAGE_BYTES" ]] || die "nginx served $NGINX_BYTES bytes, the page has $PAGE_BYTES"

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 4. wrk -------------------------------------------------------------------
# to_ms VALUE: wrk's "1.23ms" / "850.00us" / "1.02s" / "1.5m" -> milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		if (match(v, /[a-z]+$/)) { n = substr(v, 1, RSTART - 1); u = substr(v, RSTART) } else { n = v; u = "s" }
		f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
		if (f < 0) exit 1
		printf "%.2f", n * f }'
}

declare -A RPS P99 BAD
# run NAME URL [wrk args...]
run() {
	local name=$1 url=$2
	shift 2
	say "wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s $name"
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$@" "$url" >"$TMP/wrk-$name.txt"
	RPS[$name]=$(awk '$1 == "Requests/sec:" { printf "%.0f", $2 }' "$TMP/wrk-$name.txt")
	local p99
	p99=$(awk '$1 == "99%" { print $2; exit }' "$TMP/wrk-$name.txt")
	[[ -n ${RPS[$name]} && -n $p99 ]] || { cat "$TMP/wrk-$name.txt" >&2; die "cannot read wrk's output for $name"; }
	P99[$name]=$(to_ms "$p99")
	# Non-2xx answers (a lost session redirects to /login) or socket errors spoil a run.
	BAD[$name]=$(awk '/^  Non-2xx or 3xx responses:/ { printf "%s non-2xx ", $NF }
		/^  Socket errors:/ { sub(/^  Socket errors: /, ""); printf "socket errors: %s", $0 }' \
		"$TMP/wrk-$name.txt")
	[[ -z ${BAD[$name]} ]] || say "warning: $name: ${BAD[$name]}"
}
run healthz "$NCT_URL/healthz"
run dashboard "$NCT_URL/" -H "Cookie: nct_session=$COOKIE"
run nginx "$NGINX_URL"

# --- 5. memory ----------------------------------------------------------------
kill -0 "$NCT_PID" 2>/dev/null || die "nct serve died during the runs"
RSS_KB=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$NCT_PID/status")
HWM_KB=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$NCT_PID/status")
NCT_THREADS=$(awk '$1 == "Threads:" { print $2 }' "/proc/$NCT_PID/status")

# --- 6. report ----------------------------------------------------------------
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
RATIO=$(awk -v a="${RPS[dashboard]}" -v b="${RPS[nginx]}" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }')
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo "**not met**"; fi; }
T_RATIO=$(verdict "$RATIO >= 25")
T_P99_DASH=$(verdict "${P99[dashboard]} < 20")
T_P99_HEALTH=$(verdict "${P99[healthz]} < 20")
T_RSS=$(verdict "$RSS_KB < 30 * 1024")
[[ -z ${BAD[dashboard]} ]] || T_RATIO="**not met** (run had ${BAD[dashboard]})"

CPU=$(awk -F': *' '$1 ~ /^model name/ { print $2; exit }' /proc/cpuinfo)
CPU=${CPU:-unknown}
NPROC=$(nproc)
DATE=$(date '+%Y-%m-%d %H:%M %Z')

{
	printf '\n%-34s %12s %10s\n' target 'req/s' 'p99 ms'
	printf '%-34s %12s %10s\n' 'nct /healthz' "${RPS[healthz]}" "${P99[healthz]}"
	printf '%-34s %12s %10s\n' "nct / (logged in, $PAGE_BYTES B)" "${RPS[dashboard]}" "${P99[dashboard]}"
	printf '%-34s %12s %10s\n' "nginx static ($PAGE_BYTES B)" "${RPS[nginx]}" "${P99[nginx]}"
	printf '\nlogged-in page / nginx static: %s %%   (target >= 25 %%: %s)\n' "$RATIO" "$T_RATIO"
	printf 'p99 at %d connections: / %s ms, /healthz %s ms   (target < 20 ms: %s, %s)\n' \
		"$CONNECTIONS" "${P99[dashboard]}" "${P99[healthz]}" "$T_P99_DASH" "$T_P99_HEALTH"
	printf 'nct serve RSS after the runs: %s MB, peak %s MB   (target < 30 MB: %s)\n\n' \
		"$(mb "$RSS_KB")" "$(mb "$HWM_KB")" "$T_RSS"
} | sed 's/\*\*//g'

SECTION=$TMP/section.md
cat >"$SECTION" <<EOF
## http.sh

Last run: $DATE, \`bench/http.sh\` (wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s --latency).

- machine: $NPROC CPUs, $CPU; wrk, nct and nginx share it; load average before the runs $LOAD
- nct: $VERSION, buildtype $BUILDTYPE, repo at $COMMIT, \`serve --access-log off\`, default threads ($NCT_THREADS OS threads after the runs)
- store: \`nct init --demo\`; requests to \`/\` carry the admin's \`nct_session\` cookie (role admin)
- reference: nginx $("$NGINX" -v 2>&1 | sed 's|.*nginx/||'), worker_processes auto, access_log off, sendfile, serving the same $PAGE_BYTES bytes as a static file

| target | req/s | p99 ms | notes |
| --- | ---: | ---: | --- |
| nct \`/healthz\` | ${RPS[healthz]} | ${P99[healthz]} | ${BAD[healthz]:-} |
| nct \`/\` logged in ($PAGE_BYTES B) | ${RPS[dashboard]} | ${P99[dashboard]} | ${BAD[dashboard]:-} |
| nginx static file ($PAGE_BYTES B) | ${RPS[nginx]} | ${P99[nginx]} | ${BAD[nginx]:-} |

| goal (from the issue) | measured | verdict |
| --- | --- | --- |
| logged-in page >= 25 % of nginx static throughput | $RATIO % | $T_RATIO |
| p99 < 20 ms at $CONNECTIONS connections, logged-in page | ${P99[dashboard]} ms | $T_P99_DASH |
| p99 < 20 ms at $CONNECTIONS connections, \`/healthz\` | ${P99[healthz]} ms | $T_P99_HEALTH |
| \`nct serve\` RSS < 30 MB after the runs | $(mb "$RSS_KB") MB (peak VmHWM $(mb "$HWM_KB") MB) | $T_RSS |
EOF

# Keep the other scripts' sections; replace ours (or add it at the end).
if [[ ! -f $RESULTS ]]; then
	printf '# Benchmark results\n\nOne section per script under bench/, replaced each time that script runs.\n' >"$RESULTS"
fi
# Notes kept by hand below the generated part: a "### Notes" block inside the section.
awk -v section="$SECTION" '
	function emit(   line) { while ((getline line < section) > 0) print line; close(section) }
	/^## / {
		if (inside) { if (!notes) print ""; inside = 0 }
		if ($0 == "## http.sh") { inside = 1; done = 1; emit(); notes = 0; next }
	}
	inside && /^### Notes/ { notes = 1; print ""; }
	inside && !notes { next }
	{ print }
	END { if (!done) { print ""; emit() } }
' "$RESULTS" >"$TMP/RESULTS.md"
cat "$TMP/RESULTS.md" >"$RESULTS"
say "wrote the http.sh section of $RESULTS"
