# The Node package (node/): npm dependencies from the committed lockfile,
# the native addon built with napi-rs, the tests, and the demo.
# Included by the root Makefile.

NPM ?= npm

.PHONY: node-build node-build-release node-check-generated

# `npm ci` again only when the lockfile changed.
node-deps: node/node_modules/.package-lock.json

node/node_modules/.package-lock.json: node/package-lock.json
	cd node && $(NPM) ci --no-audit --no-fund

# Debug build of the addon (node/genesiscloud.<platform>.node); also
# regenerates the loader native.js and its types native.d.ts. napi runs
# scripts/cargo-host.mjs as its cargo, so that the addon shares the
# workspace's debug build of every dependency (see that file).
node-build: node-deps
	cd node && CARGO="$(CURDIR)/node/scripts/cargo-host.mjs" $(NPM) run --silent build:debug

# Release build, stripped: for benchmarks and `npm pack`.
node-build-release: node-deps
	cd node && $(NPM) run --silent build

# The generated loader and types are committed: a build must not change them.
node-check-generated:
	git diff --exit-code -- node/native.js node/native.d.ts

# node --test runs node/__test__/*.test.mjs: the conformance suite,
# Node-specific behaviour, and tsc --noEmit --strict over the examples.
# memory.test.mjs runs the emulator binary in a process of its own.
test-node: node-build node-check-generated
	$(EMULATOR_BUILD)
	cd node && node --test

node-demo: node-build
	cd node && node examples/quickstart.mjs
