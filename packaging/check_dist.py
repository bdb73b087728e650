"""`make test-dist`: checks what `make dist` wrote, as its users get it.

- every shipped binary needs glibc 2.17 at most, and stays in its size
  budget;
- no artifact holds test data, the fuzz corpus or a path of this machine
  (every artifact's contents are listed);
- each artifact is installed the way its users install it, and its
  quickstart runs against the bundled emulator: the wheel into a fresh
  venv, the npm tarballs into an empty directory, the C tarball into an
  empty prefix (the quickstart built through pkg-config and through CMake,
  shared and static), the sdist into a fresh venv from source;
- without Rust (and with maturin told not to install it), the sdist fails
  with a message that names Rust.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
MAX_GLIBC = (2, 17)
MB = 1_000_000
BUDGETS = {"wheel": 5 * MB, "node addon": 6 * MB, "shared library": 6 * MB}
# What no artifact may hold: test folders and data, the fuzz corpus, build
# leftovers. (`genesiscloud/testing/` is the emulator users test with.)
FORBIDDEN_NAMES = re.compile(
    r"(^|/)(tests?|__tests__|__test__|fuzz|corpus|conformance|examples|target|node_modules|\.venv|"
    r"__pycache__|\.pytest_cache)(/|$)"
)

failures: list[str] = []


def check(ok: bool, what: str) -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {what}", flush=True)
    if not ok:
        failures.append(what)


def one(pattern: str) -> Path:
    found = sorted(DIST.glob(pattern))
    if len(found) != 1:
        raise SystemExit(f"check_dist: expected one dist/{pattern}, found {[p.name for p in found]}; run make dist")
    return found[0]


def members(path: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of an archive, with its bytes."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                yield name, z.read(name)
        return
    with tarfile.open(path) as t:
        for m in t.getmembers():
            if m.isfile():
                f = t.extractfile(m)
                yield m.name, f.read() if f else b""
            elif m.issym():
                yield f"{m.name} -> {m.linkname}", b""


def glibc_needed(binary: bytes) -> tuple[int, ...]:
    """The highest GLIBC_ symbol version an ELF file asks for."""
    with tempfile.NamedTemporaryFile() as f:
        f.write(binary)
        f.flush()
        out = subprocess.run(["objdump", "-T", f.name], check=True, capture_output=True, text=True).stdout
    versions = {tuple(int(n) for n in v.split(".")) for v in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", out)}
    return max(versions, default=(0,))


def show(v: tuple[int, ...]) -> str:
    return ".".join(map(str, v))


def contents(path: Path) -> dict[str, bytes]:
    files = dict(members(path))
    print(f"\n{path.name} ({path.stat().st_size / MB:.2f} MB), {len(files)} entries:")
    for name, data in files.items():
        print(f"  {len(data):>10,}  {name}")
    bad = [n for n in files if FORBIDDEN_NAMES.search(n.split(" -> ")[0].split("/", 1)[-1])]
    check(not bad, f"{path.name}: no test data, fuzz corpus or build folder {bad[:5]}")
    here = [str(ROOT).encode(), str(Path.home()).encode() + b"/"]
    leaks = [n for n, data in files.items() if any(h in data or h in n.encode() for h in here)]
    check(not leaks, f"{path.name}: no path of this machine ({ROOT}, {Path.home()}) {leaks[:5]}")
    return files


def binary(files: dict[str, bytes], suffix: str, what: str, budget: int | None) -> None:
    [(name, data)] = [(n, d) for n, d in files.items() if " -> " not in n and re.search(suffix, n)]
    needed = glibc_needed(data)
    check(needed <= MAX_GLIBC, f"{what} {name}: needs glibc {show(needed)} (at most {show(MAX_GLIBC)})")
    if budget is not None:
        check(len(data) < budget, f"{what}: {len(data) / MB:.2f} MB (budget {budget / MB:.0f} MB)")


def run(argv: list[str | Path], cwd: Path, env: dict[str, str] | None = None, what: str = "") -> str:
    proc = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    check(proc.returncode == 0, f"{what or argv[0]}")
    if proc.returncode != 0:
        print(out)
    return out


def quickstart_env() -> dict[str, str]:
    """Without a token, every quickstart starts the bundled emulator."""
    env = dict(os.environ)
    env.pop("GENESISCLOUD_TOKEN", None)
    return env


def fresh_venv(where: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    return where / "bin" / "python"


def check_wheel(work: Path) -> None:
    wheel = one("*.whl")
    tagged = "manylinux_2_17_x86_64" in wheel.name or "manylinux2014_x86_64" in wheel.name
    check(tagged, f"{wheel.name}: tagged manylinux2014")
    files = contents(wheel)
    binary(files, r"_native\.abi3\.so$", "wheel's module", None)
    check(wheel.stat().st_size < BUDGETS["wheel"], f"wheel: {wheel.stat().st_size / MB:.2f} MB (budget 5 MB)")
    audit = run([ROOT / ".venv" / "bin" / "auditwheel", "show", wheel], ROOT, what="auditwheel show")
    print(audit)
    check("manylinux_2_17_x86_64" in audit, "auditwheel: consistent with manylinux_2_17_x86_64")
    python = fresh_venv(work / "wheel-venv")
    run([python, "-m", "pip", "install", "-q", wheel], work, what="pip install the wheel into a fresh venv")
    out = run([python, ROOT / "python" / "examples" / "quickstart.py"], work, quickstart_env(), "wheel: quickstart.py")
    check("Images:" in out, "wheel: the quickstart listed images")


def check_sdist(work: Path) -> None:
    sdist = one("genesiscloud_sdk-*.tar.gz")
    contents(sdist)
    python = fresh_venv(work / "sdist-venv")
    # A debug build, sharing this checkout's compiled dependencies: what is
    # checked is that the sources build, not their speed.
    env = {**os.environ, "MATURIN_PEP517_ARGS": "--profile dev", "CARGO_TARGET_DIR": str(ROOT / "target")}
    run([python, "-m", "pip", "install", "-q", sdist], work, env, "pip install the sdist, building from source")
    out = run([python, ROOT / "python" / "examples" / "quickstart.py"], work, quickstart_env(), "sdist: quickstart.py")
    check("Images:" in out, "sdist: the quickstart listed images")
    python = fresh_venv(work / "sdist-no-rust-venv")
    no_rust = {
        "PATH": f"{python.parent}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "HOME": str(work / "home"),
        "MATURIN_NO_INSTALL_RUST": "1",
    }
    proc = subprocess.run(
        [str(python), "-m", "pip", "install", str(sdist)], cwd=work, env=no_rust, capture_output=True, text=True
    )
    said = proc.stdout + proc.stderr
    check(proc.returncode != 0 and "Rust" in said, "sdist without Rust: fails with a message that names Rust")
    print("\n".join(line for line in said.splitlines() if "Rust" in line or "Cargo" in line))


def check_npm(work: Path) -> None:
    tarballs = sorted(DIST.glob("genesiscloud-sdk-*.tgz"))
    check(len(tarballs) == 2, f"two npm tarballs: {[t.name for t in tarballs]}")
    for t in tarballs:
        files = contents(t)
        if "linux-x64-gnu" in t.name:
            binary(files, r"\.node$", "node addon", BUDGETS["node addon"])
    project = work / "npm-project"
    project.mkdir()
    run(["npm", "init", "-y"], project, what="npm init")
    run(["npm", "install", "--no-audit", "--no-fund", *tarballs], project, what="npm install ./genesiscloud-sdk-*.tgz")
    shutil.copy2(ROOT / "node" / "examples" / "quickstart.mjs", project / "quickstart.mjs")
    out = run(["node", "quickstart.mjs"], project, quickstart_env(), "npm: quickstart.mjs")
    check("Images:" in out, "npm: the quickstart listed images")


def check_c(work: Path) -> None:
    tarball = one("genesiscloud-c-*.tar.gz")
    files = contents(tarball)
    binary(files, r"libgenesiscloud\.so\.\d+\.\d+\.\d+$", "shared library", BUDGETS["shared library"])
    debug = one("libgenesiscloud.so.*.debug")
    check(debug.stat().st_size > 0, f"the shared library's debug info: {debug.name}")
    prefix = work / "c-prefix"
    prefix.mkdir()
    with tarfile.open(tarball) as t:
        t.extractall(prefix, filter="tar")
    [root] = list(prefix.iterdir())
    env = {**quickstart_env(), "PKG_CONFIG_PATH": str(root / "lib" / "pkgconfig")}
    flags = run(["pkg-config", "--cflags", "--libs", "genesiscloud"], work, env, "pkg-config genesiscloud").split()
    exe = work / "quickstart-pkg-config"
    cc = os.environ.get("CC", "cc")
    run([cc, "-std=c99", "-Wall", "-Werror", ROOT / "bindings/c/examples/quickstart.c", "-o", exe, *flags],
        work, env, "C: the quickstart built through pkg-config")  # fmt: skip
    out = run([exe], work, {**env, "LD_LIBRARY_PATH": str(root / "lib")}, "C: quickstart (pkg-config)")
    check("images:" in out, "C: the pkg-config quickstart listed images")
    build = work / "cmake-build"
    configure = ["cmake", "-S", ROOT / "tests/c/cmake", "-B", build, f"-DCMAKE_PREFIX_PATH={root}"]
    run(configure, work, env, "cmake configure")
    run(["cmake", "--build", build], work, env, "C: the quickstart built through CMake (shared and static)")
    for name in ("quickstart", "quickstart_static"):
        out = run([build / name], work, env, f"C: {name} (CMake)")
        check("images:" in out, f"C: the CMake {name} listed images")
    # The static library carries glibc references a link resolves later: a
    # link by zig against glibc 2.17 fails if it needs anything newer.
    run([ROOT / ".venv" / "bin" / "python", "-m", "ziglang", "cc", "-target", "x86_64-linux-gnu.2.17",
         ROOT / "bindings/c/examples/quickstart.c", f"-I{root / 'include'}", root / "lib" / "libgenesiscloud.a",
         "-lunwind", "-lpthread", "-ldl", "-lm", "-lrt", "-lutil", "-o", work / "quickstart-2.17"],
        work, env, "C: the static library links against glibc 2.17")  # fmt: skip


def main() -> int:
    print(f"check_dist: {sorted(p.name for p in DIST.iterdir())}")
    with tempfile.TemporaryDirectory(prefix="check-dist-") as tmp:
        work = Path(tmp)
        for part in (check_wheel, check_sdist, check_npm, check_c):
            part(work)
    if failures:
        print(f"\ncheck_dist: {len(failures)} check(s) failed:\n  " + "\n  ".join(failures))
        return 1
    print("\ncheck_dist: every artifact passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
