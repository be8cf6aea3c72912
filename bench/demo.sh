#!/usr/bin/env bash
# bench/demo.sh - how long `nct init --demo` takes on SQLite and, given a
# PostgreSQL server, on PostgreSQL (the e2e harness makes its stores this way
# and allows 900 s a store).
#
# usage: bench/demo.sh [path/to/nct] [--pg ADMIN_URI]
#
# ADMIN_URI: postgresql://postgres@127.0.0.1:PORT/postgres of a throw-away server
# (scripts/pg-cluster start DIR); a database is made on it and dropped after.
# Prints wall and CPU time (user + system, the nct process only: PostgreSQL's own
# work is in the wall time), the load average at the start, and each stage's
# wall time from the lines nct init prints, and replaces the `## demo.sh`
# section of bench/RESULTS.md (BENCH_RESULTS to write elsewhere).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS=${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}
say() { printf 'demo.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

NCT=$ROOT/build/nct
PG=
while (($#)); do
	case $1 in
	--pg) PG=${2:?--pg needs a URI}; shift 2 ;;
	-*) die "usage: bench/demo.sh [path/to/nct] [--pg ADMIN_URI]" ;;
	*) NCT=$1; shift ;;
	esac
done
[[ -x $NCT ]] || die "no executable nct at $NCT"
NCT=$(cd "$(dirname "$NCT")" && pwd)/$(basename "$NCT")
VERSION=$("$NCT" version) || die "$NCT version failed: is it nct?"
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
TMP=$(mktemp -d)
DB_PG=
cleanup() {
	[[ -n $DB_PG ]] && psql -qAt "$PG" -c "DROP DATABASE IF EXISTS $DB_PG" >/dev/null 2>&1
	rm -rf "$TMP"
}
trap cleanup EXIT

# one run: prints "wall user sys" (s) and leaves the stamped output in $TMP/$1.out
run() {
	local name=$1 store=$2
	(
		cd "$TMP"
		NCT_ADMIN_PASSWORD="bench-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
			/usr/bin/time -f '%e %U %S' -o "$TMP/$name.time" \
			stdbuf -oL "$NCT" init --db "$store" --demo 2>&1 |
			while IFS= read -r line; do printf '%s %s\n' "$(date +%s.%N)" "$line"; done >"$TMP/$name.out"
	) || die "nct init --demo on $name failed: $(tail -3 "$TMP/$name.out")"
	cat "$TMP/$name.time"
}

# the seconds each printed line came after the one before it, for the lines of the demo
stages() {
	awk -v t0="$2" '{ t = $1; $1 = ""; if ($0 ~ /^ demo:|^ store /) printf "  - %.1f s:%s\n", t - t0, substr($0, 1, 90); t0 = t }' "$TMP/$1.out"
}

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
ROWS=()
NOTES=()
t0=$(date +%s.%N)
read -r wall user sys < <(run sqlite "$TMP/demo.db")
ROWS+=("| SQLite | $wall | $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') |")
NOTES+=("SQLite, each line's seconds after the one before:" "$(stages sqlite "$t0")")
say "SQLite: $wall s wall, $user s user, $sys s sys"
if [[ -n $PG ]]; then
	DB_PG="nct_bench_demo_$$"
	psql -qAt "$PG" -c "CREATE DATABASE $DB_PG" >/dev/null || die "cannot create a database on $PG"
	t0=$(date +%s.%N)
	read -r wall user sys < <(run pg "${PG%/*}/$DB_PG")
	ROWS+=("| PostgreSQL | $wall | $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') |")
	NOTES+=("PostgreSQL, each line's seconds after the one before:" "$(stages pg "$t0")")
	say "PostgreSQL: $wall s wall, $user s user, $sys s sys"
fi

SECTION=$TMP/section.md
{
	echo "## demo.sh"
	echo
	echo "Last run: $(date -u '+%Y-%m-%d %H:%M UTC'), \`bench/demo.sh\` ($VERSION, commit $COMMIT;"
	echo "load average at the start $LOAD on $(nproc) cores)."
	echo
	echo "| engine | wall s | nct CPU s (user + system) |"
	echo "| --- | ---: | ---: |"
	printf '%s\n' "${ROWS[@]}"
	echo
	printf '%s\n' "${NOTES[@]}"
	if [[ -f $RESULTS ]] && awk '/^## demo.sh/{f=1;next} /^## /{f=0} f && /^### Notes/{n=1} f && n' "$RESULTS" | grep -q .; then
		echo
		awk '/^## demo.sh/{f=1;next} /^## /{f=0} f && /^### Notes/{n=1} f && n' "$RESULTS"
	fi
} >"$SECTION"
python3 - "$RESULTS" "$SECTION" <<'PY'
import re, sys
try:
    old = open(sys.argv[1]).read()
except FileNotFoundError:
    old = ""
new = open(sys.argv[2]).read().rstrip("\n") + "\n"
m = re.search(r"^## demo\.sh\n.*?(?=^## |\Z)", old, re.S | re.M)
if m:
    out = old[:m.start()] + new + ("\n" if m.end() < len(old) else "") + old[m.end():]
else:
    out = (old.rstrip("\n") + "\n\n" if old else "") + new
open(sys.argv[1], "w").write(out)
PY
cat "$SECTION"
