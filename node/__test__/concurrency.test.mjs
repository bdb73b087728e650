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
  await emulator.reset({ seed: 'empty' })
  await emulator.seed({ images: 100, ssh_keys: 100 })
  const client = emulator.client()
  const images = (await client.images.listPage({ perPage: 100 })).items.map((i) => i.id)
  const keys = (await client.sshKeys.listPage({ perPage: 100 })).items.map((k) => k.id)
  assert.equal(new Set(images).size, 100)
  assert.equal(new Set(keys).size, 100)
  emulator.clearRequests()

  // Twenty different pages, each asked for fifty times at once: every
  // answer must be the page asked for, with its own items.
  const pages = Array.from({ length: 1000 }, (_, i) => (i % 20) + 1)
  const answers = await Promise.all(pages.map((page) => client.images.listPage({ page, perPage: 5 })))
  answers.forEach((answer, i) => {
    assert.equal(answer.page, pages[i])
    assert.deepEqual(
      answer.items.map((item) => item.id),
      images.slice((pages[i] - 1) * 5, pages[i] * 5),
    )
  })
  const listed = emulator.requests().map((r) => r.query)
  assert.deepEqual(listed.sort(), pages.map((page) => `page=${page}&per_page=5`).sort())
  emulator.clearRequests()

  // Half the gets name a real key, half a missing one: each answer or
  // error must be about the id it was asked for.
  const ids = Array.from({ length: 1000 }, (_, i) => (i % 2 ? `missing-${i}` : keys[i % 100]))
  const gets = await Promise.all(
    ids.map((id) =>
      client.sshKeys.get(id).then(
        (key) => key.id,
        (e) => `${e.code}:${e.message.includes(id) ? id : e.message}`,
      ),
    ),
  )
  assert.deepEqual(
    gets,
    ids.map((id) => (id.startsWith('missing-') ? `not_found:${id}` : id)),
  )
  const asked = emulator.requests().map((r) => `${r.path} ${r.status}`)
  assert.deepEqual(
    asked.sort(),
    ids.map((id) => `/compute/v1/ssh-keys/${id} ${id.startsWith('missing-') ? 404 : 200}`).sort(),
  )
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
