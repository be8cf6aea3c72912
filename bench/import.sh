#!/usr/bin/env bash
# bench/import.sh - member imports into a province-scale store while another client writes.
#
# usage: bench/import.sh [--pg-cluster] [path/to/nct]
#
#   (default)      a SQLite store in a temp dir
#   --pg-cluster   PostgreSQL on a throw-away server (scripts/pg-cluster start)
#
# Default binary: build/nct under the repository root (built when missing); pass a release
# build for figures worth comparing.
#
# Builds a store as bench/clubs.sh does (nct init, an admin, nct gen --scale province), starts
# nct serve on 127.0.0.1 (its default threads), then imports BENCH_FILES files of BENCH_ROWS
# new members each (CSV, through POST /api/v1/clubs/CODE/members/import, one after the other,
# into the clubs of the store in turn: a club gets a second file when there are fewer clubs
# than files) while another client writes once a second through
# the API (POST /api/v1/clubs/CODE/activities into a club no file touches) and reads
# /healthz. Before the imports, BENCH_DRY dry runs of the first file run two at a time.
# Prints the import time, rows/s, and the other client's latencies (max, p95) and count
# of 503s, and replaces the `## import.sh` section of bench/RESULTS.md.
#
# Environment:
#   BENCH_FILES     files imported (default 200)
#   BENCH_ROWS      members per file (default 500, the most a file may hold:
#                   IMPORT_MAX_ROWS; a club has 50-70 members under Plan 327)
#   BENCH_DRY       dry runs before the imports, two at a time (default 2)
#   BENCH_SEED      nct gen --seed and the names' seed (default 1)
#   BENCH_RESULTS   the file to write the section to (default bench/RESULTS.md)
#
# Target (issue 7, defect 3): no 503, and every write of the other client under 200 ms.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS=${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}
FILES=${BENCH_FILES:-200}
ROWS=${BENCH_ROWS:-500}
DRY=${BENCH_DRY:-2}
SEED=${BENCH_SEED:-1}
PASSWORD="bench-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"

say() { printf 'import.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[[ $FILES =~ ^[1-9][0-9]*$ ]] || die "BENCH_FILES must be a positive whole number"
[[ $ROWS =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROWS must be a positive whole number"
[[ $DRY =~ ^[0-9]+$ ]] || die "BENCH_DRY must be a whole number"
[[ $SEED =~ ^[0-9]+$ ]] || die "BENCH_SEED must be a whole number"

ENGINE=sqlite
NCT=
HOW=bench/import.sh
while (($#)); do
	case $1 in
	--pg-cluster)
		ENGINE=postgresql
		HOW="bench/import.sh --pg-cluster"
		shift
		;;
	-h | --help)
		sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	-*) die "unknown option $1 (see --help)" ;;
	*)
		[[ -z $NCT ]] || die "usage: bench/import.sh [--pg-cluster] [path/to/nct]"
		NCT=$1
		shift
		;;
	esac
done

command -v python3 >/dev/null 2>&1 || die "python3 is needed"
if [[ $ENGINE == sqlite ]]; then
	command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 is needed"
else
	command -v psql >/dev/null 2>&1 || die "psql is needed"
fi

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

TMP=$(mktemp -d /tmp/nct-import.XXXXXX)
NCT_PID=
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
	[[ $ENGINE == postgresql ]] && { "$ROOT/scripts/pg-cluster" stop "$TMP/pg" || true; }
	rm -rf "$TMP"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $ENGINE == postgresql ]]; then
	say "starting a throw-away PostgreSQL (scripts/pg-cluster)"
	ADMIN=$("$ROOT/scripts/pg-cluster" start "$TMP/pg") || die "scripts/pg-cluster start failed"
	psql "$ADMIN" -X -qc "CREATE DATABASE nct_bench_import" >/dev/null
	STORE=${ADMIN%/*}/nct_bench_import
	ENGINE_VERSION="PostgreSQL $(psql "$ADMIN" -X -qAtc 'SHOW server_version' | cut -d' ' -f1)"
	sql_one() { psql "$STORE" -X -qAt -c "$1"; }
else
	STORE=$TMP/province.db
	ENGINE_VERSION="SQLite"
	sql_one() { sqlite3 -readonly "$STORE" "$1"; }
fi

say "nct init, an admin, nct gen --scale province --seed $SEED"
"$NCT" init --db "$STORE" >"$TMP/init.log" 2>&1 &&
	NCT_PASSWORD=$PASSWORD "$NCT" user add admin --name "Quản trị" --role admin --db "$STORE" >>"$TMP/init.log" 2>&1 ||
	{ cat "$TMP/init.log" >&2; die "nct init failed"; }
"$NCT" gen --db "$STORE" --scale province --seed "$SEED" >"$TMP/gen.log" 2>&1 ||
	{ cat "$TMP/gen.log" >&2; die "nct gen failed"; }
TOKEN=$("$NCT" user token admin --name bench --days 1 --db "$STORE" 2>>"$TMP/init.log" | tail -1)
[[ -n $TOKEN ]] || die "nct user token printed nothing"
PERSONS=$(sql_one "SELECT COUNT(*) FROM persons")
# clubs whose commune is in force: a new member lives there (the file has no place column)
CLUBS=$(sql_one "SELECT c.code FROM clubs c JOIN places p ON p.id = c.place_id WHERE p.valid_to IS NULL ORDER BY c.id LIMIT $((FILES + 1))" | tr '\n' ' ')

PORT=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()')
"$NCT" serve --db "$STORE" --listen "127.0.0.1:$PORT" --access-log off --max-body $((16 * 1048576)) \
	>"$TMP/serve.log" 2>&1 &
NCT_PID=$!
for _ in $(seq 300); do
	kill -0 "$NCT_PID" 2>/dev/null || { cat "$TMP/serve.log" >&2; die "nct serve exited at start"; }
	curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
	sleep 0.1
done

say "$FILES files of $ROWS members into a store of $PERSONS people; another client writes once a second"
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$PORT" "$TOKEN" "$ROWS" "$DRY" "$SEED" "$TMP/figures" "$FILES" $CLUBS <<'EOF'
import http.client, json, math, random, sys, threading, time

port, token, rows, dry, seed, out = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
nfiles, clubs = int(sys.argv[7]), sys.argv[8:]
writer_club, import_clubs = clubs[0], clubs[1:]
H = {"Authorization": "Bearer " + token}

def call(method, path, body=None, ctype=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    h = dict(H)
    if ctype:
        h["Content-Type"] = ctype
    t0 = time.monotonic()
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    t = time.monotonic() - t0
    c.close()
    return r.status, t, data

rng = random.Random(seed)
fam = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Mai Tạ Cao".split()
mid = "Thị Văn Hữu Đức Minh Thanh Ngọc Xuân Thu Hồng Kim Quang".split()
giv = ("An Bình Chi Dung Giang Hà Hải Hạnh Hoa Hùng Hương Khánh Lan Linh Long Mai Minh Nam Nga "
       "Phúc Quân Sơn Tâm Thảo Thắng Trang Tuấn Tùng Vân Yến Bảo Cúc Đào Hiền Lộc Nhung Oanh").split()

seen = set()  # over all files: every row is a new person
def a_file():
    lines = ["full_name,sex,birth,joined_on"]
    while len(lines) <= rows:
        name = "%s %s %s %s" % (rng.choice(fam), rng.choice(mid), rng.choice(mid), rng.choice(giv))
        birth = "%04d-%02d-%02d" % (rng.randint(1930, 1965), rng.randint(1, 12), rng.randint(1, 28))
        if (name, birth) in seen:
            continue
        seen.add((name, birth))
        lines.append("%s,%s,%s,2025-12-31" % (name, "F" if " Thị " in name else "M", birth))
    return ("\n".join(lines) + "\n").encode()

files = [a_file() for _ in range(nfiles)]

writes, health, stop = [], [], threading.Event()
def other_client():
    n = 0
    while not stop.is_set():
        n += 1
        body = json.dumps({"on_date": "2025-12-01", "area": "health", "title": "Bench %d" % n,
                           "participants": 10}).encode()
        try:
            s, t, _ = call("POST", "/api/v1/clubs/%s/activities" % writer_club, body, "application/json")
        except Exception:
            s, t = 0, 0.0
        writes.append((s, t))
        try:
            s, t, _ = call("GET", "/healthz")
        except Exception:
            s, t = 0, 0.0
        health.append((s, t))
        stop.wait(1.0)

w = threading.Thread(target=other_client, daemon=True)
w.start()
time.sleep(2)

dry_times = []
for k in range(0, dry, 2):  # two dry runs at once
    res = []
    def one(): res.append(call("POST", "/api/v1/clubs/%s/members/import?dry_run=1" % import_clubs[0], files[0], "text/csv"))
    ts = [threading.Thread(target=one) for _ in range(min(2, dry - k))]
    for t in ts: t.start()
    for t in ts: t.join()
    for s, t, data in res:
        if s != 200:
            stop.set()
            sys.exit("a dry run answered %d: %s" % (s, data[:300]))
        dry_times.append(t)

t0 = time.monotonic()
each = []
for k, body in enumerate(files):
    club = import_clubs[k % len(import_clubs)]
    s, t, data = call("POST", "/api/v1/clubs/%s/members/import" % club, body, "text/csv")
    rep = json.loads(data) if s == 200 else {}
    if s != 200 or rep["rows"] != rows or not rep["written"]:
        stop.set()
        sys.exit("the import into %s answered %d: %s" % (club, s, data[:300]))
    each.append(t)
total = time.monotonic() - t0
time.sleep(1.5)
stop.set()
w.join()

def pct(v, p):
    v = sorted(v)
    return v[max(0, math.ceil(p / 100 * len(v)) - 1)] if v else 0.0

lat = [t * 1000 for s, t in writes if s == 201]
hl = [t * 1000 for s, t in health]
fig = {
    "rows": rows * len(files), "files": len(files), "clubs_used": min(len(files), len(import_clubs)),
    "total_s": total,
    "rps": rows * len(files) / total, "file_max_s": max(each), "file_med_s": pct(each, 50),
    "dry_max_s": max(dry_times) if dry_times else 0, "dry_n": len(dry_times),
    "writes": len(writes), "ok": len(lat), "w503": sum(1 for s, _ in writes if s == 503),
    "wother": sorted(set(s for s, _ in writes if s not in (201, 503))),
    "wmax": max(lat) if lat else 0, "wp95": pct(lat, 95), "wmed": pct(lat, 50),
    "hmax": max(hl) if hl else 0, "h503": sum(1 for s, _ in health if s == 503),
}
json.dump(fig, open(out, "w"))
EOF
kill -0 "$NCT_PID" 2>/dev/null || die "nct serve died during the run"
stop "$NCT_PID"
NCT_PID=

F=$TMP/figures
fig() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print(("%.'"${2:-0}"'f" % v) if isinstance(v, float) else v)' "$F" "$1"; }
CPU=$(awk -F': *' '$1 ~ /^model name/ { print $2; exit }' /proc/cpuinfo)
VERDICT="**not met**"
python3 -c 'import json,sys; f=json.load(open(sys.argv[1])); sys.exit(0 if f["w503"] == 0 and f["wmax"] < 200 and not f["wother"] else 1)' "$F" && VERDICT=met

SECTION=$TMP/section.md
{
	echo "## import.sh"
	echo
	echo "Last run: $(date '+%Y-%m-%d %H:%M %Z'), \`$HOW\` ($ENGINE_VERSION; nct gen --scale province --seed $SEED: $PERSONS people before the imports)."
	echo
	echo "- machine: $(nproc) CPUs, ${CPU:-unknown}; nct, the clients and the database share it; load average before the run $LOAD"
	echo "- nct: $VERSION, buildtype $BUILDTYPE, repo at $COMMIT; \`nct serve\` with its default threads"
	echo "- imports: $(fig files) CSV files of $ROWS new members, one after the other, into $(fig clubs_used) clubs in turn (\`POST /api/v1/clubs/CODE/members/import\`, a bearer token); before them $(fig dry_n) dry runs of the first file, two at a time"
	echo "- the other client: \`POST /api/v1/clubs/CODE/activities\` into another club and \`GET /healthz\`, once a second, from 2 s before the imports to 1.5 s after"
	echo
	echo "| what | figure |"
	echo "| --- | ---: |"
	echo "| members imported | $(fig rows) |"
	echo "| import time, all files | $(fig total_s 1) s |"
	echo "| rows/s | $(fig rps) |"
	echo "| one file of $ROWS, median / max | $(fig file_med_s 2) s / $(fig file_max_s 2) s |"
	echo "| a dry run of $ROWS (two at once), max | $(fig dry_max_s 2) s |"
	echo "| the other client's writes (201 / 503 / other) | $(fig ok) / $(fig w503) / $(fig wother) |"
	echo "| its write latency, median / p95 / max | $(fig wmed 1) / $(fig wp95 1) / $(fig wmax 1) ms |"
	echo "| its /healthz, max (503s) | $(fig hmax 1) ms ($(fig h503)) |"
	echo
	echo "| goal (issue 7, defect 3) | measured | verdict |"
	echo "| --- | --- | --- |"
	echo "| no 503 and every write of the other client under 200 ms | $(fig w503) × 503, max $(fig wmax 1) ms | $VERDICT |"
} >"$SECTION"
sed 's/\*\*//g; s/`//g' "$SECTION" >&2

if [[ ! -f $RESULTS ]]; then
	printf '# Benchmark results\n\nOne section per script under bench/, replaced each time that script runs.\n' >"$RESULTS"
fi
awk -v section="$SECTION" -v name="## import.sh" '
	function emit(   line) { while ((getline line < section) > 0) print line; close(section) }
	/^## / {
		if (inside) { if (!notes) print ""; inside = 0 }
		if ($0 == name) { inside = 1; done = 1; emit(); notes = 0; next }
	}
	inside && /^### Notes/ { notes = 1; print ""; }
	inside && !notes { next }
	{ print }
	END { if (!done) { print ""; emit() } }
' "$RESULTS" >"$TMP/RESULTS.md"
cat "$TMP/RESULTS.md" >"$RESULTS"
say "wrote the import.sh section of $RESULTS"
