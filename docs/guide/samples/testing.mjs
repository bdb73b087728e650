import assert from 'node:assert/strict'
import { InternalServerError } from 'genesiscloud-sdk'
import { Emulator } from 'genesiscloud-sdk/testing'

const emulator = await Emulator.start()
try {
  const client = emulator.client({ maxRetries: 0 })
  emulator.injectFault({ kind: 'status', status: 500, path: '/compute/v1/instances', times: 1 })
  await assert.rejects(client.instances.listPage(), (error) =>
    error instanceof InternalServerError && error.status === 500 && error.attempts === 1)
  console.log(emulator.requests().length, 'requests reached the emulator')
} finally {
  await emulator.stop()
}
