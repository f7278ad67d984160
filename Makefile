# A thin layer over the CMake presets. `make run` and `make test` install
# missing Debian packages first (scripts/deps.sh), so both work on a fresh
# Debian 12 machine as root. Binaries land in build/bin/.
.PHONY: all deps build run test asan clang fuzz fuzz-smoke bench bench-dpdk release clean

FUZZ_SECONDS ?= 60

all: build

deps:
	@./scripts/deps.sh

build: deps
	@[ -f build/build.ninja ] || cmake --preset debug
	cmake --build --preset debug

# rtsockd in the foreground with its built-in configuration (lo0, em0 with
# 192.0.2.10/24 and 2001:db8::10/64, default routes), on $RTSOCK_SOCKET or
# /tmp/rtsockd.sock; -v logs clients. Stop it with Ctrl-C.
run: build
	exec ./build/bin/rtsockd -v $(RTSOCKD_ARGS)

# Every test, in the g++ debug build and again under clang ASan+UBSan.
test: build
	ctest --preset debug
	@$(MAKE) --no-print-directory asan

asan: deps
	@[ -f build-asan/build.ninja ] || cmake --preset asan
	cmake --build --preset asan
	ctest --preset asan

# The clang debug build without sanitizers (CI compiles it: code that only
# clang rejects, e.g. multiversioned functions, must not reach main).
clang: deps
	@[ -f build-clang/build.ninja ] || cmake --preset clang
	cmake --build --preset clang

fuzz: deps
	@[ -f build-fuzz/build.ninja ] || cmake --preset fuzz
	cmake --build --preset fuzz

# Bounded libFuzzer run over every target, starting from the committed corpus.
fuzz-smoke: fuzz
	./scripts/fuzz-smoke.sh build-fuzz/bin $(FUZZ_SECONDS)

release: deps
	@[ -f build-release/build.ninja ] || cmake --preset release
	cmake --build --preset release

bench: release
	./build-release/bin/bench_parse
	./build-release/bin/bench_fib
	./build-release/bin/bench_rtsockd
	./build-release/bin/bench_rtsockd_goals

# rte_lpm / rte_fib beside rtsock's lookups (installs Debian's dpdk-dev).
bench-dpdk: deps
	@./scripts/deps.sh dpdk-dev
	@[ -f build-release/build.ninja ] || cmake --preset release
	cmake --preset release >/dev/null
	cmake --build --preset release --target bench_dpdk
	./build-release/bin/bench_dpdk

clean:
	rm -rf build build-release build-asan build-clang build-fuzz
