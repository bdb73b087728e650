# The Python package: venv, build, tests, demo. Included by the root
# Makefile; paths are relative to the repository root.

.PHONY: venv python-dev test-python python-demo python-wheel bench-python

# The venv is rebuilt when the pinned tools change.
$(VENV)/.installed: python/requirements-dev.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r python/requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

# Debug build of the extension, installed editable into the venv.
python-dev: venv
	cd python && ../$(VENV)/bin/maturin develop -q

# test_memory.py runs the emulator binary in a process of its own.
# --capture=tee-sys: what passing tests print reaches the output (and so the
# canary scan of make test) instead of being dropped with the capture;
# native code's writes to the file descriptors are not captured at all.
test-python: python-dev
	mkdir -p target/test-logs
	$(EMULATOR_BUILD)
	$(PY) -m pytest -q --capture=tee-sys python/tests --log-file=target/test-logs/python.log --log-file-level=DEBUG
	cd python && ../$(VENV)/bin/mypy --strict genesiscloud examples tests
	cd python && ../$(VENV)/bin/ruff check .

python-demo: python-dev
	$(PY) python/examples/quickstart.py

python-wheel: venv
	cd python && ../$(VENV)/bin/maturin build --release --out ../dist
	cd python && ../$(VENV)/bin/maturin sdist --out ../dist

bench-python: venv
	$(CARGO) build -q --release -p genesiscloud-emulator
	cd python && ../$(VENV)/bin/maturin develop -q --release
	$(PY) bench/python/bench_list.py
