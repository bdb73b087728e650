"""Runs the fault matrix (matrix.py) through the conformance runners of Rust,
Python (Client and AsyncClient), Node, C (blocking calls, and every call
through a gc_queue) and Kotlin, and writes docs/reliability.md
from what they report, with the network-path failures that `make test-tls`
ran in every language (target/tls/failures.json).

    python3 tests/faults/run.py [--languages rust,python,node,c,kotlin] [--out FILE]

The runners must be built first (`make test-faults` does it). Each runner
reads the generated scenarios from $CONFORMANCE_DIR and appends one JSON line
per scenario to $CONFORMANCE_REPORT; the runners run side by side, since
most of their time is spent in retry back-off and timeouts. Python's runs as
two processes (Client, AsyncClient), which one after the other would take
twice as long as any other runner; C's runs twice, the second time with
every call through a gc_queue. Exits 1 if any cell of any language failed or
did not report.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import matrix

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "target" / "faults"
# Written by tests/tls/run.py: each TLS or proxy failure in each language.
NETWORK = ROOT / "target" / "tls" / "failures.json"
# tests/tls/run.py's programs, as the matrix names its clients.
NETWORK_CLIENTS = {"rust": "Rust", "python": "Python", "python-async": "Python async", "node": "Node", "c": "C",
                   "kotlin": "Kotlin"}


def trace_log(runner: str) -> Path:
    """Where a Python runner's log records go (pytest's --log-file), apart
    from its output."""
    return WORK / f"{runner}-trace.log"


def python_runner(flavor: str) -> list[str]:
    """Python's conformance runner for the scenarios of one flavor (`sync`:
    Client, `async`: AsyncClient), logging at trace into its own file."""
    return [str(ROOT / ".venv" / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider",
            "--log-file", str(trace_log(f"python-{flavor}")), "--log-file-level", "1",
            "-k", "not async" if flavor == "sync" else "async", "python/tests/test_conformance.py"]


# The C conformance runner; "c-queue" runs it again with every call through a gc_queue (ENV).
C_RUNNER = [str(ROOT / "target" / "c" / "tests" / "test_conformance"), str(WORK / "scenarios")]

# By runner; a runner's language is its name up to the first "-".
RUNNERS = {
    # The packages and features of `make test-rust` (CORE_TEST_FEATURES), whose build it reuses.
    "rust": ["cargo", "test", "-q", "-p", "genesiscloud", "-p", "genesiscloud-emulator", "--features",
             "genesiscloud/fuzzing,genesiscloud/schema", "--test", "conformance"],
    "python-sync": python_runner("sync"),
    "python-async": python_runner("async"),
    "node": ["node", "--test", "__test__/conformance.test.mjs"],
    "c": C_RUNNER,
    "c-queue": C_RUNNER,
    # The classes `make kotlin-test-build` compiled; -o: nothing to fetch.
    "kotlin": ["mvn", "-q", "-B", "-o", "surefire:test", "-Dtest=ConformanceTest"],
}
CWD = {"node": ROOT / "node", "kotlin": ROOT / "kotlin"}
ENV = {"c-queue": {"GC_CONFORMANCE_QUEUE": "1"}}
CLIENTS = [("rust", "Client", "Rust"), ("python", "Client", "Python"), ("python", "AsyncClient", "Python async"),
           ("node", "Client", "Node"), ("c", "gc_client", "C"), ("c", "gc_queue", "C gc_queue"),
           ("kotlin", "Client", "Kotlin")]


def write_scenarios() -> dict[str, tuple[matrix.FaultRow, matrix.Operation]]:
    target = WORK / "scenarios"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    by_file = {}
    for row, op, name in matrix.cells():
        (target / name).write_text(json.dumps(matrix.scenario(row, op), indent=1) + "\n")
        by_file[name] = (row, op)
    return by_file


def run_one(runner: str) -> tuple[int, float]:
    """Runs one runner over the scenarios; its exit code and seconds."""
    report = WORK / f"report-{runner}.jsonl"
    report.unlink(missing_ok=True)
    # Every runner logs at trace (Python into python-*-trace.log), so the
    # canary-token scan of make test reads the most verbose output there is.
    env = dict(os.environ, CONFORMANCE_DIR=str(WORK / "scenarios"), CONFORMANCE_REPORT=str(report),
               GENESISCLOUD_LOG="trace", **ENV.get(runner, {}))
    started = time.monotonic()
    with open(WORK / f"{runner}.log", "w") as log:
        code = subprocess.run(RUNNERS[runner], cwd=CWD.get(runner, ROOT), env=env, stdout=log,
                              stderr=subprocess.STDOUT).returncode
    return code, time.monotonic() - started


def run(runners: list[str]) -> dict[tuple[str, str, str], dict]:
    """Runs the runners side by side; returns report lines by (language, client, file)."""
    with ThreadPoolExecutor(len(runners)) as pool:
        results = dict(zip(runners, pool.map(run_one, runners), strict=False))
    lines = {}
    for runner, (code, seconds) in results.items():
        print(f"fault matrix: {runner} runner exited {code} after {seconds:.0f} s (log: target/faults/{runner}.log)")
        report = WORK / f"report-{runner}.jsonl"
        if report.exists():
            for text in report.read_text().splitlines():
                line = json.loads(text)
                lines[(line["language"], line["client"], line["file"])] = line
    return lines


def markdown(by_file: dict, lines: dict, clients: list[tuple[str, str, str]]) -> tuple[str, list[str]]:
    failures = []
    out = [
        "# Reliability: the fault matrix",
        "",
        "Generated by `make test-faults` (`tests/faults/run.py`, part of `make test`); do not edit.",
        "",
        "Every fault kind of the emulator against every class of operation, through the public API of "
        + ", ".join(c[2] for c in clients)
        + ". Each cell is one scenario of the shared conformance format (`target/faults/scenarios/`, generated "
        "from `tests/faults/matrix.py`) and states what the SDK contract (docs/sdk-contract.md) predicts: "
        "**recovered** by retry, or the error "
        "code with its HTTP status; `attempts` as the error reports them; `req`: the requests the emulator's own "
        "log saw for that call (so a POST or PATCH shown with 1 req was sent once and never repeated after it "
        "may have reached the server); `created`: instances a POST left behind, counted by listing afterwards. "
        f"Every client has `max_retries = {matrix.MAX_RETRIES}` and a {matrix.TIMEOUT_MS} ms timeout.",
        "",
        "A ✓ means the cell's prediction held in every client; otherwise the clients where it failed are named "
        "and their messages follow the table.",
        "",
        "| fault | " + " | ".join(op.title for op in matrix.OPERATIONS) + " |",
        "|---|" + "---|" * len(matrix.OPERATIONS),
    ]
    for row in matrix.rows():
        cells = []
        for op in matrix.OPERATIONS:
            name = next(n for n, (r, o) in by_file.items() if r.key == row.key and o.key == op.key)
            bad = []
            for lang, client, label in clients:
                line = lines.get((lang, client, name))
                if line is None or not line["passed"]:
                    bad.append(label)
                    failures.append(f"- {label}, `{name}`: "
                                    + (line["message"] if line else "no report (the runner crashed or skipped it)"))
            mark = "✓" if not bad else "✗ " + ", ".join(bad)
            cells.append(f"{row.outcomes[op.key].text()} {mark}")
        out.append(f"| {row.title} | " + " | ".join(cells) + " |")
    out += ["", f"{len(by_file)} cells × {len(clients)} clients; "
            f"{len(by_file) * len(clients) - len(failures)} passed, {len(failures)} failed.", ""]
    out += network_rows(failures)
    if failures:
        out += ["## Failures", "", *failures, ""]
    out += [
        "## Reading the matrix",
        "",
        "- POST and PATCH are retried only when the server said it did not act (429) or nothing was sent; "
        "after a 5xx, a timeout or a dropped connection they fail with `request_sent` true, and the `req` column "
        "proves a single request. A dropped or trickling answer to a POST still created the instance once: "
        "look before you retry.",
        "- A `Retry-After` over 60 s is not slept through: `rate_limited` at once, with `retry_after` set.",
        "- `wait_until` polls with `GET`, so it recovers from whatever a `GET` recovers from; a poll that fails "
        "after its retries ends the wait with that poll's error.",
        "",
    ]
    return "\n".join(out), failures


def network_rows(failures: list[str]) -> list[str]:
    """The TLS and proxy failures, which happen before any operation does,
    so each is one row for every language rather than a row of cells."""
    out = [
        "## The network path",
        "",
        "Failures on the way to the API, from `make test-tls` (`tests/tls/run.py`): each program lists images "
        "over HTTPS with `max_retries` at its default, trusting the emulator's throwaway CA (Rust through "
        "`SSL_CERT_FILE` and `HTTPS_PROXY`, the others through `ca_bundle` and `proxy`). Every one must be a "
        "`connection` error after **1 attempt** that names its cause in one line, with no request reaching "
        "the server and neither the token nor the proxy's password in the output.",
        "",
        "| failure | the message names | " + " | ".join(NETWORK_CLIENTS.values()) + " |",
        "|---|---|" + "---|" * len(NETWORK_CLIENTS),
    ]
    if not NETWORK.exists():
        failures.append(f"- the network path: no {NETWORK.relative_to(ROOT)} (run `make test-tls` first)")
        return [*out, ""]
    outcomes: list[dict[str, object]] = json.loads(NETWORK.read_text())
    for case in dict.fromkeys(str(o["case"]) for o in outcomes):
        cells = []
        for program, label in NETWORK_CLIENTS.items():
            seen = [o for o in outcomes if o["case"] == case and o["program"] == program]
            if seen and all(o["passed"] for o in seen):
                cells.append("`connection`, 1 attempt, 0 req ✓")
            else:
                cells.append("✗")
                failures.append(f"- {label}, network path `{case}`: "
                                + (str(seen[0]["said"]) if seen else "did not run"))
        expected = next(str(o["expected"]) for o in outcomes if o["case"] == case)
        out.append(f"| {case} | “{expected}” | " + " | ".join(cells) + " |")
    return [*out, ""]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--languages", default="rust,python,node,c,kotlin")
    parser.add_argument("--out", default=str(ROOT / "docs" / "reliability.md"))
    args = parser.parse_args()
    languages = args.languages.split(",")
    WORK.mkdir(parents=True, exist_ok=True)
    by_file = write_scenarios()
    runners = [r for r in RUNNERS if r.split("-")[0] in languages]
    lines = run(runners)
    clients = [c for c in CLIENTS if c[0] in languages]
    text, failures = markdown(by_file, lines, clients)
    Path(args.out).write_text(text)
    print(f"fault matrix: {len(by_file)} cells × {len(clients)} clients, {len(failures)} failed; wrote {args.out}")
    for f in failures:
        print(f, file=sys.stderr)
    silent = [runner for runner in runners if not logged_requests(runner)]
    for runner in silent:
        print(f"fault matrix: the {runner} runner logged no request at trace level, so the canary scan of its "
              "log proves nothing", file=sys.stderr)
    return 1 if failures or silent else 0


def logged_requests(runner: str) -> bool:
    """Whether a runner's log holds the SDK's per-request lines."""
    log = trace_log(runner) if runner.startswith("python") else WORK / f"{runner}.log"
    return log.exists() and "path=/" in log.read_text(errors="replace")


if __name__ == "__main__":
    sys.exit(main())
