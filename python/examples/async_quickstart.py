"""The quickstart with asyncio: fetches images, instances and volumes
concurrently, then waits for a new volume to be ready.

With GENESISCLOUD_TOKEN set it talks to the real API (and creates, then
deletes, a 1 GiB volume); otherwise it starts the bundled emulator.

    python examples/async_quickstart.py
"""

from __future__ import annotations

import asyncio
import os

import genesiscloud
from genesiscloud.testing import Emulator


def show_progress(p: genesiscloud.WaitProgress) -> None:
    print(f"\rwaiting for created: status={p.status}, poll {p.polls}, {p.elapsed:.1f} s", end="", flush=True)


async def show(client: genesiscloud.AsyncClient) -> None:
    images, instances, volumes = await asyncio.gather(
        client.images.list_page(per_page=100),
        client.instances.list_page(per_page=100),
        client.volumes.list_page(per_page=100),
    )
    print(f"{images.total_count} images, {instances.total_count} instances, {volumes.total_count} volumes")
    async for instance in client.instances.list():
        print(f"  {instance.name}: {instance.status} in {instance.region}")

    volume = await client.volumes.create(name="quickstart-scratch", region="NORD-NO-KRS-1", size=1)
    print(f"created volume {volume.id} ({volume.status})")
    try:
        ready = await client.volumes.wait_until(volume.id, "created", timeout=300, on_progress=show_progress)
        print(f"\nvolume {ready.id} is {ready.status}")
    except genesiscloud.WaitTimeoutError as e:
        print(f"gave up after {e.polls} polls; last status {e.last_status}")
    finally:
        await client.volumes.delete(volume.id)


async def main() -> None:
    if os.environ.get("GENESISCLOUD_TOKEN"):
        async with genesiscloud.AsyncClient() as client:
            await show(client)
        return
    print("GENESISCLOUD_TOKEN is not set: using the bundled Genesis Cloud API emulator.")
    with Emulator() as emulator:
        async with emulator.async_client() as client:
            await show(client)


if __name__ == "__main__":
    asyncio.run(main())
