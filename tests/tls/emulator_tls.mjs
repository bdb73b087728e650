// The Node SDK's in-process `Emulator.start({ tls: true })`: an https://
// URL, the CA at `caPath` trusted by `client()`, HTTP/2 in its request log,
// and the expired certificate refused without a retry. Prints `ok`.

import assert from 'node:assert/strict'

import { APIConnectionError } from '../../node/index.mjs'
import { Emulator } from '../../node/testing.mjs'

const emulator = await Emulator.start({ tls: true })
try {
  assert.match(emulator.baseUrl, /^https:\/\/127\.0\.0\.1:/)
  assert.ok(emulator.caPath)
  let n = 0
  for await (const _ of emulator.client().images.list()) n += 1
  assert.ok(n > 0)
  assert.deepEqual(new Set(emulator.requests().map((r) => r.http_version)), new Set(['HTTP/2.0']))
} finally {
  await emulator.stop()
}

const expired = await Emulator.start({ tls: true, certificate: 'expired' })
try {
  await assert.rejects(expired.client({ maxRetries: 3 }).images.listPage(), (e) => {
    assert.ok(e instanceof APIConnectionError)
    assert.equal(e.code, 'connection')
    assert.equal(e.attempts, 1)
    assert.match(e.message, /has expired/)
    return true
  })
} finally {
  await expired.stop()
}
console.log('ok')
