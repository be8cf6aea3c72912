# The two commands of the README: make run, make test.
.POSIX:
.PHONY: all build run test format clean

DB ?= var/nct.db
LISTEN ?= 127.0.0.1:8080

all: build

build:
	@scripts/bootstrap
	@[ -f build/build.ninja ] || meson setup build --buildtype=release >/dev/null
	@ninja -C build >/dev/null

# Builds, creates a demo store on first use (the demo password is kept in
# var/demo-password so it can be shown again), and serves.
run: build
	@mkdir -p var
	@[ -f var/demo-password ] || (umask 077; head -c 12 /dev/urandom | base64 | tr -d '/+=' > var/demo-password)
	@[ -f $(DB) ] || NCT_ADMIN_PASSWORD="$$(cat var/demo-password)" build/nct init --db $(DB) --demo >/dev/null
	@echo "NCT: open http://$(LISTEN)/ and log in as admin with password $$(cat var/demo-password)"
	@echo "     (demo users tinh, so.yte and xa.dakha have the same password; Ctrl-C stops)"
	@build/nct serve --db $(DB) --listen $(LISTEN)

test:
	@scripts/test.sh

format:
	@clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c')

clean:
	rm -rf build build-clang build-asan build-fuzz
