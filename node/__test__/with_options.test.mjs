// client.withOptions(): a client derived from another, with its own
// retries, timeout and headers, the parent's connections, and the parent
// unchanged.

import { after, afterEach, before, test } from 'node:test'
import assert from 'node:assert/strict'

import { APITimeoutError, Client, InternalServerError, InvalidArgumentError } from 'genesiscloud-sdk'
import { startEmulator } from './helpers.mjs'

const IMAGES = '/compute/v1/images'

let emulator
before(async () => {
  emulator = await startEmulator()
})
afterEach(() => {
  emulator.clearFaults()
  emulator.clearRequests()
})
after(() => emulator.stop())

const parentClient = () => new Client({ token: emulator.token, baseUrl: emulator.baseUrl })

test('the derived client retries as told and the parent as before', async () => {
  emulator.injectFault({ kind: 'status', status: 503, path: IMAGES })
  const parent = parentClient()
  const child = parent.withOptions({ maxRetries: 0 })
  assert.ok(child instanceof Client)
  await assert.rejects(child.images.listPage(), (e) => e instanceof InternalServerError && e.attempts === 1)
  assert.equal(emulator.requests().length, 1)
  emulator.clearRequests()
  await assert.rejects(parent.images.listPage(), (e) => e instanceof InternalServerError && e.attempts === 3)
  assert.equal(emulator.requests().length, 3)
})

test('the derived client times out as told and the parent waits', async () => {
  emulator.injectFault({ kind: 'latency', latency_ms: 400, path: IMAGES })
  const parent = parentClient()
  const child = parent.withOptions({ timeoutMs: 100, maxRetries: 0 })
  await assert.rejects(child.images.listPage(), (e) => e instanceof APITimeoutError && e.attempts === 1)
  assert.ok((await parent.images.listPage()).items.length > 0)
})

test("the derived client's headers reach the server and the parent's requests lack them", async () => {
  const parent = parentClient()
  const child = parent.withOptions({ headers: { 'X-Trace-Id': 'nightly' } })
  await child.images.listPage()
  await parent.images.listPage()
  await child.withOptions({ headers: { 'X-Team': 'ml' } }).images.listPage()
  const seen = emulator.requests()
  assert.equal(seen[0].headers['x-trace-id'], 'nightly')
  assert.equal(seen[1].headers['x-trace-id'], undefined)
  assert.deepEqual([seen[2].headers['x-trace-id'], seen[2].headers['x-team']], ['nightly', 'ml'])
  assert.ok(seen.every((r) => r.authenticated))
})

test('the auth header cannot be overridden', () => {
  const parent = parentClient()
  for (const name of ['X-Auth-Token', 'Authorization']) {
    assert.throws(
      () => parent.withOptions({ headers: { [name]: 'forged' } }),
      (e) => e instanceof InvalidArgumentError && e.message.includes(`the ${name.toLowerCase()} header cannot be set`),
      name,
    )
  }
  assert.equal(emulator.requests().length, 0)
})

test("bad values get the constructor's message", () => {
  const parent = parentClient()
  const cases = [
    { timeoutMs: -5 },
    { timeoutMs: 0 },
    { timeoutMs: '5' },
    { deadlineMs: 0 },
    { maxRetries: -1 },
    { perPage: 101 },
    { concurrency: 0 },
  ]
  for (const options of cases) {
    const message = (f) => {
      try {
        f()
      } catch (e) {
        assert.ok(e instanceof InvalidArgumentError, JSON.stringify(options))
        return e.message
      }
      assert.fail(`accepted ${JSON.stringify(options)}`)
    }
    const constructed = message(() => new Client({ token: 't', baseUrl: emulator.baseUrl, ...options }))
    assert.equal(message(() => parent.withOptions(options)), constructed, JSON.stringify(options))
  }
})

test('settings a derived client cannot change, and bad headers, are refused', () => {
  const parent = parentClient()
  const cases = [
    [{ proxy: 'http://127.0.0.1:1' }, /unknown withOptions option "proxy"/],
    [{ token: 'other' }, /unknown withOptions option "token"/],
    [{ headers: [['X-A', '1']] }, /headers must be an object of strings/],
    [{ headers: { 'X-A': 1 } }, /headers\["X-A"\] must be a string/],
    [{ headers: { 'X A': '1' } }, /not a valid header name/],
  ]
  for (const [options, message] of cases) {
    assert.throws(
      () => parent.withOptions(options),
      (e) => e instanceof InvalidArgumentError && message.test(e.message),
      JSON.stringify(options),
    )
  }
})
