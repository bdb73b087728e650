"""Lists the account's images and instances.

With GENESISCLOUD_TOKEN set it talks to the real API (GENESISCLOUD_ENDPOINT
overrides the URL); otherwise it starts the bundled emulator and says so.

    python examples/quickstart.py
"""

from __future__ import annotations

import os

import genesiscloud
from genesiscloud.testing import Emulator


def show(client: genesiscloud.Client) -> None:
    print("Images:")
    for image in client.images.list():
        print(f"  {image.id}  {image.name}  [{image.os_type}, {len(image.regions)} regions]")
    print("Instances:")
    for instance in client.instances.list():
        address = instance.public_ip or "no public IP"
        print(f"  {instance.id}  {instance.name}  {instance.status}  {address}")


def main() -> None:
    if os.environ.get("GENESISCLOUD_TOKEN"):
        with genesiscloud.Client() as client:
            show(client)
        return
    print("GENESISCLOUD_TOKEN is not set: using the bundled Genesis Cloud API emulator.")
    with Emulator() as emulator, emulator.client() as client:
        show(client)


if __name__ == "__main__":
    main()
