# The documentation site (docs/guide/, docs/site/): `make docs` builds it
# into target/site/, `make test-docs` (part of make test) runs every code
# sample it shows, then checks its links and loads pages in headless
# Chromium. Included by the root Makefile; paths are relative to the root.
#
# Warnings are errors in every tool: rustdoc (-D warnings), pdoc (python
# -W error), TypeDoc (treatWarningsAsErrors in docs/site/typedoc.json),
# Doxygen (WARN_AS_ERROR in docs/site/Doxyfile).

.PHONY: docs docs-deps test-docs

SITE := target/site
SITE_SHOTS := target/site-shots
# One page of each reference, and two of our own, for the browser check.
SITE_CHECKED_PAGES := index.html guide/errors.html operations/instances.create.html \
  reference/rust/genesiscloud/index.html reference/python/genesiscloud.html \
  reference/node/index.html reference/c/genesiscloud_8h.html

# TypeDoc and TypeScript, pinned by docs/site/package-lock.json.
docs-deps: docs/site/node_modules/.package-lock.json

docs/site/node_modules/.package-lock.json: docs/site/package-lock.json
	cd docs/site && $(NPM) ci --no-audit --no-fund

# The build is timed from its first step; the time and the size are printed.
docs: python-dev node-deps docs-deps
	mkdir -p target && date +%s.%N > target/site-build.start
	rm -rf $(SITE) && mkdir -p $(SITE)/reference
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc -q -p genesiscloud --no-deps
	cp -r target/doc $(SITE)/reference/rust
	$(PY) -W error -m pdoc genesiscloud genesiscloud.testing -o $(SITE)/reference/python
	cd docs/site && npx typedoc --logLevel Warn --out ../../$(SITE)/reference/node
	( cat docs/site/Doxyfile; echo "OUTPUT_DIRECTORY = $(SITE)/reference"; echo "HTML_OUTPUT = c"; \
	  echo "GENERATE_TAGFILE = $(SITE)/reference/c/genesiscloud.tag" ) | doxygen -
	$(PY) docs/site/build.py $(SITE)
	@echo "make docs: $$(find $(SITE) -name '*.html' | wc -l) pages, $$(du -sh $(SITE) | cut -f1) in $(SITE)/," \
	  "built in $$(awk -v s=$$(cat target/site-build.start) -v e=$$(date +%s.%N) 'BEGIN { printf "%.1f", e - s }') s;" \
	  "entry page: $(SITE)/index.html"

# The Python samples type-checked as the package's own code is, every sample
# against the emulator, the links, then the browser.
test-docs: docs node-build c-lib
	$(EMULATOR_BUILD)
	$(CARGO) build -q -p genesiscloud --example guide
	$(VENV)/bin/mypy --strict docs/guide/samples/*.py
	$(PY) docs/site/run_samples.py
	$(PY) docs/site/check_links.py $(SITE)
	rm -rf $(SITE_SHOTS)
	$(PY) docs/site/browser_check.py $(SITE) $(SITE_SHOTS) $(SITE_CHECKED_PAGES)
