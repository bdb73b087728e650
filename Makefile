# The two commands a newcomer needs:
#   make demo   lists resources through Python, Node and C (embedded emulator,
#               or the real API when GENESISCLOUD_TOKEN is set)
#   make test   runs every test in every language
# Everything else here is a step of those two, or `make bench` / `make soak` /
# `make dist`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV    ?= .venv
PY      := $(VENV)/bin/python
CARGO   ?= cargo

# The emulator binary the suites start (target/debug/genesiscloud-emulator).
# Built with the core, so that the dependencies they share (hyper, tower,
# axum...) get the features the bindings' builds gave them: built alone they
# resolve other features, and compile a second time.
EMULATOR_BUILD := $(CARGO) build -q -p genesiscloud-emulator -p genesiscloud

# The core's features for its tests, the fault matrix's Rust runner and the
# code generator alike, so that all three share one build of the core and
# of what it depends on: `fuzzing` builds tests/hostile_input.rs (replays
# fuzz/corpus), `schema` the JsonSchema of the models the generator reads.
CORE_TEST_FEATURES := genesiscloud/fuzzing,genesiscloud/schema

.PHONY: help demo test test-suite lint codegen codegen-check test-rust test-python test-node test-c test-faults test-load \
        test-scripts test-fuzz test-bench test-demos \
        rust-demo python-demo node-demo c-demo venv node-deps

help:
	@echo "make demo   - list images and instances through Python, Node and C"
	@echo "make test   - every test in every language (what CI runs)"
	@echo "make docs   - the documentation site, into target/site/ (entry page target/site/index.html)"
	@echo "make bench  - benchmarks; writes bench/results/latest.md"
	@echo "make dist   - every release artifact (wheel, sdist, npm packages, C tarball) into dist/"
	@echo "make soak   - 10-minute soak of every binding with 5% faults"

demo: rust-demo python-demo node-demo c-demo kotlin-demo

# Every suite runs with a random canary token: each emulator a test starts
# accepts only that token (GENESISCLOUD_EMULATOR_TOKEN), so every request
# carries it, and the run fails if it appears in anything the suites printed
# or logged: this run's output (passing tests' output included), Python's log
# records at DEBUG (target/test-logs/), the fault matrix's trace logs
# (target/faults/) and the load and soak workers' SDK logs (target/load/).
# tests/canary_scan.sh fails on a missing path and checks itself against a
# planted canary first, so a scan that reads nothing cannot pass.
TEST_LOG := target/test-logs/make-test.log
CANARY_SCANNED := target/test-logs target/faults target/load

test:
	mkdir -p target/test-logs
	rm -f target/test-logs/*
	canary="gc-canary-$$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"; \
	GENESISCLOUD_EMULATOR_TOKEN="$$canary" $(MAKE) --no-print-directory test-suite 2>&1 | tee $(TEST_LOG); \
	tests/canary_scan.sh "$$canary" $(CANARY_SCANNED); \
	echo "make test: every suite passed; the canary token appears in none of $$(du -sch $(CANARY_SCANNED) | tail -1 | cut -f1) of output and logs"

test-suite: lint codegen-check test-scripts test-rust test-python test-node test-kotlin test-c test-tls test-faults test-load test-fuzz test-bench test-demos test-docs test-dist

lint: venv
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --exclude genesiscloud-uniffi-bindgen --all-targets --features $(CORE_TEST_FEATURES) -- -D warnings
	$(VENV)/bin/ruff check tests bench docs packaging kotlin

# --nocapture: what passing tests print is part of the canary scan.
test-rust:
	$(CARGO) test -p genesiscloud -p genesiscloud-emulator --features $(CORE_TEST_FEATURES) -- --nocapture

# The tests of the shell scripts make test relies on.
test-scripts:
	tests/canary_scan_test.sh

# The fault matrix through every language's conformance runner; writes
# docs/reliability.md, which must then equal the committed file: each run
# confirms the predictions the committed matrix states. The runners are
# built by the targets it depends on; test-tls runs the network-path rows.
test-faults: python-dev node-build c-tests-build kotlin-test-build test-tls
	$(CARGO) test -q --no-run -p genesiscloud -p genesiscloud-emulator --features $(CORE_TEST_FEATURES) --test conformance
	$(PY) tests/faults/run.py
	git diff --exit-code docs/reliability.md \
	  || { echo "docs/reliability.md differs from what the fault matrix produced: commit the new one" >&2; exit 1; }

# The fuzz crate is outside the workspace (cargo fuzz builds it with nightly
# and sanitizers). On stable its targets still build, with the crate's own
# lockfile, as plain libFuzzer binaries without coverage, which replay the
# committed seeds and corpus once (-runs=0): the targets compile, link and
# run against the current core. They share the workspace's target directory,
# which already holds most of what they link (a cold CI build saves minutes).
test-fuzz:
	$(CARGO) build -q --manifest-path fuzz/Cargo.toml --bins --locked --target-dir target
	mkdir -p target/fuzz
	for src in fuzz/fuzz_targets/*.rs; do \
	  t=$$(basename "$$src" .rs); \
	  target/debug/$$t -runs=0 fuzz/seeds/$$t fuzz/corpus/$$t > target/fuzz/$$t.log 2>&1 \
	    || { tail -n 30 target/fuzz/$$t.log >&2; exit 1; }; \
	  echo "fuzz: $$t: $$(grep -o 'Done [0-9]* runs' target/fuzz/$$t.log)"; \
	done

# The Rust and Python demos against their embedded emulator, as a newcomer
# without a token runs them.
test-demos:
	env -u GENESISCLOUD_TOKEN -u GENESISCLOUD_ENDPOINT $(MAKE) --no-print-directory rust-demo python-demo

# Files rendered from the core's description of the API (genesiscloud::api)
# and the Rust types of its models and bodies (their JsonSchema, feature
# `schema`): the Python resource groups (_resources.py, _async_resources.py),
# models (_models.py) and TypedDicts (_params.py); the Node resource groups
# (lib/resources.js) and declarations (types/resources.d.ts, models.d.ts,
# requests.d.ts); the C functions (bindings/c/src/resources.rs and the
# queued ones, queued.rs, from which cbindgen renders the header) and the C
# runner's calls
# (tests/c/conformance_calls.h); docs/operations.md,
# tests/surface/operations.json and tests/c/operations.h. `make codegen`
# writes them; the check fails when a committed one is stale, as the header
# check does.
codegen:
	$(CARGO) run -q -p genesiscloud --features $(CORE_TEST_FEATURES) --example codegen

codegen-check:
	$(CARGO) run -q -p genesiscloud --features $(CORE_TEST_FEATURES) --example codegen -- --check

rust-demo:
	$(CARGO) run -q -p genesiscloud --example quickstart

include python/python.mk
include node/node.mk
include kotlin/kotlin.mk
include bindings/c/c.mk
include bench/bench.mk
include tests/load/load.mk
include tests/tls/tls.mk
include docs/site/site.mk
include packaging/dist.mk
