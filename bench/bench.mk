# `make bench`: the SDK in every language against its peer and against the
# limit, written to bench/results/latest.{md,png}. Included by the root
# Makefile; paths are relative to the repository root.
#
# Builds release artefacts only (what is measured), starts the emulator in
# its own process (bench/run.py does), and never fails the whole run for one
# language: a binding whose release build fails is listed in
# target/bench/failed and the table says it was skipped.

.PHONY: bench bench-build test-bench

BENCH_RUNS ?= 3
BENCH_FAILED := target/bench/failed
# The C programs: release, linked to the library they measure.
BENCH_CFLAGS := -std=c99 -O2 -Wall -Wextra -pedantic -D_POSIX_C_SOURCE=200809L -Iinclude
BENCH_C_SDK = -Ltarget/c/release/lib -lgenesiscloud -Wl,-rpath,$(abspath target/c/release/lib)
BENCH_C_PEER = $$(pkg-config --cflags --libs libcurl libcjson)
# The classpath bench/run.py starts java with (Kotlin's scenarios).
KOTLIN_BENCH_CP := target/bench/kotlin.classpath

bench: bench-build
	$(PY) bench/run.py --runs $(BENCH_RUNS) --failed $(BENCH_FAILED)

bench-build: venv
	mkdir -p target/bench target/c
	date +%s > target/bench/started
	: > $(BENCH_FAILED)
	$(VENV)/bin/pip install -q -r bench/requirements.txt
	# wrk measures the emulator's own limit; without it (not root, no apt)
	# run.py falls back to a raw keep-alive reqwest client and says so.
	command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } \
	  || echo "wrk: not installed; the limit comes from reqwest only" >&2; }
	$(CARGO) build --release -p genesiscloud-emulator
	$(CARGO) build --release -p genesiscloud --example bench_scenarios
	cd python && ../$(VENV)/bin/maturin develop -q --release \
	  || echo "python: release build failed" >> ../$(BENCH_FAILED)
	# pip byte-compiles every package it installs, requests and httpx here
	# included; an editable install is not, and PYTHONDONTWRITEBYTECODE
	# (set on some machines) then has every process compile the SDK again.
	$(PY) -m compileall -q python/genesiscloud
	rm -f target/bench/wheels/*.whl
	cd python && ../$(VENV)/bin/maturin build -q --release --out ../target/bench/wheels \
	  || echo "wheel: maturin build failed (size not measured)" >&2
	if [ -f node/package.json ]; then \
	  { $(MAKE) --no-print-directory node-deps && cd node && npm run -s build; } \
	    || echo "node: release build failed" >> $(BENCH_FAILED); \
	else echo "node: no node/ package" >> $(BENCH_FAILED); fi
	if [ -f bindings/c/c.mk ]; then \
	  { $(MAKE) --no-print-directory c-lib C_PROFILE=release \
	    && $(CC) $(BENCH_CFLAGS) bench/c/scenarios.c -o target/c/bench_scenarios -pthread $(BENCH_C_SDK) $(BENCH_C_PEER) \
	    && $(CC) $(BENCH_CFLAGS) bench/c/iterate.c -o target/c/bench_iterate_sdk $(BENCH_C_SDK) \
	    && $(CC) $(BENCH_CFLAGS) -DPEER bench/c/iterate.c -o target/c/bench_iterate_curl $(BENCH_C_PEER); } \
	    || { rm -f target/c/bench_scenarios; echo "c: release build failed" >> $(BENCH_FAILED); }; \
	else rm -f target/c/bench_scenarios; echo "c: no bindings/c/c.mk" >> $(BENCH_FAILED); fi
	# Kotlin: the release library where the jar takes it from, so that the
	# jar whose size the report gives holds the library measured; bench/kotlin
	# is compiled as a test source on the way. Like the release Python
	# extension and Node addon above, the release library stays in
	# kotlin/native/ until make kotlin-native (and so test-kotlin and
	# test-bench) copies the debug one back; run.py does not rely on either
	# copy: it names target/release in jna.library.path and the scenario
	# program fails if another file was loaded.
	rm -f $(KOTLIN_BENCH_CP) target/bench/jar/*.jar
	{ command -v java >/dev/null && command -v mvn >/dev/null \
	  && $(CARGO) build --release -p genesiscloud-uniffi \
	  && mkdir -p $(KOTLIN_NATIVE) target/bench/jar && cp target/release/libgenesiscloud_uniffi.so $(KOTLIN_NATIVE)/ \
	  && (cd kotlin && $(MVN) package -DskipTests dependency:build-classpath -Dmdep.outputFile=../$(KOTLIN_BENCH_CP)) \
	  && cp kotlin/target/genesiscloud-sdk-*.jar target/bench/jar/; } \
	  || echo "kotlin: release build failed (or no java/mvn)" >> $(BENCH_FAILED)

# Part of make test: every scenario of every language once, on tiny inputs,
# with the debug builds the other suites made, so that no benchmark script,
# nor the report, can rot between two `make bench` (bench/c/bench_list.c,
# run by `make bench-c`, is compiled). Times mean nothing here.
test-bench: python-dev node-build c-lib kotlin-test-build
	$(EMULATOR_BUILD)
	$(CARGO) build -q -p genesiscloud --example bench_scenarios
	$(CC) $(C_CFLAGS) bench/c/scenarios.c -o target/c/bench_scenarios_debug -pthread $(C_LINK) \
	  $$(pkg-config --cflags --libs libcurl libcjson)
	$(CC) $(C_CFLAGS) bench/c/iterate.c -o target/c/bench_iterate_sdk_debug $(C_LINK)
	$(CC) $(C_CFLAGS) -DPEER bench/c/iterate.c -o target/c/bench_iterate_curl_debug \
	  $$(pkg-config --cflags --libs libcurl libcjson)
	$(CC) $(C_CFLAGS) bench/c/bench_list.c -o target/c/bench_list_debug -pthread $(C_LINK) \
	  $$(pkg-config --cflags --libs libcurl libcjson)
	cd kotlin && $(MVN) dependency:build-classpath -Dmdep.outputFile=../$(KOTLIN_BENCH_CP)
	$(PY) bench/run.py --smoke
