// Error classes and their fields, as a user catches them.

import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'

import * as sdk from 'genesiscloud-sdk'
import { startEmulator } from './helpers.mjs'
import { fromNative } from '../lib/errors.js'
import { call } from '../lib/call.js'
import { createClient } from '../lib/native.js'

let emulator
let client
before(async () => {
  emulator = await startEmulator()
  client = emulator.client({ maxRetries: 0 })
})
after(() => emulator.stop())

test('the classes form the SDK contract hierarchy', () => {
  const statusClasses = [
    sdk.BadRequestError,
    sdk.AuthenticationError,
    sdk.PermissionDeniedError,
    sdk.NotFoundError,
    sdk.ConflictError,
    sdk.UnprocessableEntityError,
    sdk.RateLimitError,
    sdk.InternalServerError,
  ]
  for (const cls of statusClasses) {
    const e = new cls('x')
    assert.ok(e instanceof sdk.APIStatusError && e instanceof sdk.GenesisCloudError && e instanceof Error, cls.name)
    assert.equal(e.name, cls.name)
  }
  assert.ok(new sdk.APITimeoutError('x') instanceof sdk.APIConnectionError)
  for (const cls of [sdk.InvalidArgumentError, sdk.DecodeError, sdk.WaitTimeoutError, sdk.AbortError, sdk.APIConnectionError, sdk.InternalError]) {
    const e = new cls('x')
    assert.ok(e instanceof sdk.GenesisCloudError && !(e instanceof sdk.APIStatusError), cls.name)
  }
  assert.equal(new sdk.AbortError('x').name, 'AbortError')
})

test('a panic inside the SDK is an InternalError, and the process goes on', async () => {
  // `__test.panic` exists in debug builds of the addon only: it panics
  // inside the SDK's runtime, as a bug in a real call would.
  const native = createClient({ nodeVersion: process.version, token: emulator.token, baseUrl: emulator.baseUrl })
  const e = await call(native, '__test.panic', '', undefined).catch((e) => e)
  assert.ok(e instanceof sdk.InternalError, String(e))
  assert.ok(e instanceof sdk.GenesisCloudError)
  assert.equal(e.code, 'internal')
  assert.match(e.message, /forced by the test hook/)
  assert.equal(e.requestSent, false)
  assert.ok((await client.images.listPage()).items.length > 0)
})

test('a 404 is a NotFoundError with status, API code, request id and attempts', async () => {
  const e = await client.instances.get('00000000-0000-0000-0000-000000000000').catch((e) => e)
  assert.ok(e instanceof sdk.NotFoundError)
  assert.equal(e.code, 'not_found')
  assert.equal(e.status, 404)
  assert.match(e.apiCode, /^\d{5}$/)
  assert.equal(typeof e.requestId, 'string')
  assert.equal(e.attempts, 1)
  assert.equal(e.requestSent, true)
  assert.equal(e.retryAfter, null)
  assert.match(e.message, /not_found: .*\(HTTP 404, code \d{5}, request id /)
})

test("the stack trace points at the caller's line", async () => {
  // The marker and the call share a line: the trace must name that line.
  const marker = new Error(); const e = await client.volumes.get('no-such-volume').catch((e) => e) // prettier-ignore
  const callLine = marker.stack.split('\n')[1].match(/errors\.test\.mjs:(\d+)/)[1]
  const frame = e.stack.split('\n').find((l) => l.includes('errors.test.mjs'))
  assert.ok(frame, e.stack)
  assert.match(frame, new RegExp(`errors\\.test\\.mjs:${callLine}:`))
})

test('a 429 with a long Retry-After is a RateLimitError carrying retryAfter in seconds', async () => {
  emulator.injectFault({ kind: 'rate_limit', retry_after: '120', times: 1 })
  const e = await emulator.client().images.listPage().catch((e) => e)
  emulator.clearFaults()
  assert.ok(e instanceof sdk.RateLimitError)
  assert.equal(e.status, 429)
  assert.equal(e.retryAfter, 120)
  assert.equal(e.requestSent, false)
})

test('a timeout is an APITimeoutError, which is an APIConnectionError', async () => {
  emulator.injectFault({ kind: 'latency', latency_ms: 2000, times: 1 })
  const e = await emulator.client({ timeoutMs: 100, maxRetries: 0 }).images.listPage().catch((e) => e)
  emulator.clearFaults()
  assert.ok(e instanceof sdk.APITimeoutError && e instanceof sdk.APIConnectionError)
  assert.equal(e.code, 'timeout')
})

test('waitUntil that gives up is a WaitTimeoutError with the last status, polls and time waited', async () => {
  emulator.configure({ lifecycleDelayMs: 10_000 })
  try {
    const volume = await client.volumes.create({ name: 'slow', region: 'NORD-NO-KRS-1', size: 1 })
    const e = await client.volumes
      .waitUntil(volume.id, 'created', { timeoutMs: 300, intervalMs: 50 })
      .catch((e) => e)
    assert.ok(e instanceof sdk.WaitTimeoutError)
    assert.equal(e.code, 'wait_timeout')
    assert.equal(e.lastStatus, 'creating')
    assert.ok(e.polls >= 2, `polls ${e.polls}`)
    assert.ok(e.waitedMs >= 300, `waitedMs ${e.waitedMs}`)
  } finally {
    emulator.configure({ lifecycleDelayMs: 0 })
  }
})

test('arguments of the wrong type are InvalidArgumentErrors, before anything is sent', async () => {
  emulator.clearRequests()
  const calls = [
    () => client.instances.get(42),
    () => client.volumes.create('not an object'),
    () => client.volumes.create({ name: 'x' }),
    () => client.instances.performAction('id', 7),
    () => client.images.listPage({}, { signal: 'nope' }),
    () => client.instances.waitUntil('id', 'active', { timeoutMs: 'soon' }),
    () => client.instances.get(''),
  ]
  for (const call of calls) {
    await assert.rejects(call, (e) => e instanceof sdk.InvalidArgumentError && e.requestSent === false, call.toString())
  }
  await assert.rejects(
    async () => {
      for await (const _ of client.images.list({ perPage: 0 }));
    },
    sdk.InvalidArgumentError,
  )
  assert.equal(emulator.requests().length, 0)
})

test('a code this version does not know becomes a plain GenesisCloudError', () => {
  const e = fromNative({ code: 'brand_new', text: 'brand_new: something', attempts: 1, requestSent: true })
  assert.equal(e.constructor, sdk.GenesisCloudError)
  assert.equal(e.code, 'brand_new')
  assert.equal(e.message, 'brand_new: something')
})
