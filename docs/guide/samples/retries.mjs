import assert from 'node:assert/strict'
import { InternalServerError } from 'genesiscloud-sdk'
import { Emulator } from 'genesiscloud-sdk/testing'

const emulator = await Emulator.start()
const client = emulator.client()
try {
  // A GET answered 503 twice is retried, and the third attempt succeeds.
  emulator.injectFault({ kind: 'status', status: 503, method: 'GET', path: '/compute/v1/images', times: 2 })
  console.log((await client.images.listPage()).items.length, 'images after two retries')

  // A POST that may have reached the server is never sent again.
  emulator.injectFault({ kind: 'status', status: 503, method: 'POST', path: '/compute/v1/volumes', times: 1 })
  try {
    await client.volumes.create({ name: 'data', region: 'NORD-NO-KRS-1', size: 10 })
  } catch (error) {
    if (!(error instanceof InternalServerError)) throw error
    console.log(error.code, 'attempts:', error.attempts, 'requestSent:', error.requestSent)
    assert.ok(error.requestSent) // look before creating it again
  }
} finally {
  await emulator.stop()
}
