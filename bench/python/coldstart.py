"""s6 for Python: import, client and first call in a fresh interpreter.

    python bench/python/coldstart.py BASE_URL

Its own file, importing nothing before the clock starts, so that the
import time includes every module genesiscloud pulls in (asyncio, json, ...),
as a user's script pays it; scenarios.py has imported many of them already.
"""

import time

started = time.perf_counter()

import genesiscloud  # noqa: E402 - after the clock starts, on purpose

imported = time.perf_counter()

import json  # noqa: E402
import sys  # noqa: E402

client = genesiscloud.Client(token="gc-emulator-token", base_url=sys.argv[1])
made = time.perf_counter()
page = client.images.list_page(per_page=1)
done = time.perf_counter()
print(json.dumps({"scenario": "s6", "language": "python", "client": "genesiscloud Client", "kind": "sdk",
                  "unit": "ms", "runs": [(done - started) * 1e3], "import_ms": (imported - started) * 1e3,
                  "client_ms": (made - imported) * 1e3, "first_call_ms": (done - made) * 1e3,
                  "items": len(page.items)}), flush=True)
