// waitUntil's onProgress: told of every poll on the main thread, awaited
// before the next poll, and able to stop the wait with the very value it
// throws; the process still exits promptly afterwards.

import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { isMainThread } from 'node:worker_threads'
import { setTimeout as sleep } from 'node:timers/promises'

import { InvalidArgumentError } from 'genesiscloud-sdk'
import { startEmulator } from './helpers.mjs'

const FAST = { intervalMs: 50, maxIntervalMs: 50, timeoutMs: 5_000 }

let emulator
before(async () => {
  emulator = await startEmulator()
})
after(() => emulator.stop())

async function createVolume(client, name = 'watched') {
  return client.volumes.create({ name, region: 'NORD-NO-KRS-1', size: 1 })
}

function statuses(seen) {
  const out = []
  for (const p of seen) if (out.length === 0 || out[out.length - 1] !== p.status) out.push(p.status)
  return out
}

function checkInOrder(seen) {
  assert.deepEqual(seen.map((p) => p.polls), seen.map((_, i) => i + 1))
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i].elapsedMs >= seen[i - 1].elapsedMs)
}

const gets = () => emulator.requests().filter((r) => r.method === 'GET').length

test('every poll is told, the last one and a 404 (null) included', async () => {
  emulator.configure({ lifecycleDelayMs: 500 })
  try {
    const client = emulator.client()
    const volume = await createVolume(client)
    const seen = []
    const done = await client.volumes.waitUntil(volume.id, 'created', {
      ...FAST,
      onProgress: (p) => {
        assert.ok(isMainThread)
        seen.push(p)
      },
    })
    assert.equal(done.status, 'created')
    assert.deepEqual(statuses(seen), ['creating', 'created'])
    assert.deepEqual(Object.keys(seen[0]).sort(), ['elapsedMs', 'polls', 'status'])
    checkInOrder(seen)

    await client.volumes.delete(volume.id)
    seen.length = 0
    const gone = await client.volumes.waitUntil(volume.id, 'deleted', { ...FAST, onProgress: (p) => seen.push(p) })
    assert.equal(gone, null)
    assert.deepEqual(statuses(seen), ['deleting', null])
    checkInOrder(seen)
  } finally {
    emulator.configure({ lifecycleDelayMs: 0 })
  }
})

test('a throwing callback rejects the wait with that very value, and no poll follows', async () => {
  emulator.configure({ lifecycleDelayMs: 60_000 })
  try {
    const client = emulator.client()
    const volume = await createVolume(client)
    const thrown = new Error('enough')
    emulator.clearRequests()
    const e = await client.volumes
      .waitUntil(volume.id, 'created', {
        ...FAST,
        onProgress: (p) => {
          if (p.polls === 2) throw thrown
        },
      })
      .catch((e) => e)
    assert.equal(e, thrown)
    assert.equal(gets(), 2)
    await sleep(150)
    assert.equal(gets(), 2, 'no poll after the stop')

    // Any value, not only an Error.
    const value = await client.volumes
      .waitUntil(volume.id, 'created', {
        ...FAST,
        onProgress: () => {
          throw 42 // eslint-disable-line no-throw-literal
        },
      })
      .catch((e) => e)
    assert.equal(value, 42)
  } finally {
    emulator.configure({ lifecycleDelayMs: 0 })
  }
})

test('an async callback is awaited before the next poll, and its rejection ends the wait', async () => {
  emulator.configure({ lifecycleDelayMs: 60_000 })
  try {
    const client = emulator.client()
    const volume = await createVolume(client)
    let running = 0
    let overlapped = false
    const seen = []
    const rejection = new Error('async enough')
    const e = await client.volumes
      .waitUntil(volume.id, 'created', {
        ...FAST,
        onProgress: async (p) => {
          running += 1
          overlapped ||= running > 1
          await sleep(80)
          seen.push(p)
          running -= 1
          if (p.polls === 3) throw rejection
        },
      })
      .catch((e) => e)
    assert.equal(e, rejection)
    assert.equal(overlapped, false)
    assert.equal(seen.length, 3)
    checkInOrder(seen)
  } finally {
    emulator.configure({ lifecycleDelayMs: 0 })
  }
})

test('onProgress that is not a function is refused', async () => {
  const client = emulator.client()
  await assert.rejects(client.volumes.waitUntil('id', 'created', { onProgress: 3 }), (e) => {
    assert.ok(e instanceof InvalidArgumentError)
    assert.match(e.message, /onProgress must be a function, not number/)
    return true
  })
})

test('the process exits promptly after a wait whose callback threw', async () => {
  // A threadsafe function left holding the event loop would keep this
  // child alive until the runner's timeout.
  const script = `
    import { Emulator } from 'genesiscloud-sdk/testing'
    const emulator = await Emulator.start({ lifecycleDelayMs: 60000 })
    const client = emulator.client()
    const volume = await client.volumes.create({ name: 'x', region: 'NORD-NO-KRS-1', size: 1 })
    const e = await client.volumes.waitUntil(volume.id, 'created', {
      intervalMs: 20, onProgress: (p) => { if (p.polls === 2) throw new Error('stop') },
    }).catch((e) => e)
    await client.volumes.waitUntil(volume.id, 'creating', { onProgress: () => {} })
    emulator.stop()
    console.log(e.message)
  `
  const started = Date.now()
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('..', import.meta.url),
    timeout: 30_000,
  })
  assert.equal(stdout.trim(), 'stop')
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`)
})
