#!/usr/bin/env bash
# bench/register.sh - the register at scale: nct import persons against the engine's own bulk load
# of the same file, and the search by folded name (issue 8, "Benchmark").
#
# usage: bench/register.sh [--pg-cluster] [path/to/nct]
#
#   (default)      a SQLite store in a temp dir
#   --pg-cluster   PostgreSQL on a throw-away server (scripts/pg-cluster start)
#
# Steps: nct init (the map, no demo); a CSV of BENCH_PERSONS persons aged 60+ written as a
# commune keeps it (Vietnamese header, births 15/03/1950 / 03/1950 / 1950, names of the demo's
# pools with a number so that they are many, citizen IDs, the communes of Quảng Ngãi); the
# engine's bulk load of that file into a bare table (sqlite3 .import / psql \copy), timed; the
# check pass alone (nct import persons --dry-run, and the base binary's first), timed; then
# nct import persons of the same file (both passes, validated, all or nothing), timed with
# its peak RSS (/usr/bin/time -v); then nct serve and BENCH_SEARCHES searches
# GET /api/v1/persons?q=... by a folded name prefix as the admin, then the same as Quảng Ngãi's
# province officer (a search within places), timed from the client.
# Prints the figures and replaces the `## register.sh` section of bench/RESULTS.md.
#
# Environment:
#   BENCH_PERSONS   rows of the file (default 1000000)
#   BENCH_SEARCHES  searches timed (default 50)
#   BENCH_RESULTS   the file to write the section to (default bench/RESULTS.md)
#   BENCH_BASE      another nct binary (the code before a change): its check pass (--dry-run),
#                   searches and /persons are timed first on the same store, in the same run
#   BENCH_STORE     a SQLite file: when it exists, the store to search (no init, load or
#                   import, and the section is not rewritten); else the store built is kept there
#
# Targets (issue 8): the import within 3x the bulk load, memory bounded (streamed); a search
# under 50 ms at 200,000 older people (under 1 s at 16 million).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ENGINE=sqlite
NCT=
PERSONS=${BENCH_PERSONS:-1000000}
SEARCHES=${BENCH_SEARCHES:-50}
RESULTS=${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}
BASE=${BENCH_BASE:-}
STORE=${BENCH_STORE:-}
REUSED=

say() { printf 'register.sh: %s\n' "$*" >&2; }
die() {
	say "$*"
	exit 1
}

while [[ $# -gt 0 ]]; do
	case $1 in
	--pg-cluster)
		ENGINE=pg
		shift
		;;
	-h | --help)
		sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	-*) die "unknown option $1 (see --help)" ;;
	*)
		NCT=$1
		shift
		;;
	esac
done

[[ -x /usr/bin/time ]] || die "/usr/bin/time is needed (apt-get install time)"
command -v python3 >/dev/null 2>&1 || die "python3 is needed"
if [[ $ENGINE == sqlite ]]; then
	command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 is needed"
else
	command -v psql >/dev/null 2>&1 || die "psql is needed"
fi
NCT=${NCT:-$ROOT/build/nct}
[[ -x $NCT ]] || die "no executable nct at $NCT (ninja -C build)"
NCT=$(cd "$(dirname "$NCT")" && pwd)/$(basename "$NCT")
VERSION=$("$NCT" version)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ $COMMIT != unknown ]] && [[ -n $(git -C "$ROOT" status --porcelain -- src meson.build bench 2>/dev/null) ]]; then
	COMMIT="$COMMIT (with uncommitted changes)"
fi

TMP=$(mktemp -d /tmp/nct-register.XXXXXX)
PG_DIR=
SERVE_PID=
cleanup() {
	[[ -n $SERVE_PID ]] && kill -TERM "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null || true
	[[ -n $PG_DIR ]] && "$ROOT/scripts/pg-cluster" stop "$PG_DIR" >/dev/null 2>&1 || true
	rm -rf "$TMP"
}
trap cleanup EXIT

if [[ $ENGINE == sqlite ]]; then
	DB=$TMP/bench.db
else
	PG_DIR=$TMP/pg
	ADMIN_URI=$("$ROOT/scripts/pg-cluster" start "$PG_DIR")
	psql -qAt "$ADMIN_URI" -c "CREATE DATABASE nct_bench" >/dev/null
	DB=${ADMIN_URI%/*}/nct_bench
fi

[[ -z $BASE || -x $BASE ]] || die "BENCH_BASE: no executable at $BASE"
[[ -z $STORE || $ENGINE == sqlite ]] || die "BENCH_STORE is for SQLite stores"
if [[ -n $STORE && -f $STORE ]]; then
	REUSED=1
	DB=$STORE
fi

now() { date +%s.%N; }
secs() { python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }

if [[ -z $REUSED ]]; then
say "nct init ($ENGINE)"
"$NCT" init --db "$DB" >/dev/null

say "writing $PERSONS persons to a CSV"
CSV=$TMP/persons.csv
python3 - "$CSV" "$PERSONS" "$ROOT/data/admin-units-2025-07-01.csv" <<'EOF'
import csv, random, sys
out, n, units = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rnd = random.Random(8)
communes = [r[3] for r in csv.reader(open(units, encoding="utf-8")) if r[0] == "51"]
family = ["Nguyễn"] * 4 + ["Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ"]
given_m = ["Hùng", "Dũng", "Minh", "Sơn", "Thành", "Tuấn", "Bình", "Hải", "Lâm", "Phúc"]
given_f = ["Lan", "Hoa", "Hương", "Mai", "Hạnh", "Thu", "Hồng", "Loan", "Nga", "Tuyết"]
pool = ["Hiang", "Dắt", "Lào", "Blong", "Roa", "Hớ", "Blốk", "Hiên", "Nhi", "Pót", "Thuấn",
        "Kiêm", "Hlin", "Bloh", "Đing", "Nhen", "Pêng", "Rin", "Sươn", "Thơm", "Ưng", "Vin"]
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Dân tộc", "Mã xã"])
    for i in range(1, n + 1):
        sex = "nữ" if rnd.random() < 0.56 else "nam"
        y, m, d = rnd.randint(1925, 1965), rnd.randint(1, 12), rnd.randint(1, 28)
        if rnd.random() < 0.5:
            name = "%s %s %s %d" % (rnd.choice(family), "Thị" if sex == "nữ" else "Văn",
                                    rnd.choice(given_f if sex == "nữ" else given_m), i)
            eth = "Kinh"
        else:
            name = "%s %s %d" % ("Y" if sex == "nữ" else "A", rnd.choice(pool), i)
            eth = rnd.choice(["Xơ Đăng", "Ba Na", "Giẻ Triêng", "Hrê", "Ca Dong"])
        form = rnd.random()
        birth = "%d" % y if form < 0.4 else "%02d/%d" % (m, y) if form < 0.6 else "%02d/%02d/%d" % (d, m, y)
        cid = "051%d%02d%06d" % (1 if sex == "nữ" else 0, y % 100, i % 1000000) if rnd.random() < 0.8 else ""
        w.writerow([i, name, sex, birth, cid, eth, rnd.choice(communes)])
EOF
BYTES=$(stat -c %s "$CSV")
say "$(printf '%s' "$BYTES") bytes"

# The engine's bulk load of the file into a table, timed (wall; CPU of the client and, on
# PostgreSQL, not of the server: the wall time is the floor there). $1: the table's name,
# $2: SQL run after CREATE TABLE and before the load (indexes).
cpu_of() { python3 -c "import re,sys; t=open(sys.argv[1]).read(); print('%.2f' % sum(float(x) for x in re.findall(r'(?:User|System) time \(seconds\): ([0-9.]+)', t)))" "$1"; }
bulk_load() {
	local table=$1 extra=$2 cols="stt TEXT, full_name TEXT, sex TEXT, birth TEXT, citizen_id TEXT, ethnicity TEXT, place TEXT"
	if [[ $ENGINE == sqlite ]]; then
		printf 'CREATE TABLE %s (%s);\n%s\n.mode csv\n.import --skip 1 %s %s\n' "$table" "$cols" "$extra" "$CSV" "$table" >"$TMP/$table.sql"
		/usr/bin/time -v sqlite3 "$DB" <"$TMP/$table.sql" 2>"$TMP/$table.time" >/dev/null
	else
		psql -qAt "$DB" -c "CREATE TABLE $table ($cols)" >/dev/null
		[[ -z $extra ]] || psql -qAt "$DB" -c "$extra" >/dev/null
		/usr/bin/time -v psql -qAt "$DB" -c "\\copy $table FROM '$CSV' WITH (FORMAT csv, HEADER true)" 2>"$TMP/$table.time" >/dev/null
	fi
}

say "bulk load of the same file into a bare table"
t0=$(now)
bulk_load bare ""
t1=$(now)
BULK=$(secs "$t0" "$t1")
BULK_CPU=$(cpu_of "$TMP/bare.time")
say "bulk load: $BULK s ($BULK_CPU s CPU)"

# The second floor: the same load into a table with as many secondary indexes as the import
# writes into for each person (persons' seven, the search keys' two: the facts' and the
# audit's are not counted), so that what the register's indexes cost is seen apart.
say "bulk load of the same file into a table with nine indexes"
IDX="CREATE INDEX fl_same ON floor_idx (full_name, birth); CREATE INDEX fl_place ON floor_idx (place);
CREATE INDEX fl_cid ON floor_idx (citizen_id); CREATE INDEX fl_pbs ON floor_idx (place, birth, full_name);
CREATE INDEX fl_birth ON floor_idx (birth); CREATE INDEX fl_name ON floor_idx (full_name, stt);
CREATE INDEX fl_stt ON floor_idx (stt); CREATE INDEX fl_eth ON floor_idx (ethnicity, stt);
CREATE INDEX fl_sex ON floor_idx (sex, full_name);"
t0=$(now)
bulk_load floor_idx "$IDX"
t1=$(now)
BULK_IDX=$(secs "$t0" "$t1")
BULK_IDX_CPU=$(cpu_of "$TMP/floor_idx.time")
say "bulk load with indexes: $BULK_IDX s ($BULK_IDX_CPU s CPU)"

# The check pass alone (--dry-run: nothing written), timed with nct's CPU. Prints "wall cpu".
dry_run() {
	local nct=$1 tag=$2 t0 t1
	t0=$(now)
	/usr/bin/time -v "$nct" import persons "$CSV" --dry-run --db "$DB" >"$TMP/dry-$tag.out" 2>"$TMP/dry-$tag.time" ||
		{ tail -n 20 "$TMP/dry-$tag.out" "$TMP/dry-$tag.time" >&2; die "the check pass failed"; }
	t1=$(now)
	printf '%s %s\n' "$(secs "$t0" "$t1")" "$(cpu_of "$TMP/dry-$tag.time")"
}
if [[ -n $BASE ]]; then
	say "the check pass (--dry-run) with the base binary $BASE (before)"
	read -r B_DRY B_DRY_CPU <<<"$(dry_run "$BASE" base)"
	say "base check pass: $B_DRY s ($B_DRY_CPU s CPU)"
fi
say "the check pass (--dry-run)"
read -r DRY DRY_CPU <<<"$(dry_run "$NCT" new)"
say "check pass: $DRY s ($DRY_CPU s CPU)"
DRY_ROWS="| the check pass alone (\`nct import persons --dry-run\`, nothing written) | $DRY s wall, $DRY_CPU s CPU |"
[[ -z $BASE ]] || DRY_ROWS+=$'\n'"| the check pass with the base binary (before), same store, same run | $B_DRY s wall, $B_DRY_CPU s CPU |"

say "nct import persons (checked, then written in one unit)"
t0=$(now)
/usr/bin/time -v "$NCT" import persons "$CSV" --db "$DB" >"$TMP/import.out" 2>"$TMP/import.time" ||
	{ tail -n 20 "$TMP/import.out" "$TMP/import.time" >&2; die "the import failed"; }
t1=$(now)
IMPORT=$(secs "$t0" "$t1")
RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMP/import.time")
CPU=$(python3 -c "import re,sys; t=open(sys.argv[1]).read(); print('%.1f' % sum(float(x) for x in re.findall(r'(?:User|System) time \(seconds\): ([0-9.]+)', t)))" "$TMP/import.time")
WRITTEN=$(grep -o 'đã ghi [0-9]* người' "$TMP/import.out" | grep -o '[0-9]*')
ratio() { python3 -c "import sys; print('%.1f' % (float(sys.argv[1]) / max(float(sys.argv[2]), 0.01)))" "$1" "$2"; }
RATIO=$(ratio "$IMPORT" "$BULK")
RATIO_CPU=$(ratio "$CPU" "$BULK_CPU")
RATIO_IDX=$(ratio "$IMPORT" "$BULK_IDX")
RATIO_IDX_CPU=$(ratio "$CPU" "$BULK_IDX_CPU")
say "import: $IMPORT s ($CPU s CPU, $WRITTEN written), peak RSS $RSS_KB kB, $RATIO x the bulk load ($RATIO_CPU x in CPU), $RATIO_IDX x the indexed load ($RATIO_IDX_CPU x in CPU)"

if [[ -n $STORE ]]; then
	say "keeping the store in $STORE"
	sqlite3 "$DB" ".backup '$STORE'"
fi
fi

say "searching by folded name through the API"
NCT_PASSWORD=bench-register-pw "$NCT" user add bench --name "Bench" --role admin --db "$DB" >/dev/null 2>&1 || true
NCT_PASSWORD=bench-register-pw "$NCT" user add benchprov --name "Bench tỉnh" --role province --place 51 --db "$DB" >/dev/null 2>&1 || true
# measure NCT: serves the store with that binary and times the searches (the same queries in
# the same order for every binary), then /persons as the admin and as Quảng Ngãi's province
# officer. Prints "median p95 max cpu_ms_a_search persons_admin_ms persons_admin_cpu
# persons_prov_ms persons_prov_cpu" and, on stderr, each query's median and CPU.
measure() {
	local nct=$1 port pid out
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	"$nct" serve --db "$DB" --listen "127.0.0.1:$port" --access-log off 2>>"$TMP/serve.err" &
	pid=$!
	SERVE_PID=$pid
	out=$(python3 - "$port" "$SEARCHES" "$pid" <<'PYEOF'
import http.client, json, os, random, statistics, sys, time, urllib.parse
port, n, pid = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
tick = os.sysconf("SC_CLK_TCK")
def cpu():  # the server's user + system time, ms
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000.0 / tick
for _ in range(600):  # a loaded machine may take a while to start the server
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        c.request("GET", "/healthz"); c.getresponse().read(); break
    except (OSError, http.client.HTTPException):
        c.close()
        if not os.path.exists("/proc/%d" % pid):  # the server stopped: say why (serve.err)
            sys.exit("the server exited before answering (a store of a newer schema?)")
        time.sleep(0.1)
c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
def login(user):
    c.request("POST", "/api/v1/session", json.dumps({"username": user, "password": "bench-register-pw"}),
              {"Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    return r.getheader("Set-Cookie").split(";")[0]
admin, prov = login("bench"), login("benchprov")
def get(path, cookie):
    t, c0 = time.monotonic(), cpu()
    c.request("GET", path, headers={"Cookie": cookie})
    r = c.getresponse(); body = r.read()
    ms, cms = (time.monotonic() - t) * 1000, cpu() - c0
    if r.status != 200:
        sys.exit("%s answered %d: %s" % (path, r.status, body[:200]))
    return ms, cms, body
queries = ["nguyen van h", "y hi", "a blo", "tran thi", "pho", "le van minh", "y nhen", "a r"]
def searches(cookie, who):  # n searches as who: (sorted wall ms, CPU ms a search)
    rnd = random.Random(3)
    times, cpus, per = [], [], {}
    for i in range(n):
        q = rnd.choice(queries)
        ms, cms, body = get("/api/v1/persons?q=" + urllib.parse.quote(q), cookie)
        times.append(ms); cpus.append(cms)
        per.setdefault(q, []).append((ms, cms, json.loads(body)["total"]))
    for q, v in per.items():
        print("  %-14s %2d requests as %s, median %.1f ms, CPU %.1f ms a request, total %d" % (
            q, len(v), who, statistics.median(x[0] for x in v), sum(x[1] for x in v) / len(v),
            v[0][2]), file=sys.stderr)
    return sorted(times), sum(cpus) / len(cpus)
times, cpu_a = searches(admin, "the admin")
ptimes, cpu_p = searches(prov, "the province officer")
for q in ["nguyen", "thi", "h"]:  # common prefixes: more than 20,000 matches, walked
    v = [get("/api/v1/persons?q=" + q, admin) for _ in range(5)]
    print("  %-14s  5 requests, median %.1f ms, CPU %.1f ms a request, total %s%d (not in the figures)" % (
        q, statistics.median(x[0] for x in v), sum(x[1] for x in v) / 5,
        "more than " if not json.loads(v[0][2])["total_exact"] else "", json.loads(v[0][2])["total"]), file=sys.stderr)
def page(path, cookie, k=10):
    get(path, cookie)  # a warm-up request
    v = [get(path, cookie) for _ in range(k)]
    return statistics.median(x[0] for x in v), sum(x[1] for x in v) / k
pa, pc = page("/persons", admin)
qa, qc = page("/persons", prov)
print("%.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f" % (
      statistics.median(times), times[int(len(times) * 0.95) - 1], times[-1], cpu_a, pa, pc, qa, qc,
      statistics.median(ptimes), ptimes[int(len(ptimes) * 0.95) - 1], ptimes[-1], cpu_p))
PYEOF
) || { tail -n 3 "$TMP/serve.err" >&2; kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; SERVE_PID=; return 1; }
	kill -TERM "$pid" && wait "$pid" 2>/dev/null || true
	SERVE_PID=
	printf '%s\n' "$out"
}
if [[ -n $BASE ]]; then
	say "the same searches with the base binary $BASE (before)"
	read -r B_MED B_P95 B_MAX B_CPU B_PA B_PAC B_PP B_PPC B_OMED B_OP95 B_OMAX B_OCPU <<<"$(measure "$BASE")"
	say "base: search median $B_MED ms, p95 $B_P95 ms, max $B_MAX ms, $B_CPU ms CPU a search; as the province officer median $B_OMED ms, p95 $B_OP95 ms, max $B_OMAX ms, $B_OCPU ms CPU; /persons admin $B_PA ms ($B_PAC CPU), province $B_PP ms ($B_PPC CPU)"
fi
read -r S_MED S_P95 S_MAX S_CPU P_A P_AC P_P P_PC O_MED O_P95 O_MAX O_CPU <<<"$(measure "$NCT")"
say "search: median $S_MED ms, p95 $S_P95 ms, max $S_MAX ms, $S_CPU ms CPU a search; as the province officer median $O_MED ms, p95 $O_P95 ms, max $O_MAX ms, $O_CPU ms CPU; /persons admin $P_A ms ($P_AC CPU), province $P_P ms ($P_PC CPU); load $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n $REUSED ]]; then
	say "a kept store: the section of $RESULTS is not rewritten"
	exit 0
fi

VERDICT_IMPORT=$(python3 -c "import sys; print('met' if max(float(sys.argv[1]), float(sys.argv[2])) <= 3 else 'not met')" "$RATIO" "$RATIO_CPU")
VERDICT_SEARCH=$(python3 -c "import sys; print('met' if float(sys.argv[1]) < 50 else 'not met')" "$S_P95")
SECTION=$TMP/section.md
cat >"$SECTION" <<EOF
## register.sh

Last run: $(date -u '+%Y-%m-%d %H:%M UTC'), \`bench/register.sh\`$([[ $ENGINE == pg ]] && printf ' --pg-cluster'), BENCH_PERSONS=$PERSONS.

- machine: $(nproc) CPUs, load average before the run $(cut -d' ' -f1-3 /proc/loadavg); $VERSION at $COMMIT; engine $ENGINE
- file: $PERSONS persons, $BYTES bytes of CSV (Vietnamese header, births as written, 80 % with a citizen ID)

| step | measured |
| --- | ---: |
| engine's bulk load into a bare table | $BULK s wall, $BULK_CPU s CPU |
| engine's bulk load into a table with nine indexes (the second floor) | $BULK_IDX s wall, $BULK_IDX_CPU s CPU |
$DRY_ROWS
| \`nct import persons\` (check pass, write pass in one unit) | $IMPORT s wall, $CPU s CPU ($WRITTEN written) |
| import / bulk load | $RATIO x wall, $RATIO_CPU x CPU |
| import / bulk load with nine indexes | $RATIO_IDX x wall, $RATIO_IDX_CPU x CPU |
| import peak RSS | $RSS_KB kB |
| search by folded name, $SEARCHES requests over the API at $WRITTEN persons | median $S_MED ms, p95 $S_P95 ms, max $S_MAX ms, server CPU $S_CPU ms a request |
| the same searches as Quảng Ngãi's province officer (a scope of places) | median $O_MED ms, p95 $O_P95 ms, max $O_MAX ms, server CPU $O_CPU ms a request |
| \`/persons\` (the register's first page), 10 requests as the admin / as the province's officer | median $P_A ms ($P_AC ms CPU) / $P_P ms ($P_PC ms CPU) |
$([[ -n $BASE ]] && printf '| the same searches with the base binary (before), same store, same run | median %s ms, p95 %s ms, max %s ms, server CPU %s ms a request |\n| as the province officer with the base binary | median %s ms, p95 %s ms, max %s ms, server CPU %s ms a request |\n| `/persons` with the base binary, admin / province officer | median %s ms (%s ms CPU) / %s ms (%s ms CPU) |\n' "$B_MED" "$B_P95" "$B_MAX" "$B_CPU" "$B_OMED" "$B_OP95" "$B_OMAX" "$B_OCPU" "$B_PA" "$B_PAC" "$B_PP" "$B_PPC")

| goal (issue 8) | measured | verdict |
| --- | --- | --- |
| import within 3x the engine's bulk load | $RATIO x wall, $RATIO_CPU x CPU | $VERDICT_IMPORT |
| memory bounded, streamed | peak RSS $RSS_KB kB | see notes |
| search under 50 ms at 200,000 older people | p95 $S_P95 ms at $WRITTEN | $VERDICT_SEARCH |

EOF
python3 - "$RESULTS" "$SECTION" <<'EOF'
import os, re, sys
path, section = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmark results\n"
m = re.search(r"^## register\.sh\n.*?(?=^### Notes|^## |\Z)", text, re.S | re.M)
if m:
    text = text[:m.start()] + section + text[m.end():]
else:
    text = text.rstrip("\n") + "\n\n" + section
open(path, "w", encoding="utf-8").write(text)
EOF
cat "$SECTION"
