#!/usr/bin/env bash
# make test: installs what is missing, builds with gcc and clang (warnings are
# errors), runs every suite on the gcc build and again under AddressSanitizer +
# UndefinedBehaviorSanitizer, the real-browser suite once (headless Chromium),
# checks clang-format, smoke-runs each fuzz target, and ends with one line:
# N passed, N failed.
set -uo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-10}
passed=0
failed=0
failures=()
logdir=$(mktemp -d /tmp/nct-test.XXXXXX)
pgdir="$logdir/pg"
cleanup() {
	scripts/pg-cluster stop "$pgdir" 2>/dev/null
	rm -rf "$logdir"
}
trap cleanup EXIT

pass() { passed=$((passed + $1)); }
fail() { failed=$((failed + $1)); failures+=("$2"); }

step() { printf '== %s\n' "$*"; }

# Exit 3: only what the browser suite needs is missing; that suite says so itself.
scripts/bootstrap --browser
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
	echo "bootstrap failed"
	echo "0 passed, 1 failed"
	exit 1
fi

# One build directory per compiler/sanitizer set; a failed build is a failed test.
build() {
	local dir=$1
	shift
	if [ ! -f "$dir/build.ninja" ]; then
		if ! meson setup "$dir" "$@" >"$logdir/$dir-setup.log" 2>&1; then
			cat "$logdir/$dir-setup.log"
			return 1
		fi
	fi
	if ninja -C "$dir" >"$logdir/$dir.log" 2>&1; then
		return 0
	fi
	grep -E 'error|warning' "$logdir/$dir.log" | head -40
	return 1
}

# Runs one cmocka binary and adds its counts.
run_cmocka() {
	local exe=$1 label=$2 out
	out=$("$exe" 2>&1)
	local rc=$?
	local p f
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	pass "${p:-0}"
	if [ -n "$f" ] && [ "$f" != 0 ]; then
		printf '%s\n' "$out" | grep -E '^\[  (FAILED|ERROR) +\]|Assert|error' | head -20
		fail "$f" "$label"
	elif [ $rc -ne 0 ]; then
		printf '%s\n' "$out" | tail -30
		fail 1 "$label (exit $rc)"
	fi
}

# Adds the closing "N passed, N failed" of a suite's output (in $out, exit
# status $rc) to the totals; no such line is a failure.
add_suite_counts() {
	local label=$1 last p f
	last=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
	p=$(printf '%s' "$last" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(printf '%s' "$last" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	pass "${p:-0}"
	if [ -z "$last" ]; then
		printf '%s\n' "$out" | tail -20
		fail 1 "$label (no result line)"
	elif [ "${f:-0}" != 0 ]; then
		fail "$f" "$label"
	elif [ "$rc" -ne 0 ]; then
		fail 1 "$label (exit $rc)"
	fi
}

# Runs the end-to-end suite and adds its counts.
run_e2e() {
	local nct=$1 label=$2 out rc
	shift 2
	out=$(python3 tests/e2e/run.py --nct "$nct" "$@" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -E '^(FAIL|ERROR)|Sanitizer|runtime error' | head -40
	add_suite_counts "$label"
}

# Runs the real-browser suite (tests/browser/run.mjs) and adds its counts; its
# xfail checks (issue 11's changes still to come) count neither way.
run_browser() {
	local nct=$1 label=$2 out rc
	if ! command -v node >/dev/null 2>&1; then
		fail 1 "$label (node unavailable: scripts/bootstrap --browser)"
		return
	fi
	out=$(node tests/browser/run.mjs --nct "$nct" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -E '^FAIL|^# [0-9]+ expected failures|^[0-9]+ passed, [0-9]+ failed \(' |
		head -40
	add_suite_counts "$label"
}

# Runs every unit test binary of a build; with a PostgreSQL admin URI the
# tests that need a store get a fresh database on that server.
unit_suite() {
	local dir=$1 label=$2 pg=${3:-}
	for t in "$dir"/test_*; do
		[ -f "$t" ] && [ -x "$t" ] || continue
		NCT_TEST_PG="$pg" NCT_DATA_DIR="$PWD/data" run_cmocka "$t" "$label $(basename "$t")"
	done
}

step "clang-format"
unformatted=$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' | xargs clang-format --dry-run --Werror 2>&1 | grep -c 'error:' || true)
if [ "$unformatted" = 0 ]; then pass 1; else
	git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' | xargs clang-format --dry-run 2>&1 | grep 'warning:' | cut -d: -f1 | sort -u | head
	fail 1 "clang-format ($unformatted places; run make format)"
fi

step "docs/api.md in step with the routes"
if out=$(python3 tests/api_docs.py 2>&1); then pass 1; else printf '%s\n' "$out" | grep FAIL; fail 1 "docs/api.md"; fi

step "data/plans: the encoded plans against docs/plans.md and their source texts"
if out=$(python3 tests/plans_check.py 2>&1); then pass 1; else printf '%s\n' "$out" | grep FAIL | head -40; fail 1 "data/plans"; fi

step "data/: the reference files against themselves and the official place list"
if out=$(python3 scripts/check-refdata 2>&1); then pass 1; else printf '%s\n' "$out" | grep -v ' passed, ' | head -40; fail 1 "data/ reference files"; fi

step "build: gcc, warnings are errors"
if build build --buildtype=release; then pass 1; else fail 1 "gcc build"; fi
step "build: clang, warnings are errors"
if CC=clang build build-clang --buildtype=release; then pass 1; else fail 1 "clang build"; fi
step "build: AddressSanitizer + UndefinedBehaviorSanitizer"
if build build-asan --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false; then pass 1; else fail 1 "sanitizer build"; fi
step "build: fuzz targets (clang, libFuzzer)"
if CC=clang build build-fuzz --buildtype=debug -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false; then pass 1; else fail 1 "fuzz build"; fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

step "PostgreSQL: a throw-away cluster"
if pg=$(scripts/pg-cluster start "$pgdir"); then pass 1; else fail 1 "PostgreSQL cluster"; pg=""; fi

for engine in sqlite pg; do
	if [ "$engine" = pg ]; then
		[ -n "$pg" ] || continue
		uri=$pg
		e2e_args=(--pg "$pg" --pg-dir "$pgdir")
	else
		uri=""
		e2e_args=()
	fi
	if [ -x build/nct ]; then
		step "unit tests (gcc, $engine)"
		unit_suite build "gcc $engine" "$uri"
		step "end-to-end tests (gcc, $engine)"
		run_e2e build/nct "e2e gcc $engine" "${e2e_args[@]}"
	fi
	if [ -x build-asan/nct ]; then
		step "unit tests (sanitizers, $engine)"
		unit_suite build-asan "asan $engine" "$uri"
		step "end-to-end tests (sanitizers, $engine)"
		run_e2e build-asan/nct "e2e asan $engine" "${e2e_args[@]}"
	fi
done
# Once, on the gcc build and SQLite: the pages are engine-neutral (web/ has no
# SQL; both engines are covered by the unit and end-to-end suites above).
if [ -x build/nct ]; then
	step "real-browser tests (gcc, sqlite, headless Chromium at 1280 and 360 px)"
	run_browser build/nct "browser gcc sqlite"
fi
if [ -d build-fuzz ]; then
	step "fuzz smoke, ${FUZZ_SECONDS}s each"
	for f in build-fuzz/fuzz_*; do
		[ -f "$f" ] && [ -x "$f" ] || continue
		name=${f#build-fuzz/fuzz_}
		corpus="$logdir/corpus-$name"
		mkdir -p "$corpus"
		cp tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null || true
		if "$f" -max_total_time="$FUZZ_SECONDS" -print_final_stats=0 "$corpus" >"$logdir/fuzz-$name.log" 2>&1; then
			pass 1
		else
			tail -30 "$logdir/fuzz-$name.log"
			fail 1 "fuzz $name"
		fi
	done
fi

if [ ${#failures[@]} -gt 0 ]; then
	echo "failed:"
	printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
