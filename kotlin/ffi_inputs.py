#!/usr/bin/env python3
"""The digest of everything uniffi-bindgen renders the Kotlin FFI file from.

`make kotlin-bindings` runs uniffi-bindgen and then `ffi_inputs.py write`,
which records the digest beside the rendered file. `make test` runs
`ffi_inputs.py check`: when the digest of the current inputs equals the one
recorded, the committed file is what the generator made of these very
inputs, and building uniffi-bindgen (3.7 minutes of a cold CI run) is
skipped; otherwise the check renders the file again and diffs it.

The inputs: the uniffi metadata the built library exports (the
`UNIFFI_META_*` symbols, which carry every exported item, its types and its
doc comment), bindings/uniffi/uniffi.toml, the locked versions of the
generator's crates (uniffi*, askama*), and the rendered file itself, so
that an edit by hand does not pass either.

Usage: ffi_inputs.py write|check LIBRARY
"""

from __future__ import annotations

import hashlib
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RENDERED = ROOT / "kotlin/src/main/kotlin/com/genesiscloud/sdk/ffi/genesiscloud_uniffi.kt"
RECORD = RENDERED.with_name(RENDERED.name + ".inputs")
CONFIG = ROOT / "bindings/uniffi/uniffi.toml"
LOCK = ROOT / "Cargo.lock"
GENERATOR_CRATES = ("uniffi", "askama")
PT_LOAD = 1


def _load_segments(elf: bytes) -> list[tuple[int, int, int]]:
    """(virtual address, file offset, size in the file) of each loadable
    segment of a 64-bit little-endian ELF file."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise SystemExit("ffi_inputs.py: the library is not a 64-bit little-endian ELF file")
    phoff, = struct.unpack_from("<Q", elf, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", elf, 0x36)
    segments = []
    for i in range(phnum):
        p_type, _, p_offset, p_vaddr, _, p_filesz = struct.unpack_from("<IIQQQQ", elf, phoff + i * phentsize)
        if p_type == PT_LOAD:
            segments.append((p_vaddr, p_offset, p_filesz))
    return segments


def _metadata(library: Path) -> list[tuple[str, bytes]]:
    """Name and contents of every UNIFFI_META_* symbol the library exports."""
    elf = library.read_bytes()
    segments = _load_segments(elf)
    listing = subprocess.run(
        ["nm", "-D", "-S", "--defined-only", str(library)], check=True, capture_output=True, text=True
    ).stdout
    found = []
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) != 4 or not fields[3].startswith("UNIFFI_META_"):
            continue
        address, size, name = int(fields[0], 16), int(fields[1], 16), fields[3]
        for vaddr, offset, filesz in segments:
            if vaddr <= address and address + size <= vaddr + filesz:
                start = offset + address - vaddr
                found.append((name, elf[start : start + size]))
                break
        else:
            raise SystemExit(f"ffi_inputs.py: {name} lies in no loadable segment of {library}")
    if not found:
        raise SystemExit(f"ffi_inputs.py: {library} exports no uniffi metadata")
    return sorted(found)


def _generator_versions() -> str:
    """Name, version and checksum of the generator's crates in Cargo.lock."""
    packages = tomllib.loads(LOCK.read_text())["package"]
    return "".join(
        f"{p['name']} {p['version']} {p.get('checksum', '')}\n"
        for p in packages
        if p["name"].startswith(GENERATOR_CRATES)
    )


def digest(library: Path) -> str:
    """The sha256, in hex, of every input of the rendered file."""
    h = hashlib.sha256()
    for name, contents in _metadata(library):
        h.update(b"meta %s %d\n" % (name.encode(), len(contents)))
        h.update(contents)
    for label, data in (
        ("config", CONFIG.read_bytes()),
        ("generator", _generator_versions().encode()),
        ("rendered", RENDERED.read_bytes()),
    ):
        h.update(b"%s %d\n" % (label.encode(), len(data)))
        h.update(data)
    return h.hexdigest()


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("write", "check"):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    current = digest(Path(argv[2]))
    if argv[1] == "write":
        RECORD.write_text(
            "# sha256 of the inputs uniffi-bindgen rendered genesiscloud_uniffi.kt from\n"
            f"# (kotlin/ffi_inputs.py; written by make kotlin-bindings)\n{current}\n"
        )
        return 0
    recorded = RECORD.read_text().split()[-1] if RECORD.exists() else "nothing"
    if recorded == current:
        print(f"{RENDERED.relative_to(ROOT)}: fresh (its inputs are those recorded when it was rendered)")
        return 0
    print(f"{RENDERED.relative_to(ROOT)}: inputs changed since it was rendered ({recorded[:12]} -> {current[:12]})")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
