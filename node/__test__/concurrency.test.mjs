// Many calls at once on one client, and an event loop that stays free.

import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'

import { startEmulator } from './helpers.mjs'

let emulator
before(async () => {
  emulator = await startEmulator()
})
after(() => emulator.stop())

test('1,000 concurrent calls on one client all resolve, each with its own answer', async () => {
  const client = emulator.client()
  const { items } = await client.images.listPage({ perPage: 10 })
  const ids = Array.from({ length: 1000 }, (_, i) => items[i % items.length].id)
  const results = await Promise.all(ids.map((id) => client.images.listPage({ page: 1, perPage: 10 }).then(() => id)))
  assert.deepEqual(results, ids)
  const gets = await Promise.all(
    Array.from({ length: 1000 }, (_, i) =>
      client.instances.get(`missing-${i}`).catch((e) => `${e.code}:${e.message.includes(`missing-${i}`)}`),
    ),
  )
  assert.deepEqual(new Set(gets), new Set(['not_found:true']))
})

test('the event loop keeps running while a slow call is in flight', async () => {
  const client = emulator.client()
  emulator.injectFault({ kind: 'latency', latency_ms: 500, times: 1 })
  let ticks = 0
  const timer = setInterval(() => ticks++, 10)
  try {
    await client.images.listPage()
  } finally {
    clearInterval(timer)
    emulator.clearFaults()
  }
  // A call that blocked the loop would let no tick through at all.
  assert.ok(ticks >= 5, `only ${ticks} ticks during a 500 ms call`)
})
