# The two commands a newcomer needs:
#   make demo   lists resources through Python, Node and C (embedded emulator,
#               or the real API when GENESISCLOUD_TOKEN is set)
#   make test   runs every test in every language
# Everything else here is a step of those two, or `make bench` / `make soak`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV    ?= .venv
PY      := $(VENV)/bin/python
CARGO   ?= cargo

.PHONY: help demo test test-suite lint test-rust test-python test-node test-c test-faults test-load \
        rust-demo python-demo node-demo c-demo venv node-deps

help:
	@echo "make demo   - list images and instances through Python, Node and C"
	@echo "make test   - every test in every language (what CI runs)"
	@echo "make bench  - benchmarks; writes bench/results/latest.md"
	@echo "make soak   - 10-minute soak of every binding with 5% faults"

demo: rust-demo python-demo node-demo c-demo

# Every suite runs with a random canary token: each emulator a test starts
# accepts only that token (GENESISCLOUD_EMULATOR_TOKEN), so every request
# carries it, and the run fails if it appears in anything the suites printed
# or logged (Python's log records at DEBUG go to target/test-logs/).
TEST_LOG := target/test-logs/make-test.log

test:
	mkdir -p target/test-logs
	rm -f target/test-logs/*
	canary="gc-canary-$$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"; \
	GENESISCLOUD_EMULATOR_TOKEN="$$canary" $(MAKE) --no-print-directory test-suite 2>&1 | tee $(TEST_LOG); \
	if grep -rlF -- "$$canary" target/test-logs target/faults/*.log target/load; then \
	  echo "make test: the canary token appears in the files above" >&2; exit 1; fi; \
	echo "make test: every suite passed; the canary token appears in none of $$(du -sch target/test-logs target/faults/*.log target/load | tail -1 | cut -f1) of output and logs"

test-suite: lint test-rust test-python test-node test-c test-tls test-faults test-load

lint: venv
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --features genesiscloud/fuzzing -- -D warnings
	$(VENV)/bin/ruff check tests bench

# --nocapture: what passing tests print is part of the canary scan. The
# fuzzing feature builds tests/hostile_input.rs (replays fuzz/corpus).
test-rust:
	$(CARGO) test -p genesiscloud -p genesiscloud-emulator --features genesiscloud/fuzzing -- --nocapture

# The fault matrix through every language's conformance runner; writes
# docs/reliability.md. The runners are built by the targets it depends on.
test-faults: python-dev node-build c-tests-build
	$(CARGO) test -q --no-run -p genesiscloud --test conformance
	$(PY) tests/faults/run.py

rust-demo:
	$(CARGO) run -q -p genesiscloud --example quickstart

include python/python.mk
include node/node.mk
include bindings/c/c.mk
include bench/bench.mk
include tests/load/load.mk
include tests/tls/tls.mk
