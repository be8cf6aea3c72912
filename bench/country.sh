#!/usr/bin/env bash
# bench/country.sh - the register of the whole country (issue 8's "16 million": the search by
# folded name and the celebration list under 1 s) on SQLite, in a store kept between runs.
#
# usage: bench/country.sh [path/to/nct]
#
# When BENCH_STORE does not exist, builds it (timed, each step's peak RSS by /usr/bin/time -v):
#   1. nct init (the map of 2025-07-01, no demo);
#   2. BENCH_PERSONS older people written straight into it by bench/country-gen.sql (sqlite3,
#      one INSERT, spread over all 3,321 communes in force; names of bench/register.sh's file),
#      with the persons' secondary indexes other than persons_sort (which the indexing walks)
#      and person_facts_place set aside while the rows go in;
#   3. nct init again: nct's own indexing (person_reindex: derived names, ICU sort keys, search
#      keys, a residence fact each);
#   4. the indexes set aside created again from their own SQL (no ANALYZE: nct runs none).
# The build's figures are kept beside the store (BENCH_STORE.gen) for the section.
# Then, on the store as it is (built now or kept), with `nct serve` on 127.0.0.1:
#   - BENCH_SEARCHES searches GET /api/v1/persons?q=... (register.sh's queries, same seed) as
#     the admin (the whole country) and as a province officer of BENCH_PROVINCE;
#   - GET /api/v1/persons (the register's first page) as each;
#   - GET /api/v1/celebrations?year=BENCH_YEAR as the admin (the whole country: first page of
#     1,000 and the exact total) and as the province officer (the province), and of one commune;
#   each BENCH_REPEAT times after a warm-up request, with the server's CPU (/proc, user + system)
#   and its peak RSS (VmHWM), and the floor: the country's celebration rows counted by one
#   hand-written query in the sqlite3 shell.
# Prints the figures and replaces the `## country.sh` section of bench/RESULTS.md (its
# `### Notes` kept). To time another binary on the kept store: `bench/country.sh path/to/nct`
# (a binary with new migrations applies them to the store: copy the store first to keep it).
#
# Environment:
#   BENCH_STORE     the SQLite store (default /work/big/country.db); built when missing
#   BENCH_PERSONS   people written when the store is built (default 16000000)
#   BENCH_SEARCHES  searches timed as each user (default 50)
#   BENCH_REPEAT    timed requests of each list (default 5)
#   BENCH_PROVINCE  the province officer's province (default 51, Quảng Ngãi)
#   BENCH_YEAR      the celebrations' year (default 2026)
#   BENCH_RESULTS   the file to write the section to (default bench/RESULTS.md)
# Targets (issue 8): the search by folded name and the celebration list for the country of 16
# million under 1 s.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STORE=${BENCH_STORE:-/work/big/country.db}
PERSONS=${BENCH_PERSONS:-16000000}
SEARCHES=${BENCH_SEARCHES:-50}
REPEAT=${BENCH_REPEAT:-5}
PROVINCE=${BENCH_PROVINCE:-51}
YEAR=${BENCH_YEAR:-2026}
RESULTS=${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}
PASSWORD=bench-country-pw

say() { printf 'country.sh: %s\n' "$*" >&2; }
die() {
	say "$*"
	exit 1
}
case ${1:-} in
-h | --help)
	sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
	exit 0
	;;
esac
[[ $PERSONS =~ ^[1-9][0-9]*$ ]] || die "BENCH_PERSONS must be a positive whole number"
[[ $SEARCHES =~ ^[1-9][0-9]*$ && $REPEAT =~ ^[1-9][0-9]*$ ]] || die "BENCH_SEARCHES and BENCH_REPEAT must be positive whole numbers"
[[ $PROVINCE =~ ^[0-9]+$ ]] || die "BENCH_PROVINCE must be a province code"
[[ $YEAR =~ ^[0-9]{4}$ ]] || die "BENCH_YEAR must be a year"
NCT=${1:-$ROOT/build/nct}
[[ -x $NCT ]] || die "no executable nct at $NCT (ninja -C build)"
for c in python3 sqlite3 /usr/bin/time; do command -v $c >/dev/null || die "needs $c"; done
NCT=$(cd "$(dirname "$NCT")" && pwd)/$(basename "$NCT")
VERSION=$("$NCT" version)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ $COMMIT != unknown ]] && [[ -n $(git -C "$ROOT" status --porcelain -- src meson.build 2>/dev/null) ]]; then
	COMMIT="$COMMIT (with uncommitted changes)"
fi

TMP=$(mktemp -d /tmp/nct-country.XXXXXX)
SERVE_PID=
cleanup() {
	[[ -n $SERVE_PID ]] && kill -TERM "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# timed FILE: "wall-less" figures of a /usr/bin/time -v output: "CPU_s peak_MB"
timed() { python3 -c "import re,sys; t=open(sys.argv[1]).read()
cpu=sum(float(x) for x in re.findall(r'(?:User|System) time \(seconds\): ([0-9.]+)', t))
rss=int(re.search(r'Maximum resident set size \(kbytes\): ([0-9]+)', t).group(1))
print('%.1f %.0f' % (cpu, rss / 1024))" "$1"; }

if [[ ! -f $STORE ]]; then
	[[ ! -e $STORE.gen ]] || rm -f "$STORE.gen"
	mkdir -p "$(dirname "$STORE")"
	BUILD=$STORE.building
	rm -f "$BUILD" "$BUILD-wal" "$BUILD-shm"
	say "nct init $BUILD"
	"$NCT" init --db "$BUILD" >"$TMP/init1.log" 2>&1 || { cat "$TMP/init1.log" >&2; die "nct init failed"; }
	# The indexes set aside while the rows go in, as their own SQL.
	ASIDE="(tbl_name = 'persons' AND name <> 'persons_sort') OR name = 'person_facts_place'"
	sqlite3 "$BUILD" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND ($ASIDE)" >"$STORE.indexes.sql"
	sqlite3 "$BUILD" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND ($ASIDE)" | sqlite3 "$BUILD"
	say "writing $PERSONS persons (bench/country-gen.sql)"
	t0=$(now)
	sed "s/{{N}}/$PERSONS/g" "$ROOT/bench/country-gen.sql" >"$TMP/gen.sql"
	/usr/bin/time -v sqlite3 "$BUILD" <"$TMP/gen.sql" >/dev/null 2>"$TMP/gen.time" || { tail "$TMP/gen.time" >&2; die "the generator failed"; }
	GEN_S=$(secs "$t0" "$(now)")
	read -r GEN_CPU GEN_MB <<<"$(timed "$TMP/gen.time")"
	say "written: $GEN_S s wall, $GEN_CPU s CPU, peak $GEN_MB MB"
	say "indexing them (nct init: person_reindex)"
	t0=$(now)
	/usr/bin/time -v "$NCT" init --db "$BUILD" >"$TMP/init2.log" 2>"$TMP/init2.time" || { cat "$TMP/init2.log" "$TMP/init2.time" >&2; die "nct init failed"; }
	IDX_S=$(secs "$t0" "$(now)")
	read -r IDX_CPU IDX_MB <<<"$(timed "$TMP/init2.time")"
	INDEXED=$(sed -n 's/.*register: \([0-9]*\) persons indexed.*/\1/p' "$TMP/init2.log")
	say "indexed ${INDEXED:-?}: $IDX_S s wall, $IDX_CPU s CPU, peak $IDX_MB MB"
	say "creating the indexes set aside again"
	t0=$(now)
	/usr/bin/time -v sqlite3 "$BUILD" <"$STORE.indexes.sql" >/dev/null 2>"$TMP/ix.time" || { tail "$TMP/ix.time" >&2; die "creating the indexes failed"; }
	IX_S=$(secs "$t0" "$(now)")
	read -r IX_CPU IX_MB <<<"$(timed "$TMP/ix.time")"
	sqlite3 "$BUILD" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	say "indexes: $IX_S s wall, $IX_CPU s CPU, peak $IX_MB MB"
	NCT_PASSWORD=$PASSWORD "$NCT" user add bench --name "Bench" --role admin --db "$BUILD" >/dev/null
	NCT_PASSWORD=$PASSWORD "$NCT" user add benchprov --name "Bench tỉnh" --role province --place "$PROVINCE" --db "$BUILD" >/dev/null
	mv "$BUILD" "$STORE"
	rm -f "$BUILD-wal" "$BUILD-shm"
	cat >"$STORE.gen" <<EOF
- built $(date -u '+%Y-%m-%d %H:%M UTC') by $VERSION at $COMMIT: $PERSONS persons written by bench/country-gen.sql in $GEN_S s wall ($GEN_CPU s CPU, peak $GEN_MB MB); nct init's indexing (${INDEXED:-?} persons) $IDX_S s wall ($IDX_CPU s CPU, peak $IDX_MB MB); the indexes set aside created again in $IX_S s wall ($IX_CPU s CPU, peak $IX_MB MB); load at the end $(cut -d' ' -f1-3 /proc/loadavg)
EOF
	say "kept the store in $STORE ($(du -h "$STORE" | cut -f1))"
fi

DB=$STORE
PEOPLE=$(sqlite3 "$DB" "SELECT COUNT(*) FROM persons")
COMMUNE=$(sqlite3 "$DB" "SELECT pl.code FROM persons p JOIN places pl ON pl.id = p.place_id WHERE p.id = (SELECT MIN(id) FROM persons)")
DBSIZE=$(du -h "$DB" | cut -f1)
NCT_PASSWORD=$PASSWORD "$NCT" user add bench --name "Bench" --role admin --db "$DB" >/dev/null 2>&1 || true
NCT_PASSWORD=$PASSWORD "$NCT" user add benchprov --name "Bench tỉnh" --role province --place "$PROVINCE" --db "$DB" >/dev/null 2>&1 || true

# The floor: the country's celebration rows (70, 75, ..., 100 and over 100, alive on 1 January),
# counted by one hand-written query over the births (persons_birth_sort since 0030).
ranges=""
for a in 70 75 80 85 90 95 100; do
	ranges="$ranges OR (p.birth_start >= '$((YEAR - a))-01-01' AND p.birth_start < '$((YEAR - a + 1))-01-01')"
done
FLOOR_SQL="SELECT COUNT(*) FROM persons p WHERE p.merged_into IS NULL
 AND (p.died_on IS NULL OR p.died_on >= '$YEAR-01-01')
 AND (p.birth_start < '$((YEAR - 100))-01-01'$ranges);"
say "floor: the country's celebration rows counted in the sqlite3 shell"
: >"$TMP/floor.times"
for _ in 1 2; do
	printf '.timer on\n%s\n' "$FLOOR_SQL" | sqlite3 "$DB" >"$TMP/floor.out" 2>&1
	awk '/^Run Time:/ { print $4, $6 + $8 }' "$TMP/floor.out" >>"$TMP/floor.times"
done
FLOOR_ROWS=$(head -1 "$TMP/floor.out")
read -r FLOOR_S FLOOR_CPU <<<"$(sort -n "$TMP/floor.times" | head -1)"
say "floor: $FLOOR_ROWS rows, $FLOOR_S s wall, $FLOOR_CPU s CPU (the better of 2)"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$NCT" serve --db "$DB" --listen "127.0.0.1:$PORT" --access-log off 2>"$TMP/serve.err" &
SERVE_PID=$!
say "nct serve on $PORT; searches and lists"
python3 - "$PORT" "$SERVE_PID" "$SEARCHES" "$REPEAT" "$PASSWORD" "$YEAR" "$COMMUNE" >"$TMP/rows.md" <<'PYEOF'
import http.client, json, os, random, statistics, sys, time, urllib.parse
port, pid, n, repeat, pw, year, commune = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6], sys.argv[7]
tick = os.sysconf("SC_CLK_TCK")
def cpu():  # the server's user + system time, ms
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000.0 / tick
def hwm():  # the server's peak RSS, MB
    for l in open("/proc/%d/status" % pid):
        if l.startswith("VmHWM:"):
            return int(l.split()[1]) / 1024
def reset():
    try:
        open("/proc/%d/clear_refs" % pid, "w").write("5")
    except OSError:
        pass
for _ in range(3000):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        c.request("GET", "/healthz"); c.getresponse().read(); break
    except (OSError, http.client.HTTPException):
        c.close()
        if not os.path.exists("/proc/%d" % pid):
            sys.exit("the server exited before answering")
        time.sleep(0.1)
c = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
def login(user):
    c.request("POST", "/api/v1/session", json.dumps({"username": user, "password": pw}),
              {"Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    if r.status not in (200, 201):
        sys.exit("login of %s answered %d" % (user, r.status))
    return r.getheader("Set-Cookie").split(";")[0]
users = {"admin": login("bench"), "province officer": login("benchprov")}
def get(path, cookie):
    t, c0 = time.monotonic(), cpu()
    c.request("GET", path, headers={"Cookie": cookie})
    r = c.getresponse(); body = r.read()
    ms, cms = (time.monotonic() - t) * 1000, cpu() - c0
    if r.status != 200:
        sys.exit("%s answered %d: %s" % (path, r.status, body[:200]))
    return ms, cms, json.loads(body)
def pct(v, q):
    v = sorted(v); return v[max(0, -(-len(v) * q // 100) - 1)]
def total(o):
    return ("%d" if o.get("total_exact", True) else "more than %d") % o["total"]
queries = ["nguyen van h", "y hi", "a blo", "tran thi", "pho", "le van minh", "y nhen", "a r"]
print("| request | as | rows: total | median ms | p95 ms | max ms | server CPU ms a request | server peak RSS MB |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for who, cookie in users.items():
    rnd = random.Random(3)  # register.sh's order of queries
    reset()
    times, cpus, per = [], [], {}
    for i in range(n):
        q = rnd.choice(queries)
        ms, cms, o = get("/api/v1/persons?q=" + urllib.parse.quote(q), cookie)
        times.append(ms); cpus.append(cms)
        per.setdefault(q, []).append((ms, cms, total(o)))
    print("| search by folded name, %d requests (the 8 queries of register.sh) | %s | | %.1f | %.1f | %.1f | %.1f | %.0f |" % (
        n, who, statistics.median(times), pct(times, 95), max(times), sum(cpus) / n, hwm()))
    for q, v in sorted(per.items()):
        print("| `q=%s` (%d of them) | %s | %s | %.1f | %.1f | %.1f | %.1f | |" % (
            q, len(v), who, v[0][2], statistics.median(x[0] for x in v), pct([x[0] for x in v], 95),
            max(x[0] for x in v), sum(x[1] for x in v) / len(v)))
    sys.stdout.flush()
def lst(name, path, who, k=repeat):
    cookie = users[who]
    reset()
    get(path, cookie)  # a warm-up request
    v = [get(path, cookie) for _ in range(k)]
    o = v[0][2]
    rows = o.get("people", o.get("persons", []))
    print("| %s `GET %s` | %s | %s (%d on the page) | %.1f | %.1f | %.1f | %.1f | %.0f |" % (
        name, path, who, total(o), len(rows), statistics.median(x[0] for x in v),
        pct([x[0] for x in v], 95), max(x[0] for x in v), sum(x[1] for x in v) / k, hwm()))
    sys.stdout.flush()
lst("the register's first page", "/api/v1/persons", "admin")
lst("the register's first page", "/api/v1/persons", "province officer")
lst("the country's celebrations, first page of 1,000", "/api/v1/celebrations?year=" + year, "admin")
lst("the country's celebrations, a page of 50", "/api/v1/celebrations?year=%s&per_page=50" % year, "admin")
lst("the province's celebrations", "/api/v1/celebrations?year=" + year, "province officer")
lst("a commune's celebrations", "/api/v1/celebrations?place=%s&year=%s" % (commune, year), "admin")
for q in ["nguyen", "thi", "h"]:  # common prefixes: millions of matches, walked
    lst("a common prefix,", "/api/v1/persons?q=" + q, "admin", 1)
PYEOF
kill -TERM "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null || true
SERVE_PID=
cat "$TMP/rows.md"
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
COUNTRY=$(awk -F'|' '/country.s celebrations, first page/ { gsub(/ /, "", $4); print $4; exit }' "$TMP/rows.md")
COUNTRY=${COUNTRY%%(*}
[[ $COUNTRY == "$FLOOR_ROWS" ]] && AGREE="nct's country total and the floor agree ($FLOOR_ROWS people)" ||
	AGREE="**nct's country total is $COUNTRY, the floor counts $FLOOR_ROWS**"
SECTION=$TMP/section.md
{
	echo "## country.sh"
	echo
	echo "Last run: $(date -u '+%Y-%m-%d %H:%M UTC'), \`bench/country.sh\` (SQLite; $VERSION at $COMMIT; $(nproc) CPUs, load average after the run $LOAD)."
	echo
	echo "- store: $PEOPLE persons in the 3,321 communes in force ($DBSIZE, $DB); the province officer's province $PROVINCE, the commune $COMMUNE"
	[[ -f $STORE.gen ]] && cat "$STORE.gen"
	echo "- $AGREE; the floor (the count alone, in the sqlite3 shell): $FLOOR_S s wall, $FLOOR_CPU s CPU"
	echo
	cat "$TMP/rows.md"
	echo
	echo "Targets (issue 8): the search by folded name and the celebration list for the country of 16 million under 1 s."
} >"$SECTION"
python3 "$ROOT/bench/section.py" "$RESULTS" country.sh "$SECTION"
say "wrote the section to $RESULTS"
