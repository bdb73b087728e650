// Testing your own code against the bundled emulator, with faults: an ES
// module with top-level await (type-checked with the other examples).
//
//   node examples/testing.mts   (Node >= 23.6 runs TypeScript directly)

import assert from 'node:assert/strict'

import { AbortError, InternalServerError, type Volume } from 'genesiscloud-sdk'
import { Emulator, type RecordedRequest } from 'genesiscloud-sdk/testing'

const emulator = await Emulator.start({ seed: 'empty', lifecycleDelayMs: 0 })
try {
  const client = emulator.client({ maxRetries: 1 })

  // The code under test: create a volume and wait until it is usable.
  async function provision(name: string): Promise<Volume> {
    const volume = await client.volumes.create({ name, region: 'NORD-NO-KRS-1', size: 10, type: 'ssd' })
    return client.volumes.waitUntil(volume.id, 'created', { timeoutMs: 5_000, intervalMs: 50 })
  }

  assert.equal((await provision('data')).status, 'created')

  // A server that keeps failing: POST is not retried, so one request only.
  emulator.injectFault({ kind: 'status', status: 503, method: 'POST' })
  emulator.clearRequests()
  await assert.rejects(provision('flaky'), InternalServerError)
  const posts: RecordedRequest[] = emulator.requests().filter((r) => r.method === 'POST')
  assert.equal(posts.length, 1)
  emulator.clearFaults()

  // A slow server and an impatient caller.
  emulator.configure({ latencyMs: 2_000 })
  await assert.rejects(client.volumes.listPage({}, { signal: AbortSignal.timeout(100) }), AbortError)
  emulator.configure({ latencyMs: 0 })

  console.log('all checks passed')
} finally {
  await emulator.stop()
}
