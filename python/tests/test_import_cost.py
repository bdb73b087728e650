"""What ``import genesiscloud`` loads, in a fresh interpreter: the cold start
(bench row s6, target < 50 ms) stays small only while the heavy modules stay
off the import path. See docs/decisions.md, "Import time"."""

from __future__ import annotations

import json
import subprocess
import sys

import genesiscloud

# What the bare import must not load: the clients and their generated
# resource groups come on first use, and with them the stdlib they need.
NOT_ON_IMPORT = {
    "asyncio",
    "dataclasses",
    "inspect",
    "typing",
    "genesiscloud._async_client",
    "genesiscloud._async_resources",
    "genesiscloud._client",
    "genesiscloud._resources",
    "genesiscloud._models",
}

# What the blocking ``Client`` must not load either: the asyncio side, and
# the stdlib only an error or a wait needs.
NOT_FOR_CLIENT = {
    "asyncio",
    "dataclasses",
    "inspect",
    "genesiscloud._async_client",
    "genesiscloud._async_resources",
    "genesiscloud._asyncio",
    "genesiscloud._wait",
}


def _loaded(code: str) -> set[str]:
    script = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    return set(json.loads(out))


def test_import_loads_no_client() -> None:
    assert _loaded("import genesiscloud") & NOT_ON_IMPORT == set()


def test_client_loads_no_asyncio() -> None:
    code = "import genesiscloud\ngenesiscloud.Client(token='t', base_url='http://127.0.0.1:9').images"
    assert _loaded(code) & NOT_FOR_CLIENT == set()


def test_every_name_is_still_there() -> None:
    namespace: dict[str, object] = {}
    exec("from genesiscloud import *", namespace)
    assert set(genesiscloud.__all__) <= set(namespace)
    assert set(genesiscloud.__all__) <= set(dir(genesiscloud))
    # Every lazy name is exported, and every export but the version is lazy.
    assert set(genesiscloud._LAZY) == set(genesiscloud.__all__) - {"__version__"}
    assert genesiscloud.AsyncClient.__module__.startswith("genesiscloud.")
