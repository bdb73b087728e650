"""The Python SDK's in-process ``Emulator(tls=True)``: an https:// URL, the
CA at ``ca_path`` trusted by ``client()``, HTTP/2 in its request log, and
the expired certificate refused without a retry. Prints ``ok``."""

from __future__ import annotations

import genesiscloud
from genesiscloud.testing import Emulator


def main() -> None:
    with Emulator(tls=True) as emulator:
        assert emulator.base_url.startswith("https://127.0.0.1:"), emulator.base_url
        assert emulator.ca_path is not None
        with emulator.client() as client:
            assert len(list(client.images.list())) > 0
        versions = {r["http_version"] for r in emulator.requests()}
        assert versions == {"HTTP/2.0"}, versions
    with Emulator(tls=True, certificate="expired") as emulator:
        try:
            list(emulator.client(max_retries=3).images.list())
            raise AssertionError("an expired certificate was accepted")
        except genesiscloud.APIConnectionError as e:
            assert e.code == "connection" and e.attempts == 1, e
            assert "has expired" in e.message, e.message
    print("ok")


if __name__ == "__main__":
    main()
