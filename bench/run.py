"""The whole benchmark suite: the SDK in every language against what its
users would write instead (the peer) and against what the emulator can
serve on this machine (the limit).

    .venv/bin/python bench/run.py [--runs 3] [--only s1,s3] [--languages python,node,kotlin]
    .venv/bin/python bench/run.py --smoke

``--smoke`` (``make test-bench``, part of ``make test``) runs every scenario
of every language once, on tiny inputs, with the debug artefacts, and fails
if any measurement failed or any language could not run: the scripts and
this report cannot rot between two ``make bench``. It writes its report to
target/bench/smoke/, never to bench/results/.

Expects the release artefacts that ``make bench`` builds; a language whose
artefact is missing is skipped and the table says so. Starts the emulator
binary in its own process, prepares it for each scenario through its control
API, runs each language's script (one JSON object per measurement on
stdout), then writes bench/results/latest.{md,json,png}.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench/results"
TOKEN = "gc-emulator-token"
EMULATOR = REPO / "target/release/genesiscloud-emulator"
RUST_BIN = REPO / "target/release/examples/bench_scenarios"
C_BIN = REPO / "target/c/bench_scenarios"
# s5 for C: one program per client, each linked to its own libraries alone.
C_ITERATE = {"sdk": REPO / "target/c/bench_iterate_sdk", "curl": REPO / "target/c/bench_iterate_curl"}
NODE_ADDON = REPO / "node/genesiscloud.linux-x64-gnu.node"
# Kotlin: java started on the classes Maven compiled (bench/kotlin is a test
# source of kotlin/pom.xml) and the classpath it wrote, with the library
# named by jna.library.path rather than whichever copy kotlin/native/ holds.
KOTLIN_MAIN = "com.genesiscloud.bench.ScenariosKt"
KOTLIN_CLASSES = [REPO / "kotlin/target/test-classes", REPO / "kotlin/target/classes"]
KOTLIN_CLASSPATH = REPO / "target/bench/kotlin.classpath"
KOTLIN_LIB_DIR = REPO / "target/release"
KOTLIN_LIB = "libgenesiscloud_uniffi.so"
# The jar `make bench-build` packages around the release library.
KOTLIN_JARS = REPO / "target/bench/jar"
PY = Path(sys.executable)
# Each child is bounded so that a wedged client cannot hold the suite.
CHILD_TIMEOUT = 300
LATENCY_MS = 20
CONCURRENCY = 4
PER_PAGE = 100
# Items listed in s1, s2 and s5; --smoke makes them tiny.
SIZES = {"s1": 10_000, "s2": 100_000, "s5": 1_000_000}
SMOKE_SIZES = {"s1": 300, "s2": 500, "s5": 2_000}
# Calls in s3 and s4 (the scripts read BENCH_GETS); --smoke makes them few.
GETS = 1_000
# s3's instructions per call: each client makes this many gets under
# callgrind, then this many more; the difference is the cost of the calls
# alone, without start-up and imports. Instruction counts do not depend on
# what else the machine is doing, unlike the times.
CALLGRIND_GETS = (20, 60)
COUNT_INSTRUCTIONS = True
# Each language's (SDK, peer) in the get-count mode of its script.
COUNTED = {"rust": ("genesiscloud (core)", "raw reqwest, no decoding"), "python": ("genesiscloud Client", "requests"),
           "node": ("genesiscloud Client", "fetch"), "c": ("C API", "libcurl + cJSON")}

# Scenarios a language's script has, when not all of them.
ONLY_SCENARIOS = {"kotlin": {"s1", "s3"}}

SCENARIOS = {
    "s1": "list 10,000 images (100 pages), 20 ms latency per request",
    "s2": "list 100,000 images, no latency: items/s into native objects",
    "s3": "1,000 sequential `instances.get`, no latency: per call",
    "s4": "1,000 `instances.get` issued concurrently from one client",
    "s5": "iterate 1,000,000 images: peak RSS of the process (VmHWM)",
    "s6": "cold start: import + client + first call, fresh process",
}
# Which script name each scenario has in the per-language scripts.
MODES = {"s1": "list-latency", "s2": "list-big", "s3": "get-seq", "s4": "get-conc"}


# ---- emulator -----------------------------------------------------------------


class Emulator:
    def __init__(self) -> None:
        self.events: list[str] = []
        self.start()

    def start(self) -> None:
        self.stderr = open(RESULTS / "emulator.log", "a")  # noqa: SIM115 - lives as long as the process
        self.process = subprocess.Popen(
            [str(EMULATOR), "--port", "0", "--seed", "empty", "--lifecycle-delay-ms", "0", "--token", TOKEN],
            stdout=subprocess.PIPE, stderr=self.stderr, text=True,
        )
        assert self.process.stdout is not None
        self.base = self.process.stdout.readline().strip()
        if not self.base.startswith("http://127.0.0.1"):
            raise SystemExit(f"the emulator printed {self.base!r}, not a loopback URL")
        self.root = self.base.removesuffix("/compute/v1")

    def ensure_alive(self, why: str) -> None:
        """Restarts an emulator that died (or was killed) so one loss costs one scenario, not the run."""
        code = self.process.poll()
        if code is None:
            return
        event = f"the emulator had exited (code {code}) before {why}; restarted it (stderr: bench/results/emulator.log)"
        print(event, file=sys.stderr)
        self.events.append(event)
        self.stderr.close()
        self.start()

    def control(self, path: str, body: dict[str, Any]) -> Any:
        request = urllib.request.Request(
            f"{self.root}/_emulator/{path}", data=json.dumps(body).encode(), method="POST",
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as r:
            return json.loads(r.read() or b"null")

    def get(self, path: str) -> Any:
        request = urllib.request.Request(f"{self.base}{path}", headers={"X-Auth-Token": TOKEN})
        with urllib.request.urlopen(request, timeout=60) as r:
            return json.loads(r.read())

    def prepare(self, images: int = 0, latency_ms: int = 0, instances: int = 0, why: str = "") -> None:
        self.ensure_alive(why or "a scenario")
        self.control("reset", {"seed": "empty"})
        self.control("seed", {"images": images, "instances": instances})
        self.control("config", {"latency_ms": latency_ms, "lifecycle_delay_ms": 0})

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.stderr.close()


# ---- languages ----------------------------------------------------------------


def available() -> dict[str, str | None]:
    """Language -> None when it can run, else why it is skipped."""

    def check(command: list[str]) -> str | None:
        try:
            r = subprocess.run(command, check=False, cwd=REPO, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as e:
            return str(e)
        return None if r.returncode == 0 else (r.stderr.strip().splitlines() or ["failed"])[-1]

    out: dict[str, str | None] = {}
    out["rust"] = None if RUST_BIN.exists() else f"{RUST_BIN.relative_to(REPO)} not built"
    out["python"] = check([str(PY), "-c", "import genesiscloud, requests, httpx"])
    if shutil.which("node") is None:
        out["node"] = "node not installed"
    elif not NODE_ADDON.exists():
        out["node"] = "node addon not built"
    else:
        out["node"] = check(["node", "-e", "require('./node')"])
    out["c"] = None if C_BIN.exists() else "bindings/c not built (no bindings/c/c.mk or its build failed)"
    compiled = KOTLIN_CLASSES[0] / (KOTLIN_MAIN.replace(".", "/") + ".class")
    if shutil.which("java") is None:
        out["kotlin"] = "java not installed"
    elif not (KOTLIN_CLASSPATH.exists() and compiled.exists()):
        out["kotlin"] = "bench/kotlin not compiled (mvn test-compile, dependency:build-classpath)"
    elif not (KOTLIN_LIB_DIR / KOTLIN_LIB).exists():
        out["kotlin"] = f"{(KOTLIN_LIB_DIR / KOTLIN_LIB).relative_to(REPO)} not built"
    else:
        out["kotlin"] = None
    return out


def has(language: str, scenario: str) -> bool:
    return scenario in ONLY_SCENARIOS.get(language, SCENARIOS)


def command(language: str, mode: str, base: str, runs: int, iid: str = "", items: int = 0,
            client: str = "sdk") -> list[str]:
    if language == "rust":
        return [str(RUST_BIN), mode, base, str(runs), iid, client]
    if language == "c" and mode == "iterate":
        return [str(C_ITERATE[client]), base]
    if language == "c":
        return [str(C_BIN), mode, base, str(runs), iid, client]
    if language == "python" and mode == "coldstart":
        return [str(PY), "bench/python/coldstart.py", base]
    if language == "kotlin":
        classpath = ":".join([*map(str, KOTLIN_CLASSES), KOTLIN_CLASSPATH.read_text().strip()])
        return ["java", f"-Djna.library.path={KOTLIN_LIB_DIR}", "-cp", classpath, KOTLIN_MAIN, mode, "--url", base,
                "--runs", str(runs), "--id", iid, "--items", str(items)]
    script = {"python": [str(PY), "bench/python/scenarios.py"], "node": ["node", "bench/node/scenarios.mjs"]}
    return [*script[language], mode, "--url", base, "--runs", str(runs), "--id", iid,
            "--items", str(items), "--client", client]


def run_script(language: str, argv: list[str], items: int = 0) -> list[dict[str, Any]]:
    env = {**os.environ, "BENCH_ITEMS": str(items), "BENCH_GETS": str(GETS)}
    started = time.monotonic()
    try:
        r = subprocess.run(argv, check=False, cwd=REPO, capture_output=True, text=True,
                           timeout=CHILD_TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        print(f"  {language}: timed out after {CHILD_TIMEOUT} s", file=sys.stderr)
        return [{"language": language, "error": f"timed out after {CHILD_TIMEOUT} s"}]
    rows = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    if r.returncode != 0:
        tail = (r.stderr.strip().splitlines() or ["no message"])[-1]
        print(f"  {language}: exit {r.returncode}: {tail}", file=sys.stderr)
        rows.append({"language": language, "error": f"exit {r.returncode}: {tail[:200]}"})
    print(f"  {language}: {len(rows)} rows in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return rows


def vm_hwm_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def peak_rss(argv: list[str], items: int) -> tuple[float, float, int]:
    """Peak RSS (MiB), wall ms and items of one child process.

    The peak is the child's VmHWM, polled every 10 ms until it exits: the
    rusage of a child (wait4, RUSAGE_CHILDREN) also counts the forked Python
    image before exec, which would report this script's own RSS instead.
    """
    env = {**os.environ, "BENCH_ITEMS": str(items)}
    out_path = RESULTS / ".iterate.out"
    started = time.monotonic()
    peak = 0.0
    with open(out_path, "w") as out:
        child = subprocess.Popen(argv, cwd=REPO, stdout=out, env=env)
        while child.poll() is None:
            # The zombie's status no longer has VmHWM, so the last live read stands.
            peak = max(peak, vm_hwm_mib(child.pid) or 0.0)
            if time.monotonic() - started > CHILD_TIMEOUT:
                child.kill()
                child.wait()
                raise RuntimeError(f"timed out after {CHILD_TIMEOUT} s")
            time.sleep(0.01)
    wall = (time.monotonic() - started) * 1e3
    text = out_path.read_text()
    out_path.unlink()
    if child.returncode != 0:
        raise RuntimeError(f"exit {child.returncode}")
    data = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    count = int(data[-1].get("items", 0)) if data else 0
    return peak, wall, count


# ---- scenarios ----------------------------------------------------------------


def wrk_limit(emu: Emulator, scenario: str, path: str, connections: int) -> dict[str, Any] | None:
    """wrk against one route for 3 s: requests/s and latency percentiles."""
    if shutil.which("wrk") is None:
        return None
    argv = ["wrk", "-t1", f"-c{connections}", "-d3s", "--latency", "-H", f"X-Auth-Token: {TOKEN}",
            f"{emu.base}{path}"]
    try:
        out = subprocess.run(argv, check=False, capture_output=True, text=True, timeout=30).stdout
    except subprocess.TimeoutExpired:
        return None
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)

    def pct(p: str) -> float | None:
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        if not m:
            return None
        return float(m.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[m.group(2)]

    if not rps:
        return None
    return {"scenario": scenario, "language": "limit", "client": f"wrk -c{connections}, no decoding",
            "kind": "limit", "rps": float(rps.group(1)), "wrk_p50": pct("50"), "wrk_p99": pct("99")}


def callgrind_total(argv: list[str], gets: int, out: Path) -> int:
    """Instructions one child executed under callgrind, every thread counted."""
    env = {**os.environ, "BENCH_GETS": str(gets)}
    r = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *argv], check=False,
                       cwd=REPO, capture_output=True, text=True, timeout=CHILD_TIMEOUT * 2, env=env)
    if r.returncode != 0:
        raise RuntimeError(f"exit {r.returncode}: {(r.stderr.strip().splitlines() or ['no message'])[-1][:200]}")
    totals = re.search(r"^(?:totals|summary): (\d+)", out.read_text(), re.MULTILINE)
    out.unlink()
    if not totals:
        raise RuntimeError("callgrind wrote no total")
    return int(totals.group(1))


def instruction_rows(emu: Emulator, langs: list[str], iid: str, counted: bool) -> list[dict[str, Any]]:
    """s3 per call in instructions (callgrind). Without ``counted`` (--smoke)
    each get-count run is made once, natively, to see that it works."""
    rows: list[dict[str, Any]] = []
    if counted and shutil.which("valgrind") is None:
        return [{"scenario": "s3-instructions", "language": "all", "error": "valgrind is not installed"}]
    for lang in (lang for lang in langs if lang in COUNTED):
        for client, name in zip(("sdk", "peer"), COUNTED[lang], strict=True):
            argv = command(lang, "get-count", emu.base, 1, iid, 0, client)
            row: dict[str, Any] = {"scenario": "s3-instructions", "language": lang, "client": name,
                                   "kind": "sdk" if client == "sdk" else "peer"}
            try:
                if counted:
                    few, more = (callgrind_total(argv, n, RESULTS / f".callgrind.{lang}.{client}.{n}")
                                 for n in CALLGRIND_GETS)
                    row["instructions"] = (more - few) / (CALLGRIND_GETS[1] - CALLGRIND_GETS[0])
                    print(f"  {lang} {name}: {row['instructions']:,.0f} instructions/call", file=sys.stderr)
                else:
                    failed = [r for r in run_script(lang, argv) if "error" in r]
                    if failed:
                        raise RuntimeError(failed[0]["error"])
                    row["instructions"] = None
            except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
                row["error"] = str(e)
            rows.append(row)
    return rows


def run_all(emu: Emulator, langs: list[str], runs: int, only: set[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def each(scenario: str, items: int = 0, iid: str = "", r: int = runs) -> None:
        for lang in (lang for lang in langs if has(lang, scenario)):
            argv = command(lang, MODES[scenario], emu.base, r, iid, items)
            for row in run_script(lang, argv, items):
                row.setdefault("scenario", scenario)
                row.setdefault("items", items)
                rows.append(row)

    if "s1" in only:
        n = SIZES["s1"]
        print(f"s1: list {n:,} images, 20 ms latency", file=sys.stderr)
        emu.prepare(images=n, latency_ms=LATENCY_MS, why="s1")
        each("s1", items=n)
        pages = n // PER_PAGE
        ideal = LATENCY_MS * (1 + -(-(pages - 1) // CONCURRENCY))
        rows.append({"scenario": "s1", "language": "limit", "client": f"ideal at concurrency {CONCURRENCY}",
                     "kind": "limit", "unit": "ms", "runs": [float(ideal)], "items": n})
    if "s2" in only:
        n = SIZES["s2"]
        print(f"s2: list {n:,} images, no latency", file=sys.stderr)
        emu.prepare(images=n, why="s2")
        each("s2", items=n)
        for c in (1, CONCURRENCY):
            w = wrk_limit(emu, "s2", f"/images?page={n // PER_PAGE // 2}&per_page={PER_PAGE}", c)
            if w:
                w.update(unit="ms", runs=[n / PER_PAGE / w["rps"] * 1e3], items=n)
                rows.append(w)
    if "s3" in only or "s4" in only:
        emu.prepare(instances=1, why="s3/s4")
        iid = emu.get("/instances")["instances"][0]["id"]
        if "s3" in only:
            print(f"s3: {GETS:,} sequential gets", file=sys.stderr)
            each("s3", iid=iid)
            w = wrk_limit(emu, "s3", f"/instances/{iid}", 1)
            if w and w["wrk_p50"] is not None:
                w.update(unit="ms/call", runs=[w["wrk_p50"]], p99=[w["wrk_p99"]], calls=GETS)
                rows.append(w)
            print("s3: instructions per call (callgrind)" if COUNT_INSTRUCTIONS else "s3: get-count runs",
                  file=sys.stderr)
            rows += instruction_rows(emu, langs, iid, COUNT_INSTRUCTIONS)
        if "s4" in only:
            print(f"s4: {GETS:,} concurrent gets", file=sys.stderr)
            if emu.process.poll() is not None:
                emu.prepare(instances=1, why="s4")
                iid = emu.get("/instances")["instances"][0]["id"]
            each("s4", iid=iid)
            # 100 connections, as many as the peers' pools open.
            w = wrk_limit(emu, "s4", f"/instances/{iid}", 100)
            if w:
                w.update(unit="ms", runs=[GETS / w["rps"] * 1e3], calls=GETS)
                rows.append(w)
    if "s5" in only:
        n = SIZES["s5"]
        print(f"s5: iterate {n:,} images (peak RSS)", file=sys.stderr)
        emu.prepare(images=n, why="s5")
        clients = {"rust": [("sdk", "genesiscloud (core)")], "python": [("sdk", "genesiscloud Client"),
                   ("requests", "requests (page loop)")], "node": [("sdk", "genesiscloud Client"),
                   ("fetch", "fetch (page loop)")], "c": [("sdk", "C API pager"), ("curl", "libcurl + cJSON")]}
        for lang in (lang for lang in langs if has(lang, "s5")):
            for client, name in clients[lang]:
                argv = command(lang, "iterate", emu.base, 1, "", n, client)
                try:
                    mib, wall, count = peak_rss(argv, n)
                except (RuntimeError, OSError) as e:
                    rows.append({"scenario": "s5", "language": lang, "client": name, "error": str(e)})
                    continue
                print(f"  {lang} {name}: {mib:.1f} MiB, {wall / 1e3:.1f} s, {count} items", file=sys.stderr)
                rows.append({"scenario": "s5", "language": lang, "client": name,
                             "kind": "sdk" if client == "sdk" else "peer", "unit": "MiB", "runs": [mib],
                             "wall_ms": wall, "items": count})
    if "s6" in only:
        print("s6: cold start", file=sys.stderr)
        emu.prepare(images=10, why="s6")
        for lang in (lang for lang in langs if has(lang, "s6")):
            collected: list[dict[str, Any]] = []
            for _ in range(5):
                # The whole process too: interpreter start-up, and the
                # dynamic loader mapping the library, which no in-process
                # clock sees (a C or Rust program has no import to time).
                started = time.monotonic()
                got = [r for r in run_script(lang, command(lang, "coldstart", emu.base, 1)) if "runs" in r]
                for r in got:
                    r["process_ms"] = (time.monotonic() - started) * 1e3
                collected += got
            if not collected:
                rows.append({"scenario": "s6", "language": lang, "error": "no cold-start measurement"})
                continue
            merged = dict(collected[0])
            merged["runs"] = [r["runs"][0] for r in collected]
            for key in ("import_ms", "client_ms", "first_call_ms", "process_ms"):
                if key in merged:
                    merged[key] = [r[key] for r in collected]
            merged["size"] = artefact_size(lang)
            rows.append(merged)
    return rows


def stripped(path: Path) -> int | None:
    if shutil.which("strip") is None:
        return None
    tmp = RESULTS / ".stripped"
    ok = subprocess.run(["strip", "-o", str(tmp), str(path)], check=False, capture_output=True).returncode == 0
    size = tmp.stat().st_size if ok else None
    tmp.unlink(missing_ok=True)
    return size


def describe(path: Path | None) -> dict[str, Any]:
    if path is None or not path.exists():
        return {}
    return {"file": str(path.relative_to(REPO)), "bytes": path.stat().st_size, "stripped": stripped(path)
            if path.suffix in (".so", ".node") or ".so." in path.name else None}


def kotlin_sizes() -> dict[str, Any]:
    """The jar bench-build packaged and the library measured (no s6 row carries them for Kotlin)."""
    jars = sorted(KOTLIN_JARS.glob("*.jar"), key=lambda p: p.stat().st_mtime)
    return {"jar": describe(jars[-1] if jars else None), "library": describe(KOTLIN_LIB_DIR / KOTLIN_LIB)}


def artefact_size(language: str) -> dict[str, Any]:
    if language == "python":
        wheels = sorted((REPO / "target/bench/wheels").glob("*.whl"), key=lambda p: p.stat().st_mtime)
        return describe(wheels[-1] if wheels else next((REPO / "python/genesiscloud").glob("_native*.so"), None))
    if language == "node":
        return describe(NODE_ADDON)
    if language == "c":
        return describe(next(iter(sorted((REPO / "target/c/release/lib").glob("libgenesiscloud.so.*"))), None))
    return describe(RUST_BIN)


# ---- report -------------------------------------------------------------------


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def machine() -> list[tuple[str, str]]:
    def sh(argv: list[str]) -> str:
        try:
            r = subprocess.run(argv, check=False, capture_output=True, text=True, timeout=20, cwd=REPO)
            return (r.stdout or r.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "not found"

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((line.split(":", 1)[1].strip() for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), "?")
    osname = next((line.split("=", 1)[1].strip('"') for line in Path("/etc/os-release").read_text().splitlines()
                   if line.startswith("PRETTY_NAME")), platform.system())
    sdk = sh([str(PY), "-c", "import genesiscloud; print(genesiscloud.__version__)"])
    peers = sh([str(PY), "-c",
                "import requests, httpx; print('requests', requests.__version__, 'httpx', httpx.__version__)"])
    libcurl = sh(["pkg-config", "--modversion", "libcurl"])
    c_libs = f"libcurl {libcurl}, cJSON {sh(['pkg-config', '--modversion', 'libcjson'])}"
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} cores"),
        ("memory", f"{int(mem.split()[0]) / 1024 / 1024:.1f} GiB" if mem[0].isdigit() else mem),
        ("OS", f"{osname}, kernel {platform.release()}"),
        ("rustc", sh(["rustc", "--version"])),
        ("Python", f"{platform.python_version()} ({peers})"),
        ("Node", sh(["node", "--version"])),
        ("C", f"{sh(['cc', '--version'])}; {c_libs}"),
        ("JVM", f"{sh(['java', '-version'])}; {jvm_libraries()}"),
        ("wrk", sh(["wrk", "--version"]) if shutil.which("wrk") else "not installed (limit from reqwest only)"),
        ("SDK", f"genesiscloud {sdk}, release builds"),
    ]


def jvm_libraries() -> str:
    """Kotlin's and the peer's versions, from the jars Maven resolved."""
    jars = KOTLIN_CLASSPATH.read_text() if KOTLIN_CLASSPATH.exists() else ""
    found = [f"{name} {m.group(1)}" for name, jar in (("Kotlin", "kotlin-stdlib"), ("Jackson", "jackson-databind"))
             if (m := re.search(rf"/{jar}-([\d.]+)\.jar", jars))]
    return ", ".join(found) or "classpath not written"


def fmt(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:.2f}" if x < 10 else f"{x:.1f}"


def analyse(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per scenario and language: the reference SDK row, its ratios to peers and to the limit."""
    out: dict[str, Any] = {}
    for s in SCENARIOS:
        srows = [r for r in rows if r.get("scenario") == s and "runs" in r]
        limits = [r for r in srows if r.get("kind") == "limit"]
        best_limit = min((median(r["runs"]) for r in limits), default=None)
        per_lang: dict[str, Any] = {}
        for lang in ("rust", "python", "node", "c", "kotlin"):
            lrows = [r for r in srows if r["language"] == lang]
            sdk = next((r for r in lrows if r.get("kind") == "sdk"), None)
            if sdk is None:
                continue
            m = median(sdk["runs"])
            core = next((r for r in srows if r["language"] == "rust" and r.get("kind") == "sdk"), None)
            per_lang[lang] = {
                "sdk": sdk["client"], "median": m,
                # peer time / SDK time: > 1 means the SDK is faster (or smaller)
                "peers": {r["client"]: median(r["runs"]) / m for r in lrows if r.get("kind") == "peer"},
                "vs_limit": m / best_limit if best_limit else None,
                "vs_core": m / median(core["runs"]) if core and lang != "rust" else None,
            }
        out[s] = {"limit": best_limit, "languages": per_lang}
    return out


def value_cell(r: dict[str, Any]) -> tuple[str, str]:
    runs = r["runs"]
    if r["scenario"] == "s2":
        rates = [r["items"] / (t / 1e3) for t in runs]
        return f"{fmt(median(rates))} items/s", f"{fmt(min(rates))}–{fmt(max(rates))}"
    unit = r.get("unit", "ms")
    cell = f"{fmt(median(runs))} {unit}"
    if "p99" in r:
        cell += f" (p99 {fmt(median(r['p99']))})"
    if r["scenario"] == "s6" and "first_call_ms" in r:
        parts = [f"import {fmt(median(r['import_ms']))} ms"] if "import_ms" in r else []
        parts.append(f"first call {fmt(median(r['first_call_ms']))} ms")
        if "process_ms" in r:
            parts.append(f"whole process {fmt(median(r['process_ms']))} ms")
        cell += f" ({', '.join(parts)})"
    return cell, (f"{fmt(min(runs))}–{fmt(max(runs))}" if len(runs) > 1 else "1 run")


def targets(a: dict[str, Any], rows: list[dict[str, Any]]) -> list[str]:
    """The performance issue's targets, each judged on this run's medians."""
    lines = []

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else ("**met**" if ok else "**missed**")

    # Every SDK row at least as fast (s5: as small) as every peer of its
    # language. Each peer is given the SDK's concurrency where the SDK has
    # one (the x4 loops, httpx and the SDK behind the same semaphore, 100
    # in flight in C), so a one-page-at-a-time loop is no longer the bar.
    for s in ("s1", "s2", "s3", "s4", "s5"):
        for lang, v in a[s]["languages"].items():
            if not v["peers"]:
                continue
            name, worst = min(v["peers"].items(), key=lambda kv: kv[1])
            lines.append(f"- {s} {lang}: {verdict(worst >= 1)} — worst against a peer, "
                         f"{name}: {worst:.2f}× (peer ÷ SDK; target ≥ 1× every peer)")
    # "Within 1.3x of the raw Rust limit": the raw reqwest row, the same
    # HTTP stack without the SDK. wrk, a C client, is the emulator's own
    # limit and is shown beside it.
    raw_s3 = next((r for r in rows if r.get("scenario") == "s3" and r["language"] == "rust"
                   and r.get("kind") == "limit" and "runs" in r), None)
    for lang, v in a["s3"]["languages"].items():
        lim = v["vs_limit"]
        raw_x = v["median"] / median(raw_s3["runs"]) if raw_s3 else None
        line = f"- s3 {lang} per call: {verdict(None if raw_x is None else raw_x <= 1.3)} — " + (
            "no raw Rust row" if raw_x is None else f"{raw_x:.2f}× raw reqwest (target ≤ 1.3×)")
        if lim is not None:
            line += f"; {lim:.2f}× the best limit"
        if lang == "node":
            sdk = next((r for r in rows if r.get("scenario") == "s3" and r["language"] == "node"
                        and r.get("kind") == "sdk" and "runs" in r), None)
            if sdk and len(sdk["runs"]) > 1:
                spread = (max(sdk["runs"]) - min(sdk["runs"])) / median(sdk["runs"])
                line += f"; spread across runs {spread:.0%} ({verdict(spread <= 0.2)}, target ≤ 20%)"
        lines.append(line)
    core = a["s2"]["languages"].get("rust")
    raw = next((r for r in rows if r.get("scenario") == "s2" and r["language"] == "rust"
                and r.get("kind") == "limit" and "x4" in r.get("client", "") and "runs" in r), None)
    x = median(raw["runs"]) / core["median"] if core and raw else None
    lines.append(f"- s2 rust: {verdict(None if x is None else x >= 0.8)} — "
                 f"{'n/a' if x is None else f'{x:.2f}×'} the items/s of raw reqwest ×4, which decodes nothing "
                 "(target ≥ 0.8×)")
    py = a["s4"]["languages"].get("python")
    vs = py["vs_core"] if py else None
    lines.append(f"- s4 python: {verdict(None if vs is None else vs <= 2)} — AsyncClient "
                 f"{'n/a' if vs is None else f'{vs:.2f}×'} the Rust core's time (target ≤ 2×)")
    for r in (r for r in rows if r.get("scenario") == "s5" and r.get("kind") == "sdk" and "runs" in r):
        lines.append(f"- s5 {r['language']}: {verdict(r['runs'][0] < 100)} — peak RSS {r['runs'][0]:.1f} MiB "
                     f"over {r['items']:,} items (target < 100 MB)")
    for r in (r for r in rows if r.get("scenario") == "s6" and "import_ms" in r):
        imp = median(r["import_ms"])
        lines.append(f"- s6 {r['language']}: {verdict(imp < 50)} — import {imp:.1f} ms, every module it "
                     "loads included (target < 50 ms)")
    return lines


def status_cell(language: str, why: str | None) -> str:
    if why is not None:
        return "skipped: " + why
    if language in ONLY_SCENARIOS:
        return f"measured ({', '.join(sorted(ONLY_SCENARIOS[language]))} only)"
    return "measured"


def kotlin_line(rows: list[dict[str, Any]], sizes: dict[str, Any]) -> str:
    warmups = {r["scenario"]: r["warmups"] for r in rows if r["language"] == "kotlin" and "warmups" in r}
    line = ("Kotlin: each scenario in one JVM that `java -cp` starts on the classes Maven compiled, so neither "
            "Maven nor the JVM's start-up is timed")
    if warmups:
        line += (f"; before the timed runs every client is warmed up for the JIT ({warmups.get('s1', '-')} whole "
                 f"lists in s1, {warmups.get('s3', '-')} passes of {GETS:,} gets in s3)")

    def size(d: dict[str, Any]) -> str:
        if not d:
            return "not built"
        text = f"`{d['file']}` {d['bytes'] / 1e6:.1f} MB"
        return text + (f" ({d['stripped'] / 1e6:.1f} MB stripped)" if d.get("stripped") else "")

    return (f"{line}. Jar (`mvn package`, the release library inside): {size(sizes['jar'])}; "
            f"the library measured: {size(sizes['library'])}.")


def write_markdown(rows: list[dict[str, Any]], skipped: dict[str, str | None], runs: int,
                   elapsed: float, a: dict[str, Any], events: list[str], sizes: dict[str, Any]) -> str:
    out = ["# Benchmark results", "",
           (f"`make bench` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}): medians of {runs} runs after a "
           "warm-up (s5: one run; s6: 5 fresh processes), min–max spread beside them. The emulator runs as its "
           "own release binary on loopback."), "",
           ("Ratio column: for a **peer** row, peer time ÷ SDK time (> 1: the language's SDK is faster); for the "
           "**SDK** row, SDK time ÷ the best limit (1 = at the limit) and, in brackets, ÷ the Rust core "
           "(the binding's own overhead); for a **limit** row, nothing. s2 rates are items/s (higher is "
           "better); everything else is time or memory (lower is better)."), "",
           "## Machine", "", "| | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in machine()]
    out += ["", "## Languages", "", "| language | status |", "|---|---|"]
    out += [f"| {k} | {status_cell(k, v)} |" for k, v in skipped.items()]
    if "kotlin" in sizes:
        out += ["", kotlin_line(rows, sizes["kotlin"])]
    for s, title in SCENARIOS.items():
        srows = [r for r in rows if r.get("scenario") == s]
        if not srows:
            continue
        out += ["", f"## {s}: {title}", "", "| language | client | kind | median | min–max | ratio |",
                "|---|---|---|---|---|---|"]
        an = a[s]["languages"]
        for r in srows:
            if "runs" not in r:
                out.append(f"| {r['language']} | {r.get('client', '')} | error | {r.get('error', '')} | | |")
                continue
            cell, spread = value_cell(r)
            ratio = ""
            v = an.get(r["language"])
            if r.get("kind") == "peer" and v and r["client"] in v["peers"]:
                ratio = f"{v['peers'][r['client']]:.2f}×"
            elif r.get("kind") == "sdk" and v and r["client"] == v["sdk"]:
                parts = []
                if v["vs_limit"] is not None:
                    parts.append(f"{v['vs_limit']:.2f}× limit")
                if v["vs_core"] is not None:
                    parts.append(f"({v['vs_core']:.2f}× core)")
                ratio = " ".join(parts)
            elif r.get("kind") == "sdk" and v:
                ratio = f"{median(r['runs']) / v['median']:.2f}× {v['sdk']}"
            extra = ""
            if s == "s6" and r.get("size"):
                size = r["size"]
                extra = f"; {size['file']} {size['bytes'] / 1e6:.1f} MB"
                if size.get("stripped"):
                    extra += f" ({size['stripped'] / 1e6:.1f} MB stripped)"
            if s == "s5" and "wall_ms" in r:
                extra = f"; {r['wall_ms'] / 1e3:.1f} s"
            out.append(f"| {r['language']} | {r['client']} | {r.get('kind', '')} | {cell}{extra} "
                       f"| {spread} | {ratio} |")
    counted = [r for r in rows if r.get("scenario") == "s3-instructions"]
    if counted:
        out += ["", "## s3: instructions per call (callgrind)", "",
                f"Each client makes {CALLGRIND_GETS[0]} gets, then {CALLGRIND_GETS[1]}, under "
                "`valgrind --tool=callgrind`, every thread counted; the difference divided by "
                f"{CALLGRIND_GETS[1] - CALLGRIND_GETS[0]} is one call without start-up or imports. Unlike the "
                "times, these counts do not move with the machine's load. Ratio: SDK ÷ peer (< 1: the SDK "
                "executes fewer).", "", "| language | client | kind | instructions/call | ratio |",
                "|---|---|---|---|---|"]
        for r in counted:
            if r.get("instructions") is None:
                out.append(f"| {r['language']} | {r.get('client', '')} | {r.get('kind', '')} | "
                           f"{r.get('error', 'not counted (--smoke)')} | |")
                continue
            peer = next((p for p in counted if p["language"] == r["language"] and p.get("kind") == "peer"
                         and p.get("instructions")), None)
            ratio = f"{r['instructions'] / peer['instructions']:.2f}×" if peer and r["kind"] == "sdk" else ""
            out.append(f"| {r['language']} | {r['client']} | {r['kind']} | {r['instructions']:,.0f} | {ratio} |")
    if events:
        out += ["", "## Incidents", ""] + [f"- {e}" for e in events]
    out += ["", "## Targets of the issue", "", *targets(a, rows)]
    total = f"Total run time of `bench/run.py`: {elapsed / 60:.1f} min"
    started = REPO / "target/bench/started"
    if started.exists() and time.time() - started.stat().st_mtime < 3600:
        build = time.time() - int(started.read_text().split()[0]) - elapsed
        total += f"; of `make bench` with its release builds: {(build + elapsed) / 60:.1f} min"
    out += ["", total + ".", ""]
    return "\n".join(out)


def write_chart(a: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    speed: list[tuple[str, float]] = []
    limit: list[tuple[str, float]] = []
    for s in ("s1", "s2", "s3", "s4", "s5"):
        for lang, v in a[s]["languages"].items():
            for peer, x in v["peers"].items():
                speed.append((f"{s} {lang}: vs {peer}", x))
            if v["vs_limit"]:
                limit.append((f"{s} {lang}", v["vs_limit"]))
    fig, axes = plt.subplots(1, 2, figsize=(15, max(4, 0.32 * max(len(speed), len(limit)) + 1.5)))
    speed_title = "SDK advantage over the peer: peer ÷ SDK\n(time; peak RSS for s5; > 1: the SDK is better)"
    for ax, data, title, ref in ((axes[0], speed, speed_title, 1.0),
                                 (axes[1], limit, "SDK time ÷ the limit (1 = at the limit; lower is better)", 1.0)):
        if not data:
            ax.set_visible(False)
            continue
        labels, values = zip(*reversed(data), strict=False)
        colors = ["tab:green" if (v >= ref if ax is axes[0] else v <= 1.3) else "tab:red" for v in values]
        ax.barh(labels, values, color=colors)
        ax.axvline(ref, color="black", linewidth=0.8)
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%g"))
        ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.set_title(title, fontsize=10)
        ax.tick_params(axis="y", labelsize=8)
        for i, v in enumerate(values):
            ax.text(v, i, f" {v:.2f}×", va="center", fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default=",".join(SCENARIOS), help="comma-separated scenarios (s1..s6)")
    parser.add_argument("--languages", default="rust,python,node,c,kotlin")
    parser.add_argument("--failed", type=Path, help="file of 'language: reason' lines from make bench-build")
    parser.add_argument("--smoke", action="store_true",
                        help="every scenario once on tiny inputs with the debug builds; fail on any error")
    args = parser.parse_args()
    if args.smoke:
        use_smoke_settings()
        args.runs = 1
    started = time.monotonic()
    RESULTS.mkdir(parents=True, exist_ok=True)
    if not EMULATOR.exists():
        raise SystemExit(f"{EMULATOR} is missing: cargo build --release -p genesiscloud-emulator")

    wanted = args.languages.split(",")
    status = {k: v for k, v in available().items() if k in wanted}
    # A failed release build may leave an older artefact behind: never measure it.
    if args.failed and args.failed.exists():
        for line in args.failed.read_text().splitlines():
            lang, _, why = line.partition(":")
            if lang.strip() in status:
                status[lang.strip()] = why.strip()
    langs = [k for k, v in status.items() if v is None]
    for k, v in status.items():
        print(f"{k}: {'measured' if v is None else 'skipped: ' + v}", file=sys.stderr)

    emu = Emulator()
    try:
        only = [s for s in SCENARIOS if s in args.only.split(",")]
        rows = run_all(emu, langs, args.runs, set(only))
    finally:
        emu.stop()
    elapsed = time.monotonic() - started
    a = analyse(rows)
    sizes = {"kotlin": kotlin_sizes()} if "kotlin" in langs else {}
    (RESULTS / "latest.json").write_text(json.dumps({"rows": rows, "analysis": a, "sizes": sizes}, indent=1))
    (RESULTS / "latest.md").write_text(write_markdown(rows, status, args.runs, elapsed, a, emu.events, sizes))
    wrote = "latest.md and latest.png"
    try:
        write_chart(a, RESULTS / "latest.png")
    except ImportError:
        print("matplotlib missing: pip install -r bench/requirements.txt; no chart written", file=sys.stderr)
        wrote = "latest.md"
    print(f"wrote {RESULTS.relative_to(REPO)}/{wrote} in {elapsed / 60:.1f} min", file=sys.stderr)
    if args.smoke:
        problems = [f"{k}: skipped: {v}" for k, v in status.items() if v is not None]
        problems += [f"{r.get('scenario', '?')} {r['language']}: {r['error']}" for r in rows if "error" in r]
        ran = {(r.get("scenario"), r["language"]) for r in rows if "runs" in r}
        problems += [f"{sc} {lang}: no measurement" for sc in only for lang in langs
                     if has(lang, sc) and (sc, lang) not in ran]
        for p in problems:
            print(f"bench smoke: {p}", file=sys.stderr)
        print(f"bench smoke: {len(rows)} rows, {len(problems)} problems", file=sys.stderr)
        sys.exit(1 if problems else 0)


def use_smoke_settings() -> None:
    """--smoke: the debug artefacts that make test builds, tiny inputs, and a
    report under target/ so that bench/results/ keeps the last real run."""
    global EMULATOR, RUST_BIN, C_BIN, C_ITERATE, KOTLIN_LIB_DIR, RESULTS, GETS, COUNT_INSTRUCTIONS
    EMULATOR = REPO / "target/debug/genesiscloud-emulator"
    RUST_BIN = REPO / "target/debug/examples/bench_scenarios"
    C_BIN = REPO / "target/c/bench_scenarios_debug"
    C_ITERATE = {client: path.with_name(path.name + "_debug") for client, path in C_ITERATE.items()}
    KOTLIN_LIB_DIR = REPO / "target/debug"
    RESULTS = REPO / "target/bench/smoke"
    SIZES.update(SMOKE_SIZES)
    GETS = 100
    # Minutes under valgrind: the smoke run only checks that each runs.
    COUNT_INSTRUCTIONS = False


if __name__ == "__main__":
    main()
