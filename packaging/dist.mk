# `make dist` writes every release artifact into dist/ (packaging/dist.py);
# `make test-dist`, part of make test, checks them as their users get them
# (packaging/check_dist.py). Included by the root Makefile.

.PHONY: dist dist-tools test-dist

dist-tools: venv
	$(VENV)/bin/pip install -q -r packaging/requirements.txt

dist: dist-tools
	$(PY) packaging/dist.py

test-dist: dist
	$(PY) packaging/check_dist.py
