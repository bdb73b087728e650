// The testing Emulator's own API.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import util from 'node:util'

import { InvalidArgumentError } from 'genesiscloud-sdk'
import { Emulator } from 'genesiscloud-sdk/testing'

test('start, use, stop', async () => {
  const emulator = await Emulator.start()
  assert.match(emulator.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/compute\/v1$/)
  assert.equal(emulator.baseUrl, `${emulator.rootUrl}/compute/v1`)
  assert.equal(typeof emulator.token, 'string')
  assert.match(util.inspect(emulator), /^Emulator \{ baseUrl: /)
  const page = await emulator.client().images.listPage()
  assert.ok(page.total_count > 0)
  await emulator.stop()
  await emulator.stop()
  await assert.rejects(emulator.client({ maxRetries: 0 }).images.listPage(), (e) => e.code === 'connection')
  assert.throws(() => emulator.clearFaults(), InvalidArgumentError)
})

test('the constructor is not for users', () => {
  assert.throws(() => new Emulator(), TypeError)
})

test('seeds, reset, requests and the control settings', async () => {
  const emulator = await Emulator.start({ seed: 'empty', lifecycleDelayMs: 0 })
  try {
    const client = emulator.client()
    assert.equal((await client.images.listPage()).total_count, 0)
    await emulator.seed({ images: 30, volumes: 2 })
    assert.equal((await client.images.listPage()).total_count, 30)
    assert.equal((await client.volumes.listPage()).total_count, 2)
    const log = emulator.requests()
    assert.deepEqual(
      log.map((r) => [r.method, r.path, r.status]),
      [
        ['GET', '/compute/v1/images', 200],
        ['GET', '/compute/v1/images', 200],
        ['GET', '/compute/v1/volumes', 200],
      ],
    )
    assert.equal(log[0].headers['x-auth-token'], 'REDACTED')
    emulator.clearRequests()
    assert.deepEqual(emulator.requests(), [])

    emulator.configure({ rateLimit: 1 })
    const limited = emulator.client({ maxRetries: 0 })
    await limited.images.listPage()
    await assert.rejects(limited.images.listPage(), (e) => e.code === 'rate_limited')
    emulator.configure({ rateLimit: null })
    await limited.images.listPage()

    await emulator.reset({ seed: 'default' })
    assert.ok((await client.images.listPage()).total_count > 0)
    await emulator.reset()
    assert.equal((await client.images.listPage()).total_count, 0, 'reset() restores the seed it started with')
  } finally {
    await emulator.stop()
  }
})

test('faults are injected and cleared', async () => {
  const emulator = await Emulator.start()
  try {
    const client = emulator.client({ maxRetries: 0 })
    emulator.injectFault({ kind: 'status', status: 500, path: '/compute/v1/images', times: 1 })
    await assert.rejects(client.images.listPage(), (e) => e.code === 'server_error' && e.status === 500)
    await client.images.listPage()
    emulator.injectFault({ kind: 'status', status: 503 })
    emulator.clearFaults()
    await client.images.listPage()
  } finally {
    await emulator.stop()
  }
})

test('bad options and faults are InvalidArgumentErrors naming the problem', async () => {
  await assert.rejects(Emulator.start({ latncyMs: 5 }), (e) => e instanceof InvalidArgumentError && /latncyMs/.test(e.message))
  await assert.rejects(Emulator.start({ seed: 'full' }), InvalidArgumentError)
  const emulator = await Emulator.start()
  try {
    assert.throws(() => emulator.injectFault({ kind: 'explode' }), (e) => e instanceof InvalidArgumentError && /explode/.test(e.message))
    assert.throws(() => emulator.configure({ latency: 5 }), (e) => e instanceof InvalidArgumentError && /latency/.test(e.message))
    await assert.rejects(emulator.seed({ dragons: 3 }), InvalidArgumentError)
  } finally {
    await emulator.stop()
  }
})
