"""`make dist`: everything a release publishes, written into dist/.

- the Python wheel (abi3, manylinux2014: glibc 2.17) and the sdist;
- the npm packages: `genesiscloud-sdk` and its platform package
  `genesiscloud-sdk-linux-x64-gnu`, as `npm pack` makes them;
- the C tarball (header, shared and static library, pkg-config and CMake
  files) and the shared library's debug info, in a file of its own.

Every binary is linked by zig against glibc 2.17 (with cargo-zigbuild's
settings), in the `dist` profile of the workspace's Cargo.toml, with
this machine's paths remapped out of the code. `packaging/check_dist.py`
(`make test-dist`) checks what this writes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
STAGE = ROOT / "target" / "dist-stage"
TRIPLE = "x86_64-unknown-linux-gnu"
GLIBC = "2.17"
BUILT = ROOT / "target" / TRIPLE / "dist"
VENV_BIN = ROOT / ".venv" / "bin"
NPM_PLATFORM = "linux-x64-gnu"


def version() -> str:
    for line in (ROOT / "Cargo.toml").read_text().splitlines():
        if line.startswith("version = "):
            return line.split('"')[1]
    raise SystemExit("no workspace version in Cargo.toml")


def build_env() -> dict[str, str]:
    """The environment of every build: zig and cargo-zigbuild from the venv,
    and this machine's paths (the checkout, the cargo home) remapped, so
    that no artifact names them."""
    cargo_home = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo"))
    remaps = [f"--remap-path-prefix={ROOT}=genesiscloud-sdk", f"--remap-path-prefix={cargo_home}=cargo"]
    return {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
        "RUSTFLAGS": " ".join(remaps),
    }


def run(*argv: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in argv), flush=True)
    subprocess.run([str(a) for a in argv], cwd=cwd, env=env, check=True)


def zig_env(env: dict[str, str]) -> dict[str, str]:
    """`env` with what cargo-zigbuild gives cargo: its zig wrappers as the
    linker and C compiler of the target, for glibc 2.17. It is captured by
    letting cargo-zigbuild run a stand-in for cargo, so that plain cargo and
    maturin then build with the very same settings and share every compiled
    dependency (each tool's own wrappers would rebuild all of them)."""
    with tempfile.TemporaryDirectory() as tmp:
        dump, stand_in = Path(tmp) / "env.json", Path(tmp) / "cargo"
        stand_in.write_text(
            f"#!{sys.executable}\nimport json, os\njson.dump(dict(os.environ), open({str(dump)!r}, 'w'))\n"
        )
        stand_in.chmod(0o755)
        run("cargo-zigbuild", "zigbuild", "--target", f"{TRIPLE}.{GLIBC}", env={**env, "CARGO": str(stand_in)})
        captured: dict[str, str] = json.loads(dump.read_text())
    captured.pop("CARGO", None)
    # The libraries are built by two cargo runs (maturin makes its own):
    # features unified over the whole workspace give both the same build of
    # every shared dependency, where each run's own unification would differ
    # in a proc-macro's features and rebuild everything after it. The
    # setting is unstable; cargo-zigbuild already runs cargo with unstable
    # settings allowed.
    captured["CARGO_UNSTABLE_FEATURE_UNIFICATION"] = "true"
    captured["CARGO_RESOLVER_FEATURE_UNIFICATION"] = "workspace"
    return captured


def native_builds(env: dict[str, str]) -> None:
    """The Node addon and the C library, in one cargo run so that they share
    every dependency's build."""
    run(
        "cargo",
        "build",
        "--profile",
        "dist",
        "--target",
        TRIPLE,
        "-p",
        "genesiscloud-node",
        "-p",
        "genesiscloud-c",
        env=env,
    )


def python(env: dict[str, str]) -> None:
    maturin = VENV_BIN / "maturin"
    # Linked by zig with the settings of zig_env rather than `--zig`, whose
    # own wrappers would rebuild every dependency.
    run(
        maturin, "build", "--profile", "dist", "--compatibility", "manylinux2014",
        "--target", TRIPLE, "--out", DIST,
        cwd=ROOT / "python", env=env,
    )  # fmt: skip
    run(maturin, "sdist", "--out", DIST, cwd=ROOT / "python", env=env)


def node(ver: str) -> None:
    """The main package (JavaScript, types) and the platform package (the
    addon), laid out as napi-rs publishes them."""
    main_dir = STAGE / "npm" / "genesiscloud-sdk"
    platform_dir = STAGE / "npm" / f"genesiscloud-sdk-{NPM_PLATFORM}"
    for d in (main_dir, platform_dir):
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
    manifest = json.loads((ROOT / "node" / "package.json").read_text())
    for entry in manifest["files"]:
        if entry.endswith(".node"):
            continue
        src = ROOT / "node" / entry.rstrip("/")
        if src.is_dir():
            shutil.copytree(src, main_dir / src.name)
        else:
            shutil.copy2(src, main_dir / src.name)
    # The addon comes from the platform package that npm picks by os, cpu
    # and libc; native.js already looks for it under this name.
    manifest["files"] = [f for f in manifest["files"] if not f.endswith(".node")]
    manifest["optionalDependencies"] = {f"genesiscloud-sdk-{NPM_PLATFORM}": ver}
    for key in ("scripts", "devDependencies", "napi"):
        manifest.pop(key, None)
    (main_dir / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")

    platform_src = ROOT / "node" / "npm" / NPM_PLATFORM
    shutil.copy2(platform_src / "package.json", platform_dir / "package.json")
    shutil.copy2(platform_src / "README.md", platform_dir / "README.md")
    addon = platform_dir / f"genesiscloud.{NPM_PLATFORM}.node"
    shutil.copy2(BUILT / "libgenesiscloud_node.so", addon)
    run("strip", "--strip-all", addon)
    for d in (main_dir, platform_dir):
        run("npm", "pack", "--silent", "--pack-destination", DIST, cwd=d)


def c_library(ver: str) -> None:
    """`genesiscloud-c-VERSION-linux-x86_64.tar.gz`: a prefix to unpack
    anywhere (its pkg-config and CMake files find the rest relative to
    themselves); the shared library is stripped and its debug info is
    `libgenesiscloud.so.VERSION.debug`, linked by `.gnu_debuglink`."""
    name = f"genesiscloud-c-{ver}-linux-x86_64"
    prefix = STAGE / "c" / name
    shutil.rmtree(prefix.parent, ignore_errors=True)
    for sub in ("include", "lib/pkgconfig", "lib/cmake/genesiscloud"):
        (prefix / sub).mkdir(parents=True)
    shutil.copy2(ROOT / "include" / "genesiscloud.h", prefix / "include")
    so = prefix / "lib" / f"libgenesiscloud.so.{ver}"
    shutil.copy2(BUILT / "libgenesiscloud_c.so", so)
    debug = DIST / f"libgenesiscloud.so.{ver}.debug"
    run("objcopy", "--only-keep-debug", so, debug)
    run("strip", "--strip-all", so)
    run("objcopy", f"--add-gnu-debuglink={debug}", so)
    soname = (
        subprocess.run(["objdump", "-p", str(so)], check=True, capture_output=True, text=True)
        .stdout.split("SONAME")[1]
        .split()[0]
    )
    (prefix / "lib" / soname).symlink_to(so.name)
    (prefix / "lib" / "libgenesiscloud.so").symlink_to(soname)
    static = prefix / "lib" / "libgenesiscloud.a"
    shutil.copy2(BUILT / "libgenesiscloud_c.a", static)
    run("strip", "--strip-debug", static)
    templates = ROOT / "bindings" / "c" / "install"
    for template, where in [
        ("genesiscloud.pc.in", "lib/pkgconfig"),
        ("genesiscloudConfig.cmake.in", "lib/cmake/genesiscloud"),
        ("genesiscloudConfigVersion.cmake.in", "lib/cmake/genesiscloud"),
    ]:
        text = (templates / template).read_text()
        # pkg-config's own variable makes the prefix wherever it is unpacked.
        text = text.replace("@PREFIX@", "${pcfiledir}/../..").replace("@VERSION@", ver)
        (prefix / where / template.removesuffix(".in")).write_text(text.replace("@SONAME@", soname))
    with tarfile.open(DIST / f"{name}.tar.gz", "w:gz") as tar:
        tar.add(prefix, arcname=name, filter=_owned_by_nobody)


def _owned_by_nobody(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def main() -> int:
    ver = version()
    shutil.rmtree(DIST, ignore_errors=True)
    DIST.mkdir()
    env = zig_env(build_env())
    native_builds(env)
    python(env)
    node(ver)
    c_library(ver)
    print(f"\nmake dist: {DIST.relative_to(ROOT)}/")
    for path in sorted(DIST.iterdir()):
        print(f"  {path.stat().st_size / 1e6:7.2f} MB  {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
