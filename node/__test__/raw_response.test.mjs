// The raw answer of a successful call: `.withResponse()` on every call's
// Promise and the `onResponse` option, with the allow-list over headers and
// the token kept out.

import { after, afterEach, before, test } from 'node:test'
import assert from 'node:assert/strict'

import { Client, InvalidArgumentError, NotFoundError } from 'genesiscloud-sdk'
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

const client = () => new Client({ token: emulator.token, baseUrl: emulator.baseUrl })

test('withResponse() gives the result and the raw answer, retries counted', async () => {
  emulator.injectFault({ kind: 'status', status: 503, times: 1, path: IMAGES })
  const { data, response } = await client().images.listPage({ perPage: 2 }).withResponse()
  assert.equal(data.items.length, 2)
  assert.equal(response.method, 'GET')
  assert.equal(response.path, `${IMAGES}?per_page=2`)
  assert.equal(response.status, 200)
  assert.equal(response.attempts, 2)
  assert.ok(response.elapsedMs > 0)
  assert.ok(response.requestId)
  assert.equal(response.headers['x-request-id'], response.requestId)
  assert.equal(response.headers['content-type'], 'application/json')
})

test('headers off the allow-list read REDACTED and the token never shows', async () => {
  const { data, response } = await client().quotas().withResponse()
  assert.ok(Array.isArray(data))
  assert.equal(response.headers.date, 'REDACTED')
  assert.ok(!JSON.stringify(response).includes(emulator.token))
})

test('a call still works as a plain Promise, and withResponse() after it started is refused', async () => {
  const c = client()
  const call = c.quotas()
  assert.ok(call instanceof Promise)
  assert.ok(Array.isArray(await call))
  await assert.rejects(call.withResponse(), (e) => e instanceof InvalidArgumentError && /before the call is awaited/.test(e.message))
})

test('a call starts without being awaited', async () => {
  client().quotas()
  await new Promise((resolve) => setTimeout(resolve, 200))
  assert.equal(emulator.requests().length, 1)
})

test('a failing call rejects withResponse() with its error', async () => {
  const c = client()
  await assert.rejects(c.sshKeys.get('00000000-0000-0000-0000-000000000000').withResponse(), NotFoundError)
  await assert.rejects(c.sshKeys.get('').withResponse(), InvalidArgumentError)
})

test('onResponse is told of every page of a lazy list, and of a single call', async () => {
  emulator.seed({ images: 7 })
  const c = client()
  const seen = []
  let items = 0
  for await (const _ of c.images.list({ perPage: 5 }, { onResponse: (r) => seen.push(r) })) items++
  const pages = Math.ceil(items / 5)
  assert.equal(seen.length, pages)
  assert.deepEqual(
    seen.map((r) => r.path).sort(),
    Array.from({ length: pages }, (_, i) => `${IMAGES}?page=${i + 1}&per_page=5`).sort(),
  )
  const heard = []
  const { response } = await c.images.listPage({}, { onResponse: (r) => heard.push(r) }).withResponse()
  assert.deepEqual(heard.map((r) => r.requestId), [response.requestId])
})

test('an onResponse that is not a function is an InvalidArgumentError', async () => {
  await assert.rejects(client().quotas({ onResponse: 3 }), (e) => e instanceof InvalidArgumentError && e.message.includes('onResponse must be a function, not number'))
})

test('what onResponse throws rejects the call', async () => {
  const thrown = new Error('seen')
  await assert.rejects(client().quotas({ onResponse: () => { throw thrown } }), (e) => e === thrown)
})
