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

.PHONY: help demo test lint test-rust test-python test-node test-c \
        rust-demo python-demo node-demo c-demo venv node-deps

help:
	@echo "make demo   - list images and instances through Python, Node and C"
	@echo "make test   - every test in every language (what CI runs)"
	@echo "make bench  - benchmarks; writes bench/results/latest.md"

demo: rust-demo python-demo node-demo c-demo

test: lint test-rust test-python test-node test-c
	@echo "make test: every suite passed"

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

test-rust:
	$(CARGO) test -p genesiscloud -p genesiscloud-emulator

rust-demo:
	$(CARGO) run -q -p genesiscloud --example quickstart

include python/python.mk
include node/node.mk
include bindings/c/c.mk
include bench/bench.mk
