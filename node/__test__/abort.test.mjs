// Cancelling with an AbortSignal: mid-request, before the call, and in the
// middle of a list; leaving a list early stops its requests.

import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'

import { AbortError, GenesisCloudError } from 'genesiscloud-sdk'
import { startEmulator } from './helpers.mjs'

let emulator
before(async () => {
  emulator = await startEmulator({ seed: 'empty' })
  await emulator.seed({ images: 2500 })
})
after(() => emulator.stop())

test('aborting mid-request rejects promptly with AbortError', async () => {
  const client = emulator.client()
  emulator.injectFault({ kind: 'latency', latency_ms: 5000 })
  try {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const started = Date.now()
    const e = await client.images.listPage({}, { signal: controller.signal }).catch((e) => e)
    assert.ok(e instanceof AbortError && e instanceof GenesisCloudError, String(e))
    assert.equal(e.code, 'cancelled')
    assert.equal(e.name, 'AbortError')
    // Well before the 5 s the server would take.
    assert.ok(Date.now() - started < 4000)
  } finally {
    emulator.clearFaults()
  }
})

test("the signal's reason is the AbortError's cause", async () => {
  const client = emulator.client()
  emulator.injectFault({ kind: 'latency', latency_ms: 5000 })
  try {
    const reason = new Error('user pressed stop')
    const controller = new AbortController()
    setTimeout(() => controller.abort(reason), 20)
    const e = await client.instances.get('x', { signal: controller.signal }).catch((e) => e)
    assert.ok(e instanceof AbortError)
    assert.equal(e.cause, reason)
  } finally {
    emulator.clearFaults()
  }
})

test('an already aborted signal sends nothing', async () => {
  const client = emulator.client()
  emulator.clearRequests()
  await assert.rejects(client.images.listPage({}, { signal: AbortSignal.abort() }), AbortError)
  await assert.rejects(async () => {
    for await (const _ of client.images.list({}, { signal: AbortSignal.abort() }));
  }, AbortError)
  assert.equal(emulator.requests().length, 0)
})

test('a signal that never fires changes nothing', async () => {
  const client = emulator.client()
  const controller = new AbortController()
  const page = await client.images.listPage({ perPage: 5 }, { signal: controller.signal })
  assert.equal(page.items.length, 5)
})

test('aborting in the middle of a list rejects the iteration with AbortError', async () => {
  const client = emulator.client()
  emulator.injectFault({ kind: 'latency', latency_ms: 5000, query: 'page=3&' })
  try {
    const controller = new AbortController()
    let seen = 0
    const e = await (async () => {
      for await (const _ of client.images.list({}, { signal: controller.signal })) {
        seen++
        if (seen === 150) setTimeout(() => controller.abort(), 20)
      }
    })().catch((e) => e)
    assert.ok(e instanceof AbortError, String(e))
    assert.equal(seen, 200, 'the two pages before the slow one were all delivered')
  } finally {
    emulator.clearFaults()
  }
})

test('leaving a list early cancels the page requests in flight and starts no more', async () => {
  const client = emulator.client({ concurrency: 4 })
  emulator.clearRequests()
  emulator.injectFault({ kind: 'latency', latency_ms: 1000, query: 'page=' })
  try {
    for await (const image of client.images.list()) {
      assert.equal(typeof image.id, 'string')
      break
    }
    // Past the latency: a request still running would have been answered.
    await sleep(1500)
    const log = emulator.requests()
    // The first page, then at most `concurrency` pages; 25 pages would
    // follow if the list were still running.
    assert.ok(log.length <= 5, `${log.length} requests`)
    assert.equal(log[0].status, 200)
    assert.deepEqual(
      log.slice(1).map((r) => r.status),
      log.slice(1).map(() => null),
      'the pages in flight were dropped, not answered',
    )
  } finally {
    emulator.clearFaults()
  }
})

test('aborting a waitUntil stops the polling with AbortError', async () => {
  emulator.configure({ lifecycleDelayMs: 60_000 })
  try {
    const client = emulator.client()
    const volume = await client.volumes.create({ name: 'never-ready', region: 'NORD-NO-KRS-1', size: 1 })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    await assert.rejects(
      client.volumes.waitUntil(volume.id, 'created', { intervalMs: 20, signal: controller.signal }),
      AbortError,
    )
    emulator.clearRequests()
    await sleep(100)
    assert.equal(emulator.requests().length, 0, 'no poll after the abort')
  } finally {
    emulator.configure({ lifecycleDelayMs: 0 })
  }
})

test('one signal may guard many concurrent calls: aborting cancels them all, without a listener warning', async () => {
  const warnings = []
  const onWarning = (w) => warnings.push(w)
  process.on('warning', onWarning)
  const client = emulator.client()
  emulator.injectFault({ kind: 'latency', latency_ms: 5000 })
  try {
    const controller = new AbortController()
    const calls = Array.from({ length: 50 }, (_, i) =>
      i % 2 ? client.images.listPage({}, { signal: controller.signal }) : collectFirst(client.images.list({}, { signal: controller.signal })),
    )
    setTimeout(() => controller.abort(), 50)
    const outcomes = await Promise.allSettled(calls)
    assert.ok(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof AbortError))
    await sleep(10)
    assert.deepEqual(
      warnings.map((w) => w.name),
      [],
    )
  } finally {
    process.off('warning', onWarning)
    emulator.clearFaults()
  }
})

async function collectFirst(iterable) {
  for await (const item of iterable) return item
  return undefined
}
