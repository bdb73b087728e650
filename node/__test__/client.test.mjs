// Building a client: options, environment variables, the user agent, and
// both module systems.

import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

import * as sdk from 'genesiscloud-sdk'
import { Client, InvalidArgumentError } from 'genesiscloud-sdk'
import { startEmulator } from './helpers.mjs'

let emulator
before(async () => {
  emulator = await startEmulator()
})
after(() => emulator.stop())

/** Runs `body` with environment variables set (or deleted, for undefined). */
async function withEnv(vars, body) {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  const apply = (values) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
  apply(vars)
  try {
    return await body()
  } finally {
    apply(saved)
  }
}

test('without a token the client fails at construction, naming the variable to set', async () => {
  await withEnv({ GENESISCLOUD_TOKEN: undefined }, () => {
    assert.throws(
      () => new Client({ baseUrl: emulator.baseUrl }),
      (e) => e instanceof InvalidArgumentError && e.code === 'invalid_argument' && /GENESISCLOUD_TOKEN/.test(e.message),
    )
  })
})

test('the token and base URL come from GENESISCLOUD_TOKEN and GENESISCLOUD_ENDPOINT', async () => {
  await withEnv({ GENESISCLOUD_TOKEN: emulator.token, GENESISCLOUD_ENDPOINT: emulator.baseUrl }, async () => {
    const client = new Client()
    assert.equal(client.baseUrl, emulator.baseUrl)
    const page = await client.images.listPage({ perPage: 1 })
    assert.equal(page.items.length, 1)
  })
})

test('options are checked by name and type', () => {
  const cases = [
    [{ timeout: 5 }, /unknown client option "timeout"/],
    [{ maxRetries: 'two' }, /maxRetries must be a non-negative integer/],
    [{ maxRetries: -1 }, /maxRetries must be a non-negative integer/],
    [{ timeoutMs: '5' }, /timeoutMs must be a number/],
    [{ perPage: 101 }, /per_page must be between 1 and 100/],
    [{ timeoutMs: -5 }, /timeoutMs must be a non-negative number/],
    [{ authScheme: 'basic' }, /auth scheme/],
    [{ baseUrl: 'http://api.example.com/compute/v1' }, /plain http/],
  ]
  for (const [options, message] of cases) {
    assert.throws(
      () => new Client({ token: 't', baseUrl: emulator.baseUrl, ...options }),
      (e) => e instanceof InvalidArgumentError && message.test(e.message),
      JSON.stringify(options),
    )
  }
})

test('settings reach the core: bearer auth, no retries', async () => {
  const client = emulator.client({ authScheme: 'bearer', maxRetries: 0 })
  assert.equal(client.authScheme, 'bearer')
  emulator.clearRequests()
  emulator.injectFault({ kind: 'status', status: 503, times: 1 })
  await assert.rejects(client.images.listPage(), (e) => e.code === 'server_error' && e.attempts === 1)
  assert.deepEqual(
    emulator.requests().map((r) => r.auth),
    ['bearer'],
  )
  emulator.clearFaults()
})

test('the user agent names node and its version', async () => {
  emulator.clearRequests()
  await emulator.client().images.listPage()
  const [request] = emulator.requests()
  assert.match(request.headers['user-agent'], new RegExp(`^genesiscloud-sdk/\\S+ \\(node/${process.versions.node}\\)$`))
})

test('require() and import give the very same classes', () => {
  const required = createRequire(import.meta.url)('genesiscloud-sdk')
  assert.equal(required.Client, sdk.Client)
  assert.equal(required.NotFoundError, sdk.NotFoundError)
  const testing = createRequire(import.meta.url)('genesiscloud-sdk/testing')
  assert.equal(typeof testing.Emulator.start, 'function')
})

test('the account calls return the wire objects', async () => {
  const client = emulator.client()
  const quotas = await client.quotas()
  assert.ok(Array.isArray(quotas) && quotas.length > 0 && typeof quotas[0].key === 'string')
  const reservations = await client.reservations()
  assert.ok(Array.isArray(reservations))
  const availability = await client.availability('NORD-NO-KRS-1')
  assert.equal(availability.region, 'NORD-NO-KRS-1')
  assert.ok(availability.instance_types.length > 0)
  assert.equal(typeof availability.instance_types[0].available, 'boolean')
})
