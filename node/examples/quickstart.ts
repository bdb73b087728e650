// The quickstart in TypeScript (type-checked in CI with `tsc --strict`).
// Run it with a TypeScript runner, e.g. `npx tsx examples/quickstart.ts`.

import { Client, GenesisCloudError, NotFoundError, type Image, type Instance } from 'genesiscloud-sdk'
import { Emulator } from 'genesiscloud-sdk/testing'

async function main(): Promise<void> {
  let emulator: Emulator | undefined
  let client: Client
  if (process.env.GENESISCLOUD_TOKEN) {
    client = new Client({ timeoutMs: 30_000, maxRetries: 3 })
    console.log(`Using the Genesis Cloud API at ${client.baseUrl}`)
  } else {
    emulator = await Emulator.start()
    client = emulator.client()
    console.log(`GENESISCLOUD_TOKEN is not set: using the bundled emulator at ${emulator.baseUrl}`)
  }
  try {
    const images: Image[] = []
    for await (const image of client.images.list({ type: 'cloud-image' })) images.push(image)
    console.log(`${images.length} cloud images, e.g. ${images[0]?.name ?? 'none'}`)

    const page = await client.instances.listPage({ page: 1, perPage: 10 })
    console.log(`${page.total_count} instances; the first ${page.items.length}:`)
    page.items.forEach((instance: Instance) => console.log(`  ${instance.name}: ${instance.status}`))

    // A lookup that should answer fast: its own client, on the same connections.
    const quick: Client = client.withOptions({ timeoutMs: 5_000, maxRetries: 0, headers: { 'X-Purpose': 'quickstart' } })
    try {
      await quick.instances.get('00000000-0000-0000-0000-000000000000', { signal: AbortSignal.timeout(10_000) })
    } catch (error) {
      if (error instanceof NotFoundError) console.log(`As expected: ${error.code} (HTTP ${error.status})`)
      else throw error
    }
  } catch (error) {
    if (error instanceof GenesisCloudError) {
      console.error(`Failed: ${error.code}: ${error.message} (request sent: ${error.requestSent})`)
      process.exitCode = 1
    } else {
      throw error
    }
  } finally {
    await emulator?.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
