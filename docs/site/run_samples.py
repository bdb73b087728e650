"""Runs every code sample of the documentation site (make test-docs).

    run_samples.py [NAME ...]

Each docs/guide/samples/NAME.{rs,py,mjs,c} runs as its reader would run it,
against one emulator process (target/debug/genesiscloud-emulator) whose URL
and token reach the samples as GENESISCLOUD_ENDPOINT and GENESISCLOUD_TOKEN:

- Rust: `target/debug/examples/guide NAME` (core/examples/guide.rs, which
  includes every Rust sample as a module; the Makefile builds it);
- Python: the venv's interpreter, with the package installed by maturin;
- Node: `node NAME.mjs`, from a directory where `genesiscloud-sdk` resolves
  to node/ (the package as built by make node-build);
- C: compiled with the C tests' warnings-as-errors flags, linked with the
  staged debug library (make c-lib), and run.

The emulator accepts $GENESISCLOUD_EMULATOR_TOKEN (make test's canary) like
every emulator the tests start; no sample prints a token. A sample fails
on a non-zero exit or after 90 s; the run fails if any sample does, after
running them all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "docs" / "guide" / "samples"
WORK = ROOT / "target" / "docs-samples"
CFLAGS = ["-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror", "-D_POSIX_C_SOURCE=200809L", "-g"]
LIBDIR = ROOT / "target" / "c" / "debug" / "lib"
TIMEOUT = 90


def command(path: Path) -> list[str]:
    name, ext = path.stem, path.suffix
    if ext == ".rs":
        return [str(ROOT / "target" / "debug" / "examples" / "guide"), name]
    if ext == ".py":
        return [str(ROOT / ".venv" / "bin" / "python"), str(path)]
    if ext == ".mjs":
        copy = WORK / "node" / path.name
        shutil.copyfile(path, copy)
        return ["node", str(copy)]
    if ext == ".c":
        exe = WORK / "c" / name
        cc = os.environ.get("CC", "cc")
        subprocess.run(
            [
                cc,
                *CFLAGS,
                f"-I{ROOT / 'include'}",
                str(path),
                "-o",
                str(exe),
                f"-L{LIBDIR}",
                "-lgenesiscloud",
                f"-Wl,-rpath,{LIBDIR}",
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return [str(exe)]
    raise ValueError(f"no runner for {path.name}")


def run(path: Path, env: dict[str, str]) -> tuple[Path, bool, str, float]:
    start = time.monotonic()
    try:
        argv = command(path)
        if path.name == "logs.mjs":  # what the Node logging sample asks its reader to set
            env = {**env, "GENESISCLOUD_LOG": "debug"}
        proc = subprocess.run(argv, env=env, cwd=WORK, capture_output=True, text=True, timeout=TIMEOUT)
        ok, out = proc.returncode == 0, proc.stdout + proc.stderr
        if not ok:
            out += f"(exit status {proc.returncode})\n"
    except subprocess.TimeoutExpired:
        ok, out = False, f"(killed after {TIMEOUT} s)\n"
    except subprocess.CalledProcessError as e:
        ok, out = False, f"{e.stdout}{e.stderr}(did not compile)\n"
    except OSError as e:
        ok, out = False, f"(cannot run: {e})\n"
    return path, ok, out, time.monotonic() - start


def main() -> int:
    names = set(sys.argv[1:])
    samples = sorted(p for p in SAMPLES.iterdir() if p.is_file() and (not names or p.stem in names))
    (WORK / "c").mkdir(parents=True, exist_ok=True)
    (WORK / "node" / "node_modules").mkdir(parents=True, exist_ok=True)
    link = WORK / "node" / "node_modules" / "genesiscloud-sdk"
    if not link.is_symlink():
        link.symlink_to(ROOT / "node")

    start = time.monotonic()
    emulator = subprocess.Popen(
        [str(ROOT / "target" / "debug" / "genesiscloud-emulator"), "--port", "0", "--lifecycle-delay-ms", "50"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert emulator.stdout is not None
        base_url = emulator.stdout.readline().strip()
        env = dict(os.environ)
        env["GENESISCLOUD_TOKEN"] = os.environ.get("GENESISCLOUD_EMULATOR_TOKEN") or "gc-emulator-token"
        env["GENESISCLOUD_ENDPOINT"] = base_url
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(lambda p: run(p, env), samples))
    finally:
        emulator.terminate()
        emulator.wait()

    failed = 0
    for path, ok, out, seconds in results:
        print(f"{'ok  ' if ok else 'FAIL'} {path.relative_to(ROOT)} ({seconds:.1f} s)")
        for line in out.splitlines():
            print(f"     | {line}")
        failed += not ok
    passed = len(results) - failed
    print(f"run_samples.py: {passed} of {len(results)} samples passed in {time.monotonic() - start:.1f} s")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
