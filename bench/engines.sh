#!/usr/bin/env bash
# bench/engines.sh - the logged-in page of bench/http.sh on SQLite and on PostgreSQL, with one
# and with two `nct serve` instances sharing one PostgreSQL (a throw-away cluster made by
# scripts/pg-cluster), all in one run on 127.0.0.1. Replaces the `## engines.sh` section of
# bench/RESULTS.md.
#
# usage: bench/engines.sh [path/to/nct]       (default build/nct; pass a release build)
# Environment: BENCH_SECONDS (default 10) per wrk run; BENCH_RESULTS (default bench/RESULTS.md).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS=${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}
SECS=${BENCH_SECONDS:-10}
NCT=$(cd "$(dirname "${1:-$ROOT/build/nct}")" && pwd)/$(basename "${1:-$ROOT/build/nct}")
PASSWORD="bench-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"
say() { printf 'engines.sh: %s\n' "$*" >&2; }

"$ROOT/scripts/bootstrap" --bench
[[ -x $NCT ]] || { say "no nct at $NCT (build it: meson setup build && ninja -C build)"; exit 1; }

TMP=$(mktemp -d /tmp/nct-engines.XXXXXX)
cleanup() {
	# serve() runs in a subshell ($(...)): its pids are kept in a file
	[[ -f $TMP/pids ]] && xargs -r kill <"$TMP/pids" 2>/dev/null || true
	wait 2>/dev/null || true
	"$ROOT/scripts/pg-cluster" stop "$TMP/pg" 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts `nct serve` on a free port for store $1; prints the port.
serve() {
	local port
	port=$(free_port)
	"$NCT" serve --db "$1" --listen "127.0.0.1:$port" --access-log off >>"$TMP/serve.log" 2>&1 &
	echo $! >>"$TMP/pids"
	for _ in $(seq 100); do
		curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && { echo "$port"; return; }
		sleep 0.1
	done
	say "nct serve did not start"; exit 1
}

# Logs in as admin on port $1; prints the session cookie.
login() {
	curl -s -i -H 'Content-Type: application/json' \
		-d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$1/api/v1/session" |
		sed -n 's/^Set-Cookie: \(nct_session=[0-9a-f]*\).*/\1/p'
}

# wrk against / with the cookie; prints "req/s p99ms".
bench() {
	local out
	out=$(wrk -t"$3" -c"$4" -d"${SECS}s" --latency -H "Cookie: $2" "http://127.0.0.1:$1/")
	local rps p99
	rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' <<<"$out")
	p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) sub(/ms$/, "", v); else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }' <<<"$out")
	echo "$rps $p99"
}

say "SQLite store"
NCT_ADMIN_PASSWORD=$PASSWORD "$NCT" init --db "$TMP/nct.db" --demo >/dev/null
P=$(serve "$TMP/nct.db"); C=$(login "$P")
read -r LITE_RPS LITE_P99 < <(bench "$P" "$C" 2 64)

say "PostgreSQL cluster"
ADMIN=$("$ROOT/scripts/pg-cluster" start "$TMP/pg")
psql -qAt "$ADMIN" -c "CREATE DATABASE bench" >/dev/null
URI=${ADMIN%/*}/bench
NCT_ADMIN_PASSWORD=$PASSWORD "$NCT" init --db "$URI" --demo >/dev/null
A=$(serve "$URI"); CA=$(login "$A")
read -r PG1_RPS PG1_P99 < <(bench "$A" "$CA" 2 64)

say "PostgreSQL, two instances"
B=$(serve "$URI")
# the session made through A, used on B too: one store, one session
bench "$A" "$CA" 1 32 >"$TMP/a" &
bench "$B" "$CA" 1 32 >"$TMP/b"
wait %1 2>/dev/null || wait
read -r RA PA <"$TMP/a"
read -r RB PB <"$TMP/b"
PG2_RPS=$((RA + RB))
PG2_P99=$(awk -v a="$PA" -v b="$PB" 'BEGIN { print (a > b ? a : b) }')

CPU=$(awk -F': *' '$1 ~ /^model name/ { print $2; exit }' /proc/cpuinfo)
SECTION=$TMP/section.md
cat >"$SECTION" <<EOT
## engines.sh

Last run: $(date '+%Y-%m-%d %H:%M %Z'), \`bench/engines.sh\` (wrk ${SECS}s per run, logged-in \`/\` as admin).

- machine: $(nproc) CPUs, ${CPU:-unknown}; wrk, nct and PostgreSQL share it
- nct: $("$NCT" version), PostgreSQL $(psql -V | awk '{print $3}') (throw-away cluster, fsync off)
- two instances: two \`nct serve\` on one database, one session shared, each under its own wrk
  (-t1 -c32), figures added up; p99 is the worse of the two

| store | instances | connections | req/s | p99 ms |
| --- | ---: | ---: | ---: | ---: |
| SQLite | 1 | 64 | $LITE_RPS | $LITE_P99 |
| PostgreSQL | 1 | 64 | $PG1_RPS | $PG1_P99 |
| PostgreSQL | 2 | 2 × 32 | $PG2_RPS | $PG2_P99 |

On one 2-core machine the two PostgreSQL instances compete with the database server and wrk for
the same cores, so the second instance shows sharing, not scaling; on separate app servers each
adds its own cores.
EOT
cat "$SECTION"
[[ -f $RESULTS ]] || printf '# Benchmark results\n' >"$RESULTS"
awk -v section="$SECTION" '
	function emit(   line) { while ((getline line < section) > 0) print line; close(section) }
	/^## / { if (inside) inside = 0; if ($0 == "## engines.sh") { inside = 1; done = 1; emit(); next } }
	inside { next }
	{ print }
	END { if (!done) { print ""; emit() } }
' "$RESULTS" >"$TMP/RESULTS.md"
cat "$TMP/RESULTS.md" >"$RESULTS"
say "wrote the engines.sh section of $RESULTS"
