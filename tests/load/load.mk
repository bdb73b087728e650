# Load and soak tests of every binding against one emulator process
# (tests/load/run.py). Included by the root Makefile; paths are relative to
# the repository root.
#
#   make test-load   10,000 calls at 256 in flight per binding, then a
#                    60-second soak with 5% of requests faulted (part of
#                    make test; about 2-3 minutes)
#   make soak        the soak alone for SOAK_SECONDS (default 10 minutes)

.PHONY: test-load soak load-workers

SOAK_SECONDS ?= 600

# The emulator binary and the four workers, in debug builds.
load-workers: python-dev node-build c-lib
	$(EMULATOR_BUILD)
	$(CARGO) build -q -p genesiscloud --example load_worker
	mkdir -p target/load
	$(CC) $(C_CFLAGS) tests/load/c_worker.c -o target/load/c_worker $(C_LINK) -pthread

test-load: load-workers
	$(PY) tests/load/run.py --phases load,soak --soak-seconds 60

soak: load-workers
	$(PY) tests/load/run.py --phases soak --soak-seconds $(SOAK_SECONDS)
