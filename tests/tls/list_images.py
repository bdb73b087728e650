"""One list call through the Python SDK, configured the way a user would:
what the TLS suite (run.py) runs against an HTTPS emulator.

    list_images.py [--ca-bundle FILE] [--proxy URL] [--async]

The token and base URL come from GENESISCLOUD_TOKEN and
GENESISCLOUD_ENDPOINT. Prints ``ok <images>``, or ``error <code>
<attempts> <message>`` and exits 1.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

import genesiscloud


async def count_async(settings: dict[str, Any]) -> int:
    async with genesiscloud.AsyncClient(**settings) as client:
        return len([image async for image in client.images.list()])


def count(settings: dict[str, Any]) -> int:
    with genesiscloud.Client(**settings) as client:
        return len(list(client.images.list()))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ca-bundle")
    parser.add_argument("--proxy")
    parser.add_argument("--async", dest="use_async", action="store_true")
    args = parser.parse_args()
    settings = {"ca_bundle": args.ca_bundle, "proxy": args.proxy, "max_retries": 2}
    try:
        n = asyncio.run(count_async(settings)) if args.use_async else count(settings)
    except genesiscloud.GenesisCloudError as e:
        print(f"error {e.code} {e.attempts} {e.message}")
        return 1
    print(f"ok {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
