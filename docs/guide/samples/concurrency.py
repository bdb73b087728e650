import asyncio

import genesiscloud


async def main() -> None:
    async with genesiscloud.AsyncClient() as client:
        created = await asyncio.gather(
            *(client.volumes.create(name=f"scratch-{i}", region="NORD-NO-KRS-1", size=10) for i in (1, 2, 3))
        )

        limit = asyncio.Semaphore(2)  # at most 2 calls in flight

        async def get(volume_id: str) -> genesiscloud.Volume:
            async with limit:
                return await client.volumes.get(volume_id)

        for volume in await asyncio.gather(*(get(v.id) for v in created)):
            print(volume.name, volume.status)
        await asyncio.gather(*(client.volumes.delete(v.id) for v in created))


asyncio.run(main())
